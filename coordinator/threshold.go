package coordinator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// thresholdKeyGen has every participant Shamir-share its secret-key share
// among all participants (each share encrypted to its recipient, so relaying
// them teaches the coordinator nothing) so that any t of them, the study's
// threshold on chain, can decrypt: dropouts then do not stall a round.
//
// With a decryption committee the holders are its members and every
// participant (dealers) deals to them only: n·c shares instead of n².
func (c *Coordinator) thresholdKeyGen(ctx context.Context, dealers, members []common.Address) error {
	c.mu.Lock()
	holders := make([]holder, len(members))
	for i, m := range members {
		holders[i] = holder{addr: m, point: c.points[m], pub: c.peers[m].pub}
	}
	threshold, pkHash := c.threshold, c.pkHash
	c.mu.Unlock()
	c.warnIfKeyGenIsQuadratic(len(dealers), len(members))

	// Until this dealing's check gives its verdict, a restart relies on
	// no earlier one (dealBeforeRoundOne).
	if err := c.keepDealingVerdict(pkHash, false, nil); err != nil {
		return err
	}
	deal := newCommitteeDealStep(c.cfg.StudyID, threshold, dealers, holders)
	if c.scheme != nil {
		deal.boundShares(c.scheme)
	}
	full, err := c.start(ctx, deal, deal.start())
	if err != nil {
		return err
	}
	if err := c.wait(ctx, deal, full, c.cfg.PhaseTimeout, len(dealers)); err != nil {
		return fmt.Errorf("coordinator: threshold key generation: %w", err)
	}
	c.mu.Lock()
	confirm, err := deal.finish(pkHash)
	c.mu.Unlock()
	if err != nil {
		return err
	}
	// The holders confirm with their shares of the dealing check: a
	// hospital whose shares are not of its key is named before round 1.
	checked, err := c.prepareDealingCheck(confirm, deal, dealers, holders)
	if err != nil {
		return err
	}
	if full, err = c.start(ctx, confirm, confirm.start()); err != nil {
		return err
	}
	if err := c.wait(ctx, confirm, full, c.cfg.PhaseTimeout, len(members)); err != nil {
		return fmt.Errorf("coordinator: threshold key generation: %w", err)
	}
	if checked {
		if err := c.checkDealings(ctx, confirm); err != nil {
			return err
		}
	}
	c.log.Info(MsgThresholdKeyReady, "threshold", threshold, "holders", len(members))
	return nil
}

// MsgThresholdKeyReady is logged once every hospital's key is dealt to
// the holders and the dealings checked, before round 1.
const MsgThresholdKeyReady = "threshold key ready"

// quadraticKeyGenFrom is the most holders key generation deals to without
// a warning when every dealer is one: 30 deal 900 shares; 100 deal 10,000
// (3.8 GB relayed) and stall (README "Decryption committee").
const quadraticKeyGenFrom = 30

// msgQuadraticKeyGen is warnIfKeyGenIsQuadratic's message.
const msgQuadraticKeyGen = "key generation deals every participant's key share to every participant, n² shares in all; a study this large may stall here: create it with a decryption committee (cohort study create --committee-size 10), so that key generation deals n·10 shares"

// warnIfKeyGenIsQuadratic warns when key generation deals to every one of
// more than quadraticKeyGenFrom participants (no committee), before the
// phase that may then run out of time.
func (c *Coordinator) warnIfKeyGenIsQuadratic(dealers, holders int) {
	if holders <= quadraticKeyGenFrom || holders < dealers {
		return
	}
	c.log.Warn(msgQuadraticKeyGen, "study", c.cfg.StudyID, "participants", dealers, "shares", dealers*holders)
}

// decrypt collects decryption shares for the round's aggregate agg from an
// active set of t share holders, as they signed them (kept in the round's
// DecryptionRecord), each checked against agg as it comes; evidence
// (robust mode) lets them re-derive the trust weights.
func (c *Coordinator) decrypt(ctx context.Context, r uint32, rep RoundReport, agg []byte, contributors []common.Address, evidence *cohortv1.TrustEvidence) ([]*cohortv1.DecryptionShareSubmission, error) {
	checkShare, err := c.summer.shareCheck(agg)
	if err != nil {
		return nil, err
	}
	task := decryptTask(c.cfg.StudyID, r, rep, contributors, evidence)
	var steps stepsAskedInTurn[*decryptStep]
	// Up to t spare holders, so that every holder's share is checked
	// against a decryption that leaves it out (aggregation.DecryptChecked).
	active, shares, err := c.askSets(ctx, r, askedDecrypt, rep.AggregateHash, contributors, func(active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) (activeStep, error) {
		return steps.next(newDecryptStep(c.cfg.StudyID, task, active, points, threshold, pointOf, checkShare))
	})
	if err != nil {
		return nil, err
	}
	last := steps.last
	last.mu.Lock()
	defer last.mu.Unlock()
	out := make([]*cohortv1.DecryptionShareSubmission, len(active))
	for i, a := range active {
		sub := last.signed[a]
		if sub == nil || !bytes.Equal(sub.GetShare(), shares[i]) {
			return nil, fmt.Errorf("the decryption share taken from %s is not the one it signed", a.Hex())
		}
		out[i] = sub
	}
	return out, nil
}

