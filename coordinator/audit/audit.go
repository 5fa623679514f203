// Package audit re-checks a study's rounds from the chain and the blob
// store alone, trusting neither the coordinator nor any hospital: for every
// closed round it fetches each committed update and the aggregate, checks
// that their bytes hash to what the chain records, that each update is its
// committer's fresh update for that round under the study's key set, that
// the aggregate lists exactly committed updates with the weights the chain
// records (sample counts, or the robust weights the coordinator recorded),
// and recomputes the aggregate in full: any altered coefficient changes its
// chunk root. Then it recomputes the round's model: the holders' signed
// decryption shares, kept by the coordinator, must open the aggregate, and
// the server optimiser's step from the model the round opened with (the
// previous round's) must give the model the chain records, and the
// members' signed evaluations, kept with the shares, must merge to the
// metrics the chain records. In a study with a pooled standardiser it
// also decrypts the moments sum again, from the record the coordinator
// keeps, to the standardiser the chain records (Moments). It is what
// `cohort audit` runs; the hospitals' spot checks (aggregation.CheckSpots)
// sample the aggregate's property before they decrypt.
//
// Audit functions perform I/O only through the Ledger and Blobs given and
// are safe to call concurrently on distinct arguments.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// Blobs is where the auditor reads the committed bytes: a coordinator's
// blob store (coordinator.Store) or a copy of it.
type Blobs interface {
	Get(h common.Hash) ([]byte, error)
	// DecryptionRecord is what the round whose aggregate is agg computed
	// its model from: the holders' signed decryption shares, the model it
	// started from and the server optimiser's state.
	DecryptionRecord(agg common.Hash) (*cohortv1.DecryptionRecord, error)
	// MomentsRecord is what the study's pooled standardiser was computed
	// from before round 1 (see Moments).
	MomentsRecord() (*cohortv1.MomentsResultTask, error)
}

// Verdicts of a round.
const (
	Verified   = "verified"   // every check passed
	Mismatch   = "MISMATCH"   // a check failed: see Problems
	Incomplete = "INCOMPLETE" // the store lacks blobs the checks need, and nothing read failed: see Problems
	NotClosed  = "not closed" // open or abandoned: no aggregate to check
	NotChecked = "plaintext"  // the study ran without encryption (tests)
)

// Round is the audit of one round.
type Round struct {
	Round        uint32      `json:"round"`
	Verdict      string      `json:"verdict"`
	Committed    int         `json:"committed"`
	Contributors int         `json:"contributors"`
	Aggregate    common.Hash `json:"aggregate"`
	Recomputed   common.Hash `json:"recomputed,omitempty"`
	// Model is the model the round closed with on chain; ModelRecomputed
	// the server optimiser's step by the aggregate as Decrypters (the
	// holders whose signed shares the coordinator kept) decrypt it.
	Model           common.Hash      `json:"model"`
	ModelRecomputed common.Hash      `json:"model_recomputed,omitempty"`
	Decrypters      []common.Address `json:"decrypters,omitempty"`
	// DecryptionSets is the number of decryption sets whose decryptions of
	// the aggregate the record holds and the audit compared (0: the model
	// could not be recomputed). CrossChecked tells that there are more
	// than one and each holder is left out of one (as the holders were
	// asked): a holder's share cannot be checked on its own, so with one
	// set (exactly t holders, or n-of-n shares) a holder that shifted its
	// share shifted the model, and the record opens to it all the same.
	DecryptionSets int  `json:"decryption_sets,omitempty"`
	CrossChecked   bool `json:"cross_checked"`
	// Evaluators signed the evaluations whose merge must give the
	// accuracy, AUC and loss the round closed with; Evaluated is the
	// number of test records they report together (self-reported, each
	// within its signer's committed sample count: see checkMetrics).
	Evaluators []common.Address `json:"evaluators,omitempty"`
	Evaluated  int              `json:"evaluated,omitempty"`
	// Unevaluated are the contributors whose updates weigh in the model
	// and whose evaluation the metrics leave out, in address order. Not a
	// mismatch: a member may decline, or be offline. But a coordinator
	// cannot make a member's signed decline up, so one without it is a
	// member that did not answer or an evaluation left out.
	Unevaluated []Unevaluated `json:"unevaluated,omitempty"`
	Problems    []string      `json:"problems,omitempty"`
}

