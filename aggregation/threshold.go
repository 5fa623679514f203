package aggregation

import (
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/mhe"
)

// ShamirPoint is a party's public evaluation point in the t-of-n threshold
// scheme. Points are agreed publicly (for example the party's 1-based index
// in the study's member list), must be distinct and lie in 1..MaxShamirPoint.
type ShamirPoint uint64

// MaxShamirPoint is the largest accepted Shamir point. Keeping points far
// below every ciphertext prime keeps them distinct and non-zero modulo each
// prime, so the Lagrange coefficients always exist.
const MaxShamirPoint ShamirPoint = 1<<16 - 1

// ThresholdShare is the Shamir share that one party (the dealer) computes
// from its SecretShare for one recipient point. It is SECRET: the caller must
// encrypt it to the recipient before it travels through the coordinator. It
// is immutable and safe for concurrent use.
type ThresholdShare struct {
	params    common.Hash
	dealer    PartyID
	recipient ShamirPoint
	threshold int
	points    []ShamirPoint // sorted, the full agreed point set
	// Re-sharing only (empty for the initial dealing): the dealer's own
	// point and the sorted set of current members that re-share.
	dealerPoint ShamirPoint
	dealers     []ShamirPoint
	share       mhe.ShamirSecretShare
}

// Dealer returns the party that produced the share.
func (ts *ThresholdShare) Dealer() PartyID { return ts.dealer }

// Recipient returns the point of the party the share is destined for.
func (ts *ThresholdShare) Recipient() ShamirPoint { return ts.recipient }

// ThresholdSecretShare is a party's t-of-n share of the collective secret
// key: the sum of the ThresholdShares it received from every party. Any t
// holders can decrypt together. It is SECRET, immutable and safe for
// concurrent use.
type ThresholdSecretShare struct {
	params    common.Hash
	party     PartyID
	point     ShamirPoint
	threshold int
	points    []ShamirPoint
	share     mhe.ShamirSecretShare
}

// Point returns the party's Shamir point.
func (t *ThresholdSecretShare) Point() ShamirPoint { return t.point }

// Threshold returns the number of parties needed to decrypt.
func (t *ThresholdSecretShare) Threshold() int { return t.threshold }

// Party returns the party that holds the share; a re-sharing keeps it
// (AggregateReshareShares takes it as self).
func (t *ThresholdSecretShare) Party() PartyID { return t.party }

// checkPointSet validates and returns a sorted copy of points.
func checkPointSet(points []ShamirPoint) ([]ShamirPoint, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("%w: no Shamir points", ErrInvalidThreshold)
	}
	if len(points) > maxParties {
		return nil, fmt.Errorf("%w: %d Shamir points, at most %d allowed", ErrInvalidThreshold, len(points), maxParties)
	}
	sorted := slices.Clone(points)
	slices.Sort(sorted)
	for i, p := range sorted {
		if p == 0 || p > MaxShamirPoint {
			return nil, fmt.Errorf("%w: Shamir point %d is outside 1..%d", ErrInvalidThreshold, p, MaxShamirPoint)
		}
		if i > 0 && sorted[i-1] == p {
			return nil, fmt.Errorf("%w: Shamir point %d appears twice", ErrInvalidThreshold, p)
		}
	}
	return sorted, nil
}

// checkActiveSet checks that an active set is sorted, distinct and in range.
func checkActiveSet(active []ShamirPoint) error {
	sorted, err := checkPointSet(active)
	if err != nil {
		return err
	}
	if !slices.Equal(sorted, active) {
		return fmt.Errorf("%w: active set is not sorted", ErrInvalidThreshold)
	}
	return nil
}

// GenThresholdShares re-shares the party's secret share with a random
// polynomial of degree threshold-1 (Shamir sharing over the key ring) and
// returns one ThresholdShare per point, including the party's own. Every
// party runs it with the same threshold and point set, sends share[p]
// (encrypted) to the party at point p, and keeps its own.
func (s *Scheme) GenThresholdShares(sk *SecretShare, threshold int, points []ShamirPoint) (map[ShamirPoint]*ThresholdShare, error) {
	if err := s.checkSecretShare(sk); err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdShares: %w", err)
	}
	sorted, err := checkPointSet(points)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdShares: %w", err)
	}
	if threshold < 1 || threshold > len(sorted) {
		return nil, fmt.Errorf("aggregation: GenThresholdShares: %w: threshold %d, want 1..%d (the number of points)", ErrInvalidThreshold, threshold, len(sorted))
	}
	out, err := s.deal(sk.sk, threshold, sorted, ThresholdShare{params: s.paramsHash, dealer: sk.id, threshold: threshold, points: sorted})
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdShares: %w", err)
	}
	return out, nil
}

