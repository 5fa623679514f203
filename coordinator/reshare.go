package coordinator

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// ErrBelowThreshold reports a membership change that would leave fewer
// share holders than the study's decryption threshold: the coordinator
// refuses to re-share, since no t holders could decrypt afterwards.
var ErrBelowThreshold = errors.New("coordinator: fewer share holders than the study's decryption threshold")

// holdersStateName names the share-holder set in the store's state.
const holdersStateName = "share-holders"

// holderState is the share-holder set the coordinator keeps across
// restarts: who holds a threshold share of the collective key, at which
// Shamir point, and since which re-sharing.
type holderState struct {
	// Epoch is 0 after threshold key generation, r after the re-sharing
	// that ran before round r.
	Epoch uint32 `json:"epoch"`
	// SetHash identifies the re-sharing (auth.ReshareSetHash); zero at epoch 0.
	SetHash common.Hash `json:"set_hash"`
	// Points are the holders' Shamir points.
	Points map[common.Address]uint64 `json:"points"`
	// NextPoint is the next unused point: a newcomer never gets the point
	// of a party that held a share before.
	NextPoint uint64 `json:"next_point"`
	// Dealers are, with a decryption committee, the members whose keys
	// the holders hold shares of: a member that joins later deals its key
	// to the committee at the next re-sharing. Empty without a committee
	// (every holder is a dealer and the reverse).
	Dealers []common.Address `json:"dealers,omitempty"`
	// Commit is the commit of the re-sharing that made the set, with its
	// evidence (the set and the new holders' signed confirmations, see
	// cohortv1.ReshareCommitTask), sent again to holders that missed it.
	// Proto-encoded; empty at epoch 0.
	Commit []byte `json:"commit,omitempty"`
}

// assignPoints gives each member its public Shamir point, 1 + its index in
// the sorted member list, for threshold key generation, and keeps the set.
func (c *Coordinator) assignPoints(members []common.Address) error {
	st := holderState{Points: make(map[common.Address]uint64, len(members)), NextPoint: uint64(len(members) + 1)}
	for i, m := range members {
		st.Points[m] = uint64(i + 1)
	}
	return c.setHolders(st)
}

// setHolders keeps st in the store, then makes it the coordinator's set.
func (c *Coordinator) setHolders(st holderState) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := c.store.WriteState(holdersStateName, raw); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.points, c.epoch, c.setHash, c.nextPoint, c.dealers, c.commit = st.Points, st.Epoch, st.SetHash, st.NextPoint, st.Dealers, st.Commit
	return nil
}

// restoreHolders loads the share-holder set a previous run kept; without
// one (a store from before re-sharing existed, or a restart before the
// threshold dealing) fresh assigns it as threshold key generation does.
// With a committee, a commit kept by an earlier release gets the
// committee selection it handed the keys to (nameCommitSelection).
func (c *Coordinator) restoreHolders(ctx context.Context, fresh func() error) error {
	raw, err := c.store.ReadState(holdersStateName)
	if errors.Is(err, ErrBlobNotFound) {
		return fresh()
	}
	if err != nil {
		return err
	}
	var st holderState
	if err := json.Unmarshal(raw, &st); err != nil || len(st.Points) == 0 || st.NextPoint == 0 {
		return fmt.Errorf("coordinator: the kept share-holder set is unreadable (%v); restore the store's state-%s or start the study afresh", err, holdersStateName)
	}
	c.mu.Lock()
	committee := c.committee
	c.mu.Unlock()
	if committee {
		st.Commit = c.nameCommitSelection(ctx, st.Commit)
	}
	c.mu.Lock()
	c.points, c.epoch, c.setHash, c.nextPoint, c.dealers, c.commit = st.Points, st.Epoch, st.SetHash, st.NextPoint, st.Dealers, st.Commit
	c.mu.Unlock()
	if st.Epoch > 0 {
		c.log.Info("share holders restored", "epoch", st.Epoch, "holders", len(st.Points))
	}
	return nil
}

