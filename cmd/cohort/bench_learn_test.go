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
	"github.com/cohort-fl/cohort/records"
)

const (
	wdbcData   = "../../../shared/data/wdbc/wdbc.csv"
	wdbcSchema = "../../examples/wdbc/schema.json"
)

func needWDBC(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(wdbcData); err != nil {
		t.Skipf("the WDBC data set is not next to the repository: %v", err)
	}
}

// TestBenchLearnShort runs the learning benchmark with one seed and few
// rounds; `cohort bench learn` with the defaults is the full measurement.
func TestBenchLearnShort(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	figure := filepath.Join(t.TempDir(), "learn.svg")
	err := runBenchLearn(ctx, []string{"--data", wdbcData, "--schema", wdbcSchema, "--seeds", "1", "--rounds", "3", "--local-epochs", "5", "--epochs", "15", "--json", "--plot", figure}, &out, &progress)
	require.NoError(t, err, progress.String())
	assert.Contains(t, svgTexts(t, figure), "site alone (mean)")
	var rep evaluation.LearnReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), "one JSON object on stdout")
	t.Logf("pooled %.4f, site alone %.4f, federated %.4f", rep.Pooled.Accuracy.Mean, rep.SiteAlone.Accuracy.Mean, rep.Federated.Accuracy.Mean)
	require.Len(t, rep.PerSeed, 1)
	r := rep.PerSeed[0]
	assert.Len(t, r.SiteAlone, 4)
	assert.Equal(t, 113, r.Test)
	assert.Less(t, r.StdMaxError, 1e-4, "the encrypted sum of moments gives the pooled standardisation, up to CKKS error")
	sum, minSize, maxSize := 0, r.SiteSizes[0], r.SiteSizes[0]
	for _, n := range r.SiteSizes {
		sum += n
		minSize, maxSize = min(minSize, n), max(maxSize, n)
	}
	assert.Equal(t, 456, sum, "every training record is at one site")
	assert.Greater(t, maxSize, 2*minSize, "sizes are skewed: %v", r.SiteSizes)
	assert.Greater(t, rep.Pooled.Accuracy.Mean, 0.9)
	assert.Greater(t, rep.Federated.Accuracy.Mean, 0.9, "three encrypted rounds already learn")
	assert.Contains(t, progress.String(), "seed 1:")
}

// writeSiteFiles splits the WDBC file into n hospital files by row.
func writeSiteFiles(t *testing.T, n int) []string {
	t.Helper()
	files, err := records.SplitCSVByRow(wdbcData, t.TempDir(), n)
	require.NoError(t, err)
	return files
}

func TestDemoWithData(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	needWDBC(t)
	files := writeSiteFiles(t, 3)
	says := map[string]string{
		string(records.StandardisePooled): "features standardised with statistics pooled across the 3 hospitals under encryption (moments phase)",
		string(records.StandardiseSite):   "features standardised with each hospital's own statistics",
	}
	for _, mode := range []string{string(records.StandardisePooled), string(records.StandardiseSite)} {
		t.Run(mode, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			var out, errOut bytes.Buffer
			code := run(ctx, []string{"demo", "--data", strings.Join(files, ","), "--schema", wdbcSchema, "--rounds", "2", "--standardise", mode}, &out, &errOut)
			require.Equal(t, 0, code, errOut.String())
			assert.Contains(t, out.String(), "3 hospitals")
			assert.Contains(t, out.String(), "round 2/2")
			assert.Contains(t, errOut.String(), "hospitalA.csv: 190 rows, 0 dropped")
			assert.Contains(t, out.String(), says[mode])
		})
	}
}

func TestLearnAndDataUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		out  string
	}{
		{"bench learn needs data", []string{"bench", "learn"}, "--data and --schema are required"},
		{"bench learn bad hidden", []string{"bench", "learn", "--data", "x", "--schema", "y", "--hidden", "a"}, "not a layer width"},
		{"bench learn bad optimizer", []string{"bench", "learn", "--data", "x", "--schema", "y", "--optimizer", "rmsprop"}, "optimizer"},
		{"demo data without schema", []string{"demo", "--data", "a.csv"}, "go together"},
		{"demo bad standardise", []string{"demo", "--data", "a.csv", "--schema", "s.json", "--standardise", "none"}, "--standardise"},
		{"bench learn several files need a recipe", []string{"bench", "learn", "--data", "a.csv,b.csv", "--schema", wdbcSchema}, "needs the study's --recipe"},
		{"bench learn validation needs a recipe", []string{"bench", "learn", "--data", "a.csv", "--schema", wdbcSchema, "--validation", "5"}, "--validation works with --recipe only"},
		{"bench learn validation needs two folds", []string{"bench", "learn", "--data", "a.csv,b.csv", "--schema", "../../examples/tcga-brca/schema.json", "--recipe", "../../examples/tcga-brca/hazard-recipe.json", "--validation", "1"}, "at least 2"},
		{"bench learn precondition needs a recipe", []string{"bench", "learn", "--data", "a.csv", "--schema", wdbcSchema, "--epsilon", "1", "--dp-precondition", "groups"}, "--dp-precondition works with --recipe only"},
		{"bench learn precondition kind", []string{"bench", "learn", "--data", "a.csv,b.csv", "--schema", "../../examples/tcga-brca/schema.json", "--recipe", "../../examples/tcga-brca/hazard-recipe.json", "--epsilon", "1", "--dp-precondition", "pca"}, `--dp-precondition "pca": want groups or none`},
		{"bench learn rounds are the recipe's", []string{"bench", "learn", "--data", "a.csv", "--schema", wdbcSchema, "--recipe", "r.json", "--rounds", "3"}, "--rounds is the recipe's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			assert.Equal(t, 2, run(context.Background(), tt.args, &out, &errOut))
			assert.Contains(t, errOut.String(), tt.out)
		})
	}
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run(context.Background(), []string{"demo", "--data", "missing.csv", "--schema", wdbcSchema}, &out, &errOut))
	assert.Contains(t, errOut.String(), "missing.csv")
}
