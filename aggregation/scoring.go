package aggregation

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/ring"
	"github.com/tuneinsight/lattigo/v5/ring/ringqp"
)

// Robust scoring (see doc.go, "Robust scoring"): a few public linear
// functionals of each encrypted update are collectively decrypted, nothing
// else. A score of update u against an integer reference vector R is
// ⟨u, R⟩/‖R‖. For a fresh ciphertext j with phase c0_j + c1_j·s = Δ·u_j + e_j
// in the coefficient domain, the constant coefficient of phase·R' (R' the
// "reversed" reference of doc.go) is the plain coefficient dot product
// ⟨phase, R⟩, so the score is an LWE sample (b, c1·s) with
//
//	b       = Σ_j ⟨c0_j, R_j⟩                  (public, ScoreSet)
//	share_i = Σ_j ⟨c1_j·s_i, R_j⟩ + smudging   (ScoreShare, one scalar per score)
//	b + Σ_i share_i = Δ·⟨u, R⟩ + ⟨e, R⟩ + Σ_i smudging_i
//
// No rotation, relinearisation or Galois key is involved, and a share is a
// handful of scalars whatever the length of the update.

// MaxProjections is the largest number of Johnson–Lindenstrauss projections
// References accept (one sign bit per projection and coefficient is packed
// into a 64-bit word).
const MaxProjections = 64

// DefaultProjections is the projection count used by DefaultProjectionsFor
// for large models: the squared-norm estimate has a relative standard
// deviation of at most sqrt(2/64) = 17.7% (8.8% on the norm).
const DefaultProjections = 64

// minDimsPerScore bounds how much of an update the scores may reveal: an
// update of D values yields at most D/minDimsPerScore scores.
const minDimsPerScore = 4

// maxRefLogScale caps the fixed-point scale of the reference encoding.
const maxRefLogScale = 30

// minRefLogScale is the smallest acceptable reference scale: below it the
// encoded reference direction would be too coarse.
const minRefLogScale = 8

// DefaultProjectionsFor returns the projection count to use for updates of
// the given length: DefaultProjections, reduced so that the 1+k scores
// reveal at most a quarter of the update's dimensions (k = length/4 - 1,
// at least 1). It returns 0 if length is too small for any scoring
// (fewer than 8 values).
func DefaultProjectionsFor(length int) int {
	k := min(DefaultProjections, length/minDimsPerScore-1)
	if k < 1 {
		return 0
	}
	return k
}

// References are the public vectors a round's updates are scored against:
// the researcher's reference update r (FLTrust's root-data update), encoded
// as the integer direction R_0 = round(S·r/‖r‖) with S = 2^RefLogScale, and
// k pseudo-random sign vectors ρ_1..ρ_k ∈ {−1, +1}^D expanded from a public
// seed (Johnson–Lindenstrauss projections for the norm). Every party builds
// the same References from the same inputs and can compare Hash. References
// are immutable and safe for concurrent use.
type References struct {
	params   common.Hash
	length   int
	seed     [32]byte
	k        int
	logScale int        // log2 S
	ref      []int64    // R_0
	refMod   [][]uint64 // R_0 mod q_l, top level
	refNorm  float64    // ‖R_0‖
	rawNorm  float64    // ‖r‖ of the float reference
	signs    []uint64   // bit j of signs[g] set: ρ_(j+1)[g] = −1
	refProj  []float64  // ⟨R_0, ρ_j⟩/(‖R_0‖·sqrt(D)), j = 1..k
	logSmug  []int      // per score: the smudging deviation is σ·2^logSmug
	hash     common.Hash
}

// NewReferences encodes reference (the researcher's reference update, as
// committed on chain) and expands projections sign vectors from seed (a
// public value fixed after the updates are committed, for example from
// CommonSeed over the study id and a block hash). reference must be
// non-empty, finite and non-zero; projections must lie in
// 1..MaxProjections and leave at least four update dimensions per score
// ((projections+1)·4 ≤ len(reference)); use DefaultProjectionsFor.
// Errors wrap ErrInvalidReference.
func (s *Scheme) NewReferences(reference []float64, seed [32]byte, projections int) (*References, error) {
	d := len(reference)
	if d == 0 {
		return nil, fmt.Errorf("aggregation: NewReferences: %w: the reference update is empty", ErrInvalidReference)
	}
	if projections < 1 || projections > MaxProjections {
		return nil, fmt.Errorf("aggregation: NewReferences: %w: %d projections, want 1..%d", ErrInvalidReference, projections, MaxProjections)
	}
	if (projections+1)*minDimsPerScore > d {
		return nil, fmt.Errorf("aggregation: NewReferences: %w: %d scores for %d parameters would reveal more than 1/%d of each update; use at most %d projections (DefaultProjectionsFor)",
			ErrInvalidReference, projections+1, d, minDimsPerScore, d/minDimsPerScore-1)
	}
	var sq float64
	for j, x := range reference {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("aggregation: NewReferences: %w: reference[%d] is %v", ErrInvalidReference, j, x)
		}
		sq += x * x
	}
	rawNorm := math.Sqrt(sq)
	if rawNorm == 0 || math.IsInf(sq, 0) {
		return nil, fmt.Errorf("aggregation: NewReferences: %w: the reference update has norm %v; it must be non-zero and finite", ErrInvalidReference, rawNorm)
	}
	// Range: Δ·|⟨u,R⟩| ≤ Δ·sqrt(D)·MaxAbs·S and Δ·|⟨u,ρ⟩| ≤ Δ·D·MaxAbs must
	// stay below Q/8, so that the phase, the smudging and the centring in
	// decoding never wrap.
	logQ := s.logQTop()
	room := logQ - 3 - float64(s.logScale) - math.Log2(s.maxAbs)
	if math.Log2(float64(d)) > room {
		return nil, fmt.Errorf("aggregation: NewReferences: %w: %d parameters exceed what these CKKS parameters can score (at most 2^%.0f)", ErrInvalidReference, d, math.Floor(room))
	}
	logScale := min(maxRefLogScale, int(math.Floor(room-0.5*math.Log2(float64(d)))))
	if logScale < minRefLogScale {
		return nil, fmt.Errorf("aggregation: NewReferences: %w: %d parameters leave a reference precision of 2^-%d; score fewer parameters", ErrInvalidReference, d, logScale)
	}
	scale := math.Exp2(float64(logScale))
	r := &References{params: s.paramsHash, length: d, seed: seed, k: projections, logScale: logScale, rawNorm: rawNorm}
	r.ref = make([]int64, d)
	var refSq float64
	for j, x := range reference {
		v := int64(math.Round(x / rawNorm * scale)) // |v| ≤ 2^30
		r.ref[j] = v
		refSq += float64(v) * float64(v)
	}
	if refSq == 0 {
		return nil, fmt.Errorf("aggregation: NewReferences: %w: the reference rounds to zero at scale 2^%d", ErrInvalidReference, logScale)
	}
	r.refNorm = math.Sqrt(refSq)
	ringQ := s.params.RingQ().AtLevel(s.params.MaxLevel())
	r.refMod = make([][]uint64, len(ringQ.SubRings))
	for l, sr := range ringQ.SubRings {
		row := make([]uint64, d)
		for j, v := range r.ref {
			row[j] = signedMod(v, sr.Modulus)
		}
		r.refMod[l] = row
	}
	r.signs = expandSigns(seed, d, projections)
	r.refProj = make([]float64, projections)
	for g, v := range r.ref {
		for j := range projections {
			if r.signs[g]>>j&1 == 1 {
				r.refProj[j] -= float64(v)
			} else {
				r.refProj[j] += float64(v)
			}
		}
	}
	for j := range r.refProj {
		r.refProj[j] /= r.refNorm * math.Sqrt(float64(d))
	}
	r.logSmug = make([]int, 1+projections)
	r.logSmug[0] = int(math.Ceil(math.Log2(r.refNorm)))
	for j := 1; j <= projections; j++ {
		r.logSmug[j] = int(math.Ceil(0.5 * math.Log2(float64(d))))
	}
	r.hash = r.computeHash()
	return r, nil
}

