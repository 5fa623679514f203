package coordinator

import (
	"context"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

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
// (by endorsed flags of robust scoring). It reads the standing of all of
// them in one call (notInGoodStanding) and only each one not in good
// standing in full, not one read per member each round (100 at 100
// hospitals).
func (c *Coordinator) inGoodStanding(ctx context.Context, members []common.Address) ([]common.Address, error) {
	notGood, err := c.notInGoodStanding(ctx, members)
	if err != nil {
		return nil, err
	}
	suspended := make(map[common.Address]bool, len(notGood))
	for _, m := range notGood {
		p, err := c.ledger.Participant(ctx, c.cfg.StudyID, m)
		if err != nil {
			return nil, fmt.Errorf("read standing of %s: %w", m.Hex(), err)
		}
		if p.Suspended {
			c.log.Warn("member suspended from the study; not asked for an update", "participant", m.Hex(), "strikes", p.Strikes)
			suspended[m] = true
		}
	}
	out := make([]common.Address, 0, len(members))
	for _, m := range members {
		if !suspended[m] {
			out = append(out, m)
		}
	}
	return out, nil
}

// score scores every update of the round against the reference update under
// encryption, has only the scores decrypted, and turns them into trust
// weights, which it records on chain with the flags (strikes follow) and
// puts in rep.Weights. It returns the evidence share holders need to
// re-derive the weights before they decrypt the aggregate (nil in plaintext
// test mode, where nothing is decrypted). committed are the updates'
// content hashes, which the store checked them against as it read them.
func (c *Coordinator) score(ctx context.Context, r uint32, global []float64, rep *RoundReport, committed []common.Hash, updates [][]byte, counts []float64) (*cohortv1.TrustEvidence, error) {
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

	rd, trust, weights, err := trustDecision(c.policy, r, rep.Contributors, scores, refNorm, counts, c.minParticipants)
	if err != nil {
		return nil, err
	}
	for i, tr := range trust {
		c.log.Info("update scored", "round", r, "participant", rep.Contributors[i].Hex(), "cosine", tr.Cosine, "norm_ratio", tr.NormRatio, "norm_to_median", tr.NormToMedian, "direction", tr.Direction, "weight", weights[i])
		if tr.Flagged() {
			c.log.Warn("update flagged", "round", r, "participant", rep.Contributors[i].Hex(), "cosine", tr.Cosine, "norm_ratio", tr.NormRatio, "norm_z", tr.NormZ, "direction_z", tr.DirectionZ, "flags", tr.Flags.String())
		}
	}
	if c.cfg.TamperScores != nil {
		w := rd.chain[0].scores
		w.scores, rd.flag = c.cfg.TamperScores(r, w.scores), nil
		for _, sc := range w.scores {
			if sc.Flagged {
				rd.flag = append(rd.flag, sc.Member)
			}
		}
	}
	gas, err := c.apply(ctx, rd)
	if err != nil {
		return nil, err
	}
	rep.GasUsed += gas
	rep.Trust, rep.Flagged, rep.Weights = trust, rd.flag, weights
	return evidence, nil
}

// encryptedScores computes the score sets, asks t share holders (and up to
// t spare ones) for scalar decryption shares and decrypts the scores (see
// scoring).
func (c *Coordinator) encryptedScores(ctx context.Context, r uint32, contributors []common.Address, updates [][]byte, reference []float64, seed [32]byte, k int) ([]aggregation.Scores, float64, *cohortv1.TrustEvidence, error) {
	sc, rd, err := newScoring(c.scheme, c.cfg.StudyID, r, contributors, updates, reference, seed, k)
	if err != nil {
		return nil, 0, nil, err
	}
	if _, err := c.apply(ctx, rd); err != nil {
		return nil, 0, nil, err
	}
	// Up to t spare holders among the contributors, as for the aggregate:
	// every holder's score shares are checked against the scores a set
	// without it decrypts (aggregation.DecryptScoresChecked).
	var steps stepsAskedInTurn[*scoreStep]
	_, answers, err := c.askSets(ctx, r, askedScore, common.Hash(seed), contributors, func(active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) (activeStep, error) {
		return steps.next(newScoreStep(c.cfg.StudyID, sc.task, active, points, threshold, pointOf, sc.checkShare))
	})
	if err != nil {
		return nil, 0, nil, err
	}
	return sc.decrypt(answers)
}

// confirmStrikes gives the members round r's recorded scores flagged their
// strikes on chain, with the study's threshold t of endorsements of the
// scores: first those the holders sent with their decryption shares (each
// checked the flags before it decrypted), then, if fewer than t are valid,
// those of other participants in good standing it asks for the missing
// ones (the endorse phase: each re-derives the flags from the evidence
// before it signs), so that a holder that withholds its endorsement
// cannot spare a flagged member. The chain strikes only with t of them,
// so a coordinator alone cannot. Too few strike no one; the round goes on.
// members are the round's members in good standing. Scores that a single
// set of t holders decrypted strike no one (protocol.ScoresCrossChecked):
// nodes do not endorse them, since one lying holder among the t could
// have framed an honest hospital.
func (c *Coordinator) confirmStrikes(ctx context.Context, r uint32, rep RoundReport, members []common.Address, signed []*cohortv1.DecryptionShareSubmission, evidence *cohortv1.TrustEvidence) (uint64, error) {
	c.mu.Lock()
	threshold := c.threshold
	c.mu.Unlock()
	if evidence != nil && !protocol.ScoresCrossChecked(evidence, threshold) {
		c.log.Warn("the flagged members get no strike: a single set of holders decrypted the round's scores, with nothing to compare them with", "round", r, "flagged", len(rep.Flagged), "threshold", threshold)
		return 0, nil
	}
	round, err := c.ledger.Round(ctx, c.cfg.StudyID, r)
	if err != nil {
		return 0, fmt.Errorf("read round %d: %w", r, err)
	}
	domain, err := c.ledger.CommitDomain(ctx, c.cfg.StudyID)
	if err != nil {
		return 0, err
	}
	endorsements := make(map[common.Address][]byte, len(signed))
	var order, holders []common.Address // the endorsers in the order they count
	for _, sub := range signed {
		holder := common.BytesToAddress(sub.GetAuth().GetSigner())
		holders = append(holders, holder)
		signer, err := contracts.EndorsementSigner(domain, c.cfg.StudyID, r, round.ScoresHash, sub.GetScoresEndorsement())
		if err != nil || signer != holder {
			c.log.Warn("decryption share without a valid endorsement of the round's scores", "round", r, "participant", holder.Hex(), "err", err)
			continue
		}
		endorsements[holder] = sub.GetScoresEndorsement()
		order = append(order, holder)
	}
	if need := threshold - len(endorsements); need > 0 && evidence != nil {
		more, err := c.askEndorsements(ctx, r, need, rep, members, holders, round.ScoresHash, domain, evidence)
		if err != nil {
			return 0, err
		}
		for _, a := range more.from {
			if _, dup := endorsements[a]; !dup {
				endorsements[a] = more.by[a]
				order = append(order, a)
			}
		}
	}
	if len(endorsements) < threshold {
		c.log.Warn("too few endorsements of the round's scores; the flagged members get no strike", "round", r, "endorsements", len(endorsements), "threshold", threshold)
		return 0, nil
	}
	// t of them: the holders' first.
	for _, a := range order[threshold:] {
		delete(endorsements, a)
	}
	sorted := slices.SortedFunc(slices.Values(rep.Flagged), common.Address.Cmp)
	return c.apply(ctx, ready{chain: []chainWrite{{strikes: &roundStrikes{round: r, flagged: sorted, endorsements: endorsements}}}})
}

// endorsed are the endorsements an endorse phase collected, by signer, and
// the signers in the order they came.
type endorsed struct {
	from []common.Address
	by   map[common.Address][]byte
}

// askEndorsements runs the endorse phase for the need endorsements of
// round r's scores (hash scoresHash) the holders did not give: it asks
// need plus endorseMargin connected members in good standing other than
// the holders and the flagged (endorsersToAsk) and waits until need valid
// ones came or a phase timeout passed.
func (c *Coordinator) askEndorsements(ctx context.Context, r uint32, need int, rep RoundReport, members, holders []common.Address, scoresHash common.Hash, domain contracts.CommitDomain, evidence *cohortv1.TrustEvidence) (endorsed, error) {
	c.mu.Lock()
	connected := make(map[common.Address]bool, len(c.peers))
	for a := range c.peers {
		connected[a] = true
	}
	c.mu.Unlock()
	asked := endorsersToAsk(need, rep.Contributors, members, rep.Flagged, holders, connected)
	if len(asked) == 0 {
		c.log.Warn("no participant in good standing left to endorse the round's scores", "round", r, "missing", need)
		return endorsed{}, nil
	}
	task := &cohortv1.EndorseTask{StudyId: c.cfg.StudyID, Round: r, ScoresHash: scoresHash.Bytes(), Trust: evidence}
	for _, a := range rep.Contributors {
		task.Contributors = append(task.Contributors, a.Bytes())
	}
	c.log.Info("asking participants to endorse the round's scores", "round", r, "missing", need, "asked", len(asked), "task_bytes", proto.Size(task))
	st := newEndorseStep(c.cfg.StudyID, task, asked, need, domain)
	full, err := c.start(ctx, st, st.start())
	if err != nil {
		return endorsed{}, err
	}
	if err := c.wait(ctx, st, full, c.cfg.PhaseTimeout, 0); err != nil {
		return endorsed{}, fmt.Errorf("endorsements: %w", err)
	}
	from, sigs := c.answers(st, asked)
	out := endorsed{from: from, by: make(map[common.Address][]byte, len(from))}
	for i, a := range from {
		out.by[a] = sigs[i]
	}
	return out, nil
}
