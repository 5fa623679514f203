package aggregation

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// scoreAll runs the whole n-of-n score protocol for one update: the
// coordinator's ScoreSet and the dealer's share travel through the wire.
func (f *fixture) scoreAll(t *testing.T, update *EncryptedVector, refs *References) Scores {
	t.Helper()
	set, err := f.s.Score(update, refs)
	require.NoError(t, err)
	received := viaWire(t, set, new(ScoreSet))
	require.Equal(t, set.Hash(), received.Hash())
	sh, err := f.s.GenScoreShare(f.partyOf(update.Dealer()).sk, received, update, refs)
	require.NoError(t, err)
	sc, err := f.s.DecryptScores(set, refs, []*ScoreShare{viaWire(t, sh, new(ScoreShare))})
	require.NoError(t, err)
	return sc
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func TestScoresMatchPlaintext(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	// Scores are inner products with unit vectors: the error bound is 6
	// standard deviations of the smudging (at most 2·ScoreErrorStdDev) plus
	// the encoding rounding of u (2^-LogScale per value, negligible).
	tol := 6 * 2 * s.ScoreErrorStdDev(len(f.parties))
	tests := []struct {
		name        string
		length      int
		projections int
		bound       float64
	}{
		{"one partial ciphertext", 1000, 16, 1},
		{"two ciphertexts, partial last", 20000, 64, 0.05},
		{"exactly one ciphertext", 16384, 64, 10},
		{"small model", 40, 9, 1},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(i), 7))
			ref := randomVector(r, tt.length, tt.bound)
			u := randomVector(r, tt.length, tt.bound)
			for j := range u {
				u[j] += 0.5 * ref[j] // correlated with the reference
			}
			refs, err := s.NewReferences(ref, CommonSeed([]byte("round-1")), tt.projections)
			require.NoError(t, err)
			enc, err := f.encrypt(u)
			require.NoError(t, err)
			got := f.scoreAll(t, enc, refs)
			want, err := PlainScores(u, refs)
			require.NoError(t, err)

			assert.InDelta(t, want.Reference, got.Reference, tol)
			require.Len(t, got.Projections, tt.projections)
			for j := range want.Projections {
				assert.InDelta(t, want.Projections[j], got.Projections[j], tol, "projection %d", j)
			}
			// The reference score is the true inner product with the unit
			// reference up to its encoding (relative 2^-RefLogScale per value).
			exact := dot(u, ref) / math.Sqrt(dot(ref, ref))
			encTol := math.Sqrt(dot(u, u)) * math.Sqrt(float64(tt.length)) * math.Exp2(-float64(refs.RefLogScale()))
			assert.InDelta(t, exact, got.Reference, encTol+tol)
			// The norm estimate is the JL estimate: within 5 of its
			// standard deviations sqrt(2/k).
			norm2 := dot(u, u)
			assert.InDelta(t, 1, got.NormSquared()/norm2, 5*math.Sqrt(2/float64(tt.projections)))
		})
	}
}

func TestJLNormEstimateWithinBound(t *testing.T) {
	s := newScheme(t)
	const d, k, trials = 4096, 64, 200
	r := rand.New(rand.NewPCG(11, 12))
	ref := randomVector(r, d, 1)
	sd := math.Sqrt(2.0 / k) // relative standard deviation of the estimate of ‖u‖²
	var sum, sumSq float64
	for i := range trials {
		refs, err := s.NewReferences(ref, CommonSeed([]byte("jl"), []byte{byte(i), byte(i >> 8)}), k)
		require.NoError(t, err)
		// Vary the shape: uniform, sparse and one heavy coordinate.
		u := randomVector(r, d, 1)
		switch i % 3 {
		case 1:
			for j := range u {
				if j%10 != 0 {
					u[j] = 0
				}
			}
		case 2:
			u[r.IntN(d)] = 30
		}
		sc, err := PlainScores(u, refs)
		require.NoError(t, err)
		ratio := sc.NormSquared() / dot(u, u)
		require.InDelta(t, 1, ratio, 5*sd, "trial %d", i)
		sum += ratio
		sumSq += ratio * ratio
	}
	mean := sum / trials
	std := math.Sqrt(sumSq/trials - mean*mean)
	assert.InDelta(t, 1, mean, 4*sd/math.Sqrt(trials), "the estimate is unbiased")
	assert.Less(t, std, 1.25*sd, "relative deviation at most sqrt(2/k)")
	assert.Greater(t, std, 0.6*sd)
}