// logQTop returns log2 of the top-level modulus q0···qL.
func (s *Scheme) logQTop() float64 {
	var b float64
	for _, q := range s.params.Q() {
		b += math.Log2(float64(q))
	}
	return b
}

// expandSigns derives the projection signs from seed with Keccak-256 in
// sponge (squeeze) mode: 8 bytes per coefficient, bit j for projection j+1,
// the bits at and above k cleared.
func expandSigns(seed [32]byte, d, k int) []uint64 {
	h := crypto.NewKeccakState()
	h.Write([]byte("cohort/aggregation/jl-signs/v1"))
	h.Write(seed[:])
	h.Write(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, uint64(d)), uint64(k)))
	mask := uint64(1)<<k - 1
	if k == 64 {
		mask = ^uint64(0)
	}
	buf := make([]byte, 8*4096)
	out := make([]uint64, d)
	for off := 0; off < d; off += 4096 {
		n := min(4096, d-off)
		_, _ = h.Read(buf[:8*n]) // Keccak squeezing never fails
		for i := range n {
			out[off+i] = binary.LittleEndian.Uint64(buf[8*i:]) & mask
		}
	}
	return out
}

func (r *References) computeHash() common.Hash {
	h := crypto.NewKeccakState()
	h.Write([]byte("cohort/aggregation/references/v1"))
	h.Write(r.params[:])
	var hdr []byte
	hdr = binary.BigEndian.AppendUint64(hdr, uint64(r.length))
	hdr = binary.BigEndian.AppendUint64(hdr, uint64(r.k))
	hdr = binary.BigEndian.AppendUint64(hdr, uint64(r.logScale))
	h.Write(hdr)
	h.Write(r.seed[:])
	buf := make([]byte, 0, 8*4096)
	for off := 0; off < len(r.ref); off += 4096 {
		buf = buf[:0]
		for _, v := range r.ref[off:min(off+4096, len(r.ref))] {
			buf = binary.BigEndian.AppendUint64(buf, uint64(v))
		}
		h.Write(buf)
	}
	var out common.Hash
	_, _ = h.Read(out[:])
	return out
}

// Hash returns a Keccak-256 commitment to everything the scores depend on:
// the parameters, the length, the projection count, the encoded reference
// and the seed. Parties that built References from the same committed
// inputs get the same Hash.
func (r *References) Hash() common.Hash { return r.hash }

// Len returns the number of parameters the references score.
func (r *References) Len() int { return r.length }

// Projections returns k, the number of Johnson–Lindenstrauss projections.
func (r *References) Projections() int { return r.k }

// NumScores returns 1 + k: the reference score and the projections.
func (r *References) NumScores() int { return 1 + r.k }

// ReferenceNorm returns ‖r‖ of the reference update passed to
// NewReferences, the norm FLTrust clips updates to.
func (r *References) ReferenceNorm() float64 { return r.rawNorm }

// RefLogScale returns log2 of the fixed-point scale of the encoded
// reference direction.
func (r *References) RefLogScale() int { return r.logScale }

// scoreNorm returns ‖R‖ of score j: ‖R_0‖ for the reference, sqrt(D) for a
// sign vector.
func (r *References) scoreNorm(j int) float64 {
	if j == 0 {
		return r.refNorm
	}
	return math.Sqrt(float64(r.length))
}

func (s *Scheme) checkReferences(r *References) error {
	if r == nil || r.ref == nil {
		return fmt.Errorf("%w: References is nil", ErrNilArgument)
	}
	return s.checkParams("References", r.params)
}

// signedMod returns v mod q in [0, q).
func signedMod(v int64, q uint64) uint64 {
	if v >= 0 {
		return uint64(v) % q
	}
	u := uint64(-v) % q
	if u == 0 {
		return 0
	}
	return q - u
}

// applyReferences computes, for every score and prime of the top level,
// Σ_g p[g]·R[g] mod q where p is the concatenation of the first used
// coefficients of polys (one per ciphertext, top level, reduced). The
// result is indexed [prime][score] and depends only on the inputs (exact
// modular arithmetic, partial sums combined in ciphertext order).
func (s *Scheme) applyReferences(r *References, polys []ring.Poly) ([][]uint64, error) {
	return s.applyReferencesTo(r, len(polys), false, func(_ ring.Poly, c int) (ring.Poly, error) {
		return polys[c], nil
	})
}

