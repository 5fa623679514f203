package aggregation

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecryptionSetsLeaveEveryHolderOut(t *testing.T) {
	for _, tc := range []struct {
		active []ShamirPoint
		t      int
		want   [][]ShamirPoint
	}{
		{[]ShamirPoint{1, 2, 3}, 3, [][]ShamirPoint{{1, 2, 3}}},
		{[]ShamirPoint{3, 1, 2}, 2, [][]ShamirPoint{{2, 3}, {1, 3}, {1, 2}}},
		{[]ShamirPoint{1, 2, 3, 4}, 2, [][]ShamirPoint{{3, 4}, {1, 2}}},
		{[]ShamirPoint{1, 2, 3, 4, 5}, 3, [][]ShamirPoint{{3, 4, 5}, {1, 2, 5}, {1, 2, 3}}},
	} {
		t.Run(fmt.Sprint(tc.active, tc.t), func(t *testing.T) {
			got, err := DecryptionSets(tc.active, tc.t)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			if len(got) > 1 {
				assert.NoError(t, CheckDecryptionSets(sortedPoints(tc.active), tc.t, got))
			}
		})
	}
	// Every size from t to 2t+1 for t up to 7: exactly t points per set,
	// every point left out of at least one.
	for th := 1; th <= 7; th++ {
		for n := th + 1; n <= 2*th; n++ {
			active := make([]ShamirPoint, n)
			for i := range active {
				active[i] = ShamirPoint(i + 1)
			}
			sets, err := DecryptionSets(active, th)
			require.NoError(t, err)
			require.NoError(t, CheckDecryptionSets(active, th, sets), "t %d, %d active", th, n)
		}
	}
	_, err := DecryptionSets([]ShamirPoint{1, 2}, 3)
	assert.ErrorIs(t, err, ErrInvalidThreshold)
	_, err = DecryptionSets([]ShamirPoint{1, 2, 3, 4, 5}, 2)
	assert.ErrorIs(t, err, ErrInvalidThreshold, "more than 2t: some holder would be in no set")
	_, err = DecryptionSets([]ShamirPoint{1, 1, 2}, 2)
	assert.ErrorIs(t, err, ErrInvalidThreshold)
}

// TestCheckDecryptionSetsRefusesWhatACoordinatorCouldAbuse: a holder gives
// a share per set only for sets DecryptionSets could have asked: exactly t
// of the active points, distinct sets, every point left out of one, no
// more sets than points.
func TestCheckDecryptionSetsRefusesWhatACoordinatorCouldAbuse(t *testing.T) {
	active := []ShamirPoint{1, 2, 3, 4}
	for name, sets := range map[string][][]ShamirPoint{
		"one set":               {{1, 2}},
		"a set too large":       {{1, 2, 3}, {2, 3, 4}},
		"a point not active":    {{1, 5}, {3, 4}},
		"the same set twice":    {{1, 2}, {1, 2}, {3, 4}},
		"a point in every set":  {{1, 2}, {1, 3}, {1, 4}},
		"more sets than points": {{1, 2}, {1, 3}, {1, 4}, {2, 3}, {2, 4}},
		"unsorted":              {{2, 1}, {3, 4}},
	} {
		assert.ErrorIs(t, CheckDecryptionSets(active, 2, sets), ErrInvalidThreshold, name)
	}
}

