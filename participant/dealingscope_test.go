package participant

import (
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// subsetsOf are the non-empty subsets of items, in a fixed order, each
// with its bit mask over items.
func subsetsOf[T any](items []T) (subsets [][]T, masks []int) {
	for mask := 1; mask < 1<<len(items); mask++ {
		var s []T
		for i, it := range items {
			if mask&(1<<i) != 0 {
				s = append(s, it)
			}
		}
		subsets, masks = append(subsets, s), append(masks, mask)
	}
	return subsets, masks
}

// A holder answers a share's dealing check only for the subsets of
// dealers a bisection of the whole check asks (halves of halves of the
// dealers first asked, in their order: 2d−1 of them, each dealer in at
// most ⌈log2 d⌉+1), over the decryption sets first asked, restarted too.
// Each other subset would be one more smudged sample of part of its
// share: differences of overlapping subsets average the smudging away.
// Before, it answered every one of the 31 subsets of 5 dealers.
func TestHolderAnswersOnlyTheDealingCheckSubsetsABisectionAsks(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 5)
	c.persist(t, 0)
	c.keyGen(t, 5)
	var dealers [][]byte
	for _, n := range c.nodes {
		dealers = append(dealers, n.self.Bytes())
	}
	sets := []*cohortv1.PointSet{{Points: []uint64{1, 2}}, {Points: []uint64{1, 3}}, {Points: []uint64{2, 3}}}
	seed := aggregation.CommonSeed([]byte("dealings"))
	check := func(dealers [][]byte, sets []*cohortv1.PointSet) *cohortv1.ThresholdKeyTask {
		return &cohortv1.ThresholdKeyTask{StudyId: stepsStudy, DealingCheckSeed: seed[:], DealingCheckDealers: dealers, DealingCheckSets: sets}
	}
	first := check(dealers, sets)
	first.Shares = c.deal(t, 5)[0]
	r, err := c.nodes[0].thresholdKey(first, c.study)
	require.NoError(t, err)
	c.keep(t, 0, r)
	c.restart(t, 0)

	// The bisection of dealers 0..4: {0,1} and {2,3,4}, {0}, {1}, {2},
	// {3,4}, {3}, {4}, and the whole.
	want := []int{0b11111, 0b00011, 0b11100, 0b00001, 0b00010, 0b00100, 0b11000, 0b01000, 0b10000}
	subsets, masks := subsetsOf(dealers)
	var answered []int
	for i, subset := range subsets {
		_, err := c.nodes[0].thresholdKey(check(subset, sets), c.study)
		if err == nil {
			answered = append(answered, masks[i])
			continue
		}
		require.ErrorIs(t, err, ErrChainMismatch, "subset %05b", masks[i])
		assert.ErrorContains(t, err, "not one a bisection of the dealing check asks", "subset %05b", masks[i])
	}
	assert.ElementsMatch(t, want, answered, "of the %d subsets, the holder answers the bisection's only", len(subsets))

	_, err = c.nodes[0].thresholdKey(check(dealers, sets[1:]), c.study) // without {1, 2}
	require.ErrorIs(t, err, ErrChainMismatch, "other decryption sets")
	assert.ErrorContains(t, err, "other decryption sets")
}

// The same for a re-sharing's bisection over its dealers: a new holder
// gives the part of its pending share only for the halves of halves of the
// re-sharing's dealers (sorted, as the coordinator bisects them), of the
// keys and over the sets it first answered, restarted too. Before, it gave
// the part of every proper subset of the 3 dealers.
func TestHolderGivesOnlyTheReSharingPartsABisectionAsks(t *testing.T) {
	t.Parallel()
	c := committeeConsortium(t, 5, 0, 1, 2, 3)
	c.study.Threshold = 3 // 3 dealers re-share
	c.persist(t, 4)
	c.dealToCommittee(t, 5, 0, 1, 2, 3)
	c.setCommittee(0, 1, 2, 4)
	task := c.handOverTask(0, 1, 2)
	got := c.reshareDeal(t, task, 0, 1, 2)
	var keys [][]byte
	for _, n := range c.nodes {
		keys = append(keys, n.self.Bytes())
	}
	resharers := []common.Address{c.nodes[0].self, c.nodes[1].self, c.nodes[2].self}
	slices.SortFunc(resharers, common.Address.Cmp)
	sets := []*cohortv1.PointSet{{Points: []uint64{1, 2, 3}}, {Points: []uint64{1, 2, 4}}, {Points: []uint64{1, 3, 4}}, {Points: []uint64{2, 3, 4}}}
	seed := aggregation.CommonSeed([]byte("dealings"))
	none := map[common.Address]bool{}
	keyTask := func(keys [][]byte, sets []*cohortv1.PointSet, part ...common.Address) *cohortv1.ReshareKeyTask {
		kt := &cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: task.GetRound(), Threshold: task.GetThreshold(), Dealers: task.GetDealers(),
			Holders: task.GetHolders(), SetHash: task.GetSetHash(), Shares: got[c.nodes[4].self],
			DealingCheckSeed: seed[:], DealingCheckDealers: keys, DealingCheckSets: sets}
		for _, a := range part {
			kt.DealingCheckResharers = append(kt.DealingCheckResharers, a.Bytes())
		}
		return kt
	}
	r, err := c.nodes[4].reshareKey(keyTask(keys, sets), c.study, none, nil)
	require.NoError(t, err)
	c.keep(t, 4, r)
	c.restart(t, 4)

	subsets, masks := subsetsOf(resharers)
	var answered []int
	for i, subset := range subsets[:len(subsets)-1] { // the last is the whole, asked without dealers listed
		r, err := c.nodes[4].reshareKey(keyTask(keys, sets, subset...), c.study, none, nil)
		if err == nil {
			c.keep(t, 4, r)
			answered = append(answered, masks[i])
			continue
		}
		require.ErrorIs(t, err, ErrChainMismatch, "part %03b", masks[i])
		assert.ErrorContains(t, err, "not one a bisection of the dealing check asks", "part %03b", masks[i])
	}
	// The bisection of the sorted dealers 0..2: {0}, {1,2}, {1}, {2}.
	assert.ElementsMatch(t, []int{0b001, 0b110, 0b010, 0b100}, answered)

	_, err = c.nodes[4].reshareKey(keyTask(keys[:4], sets, resharers[0]), c.study, none, nil)
	require.ErrorIs(t, err, ErrChainMismatch, "the part, of other keys")
	assert.ErrorContains(t, err, "other dealers' keys")
	own := contracts.CommitteePoint(c.study.Holders, c.nodes[4].self)
	i := slices.IndexFunc(sets, func(s *cohortv1.PointSet) bool { return slices.Contains(s.GetPoints(), own) })
	fewer := slices.Delete(slices.Clone(sets), i, i+1) // one set holding its point left out
	_, err = c.nodes[4].reshareKey(keyTask(keys, fewer, resharers[0]), c.study, none, nil)
	require.ErrorIs(t, err, ErrChainMismatch, "the part, over other sets")
	assert.ErrorContains(t, err, "other decryption sets")
}
