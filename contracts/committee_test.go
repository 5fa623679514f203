package contracts_test

import (
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// committeeStudy creates a study with a committee of size c (threshold 2,
// rotation every rotation rounds, strike limit 1) and joins the first n
// members.
func (f *fixture) committeeStudy(t *testing.T, n int, c uint16, rotation uint32) uint64 {
	t.Helper()
	p := f.params()
	p.Rounds = 5
	p.StrikeLimit = 1
	p.Committee = contracts.CommitteeParams{Size: c, RotationRounds: rotation}
	id, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
	require.NoError(t, err)
	for _, m := range f.members[:n] {
		_, err := f.ledger.JoinStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	return id
}

// checkRule re-derives the committee from its seed and the given active
// participants, as anyone can.
func checkRule(t *testing.T, c contracts.Committee, active []common.Address) {
	t.Helper()
	assert.Equal(t, contracts.SelectCommitteeMembers(c.Seed, active, int(c.Size)), c.Members, "the chain's committee follows the published rule")
}

// TestCommitteeSetAndSelect checks who may set and select a committee,
// when, and that the selection follows the rule.
func TestCommitteeSetAndSelect(t *testing.T) {
	f := newFixture(t, 6)
	id := f.committeeStudy(t, 6, 3, 0)
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, contracts.CommitteeParams{Size: 3}, s.Committee)

	_, err = f.ledger.SetCommittee(f.ctx, f.researcher, id, contracts.CommitteeParams{Size: 4})
	require.ErrorIs(t, err, contracts.ErrCommitteeLocked, "set once")
	plain := f.study(t, 2)
	for _, tc := range []struct {
		name string
		from *contracts.Account
		p    contracts.CommitteeParams
		want error
	}{
		{"not the owner", f.coord, contracts.CommitteeParams{Size: 2}, contracts.ErrNotAuthorised},
		{"below the threshold", f.researcher, contracts.CommitteeParams{Size: 1}, contracts.ErrInvalidParameter},
		{"too large", f.researcher, contracts.CommitteeParams{Size: contracts.MaxCommitteeSize + 1}, contracts.ErrInvalidParameter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.SetCommittee(f.ctx, tc.from, plain, tc.p)
			require.ErrorIs(t, err, tc.want)
		})
	}
	_, _, err = f.ledger.SelectCommittee(f.ctx, f.coord, plain)
	require.ErrorIs(t, err, contracts.ErrNoCommittee)

	// No round before a committee.
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("key"))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.ErrorIs(t, err, contracts.ErrCommitteeNotCurrent)
	_, err = f.ledger.SetCommittee(f.ctx, f.researcher, id, contracts.CommitteeParams{Size: 3})
	require.ErrorIs(t, err, contracts.ErrCommitteeLocked, "the key is set")

	_, _, err = f.ledger.SelectCommittee(f.ctx, f.members[0], id)
	require.ErrorIs(t, err, contracts.ErrNotAuthorised)
	c, r, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	t.Logf("selecting 3 of 6: %d gas", r.GasUsed)
	assert.Equal(t, uint32(1), c.Epoch)
	assert.True(t, c.Current)
	require.Len(t, c.Members, 3)
	checkRule(t, c, memberAddresses(f.members))
	s, err = f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, c.Members, s.Holders)
	assert.True(t, s.CommitteeCurrent)
	assert.Equal(t, uint32(1), s.CommitteeEpoch)
	for i, m := range c.Members {
		assert.Equal(t, uint64(i+1), contracts.CommitteePoint(s.Holders, m))
	}
	assert.Zero(t, contracts.CommitteePoint(s.Holders, f.outsider.Address()))
	_, _, err = f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.ErrorIs(t, err, contracts.ErrCommitteeCurrent, "no second draw")

	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)

	history, err := f.ledger.CommitteeSelections(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, history, 1)
	assert.Equal(t, c.Members, history[0].Members)
	assert.Equal(t, c.Seed, history[0].Seed)
}

