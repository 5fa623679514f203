package simulation_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
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

// wdbcSiteFiles splits the WDBC file into n hospital files by row, or
// skips when the data set is not next to the repository.
func wdbcSiteFiles(t *testing.T, n int) []string {
	t.Helper()
	if _, err := os.Stat(wdbcData); err != nil {
		t.Skipf("the WDBC data set is not next to the repository: %v", err)
	}
	files, err := records.SplitCSVByRow(wdbcData, t.TempDir(), n)
	require.NoError(t, err)
	return files
}

// keptStandardiser returns the encoding of the standardiser hospital i
// kept in its data directory.
func keptStandardiser(t *testing.T, s *simulation.Study, i int) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Participants()[i].DataDir, "standardiser.json"))
	require.NoError(t, err)
	var kept struct {
		Standardiser []byte `json:"standardiser"`
	}
	require.NoError(t, json.Unmarshal(b, &kept))
	return kept.Standardiser
}

// The coordinator and hospitals of a study agree, through the moments
// phase (counts, encrypted moments, threshold decryption of their sum only),
// on the pooled standardiser that summing every site's moments in the clear
// gives, within the documented precision (records.PooledPrecision).
func TestPooledStandardisationThroughTheStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	files := wdbcSiteFiles(t, 3)
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
		std, err := records.DecodeStandardiser(keptStandardiser(t, s, i))
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