// Unevaluated is a contributor whose update weighs in a round's model but
// whose evaluation is not in the round's metrics.
type Unevaluated struct {
	Member common.Address `json:"member"`
	// Declined tells whether the record keeps the member's signed decline
	// of the evaluate task, and Reason is the reason it signed.
	Declined bool   `json:"declined"`
	Reason   string `json:"reason,omitempty"`
}

// Report is the audit of a study.
type Report struct {
	Study  uint64  `json:"study"`
	Rounds []Round `json:"rounds"`
	// Moments is the audit of the pooled standardiser's decryption before
	// round 1; nil in a study whose chain pins no moments sum and records
	// no standardiser (one standardised per site).
	Moments *Moments `json:"moments,omitempty"`
	// Disputes are the aggregates hospitals refused on chain as not the
	// weighted sum of the committed updates (contracts.Ledger.Disputes).
	Disputes []Dispute `json:"disputes,omitempty"`
	// CrossCheckRequired tells whether the study's recipe, found in the
	// store under the chain's spec hash, requires a cross-checked
	// decryption (require_cross_check): then a round whose model one
	// decryption set decrypted is a MISMATCH, not a warning.
	CrossCheckRequired bool `json:"cross_check_required,omitempty"`
	// OK is true when every closed round was checked and matched: no
	// round is MISMATCH or INCOMPLETE.
	OK bool `json:"ok"`
}

// NotCrossChecked lists the rounds whose model a single decryption set
// decrypted, so that one lying holder among its t could have shifted it
// unseen. Not a mismatch: with exactly t holders live it is all a study
// can do (see Round.CrossChecked). Sets that do not leave each holder out
// of one are a mismatch of their own (checkModel).
func (rep *Report) NotCrossChecked() []uint32 {
	var rounds []uint32
	for _, r := range rep.Rounds {
		if r.DecryptionSets == 1 {
			rounds = append(rounds, r.Round)
		}
	}
	return rounds
}

// Dispute is a hospital's on-chain refusal of an aggregate; Recorded tells
// whether the refused aggregate is the one its round closed with (then the
// round's verdict above settles it) or one the coordinator sent but never
// recorded.
type Dispute struct {
	contracts.Dispute
	Recorded bool `json:"recorded"`
}

// weightTolerance is how far an aggregate's weight may lie from the chain's:
// the participants' own check (the chain stores weights with 6 decimals,
// the aggregate encodes them to 2^-31).
const weightTolerance = 1e-9

// Study audits every round of the study opened so far. A round that fails
// a check is reported, not returned as an error; errors are reserved for
// what stops the audit itself (the chain unreachable, the study unknown).
func Study(ctx context.Context, ledger *contracts.Ledger, blobs Blobs, scheme *aggregation.Scheme, studyID uint64) (*Report, error) {
	study, err := ledger.Study(ctx, studyID)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	rep := &Report{Study: studyID, OK: true, CrossCheckRequired: recipeRequiresCrossCheck(blobs, study.SpecHash)}
	if rep.Moments, err = StudyMoments(ctx, ledger, blobs, scheme, study); err != nil {
		return nil, err
	}
	if m := rep.Moments; m != nil && (m.Verdict == Mismatch || m.Verdict == Incomplete) {
		rep.OK = false
	}
	var published modelChain
	for r := uint32(1); r <= study.CurrentRound; r++ {
		round, err := auditRound(ctx, ledger, blobs, scheme, study, r, &published)
		if err != nil {
			return nil, fmt.Errorf("audit: round %d: %w", r, err)
		}
		if rep.CrossCheckRequired && round.DecryptionSets == 1 {
			round.Problems = append(round.Problems, fmt.Sprintf("the study's recipe requires a cross-checked decryption (require_cross_check), and the model was decrypted by one set of %d holders: the coordinator published a model it must not", len(round.Decrypters)))
			round.Verdict = Mismatch
		}
		if round.Verdict == Mismatch || round.Verdict == Incomplete {
			rep.OK = false
		}
		rep.Rounds = append(rep.Rounds, *round)
	}
	disputes, err := ledger.Disputes(ctx, studyID)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	for _, d := range disputes {
		recorded := false
		for _, r := range rep.Rounds {
			recorded = recorded || (r.Round == d.Round && r.Aggregate == d.Aggregate)
		}
		rep.Disputes = append(rep.Disputes, Dispute{Dispute: d, Recorded: recorded})
	}
	return rep, nil
}

