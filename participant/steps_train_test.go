package participant

import (
	"context"
	"encoding/json"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// trainFixture is one hospital with a collective key (its own, n = 1) in
// open round 1 of a study, with its consented records.
type trainFixture struct {
	*consortium
	me     *steps
	round  contracts.Round
	global []float64
	recs   []records.Record
}

func newTrainFixture(t *testing.T) *trainFixture {
	t.Helper()
	c := newConsortium(t, 1)
	c.keyGen(t, 1)
	spec := models.Spec{Kind: models.KindLogistic, Features: 3}
	m, err := models.New(spec, 1)
	require.NoError(t, err)
	me := c.nodes[0]
	me.spec, me.model, me.standardisation = spec, m, records.StandardiseNone
	me.training = models.TrainConfig{Epochs: 1, BatchSize: 4, LearningRate: 0.1, Optimizer: models.OptimizerSGD, Seed: 1}
	f := &trainFixture{consortium: c, me: me, global: m.Params()}
	for i := range 12 {
		f.recs = append(f.recs, records.Record{ID: string(rune('a' + i)), Features: []float64{math.Sin(float64(i)), math.Cos(float64(i)), 0.1 * float64(i)}, Label: float64(i % 2)})
	}
	c.study.CurrentRound, c.study.RoundOpen = 1, true
	f.round = contracts.Round{Number: 1, Open: true, GlobalModel: crypto.Keccak256Hash(models.EncodeParams(f.global))}
	return f
}

func (f *trainFixture) task() *cohortv1.TrainTask {
	return &cohortv1.TrainTask{StudyId: stepsStudy, Round: 1, GlobalModelHash: f.round.GlobalModel.Bytes(), PublicKeyHash: f.pk.Hash().Bytes(), Standardisation: "none"}
}

func TestTrainCheckStep(t *testing.T) {
	t.Parallel()
	f := newTrainFixture(t)
	with := func(change func(*cohortv1.TrainTask, *contracts.Study, *contracts.Round)) (*cohortv1.TrainTask, contracts.Study, contracts.Round) {
		task, study, round := f.task(), f.study, f.round
		change(task, &study, &round)
		return task, study, round
	}
	cases := []struct {
		name  string
		build func(*cohortv1.TrainTask, *contracts.Study, *contracts.Round)
		want  error
	}{
		{"another study", func(t *cohortv1.TrainTask, _ *contracts.Study, _ *contracts.Round) { t.StudyId++ }, ErrChainMismatch},
		{"another standardisation", func(t *cohortv1.TrainTask, _ *contracts.Study, _ *contracts.Round) { t.Standardisation = "pooled" }, ErrStandardisation},
		{"a round the chain has not opened", func(t *cohortv1.TrainTask, _ *contracts.Study, _ *contracts.Round) { t.Round = 2 }, ErrChainMismatch},
		{"a replay after the round closed", func(_ *cohortv1.TrainTask, _ *contracts.Study, r *contracts.Round) { r.Open, r.Closed = false, true }, ErrChainMismatch},
		{"another global model than the chain's", func(t *cohortv1.TrainTask, _ *contracts.Study, _ *contracts.Round) {
			t.GlobalModelHash = crypto.Keccak256([]byte("model"))
		}, ErrChainMismatch},
		{"another collective key than the chain's", func(t *cohortv1.TrainTask, _ *contracts.Study, _ *contracts.Round) {
			t.PublicKeyHash = crypto.Keccak256([]byte("key"))
		}, ErrChainMismatch},
		{"a privacy budget on chain this recipe does not train under", func(_ *cohortv1.TrainTask, s *contracts.Study, _ *contracts.Round) {
			s.Privacy = contracts.PrivacyBudget{Epsilon: 3, Delta: 1e-5}
		}, ErrChainMismatch},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			task, study, round := with(tc.build)
			require.ErrorIs(t, f.me.trainCheck(task, study, round), tc.want)
		})
	}
	t.Run("another pooled standardiser than the chain's", func(t *testing.T) {
		s := newTrainFixture(t)
		s.me.standardisation = records.StandardisePooled
		s.me.agreed = &agreed{hash: common.Hash{1}}
		task, study, round := s.task(), s.study, s.round
		task.Standardisation, study.StandardiserHash = "pooled", common.Hash{2}
		require.ErrorIs(t, s.me.trainCheck(task, study, round), ErrChainMismatch)
	})
	require.NoError(t, f.me.trainCheck(f.task(), f.study, f.round), "the honest task")
}

