package aggregation

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRobustPolicyValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *RobustConfig)
		ok     bool
	}{
		{"default", func(*RobustConfig) {}, true},
		{"empty", func(c *RobustConfig) { *c = RobustConfig{} }, false},
		{"zero false-flag rate", func(c *RobustConfig) { c.FalseFlagRate = 0 }, false},
		{"false-flag rate of a half", func(c *RobustConfig) { c.FalseFlagRate = 0.5 }, false},
		{"NaN false-flag rate", func(c *RobustConfig) { c.FalseFlagRate = math.NaN() }, false},
		{"stricter rate", func(c *RobustConfig) { c.FalseFlagRate = 0.001 }, true},
		{"flags in rounds of three", func(c *RobustConfig) { c.MinRelativeUpdates = 3 }, false},
		{"one contributor", func(c *RobustConfig) { c.MinContributors = 1 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultRobustConfig()
			tt.change(&cfg)
			p, err := NewRobustPolicy(cfg)
			if !tt.ok {
				assert.ErrorIs(t, err, ErrInvalidConfig)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, cfg, p.Config())
		})
	}
}

// A configuration of the retired calibrated rule is refused with an error
// that says what replaced it, not silently read as the defaults.
func TestRobustConfigJSON(t *testing.T) {
	b, err := json.Marshal(DefaultRobustConfig())
	require.NoError(t, err)
	var back RobustConfig
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, DefaultRobustConfig(), back)

	err = json.Unmarshal([]byte(`{"min_cosine":0,"max_norm_ratio":4,"max_norm_spread":2,"min_contributors":2}`), &back)
	require.ErrorIs(t, err, ErrInvalidConfig)
	assert.Contains(t, err.Error(), "retired calibrated rule")
	assert.Contains(t, err.Error(), "false_flag_rate")

	err = json.Unmarshal([]byte(`{"false_flag_rate":0.02,"false_flag":0.1}`), &back)
	require.ErrorIs(t, err, ErrInvalidConfig)
	assert.Contains(t, err.Error(), "false_flag")
}

func TestStudentTQuantile(t *testing.T) {
	// Values from standard t tables.
	tests := []struct{ nu, prob, want float64 }{
		{1, 0.975, 12.7062}, {3, 0.99, 4.5407}, {5, 0.99, 3.3649}, {9, 0.99, 2.8214}, {30, 0.99, 2.4573}, {2.5, 0.99, 5.3531},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("nu=%g p=%g", tt.nu, tt.prob), func(t *testing.T) {
			assert.InDelta(t, tt.want, studentTQuantile(tt.nu, tt.prob), 2e-3)
		})
	}
	assert.Equal(t, 0.5, regularizedBeta(0.5, 3, 3))
}

// TestFalseFlagRateHolds checks the stated false-flag rate: when a round's
// honest scores are normal about their median, each test flags an honest
// update with probability at most α/2, whatever the round's size. With the
// most colluders an honest majority allows sitting at the honest median
// (the "a little is enough" framing: they shrink a plain MAD), the rate
// stays within 2.5α, and there the threshold is not needlessly high.
func TestFalseFlagRateHolds(t *testing.T) {
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	alpha := policy.Config().FalseFlagRate
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{4, 5, 6, 8, 10, 20, 40} {
		most, _, _ := honestMajorityOrder(n)
		for _, colluders := range []int{0, most} {
			t.Run(fmt.Sprintf("n=%d colluders=%d", n, colluders), func(t *testing.T) {
				tau := policy.Threshold(n)
				flags, total := 0, 0
				xs := make([]float64, n)
				for range 200000 / n {
					for i := range xs {
						xs[i] = 3 + 0.7*r.NormFloat64()
					}
					centre := medianOf(xs[colluders:])
					for i := range colluders {
						xs[i] = centre
					}
					z := upperZ(xs, 0, tau)
					for _, v := range z[colluders:] {
						total++
						if v > tau {
							flags++
						}
					}
				}
				rate := float64(flags) / float64(total)
				t.Logf("threshold %.3f, false-flag rate %.4f", tau, rate)
				if colluders == 0 {
					assert.LessOrEqual(t, rate, alpha/2)
					return
				}
				assert.LessOrEqual(t, rate, 2.5*alpha)
				assert.Greater(t, rate, alpha/20, "the threshold is not needlessly high")
			})
		}
	}
	assert.True(t, math.IsInf(policy.Threshold(3), 1), "rounds of 3 flag nobody")
}

