package coordinator

import (
	"context"
	"fmt"
	"maps"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// contributorsState is the name, in the store, of the contributor list
// the coordinator pinned on chain for round r (20 bytes per address, in
// order).
func contributorsState(r uint32) string { return fmt.Sprintf("contributors-%d", r) }

// roundContributors is a round's contributors in order, with each one's
// committed update and sample count.
type roundContributors struct {
	addrs  []common.Address
	hashes []common.Hash
	counts []float64
}

// pinContributors pins round r's contributor list on chain
// (contracts.ContributorsHash) before anyone is asked for score or
// decryption shares of the round: holders open the pinned list's scores
// and aggregate and no other, so that no two lists of one round can be
// opened by two groups of holders and subtracted. The list is kept in the
// store first. A round whose list is pinned already (by its last batch of
// commitments, batchPin, or before a restart) goes on with that list,
// from the store, or stops: it never asks for another. It returns the
// list to go on with and the gas of the pin (zero if it sent none).
func (c *Coordinator) pinContributors(ctx context.Context, r uint32, got roundContributors) (roundContributors, uint64, error) {
	id := c.cfg.StudyID
	pinned, err := c.ledger.PinnedContributors(ctx, id, r)
	if err != nil {
		return got, 0, fmt.Errorf("coordinator: %w", err)
	}
	want := contracts.ContributorsHash(id, r, got.addrs)
	switch pinned {
	case want:
		return got, 0, nil
	case common.Hash{}:
		if err := c.keepContributors(r, got.addrs); err != nil {
			return got, 0, err
		}
		rc, err := c.ledger.PinContributors(ctx, c.account, id, r, want)
		if err != nil {
			return got, 0, fmt.Errorf("coordinator: pin the contributors on chain: %w", err)
		}
		c.log.Info("contributors pinned", "round", r, "contributors", len(got.addrs), "hash", want.Hex(), "gas", rc.GasUsed)
		return got, rc.GasUsed, nil
	}
	list, err := c.keptContributors(r, pinned)
	if err != nil {
		return got, 0, fmt.Errorf("%w: round %d's contributors are pinned on chain as %s, this coordinator has the uploads of a list hashing to %s, and %v; holders open the pinned list only, so abandon the round once its deadline passes (%s with the coordinator's key) and restart the coordinator",
			contracts.ErrContributorsPinned, r, pinned.Hex(), want.Hex(), err, abandonCommand(c.cfg.StudyID, r))
	}
	at := make(map[common.Address]int, len(got.addrs))
	for i, a := range got.addrs {
		at[a] = i
	}
	var out roundContributors
	for _, a := range list {
		i, ok := at[a]
		if !ok {
			return got, 0, fmt.Errorf("%w: round %d's contributors are pinned on chain as %s, and the update %s committed is not in the store nor sent again; holders open the pinned list only, so abandon the round once its deadline passes (%s with the coordinator's key) and restart the coordinator",
				contracts.ErrContributorsPinned, r, pinned.Hex(), a.Hex(), abandonCommand(c.cfg.StudyID, r))
		}
		out.addrs, out.hashes, out.counts = append(out.addrs, a), append(out.hashes, got.hashes[i]), append(out.counts, got.counts[i])
		delete(at, a)
	}
	if len(at) > 0 {
		c.log.Warn("updates committed after the round's contributors were pinned are left out", "round", r, "participants", len(at))
	}
	c.log.Info("going on with the contributors pinned on chain (by the last batch, or before a restart)", "round", r, "contributors", len(list), "hash", pinned.Hex())
	return out, 0, nil
}

// batchPin returns the contributor list to pin with a batched round's last
// batch, b: the list the round sums if b lands on top of the commitments
// on chain (onChain), members in the order given, kept in the store first
// as pinContributors keeps it. It returns zero (no pin) if a list is
// pinned already (a restarted coordinator: the store keeps that one), or
// if the list would be shorter than the study's minimum (the round stops
// before it pins).
func (c *Coordinator) batchPin(ctx context.Context, train *trainStep, order []common.Address, onChain map[common.Address]contracts.Commitment, b []contracts.SignedCommitment) (common.Hash, error) {
	id, r := c.cfg.StudyID, train.round
	pinned, err := c.ledger.PinnedContributors(ctx, id, r)
	if err != nil {
		return common.Hash{}, fmt.Errorf("coordinator: %w", err)
	}
	if pinned != (common.Hash{}) {
		return common.Hash{}, nil
	}
	after := maps.Clone(onChain)
	for _, sc := range b {
		after[sc.Member] = sc.Commitment
	}
	c.mu.Lock()
	addrs, _, _, _ := train.contributors(order, after)
	c.mu.Unlock()
	if len(addrs) == 0 || len(addrs) < c.minParticipants {
		return common.Hash{}, nil
	}
	if err := c.keepContributors(r, addrs); err != nil {
		return common.Hash{}, err
	}
	return contracts.ContributorsHash(id, r, addrs), nil
}

// keepContributors keeps round r's contributor list in the store before
// it is pinned, so that a coordinator restarted after the pin finds the
// list again.
func (c *Coordinator) keepContributors(r uint32, addrs []common.Address) error {
	kept := make([]byte, 0, len(addrs)*common.AddressLength)
	for _, a := range addrs {
		kept = append(kept, a.Bytes()...)
	}
	return c.store.WriteState(contributorsState(r), kept)
}

// keptContributors reads the contributor list the store kept for round r
// and checks that it is the one pinned.
func (c *Coordinator) keptContributors(r uint32, pinned common.Hash) ([]common.Address, error) {
	b, err := c.store.ReadState(contributorsState(r))
	if err != nil {
		return nil, fmt.Errorf("its store keeps no list for the round (%v)", err)
	}
	if len(b)%common.AddressLength != 0 {
		return nil, fmt.Errorf("the list its store keeps for the round is %d bytes, not whole addresses", len(b))
	}
	list := make([]common.Address, len(b)/common.AddressLength)
	for i := range list {
		list[i] = common.BytesToAddress(b[i*common.AddressLength : (i+1)*common.AddressLength])
	}
	if h := contracts.ContributorsHash(c.cfg.StudyID, r, list); h != pinned {
		return nil, fmt.Errorf("the list its store keeps for the round hashes to %s", h.Hex())
	}
	return list, nil
}