// decryptTask is round r's decrypt task of the aggregate rep names, but
// for the active points and sets (newDecryptStep sets them).
func decryptTask(study uint64, r uint32, rep RoundReport, contributors []common.Address, evidence *cohortv1.TrustEvidence) *cohortv1.DecryptTask {
	task := &cohortv1.DecryptTask{StudyId: study, Round: r, AggregateHash: rep.AggregateHash.Bytes(), Weights: rep.Weights, Trust: evidence}
	for _, a := range contributors {
		task.Contributors = append(task.Contributors, a.Bytes())
	}
	return task
}

// askSet asks an active set of t share holders, preferring the listed ones
// (a round's contributors just showed they are alive) and never asking the
// excluded ones, with the step build makes, and collects one answer from
// each. If a holder goes away or does not answer in time it is left out
// and another set is asked, while t live holders remain. A set is given up
// as soon as one of its holders goes away: then only the holders that went
// away are left out, not those still connected that had not answered yet
// (they were working on it; leaving them out too could leave fewer than t).
// A holder that declines its task is left out the same way, at once.
func (c *Coordinator) askSet(ctx context.Context, r uint32, preferred []common.Address, exclude []common.Address, build func(active []common.Address, points []uint64) activeStep) ([]common.Address, [][]byte, error) {
	return c.askSetOf(ctx, r, preferred, exclude, 0, nil, build)
}

// askSets is askSetOf with up to t spare holders, for a step that names
// decryption sets of the active points (build, given the threshold and
// every holder's point, fails only if it cannot), so that every holder's
// shares are checked against a decryption that leaves it out. It asks
// none of the holders that take no part in round r (awayFrom). kind and
// of name what is decrypted (askedDecrypt and the aggregate's hash, ...):
// the active sets asked for it are kept (askedSets).
func (c *Coordinator) askSets(ctx context.Context, r uint32, kind string, of common.Hash, preferred []common.Address, build func(active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) (activeStep, error)) ([]common.Address, [][]byte, error) {
	c.mu.Lock()
	threshold, pointOf := c.threshold, maps.Clone(c.points)
	c.mu.Unlock()
	away, err := c.awayFrom(ctx, r, pointOf)
	if err != nil {
		return nil, nil, err
	}
	spare := threshold
	if c.cfg.SplitDecryption != nil {
		spare = 0 // hostile: the other holders are kept for a second aggregate
	}
	var setsErr error
	asked := c.restoreAskedSets(kind, of)
	active, answers, err := c.askSetOf(ctx, r, preferred, away, spare, asked, func(active []common.Address, points []uint64) activeStep {
		step, err := build(active, points, threshold, pointOf)
		if err != nil {
			// Not reached: chooseActiveSet gives t to 2t distinct points.
			// Asking t of them without a check keeps the step well formed;
			// the error fails the round below.
			setsErr = err
			step, _ = build(active[:threshold], points[:threshold], threshold, pointOf)
		}
		return step
	})
	if setsErr != nil {
		return nil, nil, fmt.Errorf("decryption sets: %w", setsErr)
	}
	if err != nil {
		return nil, nil, err
	}
	points := make([]uint64, len(active))
	for i, a := range active {
		points[i] = pointOf[a]
	}
	c.log.Info(MsgSharesGiven, "round", r, "aggregate", kind, "points", slices.Sorted(slices.Values(points)))
	return active, answers, nil
}

// MsgSharesGiven is logged, with the round, what was decrypted (askedDecrypt,
// askedScore, askedMoments) and the active points, once every holder of an
// active set gave its decryption shares, before they are used.
const MsgSharesGiven = "share holders gave their decryption shares"