// TestSpreadResistsCentralColluders checks the spread's guarantee: however
// up to ⌊(n−1)/2⌋ colluders place their values, the spread is at least
// 1.4826 times the honest values' own median absolute deviation about the
// round's median (the lower median for an even count), while the plain MAD falls well below it.
func TestSpreadResistsCentralColluders(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{4, 5, 6, 7, 10, 11, 20, 41} {
		most, _, _ := honestMajorityOrder(n)
		for colluders := 0; colluders <= most; colluders++ {
			shrunk := false
			for range 300 {
				xs := make([]float64, n)
				for i := range xs {
					xs[i] = r.NormFloat64()
				}
				// Colluders anywhere: at the honest median, or spread over a
				// tiny interval near it, or a few far away.
				centre := medianOf(xs[colluders:])
				for i := range colluders {
					switch r.IntN(3) {
					case 0:
						xs[i] = centre
					case 1:
						xs[i] = centre + 1e-3*r.NormFloat64()
					default:
						xs[i] = 50 * r.NormFloat64()
					}
				}
				m, s := robustCentreSpread(xs, 0)
				dev := make([]float64, 0, n-colluders)
				for _, x := range xs[colluders:] {
					dev = append(dev, math.Abs(x-m))
				}
				slices.Sort(dev)
				honestMAD := dev[(len(dev)-1)/2] // the lower median for even counts
				require.GreaterOrEqual(t, s, 1.4826*honestMAD, "n=%d colluders=%d", n, colluders)
				all := make([]float64, n)
				for i, x := range xs {
					all[i] = math.Abs(x - m)
				}
				if 1.4826*medianOf(all) < 0.5*1.4826*honestMAD {
					shrunk = true
				}
			}
			if colluders == most && n >= 10 {
				assert.True(t, shrunk, "n=%d: the plain MAD would have shrunk", n)
			}
		}
	}
}

// roundScores returns the plaintext scores of updates against refs.
func roundScores(t *testing.T, refs *References, updates [][]float64) []Scores {
	t.Helper()
	out := make([]Scores, len(updates))
	for i, u := range updates {
		var err error
		out[i], err = PlainScores(u, refs)
		require.NoError(t, err)
	}
	return out
}

// siteRound draws one round of honest updates of d values from unlike sites:
// a common direction truth seen through each site's own noise (relative
// size noise), with norms spread log-uniformly over a factor of spread.
func siteRound(r *rand.Rand, truth []float64, sites int, noise, spread float64) [][]float64 {
	out := make([][]float64, sites)
	tn := math.Sqrt(dot(truth, truth)) / math.Sqrt(float64(len(truth)))
	for i := range out {
		size := math.Pow(spread, r.Float64())
		u := make([]float64, len(truth))
		for j := range u {
			u[j] = size * (truth[j] + noise*tn*r.NormFloat64())
		}
		out[i] = u
	}
	return out
}

func negated(u []float64) []float64 { return scaledBy(u, -1) }

func scaledBy(u []float64, f float64) []float64 {
	out := make([]float64, len(u))
	for j, v := range u {
		out[j] = f * v
	}
	return out
}

// checkWeightZeroIffFlagged asserts the one rule: weight zero exactly for
// the flagged updates.
func checkWeightZeroIffFlagged(t *testing.T, trust []Trust, weights []float64) {
	t.Helper()
	for i := range trust {
		assert.Equal(t, trust[i].Flagged(), weights[i] == 0, "update %d: flags %s, weight %g", i, trust[i].Flags, weights[i])
	}
}

// TestSignFlipIsFlaggedNotOnlyUnweighted reproduces the finding of issue 14
// on a 14-parameter logistic model (13 features, k = 2 projections): the
// researcher's root update is several times longer than a site's, so a
// sign-flipped site update moves against the reference by less than half
// the reference's length. The old rule gave it weight zero (ReLU of a
// negative cosine) but, below k = 4, flagged a low cosine only past that
// half length, so it was never flagged. Now flags and weights follow one
// rule, and the round-relative direction test flags the flipped updates.
func TestSignFlipIsFlaggedNotOnlyUnweighted(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	const d, honest, attackers, rounds = 14, 7, 3, 100
	k := DefaultProjectionsFor(d)
	require.Equal(t, 2, k)
	r := rand.New(rand.NewPCG(3, 4))
	truth := randomVector(r, d, 1)
	reference := scaledBy(truth, 5) // the root update: 5 times a site's
	samples := slices.Repeat([]uint64{50}, honest+attackers)
	var flipped, flippedFlags, honestN, honestFlags int
	for round := range rounds {
		refs, err := s.NewReferences(reference, CommonSeed([]byte("sign-flip"), []byte{byte(round)}), k)
		require.NoError(t, err)
		updates := siteRound(r, truth, honest+attackers, 0.3, 1.8)
		for i := range attackers {
			updates[i] = negated(updates[i])
			// What made it unflagged before: it opposes the reference by
			// less than half the reference's length.
			require.Greater(t, dot(updates[i], reference)/dot(reference, reference), -0.5)
		}
		trust, weights, err := policy.RoundWeights(roundScores(t, refs, updates), refs.ReferenceNorm(), samples, 2, 1e6)
		require.NoError(t, err)
		checkWeightZeroIffFlagged(t, trust, weights)
		for i, tr := range trust {
			if i < attackers {
				flipped++
				if tr.Flagged() {
					flippedFlags++
				}
			} else {
				honestN++
				if tr.Flagged() {
					honestFlags++
				}
			}
		}
	}
	t.Logf("flagged: sign-flipped %d/%d, honest %d/%d", flippedFlags, flipped, honestFlags, honestN)
	assert.GreaterOrEqual(t, float64(flippedFlags)/float64(flipped), 0.95)
	assert.LessOrEqual(t, float64(honestFlags)/float64(honestN), policy.Config().FalseFlagRate)
}

