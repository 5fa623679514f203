package coordinator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
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
	scheme, err := aggregation.NewScheme(testConfig())
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
	st := newTrainStep(stepStudy, task, addressesOf(ps), 1<<20, 5, plainSummer{}, contracts.CommitDomain{})
	rd := st.open(false)
	require.Len(t, rd.chain, 1)
	assert.Equal(t, roundOpening{round: 2, globalModel: global}, *rd.chain[0].openRound, "the round opens on chain with its global model")
	assert.Len(t, sentTo(rd), 3)

	resumed := newTrainStep(stepStudy, task, addressesOf(ps), 1<<20, 5, plainSummer{}, contracts.CommitDomain{})
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

// An upload's header could announce any size up to the coordinator's
// max_update_bytes (1 GiB by default) whatever the model: a member asked
// for an update made the coordinator take a buffer of that size, and keep
// up to that much of a partial blob on disk each round, though an update
// of the study's parameters encodes to a known most (about 16 MB at 1M
// values, a few hundred bytes at 5: aggregation.Scheme.MaxUpdateSize).
// The header is now held to it, and an honest update still passes.
func TestTrainStepBoundsAnUploadByTheModelsSize(t *testing.T) {
	ps := newParties(t, 1)
	keys := newStepKeys(t, ps)
	const params = 5
	st := newTrainStep(stepStudy, &cohortv1.TrainTask{StudyId: stepStudy, Round: 2}, addressesOf(ps), 1<<20, params, homomorphicSummer{scheme: keys.scheme}, contracts.CommitDomain{})
	good := keys.update(t, ps[0], aggregation.TrainContext(stepStudy, 2), params)
	_, _, err := st.header(updateHeader(t, ps[0], stepStudy, 2, good))
	require.NoError(t, err, "an honest update's size")
	bloated := updateHeader(t, ps[0], stepStudy, 2, good)
	bloated.Size = uint64(keys.scheme.MaxUpdateSize(params)) + 1
	_, _, err = st.header(bloated)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.ErrorContains(t, err, fmt.Sprintf("%d bytes", keys.scheme.MaxUpdateSize(params)), "names the bound")
}

func TestTrainStepRefusesHostileUploads(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	keys := newStepKeys(t, append(ps, stranger))
	const params = 5
	st := newTrainStep(stepStudy, &cohortv1.TrainTask{StudyId: stepStudy, Round: 2}, addressesOf(ps), 1<<20, params, homomorphicSummer{scheme: keys.scheme}, contracts.CommitDomain{})
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
		committed := func(onChain common.Hash, signed *cohortv1.SignedCommitment) error {
			_, err := st.committed(ps[0].addr, want, onChain, signed)
			return err
		}
		assert.ErrorIs(t, committed(common.Hash{}, nil), ErrWrongPhase, "nothing committed")
		assert.ErrorIs(t, committed(common.Hash{1}, nil), ErrCommitmentMismatch, "another content committed")
		assert.NoError(t, committed(want, nil))
		signed := signedCommitment(t, ps[0], testDomain, 2, want)
		assert.ErrorIs(t, committed(common.Hash{}, signed), ErrWrongPhase, "a round whose members commit one by one takes no signed commitment")
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
				assert.ErrorIs(t, st.check(ps[0].addr, keys.pk.Hash(), tt.data, nil), ErrMalformed)
			})
		}
		assert.ErrorIs(t, st.check(ps[0].addr, crypto.Keccak256Hash([]byte("another key")), good, nil), ErrMalformed, "encrypted under another key")
		require.NoError(t, st.check(ps[0].addr, keys.pk.Hash(), good, nil))

		rd := st.received(ps[0].addr, crypto.Keccak256Hash(good), nil)
		require.NotNil(t, rd.record)
		_, err := st.add(rd.record.from, rd.record.data)
		require.NoError(t, err)
		_, err = st.add(rd.record.from, rd.record.data)
		assert.ErrorIs(t, err, ErrDuplicate, "a second upload")
	})
}

