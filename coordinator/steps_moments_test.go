package coordinator

import (
	"context"
	"math"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

func TestMomentsDecryptStepRefusesHostileShares(t *testing.T) {
	ps := newParties(t, 3)
	sum := crypto.Keccak256Hash([]byte("sum of moments"))
	st := mustMomentsDecryptStep(t, 64, &cohortv1.MomentsDecryptTask{StudyId: stepStudy, AggregateHash: sum.Bytes()}, addressesOf(ps[:2]), []uint64{1, 3}, 2, nil)
	sent := sentTo(st.start())
	require.Len(t, sent, 2)
	assert.Equal(t, []uint64{1, 3}, sent[ps[0].addr][0].GetMomentsDecrypt().GetActivePoints())

	share := func(p party, agg common.Hash, b []byte) *cohortv1.MomentsShareSubmission {
		return momentsShares(t, p, agg, []uint64{1, 3}, b)
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
		{"shares for other active points", momentsShares(t, ps[1], sum, []uint64{1, 2, 3}, []byte("share 1")), ErrMalformed},
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

func mustMomentsDecryptStep(t testing.TB, maxShare int64, task *cohortv1.MomentsDecryptTask, active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) *momentsDecryptStep {
	t.Helper()
	st, err := newMomentsDecryptStep(stepStudy, maxShare, task, active, points, threshold, pointOf, nil)
	require.NoError(t, err)
	return st
}

// A holder's moments decryption shares were counted, not placed or
// checked: shares made at another holder's point, for one set twice, of
// another sum (one site's moments) or cut short were taken, and the
// pinned sum's decryption then failed naming no holder. The pinned sum is
// the only one holders decrypt, so the study could not start. Each share's
// point, set and body are now checked as it comes, as a round's
// decryption shares are, and the holder is refused by name (then left out,
// another set asked).
func TestMomentsDecryptStepRefusesMisplacedOrForeignShares(t *testing.T) {
	ps := newParties(t, 3)
	a := addressesOf(ps)
	pointOf := map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3}
	k, sum, check, shareOf := checkedDecryptionOf(t)
	oneSite, err := k.scheme.WeightedSum(k.updates[:1], []float64{1})
	require.NoError(t, err)
	task := &cohortv1.MomentsDecryptTask{StudyId: stepStudy, AggregateHash: sum.Hash().Bytes()}
	st, err := newMomentsDecryptStep(stepStudy, 1<<20, task, a, []uint64{1, 2, 3}, 2, pointOf, check)
	require.NoError(t, err)
	st.start()
	active := []uint64{1, 2, 3}
	// The holder at point 1 is in sets {1, 3} and {1, 2}, in the task's order.
	s13, s12 := shareOf(sum, 1, 1, 3), shareOf(sum, 1, 1, 2)
	for name, shares := range map[string][][]byte{
		"a share made at another holder's point": {s13, shareOf(sum, 2, 1, 2)},
		"one set twice":                          {s13, s13},
		"a share of one site's moments":          {s13, shareOf(oneSite, 1, 1, 2)},
		"a share cut short":                      {s13, s12[:len(s12)-8]},
		"a share that is not one":                {s13, []byte("b")},
	} {
		_, err := deliverTo(st, st.receive, momentsShares(t, ps[0], sum.Hash(), active, shares...))
		require.ErrorIs(t, err, ErrMalformed, name)
		assert.Contains(t, err.Error(), a[0].Hex(), "%s: names the holder", name)
		assert.Empty(t, st.got, "%s: nothing recorded", name)
	}
	_, err = deliverTo(st, st.receive, momentsShares(t, ps[0], sum.Hash(), active, s13, s12))
	require.NoError(t, err, "the holder's own shares are taken")
}

// As a round's decryption shares (TestDecryptStepTakesALateAnswerToAnEarlierSetAsSuperseded):
// moments decryption shares a holder made for a task asked of a set since
// left, reaching the task asked again, were refused as malformed, and the
// holder then declined the task it was still to do, leaving the set it
// was about to answer; they are now refused as superseded
// (FailedPrecondition, which a node does not decline). Active points no
// task named are still malformed.
func TestMomentsDecryptStepTakesALateAnswerToAnEarlierSetAsSuperseded(t *testing.T) {
	ps := newParties(t, 3)
	a := addressesOf(ps)
	pointOf := map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3}
	_, sum, check, shareOf := checkedDecryptionOf(t)
	task := &cohortv1.MomentsDecryptTask{StudyId: stepStudy, AggregateHash: sum.Hash().Bytes()}
	first, err := newMomentsDecryptStep(stepStudy, 1<<20, task, a, []uint64{1, 2, 3}, 2, pointOf, check)
	require.NoError(t, err)
	again, err := newMomentsDecryptStep(stepStudy, 1<<20, task, a[:2], []uint64{1, 2}, 2, pointOf, check) // the holder at point 3 went away
	require.NoError(t, err)
	again.follow(first)
	again.start()

	late := momentsShares(t, ps[0], sum.Hash(), []uint64{1, 2, 3}, shareOf(sum, 1, 1, 3), shareOf(sum, 1, 1, 2))
	_, err = deliverTo(again, again.receive, late)
	require.ErrorIs(t, err, ErrWrongPhase, "the first task's answer")
	assert.Equal(t, codes.FailedPrecondition, status.Code(toStatus(err)))
	_, err = deliverTo(again, again.receive, momentsShares(t, ps[0], sum.Hash(), []uint64{1, 3}, shareOf(sum, 1, 1, 3)))
	require.ErrorIs(t, err, ErrMalformed, "active points no task named")
	assert.Empty(t, again.got)

	_, err = deliverTo(again, again.receive, momentsShares(t, ps[0], sum.Hash(), []uint64{1, 2}, shareOf(sum, 1, 1, 2)))
	require.NoError(t, err, "its answer to the task asked again")
}

// momentsShares is p's submission of the moments decryption shares for a
// task of the given active points.
func momentsShares(t *testing.T, p party, agg common.Hash, active []uint64, shares ...[]byte) *cohortv1.MomentsShareSubmission {
	t.Helper()
	signed, err := auth.Sign(p.key, stepStudy, 0, auth.KindMomentsShare, auth.MomentsShareContent(agg, active, shares...))
	require.NoError(t, err)
	return &cohortv1.MomentsShareSubmission{StudyId: stepStudy, AggregateHash: agg.Bytes(), Share: shares[0], More: shares[1:], ActivePoints: active, Auth: signed}
}

// With a spare holder the moments decryption task names every decryption
// set and a holder answers with one share per set it is in, all signed
// together with the task's active points; the step refuses another count.
func TestMomentsDecryptStepAsksForEveryDecryptionSet(t *testing.T) {
	ps := newParties(t, 3)
	a := addressesOf(ps)
	sum := crypto.Keccak256Hash([]byte("sum of moments"))
	st := mustMomentsDecryptStep(t, 1<<10, &cohortv1.MomentsDecryptTask{StudyId: stepStudy, AggregateHash: sum.Bytes()}, a, []uint64{1, 2, 3}, 2, map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3})
	got := sentTo(st.start())[a[1]][0].GetMomentsDecrypt()
	var sets [][]uint64
	for _, s := range got.GetDecryptionSets() {
		sets = append(sets, s.GetPoints())
	}
	assert.Equal(t, [][]uint64{{2, 3}, {1, 3}, {1, 2}}, sets)
	active := []uint64{1, 2, 3}
	_, err := deliverTo(st, st.receive, momentsShares(t, ps[0], sum, active, []byte("a")))
	assert.ErrorIs(t, err, ErrMalformed, "the holder at point 1 is in two sets")
	_, err = deliverTo(st, st.receive, momentsShares(t, ps[0], sum, active, []byte("a"), []byte("b"), []byte("c")))
	assert.ErrorIs(t, err, ErrMalformed, "one share too many")
	moved := momentsShares(t, ps[0], sum, active, []byte("a"), []byte("b"))
	moved.More[0] = []byte("b'")
	_, err = deliverTo(st, st.receive, moved)
	assert.ErrorIs(t, err, auth.ErrBadSignature, "the second share is signed too")
	assert.Empty(t, st.got)
	shareOf := thresholdSharesOf(t, 3, 2)
	_, err = deliverTo(st, st.receive, momentsShares(t, ps[0], sum, active, shareOf(1, 1, 3), shareOf(1, 1, 2)))
	require.NoError(t, err)
}

