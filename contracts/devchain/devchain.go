package devchain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// EnvBinary names the environment variable that points at the geth binary.
const EnvBinary = "COHORT_GETH"

// DefaultStopGrace is how long Stop lets geth shut down after SIGTERM before
// it kills it, unless Options.StopGrace says otherwise.
const DefaultStopGrace = 15 * time.Second

const (
	// pollInterval is how often readiness and receipts are polled: geth
	// --dev mines at once, and bind.WaitMined's one second would dominate.
	pollInterval = 50 * time.Millisecond
	// callTimeout bounds each readiness probe, so that a start-up that
	// hangs still notices geth exiting.
	callTimeout = 2 * time.Second
	// portAttempts is how many free ports Start tries when Options.Port is
	// 0: another process may take a port between it being found free and
	// geth binding it.
	portAttempts = 3
	// tailBytes is how much of geth's most recent output a Node keeps in
	// memory for error messages.
	tailBytes = 64 << 10
)

var (
	// ErrNoBinary reports that the geth binary is not where it was looked for.
	ErrNoBinary = errors.New("devchain: geth binary not found; run `make geth` to build it from the go-ethereum version pinned in go.mod, or set " + EnvBinary)
	// ErrPortInUse reports that geth could not bind its JSON-RPC port: stop
	// what uses the port or choose another (0 picks a free one).
	ErrPortInUse = errors.New("devchain: the JSON-RPC port on 127.0.0.1 is already in use; stop what uses it or choose another port (0 picks a free one)")
	// ErrExited reports that geth exited while it was expected to run.
	ErrExited = errors.New("devchain: geth exited")
)

// Options configures Start. The zero value starts the geth found by
// FindBinary with an in-memory chain on a free port.
type Options struct {
	// Binary is the geth executable; empty means FindBinary.
	Binary string
	// DataDir is geth's --datadir, where the chain and the developer key
	// persist across restarts; empty keeps both in memory.
	DataDir string
	// Port is the JSON-RPC HTTP port on 127.0.0.1; 0 picks a free one.
	Port int
	// LogPath is a file that geth's output is appended to; empty keeps only
	// the last lines in memory (Node.LogTail).
	LogPath string
	// StopGrace is how long Stop waits after SIGTERM before killing geth;
	// 0 means DefaultStopGrace.
	StopGrace time.Duration
	// RangeLimit is geth's --rpc.rangelimit: an eth_getLogs whose last
	// block is more than RangeLimit after its first is refused ("exceed
	// maximum block range"), as providers refuse wide ranges; 0: no limit.
	RangeLimit uint64
}

// Ether returns n ether in wei.
func Ether(n int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), big.NewInt(params.Ether))
}

// FindBinary returns the geth binary: $COHORT_GETH if set, otherwise
// .tools/bin/geth under the module root, the first directory holding a go.mod
// at or above the working directory. It returns an error wrapping ErrNoBinary
// that names where it looked if the file is missing.
func FindBinary() (string, error) {
	if p := os.Getenv(EnvBinary); p != "" {
		return checkBinary(p, "$"+EnvBinary)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("devchain: finding geth from the working directory: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return checkBinary(filepath.Join(dir, ".tools", "bin", "geth"), "module root")
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("%w (no go.mod at or above %s to find .tools/bin/geth under)", ErrNoBinary, wd)
		}
	}
}

// checkBinary returns p if it is a file, else an error wrapping ErrNoBinary
// that says where p came from.
func checkBinary(p, from string) (string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("%w (%s: %s)", ErrNoBinary, from, p)
	}
	if st.IsDir() {
		return "", fmt.Errorf("%w (%s: %s is a directory)", ErrNoBinary, from, p)
	}
	return p, nil
}

// Node is a running geth --dev child process. Its methods are safe for
// concurrent use. Stop it when done: the process outlives a forgotten Node.
type Node struct {
	// URL is the node's HTTP JSON-RPC endpoint, http://127.0.0.1:PORT.
	URL string
	// Dev is the node's developer account: unlocked in geth and funded at
	// genesis, so eth_sendTransaction from it needs no key here.
	Dev common.Address
	// ChainID is the chain's EIP-155 id (1337 for geth --dev).
	ChainID uint64

	bin       string
	cmd       *exec.Cmd
	done      chan struct{} // closed when the process has exited
	waitErr   error         // set before done is closed
	rpc       *rpc.Client
	logFile   *os.File // nil without Options.LogPath
	tail      *tailBuffer
	stopGrace time.Duration

	stopOnce sync.Once
	stopErr  error

	fundMu sync.Mutex // one Fund at a time: each numbers its own nonces
}

