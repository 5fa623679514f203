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
	sets := pointSets([]uint64{1, 2}, []uint64{3, 4}, []uint64{1, 5}) // the rule's for 5 holders at threshold 2
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

// A holder answers a share's first dealing check only as it derives it
// itself: over the decryption sets the rule asks of the share's holders
// (aggregation.DealingCheckSets of their points at the threshold), and,
// at key generation, of every dealer whose key it holds, each once.
// Before, the first check was taken as given: a coordinator listing every
// t-set that holds the holder's point (here 4, for 5 holders at threshold
// 2, where the rule asks 2 of them) drew that many smudged samples of its
// share, and one listing fewer dealers left a dealing unchecked.
func TestHolderAnswersOnlyTheFirstDealingCheckItDerives(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 6) // node 5 takes part but deals no key
	c.keyGen(t, 5)
	inbox := c.deal(t, 5)
	me := c.nodes[0] // at point 1
	_, err := me.thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: inbox[0]}, c.study)
	require.NoError(t, err)
	var dealers [][]byte
	for _, n := range c.nodes[:5] {
		dealers = append(dealers, n.self.Bytes())
	}
	derived := pointSets([]uint64{1, 2}, []uint64{3, 4}, []uint64{1, 5}) // runs of 2 around 1..5
	seed := aggregation.CommonSeed([]byte("dealings"))
	check := func(dealers [][]byte, sets []*cohortv1.PointSet) *cohortv1.ThresholdKeyTask {
		return &cohortv1.ThresholdKeyTask{StudyId: stepsStudy, DealingCheckSeed: seed[:], DealingCheckDealers: dealers, DealingCheckSets: sets}
	}
	for _, tc := range []struct {
		name, says string
		task       *cohortv1.ThresholdKeyTask
	}{
		{"every 2-set holding its point", "decryption sets", check(dealers, pointSets([]uint64{1, 2}, []uint64{1, 3}, []uint64{1, 4}, []uint64{1, 5}))},
		{"the rule's sets and one more", "decryption sets", check(dealers, append(slices.Clone(derived), &cohortv1.PointSet{Points: []uint64{1, 3}}))},
		{"a rule's set twice", "decryption sets", check(dealers, append(slices.Clone(derived), derived[0]))},
		{"a dealer left out", "dealers", check(dealers[1:], derived)},
		{"a dealer twice", "dealers", check(append(slices.Clone(dealers), dealers[0]), derived)},
		{"a participant that dealt no key", "dealers", check(append(slices.Clone(dealers), c.nodes[5].self.Bytes()), derived)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := me.thresholdKey(tc.task, c.study)
			require.ErrorIs(t, err, ErrChainMismatch)
			assert.ErrorContains(t, err, tc.says)
			assert.Nil(t, me.checkScope, "nothing answered, no scope fixed")
		})
	}

	r, err := me.thresholdKey(check(dealers, derived), c.study)
	require.NoError(t, err, "the check the rule derives")
	assert.Len(t, r.send.(*cohortv1.ThresholdKeyConfirmation).GetDealingCheckShares(), 2, "point 1 is in 2 of the rule's sets")
}

// The same for a re-sharing's first check of a new holder's pending
// share: over the sets the rule derives from the re-sharing's new
// holders' points (here 5 at threshold 2) only.
func TestNewHolderAnswersOnlyTheReSharingsCheckItDerives(t *testing.T) {
	t.Parallel()
	c := committeeConsortium(t, 5, 0, 1, 2)
	c.dealToCommittee(t, 5, 0, 1, 2)
	c.setCommittee(0, 1, 2, 3, 4)
	task := c.handOverTask(0, 1)
	got := c.reshareDeal(t, task, 0, 1)
	me := c.nodes[4]
	own := contracts.CommitteePoint(c.study.Holders, me.self)
	var keys [][]byte
	for _, n := range c.nodes {
		keys = append(keys, n.self.Bytes())
	}
	seed := aggregation.CommonSeed([]byte("dealings"))
	keyTask := func(sets []*cohortv1.PointSet) *cohortv1.ReshareKeyTask {
		return &cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: task.GetRound(), Threshold: task.GetThreshold(), Dealers: task.GetDealers(),
			Holders: task.GetHolders(), SetHash: task.GetSetHash(), Shares: got[me.self],
			DealingCheckSeed: seed[:], DealingCheckDealers: keys, DealingCheckSets: sets}
	}
	var every []*cohortv1.PointSet // every 2-set holding its point: 4
	for p := uint64(1); p <= 5; p++ {
		if p != own {
			every = append(every, &cohortv1.PointSet{Points: []uint64{min(p, own), max(p, own)}})
		}
	}
	none := map[common.Address]bool{}
	_, err := me.reshareKey(keyTask(every), c.study, none, nil)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.ErrorContains(t, err, "decryption sets")

	derived := pointSets([]uint64{1, 2}, []uint64{3, 4}, []uint64{1, 5})
	r, err := me.reshareKey(keyTask(derived), c.study, none, nil)
	require.NoError(t, err, "the check the rule derives")
	assert.NotEmpty(t, r.send.(*cohortv1.ReshareKeyConfirmation).GetDealingCheckShares())
}
