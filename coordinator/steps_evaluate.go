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

// evaluateStep is the evaluate phase: every member evaluates the round's
// new model on its own test records and sends counts and histograms only;
// the merged figures close the round on chain.
type evaluateStep struct {
	*phase
	study   uint64
	members []common.Address
	model   common.Hash
}

func newEvaluateStep(study uint64, round uint32, members []common.Address, model common.Hash) *evaluateStep {
	return &evaluateStep{phase: newPhase(protocol.Evaluate, round, members), study: study, members: members, model: model}
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
	ev, err := decodeEvaluation(req.GetEvaluation())
	if err != nil {
		return ready{}, err
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

// close merges the evaluations received into rep (pooled and per-site
// metrics) and closes the round on chain with rep's aggregate and model
// hashes and the contributors' number. It returns the signed evaluations
// in the order it merged them.
func (s *evaluateStep) close(rep *RoundReport) (ready, []*cohortv1.EvaluationSubmission, error) {
	evaluators, answers := s.answers(s.members)
	var merged models.Evaluation
	rep.Sites = nil
	subs := make([]*cohortv1.EvaluationSubmission, len(answers))
	for i, a := range answers {
		subs[i] = new(cohortv1.EvaluationSubmission)
		if err := proto.Unmarshal(a, subs[i]); err != nil {
			return ready{}, nil, fmt.Errorf("%w: kept evaluation of %s: %v", ErrMalformed, evaluators[i].Hex(), err)
		}
		ev, err := decodeEvaluation(subs[i].GetEvaluation())
		if err != nil {
			return ready{}, nil, err
		}
		if err := merged.Merge(ev); err != nil {
			return ready{}, nil, fmt.Errorf("merge evaluations: %w", err)
		}
		rep.Sites = append(rep.Sites, SiteMetrics{Participant: evaluators[i], Metrics: metricsOf(ev)})
	}
	rep.Pooled = metricsOf(merged)
	rep.Accuracy, rep.AUC, rep.Loss, rep.Evaluated = merged.Accuracy(), merged.AUC(), merged.LogLoss(), merged.N
	return ready{chain: []chainWrite{{closeRound: &roundClosing{round: s.round, result: contracts.RoundResult{
		AggregateHash: rep.AggregateHash, ModelHash: rep.ModelHash,
		Accuracy: rep.Accuracy, AUC: rep.AUC, Loss: rep.Loss, Participants: uint32(len(rep.Contributors)),
	}}}}}, subs, nil
}
