package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	var out, errOut bytes.Buffer
	report, figure := t.TempDir()+"/report.json", t.TempDir()+"/report.svg"
	code := run(context.Background(), []string{"demo", "--hospitals", "2", "--rounds", "1", "--report", report, "--plot", figure}, &out, &errOut)
	require.Equal(t, 0, code, "stderr: %s", errOut.String())
	assert.Contains(t, out.String(), "patients signed grants (EIP-712) that their hospitals relayed on chain")
	assert.Contains(t, out.String(), "round 1/1")
	assert.Contains(t, out.String(), "final model: accuracy")
	assert.FileExists(t, report)
	assert.Contains(t, out.String(), "plot written to "+figure)
	texts := svgTexts(t, figure)
	assert.Contains(t, texts, "hospital-2 accuracy", "the demo's figure has each site's accuracy")
	assert.Contains(t, texts, "updates aggregated")
}

// cohort demo refuses pooled standardisation of a single hospital's file.
func TestDemoPooledNeedsTwoFiles(t *testing.T) {
	needWDBC(t)
	files := writeSiteFiles(t, 1)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"demo", "--data", files[0], "--schema", wdbcSchema, "--standardise", "pooled"}, &out, &errOut)
	assert.NotEqual(t, 0, code)
	assert.Contains(t, errOut.String(), "--standardise pooled needs at least 2 hospitals")
}
