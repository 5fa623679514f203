package audit

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
)

// studyFixture is a study on a simulated chain with three hospitals, a
// real collective key and a blob store, driven round by round by the test
// acting as the coordinator (honest or not).
type studyFixture struct {
	ctx       context.Context
	ledger    *contracts.Ledger
	coord     *contracts.Account
	hospitals []*contracts.Account
	keys      []*ecdsa.PrivateKey // the hospitals', to sign decryption shares
	sks       []*aggregation.SecretShare
	scheme    *aggregation.Scheme
	pk        *aggregation.PublicKey
	pkHash    common.Hash
	store     *coordinator.Store
	study     uint64
	// global is the model the next round opens from, optimizer the
	// server optimiser (FedAvg) that steps it.
	global    []float64
	optimizer *aggregation.FedOpt
	// publish, if set, turns the model a round computed into the one
	// the coordinator publishes (and keeps records for); nil: honest.
	publish func(r uint32, next []float64, rec *cohortv1.DecryptionRecord) []float64
	// report, if set, alters the evaluations kept and the metrics the
	// round closes with; nil: honest.
	report func(r uint32, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult)
	// absent, if set, names the hospital (index) that commits no update
	// in a round; it still signs an evaluation (evaluate).
	absent map[uint32]int
}

const auditLength = 1000

func newStudyFixture(t *testing.T, rounds uint32) *studyFixture {
	t.Helper()
	return newStudyFixtureOf(t, rounds, common.Hash{1})
}

// newStudyFixtureOf is newStudyFixture for a study whose spec hash on
// chain is spec.
func newStudyFixtureOf(t *testing.T, rounds uint32, spec common.Hash) *studyFixture {
	t.Helper()
	return newStudyFixtureWith(t, rounds, spec, 3)
}

// newStudyFixtureWith is newStudyFixtureOf with hospitals hospitals (at
// most four).
func newStudyFixtureWith(t *testing.T, rounds uint32, spec common.Hash, hospitals int) *studyFixture {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	f := &studyFixture{ctx: ctx}
	newAccount := func() *contracts.Account {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		return contracts.NewAccount(key)
	}
	researcher := newAccount()
	f.coord = newAccount()
	funded := []common.Address{researcher.Address(), f.coord.Address()}
	var founders []contracts.Member
	for i := range hospitals {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		h := contracts.NewAccount(key)
		f.hospitals, f.keys = append(f.hospitals, h), append(f.keys, key)
		funded = append(funded, h.Address())
		founders = append(founders, contracts.Member{Address: h.Address(), Name: string(rune('A' + i)), TLSFingerprint: common.Hash{byte(i + 1)}})
	}
	chain, err := contracts.NewSimulatedChain(funded...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	f.ledger, _, err = contracts.Deploy(ctx, chain, researcher, founders)
	require.NoError(t, err)
	f.study, _, err = f.ledger.CreateStudy(ctx, researcher, contracts.StudyParams{
		SpecHash: spec, Purpose: common.Hash{2}, ReferenceCommitment: common.Hash{3},
		Rounds: rounds, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: f.coord.Address(),
	})
	require.NoError(t, err)
	f.scheme, err = aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	crs := aggregation.CommonSeed([]byte("audit test"))
	var shares []*aggregation.PublicKeyShare
	for _, h := range f.hospitals {
		_, err := f.ledger.JoinStudy(ctx, h, f.study)
		require.NoError(t, err)
		sk := f.scheme.GenSecretShareFor(aggregation.DealerID(f.study, h.Address().Bytes()))
		f.sks = append(f.sks, sk)
		share, err := f.scheme.GenPublicKeyShare(sk, crs)
		require.NoError(t, err)
		shares = append(shares, share)
	}
	pk, err := f.scheme.CombinePublicKey(crs, shares)
	require.NoError(t, err)
	f.pk, f.pkHash = pk, pk.Hash()
	_, err = f.ledger.SetPublicKeyHash(ctx, f.coord, f.study, f.pkHash)
	require.NoError(t, err)
	f.store, err = coordinator.OpenStore(t.TempDir())
	require.NoError(t, err)
	f.global = make([]float64, auditLength)
	f.optimizer, err = aggregation.NewFedOpt(aggregation.DefaultFedOptConfig(aggregation.FedAvg))
	require.NoError(t, err)
	return f
}

// playRound opens round r, has every hospital commit and upload an
// update, lets coordinate turn the updates and their honest weights into
// the aggregate it publishes, and closes the round with that aggregate.
func (f *studyFixture) playRound(t *testing.T, r uint32, coordinate func(updates []*aggregation.EncryptedVector, weights []float64) *aggregation.EncryptedVector) {
	t.Helper()
	globalHash, err := f.store.Put(models.EncodeParams(f.global))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, f.study, r, globalHash, time.Now().Add(time.Hour))
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(uint64(r), 1))
	samples := []uint64{100, 250, 650, 400}
	var updates []*aggregation.EncryptedVector
	var weights []float64
	var total float64
	for i := range f.hospitals {
		if skip, ok := f.absent[r]; !ok || skip != i {
			total += float64(samples[i])
		}
	}
	for i, h := range f.hospitals {
		if skip, ok := f.absent[r]; ok && skip == i {
			continue
		}
		vals := make([]float64, auditLength)
		for j := range vals {
			vals[j] = rng.NormFloat64()
		}
		v, err := f.scheme.Encrypt(f.sks[i], f.pkHash, aggregation.TrainContext(f.study, r), vals)
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		stored, err := f.store.Put(b)
		require.NoError(t, err)
		require.Equal(t, v.Hash(), stored)
		_, err = f.ledger.CommitUpdate(f.ctx, h, f.study, r, contracts.Commitment{CiphertextHash: v.Hash(), Samples: samples[i], ConsentRoot: common.Hash{9}})
		require.NoError(t, err)
		updates = append(updates, v)
		weights = append(weights, float64(samples[i])/total)
	}
	agg := coordinate(updates, weights)
	b, err := agg.MarshalBinary()
	require.NoError(t, err)
	_, err = f.store.Put(b)
	require.NoError(t, err)

	// Every hospital's signed decryption share (n-of-n), the decrypted
	// average and the server optimiser's step, as the coordinator does.
	rec := &cohortv1.DecryptionRecord{StudyId: f.study, Round: r, AggregateHash: agg.Hash().Bytes(), GlobalModelHash: globalHash.Bytes()}
	var shares []*aggregation.DecryptionShare
	summed := make(map[aggregation.PartyID]bool, len(f.sks))
	for _, term := range agg.Terms() {
		summed[term.Dealer] = true
	}
	for i, sk := range f.sks {
		if !summed[aggregation.DealerID(f.study, f.hospitals[i].Address().Bytes())] {
			continue // a key that sealed nothing in the aggregate has no share of it
		}
		ds, err := f.scheme.GenDecryptionShare(sk, agg)
		require.NoError(t, err)
		raw, err := ds.MarshalBinary()
		require.NoError(t, err)
		signed, err := auth.Sign(f.keys[i], f.study, r, auth.KindDecryptShare, crypto.Keccak256Hash(raw))
		require.NoError(t, err)
		rec.Shares = append(rec.Shares, &cohortv1.DecryptionShareSubmission{StudyId: f.study, Round: r, AggregateHash: agg.Hash().Bytes(), Share: raw, Auth: signed})
		shares = append(shares, ds)
	}
	rec.OptimizerState, err = f.optimizer.MarshalBinary()
	require.NoError(t, err)
	next := f.global // what a coordinator publishes when the aggregate it altered does not decrypt
	if avg, err := f.scheme.Decrypt(agg, shares); err == nil {
		next, err = f.optimizer.Step(f.global, avg[:len(f.global)])
		require.NoError(t, err)
	}
	if f.publish != nil {
		next = f.publish(r, next, rec)
	}
	modelHash, err := f.store.Put(models.EncodeParams(next))
	require.NoError(t, err)
	res := contracts.RoundResult{AggregateHash: agg.Hash(), ModelHash: modelHash, Participants: uint32(len(agg.Terms()))}
	f.evaluate(t, r, rec, &res)
	if f.report != nil {
		f.report(r, rec, &res)
	}
	require.NoError(t, f.store.WriteDecryptionRecord(agg.Hash(), rec))
	f.global = next
	_, err = f.ledger.CloseRound(f.ctx, f.coord, f.study, r, res)
	require.NoError(t, err)
}

