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

func TestBenchRoundRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--participants", "0"}, {"--rounds", "0"}, {"--reps", "0"}, {"--params", "0"}, {"stray"}} {
		var stdout, stderr bytes.Buffer
		assert.Error(t, runBenchRound(context.Background(), args, &stdout, &stderr), "%v", args)
	}
}

func TestPrintRoundBench(t *testing.T) {
	r := &evaluation.RoundReport{
		Participants: 3, RequestedParams: 5000, Params: 5003, Spec: models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{60, 60}},
		Rounds:         []evaluation.RoundRow{{Round: 1, Participants: 3, UploadBytes: 300, GasUsed: 7}, {Round: 2, Participants: 3, UploadBytes: 300, GasUsed: 9}},
		MeanOverRounds: []uint32{2}, UpdateBytes: 100, BytesPerParameter: 0.02, Repetitions: 2,
		Upload: evaluation.TransferFigures{Method: "up", Seconds: 1, MBPerSecond: 2}, Baseline: evaluation.TransferFigures{Method: "raw", MBPerSecond: 4},
		Ratio: 0.5, ConcurrentRatio: 0.25,
	}
	var out bytes.Buffer
	require.NoError(t, printRoundBench(&out, r))
	for _, want := range []string{"3 participants, MLP 8-[60 60]-1 = 5003 parameters (asked 5000)", "mean [2]", "update: 100 bytes per participant",
		"upload / baseline throughput: 0.50 alone, 0.25 concurrent", "upload: up\nbaseline: raw\n"} {
		assert.Contains(t, out.String(), want)
	}
}
