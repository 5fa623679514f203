package participant

import (
	"math"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// A record whose consent bounds ε is trained on while the study's ε after
// the round stays within the bound, then left out like a revoked one; a
// round past the study's own budget is refused.
func TestWithinPrivacyBudget(t *testing.T) {
	cfg := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 3, Delta: 1e-5}}
	spent1, err := models.PrivacySpent(cfg, 1)
	require.NoError(t, err)
	spent2, err := models.PrivacySpent(cfg, 2)
	require.NoError(t, err)
	require.Less(t, spent2, cfg.Privacy.Epsilon, "two rounds fit the study's budget")
	bound := (spent1 + spent2) / 2
	recs := []records.Record{{ID: "free"}, {ID: "strict", MaxEpsilon: bound}, {ID: "loose", MaxEpsilon: 100}}

	kept, spent, err := withinPrivacyBudget(cfg, 1, recs)
	require.NoError(t, err)
	assert.Equal(t, spent1, spent)
	assert.Equal(t, []string{"free", "strict", "loose"}, records.IDs(kept), "round 1 stays within every bound")

	kept, _, err = withinPrivacyBudget(cfg, 2, recs)
	require.NoError(t, err)
	assert.Equal(t, []string{"free", "loose"}, records.IDs(kept), "round 2 would pass the strict consent's bound")

	_, _, err = withinPrivacyBudget(cfg, 2, recs[1:2])
	require.ErrorIs(t, err, ErrPrivacyBudget, "no record left to train on")

	var last int
	for r := 1; ; r++ {
		if s, _ := models.PrivacySpent(cfg, r); s > cfg.Privacy.Epsilon {
			last = r
			break
		}
	}
	_, _, err = withinPrivacyBudget(cfg, uint32(last), recs)
	require.ErrorIs(t, err, ErrPrivacyBudget, "round %d passes the study's budget", last)
	assert.Contains(t, err.Error(), "above its budget of 3")

}

// A study that trains without differential privacy gives no ε bound at
// all, so it honours none: a record whose patient signed one is left out
// from round 1, like a revoked one, and a round whose every record is
// bounded is refused, saying why.
func TestWithinPrivacyBudgetWithoutDifferentialPrivacy(t *testing.T) {
	cfg := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam}
	recs := []records.Record{{ID: "free"}, {ID: "strict", MaxEpsilon: 0.5}, {ID: "loose", MaxEpsilon: 20}}

	kept, _, err := withinPrivacyBudget(cfg, 1, recs)
	require.NoError(t, err)
	assert.Equal(t, []string{"free"}, records.IDs(kept), "a bounded patient did not consent to an unbounded ε")

	_, _, err = withinPrivacyBudget(cfg, 1, recs[1:])
	require.ErrorIs(t, err, ErrPrivacyBudget, "no record left to train on")
	assert.Contains(t, err.Error(), "without differential privacy")
}

// A hospital checks the chain's record of the study's privacy before it
// trains: the budget must be its recipe's, and the round must have been
// opened recording at least the ε its own training reaches.
func TestCheckPrivacyOnChain(t *testing.T) {
	f := newConsentChain(t) // a study without a budget
	tc := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 3, Delta: 1e-5}}
	p := quietParticipant(f, records.Site{Name: "h"}, ConsentLocal, "")
	f.openRound(t, 1)
	r1, err := f.ledger.Round(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	require.NoError(t, p.checkPrivacyOnChain(f.ctx, r1), "no budget, no DP-SGD: nothing to check")
	p.training = tc
	require.ErrorIs(t, p.checkPrivacyOnChain(f.ctx, r1), ErrChainMismatch, "a DP recipe in a study without a budget on chain")

	// A study with the recipe's budget, whose coordinator understates round 1.
	id, _, err := f.ledger.CreateStudy(f.ctx, f.hospital, contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: f.purpose, Rounds: 5, MinParticipants: 1, Threshold: 1, StrikeLimit: 3,
		ReferenceCommitment: common.Hash{2}, Coordinator: f.coord.Address(), Privacy: contracts.PrivacyBudget{Epsilon: 3, Delta: 1e-5},
	})
	require.NoError(t, err)
	_, err = f.ledger.JoinStudy(f.ctx, f.hospital, id)
	require.NoError(t, err)
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, common.Hash{3})
	require.NoError(t, err)
	spent, err := models.PrivacySpent(tc, 1)
	require.NoError(t, err)
	_, err = f.ledger.OpenPrivateRound(f.ctx, f.coord, id, 1, common.Hash{9}, time.Now().Add(time.Hour), spent*0.9)
	require.NoError(t, err)
	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	p.cfg.StudyID, p.studyID = id, id
	err = p.checkPrivacyOnChain(f.ctx, r)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Contains(t, err.Error(), "round 1 opened recording ε")
	r.EpsilonSpent = spent // as an honest coordinator records it
	require.NoError(t, p.checkPrivacyOnChain(f.ctx, r))

	other := tc
	op := *tc.Privacy
	op.Epsilon = 8
	other.Privacy = &op
	p.training = other
	err = p.checkPrivacyOnChain(f.ctx, r)
	require.ErrorIs(t, err, ErrChainMismatch, "a recipe with another budget")
	assert.Contains(t, err.Error(), "budget on chain is ε 3")

	// Distributed noise sized for 2 contributors, in a study that lets a
	// round close with 1: refused, the published model could carry half
	// the noise the budget counts on.
	dist := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 1, Optimizer: models.OptimizerSGD,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 3, Delta: 1e-5,
			Mechanism: models.MechanismDistributed, MinContributors: 2}}
	p.training = dist
	err = p.checkPrivacyOnChain(f.ctx, r)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Contains(t, err.Error(), "counts on at least min_contributors 2")
	dist.Privacy.MinContributors = 1
	p.training = dist
	require.NoError(t, p.checkPrivacyOnChain(f.ctx, r), "one step per round spends less than the chain records")

	// Nor does such a hospital help decrypt robust scores of single updates.
	_, err = p.steps.scorePrecheck(&cohortv1.ScoreTask{StudyId: id, Round: 1})
	require.ErrorIs(t, err, models.ErrRobustDistributedDP)
}

