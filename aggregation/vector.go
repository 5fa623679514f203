package aggregation

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// EncryptedVector is a flat float64 vector packed into ceil(Len()/Slots())
// CKKS ciphertexts, one value per polynomial coefficient, in the
// coefficient (not NTT) domain. Only the c0 half of each ciphertext exists:
// c1 is the public mask a_j expanded from the vector's EncryptionContext
// (fresh vectors) or that mask times the sum of the weights (aggregates),
// so nobody, the encrypting party included, chooses it. Fresh vectors (from
// Encrypt) are at the top level and have one Term, the dealer whose
// secret-key share encrypted them; aggregates (from WeightedSum) are one
// level lower and list every summed update's dealer with its integer
// weight: they decrypt under Σ weight·s_dealer and nothing else. In the
// last ciphertext c0 is zero beyond the vector's end and is not sent. A
// vector records the hash of the key set it belongs to. An EncryptedVector
// is immutable and safe for concurrent use.
type EncryptedVector struct {
	params  common.Hash
	keyHash common.Hash
	context EncryptionContext
	terms   []Term
	length  int
	level   int
	c0      []ring.Poly
	hash    *hashCache
}

// hashCache holds what is derived from a value's contents once: whoever
// makes a value with other contents gives it a fresh one.
type hashCache struct {
	once sync.Once
	h    common.Hash // ScoreSet
	tree *chunkTree  // EncryptedVector
	// largest, if not nil, is an EncryptedVector's largest coefficient in
	// each row of each ciphertext, as its decoding (UnmarshalBinary,
	// VectorStream) read them, so that checkVector compares one value per
	// row with its prime instead of reading every coefficient again.
	largest [][]uint64
}

// Len returns the number of real values in the vector.
func (v *EncryptedVector) Len() int { return v.length }

// Level returns the ciphertext level: the top level for fresh vectors, one
// less for weighted sums.
func (v *EncryptedVector) Level() int { return v.level }

// NumCiphertexts returns the number of ciphertexts the vector is packed in.
func (v *EncryptedVector) NumCiphertexts() int { return len(v.c0) }

// KeyHash returns the hash of the key set (the combined public key of the
// study's dealers) the vector belongs to.
func (v *EncryptedVector) KeyHash() common.Hash { return v.keyHash }

// Context returns the encryption context the vector's masks come from.
func (v *EncryptedVector) Context() EncryptionContext { return v.context }

// Terms returns the vector's contributors: one dealer with weight 1 for a
// fresh update, every summed update's dealer and weight for an aggregate.
func (v *EncryptedVector) Terms() []Term { return slices.Clone(v.terms) }

// Dealer returns the dealer of a fresh update (the first term otherwise).
func (v *EncryptedVector) Dealer() PartyID {
	if len(v.terms) == 0 {
		return PartyID{}
	}
	return v.terms[0].Dealer
}

// Hash returns the vector's commitment, the value committed on chain: the
// root of the SHA-256 Merkle tree over its header and its chunks of
// ChunkValues values (see doc.go, "Chunk commitments"), computed once. It
// returns the zero hash for a nil or empty vector.
func (v *EncryptedVector) Hash() common.Hash {
	if v == nil || v.hash == nil || len(v.c0) == 0 {
		return common.Hash{}
	}
	return v.tree().root()
}

// MaxUpdateSize is the most bytes an update of length values, as Encrypt
// makes it (fresh, one dealer, coefficients reduced), encodes to: every
// stored coefficient at the full width of its modulus. A relay bounds an
// upload's announced size by it before it reads a byte; a valid update is
// never larger (an honest one, uniform residues, is this size but for
// the rare row whose largest coefficient falls short of it).
func (s *Scheme) MaxUpdateSize(length int) int {
	if length <= 0 {
		return 0
	}
	n := s.params.N()
	level := s.params.MaxLevel()
	size := 4 + 2 + 32 + 32 + 32 + 4 + (len(PartyID{}) + 8) + 8 + 1 + 4
	for start := 0; start < length; start += n {
		used := min(n, length-start)
		size += polyHeaderSize(level + 1)
		for _, q := range s.params.Q()[:level+1] {
			size += packedLen(used, bits.Len64(q-1))
		}
	}
	return size
}

