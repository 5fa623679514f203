package contracts

import (
	"errors"
	"fmt"
	"testing"

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
