package aggregation

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/tuneinsight/lattigo/v5/mhe"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// Verifiable dealing. Dealer i publishes p_i = -a·s_i + e_i (its
// PublicKeyShare, a the CRS polynomial) and Shamir-shares s_i to the
// holders. Its dealing is consistent on a set of t holders exactly when
// their shares interpolate to s_i, that is when the holders can decrypt
// the ciphertext (p_i, a) under dealer i's key: p_i + a·s_i = e_i is small.
// A DealingCheck is that ciphertext, for many dealers at once with small
// public random weights ρ_i (Σ ρ_i·p_i, a) under Σ ρ_i·s_i, at the level
// aggregates are decrypted at; holders give ordinary threshold decryption
// shares of it (GenDealingCheckShares), keyed, smudged and combined like
// those of any aggregate. A consistent dealing decrypts to
// round(Σ ρ_i·e_i / q_top) plus the smudging, below DealingCheckBound; an
// inconsistent one to a·δ/q_top for a non-zero δ, uniform modulo the
// aggregate modulus, far beyond it.

// DealingWeightBits bounds the batching weights: ρ_i lies in 1..2^16-1. A
// larger weight would shrink the smudging relative to ρ_i·e_i (a weight
// the size of the smudging would reveal e_i and so s_i); a smaller one
// makes it likelier that two colluding dealers' errors cancel in a
// batched check (probability at most 2^-16 per check, see
// FindInconsistentDealers).
const DealingWeightBits = 16

// dealingDomain separates the dealing check's context and weights from
// every other use of the parties' keys.
const dealingDomain = "cohort/aggregation/dealing-check/v1"

// DealingCheckWeights returns the batching weight of each dealer, drawn
// from seed: seed must be fixed after every dealing is (for example the
// hash of the dealt shares' commitments), so that no dealer can aim its
// error at the others'. A dealer's weight depends on seed and on the
// dealer only, so a subset checked in a bisection keeps its weights.
func DealingCheckWeights(seed [32]byte, dealers []PartyID) []Term {
	out := make([]Term, len(dealers))
	for i, d := range dealers {
		h := crypto.Keccak256([]byte(dealingDomain+"/weight"), seed[:], d[:])
		w := binary.BigEndian.Uint64(h[:8]) & (1<<DealingWeightBits - 1)
		out[i] = Term{Dealer: d, Weight: max(w, 1)}
	}
	return out
}

// DealingCheckSets are the decryption sets the dealing check asks of
// holders at points for threshold t: with at most 2t holders those of
// DecryptionSets (every holder left out of one); with more, consecutive
// runs of t holders around the sorted points, so that every holder's
// shares are checked, each in one or two sets. The coordinator asks them
// and a holder derives them from its share's points (not from the task):
// each set holding its point is one more smudged sample of its share, so
// it answers no others. Errors wrap ErrInvalidThreshold.
func DealingCheckSets(points []ShamirPoint, t int) ([][]ShamirPoint, error) {
	sorted := slices.Clone(points)
	slices.Sort(sorted)
	switch {
	case t < 1 || len(sorted) < t:
		return nil, fmt.Errorf("%w: %d holders for threshold %d", ErrInvalidThreshold, len(sorted), t)
	case len(slices.Compact(slices.Clone(sorted))) != len(sorted):
		return nil, fmt.Errorf("%w: holders' points %v repeat a point", ErrInvalidThreshold, points)
	case len(sorted) <= 2*t:
		return DecryptionSets(sorted, t)
	}
	var sets [][]ShamirPoint
	for start := 0; start < len(sorted); start += t {
		set := make([]ShamirPoint, t)
		for i := range set {
			set[i] = sorted[(start+i)%len(sorted)]
		}
		slices.Sort(set)
		sets = append(sets, set)
	}
	return sets, nil
}