// BinarySize returns the length of MarshalBinary's output.
func (v *EncryptedVector) BinarySize() int {
	size := 4 + 2 + 32 + 32 + 32 + 4 + len(v.terms)*(len(PartyID{})+8) + 8 + 1 + 4
	for j, p := range v.c0 {
		size += polySizeOf(p, v.used(j))
	}
	return size
}

// used returns the number of values held by ciphertext j.
func (v *EncryptedVector) used(j int) int {
	n := v.c0[j].N()
	return min(n, v.length-j*n)
}

// WriteTo streams the encoding that MarshalBinary returns to w, so that large
// vectors can be sent or hashed without a second copy in memory.
func (v *EncryptedVector) WriteTo(w io.Writer) (int64, error) {
	if v == nil || len(v.c0) == 0 {
		return 0, fmt.Errorf("%w: EncryptedVector is nil or empty", ErrNilArgument)
	}
	e := newEncoder(w)
	e.header(kindEncryptedVector, v.params)
	v.writeMeta(e)
	e.u32(uint32(len(v.c0)))
	for j, p := range v.c0 {
		e.polyUsed(p, v.used(j))
	}
	return e.finish()
}

// writeMeta writes what a vector is besides its coefficients: key set,
// context, terms, length and level (shared with the chunk tree's header).
func (v *EncryptedVector) writeMeta(e *encoder) {
	e.bytes32(v.keyHash)
	e.bytes32(v.context)
	e.u32(uint32(len(v.terms)))
	for _, t := range v.terms {
		e.write(t.Dealer[:])
		e.u64(t.Weight)
	}
	e.u64(uint64(v.length))
	e.u8(uint8(v.level))
}

// readTerms reads the terms writeMeta wrote, refusing an empty list and
// a dealer that appears twice.
func readTerms(d *decoder) []Term {
	nTerms := d.count("term", maxParties, len(PartyID{})+8)
	if d.err == nil && nTerms == 0 {
		d.fail("vector has no contributor")
	}
	terms := make([]Term, 0, nTerms)
	seen := make(map[PartyID]bool, nTerms)
	for i := 0; i < nTerms && d.err == nil; i++ {
		var t Term
		copy(t.Dealer[:], d.take(len(t.Dealer)))
		t.Weight = d.u64()
		if d.err == nil && seen[t.Dealer] {
			d.fail(fmt.Sprintf("dealer %s appears twice", t.Dealer))
		}
		seen[t.Dealer] = true
		terms = append(terms, t)
	}
	return terms
}

// MarshalBinary encodes the vector deterministically: equal vectors give
// byte-identical encodings.
func (v *EncryptedVector) MarshalBinary() ([]byte, error) {
	if v == nil || len(v.c0) == 0 {
		return nil, fmt.Errorf("%w: EncryptedVector is nil or empty", ErrNilArgument)
	}
	var b sliceWriter
	b.b = make([]byte, 0, v.BinarySize())
	if _, err := v.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.b, nil
}

// maxVectorLen bounds the length accepted from the wire (2^40 values).
const maxVectorLen = 1 << 40

// UnmarshalBinary decodes a vector produced by MarshalBinary or WriteTo.
// It checks the structure (counts, degrees, levels, distinct dealers, no
// trailing bytes); Scheme methods check the parameters and coefficients
// when the vector is used. Errors wrap ErrMalformed.
func (v *EncryptedVector) UnmarshalBinary(p []byte) error {
	d, params := newDecoder(p, kindEncryptedVector)
	return v.decode(d, params, nil)
}