// applyReferencesTo is applyReferences of the count polys poly(buf, c)
// returns, c in [0, count). With scratch, each worker has a top-level
// poly of its own, buf, which poly may compute the c-th poly into and
// return: the polys are then made one at a time per worker instead of all
// held at once.
func (s *Scheme) applyReferencesTo(r *References, count int, scratch bool, poly func(buf ring.Poly, c int) (ring.Poly, error)) ([][]uint64, error) {
	ringQ := s.params.RingQ().AtLevel(s.params.MaxLevel())
	primes := len(ringQ.SubRings)
	n := s.Slots()
	scores := 1 + r.k
	nb := (r.k + 7) / 8
	partial := make([][][]uint64, count)
	type worker struct {
		tab [][256]uint64
		buf ring.Poly
	}
	err := parallelFor(count, func() worker {
		w := worker{tab: make([][256]uint64, nb)}
		if scratch {
			w.buf = ringQ.NewPoly()
		}
		return w
	}, func(w worker, c int) error {
		start := c * n
		used := min(n, r.length-start)
		p, err := poly(w.buf, c)
		if err != nil {
			return err
		}
		out := make([][]uint64, primes)
		for l, sr := range ringQ.SubRings {
			q := sr.Modulus
			row := p.Coeffs[l][:used]
			refRow := r.refMod[l][start : start+used]
			signs := r.signs[start : start+used]
			for b := range w.tab {
				clear(w.tab[b][:])
			}
			// Reference: 128-bit accumulation of the products, the high word
			// reduced every refBlock products so it never overflows.
			// Projections: Σρx = T − 2·Σ_{ρ=−1} x, the negative part gathered
			// per sign byte in 256-entry tables (8 additions per coefficient
			// for 64 projections). For primes below 2^(63-log2 N) (the
			// default chain) plain additions cannot overflow within a
			// ciphertext; larger primes take modular additions.
			refBlock := 1 << min(127-2*bits.Len64(q), 30)
			plainAdd := bits.Len64(q)+bits.Len(uint(used)) <= 63
			var hi, lo, total uint64
			for i, x := range row {
				ph, pl := bits.Mul64(x, refRow[i])
				var carry uint64
				lo, carry = bits.Add64(lo, pl, 0)
				hi += ph + carry
				if i%refBlock == refBlock-1 {
					hi %= q
				}
				sg := signs[i]
				if plainAdd {
					total += x
					for b := range nb {
						w.tab[b][byte(sg>>(8*b))] += x
					}
					continue
				}
				total = modAdd(total, x, q)
				for b := range nb {
					t := &w.tab[b][byte(sg>>(8*b))]
					*t = modAdd(*t, x, q)
				}
			}
			res := make([]uint64, scores)
			res[0] = bits.Rem64(hi, lo, q)
			total %= q
			for b := range w.tab {
				for p := range w.tab[b] {
					w.tab[b][p] %= q
				}
			}
			for j := 1; j <= r.k; j++ {
				b, bit := (j-1)/8, uint((j-1)%8)
				var neg uint64
				for p := 0; p < 256; p++ {
					if p>>bit&1 == 1 {
						neg = modAdd(neg, w.tab[b][p], q)
					}
				}
				res[j] = modAdd(total, modAdd(q-neg, q-neg, q), q) % q
			}
			out[l] = res
		}
		partial[c] = out
		return nil
	})
	if err != nil {
		return nil, err
	}
	sum := make([][]uint64, primes)
	for l, sr := range ringQ.SubRings {
		q := sr.Modulus
		sum[l] = make([]uint64, scores)
		for _, part := range partial {
			for j, v := range part[l] {
				sum[l][j] = (sum[l][j] + v) % q
			}
		}
	}
	return sum, nil
}

// modAdd returns a+b mod q for a, b ≤ q < 2^63.
func modAdd(a, b, q uint64) uint64 {
	c := a + b
	if c >= q {
		c -= q
	}
	return c
}

// ScoreSet is the public half of the scores of one fresh update: for each
// of the 1+k references R, b = Σ_j ⟨c0_j, R_j⟩ modulo the top-level primes.
// It is a deterministic function of the update's bytes and the references,
// bound to both by hash, so every share holder recomputes it (Score) and
// gives score shares only for a ScoreSet whose Hash matches. It reveals
// nothing without the shares. A ScoreSet is immutable and safe for
// concurrent use.
type ScoreSet struct {
	params     common.Hash
	updateHash common.Hash
	refsHash   common.Hash
	keyHash    common.Hash
	dealer     PartyID
	length     int
	level      int
	values     [][]uint64 // [prime][score]
	hash       *hashCache
}

// UpdateHash returns the Hash of the EncryptedVector the scores are of.
func (ss *ScoreSet) UpdateHash() common.Hash { return ss.updateHash }

// ReferencesHash returns the Hash of the References the update was scored
// against.
func (ss *ScoreSet) ReferencesHash() common.Hash { return ss.refsHash }

// NumScores returns the number of scalars in the set (1 + k).
func (ss *ScoreSet) NumScores() int {
	if ss == nil || len(ss.values) == 0 {
		return 0
	}
	return len(ss.values[0])
}

// Hash returns keccak256(MarshalBinary()), the value score shares are bound
// to. It returns the zero hash for a nil or empty set.
func (ss *ScoreSet) Hash() common.Hash {
	if ss == nil || ss.hash == nil || len(ss.values) == 0 {
		return common.Hash{}
	}
	ss.hash.once.Do(func() {
		b, err := ss.MarshalBinary()
		if err != nil {
			return // unreachable: ss is non-empty
		}
		ss.hash.h = crypto.Keccak256Hash(b)
	})
	return ss.hash.h
}

// Score computes the public half of the 1+k scores of a fresh update
// against refs. It is deterministic (exact modular arithmetic): the
// coordinator publishes the result and every share holder recomputes it
// from the committed update before it gives a share. The update must be
// fresh (top level, as uploaded) and as long as the references.
func (s *Scheme) Score(update *EncryptedVector, refs *References) (*ScoreSet, error) {
	if err := s.checkScoreInputs(update, refs); err != nil {
		return nil, fmt.Errorf("aggregation: Score: %w", err)
	}
	polys := update.c0
	values, err := s.applyReferences(refs, polys)
	if err != nil {
		return nil, fmt.Errorf("aggregation: Score: %w", err)
	}
	return &ScoreSet{
		params:     s.paramsHash,
		updateHash: update.Hash(),
		refsHash:   refs.hash,
		keyHash:    update.keyHash,
		dealer:     update.Dealer(),
		length:     update.length,
		level:      update.level,
		values:     values,
		hash:       &hashCache{},
	}, nil
}

func (s *Scheme) checkScoreInputs(update *EncryptedVector, refs *References) error {
	if err := s.checkReferences(refs); err != nil {
		return err
	}
	if err := s.checkVector("update", update); err != nil {
		return err
	}
	if update.level != s.params.MaxLevel() {
		return fmt.Errorf("%w: only fresh updates (level %d) can be scored, this vector is at level %d (an aggregate?)", ErrLevelMismatch, s.params.MaxLevel(), update.level)
	}
	if update.length != refs.length {
		return fmt.Errorf("%w: update holds %d values, the references score %d", ErrLengthMismatch, update.length, refs.length)
	}
	return nil
}

