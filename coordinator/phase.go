package coordinator

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// This file is the driver's side of the steps (steps.go): it makes a step
// the current phase, carries out what steps decide, and waits for answers.

// start makes st the current phase and carries out rd, its opening
// (usually the tasks that ask for answers). It returns the channel that is
// closed once every member asked has answered.
func (c *Coordinator) start(ctx context.Context, st step, rd ready) (<-chan struct{}, error) {
	full := make(chan struct{})
	c.mu.Lock()
	c.current, c.full = st, full
	c.mu.Unlock()
	_, err := c.apply(ctx, rd)
	return full, err
}

// currentStep returns the current step if it is an S; else the error says
// a kind of answer for round came in the wrong phase.
func currentStep[S step](c *Coordinator, kind string, round uint32) (S, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.current.(S)
	if !ok {
		return st, c.phaseError(kind, round)
	}
	return st, nil
}

// deliver hands a message to the current step if it is an S, then stores
// what the step's receive decided and records its answer.
func deliver[S step](c *Coordinator, kind string, round uint32, receive func(S) (ready, error)) error {
	st, err := currentStep[S](c, kind, round)
	if err != nil {
		return err
	}
	rd, err := receive(st)
	if err != nil {
		return err
	}
	return c.settle(st, rd)
}

// settle stores a received message's blobs, then records its answer in st
// if st is still the current phase. The sender's answer slot is claimed
// before the blobs are stored: a member that already answered (or whose
// answer is being stored) stores nothing, since its blobs would stay in the
// store though its answer is refused, and a hospital resending fresh
// ciphertexts could fill the coordinator's disk.
func (c *Coordinator) settle(st step, rd ready) error {
	if rd.record != nil && (len(rd.blobs) > 0 || len(rd.record.pieces) > 0) {
		if err := c.claim(st, rd.record.from); err != nil {
			return err
		}
		defer c.unclaim(st, rd.record.from)
	}
	for _, b := range rd.blobs {
		if _, err := c.store.Put(b); err != nil {
			return err
		}
	}
	if rd.record != nil && len(rd.record.pieces) > 0 {
		if err := c.spill(st, rd.record); err != nil {
			return err
		}
	}
	if rd.record == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.current != st {
		p := st.collecting()
		return c.phaseError(p.kind, p.round)
	}
	done, err := record(st, rd.record)
	if err != nil {
		return err
	}
	if done.complete {
		close(c.full)
	}
	return nil
}

// spill writes the pieces of a part of an answer to the dealing spool once
// the step admits them (under the sender's claim, so no other part of its
// answer is taken meanwhile), and lets go of their bytes: the step keeps
// only their names.
func (c *Coordinator) spill(st step, a *answer) error {
	as, ok := st.(assembler)
	if !ok {
		p := st.collecting()
		return fmt.Errorf("%w: share pieces in a %s for round %d", ErrMalformed, p.kind, p.round)
	}
	c.mu.Lock()
	attempt, err := as.admit(a)
	c.mu.Unlock()
	if err != nil {
		return err
	}
	for i := range a.pieces {
		if err := c.dealings.put(attempt, a.pieces[i]); err != nil {
			if errors.Is(err, errDealingGone) {
				return fmt.Errorf("%w: %v", ErrWrongPhase, err)
			}
			return err
		}
		a.pieces[i].sealed = nil
	}
	return nil
}

// claim reserves from's answer in st while its blobs are stored: st must
// be the current phase and want an answer from from that it has neither
// recorded nor is storing.
func (c *Coordinator) claim(st step, from common.Address) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := st.collecting()
	if c.current != st {
		return c.phaseError(p.kind, p.round)
	}
	if err := p.expect(from); err != nil {
		return err
	}
	if p.storing[from] {
		return fmt.Errorf("%w: %s's %s for round %d is being stored", ErrDuplicate, from.Hex(), p.kind, p.round)
	}
	if p.storing == nil {
		p.storing = make(map[common.Address]bool)
	}
	p.storing[from] = true
	return nil
}

// unclaim ends claim's reservation.
func (c *Coordinator) unclaim(st step, from common.Address) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(st.collecting().storing, from)
}

