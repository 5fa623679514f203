package aggregation

import (
	"bytes"
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

// ThresholdShare is what one party (the dealer) sends one recipient point:
// Shamir shares of one or more dealers' secret keys, one per key. An
// initial dealing (GenThresholdShares) shares the dealer's own SecretShare;
// a re-sharing (GenReshareShares) re-deals the dealer's threshold shares of
// every key it holds. It is SECRET: the caller must encrypt it to the
// recipient before it travels through the coordinator. It is immutable and
// safe for concurrent use.
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
	keys        []PartyID // sorted: whose secret key each share is of
	shares      []mhe.ShamirSecretShare
	// widths packs every row at its modulus's bit length, not at its
	// largest value's: a share crosses the coordinator, and a size that
	// varied with the values would tell it about the secret.
	widths *modulusWidths
}

// Dealer returns the party that produced the share.
func (ts *ThresholdShare) Dealer() PartyID { return ts.dealer }

// Recipient returns the point of the party the share is destined for.
func (ts *ThresholdShare) Recipient() ShamirPoint { return ts.recipient }

// Keys returns the sorted dealer ids whose keys the share is of: the
// dealer's own for an initial dealing, every key the dealer holds for a
// re-sharing.
func (ts *ThresholdShare) Keys() []PartyID { return slices.Clone(ts.keys) }

// ThresholdSecretShare is a party's t-of-n shares of every dealer's secret
// key: for each dealer of the key set, the sum of what it was dealt. Any t
// holders can decrypt a vector together, and only under the keys and
// weights the vector records (see GenThresholdDecryptionShare). It is
// SECRET, immutable and safe for concurrent use.
type ThresholdSecretShare struct {
	params    common.Hash
	party     PartyID
	point     ShamirPoint
	threshold int
	points    []ShamirPoint
	keys      []PartyID // sorted dealers
	shares    []mhe.ShamirSecretShare
}

// Point returns the party's Shamir point.
func (t *ThresholdSecretShare) Point() ShamirPoint { return t.point }

// Threshold returns the number of parties needed to decrypt.
func (t *ThresholdSecretShare) Threshold() int { return t.threshold }

// Party returns the party that holds the share; a re-sharing keeps it
// (AggregateReshareShares takes it as self).
func (t *ThresholdSecretShare) Party() PartyID { return t.party }

// Dealers returns the sorted dealers whose keys the share opens.
func (t *ThresholdSecretShare) Dealers() []PartyID { return slices.Clone(t.keys) }

// Points returns the sorted points of every holder the share was dealt
// among, its own among them.
func (t *ThresholdSecretShare) Points() []ShamirPoint { return slices.Clone(t.points) }

// shareOf returns the holder's share of dealer's key.
func (t *ThresholdSecretShare) shareOf(dealer PartyID) (mhe.ShamirSecretShare, bool) {
	i, ok := slices.BinarySearchFunc(t.keys, dealer, comparePartyIDs)
	if !ok {
		return mhe.ShamirSecretShare{}, false
	}
	return t.shares[i], true
}

func comparePartyIDs(a, b PartyID) int { return bytes.Compare(a[:], b[:]) }

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
	out, err := s.deal([]*rlwe.SecretKey{sk.sk}, threshold, sorted, ThresholdShare{params: s.paramsHash, dealer: sk.id, threshold: threshold, points: sorted, keys: []PartyID{sk.id}, widths: s.modulusWidths()})
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdShares: %w", err)
	}
	return out, nil
}

