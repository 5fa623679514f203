package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devchain"
	"github.com/cohort-fl/cohort/contracts/devchain/devchaintest"
)

// stalledStudy is a study of three rounds on a simulated chain that three
// of four founding hospitals joined (the fourth is a member that did not)
// and one of them left before round 1, keyed, with round 1 open until an
// hour after the chain's clock.
type stalledStudy struct {
	chain     *contracts.Chain
	ledger    *contracts.Ledger
	owner     *contracts.Account
	coord     *contracts.Account
	hospitals []*contracts.Account // joined the study
	left      *contracts.Account   // joined the study and left it before round 1
	notJoined *contracts.Account   // a consortium member outside the study
	id        uint64
	deadline  time.Time // round 1's
}

func newStalledStudy(t *testing.T, ctx context.Context) *stalledStudy {
	t.Helper()
	owner, coord := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	chain, ledger, hs := fourFoundersOnChain(t, ctx, owner, coord)
	id, _, err := ledger.CreateStudy(ctx, owner, contracts.StudyParams{Rounds: 3, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: coord.Address(),
		SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: crypto.Keccak256Hash([]byte("sepsis")), ReferenceCommitment: crypto.Keccak256Hash([]byte("root"))})
	require.NoError(t, err)
	for _, h := range hs[:3] {
		_, err := ledger.JoinStudy(ctx, h, id)
		require.NoError(t, err)
	}
	_, err = ledger.SetPublicKeyHash(ctx, coord, id, crypto.Keccak256Hash([]byte("pk")))
	require.NoError(t, err)
	_, err = ledger.LeaveStudy(ctx, hs[2], id)
	require.NoError(t, err)
	s := &stalledStudy{chain: chain, ledger: ledger, owner: owner, coord: coord, hospitals: hs[:2], left: hs[2], notJoined: hs[3], id: id}
	s.deadline = s.open(t, ctx, 1)
	return s
}

// open opens round r until an hour after the chain's clock and returns
// its deadline, as the chain records it.
func (s *stalledStudy) open(t *testing.T, ctx context.Context, r uint32) time.Time {
	t.Helper()
	now, err := s.chain.HeadTime(ctx)
	require.NoError(t, err)
	_, err = s.ledger.OpenRound(ctx, s.coord, s.id, r, crypto.Keccak256Hash([]byte("model 0")), now.Add(time.Hour))
	require.NoError(t, err)
	rd, err := s.ledger.Round(ctx, s.id, r)
	require.NoError(t, err)
	return rd.Deadline
}