// Start starts geth --dev as configured and returns once its JSON-RPC
// endpoint answers and its developer account is known. ctx bounds the
// start-up only; the node runs until Stop. It returns an error wrapping
// ErrNoBinary when geth is missing, ErrPortInUse when a fixed port is taken
// (after portAttempts tries for port 0), and ErrExited, with the tail of
// geth's log, when geth exits during start-up.
func Start(ctx context.Context, opts Options) (*Node, error) {
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("devchain: port %d is not a TCP port (0 picks a free one)", opts.Port)
	}
	if opts.StopGrace < 0 {
		return nil, fmt.Errorf("devchain: negative stop grace %s", opts.StopGrace)
	}
	if opts.StopGrace == 0 {
		opts.StopGrace = DefaultStopGrace
	}
	bin := opts.Binary
	var err error
	if bin == "" {
		bin, err = FindBinary()
	} else {
		bin, err = checkBinary(bin, "binary")
	}
	if err != nil {
		return nil, err
	}
	if opts.Port != 0 {
		// A node already answering on the port would pass for the new one.
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(opts.Port))
		if err != nil {
			return nil, fmt.Errorf("%w (port %d: %v)", ErrPortInUse, opts.Port, err)
		}
		l.Close()
	}
	for attempt := 1; ; attempt++ {
		port := opts.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, err
			}
		}
		n, err := start(ctx, bin, port, opts)
		if err == nil {
			return n, nil
		}
		if opts.Port != 0 || attempt == portAttempts || !errors.Is(err, ErrPortInUse) {
			return nil, err
		}
	}
}

// start makes one attempt at starting geth on port.
func start(ctx context.Context, bin string, port int, opts Options) (*Node, error) {
	n := &Node{
		URL:       "http://127.0.0.1:" + strconv.Itoa(port),
		bin:       bin,
		done:      make(chan struct{}),
		tail:      &tailBuffer{max: tailBytes},
		stopGrace: opts.StopGrace,
	}
	var out io.Writer = n.tail
	if opts.LogPath != "" {
		f, err := os.OpenFile(opts.LogPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, fmt.Errorf("devchain: opening geth's log: %w", err)
		}
		n.logFile, out = f, io.MultiWriter(f, n.tail)
	}
	args := []string{"--dev", "--dev.period", "0"}
	if opts.DataDir != "" {
		args = append(args, "--datadir", opts.DataDir)
	}
	if opts.RangeLimit != 0 {
		args = append(args, "--rpc.rangelimit", strconv.FormatUint(opts.RangeLimit, 10))
	}
	args = append(args,
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port),
		"--http.api", "eth,net,web3,debug,txpool",
		"--ipcdisable", "--nodiscover", "--maxpeers", "0",
		"--authrpc.port", "0",
		"--verbosity", "3")
	n.cmd = exec.Command(bin, args...)
	n.cmd.Stdout, n.cmd.Stderr = out, out
	if err := n.cmd.Start(); err != nil {
		n.closeLog()
		return nil, fmt.Errorf("devchain: running %s: %w", bin, err)
	}
	go func() {
		n.waitErr = n.cmd.Wait()
		close(n.done)
	}()
	if err := n.handshake(ctx); err != nil {
		stopErr := n.Stop()
		if bytes.Contains(n.tail.bytes(), []byte("address already in use")) {
			return nil, fmt.Errorf("%w (port %d)", ErrPortInUse, port)
		}
		return nil, errors.Join(err, stopErr, fmt.Errorf("geth's last output:\n%s", n.LogTail(20)))
	}
	return n, nil
}

// handshake polls eth_chainId until geth answers, exits or ctx is done, then
// reads the developer account.
func (n *Node) handshake(ctx context.Context) error {
	c, err := rpc.DialContext(ctx, n.URL)
	if err != nil {
		return fmt.Errorf("devchain: dialling geth at %s: %w", n.URL, err)
	}
	n.rpc = c
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		var id hexutil.Uint64
		callCtx, cancel := context.WithTimeout(ctx, callTimeout)
		err = c.CallContext(callCtx, &id, "eth_chainId")
		cancel()
		if err == nil {
			n.ChainID = uint64(id)
			break
		}
		select {
		case <-n.done:
			return fmt.Errorf("%w during start-up (%v)", ErrExited, n.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("devchain: geth did not answer on %s: %w (last error: %v)", n.URL, ctx.Err(), err)
		case <-tick.C:
		}
	}
	var accounts []common.Address
	if err := c.CallContext(ctx, &accounts, "eth_accounts"); err != nil {
		return fmt.Errorf("devchain: listing geth's accounts: %w", err)
	}
	if len(accounts) == 0 {
		return errors.New("devchain: geth --dev has no developer account")
	}
	n.Dev = accounts[0]
	return nil
}

// Client returns the node's JSON-RPC client, for calls the contracts API
// does not offer (eth_getCode, debug methods). Stop closes it.
func (n *Node) Client() *rpc.Client { return n.rpc }

// Binary returns the path of the geth executable the node runs.
func (n *Node) Binary() string { return n.bin }

