package participant

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// ErrChainBehind reports a task the coordinator sent at a block this
// hospital's own Ethereum node did not reach within Config.ChainCatchUp:
// the node cannot check the task against the chain, so it refuses it. Its
// node is out of sync, or the coordinator named a block that does not
// exist.
var ErrChainBehind = errors.New("participant: this hospital's Ethereum node is behind the coordinator's")

// ErrChainFork reports a task the coordinator sent from another chain than
// the one this hospital's own Ethereum node follows: another network (its
// chain id), or another block at the task's height (its hash) still after
// Config.ChainCatchUp. What the node would read for the task is not what
// the coordinator wrote, so it refuses the task rather than check it
// against that state.
var ErrChainFork = errors.New("participant: this hospital's Ethereum node follows another chain than the coordinator's")

// Log messages of the wait for the chain; msgChainBehind and msgChainFork
// are counted as failures of their own (api/monitoring), apart from other
// failed tasks.
const (
	msgWaitingForChain = "waiting for this node's chain to reach the block the coordinator sent the task at"
	msgWaitingForFork  = "this node has another block than the coordinator's at the task's height; waiting for a reorg"
	msgChainBehind     = "task refused: this node's chain is behind the coordinator's"
	msgChainFork       = "task refused: this node's chain is on another fork than the coordinator's"
)

// defaultChainCatchUp is Config.ChainCatchUp's default: five of mainnet's
// 12 s blocks, well within the coordinator's default phase timeout (2m).
const defaultChainCatchUp = time.Minute

// chainReadTimeout bounds one read of this node's block number or hash
// while awaitChain waits (at least Config.ChainCatchUp): a node that
// accepts a connection and never answers must not hold a task forever.
const chainReadTimeout = 30 * time.Second

func (c Config) chainCatchUp() time.Duration {
	if c.ChainCatchUp > 0 {
		return c.ChainCatchUp
	}
	return defaultChainCatchUp
}

// taskRefusal is the message a failed task is logged with: a refusal for
// this node's own chain apart from other failures, as the hospital's own
// node is what to fix.
func taskRefusal(err error) string {
	switch {
	case errors.Is(err, ErrChainBehind):
		return msgChainBehind
	case errors.Is(err, ErrChainFork):
		return msgChainFork
	}
	return "task failed"
}