func momentsCount(t *testing.T, p party, study uint64, session []byte, n uint64) *cohortv1.MomentsCount {
	t.Helper()
	signed, err := auth.Sign(p.key, stepStudy, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, n))
	require.NoError(t, err)
	return &cohortv1.MomentsCount{StudyId: study, Session: session, Count: n, Auth: signed}
}

func TestMomentsCountStepRefusesHostileCounts(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	session := crypto.Keccak256([]byte("session"))
	run := &momentsRun{study: stepStudy, session: session, scales: []float64{1, 2}}
	st := run.counting(addressesOf(ps))
	task := sentTo(st.start())[ps[0].addr][0].GetMomentsCount()
	assert.Equal(t, session, task.GetSession())
	assert.Equal(t, []float64{1, 2}, task.GetScales())

	_, err := deliverTo(st, receiveCount(st), momentsCount(t, ps[0], stepStudy, session, 120))
	require.NoError(t, err)
	forged := momentsCount(t, ps[1], stepStudy, session, 80)
	forged.Count = 81
	tests := []struct {
		name string
		req  *cohortv1.MomentsCount
		want error
	}{
		{"replay", momentsCount(t, ps[0], stepStudy, session, 120), ErrDuplicate},
		{"a second count", momentsCount(t, ps[0], stepStudy, session, 99), ErrDuplicate},
		{"a signature over another count", forged, auth.ErrBadSignature},
		{"from another run of the phase", momentsCount(t, ps[1], stepStudy, crypto.Keccak256([]byte("old session")), 80), ErrWrongPhase},
		{"another study", momentsCount(t, ps[1], stepStudy+1, session, 80), ErrWrongPhase},
		{"zero records", momentsCount(t, ps[1], stepStudy, session, 0), ErrMalformed},
		{"an absurd count", momentsCount(t, ps[1], stepStudy, session, MaxMomentsCount+1), ErrMalformed},
		// Members refuse a moments task with a count above 2^32-1, so one
		// accepted here stalled the phase for everyone, on every rerun.
		{"a count members refuse", momentsCount(t, ps[1], stepStudy, session, 1<<33), ErrMalformed},
		{"a stranger", momentsCount(t, stranger, stepStudy, session, 80), ErrNotParticipant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, receiveCount(st), tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1)
		})
	}
	_, err = deliverTo(st, receiveCount(st), momentsCount(t, ps[2], stepStudy, session, 80))
	require.NoError(t, err)

	// ps[1] never counted: the moments phase asks only those that did.
	moments, err := st.finish()
	require.NoError(t, err)
	assert.Equal(t, []common.Address{ps[0].addr, ps[2].addr}, moments.senders)
	assert.EqualValues(t, 200, moments.total)
	sent := sentTo(moments.start())
	require.Len(t, sent, 2)
	mt := sent[ps[2].addr][0].GetMoments()
	assert.EqualValues(t, 200, mt.GetTotal())
	assert.Len(t, mt.GetCounts(), 2, "with the signed counts, to check the total")
}

