package configfile

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

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
// daemon on the same directory would take, is refused, and a lock released
// can be taken again.
func TestLockDataDir(t *testing.T) {
	ctx := context.Background()
	quiet := slog.New(slog.DiscardHandler)
	dir := filepath.Join(t.TempDir(), "state", "hospital-1")
	unlock, err := LockDataDir(ctx, dir, 0, quiet)
	require.NoError(t, err)
	_, err = LockDataDir(ctx, dir, 0, quiet)
	require.ErrorIs(t, err, ErrDataDirInUse)
	assert.Contains(t, err.Error(), dir)
	require.NoError(t, unlock())
	unlock, err = LockDataDir(ctx, dir, 0, quiet)
	require.NoError(t, err)
	require.NoError(t, unlock())
}

// TestLockDataDirWaitsForADaemonStopping: a daemon started on a data
// directory whose daemon is still stopping (systemctl restart, or a start
// right after SIGTERM) says so and takes the lock once the other releases
// it, where it was refused at once.
func TestLockDataDirWaitsForADaemonStopping(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "state")
	release, err := LockDataDir(ctx, dir, 0, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	told := make(chan struct{})
	var logs bytes.Buffer
	log := slog.New(&closeOnMessage{Handler: slog.NewTextHandler(&logs, nil), msg: msgAwaitLock, ch: told})
	type locked struct {
		unlock func() error
		err    error
	}
	second := make(chan locked, 1)
	go func() {
		unlock, err := LockDataDir(ctx, dir, time.Hour, log)
		second <- locked{unlock, err}
	}()
	<-told // waiting, not refused
	require.NoError(t, release())
	got := <-second
	require.NoError(t, got.err)
	assert.Contains(t, logs.String(), dir)
	require.NoError(t, got.unlock())

	// A wait ended by the daemon's own stop says so, not "in use".
	hold, err := LockDataDir(ctx, dir, 0, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	defer hold()
	stopped, stop := context.WithCancel(ctx)
	stop()
	_, err = LockDataDir(stopped, dir, time.Hour, slog.New(slog.DiscardHandler))
	require.ErrorIs(t, err, context.Canceled)
}

// closeOnMessage is a log handler that closes ch on the first record
// with message msg.
type closeOnMessage struct {
	slog.Handler
	msg  string
	ch   chan struct{}
	once sync.Once
}

func (h *closeOnMessage) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.once.Do(func() { close(h.ch) })
	}
	return h.Handler.Handle(ctx, r)
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
