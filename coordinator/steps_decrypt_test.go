package coordinator

import (
	"slices"
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
	"github.com/cohort-fl/cohort/models"
)

func TestChooseActiveSet(t *testing.T) {
	ps := newParties(t, 5)
	a := addressesOf(ps)
	points := map[common.Address]uint64{a[0]: 5, a[1]: 4, a[2]: 3, a[3]: 2, a[4]: 1}
	all := map[common.Address]bool{a[0]: true, a[1]: true, a[2]: true, a[3]: true, a[4]: true}
	tests := []struct {
		name       string
		threshold  int
		spare      int
		fromOthers bool // a spare among the others when the preferred give none
		preferred  []common.Address
		connected  map[common.Address]bool
		excluded   map[common.Address]bool
		wantActive []common.Address
		wantPoints []uint64
		wantErr    error
	}{
		{"contributors first, in their order", 2, 0, false, []common.Address{a[3], a[4]}, all, nil, []common.Address{a[3], a[4]}, []uint64{1, 2}, nil},
		{"then the others by address", 3, 0, false, []common.Address{a[4]}, all, nil, []common.Address{a[4], a[0], a[1]}, []uint64{1, 4, 5}, nil},
		{"the disconnected skipped", 2, 0, false, []common.Address{a[0]}, map[common.Address]bool{a[0]: true, a[2]: true}, nil, []common.Address{a[0], a[2]}, []uint64{3, 5}, nil},
		{"the excluded skipped", 2, 0, false, []common.Address{a[0], a[1]}, all, map[common.Address]bool{a[1]: true}, []common.Address{a[0], a[2]}, []uint64{3, 5}, nil},
		{"a preferred stranger never chosen", 1, 0, false, []common.Address{{0x99}}, map[common.Address]bool{{0x99}: true, a[1]: true}, nil, []common.Address{a[1]}, []uint64{4}, nil},
		{"too few live holders", 3, 0, false, nil, map[common.Address]bool{a[0]: true, a[1]: true}, nil, nil, nil, errNoQuorum},
		{"spare holders among the contributors", 2, 2, false, []common.Address{a[3], a[4], a[0], a[1]}, all, nil, []common.Address{a[3], a[4], a[0], a[1]}, []uint64{1, 2, 4, 5}, nil},
		{"as many spares as contributors are live", 2, 2, false, []common.Address{a[0], a[1], a[2], a[3]}, map[common.Address]bool{a[0]: true, a[1]: true, a[2]: true}, nil, []common.Address{a[0], a[1], a[2]}, []uint64{3, 4, 5}, nil},
		{"no spare that contributed nothing", 2, 2, false, []common.Address{a[3]}, all, nil, []common.Address{a[3], a[0]}, []uint64{2, 5}, nil},
		{"one spare that contributed nothing when a cross-check needs it", 2, 2, true, []common.Address{a[3]}, all, nil, []common.Address{a[3], a[0], a[1]}, []uint64{2, 4, 5}, nil},
		{"none when the contributors give one", 2, 2, true, []common.Address{a[3], a[4], a[2]}, all, nil, []common.Address{a[3], a[4], a[2]}, []uint64{1, 2, 3}, nil},
		{"the disconnected others skipped for the spare", 2, 2, true, []common.Address{a[3], a[4]}, map[common.Address]bool{a[2]: true, a[3]: true, a[4]: true}, nil, []common.Address{a[3], a[4], a[2]}, []uint64{1, 2, 3}, nil},
		{"no spare among too few others", 2, 2, true, []common.Address{a[3], a[4]}, map[common.Address]bool{a[3]: true, a[4]: true}, nil, []common.Address{a[3], a[4]}, []uint64{1, 2}, nil},
		{"no spare when none is asked for", 2, 0, true, []common.Address{a[3]}, all, nil, []common.Address{a[3], a[0]}, []uint64{2, 5}, nil},
		{"spares never make up for too few", 3, 2, false, nil, map[common.Address]bool{a[0]: true, a[1]: true}, nil, nil, nil, errNoQuorum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			active, got, err := chooseActiveSet(points, tt.threshold, tt.spare, tt.fromOthers, tt.preferred, tt.connected, tt.excluded)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantActive, active)
			assert.Equal(t, tt.wantPoints, got, "points sorted")
		})
	}
}

