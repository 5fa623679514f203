package records

import (
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ethereum/go-ethereum/crypto"
)

// TestFraction is the share of each synthetic site's records held out in
// Site.Test (rounded, at least one record).
const TestFraction = 0.2

// Limits of SyntheticConfig, to keep a typo from exhausting memory.
const (
	MaxSyntheticSites    = 1000
	MaxSyntheticFeatures = 4096
	MaxSyntheticRecords  = 1_000_000
	// MinSyntheticRecords is the smallest site: enough for a train and a
	// test record.
	MinSyntheticRecords = 5
)

// Shape of the synthetic generator; see the package doc.
const (
	// signal is ‖w‖ of the ground-truth model: the sd of the logit over
	// standardised features. 4 gives a Bayes accuracy of about 0.9.
	signal = 4.0
	// alongShift bounds the per-site mean shift along ŵ, which sets the
	// site's label balance (prevalence roughly 0.3 to 0.7).
	alongShift = 0.35
	// noiseShift is the sd of the per-site, per-feature mean shift.
	noiseShift = 0.3
	// scaleSpread bounds the per-site, per-feature scale to 1 ± scaleSpread.
	scaleSpread = 0.15
)

// PCG streams so that the ground truth and each site draw independently.
const (
	truthStream = 0x7265632d74727574 // "rec-trut"
	siteStream  = 0x7265632d73697465 // "rec-site"
)

// SyntheticConfig describes a synthetic multi-site cohort.
type SyntheticConfig struct {
	// Sites is the number of hospitals.
	Sites int `json:"sites"`
	// Features is the number of features per record.
	Features int `json:"features"`
	// Seed makes the cohort reproducible.
	Seed int64 `json:"seed"`
	// ConsentRate is the probability that a patient consents, in [0, 1].
	ConsentRate float64 `json:"consent_rate"`
	// MinRecords and MaxRecords bound the records per site (Train and Test
	// together); sizes are spread over the range.
	MinRecords int `json:"min_records"`
	MaxRecords int `json:"max_records"`
}

// DefaultSyntheticConfig returns 4 sites of 150–600 records with 8 features
// and a consent rate of 0.85.
func DefaultSyntheticConfig() SyntheticConfig {
	return SyntheticConfig{Sites: 4, Features: 8, Seed: 1, ConsentRate: 0.85, MinRecords: 150, MaxRecords: 600}
}

// Validate reports whether c can generate a cohort, wrapping
// ErrInvalidConfig with the reason.
func (c SyntheticConfig) Validate() error {
	switch {
	case c.Sites < 1 || c.Sites > MaxSyntheticSites:
		return fmt.Errorf("%w: sites is %d, want 1..%d", ErrInvalidConfig, c.Sites, MaxSyntheticSites)
	case c.Features < 1 || c.Features > MaxSyntheticFeatures:
		return fmt.Errorf("%w: features is %d, want 1..%d", ErrInvalidConfig, c.Features, MaxSyntheticFeatures)
	case !(c.ConsentRate >= 0 && c.ConsentRate <= 1):
		return fmt.Errorf("%w: consent_rate is %v, want a value in [0, 1]", ErrInvalidConfig, c.ConsentRate)
	case c.MinRecords < MinSyntheticRecords:
		return fmt.Errorf("%w: min_records is %d, want at least %d (a site needs train and test records)", ErrInvalidConfig, c.MinRecords, MinSyntheticRecords)
	case c.MaxRecords < c.MinRecords || c.MaxRecords > MaxSyntheticRecords:
		return fmt.Errorf("%w: max_records is %d, want %d..%d (at least min_records)", ErrInvalidConfig, c.MaxRecords, c.MinRecords, MaxSyntheticRecords)
	case int64(c.Sites)*int64(c.MaxRecords)*int64(c.Features) > 1<<28:
		return fmt.Errorf("%w: sites × max_records × features is too large (limit %d values); generate a smaller cohort", ErrInvalidConfig, 1<<28)
	}
	return nil
}

