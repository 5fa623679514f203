package aggregation

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// RobustConfig is the raw, unvalidated robust-aggregation policy that turns
// decrypted scores into trust weights (FLTrust with norm-bounded
// contributions). NewRobustPolicy validates it.
type RobustConfig struct {
	// MinCosine flags an update whose estimated cosine similarity to the
	// reference update is below it. FLTrust's ReLU already gives such
	// updates no weight when MinCosine ≥ 0; the flag is what the ledger
	// counts as a strike.
	MinCosine float64 `json:"min_cosine"`
	// MaxNormRatio flags an update whose estimated norm exceeds
	// MaxNormRatio·‖r‖. The norm estimate has a relative standard deviation
	// of about 1/sqrt(2k) (8.8% for k = 64 projections), so keep honest
	// ratios below MaxNormRatio/(1 + 4/sqrt(2k)) to avoid false flags. It is
	// an absolute backstop; the round-relative test below is the tight one.
	MaxNormRatio float64 `json:"max_norm_ratio"`
	// MaxNormSpread is the largest ratio of an honest update's true norm to
	// the median norm of its round that the consortium expects (sites of
	// unlike size and data train updates of unlike norm). An update whose
	// estimated norm exceeds the round's median estimate by more than
	// MaxNormSpread times the estimator's own (1−NormFalseFlagRate) spread
	// is flagged; see NormThreshold. The test assumes an honest majority of
	// the round's updates and runs only in rounds of at least
	// MinRelativeUpdates updates.
	MaxNormSpread float64 `json:"max_norm_spread"`
	// NormFalseFlagRate is the chance, per honest update within
	// MaxNormSpread of the median, that the estimator's noise alone pushes
	// it over the round-relative threshold, in (0, 0.5).
	NormFalseFlagRate float64 `json:"norm_false_flag_rate"`
	// MinRelativeUpdates is the smallest number of updates in a round for
	// the round-relative norm test; smaller rounds have only the absolute
	// MaxNormRatio test. At least 3 (a median of two is their mean).
	MinRelativeUpdates int `json:"min_relative_updates"`
	// MaxOpposition is how far, in lengths of the reference update, an
	// update must move against it before a low cosine is flagged, for
	// models too small for four projections (k < 4). The
	// projection ⟨u,r⟩/‖r‖² is exact (unlike the cosine, whose norm is an
	// estimate), and near convergence honest updates are small and point
	// anywhere: they get no weight (ReLU) but no strike either.
	MaxOpposition float64 `json:"max_opposition"`
	// MinContributors is the smallest number of updates that must receive
	// a non-zero weight. With a single one, the decrypted aggregate would be
	// that update; at least 2 is enforced.
	MinContributors int `json:"min_contributors"`
}

// DefaultMaxNormSpread is the default MaxNormSpread, calibrated on the
// honest sites of `cohort bench robust` (20 unlike sites of WDBC, 13 to 38
// training records each): there, an honest update's true norm (measured
// before encryption) was at most 1.64 to 1.84 times the median of its
// round, depending on the study; 2 leaves some room for sites of more
// unlike size. Consortia whose sites differ more should raise it.
const DefaultMaxNormSpread = 2

// DefaultRobustConfig returns the defaults: flag updates with a cosine
// below 0 (pointing away from the reference), a norm above 4·‖r‖, or a
// norm more than DefaultMaxNormSpread times the round's median beyond the
// estimator's 1% tail, and require at least 2 contributors.
func DefaultRobustConfig() RobustConfig {
	return RobustConfig{
		MinCosine: 0, MaxNormRatio: 4, MaxOpposition: 0.5, MinContributors: 2,
		MaxNormSpread: DefaultMaxNormSpread, NormFalseFlagRate: 0.01, MinRelativeUpdates: 3,
	}
}

// RobustPolicy is a validated RobustConfig. It is immutable and safe for
// concurrent use.
type RobustPolicy struct {
	cfg RobustConfig
}

