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

// TestIsLogsRefusal: the refusals of nodes and providers are recognised
// (wrapped or not), and other errors, rate limits among them, are not.
func TestIsLogsRefusal(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{errors.New("exceed maximum block range 10000"), true},                                  // geth --rpc.rangelimit
		{errors.New("exceed maximum block range: 5000"), true},                                  // BSC
		{errors.New("block range is too large"), true},                                          // public endpoints
		{errors.New("Block range too wide: max 3000"), true},                                    // Ankr
		{errors.New("Requested range exceeds maximum range limit"), true},                       // Besu
		{errors.New("eth_getLogs is limited to a 10,000 range"), true},                          // QuickNode
		{errors.New("query returned more than 10000 results. Try with this block range"), true}, // Infura
		{errors.New("Log response size exceeded. You can make eth_getLogs requests"), true},     // Alchemy
		{errors.New("query timeout exceeded"), true},
		{fmt.Errorf("reading: %w", errors.New("Too many results, max results is 10000")), true},
		{rpc.HTTPError{StatusCode: 413, Status: "413 Request Entity Too Large"}, true},
		{errors.New("invalid block range params"), false}, // geth: from after to
		{errors.New("project ID request rate exceeded"), false},
		{errors.New("429 Too Many Requests: rate limit exceeded"), false},
		{errors.New("connection refused"), false},
		{errors.New(logIndexBehind), false},
	} {
		require.Equal(t, tc.want, isLogsRefusal(tc.err), "%v", tc.err)
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

// TestLogWindowHalvesAndGrowsBack: a window the node refuses is asked
// again in halves; after four windows served the window doubles, up to
// its configured size; the window reached is where the next query starts.
func TestLogWindowHalvesAndGrowsBack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var asked [][2]uint64
	limits := &LogLimits{MaxRange: 4, RangeMessage: "exceed maximum block range 3", OnQuery: func(q ethereum.FilterQuery) {
		asked = append(asked, [2]uint64{q.FromBlock.Uint64(), q.ToBlock.Uint64()})
	}}
	c := &Chain{client: limitedLogsClient{client: quietNode{head: 29}, limits: limits}}
	c.SetLogWindow(8)
	_, err := c.filterLogs(ctx, ethereum.FilterQuery{})
	require.NoError(t, err)
	require.Equal(t, [][2]uint64{
		{0, 7}, // refused
		{0, 3}, {4, 7}, {8, 11}, {12, 15},
		{16, 23}, // grown back, refused
		{16, 19}, {20, 23}, {24, 27}, {28, 29},
	}, asked)
	require.EqualValues(t, 2, limits.Refused.Load())
	require.EqualValues(t, 8, c.logWindow.now.Load(), "grown back after four windows served")

	asked = nil
	_, err = c.filterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(20), ToBlock: big.NewInt(22)})
	require.NoError(t, err)
	require.Equal(t, [][2]uint64{{20, 22}}, asked, "a range within the window is one query")
}