// awaitChain returns once this node's chain has the block the coordinator
// sent task of phase at (Task.chain_block; 0, a coordinator that does not
// say: no wait), and has it on the coordinator's chain: the same chain id
// (Task.chain_id) and, at that height, the same block (Task.chain_block_hash;
// empty: not compared). What the node then reads for the task includes
// everything the coordinator wrote before it (the round it opened, the
// list it pinned, the scores it recorded), and nothing another fork wrote
// instead. Another chain id is refused at once; otherwise it reads the
// block number (and, once it has the block, that block's hash) now and at
// each new head, for at most Config.ChainCatchUp, so that a node catching
// up or a short reorg does not fail the task. A node still behind then
// gets ErrChainBehind, naming both blocks; one still on another block at
// that height, ErrChainFork, naming both hashes. It ends early when ctx
// does (the study ended, the node stops), so a coordinator naming a block
// far ahead stalls that one task for the bound, no more.
func (p *Participant) awaitChain(ctx context.Context, phase protocol.Phase, task *cohortv1.Task) error {
	if id := task.GetChainId(); id != 0 && id != p.ledger.ChainID().Uint64() {
		ours := p.ledger.ChainID().Uint64()
		return fmt.Errorf("participant %s: %w: the coordinator sent this %s task from chain %d, and this hospital's Ethereum node serves chain %d; hospital IT: point chain.rpc at a node of the coordinator's network (chain id %d)",
			p.cfg.Name, ErrChainFork, phase, id, ours, id)
	}
	n := task.GetChainBlock()
	if n == 0 {
		return nil
	}
	var want common.Hash // zero: not compared
	if b := task.GetChainBlockHash(); len(b) != 0 {
		if len(b) != common.HashLength {
			return fmt.Errorf("participant %s: %w: the coordinator sent this %s task with a %d-byte block hash, want %d; upgrade or fix the coordinator",
				p.cfg.Name, ErrChainMismatch, phase, len(b), common.HashLength)
		}
		want = common.BytesToHash(b)
	}
	limit := p.cfg.chainCatchUp()
	wctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	start := time.Now()
	next := p.ledger.NextHead() // asked before reading: a block in between closes it
	var (
		seen   uint64      // the last block number read
		other  common.Hash // this node's block at n when the last read found another than want
		waited bool
		forked bool // the fork wait was logged
	)
	for {
		// The bound is on waiting for the node's blocks, not on one read:
		// a read slower than the bound (a loaded machine, a busy node)
		// refused a node that was at the block as "still at block 0".
		rctx, rcancel := context.WithTimeout(ctx, max(limit, chainReadTimeout))
		head, at, err := p.nodeAt(rctx, n, want)
		rcancel()
		if err == nil {
			seen, other = head, common.Hash{}
			if head >= n && at == want {
				if waited {
					p.log.Info("this node's chain reached the task's block", "phase", phase, "block", n, "waited", time.Since(start).Round(time.Millisecond))
				}
				return nil
			}
			if head >= n {
				other = at
			}
		}
		switch {
		case ctx.Err() != nil:
			return fmt.Errorf("participant %s: waiting for block %d: %w", p.cfg.Name, n, ctx.Err())
		case err != nil:
			return fmt.Errorf("participant %s: reading this node's chain before a %s task: %w", p.cfg.Name, phase, err)
		case wctx.Err() != nil && other != (common.Hash{}):
			return fmt.Errorf("participant %s: %w: the coordinator sent this %s task at block %d with hash %s, and this hospital's Ethereum node still has block %s there after %v (chain_catch_up): the two nodes follow different forks or networks; hospital IT: check that the node follows the coordinator's network (the same chain id, genesis block and peers as the coordinator's node) and that chain.rpc names it",
				p.cfg.Name, ErrChainFork, phase, n, want.Hex(), other.Hex(), limit)
		case wctx.Err() != nil:
			return fmt.Errorf("participant %s: %w: the coordinator sent this %s task at block %d, and this hospital's Ethereum node was still at block %d after %v (chain_catch_up); hospital IT: check that the node is synced with its network (its peers, disk and clock, and that chain.rpc names it)",
				p.cfg.Name, ErrChainBehind, phase, n, seen, limit)
		}
		switch {
		case other != (common.Hash{}) && !forked:
			p.log.Info(msgWaitingForFork, "phase", phase, "block", n, "hash", want.Hex(), "node_hash", other.Hex(), "up_to", limit)
			forked, waited = true, true
		case !waited:
			p.log.Info(msgWaitingForChain, "phase", phase, "block", n, "node_block", head, "up_to", limit)
			waited = true
		}
		select {
		case <-wctx.Done():
			continue // the loop says why
		case <-next:
		}
		next = p.ledger.NextHead()
	}
}

// nodeAt reads this node's block number and, once the node has block n
// and want is not zero, the hash of its block n (else zero).
func (p *Participant) nodeAt(ctx context.Context, n uint64, want common.Hash) (uint64, common.Hash, error) {
	head, err := p.ledger.BlockNumber(ctx)
	if err != nil || head < n || want == (common.Hash{}) {
		return head, common.Hash{}, err
	}
	at, err := p.ledger.BlockHash(ctx, n)
	if errors.Is(err, ethereum.NotFound) {
		// A reorg between the two reads took block n away for now: the
		// node is behind n again, and the caller waits for its next head
		// (this failed the holder mid-reorg: TestHolderWaitsOutAShortReorg
		// flaked so under load).
		return min(head, n-1), common.Hash{}, nil
	}
	return head, at, err
}
