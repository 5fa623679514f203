package aggregation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

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
		{"cosine threshold above -1", func(c *RobustConfig) { c.MinCosine = -1.5 }, false},
		{"cosine threshold below 1", func(c *RobustConfig) { c.MinCosine = 1 }, false},
		{"NaN cosine threshold", func(c *RobustConfig) { c.MinCosine = math.NaN() }, false},
		{"norm ratio at least 1", func(c *RobustConfig) { c.MaxNormRatio = 0.5 }, false},
		{"infinite norm ratio", func(c *RobustConfig) { c.MaxNormRatio = math.Inf(1) }, false},
		{"one contributor", func(c *RobustConfig) { c.MinContributors = 1 }, false},
		{"norm spread below 1", func(c *RobustConfig) { c.MaxNormSpread = 0.9 }, false},
		{"NaN norm spread", func(c *RobustConfig) { c.MaxNormSpread = math.NaN() }, false},
		{"infinite norm spread", func(c *RobustConfig) { c.MaxNormSpread = math.Inf(1) }, false},
		{"zero false-flag rate", func(c *RobustConfig) { c.NormFalseFlagRate = 0 }, false},
		{"false-flag rate of a half", func(c *RobustConfig) { c.NormFalseFlagRate = 0.5 }, false},
		{"NaN false-flag rate", func(c *RobustConfig) { c.NormFalseFlagRate = math.NaN() }, false},
		{"relative test on two updates", func(c *RobustConfig) { c.MinRelativeUpdates = 2 }, false},
		{"looser spread, stricter rate", func(c *RobustConfig) { c.MaxNormSpread, c.NormFalseFlagRate = 4, 0.001 }, true},
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

// scoresOf builds exact Scores for a vector of the given norm and cosine:
// the projections are chosen so that the norm estimate is exact.
func scoresOf(length int, norm, cosine float64) Scores {
	k := 4
	p := norm / math.Sqrt(float64(length))
	return Scores{Length: length, Reference: norm * cosine, Projections: []float64{p, -p, p, p}[:k]}
}

func TestAssessAndWeights(t *testing.T) {
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	const refNorm = 2.0
	tests := []struct {
		name      string
		scores    Scores
		wantFlags Flag
		wantScore float64
		wantClip  float64
	}{
		{"honest, aligned", scoresOf(1000, 1, 0.8), 0, 0.8, 1},
		{"against the reference, reliable cosine (k=4)", scoresOf(1000, 0.5, -0.4), FlagLowCosine, 0, 1},
		{"honest, larger than the reference is clipped", scoresOf(1000, 4, 0.5), 0, 0.5, 0.5},
		{"sign flip", scoresOf(1000, 2, -0.8), FlagLowCosine, 0, 1}, // projection −0.8 < −0.5
		{"scaling", scoresOf(1000, 20, 0.8), FlagLargeNorm, 0, 0.1}, // projection 8 > 4
		{"noise", scoresOf(1000, 50, -0.01), FlagLowCosine | FlagLargeNorm, 0, 0.04},
	}
	var all []Scores
	for _, tt := range tests {
		all = append(all, tt.scores)
	}
	trust, err := policy.Assess(all, refNorm)
	require.NoError(t, err)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trust[i]
			assert.Equal(t, tt.wantFlags, got.Flags, got.Flags.String())
			assert.Equal(t, tt.wantFlags != 0, got.Flagged())
			assert.InDelta(t, tt.wantScore, got.Score, 1e-12)
			assert.InDelta(t, tt.wantClip, got.Clip, 1e-12)
			assert.InDelta(t, tt.scores.Norm()/refNorm, got.NormRatio, 1e-12)
		})
	}
	t.Run("weights", func(t *testing.T) {
		w, err := policy.Weights(trust, []uint64{100, 70, 300, 50, 50, 50}) // the second is flagged
		require.NoError(t, err)
		// a = [0.8·100, 0, 0.5·300, 0, 0, 0] = [80, 0, 150]; w = a·clip/230.
		assert.InDeltaSlice(t, []float64{80.0 / 230, 0, 150 * 0.5 / 230, 0, 0, 0}, w, 1e-12)
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		assert.LessOrEqual(t, sum, 1.0)
	})
	t.Run("equal sample counts", func(t *testing.T) {
		w, err := policy.Weights(trust, nil)
		require.NoError(t, err)
		assert.InDeltaSlice(t, []float64{0.8 / 1.3, 0, 0.5 * 0.5 / 1.3, 0, 0, 0}, w, 1e-12)
	})
	t.Run("a single trusted update is never exposed", func(t *testing.T) {
		_, err := policy.Weights(trust[2:], nil)
		assert.ErrorIs(t, err, ErrTooFewContributors)
		_, err = policy.Weights(trust[3:], nil)
		assert.ErrorIs(t, err, ErrTooFewContributors)
	})
	t.Run("tiny models: only the exact projection flags", func(t *testing.T) {
		few := Scores{Length: 9, Reference: -0.4, Projections: []float64{0.2}} // k = 1, projection −0.2
		trust, err := policy.Assess([]Scores{few}, refNorm)
		require.NoError(t, err)
		assert.False(t, trust[0].Flagged(), "slightly against the reference: no weight, no strike")
		assert.Zero(t, trust[0].Score)
		few.Reference = -1.6 // projection −0.8
		trust, err = policy.Assess([]Scores{few}, refNorm)
		require.NoError(t, err)
		assert.Equal(t, FlagLowCosine, trust[0].Flags&FlagLowCosine)
	})
	t.Run("bad inputs", func(t *testing.T) {
		_, err := policy.Assess(nil, 1)
		assert.ErrorIs(t, err, ErrEmptyInput)
		_, err = policy.Assess(all, 0)
		assert.ErrorIs(t, err, ErrInvalidReference)
		_, err = policy.Assess([]Scores{{Length: 10, Reference: math.NaN(), Projections: []float64{1}}}, 1)
		assert.ErrorIs(t, err, ErrInvalidValue)
		_, err = policy.Weights(trust, []uint64{1})
		assert.ErrorIs(t, err, ErrInvalidWeight)
		_, err = policy.Weights([]Trust{{Score: 2, Clip: 1}, {Score: 1, Clip: 1}}, nil)
		assert.ErrorIs(t, err, ErrInvalidWeight)
	})
}

