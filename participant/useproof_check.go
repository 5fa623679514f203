package participant

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/renameio/v2"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// maxUseProofBytes bounds a proof file a patient is handed.
const maxUseProofBytes = 16 << 20

// ReadUseProof reads a proof file a hospital handed to a patient.
func ReadUseProof(path string) (UseProof, error) {
	b, err := models.ReadFileLimited(path, maxUseProofBytes)
	if err != nil {
		return UseProof{}, err
	}
	var p UseProof
	if err := json.Unmarshal(b, &p); err != nil {
		return UseProof{}, fmt.Errorf("%s is not a proof file: %w", path, err)
	}
	return p, nil
}

// Write writes the proof file that ReadUseProof reads, for the hospital
// to hand to the patient.
func (p UseProof) Write(path string) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write proof: %w", err)
	}
	return nil
}

// WriteUses prints one line per record: whether it was used in the round.
func WriteUses(w io.Writer, uses []RecordUse, round uint32) {
	for _, u := range uses {
		if u.Used {
			fmt.Fprintf(w, "  record %s: USED in round %d\n", u.ID, round)
		} else {
			fmt.Fprintf(w, "  record %s: not used in round %d\n", u.ID, round)
		}
	}
}

// VerifiedUse is a use proof checked against the chain, with the patient's
// consent as the round opened (what `cohort consent verify-proof --json`
// prints).
type VerifiedUse struct {
	UseProof
	Verified bool        `json:"verified"`
	Uses     []RecordUse `json:"uses"`
	// ConsentAsOfRound is the patient's consent state as the round opened.
	ConsentAsOfRound string `json:"consent_as_of_round,omitempty"`
	// ConsentMaxEpsilon is the ε bound of that consent's deciding grant (0:
	// none), a reason a record with active consent was not used.
	ConsentMaxEpsilon float64 `json:"consent_max_epsilon,omitempty"`
	// RoundStatus is the round's state on chain: "closed" (its model is
	// published), "open" (none yet) or "abandoned" (none ever: a record
	// used in it went into no published model).
	RoundStatus string `json:"round_status"`
}

// WriteText prints what `cohort consent verify-proof` tells the patient:
// the proof checked, each record's use in the round, whether the round
// published a model (not if abandoned or still open), the patient's consent
// as the round opened and, for a bounded grant, that the bound leaves
// records out, so that "not used" beside "active" is explained.
func (v *VerifiedUse) WriteText(w io.Writer) {
	fmt.Fprintf(w, "proof verified against the chain: study %d round %d, hospital %s's committed consent root\n", v.StudyID, v.Round, v.Hospital.Hex())
	WriteUses(w, v.Uses, v.Round)
	switch v.RoundStatus {
	case "abandoned":
		fmt.Fprintf(w, "round %d was abandoned on chain: the hospital's update of it went into no published model\n", v.Round)
	case "open":
		fmt.Fprintf(w, "round %d is still open: no model of it is published yet\n", v.Round)
	}
	if v.ConsentAsOfRound == "" {
		return
	}
	fmt.Fprintf(w, "your consent to study %d as the round opened: %s\n", v.StudyID, v.ConsentAsOfRound)
	if v.ConsentMaxEpsilon > 0 {
		fmt.Fprintf(w, "your grant bounds the study's differential-privacy ε at %.2f: a hospital leaves your records out of every round after which the study's ε would pass it, and out of every round of a study without differential privacy (cohort study show prints the ε spent per round)\n", v.ConsentMaxEpsilon)
	}
}

// CheckUseProof checks, for a patient, a hospital's proof against the
// chain: the consent root the hospital committed for the round, and the
// patient's consent as of that round. It trusts the hospital for nothing.
func CheckUseProof(ctx context.Context, ledger *contracts.Ledger, p UseProof) (*VerifiedUse, error) {
	if id := ledger.ChainID().Uint64(); id != p.ChainID {
		return nil, fmt.Errorf("the proof is for chain %d, this endpoint serves chain %d", p.ChainID, id)
	}
	uses, err := p.Verify(ctx, ledger)
	if err != nil {
		return nil, fmt.Errorf("the proof FAILED against the chain: %w", err)
	}
	res := &VerifiedUse{UseProof: p, Verified: true, Uses: uses}
	r, err := ledger.Round(ctx, p.StudyID, p.Round)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Abandoned:
		res.RoundStatus = "abandoned"
	case r.Open:
		res.RoundStatus = "open"
	default:
		res.RoundStatus = "closed"
	}
	if p.Patient != (common.Hash{}) {
		st, err := ledger.ConsentStatus(ctx, p.Patient, p.StudyID, p.Round)
		if err != nil {
			return nil, err
		}
		res.ConsentAsOfRound = st.State.String()
		res.ConsentMaxEpsilon = st.Record.MaxEpsilon
	}
	return res, nil
}

// UsedWithoutConsent reports whether a record was used in the round while
// the patient's consent was not active: the chain then holds the
// hospital's commitment as evidence.
func (v *VerifiedUse) UsedWithoutConsent() bool {
	if v.ConsentAsOfRound == "" || v.ConsentAsOfRound == contracts.ConsentActive.String() {
		return false
	}
	for _, u := range v.Uses {
		if u.Used {
			return true
		}
	}
	return false
}
