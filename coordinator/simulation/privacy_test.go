package simulation_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// TestConsentEpsilonBoundExcludesRecords runs a two-round private study in
// which some patients' consent bounds ε between the study's ε after round
// 1 and after round 2: they are trained on in round 1 and left out of round
// 2, like revoked records, and the committed sample counts show it.
func TestConsentEpsilonBoundExcludesRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	tc := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.2, Epsilon: 8, Delta: 1e-5}}
	spent1, err := models.PrivacySpent(tc, 1)
	require.NoError(t, err)
	spent2, err := models.PrivacySpent(tc, 2)
	require.NoError(t, err)
	cfg := records.DefaultSyntheticConfig()
	cfg.Sites, cfg.Seed = 3, 5
	sites, err := records.Synthetic(cfg)
	require.NoError(t, err)
	strict := 0
	for i := range sites {
		for j := range sites[i].Train {
			if j%4 == 0 && sites[i].Consents(sites[i].Train[j].ID) {
				sites[i].Train[j].MaxEpsilon = (spent1 + spent2) / 2
				strict++
			}
		}
	}
	require.Positive(t, strict)
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 2, Seed: 5, DataDir: t.TempDir(), Sites: sites, Train: &tc, LocalConsent: true,
	})
	require.NoError(t, err)
	defer s.Close()
	require.Len(t, s.Rounds(), 2)
	assert.Equal(t, strict, s.Rounds()[0].Samples-s.Rounds()[1].Samples,
		"the %d records whose consent bounds ε at %.3f are in round 1 (ε %.3f) and not in round 2 (ε %.3f)", strict, (spent1+spent2)/2, spent1, spent2)
}

// TestClipScheduleIsEveryHospitalsRound runs a study of the distributed
// mechanism whose clip norm decays by γ = 0.05 a round, with noise large
// enough to dominate every step: each hospital clips and sizes its noise
// share with its round's C·γ^(t−1), so the published model's step in round
// 3 is about γ times its step in round 2 (without the schedule the two are
// alike).
func TestClipScheduleIsEveryHospitalsRound(t *testing.T) {
	const decay = 0.05
	ratio := scheduledStepRatio(t, models.PrivacyConfig{NoiseMultiplier: 200, ClipDecay: decay})
	assert.Greater(t, ratio, decay/4, "round 3's step over round 2's")
	assert.Less(t, ratio, 4*decay, "round 3's step over round 2's: the hospitals did not shrink the clip norm and noise by γ")
}

// TestNoiseScheduleIsEveryHospitalsRound is the same with the noise
// multiplier decaying by ρ = 0.2 a round from 10⁴ and the clip norm
// constant: the noise still dominates round 3's step (σ_3 = 400 against
// at most one clipped gradient per record), so that step is about ρ times
// round 2's only if every hospital sizes its share with its round's
// σ·ρ^(t−1) (a σ much above 10⁴ spends an ε of 0 in round 1, which the
// chain refuses).
func TestNoiseScheduleIsEveryHospitalsRound(t *testing.T) {
	const decay = 0.2
	ratio := scheduledStepRatio(t, models.PrivacyConfig{NoiseMultiplier: 1e4, NoiseDecay: decay})
	assert.Greater(t, ratio, decay/4, "round 3's step over round 2's")
	assert.Less(t, ratio, 4*decay, "round 3's step over round 2's: the hospitals did not shrink the noise by ρ")
}

// scheduledStepRatio runs a three-round study of the distributed mechanism
// among three hospitals, clip norm 1, with sched's noise multiplier and
// schedules, and returns the published model's step in round 3 over its
// step in round 2. The budget, ε 100, is far above what the rounds spend.
func scheduledStepRatio(t *testing.T, sched models.PrivacyConfig) float64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	tc := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 1, Optimizer: models.OptimizerSGD,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: sched.NoiseMultiplier, ClipNorm: 1, ClipDecay: sched.ClipDecay, NoiseDecay: sched.NoiseDecay, SamplingRate: 1, Epsilon: 100, Delta: 1e-5,
			Mechanism: models.MechanismDistributed, MinContributors: 3}}
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 3, Seed: 7, DataDir: t.TempDir(), Train: &tc, Plaintext: true, LocalConsent: true, MinParticipants: 3,
	})
	require.NoError(t, err)
	defer s.Close()
	store, err := coordinator.OpenStore(s.StoreDir())
	require.NoError(t, err)
	var published [][]float64
	for _, r := range s.Result().Rounds {
		b, err := store.Get(r.ModelHash)
		require.NoError(t, err)
		p, err := models.DecodeParams(b)
		require.NoError(t, err)
		published = append(published, p)
	}
	require.Len(t, published, 3)
	step := func(from, to []float64) float64 {
		sum := 0.0
		for i := range from {
			sum += (to[i] - from[i]) * (to[i] - from[i])
		}
		return math.Sqrt(sum)
	}
	return step(published[1], published[2]) / step(published[0], published[1])
}