// TestRoundRelativeTests runs the tests on rounds of unlike sites of the
// 31-parameter logistic model (k = 6) and an MLP-sized model (k = 64):
// honest updates are flagged at about the stated rate or less, attackers
// of every untargeted kind at 30% are flagged, and an update scaled just
// under the norm threshold is clipped to the round's median norm.
func TestRoundRelativeTests(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	attacks := map[string]func(r *rand.Rand, u []float64) []float64{
		"sign-flip": func(_ *rand.Rand, u []float64) []float64 { return negated(u) },
		"scaling":   func(_ *rand.Rand, u []float64) []float64 { return scaledBy(u, 10) },
		"noise": func(r *rand.Rand, u []float64) []float64 {
			n := math.Sqrt(dot(u, u) / float64(len(u)))
			out := make([]float64, len(u))
			for j := range out {
				out[j] = 10 * n * r.NormFloat64()
			}
			return out
		},
	}
	for _, d := range []int{31, 1000} {
		for name, attack := range attacks {
			t.Run(fmt.Sprintf("d=%d %s", d, name), func(t *testing.T) {
				const sites, attackers, rounds = 10, 3, 60
				r := rand.New(rand.NewPCG(uint64(d), 7))
				truth := randomVector(r, d, 1)
				reference := scaledBy(truth, 4)
				var caught, honestFlags, honestN int
				for round := range rounds {
					refs, err := s.NewReferences(reference, CommonSeed([]byte(name), []byte{byte(round)}), DefaultProjectionsFor(d))
					require.NoError(t, err)
					updates := siteRound(r, truth, sites, 0.5, 1.5)
					for i := range attackers {
						updates[i] = attack(r, updates[i])
					}
					trust, err := policy.Assess(roundScores(t, refs, updates), refs.ReferenceNorm())
					require.NoError(t, err)
					for i, tr := range trust {
						if i < attackers && tr.Flagged() {
							caught++
						}
						if i >= attackers {
							honestN++
							if tr.Flagged() {
								honestFlags++
							}
						}
					}
				}
				t.Logf("flagged: attackers %d/%d, honest %d/%d", caught, attackers*rounds, honestFlags, honestN)
				want := 0.95
				if d == 31 && name == "scaling" {
					// With k = 6 each log norm carries noise of about 0.3
					// and three ×10 updates of ten fill the top of the
					// deviations the colluder-proof spread counts (its
					// 7th of 10): they are flagged 4 rounds in 5 and
					// clipped to the median norm in every round.
					want = 0.75
				}
				assert.GreaterOrEqual(t, float64(caught)/(attackers*rounds), want)
				assert.LessOrEqual(t, float64(honestFlags)/float64(honestN), 2*policy.Config().FalseFlagRate)
			})
		}
	}
}