// deal Shamir-shares each secret with a fresh random polynomial of degree
// threshold-1 and returns one copy of template per point, holding one share
// per secret (in the order of template.keys).
func (s *Scheme) deal(secrets []*rlwe.SecretKey, threshold int, points []ShamirPoint, template ThresholdShare) (map[ShamirPoint]*ThresholdShare, error) {
	thr := mhe.NewThresholdizer(s.params)
	out := make(map[ShamirPoint]*ThresholdShare, len(points))
	for _, p := range points {
		ts := template
		ts.recipient = p
		ts.shares = make([]mhe.ShamirSecretShare, 0, len(secrets))
		out[p] = &ts
	}
	for _, secret := range secrets {
		poly, err := thr.GenShamirPolynomial(threshold, secret)
		if err != nil {
			return nil, err
		}
		for _, p := range points {
			sh := thr.AllocateThresholdSecretShare()
			thr.GenShamirSecretShare(mhe.ShamirPublicPoint(p), poly, &sh)
			s.reduceQP(sh.Poly)
			out[p].shares = append(out[p].shares, sh)
		}
	}
	return out, nil
}

// GenReshareShares lets the current members change the membership between
// rounds without changing any dealer's key (no restart, no new key set,
// committed updates stay decryptable). The re-sharing members agree on a
// dealer set of exactly tsk.Threshold() current points (any t members still
// present); for every key it holds, each of them converts its threshold
// share into an additive share for that set (Lagrange interpolation at
// zero) and Shamir-shares it afresh with newThreshold over newPoints, the
// new member set (members that stay, members that join; members that leave
// are simply not in it). Share[p] goes, encrypted by the caller, to the
// member at point p, who calls AggregateReshareShares.
//
// Removing a member this way revokes it only once the remaining members
// delete their old ThresholdSecretShares: old shares still open the keys
// with t-1 other old shares. Until a re-sharing, removal needs no
// cryptography: any t of the remaining members keep decrypting with the
// old shares. The dealing check (NewDealingCheck) with the new holders'
// shares catches an inconsistent re-dealing before the old shares are
// erased (see doc.go for what a dishonest dealing can and cannot do).
func (s *Scheme) GenReshareShares(tsk *ThresholdSecretShare, dealers []ShamirPoint, newThreshold int, newPoints []ShamirPoint) (map[ShamirPoint]*ThresholdShare, error) {
	if err := s.checkThresholdSecretShare(tsk); err != nil {
		return nil, fmt.Errorf("aggregation: GenReshareShares: %w", err)
	}
	sortedDealers, err := s.checkActive(tsk, dealers)
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
	additive := make([]*rlwe.SecretKey, len(tsk.keys))
	for i, sh := range tsk.shares {
		if additive[i], err = s.additive(tsk, sortedDealers, sh); err != nil {
			return nil, fmt.Errorf("aggregation: GenReshareShares: %w", err)
		}
	}
	out, err := s.deal(additive, newThreshold, sorted, ThresholdShare{
		params: s.paramsHash, dealer: tsk.party, threshold: newThreshold, points: sorted,
		dealerPoint: tsk.point, dealers: sortedDealers, keys: slices.Clone(tsk.keys), widths: s.modulusWidths(),
	})
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenReshareShares: %w", err)
	}
	return out, nil
}

// AggregateReshareShares sums the re-sharing shares that the member self at
// point own received, exactly one from every point of the dealer set, into
// its new ThresholdSecretShare for the new member set and threshold, key by
// key. A new member passes a fresh PartyID (see NewPartyID).
func (s *Scheme) AggregateReshareShares(self PartyID, own ShamirPoint, received []*ThresholdShare) (*ThresholdSecretShare, error) {
	return s.aggregateReshare("AggregateReshareShares", self, own, received, true)
}

// AggregateResharePart sums the re-sharing shares that the member at
// point own received from some of the re-sharing's dealers only: the part
// of its pending share they dealt. A part is the share of no key; it
// serves only the dealing check's bisection over the re-sharing's dealers
// (CheckResharePartSets), and is as SECRET as the share.
func (s *Scheme) AggregateResharePart(self PartyID, own ShamirPoint, received []*ThresholdShare) (*ThresholdSecretShare, error) {
	return s.aggregateReshare("AggregateResharePart", self, own, received, false)
}

