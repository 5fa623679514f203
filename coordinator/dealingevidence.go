package coordinator

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// ErrUnsupportedVerdict reports a dealing-check verdict its evidence does
// not give: the coordinator named a hospital (or cleared one) that the
// holders' signed shares do not, or the evidence is incomplete, forged or
// altered.
var ErrUnsupportedVerdict = errors.New("coordinator: the dealing-check verdict is not supported by its evidence")

// DealingEvidence is what a failed dealing check at key generation rests
// on, kept as a blob (JSON) with the verdict: the dealers' signed
// public-key shares and every check the coordinator asked, each holder's
// dealing-check shares signed by that holder (auth.KindDealingCheck).
// VerifyDealingVerdict re-derives the verdict from it alone and the
// collective key, so a hospital need not trust the coordinator's word to
// accept that a hospital dealt inconsistent shares.
type DealingEvidence struct {
	Study         uint64      `json:"study"`
	PublicKeyHash common.Hash `json:"public_key_hash"`
	// Seed draws the dealers' weights; every holder signed it. A
	// consistent dealing passes the check under any seed, so a seed the
	// coordinator chose cannot have an honest dealer named.
	Seed    common.Hash      `json:"seed"`
	Holders []DealingHolder  `json:"holders"`
	Sets    [][]uint64       `json:"sets"`
	Dealers []SignedPKShare  `json:"public_key_shares"`
	Checks  []DealingAnswers `json:"checks"` // the first of every dealer, in bisection order
	Verdict DealingFinding   `json:"verdict"`
	// Reshare, if set, makes this the evidence of a re-sharing's check
	// before round Reshare.Round: Dealers are then the keys re-shared,
	// Holders the new holders at their new points, and each check's
	// Dealers the re-sharing dealers whose part of the pending shares it
	// asked (the first, all of them: the whole shares).
	Reshare *ReshareEvidence `json:"reshare,omitempty"`
}

// ReshareEvidence is what ties a re-sharing's dealing-check evidence to
// the re-sharing the new holders signed: its set hash, recomputed from
// the round, threshold, its dealers at their old points and the new
// holders (auth.ReshareSetHash), and the joiners whose keys were checked
// alone after the keys' in the first check.
type ReshareEvidence struct {
	Round     uint32           `json:"round"`
	Threshold uint32           `json:"threshold"`
	SetHash   common.Hash      `json:"set_hash"`
	Resharers []DealingHolder  `json:"resharers"` // sorted, at their old points
	Joiners   []common.Address `json:"joiners,omitempty"`
	// JoinerKeys are the Joiners' public-key shares, in their order, as
	// each signed it with its dealing for Round: each joiner's key is
	// checked alone against the holders' answers to the first check, and
	// one that fails is named in the verdict (Inconsistent, or Partial).
	JoinerKeys []SignedPKShare `json:"joiner_keys,omitempty"`
}

// DealingHolder is a share holder and its Shamir point.
type DealingHolder struct {
	Address common.Address `json:"address"`
	Point   uint64         `json:"point"`
}

// SignedPKShare is a dealer's public-key share as it signed it
// (auth.KindPublicKey over keccak(share)): at key generation (Round 0),
// or, for a member that joined later, with its dealing of its own key in
// the re-sharing before Round.
type SignedPKShare struct {
	Dealer    common.Address `json:"dealer"`
	Share     []byte         `json:"share"`
	Signature []byte         `json:"signature"`
	Round     uint32         `json:"round,omitempty"`
}

// DealingAnswers is one dealing check of Dealers (in the order asked) and
// the holders' signed answers.
type DealingAnswers struct {
	Dealers []common.Address       `json:"dealers"`
	Answers []SignedDealingAnswers `json:"answers"`
}

// SignedDealingAnswers is a holder's dealing-check shares (one per set
// holding its point, in the sets' order) and its signature over them
// (auth.DealingCheckContent).
type SignedDealingAnswers struct {
	Holder    common.Address `json:"holder"`
	Shares    [][]byte       `json:"shares"`
	Signature []byte         `json:"signature"`
}

