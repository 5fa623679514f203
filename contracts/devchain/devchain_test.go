package devchain_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/devchain"
	"github.com/cohort-fl/cohort/contracts/devchain/devchaintest"
)

// writeScript writes an executable shell script standing in for geth.
func writeScript(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "geth")
	require.NoError(t, os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755))
	return p
}

func TestFindBinary(t *testing.T) {
	exe := writeScript(t, "")
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(root, ".tools", "bin"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "a", "b"), 0o755))
	rootGeth := filepath.Join(root, ".tools", "bin", "geth")
	bare := t.TempDir() // no go.mod above it, unless TMPDIR lives in a module

	tests := []struct {
		name    string
		env     string
		wd      string
		want    string
		wantErr string
	}{
		{"environment wins", exe, filepath.Join(root, "a", "b"), exe, ""},
		{"environment names a missing file", filepath.Join(bare, "nope"), root, "", "$COHORT_GETH"},
		{"environment names a directory", bare, root, "", "is a directory"},
		{"module root, not built", "", filepath.Join(root, "a", "b"), "", rootGeth},
		{"module root, built", "", filepath.Join(root, "a", "b"), rootGeth, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == rootGeth {
				require.NoError(t, os.WriteFile(rootGeth, []byte("#!/bin/sh\n"), 0o755))
			}
			t.Setenv(devchain.EnvBinary, tt.env)
			t.Chdir(tt.wd)
			got, err := devchain.FindBinary()
			if tt.wantErr != "" {
				require.ErrorIs(t, err, devchain.ErrNoBinary)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Contains(t, err.Error(), "run `make geth`")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestStartFailures starts stand-in geth scripts that fail the way geth does.
func TestStartFailures(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port
	exits := writeScript(t, "echo 'Fatal: boom: bad flag' >&2\nexit 1")
	portTaken := writeScript(t, "echo 'Fatal: Error starting protocol stack: listen tcp 127.0.0.1:1: bind: address already in use' >&2\nexit 1")
	count := filepath.Join(t.TempDir(), "count")
	countingPortTaken := writeScript(t, "echo x >> "+count+"\necho 'bind: address already in use' >&2\nexit 1")

	tests := []struct {
		name     string
		opts     devchain.Options
		sentinel error
		want     string
	}{
		{"missing binary", devchain.Options{Binary: filepath.Join(t.TempDir(), "geth")}, devchain.ErrNoBinary, "make geth"},
		{"bad port", devchain.Options{Binary: exits, Port: 70000}, nil, "not a TCP port"},
		{"exits during start-up", devchain.Options{Binary: exits}, devchain.ErrExited, "Fatal: boom: bad flag"},
		{"fixed port taken", devchain.Options{Binary: portTaken, Port: busyPort}, devchain.ErrPortInUse, "port " + strings.TrimSpace(busy.Addr().String()[len("127.0.0.1:"):])},
		{"free port taken every time", devchain.Options{Binary: countingPortTaken}, devchain.ErrPortInUse, "choose another port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			n, err := devchain.Start(ctx, tt.opts)
			require.Error(t, err)
			assert.Nil(t, n)
			if tt.sentinel != nil {
				assert.ErrorIs(t, err, tt.sentinel)
			}
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	b, err := os.ReadFile(count)
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(string(b), "x"), "port 0 retries on other ports")
}

// TestStartTimeout checks that a geth that never answers is stopped when the
// start-up context ends, and that its log file holds its output. The
// deadline passes once the stand-in has written its first line: a fixed
// 300 ms one passed, on a loaded machine, before the shell had run at all.
func TestStartTimeout(t *testing.T) {
	hangs := writeScript(t, "echo 'INFO starting'\nexec sleep 60")
	logPath := filepath.Join(t.TempDir(), "geth.log")
	expired := make(chan struct{})
	go func() {
		defer close(expired)
		for {
			if b, err := os.ReadFile(logPath); err == nil && strings.Contains(string(b), "INFO starting") {
				return
			}
			select {
			case <-t.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	_, err := devchain.Start(expiresWhen{context.Background(), expired}, devchain.Options{Binary: hangs, LogPath: logPath, StopGrace: time.Minute})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "did not answer")
	assert.NotContains(t, err.Error(), "was killed", "SIGTERM ends the stand-in")
	b, err := os.ReadFile(logPath)
	require.NoError(t, err)
	assert.Contains(t, string(b), "INFO starting")
}

// expiresWhen is a context whose deadline passes when expired is closed.
type expiresWhen struct {
	context.Context
	expired <-chan struct{}
}

func (c expiresWhen) Done() <-chan struct{} { return c.expired }

func (c expiresWhen) Err() error {
	select {
	case <-c.expired:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// TestNode runs the real geth: funding, balances, stop.
func TestNode(t *testing.T) {
	n := devchaintest.Start(t)
	assert.Equal(t, uint64(1337), n.ChainID, "geth --dev chain id")
	assert.True(t, strings.HasPrefix(n.URL, "http://127.0.0.1:"), n.URL)
	assert.NotEqual(t, common.Address{}, n.Dev)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, b := common.HexToAddress("0x1111"), common.HexToAddress("0x2222")
	devchaintest.Fund(t, n, devchain.Ether(3), a, b)
	for _, addr := range []common.Address{a, b} {
		bal, err := n.Balance(ctx, addr)
		require.NoError(t, err)
		assert.Equal(t, devchain.Ether(3), bal, addr.Hex())
	}
	require.Error(t, n.Fund(ctx, devchain.Ether(0), a), "zero funding is refused")

	require.NoError(t, n.Stop())
	require.NoError(t, n.Stop(), "Stop is idempotent")
	select {
	case <-n.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	_, err := net.DialTimeout("tcp", strings.TrimPrefix(n.URL, "http://"), time.Second)
	assert.Error(t, err, "geth no longer listens")
}

// TestDataDir restarts geth on the same data directory: the chain, its
// balances and the developer account persist.
func TestDataDir(t *testing.T) {
	dir, logPath := t.TempDir(), filepath.Join(t.TempDir(), "geth.log")
	opts := devchain.Options{DataDir: dir, LogPath: logPath}
	n := devchaintest.StartWith(t, opts)
	a := common.HexToAddress("0x3333")
	devchaintest.Fund(t, n, devchain.Ether(7), a)
	dev := n.Dev
	require.NoError(t, n.Stop())

	n2 := devchaintest.StartWith(t, opts)
	assert.Equal(t, dev, n2.Dev, "the developer key lives in the data directory")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ec, err := ethclient.DialContext(ctx, n2.URL)
	require.NoError(t, err)
	defer ec.Close()
	bal, err := ec.BalanceAt(ctx, a, nil)
	require.NoError(t, err)
	assert.Equal(t, devchain.Ether(7), bal)
	b, err := os.ReadFile(logPath)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, strings.Count(string(b), "Starting Geth"), 2, "the log is appended across starts")
}
