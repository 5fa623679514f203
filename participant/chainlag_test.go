package participant

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// logSignal is a log handler that closes seen at the first record with
// message msg: a test waits on it to know the node got that far.
type logSignal struct {
	slog.Handler
	msg  string
	seen chan struct{}
	once *sync.Once
}

func newLogSignal(msg string) logSignal {
	return logSignal{Handler: slog.DiscardHandler, msg: msg, seen: make(chan struct{}), once: new(sync.Once)}
}

func (h logSignal) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.once.Do(func() { close(h.seen) })
	}
	return nil
}

func (h logSignal) Enabled(context.Context, slog.Level) bool { return true }
func (h logSignal) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h logSignal) WithGroup(string) slog.Handler            { return h }

// laggingHolder is the fixture's hospital 2 reading the chain through its
// own node, held behind blocks behind the coordinator's.
func (f *trustFixture) laggingHolder(t *testing.T, chain *contracts.Chain, behind uint64) (*Participant, *contracts.Lag, logSignal) {
	t.Helper()
	view, lag, err := chain.Lagging(behind)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	p := f.participant()
	p.ledger, err = contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)
	waiting := newLogSignal(msgWaitingForChain)
	p.log = slog.New(waiting)
	return p, lag, waiting
}

// handleAsync runs p.handle(task) and returns where its error comes.
func handleAsync(ctx context.Context, p *Participant, task *cohortv1.Task) <-chan error {
	done := make(chan error, 1)
	go func() { done <- p.handle(ctx, task) }()
	return done
}

// A holder whose own node is two blocks behind the coordinator's does not
// see the contributor list the coordinator pinned, nor the scores it
// recorded, when the decrypt task arrives. Asked without a block (as
// before tasks carried one) it refuses, as it always did; asked with the
// coordinator's head it waits until its node has that block, then checks
// the task against the chain and gives its share.
func TestLaggingHolderWaitsForThePinnedList(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	tr := f.openRound(t, 1)
	decrypt := f.record(t, tr, tr.weights, tr.evidence) // the pin, then the scores: the last two blocks
	head, err := f.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	p, lag, waiting := f.laggingHolder(t, f.chain, 2)

	err = p.handle(ctx, &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}})
	require.ErrorIs(t, err, ErrChainMismatch, "a task without a block is checked at once, against a chain without the pin")
	require.ErrorContains(t, err, "not pinned on chain")
	require.Zero(t, f.client.submitted)

	done := handleAsync(ctx, p, &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: head})
	select {
	case <-waiting.seen:
	case err := <-done:
		t.Fatalf("the holder did not wait for block %d: %v", head, err)
	case <-ctx.Done():
		t.Fatal("the holder neither waited nor answered")
	}
	lag.Set(0) // its node imports the coordinator's blocks
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-ctx.Done():
		t.Fatal("the holder did not answer once its node caught up")
	}
	require.Equal(t, 1, f.client.submitted, "the decryption share, once the node saw the pin")
}

// A holder whose node stays behind the coordinator's block for longer than
// its bound refuses the task with ErrChainBehind, which names both blocks
// and tells the hospital to check its node, not with ErrChainMismatch (it
// found nothing wrong with the task: it could not check it).
func TestHolderWhoseNodeStaysBehindRefuses(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	tr := f.openRound(t, 1)
	decrypt := f.record(t, tr, tr.weights, tr.evidence)
	head, err := f.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	p, _, _ := f.laggingHolder(t, f.chain, 2)
	p.cfg.ChainCatchUp = 50 * time.Millisecond

	err = p.handle(ctx, &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: head})
	require.ErrorIs(t, err, ErrChainBehind)
	require.NotErrorIs(t, err, ErrChainMismatch)
	require.ErrorContains(t, err, fmt.Sprintf("decrypt task at block %d", head))
	require.ErrorContains(t, err, fmt.Sprintf("still at block %d after 50ms", head-2))
	require.ErrorContains(t, err, "check that the node is synced")
	require.Zero(t, f.client.submitted)
}

// A coordinator that names a block far ahead of the chain stalls that one
// task for the node's bound and no longer, or until the node stops: the
// node refuses it and takes the next task as usual.
func TestTaskAtAFarBlockStallsOnlyThatTask(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	tr := f.openRound(t, 1)
	decrypt := f.record(t, tr, tr.weights, tr.evidence)
	head, err := f.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	p, _, waiting := f.laggingHolder(t, f.chain, 0) // in sync
	far := head + 1<<40

	t.Run("until the node stops", func(t *testing.T) {
		p.cfg.ChainCatchUp = time.Hour
		stop, stopNode := context.WithCancel(ctx)
		done := handleAsync(stop, p, &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: far})
		select {
		case <-waiting.seen:
		case err := <-done:
			t.Fatalf("the node did not wait: %v", err)
		case <-ctx.Done():
			t.Fatal("the node neither waited nor answered")
		}
		stopNode() // as the chain watcher does when the study ends
		select {
		case err := <-done:
			require.ErrorIs(t, err, context.Canceled)
		case <-ctx.Done():
			t.Fatal("the wait outlived the node's context")
		}
	})
	t.Run("for the bound", func(t *testing.T) {
		p.cfg.ChainCatchUp = 50 * time.Millisecond
		start := time.Now()
		done := handleAsync(ctx, p, &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: far})
		select {
		case err := <-done:
			require.ErrorIs(t, err, ErrChainBehind)
			require.ErrorContains(t, err, fmt.Sprintf("at block %d, and this hospital's Ethereum node was still at block %d", far, head))
		case <-ctx.Done():
			t.Fatal("the wait outlived its bound")
		}
		require.GreaterOrEqual(t, time.Since(start), p.cfg.ChainCatchUp, "it waited for the chain first")
		require.Zero(t, f.client.submitted)
	})
	t.Run("the next task is taken", func(t *testing.T) {
		require.NoError(t, p.handle(ctx, &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: head}))
		require.Equal(t, 1, f.client.submitted)
	})
}
