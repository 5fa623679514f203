package contracts_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

func TestQuorum(t *testing.T) {
	tests := []struct {
		name     string
		founders int
		percent  uint8
		want     uint32
	}{
		{"majority of 4", 4, contracts.DefaultQuorumPercent, 3},
		{"majority of 3", 3, contracts.DefaultQuorumPercent, 2},
		{"all of 3", 3, 100, 3},
		{"one of 3", 3, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.founders)
			l, _, err := contracts.DeployWithQuorum(f.ctx, f.chain, f.deployer, f.founders, tc.percent)
			require.NoError(t, err)
			q, err := l.Quorum(f.ctx)
			require.NoError(t, err)
			assert.Equal(t, contracts.Quorum{Percent: tc.percent, ActiveMembers: uint32(tc.founders), RequiredVotes: tc.want}, q)
		})
	}
	f := newFixture(t, 1)
	for _, bad := range []uint8{0, 101} {
		_, _, err := contracts.DeployWithQuorum(f.ctx, f.chain, f.deployer, f.founders, bad)
		require.ErrorIs(t, err, contracts.ErrInvalidParameter, "quorum %d", bad)
	}
}

func TestAdmissionByVote(t *testing.T) {
	f := newFixture(t, 4) // majority: 3 of 4
	newcomer := contracts.Member{Address: f.outsider.Address(), Name: "Hospital New", TLSFingerprint: hash("new cert")}

	id, _, err := f.ledger.ProposeAdmission(f.ctx, f.members[0], newcomer)
	require.NoError(t, err)
	p, err := f.ledger.Proposal(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, contracts.ProposalAdmit, p.Kind)
	assert.Equal(t, newcomer.Address, p.Subject)
	assert.Equal(t, newcomer.Name, p.Name)
	assert.Equal(t, newcomer.TLSFingerprint, p.TLSFingerprint)
	assert.Equal(t, f.members[0].Address(), p.Proposer)
	assert.Equal(t, uint32(1), p.Yes, "the proposer's vote counts")
	assert.False(t, p.Executed)
	voted, err := f.ledger.HasVoted(f.ctx, id, f.members[0].Address())
	require.NoError(t, err)
	assert.True(t, voted)

	// Access control and revert paths before the quorum is reached.
	_, _, err = f.ledger.Vote(f.ctx, f.outsider, id)
	require.ErrorIs(t, err, contracts.ErrNotMember)
	_, _, err = f.ledger.Vote(f.ctx, f.members[0], id)
	require.ErrorIs(t, err, contracts.ErrAlreadyVoted)
	_, _, err = f.ledger.Vote(f.ctx, f.members[1], 999)
	require.ErrorIs(t, err, contracts.ErrProposalNotFound)
	_, _, err = f.ledger.ProposeAdmission(f.ctx, f.outsider, newcomer)
	require.ErrorIs(t, err, contracts.ErrNotMember)

	executed, _, err := f.ledger.Vote(f.ctx, f.members[1], id)
	require.NoError(t, err)
	assert.False(t, executed)
	ok, err := f.ledger.IsMember(f.ctx, newcomer.Address)
	require.NoError(t, err)
	assert.False(t, ok, "2 of 4 votes are not a majority")

	executed, _, err = f.ledger.Vote(f.ctx, f.members[2], id)
	require.NoError(t, err)
	assert.True(t, executed)
	m, err := f.ledger.Member(f.ctx, newcomer.Address)
	require.NoError(t, err)
	assert.Equal(t, newcomer, m.Member)
	assert.True(t, m.Active)
	_, _, err = f.ledger.Vote(f.ctx, f.members[3], id)
	require.ErrorIs(t, err, contracts.ErrProposalClosed)

	q, err := f.ledger.Quorum(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, uint32(5), q.ActiveMembers)
	assert.Equal(t, uint32(3), q.RequiredVotes)

	// The new member acts as one: it joins studies and can propose.
	id2 := f.study(t, 0)
	_, err = f.ledger.JoinStudy(f.ctx, f.outsider, id2)
	require.NoError(t, err)
}

