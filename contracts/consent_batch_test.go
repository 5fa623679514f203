package contracts_test

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestRelayConsentBatchReportsBadEntries relays one batch holding good
// grants and a revocation beside a forged, a replayed, an expired, a
// duplicated, a malleated and an unknown-study entry: every bad entry is
// skipped with its reason (the forged, malleated and duplicated ones off
// chain, unsent), every good one is recorded, and the state on chain is
// what the good entries alone would give.
func TestRelayConsentBatchReportsBadEntries(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	relayer := f.members[0]
	good1, good2, revoker, victim, replayed := newPatient(t), newPatient(t), newPatient(t), newPatient(t), newPatient(t)

	// Already on chain: the revoker's grant and the replayed patient's grant.
	revokerGrant := f.sign(t, revoker, study, true, f.later())
	replayedGrant := f.sign(t, replayed, study, true, f.later())
	res, err := f.ledger.RelayConsentBatch(f.ctx, relayer, []contracts.SignedConsent{revokerGrant, replayedGrant})
	require.NoError(t, err)
	require.Equal(t, []contracts.ConsentOutcome{contracts.ConsentRecorded, contracts.ConsentRecorded}, res.Outcomes)

	g1 := f.sign(t, good1, study, true, f.later())
	forged := f.sign(t, victim, study, true, f.later())
	forged.Signature = f.sign(t, good2, study, true, f.later()).Signature // someone else's key
	expired := f.sign(t, good2, study, true, time.Now().Add(-time.Hour))
	malleated := f.sign(t, victim, study, true, f.later())
	malleated.Signature = malleate(malleated.Signature)
	g2 := f.sign(t, good2, study, true, f.later())
	revocation := f.sign(t, revoker, study, false, time.Time{})
	unknown := f.sign(t, victim, contracts.ConsentScope{StudyID: 99}, true, f.later())

	batch := []contracts.SignedConsent{g1, forged, replayedGrant, expired, g2, g1, malleated, revocation, unknown}
	want := []contracts.ConsentOutcome{
		contracts.ConsentRecorded,
		contracts.ConsentSkippedBadSignature,
		contracts.ConsentSkippedInvalidNonce, // replayed from an earlier batch
		contracts.ConsentSkippedExpired,
		contracts.ConsentRecorded,
		contracts.ConsentSkippedDuplicate, // the same grant twice in one batch
		contracts.ConsentSkippedBadSignature,
		contracts.ConsentRecorded,
		contracts.ConsentSkippedStudyNotFound,
	}
	res, err = f.ledger.RelayConsentBatch(f.ctx, relayer, batch)
	require.NoError(t, err)
	assert.Equal(t, want, res.Outcomes)
	assert.Equal(t, 3, res.Recorded)
	require.Len(t, res.Receipts, 1)
	assert.ErrorIs(t, res.Outcomes[1].Err(), contracts.ErrBadSignature)
	assert.ErrorIs(t, res.Outcomes[2].Err(), contracts.ErrInvalidNonce)
	assert.ErrorIs(t, res.Outcomes[3].Err(), contracts.ErrConsentExpired)

	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{good1.id, good2.id, revoker.id, victim.id, replayed.id}, id, 0)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{contracts.ConsentActive, contracts.ConsentActive, contracts.ConsentRevoked, contracts.ConsentNone, contracts.ConsentActive}, states)
	history, err := f.ledger.ConsentHistory(f.ctx, replayed.id, study)
	require.NoError(t, err)
	assert.Len(t, history, 1, "the replay recorded nothing")

	// Only members relay, and the whole batch is refused for anyone else.
	_, err = f.ledger.RelayConsentBatch(f.ctx, f.outsider, []contracts.SignedConsent{f.sign(t, victim, study, true, f.later())})
	require.ErrorIs(t, err, contracts.ErrNotMember)
	_, err = f.ledger.RelayConsentBatch(f.ctx, relayer, nil)
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
}