// TestAbandonRoundRefusesBeforeSending: `cohort study abandon-round`
// reads the study and the round first and refuses, before any
// transaction, a key that plays no role in the study (a hospital that
// left it included), a round before its
// deadline (the coordinator) or before the grace period after it (the
// owner, a hospital), a round never opened, closed or abandoned already;
// each error says what was wrong and what to do, and wraps the contract's
// own error. The coordinator abandons the round once its deadline has
// passed; a hospital abandons one after the grace period; the study goes
// on at the next round number.
func TestAbandonRoundRefusesBeforeSending(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := newStalledStudy(t, ctx)
	deadline := s.deadline.UTC().Format(time.RFC3339)
	graceEnd := s.deadline.Add(24 * time.Hour).UTC().Format(time.RFC3339)
	head := func() uint64 {
		t.Helper()
		n, err := s.chain.BlockNumber(ctx)
		require.NoError(t, err)
		return n
	}
	refused := func(from *contracts.Account, round uint32, want error, says ...string) {
		t.Helper()
		before := head()
		_, err := abandonRound(ctx, s.ledger, from, s.id, round)
		require.ErrorIs(t, err, want)
		for _, text := range says {
			assert.Contains(t, err.Error(), text)
		}
		assert.Equal(t, before, head(), "no transaction was mined")
	}

	outsider := contracts.NewAccount(mustKey(t))
	for _, who := range []*contracts.Account{outsider, s.notJoined} {
		refused(who, 1, contracts.ErrNotAuthorised,
			fmt.Sprintf("%s may not abandon a round of study %d: it is neither the study's coordinator (%s) nor its owner (%s) nor a hospital that joined it", who.Address().Hex(), s.id, s.coord.Address().Hex(), s.owner.Address().Hex()),
			"send from the coordinator's key once the round's deadline ("+deadline+") has passed, or from the owner's or a participant's once "+graceEnd+" has")
	}
	refused(s.left, 1, contracts.ErrNotAuthorised,
		fmt.Sprintf("%s left study %d (or members voted it out): a hospital no longer taking part does not decide on its rounds", s.left.Address().Hex(), s.id),
		"or from the owner's or a participant's once "+graceEnd+" has")
	refused(s.coord, 1, contracts.ErrDeadlineNotPassed,
		"as the study's coordinator, "+s.coord.Address().Hex()+" may abandon round 1 of study",
		"only once its deadline, "+deadline+", has passed:", "from now by the chain's clock", "run this again then, or let the round close")
	refused(s.coord, 2, contracts.ErrRoundNotOpen,
		fmt.Sprintf("round 2 of study %d was never opened: the study's open round is 1; abandon that one with --round 1", s.id))

	require.NoError(t, s.chain.AdvanceTime(2*time.Hour))
	refused(s.hospitals[0], 1, contracts.ErrDeadlineNotPassed,
		"as a hospital that joined the study, "+s.hospitals[0].Address().Hex()+" may abandon round 1",
		"only once the grace period of 1 day after its deadline ("+deadline+") has also passed, after "+graceEnd,
		"the coordinator ("+s.coord.Address().Hex()+") may abandon it from the deadline")
	refused(s.owner, 1, contracts.ErrDeadlineNotPassed, "as the study's owner, "+s.owner.Address().Hex())

	res, err := abandonRound(ctx, s.ledger, s.coord, s.id, 1)
	require.NoError(t, err)
	assert.Equal(t, abandonedRound{StudyID: s.id, Round: 1, By: s.coord.Address(), Role: "coordinator", NextRound: 2,
		TxHash: res.TxHash, Block: res.Block, GasUsed: res.GasUsed}, *res)
	r1, err := s.ledger.Round(ctx, s.id, 1)
	require.NoError(t, err)
	assert.True(t, r1.Abandoned)
	assert.Equal(t, res.Block, r1.ClosedBlock)
	var text bytes.Buffer
	require.NoError(t, printAbandoned(&text, res, false))
	assert.Contains(t, text.String(), fmt.Sprintf("round 1 of study %d abandoned by its coordinator", s.id))
	assert.Contains(t, text.String(), fmt.Sprintf("tx  %s (block %d", res.TxHash.Hex(), res.Block))
	assert.Contains(t, text.String(), "restart the coordinator: it resumes from the chain and opens round 2")
	text.Reset()
	require.NoError(t, printAbandoned(&text, res, true))
	var asJSON abandonedRound
	require.NoError(t, json.Unmarshal(text.Bytes(), &asJSON))
	assert.Equal(t, *res, asJSON)

	refused(s.coord, 1, contracts.ErrRoundNotOpen,
		fmt.Sprintf("round 1 of study %d was abandoned already, at block %d: its number is used up", s.id, res.Block),
		"start the coordinator and it opens round 2")

	// Round 2 closes with its model; round 3 stalls and a hospital
	// abandons it after the grace period, which completes the study.
	s.open(t, ctx, 2)
	for i, h := range s.hospitals[:2] {
		_, err := s.ledger.CommitUpdate(ctx, h, s.id, 2, contracts.Commitment{CiphertextHash: crypto.Keccak256Hash([]byte{byte(i)}), Samples: 10, ConsentRoot: crypto.Keccak256Hash([]byte("root"))})
		require.NoError(t, err)
	}
	closed, err := s.ledger.CloseRound(ctx, s.coord, s.id, 2, contracts.RoundResult{AggregateHash: crypto.Keccak256Hash([]byte("agg")), ModelHash: crypto.Keccak256Hash([]byte("model 2")), Participants: 2})
	require.NoError(t, err)
	refused(s.coord, 2, contracts.ErrRoundNotOpen, fmt.Sprintf("round 2 of study %d closed at block %d with its model published: there is nothing to abandon", s.id, closed.Block))
	refused(s.coord, 3, contracts.ErrRoundNotOpen, fmt.Sprintf("round 3 of study %d was never opened, and no round of it is open: there is nothing to abandon", s.id))
	s.open(t, ctx, 3)
	refused(s.coord, 2, contracts.ErrRoundNotOpen, "the open round is 3 (--round 3)")
	require.NoError(t, s.chain.AdvanceTime(26*time.Hour))
	res, err = abandonRound(ctx, s.ledger, s.hospitals[1], s.id, 3)
	require.NoError(t, err)
	assert.Equal(t, "participant", res.Role)
	assert.Zero(t, res.NextRound, "the last round: the study is completed")
	text.Reset()
	require.NoError(t, printAbandoned(&text, res, false))
	assert.Contains(t, text.String(), "it was the study's last round: the study is completed")
}

