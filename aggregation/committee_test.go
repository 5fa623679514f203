package aggregation

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dealToCommittee has every party deal its key to the committee's points
// only, through the wire, and returns the committee's threshold shares
// (by point) and the number of shares dealt.
func dealToCommittee(t *testing.T, f *fixture, threshold int, committee []ShamirPoint, ids map[ShamirPoint]PartyID) (map[ShamirPoint]*ThresholdSecretShare, int) {
	t.Helper()
	inbox := map[ShamirPoint][]*ThresholdShare{}
	dealt := 0
	for _, p := range f.parties {
		shares, err := f.s.GenThresholdShares(p.sk, threshold, committee)
		require.NoError(t, err)
		for pt, sh := range shares {
			inbox[pt] = append(inbox[pt], viaWire(t, sh, new(ThresholdShare)))
			dealt++
		}
	}
	out := map[ShamirPoint]*ThresholdSecretShare{}
	for _, pt := range committee {
		tsk, err := f.s.AggregateThresholdShares(f.pk, ids[pt], pt, inbox[pt])
		require.NoError(t, err)
		out[pt] = viaWire(t, tsk, new(ThresholdSecretShare))
		assert.Len(t, out[pt].Dealers(), len(f.parties), "a holder keeps one share per dealer")
	}
	return out, dealt
}

func pick(tsks map[ShamirPoint]*ThresholdSecretShare, points ...ShamirPoint) []*ThresholdSecretShare {
	out := make([]*ThresholdSecretShare, len(points))
	for i, p := range points {
		out[i] = tsks[p]
	}
	return out
}

// TestCommitteeKeyGenerationAndHandover: with a committee of c holders
// among n parties, dealing is n·c shares; t of the c decrypt an aggregate
// of every party's update (non-members keep their own key to encrypt);
// when a committee member is suspended, t remaining holders re-share every
// dealer's key to the new committee, which decrypts old and new
// aggregates; a party that joins later deals its key to the committee only.
func TestCommitteeKeyGenerationAndHandover(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 7, 2
	f := newFixture(t, s, n)
	// Parties sit at points 1..n (their index on chain); the committee is three of them.
	ids := map[ShamirPoint]PartyID{}
	for i, p := range f.parties {
		ids[ShamirPoint(i+1)] = p.sk.ID()
	}
	committee := []ShamirPoint{2, 5, 7}
	tsks, dealt := dealToCommittee(t, f, threshold, committee, ids)
	assert.Equal(t, n*len(committee), dealt, "dealing is n·c shares, not n²")

	r := rand.New(rand.NewPCG(12, 1))
	want := randomVector(r, 500, 10)
	updates := make([]*EncryptedVector, n)
	for i := range updates {
		var err error
		updates[i], err = f.encrypt(want) // every party, committee or not
		require.NoError(t, err)
	}
	weights := make([]float64, n)
	for i := range weights {
		weights[i] = 1.0 / n
	}
	agg, err := s.WeightedSum(updates, weights)
	require.NoError(t, err)
	for _, pair := range [][]ShamirPoint{{2, 5}, {2, 7}, {5, 7}} {
		got, err := thresholdDecrypt(t, s, agg, pick(tsks, pair...))
		require.NoError(t, err, "committee %v", pair)
		assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5)
	}

	// Point 5 is suspended; the chain selects {2, 3, 7}. Holders 2 and 7
	// re-share every dealer's key to it: t·c shares of n keys each.
	next := []ShamirPoint{2, 3, 7}
	dealers := []ShamirPoint{2, 7}
	inbox := map[ShamirPoint][]*ThresholdShare{}
	for _, d := range dealers {
		out, err := s.GenReshareShares(tsks[d], dealers, threshold, next)
		require.NoError(t, err)
		require.Len(t, out, len(next))
		for pt, sh := range out {
			inbox[pt] = append(inbox[pt], viaWire(t, sh, new(ThresholdShare)))
		}
	}
	fresh := map[ShamirPoint]*ThresholdSecretShare{}
	for _, pt := range next {
		fresh[pt], err = s.AggregateReshareShares(ids[pt], pt, inbox[pt])
		require.NoError(t, err)
		assert.Len(t, fresh[pt].Dealers(), n, "every dealer's key moved to the new committee")
	}
	for _, pair := range [][]ShamirPoint{{2, 3}, {3, 7}} {
		got, err := thresholdDecrypt(t, s, agg, pick(fresh, pair...))
		require.NoError(t, err, "new committee %v", pair)
		assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5)
	}
	_, err = thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{fresh[3], tsks[5]})
	require.ErrorIs(t, err, ErrInvalidThreshold, "the suspended holder's old share is not of the new sharing")

	// A party joins: it deals its own key to the committee only (c shares).
	joiner, err := s.GenSecretShare()
	require.NoError(t, err)
	own, err := s.GenThresholdShares(joiner, threshold, next)
	require.NoError(t, err)
	assert.Len(t, own, len(next))
	for _, pt := range next {
		fresh[pt], err = s.AddDealer(fresh[pt], viaWire(t, own[pt], new(ThresholdShare)))
		require.NoError(t, err)
	}
	v, err := s.Encrypt(joiner, f.pk.Hash(), f.ctx, want)
	require.NoError(t, err)
	agg2, err := s.WeightedSum([]*EncryptedVector{updates[0], updates[4], v}, []float64{0.25, 0.25, 0.5})
	require.NoError(t, err)
	got, err := thresholdDecrypt(t, s, agg2, pick(fresh, 3, 7))
	require.NoError(t, err)
	assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5)
}