// DealingFinding is a dealing check's verdict: the dealers whose check
// fails in every decryption set, and those whose check fails in some only
// (with the points of the holders whose shares of their key are wrong).
type DealingFinding struct {
	Inconsistent []common.Address `json:"inconsistent,omitempty"`
	Partial      []PartialFinding `json:"partial,omitempty"`
	// OneOf, in a re-sharing's verdict, are its dealers when its check
	// failed in every set: one of them at least re-dealt another value
	// to every new holder alike (or, with one set, a holder lies), and the
	// new holders' shares cannot tell which.
	OneOf []common.Address `json:"one_of,omitempty"`
	// OneSet, among exactly t holders (at key generation, or a joiner's
	// key at a re-sharing), is a check that failed in its only decryption
	// set: it names no dealer at fault.
	OneSet *OneSetFinding `json:"one_set,omitempty"`
}

// OneSetFinding is a dealing check at key generation with one decryption
// set whose bisection isolated Dealers: each dealt shares not of its key,
// or a holder of the set (at the points Holders) lies about its shares of
// that key. Without a spare set to pass in, the evidence cannot tell
// which, so all are suspects and none is at fault.
type OneSetFinding struct {
	Dealers []common.Address `json:"dealers"`
	Holders []uint64         `json:"holders"`
}

// PartialFinding is a dealer whose check fails only in the sets holding
// Suspects.
type PartialFinding struct {
	Dealer   common.Address `json:"dealer"`
	Suspects []uint64       `json:"suspects"`
}

// Marshal encodes the evidence as its blob.
func (e *DealingEvidence) Marshal() ([]byte, error) { return json.Marshal(e) }

// ParseDealingEvidence decodes a dealing-evidence blob.
func ParseDealingEvidence(raw []byte) (*DealingEvidence, error) {
	var e DealingEvidence
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, fmt.Errorf("%w: dealing evidence: %v", ErrUnsupportedVerdict, err)
	}
	return &e, nil
}

// RecheckDealings re-derives the dealing-check verdict from the evidence
// and the collective key pk (its bytes, whose hash the caller checks
// against the chain): it checks every public-key share's and every
// answer's signature, then runs aggregation.FindInconsistentDealers over
// the recorded checks. A check the bisection needs that the evidence does
// not hold, a share whose signature does not verify or a holder answering
// at another point is ErrUnsupportedVerdict.
func RecheckDealings(scheme *aggregation.Scheme, pk []byte, e *DealingEvidence) (DealingFinding, error) {
	if got := aggregation.ContentHash(pk); got != e.PublicKeyHash {
		return DealingFinding{}, fmt.Errorf("%w: the collective key given hashes to %s, the evidence is of %s", ErrUnsupportedVerdict, got.Hex(), e.PublicKeyHash.Hex())
	}
	key := new(aggregation.PublicKey)
	if err := key.UnmarshalBinary(pk); err != nil {
		return DealingFinding{}, fmt.Errorf("%w: collective key: %v", ErrUnsupportedVerdict, err)
	}
	if len(e.Checks) == 0 && (e.Reshare == nil || len(e.Reshare.JoinerKeys) == 0) {
		return DealingFinding{}, fmt.Errorf("%w: the evidence holds no dealing check", ErrUnsupportedVerdict)
	}
	pkShares, err := e.publicKeyShares()
	if err != nil {
		return DealingFinding{}, err
	}
	points := make(map[common.Address]uint64, len(e.Holders))
	for _, h := range e.Holders {
		points[h.Address] = h.Point
	}
	if len(e.Checks) > 0 { // without (a joiner's refused share alone) no set is asked
		if err := e.checkSets(); err != nil {
			return DealingFinding{}, err
		}
	}
	if e.Reshare != nil {
		return e.recheckReshare(scheme, key, pkShares, points)
	}
	byID := map[aggregation.PartyID]common.Address{}
	var ids []aggregation.PartyID
	for _, d := range e.Checks[0].Dealers {
		id := aggregation.DealerID(e.Study, d.Bytes())
		byID[id], ids = d, append(ids, id)
	}
	verdict := func(subset []aggregation.PartyID) (aggregation.DealingVerdict, error) {
		var dealers []common.Address
		var of []*aggregation.PublicKeyShare
		for _, id := range subset {
			if pkShares[byID[id]] == nil {
				return aggregation.DealingVerdict{}, fmt.Errorf("%w: no signed public-key share of dealer %s", ErrUnsupportedVerdict, byID[id].Hex())
			}
			dealers, of = append(dealers, byID[id]), append(of, pkShares[byID[id]])
		}
		i := slices.IndexFunc(e.Checks, func(c DealingAnswers) bool { return slices.Equal(c.Dealers, dealers) })
		if i < 0 {
			return aggregation.DealingVerdict{}, fmt.Errorf("%w: the evidence lacks the dealing check of %v, which the verdict needs", ErrUnsupportedVerdict, dealers)
		}
		shares, err := e.answerShares(e.Checks[i], points)
		if err != nil {
			return aggregation.DealingVerdict{}, err
		}
		check, err := scheme.NewDealingCheck(key, [32]byte(e.Seed), of)
		if err != nil {
			return aggregation.DealingVerdict{}, fmt.Errorf("%w: %v", ErrUnsupportedVerdict, err)
		}
		v, err := scheme.CheckDealingSets(check, shares)
		if err != nil {
			return aggregation.DealingVerdict{}, fmt.Errorf("%w: dealing check of %v: %v", ErrUnsupportedVerdict, dealers, err)
		}
		return v, nil
	}
	bad, partial, err := aggregation.FindInconsistentDealers(ids, verdict)
	if err != nil {
		return DealingFinding{}, err
	}
	return keyGenFinding(byID, bad, partial, e.Sets), nil
}