func auditRound(ctx context.Context, ledger *contracts.Ledger, blobs Blobs, scheme *aggregation.Scheme, study contracts.Study, r uint32, published *modelChain) (*Round, error) {
	info, err := ledger.Round(ctx, study.ID, r)
	if err != nil {
		return nil, err
	}
	out := &Round{Round: r, Committed: len(info.Committers), Aggregate: info.Result.AggregateHash, Model: info.Result.ModelHash}
	if !info.Closed {
		out.Verdict = NotClosed
		return out, nil
	}
	found := problemLog{problems: &out.Problems}
	problem := found.add
	defer func() { out.Verdict = found.verdict(out.Verdict) }()

	// The next round is judged against the model the chain records for
	// this one, even if this one cannot be recomputed: a lost blob fails
	// its own round, not the next one too.
	prev := *published
	if prev.seen && info.GlobalModel != prev.model {
		problem("the round opened from model %s, the previous closed round published %s", info.GlobalModel.Hex(), prev.model.Hex())
	}
	*published = modelChain{seen: true, model: info.Result.ModelHash}

	aggBytes, ok := fetch(blobs, "the aggregate", info.Result.AggregateHash, problem)
	if !ok {
		return out, nil
	}
	if !aggregation.IsVectorEncoding(aggBytes) {
		out.Verdict = NotChecked
		return out, nil
	}
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(aggBytes); err != nil {
		problem("the aggregate does not decode: %v", err)
		return out, nil
	}
	terms := agg.Terms()
	commitments, err := ledger.Commitments(ctx, study.ID, r)
	if err != nil {
		return nil, err
	}
	byDealer := committersByDealer(study.ID, r, commitments, terms)
	weights, err := chainWeights(ctx, ledger, study.ID, r, terms, byDealer, commitments)
	if err != nil {
		return nil, err
	}
	summed := make(map[common.Address]bool, len(terms))
	for _, t := range terms {
		if addr, ok := byDealer[t.Dealer]; ok {
			summed[addr] = true
		}
	}
	evaluators := roundEvaluators{commitments: commitments, summed: summed, weights: weights}
	if published.optimizer, err = checkModel(ctx, ledger, blobs, scheme, study, info, &agg, evaluators, prev.optimizer, out, problem); err != nil {
		return nil, err
	}
	out.Contributors = len(terms)
	if uint32(len(terms)) != info.Result.Participants {
		problem("the aggregate sums %d updates, the chain records %d participants", len(terms), info.Result.Participants)
	}

	trainCtx := aggregation.TrainContext(study.ID, r)
	updates := make([]*aggregation.EncryptedVector, 0, len(terms))
	recorded := make([]float64, 0, len(terms))
	nonZero := 0
	for _, t := range terms {
		addr, committed := byDealer[t.Dealer]
		if !committed {
			problem("the aggregate names dealer %s, who committed no update in round %d", t.Dealer, r)
			continue
		}
		cm := commitments[addr]
		b, ok := fetch(blobs, "the update of "+addr.Hex(), cm.CiphertextHash, problem)
		if !ok {
			continue
		}
		v := new(aggregation.EncryptedVector)
		if err := v.UnmarshalBinary(b); err != nil {
			problem("the update of %s does not decode: %v", addr.Hex(), err)
			continue
		}
		if err := scheme.CheckUpdate(v, study.PublicKeyHash, trainCtx, t.Dealer, agg.Len()); err != nil {
			problem("the update of %s is not its fresh update for round %d: %v", addr.Hex(), r, err)
			continue
		}
		if w, ok := weights[addr]; !ok {
			problem("no weight recorded on chain for %s", addr.Hex())
		} else if got := scheme.DecodeWeight(t.Weight); math.Abs(got-w) > weightTolerance {
			problem("the aggregate weighs %s by %.9f, the chain records %.9f", addr.Hex(), got, w)
		}
		if t.Weight > 0 {
			nonZero++
		}
		updates = append(updates, v)
		recorded = append(recorded, scheme.DecodeWeight(t.Weight))
	}
	if nonZero < int(study.MinParticipants) {
		problem("the aggregate gives weight to %d updates, the study requires at least %d", nonZero, study.MinParticipants)
	}
	if len(updates) != len(terms) {
		return out, nil // reported above: nothing to recompute from
	}
	sum, err := scheme.WeightedSum(updates, recorded)
	if err != nil {
		problem("the committed updates cannot be summed: %v", err)
		return out, nil
	}
	out.Recomputed = sum.Hash()
	if out.Recomputed != info.Result.AggregateHash {
		problem("the aggregate is not the weighted sum of the committed updates: recomputed %s, the chain records %s%s",
			out.Recomputed.Hex(), info.Result.AggregateHash.Hex(), firstDifference(&agg, sum))
	}
	return out, nil
}

