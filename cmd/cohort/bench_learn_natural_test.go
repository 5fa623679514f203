package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
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

// TestBenchLearnPreconditionsThePrivateStudiesOnly runs the hazard recipe
// on the six TCGA-BRCA regions, encrypted, with one private study whose
// recipe preconditions the schema's one-hot groups (--dp-precondition
// groups) through the real moments phase; the non-private study keeps the
// recipe as it is and stays the reference. A schema without groups is
// refused naming the fix.
func TestBenchLearnPreconditionsThePrivateStudiesOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs encrypted studies")
	}
	data := tcgaFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	recipe := shortRecipe(t, "../../examples/tcga-brca/hazard-recipe.json", 2)
	args := []string{"--data", data, "--recipe", recipe, "--seeds", "1", "--epsilon", "1000", "--dp-mechanism", "distributed",
		"--dp-rate", "1", "--dp-lr", "4", "--dp-precondition", "groups", "--json"}
	err := runBenchLearn(ctx, append(args, "--schema", "../../examples/tcga-brca/schema.json"), &out, &progress)
	require.NoError(t, err, progress.String())
	var rep evaluation.NaturalReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	assert.True(t, rep.Encrypted)
	assert.Empty(t, rep.Recipe.Precondition, "the non-private study is the recipe's")
	require.NotNil(t, rep.Privacy)
	assert.Equal(t, models.PreconditionGroups, rep.Privacy.Precondition)
	require.Len(t, rep.Summary, 4)
	assert.Equal(t, "federated DP-SGD ε=1000", rep.Summary[3].Name)
	assert.Greater(t, rep.Summary[3].Pooled.Mean, 0.55, "the preconditioned private study, scored on its own features, learns (0.59 in two rounds)")

	err = runBenchLearn(ctx, append(args, "--schema", schemaWithoutGroups(t)), &out, &progress)
	require.ErrorContains(t, err, `precondition: "groups" needs one-hot groups declared in the schema`)
}

// In the plaintext test mode (where settings are tuned on the folds) the
// private study with --dp-precondition groups trains on whitened groups and
// the non-private one does not: against a run without the flag, the
// reference's figures are the same to the last digit and the private
// study's differ (ε = 1000: its noise moves the C-index by far less).
func TestBenchLearnPlaintextPreconditionsThePrivateStudiesOnly(t *testing.T) {
	data := tcgaFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	recipe := shortRecipe(t, "../../examples/tcga-brca/hazard-recipe.json", 2)
	report := func(extra ...string) evaluation.NaturalReport {
		var out, progress bytes.Buffer
		args := []string{"--data", data, "--schema", "../../examples/tcga-brca/schema.json", "--recipe", recipe, "--seeds", "1", "--plaintext",
			"--epsilon", "1000", "--dp-mechanism", "distributed", "--dp-rate", "1", "--dp-lr", "4", "--json"}
		require.NoError(t, runBenchLearn(ctx, append(args, extra...), &out, &progress), progress.String())
		var rep evaluation.NaturalReport
		require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
		require.Len(t, rep.Summary, 4)
		return rep
	}
	plain, pre := report(), report("--dp-precondition", "groups")
	assert.Equal(t, plain.Summary[2], pre.Summary[2], "the recipe's federated study is the same reference")
	assert.Greater(t, math.Abs(plain.Summary[3].Pooled.Mean-pre.Summary[3].Pooled.Mean), 1e-3,
		"the private study trained on other features: %v and %v", plain.Summary[3].Pooled.Mean, pre.Summary[3].Pooled.Mean)
}

// TestBenchLearnScoresEveryAverageFromOnePrivateStudy: --dp-average-last
// 1,2,5 scores one private study (one draw of the noise) three ways. Over
// a 2-round study the last 5 are the last 2, so those two score the same
// to the last digit, which fresh noise per K would not; the average of
// both rounds is not the final model.
func TestBenchLearnScoresEveryAverageFromOnePrivateStudy(t *testing.T) {
	data := tcgaFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	recipe := shortRecipe(t, "../../examples/tcga-brca/hazard-recipe.json", 2)
	var out, progress bytes.Buffer
	require.NoError(t, runBenchLearn(ctx, []string{"--data", data, "--schema", "../../examples/tcga-brca/schema.json", "--recipe", recipe, "--seeds", "1", "--plaintext",
		"--epsilon", "1", "--dp-mechanism", "distributed", "--dp-rate", "1", "--dp-lr", "4", "--dp-average-last", "1,2,5", "--json"}, &out, &progress), progress.String())
	var rep evaluation.NaturalReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Summary, 6, "pooled, alone, federated, and the private study three ways")
	final, two, five := rep.Summary[3], rep.Summary[4], rep.Summary[5]
	assert.Equal(t, "federated DP-SGD ε=1", final.Name)
	assert.Equal(t, "federated DP-SGD ε=1, last 2 averaged", two.Name)
	assert.Equal(t, two.Pooled, five.Pooled, "both average the same two published models of the one study")
	assert.Equal(t, two.Sites, five.Sites)
	assert.NotEqual(t, final.Pooled, two.Pooled, "the average of two rounds is not the final model")
	require.Len(t, rep.Private, 3)
	for i, k := range []int{1, 2, 5} {
		assert.Equal(t, k, rep.Private[i].AverageLast)
	}
	assert.Equal(t, rep.Private[1].PooledLoss, rep.Private[2].PooledLoss)
}
