package contracts_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// signCommit has member i sign commitment(i) for a round.
func (f *fixture) signCommit(t *testing.T, id uint64, round uint32, i int) contracts.SignedCommitment {
	t.Helper()
	d, err := f.ledger.CommitDomain(f.ctx, id)
	require.NoError(t, err)
	s, err := contracts.SignCommitment(f.keys[i], d, id, round, commitment(i))
	require.NoError(t, err)
	return s
}

// TestCommitUpdatesBatch records hospitals' signed commitments in one
// transaction from the coordinator, beside a hospital that commits by
// itself, and checks every rule commitUpdate enforces on a batch entry.
func TestCommitUpdatesBatch(t *testing.T) {
	f := newFixture(t, 5)
	p := f.params()
	p.StrikeLimit = 1          // one endorsed strike suspends, below
	id := f.studyWith(t, 4, p) // member 4 is a member but no participant
	f.setKey(t, id)
	f.openFirstRound(t, id)

	// Bad batches change nothing.
	forged := f.signCommit(t, id, 1, 0)
	forged.Samples++ // the signature no longer matches: another "signer"
	otherRound := f.signCommit(t, id, 2, 1)
	highS := f.signCommit(t, id, 1, 1)
	highS.Signature = malleate(highS.Signature)
	tests := []struct {
		name    string
		from    *contracts.Account
		commits []contracts.SignedCommitment
		want    error
	}{
		{"not the coordinator", f.members[0], []contracts.SignedCommitment{f.signCommit(t, id, 1, 0)}, contracts.ErrNotCoordinator},
		{"forged", f.coord, []contracts.SignedCommitment{f.signCommit(t, id, 1, 0), forged}, contracts.ErrNotParticipant},
		{"signed for another round", f.coord, []contracts.SignedCommitment{otherRound}, contracts.ErrNotParticipant},
		{"malleated signature", f.coord, []contracts.SignedCommitment{highS}, contracts.ErrBadCommitSignature},
		{"not a participant", f.coord, []contracts.SignedCommitment{f.signCommit(t, id, 1, 4)}, contracts.ErrNotParticipant},
		{"the same hospital twice", f.coord, []contracts.SignedCommitment{f.signCommit(t, id, 1, 1), f.signCommit(t, id, 1, 1)}, contracts.ErrAlreadyCommitted},
		{"empty", f.coord, nil, contracts.ErrInvalidParameter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.CommitUpdates(f.ctx, tc.from, id, 1, tc.commits)
			require.ErrorIs(t, err, tc.want)
		})
	}
	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Zero(t, r.Commitments, "a failed batch records nothing")

	// Hospital 3 commits by itself; 0-2 through the coordinator's batch.
	_, err = f.ledger.CommitUpdate(f.ctx, f.members[3], id, 1, commitment(3))
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{f.signCommit(t, id, 1, 3)})
	require.ErrorIs(t, err, contracts.ErrAlreadyCommitted, "one commitment per hospital, however sent")
	batch := []contracts.SignedCommitment{f.signCommit(t, id, 1, 0), f.signCommit(t, id, 1, 1), f.signCommit(t, id, 1, 2)}
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, batch)
	require.NoError(t, err)
	all, err := f.ledger.Commitments(f.ctx, id, 1) // checked against the commitments root
	require.NoError(t, err)
	require.Len(t, all, 4)
	for i := range 4 {
		assert.Equal(t, commitment(i), all[f.members[i].Address()])
	}
	r, err = f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, uint32(4), r.Commitments)

	// Suspended hospitals and late batches are refused.
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(4))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline())
	require.NoError(t, err)
	f.strike(t, id, 2, f.members[0].Address(), 1, 2)
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 2, []contracts.SignedCommitment{f.signCommit(t, id, 2, 0)})
	require.ErrorIs(t, err, contracts.ErrSuspended)
	// A coordinator that replays hospital 1's round-1 commitment in round 2
	// recovers someone else: the round is in what the hospital signed.
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 2, []contracts.SignedCommitment{batch[1]})
	require.ErrorIs(t, err, contracts.ErrNotParticipant)
	altered := f.signCommit(t, id, 2, 1)
	altered.ConsentRoot = hash("another consent root")
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 2, []contracts.SignedCommitment{altered})
	require.ErrorIs(t, err, contracts.ErrNotParticipant)
	require.NoError(t, f.chain.AdvanceTime(2*time.Hour))
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 2, []contracts.SignedCommitment{f.signCommit(t, id, 2, 1)})
	require.ErrorIs(t, err, contracts.ErrDeadlinePassed)
}

// TestCommitSigner recovers a batched commitment's signer off chain as the
// contract does, so that a coordinator refuses an upload whose commitment
// the contract would not record as its sender's.
func TestCommitSigner(t *testing.T) {
	f := newFixture(t, 2)
	id := f.openStudy(t, 2)
	d, err := f.ledger.CommitDomain(f.ctx, id)
	require.NoError(t, err)
	good := f.signCommit(t, id, 1, 0)
	who, err := contracts.CommitSigner(d, id, 1, good)
	require.NoError(t, err)
	assert.Equal(t, f.members[0].Address(), who)

	altered := good
	altered.Samples++
	who, err = contracts.CommitSigner(d, id, 1, altered)
	require.NoError(t, err)
	assert.NotEqual(t, f.members[0].Address(), who, "an altered commitment is someone else's")
	who, err = contracts.CommitSigner(d, id, 2, good)
	require.NoError(t, err)
	assert.NotEqual(t, f.members[0].Address(), who, "a commitment replayed in another round is someone else's")
	who, err = contracts.CommitSigner(d, id+1, 1, good)
	require.NoError(t, err)
	assert.NotEqual(t, f.members[0].Address(), who, "a commitment replayed in another study is someone else's")

	highS := good
	highS.Signature = malleate(good.Signature)
	_, err = contracts.CommitSigner(d, id, 1, highS)
	require.ErrorIs(t, err, contracts.ErrBadCommitSignature)
	short := good
	short.Signature = good.Signature[:64]
	_, err = contracts.CommitSigner(d, id, 1, short)
	require.ErrorIs(t, err, contracts.ErrBadCommitSignature)
}

// A round's commitments are read again only once the chain has a new head:
// each read after a commitment's block sees it, and reads at one head
// agree (the Ledger keeps the last read of each round with its head's
// hash).
func TestRoundCommitmentsFollowTheHead(t *testing.T) {
	f := newFixture(t, 3)
	id := f.openStudy(t, 3)
	for i := 0; i <= 3; i++ {
		for read := 0; read < 2; read++ { // twice at the same head
			for j, m := range f.members[:3] {
				c, err := f.ledger.Commitment(f.ctx, id, 1, m.Address())
				if j < i {
					require.NoError(t, err)
					assert.Equal(t, commitment(j), c)
				} else {
					assert.ErrorIs(t, err, contracts.ErrNoCommitment, "member %d after %d commitments", j, i)
				}
			}
			r, err := f.ledger.Round(f.ctx, id, 1)
			require.NoError(t, err)
			assert.EqualValues(t, i, r.Commitments)
			all, err := f.ledger.Commitments(f.ctx, id, 1)
			require.NoError(t, err)
			assert.Len(t, all, i)
		}
		if i < 3 {
			_, err := f.ledger.CommitUpdate(f.ctx, f.members[i], id, 1, commitment(i))
			require.NoError(t, err)
		}
	}
}