// Threshold is the decryption threshold the check was made at: the
// re-sharing's, or at key generation its sets' size (0 with no set).
// checkSets derives the sets at it, so whoever re-checks the evidence
// must hold it to the chain's threshold (CheckThreshold).
func (e *DealingEvidence) Threshold() int {
	switch {
	case e.Reshare != nil:
		return int(e.Reshare.Threshold)
	case len(e.Sets) > 0:
		return len(e.Sets[0])
	}
	return 0
}

// CheckThreshold refuses evidence of a check made at another threshold
// than the study's on chain, t: its sets are derived at its own
// threshold, so evidence over larger sets, each holding a lying holder,
// would re-check alone.
func (e *DealingEvidence) CheckThreshold(t int) error {
	if got := e.Threshold(); got != t {
		return fmt.Errorf("%w: the check was made at threshold %d (its decryption sets hold %d holders each), but the study's threshold on chain is %d: the check was not over the sets its holders give", ErrUnsupportedVerdict, got, setSize(e.Sets), t)
	}
	return nil
}

func setSize(sets [][]uint64) int {
	if len(sets) == 0 {
		return 0
	}
	return len(sets[0])
}

// checkSets refuses evidence over other decryption sets than
// aggregation.DealingCheckSets derives from its holders' points at its
// threshold (a re-sharing's, or at key generation the sets' size, which
// cohort audit checks against the chain's): a coordinator choosing the
// sets, say every one holding a lying holder, could have an honest
// dealer's check fail in each.
func (e *DealingEvidence) checkSets() error {
	if len(e.Sets) == 0 {
		return fmt.Errorf("%w: the evidence lists no decryption set", ErrUnsupportedVerdict)
	}
	t := e.Threshold()
	points := make([]aggregation.ShamirPoint, len(e.Holders))
	for i, h := range e.Holders {
		points[i] = aggregation.ShamirPoint(h.Point)
	}
	derived, err := aggregation.DealingCheckSets(points, t)
	if err != nil {
		return fmt.Errorf("%w: decryption sets of the evidence's holders: %v", ErrUnsupportedVerdict, err)
	}
	want := make([][]uint64, len(derived))
	for i, set := range derived {
		for _, p := range set {
			want[i] = append(want[i], uint64(p))
		}
	}
	got := slices.Clone(e.Sets)
	slices.SortFunc(want, slices.Compare)
	slices.SortFunc(got, slices.Compare)
	if !slices.EqualFunc(got, want, slices.Equal) {
		return fmt.Errorf("%w: the check was over the decryption sets %v, but its %d holders' points at threshold %d give %v (aggregation.DealingCheckSets): other sets, say each holding one lying holder, can have an honest dealer fail in every one", ErrUnsupportedVerdict, e.Sets, len(e.Holders), t, want)
	}
	return nil
}