// TestCommitteePointSetChecked: a committee's point set may not exceed the
// parties, and a holder outside it gets nothing to aggregate.
func TestCommitteePointSetChecked(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	points := []ShamirPoint{1, 2, 3, 4}
	var received []*ThresholdShare
	for _, p := range f.parties {
		shares, err := s.GenThresholdShares(p.sk, 2, points)
		require.NoError(t, err)
		received = append(received, shares[1])
	}
	_, err := s.AggregateThresholdShares(f.pk, f.parties[0].sk.ID(), 1, received)
	require.ErrorIs(t, err, ErrInvalidThreshold)
	for _, c := range []int{1, 2} {
		t.Run(fmt.Sprintf("committee of %d", c), func(t *testing.T) {
			committee := points[:c]
			var received []*ThresholdShare
			for _, p := range f.parties {
				shares, err := s.GenThresholdShares(p.sk, 1, committee)
				require.NoError(t, err)
				_, outside := shares[3]
				assert.False(t, outside, "no share for a point outside the committee")
				received = append(received, shares[1])
			}
			_, err := s.AggregateThresholdShares(f.pk, f.parties[0].sk.ID(), 1, received)
			require.NoError(t, err)
		})
	}
}

// ThresholdShareBytes is the exact encoded size of an initial dealing and
// of a re-sharing: what the coordinator bounds a dealer's pieces by.
func TestThresholdShareBytesIsExact(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	points := []ShamirPoint{1, 2, 3}
	ids := map[ShamirPoint]PartyID{}
	for i, p := range f.parties {
		ids[ShamirPoint(i+1)] = p.sk.ID()
	}
	tsks, _ := dealToCommittee(t, f, 2, points, ids)
	dealt, err := s.GenThresholdShares(f.parties[0].sk, 2, points)
	require.NoError(t, err)
	b, err := dealt[1].MarshalBinary()
	require.NoError(t, err)
	assert.Len(t, b, s.ThresholdShareBytes(1, 3, 0), "initial dealing")
	next := []ShamirPoint{1, 2, 4, 5}
	reshared, err := s.GenReshareShares(tsks[1], []ShamirPoint{1, 3}, 3, next)
	require.NoError(t, err)
	b, err = reshared[4].MarshalBinary()
	require.NoError(t, err)
	assert.Len(t, b, s.ThresholdShareBytes(3, 4, 2), "re-sharing of three keys")
}
