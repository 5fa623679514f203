package coordinator

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// momentsDecryptStep is the moments-decrypt phase: t share holders each
// give a decryption share of the moments' sum, bound to its hash.
type momentsDecryptStep struct {
	*phase
	study    uint64
	maxShare int64
	active   []common.Address
	task     *cohortv1.MomentsDecryptTask
}

// newMomentsDecryptStep asks the active holders, at points, to decrypt the
// sum task names; a share above maxShare bytes is refused.
func newMomentsDecryptStep(study uint64, maxShare int64, task *cohortv1.MomentsDecryptTask, active []common.Address, points []uint64) *momentsDecryptStep {
	t := proto.Clone(task).(*cohortv1.MomentsDecryptTask)
	t.ActivePoints = points
	return &momentsDecryptStep{phase: newActivePhase(protocol.MomentsDecrypt, 0, active), study: study, maxShare: maxShare, active: active, task: t}
}

func (s *momentsDecryptStep) start() ready {
	return s.ask(s.active, &cohortv1.Task{Kind: &cohortv1.Task_MomentsDecrypt{MomentsDecrypt: s.task}})
}

// receive checks a share's size, signature and sum.
func (s *momentsDecryptStep) receive(req *cohortv1.MomentsShareSubmission) (ready, error) {
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	if int64(len(req.GetShare())) > s.maxShare {
		return ready{}, fmt.Errorf("%w: decryption share of %d bytes; the limit is %d", ErrTooLarge, len(req.GetShare()), s.maxShare)
	}
	agg := common.BytesToHash(req.GetAggregateHash())
	addr, err := auth.Verify(req.GetAuth(), s.study, 0, auth.KindMomentsShare, auth.MomentsShareContent(agg, req.GetShare()))
	if err != nil {
		return ready{}, err
	}
	if want := common.BytesToHash(s.task.GetAggregateHash()); agg != want || len(req.GetAggregateHash()) != common.HashLength {
		return ready{}, fmt.Errorf("%w: moments decryption share for sum %s, the phase's sum is %s", ErrWrongPhase, agg.Hex(), want.Hex())
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: raw}}, nil
}