// An update scaled to just under the norm threshold is not flagged, but
// clipped to the round's median norm: it cannot outweigh a median update.
func TestUnderThresholdUpdateIsClipped(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	const d, sites = 31, 10
	r := rand.New(rand.NewPCG(9, 10))
	truth := randomVector(r, d, 1)
	refs, err := s.NewReferences(scaledBy(truth, 3), CommonSeed([]byte("clip")), DefaultProjectionsFor(d))
	require.NoError(t, err)
	updates := siteRound(r, truth, sites, 0.3, 1.5)
	trust, err := policy.Assess(roundScores(t, refs, updates), refs.ReferenceNorm())
	require.NoError(t, err)
	// Scale update 0 so that its norm z-score lands just under the threshold.
	factor := 1.0
	for range 60 {
		updates[0] = scaledBy(updates[0], 1.1)
		next, err := policy.Assess(roundScores(t, refs, updates), refs.ReferenceNorm())
		require.NoError(t, err)
		if next[0].Flagged() {
			updates[0] = scaledBy(updates[0], 1/1.1)
			break
		}
		factor *= 1.1
		trust = next
	}
	require.Greater(t, factor, 2.0, "the test reached a large unflagged update")
	require.False(t, trust[0].Flagged())
	median := trust[0].Norm / trust[0].NormToMedian
	var largestHonest float64
	for _, tr := range trust[1:] {
		largestHonest = max(largestHonest, tr.Norm)
	}
	bound := trust[0].Clip * trust[0].Norm
	assert.Less(t, trust[0].Clip, 1.0, "the scaled update is clipped")
	assert.GreaterOrEqual(t, bound, median*(1-1e-12), "to no less than the round's median norm")
	assert.LessOrEqual(t, bound, max(largestHonest, refs.ReferenceNorm())*(1+1e-12), "nor more than the largest honest norm or the reference's")
	w, err := policy.Weights(trust, nil)
	require.NoError(t, err)
	for i := range trust {
		assert.LessOrEqual(t, trust[i].Clip*trust[i].Norm, bound*(1+1e-12), "no update enters the sum longer than the bound")
		assert.LessOrEqual(t, w[i]*trust[i].Norm, w[i]/trust[i].Clip*bound*(1+1e-12))
	}
}

// Colluders choose their updates' norms, and with them the round's median
// norm: three short updates of ten pulled the median, and so every honest
// update's clip, down (min-max and min-sum shrank the aggregate, issue 14).
// The clip bound stays at or above the honest median norm whatever short
// updates colluders send, and at or below the largest honest norm or the
// reference's whatever long ones they send.
func TestColludersCannotMoveTheClipBound(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	const d = 31
	r := rand.New(rand.NewPCG(11, 12))
	truth := randomVector(r, d, 1)
	refs, err := s.NewReferences(scaledBy(truth, 3), CommonSeed([]byte("clip bound")), DefaultProjectionsFor(d))
	require.NoError(t, err)
	for _, n := range []int{6, 10, 20} {
		m, _, _ := honestMajorityOrder(n)
		for trial := range 20 {
			honest := siteRound(r, truth, n-m, 0.3, 3)
			honestNorms := make([]float64, len(honest))
			for i, u := range honest {
				honestNorms[i] = math.Sqrt(dot(u, u))
			}
			honestMedian := lowerMedian(honestNorms)
			largest := slices.Max(honestNorms)
			for _, f := range []float64{0.01, 0.3, 1, 3, 1000} {
				colluder := scaledBy(truth, f*honestMedian/math.Sqrt(dot(truth, truth)))
				updates := slices.Clone(honest)
				for range m {
					updates = append(updates, colluder)
				}
				trust, err := policy.Assess(roundScores(t, refs, updates), refs.ReferenceNorm())
				require.NoError(t, err)
				for i, tr := range trust[:n-m] {
					// The sketch estimates a norm to within a few percent.
					if tr.Norm <= 0.9*honestMedian {
						assert.Equal(t, 1.0, tr.Clip, "n=%d trial %d colluders ×%g: honest update %d below the honest median is not clipped", n, trial, f, i)
					}
				}
				for i, tr := range trust {
					assert.LessOrEqual(t, tr.Clip*tr.Norm, 1.1*max(largest, refs.ReferenceNorm()), "n=%d trial %d colluders ×%g: update %d", n, trial, f, i)
				}
			}
		}
	}
}

