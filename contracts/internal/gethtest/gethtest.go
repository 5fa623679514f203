// Package gethtest starts a real geth --dev node for integration tests: the
// geth that `make geth` builds from the go-ethereum version pinned in go.mod.
//
// Start launches geth on a free loopback port with an in-memory chain, waits
// until its JSON-RPC endpoint answers, and stops it when the test ends
// (SIGTERM, then SIGKILL after a grace period). Fund sends ether from the
// node's unlocked developer account to test accounts and waits until the
// transfers are mined.
//
// The binary is $COHORT_GETH or .tools/bin/geth under the module root. When it
// is missing a test is skipped, except under CI=true, where it fails with a
// message saying to run `make geth`: `make test` builds geth first, so CI
// always runs the integration tests while a plain `go test ./...` on a fresh
// checkout still passes.
package gethtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// EnvBinary names the environment variable that overrides the geth binary.
const EnvBinary = "COHORT_GETH"

const (
	// startTimeout bounds how long geth may take to answer its first RPC.
	startTimeout = 30 * time.Second
	// stopGrace is how long geth may take to exit after SIGTERM before it is killed.
	stopGrace = 10 * time.Second
	// fundTimeout bounds how long Fund waits for its transfers to be mined.
	fundTimeout = 30 * time.Second
	// pollInterval is how often readiness and receipts are polled.
	pollInterval = 50 * time.Millisecond
	// startAttempts is how many free ports Start tries: another process may
	// take a port between it being found free and geth binding it.
	startAttempts = 3
)

// ErrNoBinary reports that the geth binary is not built.
var ErrNoBinary = errors.New("gethtest: geth binary not found; run `make geth` to build it from the go-ethereum version pinned in go.mod, or set " + EnvBinary)

// Ether returns n ether in wei.
func Ether(n int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), big.NewInt(params.Ether))
}

// Binary returns the path of the geth binary: $COHORT_GETH if set, otherwise
// .tools/bin/geth under the module root found from the working directory.
// It returns an error wrapping ErrNoBinary if the file does not exist.
func Binary() (string, error) {
	if p := os.Getenv(EnvBinary); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w (%s=%s: %v)", ErrNoBinary, EnvBinary, p, err)
		}
		return p, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("gethtest: working directory: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, ".tools", "bin", "geth")
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("%w (looked for %s)", ErrNoBinary, p)
			}
			return p, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("%w (no go.mod above %s)", ErrNoBinary, wd)
		}
	}
}

// Node is a running geth --dev node. Its methods are safe for concurrent use.
type Node struct {
	// URL is the node's HTTP JSON-RPC endpoint on 127.0.0.1.
	URL string
	// Dev is the node's unlocked developer account, funded at genesis.
	Dev common.Address

	rpc *rpc.Client
}

// Start starts geth --dev for the test and stops it at cleanup. It skips the
// test when geth is not built, or fails it when CI=true. geth's log is
// printed if the test fails.
func Start(t testing.TB) *Node {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v", err)
		}
		t.Skipf("%v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()

	var p *process
	for attempt := 1; ; attempt++ {
		p, err = start(ctx, bin, t.TempDir())
		if err == nil {
			break
		}
		if attempt == startAttempts || !errors.Is(err, errPortTaken) {
			t.Fatalf("gethtest: starting %s: %v", bin, err)
		}
	}
	t.Cleanup(func() {
		if err := p.stop(); err != nil {
			t.Errorf("gethtest: %v", err)
		}
		if t.Failed() {
			t.Logf("geth log (%s):\n%s", p.logPath, tail(p.logPath, 60))
		}
	})

	n := &Node{URL: p.url, rpc: p.rpc}
	var accounts []common.Address
	if err := n.rpc.CallContext(ctx, &accounts, "eth_accounts"); err != nil {
		t.Fatalf("gethtest: listing geth's accounts: %v", err)
	}
	if len(accounts) == 0 {
		t.Fatalf("gethtest: geth --dev has no developer account")
	}
	n.Dev = accounts[0]
	return n
}

// Fund sends amount wei to each address from the developer account and waits
// until every transfer is mined.
func (n *Node) Fund(t testing.TB, amount *big.Int, to ...common.Address) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), fundTimeout)
	defer cancel()
	if err := Fund(ctx, n.rpc, n.Dev, amount, to...); err != nil {
		t.Fatalf("gethtest: %v", err)
	}
}

// Balance returns the balance of an address at the latest block.
func (n *Node) Balance(ctx context.Context, a common.Address) (*big.Int, error) {
	var b hexutil.Big
	if err := n.rpc.CallContext(ctx, &b, "eth_getBalance", a, "latest"); err != nil {
		return nil, fmt.Errorf("gethtest: balance of %s: %w", a, err)
	}
	return b.ToInt(), nil
}