// awayFrom returns the holders (of points) that take no part in round r,
// open on chain or closed: those that left or were suspended before it
// opened (contracts.Participation). A study without a committee re-shares
// to the members in good standing before each round, but a strike lands
// at any block, so one may suspend a holder between that re-sharing and
// the round's opening; the blob rule then refuses it the round's
// aggregate and score sets, and asking it would only lose a phase to its
// decline. A holder suspended while the round is open took part in it and
// may be asked. A committee holds no such member (no round opens while
// one of its members is suspended or gone: Committees.allowsRound), so a
// study with one reads nothing. Else one standing read for all the
// holders, one more after each not in good standing now, and that one's
// rounds.
func (c *Coordinator) awayFrom(ctx context.Context, r uint32, points map[common.Address]uint64) ([]common.Address, error) {
	c.mu.Lock()
	committee := c.committee
	c.mu.Unlock()
	if committee {
		return nil, nil
	}
	gone, err := c.notInGoodStanding(ctx, sortedAddresses(slices.Collect(maps.Keys(points))))
	if err != nil {
		return nil, err
	}
	var away []common.Address
	for _, a := range gone { // the others are in good standing after the round opened: they took part
		took, err := c.ledger.Participation(ctx, c.cfg.StudyID, a)
		if err != nil {
			return nil, fmt.Errorf("read the participation of share holder %s: %w", a.Hex(), err)
		}
		if !took.In(r) {
			c.log.Warn("share holder takes no part in this round (it left or was suspended before it opened); not asked for its decryption", "participant", c.nameOf(a), "round", r, "took_part_in", took.String())
			away = append(away, a)
		}
	}
	return away, nil
}

// notInGoodStanding returns those of holders that never joined the study,
// left it or are suspended on chain: one standing read for all of them,
// and one more after each found. Without a ledger (the partial
// coordinators of the active-set tests) it reads nothing.
func (c *Coordinator) notInGoodStanding(ctx context.Context, holders []common.Address) ([]common.Address, error) {
	if c.ledger == nil {
		return nil, nil
	}
	var gone []common.Address
	for rest := holders; len(rest) > 0; {
		i, found, err := c.ledger.FirstNotInGoodStanding(ctx, c.cfg.StudyID, rest)
		if err != nil {
			return nil, err // it names what it read
		}
		if !found {
			break
		}
		gone = append(gone, rest[i])
		rest = rest[i+1:]
	}
	return gone, nil
}

// askSetOf is askSet asking up to spare more holders than t when they are
// live. With asked (the active sets asked for the same aggregate before,
// or nil) it chooses again as chooseActiveSetAgain does, and keeps each
// set before asking it.
func (c *Coordinator) askSetOf(ctx context.Context, r uint32, preferred []common.Address, exclude []common.Address, spare int, asked *askedSets, build func(active []common.Address, points []uint64) activeStep) ([]common.Address, [][]byte, error) {
	excluded := make(map[common.Address]bool, len(exclude))
	for _, a := range exclude {
		excluded[a] = true
	}
	var stalled error          // the last set's, which says who declined and why
	var spent []common.Address // the holders that declined at their bound on decryption sets
	for {
		active, points, err := c.awaitActiveSet(ctx, preferred, excluded, spare, asked)
		if err != nil && len(spent) > 0 {
			return nil, nil, c.setsSpent(r, spent, fmt.Errorf("%w; the last set asked: %w", err, stalled))
		}
		if err != nil && stalled != nil {
			return nil, nil, fmt.Errorf("%w; the last set asked: %w", err, stalled)
		}
		if err != nil {
			return nil, nil, err
		}
		if asked != nil {
			if len(asked.sets) > 0 {
				c.log.Info(MsgAskingAgain, "round", r, "points", points, "asked_before", slices.ContainsFunc(asked.sets, func(s []uint64) bool { return slices.Equal(s, points) }), "sets_asked", len(asked.sets))
			}
			if err := c.keepAsked(asked, points); err != nil {
				return nil, nil, err
			}
		}
		st := build(active, points)
		full, err := c.start(ctx, st, st.start())
		if err != nil {
			return nil, nil, err
		}
		err = c.wait(ctx, st, full, c.cfg.PhaseTimeout, len(active))
		if err == nil {
			_, answers := c.answers(st, active)
			return active, answers, nil
		}
		if !errors.Is(err, ErrStalled) {
			return nil, nil, err
		}
		stalled = err
		lost := errors.Is(err, errMemberGone) || errors.Is(err, errDeclined)
		c.mu.Lock()
		p := st.collecting()
		for _, a := range active {
			if _, ok := p.got[a]; !ok {
				if _, connected := c.peers[a]; lost && connected && !p.hasDeclined(a) {
					continue // asked again in the next set
				}
				excluded[a] = true
				if p.hasDeclined(a) && setsBoundDeclined(p.declined[a].GetReason()) {
					spent = append(spent, a)
					c.log.Warn(MsgSetsSpent, "participant", c.nameOf(a), "address", a.Hex(), "round", r, "task", p.kind)
					continue
				}
				c.log.Warn("share holder did not answer; asking another set", "participant", c.nameOf(a), "round", r, "task", p.kind, "declined", p.hasDeclined(a))
			}
		}
		c.mu.Unlock()
	}
}