func TestThresholdScoresAnyTNotTMinusOne(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	_, tsks := thresholdSetup(t, f, threshold)
	u, refs, enc, set := scoredUpdate(t, f, rand.New(rand.NewPCG(5, 6)), 3000, 32, "thr")
	want, err := PlainScores(u, refs)
	require.NoError(t, err)
	tol := 6 * 2 * s.ScoreErrorStdDev(threshold)

	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			for c := b + 1; c < n; c++ {
				members := []*ThresholdSecretShare{tsks[a], tsks[b], tsks[c]}
				active := []ShamirPoint{members[0].Point(), members[1].Point(), members[2].Point()}
				var shares []*ScoreShare
				for _, m := range members {
					sh, err := s.GenThresholdScoreShare(m, active, set, enc, refs)
					require.NoError(t, err)
					require.True(t, sh.IsThreshold())
					shares = append(shares, viaWire(t, sh, new(ScoreShare)))
				}
				got, err := s.DecryptScores(set, refs, shares)
				require.NoError(t, err, "active set %v", active)
				assert.InDelta(t, want.Reference, got.Reference, tol, "active set %v", active)
				assert.InDelta(t, want.Projections[7], got.Projections[7], tol, "active set %v", active)

				// t-1 of these shares are refused...
				_, err = s.DecryptScores(set, refs, shares[:2])
				assert.ErrorIs(t, err, ErrMissingShares)
				// ...and t-1 parties cannot make shares for a set of t-1.
				_, err = s.GenThresholdScoreShare(members[0], active[:2], set, enc, refs)
				assert.ErrorIs(t, err, ErrInvalidThreshold)
			}
		}
	}

	// Cryptographically, t-1 additive shares do not open the scores: the
	// Lagrange coefficients for a 3-set applied to 2 shares leave a
	// uniformly masked value. Forge a third share from zeros and check the
	// result is far off.
	active := []ShamirPoint{tsks[0].Point(), tsks[1].Point(), tsks[2].Point()}
	var shares []*ScoreShare
	for _, m := range tsks[:2] {
		sh, err := s.GenThresholdScoreShare(m, active, set, enc, refs)
		require.NoError(t, err)
		shares = append(shares, sh)
	}
	forged := *shares[0]
	forged.party, forged.point = tsks[2].party, tsks[2].point
	forged.values = make([][]uint64, len(shares[0].values))
	for l := range forged.values {
		forged.values[l] = make([]uint64, refs.NumScores())
	}
	got, err := s.DecryptScores(set, refs, append(shares, &forged))
	require.NoError(t, err)
	assert.Greater(t, math.Abs(got.Reference-want.Reference), 1.0, "two of three shares must not decrypt")
}

func TestScoreSharesAreBoundToTheirSet(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	r := rand.New(rand.NewPCG(8, 9))
	ref := randomVector(r, 2000, 1)
	refs, err := s.NewReferences(ref, CommonSeed([]byte("a")), 16)
	require.NoError(t, err)
	otherRefs, err := s.NewReferences(ref, CommonSeed([]byte("b")), 16)
	require.NoError(t, err)
	require.NotEqual(t, refs.Hash(), otherRefs.Hash(), "the seed is committed to")
	encA, err := f.encrypt(randomVector(r, 2000, 1))
	require.NoError(t, err)
	encB, err := f.encrypt(randomVector(r, 2000, 1))
	require.NoError(t, err)
	setA, err := s.Score(encA, refs)
	require.NoError(t, err)
	setB, err := s.Score(encB, refs)
	require.NoError(t, err)
	setAOther, err := s.Score(encA, otherRefs)
	require.NoError(t, err)

	t.Run("deterministic and recomputable from the wire bytes", func(t *testing.T) {
		again, err := s.Score(viaWire(t, encA, new(EncryptedVector)), refs)
		require.NoError(t, err)
		assert.Equal(t, setA.Hash(), again.Hash())
		assert.Equal(t, encA.Hash(), setA.UpdateHash())
		assert.Equal(t, refs.Hash(), setA.ReferencesHash())
	})
	t.Run("participant refuses a set of another update", func(t *testing.T) {
		_, err := s.GenScoreShare(f.parties[0].sk, setB, encA, refs)
		assert.ErrorIs(t, err, ErrScoreMismatch)
	})
	t.Run("participant refuses a set against other references", func(t *testing.T) {
		_, err := s.GenScoreShare(f.parties[0].sk, setAOther, encA, refs)
		assert.ErrorIs(t, err, ErrScoreMismatch)
	})
	t.Run("participant refuses a tampered set", func(t *testing.T) {
		b, err := setA.MarshalBinary()
		require.NoError(t, err)
		b[len(b)-1] ^= 1
		var tampered ScoreSet
		require.NoError(t, tampered.UnmarshalBinary(b))
		_, err = s.GenScoreShare(f.parties[0].sk, &tampered, encA, refs)
		assert.ErrorIs(t, err, ErrScoreMismatch)
	})
	t.Run("combiner refuses shares of another set", func(t *testing.T) {
		points, tsks := thresholdSetup(t, f, 3)
		var shares []*ScoreShare
		for i := range f.parties {
			set, upd := setA, encA
			if i == 2 {
				set, upd = setB, encB
			}
			sh, err := s.GenThresholdScoreShare(tsks[i], points, set, upd, refs)
			require.NoError(t, err)
			shares = append(shares, sh)
		}
		_, err := s.DecryptScores(setA, refs, shares)
		assert.ErrorIs(t, err, ErrWrongScoreSet)
		// Each share alone, as a relay checks it when it comes.
		require.NoError(t, s.CheckScoreShare(setA, refs, shares[0]))
		assert.ErrorIs(t, s.CheckScoreShare(setA, refs, shares[2]), ErrWrongScoreSet)
		fewer, err := s.NewReferences(ref, CommonSeed([]byte("a")), 8)
		require.NoError(t, err)
		setFewer, err := s.Score(encA, fewer)
		require.NoError(t, err)
		sh, err := s.GenThresholdScoreShare(tsks[0], points, setFewer, encA, fewer)
		require.NoError(t, err)
		sh.ScoreSetHash = setA.Hash() // claims setA, holds 1+8 scores of its 1+16
		assert.ErrorIs(t, s.CheckScoreShare(setA, refs, sh), ErrLengthMismatch)
	})
	t.Run("combiner refuses a set against other references", func(t *testing.T) {
		_, err := s.DecryptScores(setAOther, refs, nil)
		assert.ErrorIs(t, err, ErrScoreMismatch)
	})
}

