package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBenchGasText(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	require.NoError(t, runBenchGas(ctx, []string{"--participants", "2"}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "commitUpdate")
	assert.Contains(t, stdout.String(), "per participant per round")
	assert.Contains(t, stdout.String(), "within the targets")
}

func TestBenchGasFlags(t *testing.T) {
	for _, bad := range []string{"0", "ten", "10,", "100000"} {
		t.Run(bad, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runBenchGas(context.Background(), []string{"--participants", bad}, &stdout, &stderr)
			require.ErrorIs(t, err, errUsage)
			assert.Contains(t, stderr.String(), "--participants")
		})
	}
}
