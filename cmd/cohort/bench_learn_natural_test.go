package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/models"
)

const tcgaDir = "../../../shared/data/tcga-brca"

// tcgaFiles returns the six regions' files, or skips.
func tcgaFiles(t *testing.T) string {
	t.Helper()
	var files []string
	for i := range 6 {
		f := filepath.Join(tcgaDir, "region"+string(rune('0'+i))+".csv")
		if _, err := os.Stat(f); err != nil {
			t.Skipf("TCGA-BRCA is not next to the repository: %v", err)
		}
		files = append(files, f)
	}
	return strings.Join(files, ",")
}

// shortRecipe writes the example recipe with fewer rounds.
func shortRecipe(t *testing.T, path string, rounds int) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	r, err := models.ParseRecipe(raw)
	require.NoError(t, err)
	r.Rounds = rounds
	b, err := json.Marshal(r)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "recipe.json")
	require.NoError(t, os.WriteFile(out, b, 0o600))
	return out
}

// TestBenchLearnCoxOnTCGA runs the natural-split benchmark on the six
// TCGA-BRCA regions with a Cox model, encrypted, for a few rounds: every
// approach is scored by the C-index on the pooled test set and per region,
// and the figure has the survival curves by risk group.
func TestBenchLearnCoxOnTCGA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	data := tcgaFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	figure := filepath.Join(t.TempDir(), "tcga.svg")
	recipe := shortRecipe(t, "../../examples/tcga-brca/recipe.json", 4)
	err := runBenchLearn(ctx, []string{"--data", data, "--schema", "../../examples/tcga-brca/schema.json", "--recipe", recipe,
		"--seeds", "1", "--json", "--plot", figure}, &out, &progress)
	require.NoError(t, err, progress.String())
	var rep evaluation.NaturalReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	assert.Equal(t, []int{248, 156, 164, 129, 129, 40}, rep.TrainRecords, "FLamby's fixed split")
	assert.Equal(t, []int{63, 40, 42, 33, 33, 11}, rep.TestRecords)
	assert.True(t, rep.Encrypted)
	require.Len(t, rep.Summary, 4)
	names := []string{rep.Summary[0].Name, rep.Summary[1].Name, rep.Summary[2].Name, rep.Summary[3].Name}
	assert.Equal(t, []string{"pooled", "hospital alone", "federated fedavg", "personalised"}, names, "the recipe personalises")
	for _, s := range rep.Summary {
		require.Len(t, s.Sites, 6)
		assert.Equal(t, s.Pooled == nil, s.Name == "hospital alone" || s.Name == "personalised", "%s: only shared models are scored on the pooled test set", s.Name)
		assert.Greater(t, s.SiteMean.Mean, 0.55, "%s learns something", s.Name)
	}
	pooled, fed := rep.Summary[0], rep.Summary[2]
	assert.Greater(t, pooled.Pooled.Mean, 0.75)
	assert.InDelta(t, pooled.Pooled.Mean, fed.Pooled.Mean, 0.06, "four encrypted rounds come near pooled training")
	texts := svgTexts(t, figure)
	assert.Contains(t, texts, "federated Cox model: survival by risk group (pooled test records, seed 1)")
	assert.Contains(t, strings.Join(texts, "|"), "high risk")
}