// lowerMedian is the ⌈n/2⌉-th smallest of xs.
func lowerMedian(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// TestRobustAggregationOnEncryptedUpdates runs the whole path: honest and
// attacking updates are encrypted, scored under encryption, only the scores
// are decrypted, weights follow, and the homomorphic weighted sum with those
// weights equals the plaintext robust aggregate.
func TestRobustAggregationOnEncryptedUpdates(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 9) // one dealer per update
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	const d = 5000
	r := rand.New(rand.NewPCG(21, 22))
	truth := randomVector(r, d, 0.1)
	honest := siteRound(r, truth, 6, 0.5, 1.5)
	gauss := make([]float64, d)
	for j := range gauss {
		gauss[j] = r.NormFloat64() * 0.5
	}
	updates := append(honest, negated(honest[0]), scaledBy(honest[1], 10), gauss)
	attacker := []bool{false, false, false, false, false, false, true, true, true}
	samples := []uint64{120, 80, 200, 60, 90, 150, 100, 100, 100}

	refs, err := s.NewReferences(scaledBy(truth, 3), CommonSeed([]byte("study"), []byte("round-3")), DefaultProjectionsFor(d))
	require.NoError(t, err)
	enc := make([]*EncryptedVector, len(updates))
	scores := make([]Scores, len(updates))
	for i, u := range updates {
		enc[i], err = f.encrypt(u)
		require.NoError(t, err)
		scores[i] = f.scoreAll(t, enc[i], refs)
	}
	trust, w, err := policy.RoundWeights(scores, refs.ReferenceNorm(), samples, 2, 0)
	require.NoError(t, err)
	plainTrust, err := policy.Assess(roundScores(t, refs, updates), refs.ReferenceNorm())
	require.NoError(t, err)
	for i := range updates {
		assert.Equal(t, attacker[i], trust[i].Flagged(), "update %d: %+v", i, trust[i])
		assert.Equal(t, plainTrust[i].Flags, trust[i].Flags, "encrypted and plaintext scoring agree")
	}
	checkWeightZeroIffFlagged(t, trust, w)
	agg, err := s.WeightedSum(enc, w)
	require.NoError(t, err)
	got := f.decryptAll(t, agg)
	want, err := PlainWeightedSum(updates, w)
	require.NoError(t, err)
	assert.Less(t, maxAbsDiff(got, want), 1e-5)
	assert.Greater(t, dot(got, truth)/math.Sqrt(dot(got, got)*dot(truth, truth)), 0.9, "the robust aggregate points the right way")
}

func TestSmallRoundsFlagNobody(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(11, 12))
	truth := randomVector(r, 100, 1)
	refs, err := s.NewReferences(truth, CommonSeed([]byte("small")), DefaultProjectionsFor(100))
	require.NoError(t, err)
	updates := siteRound(r, truth, 3, 0.3, 1.5)
	updates[2] = scaledBy(negated(updates[2]), 50)
	trust, err := policy.Assess(roundScores(t, refs, updates), refs.ReferenceNorm())
	require.NoError(t, err)
	for i, tr := range trust {
		assert.False(t, tr.Flagged(), "update %d", i)
		assert.InDelta(t, math.Min(tr.Norm, refs.ReferenceNorm()), tr.Clip*tr.Norm, 1e-9, "clipped to the reference's norm")
	}
}

func TestAssessIsPure(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(13, 14))
	truth := randomVector(r, 100, 1)
	refs, err := s.NewReferences(truth, CommonSeed([]byte("pure")), DefaultProjectionsFor(100))
	require.NoError(t, err)
	in := roundScores(t, refs, siteRound(r, truth, 6, 0.3, 1.5))
	keep := make([]Scores, len(in))
	for i, sc := range in {
		keep[i] = Scores{Length: sc.Length, Reference: sc.Reference, Projections: slices.Clone(sc.Projections), ReferenceProjections: slices.Clone(sc.ReferenceProjections)}
	}
	first, err := policy.Assess(in, 2)
	require.NoError(t, err)
	second, err := policy.Assess(in, 2)
	require.NoError(t, err)
	assert.Equal(t, first, second, "same scores, same verdict")
	assert.Equal(t, keep, in, "the scores are not modified")

	t.Run("mixed projection counts are refused", func(t *testing.T) {
		mixed := slices.Clone(in)
		mixed[1] = Scores{Length: 100, Reference: 0.5, Projections: []float64{0.1}}
		_, err := policy.Assess(mixed, 2)
		assert.ErrorIs(t, err, ErrLengthMismatch)
	})
	t.Run("a round of mostly zero updates flags the others", func(t *testing.T) {
		zero := Scores{Length: 100, Projections: make([]float64, len(in[0].Projections)), ReferenceProjections: in[0].ReferenceProjections}
		trust, err := policy.Assess([]Scores{zero, zero, zero, in[0]}, 2)
		require.NoError(t, err)
		assert.Equal(t, FlagLargeNorm, trust[3].Flags)
		assert.False(t, trust[0].Flagged())
	})
}

