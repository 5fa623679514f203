package contracts

import (
	"context"
	"fmt"
	"math/big"
	"sync/atomic"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Lag holds a view of the simulated chain some blocks behind the chain's
// head, as a hospital's own Ethereum node that has not yet imported the
// blocks the coordinator's node has: the view's latest block is the
// chain's head less the lag (never below the genesis block), and what it
// reads (the block number, headers, calls, logs, receipts) it reads as
// of that block. Transactions sent through the view go to the chain at
// once: a lagging node's peers mine them. Tests use it to show what a
// node that lags does; [Lag.Set] lets it catch up. A Lag is safe for
// concurrent use.
type Lag struct {
	view   *Chain
	behind atomic.Uint64
	reads  atomic.Uint64 // reads made through the view (Reads)
	logs   atomic.Uint64 // event-log queries among them (LogQueries)
}

// Reads is how many reads of the chain (block numbers, headers, calls,
// logs, receipts) have gone through the view: tests count what a request
// costs a node in chain reads with it, rather than timing it.
func (l *Lag) Reads() uint64 { return l.reads.Load() }

// LogQueries is how many of the view's Reads were event-log queries, a
// node's costliest read.
func (l *Lag) LogQueries() uint64 { return l.logs.Load() }

// Lagging returns a view of the simulated chain held behind blocks
// behind its head, and the Lag that moves it (see Lag); ErrNotSimulated
// on a dialled chain. The view's NextHead is closed at each of the
// chain's blocks and whenever the lag is set. Closing the view stops its
// head watcher and leaves the chain open.
func (c *Chain) Lagging(behind uint64) (*Chain, *Lag, error) {
	if c.sim == nil {
		return nil, nil, ErrNotSimulated
	}
	l := &Lag{}
	l.behind.Store(behind)
	view := newChain(laggingClient{client: c.client, lag: l}, c.chainID, c.poll, nil, nil)
	view.writer = c
	l.view = view
	ctx, stop := context.WithCancel(context.Background())
	view.heads.mu.Lock()
	view.heads.watching, view.heads.stop = true, stop
	view.heads.mu.Unlock()
	// The chain's next head is asked for before Lagging returns, and again
	// before the view's readers are woken: a block mined before the
	// watcher first ran, or while it woke them, was missed (a test's
	// first block never reached the view under load).
	next := c.NextHead()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-next:
				next = c.NextHead()
				view.newHead()
			}
		}
	}()
	return view, l, nil
}

// Set puts the view behind blocks behind the chain's head from now on (0:
// at the head, caught up) and wakes the view's readers waiting for its
// next head.
func (l *Lag) Set(behind uint64) {
	l.behind.Store(behind)
	l.view.newHead()
}

// laggingClient is a client that answers as of the block a Lag holds the
// view at; what it does not override (sending, estimating, nonces) goes to
// the chain as is.
type laggingClient struct {
	client
	lag *Lag
}

var _ client = laggingClient{}

// head is the view's latest block.
func (c laggingClient) head(ctx context.Context) (uint64, error) {
	n, err := c.client.BlockNumber(ctx)
	if err != nil {
		return 0, err
	}
	return n - min(n, c.lag.behind.Load()), nil
}

// at resolves a block asked for: nil or a tag (negative) is the view's
// head; a block beyond it is not known yet.
func (c laggingClient) at(ctx context.Context, n *big.Int) (*big.Int, error) {
	head, err := c.head(ctx)
	if err != nil {
		return nil, err
	}
	if n == nil || n.Sign() < 0 {
		return new(big.Int).SetUint64(head), nil
	}
	if !n.IsUint64() || n.Uint64() > head {
		return nil, fmt.Errorf("block %s is beyond this node's head %d: %w", n, head, ethereum.NotFound)
	}
	return n, nil
}

func (c laggingClient) BlockNumber(ctx context.Context) (uint64, error) {
	c.lag.reads.Add(1)
	return c.head(ctx)
}

func (c laggingClient) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	c.lag.reads.Add(1)
	at, err := c.at(ctx, n)
	if err != nil {
		return nil, err
	}
	return c.client.HeaderByNumber(ctx, at)
}

func (c laggingClient) CallContract(ctx context.Context, msg ethereum.CallMsg, n *big.Int) ([]byte, error) {
	c.lag.reads.Add(1)
	at, err := c.at(ctx, n)
	if err != nil {
		return nil, err
	}
	return c.client.CallContract(ctx, msg, at)
}

func (c laggingClient) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	c.lag.reads.Add(1)
	c.lag.logs.Add(1)
	if q.BlockHash != nil {
		return c.client.FilterLogs(ctx, q)
	}
	head, err := c.head(ctx)
	if err != nil {
		return nil, err
	}
	if q.FromBlock != nil && q.FromBlock.Sign() >= 0 && (!q.FromBlock.IsUint64() || q.FromBlock.Uint64() > head) {
		return nil, nil // nothing this node has yet
	}
	if q.ToBlock == nil || q.ToBlock.Sign() < 0 || !q.ToBlock.IsUint64() || q.ToBlock.Uint64() > head {
		q.ToBlock = new(big.Int).SetUint64(head)
	}
	return c.client.FilterLogs(ctx, q)
}

func (c laggingClient) TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	c.lag.reads.Add(1)
	r, err := c.client.TransactionReceipt(ctx, hash)
	if err != nil {
		return nil, err
	}
	head, err := c.head(ctx)
	if err != nil {
		return nil, err
	}
	if r.BlockNumber.Uint64() > head {
		return nil, ethereum.NotFound
	}
	return r, nil
}
