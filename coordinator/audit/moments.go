package audit

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// Moments is the audit of the moments phase before round 1, in a study
// with a pooled standardiser: the standardiser every hospital trains with
// is what the holders' signed decryption shares open the one moments sum
// the chain pins to. The audit decrypts that sum again from the record
// the coordinator keeps (cohortv1.MomentsResultTask, as every member was
// sent it), recomputes the sum from the hospitals' signed moments, and
// checks the standardiser against the hash the chain records.
type Moments struct {
	Verdict string `json:"verdict"`
	// Sum is the moments sum the chain pins; Recomputed the sum of the
	// hospitals' signed moments the record names.
	Sum        common.Hash `json:"sum"`
	Recomputed common.Hash `json:"recomputed,omitempty"`
	// Standardiser is the standardiser's hash the chain records, the one
	// hospitals check before they train.
	Standardiser common.Hash `json:"standardiser"`
	// Hospitals and Records are the signed counts the sum pools.
	Hospitals int    `json:"hospitals"`
	Records   uint64 `json:"records"`
	// Decrypters signed the decryption shares; DecryptionSets is the
	// number of sets whose decryptions of the sum the audit compared (0:
	// not decrypted), CrossChecked as for a round (Round.CrossChecked).
	Decrypters     []common.Address `json:"decrypters,omitempty"`
	DecryptionSets int              `json:"decryption_sets,omitempty"`
	CrossChecked   bool             `json:"cross_checked"`
	Problems       []string         `json:"problems,omitempty"`
}

// NotCrossChecked tells whether one decryption set decrypted the moments
// sum, so that one lying holder among its t could have shifted the
// standardiser unseen (false for a nil Moments: a study without one).
func (m *Moments) NotCrossChecked() bool { return m != nil && m.DecryptionSets == 1 }

// standardiserTolerance is how far the audit's decoding of the pooled
// moments may be from the record's standardiser: both decode the same
// shares deterministically (as the hospitals' own check does), so only
// another floating-point platform makes them differ, in the last bits.
const standardiserTolerance = 1e-9

// auditMoments audits the moments phase of study (see Moments); nil when
// the chain pins no moments sum and records no standardiser. Problems are
// reported; the error is for a chain that cannot be read.
func auditMoments(ctx context.Context, ledger *contracts.Ledger, blobs Blobs, scheme *aggregation.Scheme, study contracts.Study) (*Moments, error) {
	pinned, err := ledger.MomentsSum(ctx, study.ID)
	if err != nil {
		return nil, err
	}
	if pinned == (common.Hash{}) && study.StandardiserHash == (common.Hash{}) {
		return nil, nil
	}
	out := &Moments{Sum: pinned, Standardiser: study.StandardiserHash}
	found := problemLog{problems: &out.Problems}
	problem := found.add
	defer func() { out.Verdict = found.verdict(out.Verdict) }()
	if pinned == (common.Hash{}) {
		problem("the chain records the pooled standardiser %s but pins no moments sum: nothing ties it to the hospitals' moments", study.StandardiserHash.Hex())
		return out, nil
	}
	rec, err := blobs.MomentsRecord()
	if err != nil {
		if study.CurrentRound == 0 && study.StandardiserHash == (common.Hash{}) {
			out.Verdict = NotClosed // the phase has not ended: no standardiser yet
			return out, nil
		}
		problem("the standardiser cannot be recomputed: no moments record in the store (%v)", err)
		return out, nil
	}
	if rec.GetStudyId() != study.ID || common.BytesToHash(rec.GetAggregateHash()) != pinned {
		problem("the moments record is for study %d, sum %x; the chain pins %s", rec.GetStudyId(), rec.GetAggregateHash(), pinned.Hex())
		return out, nil
	}
	switch kept := crypto.Keccak256Hash(rec.GetStandardiser()); {
	case study.StandardiserHash == (common.Hash{}) && study.CurrentRound > 0:
		problem("the chain records no standardiser for the study, which trained %d round(s): the standardiser the hospitals trained with cannot be tied to the record's (%s)", study.CurrentRound, kept.Hex())
	case study.StandardiserHash != (common.Hash{}) && kept != study.StandardiserHash:
		problem("the record's standardiser hashes to %s, the chain records %s: the hospitals trained with another standardiser than the record's", kept.Hex(), study.StandardiserHash.Hex())
	}
	counted, err := momentsCounts(ctx, ledger, study, rec, out, problem)
	if err != nil || counted == nil {
		return out, err
	}
	sumBytes, ok := fetch(blobs, "the pinned moments sum", pinned, problem)
	if !ok {
		return out, nil
	}
	sum := new(aggregation.EncryptedVector)
	if err := sum.UnmarshalBinary(sumBytes); err != nil {
		problem("the pinned moments sum does not decode: %v", err)
		return out, nil
	}
	recomputeMomentsSum(blobs, scheme, study, rec, counted, sum, out, problem)
	shares, sets, err := momentsShares(ctx, ledger, study, rec, out, problem)
	if err != nil || shares == nil {
		return out, err
	}
	plain, err := scheme.DecryptChecked(sum, shares)
	if err != nil {
		problem("the signed decryption shares do not open the pinned moments sum: %v", err)
		return out, nil
	}
	out.DecryptionSets, out.CrossChecked = sets, sets > 1
	checkStandardiser(plain, rec, problem)
	return out, nil
}

