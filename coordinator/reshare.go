package coordinator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
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
	c.points, c.epoch, c.setHash, c.nextPoint = st.Points, st.Epoch, st.SetHash, st.NextPoint
	return nil
}

// restoreHolders loads the share-holder set a previous run kept; without
// one (a store from before re-sharing existed) the members hold points in
// sorted order, as threshold key generation assigned them.
func (c *Coordinator) restoreHolders(members []common.Address) error {
	raw, err := c.store.ReadState(holdersStateName)
	if errors.Is(err, ErrBlobNotFound) {
		return c.assignPoints(members)
	}
	if err != nil {
		return err
	}
	var st holderState
	if err := json.Unmarshal(raw, &st); err != nil || len(st.Points) == 0 || st.NextPoint == 0 {
		return fmt.Errorf("coordinator: the kept share-holder set is unreadable (%v); restore the store's state-%s or start the study afresh", err, holdersStateName)
	}
	c.mu.Lock()
	c.points, c.epoch, c.setHash, c.nextPoint = st.Points, st.Epoch, st.SetHash, st.NextPoint
	c.mu.Unlock()
	if st.Epoch > 0 {
		c.log.Info("share holders restored", "epoch", st.Epoch, "holders", len(st.Points))
	}
	return nil
}

// commitTask is the ReshareCommitTask of the latest re-sharing, nil before
// the first; the caller holds c.mu.
func (c *Coordinator) commitTask() *cohortv1.Task {
	if c.epoch == 0 {
		return nil
	}
	return &cohortv1.Task{Kind: &cohortv1.Task_ReshareCommit{ReshareCommit: &cohortv1.ReshareCommitTask{
		StudyId: c.cfg.StudyID, Round: c.epoch, SetHash: c.setHash.Bytes(),
	}}}
}

