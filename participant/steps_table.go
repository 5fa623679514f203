package participant

import (
	"context"
	"fmt"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// phaseDrivers is this side's table of the protocol's phases
// (api/protocol): for each, the driver that reads from the chain and the
// coordinator what the phase's step needs, runs the step (steps_*.go) and
// carries out what it decided. A test keeps it covering protocol.Phases.
var phaseDrivers = map[protocol.Phase]func(*Participant, context.Context, *cohortv1.Task) error{
	protocol.KeyGen: func(p *Participant, ctx context.Context, t *cohortv1.Task) error { return p.keyGen(ctx, t.GetKeyGen()) },
	protocol.ThresholdDeal: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.dealThresholdShares(ctx, t.GetThreshold())
	},
	protocol.ThresholdConfirm: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.thresholdKey(ctx, t.GetThresholdKey())
	},
	protocol.MomentsCount: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.momentsCount(ctx, t.GetMomentsCount())
	},
	protocol.Moments: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.encryptMoments(ctx, t.GetMoments())
	},
	protocol.MomentsDecrypt: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.momentsShare(ctx, t.GetMomentsDecrypt())
	},
	protocol.MomentsResult: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.acceptStandardiser(ctx, t.GetMomentsResult())
	},
	protocol.ReshareDeal: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.reshare(ctx, t.GetReshare())
	},
	protocol.ReshareKey: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.reshareKey(ctx, t.GetReshareKey())
	},
	protocol.ReshareCommit: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.reshareCommit(ctx, t.GetReshareCommit())
	},
	protocol.Train: func(p *Participant, ctx context.Context, t *cohortv1.Task) error { return p.train(ctx, t.GetTrain()) },
	protocol.Score: func(p *Participant, ctx context.Context, t *cohortv1.Task) error { return p.score(ctx, t.GetScore()) },
	protocol.Decrypt: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.decrypt(ctx, t.GetDecrypt())
	},
	protocol.Endorse: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.endorse(ctx, t.GetEndorse())
	},
	protocol.Evaluate: func(p *Participant, ctx context.Context, t *cohortv1.Task) error {
		return p.evaluate(ctx, t.GetEvaluate())
	},
}

// handle runs the driver of the phase task opens, once this node's chain
// has the block the coordinator sent it at, on the coordinator's chain
// (awaitChain): every driver reads the chain after that.
func (p *Participant) handle(ctx context.Context, task *cohortv1.Task) error {
	phase, ok := protocol.Of(task)
	drive := phaseDrivers[phase]
	if !ok || drive == nil {
		return fmt.Errorf("participant %s: unknown task %T; upgrade this node", p.cfg.Name, task.GetKind())
	}
	if err := p.awaitChain(ctx, phase, task); err != nil {
		return err
	}
	return drive(p, ctx, task)
}