// evaluate has every hospital sign an evaluation of round r's model
// (res.ModelHash) into the record, and puts their merged metrics in res,
// as the coordinator does.
func (f *studyFixture) evaluate(t *testing.T, r uint32, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
	t.Helper()
	var merged models.Evaluation
	for i, key := range f.keys {
		probs := []float64{0.9, 0.2, 0.6, 0.4 + 0.1*float64(i)}
		ev := models.Evaluate(probs, []float64{1, 0, 0, float64(i % 2)})
		require.NoError(t, merged.Merge(ev))
		raw, err := json.Marshal(ev)
		require.NoError(t, err)
		signed, err := auth.Sign(key, f.study, r, auth.KindEvaluation, crypto.Keccak256Hash(raw))
		require.NoError(t, err)
		rec.Evaluations = append(rec.Evaluations, &cohortv1.EvaluationSubmission{StudyId: f.study, Round: r, ModelHash: res.ModelHash.Bytes(), Evaluation: raw, Auth: signed})
	}
	res.Accuracy, res.AUC, res.Loss = merged.Accuracy(), merged.AUC(), merged.LogLoss()
}

func (f *studyFixture) honest(t *testing.T) func([]*aggregation.EncryptedVector, []float64) *aggregation.EncryptedVector {
	return func(updates []*aggregation.EncryptedVector, weights []float64) *aggregation.EncryptedVector {
		agg, err := f.scheme.WeightedSum(updates, weights)
		require.NoError(t, err)
		return agg
	}
}

// alterCoefficient moves one coefficient (value pos, RNS row row) by one:
// the smallest change a coordinator can make.
func (f *studyFixture) alterCoefficient(t *testing.T, v *aggregation.EncryptedVector, pos, row int) *aggregation.EncryptedVector {
	t.Helper()
	out, err := f.scheme.ShiftCoefficient(v, pos, row, 1)
	require.NoError(t, err)
	return out
}

func TestAuditVerifiesHonestRoundsAndNamesEveryAlteration(t *testing.T) {
	f := newStudyFixture(t, 5)
	f.playRound(t, 1, f.honest(t))
	// Round 2: one coefficient of the aggregate altered.
	f.playRound(t, 2, func(u []*aggregation.EncryptedVector, w []float64) *aggregation.EncryptedVector {
		return f.alterCoefficient(t, f.honest(t)(u, w), 777, 1)
	})
	// Round 3: the weights are not the committed sample counts' shares.
	f.playRound(t, 3, func(u []*aggregation.EncryptedVector, _ []float64) *aggregation.EncryptedVector {
		return f.honest(t)(u, []float64{0.65, 0.25, 0.1})
	})
	// Round 4: weight on one update only, which the sum would expose.
	f.playRound(t, 4, func(u []*aggregation.EncryptedVector, _ []float64) *aggregation.EncryptedVector {
		return f.honest(t)(u, []float64{1, 0, 0})
	})

	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 4)
	assert.False(t, rep.OK)
	assert.Equal(t, Verified, rep.Rounds[0].Verdict, "%v", rep.Rounds[0].Problems)
	assert.Equal(t, rep.Rounds[0].Aggregate, rep.Rounds[0].Recomputed)
	assert.Equal(t, 3, rep.Rounds[0].Contributors)

	for i, want := range []string{
		"not the weighted sum of the committed updates",
		"the chain records 0.100000000",
		"requires at least 2",
	} {
		r := rep.Rounds[i+1]
		assert.Equal(t, Mismatch, r.Verdict, "round %d", r.Round)
		assert.Contains(t, strings.Join(r.Problems, "\n"), want, "round %d", r.Round)
	}
	c := 777 / aggregation.ChunkValues // the altered value's chunk
	assert.Contains(t, strings.Join(rep.Rounds[1].Problems, "\n"), fmt.Sprintf("first differing chunk %d (values %d to %d)", c, c*aggregation.ChunkValues, (c+1)*aggregation.ChunkValues-1))
}

// TestAuditCatchesAnySingleCoefficient alters one coefficient of an honest
// aggregate at many positions and in every RNS row: each changes the
// aggregate's commitment, so the audit's recomputation never matches.
func TestAuditCatchesAnySingleCoefficient(t *testing.T) {
	f := newStudyFixture(t, 2)
	var honest *aggregation.EncryptedVector
	f.playRound(t, 1, func(u []*aggregation.EncryptedVector, w []float64) *aggregation.EncryptedVector {
		honest = f.honest(t)(u, w)
		return honest
	})
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.True(t, rep.OK)
	recomputed := rep.Rounds[0].Recomputed
	rng := rand.New(rand.NewPCG(5, 6))
	positions := []int{0, 31, 32, auditLength - 1}
	for range 60 {
		positions = append(positions, rng.IntN(auditLength))
	}
	for _, pos := range positions {
		for row := range honest.Level() + 1 {
			alt := f.alterCoefficient(t, honest, pos, row)
			require.NotEqual(t, recomputed, alt.Hash(), "value %d row %d", pos, row)
			assert.Contains(t, firstDifference(alt, honest), "first differing chunk")
		}
	}
}