// testDomain is the EIP-712 domain of batched commitments in these tests.
var testDomain = contracts.CommitDomain{ChainID: big.NewInt(1337), Module: common.Address{0x42}}

// signedCommitment is p's commitment to content in round, signed for d as
// it travels in an upload's header.
func signedCommitment(t *testing.T, p party, d contracts.CommitDomain, round uint32, content common.Hash) *cohortv1.SignedCommitment {
	t.Helper()
	c := contracts.Commitment{CiphertextHash: content, Samples: 40, ConsentRoot: crypto.Keccak256Hash([]byte("ids of " + p.addr.Hex()))}
	sc, err := contracts.SignCommitment(p.key, d, stepStudy, round, c)
	require.NoError(t, err)
	return &cohortv1.SignedCommitment{SampleCount: c.Samples, ConsentRoot: c.ConsentRoot.Bytes(), Signature: sc.Signature}
}

// TestTrainStepBatchedCommitments takes each member's signed commitment
// with its upload in a batched round, refuses one the contract would not
// record as the uploader's (forged, altered, for another round or study),
// batches the rest and aggregates only the uploads whose commitment the
// chain then records as uploaded: a coordinator that drops or alters one
// leaves that update out, never in under another commitment.
func TestTrainStepBatchedCommitments(t *testing.T) {
	ps := newParties(t, 3)
	task := &cohortv1.TrainTask{StudyId: stepStudy, Round: 2, CommitBy: 1_900_000_000}
	st := newTrainStep(stepStudy, task, addressesOf(ps), 1<<20, 5, plainSummer{}, testDomain)
	content := func(i int) common.Hash { return crypto.Keccak256Hash([]byte{byte(i)}) }

	t.Run("hostile commitments", func(t *testing.T) {
		altered := signedCommitment(t, ps[0], testDomain, 2, content(0))
		altered.SampleCount++
		otherRoot := signedCommitment(t, ps[0], testDomain, 2, content(0))
		otherRoot.ConsentRoot = crypto.Keccak256([]byte("another root"))
		highS := signedCommitment(t, ps[0], testDomain, 2, content(0))
		highS.Signature[32] |= 0x80
		short := signedCommitment(t, ps[0], testDomain, 2, content(0))
		short.Signature = short.Signature[:64]
		zeroSamples := signedCommitment(t, ps[0], testDomain, 2, content(0))
		zeroSamples.SampleCount = 0
		tests := []struct {
			name   string
			signed *cohortv1.SignedCommitment
			want   error
		}{
			{"signed by another member", signedCommitment(t, ps[1], testDomain, 2, content(0)), ErrCommitmentMismatch},
			{"for other content", signedCommitment(t, ps[0], testDomain, 2, content(9)), ErrCommitmentMismatch},
			{"with another sample count", altered, ErrCommitmentMismatch},
			{"with another consent root", otherRoot, ErrCommitmentMismatch},
			{"for another round (a replay)", signedCommitment(t, ps[0], testDomain, 1, content(0)), ErrCommitmentMismatch},
			{"for another ledger", signedCommitment(t, ps[0], contracts.CommitDomain{ChainID: big.NewInt(1), Module: testDomain.Module}, 2, content(0)), ErrCommitmentMismatch},
			{"a high-s signature", highS, ErrCommitmentMismatch},
			{"a short signature", short, ErrMalformed},
			{"no samples", zeroSamples, ErrMalformed},
			{"none", nil, ErrWrongPhase},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := st.committed(ps[0].addr, content(0), common.Hash{}, tt.signed)
				assert.ErrorIs(t, err, tt.want)
			})
		}
		sc, err := st.committed(ps[0].addr, content(0), content(0), nil)
		require.NoError(t, err)
		assert.Nil(t, sc, "a member that committed on chain by itself has nothing to batch")
	})

	for i, p := range ps {
		sc, err := st.committed(p.addr, content(i), common.Hash{}, signedCommitment(t, p, testDomain, 2, content(i)))
		require.NoError(t, err)
		require.NotNil(t, sc)
		rd := st.received(p.addr, content(i), sc)
		_, err = st.add(rd.record.from, rd.record.data)
		require.NoError(t, err)
	}
	// Member 2 committed by itself meanwhile: the batch leaves it out.
	self := contracts.Commitment{CiphertextHash: content(2), Samples: 40, ConsentRoot: crypto.Keccak256Hash([]byte("ids of " + ps[2].addr.Hex()))}
	batches := st.toCommit(map[common.Address]contracts.Commitment{ps[2].addr: self})
	require.Len(t, batches, 1)
	require.Len(t, batches[0], 2)
	for _, sc := range batches[0] {
		who, err := contracts.CommitSigner(testDomain, stepStudy, 2, sc)
		require.NoError(t, err)
		assert.Equal(t, sc.Member, who, "the batch carries each commitment as its member signed it")
	}
	// The coordinator dropped member 0's; member 1's is on chain as signed.
	onChain := map[common.Address]contracts.Commitment{ps[1].addr: batches[0][1].Commitment, ps[2].addr: self}
	addrs, hashes, counts, left := st.contributors(addressesOf(ps), onChain)
	assert.Equal(t, []common.Address{ps[1].addr, ps[2].addr}, addrs)
	assert.Equal(t, []common.Hash{content(1), content(2)}, hashes)
	assert.Equal(t, []float64{40, 40}, counts)
	assert.Equal(t, []common.Address{ps[0].addr}, left, "an upload whose commitment is not on chain is left out")
	onChain[ps[1].addr] = contracts.Commitment{CiphertextHash: content(7), Samples: 40, ConsentRoot: self.ConsentRoot}
	addrs, _, _, left = st.contributors(addressesOf(ps), onChain)
	assert.Equal(t, []common.Address{ps[2].addr}, addrs)
	assert.Equal(t, []common.Address{ps[0].addr, ps[1].addr}, left, "an upload whose commitment names other content is left out")
}

