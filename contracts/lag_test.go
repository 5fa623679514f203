package contracts_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestLaggingView: a view held a block behind the chain reads the ledger
// as of that block (a study just created is not there yet, nor the block
// that created it), learns of the chain's blocks through NextHead, writes
// to the chain at once, and catches up when its lag is set to 0.
func TestLaggingView(t *testing.T) {
	f := newFixture(t, 3)
	ctx := f.ctx
	view, lag, err := f.chain.Lagging(1)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, view.Close()) })
	lagging, err := contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)

	next := lagging.NextHead()
	id, _, err := f.ledger.CreateStudy(ctx, f.researcher, f.params())
	require.NoError(t, err)
	select {
	case <-next: // the chain's block reaches the view's readers
	case <-ctx.Done():
		t.Fatal("the view's NextHead was not closed at the chain's block")
	}
	head, err := f.chain.BlockNumber(ctx)
	require.NoError(t, err)
	seen, err := lagging.BlockNumber(ctx)
	require.NoError(t, err)
	require.Equal(t, head-1, seen, "a block behind")
	_, err = view.BlockHash(ctx, head)
	require.Error(t, err, "the head's block is not known to the view yet")
	_, err = lagging.Study(ctx, id)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound, "the study is in the block the view has not imported")

	// Writes go to the chain at once; the view sees them a block later.
	_, err = f.ledger.JoinStudy(ctx, f.members[0], id)
	require.NoError(t, err)
	_, err = lagging.JoinStudy(ctx, f.members[1], id)
	require.NoError(t, err)
	study, err := f.ledger.Study(ctx, id)
	require.NoError(t, err)
	require.Len(t, study.Participants, 2, "the view's transaction is the chain's")
	got, err := lagging.Study(ctx, id)
	require.NoError(t, err)
	require.Equal(t, study.Participants[:1], got.Participants, "as of the block before the view's own join")

	// A dry run of a join answers as the chain's head does, where the
	// view's transactions go: the view's own join stands there, though the
	// view does not read it yet; the other member could join, and sends
	// nothing by asking.
	in, err := lagging.IsParticipant(ctx, id, f.members[1].Address())
	require.NoError(t, err)
	require.False(t, in)
	require.ErrorIs(t, lagging.CheckJoin(ctx, f.members[1].Address(), id), contracts.ErrAlreadyJoined)
	before, err := f.chain.BlockNumber(ctx)
	require.NoError(t, err)
	require.NoError(t, lagging.CheckJoin(ctx, f.members[2].Address(), id))
	after, err := f.chain.BlockNumber(ctx)
	require.NoError(t, err)
	require.Equal(t, before, after, "a dry run mines nothing")

	next = lagging.NextHead()
	lag.Set(0)
	require.True(t, closed(next), "catching up wakes the view's readers")
	seen, err = lagging.BlockNumber(ctx)
	require.NoError(t, err)
	head, err = f.chain.BlockNumber(ctx)
	require.NoError(t, err)
	require.Equal(t, head, seen)
	got, err = lagging.Study(ctx, id)
	require.NoError(t, err)
	require.Equal(t, study.Participants, got.Participants)
}