// A valid cover is not enough: {1, 3} and {2, 4} leave every one of four
// points out once, but DecryptionSets asks {3, 4} and {1, 2}, and each
// other set holding a point is one more smudged sample of its holder's
// share. Only the derived sets pass, in any order.
func TestCheckDerivedDecryptionSetsAcceptsTheDerivedSetsOnly(t *testing.T) {
	active := []ShamirPoint{1, 2, 3, 4}
	require.NoError(t, CheckDecryptionSets(active, 2, [][]ShamirPoint{{1, 3}, {2, 4}}), "a valid cover")
	err := CheckDerivedDecryptionSets(active, 2, [][]ShamirPoint{{1, 3}, {2, 4}})
	require.ErrorIs(t, err, ErrInvalidThreshold)
	assert.ErrorContains(t, err, "DecryptionSets derives [[3 4] [1 2]]")
	assert.NoError(t, CheckDerivedDecryptionSets(active, 2, [][]ShamirPoint{{3, 4}, {1, 2}}))
	assert.NoError(t, CheckDerivedDecryptionSets([]ShamirPoint{4, 2, 3, 1}, 2, [][]ShamirPoint{{1, 2}, {3, 4}}), "any order")
	assert.NoError(t, CheckDerivedDecryptionSets([]ShamirPoint{1, 2}, 2, [][]ShamirPoint{{1, 2}}), "t points: the one set")
	for name, sets := range map[string][][]ShamirPoint{
		"one set of four":   {{1, 2, 3, 4}},
		"one derived set":   {{3, 4}},
		"a set twice":       {{3, 4}, {1, 2}, {1, 2}},
		"an unsorted set":   {{4, 3}, {1, 2}},
		"a set more":        {{3, 4}, {1, 2}, {2, 3}},
		"nothing (no sets)": nil,
	} {
		assert.ErrorIs(t, CheckDerivedDecryptionSets(active, 2, sets), ErrInvalidThreshold, name)
	}
	assert.ErrorIs(t, CheckDerivedDecryptionSets([]ShamirPoint{1, 2, 3, 4, 5}, 2, nil), ErrInvalidThreshold, "more than 2t")
}

// TestDecryptCheckedCatchesAHolderShiftingItsShare plays the attack: a
// holder adds an offset to its decryption share. Decrypt alone publishes
// the shifted aggregate (the offset stays within its bound); decrypting
// with every set of DecryptionSets catches it whichever holder it is and
// however it shifts the sets it is in, and honest holders always agree.
func TestDecryptCheckedCatchesAHolderShiftingItsShare(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	points := []ShamirPoint{1, 2, 3, 4, 5}
	tsks := dealThresholdKeys(t, s, f, threshold, points)
	agg, want := f.weightedAggregate(t, rand.New(rand.NewPCG(3, 4)), 300)

	// shares gives every holder of active a share per set it is in; the
	// holder at liar adds offset (in value units) to value 7 of each.
	shares := func(active []ShamirPoint, liar ShamirPoint, offset float64) []*DecryptionShare {
		sets, err := DecryptionSets(active, threshold)
		require.NoError(t, err)
		var out []*DecryptionShare
		for _, set := range sets {
			for _, p := range set {
				ds, err := s.GenThresholdDecryptionShare(tsks[p-1], set, agg)
				require.NoError(t, err)
				if p == liar {
					require.NoError(t, s.ShiftDecryptionShare(ds, 7, offset))
				}
				out = append(out, ds)
			}
		}
		return out
	}

	t.Run("the attack without redundancy", func(t *testing.T) {
		got, err := s.Decrypt(agg, shares([]ShamirPoint{1, 2, 3}, 2, 0.5))
		require.NoError(t, err, "one set, nothing to compare: the shift passes")
		assert.InDelta(t, want[7]+0.5, got[7], 1e-4)
	})
	for _, active := range [][]ShamirPoint{{1, 2, 3, 4}, {1, 2, 3, 4, 5}, {2, 4, 5, 1}} {
		t.Run(fmt.Sprint("honest ", active), func(t *testing.T) {
			for range 3 {
				got, err := s.DecryptChecked(agg, shares(active, 0, 0))
				require.NoError(t, err)
				assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5)
			}
		})
		for _, liar := range active {
			for _, offset := range []float64{0.5, -1e-3, 1e-4} {
				t.Run(fmt.Sprintf("%v liar %d offset %g", active, liar, offset), func(t *testing.T) {
					_, err := s.DecryptChecked(agg, shares(active, liar, offset))
					require.ErrorIs(t, err, ErrDecryptionsDisagree)
				})
			}
		}
	}
	t.Run("tolerance", func(t *testing.T) {
		// An offset below the smudging bound cannot be told from noise;
		// the bound is a few parts in a million.
		tol := s.decryptionTolerance(2 * threshold)
		t.Logf("two sets of %d shares: tolerance %.3g", threshold, tol)
		assert.Less(t, tol, 1e-5)
	})
}

