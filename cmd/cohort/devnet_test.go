package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devnet"
)

func TestDevnetFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"help", []string{"devnet", "-h"}, 0, "crypto.LoadECDSA"},
		{"no datadir", []string{"devnet"}, 2, "--datadir is required"},
		{"bad port", []string{"devnet", "--datadir", "x", "--http-port", "70000"}, 2, "not a TCP port"},
		{"no accounts", []string{"devnet", "--datadir", "x", "--accounts", "0"}, 2, "between 1 and 1000"},
		{"more founders than hospitals", []string{"devnet", "--datadir", "x", "--accounts", "1", "--founders", "A,B"}, 2, "raise --accounts"},
		{"empty founder name", []string{"devnet", "--datadir", "x", "--founders", "A,,B"}, 2, "empty name"},
		{"certs do not match founders", []string{"devnet", "--datadir", "x", "--founders", "A,B", "--founder-certs", "a.pem"}, 2, "one per founder"},
		{"zero funding", []string{"devnet", "--datadir", "x", "--fund", "0"}, 2, "at least 1 ether"},
		{"missing geth", []string{"devnet", "--datadir", "x", "--geth", "/nonexistent/geth"}, 1, "run `make geth`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tt.args, &out, &errOut)
			assert.Equal(t, tt.code, code, errOut.String())
			assert.Contains(t, out.String()+errOut.String(), tt.out)
		})
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startDevnet runs `cohort devnet` until it prints that it is ready and
// returns a function that interrupts it and returns its exit code.
func startDevnet(t *testing.T, args ...string) (stdout *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	code := make(chan int, 1)
	go func() { code <- run(ctx, append([]string{"devnet"}, args...), stdout, stderr) }()
	deadline := time.After(90 * time.Second)
	for !strings.Contains(stdout.String(), "devnet ready") {
		select {
		case c := <-code:
			cancel()
			t.Fatalf("cohort devnet exited with %d before it was ready:\n%s\n%s", c, stdout, stderr)
		case <-deadline:
			cancel()
			t.Fatalf("cohort devnet not ready after 90 s:\n%s", stderr)
		case <-time.After(50 * time.Millisecond):
		}
	}
	stopped := false
	stop = func() int {
		if stopped {
			return 0
		}
		stopped = true
		cancel()
		return <-code
	}
	t.Cleanup(func() { stop() })
	return stdout, stop
}

// TestDevnet runs `cohort devnet` against the real geth, checks the deployed
// contract, the funded accounts and their key files, stops it, and resumes
// the same chain from its directory.
func TestDevnet(t *testing.T) {
	if _, err := devnet.FindGeth(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	dir := t.TempDir()
	out, stop := startDevnet(t, "--datadir", dir, "--http-port", "0", "--accounts", "3", "--founders", "St Mary,Royal", "--fund", "5")

	b, err := os.ReadFile(filepath.Join(dir, devnet.File))
	require.NoError(t, err)
	var info devnet.Info
	require.NoError(t, json.Unmarshal(b, &info))
	assert.Equal(t, uint64(1337), info.ChainID)
	assert.Contains(t, out.String(), info.Contract.Hex())
	require.Len(t, info.Accounts, 6, "deployer, researcher, coordinator and 3 hospitals")

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ec, err := ethclient.DialContext(ctx, info.RPCURL)
	require.NoError(t, err)
	defer ec.Close()
	for _, a := range info.Accounts {
		key, err := crypto.LoadECDSA(filepath.Join(dir, a.KeyFile))
		require.NoError(t, err, a.Name)
		assert.Equal(t, a.Address, crypto.PubkeyToAddress(key.PublicKey), "%s key file matches its address", a.Name)
		st, err := os.Stat(filepath.Join(dir, a.KeyFile))
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), a.Name)
		bal, err := ec.BalanceAt(ctx, a.Address, nil)
		require.NoError(t, err)
		if a.Role == "deployer" {
			assert.Positive(t, bal.Sign(), "deployer keeps its funds less the deployment's gas")
		} else {
			assert.Equal(t, new(big.Int).Mul(big.NewInt(5), big.NewInt(1e18)), bal, a.Name)
		}
	}

	chain, err := contracts.DialChain(ctx, info.RPCURL)
	require.NoError(t, err)
	defer chain.Close()
	ledger, err := contracts.Open(chain, info.Contract)
	require.NoError(t, err)
	members, err := ledger.Members(ctx)
	require.NoError(t, err)
	require.Len(t, members, 2)
	for i, name := range []string{"St Mary", "Royal"} {
		acc := info.Accounts[3+i]
		require.NotNil(t, acc.Member, acc.Name)
		assert.Equal(t, name, members[i].Name)
		assert.Equal(t, acc.Address, members[i].Address)
		assert.Equal(t, acc.Member.TLSFingerprint, members[i].TLSFingerprint)
	}
	assert.Nil(t, info.Accounts[5].Member, "the third hospital is funded but not a founder")

	require.Equal(t, 0, stop(), "devnet exits cleanly on interrupt")
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(info.RPCURL, "http://"), time.Second)
	if err == nil {
		conn.Close()
	}
	assert.Error(t, err, "geth no longer listens after the devnet stops")

	// Resume: the same chain, contract and accounts, on a new port.
	out2, _ := startDevnet(t, "--datadir", dir, "--http-port", "0")
	assert.Contains(t, out2.String(), "resumed")
	b, err = os.ReadFile(filepath.Join(dir, devnet.File))
	require.NoError(t, err)
	var resumed devnet.Info
	require.NoError(t, json.Unmarshal(b, &resumed))
	assert.Equal(t, info.Contract, resumed.Contract)
	assert.Equal(t, info.Accounts, resumed.Accounts)
	chain2, err := contracts.DialChain(ctx, resumed.RPCURL)
	require.NoError(t, err)
	defer chain2.Close()
	ledger2, err := contracts.Open(chain2, resumed.Contract)
	require.NoError(t, err)
	ok, err := ledger2.IsMember(ctx, info.Accounts[3].Address)
	require.NoError(t, err)
	assert.True(t, ok, "the resumed chain keeps the consortium")
}

// TestDevnetStartFailures checks the errors of a devnet that cannot start,
// with a stand-in geth that exits at once.
func TestDevnetStartFailures(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "geth")
	require.NoError(t, os.WriteFile(exe, []byte("#!/bin/sh\necho 'Fatal: boom' >&2\nexit 1\n"), 0o755))
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	busyPort := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)
	tests := []struct {
		name    string
		prepare func(dir string)
		port    string
		want    string
	}{
		{"corrupt devnet.json", func(dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, devnet.File), []byte("{not json"), 0o644))
		}, "0", "corrupt"},
		{"geth exits during start-up", func(string) {}, "0", "geth exited during start-up"},
		{"port in use", func(string) {}, busyPort, "pick another with --http-port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.prepare(dir)
			var out, errOut bytes.Buffer
			code := run(context.Background(), []string{"devnet", "--datadir", dir, "--geth", exe, "--http-port", tt.port}, &out, &errOut)
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut.String(), tt.want)
			assert.NotContains(t, out.String(), "devnet ready")
		})
	}
}