// reshareIfChanged compares the chain's active participants (target) with
// the share holders before round r. On a change it re-shares the threshold
// key: t holders that stay deal fresh Shamir shares of their shares to the
// new set (newcomers included, leavers and suspended members excluded), each
// share sealed to its recipient and bound to (study, r, the new set); the
// recipients aggregate them and confirm; then the coordinator commits the
// new set and tells the holders to replace their old shares. The collective
// public key does not change. A restart before the commit redoes the
// re-sharing (holders keep their old shares until the commit); after it,
// holders that missed the commit get it when they join again.
func (c *Coordinator) reshareIfChanged(ctx context.Context, r uint32, target []common.Address) error {
	c.mu.Lock()
	holders := maps.Clone(c.points)
	threshold := c.threshold
	c.mu.Unlock()
	if sameSet(holders, target) {
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
	if sameSet(holders, next) {
		return nil
	}
	if len(next) < threshold {
		return fmt.Errorf("%w: before round %d, %d members could hold shares, the threshold is %d; members must join (or be reinstated) before the study can go on",
			ErrBelowThreshold, r, len(next), threshold)
	}
	var staying, leaving []common.Address
	for a := range holders {
		if slices.Contains(next, a) {
			staying = append(staying, a)
		} else {
			leaving = append(leaving, a)
		}
	}
	if len(staying) < threshold {
		return fmt.Errorf("%w: before round %d only %d current holders stay, the threshold is %d: the key cannot be re-shared", ErrBelowThreshold, r, len(staying), threshold)
	}
	slices.SortFunc(staying, func(x, y common.Address) int { return x.Cmp(y) })

	// New points: holders that stay keep theirs; newcomers get unused ones.
	c.mu.Lock()
	st := holderState{Epoch: r, Points: make(map[common.Address]uint64, len(next)), NextPoint: c.nextPoint}
	var newHolders []*cohortv1.ShareHolder
	for _, a := range next {
		peer, ok := c.peers[a]
		if !ok {
			c.mu.Unlock()
			return fmt.Errorf("%w: %s went away before the re-sharing before round %d", ErrStalled, a.Hex(), r)
		}
		p, held := holders[a]
		if !held {
			p = st.NextPoint
			st.NextPoint++
		}
		st.Points[a] = p
		newHolders = append(newHolders, &cohortv1.ShareHolder{Address: a.Bytes(), Point: p, PublicKey: crypto.FromECDSAPub(peer.pub)})
	}
	c.mu.Unlock()
	c.log.Info("membership changed; re-sharing the threshold key", "round", r, "holders", len(next), "joining", len(next)-len(staying), "leaving", len(leaving), "threshold", threshold)

	// Dealers: t holders that stay; another set is asked if one fails.
	var task *cohortv1.ReshareTask
	_, subs, err := c.askSet(ctx, auth.KindReshareShare, r, staying, leaving, func(ph *phase, active []common.Address, points []uint64) *cohortv1.Task {
		task = &cohortv1.ReshareTask{StudyId: c.cfg.StudyID, Round: r, Threshold: uint32(threshold), Holders: newHolders}
		for _, a := range sortedAddresses(active) {
			task.Dealers = append(task.Dealers, &cohortv1.ShareHolder{Address: a.Bytes(), Point: holders[a]})
		}
		st.SetHash = auth.ReshareSetHash(c.cfg.StudyID, r, uint32(threshold), task.Dealers, newHolders)
		task.SetHash = st.SetHash.Bytes()
		ph.subject = st.SetHash
		ph.recipients = make(map[common.Address]bool, len(next))
		for _, a := range next {
			ph.recipients[a] = true
		}
		return &cohortv1.Task{Kind: &cohortv1.Task_Reshare{Reshare: task}}
	})
	if err != nil {
		return fmt.Errorf("coordinator: re-sharing before round %d: %w", r, err)
	}
	// Newcomers deal their own keys to the new holders: their updates are
	// encrypted under them (see aggregation, "Seeded secret-key
	// encryption"). All of them must, or the re-sharing fails cleanly.
	var newcomers []common.Address
	for _, a := range next {
		if _, held := holders[a]; !held {
			newcomers = append(newcomers, a)
		}
	}
	if len(newcomers) > 0 {
		deal := newPhase(auth.KindReshareShare, r, newcomers)
		deal.subject = st.SetHash
		deal.recipients = make(map[common.Address]bool, len(next))
		for _, a := range next {
			deal.recipients[a] = true
		}
		c.mu.Lock()
		c.phase = deal
		c.mu.Unlock()
		c.broadcast(newcomers, &cohortv1.Task{Kind: &cohortv1.Task_Reshare{Reshare: task}})
		if err := c.wait(ctx, deal, c.cfg.PhaseTimeout, len(newcomers)); err != nil {
			return fmt.Errorf("coordinator: re-sharing before round %d: newcomers dealing their own keys: %w", r, err)
		}
		_, dealt := c.answers(deal, newcomers)
		subs = append(subs, dealt...)
	}
	inbox := make(map[common.Address][]*cohortv1.EncryptedShare, len(next))
	for _, raw := range subs {
		var sub cohortv1.ReshareSharesSubmission
		if err := proto.Unmarshal(raw, &sub); err != nil {
			return fmt.Errorf("coordinator: re-sharing shares: %w", err)
		}
		for _, sh := range sub.GetShares() {
			to := common.BytesToAddress(sh.GetRecipient())
			inbox[to] = append(inbox[to], sh)
		}
	}

	// Every new holder aggregates its shares and confirms; the old shares
	// stay in force until the commit below.
	confirm := newPhase(auth.KindReshareKey, r, next)
	confirm.subject = st.SetHash
	c.mu.Lock()
	c.phase = confirm
	c.mu.Unlock()
	for _, a := range next {
		c.broadcast([]common.Address{a}, &cohortv1.Task{Kind: &cohortv1.Task_ReshareKey{ReshareKey: &cohortv1.ReshareKeyTask{
			StudyId: c.cfg.StudyID, Round: r, Threshold: task.Threshold, Dealers: task.Dealers, Holders: newHolders,
			SetHash: task.SetHash, Shares: inbox[a],
		}}})
	}
	if err := c.wait(ctx, confirm, c.cfg.PhaseTimeout, threshold); err != nil {
		return fmt.Errorf("coordinator: re-sharing before round %d: %w", r, err)
	}
	confirmed, _ := c.answers(confirm, next)
	for _, a := range next {
		if !slices.Contains(confirmed, a) {
			delete(st.Points, a) // it holds no usable share; asked again at a later round
			c.log.Warn("new share holder did not confirm; it is left out of this re-sharing", "participant", a.Hex(), "round", r)
		}
	}

	// Commit: from here the new set decrypts; holders erase their old shares.
	if err := c.setHolders(st); err != nil {
		return fmt.Errorf("coordinator: keep the new share holders: %w", err)
	}
	c.mu.Lock()
	commit := c.commitTask()
	c.mu.Unlock()
	c.broadcast(confirmed, commit)
	c.log.Info("threshold key re-shared", "round", r, "holders", len(confirmed), "threshold", threshold, "set", st.SetHash.Hex())
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
// returns those that are.
func (c *Coordinator) awaitSome(ctx context.Context, members []common.Address, timeout time.Duration) map[common.Address]bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		joined := c.joined
		connected := make(map[common.Address]bool, len(members))
		for _, a := range members {
			if _, ok := c.peers[a]; ok {
				connected[a] = true
			}
		}
		c.mu.Unlock()
		if len(connected) == len(members) {
			return connected
		}
		select {
		case <-joined:
		case <-deadline.C:
			return connected
		case <-ctx.Done():
			return connected
		}
	}
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
	target, err := c.inGoodStanding(ctx, members)
	if err != nil {
		return nil, err
	}
	if err := c.reshareIfChanged(ctx, r, target); err != nil {
		return nil, err
	}
	return members, nil
}
