package participant

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cohort-fl/cohort/api/protocol"
)

// ErrChainBehind reports a task the coordinator sent at a block this
// hospital's own Ethereum node did not reach within Config.ChainCatchUp:
// the node cannot check the task against the chain, so it refuses it. Its
// node is out of sync, or the coordinator named a block that does not
// exist.
var ErrChainBehind = errors.New("participant: this hospital's Ethereum node is behind the coordinator's")

// Log messages of the wait for the chain; msgChainBehind is counted as a
// failure of its own (api/monitoring), apart from other failed tasks.
const (
	msgWaitingForChain = "waiting for this node's chain to reach the block the coordinator sent the task at"
	msgChainBehind     = "task refused: this node's chain is behind the coordinator's"
)

// defaultChainCatchUp is Config.ChainCatchUp's default: five of mainnet's
// 12 s blocks, well within the coordinator's default phase timeout (2m).
const defaultChainCatchUp = time.Minute

func (c Config) chainCatchUp() time.Duration {
	if c.ChainCatchUp > 0 {
		return c.ChainCatchUp
	}
	return defaultChainCatchUp
}

// awaitBlock returns once this node's chain has block n, the coordinator's
// head when it sent a task of phase (0: a coordinator that does not say;
// no wait), so that what the node reads for the task includes everything
// the coordinator wrote before it (the round it opened, the list it
// pinned, the scores it recorded). It reads the block number now and at
// each new head, for at most Config.ChainCatchUp; a node still behind
// then gets ErrChainBehind, naming both blocks. It ends early when ctx
// does (the study ended, the node stops), so a coordinator naming a block
// far ahead stalls that one task for the bound, no more.
func (p *Participant) awaitBlock(ctx context.Context, phase protocol.Phase, n uint64) error {
	if n == 0 {
		return nil
	}
	limit := p.cfg.chainCatchUp()
	wctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	start := time.Now()
	next := p.ledger.NextHead() // asked before reading: a block in between closes it
	head, err := p.ledger.BlockNumber(wctx)
	var seen uint64 // the last block number read
	waited := false
	for {
		if err == nil {
			seen = head
			if head >= n {
				if waited {
					p.log.Info("this node's chain reached the task's block", "phase", phase, "block", n, "waited", time.Since(start).Round(time.Millisecond))
				}
				return nil
			}
		}
		switch {
		case ctx.Err() != nil:
			return fmt.Errorf("participant %s: waiting for block %d: %w", p.cfg.Name, n, ctx.Err())
		case wctx.Err() != nil:
			return fmt.Errorf("participant %s: %w: the coordinator sent this %s task at block %d, and this hospital's Ethereum node was still at block %d after %v (chain_catch_up); hospital IT: check that the node is synced with its network (its peers, disk and clock, and that chain.rpc names it)",
				p.cfg.Name, ErrChainBehind, phase, n, seen, limit)
		case err != nil:
			return fmt.Errorf("participant %s: reading this node's block number before a %s task: %w", p.cfg.Name, phase, err)
		}
		if !waited {
			p.log.Info(msgWaitingForChain, "phase", phase, "block", n, "node_block", head, "up_to", limit)
			waited = true
		}
		select {
		case <-wctx.Done():
			continue // the loop says why
		case <-next:
		}
		next = p.ledger.NextHead()
		head, err = p.ledger.BlockNumber(wctx)
	}
}
