package participant

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// studyChain is a simulated chain with a study of two founding hospitals
// (h, already joined, and late), a collective key and a coordinator, for
// tests of how a node joins, leaves and ends.
type studyChain struct {
	chain           *contracts.Chain
	ledger          *contracts.Ledger
	h, late, coord  *contracts.Account
	hKey, lateKey   *ecdsa.PrivateKey
	id              uint64
	open, closeOpen func(r uint32)
}

func newStudyChain(t *testing.T, ctx context.Context, rounds uint32) *studyChain {
	t.Helper()
	hKey, lateKey := mustKey(t), mustKey(t)
	c := &studyChain{hKey: hKey, lateKey: lateKey}
	c.h, c.late, c.coord = contracts.NewAccount(hKey), contracts.NewAccount(lateKey), contracts.NewAccount(mustKey(t))
	chain, err := contracts.NewSimulatedChain(c.h.Address(), c.late.Address(), c.coord.Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	c.chain = chain
	c.ledger, _, err = contracts.Deploy(ctx, chain, c.h, []contracts.Member{
		{Address: c.h.Address(), Name: "hospital-1", TLSFingerprint: common.Hash{1}},
		{Address: c.late.Address(), Name: "hospital-2", TLSFingerprint: common.Hash{2}},
	})
	require.NoError(t, err)
	c.id, _, err = c.ledger.CreateStudy(ctx, c.h, contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: rounds, MinParticipants: 1, Threshold: 1,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{3}, Coordinator: c.coord.Address(),
	})
	require.NoError(t, err)
	_, err = c.ledger.JoinStudy(ctx, c.h, c.id)
	require.NoError(t, err)
	_, err = c.ledger.SetPublicKeyHash(ctx, c.coord, c.id, common.Hash{4})
	require.NoError(t, err)
	c.open = func(r uint32) {
		_, err := c.ledger.OpenRound(ctx, c.coord, c.id, r, common.Hash{byte(r)}, time.Now().Add(time.Hour))
		require.NoError(t, err)
		_, err = c.ledger.CommitUpdate(ctx, c.h, c.id, r, contracts.Commitment{CiphertextHash: common.Hash{9, byte(r)}, Samples: 10, ConsentRoot: common.Hash{8}})
		require.NoError(t, err)
	}
	c.closeOpen = func(r uint32) {
		_, err := c.ledger.CloseRound(ctx, c.coord, c.id, r, contracts.RoundResult{AggregateHash: common.Hash{5}, ModelHash: common.Hash{6}, Accuracy: 0.5, AUC: 0.5, Loss: 0.7, Participants: 1})
		require.NoError(t, err)
	}
	return c
}

// TestJoinRunningStudy starts a node's join while a round is open: it
// waits, joins in the gap after the round closes (before the coordinator
// opens the next one), and refuses to wait for a completed study.
func TestJoinRunningStudy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 2)
	ledger, late, coord, id, round, closeRound := c.ledger, c.late, c.coord, c.id, c.open, c.closeOpen
	node := &Participant{
		cfg:    Config{Name: "hospital-2", StudyID: id, RetryBase: 20 * time.Millisecond},
		ledger: ledger, account: late, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}

	round(1)
	joined := make(chan error, 1)
	go func() { joined <- node.joinStudy(ctx) }()
	select {
	case err := <-joined:
		t.Fatalf("joined while round 1 was open: %v", err)
	case <-time.After(time.Second):
	}
	// The node joins once round 1 closes, before round 2 opens. Round 2
	// waits for the join here: a quarter-second gap, as a coordinator's
	// enrolment window, was missed under -race on a loaded machine.
	closeRound(1)
	select {
	case err := <-joined:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("the node did not join after round 1 closed")
	}
	round(2)
	ok, err := ledger.IsParticipant(ctx, id, late.Address())
	require.NoError(t, err)
	assert.True(t, ok, "joined between rounds")
	closeRound(2)

	// A completed study admits no one: the node stops instead of waiting.
	other := &Participant{cfg: node.cfg, ledger: ledger, account: coord, log: node.log}
	err = other.joinStudy(ctx)
	require.ErrorIs(t, err, contracts.ErrEnrolmentClosed)
}

// silentCoordinator accepts a node's join and then never sends a task: a
// coordinator whose end-of-study message was lost, or that no longer counts
// the node in.
type silentCoordinator struct{ cohortv1.CoordinatorClient }

func (silentCoordinator) Join(ctx context.Context, _ *cohortv1.JoinRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.Task], error) {
	return silentStream{ctx: ctx}, nil
}

type silentStream struct {
	grpc.ClientStream
	ctx context.Context
}