func TestScoringRefusesBadInput(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	u, refs, enc, set := scoredUpdate(t, f, rand.New(rand.NewPCG(10, 11)), 1000, 8, "x")
	points, tsks := thresholdSetup(t, f, 3)
	good := make([]*ScoreShare, len(f.parties))
	var err error
	for i := range f.parties {
		good[i], err = s.GenThresholdScoreShare(tsks[i], points, set, enc, refs)
		require.NoError(t, err)
	}
	agg, err := s.WeightedSum([]*EncryptedVector{enc}, []float64{0.5})
	require.NoError(t, err)
	short, err := f.encrypt(u[:999])
	require.NoError(t, err)

	mutate := func(i int, change func(sh *ScoreShare)) []*ScoreShare {
		out := append([]*ScoreShare(nil), good...)
		c := *good[i]
		c.values = make([][]uint64, len(good[i].values))
		for l := range c.values {
			c.values[l] = append([]uint64(nil), good[i].values[l]...)
		}
		change(&c)
		out[i] = &c
		return out
	}
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"aggregates cannot be scored", func() error { _, err := s.Score(agg, refs); return err }, ErrLevelMismatch},
		{"length must match the references", func() error { _, err := s.Score(short, refs); return err }, ErrLengthMismatch},
		{"nil references", func() error { _, err := s.Score(enc, nil); return err }, ErrNilArgument},
		{"nil set", func() error { _, err := s.GenScoreShare(f.parties[0].sk, nil, enc, refs); return err }, ErrNilArgument},
		{"missing share", func() error { _, err := s.DecryptScores(set, refs, good[:2]); return err }, ErrMissingShares},
		{"duplicate share", func() error {
			_, err := s.DecryptScores(set, refs, []*ScoreShare{good[0], good[1], good[1]})
			return err
		}, ErrDuplicateShare},
		{"unreduced residue", func() error {
			_, err := s.DecryptScores(set, refs, mutate(1, func(sh *ScoreShare) { sh.values[0][0] = math.MaxUint64 }))
			return err
		}, ErrMalformed},
		{"wrong number of scores", func() error {
			_, err := s.DecryptScores(set, refs, mutate(1, func(sh *ScoreShare) { sh.values[2] = sh.values[2][:3] }))
			return err
		}, ErrLengthMismatch},
		{"wrong level", func() error {
			_, err := s.DecryptScores(set, refs, mutate(1, func(sh *ScoreShare) { sh.values = sh.values[:2]; sh.level = 1 }))
			return err
		}, ErrLevelMismatch},
		{"foreign parameters", func() error {
			_, err := s.DecryptScores(set, refs, mutate(2, func(sh *ScoreShare) { sh.params[0] ^= 1 }))
			return err
		}, ErrParamsMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, tt.run(), tt.want)
		})
	}
}

