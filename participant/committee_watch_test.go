package participant

import (
	"context"
	"io"
	"log/slog"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// A coordinator that requests a committee draw and, seeing the seed,
// leaves it pending to let it lapse and draw again, is overtaken: a node
// completes the pending draw after its grace, with the request's seed, and
// the coordinator cannot ask for another while that committee is current.
func TestNodeCompletesACommitteeDrawLeftPending(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	coord := contracts.NewAccount(mustKey(t))
	hs := []*contracts.Account{contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))}
	chain, err := contracts.NewSimulatedChain(coord.Address(), hs[0].Address(), hs[1].Address(), hs[2].Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	var founders []contracts.Member
	for i, h := range hs {
		founders = append(founders, contracts.Member{Address: h.Address(), Name: "hospital", TLSFingerprint: common.Hash{byte(i + 1)}})
	}
	ledger, _, err := contracts.Deploy(ctx, chain, hs[0], founders)
	require.NoError(t, err)
	id, _, err := ledger.CreateStudy(ctx, hs[0], contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: 1, MinParticipants: 2, Threshold: 2,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{3}, Coordinator: coord.Address(),
		Committee: contracts.CommitteeParams{Size: 2},
	})
	require.NoError(t, err)
	for _, h := range hs {
		_, err := ledger.JoinStudy(ctx, h, id)
		require.NoError(t, err)
	}
	req, _, err := ledger.RequestCommittee(ctx, coord, id)
	require.NoError(t, err)

	node := &Participant{
		cfg: Config{Name: "hospital-2", StudyID: id, RetryBase: 20 * time.Millisecond}, ledger: ledger, account: hs[1],
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	ticks := make(chan time.Time)
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	go node.watchCommitteeRequestsTicks(wctx, ticks)
	ticks <- time.Now() // the first read: the request is pending, its grace begins
	ticks <- time.Now() // taken once that read is done
	c, err := ledger.Committee(ctx, id)
	require.NoError(t, err)
	require.Zero(t, c.Epoch, "the coordinator has its grace to complete its own draw")

	require.Eventually(t, func() bool {
		ticks <- time.Now()
		c, err = ledger.Committee(ctx, id)
		require.NoError(t, err)
		return c.Epoch == 1
	}, 20*time.Second, 20*time.Millisecond, "the node completes the draw once its grace ran out")
	// The request's own draw: its seed is the request block's hash.
	requestBlock, err := chain.BlockHash(ctx, req.Block)
	require.NoError(t, err)
	seed := crypto.Keccak256Hash(
		common.LeftPadBytes(new(big.Int).SetUint64(id).Bytes(), 32), common.LeftPadBytes([]byte{1}, 32), requestBlock[:])
	assert.Equal(t, seed, c.Seed)
	assert.Equal(t, contracts.SelectCommitteeMembers(seed, req.Candidates, 2), c.Members)
	_, _, err = ledger.RequestCommittee(ctx, coord, id)
	require.ErrorIs(t, err, contracts.ErrCommitteeCurrent, "no second draw")
}