// nameCommitSelection returns raw, a kept hand-over's commit, naming the
// committee selection it handed the keys to when it names none (kept by
// an earlier release): the earliest selection on chain whose members at
// their points are the commit's holders (commitSelection). A commit that
// names none goes to holders only (missedHandOver), so a member off the
// committee whose node was down at the hand-over would keep its old share
// until the next one. raw is returned as it is when it names a selection,
// has no holders, matches none, or the chain cannot be read (logged).
func (c *Coordinator) nameCommitSelection(ctx context.Context, raw []byte) []byte {
	commit := &cohortv1.ReshareCommitTask{}
	if len(raw) == 0 || proto.Unmarshal(raw, commit) != nil || commit.GetCommitteeEpoch() != 0 || len(commit.GetHolders()) == 0 {
		return raw
	}
	selections, err := c.ledger.CommitteeSelections(ctx, c.cfg.StudyID)
	if err != nil {
		c.log.Warn(msgCommitSelectionUnread, "round", commit.GetRound(), "err", err)
		return raw
	}
	epoch := commitSelection(commit.GetHolders(), selections)
	if epoch == 0 {
		c.log.Warn(msgCommitSelectionUnknown, "round", commit.GetRound(), "selections", len(selections))
		return raw
	}
	commit.CommitteeEpoch = epoch
	named, err := proto.Marshal(commit)
	if err != nil {
		return raw
	}
	c.log.Info("the kept hand-over's commit names no committee selection (an earlier release's); it names the one on chain whose members are its holders", "round", commit.GetRound(), "selection", epoch)
	return named
}

// Log messages of a kept commit whose selection stays unnamed: it goes to
// holders only until the next hand-over.
const (
	msgCommitSelectionUnread  = "the kept hand-over's commit names no committee selection and the chain's selections could not be read; it goes to holders only until the next hand-over"
	msgCommitSelectionUnknown = "the kept hand-over's commit names no committee selection and no selection on chain has its holders at their points; it goes to holders only until the next hand-over"
)

// commitSelection is the earliest of selections (oldest first) whose
// members are exactly holders, each at its point on chain
// (contracts.CommitteePoint); 0 if none is. The earliest: a hospital off
// the named selection erases a share of an earlier one only, so naming
// the earliest of equal selections never makes one erase a share that a
// later hand-over gave it.
func commitSelection(holders []*cohortv1.ShareHolder, selections []contracts.Committee) uint32 {
	for _, sel := range selections {
		if len(sel.Members) != len(holders) {
			continue
		}
		seen := make(map[common.Address]bool, len(holders))
		match := true
		for _, h := range holders {
			a := common.BytesToAddress(h.GetAddress())
			pt := contracts.CommitteePoint(sel.Members, a)
			if pt == 0 || pt != h.GetPoint() || seen[a] {
				match = false
				break
			}
			seen[a] = true
		}
		if match {
			return sel.Epoch
		}
	}
	return 0
}

// commitTask is the ReshareCommitTask of the latest re-sharing, nil before
// the first; the caller holds c.mu.
func (c *Coordinator) commitTask() *cohortv1.Task {
	return commitTaskOf(c.cfg.StudyID, c.holders())
}

// holders is the current share-holder set; the caller holds c.mu.
func (c *Coordinator) holders() holderState {
	return holderState{Epoch: c.epoch, SetHash: c.setHash, Points: c.points, NextPoint: c.nextPoint, Dealers: c.dealers, Commit: c.commit}
}