func TestTrainSteps(t *testing.T) {
	t.Parallel()
	f := newTrainFixture(t)
	t.Run("no consented records", func(t *testing.T) {
		_, _, _, _, err := f.me.trainInputs(f.task(), nil)
		require.ErrorIs(t, err, ErrNoConsentedRecords)
	})
	t.Run("a standardiser the node did not agree on", func(t *testing.T) {
		s := newTrainFixture(t)
		s.me.standardisation = records.StandardisePooled
		task := s.task()
		task.Standardisation, task.StandardiserHash = "pooled", crypto.Keccak256([]byte("std"))
		_, _, _, _, err := s.me.trainInputs(task, s.recs)
		require.ErrorIs(t, err, ErrNoStandardiser)
	})
	t.Run("a global model of another shape", func(t *testing.T) {
		_, err := f.me.trainLocal(context.Background(), 1, f.global[:2], f.recs)
		require.Error(t, err)
	})

	recs, ids, root, _, err := f.me.trainInputs(f.task(), f.recs)
	require.NoError(t, err)
	assert.Len(t, ids, len(f.recs))
	assert.Equal(t, records.MerkleRoot(records.IDs(f.recs)), root)
	update, err := f.me.trainLocal(context.Background(), 1, f.global, recs)
	require.NoError(t, err)
	require.Len(t, update, len(f.global))
	moved := 0.0
	for _, v := range update {
		moved += math.Abs(v)
	}
	assert.Positive(t, moved, "training moves the model")

	sealed, err := f.me.sealUpdate(1, update)
	require.NoError(t, err)
	var v aggregation.EncryptedVector
	require.NoError(t, v.UnmarshalBinary(sealed))
	require.NoError(t, testScheme(t).CheckUpdate(&v, f.pk.Hash(), aggregation.TrainContext(stepsStudy, 1), aggregation.DealerID(stepsStudy, f.me.self.Bytes()), len(update)),
		"sealed under this site's key for this round")

	r, err := f.me.commitRound(1, sealed, aggregation.ContentHash(sealed), ids, root, ConsentLocal)
	require.NoError(t, err)
	require.NotNil(t, r.commit)
	assert.Equal(t, contracts.Commitment{CiphertextHash: aggregation.ContentHash(sealed), Samples: uint64(len(ids)), ConsentRoot: root}, *r.commit)
	assert.Equal(t, sealed, r.upload)
	require.Len(t, r.files, 1, "the ids used are kept before the commitment")
	var rec roundRecord
	require.NoError(t, json.Unmarshal(r.files[0].data, &rec))
	assert.Equal(t, root, rec.ConsentRoot)
	assert.Equal(t, len(ids), rec.Samples)
}

func TestEvaluateStep(t *testing.T) {
	t.Parallel()
	f := newTrainFixture(t)
	task := &cohortv1.EvaluateTask{StudyId: stepsStudy, Round: 1, ModelHash: f.round.GlobalModel.Bytes()}
	cases := []struct {
		name   string
		task   *cohortv1.EvaluateTask
		params []float64
		want   error
	}{
		{"another study", &cohortv1.EvaluateTask{StudyId: stepsStudy + 1, Round: 1}, f.global, ErrChainMismatch},
		{"a round the chain has not opened", &cohortv1.EvaluateTask{StudyId: stepsStudy, Round: 2}, f.global, ErrChainMismatch},
		{"round 0", &cohortv1.EvaluateTask{StudyId: stepsStudy}, f.global, ErrChainMismatch},
		{"a model of another shape", task, f.global[:1], nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := f.me.evaluate(tc.task, progress(f.study), tc.params, f.recs)
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			assert.Nil(t, r.send)
		})
	}
	r, err := f.me.evaluate(task, progress(f.study), f.global, f.recs)
	require.NoError(t, err)
	sub := r.send.(*cohortv1.EvaluationSubmission)
	signer, err := auth.Verify(sub.GetAuth(), stepsStudy, 1, auth.KindEvaluation, crypto.Keccak256Hash(sub.GetEvaluation()))
	require.NoError(t, err)
	assert.Equal(t, f.me.self, signer)
	var scored map[string]any
	require.NoError(t, json.Unmarshal(sub.GetEvaluation(), &scored), "counts and histograms as JSON")
	assert.NotEmpty(t, scored)
}

