package contracts

import (
	"context"
	"errors"
	"math/big"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeHeads is the "eth" namespace of an in-process node whose newHeads
// subscriptions fail as a test tells them to: just enough for a dialled
// Chain's head watcher.
type fakeHeads struct {
	// fail is the error of the n-th subscribe (from 1); nil serves it.
	fail     func(ctx context.Context, n int) error
	block    atomic.Uint64
	attempts atomic.Int32
	// served receives a function that announces a header on each
	// subscription made.
	served chan func(*types.Header)
}

func (f *fakeHeads) ChainId() *hexutil.Big       { return (*hexutil.Big)(big.NewInt(1337)) }
func (f *fakeHeads) BlockNumber() hexutil.Uint64 { return hexutil.Uint64(f.block.Load()) }
func (f *fakeHeads) subscribes() int             { return int(f.attempts.Load()) }

func (f *fakeHeads) NewHeads(ctx context.Context) (*rpc.Subscription, error) {
	if err := f.fail(ctx, int(f.attempts.Add(1))); err != nil {
		return nil, err
	}
	notifier, ok := rpc.NotifierFromContext(ctx)
	if !ok {
		return nil, rpc.ErrNotificationsUnsupported
	}
	sub := notifier.CreateSubscription()
	f.served <- func(h *types.Header) { _ = notifier.Notify(sub.ID, h) }
	return sub, nil
}

// dialFake serves f over WebSocket (or HTTP) on loopback and dials it, with
// the head watcher's waits shortened.
func dialFake(t *testing.T, f *fakeHeads, websocket bool) *Chain {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	f.served = make(chan func(*types.Header), 8)
	srv := rpc.NewServer()
	require.NoError(t, srv.RegisterName("eth", f))
	url := ""
	if websocket {
		ts := httptest.NewServer(srv.WebsocketHandler([]string{"*"}))
		t.Cleanup(ts.Close)
		url = "ws" + strings.TrimPrefix(ts.URL, "http")
	} else {
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		url = ts.URL
	}
	t.Cleanup(srv.Stop)
	c, err := DialChain(ctx, url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	// A subscribe is bounded by 2 s: the node that never answers is waited
	// out once, and one that answers is never taken for it (at 200 ms, a
	// subscribe answered in 300 ms was counted as a failure).
	c.heads.timing = headTiming{poll: 10 * time.Millisecond, retry: 50 * time.Millisecond, retryMax: 200 * time.Millisecond, subscribe: 2 * time.Second}
	return c
}

// waitClosed fails the test unless ch is closed within d.
func waitClosed(t *testing.T, ch <-chan struct{}, d time.Duration, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(d):
		t.Fatal(what)
	}
}

// TestHeadsResubscribeAfterAFailedSubscribe: when the first newHeads
// subscribe on a WebSocket fails (an error, or no answer), the watcher
// polls meanwhile and subscribes again, and heads the node announces then
// wake NextHead while the block number stands still (so polling did not).
func TestHeadsResubscribeAfterAFailedSubscribe(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	tests := []struct {
		name  string
		first func(ctx context.Context) error
	}{
		{"error", func(context.Context) error { return errors.New("websocket hiccup") }},
		{"no answer", func(ctx context.Context) error {
			select { // until the connection closes, far past the watcher's timeout
			case <-ctx.Done():
			case <-release:
			}
			return errors.New("too late")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeHeads{fail: func(ctx context.Context, n int) error {
				if n == 1 {
					return tt.first(ctx)
				}
				return nil
			}}
			f.block.Store(7)
			c := dialFake(t, f, true)

			waitClosed(t, c.NextHead(), c.heads.timing.subscribe+5*time.Second, "the watcher never polled after the failed subscribe")
			next := c.NextHead()
			var announce func(*types.Header)
			select {
			case announce = <-f.served:
			case <-time.After(5 * time.Second):
				t.Fatalf("never subscribed again after the first subscribe failed (%d subscribes)", f.subscribes())
			}
			waitClosed(t, next, 5*time.Second, "no wake on subscribing again")

			next = c.NextHead()
			select {
			case <-next:
				t.Fatal("woken with the block number standing still")
			default:
			}
			announce(&types.Header{Number: big.NewInt(8), Difficulty: new(big.Int)})
			waitClosed(t, next, 5*time.Second, "the head announced on the new subscription did not wake NextHead")
			assert.Equal(t, 2, f.subscribes())
		})
	}
}

// TestHeadsPollWithoutSubscriptions: over HTTP (no subscriptions, known to
// the client) or from a WebSocket server that answers that it takes none,
// the watcher polls the block number and never asks to subscribe again.
func TestHeadsPollWithoutSubscriptions(t *testing.T) {
	tests := []struct {
		name      string
		websocket bool
		asked     int // subscribes the server sees
	}{
		{"http", false, 0},
		{"websocket, not supported", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeHeads{fail: func(context.Context, int) error { return rpc.ErrNotificationsUnsupported }}
			f.block.Store(7)
			c := dialFake(t, f, tt.websocket)

			waitClosed(t, c.NextHead(), 5*time.Second, "the watcher never polled")
			next := c.NextHead()
			f.block.Store(8)
			waitClosed(t, next, 5*time.Second, "polling missed the new block")
			// Several times retryMax: a watcher that took this for a
			// hiccup would have asked again by now.
			time.Sleep(4 * c.heads.timing.retryMax)
			assert.Equal(t, tt.asked, f.subscribes())
		})
	}
}

// TestSubscriptionsUnsupported tells "this endpoint takes no
// subscriptions" apart from a failure of the moment.
func TestSubscriptionsUnsupported(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{rpc.ErrNotificationsUnsupported, true},
		{errors.Join(errors.New("subscribing"), rpc.ErrNotificationsUnsupported), true},
		{context.DeadlineExceeded, false},
		{errors.New("websocket: close 1006 (abnormal closure)"), false},
		{rpc.ErrClientQuit, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, subscriptionsUnsupported(tt.err), "%v", tt.err)
	}
}
