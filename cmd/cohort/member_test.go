package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/membership"
)

// TestMemberAdmission admits an institution as `cohort member admit` and
// `cohort member vote` do: the proposer's vote counts at once, the quorum
// of four founders (three votes) carries it, and neither an outsider nor a
// second vote of the same member counts.
func TestMemberAdmission(t *testing.T) {
	deployer, outsider, newcomer := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	hs := []*contracts.Account{contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))}
	chain, err := contracts.NewSimulatedChain(deployer.Address(), outsider.Address(), hs[0].Address(), hs[1].Address(), hs[2].Address(), hs[3].Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var founders []contracts.Member
	for i, h := range hs {
		founders = append(founders, contracts.Member{Address: h.Address(), Name: fmt.Sprintf("hospital-%d", i+1), TLSFingerprint: crypto.Keccak256Hash([]byte{byte(i)})})
	}
	ledger, _, err := contracts.Deploy(ctx, chain, deployer, founders)
	require.NoError(t, err)
	m := contracts.Member{Address: newcomer.Address(), Name: "hospital-5", TLSFingerprint: crypto.Keccak256Hash([]byte("hospital-5 certificate"))}

	_, err = membership.ProposeAdmission(ctx, ledger, outsider, m)
	require.ErrorIs(t, err, contracts.ErrNotMember, "only members propose")

	p, err := membership.ProposeAdmission(ctx, ledger, hs[0], m)
	require.NoError(t, err)
	assert.Equal(t, "admit", p.Kind)
	assert.Equal(t, newcomer.Address(), p.Subject)
	assert.Equal(t, "hospital-5", p.Name)
	assert.Equal(t, uint32(1), p.Yes, "the proposer's vote counts")
	assert.Equal(t, uint32(3), p.Required, "a majority of four members")
	assert.False(t, p.Executed)
	var text bytes.Buffer
	require.NoError(t, printMemberVote(&text, p, false))
	assert.Contains(t, text.String(), fmt.Sprintf("1 of 3 votes; other members vote with `cohort member vote --proposal %d`", p.ProposalID))

	_, err = membership.VoteFor(ctx, ledger, hs[0], p.ProposalID)
	require.ErrorIs(t, err, contracts.ErrAlreadyVoted, "a member votes once")
	_, err = membership.VoteFor(ctx, ledger, outsider, p.ProposalID)
	require.ErrorIs(t, err, contracts.ErrNotMember, "an outsider does not vote")
	ok, err := ledger.IsMember(ctx, newcomer.Address())
	require.NoError(t, err)
	assert.False(t, ok, "not admitted before the quorum")

	v, err := membership.VoteFor(ctx, ledger, hs[1], p.ProposalID)
	require.NoError(t, err)
	assert.Equal(t, uint32(2), v.Yes)
	assert.False(t, v.Executed)
	v, err = membership.VoteFor(ctx, ledger, hs[2], p.ProposalID)
	require.NoError(t, err)
	assert.True(t, v.Executed, "the third vote carries it")
	text.Reset()
	require.NoError(t, printMemberVote(&text, v, false))
	assert.Contains(t, text.String(), "carried with 3 votes")
	_, err = membership.VoteFor(ctx, ledger, hs[3], p.ProposalID)
	require.ErrorIs(t, err, contracts.ErrProposalClosed)

	members, err := membership.List(ctx, ledger)
	require.NoError(t, err)
	require.Len(t, members, 5)
	last := members[4]
	assert.Equal(t, membership.Entry{Name: "hospital-5", Address: newcomer.Address(), TLSFingerprint: m.TLSFingerprint, Active: true, AdmittedAt: last.AdmittedAt}, last)
	assert.False(t, last.AdmittedAt.IsZero())

	_, err = membership.ProposeAdmission(ctx, ledger, hs[1], m)
	require.ErrorIs(t, err, contracts.ErrDuplicateMember, "a member is not admitted twice")
}

// TestMemberFlags checks that `cohort member` refuses incomplete or
// contradictory flags before it touches a chain.
func TestMemberFlags(t *testing.T) {
	key, _ := saveKeyForTest(t, t.TempDir(), "h.key")
	addr := "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"
	base := []string{"--eth-rpc", "http://127.0.0.1:1", "--contract", addr, "--key", key}
	certs := t.TempDir()
	another := common.HexToAddress("0x1111111111111111111111111111111111111111")
	_, err := auth.IssueCertFiles(certs, []auth.Institution{{Name: "h6", Address: another}}, nil, false)
	require.NoError(t, err)
	_, err = auth.IssueCertFiles(certs, []auth.Institution{{Name: "h5", Address: common.HexToAddress(addr)}, {Name: "h5-server", Address: common.HexToAddress(addr), Server: true}}, []string{"127.0.0.1"}, false)
	require.NoError(t, err)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no subcommand", []string{"member"}, 2, "member admit|vote|list"},
		{"unknown subcommand", []string{"member", "expel"}, 2, `unknown subcommand "expel"`},
		{"admit without address", append([]string{"member", "admit", "--name", "h5", "--cert", "x.pem"}, base...), 2, "--address are required"},
		{"admit without certificate", append([]string{"member", "admit", "--name", "h5", "--address", addr}, base...), 2, "exactly one of --cert"},
		{"admit with both", append([]string{"member", "admit", "--name", "h5", "--address", addr, "--cert", "x.pem", "--fingerprint", "0x" + fmt.Sprintf("%064x", 1)}, base...), 2, "exactly one of --cert"},
		{"admit with a bad checksum", append([]string{"member", "admit", "--name", "h5", "--address", "0x5b38Da6a701c568545dCfcB03FcB875f56beddC4", "--fingerprint", "0x" + fmt.Sprintf("%064x", 1)}, base...), 2, "EIP-55"},
		{"admit with a missing certificate", append([]string{"member", "admit", "--name", "h5", "--address", addr, "--cert", "/nonexistent.pem"}, base...), 1, "--cert"},
		{"admit with another's certificate", append([]string{"member", "admit", "--name", "h5", "--address", addr, "--cert", filepath.Join(certs, "h6.pem")}, base...), 1,
			"names " + another.Hex() + ", not the member's address " + addr},
		// Past the flags, the chain (none at the URL) is what fails.
		{"admit with a server certificate warns", append([]string{"member", "admit", "--name", "h5", "--address", addr, "--cert", filepath.Join(certs, "h5-server.pem")}, base...), 1,
			"warning: --cert " + filepath.Join(certs, "h5-server.pem") + " has TLS server usage"},
		{"vote without proposal", append([]string{"member", "vote"}, base...), 2, "--proposal are required"},
		{"list without contract", []string{"member", "list", "--eth-rpc", "http://127.0.0.1:1"}, 2, "--contract are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			assert.Contains(t, stderr, tt.msg)
		})
	}
	t.Run("admit with a client certificate does not warn", func(t *testing.T) {
		code, _, stderr := runCLI(t, append([]string{"member", "admit", "--name", "h5", "--address", addr, "--cert", filepath.Join(certs, "h5.pem")}, base...)...)
		assert.Equal(t, 1, code, "the chain at the URL is what fails: %s", stderr)
		assert.NotContains(t, stderr, "server usage")
	})
}