// NewRobustPolicy validates cfg: MinCosine in [−1, 1), MaxNormRatio finite
// and ≥ 1, MinContributors ≥ 2. Errors wrap ErrInvalidConfig.
func NewRobustPolicy(cfg RobustConfig) (*RobustPolicy, error) {
	switch {
	case math.IsNaN(cfg.MinCosine) || cfg.MinCosine < -1 || cfg.MinCosine >= 1:
		return nil, fmt.Errorf("%w: MinCosine is %v, want a value in [-1, 1)", ErrInvalidConfig, cfg.MinCosine)
	case math.IsNaN(cfg.MaxNormRatio) || math.IsInf(cfg.MaxNormRatio, 0) || cfg.MaxNormRatio < 1:
		return nil, fmt.Errorf("%w: MaxNormRatio is %v, want a finite value >= 1", ErrInvalidConfig, cfg.MaxNormRatio)
	case math.IsNaN(cfg.MaxOpposition) || math.IsInf(cfg.MaxOpposition, 0) || cfg.MaxOpposition < 0:
		return nil, fmt.Errorf("%w: MaxOpposition is %v, want a finite value >= 0", ErrInvalidConfig, cfg.MaxOpposition)
	case cfg.MinContributors < 2:
		return nil, fmt.Errorf("%w: MinContributors is %d, want at least 2 (one contributor's aggregate is its update)", ErrInvalidConfig, cfg.MinContributors)
	case math.IsNaN(cfg.MaxNormSpread) || math.IsInf(cfg.MaxNormSpread, 0) || cfg.MaxNormSpread < 1:
		return nil, fmt.Errorf("%w: MaxNormSpread is %v, want a finite value >= 1 (the largest honest norm over the round's median)", ErrInvalidConfig, cfg.MaxNormSpread)
	case math.IsNaN(cfg.NormFalseFlagRate) || cfg.NormFalseFlagRate <= 0 || cfg.NormFalseFlagRate >= 0.5:
		return nil, fmt.Errorf("%w: NormFalseFlagRate is %v, want a rate in (0, 0.5) such as 0.01", ErrInvalidConfig, cfg.NormFalseFlagRate)
	case cfg.MinRelativeUpdates < 3:
		return nil, fmt.Errorf("%w: MinRelativeUpdates is %d, want at least 3 (the median of two updates is their mean)", ErrInvalidConfig, cfg.MinRelativeUpdates)
	}
	return &RobustPolicy{cfg: cfg}, nil
}

// Config returns the policy's configuration.
func (p *RobustPolicy) Config() RobustConfig { return p.cfg }

// Flag is a set of reasons an update was flagged as suspicious.
type Flag uint8

// Flags. An update is flagged if any is set.
const (
	// FlagLowCosine: the cosine similarity to the reference is below
	// MinCosine.
	FlagLowCosine Flag = 1 << iota
	// FlagLargeNorm: the norm exceeds MaxNormRatio times the reference's,
	// or the round's median norm by more than NormThreshold.
	FlagLargeNorm
)

// String lists the flags, for logs and reports.
func (f Flag) String() string {
	if f == 0 {
		return "none"
	}
	var parts []string
	if f&FlagLowCosine != 0 {
		parts = append(parts, "low-cosine")
	}
	if f&FlagLargeNorm != 0 {
		parts = append(parts, "large-norm")
	}
	return strings.Join(parts, "|")
}

