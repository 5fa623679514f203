package participant

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// committeeConsortium is n hospitals whose study has a decryption
// committee of the given nodes, current on chain.
func committeeConsortium(t *testing.T, n int, members ...int) *consortium {
	t.Helper()
	c := newConsortium(t, n)
	c.study.Committee = contracts.CommitteeParams{Size: uint16(len(members))}
	c.setCommittee(members...)
	return c
}

// setCommittee makes the given nodes the chain's current committee.
func (c *consortium) setCommittee(members ...int) {
	c.study.Holders = nil
	for _, i := range members {
		c.study.Holders = append(c.study.Holders, c.nodes[i].self)
	}
	slices.SortFunc(c.study.Holders, func(x, y common.Address) int { return bytes.Compare(x[:], y[:]) })
	c.study.CommitteeEpoch++
	c.study.CommitteeCurrent = true
	c.selections = append(c.selections, contracts.Committee{Epoch: c.study.CommitteeEpoch, Members: c.study.Holders})
}

// committeeTask names the chain's committee as share holders.
func (c *consortium) committeeTask() *cohortv1.ThresholdTask {
	task := &cohortv1.ThresholdTask{StudyId: stepsStudy, Threshold: c.study.Threshold}
	for i, s := range c.nodes {
		if pt := contracts.CommitteePoint(c.study.Holders, s.self); pt != 0 {
			task.Holders = append(task.Holders, c.holder(i, pt))
		}
	}
	return task
}

// TestCommitteeDealing: with a committee of 3 among 5 hospitals, every
// hospital deals to the 3 only (15 shares, not 25), the 3 combine theirs,
// and any 2 of them decrypt an aggregate of every hospital's update; a
// hospital off the committee holds nothing and refuses key material.
func TestCommitteeDealing(t *testing.T) {
	const n = 5
	committee := []int{0, 2, 4}
	c := committeeConsortium(t, n, committee...)
	c.keyGen(t, n)
	task := c.committeeTask()
	inbox := map[common.Address][]*cohortv1.EncryptedShare{}
	dealt := 0
	for _, s := range c.nodes {
		r, err := s.dealThreshold(task, c.study)
		require.NoError(t, err, "every hospital deals, on the committee or not")
		for _, sh := range r.send.(*cohortv1.ThresholdSharesSubmission).GetShares() {
			to := common.BytesToAddress(sh.GetRecipient())
			require.True(t, slices.Contains(c.study.Holders, to), "shares go to the committee only")
			inbox[to] = append(inbox[to], sh)
			dealt++
		}
	}
	assert.Equal(t, n*len(committee), dealt, "dealing is n·c shares")

	for i, s := range c.nodes {
		_, err := s.thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: inbox[s.self]}, c.study)
		if slices.Contains(committee, i) {
			require.NoError(t, err)
			assert.NotZero(t, s.point)
			continue
		}
		require.ErrorIs(t, err, ErrChainMismatch, "a hospital off the committee takes no key material")
		assert.Zero(t, s.point)
		_, threshold, _ := s.sealer.export()
		assert.Nil(t, threshold)
	}

	// Every hospital's update; two committee members decrypt the sum.
	ctx := aggregation.NewEncryptionContext(stepsStudy, aggregation.PhaseTrain, 1)
	want := []float64{0.5, -1.25, 2}
	var updates [][]byte
	var dealers []aggregation.PartyID
	for _, s := range c.nodes {
		sealed, err := s.sealer.seal(s.pubKey, ctx, want)
		require.NoError(t, err)
		updates = append(updates, sealed)
		dealers = append(dealers, aggregation.DealerID(stepsStudy, s.self.Bytes()))
	}
	weights := []float64{0.2, 0.2, 0.2, 0.2, 0.2}
	agg, err := c.nodes[0].sealer.sum(c.pk.Hash(), sealedUpdates(updates...), dealers, ctx, weights)
	require.NoError(t, err)
	active := []uint64{c.nodes[committee[0]].point, c.nodes[committee[2]].point}
	slices.Sort(active)
	var shares [][]byte
	for _, i := range []int{committee[0], committee[2]} {
		sh, err := c.nodes[i].sealer.decryptionShare(agg, active)
		require.NoError(t, err)
		shares = append(shares, sh)
	}
	got, err := c.nodes[1].sealer.open(agg, shares)
	require.NoError(t, err)
	for j := range want {
		assert.InDelta(t, want[j], got[j], 1e-5)
	}
	require.ErrorIs(t, onCommittee(c.study, c.nodes[1].self), ErrChainMismatch, "a decryption request to a non-member is refused")
	require.NoError(t, onCommittee(c.study, c.nodes[2].self))
}

