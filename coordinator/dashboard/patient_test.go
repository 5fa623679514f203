package dashboard

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// newPatientChain is a simulated chain with one hospital's consortium and
// one study, and the consent registry's EIP-712 domain.
func newPatientChain(t *testing.T, ctx context.Context) (*contracts.Chain, *contracts.Ledger, *contracts.Account, uint64, contracts.ConsentDomain) {
	t.Helper()
	hk, err := crypto.GenerateKey()
	require.NoError(t, err)
	hospital := contracts.NewAccount(hk)
	chain, err := contracts.NewSimulatedChain(hospital.Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	ledger, _, err := contracts.Deploy(ctx, chain, hospital, []contracts.Member{{Address: hospital.Address(), Name: "h", TLSFingerprint: common.Hash{1}}})
	require.NoError(t, err)
	id, _, err := ledger.CreateStudy(ctx, hospital, contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{7}, Rounds: 2, MinParticipants: 1, Threshold: 1,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{2}, Coordinator: hospital.Address(),
	})
	require.NoError(t, err)
	domain, err := ledger.ConsentDomain(ctx)
	require.NoError(t, err)
	return chain, ledger, hospital, id, domain
}

// The patient's page shows the ε bound they signed with their grant.
func TestPatientPageShowsEpsilonBound(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, ledger, hospital, id, domain := newPatientChain(t, ctx)
	pk, err := crypto.GenerateKey()
	require.NoError(t, err)
	signed, err := contracts.SignConsent(pk, domain, contracts.ConsentChange{Scope: contracts.ConsentScope{StudyID: id},
		Granted: true, Expiry: time.Now().Add(24 * time.Hour), MaxEpsilon: 2.5})
	require.NoError(t, err)
	_, err = ledger.RelayConsent(ctx, hospital, signed)
	require.NoError(t, err)

	s, err := New(Config{Ledger: ledger})
	require.NoError(t, err)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/patient?id="+signed.Patient.Hex(), nil))
	require.Equal(t, 200, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `data-field="consent">active`)
	page := w.Body.String()
	m := regexp.MustCompile(`ε at most <a href="(/tx/0x[0-9a-f]{64})#log-(\d+)" data-field="max-epsilon">2.5</a>`).FindStringSubmatch(page)
	require.NotNil(t, m, page)
	assert.Contains(t, page, `, ε at most 2.5</td>`)
	assert.Contains(t, page, `<a href="`+m[1]+`#log-`+m[2]+`" data-field="block">`, "the history's change links to the same event")

	// The link shows the relaying transaction and its ConsentChanged event.
	w = httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", m[1], nil))
	require.Equal(t, 200, w.Code, w.Body.String())
	tx := w.Body.String()
	assert.Contains(t, tx, `<code data-field="hash">`+strings.TrimPrefix(m[1], "/tx/")+`</code>`)
	assert.Contains(t, tx, `<code data-field="from">`+hospital.Address().Hex()+`</code>`)
	assert.Contains(t, tx, `id="log-`+m[2]+`" data-event="ConsentChanged"`)
	assert.Contains(t, tx, `<tr data-arg="maxEpsilon"><td>maxEpsilon</td><td>uint16</td><td><code data-field="value">250</code>`)
	assert.Contains(t, tx, `<tr data-arg="patient"><td>patient</td><td>bytes32</td><td><code data-field="value">`+signed.Patient.Hex()+`</code>`)
}

// A logged change (event-sourced consent) shows on the patient's page like
// a stored one: the state, the bound, and a link to its ConsentLogged event;
// a later logged revocation decides, and the history lists both.
func TestPatientPageShowsLoggedConsent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	chain, ledger, hospital, id, domain := newPatientChain(t, ctx)
	pk, err := crypto.GenerateKey()
	require.NoError(t, err)
	now, err := chain.HeadTime(ctx)
	require.NoError(t, err)
	grant, err := contracts.SignConsent(pk, domain, contracts.ConsentChange{Scope: contracts.ConsentScope{StudyID: id},
		Granted: true, Expiry: now.Add(24 * time.Hour), MaxEpsilon: 1.5, IssuedAt: now})
	require.NoError(t, err)
	res, err := ledger.LogConsentBatch(ctx, hospital, []contracts.SignedConsent{grant})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)

	s, err := New(Config{Ledger: ledger})
	require.NoError(t, err)
	get := func(path string) string {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		require.Equal(t, 200, w.Code, w.Body.String())
		return w.Body.String()
	}
	page := get("/patient?id=" + grant.Patient.Hex())
	assert.Contains(t, page, `data-field="consent">active`)
	m := regexp.MustCompile(`ε at most <a href="(/tx/0x[0-9a-f]{64})#log-(\d+)" data-field="max-epsilon">1.5</a>`).FindStringSubmatch(page)
	require.NotNil(t, m, page)
	assert.Contains(t, get(m[1]), `id="log-`+m[2]+`" data-event="ConsentLogged"`, "the link shows the ConsentLogged event")

	revoke, err := contracts.SignConsent(pk, domain, contracts.ConsentChange{Scope: contracts.ConsentScope{StudyID: id}, IssuedAt: now.Add(time.Second)})
	require.NoError(t, err)
	res, err = ledger.LogConsentBatch(ctx, hospital, []contracts.SignedConsent{revoke})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)
	page = get("/patient?id=" + grant.Patient.Hex())
	assert.Contains(t, page, `data-field="consent">revoked`)
	assert.Equal(t, 2, strings.Count(page, `data-field="block">`), "the history lists the grant and the revocation")
}
