package devnet

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/devchain"
)

func TestFindGeth(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "geth")
	require.NoError(t, os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755))
	t.Run("flag wins", func(t *testing.T) {
		t.Setenv(devchain.EnvBinary, "/nonexistent")
		p, err := FindGeth(exe)
		require.NoError(t, err)
		assert.Equal(t, exe, p)
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv(devchain.EnvBinary, exe)
		p, err := FindGeth("")
		require.NoError(t, err)
		assert.Equal(t, exe, p)
	})
	t.Run("flag names a missing file", func(t *testing.T) {
		t.Setenv(devchain.EnvBinary, exe)
		_, err := FindGeth(filepath.Join(t.TempDir(), "geth"))
		require.ErrorIs(t, err, devchain.ErrNoBinary)
		assert.Contains(t, err.Error(), "--geth")
	})
	t.Run("missing", func(t *testing.T) {
		t.Setenv(devchain.EnvBinary, filepath.Join(t.TempDir(), "geth"))
		_, err := FindGeth("")
		require.ErrorIs(t, err, devchain.ErrNoBinary)
		assert.Contains(t, err.Error(), "make geth")
	})
}
