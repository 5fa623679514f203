package participant

import (
	"context"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// pinnedFor is the contributors hash of nodes who, in that order, in the
// fixture's round.
func (f *roundFixture) pinnedFor(who []int) common.Hash {
	addrs := make([]common.Address, len(who))
	for i, n := range who {
		addrs[i] = f.nodes[n].self
	}
	return contracts.ContributorsHash(stepsStudy, f.round, addrs)
}

// A holder's own rule (one aggregate per round) does not stop a
// coordinator that asks two groups of holders, each of at least the
// threshold: the first group decrypts the aggregate of every update, the
// second, with a holder that decrypted nothing this round and one that
// colludes, the aggregate of all but one, and their difference is the
// left-out update in the clear. The round's list is now pinned on chain
// before anyone decrypts, and a holder decrypts no other list.
func TestSecondHolderGroupDecryptsOnlyThePinnedList(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	ctx := context.Background()
	// Group one, hospitals 1 and 2: the honest aggregate of the pinned list.
	all := f.honestDecrypt(t)
	all.task.ActivePoints = []uint64{f.nodes[0].point, f.nodes[1].point}
	slices.Sort(all.task.ActivePoints)
	var allShares [][]byte
	for _, s := range f.nodes[:2] {
		r, err := s.decrypt(ctx, all.task, all.facts)
		require.NoError(t, err)
		allShares = append(allShares, r.send.(*cohortv1.DecryptionShareSubmission).GetShare())
	}

	// Group two: hospital 3, which has decrypted nothing this round, and
	// hospital 1 colluding with the coordinator (it gives a share of
	// whatever it is asked, as if the chain pinned that list), for the
	// aggregate of hospitals 1 and 2 alone.
	who, w := []int{0, 1}, []float64{1.0 / 3, 2.0 / 3}
	fewer := f.honestDecrypt(t)
	fewer.facts.aggregate = f.sum(t, who, w)
	fewer.task.AggregateHash, fewer.task.Contributors, fewer.task.Weights = aggregation.ContentHash(fewer.facts.aggregate).Bytes(), f.addrs(who), w
	fewer.task.ActivePoints = []uint64{f.nodes[0].point, f.nodes[2].point}
	slices.Sort(fewer.task.ActivePoints)
	fewer.facts.updates = sealedUpdates(f.sealed[0], f.sealed[1])
	colluder := f.nodes[0]
	colluder.decrypted = nil
	lied := fewer.facts
	lied.pinned = f.pinnedFor(who)
	rc, err := colluder.decrypt(ctx, fewer.task, lied)
	require.NoError(t, err)

	honest := f.nodes[2]
	_, seen := honest.decrypted[f.round]
	require.False(t, seen, "hospital 3 has decrypted nothing this round")
	r, err := honest.decrypt(ctx, fewer.task, fewer.facts)
	if err == nil {
		// The attack: 1/6 u0 + 2/6 u1 + 3/6 u2 minus half of 1/3 u0 + 2/3 u1 is u2 / 2.
		fewerShares := [][]byte{rc.send.(*cohortv1.DecryptionShareSubmission).GetShare(), r.send.(*cohortv1.DecryptionShareSubmission).GetShare()}
		sum, err := f.nodes[1].sealer.open(all.facts.aggregate, allShares)
		require.NoError(t, err)
		part, err := f.nodes[1].sealer.open(fewer.facts.aggregate, fewerShares)
		require.NoError(t, err)
		got := make([]float64, len(f.plain[2]))
		for j := range got {
			got[j] = 2 * (sum[j] - part[j]/2)
		}
		assert.InDeltaSlice(t, f.plain[2], got, 1e-4)
		t.Fatalf("two holder groups decrypted two aggregates of round 1; their difference is hospital 3's update %.4g", got[:4])
	}
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Contains(t, err.Error(), "not the list pinned on chain")
	assert.Nil(t, r.send, "no share of another list leaves the holder")
	_, seen = honest.decrypted[f.round]
	assert.False(t, seen, "nothing recorded")

	// The pinned list is still answered, and nothing at all while no
	// list is pinned.
	pinnedTask := proto.Clone(all.task).(*cohortv1.DecryptTask)
	pinnedTask.ActivePoints = fewer.task.ActivePoints
	_, err = honest.decrypt(ctx, pinnedTask, all.facts)
	require.NoError(t, err, "the pinned list")
	unpinned := f.honestDecrypt(t)
	unpinned.facts.pinned = common.Hash{}
	fresh := f.nodes[1]
	fresh.decrypted = nil
	r, err = fresh.decrypt(ctx, unpinned.task, unpinned.facts)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Contains(t, err.Error(), "not pinned on chain")
	assert.Nil(t, r.send)
}

// Score shares likewise: the projection seed is drawn from the listed
// contributors' commitments, so a second holder group asked to score
// another list (a subset, another order) would give k new projections of
// the same updates; a holder that scored nothing this round refuses every
// list but the pinned one.
func TestSecondHolderGroupScoresOnlyThePinnedList(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	ctx := context.Background()
	honest, facts, ref := f.scoreTaskFor(t, []int{0, 1, 2})
	_, err := f.nodes[1].score(ctx, honest, facts, ref)
	require.NoError(t, err, "the first group scores the pinned list")

	me := f.nodes[2]
	require.Empty(t, me.scored, "hospital 3 has scored nothing this round")
	for _, who := range [][]int{{2}, {0, 2}, {2, 0}, {2, 1, 0}, {0, 1}} {
		task, facts, ref := f.scoreTaskFor(t, who)
		task.ActivePoints = []uint64{f.nodes[0].point, me.point}
		slices.Sort(task.ActivePoints)
		r, err := me.score(ctx, task, facts, ref)
		require.ErrorIs(t, err, ErrChainMismatch, "contributors %v: new projections of the same updates", who)
		assert.Contains(t, err.Error(), "not the list pinned on chain")
		assert.Nil(t, r.send)
	}
	assert.Empty(t, me.scored, "nothing recorded")

	honest.ActivePoints = []uint64{f.nodes[0].point, me.point}
	slices.Sort(honest.ActivePoints)
	unpinned := facts
	unpinned.pinned = common.Hash{}
	_, err = me.score(ctx, honest, unpinned, ref)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Contains(t, err.Error(), "not pinned on chain")
	_, err = me.score(ctx, honest, facts, ref)
	require.NoError(t, err, "the pinned list")
}
