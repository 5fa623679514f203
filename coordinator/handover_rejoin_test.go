package coordinator

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// TestMemberOffTheCommitteeGetsTheCommitItMissed: with a decryption
// committee, the commit of a hand-over goes to the old holders off the new
// committee once, when it is made; one whose node was down then (a crash,
// an update, a restart) never got it and kept its old share for good. A
// member that joins again and holds no share of the current set now gets
// the latest commit if it names its committee selection: the hospital
// checks it against the chain and erases an older share (a hospital that
// never held one does nothing). A member of the commit's committee that
// holds no share (it did not confirm) is not sent it (it is re-shared to
// at the next round), nor is anyone a commit that names no selection (one
// kept by an earlier release whose selection was not found on chain when
// the store was loaded; see restoreHolders), which hospitals off the
// committee refuse.
func TestMemberOffTheCommitteeGetsTheCommitItMissed(t *testing.T) {
	f := newFixture(t)
	holder, unconfirmed, away := f.hospitals[0], f.hospitals[1], f.hospitals[2]
	commit := &cohortv1.ReshareCommitTask{StudyId: f.studyID, Round: 2, SetHash: crypto.Keccak256([]byte("set")), Threshold: 1, CommitteeEpoch: 3,
		Holders: []*cohortv1.ShareHolder{{Address: holder.addr().Bytes(), Point: 1}, {Address: unconfirmed.addr().Bytes(), Point: 2}}}
	keep := func(commit *cohortv1.ReshareCommitTask) {
		raw, err := proto.Marshal(commit)
		require.NoError(t, err)
		f.coord.mu.Lock()
		f.coord.committee = true
		f.coord.points, f.coord.epoch, f.coord.setHash, f.coord.commit = map[common.Address]uint64{holder.addr(): 1}, 2, common.BytesToHash(commit.GetSetHash()), raw
		f.coord.mu.Unlock()
	}
	// firstTask is the first task h is sent on joining: the commit, or
	// the end of the study if nothing came before it.
	firstTask := func(h *hospital) *cohortv1.Task {
		t.Helper()
		f.coord.mu.Lock()
		f.coord.done = nil
		f.coord.mu.Unlock()
		got := f.join(t, h)
		require.Eventually(t, func() bool {
			f.coord.mu.Lock()
			defer f.coord.mu.Unlock()
			_, in := f.coord.peers[h.addr()]
			return in
		}, 10*time.Second, 10*time.Millisecond)
		f.coord.finish(&cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: f.studyID}}})
		task, ok := <-got
		require.True(t, ok, "the stream ended")
		return task
	}

	keep(commit)
	assert.True(t, proto.Equal(commit, firstTask(away).GetReshareCommit()), "a member off the committee gets the commit it may have missed")
	assert.True(t, proto.Equal(commit, firstTask(holder).GetReshareCommit()), "a holder gets it, as before")
	assert.NotNil(t, firstTask(unconfirmed).GetDone(), "a member of the committee that holds no share does not")

	bare := proto.Clone(commit).(*cohortv1.ReshareCommitTask)
	bare.CommitteeEpoch = 0
	keep(bare)
	assert.NotNil(t, firstTask(f.hospitals[3]).GetDone(), "a commit naming no selection goes to holders only")
}