// momentsCounts checks the record's signed counts: each for this study
// and run of the phase, signed by a distinct participant of the study,
// adding up to the total the moments are decoded for. It returns the
// signers, nil after reporting a problem.
func momentsCounts(ctx context.Context, ledger *contracts.Ledger, study contracts.Study, rec *cohortv1.MomentsResultTask, out *Moments, problem func(string, ...any)) (map[common.Address]bool, error) {
	signers := make(map[common.Address]bool, len(rec.GetCounts()))
	var total uint64
	for i, c := range rec.GetCounts() {
		if c.GetStudyId() != study.ID || string(c.GetSession()) != string(rec.GetSession()) {
			problem("count %d is for study %d, another run of the moments phase", i, c.GetStudyId())
			return nil, nil
		}
		signer, err := auth.Verify(c.GetAuth(), study.ID, 0, auth.KindMomentsCount, auth.MomentsCountContent(c.GetSession(), c.GetCount()))
		if err != nil {
			problem("count %d is not signed by a hospital: %v", i, err)
			return nil, nil
		}
		if wrong, err := signedOnceByAParticipant(ctx, ledger, study.ID, signer, signers); err != nil || wrong != "" {
			if wrong != "" {
				problem("count %d %s", i, wrong)
			}
			return nil, err
		}
		total += c.GetCount()
	}
	out.Hospitals, out.Records = len(signers), rec.GetTotal()
	if total != rec.GetTotal() || total == 0 {
		problem("the signed counts add up to %d records, the moments are decoded for %d", total, rec.GetTotal())
		return nil, nil
	}
	return signers, nil
}

// recomputeMomentsSum sums the hospitals' signed moments the record names
// (one from each hospital counted, each its fresh encryption for this run
// under the study's key) and reports a pinned sum that is not their sum.
func recomputeMomentsSum(blobs Blobs, scheme *aggregation.Scheme, study contracts.Study, rec *cohortv1.MomentsResultTask, counted map[common.Address]bool, sum *aggregation.EncryptedVector, out *Moments, problem func(string, ...any)) {
	contribs := rec.GetContributions()
	if len(contribs) != len(counted) {
		problem("the record sums %d hospitals' moments, %d counted", len(contribs), len(counted))
		return
	}
	seen := make(map[common.Address]bool, len(contribs))
	vs := make([]*aggregation.EncryptedVector, 0, len(contribs))
	ctx := aggregation.MomentsContext(study.ID, rec.GetSession())
	for i, c := range contribs {
		h := common.BytesToHash(c.GetCiphertextHash())
		signer, err := auth.Verify(c.GetAuth(), study.ID, 0, auth.KindMoments, auth.MomentsContent(rec.GetSession(), h))
		if err != nil {
			problem("moments contribution %d is not signed by a hospital: %v", i, err)
			return
		}
		if !counted[signer] || seen[signer] {
			problem("moments contribution %d is signed by %s, who did not count or contributes twice", i, signer.Hex())
			return
		}
		seen[signer] = true
		b, ok := fetch(blobs, "the moments of "+signer.Hex(), h, problem)
		if !ok {
			return
		}
		v := new(aggregation.EncryptedVector)
		if err := v.UnmarshalBinary(b); err != nil {
			problem("the moments of %s do not decode: %v", signer.Hex(), err)
			return
		}
		if err := checkMomentsUpdate(scheme, study, v, ctx, signer, 3*len(rec.GetScales())); err != nil {
			problem("the moments of %s are not its fresh encryption for this run of the moments phase: %v", signer.Hex(), err)
			return
		}
		vs = append(vs, v)
	}
	ones := make([]float64, len(vs))
	for i := range ones {
		ones[i] = 1
	}
	recomputed, err := scheme.WeightedSum(vs, ones)
	if err != nil {
		problem("the hospitals' signed moments cannot be summed: %v", err)
		return
	}
	out.Recomputed = recomputed.Hash()
	if out.Recomputed != out.Sum {
		problem("the pinned moments sum is not the sum of the hospitals' signed moments: recomputed %s, the chain pins %s%s", out.Recomputed.Hex(), out.Sum.Hex(), firstDifference(sum, recomputed))
	}
}

