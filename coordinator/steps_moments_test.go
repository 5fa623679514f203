package coordinator

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

func TestMomentsDecryptStepRefusesHostileShares(t *testing.T) {
	ps := newParties(t, 3)
	sum := crypto.Keccak256Hash([]byte("sum of moments"))
	st := newMomentsDecryptStep(stepStudy, 64, &cohortv1.MomentsDecryptTask{StudyId: stepStudy, AggregateHash: sum.Bytes()}, addressesOf(ps[:2]), []uint64{1, 3})
	sent := sentTo(st.start())
	require.Len(t, sent, 2)
	assert.Equal(t, []uint64{1, 3}, sent[ps[0].addr][0].GetMomentsDecrypt().GetActivePoints())

	share := func(p party, agg common.Hash, b []byte) *cohortv1.MomentsShareSubmission {
		signed, err := auth.Sign(p.key, stepStudy, 0, auth.KindMomentsShare, auth.MomentsShareContent(agg, b))
		require.NoError(t, err)
		return &cohortv1.MomentsShareSubmission{StudyId: stepStudy, AggregateHash: agg.Bytes(), Share: b, Auth: signed}
	}
	_, err := deliverTo(st, st.receive, share(ps[0], sum, []byte("share 0")))
	require.NoError(t, err)
	swapped := share(ps[1], sum, []byte("share 1"))
	swapped.Share = []byte("share 1'")
	short := share(ps[1], sum, []byte("share 1"))
	short.AggregateHash = sum.Bytes()[1:]
	tests := []struct {
		name string
		req  *cohortv1.MomentsShareSubmission
		want error
	}{
		{"oversized", share(ps[1], sum, make([]byte, 65)), ErrTooLarge},
		{"a share of another sum (one site's moments)", share(ps[1], crypto.Keccak256Hash([]byte("one site")), []byte("share 1")), ErrWrongPhase},
		{"a signature over another share", swapped, auth.ErrBadSignature},
		{"a truncated sum hash", short, auth.ErrBadSignature},
		{"a holder outside the active set", share(ps[2], sum, []byte("share 2")), ErrNotParticipant},
		{"a replay", share(ps[0], sum, []byte("share 0")), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1, "nothing more recorded")
		})
	}
	rd, err := deliverTo(st, st.receive, share(ps[1], sum, []byte("share 1")))
	require.NoError(t, err)
	assert.True(t, rd.complete)
}
