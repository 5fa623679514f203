package coordinator

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// msgDeclined is logged once per decline taken, with its reason; it is
// counted as a failure of its own (api/monitoring).
const msgDeclined = "participant declined a task"

// declineTask checks a member's signed decline of the current phase's task
// and records it (decline). The signature binds study, round, phase and
// reason, and its signer is the member that declines: a decline counts for
// that phase of that round only, and for no other member.
func (c *Coordinator) declineTask(req *cohortv1.TaskDecline) error {
	if req.GetStudyId() != c.cfg.StudyID {
		return fmt.Errorf("%w: this coordinator drives study %d, not %d", ErrNotParticipant, c.cfg.StudyID, req.GetStudyId())
	}
	if n := len(req.GetReason()); n > protocol.MaxDeclineReason {
		return fmt.Errorf("%w: the reason of a decline is %d bytes, at most %d are taken; cut it with protocol.DeclineReason", ErrTooLarge, n, protocol.MaxDeclineReason)
	}
	phase := protocol.Phase(req.GetPhase())
	if !phase.Valid() {
		return fmt.Errorf("%w: declined %q, which is not a phase of api/protocol", ErrMalformed, req.GetPhase())
	}
	from, err := auth.Verify(req.GetAuth(), c.cfg.StudyID, req.GetRound(), auth.KindDecline, auth.DeclineContent(req.GetPhase(), req.GetReason()))
	if err != nil {
		return err
	}
	return c.decline(from, req)
}

// decline records that from declined the task of the current phase, which
// must be d's phase of d's round; the phase's wait then no longer waits for
// from (Coordinator.wait). from is the verified signer of d.
func (c *Coordinator) decline(from common.Address, d *cohortv1.TaskDecline) error {
	phase, round, reason := protocol.Phase(d.GetPhase()), d.GetRound(), d.GetReason()
	c.mu.Lock()
	var err error
	if c.current == nil {
		err = fmt.Errorf("%w: declined a %s task for round %d before the study started", ErrWrongPhase, phase, round)
	} else if p := c.current.collecting(); p.name != phase || p.round != round {
		err = fmt.Errorf("%w: declined a %s task for round %d while collecting %ss for round %d; it was superseded",
			ErrWrongPhase, phase, round, p.kind, p.round)
	} else {
		err = p.decline(from, d)
	}
	name := c.nameOf(from)
	c.mu.Unlock()
	if err != nil {
		return err
	}
	c.log.Warn(msgDeclined, "participant", name, "address", from.Hex(), "phase", phase, "round", round, "reason", reason)
	return nil
}

// nameOf is a's name if it is connected, else its address; the caller
// holds c.mu.
func (c *Coordinator) nameOf(a common.Address) string {
	if m, ok := c.peers[a]; ok {
		return m.name
	}
	return a.Hex()
}

// declines names the members that declined p's task and have not
// answered since, with their reasons, for an error that ends p's wait
// ("" if none); the caller holds c.mu.
func (c *Coordinator) declines(p *phase) string {
	var named []string
	for _, a := range sortedAddresses(slices.Collect(maps.Keys(p.declined))) {
		if p.hasDeclined(a) {
			named = append(named, fmt.Sprintf("%s (%s): %q", c.nameOf(a), a.Hex(), p.declined[a].GetReason()))
		}
	}
	if len(named) == 0 {
		return ""
	}
	return "; declined: " + strings.Join(named, "; ")
}