func TestCommitBatchesChunk(t *testing.T) {
	ps := newParties(t, 1)
	st := newTrainStep(stepStudy, &cohortv1.TrainTask{StudyId: stepStudy, Round: 1, CommitBy: 1}, nil, 1, 1, plainSummer{}, testDomain)
	sc, err := contracts.SignCommitment(ps[0].key, testDomain, stepStudy, 1, contracts.Commitment{CiphertextHash: common.Hash{1}, Samples: 1, ConsentRoot: common.Hash{2}})
	require.NoError(t, err)
	n := contracts.MaxCommitBatch + 3
	for i := range n {
		a := common.BigToAddress(big.NewInt(int64(i + 1)))
		st.want[a] = true
		_, err := st.add(a, encodeUpload(common.Hash{1}, &sc))
		require.NoError(t, err)
	}
	batches := st.toCommit(nil)
	require.Len(t, batches, 2)
	assert.Len(t, batches[0], contracts.MaxCommitBatch)
	assert.Len(t, batches[1], 3)
}

func TestSampleWeights(t *testing.T) {
	w, err := sampleWeights([]float64{10, 30, 60})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.1, 0.3, 0.6}, w, 1e-15)
	_, err = sampleWeights([]float64{0, 0})
	assert.ErrorIs(t, err, ErrStalled)
}

