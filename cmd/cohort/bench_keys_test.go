package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

func TestBenchKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	figure := filepath.Join(t.TempDir(), "keys.svg")
	err := runBenchKeys(ctx, []string{"--json", "--parties", "3,4", "--committee", "2", "--all-holders-up-to", "4", "--plot", figure}, &stdout, &stderr)
	require.NoError(t, err, stderr.String())
	var rep evaluation.KeysReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep))
	require.Len(t, rep.Results, 4, "a committee of 2 and every party a holder, at 3 and 4 parties")
	for _, r := range rep.Results {
		assert.Equal(t, r.Parties*r.Holders, r.DealtShares)
	}
	assert.Contains(t, svgTexts(t, figure), "threshold keys: sealed shares relayed")

	for _, args := range [][]string{{"--committee", "0"}, {"--committee", "2", "--threshold", "3"}, {"--parties", "0"}} {
		require.Error(t, runBenchKeys(ctx, args, &stdout, &stderr), "%v", args)
	}
}
