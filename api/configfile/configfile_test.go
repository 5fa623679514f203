package configfile

import (
	"os"
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

type testConfig struct {
	Chain        Chain  `json:"chain"`
	Participants int    `json:"participants"`
	DataDir      string `json:"data_dir"`
	Hospitals    []struct {
		Name string `json:"name"`
	} `json:"hospitals"`
}

func (c *testConfig) ResolvePaths(dir string) { ResolvePaths(dir, &c.DataDir) }

// TestReadSuggestsTheFieldATypoMeant: an unknown field is an error that
// names it and, when a field of the config (at any depth) is close, the
// one it probably meant; a name close to none gets no guess.
func TestReadSuggestsTheFieldATypoMeant(t *testing.T) {
	for _, tt := range []struct {
		name, json, want, notWant string
	}{
		{"top level", `{"participnts": 3}`, `unknown field "participnts" (did you mean "participants"?)`, ""},
		{"nested section", `{"chain": {"rpcc": "http://127.0.0.1:8545"}}`, `unknown field "rpcc" (did you mean "rpc"?)`, ""},
		{"in a list", `{"hospitals": [{"nmae": "a"}]}`, `(did you mean "name"?)`, ""},
		{"case", `{"Data_Dir": "x", "datadir": "y"}`, `unknown field "datadir" (did you mean "data_dir"?)`, ""},
		{"nothing close", `{"coordinator_url": "x"}`, `unknown field "coordinator_url"`, "did you mean"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.json")
			require.NoError(t, os.WriteFile(path, []byte(tt.json), 0o600))
			err := Read(path, &testConfig{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), path)
			if tt.notWant != "" {
				assert.NotContains(t, err.Error(), tt.notWant)
			}
		})
	}
	path := filepath.Join(t.TempDir(), "c.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"participants": 3, "data_dir": "state"}`), 0o600))
	var c testConfig
	require.NoError(t, Read(path, &c))
	assert.Equal(t, 3, c.Participants)
	assert.Equal(t, filepath.Join(filepath.Dir(path), "state"), c.DataDir)
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"rpc", "rpcc", 1}, {"kitten", "sitting", 3}, {"abc", "", 3}, {"participnts", "participants", 1}, {"nmae", "name", 1}, {"ca", "abc", 3}} {
		assert.Equal(t, tt.d, editDistance(tt.a, tt.b), "%s/%s", tt.a, tt.b)
		assert.Equal(t, tt.d, editDistance(tt.b, tt.a), "%s/%s", tt.b, tt.a)
	}
}
