package aggregation

import (
	"crypto/aes"
	"crypto/cipher"
	crand "crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/big"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// EncryptionContext names one use of the parties' keys: a study, a protocol
// phase and a round. The public mask polynomial a of every ciphertext is
// expanded from it (and the ciphertext's index), so that no party chooses
// the c1 half of what it sends: see doc.go, "Seeded secret-key encryption".
// A party must never encrypt two different vectors under the same context:
// c0 - c0' would reveal their difference.
type EncryptionContext [32]byte

// NewEncryptionContext derives the context of one phase of one round of a
// study; the parts are length-prefixed as in CommonSeed.
func NewEncryptionContext(study uint64, phase string, round uint32) EncryptionContext {
	return EncryptionContext(CommonSeed(
		binary.BigEndian.AppendUint64(nil, study),
		[]byte(phase),
		binary.BigEndian.AppendUint32(nil, round),
	))
}

// The protocol phases that encrypt under the members' key shares.
const (
	PhaseTrain   = "train"
	PhaseMoments = "moments"
)

// TrainContext is the encryption context of a study's training round.
func TrainContext(study uint64, round uint32) EncryptionContext {
	return NewEncryptionContext(study, PhaseTrain, round)
}

// MomentsContext is the encryption context of one run (session) of a
// study's moments phase: a run computes its moments once, so a key share
// never encrypts two different plaintexts under one context.
func MomentsContext(study uint64, session []byte) EncryptionContext {
	return NewEncryptionContext(study, PhaseMoments+":"+hex.EncodeToString(session), 0)
}

// DealerID is the public dealer id of a study's member (its address bytes):
// every update the member sends must name it, which the coordinator and the
// share holders check, so that nobody can have an update decrypted under
// another member's key share.
func DealerID(study uint64, member []byte) PartyID {
	return PartyIDOf(binary.BigEndian.AppendUint64(nil, study), member)
}

// DealerIDAt is the dealer id of a member's key of key epoch epoch: a
// member that lost its key (a reinstalled node) deals a fresh one under
// the next epoch, and its earlier key, which earlier updates were
// encrypted under, stays with the holders under its own id. Epoch 0 is
// DealerID, the id of every member's first key. The parts are
// length-prefixed (PartyIDOf), so no epoch's id is another member's or
// another epoch's.
func DealerIDAt(study uint64, member []byte, epoch uint32) PartyID {
	if epoch == 0 {
		return DealerID(study, member)
	}
	return PartyIDOf(binary.BigEndian.AppendUint64(nil, study), member, binary.BigEndian.AppendUint32(nil, epoch))
}

// KeyEpoch is the latest key epoch of member among held, the dealer ids
// a threshold share holds shares of: the largest e with the ids of epochs
// 0 to e all held (a member's epochs follow one another: see
// NextDealerID). ok is false when held has no key of member's.
func KeyEpoch(study uint64, member []byte, held []PartyID) (epoch uint32, ok bool) {
	for e := uint32(0); ; e++ {
		if int(e) >= len(held) || !slices.Contains(held, DealerIDAt(study, member, e)) {
			if e == 0 {
				return 0, false
			}
			return e - 1, true
		}
	}
}

// MaxKeyEpoch bounds the key epochs DealerEpoch looks through: a member
// gets one per time it left the study and joined again.
const MaxKeyEpoch = 1 << 12

// DealerEpoch is the key epoch e of member's key with dealer id id
// (DealerIDAt(study, member, e) == id), looked for up to MaxKeyEpoch; ok
// is false for an id of no key of member's.
func DealerEpoch(study uint64, member []byte, id PartyID) (epoch uint32, ok bool) {
	for e := uint32(0); e <= MaxKeyEpoch; e++ {
		if DealerIDAt(study, member, e) == id {
			return e, true
		}
	}
	return 0, false
}

// LatestDealerID is the dealer id of member's latest key among held
// (KeyEpoch), the one its updates are encrypted under; DealerID when held
// has none of its keys.
func LatestDealerID(study uint64, member []byte, held []PartyID) PartyID {
	e, _ := KeyEpoch(study, member, held)
	return DealerIDAt(study, member, e)
}

// NextDealerID is the only dealer id under which the holders of held take
// in a dealing of member's own key: DealerID for a member with no key
// among them, else the id of the epoch after its latest. A member never
// replaces a key (the id of a key held is refused, AddDealer), and deals
// at most one new key per re-sharing.
func NextDealerID(study uint64, member []byte, held []PartyID) PartyID {
	e, ok := KeyEpoch(study, member, held)
	if !ok {
		return DealerID(study, member)
	}
	return DealerIDAt(study, member, e+1)
}

// Term is one contributor of a vector: the dealer whose secret-key share
// encrypted it and its integer weight. A fresh update has one term of
// weight 1; an aggregate has one term per summed update with weight
// round(w·q_top), so it decrypts under Σ weight·s_dealer.
type Term struct {
	Dealer PartyID
	Weight uint64
}

// maskNTT writes a_j, the public mask of ciphertext j under ctx, into out
// (top level, NTT domain). a_j is uniform given the context: deterministic,
// the same on every machine, and chosen by nobody. It is expanded with
// AES-256 in counter mode keyed by Keccak-256(domain, ctx, j), a standard
// XOF for seeded RLWE masks and several times faster than Lattigo's
// BLAKE2b-based keyed PRNG (which made mask expansion most of the cost of
// encrypting and of every decryption share).
func (s *Scheme) maskNTT(ctx EncryptionContext, j int, out ring.Poly) error {
	key := crypto.Keccak256([]byte("cohort/aggregation/mask/v2"), ctx[:], binary.BigEndian.AppendUint64(nil, uint64(j)))
	prng, err := newCTRStream(key)
	if err != nil {
		return err
	}
	ring.NewUniformSampler(prng, s.params.RingQ().AtLevel(s.params.MaxLevel())).Read(out)
	return nil
}

// Masks keeps the masks a_j of one encryption context (top level, NTT
// domain), each expanded once (maskNTT: AES-256-CTR and rejection
// sampling, about a third of a key switch) and reused for every vector
// encrypted under the context: every update of a round has the same
// masks, and a share holder key-switches each of the round's updates
// with its share of the update's dealer's key. They are public. A holder
// makes them for one task and drops them with it; a vector of another
// context, or a Scheme of other parameters, does not use them (its masks
// are expanded as without). Memory: one top-level poly per ciphertext
// (256 kB per 8,192 values at the default parameters). Safe for
// concurrent use.
type Masks struct {
	params common.Hash
	ctx    EncryptionContext
	mu     sync.Mutex
	polys  map[int]ring.Poly
}

// NewMasks returns an empty Masks for ctx, filled as key switches ask.
func (s *Scheme) NewMasks(ctx EncryptionContext) *Masks {
	return &Masks{params: s.paramsHash, ctx: ctx, polys: map[int]ring.Poly{}}
}

// of returns a_j of ctx from m, expanding it on first use, or false when m
// is nil or holds another context's or scheme's masks. The poly returned
// is shared: read it only.
func (m *Masks) of(s *Scheme, ctx EncryptionContext, j int) (ring.Poly, bool, error) {
	if m == nil || m.ctx != ctx || m.params != s.paramsHash {
		return ring.Poly{}, false, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if p, ok := m.polys[j]; ok {
		return p, true, nil
	}
	p := s.params.RingQ().AtLevel(s.params.MaxLevel()).NewPoly()
	if err := s.maskNTT(ctx, j, p); err != nil {
		return ring.Poly{}, false, err
	}
	m.polys[j] = p
	return p, true, nil
}

// ctrStream is a deterministic byte stream: the AES-256-CTR key stream of
// its key (zero IV; every key is used for one stream only).
type ctrStream struct{ stream cipher.Stream }

func newCTRStream(key []byte) (*ctrStream, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("aggregation: AES-CTR stream: %w", err)
	}
	var iv [aes.BlockSize]byte
	return &ctrStream{stream: cipher.NewCTR(block, iv[:])}, nil
}

func (c *ctrStream) Read(p []byte) (int, error) {
	clear(p)
	c.stream.XORKeyStream(p, p)
	return len(p), nil
}

// encryptChunk writes the seeded secret-key encryption of values under sk
// into c0 (top level, coefficient domain, reduced, zero beyond the values):
// c0 = -a_j·s + e + Δ·m with e drawn from the scheme's error distribution.
func (s *Scheme) encryptChunk(sk *rlwe.SecretKey, ctx EncryptionContext, j int, values []float64, c0, buf ring.Poly, noise ring.Sampler) error {
	r := s.params.RingQ().AtLevel(s.params.MaxLevel())
	if err := s.maskNTT(ctx, j, buf); err != nil {
		return err
	}
	r.MulCoeffsMontgomery(buf, sk.Value.Q, c0)
	r.INTT(c0, c0)
	r.Neg(c0, c0)
	noise.ReadAndAdd(c0)
	r.Reduce(c0, c0)
	s.addEncoded(c0, values)
	return nil
}

// newNoiseSampler returns a sampler of the encryption error (the scheme's
// error distribution) drawing from an AES-CTR stream keyed from
// crypto/rand. It is owned by one goroutine.
func (s *Scheme) newNoiseSampler() (ring.Sampler, error) {
	var key [32]byte
	if _, err := crand.Read(key[:]); err != nil {
		return nil, fmt.Errorf("aggregation: noise key: %w", err)
	}
	prng, err := newCTRStream(key[:])
	if err != nil {
		return nil, err
	}
	smp, err := ring.NewSampler(prng, s.params.RingQ().AtLevel(s.params.MaxLevel()), s.params.Xe(), false)
	if err != nil {
		return nil, fmt.Errorf("aggregation: noise sampler: %w", err)
	}
	return smp, nil
}

// keySwitch writes into out (at level, coefficient domain, reduced, zero
// from used on) the decryption contribution a_j·key of ciphertext j under
// ctx, where key is an additive key share at the top level (NTT,
// Montgomery form). For an aggregate (level top-1) the product is rescaled
// by q_top with the same rounding as the weighted sum, so c0 + Σ shares
// decrypts. top is a top-level scratch poly; at the top level out may be
// top itself. masks, if not nil, keeps a_j of ctx (see Masks).
func (s *Scheme) keySwitch(key ring.Poly, ctx EncryptionContext, j, level, used int, top, out ring.Poly, masks *Masks) error {
	maxLevel := s.params.MaxLevel()
	r := s.params.RingQ().AtLevel(maxLevel)
	mask, kept, err := masks.of(s, ctx, j)
	if err != nil {
		return err
	}
	if !kept {
		if err := s.maskNTT(ctx, j, top); err != nil {
			return err
		}
		mask = top
	}
	r.MulCoeffsMontgomery(mask, key, top)
	r.INTT(top, top)
	r.Reduce(top, top)
	if level == maxLevel {
		if &out.Coeffs[0][0] != &top.Coeffs[0][0] { // out may be top itself
			out.Copy(top)
		}
	} else {
		r.DivRoundByLastModulus(top, out)
		s.params.RingQ().AtLevel(level).Reduce(out, out)
	}
	for _, row := range out.Coeffs[:level+1] {
		clear(row[used:])
	}
	return nil
}

// mulScalarThenAdd sets acc += c·p on every RNS row of r, reducing c modulo
// each prime first (weights may exceed the smallest prime).
func mulScalarThenAdd(r *ring.Ring, p ring.Poly, c uint64, acc ring.Poly) {
	for i, sr := range r.SubRings[:r.Level()+1] {
		q := sr.Modulus
		sr.MulScalarMontgomeryThenAdd(p.Coeffs[i], ring.MForm(c%q, q, sr.BRedConstant), acc.Coeffs[i])
	}
}

// weightOf encodes a plaintext weight as the integer the aggregate records:
// round(w·q_top), which must fit in 64 bits.
func (s *Scheme) weightOf(i int, w float64) (uint64, error) {
	c := s.encodeWeight(w)
	if !c.IsUint64() {
		return 0, fmt.Errorf("%w: weight %d is %g; weights above 2^%d cannot be encoded", ErrInvalidWeight, i, w, 64-s.cfg.LogQ[len(s.cfg.LogQ)-1])
	}
	return c.Uint64(), nil
}

// termInts returns the weights of terms as big integers, for the kernel.
func termInts(terms []Term) []*big.Int {
	out := make([]*big.Int, len(terms))
	for i, t := range terms {
		out[i] = new(big.Int).SetUint64(t.Weight)
	}
	return out
}

// DecryptOwn opens a fresh update with its dealer's own key share: a party
// can check what it sent, and nobody else can (the key share never leaves
// it). It refuses an update of another dealer.
func (s *Scheme) DecryptOwn(sk *SecretShare, v *EncryptedVector) ([]float64, error) {
	if err := s.checkSecretShare(sk); err != nil {
		return nil, fmt.Errorf("aggregation: DecryptOwn: %w", err)
	}
	if err := s.checkVector("update", v); err != nil {
		return nil, fmt.Errorf("aggregation: DecryptOwn: %w", err)
	}
	if v.level != s.params.MaxLevel() || v.terms[0].Dealer != sk.id {
		return nil, fmt.Errorf("aggregation: DecryptOwn: %w: the vector is not a fresh update of party %s", ErrKeyMismatch, sk.id)
	}
	r := s.params.RingQ()
	out := make([]float64, v.length)
	top := r.NewPoly()
	for j, c0 := range v.c0 {
		h := r.NewPoly()
		if err := s.keySwitch(sk.sk.Value.Q, v.context, j, v.level, v.used(j), top, h, nil); err != nil {
			return nil, err
		}
		r.Add(h, c0, h)
		s.decode(h, v.level, out[j*s.Slots():min((j+1)*s.Slots(), v.length)])
	}
	return out, nil
}

// ShapeUpload returns a copy of the fresh update v whose c0 rows were
// changed by shape (row l of ciphertext j holds the values used by the
// vector, modulo moduli[l]; shape must keep them reduced). c0 is all a
// hospital sends, so this is every freedom a hostile hospital has over its
// upload; it exists to play the key-extraction attack in evaluations and
// tests, and honest parties never call it.
func (s *Scheme) ShapeUpload(v *EncryptedVector, shape func(ciphertext int, rows [][]uint64, moduli []uint64)) (*EncryptedVector, error) {
	if err := s.checkVector("update", v); err != nil {
		return nil, fmt.Errorf("aggregation: ShapeUpload: %w", err)
	}
	moduli := s.params.Q()[:v.level+1]
	out := *v
	out.c0 = make([]ring.Poly, len(v.c0))
	out.hash = &hashCache{}
	for j, p := range v.c0 {
		q := p.CopyNew()
		rows := make([][]uint64, len(q.Coeffs))
		for l := range rows {
			rows[l] = q.Coeffs[l][:v.used(j)]
		}
		shape(j, rows, moduli)
		out.c0[j] = *q
	}
	if err := s.checkVector("shaped update", &out); err != nil {
		return nil, fmt.Errorf("aggregation: ShapeUpload: %w", err)
	}
	return &out, nil
}
