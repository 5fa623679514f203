package contracts_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// signBound signs a grant with an ε bound with the ledger's next nonce.
func (f *fixture) signBound(t *testing.T, p patient, scope contracts.ConsentScope, maxEpsilon float64) contracts.SignedConsent {
	t.Helper()
	nonce, err := f.ledger.ConsentNonce(f.ctx, p.id, scope)
	require.NoError(t, err)
	s, err := contracts.SignConsent(p.key, f.domain(t), contracts.ConsentChange{
		Patient: p.id, Scope: scope, Granted: true, Expiry: f.later(), MaxEpsilon: maxEpsilon, Nonce: nonce,
	})
	require.NoError(t, err)
	return s
}

// TestConsentEpsilonBound: a grant's ε bound is signed by the patient,
// stored with the decision and read as of a round; a relayer that drops or
// loosens it is refused, singly and in a batch.
func TestConsentEpsilonBound(t *testing.T) {
	f := newFixture(t, 2)
	id, p := f.consentStudy(t)
	study := contracts.ConsentScope{StudyID: id}
	purpose := contracts.ConsentScope{Purpose: p.Purpose}
	erin, frank, gina := newPatient(t), newPatient(t), newPatient(t)
	relayer := f.members[0]
	relay := func(s contracts.SignedConsent) {
		t.Helper()
		_, err := f.ledger.RelayConsent(f.ctx, relayer, s)
		require.NoError(t, err)
	}

	// A relayer cannot drop or loosen a bound: the signature covers it.
	bounded := f.signBound(t, erin, study, 2)
	dropped, loosened := bounded, bounded
	dropped.MaxEpsilon = 0
	loosened.MaxEpsilon = 9
	for _, s := range []contracts.SignedConsent{dropped, loosened} {
		_, err := f.ledger.RelayConsent(f.ctx, relayer, s)
		require.ErrorIs(t, err, contracts.ErrBadSignature)
	}
	res, err := f.ledger.RelayConsentBatch(f.ctx, relayer, []contracts.SignedConsent{dropped})
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{contracts.ConsentSkippedBadSignature}, res.Outcomes)
	// A revocation carries no bound; a grant's is in hundredths up to 20.47.
	for _, c := range []contracts.ConsentChange{
		{Scope: study, MaxEpsilon: 1},
		{Scope: study, Granted: true, Expiry: f.later(), MaxEpsilon: 1.234},
		{Scope: study, Granted: true, Expiry: f.later(), MaxEpsilon: 20.48},
		{Scope: study, Granted: true, Expiry: f.later(), MaxEpsilon: -1},
	} {
		_, err = contracts.SignConsent(erin.key, f.domain(t), c)
		require.ErrorIs(t, err, contracts.ErrInvalidParameter, "bound %v", c.MaxEpsilon)
	}

	relay(bounded) // erin: ε ≤ 2 for this study
	res, err = f.ledger.RelayConsentBatch(f.ctx, relayer, []contracts.SignedConsent{
		f.signBound(t, frank, purpose, 5.25),    // frank: ε ≤ 5.25 for the purpose
		f.sign(t, gina, study, true, f.later()), // gina: no bound
	})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Recorded)

	runRound := func(r uint32, during func()) {
		t.Helper()
		_, err := f.ledger.OpenRound(f.ctx, f.coord, id, r, hash("model"), time.Now().Add(30*24*time.Hour))
		require.NoError(t, err)
		during()
		f.commitAll(t, id, r, 2)
		_, err = f.ledger.CloseRound(f.ctx, f.coord, id, r, result(2))
		require.NoError(t, err)
	}
	runRound(1, func() {})
	// During round 2 erin renews without a bound (from round 3), then bounds it to 0.5.
	runRound(2, func() { relay(f.sign(t, erin, study, true, f.later())) })
	relay(f.signBound(t, erin, study, 0.5))

	patients := []common.Hash{erin.id, frank.id, gina.id}
	want := map[uint32][]float64{1: {2, 5.25, 0}, 2: {2, 5.25, 0}, 0: {0.5, 5.25, 0}}
	for round, bounds := range want {
		got, err := f.ledger.PatientConsents(f.ctx, patients, id, round)
		require.NoError(t, err)
		for i, c := range got {
			assert.Equal(t, contracts.ConsentActive, c.State, "round %d patient %d", round, i)
			assert.Equal(t, bounds[i], c.MaxEpsilon, "round %d patient %d", round, i)
		}
		st, err := f.ledger.ConsentStatus(f.ctx, erin.id, id, round)
		require.NoError(t, err)
		assert.Equal(t, bounds[0], st.Record.MaxEpsilon, "round %d", round)
	}
	history, err := f.ledger.ConsentHistory(f.ctx, erin.id, study)
	require.NoError(t, err)
	require.Len(t, history, 3)
	for i, b := range []float64{2, 0, 0.5} {
		assert.Equal(t, b, history[i].MaxEpsilon, "change %d", i)
	}
}