// TestRobustAggregationOnEncryptedUpdates runs the whole path: honest and
// attacking updates are encrypted, scored under encryption, only the scores
// are decrypted, trust weights follow, and the homomorphic weighted sum
// with those weights equals the plaintext robust aggregate.
func TestRobustAggregationOnEncryptedUpdates(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 7)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	const d = 5000
	r := rand.New(rand.NewPCG(21, 22))
	// The "true" gradient direction, the researcher's reference is a noisy
	// look at it, honest sites see it with their own (unlike) noise.
	truth := randomVector(r, d, 0.1)
	noisy := func(scale float64) []float64 {
		v := make([]float64, d)
		for j := range v {
			v[j] = truth[j] + scale*r.NormFloat64()*0.05
		}
		return v
	}
	ref := noisy(0.5)
	honest := func() []float64 { return noisy(1) }
	signFlip := honest()
	for j := range signFlip {
		signFlip[j] = -signFlip[j]
	}
	scaled := honest()
	for j := range scaled {
		scaled[j] *= 10
	}
	gauss := make([]float64, d)
	for j := range gauss {
		gauss[j] = r.NormFloat64() * 0.5
	}
	updates := [][]float64{honest(), honest(), honest(), honest(), signFlip, scaled, gauss}
	attacker := []bool{false, false, false, false, true, true, true}
	samples := []uint64{120, 80, 200, 60, 100, 100, 100}

	refs, err := s.NewReferences(ref, CommonSeed([]byte("study"), []byte("round-3")), DefaultProjectionsFor(d))
	require.NoError(t, err)
	enc := make([]*EncryptedVector, len(updates))
	scores := make([]Scores, len(updates))
	plainScores := make([]Scores, len(updates))
	for i, u := range updates {
		enc[i], err = f.encrypt(u)
		require.NoError(t, err)
		scores[i] = f.scoreAll(t, enc[i], refs)
		plainScores[i], err = PlainScores(u, refs)
		require.NoError(t, err)
	}
	trust, err := policy.Assess(scores, refs.ReferenceNorm())
	require.NoError(t, err)
	plainTrust, err := policy.Assess(plainScores, refs.ReferenceNorm())
	require.NoError(t, err)
	for i := range updates {
		assert.Equal(t, attacker[i], trust[i].Flagged(), "update %d: %+v", i, trust[i])
		assert.Equal(t, plainTrust[i].Flags, trust[i].Flags, "encrypted and plaintext scoring agree")
		exactCos := dot(updates[i], ref) / math.Sqrt(dot(updates[i], updates[i])*dot(ref, ref))
		assert.InDelta(t, exactCos, trust[i].Cosine, 0.1+0.2*math.Abs(exactCos), "update %d", i)
	}
	w, err := policy.Weights(trust, samples)
	require.NoError(t, err)
	agg, err := s.WeightedSum(enc, w)
	require.NoError(t, err)
	got := f.decryptAll(t, agg)
	want, err := PlainWeightedSum(updates, w)
	require.NoError(t, err)
	assert.Less(t, maxAbsDiff(got, want), 1e-5)
	// The robust aggregate points the right way.
	assert.Greater(t, dot(got, truth)/math.Sqrt(dot(got, got)*dot(truth, truth)), 0.9)
}