func TestMomentsStepRefusesHostileMoments(t *testing.T) {
	ps := newParties(t, 3)
	keys := newStepKeys(t, ps)
	session := crypto.Keccak256([]byte("session"))
	run := &momentsRun{study: stepStudy, session: session, scales: []float64{1, 1, 1, 1}, pkHash: keys.pk.Hash(), maxBytes: 1 << 20, sum: homomorphicSummer{scheme: keys.scheme}}
	st := &momentsStep{phase: newPhase(protocol.Moments, 0, addressesOf(ps[:2])), run: run, senders: addressesOf(ps[:2])}
	ctx := aggregation.MomentsContext(stepStudy, session)
	submission := func(p party, session, ct []byte) *cohortv1.MomentsSubmission {
		signed, err := auth.Sign(p.key, stepStudy, 0, auth.KindMoments, auth.MomentsContent(session, aggregation.ContentHash(ct)))
		require.NoError(t, err)
		return &cohortv1.MomentsSubmission{StudyId: stepStudy, Session: session, Ciphertext: ct, Auth: signed}
	}
	good := keys.update(t, ps[0], ctx, 12)
	rd, err := deliverTo(st, st.receive, submission(ps[0], session, good))
	require.NoError(t, err)
	assert.Equal(t, [][]byte{good}, rd.blobs, "the ciphertext is stored, for members to recompute the sum")
	other := keys.update(t, ps[1], ctx, 12)
	tests := []struct {
		name string
		req  *cohortv1.MomentsSubmission
		want error
	}{
		{"a replay", submission(ps[0], session, good), ErrDuplicate},
		{"from another run of the phase", submission(ps[1], crypto.Keccak256([]byte("old")), other), ErrWrongPhase},
		{"not the moments' length", submission(ps[1], session, keys.update(t, ps[1], ctx, 5)), ErrMalformed},
		{"not a ciphertext", submission(ps[1], session, []byte("garbage")), ErrMalformed},
		{"another member's moments (its dealer id)", submission(ps[1], session, keys.update(t, ps[0], ctx, 12)), ErrMalformed},
		{"masks of a training round", submission(ps[1], session, keys.update(t, ps[1], aggregation.TrainContext(stepStudy, 1), 12)), ErrMalformed},
		{"oversized", submission(ps[1], session, make([]byte, 1<<20+1)), ErrTooLarge},
		{"a member that did not count", submission(ps[2], session, keys.update(t, ps[2], ctx, 12)), ErrNotParticipant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1)
		})
	}
	_, err = deliverTo(st, st.receive, submission(ps[1], session, other))
	require.NoError(t, err)
	contributions, err := st.contributions()
	require.NoError(t, err)
	require.Len(t, contributions, 2)
	assert.Equal(t, aggregation.ContentHash(good).Bytes(), contributions[0].GetCiphertextHash())
	rd, task, err := st.sum(contributions, [][]byte{good, other})
	require.NoError(t, err)
	require.Len(t, rd.blobs, 1)
	assert.Equal(t, aggregation.ContentHash(rd.blobs[0]).Bytes(), task.GetAggregateHash(), "the decryption task names the stored sum")
	assert.Len(t, task.GetContributions(), 2)
	sumHash := aggregation.ContentHash(rd.blobs[0])
	require.Len(t, rd.chain, 1)
	assert.Equal(t, &sumHash, rd.chain[0].momentsSum, "the sum is pinned on chain: holders decrypt no other")
	require.Len(t, rd.state, 1)
	assert.Equal(t, momentsSumState, rd.state[0].name, "its task is kept, to decrypt it again after a stall or a restart")

	again, err := pinnedMoments(sumHash, rd.state[0].data)
	require.NoError(t, err)
	assert.Equal(t, task.GetAggregateHash(), again.GetAggregateHash())
	assert.Equal(t, addressesOf(ps[:2]), momentsSenders(again), "a resumed decryption asks its spare holders among the kept task's signed contributors")
	none, err := pinnedMoments(common.Hash{}, nil)
	require.NoError(t, err)
	assert.Nil(t, none, "nothing pinned: the phase runs")
	_, err = pinnedMoments(sumHash, nil)
	require.Error(t, err, "a sum pinned on chain without its task in the store")
	_, err = pinnedMoments(common.Hash{1}, rd.state[0].data)
	require.Error(t, err, "the store's task is for another sum than the chain's")
}