func TestDecryptStepRefusesHostileShares(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	aggHash := crypto.Keccak256Hash([]byte("aggregate"))
	task := &cohortv1.DecryptTask{StudyId: stepStudy, Round: 4, AggregateHash: aggHash.Bytes()}
	st := mustDecryptStep(t, task, addressesOf(ps[:2]), []uint64{1, 2}, 2, nil)
	sent := sentTo(st.start())
	require.Len(t, sent, 2, "only the active set is asked")
	assert.Equal(t, []uint64{1, 2}, sent[ps[0].addr][0].GetDecrypt().GetActivePoints())
	assert.Empty(t, task.GetActivePoints(), "the caller's task is not changed")
	assert.True(t, st.failFast, "another set is asked as soon as one holder goes away")

	share := func(p party, round, signRound uint32, agg common.Hash, b []byte) *cohortv1.DecryptionShareSubmission {
		signed, err := auth.Sign(p.key, stepStudy, signRound, auth.KindDecryptShare, crypto.Keccak256Hash(b))
		require.NoError(t, err)
		return &cohortv1.DecryptionShareSubmission{StudyId: stepStudy, Round: round, AggregateHash: agg.Bytes(), Share: b, Auth: signed}
	}
	_, err := deliverTo(st, st.receive, share(ps[0], 4, 4, aggHash, []byte("share 0")))
	require.NoError(t, err)
	moved := share(ps[1], 4, 4, aggHash, []byte("share 1"))
	moved.StudyId++
	// The endorsement rides along unsigned by the share's signature and is
	// kept in the round's decryption record: a signature or nothing.
	padded := share(ps[1], 4, 4, aggHash, []byte("share 1"))
	padded.ScoresEndorsement = make([]byte, 1<<20)
	tests := []struct {
		name string
		req  *cohortv1.DecryptionShareSubmission
		want error
	}{
		{"replay", share(ps[0], 4, 4, aggHash, []byte("share 0")), ErrDuplicate},
		{"a share for another aggregate", share(ps[1], 4, 4, crypto.Keccak256Hash([]byte("one update")), []byte("share 1")), ErrWrongPhase},
		{"a share for another round", share(ps[1], 3, 3, aggHash, []byte("share 1")), ErrWrongPhase},
		{"a signature for another round", share(ps[1], 4, 3, aggHash, []byte("share 1")), auth.ErrBadSignature},
		{"another study", moved, ErrWrongPhase},
		{"an endorsement of 1 MiB", padded, ErrMalformed},
		{"a holder outside the active set", share(ps[2], 4, 4, aggHash, []byte("share 2")), ErrNotParticipant},
		{"a stranger", share(stranger, 4, 4, aggHash, []byte("x")), ErrNotParticipant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1, "nothing more recorded")
		})
	}
	rd, err := deliverTo(st, st.receive, share(ps[1], 4, 4, aggHash, []byte("share 1")))
	require.NoError(t, err)
	assert.True(t, rd.complete)
	_, shares := st.answers(st.active)
	assert.Equal(t, [][]byte{[]byte("share 0"), []byte("share 1")}, shares, "in the active set's order")
}

// mustDecryptStep is newDecryptStep for a valid active set, checking no
// share's body (the tests' shares are not of the task's aggregate).
func mustDecryptStep(t testing.TB, task *cohortv1.DecryptTask, active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) *decryptStep {
	t.Helper()
	st, err := newDecryptStep(stepStudy, task, active, points, threshold, pointOf, nil)
	require.NoError(t, err)
	return st
}

// TestDecryptStepAsksForEveryDecryptionSet: with spare holders the task
// carries decryption sets that leave each holder out once, and a holder
// must answer with one share per set it is in, each made at its own point,
// each for a different set it was asked, each signed by itself.
func TestDecryptStepAsksForEveryDecryptionSet(t *testing.T) {
	ps, a, pointOf, shareOf, aggHash, task := spareHolderDecryption(t)
	st := mustDecryptStep(t, task, a, []uint64{1, 2, 3}, 2, pointOf)
	sent := sentTo(st.start())
	got := sent[a[0]][0].GetDecrypt()
	assert.Equal(t, []uint64{1, 2, 3}, got.GetActivePoints())
	var sets [][]uint64
	for _, s := range got.GetDecryptionSets() {
		sets = append(sets, s.GetPoints())
	}
	assert.Equal(t, [][]uint64{{2, 3}, {1, 3}, {1, 2}}, sets)

	submission := func(signers []party, shares ...[]byte) *cohortv1.DecryptionShareSubmission {
		return decryptSubmission(t, aggHash, signers, shares...)
	}
	p0 := ps[0]
	s13, s12, s23 := shareOf(1, 1, 3), shareOf(1, 1, 2), shareOf(2, 2, 3)
	for _, tc := range []struct {
		name string
		sub  *cohortv1.DecryptionShareSubmission
		want error
	}{
		{"the holder at point 1 is in two sets", submission([]party{p0}, s13), ErrMalformed},
		{"one share too many", submission([]party{p0, p0, p0}, s13, s12, s12), ErrMalformed},
		{"the second share signed by another holder", submission([]party{p0, ps[1]}, s13, s12), auth.ErrBadSignature},
		{"one set twice", submission([]party{p0, p0}, s13, s13), ErrMalformed},
		{"a set it was not asked for", submission([]party{p0, p0}, s13, s23), ErrMalformed},
		{"a share made at another holder's point", submission([]party{p0, p0}, s13, shareOf(2, 1, 2)), ErrMalformed},
		{"a share that is not one", submission([]party{p0, p0}, s13, []byte("b")), ErrMalformed},
	} {
		_, err := deliverTo(st, st.receive, tc.sub)
		assert.ErrorIs(t, err, tc.want, tc.name)
		assert.Empty(t, st.got, "%s: nothing recorded", tc.name)
	}
	_, err := deliverTo(st, st.receive, submission([]party{p0, p0}, s13, s12))
	require.NoError(t, err)
	assert.Len(t, st.signed[a[0]].GetMore(), 1, "kept, with its second share, for the decryption record")
}