func (s silentStream) Recv() (*cohortv1.Task, error) {
	<-s.ctx.Done()
	return nil, status.FromContextError(s.ctx.Err()).Err()
}

// TestSessionEndsFromTheChain: a connected node that is sent nothing more
// stops when the chain says the study completed (a clean end) or that its
// hospital left the study (ErrLeftStudy), and goes on waiting otherwise.
func TestSessionEndsFromTheChain(t *testing.T) {
	for _, tc := range []struct {
		name    string
		end     func(t *testing.T, ctx context.Context, c *studyChain)
		wantErr error
	}{
		{"study completed", func(t *testing.T, _ context.Context, c *studyChain) { c.closeOpen(1) }, nil},
		{"hospital left", func(t *testing.T, ctx context.Context, c *studyChain) {
			c.closeOpen(1) // a participant leaves between rounds
			_, err := c.ledger.LeaveStudy(ctx, c.late, c.id)
			require.NoError(t, err)
		}, ErrLeftStudy},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			rounds := uint32(1)
			if tc.wantErr != nil {
				rounds = 2
			}
			c := newStudyChain(t, ctx, rounds)
			_, err := c.ledger.JoinStudy(ctx, c.late, c.id)
			require.NoError(t, err)
			c.open(1)
			node := &Participant{
				steps:  steps{name: "hospital-2", studyID: c.id, self: c.late.Address(), key: c.lateKey},
				cfg:    Config{Name: "hospital-2", StudyID: c.id, RetryBase: 20 * time.Millisecond},
				client: silentCoordinator{}, ledger: c.ledger, account: c.late,
				log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			}
			type result struct {
				done bool
				err  error
			}
			ended := make(chan result, 1)
			go func() {
				done, _, err := node.session(ctx)
				ended <- result{done, err}
			}()
			select {
			case r := <-ended:
				t.Fatalf("the session ended while the study ran: done %v, %v", r.done, r.err)
			case <-time.After(5 * node.cfg.chainPoll()):
			}
			tc.end(t, ctx, c)
			select {
			case r := <-ended:
				if tc.wantErr != nil {
					require.ErrorIs(t, r.err, tc.wantErr)
					assert.False(t, r.done)
					assert.False(t, retryable(r.err), "a node that left does not join again")
					return
				}
				require.NoError(t, r.err)
				assert.True(t, r.done)
			case <-time.After(20 * time.Second):
				t.Fatal("the session did not end after the chain changed")
			}
		})
	}
}

// joinRecorder is a silent coordinator that passes on the join requests
// it gets.
type joinRecorder struct {
	silentCoordinator
	got chan *cohortv1.JoinRequest
}

func (r joinRecorder) Join(ctx context.Context, req *cohortv1.JoinRequest, opts ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.Task], error) {
	r.got <- req
	return r.silentCoordinator.Join(ctx, req, opts...)
}