// checkScoreSet validates a ScoreSet against the Scheme and refs.
func (s *Scheme) checkScoreSet(set *ScoreSet, refs *References) error {
	if set == nil || len(set.values) == 0 {
		return fmt.Errorf("%w: ScoreSet is nil or empty", ErrNilArgument)
	}
	if err := s.checkParams("ScoreSet", set.params); err != nil {
		return err
	}
	if set.refsHash != refs.hash {
		return fmt.Errorf("%w: the score set was computed against references %s, not %s", ErrScoreMismatch, set.refsHash.TerminalString(), refs.hash.TerminalString())
	}
	if set.level != s.params.MaxLevel() || len(set.values) != set.level+1 {
		return fmt.Errorf("%w: score set at level %d with %d primes, want level %d", ErrLevelMismatch, set.level, len(set.values), s.params.MaxLevel())
	}
	if set.length != refs.length || len(set.values[0]) != refs.NumScores() {
		return fmt.Errorf("%w: score set has %d scores of %d values, the references give %d of %d", ErrLengthMismatch, len(set.values[0]), set.length, refs.NumScores(), refs.length)
	}
	return checkScalarRows("score set", s.params.RingQ(), set.values, refs.NumScores())
}

// checkScalarRows checks that rows holds one row of want reduced residues
// per prime of r (from q0 on).
func checkScalarRows(what string, r *ring.Ring, rows [][]uint64, want int) error {
	if len(rows) > len(r.SubRings) {
		return fmt.Errorf("%w: %s has %d primes, the ring has %d", ErrLevelMismatch, what, len(rows), len(r.SubRings))
	}
	for l, row := range rows {
		if len(row) != want {
			return fmt.Errorf("%w: %s prime %d holds %d scores, want %d", ErrLengthMismatch, what, l, len(row), want)
		}
		q := r.SubRings[l].Modulus
		for _, v := range row {
			if v >= q {
				return fmt.Errorf("%w: %s: residue %d not reduced modulo q%d=%d", ErrMalformed, what, v, l, q)
			}
		}
	}
	return nil
}

// ScoreShare is one party's contribution to decrypting the scores of one
// update: for each of the 1+k scores the scalar Σ_j ⟨c1_j·s_i, R_j⟩ plus a
// smudging noise, bound to a ScoreSet by ScoreSetHash. It holds scalars
// only and DecryptScores is the only function that uses it, so a score
// share cannot help decrypt an update or an aggregate. It is public and
// safe for concurrent use; ScoreSetHash must not be modified.
type ScoreShare struct {
	// ScoreSetHash is the Hash of the ScoreSet the share decrypts.
	ScoreSetHash common.Hash

	params common.Hash
	party  PartyID
	mode   uint8
	point  ShamirPoint
	active []ShamirPoint
	level  int
	values [][]uint64 // [prime][score]
}

// Party returns the identifier of the party that produced the share.
func (sh *ScoreShare) Party() PartyID { return sh.party }

// IsThreshold reports whether the share was made for t-of-n decryption.
func (sh *ScoreShare) IsThreshold() bool { return sh.mode == modeThreshold }

// ActiveSet returns the active set a threshold share was made for (sorted;
// nil for an n-of-n share).
func (sh *ScoreShare) ActiveSet() []ShamirPoint { return slices.Clone(sh.active) }

// Point returns the Shamir point of the holder that made a threshold
// share (0 for an n-of-n share).
func (sh *ScoreShare) Point() ShamirPoint { return sh.point }

// GenScoreShare computes the n-of-n score share for set by the update's
// own dealer: each update is encrypted under its dealer's key alone, so
// without threshold holders only the dealer can open its scores, and the
// scores then rest on its honesty (the daemons use GenThresholdScoreShare).
// It first recomputes the ScoreSet from update (the committed update) and
// refs (the committed references) and refuses, with ErrScoreMismatch, to
// share for a set that differs: the party decrypts only the scores of
// committed updates against committed references.
func (s *Scheme) GenScoreShare(sk *SecretShare, set *ScoreSet, update *EncryptedVector, refs *References) (*ScoreShare, error) {
	if err := s.checkSecretShare(sk); err != nil {
		return nil, fmt.Errorf("aggregation: GenScoreShare: %w", err)
	}
	if update == nil || update.Dealer() != sk.id {
		return nil, fmt.Errorf("aggregation: GenScoreShare: %w: party %s is not the update's dealer", ErrKeyMismatch, sk.id)
	}
	return s.genScoreShare(sk.sk, set, update, refs, &ScoreShare{party: sk.id, mode: modeCollective})
}

// GenThresholdScoreShare is GenScoreShare for t-of-n decryption with the
// given active set: exactly Threshold() distinct points of the agreed point
// set, the party's own included (as for GenThresholdDecryptionShare). The
// party uses its share of the update's dealer's key only.
func (s *Scheme) GenThresholdScoreShare(tsk *ThresholdSecretShare, active []ShamirPoint, set *ScoreSet, update *EncryptedVector, refs *References) (*ScoreShare, error) {
	shares, err := s.GenThresholdScoreShares(tsk, [][]ShamirPoint{active}, set, update, refs)
	if err != nil {
		return nil, err
	}
	return shares[0], nil
}

// GenThresholdScoreShares is GenThresholdScoreShare for each of several
// active sets (decryption sets): the proposed score set is recomputed from
// the update and checked once, then a share is made for each set. A
// holder that shares the scores of many updates for the same sets
// prepares them once (PrepareThresholdSets) and calls
// GenThresholdScoreSharesFor for each update.
func (s *Scheme) GenThresholdScoreShares(tsk *ThresholdSecretShare, sets [][]ShamirPoint, set *ScoreSet, update *EncryptedVector, refs *References) ([]*ScoreShare, error) {
	prepared, err := s.PrepareThresholdSets(tsk, sets)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdScoreShare: %w", err)
	}
	return s.GenThresholdScoreSharesFor(prepared, nil, set, update, refs)
}

// ThresholdSets are a share holder's active sets (decryption sets), each
// checked against its ThresholdSecretShare and sorted, with the holder's
// Lagrange coefficient in each: λ_S = Π_{j≠own} x_j/(x_j − own) modulo
// each prime, the factor mhe.Combiner applies to a Shamir share to make
// the set's additive share. A holder gives score shares of every update
// of a round for the same sets: they are prepared once for all of them,
// where each update's shares used to check every set and compute its
// coefficient again (and its additive key over Q and P, which only its
// Q part and the noise seed need). They hold no secret. PrepareThresholdSets
// makes them; they are read-only and safe for concurrent use.
type ThresholdSets struct {
	tsk    *ThresholdSecretShare
	sets   [][]ShamirPoint // each sorted, as checkActive returns it
	lambda [][]uint64      // [set][prime of Q]: λ_S modulo the prime
	mont   [][]uint64      // [set][prime of Q]: λ_S in Montgomery form
}

