package coordinator

import (
	"context"
	"fmt"
	"math"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// maxRecordedScore is the contract's bound on a recorded score.
const maxRecordedScore = 2147

// publishRoot puts the root data set in the blob store, where members fetch
// it to recompute reference updates, after checking that it is the one the
// study committed to.
func (c *Coordinator) publishRoot(commitment common.Hash) error {
	b, err := c.cfg.Root.MarshalBinary()
	if err != nil {
		return fmt.Errorf("coordinator: root data set: %w", err)
	}
	if h := crypto.Keccak256Hash(b); h != commitment {
		return fmt.Errorf("coordinator: root data set hashes to %s, study %d committed to %s; use the researcher's root data set", h.Hex(), c.cfg.StudyID, commitment.Hex())
	}
	_, err = c.store.Put(b)
	return err
}

// inGoodStanding returns the members that are not suspended from the study
// (by flags of robust scoring or by reported violations).
func (c *Coordinator) inGoodStanding(ctx context.Context, members []common.Address) ([]common.Address, error) {
	out := make([]common.Address, 0, len(members))
	for _, m := range members {
		p, err := c.ledger.Participant(ctx, c.cfg.StudyID, m)
		if err != nil {
			return nil, fmt.Errorf("read standing of %s: %w", m.Hex(), err)
		}
		if p.Suspended {
			c.log.Warn("member suspended from the study; not asked for an update", "participant", m.Hex(), "strikes", p.Strikes)
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

// score scores every update of the round against the reference update under
// encryption, has only the scores decrypted, and turns them into trust
// weights, which it records on chain with the flags (strikes follow) and
// puts in rep.Weights. It returns the evidence share holders need to
// re-derive the weights before they decrypt the aggregate (nil in plaintext
// test mode, where nothing is decrypted).
func (c *Coordinator) score(ctx context.Context, r uint32, global []float64, rep *RoundReport, updates [][]byte, counts []float64) (*cohortv1.TrustEvidence, error) {
	committed := make([]common.Hash, len(updates))
	for i, u := range updates {
		committed[i] = aggregation.ContentHash(u)
	}
	reference, err := models.ReferenceUpdate(ctx, c.cfg.Spec, global, *c.cfg.Root, models.ReferenceTrainConfig(r))
	if err != nil {
		return nil, err
	}
	seed := aggregation.ScoringSeed(c.cfg.StudyID, r, committed)
	k := aggregation.DefaultProjectionsFor(len(global))

	var scores []aggregation.Scores
	var refNorm float64
	var evidence *cohortv1.TrustEvidence
	if c.scheme == nil { // plaintext test mode: the same scores, in the clear
		encoder, err := aggregation.NewScheme(aggregation.DefaultConfig())
		if err != nil {
			return nil, err
		}
		refs, err := encoder.NewReferences(reference, seed, k)
		if err != nil {
			return nil, err
		}
		refNorm = refs.ReferenceNorm()
		for _, u := range updates {
			v, err := models.DecodeParams(u)
			if err != nil {
				return nil, err
			}
			sc, err := aggregation.PlainScores(v, refs)
			if err != nil {
				return nil, err
			}
			scores = append(scores, sc)
		}
	} else {
		if scores, refNorm, evidence, err = c.encryptedScores(ctx, r, rep.Contributors, updates, reference, seed, k); err != nil {
			return nil, err
		}
		evidence.PolicyHash = c.policy.Hash().Bytes()
	}

	samples := make([]uint64, len(counts))
	for i, n := range counts {
		samples[i] = uint64(n)
	}
	// Participants refuse to decrypt an aggregate that weights fewer
	// updates than the study's minimum, so that is the floor here too. The
	// chain keeps weights to 6 decimals; the aggregate uses exactly the
	// recorded values (rounded down, so they still sum to at most 1), which
	// is what lets participants check them.
	trust, weights, err := c.policy.RoundWeights(scores, refNorm, samples, c.minParticipants, contracts.MetricUnit)
	if err != nil {
		return nil, err
	}
	record := make([]contracts.Score, len(weights))
	rep.Trust, rep.Flagged = trust, nil
	for i := range weights {
		record[i] = contracts.Score{
			Member: rep.Contributors[i], Weight: weights[i], Flagged: trust[i].Flagged(),
			Score: math.Max(-maxRecordedScore, math.Min(maxRecordedScore, trust[i].Cosine)),
		}
		c.log.Info("update scored", "round", r, "participant", rep.Contributors[i].Hex(), "cosine", trust[i].Cosine, "norm_ratio", trust[i].NormRatio, "norm_to_median", trust[i].NormToMedian, "direction", trust[i].Direction, "weight", weights[i])
		if trust[i].Flagged() {
			rep.Flagged = append(rep.Flagged, rep.Contributors[i])
			c.log.Warn("update flagged", "round", r, "participant", rep.Contributors[i].Hex(), "cosine", trust[i].Cosine, "norm_ratio", trust[i].NormRatio, "norm_z", trust[i].NormZ, "direction_z", trust[i].DirectionZ, "flags", trust[i].Flags.String())
		}
	}
	rc, err := c.ledger.RecordScores(ctx, c.account, c.cfg.StudyID, r, record)
	if err != nil {
		return nil, fmt.Errorf("record scores on chain: %w", err)
	}
	rep.GasUsed += rc.GasUsed
	rep.Weights = weights
	return evidence, nil
}

// encryptedScores computes the score sets, asks t share holders for scalar
// decryption shares and decrypts the scores.
// Its evidence lets share holders recombine the same scores.
func (c *Coordinator) encryptedScores(ctx context.Context, r uint32, contributors []common.Address, updates [][]byte, reference []float64, seed [32]byte, k int) ([]aggregation.Scores, float64, *cohortv1.TrustEvidence, error) {
	refs, err := c.scheme.NewReferences(reference, seed, k)
	if err != nil {
		return nil, 0, nil, err
	}
	sets := make([]*aggregation.ScoreSet, len(updates))
	task := &cohortv1.ScoreTask{StudyId: c.cfg.StudyID, Round: r, ReferencesHash: refs.Hash().Bytes(), Seed: seed[:], Projections: uint32(k)}
	for i, u := range updates {
		var v aggregation.EncryptedVector
		if err := v.UnmarshalBinary(u); err != nil {
			return nil, 0, nil, fmt.Errorf("%w: update of %s: %v", ErrMalformed, contributors[i].Hex(), err)
		}
		if sets[i], err = c.scheme.Score(&v, refs); err != nil {
			return nil, 0, nil, err
		}
		b, err := sets[i].MarshalBinary()
		if err != nil {
			return nil, 0, nil, err
		}
		h, err := c.store.Put(b)
		if err != nil {
			return nil, 0, nil, err
		}
		task.Contributors = append(task.Contributors, contributors[i].Bytes())
		task.ScoreSetHashes = append(task.ScoreSetHashes, h.Bytes())
	}
	_, answers, err := c.askSet(ctx, r, contributors, nil, func(active []common.Address, points []uint64) activeStep {
		return newScoreStep(c.cfg.StudyID, task, active, points)
	})
	if err != nil {
		return nil, 0, nil, err
	}
	// answers[h] holds holder h's shares, one per contributor.
	perContributor := make([][]*aggregation.ScoreShare, len(updates))
	for _, raw := range answers {
		var sub cohortv1.ScoreSharesSubmission
		if err := proto.Unmarshal(raw, &sub); err != nil {
			return nil, 0, nil, fmt.Errorf("%w: score shares: %v", ErrMalformed, err)
		}
		for j, b := range sub.GetShares() {
			sh := new(aggregation.ScoreShare)
			if err := sh.UnmarshalBinary(b); err != nil {
				return nil, 0, nil, fmt.Errorf("%w: score share: %v", ErrMalformed, err)
			}
			perContributor[j] = append(perContributor[j], sh)
		}
	}
	scores := make([]aggregation.Scores, len(updates))
	for j := range updates {
		if scores[j], err = c.scheme.DecryptScores(sets[j], refs, perContributor[j]); err != nil {
			return nil, 0, nil, fmt.Errorf("decrypt scores of %s: %w", contributors[j].Hex(), err)
		}
	}
	evidence := &cohortv1.TrustEvidence{
		ReferencesHash: task.ReferencesHash, Seed: task.Seed, Projections: task.Projections,
		ScoreSetHashes: task.ScoreSetHashes, ScoreSubmissions: answers,
	}
	return scores, refs.ReferenceNorm(), evidence, nil
}