// The ε bound a patient signs on chain decides: a record is trained on while
// the study's ε after the round stays within it, then left out like a
// revoked one, whatever the site's own column says.
func TestChainConsentEpsilonBound(t *testing.T) {
	f := newConsentChain(t)
	cfg := models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: models.OptimizerAdam,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 1.5, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 3, Delta: 1e-5}}
	spent1, err := models.PrivacySpent(cfg, 1)
	require.NoError(t, err)
	spent2, err := models.PrivacySpent(cfg, 2)
	require.NoError(t, err)
	strict := math.Round((spent1+spent2)/2*100) / 100 // bounds are signed in hundredths
	require.True(t, spent1 < strict && strict < spent2, "%v < %v < %v", spent1, strict, spent2)
	bounds := map[string]float64{"free": 0, "strict": strict, "loose": 20}
	site := records.Site{Name: "h"}
	domain, err := f.ledger.ConsentDomain(f.ctx)
	require.NoError(t, err)
	for _, name := range []string{"free", "strict", "loose"} {
		key := mustKey(t)
		patient := records.PatientID(crypto.PubkeyToAddress(key.PublicKey))
		s, err := contracts.SignConsent(key, domain, contracts.ConsentChange{Patient: patient, Scope: contracts.ConsentScope{StudyID: f.studyID},
			Granted: true, Expiry: time.Now().Add(365 * 24 * time.Hour), MaxEpsilon: bounds[name]})
		require.NoError(t, err)
		_, err = f.ledger.RelayConsent(f.ctx, f.hospital, s)
		require.NoError(t, err)
		// The site's column claims a loose bound: the chain's decides.
		site.Train = append(site.Train, records.Record{ID: name, Features: []float64{1}, Patient: patient, MaxEpsilon: 50})
	}
	p := quietParticipant(f, site, ConsentChain, "")
	kept := func(round uint32) []string {
		t.Helper()
		train, _, err := p.consented(f.ctx, round)
		require.NoError(t, err)
		for _, r := range train {
			assert.InDelta(t, bounds[r.ID], r.MaxEpsilon, 1e-6, "record %s's bound is the one signed on chain", r.ID)
		}
		used, _, err := withinPrivacyBudget(cfg, round, train)
		require.NoError(t, err)
		return records.IDs(used)
	}
	f.openRound(t, 1)
	assert.Equal(t, []string{"free", "strict", "loose"}, kept(1), "round 1 stays within every bound")
	_, err = f.ledger.CommitUpdate(f.ctx, f.hospital, f.studyID, 1, contracts.Commitment{CiphertextHash: common.Hash{9}, Samples: 3, ConsentRoot: common.Hash{8}})
	require.NoError(t, err)
	f.closeRound(t, 1)
	f.openRound(t, 2)
	assert.Equal(t, []string{"free", "loose"}, kept(2), "round 2 would pass the strict patient's signed bound")
}
