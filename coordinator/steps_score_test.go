package coordinator

import (
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

func TestScoreStepRefusesHostileShares(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	task := &cohortv1.ScoreTask{StudyId: stepStudy, Round: 2, Contributors: [][]byte{ps[0].addr.Bytes(), ps[1].addr.Bytes(), ps[2].addr.Bytes()}}
	st := newScoreStep(stepStudy, task, addressesOf(ps[:2]), []uint64{1, 2})
	sent := sentTo(st.start())
	require.Len(t, sent, 2)
	assert.Equal(t, []uint64{1, 2}, sent[ps[1].addr][0].GetScore().GetActivePoints())

	shares := func(p party, round, signRound uint32, n int) *cohortv1.ScoreSharesSubmission {
		sub := &cohortv1.ScoreSharesSubmission{StudyId: stepStudy, Round: round}
		for i := range n {
			sub.Shares = append(sub.Shares, []byte{byte(i), 's'})
		}
		signed, err := auth.Sign(p.key, stepStudy, signRound, auth.KindScoreShares, crypto.Keccak256Hash(sub.Shares...))
		require.NoError(t, err)
		sub.Auth = signed
		return sub
	}
	_, err := deliverTo(st, st.receive, shares(ps[0], 2, 2, 3))
	require.NoError(t, err)
	swapped := shares(ps[1], 2, 2, 3)
	swapped.Shares[0] = []byte("other")
	moved := shares(ps[1], 2, 2, 3)
	moved.StudyId++
	tests := []struct {
		name string
		req  *cohortv1.ScoreSharesSubmission
		want error
	}{
		{"fewer shares than contributors", shares(ps[1], 2, 2, 2), ErrMalformed},
		{"more shares than contributors", shares(ps[1], 2, 2, 4), ErrMalformed},
		{"a signature over other shares", swapped, auth.ErrBadSignature},
		{"for another round", shares(ps[1], 1, 1, 3), ErrWrongPhase},
		{"another study", moved, ErrWrongPhase},
		{"a holder outside the active set", shares(ps[2], 2, 2, 3), ErrNotParticipant},
		{"a stranger", shares(stranger, 2, 2, 3), ErrNotParticipant},
		{"a replay", shares(ps[0], 2, 2, 3), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1, "nothing more recorded")
		})
	}
	rd, err := deliverTo(st, st.receive, shares(ps[1], 2, 2, 3))
	require.NoError(t, err)
	assert.True(t, rd.complete)
}
