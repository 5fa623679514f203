package coordinator

import (
	"encoding/json"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/models"
)

// stepKeys is a real collective key of parties, made in memory.
type stepKeys struct {
	scheme *aggregation.Scheme
	pk     *aggregation.PublicKey
	sks    map[common.Address]*aggregation.SecretShare
}

func newStepKeys(t *testing.T, ps []party) *stepKeys {
	t.Helper()
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	k := &stepKeys{scheme: scheme, sks: make(map[common.Address]*aggregation.SecretShare)}
	crs := aggregation.CommonSeed([]byte("steps crs"))
	var shares []*aggregation.PublicKeyShare
	for _, p := range ps {
		k.sks[p.addr] = scheme.GenSecretShareFor(aggregation.DealerID(stepStudy, p.addr.Bytes()))
		share, err := scheme.GenPublicKeyShare(k.sks[p.addr], crs)
		require.NoError(t, err)
		shares = append(shares, share)
	}
	k.pk, err = scheme.CombinePublicKey(crs, shares)
	require.NoError(t, err)
	return k
}

// update is an encrypted update of n values by p's key share for ctx.
func (k *stepKeys) update(t *testing.T, p party, ctx aggregation.EncryptionContext, n int) []byte {
	t.Helper()
	v, err := k.scheme.Encrypt(k.sks[p.addr], k.pk.Hash(), ctx, make([]float64, n))
	require.NoError(t, err)
	b, err := v.MarshalBinary()
	require.NoError(t, err)
	return b
}

func updateHeader(t *testing.T, p party, study uint64, round uint32, data []byte) *cohortv1.UpdateHeader {
	t.Helper()
	h := crypto.Keccak256Hash(data)
	signed, err := auth.Sign(p.key, study, round, auth.KindUpdate, h)
	require.NoError(t, err)
	return &cohortv1.UpdateHeader{StudyId: study, Round: round, Size: uint64(len(data)), ContentHash: h.Bytes(), Auth: signed}
}

func TestTrainStepOpensAndResumes(t *testing.T) {
	ps := newParties(t, 3)
	global := crypto.Keccak256Hash([]byte("global model"))
	task := &cohortv1.TrainTask{StudyId: stepStudy, Round: 2, GlobalModelHash: global.Bytes()}
	st := newTrainStep(stepStudy, task, addressesOf(ps), 1<<20, 5, plainSummer{})
	rd := st.open(false)
	require.Len(t, rd.chain, 1)
	assert.Equal(t, roundOpening{round: 2, globalModel: global}, *rd.chain[0].openRound, "the round opens on chain with its global model")
	assert.Len(t, sentTo(rd), 3)

	resumed := newTrainStep(stepStudy, task, addressesOf(ps), 1<<20, 5, plainSummer{})
	uploaded := map[common.Address]common.Hash{ps[0].addr: {1}, ps[2].addr: {3}}
	rd, err := resumed.recover(uploaded)
	require.NoError(t, err)
	assert.False(t, rd.complete)
	rd = resumed.open(true)
	assert.Empty(t, rd.chain, "a resumed round is open on chain already")
	sent := sentTo(rd)
	assert.Len(t, sent, 1, "only the member whose upload is missing is asked again")
	assert.Contains(t, sent, ps[1].addr)

	_, err = resumed.recover(map[common.Address]common.Hash{{0x99}: {9}})
	assert.ErrorIs(t, err, ErrNotParticipant, "a commitment by someone not asked this round")
}

func TestTrainStepRefusesHostileUploads(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	keys := newStepKeys(t, append(ps, stranger))
	const params = 5
	st := newTrainStep(stepStudy, &cohortv1.TrainTask{StudyId: stepStudy, Round: 2}, addressesOf(ps), 1<<20, params, homomorphicSummer{scheme: keys.scheme})
	ctx := aggregation.TrainContext(stepStudy, 2)
	good := keys.update(t, ps[0], ctx, params)

	t.Run("headers", func(t *testing.T) {
		unsigned := updateHeader(t, ps[0], stepStudy, 2, good)
		unsigned.Auth = nil
		short := updateHeader(t, ps[0], stepStudy, 2, good)
		short.ContentHash = short.ContentHash[:31]
		huge := updateHeader(t, ps[0], stepStudy, 2, good)
		huge.Size = 1<<20 + 1
		empty := updateHeader(t, ps[0], stepStudy, 2, good)
		empty.Size = 0
		forged := updateHeader(t, ps[1], stepStudy, 2, good)
		forged.Auth.Signer = ps[0].addr.Bytes()
		tests := []struct {
			name string
			h    *cohortv1.UpdateHeader
			want error
		}{
			{"another study", updateHeader(t, ps[0], stepStudy+1, 2, good), ErrWrongPhase},
			{"a truncated content hash", short, ErrMalformed},
			{"unsigned", unsigned, auth.ErrBadSignature},
			{"signed by another member", forged, auth.ErrBadSignature},
			{"oversized", huge, ErrTooLarge},
			{"empty", empty, ErrTooLarge},
			{"another round", updateHeader(t, ps[0], stepStudy, 1, good), ErrWrongPhase},
			{"a stranger", updateHeader(t, stranger, stepStudy, 2, good), ErrNotParticipant},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := st.header(tt.h)
				assert.ErrorIs(t, err, tt.want)
			})
		}
		addr, want, err := st.header(updateHeader(t, ps[0], stepStudy, 2, good))
		require.NoError(t, err)
		assert.Equal(t, ps[0].addr, addr)
		assert.Equal(t, crypto.Keccak256Hash(good), want)
	})

	t.Run("commitments on chain", func(t *testing.T) {
		want := crypto.Keccak256Hash(good)
		assert.ErrorIs(t, st.committed(ps[0].addr, want, common.Hash{}), ErrWrongPhase, "nothing committed")
		assert.ErrorIs(t, st.committed(ps[0].addr, want, common.Hash{1}), ErrCommitmentMismatch, "another content committed")
		assert.NoError(t, st.committed(ps[0].addr, want, want))
	})

	t.Run("bodies", func(t *testing.T) {
		other := keys.update(t, ps[1], ctx, params)
		tests := []struct {
			name string
			data []byte
		}{
			{"another member's update (its dealer id)", other},
			{"not a ciphertext", []byte("garbage")},
			{"the wrong length", keys.update(t, ps[0], ctx, params+1)},
			{"the masks of round 1", keys.update(t, ps[0], aggregation.TrainContext(stepStudy, 1), params)},
			{"the masks of the moments phase", keys.update(t, ps[0], aggregation.MomentsContext(stepStudy, []byte("session")), params)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				assert.ErrorIs(t, st.check(ps[0].addr, keys.pk.Hash(), tt.data), ErrMalformed)
			})
		}
		assert.ErrorIs(t, st.check(ps[0].addr, crypto.Keccak256Hash([]byte("another key")), good), ErrMalformed, "encrypted under another key")
		require.NoError(t, st.check(ps[0].addr, keys.pk.Hash(), good))

		rd := st.received(ps[0].addr, crypto.Keccak256Hash(good))
		require.NotNil(t, rd.record)
		_, err := st.add(rd.record.from, rd.record.data)
		require.NoError(t, err)
		_, err = st.add(rd.record.from, rd.record.data)
		assert.ErrorIs(t, err, ErrDuplicate, "a second upload")
	})
}