// reshareIfChanged compares the chain's active participants (target) with
// the share holders before round r. On a change it re-shares the threshold
// key (see planReshare and the reshare steps): t holders that stay deal
// fresh Shamir shares of their shares to the new set, newcomers deal their
// own keys, the new holders confirm, then the coordinator commits the new
// set and tells the holders to replace their old shares. The collective
// public key does not change. A restart before the commit redoes the
// re-sharing (holders keep their old shares until the commit); after it,
// holders that missed the commit get it when they join again.
func (c *Coordinator) reshareIfChanged(ctx context.Context, r uint32, target []common.Address) error {
	c.mu.Lock()
	cur := c.holders()
	cur.Points = maps.Clone(cur.Points)
	threshold := c.threshold
	c.mu.Unlock()
	if sameSet(cur.Points, target) {
		return nil
	}
	// Newcomers must be connected: dealers seal their shares to the
	// Ethereum key they joined with. One that does not come within the
	// phase timeout gets its share at a later round.
	connected := c.awaitSome(ctx, target, c.cfg.PhaseTimeout)
	var next []common.Address
	for _, a := range target {
		if connected[a] {
			next = append(next, a)
		} else {
			c.log.Warn("member not connected; it gets a share at a later round", "participant", a.Hex(), "round", r)
		}
	}
	if sameSet(cur.Points, next) {
		return nil
	}
	c.mu.Lock()
	pubs := make(map[common.Address]*ecdsa.PublicKey, len(next))
	keyed := make(map[common.Address]bool, len(next))
	fresh := map[common.Address]uint32{}
	for _, a := range next {
		m, ok := c.peers[a]
		if ok {
			pubs[a] = m.pub
		}
		// Key generation and every re-sharing a member dealt its key in
		// kept its public-key share: the holders hold shares of its key.
		_, keyed[a] = c.pkShares[a]
		// One that comes back saying it holds no key (a reinstalled
		// node) deals a fresh key under its next key epoch; so does one
		// whose key is of that epoch (it dealt it in a re-sharing that
		// did not commit: it deals the same key again).
		nextEpoch := c.keyEpochs[a] + 1
		if _, held := cur.Points[a]; ok && keyed[a] && !held && c.scheme != nil && (m.holdsNoKey || m.keyEpoch == nextEpoch) {
			fresh[a] = nextEpoch
		}
	}
	c.mu.Unlock()
	if err := c.freshKeysAllowed(ctx, r, fresh); err != nil {
		return err
	}
	plan, err := planReshare(c.cfg.StudyID, r, cur, threshold, next, pubs, keyed, fresh)
	if err != nil {
		return err
	}
	c.log.Info("membership changed; re-sharing the threshold key", "round", r, "holders", len(next), "joining", len(plan.newcomers), "rejoining", len(plan.rejoiners), "leaving", len(plan.leaving), "threshold", threshold, "fresh_keys", len(plan.freshKeys))
	return c.runReshare(ctx, r, plan)
}

// freshKeysAllowed drops from fresh (members to deal a fresh key, with its
// key epoch) those the chain records fewer departures of than that epoch:
// the holders take one fresh key per departure only (a member that lost
// its key without leaving must leave and join again), so asking for more
// would fail the re-sharing for everyone. Those dropped are taken back
// without a dealing and decline to train (participant.ErrNoKeyForStudy).
func (c *Coordinator) freshKeysAllowed(ctx context.Context, r uint32, fresh map[common.Address]uint32) error {
	if len(fresh) == 0 {
		return nil
	}
	gone, err := c.ledger.Departures(ctx, c.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("coordinator: re-sharing before round %d: read the study's departures: %w", r, err)
	}
	left := map[common.Address]uint32{}
	for _, d := range gone {
		left[d.Member]++
	}
	for a, epoch := range fresh {
		if left[a] < epoch {
			c.log.Warn(MsgFreshKeyWithoutDeparture, "participant", a.Hex(), "round", r, "key_epoch", epoch, "departures", left[a])
			delete(fresh, a)
		}
	}
	return nil
}

// MsgFreshKeyWithoutDeparture is freshKeysAllowed's message.
const MsgFreshKeyWithoutDeparture = "member says it holds no key for the study, but the chain records no departure of it since its latest key: it deals no fresh key (the holders take one per departure); it is taken back without a dealing and declines to train until it leaves the study and joins again"

