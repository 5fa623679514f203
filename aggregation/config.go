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
	// LogN is log2 of the ring degree N. A ciphertext holds N real values,
	// one per polynomial coefficient (coefficient encoding).
	LogN int `json:"log_n"`
	// LogQ lists the bit sizes of the ciphertext moduli q0, q1, ...; fresh
	// ciphertexts live at the top level len(LogQ)-1 and the weighted sum
	// divides by the last prime, so aggregates live modulo q0···q(L-1).
	// The last prime is the weight (and scoring-reference) precision.
	LogQ []int `json:"log_q"`
	// LogP lists the bit sizes of the auxiliary key-switching moduli.
	LogP []int `json:"log_p"`
	// LogDefaultScale is log2 of the scale Δ at which values are encoded. It
	// may exceed a single prime: it must leave LogQ[0]+...+LogQ[L-2] -
	// LogDefaultScale >= 5 bits of headroom for the aggregate.
	LogDefaultScale int `json:"log_default_scale"`
	// SmudgingSigma is the standard deviation of the Gaussian noise each
	// party adds to every coefficient of its decryption share (noise
	// flooding). See doc.go for how it sets the statistical security and,
	// with the scale, the precision.
	SmudgingSigma float64 `json:"smudging_sigma"`
}

// DefaultConfig returns the documented default: N = 2^14 (16384 values per
// ciphertext), q = [48, 48, 30] bits, p = [61] bits, Δ = 2^82 and a smudging
// sigma of 2^58 per party. log2(QP) = 187 is far below the 438-bit bound of
// the HE standard for 128-bit security at N = 2^14. A fresh update costs
// 2·126 bits = 31.5 bytes per value on the wire; an aggregate 24 bytes. The
// package documentation explains each choice.
func DefaultConfig() Config {
	return Config{
		LogN:            14,
		LogQ:            []int{48, 48, 30},
		LogP:            []int{61},
		LogDefaultScale: 82,
		SmudgingSigma:   1 << 58,
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

// minHeadroomBits is the smallest accepted gap between the aggregate
// modulus and Δ: values up to about ±2^(headroom-2) can be aggregated.
const minHeadroomBits = 5

// maxLogSigma bounds the smudging sigma so that 8σ fits an int64 sample.
const maxLogSigma = 59

// validate checks the Config against the supported ranges and the 128-bit
// security table.
func (c Config) validate() error {
	maxQP, ok := maxLogQPFor128[c.LogN]
	if !ok {
		return fmt.Errorf("%w: LogN is %d, want 12..16", ErrInvalidConfig, c.LogN)
	}
	if len(c.LogQ) < 2 {
		return fmt.Errorf("%w: LogQ has %d moduli, want at least 2 (the weighted sum divides by the last one)", ErrInvalidConfig, len(c.LogQ))
	}
	if len(c.LogP) < 1 {
		return fmt.Errorf("%w: LogP is empty, want at least one key-switching modulus", ErrInvalidConfig)
	}
	total, agg := 0, 0
	for i, b := range c.LogQ {
		if b < 20 || b > 60 {
			return fmt.Errorf("%w: LogQ[%d] is %d bits, want 20..60", ErrInvalidConfig, i, b)
		}
		total += b
		if i < len(c.LogQ)-1 {
			agg += b
		}
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
	if c.LogDefaultScale < 20 || c.LogDefaultScale+minHeadroomBits > agg {
		return fmt.Errorf("%w: LogDefaultScale is %d, want 20..%d (the aggregate modulus LogQ[0..L-2] is %d bits and needs %d bits of headroom)", ErrInvalidConfig, c.LogDefaultScale, agg-minHeadroomBits, agg, minHeadroomBits)
	}
	if math.IsNaN(c.SmudgingSigma) || math.IsInf(c.SmudgingSigma, 0) || c.SmudgingSigma < 3.2 {
		return fmt.Errorf("%w: SmudgingSigma is %v, want a finite value >= 3.2", ErrInvalidConfig, c.SmudgingSigma)
	}
	if ls := math.Log2(c.SmudgingSigma); ls > maxLogSigma || ls > float64(c.LogDefaultScale)-10 {
		return fmt.Errorf("%w: SmudgingSigma 2^%.1f is too large; keep it below 2^%d and below the scale 2^%d divided by 2^10", ErrInvalidConfig, ls, maxLogSigma, c.LogDefaultScale)
	}
	return nil
}
