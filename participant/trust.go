package participant

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// weightTolerance is how far a robust weight may be from the one this node
// re-derives: one unit of the chain's fixed point, since a weight floored to
// it can land on either side of a boundary.
const weightTolerance = 1.0/contracts.MetricUnit + 1e-12

// checkTrust re-derives a robust round's trust weights before this node
// helps decrypt its aggregate: it recombines every contributor's scores from
// the score shares the holders signed (the coordinator cannot forge them),
// runs the study's robust policy over the whole round with the committed
// sample counts, and refuses if any weight of the task differs. Without it a
// coordinator could record skewed non-zero weights that emphasise one update.
func (p *Participant) checkTrust(ctx context.Context, round uint32, t *cohortv1.DecryptTask, samples []uint64) error {
	ev := t.GetTrust()
	if ev == nil {
		return fmt.Errorf("%w: the round %d aggregate has robust weights but the decrypt task carries no trust evidence to re-derive them", ErrChainMismatch, round)
	}
	if p.policy == nil {
		return fmt.Errorf("participant %s: no robust policy configured", p.cfg.Name)
	}
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if h := study.RobustPolicyHash; h != (common.Hash{}) && h != p.policy.Hash() {
		return fmt.Errorf("%w: the chain records robust policy %s for the study, this node's is %s; configure the study's robust policy (Config.Robust)", ErrRobustPolicy, h.Hex(), p.policy.Hash().Hex())
	}
	if got := common.BytesToHash(ev.GetPolicyHash()); got != p.policy.Hash() {
		return fmt.Errorf("%w: the coordinator weighs updates by robust policy %s, this node's is %s; configure the study's robust policy (Config.Robust)", ErrRobustPolicy, got.Hex(), p.policy.Hash().Hex())
	}
	n := len(t.GetContributors())
	if len(ev.GetScoreSetHashes()) != n {
		return fmt.Errorf("%w: trust evidence has %d score sets for %d contributors", ErrChainMismatch, len(ev.GetScoreSetHashes()), n)
	}
	scheme, ok := p.sealer.(*homomorphicSealer)
	if !ok || scheme.threshold == nil {
		return fmt.Errorf("participant %s: robust weights need a threshold key to check", p.cfg.Name)
	}
	refs, _, err := p.roundReferences(ctx, scheme.scheme, round, t.GetContributors(), ev.GetSeed(), ev.GetProjections(), ev.GetReferencesHash())
	if err != nil {
		return err
	}
	shares, err := p.scoreShares(ctx, round, ev.GetScoreSubmissions(), n)
	if err != nil {
		return err
	}
	scores := make([]aggregation.Scores, n)
	for j, h := range ev.GetScoreSetHashes() {
		addr := common.BytesToAddress(t.GetContributors()[j])
		b, err := p.fetch(ctx, common.BytesToHash(h))
		if err != nil {
			return err
		}
		var set aggregation.ScoreSet
		if err := set.UnmarshalBinary(b); err != nil {
			return fmt.Errorf("%w: score set of %s: %v", ErrChainMismatch, addr.Hex(), err)
		}
		// DecryptScores refuses shares bound to another score set; the
		// holders that signed them recomputed the set from the update.
		if scores[j], err = scheme.scheme.DecryptScores(&set, refs, shares[j]); err != nil {
			return fmt.Errorf("%w: scores of %s: %v", ErrChainMismatch, addr.Hex(), err)
		}
	}
	_, weights, err := p.policy.RoundWeights(scores, refs.ReferenceNorm(), samples, int(study.MinParticipants), contracts.MetricUnit)
	if err != nil {
		return fmt.Errorf("%w: the round %d scores give no robust weights: %v", ErrChainMismatch, round, err)
	}
	var wrong []string
	for i, w := range t.GetWeights() {
		if math.Abs(w-weights[i]) > weightTolerance {
			wrong = append(wrong, fmt.Sprintf("weight of %s is %g, but the decrypted scores and the study's robust policy give %g",
				common.BytesToAddress(t.GetContributors()[i]).Hex(), w, weights[i]))
		}
	}
	if len(wrong) > 0 {
		return fmt.Errorf("%w: round %d: %s; refusing to decrypt", ErrChainMismatch, round, strings.Join(wrong, "; "))
	}
	return nil
}

// scoreShares checks the holders' signed score share submissions (each from
// a distinct current participant, for this study and round, one share per
// contributor) and returns the shares by contributor.
func (p *Participant) scoreShares(ctx context.Context, round uint32, submissions [][]byte, n int) ([][]*aggregation.ScoreShare, error) {
	if len(submissions) == 0 {
		return nil, fmt.Errorf("%w: trust evidence carries no score shares", ErrChainMismatch)
	}
	out := make([][]*aggregation.ScoreShare, n)
	signers := make(map[common.Address]bool, len(submissions))
	for _, raw := range submissions {
		var sub cohortv1.ScoreSharesSubmission
		if err := proto.Unmarshal(raw, &sub); err != nil {
			return nil, fmt.Errorf("%w: score share submission: %v", ErrChainMismatch, err)
		}
		if sub.GetStudyId() != p.cfg.StudyID || sub.GetRound() != round {
			return nil, fmt.Errorf("%w: score shares of study %d round %d offered for study %d round %d", ErrChainMismatch, sub.GetStudyId(), sub.GetRound(), p.cfg.StudyID, round)
		}
		addr, err := auth.Verify(sub.GetAuth(), p.cfg.StudyID, round, auth.KindScoreShares, crypto.Keccak256Hash(sub.GetShares()...))
		if err != nil {
			return nil, fmt.Errorf("%w: score shares: %w", ErrChainMismatch, err)
		}
		if signers[addr] {
			return nil, fmt.Errorf("%w: score shares of %s given twice", ErrChainMismatch, addr.Hex())
		}
		signers[addr] = true
		member, err := p.ledger.IsParticipant(ctx, p.cfg.StudyID, addr)
		if err != nil {
			return nil, fmt.Errorf("participant %s: read participation of %s: %w", p.cfg.Name, addr.Hex(), err)
		}
		if !member {
			return nil, fmt.Errorf("%w: score shares signed by %s, not a participant of study %d", ErrChainMismatch, addr.Hex(), p.cfg.StudyID)
		}
		if len(sub.GetShares()) != n {
			return nil, fmt.Errorf("%w: %s gave %d score shares for %d contributors", ErrChainMismatch, addr.Hex(), len(sub.GetShares()), n)
		}
		for j, b := range sub.GetShares() {
			sh := new(aggregation.ScoreShare)
			if err := sh.UnmarshalBinary(b); err != nil {
				return nil, fmt.Errorf("%w: score share of %s: %v", ErrChainMismatch, addr.Hex(), err)
			}
			out[j] = append(out[j], sh)
		}
	}
	return out, nil
}