func TestNewReferencesValidation(t *testing.T) {
	s := newScheme(t)
	seed := CommonSeed([]byte("v"))
	ones := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = 1
		}
		return v
	}
	tests := []struct {
		name string
		ref  []float64
		k    int
		ok   bool
	}{
		{"default", ones(1000), DefaultProjectionsFor(1000), true},
		{"small model at its limit", ones(31), DefaultProjectionsFor(31), true},
		{"empty", nil, 1, false},
		{"zero projections", ones(1000), 0, false},
		{"too many projections", ones(1000), MaxProjections + 1, false},
		{"would reveal too much", ones(31), 7, false},
		{"zero reference", make([]float64, 100), 4, false},
		{"NaN", append(ones(99), math.NaN()), 4, false},
		{"infinite", append(ones(99), math.Inf(-1)), 4, false},
		{"overflowing norm", []float64{1e300, 1e300, 1, 1, 1, 1, 1, 1}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs, err := s.NewReferences(tt.ref, seed, tt.k)
			if !tt.ok {
				assert.ErrorIs(t, err, ErrInvalidReference)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, len(tt.ref), refs.Len())
			assert.Equal(t, tt.k+1, refs.NumScores())
			again, err := s.NewReferences(tt.ref, seed, tt.k)
			require.NoError(t, err)
			assert.Equal(t, refs.Hash(), again.Hash(), "deterministic")
		})
	}
	assert.Equal(t, 64, DefaultProjectionsFor(1_000_000))
	assert.Equal(t, 6, DefaultProjectionsFor(31))
	assert.Equal(t, 0, DefaultProjectionsFor(7))
}

func TestScoreWireRoundTripAndRefusals(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	_, tsks := thresholdSetup(t, f, 2)
	r := rand.New(rand.NewPCG(12, 13))
	u := randomVector(r, 500, 1)
	refs, err := s.NewReferences(randomVector(r, 500, 1), CommonSeed([]byte("w")), 8)
	require.NoError(t, err)
	enc, err := f.encrypt(u)
	require.NoError(t, err)
	set, err := s.Score(enc, refs)
	require.NoError(t, err)
	share, err := s.GenScoreShare(f.parties[0].sk, set, enc, refs)
	require.NoError(t, err)
	tshare, err := s.GenThresholdScoreShare(tsks[0], []ShamirPoint{1, 3}, set, enc, refs)
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{enc}, []float64{1})
	require.NoError(t, err)
	ds, err := s.GenDecryptionShare(f.parties[0].sk, agg)
	require.NoError(t, err)
	dsBytes, err := ds.MarshalBinary()
	require.NoError(t, err)

	cases := map[string]struct {
		v     wireValue
		empty func() wireValue
	}{
		"ScoreSet":             {set, func() wireValue { return new(ScoreSet) }},
		"ScoreShare":           {share, func() wireValue { return new(ScoreShare) }},
		"ScoreShare threshold": {tshare, func() wireValue { return new(ScoreShare) }},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := c.v.MarshalBinary()
			require.NoError(t, err)
			out := c.empty()
			require.NoError(t, out.UnmarshalBinary(b))
			again, err := out.MarshalBinary()
			require.NoError(t, err)
			assert.Equal(t, b, again)
			for cut := 0; cut < len(b); cut++ {
				assert.ErrorIs(t, c.empty().UnmarshalBinary(b[:cut]), ErrMalformed, "cut at %d", cut)
			}
			assert.ErrorIs(t, c.empty().UnmarshalBinary(append(append([]byte(nil), b...), 0)), ErrMalformed)
			// A vector decryption share is not a score share, and a score
			// share is not a vector decryption share.
			assert.ErrorIs(t, c.empty().UnmarshalBinary(dsBytes), ErrMalformed)
			assert.ErrorIs(t, new(DecryptionShare).UnmarshalBinary(b), ErrMalformed)
			assert.ErrorIs(t, new(EncryptedVector).UnmarshalBinary(b), ErrMalformed)
		})
	}
	t.Run("decoded values work", func(t *testing.T) {
		got, err := s.DecryptScores(viaWire(t, set, new(ScoreSet)), refs, []*ScoreShare{
			viaWire(t, share, new(ScoreShare)),
		})
		require.NoError(t, err)
		want, err := PlainScores(u, refs)
		require.NoError(t, err)
		assert.InDelta(t, want.Reference, got.Reference, 1e-5)
	})
	t.Run("huge counts do not allocate", func(t *testing.T) {
		b, err := share.MarshalBinary()
		require.NoError(t, err)
		// The score count sits after the header, hash, party, mode, point,
		// active count and level.
		off := 4 + 2 + 32 + 32 + 16 + 1 + 8 + 4 + 1
		b[off], b[off+1], b[off+2], b[off+3] = 0xff, 0xff, 0xff, 0xff
		assert.ErrorIs(t, new(ScoreShare).UnmarshalBinary(b), ErrMalformed)
	})
}