// PrepareThresholdSets checks each of sets as an active set of tsk (as
// GenThresholdScoreShare does) and computes tsk's Lagrange coefficient in
// each.
func (s *Scheme) PrepareThresholdSets(tsk *ThresholdSecretShare, sets [][]ShamirPoint) (*ThresholdSets, error) {
	if tsk == nil {
		return nil, fmt.Errorf("%w: ThresholdSecretShare is nil", ErrNilArgument)
	}
	out := &ThresholdSets{tsk: tsk, sets: make([][]ShamirPoint, len(sets)), lambda: make([][]uint64, len(sets)), mont: make([][]uint64, len(sets))}
	for i, active := range sets {
		sorted, err := s.checkActive(tsk, active)
		if err != nil {
			return nil, err
		}
		out.sets[i] = sorted
		out.lambda[i] = s.lagrangeAt(tsk.point, sorted[:tsk.threshold])
		out.mont[i] = make([]uint64, len(out.lambda[i]))
		for l, sr := range s.params.RingQ().SubRings {
			out.mont[i][l] = ring.MForm(out.lambda[i][l], sr.Modulus, sr.BRedConstant)
		}
	}
	return out, nil
}

// GenThresholdScoreSharesFor is GenThresholdScoreShares for sets prepared
// by PrepareThresholdSets, with the masks of the update's context taken
// from masks if it keeps them (nil: expanded for this update only); the
// shares are byte for byte those GenThresholdScoreShares gives.
func (s *Scheme) GenThresholdScoreSharesFor(sets *ThresholdSets, masks *Masks, set *ScoreSet, update *EncryptedVector, refs *References) ([]*ScoreShare, error) {
	if sets == nil {
		return nil, fmt.Errorf("aggregation: GenThresholdScoreShare: %w: ThresholdSets is nil", ErrNilArgument)
	}
	tsk := sets.tsk
	if err := s.checkProposedScoreSet(set, update, refs); err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdScoreShare: %w", err)
	}
	// The party's Shamir share of the key the update decrypts under, its
	// dealer's: checked and combined once, not once per set, and only that
	// dealer's of the n shares the party holds is checked. A holder scores
	// every update of the round: checking all n shares for each was
	// O(n²) per holder and round.
	sh, err := s.vectorShare(tsk, update)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdScoreShare: %w", err)
	}
	// A set's additive key is λ_S times the party's Shamir share of the
	// dealer's key (mhe.Combiner), and at the top level the unsmudged
	// share (key switch, then the references' inner products) is linear in
	// the key modulo each prime: it is made once, with the Shamir share, and
	// scaled by each set's λ_S, exactly as if made with that set's key. A
	// holder in several sets pays one key switch of the update, not one
	// per set.
	var base [][]uint64
	if update.level == s.params.MaxLevel() && len(sets.sets) > 1 {
		if base, err = s.scoreContributions(&rlwe.SecretKey{Value: sh.Poly}, update, refs, masks); err != nil {
			return nil, fmt.Errorf("aggregation: GenThresholdScoreShare: %w", err)
		}
	}
	// Each set's additive key, λ_S·sh over Q (the key switch and the noise
	// seed use nothing else: mhe.Combiner's product, the same residues),
	// made in turn in one buffer.
	rq := s.params.RingQ()
	key := &rlwe.SecretKey{Value: ringqp.Poly{Q: rq.NewPoly()}}
	seedBuf := make([]byte, 8*rq.N())
	out := make([]*ScoreShare, len(sets.sets))
	for i, sorted := range sets.sets {
		for l, sr := range rq.SubRings {
			sr.MulScalarMontgomery(sh.Q.Coeffs[l], sets.mont[i][l], key.Value.Q.Coeffs[l])
		}
		share := &ScoreShare{party: tsk.party, mode: modeThreshold, point: tsk.point, active: sorted}
		if base == nil {
			if out[i], err = s.genCheckedScoreShare(key, set, update, refs, share, masks); err != nil {
				return nil, err
			}
			continue
		}
		values := scaledRows(rq, base, sets.lambda[i])
		out[i] = s.smudgedScoreShare(values, keyNoiseSeed(key.Value.Q, set.Hash(), seedBuf), set, update.level, refs, share)
	}
	return out, nil
}

// lagrangeAt returns the Lagrange coefficient at own of the active
// points, Π_{j≠own} x_j/(x_j − own), modulo each prime of Q: the factor
// mhe.Combiner's additive share applies to a Shamir share.
func (s *Scheme) lagrangeAt(own ShamirPoint, active []ShamirPoint) []uint64 {
	subRings := s.params.RingQ().SubRings
	out := make([]uint64, len(subRings))
	for l, sr := range subRings {
		q := sr.Modulus
		lambda := uint64(1)
		for _, x := range active {
			if x == own {
				continue
			}
			xj, xi := uint64(x)%q, uint64(own)%q
			inv := ring.ModExp((xj+q-xi)%q, q-2, q) // q is prime
			lambda = mulMod(mulMod(lambda, xj, q), inv, q)
		}
		out[l] = lambda
	}
	return out
}

// scaledRows returns values (one row per prime of r, from q0 on) times
// factor[l] modulo each prime.
func scaledRows(r *ring.Ring, values [][]uint64, factor []uint64) [][]uint64 {
	out := make([][]uint64, len(values))
	for l := range values {
		q := r.SubRings[l].Modulus
		out[l] = make([]uint64, len(values[l]))
		for j, v := range values[l] {
			out[l][j] = mulMod(v, factor[l], q)
		}
	}
	return out
}

func (s *Scheme) genScoreShare(sk *rlwe.SecretKey, set *ScoreSet, update *EncryptedVector, refs *References, out *ScoreShare) (*ScoreShare, error) {
	if err := s.checkProposedScoreSet(set, update, refs); err != nil {
		return nil, fmt.Errorf("aggregation: GenScoreShare: %w", err)
	}
	return s.genCheckedScoreShare(sk, set, update, refs, out, nil)
}

// checkProposedScoreSet recomputes the score set from the update and the
// references and refuses a proposed set that differs.
func (s *Scheme) checkProposedScoreSet(set *ScoreSet, update *EncryptedVector, refs *References) error {
	if set == nil {
		return fmt.Errorf("%w: ScoreSet is nil", ErrNilArgument)
	}
	want, err := s.Score(update, refs)
	if err != nil {
		return err
	}
	if got := set.Hash(); got != want.Hash() {
		return fmt.Errorf("%w: proposed set %s, recomputed %s from update %s; refuse to share and report the proposer",
			ErrScoreMismatch, got.TerminalString(), want.Hash().TerminalString(), update.Hash().TerminalString())
	}
	return nil
}

// genCheckedScoreShare makes the share of a score set checkProposedScoreSet passed.
func (s *Scheme) genCheckedScoreShare(sk *rlwe.SecretKey, set *ScoreSet, update *EncryptedVector, refs *References, out *ScoreShare, masks *Masks) (*ScoreShare, error) {
	values, err := s.scoreContributions(sk, update, refs, masks)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenScoreShare: %w", err)
	}
	return s.smudgedScoreShare(values, shareNoiseSeed(sk, set.Hash()), set, update.level, refs, out), nil
}

