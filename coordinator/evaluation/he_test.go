package evaluation

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
)

// drawSVG saves panels to an SVG file and returns its texts.
func drawSVG(t *testing.T, panels []*plot.Plot, err error) []string {
	t.Helper()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "figure.svg")
	require.NoError(t, chart.Save(path, panels...))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	texts, err := chart.SVGTexts(bytes.NewReader(b))
	require.NoError(t, err)
	return texts
}

func TestHEPlots(t *testing.T) {
	report := &HEReport{Results: []HEResult{
		{Parties: 10, Parameters: 10000, AggregateSeconds: 0.01, PlainSeconds: 0.0001, UpdateBytes: 53, AggregateBytes: 40, ShareBytes: 20},
		{Parties: 10, Parameters: 100000, AggregateSeconds: 0.1, PlainSeconds: 0.001, UpdateBytes: 53, AggregateBytes: 40, ShareBytes: 20},
		{Parties: 100, Parameters: 10000, AggregateSeconds: 0.1, PlainSeconds: 0.001, UpdateBytes: 53, AggregateBytes: 40, ShareBytes: 20},
		{Parties: 100, Parameters: 100000, AggregateSeconds: 1, PlainSeconds: 0.01, UpdateBytes: 53, AggregateBytes: 40, ShareBytes: 20},
	}}
	panels, err := HEPlots(report)
	texts := drawSVG(t, panels, err)
	for _, w := range []string{"weighted sum of n updates", "parameters", "seconds (best of 5)", "encrypted, n = 10", "plaintext, n = 10",
		"encrypted, n = 100", "plaintext, n = 100", "bytes per parameter", "update", "aggregate", "decryption share"} {
		assert.Contains(t, texts, w)
	}
}

func TestHE(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var progress bytes.Buffer
	got, err := HE(ctx, HEConfig{Parties: []int{2, 3}, Params: []int{100, 20000}, Distinct: 2, Progress: &progress})
	require.NoError(t, err, progress.String())

	// The report as `cohort bench he --json` prints it.
	b, err := json.Marshal(got)
	require.NoError(t, err)
	var report HEReport
	require.NoError(t, json.Unmarshal(b, &report))
	require.Len(t, report.Results, 4)
	assert.Equal(t, 14, report.Config.LogN)
	for _, r := range report.Results {
		assert.Positive(t, r.EncryptSeconds)
		assert.Positive(t, r.AggregateSeconds)
		assert.Positive(t, r.PlainSeconds)
		assert.InDelta(t, r.AggregateSeconds/r.PlainSeconds, r.AggregateRatio, 1e-9)
		assert.Positive(t, r.ShareSeconds)
		assert.Positive(t, r.CombineSeconds)
		assert.LessOrEqual(t, r.MaxAbsError, 1e-4*r.MaxAbsValue, "decryption must match the plaintext sum")
		assert.Greater(t, r.SecurityBits, 40.0)
		assert.Equal(t, r.Parties-min(r.Parties, 2), r.CopiedUpdates)
		if r.Parameters == 20000 {
			assert.Less(t, r.UpdateBytes, 32.0*1.7, "two ciphertexts, the second c0 cut at the end")
			assert.Less(t, r.AggregateBytes, r.UpdateBytes)
		}
	}
}