func mustShare(t *testing.T, s *Scheme, sk *SecretShare, set *ScoreSet, enc *EncryptedVector, refs *References) *ScoreShare {
	t.Helper()
	sh, err := s.GenScoreShare(sk, set, enc, refs)
	require.NoError(t, err)
	return sh
}

// TestScoreSharesRevealOnlyScalars checks what a score share set carries:
// 1+k scalars whatever the update's length, smudged with noise keyed by
// the holder's key and the score set (the same question gets the same
// share, so asking again averages nothing down), and usable by
// DecryptScores only.
func TestScoreSharesRevealOnlyScalars(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 2)
	r := rand.New(rand.NewPCG(14, 15))
	sizes := map[int]int{}
	for _, d := range []int{400, 40000} {
		refs, err := s.NewReferences(randomVector(r, d, 1), CommonSeed([]byte("o")), 16)
		require.NoError(t, err)
		enc, err := f.encrypt(randomVector(r, d, 1))
		require.NoError(t, err)
		set, err := s.Score(enc, refs)
		require.NoError(t, err)
		dealer := f.partyOf(enc.Dealer()).sk
		a := mustShare(t, s, dealer, set, enc, refs)
		b := mustShare(t, s, dealer, set, enc, refs)
		require.Equal(t, 17, len(a.values[0]))
		assert.Equal(t, a.values, b.values, "the same score set asked again: the same share")
		bytes, err := a.MarshalBinary()
		require.NoError(t, err)
		sizes[d] = len(bytes)
		setBytes, err := set.MarshalBinary()
		require.NoError(t, err)
		assert.Less(t, len(setBytes), 600)
	}
	assert.Equal(t, sizes[400], sizes[40000], "a share's size does not depend on the update")
	assert.Less(t, sizes[400], 600)
}

func TestScoreSecurityBits(t *testing.T) {
	s := newScheme(t)
	// One scalar with 10 parties: log2(2·2^58/σ_fresh), σ_fresh ≈ 2^6.6.
	assert.InDelta(t, 57.3, s.ScoreSecurityBits(1), 0.1)
	// 100 participants × 65 scores per round, 100 rounds, 100 key holders.
	assert.Greater(t, s.ScoreSecurityBits(100*65*100), 40.0)
	assert.Less(t, s.ScoreErrorStdDev(10), 2e-7)
}

func TestScoringErrorsAreDistinct(t *testing.T) {
	mine := []error{ErrInvalidReference, ErrScoreMismatch, ErrWrongScoreSet, ErrTooFewContributors}
	all := append([]error{ErrInvalidConfig, ErrInsecureConfig, ErrParamsMismatch, ErrMalformed, ErrNilArgument,
		ErrEmptyInput, ErrInvalidValue, ErrInvalidWeight, ErrLengthMismatch, ErrLevelMismatch, ErrKeyMismatch,
		ErrDuplicateShare, ErrMissingShares, ErrWrongAggregate, ErrInvalidThreshold}, mine...)
	for i, a := range mine {
		for j, b := range all {
			assert.Equal(t, j == len(all)-len(mine)+i, errors.Is(a, b), "%v vs %v", a, b)
		}
	}
}

// scoredUpdate encrypts a random update of length values under f and
// scores it against a random reference with k projections drawn from
// seed: the update, the references, the ciphertext and its score set.
func scoredUpdate(t *testing.T, f *fixture, r *rand.Rand, length, k int, seed string) ([]float64, *References, *EncryptedVector, *ScoreSet) {
	t.Helper()
	u := randomVector(r, length, 1)
	refs, err := f.s.NewReferences(randomVector(r, length, 1), CommonSeed([]byte(seed)), k)
	require.NoError(t, err)
	enc, err := f.encrypt(u)
	require.NoError(t, err)
	set, err := f.s.Score(enc, refs)
	require.NoError(t, err)
	return u, refs, enc, set
}

