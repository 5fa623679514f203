package contracts

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSendAfterAnotherProcessUsedTheKey sends from an account whose nonce
// another process used meanwhile (a hospital's `cohort member vote` beside
// its node): the send re-reads the nonce and goes through instead of
// failing with "nonce too low".
func TestSendAfterAnotherProcessUsedTheKey(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	from, to := testAccount(t), common.Address{0x42}
	chain, err := NewSimulatedChain(from.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	_, err = chain.Transfer(ctx, from, to, big.NewInt(1)) // the chain now knows the next nonce: 1
	require.NoError(t, err)

	// Another process sends nonce 1 from the same key.
	head, err := chain.client.HeaderByNumber(ctx, nil)
	require.NoError(t, err)
	other, err := types.SignNewTx(from.key, chain.signer, &types.DynamicFeeTx{
		ChainID: chain.chainID, Nonce: 1, GasTipCap: big.NewInt(params.GWei), GasFeeCap: new(big.Int).Add(big.NewInt(params.GWei), new(big.Int).Mul(head.BaseFee, big.NewInt(2))),
		Gas: params.TxGas, To: &to, Value: big.NewInt(1),
	})
	require.NoError(t, err)
	require.NoError(t, chain.client.SendTransaction(ctx, other))
	chain.sim.Commit()

	r, err := chain.Transfer(ctx, from, to, big.NewInt(1))
	require.NoError(t, err, "the send recovers from the nonce the other process used")
	tx, _, err := chain.sim.Client().TransactionByHash(ctx, r.TxHash)
	require.NoError(t, err)
	assert.Equal(t, uint64(2), tx.Nonce())
	got, err := chain.sim.Client().BalanceAt(ctx, to, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(3), got.Int64(), "all three transfers arrived")

	assert.True(t, isNonceTooLow(errors.New("nonce too low: next nonce 3, tx nonce 2")), "the message that comes over JSON-RPC")
	assert.False(t, isNonceTooLow(errors.New("insufficient funds for gas * price + value")))
}

// laggingLogIndex fails the first fails log queries as geth does when its
// log index has not caught up with a block just mined.
type laggingLogIndex struct {
	client
	fails, calls int
	err          error
}

func (l *laggingLogIndex) FilterLogs(context.Context, ethereum.FilterQuery) ([]types.Log, error) {
	l.calls++
	if l.calls <= l.fails {
		return nil, l.err
	}
	return []types.Log{{Index: 7}}, nil
}

// TestFilterLogsWaitsForTheLogIndex asks a log query again when it raced
// the node's log index, and only then.
func TestFilterLogsWaitsForTheLogIndex(t *testing.T) {
	behind := errors.New("failed to retrieve log value pointer after last block 23: failed to retrieve log value pointer of block 24: not found")
	tests := []struct {
		name      string
		fails     int
		err       error
		wantCalls int
		wantErr   bool
	}{
		{"answered at once", 0, behind, 1, false},
		{"index catches up", 2, behind, 3, false},
		{"index never catches up", 100, behind, filterLogRetries, true},
		{"another error is not retried", 1, errors.New("query returned more than 10000 results"), 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			l := &laggingLogIndex{fails: tt.fails, err: tt.err}
			logs, err := (&Chain{client: l}).filterLogs(ctx, ethereum.FilterQuery{})
			assert.Equal(t, tt.wantCalls, l.calls)
			if tt.wantErr {
				require.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []types.Log{{Index: 7}}, logs)
		})
	}
}
