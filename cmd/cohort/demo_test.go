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

// cohort demo gives studies beyond 30 hospitals a decryption committee, so
// that 100 hospitals do not stall in key generation (n² key shares);
// --committee-size asks for one at any size.
func TestDemoWithCommittee(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"demo", "--hospitals", "5", "--rounds", "1", "--committee-size", "3"}, &out, &errOut)
	require.Equal(t, 0, code, "stderr: %s", errOut.String())
	assert.Contains(t, out.String(), "5 hospitals: a decryption committee of 3, chosen on chain, holds the key shares (threshold 2)")
	assert.Contains(t, out.String(), "final model: accuracy")
	assert.Contains(t, out.String(), "decryption committee on chain: 3 of 5 hospitals, selection 1")

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"demo", "--hospitals", "5", "--committee-size", "6"}, "want 0 (the default for the number of hospitals) to 5"},
		{[]string{"demo", "--hospitals", "5", "--committee-size", "2"}, "at least 3"},
	} {
		out.Reset()
		errOut.Reset()
		assert.Equal(t, 2, run(context.Background(), tc.args, &out, &errOut))
		assert.Contains(t, errOut.String(), tc.want)
	}
}

func TestLocalCommittee(t *testing.T) {
	for _, tc := range []struct{ asked, n, want int }{
		{0, 3, 0}, {0, 30, 0}, {0, 31, benchCommitteeSize}, {0, 100, benchCommitteeSize}, {5, 8, 5}, {10, 100, 10},
	} {
		got, err := localCommittee(tc.asked, tc.n, "hospitals")
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "asked %d of %d", tc.asked, tc.n)
	}
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