// A holder in several decryption sets makes its score shares from one key
// switch of the update, scaled by each set's Lagrange coefficient: the
// shares must be exactly, byte for byte, those made with each set's key
// one at a time, and decrypt as they do.
func TestThresholdScoreSharesForSeveralSetsAreEachSetsOwn(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	_, tsks := thresholdSetup(t, f, threshold)
	u, refs, enc, set := scoredUpdate(t, f, rand.New(rand.NewPCG(9, 10)), 3000, 32, "sets")
	want, err := PlainScores(u, refs)
	require.NoError(t, err)
	sets, err := DecryptionSets([]ShamirPoint{1, 2, 3, 4, 5}, threshold)
	require.NoError(t, err)
	byPoint := make(map[ShamirPoint][]*ScoreShare)
	for p := ShamirPoint(1); p <= n; p++ {
		var mine [][]ShamirPoint
		for _, ps := range sets {
			if slices.Contains(ps, p) {
				mine = append(mine, ps)
			}
		}
		require.NotEmpty(t, mine)
		together, err := s.GenThresholdScoreShares(tsks[p-1], mine, set, enc, refs)
		require.NoError(t, err)
		require.Len(t, together, len(mine))
		for i, ps := range mine {
			alone, err := s.GenThresholdScoreShare(tsks[p-1], ps, set, enc, refs)
			require.NoError(t, err)
			a, err := alone.MarshalBinary()
			require.NoError(t, err)
			b, err := together[i].MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, a, b, "point %d, set %v: the scaled share is the set's own", p, ps)
		}
		byPoint[p] = together
	}
	var all []*ScoreShare
	for _, ps := range byPoint {
		all = append(all, ps...)
	}
	got, err := s.DecryptScoresChecked(set, refs, all)
	require.NoError(t, err)
	tol := 6 * 2 * s.ScoreErrorStdDev(threshold)
	assert.InDelta(t, want.Reference, got.Reference, tol)
	assert.InDelta(t, want.Projections[3], got.Projections[3], tol)
}

// A score share uses the holder's share of the update's dealer's key only,
// and checks only that one of the n it holds (checking all n for each
// update was O(n²) per holder and round): a share of another dealer's key
// that is not reduced does not stop the update's score shares, one of the
// dealer's own does.
func TestThresholdScoreShareChecksTheDealersKeyShareOnly(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 3, 2
	f := newFixture(t, s, n)
	_, tsks := thresholdSetup(t, f, threshold)
	_, refs, enc, set := scoredUpdate(t, f, rand.New(rand.NewPCG(11, 12)), 3000, 32, "dealer only")
	active := []ShamirPoint{1, 2}
	corrupt := func(dealer func(PartyID) bool) *ThresholdSecretShare {
		out := *tsks[0]
		out.shares = slices.Clone(tsks[0].shares)
		for k, id := range out.keys {
			if dealer(id) {
				poly := out.shares[k].Poly.CopyNew()
				poly.Q.Coeffs[0][0] = s.params.RingQ().SubRings[0].Modulus
				out.shares[k].Poly = *poly
			}
		}
		return &out
	}
	want, err := s.GenThresholdScoreShare(tsks[0], active, set, enc, refs)
	require.NoError(t, err)
	others, err := s.GenThresholdScoreShare(corrupt(func(id PartyID) bool { return id != enc.Dealer() }), active, set, enc, refs)
	require.NoError(t, err, "the other dealers' shares are not used")
	a, err := want.MarshalBinary()
	require.NoError(t, err)
	b, err := others.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, a, b)
	_, err = s.GenThresholdScoreShare(corrupt(func(id PartyID) bool { return id == enc.Dealer() }), active, set, enc, refs)
	assert.ErrorIs(t, err, ErrMalformed, "the dealer's own share is checked")
}

