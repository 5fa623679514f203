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