func TestProposalValidation(t *testing.T) {
	f := newFixture(t, 2)
	good := contracts.Member{Address: f.outsider.Address(), Name: "X", TLSFingerprint: hash("x")}
	tests := []struct {
		name    string
		propose func() error
		want    error
	}{
		{"admit an existing member", func() error {
			_, _, err := f.ledger.ProposeAdmission(f.ctx, f.members[0], f.founders[1])
			return err
		}, contracts.ErrDuplicateMember},
		{"admit zero address", func() error {
			_, _, err := f.ledger.ProposeAdmission(f.ctx, f.members[0], contracts.Member{Name: "X", TLSFingerprint: hash("x")})
			return err
		}, contracts.ErrInvalidParameter},
		{"admit without name", func() error {
			m := good
			m.Name = ""
			_, _, err := f.ledger.ProposeAdmission(f.ctx, f.members[0], m)
			return err
		}, contracts.ErrInvalidParameter},
		{"admit without fingerprint", func() error {
			m := good
			m.TLSFingerprint = common.Hash{}
			_, _, err := f.ledger.ProposeAdmission(f.ctx, f.members[0], m)
			return err
		}, contracts.ErrInvalidParameter},
		{"remove a non-member", func() error {
			_, _, err := f.ledger.ProposeRemoval(f.ctx, f.members[0], f.outsider.Address())
			return err
		}, contracts.ErrNotMember},
		{"remove by an outsider", func() error {
			_, _, err := f.ledger.ProposeRemoval(f.ctx, f.outsider, f.members[0].Address())
			return err
		}, contracts.ErrNotMember},
		{"quorum 0", func() error {
			_, _, err := f.ledger.ProposeQuorum(f.ctx, f.members[0], 0)
			return err
		}, contracts.ErrInvalidParameter},
		{"quorum above 100", func() error {
			_, _, err := f.ledger.ProposeQuorum(f.ctx, f.members[0], 101)
			return err
		}, contracts.ErrInvalidParameter},
		{"reinstate in unknown study", func() error {
			_, _, err := f.ledger.ProposeReinstatement(f.ctx, f.members[0], 42, f.members[1].Address())
			return err
		}, contracts.ErrStudyNotFound},
		{"reinstate a member not suspended", func() error {
			id := f.study(t, 2)
			_, _, err := f.ledger.ProposeReinstatement(f.ctx, f.members[0], id, f.members[1].Address())
			return err
		}, contracts.ErrNotSuspended},
		{"read unknown proposal", func() error {
			_, err := f.ledger.Proposal(f.ctx, 77)
			return err
		}, contracts.ErrProposalNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.propose(), tc.want)
		})
	}
}

func TestRemovalAndQuorumChange(t *testing.T) {
	f := newFixture(t, 3) // majority: 2 of 3
	id := f.openStudy(t, 3)

	pid, _, err := f.ledger.ProposeRemoval(f.ctx, f.members[0], f.members[2].Address())
	require.NoError(t, err)
	executed, _, err := f.ledger.Vote(f.ctx, f.members[1], pid)
	require.NoError(t, err)
	require.True(t, executed)
	m, err := f.ledger.Member(f.ctx, f.members[2].Address())
	require.NoError(t, err)
	assert.False(t, m.Active)
	assert.False(t, m.RemovedAt.IsZero())

	// A removed member can neither commit, vote nor propose.
	_, err = f.ledger.CommitUpdate(f.ctx, f.members[2], id, 1, commitment(2))
	require.ErrorIs(t, err, contracts.ErrNotMember)
	_, _, err = f.ledger.ProposeQuorum(f.ctx, f.members[2], 100)
	require.ErrorIs(t, err, contracts.ErrNotMember)
	_, err = f.ledger.UpdateTLSFingerprint(f.ctx, f.members[2], hash("rotated"))
	require.ErrorIs(t, err, contracts.ErrNotMember)

	// Quorum 100 % of the 2 remaining members.
	pid, _, err = f.ledger.ProposeQuorum(f.ctx, f.members[0], 100)
	require.NoError(t, err)
	executed, _, err = f.ledger.Vote(f.ctx, f.members[1], pid)
	require.NoError(t, err)
	require.True(t, executed)
	q, err := f.ledger.Quorum(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, contracts.Quorum{Percent: 100, ActiveMembers: 2, RequiredVotes: 2}, q)

	// Re-admission of the removed member keeps its place in the list.
	pid, _, err = f.ledger.ProposeAdmission(f.ctx, f.members[0], f.founders[2])
	require.NoError(t, err)
	_, _, err = f.ledger.Vote(f.ctx, f.members[1], pid)
	require.NoError(t, err)
	all, err := f.ledger.Members(f.ctx)
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.True(t, all[2].Active)

	// Members cannot remove the last member.
	solo := newFixture(t, 1)
	_, _, err = solo.ledger.ProposeRemoval(solo.ctx, solo.members[0], solo.members[0].Address())
	require.ErrorIs(t, err, contracts.ErrLastMember)
}

func TestProposalExpires(t *testing.T) {
	f := newFixture(t, 3)
	pid, _, err := f.ledger.ProposeQuorum(f.ctx, f.members[0], 100)
	require.NoError(t, err)
	require.NoError(t, f.chain.AdvanceTime(8*24*time.Hour))
	_, _, err = f.ledger.Vote(f.ctx, f.members[1], pid)
	require.ErrorIs(t, err, contracts.ErrProposalExpired)
}

func TestUpdateTLSFingerprint(t *testing.T) {
	f := newFixture(t, 2)
	_, err := f.ledger.UpdateTLSFingerprint(f.ctx, f.members[0], hash("rotated cert"))
	require.NoError(t, err)
	m, err := f.ledger.Member(f.ctx, f.members[0].Address())
	require.NoError(t, err)
	assert.Equal(t, hash("rotated cert"), m.TLSFingerprint)
	_, err = f.ledger.UpdateTLSFingerprint(f.ctx, f.members[0], common.Hash{})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
	_, err = f.ledger.UpdateTLSFingerprint(f.ctx, f.outsider, hash("x"))
	require.ErrorIs(t, err, contracts.ErrNotMember)
}
