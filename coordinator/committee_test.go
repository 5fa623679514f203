package coordinator

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// TestCommitteeDealStep: with a committee of 2 among 5 members, every
// member is asked to deal, each dealing goes to exactly the committee, and
// only the committee gets the shares: 5·2 shares, not 25.
func TestCommitteeDealStep(t *testing.T) {
	ps := newParties(t, 5)
	committee := []common.Address{ps[1].addr, ps[3].addr}
	st := committeeHolders(0, committee, nil)
	holders := []holder{{addr: ps[1].addr, point: st.Points[ps[1].addr], pub: &ps[1].key.PublicKey}, {addr: ps[3].addr, point: st.Points[ps[3].addr], pub: &ps[3].key.PublicKey}}
	assert.Equal(t, map[common.Address]uint64{ps[1].addr: contracts.CommitteePoint(committee, ps[1].addr), ps[3].addr: contracts.CommitteePoint(committee, ps[3].addr)}, st.Points)
	dealers := make([]common.Address, len(ps))
	for i, p := range ps {
		dealers[i] = p.addr
	}
	deal := newCommitteeDealStep(stepStudy, 2, dealers, holders)
	sent := sentTo(deal.start())
	require.Len(t, sent, 5, "every member deals")
	assert.Len(t, sent[ps[0].addr][0].GetThreshold().GetHolders(), 2, "to the committee")

	sub := func(shares []*cohortv1.EncryptedShare) *cohortv1.ThresholdSharesSubmission {
		return &cohortv1.ThresholdSharesSubmission{StudyId: stepStudy, Shares: shares}
	}
	_, err := deliverTo(deal, deal.receive, sub(thresholdDealing(t, ps[0], 0, ps...)))
	require.ErrorIs(t, err, ErrMalformed, "shares for members off the committee are refused")
	total := 0
	for _, p := range ps {
		shares := thresholdDealing(t, p, 0, ps[1], ps[3])
		total += len(shares)
		_, err := deliverTo(deal, deal.receive, sub(shares))
		require.NoError(t, err)
	}
	assert.Equal(t, 5*2, total)
	confirm, err := deal.finish(common.Hash{1})
	require.NoError(t, err)
	relayed := sentTo(confirm.start())
	require.Len(t, relayed, 2, "only the committee gets key material")
	for _, a := range committee {
		assert.Len(t, relayed[a][0].GetThresholdKey().GetShares(), 5, "one share per dealer")
	}
}

// TestPlanCommitteeReshare: the keys move to the chain's new committee
// from t current holders in good standing, on the new committee or not; a
// joiner deals its own key; too few holders left fails.
func TestPlanCommitteeReshare(t *testing.T) {
	ps := newParties(t, 6)
	all := []common.Address{ps[0].addr, ps[1].addr, ps[2].addr, ps[3].addr, ps[4].addr}
	cur := committeeHolders(0, []common.Address{ps[0].addr, ps[1].addr, ps[2].addr}, all)
	good := map[common.Address]bool{ps[0].addr: true, ps[1].addr: true, ps[3].addr: true, ps[4].addr: true, ps[5].addr: true} // ps[2] left
	next := []common.Address{ps[3].addr, ps[4].addr, ps[5].addr}                                                              // none of the old
	plan, err := planCommitteeReshare(stepStudy, 2, cur, 2, next, 4, good, []common.Address{ps[5].addr}, keysOf(ps))
	require.NoError(t, err)
	assert.Equal(t, []common.Address{ps[0].addr, ps[1].addr}, plan.staying, "old holders in good standing deal, though off the new committee")
	assert.Equal(t, []common.Address{ps[2].addr}, plan.leaving)
	assert.Equal(t, []common.Address{ps[5].addr}, plan.newcomers)
	assert.Equal(t, committeeHolders(2, next, nil).Points, plan.next.Points, "holders at the chain's points")
	assert.ElementsMatch(t, append(all, ps[5].addr), plan.next.Dealers, "the joiner's key is held from now on")
	dealing := plan.dealers(plan.staying)
	assert.Len(t, dealing.task.GetHolders(), 3)
	assert.Len(t, dealing.task.GetDealers(), 2)

	assert.False(t, plan.addOnly, "a new committee is re-shared to")
	assert.EqualValues(t, 4, plan.committeeEpoch, "the commit names the committee's selection")

	// The same committee, a member joined: nothing is re-shared, the
	// joiner deals to the holders as they are.
	same := []common.Address{ps[0].addr, ps[1].addr, ps[2].addr}
	plan, err = planCommitteeReshare(stepStudy, 2, cur, 2, same, 4, good, []common.Address{ps[5].addr}, keysOf(ps))
	require.NoError(t, err)
	assert.True(t, plan.addOnly)
	assert.Equal(t, cur.Points, plan.next.Points, "every holder at its point")
	assert.Empty(t, plan.dealers(nil).task.GetDealers(), "no dealer re-shares")
	assert.ElementsMatch(t, append(all, ps[5].addr), plan.next.Dealers)

	_, err = planCommitteeReshare(stepStudy, 2, cur, 2, next, 4, map[common.Address]bool{ps[0].addr: true}, nil, keysOf(ps))
	require.ErrorIs(t, err, ErrBelowThreshold)
	_, err = planCommitteeReshare(stepStudy, 2, cur, 2, next, 4, good, nil, keysOf(ps[:5]))
	require.ErrorIs(t, err, ErrStalled, "a committee member not connected")
}