// deal Shamir-shares secret with a fresh random polynomial of degree
// threshold-1 and returns one copy of template per point.
func (s *Scheme) deal(secret *rlwe.SecretKey, threshold int, points []ShamirPoint, template ThresholdShare) (map[ShamirPoint]*ThresholdShare, error) {
	thr := mhe.NewThresholdizer(s.params)
	poly, err := thr.GenShamirPolynomial(threshold, secret)
	if err != nil {
		return nil, err
	}
	out := make(map[ShamirPoint]*ThresholdShare, len(points))
	for _, p := range points {
		sh := thr.AllocateThresholdSecretShare()
		thr.GenShamirSecretShare(mhe.ShamirPublicPoint(p), poly, &sh)
		s.reduceQP(sh.Poly)
		ts := template
		ts.recipient = p
		ts.share = sh
		out[p] = &ts
	}
	return out, nil
}

// GenReshareShares lets the current members change the membership between
// rounds without changing the collective key (no restart, no new public
// key, ciphertexts and aggregates stay valid). The re-sharing members agree
// on a dealer set of exactly tsk.Threshold() current points (any t members
// still present); each of them converts its threshold share into an
// additive share for that set (Lagrange interpolation at zero) and
// Shamir-shares it afresh with newThreshold over newPoints, the new member
// set (members that stay, members that join; members that leave are simply
// not in it). Share[p] goes, encrypted by the caller, to the member at
// point p, who calls AggregateReshareShares.
//
// Removing a member this way revokes it only once the remaining members
// delete their old ThresholdSecretShares: old shares still open the key with
// t-1 other old shares. Until a re-sharing, removal needs no cryptography:
// any t of the remaining members keep decrypting with the old shares.
// Dealers are trusted to deal honestly (the shares are not verifiable).
func (s *Scheme) GenReshareShares(tsk *ThresholdSecretShare, dealers []ShamirPoint, newThreshold int, newPoints []ShamirPoint) (map[ShamirPoint]*ThresholdShare, error) {
	additive, sortedDealers, err := s.additiveShare(tsk, dealers)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenReshareShares: %w", err)
	}
	sorted, err := checkPointSet(newPoints)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenReshareShares: new members: %w", err)
	}
	if newThreshold < 1 || newThreshold > len(sorted) {
		return nil, fmt.Errorf("aggregation: GenReshareShares: %w: new threshold %d, want 1..%d (the number of new points)", ErrInvalidThreshold, newThreshold, len(sorted))
	}
	out, err := s.deal(additive, newThreshold, sorted, ThresholdShare{
		params: s.paramsHash, dealer: tsk.party, threshold: newThreshold, points: sorted,
		dealerPoint: tsk.point, dealers: sortedDealers,
	})
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenReshareShares: %w", err)
	}
	return out, nil
}

