package records

import (
	"errors"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// ErrInvalidConfig reports an unusable SyntheticConfig.
var ErrInvalidConfig = errors.New("records: invalid synthetic config")

// Record is one patient's record at a site.
type Record struct {
	// ID is a pseudonymous patient id, unique across a cohort, such as
	// "site2-000123". It carries no identifying information.
	ID string `json:"id"`
	// Features are the record's encoded features (see Schema), roughly
	// standardised once a Standardiser has been applied. LoadCSV returns
	// raw values, with NaN for a missing value kept for imputation.
	Features []float64 `json:"features"`
	// Label is the outcome, 0 or 1; for a survival outcome, 1 when the
	// event was observed and 0 when the record is censored.
	Label float64 `json:"label"`
	// Time is a survival outcome's time to the event or to the last
	// follow-up (censoring); zero for other outcomes.
	Time float64 `json:"time,omitempty"`
	// Patient is the patient's pseudonymous id on the consent ledger,
	// PatientID of the address of the key the patient signs consent with;
	// zero when unknown. Several records may share a patient. A participant
	// that reads consent from the chain never uses a record whose Patient is
	// zero.
	Patient common.Hash `json:"patient,omitzero"`
	// MaxEpsilon is the largest differential-privacy ε the patient accepts
	// for a study trained on this record (their consent's stricter bound);
	// zero means no bound beyond the study's own budget. See
	// WithinPrivacyBound. A participant reading consent from the chain sets
	// it from the patient's signed grant.
	MaxEpsilon float64 `json:"max_epsilon,omitempty"`
}

// patientIDTag prefixes the address in PatientID; it must match the
// contracts package and the Cohort contract.
const patientIDTag = "cohort/patient/v1"

// PatientID returns the pseudonymous id of the patient whose consent key has
// the given address: keccak256("cohort/patient/v1" ‖ address), the id the
// Cohort contract records consent under. It is computed here rather than
// imported so that records stays free of the chain client; a test checks
// that it equals contracts.PatientID.
func PatientID(signer common.Address) common.Hash {
	return crypto.Keccak256Hash([]byte(patientIDTag), signer.Bytes())
}

// Site is one hospital's records.
type Site struct {
	// Name identifies the site, such as "site2".
	Name string `json:"name"`
	// Train holds the records available for training, Test the held-out
	// records for evaluation only.
	Train []Record `json:"train"`
	Test  []Record `json:"test"`
	// Consent maps every record id of Train and Test to whether the patient
	// consents to the study, as the hospital's own files say. It is the
	// consent source when the ledger is not (see Record.Patient); for
	// synthetic cohorts it is each patient's intention, which the demo turns
	// into signed grants on chain.
	Consent map[string]bool `json:"consent"`
}

// Consents reports whether the patient with id consents; ids unknown to the
// site do not (fail closed). It can be passed to ConsentedOnly.
func (s Site) Consents(id string) bool { return s.Consent[id] }

// ConsentedOnly returns, in order, the records whose patient consents. A nil
// consent function admits no record. The returned slice shares no backing
// array with recs but its Records share their Features slices.
func ConsentedOnly(recs []Record, consent func(id string) bool) []Record {
	out := make([]Record, 0, len(recs))
	if consent == nil {
		return out
	}
	for _, r := range recs {
		if consent(r.ID) {
			out = append(out, r)
		}
	}
	return out
}

// PatientIDs returns the distinct non-zero patient ids of recs, in order of
// first appearance: the list to ask the ledger about.
func PatientIDs(recs []Record) []common.Hash {
	seen := make(map[common.Hash]bool, len(recs))
	ids := make([]common.Hash, 0, len(recs))
	for _, r := range recs {
		if r.Patient != (common.Hash{}) && !seen[r.Patient] {
			seen[r.Patient] = true
			ids = append(ids, r.Patient)
		}
	}
	return ids
}

// PatientsOnly returns, in order, the records whose patient is in active: a
// record whose Patient is zero, or absent from active or false in it, is
// left out (fail closed). Like ConsentedOnly, the result shares Features
// with recs.
func PatientsOnly(recs []Record, active map[common.Hash]bool) []Record {
	out := make([]Record, 0, len(recs))
	for _, r := range recs {
		if r.Patient != (common.Hash{}) && active[r.Patient] {
			out = append(out, r)
		}
	}
	return out
}

// WithinPrivacyBound returns, in order, the records that may be trained on
// in a round after which a trained-on record's ε is spent: those without a
// bound (MaxEpsilon zero) and those whose bound spent does not exceed. A
// record over its bound is left out like one whose consent was revoked.
// Like ConsentedOnly, the result shares Features with recs.
func WithinPrivacyBound(recs []Record, spent float64) []Record {
	out := make([]Record, 0, len(recs))
	for _, r := range recs {
		if r.MaxEpsilon == 0 || spent <= r.MaxEpsilon {
			out = append(out, r)
		}
	}
	return out
}

// IDs returns the ids of recs, in order.
func IDs(recs []Record) []string {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	return ids
}

// Matrix returns the feature rows and labels of recs, in order, as the
// models package expects them. The rows are copies: modifying X does not
// modify recs.
func Matrix(recs []Record) (X [][]float64, y []float64) {
	X = make([][]float64, len(recs))
	y = make([]float64, len(recs))
	for i, r := range recs {
		X[i] = append([]float64(nil), r.Features...)
		y[i] = r.Label
	}
	return X, y
}

// Times returns the survival times of recs, in order, matching the rows of
// Matrix.
func Times(recs []Record) []float64 {
	t := make([]float64, len(recs))
	for i, r := range recs {
		t[i] = r.Time
	}
	return t
}