// TestStudyAbandonRoundFlags: `cohort study abandon-round` refuses
// incomplete or malformed flags before it touches a chain, saying which.
func TestStudyAbandonRoundFlags(t *testing.T) {
	key, _ := saveKeyForTest(t, t.TempDir(), "coordinator.key")
	contract := "0x0000000000000000000000000000000000000c01"
	args := func(extra ...string) []string {
		return append([]string{"study", "abandon-round", "--eth-rpc", "http://127.0.0.1:1", "--contract", contract, "--key", key}, extra...)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"listed", []string{"study"}, 2, "abandon-round  abandon a stalled round once its deadline has passed"},
		{"help", []string{"study", "abandon-round", "-h"}, 0, "its number is used up"},
		{"no flags", []string{"study", "abandon-round"}, 2, "--eth-rpc, --contract, --key, --study and --round are required"},
		{"no round", args("--study", "1"), 2, "--eth-rpc, --contract, --key, --study and --round are required"},
		{"round 0", args("--study", "1", "--round", "0"), 2, "--eth-rpc, --contract, --key, --study and --round are required"},
		{"round too large", args("--study", "1", "--round", "4294967296"), 2, "--round 4294967296 is not a round number"},
		{"no study", args("--round", "1"), 2, "are required"},
		{"bad contract", []string{"study", "abandon-round", "--eth-rpc", "x", "--contract", "0x12", "--key", key, "--study", "1", "--round", "1"}, 2, "--contract"},
		{"stray argument", args("--study", "1", "--round", "1", "now"), 2, "unexpected arguments: now"},
		{"missing key", []string{"study", "abandon-round", "--eth-rpc", "x", "--contract", contract, "--key", "/nonexistent.key", "--study", "1", "--round", "1"}, 1, "/nonexistent.key"},
		{"unreachable chain", args("--study", "1", "--round", "1"), 1, "--eth-rpc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
}

// TestStudyAbandonRoundOnGeth runs the command against a real geth --dev
// node, which mines a block only when a transaction comes: its clock (the
// latest block's time) lags the wall clock while nothing is sent. Before
// the deadline the command refuses, sending nothing; once the wall clock
// has passed it, the command sends and the block that takes the
// transaction, stamped with the wall clock, is past the deadline.
func TestStudyAbandonRoundOnGeth(t *testing.T) {
	node := devchaintest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := t.TempDir()
	coordKey, coord := saveKeyForTest(t, dir, "coordinator.key")
	owner, h1, h2 := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	devchaintest.Fund(t, node, devchain.Ether(10), owner.Address(), coord.Address(), h1.Address(), h2.Address())
	chain, err := contracts.DialChain(ctx, node.URL)
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ledger, _, err := contracts.Deploy(ctx, chain, owner, []contracts.Member{
		{Address: h1.Address(), Name: "h1", TLSFingerprint: crypto.Keccak256Hash([]byte("h1"))},
		{Address: h2.Address(), Name: "h2", TLSFingerprint: crypto.Keccak256Hash([]byte("h2"))}})
	require.NoError(t, err)
	id, _, err := ledger.CreateStudy(ctx, owner, contracts.StudyParams{Rounds: 2, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: coord.Address(),
		SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: crypto.Keccak256Hash([]byte("sepsis")), ReferenceCommitment: crypto.Keccak256Hash([]byte("root"))})
	require.NoError(t, err)
	for _, h := range []*contracts.Account{h1, h2} {
		_, err := ledger.JoinStudy(ctx, h, id)
		require.NoError(t, err)
	}
	_, err = ledger.SetPublicKeyHash(ctx, coord, id, crypto.Keccak256Hash([]byte("pk")))
	require.NoError(t, err)
	// geth --dev stamps each block a second after its parent at least, so
	// after a burst of transactions its clock runs ahead of the wall clock.
	now, err := chain.HeadTime(ctx)
	require.NoError(t, err)
	_, err = ledger.OpenRound(ctx, coord, id, 1, crypto.Keccak256Hash([]byte("model 0")), now.Add(2*time.Second))
	require.NoError(t, err)
	r, err := ledger.Round(ctx, id, 1)
	require.NoError(t, err)

	args := []string{"study", "abandon-round", "--eth-rpc", node.URL, "--contract", ledger.Address().Hex(), "--key", coordKey, "--study", fmt.Sprint(id), "--round", "1"}
	code, _, stderr := runCLI(t, args...)
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stderr, "only once its deadline, "+r.Deadline.UTC().Format(time.RFC3339)+", has passed")

	for !time.Now().After(r.Deadline.Add(time.Second)) {
		time.Sleep(100 * time.Millisecond) // the wall clock must pass the deadline; no block comes meanwhile
	}
	code, stdout, stderr := runCLI(t, append(args, "--json")...)
	require.Equal(t, 0, code, stderr)
	var res abandonedRound
	require.NoError(t, json.Unmarshal([]byte(stdout), &res))
	assert.Equal(t, uint32(2), res.NextRound)
	assert.Equal(t, "coordinator", res.Role)
	r, err = ledger.Round(ctx, id, 1)
	require.NoError(t, err)
	assert.True(t, r.Abandoned)
}