// RoundWeights is the decision the coordinator records and every share
// holder re-derives: sample-weighted, clipped, flagged updates at zero,
// floored to the ledger's unit without flooring an unflagged update to zero.
func TestRoundWeights(t *testing.T) {
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	trust := func(flags ...Flag) []Trust {
		out := make([]Trust, len(flags))
		for i, f := range flags {
			out[i] = Trust{Clip: 1, Flags: f, Score: 1}
			if f != 0 {
				out[i].Score = 0
			}
		}
		return out
	}
	w, err := policy.Weights(trust(0, 0, FlagDirection), []uint64{100, 300, 100})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.25, 0.75, 0}, w, 1e-12)
	tr := trust(0, 0, 0)
	tr[1].Clip = 0.5
	w, err = policy.Weights(tr, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{1.0 / 3, 1.0 / 6, 1.0 / 3}, w, 1e-12, "clipped, and the sum stays at most 1")
	_, err = policy.Weights(trust(0, FlagLargeNorm, FlagDirection), nil)
	assert.ErrorIs(t, err, ErrTooFewContributors)
	_, err = policy.Weights(trust(0, 0), []uint64{1})
	assert.ErrorIs(t, err, ErrInvalidWeight)
	tr = trust(0, 0, 0)
	tr[0].Score = 0.5
	w, err = policy.Weights(tr, []uint64{100, 100, 200})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.5 / 3.5, 1 / 3.5, 2 / 3.5}, w, 1e-12, "a lower score, a lower weight")
	tr[0].Score = 0
	_, err = policy.Weights(tr, nil)
	assert.ErrorIs(t, err, ErrInvalidWeight, "an unflagged update with no score breaks the one rule")

	s := newScheme(t)
	r := rand.New(rand.NewPCG(15, 16))
	truth := randomVector(r, 100, 1)
	refs, err := s.NewReferences(truth, CommonSeed([]byte("weights")), DefaultProjectionsFor(100))
	require.NoError(t, err)
	updates := siteRound(r, truth, 6, 0.3, 1.5)
	updates[5] = scaledBy(updates[5], 30)
	scores := roundScores(t, refs, updates)
	t.Run("floored to the ledger's unit", func(t *testing.T) {
		trust, w, err := policy.RoundWeights(scores, refs.ReferenceNorm(), []uint64{3, 3, 3, 3, 3, 3}, 2, 1e6)
		require.NoError(t, err)
		checkWeightZeroIffFlagged(t, trust, w)
		for _, v := range w {
			assert.InDelta(t, math.Round(v*1e6), v*1e6, 1e-6)
		}
		var sum float64
		for _, v := range w {
			sum += v
		}
		assert.LessOrEqual(t, sum, 1.0)
	})
	t.Run("a tiny site keeps a weight", func(t *testing.T) {
		trust, w, err := policy.RoundWeights(scores, refs.ReferenceNorm(), []uint64{1, 1e8, 1e8, 1e8, 1e8, 1}, 2, 1e6)
		require.NoError(t, err)
		checkWeightZeroIffFlagged(t, trust, w)
		assert.Equal(t, 1e-6, w[0])
	})
	t.Run("flags that would leave fewer than the study's minimum", func(t *testing.T) {
		trust, err := policy.Assess(scores, refs.ReferenceNorm())
		require.NoError(t, err)
		require.True(t, trust[5].Flagged(), "the x30 update alone")
		trust, w, err := policy.RoundWeights(scores, refs.ReferenceNorm(), []uint64{1, 1, 1, 1, 1, 1}, 6, 1e6)
		require.NoError(t, err, "the round goes on")
		checkWeightZeroIffFlagged(t, trust, w)
		assert.False(t, trust[5].Flagged())
		assert.Less(t, w[5], w[0]/10, "clipped to the median norm, it weighs little")
		_, _, err = policy.RoundWeights(scores, refs.ReferenceNorm(), []uint64{1, 1, 1, 1, 1, 1}, 7, 1e6)
		assert.ErrorIs(t, err, ErrTooFewContributors, "a round smaller than the minimum")
	})
	t.Run("no more flags than an honest majority allows", func(t *testing.T) {
		trust := []Trust{
			{Flags: FlagLargeNorm, NormZ: 9, DirectionZ: 1, Cosine: 0.5},
			{Flags: FlagDirection, NormZ: 0, DirectionZ: 12, Cosine: -0.5},
			{Flags: FlagDirection, NormZ: 0, DirectionZ: 7, Cosine: 0},
			{Score: 1},
		}
		limitFlags(trust, 2, 6)
		assert.True(t, trust[0].Flagged())
		assert.True(t, trust[1].Flagged())
		assert.False(t, trust[2].Flagged(), "the least extreme flag is cleared")
		assert.Equal(t, minScore, trust[2].Score, "past the threshold: the least score")
		assert.Zero(t, trust[0].Score)
	})
	t.Run("sample counts of another round", func(t *testing.T) {
		_, _, err := policy.RoundWeights(scores, refs.ReferenceNorm(), []uint64{1}, 2, 1e6)
		assert.ErrorIs(t, err, ErrInvalidWeight)
	})
}