// TestBenchLearnUnlikeSites splits WDBC into unlike sites, each with its own
// test records, and compares pooled, alone, federated and personalised.
func TestBenchLearnUnlikeSites(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	raw, err := os.ReadFile("../../examples/recipes/wdbc.json")
	require.NoError(t, err)
	r, err := models.ParseRecipe(raw)
	require.NoError(t, err)
	r.Rounds, r.Personalise = 3, &models.Personalisation{Epochs: 2, LearningRate: 0.01}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	recipe := filepath.Join(t.TempDir(), "recipe.json")
	require.NoError(t, os.WriteFile(recipe, b, 0o600))
	var out, progress bytes.Buffer
	err = runBenchLearn(ctx, []string{"--data", wdbcData, "--schema", wdbcSchema, "--recipe", recipe, "--sites", "3", "--seeds", "1", "--json"}, &out, &progress)
	require.NoError(t, err, progress.String())
	var rep evaluation.NaturalReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Hospitals, 3)
	total := 0
	for i := range rep.Hospitals {
		total += rep.TrainRecords[i] + rep.TestRecords[i]
		assert.Positive(t, rep.TestRecords[i], "every site has its own test records")
	}
	assert.Equal(t, 569, total, "every record is at one site")
	require.Len(t, rep.Summary, 4)
	assert.Equal(t, "personalised", rep.Summary[3].Name)
	assert.Nil(t, rep.Summary[3].Pooled, "a personalised model is scored on its hospital's records only")
	assert.Greater(t, rep.Summary[2].Pooled.Mean, 0.9, "federated AUC")

	var errOut bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), []string{"bench", "learn", "--data", "a.csv,b.csv", "--schema", wdbcSchema}, &out, &errOut))
	assert.Contains(t, errOut.String(), "needs the study's --recipe")
	errOut.Reset()
	assert.Equal(t, 2, run(context.Background(), []string{"bench", "learn", "--data", "a.csv", "--schema", wdbcSchema, "--recipe", recipe, "--rounds", "3"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "--rounds is the recipe's")
}

// TestBenchLearnHazardEpsilonOnTCGA runs the logistic-hazard recipe on the
// six TCGA-BRCA regions, in the plaintext test mode for a few rounds, with
// one private study beside the non-private one: both are scored by the
// C-index and the private study's points lost are reported.
func TestBenchLearnHazardEpsilonOnTCGA(t *testing.T) {
	data := tcgaFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	recipe := shortRecipe(t, "../../examples/tcga-brca/hazard-recipe.json", 3)
	err := runBenchLearn(ctx, []string{"--data", data, "--schema", "../../examples/tcga-brca/schema.json", "--recipe", recipe,
		"--seeds", "1", "--plaintext", "--epsilon", "8", "--dp-rate", "0.5", "--json"}, &out, &progress)
	require.NoError(t, err, progress.String())
	var rep evaluation.NaturalReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	assert.Equal(t, models.MetricCIndex, rep.Metric)
	var names []string
	for _, s := range rep.Summary {
		names = append(names, s.Name)
		if s.Name != "federated DP-SGD ε=8" { // its noise is fresh on every run
			assert.Greater(t, s.SiteMean.Mean, 0.5, "%s learns something", s.Name)
		}
		assert.True(t, s.SiteMean.Mean >= 0 && s.SiteMean.Mean <= 1, "%s: a C-index", s.Name)
	}
	assert.Equal(t, []string{"pooled", "hospital alone", "federated fedavg", "federated DP-SGD ε=8"}, names)
	require.Len(t, rep.Private, 1)
	p := rep.Private[0]
	assert.Equal(t, 8.0, p.Epsilon)
	assert.Positive(t, p.NoiseMultiplier)
	assert.InDelta(t, 100*(rep.Summary[2].Pooled.Mean-rep.Summary[3].Pooled.Mean), p.PooledLoss, 1e-3)

	// A recipe with its own privacy section cannot also take --epsilon.
	r, err := models.LoadRecipeFile(recipe)
	require.NoError(t, err)
	r.Privacy = &models.PrivacyConfig{NoiseMultiplier: 3, ClipNorm: 1, SamplingRate: 0.2, Epsilon: 8, Delta: 1e-5}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	private := filepath.Join(t.TempDir(), "private.json")
	require.NoError(t, os.WriteFile(private, b, 0o600))
	err = runBenchLearn(ctx, []string{"--data", data, "--schema", "../../examples/tcga-brca/schema.json", "--recipe", private, "--epsilon", "8"}, &out, &progress)
	require.ErrorIs(t, err, errUsage)
}