// Synthetic generates the cohort described by cfg: cfg.Sites sites named
// "site0", "site1", … whose records are drawn from one shared logistic
// ground truth under per-site covariate shift (see the package doc). The
// result is a deterministic function of cfg.
func Synthetic(cfg SyntheticConfig) ([]Site, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	truth := rand.New(rand.NewPCG(uint64(cfg.Seed), truthStream))

	// Ground truth: w with ‖w‖ = signal, b = 0.
	w := make([]float64, cfg.Features)
	norm := 0.0
	for j := range w {
		w[j] = truth.NormFloat64()
		norm += w[j] * w[j]
	}
	norm = math.Sqrt(norm)
	if norm == 0 {
		w[0], norm = 1, 1
	}
	unit := make([]float64, len(w))
	for j := range w {
		unit[j] = w[j] / norm
		w[j] = unit[j] * signal
	}

	// Stratified site sizes and along-w shifts, in random site order, so that
	// sites differ by construction.
	sizeRank := truth.Perm(cfg.Sites)
	shiftRank := truth.Perm(cfg.Sites)
	// Pooled feature variance ≈ 1 + noiseShift² + scale and along-w
	// spread; dividing by its root keeps features roughly standardised.
	pooledSD := math.Sqrt(1 + noiseShift*noiseShift + scaleSpread*scaleSpread/3 + alongShift*alongShift/3/float64(cfg.Features))

	sites := make([]Site, cfg.Sites)
	for s := range sites {
		rng := rand.New(rand.NewPCG(uint64(cfg.Seed), siteStream+uint64(s)))
		u := (float64(sizeRank[s]) + rng.Float64()) / float64(cfg.Sites)
		n := cfg.MinRecords + int(math.Round(u*float64(cfg.MaxRecords-cfg.MinRecords)))
		along := alongShift * (2*(float64(shiftRank[s])+rng.Float64())/float64(cfg.Sites) - 1)

		mean := make([]float64, cfg.Features)
		scale := make([]float64, cfg.Features)
		for j := range mean {
			mean[j] = along*unit[j] + noiseShift*rng.NormFloat64()
			scale[j] = 1 + scaleSpread*(2*rng.Float64()-1)
		}

		name := fmt.Sprintf("site%d", s)
		recs := make([]Record, n)
		consent := make(map[string]bool, n)
		for i := range recs {
			x := make([]float64, cfg.Features)
			z := 0.0
			for j := range x {
				x[j] = (mean[j] + scale[j]*rng.NormFloat64()) / pooledSD
				z += w[j] * x[j]
			}
			label := 0.0
			if rng.Float64() < sigmoid(z) {
				label = 1
			}
			id := fmt.Sprintf("%s-%06d", name, i)
			key, err := SyntheticPatientKey(cfg.Seed, id)
			if err != nil {
				return nil, err
			}
			recs[i] = Record{ID: id, Features: x, Label: label, Patient: PatientID(crypto.PubkeyToAddress(key.PublicKey))}
			consent[id] = rng.Float64() < cfg.ConsentRate
		}
		nTest := max(1, int(math.Round(TestFraction*float64(n))))
		nTrain := n - nTest
		sites[s] = Site{Name: name, Train: recs[:nTrain:nTrain], Test: recs[nTrain:], Consent: consent}
	}
	return sites, nil
}

// syntheticKeyTag separates synthetic patient keys from any other use of
// the hash.
const syntheticKeyTag = "cohort/synthetic-patient-key/v1"

// SyntheticPatientKey returns the consent key of the synthetic patient whose
// record id is recordID in the cohort generated with seed:
// keccak256(tag ‖ uint64-big-endian(seed) ‖ recordID ‖ counter) taken as a
// secp256k1 scalar, with the one-byte counter starting at 0 and raised in the
// negligible case that the hash is not a valid key. Synthetic sets each
// record's Patient to PatientID of this key's address, so that a
// demonstration can sign real EIP-712 consent grants and revocations for its
// patients.
//
// The key is TEST DATA ONLY: anyone who knows the seed and a record id can
// derive it and sign consent in that patient's name. Real patients generate
// their keys at random and keep them to themselves.
func SyntheticPatientKey(seed int64, recordID string) (*ecdsa.PrivateKey, error) {
	if recordID == "" {
		return nil, fmt.Errorf("%w: give the record id of the synthetic patient", ErrEmptyID)
	}
	msg := make([]byte, 0, len(syntheticKeyTag)+8+len(recordID)+1)
	msg = append(msg, syntheticKeyTag...)
	msg = binary.BigEndian.AppendUint64(msg, uint64(seed))
	msg = append(msg, recordID...)
	var err error
	for counter := range 256 {
		var key *ecdsa.PrivateKey
		if key, err = crypto.ToECDSA(crypto.Keccak256(msg, []byte{byte(counter)})); err == nil {
			return key, nil
		}
	}
	return nil, fmt.Errorf("records: no valid synthetic key for record %q: %w", recordID, err)
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