// dealingContext is the encryption context of a dealing check: nobody
// encrypts under it, so its only ciphertext is the check's, whose mask is
// the CRS polynomial a instead of an expanded one (dealingMask).
func dealingContext(crs [32]byte) EncryptionContext {
	return EncryptionContext(CommonSeed([]byte(dealingDomain), crs[:]))
}

// dealingMask returns the Masks that make keySwitch multiply by the
// public-key CRS polynomial a in the form in which p_i = -a·s_i + e_i holds
// (Lattigo keeps p_i and a in Montgomery form: InvMForm(a)).
func (s *Scheme) dealingMask(crs [32]byte) (*Masks, error) {
	prng, err := crsPRNG(crs, "pk")
	if err != nil {
		return nil, err
	}
	crp := mhe.NewPublicKeyGenProtocol(s.params).SampleCRP(prng)
	r := s.params.RingQ().AtLevel(s.params.MaxLevel())
	mask := r.NewPoly()
	r.IMForm(crp.Value.Q, mask)
	m := s.NewMasks(dealingContext(crs))
	m.polys[0] = mask
	return m, nil
}

// dealingProbe is what holders key-switch: a vector of one ciphertext of
// N values at the aggregate level, under the dealers' weighted keys, with
// a zero c0. Its hash, which binds their shares, depends only on the CRS,
// the dealers and their weights: asked again for the same check a holder
// gives the same share (its noise is keyed by that hash), whatever c0 a
// coordinator would pair it with.
func (s *Scheme) dealingProbe(crs [32]byte, terms []Term) (*EncryptedVector, error) {
	if len(terms) == 0 {
		return nil, fmt.Errorf("%w: a dealing check of no dealer", ErrEmptyInput)
	}
	seen := make(map[PartyID]bool, len(terms))
	for _, t := range terms {
		if seen[t.Dealer] {
			return nil, fmt.Errorf("%w: dealer %s appears twice in a dealing check", ErrDuplicateShare, t.Dealer)
		}
		seen[t.Dealer] = true
		if t.Weight == 0 || t.Weight >= 1<<DealingWeightBits {
			return nil, fmt.Errorf("%w: dealing-check weight %d of dealer %s is outside 1..2^%d-1", ErrInvalidWeight, t.Weight, t.Dealer, DealingWeightBits)
		}
	}
	level := s.params.MaxLevel() - 1
	return &EncryptedVector{
		params: s.paramsHash, keyHash: common.Hash(dealingContext(crs)), context: dealingContext(crs),
		terms: slices.Clone(terms), length: s.Slots(), level: level,
		c0: []ring.Poly{s.params.RingQ().AtLevel(level).NewPoly()}, hash: &hashCache{},
	}, nil
}

// DealingCheck is the public ciphertext (Σ ρ_i·p_i, a) of some dealers'
// public-key shares, rescaled to the aggregate level. It is immutable and
// safe for concurrent use.
type DealingCheck struct {
	crs    [32]byte
	seed   [32]byte
	probe  *EncryptedVector // zero c0: what the holders' shares are bound to
	sealed *EncryptedVector // the probe with c0 = Σ ρ_i·p_i / q_top
}

// Hash returns the hash the holders' decryption shares of the check are
// bound to (their AggregateHash).
func (c *DealingCheck) Hash() common.Hash { return c.probe.Hash() }

// Dealers returns the dealers the check covers, sorted.
func (c *DealingCheck) Dealers() []PartyID {
	out := make([]PartyID, len(c.probe.terms))
	for i, t := range c.probe.terms {
		out[i] = t.Dealer
	}
	return out
}

