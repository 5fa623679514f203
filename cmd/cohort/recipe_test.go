package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
)

func TestStudyCreateRecipeFlags(t *testing.T) {
	dir := t.TempDir()
	key, _ := saveKeyForTest(t, dir, "researcher.key")
	recipe := filepath.Join(dir, "recipe.json")
	require.NoError(t, os.WriteFile(recipe, []byte(`{"model": {"kind": "logistic", "features": 4}, "rounds": 3}`), 0o644))
	args := func(extra ...string) []string {
		return append([]string{"study", "create", "--eth-rpc", "http://127.0.0.1:1", "--contract", "0x0000000000000000000000000000000000000c01",
			"--key", key, "--min-participants", "3", "--threshold", "2", "--purpose", "p",
			"--reference", "0x" + fmt.Sprintf("%064d", 1), "--coordinator", "0x0000000000000000000000000000000000000c02"}, extra...)
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"neither", args(), 2, "--recipe"},
		{"both", args("--recipe", recipe, "--spec", recipe), 2, "not both"},
		{"rounds differ", args("--recipe", recipe, "--rounds", "4"), 2, "differs from the recipe's 3 rounds"},
		{"rounds agree", args("--recipe", recipe, "--rounds", "3"), 1, "--eth-rpc"},
		{"recipe rounds", args("--recipe", recipe), 1, "--eth-rpc"},
		{"bad recipe", args("--recipe", key), 1, "invalid study recipe"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
}

func TestPrintPersonalised(t *testing.T) {
	var out bytes.Buffer
	simulation.WritePersonalised(&out, nil, models.MetricAUC)
	assert.Empty(t, out.String(), "nothing without a recipe that personalises")
	simulation.WritePersonalised(&out, []simulation.PersonalisedSite{
		{Name: "hospital-1", Shared: simulation.Scores{AUC: 0.8, Accuracy: 0.7}, Personalised: simulation.Scores{AUC: 0.85, Accuracy: 0.75}},
		{Name: "hospital-2", Shared: simulation.Scores{AUC: 0.6}, Personalised: simulation.Scores{AUC: 0.9}},
	}, models.MetricAccuracy)
	assert.Equal(t, "personalised at each hospital (fine-tuned on its own records; stays there), accuracy on its own test records:"+
		"  hospital-1 0.700 -> 0.750  hospital-2 0.000 -> 0.000\n", out.String())
}