// A holder's decryption shares were checked for their point and set
// (their header) only: a share of the right point and set whose body was
// another aggregate's, or cut short, was taken, and the round's
// decryption then failed (aggregation.ErrWrongAggregate, ErrMalformed)
// naming no holder, with no other set asked. One hostile holder stopped
// every round it was asked to decrypt. Each share is now checked against
// the aggregate as it comes (aggregation.Scheme.CheckDecryptionShare),
// and the step refuses such an answer naming its sender, which is then
// left out and another set asked, as for a misplaced share.
func TestDecryptStepRefusesASharesBodyNotOfTheAggregate(t *testing.T) {
	ps := newParties(t, 3)
	a := addressesOf(ps)
	pointOf := map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3}
	k, agg, check, shareOf := checkedDecryptionOf(t)
	other, err := k.scheme.WeightedSum(k.updates, []float64{1, 1, 0}) // same shape, another sum
	require.NoError(t, err)
	task := &cohortv1.DecryptTask{StudyId: stepStudy, Round: 4, AggregateHash: agg.Hash().Bytes()}
	st, err := newDecryptStep(stepStudy, task, a, []uint64{1, 2, 3}, 2, pointOf, check)
	require.NoError(t, err)
	st.start()
	// The holder at point 1 is in sets {1, 3} and {1, 2}; every submission
	// names the round's aggregate and is signed by the holder.
	s13, s12 := shareOf(agg, 1, 1, 3), shareOf(agg, 1, 1, 2)
	for name, shares := range map[string][][]byte{
		"a share of another aggregate": {s13, shareOf(other, 1, 1, 2)},
		"a share cut short":            {s13, s12[:len(s12)-8]},
	} {
		_, err := deliverTo(st, st.receive, decryptSubmission(t, agg.Hash(), []party{ps[0], ps[0]}, shares...))
		require.ErrorIs(t, err, ErrMalformed, name)
		assert.Contains(t, err.Error(), a[0].Hex(), "%s: names the holder", name)
		assert.Empty(t, st.got, "%s: nothing recorded", name)
		assert.Nil(t, st.signed[a[0]], "%s: not kept for the decryption record", name)
	}
	_, err = deliverTo(st, st.receive, decryptSubmission(t, agg.Hash(), []party{ps[0], ps[0]}, s13, s12))
	require.NoError(t, err, "the holder's own shares are taken")
	assert.Len(t, st.signed[a[0]].GetMore(), 1, "kept, with its second share, for the decryption record")
}

// checkedDecryptionOf deals a key of three parties 2-of-3 at points 1..3
// (thresholdKeysOf) and returns the aggregate of their updates (weight 1
// each), the coordinator's check of a share against it
// (homomorphicSummer.shareCheck), and a function giving the encoded share
// the holder at point makes of a vector for an active set.
func checkedDecryptionOf(t *testing.T) (thresholdKeys, *aggregation.EncryptedVector, func([]byte) error, func(of *aggregation.EncryptedVector, point uint64, active ...uint64) []byte) {
	t.Helper()
	k := thresholdKeysOf(t, 3, 2, 2)
	agg, err := k.scheme.WeightedSum(k.updates, []float64{1, 1, 1})
	require.NoError(t, err)
	aggBytes, err := agg.MarshalBinary()
	require.NoError(t, err)
	check, err := homomorphicSummer{scheme: k.scheme}.shareCheck(aggBytes)
	require.NoError(t, err)
	return k, agg, check, func(of *aggregation.EncryptedVector, point uint64, active ...uint64) []byte {
		ds, err := k.scheme.GenThresholdDecryptionShare(k.tsks[point-1], shamirSet(active), of)
		require.NoError(t, err)
		b, err := ds.MarshalBinary()
		require.NoError(t, err)
		return b
	}
}