// NewDealingCheck builds the check of the dealings of the parties whose
// public-key shares are given, made for pk's CRS, weighted by
// DealingCheckWeights(seed): pk's parties, or members that joined after
// key generation and dealt their keys to the holders (AddDealer), whose
// shares the caller checked with CheckJoinerKeyShare.
func (s *Scheme) NewDealingCheck(pk *PublicKey, seed [32]byte, shares []*PublicKeyShare) (*DealingCheck, error) {
	if err := s.checkPublicKey(pk); err != nil {
		return nil, fmt.Errorf("aggregation: NewDealingCheck: %w", err)
	}
	if len(shares) == 0 {
		return nil, fmt.Errorf("aggregation: NewDealingCheck: %w: no public-key shares", ErrEmptyInput)
	}
	crs := pk.crs
	sorted := slices.Clone(shares)
	for i, sh := range sorted {
		if sh == nil || sh.share.Value.Q.Coeffs == nil {
			return nil, fmt.Errorf("aggregation: NewDealingCheck: %w: public-key share %d is nil", ErrNilArgument, i)
		}
		if err := s.checkParams(fmt.Sprintf("public-key share %d", i), sh.params); err != nil {
			return nil, fmt.Errorf("aggregation: NewDealingCheck: %w", err)
		}
		if sh.crs != crs {
			return nil, fmt.Errorf("aggregation: NewDealingCheck: %w: public-key share %d (party %s) was made for another CRS than the key's", ErrKeyMismatch, i, sh.id)
		}
		if err := s.checkPolyQP(fmt.Sprintf("public-key share %d", i), sh.share.Value); err != nil {
			return nil, fmt.Errorf("aggregation: NewDealingCheck: %w", err)
		}
	}
	slices.SortFunc(sorted, func(a, b *PublicKeyShare) int { return comparePartyIDs(a.id, b.id) })
	dealers := make([]PartyID, len(sorted))
	for i, sh := range sorted {
		dealers[i] = sh.id
	}
	terms := DealingCheckWeights(seed, dealers)
	probe, err := s.dealingProbe(crs, terms)
	if err != nil {
		return nil, fmt.Errorf("aggregation: NewDealingCheck: %w", err)
	}
	// c0 = Σ ρ_i·p_i at the top level (coefficient domain), then divided
	// by q_top with rounding, as keySwitch divides each share.
	top := s.params.MaxLevel()
	r := s.params.RingQ().AtLevel(top)
	acc, p := r.NewPoly(), r.NewPoly()
	for i, sh := range sorted {
		r.IMForm(sh.share.Value.Q, p)
		r.INTT(p, p)
		mulScalarThenAdd(r, p, terms[i].Weight, acc)
	}
	r.Reduce(acc, acc)
	c0 := s.params.RingQ().AtLevel(top - 1).NewPoly()
	r.DivRoundByLastModulus(acc, c0)
	s.params.RingQ().AtLevel(top-1).Reduce(c0, c0)
	sealed := *probe
	sealed.c0 = []ring.Poly{c0}
	sealed.hash = &hashCache{}
	return &DealingCheck{crs: crs, seed: seed, probe: probe, sealed: &sealed}, nil
}

// GenDealingCheckShares is what a holder gives for a dealing check: its
// threshold decryption share, for each decryption set, of the check of
// dealers' dealings (keys tsk holds shares of: pk's parties, or members
// that joined later) with the weights
// DealingCheckWeights(seed) (the holder derives them itself: a weight it
// were handed could be large enough to lift e_i above the smudging). The
// shares are ordinary DecryptionShares, bound to the check's Hash.
func (s *Scheme) GenDealingCheckShares(tsk *ThresholdSecretShare, sets [][]ShamirPoint, pk *PublicKey, seed [32]byte, dealers []PartyID) ([]*DecryptionShare, error) {
	if err := s.checkPublicKey(pk); err != nil {
		return nil, fmt.Errorf("aggregation: GenDealingCheckShares: %w", err)
	}
	if tsk == nil {
		return nil, fmt.Errorf("aggregation: GenDealingCheckShares: %w: ThresholdSecretShare is nil", ErrNilArgument)
	}
	sorted := slices.Clone(dealers)
	slices.SortFunc(sorted, comparePartyIDs)
	for _, d := range sorted {
		if _, ok := slices.BinarySearchFunc(tsk.keys, d, comparePartyIDs); !ok {
			return nil, fmt.Errorf("aggregation: GenDealingCheckShares: %w: dealer %s's key is not among those the threshold share holds", ErrKeyMismatch, d)
		}
	}
	crs := pk.crs
	probe, err := s.dealingProbe(crs, DealingCheckWeights(seed, sorted))
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenDealingCheckShares: %w", err)
	}
	masks, err := s.dealingMask(crs)
	if err != nil {
		return nil, fmt.Errorf("aggregation: GenDealingCheckShares: %w", err)
	}
	return s.genThresholdDecryptionShares(tsk, sets, probe, masks)
}