func TestAuditReportsMissingAndCorruptBlobs(t *testing.T) {
	f := newStudyFixture(t, 2)
	f.playRound(t, 1, f.honest(t))
	missing := missingBlob{Blobs: f.store, hide: nil}
	info, err := f.ledger.Round(f.ctx, f.study, 1)
	require.NoError(t, err)
	cm, err := f.ledger.Commitment(f.ctx, f.study, 1, info.Committers[1])
	require.NoError(t, err)
	missing.hide = map[common.Hash]bool{cm.CiphertextHash: true}
	rep, err := Study(f.ctx, f.ledger, missing, f.scheme, f.study)
	require.NoError(t, err)
	require.False(t, rep.OK)
	assert.Contains(t, strings.Join(rep.Rounds[0].Problems, "\n"), "cannot be read from the blob store")

	swapped := missingBlob{Blobs: f.store, swap: map[common.Hash][]byte{info.Result.AggregateHash: []byte("not the aggregate")}}
	rep, err = Study(f.ctx, f.ledger, swapped, f.scheme, f.study)
	require.NoError(t, err)
	assert.Contains(t, strings.Join(rep.Rounds[0].Problems, "\n"), "the aggregate hashes to")
}

// TestAuditNamesOnlyTheRoundWhoseAggregateIsLost: a store that lost (or
// corrupted) one round's aggregate fails that round alone; the next round,
// which opened from the model the chain records for it, is verified, not
// reported as opened from an older round's model.
func TestAuditNamesOnlyTheRoundWhoseAggregateIsLost(t *testing.T) {
	f := newStudyFixture(t, 3)
	for r := uint32(1); r <= 3; r++ {
		f.playRound(t, r, f.honest(t))
	}
	info, err := f.ledger.Round(f.ctx, f.study, 2)
	require.NoError(t, err)
	lost := missingBlob{Blobs: f.store, hide: map[common.Hash]bool{info.Result.AggregateHash: true}}
	rep, err := Study(f.ctx, f.ledger, lost, f.scheme, f.study)
	require.NoError(t, err)
	require.False(t, rep.OK)
	assert.Equal(t, []string{Verified, Incomplete, Verified}, []string{rep.Rounds[0].Verdict, rep.Rounds[1].Verdict, rep.Rounds[2].Verdict},
		"round 3: %v", rep.Rounds[2].Problems)
	assert.Contains(t, strings.Join(rep.Rounds[1].Problems, "\n"), "cannot be read from the blob store")
	var out strings.Builder
	require.NoError(t, rep.WriteText(&out))
	assert.Contains(t, out.String(), "INCOMPLETE: the store lacks blobs")
	assert.NotContains(t, out.String(), "MISMATCH")
}

// TestAuditTellsAMissingBlobFromAForgedOne: a store that lost a round's
// update leaves the round INCOMPLETE (it could not be checked, which is no
// evidence of tampering), while one that serves other bytes under the
// update's hash, or loses one blob and serves a forged one, fails it as
// MISMATCH, and the report is not OK either way.
func TestAuditTellsAMissingBlobFromAForgedOne(t *testing.T) {
	f := newStudyFixture(t, 3)
	f.playRound(t, 1, f.honest(t))
	commitments, err := f.ledger.Commitments(f.ctx, f.study, 1)
	require.NoError(t, err)
	var updates []common.Hash
	for _, c := range commitments {
		updates = append(updates, c.CiphertextHash)
	}
	require.GreaterOrEqual(t, len(updates), 2)
	forged := []byte("not the committed update")

	for _, c := range []struct {
		name    string
		store   missingBlob
		verdict string
		says    string
	}{
		{"lost", missingBlob{Blobs: f.store, hide: map[common.Hash]bool{updates[0]: true}}, Incomplete, "INCOMPLETE"},
		{"forged", missingBlob{Blobs: f.store, swap: map[common.Hash][]byte{updates[0]: forged}}, Mismatch, "MISMATCH"},
		{"lost and forged", missingBlob{Blobs: f.store, hide: map[common.Hash]bool{updates[0]: true}, swap: map[common.Hash][]byte{updates[1]: forged}}, Mismatch, "MISMATCH"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Study(f.ctx, f.ledger, c.store, f.scheme, f.study)
			require.NoError(t, err)
			assert.False(t, rep.OK)
			assert.Equal(t, c.verdict, rep.Rounds[0].Verdict, "%v", rep.Rounds[0].Problems)
			var out strings.Builder
			require.NoError(t, rep.WriteText(&out))
			assert.Contains(t, out.String(), "\n"+c.says+":")
		})
	}
}

// missingBlob is a blob store that lost some blobs or serves others.
type missingBlob struct {
	Blobs
	hide map[common.Hash]bool
	swap map[common.Hash][]byte
}

func (m missingBlob) Get(h common.Hash) ([]byte, error) {
	if m.hide[h] {
		return nil, coordinator.ErrBlobNotFound
	}
	if b, ok := m.swap[h]; ok {
		return b, nil
	}
	return m.Blobs.Get(h)
}

// TestAuditListsDisputes: the aggregates hospitals refused on chain appear
// in the audit, marked by whether the round closed with them.
func TestAuditListsDisputes(t *testing.T) {
	f := newStudyFixture(t, 3)
	f.playRound(t, 1, f.honest(t))
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	closedWith := rep.Rounds[0].Aggregate
	sentButNotRecorded := common.Hash{0xbd}
	_, err = f.ledger.DisputeAggregate(f.ctx, f.hospitals[0], f.study, 1, sentButNotRecorded, common.Hash{1})
	require.NoError(t, err)
	_, err = f.ledger.DisputeAggregate(f.ctx, f.hospitals[1], f.study, 1, closedWith, common.Hash{2})
	require.NoError(t, err)

	rep, err = Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Disputes, 2)
	assert.False(t, rep.Disputes[0].Recorded)
	assert.Equal(t, f.hospitals[0].Address(), rep.Disputes[0].Reporter)
	assert.True(t, rep.Disputes[1].Recorded, "the round closed with the refused aggregate: its verdict settles the dispute")
	assert.True(t, rep.OK, "the recorded aggregate is verified: a dispute alone is no mismatch")
	var out strings.Builder
	require.NoError(t, rep.WriteText(&out))
	assert.Contains(t, out.String(), "refused an aggregate the coordinator sent but never recorded")
	assert.Contains(t, out.String(), "refused the aggregate the round closed with")
}