// apply carries out a step's decisions in order: blobs, state, chain
// writes, tasks. It returns the gas the chain writes used.
func (c *Coordinator) apply(ctx context.Context, rd ready) (gas uint64, err error) {
	for _, b := range rd.blobs {
		if _, err := c.store.Put(b); err != nil {
			return gas, err
		}
	}
	for _, s := range rd.state {
		if err := c.store.WriteState(s.name, s.data); err != nil {
			return gas, fmt.Errorf("coordinator: keep %s: %w", s.name, err)
		}
	}
	for _, w := range rd.chain {
		rc, err := c.write(ctx, w)
		if err != nil {
			return gas, err
		}
		gas += rc.GasUsed
	}
	c.send(rd.send, rd)
	return gas, nil
}

// write makes one chain write.
func (c *Coordinator) write(ctx context.Context, w chainWrite) (contracts.Receipt, error) {
	id := c.cfg.StudyID
	switch {
	case w.publicKeyHash != nil:
		rc, err := c.ledger.SetPublicKeyHash(ctx, c.account, id, *w.publicKeyHash)
		if err != nil {
			return rc, fmt.Errorf("coordinator: record public key on chain: %w", err)
		}
		return rc, nil
	case w.standardiserHash != nil:
		rc, err := c.ledger.SetStandardiserHash(ctx, c.account, id, *w.standardiserHash)
		if err != nil {
			return rc, fmt.Errorf("coordinator: record the pooled standardiser on chain: %w", err)
		}
		return rc, nil
	case w.momentsSum != nil:
		rc, err := c.ledger.PinMomentsSum(ctx, c.account, id, *w.momentsSum)
		if err != nil {
			return rc, fmt.Errorf("coordinator: pin the moments sum on chain: %w", err)
		}
		return rc, nil
	case w.openRound != nil:
		rc, err := c.openRound(ctx, w.openRound.round, w.openRound.globalModel)
		c.readers.recorded() // also on an error: the write may have landed
		if err != nil {
			return rc, fmt.Errorf("open round on chain: %w", err)
		}
		return rc, nil
	case w.scores != nil:
		rc, err := c.ledger.RecordScores(ctx, c.account, id, w.scores.round, w.scores.scores)
		if err != nil {
			return rc, fmt.Errorf("record scores on chain: %w", err)
		}
		return rc, nil
	case w.strikes != nil:
		rc, err := c.ledger.ConfirmStrikes(ctx, c.account, id, w.strikes.round, w.strikes.flagged, w.strikes.endorsements)
		if err != nil {
			return rc, fmt.Errorf("confirm strikes on chain: %w", err)
		}
		return rc, nil
	case w.closeRound != nil:
		rc, err := c.ledger.CloseRound(ctx, c.account, id, w.closeRound.round, w.closeRound.result)
		c.readers.recorded()
		if err != nil {
			return rc, fmt.Errorf("close round on chain: %w", err)
		}
		return rc, nil
	}
	return contracts.Receipt{}, fmt.Errorf("coordinator: a step asked for an empty chain write")
}

// send queues each task for its member, if connected, and marks opened's
// tasks sent (ready.sent) in the same critical section: a member that
// joins meanwhile gets them once, from here or from its rejoin.
func (c *Coordinator) send(out []outgoing, opened ready) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, o := range out {
		c.queue(o.to, o.task)
	}
	opened.sent()
}

// queue puts a task on a connected member's stream; the caller holds c.mu.
func (c *Coordinator) queue(to common.Address, task *cohortv1.Task) {
	p, ok := c.peers[to]
	if !ok {
		return
	}
	select {
	case p.tasks <- task:
	default:
		c.log.Warn("participant is not draining its task stream; task dropped", "participant", p.name)
	}
}

// errMemberGone, with ErrStalled, ends a failFast phase's wait early: a
// member it waited for went away. The members that are still connected and
// have not answered were not given their time: they are not late.
var errMemberGone = errors.New("a member asked went away")