// aggregateReshare is AggregateReshareShares (whole: one share from every
// dealer of the set) or AggregateResharePart (some of them).
func (s *Scheme) aggregateReshare(name string, self PartyID, own ShamirPoint, received []*ThresholdShare, whole bool) (*ThresholdSecretShare, error) {
	if len(received) == 0 {
		return nil, fmt.Errorf("aggregation: %s: %w: no shares", name, ErrMissingShares)
	}
	from := make(map[ShamirPoint]bool, len(received))
	first := received[0]
	for i, ts := range received {
		if err := s.checkThresholdShare(i, ts); err != nil {
			return nil, fmt.Errorf("aggregation: %s: %w", name, err)
		}
		switch {
		case len(ts.dealers) == 0:
			return nil, fmt.Errorf("aggregation: %s: %w: share %d is an initial dealing; use AggregateThresholdShares", name, ErrInvalidThreshold, i)
		case ts.recipient != own:
			return nil, fmt.Errorf("aggregation: %s: %w: share %d is addressed to point %d, not %d", name, ErrInvalidThreshold, i, ts.recipient, own)
		case ts.threshold != first.threshold || !slices.Equal(ts.points, first.points) || !slices.Equal(ts.dealers, first.dealers):
			return nil, fmt.Errorf("aggregation: %s: %w: share %d (dealer point %d) is for threshold %d over %v dealt by %v, share 0 for %d over %v dealt by %v", name, ErrInvalidThreshold, i, ts.dealerPoint, ts.threshold, ts.points, ts.dealers, first.threshold, first.points, first.dealers)
		case !slices.Equal(ts.keys, first.keys):
			return nil, fmt.Errorf("aggregation: %s: %w: share %d (dealer point %d) re-shares the keys of %d dealers, share 0 those of %d; every re-sharer must re-share the same keys", name, ErrKeyMismatch, i, ts.dealerPoint, len(ts.keys), len(first.keys))
		case from[ts.dealerPoint]:
			return nil, fmt.Errorf("aggregation: %s: %w: dealer point %d appears twice", name, ErrDuplicateShare, ts.dealerPoint)
		case !slices.Contains(ts.dealers, ts.dealerPoint):
			return nil, fmt.Errorf("aggregation: %s: %w: dealer point %d is not in the dealer set %v", name, ErrInvalidThreshold, ts.dealerPoint, ts.dealers)
		}
		from[ts.dealerPoint] = true
	}
	if whole && len(received) != len(first.dealers) {
		return nil, fmt.Errorf("aggregation: %s: %w: %d shares for %d dealers; one is needed from every dealer", name, ErrMissingShares, len(received), len(first.dealers))
	}
	if !slices.Contains(first.points, own) {
		return nil, fmt.Errorf("aggregation: %s: %w: point %d is not in the new point set %v", name, ErrInvalidThreshold, own, first.points)
	}
	thr := mhe.NewThresholdizer(s.params)
	shares := make([]mhe.ShamirSecretShare, len(first.keys))
	for k := range shares {
		acc := thr.AllocateThresholdSecretShare()
		for _, ts := range received {
			if err := thr.AggregateShares(acc, ts.shares[k], &acc); err != nil {
				return nil, fmt.Errorf("aggregation: %s: %w", name, err)
			}
		}
		s.reduceQP(acc.Poly)
		shares[k] = acc
	}
	return &ThresholdSecretShare{params: s.paramsHash, party: self, point: own, threshold: first.threshold, points: first.points, keys: slices.Clone(first.keys), shares: shares}, nil
}

