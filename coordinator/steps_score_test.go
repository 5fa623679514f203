package coordinator

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
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
	st := mustScoreStep(t, task, addressesOf(ps[:2]), []uint64{1, 2}, 2, map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2, ps[2].addr: 3})
	sent := sentTo(st.start())
	require.Len(t, sent, 2)
	assert.Equal(t, []uint64{1, 2}, sent[ps[1].addr][0].GetScore().GetActivePoints())
	assert.Empty(t, sent[ps[1].addr][0].GetScore().GetDecryptionSets(), "t holders: one set")

	shares := func(p party, round, signRound uint32, n int) *cohortv1.ScoreSharesSubmission {
		return scoreShares(t, p, round, signRound, []uint64{1, 2}, n)
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
		{"for other active points", scoreShares(t, ps[1], 2, 2, []uint64{1, 2, 3}, 3), ErrMalformed},
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

func mustScoreStep(t testing.TB, task *cohortv1.ScoreTask, active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) *scoreStep {
	t.Helper()
	st, err := newScoreStep(stepStudy, task, active, points, threshold, pointOf)
	require.NoError(t, err)
	return st
}

// scoreShares is p's submission of n score shares (placeholders) for a
// task of the given active points, signed for signRound.
func scoreShares(t *testing.T, p party, round, signRound uint32, active []uint64, n int) *cohortv1.ScoreSharesSubmission {
	t.Helper()
	sub := &cohortv1.ScoreSharesSubmission{StudyId: stepStudy, Round: round, ActivePoints: active}
	for i := range n {
		sub.Shares = append(sub.Shares, []byte{byte(i), 's'})
	}
	signed, err := auth.Sign(p.key, stepStudy, signRound, auth.KindScoreShares, auth.ScoreSharesContent(active, sub.Shares))
	require.NoError(t, err)
	sub.Auth = signed
	return sub
}

// With a spare holder the score task names every decryption set and a
// holder answers with one share per contributor for each set it is in:
// the step refuses any other count, and shares signed without the task's
// active points.
func TestScoreStepAsksForEveryDecryptionSet(t *testing.T) {
	ps := newParties(t, 3)
	a := addressesOf(ps)
	pointOf := map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3}
	task := &cohortv1.ScoreTask{StudyId: stepStudy, Round: 4, Contributors: [][]byte{a[0].Bytes(), a[1].Bytes()}}
	st := mustScoreStep(t, task, a, []uint64{1, 2, 3}, 2, pointOf)
	got := sentTo(st.start())[a[2]][0].GetScore()
	assert.Equal(t, []uint64{1, 2, 3}, got.GetActivePoints())
	var sets [][]uint64
	for _, s := range got.GetDecryptionSets() {
		sets = append(sets, s.GetPoints())
	}
	assert.Equal(t, [][]uint64{{2, 3}, {1, 3}, {1, 2}}, sets)

	active := []uint64{1, 2, 3}
	for name, sub := range map[string]*cohortv1.ScoreSharesSubmission{
		"one set's shares from a holder in two":   scoreShares(t, ps[0], 4, 4, active, 2),
		"three sets' shares from a holder in two": scoreShares(t, ps[0], 4, 4, active, 6),
		"shares signed for the first set alone":   scoreShares(t, ps[0], 4, 4, []uint64{2, 3}, 4),
		"shares signed without the active points": scoreShares(t, ps[0], 4, 4, nil, 4),
	} {
		_, err := deliverTo(st, st.receive, sub)
		assert.ErrorIs(t, err, ErrMalformed, name)
	}
	unsigned := scoreShares(t, ps[0], 4, 4, active, 4)
	unsigned.ActivePoints = []uint64{1, 2}
	_, err := deliverTo(st, st.receive, unsigned)
	assert.ErrorIs(t, err, auth.ErrBadSignature, "active points other than those signed")
	assert.Empty(t, st.got)
	_, err = deliverTo(st, st.receive, scoreShares(t, ps[0], 4, 4, active, 4))
	require.NoError(t, err)
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
