package contracts_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestConsentRegistryVotedInMustNameTheCurrentOne: a patient granted
// consent in the first registry, a vote installed a second naming it, and
// the patient revoked there. A registry is read with its predecessors only,
// so one voted in that names the first registry (skipping the second) or
// none would bring the grant back or drop every decision: the revoked
// patient's record trained on again. The Consortium took any registry of
// its own; it now refuses, when proposed and again when the vote carries,
// one that does not name the current registry as its predecessor, a
// retired registry voted back in among them, and a module that is not a
// registry at all.
func TestConsentRegistryVotedInMustNameTheCurrentOne(t *testing.T) {
	f, id, p, first := newGrantInFirstRegistry(t)
	// Proposed while the first registry is current, and naming it: sound then.
	early := f.deployRegistry(t, first)
	earlyVote, _, err := f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleConsent, early)
	require.NoError(t, err)
	second := f.installRegistry(t, first)
	_, err = f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, p, contracts.ConsentScope{StudyID: id}, false, time.Time{}))
	require.NoError(t, err)

	propose := func(module common.Address) error {
		pid, _, err := f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleConsent, module)
		if err == nil {
			f.carry(t, pid)
		}
		return err
	}
	for _, c := range []struct {
		name    string
		install func() error
	}{
		{"naming the registry before the current one", func() error { return propose(f.deployRegistry(t, first)) }},
		{"naming no predecessor", func() error { return propose(f.deployRegistry(t, common.Address{})) }},
		{"proposed before the current registry was voted in", func() error {
			_, _, err := f.ledger.Vote(f.ctx, f.members[1], earlyVote)
			return err
		}},
		{"a retired registry voted back in", func() error { return propose(first) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.install()
			st, serr := f.ledger.ConsentStatus(f.ctx, p.id, id, 0)
			require.NoError(t, serr)
			assert.Equal(t, contracts.ConsentRevoked, st.State, "the revocation in the current registry must still decide")
			require.ErrorIs(t, err, contracts.ErrConsentPredecessor)
			assert.ErrorContains(t, err, "deploy a new registry naming the current one")
			assert.ErrorContains(t, err, second.Hex(), "the error names the current registry")
			_, current, err := f.ledger.Modules(f.ctx)
			require.NoError(t, err)
			assert.Equal(t, second, current)
		})
	}

	// A module that is not a consent registry is refused as one.
	studies, _, err := contracts.DeployStudiesModule(f.ctx, f.chain, f.deployer, f.ledger.Address())
	require.NoError(t, err)
	_, _, err = f.ledger.ProposeModule(f.ctx, f.members[0], contracts.ModuleConsent, studies)
	require.ErrorIs(t, err, contracts.ErrModuleKind)

	// A registry naming the current one is voted in; the revocation decides.
	third := f.installRegistry(t, second)
	_, current, err := f.ledger.Modules(f.ctx)
	require.NoError(t, err)
	require.Equal(t, third, current)
	st, err := f.ledger.ConsentStatus(f.ctx, p.id, id, 0)
	require.NoError(t, err)
	assert.Equal(t, contracts.ConsentRevoked, st.State)
}
