package coordinator

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// phase collects one kind of answer for one round from a known set of
// participants. The coordinator opens a phase, sends tasks, and waits until
// every expected participant answered or the deadline passed. It is guarded
// by Coordinator.mu.
type phase struct {
	kind  string
	round uint32
	want  map[common.Address]bool
	got   map[common.Address][]byte
	full  chan struct{}
	// subject, if set, is the hash every answer must be about (the
	// aggregate a decryption share is for).
	subject common.Hash
	// tasks are the tasks sent for this phase, sent again to a member that
	// joins again before answering.
	tasks map[common.Address]*cohortv1.Task
	// recipients, for a re-sharing's dealer phase, are the new share
	// holders every dealer must deal to, exactly.
	recipients map[common.Address]bool
	// failFast ends the wait as soon as a member it waits for disconnects:
	// for decryption, where another set can be asked at once.
	failFast bool
}

func newPhase(kind string, round uint32, want []common.Address) *phase {
	p := &phase{
		kind:  kind,
		round: round,
		want:  make(map[common.Address]bool, len(want)),
		got:   make(map[common.Address][]byte, len(want)),
		tasks: make(map[common.Address]*cohortv1.Task, len(want)),
		full:  make(chan struct{}),
	}
	for _, a := range want {
		p.want[a] = true
	}
	return p
}

// add records an answer; it refuses strangers and second answers (replays).
func (p *phase) add(from common.Address, data []byte) error {
	if !p.want[from] {
		return fmt.Errorf("%w: %s is not asked for a %s in round %d", ErrNotParticipant, from.Hex(), p.kind, p.round)
	}
	if _, dup := p.got[from]; dup {
		return fmt.Errorf("%w: %s already sent its %s for round %d", ErrDuplicate, from.Hex(), p.kind, p.round)
	}
	p.got[from] = data
	if len(p.got) == len(p.want) {
		close(p.full)
	}
	return nil
}

// answers returns the answers in the order of the want list given.
func (p *phase) answers(order []common.Address) (from []common.Address, data [][]byte) {
	for _, a := range order {
		if d, ok := p.got[a]; ok {
			from = append(from, a)
			data = append(data, d)
		}
	}
	return from, data
}

// wait blocks until the phase is full, or until timeout if at least min
// answers arrived by then.
func (c *Coordinator) wait(ctx context.Context, p *phase, timeout time.Duration, min int) error {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
wait:
	for {
		select {
		case <-p.full:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			break wait
		case <-tick.C:
			if p.failFast && c.lostMember(p) {
				break wait
			}
		}
	}
	c.mu.Lock()
	n := len(p.got)
	c.mu.Unlock()
	if n < min {
		return fmt.Errorf("%w: %d of %d participants sent a %s for round %d within %s, need %d",
			ErrStalled, n, len(p.want), p.kind, p.round, timeout, min)
	}
	c.log.Warn("phase closed at deadline without every participant", "phase", p.kind, "round", p.round, "answers", n, "expected", len(p.want))
	return nil
}

// lostMember tells whether a member the phase still waits for is gone.
func (c *Coordinator) lostMember(p *phase) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for a := range p.want {
		if _, answered := p.got[a]; answered {
			continue
		}
		if _, connected := c.peers[a]; !connected {
			return true
		}
	}
	return false
}