// thresholdSharesOf deals a key of n parties t-of-n at points 1..n and
// returns a function giving the encoded threshold decryption share, of an
// aggregate of their encryptions, that the holder at point makes for the
// active set.
func thresholdSharesOf(t *testing.T, n, threshold int) func(point uint64, active ...uint64) []byte {
	t.Helper()
	k := thresholdKeysOf(t, n, threshold, 2)
	agg, err := k.scheme.WeightedSum(k.updates, []float64{1, 1, 1})
	require.NoError(t, err)
	return func(point uint64, active ...uint64) []byte {
		ds, err := k.scheme.GenThresholdDecryptionShare(k.tsks[point-1], shamirSet(active), agg)
		require.NoError(t, err)
		b, err := ds.MarshalBinary()
		require.NoError(t, err)
		return b
	}
}

// thresholdKeys are n parties' keys dealt t-of-n at points 1..n (the
// holder at point p has tsks[p-1]) and an update each party encrypted.
type thresholdKeys struct {
	scheme  *aggregation.Scheme
	tsks    []*aggregation.ThresholdSecretShare
	updates []*aggregation.EncryptedVector
}

// thresholdKeysOf deals n parties' keys t-of-n; party i's update is
// values long, (i, 1, 1, ...).
func thresholdKeysOf(t *testing.T, n, threshold, values int) thresholdKeys {
	t.Helper()
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	crs := aggregation.CommonSeed([]byte("decrypt step test"))
	sks := make([]*aggregation.SecretShare, n)
	pkShares := make([]*aggregation.PublicKeyShare, n)
	points := make([]aggregation.ShamirPoint, n)
	for i := range sks {
		sks[i] = scheme.GenSecretShareFor(aggregation.DealerID(stepStudy, []byte{byte(i)}))
		pkShares[i], err = scheme.GenPublicKeyShare(sks[i], crs)
		require.NoError(t, err)
		points[i] = aggregation.ShamirPoint(i + 1)
	}
	pk, err := scheme.CombinePublicKey(crs, pkShares)
	require.NoError(t, err)
	dealt := make([]map[aggregation.ShamirPoint]*aggregation.ThresholdShare, n)
	k := thresholdKeys{scheme: scheme, tsks: make([]*aggregation.ThresholdSecretShare, n), updates: make([]*aggregation.EncryptedVector, n)}
	for i, sk := range sks {
		dealt[i], err = scheme.GenThresholdShares(sk, threshold, points)
		require.NoError(t, err)
		update := make([]float64, values)
		for j := range update {
			update[j] = 1
		}
		update[0] = float64(i)
		k.updates[i], err = scheme.Encrypt(sk, pk.Hash(), aggregation.NewEncryptionContext(stepStudy, "train", 4), update)
		require.NoError(t, err)
	}
	for j, sk := range sks {
		var received []*aggregation.ThresholdShare
		for i := range sks {
			received = append(received, dealt[i][points[j]])
		}
		k.tsks[j], err = scheme.AggregateThresholdShares(pk, sk.ID(), points[j], received)
		require.NoError(t, err)
	}
	return k
}

func shamirSet(points []uint64) []aggregation.ShamirPoint {
	out := make([]aggregation.ShamirPoint, len(points))
	for i, p := range points {
		out[i] = aggregation.ShamirPoint(p)
	}
	return out
}

func TestOpenAverage(t *testing.T) {
	agg := models.EncodeParams([]float64{0.5, -1, 2, 0})
	avg, err := openAverage(plainSummer{}, agg, nil, 3)
	require.NoError(t, err)
	assert.Equal(t, []float64{0.5, -1, 2}, avg, "padding past the model dropped")
	_, err = openAverage(plainSummer{}, agg, nil, 5)
	assert.ErrorIs(t, err, ErrMalformed, "fewer values than the model has")
	_, err = openAverage(plainSummer{}, []byte("not a vector"), nil, 3)
	assert.Error(t, err)
}