// recordedLateNode is the node of c's second hospital, not yet joined,
// whose coordinator is rec, keeping its files in dataDir ("" for none).
func recordedLateNode(c *studyChain, rec joinRecorder, dataDir string) *Participant {
	return &Participant{
		steps:  steps{name: "hospital-2", studyID: c.id, self: c.late.Address(), key: c.lateKey},
		cfg:    Config{Name: "hospital-2", StudyID: c.id, DataDir: dataDir, RetryBase: 20 * time.Millisecond},
		client: rec, ledger: c.ledger, account: c.late,
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// connectOnce runs a session of node against rec until it joins, ends
// it, and returns the join request.
func connectOnce(t *testing.T, ctx context.Context, node *Participant, rec joinRecorder) *cohortv1.JoinRequest {
	t.Helper()
	sctx, stop := context.WithCancel(ctx)
	ended := make(chan struct{})
	go func() { defer close(ended); _, _, _ = node.session(sctx) }()
	defer func() { stop(); <-ended }()
	select {
	case req := <-rec.got:
		return req
	case <-time.After(20 * time.Second):
		t.Fatal("the node did not connect")
		return nil
	}
}

// TestJoinNamesTheJoinsBlock: a node that joins the study on chain tells
// the coordinator the block its node mined the join in, the first block
// at which the chain counts it a participant, so that a coordinator whose
// own node is behind waits for it rather than refuse a member
// (coordinator TestJoinWaitsForTheCoordinatorsChain). A node that joined
// in an earlier run names the same block, read from its chain at start
// (recallJoin; it used to say 0).
func TestJoinNamesTheJoinsBlock(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	rec := joinRecorder{got: make(chan *cohortv1.JoinRequest, 2)}
	node := recordedLateNode(c, rec, "")
	connect := func() *cohortv1.JoinRequest { return connectOnce(t, ctx, node, rec) }
	require.NoError(t, node.joinStudy(ctx))
	_, err := c.ledger.SetPublicKeyHash(ctx, c.coord, c.id, common.Hash{7}) // a block after the join
	require.NoError(t, err)
	block := connect().GetChainBlock()
	require.NotZero(t, block)

	head, err := c.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	require.Greater(t, head, block, "the chain went on after the join")
	view, lag, err := c.chain.Lagging(head - block)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	at, err := contracts.Open(view, c.ledger.Address())
	require.NoError(t, err)
	member, err := at.IsParticipant(ctx, c.id, c.late.Address())
	require.NoError(t, err)
	assert.True(t, member, "a participant as of block %d", block)
	lag.Set(head - block + 1)
	member, err = at.IsParticipant(ctx, c.id, c.late.Address())
	require.NoError(t, err)
	assert.False(t, member, "not yet a participant the block before")

	restarted := &Participant{steps: node.steps, cfg: node.cfg, client: rec, ledger: c.ledger, account: c.late, log: node.log}
	node = restarted
	node.recallJoin(ctx)
	assert.Equal(t, block, connect().GetChainBlock(), "a join from an earlier run")
}

// A hospital that leaves the study and joins it again while its node runs
// (cohort study leave, then join) has the node name the later join to the
// coordinator when it next joins it (JoinRequest.chain_block), and keep
// that join in its data directory. The node named its first join until it
// restarted: a coordinator whose chain was between the departure and the
// later join did not wait (it had the first join's block), read "not a
// participant" and refused the node, which stops at that refusal.
func TestRejoinedNodeNamesItsLatestJoin(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	rec := joinRecorder{got: make(chan *cohortv1.JoinRequest, 1)}
	node := recordedLateNode(c, rec, t.TempDir())
	require.NoError(t, node.joinStudy(ctx))
	first := node.joinedAt
	require.Equal(t, first, connectOnce(t, ctx, node, rec).GetChainBlock())

	left, err := c.ledger.LeaveStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	again, err := c.ledger.JoinStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	// A coordinator's chain at the departure has the first join's block
	// and reads the hospital out of the study.
	head, err := c.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	view, _, err := c.chain.Lagging(head - left.Block)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	coordinatorChain, err := contracts.Open(view, c.ledger.Address())
	require.NoError(t, err)
	at, err := coordinatorChain.BlockNumber(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, at, first)
	in, err := coordinatorChain.IsParticipant(ctx, c.id, c.late.Address())
	require.NoError(t, err)
	require.False(t, in)

	assert.Equal(t, again.Block, connectOnce(t, ctx, node, rec).GetChainBlock(), "the coordinator is told the later join's block")
	assert.Equal(t, again.Block, node.keptJoin(ctx), "the data directory keeps the later join")
}

// A node whose own chain goes back before the block its join was mined in
// (a node restored from an older snapshot, or chain.rpc pointed at one
// still syncing) reads "not a participant" there: it is behind, not out of
// the study, and does not stop. A node restarted since, without a data
// directory, has no such block to compare with (its chain has no trace of
// the join): the study's latest state, where its transactions go, still
// holds it a participant, and it does not stop either, where it stopped
// as one that left; one with a data directory recalls its join from there
// (TestRestartedNodeWaitsForItsOwnJoin). Once the hospital left there too,
// it stops.
func TestNodeBehindItsOwnJoinDoesNotStop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	node := &Participant{
		cfg:    Config{Name: "hospital-2", StudyID: c.id},
		ledger: c.ledger, account: c.late, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	require.NoError(t, node.joinStudy(ctx))
	require.NotZero(t, node.joinedAt)
	head, err := c.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	view, lag, err := c.chain.Lagging(head - node.joinedAt + 1) // the block before the join
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	node.ledger, err = contracts.Open(view, c.ledger.Address())
	require.NoError(t, err)

	over, read, err := node.studyOver(ctx)
	require.NoError(t, err)
	assert.False(t, over, "behind its own join, not out of the study")
	assert.False(t, read)

	node.joinedAt = 0 // as after a restart: the join is an earlier run's
	node.recallJoin(ctx)
	require.Zero(t, node.joinedAt, "its chain has no trace of the join")
	over, _, err = node.studyOver(ctx)
	require.NoError(t, err)
	assert.False(t, over, "a participant where its transactions go")

	_, err = c.ledger.LeaveStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	lag.Set(0) // its chain catches up with the departure
	over, _, err = node.studyOver(ctx)
	assert.True(t, over)
	require.ErrorIs(t, err, ErrLeftStudy)
}

// restartBehindJoin is hospital-2 of a study chain having joined it with
// dataDir (a data directory, or "" for none), then restarted (its join an
// earlier run's) reading the chain through its own node held at the block
// before its join; it returns the join's block and the lag.
func restartBehindJoin(t *testing.T, ctx context.Context, c *studyChain, dataDir string, log *slog.Logger) (*Participant, uint64, *contracts.Lag) {
	t.Helper()
	node := &Participant{
		cfg:    Config{Name: "hospital-2", StudyID: c.id, DataDir: dataDir, RetryBase: 20 * time.Millisecond},
		ledger: c.ledger, account: c.late, log: log,
		steps: steps{name: "hospital-2", studyID: c.id, self: c.late.Address(), key: c.lateKey},
	}
	require.NoError(t, node.joinStudy(ctx))
	joined := node.joinedAt
	require.NotZero(t, joined)
	_, err := c.ledger.SetPublicKeyHash(ctx, c.coord, c.id, common.Hash{7}) // a block after the join
	require.NoError(t, err)
	head, err := c.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	view, lag, err := c.chain.Lagging(head - joined + 1) // the block before the join
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	restarted := &Participant{steps: node.steps, cfg: node.cfg, account: c.late, log: log}
	restarted.ledger, err = contracts.Open(view, c.ledger.Address())
	require.NoError(t, err)
	return restarted, joined, lag
}

// A node restarted after joining the study in an earlier run, whose own
// chain went back before its join (restored from an older snapshot,
// chain.rpc pointed at a node still syncing), has no trace of the join on
// that chain: it recalls the join's block from its data directory, where
// it kept it when it joined. So it names the block to the coordinator
// (JoinRequest.chain_block), waits at start for its chain to reach the
// join instead of joining again on a stale chain, and later reads "not a
// participant" there as behind, not as out of the study.
func TestRestartedNodeWaitsForItsOwnJoin(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	waiting := newLogSignal(msgBehindOwnJoin)
	node, joined, lag := restartBehindJoin(t, ctx, c, t.TempDir(), slog.New(waiting))
	in, err := node.ledger.IsParticipant(ctx, c.id, c.late.Address())
	require.NoError(t, err)
	require.False(t, in, "its chain is before the join")

	node.recallJoin(ctx)
	require.Equal(t, joined, node.joinedAt, "recalled from the data directory")
	over, read, err := node.studyOver(ctx)
	require.NoError(t, err)
	assert.False(t, over, "behind its own join, not out of the study")
	assert.False(t, read)

	rec := joinRecorder{got: make(chan *cohortv1.JoinRequest, 1)}
	node.client = rec
	sctx, stop := context.WithCancel(ctx)
	ended := make(chan struct{})
	go func() { defer close(ended); _, _, _ = node.session(sctx) }()
	select {
	case req := <-rec.got:
		assert.Equal(t, joined, req.GetChainBlock(), "the coordinator is told the join's block")
	case <-ctx.Done():
		t.Fatal("the node did not connect")
	}
	stop()
	<-ended

	waiting = newLogSignal(msgBehindOwnJoin) // as Run starts
	node.log = slog.New(waiting)
	started := make(chan bool, 1)
	go func() {
		in, err := node.participates(ctx)
		assert.NoError(t, err)
		started <- in
	}()
	select {
	case <-waiting.seen:
	case in := <-started:
		t.Fatalf("the node did not wait for its chain to reach its join: participant %v", in)
	case <-ctx.Done():
		t.Fatal("the node neither waited nor started")
	}
	lag.Set(0) // its node catches up
	select {
	case in := <-started:
		assert.True(t, in, "a participant once its chain has the join")
	case <-ctx.Done():
		t.Fatal("the node did not start once its chain caught up")
	}
}

// A node restarted without a data directory, whose chain is behind its own
// join, has no join block to recall (TestNodeBehindItsOwnJoinDoesNotStop):
// it reads "not a participant" at start and joins, and the contract
// refuses the join as made (ErrAlreadyJoined). That says the hospital is a
// participant and its chain behind: the node waits for its chain to reach
// the join, as one that recalled its join block does, and goes on with the
// join's block, instead of stopping.
func TestNodeWithoutDataDirWaitsForTheJoinTheChainRefusesAsMade(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	waiting := newLogSignal(msgAlreadyJoined)
	node, joined, lag := restartBehindJoin(t, ctx, c, "", slog.New(waiting))
	node.recallJoin(ctx)
	require.Zero(t, node.joinedAt, "its chain has no trace of the join")
	in, err := node.participates(ctx)
	require.NoError(t, err)
	require.False(t, in, "its chain is before the join")

	joinErr := refusedJoin(t, ctx, node, waiting)
	lag.Set(0) // its node catches up
	select {
	case err := <-joinErr:
		require.NoError(t, err)
	case <-ctx.Done():
		t.Fatal("the node did not go on once its chain had its join")
	}
	assert.Equal(t, joined, node.joinedAt, "the join's block, read once its chain has it")
	in, err = node.participates(ctx)
	require.NoError(t, err)
	assert.True(t, in)
}

// refusedJoin starts node's join of the study, which the contract refuses
// as made while the node's chain is behind that join, and returns where
// the join's end comes once the node waits for its chain (waiting, a
// signal of msgAlreadyJoined).
func refusedJoin(t *testing.T, ctx context.Context, node *Participant, waiting logSignal) <-chan error {
	t.Helper()
	joinErr := make(chan error, 1)
	go func() { joinErr <- node.joinStudy(ctx) }()
	select {
	case <-waiting.seen:
	case err := <-joinErr:
		t.Fatalf("the node did not wait for its chain to reach its join: %v", err)
	case <-ctx.Done():
		t.Fatal("the node neither waited nor joined")
	}
	return joinErr
}

// A node waiting for its chain to have the join the contract refused as
// made (awaitOwnJoin) stops with ErrLeftStudy once its chain shows the
// hospital leave the study, or a members' vote exclude it, after that
// join: a chain that caught up with both reads "not a participant" for
// good, and the node used to wait for it forever.
func TestWaitForTheJoinTheChainRefusesAsMadeEndsWhenTheHospitalLeft(t *testing.T) {
	for _, tt := range []struct {
		name   string
		blocks uint64 // the departure's
		leave  func(t *testing.T, ctx context.Context, c *studyChain)
	}{
		{"left", 1, func(t *testing.T, ctx context.Context, c *studyChain) {
			_, err := c.ledger.LeaveStudy(ctx, c.late, c.id)
			require.NoError(t, err)
		}},
		{"excluded by a vote", 2, func(t *testing.T, ctx context.Context, c *studyChain) {
			pid, _, err := c.ledger.ProposeExclusion(ctx, c.h, c.id, c.late.Address())
			require.NoError(t, err)
			executed, _, err := c.ledger.Vote(ctx, c.late, pid)
			require.NoError(t, err)
			require.True(t, executed)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			c := newStudyChain(t, ctx, 1)
			for range tt.blocks { // blocks before the join, for the view to step back into
				_, err := c.ledger.SetPublicKeyHash(ctx, c.coord, c.id, common.Hash{4})
				require.NoError(t, err)
			}
			waiting := newLogSignal(msgAlreadyJoined)
			node, joined, lag := restartBehindJoin(t, ctx, c, "", slog.New(waiting))
			head, err := c.ledger.BlockNumber(ctx)
			require.NoError(t, err)

			joinErr := refusedJoin(t, ctx, node, waiting)
			lag.Set(head + tt.blocks - joined + 1) // its node stays before the join while the hospital leaves
			tt.leave(t, ctx, c)
			lag.Set(0) // then catches up with the join and the departure
			select {
			case err := <-joinErr:
				require.ErrorIs(t, err, ErrLeftStudy)
				assert.Contains(t, err.Error(), "after the join the contract refused as made")
			case <-time.After(20 * time.Second):
				t.Fatal("the node still waits for a join its chain shows ended")
			}
		})
	}
}

// A hospital that joined, left and joined again while its node's chain
// was behind all three has the contract refuse its node's join as made
// (the second join stands): the node's chain, catching up, shows the
// departure before it shows the second join. That departure does not end
// the wait, which the contract's own answer at the chain head decides
// (the hospital still holds a join there), where the node stopped as
// "left"; once its chain has the second join the node goes on from it.
func TestWaitForTheJoinTheChainRefusesAsMadeOutlastsALeaveAndRejoin(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	waiting, rejoined := newLogSignal(msgAlreadyJoined), newLogSignal(msgLeftThenJoined)
	node, joined, lag := restartBehindJoin(t, ctx, c, "", slog.New(multiSignal{waiting, rejoined}))
	left, err := c.ledger.LeaveStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	again, err := c.ledger.JoinStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	lag.Set(again.Block - joined + 1) // its node is still before the first join
	joinErr := refusedJoin(t, ctx, node, waiting)

	lag.Set(again.Block - left.Block) // its node shows the departure, not the second join
	select {
	case <-rejoined.seen:
	case err := <-joinErr:
		t.Fatalf("the node stopped at a departure the hospital's second join superseded: %v", err)
	}
	lag.Set(0)
	select {
	case err := <-joinErr:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatal("the node still waits for a join its chain shows")
	}
	assert.Equal(t, again.Block, node.joinedAt, "the node goes on from the second join")
}

// A hospital that leaves the study and joins it again (cohort study leave,
// then another run of its node) while its node runs: the node's chain, a
// block behind where its transactions go, shows the departure while the
// study already holds the second join. The node's chain watcher decides
// by the study's latest state there (contracts.Ledger.CheckJoin, a dry run
// of the join), where it stopped the node as "left" and only a restart
// brought it back; a departure the latest state shows too still stops it,
// with the message it gives today.
func TestSessionOutlastsALeaveAndRejoin(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 2)
	rejoined := newLogSignal(msgParticipantAtLatest)
	node := &Participant{
		steps:  steps{name: "hospital-2", studyID: c.id, self: c.late.Address(), key: c.lateKey},
		cfg:    Config{Name: "hospital-2", StudyID: c.id, RetryBase: 20 * time.Millisecond},
		client: silentCoordinator{}, account: c.late, log: slog.New(rejoined),
	}
	node.ledger = c.ledger
	require.NoError(t, node.joinStudy(ctx))
	view, lag, err := c.chain.Lagging(1) // the node's chain: a block behind
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	node.ledger, err = contracts.Open(view, c.ledger.Address())
	require.NoError(t, err)
	ended := make(chan error, 1)
	go func() {
		_, _, err := node.session(ctx)
		ended <- err
	}()

	_, err = c.ledger.LeaveStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	_, err = c.ledger.JoinStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	select { // the node's chain now shows the departure, not the second join
	case <-rejoined.seen:
	case err := <-ended:
		t.Fatalf("the node stopped at a departure the hospital's second join undid: %v", err)
	case <-ctx.Done():
		t.Fatal("the node's chain watcher never read the departure")
	}
	select {
	case err := <-ended:
		t.Fatalf("the session ended though the hospital is a participant: %v", err)
	default:
	}

	lag.Set(0)
	_, err = c.ledger.LeaveStudy(ctx, c.late, c.id) // for good
	require.NoError(t, err)
	select {
	case err := <-ended:
		require.ErrorIs(t, err, ErrLeftStudy)
		assert.Contains(t, err.Error(), "the node stops (start it again to join the study again)")
	case <-ctx.Done():
		t.Fatal("the node did not stop once the hospital left for good")
	}
}

// multiSignal passes each record to several log signals.
type multiSignal []logSignal

func (m multiSignal) Handle(ctx context.Context, r slog.Record) error {
	for _, s := range m {
		_ = s.Handle(ctx, r)
	}
	return nil
}

func (m multiSignal) Enabled(context.Context, slog.Level) bool { return true }
func (m multiSignal) WithAttrs([]slog.Attr) slog.Handler       { return m }
func (m multiSignal) WithGroup(string) slog.Handler            { return m }

// A node waiting for its chain to reach its own join stops once that
// chain shows the study completed without it: no one joins a completed
// study, so "not a participant" there is final. This holds for the wait
// after the contract refused a join as made (awaitOwnJoin) and for the
// wait at start for a join kept in the data directory (participates),
// which a completed study on a chain below that join shows is another
// chain's; both used to wait forever on an idle chain.
func TestWaitForOwnJoinEndsOnACompletedStudy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	_, err := c.ledger.JoinStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	_, err = c.ledger.LeaveStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	c.open(1)
	c.closeOpen(1)
	dir := t.TempDir()
	node := &Participant{
		cfg:    Config{Name: "hospital-2", StudyID: c.id, DataDir: dir},
		ledger: c.ledger, account: c.late, log: slog.New(slog.DiscardHandler),
	}
	wait := func(f func(context.Context) error) error {
		t.Helper()
		done := make(chan error, 1)
		go func() { done <- f(ctx) }()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("the node still waits for its join of a completed study")
			return nil
		}
	}

	err = wait(node.awaitOwnJoin)
	require.ErrorIs(t, err, contracts.ErrStudyCompleted)

	head, err := c.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	kept, err := json.Marshal(joinRecord{StudyID: c.id, Ledger: c.ledger.Address(), ChainID: c.ledger.ChainID().Uint64(), Block: head + 100, BlockHash: common.Hash{9}})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, joinFileName), kept, 0o600))
	node.recallJoin(ctx)
	require.Equal(t, head+100, node.joinedAt, "a kept join its chain cannot check yet is trusted")
	err = wait(func(ctx context.Context) error { _, err := node.participates(ctx); return err })
	require.ErrorIs(t, err, contracts.ErrStudyCompleted)
	assert.Contains(t, err.Error(), joinFileName, "the error names the file to remove")
}

