// Package audit re-checks a study's rounds from the chain and the blob
// store alone, trusting neither the coordinator nor any hospital: for every
// closed round it fetches each committed update and the aggregate, checks
// that their bytes hash to what the chain records, that each update is its
// committer's fresh update for that round under the study's key set, that
// the aggregate lists exactly committed updates with the weights the chain
// records (sample counts, or the robust weights the coordinator recorded),
// and recomputes the aggregate in full: any altered coefficient changes its
// chunk root. It is what `cohort audit` runs; the hospitals' spot checks
// (aggregation.CheckSpots) sample the same property before they decrypt.
//
// Audit functions perform I/O only through the Ledger and Blobs given and
// are safe to call concurrently on distinct arguments.
package audit

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
)

// Blobs is where the auditor reads the committed bytes: a coordinator's
// blob store (coordinator.Store) or a copy of it.
type Blobs interface {
	Get(h common.Hash) ([]byte, error)
}

// Verdicts of a round.
const (
	Verified   = "verified"   // every check passed
	Mismatch   = "MISMATCH"   // a check failed: see Problems
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
	Problems     []string    `json:"problems,omitempty"`
}

// Report is the audit of a study.
type Report struct {
	Study  uint64  `json:"study"`
	Rounds []Round `json:"rounds"`
	// Disputes are the aggregates hospitals refused on chain as not the
	// weighted sum of the committed updates (contracts.Ledger.Disputes).
	Disputes []Dispute `json:"disputes,omitempty"`
	// OK is true when no round has a mismatch.
	OK bool `json:"ok"`
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
	rep := &Report{Study: studyID, OK: true}
	for r := uint32(1); r <= study.CurrentRound; r++ {
		round, err := auditRound(ctx, ledger, blobs, scheme, study, r)
		if err != nil {
			return nil, fmt.Errorf("audit: round %d: %w", r, err)
		}
		if round.Verdict == Mismatch {
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

func auditRound(ctx context.Context, ledger *contracts.Ledger, blobs Blobs, scheme *aggregation.Scheme, study contracts.Study, r uint32) (*Round, error) {
	info, err := ledger.Round(ctx, study.ID, r)
	if err != nil {
		return nil, err
	}
	out := &Round{Round: r, Committed: len(info.Committers), Aggregate: info.Result.AggregateHash}
	if !info.Closed {
		out.Verdict = NotClosed
		return out, nil
	}
	problem := func(format string, args ...any) {
		out.Problems = append(out.Problems, fmt.Sprintf(format, args...))
	}
	defer func() {
		if len(out.Problems) > 0 {
			out.Verdict = Mismatch
		} else if out.Verdict == "" {
			out.Verdict = Verified
		}
	}()

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
	out.Contributors = len(terms)
	if uint32(len(terms)) != info.Result.Participants {
		problem("the aggregate sums %d updates, the chain records %d participants", len(terms), info.Result.Participants)
	}

	commitments, err := ledger.Commitments(ctx, study.ID, r)
	if err != nil {
		return nil, err
	}
	byDealer := make(map[aggregation.PartyID]common.Address, len(commitments))
	for addr := range commitments {
		byDealer[aggregation.DealerID(study.ID, addr.Bytes())] = addr
	}
	weights, err := chainWeights(ctx, ledger, study.ID, r, terms, byDealer, commitments)
	if err != nil {
		return nil, err
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
