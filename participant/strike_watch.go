package participant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// A flag becomes a strike once the study's threshold of participants
// endorsed the round's scores. The coordinator collects the endorsements
// (the holders', the endorse phase's) and brings them to the chain in one
// transaction, but a coordinator colluding with a flagged member need not,
// and one that crashed cannot. So a node that endorsed a round's flags
// remembers them (in its data directory too) and watches the chain: if the
// round's strike is still pending after its grace, it endorses the scores
// on chain itself (contracts.Ledger.EndorseScores), and t nodes doing so
// strike the flagged members with no help from the coordinator.

// strikesDir is where, in the data directory, a node keeps the flags it
// endorsed in each round until the chain struck them
// (DataDir/strikes/<round>.json: the scores hash and the flagged members).
const strikesDir = "strikes"

// endorsedFlags are a round's recorded flags this node endorsed: the
// round's scores hash it checked and the members they flag, in recording
// order (as the chain chains them).
type endorsedFlags struct {
	round      uint32
	scoresHash common.Hash
	flagged    []common.Address
}

// flagsToWatch is what a node keeps of recorded flags it endorses, to
// endorse them on chain itself if the coordinator does not bring the
// strikes (ready.endorsed, and its record for a restart): nothing when
// they flag the node itself, which leaves its own strike to the others.
func (s *steps) flagsToWatch(round uint32, f scoresFacts) (*endorsedFlags, []fileWrite, error) {
	e := endorsedFlags{round: round, scoresHash: f.scoresHash}
	for _, sc := range f.recorded {
		if sc.Flagged {
			e.flagged = append(e.flagged, sc.Member)
		}
	}
	if slices.Contains(e.flagged, s.self) {
		return nil, nil, nil
	}
	b, err := json.Marshal(endorsedFlagsFile{ScoresHash: e.scoresHash, Flagged: e.flagged})
	if err != nil {
		return nil, nil, err
	}
	return &e, []fileWrite{{dir: strikesDir, name: roundRecordName(round), data: b}}, nil
}

// endorsedFlagsFile is the JSON kept in strikesDir.
type endorsedFlagsFile struct {
	ScoresHash common.Hash      `json:"scores_hash"`
	Flagged    []common.Address `json:"flagged"`
}

// strikeAction is what a node does about flags it endorsed, given the
// chain's state of the round's strike.
type strikeAction int

const (
	// strikeWait: the strike is pending and the coordinator still has its grace.
	strikeWait strikeAction = iota
	// strikeEndorse: the strike is pending past the grace: endorse on chain.
	strikeEndorse
	// strikeLanded: nothing is pending (struck, by whichever path): done.
	strikeLanded
	// strikeStale: the round's scores or pending flags are not the ones
	// this node endorsed (the coordinator recorded more since): its
	// endorsement does not apply to them, so it stops.
	strikeStale
)

// decideStrike is what a node does about its endorsement e of a round's
// flags, the chain saying st about the round's strike, at now, with its
// grace ending at due.
func decideStrike(e endorsedFlags, st contracts.StrikeStatus, due, now time.Time) strikeAction {
	switch {
	case !st.Pending():
		return strikeLanded
	case st.ScoresHash != e.scoresHash || st.FlaggedHash != contracts.FlaggedHash(e.flagged):
		return strikeStale
	case now.Before(due):
		return strikeWait
	}
	return strikeEndorse
}

// strikeGrace is how long a node leaves a round's strike to the
// coordinator after it endorsed the flags: the coordinator confirms the
// strikes right after the decryption (asking for missing endorsements
// first), and the node waits a few chain polls more, staggered by its
// address so that the nodes' transactions do not all come at once.
func (p *Participant) strikeGrace() time.Duration {
	return p.committeeGrace()
}

// strikeInbox takes the flags this node endorsed to watchStrikes, and
// word that the coordinator went away. It is safe for concurrent use; a
// nil inbox drops what it is given.
type strikeInbox struct {
	mu    sync.Mutex
	in    []endorsedFlags
	hurry bool          // the coordinator went away: no grace for the flags held
	wake  chan struct{} // capacity 1: a pending wake-up
}