// TestCommitteeHostileCoordinator: a dealing task naming another committee
// than the chain's is refused by every hospital.
func TestCommitteeHostileCoordinator(t *testing.T) {
	c := committeeConsortium(t, 4, 0, 1, 2)
	c.keyGen(t, 4)
	cases := []struct {
		name   string
		change func(*consortium, *cohortv1.ThresholdTask)
	}{
		{"a non-member as holder", func(c *consortium, task *cohortv1.ThresholdTask) {
			task.Holders[0] = c.holder(3, task.Holders[0].GetPoint())
		}},
		{"a member left out", func(_ *consortium, task *cohortv1.ThresholdTask) { task.Holders = task.Holders[:2] }},
		{"a non-member added", func(c *consortium, task *cohortv1.ThresholdTask) {
			task.Holders = append(task.Holders, c.holder(3, 4))
		}},
		{"points swapped", func(_ *consortium, task *cohortv1.ThresholdTask) {
			task.Holders[0].Point, task.Holders[1].Point = task.Holders[1].GetPoint(), task.Holders[0].GetPoint()
		}},
		{"the committee is not current on chain", func(c *consortium, _ *cohortv1.ThresholdTask) { c.study.CommitteeCurrent = false }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c.setCommittee(0, 1, 2)
			task := c.committeeTask()
			tc.change(c, task)
			for _, s := range c.nodes {
				_, err := s.dealThreshold(task, c.study)
				require.ErrorIs(t, err, ErrChainMismatch)
			}
		})
	}
}

// dealToCommittee runs key generation for the first dealers nodes and has
// them deal to the chain's committee, whose members combine their shares.
func (c *consortium) dealToCommittee(t *testing.T, dealers int, members ...int) {
	t.Helper()
	c.keyGen(t, dealers)
	task := c.committeeTask()
	inbox := map[common.Address][]*cohortv1.EncryptedShare{}
	for _, s := range c.nodes[:dealers] {
		r, err := s.dealThreshold(task, c.study)
		require.NoError(t, err)
		for _, sh := range r.send.(*cohortv1.ThresholdSharesSubmission).GetShares() {
			inbox[common.BytesToAddress(sh.GetRecipient())] = append(inbox[common.BytesToAddress(sh.GetRecipient())], sh)
		}
	}
	for _, i := range members {
		r, err := c.nodes[i].thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: inbox[c.nodes[i].self]}, c.study)
		require.NoError(t, err)
		c.keep(t, i, r)
	}
}