// Trust is the assessment of one update from its scores.
type Trust struct {
	// Cosine is the estimated cosine similarity to the reference update.
	Cosine float64 `json:"cosine"`
	// Norm is the estimated norm ‖u‖.
	Norm float64 `json:"norm"`
	// NormRatio is Norm/‖r‖.
	NormRatio float64 `json:"norm_ratio"`
	// NormToMedian is Norm over the median Norm of the round's updates; 0
	// in rounds too small for the round-relative test.
	NormToMedian float64 `json:"norm_to_median,omitempty"`
	// Score is FLTrust's trust score ReLU(Cosine), zero when flagged.
	Score float64 `json:"score"`
	// Clip is min(1, ‖r‖/Norm): the factor that bounds the update's norm
	// by the reference's in the weighted sum.
	Clip float64 `json:"clip"`
	// Flags says why the update is suspicious; zero if it is not.
	Flags Flag `json:"flags"`
}

// Flagged reports whether any flag is set.
func (t Trust) Flagged() bool { return t.Flags != 0 }

// Assess turns the decrypted scores of one round's updates into a Trust
// each: cosine and norm estimates, flags, ReLU trust score (zero for
// flagged updates) and clip factor. referenceNorm is
// References.ReferenceNorm(). The norm test is round-relative: scores must
// hold every update of the round, since an update's norm is compared with
// the median of theirs (NormThreshold). It is a pure function of its
// inputs.
func (p *RobustPolicy) Assess(scores []Scores, referenceNorm float64) ([]Trust, error) {
	if len(scores) == 0 {
		return nil, fmt.Errorf("aggregation: Assess: %w: no scores", ErrEmptyInput)
	}
	if math.IsNaN(referenceNorm) || math.IsInf(referenceNorm, 0) || referenceNorm <= 0 {
		return nil, fmt.Errorf("aggregation: Assess: %w: reference norm is %v, want a positive finite number", ErrInvalidReference, referenceNorm)
	}
	out := make([]Trust, len(scores))
	norms := make([]float64, len(scores))
	for i, sc := range scores {
		if len(sc.Projections) == 0 || sc.Length <= 0 {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d carry no projections", ErrEmptyInput, i)
		}
		if len(sc.Projections) != len(scores[0].Projections) {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d carry %d projections, scores 0 carry %d; score a round's updates against the same references", ErrLengthMismatch, i, len(sc.Projections), len(scores[0].Projections))
		}
		if math.IsNaN(sc.Reference) || math.IsInf(sc.Reference, 0) {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d: reference score is %v", ErrInvalidValue, i, sc.Reference)
		}
		norm := sc.Norm()
		if math.IsNaN(norm) || math.IsInf(norm, 0) {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d: norm estimate is %v", ErrInvalidValue, i, norm)
		}
		norms[i] = norm
	}
	k := len(scores[0].Projections)
	var median, threshold float64
	if len(scores) >= p.cfg.MinRelativeUpdates {
		median, threshold = medianOf(norms), p.NormThreshold(k)
	}
	for i, sc := range scores {
		norm := norms[i]
		t := Trust{Cosine: sc.Cosine(), Norm: norm, NormRatio: norm / referenceNorm, Clip: 1}
		if norm > referenceNorm {
			t.Clip = referenceNorm / norm
		}
		// The projection coefficient ⟨u,r⟩/‖r‖² is exact; the norm is an
		// estimate from k projections with relative spread about √(2/k).
		projection := sc.Reference / referenceNorm
		// With enough projections (k ≥ 4) the cosine estimate is trusted;
		// with fewer (tiny models) only the exact projection is.
		reliable := k >= 4
		if t.Cosine < p.cfg.MinCosine && (reliable || projection < -p.cfg.MaxOpposition) {
			t.Flags |= FlagLowCosine
		}
		spread := 1 + 2*math.Sqrt(2/float64(k))
		if projection > p.cfg.MaxNormRatio || t.NormRatio > p.cfg.MaxNormRatio*spread {
			t.Flags |= FlagLargeNorm
		}
		if median > 0 {
			t.NormToMedian = norm / median
			if t.NormToMedian > threshold {
				t.Flags |= FlagLargeNorm
			}
		}
		if !t.Flagged() {
			t.Score = max(0, t.Cosine)
		}
		out[i] = t
	}
	return out, nil
}