// scoreContributions is the unsmudged part of a score share under key sk:
// the references' inner products with the update's decryption
// contributions a_j·sk (one row per prime of the update's level).
// An update to score is at the top level (checkScoreInputs): each
// contribution is computed in a worker's buffer and its inner products
// taken there, one ciphertext at a time, instead of a fresh poly per
// ciphertext copied out of the key switch's and all of them held until
// the last was made (a holder scoring 100 updates of 100k values: 1,300
// polys of 256 kB, 5 s of copying into fresh memory in two rounds).
func (s *Scheme) scoreContributions(sk *rlwe.SecretKey, update *EncryptedVector, refs *References, masks *Masks) ([][]uint64, error) {
	level := update.level
	if level != s.params.MaxLevel() {
		return nil, fmt.Errorf("%w: only fresh updates (level %d) are scored, this vector is at level %d", ErrLevelMismatch, s.params.MaxLevel(), level)
	}
	return s.applyReferencesTo(refs, len(update.c0), true, func(top ring.Poly, j int) (ring.Poly, error) {
		// w_j = a_j·s_dealer in the coefficient domain, as in GenDecryptionShare.
		return top, s.keySwitch(sk.Value.Q, update.context, j, level, update.used(j), top, top, masks)
	})
}

// smudgedScoreShare adds to values, the unsmudged share under a key, the
// smudging noise of seed (shareNoiseSeed of that key and the score set),
// and fills out.
func (s *Scheme) smudgedScoreShare(values [][]uint64, seed [32]byte, set *ScoreSet, level int, refs *References, out *ScoreShare) *ScoreShare {
	ringL := s.params.RingQ().AtLevel(level)
	// Keyed like a decryption share's noise (shareNoiseSeed): the same
	// score set asked again gets the same share.
	sm := newSmudgerFrom(s.sigma, seed)
	for j := range refs.NumScores() {
		hiPart, loPart := sm.next(), sm.rng.Uint64N(uint64(1)<<refs.logSmug[j])
		// e = hiPart·2^m + loPart: a Gaussian of deviation σ·2^m, dithered
		// so that every integer is reachable.
		for l, sr := range ringL.SubRings {
			q := sr.Modulus
			pow := ring.ModExp(2, uint64(refs.logSmug[j]), q)
			ph, pl := bits.Mul64(signedMod(hiPart, q), pow)
			e := (bits.Rem64(ph, pl, q) + loPart%q) % q
			values[l][j] = (values[l][j] + e) % q
		}
	}
	out.ScoreSetHash = set.Hash()
	out.params = s.paramsHash
	out.level = level
	out.values = values
	return out
}

// Scores are the decrypted scalars of one update u of Length values:
// Reference = ⟨u, R_0⟩/‖R_0‖ (u against the unit reference direction) and
// Projections[j] = ⟨u, ρ_j⟩/sqrt(Length) (u against unit sign vectors).
// ReferenceProjections[j] = ⟨R_0, ρ_j⟩/(‖R_0‖·sqrt(Length)) are the same
// projections of the unit reference direction: public, the same for every
// update of a round, and what lets NormSquared use the exactly known
// component of u along the reference. A Scores value is a plain value, safe
// for concurrent reads.
type Scores struct {
	Length               int       `json:"length"`
	Reference            float64   `json:"reference"`
	Projections          []float64 `json:"projections"`
	ReferenceProjections []float64 `json:"reference_projections,omitempty"`
	// OutOfRange is set by DecryptScores when a score lies beyond what any
	// valid update can give (scoreBound): the update is not an encryption
	// of values within MaxAbsValue, and any aggregate that weighs it
	// decrypts beyond the bound Decrypt checks. Assess flags it
	// (FlagOutOfRange) whatever the rest of the round.
	OutOfRange bool `json:"out_of_range,omitempty"`
}

// NormSquared returns the Johnson–Lindenstrauss estimate of ‖u‖². With
// ReferenceProjections (as DecryptScores and PlainScores return them) it
// splits u = a·r̂ + u⊥ with a = Reference exact, removes a·r̂ from every
// projection and estimates only the rest:
//
//	‖u‖² ≈ a² + (Length/k)·Σ (Projections[j] − a·ReferenceProjections[j])²
//
// Without them it is (Length/k)·Σ Projections[j]². Both are unbiased; the
// relative standard deviation of the estimated part is at most sqrt(2/k)
// (17.7% for k = 64), so the split estimate is tighter the closer u is to
// the reference. Its ratio to ‖u‖² is at most χ²_k/k in distribution.
func (sc Scores) NormSquared() float64 {
	k := len(sc.Projections)
	if k == 0 {
		return 0
	}
	a := 0.0
	if len(sc.ReferenceProjections) == k {
		a = sc.Reference
	}
	var sum float64
	for j, p := range sc.Projections {
		if a != 0 {
			p -= a * sc.ReferenceProjections[j]
		}
		sum += p * p
	}
	return a*a + sum*float64(sc.Length)/float64(k)
}

// Norm returns the estimate of ‖u‖, sqrt(NormSquared()).
func (sc Scores) Norm() float64 { return math.Sqrt(sc.NormSquared()) }

// Cosine returns Reference/Norm(), the estimated cosine similarity between
// u and the reference update, clamped to [−1, 1]; 0 for a zero norm.
func (sc Scores) Cosine() float64 {
	n := sc.Norm()
	if n == 0 {
		return 0
	}
	return max(-1, min(1, sc.Reference/n))
}

// CheckScoreShare checks sh on its own as a share of set's scores under
// refs, as DecryptScores checks each share before it combines them: made
// under this scheme's parameters, bound to set's hash, at set's level with
// one reduced value per score, and a threshold share's point in its
// active set. A relay that collects score shares checks each as it comes
// and refuses it naming its sender; otherwise one malformed share fails
// the round's scoring with no one to blame. It cannot tell a wrong share
// from a right one of the same form (DecryptScoresChecked does, by
// redundancy).
func (s *Scheme) CheckScoreShare(set *ScoreSet, refs *References, sh *ScoreShare) error {
	if err := s.checkReferences(refs); err != nil {
		return fmt.Errorf("aggregation: CheckScoreShare: %w", err)
	}
	if err := s.checkScoreSet(set, refs); err != nil {
		return fmt.Errorf("aggregation: CheckScoreShare: %w", err)
	}
	if err := s.checkScoreShareOf(set, set.Hash(), refs, "score share", sh); err != nil {
		return fmt.Errorf("aggregation: CheckScoreShare: %w", err)
	}
	return nil
}

