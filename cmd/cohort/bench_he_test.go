package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBenchHEJSON(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := runBenchHE(ctx, []string{"--json", "--parties", "2,3", "--params", "100,20000", "--distinct", "2"}, &stdout, &stderr)
	require.NoError(t, err, stderr.String())

	var report heBenchReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &report))
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

func TestBenchHERefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--parties", "0"}, {"--params", "x"}, {"--distinct", "0"}, {"stray"}} {
		var stdout, stderr bytes.Buffer
		assert.Error(t, runBenchHE(context.Background(), args, &stdout, &stderr), "%v", args)
	}
}
