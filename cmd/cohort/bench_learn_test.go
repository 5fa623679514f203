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
	"github.com/cohort-fl/cohort/coordinator/simulation"
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
	b, err := os.ReadFile(wdbcData)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	files := make([]string, n)
	bodies := make([][]string, n)
	for i, l := range lines[1:] {
		bodies[i%n] = append(bodies[i%n], l)
	}
	for i := range files {
		files[i] = filepath.Join(t.TempDir(), "hospital"+string(rune('A'+i))+".csv")
		require.NoError(t, os.WriteFile(files[i], []byte(lines[0]+"\n"+strings.Join(bodies[i], "\n")+"\n"), 0o600))
	}
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

// The coordinator and hospitals of a study agree, through the moments
// phase (counts, encrypted moments, threshold decryption of their sum only),
// on the pooled standardiser that summing every site's moments in the clear
// gives, within the documented precision (records.PooledPrecision).
func TestPooledStandardisationThroughTheStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	needWDBC(t)
	files := writeSiteFiles(t, 3)
	var log bytes.Buffer
	raw, scales, err := records.LoadSites(files, wdbcSchema, records.StandardisePooled, &log)
	require.NoError(t, err)
	require.Len(t, raw, 3)
	assert.Greater(t, raw[0].Train[0].Features[0], 5.0, "pooled mode hands the study raw features")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 1, Seed: 3, DataDir: t.TempDir(), Sites: raw, Standardise: records.StandardisePooled, Scales: scales,
	})
	require.NoError(t, err)
	defer s.Close()
	require.NotNil(t, s.Standardiser())
	clear, err := evaluation.ClearPooledStandardiser(raw, len(scales))
	require.NoError(t, err)
	assert.True(t, clear.Within(*s.Standardiser(), records.PooledPrecision), "protocol %v\nclear %v", s.Standardiser(), clear)
	var worst float64
	for j := range clear.Mean {
		worst = max(worst, math.Abs(clear.Mean[j]-s.Standardiser().Mean[j])/max(1, math.Abs(clear.Mean[j])),
			math.Abs(clear.Scale[j]-s.Standardiser().Scale[j])/max(1, math.Abs(clear.Scale[j])))
	}
	t.Logf("pooled standardiser through the study vs in the clear: largest relative difference %.2g", worst)

	// Every hospital kept the same standardiser, and the union of the
	// training records it gives has mean 0 and variance 1 in every feature.
	var n float64
	sum := make([]float64, len(scales))
	sq := make([]float64, len(scales))
	for i, site := range raw {
		b, err := os.ReadFile(filepath.Join(s.Participants()[i].DataDir, "standardiser.json"))
		require.NoError(t, err)
		var kept struct {
			Standardiser []byte `json:"standardiser"`
		}
		require.NoError(t, json.Unmarshal(b, &kept))
		std, err := records.DecodeStandardiser(kept.Standardiser)
		require.NoError(t, err)
		require.Equal(t, *s.Standardiser(), std, "hospital %d", i)
		train, err := std.Apply(site.Train)
		require.NoError(t, err)
		for _, r := range train {
			n++
			for j, v := range r.Features {
				sum[j] += v
				sq[j] += v * v
			}
		}
	}
	for j := range sum {
		assert.InDelta(t, 0, sum[j]/n, 1e-4, "feature %d mean (CKKS is approximate)", j)
		assert.InDelta(t, 1, sq[j]/n, 1e-4, "feature %d variance (CKKS is approximate)", j)
	}
	assert.NotEmpty(t, s.Rounds(), "round 1 trained on the standardised records")
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
