package auth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadPrivateKey(t *testing.T) {
	dir := t.TempDir()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	good := filepath.Join(dir, "good.key")
	require.NoError(t, crypto.SaveECDSA(good, k))
	tests := []struct {
		name     string
		mode     os.FileMode
		sentinel error
		want     string
	}{
		{"owner only", 0o600, nil, ""},
		{"owner read-only", 0o400, nil, ""},
		{"group readable", 0o640, ErrKeyFileMode, "chmod 600"},
		{"world readable", 0o644, ErrKeyFileMode, "mode 0644"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, os.Chmod(good, tt.mode))
			a, err := LoadPrivateKey(good)
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, crypto.PubkeyToAddress(k.PublicKey), crypto.PubkeyToAddress(a.PublicKey))
				return
			}
			require.ErrorIs(t, err, tt.sentinel)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("missing", func(t *testing.T) {
		_, err := LoadPrivateKey(filepath.Join(dir, "nope.key"))
		require.ErrorIs(t, err, os.ErrNotExist)
	})
	t.Run("not a key; the error shows no content", func(t *testing.T) {
		p := filepath.Join(dir, "bad.key")
		require.NoError(t, os.WriteFile(p, []byte("zz"+strings.Repeat("ab", 31)), 0o600))
		_, err := LoadPrivateKey(p)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "abab")
	})
}
