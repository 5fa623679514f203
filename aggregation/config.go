package aggregation

import (
	"fmt"
	"math"
)

// Config is the raw, unvalidated description of the CKKS parameters and of
// the decryption smudging noise. NewScheme validates it once. Field meanings
// follow Lattigo's hefloat.ParametersLiteral; the secret distribution
// (uniform ternary) and error distribution (discrete Gaussian, sigma 3.2) are
// Lattigo's defaults and are not configurable, because the security table
// used by NewScheme assumes them.
//
// All parties of a study must use byte-identical Configs: every serialised
// value carries a fingerprint of the parameters and is refused under others.
type Config struct {
	// LogN is log2 of the ring degree N. A ciphertext holds N/2 real values.
	LogN int `json:"log_n"`
	// LogQ lists the bit sizes of the ciphertext moduli q0, q1, ...; fresh
	// ciphertexts live at the top level len(LogQ)-1. At least two primes are
	// required: the weighted sum consumes one level.
	LogQ []int `json:"log_q"`
	// LogP lists the bit sizes of the auxiliary key-switching moduli.
	LogP []int `json:"log_p"`
	// LogDefaultScale is log2 of the CKKS scale Δ at which values are encoded.
	LogDefaultScale int `json:"log_default_scale"`
	// SmudgingSigma is the standard deviation of the discrete Gaussian noise
	// each party adds to its decryption share (noise flooding). See doc.go
	// for how it trades statistical security against precision.
	SmudgingSigma float64 `json:"smudging_sigma"`
}

// DefaultConfig returns the documented default: N = 2^14 (8192 values per
// ciphertext), q = [60, 50] bits, p = [61] bits, Δ = 2^50 and a smudging
// sigma of 2^21 per party. log2(QP) = 171 is far below the 438-bit bound of
// the HE standard for 128-bit security at N = 2^14. The package
// documentation explains each choice.
func DefaultConfig() Config {
	return Config{
		LogN:            14,
		LogQ:            []int{60, 50},
		LogP:            []int{61},
		LogDefaultScale: 50,
		SmudgingSigma:   1 << 21,
	}
}

// maxLogQPFor128 is the largest log2(QP) giving 128-bit classical security
// for a uniform ternary secret and sigma = 3.2, from the Homomorphic
// Encryption Standard (Albrecht et al., 2018, table 1), as also used by
// Lattigo.
var maxLogQPFor128 = map[int]int{
	12: 109,
	13: 218,
	14: 438,
	15: 881,
	16: 1761,
}

// minHeadroomBits is the smallest accepted gap between q0 and Δ: values up
// to about ±2^(headroom-2) can be encrypted and aggregated.
const minHeadroomBits = 5

// validate checks the Config against the supported ranges and the 128-bit
// security table.
func (c Config) validate() error {
	maxQP, ok := maxLogQPFor128[c.LogN]
	if !ok {
		return fmt.Errorf("%w: LogN is %d, want 12..16", ErrInvalidConfig, c.LogN)
	}
	if len(c.LogQ) < 2 {
		return fmt.Errorf("%w: LogQ has %d moduli, want at least 2 (one level is consumed by the weighted sum)", ErrInvalidConfig, len(c.LogQ))
	}
	if len(c.LogP) < 1 {
		return fmt.Errorf("%w: LogP is empty, want at least one key-switching modulus", ErrInvalidConfig)
	}
	total := 0
	for i, b := range c.LogQ {
		if b < 20 || b > 61 {
			return fmt.Errorf("%w: LogQ[%d] is %d bits, want 20..61", ErrInvalidConfig, i, b)
		}
		total += b
	}
	for i, b := range c.LogP {
		if b < 20 || b > 61 {
			return fmt.Errorf("%w: LogP[%d] is %d bits, want 20..61", ErrInvalidConfig, i, b)
		}
		total += b
	}
	if total > maxQP {
		return fmt.Errorf("%w: log2(QP) is %d bits but at most %d are allowed for LogN %d; raise LogN or shrink the moduli", ErrInsecureConfig, total, maxQP, c.LogN)
	}
	if c.LogDefaultScale < 20 || c.LogDefaultScale+minHeadroomBits > c.LogQ[0] {
		return fmt.Errorf("%w: LogDefaultScale is %d, want 20..LogQ[0]-%d (%d)", ErrInvalidConfig, c.LogDefaultScale, minHeadroomBits, c.LogQ[0]-minHeadroomBits)
	}
	if math.IsNaN(c.SmudgingSigma) || math.IsInf(c.SmudgingSigma, 0) || c.SmudgingSigma < 3.2 {
		return fmt.Errorf("%w: SmudgingSigma is %v, want a finite value >= 3.2", ErrInvalidConfig, c.SmudgingSigma)
	}
	if math.Log2(c.SmudgingSigma) > float64(c.LogDefaultScale)-10 {
		return fmt.Errorf("%w: SmudgingSigma 2^%.1f would swamp the scale 2^%d; keep it below 2^%d", ErrInvalidConfig, math.Log2(c.SmudgingSigma), c.LogDefaultScale, c.LogDefaultScale-10)
	}
	return nil
}
