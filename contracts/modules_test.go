package contracts_test

import (
	"time"

	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// vote has members vote for a proposal until it carries.
func (f *fixture) carry(t *testing.T, id uint64) {
	t.Helper()
	for _, m := range f.members[1:] {
		p, err := f.ledger.Proposal(f.ctx, id)
		require.NoError(t, err)
		if p.Executed {
			return
		}
		_, _, err = f.ledger.Vote(f.ctx, m, id)
		require.NoError(t, err)
	}
	p, err := f.ledger.Proposal(f.ctx, id)
	require.NoError(t, err)
	require.True(t, p.Executed)
}

// TestStudiesModuleUpgrade moves a consortium to a new Studies module by
// vote while a study runs on the old one: the running study finishes on the
// old module, nothing of it is lost, new studies go to the new module with
// the next id, and a Ledger opened before the switch finds both.
func TestStudiesModuleUpgrade(t *testing.T) {
	f := newFixture(t, 3)
	old := f.openStudy(t, 2)
	before, _, err := f.ledger.Modules(f.ctx)
	require.NoError(t, err)

	next, _, err := contracts.DeployStudiesModule(f.ctx, f.chain, f.deployer, f.ledger.Address())
	require.NoError(t, err)
	// A module deployed for another consortium is refused.
	stranger, _, err := contracts.DeployStudiesModule(f.ctx, f.chain, f.deployer, common.HexToAddress("0x1234"))
	require.NoError(t, err)
	_, _, err = f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleStudies, stranger)
	require.ErrorIs(t, err, contracts.ErrModuleMismatch)
	_, _, err = f.ledger.ProposeModule(f.ctx, f.outsider, contracts.ModuleStudies, next)
	require.ErrorIs(t, err, contracts.ErrNotMember)

	stale, err := contracts.Open(f.chain, f.ledger.Address()) // resolved before the switch
	require.NoError(t, err)
	_, err = stale.Study(f.ctx, old)
	require.NoError(t, err)

	pid, _, err := f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleStudies, next)
	require.NoError(t, err)
	f.carry(t, pid)
	after, _, err := f.ledger.Modules(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, append(before, next), after)

	// The running study finishes on the old module.
	f.commitAll(t, old, 1, 2)
	_, err = f.ledger.CloseRound(f.ctx, f.coord, old, 1, result(2))
	require.NoError(t, err)
	r, err := f.ledger.Round(f.ctx, old, 1)
	require.NoError(t, err)
	assert.True(t, r.Closed)
	assert.Len(t, r.Committers, 2)

	// New studies continue the ids on the new module, also through a Ledger
	// that resolved the modules before the vote.
	created, _, err := stale.CreateStudy(f.ctx, f.researcher, f.params())
	require.NoError(t, err)
	assert.Equal(t, old+1, created)
	count, err := stale.StudyCount(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, created, count)
	_, err = f.ledger.JoinStudy(f.ctx, f.members[2], created)
	require.NoError(t, err)
	ok, err := stale.IsParticipant(f.ctx, created, f.members[2].Address())
	require.NoError(t, err)
	assert.True(t, ok)
	s, err := stale.Study(f.ctx, old)
	require.NoError(t, err)
	assert.Len(t, s.Participants, 2, "the old study is still read from the old module")
	_, err = f.ledger.Study(f.ctx, created+1)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
}

// TestStudiesSlotRefusesAModuleOfAnotherKind: a consent registry of the
// consortium proposed as its Studies module was taken, and the vote that
// carried it reverted with no reason (the registry has no activate), so
// the members learnt of the mistake only when the last of them voted. A
// Studies module already voted in, and since retired, was taken the same
// way and refused only at the vote. Both are now refused when proposed,
// with an error that says which module the slot takes.
func TestStudiesSlotRefusesAModuleOfAnotherKind(t *testing.T) {
	f := newFixture(t, 3)
	studies, registry, err := f.ledger.Modules(f.ctx)
	require.NoError(t, err)
	// Sound as the next consent registry, but not a Studies module.
	nextRegistry := f.deployRegistry(t, registry)
	_, _, err = f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleStudies, nextRegistry)
	require.ErrorIs(t, err, contracts.ErrModuleKind)
	assert.ErrorContains(t, err, "a Studies module (DeployStudiesModule) for ModuleStudies")
	// and a Studies module is no consent registry.
	next, _, err := contracts.DeployStudiesModule(f.ctx, f.chain, f.deployer, f.ledger.Address())
	require.NoError(t, err)
	_, _, err = f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleConsent, next)
	require.ErrorIs(t, err, contracts.ErrModuleKind)

	// Once another is voted in, the first Studies module is retired and
	// serves its own studies only.
	pid, _, err := f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleStudies, next)
	require.NoError(t, err)
	f.carry(t, pid)
	_, _, err = f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleStudies, studies[0])
	require.ErrorIs(t, err, contracts.ErrModuleMismatch)
	after, current, err := f.ledger.Modules(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, []common.Address{studies[0], next}, after)
	assert.Equal(t, registry, current)
}

