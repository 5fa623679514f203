package participant

import (
	"context"
	"errors"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/records"
)

// declineTimeout bounds the call that declines a task: the decline is
// best effort, and the next task waits behind it.
const declineTimeout = 10 * time.Second

// Log messages of a decline sent, or not.
const (
	msgDeclined       = "told the coordinator why the task failed"
	msgDeclineFailed  = "could not tell the coordinator why the task failed; it waits for this node until its phase timeout"
	msgDeclineUnheard = "the coordinator no longer waits for this task; not declined"
)

// declines tells whether a task that failed with err is declined to the
// coordinator. Not when the node stops (its context ended, or a
// standardisation it cannot serve: ErrStandardisation), nor when the
// coordinator refused the answer as superseded (FailedPrecondition: it
// moved on) or as already taken (AlreadyExists): it waits for no answer
// then; nor when the coordinator could not be reached (Unavailable,
// DeadlineExceeded, Canceled, Aborted): it may be a new one, restarted,
// that will ask again, and the node refused nothing.
func declines(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrStandardisation) {
		return false
	}
	switch status.Code(err) {
	case codes.FailedPrecondition, codes.AlreadyExists,
		codes.Unavailable, codes.DeadlineExceeded, codes.Canceled, codes.Aborted:
		return false
	}
	return true
}

// declineReason is what a decline tells the coordinator of err. A task's
// error names public values (hashes, addresses, rounds, blocks) and this
// node's settings, never key material; an error about this site's records
// (records.ErrMoments) may name one of them, so only its kind leaves the
// site and the details stay in its log.
func declineReason(err error) string {
	if errors.Is(err, records.ErrMoments) {
		return protocol.DeclineReason(records.ErrMoments.Error() + " (the details name this site's records and stay in its log)")
	}
	return protocol.DeclineReason(err.Error())
}

// declineTask tells the coordinator that this node will not answer task,
// and why (cause), signed as its answer would be: the phase goes on
// without it at once instead of waiting out its timeout, and the
// coordinator's operator reads the reason. A task of a phase nobody
// answers is not declined. Best effort: a decline that fails is logged,
// and the coordinator waits as it did before declines.
func (p *Participant) declineTask(ctx context.Context, task *cohortv1.Task, cause error) {
	phase, ok := protocol.Of(task)
	if !ok || phase.Kind() == "" {
		return
	}
	round, reason := protocol.Round(task), declineReason(cause)
	signed, err := auth.Sign(p.key, p.cfg.StudyID, round, auth.KindDecline, auth.DeclineContent(string(phase), reason))
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, min(declineTimeout, p.cfg.rpcTimeout()))
		defer cancel()
		_, err = p.client.DeclineTask(ctx, &cohortv1.TaskDecline{StudyId: p.cfg.StudyID, Round: round, Phase: string(phase), Reason: reason, Auth: signed})
	}
	switch {
	case err == nil:
		p.log.Info(msgDeclined, "phase", phase, "round", round)
	case status.Code(err) == codes.FailedPrecondition, status.Code(err) == codes.AlreadyExists: // moved on, or declined before
		p.log.Info(msgDeclineUnheard, "phase", phase, "round", round, "err", err)
	default:
		p.log.Warn(msgDeclineFailed, "phase", phase, "round", round, "err", err)
	}
}
