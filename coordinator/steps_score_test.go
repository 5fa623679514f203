package coordinator

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

func TestScoreStepRefusesHostileShares(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	hashes, share := scoreSharesOf(t, 3, 2, 3)
	task := &cohortv1.ScoreTask{StudyId: stepStudy, Round: 2, Contributors: [][]byte{ps[0].addr.Bytes(), ps[1].addr.Bytes(), ps[2].addr.Bytes()}, ScoreSetHashes: hashes}
	st := mustScoreStep(t, task, addressesOf(ps[:2]), []uint64{1, 2}, 2, map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2, ps[2].addr: 3})
	sent := sentTo(st.start())
	require.Len(t, sent, 2)
	assert.Equal(t, []uint64{1, 2}, sent[ps[1].addr][0].GetScore().GetActivePoints())
	assert.Empty(t, sent[ps[1].addr][0].GetScore().GetDecryptionSets(), "t holders: one set")

	shares := func(p party, round, signRound uint32, n int) *cohortv1.ScoreSharesSubmission {
		return scoreShares(t, p, round, signRound, []uint64{1, 2}, n)
	}
	// valid is the holder at point's shares of the three contributors'
	// scores for the one set {1, 2}.
	valid := func(p party, point uint64) *cohortv1.ScoreSharesSubmission {
		return signedScoreShares(t, p, 2, 2, []uint64{1, 2}, [][]byte{share(point, 0, 1, 2), share(point, 1, 1, 2), share(point, 2, 1, 2)})
	}
	_, err := deliverTo(st, st.receive, valid(ps[0], 1))
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
		{"a replay", valid(ps[0], 1), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1, "nothing more recorded")
		})
	}
	rd, err := deliverTo(st, st.receive, valid(ps[1], 2))
	require.NoError(t, err)
	assert.True(t, rd.complete)
}

func mustScoreStep(t testing.TB, task *cohortv1.ScoreTask, active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) *scoreStep {
	t.Helper()
	st, err := newScoreStep(stepStudy, task, active, points, threshold, pointOf, nil)
	require.NoError(t, err)
	return st
}

// scoreShares is p's submission of n score shares (placeholders) for a
// task of the given active points, signed for signRound.
func scoreShares(t *testing.T, p party, round, signRound uint32, active []uint64, n int) *cohortv1.ScoreSharesSubmission {
	t.Helper()
	shares := make([][]byte, n)
	for i := range shares {
		shares[i] = []byte{byte(i), 's'}
	}
	return signedScoreShares(t, p, round, signRound, active, shares)
}

// signedScoreShares is p's submission of shares for a task of the given
// active points, signed for signRound.
func signedScoreShares(t *testing.T, p party, round, signRound uint32, active []uint64, shares [][]byte) *cohortv1.ScoreSharesSubmission {
	t.Helper()
	sub := &cohortv1.ScoreSharesSubmission{StudyId: stepStudy, Round: round, ActivePoints: active, Shares: shares}
	signed, err := auth.Sign(p.key, stepStudy, signRound, auth.KindScoreShares, auth.ScoreSharesContent(active, sub.Shares))
	require.NoError(t, err)
	sub.Auth = signed
	return sub
}

// scoreSharesOf deals n parties' keys t-of-n at points 1..n and scores the
// first contributors parties' updates (8 values, 1 projection). It returns
// their score sets' hashes and a function giving the encoded score share
// the holder at point makes of contributor c's scores for the active set.
func scoreSharesOf(t *testing.T, n, threshold, contributors int) ([][]byte, func(point uint64, c int, active ...uint64) []byte) {
	t.Helper()
	k := thresholdKeysOf(t, n, threshold, 8)
	refs, err := k.scheme.NewReferences([]float64{1, 2, 3, 4, 5, 6, 7, 8}, [32]byte{4}, 1)
	require.NoError(t, err)
	sets := make([]*aggregation.ScoreSet, contributors)
	hashes := make([][]byte, contributors)
	for c := range sets {
		sets[c], err = k.scheme.Score(k.updates[c], refs)
		require.NoError(t, err)
		b, err := sets[c].MarshalBinary()
		require.NoError(t, err)
		hashes[c] = aggregation.ContentHash(b).Bytes()
	}
	return hashes, func(point uint64, c int, active ...uint64) []byte {
		sh, err := k.scheme.GenThresholdScoreShare(k.tsks[point-1], shamirSet(active), sets[c], k.updates[c], refs)
		require.NoError(t, err)
		b, err := sh.MarshalBinary()
		require.NoError(t, err)
		return b
	}
}