// checkThresholdShare checks a received share's parameters, key list and
// coefficients.
func (s *Scheme) checkThresholdShare(i int, ts *ThresholdShare) error {
	if ts == nil || len(ts.shares) == 0 {
		return fmt.Errorf("%w: share %d is nil or empty", ErrNilArgument, i)
	}
	if err := s.checkParams(fmt.Sprintf("threshold share %d", i), ts.params); err != nil {
		return err
	}
	if len(ts.keys) != len(ts.shares) || !slices.IsSortedFunc(ts.keys, comparePartyIDs) {
		return fmt.Errorf("%w: threshold share %d lists %d keys for %d shares, or unsorted keys", ErrMalformed, i, len(ts.keys), len(ts.shares))
	}
	for k, sh := range ts.shares {
		if err := s.checkPolyQP(fmt.Sprintf("threshold share %d key %d", i, k), sh.Poly); err != nil {
			return err
		}
	}
	if ts.widths != nil && !ts.widths.equal(*s.modulusWidths()) {
		return fmt.Errorf("%w: threshold share %d is not packed at the moduli's widths", ErrMalformed, i)
	}
	return nil
}

func (s *Scheme) checkThresholdSecretShare(tsk *ThresholdSecretShare) error {
	if err := s.checkThresholdSecretShareOf(tsk, nil); err != nil {
		return err
	}
	for k, sh := range tsk.shares {
		if err := s.checkPolyQP(fmt.Sprintf("ThresholdSecretShare key %d", k), sh.Poly); err != nil {
			return err
		}
	}
	return nil
}

