// Package devchaintest starts a real geth --dev node (package devchain) for
// integration tests, with the semantics every Cohort test shares: when the
// geth binary is not built the test is skipped, except under CI=true, where
// it fails with a message saying to run `make geth`. `make test` builds geth
// first, so CI always runs the integration tests while a plain `go test ./...`
// on a fresh checkout still passes.
//
// The node runs an in-memory chain on a free loopback port and is stopped
// when the test ends; geth's last output is logged if the test failed.
package devchaintest

import (
	"context"
	"errors"
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts/devchain"
)

const (
	// startTimeout bounds geth's start-up in a test.
	startTimeout = 30 * time.Second
	// fundTimeout bounds how long Fund waits for its transfers to be mined.
	fundTimeout = 30 * time.Second
	// stopGrace is how long geth may take to exit at the end of a test.
	stopGrace = 10 * time.Second
	// logLines is how much of geth's output a failed test prints.
	logLines = 60
)

// Start starts geth --dev for the test and stops it at cleanup. It skips the
// test when geth is not built, or fails it when CI=true.
func Start(t testing.TB) *devchain.Node {
	t.Helper()
	return StartWith(t, devchain.Options{})
}

// StartWith is Start with options, for a test that needs a data directory,
// a log file or a particular binary. A zero StopGrace is set to a test-sized
// grace.
func StartWith(t testing.TB, opts devchain.Options) *devchain.Node {
	t.Helper()
	if opts.StopGrace == 0 {
		opts.StopGrace = stopGrace
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	n, err := devchain.Start(ctx, opts)
	if errors.Is(err, devchain.ErrNoBinary) && os.Getenv("CI") != "true" {
		t.Skipf("%v", err)
	}
	if err != nil {
		t.Fatalf("starting geth: %v", err)
	}
	t.Cleanup(func() {
		if err := n.Stop(); err != nil {
			t.Errorf("%v", err)
		}
		if t.Failed() {
			t.Logf("geth's last output (%s):\n%s", n.URL, n.LogTail(logLines))
		}
	})
	return n
}

// Fund sends amount wei to each address from the node's developer account and
// waits until the transfers are mined, failing the test otherwise.
func Fund(t testing.TB, n *devchain.Node, amount *big.Int, to ...common.Address) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), fundTimeout)
	defer cancel()
	if err := n.Fund(ctx, amount, to...); err != nil {
		t.Fatalf("%v", err)
	}
}
