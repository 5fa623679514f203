package participant

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// What a share holder promised survives its restart: a hostile coordinator
// that gets a hospital's node restarted (a crash, an update, an operator)
// must find it holding to what it did before.

// A holder answers the dealing check under one seed per dealing, restarted
// too: each seed weighs the dealers' keys anew, and every weighing is one
// more smudged sample of its share. The seed is kept in the keystore with
// the share it was given of, so one kept for an earlier share (a dealing
// run again before round 1) binds nothing.
func TestRestartedHolderAnswersTheDealingCheckUnderOneSeed(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 3)
	c.persist(t, 0)
	c.keyGen(t, 3)
	var dealers [][]byte
	for _, n := range c.nodes {
		dealers = append(dealers, n.self.Bytes())
	}
	sets := []*cohortv1.PointSet{{Points: []uint64{1, 2}}, {Points: []uint64{1, 3}}, {Points: []uint64{2, 3}}}
	check := func(seed [32]byte, shares []*cohortv1.EncryptedShare) *cohortv1.ThresholdKeyTask {
		return &cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: shares, DealingCheckSeed: seed[:], DealingCheckDealers: dealers, DealingCheckSets: sets}
	}
	first := aggregation.CommonSeed([]byte("dealings"))
	second := aggregation.CommonSeed([]byte("another weighing"))

	r, err := c.nodes[0].thresholdKey(check(first, c.deal(t, 3)[0]), c.study)
	require.NoError(t, err)
	c.keep(t, 0, r)
	c.restart(t, 0)
	require.EqualValues(t, 1, c.nodes[0].point, "the share is restored")
	_, err = c.nodes[0].thresholdKey(check(second, nil), c.study)
	require.ErrorIs(t, err, ErrChainMismatch, "a second seed after a restart")
	assert.ErrorContains(t, err, "a dealing check under a second seed")
	r, err = c.nodes[0].thresholdKey(check(first, nil), c.study)
	require.NoError(t, err, "the seed it answered under, asked again (a bisection)")
	assert.Len(t, r.send.(*cohortv1.ThresholdKeyConfirmation).GetDealingCheckShares(), 2)

	// The dealing run again: a new share, checked under a new seed, and
	// that one only after a restart.
	r, err = c.nodes[0].thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: c.deal(t, 3)[0]}, c.study)
	require.NoError(t, err)
	c.keep(t, 0, r)
	c.restart(t, 0)
	r, err = c.nodes[0].thresholdKey(check(second, nil), c.study)
	require.NoError(t, err, "the seed kept was the earlier share's")
	c.keep(t, 0, r)
	c.restart(t, 0)
	_, err = c.nodes[0].thresholdKey(check(first, nil), c.study)
	require.ErrorIs(t, err, ErrChainMismatch, "the first seed, a second one for this share")
}

