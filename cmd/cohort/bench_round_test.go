package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
)

func TestBenchRoundRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--participants", "0"}, {"--participants", "10,x"}, {"--participants", "3,0"}, {"--committee-size", "-1"}, {"--committee-rotation", "-1"}, {"--participants", "10", "--committee-rotation", "1"}, {"--plot", "round.txt"}, {"--rounds", "0"}, {"--reps", "0"}, {"--params", "0"}, {"stray"}} {
		var stdout, stderr bytes.Buffer
		assert.Error(t, runBenchRound(context.Background(), args, &stdout, &stderr), "%v", args)
	}
}

var perHospital = evaluation.HospitalBytes{
	Sent:     map[string]float64{simulation.TrafficUpload: 2500},
	Received: map[string]float64{simulation.TrafficDownload: 7500},
	WireSent: 3000, WireReceived: 8000, MaxWireReceived: 9000,
}

func TestPrintRoundBench(t *testing.T) {
	r := &evaluation.RoundReport{
		Participants: 3, RequestedParams: 5000, Params: 5003, Spec: models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{60, 60}},
		Rounds: []evaluation.RoundRow{{Round: 1, Participants: 3, UploadBytes: 300, GasUsed: 7, PeakHeapBytes: 5e6, PeakRSSBytes: 9e6},
			{Round: 2, Participants: 3, UploadBytes: 300, GasUsed: 9, PerHospital: perHospital}},
		MeanPerHospital: perHospital, PeakRSSBytes: 12e6,
		MeanOverRounds: []uint32{2}, UpdateBytes: 100, BytesPerParameter: 0.02, Repetitions: 2,
		Upload: evaluation.TransferFigures{Method: "up", Seconds: 1, MBPerSecond: 2}, Baseline: evaluation.TransferFigures{Method: "raw", MBPerSecond: 4},
		Ratio: 0.5, ConcurrentRatio: 0.25,
	}
	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out))
	for _, want := range []string{"3 participants (every hospital holds key shares), MLP 8-[60 60]-1 = 5003 parameters (asked 5000)", "mean [2]", "update: 100 bytes per participant",
		"upload / baseline throughput: 0.50 alone, 0.25 concurrent", "upload: up\nbaseline: raw\n",
		"upload out", "2.5", "7.5", "3.0", "8.0", "9.0", "peak RSS over the whole study 12 MB"} {
		assert.Contains(t, out.String(), want)
	}

	// A sweep: a line per study, and the figure.
	r30 := *r
	r30.Participants = 30
	r30.Mean.Total = 4
	out.Reset()
	require.NoError(t, evaluation.WriteRoundSweep(&out, []*evaluation.RoundReport{r, &r30}))
	assert.Regexp(t, `(?m)^\s+30\s+5003\s+4\.00 .* 8\s+9\s+80\.0\s+12\s+0\.50\s*$`, out.String())
	panels, err := evaluation.RoundPlots([]*evaluation.RoundReport{r, &r30})
	require.NoError(t, err)
	require.Len(t, panels, 2)
	path := filepath.Join(t.TempDir(), "round.svg")
	require.NoError(t, chart.Save(path, panels...))
	svg, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "one hospital")
}

// --cpuprofile writes a profile pprof reads once the run stops it, and a
// path that cannot be created is refused before anything runs.
func TestStartCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	stop, err := startCPUProfile(path)
	require.NoError(t, err)
	stop()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotEmpty(t, b)

	_, err = startCPUProfile(filepath.Join(t.TempDir(), "missing", "cpu.pprof"))
	assert.ErrorContains(t, err, "--cpuprofile")
}
