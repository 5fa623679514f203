package simulation_test

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/audit"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A round that stalls (its coordinator killed after the round's first
// upload) is abandoned once its deadline has passed on the chain's clock,
// with the coordinator's key, the transaction `cohort study abandon-round`
// sends; the coordinator started again goes on with the study. Round 2 is
// recorded abandoned and rounds 3 and 4 close; round 3 opens from the
// model round 2 opened with, round 1's; every hospital's node, never
// restarted, contributes a fresh update to them; and `cohort audit`
// verifies every closed round, FedAdam's steps included: the server
// optimiser goes on from the state round 1 left. Until 2026-12-07 it
// started afresh after an abandonment, which the audit reports as an
// optimiser reset; round 3's deadline, set from the wall clock, was behind
// the chain's clock moved past round 2's, and the contract refused it;
// and a hospital whose batched commitment of round 2 the coordinator had
// not recorded logged that the round closed without it. With batched
// commitments (the default) and with each hospital committing on chain
// before its upload, so that round 2 holds commitments the hospitals must
// not carry over.
func TestStudyGoesOnAfterAnAbandonedRound(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, commitEach := range []bool{false, true} {
		t.Run(map[bool]string{false: "batched commitments", true: "each committed on chain"}[commitEach], func(t *testing.T) {
			studyAfterAnAbandonedRound(t, commitEach)
		})
	}
}

func studyAfterAnAbandonedRound(t *testing.T, commitEach bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var logs lockedBuffer
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("study log:\n%s", logs.String())
		}
	})
	adam := aggregation.DefaultFedOptConfig(aggregation.FedAdam)
	adam.LearningRate = 0.5
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 4, Seed: 9, DataDir: t.TempDir(), ServerOptimizer: &adam, LocalConsent: true,
		AbandonRoundIn: 2, CommitEach: commitEach, PhaseTimeout: 20 * time.Second,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Contains(t, logs.String(), "resuming study from the chain", "the coordinator really restarted")

	ledger, id := s.Ledger(), s.StudyID()
	study, err := ledger.Study(ctx, id)
	require.NoError(t, err)
	assert.True(t, study.Completed)
	rounds := make(map[uint32]contracts.Round)
	for r := uint32(1); r <= 4; r++ {
		rounds[r], err = ledger.Round(ctx, id, r)
		require.NoError(t, err)
	}
	assert.True(t, rounds[2].Abandoned, "round 2 recorded abandoned")
	assert.False(t, rounds[2].Closed)
	for _, r := range []uint32{1, 3, 4} {
		assert.True(t, rounds[r].Closed, "round %d closed", r)
	}
	assert.Equal(t, rounds[1].Result.ModelHash, rounds[2].GlobalModel)
	assert.Equal(t, rounds[2].GlobalModel, rounds[3].GlobalModel, "round 3 opens from the model round 2 opened with")
	assert.Equal(t, rounds[3].Result.ModelHash, rounds[4].GlobalModel)

	var reported []uint32
	for _, f := range s.Rounds() {
		reported = append(reported, f.Round)
		assert.Equal(t, 3, f.Participants, "every hospital's node contributes to round %d", f.Round)
	}
	assert.Equal(t, []uint32{1, 3, 4}, reported, "the closed rounds reported, once each")
	if commitEach {
		require.NotEmpty(t, rounds[2].Committers, "the first upload of round 2 was committed on chain before it")
	}
	for _, h := range s.Hospitals() {
		after, err := ledger.Commitment(ctx, id, 3, h.Address)
		require.NoError(t, err, "%s commits in round 3", h.Name)
		if before, err := ledger.Commitment(ctx, id, 2, h.Address); err == nil {
			assert.NotEqual(t, before.CiphertextHash, after.CiphertextHash, "%s seals a fresh update for round 3, not its round 2 one", h.Name)
		}
	}
	assert.NotContains(t, logs.String(), "the round closed without this hospital's commitment", "the hospitals tell an abandoned round from one closed without them")
	t.Logf("batched commitments of round 2 not recorded when it was abandoned: %d", strings.Count(logs.String(), "the round was abandoned before this hospital's commitment was recorded"))

	assert.Regexp(t, regexp.MustCompile(`msg="`+regexp.QuoteMeta(coordinator.MsgOptimizerRestored)+`".* after_round=1 round=3 steps=1`), logs.String(),
		"FedAdam goes on from round 1's state")
	rep := auditStudy(ctx, t, s)
	require.Len(t, rep.Rounds, 4)
	assert.True(t, rep.OK, "%+v", rep.Rounds)
	assert.Equal(t, audit.NotClosed, rep.Rounds[1].Verdict)
	for _, i := range []int{0, 2, 3} {
		assert.Equal(t, audit.Verified, rep.Rounds[i].Verdict, "round %d: %v", rep.Rounds[i].Round, rep.Rounds[i].Problems)
	}
}
