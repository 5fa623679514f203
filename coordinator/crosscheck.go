package coordinator

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// ErrNotCrossChecked fails a round of a study that requires a
// cross-checked decryption (Config.RequireCrossCheck) when no spare holder
// beside the threshold's t was live to decrypt its aggregate in a second
// set: its model is not published.
var ErrNotCrossChecked = errors.New("coordinator: no spare holder to cross-check the decryption")

// spareWait is how often awaitSpareHolder looks again for a spare holder
// when no member joins meanwhile.
const spareWait = time.Second

// awaitSpareHolder returns once more than t of the study's share holders
// are connected, the round's contributors first and, when those give no
// spare, any other holder taking part in round r (chooseActiveSet), or at
// once when the study does not require a cross-check. It waits up to
// PhaseTimeout, then fails with ErrNotCrossChecked naming how many were
// live: asking exactly t would publish what (a round's model, or round
// 0's pooled standardiser) with nothing cross-checking it, and the
// holders would refuse that set anyway. The round stays open on chain,
// its uploads kept, so that the coordinator started again resumes it
// once a spare holder is back; when no holder can be spare for it at all
// (no more than t take part in it), the error says how to abandon it.
func (c *Coordinator) awaitSpareHolder(ctx context.Context, r uint32, contributors []common.Address, what string) error {
	if !c.cfg.RequireCrossCheck {
		return nil
	}
	c.mu.Lock()
	threshold, pointOf := c.threshold, maps.Clone(c.points)
	c.mu.Unlock()
	if len(pointOf) <= threshold {
		return fmt.Errorf("%w: the study has %d share holders at threshold %d, so none can be spare, and its recipe requires a cross-checked decryption (require_cross_check): %s",
			ErrNotCrossChecked, len(pointOf), threshold, noSpareCanCome(c.cfg.StudyID, r))
	}
	awayList, err := c.awayFrom(ctx, r, pointOf)
	if err != nil {
		return err
	}
	if taking := len(pointOf) - len(awayList); taking <= threshold {
		return fmt.Errorf("%w: %d of the study's %d share holders take part in round %d (the others left or were suspended before it opened), threshold %d, so none can be spare, and its recipe requires a cross-checked decryption (require_cross_check): %s",
			ErrNotCrossChecked, taking, len(pointOf), r, threshold, noSpareCanCome(c.cfg.StudyID, r))
	}
	away := make(map[common.Address]bool, len(awayList))
	for _, a := range awayList {
		away[a] = true
	}
	deadline := time.NewTimer(c.cfg.PhaseTimeout)
	defer deadline.Stop()
	for {
		active, _, err := c.activeSet(contributors, away, threshold)
		if err == nil && len(active) > threshold {
			return nil
		}
		c.mu.Lock()
		joined := c.joined
		c.mu.Unlock()
		select {
		case <-joined:
		case <-time.After(spareWait):
		case <-deadline.C:
			live := len(active)
			if err != nil {
				live = c.liveHolders(away)
			}
			return fmt.Errorf("%w: %d share holders live by the phase deadline, threshold %d, and the study's recipe requires a cross-checked decryption (require_cross_check): %s one set decrypted is what one lying holder among it made it; "+
				"start the node of a share holder that is down, so that more than threshold are live (a holder that did not contribute to the round will do), then start the coordinator again: it resumes the study from the chain, %s",
				ErrNotCrossChecked, live, threshold, what, resumedWith(r))
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// abandonCommand is the command an operator runs to abandon round r of the
// study once its deadline has passed.
func abandonCommand(study uint64, r uint32) string {
	return fmt.Sprintf("cohort study abandon-round --study %d --round %d", study, r)
}

// noSpareCanCome is the advice of an ErrNotCrossChecked for round r (0:
// the moments sum before round 1) when no share holder can be spare for
// it: a restarted coordinator resumes the same round with the same
// holders, so restarting alone never helps.
func noSpareCanCome(study uint64, r uint32) string {
	const recreate = "create the study again with a committee (or membership) of at least threshold + 1"
	if r == 0 {
		return recreate
	}
	return fmt.Sprintf("round %d, open on chain, can never be cross-checked, and a restarted coordinator resumes it as it is: abandon it once its deadline passes (%s with the coordinator's key; its uploads are not used and its number is used up), have members join the study (or a holder that left join again) so that more than threshold hold shares once the keys are re-shared before the next round, and start the coordinator again; or %s", r, abandonCommand(study, r), recreate)
}

// resumedWith says what a restarted coordinator resumes for round r.
func resumedWith(r uint32) string {
	if r == 0 {
		return "the moments sum before round 1 pinned"
	}
	return fmt.Sprintf("round %d open with its uploads", r)
}

// liveHolders counts the share holders connected now, away left out.
func (c *Coordinator) liveHolders(away map[common.Address]bool) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	live := 0
	for a := range c.points {
		if _, connected := c.peers[a]; connected && !away[a] {
			live++
		}
	}
	return live
}

// checkCrossChecked refuses, in a study that requires a cross-check, the
// shares of holders holders when they are one decryption set (no more
// than t): a spare holder that awaitSpareHolder saw may have gone before
// it was asked. what is what the shares decrypt.
func (c *Coordinator) checkCrossChecked(holders int, what string) error {
	c.mu.Lock()
	threshold := c.threshold
	c.mu.Unlock()
	if !c.cfg.RequireCrossCheck || holders > threshold {
		return nil
	}
	return fmt.Errorf("%w: one set of %d holders decrypted %s, threshold %d (a spare holder went away before it was asked), so it is not used: once more than threshold share holders are live (a holder that did not contribute to the round will do), start the coordinator again, which resumes the study from the chain",
		ErrNotCrossChecked, holders, what, threshold)
}
