package contracts

import (
	"context"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
)

// headPollInterval is how often a dialled chain whose transport has no
// subscriptions (HTTP) is asked for its block number to learn of new
// blocks; a node that takes them (WebSocket, IPC) announces each.
const headPollInterval = time.Second

// heads tells the chain's readers when it has a new block: its state
// changes only then, so a reader that watches for a change reads again at
// the next head rather than on a timer (on the simulated chain, 100
// hospitals each reading the study twice a second were a quarter of a
// round's CPU).
type heads struct {
	mu   sync.Mutex
	next chan struct{} // closed at the next new block, then replaced
	// watching is set once a dialled chain's watcher runs; stop ends it.
	watching bool
	stop     context.CancelFunc
}

// NextHead returns a channel that is closed once the chain has a block
// after the call: on the simulated chain as soon as one is mined; on a
// dialled chain when its node announces one (a newHeads subscription) or,
// over a transport without subscriptions, within headPollInterval of it.
// It may also be closed without a new block (the watcher reconnected), so
// a reader reads the chain when it is closed and asks for the next one
// before it reads. On a closed chain it is never closed.
func (c *Chain) NextHead() <-chan struct{} {
	c.heads.mu.Lock()
	defer c.heads.mu.Unlock()
	if c.heads.next == nil {
		c.heads.next = make(chan struct{})
	}
	if c.sim == nil && !c.heads.watching && c.rpc != nil {
		ctx, stop := context.WithCancel(context.Background())
		c.heads.watching, c.heads.stop = true, stop
		go c.watchHeads(ctx)
	}
	return c.heads.next
}

// newHead wakes the readers waiting for the next block.
func (c *Chain) newHead() {
	c.heads.mu.Lock()
	defer c.heads.mu.Unlock()
	if c.heads.next != nil {
		close(c.heads.next)
		c.heads.next = nil
	}
}

// stopHeads ends a dialled chain's watcher; readers still waiting are not
// woken (a closed chain has no next block) and go by their own contexts.
func (c *Chain) stopHeads() {
	c.heads.mu.Lock()
	defer c.heads.mu.Unlock()
	if c.heads.stop != nil {
		c.heads.stop()
	}
	c.heads.watching = true // never start again
}

// watchHeads follows a dialled chain's head until ctx ends: by a newHeads
// subscription while the node keeps one, else by polling the block
// number. Each time it (re)starts following it wakes the readers once, for
// a block it may have missed meanwhile.
func (c *Chain) watchHeads(ctx context.Context) {
	for ctx.Err() == nil {
		if c.followSubscription(ctx) {
			continue // the subscription broke: subscribe again
		}
		c.pollHeads(ctx) // no subscriptions on this transport
		return
	}
}

// followSubscription wakes the readers at each head the node announces
// until the subscription breaks (true) or ctx ends; false if the node
// takes no subscription.
func (c *Chain) followSubscription(ctx context.Context) bool {
	ch := make(chan *types.Header, 16)
	sub, err := c.rpc.SubscribeNewHead(ctx, ch)
	if err != nil {
		return false
	}
	defer sub.Unsubscribe()
	c.newHead()
	for {
		select {
		case <-ctx.Done():
			return true
		case <-sub.Err():
			select {
			case <-ctx.Done():
			case <-time.After(headPollInterval):
			}
			return true
		case <-ch:
			c.newHead()
		}
	}
}

// pollHeads wakes the readers whenever the block number moves, asking
// every headPollInterval until ctx ends.
func (c *Chain) pollHeads(ctx context.Context) {
	tick := time.NewTicker(headPollInterval)
	defer tick.Stop()
	var last uint64
	known := false
	for {
		if n, err := c.rpc.BlockNumber(ctx); err == nil && (!known || n != last) {
			last, known = n, true
			c.newHead()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
