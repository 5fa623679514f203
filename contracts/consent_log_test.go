package contracts_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// signLogged signs a logged change (issuedAt, no nonce) for the patient.
func (f *fixture) signLogged(t *testing.T, p patient, scope contracts.ConsentScope, granted bool, expiry, issuedAt time.Time) contracts.SignedConsent {
	t.Helper()
	s, err := contracts.SignConsent(p.key, f.domain(t), contracts.ConsentChange{
		Patient: p.id, Scope: scope, Granted: granted, Expiry: expiry, IssuedAt: issuedAt,
	})
	require.NoError(t, err)
	return s
}

func (f *fixture) now(t *testing.T) time.Time {
	t.Helper()
	now, err := f.chain.HeadTime(f.ctx)
	require.NoError(t, err)
	return now
}

// TestLogConsentBatchReportsBadEntries logs one batch holding good grants
// beside a forged, a future-dated, a stale, an expired, a duplicated and an
// unknown-study entry: each bad one is skipped with its reason and leaves
// no consent, the good ones count.
func TestLogConsentBatchReportsBadEntries(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	good1, good2, victim, future, stale, expired := newPatient(t), newPatient(t), newPatient(t), newPatient(t), newPatient(t), newPatient(t)
	now := f.now(t)

	g1 := f.signLogged(t, good1, study, true, f.later(), now)
	forged := f.signLogged(t, victim, study, true, f.later(), now)
	forged.Signature = f.signLogged(t, good2, study, true, f.later(), now).Signature
	batch := []contracts.SignedConsent{
		g1,
		forged,
		f.signLogged(t, future, study, true, f.later(), now.Add(time.Hour)),
		f.signLogged(t, stale, study, true, f.later(), now.Add(-contracts.ConsentFreshnessWindow-time.Minute)),
		f.signLogged(t, expired, study, true, now.Add(-time.Hour), now),
		f.signLogged(t, good2, study, true, f.later(), now),
		g1,
		f.signLogged(t, victim, contracts.ConsentScope{StudyID: 99}, true, f.later(), now),
	}
	res, err := f.ledger.LogConsentBatch(f.ctx, f.members[0], batch)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{
		contracts.ConsentRecorded,
		contracts.ConsentSkippedBadSignature,
		contracts.ConsentSkippedFutureIssued,
		contracts.ConsentSkippedStaleIssued,
		contracts.ConsentSkippedExpired,
		contracts.ConsentRecorded,
		contracts.ConsentSkippedDuplicate,
		contracts.ConsentSkippedStudyNotFound,
	}, res.Outcomes)
	assert.Equal(t, 2, res.Recorded)

	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{good1.id, good2.id, victim.id, future.id, stale.id, expired.id}, id, 0)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{
		contracts.ConsentActive, contracts.ConsentActive, contracts.ConsentNone,
		contracts.ConsentNone, contracts.ConsentNone, contracts.ConsentNone,
	}, states)
	require.NoError(t, f.ledger.RequireConsent(f.ctx, good1.id, id, 0))
	require.ErrorIs(t, f.ledger.RequireConsent(f.ctx, victim.id, id, 0), contracts.ErrNoConsent)

	// Only members relay; a nonce-signed change is not a logged one.
	_, err = f.ledger.LogConsentBatch(f.ctx, f.outsider, []contracts.SignedConsent{g1})
	require.ErrorIs(t, err, contracts.ErrNotMember)
	_, err = f.ledger.LogConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{f.sign(t, victim, study, true, f.later())})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
}

// TestLoggedReplayCannotUndoARevocation replays a patient's logged grant
// after their logged revocation: within the freshness window it is recorded
// again but the later-issued revocation still decides; after the window it
// is refused. The revocation, made while round 1 is open, takes effect from
// round 2 only.
func TestLoggedReplayCannotUndoARevocation(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	p := newPatient(t)
	relayer := f.members[0]
	now := f.now(t)

	grant := f.signLogged(t, p, study, true, f.later(), now.Add(-time.Minute))
	res, err := f.ledger.LogConsentBatch(f.ctx, relayer, []contracts.SignedConsent{grant})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)

	revocation := f.signLogged(t, p, study, false, time.Time{}, now)
	res, err = f.ledger.LogConsentBatch(f.ctx, relayer, []contracts.SignedConsent{revocation})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)
	res, err = f.ledger.LogConsentBatch(f.ctx, relayer, []contracts.SignedConsent{grant})
	require.NoError(t, err)
	require.Equal(t, []contracts.ConsentOutcome{contracts.ConsentRecorded}, res.Outcomes, "a replay within the window is recorded")

	round1, err := f.ledger.ConsentStatus(f.ctx, p.id, id, 1)
	require.NoError(t, err)
	assert.Equal(t, contracts.ConsentActive, round1.State, "the revocation came after round 1 opened")
	nowSt, err := f.ledger.ConsentStatus(f.ctx, p.id, id, 0)
	require.NoError(t, err)
	assert.Equal(t, contracts.ConsentRevoked, nowSt.State, "the replayed grant was issued before the revocation")
	assert.True(t, nowSt.StudyScoped)

	require.NoError(t, f.chain.AdvanceTime(contracts.ConsentFreshnessWindow+time.Hour))
	res, err = f.ledger.LogConsentBatch(f.ctx, relayer, []contracts.SignedConsent{grant})
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{contracts.ConsentSkippedStaleIssued}, res.Outcomes)
	require.ErrorIs(t, f.ledger.RequireConsent(f.ctx, p.id, id, 0), contracts.ErrConsentRevoked)
}