// checkScoreShareOf is CheckScoreShare for a score set and references
// already checked, the set's hash being hash; what names the share in
// errors.
func (s *Scheme) checkScoreShareOf(set *ScoreSet, hash common.Hash, refs *References, what string, sh *ScoreShare) error {
	if sh == nil || len(sh.values) == 0 {
		return fmt.Errorf("%w: %s is nil or empty", ErrNilArgument, what)
	}
	if err := s.checkParams(what, sh.params); err != nil {
		return err
	}
	if sh.ScoreSetHash != hash {
		return fmt.Errorf("%w: %s (party %s) decrypts %s, not %s", ErrWrongScoreSet, what, sh.party, sh.ScoreSetHash.TerminalString(), hash.TerminalString())
	}
	if sh.mode == modeThreshold && !slices.Contains(sh.active, sh.point) {
		return fmt.Errorf("%w: %s has point %d outside its active set %v", ErrInvalidThreshold, what, sh.point, sh.active)
	}
	if sh.level != set.level || len(sh.values) != len(set.values) {
		return fmt.Errorf("%w: %s is at level %d, the score set at %d", ErrLevelMismatch, what, sh.level, set.level)
	}
	return checkScalarRows(what, s.params.RingQ(), sh.values, refs.NumScores())
}

// DecryptScores combines the score shares of set and returns the scores.
// As Decrypt, it needs exactly one share from every party of the update's
// key (n-of-n) or from every point of a common active set (threshold).
// Shares bound to another set (ErrWrongScoreSet), duplicated
// (ErrDuplicateShare), missing (ErrMissingShares), of mixed modes or of the
// wrong shape are refused. The error of each score has standard deviation
// at most 2·ScoreErrorStdDev(len(shares)).
func (s *Scheme) DecryptScores(set *ScoreSet, refs *References, shares []*ScoreShare) (Scores, error) {
	if err := s.checkReferences(refs); err != nil {
		return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w", err)
	}
	if err := s.checkScoreSet(set, refs); err != nil {
		return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w", err)
	}
	if len(shares) == 0 {
		return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: no score shares", ErrMissingShares)
	}
	hash := set.Hash()
	parties := make(map[PartyID]bool, len(shares))
	points := make(map[ShamirPoint]bool, len(shares))
	for i, sh := range shares {
		if err := s.checkScoreShareOf(set, hash, refs, fmt.Sprintf("score share %d", i), sh); err != nil {
			return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w", err)
		}
		if sh.mode != shares[0].mode {
			return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: share %d mixes n-of-n and threshold shares", ErrInvalidThreshold, i)
		}
		if parties[sh.party] {
			return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: party %s sent two shares", ErrDuplicateShare, sh.party)
		}
		parties[sh.party] = true
		if sh.mode == modeThreshold {
			if !slices.Equal(sh.active, shares[0].active) {
				return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: share %d was made for active set %v, share 0 for %v; all shares must use the same active set", ErrInvalidThreshold, i, sh.active, shares[0].active)
			}
			if points[sh.point] {
				return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: Shamir point %d sent two shares", ErrDuplicateShare, sh.point)
			}
			points[sh.point] = true
		}
	}
	if shares[0].mode == modeThreshold {
		if want := len(shares[0].active); len(shares) != want {
			return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: %d of the %d active parties sent shares", ErrMissingShares, len(shares), want)
		}
	} else if len(shares) != 1 || shares[0].party != set.dealer {
		return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: n-of-n scores decrypt with the one share of the update's dealer %s", ErrMissingShares, set.dealer)
	}
	ringL := s.params.RingQ().AtLevel(set.level)
	acc := make([][]uint64, len(set.values))
	for l, sr := range ringL.SubRings {
		q := sr.Modulus
		acc[l] = append([]uint64(nil), set.values[l]...)
		for _, sh := range shares {
			for j, v := range sh.values[l] {
				acc[l][j] = (acc[l][j] + v) % q
			}
		}
	}
	raw := make([]float64, refs.NumScores())
	s.decode(ring.Poly{Coeffs: acc}, set.level, raw) // ⟨u, R⟩ + noise/Δ
	out := refs.scores(raw)
	out.OutOfRange = s.scoresOutOfRange(refs, out, len(shares))
	return out, nil
}

// scoresOutOfRange reports whether a score of sc, decrypted with the
// given number of shares, lies beyond scoreBound by more than the shares'
// smudging noise (scoreTolerance) can move it.
func (s *Scheme) scoresOutOfRange(refs *References, sc Scores, shares int) bool {
	bound := s.scoreBound(refs)
	for j := range refs.NumScores() {
		v := sc.Reference
		if j > 0 {
			v = sc.Projections[j-1]
		}
		if !(math.Abs(v) <= bound+s.scoreTolerance(refs, j, shares, bound)) {
			return true
		}
	}
	return false
}

// scoreBound is the largest magnitude a score of a valid update can have:
// every value is at most MaxAbsValue, so |⟨u, R⟩|/‖R‖ ≤ ‖u‖ ≤
// sqrt(Length)·MaxAbsValue for the reference and for each sign vector.
// An upload whose c0 is not an encryption of such values (uniform
// residues, say) scores uniformly over ±Q/(2Δ·‖R‖), at least four times
// this bound for every score (NewReferences leaves that room; for a
// projection usually far more), so 1+k scores all land within it with
// chance at most 4^-(1+k). Scores within it do not prove an update valid: an
// update can be out of range where no score looks.
func (s *Scheme) scoreBound(refs *References) float64 {
	return math.Sqrt(float64(refs.length)) * s.maxAbs
}

// scores turns the inner products ⟨u, R_j⟩ into Scores.
func (r *References) scores(dots []float64) Scores {
	out := Scores{Length: r.length, Reference: dots[0] / r.scoreNorm(0), Projections: make([]float64, r.k), ReferenceProjections: slices.Clone(r.refProj)}
	for j := 1; j <= r.k; j++ {
		out.Projections[j-1] = dots[j] / r.scoreNorm(j)
	}
	return out
}

// PlainScores is the plaintext reference of Score followed by
// DecryptScores: the same scalars, computed exactly from update and the
// same encoded references, without encryption or noise. The encrypted
// scores match it within the decryption error (ScoreErrorStdDev) plus the
// encoding rounding of u (2^-LogScale per value).
func PlainScores(update []float64, refs *References) (Scores, error) {
	if refs == nil || refs.ref == nil {
		return Scores{}, fmt.Errorf("aggregation: PlainScores: %w: References is nil", ErrNilArgument)
	}
	if len(update) != refs.length {
		return Scores{}, fmt.Errorf("aggregation: PlainScores: %w: update holds %d values, the references score %d", ErrLengthMismatch, len(update), refs.length)
	}
	dots := make([]float64, refs.NumScores())
	for g, x := range update {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Scores{}, fmt.Errorf("aggregation: PlainScores: %w: update[%d] is %v", ErrInvalidValue, g, x)
		}
		dots[0] += x * float64(refs.ref[g])
		sg := refs.signs[g]
		for j := 1; j <= refs.k; j++ {
			if sg>>(j-1)&1 == 1 {
				dots[j] -= x
			} else {
				dots[j] += x
			}
		}
	}
	return refs.scores(dots), nil
}

