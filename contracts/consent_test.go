package contracts_test

import (
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// patient is a patient's consent key; patients hold no ether.
type patient struct {
	key *ecdsa.PrivateKey
	id  common.Hash
}

func newPatient(t *testing.T) patient {
	k := newKey(t)
	return patient{key: k, id: contracts.PatientID(crypto.PubkeyToAddress(k.PublicKey))}
}

// sign signs a change for the patient with the ledger's next nonce.
func (f *fixture) sign(t *testing.T, p patient, scope contracts.ConsentScope, granted bool, expiry time.Time) contracts.SignedConsent {
	t.Helper()
	nonce, err := f.ledger.ConsentNonce(f.ctx, p.id, scope)
	require.NoError(t, err)
	s, err := contracts.SignConsent(p.key, f.domain(t), contracts.ConsentChange{
		Patient: p.id, Scope: scope, Granted: granted, Expiry: expiry, Nonce: nonce,
	})
	require.NoError(t, err)
	return s
}

func (f *fixture) later() time.Time { return time.Now().Add(365 * 24 * time.Hour) }

func TestRelayConsentRevertPaths(t *testing.T) {
	f := newFixture(t, 2)
	id := f.study(t, 2)
	p, other := newPatient(t), newPatient(t)
	study := contracts.ConsentScope{StudyID: id}
	relayer := f.members[0]

	granted := f.sign(t, p, study, true, f.later())
	tampered := granted
	tampered.Expiry = granted.Expiry.Add(time.Hour)
	othersSig := granted
	othersSig.Signature = f.sign(t, other, study, true, f.later()).Signature
	wrongDomain, err := contracts.SignConsent(p.key, contracts.ConsentDomain{ChainID: f.chain.ChainID(), Contract: common.HexToAddress("0x01")}, granted.ConsentChange)
	require.NoError(t, err)
	shortSig := granted
	shortSig.Signature = granted.Signature[:64]
	highS := granted
	highS.Signature = malleate(granted.Signature)
	expired := f.sign(t, p, study, true, time.Now().Add(-time.Hour))
	unknownStudy := f.sign(t, p, contracts.ConsentScope{StudyID: 99}, true, f.later())
	revokeWithExpiry := f.sign(t, p, study, false, f.later())
	badNonce := granted
	badNonce.Nonce = 5
	badNonce, err = contracts.SignConsent(p.key, f.domain(t), badNonce.ConsentChange)
	require.NoError(t, err)

	tests := []struct {
		name    string
		relayer *contracts.Account
		s       contracts.SignedConsent
		want    error
	}{
		{"relayer not a member", f.outsider, granted, contracts.ErrNotMember},
		{"no scope", relayer, contracts.SignedConsent{ConsentChange: contracts.ConsentChange{Patient: p.id, Granted: true, Expiry: f.later()}, Signature: granted.Signature}, contracts.ErrInvalidParameter},
		{"two scopes", relayer, contracts.SignedConsent{ConsentChange: contracts.ConsentChange{Patient: p.id, Scope: contracts.ConsentScope{StudyID: id, Purpose: hash("p")}, Granted: true, Expiry: f.later()}, Signature: granted.Signature}, contracts.ErrInvalidParameter},
		{"tampered message", relayer, tampered, contracts.ErrBadSignature},
		{"signed by another patient", relayer, othersSig, contracts.ErrBadSignature},
		{"signed for another contract", relayer, wrongDomain, contracts.ErrBadSignature},
		{"short signature", relayer, shortSig, contracts.ErrBadSignature},
		{"malleable high-s signature", relayer, highS, contracts.ErrBadSignature},
		{"expired grant", relayer, expired, contracts.ErrConsentExpired},
		{"unknown study", relayer, unknownStudy, contracts.ErrStudyNotFound},
		{"revocation with an expiry", relayer, revokeWithExpiry, contracts.ErrInvalidParameter},
		{"future nonce", relayer, badNonce, contracts.ErrInvalidNonce},
		{"grants", relayer, granted, nil},
		{"replayed signature", f.members[1], granted, contracts.ErrInvalidNonce},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.RelayConsent(f.ctx, tc.relayer, tc.s)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
		})
	}

	// A scope must name exactly one of study and purpose.
	_, err = contracts.SignConsent(p.key, f.domain(t), contracts.ConsentChange{Scope: contracts.ConsentScope{StudyID: 1, Purpose: hash("p")}, Granted: true, Expiry: f.later()})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
	_, err = contracts.SignConsent(p.key, f.domain(t), contracts.ConsentChange{Granted: true, Expiry: f.later()})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
	// The patient id must be the key's.
	_, err = contracts.SignConsent(p.key, f.domain(t), contracts.ConsentChange{Patient: other.id, Scope: study, Granted: true, Expiry: f.later()})
	require.ErrorIs(t, err, contracts.ErrWrongPatientKey)
	// Grant and Revoke refuse the other kind of change.
	_, err = f.ledger.GrantConsent(f.ctx, relayer, f.sign(t, p, study, false, time.Time{}))
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
	_, err = f.ledger.RevokeConsent(f.ctx, relayer, f.sign(t, p, study, true, f.later()))
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
}