// TestCommitteeReselectedWhenMemberGoes: a committee member that leaves or
// is suspended stops the study until a new committee is selected from the
// remaining active participants.
func TestCommitteeReselectedWhenMemberGoes(t *testing.T) {
	f := newFixture(t, 6)
	id := f.committeeStudy(t, 6, 3, 0)
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("key"))
	require.NoError(t, err)
	c, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	byAddr := map[common.Address]*contracts.Account{}
	for _, m := range f.members {
		byAddr[m.Address()] = m
	}

	// An outsider to the committee leaves: nothing to do.
	var outside *contracts.Account
	for _, m := range f.members {
		if !c.Has(m.Address()) {
			outside = m
			break
		}
	}
	_, err = f.ledger.LeaveStudy(f.ctx, outside, id)
	require.NoError(t, err)
	c2, err := f.ledger.Committee(f.ctx, id)
	require.NoError(t, err)
	assert.True(t, c2.Current)

	// A committee member leaves: the committee is due.
	leaver := byAddr[c.Members[0]]
	_, err = f.ledger.LeaveStudy(f.ctx, leaver, id)
	require.NoError(t, err)
	c2, err = f.ledger.Committee(f.ctx, id)
	require.NoError(t, err)
	assert.False(t, c2.Current)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.ErrorIs(t, err, contracts.ErrCommitteeNotCurrent)
	c3, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	assert.Equal(t, uint32(2), c3.Epoch)
	assert.NotContains(t, c3.Members, leaver.Address())
	assert.NotContains(t, c3.Members, outside.Address())
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	checkRule(t, c3, s.Participants)

	// A committee member is suspended (strike limit 1) during round 1, by
	// two other participants' endorsement of the scores that flag it.
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)
	bad := c3.Members[1]
	var endorsers []int
	for i, m := range f.members {
		if m.Address() != bad && slices.Contains(s.Participants, m.Address()) && len(endorsers) < 2 {
			endorsers = append(endorsers, i)
		}
	}
	f.strike(t, id, 1, bad, endorsers...)
	_, _, err = f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.ErrorIs(t, err, contracts.ErrRoundStillOpen, "committees change between rounds")
	for _, m := range s.Participants {
		if m != bad {
			_, err := f.ledger.CommitUpdate(f.ctx, byAddr[m], id, 1, commitment(0))
			require.NoError(t, err)
		}
	}
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(2))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline())
	require.ErrorIs(t, err, contracts.ErrCommitteeNotCurrent)
	c4, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	assert.NotContains(t, c4.Members, bad)
	assert.Len(t, c4.Members, 3)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline())
	require.NoError(t, err)
}

// TestCommitteeRotation: a committee serves RotationRounds rounds, and a
// consortium vote can ask for a new one at any time.
func TestCommitteeRotation(t *testing.T) {
	f := newFixture(t, 5)
	id := f.committeeStudy(t, 5, 2, 2)
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("key"))
	require.NoError(t, err)
	_, _, err = f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	runRound := func(r uint32) {
		t.Helper()
		_, err := f.ledger.OpenRound(f.ctx, f.coord, id, r, hash("model"), f.deadline())
		require.NoError(t, err)
		f.commitAll(t, id, r, 2)
		_, err = f.ledger.CloseRound(f.ctx, f.coord, id, r, result(2))
		require.NoError(t, err)
	}
	runRound(1)
	runRound(2)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 3, hash("model"), f.deadline())
	require.ErrorIs(t, err, contracts.ErrCommitteeNotCurrent, "two rounds served")
	c, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	assert.Equal(t, uint32(2), c.Epoch)
	assert.Equal(t, uint32(2), c.SelectedRound)

	// Members vote for a rotation (quorum 51% of 5: 3 votes).
	_, _, err = f.ledger.ProposeRotation(f.ctx, f.outsider, id)
	require.ErrorIs(t, err, contracts.ErrNotMember)
	pid, _, err := f.ledger.ProposeRotation(f.ctx, f.members[0], id)
	require.NoError(t, err)
	p, err := f.ledger.Proposal(f.ctx, pid)
	require.NoError(t, err)
	assert.Equal(t, contracts.ProposalRotate, p.Kind)
	_, _, err = f.ledger.Vote(f.ctx, f.members[1], pid)
	require.NoError(t, err)
	executed, _, err := f.ledger.Vote(f.ctx, f.members[2], pid)
	require.NoError(t, err)
	require.True(t, executed)
	c, err = f.ledger.Committee(f.ctx, id)
	require.NoError(t, err)
	assert.True(t, c.RotationVoted)
	assert.False(t, c.Current)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 3, hash("model"), f.deadline())
	require.ErrorIs(t, err, contracts.ErrCommitteeNotCurrent)
	c, _, err = f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	assert.Equal(t, uint32(3), c.Epoch)
	checkRule(t, c, memberAddresses(f.members))
	runRound(3)
}

