package participant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// This node's join block across restarts.
//
// The block its join of the study was mined in protects a node twice: the
// coordinator waits for its own chain to have it before reading
// membership (JoinRequest.chain_block), and a node whose own chain reads
// a block before it is behind, not out of the study (behindOwnJoin). A
// node that joined in an earlier run learns it at start (recallJoin) from
// two sources, and takes the later block:
//
//   - the data directory, where the node keeps its join when it joins
//     (DataDir/joined.json, with the block's hash and the chain's id). Only
//     this survives a chain that went back before the join (a node
//     restored from an older snapshot, or chain.rpc pointed at one still
//     syncing): that chain has no trace of the join.
//   - its chain's StudyJoined event (contracts.Ledger.JoinedAt, a log
//     query from the study's creation block), for a node without a data directory, one whose join predates
//     the file or another process made (kept from then on). A chain behind
//     the join gives nothing (0): such a node cannot tell it is behind its
//     join, and acts as before (a node that left the study), except at
//     start, where the contract refuses its join as made: it then waits
//     for its chain to reach the join (awaitOwnJoin).
//
// A kept join that another chain or study wrote (another chain id, ledger
// or study, or another block at its height once the chain has that
// height) is set aside with a warning: a reset development network must
// not hold a node waiting for a block of the network it replaced. One the
// chain cannot check yet (its head is below the block) is trusted: the
// data directory is the hospital's own.

// joinFileName is the file of the data directory keeping this node's join.
const joinFileName = "joined.json"

// msgBehindOwnJoin is logged while this node's chain reads a block before
// the one its join of the study was mined in.
const msgBehindOwnJoin = "this node's chain is behind this hospital's own join of the study; waiting for it"

// msgAlreadyJoined is logged when the contract refuses this node's join
// as made (contracts.ErrAlreadyJoined) while its chain reads "not a
// participant": its chain is behind the join.
const msgAlreadyJoined = "the study refused this hospital's join as already made: this node's chain is behind that join; waiting for it"

// msgLeftThenJoined is logged, once a wait, when this node's chain shows
// this hospital leave the study since the wait began while the contract,
// where the node's transactions go, still holds it a participant: it
// joined again after that departure, and its chain has not reached that
// join yet.
const msgLeftThenJoined = "this node's chain shows this hospital leave the study, but the study holds a later join of it; waiting for the node's chain to reach that join"

// msgParticipantAtLatest is logged, at each new block of this node's
// chain while it lasts, when a running node's chain reads this hospital
// out of the study while the study's latest state, where the node's
// transactions go, holds it a participant: the hospital left and joined
// again, or the node's chain is behind its join, and its chain has not
// reached that join yet.
const msgParticipantAtLatest = "this node's chain reads this hospital out of the study, but the study's latest state holds it a participant (a join this node's chain has not reached); going on, waiting for the chain"

// msgJoinOnChain is logged when this node's chain records this hospital's
// join of the study and this run did not make it: an earlier run did, or
// another process (an operator's cohort study join); the node cannot tell
// which.
const msgJoinOnChain = "this node's chain records this hospital's join of the study"

// msgJoinKept is logged when the data directory keeps a later join of
// this hospital than this node's chain records (recallJoin): the chain is
// behind that join.
const msgJoinKept = "this node's data directory keeps this hospital's join of the study; its chain does not show that join yet"

// joinRecord is this node's join of the study as kept in the data
// directory.
type joinRecord struct {
	StudyID   uint64         `json:"study_id"`
	Ledger    common.Address `json:"ledger"` // the Consortium contract (contracts.Ledger.Address)
	ChainID   uint64         `json:"chain_id"`
	Block     uint64         `json:"block"`
	BlockHash common.Hash    `json:"block_hash"`
}

func (p *Participant) joinPath() string { return filepath.Join(p.cfg.DataDir, joinFileName) }

// keepJoin keeps this node's join, mined in block, in the data directory.
// A join it cannot keep is logged, not failed: the join stands on chain,
// and a restarted node reads it there (recallJoin).
func (p *Participant) keepJoin(ctx context.Context, block uint64) {
	if p.cfg.DataDir == "" {
		return
	}
	hash, err := p.ledger.BlockHash(ctx, block)
	if err == nil {
		var b []byte
		b, err = json.Marshal(joinRecord{StudyID: p.cfg.StudyID, Ledger: p.ledger.Address(), ChainID: p.ledger.ChainID().Uint64(), Block: block, BlockHash: hash})
		if err == nil {
			err = writeFileAtomic(p.cfg.DataDir, joinFileName, b)
		}
	}
	if err != nil {
		p.log.Warn("could not keep this hospital's join block in the data directory; after a restart only the chain tells it", "block", block, "err", err)
	}
}