// TestCommitteeHandover: a committee member is suspended and the chain
// selects another committee; t old holders re-share every dealer's key to
// it, a hospital that joined deals its own key to it without sitting on
// it, and the new committee's members combine both.
func TestCommitteeHandover(t *testing.T) {
	const n = 5
	c := committeeConsortium(t, n, 0, 1, 2)
	c.dealToCommittee(t, n-1, 0, 1, 2) // node 4 joins later

	// Node 2 is suspended; the chain selects {0, 1, 3}; node 4 joined.
	old := map[int]uint64{0: c.nodes[0].point, 1: c.nodes[1].point}
	c.setCommittee(0, 1, 3)
	suspended := map[common.Address]bool{c.nodes[2].self: true}
	dealers := []*cohortv1.ShareHolder{{Address: c.nodes[0].self.Bytes(), Point: old[0]}, {Address: c.nodes[1].self.Bytes(), Point: old[1]}}
	if old[1] < old[0] {
		dealers[0], dealers[1] = dealers[1], dealers[0]
	}
	holders := c.committeeTask().GetHolders()
	reshare := &cohortv1.ReshareTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Dealers: dealers, Holders: holders,
		SetHash: auth.ReshareSetHash(stepsStudy, 1, 2, dealers, holders).Bytes()}
	got := map[common.Address][]*cohortv1.EncryptedShare{}
	for _, i := range []int{0, 1, 4} {
		r, err := c.nodes[i].reshareDeal(reshare, c.study, suspended)
		require.NoError(t, err, "node %d", i)
		for _, sh := range r.send.(*cohortv1.ReshareSharesSubmission).GetShares() {
			to := common.BytesToAddress(sh.GetRecipient())
			got[to] = append(got[to], sh)
		}
	}
	// The suspended member may not deal, and a re-sharing to another
	// committee than the chain's is refused.
	_, err := c.nodes[2].reshareDeal(reshare, c.study, suspended)
	require.Error(t, err)
	// Reinstated, it is not asked to deal its key again (the holders
	// keep it): a coordinator that asks is told so.
	_, err = c.nodes[2].reshareDeal(reshare, c.study, map[common.Address]bool{})
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.ErrorContains(t, err, "it took part before, and the holders keep its key")
	wrong := &cohortv1.ReshareTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Dealers: dealers, Holders: append(slices.Clone(holders[:2]), c.holder(2, 3))}
	wrong.SetHash = auth.ReshareSetHash(stepsStudy, 1, 2, wrong.Dealers, wrong.Holders).Bytes()
	_, err = c.nodes[0].reshareDeal(wrong, c.study, map[common.Address]bool{})
	require.ErrorIs(t, err, ErrChainMismatch)

	commit := commitOf(t, stepsStudy, reshare)
	commit.CommitteeEpoch = c.study.CommitteeEpoch
	for _, i := range []int{0, 1, 3} {
		s := c.nodes[i]
		r, err := s.reshareKey(&cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Dealers: dealers, Holders: holders,
			SetHash: reshare.GetSetHash(), Shares: got[s.self]}, c.study, suspended, nil)
		require.NoError(t, err, "node %d", i)
		require.NotNil(t, r.send)
		commit.Confirmations = append(commit.Confirmations, r.send.(*cohortv1.ReshareKeyConfirmation).GetAuth())
	}
	for _, i := range []int{0, 1, 3} {
		s := c.nodes[i]
		_, err = s.reshareCommit(commit)
		require.NoError(t, err)
		assert.Equal(t, contracts.CommitteePoint(c.study.Holders, s.self), s.point)
	}

	// Node 2, off the new committee, erases its old share only on proof
	// that threshold members of the committee hold the new shares: not on
	// the coordinator's word, nor on confirmations by others.
	_, noPending := c.nodes[2].reshareCommit(commit)
	require.ErrorIs(t, noPending, errNoPendingShare)
	bare := &cohortv1.ReshareCommitTask{StudyId: stepsStudy, Round: 1, SetHash: reshare.GetSetHash(), CommitteeEpoch: c.study.CommitteeEpoch}
	_, err = c.nodes[2].retireShare(bare, c.study, c.selections, noPending)
	require.ErrorIs(t, err, auth.ErrUnconfirmedReshare, "a bare commit")
	offCommittee := commitOf(t, stepsStudy, wrong, c.nodes[0].key, c.nodes[2].key)
	offCommittee.CommitteeEpoch = c.study.CommitteeEpoch
	_, err = c.nodes[2].retireShare(offCommittee, c.study, c.selections, noPending)
	require.ErrorIs(t, err, ErrChainMismatch, "confirmed by a member off the committee")
	lowered := &cohortv1.ReshareTask{StudyId: stepsStudy, Round: 1, Threshold: 1, Dealers: dealers[:1], Holders: holders}
	lowered.SetHash = auth.ReshareSetHash(stepsStudy, 1, 1, lowered.Dealers, lowered.Holders).Bytes()
	loweredCommit := commitOf(t, stepsStudy, lowered, c.nodes[0].key)
	loweredCommit.CommitteeEpoch = c.study.CommitteeEpoch
	_, err = c.nodes[2].retireShare(loweredCommit, c.study, c.selections, noPending)
	require.ErrorIs(t, err, ErrChainMismatch, "a set below the study's threshold")
	require.NotZero(t, c.nodes[2].point, "the old share is kept")
	r, err := c.nodes[2].retireShare(commit, c.study, c.selections, noPending)
	require.NoError(t, err)
	assert.Zero(t, c.nodes[2].point)
	_, threshold, _ := c.nodes[2].sealer.export()
	assert.Nil(t, threshold, "the old share is gone from memory")
	require.NotEmpty(t, r.keep)
	assert.Equal(t, secretWrite{c.nodes[2].thresholdName(), nil}, r.keep[0], "and from the keystore")
	_, err = c.nodes[0].retireShare(commit, c.study, c.selections, noPending)
	require.ErrorIs(t, err, errNoPendingShare, "a committee member keeps its share")
}

