package participant

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// A record whose consent bounds ε is trained on while the study's ε after
// the round stays within the bound, then left out like a revoked one; a
// round past the study's own budget is refused.
func TestWithinPrivacyBudget(t *testing.T) {
	cfg := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 3, Delta: 1e-5}}
	spent1, err := models.PrivacySpent(cfg, 1)
	require.NoError(t, err)
	spent2, err := models.PrivacySpent(cfg, 2)
	require.NoError(t, err)
	require.Less(t, spent2, cfg.Privacy.Epsilon, "two rounds fit the study's budget")
	bound := (spent1 + spent2) / 2
	recs := []records.Record{{ID: "free"}, {ID: "strict", MaxEpsilon: bound}, {ID: "loose", MaxEpsilon: 100}}

	kept, spent, err := withinPrivacyBudget(cfg, 1, recs)
	require.NoError(t, err)
	assert.Equal(t, spent1, spent)
	assert.Equal(t, []string{"free", "strict", "loose"}, records.IDs(kept), "round 1 stays within every bound")

	kept, _, err = withinPrivacyBudget(cfg, 2, recs)
	require.NoError(t, err)
	assert.Equal(t, []string{"free", "loose"}, records.IDs(kept), "round 2 would pass the strict consent's bound")

	_, _, err = withinPrivacyBudget(cfg, 2, recs[1:2])
	require.ErrorIs(t, err, ErrPrivacyBudget, "no record left to train on")

	var last int
	for r := 1; ; r++ {
		if s, _ := models.PrivacySpent(cfg, r); s > cfg.Privacy.Epsilon {
			last = r
			break
		}
	}
	_, _, err = withinPrivacyBudget(cfg, uint32(last), recs)
	require.ErrorIs(t, err, ErrPrivacyBudget, "round %d passes the study's budget", last)
	assert.Contains(t, err.Error(), "above its budget of 3")

	noDP := cfg
	noDP.Privacy = nil
	kept, _, err = withinPrivacyBudget(noDP, 50, recs)
	require.NoError(t, err)
	assert.Len(t, kept, 3, "without differential privacy there is no ε to bound")
}