// checkMomentsUpdate checks that v is signer's encryption of length values
// for ctx under the study's key, made with its key of any epoch up to the
// study's current round (the chain records no epochs; see
// committersByDealer).
func checkMomentsUpdate(scheme *aggregation.Scheme, study contracts.Study, v *aggregation.EncryptedVector, ctx aggregation.EncryptionContext, signer common.Address, length int) error {
	err := scheme.CheckUpdate(v, study.PublicKeyHash, ctx, aggregation.DealerID(study.ID, signer.Bytes()), length)
	for e := uint32(1); err != nil && e <= study.CurrentRound; e++ {
		if scheme.CheckUpdate(v, study.PublicKeyHash, ctx, aggregation.DealerIDAt(study.ID, signer.Bytes(), e), length) == nil {
			return nil
		}
	}
	return err
}

// momentsShares checks the record's signed decryption shares: each
// holder's for this study and the pinned sum, over the active points every
// holder signed alike, by distinct participants of the study, at least
// the study's threshold of them, and for exactly the decryption sets
// those points ask (momentsSetsRule), each with a share from every holder
// in it. It returns the shares and the number of sets, nil shares after
// reporting a problem.
func momentsShares(ctx context.Context, ledger *contracts.Ledger, study contracts.Study, rec *cohortv1.MomentsResultTask, out *Moments, problem func(string, ...any)) ([]*aggregation.DecryptionShare, int, error) {
	subs := rec.GetShares()
	if len(subs) < int(study.Threshold) {
		problem("the moments record holds decryption shares from %d holders, the study's threshold is %d", len(subs), study.Threshold)
		return nil, 0, nil
	}
	seen := make(map[common.Address]bool, len(subs))
	var shares []*aggregation.DecryptionShare
	var active []uint64
	for i, sub := range subs {
		agg := common.BytesToHash(sub.GetAggregateHash())
		if sub.GetStudyId() != study.ID || agg != out.Sum {
			problem("moments decryption share %d is for study %d, sum %x", i, sub.GetStudyId(), sub.GetAggregateHash())
			return nil, 0, nil
		}
		raws := append([][]byte{sub.GetShare()}, sub.GetMore()...)
		signer, err := auth.Verify(sub.GetAuth(), study.ID, 0, auth.KindMomentsShare, auth.MomentsShareContent(agg, sub.GetActivePoints(), raws...))
		if err != nil {
			problem("moments decryption share %d is not signed by a holder: %v", i, err)
			return nil, 0, nil
		}
		if wrong, err := signedOnceByAParticipant(ctx, ledger, study.ID, signer, seen); err != nil || wrong != "" {
			if wrong != "" {
				problem("moments decryption share %d %s", i, wrong)
			}
			return nil, 0, err
		}
		if i == 0 {
			active = sub.GetActivePoints()
		} else if !slices.Equal(sub.GetActivePoints(), active) {
			problem("%s gave moments decryption shares for active points %v, another holder for %v", signer.Hex(), sub.GetActivePoints(), active)
			return nil, 0, nil
		}
		for _, raw := range raws {
			ds := new(aggregation.DecryptionShare)
			if err := ds.UnmarshalBinary(raw); err != nil {
				problem("a moments decryption share signed by %s does not decode: %v", signer.Hex(), err)
				return nil, 0, nil
			}
			shares = append(shares, ds)
		}
		out.Decrypters = append(out.Decrypters, signer)
	}
	sets := decryptionSets(shares)
	if err := momentsSetsRule(active, int(study.Threshold), sets); err != nil {
		problem("the moments record's decryption sets: %v (the holders were asked every set of their signed active points, each leaving one of them out)", err)
		return nil, 0, nil
	}
	for _, set := range sets {
		n := 0
		for _, ds := range shares {
			if slices.Equal(ds.ActiveSet(), set) {
				n++
			}
		}
		if set != nil && n != len(set) { // n-of-n shares name no set
			problem("the moments record holds %d shares for the decryption set %v of %d holders: it leaves a holder's shares out", n, set, len(set))
			return nil, 0, nil
		}
	}
	return shares, len(sets), nil
}

