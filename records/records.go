package records

import (
	"errors"
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
	// Label is the outcome, 0 or 1.
	Label float64 `json:"label"`
}

// Site is one hospital's records.
type Site struct {
	// Name identifies the site, such as "site2".
	Name string `json:"name"`
	// Train holds the records available for training, Test the held-out
	// records for evaluation only.
	Train []Record `json:"train"`
	Test  []Record `json:"test"`
	// Consent maps every patient id of Train and Test to whether the patient
	// consents to the study.
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
