package auth

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// ErrUnconfirmedReshare reports a re-sharing commit that does not prove its
// new holders have their shares: its set does not hash to its set hash, or
// fewer than the set's threshold of distinct new holders signed a
// confirmation of it.
var ErrUnconfirmedReshare = errors.New("auth: re-sharing commit without a threshold of new holders' confirmations")

// VerifyReshareCommit checks the evidence a re-sharing commit carries (see
// cohortv1.ReshareCommitTask): its threshold, dealers and holders hash to
// its set hash, and at least threshold distinct holders of that set signed
// (study, round, KindReshareKey, set hash). It returns the confirming
// holders, in the task's order. A holder acting on the commit erases its
// old share, which nothing can undo, so it must not take the coordinator's
// word that the new set can decrypt.
func VerifyReshareCommit(study uint64, t *cohortv1.ReshareCommitTask) ([]common.Address, error) {
	setHash := common.BytesToHash(t.GetSetHash())
	if want := ReshareSetHash(study, t.GetRound(), t.GetThreshold(), t.GetDealers(), t.GetHolders()); len(t.GetSetHash()) != common.HashLength || want != setHash {
		return nil, fmt.Errorf("%w: its set hashes to %s, it names %x; a coordinator must send the re-sharing's set with its commit", ErrUnconfirmedReshare, want.Hex(), t.GetSetHash())
	}
	holders := make(map[common.Address]bool, len(t.GetHolders()))
	for _, h := range t.GetHolders() {
		holders[common.BytesToAddress(h.GetAddress())] = true
	}
	confirmed := make([]common.Address, 0, len(t.GetConfirmations()))
	seen := make(map[common.Address]bool, len(t.GetConfirmations()))
	for _, c := range t.GetConfirmations() {
		signer, err := Verify(c, study, t.GetRound(), KindReshareKey, setHash)
		if err != nil {
			return nil, fmt.Errorf("re-sharing commit: confirmation: %w", err)
		}
		if !holders[signer] || seen[signer] {
			return nil, fmt.Errorf("%w: a confirmation signed by %s, which is not a new holder or confirmed twice", ErrUnconfirmedReshare, signer.Hex())
		}
		seen[signer] = true
		confirmed = append(confirmed, signer)
	}
	if t.GetThreshold() == 0 || len(confirmed) < int(t.GetThreshold()) {
		return nil, fmt.Errorf("%w: %d confirmations, the set's threshold is %d", ErrUnconfirmedReshare, len(confirmed), t.GetThreshold())
	}
	return confirmed, nil
}