// spareHolderScoreStep is round 4's score step of three holders at points
// 1..3, threshold 2 (three decryption sets), scoring the first two's
// updates, with share giving real score shares (scoreSharesOf).
func spareHolderScoreStep(t *testing.T) ([]party, *scoreStep, func(point uint64, c int, active ...uint64) []byte) {
	t.Helper()
	ps := newParties(t, 3)
	a := addressesOf(ps)
	pointOf := map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3}
	hashes, share := scoreSharesOf(t, 3, 2, 2)
	task := &cohortv1.ScoreTask{StudyId: stepStudy, Round: 4, Contributors: [][]byte{a[0].Bytes(), a[1].Bytes()}, ScoreSetHashes: hashes}
	return ps, mustScoreStep(t, task, a, []uint64{1, 2, 3}, 2, pointOf), share
}

// A holder's score shares were taken as they came once their number and
// signature checked: shares made at another holder's point, for the sets
// in another order or one set twice, for the contributors in another
// order, or not score shares at all, were found only when the round's
// scores were decrypted, which then failed naming no holder (a set left
// incomplete, or decrypting unlike the others). Each share's point, set
// and score set are now checked as it comes, as a decryption share's are,
// and the step refuses such an answer naming its sender: the holder is
// then left out and another set asked.
func TestScoreStepRefusesMisplacedShares(t *testing.T) {
	ps, st, share := spareHolderScoreStep(t)
	a := addressesOf(ps)
	st.start()
	active := []uint64{1, 2, 3}
	// The holder at point 1 is in sets {1, 3} and {1, 2}, in the task's
	// order; per set, a share per contributor in order.
	c0s13, c1s13, c0s12, c1s12 := share(1, 0, 1, 3), share(1, 1, 1, 3), share(1, 0, 1, 2), share(1, 1, 1, 2)
	for name, shares := range map[string][][]byte{
		"a share made at another holder's point": {share(3, 0, 1, 3), c1s13, c0s12, c1s12},
		"the sets in another order":              {c0s12, c1s12, c0s13, c1s13},
		"one set twice":                          {c0s13, c1s13, c0s13, c1s13},
		"the contributors in another order":      {c1s13, c0s13, c0s12, c1s12},
		"a share that is not one":                {c0s13, c1s13, c0s12, []byte("b")},
	} {
		_, err := deliverTo(st, st.receive, signedScoreShares(t, ps[0], 4, 4, active, shares))
		require.ErrorIs(t, err, ErrMalformed, name)
		assert.Contains(t, err.Error(), a[0].Hex(), "%s: names the holder", name)
		assert.Empty(t, st.got, "%s: nothing recorded", name)
	}
	_, err := deliverTo(st, st.receive, signedScoreShares(t, ps[0], 4, 4, active, [][]byte{c0s13, c1s13, c0s12, c1s12}))
	require.NoError(t, err)
}