// ScoreErrorStdDev returns the standard deviation of the decryption error
// of one score (in units of the score, which is an inner product with a
// unit vector) when the given number of shares each add smudging noise:
// sqrt(shares)·σ/Δ, times at most 2 (the smudging is scaled to the next
// power of two above ‖R‖).
func (s *Scheme) ScoreErrorStdDev(shares int) float64 {
	return s.ErrorStdDev(shares)
}

// ScoreSecurityBits returns the statistical security, in bits, of the
// score shares that reveal the given number of scalars (1+k per scored
// update, summed over the updates, rounds and repeated decryptions under a
// key). The secret-dependent noise of a score against R is ⟨e, R⟩ with e
// the fresh encryption error of the update's dealer (seeded secret-key
// encryption: deviation σ_e = 3.2, whatever the number of parties), of
// deviation σ_e·‖R‖, and each share adds a smudging of deviation at least
// σ·‖R‖; by the Pinsker argument of doc.go the bound is
// sqrt(scalars)·σ_e/(2σ).
func (s *Scheme) ScoreSecurityBits(scalars int) float64 {
	sigmaE := s.params.Xe().(ring.DiscreteGaussian).Sigma
	return math.Log2(2 * s.sigma / (math.Sqrt(float64(scalars)) * sigmaE))
}

// maxScores bounds the scores accepted from the wire.
const maxScores = 1 + MaxProjections

// MarshalBinary encodes the set deterministically.
func (ss *ScoreSet) MarshalBinary() ([]byte, error) {
	if ss == nil || len(ss.values) == 0 {
		return nil, fmt.Errorf("%w: ScoreSet is nil or empty", ErrNilArgument)
	}
	return marshal(200+8*len(ss.values)*len(ss.values[0]), func(e *encoder) {
		e.header(kindScoreSet, ss.params)
		e.bytes32(ss.updateHash)
		e.bytes32(ss.refsHash)
		e.bytes32(ss.keyHash)
		e.write(ss.dealer[:])
		e.u64(uint64(ss.length))
		e.u8(uint8(ss.level))
		encodeScalarRows(e, ss.values)
	})
}

// UnmarshalBinary decodes a set produced by MarshalBinary. It checks the
// structure; DecryptScores and GenScoreShare check it against the Scheme
// and the references. Errors wrap ErrMalformed.
func (ss *ScoreSet) UnmarshalBinary(p []byte) error {
	d, params := newDecoder(p, kindScoreSet)
	updateHash := d.bytes32()
	refsHash := d.bytes32()
	keyHash := d.bytes32()
	var dealer PartyID
	copy(dealer[:], d.take(len(dealer)))
	length := d.u64()
	level := int(d.u8())
	if d.err == nil && (length == 0 || length > maxVectorLen) {
		d.fail(fmt.Sprintf("vector length %d is outside 1..2^40", length))
	}
	values := decodeScalarRows(d, level)
	if err := d.done(); err != nil {
		return err
	}
	*ss = ScoreSet{params: params, updateHash: updateHash, refsHash: refsHash, keyHash: keyHash, dealer: dealer, length: int(length), level: level, values: values, hash: &hashCache{}}
	return nil
}

// MarshalBinary encodes the share.
func (sh *ScoreShare) MarshalBinary() ([]byte, error) {
	if sh == nil || len(sh.values) == 0 {
		return nil, fmt.Errorf("%w: ScoreShare is nil or empty", ErrNilArgument)
	}
	return marshal(128+8*len(sh.active)+8*len(sh.values)*len(sh.values[0]), func(e *encoder) {
		e.header(kindScoreShare, sh.params)
		e.bytes32(sh.ScoreSetHash)
		encodeShareOrigin(e, sh.party, sh.mode, sh.point, sh.active)
		e.u8(uint8(sh.level))
		encodeScalarRows(e, sh.values)
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (sh *ScoreShare) UnmarshalBinary(p []byte) error {
	d, params := newDecoder(p, kindScoreShare)
	setHash := d.bytes32()
	party, mode, point, active := decodeShareOrigin(d)
	level := int(d.u8())
	values := decodeScalarRows(d, level)
	if err := d.done(); err != nil {
		return err
	}
	if mode == modeThreshold {
		if err := checkActiveSet(active); err != nil {
			return fmt.Errorf("%w: ScoreShare: %v", ErrMalformed, err)
		}
	}
	*sh = ScoreShare{ScoreSetHash: setHash, params: params, party: party, mode: mode, point: point, active: active, level: level, values: values}
	return nil
}

// encodeScalarRows writes scores u32 | rows u8 | rows × scores u64 residues.
func encodeScalarRows(e *encoder, rows [][]uint64) {
	e.u32(uint32(len(rows[0])))
	e.u8(uint8(len(rows)))
	for _, row := range rows {
		for _, v := range row {
			e.u64(v)
		}
	}
}

// decodeScalarRows reads what encodeScalarRows wrote; the row count must be
// level+1.
func decodeScalarRows(d *decoder, level int) [][]uint64 {
	scores := int(d.u32())
	rows := int(d.u8())
	if d.err != nil {
		return nil
	}
	if scores < 1 || scores > maxScores {
		d.fail(fmt.Sprintf("score count %d is outside 1..%d", scores, maxScores))
		return nil
	}
	if rows != level+1 || rows > maxRowsWire {
		d.fail(fmt.Sprintf("%d residue rows at level %d, want %d", rows, level, level+1))
		return nil
	}
	if rows*scores*8 > len(d.b) {
		d.fail(fmt.Sprintf("truncated: %d residues need %d bytes, have %d", rows*scores, rows*scores*8, len(d.b)))
		return nil
	}
	out := make([][]uint64, rows)
	for l := range out {
		out[l] = make([]uint64, scores)
		for j := range out[l] {
			out[l][j] = d.u64()
		}
	}
	return out
}

// ScoringSeed is the public seed of round r's projection vectors: fixed by
// the updates committed on chain (in contributor order), so no one can pick
// projections after seeing an update, and everyone recomputes it.
func ScoringSeed(study uint64, round uint32, updates []common.Hash) [32]byte {
	var id [12]byte
	binary.BigEndian.PutUint64(id[:8], study)
	binary.BigEndian.PutUint32(id[8:], round)
	parts := [][]byte{[]byte("cohort/v1 scoring seed"), id[:]}
	for _, h := range updates {
		parts = append(parts, h.Bytes())
	}
	return CommonSeed(parts...)
}
