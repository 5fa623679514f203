package aggregation

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/mhe"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// Decryption share modes.
const (
	modeCollective = 0 // n-of-n: made from a SecretShare
	modeThreshold  = 1 // t-of-n: made from a ThresholdSecretShare and an active set
)

// DecryptionShare is one party's contribution to decrypting one aggregate:
// for every ciphertext, the party's part of a_j·K (K = Σ weight·s_dealer
// over the aggregate's terms, a_j the public mask), rescaled like the
// aggregate, plus a smudging noise of standard deviation
// Config.SmudgingSigma. It is bound to the aggregate by AggregateHash, and
// Decrypt refuses it for any other vector. It is public and safe for
// concurrent use; AggregateHash must not be modified.
type DecryptionShare struct {
	// AggregateHash is the Hash of the EncryptedVector the share decrypts.
	AggregateHash common.Hash

	params common.Hash
	party  PartyID
	mode   uint8
	// Threshold mode only: the party's Shamir point and the sorted active set.
	point  ShamirPoint
	active []ShamirPoint
	level  int
	length int // values in the aggregate: the last share stops there
	shares []mhe.KeySwitchShare
}

// Party returns the identifier of the party that produced the share.
func (ds *DecryptionShare) Party() PartyID { return ds.party }

// IsThreshold reports whether the share was made for t-of-n decryption.
func (ds *DecryptionShare) IsThreshold() bool { return ds.mode == modeThreshold }

// ActiveSet returns the active set a threshold share was made for (sorted;
// nil for an n-of-n share).
func (ds *DecryptionShare) ActiveSet() []ShamirPoint { return slices.Clone(ds.active) }

// GenDecryptionShare computes a contributor's n-of-n decryption share of
// agg: its own key share times its weight in agg, key-switched to zero with
// smudging noise. Every dealer of agg's terms must contribute one; a party
// that is not among them cannot.
//
// The share is the party's own term, so it opens more than agg: added to
// the party's update c0 weighted alone (WeightedSum of that one update,
// public), it decrypts that update. Use it only where whoever combines the
// shares may see every update (benchmarks, tests); across the network
// parties give threshold shares only (GenThresholdDecryptionShare).
func (s *Scheme) GenDecryptionShare(sk *SecretShare, agg *EncryptedVector) (*DecryptionShare, error) {
	if err := s.checkSecretShare(sk); err != nil {
		return nil, fmt.Errorf("aggregation: GenDecryptionShare: %w", err)
	}
	if err := s.checkVector("aggregate", agg); err != nil {
		return nil, fmt.Errorf("aggregation: GenDecryptionShare: %w", err)
	}
	i := slices.IndexFunc(agg.terms, func(t Term) bool { return t.Dealer == sk.id })
	if i < 0 {
		return nil, fmt.Errorf("aggregation: GenDecryptionShare: %w: party %s contributed nothing to this aggregate", ErrKeyMismatch, sk.id)
	}
	r := s.params.RingQ()
	key := rlwe.NewSecretKey(s.params)
	mulScalarThenAdd(r, sk.sk.Value.Q, agg.terms[i].Weight, key.Value.Q)
	return s.genDecryptionShare(key, agg, &DecryptionShare{party: sk.id, mode: modeCollective}, nil)
}

