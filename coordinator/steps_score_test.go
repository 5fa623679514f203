package coordinator

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
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

// trustDecision flags an update pointing against the reference, gives it
// no weight, and records every contributor's score, weight and flag.
func TestTrustDecisionFlagsAndRecords(t *testing.T) {
	ps := newParties(t, 5)
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	const d = 64
	rng := rand.New(rand.NewPCG(1, 2))
	reference := make([]float64, d)
	for i := range reference {
		reference[i] = rng.NormFloat64()
	}
	refs, err := scheme.NewReferences(reference, [32]byte{7}, aggregation.DefaultProjectionsFor(d))
	require.NoError(t, err)
	var scores []aggregation.Scores
	for i := range ps {
		u := make([]float64, d)
		for j := range u {
			u[j] = reference[j] + 0.3*rng.NormFloat64()
			if i == 4 {
				u[j] = -5 * reference[j] // the attacker: against the reference, and large
			}
		}
		sc, err := aggregation.PlainScores(u, refs)
		require.NoError(t, err)
		scores = append(scores, sc)
	}
	policy, err := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
	require.NoError(t, err)
	rd, trust, weights, err := trustDecision(policy, 3, addressesOf(ps), scores, refs.ReferenceNorm(), []float64{10, 10, 10, 10, 10}, 2)
	require.NoError(t, err)
	require.Len(t, trust, 5)
	assert.Equal(t, []common.Address{ps[4].addr}, rd.flag, "the attacker is flagged")
	assert.Zero(t, weights[4], "and gets no weight")
	require.Len(t, rd.chain, 1)
	rec := rd.chain[0].scores
	require.NotNil(t, rec)
	assert.EqualValues(t, 3, rec.round)
	require.Len(t, rec.scores, 5)
	for i, s := range rec.scores {
		assert.Equal(t, ps[i].addr, s.Member)
		assert.Equal(t, weights[i], s.Weight, "the aggregate uses exactly the recorded weights")
		assert.Equal(t, i == 4, s.Flagged)
		assert.LessOrEqual(t, math.Abs(s.Score), float64(maxRecordedScore))
	}

	_, _, _, err = trustDecision(policy, 3, addressesOf(ps), scores, refs.ReferenceNorm(), []float64{10, 10}, 2)
	assert.Error(t, err, "sample counts that do not match the scores")
}