// TestCommitteeSeedIsNotChosen checks that nobody picks a committee's seed:
// a selection is requested in one block, whose hash is the seed, and
// completed in a later one from the candidates the request fixed, by the
// coordinator or any participant; a request lapses after 256 blocks.
func TestCommitteeSeedIsNotChosen(t *testing.T) {
	f := newFixture(t, 6)
	id := f.committeeStudy(t, 5, 3, 0)
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("key"))
	require.NoError(t, err)

	_, _, err = f.ledger.CompleteCommittee(f.ctx, f.coord, id, contracts.CommitteeRequest{Candidates: memberAddresses(f.members[:5])})
	require.ErrorIs(t, err, contracts.ErrNoSelectionRequested)
	_, _, err = f.ledger.RequestCommittee(f.ctx, f.members[0], id)
	require.ErrorIs(t, err, contracts.ErrNotAuthorised, "only the coordinator requests")
	req, _, err := f.ledger.RequestCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	assert.ElementsMatch(t, memberAddresses(f.members[:5]), req.Candidates, "the candidates are the active participants")
	assert.Equal(t, uint32(1), req.Epoch)
	_, _, err = f.ledger.RequestCommittee(f.ctx, f.coord, id)
	require.ErrorIs(t, err, contracts.ErrSelectionPending, "no second draw while one is pending")
	pending, ok, err := f.ledger.PendingCommitteeRequest(f.ctx, id)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, req, pending)

	// A late joiner cannot put itself among the candidates once the seed is known.
	_, err = f.ledger.JoinStudy(f.ctx, f.members[5], id)
	require.NoError(t, err)
	withJoiner := append(slices.Clone(req.Candidates), f.members[5].Address())
	for name, tc := range map[string]struct {
		from       *contracts.Account
		candidates []common.Address
		want       error
	}{
		"a joiner added":      {f.coord, withJoiner, contracts.ErrCandidatesMismatch},
		"a candidate dropped": {f.coord, req.Candidates[1:], contracts.ErrCandidatesMismatch},
		"by an outsider":      {f.outsider, req.Candidates, contracts.ErrNotAuthorised},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := f.ledger.CompleteCommittee(f.ctx, tc.from, id, contracts.CommitteeRequest{Candidates: tc.candidates})
			require.ErrorIs(t, err, tc.want)
		})
	}

	c, _, err := f.ledger.CompleteCommittee(f.ctx, f.members[1], id, req)
	require.NoError(t, err, "a participant may complete the coordinator's request")
	requestHash, err := f.chain.BlockHash(f.ctx, req.Block)
	require.NoError(t, err)
	want := crypto.Keccak256Hash(common.LeftPadBytes(new(big.Int).SetUint64(id).Bytes(), 32), common.LeftPadBytes([]byte{1}, 32), requestHash.Bytes())
	assert.Equal(t, want, c.Seed, "the seed is the request block's hash, fixed before anyone could know it")
	checkRule(t, c, req.Candidates)
	assert.NotContains(t, c.Members, f.members[5].Address())
	assert.Zero(t, c.RequestBlock, "nothing pending")

	// A member leaves: the new request lapses unanswered, and is made again.
	leaver := slices.IndexFunc(f.members, func(m *contracts.Account) bool { return c.Has(m.Address()) })
	_, err = f.ledger.LeaveStudy(f.ctx, f.members[leaver], id)
	require.NoError(t, err)
	lapsed, _, err := f.ledger.RequestCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	for range 257 {
		require.NoError(t, f.chain.AdvanceTime(time.Second))
	}
	_, _, err = f.ledger.CompleteCommittee(f.ctx, f.coord, id, lapsed)
	require.ErrorIs(t, err, contracts.ErrSelectionExpired)
	again, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err, "a lapsed request is made again")
	assert.Equal(t, uint32(2), again.Epoch)
	assert.True(t, again.Current)
}