// TestBatchedCommitmentSteps signs a round's commitment for the
// coordinator's batch and decides from the chain: done when recorded as
// signed; reported when the chain records another commitment or the round
// closed without it (a coordinator that altered or dropped it); committed
// by itself once its time has come.
func TestBatchedCommitmentSteps(t *testing.T) {
	t.Parallel()
	f := newTrainFixture(t)
	opened := time.Unix(1_800_000_000, 0)
	f.round.OpenedAt, f.round.Deadline = opened, opened.Add(time.Hour)
	d := contracts.CommitDomain{ChainID: big.NewInt(1337), Module: common.Address{0x42}}
	c := contracts.Commitment{CiphertextHash: common.Hash{1}, Samples: 12, ConsentRoot: common.Hash{2}}
	task := f.task()
	task.CommitBy = opened.Add(2 * time.Minute).Unix()

	b, msg, err := f.me.signCommitment(d, task, f.round, c, 20*time.Second)
	require.NoError(t, err)
	assert.Equal(t, opened.Add(2*time.Minute+20*time.Second), b.selfAt, "grace after the coordinator's time")
	who, err := contracts.CommitSigner(d, stepsStudy, 1, contracts.SignedCommitment{Commitment: c, Signature: msg.GetSignature()})
	require.NoError(t, err)
	assert.Equal(t, f.me.self, who, "the coordinator recovers this hospital from what it sends")
	assert.Equal(t, c.ConsentRoot.Bytes(), msg.GetConsentRoot())
	assert.Equal(t, c.Samples, msg.GetSampleCount())

	late := f.task()
	late.CommitBy = opened.Add(2 * time.Hour).Unix()
	lb, _, err := f.me.signCommitment(d, late, f.round, c, 20*time.Second)
	require.NoError(t, err)
	assert.Equal(t, f.round.Deadline.Add(-6*time.Minute), lb.selfAt, "a coordinator's time past the deadline is capped a tenth of the round before it")

	before, after := b.selfAt.Add(-time.Second), b.selfAt.Add(time.Second)
	asSigned := c
	altered := c
	altered.Samples++
	open, closed, abandoned := contracts.Round{Open: true}, contracts.Round{Closed: true}, contracts.Round{Abandoned: true}
	tests := []struct {
		name     string
		recorded *contracts.Commitment
		round    contracts.Round // not read once the commitment is recorded
		now      time.Time
		verdict  commitVerdict
		err      error
	}{
		{"not on chain yet", nil, open, before, commitWait, nil},
		{"dropped by the coordinator", nil, open, after, commitSelf, nil},
		{"recorded as signed", &asSigned, contracts.Round{}, before, commitDone, nil},
		{"recorded as signed after the round closed", &asSigned, contracts.Round{}, after, commitDone, nil},
		{"recorded otherwise", &altered, contracts.Round{}, before, commitDone, ErrChainMismatch},
		{"the round closed without it", nil, closed, before, commitDone, ErrCommitmentLeftOut},
		// Its updates are not used: nothing was left out (until
		// 2026-12-07 reported as ErrCommitmentLeftOut).
		{"the round was abandoned without it", nil, abandoned, before, commitVoid, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := f.me.checkBatched(b, tt.recorded, tt.round, tt.now)
			assert.Equal(t, tt.verdict, v)
			if tt.err == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tt.err)
			}
		})
	}
}

// progress is where study stands, as Ledger.Progress reads it.
func progress(study contracts.Study) contracts.StudyProgress {
	return contracts.StudyProgress{CurrentRound: study.CurrentRound, RoundOpen: study.RoundOpen, Completed: study.Completed}
}