// NormThreshold returns the largest ratio of an update's estimated norm to
// its round's median estimate that Assess leaves unflagged, for norm
// estimates from k projections:
//
//	MaxNormSpread · sqrt(q(1−NormFalseFlagRate) / q(1/2))
//
// with q the quantiles of χ²_k. An estimated squared norm is at most ‖u‖²
// times χ²_k/k in distribution (exactly that for Gaussian projections and
// no reference component; tighter otherwise), and under an honest majority
// the median estimate is about the median honest norm times
// sqrt(q(1/2)/k). So an honest update whose true norm is within
// MaxNormSpread of the median is flagged with probability at most about
// NormFalseFlagRate. For k = 6 and the defaults it is 3.5; for k = 64,
// 2.4.
func (p *RobustPolicy) NormThreshold(k int) float64 {
	return p.cfg.MaxNormSpread * math.Sqrt(chiSquareQuantile(k, 1-p.cfg.NormFalseFlagRate)/chiSquareQuantile(k, 0.5))
}

// medianOf returns the median of xs (not modified).
func medianOf(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// chiSquareQuantile returns x with P(χ²_k ≤ x) = prob, for k ≥ 1 and prob
// in (0, 1), by bisection on the regularised lower incomplete gamma
// function (relative precision 1e-12).
func chiSquareQuantile(k int, prob float64) float64 {
	lo, hi := 0.0, float64(k)+1
	for regularizedGammaP(float64(k)/2, hi/2) < prob {
		lo, hi = hi, 2*hi
	}
	for hi-lo > 1e-12*hi {
		mid := (lo + hi) / 2
		if regularizedGammaP(float64(k)/2, mid/2) < prob {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// regularizedGammaP returns P(a, x) = γ(a, x)/Γ(a) for a > 0, x ≥ 0: the
// series for x < a+1, else one minus the continued fraction of Q(a, x)
// (modified Lentz), as in Numerical Recipes §6.2.
func regularizedGammaP(a, x float64) float64 {
	if x <= 0 {
		return 0
	}
	lg, _ := math.Lgamma(a)
	prefix := math.Exp(-x + a*math.Log(x) - lg)
	if x < a+1 {
		sum, term := 1/a, 1/a
		for n := 1.0; n < 1000; n++ {
			term *= x / (a + n)
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-16 {
				break
			}
		}
		return sum * prefix
	}
	const tiny = 1e-300
	b := x + 1 - a
	c, d := 1/tiny, 1/b
	h := d
	for n := 1.0; n < 1000; n++ {
		an := -n * (n - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-16 {
			break
		}
	}
	return 1 - prefix*h
}

// Weights combines trust with sample counts into the weights for
// WeightedSum: with a_i = Score_i·samples_i,
//
//	w_i = a_i·Clip_i / Σ_j a_j
//
// i.e. the trust-and-sample weighted average of the norm-clipped updates
// (Σ w_i ≤ 1, as WeightedSum's security argument assumes). samples may be
// nil for equal counts. It returns ErrTooFewContributors if fewer than
// MinContributors updates get a non-zero weight: the caller must then skip
// the aggregation (the aggregate would expose an update). It is a pure
// function of its inputs.
func (p *RobustPolicy) Weights(trust []Trust, samples []uint64) ([]float64, error) {
	if len(trust) == 0 {
		return nil, fmt.Errorf("aggregation: Weights: %w: no updates", ErrEmptyInput)
	}
	if samples != nil && len(samples) != len(trust) {
		return nil, fmt.Errorf("aggregation: Weights: %w: %d sample counts for %d updates", ErrInvalidWeight, len(samples), len(trust))
	}
	a := make([]float64, len(trust))
	var sum float64
	for i, t := range trust {
		if math.IsNaN(t.Score) || t.Score < 0 || t.Score > 1 || math.IsNaN(t.Clip) || t.Clip < 0 || t.Clip > 1 {
			return nil, fmt.Errorf("aggregation: Weights: %w: trust %d has score %v and clip %v, want both in [0, 1]", ErrInvalidWeight, i, t.Score, t.Clip)
		}
		n := 1.0
		if samples != nil {
			n = float64(samples[i])
		}
		a[i] = t.Score * n
		sum += a[i]
	}
	w := make([]float64, len(trust))
	nonZero := 0
	if sum > 0 {
		for i, t := range trust {
			w[i] = a[i] * t.Clip / sum
			if w[i] > 0 {
				nonZero++
			}
		}
	}
	if nonZero < p.cfg.MinContributors {
		return nil, fmt.Errorf("aggregation: Weights: %w: %d of %d updates are trusted, the policy needs %d; skip this round's aggregation", ErrTooFewContributors, nonZero, len(trust), p.cfg.MinContributors)
	}
	return w, nil
}

// RoundWeights is robust aggregation's whole decision for one round, as both
// the coordinator and every share holder (before it decrypts) take it: Assess
// over all the round's scores, then Weights with the committed sample counts.
// When fewer than max(MinContributors, minParticipants) updates would get a
// weight (near convergence few honest updates align with the reference), it
// falls back to sample-count weights over the unflagged updates, and fellBack
// is true. Each weight is then floored to a multiple of 1/unit (the ledger's
// fixed-point unit; 0 leaves them exact), so they still sum to at most 1. It
// returns ErrTooFewContributors if even the fallback has too few updates. It
// is a pure function of its inputs.
func (p *RobustPolicy) RoundWeights(scores []Scores, referenceNorm float64, samples []uint64, minParticipants int, unit float64) (trust []Trust, weights []float64, fellBack bool, err error) {
	if len(samples) != len(scores) {
		return nil, nil, false, fmt.Errorf("aggregation: RoundWeights: %w: %d sample counts for %d updates", ErrInvalidWeight, len(samples), len(scores))
	}
	if trust, err = p.Assess(scores, referenceNorm); err != nil {
		return nil, nil, false, err
	}
	least := max(p.cfg.MinContributors, minParticipants)
	weights, err = p.Weights(trust, samples)
	if errors.Is(err, ErrTooFewContributors) || (err == nil && countNonZero(weights) < least) {
		fellBack = true
		weights, err = unflaggedSampleWeights(trust, samples, least)
	}
	if err != nil {
		return nil, nil, false, err
	}
	if unit > 0 {
		for i := range weights {
			weights[i] = math.Floor(weights[i]*unit) / unit
		}
	}
	return trust, weights, fellBack, nil
}

func countNonZero(ws []float64) int {
	n := 0
	for _, w := range ws {
		if w > 0 {
			n++
		}
	}
	return n
}

// unflaggedSampleWeights weights the unflagged updates by their sample
// counts; it needs at least least of them (and at least one).
func unflaggedSampleWeights(trust []Trust, samples []uint64, least int) ([]float64, error) {
	w := make([]float64, len(trust))
	var total float64
	n := 0
	for i, t := range trust {
		if !t.Flagged() {
			total += float64(samples[i])
			n++
		}
	}
	if n < max(least, 1) || total == 0 {
		return nil, fmt.Errorf("aggregation: %w: %d unflagged updates, %d needed", ErrTooFewContributors, n, max(least, 1))
	}
	for i, t := range trust {
		if !t.Flagged() {
			w[i] = float64(samples[i]) / total
		}
	}
	return w, nil
}

// Hash is the Keccak-256 hash of the policy's JSON encoding: what a
// coordinator and its share holders compare to be sure they weigh updates
// by the same rules.
func (p *RobustPolicy) Hash() common.Hash {
	b, err := json.Marshal(p.cfg)
	if err != nil { // a struct of numbers always encodes
		panic(fmt.Sprintf("aggregation: encode robust policy: %v", err))
	}
	return crypto.Keccak256Hash(b)
}
