package contracts

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

func testAccount(t testing.TB) *Account {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	return NewAccount(k)
}

// TestEventsAndGas runs a whole study and checks that every state change
// emitted its event, in order, and that gas stays within budget under
// mainnet rules.
func TestEventsAndGas(t *testing.T) {
	const n = 3
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deployer, researcher, coord := testAccount(t), testAccount(t), testAccount(t)
	funded := []common.Address{deployer.Address(), researcher.Address(), coord.Address()}
	var members []*Account
	var founders []Member
	for i := range n {
		a := testAccount(t)
		members = append(members, a)
		founders = append(founders, Member{a.Address(), fmt.Sprintf("H%d", i), crypto.Keccak256Hash(a.Address().Bytes())})
		funded = append(funded, a.Address())
	}
	chain, err := NewSimulatedChain(funded...)
	require.NoError(t, err)
	defer func() { require.NoError(t, chain.Close()) }()
	l, _, err := Deploy(ctx, chain, deployer, founders)
	require.NoError(t, err)

	h := func(s string) common.Hash { return crypto.Keccak256Hash([]byte(s)) }
	id, _, err := l.CreateStudy(ctx, researcher, StudyParams{
		SpecHash: h("s"), Purpose: h("p"), ReferenceCommitment: h("r"),
		Rounds: 1, MinParticipants: n, Threshold: 2, StrikeLimit: 1, Coordinator: coord.Address(),
	})
	require.NoError(t, err)
	for _, m := range members {
		_, err := l.JoinStudy(ctx, m, id)
		require.NoError(t, err)
	}
	_, err = l.SetPublicKeyHash(ctx, coord, id, h("pk"))
	require.NoError(t, err)
	_, err = l.OpenRound(ctx, coord, id, 1, h("m0"), time.Now().Add(time.Hour))
	require.NoError(t, err)
	var commitGas []uint64
	for i, m := range members {
		r, err := l.CommitUpdate(ctx, m, id, 1, Commitment{h(fmt.Sprint("ct", i)), 10, h(fmt.Sprint("cr", i))})
		require.NoError(t, err)
		commitGas = append(commitGas, r.GasUsed)
	}
	_, err = l.CloseRound(ctx, coord, id, 1, RoundResult{h("agg"), h("m1"), 0.5, 0.5, 0.5, n})
	require.NoError(t, err)

	studies, consent, err := l.Modules(ctx)
	require.NoError(t, err)
	logs, err := chain.filterLogs(ctx, ethereum.FilterQuery{Addresses: append(studies, l.Address(), consent)})
	require.NoError(t, err)
	names := make(map[common.Hash]string)
	for name, ev := range l.abi.Events {
		names[ev.ID] = name
	}
	var got []string
	for _, lg := range logs {
		got = append(got, names[lg.Topics[0]])
	}
	assert.Equal(t, []string{
		"QuorumChanged",
		"MemberAdmitted", "MemberAdmitted", "MemberAdmitted",
		"ModuleReplaced", "ModuleReplaced",
		"StudyCreated",
		"StudyJoined", "StudyJoined", "StudyJoined",
		"PublicKeySet",
		"RoundOpened",
		"UpdateCommitted", "UpdateCommitted", "UpdateCommitted",
		"RoundClosed",
		"StudyFinished",
	}, got)

	// Budget under mainnet rules: the target is at most 60,000 gas per
	// participant per round, commit included. A commit writes no new storage
	// slot (it sets its bit in the round's commit word, seeded when the round
	// opened, and updates the round's running hash), so every participant
	// pays the same. (The commit word, which batches share, costs a single
	// commit a cold read over the old per-participant round number.)
	for i, g := range commitGas {
		assert.Less(t, g, uint64(52_000), "commit %d used %d gas", i, g)
		assert.Equal(t, commitGas[0], g, "commit %d", i)
		t.Logf("commitUpdate gas: %d", g)
	}
}

