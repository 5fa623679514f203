package participant

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestJoinRunningStudy starts a node's join while a round is open: it
// waits, joins in the gap after the round closes (before the coordinator
// opens the next one), and refuses to wait for a completed study.
func TestJoinRunningStudy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	h, late, coord := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	chain, err := contracts.NewSimulatedChain(h.Address(), late.Address(), coord.Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	ledger, _, err := contracts.Deploy(ctx, chain, h, []contracts.Member{
		{Address: h.Address(), Name: "hospital-1", TLSFingerprint: common.Hash{1}},
		{Address: late.Address(), Name: "hospital-2", TLSFingerprint: common.Hash{2}},
	})
	require.NoError(t, err)
	id, _, err := ledger.CreateStudy(ctx, h, contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: 2, MinParticipants: 1, Threshold: 1,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{3}, Coordinator: coord.Address(),
	})
	require.NoError(t, err)
	_, err = ledger.JoinStudy(ctx, h, id)
	require.NoError(t, err)
	_, err = ledger.SetPublicKeyHash(ctx, coord, id, common.Hash{4})
	require.NoError(t, err)
	round := func(r uint32) {
		_, err := ledger.OpenRound(ctx, coord, id, r, common.Hash{byte(r)}, time.Now().Add(time.Hour))
		require.NoError(t, err)
		_, err = ledger.CommitUpdate(ctx, h, id, r, contracts.Commitment{CiphertextHash: common.Hash{9, byte(r)}, Samples: 10, ConsentRoot: common.Hash{8}})
		require.NoError(t, err)
	}
	closeRound := func(r uint32) {
		_, err := ledger.CloseRound(ctx, coord, id, r, contracts.RoundResult{AggregateHash: common.Hash{5}, ModelHash: common.Hash{6}, Accuracy: 0.5, AUC: 0.5, Loss: 0.7, Participants: 1})
		require.NoError(t, err)
	}
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
	// The coordinator's enrolment window: a quarter of a second, then
	// round 2 opens. A node that backed off exponentially would miss it.
	closeRound(1)
	time.Sleep(250 * time.Millisecond)
	round(2)
	select {
	case err := <-joined:
		require.NoError(t, err)
	default:
		t.Fatal("the node did not join in the gap after round 1")
	}
	ok, err := ledger.IsParticipant(ctx, id, late.Address())
	require.NoError(t, err)
	assert.True(t, ok, "joined between rounds")
	closeRound(2)

	// A completed study admits no one: the node stops instead of waiting.
	other := &Participant{cfg: node.cfg, ledger: ledger, account: coord, log: node.log}
	err = other.joinStudy(ctx)
	require.ErrorIs(t, err, contracts.ErrEnrolmentClosed)
}
