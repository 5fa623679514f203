package coordinator

import (
	"encoding/json"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// committeeStudy creates, on f's chain, a study of f's hospitals with a
// decryption committee of two (t = 2) coordinated by f's coordinator
// account, and selects its committee twice: once, then again after a
// member of the first committee left. It returns the study and its
// selections, oldest first.
func (f *fixture) committeeStudy(t *testing.T) (uint64, []contracts.Committee) {
	t.Helper()
	ctx := f.ctx
	study, _, err := f.ledger.CreateStudy(ctx, f.researcher, contracts.StudyParams{
		SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: crypto.Keccak256Hash([]byte("purpose")),
		ReferenceCommitment: crypto.Keccak256Hash([]byte("reference")),
		Rounds:              3, MinParticipants: 2, Threshold: 2, StrikeLimit: 1, Coordinator: f.coordAcct.Address(),
		Committee: contracts.CommitteeParams{Size: 2},
	})
	require.NoError(t, err)
	for _, h := range f.hospitals {
		_, err := f.ledger.JoinStudy(ctx, h.account, study)
		require.NoError(t, err)
	}
	first, _, err := f.ledger.SelectCommittee(ctx, f.coordAcct, study)
	require.NoError(t, err)
	leaver := f.hospitals[slices.IndexFunc(f.hospitals, func(h *hospital) bool { return first.Has(h.addr()) })]
	_, err = f.ledger.LeaveStudy(ctx, leaver.account, study)
	require.NoError(t, err)
	_, _, err = f.ledger.SelectCommittee(ctx, f.coordAcct, study)
	require.NoError(t, err)
	selections, err := f.ledger.CommitteeSelections(ctx, study)
	require.NoError(t, err)
	require.Len(t, selections, 2)
	return study, selections
}

// TestCommitOfAnEarlierReleaseNamesItsSelectionOnLoad: a coordinator of an
// earlier release kept the commit of a hand-over without the committee
// selection it handed the keys to (committee_epoch). Such a commit went
// to holders only, so a member off that committee whose node was down at
// the hand-over kept its old share until the next one. On load the
// coordinator now finds the selection on chain whose members at their
// points are the commit's holders, and sends the commit, naming it, to a
// member off that committee that joins. The commit here is of the first
// selection, though a later one is on chain: the coordinator stopped
// before handing the keys over again.
func TestCommitOfAnEarlierReleaseNamesItsSelectionOnLoad(t *testing.T) {
	f := newFixture(t)
	study, selections := f.committeeStudy(t)
	first := selections[0]

	commit := &cohortv1.ReshareCommitTask{StudyId: study, Round: 2, SetHash: crypto.Keccak256([]byte("set")), Threshold: 2}
	points := map[common.Address]uint64{}
	for _, m := range first.Members {
		pt := contracts.CommitteePoint(first.Members, m)
		commit.Holders = append(commit.Holders, &cohortv1.ShareHolder{Address: m.Bytes(), Point: pt})
		points[m] = pt
	}
	raw, err := proto.Marshal(commit)
	require.NoError(t, err)
	kept, err := json.Marshal(holderState{Epoch: 2, SetHash: common.BytesToHash(commit.GetSetHash()), Points: points, NextPoint: 3, Commit: raw})
	require.NoError(t, err)

	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	require.NoError(t, store.WriteState(holdersStateName, kept))
	cfg := DefaultConfig()
	cfg.StudyID, cfg.Spec, cfg.MaxUpdateBytes = study, models.Spec{Kind: models.KindLogistic, Features: 4}, testMaxUpdate
	coord, err := New(cfg, f.ledger, f.coordAcct, f.scheme, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	coord.committee = true // as Run sets it for a study with a committee
	require.NoError(t, coord.restoreHolders(f.ctx, func() error { t.Fatal("the kept set is there"); return nil }))

	g := *f
	g.studyID, g.coord = study, coord
	g.serve(t)
	away := g.hospitals[slices.IndexFunc(g.hospitals, func(h *hospital) bool {
		in, err := g.ledger.IsParticipant(g.ctx, study, h.addr())
		require.NoError(t, err)
		return in && !first.Has(h.addr())
	})]
	got := g.join(t, away)
	require.Eventually(t, func() bool {
		coord.mu.Lock()
		defer coord.mu.Unlock()
		_, in := coord.peers[away.addr()]
		return in
	}, 10*time.Second, 10*time.Millisecond)
	coord.finish(&cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: study}}})
	task, ok := <-got
	require.True(t, ok, "the stream ended")
	sent := task.GetReshareCommit()
	require.NotNil(t, sent, "a member off the committee gets the commit it may have missed, not %v", task)
	assert.Equal(t, first.Epoch, sent.GetCommitteeEpoch(), "it names the selection whose members are its holders")
	named := proto.Clone(commit).(*cohortv1.ReshareCommitTask)
	named.CommitteeEpoch = first.Epoch
	assert.True(t, proto.Equal(named, sent), "the commit as kept, naming its selection")
}

// TestCommitSelectionIsTheEarliestWithItsHolders: a kept commit names the
// earliest selection whose members at their points are its holders; none
// if its holders are not exactly a selection's members, or at other
// points.
func TestCommitSelectionIsTheEarliestWithItsHolders(t *testing.T) {
	a, b, c := common.Address{1}, common.Address{2}, common.Address{3}
	selections := []contracts.Committee{{Epoch: 1, Members: []common.Address{a, c}}, {Epoch: 2, Members: []common.Address{a, b}}, {Epoch: 3, Members: []common.Address{a, b}}}
	holders := func(pts ...any) []*cohortv1.ShareHolder {
		var out []*cohortv1.ShareHolder
		for i := 0; i < len(pts); i += 2 {
			out = append(out, &cohortv1.ShareHolder{Address: pts[i].(common.Address).Bytes(), Point: uint64(pts[i+1].(int))})
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		holders []*cohortv1.ShareHolder
		want    uint32
	}{
		{"the earliest of two equal selections", holders(b, 2, a, 1), 2},
		{"the only one", holders(a, 1, c, 2), 1},
		{"other points", holders(a, 2, b, 1), 0},
		{"a member short", holders(a, 1), 0},
		{"a member more", holders(a, 1, b, 2, c, 3), 0},
		{"a member twice", holders(a, 1, a, 1), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, commitSelection(tc.holders, selections))
		})
	}
}