func TestChiSquareQuantile(t *testing.T) {
	// Values from standard χ² tables.
	tests := []struct {
		k          int
		prob, want float64
	}{
		{1, 0.5, 0.4549}, {1, 0.99, 6.6349}, {2, 0.01, 0.0201}, {6, 0.5, 5.3481},
		{6, 0.99, 16.8119}, {6, 0.999, 22.4577}, {64, 0.01, 40.6486}, {64, 0.99, 93.2169},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("k=%d p=%g", tt.k, tt.prob), func(t *testing.T) {
			assert.InDelta(t, tt.want, chiSquareQuantile(tt.k, tt.prob), 1e-4)
		})
	}
}

// honestRound returns the plaintext scores of one round of updates of the
// given true norms, each at cosine cos to the reference direction of refs,
// the rest of each in a random direction.
func honestRound(t *testing.T, r *rand.Rand, refs *References, reference []float64, norms []float64, cos float64) []Scores {
	t.Helper()
	d := len(reference)
	unit := make([]float64, d)
	refNorm := math.Sqrt(dot(reference, reference))
	for j := range unit {
		unit[j] = reference[j] / refNorm
	}
	out := make([]Scores, len(norms))
	for i, n := range norms {
		perp := make([]float64, d)
		for j := range perp {
			perp[j] = r.NormFloat64()
		}
		c := dot(perp, unit)
		for j := range perp {
			perp[j] -= c * unit[j]
		}
		pn := math.Sqrt(dot(perp, perp))
		u := make([]float64, d)
		for j := range u {
			u[j] = n * (cos*unit[j] + math.Sqrt(1-cos*cos)*perp[j]/pn)
		}
		var err error
		out[i], err = PlainScores(u, refs)
		require.NoError(t, err)
	}
	return out
}

// TestRoundRelativeNormTest checks the round-relative norm test on the
// scores of real projections for the 31-parameter logistic model (k = 6):
// honest updates of unlike norm (up to MaxNormSpread times the round's
// median) are flagged at most at about the stated rate, and an honest
// update scaled by 10 is flagged, whatever the site it comes from.
func TestRoundRelativeNormTest(t *testing.T) {
	s := newScheme(t)
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	cfg := policy.Config()
	const d, sites, rounds = 31, 20, 150
	r := rand.New(rand.NewPCG(5, 6))
	reference := randomVector(r, d, 1)
	k := DefaultProjectionsFor(d)
	require.Equal(t, 6, k)
	threshold := policy.NormThreshold(k)
	assert.InDelta(t, cfg.MaxNormSpread*math.Sqrt(16.8119/5.3481), threshold, 1e-3)

	// Unlike sites: norms spread log-uniformly over [1/MaxNormSpread, 1]
	// of the largest, so the largest is at most MaxNormSpread times the
	// median; each round also has one site exactly at that edge.
	norms := func(scale float64) []float64 {
		out := make([]float64, sites)
		for i := range out {
			out[i] = scale * math.Pow(cfg.MaxNormSpread, -r.Float64())
		}
		out[0] = scale
		median := medianOf(out)
		out[0] = cfg.MaxNormSpread * median // the honest edge
		return out
	}
	tests := []struct {
		name string
		cos  float64
	}{
		{"aligned updates (cosine 0.7)", 0.7},
		{"updates orthogonal to the reference (worst case for the estimator)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var honestFlags, honest, edgeFlags, scaledFlags int
			for round := range rounds {
				refs, err := s.NewReferences(reference, CommonSeed([]byte("norm test"), []byte{byte(round), byte(round >> 8)}), k)
				require.NoError(t, err)
				ns := norms(0.1 + r.Float64())
				// Site 1 attacks: its (smallest-site-sized) update scaled by 10.
				ns[1] = 10 * slices.Min(ns[2:])
				scores := honestRound(t, r, refs, reference, ns, tt.cos)
				trust, err := policy.Assess(scores, refs.ReferenceNorm())
				require.NoError(t, err)
				if trust[0].Flags&FlagLargeNorm != 0 {
					edgeFlags++
				}
				if trust[1].Flags&FlagLargeNorm != 0 {
					scaledFlags++
				}
				for _, tr := range trust[2:] {
					honest++
					if tr.Flags&FlagLargeNorm != 0 {
						honestFlags++
					}
				}
			}
			t.Logf("flagged: honest %d/%d, honest at the edge %d/%d, scaled x10 %d/%d", honestFlags, honest, edgeFlags, rounds, scaledFlags, rounds)
			assert.LessOrEqual(t, float64(edgeFlags)/rounds, 2*cfg.NormFalseFlagRate, "an honest update at MaxNormSpread times the median is flagged at about the stated rate or less")
			assert.LessOrEqual(t, float64(honestFlags)/float64(honest), cfg.NormFalseFlagRate)
			assert.GreaterOrEqual(t, float64(scaledFlags)/rounds, 0.95, "a x10 update of the smallest site is flagged")
		})
	}
}