// runReshare carries out a planned re-sharing before round r.
func (c *Coordinator) runReshare(ctx context.Context, r uint32, plan *reshare) error {
	threshold := plan.threshold
	if c.scheme != nil {
		c.mu.Lock()
		plan.boundShares(c.scheme, c.holders())
		c.mu.Unlock()
	}

	// The share pieces dealt go to the dealing spool on disk as they come
	// and are read from it as each holder's task is sent; each attempt's
	// are deleted when the next set of dealers is asked, and the last
	// one's once the re-sharing ends, committed or not.
	defer func() {
		if err := c.dealings.drop(); err != nil {
			c.log.Warn("re-sharing pieces not deleted; they are deleted at the next re-sharing or restart", "round", r, "err", err)
		}
	}()
	var spoolErr error
	begin := func(st *reshareDealStep) *reshareDealStep {
		st.spool, spoolErr = c.dealings.begin()
		return st
	}

	// Dealers: t holders that stay; another set is asked if one fails.
	// None when the holders only add newcomers' keys.
	var dealing, newcomers *reshareDealStep
	var err error
	if plan.addOnly {
		dealing = begin(plan.dealers(nil))
	} else {
		_, _, err := c.askSet(ctx, r, plan.staying, plan.leaving, func(active []common.Address, _ []uint64) activeStep {
			dealing = begin(plan.dealers(active))
			return dealing
		})
		if spoolErr != nil {
			return fmt.Errorf("coordinator: re-sharing before round %d: %w", r, spoolErr)
		}
		if err != nil {
			return fmt.Errorf("coordinator: re-sharing before round %d: %w", r, err)
		}
	}
	if spoolErr != nil {
		return fmt.Errorf("coordinator: re-sharing before round %d: %w", r, spoolErr)
	}
	// Newcomers deal their own keys to the new holders: their updates are
	// encrypted under them (see aggregation, "Seeded secret-key
	// encryption"). All of them must, or the re-sharing fails cleanly.
	if len(plan.newcomers) > 0 {
		newcomers = dealing.newcomersDealing()
		refusals, err := c.joinerKeyCheck(newcomers, plan.freshKeys)
		if err != nil {
			return fmt.Errorf("coordinator: re-sharing before round %d: %w", r, err)
		}
		if refusals != nil {
			newcomers.checkKey = refusals.checkSigned
		}
		full, err := c.start(ctx, newcomers, newcomers.start())
		if err != nil {
			return err
		}
		if err := c.wait(ctx, newcomers, full, c.cfg.PhaseTimeout, len(plan.newcomers)); err != nil {
			return fmt.Errorf("coordinator: re-sharing before round %d: newcomers dealing their own keys: %w%s", r, err, refusals.refused())
		}
	}

	// Every new holder aggregates its shares and confirms; the old shares
	// stay in force until the commit below.
	c.mu.Lock()
	confirm, err := dealing.confirm(newcomers)
	c.mu.Unlock()
	if err != nil {
		return err
	}
	// The new holders give their dealing-check shares with their pending
	// shares: an inconsistent re-dealing is caught before the old shares
	// are erased.
	if err := c.prepareReshareCheck(ctx, confirm, plan); err != nil {
		return err
	}
	full, err := c.start(ctx, confirm, confirm.start())
	if err != nil {
		return err
	}
	if err := c.wait(ctx, confirm, full, c.cfg.PhaseTimeout, threshold); err != nil {
		return fmt.Errorf("coordinator: re-sharing before round %d: %w", r, err)
	}
	if err := c.checkReshare(ctx, confirm, plan); err != nil {
		return err
	}
	c.mu.Lock()
	commit, left := confirm.commit()
	c.mu.Unlock()
	for _, a := range left {
		c.log.Warn("new share holder did not confirm; it is left out of this re-sharing", "participant", a.Hex(), "round", r)
	}

	// Commit: from here the new set decrypts; holders erase their old shares.
	rd, err := commit.start()
	if err != nil {
		return err
	}
	// The joiners' public-key shares are kept with the key's, with their
	// signatures for this round: the next re-sharing's check covers
	// their keys too, after a restart as well, and its evidence shows
	// them signed. A fresh key's public-key share takes the place of the
	// member's earlier one, and its key epoch is kept with it: its
	// updates are checked under the fresh key's dealer id from now on.
	c.mu.Lock()
	pkShares, sigs, rounds, keyEpochs := maps.Clone(c.pkShares), maps.Clone(c.pkShareSigs), maps.Clone(c.pkShareRounds), maps.Clone(c.keyEpochs)
	c.mu.Unlock()
	if len(confirm.joinerKeys) > 0 {
		if pkShares == nil {
			pkShares = map[common.Address][]byte{}
		}
		if sigs == nil {
			sigs = map[common.Address][]byte{}
		}
		if rounds == nil {
			rounds = map[common.Address]uint32{}
		}
		for j, share := range confirm.joinerKeys {
			pkShares[j], sigs[j], rounds[j] = share, confirm.joinerKeySigs[j], r
		}
		rd.state = append(rd.state, pkShareState(pkShares, sigs, rounds)...)
	}
	if len(plan.freshKeys) > 0 {
		if keyEpochs == nil {
			keyEpochs = map[common.Address]uint32{}
		}
		maps.Copy(keyEpochs, plan.freshKeys)
		raw, err := json.Marshal(keyEpochs)
		if err != nil {
			return err
		}
		rd.state = append(rd.state, keptState{name: keyEpochsState, data: raw})
	}
	send := rd.send
	rd.send = nil
	c.mu.Lock()
	committee := c.committee
	c.mu.Unlock()
	if committee {
		// Old holders off the new committee erase their shares on it.
		for _, a := range sortedAddresses(slices.Collect(maps.Keys(plan.old))) {
			if _, kept := commit.set.Points[a]; !kept {
				send = append(send, outgoing{to: a, task: commitTaskOf(plan.study, commit.set)})
			}
		}
	}
	if _, err := c.apply(ctx, rd); err != nil {
		return fmt.Errorf("coordinator: keep the new share holders: %w", err)
	}
	c.mu.Lock()
	c.current = commit
	c.points, c.epoch, c.setHash, c.nextPoint, c.dealers, c.commit = commit.set.Points, commit.set.Epoch, commit.set.SetHash, commit.set.NextPoint, commit.set.Dealers, commit.set.Commit
	c.pkShares, c.pkShareSigs, c.pkShareRounds, c.keyEpochs = pkShares, sigs, rounds, keyEpochs
	c.mu.Unlock()
	c.send(send, ready{})
	c.log.Info("threshold key re-shared", "round", r, "holders", len(commit.confirmed), "threshold", threshold, "set", commit.set.SetHash.Hex())
	return nil
}