// TestCommitteeMemberVotedOutOfTheConsortium: a committee member the
// consortium removes by vote holds no more key shares: the committee is no
// longer current, and the next draw leaves it out.
func TestCommitteeMemberVotedOutOfTheConsortium(t *testing.T) {
	f := newFixture(t, 5)
	id := f.committeeStudy(t, 5, 3, 0)
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("key"))
	require.NoError(t, err)
	c, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	require.True(t, c.Current)

	expelled := f.members[slices.IndexFunc(f.members, func(m *contracts.Account) bool { return c.Has(m.Address()) })]
	var voters []*contracts.Account
	for _, m := range f.members {
		if m != expelled {
			voters = append(voters, m)
		}
	}
	proposal, _, err := f.ledger.ProposeRemoval(f.ctx, voters[0], expelled.Address())
	require.NoError(t, err)
	for _, v := range voters[1:] {
		done, _, err := f.ledger.Vote(f.ctx, v, proposal)
		require.NoError(t, err)
		if done {
			break
		}
	}
	member, err := f.ledger.IsMember(f.ctx, expelled.Address())
	require.NoError(t, err)
	require.False(t, member, "voted out")

	stale, err := f.ledger.Committee(f.ctx, id)
	require.NoError(t, err)
	assert.False(t, stale.Current, "a committee with a member voted out of the consortium is not current")
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.ErrorIs(t, err, contracts.ErrCommitteeNotCurrent)

	next, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	assert.True(t, next.Current)
	assert.False(t, next.Has(expelled.Address()), "no longer a candidate")
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)
}

// A coordinator must not choose who decrypts. Removing a participant that
// was drawn for the committee forces a new draw, so a coordinator free to
// remove participants could draw again and again until the committee held
// t hospitals it colludes with, which together decrypt any hospital's
// update. The coordinator's removal reverts; only a member vote excludes a
// participant.
func TestCoordinatorCannotRedrawTheCommittee(t *testing.T) {
	f := newFixture(t, 5) // a vote carries with 3 of 5
	id := f.committeeStudy(t, 5, 3, 0)
	f.setKey(t, id)
	c, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	drawn := c.Members[0]

	// removeParticipant(uint64 studyId, address member), from the coordinator.
	call := crypto.Keccak256([]byte("removeParticipant(uint64,address)"))[:4]
	call = append(call, common.LeftPadBytes(new(big.Int).SetUint64(id).Bytes(), 32)...)
	call = append(call, common.LeftPadBytes(drawn.Bytes(), 32)...)
	require.ErrorIs(t, f.ledger.SendToStudies(f.ctx, f.coord, id, call), contracts.ErrNotAuthorised)
	c, err = f.ledger.Committee(f.ctx, id)
	require.NoError(t, err)
	assert.True(t, c.Current, "the committee stands")

	// Members may vote a participant out; one that never joined is refused.
	_, _, err = f.ledger.ProposeExclusion(f.ctx, f.members[0], id, f.outsider.Address())
	require.ErrorIs(t, err, contracts.ErrNeverJoined)
	var voters []*contracts.Account
	for _, m := range f.members {
		if m.Address() != drawn {
			voters = append(voters, m)
		}
	}
	pid, _, err := f.ledger.ProposeExclusion(f.ctx, voters[0], id, drawn)
	require.NoError(t, err)
	executed, _, err := f.ledger.Vote(f.ctx, voters[1], pid)
	require.NoError(t, err)
	require.False(t, executed, "two votes of the three needed")
	p, err := f.ledger.Participant(f.ctx, id, drawn)
	require.NoError(t, err)
	require.False(t, p.Left)
	executed, _, err = f.ledger.Vote(f.ctx, voters[2], pid)
	require.NoError(t, err)
	require.True(t, executed)
	p, err = f.ledger.Participant(f.ctx, id, drawn)
	require.NoError(t, err)
	assert.True(t, p.Left, "excluded by the vote")
	c, err = f.ledger.Committee(f.ctx, id)
	require.NoError(t, err)
	assert.False(t, c.Current, "a vote, not the coordinator, made the committee due")
}