// A join kept in the data directory is set aside when it is not this
// chain's join of this study: another study, another chain id, or another
// block at its height (a reset network); the chain's own record of the
// join stands. One of this chain and study, later, is taken.
func TestKeptJoinOfAnotherChainIsSetAside(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	dir := t.TempDir()
	node, joined, lag := restartBehindJoin(t, ctx, c, dir, slog.New(slog.DiscardHandler))
	lag.Set(0)
	kept, err := os.ReadFile(filepath.Join(dir, joinFileName))
	require.NoError(t, err)
	var r joinRecord
	require.NoError(t, json.Unmarshal(kept, &r))
	require.Equal(t, joined, r.Block)

	for _, tt := range []struct {
		name   string
		change func(*joinRecord)
		want   uint64
	}{
		{"this chain's and study's", func(*joinRecord) {}, joined + 1},
		{"another study", func(r *joinRecord) { r.StudyID++ }, joined},
		{"another ledger", func(r *joinRecord) { r.Ledger = common.Address{9} }, joined},
		{"another chain id", func(r *joinRecord) { r.ChainID++ }, joined},
		{"another block at its height", func(r *joinRecord) { r.BlockHash = common.Hash{9} }, joined},
	} {
		t.Run(tt.name, func(t *testing.T) {
			other := r
			other.Block++ // later than the chain's join, and on the chain: taken unless set aside
			other.BlockHash, err = c.ledger.BlockHash(ctx, other.Block)
			require.NoError(t, err)
			tt.change(&other)
			b, err := json.Marshal(other)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, joinFileName), b, 0o600))
			node.joinedAt = 0
			node.recallJoin(ctx)
			assert.Equal(t, tt.want, node.joinedAt)
		})
	}
}