// checkThresholdSecretShareOf is checkThresholdSecretShare for the shares
// of the terms' dealers only (a dealer tsk holds no share of is left to
// termShare to refuse).
func (s *Scheme) checkThresholdSecretShareOf(tsk *ThresholdSecretShare, terms []Term) error {
	if tsk == nil || len(tsk.shares) == 0 {
		return fmt.Errorf("%w: ThresholdSecretShare is nil or empty", ErrNilArgument)
	}
	if err := s.checkParams("ThresholdSecretShare", tsk.params); err != nil {
		return err
	}
	for _, t := range terms {
		if sh, ok := tsk.shareOf(t.Dealer); ok {
			if err := s.checkPolyQP(fmt.Sprintf("ThresholdSecretShare key of dealer %s", t.Dealer), sh.Poly); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkActive validates an active set for tsk and returns it sorted.
func (s *Scheme) checkActive(tsk *ThresholdSecretShare, active []ShamirPoint) ([]ShamirPoint, error) {
	sorted, err := checkPointSet(active)
	if err != nil {
		return nil, err
	}
	if len(sorted) != tsk.threshold {
		return nil, fmt.Errorf("%w: active set has %d points, the threshold is %d; choose exactly t responsive parties", ErrInvalidThreshold, len(sorted), tsk.threshold)
	}
	if !slices.Contains(sorted, tsk.point) {
		return nil, fmt.Errorf("%w: own point %d is not in the active set %v", ErrInvalidThreshold, tsk.point, sorted)
	}
	for _, p := range sorted {
		if !slices.Contains(tsk.points, p) {
			return nil, fmt.Errorf("%w: active point %d is not in the agreed point set %v", ErrInvalidThreshold, p, tsk.points)
		}
	}
	return sorted, nil
}

// additive converts the Shamir share sh held at tsk's point into its
// additive share for the (checked, sorted) active set.
func (s *Scheme) additive(tsk *ThresholdSecretShare, active []ShamirPoint, sh mhe.ShamirSecretShare) (*rlwe.SecretKey, error) {
	others := make([]mhe.ShamirPublicPoint, len(active))
	for i, p := range active {
		others[i] = mhe.ShamirPublicPoint(p)
	}
	cmb := mhe.NewCombiner(*s.params.GetRLWEParameters(), mhe.ShamirPublicPoint(tsk.point), others, tsk.threshold)
	out := rlwe.NewSecretKey(s.params)
	if err := cmb.GenAdditiveShare(others, mhe.ShamirPublicPoint(tsk.point), sh, out); err != nil {
		return nil, err
	}
	return out, nil
}

// termShare combines tsk's shares of the terms' dealers with the terms'
// weights into a Shamir share of Σ weight·s_dealer, the key a vector with
// these terms decrypts under (Shamir sharing is linear).
func (s *Scheme) termShare(tsk *ThresholdSecretShare, terms []Term) (mhe.ShamirSecretShare, error) {
	rq, rp := s.params.RingQ(), s.params.RingP()
	acc := mhe.NewThresholdizer(s.params).AllocateThresholdSecretShare()
	for _, t := range terms {
		sh, ok := tsk.shareOf(t.Dealer)
		if !ok {
			return acc, fmt.Errorf("%w: this party holds no share of dealer %s's key; it was dealt before that dealer joined, or the vector names a dealer outside the study", ErrKeyMismatch, t.Dealer)
		}
		mulScalarThenAdd(rq, sh.Q, t.Weight, acc.Q)
		if rp != nil {
			mulScalarThenAdd(rp, sh.P, t.Weight, acc.P)
		}
	}
	return acc, nil
}

// AggregateThresholdShares collects the ThresholdShares received by the
// party self at point own, one initial dealing from every party of pk (its
// own included), into its ThresholdSecretShare: one Shamir share per
// dealer's key, kept apart so that a decryption combines exactly the keys
// and weights a vector records. All shares must be addressed to own and
// agree on the threshold and the point set, and their dealers must be
// exactly pk's parties. The point set is the holders': every party, or a
// committee of c of them (each party then deals c shares, n·c in all
// instead of n²; the caller checks the committee against the chain).
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
	byDealer := make(map[PartyID]mhe.ShamirSecretShare, len(received))
	first := received[0]
	for i, ts := range received {
		if err := s.checkThresholdShare(i, ts); err != nil {
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w", err)
		}
		switch {
		case ts.recipient != own:
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d is addressed to point %d, not %d", ErrInvalidThreshold, i, ts.recipient, own)
		case len(ts.dealers) != 0:
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d comes from a re-sharing; use AggregateReshareShares", ErrInvalidThreshold, i)
		case len(ts.keys) != 1 || ts.keys[0] != ts.dealer:
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d (dealer %s) is not a dealing of the dealer's own key", ErrKeyMismatch, i, ts.dealer)
		case ts.threshold != first.threshold || !slices.Equal(ts.points, first.points):
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: share %d (dealer %s) uses threshold %d over %v, share 0 uses %d over %v", ErrInvalidThreshold, i, ts.dealer, ts.threshold, ts.points, first.threshold, first.points)
		case !slices.Contains(pk.parties, ts.dealer):
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: dealer %s is not part of the key", ErrKeyMismatch, ts.dealer)
		}
		if _, dup := byDealer[ts.dealer]; dup {
			return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: dealer %s appears twice", ErrDuplicateShare, ts.dealer)
		}
		byDealer[ts.dealer] = ts.shares[0]
	}
	if _, err := checkPointSet(first.points); err != nil {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w", err)
	}
	if !slices.Contains(first.points, own) {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: point %d is not in the point set %v", ErrInvalidThreshold, own, first.points)
	}
	if len(first.points) > len(pk.parties) {
		return nil, fmt.Errorf("aggregation: AggregateThresholdShares: %w: %d points for %d parties; holders are parties or a committee of them", ErrInvalidThreshold, len(first.points), len(pk.parties))
	}
	keys := slices.Clone(pk.parties) // sorted
	shares := make([]mhe.ShamirSecretShare, len(keys))
	for i, k := range keys {
		shares[i] = byDealer[k]
	}
	return &ThresholdSecretShare{params: s.paramsHash, party: self, point: own, threshold: first.threshold, points: first.points, keys: keys, shares: shares}, nil
}

// AddDealer returns tsk extended with the share of a new dealer's key that
// the dealer dealt to tsk's point (an initial dealing over the same point
// set and threshold): a member that joins after key generation deals its
// own key this way, and the holders add it.
func (s *Scheme) AddDealer(tsk *ThresholdSecretShare, ts *ThresholdShare) (*ThresholdSecretShare, error) {
	if err := s.checkThresholdSecretShare(tsk); err != nil {
		return nil, fmt.Errorf("aggregation: AddDealer: %w", err)
	}
	if err := s.checkThresholdShare(0, ts); err != nil {
		return nil, fmt.Errorf("aggregation: AddDealer: %w", err)
	}
	switch {
	case len(ts.dealers) != 0 || len(ts.keys) != 1 || ts.keys[0] != ts.dealer:
		return nil, fmt.Errorf("aggregation: AddDealer: %w: the share is not a dealing of the dealer's own key", ErrKeyMismatch)
	case ts.recipient != tsk.point:
		return nil, fmt.Errorf("aggregation: AddDealer: %w: the share is addressed to point %d, not %d", ErrInvalidThreshold, ts.recipient, tsk.point)
	case ts.threshold != tsk.threshold || !slices.Equal(ts.points, tsk.points):
		return nil, fmt.Errorf("aggregation: AddDealer: %w: the share uses threshold %d over %v, the holders %d over %v", ErrInvalidThreshold, ts.threshold, ts.points, tsk.threshold, tsk.points)
	}
	if _, ok := tsk.shareOf(ts.dealer); ok {
		return nil, fmt.Errorf("aggregation: AddDealer: %w: dealer %s is already in the key set", ErrDuplicateShare, ts.dealer)
	}
	out := *tsk
	i, _ := slices.BinarySearchFunc(tsk.keys, ts.dealer, comparePartyIDs)
	out.keys = slices.Insert(slices.Clone(tsk.keys), i, ts.dealer)
	out.shares = slices.Insert(slices.Clone(tsk.shares), i, ts.shares[0])
	return &out, nil
}

// GenThresholdDecryptionShare computes the party's decryption share of agg
// for the given active set: exactly Threshold() distinct points, the party's
// own included, all from the agreed point set. The party combines its
// shares of the aggregate's dealers' keys with the aggregate's weights,
// converts the result into an additive share for that set (Lagrange
// interpolation at zero) and runs the same smudged key switch as
// GenDecryptionShare. Decrypt then needs one share from every point of the
// active set.
func (s *Scheme) GenThresholdDecryptionShare(tsk *ThresholdSecretShare, active []ShamirPoint, agg *EncryptedVector) (*DecryptionShare, error) {
	shares, err := s.GenThresholdDecryptionShares(tsk, [][]ShamirPoint{active}, agg)
	if err != nil {
		return nil, err
	}
	return shares[0], nil
}

// GenThresholdDecryptionShares is GenThresholdDecryptionShare for each of
// several active sets (DecryptionSets): the party's share of the key agg
// decrypts under, a combination over every dealer, is computed once, and
// only its additive conversion and the key switch are per set.
func (s *Scheme) GenThresholdDecryptionShares(tsk *ThresholdSecretShare, sets [][]ShamirPoint, agg *EncryptedVector) ([]*DecryptionShare, error) {
	return s.genThresholdDecryptionShares(tsk, sets, agg, nil)
}

// genThresholdDecryptionShares is GenThresholdDecryptionShares with agg's
// masks, if not nil, taken from masks (see genDecryptionShare).
func (s *Scheme) genThresholdDecryptionShares(tsk *ThresholdSecretShare, sets [][]ShamirPoint, agg *EncryptedVector, masks *Masks) ([]*DecryptionShare, error) {
	if err := s.checkThresholdSecretShare(tsk); err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdDecryptionShare: %w", err)
	}
	if err := s.checkVector("vector", agg); err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdDecryptionShare: %w", err)
	}
	sh, err := s.termShare(tsk, agg.terms)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenThresholdDecryptionShare: %w", err)
	}
	out := make([]*DecryptionShare, len(sets))
	for i, active := range sets {
		sorted, err := s.checkActive(tsk, active)
		if err != nil {
			return nil, fmt.Errorf("aggregation: GenThresholdDecryptionShare: %w", err)
		}
		key, err := s.additive(tsk, sorted, sh)
		if err != nil {
			return nil, fmt.Errorf("aggregation: GenThresholdDecryptionShare: %w", err)
		}
		if out[i], err = s.genDecryptionShare(key, agg, &DecryptionShare{party: tsk.party, mode: modeThreshold, point: tsk.point, active: sorted}, masks); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// vectorShare returns tsk's Shamir share of the key v decrypts under
// (termShare), after checking tsk and the shares of v's dealers only: a
// key switch of one update uses one of the party's n shares.
func (s *Scheme) vectorShare(tsk *ThresholdSecretShare, v *EncryptedVector) (mhe.ShamirSecretShare, error) {
	if err := s.checkThresholdSecretShareOf(tsk, v.terms); err != nil {
		return mhe.ShamirSecretShare{}, err
	}
	return s.termShare(tsk, v.terms)
}

func encodeThreshold(e *encoder, kind byte, params common.Hash, id PartyID, point ShamirPoint, threshold int, points []ShamirPoint, dealerPoint ShamirPoint, dealers []ShamirPoint, keys []PartyID, shares []mhe.ShamirSecretShare, widths *modulusWidths) {
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
	e.u32(uint32(len(keys)))
	for i, k := range keys {
		e.write(k[:])
		e.polyQPAt(shares[i].Poly, widths)
	}
}

type thresholdFields struct {
	params      common.Hash
	id          PartyID
	point       ShamirPoint
	threshold   int
	points      []ShamirPoint
	dealerPoint ShamirPoint
	dealers     []ShamirPoint
	keys        []PartyID
	shares      []mhe.ShamirSecretShare
	widths      *modulusWidths // of a threshold share's first key (all must agree)
}

func decodeThreshold(p []byte, kind byte) (f thresholdFields, err error) {
	d, params := newDecoder(p, kind)
	d.fixedWidths = kind == kindThresholdShare
	f.params = params
	copy(f.id[:], d.take(len(f.id)))
	f.point = ShamirPoint(d.u64())
	f.threshold = int(d.u32())
	n := d.count("Shamir point", maxParties, 8)
	for i := 0; i < n && d.err == nil; i++ {
		f.points = append(f.points, ShamirPoint(d.u64()))
	}
	if kind == kindThresholdShare {
		f.dealerPoint = ShamirPoint(d.u64())
		nd := int(d.u32())
		if d.err == nil && (nd > maxParties || nd > len(d.b)/8 || (nd == 0) != (f.dealerPoint == 0)) {
			d.fail(fmt.Sprintf("re-sharing dealer set of %d points with dealer point %d", nd, f.dealerPoint))
		}
		for i := 0; i < nd && d.err == nil; i++ {
			f.dealers = append(f.dealers, ShamirPoint(d.u64()))
		}
	}
	nk := d.count("key share", maxParties, len(PartyID{})+2*minPolySize)
	if d.err == nil && nk == 0 {
		d.fail("no key share")
	}
	for i := 0; i < nk && d.err == nil; i++ {
		var k PartyID
		copy(k[:], d.take(len(k)))
		if d.err == nil && i > 0 && comparePartyIDs(f.keys[i-1], k) >= 0 {
			d.fail("key list not strictly sorted")
		}
		f.keys = append(f.keys, k)
		poly, w := d.polyQPWidths()
		f.shares = append(f.shares, mhe.ShamirSecretShare{Poly: poly})
		if d.fixedWidths && d.err == nil {
			if f.widths == nil {
				f.widths = &w
			} else if !w.equal(*f.widths) {
				d.fail("key shares packed at different widths")
			}
		}
	}
	if err = d.done(); err != nil {
		return
	}
	if len(f.dealers) > 0 {
		if e := checkActiveSet(f.dealers); e != nil || !slices.Contains(f.dealers, f.dealerPoint) {
			err = fmt.Errorf("%w: %s: invalid re-sharing dealer set %v (dealer %d)", ErrMalformed, kindNames[kind], f.dealers, f.dealerPoint)
			return
		}
	}
	if e := checkActiveSet(f.points); e != nil {
		err = fmt.Errorf("%w: %s: %v", ErrMalformed, kindNames[kind], e)
		return
	}
	if f.threshold < 1 || f.threshold > len(f.points) || !slices.Contains(f.points, f.point) {
		err = fmt.Errorf("%w: %s: threshold %d or point %d inconsistent with %d points", ErrMalformed, kindNames[kind], f.threshold, f.point, len(f.points))
	}
	return
}

func sharesSize(shares []mhe.ShamirSecretShare) int {
	n := 0
	for _, sh := range shares {
		n += len(PartyID{}) + sh.BinarySize()
	}
	return n
}

// ThresholdShareBytes is the encoded size of a ThresholdShare holding
// shares of keys keys over points points, dealt by a re-sharing set of
// dealers points (0 for an initial dealing). Shares are packed at the
// moduli's widths, so the size depends on nothing else: it is what a relay
// bounds a dealer's shares by before it keeps them.
func (s *Scheme) ThresholdShareBytes(keys, points, dealers int) int {
	w := s.modulusWidths()
	n := s.params.N()
	poly := func(widths []byte) int {
		size := polyHeaderSize(len(widths))
		for _, b := range widths {
			size += packedLen(n, int(b))
		}
		return size
	}
	perKey := len(PartyID{}) + poly(w.q) + 4 // a share without P rows ends in a zero count
	if w.p != nil {
		perKey += poly(w.p) - 4
	}
	header := len(wireMagic) + 2 + len(common.Hash{}) + len(PartyID{}) + 8 + 4 + 4 + 8*points + 8 + 4 + 8*dealers + 4
	return header + keys*perKey
}

// MarshalBinary encodes the share. The result is secret key material.
func (ts *ThresholdShare) MarshalBinary() ([]byte, error) {
	if ts == nil || len(ts.shares) == 0 {
		return nil, fmt.Errorf("%w: ThresholdShare is nil", ErrNilArgument)
	}
	return marshal(112+8*len(ts.points)+8*len(ts.dealers)+sharesSize(ts.shares), func(e *encoder) {
		encodeThreshold(e, kindThresholdShare, ts.params, ts.dealer, ts.recipient, ts.threshold, ts.points, ts.dealerPoint, ts.dealers, ts.keys, ts.shares, ts.widths)
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (ts *ThresholdShare) UnmarshalBinary(p []byte) error {
	f, err := decodeThreshold(p, kindThresholdShare)
	if err != nil {
		return err
	}
	*ts = ThresholdShare{params: f.params, dealer: f.id, recipient: f.point, threshold: f.threshold, points: f.points, dealerPoint: f.dealerPoint, dealers: f.dealers, keys: f.keys, shares: f.shares, widths: f.widths}
	return nil
}

// MarshalBinary encodes the share. The result is secret key material.
func (t *ThresholdSecretShare) MarshalBinary() ([]byte, error) {
	if t == nil || len(t.shares) == 0 {
		return nil, fmt.Errorf("%w: ThresholdSecretShare is nil", ErrNilArgument)
	}
	return marshal(100+8*len(t.points)+sharesSize(t.shares), func(e *encoder) {
		encodeThreshold(e, kindThresholdSecretShare, t.params, t.party, t.point, t.threshold, t.points, 0, nil, t.keys, t.shares, nil)
	})
}

// UnmarshalBinary decodes a share produced by MarshalBinary. Errors wrap
// ErrMalformed.
func (t *ThresholdSecretShare) UnmarshalBinary(p []byte) error {
	f, err := decodeThreshold(p, kindThresholdSecretShare)
	if err != nil {
		return err
	}
	*t = ThresholdSecretShare{params: f.params, party: f.id, point: f.point, threshold: f.threshold, points: f.points, keys: f.keys, shares: f.shares}
	return nil
}