// TestAuditRecomputesEveryModel: the audit recomputes each round's model
// from the holders' signed decryption shares and the server optimiser's
// step, and names every way a coordinator can publish another model: a
// model that is not the step, shares it signed itself, a record missing,
// too few shares, an optimiser state that was not carried over, and a
// round opened from a model the last round did not publish.
func TestAuditRecomputesEveryModel(t *testing.T) {
	f := newStudyFixture(t, 8)
	outsider, err := crypto.GenerateKey()
	require.NoError(t, err)
	alterations := map[uint32]func(next []float64, rec *cohortv1.DecryptionRecord) []float64{
		// Round 2: a model nudged after the step.
		2: func(next []float64, _ *cohortv1.DecryptionRecord) []float64 {
			out := slices.Clone(next)
			out[5] += 0.01
			return out
		},
		// Round 4: a share signed by someone who is not a participant (the
		// coordinator making the shares that open its own model).
		4: func(next []float64, rec *cohortv1.DecryptionRecord) []float64 {
			s := rec.Shares[0]
			signed, err := auth.Sign(outsider, f.study, 4, auth.KindDecryptShare, crypto.Keccak256Hash(s.Share))
			require.NoError(t, err)
			s.Auth = signed
			return next
		},
		// Round 5: fewer shares than the threshold.
		5: func(next []float64, rec *cohortv1.DecryptionRecord) []float64 {
			rec.Shares = rec.Shares[:1]
			return next
		},
		// Round 3: the server learning rate changed, model and record
		// consistent with each other.
		3: func(_ []float64, rec *cohortv1.DecryptionRecord) []float64 {
			faster, err := aggregation.NewFedOpt(aggregation.FedOptConfig{Kind: aggregation.FedAvg, LearningRate: 2})
			require.NoError(t, err)
			rec.OptimizerState, err = faster.MarshalBinary()
			require.NoError(t, err)
			var shares []*aggregation.DecryptionShare
			for _, s := range rec.Shares {
				ds := new(aggregation.DecryptionShare)
				require.NoError(t, ds.UnmarshalBinary(s.Share))
				shares = append(shares, ds)
			}
			raw, err := f.store.Get(common.BytesToHash(rec.AggregateHash))
			require.NoError(t, err)
			var agg aggregation.EncryptedVector
			require.NoError(t, agg.UnmarshalBinary(raw))
			avg, err := f.scheme.Decrypt(&agg, shares)
			require.NoError(t, err)
			global, err := f.store.Get(common.BytesToHash(rec.GlobalModelHash))
			require.NoError(t, err)
			prev, err := models.DecodeParams(global)
			require.NoError(t, err)
			out, err := faster.Step(prev, avg[:len(prev)])
			require.NoError(t, err)
			return out
		},
	}
	for r := uint32(1); r <= 7; r++ {
		f.publish = func(r uint32, next []float64, rec *cohortv1.DecryptionRecord) []float64 {
			if alter, ok := alterations[r]; ok {
				return alter(next, rec)
			}
			return next
		}
		if r == 7 {
			// Round 7 opens from a model other than round 6's.
			f.global = slices.Clone(f.global)
			f.global[0] += 1
		}
		f.playRound(t, r, f.honest(t))
	}
	// Round 8: its decryption record is lost.
	f.playRound(t, 8, f.honest(t))
	info, err := f.ledger.Round(f.ctx, f.study, 8)
	require.NoError(t, err)
	lost := lostRecord{Blobs: f.store, agg: info.Result.AggregateHash}

	rep, err := Study(f.ctx, f.ledger, lost, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 8)
	assert.False(t, rep.OK)
	for _, i := range []int{0, 5} {
		r := rep.Rounds[i]
		assert.Equal(t, Verified, r.Verdict, "round %d: %v", r.Round, r.Problems)
		assert.Equal(t, r.Model, r.ModelRecomputed, "round %d", r.Round)
		assert.Len(t, r.Decrypters, 3, "round %d", r.Round)
	}
	assertMismatches(t, rep, map[int]string{
		1: "the model is not the server optimiser's step by the decrypted aggregate",
		2: "the server optimiser stepped from a state (fedavg) that is not the one the previous closed round left",
		3: "who never joined the study",
		4: "holds 1 decryption shares, the study's threshold is 2",
		6: "the round opened from model",
	})
	assert.Equal(t, Incomplete, rep.Rounds[7].Verdict, "a lost record leaves its round unchecked, not failed: %v", rep.Rounds[7].Problems)
	assert.Contains(t, strings.Join(rep.Rounds[7].Problems, "\n"), "no decryption record for the aggregate")
	assert.Equal(t, rep.Rounds[0].Aggregate, rep.Rounds[0].Recomputed, "the aggregates themselves are honest")
}

// lostRecord is a blob store that lost one aggregate's decryption record.
type lostRecord struct {
	Blobs
	agg common.Hash
}

func (l lostRecord) DecryptionRecord(agg common.Hash) (*cohortv1.DecryptionRecord, error) {
	if agg == l.agg {
		return nil, coordinator.ErrBlobNotFound
	}
	return l.Blobs.DecryptionRecord(agg)
}

// TestAuditChecksEveryDecryptionSet: a round decrypted with a spare holder
// keeps every decryption set's shares in its record, and the audit
// requires the sets to agree as the coordinator must. Round 1 is honest;
// in round 2 the holder at point 2 shifts its shares, and a coordinator
// that did not compare the sets published the first set's model: the
// audit names the round.
func TestAuditChecksEveryDecryptionSet(t *testing.T) {
	f := newStudyFixture(t, 2)
	points, tsks, sets := f.twoOfThree(t)
	require.Len(t, sets, 3)

	liar := map[uint32]aggregation.ShamirPoint{2: 2}
	f.publish = func(r uint32, _ []float64, rec *cohortv1.DecryptionRecord) []float64 {
		return f.recordSets(t, r, rec, tsks, points, sets, liar[r])
	}
	f.playRound(t, 1, f.honest(t))
	f.playRound(t, 2, f.honest(t))

	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 2)
	assert.Equal(t, Verified, rep.Rounds[0].Verdict, "%v", rep.Rounds[0].Problems)
	assert.Equal(t, rep.Rounds[0].Model, rep.Rounds[0].ModelRecomputed)
	assert.Len(t, rep.Rounds[0].Decrypters, 3)
	assert.Equal(t, Mismatch, rep.Rounds[1].Verdict)
	assert.Contains(t, strings.Join(rep.Rounds[1].Problems, "\n"), "decryptions by different sets of holders disagree")
}