// committedOf gives each party the same committed sample count.
func committedOf(ps []party, samples uint64) map[common.Address]uint64 {
	out := make(map[common.Address]uint64, len(ps))
	for _, p := range ps {
		out[p.addr] = samples
	}
	return out
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
	st := newEvaluateStep(stepStudy, 3, addressesOf(ps), committedOf(ps, 10), model)
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
		{"another model", func() *cohortv1.EvaluationSubmission {
			req := submission(ps[1], 3, first)
			req.ModelHash = crypto.Keccak256([]byte("model 2"))
			return req
		}(), ErrWrongPhase},
		{"a replay", submission(ps[0], 3, first), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1)
		})
	}
	// ps[1] declines, then answers after all; ps[2] declines only.
	require.NoError(t, st.decline(ps[1].addr, signedDecline(t, ps[1].key, ps[1].addr, stepStudy, 3, protocol.Evaluate, "chain behind")))
	_, err = deliverTo(st, st.receive, submission(ps[1], 3, evaluationOf(t, []float64{0.4}, []float64{1})))
	require.NoError(t, err)
	refusal := signedDecline(t, ps[2].key, ps[2].addr, stepStudy, 3, protocol.Evaluate, "records unreadable")
	require.NoError(t, st.decline(ps[2].addr, refusal))

	rep := RoundReport{Round: 3, AggregateHash: common.Hash{7}, ModelHash: model, Contributors: addressesOf(ps[:2])}
	rd, record, err := st.close(&rep)
	kept := record.evaluations
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
	require.Len(t, kept, 2, "the signed evaluations, kept for the decryption record")
	assert.Equal(t, first, kept[0].GetEvaluation())
	assert.NotNil(t, kept[0].GetAuth())
	assert.Equal(t, []*cohortv1.TaskDecline{refusal}, record.declines,
		"the signed decline of the member that sent no evaluation, not of the one that answered after declining")
}

// TestResumeFrom: an abandoned round records no result model (its
// ModelHash is zero), so the study resumes at the next round from the
// model the abandoned round opened with; until 2026-12-07 a coordinator
// restarted after an abandonment looked for the zero hash in its store.
func TestResumeFrom(t *testing.T) {
	global, result := common.Hash{1}, common.Hash{2}
	tests := []struct {
		name       string
		current    uint32
		open       bool
		result     common.Hash
		wantFirst  uint32
		wantResume bool
		wantFrom   common.Hash
	}{
		{"a new study", 0, false, common.Hash{}, 1, false, common.Hash{}},
		{"round 3 closed", 3, false, result, 4, false, result},
		{"round 3 open", 3, true, common.Hash{}, 3, true, global},
		{"round 3 abandoned", 3, false, common.Hash{}, 4, false, global},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, resume, from := resumeFrom(tt.current, tt.open, global, tt.result)
			assert.Equal(t, tt.wantFirst, first)
			assert.Equal(t, tt.wantResume, resume)
			assert.Equal(t, tt.wantFrom, from)
		})
	}
}

