package aggregation

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/mhe"
	"github.com/tuneinsight/lattigo/v5/ring"
	"github.com/tuneinsight/lattigo/v5/ring/ringqp"
	"github.com/tuneinsight/lattigo/v5/utils/sampling"
)

// PartyID is a random public identifier chosen with a secret-key share. It
// lets the combining steps detect the same party's share twice; it carries
// no information about the secret.
type PartyID [16]byte

// String returns the identifier in hexadecimal.
func (id PartyID) String() string { return hex.EncodeToString(id[:]) }

// SecretShare is one party's share of the collective secret key: the
// collective key is the sum of all parties' shares. It must never leave the
// party unencrypted; MarshalBinary exists so that the caller can keep it in
// an encrypted keystore. A SecretShare is immutable and safe for concurrent
// use.
type SecretShare struct {
	params common.Hash
	id     PartyID
	sk     *rlwe.SecretKey
}

// ID returns the party identifier attached to the share.
func (sk *SecretShare) ID() PartyID { return sk.id }

// NewPartyID draws a random PartyID, for a member that joins a study by
// re-sharing (AggregateReshareShares) rather than with a SecretShare.
func NewPartyID() (PartyID, error) {
	var id PartyID
	if _, err := rand.Read(id[:]); err != nil {
		return PartyID{}, fmt.Errorf("aggregation: drawing a party id: %w", err)
	}
	return id, nil
}

// GenSecretShare samples a fresh secret-key share (uniform ternary) and a
// random PartyID.
func (s *Scheme) GenSecretShare() (*SecretShare, error) {
	id, err := NewPartyID()
	if err != nil {
		return nil, err
	}
	return s.GenSecretShareFor(id), nil
}

// GenSecretShareFor samples a fresh secret-key share for the party id. The
// daemons derive id from the study and the member's address (PartyIDOf), so
// that anyone can check that an update names its sender as dealer.
func (s *Scheme) GenSecretShareFor(id PartyID) *SecretShare {
	sk := rlwe.NewKeyGenerator(s.params).GenSecretKeyNew()
	return &SecretShare{params: s.paramsHash, id: id, sk: sk}
}

// PartyIDOf derives a public party identifier from public data (for
// example a study id and a member's address), length-prefixed as in
// CommonSeed.
func PartyIDOf(parts ...[]byte) PartyID {
	seed := CommonSeed(append([][]byte{[]byte("cohort/aggregation/party/v1")}, parts...)...)
	var id PartyID
	copy(id[:], seed[:])
	return id
}

// MarshalBinary encodes the share. The result is secret key material.
func (sk *SecretShare) MarshalBinary() ([]byte, error) {
	if sk == nil || sk.sk == nil {
		return nil, fmt.Errorf("%w: SecretShare is nil", ErrNilArgument)
	}
	return marshal(64+sk.sk.Value.BinarySize(), func(e *encoder) {
		e.header(kindSecretShare, sk.params)
		e.write(sk.id[:])
		e.polyQP(sk.sk.Value)
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (sk *SecretShare) UnmarshalBinary(p []byte) error {
	d, params := newDecoder(p, kindSecretShare)
	var id PartyID
	copy(id[:], d.take(len(id)))
	v := d.polyQP()
	if err := d.done(); err != nil {
		return err
	}
	*sk = SecretShare{params: params, id: id, sk: &rlwe.SecretKey{Value: v}}
	return nil
}

func (s *Scheme) checkSecretShare(sk *SecretShare) error {
	if sk == nil || sk.sk == nil {
		return fmt.Errorf("%w: SecretShare is nil", ErrNilArgument)
	}
	if err := s.checkParams("SecretShare", sk.params); err != nil {
		return err
	}
	return s.checkPolyQP("SecretShare", sk.sk.Value)
}

// PublicKeyShare is one party's contribution to the collective public key,
// bound to the common reference string it was computed for. It is public,
// immutable and safe for concurrent use.
type PublicKeyShare struct {
	params common.Hash
	crs    [32]byte
	id     PartyID
	share  mhe.PublicKeyGenShare
}

// Party returns the identifier of the party that produced the share.
func (pks *PublicKeyShare) Party() PartyID { return pks.id }

// GenPublicKeyShare computes the party's public-key share -a·s_i + e_i, where
// a is the common polynomial expanded from crs (see CommonSeed). The error
// e_i is drawn from a PRNG keyed by the secret and crs, so one secret gives
// one share per crs however often it is asked: shares of one secret with
// fresh errors would average the errors away and reveal s_i (a member
// that joins after key generation sends its share with every dealing of
// its key, and a coordinator may ask it to deal again).
func (s *Scheme) GenPublicKeyShare(sk *SecretShare, crs [32]byte) (*PublicKeyShare, error) {
	if err := s.checkSecretShare(sk); err != nil {
		return nil, fmt.Errorf("aggregation: GenPublicKeyShare: %w", err)
	}
	prng, err := crsPRNG(crs, "pk")
	if err != nil {
		return nil, err
	}
	proto := mhe.NewPublicKeyGenProtocol(s.params)
	crp := proto.SampleCRP(prng)
	secret, err := sk.sk.Value.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenPublicKeyShare: %w", err)
	}
	errPRNG, err := sampling.NewKeyedPRNG(crypto.Keccak256([]byte("cohort/aggregation/pk-share-error/v1"), crs[:], secret))
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenPublicKeyShare: %w", err)
	}
	gaussian, err := ring.NewSampler(errPRNG, s.params.RingQ(), s.params.Xe(), false)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenPublicKeyShare: %w", err)
	}
	// What mhe.PublicKeyGenProtocol.GenShare does, with that sampler.
	share := proto.AllocateShare()
	gaussian.Read(share.Value.Q)
	rqp := s.params.RingQP()
	if rqp.RingP != nil {
		rqp.ExtendBasisSmallNormAndCenter(share.Value.Q, s.params.MaxLevelP(), share.Value.Q, share.Value.P)
	}
	rqp.NTT(share.Value, share.Value)
	rqp.MForm(share.Value, share.Value)
	rqp.MulCoeffsMontgomeryThenSub(sk.sk.Value, crp.Value, share.Value)
	s.reduceQP(share.Value)
	return &PublicKeyShare{params: s.paramsHash, crs: crs, id: sk.id, share: share}, nil
}

