package coordinator

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// next is the next task on a stream, or fails the test.
func next(t *testing.T, got <-chan *cohortv1.Task) *cohortv1.Task {
	t.Helper()
	select {
	case task, ok := <-got:
		require.True(t, ok, "the stream ended")
		return task
	case <-time.After(30 * time.Second):
		t.Fatal("no task")
		return nil
	}
}

// Every task goes out with the coordinator's chain head when it is sent
// (chain_block): at least the block of every chain write the task depends
// on, so a hospital whose own node lags knows what to wait for. A task
// queued for several members is stamped in copies, never written to.
func TestTasksCarryTheChainHead(t *testing.T) {
	f := newFixture(t)
	ctx := f.ctx
	a := f.hospitals[0].addr()
	got := f.join(t, f.hospitals[0])
	require.Eventually(t, func() bool {
		f.coord.mu.Lock()
		defer f.coord.mu.Unlock()
		return f.coord.peers[a] != nil
	}, 10*time.Second, 10*time.Millisecond)
	round, err := f.ledger.Round(ctx, f.studyID, 1)
	require.NoError(t, err)
	head, err := f.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, head, round.OpenedBlock)
	f.coord.send([]outgoing{{to: a, task: &cohortv1.Task{Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{StudyId: f.studyID, Round: 1}}}}}, ready{})
	train := next(t, got)
	require.NotNil(t, train.GetTrain())
	require.GreaterOrEqual(t, train.GetChainBlock(), head, "at least the block that opened the round")
	requireStampedBlock(t, f, train)

	h := f.hospitals[1]
	f.commit(t, h, f.update(t, h)) // a block later
	head, err = f.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	require.Greater(t, head, train.GetChainBlock())
	done := &cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: f.studyID, FinalModelHash: crypto.Keccak256Hash([]byte("final")).Bytes()}}}
	f.coord.finish(done)
	end := next(t, got)
	require.NotNil(t, end.GetDone())
	require.GreaterOrEqual(t, end.GetChainBlock(), head, "at least the block of the write before it")
	requireStampedBlock(t, f, end)
	require.Zero(t, done.GetChainBlock(), "the shared task is not written to")
	require.Empty(t, done.GetChainBlockHash(), "the shared task is not written to")
	require.Same(t, done.GetDone(), f.coord.done.GetDone())
}

// requireStampedBlock checks that a task's chain_block_hash is the hash of
// the coordinator's block chain_block, and chain_id its chain's id: a
// member compares them with its own node's.
func requireStampedBlock(t *testing.T, f *fixture, task *cohortv1.Task) {
	t.Helper()
	hash, err := f.ledger.BlockHash(f.ctx, task.GetChainBlock())
	require.NoError(t, err)
	require.Equal(t, hash.Bytes(), task.GetChainBlockHash(), "the hash of the block stamped")
	require.Equal(t, f.ledger.ChainID().Uint64(), task.GetChainId())
}

// stamped copies a task's oneof and sets the fields about the chain: a
// field added to Task outside the oneof must be copied there too.
func TestStampedCopiesEveryTaskField(t *testing.T) {
	stamps := []protoreflect.Name{"chain_block", "chain_block_hash", "chain_id"}
	fields := (&cohortv1.Task{}).ProtoReflect().Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if fd.ContainingOneof() == nil {
			require.Contains(t, stamps, fd.Name(), "Task has a field outside the oneof that Coordinator.stamped does not copy")
		}
	}
}

// A coordinator that cannot read its chain head sends the task without a
// block (the member checks it at once) but still names its chain, which
// it knows without a read: a node on another network refuses it all the
// same.
func TestTaskWithoutAHeadStillNamesTheChain(t *testing.T) {
	chain, err := contracts.NewSimulatedChain()
	require.NoError(t, err)
	ledger, err := contracts.Open(chain, common.Address{1})
	require.NoError(t, err)
	require.NoError(t, chain.Close()) // every read fails from now on
	c := &Coordinator{ledger: ledger, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	task := &cohortv1.Task{Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{Round: 1}}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got := c.stamped(ctx, task)
	require.NotSame(t, task, got, "stamped in a copy")
	require.NotNil(t, got.GetTrain())
	require.Zero(t, got.GetChainBlock())
	require.Empty(t, got.GetChainBlockHash())
	require.Equal(t, ledger.ChainID().Uint64(), got.GetChainId())
	require.NotZero(t, got.GetChainId())
}