func TestDecodeRevertData(t *testing.T) {
	contractABI := cohortsol.NewConsortium().GetABI()
	member := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	notMember, err := contractABI.Errors["NotMember"].Inputs.Pack(member)
	require.NoError(t, err)
	selector := contractABI.Errors["NotMember"].ID
	notMember = append(selector[:4:4], notMember...)
	stringErr, err := (abi.Arguments{{Type: mustType(t, "string")}}).Pack("boom")
	require.NoError(t, err)
	stringErr = append([]byte{0x08, 0xc3, 0x79, 0xa0}, stringErr...)

	tests := []struct {
		name     string
		data     []byte
		want     error
		wantName string
		wantArgs []string
	}{
		{"custom error", notMember, ErrNotMember, "NotMember", []string{"account=" + member.Hex()}},
		{"require message", stringErr, ErrReverted, "Error", []string{`reason="boom"`}},
		{"unknown selector", []byte{1, 2, 3, 4}, ErrReverted, "", nil},
		{"too short", []byte{1}, ErrReverted, "", nil},
		{"empty", nil, ErrReverted, "", nil},
		{"truncated arguments", notMember[:10], ErrNotMember, "NotMember", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rev := decodeRevertData(&contractABI, tc.data)
			assert.ErrorIs(t, rev, tc.want)
			assert.Equal(t, tc.wantName, rev.Name)
			if tc.wantArgs != nil {
				assert.Equal(t, tc.wantArgs, rev.Args)
			}
			assert.NotEmpty(t, rev.Error())
		})
	}
}

func mustType(t *testing.T, s string) abi.Type {
	t.Helper()
	typ, err := abi.NewType(s, "", nil)
	require.NoError(t, err)
	return typ
}

func TestCommitmentDigestMatchesContract(t *testing.T) {
	// The Go digest must equal the contract's keccak256(abi.encode(...)).
	contractABI := cohortsol.NewStudies().GetABI()
	tests := []Commitment{
		{},
		{CiphertextHash: common.HexToHash("0x01"), Samples: 1, ConsentRoot: common.HexToHash("0x02")},
		{CiphertextHash: crypto.Keccak256Hash([]byte("c")), Samples: ^uint64(0), ConsentRoot: crypto.Keccak256Hash([]byte("r"))},
	}
	for i, c := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			enc, err := contractABI.Methods["commitmentDigest"].Inputs.Pack(c.CiphertextHash, c.Samples, c.ConsentRoot)
			require.NoError(t, err)
			assert.Equal(t, crypto.Keccak256Hash(enc), c.Digest())
		})
	}
}

func TestNotSimulated(t *testing.T) {
	c := &Chain{}
	assert.ErrorIs(t, c.AdvanceTime(time.Second), ErrNotSimulated)
}

func TestDialChainFailsFast(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := DialChain(ctx, "http://127.0.0.1:1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "127.0.0.1:1")
}

// TestDeployedCodeFitsEIP170 keeps every module deployable on mainnet
// (EIP-170: at most 24,576 bytes of runtime code), with room to grow so that
// the next feature does not suddenly break deployment (compile.js refuses
// less than 3.5 KiB of headroom too). Committees counts too: Studies
// creates it from the code it carries.
func TestDeployedCodeFitsEIP170(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deployer := testAccount(t)
	chain, err := NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	defer chain.Close()
	ledger, _, err := Deploy(ctx, chain, deployer, []Member{{deployer.Address(), "H", crypto.Keccak256Hash([]byte("cert"))}})
	require.NoError(t, err)
	studies, consent, err := ledger.Modules(ctx)
	require.NoError(t, err)
	require.Len(t, studies, 1)
	committees, err := ledger.committeesAddress(ctx, 1)
	require.NoError(t, err)
	require.NotContains(t, []common.Address{{}, ledger.Address(), studies[0], consent}, committees, "the Committees contract Studies created")
	for name, a := range map[string]common.Address{"Consortium": ledger.Address(), "Studies": studies[0], "Committees": committees, "ConsentRegistry": consent} {
		code, err := chain.sim.Client().CodeAt(ctx, a, nil)
		require.NoError(t, err)
		t.Logf("%s: %d bytes of code of 24576", name, len(code))
		assert.LessOrEqual(t, len(code), 24576-3584, "%s is close to the EIP-170 limit (compile.js keeps 3.5 KiB free); split it further", name)
	}
}