// TestCommitteeAddsJoinersKeys: a hospital joins while the chain's
// committee stays as it is, so nothing is re-shared: the re-sharing names
// no dealer, the joiner deals its own key to the committee and each member
// adds it to the share it holds, at the same point. A member whose key is
// held already cannot deal it again, a site that holds no share cannot be
// made a holder this way, and a study without a committee refuses a
// re-sharing with no dealers.
func TestCommitteeAddsJoinersKeys(t *testing.T) {
	const n = 5
	c := committeeConsortium(t, n, 0, 1, 2)
	c.dealToCommittee(t, n-1, 0, 1, 2) // node 4 joins later
	points := map[int]uint64{}
	for _, i := range []int{0, 1, 2} {
		points[i] = c.nodes[i].point
	}

	holders := c.committeeTask().GetHolders()
	addOnly := &cohortv1.ReshareTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Holders: holders,
		SetHash: auth.ReshareSetHash(stepsStudy, 1, 2, nil, holders).Bytes()}
	none := map[common.Address]bool{}
	r, err := c.nodes[4].reshareDeal(addOnly, c.study, none)
	require.NoError(t, err, "the joiner deals its own key")
	got := map[common.Address][]*cohortv1.EncryptedShare{}
	for _, sh := range r.send.(*cohortv1.ReshareSharesSubmission).GetShares() {
		got[common.BytesToAddress(sh.GetRecipient())] = append(got[common.BytesToAddress(sh.GetRecipient())], sh)
	}
	_, err = c.nodes[0].reshareDeal(addOnly, c.study, none)
	require.ErrorIs(t, err, ErrChainMismatch, "a holder has nothing to deal")

	keyTask := func(shares []*cohortv1.EncryptedShare) *cohortv1.ReshareKeyTask {
		return &cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Holders: holders, SetHash: addOnly.GetSetHash(), Shares: shares}
	}
	// Node 3's key is held already: its second dealing is refused (the
	// holders take another key of a member only after it left and joined
	// again, and only under the id of the epoch after its latest,
	// aggregation.NextDealerID).
	again, err := c.nodes[3].reshareDeal(addOnly, c.study, none)
	require.NoError(t, err)
	var twice []*cohortv1.EncryptedShare
	for _, sh := range again.send.(*cohortv1.ReshareSharesSubmission).GetShares() {
		if common.BytesToAddress(sh.GetRecipient()) == c.nodes[0].self {
			twice = append(twice, sh)
		}
	}
	_, err = c.nodes[0].reshareKey(keyTask(twice), c.study, none, nil)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.ErrorContains(t, err, "the holders hold its key")
	_, err = c.nodes[0].reshareKey(keyTask(twice), c.study, none, []common.Address{c.nodes[3].self})
	require.ErrorIs(t, err, aggregation.ErrKeyMismatch, "after a departure, still not under the id of the key held")

	joiner := aggregation.DealerID(stepsStudy, c.nodes[4].self.Bytes())
	for _, i := range []int{0, 1, 2} {
		s := c.nodes[i]
		r, err := s.reshareKey(keyTask(got[s.self]), c.study, none, nil)
		require.NoError(t, err, "node %d", i)
		require.NotNil(t, r.send)
		_, err = s.reshareCommit(commitOf(t, stepsStudy, addOnly, c.nodes[0].key, c.nodes[1].key))
		require.NoError(t, err)
		assert.Equal(t, points[i], s.point, "node %d keeps its point", i)
		_, raw, _ := s.sealer.export()
		var tsk aggregation.ThresholdSecretShare
		require.NoError(t, tsk.UnmarshalBinary(raw))
		assert.Contains(t, tsk.Dealers(), joiner, "node %d holds the joiner's key", i)
		assert.Len(t, tsk.Dealers(), n, "and every other key it held")
	}

	// A site that holds no share is not made a holder by a re-sharing
	// with no dealers.
	outsider := committeeConsortium(t, n, 0, 1, 3)
	outsider.keyGen(t, n)
	outsiderHolders := outsider.committeeTask().GetHolders()
	_, err = outsider.nodes[3].reshareKey(&cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Holders: outsiderHolders,
		SetHash: auth.ReshareSetHash(stepsStudy, 1, 2, nil, outsiderHolders).Bytes()}, outsider.study, none, nil)
	require.ErrorIs(t, err, ErrChainMismatch)

	// Without a committee, a re-sharing always has t dealers.
	c.study.Committee = contracts.CommitteeParams{}
	_, err = c.nodes[4].reshareDeal(addOnly, c.study, none)
	require.ErrorIs(t, err, ErrChainMismatch)
}