// CheckJoinerKeyShare checks the public-key share that a member that
// joins after key generation sends with the dealing of its own key: made
// by party id (the member's dealer id) with this scheme's parameters for
// pk's CRS, its polynomials in range, and id not one of pk's parties
// (their shares are the key's). With it the dealing check covers the
// joiner's key as it covers the parties' (NewDealingCheck). Like theirs,
// the share proves nothing about whether the member knows its key.
func (s *Scheme) CheckJoinerKeyShare(pk *PublicKey, id PartyID, share *PublicKeyShare) error {
	if err := s.checkPublicKey(pk); err != nil {
		return fmt.Errorf("aggregation: CheckJoinerKeyShare: %w", err)
	}
	if share == nil || share.share.Value.Q.Coeffs == nil {
		return fmt.Errorf("aggregation: CheckJoinerKeyShare: %w: no public-key share", ErrNilArgument)
	}
	if err := s.checkParams("public-key share", share.params); err != nil {
		return fmt.Errorf("aggregation: CheckJoinerKeyShare: %w", err)
	}
	switch {
	case share.id != id:
		return fmt.Errorf("aggregation: CheckJoinerKeyShare: %w: the public-key share is of party %s, not %s", ErrKeyMismatch, share.id, id)
	case share.crs != pk.crs:
		return fmt.Errorf("aggregation: CheckJoinerKeyShare: %w: the public-key share of %s was made for another CRS than the collective key's", ErrKeyMismatch, id)
	case slices.Contains(pk.parties, id):
		return fmt.Errorf("aggregation: CheckJoinerKeyShare: %w: party %s is one of the collective key's, not a member that joined later", ErrDuplicateShare, id)
	}
	if err := s.checkPolyQP("public-key share", share.share.Value); err != nil {
		return fmt.Errorf("aggregation: CheckJoinerKeyShare: %w", err)
	}
	return nil
}

// DealingCheckBound is the largest magnitude, in coefficient units, that a
// consistent dealing's check decrypts to with n shares: the weighted key
// errors Σ ρ_i·|e_i| ≤ Σ ρ_i·B_e (B_e the key error's bound) divided by
// q_top, plus the rounding of c0 and of each share (1/2 each), plus the
// smudging of n shares (each at most tailCut·σ and its dither).
func (s *Scheme) DealingCheckBound(check *DealingCheck, n int) float64 {
	be := s.params.Xe().(ring.DiscreteGaussian).Bound
	var weights float64
	for _, t := range check.probe.terms {
		weights += float64(t.Weight)
	}
	qTop := float64(s.params.Q()[s.params.MaxLevel()])
	return weights*be/qTop + float64(n+1)/2 + s.smudgingBound(n)
}

// CheckDealing combines the shares of one decryption set for check and
// returns nil if the dealings it covers are consistent on that set, or an
// error wrapping ErrInconsistentDealing naming the set and the largest
// coefficient found. Shares of another check, of mixed sets, duplicated or
// missing are refused as Decrypt refuses them.
func (s *Scheme) CheckDealing(check *DealingCheck, shares []*DecryptionShare) error {
	if check == nil {
		return fmt.Errorf("aggregation: CheckDealing: %w: nil check", ErrNilArgument)
	}
	out, err := s.combineFor(check.sealed, check.Hash(), shares)
	if err != nil {
		return fmt.Errorf("aggregation: CheckDealing: %w", err)
	}
	bound := s.DealingCheckBound(check, len(shares)) * math.Exp2(-float64(s.logScale))
	for j, x := range out {
		if math.Abs(x) > bound {
			return fmt.Errorf("aggregation: CheckDealing: %w: with the holders at points %v, coefficient %d decrypts to %.3g·2^%d, beyond the %.3g·2^%d a consistent dealing gives",
				ErrInconsistentDealing, shares[0].active, j, x, s.logScale, bound, s.logScale)
		}
	}
	return nil
}