// problemLog collects the problems of one audited part (a round, the
// moments phase) and gives its verdict. A blob or record the store does
// not hold leaves its checks undone, which is not evidence of tampering:
// such a part is INCOMPLETE unless a check that did run failed.
type problemLog struct {
	problems   *[]string
	mismatched bool
}

// add reports a problem; one whose arguments hold the store's answer that
// it lacks a blob (isMissing) is not a mismatch.
func (l *problemLog) add(format string, args ...any) {
	*l.problems = append(*l.problems, fmt.Sprintf(format, args...))
	l.mismatched = l.mismatched || !slices.ContainsFunc(args, isMissing)
}

// verdict is the part's verdict: MISMATCH or INCOMPLETE after problems,
// else set (the verdict the checks gave, if any) or Verified.
func (l *problemLog) verdict(set string) string {
	switch {
	case l.mismatched:
		return Mismatch
	case len(*l.problems) > 0:
		return Incomplete
	case set == "":
		return Verified
	}
	return set
}

// fetch reads a blob and checks that it is the one committed to, whatever
// the store's own checks.
func fetch(blobs Blobs, what string, h common.Hash, problem func(string, ...any)) ([]byte, bool) {
	if h == (common.Hash{}) {
		problem("no hash recorded on chain for %s", what)
		return nil, false
	}
	b, err := blobs.Get(h)
	if err != nil {
		problem("%s (%s) cannot be read from the blob store: %v", what, h.Hex(), err)
		return nil, false
	}
	if got := aggregation.ContentHash(b); got != h {
		problem("%s hashes to %s, the chain records %s", what, got.Hex(), h.Hex())
		return nil, false
	}
	return b, true
}

// isMissing reports whether a problem's argument is a store's answer that
// it holds no such blob or record (fs.ErrNotExist).
func isMissing(arg any) bool {
	err, ok := arg.(error)
	return ok && errors.Is(err, fs.ErrNotExist)
}

// chainWeights returns the weight the chain records for each contributor:
// the robust weights the coordinator recorded for the round, or else each
// contributor's share of the contributors' committed sample counts.
func chainWeights(ctx context.Context, ledger *contracts.Ledger, studyID uint64, r uint32, terms []aggregation.Term, byDealer map[aggregation.PartyID]common.Address, commitments map[common.Address]contracts.Commitment) (map[common.Address]float64, error) {
	scores, err := ledger.Scores(ctx, studyID, r)
	if err != nil && !errors.Is(err, contracts.ErrRoundNotFound) {
		return nil, err
	}
	out := make(map[common.Address]float64, len(terms))
	if len(scores) > 0 {
		for _, s := range scores {
			out[s.Member] = s.Weight
		}
		return out, nil
	}
	var total float64
	for _, t := range terms {
		if addr, ok := byDealer[t.Dealer]; ok {
			total += float64(commitments[addr].Samples)
		}
	}
	for _, t := range terms {
		if addr, ok := byDealer[t.Dealer]; ok && total > 0 {
			out[addr] = float64(commitments[addr].Samples) / total
		}
	}
	return out, nil
}

// firstDifference names the first chunk where two vectors differ.
func firstDifference(a, b *aggregation.EncryptedVector) string {
	switch c := aggregation.FirstDifferentChunk(a, b); {
	case a.Len() != b.Len():
		return fmt.Sprintf(" (lengths %d and %d)", a.Len(), b.Len())
	case c < 0:
		return "; the coefficients agree, the headers (terms, key set or context) differ"
	default:
		return fmt.Sprintf("; first differing chunk %d (values %d to %d)", c, c*aggregation.ChunkValues, min(a.Len(), (c+1)*aggregation.ChunkValues)-1)
	}
}

// roundEvaluators is what says who may evaluate a round's model: only
// members whose updates weigh in it, committed on chain, summed in the
// aggregate, with a positive weight on chain (a flagged member's is 0).
type roundEvaluators struct {
	commitments map[common.Address]contracts.Commitment
	summed      map[common.Address]bool
	weights     map[common.Address]float64
}