// AggregateReshareShares sums the re-sharing shares that the member self at
// point own received, exactly one from every point of the dealer set, into
// its new ThresholdSecretShare for the new member set and threshold. A new
// member passes a fresh PartyID (see NewPartyID).
func (s *Scheme) AggregateReshareShares(self PartyID, own ShamirPoint, received []*ThresholdShare) (*ThresholdSecretShare, error) {
	if len(received) == 0 {
		return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: no shares", ErrMissingShares)
	}
	thr := mhe.NewThresholdizer(s.params)
	acc := thr.AllocateThresholdSecretShare()
	from := make(map[ShamirPoint]bool, len(received))
	var first *ThresholdShare
	for i, ts := range received {
		if ts == nil || ts.share.Q.Coeffs == nil {
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: share %d is nil", ErrNilArgument, i)
		}
		if err := s.checkParams(fmt.Sprintf("re-sharing share %d", i), ts.params); err != nil {
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w", err)
		}
		if first == nil {
			first = ts
		}
		switch {
		case len(ts.dealers) == 0:
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: share %d is an initial dealing; use AggregateThresholdShares", ErrInvalidThreshold, i)
		case ts.recipient != own:
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: share %d is addressed to point %d, not %d", ErrInvalidThreshold, i, ts.recipient, own)
		case ts.threshold != first.threshold || !slices.Equal(ts.points, first.points) || !slices.Equal(ts.dealers, first.dealers):
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: share %d (dealer point %d) is for threshold %d over %v dealt by %v, share 0 for %d over %v dealt by %v", ErrInvalidThreshold, i, ts.dealerPoint, ts.threshold, ts.points, ts.dealers, first.threshold, first.points, first.dealers)
		case from[ts.dealerPoint]:
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: dealer point %d appears twice", ErrDuplicateShare, ts.dealerPoint)
		case !slices.Contains(ts.dealers, ts.dealerPoint):
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: dealer point %d is not in the dealer set %v", ErrInvalidThreshold, ts.dealerPoint, ts.dealers)
		}
		from[ts.dealerPoint] = true
		if err := s.checkPolyQP(fmt.Sprintf("re-sharing share %d", i), ts.share.Poly); err != nil {
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w", err)
		}
		if err := thr.AggregateShares(acc, ts.share, &acc); err != nil {
			return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w", err)
		}
	}
	if len(received) != len(first.dealers) {
		return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: %d shares for %d dealers; one is needed from every dealer", ErrMissingShares, len(received), len(first.dealers))
	}
	if !slices.Contains(first.points, own) {
		return nil, fmt.Errorf("aggregation: AggregateReshareShares: %w: point %d is not in the new point set %v", ErrInvalidThreshold, own, first.points)
	}
	s.reduceQP(acc.Poly)
	return &ThresholdSecretShare{params: s.paramsHash, party: self, point: own, threshold: first.threshold, points: first.points, share: acc}, nil
}

// additiveShare converts tsk into its additive share for the active set.
func (s *Scheme) additiveShare(tsk *ThresholdSecretShare, active []ShamirPoint) (*rlwe.SecretKey, []ShamirPoint, error) {
	if tsk == nil || tsk.share.Q.Coeffs == nil {
		return nil, nil, fmt.Errorf("%w: ThresholdSecretShare is nil", ErrNilArgument)
	}
	if err := s.checkParams("ThresholdSecretShare", tsk.params); err != nil {
		return nil, nil, err
	}
	if err := s.checkPolyQP("ThresholdSecretShare", tsk.share.Poly); err != nil {
		return nil, nil, err
	}
	sorted, err := checkPointSet(active)
	if err != nil {
		return nil, nil, err
	}
	if len(sorted) != tsk.threshold {
		return nil, nil, fmt.Errorf("%w: active set has %d points, the threshold is %d; choose exactly t responsive parties", ErrInvalidThreshold, len(sorted), tsk.threshold)
	}
	if !slices.Contains(sorted, tsk.point) {
		return nil, nil, fmt.Errorf("%w: own point %d is not in the active set %v", ErrInvalidThreshold, tsk.point, sorted)
	}
	for _, p := range sorted {
		if !slices.Contains(tsk.points, p) {
			return nil, nil, fmt.Errorf("%w: active point %d is not in the agreed point set %v", ErrInvalidThreshold, p, tsk.points)
		}
	}
	others := make([]mhe.ShamirPublicPoint, len(sorted))
	for i, p := range sorted {
		others[i] = mhe.ShamirPublicPoint(p)
	}
	cmb := mhe.NewCombiner(*s.params.GetRLWEParameters(), mhe.ShamirPublicPoint(tsk.point), others, tsk.threshold)
	additive := rlwe.NewSecretKey(s.params)
	if err := cmb.GenAdditiveShare(others, mhe.ShamirPublicPoint(tsk.point), tsk.share, additive); err != nil {
		return nil, nil, err
	}
	return additive, sorted, nil
}

