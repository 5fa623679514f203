package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/membership"
	"github.com/cohort-fl/cohort/coordinator/dashboard"
)

// TestMemberAdmission admits an institution as `cohort member admit` and
// `cohort member vote` do: the proposer's vote counts at once, the quorum
// of four founders (three votes) carries it, and neither an outsider nor a
// second vote of the same member counts.
func TestMemberAdmission(t *testing.T) {
	deployer, outsider, newcomer := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ledger, hs := fourFounders(t, ctx, deployer, outsider)
	m := contracts.Member{Address: newcomer.Address(), Name: "hospital-5", TLSFingerprint: crypto.Keccak256Hash([]byte("hospital-5 certificate"))}

	_, err := membership.ProposeAdmission(ctx, ledger, outsider, m)
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

// fourFounders deploys from deployer, on a simulated chain that funds it
// and others, a consortium of four founding hospitals, whose accounts it
// returns (a vote carries with three).
func fourFounders(t *testing.T, ctx context.Context, deployer *contracts.Account, others ...*contracts.Account) (*contracts.Ledger, []*contracts.Account) {
	t.Helper()
	_, ledger, hs := fourFoundersOnChain(t, ctx, deployer, others...)
	return ledger, hs
}

// fourFoundersOnChain is fourFounders with the simulated chain, whose
// clock a test advances.
func fourFoundersOnChain(t *testing.T, ctx context.Context, deployer *contracts.Account, others ...*contracts.Account) (*contracts.Chain, *contracts.Ledger, []*contracts.Account) {
	t.Helper()
	hs := []*contracts.Account{contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))}
	funded := []common.Address{deployer.Address()}
	var founders []contracts.Member
	for i, a := range append(hs, others...) {
		funded = append(funded, a.Address())
		if i < len(hs) {
			founders = append(founders, contracts.Member{Address: a.Address(), Name: fmt.Sprintf("hospital-%d", i+1), TLSFingerprint: crypto.Keccak256Hash([]byte{byte(i)})})
		}
	}
	chain, err := contracts.NewSimulatedChain(funded...)
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ledger, _, err := contracts.Deploy(ctx, chain, deployer, founders)
	require.NoError(t, err)
	return chain, ledger, hs
}

// fourFoundersInAStudy is fourFounders with a study (minimum 2, t = 2)
// the four have joined, and its id.
func fourFoundersInAStudy(t *testing.T, ctx context.Context) (*contracts.Ledger, []*contracts.Account, uint64) {
	t.Helper()
	deployer, coord := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	ledger, hs := fourFounders(t, ctx, deployer)
	id, _, err := ledger.CreateStudy(ctx, deployer, contracts.StudyParams{Rounds: 2, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: coord.Address(),
		SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: crypto.Keccak256Hash([]byte("sepsis")), ReferenceCommitment: crypto.Keccak256Hash([]byte("root"))})
	require.NoError(t, err)
	for _, h := range hs {
		_, err := ledger.JoinStudy(ctx, h, id)
		require.NoError(t, err)
	}
	return ledger, hs, id
}