// TestKeptOptimizerStands: the server optimiser's state is kept after
// each closed round; an abandoned round steps no optimiser, so a study
// resuming after abandoned rounds goes on from the state of the last
// closed round before them, as the chain records the rounds (until
// 2026-12-07 it started afresh after any abandonment, which `cohort
// audit` reports as an optimiser reset). Any other gap starts afresh.
func TestKeptOptimizerStands(t *testing.T) {
	closed, abandoned, open := contracts.Round{Closed: true}, contracts.Round{Abandoned: true}, contracts.Round{Open: true}
	tests := []struct {
		name       string
		kept, next uint32
		chain      map[uint32]contracts.Round
		want       bool
	}{
		{"kept after the round before", 3, 4, nil, true},
		{"one abandoned round between", 2, 4, map[uint32]contracts.Round{2: closed, 3: abandoned}, true},
		{"two abandoned rounds between", 1, 4, map[uint32]contracts.Round{1: closed, 2: abandoned, 3: abandoned}, true},
		{"no round closed yet: the initial state", 0, 3, map[uint32]contracts.Round{1: abandoned, 2: abandoned}, true},
		{"a closed round between whose state was not kept", 2, 4, map[uint32]contracts.Round{2: closed, 3: closed}, false},
		{"a round between still open", 2, 4, map[uint32]contracts.Round{2: closed, 3: open}, false},
		{"the kept round was not closed on chain", 2, 4, map[uint32]contracts.Round{2: abandoned, 3: abandoned}, false},
		{"no state kept, a round closed", 0, 3, map[uint32]contracts.Round{1: closed, 2: abandoned}, false},
		{"kept after the round to step", 4, 4, nil, false},
		{"kept after a later round", 5, 4, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keptOptimizerStands(tt.kept, tt.next, func(r uint32) (contracts.Round, error) {
				rd, ok := tt.chain[r]
				if !ok {
					return contracts.Round{}, fmt.Errorf("round %d read: %w", r, contracts.ErrRoundNotFound)
				}
				return rd, nil
			})
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := keptOptimizerStands(1, 3, func(uint32) (contracts.Round, error) { return contracts.Round{}, contracts.ErrChainClosed })
	assert.ErrorIs(t, err, contracts.ErrChainClosed, "a chain that cannot be read is an error, not a fresh start")
}

// TestLastClosedRound: the round whose decryption record a restarted
// coordinator rebuilds the server optimiser's state from, when it kept no
// state after it, is the last one before the next that closed on chain,
// past abandoned ones; none when every one was abandoned (the initial
// state is the one to step from).
func TestLastClosedRound(t *testing.T) {
	closed, abandoned, open := contracts.Round{Closed: true}, contracts.Round{Abandoned: true}, contracts.Round{Open: true}
	tests := []struct {
		name  string
		next  uint32
		chain map[uint32]contracts.Round
		want  uint32
		err   bool
	}{
		{"the round before", 4, map[uint32]contracts.Round{3: closed}, 3, false},
		{"past abandoned rounds", 4, map[uint32]contracts.Round{1: closed, 2: abandoned, 3: abandoned}, 1, false},
		{"every round abandoned", 3, map[uint32]contracts.Round{1: abandoned, 2: abandoned}, 0, false},
		{"round 1 next", 1, nil, 0, false},
		{"a round before still open", 3, map[uint32]contracts.Round{2: open}, 0, true},
		{"a round not on chain", 3, map[uint32]contracts.Round{}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := lastClosedRound(tt.next, func(r uint32) (contracts.Round, error) {
				rd, ok := tt.chain[r]
				if !ok {
					return contracts.Round{}, fmt.Errorf("round %d read: %w", r, contracts.ErrRoundNotFound)
				}
				return rd, nil
			})
			if tt.err {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// A hospital's evaluation whose histogram bins are full (each bin at
// 2^32-1 records: a consistent evaluation by itself) could not be merged
// with any other that has a record in the same bin: the merge failed and,
// with it, the close of every round. A site's evaluation now holds at most
// its share of what the members' histograms can hold together.
func TestEvaluationThatCannotMergeIsRefused(t *testing.T) {
	ps := newParties(t, 2)
	model := crypto.Keccak256Hash([]byte("model 1"))
	st := newEvaluateStep(stepStudy, 1, addressesOf(ps), committedOf(ps, math.MaxInt64), model)
	submission := func(p party, ev []byte) *cohortv1.EvaluationSubmission {
		signed, err := auth.Sign(p.key, stepStudy, 1, auth.KindEvaluation, crypto.Keccak256Hash(ev))
		require.NoError(t, err)
		return &cohortv1.EvaluationSubmission{StudyId: stepStudy, Round: 1, ModelHash: model.Bytes(), Evaluation: ev, Auth: signed}
	}
	full := models.Evaluation{Pos: make([]uint32, models.HistogramBins), Neg: make([]uint32, models.HistogramBins)}
	for i := range full.Pos {
		full.Pos[i], full.Neg[i] = math.MaxUint32, math.MaxUint32
		full.N += 2 * math.MaxUint32
	}
	hostile, err := json.Marshal(full)
	require.NoError(t, err)
	_, err = deliverTo(st, st.receive, submission(ps[0], hostile))
	require.ErrorIs(t, err, ErrMalformed)
	_, err = deliverTo(st, st.receive, submission(ps[1], evaluationOf(t, []float64{0.9, 0.2}, []float64{1, 0})))
	require.NoError(t, err)
	rep := RoundReport{Round: 1, AggregateHash: common.Hash{7}, ModelHash: model, Contributors: addressesOf(ps)}
	_, _, err = st.close(&rep)
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Evaluated)
}

// evaluationSubmission is p's signed evaluation ev of round 1's model.
func evaluationSubmission(t *testing.T, p party, model common.Hash, ev models.Evaluation) *cohortv1.EvaluationSubmission {
	t.Helper()
	raw, err := json.Marshal(ev)
	require.NoError(t, err)
	signed, err := auth.Sign(p.key, stepStudy, 1, auth.KindEvaluation, crypto.Keccak256Hash(raw))
	require.NoError(t, err)
	return &cohortv1.EvaluationSubmission{StudyId: stepStudy, Round: 1, ModelHash: model.Bytes(), Evaluation: raw, Auth: signed}
}

// An evaluation sent now without true_pos and true_neg, the form saved
// before they existed (which an audit still reads), is refused naming its
// sender, even one whose histograms give no true positive or negative, so
// that the fields' absence and their being 0 would agree.
func TestEvaluationWithoutTruePosIsRefused(t *testing.T) {
	ps := newParties(t, 1)
	model := crypto.Keccak256Hash([]byte("model 1"))
	st := newEvaluateStep(stepStudy, 1, addressesOf(ps), committedOf(ps, 10), model)
	wrong := models.Evaluate([]float64{0.1, 0.9}, []float64{1, 0})
	require.Zero(t, wrong.Correct)
	sub := evaluationSubmission(t, ps[0], model, wrong)
	raw := []byte(strings.Replace(string(sub.Evaluation), `"true_pos":0,"true_neg":0,`, "", 1))
	require.NotEqual(t, sub.Evaluation, raw, "the fields are taken out")
	signed, err := auth.Sign(ps[0].key, stepStudy, 1, auth.KindEvaluation, crypto.Keccak256Hash(raw))
	require.NoError(t, err)
	sub.Evaluation, sub.Auth = raw, signed
	_, err = deliverTo(st, st.receive, sub)
	require.ErrorIs(t, err, ErrMalformed)
	require.ErrorIs(t, err, models.ErrInconsistentEvaluation)
	assert.Contains(t, err.Error(), ps[0].addr.Hex())
	assert.Contains(t, err.Error(), "no true_pos and true_neg")
}

// inflated is ev counted k times over: the same accuracy, AUC and loss
// from k times the records, a consistent evaluation by itself.
func inflated(ev models.Evaluation, k int) models.Evaluation {
	out := models.Evaluation{N: k * ev.N, Correct: k * ev.Correct, TruePos: k * ev.TruePos, TrueNeg: k * ev.TrueNeg,
		LogLossSum: float64(k) * ev.LogLossSum, Concordant: float64(k) * ev.Concordant, Comparable: float64(k) * ev.Comparable,
		Pos: make([]uint32, len(ev.Pos)), Neg: make([]uint32, len(ev.Neg))}
	for i := range ev.Pos {
		out.Pos[i], out.Neg[i] = uint32(k)*ev.Pos[i], uint32(k)*ev.Neg[i]
	}
	return out
}

// One hospital that claims 10^8 test records, all scored right, used to
// set the metrics the round closed with on chain: its evaluation weighed
// its N, which was its own choice. A member's evaluation now counts at
// most the training samples it committed for the round: the inflated one
// is refused, naming the count, the bound and the rule, and the chain's
// accuracy is the honest members' merge.
func TestInflatedEvaluationIsRefused(t *testing.T) {
	ps := newParties(t, 3)
	model := crypto.Keccak256Hash([]byte("model 1"))
	committed := map[common.Address]uint64{ps[0].addr: 40, ps[1].addr: 40, ps[2].addr: 10}
	st := newEvaluateStep(stepStudy, 1, addressesOf(ps), committed, model)
	submission := func(p party, ev models.Evaluation) *cohortv1.EvaluationSubmission {
		return evaluationSubmission(t, p, model, ev)
	}
	honest := models.Evaluate([]float64{0.9, 0.2, 0.3, 0.6}, []float64{1, 0, 1, 0})
	require.NoError(t, honest.Validate())
	hostile := inflated(models.Evaluate([]float64{0.99, 0.01}, []float64{1, 0}), 50_000_000)
	require.NoError(t, hostile.Validate())
	require.Equal(t, 100_000_000, hostile.N)

	_, err := deliverTo(st, st.receive, submission(ps[2], hostile))
	require.ErrorIs(t, err, ErrMalformed, "an evaluation of 10^8 test records from a member that committed 10 samples")
	for _, want := range []string{"100000000 test records", "committed 10 training samples in round 1", "counts at most the training samples it committed"} {
		assert.Contains(t, err.Error(), want)
	}
	for _, p := range ps[:2] {
		_, err := deliverTo(st, st.receive, submission(p, honest))
		require.NoError(t, err)
	}
	rep := RoundReport{Round: 1, AggregateHash: common.Hash{7}, ModelHash: model, Contributors: addressesOf(ps)}
	rd, record, err := st.close(&rep)
	kept := record.evaluations
	require.NoError(t, err)
	require.Len(t, rd.chain, 1)
	closing := rd.chain[0].closeRound
	assert.InDelta(t, 0.5, closing.result.Accuracy, 1e-12, "the honest members' merge")
	assert.InDelta(t, honest.AUC(), closing.result.AUC, 1e-12)
	assert.Equal(t, 8, rep.Evaluated)
	assert.Len(t, kept, 2)
}

// One contributor's evaluation, consistent by the checks before, used to
// stop every round at its close: histograms of one bin each (or of two
// lengths) over no records made the merge with any honest evaluation
// fail, and a log-loss sum of 1e300 over two records set a pooled loss
// the chain refuses (contracts' bound is 1e12), so the round could not
// close; the hostile member sent it again in each round. The loss sum was
// also the one figure on chain a member's committed count did not bound.
// A member's evaluation now has the histograms Evaluate makes, or none
// over no records, and at most the largest loss per record over its N
// (a loss over no records, which the merge skipped, is refused alike):
// such an evaluation is refused, and the round closes with the honest
// members' merge.
func TestEvaluationThatStopsTheRoundsCloseIsRefused(t *testing.T) {
	honestEval := models.Evaluate([]float64{0.9, 0.2, 0.3, 0.6}, []float64{1, 0, 1, 0})
	twoRecords := models.Evaluate([]float64{0.9, 0.2}, []float64{1, 0})
	hugeLoss := twoRecords
	hugeLoss.LogLossSum = 1e300
	tests := []struct {
		name    string
		hostile models.Evaluation
	}{
		{"one-bin histograms over no records", models.Evaluation{Pos: []uint32{0}, Neg: []uint32{0}}},
		{"histograms of two lengths over no records", models.Evaluation{Neg: []uint32{0}}},
		{"a log-loss sum of 1e300 over two records", hugeLoss},
		{"a log-loss sum over no records", models.Evaluation{LogLossSum: 1e300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := newParties(t, 3)
			model := crypto.Keccak256Hash([]byte("model 1"))
			st := newEvaluateStep(stepStudy, 1, addressesOf(ps), committedOf(ps, 10), model)
			_, err := deliverTo(st, st.receive, evaluationSubmission(t, ps[0], model, tt.hostile))
			require.ErrorIs(t, err, ErrMalformed)
			require.ErrorIs(t, err, models.ErrInconsistentEvaluation)
			for _, p := range ps[1:] {
				_, err := deliverTo(st, st.receive, evaluationSubmission(t, p, model, honestEval))
				require.NoError(t, err)
			}
			rep := RoundReport{Round: 1, AggregateHash: common.Hash{7}, ModelHash: model, Contributors: addressesOf(ps)}
			rd, record, err := st.close(&rep)
			require.NoError(t, err, "the round closes with the honest members' evaluations")
			require.Len(t, rd.chain, 1)
			assert.InDelta(t, honestEval.LogLoss(), rd.chain[0].closeRound.result.Loss, 1e-12)
			assert.Equal(t, 8, rep.Evaluated)
			assert.Len(t, record.evaluations, 2)
		})
	}
}

// An evaluation's count of correct predictions was the sender's word: a
// hospital whose four test records were all scored wrong reported them
// all right, with histograms that show otherwise, and moved the accuracy
// the round closed with on chain from 0.5 to 0.67. The count must now be
// what the histograms give; the evaluation is refused naming its sender,
// and the chain's accuracy is the honest members' merge.
func TestEvaluationCorrectNotInItsHistogramsIsRefused(t *testing.T) {
	ps := newParties(t, 3)
	model := crypto.Keccak256Hash([]byte("model 1"))
	st := newEvaluateStep(stepStudy, 1, addressesOf(ps), committedOf(ps, 10), model)
	honest := models.Evaluate([]float64{0.9, 0.2, 0.3, 0.6}, []float64{1, 0, 1, 0})
	hostile := models.Evaluate([]float64{0.1, 0.9, 0.2, 0.8}, []float64{1, 0, 1, 0})
	hostile.Correct, hostile.TruePos, hostile.TrueNeg = 4, 2, 2

	_, err := deliverTo(st, st.receive, evaluationSubmission(t, ps[0], model, hostile))
	require.ErrorIs(t, err, ErrMalformed)
	require.ErrorIs(t, err, models.ErrInconsistentEvaluation)
	assert.Contains(t, err.Error(), ps[0].addr.Hex())
	for _, p := range ps[1:] {
		_, err := deliverTo(st, st.receive, evaluationSubmission(t, p, model, honest))
		require.NoError(t, err)
	}
	rep := RoundReport{Round: 1, AggregateHash: common.Hash{7}, ModelHash: model, Contributors: addressesOf(ps)}
	rd, _, err := st.close(&rep)
	require.NoError(t, err)
	require.Len(t, rd.chain, 1)
	assert.InDelta(t, 0.5, rd.chain[0].closeRound.result.Accuracy, 1e-12, "the honest members' merge")
	assert.Equal(t, 8, rep.Evaluated)
}

// An evaluation's JSON is signed as sent, and kept so in the round's
// decryption record: one padded with 1 MiB of whitespace parsed as the
// honest one and went to disk each round. It is now refused above
// models.MaxEvaluationBytes, which the largest evaluation Evaluate makes
// stays well under.
func TestPaddedEvaluationIsRefused(t *testing.T) {
	ps := newParties(t, 1)
	model := crypto.Keccak256Hash([]byte("model 1"))
	st := newEvaluateStep(stepStudy, 1, addressesOf(ps), map[common.Address]uint64{ps[0].addr: 40}, model)
	ev := models.Evaluate([]float64{0.9, 0.2, 0.3, 0.6}, []float64{1, 0, 1, 0})
	raw, err := json.Marshal(ev)
	require.NoError(t, err)
	padded := append(bytes.Repeat([]byte(" "), 1<<20), raw...)
	signed, err := auth.Sign(ps[0].key, stepStudy, 1, auth.KindEvaluation, crypto.Keccak256Hash(padded))
	require.NoError(t, err)
	_, err = deliverTo(st, st.receive, &cohortv1.EvaluationSubmission{StudyId: stepStudy, Round: 1, ModelHash: model.Bytes(), Evaluation: padded, Auth: signed})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Empty(t, st.got)
	_, err = deliverTo(st, st.receive, evaluationSubmission(t, ps[0], model, ev))
	require.NoError(t, err, "the same evaluation unpadded")
}