// modelChain is what the audit of one closed round leaves for the next:
// the model it published and the server optimiser's state after its step.
type modelChain struct {
	seen      bool
	model     common.Hash
	optimizer *aggregation.FedOpt // nil if the round's step could not be recomputed
}

// checkModel recomputes the model a round closed with from its decryption
// record: the holders' signed shares open the aggregate (at least the
// study's threshold of them, each signed by a distinct participant of the
// study, so the coordinator cannot make shares of its own), and the server
// optimiser's step from the model the round opened with, in the state the
// previous round left (prevOptimizer, nil if unknown), must give the
// model on chain. It also checks the metrics against the evaluations of
// the members evaluators allows (checkMetrics). It returns the optimiser's
// state after the step, nil if the step could not be recomputed. Problems
// are reported; the error is for a chain that cannot be read.
func checkModel(ctx context.Context, ledger *contracts.Ledger, blobs Blobs, scheme *aggregation.Scheme, study contracts.Study, info contracts.Round, agg *aggregation.EncryptedVector, evaluators roundEvaluators, prevOptimizer *aggregation.FedOpt, out *Round, problem func(string, ...any)) (*aggregation.FedOpt, error) {
	r := info.Number
	rec, err := blobs.DecryptionRecord(info.Result.AggregateHash)
	if err != nil {
		problem("the model cannot be recomputed: no decryption record for the aggregate (%v)", err)
		return nil, nil
	}
	if rec.GetStudyId() != study.ID || rec.GetRound() != r || common.BytesToHash(rec.GetAggregateHash()) != info.Result.AggregateHash {
		problem("the decryption record kept for the aggregate is for study %d, round %d, aggregate %x", rec.GetStudyId(), rec.GetRound(), rec.GetAggregateHash())
		return nil, nil
	}
	if got := common.BytesToHash(rec.GetGlobalModelHash()); got != info.GlobalModel {
		problem("the decryption record steps from model %s, the round opened from %s", got.Hex(), info.GlobalModel.Hex())
		return nil, nil
	}
	if err := checkMetrics(ctx, ledger, study, info, evaluators, rec, out, problem); err != nil {
		return nil, err
	}
	shares, err := signedShares(ctx, ledger, study, r, info.Result.AggregateHash, rec, out, problem)
	if err != nil || shares == nil {
		return nil, err
	}
	b, ok := fetch(blobs, "the model the round opened from", info.GlobalModel, problem)
	if !ok {
		return nil, nil
	}
	global, err := models.DecodeParams(b)
	if err != nil {
		problem("the model the round opened from does not decode: %v", err)
		return nil, nil
	}
	opt := new(aggregation.FedOpt)
	if err := opt.UnmarshalBinary(rec.GetOptimizerState()); err != nil {
		problem("the server optimiser's state in the decryption record: %v", err)
		return nil, nil
	}
	if prevOptimizer != nil && !opt.SameNextStep(prevOptimizer) {
		problem("the server optimiser stepped from a state (%s) that is not the one the previous closed round left: it was reset or altered", opt.Config().Kind)
	}
	stepped, err := scheme.ReplayStep(opt, agg, shares, global)
	if err != nil {
		problem("the model cannot be recomputed: %v", err)
		return nil, nil
	}
	sets := decryptionSets(shares)
	out.DecryptionSets = len(sets)
	if len(sets) > 1 {
		// Sets that agree check only the holders some set leaves out; the
		// holders were asked sets that leave out each of them, so sets
		// that do not are a record the coordinator kept only part of.
		// Holders give shares for the sets their active points derive
		// only: other sets, even a valid cover, are more smudged samples
		// of their shares than the check needs.
		active := slices.Compact(slices.Sorted(slices.Values(slices.Concat(sets...))))
		if err := aggregation.CheckDecryptionSets(active, int(study.Threshold), sets); err != nil {
			problem("the decryption record's %d sets cross-check nothing: %v (the holders were asked sets that leave each of them out of one)", len(sets), err)
		} else {
			out.CrossChecked = true
			if err := aggregation.CheckDerivedDecryptionSets(active, int(study.Threshold), sets); err != nil {
				problem("the decryption record's %d sets are not those its active points derive: %v (holders give shares for those only; each other set is one more smudged sample of a holder's share)", len(sets), err)
			}
		}
	}
	out.ModelRecomputed = aggregation.ContentHash(models.EncodeParams(stepped))
	if out.ModelRecomputed != info.Result.ModelHash {
		problem("the model is not the server optimiser's step by the decrypted aggregate: recomputed %s, the chain records %s", out.ModelRecomputed.Hex(), info.Result.ModelHash.Hex())
	}
	return opt, nil
}

