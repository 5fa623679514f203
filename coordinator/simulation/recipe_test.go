package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// TestHospitalWithOtherRecipeIsRefused runs a local study whose hospital-2
// holds a recipe differing from the study's in one field: before its node
// starts it compares its recipe's hash with the chain's, fetches the study's
// recipe from the coordinator (checked against the chain) and stops with an
// error naming the field. A field of every part of the recipe is tried.
func TestHospitalWithOtherRecipeIsRefused(t *testing.T) {
	study := models.DefaultRecipe(records.DefaultSyntheticConfig().Features)
	study.Rounds, study.Standardise = 1, records.StandardiseNone
	for _, tt := range []struct {
		field  string
		change func(*models.Recipe)
	}{
		{"model.hidden", func(r *models.Recipe) { r.Model.Kind, r.Model.Hidden = models.KindMLP, []int{4} }},
		{"local.learning_rate", func(r *models.Recipe) { r.Local.LearningRate = 0.5 }},
		{"local.epochs", func(r *models.Recipe) { r.Local.Epochs = 40 }},
		{"local.proximal_mu", func(r *models.Recipe) { r.Local.ProximalMu = 0.1 }},
		{"server.kind", func(r *models.Recipe) { r.Server = aggregation.DefaultFedOptConfig(aggregation.FedAdam) }},
		{"rounds", func(r *models.Recipe) { r.Rounds = 9 }},
		{"standardise", func(r *models.Recipe) { r.Standardise = records.StandardisePooled }},
		{"evaluation.metric", func(r *models.Recipe) { r.Evaluation.Metric = models.MetricAccuracy }},
	} {
		t.Run(tt.field, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			other := study
			tt.change(&other)
			s, err := simulation.Run(ctx, simulation.Config{
				Hospitals: 2, Seed: 1, DataDir: t.TempDir(), Plaintext: true, LocalConsent: true,
				Recipe: &study, HospitalRecipes: map[int]models.Recipe{1: other},
			})
			if s != nil {
				s.Close()
			}
			require.ErrorIs(t, err, models.ErrRecipeMismatch)
			assert.Contains(t, err.Error(), "hospital-2's recipe")
			assert.Contains(t, err.Error(), "field "+tt.field)
		})
	}
}

// TestPersonalise runs a recipe that personalises: after the study
// each hospital fine-tunes the shared model on its own records and both are
// scored on its own test records; the shared model is the study's final one.
func TestPersonalise(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r := models.DefaultRecipe(records.DefaultSyntheticConfig().Features)
	r.Rounds, r.Standardise = 2, records.StandardiseNone
	r.Personalise = &models.Personalisation{Epochs: 3, LearningRate: 0.05}
	s, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Seed: 2, DataDir: t.TempDir(), Plaintext: true, LocalConsent: true, Recipe: &r})
	require.NoError(t, err)
	defer s.Close()
	rep, err := s.Report(time.Second)
	require.NoError(t, err)
	rep.Personalised, err = s.Personalise(ctx)
	require.NoError(t, err)
	require.Len(t, rep.Personalised, 3)
	for i, p := range rep.Personalised {
		assert.Equal(t, rep.Participants[i].Name, p.Name)
		assert.Greater(t, p.Personalised.AUC, 0.7)
		found := false
		for _, s := range rep.Rounds[len(rep.Rounds)-1].Sites {
			if s.Name == p.Name {
				found = true
				assert.Equal(t, s.Records, p.Shared.Records, "scored on the hospital's own consented test records")
				assert.InDelta(t, s.Accuracy, p.Shared.Accuracy, 1e-9, "the shared model is the study's final model")
			}
		}
		assert.True(t, found)
	}
}