// A holder prepares its decryption sets once for all the updates of a
// round (PrepareThresholdSets: each set checked, its Lagrange coefficient
// computed once) instead of once per update and set, and makes each
// set's key over Q only, in one buffer. The shares must be byte for byte
// those of the computation before: each set's additive key from
// mhe.Combiner (threshold.go's additive, over Q and P) and a key switch
// of the update with it, for every set of every point, of updates by two
// dealers, with the same prepared sets; and the prepared sets still refuse
// a set the holder may not use.
func TestPreparedThresholdSetsGiveEachSetsCombinerShares(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	_, tsks := thresholdSetup(t, f, threshold)
	_, refs, first, firstSet := scoredUpdate(t, f, rand.New(rand.NewPCG(13, 14)), 3000, 32, "prepared")
	second, err := s.Encrypt(f.parties[1].sk, f.pk.Hash(), f.ctx, randomVector(rand.New(rand.NewPCG(15, 16)), 3000, 1))
	require.NoError(t, err)
	secondSet, err := s.Score(second, refs)
	require.NoError(t, err)
	require.NotEqual(t, first.Dealer(), second.Dealer())
	sets, err := DecryptionSets([]ShamirPoint{1, 2, 3, 4, 5}, threshold)
	require.NoError(t, err)
	scaled := 0
	for p := ShamirPoint(1); p <= n; p++ {
		tsk := tsks[p-1]
		var mine [][]ShamirPoint
		for _, ps := range sets {
			if slices.Contains(ps, p) {
				mine = append(mine, ps)
			}
		}
		if len(mine) > 1 {
			scaled++ // the scaled path of several sets; one set is keyed alone
		}
		prepared, err := s.PrepareThresholdSets(tsk, mine)
		require.NoError(t, err)
		for _, u := range []struct {
			enc *EncryptedVector
			set *ScoreSet
		}{{first, firstSet}, {second, secondSet}} {
			sh, err := s.vectorShare(tsk, u.enc)
			require.NoError(t, err)
			together, err := s.GenThresholdScoreSharesFor(prepared, nil, u.set, u.enc, refs)
			require.NoError(t, err)
			for i, ps := range mine {
				sorted, err := s.checkActive(tsk, ps)
				require.NoError(t, err)
				key, err := s.additive(tsk, sorted, sh)
				require.NoError(t, err)
				want, err := s.genCheckedScoreShare(key, u.set, u.enc, refs, &ScoreShare{party: tsk.party, mode: modeThreshold, point: tsk.point, active: sorted}, nil)
				require.NoError(t, err)
				alone, err := s.GenThresholdScoreSharesFor(&ThresholdSets{tsk: tsk, sets: prepared.sets[i : i+1], lambda: prepared.lambda[i : i+1], mont: prepared.mont[i : i+1]}, nil, u.set, u.enc, refs)
				require.NoError(t, err)
				w, err := want.MarshalBinary()
				require.NoError(t, err)
				for what, got := range map[string]*ScoreShare{"with the other sets": together[i], "alone": alone[0]} {
					g, err := got.MarshalBinary()
					require.NoError(t, err)
					require.Equal(t, w, g, "point %d, set %v, dealer %s, %s", p, ps, u.enc.Dealer(), what)
				}
			}
		}
	}

	require.NotZero(t, scaled, "no point is in several sets")

	// The checks of each set still run, once, when the sets are prepared.
	_, err = s.PrepareThresholdSets(tsks[0], [][]ShamirPoint{{2, 3, 4}})
	require.ErrorIs(t, err, ErrInvalidThreshold, "a set without the holder's point")
	_, err = s.PrepareThresholdSets(tsks[0], [][]ShamirPoint{{1, 2}})
	require.ErrorIs(t, err, ErrInvalidThreshold, "a set of fewer than t points")
	_, err = s.PrepareThresholdSets(tsks[0], [][]ShamirPoint{{1, 2, 9}})
	require.ErrorIs(t, err, ErrInvalidThreshold, "a point outside the agreed set")
}

// A score share's inner products are taken ciphertext by ciphertext in
// a worker's buffer (the key switch computed in place) instead of over a
// fresh poly per ciphertext: the unsmudged share must be, residue for
// residue, the references applied to every contribution made apart, as
// before, for an update of several ciphertexts, the last one partly used.
func TestScoreContributionsInPlaceAreThoseOfEveryCiphertextApart(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 2)
	length := 2*s.Slots() + 1000
	_, refs, enc, _ := scoredUpdate(t, f, rand.New(rand.NewPCG(17, 18)), length, 32, "in place")
	require.Len(t, enc.c0, 3)
	sk := f.parties[0].sk.sk
	got, err := s.scoreContributions(sk, enc, refs, nil)
	require.NoError(t, err)

	ringL := s.params.RingQ().AtLevel(enc.level)
	polys := make([]ring.Poly, len(enc.c0))
	for j := range polys {
		polys[j] = ringL.NewPoly()
		require.NoError(t, s.keySwitch(sk.Value.Q, enc.context, j, enc.level, enc.used(j), ringL.NewPoly(), polys[j], nil))
	}
	want, err := s.applyReferences(refs, polys)
	require.NoError(t, err)
	require.Equal(t, want, got)
}