// keyGenFinding is findingOf for a check at key generation over sets:
// with one set, the dealers failing in it are suspects with its holders
// (OneSet), none at fault.
func keyGenFinding(byID map[aggregation.PartyID]common.Address, bad []aggregation.PartyID, partial []aggregation.PartialDealing, sets [][]uint64) DealingFinding {
	f := findingOf(byID, bad, partial)
	if len(sets) == 1 && len(f.Inconsistent) > 0 {
		f.OneSet = &OneSetFinding{Dealers: f.Inconsistent, Holders: slices.Clone(sets[0])}
		f.Inconsistent = nil
	}
	return f
}

// addJoiner adds to a re-sharing's verdict the joiner whose key's check
// alone gave v: Inconsistent if it failed in every set, Partial if in
// some; with one set only (exactly t new holders), a suspect with that
// set's holders (OneSet), since a holder of it lying looks the same.
func (f *DealingFinding) addJoiner(joiner common.Address, v aggregation.DealingVerdict) {
	switch {
	case v.InconsistentEverywhere() && len(v.Failed) == 1:
		if f.OneSet == nil {
			f.OneSet = &OneSetFinding{}
			for _, p := range v.Failed[0] {
				f.OneSet.Holders = append(f.OneSet.Holders, uint64(p))
			}
		}
		f.OneSet.Dealers = append(f.OneSet.Dealers, joiner)
	case v.InconsistentEverywhere():
		f.Inconsistent = append(f.Inconsistent, joiner)
	case !v.Consistent():
		p := PartialFinding{Dealer: joiner}
		for _, s := range v.Suspects() {
			p.Suspects = append(p.Suspects, uint64(s))
		}
		f.Partial = append(f.Partial, p)
	}
}

// findingOf names by address what FindInconsistentDealers found.
func findingOf(byID map[aggregation.PartyID]common.Address, bad []aggregation.PartyID, partial []aggregation.PartialDealing) DealingFinding {
	var out DealingFinding
	for _, id := range bad {
		out.Inconsistent = append(out.Inconsistent, byID[id])
	}
	for _, p := range partial {
		f := PartialFinding{Dealer: byID[p.Dealer]}
		for _, s := range p.Suspects {
			f.Suspects = append(f.Suspects, uint64(s))
		}
		out.Partial = append(out.Partial, f)
	}
	return out
}

// VerifyDealingVerdict re-checks the evidence (RecheckDealings) and
// returns ErrUnsupportedVerdict unless it gives exactly the verdict the
// coordinator recorded in it.
//
// Evidence of a check with one decryption set (exactly t holders) that
// names a dealer at fault is refused outright: a holder of the set lying
// about its shares of that dealer's key looks the same.
func VerifyDealingVerdict(scheme *aggregation.Scheme, pk []byte, e *DealingEvidence) error {
	if len(e.Sets) == 1 && len(e.Verdict.Inconsistent) > 0 {
		return fmt.Errorf("%w: the verdict names %s at fault on a dealing check with one decryption set (exactly t holders): a holder of that set lying about its shares of the key looks the same, so the evidence cannot prove a dealer at fault", ErrUnsupportedVerdict, hexes(e.Verdict.Inconsistent))
	}
	got, err := RecheckDealings(scheme, pk, e)
	if err != nil {
		return err
	}
	if !sameFinding(got, e.Verdict) {
		return fmt.Errorf("%w: the coordinator's verdict names %s; the holders' signed shares name %s", ErrUnsupportedVerdict, e.Verdict, got)
	}
	return nil
}

// String names the finding's dealers, for an error.
func (f DealingFinding) String() string {
	if len(f.Inconsistent) == 0 && len(f.Partial) == 0 && len(f.OneOf) == 0 && f.OneSet == nil {
		return "no dealer"
	}
	s := fmt.Sprintf("inconsistent %v", f.Inconsistent)
	if f.OneSet != nil {
		s += fmt.Sprintf(", in the only decryption set dealers %v or a holder at points %v (no one at fault)", f.OneSet.Dealers, f.OneSet.Holders)
	}
	if len(f.OneOf) > 0 {
		s += fmt.Sprintf(", one of %v", f.OneOf)
	}
	for _, p := range f.Partial {
		s += fmt.Sprintf(", %s's shares at points %v wrong", p.Dealer.Hex(), p.Suspects)
	}
	return s
}