func TestHonestSuspensionBound(t *testing.T) {
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	// P(Bin(10, 0.02) ≥ 3) = 1 − (0.98¹⁰ + 10·0.02·0.98⁹ + 45·0.02²·0.98⁸).
	want := 1 - (math.Pow(0.98, 10) + 10*0.02*math.Pow(0.98, 9) + 45*0.0004*math.Pow(0.98, 8))
	assert.InDelta(t, want, policy.HonestSuspensionBound(10, 3), 1e-12)
	assert.InDelta(t, 0.00086, policy.HonestSuspensionBound(10, 3), 1e-5)
	assert.Equal(t, 0.0, policy.HonestSuspensionBound(2, 3), "fewer rounds than strikes")
	assert.Greater(t, policy.HonestSuspensionBound(10, 1), policy.HonestSuspensionBound(10, 2))
}

// The chance that some honest site of a consortium is suspended by false
// flags alone grows with the number of sites; the strike limit that keeps
// it within a rate grows with them.
func TestAnyHonestSuspensionBoundGrowsWithTheConsortium(t *testing.T) {
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	one := policy.HonestSuspensionBound(20, 3)
	assert.InDelta(t, 10*one, policy.AnyHonestSuspensionBound(20, 3, 10), 1e-15)
	assert.InDelta(t, 0.0707, policy.AnyHonestSuspensionBound(20, 3, 10), 1e-4)
	assert.InDelta(t, 0.7069, policy.AnyHonestSuspensionBound(20, 3, 100), 1e-4)
	assert.Equal(t, 1.0, policy.AnyHonestSuspensionBound(20, 1, 100), "a bound, not a sum past 1")

	limit := policy.StrikeLimitFor(20, 100, 0.02)
	assert.Equal(t, 5, limit)
	assert.LessOrEqual(t, policy.AnyHonestSuspensionBound(20, limit, 100), 0.02)
	assert.Greater(t, policy.AnyHonestSuspensionBound(20, limit-1, 100), 0.02, "the smallest such limit")
	assert.Equal(t, 3, policy.StrikeLimitFor(10, 10, 0.02), "the default limit is enough for 10 sites over 10 rounds")
	assert.Equal(t, 3, policy.StrikeLimitFor(2, 100, 0.02), "fewer rounds than any limit that fits: never suspended")
}

func TestRobustPolicyHash(t *testing.T) {
	a, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	b, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	cfg := DefaultRobustConfig()
	cfg.MinContributors = 3
	c, err := NewRobustPolicy(cfg)
	require.NoError(t, err)
	assert.Equal(t, a.Hash(), b.Hash())
	assert.NotEqual(t, a.Hash(), c.Hash())

	// A release before the rule version was hashed (the median clip bound)
	// hashed the settings alone: the same settings from it do not match.
	settings, err := json.Marshal(DefaultRobustConfig())
	require.NoError(t, err)
	assert.NotEqual(t, crypto.Keccak256Hash(settings), a.Hash(), "the hash does not cover the rule version")
}

