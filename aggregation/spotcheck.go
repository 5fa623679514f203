package aggregation

import (
	"crypto/rand"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// DefaultSpotChecks is the number of chunks a holder opens before it gives
// a decryption share. A coordinator that alters a fraction f of the
// aggregate's chunks escapes one holder with probability (1-f)^k: with
// k = 64, it is caught with probability 47% for f = 1%, 96% for f = 5% and
// 99.9% for f = 10% by each holder; when every one of t holders must
// share, by at least one of them with probability 1-(1-f)^(k·t) (99.8% for
// f = 1% and t = 10); when any t of c holders decrypt, the coordinator can
// shop for t that missed (ThresholdDetectionProbability: 99.5% for f = 5%,
// t = 3 of c = 10, but 3.9% for f = 1%). See doc.go, "Spot checks".
const DefaultSpotChecks = 64

// DetectionProbability returns the probability that at least one of
// checkers holders, each opening k chunks drawn independently and
// uniformly (without replacement within a holder), finds one of the
// altered chunks when a fraction f of them is altered: 1-(1-f)^(k·checkers),
// a lower bound of the exact value for draws without replacement.
func DetectionProbability(f float64, k, checkers int) float64 {
	if f <= 0 || k <= 0 || checkers <= 0 {
		return 0
	}
	if f >= 1 {
		return 1
	}
	return -math.Expm1(float64(k*checkers) * math.Log1p(-f))
}

// ThresholdDetectionProbability is DetectionProbability when any t of c
// holders can decrypt: a coordinator may ask holder after holder until t
// of them accept, so it escapes when at least t of the c holders miss the
// altered chunks, each independently with probability (1-f)^k. It returns
// 1 - P[Binomial(c, (1-f)^k) ≥ t], again a lower bound.
func ThresholdDetectionProbability(f float64, k, holders, threshold int) float64 {
	if f <= 0 || k <= 0 || holders <= 0 || threshold <= 0 || threshold > holders {
		return 0
	}
	miss := 1 - DetectionProbability(f, k, 1)
	escape := 0.0
	for i := threshold; i <= holders; i++ {
		binom := math.Exp(lgammaOf(holders+1) - lgammaOf(i+1) - lgammaOf(holders-i+1))
		escape += binom * math.Pow(miss, float64(i)) * math.Pow(1-miss, float64(holders-i))
	}
	return 1 - min(1, escape)
}

func lgammaOf(n int) float64 {
	v, _ := math.Lgamma(float64(n))
	return v
}

// DrawSpotChecks returns k distinct chunk indices below chunks, in
// increasing order, drawn uniformly from random (crypto/rand.Reader when
// nil). The holder draws them from its own randomness after the aggregate
// it checks is fixed (its hash is what the decryption share is bound to),
// so the coordinator cannot know which chunks will be opened. All chunks
// are returned when k ≥ chunks.
func DrawSpotChecks(random io.Reader, chunks, k int) ([]int, error) {
	if random == nil {
		random = rand.Reader
	}
	if chunks <= 0 || k <= 0 {
		return nil, fmt.Errorf("%w: draw %d of %d chunks", ErrEmptyInput, k, chunks)
	}
	if k >= chunks {
		out := make([]int, chunks)
		for i := range out {
			out[i] = i
		}
		return out, nil
	}
	seen := make(map[int]bool, k)
	out := make([]int, 0, k)
	limit := big.NewInt(int64(chunks))
	for len(out) < k {
		n, err := rand.Int(random, limit)
		if err != nil {
			return nil, fmt.Errorf("aggregation: draw spot checks: %w", err)
		}
		if i := int(n.Int64()); !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out, nil
}

// SpotUpdate is one committed update as a spot check sees it: its
// commitment (read from the chain), the dealer that must have encrypted it
// (the member that committed it), its weight in the aggregate and the
// proof of its chunks.
type SpotUpdate struct {
	Commitment common.Hash
	Dealer     PartyID
	Weight     float64
	Proof      *ChunkProof
}

// SpotCheck is what a holder checks an aggregate against before it gives
// a decryption share.
type SpotCheck struct {
	// KeyHash and Context are the study's key set and the round's
	// encryption context that every vector must carry.
	KeyHash common.Hash
	Context EncryptionContext
	// Length is the model's number of parameters.
	Length int
	// Aggregate is the aggregate's commitment (the hash the decryption
	// share is bound to) and AggregateProof the proof of its chunks.
	Aggregate      common.Hash
	AggregateProof *ChunkProof
	// Updates are the aggregate's contributors, in the aggregate's order.
	Updates []SpotUpdate
	// Chunks are the chunk indices drawn (DrawSpotChecks).
	Chunks []int
}

// CheckSpots verifies an aggregate without downloading the updates: every
// proof must open exactly c.Chunks of the vector committed to; each update
// must be a fresh vector of its dealer under the study's key set and the
// round's context; the aggregate must list exactly the updates' dealers
// with their weights encoded as WeightedSum encodes them; and each opened
// chunk of the aggregate must equal the weighted sum, rescaled, of the
// same chunk of the updates, coefficient by coefficient with the exact
// modular arithmetic of WeightedSum. It returns ErrSpotCheckFailed for an
// aggregate that differs, ErrInvalidProof or ErrMalformed for proofs that
// do not verify.
//
// The holder receives k·ChunkValues values of every update and of the
// aggregate, about 2.4 KB per update and chunk with its path, instead of
// every update whole.
func (s *Scheme) CheckSpots(c SpotCheck) error {
	if len(c.Updates) == 0 {
		return fmt.Errorf("aggregation: CheckSpots: %w: no updates", ErrEmptyInput)
	}
	if len(c.Chunks) == 0 {
		return fmt.Errorf("aggregation: CheckSpots: %w: no chunks drawn", ErrEmptyInput)
	}
	top := s.params.MaxLevel()
	agg, err := s.VerifyChunks(c.Aggregate, c.AggregateProof, c.Chunks)
	if err != nil {
		return fmt.Errorf("aggregation: CheckSpots: aggregate %s: %w", c.Aggregate.TerminalString(), err)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("aggregation: CheckSpots: %w: aggregate %s: %s", ErrSpotCheckFailed, c.Aggregate.TerminalString(), fmt.Sprintf(format, args...))
	}
	if err := checkHeader(agg.Header, c, top-1); err != nil {
		return fail("%v", err)
	}
	if len(agg.Header.Terms) != len(c.Updates) {
		return fail("it lists %d contributors, the round has %d", len(agg.Header.Terms), len(c.Updates))
	}
	updates := make([]*OpenedChunks, len(c.Updates))
	weights := make([]uint64, len(c.Updates))
	for i, u := range c.Updates {
		if weights[i], err = s.weightOf(i, u.Weight); err != nil {
			return fmt.Errorf("aggregation: CheckSpots: %w", err)
		}
		if u.Weight < 0 || math.IsNaN(u.Weight) {
			return fmt.Errorf("aggregation: CheckSpots: %w: weight %d is %g", ErrInvalidWeight, i, u.Weight)
		}
		if want := (Term{Dealer: u.Dealer, Weight: weights[i]}); agg.Header.Terms[i] != want {
			return fail("contributor %d is dealer %s with weight %d, the round's is %s with weight %d",
				i, agg.Header.Terms[i].Dealer, agg.Header.Terms[i].Weight, u.Dealer, want.Weight)
		}
		if updates[i], err = s.VerifyChunks(u.Commitment, u.Proof, c.Chunks); err != nil {
			return fmt.Errorf("aggregation: CheckSpots: update %d (%s): %w", i, u.Commitment.TerminalString(), err)
		}
		if err := checkHeader(updates[i].Header, c, top); err != nil {
			return fmt.Errorf("aggregation: CheckSpots: %w: update %d: %v", ErrKeyMismatch, i, err)
		}
		if want := []Term{{Dealer: u.Dealer, Weight: 1}}; !slices.Equal(updates[i].Header.Terms, want) {
			return fmt.Errorf("aggregation: CheckSpots: %w: update %d is not a fresh update of dealer %s", ErrKeyMismatch, i, u.Dealer)
		}
	}
	plan := newSpotPlan(s.params.RingQ().ModuliChain()[:top+1], weights)
	in := make([][]uint64, len(updates))
	for k, chunk := range c.Chunks {
		for v := range agg.Coeffs[k][0] {
			for i := range updates {
				in[i] = in[i][:0]
				for l := range top + 1 {
					in[i] = append(in[i], updates[i].Coeffs[k][l][v])
				}
			}
			got := plan.sum(in)
			for l := range top {
				if got[l] != agg.Coeffs[k][l][v] {
					return fail("value %d (chunk %d) is not the weighted sum of the committed updates", chunk*ChunkValues+v, chunk)
				}
			}
		}
	}
	return nil
}

// checkHeader compares a vector's header with the round's.
func checkHeader(h VectorHeader, c SpotCheck, level int) error {
	switch {
	case h.KeyHash != c.KeyHash:
		return fmt.Errorf("it belongs to key set %s, the study's is %s", h.KeyHash.TerminalString(), c.KeyHash.TerminalString())
	case h.Context != c.Context:
		return fmt.Errorf("it was encrypted for another study, phase or round")
	case h.Length != c.Length:
		return fmt.Errorf("it holds %d values, the model has %d", h.Length, c.Length)
	case h.Level != level:
		return fmt.Errorf("it is at level %d, want %d", h.Level, level)
	}
	return nil
}

// spotPlan is WeightedSum for one coefficient at a time: Σ wᵢ·xᵢ modulo
// every prime of the top level, then the rounding division by the top
// prime (Lattigo's DivRoundByLastModulus, as the sum kernel computes it).
type spotPlan struct {
	q      []uint64   // the moduli, top last
	w      [][]uint64 // w[l][i]: weight i modulo q_l
	half   []uint64   // (q_top-1)/2 modulo q_l
	invTop []uint64   // q_top^-1 modulo q_l, l < top
}

func newSpotPlan(q []uint64, weights []uint64) *spotPlan {
	top := len(q) - 1
	p := &spotPlan{q: q, w: make([][]uint64, len(q)), half: make([]uint64, len(q)), invTop: make([]uint64, top)}
	for l, ql := range q {
		p.w[l] = make([]uint64, len(weights))
		for i, w := range weights {
			p.w[l][i] = w % ql
		}
		p.half[l] = ((q[top] - 1) >> 1) % ql
		if l < top {
			inv := new(big.Int).ModInverse(new(big.Int).SetUint64(q[top]%ql), new(big.Int).SetUint64(ql))
			p.invTop[l] = inv.Uint64()
		}
	}
	return p
}

// sum returns the rescaled weighted sum of one coefficient, given in[i][l]
// (input i modulo prime l), one value per prime below the top.
func (p *spotPlan) sum(in [][]uint64) []uint64 {
	top := len(p.q) - 1
	acc := make([]uint64, len(p.q))
	for l, q := range p.q {
		var s uint64
		for i, x := range in {
			s = addMod(s, mulMod(p.w[l][i], x[l], q), q)
		}
		acc[l] = s
	}
	t := addMod(acc[top], p.half[top], p.q[top]) // the rounding remainder
	out := make([]uint64, top)
	for l := range top {
		q := p.q[l]
		v := addMod(acc[l], p.half[l], q)
		v = addMod(v, q-t%q, q)
		out[l] = mulMod(v, p.invTop[l], q)
	}
	return out
}

func mulMod(a, b, q uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return bits.Rem64(hi, lo, q)
}

func addMod(a, b, q uint64) uint64 {
	s := a + b
	if s >= q || s < a {
		s -= q
	}
	return s
}

// EncodeWeight returns the integer weight round(w·q_top) that WeightedSum
// records in an aggregate's terms for the real weight w.
func (s *Scheme) EncodeWeight(w float64) (uint64, error) {
	if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
		return 0, fmt.Errorf("%w: weight %g", ErrInvalidWeight, w)
	}
	return s.weightOf(0, w)
}

// DecodeWeight returns the real weight c/q_top of an integer weight c; its
// EncodeWeight is c again (c/q_top is exact to 2^-53 relative, far below
// the rounding step).
func (s *Scheme) DecodeWeight(c uint64) float64 {
	q := s.params.RingQ().ModuliChain()[s.params.MaxLevel()]
	return float64(c) / float64(q)
}