func sameFinding(a, b DealingFinding) bool {
	sameOneSet := (a.OneSet == nil) == (b.OneSet == nil) &&
		(a.OneSet == nil || slices.Equal(a.OneSet.Dealers, b.OneSet.Dealers) && slices.Equal(a.OneSet.Holders, b.OneSet.Holders))
	return sameOneSet && slices.Equal(a.Inconsistent, b.Inconsistent) && slices.Equal(a.OneOf, b.OneOf) && slices.EqualFunc(a.Partial, b.Partial, func(x, y PartialFinding) bool {
		return x.Dealer == y.Dealer && slices.Equal(x.Suspects, y.Suspects)
	})
}

// publicKeyShares checks each dealer's signature over its public-key
// share and decodes it: signed at key generation (round 0) or, in a
// re-sharing's evidence, by a member that joined in an earlier one.
func (e *DealingEvidence) publicKeyShares() (map[common.Address]*aggregation.PublicKeyShare, error) {
	out := make(map[common.Address]*aggregation.PublicKeyShare, len(e.Dealers))
	for _, d := range e.Dealers {
		if d.Round != 0 && (e.Reshare == nil || d.Round >= e.Reshare.Round) {
			return nil, fmt.Errorf("%w: public-key share of %s signed for round %d: a re-shared key is one dealt at key generation or in an earlier re-sharing", ErrUnsupportedVerdict, d.Dealer.Hex(), d.Round)
		}
		sh, err := e.signedShare(d)
		if err != nil {
			return nil, err
		}
		out[d.Dealer] = sh
	}
	return out, nil
}

// signedShare checks d's signature over its public-key share, for the
// evidence's study and d.Round, and decodes the share.
func (e *DealingEvidence) signedShare(d SignedPKShare) (*aggregation.PublicKeyShare, error) {
	signer, err := auth.Verify(&cohortv1.Signed{Signer: d.Dealer.Bytes(), Signature: d.Signature}, e.Study, d.Round, auth.KindPublicKey, crypto.Keccak256Hash(d.Share))
	if err != nil || signer != d.Dealer {
		return nil, fmt.Errorf("%w: public-key share of %s: not signed by it for study %d, round %d (%v)", ErrUnsupportedVerdict, d.Dealer.Hex(), e.Study, d.Round, err)
	}
	sh := new(aggregation.PublicKeyShare)
	if err := sh.UnmarshalBinary(d.Share); err != nil {
		return nil, fmt.Errorf("%w: public-key share of %s: %v", ErrUnsupportedVerdict, d.Dealer.Hex(), err)
	}
	return sh, nil
}

// answerShares checks each holder's signature over its answer to check
// (at its point, for the evidence's seed and sets) and that each share
// is its share at that point, and decodes them.
func (e *DealingEvidence) answerShares(check DealingAnswers, points map[common.Address]uint64) ([]*aggregation.DecryptionShare, error) {
	seen := map[common.Address]bool{}
	var out []*aggregation.DecryptionShare
	for _, a := range check.Answers {
		point, ok := points[a.Holder]
		if !ok || seen[a.Holder] {
			return nil, fmt.Errorf("%w: dealing-check answer from %s, not a holder or twice", ErrUnsupportedVerdict, a.Holder.Hex())
		}
		seen[a.Holder] = true
		if err := e.verifyAnswer(check, point, a); err != nil {
			return nil, fmt.Errorf("%w: dealing-check shares of %s for %v: %v", ErrUnsupportedVerdict, a.Holder.Hex(), check.Dealers, err)
		}
		for _, raw := range a.Shares {
			if at, _, err := aggregation.ThresholdShareOrigin(raw); err != nil || uint64(at) != point {
				return nil, fmt.Errorf("%w: a dealing-check share of %s is not at its point %d", ErrUnsupportedVerdict, a.Holder.Hex(), point)
			}
			ds := new(aggregation.DecryptionShare)
			if err := ds.UnmarshalBinary(raw); err != nil {
				return nil, fmt.Errorf("%w: dealing-check share of %s: %v", ErrUnsupportedVerdict, a.Holder.Hex(), err)
			}
			out = append(out, ds)
		}
	}
	return out, nil
}