// errDeclined, with ErrStalled, ends a phase's wait early: a member it
// waited for declined its task (DeclineTask), and a failFast phase, or one
// that no longer waits for anyone else, cannot have the answers it needs.
var errDeclined = errors.New("a member asked declined its task")

// wait blocks until every member st asked has answered (full is closed),
// or until timeout if at least min answers arrived by then. Members that
// declined their task are waited for no more than members that went away
// over the absent grace ago: once every member missing is one of those, the
// phase closes with min answers, or fails at once (errDeclined) if one
// declined. A failFast phase with fewer than min answers stops waiting as
// soon as a member it waits for goes away (errMemberGone) or declines
// (errDeclined).
func (c *Coordinator) wait(ctx context.Context, st step, full <-chan struct{}, timeout time.Duration, min int) error {
	p := st.collecting()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var lost error // why the wait ended before the timeout, if it did
wait:
	for {
		select {
		case <-full:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			break wait
		case <-tick.C:
			if p.failFast {
				if lost = c.lostMember(p); lost != nil {
					break wait
				}
			}
			missing, ok := c.onlyAbsentMissing(p)
			switch {
			case !ok:
			case missing.answers >= min:
				c.log.Warn("phase closed without participants that are not connected", "phase", p.kind, "round", p.round,
					"missing", missing.absent+missing.declined, "declined", missing.declined, "grace", c.absentGrace())
				return nil
			case missing.declined > 0:
				lost = errDeclined
				break wait
			}
		}
	}
	c.mu.Lock()
	n, declines := len(p.got), c.declines(p)
	c.mu.Unlock()
	if n < min && lost != nil {
		return fmt.Errorf("%w: %w: %d of %d participants had sent a %s for round %d, need %d%s",
			ErrStalled, lost, n, len(p.want), p.kind, p.round, min, declines)
	}
	if n < min {
		return fmt.Errorf("%w: %d of %d participants sent a %s for round %d within %s, need %d%s",
			ErrStalled, n, len(p.want), p.kind, p.round, timeout, min, declines)
	}
	c.log.Warn("phase closed at deadline without every participant", "phase", p.kind, "round", p.round, "answers", n, "expected", len(p.want))
	return nil
}

// absentGrace is Config.AbsentGrace, by default half the phase timeout.
func (c *Coordinator) absentGrace() time.Duration {
	if c.cfg.AbsentGrace > 0 {
		return min(c.cfg.AbsentGrace, c.cfg.PhaseTimeout)
	}
	return c.cfg.PhaseTimeout / 2
}

// missingMembers counts a phase's answers and the members it gave up
// waiting for: gone over the absent grace ago, or declined.
type missingMembers struct {
	answers, absent, declined int
}

// onlyAbsentMissing tells whether the phase waits only for members that
// declined their task or went away at least the absent grace ago (ok,
// with at least one missing), and counts them. A member this coordinator
// has not seen connected (a joiner still starting, or any member after a
// restart) is waited for up to the phase timeout: it may be slow rather
// than down.
func (c *Coordinator) onlyAbsentMissing(p *phase) (missingMembers, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	grace := c.absentGrace()
	m := missingMembers{answers: len(p.got)}
	for a := range p.want {
		if _, answered := p.got[a]; answered {
			continue
		}
		if p.hasDeclined(a) {
			m.declined++
			continue
		}
		if _, connected := c.peers[a]; connected {
			return missingMembers{}, false
		}
		if since, seen := c.gone[a]; !seen || time.Since(since) < grace {
			return missingMembers{}, false
		}
		m.absent++
	}
	return m, m.absent+m.declined > 0
}

// lostMember tells why a failFast phase cannot have every answer it waits
// for: a member it waits for is gone (errMemberGone) or declined its task
// (errDeclined); nil if neither.
func (c *Coordinator) lostMember(p *phase) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for a := range p.want {
		if _, answered := p.got[a]; answered {
			continue
		}
		if p.hasDeclined(a) {
			return errDeclined
		}
		if _, connected := c.peers[a]; !connected {
			return errMemberGone
		}
	}
	return nil
}

// answers returns st's answers in the order given.
func (c *Coordinator) answers(st step, order []common.Address) ([]common.Address, [][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return st.collecting().answers(order)
}
