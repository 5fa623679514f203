package coordinator

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// scoreStep is the score phase: t share holders each give scalar
// decryption shares of every contributor's scores (never of an update).
type scoreStep struct {
	*phase
	study  uint64
	active []common.Address
	task   *cohortv1.ScoreTask
}

// newScoreStep asks the active holders, at points, for shares of the
// scores task names (its ActivePoints are set here).
func newScoreStep(study uint64, task *cohortv1.ScoreTask, active []common.Address, points []uint64) *scoreStep {
	t := proto.Clone(task).(*cohortv1.ScoreTask)
	t.ActivePoints = points
	return &scoreStep{phase: newActivePhase(protocol.Score, task.GetRound(), active), study: study, active: active, task: t}
}

func (s *scoreStep) start() ready {
	return s.ask(s.active, &cohortv1.Task{Kind: &cohortv1.Task_Score{Score: s.task}})
}

// receive checks score shares: signed, asked of the sender, for this round,
// one per contributor.
func (s *scoreStep) receive(req *cohortv1.ScoreSharesSubmission) (ready, error) {
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	addr, err := auth.Verify(req.GetAuth(), s.study, req.GetRound(), auth.KindScoreShares, crypto.Keccak256Hash(req.GetShares()...))
	if err != nil {
		return ready{}, err
	}
	if !s.want[addr] {
		return ready{}, fmt.Errorf("%w: no score task was sent to %s", ErrNotParticipant, addr.Hex())
	}
	if err := s.checkRound(req.GetRound()); err != nil {
		return ready{}, err
	}
	if got, want := len(req.GetShares()), len(s.task.GetContributors()); got != want {
		return ready{}, fmt.Errorf("%w: %d score shares for %d contributors", ErrMalformed, got, want)
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: raw}}, nil
}