// MarshalBinary encodes the share.
func (pks *PublicKeyShare) MarshalBinary() ([]byte, error) {
	if pks == nil || pks.share.Value.Q.Coeffs == nil {
		return nil, fmt.Errorf("%w: PublicKeyShare is nil", ErrNilArgument)
	}
	return marshal(96+pks.share.BinarySize(), func(e *encoder) {
		e.header(kindPublicKeyShare, pks.params)
		e.bytes32(pks.crs)
		e.write(pks.id[:])
		e.polyQP(pks.share.Value)
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (pks *PublicKeyShare) UnmarshalBinary(p []byte) error {
	d, params := newDecoder(p, kindPublicKeyShare)
	crs := d.bytes32()
	var id PartyID
	copy(id[:], d.take(len(id)))
	v := d.polyQP()
	if err := d.done(); err != nil {
		return err
	}
	*pks = PublicKeyShare{params: params, crs: crs, id: id, share: mhe.PublicKeyGenShare{Value: v}}
	return nil
}

// PublicKey is the collective public key: encryptions under it can only be
// decrypted with every party's share (or, after thresholdisation, any t of
// them). It records the CRS and the sorted party identifiers it was combined
// from; Hash covers all of it. It is immutable and safe for concurrent use.
type PublicKey struct {
	params  common.Hash
	crs     [32]byte
	parties []PartyID
	pk      *rlwe.PublicKey
	hash    common.Hash
}

// Parties returns the sorted identifiers of the parties whose shares form
// the key. Their number is the number of decryption shares Decrypt needs.
func (pk *PublicKey) Parties() []PartyID { return append([]PartyID(nil), pk.parties...) }

// Hash returns keccak256(MarshalBinary()), the value committed on chain.
func (pk *PublicKey) Hash() common.Hash { return pk.hash }

// CRS returns the common reference string the key was made for: a member
// that joins later makes its public-key share for it.
func (pk *PublicKey) CRS() [32]byte { return pk.crs }

// CombinePublicKey sums the parties' public-key shares into the collective
// public key. Every share must be bound to crs and come from a distinct
// party. The result does not depend on the order of shares.
func (s *Scheme) CombinePublicKey(crs [32]byte, shares []*PublicKeyShare) (*PublicKey, error) {
	if len(shares) == 0 {
		return nil, fmt.Errorf("aggregation: CombinePublicKey: %w: no public-key shares", ErrEmptyInput)
	}
	seen := make(map[PartyID]bool, len(shares))
	parties := make([]PartyID, 0, len(shares))
	for i, sh := range shares {
		if sh == nil || sh.share.Value.Q.Coeffs == nil {
			return nil, fmt.Errorf("aggregation: CombinePublicKey: %w: share %d is nil", ErrNilArgument, i)
		}
		if err := s.checkParams(fmt.Sprintf("public-key share %d", i), sh.params); err != nil {
			return nil, fmt.Errorf("aggregation: CombinePublicKey: %w", err)
		}
		if sh.crs != crs {
			return nil, fmt.Errorf("aggregation: CombinePublicKey: %w: share %d (party %s) was made for another CRS; regenerate it with the study's seed", ErrKeyMismatch, i, sh.id)
		}
		if seen[sh.id] {
			return nil, fmt.Errorf("aggregation: CombinePublicKey: %w: party %s appears twice", ErrDuplicateShare, sh.id)
		}
		seen[sh.id] = true
		parties = append(parties, sh.id)
		if err := s.checkPolyQP(fmt.Sprintf("public-key share %d", i), sh.share.Value); err != nil {
			return nil, fmt.Errorf("aggregation: CombinePublicKey: %w", err)
		}
	}
	sort.Slice(parties, func(i, j int) bool { return bytes.Compare(parties[i][:], parties[j][:]) < 0 })

	prng, err := crsPRNG(crs, "pk")
	if err != nil {
		return nil, err
	}
	proto := mhe.NewPublicKeyGenProtocol(s.params)
	crp := proto.SampleCRP(prng)
	agg := proto.AllocateShare()
	for _, sh := range shares {
		proto.AggregateShares(agg, sh.share, &agg)
	}
	s.reduceQP(agg.Value)
	key := rlwe.NewPublicKey(s.params)
	proto.GenPublicKey(agg, crp, key)
	return s.newPublicKey(crs, parties, key)
}

func (s *Scheme) newPublicKey(crs [32]byte, parties []PartyID, key *rlwe.PublicKey) (*PublicKey, error) {
	pk := &PublicKey{params: s.paramsHash, crs: crs, parties: parties, pk: key}
	b, err := pk.MarshalBinary()
	if err != nil {
		return nil, err
	}
	pk.hash = crypto.Keccak256Hash(b)
	return pk, nil
}

// MarshalBinary encodes the key deterministically.
func (pk *PublicKey) MarshalBinary() ([]byte, error) {
	if pk == nil || pk.pk == nil {
		return nil, fmt.Errorf("%w: PublicKey is nil", ErrNilArgument)
	}
	return marshal(128+16*len(pk.parties)+pk.pk.BinarySize(), func(e *encoder) {
		e.header(kindPublicKey, pk.params)
		e.bytes32(pk.crs)
		e.u32(uint32(len(pk.parties)))
		for _, id := range pk.parties {
			e.write(id[:])
		}
		e.polyQP(pk.pk.Value[0])
		e.polyQP(pk.pk.Value[1])
	})
}

// maxParties bounds the number of parties accepted from the wire.
const maxParties = 1 << 16

// UnmarshalBinary decodes a key produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (pk *PublicKey) UnmarshalBinary(p []byte) error {
	d, params := newDecoder(p, kindPublicKey)
	crs := d.bytes32()
	n := d.count("party", maxParties, len(PartyID{}))
	parties := make([]PartyID, n)
	for i := range parties {
		copy(parties[i][:], d.take(len(PartyID{})))
	}
	v0 := d.polyQP()
	v1 := d.polyQP()
	if err := d.done(); err != nil {
		return err
	}
	for i := 1; i < len(parties); i++ {
		if bytes.Compare(parties[i-1][:], parties[i][:]) >= 0 {
			return fmt.Errorf("%w: PublicKey: party list not strictly sorted", ErrMalformed)
		}
	}
	key := &rlwe.PublicKey{Value: rlwe.VectorQP{v0, v1}}
	*pk = PublicKey{params: params, crs: crs, parties: parties, pk: key, hash: crypto.Keccak256Hash(p)}
	return nil
}

func (s *Scheme) checkPublicKey(pk *PublicKey) error {
	if pk == nil || pk.pk == nil {
		return fmt.Errorf("%w: PublicKey is nil", ErrNilArgument)
	}
	if err := s.checkParams("PublicKey", pk.params); err != nil {
		return err
	}
	for i, v := range pk.pk.Value {
		if err := s.checkPolyQP(fmt.Sprintf("PublicKey[%d]", i), v); err != nil {
			return err
		}
	}
	return nil
}

// reduceQP brings every coefficient of p into [0, q) so that encodings are
// canonical (Lattigo may leave lazily reduced values).
func (s *Scheme) reduceQP(p ringqp.Poly) {
	s.params.RingQ().Reduce(p.Q, p.Q)
	if r := s.params.RingP(); r != nil && p.P.Coeffs != nil {
		r.Reduce(p.P, p.P)
	}
}