// AggregateThresholdShares sums the ThresholdShares received by the party
// self at point own, one from every party of pk (its own included), into its
// ThresholdSecretShare. All shares must be addressed to own and agree on the
// threshold and the point set, and their dealers must be exactly pk's
// parties.
func (s *Scheme) AggregateThresholdShares(pk *PublicKey, self PartyID, own ShamirPoint, received []*ThresholdShare) (*ThresholdSecretShare, error) {
	if err := s.checkPublicKey(pk); err != nil {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w", err)
	}
	if !slices.Contains(pk.parties, self) {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: party %s is not part of the key", ErrKeyMismatch, self)
	}
	if len(received) != len(pk.parties) {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: %d threshold shares for a key of %d parties; one is needed from every party", ErrMissingShares, len(received), len(pk.parties))
	}
	thr := mhe.NewThresholdizer(s.params)
	acc := thr.AllocateThresholdSecretShare()
	dealers := make(map[PartyID]bool, len(received))
	var first *ThresholdShare
	for i, ts := range received {
		if ts == nil || ts.share.Q.Coeffs == nil {
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d is nil", ErrNilArgument, i)
		}
		if err := s.checkParams(fmt.Sprintf("threshold share %d", i), ts.params); err != nil {
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w", err)
		}
		if first == nil {
			first = ts
		}
		switch {
		case ts.recipient != own:
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d is addressed to point %d, not %d", ErrInvalidThreshold, i, ts.recipient, own)
		case len(ts.dealers) != 0:
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d comes from a re-sharing; use AggregateReshareShares", ErrInvalidThreshold, i)
		case ts.threshold != first.threshold || !slices.Equal(ts.points, first.points):
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d (dealer %s) uses threshold %d over %v, share 0 uses %d over %v", ErrInvalidThreshold, i, ts.dealer, ts.threshold, ts.points, first.threshold, first.points)
		case dealers[ts.dealer]:
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: dealer %s appears twice", ErrDuplicateShare, ts.dealer)
		case !slices.Contains(pk.parties, ts.dealer):
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: dealer %s is not part of the key", ErrKeyMismatch, ts.dealer)
		}
		dealers[ts.dealer] = true
		if err := s.checkPolyQP(fmt.Sprintf("threshold share %d", i), ts.share.Poly); err != nil {
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w", err)
		}
		if err := thr.AggregateShares(acc, ts.share, &acc); err != nil {
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w", err)
		}
	}
	if _, err := checkPointSet(first.points); err != nil {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w", err)
	}
	if !slices.Contains(first.points, own) {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: point %d is not in the point set %v", ErrInvalidThreshold, own, first.points)
	}
	if len(first.points) != len(pk.parties) {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: %d points for %d parties", ErrInvalidThreshold, len(first.points), len(pk.parties))
	}
	s.reduceQP(acc.Poly)
	return &ThresholdSecretShare{params: s.paramsHash, party: self, point: own, threshold: first.threshold, points: first.points, share: acc}, nil
}

// GenThresholdDecryptionShare computes the party's decryption share of agg
// for the given active set: exactly Threshold() distinct points, the party's
// own included, all from the agreed point set. The party converts its
// Shamir share into an additive share for that set (Lagrange interpolation
// at zero) and runs the same smudged key switch as GenDecryptionShare.
// Decrypt then needs one share from every point of the active set.
func (s *Scheme) GenThresholdDecryptionShare(tsk *ThresholdSecretShare, active []ShamirPoint, agg *EncryptedVector) (*DecryptionShare, error) {
	additive, sorted, err := s.additiveShare(tsk, active)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdDecryptionShare: %w", err)
	}
	return s.genDecryptionShare(additive, agg, &DecryptionShare{party: tsk.party, mode: modeThreshold, point: tsk.point, active: sorted})
}

func encodeThreshold(e *encoder, kind byte, params common.Hash, id PartyID, point ShamirPoint, threshold int, points []ShamirPoint, dealerPoint ShamirPoint, dealers []ShamirPoint, sh mhe.ShamirSecretShare) {
	e.header(kind, params)
	e.write(id[:])
	e.u64(uint64(point))
	e.u32(uint32(threshold))
	e.u32(uint32(len(points)))
	for _, p := range points {
		e.u64(uint64(p))
	}
	if kind == kindThresholdShare {
		e.u64(uint64(dealerPoint))
		e.u32(uint32(len(dealers)))
		for _, p := range dealers {
			e.u64(uint64(p))
		}
	}
	e.polyQP(sh.Poly)
}

