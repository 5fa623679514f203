package simulation

import (
	"context"
	"errors"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/participant"
)

// UseProofs gives, for each hospital holding records of the patient and
// committing in the round, its proof of their use, as `cohort consent
// proof` would from the hospital's data directory.
func (s *Study) UseProofs(ctx context.Context, studyID uint64, round uint32, patient common.Hash) ([]participant.UseProof, error) {
	if studyID != s.StudyID() {
		return nil, nil
	}
	var out []participant.UseProof
	for i, site := range s.Sites() {
		h := s.Hospitals()[i]
		var ids []string
		for _, r := range slices.Concat(site.Train, site.Test) {
			if r.Patient == patient {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		if _, err := s.Ledger().Commitment(ctx, studyID, round, h.Address); errors.Is(err, contracts.ErrNoCommitment) {
			continue
		} else if err != nil {
			return nil, err
		}
		up, err := participant.ProveUse(h.DataDir, s.Ledger().ChainID().Uint64(), s.Ledger().Address(), studyID, round, h.Address, patient, ids)
		if errors.Is(err, participant.ErrNoRoundRecord) {
			continue // committed on chain a moment ago; its node writes the record first, so this is a race with a round in progress
		}
		if err != nil {
			return nil, err
		}
		out = append(out, up)
	}
	return out, nil
}