func TestMomentsResult(t *testing.T) {
	ps := newParties(t, 2)
	stranger := newParties(t, 1)[0]
	// The plaintext summer opens the sum as is: the moments of 2 features
	// over 4 records, means 1 and 2.
	run := &momentsRun{study: stepStudy, session: []byte("s"), scales: []float64{1, 1}, sum: plainSummer{}}
	m := records.Moments{N: []float64{4, 4}, Sum: []float64{4, 8}, SumSq: []float64{8, 20}}
	enc, err := m.Encode(4, run.scales, math.Inf(1))
	require.NoError(t, err)
	agg := models.EncodeParams(enc)
	task := &cohortv1.MomentsDecryptTask{StudyId: stepStudy, Session: run.session, Total: 4, AggregateHash: crypto.Keccak256(agg)}
	rd, res, err := run.result(task, agg, nil)
	require.NoError(t, err)
	require.Len(t, rd.blobs, 1)
	assert.Equal(t, res.GetStandardiser(), rd.blobs[0])
	std, err := records.DecodeStandardiser(res.GetStandardiser())
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{1, 2}, std.Mean, 1e-12, "the pooled means")
	require.Len(t, rd.state, 1)
	assert.Equal(t, momentsState, rd.state[0].name, "kept so a restarted coordinator does not run the phase again")

	st := newMomentsResultStep(stepStudy, addressesOf(ps), res)
	agreed := crypto.Keccak256Hash(res.GetStandardiser())
	confirmation := func(p party, h common.Hash) *cohortv1.MomentsConfirmation {
		signed, err := auth.Sign(p.key, stepStudy, 0, auth.KindMomentsStandardiser, h)
		require.NoError(t, err)
		return &cohortv1.MomentsConfirmation{StudyId: stepStudy, StandardiserHash: h.Bytes(), Auth: signed}
	}
	_, err = deliverTo(st, st.receive, confirmation(ps[0], agreed))
	require.NoError(t, err)
	_, err = deliverTo(st, st.receive, confirmation(ps[1], common.Hash{1}))
	assert.ErrorIs(t, err, ErrWrongPhase, "another standardiser")
	_, err = deliverTo(st, st.receive, confirmation(stranger, agreed))
	assert.ErrorIs(t, err, ErrNotParticipant)
	_, err = deliverTo(st, st.receive, confirmation(ps[0], agreed))
	assert.ErrorIs(t, err, ErrDuplicate)
	_, err = checkConfirmation(stepStudy, common.Hash{}, confirmation(ps[1], common.Hash{}))
	assert.ErrorIs(t, err, ErrWrongPhase, "nothing agreed yet")
}