// TestChainWatchReadsAtNewBlocks: a node's chain watcher reads the chain at
// the first tick, and then at the tick after a new block: the study
// completing while it watches ends the session at the next tick, and ticks
// without a block read nothing (a watcher that missed the block would
// never end). A study that completed before the watch began ends it at
// the first tick.
func TestChainWatchReadsAtNewBlocks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	_, err := c.ledger.JoinStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	c.open(1)
	node := &Participant{
		cfg: Config{Name: "hospital-2", StudyID: c.id}, ledger: c.ledger, account: c.late,
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	ticks := make(chan time.Time)
	watch := func() (context.Context, chan struct{}) {
		wctx, wcancel := context.WithCancelCause(ctx)
		t.Cleanup(func() { wcancel(nil) })
		ended := make(chan struct{})
		go func() { defer close(ended); node.watchChainTicks(wctx, wcancel, ticks) }()
		return wctx, ended
	}
	// tickUntilEnded ticks until the watcher ends the session.
	tickUntilEnded := func(wctx context.Context, done chan struct{}) {
		t.Helper()
		for {
			select {
			case ticks <- time.Now():
			case <-done:
				require.ErrorIs(t, context.Cause(wctx), errStudyCompleted)
				return
			case <-ctx.Done():
				t.Fatal("the watcher did not end the session")
			}
		}
	}

	wctx, done := watch()
	ticks <- time.Now() // the first read: the study runs
	ticks <- time.Now() // taken once that read is done
	c.closeOpen(1)      // the study's last round: it completes in this block
	tickUntilEnded(wctx, done)

	wctx, done = watch() // no block from now on
	tickUntilEnded(wctx, done)
}

