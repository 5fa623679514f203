package participant

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// endorsedDir is where, in the data directory, a node keeps the scores hash
// it endorsed in each round when asked by an EndorseTask
// (DataDir/endorsed/<round>.json).
const endorsedDir = "endorsed"

// endorseFacts is what an endorse step checks the task against: the
// round's commitments (no updates) and its recorded scores.
type endorseFacts struct {
	roundFacts
	scoresFacts
}

// endorsePrecheck checks what an endorse task says before the driver reads
// anything for it; endorse checks it again.
func (s *steps) endorsePrecheck(t *cohortv1.EndorseTask) ([]common.Address, error) {
	if err := s.checkStudy("endorse", t.GetStudyId()); err != nil {
		return nil, err
	}
	if len(t.GetScoresHash()) != common.HashLength {
		return nil, fmt.Errorf("%w: endorse task names a %d-byte scores hash", ErrChainMismatch, len(t.GetScoresHash()))
	}
	if prev, ok := s.endorsed[t.GetRound()]; ok {
		return nil, fmt.Errorf("%w: asked again to endorse round %d's scores (hash %s), having endorsed %s: a node endorses one score table per round, once",
			ErrChainMismatch, t.GetRound(), common.BytesToHash(t.GetScoresHash()).Hex(), prev.Hex())
	}
	return contributors("endorse", t.GetContributors())
}

// endorse answers an EndorseTask: once it has re-derived every weight and
// flag of the round's recorded scores from the signed score shares, as a
// holder does before it decrypts (checkTrust), it signs the chain's scores
// hash (contracts.SignEndorsement), which lets the chain strike the
// members the scores flag once the study's threshold of participants did
// so. It endorses one table per round, of the round the chain has open,
// and only one that flags someone.
func (s *steps) endorse(ctx context.Context, t *cohortv1.EndorseTask, facts endorseFacts) (ready, error) {
	addrs, err := s.endorsePrecheck(t)
	if err != nil {
		return ready{}, err
	}
	round := t.GetRound()
	if err := s.checkRoundOpen("endorse", facts.study, round); err != nil {
		return ready{}, err
	}
	if !participants(facts.study)[s.self] {
		return ready{}, fmt.Errorf("%w: asked to endorse round %d's scores, but this site is not a participant of study %d on chain", ErrChainMismatch, round, s.studyID)
	}
	if h := common.BytesToHash(t.GetScoresHash()); h != facts.scoresHash {
		return ready{}, fmt.Errorf("%w: endorse task names scores hash %s, the chain records %s for round %d", ErrChainMismatch, h.Hex(), facts.scoresHash.Hex(), round)
	}
	if !facts.flagsAnyone() {
		return ready{}, fmt.Errorf("%w: round %d's recorded scores flag nobody: there is nothing to endorse", ErrChainMismatch, round)
	}
	if err := recordsExactly(round, addrs, facts.recorded); err != nil {
		return ready{}, err
	}
	if t.GetTrust() != nil && !protocol.ScoresCrossChecked(t.GetTrust(), int(facts.study.Threshold)) {
		return ready{}, fmt.Errorf("%w: round %d's scores were decrypted by a single set of %d holders, with nothing to compare them with: their flags weigh members zero but strike no one", ErrChainMismatch, round, facts.study.Threshold)
	}
	weight := make(map[common.Address]float64, len(facts.recorded))
	for _, sc := range facts.recorded {
		weight[sc.Member] = sc.Weight
	}
	weights := make([]float64, len(addrs))
	for i, a := range addrs {
		weights[i] = weight[a]
	}
	_, samples, _, err := s.commitmentsOf(round, addrs, facts.roundFacts)
	if err != nil {
		return ready{}, err
	}
	if err := s.checkTrust(ctx, round, addrs, samples, weights, t.GetTrust(), facts.roundFacts, facts.scoresFacts, false); err != nil {
		return ready{}, err
	}
	sig, err := contracts.SignEndorsement(s.key, facts.domain, s.studyID, round, facts.scoresHash)
	if err != nil {
		return ready{}, err
	}
	if s.endorsed == nil {
		s.endorsed = map[uint32]common.Hash{}
	}
	s.endorsed[round] = facts.scoresHash
	watch, kept, err := s.flagsToWatch(round, facts.scoresFacts)
	if err != nil {
		return ready{}, err
	}
	// Kept before the endorsement goes out, so that a restarted node
	// still refuses to be asked again, and still sees the strike land.
	return ready{
		files:    append([]fileWrite{{dir: endorsedDir, name: roundRecordName(round), data: []byte(facts.scoresHash.Hex())}}, kept...),
		send:     &cohortv1.EndorsementSubmission{StudyId: s.studyID, Round: round, ScoresHash: facts.scoresHash.Bytes(), Endorsement: sig},
		endorsed: watch,
	}, nil
}

// endorse gives this node's endorsement of a round's recorded scores once
// it has re-derived them (see steps.endorse). It reads the round's
// commitments, recorded scores and the blobs the evidence names, but not
// the updates.
func (p *Participant) endorse(ctx context.Context, t *cohortv1.EndorseTask) error {
	if _, err := p.steps.endorsePrecheck(t); err != nil {
		return err
	}
	start := time.Now()
	var facts endorseFacts
	var err error
	if facts.roundFacts, err = p.chainFacts(ctx, t.GetRound()); err != nil {
		return err
	}
	if facts.scoresFacts, err = p.recordedScores(ctx, t.GetRound()); err != nil {
		return err
	}
	if ev := t.GetTrust(); facts.flagsAnyone() && ev != nil && len(ev.GetScoreSetHashes()) == len(t.GetContributors()) {
		ref, err := p.referenceFacts(ctx, facts.study, t.GetRound(), ev.GetScoreSetHashes())
		if err != nil {
			return err
		}
		facts.reference = &ref
	}
	r, err := p.steps.endorse(ctx, t, facts)
	if err != nil {
		return err
	}
	err = p.carryOut(ctx, r)
	if status.Code(err) == codes.FailedPrecondition {
		// The coordinator asks a margin more than it needs and ends the
		// phase once it has enough: a late endorsement is not a failure.
		p.log.Info("endorsement not needed: the coordinator's endorse phase had ended", "round", t.GetRound(), "reply", err)
		return nil
	}
	if err == nil {
		fetched := 0
		if facts.reference != nil {
			fetched = len(facts.reference.root) + 8*len(facts.reference.global)
			for _, b := range facts.reference.scoreSets {
				fetched += len(b)
			}
		}
		p.log.Info("endorsed the round's scores", "round", t.GetRound(), "scores_hash", facts.scoresHash.Hex(), "fetched_bytes", fetched, "took", time.Since(start))
	}
	return err
}

// recordedScores reads a round's recorded scores and, when there are any,
// what an endorsement of them signs: the chain's scores hash and the
// study's commit domain (a round without scores has a zero hash).
func (p *Participant) recordedScores(ctx context.Context, round uint32) (scoresFacts, error) {
	var f scoresFacts
	var err error
	if f.recorded, err = p.ledger.Scores(ctx, p.cfg.StudyID, round); err != nil {
		return f, fmt.Errorf("participant %s: read round %d scores: %w", p.cfg.Name, round, err)
	}
	if len(f.recorded) == 0 {
		return f, nil
	}
	r, err := p.ledger.Round(ctx, p.cfg.StudyID, round)
	if err != nil {
		return f, fmt.Errorf("participant %s: read round %d: %w", p.cfg.Name, round, err)
	}
	f.scoresHash = r.ScoresHash
	f.domain, err = p.domain(ctx)
	return f, err
}