// decode reads a vector's body from d, calling onPoly (if not nil) with
// each ciphertext's c0 as soon as it is read and checked: its index, the
// number of values it stores, and its rows as packed in the encoding, with
// their widths.
func (v *EncryptedVector) decode(d *decoder, params common.Hash, onPoly func(i int, c0 ring.Poly, used int, rows [][]byte, widths []byte, length int)) error {
	keyHash := d.bytes32()
	context := d.bytes32()
	terms := readTerms(d)
	length := d.u64()
	level := int(d.u8())
	if d.err == nil && (length == 0 || length > maxVectorLen) {
		d.fail(fmt.Sprintf("vector length %d is outside 1..2^40", length))
	}
	count := d.count("ciphertext", math.MaxInt32, minPolySize)
	c0s := make([]ring.Poly, 0, count)
	// Each ciphertext's rows' largest values, read as they were unpacked:
	// checking that the vector is reduced (checkVector) then takes one
	// comparison per row, not a second pass over every coefficient.
	largest := make([][]uint64, 0, count)
	var n uint64
	for i := 0; i < count && d.err == nil; i++ {
		c0, used := d.polyUsed()
		if d.err != nil {
			break
		}
		if c0.Level() != level {
			d.fail(fmt.Sprintf("ciphertext %d has level %d, want %d", i, c0.Level(), level))
			break
		}
		if i == 0 {
			n = uint64(c0.N())
			if want := (length + n - 1) / n; uint64(count) != want {
				d.fail(fmt.Sprintf("%d ciphertexts for %d values of degree %d, want %d", count, length, n, want))
				break
			}
		}
		if uint64(c0.N()) != n {
			d.fail(fmt.Sprintf("ciphertext %d has degree %d, ciphertext 0 has %d", i, c0.N(), n))
			break
		}
		if wantUsed := min(n, length-uint64(i)*n); uint64(used) != wantUsed {
			d.fail(fmt.Sprintf("ciphertext %d stores %d coefficients, want %d", i, used, wantUsed))
			break
		}
		c0s = append(c0s, c0)
		largest = append(largest, d.lastLargest)
		if onPoly != nil {
			onPoly(i, c0, used, d.lastRows, d.lastWidths, int(length))
		}
	}
	if err := d.done(); err != nil {
		return err
	}
	*v = EncryptedVector{params: params, keyHash: keyHash, context: context, terms: terms, length: int(length), level: level, c0: c0s, hash: &hashCache{largest: largest}}
	return nil
}

// checkVector validates v against the Scheme: parameters, degree, level
// (fresh or aggregate), contributors and coefficient ranges, and that c0 is
// zero beyond the vector's end.
func (s *Scheme) checkVector(what string, v *EncryptedVector) error {
	return s.checkVectorWith(what, v, true)
}

// checkVectorWith is checkVector, checking that coefficients are reduced
// only if coeffs: callers that check them as they read them skip it.
func (s *Scheme) checkVectorWith(what string, v *EncryptedVector, coeffs bool) error {
	if v == nil || len(v.c0) == 0 {
		return fmt.Errorf("%w: %s is nil or empty", ErrNilArgument, what)
	}
	if err := s.checkParams(what, v.params); err != nil {
		return err
	}
	top := s.params.MaxLevel()
	switch {
	case v.level != top && v.level != top-1:
		return fmt.Errorf("%w: %s is at level %d, want %d (fresh) or %d (aggregate)", ErrLevelMismatch, what, v.level, top, top-1)
	case len(v.terms) == 0:
		return fmt.Errorf("%w: %s has no contributor", ErrMalformed, what)
	case v.level == top && (len(v.terms) != 1 || v.terms[0].Weight != 1):
		return fmt.Errorf("%w: %s is fresh but lists %d contributors; a fresh update has exactly one dealer of weight 1", ErrMalformed, what, len(v.terms))
	}
	if want := (v.length + s.Slots() - 1) / s.Slots(); len(v.c0) != want {
		return fmt.Errorf("%w: %s has %d ciphertexts for %d values, want %d", ErrLengthMismatch, what, len(v.c0), v.length, want)
	}
	r := s.params.RingQ()
	var largest [][]uint64
	if coeffs && v.hash != nil {
		largest = v.hash.largest
	}
	check := checkPolyShape
	if coeffs && largest == nil {
		check = checkPoly
	}
	for i, p := range v.c0 {
		// The description is formatted only for an error: this runs
		// for every polynomial of every vector summed.
		if err := check("", r, p, v.level); err != nil {
			return check(fmt.Sprintf("%s ciphertext %d", what, i), r, p, v.level)
		}
		if largest != nil {
			if len(largest) != len(v.c0) || len(largest[i]) != len(p.Coeffs) {
				return fmt.Errorf("%w: %s ciphertext %d: largest coefficients of %d ciphertexts recorded", ErrMalformed, what, i, len(largest))
			}
			for row, c := range largest[i] {
				if q := r.SubRings[row].Modulus; c >= q {
					return fmt.Errorf("%w: %s ciphertext %d: coefficient %d not reduced modulo q%d=%d", ErrMalformed, what, i, c, row, q)
				}
			}
		}
		if used := v.used(i); used < r.N() {
			for _, row := range p.Coeffs {
				for _, c := range row[used:] {
					if c != 0 {
						return fmt.Errorf("%w: %s ciphertext %d: c0 is not zero beyond the vector's end", ErrMalformed, what, i)
					}
				}
			}
		}
	}
	return nil
}