// recipeRequiresCrossCheck tells whether the study's recipe, read from the
// store by the spec hash on chain, requires a cross-checked decryption
// (models.Recipe.RequireCrossCheck). A spec that is not a recipe, or one
// the store lacks, requires none.
func recipeRequiresCrossCheck(blobs Blobs, spec common.Hash) bool {
	b, err := blobs.Get(spec)
	if err != nil || crypto.Keccak256Hash(b) != spec {
		return false
	}
	recipe, err := models.ParseRecipe(b)
	return err == nil && recipe.RequireCrossCheck
}

// decryptionSets lists the distinct sets shares were made for; n-of-n
// shares name no set and are one (nil).
func decryptionSets(shares []*aggregation.DecryptionShare) [][]aggregation.ShamirPoint {
	var sets [][]aggregation.ShamirPoint
	for _, ds := range shares {
		set := ds.ActiveSet()
		if !slices.ContainsFunc(sets, func(s []aggregation.ShamirPoint) bool { return slices.Equal(s, set) }) {
			sets = append(sets, set)
		}
	}
	return sets
}

// signedShares checks the decryption record's shares: each for this
// study, round and aggregate, signed by a distinct participant of the
// study (one that joined it, whether or not it left since), and at least
// the study's threshold of them. It returns nil shares after reporting a
// problem.
func signedShares(ctx context.Context, ledger *contracts.Ledger, study contracts.Study, r uint32, aggHash common.Hash, rec *cohortv1.DecryptionRecord, out *Round, problem func(string, ...any)) ([]*aggregation.DecryptionShare, error) {
	subs := rec.GetShares()
	if len(subs) < int(study.Threshold) {
		problem("the decryption record holds %d decryption shares, the study's threshold is %d", len(subs), study.Threshold)
		return nil, nil
	}
	shares := make([]*aggregation.DecryptionShare, 0, len(subs))
	seen := make(map[common.Address]bool, len(subs))
	for i, sub := range subs {
		if sub.GetStudyId() != study.ID || sub.GetRound() != r || common.BytesToHash(sub.GetAggregateHash()) != aggHash {
			problem("decryption share %d is for study %d, round %d, aggregate %x", i, sub.GetStudyId(), sub.GetRound(), sub.GetAggregateHash())
			return nil, nil
		}
		signer, err := auth.Verify(sub.GetAuth(), study.ID, r, auth.KindDecryptShare, crypto.Keccak256Hash(sub.GetShare()))
		if err != nil {
			problem("decryption share %d is not signed by a holder: %v", i, err)
			return nil, nil
		}
		raws := [][]byte{sub.GetShare()}
		for j, more := range sub.GetMore() {
			other, err := auth.Verify(more.GetAuth(), study.ID, r, auth.KindDecryptShare, crypto.Keccak256Hash(more.GetShare()))
			if err != nil || other != signer {
				problem("decryption share %d.%d is not signed by %s, who signed the first (%v)", i, j+2, signer.Hex(), err)
				return nil, nil
			}
			raws = append(raws, more.GetShare())
		}
		if wrong, err := signedOnceByAParticipant(ctx, ledger, study.ID, signer, seen); err != nil || wrong != "" {
			if wrong != "" {
				problem("decryption share %d %s", i, wrong)
			}
			return nil, err
		}
		for _, raw := range raws {
			ds := new(aggregation.DecryptionShare)
			if err := ds.UnmarshalBinary(raw); err != nil {
				problem("a decryption share signed by %s does not decode: %v", signer.Hex(), err)
				return nil, nil
			}
			shares = append(shares, ds)
		}
		out.Decrypters = append(out.Decrypters, signer)
	}
	return shares, nil
}