// sameSet tells whether the holders are exactly the listed addresses.
func sameSet(holders map[common.Address]uint64, list []common.Address) bool {
	if len(holders) != len(list) {
		return false
	}
	for _, a := range list {
		if _, ok := holders[a]; !ok {
			return false
		}
	}
	return true
}

// awaitSome waits up to timeout for every listed member to be connected and
// returns those that are. While it waits it reads on chain, at once and
// every standingCheck, whether those it waits for left the study or were
// suspended, and stops waiting for those.
func (c *Coordinator) awaitSome(ctx context.Context, members []common.Address, timeout time.Duration) map[common.Address]bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	standing := newStandingWatch()
	defer standing.stop()
	gone := make(map[common.Address]bool)
	for {
		c.mu.Lock()
		joined := c.joined
		connected := make(map[common.Address]bool, len(members))
		var awaited []common.Address
		for _, a := range members {
			if _, ok := c.peers[a]; ok {
				connected[a] = true
			} else if !gone[a] {
				awaited = append(awaited, a)
			}
		}
		c.mu.Unlock()
		if len(awaited) == 0 {
			return connected
		}
		if left := standing.gone(ctx, c, awaited, MsgMemberGone); len(left) > 0 {
			for _, a := range left {
				gone[a] = true
			}
			continue
		}
		select {
		case <-joined:
		case <-standing.tick.C:
			standing.due = true
		case <-deadline.C:
			return connected
		case <-ctx.Done():
			return connected
		}
	}
}

