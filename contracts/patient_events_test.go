package contracts_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestPatientHistorySurvivesARegistryUpgrade: a patient granted and then
// revoked consent in the consortium's first registry, and a vote installed
// a second. PatientEvents read only the current registry, so the patient
// saw none of their changes, the revocation included, though the new
// registry reads its predecessor and both still decide.
func TestPatientHistorySurvivesARegistryUpgrade(t *testing.T) {
	f, id, p, first := newGrantInFirstRegistry(t)
	study := contracts.ConsentScope{StudyID: id}
	_, err := f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, p, study, false, time.Time{}))
	require.NoError(t, err)
	second := f.installRegistry(t, first)

	// A grant in the new registry follows.
	_, err = f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, p, study, true, f.later()))
	require.NoError(t, err)

	events, err := f.ledger.PatientEvents(f.ctx, p.id)
	require.NoError(t, err)
	require.Len(t, events, 3, "the grant and the revocation in the first registry, the grant in the second")
	var granted []bool
	for i, e := range events {
		granted = append(granted, e.Change.Granted)
		assert.Equal(t, "ConsentChanged", e.Name)
		assert.Equal(t, study, e.Scope)
		assert.Equal(t, uint32(i), e.Change.Nonce, "the nonce carried over")
		assert.Equal(t, e.Address, e.Registry.Address)
		if i > 0 {
			assert.Greater(t, e.Block, events[i-1].Block, "chain order")
		}
	}
	assert.Equal(t, []bool{true, false, true}, granted)
	old, cur := events[1].Registry, events[2].Registry
	assert.Equal(t, first, old.Address)
	assert.False(t, old.Current)
	assert.True(t, old.ReadByCurrent, "the second registry reads the first: its changes still decide")
	assert.NotZero(t, old.ReplacedIn)
	assert.Equal(t, old.ReplacedIn, cur.InstalledIn)
	assert.Less(t, events[1].Block, old.ReplacedIn)
	assert.Equal(t, second, cur.Address)
	assert.True(t, cur.Current)
	assert.True(t, cur.ReadByCurrent)
	assert.Zero(t, cur.ReplacedIn)
}

// newGrantInFirstRegistry is a study with a patient's grant for it in the
// consortium's first consent registry, at first.
func newGrantInFirstRegistry(t *testing.T) (f *fixture, studyID uint64, p patient, first common.Address) {
	t.Helper()
	f = newFixture(t, 3)
	studyID = f.keyedStudy(t, 2)
	p = newPatient(t)
	first = f.domain(t).Contract
	_, err := f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, p, contracts.ConsentScope{StudyID: studyID}, true, f.later()))
	require.NoError(t, err)
	return f, studyID, p, first
}

// deployRegistry deploys a consent registry for the consortium naming predecessor.
func (f *fixture) deployRegistry(t *testing.T, predecessor common.Address) common.Address {
	t.Helper()
	next, _, err := contracts.DeployConsentModule(f.ctx, f.chain, f.deployer, f.ledger.Address(), predecessor)
	require.NoError(t, err)
	return next
}

// installRegistry deploys a consent registry naming predecessor and has
// the members vote it in.
func (f *fixture) installRegistry(t *testing.T, predecessor common.Address) common.Address {
	t.Helper()
	next := f.deployRegistry(t, predecessor)
	pid, _, err := f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleConsent, next)
	require.NoError(t, err)
	f.carry(t, pid)
	return next
}