// checkMetrics checks the metrics the round closed with on chain against
// the members' signed evaluations the decryption record keeps: each for
// this study, round and model, signed by a distinct participant of the
// study, merged in the record's order to the chain's accuracy, AUC and
// loss (to the chain's 6 decimals). So a coordinator cannot record metrics
// of its own. Each evaluation must also count at most as many test records
// as the training samples its signer committed on chain in the round (the
// coordinator's rule, evaluateStep), and come from a member whose update
// the aggregate sums with a positive weight on chain (not one robust
// scoring flagged): a coordinator that let one member's inflated count,
// or a discarded attacker's evaluation, set the metrics is caught. What it cannot check is an
// evaluation itself within that bound: each member reports counts over its
// own test records, which no one else sees.
func checkMetrics(ctx context.Context, ledger *contracts.Ledger, study contracts.Study, info contracts.Round, evaluators roundEvaluators, rec *cohortv1.DecryptionRecord, out *Round, problem func(string, ...any)) error {
	r := info.Number
	subs := rec.GetEvaluations()
	if len(subs) == 0 {
		problem("the decryption record keeps no signed evaluations: the accuracy, AUC and loss on chain cannot be checked")
		return nil
	}
	commitments, summed, weights := evaluators.commitments, evaluators.summed, evaluators.weights
	var merged models.Evaluation
	seen := make(map[common.Address]bool, len(subs))
	for i, sub := range subs {
		if sub.GetStudyId() != study.ID || sub.GetRound() != r || common.BytesToHash(sub.GetModelHash()) != info.Result.ModelHash {
			problem("evaluation %d is for study %d, round %d, model %x", i, sub.GetStudyId(), sub.GetRound(), sub.GetModelHash())
			return nil
		}
		signer, err := auth.Verify(sub.GetAuth(), study.ID, r, auth.KindEvaluation, crypto.Keccak256Hash(sub.GetEvaluation()))
		if err != nil {
			problem("evaluation %d is not signed by a member: %v", i, err)
			return nil
		}
		if wrong, err := signedOnceByAParticipant(ctx, ledger, study.ID, signer, seen); err != nil || wrong != "" {
			if wrong != "" {
				problem("evaluation %d %s", i, wrong)
			}
			return err
		}
		// As saved at any time: one from before TruePos and TrueNeg existed
		// has them derived from its histograms.
		ev, err := models.ParseSavedEvaluation(sub.GetEvaluation())
		if errors.Is(err, models.ErrInconsistentEvaluation) {
			problem("the evaluation signed by %s is inconsistent: %v", signer.Hex(), err)
			return nil
		}
		if err != nil {
			problem("the evaluation signed by %s: %v", signer.Hex(), err)
			return nil
		}
		switch cm, ok := commitments[signer]; {
		case !ok:
			problem("the evaluation signed by %s counts %d test records, but %s committed no update in round %d: only the round's contributors evaluate its model", signer.Hex(), ev.N, signer.Hex(), r)
		case !summed[signer]:
			problem("the evaluation signed by %s counts %d test records, but its update is not summed in round %d's aggregate: only the contributors whose updates weigh in the model evaluate it", signer.Hex(), ev.N, r)
		case weights[signer] <= 0:
			problem("the evaluation signed by %s counts %d test records, but the chain weighs its update 0 in round %d (flagged by robust scoring): only the contributors whose updates weigh in the model evaluate it", signer.Hex(), ev.N, r)
		case uint64(ev.N) > cm.Samples:
			problem("the evaluation signed by %s counts %d test records, over the %d training samples it committed in round %d: a member's evaluation counts at most the training samples it committed", signer.Hex(), ev.N, cm.Samples, r)
		}
		if err := merged.Merge(ev); err != nil {
			problem("the evaluations do not merge: %v", err)
			return nil
		}
		out.Evaluators = append(out.Evaluators, signer)
	}
	out.Evaluated = merged.N
	if err := checkEvaluationDeclines(ctx, ledger, study, r, evaluators, rec, out, problem); err != nil {
		return err
	}
	for _, m := range []struct {
		name            string
		merged, onChain float64
	}{
		{"accuracy", merged.Accuracy(), info.Result.Accuracy},
		{"AUC", merged.AUC(), info.Result.AUC},
		{"loss", merged.LogLoss(), info.Result.Loss},
	} {
		if math.Round(m.merged*contracts.MetricUnit) != math.Round(m.onChain*contracts.MetricUnit) {
			problem("the chain records %s %.6f, the members' signed evaluations merge to %.6f", m.name, m.onChain, m.merged)
		}
	}
	return nil
}

