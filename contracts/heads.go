package contracts

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

// headTiming paces a dialled chain's head watcher.
type headTiming struct {
	// poll is how often the block number is asked for while the watcher
	// has no subscription: always over a transport without them (HTTP),
	// else until subscribing again succeeds.
	poll time.Duration
	// retry is the wait before subscribing again after a subscribe failed
	// on a transport that takes subscriptions (WebSocket, IPC); it doubles
	// at each failure in a row, up to retryMax.
	retry, retryMax time.Duration
	// subscribe bounds a subscribe request: one the connection swallowed
	// would leave the watcher neither subscribed nor polling.
	subscribe time.Duration
}

// defaultHeadTiming: a head is learnt of within a second while polling, and
// a node that failed one subscribe is asked again after 5 s, then at most
// once a minute.
var defaultHeadTiming = headTiming{poll: time.Second, retry: 5 * time.Second, retryMax: time.Minute, subscribe: 10 * time.Second}

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
	timing   headTiming // zero: defaultHeadTiming (tests shorten it)
}

// NextHead returns a channel that is closed once the chain has a block
// after the call: on the simulated chain as soon as one is mined; on a
// dialled chain when its node announces one (a newHeads subscription) or,
// over a transport without subscriptions or while subscribing fails, within
// a second of it.
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
		t := c.heads.timing
		if t == (headTiming{}) {
			t = defaultHeadTiming
		}
		go c.watchHeads(ctx, t)
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
// number. A transport without subscriptions is polled for good; after a
// failed subscribe on one with them (a WebSocket hiccup) the watcher polls
// and subscribes again later, backing off. Each time it (re)starts
// following it wakes the readers once, for a block it may have missed
// meanwhile.
func (c *Chain) watchHeads(ctx context.Context, t headTiming) {
	retry := t.retry
	for ctx.Err() == nil {
		err := c.followSubscription(ctx, t)
		switch {
		case err == nil: // the subscription ran, then broke: subscribe again
			retry = t.retry
		case subscriptionsUnsupported(err):
			c.pollHeads(ctx, t.poll, nil)
			return
		default:
			wait := time.NewTimer(retry)
			c.pollHeads(ctx, t.poll, wait.C)
			wait.Stop()
			retry = min(2*retry, t.retryMax)
		}
	}
}

// subscriptionsUnsupported tells whether a subscribe failed because the
// endpoint never takes one: the client's answer over HTTP, or a server's
// "method not found". errors.Is(err, rpc.ErrNotificationsUnsupported)
// misses the server's: rpc's Is that accepts its code is the sentinel's,
// not the error's.
func subscriptionsUnsupported(err error) bool {
	var re rpc.Error
	return errors.Is(err, rpc.ErrNotificationsUnsupported) ||
		errors.As(err, &re) && rpc.ErrNotificationsUnsupported.Is(re)
}

// followSubscription wakes the readers at each head the node announces
// until the subscription breaks or ctx ends (nil), or returns why the node
// took no subscription.
func (c *Chain) followSubscription(ctx context.Context, t headTiming) error {
	ch := make(chan *types.Header, 16)
	// The timeout ends only the request: a subscription made outlives it.
	subCtx, cancel := context.WithTimeout(ctx, t.subscribe)
	sub, err := c.rpc.SubscribeNewHead(subCtx, ch)
	cancel()
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	c.newHead()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-sub.Err():
			select {
			case <-ctx.Done():
			case <-time.After(t.poll):
			}
			return nil
		case <-ch:
			c.newHead()
		}
	}
}

// pollHeads wakes the readers whenever the block number moves, asking
// every interval until ctx ends or until fires (nil: never).
func (c *Chain) pollHeads(ctx context.Context, interval time.Duration, until <-chan time.Time) {
	tick := time.NewTicker(interval)
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
		case <-until:
			return
		case <-tick.C:
		}
	}
}
