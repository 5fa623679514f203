package coordinator

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// thresholdKeyGen has every participant Shamir-share its secret-key share
// among all participants (each share encrypted to its recipient, so relaying
// them teaches the coordinator nothing) so that any t of them, the study's
// threshold on chain, can decrypt: dropouts then do not stall a round.
func (c *Coordinator) thresholdKeyGen(ctx context.Context, members []common.Address) error {
	c.mu.Lock()
	task := &cohortv1.ThresholdTask{StudyId: c.cfg.StudyID, Threshold: uint32(c.threshold)}
	for _, m := range members {
		task.Holders = append(task.Holders, &cohortv1.ShareHolder{
			Address: m.Bytes(), Point: c.points[m], PublicKey: crypto.FromECDSAPub(c.peers[m].pub),
		})
	}
	c.mu.Unlock()

	ph := c.open(auth.KindThresholdShare, 0, members)
	c.broadcast(members, &cohortv1.Task{Kind: &cohortv1.Task_Threshold{Threshold: task}})
	if err := c.wait(ctx, ph, c.cfg.PhaseTimeout, len(members)); err != nil {
		return fmt.Errorf("coordinator: threshold key generation: %w", err)
	}
	_, subs := c.answers(ph, members)
	inbox := make(map[common.Address][]*cohortv1.EncryptedShare, len(members))
	for _, raw := range subs {
		var sub cohortv1.ThresholdSharesSubmission
		if err := proto.Unmarshal(raw, &sub); err != nil {
			return fmt.Errorf("coordinator: threshold shares: %w", err)
		}
		for _, sh := range sub.GetShares() {
			to := common.BytesToAddress(sh.GetRecipient())
			inbox[to] = append(inbox[to], sh)
		}
	}
	confirm := c.open(auth.KindThresholdKey, 0, members)
	for _, m := range members {
		c.broadcast([]common.Address{m}, &cohortv1.Task{Kind: &cohortv1.Task_ThresholdKey{ThresholdKey: &cohortv1.ThresholdKeyTask{
			StudyId: c.cfg.StudyID, Shares: inbox[m],
		}}})
	}
	if err := c.wait(ctx, confirm, c.cfg.PhaseTimeout, len(members)); err != nil {
		return fmt.Errorf("coordinator: threshold key generation: %w", err)
	}
	c.log.Info("threshold key ready", "threshold", c.threshold, "holders", len(members))
	return nil
}

// errNoQuorum reports fewer live share holders than the threshold.
var errNoQuorum = errors.New("coordinator: fewer live participants than the decryption threshold")

// decrypt collects decryption shares for the round's aggregate from an
// active set of t share holders; evidence (robust mode) lets them re-derive
// the trust weights.
func (c *Coordinator) decrypt(ctx context.Context, r uint32, rep RoundReport, contributors []common.Address, evidence *cohortv1.TrustEvidence) ([][]byte, error) {
	task := &cohortv1.DecryptTask{StudyId: c.cfg.StudyID, Round: r, AggregateHash: rep.AggregateHash.Bytes(), Weights: rep.Weights, Trust: evidence}
	for _, a := range contributors {
		task.Contributors = append(task.Contributors, a.Bytes())
	}
	_, shares, err := c.askActiveSet(ctx, auth.KindDecryptShare, r, rep.AggregateHash, contributors, func(points []uint64) *cohortv1.Task {
		t := proto.Clone(task).(*cohortv1.DecryptTask)
		t.ActivePoints = points
		return &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: t}}
	})
	return shares, err
}

// askActiveSet sends a task to an active set of t share holders, preferring
// the round's contributors (they just showed they are alive), and collects
// one answer from each. If a holder goes away or does not answer in time it
// is left out and another set is asked, while t live holders remain. subject
// binds the answers to what they are about (an aggregate's hash).
func (c *Coordinator) askActiveSet(ctx context.Context, kind string, r uint32, subject common.Hash, contributors []common.Address, task func(points []uint64) *cohortv1.Task) ([]common.Address, [][]byte, error) {
	return c.askSet(ctx, kind, r, contributors, nil, func(ph *phase, _ []common.Address, points []uint64) *cohortv1.Task {
		ph.subject = subject
		return task(points)
	})
}

// askSet is askActiveSet with share holders in exclude never asked, and a
// build function that also sets up each attempt's phase (its subject).
func (c *Coordinator) askSet(ctx context.Context, kind string, r uint32, preferred []common.Address, exclude []common.Address, build func(ph *phase, active []common.Address, points []uint64) *cohortv1.Task) ([]common.Address, [][]byte, error) {
	excluded := make(map[common.Address]bool, len(exclude))
	for _, a := range exclude {
		excluded[a] = true
	}
	for {
		active, points, err := c.awaitActiveSet(ctx, preferred, excluded)
		if err != nil {
			return nil, nil, err
		}
		ph := newPhase(kind, r, active)
		ph.failFast = true
		task := build(ph, active, points)
		c.mu.Lock()
		c.phase = ph
		c.mu.Unlock()
		c.broadcast(active, task)
		err = c.wait(ctx, ph, c.cfg.PhaseTimeout, len(active))
		if err == nil {
			_, answers := c.answers(ph, active)
			return active, answers, nil
		}
		if !errors.Is(err, ErrStalled) {
			return nil, nil, err
		}
		c.mu.Lock()
		for _, a := range active {
			if _, ok := ph.got[a]; !ok {
				excluded[a] = true
				name := a.Hex()
				if m, ok := c.peers[a]; ok {
					name = m.name
				}
				c.log.Warn("share holder did not answer; asking another set", "participant", name, "round", r, "task", kind)
			}
		}
		c.mu.Unlock()
	}
}

// awaitActiveSet is activeSet that gives share holders up to a phase timeout
// to join (again), as after a coordinator restart.
func (c *Coordinator) awaitActiveSet(ctx context.Context, contributors []common.Address, excluded map[common.Address]bool) ([]common.Address, []uint64, error) {
	deadline := time.NewTimer(c.cfg.PhaseTimeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		joined := c.joined
		c.mu.Unlock()
		active, points, err := c.activeSet(contributors, excluded)
		if !errors.Is(err, errNoQuorum) {
			return active, points, err
		}
		select {
		case <-joined:
		case <-deadline.C:
			return nil, nil, err
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
}

// activeSet picks t share holders: contributors first, then other connected
// members, none of the excluded; points are sorted as Decrypt expects.
func (c *Coordinator) activeSet(contributors []common.Address, excluded map[common.Address]bool) ([]common.Address, []uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	candidates := slices.Clone(contributors)
	others := make([]common.Address, 0, len(c.points))
	for a := range c.points {
		if !slices.Contains(contributors, a) {
			others = append(others, a)
		}
	}
	slices.SortFunc(others, func(x, y common.Address) int { return x.Cmp(y) })
	candidates = append(candidates, others...)
	var active []common.Address
	for _, a := range candidates {
		if len(active) == c.threshold {
			break
		}
		if _, connected := c.peers[a]; connected && !excluded[a] {
			active = append(active, a)
		}
	}
	if len(active) < c.threshold {
		return nil, nil, fmt.Errorf("%w: %d live of %d needed", errNoQuorum, len(active), c.threshold)
	}
	points := make([]uint64, len(active))
	for i, a := range active {
		points[i] = c.points[a]
	}
	slices.Sort(points)
	return active, points, nil
}