// TestColludersCannotFrameHonestSites plays, on whole rounds of ten unlike
// sites with an MLP-sized model (k = 64), framing attempts by three
// colluders (30%): all sending the honest mean (identical updates, at the
// top of the direction test and, the mean being shorter than the updates
// it averages, at the bottom of the norm test beside the smallest honest
// norms: "a little is enough" with z = 0), or two scaled far up, so that
// they are peeled off and the spread measured again, and the third at the
// mean to shrink it. Honest sites stay flagged at most at twice the stated
// per-round rate, and the most extreme honest update, the natural target,
// at most 2.5α more often than in the same round with honest sites instead
// of the colluders (measured: honest 0.5% and 0.4% per round, the target
// 1.2% and 1.6% of rounds, 0% without colluders).
//
// Open (issue 14): with four colluders, the most an honest majority of ten
// allows, the target is flagged in 7.6% (all at the mean) and 5.6% (two
// far, two at the mean) of rounds, by the norm test; colluders that steer the
// coordinate-wise median centre away from a chosen honest update (all
// sending the mean minus three times the target's deviation from it) get
// it flagged in most rounds: the centre stays within the honest range
// coordinate by coordinate, but over 65 sketch coordinates that range is
// wide.
func TestColludersCannotFrameHonestSites(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	alpha := policy.Config().FalseFlagRate
	const d, sites, colluders, rounds = 400, 10, 3, 250
	mean := func(us [][]float64) []float64 {
		out := make([]float64, d)
		for _, u := range us {
			for j, v := range u {
				out[j] += v / float64(len(us))
			}
		}
		return out
	}
	strategies := map[string]func(honest [][]float64) [][]float64{
		"all at the mean": func(honest [][]float64) [][]float64 {
			return slices.Repeat([][]float64{mean(honest)}, colluders)
		},
		"two far, one at the mean": func(honest [][]float64) [][]float64 {
			m := mean(honest)
			return append([][]float64{scaledBy(m, 50), scaledBy(m, 50)}, slices.Repeat([][]float64{m}, colluders-2)...)
		},
	}
	for name, strategy := range strategies {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(31, 32))
			truth := randomVector(r, d, 1)
			var honestFlags, honestN, targetFlags, targetAlone int
			for round := range rounds {
				refs, err := s.NewReferences(scaledBy(truth, 4), CommonSeed([]byte(name), []byte{byte(round)}), DefaultProjectionsFor(d))
				require.NoError(t, err)
				honest := siteRound(r, truth, sites-colluders, 1, 2)
				// The target: the honest update furthest from the honest mean.
				m, target, far := mean(honest), 0, 0.0
				for i, u := range honest {
					if dist := math.Sqrt(dot(u, u) - 2*dot(u, m) + dot(m, m)); dist > far {
						target, far = i, dist
					}
				}
				trust, err := policy.Assess(roundScores(t, refs, append(strategy(honest), honest...)), refs.ReferenceNorm())
				require.NoError(t, err)
				for i, tr := range trust[colluders:] {
					honestN++
					if tr.Flagged() {
						honestFlags++
						if i == target {
							targetFlags++
						}
					}
				}
				alone, err := policy.Assess(roundScores(t, refs, append(siteRound(r, truth, colluders, 1, 2), honest...)), refs.ReferenceNorm())
				require.NoError(t, err)
				if alone[colluders+target].Flagged() {
					targetAlone++
				}
			}
			rate := float64(honestFlags) / float64(honestN)
			t.Logf("honest flagged %d/%d (%.3f); the target %d/%d, %d/%d among honest sites only", honestFlags, honestN, rate, targetFlags, rounds, targetAlone, rounds)
			assert.LessOrEqual(t, rate, 2*alpha)
			assert.LessOrEqual(t, float64(targetFlags-targetAlone)/rounds, 2.5*alpha)
		})
	}
}

// An update whose scores are out of range is flagged in a round of any
// size (three here, where no statistic flags anyone), weighs nothing, is
// left out of the other updates' statistics and keeps its flag where the
// round's minimum would clear a statistical one: weighing it would fail
// the round's decryption. A round that cannot reach its minimum without
// it fails naming that.
func TestOutOfRangeScoresAreFlaggedWhateverTheRound(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(17, 18))
	truth := randomVector(r, 100, 1)
	refs, err := s.NewReferences(truth, CommonSeed([]byte("out-of-range")), DefaultProjectionsFor(100))
	require.NoError(t, err)
	honest := roundScores(t, refs, siteRound(r, truth, 5, 0.3, 1.5))
	outOfRange := func(sc Scores) Scores {
		sc.Projections = scaledBy(sc.Projections, 1e12)
		sc.OutOfRange = true
		return sc
	}

	small := append(slices.Clone(honest[:2]), outOfRange(honest[2]))
	trust, w, err := policy.RoundWeights(small, refs.ReferenceNorm(), []uint64{10, 10, 10}, 2, 1e6)
	require.NoError(t, err)
	checkWeightZeroIffFlagged(t, trust, w)
	assert.Equal(t, FlagOutOfRange, trust[2].Flags, "flagged in a round of three")
	assert.Equal(t, "out-of-range", trust[2].Flags.String())
	assert.False(t, trust[0].Flagged() || trust[1].Flagged(), "the others are a round of two: nobody else is flagged")
	_, _, err = policy.RoundWeights(small, refs.ReferenceNorm(), []uint64{10, 10, 10}, 3, 1e6)
	assert.ErrorIs(t, err, ErrTooFewContributors, "the flag stands even where the minimum would clear a statistical one")
	assert.ErrorContains(t, err, "1 of them out of range")

	// In a round of six, the five in range are assessed as a round of five.
	round := append(slices.Clone(honest), outOfRange(honest[0]))
	trust, err = policy.Assess(round, refs.ReferenceNorm())
	require.NoError(t, err)
	alone, err := policy.Assess(honest, refs.ReferenceNorm())
	require.NoError(t, err)
	assert.Equal(t, alone, trust[:5], "the out-of-range update moves no other update's statistics")
	assert.Equal(t, FlagOutOfRange, trust[5].Flags)
	// It never loses its flag to the honest-majority limit.
	limited := []Trust{{Flags: FlagOutOfRange}, {Flags: FlagLargeNorm, NormZ: 20}, {Score: 1}}
	limitFlags(limited, 1, 6)
	assert.Equal(t, FlagOutOfRange, limited[0].Flags)
	assert.False(t, limited[1].Flagged(), "the one flag allowed is the out-of-range update's")
}
