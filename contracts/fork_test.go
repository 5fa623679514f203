package contracts_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestHeadIsOneBlock: Head's number and hash name the same block.
func TestHeadIsOneBlock(t *testing.T) {
	f := newFixture(t, 1)
	n, hash, err := f.ledger.Head(f.ctx)
	require.NoError(t, err)
	at, err := f.ledger.BlockHash(f.ctx, n)
	require.NoError(t, err)
	require.Equal(t, at, hash)
}

// TestFork: forking at a block's parent and mining puts another block at
// its height (a node on another fork reads that block's state, without
// what the first one recorded); forking back at the first block makes its
// branch canonical again, and the chain's accounts still send.
func TestFork(t *testing.T) {
	f := newFixture(t, 2)
	ctx := f.ctx
	id, _, err := f.ledger.CreateStudy(ctx, f.researcher, f.params())
	require.NoError(t, err)
	n, created, err := f.ledger.Head(ctx)
	require.NoError(t, err)
	parent, err := f.ledger.BlockHash(ctx, n-1)
	require.NoError(t, err)

	next := f.ledger.NextHead()
	require.NoError(t, f.chain.Fork(parent))
	require.True(t, closed(next), "a reorg wakes the readers")
	require.NoError(t, f.chain.AdvanceTime(time.Second)) // another block n
	m, other, err := f.ledger.Head(ctx)
	require.NoError(t, err)
	require.Equal(t, n, m)
	require.NotEqual(t, created, other)
	_, err = f.ledger.Study(ctx, id)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound, "the other fork never created the study")

	require.NoError(t, f.chain.Fork(created))
	at, err := f.ledger.BlockHash(ctx, n)
	require.NoError(t, err)
	require.Equal(t, created, at, "the first branch is canonical again")
	_, err = f.ledger.Study(ctx, id)
	require.NoError(t, err)
	_, err = f.ledger.JoinStudy(ctx, f.members[0], id)
	require.NoError(t, err, "sending after a reorg")
	_, _, err = f.ledger.CreateStudy(ctx, f.researcher, f.params())
	require.NoError(t, err, "the researcher's nonce is read again after the reorg")

	view, _, err := f.chain.Lagging(0)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, view.Close()) })
	require.ErrorIs(t, view.Fork(created), contracts.ErrNotSimulated, "a view does not fork the chain it views")
}
