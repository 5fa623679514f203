package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
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