// TestLoggedAndStoredConsentMerge checks the two paths against each other:
// a stored grant is revoked by a later logged revocation, and a logged
// purpose-wide grant yields to a stored study-scoped revocation.
func TestLoggedAndStoredConsentMerge(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	a, b := newPatient(t), newPatient(t)
	_, err := f.ledger.RelayConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{f.sign(t, a, study, true, f.later())})
	require.NoError(t, err)
	require.NoError(t, f.chain.AdvanceTime(time.Minute))
	now := f.now(t)
	_, err = f.ledger.LogConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{
		f.signLogged(t, a, study, false, time.Time{}, now),
		f.signLogged(t, b, contracts.ConsentScope{Purpose: f.params().Purpose}, true, f.later(), now),
	})
	require.NoError(t, err)
	_, err = f.ledger.RelayConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{f.sign(t, b, study, false, time.Time{})})
	require.NoError(t, err)
	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{a.id, b.id}, id, 0)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{contracts.ConsentRevoked, contracts.ConsentRevoked}, states)
}

// TestLogConsentGasPerChange measures batches of 100 logged first grants and
// revocations and checks each change costs less than a stored one.
func TestLogConsentGasPerChange(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	const n = 100
	patients := make([]patient, n)
	grants, revs, stored := make([]contracts.SignedConsent, n), make([]contracts.SignedConsent, n), make([]contracts.SignedConsent, n)
	now := f.now(t)
	for i := range patients {
		patients[i] = newPatient(t)
		grants[i] = f.signLogged(t, patients[i], study, true, f.later(), now)
		revs[i] = f.signLogged(t, patients[i], study, false, time.Time{}, now.Add(time.Second))
		stored[i] = f.sign(t, newPatient(t), study, true, f.later())
	}
	g, err := f.ledger.LogConsentBatch(f.ctx, f.members[0], grants)
	require.NoError(t, err)
	r, err := f.ledger.LogConsentBatch(f.ctx, f.members[0], revs)
	require.NoError(t, err)
	s, err := f.ledger.RelayConsentBatch(f.ctx, f.members[0], stored)
	require.NoError(t, err)
	require.Equal(t, n, g.Recorded)
	require.Equal(t, n, r.Recorded)
	fmt.Printf("gas per change, batches of %d: logged grant %d, logged revocation %d, stored first grant %d\n", n, g.GasUsed/n, r.GasUsed/n, s.GasUsed/n)
	assert.Less(t, g.GasUsed, s.GasUsed)
	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{patients[0].id, patients[n-1].id}, id, 0)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{contracts.ConsentRevoked, contracts.ConsentRevoked}, states)
}

// TestConsentReadAfterAReorgForgetsTheReorgedChanges reads a logged grant,
// then reorganises the chain to before it: the ledger, which reads consent
// events incrementally, must not keep a grant its canonical chain no
// longer has, and sees it again once its branch is back.
func TestConsentReadAfterAReorgForgetsTheReorgedChanges(t *testing.T) {
	f := newFixture(t, 2)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	p := newPatient(t)
	before, err := f.ledger.BlockNumber(f.ctx)
	require.NoError(t, err)
	parent, err := f.ledger.BlockHash(f.ctx, before)
	require.NoError(t, err)

	res, err := f.ledger.LogConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{f.signLogged(t, p, study, true, f.later(), f.now(t))})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)
	st, err := f.ledger.ConsentStatus(f.ctx, p.id, id, 0)
	require.NoError(t, err)
	require.Equal(t, contracts.ConsentActive, st.State)
	granted, err := f.ledger.BlockNumber(f.ctx)
	require.NoError(t, err)
	tip, err := f.ledger.BlockHash(f.ctx, granted)
	require.NoError(t, err)

	// The grant's block leaves the canonical chain, which grows past it.
	require.NoError(t, f.chain.Fork(parent))
	for range granted - before + 2 {
		require.NoError(t, f.chain.AdvanceTime(time.Second))
	}
	st, err = f.ledger.ConsentStatus(f.ctx, p.id, id, 0)
	require.NoError(t, err)
	assert.Equal(t, contracts.ConsentNone, st.State, "a grant reorganised away is not consent")

	require.NoError(t, f.chain.Fork(tip))
	st, err = f.ledger.ConsentStatus(f.ctx, p.id, id, 0)
	require.NoError(t, err)
	assert.Equal(t, contracts.ConsentActive, st.State, "the grant is back with its branch")
}