// A pending share keeps the committee selection it was made for across a
// restart. The keys move from selection 1 {0,1,2,5} to selection 2
// {0,1,4,5}, whose commit a hostile coordinator withholds from nodes 4
// and 5, then to selection 3 {0,1,2,3}, which neither is on. On selection
// 3's commit both erase what they hold of the study's key, their pending
// selection-2 shares too, and a replay of selection 2's commit then puts
// nothing in force. Before, node 5, restarted, knew no longer which
// selection its pending share was of and kept it, and node 4, which never
// held a share in force, kept it restart or not: the replay made each a
// holder of selection 2's shares after the keys had left it. Node 2,
// restarted with its selection-3 share pending, puts it in force as of
// selection 3 (before: of an unknown selection). A keystore of an earlier
// release, with no selection for its pending share, is judged from the
// chain: a site on no selection later than the commit's drops it.
func TestRestartedHolderKeepsItsPendingShareSelection(t *testing.T) {
	t.Parallel()
	for _, earlierRelease := range []bool{false, true} {
		c := committeeConsortium(t, 6, 0, 1, 2, 5)
		for _, i := range []int{2, 5} {
			c.persist(t, i)
		}
		c.dealToCommittee(t, 6, 0, 1, 2, 5)
		c.setCommittee(0, 1, 4, 5)
		second := c.handOver(t, 0, 1)
		c.commitTo(t, second, 0, 1) // not to nodes 4 and 5
		c.setCommittee(0, 1, 2, 3)
		third := c.handOver(t, 0, 1)
		require.NotNil(t, c.nodes[5].pending)
		require.NotNil(t, c.nodes[2].pending)
		for _, i := range []int{2, 5} {
			if earlierRelease {
				require.NoError(t, deleteSecret(c.keystores[i], c.nodes[i].pendingEpochName()))
			}
			c.restart(t, i)
			require.NotNil(t, c.nodes[i].pending, "node %d's pending share is restored", i)
		}
		c.commitTo(t, third, 0, 1, 2, 3)
		if !earlierRelease {
			assert.Equal(t, uint32(3), c.nodes[2].shareSelection, "node 2's share is of selection 3")
			_, err := c.retire(2, second)
			require.ErrorIs(t, err, ErrChainMismatch)
			assert.ErrorContains(t, err, "this site's share was made for selection 3")
		}

		for _, i := range []int{4, 5} {
			r, err := c.retire(i, third)
			require.NoError(t, err, "node %d", i)
			c.keep(t, i, r)
			assert.Zero(t, c.nodes[i].point, "node %d holds no share in force", i)
			assert.True(t, c.nodes[i].pending == nil, "node %d dropped its selection-2 share", i)
			assert.Contains(t, r.keep, secretWrite{c.nodes[i].pendingName(), nil}, "node %d: from the keystore too", i)
		}
		c.restart(t, 5)
		for _, i := range []int{4, 5} {
			_, err := c.retire(i, second)
			require.ErrorIs(t, err, errNoPendingShare, "node %d: selection 2's commit replayed", i)
			assert.Zero(t, c.nodes[i].point, "node %d holds nothing of selection 2", i)
			_, threshold, _ := c.nodes[i].sealer.export()
			assert.Nil(t, threshold, "node %d", i)
		}
	}
}

// A new holder answers a re-sharing's dealing check of its pending share
// under one seed too, restarted or not, and the share keeps that seed once
// the commit puts it in force: a check of it alone under another seed is
// refused. Before, each ReshareKeyTask sent again with another seed drew
// one more smudged sample of the same share.
func TestHolderAnswersAReSharingsDealingCheckUnderOneSeed(t *testing.T) {
	t.Parallel()
	c := committeeConsortium(t, 5, 0, 1, 2)
	c.persist(t, 3)
	c.dealToCommittee(t, 5, 0, 1, 2)
	c.setCommittee(0, 1, 3)
	task := c.handOverTask(0, 1)
	got := c.reshareDeal(t, task, 0, 1)
	var dealers [][]byte
	for _, n := range c.nodes {
		dealers = append(dealers, n.self.Bytes())
	}
	sets := []*cohortv1.PointSet{{Points: []uint64{1, 2}}, {Points: []uint64{1, 3}}, {Points: []uint64{2, 3}}}
	keyTask := func(seed [32]byte) *cohortv1.ReshareKeyTask {
		return &cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: task.GetRound(), Threshold: task.GetThreshold(), Dealers: task.GetDealers(),
			Holders: task.GetHolders(), SetHash: task.GetSetHash(), Shares: got[c.nodes[3].self],
			DealingCheckSeed: seed[:], DealingCheckDealers: dealers, DealingCheckSets: sets}
	}
	first := aggregation.CommonSeed([]byte("dealings"))
	second := aggregation.CommonSeed([]byte("another weighing"))
	none := map[common.Address]bool{}

	r, err := c.nodes[3].reshareKey(keyTask(first), c.study, none, nil)
	require.NoError(t, err)
	assert.Len(t, r.send.(*cohortv1.ReshareKeyConfirmation).GetDealingCheckShares(), 2)
	c.keep(t, 3, r)
	refused := func(what string) {
		t.Helper()
		_, err := c.nodes[3].reshareKey(keyTask(second), c.study, none, nil)
		require.ErrorIs(t, err, ErrChainMismatch, what)
		assert.ErrorContains(t, err, "a dealing check under a second seed", what)
	}
	refused("the pending share's check under a second seed")
	c.restart(t, 3)
	refused("the same, restarted")
	r, err = c.nodes[3].reshareKey(keyTask(first), c.study, none, nil)
	require.NoError(t, err, "the seed it answered under, asked again")
	c.keep(t, 3, r)

	commit := commitOf(t, stepsStudy, task, c.nodes[0].key, c.nodes[3].key)
	commit.CommitteeEpoch = c.study.CommitteeEpoch
	r, err = c.nodes[3].reshareCommit(commit)
	require.NoError(t, err)
	c.keep(t, 3, r)
	alone := &cohortv1.ThresholdKeyTask{StudyId: stepsStudy, DealingCheckSeed: second[:], DealingCheckDealers: dealers, DealingCheckSets: sets}
	_, err = c.nodes[3].thresholdKey(alone, c.study)
	require.ErrorIs(t, err, ErrChainMismatch, "the share in force, checked under a second seed")
	c.restart(t, 3)
	_, err = c.nodes[3].thresholdKey(alone, c.study)
	require.ErrorIs(t, err, ErrChainMismatch, "the same, restarted")
	alone.DealingCheckSeed = first[:]
	_, err = c.nodes[3].thresholdKey(alone, c.study)
	require.NoError(t, err, "under the seed it answered")
}