// TestCommitmentWatchReadsAtNewBlocksAndWhenDue: a node's watch of its
// batched commitments settles one at the tick after the coordinator's
// batch is mined (after ticks that found it not yet recorded: a watch
// that missed the block would not read again), and commits one by itself
// at the tick after its time passed.
func TestCommitmentWatchReadsAtNewBlocksAndWhenDue(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 2)
	_, err := c.ledger.JoinStudy(ctx, c.late, c.id)
	require.NoError(t, err)
	domain, err := c.ledger.CommitDomain(ctx, c.id)
	require.NoError(t, err)
	var logs lockedLog
	node := &Participant{
		cfg: Config{Name: "hospital-2", StudyID: c.id}, ledger: c.ledger, account: c.late,
		steps:   steps{name: "hospital-2", studyID: c.id, self: c.late.Address(), key: c.lateKey},
		batched: make(chan batchedCommitment),
		log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	signed := func(r uint32) contracts.SignedCommitment {
		s, err := contracts.SignCommitment(c.lateKey, domain, c.id, r, contracts.Commitment{CiphertextHash: common.Hash{7, byte(r)}, Samples: 3, ConsentRoot: common.Hash{8}})
		require.NoError(t, err)
		return s
	}
	ticks := make(chan time.Time)
	go node.watchCommitmentsTicks(ctx, ticks)
	tickUntil := func(cond func() bool, what string) {
		t.Helper()
		for !cond() {
			select {
			case ticks <- time.Now():
			case <-ctx.Done():
				t.Fatal(what)
			}
		}
	}

	c.open(1)
	one := signed(1)
	node.batched <- batchedCommitment{round: 1, signed: one, selfAt: time.Now().Add(time.Hour)}
	ticks <- time.Now() // reads: not recorded yet
	ticks <- time.Now() // taken once that read is done
	require.NotContains(t, logs.String(), "recorded this hospital's commitment as signed")
	_, err = c.ledger.CommitUpdates(ctx, c.coord, c.id, 1, []contracts.SignedCommitment{one})
	require.NoError(t, err)
	tickUntil(func() bool { return strings.Contains(logs.String(), "recorded this hospital's commitment as signed") },
		"not settled after the batch's block")

	c.closeOpen(1)
	c.open(2)
	two := signed(2)
	node.batched <- batchedCommitment{round: 2, signed: two, selfAt: time.Now().Add(-time.Second)}
	tickUntil(func() bool {
		cm, err := c.ledger.Commitment(ctx, c.id, 2, c.late.Address())
		return err == nil && cm == two.Commitment
	}, "not committed by itself after its time")
}

