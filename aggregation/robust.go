package aggregation

import (
	"fmt"
	"math"
	"strings"
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
	// ratios below MaxNormRatio/(1 + 4/sqrt(2k)) to avoid false flags.
	MaxNormRatio float64 `json:"max_norm_ratio"`
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

// DefaultRobustConfig returns the defaults: flag updates with a cosine
// below 0 (pointing away from the reference) or a norm above 4·‖r‖, and
// require at least 2 contributors.
func DefaultRobustConfig() RobustConfig {
	return RobustConfig{MinCosine: 0, MaxNormRatio: 4, MaxOpposition: 0.5, MinContributors: 2}
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
	// FlagLargeNorm: the norm exceeds MaxNormRatio times the reference's.
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

// Assess turns each update's decrypted scores into a Trust: cosine and norm
// estimates, flags, ReLU trust score (zero for flagged updates) and clip
// factor. referenceNorm is References.ReferenceNorm(). It is a pure
// function of its inputs.
func (p *RobustPolicy) Assess(scores []Scores, referenceNorm float64) ([]Trust, error) {
	if len(scores) == 0 {
		return nil, fmt.Errorf("aggregation: Assess: %w: no scores", ErrEmptyInput)
	}
	if math.IsNaN(referenceNorm) || math.IsInf(referenceNorm, 0) || referenceNorm <= 0 {
		return nil, fmt.Errorf("aggregation: Assess: %w: reference norm is %v, want a positive finite number", ErrInvalidReference, referenceNorm)
	}
	out := make([]Trust, len(scores))
	for i, sc := range scores {
		if len(sc.Projections) == 0 || sc.Length <= 0 {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d carry no projections", ErrEmptyInput, i)
		}
		if math.IsNaN(sc.Reference) || math.IsInf(sc.Reference, 0) {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d: reference score is %v", ErrInvalidValue, i, sc.Reference)
		}
		norm := sc.Norm()
		if math.IsNaN(norm) || math.IsInf(norm, 0) {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d: norm estimate is %v", ErrInvalidValue, i, norm)
		}
		t := Trust{Cosine: sc.Cosine(), Norm: norm, NormRatio: norm / referenceNorm, Clip: 1}
		if norm > referenceNorm {
			t.Clip = referenceNorm / norm
		}
		// The projection coefficient ⟨u,r⟩/‖r‖² is exact; the norm is an
		// estimate from k projections with relative spread about √(2/k).
		projection := sc.Reference / referenceNorm
		// With enough projections (k ≥ 4) the cosine estimate is trusted;
		// with fewer (tiny models) only the exact projection is.
		reliable := len(sc.Projections) >= 4
		if t.Cosine < p.cfg.MinCosine && (reliable || projection < -p.cfg.MaxOpposition) {
			t.Flags |= FlagLowCosine
		}
		spread := 1 + 2*math.Sqrt(2/float64(len(sc.Projections)))
		if projection > p.cfg.MaxNormRatio || t.NormRatio > p.cfg.MaxNormRatio*spread {
			t.Flags |= FlagLargeNorm
		}
		if !t.Flagged() {
			t.Score = max(0, t.Cosine)
		}
		out[i] = t
	}
	return out, nil
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
