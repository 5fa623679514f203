package simulation_test

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/audit"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// The coordinator's server optimiser is pluggable: FedAdam on the decrypted
// average update learns too, and takes a different path than FedAvg.
func TestServerOptimiserFedAdam(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := func(opt *aggregation.FedOptConfig) *simulation.Study {
		s, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Rounds: 5, Seed: 4, DataDir: t.TempDir(), ServerOptimizer: opt, Plaintext: true, LocalConsent: true})
		require.NoError(t, err)
		t.Cleanup(s.Close)
		return s
	}
	adam := aggregation.DefaultFedOptConfig(aggregation.FedAdam)
	adam.LearningRate = 0.5
	withAdam, withAvg := run(&adam), run(nil)
	assert.Greater(t, withAdam.Rounds()[4].Accuracy, 0.8)
	assert.NotEqual(t, withAvg.Result().FinalModel, withAdam.Result().FinalModel)
}

// A coordinator restarted mid-study continues FedAdam where it stopped: the
// final model equals that of a study without the restart (plaintext mode
// makes both runs deterministic).
func TestServerOptimiserStateSurvivesRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	adam := aggregation.DefaultFedOptConfig(aggregation.FedAdam)
	adam.LearningRate = 0.5
	run := func(restartIn uint32) *simulation.Study {
		s, err := simulation.Run(ctx, simulation.Config{
			Hospitals: 3, Rounds: 4, Seed: 8, DataDir: t.TempDir(), ServerOptimizer: &adam, Plaintext: true, LocalConsent: true,
			RestartCoordinatorIn: restartIn, PhaseTimeout: 20 * time.Second,
		})
		require.NoError(t, err)
		t.Cleanup(s.Close)
		return s
	}
	straight, restarted := run(0), run(3)
	require.Len(t, restarted.Rounds(), 4)
	// Equal up to float rounding; an optimiser restarted from zero moments
	// would be off by about the server learning rate.
	assert.InDeltaSlice(t, straight.Result().FinalModel, restarted.Result().FinalModel, 1e-9)
}

// A coordinator that stops after round 2 closed on chain and before it
// kept FedAdam's state after it (its store one state behind the chain)
// rebuilds that state from round 2's decryption record: the state before
// the step, stepped by the aggregate the holders' signed shares open, as
// `cohort audit` recomputes it, to the model the chain records. So `cohort
// audit` verifies round 3, which steps from it. Until 2026-12-08 the
// restarted coordinator started the optimiser afresh, with a warning,
// and the audit reported round 3 as an optimiser reset.
func TestServerOptimiserStateRebuiltAfterACrashBeforeItWasKept(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	adam := aggregation.DefaultFedOptConfig(aggregation.FedAdam)
	adam.LearningRate = 0.5
	var logs bytes.Buffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 3, Seed: 8, DataDir: t.TempDir(), ServerOptimizer: &adam, LocalConsent: true,
		CrashBeforeKeepingOptimizerIn: 2, PhaseTimeout: 20 * time.Second,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Contains(t, logs.String(), "resuming study from the chain", "the coordinator really restarted")

	assert.NotContains(t, logs.String(), "starts afresh")
	assert.Regexp(t, regexp.MustCompile(`msg="`+regexp.QuoteMeta(coordinator.MsgOptimizerRebuilt)+`".* after_round=2 round=3 steps=2`), logs.String(),
		"FedAdam goes on from the state round 2 left, rebuilt")
	rep := auditStudy(ctx, t, s)
	require.Len(t, rep.Rounds, 3)
	assert.True(t, rep.OK, "%+v", rep.Rounds)
	for _, r := range rep.Rounds {
		assert.Equal(t, audit.Verified, r.Verdict, "round %d: %v", r.Round, r.Problems)
	}
}
