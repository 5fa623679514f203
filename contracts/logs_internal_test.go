package contracts

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"
)

// TestLogsRefusal: the refusals of nodes and providers are recognised
// (wrapped or not), as of a range too wide or of too many results, and
// other errors, rate limits among them, are not.
func TestLogsRefusal(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want refusal
	}{
		{errors.New("exceed maximum block range 10000"), refusedTooWide},                                  // geth --rpc.rangelimit
		{errors.New("exceed maximum block range: 5000"), refusedTooWide},                                  // BSC
		{errors.New("block range is too large"), refusedTooWide},                                          // public endpoints
		{errors.New("Block range too wide: max 3000"), refusedTooWide},                                    // Ankr
		{errors.New("Requested range exceeds maximum range limit"), refusedTooWide},                       // Besu
		{errors.New("eth_getLogs is limited to a 10,000 range"), refusedTooWide},                          // QuickNode
		{errors.New("query returned more than 10000 results. Try with this block range"), refusedTooMany}, // Infura
		{errors.New("Log response size exceeded. You can make eth_getLogs requests"), refusedTooMany},     // Alchemy
		{errors.New("query timeout exceeded"), refusedTooMany},
		{fmt.Errorf("reading: %w", errors.New("Too many results, max results is 10000")), refusedTooMany},
		{rpc.HTTPError{StatusCode: 413, Status: "413 Request Entity Too Large"}, refusedTooMany},
		{errors.New("invalid block range params"), notRefused}, // geth: from after to
		{errors.New("project ID request rate exceeded"), notRefused},
		{errors.New("429 Too Many Requests: rate limit exceeded"), notRefused},
		{errors.New("connection refused"), notRefused},
		{errors.New(logIndexBehind), notRefused},
		{errors.New("block range extends beyond current head block"), notRefused}, // retried as is
	} {
		require.Equal(t, tc.want, logsRefusal(tc.err), "%v", tc.err)
	}
}

// TestAppendLogs: a window's logs join the answer in chain order, without
// reorged logs, logs outside the window or ones repeated at its edge.
func TestAppendLogs(t *testing.T) {
	lg := func(block uint64, index uint, removed bool) types.Log {
		return types.Log{BlockNumber: block, Index: index, Removed: removed}
	}
	out := appendLogs(nil, []types.Log{lg(3, 1, false), lg(2, 0, false), lg(3, 0, false)}, 1, 3)
	out = appendLogs(out, []types.Log{lg(3, 1, false), lg(4, 2, true), lg(5, 0, false), lg(4, 1, false), lg(9, 0, false)}, 3, 6)
	require.Equal(t, []types.Log{lg(2, 0, false), lg(3, 0, false), lg(3, 1, false), lg(4, 1, false), lg(5, 0, false)}, out)
}

// quietNode is a node at block head whose blocks hold no logs.
type quietNode struct {
	client
	head uint64
}

func (n quietNode) BlockNumber(context.Context) (uint64, error) { return n.head, nil }
func (n quietNode) FilterLogs(context.Context, ethereum.FilterQuery) ([]types.Log, error) {
	return nil, nil
}

// recordRanges has limits record the block range of each log query it
// is asked, in order.
func recordRanges(limits *LogLimits) *[][2]uint64 {
	var asked [][2]uint64
	limits.OnQuery = func(q ethereum.FilterQuery) {
		asked = append(asked, [2]uint64{q.FromBlock.Uint64(), q.ToBlock.Uint64()})
	}
	return &asked
}

// TestLogWindowLearnsTheProvidersRangeCap: a window the node refuses as
// too wide is asked again in halves, and the window never grows back to a
// width the node refused, in this query or the chain's later ones: a walk
// under a fixed cap narrower than the configured window is refused once,
// and then never. (The window grew back after four windows served, and
// was refused again, about one window in five.)
func TestLogWindowLearnsTheProvidersRangeCap(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	limits := &LogLimits{MaxRange: 5, RangeMessage: "exceed maximum block range 5"}
	asked := recordRanges(limits)
	c := &Chain{client: limitedLogsClient{client: quietNode{head: 99}, limits: limits}}
	c.SetLogWindow(8)
	_, err := c.filterLogs(ctx, ethereum.FilterQuery{ToBlock: big.NewInt(29)})
	require.NoError(t, err)
	require.Equal(t, [][2]uint64{
		{0, 7}, // refused
		{0, 3}, {4, 7}, {8, 11}, {12, 15}, {16, 19}, {20, 23}, {24, 27}, {28, 29},
	}, *asked)
	require.EqualValues(t, 1, limits.Refused.Load())

	_, err = c.filterLogs(ctx, ethereum.FilterQuery{})
	require.NoError(t, err)
	require.EqualValues(t, 1, limits.Refused.Load(), "the chain's later queries keep what the first learned")

	*asked = nil
	_, err = c.filterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(20), ToBlock: big.NewInt(22)})
	require.NoError(t, err)
	require.Equal(t, [][2]uint64{{20, 22}}, *asked, "a range within the window is one query")

	// Probing a cap far below the window takes a refusal per halving, and
	// the window grows back to the widest served below the narrowest
	// refused. Queries running at once share what each learns.
	limits = &LogLimits{MaxRange: 5, RangeMessage: "block range is too large"}
	c = &Chain{client: limitedLogsClient{client: quietNode{head: 999}, limits: limits}}
	c.SetLogWindow(32)
	_, err = c.filterLogs(ctx, ethereum.FilterQuery{})
	require.NoError(t, err)
	require.EqualValues(t, 3, limits.Refused.Load(), "32, 16 and 8 refused")
	require.EqualValues(t, 4, c.logWindow.now.Load())
	done := make(chan error)
	for range 4 {
		go func() {
			_, err := c.filterLogs(ctx, ethereum.FilterQuery{})
			done <- err
		}()
	}
	for range 4 {
		require.NoError(t, <-done)
	}
	require.EqualValues(t, 3, limits.Refused.Load(), "no refusal once the cap is learned")
}