// malleate returns the other valid signature (s' = n - s, v flipped).
func malleate(sig []byte) []byte {
	out := append([]byte(nil), sig...)
	n := crypto.S256().Params().N
	s := new(big.Int).SetBytes(out[32:64])
	copy(out[32:64], common.BigToHash(s.Sub(n, s)).Bytes())
	out[64] ^= 1 // 27 <-> 28
	return out
}

// TestConsentAsOfRound checks that a revocation made while round r is open
// takes effect from round r+1, that a study-scoped decision overrides the
// purpose, and that expiry is judged at each round's opening.
// consentStudy creates a study of 3 rounds that both members join, keyed,
// for consent tests.
func (f *fixture) consentStudy(t *testing.T) (uint64, contracts.StudyParams) {
	t.Helper()
	p := f.params()
	p.Rounds = 3
	id, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
	require.NoError(t, err)
	for _, m := range f.members {
		_, err := f.ledger.JoinStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("pk"))
	require.NoError(t, err)
	return id, p
}

func TestConsentAsOfRound(t *testing.T) {
	f := newFixture(t, 2)
	id, p := f.consentStudy(t)
	var err error
	purpose := contracts.ConsentScope{Purpose: p.Purpose}
	study := contracts.ConsentScope{StudyID: id}
	alice, bob, carol, dan := newPatient(t), newPatient(t), newPatient(t), newPatient(t)
	relay := func(s contracts.SignedConsent) {
		t.Helper()
		_, err := f.ledger.RelayConsent(f.ctx, f.members[0], s)
		require.NoError(t, err)
	}
	runRound := func(r uint32) {
		t.Helper()
		_, err := f.ledger.OpenRound(f.ctx, f.coord, id, r, hash("model"), time.Now().Add(30*24*time.Hour))
		require.NoError(t, err)
		f.commitAll(t, id, r, 2)
		_, err = f.ledger.CloseRound(f.ctx, f.coord, id, r, result(2))
		require.NoError(t, err)
	}

	relay(f.sign(t, alice, purpose, true, f.later()))                   // alice: purpose-wide grant
	relay(f.sign(t, bob, study, true, f.later()))                       // bob: study grant
	relay(f.sign(t, carol, purpose, true, f.later()))                   // carol: purpose grant ...
	relay(f.sign(t, carol, study, false, time.Time{}))                  // ... but opts out of this study
	relay(f.sign(t, dan, study, true, time.Now().Add(10*24*time.Hour))) // dan: a grant for 10 days,
	relay(f.sign(t, dan, study, true, f.later()))                       // extended to a year,
	relay(f.sign(t, dan, study, true, time.Now().Add(10*24*time.Hour))) // then cut back to 10 days

	runRound(1)
	// During round 2 alice revokes her purpose-wide consent: it applies from round 3.
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model"), time.Now().Add(30*24*time.Hour))
	require.NoError(t, err)
	relay(f.sign(t, alice, purpose, false, time.Time{}))
	f.commitAll(t, id, 2, 2)
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 2, result(2))
	require.NoError(t, err)
	require.NoError(t, f.chain.AdvanceTime(20*24*time.Hour)) // dan's grant expires
	runRound(3)

	want := map[string][4]contracts.ConsentState{ // now, round 1, 2, 3
		"alice": {contracts.ConsentRevoked, contracts.ConsentActive, contracts.ConsentActive, contracts.ConsentRevoked},
		"bob":   {contracts.ConsentActive, contracts.ConsentActive, contracts.ConsentActive, contracts.ConsentActive},
		"carol": {contracts.ConsentRevoked, contracts.ConsentRevoked, contracts.ConsentRevoked, contracts.ConsentRevoked},
		"dan":   {contracts.ConsentExpired, contracts.ConsentActive, contracts.ConsentActive, contracts.ConsentExpired},
	}
	patients := map[string]patient{"alice": alice, "bob": bob, "carol": carol, "dan": dan}
	for name, states := range want {
		t.Run(name, func(t *testing.T) {
			for round, state := range states {
				st, err := f.ledger.ConsentStatus(f.ctx, patients[name].id, id, uint32(round))
				require.NoError(t, err)
				assert.Equal(t, state, st.State, "round %d", round)
				err = f.ledger.RequireConsent(f.ctx, patients[name].id, id, uint32(round))
				if state == contracts.ConsentActive {
					require.NoError(t, err)
				} else {
					require.ErrorIs(t, err, state.Err(), "round %d", round)
				}
			}
		})
	}

	st, err := f.ledger.ConsentStatus(f.ctx, carol.id, id, 1)
	require.NoError(t, err)
	assert.True(t, st.StudyScoped, "carol's study opt-out decides, not her purpose grant")
	st, err = f.ledger.ConsentStatus(f.ctx, alice.id, id, 2)
	require.NoError(t, err)
	assert.False(t, st.StudyScoped)
	assert.True(t, st.Record.Granted)
	assert.Equal(t, uint32(0), st.Record.Nonce)

	stranger := newPatient(t)
	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{alice.id, bob.id, carol.id, dan.id, stranger.id}, id, 2)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{contracts.ConsentActive, contracts.ConsentActive, contracts.ConsentRevoked, contracts.ConsentActive, contracts.ConsentNone}, states)
	require.ErrorIs(t, f.ledger.RequireConsent(f.ctx, stranger.id, id, 0), contracts.ErrNoConsent)

	history, err := f.ledger.ConsentHistory(f.ctx, dan.id, study)
	require.NoError(t, err)
	require.Len(t, history, 3)
	for i, h := range history {
		assert.True(t, h.Granted)
		assert.Equal(t, uint32(i), h.Nonce)
		assert.NotZero(t, h.Block)
	}
	assert.Less(t, history[0].Block, history[2].Block)
	_, err = f.ledger.ConsentHistory(f.ctx, dan.id, contracts.ConsentScope{})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)

	_, err = f.ledger.ConsentStatus(f.ctx, alice.id, id, 9)
	require.ErrorIs(t, err, contracts.ErrRoundNotFound)
	_, err = f.ledger.ConsentStatus(f.ctx, alice.id, 99, 0)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
}

func TestConsentStateStrings(t *testing.T) {
	for s, want := range map[contracts.ConsentState]string{
		contracts.ConsentNone: "none", contracts.ConsentActive: "active",
		contracts.ConsentExpired: "expired", contracts.ConsentRevoked: "revoked", 9: "ConsentState(9)",
	} {
		assert.Equal(t, want, s.String())
	}
}