// recallJoin sets joinedAt, for a node that did not join in this run, to
// the later of the join kept in its data directory and the one its chain
// records (see the top of this file). What it cannot read is logged and
// left at 0, as before the node learnt its join block.
func (p *Participant) recallJoin(ctx context.Context) {
	if p.joinedAt != 0 {
		return
	}
	kept := p.keptJoin(ctx)
	onChain, err := p.ledger.JoinedAt(ctx, p.cfg.StudyID, p.Address())
	if err != nil {
		p.log.Warn("could not read this hospital's join of the study from the chain", "study", p.cfg.StudyID, "err", err)
	}
	p.joinedAt = max(kept, onChain)
	if onChain > kept {
		// A join the data directory does not have yet (it predates the
		// file, or another process made it) is kept for the next restart,
		// whose chain may have gone back before it.
		p.keepJoin(ctx, onChain)
	}
	switch {
	case onChain != 0 && onChain >= kept:
		p.log.Info(msgJoinOnChain, "study", p.cfg.StudyID, "block", onChain, "kept_block", kept)
	case kept != 0:
		p.log.Info(msgJoinKept, "study", p.cfg.StudyID, "block", kept, "chain_block", onChain, "file", p.joinPath())
	}
}

// msgJoinedAgain is logged when this node's chain records a later join of
// this hospital than the one the node goes by (joinedAt): the hospital
// left the study and joined again (cohort study leave, then join) while
// the node ran.
const msgJoinedAgain = "this node's chain records a later join of the study by this hospital; going by that join"

// latestJoin moves joinedAt to a later join of this hospital its chain
// records (it reads only the blocks after joinedAt), and keeps it
// in the data directory. A node goes by its latest join: the coordinator
// waits for that block before reading membership, and one told of the
// first join while its chain is between the departure and the later join
// reads "not a participant" and refuses the node for good. A read that
// fails is logged and leaves joinedAt as it was.
func (p *Participant) latestJoin(ctx context.Context) {
	later, err := p.ledger.JoinedAfter(ctx, p.cfg.StudyID, p.Address(), p.joinedAt)
	if err != nil {
		p.log.Warn("could not read from the chain whether this hospital joined the study again", "study", p.cfg.StudyID, "err", err)
		return
	}
	if later <= p.joinedAt {
		return
	}
	p.log.Info(msgJoinedAgain, "study", p.cfg.StudyID, "block", later, "earlier_block", p.joinedAt)
	p.joinedAt = later
	p.keepJoin(ctx, later)
}

// keptJoin is the join block kept in the data directory, 0 if none or
// if it is not this chain's and study's.
func (p *Participant) keptJoin(ctx context.Context) uint64 {
	if p.cfg.DataDir == "" {
		return 0
	}
	b, err := os.ReadFile(p.joinPath())
	if errors.Is(err, fs.ErrNotExist) {
		return 0
	}
	var r joinRecord
	if err == nil {
		err = json.Unmarshal(b, &r)
	}
	if err != nil {
		p.log.Warn("could not read the join block kept in the data directory; set aside", "file", p.joinPath(), "err", err)
		return 0
	}
	aside := func(why string) uint64 {
		p.log.Warn("the join block kept in the data directory is not this chain's join of this study; set aside (remove the file once the network was reset on purpose)",
			"file", p.joinPath(), "why", why, "kept_block", r.Block)
		return 0
	}
	switch {
	case r.StudyID != p.cfg.StudyID:
		return aside("another study")
	case r.Ledger != p.ledger.Address():
		return aside("another ledger")
	case r.ChainID != p.ledger.ChainID().Uint64():
		return aside("another chain id")
	}
	if head, err := p.ledger.BlockNumber(ctx); err == nil && head >= r.Block {
		if hash, err := p.ledger.BlockHash(ctx, r.Block); err == nil && hash != r.BlockHash {
			return aside("another block at its height")
		}
	}
	return r.Block
}