// denseNode is a node at block head each of whose blocks holds one log.
type denseNode struct {
	client
	head uint64
}

func (n denseNode) BlockNumber(context.Context) (uint64, error) { return n.head, nil }
func (n denseNode) FilterLogs(_ context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	var logs []types.Log
	for b := q.FromBlock.Uint64(); b <= q.ToBlock.Uint64(); b++ {
		logs = append(logs, types.Log{BlockNumber: b})
	}
	return logs, nil
}

// TestLogWindowGrowsBackAfterTooManyResults: a window refused for its
// results, not its width, is asked again in halves and grows back after
// four windows served, up to its configured size: how many logs a window
// holds varies along the chain, so a dense stretch does not narrow every
// later query.
func TestLogWindowGrowsBackAfterTooManyResults(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	limits := &LogLimits{MaxResults: 4, ResultsMessage: "query returned more than 10000 results"}
	asked := recordRanges(limits)
	c := &Chain{client: limitedLogsClient{client: denseNode{head: 29}, limits: limits}}
	c.SetLogWindow(8)
	_, err := c.filterLogs(ctx, ethereum.FilterQuery{})
	require.NoError(t, err)
	require.Equal(t, [][2]uint64{
		{0, 7}, // refused
		{0, 3}, {4, 7}, {8, 11}, {12, 15},
		{16, 23}, // grown back, refused
		{16, 19}, {20, 23}, {24, 27}, {28, 29},
	}, *asked)
	require.EqualValues(t, 2, limits.Refused.Load())
	require.EqualValues(t, 8, c.logWindow.now.Load(), "grown back after four windows served")
}

// behindHeadNode is a load-balanced provider whose backends are behind
// the head it reported: it answers the first behind log queries with the
// provider's refusal, then serves one log per query.
type behindHeadNode struct {
	client
	behind  int
	asked   *int
	onQuery func()
}

func (n behindHeadNode) BlockNumber(context.Context) (uint64, error) { return 9, nil }
func (n behindHeadNode) FilterLogs(_ context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	*n.asked++
	if n.onQuery != nil {
		n.onQuery()
	}
	if *n.asked <= n.behind {
		return nil, providerError{-32000, "block range extends beyond current head block"}
	}
	return []types.Log{{BlockNumber: q.ToBlock.Uint64()}}, nil
}

// TestLogQueryWaitsForABackendBehindTheHead: a provider that answers
// "block range extends beyond current head block" (a backend behind the
// head the query pinned) is asked the same range again after a growing
// wait, not a narrower one, until it serves; one that keeps answering so
// gives ErrNodeBehindHead saying what it means, after a bounded number
// of tries; a context that ends stops the waits. (The answer was passed
// on as an error at once.)
func TestLogQueryWaitsForABackendBehindTheHead(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	asked := 0
	c := &Chain{client: behindHeadNode{behind: 3, asked: &asked}, behindHeadWait: time.Millisecond}
	logs, err := c.filterLogs(ctx, ethereum.FilterQuery{})
	require.NoError(t, err)
	require.Equal(t, []types.Log{{BlockNumber: 9}}, logs, "the whole range, once served")
	require.Equal(t, 4, asked)
	require.Zero(t, c.logWindow.tooWide.Load(), "not a refusal of the range")

	asked = 0
	c = &Chain{client: behindHeadNode{behind: 1000, asked: &asked}, behindHeadWait: time.Millisecond}
	_, err = c.filterLogs(ctx, ethereum.FilterQuery{})
	require.ErrorIs(t, err, ErrNodeBehindHead)
	require.ErrorContains(t, err, "block range extends beyond current head block")
	require.ErrorContains(t, err, "point chain.rpc at")
	require.NotContains(t, err.Error(), "log_window", "not a matter of the window")
	require.Equal(t, behindHeadTries, asked)

	asked = 0
	stopped, stop := context.WithCancel(ctx)
	defer stop()
	c = &Chain{client: behindHeadNode{behind: 1000, asked: &asked, onQuery: stop}, behindHeadWait: time.Hour}
	_, err = c.filterLogs(stopped, ethereum.FilterQuery{})
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 1, asked)
}