func newStrikeInbox() *strikeInbox { return &strikeInbox{wake: make(chan struct{}, 1)} }

// put hands e to the watcher.
func (b *strikeInbox) put(e endorsedFlags) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.in = append(b.in, e)
	b.mu.Unlock()
	b.signal()
}

// coordinatorGone tells the watcher that the coordinator went away (a
// restart, a crash, a cut): it will not confirm the strikes of the flags
// the watcher holds now, and a restarted one scores its round again and
// records another table, which this node's endorsement does not cover.
// So the watcher endorses those flags on chain at once, with no grace.
func (b *strikeInbox) coordinatorGone() {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.hurry = true
	b.mu.Unlock()
	b.signal()
}

func (b *strikeInbox) signal() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// take returns what was put since the last take, and whether the
// coordinator went away since.
func (b *strikeInbox) take() (in []endorsedFlags, hurry bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	in, hurry = b.in, b.hurry
	b.in, b.hurry = nil, false
	return in, hurry
}

// rememberEndorsed hands flags this node endorsed to its strike watcher.
func (p *Participant) rememberEndorsed(e endorsedFlags) { p.strikes.put(e) }

// watchStrikes endorses on chain the flags this node endorsed whose strike
// the chain still has pending after the node's grace. It reads the chain
// only while it holds such flags: at the first chain poll after a new
// block, after flags arrive, after a failed read and when a grace runs
// out; a study whose rounds flag no one costs it no read. Once finished
// is closed (the study is over) it returns as soon as it holds no flags,
// or settleWait later, leaving what remains in the data directory.
func (p *Participant) watchStrikes(ctx context.Context, finished <-chan struct{}) {
	p.atChainPolls(func(ticks <-chan time.Time) { p.watchStrikesTicks(ctx, finished, ticks) })
}

// settleWait bounds how long a node whose study is over waits for the
// strikes of the flags it endorsed: past any grace.
func (p *Participant) settleWait() time.Duration { return 15 * p.cfg.chainPoll() }

// watchedFlags are flags a node endorsed and the end of their grace.
type watchedFlags struct {
	endorsedFlags
	due time.Time
}

// watchStrikesTicks is watchStrikes with its ticks given.
func (p *Participant) watchStrikesTicks(ctx context.Context, finished <-chan struct{}, ticks <-chan time.Time) {
	var wake chan struct{}
	if p.strikes != nil {
		wake = p.strikes.wake
	}
	next := p.ledger.NextHead()
	var watching []watchedFlags
	var settleBy time.Time // zero until the study is over
	stale := false         // flags or a block not read since, or a failed read
	take := func(now time.Time) {
		if p.strikes == nil {
			return
		}
		in, hurry := p.strikes.take()
		for _, e := range in {
			watching = slices.DeleteFunc(watching, func(w watchedFlags) bool { return w.round == e.round })
			watching = append(watching, watchedFlags{endorsedFlags: e, due: now.Add(p.strikeGrace())})
			stale = true
		}
		if hurry {
			for i := range watching {
				watching[i].due = now
			}
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-wake:
			take(time.Now())
			continue
		case <-next:
			next = p.ledger.NextHead()
			stale = stale || len(watching) > 0
			continue
		case <-finished:
			finished = nil
			take(time.Now())
			settleBy = time.Now().Add(p.settleWait())
		case now := <-ticks:
			due := slices.ContainsFunc(watching, func(w watchedFlags) bool { return !now.Before(w.due) })
			if stale || due {
				stale = false
				watching = slices.DeleteFunc(watching, func(w watchedFlags) bool {
					settled, read := p.settleStrike(ctx, w, now)
					stale = stale || !read
					return settled
				})
			}
		}
		if !settleBy.IsZero() && (len(watching) == 0 || time.Now().After(settleBy)) {
			for _, w := range watching {
				p.log.Warn("the study is over with a flagged member's strike still pending; its record stays in the data directory", "round", w.round)
			}
			return
		}
	}
}