func TestStandardiserOnChain(t *testing.T) {
	agreed, other := common.Hash{1}, common.Hash{2}
	tests := []struct {
		name     string
		recorded common.Hash
		round    uint32
		write    bool
		fails    bool
	}{
		{"before round 1, not yet recorded", common.Hash{}, 0, true, false},
		{"before round 1, already recorded", agreed, 0, false, false},
		{"before round 1, another recorded (a restart that lost its store)", other, 0, true, false},
		{"after round 1, recorded", agreed, 3, false, false},
		{"after round 1, a study begun before the chain had the slot", common.Hash{}, 3, false, false},
		{"after round 1, another recorded", other, 3, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := standardiserOnChain(tt.recorded, tt.round, agreed)
			if tt.fails {
				assert.ErrorContains(t, err, "restore the coordinator's data directory")
				return
			}
			require.NoError(t, err)
			if tt.write {
				require.Len(t, rd.chain, 1)
				assert.Equal(t, agreed, *rd.chain[0].standardiserHash)
			} else {
				assert.Empty(t, rd.chain)
			}
		})
	}
}

// A member that already sent its moments must not get more ciphertexts into
// the store: each second submission is a fresh, valid ciphertext of up to
// MaxMomentsBytes, refused only as a duplicate after it was stored, so a
// hospital could fill the coordinator's disk during the moments phase.
func TestMomentsSecondSubmissionStoresNothing(t *testing.T) {
	ps := newParties(t, 2)
	keys := newStepKeys(t, ps)
	session := crypto.Keccak256([]byte("session"))
	run := &momentsRun{study: stepStudy, session: session, scales: []float64{1, 1, 1, 1}, pkHash: keys.pk.Hash(), maxBytes: 1 << 20, sum: homomorphicSummer{scheme: keys.scheme}}
	st := &momentsStep{phase: newPhase(protocol.Moments, 0, addressesOf(ps)), run: run, senders: addressesOf(ps)}
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	c := &Coordinator{store: store, current: st, full: make(chan struct{})}
	ctx := aggregation.MomentsContext(stepStudy, session)
	submit := func(p party) (common.Hash, error) {
		ct := keys.update(t, p, ctx, 12)
		signed, err := auth.Sign(p.key, stepStudy, 0, auth.KindMoments, auth.MomentsContent(session, aggregation.ContentHash(ct)))
		require.NoError(t, err)
		rd, err := st.receive(&cohortv1.MomentsSubmission{StudyId: stepStudy, Session: session, Ciphertext: ct, Auth: signed})
		if err != nil {
			return common.Hash{}, err
		}
		return aggregation.ContentHash(ct), c.settle(st, rd)
	}
	first, err := submit(ps[0])
	require.NoError(t, err)
	assert.True(t, store.Has(first))
	for range 3 {
		h, err := submit(ps[0])
		require.ErrorIs(t, err, ErrDuplicate)
		assert.False(t, store.Has(h), "a second submission's ciphertext is not stored")
	}
	_, err = submit(ps[1])
	require.NoError(t, err, "the other member still answers")
}