// DealingVerdict is what a dealing check shows across decryption sets.
type DealingVerdict struct {
	// Failed and Passed list the decryption sets whose check failed and
	// passed.
	Failed, Passed [][]ShamirPoint
}

// Consistent reports whether the check passed in every set.
func (v DealingVerdict) Consistent() bool { return len(v.Failed) == 0 }

// InconsistentEverywhere reports whether the check failed in every set:
// the dealings it covers are inconsistent whatever holders decrypt, a
// dealer's fault (or, with one set only, possibly a holder's of that set:
// the two cannot be told apart).
func (v DealingVerdict) InconsistentEverywhere() bool {
	return len(v.Failed) > 0 && len(v.Passed) == 0
}

// Suspects returns the holders in every failed set and in no passed one
// when some sets pass and others fail: the dealings are consistent on the
// passing holders, so the fault lies with these holders' shares, a
// holder that lies or one a dealer dealt a wrong share to (this check
// cannot tell which).
func (v DealingVerdict) Suspects() []ShamirPoint {
	if len(v.Failed) == 0 || len(v.Passed) == 0 {
		return nil
	}
	var out []ShamirPoint
	for _, p := range v.Failed[0] {
		inAll := true
		for _, f := range v.Failed[1:] {
			inAll = inAll && slices.Contains(f, p)
		}
		for _, ok := range v.Passed {
			inAll = inAll && !slices.Contains(ok, p)
		}
		if inAll {
			out = append(out, p)
		}
	}
	return out
}

// CheckDealingSets runs CheckDealing on each decryption set the shares
// were made for (one share per holder per set, as
// GenDealingCheckShares gives them) and reports which sets failed. An
// error other than a failed check (malformed, missing or foreign shares)
// is returned as such.
func (s *Scheme) CheckDealingSets(check *DealingCheck, shares []*DecryptionShare) (DealingVerdict, error) {
	if i := slices.Index(shares, nil); i >= 0 {
		return DealingVerdict{}, fmt.Errorf("aggregation: CheckDealingSets: %w: share %d is nil", ErrNilArgument, i)
	}
	groups := groupBySet(shares, func(ds *DecryptionShare) (uint8, []ShamirPoint) { return ds.mode, ds.active })
	if len(groups) == 0 {
		return DealingVerdict{}, fmt.Errorf("aggregation: CheckDealingSets: %w: no decryption shares", ErrMissingShares)
	}
	var v DealingVerdict
	for _, g := range groups {
		switch err := s.CheckDealing(check, g); {
		case err == nil:
			v.Passed = append(v.Passed, g[0].ActiveSet())
		case errors.Is(err, ErrInconsistentDealing):
			v.Failed = append(v.Failed, g[0].ActiveSet())
		default:
			return DealingVerdict{}, err
		}
	}
	return v, nil
}

// PartialDealing is a dealer whose check fails in some decryption sets
// and passes in others: its shares are consistent on the passing
// holders, and the fault lies with Suspects' shares of its key (the
// dealer dealt them wrong, or those holders lie about them: the check
// cannot tell which).
type PartialDealing struct {
	Dealer   PartyID
	Suspects []ShamirPoint
}