// Done returns a channel closed once geth has exited, whether through Stop
// or on its own.
func (n *Node) Done() <-chan struct{} { return n.done }

// ExitErr returns geth's exit error once Done is closed, and nil before.
func (n *Node) ExitErr() error {
	select {
	case <-n.done:
		return n.waitErr
	default:
		return nil
	}
}

// Fund sends amount wei to each address from the developer account
// (eth_sendTransaction, signed by geth), then waits until every transfer is
// mined successfully or ctx is done. The nonces are set here, in sequence
// from the account's pending nonce: geth's own choice for back-to-back
// sends can repeat a nonce whose transaction has not reached its pending
// set yet ("replacement transaction underpriced", seen under load).
func (n *Node) Fund(ctx context.Context, amount *big.Int, to ...common.Address) error {
	if amount == nil || amount.Sign() <= 0 {
		return fmt.Errorf("devchain: funding amount must be positive, not %v", amount)
	}
	n.fundMu.Lock()
	defer n.fundMu.Unlock()
	var nonce hexutil.Uint64
	if err := n.rpc.CallContext(ctx, &nonce, "eth_getTransactionCount", n.Dev, "pending"); err != nil {
		return fmt.Errorf("devchain: reading the developer account's nonce: %w", err)
	}
	hashes := make([]common.Hash, len(to))
	for i, a := range to {
		tx := map[string]any{"from": n.Dev, "to": a, "value": (*hexutil.Big)(amount), "nonce": nonce + hexutil.Uint64(i)}
		if err := n.rpc.CallContext(ctx, &hashes[i], "eth_sendTransaction", tx); err != nil {
			return fmt.Errorf("devchain: funding %s from the developer account: %w", a, err)
		}
	}
	for i, h := range hashes {
		if err := n.waitMined(ctx, h); err != nil {
			return fmt.Errorf("devchain: funding %s: %w", to[i], err)
		}
	}
	return nil
}

// Balance returns the balance of an address at the latest block.
func (n *Node) Balance(ctx context.Context, a common.Address) (*big.Int, error) {
	var b hexutil.Big
	if err := n.rpc.CallContext(ctx, &b, "eth_getBalance", a, "latest"); err != nil {
		return nil, fmt.Errorf("devchain: balance of %s: %w", a, err)
	}
	return b.ToInt(), nil
}

// waitMined polls for a transaction's receipt until it is mined.
func (n *Node) waitMined(ctx context.Context, h common.Hash) error {
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		var r *struct {
			Status hexutil.Uint64 `json:"status"`
		}
		err := n.rpc.CallContext(ctx, &r, "eth_getTransactionReceipt", h)
		switch {
		case err == nil && r != nil && r.Status == 1:
			return nil
		case err == nil && r != nil:
			return fmt.Errorf("transaction %s failed", h)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for transaction %s: %w", h, ctx.Err())
		case <-n.done:
			return fmt.Errorf("waiting for transaction %s: %w (%v)", h, ErrExited, n.waitErr)
		case <-tick.C:
		}
	}
}

// Stop sends geth SIGTERM, kills it if it has not exited within the stop
// grace, and closes the RPC client and the log. Stopping a node that already
// exited returns nil; later calls return the first call's result.
func (n *Node) Stop() error {
	n.stopOnce.Do(func() { n.stopErr = n.stop() })
	return n.stopErr
}

func (n *Node) stop() error {
	if n.rpc != nil {
		n.rpc.Close()
	}
	defer n.closeLog()
	select {
	case <-n.done:
		return nil
	default:
	}
	if err := n.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("devchain: stopping geth: %w", err)
	}
	timer := time.NewTimer(n.stopGrace)
	defer timer.Stop()
	select {
	case <-n.done:
		return nil
	case <-timer.C:
	}
	if err := n.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("devchain: killing geth after %s: %w", n.stopGrace, err)
	}
	<-n.done
	return fmt.Errorf("devchain: geth did not exit within %s of SIGTERM and was killed; a chain in a data directory may need recovery at the next start", n.stopGrace)
}

// closeLog closes the log file, after the process has exited or failed to
// start.
func (n *Node) closeLog() {
	if n.logFile != nil {
		n.logFile.Close()
	}
}

// LogTail returns the last lines (at most lines) of geth's output kept in
// memory.
func (n *Node) LogTail(lines int) string {
	b := bytes.TrimRight(n.tail.bytes(), "\n")
	if lines <= 0 || len(b) == 0 {
		return ""
	}
	parts := bytes.Split(b, []byte("\n"))
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return string(bytes.Join(parts, []byte("\n")))
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("devchain: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tailBuffer keeps the last max bytes written to it. It is safe for
// concurrent use.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

// Write appends p, dropping the oldest bytes beyond max. It never fails.
func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

// bytes returns a copy of the kept bytes.
func (t *tailBuffer) bytes() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return bytes.Clone(t.buf)
}
