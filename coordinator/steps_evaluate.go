package coordinator

import (
	"fmt"
	"math"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// evaluateStep is the evaluate phase: every contributor whose update
// weighs in the round's new model (weighed) evaluates it on its own test records and sends counts
// and histograms only; the merged figures close the round on chain.
//
// The rule that bounds what one member's evaluation weighs: a member's
// evaluation of round r's model counts at most as many test records as the
// training samples it committed on chain in round r (the count that also
// weighs its update, bounded by patients' consent on chain in a study that
// binds samples to consent). Only the round's contributors are asked, each
// with its committed count as its bound: a member that did not contribute
// has committed nothing to bound its count by. Asking only them keeps the
// round going, since the phase completes once everyone asked has answered
// (asking the others only to refuse them would wait out the phase timeout
// every round). The evaluation's N is otherwise the sender's free choice,
// and one hospital claiming 10^8 test records would set the pooled
// metrics (TestInflatedEvaluationIsRefused). `cohort audit` checks the
// same bound from the chain's commitments. The rest of an evaluation is
// bounded by its N (models.Evaluation.Validate): its histograms are
// Evaluate's, its loss at most the largest per record, so what one member
// sends always merges and the round closes
// (TestEvaluationThatStopsTheRoundsCloseIsRefused).
type evaluateStep struct {
	*phase
	study   uint64
	members []common.Address
	// committed is each member's committed sample count for the round:
	// the most test records its evaluation may count.
	committed map[common.Address]uint64
	model     common.Hash
}

// weighed are the round's contributors whose updates weigh in its model,
// in order: all of them, or, in a robust round, those robust scoring gave
// a positive weight. A flagged member (weight 0) does not evaluate: its
// update is not in the model, and an attacker whose update the round
// discarded would otherwise still set part of the metrics the chain
// records. Robust weights are never all zero (the honest-majority rule
// keeps at least the study's minimum), so someone evaluates.
func weighed(rep RoundReport) []common.Address {
	if len(rep.Weights) != len(rep.Contributors) {
		return rep.Contributors
	}
	out := make([]common.Address, 0, len(rep.Contributors))
	for i, a := range rep.Contributors {
		if rep.Weights[i] > 0 {
			out = append(out, a)
		}
	}
	return out
}

// newEvaluateStep asks the round's contributors, in order, to evaluate
// model; committed holds each one's committed sample count.
func newEvaluateStep(study uint64, round uint32, contributors []common.Address, committed map[common.Address]uint64, model common.Hash) *evaluateStep {
	return &evaluateStep{phase: newPhase(protocol.Evaluate, round, contributors), study: study, members: contributors, committed: committed, model: model}
}

func (s *evaluateStep) start() ready {
	return s.ask(s.members, &cohortv1.Task{Kind: &cohortv1.Task_Evaluate{Evaluate: &cohortv1.EvaluateTask{
		StudyId: s.study, Round: s.round, ModelHash: s.model.Bytes(),
	}}})
}

// receive checks an evaluation's signature, study, round, model and
// content. It keeps the signed submission, which the round's decryption
// record holds once the round closes (audit re-merges them).
func (s *evaluateStep) receive(req *cohortv1.EvaluationSubmission) (ready, error) {
	// Signed and kept as sent (the round's decryption record): no padding.
	if n := len(req.GetEvaluation()); n > models.MaxEvaluationBytes {
		return ready{}, fmt.Errorf("%w: an evaluation of %d bytes; one Evaluate makes is at most %d", ErrTooLarge, n, models.MaxEvaluationBytes)
	}
	addr, err := auth.Verify(req.GetAuth(), s.study, req.GetRound(), auth.KindEvaluation, crypto.Keccak256Hash(req.GetEvaluation()))
	if err != nil {
		return ready{}, err
	}
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	if got := common.BytesToHash(req.GetModelHash()); got != s.model {
		return ready{}, fmt.Errorf("%w: an evaluation of model %s; round %d's model is %s", ErrWrongPhase, got.Hex(), s.round, s.model.Hex())
	}
	ev, err := decodeEvaluation(req.GetEvaluation(), addr)
	if err != nil {
		return ready{}, err
	}
	if bound, ok := s.committed[addr]; !ok {
		return ready{}, fmt.Errorf("%w: %s has no update weighing in round %d's model: only the contributors whose updates the round weighed evaluate its model", ErrNotParticipant, addr.Hex(), s.round)
	} else if uint64(ev.N) > bound {
		return ready{}, fmt.Errorf("%w: an evaluation of %d test records from %s, which committed %d training samples in round %d: a member's evaluation of a round's model counts at most the training samples it committed in that round",
			ErrMalformed, ev.N, addr.Hex(), bound, s.round)
	}
	// Every member's histograms must add up in uint32 bins: one site that
	// filled its bins would make the merge, and the round's close, fail.
	if limit := math.MaxUint32 / max(1, len(s.members)); ev.N > limit {
		return ready{}, fmt.Errorf("%w: an evaluation of %d test records; a site evaluates at most %d in a study of %d members", ErrMalformed, ev.N, limit, len(s.members))
	}
	if err := s.checkRound(req.GetRound()); err != nil {
		return ready{}, err
	}
	signed, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: signed}}, nil
}

// evaluationRecord is what the round's decryption record keeps of the
// evaluate phase: the signed evaluations in the order they were merged,
// and the signed declines of the members asked that sent none.
type evaluationRecord struct {
	evaluations []*cohortv1.EvaluationSubmission
	declines    []*cohortv1.TaskDecline
}

// close merges the evaluations received into rep (pooled and per-site
// metrics) and closes the round on chain with rep's aggregate and model
// hashes and the contributors' number. It returns the signed evaluations
// in the order it merged them, and the declines of those that sent none.
func (s *evaluateStep) close(rep *RoundReport) (ready, evaluationRecord, error) {
	evaluators, answers := s.answers(s.members)
	var merged models.Evaluation
	rep.Sites = nil
	subs := make([]*cohortv1.EvaluationSubmission, len(answers))
	for i, a := range answers {
		subs[i] = new(cohortv1.EvaluationSubmission)
		if err := proto.Unmarshal(a, subs[i]); err != nil {
			return ready{}, evaluationRecord{}, fmt.Errorf("%w: kept evaluation of %s: %v", ErrMalformed, evaluators[i].Hex(), err)
		}
		ev, err := decodeEvaluation(subs[i].GetEvaluation(), evaluators[i])
		if err != nil {
			return ready{}, evaluationRecord{}, err
		}
		if err := merged.Merge(ev); err != nil {
			return ready{}, evaluationRecord{}, fmt.Errorf("merge evaluations: %w", err)
		}
		rep.Sites = append(rep.Sites, SiteMetrics{Participant: evaluators[i], Metrics: metricsOf(ev)})
	}
	rep.Pooled = metricsOf(merged)
	rep.Accuracy, rep.AUC, rep.Loss, rep.Evaluated = merged.Accuracy(), merged.AUC(), merged.LogLoss(), merged.N
	return ready{chain: []chainWrite{{closeRound: &roundClosing{round: s.round, result: contracts.RoundResult{
		AggregateHash: rep.AggregateHash, ModelHash: rep.ModelHash,
		Accuracy: rep.Accuracy, AUC: rep.AUC, Loss: rep.Loss, Participants: uint32(len(rep.Contributors)),
	}}}}}, evaluationRecord{evaluations: subs, declines: s.keptDeclines(s.members)}, nil
}
