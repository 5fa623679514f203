package participant

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// The drivers of the score and decrypt phases: each reads from the chain
// and the coordinator's blob store what its step (steps_round.go) checks,
// runs the step and sends what it decided.

// roundFacts reads the study, the round's commitments and the committed
// updates of addrs, stopping at the first without a commitment (the step
// refuses it).
func (p *Participant) roundFacts(ctx context.Context, round uint32, addrs []common.Address) (roundFacts, error) {
	var f roundFacts
	var err error
	if f.study, err = p.ledger.Study(ctx, p.cfg.StudyID); err != nil {
		return f, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	f.committed, err = p.ledger.Commitments(ctx, p.cfg.StudyID, round)
	if errors.Is(err, contracts.ErrRoundNotFound) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	for _, addr := range addrs {
		cm, ok := f.committed[addr]
		if !ok || cm.CiphertextHash == (common.Hash{}) {
			break
		}
		b, err := p.fetch(ctx, cm.CiphertextHash)
		if err != nil {
			return f, err
		}
		f.updates = append(f.updates, b)
	}
	return f, nil
}

// referenceFacts reads what a holder recomputes a robust round's scoring
// from: the round's global model, the study's root data set and the score
// sets named.
func (p *Participant) referenceFacts(ctx context.Context, study contracts.Study, round uint32, scoreSets [][]byte) (referenceFacts, error) {
	var f referenceFacts
	onChain, err := p.ledger.Round(ctx, p.cfg.StudyID, round)
	if err != nil {
		return f, fmt.Errorf("participant %s: read round %d: %w", p.cfg.Name, round, err)
	}
	if f.global, err = p.fetchModel(ctx, onChain.GlobalModel); err != nil {
		return f, err
	}
	if f.root, err = p.fetch(ctx, study.ReferenceCommitment); err != nil {
		return f, fmt.Errorf("participant %s: root data set the study committed to: %w", p.cfg.Name, err)
	}
	for _, h := range scoreSets {
		b, err := p.fetch(ctx, common.BytesToHash(h))
		if err != nil {
			return f, err
		}
		f.scoreSets = append(f.scoreSets, b)
	}
	return f, nil
}

// score gives scalar decryption shares of the round's scores once this
// node has recomputed everything they depend on (see steps.score).
func (p *Participant) score(ctx context.Context, t *cohortv1.ScoreTask) error {
	addrs, err := p.steps.scorePrecheck(t)
	if err != nil {
		return err
	}
	facts, err := p.roundFacts(ctx, t.GetRound(), addrs)
	if err != nil {
		return err
	}
	ref, err := p.referenceFacts(ctx, facts.study, t.GetRound(), t.GetScoreSetHashes())
	if err != nil {
		return err
	}
	r, err := p.steps.score(ctx, t, facts, ref)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// decrypt gives a decryption share of the round's aggregate once this node
// has recomputed it from the committed updates (see steps.decrypt).
func (p *Participant) decrypt(ctx context.Context, t *cohortv1.DecryptTask) error {
	addrs, err := p.steps.decryptPrecheck(t)
	if err != nil {
		return err
	}
	var facts decryptFacts
	if facts.aggregate, err = p.fetch(ctx, common.BytesToHash(t.GetAggregateHash())); err != nil {
		return err
	}
	if facts.roundFacts, err = p.roundFacts(ctx, t.GetRound(), addrs); err != nil {
		return err
	}
	if facts.recorded, err = p.ledger.Scores(ctx, p.cfg.StudyID, t.GetRound()); err != nil {
		return fmt.Errorf("participant %s: read round %d scores: %w", p.cfg.Name, t.GetRound(), err)
	}
	if ev := t.GetTrust(); len(facts.recorded) > 0 && ev != nil && len(ev.GetScoreSetHashes()) == len(addrs) {
		ref, err := p.referenceFacts(ctx, facts.study, t.GetRound(), ev.GetScoreSetHashes())
		if err != nil {
			return err
		}
		facts.reference = &ref
	}
	r, err := p.steps.decrypt(ctx, t, facts)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}