// behindOwnJoin tells whether this node's chain is at a block before the
// one its join of the study was mined in (joinedAt, in this run or
// recalled from an earlier one): one that reads "not a participant" there
// is behind (restored from an older snapshot, or a node still syncing
// behind chain.rpc), not out of the study, and stopping, or joining
// again, would end this hospital's part in it for good.
func (p *Participant) behindOwnJoin(ctx context.Context) bool {
	head, behind := p.belowJoin(ctx)
	if behind {
		p.log.Warn(msgBehindOwnJoin, "study", p.cfg.StudyID, "joined_block", p.joinedAt, "node_block", head)
	}
	return behind
}

// belowJoin reads this node's head and tells whether it is below joinedAt
// (never when joinedAt is 0 or the read fails).
func (p *Participant) belowJoin(ctx context.Context) (head uint64, below bool) {
	if p.joinedAt == 0 {
		return 0, false
	}
	head, err := p.ledger.BlockNumber(ctx)
	return head, err == nil && head < p.joinedAt
}

// participates tells whether this hospital is a participant of the study,
// as Run starts. A chain behind this node's own join (joinedAt) reads
// "not a participant": the node waits for it to reach the join, at each
// new head or chain poll, rather than join the study again on a stale
// chain (logged once), or until ctx ends. A chain that shows the study
// completed below the join ends the wait (keptJoinVain). One that shows
// the hospital leave does not: below the join, that is a departure
// before it (the node may have joined again since); once the chain
// reaches the join the wait is over, and a departure after it reads as
// "not a participant" there.
func (p *Participant) participates(ctx context.Context) (bool, error) {
	for warned := false; ; warned = true {
		next := p.ledger.NextHead() // asked before reading: a block in between closes it
		in, err := p.ledger.IsParticipant(ctx, p.cfg.StudyID, p.Address())
		if err != nil || in {
			return in, err
		}
		head, behind := p.belowJoin(ctx)
		if !behind {
			return false, nil
		}
		if err := p.keptJoinVain(ctx); err != nil {
			return false, err
		}
		if !warned {
			p.log.Warn(msgBehindOwnJoin, "study", p.cfg.StudyID, "joined_block", p.joinedAt, "node_block", head,
				"hint", "check that the node is syncing; if the network was reset on purpose, remove "+joinFileName+" from the data directory")
		}
		if err := p.awaitHead(ctx, next); err != nil {
			return false, err
		}
	}
}

// awaitOwnJoin waits, once the contract refused this node's join as made
// (contracts.ErrAlreadyJoined) while its chain read "not a participant",
// until its chain has the join: the hospital is a participant and its
// chain behind, as for a node that recalled its join block (participates),
// but one without a data directory has no block to wait for. Then it reads
// the join's block from its chain (recallJoin).
//
// The wait ends with an error, rather than go on forever, once the chain
// shows it vain (ownJoinGone): the hospital left the study after that
// join, or the study completed; and when ctx ends.
func (p *Participant) awaitOwnJoin(ctx context.Context) error {
	// The node's chain read "not a participant" at or before this
	// block: a departure after it may end the join the contract refused
	// (ownJoinGone).
	from, err := p.ledger.BlockNumber(ctx)
	if err != nil {
		return fmt.Errorf("participant %s: read the chain's head: %w", p.cfg.Name, err)
	}
	p.log.Warn(msgAlreadyJoined, "study", p.cfg.StudyID, "node_block", from, "hint", "check that the node is syncing")
	told := false // msgLeftThenJoined
	for {
		next := p.ledger.NextHead() // asked before reading: a block in between closes it
		in, err := p.ledger.IsParticipant(ctx, p.cfg.StudyID, p.Address())
		if err != nil {
			return fmt.Errorf("participant %s: read membership of study %d: %w", p.cfg.Name, p.cfg.StudyID, err)
		}
		if in {
			p.recallJoin(ctx)
			return nil
		}
		if err := p.ownJoinGone(ctx, from, &told); err != nil {
			return err
		}
		if err := p.awaitHead(ctx, next); err != nil {
			return err
		}
	}
}