func TestAssessIsPure(t *testing.T) {
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	in := []Scores{scoresOf(100, 1, 0.5), scoresOf(100, 1.2, 0.6), scoresOf(100, 0.8, 0.4), scoresOf(100, 9, 0.5)}
	in[0].ReferenceProjections = []float64{0.1, -0.2, 0.3, 0}
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
	assert.Equal(t, FlagLargeNorm, first[3].Flags, "9 times the others' norm")
	assert.InDelta(t, first[3].Norm/medianOf([]float64{first[0].Norm, first[1].Norm, first[2].Norm, first[3].Norm}), first[3].NormToMedian, 1e-12)
	assert.Greater(t, first[3].NormToMedian, policy.NormThreshold(4))

	t.Run("small rounds have only the absolute test", func(t *testing.T) {
		two, err := policy.Assess([]Scores{scoresOf(100, 0.8, 0.4), scoresOf(100, 9, 0.5)}, 2)
		require.NoError(t, err)
		assert.Zero(t, two[1].NormToMedian)
		assert.False(t, two[1].Flagged(), "no median of two: 9 is within the absolute backstop")
		two, err = policy.Assess([]Scores{scoresOf(100, 0.8, 0.4), scoresOf(100, 50, 0.5)}, 2)
		require.NoError(t, err)
		assert.Equal(t, FlagLargeNorm, two[1].Flags, "50 > 4·2·(1+2·sqrt(2/4)) (the absolute MaxNormRatio backstop)")
	})
	t.Run("mixed projection counts are refused", func(t *testing.T) {
		mixed := []Scores{scoresOf(100, 1, 0.5), {Length: 100, Reference: 0.5, Projections: []float64{0.1}}}
		_, err := policy.Assess(mixed, 2)
		assert.ErrorIs(t, err, ErrLengthMismatch)
	})
}

// RoundWeights is the decision the coordinator records and every share
// holder re-derives: weights from trust, the sample-count fallback when too
// few updates align, flooring to the ledger's unit.
func TestRoundWeights(t *testing.T) {
	policy, err := NewRobustPolicy(DefaultRobustConfig())
	require.NoError(t, err)
	s := func(cosines ...float64) []Scores {
		out := make([]Scores, len(cosines))
		for i, c := range cosines {
			out[i] = scoresOf(1000, 1, c)
		}
		return out
	}
	tests := []struct {
		name            string
		scores          []Scores
		samples         []uint64
		minParticipants int
		want            []float64
		fellBack        bool
		err             error
	}{
		{"trust and sample counts", s(0.8, 0.4, -0.8), []uint64{100, 200, 100}, 2, []float64{0.5, 0.5, 0}, false, nil},
		{"floored to the ledger's unit", s(0.3, 0.3, 0.3), []uint64{1, 1, 1}, 2, []float64{0.333333, 0.333333, 0.333333}, false, nil},
		{"too few aligned: sample counts over the unflagged", s(0.8, 0, -0.8), []uint64{100, 300, 100}, 2, []float64{0.25, 0.75, 0}, true, nil},
		{"the study's minimum above the policy's", s(0.8, 0.4, 0), []uint64{100, 100, 200}, 3, []float64{0.25, 0.25, 0.5}, true, nil},
		{"too few unflagged", s(0.8, -0.8, -0.8), []uint64{100, 100, 100}, 2, nil, false, ErrTooFewContributors},
		{"sample counts of another round", s(0.8, 0.4), []uint64{100}, 2, nil, false, ErrInvalidWeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, w, fellBack, err := policy.RoundWeights(tt.scores, 2, tt.samples, tt.minParticipants, 1e6)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.InDeltaSlice(t, tt.want, w, 1e-12)
			assert.Equal(t, tt.fellBack, fellBack)
		})
	}
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
}
