package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/models"
)

func TestBenchRobustUsage(t *testing.T) {
	base := []string{"bench", "robust", "--data", "x.csv", "--schema", "y.json"}
	tests := []struct {
		name string
		args []string
		out  string
	}{
		{"needs data", []string{"bench", "robust"}, "--data and --schema are required"},
		{"one site", append(base, "--sites", "1"), "at least 2"},
		{"bad fraction", append(base, "--fractions", "0,half"), "not a share"},
		{"fraction of one", append(base, "--fractions", "1"), "not a share"},
		{"same number of attackers", append(base, "--fractions", "0.1,0.12"), "as another share does"},
		{"unknown attack", append(base, "--attacks", "sign-flip,poison"), `unknown kind "poison"`},
		{"none is no attack", append(base, "--attacks", "none"), "not an attack"},
		{"listed twice", append(base, "--attacks", "noise,noise"), "listed twice"},
		{"stray argument", append(base, "extra"), "unexpected arguments"},
		{"unknown model", append(base, "--model", "forest"), "not a model"},
		{"logistic takes no width", append(base, "--model", "logistic:3"), "not a model"},
		{"bad MLP width", append(base, "--model", "mlp:0"), "positive integer"},
		{"no time for a study", append(base, "--study-timeout", "0s"), "must be positive"},
		{"committee beyond the sites", append(base, "--sites", "6", "--committee-size", "7"), "want 0 (the default for the number of sites) to 6"},
		{"committee of two", append(base, "--committee-size", "2"), "at least 3"},
		{"recipe and model", append(base, "--recipe", "../../examples/tcga-brca/recipe.json", "--model", "mlp"), "--model is the recipe's"},
		{"recipe and local epochs", append(base, "--recipe", "../../examples/tcga-brca/recipe.json", "--local-epochs", "3"), "--local-epochs is the recipe's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			assert.Equal(t, 2, run(context.Background(), tt.args, &out, &errOut))
			assert.Contains(t, errOut.String(), tt.out)
		})
	}
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run(context.Background(), []string{"bench", "robust", "--data", "missing.csv", "--schema", "missing.json"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "missing.json")
	out.Reset()
	errOut.Reset()
	assert.Equal(t, 1, run(context.Background(), append(base, "--recipe", "missing-recipe.json"), &out, &errOut))
	assert.Contains(t, errOut.String(), "missing-recipe.json")
}

func TestParseModelFlag(t *testing.T) {
	for in, want := range map[string]models.Spec{
		"logistic": {Kind: models.KindLogistic},
		"mlp":      {Kind: models.KindMLP, Hidden: []int{16}},
		"mlp:32":   {Kind: models.KindMLP, Hidden: []int{32}},
	} {
		got, err := parseModelFlag(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestParseFractions(t *testing.T) {
	got, err := parseFractions("0.4, 0,0.1,0.2,0.3", 20)
	require.NoError(t, err)
	assert.Equal(t, []float64{0, 0.1, 0.2, 0.3, 0.4}, got, "sorted")
	for f, want := range map[float64]int{0: 0, 0.1: 2, 0.2: 4, 0.3: 6, 0.4: 8, 0.29: 5} {
		assert.Equal(t, want, evaluation.MaliciousSites(f, 20), "⌊%v·20⌋", f)
	}
	assert.Equal(t, 3, evaluation.MaliciousSites(0.3, 10), "0.3·10 is 3 despite binary floating point")
}
