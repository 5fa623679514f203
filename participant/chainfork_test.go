package participant

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// stampedAt is the decrypt task as the coordinator sends it at block n
// with hash.
func stampedAt(decrypt *cohortv1.DecryptTask, n uint64, hash common.Hash) *cohortv1.Task {
	return &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: n, ChainBlockHash: hash.Bytes()}
}

// forkAway puts the chain's block n on another fork: what the holder's
// node reads at n from now on is not what the coordinator wrote there.
func (f *trustFixture) forkAway(t *testing.T, n uint64) {
	t.Helper()
	parent, err := f.ledger.BlockHash(f.ctx, n-1)
	require.NoError(t, err)
	require.NoError(t, f.chain.Fork(parent))
	require.NoError(t, f.chain.AdvanceTime(time.Second)) // another block n, without the scores
}

// newForkFixture is a scored round's decrypt task, stamped at the head
// (its number and hash), and holder 2 reading the chain through its own
// node, in sync.
func newForkFixture(t *testing.T, ctx context.Context) (*trustFixture, *Participant, *cohortv1.DecryptTask, uint64, common.Hash) {
	t.Helper()
	f := newTrustFixture(t, ctx)
	tr := f.openRound(t, 1)
	decrypt := f.record(t, tr, tr.weights, tr.evidence)
	head, hash, err := f.ledger.Head(ctx)
	require.NoError(t, err)
	p, _, _ := f.laggingHolder(t, f.chain, 0)
	return f, p, decrypt, head, hash
}

// A holder checks that its node's block at the task's height is the one
// the coordinator stamped, not only that it has a block there: the same
// hash is taken; a node on another fork refuses the task once its bound
// passes, with ErrChainFork naming both hashes and telling the hospital
// what to check, rather than misleading with what the other fork lacks;
// a task without a hash (an older coordinator) is checked as before.
func TestHolderOnAnotherForkRefuses(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f, p, decrypt, head, hash := newForkFixture(t, ctx)
	p.cfg.ChainCatchUp = 50 * time.Millisecond

	t.Run("the coordinator's block", func(t *testing.T) {
		require.NoError(t, p.handle(ctx, stampedAt(decrypt, head, hash)))
		require.Equal(t, 1, f.client.submitted)
	})
	t.Run("a coordinator on another fork", func(t *testing.T) {
		other := crypto.Keccak256Hash([]byte("another fork's block"))
		err := p.handle(ctx, stampedAt(decrypt, head, other))
		require.ErrorIs(t, err, ErrChainFork)
		require.NotErrorIs(t, err, ErrChainBehind)
		require.NotErrorIs(t, err, ErrChainMismatch)
		require.ErrorContains(t, err, fmt.Sprintf("at block %d with hash %s", head, other.Hex()))
		require.ErrorContains(t, err, fmt.Sprintf("has block %s there after 50ms", hash.Hex()))
		require.ErrorContains(t, err, "chain id, genesis block and peers")
		require.Equal(t, 1, f.client.submitted, "no share for the other fork")
	})

	f.forkAway(t, head)
	t.Run("a node on another fork", func(t *testing.T) {
		err := p.handle(ctx, stampedAt(decrypt, head, hash))
		require.ErrorIs(t, err, ErrChainFork)
		require.ErrorContains(t, err, fmt.Sprintf("at block %d with hash %s", head, hash.Hex()))
		require.Equal(t, 1, f.client.submitted)
	})
	t.Run("without a hash, as before", func(t *testing.T) {
		err := p.handle(ctx, stampedAt(decrypt, head, common.Hash{}))
		require.NotErrorIs(t, err, ErrChainFork)
		require.ErrorIs(t, err, ErrChainMismatch, "checked against the other fork's state, which lacks the scores")
		require.Equal(t, 1, f.client.submitted)
	})
}

// A reorg back to the coordinator's fork within the bound resolves the
// difference: the holder waits for it, then gives its share.
func TestHolderWaitsOutAShortReorg(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f, p, decrypt, head, hash := newForkFixture(t, ctx)
	waiting := newLogSignal(msgWaitingForFork)
	p.log = slog.New(waiting)
	f.forkAway(t, head)

	done := handleAsync(ctx, p, stampedAt(decrypt, head, hash))
	select {
	case <-waiting.seen:
	case err := <-done:
		t.Fatalf("the holder did not wait for a reorg: %v", err)
	case <-ctx.Done():
		t.Fatal("the holder neither waited nor answered")
	}
	require.NoError(t, f.chain.Fork(hash)) // its node reorgs to the coordinator's fork
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-ctx.Done():
		t.Fatal("the holder did not answer after the reorg")
	}
	require.Equal(t, 1, f.client.submitted)
}

// A coordinator on another network (chain id) is refused at once, without
// waiting for a block this node may never have.
func TestHolderOnAnotherNetworkRefusesAtOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f, p, decrypt, head, hash := newForkFixture(t, ctx)
	p.cfg.ChainCatchUp = time.Hour
	ours := f.ledger.ChainID().Uint64()

	task := stampedAt(decrypt, head+1<<40, hash)
	task.ChainId = ours + 1
	err := p.handle(ctx, task)
	require.ErrorIs(t, err, ErrChainFork)
	require.ErrorContains(t, err, fmt.Sprintf("from chain %d, and this hospital's Ethereum node serves chain %d", ours+1, ours))
	require.Zero(t, f.client.submitted)

	task = stampedAt(decrypt, head, hash)
	task.ChainId = ours
	require.NoError(t, p.handle(ctx, task))
	require.Equal(t, 1, f.client.submitted)
}

// A block hash that is not 32 bytes long is refused at once as the
// coordinator's error, not waited on as another fork nor cut or padded
// into a hash: 33 bytes ending in the right hash would pass as it, 31
// bytes of it would read as another fork's block for the whole bound.
func TestHolderRefusesAMalformedBlockHash(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f, p, decrypt, head, hash := newForkFixture(t, ctx)
	p.cfg.ChainCatchUp = time.Hour // a refusal "at once" cannot be the bound passing

	for _, tt := range []struct {
		name string
		hash []byte
	}{
		{"short", hash.Bytes()[1:]},
		{"long", append([]byte{0}, hash.Bytes()...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			task := stampedAt(decrypt, head, common.Hash{})
			task.ChainBlockHash = tt.hash
			err := p.handle(tctx, task)
			require.ErrorIs(t, err, ErrChainMismatch)
			require.NotErrorIs(t, err, ErrChainFork)
			require.NoError(t, tctx.Err(), "refused at once, not after a wait")
			require.ErrorContains(t, err, fmt.Sprintf("a %d-byte block hash, want 32", len(tt.hash)))
			require.Zero(t, f.client.submitted, "no share for a malformed task")
		})
	}
	require.NoError(t, p.handle(ctx, stampedAt(decrypt, head, hash)), "the well-formed task is answered")
	require.Equal(t, 1, f.client.submitted)
}
