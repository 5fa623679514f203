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
// concurrent use: each method allocates its own samplers and buffers.
type Scheme struct {
	cfg        Config
	params     hefloat.Parameters
	paramsHash common.Hash
	logScale   int             // log2 Δ
	maxAbs     float64         // largest |value| accepted by Encrypt
	sigma      float64         // per-party smudging standard deviation
	zeroKey    *rlwe.SecretKey // target of the collective key switch
	weightMod  *big.Int        // q_top: weights are encoded as round(w*q_top)
	weightModF *big.Float      // weightMod as a float

	// Encoding: v ↦ round(v·2^encBits)·2^(logScale-encBits) mod q_i.
	encBits int
	encPow  []uint64 // 2^(logScale-encBits) mod q_i, Montgomery form
	// Decoding (Garner CRT): garner[j][k] = q0···q(k-1) mod q_j (k < j) and
	// garnerInv[j] = (q0···q(j-1))^-1 mod q_j, both in Montgomery form.
	garner    [][]uint64
	garnerInv []uint64
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
		LogDefaultScale: cfg.LogQ[len(cfg.LogQ)-1], // scale of plaintext weights and references
	})
	if err != nil {
		return nil, fmt.Errorf("%w: lattigo refused the parameters: %v", ErrInvalidConfig, err)
	}
	moduli := params.Q()
	top := moduli[params.MaxLevel()]
	aggBits := 0.0
	for _, q := range moduli[:params.MaxLevel()] {
		aggBits += math.Log2(float64(q))
	}
	headroom := math.Floor(aggBits) - float64(cfg.LogDefaultScale)
	if headroom < minHeadroomBits {
		return nil, fmt.Errorf("%w: the generated primes leave only %.0f bits of headroom above the scale; lower LogDefaultScale", ErrInvalidConfig, headroom)
	}
	maxAbs := math.Exp2(headroom - 2)
	s := &Scheme{
		cfg:        cfg,
		params:     params,
		paramsHash: fingerprint(params, cfg.LogDefaultScale),
		logScale:   cfg.LogDefaultScale,
		maxAbs:     maxAbs,
		sigma:      cfg.SmudgingSigma,
		zeroKey:    rlwe.NewSecretKey(params),
		weightMod:  new(big.Int).SetUint64(top),
		weightModF: new(big.Float).SetPrec(256).SetUint64(top),
	}
	// |v|·2^encBits must stay below 2^61 for every accepted v.
	s.encBits = min(cfg.LogDefaultScale, 61-int(headroom-2))
	r := params.RingQ()
	for _, sr := range r.SubRings {
		q := sr.Modulus
		p := ring.ModExp(2, uint64(cfg.LogDefaultScale-s.encBits), q)
		s.encPow = append(s.encPow, ring.MForm(p, q, sr.BRedConstant))
	}
	s.garner = make([][]uint64, len(moduli))
	s.garnerInv = make([]uint64, len(moduli))
	for j, sr := range r.SubRings {
		qj := sr.Modulus
		prod := uint64(1)
		for k := 0; k < j; k++ {
			s.garner[j] = append(s.garner[j], ring.MForm(prod, qj, sr.BRedConstant))
			prod = ring.BRed(prod, moduli[k]%qj, qj, sr.BRedConstant)
		}
		s.garnerInv[j] = ring.MForm(ring.ModExp(prod, qj-2, qj), qj, sr.BRedConstant)
	}
	return s, nil
}

// fingerprint is a Keccak-256 digest of the parameters that determine
// compatibility: ring degree, moduli and scale.
func fingerprint(p hefloat.Parameters, logScale int) common.Hash {
	buf := []byte("cohort/aggregation/params/v2/coefficient-encoding")
	buf = binary.BigEndian.AppendUint64(buf, uint64(p.LogN()))
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(p.Q())))
	for _, q := range p.Q() {
		buf = binary.BigEndian.AppendUint64(buf, q)
	}
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(p.P())))
	for _, q := range p.P() {
		buf = binary.BigEndian.AppendUint64(buf, q)
	}
	buf = binary.BigEndian.AppendUint64(buf, uint64(logScale))
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

// Slots returns the number of real values packed into one ciphertext: N,
// one per polynomial coefficient.
func (s *Scheme) Slots() int { return s.params.N() }

// MaxAbsValue returns the largest magnitude Encrypt accepts, 2^(h-2) where
// h is the number of bits between the scale Δ and the aggregate modulus
// q0···q(L-2). Every entry of a weighted sum must stay below 2^(h-1).
func (s *Scheme) MaxAbsValue() float64 { return s.maxAbs }

// LogScale returns log2 of the scale Δ at which values are encoded.
func (s *Scheme) LogScale() int { return s.logScale }

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
