package participant

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// UseProofFormat names the version of a UseProof.
const UseProofFormat = "cohort-use-proof/v1"

// UseProof is what a hospital hands a patient who asks whether their
// records were used in a round of a study: one Merkle proof per record the
// hospital holds for the patient, each proving inclusion in, or exclusion
// from, the set of record ids whose consent root the hospital committed on
// chain for that round. The patient checks it against the chain with
// Verify, without trusting the hospital for anything but the list of their
// record ids. It is a plain value, safe for concurrent reads.
type UseProof struct {
	Format   string         `json:"format"`
	ChainID  uint64         `json:"chain_id"`
	Contract common.Address `json:"contract"`
	StudyID  uint64         `json:"study_id"`
	Round    uint32         `json:"round"`
	// Hospital is the participant whose commitment the proofs refer to.
	Hospital common.Address `json:"hospital"`
	// Patient is the patient's pseudonymous ledger id.
	Patient common.Hash `json:"patient"`
	// Records holds one proof per record id of the patient at the hospital.
	Records []records.Proof `json:"records"`
}

// RecordUse says whether one record was used in the round.
type RecordUse struct {
	ID   string `json:"id"`
	Used bool   `json:"used"`
}

// ErrProofMismatch reports a UseProof that does not hold against the chain.
var ErrProofMismatch = errors.New("participant: use proof does not hold against the chain")

// ProveUse builds a UseProof for the patient's records recordIDs from what
// the node kept in dataDir for the round (see ProveConsentUse).
func ProveUse(dataDir string, chainID uint64, contract common.Address, studyID uint64, round uint32, hospital common.Address, patient common.Hash, recordIDs []string) (UseProof, error) {
	if len(recordIDs) == 0 {
		return UseProof{}, fmt.Errorf("participant: no record of patient %s to prove", patient.Hex())
	}
	p := UseProof{
		Format: UseProofFormat, ChainID: chainID, Contract: contract, StudyID: studyID, Round: round,
		Hospital: hospital, Patient: patient,
	}
	for _, id := range recordIDs {
		proof, err := ProveConsentUse(dataDir, round, id)
		if err != nil {
			return UseProof{}, err
		}
		p.Records = append(p.Records, proof)
	}
	return p, nil
}

// Verify checks every proof against the consent root the hospital committed
// on chain for the round (read from ledger, which must be the proof's
// contract) and returns, per record, whether it was used. It fails with an
// error wrapping ErrProofMismatch when a proof does not lead to that root,
// or when the proof names another contract or no record.
func (p UseProof) Verify(ctx context.Context, ledger *contracts.Ledger) ([]RecordUse, error) {
	if p.Format != UseProofFormat {
		return nil, fmt.Errorf("%w: format %q, want %q", ErrProofMismatch, p.Format, UseProofFormat)
	}
	if p.Contract != ledger.Address() {
		return nil, fmt.Errorf("%w: the proof is for contract %s, not %s", ErrProofMismatch, p.Contract.Hex(), ledger.Address().Hex())
	}
	if len(p.Records) == 0 {
		return nil, fmt.Errorf("%w: the proof holds no record", ErrProofMismatch)
	}
	c, err := ledger.Commitment(ctx, p.StudyID, p.Round, p.Hospital)
	if err != nil {
		return nil, err
	}
	uses := make([]RecordUse, len(p.Records))
	for i, rp := range p.Records {
		if err := rp.Verify(c.ConsentRoot); err != nil {
			return nil, fmt.Errorf("%w: record %q against hospital %s's consent root %s of round %d: %w",
				ErrProofMismatch, rp.ID, p.Hospital.Hex(), c.ConsentRoot.Hex(), p.Round, err)
		}
		uses[i] = RecordUse{ID: rp.ID, Used: rp.Included}
	}
	return uses, nil
}
