package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
)

// The coordinator's server optimiser is pluggable: FedAdam on the decrypted
// average update learns too, and takes a different path than FedAvg.
func TestServerOptimiserFedAdam(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := func(opt *aggregation.FedOptConfig) *localStudy {
		s, err := runLocalStudy(ctx, localStudyConfig{hospitals: 3, rounds: 5, seed: 4, dataDir: t.TempDir(), serverOptimizer: opt, plaintext: true, localConsent: true})
		require.NoError(t, err)
		t.Cleanup(s.Close)
		return s
	}
	adam := aggregation.DefaultFedOptConfig(aggregation.FedAdam)
	adam.LearningRate = 0.5
	withAdam, withAvg := run(&adam), run(nil)
	assert.Greater(t, withAdam.rounds[4].Accuracy, 0.8)
	assert.NotEqual(t, withAvg.result.FinalModel, withAdam.result.FinalModel)
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
	run := func(restartIn uint32) *localStudy {
		s, err := runLocalStudy(ctx, localStudyConfig{
			hospitals: 3, rounds: 4, seed: 8, dataDir: t.TempDir(), serverOptimizer: &adam, plaintext: true, localConsent: true,
			restartCoordinatorIn: restartIn, phaseTimeout: 20 * time.Second,
		})
		require.NoError(t, err)
		t.Cleanup(s.Close)
		return s
	}
	straight, restarted := run(0), run(3)
	require.Len(t, restarted.rounds, 4)
	// Equal up to float rounding; an optimiser restarted from zero moments
	// would be off by about the server learning rate.
	assert.InDeltaSlice(t, straight.result.FinalModel, restarted.result.FinalModel, 1e-9)
}
