package coordinator

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

func TestStore(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	data := []byte("ciphertext bytes")
	h, err := s.Put(data)
	require.NoError(t, err)
	require.Equal(t, crypto.Keccak256Hash(data), h)
	again, err := s.Put(data)
	require.NoError(t, err)
	require.Equal(t, h, again)

	got, err := s.Get(h)
	require.NoError(t, err)
	require.Equal(t, data, got)

	_, err = s.Get(crypto.Keccak256Hash([]byte("absent")))
	require.ErrorIs(t, err, ErrBlobNotFound)

	require.NoError(t, os.WriteFile(filepath.Join(s.dir, h.Hex()[2:]), []byte("tampered"), 0o600))
	_, err = s.Get(h)
	require.ErrorContains(t, err, "corrupt")
}