func sortedPoints(p []ShamirPoint) []ShamirPoint {
	out := slices.Clone(p)
	slices.Sort(out)
	return out
}

// dealThresholdKeys has every party of f deal its key share to points and
// returns each party's threshold share.
func dealThresholdKeys(t *testing.T, s *Scheme, f *fixture, threshold int, points []ShamirPoint) []*ThresholdSecretShare {
	t.Helper()
	dealt := make([]map[ShamirPoint]*ThresholdShare, len(f.parties))
	for i, p := range f.parties {
		var err error
		dealt[i], err = s.GenThresholdShares(p.sk, threshold, points)
		require.NoError(t, err)
	}
	tsks := make([]*ThresholdSecretShare, len(f.parties))
	for j, p := range f.parties {
		var received []*ThresholdShare
		for i := range f.parties {
			received = append(received, dealt[i][points[j]])
		}
		var err error
		tsks[j], err = s.AggregateThresholdShares(f.pk, p.sk.ID(), points[j], received)
		require.NoError(t, err)
	}
	return tsks
}

// TestDecryptionShareNoiseIsKeyedByKeyAndAggregate: asked again for the
// same aggregate and active set, a holder gives the same share, so a
// coordinator that asks m times cannot average its smudging noise down;
// another set gets independent noise.
func TestDecryptionShareNoiseIsKeyedByKeyAndAggregate(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	tsks := dealThresholdKeys(t, s, f, 2, []ShamirPoint{1, 2, 3})
	ev, err := f.encrypt(randomVector(rand.New(rand.NewPCG(1, 2)), 50, 1))
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{ev}, []float64{1})
	require.NoError(t, err)
	share := func(set []ShamirPoint) []byte {
		ds, err := s.GenThresholdDecryptionShare(tsks[0], set, agg)
		require.NoError(t, err)
		b, err := ds.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	assert.Equal(t, share([]ShamirPoint{1, 2}), share([]ShamirPoint{1, 2}), "asked again: the same share")
	assert.NotEqual(t, share([]ShamirPoint{1, 2}), share([]ShamirPoint{1, 3}), "another set: other noise")
	// The noise is still there: two sets' shares decrypt alike but not
	// bit for bit (DecryptChecked's tolerance is what they differ by).
	a, err := s.GenThresholdDecryptionShare(tsks[1], []ShamirPoint{1, 2}, agg)
	require.NoError(t, err)
	b, err := s.GenThresholdDecryptionShare(tsks[2], []ShamirPoint{1, 3}, agg)
	require.NoError(t, err)
	decode := func(raw []byte) *DecryptionShare {
		ds := new(DecryptionShare)
		require.NoError(t, ds.UnmarshalBinary(raw))
		return ds
	}
	s12 := []*DecryptionShare{decode(share([]ShamirPoint{1, 2}))}
	s13 := []*DecryptionShare{decode(share([]ShamirPoint{1, 3}))}
	x, err := s.Decrypt(agg, append(s12, a))
	require.NoError(t, err)
	y, err := s.Decrypt(agg, append(s13, b))
	require.NoError(t, err)
	assert.NotEqual(t, x, y)
	assert.InDeltaSlice(t, x, y, s.decryptionTolerance(4))
}