// TestConsentModuleUpgrade moves a consortium to a new ConsentRegistry by
// vote: decisions recorded in the old one still count, their nonces carry
// on, the old one refuses relays, and the patients sign for the new domain.
func TestConsentModuleUpgrade(t *testing.T) {
	f := newFixture(t, 3)
	id := f.keyedStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	kept, revoked := newPatient(t), newPatient(t)
	oldDomain := f.domain(t)
	_, err := f.ledger.RelayConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{
		f.sign(t, kept, study, true, f.later()), f.sign(t, revoked, study, true, f.later()),
	})
	require.NoError(t, err)
	loggedPatient := newPatient(t)
	res0, err := f.ledger.LogConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{f.signLogged(t, loggedPatient, study, true, f.later(), f.now(t))})
	require.NoError(t, err)
	require.Equal(t, 1, res0.Recorded)
	_, _, err = f.ledger.Modules(f.ctx)
	require.NoError(t, err)
	stale, err := contracts.Open(f.chain, f.ledger.Address())
	require.NoError(t, err)
	_, err = stale.ConsentDomain(f.ctx) // resolves the old registry
	require.NoError(t, err)

	next, _, err := contracts.DeployConsentModule(f.ctx, f.chain, f.deployer, f.ledger.Address(), oldDomain.Contract)
	require.NoError(t, err)
	pid, _, err := f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleConsent, next)
	require.NoError(t, err)
	f.carry(t, pid)
	newDomain := f.domain(t)
	require.Equal(t, next, newDomain.Contract)

	// The old registry's decisions count; the nonce carries on.
	st, err := f.ledger.ConsentStatus(f.ctx, kept.id, id, 0)
	require.NoError(t, err)
	assert.Equal(t, contracts.ConsentActive, st.State)
	revocation := f.sign(t, revoked, study, false, time.Time{})
	assert.Equal(t, uint32(1), revocation.Nonce)
	// A Ledger that still points at the old registry finds the new one.
	res, err := stale.RelayConsentBatch(f.ctx, f.members[1], []contracts.SignedConsent{revocation})
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{contracts.ConsentRecorded}, res.Outcomes)
	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{kept.id, revoked.id, loggedPatient.id}, id, 0)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{contracts.ConsentActive, contracts.ConsentRevoked, contracts.ConsentActive}, states,
		"a logged grant in the old registry counts in the new one")
	// A logged revocation in the new registry overrides it, also for a
	// Ledger opened afresh.
	res1, err := f.ledger.LogConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{f.signLogged(t, loggedPatient, study, false, time.Time{}, f.now(t))})
	require.NoError(t, err)
	require.Equal(t, 1, res1.Recorded)
	fresh, err := contracts.Open(f.chain, f.ledger.Address())
	require.NoError(t, err)
	require.ErrorIs(t, fresh.RequireConsent(f.ctx, loggedPatient.id, id, 0), contracts.ErrConsentRevoked)
	history, err := f.ledger.ConsentHistory(f.ctx, revoked.id, study)
	require.NoError(t, err)
	assert.Len(t, history, 2, "the grant from the old registry and the revocation in the new one")

	// A change signed for the old registry's domain is not valid in the new one.
	late := newPatient(t)
	oldSigned, err := contracts.SignConsent(late.key, oldDomain, contracts.ConsentChange{Patient: late.id, Scope: study, Granted: true, Expiry: f.later()})
	require.NoError(t, err)
	res, err = f.ledger.RelayConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{oldSigned})
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{contracts.ConsentSkippedBadSignature}, res.Outcomes)
}

// TestLedgerAtAnAddressWithoutCode opens the ledger at an address that
// holds no contract, as a mistyped chain.contract does: reading it names
// the missing contract and where the address comes from, instead of an
// ABI decoding error.
func TestLedgerAtAnAddressWithoutCode(t *testing.T) {
	f := newFixture(t, 1)
	wrong := common.HexToAddress("0x94100A156c021Ff6761A5A0c8d18082c587978C9")
	ledger, err := contracts.Open(f.chain, wrong)
	require.NoError(t, err)
	_, err = ledger.Study(f.ctx, 1)
	require.ErrorIs(t, err, contracts.ErrNoContract)
	assert.Contains(t, err.Error(), wrong.Hex())
	assert.Contains(t, err.Error(), "devnet.json")
	_, _, err = ledger.Modules(f.ctx)
	require.ErrorIs(t, err, contracts.ErrNoContract)
}