// handOverTask is the re-sharing before round 1 from the given holders, at
// the points they hold, to the chain's current committee.
func (c *consortium) handOverTask(from ...int) *cohortv1.ReshareTask {
	var dealers []*cohortv1.ShareHolder
	for _, i := range from {
		dealers = append(dealers, &cohortv1.ShareHolder{Address: c.nodes[i].self.Bytes(), Point: c.nodes[i].point})
	}
	slices.SortFunc(dealers, func(x, y *cohortv1.ShareHolder) int { return int(x.GetPoint()) - int(y.GetPoint()) })
	holders := c.committeeTask().GetHolders()
	return &cohortv1.ReshareTask{StudyId: stepsStudy, Round: 1, Threshold: c.study.Threshold, Dealers: dealers, Holders: holders,
		SetHash: auth.ReshareSetHash(stepsStudy, 1, c.study.Threshold, dealers, holders).Bytes()}
}

// handOver runs the re-sharing from the given holders to the chain's
// current committee up to its commit, which it returns as an honest
// coordinator sends it: every new holder confirmed and keeps its new share
// pending.
func (c *consortium) handOver(t *testing.T, from ...int) *cohortv1.ReshareCommitTask {
	t.Helper()
	task := c.handOverTask(from...)
	none := map[common.Address]bool{}
	got := c.reshareDeal(t, task, from...)
	commit := commitOf(t, stepsStudy, task)
	commit.CommitteeEpoch = c.study.CommitteeEpoch
	for i, s := range c.nodes {
		if !slices.Contains(c.study.Holders, s.self) {
			continue
		}
		r, err := s.reshareKey(&cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: task.GetRound(), Threshold: task.GetThreshold(), Dealers: task.GetDealers(),
			Holders: task.GetHolders(), SetHash: task.GetSetHash(), Shares: got[s.self]}, c.study, none, nil)
		require.NoError(t, err, "new holder %d", i)
		c.keep(t, i, r)
		commit.Confirmations = append(commit.Confirmations, r.send.(*cohortv1.ReshareKeyConfirmation).GetAuth())
	}
	return commit
}

// reshareDeal has the given holders deal task and returns the share
// pieces each new holder is relayed, by address.
func (c *consortium) reshareDeal(t *testing.T, task *cohortv1.ReshareTask, from ...int) map[common.Address][]*cohortv1.EncryptedShare {
	t.Helper()
	got := map[common.Address][]*cohortv1.EncryptedShare{}
	for _, i := range from {
		r, err := c.nodes[i].reshareDeal(task, c.study, map[common.Address]bool{})
		require.NoError(t, err, "dealer %d", i)
		for _, sh := range r.send.(*cohortv1.ReshareSharesSubmission).GetShares() {
			to := common.BytesToAddress(sh.GetRecipient())
			got[to] = append(got[to], sh)
		}
	}
	return got
}

// commitTo has the given nodes apply commit, as the new holders do.
func (c *consortium) commitTo(t *testing.T, commit *cohortv1.ReshareCommitTask, nodes ...int) {
	t.Helper()
	for _, i := range nodes {
		r, err := c.nodes[i].reshareCommit(commit)
		require.NoError(t, err, "node %d", i)
		c.keep(t, i, r)
		require.Equal(t, contracts.CommitteePoint(c.study.Holders, c.nodes[i].self), c.nodes[i].point, "node %d", i)
	}
}