// TestDecryptScoresCheckedCatchesAHolderShiftingItsScoreShare plays the
// framing attack on robust scoring: a holder adds an offset to its score
// share so that an honest update's reference score (its cosine with the
// reference) drops and the update is flagged. DecryptScores with one set
// of t passes it; decrypting with every set of DecryptionSets catches it
// whichever holder lies, and honest sets always agree.
func TestDecryptScoresCheckedCatchesAHolderShiftingItsScoreShare(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	_, tsks := thresholdSetup(t, f, threshold)
	u, refs, enc, set := scoredUpdate(t, f, rand.New(rand.NewPCG(7, 8)), 3000, 32, "verified scores")
	want, err := PlainScores(u, refs)
	require.NoError(t, err)

	// shares gives every holder of active a share per set it is in; the
	// holder at liar adds offset to score j of each.
	shares := func(active []ShamirPoint, liar ShamirPoint, j int, offset float64) []*ScoreShare {
		sets, err := DecryptionSets(active, threshold)
		require.NoError(t, err)
		var out []*ScoreShare
		for _, ps := range sets {
			for _, p := range ps {
				sh, err := s.GenThresholdScoreShare(tsks[p-1], ps, set, enc, refs)
				require.NoError(t, err)
				if p == liar {
					require.NoError(t, s.ShiftScoreShare(sh, refs, j, offset))
				}
				out = append(out, viaWire(t, sh, new(ScoreShare)))
			}
		}
		return out
	}
	tol := 6 * 2 * s.ScoreErrorStdDev(threshold)

	t.Run("the attack without redundancy", func(t *testing.T) {
		got, err := s.DecryptScoresChecked(set, refs, shares([]ShamirPoint{1, 2, 3}, 2, 0, -40))
		require.NoError(t, err, "one set, nothing to compare: the shift passes")
		assert.InDelta(t, want.Reference-40, got.Reference, tol)
	})
	for _, active := range [][]ShamirPoint{{1, 2, 3, 4}, {1, 2, 3, 4, 5}, {2, 4, 5, 1}} {
		t.Run(fmt.Sprint("honest ", active), func(t *testing.T) {
			got, err := s.DecryptScoresChecked(set, refs, shares(active, 0, 0, 0))
			require.NoError(t, err)
			assert.InDelta(t, want.Reference, got.Reference, tol)
			assert.InDelta(t, want.Projections[5], got.Projections[5], tol)
		})
		for _, liar := range active {
			for _, shift := range []struct {
				j      int
				offset float64
			}{{0, -40}, {0, 1e-3}, {9, 0.5}} {
				t.Run(fmt.Sprintf("%v liar %d score %d offset %g", active, liar, shift.j, shift.offset), func(t *testing.T) {
					_, err := s.DecryptScoresChecked(set, refs, shares(active, liar, shift.j, shift.offset))
					require.ErrorIs(t, err, ErrDecryptionsDisagree)
				})
			}
		}
	}
	t.Run("tolerance", func(t *testing.T) {
		// Below the smudging bound an offset cannot be told from noise;
		// the bound is a small multiple of the scores' error.
		for j := range refs.NumScores() {
			tol := s.scoreTolerance(refs, j, 2*threshold, 100)
			assert.Less(t, tol, 1e-4, "score %d", j)
		}
		t.Logf("two sets of %d shares: reference score tolerance %.3g, error sd %.3g", threshold, s.scoreTolerance(refs, 0, 2*threshold, 0), s.ScoreErrorStdDev(threshold))
	})
	_, err = s.DecryptScoresChecked(set, refs, nil)
	assert.ErrorIs(t, err, ErrMissingShares)
	_, err = s.DecryptScoresChecked(set, refs, []*ScoreShare{nil})
	assert.ErrorIs(t, err, ErrNilArgument)
}

// weightedAggregate encrypts three random vectors of length values under
// the fixture's parties' keys (round robin) and returns their aggregate with
// weights 0.2, 0.3 and 0.5, and the plaintext weighted sum it decrypts to.
func (f *fixture) weightedAggregate(t *testing.T, r *rand.Rand, length int) (*EncryptedVector, []float64) {
	t.Helper()
	plain := [][]float64{randomVector(r, length, 10), randomVector(r, length, 10), randomVector(r, length, 10)}
	var enc []*EncryptedVector
	for _, v := range plain {
		ev, err := f.encrypt(v)
		require.NoError(t, err)
		enc = append(enc, ev)
	}
	weights := []float64{0.2, 0.3, 0.5}
	agg, err := f.s.WeightedSum(enc, weights)
	require.NoError(t, err)
	want, err := PlainWeightedSum(plain, weights)
	require.NoError(t, err)
	return agg, want
}