// With exactly t holders there is one decryption set: a holder of it that
// shifts its share moves the published model, and neither the coordinator
// nor the audit can tell (nothing to compare). The audit cannot catch it,
// but it must not pass the model off as checked: it names the round as not
// cross-checked, and a round decrypted by spare holders as cross-checked.
// Round 1: holders at points 1 and 2 of 3 decrypt as one set and holder 2
// shifts its share; round 2: all three decrypt in three sets, honestly.
func TestAuditNamesAModelDecryptedByOneSetAsNotCrossChecked(t *testing.T) {
	f := newStudyFixture(t, 2)
	points, tsks, spare := f.twoOfThree(t)
	one := [][]aggregation.ShamirPoint{{1, 2}}

	var honestModel, published []float64
	f.publish = func(r uint32, next []float64, rec *cohortv1.DecryptionRecord) []float64 {
		if r == 2 {
			return f.recordSets(t, r, rec, tsks, points, spare, 0)
		}
		honestModel = next
		published = f.recordSets(t, r, rec, tsks, points, one, 2)
		return published
	}
	f.playRound(t, 1, f.honest(t))
	f.playRound(t, 2, f.honest(t))
	require.NotEqual(t, honestModel, published, "the shift is published")

	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 2)
	single, checked := rep.Rounds[0], rep.Rounds[1]
	assert.Equal(t, Verified, single.Verdict, "the record opens to the published model: the shift cannot be seen, %v", single.Problems)
	assert.Equal(t, 1, single.DecryptionSets)
	assert.False(t, single.CrossChecked)
	assert.Equal(t, Verified, checked.Verdict, "%v", checked.Problems)
	assert.Equal(t, 3, checked.DecryptionSets)
	assert.True(t, checked.CrossChecked)
	assert.True(t, rep.OK, "not cross-checked is a warning, not a mismatch")
	assert.Equal(t, []uint32{1}, rep.NotCrossChecked())

	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "round 1: the model is not cross-checked: one decryption set of 2 holders decrypted it, so one lying holder among the t could have shifted it")
	assert.NotContains(t, text.String(), "round 2: the model is not cross-checked")
}

// A study whose recipe requires a cross-checked decryption
// (require_cross_check, bound to the chain by the recipe's hash) must
// publish no model one decryption set decrypted: the audit reads the
// recipe from the store and names such a round a mismatch, the
// coordinator's breach of the study's rule, not a warning.
func TestAuditFailsASingleSetRoundOfAStudyRequiringACrossCheck(t *testing.T) {
	recipe := models.DefaultRecipe(4)
	recipe.RequireCrossCheck = true
	canon, err := recipe.Canonical()
	require.NoError(t, err)
	f := newStudyFixtureOf(t, 2, crypto.Keccak256Hash(canon))
	_, err = f.store.Put(canon)
	require.NoError(t, err)
	points, tsks, spare := f.twoOfThree(t)
	f.publish = func(r uint32, _ []float64, rec *cohortv1.DecryptionRecord) []float64 {
		if r == 2 {
			return f.recordSets(t, r, rec, tsks, points, spare, 0)
		}
		return f.recordSets(t, r, rec, tsks, points, [][]aggregation.ShamirPoint{{1, 2}}, 0)
	}
	f.playRound(t, 1, f.honest(t))
	f.playRound(t, 2, f.honest(t))

	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	assert.False(t, rep.OK)
	assertMismatches(t, rep, map[int]string{0: "the study's recipe requires a cross-checked decryption (require_cross_check)"})
	assert.Equal(t, Verified, rep.Rounds[1].Verdict, "%v", rep.Rounds[1].Problems)
}

// Two decryption sets that agree prove nothing about a holder in both: a
// holder at point 1 that shifts each of its shares shifts both sets'
// decryptions alike. The holders are asked sets that leave each of them
// out of one (aggregation.CheckDecryptionSets), so a record whose sets do
// not is one the coordinator kept only part of, and cross-checks nothing.
func TestAuditRefusesDecryptionSetsThatAllHoldOneHolder(t *testing.T) {
	f := newStudyFixture(t, 1)
	points, tsks, _ := f.twoOfThree(t)
	f.publish = func(r uint32, _ []float64, rec *cohortv1.DecryptionRecord) []float64 {
		return f.recordSets(t, r, rec, tsks, points, [][]aggregation.ShamirPoint{{1, 2}, {1, 3}}, 1)
	}
	f.playRound(t, 1, f.honest(t))

	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	assertMismatches(t, rep, map[int]string{0: "point 1 is in every decryption set"})
	assert.Equal(t, 2, rep.Rounds[0].DecryptionSets)
	assert.False(t, rep.Rounds[0].CrossChecked)
	assert.Equal(t, rep.Rounds[0].Model, rep.Rounds[0].ModelRecomputed, "the two sets agree on the shifted model")
}

// Holders give shares for the sets DecryptionSets derives from their
// active points only, and the audit holds the record to them too: four
// holders at threshold 2 are asked {3, 4} and {1, 2}; {1, 3} and {2, 4}
// leave every holder out once as well (they cross-check), but are sets
// holders refuse, each one more smudged sample of a holder's share.
func TestAuditRefusesDecryptionSetsTheActivePointsDoNotDerive(t *testing.T) {
	points := []aggregation.ShamirPoint{1, 2, 3, 4}
	for _, tc := range []struct {
		name    string
		sets    [][]aggregation.ShamirPoint
		problem string // "" : verified
	}{
		{"the derived sets", [][]aggregation.ShamirPoint{{3, 4}, {1, 2}}, ""},
		{"another cover", [][]aggregation.ShamirPoint{{1, 3}, {2, 4}}, "DecryptionSets derives [[3 4] [1 2]]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newStudyFixtureWith(t, 1, common.Hash{1}, 4)
			tsks := f.thresholdKeys(t, 2, points)
			f.publish = func(r uint32, _ []float64, rec *cohortv1.DecryptionRecord) []float64 {
				return f.recordSets(t, r, rec, tsks, points, tc.sets, 0)
			}
			f.playRound(t, 1, f.honest(t))
			rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
			require.NoError(t, err)
			assert.Equal(t, 2, rep.Rounds[0].DecryptionSets)
			assert.True(t, rep.Rounds[0].CrossChecked)
			if tc.problem == "" {
				assert.Equal(t, Verified, rep.Rounds[0].Verdict, "%v", rep.Rounds[0].Problems)
				return
			}
			assertMismatches(t, rep, map[int]string{0: tc.problem})
		})
	}
}

// twoOfThree deals the hospitals' keys to holders at points 1, 2 and 3 at
// threshold 2 and returns the decryption sets a round with a spare holder
// asks (aggregation.DecryptionSets).
func (f *studyFixture) twoOfThree(t *testing.T) ([]aggregation.ShamirPoint, []*aggregation.ThresholdSecretShare, [][]aggregation.ShamirPoint) {
	t.Helper()
	points := []aggregation.ShamirPoint{1, 2, 3}
	sets, err := aggregation.DecryptionSets(points, 2)
	require.NoError(t, err)
	return points, f.thresholdKeys(t, 2, points), sets
}

// thresholdKeys deals every hospital's key to holders at points (one per
// hospital, in order) for threshold decryption, as key generation does.
func (f *studyFixture) thresholdKeys(t *testing.T, threshold int, points []aggregation.ShamirPoint) []*aggregation.ThresholdSecretShare {
	t.Helper()
	dealt := make([]map[aggregation.ShamirPoint]*aggregation.ThresholdShare, len(f.sks))
	for i, sk := range f.sks {
		var err error
		dealt[i], err = f.scheme.GenThresholdShares(sk, threshold, points)
		require.NoError(t, err)
	}
	tsks := make([]*aggregation.ThresholdSecretShare, len(f.sks))
	for j, sk := range f.sks {
		var received []*aggregation.ThresholdShare
		for i := range f.sks {
			received = append(received, dealt[i][points[j]])
		}
		var err error
		tsks[j], err = f.scheme.AggregateThresholdShares(f.pk, sk.ID(), points[j], received)
		require.NoError(t, err)
	}
	return tsks
}

