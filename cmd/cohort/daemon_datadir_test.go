package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/configfile"
)

// TestDaemonRefusesADataDirInUse starts each daemon on a data directory
// another daemon holds: once it has waited for it (configfile.DataDirLockWait)
// it stops before reading a key or the chain, where two coordinators on one
// store, or two nodes on one keystore, both took part in the study.
func TestDaemonRefusesADataDirInUse(t *testing.T) {
	chain := `"chain": {"rpc": "http://127.0.0.1:1", "contract": "0x0000000000000000000000000000000000000c01"}, "study": 1, "key_file": "missing.key", "data_dir": "state"`
	for _, tt := range []struct{ daemon, config string }{
		{"coordinator", `{` + chain + `, "listen": "127.0.0.1:0"}`},
		{"participant", `{` + chain + `, "name": "hospital-1", "coordinator": "127.0.0.1:1"}`},
	} {
		t.Run(tt.daemon, func(t *testing.T) {
			t.Parallel() // each waits configfile.DataDirLockWait first
			dir := t.TempDir()
			path := filepath.Join(dir, tt.daemon+".json")
			require.NoError(t, os.WriteFile(path, []byte(tt.config), 0o600))
			unlock, err := configfile.LockDataDir(context.Background(), filepath.Join(dir, "state"), 0, slog.New(slog.DiscardHandler))
			require.NoError(t, err)
			defer unlock()
			code, _, errOut := runCLI(t, tt.daemon, "--config", path)
			assert.Equal(t, 1, code, errOut)
			assert.Contains(t, errOut, "in use by another process")
			assert.Contains(t, errOut, "perhaps a daemon still stopping", "it waited, and said so")
			assert.NotContains(t, errOut, "missing.key", "the key was read before the lock")
		})
	}
}