// retire has node i answer commit as a site that got no new share does.
func (c *consortium) retire(i int, commit *cohortv1.ReshareCommitTask) (ready, error) {
	r, noPending := c.nodes[i].reshareCommit(commit)
	if !errors.Is(noPending, errNoPendingShare) {
		return r, noPending
	}
	return c.nodes[i].retireShare(commit, c.study, c.selections, noPending)
}

// TestCommitteeCommitOfASupersededSelection: hand-overs follow each other
// (a member of each new committee leaves as the round opens). The keys
// move from selection 1 {0,1,2,5} to selection 2 {0,1,3,4}, and before
// nodes 2 and 5, off selection 2, check its commit, the chain has selected
// 3 {1,2,3,4} and node 2 already holds its selection-3 share, pending.
// Before, both refused the commit and kept their selection-1 shares (node
// 2: it is on the chain's committee; node 5: the commit's confirmers are
// not all on it). Now both check the commit against the selection it
// names and erase them; node 2's pending share stays and is put in force
// by selection 3's commit. A hostile coordinator cannot make a site erase
// its share with a commit naming a selection the chain never made or none,
// relabelled with another selection, or replayed from a hand-over to a
// selection no later than its share's.
func TestCommitteeCommitOfASupersededSelection(t *testing.T) {
	c := committeeConsortium(t, 6, 0, 1, 2, 5)
	c.dealToCommittee(t, 6, 0, 1, 2, 5)
	for _, i := range []int{0, 1, 2, 5} {
		require.Equal(t, uint32(1), c.nodes[i].shareSelection, "node %d's share is of selection 1", i)
	}
	c.setCommittee(0, 1, 3, 4)
	second := c.handOver(t, 0, 1)
	c.commitTo(t, second, 0, 1, 3, 4)
	c.setCommittee(1, 2, 3, 4) // node 0 left as round 1 opened
	third := c.handOver(t, 1, 3)

	relabel := func(commit *cohortv1.ReshareCommitTask, selection uint32) *cohortv1.ReshareCommitTask {
		c := proto.Clone(commit).(*cohortv1.ReshareCommitTask)
		c.CommitteeEpoch = selection
		return c
	}
	refused := func(name string, node int, commit *cohortv1.ReshareCommitTask, why string) {
		t.Helper()
		point := c.nodes[node].point
		require.NotZero(t, point)
		_, err := c.retire(node, commit)
		require.ErrorIs(t, err, ErrChainMismatch, name)
		assert.ErrorContains(t, err, why, name)
		assert.Equal(t, point, c.nodes[node].point, "%s: node %d keeps its share", name, node)
	}
	refused("a selection the chain never made", 5, relabel(third, 9), "selection 9, which the chain never made")
	refused("no selection named", 5, relabel(third, 0), "selection 0, which the chain never made")
	refused("another selection's hand-over relabelled", 5, relabel(third, 2), "but committee selection 2 on chain puts it at point")

	for _, i := range []int{2, 5} {
		r, err := c.retire(i, second)
		require.NoError(t, err, "node %d", i)
		assert.Zero(t, c.nodes[i].point, "node %d erased its selection-1 share", i)
		_, threshold, _ := c.nodes[i].sealer.export()
		assert.Nil(t, threshold, "node %d: from memory", i)
		assert.Contains(t, r.keep, secretWrite{c.nodes[i].thresholdName(), nil}, "node %d: and from the keystore", i)
	}
	require.NotNil(t, c.nodes[2].pending, "node 2's selection-3 share stays pending")
	c.commitTo(t, third, 1, 2, 3, 4)
	require.Equal(t, uint32(3), c.nodes[2].shareSelection)

	refused("an earlier hand-over's commit replayed", 2, second, "this site's share was made for selection 3")
	// A keystore of an earlier release does not say which selection its
	// share is of: a later selection on chain that it is on refuses it.
	c.nodes[2].shareSelection = 0
	refused("an earlier hand-over's commit replayed, the share's selection unknown", 2, second, "this site is on the later selection 3")

	// Node 0, off selection 3, erases its selection-2 share on its commit.
	require.Equal(t, uint32(2), c.nodes[0].shareSelection)
	_, err := c.retire(0, third)
	require.NoError(t, err)
	assert.Zero(t, c.nodes[0].point)
}