// settleStrike reads the chain about flags this node endorsed and does
// what decideStrike decides; it reports whether they are settled (the
// watcher lets them go) and whether the chain could be read.
func (p *Participant) settleStrike(ctx context.Context, w watchedFlags, now time.Time) (settled, read bool) {
	st, err := p.ledger.PendingStrike(ctx, p.cfg.StudyID, w.round)
	if err != nil {
		p.log.Warn("reading a round's pending strikes from the chain", "round", w.round, "err", err)
		return false, false
	}
	switch decideStrike(w.endorsedFlags, st, w.due, now) {
	case strikeWait:
		return false, true
	case strikeLanded:
		p.log.Debug("the flagged members' strikes are on chain", "round", w.round)
	case strikeStale:
		p.log.Warn("the round's recorded scores changed since this hospital endorsed them; its endorsement does not apply to them",
			"round", w.round, "endorsed", w.scoresHash.Hex(), "recorded", st.ScoresHash.Hex())
	case strikeEndorse:
		r, err := p.ledger.EndorseScores(ctx, p.account, p.cfg.StudyID, w.round, w.scoresHash, w.flagged)
		switch {
		case err == nil:
			p.log.Warn("the coordinator did not confirm the flagged members' strikes; endorsed the round's scores on chain",
				"round", w.round, "flagged", len(w.flagged), "scores_hash", w.scoresHash.Hex(), "gas", r.GasUsed)
		case errors.Is(err, contracts.ErrNoStrikePending), errors.Is(err, contracts.ErrAlreadyEndorsed):
			// Struck meanwhile, or endorsed before a restart.
		case errors.Is(err, contracts.ErrScoresChanged), errors.Is(err, contracts.ErrNotInGoodStanding), errors.Is(err, contracts.ErrInvalidParameter):
			p.log.Warn("endorsing the round's scores on chain was refused", "round", w.round, "err", err)
		default:
			p.log.Warn("endorsing the round's scores on chain; trying again", "round", w.round, "err", err)
			return false, false
		}
	}
	p.forgetEndorsed(w.round)
	return true, true
}

// forgetEndorsed removes the data directory's record of a round's
// endorsed flags once they are settled.
func (p *Participant) forgetEndorsed(round uint32) {
	if p.cfg.DataDir == "" {
		return
	}
	err := os.Remove(filepath.Join(p.cfg.DataDir, strikesDir, roundRecordName(round)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		p.log.Warn("removing a settled strike's record", "round", round, "err", err)
	}
}

// loadEndorsed hands the watcher the flags this node endorsed before a
// restart whose strikes were not settled then. A record it cannot read is
// reported and left alone: it served only an endorsement on chain.
func (p *Participant) loadEndorsed() {
	if p.cfg.DataDir == "" {
		return
	}
	files, err := roundFiles(filepath.Join(p.cfg.DataDir, strikesDir))
	if err != nil {
		p.log.Warn("reading the flags this hospital endorsed", "err", err)
		return
	}
	for _, f := range files {
		e, err := readEndorsedFlags(f.path, f.round)
		if err != nil {
			p.log.Warn("the record of flags this hospital endorsed is unreadable; not endorsing them on chain", "round", f.round, "err", err)
			continue
		}
		p.rememberEndorsed(e)
	}
}

// readEndorsedFlags reads one round's record from strikesDir.
func readEndorsedFlags(path string, round uint32) (endorsedFlags, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return endorsedFlags{}, err
	}
	var f endorsedFlagsFile
	if err := json.Unmarshal(b, &f); err != nil {
		return endorsedFlags{}, fmt.Errorf("%s: %w", path, err)
	}
	if f.ScoresHash == (common.Hash{}) || len(f.Flagged) == 0 {
		return endorsedFlags{}, fmt.Errorf("%s: no scores hash or no flagged member", path)
	}
	return endorsedFlags{round: round, scoresHash: f.ScoresHash, flagged: f.Flagged}, nil
}