// A holder that crashed while a commit put its pending share in force,
// after the share was written and before the pending entry was deleted,
// came back with a pending copy of the share in force: the commit sent
// again was a no-op (its re-sharing is the share's), so the copy stayed
// until the next re-sharing. A crash right after the share was written
// left the share's re-sharing and selection those of the old one. On load
// a pending share identical to the share in force now finishes the
// commit: the share's re-sharing, selection (and check seed) are the
// pending one's, and the pending entry goes, in the keystore too.
func TestRestartedHolderFinishesAnInterruptedCommit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		written func(keep []secretWrite) []secretWrite
	}{
		{"before the pending entry was deleted", func(keep []secretWrite) []secretWrite { return keep[:len(keep)-2] }},
		{"right after the share was written", func(keep []secretWrite) []secretWrite { return keep[:1] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := committeeConsortium(t, 5, 0, 1, 2)
			for _, i := range []int{0, 3} {
				c.persist(t, i)
			}
			c.dealToCommittee(t, 5, 0, 1, 2)
			c.setCommittee(0, 1, 3)
			commit := c.handOver(t, 0, 1)
			for _, i := range []int{0, 3} { // a holder that stays, a new one
				r, err := c.nodes[i].reshareCommit(commit)
				require.NoError(t, err, "node %d", i)
				require.Equal(t, secretWrite{c.nodes[i].pendingEpochName(), nil}, r.keep[len(r.keep)-1], "node %d: the pending entries go last", i)
				c.keep(t, i, ready{keep: tc.written(r.keep)})
				c.restart(t, i)

				s := c.nodes[i]
				assert.True(t, s.pending == nil, "node %d keeps no pending copy of its share", i)
				for _, name := range []string{s.pendingName(), s.pendingEpochName()} {
					kept, err := getSecret(c.keystores[i], name)
					require.NoError(t, err)
					assert.Nil(t, kept, "node %d: %s is gone from the keystore", i, name)
				}
				assert.Equal(t, contracts.CommitteePoint(c.study.Holders, s.self), s.point, "node %d", i)
				assert.Equal(t, commit.GetRound(), s.shareEpoch, "node %d", i)
				assert.Equal(t, common.BytesToHash(commit.GetSetHash()), s.shareSet, "node %d", i)
				assert.Equal(t, commit.GetCommitteeEpoch(), s.shareSelection, "node %d", i)
				again, err := s.reshareCommit(commit)
				require.NoError(t, err, "node %d", i)
				assert.Empty(t, again.keep, "node %d: the commit sent again is applied already", i)
				c.restart(t, i)
				assert.True(t, c.nodes[i].pending == nil, "node %d, restarted again", i)
				assert.Equal(t, commit.GetCommitteeEpoch(), c.nodes[i].shareSelection, "node %d, restarted again", i)
			}
		})
	}
}

