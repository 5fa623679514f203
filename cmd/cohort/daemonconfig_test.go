package main

import (
	"github.com/cohort-fl/cohort/participant"

	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExampleConfigsParse(t *testing.T) {
	var c coordinatorFileConfig
	require.NoError(t, readConfig("../../examples/consortium/coordinator.json", &c))
	assert.Equal(t, uint64(1), c.StudyID)
	assert.Equal(t, 2*time.Minute, time.Duration(c.PhaseTimeout))
	assert.Equal(t, defaultEnrolmentWindow, time.Duration(c.EnrolmentWindow))
	assert.True(t, filepath.IsAbs(c.KeyFile), "relative paths resolve against the config's directory")

	var p participantFileConfig
	require.NoError(t, readConfig("../../examples/consortium/hospital-1.json", &p))
	assert.Equal(t, "hospital-1", p.Name)
	assert.Equal(t, "chain", p.Consent)
	assert.True(t, filepath.IsAbs(p.Data.CSV))
}

func TestConfigErrorsSayWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		path := filepath.Join(dir, "c.json")
		require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
		return path
	}
	var c coordinatorFileConfig
	assert.ErrorContains(t, readConfig(write(`{"stduy": 1}`), &c), `unknown field "stduy"`)
	assert.ErrorContains(t, readConfig(write(`{"phase_timeout": "soon"}`), &c), "positive Go duration")
	assert.ErrorContains(t, readConfig(write(`{`), &c), "unexpected EOF")
	assert.ErrorContains(t, readConfig(filepath.Join(dir, "missing.json"), &c), "no such file")

	_, err := chainConfig{RPC: "http://127.0.0.1:8545", Contract: "nope"}.check()
	assert.ErrorContains(t, err, "0x address")
	_, err = chainConfig{Contract: "0x0000000000000000000000000000000000000001"}.check()
	assert.ErrorContains(t, err, "chain.rpc")

	_, err = participant.ParseConsentSource("sometimes")
	assert.ErrorContains(t, err, `want "chain"`)
	_, err = passphrase(write("secret\n"), "UNSET_FOR_TEST")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(filepath.Join(dir, "c.json"), 0o644))
	_, err = passphrase(filepath.Join(dir, "c.json"), "UNSET_FOR_TEST")
	assert.ErrorContains(t, err, "chmod 600")
}