// Encrypt encodes values as polynomial coefficients at scale Δ = 2^LogScale
// (Slots() values per ciphertext; in the last one c0 is zeroed beyond the
// end) and encrypts them under the party's own secret-key share with the
// public masks of ctx: c0_j = -a_j·s + e + Δ·m_j, at the top level. keyHash
// names the key set the share belongs to (the study's combined public
// key). values must be non-empty, finite and bounded by MaxAbsValue.
//
// The caller must never encrypt two different vectors under one context
// (their difference would leak); a party that must send again re-sends the
// bytes it kept.
func (s *Scheme) Encrypt(sk *SecretShare, keyHash common.Hash, ctx EncryptionContext, values []float64) (*EncryptedVector, error) {
	if err := s.checkSecretShare(sk); err != nil {
		return nil, fmt.Errorf("aggregation: Encrypt: %w", err)
	}
	if len(values) == 0 {
		return nil, fmt.Errorf("aggregation: Encrypt: %w: no values to encrypt", ErrEmptyInput)
	}
	if err := s.checkValues("values", values); err != nil {
		return nil, fmt.Errorf("aggregation: Encrypt: %w", err)
	}
	slots := s.Slots()
	level := s.params.MaxLevel()
	r := s.params.RingQ().AtLevel(level)
	c0 := make([]ring.Poly, (len(values)+slots-1)/slots)
	type worker struct {
		buf   ring.Poly
		noise ring.Sampler
		err   error
	}
	err := parallelFor(len(c0), func() *worker {
		w := &worker{buf: r.NewPoly()}
		w.noise, w.err = s.newNoiseSampler()
		return w
	}, func(w *worker, i int) error {
		if w.err != nil {
			return w.err
		}
		c0[i] = r.NewPoly()
		chunk := values[i*slots : min((i+1)*slots, len(values))]
		if err := s.encryptChunk(sk.sk, ctx, i, chunk, c0[i], w.buf, w.noise); err != nil {
			return fmt.Errorf("aggregation: Encrypt: ciphertext %d: %w", i, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &EncryptedVector{
		params:  s.paramsHash,
		keyHash: keyHash,
		context: ctx,
		terms:   []Term{{Dealer: sk.id, Weight: 1}},
		length:  len(values),
		level:   level,
		c0:      c0,
		hash:    &hashCache{},
	}, nil
}

// addEncoded adds round(v_j·Δ) to coefficient j of p for j < len(values)
// and zeroes the coefficients beyond. Values must be checked already.
func (s *Scheme) addEncoded(p ring.Poly, values []float64) {
	scale := math.Exp2(float64(s.encBits))
	for i, row := range p.Coeffs {
		sr := s.params.RingQ().SubRings[i]
		q, bred, mred, pow := sr.Modulus, sr.BRedConstant, sr.MRedConstant, s.encPow[i]
		for j, x := range values {
			m := int64(math.Round(x * scale)) // |m| < 2^61
			var u uint64
			if m >= 0 {
				u = ring.MRed(ring.BRedAdd(uint64(m), q, bred), pow, q, mred)
			} else {
				u = ring.MRed(ring.BRedAdd(uint64(-m), q, bred), pow, q, mred)
				if u != 0 {
					u = q - u
				}
			}
			c := row[j] + u
			if c >= q {
				c -= q
			}
			row[j] = c
		}
		clear(row[len(values):])
	}
}

// decode writes the centred value of coefficients 0..len(out)-1 of p (level
// level, coefficient domain, reduced), divided by Δ, to out. It uses
// Garner's mixed-radix CRT with a floating-point Horner evaluation whose
// relative error is about 2^-52.
func (s *Scheme) decode(p ring.Poly, level int, out []float64) {
	sub := s.params.RingQ().SubRings[:level+1]
	digits := make([]uint64, level+1)
	inv := math.Exp2(-float64(s.logScale))
	for j := range out {
		digits[0] = p.Coeffs[0][j]
		for l := 1; l <= level; l++ {
			sr := sub[l]
			q := sr.Modulus
			// partial = Σ_{k<l} digits[k]·(q0···q(k-1)) mod q_l
			var partial uint64
			for k := 0; k < l; k++ {
				t := ring.MRed(ring.BRedAdd(digits[k], q, sr.BRedConstant), s.garner[l][k], q, sr.MRedConstant)
				partial += t
				if partial >= q {
					partial -= q
				}
			}
			d := p.Coeffs[l][j] + q - partial
			if d >= q {
				d -= q
			}
			digits[l] = ring.MRed(d, s.garnerInv[l], q, sr.MRedConstant)
		}
		// Centre the top digit, then evaluate from the top.
		qTop := sub[level].Modulus
		f := float64(digits[level])
		if digits[level] > qTop/2 {
			f = -float64(qTop - digits[level])
		}
		for l := level - 1; l >= 0; l-- {
			f = f*float64(sub[l].Modulus) + float64(digits[l])
		}
		out[j] = f * inv
	}
}

func (s *Scheme) checkValues(what string, values []float64) error {
	for j, x := range values {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%w: %s[%d] is %v", ErrInvalidValue, what, j, x)
		}
		if math.Abs(x) > s.maxAbs {
			return fmt.Errorf("%w: %s[%d] = %g exceeds the bound %g of these parameters; scale the update down", ErrInvalidValue, what, j, x, s.maxAbs)
		}
	}
	return nil
}

// checkWeights validates weights against n vectors.
func checkWeights(n int, weights []float64) error {
	if len(weights) != n {
		return fmt.Errorf("%w: %d weights for %d vectors", ErrInvalidWeight, len(weights), n)
	}
	for i, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return fmt.Errorf("%w: weight %d is %v, want a finite non-negative number", ErrInvalidWeight, i, w)
		}
	}
	return nil
}

// WeightedSum computes Σ wᵢ·vsᵢ homomorphically. Each weight is encoded
// exactly once as the integer cᵢ = round(wᵢ·q_top) (q_top is the top
// ciphertext prime, about 2^LogQ[last]); the products of the c0 halves are
// summed at the top level and divided by q_top with one rounding rescale
// (coefficient-wise: ciphertexts are kept in the coefficient domain, so no
// NTT is needed), so the result is one level lower at the same scale Δ. The
// aggregate records every dealer with its cᵢ: it decrypts under Σ cᵢ·s_i
// with the public mask of the common context, whatever any party sent.
// Only exact modular arithmetic is involved: the same inputs always give a
// byte-identical result (and Hash), whatever the machine and whichever
// kernel (assembly, AVX-512 or Go) runs. It reads every input once, on
// every core (see doc.go for the kernel); a coefficient that is not
// reduced is reported as ErrMalformed.
//
// All vectors must be fresh (top level), of distinct dealers, of the same
// key set, context and length. Weights must be finite and non-negative;
// they need not sum to one, but every entry of the result must stay below
// 2·MaxAbsValue() in magnitude or it wraps, and the smudging argument of
// doc.go assumes Σwᵢ² ≤ 1 (true for weights that sum to at most one).
// The weight encoding differs from wᵢ by at most 2^-(LogQ[last]+1), so the
// result matches PlainWeightedSum up to CKKS noise.
func (s *Scheme) WeightedSum(vs []*EncryptedVector, weights []float64) (*EncryptedVector, error) {
	if len(vs) == 0 {
		return nil, fmt.Errorf("aggregation: WeightedSum: %w: no vectors", ErrEmptyInput)
	}
	if err := checkWeights(len(vs), weights); err != nil {
		return nil, fmt.Errorf("aggregation: WeightedSum: %w", err)
	}
	top := s.params.MaxLevel()
	terms := make([]Term, len(vs))
	seen := make(map[PartyID]int, len(vs))
	for i, v := range vs {
		what := fmt.Sprintf("vector %d", i)
		// Coefficients are range-checked by the kernel as it reads them
		// (one parallel pass over memory instead of two).
		if err := s.checkVectorWith(what, v, false); err != nil {
			return nil, fmt.Errorf("aggregation: WeightedSum: %w", err)
		}
		if v.level != top {
			return nil, fmt.Errorf("aggregation: WeightedSum: %w: %s is at level %d, want fresh ciphertexts at level %d (aggregates cannot be re-aggregated)", ErrLevelMismatch, what, v.level, top)
		}
		if v.length != vs[0].length {
			return nil, fmt.Errorf("aggregation: WeightedSum: %w: %s has %d values, vector 0 has %d", ErrLengthMismatch, what, v.length, vs[0].length)
		}
		if v.keyHash != vs[0].keyHash {
			return nil, fmt.Errorf("aggregation: WeightedSum: %w: %s belongs to key set %s, vector 0 to %s", ErrKeyMismatch, what, v.keyHash.TerminalString(), vs[0].keyHash.TerminalString())
		}
		if v.context != vs[0].context {
			return nil, fmt.Errorf("aggregation: WeightedSum: %w: %s was encrypted for another study, phase or round than vector 0", ErrKeyMismatch, what)
		}
		dealer := v.terms[0].Dealer
		if j, dup := seen[dealer]; dup {
			return nil, fmt.Errorf("aggregation: WeightedSum: %w: vectors %d and %d are both from dealer %s; a dealer contributes once", ErrDuplicateShare, j, i, dealer)
		}
		seen[dealer] = i
		c, err := s.weightOf(i, weights[i])
		if err != nil {
			return nil, fmt.Errorf("aggregation: WeightedSum: %w", err)
		}
		terms[i] = Term{Dealer: dealer, Weight: c}
	}
	ints := termInts(terms)

	ringTop := s.params.RingQ().AtLevel(top)
	// Weights reduced modulo every prime.
	wmod := make([][]uint64, top+1)
	for l, sr := range ringTop.SubRings {
		q := new(big.Int).SetUint64(sr.Modulus)
		wmod[l] = make([]uint64, len(ints))
		for i, c := range ints {
			wmod[l][i] = new(big.Int).Mod(c, q).Uint64()
		}
	}
	plan := newSumPlan(ringTop, wmod)
	out := newPolys(len(vs[0].c0), ringTop.N(), top-1)
	// Work items: (ciphertext, chunk of coefficients), so that even one
	// ciphertext keeps every core busy; each item writes its own part of
	// the output.
	n := ringTop.N()
	chunks := (n + sumChunk - 1) / sumChunk
	err := parallelFor(len(out)*chunks, func() *sumScratch {
		return newSumScratch(len(vs))
	}, func(sc *sumScratch, item int) error {
		j, from := item/chunks, item%chunks*sumChunk
		for i, v := range vs {
			sc.in[i] = v.c0[j]
		}
		if bad, l := plan.run(sc, sc.in, out[j], from, min(from+sumChunk, n)); bad >= 0 {
			return fmt.Errorf("aggregation: WeightedSum: %w: vector %d ciphertext %d: a coefficient is not reduced modulo q%d=%d", ErrMalformed, bad, j, l, ringTop.SubRings[l].Modulus)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &EncryptedVector{
		params:  s.paramsHash,
		keyHash: vs[0].keyHash,
		context: vs[0].context,
		terms:   terms,
		length:  vs[0].length,
		level:   top - 1,
		c0:      out,
		hash:    &hashCache{},
	}, nil
}

// encodeWeight returns round(w·q_top), computed exactly in 256-bit floats.
func (s *Scheme) encodeWeight(w float64) *big.Int {
	f := new(big.Float).SetPrec(256).SetFloat64(w)
	f.Mul(f, s.weightModF)
	f.Add(f, big.NewFloat(0.5))
	out, _ := f.Int(nil) // w >= 0, so truncation after +0.5 rounds half up
	return out
}

// PlainWeightedSum is the plaintext reference of WeightedSum with the same
// semantics and validation: out[j] = Σᵢ weights[i]·vs[i][j], accumulated in
// index order with every product rounded to float64 before the addition (no
// fused multiply-add), so the result is bit-identical on every platform.
// It is also the fair baseline of the encrypted sum: contiguous chunks on
// every core, each streaming its inputs four at a time.
func PlainWeightedSum(vs [][]float64, weights []float64) ([]float64, error) {
	if len(vs) == 0 {
		return nil, fmt.Errorf("aggregation: PlainWeightedSum: %w: no vectors", ErrEmptyInput)
	}
	if err := checkWeights(len(vs), weights); err != nil {
		return nil, fmt.Errorf("aggregation: PlainWeightedSum: %w", err)
	}
	n := len(vs[0])
	if n == 0 {
		return nil, fmt.Errorf("aggregation: PlainWeightedSum: %w: vector 0 is empty", ErrEmptyInput)
	}
	for i, v := range vs {
		if len(v) != n {
			return nil, fmt.Errorf("aggregation: PlainWeightedSum: %w: vector %d has %d values, vector 0 has %d", ErrLengthMismatch, i, len(v), n)
		}
	}
	out := make([]float64, n)
	chunks := (n + plainChunk - 1) / plainChunk
	nonFinite := make([]bool, chunks)
	_ = parallelFor(chunks, func() struct{} { return struct{}{} }, func(_ struct{}, k int) error {
		from, to := k*plainChunk, min((k+1)*plainChunk, n)
		nonFinite[k] = plainSumRange(out[from:to], vs, weights, from)
		return nil
	})
	// A NaN or infinite input leaves a non-finite sum where it is (w·NaN,
	// w·Inf and 0·Inf are not finite): only then look for the first one.
	if slices.Contains(nonFinite, true) {
		for i, v := range vs {
			for j, x := range v {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, fmt.Errorf("aggregation: PlainWeightedSum: %w: vector %d value %d is %v", ErrInvalidValue, i, j, x)
				}
			}
		}
	}
	return out, nil
}

// plainChunk is the number of values of one PlainWeightedSum work item.
const plainChunk = 1 << 16

// plainSumRange sets dst[j] = Σᵢ w[i]·vs[i][off+j] in index order and
// reports whether any result is not finite.
func plainSumRange(dst []float64, vs [][]float64, w []float64, off int) bool {
	n := len(dst)
	i := 0
	for ; i+4 <= len(vs); i += 4 {
		w0, w1, w2, w3 := w[i], w[i+1], w[i+2], w[i+3]
		x0, x1, x2, x3 := vs[i][off:off+n], vs[i+1][off:off+n], vs[i+2][off:off+n], vs[i+3][off:off+n]
		for j := range dst {
			// The conversions round every product: no fused multiply-add.
			dst[j] = dst[j] + float64(w0*x0[j]) + float64(w1*x1[j]) + float64(w2*x2[j]) + float64(w3*x3[j])
		}
	}
	for ; i < len(vs); i++ {
		wi, x := w[i], vs[i][off:off+n]
		for j := range dst {
			dst[j] += float64(wi * x[j])
		}
	}
	for _, y := range dst {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return true
		}
	}
	return false
}

// CheckUpdate validates a fresh update received from a party before anyone
// relies on it: parameters, degree, coefficient ranges, that it is fresh
// (top level), that it belongs to the key set keyHash, that it was
// encrypted for ctx (this study, phase and round) by dealer (the party that
// sent it: a party that claimed another's dealer id would make the
// aggregate decrypt with that party's key share), and that it holds length
// values.
func (s *Scheme) CheckUpdate(v *EncryptedVector, keyHash common.Hash, ctx EncryptionContext, dealer PartyID, length int) error {
	if err := s.checkVector("update", v); err != nil {
		return err
	}
	if v.level != s.params.MaxLevel() {
		return fmt.Errorf("%w: update is at level %d, fresh updates are at level %d", ErrLevelMismatch, v.level, s.params.MaxLevel())
	}
	if v.keyHash != keyHash {
		return fmt.Errorf("%w: update belongs to key set %s, the study's is %s", ErrKeyMismatch, v.keyHash.Hex(), keyHash.Hex())
	}
	if v.context != ctx {
		return fmt.Errorf("%w: update was encrypted for another study, phase or round; re-send the update made for this round", ErrKeyMismatch)
	}
	if got := v.terms[0].Dealer; got != dealer {
		return fmt.Errorf("%w: update names dealer %s, but it was sent by the party whose key share is %s", ErrKeyMismatch, got, dealer)
	}
	if v.length != length {
		return fmt.Errorf("%w: update holds %d values, the model has %d parameters", ErrLengthMismatch, v.length, length)
	}
	return nil
}