// FindInconsistentDealers judges the dealings of dealers, given verdict,
// which runs one dealing check of a subset of dealers across the
// decryption sets (NewDealingCheck, holders' GenDealingCheckShares,
// CheckDealingSets). It checks every dealer at once first (one
// decryption per set) and, only if that fails, bisects: about
// 2·b·log2(n) further checks for b faulty dealers among n (2n-1 at most,
// when a holder lies about every dealer's shares). It returns the dealers
// whose check fails in every set (inconsistent: their shares are not of
// the key behind their public-key share on any holders asked) and those
// whose check fails only in some (partial). A batched check misses
// faulty dealings only when colluding dealers' errors cancel under the
// weights, with probability at most 2^-DealingWeightBits per check.
func FindInconsistentDealers(dealers []PartyID, verdict func(subset []PartyID) (DealingVerdict, error)) (inconsistent []PartyID, partial []PartialDealing, err error) {
	all, err := verdict(dealers)
	if err != nil || all.Consistent() {
		return nil, nil, err
	}
	var bisect func(subset []PartyID, v DealingVerdict) error
	bisect = func(subset []PartyID, v DealingVerdict) error {
		switch {
		case v.Consistent():
			return nil
		case len(subset) == 1 && v.InconsistentEverywhere():
			inconsistent = append(inconsistent, subset[0])
			return nil
		case len(subset) == 1:
			partial = append(partial, PartialDealing{Dealer: subset[0], Suspects: v.Suspects()})
			return nil
		}
		for _, part := range bisectionHalves(subset) {
			pv, err := verdict(part)
			if err != nil {
				return err
			}
			if err := bisect(part, pv); err != nil {
				return err
			}
		}
		return nil
	}
	if err := bisect(dealers, all); err != nil {
		return nil, nil, err
	}
	return inconsistent, partial, nil
}

// bisectionHalves splits a subset of dealers in two as
// FindInconsistentDealers bisects it: the first len/2, then the rest.
func bisectionHalves[T any](subset []T) [2][]T {
	half := len(subset) / 2
	return [2][]T{subset[:half], subset[half:]}
}

// IsBisectionPart reports whether subset holds the same dealers as
// dealers or as one of the parts FindInconsistentDealers' bisection of
// dealers may check: its halves, their halves, and so on, in dealers'
// order. There are 2·len(dealers)−1 such parts and each dealer is in at
// most ⌈log2 len(dealers)⌉+1 of them. A holder answers the dealing check
// for these only: every other subset would be one more smudged sample of
// part of its share, and the differences of overlapping subsets average
// the smudging away.
func IsBisectionPart[T comparable](dealers, subset []T) bool {
	in := make(map[T]bool, len(subset))
	for _, d := range subset {
		in[d] = true
	}
	if len(subset) == 0 || len(in) != len(subset) {
		return false
	}
	node := dealers
	for len(node) > len(subset) && len(node) > 1 {
		halves := bisectionHalves(node)
		node = halves[1]
		if slices.Contains(halves[0], subset[0]) {
			node = halves[0]
		}
	}
	return len(node) == len(subset) && !slices.ContainsFunc(node, func(d T) bool { return !in[d] })
}