// receiveCount is st.receive of a count arriving with no deadline.
func receiveCount(st *momentsCountStep) func(*cohortv1.MomentsCount) (ready, error) {
	return func(req *cohortv1.MomentsCount) (ready, error) { return st.receive(context.Background(), req) }
}

// A moments count was checked against nothing the chain knows: in a study
// that binds sample counts to consent, a hospital whose consent counts on
// chain allow 100 records claimed 2^32−1, which sets the total every site
// encodes its moments for and lets its own moments outweigh the rest of
// the pooled sum. The count is now held to the hospital's sample bound,
// read as it comes, and refused naming the hospital and the bound; a count
// within it is taken, and in a study that does not bind samples any count
// in range is.
func TestMomentsCountStepRefusesACountAboveTheConsentBound(t *testing.T) {
	ps := newParties(t, 2)
	session := crypto.Keccak256([]byte("session"))
	bounds := map[common.Address]uint64{ps[0].addr: 100, ps[1].addr: 100}
	run := &momentsRun{study: stepStudy, session: session, scales: []float64{1, 2},
		sampleBound: func(_ context.Context, m common.Address) (uint64, error) { return bounds[m], nil }}
	st := run.counting(addressesOf(ps))

	_, err := deliverTo(st, receiveCount(st), momentsCount(t, ps[0], stepStudy, session, MaxMomentsCount))
	require.ErrorIs(t, err, ErrMalformed)
	for _, want := range []string{ps[0].addr.Hex(), "4294967295 consented training records", "above the 100 its consent counts on chain allow"} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = deliverTo(st, receiveCount(st), momentsCount(t, ps[0], stepStudy, session, 101))
	require.ErrorIs(t, err, ErrMalformed, "one record above the bound")
	assert.Empty(t, st.got)
	for _, p := range ps {
		_, err := deliverTo(st, receiveCount(st), momentsCount(t, p, stepStudy, session, 100))
		require.NoError(t, err, "a count at the bound")
	}

	unbound := (&momentsRun{study: stepStudy, session: session, scales: []float64{1, 2}}).counting(addressesOf(ps))
	_, err = deliverTo(unbound, receiveCount(unbound), momentsCount(t, ps[0], stepStudy, session, MaxMomentsCount))
	require.NoError(t, err, "a study that does not bind samples has no bound to hold the count to")
}
