package coordinator

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"maps"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// A study with a decryption committee (contracts.CommitteeParams): c of its
// participants, chosen on chain, hold Shamir shares of every participant's
// key and t of them decrypt. Key generation deals n·c shares instead of n²;
// the coordinator takes the committee from the chain, never chooses it, and
// every hospital refuses holders other than the chain's (participant
// checkCommittee).

// currentCommittee returns the study as the chain records it once its
// committee is current: it selects one on chain when none is (before key
// generation, after a member of it left or was suspended, after its
// rotation rounds or a rotation vote).
func (c *Coordinator) currentCommittee(ctx context.Context) (contracts.Study, error) {
	study, err := c.ledger.Study(ctx, c.cfg.StudyID)
	if err != nil {
		return study, fmt.Errorf("coordinator: read study %d: %w", c.cfg.StudyID, err)
	}
	if study.CommitteeCurrent {
		return study, nil
	}
	cm, _, err := c.ledger.SelectCommittee(ctx, c.account, c.cfg.StudyID)
	if err != nil {
		return study, fmt.Errorf("coordinator: select the decryption committee: %w", err)
	}
	c.log.Info(MsgCommitteeSelected, "epoch", cm.Epoch, "members", len(cm.Members), "seed", cm.Seed.Hex())
	if study, err = c.ledger.Study(ctx, c.cfg.StudyID); err != nil {
		return study, fmt.Errorf("coordinator: read study %d: %w", c.cfg.StudyID, err)
	}
	return study, nil
}

// MsgCommitteeSelected is logged, with the committee's epoch, once the
// coordinator selected the decryption committee on chain.
const MsgCommitteeSelected = "decryption committee selected on chain"

// committeeHolders is the holder set of a committee whose keys are those of
// dealers: each member at its point on chain (contracts.CommitteePoint).
func committeeHolders(epoch uint32, committee, dealers []common.Address) holderState {
	st := holderState{Epoch: epoch, Points: make(map[common.Address]uint64, len(committee)), NextPoint: uint64(len(committee) + 1), Dealers: sortedAddresses(dealers)}
	for _, m := range committee {
		st.Points[m] = contracts.CommitteePoint(committee, m)
	}
	return st
}

// planCommitteeReshare plans the re-sharing before round r from the current
// holders to committee, the chain's current committee: t current holders
// still in good standing deal (on the committee or not: a rotation may keep
// none of them), every dealer's key moves, and the joiners (members whose
// keys the holders do not hold yet) deal their own keys to the committee.
// keys has every committee member's Ethereum key; selection is the
// committee's selection on chain (its epoch), which the commit names. It
// fails with ErrBelowThreshold if fewer than t current holders can deal.
func planCommitteeReshare(study uint64, r uint32, cur holderState, threshold int, committee []common.Address, selection uint32, good map[common.Address]bool, joiners []common.Address, keys map[common.Address]*ecdsa.PublicKey) (*reshare, error) {
	p := &reshare{study: study, round: r, threshold: threshold, old: cur.Points, newcomers: sortedAddresses(joiners), committeeEpoch: selection}
	p.staying, p.leaving = splitHolders(cur.Points, func(a common.Address) bool { return good[a] })
	if len(p.staying) < threshold {
		return nil, fmt.Errorf("%w: before round %d only %d current holders remain in good standing, the threshold is %d: the keys cannot be handed to the new committee; %s", ErrBelowThreshold, r, len(p.staying), threshold, holdersGoneAdvice(p.leaving))
	}
	p.next = committeeHolders(r, committee, append(slices.Clone(cur.Dealers), joiners...))
	// The same committee at the same points: its members keep their
	// shares and only take the joiners' keys. Re-sharing every key instead
	// cost each of t members n keys' worth of shares (383 MB at n = 100).
	p.addOnly = len(joiners) > 0 && maps.Equal(cur.Points, p.next.Points)
	for _, a := range committee {
		pub, ok := keys[a]
		if !ok {
			return nil, fmt.Errorf("%w: committee member %s is not connected for the re-sharing before round %d", ErrStalled, a.Hex(), r)
		}
		p.holders = append(p.holders, holder{addr: a, point: p.next.Points[a], pub: pub})
	}
	return p, nil
}

// MsgHandingOver is logged, with the round, as the coordinator starts
// handing the keys over to a newly selected decryption committee.
const MsgHandingOver = "re-sharing the keys to the decryption committee"

// reshareToCommittee hands every dealer's key to the chain's committee
// before round r when the holders are not exactly it, and has members that
// joined deal their keys to it; members is the study's participants in good
// standing.
func (c *Coordinator) reshareToCommittee(ctx context.Context, r uint32, study contracts.Study, good []common.Address) error {
	c.mu.Lock()
	cur := c.holders()
	threshold := c.threshold
	c.mu.Unlock()
	var joiners []common.Address
	for _, a := range good {
		if !slices.Contains(cur.Dealers, a) {
			joiners = append(joiners, a)
		}
	}
	if len(joiners) > 0 {
		// A joiner deals once connected; one that does not come within the
		// phase timeout deals at a later round (its updates wait until then).
		connected := c.awaitSome(ctx, joiners, c.cfg.PhaseTimeout)
		joiners = slices.DeleteFunc(joiners, func(a common.Address) bool { return !connected[a] })
	}
	if sameSet(cur.Points, study.Holders) && len(joiners) == 0 {
		return nil
	}
	connected := c.awaitSome(ctx, study.Holders, c.cfg.PhaseTimeout)
	c.mu.Lock()
	pubs := make(map[common.Address]*ecdsa.PublicKey, len(study.Holders))
	for _, a := range study.Holders {
		if m, ok := c.peers[a]; ok && connected[a] {
			pubs[a] = m.pub
		}
	}
	c.mu.Unlock()
	inGood := make(map[common.Address]bool, len(good))
	for _, a := range good {
		inGood[a] = true
	}
	plan, err := planCommitteeReshare(c.cfg.StudyID, r, cur, threshold, study.Holders, study.CommitteeEpoch, inGood, joiners, pubs)
	if err != nil {
		return err
	}
	if plan.addOnly {
		c.log.Info("members joined; the decryption committee adds their keys", "round", r, "epoch", study.CommitteeEpoch, "committee", len(study.Holders), "joining", len(joiners), "threshold", threshold)
	} else {
		c.log.Info(MsgHandingOver, "round", r, "epoch", study.CommitteeEpoch, "committee", len(study.Holders), "joining", len(joiners), "threshold", threshold)
	}
	return c.runReshare(ctx, r, plan)
}