// A holder's score share of the right score set, point and set was taken
// whatever it held: one with fewer scores than the round's references
// give (made against references of fewer projections, then claiming the
// round's score set) failed the round's scoring at decryption naming no
// holder. Each share is now checked against its contributor's score set
// as it comes, and the holder refused by name.
func TestScoreStepRefusesAShareOfAnotherShape(t *testing.T) {
	ps := newParties(t, 3)
	a := addressesOf(ps)
	pointOf := map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3}
	k := thresholdKeysOf(t, 3, 2, 40)
	reference := make([]float64, 40)
	for i := range reference {
		reference[i] = float64(i%8 + 1)
	}
	updates := make([][]byte, 2)
	for c := range updates {
		var err error
		updates[c], err = k.updates[c].MarshalBinary()
		require.NoError(t, err)
	}
	sc, _, err := newScoring(k.scheme, stepStudy, 4, a[:2], updates, reference, [32]byte{4}, 2)
	require.NoError(t, err)
	st, err := newScoreStep(stepStudy, sc.task, a, []uint64{1, 2, 3}, 2, pointOf, sc.checkShare)
	require.NoError(t, err)
	st.start()
	fewer, err := k.scheme.NewReferences(reference, [32]byte{4}, 1)
	require.NoError(t, err)
	share := func(c int, refs *aggregation.References, active ...uint64) []byte {
		set, err := k.scheme.Score(k.updates[c], refs)
		require.NoError(t, err)
		sh, err := k.scheme.GenThresholdScoreShare(k.tsks[0], shamirSet(active), set, k.updates[c], refs)
		require.NoError(t, err)
		sh.ScoreSetHash = sc.sets[c].Hash() // in its place, whatever it holds
		b, err := sh.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	active := []uint64{1, 2, 3}
	c0s13, c1s13, c0s12, c1s12 := share(0, sc.refs, 1, 3), share(1, sc.refs, 1, 3), share(0, sc.refs, 1, 2), share(1, sc.refs, 1, 2)
	_, err = deliverTo(st, st.receive, signedScoreShares(t, ps[0], 4, 4, active, [][]byte{c0s13, c1s13, c0s12, share(1, fewer, 1, 2)}))
	require.ErrorIs(t, err, ErrMalformed)
	assert.Contains(t, err.Error(), a[0].Hex(), "names the holder")
	assert.Empty(t, st.got, "nothing recorded")
	_, err = deliverTo(st, st.receive, signedScoreShares(t, ps[0], 4, 4, active, [][]byte{c0s13, c1s13, c0s12, c1s12}))
	require.NoError(t, err)
}

// With a spare holder the score task names every decryption set and a
// holder answers with one share per contributor for each set it is in:
// the step refuses any other count, and shares signed without the task's
// active points.
func TestScoreStepAsksForEveryDecryptionSet(t *testing.T) {
	ps, st, share := spareHolderScoreStep(t)
	a := addressesOf(ps)
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
	_, err = deliverTo(st, st.receive, signedScoreShares(t, ps[0], 4, 4, active, [][]byte{share(1, 0, 1, 3), share(1, 1, 1, 3), share(1, 0, 1, 2), share(1, 1, 1, 2)}))
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

	// An out-of-range update keeps its flag where the study's minimum
	// would clear a statistical one, so the round cannot go on: the error
	// names whose update it is.
	scores[1].OutOfRange = true
	_, _, _, err = trustDecision(policy, 3, addressesOf(ps), scores, refs.ReferenceNorm(), []float64{10, 10, 10, 10, 10}, 5)
	assert.ErrorIs(t, err, aggregation.ErrTooFewContributors)
	assert.ErrorContains(t, err, "the updates of "+ps[1].addr.Hex()+" score out of range")
}

// As a decryption share's (TestDecryptStepTakesALateAnswerToAnEarlierSetAsSuperseded):
// score shares a holder made for a score task asked of a set since left,
// reaching the task asked again, are refused as superseded, not as
// malformed (which would make the holder decline the task it is still to
// do); active points no task named are still malformed.
func TestScoreStepTakesALateAnswerToAnEarlierSetAsSuperseded(t *testing.T) {
	ps, first, share := spareHolderScoreStep(t)
	a := addressesOf(ps)
	again := mustScoreStep(t, first.task, a[:2], []uint64{1, 2}, 2, first.pointOf) // the holder at point 3 went away
	again.follow(first)
	again.start()

	late := [][]byte{share(1, 0, 1, 3), share(1, 1, 1, 3), share(1, 0, 1, 2), share(1, 1, 1, 2)}
	_, err := deliverTo(again, again.receive, signedScoreShares(t, ps[0], 4, 4, []uint64{1, 2, 3}, late))
	require.ErrorIs(t, err, ErrWrongPhase, "the first task's answer")
	assert.Equal(t, codes.FailedPrecondition, status.Code(toStatus(err)))
	_, err = deliverTo(again, again.receive, signedScoreShares(t, ps[0], 4, 4, []uint64{1, 3}, late[:2]))
	require.ErrorIs(t, err, ErrMalformed, "active points no task named")
	assert.Empty(t, again.got)

	_, err = deliverTo(again, again.receive, signedScoreShares(t, ps[0], 4, 4, []uint64{1, 2}, [][]byte{share(1, 0, 1, 2), share(1, 1, 1, 2)}))
	require.NoError(t, err, "its answer to the task asked again")
}