func TestSampleWeights(t *testing.T) {
	w, err := sampleWeights([]float64{10, 30, 60})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.1, 0.3, 0.6}, w, 1e-15)
	_, err = sampleWeights([]float64{0, 0})
	assert.ErrorIs(t, err, ErrStalled)
}

func evaluationOf(t *testing.T, probs, labels []float64) []byte {
	t.Helper()
	b, err := json.Marshal(models.Evaluate(probs, labels))
	require.NoError(t, err)
	return b
}

func TestEvaluateStepMergesAndCloses(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	model := crypto.Keccak256Hash([]byte("model 3"))
	st := newEvaluateStep(stepStudy, 3, addressesOf(ps), model)
	sent := sentTo(st.start())
	require.Len(t, sent, 3)
	assert.Equal(t, model.Bytes(), sent[ps[2].addr][0].GetEvaluate().GetModelHash())

	submission := func(p party, round uint32, ev []byte) *cohortv1.EvaluationSubmission {
		signed, err := auth.Sign(p.key, stepStudy, round, auth.KindEvaluation, crypto.Keccak256Hash(ev))
		require.NoError(t, err)
		return &cohortv1.EvaluationSubmission{StudyId: stepStudy, Round: round, ModelHash: model.Bytes(), Evaluation: ev, Auth: signed}
	}
	first := evaluationOf(t, []float64{0.9, 0.2}, []float64{1, 0})
	_, err := deliverTo(st, st.receive, submission(ps[0], 3, first))
	require.NoError(t, err)
	inconsistent, err := json.Marshal(models.Evaluation{N: 1, Correct: 5})
	require.NoError(t, err)
	tests := []struct {
		name string
		req  *cohortv1.EvaluationSubmission
		want error
	}{
		{"not JSON", submission(ps[1], 3, []byte("{")), ErrMalformed},
		{"inconsistent counts", submission(ps[1], 3, inconsistent), ErrMalformed},
		{"another round", submission(ps[1], 2, first), ErrWrongPhase},
		{"a stranger", submission(stranger, 3, first), ErrNotParticipant},
		{"a replay", submission(ps[0], 3, first), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1)
		})
	}
	_, err = deliverTo(st, st.receive, submission(ps[1], 3, evaluationOf(t, []float64{0.4}, []float64{1})))
	require.NoError(t, err)

	rep := RoundReport{Round: 3, AggregateHash: common.Hash{7}, ModelHash: model, Contributors: addressesOf(ps[:2])}
	rd, err := st.close(&rep)
	require.NoError(t, err)
	assert.Equal(t, 3, rep.Evaluated, "the evaluations of those that answered, merged")
	assert.Len(t, rep.Sites, 2)
	assert.InDelta(t, 2.0/3, rep.Accuracy, 1e-12)
	require.Len(t, rd.chain, 1)
	closing := rd.chain[0].closeRound
	require.NotNil(t, closing)
	assert.EqualValues(t, 3, closing.round)
	assert.Equal(t, common.Hash{7}, closing.result.AggregateHash)
	assert.Equal(t, model, closing.result.ModelHash)
	assert.EqualValues(t, 2, closing.result.Participants, "the contributors, not the evaluators")
}

func TestResumeFrom(t *testing.T) {
	global, result := common.Hash{1}, common.Hash{2}
	tests := []struct {
		name       string
		current    uint32
		open       bool
		wantFirst  uint32
		wantResume bool
		wantFrom   common.Hash
	}{
		{"a new study", 0, false, 1, false, common.Hash{}},
		{"round 3 closed", 3, false, 4, false, result},
		{"round 3 open", 3, true, 3, true, global},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, resume, from := resumeFrom(tt.current, tt.open, global, result)
			assert.Equal(t, tt.wantFirst, first)
			assert.Equal(t, tt.wantResume, resume)
			assert.Equal(t, tt.wantFrom, from)
		})
	}
}