// momentsSetsRule checks that sets are exactly the decryption sets the
// holders' signed active points ask (aggregation.DecryptionSets, or the
// active points as one set when they are t), as each hospital checks
// before it takes the standardiser: a coordinator cannot keep the set it
// likes, nor leave out the one that shows a holder's lie.
func momentsSetsRule(active []uint64, t int, sets [][]aggregation.ShamirPoint) error {
	points := make([]aggregation.ShamirPoint, len(active))
	for i, p := range active {
		points[i] = aggregation.ShamirPoint(p)
	}
	want := [][]aggregation.ShamirPoint{points}
	if len(points) > t {
		var err error
		if want, err = aggregation.DecryptionSets(points, t); err != nil {
			return fmt.Errorf("active points %v: %w", active, err)
		}
	}
	got := slices.Clone(sets)
	slices.SortFunc(got, slices.Compare)
	slices.SortFunc(want, slices.Compare)
	if !slices.EqualFunc(got, want, slices.Equal) {
		return fmt.Errorf("shares for the sets %v, where the active points %v the holders signed for ask %v", got, active, want)
	}
	return nil
}

// checkStandardiser reports a record whose standardiser is not what the
// decrypted moments sum (plain) decodes to with the record's total and
// scales, whitening the groups the standardiser names.
func checkStandardiser(plain []float64, rec *cohortv1.MomentsResultTask, problem func(string, ...any)) {
	claimed, err := records.DecodeStandardiser(rec.GetStandardiser())
	if err != nil {
		problem("the record's standardiser does not decode: %v", err)
		return
	}
	own, err := records.PooledStandardiser(plain, float64(rec.GetTotal()), rec.GetScales())
	if errors.Is(err, records.ErrMoments) {
		problem("the pinned moments sum decrypts to moments no standardiser comes from: %v", err)
		return
	}
	if err == nil && len(claimed.Groups) > 0 {
		own, err = own.WithGroups(claimed.Groups)
	}
	if err != nil {
		problem("the pooled standardiser from the decrypted sum: %v", err)
		return
	}
	if !own.Within(claimed, standardiserTolerance) {
		problem("the record's standardiser is not what the signed decryption shares open the pinned moments sum to (decoded for %d records with the record's scales)", rec.GetTotal())
	}
}

// StudyMoments audits the moments phase of study alone, as Study does
// for Report.Moments: nil in a study whose chain pins no moments sum and
// records no standardiser. A moments sum one decryption set decrypted is
// a mismatch in a study whose recipe, found in blobs, requires a
// cross-check (no hospital takes such a standardiser, nor does the
// coordinator use it). The dashboard shows it beside the rounds' checks.
// Problems are reported; the error is for a chain that cannot be read.
func StudyMoments(ctx context.Context, ledger *contracts.Ledger, blobs Blobs, scheme *aggregation.Scheme, study contracts.Study) (*Moments, error) {
	m, err := auditMoments(ctx, ledger, blobs, scheme, study)
	if err != nil {
		return nil, fmt.Errorf("audit: moments: %w", err)
	}
	if m != nil && m.DecryptionSets == 1 && recipeRequiresCrossCheck(blobs, study.SpecHash) {
		m.Problems = append(m.Problems, fmt.Sprintf("the study's recipe requires a cross-checked decryption (require_cross_check), and the moments sum was decrypted by one set of %d holders: the coordinator kept a standardiser it must not", len(m.Decrypters)))
		m.Verdict = Mismatch
	}
	return m, nil
}

// CrossCheckText says whether the moments sum's decryption was
// cross-checked, as `cohort audit` prints it: "cross-checked (k sets)",
// "NOT cross-checked (one set)", or "" when it was not decrypted.
func (m *Moments) CrossCheckText() string {
	switch {
	case m == nil:
		return ""
	case m.CrossChecked:
		return fmt.Sprintf("cross-checked (%d sets)", m.DecryptionSets)
	case m.DecryptionSets == 1:
		return "NOT cross-checked (one set)"
	}
	return ""
}
