package coordinator

import (
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// endorseMargin is how many more participants than the endorsements
// missing an endorse phase asks: one that refuses or is slow then costs
// no strike, and at 100 hospitals asking a handful, not all, keeps the
// re-derivations (a reference update and every score's decryption each)
// few.
const endorseMargin = 2

// endorseStep is the endorse phase: when the decrypting holders gave fewer
// than the study's threshold of valid endorsements of a robust round's
// scores, it asks other participants in good standing for theirs, and is
// done once it has the missing ones (quorum) or at the phase timeout.
type endorseStep struct {
	*phase
	study      uint64
	task       *cohortv1.EndorseTask
	asked      []common.Address
	need       int
	domain     contracts.CommitDomain
	scoresHash common.Hash
}

// newEndorseStep asks asked for their endorsement of the scores hash the
// task names, of which need are missing.
func newEndorseStep(study uint64, task *cohortv1.EndorseTask, asked []common.Address, need int, domain contracts.CommitDomain) *endorseStep {
	return &endorseStep{
		phase: newPhase(protocol.Endorse, task.GetRound(), asked), study: study, task: task, asked: asked,
		need: min(need, len(asked)), domain: domain, scoresHash: common.BytesToHash(task.GetScoresHash()),
	}
}

func (s *endorseStep) start() ready {
	return s.ask(s.asked, &cohortv1.Task{Kind: &cohortv1.Task_Endorse{Endorse: s.task}})
}

// quorum is how many answers end the phase: the endorsements missing.
func (s *endorseStep) quorum() int { return s.need }

// receive checks an endorsement: for this study, round and scores hash, a
// well-formed EIP-712 signature. Its signer is the answer's sender (relayed
// by anyone, it is still the signer's endorsement), which must be asked.
func (s *endorseStep) receive(req *cohortv1.EndorsementSubmission) (ready, error) {
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	if err := s.checkRound(req.GetRound()); err != nil {
		return ready{}, err
	}
	if got := common.BytesToHash(req.GetScoresHash()); got != s.scoresHash || len(req.GetScoresHash()) != common.HashLength {
		return ready{}, fmt.Errorf("%w: endorsement of scores hash %s, the round's is %s", ErrWrongPhase, got.Hex(), s.scoresHash.Hex())
	}
	signer, err := contracts.EndorsementSigner(s.domain, s.study, req.GetRound(), s.scoresHash, req.GetEndorsement())
	if err != nil {
		return ready{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return ready{record: &answer{from: signer, data: slices.Clone(req.GetEndorsement())}}, nil
}

// endorsersToAsk picks, of the round's members in good standing, up to
// need+endorseMargin that are connected and neither flagged nor among the
// holders asked to decrypt (one that sent no valid endorsement with its
// share is not asked again): the round's contributors first, in their
// order (they just showed they are alive), then the others by address.
func endorsersToAsk(need int, contributors, members []common.Address, flagged, holders []common.Address, connected map[common.Address]bool) []common.Address {
	if need <= 0 {
		return nil
	}
	inRound := make(map[common.Address]bool, len(members))
	for _, m := range members {
		inRound[m] = true
	}
	var others []common.Address
	for _, m := range members {
		if !slices.Contains(contributors, m) {
			others = append(others, m)
		}
	}
	var out []common.Address
	for _, a := range append(slices.Clone(contributors), sortedAddresses(others)...) {
		if len(out) == need+endorseMargin {
			break
		}
		if inRound[a] && connected[a] && !slices.Contains(flagged, a) && !slices.Contains(holders, a) && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