// errHandOverLost marks a hand-over to the decryption committee that failed
// while a member of that committee left or was suspended (the chain's
// committee is no longer current): the hospitals refuse to deal to or take
// shares for a committee that is not current, so the coordinator selects
// the committee again (reselectAndRound).
var errHandOverLost = errors.New("a member of the decryption committee left or was suspended during the hand-over")

// handOverLost is err, the failed hand-over before round r, marked
// errHandOverLost and contracts.ErrCommitteeNotCurrent if the chain's
// committee is no longer current, unless fewer than t current holders are
// in good standing: the current holders deal the keys to any committee,
// so selecting another cannot help.
func (c *Coordinator) handOverLost(ctx context.Context, r uint32, err error) error {
	study, serr := c.ledger.Study(ctx, c.cfg.StudyID)
	if serr != nil || study.CommitteeCurrent || c.tooFewHoldersInGoodStanding(ctx) {
		return err
	}
	return fmt.Errorf("%w before round %d (%w): %w", errHandOverLost, r, contracts.ErrCommitteeNotCurrent, err)
}

// tooFewHoldersInGoodStanding tells whether fewer than t of the current
// share holders are in good standing on chain (false if unread).
func (c *Coordinator) tooFewHoldersInGoodStanding(ctx context.Context) bool {
	c.mu.Lock()
	holders, threshold := sortedAddresses(slices.Collect(maps.Keys(c.points))), c.threshold
	c.mu.Unlock()
	gone, err := c.notInGoodStanding(ctx, holders)
	return err == nil && len(holders)-len(gone) < threshold
}

// membersBefore reads the study's participants from the chain before round
// r and, when threshold shares are in use, re-shares the key if the members
// in good standing are no longer the share holders.
func (c *Coordinator) membersBefore(ctx context.Context, r uint32) ([]common.Address, error) {
	study, err := c.ledger.Study(ctx, c.cfg.StudyID)
	if err != nil {
		return nil, fmt.Errorf("coordinator: read study before round %d: %w", r, err)
	}
	members := sortedAddresses(study.Participants)
	if !c.summer.needsShares() {
		return members, nil
	}
	if members, err = c.withoutDealersLeftOut(r, members); err != nil {
		return nil, err
	}
	target, err := c.inGoodStanding(ctx, members)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	committee := c.committee
	c.mu.Unlock()
	if committee {
		if study, err = c.currentCommittee(ctx); err != nil {
			return nil, err
		}
		if err = c.reshareToCommittee(ctx, r, study, target); err != nil {
			return nil, c.handOverLost(ctx, r, err)
		}
	} else {
		err = c.reshareIfChanged(ctx, r, target)
	}
	if err != nil {
		return nil, err
	}
	return c.keyedMembers(r, members), nil
}

// keyedMembers are the members whose own keys the share holders hold
// shares of (holders, the key's dealers, and every member whose key a
// re-sharing took in): only their updates can be decrypted. A member that
// joined after key generation and was not connected when the re-sharing
// before round r ran has dealt no key: it is not asked to train, so the
// round does not wait for it, until a later re-sharing takes it in.
func (c *Coordinator) keyedMembers(r uint32, members []common.Address) []common.Address {
	c.mu.Lock()
	defer c.mu.Unlock()
	keyed := make([]common.Address, 0, len(members))
	for _, a := range members {
		_, holder := c.points[a]
		_, dealt := c.pkShares[a]
		if holder || dealt || slices.Contains(c.dealers, a) {
			keyed = append(keyed, a)
			continue
		}
		c.log.Warn(MsgMemberWithoutKey, "participant", a.Hex(), "round", r)
	}
	return keyed
}

// MsgMemberWithoutKey is keyedMembers' message.
const MsgMemberWithoutKey = "member has dealt no key (it joined after key generation and was not connected at the re-sharing): it is not asked to train in this round; the re-sharing before a later round, with it connected, takes it in"