// recordSets replaces rec's shares by the holders' signed threshold
// shares for sets (the holder at point liar, if any, shifting each of
// its shares) and returns what a coordinator that did not compare the
// sets publishes: the first set's decryption, stepped (FedAvg at rate 1).
// The record's first share is holder 1's for its first set.
func (f *studyFixture) recordSets(t *testing.T, r uint32, rec *cohortv1.DecryptionRecord, tsks []*aggregation.ThresholdSecretShare, points []aggregation.ShamirPoint, sets [][]aggregation.ShamirPoint, liar aggregation.ShamirPoint) []float64 {
	t.Helper()
	raw, err := f.store.Get(common.BytesToHash(rec.AggregateHash))
	require.NoError(t, err)
	var agg aggregation.EncryptedVector
	require.NoError(t, agg.UnmarshalBinary(raw))
	rec.Shares = nil
	byHolder, first := f.holderShares(t, tsks, points, sets, liar, &agg)
	for i, shares := range byHolder {
		var sub *cohortv1.DecryptionShareSubmission
		for _, ds := range shares {
			b, err := ds.MarshalBinary()
			require.NoError(t, err)
			signed, err := auth.Sign(f.keys[i], f.study, r, auth.KindDecryptShare, crypto.Keccak256Hash(b))
			require.NoError(t, err)
			if sub == nil {
				sub = &cohortv1.DecryptionShareSubmission{StudyId: f.study, Round: r, AggregateHash: rec.AggregateHash, Share: b, Auth: signed}
			} else {
				sub.More = append(sub.More, &cohortv1.SignedShare{Share: b, Auth: signed})
			}
		}
		if sub != nil {
			rec.Shares = append(rec.Shares, sub)
		}
	}
	avg, err := f.scheme.Decrypt(&agg, first)
	require.NoError(t, err)
	opt, err := aggregation.NewFedOpt(aggregation.DefaultFedOptConfig(aggregation.FedAvg))
	require.NoError(t, err)
	next, err := opt.Step(f.global, avg[:len(f.global)])
	require.NoError(t, err)
	return next
}

// holderShares are the decryption shares of agg each holder (at points,
// with tsks, in order) gives for the sets that hold it, the holder at
// point liar, if any, shifting each of its own; and first, the shares of
// the first set they name in that order, the set a coordinator decodes
// (as aggregation.DecryptChecked does).
func (f *studyFixture) holderShares(t *testing.T, tsks []*aggregation.ThresholdSecretShare, points []aggregation.ShamirPoint, sets [][]aggregation.ShamirPoint, liar aggregation.ShamirPoint, agg *aggregation.EncryptedVector) (byHolder [][]*aggregation.DecryptionShare, first []*aggregation.DecryptionShare) {
	t.Helper()
	var firstSet []aggregation.ShamirPoint
	byHolder = make([][]*aggregation.DecryptionShare, len(tsks))
	for i, tsk := range tsks {
		for _, set := range sets {
			if !slices.Contains(set, points[i]) {
				continue
			}
			ds, err := f.scheme.GenThresholdDecryptionShare(tsk, set, agg)
			require.NoError(t, err)
			if liar == points[i] {
				require.NoError(t, f.scheme.ShiftDecryptionShare(ds, 3, 0.25))
			}
			if firstSet == nil {
				firstSet = set
			}
			if slices.Equal(set, firstSet) {
				first = append(first, ds)
			}
			byHolder[i] = append(byHolder[i], ds)
		}
	}
	return byHolder, first
}

// The metrics a round closes with are the coordinator's to write on chain;
// the audit merges the members' signed evaluations the decryption record
// keeps and names a round whose metrics are not theirs. Round 1 is honest;
// in round 2 the coordinator records a better accuracy than the members
// reported, in round 3 it keeps no evaluations, in round 4 one evaluation
// is signed by someone who never joined, in round 5 one member's
// evaluation is kept twice (its counts weigh double), and in round 6 an
// evaluation of another model is kept.
func TestAuditChecksTheMetrics(t *testing.T) {
	f := newStudyFixture(t, 6)
	outsider, err := crypto.GenerateKey()
	require.NoError(t, err)
	alterations := map[uint32]func(rec *cohortv1.DecryptionRecord, res *contracts.RoundResult){
		2: func(_ *cohortv1.DecryptionRecord, res *contracts.RoundResult) { res.Accuracy = 0.99 },
		3: func(rec *cohortv1.DecryptionRecord, _ *contracts.RoundResult) { rec.Evaluations = nil },
		4: func(rec *cohortv1.DecryptionRecord, _ *contracts.RoundResult) {
			e := rec.Evaluations[0]
			e.Auth, err = auth.Sign(outsider, f.study, 4, auth.KindEvaluation, crypto.Keccak256Hash(e.Evaluation))
			require.NoError(t, err)
		},
		5: func(rec *cohortv1.DecryptionRecord, _ *contracts.RoundResult) {
			rec.Evaluations = append(rec.Evaluations, rec.Evaluations[1])
		},
		6: func(rec *cohortv1.DecryptionRecord, _ *contracts.RoundResult) {
			rec.Evaluations[2].ModelHash = crypto.Keccak256([]byte("another model"))
		},
	}
	rep := f.auditAltered(t, 6, alterations)
	assert.False(t, rep.OK)
	first := rep.Rounds[0]
	assert.Equal(t, Verified, first.Verdict, "%v", first.Problems)
	assert.Len(t, first.Evaluators, 3)
	assert.Equal(t, 12, first.Evaluated, "three members' four test records each")
	assertMismatches(t, rep, map[int]string{
		1: "the chain records accuracy 0.990000, the members' signed evaluations merge to",
		2: "keeps no signed evaluations",
		3: "who never joined the study",
		4: "is the second signed by",
		5: "evaluation 2 is for study",
	})
	for _, r := range rep.Rounds {
		assert.Equal(t, r.Model, r.ModelRecomputed, "round %d: the model itself is honest", r.Round)
	}
}

// auditAltered plays rounds honest rounds whose kept evaluations and
// metrics alterations[r] alters (the coordinator's report), then audits
// the study.
func (f *studyFixture) auditAltered(t *testing.T, rounds uint32, alterations map[uint32]func(*cohortv1.DecryptionRecord, *contracts.RoundResult)) *Report {
	t.Helper()
	f.report = func(r uint32, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
		if alter, ok := alterations[r]; ok {
			alter(rec, res)
		}
	}
	for r := uint32(1); r <= rounds; r++ {
		f.playRound(t, r, f.honest(t))
	}
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, int(rounds))
	return rep
}

