package participantd

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/configfile"
)

func TestExampleConfigParses(t *testing.T) {
	var p Config
	require.NoError(t, configfile.Read("../../examples/consortium/hospital-1.json", &p))
	assert.Equal(t, "hospital-1", p.Name)
	assert.Equal(t, "chain", p.Consent)
	assert.True(t, filepath.IsAbs(p.Data.CSV))
}

func TestConfigSetsCommitGrace(t *testing.T) {
	var p Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h", "commit_grace": "45s"}`), &p))
	assert.Equal(t, 45*time.Second, time.Duration(p.CommitGrace))
	require.ErrorContains(t, configfile.Read(write(t, `{"commit_grace": "-1s"}`), &p), "positive Go duration")
}

func TestConfigSetsChainCatchUp(t *testing.T) {
	var p Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h", "chain_catch_up": "3m"}`), &p))
	assert.Equal(t, 3*time.Minute, time.Duration(p.ChainCatchUp))
	require.ErrorContains(t, configfile.Read(write(t, `{"chain_catch_up": "0s"}`), &p), "positive Go duration")
}

func TestConfigSetsLogWindow(t *testing.T) {
	var p Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h", "chain": {"rpc": "http://127.0.0.1:8545", "contract": "0x0000000000000000000000000000000000000001", "log_window": 2000}}`), &p))
	assert.Equal(t, uint64(2000), p.Chain.LogWindow)
	var unset Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h"}`), &unset))
	assert.Zero(t, unset.Chain.LogWindow, "unset: contracts.DefaultLogWindow")
}

func write(t *testing.T, body string) string {
	path := filepath.Join(t.TempDir(), "h.json")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

func TestPassphrase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "passphrase")
	require.NoError(t, os.WriteFile(path, []byte("secret\n"), 0o600))
	got, err := Passphrase(path, "UNSET_FOR_TEST")
	require.NoError(t, err)
	assert.Equal(t, "secret", got, "the trailing newline is dropped")
	require.NoError(t, os.Chmod(path, 0o644))
	_, err = Passphrase(path, "UNSET_FOR_TEST")
	assert.ErrorContains(t, err, "chmod 600")
	_, err = Passphrase("", "UNSET_FOR_TEST")
	assert.ErrorContains(t, err, "UNSET_FOR_TEST")
}
