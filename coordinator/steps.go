package coordinator

import (
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// The coordinator's side of each protocol phase (api/protocol) is a step: a
// value made from the phase's inputs (members, hashes, chain facts read by
// the driver) that takes the members' messages and hands back a ready, the
// way etcd's raft hands back Ready: tasks to send, blobs to store, state to
// keep, chain writes to make, members to flag and whether every answer is
// in. Steps do no gRPC, chain, disk or clock I/O; the driver (Coordinator:
// Run, the gRPC handlers in server.go and the phase drivers) does it all
// and applies each ready in a fixed order: blobs, state, chain, then tasks.
//
// A step checks a message in two moves, so that no lock is held while a
// large payload is checked and stored: receive checks the message against
// the step's fixed inputs and returns the answer to record (it changes
// nothing, and is safe to call concurrently); the driver claims the
// sender's answer (Coordinator.claim), stores the ready's blobs, then
// records the answer with phase.add, which refuses strangers and replays. Steps are otherwise not safe for concurrent use: the driver
// guards them with Coordinator.mu.

// ready is what a step decided, for the driver to carry out in field order.
type ready struct {
	blobs [][]byte    // to put in the store first
	state []keptState // to write in the store's state
	chain []chainWrite
	send  []outgoing
	// record, from receive, is the answer to record once the blobs are stored.
	record *answer
	// flag are members whose update robust scoring flagged (the chain
	// counts their strikes from the recorded scores).
	flag []common.Address
	// complete says every member asked has answered.
	complete bool
	// opens is the phase whose tasks send carries (phase.ask): once they
	// are sent, it sends them again to a member that joins (sent).
	opens *phase
}

// sent marks rd's tasks as sent, as the driver does when it queues them:
// from then on the phase that asked sends them again to a member that
// joins before answering. Not before: a task must not go out ahead of the
// chain writes the driver makes first (the round it asks about opened).
// The caller holds Coordinator.mu.
func (rd ready) sent() {
	if rd.opens != nil {
		rd.opens.opened = true
	}
}

// outgoing is a task for one member.
type outgoing struct {
	to   common.Address
	task *cohortv1.Task
}

// keptState is a named piece of protocol state the store keeps across
// restarts (Store.WriteState).
type keptState struct {
	name string
	data []byte
}

// answer is one member's answer to a phase, as the phase keeps it.
type answer struct {
	from common.Address
	data []byte
	// pieces, set instead of data, are one message's part of an answer that
	// comes in several (a re-sharing dealer's share pieces): the step, an
	// assembler, counts the answer once every part has come. With pieces,
	// data is what the part carries besides them (a joining member's
	// public-key share), the assembler's to keep, and signature the
	// sender's signature over data, which evidence shows.
	pieces    []dealtPiece
	signature []byte
}

// assembler is a step whose answers come in several messages, each part
// kept on disk (the dealing spool) rather than in memory. admit checks a
// part against what the step took, changing nothing, and names the spool
// attempt its bytes go to; assemble takes it from a member asked that has
// not answered (not its bytes); whole says the member's answer is now
// complete.
type assembler interface {
	admit(part *answer) (spool uint64, err error)
	assemble(part *answer) (whole bool, err error)
}

// quorumStep is a step done once quorum of the members asked answered
// (at most all of them), rather than all.
type quorumStep interface {
	quorum() int
}

// record adds a checked answer to st, as the driver does once its blobs are
// stored; an assembler's part counts once the answer is whole, and a
// quorumStep is complete at its quorum (once: later answers are still
// recorded). The caller holds Coordinator.mu.
func record(st step, a *answer) (ready, error) {
	p := st.collecting()
	if as, ok := st.(assembler); ok && a.pieces != nil {
		if err := p.expect(a.from); err != nil {
			return ready{}, err
		}
		whole, err := as.assemble(a)
		if err != nil || !whole {
			return ready{}, err
		}
	}
	rd, err := p.add(a.from, a.data)
	if q, ok := st.(quorumStep); ok && err == nil {
		rd.complete = len(p.got) == q.quorum()
	}
	return rd, err
}

// chainWrite is one transaction a step asks for; exactly one field is set.
type chainWrite struct {
	publicKeyHash    *common.Hash // SetPublicKeyHash
	standardiserHash *common.Hash // SetStandardiserHash
	momentsSum       *common.Hash // PinMomentsSum
	openRound        *roundOpening
	scores           *roundScores
	strikes          *roundStrikes
	closeRound       *roundClosing
}

// roundStrikes gives the members a round's recorded scores flagged their
// strikes, with the holders' endorsements of the scores (by signer).
type roundStrikes struct {
	round        uint32
	flagged      []common.Address
	endorsements map[common.Address][]byte
}

// roundOpening opens a round with its global model; the driver sets the
// deadline from its clock and, in a private study, the ε spent.
type roundOpening struct {
	round       uint32
	globalModel common.Hash
}

// roundScores records robust scoring's scores, weights and flags.
type roundScores struct {
	round  uint32
	scores []contracts.Score
}

// roundClosing closes a round with its result.
type roundClosing struct {
	round  uint32
	result contracts.RoundResult
}

// step is what the driver needs of every phase's step: its collection of
// answers. Each step type embeds *phase and adds its own receive and
// finish methods.
type step interface {
	collecting() *phase
}

// phase collects one kind of answer for one round from a known set of
// members: the part every step shares.
type phase struct {
	name  protocol.Phase
	kind  string // the auth kind its answers are signed with
	round uint32
	want  map[common.Address]bool
	got   map[common.Address][]byte
	// tasks are the tasks sent for this phase, sent again to a member that
	// joins again before answering once opened (ready.sent).
	tasks  map[common.Address][]*cohortv1.Task
	opened bool
	// storing are the members whose answer's blobs are being stored
	// (Coordinator.claim).
	storing map[common.Address]bool
	// failFast ends the driver's wait as soon as a member it waits for
	// disconnects or declines: for an active set of share holders, where
	// another set can be asked at once.
	failFast bool
	// declined are the members that declined the phase's task
	// (DeclineTask), with the decline each sent (its reason, and its
	// signature when it came over the wire). The driver waits for them no
	// more than for members that went away; one that answers after all
	// (its node caught up) is still taken.
	declined map[common.Address]*cohortv1.TaskDecline
}

func newPhase(name protocol.Phase, round uint32, want []common.Address) *phase {
	p := &phase{
		name:  name,
		kind:  name.Kind(),
		round: round,
		want:  make(map[common.Address]bool, len(want)),
		got:   make(map[common.Address][]byte, len(want)),
		tasks: make(map[common.Address][]*cohortv1.Task, len(want)),
	}
	for _, a := range want {
		p.want[a] = true
	}
	return p
}

func (p *phase) collecting() *phase { return p }

// expect checks that from is asked and has not answered yet.
func (p *phase) expect(from common.Address) error {
	if !p.want[from] {
		return fmt.Errorf("%w: %s is not asked for a %s in round %d", ErrNotParticipant, from.Hex(), p.kind, p.round)
	}
	if _, dup := p.got[from]; dup {
		return fmt.Errorf("%w: %s already sent its %s for round %d", ErrDuplicate, from.Hex(), p.kind, p.round)
	}
	return nil
}

// decline records that from declined the phase's task (d, whose reason
// it keeps); like add, it refuses strangers and members that answered, and
// it refuses a second decline.
func (p *phase) decline(from common.Address, d *cohortv1.TaskDecline) error {
	if err := p.expect(from); err != nil {
		return err
	}
	if p.storing[from] {
		return fmt.Errorf("%w: %s's %s for round %d is being stored", ErrDuplicate, from.Hex(), p.kind, p.round)
	}
	if _, dup := p.declined[from]; dup {
		return fmt.Errorf("%w: %s already declined its %s task for round %d", ErrDuplicate, from.Hex(), p.name, p.round)
	}
	if p.declined == nil {
		p.declined = make(map[common.Address]*cohortv1.TaskDecline)
	}
	p.declined[from] = d
	return nil
}

// keptDeclines are the signed declines of the members in order that
// declined the phase's task and have not answered since.
func (p *phase) keptDeclines(members []common.Address) []*cohortv1.TaskDecline {
	var out []*cohortv1.TaskDecline
	for _, a := range members {
		if d := p.declined[a]; d != nil && d.GetAuth() != nil && p.hasDeclined(a) {
			out = append(out, d)
		}
	}
	return out
}

// hasDeclined tells whether a declined the phase's task and has not
// answered since.
func (p *phase) hasDeclined(a common.Address) bool {
	_, declined := p.declined[a]
	_, answered := p.got[a]
	return declined && !answered
}

// add records an answer; it refuses strangers and second answers (replays).
func (p *phase) add(from common.Address, data []byte) (ready, error) {
	if err := p.expect(from); err != nil {
		return ready{}, err
	}
	p.got[from] = data
	return ready{complete: len(p.got) == len(p.want)}, nil
}

// checkRound refuses an answer for another round than the phase's.
func (p *phase) checkRound(round uint32) error {
	if round != p.round {
		return fmt.Errorf("%w: got a %s for round %d while collecting %ss for round %d", ErrWrongPhase, p.kind, round, p.kind, p.round)
	}
	return nil
}

// ask returns the ready that sends task to each listed member, and keeps
// it to send again to a member that joins again before answering.
func (p *phase) ask(to []common.Address, task *cohortv1.Task) ready {
	var rd ready
	for _, a := range to {
		rd = rd.merge(p.askAll(a, []*cohortv1.Task{task}))
	}
	return rd
}

// askAll returns the ready that sends a the tasks, in order, and keeps them
// to send again if a joins again before answering.
func (p *phase) askAll(a common.Address, tasks []*cohortv1.Task) ready {
	rd := ready{opens: p}
	for _, t := range tasks {
		rd.send = append(rd.send, outgoing{to: a, task: t})
	}
	if p.want[a] {
		p.tasks[a] = tasks
	}
	return rd
}

// answers returns the answers in the order of the list given.
func (p *phase) answers(order []common.Address) (from []common.Address, data [][]byte) {
	for _, a := range order {
		if d, ok := p.got[a]; ok {
			from = append(from, a)
			data = append(data, d)
		}
	}
	return from, data
}

// pending returns the members asked that have not answered, sorted.
func (p *phase) pending() []common.Address {
	var out []common.Address
	for a := range p.want {
		if _, ok := p.got[a]; !ok {
			out = append(out, a)
		}
	}
	return sortedAddresses(out)
}

// merge appends another ready's actions to rd.
func (rd ready) merge(o ready) ready {
	rd.blobs = append(rd.blobs, o.blobs...)
	rd.state = append(rd.state, o.state...)
	rd.chain = append(rd.chain, o.chain...)
	rd.send = append(rd.send, o.send...)
	rd.flag = append(rd.flag, o.flag...)
	rd.complete = rd.complete || o.complete
	if o.record != nil {
		rd.record = o.record
	}
	if o.opens != nil {
		rd.opens = o.opens
	}
	return rd
}

// resend returns the tasks to send again to a member that joins again
// before answering, once they were sent, or none.
func (p *phase) resend(a common.Address) []*cohortv1.Task {
	if _, answered := p.got[a]; answered || !p.opened {
		return nil
	}
	return p.tasks[a]
}

// rejoin lists what a member a that joins (again) is sent first, in order:
// the end of the study if it ended meanwhile (done), the agreed pooled
// standardiser (catchUp), the last re-sharing's commit if a is to get it
// (getsCommit: it holds a share, or see missedHandOver), then what the
// current phase asked a and a has not answered. Nil tasks are left out.
func rejoin(a common.Address, done, catchUp, commit *cohortv1.Task, getsCommit bool, current step) []*cohortv1.Task {
	var out []*cohortv1.Task
	if done != nil {
		out = append(out, done)
	}
	if catchUp != nil {
		out = append(out, catchUp)
	}
	if getsCommit && commit != nil {
		out = append(out, commit)
	}
	if current != nil {
		out = append(out, current.collecting().resend(a)...)
	}
	return out
}

// missedHandOver tells whether a, which holds no share of the current set,
// is sent its commit when it joins: with a committee, a hand-over's commit
// goes to the old holders off the new committee once, when it is made, and
// one whose node was down then would keep its old share for good. Each
// checks the commit against the committee selection it names, on chain,
// and erases an older share (one that never held a share does nothing),
// so it goes to every member off that selection. A commit that names none
// (kept by an earlier release) goes to holders only: the others would
// refuse it.
func missedHandOver(a common.Address, committee bool, commit *cohortv1.Task) bool {
	rc := commit.GetReshareCommit()
	if !committee || rc.GetCommitteeEpoch() == 0 {
		return false
	}
	return !slices.ContainsFunc(rc.GetHolders(), func(h *cohortv1.ShareHolder) bool { return common.BytesToAddress(h.GetAddress()) == a })
}