// checkEvaluationDeclines checks the record's signed declines of the
// evaluate task (each for this study and round, by a distinct participant
// whose update weighs in the model and that sent no evaluation) and lists
// in out.Unevaluated every such contributor the metrics leave out, with
// its decline if the record keeps one. out.Evaluators must be filled.
func checkEvaluationDeclines(ctx context.Context, ledger *contracts.Ledger, study contracts.Study, r uint32, evaluators roundEvaluators, rec *cohortv1.DecryptionRecord, out *Round, problem func(string, ...any)) error {
	evaluated := make(map[common.Address]bool, len(out.Evaluators))
	for _, a := range out.Evaluators {
		evaluated[a] = true
	}
	weighs := func(a common.Address) bool { return evaluators.summed[a] && evaluators.weights[a] > 0 }
	declined := make(map[common.Address]string)
	seen := make(map[common.Address]bool)
	for i, d := range rec.GetEvaluationDeclines() {
		if d.GetStudyId() != study.ID || d.GetRound() != r || protocol.Phase(d.GetPhase()) != protocol.Evaluate {
			problem("decline %d kept with the evaluations is of study %d, round %d, phase %q", i, d.GetStudyId(), d.GetRound(), d.GetPhase())
			continue
		}
		signer, err := auth.Verify(d.GetAuth(), study.ID, r, auth.KindDecline, auth.DeclineContent(d.GetPhase(), d.GetReason()))
		if err != nil {
			problem("decline %d kept with the evaluations is not signed by a member: %v", i, err)
			continue
		}
		if wrong, err := signedOnceByAParticipant(ctx, ledger, study.ID, signer, seen); err != nil || wrong != "" {
			if wrong != "" {
				problem("decline %d kept with the evaluations %s", i, wrong)
			}
			if err != nil {
				return err
			}
			continue
		}
		switch {
		case evaluated[signer]:
			problem("the record keeps a decline of the evaluate task by %s, whose evaluation it also keeps", signer.Hex())
		case !weighs(signer):
			problem("the record keeps a decline of the evaluate task by %s, whose update does not weigh in round %d's model: only contributors whose updates weigh in it are asked", signer.Hex(), r)
		default:
			declined[signer] = d.GetReason()
		}
	}
	members := slices.Collect(maps.Keys(evaluators.summed))
	slices.SortFunc(members, func(a, b common.Address) int { return a.Cmp(b) })
	for _, a := range members {
		if weighs(a) && !evaluated[a] {
			reason, ok := declined[a]
			out.Unevaluated = append(out.Unevaluated, Unevaluated{Member: a, Declined: ok, Reason: reason})
		}
	}
	return nil
}

// signedOnceByAParticipant checks that signer, of a record's entry, signed
// no earlier entry (seen, which it updates) and joined the study (whether
// or not it left since); it returns what is wrong, or "".
func signedOnceByAParticipant(ctx context.Context, ledger *contracts.Ledger, studyID uint64, signer common.Address, seen map[common.Address]bool) (string, error) {
	if seen[signer] {
		return "is the second signed by " + signer.Hex(), nil
	}
	seen[signer] = true
	p, err := ledger.Participant(ctx, studyID, signer)
	if err != nil {
		return "", err
	}
	if p.Index == 0 {
		return "is signed by " + signer.Hex() + ", who never joined the study", nil
	}
	return "", nil
}

// committersByDealer maps the dealer ids the aggregate's terms name to the
// round's committers: each committer's first key (epoch 0) or, for a term
// no first key names, a fresh key a member that lost its own dealt at a
// re-sharing (aggregation.DealerIDAt). At most one re-sharing runs before
// each round and it gives a member at most one new epoch, so round r's
// committers are looked up at epochs up to r. The coordinator and the
// holders take only a member's latest key (aggregation.LatestDealerID);
// the chain does not record epochs, so an audit takes any of them: a
// member's earlier key is its own all the same.
func committersByDealer(study uint64, r uint32, commitments map[common.Address]contracts.Commitment, terms []aggregation.Term) map[aggregation.PartyID]common.Address {
	byDealer := make(map[aggregation.PartyID]common.Address, len(commitments))
	for addr := range commitments {
		byDealer[aggregation.DealerID(study, addr.Bytes())] = addr
	}
	for _, t := range terms {
		if _, ok := byDealer[t.Dealer]; ok {
			continue
		}
		for addr := range commitments {
			for e := uint32(1); e <= r; e++ {
				byDealer[aggregation.DealerIDAt(study, addr.Bytes(), e)] = addr
			}
		}
		break
	}
	return byDealer
}