// Fund sends amount wei to each address from an account the node has
// unlocked (eth_sendTransaction; geth assigns the nonces), then polls until
// every transfer is mined successfully or ctx is done.
func Fund(ctx context.Context, c *rpc.Client, from common.Address, amount *big.Int, to ...common.Address) error {
	hashes := make([]common.Hash, len(to))
	for i, a := range to {
		tx := map[string]any{"from": from, "to": a, "value": (*hexutil.Big)(amount)}
		if err := c.CallContext(ctx, &hashes[i], "eth_sendTransaction", tx); err != nil {
			return fmt.Errorf("funding %s from %s: %w", a, from, err)
		}
	}
	for i, h := range hashes {
		if err := waitMined(ctx, c, h); err != nil {
			return fmt.Errorf("funding %s: %w", to[i], err)
		}
	}
	return nil
}

// waitMined polls for a transaction's receipt until it is mined.
func waitMined(ctx context.Context, c *rpc.Client, h common.Hash) error {
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		var r *struct {
			Status hexutil.Uint64 `json:"status"`
		}
		err := c.CallContext(ctx, &r, "eth_getTransactionReceipt", h)
		switch {
		case err != nil && ctx.Err() != nil:
			return fmt.Errorf("waiting for transaction %s: %w", h, ctx.Err())
		case err == nil && r != nil && r.Status == 1:
			return nil
		case err == nil && r != nil:
			return fmt.Errorf("transaction %s failed", h)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for transaction %s: %w", h, ctx.Err())
		case <-tick.C:
		}
	}
}

// errPortTaken reports that geth could not bind its HTTP port.
var errPortTaken = errors.New("HTTP port already in use")

// process is a started geth child process.
type process struct {
	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	waitErr error         // set before done is closed
	url     string
	logPath string
	logFile *os.File
	rpc     *rpc.Client
}

// start starts geth --dev with an in-memory chain on a free loopback port and
// waits until its JSON-RPC endpoint answers.
func start(ctx context.Context, bin, dir string) (*process, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, "geth.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("creating geth's log: %w", err)
	}
	// No --datadir: geth --dev keeps the chain and its keystore in memory.
	cmd := exec.Command(bin,
		"--dev", "--dev.period", "0",
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port),
		"--http.api", "eth,net,web3,debug,txpool",
		"--ipcdisable", "--nodiscover", "--maxpeers", "0",
		"--authrpc.port", "0",
		"--verbosity", "3")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("running geth: %w", err)
	}
	p := &process{cmd: cmd, done: make(chan struct{}), url: fmt.Sprintf("http://127.0.0.1:%d", port), logPath: logPath, logFile: logFile}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	if err := p.waitReady(ctx); err != nil {
		stopErr := p.stop()
		if log := tail(logPath, 20); strings.Contains(log, "address already in use") {
			return nil, fmt.Errorf("%w: %w", errPortTaken, err)
		}
		return nil, errors.Join(err, stopErr, fmt.Errorf("geth log:\n%s", tail(logPath, 20)))
	}
	return p, nil
}

// waitReady polls eth_chainId until geth answers, exits, or ctx is done.
func (p *process) waitReady(ctx context.Context) error {
	c, err := rpc.DialContext(ctx, p.url)
	if err != nil {
		return fmt.Errorf("dialling %s: %w", p.url, err)
	}
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		var id hexutil.Big
		if err = c.CallContext(ctx, &id, "eth_chainId"); err == nil {
			p.rpc = c
			return nil
		}
		select {
		case <-p.done:
			c.Close()
			return fmt.Errorf("geth exited before answering on %s: %v", p.url, p.waitErr)
		case <-ctx.Done():
			c.Close()
			return fmt.Errorf("geth did not answer on %s: %w (last error: %v)", p.url, ctx.Err(), err)
		case <-tick.C:
		}
	}
}

// stop sends SIGTERM, kills geth if it has not exited after stopGrace, and
// releases the RPC client and the log file.
func (p *process) stop() error {
	if p.rpc != nil {
		p.rpc.Close()
	}
	defer p.logFile.Close()
	select {
	case <-p.done:
		return nil // already exited
	default:
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("stopping geth: %w", err)
	}
	select {
	case <-p.done:
		return nil
	case <-time.After(stopGrace):
	}
	if err := p.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("killing geth after %s: %w", stopGrace, err)
	}
	<-p.done
	return fmt.Errorf("geth did not exit within %s of SIGTERM and was killed", stopGrace)
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail returns the last n lines of a file, or a note that it is unreadable.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