func decodeThreshold(p []byte, kind byte) (params common.Hash, id PartyID, point ShamirPoint, threshold int, points []ShamirPoint, dealerPoint ShamirPoint, dealers []ShamirPoint, sh mhe.ShamirSecretShare, err error) {
	d, params := newDecoder(p, kind)
	copy(id[:], d.take(len(id)))
	point = ShamirPoint(d.u64())
	threshold = int(d.u32())
	n := d.count("Shamir point", maxParties, 8)
	for i := 0; i < n && d.err == nil; i++ {
		points = append(points, ShamirPoint(d.u64()))
	}
	if kind == kindThresholdShare {
		dealerPoint = ShamirPoint(d.u64())
		nd := int(d.u32())
		if d.err == nil && (nd > maxParties || nd > len(d.b)/8 || (nd == 0) != (dealerPoint == 0)) {
			d.fail(fmt.Sprintf("re-sharing dealer set of %d points with dealer point %d", nd, dealerPoint))
		}
		for i := 0; i < nd && d.err == nil; i++ {
			dealers = append(dealers, ShamirPoint(d.u64()))
		}
	}
	sh.Poly = d.polyQP()
	if err = d.done(); err != nil {
		return
	}
	if len(dealers) > 0 {
		if e := checkActiveSet(dealers); e != nil || !slices.Contains(dealers, dealerPoint) {
			err = fmt.Errorf("%w: %s: invalid re-sharing dealer set %v (dealer %d)", ErrMalformed, kindNames[kind], dealers, dealerPoint)
			return
		}
	}
	if e := checkActiveSet(points); e != nil {
		err = fmt.Errorf("%w: %s: %v", ErrMalformed, kindNames[kind], e)
		return
	}
	if threshold < 1 || threshold > len(points) || !slices.Contains(points, point) {
		err = fmt.Errorf("%w: %s: threshold %d or point %d inconsistent with %d points", ErrMalformed, kindNames[kind], threshold, point, len(points))
	}
	return
}

// MarshalBinary encodes the share. The result is secret key material.
func (ts *ThresholdShare) MarshalBinary() ([]byte, error) {
	if ts == nil || ts.share.Q.Coeffs == nil {
		return nil, fmt.Errorf("%w: ThresholdShare is nil", ErrNilArgument)
	}
	return marshal(108+8*len(ts.points)+8*len(ts.dealers)+ts.share.BinarySize(), func(e *encoder) {
		encodeThreshold(e, kindThresholdShare, ts.params, ts.dealer, ts.recipient, ts.threshold, ts.points, ts.dealerPoint, ts.dealers, ts.share)
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (ts *ThresholdShare) UnmarshalBinary(p []byte) error {
	params, id, point, t, points, dealerPoint, dealers, sh, err := decodeThreshold(p, kindThresholdShare)
	if err != nil {
		return err
	}
	*ts = ThresholdShare{params: params, dealer: id, recipient: point, threshold: t, points: points, dealerPoint: dealerPoint, dealers: dealers, share: sh}
	return nil
}

// MarshalBinary encodes the share. The result is secret key material.
func (t *ThresholdSecretShare) MarshalBinary() ([]byte, error) {
	if t == nil || t.share.Q.Coeffs == nil {
		return nil, fmt.Errorf("%w: ThresholdSecretShare is nil", ErrNilArgument)
	}
	return marshal(96+8*len(t.points)+t.share.BinarySize(), func(e *encoder) {
		encodeThreshold(e, kindThresholdSecretShare, t.params, t.party, t.point, t.threshold, t.points, 0, nil, t.share)
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (t *ThresholdSecretShare) UnmarshalBinary(p []byte) error {
	params, id, point, th, points, _, _, sh, err := decodeThreshold(p, kindThresholdSecretShare)
	if err != nil {
		return err
	}
	*t = ThresholdSecretShare{params: params, party: id, point: point, threshold: th, points: points, share: sh}
	return nil
}