// A holder expands each mask a_j of the round's encryption context once
// for all the round's updates (Masks) instead of once per update: the
// shares are byte for byte those made without, each mask is expanded once
// however many updates use it, and masks kept for another context are
// neither used nor filled by an update of this one.
func TestMasksAreExpandedOnceForTheirContextOnly(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 4, 3
	f := newFixture(t, s, n)
	_, tsks := thresholdSetup(t, f, threshold)
	length := s.Slots() + 700
	_, refs, first, firstSet := scoredUpdate(t, f, rand.New(rand.NewPCG(23, 24)), length, 32, "masks")
	second, err := s.Encrypt(f.parties[2].sk, f.pk.Hash(), f.ctx, randomVector(rand.New(rand.NewPCG(25, 26)), length, 1))
	require.NoError(t, err)
	secondSet, err := s.Score(second, refs)
	require.NoError(t, err)
	sets, err := DecryptionSets([]ShamirPoint{1, 2, 3, 4}, threshold)
	require.NoError(t, err)
	var mine [][]ShamirPoint
	for _, ps := range sets {
		if slices.Contains(ps, 1) {
			mine = append(mine, ps)
		}
	}
	prepared, err := s.PrepareThresholdSets(tsks[0], mine)
	require.NoError(t, err)
	for _, single := range []bool{false, true} { // the scaled path of several sets, and one set alone
		p := prepared
		if single {
			p = &ThresholdSets{tsk: prepared.tsk, sets: prepared.sets[:1], lambda: prepared.lambda[:1], mont: prepared.mont[:1]}
		}
		masks, other := s.NewMasks(f.ctx), s.NewMasks(NewEncryptionContext(42, "train", 2))
		for _, u := range []struct {
			enc *EncryptedVector
			set *ScoreSet
		}{{first, firstSet}, {second, secondSet}} {
			want, err := s.GenThresholdScoreSharesFor(p, nil, u.set, u.enc, refs)
			require.NoError(t, err)
			for what, m := range map[string]*Masks{"kept masks": masks, "another context's masks": other} {
				got, err := s.GenThresholdScoreSharesFor(p, m, u.set, u.enc, refs)
				require.NoError(t, err)
				require.Len(t, got, len(want))
				for i := range want {
					w, err := want[i].MarshalBinary()
					require.NoError(t, err)
					g, err := got[i].MarshalBinary()
					require.NoError(t, err)
					require.Equal(t, w, g, "%s, single set %v, set %d", what, single, i)
				}
			}
		}
		assert.Len(t, masks.polys, len(first.c0), "each mask expanded once for both updates")
		assert.Empty(t, other.polys, "another context's masks are not used")
		for j, p := range masks.polys {
			want := s.params.RingQ().AtLevel(s.params.MaxLevel()).NewPoly()
			require.NoError(t, s.maskNTT(f.ctx, j, want))
			assert.True(t, want.Equal(&p), "mask %d", j)
		}
	}
}

// An upload of uniform residues (the out-of-range attack) is no
// encryption of bounded values, and its decrypted scores say so; an honest
// update at the very edge of the range (every value ±MaxAbsValue, along
// the reference: its reference score is the bound itself) does not, nor
// does an upload shaped by a small offset (the key-extraction attack's
// 2^65 per coefficient, 2^-17 per value).
func TestScoresOfAnOutOfRangeUploadSaySo(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 2)
	for _, tt := range []struct {
		length, projections int
	}{{40, 9}, {1000, 16}} {
		ref := make([]float64, tt.length)
		edge := make([]float64, tt.length)
		for j := range ref {
			ref[j] = float64(1 - 2*(j%2))
			edge[j] = s.MaxAbsValue() * ref[j]
		}
		refs, err := s.NewReferences(ref, CommonSeed([]byte("edge")), tt.projections)
		require.NoError(t, err)
		enc, err := f.encrypt(edge)
		require.NoError(t, err)
		sc := f.scoreAll(t, enc, refs)
		assert.InDelta(t, s.scoreBound(refs), sc.Reference, 1e-3, "%d values: the edge update's reference score is the bound", tt.length)
		assert.False(t, sc.OutOfRange, "%d values: a valid update at the edge is in range", tt.length)

		offset, err := s.ShapeUpload(enc, func(_ int, rows [][]uint64, moduli []uint64) {
			for l, row := range rows {
				k := new(big.Int).Mod(new(big.Int).Lsh(big.NewInt(1), 65), new(big.Int).SetUint64(moduli[l])).Uint64()
				for i := range row {
					row[i] = (row[i] + k) % moduli[l]
				}
			}
		})
		require.NoError(t, err)
		assert.False(t, f.scoreAll(t, offset, refs).OutOfRange, "%d values: an offset of 2^-17 per value stays in range", tt.length)

		for seed := range uint64(20) {
			rng := rand.New(rand.NewPCG(seed, uint64(tt.length)))
			uniform, err := s.ShapeUpload(enc, func(_ int, rows [][]uint64, moduli []uint64) {
				for l, row := range rows {
					for i := range row {
						row[i] = rng.Uint64N(moduli[l])
					}
				}
			})
			require.NoError(t, err)
			assert.True(t, f.scoreAll(t, uniform, refs).OutOfRange, "%d values, seed %d: uniform residues score out of range", tt.length, seed)
		}
	}
}
