package configfile

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChainSectionSaysWhatIsWrong(t *testing.T) {
	_, err := Chain{RPC: "http://127.0.0.1:8545", Contract: "nope"}.Check()
	assert.ErrorContains(t, err, "0x address")
	_, err = Chain{Contract: "0x0000000000000000000000000000000000000001"}.Check()
	assert.ErrorContains(t, err, "chain.rpc")
}

func TestResolvePaths(t *testing.T) {
	rel, abs, empty := "keys/a.key", "/etc/cohort/b.key", ""
	ResolvePaths("/srv/consortium", &rel, &abs, &empty)
	assert.Equal(t, "/srv/consortium/keys/a.key", rel)
	assert.Equal(t, "/etc/cohort/b.key", abs)
	assert.Empty(t, empty, "an unset path stays unset")
}

// TestLockDataDir locks a data directory once: a second lock, as a second
// daemon started on the same directory takes it, is refused with
// ErrDataDirInUse until the first is released.
func TestLockDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "hospital-1")
	unlock, err := LockDataDir(dir)
	require.NoError(t, err)
	_, err = LockDataDir(dir)
	require.ErrorIs(t, err, ErrDataDirInUse)
	assert.Contains(t, err.Error(), dir)
	require.NoError(t, unlock())
	unlock, err = LockDataDir(dir)
	require.NoError(t, err)
	require.NoError(t, unlock())
}