// ownJoinGone tells, for awaitOwnJoin, whether a chain that reads "not a
// participant" shows the join the contract refused as made ended, which
// no wait undoes: the hospital left the study (or a members' vote
// excluded it) at a block after from, the node's head as the wait began,
// and the study's latest state at the head the node's transactions reach
// agrees (ErrLeftStudy); or the study completed, after which no one joins
// (contracts.ErrStudyCompleted). It returns nil while neither shows.
//
// A departure alone does not decide: one after from may precede the join
// the contract refused (the hospital left and joined again while this
// node's chain was behind all three), and that join stands until a
// departure the contract's head shows too. While the contract holds the
// hospital a participant there (its join refused as made again, dry-run
// by contracts.Ledger.CheckJoin) the node waits for its chain to reach
// that join; told is set once it said so. A dry run that cannot tell (a
// round open there, the node unreachable) waits for the next head.
func (p *Participant) ownJoinGone(ctx context.Context, from uint64, told *bool) error {
	departures, err := p.ledger.DeparturesAfter(ctx, p.cfg.StudyID, from)
	if err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	var last *contracts.Departure
	for i, d := range departures {
		if d.Member == p.Address() {
			last = &departures[i]
		}
	}
	if last != nil {
		switch p.participationAtLatest(ctx) {
		case inAtLatest:
			if !*told {
				p.log.Warn(msgLeftThenJoined, "study", p.cfg.StudyID, "left_block", last.Block)
				*told = true
			}
			return nil
		case unknownAtLatest:
			return nil
		}
		how := "the hospital left it"
		if last.By != last.Member {
			how = "a members' vote excluded the hospital"
		}
		return fmt.Errorf("participant %s: %w %d: its chain shows %s at block %d, after the join the contract refused as made; the node stops (start it again to join the study again)",
			p.cfg.Name, ErrLeftStudy, p.cfg.StudyID, how, last.Block)
	}
	study, err := p.ledger.Progress(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study %d: %w", p.cfg.Name, p.cfg.StudyID, err)
	}
	if study.Completed {
		return fmt.Errorf("participant %s: study %d completed on chain without this hospital among its participants, though the contract refused its join as made; the node stops: %w",
			p.cfg.Name, p.cfg.StudyID, contracts.ErrStudyCompleted)
	}
	return nil
}

// participation is what the study's latest state, where this node's
// transactions go, says of this hospital: a dry run of its join
// (contracts.Ledger.CheckJoin). A node whose chain is behind that state
// learns from it whether a departure its chain shows still stands.
type participation int

const (
	// outAtLatest: the join would go through, or is refused for another
	// reason than a round (the hospital no longer a consortium member):
	// the hospital is out of the study.
	outAtLatest participation = iota
	// inAtLatest: the join is refused as made (contracts.ErrAlreadyJoined):
	// the hospital is a participant there.
	inAtLatest
	// unknownAtLatest: a round is open there (no join is dry-run then), or
	// that node did not answer.
	unknownAtLatest
)

// participationAtLatest dry-runs this hospital's join where this node's
// transactions go (see participation).
func (p *Participant) participationAtLatest(ctx context.Context) participation {
	switch err := p.ledger.CheckJoin(ctx, p.Address(), p.cfg.StudyID); {
	case errors.Is(err, contracts.ErrAlreadyJoined):
		return inAtLatest
	case errors.Is(err, contracts.ErrEnrolmentClosed), err != nil && !errors.As(err, new(*contracts.RevertError)):
		return unknownAtLatest
	}
	return outAtLatest
}

// keptJoinVain tells, for participates, whether this node's chain, below
// the join it recalled (joinedAt, then kept in the data directory: one
// the chain had would not be above its head), shows the study completed.
// No one joins a completed study, so that join is not this chain's (a
// network reset with the same ledger address, not yet detectable by the
// block's hash), and no wait reaches it: the error says to remove the
// file.
func (p *Participant) keptJoinVain(ctx context.Context) error {
	study, err := p.ledger.Progress(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("read study %d: %w", p.cfg.StudyID, err)
	}
	if !study.Completed {
		return nil
	}
	return fmt.Errorf("study %d completed on this node's chain before block %d, where the data directory's %s keeps this hospital's join: that join is not this chain's (remove the file if the network was reset on purpose): %w",
		p.cfg.StudyID, p.joinedAt, p.joinPath(), contracts.ErrStudyCompleted)
}

// awaitHead waits for the chain's next head (next, from NextHead) or its
// poll interval, whichever comes first.
func (p *Participant) awaitHead(ctx context.Context, next <-chan struct{}) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-next:
	case <-time.After(p.cfg.chainPoll()):
	}
	return nil
}