// assertMismatches checks that each round at index i of rep is a
// mismatch whose problems say want[i].
func assertMismatches(t *testing.T, rep *Report, want map[int]string) {
	t.Helper()
	for i, w := range want {
		r := rep.Rounds[i]
		assert.Equal(t, Mismatch, r.Verdict, "round %d", r.Round)
		assert.Contains(t, strings.Join(r.Problems, "\n"), w, "round %d", r.Round)
	}
}

// A member's evaluation counts at most the training samples it committed
// in the round (the coordinator refuses more). A coordinator that let one
// through anyway, closing the round with the metrics the inflated count
// sets (the merge of the kept evaluations, so the metrics check alone
// passes), fails the audit with a problem naming the count and the bound;
// an evaluation at the bound passes. The hospitals commit 100, 250 and 650
// samples each round.
func TestAuditChecksEvaluationsAgainstTheCommittedCounts(t *testing.T) {
	f := newStudyFixture(t, 3)
	scored := func(n int) models.Evaluation {
		probs, labels := make([]float64, n), make([]float64, n)
		for i := range probs {
			labels[i] = float64(i % 2)
			probs[i] = 0.1 + 0.8*labels[i]
		}
		return models.Evaluate(probs, labels)
	}
	// replace puts a perfect evaluation of n records, signed by the first
	// hospital, in place of its own, and closes with the kept evaluations'
	// merge.
	replace := func(n int) func(uint32, *cohortv1.DecryptionRecord, *contracts.RoundResult) {
		return func(r uint32, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
			raw, err := json.Marshal(scored(n))
			require.NoError(t, err)
			e := rec.Evaluations[0]
			e.Evaluation = raw
			e.Auth, err = auth.Sign(f.keys[0], f.study, r, auth.KindEvaluation, crypto.Keccak256Hash(raw))
			require.NoError(t, err)
			closeWithMerge(t, rec, res)
		}
	}
	alterations := map[uint32]func(uint32, *cohortv1.DecryptionRecord, *contracts.RoundResult){
		2: replace(100), // at the bound
		3: replace(1000),
	}
	f.report = func(r uint32, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
		if alter, ok := alterations[r]; ok {
			alter(r, rec, res)
		}
	}
	for r := uint32(1); r <= 3; r++ {
		f.playRound(t, r, f.honest(t))
	}
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 3)
	assert.False(t, rep.OK)
	for _, i := range []int{0, 1} {
		assert.Equal(t, Verified, rep.Rounds[i].Verdict, "round %d: %v", i+1, rep.Rounds[i].Problems)
	}
	assert.Equal(t, 108, rep.Rounds[1].Evaluated, "the first hospital's 100 records and the others' 4 each")
	third := rep.Rounds[2]
	assertMismatches(t, rep, map[int]string{
		2: "the evaluation signed by " + f.hospitals[0].Address().Hex() + " counts 1000 test records, over the 100 training samples it committed in round 3",
	})
	assert.Len(t, third.Problems, 1, "the metrics are the kept evaluations' merge: only the bound fails")
	assert.Greater(t, f.accuracy(t, 3), 0.99, "the inflated evaluation set the chain's accuracy")
}

// TestAuditRefusesAnEvaluationFromANonContributor: in round 2 the third
// hospital commits no update, yet the record keeps its evaluation (of
// only 4 test records) and the chain's metrics merge it. Only the round's
// contributors evaluate its model: nothing on chain bounds what a
// non-contributor's evaluation weighs.
func TestAuditRefusesAnEvaluationFromANonContributor(t *testing.T) {
	f := newStudyFixture(t, 2)
	f.absent = map[uint32]int{2: 2}
	for r := uint32(1); r <= 2; r++ {
		f.playRound(t, r, f.honest(t))
	}
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 2)
	assert.Equal(t, Verified, rep.Rounds[0].Verdict, "%v", rep.Rounds[0].Problems)
	absent := f.hospitals[2].Address().Hex()
	assertMismatches(t, rep, map[int]string{
		1: "the evaluation signed by " + absent + " counts 4 test records, but " + absent + " committed no update in round 2",
	})
	assert.Len(t, rep.Rounds[1].Problems, 1, "the aggregate, its weights and the metrics' merge are right: only the evaluator is not a contributor")
}

// closeWithMerge sets res's metrics to the merge of the evaluations rec
// keeps, as a coordinator closing with the kept evaluations does.
func closeWithMerge(t *testing.T, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
	t.Helper()
	var merged models.Evaluation
	for _, e := range rec.Evaluations {
		var ev models.Evaluation
		require.NoError(t, json.Unmarshal(e.Evaluation, &ev))
		require.NoError(t, merged.Merge(ev))
	}
	res.Accuracy, res.AUC, res.Loss = merged.Accuracy(), merged.AUC(), merged.LogLoss()
}

// accuracy is the accuracy round r closed with on chain.
func (f *studyFixture) accuracy(t *testing.T, r uint32) float64 {
	t.Helper()
	info, err := f.ledger.Round(f.ctx, f.study, r)
	require.NoError(t, err)
	return info.Result.Accuracy
}

// TestAuditRefusesAnEvaluationFromAMemberTheRoundDiscarded: in round 2 the
// coordinator records robust scores that flag the first hospital and
// weigh its update 0, and sums the aggregate with those weights (both
// right), but the record keeps the flagged hospital's evaluation and the
// chain's metrics merge it. Only members whose updates weigh in the model
// evaluate it: a discarded attacker would otherwise still set part of the
// metrics.
func TestAuditRefusesAnEvaluationFromAMemberTheRoundDiscarded(t *testing.T) {
	f := newStudyFixture(t, 2)
	f.playRound(t, 1, f.honest(t))
	f.playRound(t, 2, func(updates []*aggregation.EncryptedVector, _ []float64) *aggregation.EncryptedVector {
		weights := []float64{0, 250.0 / 900, 650.0 / 900}
		scores := make([]contracts.Score, len(weights))
		for i := range weights {
			weights[i] = math.Floor(weights[i]*contracts.MetricUnit) / contracts.MetricUnit
			scores[i] = contracts.Score{Member: f.hospitals[i].Address(), Score: 0.5, Weight: weights[i], Flagged: i == 0}
		}
		scores[0].Score = -0.5
		_, err := f.ledger.RecordScores(f.ctx, f.coord, f.study, 2, scores)
		require.NoError(t, err)
		agg, err := f.scheme.WeightedSum(updates, weights)
		require.NoError(t, err)
		return agg
	})
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 2)
	assert.Equal(t, Verified, rep.Rounds[0].Verdict, "%v", rep.Rounds[0].Problems)
	flagged := f.hospitals[0].Address().Hex()
	assertMismatches(t, rep, map[int]string{
		1: "the evaluation signed by " + flagged + " counts 4 test records, but the chain weighs its update 0 in round 2",
	})
	assert.Len(t, rep.Rounds[1].Problems, 1, "the aggregate, its weights and the metrics' merge are right: only the evaluator's update was discarded")
}