// TestConsentBatchRevocationReachesTheNextRound checks that a revocation
// relayed in a batch while round 1 runs leaves round 1's decision alone and
// takes effect from round 2, and that the history (the latest two changes in
// the packed slot, older ones in the archive) answers as of every round.
func TestConsentBatchRevocationReachesTheNextRound(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	p := newPatient(t)
	relay := func(s contracts.SignedConsent) {
		t.Helper()
		res, err := f.ledger.RelayConsentBatch(f.ctx, f.members[1], []contracts.SignedConsent{s})
		require.NoError(t, err)
		require.Equal(t, contracts.ConsentRecorded, res.Outcomes[0])
	}
	open := func(r uint32) {
		t.Helper()
		_, err := f.ledger.OpenRound(f.ctx, f.coord, id, r, hash("model"), f.deadline())
		require.NoError(t, err)
	}
	closeRound := func(r uint32) {
		t.Helper()
		f.commitAll(t, id, r, 2)
		_, err := f.ledger.CloseRound(f.ctx, f.coord, id, r, result(2))
		require.NoError(t, err)
	}
	relay(f.sign(t, p, study, true, f.later()))
	open(1)
	relay(f.sign(t, p, study, false, time.Time{})) // while round 1 runs
	closeRound(1)
	open(2)
	relay(f.sign(t, p, study, true, f.later()))    // two changes while round 2 runs:
	relay(f.sign(t, p, study, false, time.Time{})) // round 2's decision is archived
	closeRound(2)

	want := map[uint32]contracts.ConsentState{1: contracts.ConsentActive, 2: contracts.ConsentRevoked, 0: contracts.ConsentRevoked}
	for r, st := range want {
		got, err := f.ledger.ConsentStatus(f.ctx, p.id, id, r)
		require.NoError(t, err)
		assert.Equal(t, st, got.State, "round %d", r)
	}
	history, err := f.ledger.ConsentHistory(f.ctx, p.id, study)
	require.NoError(t, err)
	require.Len(t, history, 4)
	for i, h := range history {
		assert.Equal(t, uint32(i), h.Nonce)
		assert.Equal(t, i%2 == 0, h.Granted, "change %d", i)
		if i > 0 {
			assert.Greater(t, h.Block, history[i-1].Block)
		}
	}
}

// TestRelayingAnotherPatientsSignatureSaysSo: a hospital that pairs one
// patient's change with another patient's signature (a mixed-up file) is
// told that the signature is not the patient's and whose key made it, alone
// or in a batch. The registry checks the nonce before the signature, so for
// a patient with a change on record it read as a replay, and the hospital
// was told to have the patient sign again with the current nonce.
func TestRelayingAnotherPatientsSignatureSaysSo(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	a, b := newPatient(t), newPatient(t)
	_, err := f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, a, study, true, f.later())) // a's next nonce is 1
	require.NoError(t, err)
	mixed := f.sign(t, b, study, true, f.later()) // b's own grant, nonce 0 ...
	mixed.Patient = a.id                          // ... filed under a

	_, err = f.ledger.RelayConsent(f.ctx, f.members[0], mixed)
	require.ErrorIs(t, err, contracts.ErrBadSignature)
	assert.NotErrorIs(t, err, contracts.ErrInvalidNonce)
	assert.ErrorContains(t, err, "not patient "+a.id.Hex()+"'s signature of this change")

	res, err := f.ledger.RelayConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{mixed, f.sign(t, b, study, true, f.later())})
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{contracts.ConsentSkippedBadSignature, contracts.ConsentRecorded}, res.Outcomes)
	history, err := f.ledger.ConsentHistory(f.ctx, a.id, study)
	require.NoError(t, err)
	assert.Len(t, history, 1, "nothing recorded for a")
}

// TestConsentBatchDuplicateIsOneWhicheverTransaction relays batches one
// entry more than a transaction holds, the first entry given again last,
// stored and logged: the copy is reported as a duplicate, as one in the same
// transaction is, and sent once. It went in a second transaction, where the
// registry reported a stored copy as a replay and recorded a logged one
// again.
func TestConsentBatchDuplicateIsOneWhicheverTransaction(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	now := f.now(t)
	for _, kind := range []struct {
		name  string
		sign  func(patient) contracts.SignedConsent
		relay func(context.Context, *contracts.Account, []contracts.SignedConsent) (contracts.ConsentBatchResult, error)
	}{
		{"stored", func(p patient) contracts.SignedConsent { return f.sign(t, p, study, true, f.later()) }, f.ledger.RelayConsentBatch},
		{"logged", func(p patient) contracts.SignedConsent { return f.signLogged(t, p, study, true, f.later(), now) }, f.ledger.LogConsentBatch},
	} {
		t.Run(kind.name, func(t *testing.T) {
			batch := make([]contracts.SignedConsent, contracts.ConsentBatchSize, contracts.ConsentBatchSize+1)
			for i := range batch {
				batch[i] = kind.sign(newPatient(t))
			}
			batch = append(batch, batch[0])
			res, err := kind.relay(f.ctx, f.members[0], batch)
			require.NoError(t, err)
			assert.Equal(t, contracts.ConsentBatchSize, res.Recorded)
			assert.Equal(t, contracts.ConsentSkippedDuplicate, res.Outcomes[contracts.ConsentBatchSize])
			assert.Len(t, res.Receipts, 1, "the copy is not sent")
			history, err := f.ledger.ConsentHistory(f.ctx, batch[0].Patient, study)
			require.NoError(t, err)
			assert.Len(t, history, 1)
		})
	}
}
