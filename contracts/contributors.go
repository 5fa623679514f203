package contracts

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// ContributorsHash is what a coordinator pins for a round (PinContributors,
// CommitUpdatesAndPin): the hash of
// the ordered list of contributors whose updates the round sums,
// keccak256(abi.encode(uint64 studyID, uint32 round, address[] contributors)).
// The list fixes everything a holder opens in the round: each member commits
// once per round, so the list fixes the summed ciphertexts and the sample
// counts that weigh them; robust scoring's projection seed is drawn from the
// listed commitments in the listed order; and a robust round's weights
// follow from the scores decrypted for the list and the study's robust
// policy.
func ContributorsHash(studyID uint64, round uint32, contributors []common.Address) common.Hash {
	b := make([]byte, 32*(4+len(contributors)))
	binary.BigEndian.PutUint64(b[24:32], studyID)
	binary.BigEndian.PutUint32(b[60:64], round)
	b[95] = 0x60 // the array's offset: after the three head words
	binary.BigEndian.PutUint64(b[120:128], uint64(len(contributors)))
	for i, a := range contributors {
		copy(b[128+32*i+12:128+32*(i+1)], a.Bytes())
	}
	return crypto.Keccak256Hash(b)
}

// PinContributors pins the list of contributors of the study's open round
// (its ContributorsHash) in a transaction of its own: share holders give
// score shares and decryption shares for that list and no other
// (PinnedContributors), so a coordinator that splits the holders into
// groups cannot have two aggregates (or two projection seeds) of one round
// opened and read an update from their difference. A coordinator pins
// with the round's last batch of commitments instead when it can
// (CommitUpdatesAndPin), which costs far less; this is for a round with no
// batch, or whose batch was refused. Only the study's coordinator may pin
// (ErrNotCoordinator), for the current open round only (ErrRoundNotOpen,
// at any time before the round closes, its deadline passed or not), once
// per round whichever way: the same hash again is a no-op, another is
// ErrContributorsPinned.
func (l *Ledger) PinContributors(ctx context.Context, from *Account, studyID uint64, round uint32, h common.Hash) (Receipt, error) {
	r, err := l.commitUpdates(ctx, from, studyID, round, nil, h)
	if err != nil {
		return Receipt{}, fmt.Errorf("pinning the contributors of round %d of study %d: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}

// PinnedContributors returns the contributors hash pinned for the round
// (PinContributors or CommitUpdatesAndPin, Round.ContributorsHash), zero if
// none is pinned or the round never opened.
func (l *Ledger) PinnedContributors(ctx context.Context, studyID uint64, round uint32) (common.Hash, error) {
	rec, err := l.roundRecord(ctx, studyID, round, nil)
	if errors.Is(err, ErrRoundNotFound) {
		return common.Hash{}, nil
	}
	if err != nil {
		return common.Hash{}, fmt.Errorf("reading the pinned contributors of round %d of study %d: %w", round, studyID, err)
	}
	return rec.ContributorsHash, nil
}
