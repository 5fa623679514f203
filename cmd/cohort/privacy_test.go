package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/models/privacy"
)

// TestPrivateStudyBudgetOnChain runs private studies through the daemons:
// the study's budget goes on chain with it, each round records the study's
// ε after it (which every hospital checks against its recipe), study show
// prints them, and the contract refuses to open a round past the budget.
func TestPrivateStudyBudgetOnChain(t *testing.T) {
	if testing.Short() {
		t.Skip("runs encrypted studies")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	tc := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.2, Epsilon: 8, Delta: 1e-5}}
	spent1, err := models.PrivacySpent(tc, 1)
	require.NoError(t, err)
	spent2, err := models.PrivacySpent(tc, 2)
	require.NoError(t, err)

	s, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Rounds: 2, Seed: 6, DataDir: t.TempDir(), Train: &tc, LocalConsent: true})
	require.NoError(t, err)
	defer s.Close()
	rep, err := studies.Show(ctx, s.Ledger(), 0, s.StudyID())
	require.NoError(t, err)
	require.NotNil(t, rep.Privacy)
	assert.Equal(t, 8.0, rep.Privacy.Epsilon)
	assert.Equal(t, 1e-5, rep.Privacy.Delta)
	require.Len(t, rep.RoundHistory, 2)
	assert.InDelta(t, spent1, rep.RoundHistory[0].EpsilonSpent, 1e-6)
	assert.InDelta(t, spent2, rep.RoundHistory[1].EpsilonSpent, 1e-6)
	assert.InDelta(t, spent2, rep.Privacy.Spent, 1e-6)
	var out bytes.Buffer
	rep.WriteText(&out)
	assert.Contains(t, out.String(), "privacy budget ε 8 at δ 1e-05")
	r1, r2 := rep.RoundHistory[0].EpsilonSpent, rep.RoundHistory[1].EpsilonSpent
	assert.Contains(t, out.String(), fmt.Sprintf("  2      %.6f  %.6f    %.6f", r2, r2-r1, 8-r2), "round 2: ε after it, its share, what is left")
	panels, err := evaluation.StudyPlots(rep)
	require.NoError(t, err)
	figure := filepath.Join(t.TempDir(), "study.svg")
	require.NoError(t, chart.Save(figure, panels...))
	assert.Contains(t, svgTexts(t, figure), "ε after the round (on chain)", "study show --plot draws ε per round")

	// A budget that covers round 1 only: round 2 is refused on chain.
	tight := tc
	p := *tc.Privacy
	p.Epsilon = (spent1 + spent2) / 2
	tight.Privacy = &p
	s2, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Rounds: 2, Seed: 6, DataDir: t.TempDir(), Train: &tight, LocalConsent: true})
	if s2 != nil {
		defer s2.Close()
	}
	require.ErrorIs(t, err, contracts.ErrPrivacyBudgetExceeded)

	// The distributed mechanism: one DP-SGD step of the union per round,
	// so each round records ε of DP-SGD with rounds steps, and the chain
	// machinery is the same.
	dist := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 1, Optimizer: models.OptimizerSGD,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.2, Epsilon: 8, Delta: 1e-5,
			Mechanism: models.MechanismDistributed, MinContributors: 3}}
	s3, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Rounds: 2, Seed: 6, DataDir: t.TempDir(), Train: &dist, LocalConsent: true})
	require.NoError(t, err)
	defer s3.Close()
	rep, err = studies.Show(ctx, s3.Ledger(), 0, s3.StudyID())
	require.NoError(t, err)
	require.NotNil(t, rep.Privacy)
	require.Len(t, rep.RoundHistory, 2)
	for r, h := range rep.RoundHistory {
		want, err := privacy.DPSGDEpsilon(0.2, 1.5, r+1, 1e-5)
		require.NoError(t, err)
		assert.InDelta(t, want, h.EpsilonSpent, 1e-6, "round %d records DP-SGD's ε after %d steps", r+1, r+1)
	}
	out.Reset()
	rep.WriteText(&out)
	assert.Contains(t, out.String(), "privacy budget ε 8 at δ 1e-05")
	sum, err := s3.Report(time.Second)
	require.NoError(t, err)
	out.Reset()
	sum.WriteSummary(&out)
	assert.Contains(t, out.String(), "one DP-SGD step of the union per round, the noise shared over the encrypted sum")
}

// TestDemoPrivateRecipe runs `cohort demo --recipe` with a recipe whose
// privacy section gives WDBC's hospitals DP-SGD under a budget: the study
// runs, and the demo reports the ε the chain recorded, within the budget.
func TestDemoPrivateRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	recipe := filepath.Join(dir, "recipe.json")
	require.NoError(t, os.WriteFile(recipe, []byte(`{"model": {"kind": "logistic", "features": 30}, "local": {"optimizer": "adam", "learning_rate": 0.05, "epochs": 1},
		"rounds": 2, "privacy": {"noise_multiplier": 2, "clip_norm": 1, "sampling_rate": 0.2, "epsilon": 3, "delta": 1e-5}}`), 0o600))
	report := filepath.Join(dir, "report.json")
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"demo", "--data", strings.Join(writeSiteFiles(t, 3), ","), "--schema", wdbcSchema, "--recipe", recipe, "--report", report}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "differential privacy: every hospital trained with DP-SGD")
	b, err := os.ReadFile(report)
	require.NoError(t, err)
	var rep simulation.Report
	require.NoError(t, json.Unmarshal(b, &rep))
	require.NotNil(t, rep.Privacy)
	tc := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 2, ClipNorm: 1, SamplingRate: 0.2, Epsilon: 3, Delta: 1e-5}}
	want, err := models.PrivacySpent(tc, 2)
	require.NoError(t, err)
	assert.InDelta(t, want, rep.Privacy.Spent, 1e-6, "the chain records the recipe's ε after round 2")
	assert.LessOrEqual(t, rep.Privacy.Spent, 3.0)
}