// TestAuditRefusesAnEvaluationFromAMemberNotSummed: in round 2 every
// hospital commits, but the aggregate sums only the last two (the first
// one's upload never came, say), weighed by their committed counts; the
// record keeps the first hospital's evaluation anyway.
func TestAuditRefusesAnEvaluationFromAMemberNotSummed(t *testing.T) {
	f := newStudyFixture(t, 2)
	f.playRound(t, 1, f.honest(t))
	f.playRound(t, 2, func(updates []*aggregation.EncryptedVector, _ []float64) *aggregation.EncryptedVector {
		agg, err := f.scheme.WeightedSum(updates[1:], []float64{250.0 / 900, 650.0 / 900})
		require.NoError(t, err)
		return agg
	})
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 2)
	left := f.hospitals[0].Address().Hex()
	assertMismatches(t, rep, map[int]string{
		1: "the evaluation signed by " + left + " counts 4 test records, but its update is not summed in round 2's aggregate",
	})
}

// TestAuditNamesContributorsTheMetricsLeaveOut: a coordinator that leaves
// a contributor's evaluation out of the metrics (re-merging the others, so
// the metrics check passes) is not caught by the merge; the audit names
// the member the metrics leave out, and whether the record keeps its
// signed decline, which a coordinator cannot make up.
func TestAuditNamesContributorsTheMetricsLeaveOut(t *testing.T) {
	f := newStudyFixture(t, 5)
	outsider, err := crypto.GenerateKey()
	require.NoError(t, err)
	decline := func(key *ecdsa.PrivateKey, r uint32, reason string) *cohortv1.TaskDecline {
		signed, err := auth.Sign(key, f.study, r, auth.KindDecline, auth.DeclineContent(string(protocol.Evaluate), reason))
		require.NoError(t, err)
		return &cohortv1.TaskDecline{StudyId: f.study, Round: r, Phase: string(protocol.Evaluate), Reason: reason, Auth: signed}
	}
	// drop leaves hospital i's evaluation out and closes with the merge of
	// the others.
	drop := func(i int, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
		rec.Evaluations = slices.Delete(rec.Evaluations, i, i+1)
		closeWithMerge(t, rec, res)
	}
	alterations := map[uint32]func(rec *cohortv1.DecryptionRecord, res *contracts.RoundResult){
		2: func(rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) { drop(0, rec, res) },
		3: func(rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
			drop(1, rec, res)
			rec.EvaluationDeclines = append(rec.EvaluationDeclines, decline(f.keys[1], 3, "records unreadable"))
		},
		4: func(rec *cohortv1.DecryptionRecord, _ *contracts.RoundResult) {
			rec.EvaluationDeclines = append(rec.EvaluationDeclines, decline(f.keys[2], 4, "made up"))
		},
		5: func(rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
			drop(0, rec, res)
			rec.EvaluationDeclines = append(rec.EvaluationDeclines, decline(outsider, 5, "made up"))
		},
	}
	rep := f.auditAltered(t, 5, alterations)
	for _, i := range []int{0, 1, 2} {
		assert.Equal(t, Verified, rep.Rounds[i].Verdict, "round %d: %v", i+1, rep.Rounds[i].Problems)
	}
	assert.Empty(t, rep.Rounds[0].Unevaluated, "every contributor evaluated")
	assert.Equal(t, []Unevaluated{{Member: f.hospitals[0].Address()}}, rep.Rounds[1].Unevaluated, "left out, no decline kept")
	assert.Equal(t, []Unevaluated{{Member: f.hospitals[1].Address(), Declined: true, Reason: "records unreadable"}}, rep.Rounds[2].Unevaluated)
	assertMismatches(t, rep, map[int]string{
		3: "keeps a decline of the evaluate task by " + f.hospitals[2].Address().Hex() + ", whose evaluation it also keeps",
		4: "who never joined the study",
	})
	assert.Equal(t, []Unevaluated{{Member: f.hospitals[0].Address()}}, rep.Rounds[4].Unevaluated, "a forged decline does not count")

	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "round 2: the metrics leave out "+f.hospitals[0].Address().Hex()+", whose update weighs in the model: the record keeps neither its evaluation nor a signed decline")
	assert.Contains(t, text.String(), "round 3: the metrics leave out "+f.hospitals[1].Address().Hex()+", which declined to evaluate the model (signed): \"records unreadable\"")
}

// Evaluations saved before TruePos and TrueNeg existed have neither field
// in their JSON, and the audit refused them as inconsistent (0 true
// positives where the histograms give more), failing an old study on
// records valid when written. In round 2 every kept evaluation is of that
// form, signed as such, and the audit verifies it (the counts derived from
// its histograms); in round 3 the first is of that form with a correct
// count its histograms do not give, and the audit names it.
func TestAuditReadsEvaluationsSavedBeforeTruePos(t *testing.T) {
	f := newStudyFixture(t, 3)
	legacy := func(correct func(int) int) func(uint32, *cohortv1.DecryptionRecord, *contracts.RoundResult) {
		return func(r uint32, rec *cohortv1.DecryptionRecord, _ *contracts.RoundResult) {
			for i, e := range rec.Evaluations {
				var m map[string]any
				require.NoError(t, json.Unmarshal(e.Evaluation, &m))
				delete(m, "true_pos")
				delete(m, "true_neg")
				m["correct"] = correct(i) + int(m["correct"].(float64))
				raw, err := json.Marshal(m)
				require.NoError(t, err)
				e.Evaluation = raw
				e.Auth, err = auth.Sign(f.keys[i], f.study, r, auth.KindEvaluation, crypto.Keccak256Hash(raw))
				require.NoError(t, err)
			}
		}
	}
	f.report = func(r uint32, rec *cohortv1.DecryptionRecord, res *contracts.RoundResult) {
		switch r {
		case 2:
			legacy(func(int) int { return 0 })(r, rec, res)
		case 3:
			legacy(func(i int) int { // the first's correct count one more
				if i == 0 {
					return 1
				}
				return 0
			})(r, rec, res)
		}
	}
	for r := uint32(1); r <= 3; r++ {
		f.playRound(t, r, f.honest(t))
	}
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 3)
	for _, i := range []int{0, 1} {
		assert.Equal(t, Verified, rep.Rounds[i].Verdict, "round %d: %v", i+1, rep.Rounds[i].Problems)
	}
	assert.Equal(t, 12, rep.Rounds[1].Evaluated)
	assertMismatches(t, rep, map[int]string{
		2: "the evaluation signed by " + f.hospitals[0].Address().Hex() + " is inconsistent",
	})
}