// TestMemberReinstatementLetsAVotedOutHospitalJoinAgain: a hospital the
// members voted out of a study is told, when it tries to join again, that
// the members voted it out and which command proposes its reinstatement;
// `cohort member reinstate` (the proposer's vote, then `cohort member
// vote`) lets it join again.
func TestMemberReinstatementLetsAVotedOutHospitalJoinAgain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ledger, hs, id := fourFoundersInAStudy(t, ctx)
	voted := hs[3]
	pid, _, err := ledger.ProposeExclusion(ctx, hs[0], id, voted.Address())
	require.NoError(t, err)
	for _, h := range hs[1:3] {
		_, err := membership.VoteFor(ctx, ledger, h, pid)
		require.NoError(t, err)
	}

	_, err = ledger.JoinStudy(ctx, voted, id)
	require.ErrorIs(t, err, contracts.ErrRemovedByVote)
	assert.Contains(t, err.Error(), "members voted this hospital out of the study")
	assert.Contains(t, err.Error(), "cohort member reinstate --study ID --member ADDR")

	p, err := membership.ProposeReinstatement(ctx, ledger, hs[0], id, voted.Address())
	require.NoError(t, err)
	assert.Equal(t, "reinstate", p.Kind)
	assert.Equal(t, id, p.StudyID)
	var text bytes.Buffer
	require.NoError(t, printMemberVote(&text, p, false))
	assert.Contains(t, text.String(), fmt.Sprintf("reinstate %s in study %d", voted.Address().Hex(), id))
	_, err = ledger.JoinStudy(ctx, voted, id)
	require.ErrorIs(t, err, contracts.ErrRemovedByVote, "not before the vote carries")
	for _, h := range hs[1:3] {
		p, err = membership.VoteFor(ctx, ledger, h, p.ProposalID)
		require.NoError(t, err)
	}
	assert.True(t, p.Executed)
	_, err = ledger.JoinStudy(ctx, voted, id)
	require.NoError(t, err, "reinstated, it joins again")
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
		{"no subcommand", []string{"member"}, 2, "member admit|reinstate|vote|list"},
		{"reinstate without member", append([]string{"member", "reinstate", "--study", "1"}, base...), 2, "--study and --member are required"},
		{"reinstate with a bad member", append([]string{"member", "reinstate", "--study", "1", "--member", "0x12"}, base...), 2, "--member"},
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

// TestDashboardShowsAHospitalVotedOut: the study page's standing of a
// hospital the members voted out says so and links to the vote's
// ParticipantRemoved event (one that left by itself: "left", to its
// StudyLeft); once reinstated and joined again it is in good standing.
func TestDashboardShowsAHospitalVotedOut(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ledger, hs, id := fourFoundersInAStudy(t, ctx)
	rd, err := dashboard.Start(dashboard.Config{Ledger: ledger}, "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = rd.Stop() })
	d := &dashboardStudy{url: strings.TrimSuffix(rd.URL, "/")}
	voted := hs[3]
	standing := func() string {
		return rowOf(t, d.get(t, ctx, fmt.Sprintf("/study/%d", id)), `data-participant="`+voted.Address().Hex()+`"`)
	}
	assert.Contains(t, standing(), "in good standing")

	pid, _, err := ledger.ProposeExclusion(ctx, hs[0], id, voted.Address())
	require.NoError(t, err)
	for _, h := range hs[1:3] {
		_, err := membership.VoteFor(ctx, ledger, h, pid)
		require.NoError(t, err)
	}
	row := standing()
	assert.Equal(t, "removed by vote", field(t, row, "removed"))
	events, err := ledger.StudyEvents(ctx, id)
	require.NoError(t, err)
	var removal string
	for _, e := range events {
		if e.Name == "ParticipantRemoved" {
			removal = fmt.Sprintf("/tx/%s#log-%d", e.TxHash.Hex(), e.Index)
		}
	}
	require.NotEmpty(t, removal, "the vote emitted ParticipantRemoved")
	assert.Equal(t, removal, hrefOf(t, row, "removed"))

	// A hospital that left by itself is listed too, linked to its StudyLeft.
	leaver := hs[2]
	rc, err := ledger.LeaveStudy(ctx, leaver, id)
	require.NoError(t, err)
	row = rowOf(t, d.get(t, ctx, fmt.Sprintf("/study/%d", id)), `data-participant="`+leaver.Address().Hex()+`"`)
	assert.Equal(t, "left", field(t, row, "left"))
	assert.Contains(t, hrefOf(t, row, "left"), "/tx/"+rc.TxHash.Hex()+"#log-")

	p, err := membership.ProposeReinstatement(ctx, ledger, hs[0], id, voted.Address())
	require.NoError(t, err)
	for _, h := range hs[1:3] {
		_, err = membership.VoteFor(ctx, ledger, h, p.ProposalID)
		require.NoError(t, err)
	}
	_, err = ledger.JoinStudy(ctx, voted, id)
	require.NoError(t, err)
	assert.Contains(t, standing(), "in good standing")
}
