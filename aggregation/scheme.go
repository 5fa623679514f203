package aggregation

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/he/hefloat"
	"github.com/tuneinsight/lattigo/v5/ring"
	"github.com/tuneinsight/lattigo/v5/utils/sampling"
)

// Scheme holds validated CKKS parameters and the read-only precomputations
// shared by every operation. It is immutable after NewScheme and safe for
// concurrent use: each method allocates its own encoders, samplers and
// buffers.
type Scheme struct {
	cfg        Config
	params     hefloat.Parameters
	encoder    *hefloat.Encoder // template; only ShallowCopy is called on it
	paramsHash common.Hash
	maxAbs     float64               // largest |value| accepted by Encrypt
	smudging   ring.DiscreteGaussian // per-party decryption noise
	zeroKey    *rlwe.SecretKey       // target of the collective key switch
	weightMod  *big.Int              // q_top: weights are encoded as round(w*q_top)
	weightModF *big.Float            // weightMod as a float
}

// NewScheme validates cfg and builds the CKKS parameters. It returns an error
// wrapping ErrInvalidConfig or ErrInsecureConfig if cfg is unusable.
func NewScheme(cfg Config) (*Scheme, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg.LogQ = append([]int(nil), cfg.LogQ...)
	cfg.LogP = append([]int(nil), cfg.LogP...)
	params, err := hefloat.NewParametersFromLiteral(hefloat.ParametersLiteral{
		LogN:            cfg.LogN,
		LogQ:            cfg.LogQ,
		LogP:            cfg.LogP,
		LogDefaultScale: cfg.LogDefaultScale,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: lattigo refused the parameters: %v", ErrInvalidConfig, err)
	}
	top := params.Q()[params.MaxLevel()]
	s := &Scheme{
		cfg:        cfg,
		params:     params,
		encoder:    hefloat.NewEncoder(params),
		paramsHash: fingerprint(params),
		maxAbs:     math.Exp2(float64(cfg.LogQ[0]-cfg.LogDefaultScale) - 2),
		smudging:   ring.DiscreteGaussian{Sigma: cfg.SmudgingSigma, Bound: 6 * cfg.SmudgingSigma},
		zeroKey:    rlwe.NewSecretKey(params),
		weightMod:  new(big.Int).SetUint64(top),
		weightModF: new(big.Float).SetPrec(256).SetUint64(top),
	}
	return s, nil
}

// fingerprint is a Keccak-256 digest of the parameters that determine
// compatibility: ring degree, moduli and scale.
func fingerprint(p hefloat.Parameters) common.Hash {
	buf := []byte("cohort/aggregation/params/v1")
	buf = binary.BigEndian.AppendUint64(buf, uint64(p.LogN()))
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(p.Q())))
	for _, q := range p.Q() {
		buf = binary.BigEndian.AppendUint64(buf, q)
	}
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(p.P())))
	for _, q := range p.P() {
		buf = binary.BigEndian.AppendUint64(buf, q)
	}
	buf = binary.BigEndian.AppendUint64(buf, uint64(p.LogDefaultScale()))
	return crypto.Keccak256Hash(buf)
}

// Config returns a copy of the configuration the Scheme was built from.
func (s *Scheme) Config() Config {
	c := s.cfg
	c.LogQ = append([]int(nil), c.LogQ...)
	c.LogP = append([]int(nil), c.LogP...)
	return c
}

// Parameters returns the underlying Lattigo parameters, for code in this
// module that evaluates further circuits (robust scoring).
func (s *Scheme) Parameters() hefloat.Parameters { return s.params }

// ParamsHash returns the fingerprint that every serialised value of this
// Scheme carries; values with another fingerprint are refused.
func (s *Scheme) ParamsHash() common.Hash { return s.paramsHash }

// Slots returns the number of real values packed into one ciphertext (N/2).
func (s *Scheme) Slots() int { return s.params.MaxSlots() }

// MaxAbsValue returns the largest magnitude Encrypt accepts, 2^(LogQ[0] -
// LogDefaultScale - 2). The same bound applies to every entry of a weighted
// sum, because the result is decrypted at level 0.
func (s *Scheme) MaxAbsValue() float64 { return s.maxAbs }

// CommonSeed derives a 32-byte common reference string seed from public data
// (for example a study id and a chain value) as
//
//	keccak256("cohort/aggregation/crs/v1" || len(p1) || p1 || len(p2) || p2 ...)
//
// with each length a big-endian uint64, so that distinct part lists never
// collide by concatenation. All parties derive the same seed.
func CommonSeed(parts ...[]byte) [32]byte {
	buf := []byte("cohort/aggregation/crs/v1")
	for _, p := range parts {
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(p)))
		buf = append(buf, p...)
	}
	return crypto.Keccak256Hash(buf)
}

// crsPRNG returns the deterministic PRNG for one protocol, domain-separated
// by label so that different protocols never share a common polynomial.
func crsPRNG(crs [32]byte, label string) (sampling.PRNG, error) {
	key := append(crs[:], []byte("/"+label)...)
	prng, err := sampling.NewKeyedPRNG(key)
	if err != nil {
		return nil, fmt.Errorf("aggregation: keyed PRNG for %q: %w", label, err)
	}
	return prng, nil
}
