package contracts_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// closed tells whether ch is closed, without waiting.
func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// TestNextHeadOnTheSimulatedChain: NextHead's channel stays open while
// nothing is mined, and is closed by the time a transaction or a time jump
// that mined a block returns; the next one waits for the block after.
func TestNextHeadOnTheSimulatedChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	from := contracts.NewAccount(newKey(t))
	chain, err := contracts.NewSimulatedChain(from.Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })

	next := chain.NextHead()
	require.False(t, closed(next), "no block yet")
	_, err = chain.BlockNumber(ctx)
	require.NoError(t, err)
	require.False(t, closed(next), "a read mines nothing")
	_, err = chain.Transfer(ctx, from, common.Address{0x42}, big.NewInt(1))
	require.NoError(t, err)
	require.True(t, closed(next), "the transfer's block")

	next = chain.NextHead()
	require.False(t, closed(next), "the block after")
	require.NoError(t, chain.AdvanceTime(time.Hour))
	require.True(t, closed(next), "the time jump's block")
}
