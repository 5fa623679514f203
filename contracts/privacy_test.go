package contracts_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// TestPrivacyBudget: a study's (ε, δ) budget is set with the study, each
// round records the study's ε after it, and the contract refuses to open a
// round that would pass the budget, or that claims to spend no more than
// the last.
func TestPrivacyBudget(t *testing.T) {
	f := newFixture(t, 2)
	p := f.params()
	p.Rounds = 4
	p.Privacy = contracts.PrivacyBudget{Epsilon: 3, Delta: 1e-5}
	id, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
	require.NoError(t, err)
	for _, m := range f.members {
		_, err := f.ledger.JoinStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("collective public key"))
	require.NoError(t, err)

	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, contracts.PrivacyBudget{Epsilon: 3, Delta: 1e-5}, s.Privacy)
	assert.Zero(t, s.EpsilonSpent)

	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.ErrorIs(t, err, contracts.ErrInvalidEpsilonSpent, "a round of a study with a budget must say what it spends")

	_, err = f.ledger.OpenPrivateRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline(), 1.2345678)
	require.NoError(t, err)
	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, 1.234568, r.EpsilonSpent, "rounded up to 6 digits, never understated")
	f.commitAll(t, id, 1, 2)
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(2))
	require.NoError(t, err)
	r, err = f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, 1.234568, r.EpsilonSpent, "closing the round keeps its ε")

	_, err = f.ledger.OpenPrivateRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline(), 1.2)
	require.ErrorIs(t, err, contracts.ErrInvalidEpsilonSpent, "ε spent cannot go down")
	_, err = f.ledger.OpenPrivateRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline(), 3.0001)
	require.ErrorIs(t, err, contracts.ErrPrivacyBudgetExceeded, "a round beyond the budget is refused")
	s, err = f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.False(t, s.RoundOpen, "the refused round did not open")
	assert.Equal(t, uint32(1), s.CurrentRound)

	_, err = f.ledger.OpenPrivateRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline(), 3)
	require.NoError(t, err, "up to the budget is allowed")
	s, err = f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 3.0, s.EpsilonSpent)

	_, err = f.ledger.SetPrivacyBudget(f.ctx, f.researcher, id, contracts.PrivacyBudget{Epsilon: 10, Delta: 1e-5})
	require.ErrorIs(t, err, contracts.ErrPrivacyBudgetLocked, "the budget cannot be raised once rounds ran")
}

func TestPrivacyBudgetSetOnceByTheOwner(t *testing.T) {
	f := newFixture(t, 2)
	id := f.study(t, 2)
	b := contracts.PrivacyBudget{Epsilon: 8, Delta: 1e-5}
	_, err := f.ledger.SetPrivacyBudget(f.ctx, f.coord, id, b)
	require.ErrorIs(t, err, contracts.ErrNotAuthorised, "only the study's owner sets its budget")
	_, err = f.ledger.SetPrivacyBudget(f.ctx, f.researcher, id, contracts.PrivacyBudget{Epsilon: 8, Delta: 1})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
	_, err = f.ledger.SetPrivacyBudget(f.ctx, f.researcher, id, b)
	require.NoError(t, err)
	_, err = f.ledger.SetPrivacyBudget(f.ctx, f.researcher, id, b)
	require.ErrorIs(t, err, contracts.ErrPrivacyBudgetLocked, "once")

	plain := f.keyedStudy(t, 2)
	_, err = f.ledger.OpenPrivateRound(f.ctx, f.coord, plain, 1, hash("model 0"), f.deadline(), 1)
	require.ErrorIs(t, err, contracts.ErrInvalidEpsilonSpent, "a study without a budget records no ε")
	assert.True(t, b.Equal(contracts.PrivacyBudget{Epsilon: 8.0000001, Delta: 1e-5}), "equal once stored")
	assert.False(t, b.Equal(contracts.PrivacyBudget{Epsilon: 8, Delta: 1e-6}))
}

// A recipe is refused up front when a round's ε would not grow in the
// units the chain records it in (models.EpsilonUnits), so those units are
// the contract's.
func TestRecipesCheckEpsilonInTheChainsUnits(t *testing.T) {
	assert.Equal(t, contracts.MetricUnit, models.EpsilonUnits)
	assert.Equal(t, contracts.EpsilonSpentFixed(1.0/models.EpsilonUnits), contracts.EpsilonSpentFixed(0)+1, "one unit of ε records as one more than none")
}