// TestCommitteeSelectionsReadOnlyNewBlocks: a hospital off the committee
// reads the study's committee selections on every commit that makes it
// erase its share and on every reconnect; each read was a log query from
// the study's creation (at 100 hospitals and a committee of 10, 90 such
// reads in every reconnect wave). A ledger now keeps what it read and
// reads only the blocks mined since; a selection mined after a read is
// seen, and one a reorg took back is not.
func TestCommitteeSelectionsReadOnlyNewBlocks(t *testing.T) {
	f := newFixture(t, 5)
	id := f.committeeStudy(t, 5, 2, 0)
	first, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	mine := func(n int) {
		for range n {
			require.NoError(t, f.chain.AdvanceTime(time.Second))
		}
	}
	mine(10)

	// A hospital's node, asked one block per log query: a query counts
	// the blocks read.
	view, lag, err := f.chain.Lagging(0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	view.SetLogWindow(1)
	node, err := contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)
	study, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	read := func() ([]contracts.Committee, uint64) {
		t.Helper()
		before := lag.LogQueries()
		got, err := node.CommitteeSelections(f.ctx, id)
		require.NoError(t, err)
		return got, lag.LogQueries() - before
	}
	head := func() uint64 {
		n, err := f.ledger.BlockNumber(f.ctx)
		require.NoError(t, err)
		return n
	}

	got, queries := read()
	require.Len(t, got, 1)
	assert.Equal(t, first.Members, got[0].Members)
	read1 := head()
	assert.Equal(t, read1-study.CreatedBlock+1, queries, "the first read is from the study's creation")
	_, queries = read()
	assert.Zero(t, queries, "no block since")

	mine(3)
	got, queries = read()
	assert.Len(t, got, 1)
	assert.Equal(t, uint64(3), queries, "only the blocks mined since are read")

	// A member of the committee leaves and another committee is selected.
	read2 := head()
	for _, m := range f.members {
		if first.Has(m.Address()) {
			_, err = f.ledger.LeaveStudy(f.ctx, m, id)
			require.NoError(t, err)
			break
		}
	}
	second, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	got, queries = read()
	require.Len(t, got, 2, "a selection mined after the last read is seen")
	assert.Equal(t, second.Members, got[1].Members)
	assert.Equal(t, head()-read2, queries, "only the blocks mined since are read")

	// A reorg takes the second selection back: forked at the block before
	// the leave, with more blocks mined on the new branch than the old
	// had since.
	selected := head()
	tip, err := f.ledger.BlockHash(f.ctx, selected)
	require.NoError(t, err)
	parent, err := f.ledger.BlockHash(f.ctx, read2)
	require.NoError(t, err)
	require.NoError(t, f.chain.Fork(parent))
	mine(int(selected-read2) + 2)
	got, _ = read()
	require.Len(t, got, 1, "the reorged selection is gone")
	assert.Equal(t, first.Members, got[0].Members)

	// Back on the first branch, the second selection is there again.
	require.NoError(t, f.chain.Fork(tip))
	got, _ = read()
	require.Len(t, got, 2, "the selection is back with its branch")
	assert.Equal(t, second.Members, got[1].Members)
}