// CheckResharePartSets judges the part of a re-sharing that some of its
// dealers dealt (the holders' shares of check made with their parts,
// AggregateResharePart, one per holder per set), given a decryption set
// ref in which the check of the whole re-sharing passed: the part passes
// in a set when it decrypts the check there as in ref (within the
// smudging and rounding of both sets' shares). Since the whole passed in
// ref, the part's dealers and the others' together are consistent there,
// so a part that decrypts otherwise in a set has a dealer whose shares to
// that set's holders are not on one polynomial (or a holder lying about
// its part). A part has no public key of its own to be checked against:
// a dealer that re-dealt another value to every holder alike is seen
// only by the whole check, in every set (FindInconsistentResharers).
func (s *Scheme) CheckResharePartSets(check *DealingCheck, shares []*DecryptionShare, ref []ShamirPoint) (DealingVerdict, error) {
	if check == nil {
		return DealingVerdict{}, fmt.Errorf("aggregation: CheckResharePartSets: %w: nil check", ErrNilArgument)
	}
	if i := slices.Index(shares, nil); i >= 0 {
		return DealingVerdict{}, fmt.Errorf("aggregation: CheckResharePartSets: %w: share %d is nil", ErrNilArgument, i)
	}
	groups := groupBySet(shares, func(ds *DecryptionShare) (uint8, []ShamirPoint) { return ds.mode, ds.active })
	r := slices.IndexFunc(groups, func(g []*DecryptionShare) bool { return slices.Equal(g[0].ActiveSet(), ref) })
	if r < 0 {
		return DealingVerdict{}, fmt.Errorf("aggregation: CheckResharePartSets: %w: no shares for the reference set %v", ErrMissingShares, ref)
	}
	// The part's decryption in ref, negated, as the c0 each other set's
	// shares are combined with: they then decrypt to the difference.
	if _, err := s.combineFor(check.probe, check.Hash(), groups[r]); err != nil {
		return DealingVerdict{}, fmt.Errorf("aggregation: CheckResharePartSets: reference set: %w", err)
	}
	ringL := s.params.RingQ().AtLevel(check.probe.level)
	c0 := ringL.NewPoly()
	for _, ds := range groups[r] {
		ringL.Add(c0, ds.shares[0].Value, c0)
	}
	ringL.Neg(c0, c0)
	against := *check.probe
	against.c0, against.hash = []ring.Poly{c0}, &hashCache{}
	v := DealingVerdict{Passed: [][]ShamirPoint{groups[r][0].ActiveSet()}}
	for i, g := range groups {
		if i == r {
			continue
		}
		out, err := s.combineFor(&against, check.Hash(), g)
		if err != nil {
			return DealingVerdict{}, fmt.Errorf("aggregation: CheckResharePartSets: %w", err)
		}
		n := len(g) + len(groups[r])
		bound := (float64(n)/2 + s.smudgingBound(n)) * math.Exp2(-float64(s.logScale))
		if slices.ContainsFunc(out, func(x float64) bool { return math.Abs(x) > bound }) {
			v.Failed = append(v.Failed, g[0].ActiveSet())
		} else {
			v.Passed = append(v.Passed, g[0].ActiveSet())
		}
	}
	return v, nil
}

// FindInconsistentResharers judges a re-sharing's dealers (the current
// holders that re-dealt their shares) by FindInconsistentDealers' bisection,
// given whole, the check of the new holders' pending shares, and part,
// which runs the check of the part a subset of the dealers dealt against
// a set the whole passed in (AggregateResharePart, CheckResharePartSets).
// It returns the dealers whose shares to some holders are wrong, with
// those holders (or a holder lying about every part, suspected in every
// dealer's). When the whole fails in every set, no part can be checked
// (it has no public key of its own) and it returns undetermined: a dealer
// that re-dealt another value to every holder alike, or a lying holder
// with one set, cannot be told from the other dealers. With no dealers
// (holders only adding joiners' keys to their shares) there is nothing
// to bisect: undetermined too.
func FindInconsistentResharers(dealers []PartyID, whole DealingVerdict, part func(subset []PartyID, ref []ShamirPoint) (DealingVerdict, error)) (partial []PartialDealing, undetermined bool, err error) {
	if whole.Consistent() {
		return nil, false, nil
	}
	if len(dealers) == 0 || whole.InconsistentEverywhere() {
		return nil, true, nil
	}
	ref := whole.Passed[0]
	inconsistent, partial, err := FindInconsistentDealers(dealers, func(subset []PartyID) (DealingVerdict, error) {
		if len(subset) == len(dealers) {
			return whole, nil
		}
		return part(subset, ref)
	})
	if err != nil {
		return nil, false, err
	}
	// Every part passes in ref, so none fails everywhere; one dealer alone
	// (the whole) failing everywhere is the case handled above.
	return partial, len(inconsistent) > 0, nil
}
