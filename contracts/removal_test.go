package contracts_test

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestRemovedByVoteCannotJoinAgainUntilReinstated: a hospital the members
// voted out of a study (ProposeExclusion) cannot undo the vote by joining
// again; a voluntary leaver can. Only a second vote (ProposeReinstatement)
// lets it back in.
func TestRemovedByVoteCannotJoinAgainUntilReinstated(t *testing.T) {
	f := newFixture(t, 4)    // a vote carries with 3 of 4
	id := f.keyedStudy(t, 4) // min participants 2
	m0, m1, m2, m3 := f.members[0], f.members[1], f.members[2], f.members[3]
	// carry has members 0, 1 and 2 vote for a proposal; the last vote carries it.
	carry := func(pid uint64, err error) {
		t.Helper()
		require.NoError(t, err)
		for _, m := range []*contracts.Account{m1, m2} {
			_, _, err := f.ledger.Vote(f.ctx, m, pid)
			require.NoError(t, err)
		}
	}

	pid, _, err := f.ledger.ProposeExclusion(f.ctx, m0, id, m3.Address())
	carry(pid, err)
	_, err = f.ledger.LeaveStudy(f.ctx, m2, id)
	require.NoError(t, err)

	// The voted-out hospital's join is refused, naming the study and member.
	_, err = f.ledger.JoinStudy(f.ctx, m3, id)
	require.ErrorIs(t, err, contracts.ErrRemovedByVote)
	var rev *contracts.RevertError
	require.True(t, errors.As(err, &rev))
	assert.Equal(t, "RemovedByVote", rev.Name)
	assert.Contains(t, rev.Args, "member="+m3.Address().Hex())
	require.ErrorIs(t, f.ledger.CheckJoin(f.ctx, m3.Address(), id), contracts.ErrRemovedByVote, "the dry run says the same")
	p, err := f.ledger.Participant(f.ctx, id, m3.Address())
	require.NoError(t, err)
	assert.True(t, p.Left)
	assert.True(t, p.Removed)

	// The voluntary leaver joins again as before.
	_, err = f.ledger.JoinStudy(f.ctx, m2, id)
	require.NoError(t, err)
	p, err = f.ledger.Participant(f.ctx, id, m2.Address())
	require.NoError(t, err)
	assert.False(t, p.Removed)

	// A reinstatement vote lifts the removal; the hospital may then join.
	pid, _, err = f.ledger.ProposeReinstatement(f.ctx, m0, id, m3.Address())
	carry(pid, err)
	p, err = f.ledger.Participant(f.ctx, id, m3.Address())
	require.NoError(t, err)
	assert.False(t, p.Removed)
	assert.True(t, p.Left, "reinstated, it is still out until it joins")
	_, err = f.ledger.JoinStudy(f.ctx, m3, id)
	require.NoError(t, err)
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, []common.Address{m0.Address(), m1.Address(), m2.Address(), m3.Address()}, s.Participants)
	assert.Equal(t, uint16(4), s.ActiveParticipants)

	// A member neither suspended nor removed has nothing to reinstate.
	_, _, err = f.ledger.ProposeReinstatement(f.ctx, m0, id, m3.Address())
	require.ErrorIs(t, err, contracts.ErrNotSuspended)
}

// TestLeavingDuringTheExclusionVoteDoesNotDodgeIt: a hospital that sees
// the members voting it out and leaves by itself first is removed all the
// same when the vote carries; it cannot then join again.
func TestLeavingDuringTheExclusionVoteDoesNotDodgeIt(t *testing.T) {
	f := newFixture(t, 4)
	id := f.keyedStudy(t, 4)
	m0, m1, m2, m3 := f.members[0], f.members[1], f.members[2], f.members[3]
	pid, _, err := f.ledger.ProposeExclusion(f.ctx, m0, id, m3.Address())
	require.NoError(t, err)
	_, _, err = f.ledger.Vote(f.ctx, m1, pid)
	require.NoError(t, err)
	_, err = f.ledger.LeaveStudy(f.ctx, m3, id)
	require.NoError(t, err)

	_, _, err = f.ledger.Vote(f.ctx, m2, pid)
	require.NoError(t, err, "the vote carries though the hospital left first")
	requireRemovedAfterLeaving(t, f, id, m3, 3)
}

// requireRemovedAfterLeaving asserts that a hospital that left by itself
// is marked removed by the vote, may not join again, and was counted out
// once: the study has active participants still.
func requireRemovedAfterLeaving(t *testing.T, f *fixture, id uint64, m *contracts.Account, active uint16) {
	t.Helper()
	p, err := f.ledger.Participant(f.ctx, id, m.Address())
	require.NoError(t, err)
	assert.True(t, p.Left)
	assert.True(t, p.Removed)
	_, err = f.ledger.JoinStudy(f.ctx, m, id)
	require.ErrorIs(t, err, contracts.ErrRemovedByVote)
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, active, s.ActiveParticipants, "it is not counted out twice")
}

// TestLeavingBeforeTheExclusionIsProposedDoesNotDodgeIt: a hospital that
// leaves as soon as it is named (by the dealing check, for poisoned
// updates), before anyone proposes its exclusion, can still be voted out:
// the vote marks it removed, so it cannot join again by itself. It is not
// counted out a second time, and the study's minimum of active
// participants, which its leaving already kept, does not block the vote.
func TestLeavingBeforeTheExclusionIsProposedDoesNotDodgeIt(t *testing.T) {
	f := newFixture(t, 4)    // a vote carries with 3 of 4
	id := f.keyedStudy(t, 3) // min participants 2; member 3 never joins
	m0, m1, m2, m3 := f.members[0], f.members[1], f.members[2], f.members[3]
	_, err := f.ledger.LeaveStudy(f.ctx, m2, id)
	require.NoError(t, err) // 2 active left: the study's minimum

	pid, _, err := f.ledger.ProposeExclusion(f.ctx, m0, id, m2.Address())
	require.NoError(t, err, "a participant that already left can be proposed")
	_, _, err = f.ledger.Vote(f.ctx, m1, pid)
	require.NoError(t, err)
	carried, rc, err := f.ledger.Vote(f.ctx, m3, pid)
	require.NoError(t, err, "the minimum is not applied to a member already out")
	require.True(t, carried)
	requireRemovedAfterLeaving(t, f, id, m2, 2)

	// The removal is on the chain as an event of its own, with no second StudyLeft.
	events, err := f.ledger.StudyEvents(f.ctx, id)
	require.NoError(t, err)
	var inVote []string
	for _, e := range events {
		if e.TxHash == rc.TxHash {
			inVote = append(inVote, e.Name)
			if e.Name == "ParticipantRemoved" {
				member, _ := e.Arg("member")
				assert.Equal(t, m2.Address().Hex(), member)
			}
		}
	}
	assert.Equal(t, []string{"ParticipantRemoved"}, inVote)
	departures, err := f.ledger.Departures(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, departures, 1)
	assert.Equal(t, m2.Address(), departures[0].By, "its own leaving, the only one")

	// Nothing left to vote on: a member already removed, one that never
	// joined, an account that is no member at all.
	_, _, err = f.ledger.ProposeExclusion(f.ctx, m0, id, m2.Address())
	require.ErrorIs(t, err, contracts.ErrAlreadyRemoved)
	_, _, err = f.ledger.ProposeExclusion(f.ctx, m0, id, m3.Address())
	require.ErrorIs(t, err, contracts.ErrNeverJoined)
	_, _, err = f.ledger.ProposeExclusion(f.ctx, m0, id, f.outsider.Address())
	require.ErrorIs(t, err, contracts.ErrNeverJoined)
}