// The bisection over a re-sharing's dealers asks each new holder again
// with some of the dealers listed (dealing_check_resharers): the holder
// answers with the part of its pending share those dealers dealt, signed
// over the re-sharing, the dealers listed and its shares
// (auth.ReshareDealingCheckContent), under the one seed it answered the
// whole under only; a listed member that is not one of the re-sharing's
// dealers is refused.
func TestHolderGivesAReSharingDealersPartUnderTheOneSeed(t *testing.T) {
	t.Parallel()
	c := committeeConsortium(t, 5, 0, 1, 2)
	c.dealToCommittee(t, 5, 0, 1, 2)
	c.setCommittee(0, 1, 3)
	task := c.handOverTask(0, 1)
	got := c.reshareDeal(t, task, 0, 1)
	var dealers []common.Address
	var wire [][]byte
	for _, n := range c.nodes {
		dealers, wire = append(dealers, n.self), append(wire, n.self.Bytes())
	}
	sets := []*cohortv1.PointSet{{Points: []uint64{1, 2}}, {Points: []uint64{1, 3}}, {Points: []uint64{2, 3}}}
	keyTask := func(seed [32]byte, resharers ...common.Address) *cohortv1.ReshareKeyTask {
		kt := &cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: task.GetRound(), Threshold: task.GetThreshold(), Dealers: task.GetDealers(),
			Holders: task.GetHolders(), SetHash: task.GetSetHash(), Shares: got[c.nodes[3].self],
			DealingCheckSeed: seed[:], DealingCheckDealers: wire, DealingCheckSets: sets}
		for _, a := range resharers {
			kt.DealingCheckResharers = append(kt.DealingCheckResharers, a.Bytes())
		}
		return kt
	}
	first := aggregation.CommonSeed([]byte("dealings"))
	second := aggregation.CommonSeed([]byte("another weighing"))
	none := map[common.Address]bool{}
	holder := c.nodes[3]
	signedBy := func(t *testing.T, conf *cohortv1.ReshareKeyConfirmation, resharers []common.Address) {
		t.Helper()
		point := uint64(0)
		for _, h := range task.GetHolders() {
			if common.BytesToAddress(h.GetAddress()) == holder.self {
				point = h.GetPoint()
			}
		}
		content := auth.ReshareDealingCheckContent(common.BytesToHash(task.GetSetHash()), resharers, nil, holder.pkHash, first, point, dealers, [][]uint64{{1, 2}, {1, 3}, {2, 3}}, conf.GetDealingCheckShares())
		signer, err := auth.Verify(conf.GetDealingCheckAuth(), stepsStudy, task.GetRound(), auth.KindReshareDealingCheck, content)
		require.NoError(t, err)
		assert.Equal(t, holder.self, signer)
	}

	r, err := holder.reshareKey(keyTask(first), c.study, none, nil)
	require.NoError(t, err)
	whole := r.send.(*cohortv1.ReshareKeyConfirmation)
	signedBy(t, whole, nil)
	c.keep(t, 3, r)

	resharer := c.nodes[0].self
	_, err = holder.reshareKey(keyTask(second, resharer), c.study, none, nil)
	require.ErrorIs(t, err, ErrChainMismatch, "a part under a second seed")
	assert.ErrorContains(t, err, "a dealing check under a second seed")
	r, err = holder.reshareKey(keyTask(first, resharer), c.study, none, nil)
	require.NoError(t, err)
	part := r.send.(*cohortv1.ReshareKeyConfirmation)
	require.Len(t, part.GetDealingCheckShares(), 2)
	assert.NotEqual(t, whole.GetDealingCheckShares(), part.GetDealingCheckShares(), "the part's shares, not the whole's")
	signedBy(t, part, []common.Address{resharer})

	_, err = holder.reshareKey(keyTask(first, c.nodes[2].self), c.study, none, nil)
	require.ErrorIs(t, err, ErrChainMismatch, "a member that did not re-deal in this re-sharing")
}