// genDecryptionShare key-switches agg under key into out; masks, if not
// nil, holds agg's masks (a dealing check's is the CRS polynomial).
func (s *Scheme) genDecryptionShare(key *rlwe.SecretKey, agg *EncryptedVector, out *DecryptionShare, masks *Masks) (*DecryptionShare, error) {
	if err := s.checkVector("aggregate", agg); err != nil {
		return nil, fmt.Errorf("aggregation: GenDecryptionShare: %w", err)
	}
	shares := make([]mhe.KeySwitchShare, len(agg.c0))
	ringL := s.params.RingQ().AtLevel(agg.level)
	ringTop := s.params.RingQ()
	seed := shareNoiseSeed(key, agg.Hash())
	err := parallelFor(len(shares), ringTop.NewPoly, func(top ring.Poly, i int) error {
		// h = a_i·K_party (rescaled for an aggregate) + e, e of deviation σ
		// on the coefficients that carry values and nothing elsewhere.
		h := ringL.NewPoly()
		used := agg.used(i)
		if err := s.keySwitch(key.Value.Q, agg.context, i, agg.level, used, top, h, masks); err != nil {
			return err
		}
		newSmudgerFrom(s.sigma, ciphertextSeed(seed, i)).addTo(h, used, ringL)
		shares[i] = mhe.KeySwitchShare{Value: h}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenDecryptionShare: %w", err)
	}
	out.AggregateHash = agg.Hash()
	out.params = s.paramsHash
	out.level = agg.level
	out.length = agg.length
	out.shares = shares
	return out, nil
}

// shareNoiseSeed keys a decryption share's smudging noise by the key it
// decrypts with (the party's additive share for the active set, secret)
// and the aggregate's hash: asked again for the same aggregate and set, a
// party gives the same share, so repeated asks do not average its noise
// down; another set or another aggregate gets independent noise. The key
// is secret, so the noise stays unpredictable to everyone else, as with
// deterministic signature nonces (RFC 6979).
func shareNoiseSeed(key *rlwe.SecretKey, agg common.Hash) [32]byte {
	return keyNoiseSeed(key.Value.Q, agg, nil)
}

// keyNoiseSeed is shareNoiseSeed of the key whose Q part is keyQ; buf,
// if long enough (8 bytes per coefficient of a row), holds each row's
// encoding in turn, so that a caller seeding many shares allocates it
// once.
func keyNoiseSeed(keyQ ring.Poly, agg common.Hash, buf []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("cohort decryption-share noise v1\n"))
	h.Write(agg[:])
	for _, row := range keyQ.Coeffs {
		if len(buf) < 8*len(row) {
			buf = make([]byte, 8*len(row))
		}
		b := buf[:8*len(row)]
		for i, c := range row {
			binary.LittleEndian.PutUint64(b[8*i:], c)
		}
		h.Write(b)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// ciphertextSeed derives ciphertext j's noise stream from a share's seed.
func ciphertextSeed(seed [32]byte, j int) [32]byte {
	var b [40]byte
	copy(b[:], seed[:])
	binary.LittleEndian.PutUint64(b[32:], uint64(j))
	return sha256.Sum256(b[:])
}

// used returns the number of coefficients share j carries.
func (ds *DecryptionShare) used(j int) int {
	n := ds.shares[j].Value.N()
	return min(n, ds.length-j*n)
}

// MarshalBinary encodes the share.
func (ds *DecryptionShare) MarshalBinary() ([]byte, error) {
	if ds == nil || len(ds.shares) == 0 {
		return nil, fmt.Errorf("%w: DecryptionShare is nil or empty", ErrNilArgument)
	}
	size := 136 + 8*len(ds.active)
	for j, sh := range ds.shares {
		size += polySizeOf(sh.Value, ds.used(j))
	}
	return marshal(size, func(e *encoder) {
		e.header(kindDecryptionShare, ds.params)
		e.bytes32(ds.AggregateHash)
		encodeShareOrigin(e, ds.party, ds.mode, ds.point, ds.active)
		e.u8(uint8(ds.level))
		e.u64(uint64(ds.length))
		e.u32(uint32(len(ds.shares)))
		for j, sh := range ds.shares {
			e.polyUsed(sh.Value, ds.used(j))
		}
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (ds *DecryptionShare) UnmarshalBinary(p []byte) error {
	d, params := newDecoder(p, kindDecryptionShare)
	aggHash := d.bytes32()
	party, mode, point, active := decodeShareOrigin(d)
	level := int(d.u8())
	length := d.u64()
	if d.err == nil && (length == 0 || length > maxVectorLen) {
		d.fail(fmt.Sprintf("aggregate length %d is outside 1..2^40", length))
	}
	count := d.count("ciphertext share", 1<<31-1, minPolySize)
	shares := make([]mhe.KeySwitchShare, 0, count)
	for i := 0; i < count && d.err == nil; i++ {
		p, used := d.polyUsed()
		if d.err != nil {
			break
		}
		n := uint64(p.N())
		if p.Level() != level || (i > 0 && p.N() != shares[0].Value.N()) {
			d.fail(fmt.Sprintf("share %d has level %d and degree %d, want level %d and a common degree", i, p.Level(), p.N(), level))
			break
		}
		if i == 0 && uint64(count) != (length+n-1)/n {
			d.fail(fmt.Sprintf("%d ciphertext shares for %d values of degree %d, want %d", count, length, n, (length+n-1)/n))
			break
		}
		if want := min(n, length-uint64(i)*n); uint64(used) != want {
			d.fail(fmt.Sprintf("share %d stores %d coefficients, want %d", i, used, want))
			break
		}
		shares = append(shares, mhe.KeySwitchShare{Value: p})
	}
	if err := d.done(); err != nil {
		return err
	}
	if mode == modeThreshold {
		if err := checkActiveSet(active); err != nil {
			return fmt.Errorf("%w: DecryptionShare: %v", ErrMalformed, err)
		}
	}
	*ds = DecryptionShare{AggregateHash: aggHash, params: params, party: party, mode: mode, point: point, active: active, level: level, length: int(length), shares: shares}
	return nil
}

// Decrypt combines decryption shares of agg and returns its Len() values.
// For an n-of-n share set it needs exactly one share from each of the key's
// parties; for a threshold share set it needs exactly one share from each
// point of the (common) active set. Shares bound to another aggregate
// (ErrWrongAggregate), duplicated (ErrDuplicateShare), missing
// (ErrMissingShares), of mixed modes or of the wrong shape are refused.
func (s *Scheme) Decrypt(agg *EncryptedVector, shares []*DecryptionShare) ([]float64, error) {
	out, err := s.combine(agg, shares)
	if err != nil {
		return nil, err
	}
	if err := s.checkDecrypted(agg, out); err != nil {
		return nil, fmt.Errorf("aggregation: Decrypt: %w", err)
	}
	return out, nil
}

// CheckDecryptionShare checks ds on its own as a share of agg, as Decrypt
// checks each share before it combines them: made under this scheme's
// parameters, bound to agg's hash, one polynomial per ciphertext of agg at
// its level and with reduced coefficients, and a threshold share's point
// in its active set. A relay that collects shares checks each as it comes
// and refuses it naming its sender; otherwise one malformed share fails
// the whole decryption with no one to blame. It cannot tell a wrong share
// from a right one of the same form (DecryptChecked does, by redundancy).
func (s *Scheme) CheckDecryptionShare(agg *EncryptedVector, ds *DecryptionShare) error {
	if err := s.checkVector("aggregate", agg); err != nil {
		return fmt.Errorf("aggregation: CheckDecryptionShare: %w", err)
	}
	if err := s.checkShareOf(agg, agg.Hash(), "decryption share", ds); err != nil {
		return fmt.Errorf("aggregation: CheckDecryptionShare: %w", err)
	}
	return nil
}

// checkShareOf is CheckDecryptionShare for an aggregate already checked,
// whose hash is hash; what names the share in errors.
func (s *Scheme) checkShareOf(agg *EncryptedVector, hash common.Hash, what string, ds *DecryptionShare) error {
	if ds == nil || len(ds.shares) == 0 {
		return fmt.Errorf("%w: %s is nil or empty", ErrNilArgument, what)
	}
	if err := s.checkParams(what, ds.params); err != nil {
		return err
	}
	if ds.AggregateHash != hash {
		return fmt.Errorf("%w: %s (party %s) decrypts %s, not %s", ErrWrongAggregate, what, ds.party, ds.AggregateHash.TerminalString(), hash.TerminalString())
	}
	if ds.mode == modeThreshold && !slices.Contains(ds.active, ds.point) {
		return fmt.Errorf("%w: %s has point %d outside its active set %v", ErrInvalidThreshold, what, ds.point, ds.active)
	}
	if len(ds.shares) != len(agg.c0) || ds.length != agg.length {
		return fmt.Errorf("%w: %s covers %d ciphertexts (%d values), aggregate has %d (%d values)", ErrLengthMismatch, what, len(ds.shares), ds.length, len(agg.c0), agg.length)
	}
	ringL := s.params.RingQ().AtLevel(agg.level)
	for j, sh := range ds.shares {
		if err := checkPoly(fmt.Sprintf("%s ciphertext %d", what, j), ringL, sh.Value, agg.level); err != nil {
			return err
		}
	}
	return nil
}

// combine checks the shares and adds them to the aggregate's c0: the raw
// decryption anyone holding the shares can compute.
func (s *Scheme) combine(agg *EncryptedVector, shares []*DecryptionShare) ([]float64, error) {
	return s.combineFor(agg, agg.Hash(), shares)
}

// combineFor is combine of shares bound to hash rather than to agg's own
// hash (a dealing check's shares are bound to its probe's).
func (s *Scheme) combineFor(agg *EncryptedVector, hash common.Hash, shares []*DecryptionShare) ([]float64, error) {
	if err := s.checkVector("aggregate", agg); err != nil {
		return nil, fmt.Errorf("aggregation: Decrypt: %w", err)
	}
	if len(shares) == 0 {
		return nil, fmt.Errorf("aggregation: Decrypt: %w: no decryption shares", ErrMissingShares)
	}
	parties := make(map[PartyID]bool, len(shares))
	points := make(map[ShamirPoint]bool, len(shares))
	ringL := s.params.RingQ().AtLevel(agg.level)
	for i, ds := range shares {
		if err := s.checkShareOf(agg, hash, fmt.Sprintf("decryption share %d", i), ds); err != nil {
			return nil, fmt.Errorf("aggregation: Decrypt: %w", err)
		}
		if ds.mode != shares[0].mode {
			return nil, fmt.Errorf("aggregation: Decrypt: %w: share %d mixes n-of-n and threshold shares", ErrInvalidThreshold, i)
		}
		if parties[ds.party] {
			return nil, fmt.Errorf("aggregation: Decrypt: %w: party %s sent two shares", ErrDuplicateShare, ds.party)
		}
		parties[ds.party] = true
		if ds.mode == modeThreshold {
			if !slices.Equal(ds.active, shares[0].active) {
				return nil, fmt.Errorf("aggregation: Decrypt: %w: share %d was made for active set %v, share 0 for %v; all shares must use the same active set", ErrInvalidThreshold, i, ds.active, shares[0].active)
			}
			if points[ds.point] {
				return nil, fmt.Errorf("aggregation: Decrypt: %w: Shamir point %d sent two shares", ErrDuplicateShare, ds.point)
			}
			points[ds.point] = true
		}
	}
	if shares[0].mode == modeThreshold {
		if want := len(shares[0].active); len(shares) != want {
			return nil, fmt.Errorf("aggregation: Decrypt: %w: %d of the %d active parties sent shares", ErrMissingShares, len(shares), want)
		}
	} else {
		for _, t := range agg.terms {
			if !parties[t.Dealer] {
				return nil, fmt.Errorf("aggregation: Decrypt: %w: contributor %s sent no share; n-of-n decryption needs every contributor", ErrMissingShares, t.Dealer)
			}
		}
		if len(shares) != len(agg.terms) {
			return nil, fmt.Errorf("aggregation: Decrypt: %w: %d shares for an aggregate of %d contributors", ErrKeyMismatch, len(shares), len(agg.terms))
		}
	}

	slots := s.Slots()
	out := make([]float64, agg.length)
	err := parallelFor(len(agg.c0), func() ring.Poly {
		return ringL.NewPoly()
	}, func(acc ring.Poly, j int) error {
		acc.Copy(agg.c0[j])
		for _, ds := range shares {
			ringL.Add(acc, ds.shares[j].Value, acc)
		}
		s.decode(acc, agg.level, out[j*slots:min((j+1)*slots, len(out))])
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkDecrypted refuses a decryption that cannot be the weighted sum of
// the contributors' updates: every update encrypts values of magnitude at
// most MaxAbsValue, so the sum is at most Σw·MaxAbsValue. A dealer that
// dealt inconsistent key shares (or a holder whose share is wrong, or a
// contributor whose upload was not an encryption of bounded values) makes
// the decryption uniform over the aggregate's range instead, and a model
// of D values passes this check with probability about 4^-D (for Σw = 1):
// the round fails, it never publishes noise as a model.
func (s *Scheme) checkDecrypted(agg *EncryptedVector, out []float64) error {
	var total float64
	for _, t := range agg.terms {
		total += float64(t.Weight)
	}
	bound := s.maxAbs*total/float64(s.weightMod.Uint64()) + 1e-3
	for j, x := range out {
		if math.Abs(x) > bound {
			return fmt.Errorf("%w: value %d decrypts to %.6g, beyond the bound %.6g of a weighted sum of valid updates; a contributor's key shares were dealt inconsistently, a holder's share is wrong or an upload is malformed (the round must fail, not publish this)", ErrInconsistentDecryption, j, x, bound)
		}
	}
	return nil
}

// encodeShareOrigin writes who made a decryption or score share and how:
// the party, n-of-n or threshold mode, its Shamir point and the active set.
func encodeShareOrigin(e *encoder, party PartyID, mode uint8, point ShamirPoint, active []ShamirPoint) {
	e.write(party[:])
	e.u8(mode)
	e.u64(uint64(point))
	e.u32(uint32(len(active)))
	for _, p := range active {
		e.u64(uint64(p))
	}
}

// ThresholdShareOrigin reads, from an encoded threshold decryption share,
// the Shamir point of the holder that made it and the decryption set it is
// for, without decoding its polynomials: a relay checks both against what
// it asked before it keeps the share. Errors wrap ErrMalformed.
func ThresholdShareOrigin(p []byte) (point ShamirPoint, active []ShamirPoint, err error) {
	d, _ := newDecoder(p, kindDecryptionShare)
	d.bytes32()
	_, mode, point, active := decodeShareOrigin(d)
	if d.err == nil && mode != modeThreshold {
		d.fail("an n-of-n share where a threshold share is due")
	}
	if d.err != nil {
		return 0, nil, d.err
	}
	if err := checkActiveSet(active); err != nil {
		return 0, nil, fmt.Errorf("%w: DecryptionShare: %v", ErrMalformed, err)
	}
	return point, active, nil
}

// decodeShareOrigin reads what encodeShareOrigin wrote and checks that the
// mode, point and active set agree.
func decodeShareOrigin(d *decoder) (party PartyID, mode uint8, point ShamirPoint, active []ShamirPoint) {
	copy(party[:], d.take(len(party)))
	mode = d.u8()
	point = ShamirPoint(d.u64())
	nActive := int(d.u32())
	if d.err == nil {
		switch {
		case mode == modeCollective && (nActive != 0 || point != 0):
			d.fail("n-of-n share carries a Shamir point or active set")
		case mode == modeThreshold && (nActive == 0 || nActive > maxParties || nActive > len(d.b)/8 || point == 0):
			d.fail(fmt.Sprintf("threshold share has %d active points and point %d", nActive, point))
		case mode != modeCollective && mode != modeThreshold:
			d.fail(fmt.Sprintf("unknown share mode %d", mode))
		}
	}
	for i := 0; i < nActive && d.err == nil; i++ {
		active = append(active, ShamirPoint(d.u64()))
	}
	return party, mode, point, active
}