// awaitActiveSet is activeSet that gives share holders up to a phase timeout
// to join (again), as after a coordinator restart. When fewer than t
// holders are left that this phase has not excluded (they declined or did
// not answer), no join can make up a set, and it fails at once. While it
// waits it reads on chain, every standingCheck, whether the holders it
// waits for left the study or were suspended, and excludes those: a
// holder that leaves at the right moment no longer stalls the phase for
// its timeout. With active sets asked for the aggregate before (asked),
// a set that would spend more of the holders' bound on decryption sets
// waits, up to askedSetWait, for the holders of an earlier set that are
// not connected yet and were not seen going away (after a restart the
// holders connect again in any order).
func (c *Coordinator) awaitActiveSet(ctx context.Context, contributors []common.Address, excluded map[common.Address]bool, spare int, asked *askedSets) ([]common.Address, []uint64, error) {
	deadline := time.NewTimer(c.cfg.PhaseTimeout)
	defer deadline.Stop()
	grace := time.NewTimer(c.askedSetWait())
	defer grace.Stop()
	graceOver, awaiting := false, false
	standing := newStandingWatch()
	defer standing.stop()
	for {
		c.mu.Lock()
		joined := c.joined
		left, threshold := 0, c.threshold
		for a := range c.points {
			if !excluded[a] {
				left++
			}
		}
		c.mu.Unlock()
		if left < threshold {
			return nil, nil, fmt.Errorf("%w: %d share holders left that did not decline or fail this phase's task, %d needed%s", errNoQuorum, left, threshold, c.holdersGone(ctx))
		}
		active, points, repeat, err := c.activeSetAgain(contributors, excluded, spare, asked)
		if err == nil && (repeat || graceOver || !c.askedSetMayJoin(asked, excluded)) {
			return active, points, nil
		}
		if err != nil && !errors.Is(err, errNoQuorum) {
			return nil, nil, err
		}
		if err == nil && !awaiting {
			awaiting = true
			c.log.Info(MsgAwaitingAskedSet, "wait", c.askedSetWait())
		}
		if gone := standing.gone(ctx, c, c.awaitedHolders(excluded), MsgHolderGone); len(gone) > 0 {
			for _, a := range gone {
				excluded[a] = true
			}
			continue
		}
		select {
		case <-joined:
		case <-standing.tick.C:
			standing.due = true
		case <-grace.C:
			graceOver = true
		case <-deadline.C:
			if err == nil {
				return active, points, nil
			}
			return nil, nil, err
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
}

// rejoinWait bounds how long a choice of an active set waits for the
// holders of a set asked before to connect again: a live node tries to
// join again at least every 30 s (participant Config.RetryBase, doubling
// up to 30 s).
const rejoinWait = 35 * time.Second

// askedSetWait is how long a choice of an active set waits for the
// holders of a set asked before: the absent grace, at most rejoinWait.
func (c *Coordinator) askedSetWait() time.Duration {
	return min(c.absentGrace(), rejoinWait)
}

// askedSetMayJoin tells whether an active set asked before (asked) may
// yet have all its holders connected: none excluded, and those not
// connected not seen going away (as after a restart, before they connect
// again).
func (c *Coordinator) askedSetMayJoin(asked *askedSets, excluded map[common.Address]bool) bool {
	if asked == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	holderAt := make(map[uint64]common.Address, len(c.points))
	for a, p := range c.points {
		holderAt[p] = a
	}
	return slices.ContainsFunc(asked.sets, func(set []uint64) bool {
		waiting := false
		for _, p := range set {
			a, holds := holderAt[p]
			_, connected := c.peers[a]
			_, gone := c.gone[a]
			if !holds || excluded[a] || (!connected && gone) {
				return false
			}
			waiting = waiting || !connected
		}
		return waiting
	})
}

// standingCheck is how often a wait for members reads their standing on
// chain: one read (a view call) for all those awaited.
const standingCheck = 5 * time.Second

// standingWatch has a wait for members read on chain, as it starts
// waiting and every standingCheck after, which of those it waits for left
// the study or were suspended. The waiting loop selects on tick and then
// sets due.
type standingWatch struct {
	tick *time.Ticker
	due  bool
}

func newStandingWatch() *standingWatch {
	return &standingWatch{tick: time.NewTicker(standingCheck), due: true}
}

func (w *standingWatch) stop() { w.tick.Stop() }

// gone returns, when a read is due, those of awaited not in good standing,
// each logged with msg; nothing if none is due or the read fails (the
// wait goes on, logged).
func (w *standingWatch) gone(ctx context.Context, c *Coordinator, awaited []common.Address, msg string) []common.Address {
	if !w.due || len(awaited) == 0 {
		return nil
	}
	w.due = false
	gone, err := c.notInGoodStanding(ctx, awaited)
	if err != nil {
		c.log.Warn("could not read the standing of the members waited for; waiting for them", "err", err)
	}
	for _, a := range gone {
		c.log.Warn(msg, "participant", a.Hex())
	}
	return gone
}

// MsgHolderGone is logged, with the holder, when a wait for share holders
// stops waiting for one that the chain says left the study or was
// suspended.
const MsgHolderGone = "share holder left the study or was suspended on chain; not waiting for it"

// MsgMemberGone is logged, with the member, when a wait for members to
// connect stops waiting for one that the chain says left the study or was
// suspended.
const MsgMemberGone = "member left the study or was suspended on chain; not waiting for it to connect"

// awaitedHolders are the share holders, sorted, that are neither excluded
// nor connected.
func (c *Coordinator) awaitedHolders(excluded map[common.Address]bool) []common.Address {
	c.mu.Lock()
	defer c.mu.Unlock()
	var awaited []common.Address
	for a := range c.points {
		if _, connected := c.peers[a]; !connected && !excluded[a] {
			awaited = append(awaited, a)
		}
	}
	return sortedAddresses(awaited)
}

// holdersGone names, for an error, the share holders not in good standing
// on chain ("" if none or unread).
func (c *Coordinator) holdersGone(ctx context.Context) string {
	c.mu.Lock()
	holders := sortedAddresses(slices.Collect(maps.Keys(c.points)))
	c.mu.Unlock()
	gone, err := c.notInGoodStanding(ctx, holders)
	if err != nil || len(gone) == 0 {
		return ""
	}
	return "; " + holdersGoneAdvice(gone)
}

// holdersGoneAdvice names holders not in good standing on chain and says
// what an operator can do when fewer than t others are left.
func holdersGoneAdvice(gone []common.Address) string {
	return "not in good standing on chain (left or suspended): " + addressList(gone) +
		". The keys can be used or handed over only while t holders are in good standing (members can vote to reinstate a suspended one); then start the coordinator again. A holder that left can join the study again; otherwise this study cannot go on: create a new study (cohort study create; the other hospitals join it)"
}

// activeSet picks t connected share holders, and up to spare more
// (chooseActiveSet; in a study requiring a cross-check, one spare may be
// a holder beside the contributors).
func (c *Coordinator) activeSet(contributors []common.Address, excluded map[common.Address]bool, spare int) ([]common.Address, []uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	connected := make(map[common.Address]bool, len(c.peers))
	for a := range c.peers {
		connected[a] = true
	}
	return chooseActiveSet(c.points, c.threshold, spare, c.cfg.RequireCrossCheck, contributors, connected, excluded)
}

// activeSetAgain is activeSet for an aggregate the active sets asked
// were asked for before (chooseActiveSetAgain; nil or none: activeSet);
// repeat tells that the set asks no decryption set not asked before.
func (c *Coordinator) activeSetAgain(contributors []common.Address, excluded map[common.Address]bool, spare int, asked *askedSets) (active []common.Address, points []uint64, repeat bool, err error) {
	if asked == nil || len(asked.sets) == 0 {
		active, points, err = c.activeSet(contributors, excluded, spare)
		return active, points, false, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	connected := make(map[common.Address]bool, len(c.peers))
	for a := range c.peers {
		connected[a] = true
	}
	return chooseActiveSetAgain(asked.sets, activeSetRules{c.points, c.threshold, spare, c.cfg.RequireCrossCheck, contributors, connected, excluded})
}

// addressList is addrs in hex, comma-separated, for an error.
func addressList(addrs []common.Address) string {
	hex := make([]string, len(addrs))
	for i, a := range addrs {
		hex[i] = a.Hex()
	}
	return strings.Join(hex, ", ")
}