// When a holder goes away mid-decryption another set is asked; a holder
// that was answering the first task sends its shares for the first task's
// sets, which reach the new step. They were refused as malformed, so the
// holder declined the new task it was about to answer and the phase left
// it out too (TestE2EProcesses' round failed so under load, a hospital
// killed in round 2). Such late shares are now refused as superseded
// (FailedPrecondition: the holder declines nothing) and the holder's
// answer to the new task is taken; shares for sets no task asked are
// still malformed.
func TestDecryptStepTakesALateAnswerToAnEarlierSetAsSuperseded(t *testing.T) {
	ps, a, pointOf, shareOf, aggHash, task := spareHolderDecryption(t)
	first := mustDecryptStep(t, task, a, []uint64{1, 2, 3}, 2, pointOf)
	again := mustDecryptStep(t, task, a[:2], []uint64{1, 2}, 2, pointOf) // the holder at point 3 went away
	again.follow(first)
	again.start()

	submission := func(shares ...[]byte) *cohortv1.DecryptionShareSubmission {
		return decryptSubmission(t, aggHash, slices.Repeat([]party{ps[0]}, len(shares)), shares...)
	}
	_, err := deliverTo(again, again.receive, submission(shareOf(1, 1, 3), shareOf(1, 1, 2)))
	require.ErrorIs(t, err, ErrWrongPhase, "the first task's answer")
	assert.Equal(t, codes.FailedPrecondition, status.Code(toStatus(err)), "a code the holder declines nothing on")
	_, err = deliverTo(again, again.receive, submission(shareOf(1, 1, 3)))
	require.ErrorIs(t, err, ErrMalformed, "a set no task asked of it alone")
	assert.Empty(t, again.got)

	_, err = deliverTo(again, again.receive, submission(shareOf(1, 1, 2)))
	require.NoError(t, err, "its answer to the task asked again")
	assert.Len(t, again.got, 1)
}

// decryptSubmission is round 4's submission of shares of the aggregate
// aggHash, share i signed by signers[i].
func decryptSubmission(t *testing.T, aggHash common.Hash, signers []party, shares ...[]byte) *cohortv1.DecryptionShareSubmission {
	t.Helper()
	sub := &cohortv1.DecryptionShareSubmission{StudyId: stepStudy, Round: 4, AggregateHash: aggHash.Bytes()}
	for i, b := range shares {
		signed, err := auth.Sign(signers[i].key, stepStudy, 4, auth.KindDecryptShare, crypto.Keccak256Hash(b))
		require.NoError(t, err)
		if i == 0 {
			sub.Share, sub.Auth = b, signed
		} else {
			sub.More = append(sub.More, &cohortv1.SignedShare{Share: b, Auth: signed})
		}
	}
	return sub
}

// spareHolderDecryption is round 4's decryption by three holders at points
// 1..3, threshold 2: the parties, their addresses and points, a function
// giving real decryption shares (thresholdSharesOf), and the task.
func spareHolderDecryption(t *testing.T) ([]party, []common.Address, map[common.Address]uint64, func(point uint64, active ...uint64) []byte, common.Hash, *cohortv1.DecryptTask) {
	t.Helper()
	ps := newParties(t, 3)
	a := addressesOf(ps)
	pointOf := map[common.Address]uint64{a[0]: 1, a[1]: 2, a[2]: 3}
	aggHash := crypto.Keccak256Hash([]byte("aggregate"))
	task := &cohortv1.DecryptTask{StudyId: stepStudy, Round: 4, AggregateHash: aggHash.Bytes()}
	return ps, a, pointOf, thresholdSharesOf(t, 3, 2), aggHash, task
}

// A holder (or anyone) sends one signed decryption share repeated to fill
// a message: the shares are counted against the sets the holder is in
// before their signatures are checked, so the copies cost no signature
// check each (the last copy's bad signature is never reached), and
// someone holding no point may send one share only.
func TestDecryptStepCountsSharesBeforeCheckingTheirSignatures(t *testing.T) {
	ps, a, pointOf, shareOf, aggHash, task := spareHolderDecryption(t)
	st := mustDecryptStep(t, task, a, []uint64{1, 2, 3}, 2, pointOf)
	st.start()
	stranger := newParties(t, 1)[0]
	for _, signer := range []party{ps[0], stranger} {
		share := shareOf(1, 1, 2)
		copies := slices.Repeat([]party{signer}, 5000)
		sub := decryptSubmission(t, aggHash, copies, slices.Repeat([][]byte{share}, len(copies))...)
		sub.More[len(sub.More)-1].Auth = sub.Auth // signed over the first share: a bad signature
		sub.More[len(sub.More)-1].Share = []byte("another share")
		_, err := deliverTo(st, st.receive, sub)
		require.ErrorIs(t, err, ErrMalformed, "%v", err)
		assert.NotErrorIs(t, err, auth.ErrBadSignature, "the copies' signatures were not checked")
		assert.Empty(t, st.got)
	}
}
