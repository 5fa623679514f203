package contracts_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// flag has the coordinator record scores in an open round that flag
// member (one chunk), and returns the round's scores hash after it.
func (f *fixture) flag(t *testing.T, id uint64, round uint32, member common.Address) common.Hash {
	t.Helper()
	_, err := f.ledger.RecordScores(f.ctx, f.coord, id, round, []contracts.Score{{Member: member, Score: -1, Flagged: true}})
	require.NoError(t, err)
	st, err := f.ledger.PendingStrike(f.ctx, id, round)
	require.NoError(t, err)
	require.True(t, st.Pending())
	return st.ScoresHash
}

// The participants strike a flagged member with their own endorsements on
// chain, with no help from the coordinator: each in good standing, once
// per scores hash, naming the scores hash it checked and the flagged
// members; the one that reaches the study's threshold strikes (and, at
// the strike limit, suspends). Nothing flagged, nothing pending.
func TestParticipantsStrikeByEndorsingOnChain(t *testing.T) {
	f := newFixture(t, 5)
	p := f.params()
	p.Threshold, p.MinParticipants, p.StrikeLimit = 3, 3, 1
	id := f.studyWith(t, 5, p)
	f.setKey(t, id)
	f.openFirstRound(t, id)
	m := func(i int) common.Address { return f.members[i].Address() }
	endorse := func(i int, scoresHash common.Hash, flagged ...common.Address) error {
		_, err := f.ledger.EndorseScores(f.ctx, f.members[i], id, 1, scoresHash, flagged)
		return err
	}

	// Nothing recorded, then a table that flags nobody: nothing to endorse.
	require.ErrorIs(t, endorse(0, common.Hash{}), contracts.ErrNoStrikePending)
	_, err := f.ledger.RecordScores(f.ctx, f.coord, id, 1, []contracts.Score{{Member: m(0), Score: 0.9, Weight: 1}})
	require.NoError(t, err)
	st, err := f.ledger.PendingStrike(f.ctx, id, 1)
	require.NoError(t, err)
	assert.False(t, st.Pending())
	assert.Equal(t, uint32(3), st.Threshold)
	require.ErrorIs(t, endorse(0, st.ScoresHash), contracts.ErrNoStrikePending)

	// Member 3 is struck through the coordinator's bundle, and suspended
	// (limit 1): its strike is no longer pending on chain.
	f.strike(t, id, 1, m(3), 0, 1, 2)
	st, err = f.ledger.PendingStrike(f.ctx, id, 1)
	require.NoError(t, err)
	require.ErrorIs(t, endorse(0, st.ScoresHash, m(3)), contracts.ErrNoStrikePending, "the coordinator's bundle struck first")

	// The coordinator records a further chunk that flags member 4.
	old := st.ScoresHash
	h := f.flag(t, id, 1, m(4))
	_, err = f.ledger.EndorseScores(f.ctx, f.outsider, id, 1, h, []common.Address{m(4)})
	require.ErrorIs(t, err, contracts.ErrNotInGoodStanding, "a non-participant")
	require.ErrorIs(t, endorse(3, h, m(4)), contracts.ErrNotInGoodStanding, "a suspended participant")
	require.ErrorIs(t, endorse(0, old, m(4)), contracts.ErrScoresChanged, "an endorsement of scores recorded before")
	require.ErrorIs(t, endorse(0, h, m(3)), contracts.ErrInvalidParameter, "another flagged list")
	require.ErrorIs(t, endorse(0, h), contracts.ErrInvalidParameter, "no flagged list")

	require.NoError(t, endorse(0, h, m(4)))
	require.ErrorIs(t, endorse(0, h, m(4)), contracts.ErrAlreadyEndorsed, "a second endorsement by the same participant")
	require.NoError(t, endorse(1, h, m(4)))
	st, err = f.ledger.PendingStrike(f.ctx, id, 1)
	require.NoError(t, err)
	assert.True(t, st.Pending(), "two endorsements of three strike no one")
	standing, err := f.ledger.Participant(f.ctx, id, m(4))
	require.NoError(t, err)
	assert.Zero(t, standing.Strikes)

	require.NoError(t, endorse(2, h, m(4)), "the third endorsement strikes")
	st, err = f.ledger.PendingStrike(f.ctx, id, 1)
	require.NoError(t, err)
	assert.False(t, st.Pending())
	standing, err = f.ledger.Participant(f.ctx, id, m(4))
	require.NoError(t, err)
	assert.Equal(t, contracts.Participant{Index: 5, Strikes: 1, Suspended: true}, standing, "struck and suspended at the limit")
	strikes, err := f.ledger.Strikes(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, strikes, 2)
	assert.Equal(t, m(4), strikes[1].Member)
	assert.Equal(t, h, strikes[1].Evidence, "the endorsed scores hash is the strike's evidence")

	// The coordinator's bundle after the on-chain endorsements strikes no
	// one twice, nor does a late endorsement.
	d, err := f.ledger.CommitDomain(f.ctx, id)
	require.NoError(t, err)
	bundle := map[common.Address][]byte{}
	for _, i := range []int{0, 1, 2} {
		bundle[m(i)], err = contracts.SignEndorsement(f.keys[i], d, id, 1, h)
		require.NoError(t, err)
	}
	_, err = f.ledger.ConfirmStrikes(f.ctx, f.coord, id, 1, []common.Address{m(4)}, bundle)
	require.ErrorIs(t, err, contracts.ErrNoStrikePending)
	require.ErrorIs(t, endorse(0, h, m(4)), contracts.ErrNoStrikePending)
	strikes, err = f.ledger.Strikes(f.ctx, id)
	require.NoError(t, err)
	assert.Len(t, strikes, 2, "one strike each")

	got, err := f.ledger.OnChainEndorsements(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, got, 3)
	for i, e := range got {
		assert.Equal(t, m(i), e.Endorser)
		assert.Equal(t, uint32(1), e.Round)
		assert.Equal(t, h, e.ScoresHash)
		assert.Equal(t, uint64(i+1), e.Count)
	}
}

