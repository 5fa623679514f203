package participant

import (
	"context"
	"errors"
	"time"

	"github.com/cohort-fl/cohort/contracts"
)

// A committee draw's seed is the hash of the block that requested it, so
// the coordinator that requested a draw knows its outcome one block later.
// The chain lets the coordinator or any participant complete the draw
// until the request lapses (256 blocks); a coordinator that let the draws
// it disliked lapse and asked again could draw until the committee held t
// hospitals it colludes with, and those t decrypt any hospital's update.
// Nodes take that choice away: a node that sees a request still pending
// after its grace completes it itself, with the request's seed.

// committeeGrace is how long a node leaves a pending committee request to
// the coordinator, which completes its own in the next block: a few chain
// polls, staggered by the node's address so that the nodes do not all
// send the same transaction.
func (p *Participant) committeeGrace() time.Duration {
	poll := p.cfg.chainPoll()
	return 3*poll + time.Duration(p.Address()[19]%8)*poll
}

// watchCommitteeRequests completes committee draws the coordinator leaves
// pending. It reads the chain at most once a chain poll, at the first tick
// after a new block, and at the tick after a pending request's grace ran
// out.
func (p *Participant) watchCommitteeRequests(ctx context.Context) {
	p.atChainPolls(func(ticks <-chan time.Time) { p.watchCommitteeRequestsTicks(ctx, ticks) })
}

// watchCommitteeRequestsTicks is watchCommitteeRequests with its ticks given.
func (p *Participant) watchCommitteeRequestsTicks(ctx context.Context, ticks <-chan time.Time) {
	var pending uint64 // the pending request's block, 0 for none
	var due time.Time  // when this node completes it itself
	p.readAtNewBlocks(ctx, ticks, func(now time.Time) bool { return pending != 0 && !now.Before(due) }, func() (read, stop bool) {
		req, ok, err := p.ledger.PendingCommitteeRequest(ctx, p.cfg.StudyID)
		switch {
		case err != nil:
			p.log.Warn("reading the study's committee request from the chain", "study", p.cfg.StudyID, "err", err)
			return false, false
		case !ok:
			pending = 0
		case req.Block != pending:
			pending, due = req.Block, time.Now().Add(p.committeeGrace())
		case !time.Now().Before(due):
			pending = 0
			p.completeCommittee(ctx, req)
		}
		return true, false
	})
}

// completeCommittee completes a committee draw the coordinator left pending.
func (p *Participant) completeCommittee(ctx context.Context, req contracts.CommitteeRequest) {
	c, r, err := p.ledger.CompleteCommittee(ctx, p.account, p.cfg.StudyID, req)
	switch {
	case err == nil:
		p.log.Warn("completed a committee draw the coordinator left pending", "study", p.cfg.StudyID,
			"request_block", req.Block, "epoch", c.Epoch, "members", len(c.Members), "gas", r.GasUsed)
	case errors.Is(err, contracts.ErrNoSelectionRequested):
		// The coordinator or another node completed it first.
	default:
		p.log.Warn("completing the committee draw the coordinator left pending", "study", p.cfg.StudyID, "request_block", req.Block, "err", err)
	}
}