// lockedLog is a log sink safe for concurrent use.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// A node run to stop at its first failed task (StopOnTaskError, as in the
// in-process simulation) still goes on when the coordinator refused its
// answer as no longer expected: the coordinator moved on (another
// decryption set after a holder went away) and sends the new task.
func TestStopsOnlyOnTasksThatFailed(t *testing.T) {
	strict := &Participant{cfg: Config{StopOnTaskError: true}}
	lenient := &Participant{}
	ctx := context.Background()
	superseded := fmt.Errorf("participant: send decrypt share: %w", status.Error(codes.FailedPrecondition, "coordinator: not expected now: got a decrypt-share"))
	failed := fmt.Errorf("participant: decrypt: %w", ErrChainMismatch)
	assert.False(t, strict.stopsOn(ctx, superseded), "a superseded answer")
	assert.True(t, strict.stopsOn(ctx, failed))
	assert.False(t, lenient.stopsOn(ctx, failed), "a real node logs and goes on")
	assert.True(t, lenient.stopsOn(ctx, fmt.Errorf("x: %w", ErrStandardisation)))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	assert.True(t, lenient.stopsOn(cancelled, superseded))
}

// A join the data directory does not have (made before the node kept
// joins, or by another process) is read from the chain at start and kept:
// a later restart whose chain went back before it still knows it. The
// node logs where it found the join, not that it made it: here another
// process did.
func TestRecalledJoinIsKept(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := newStudyChain(t, ctx, 1)
	r, err := c.ledger.JoinStudy(ctx, c.late, c.id) // not through the node
	require.NoError(t, err)
	_, err = c.ledger.SetPublicKeyHash(ctx, c.coord, c.id, common.Hash{7}) // a block after the join
	require.NoError(t, err)
	dir := t.TempDir()
	start := func(ledger *contracts.Ledger, logs *lockedLog) *Participant {
		p := &Participant{
			cfg:    Config{Name: "hospital-2", StudyID: c.id, DataDir: dir},
			ledger: ledger, account: c.late, log: slog.New(slog.NewTextHandler(logs, nil)),
		}
		p.recallJoin(ctx)
		return p
	}
	var logs lockedLog
	require.Equal(t, r.Block, start(c.ledger, &logs).joinedAt, "read from the chain")
	assert.Contains(t, logs.String(), msgJoinOnChain)
	assert.NotContains(t, logs.String(), msgJoinKept)
	assert.NotContains(t, logs.String(), "earlier run", "the node cannot tell who made the join")

	head, err := c.ledger.BlockNumber(ctx)
	require.NoError(t, err)
	view, _, err := c.chain.Lagging(head - r.Block + 1) // the block before the join
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	behind, err := contracts.Open(view, c.ledger.Address())
	require.NoError(t, err)
	var restarted lockedLog
	assert.Equal(t, r.Block, start(behind, &restarted).joinedAt, "recalled from the data directory")
	assert.Contains(t, restarted.String(), msgJoinKept)
	assert.NotContains(t, restarted.String(), msgJoinOnChain)
}