// The on-chain endorsements and the coordinator's bundle count apart: on
// chain, t−1 endorsements leave the strike to the bundle, which strikes
// once; the round's flagged hash is the one FlaggedHash computes.
func TestBundleAfterPartialOnChainEndorsementsStrikesOnce(t *testing.T) {
	f := newFixture(t, 4)
	p := f.params()
	p.Threshold, p.MinParticipants = 3, 3
	id := f.studyWith(t, 4, p)
	f.setKey(t, id)
	f.openFirstRound(t, id)
	flagged := f.members[3].Address()
	h := f.flag(t, id, 1, flagged)
	st, err := f.ledger.PendingStrike(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, contracts.FlaggedHash([]common.Address{flagged}), st.FlaggedHash)
	for _, i := range []int{0, 1} {
		_, err := f.ledger.EndorseScores(f.ctx, f.members[i], id, 1, h, []common.Address{flagged})
		require.NoError(t, err)
	}
	d, err := f.ledger.CommitDomain(f.ctx, id)
	require.NoError(t, err)
	bundle := map[common.Address][]byte{}
	for _, i := range []int{0, 1, 2} {
		bundle[f.members[i].Address()], err = contracts.SignEndorsement(f.keys[i], d, id, 1, h)
		require.NoError(t, err)
	}
	_, err = f.ledger.ConfirmStrikes(f.ctx, f.coord, id, 1, []common.Address{flagged}, bundle)
	require.NoError(t, err)
	_, err = f.ledger.EndorseScores(f.ctx, f.members[2], id, 1, h, []common.Address{flagged})
	require.ErrorIs(t, err, contracts.ErrNoStrikePending, "the third on-chain endorsement finds the strike landed")
	standing, err := f.ledger.Participant(f.ctx, id, flagged)
	require.NoError(t, err)
	assert.Equal(t, uint16(1), standing.Strikes)
}
