package aggregation

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// RobustConfig is the raw, unvalidated robust-aggregation policy that turns
// a round's decrypted scores into flags and weights. NewRobustPolicy
// validates it.
//
// The rule has no constant fitted to a data set: every threshold is taken
// from the round's own scores (median and a spread colluders cannot shrink,
// see robustCentreSpread) and a stated false-flag rate. It assumes an
// honest majority: more than half of a round's updates are honest, so the
// medians are an honest update's and at most ⌊(n−1)/2⌋ of n are malicious.
// One rule decides both what the ledger records and what the aggregate
// uses: an update gets weight zero if and only if it is flagged.
type RobustConfig struct {
	// FalseFlagRate α is the chance that an honest update is flagged in a
	// round, in (0, 0.5): each of the two tests (norm, direction) flags an
	// honest update with probability at most α/2 when honest scores are
	// normally distributed about their median. Over R rounds with a
	// strike limit L an honest site is suspended with probability at most
	// HonestSuspensionBound(R, L).
	FalseFlagRate float64 `json:"false_flag_rate"`
	// MinRelativeUpdates is the smallest number of updates in a round for
	// anyone to be flagged: a median and a spread need a few values, and
	// with fewer an honest majority means little. At least 4. Smaller
	// rounds flag nobody and clip every update to the reference's norm.
	MinRelativeUpdates int `json:"min_relative_updates"`
	// MinContributors is the smallest number of updates that must receive
	// a non-zero weight. With a single one, the decrypted aggregate would be
	// that update; at least 2 is enforced.
	MinContributors int `json:"min_contributors"`
}

// Defaults of RobustConfig (DefaultRobustConfig).
const (
	DefaultFalseFlagRate      = 0.02
	DefaultMinRelativeUpdates = 4
	DefaultMinContributors    = 2
)

// DefaultRobustConfig returns the defaults: a 2% false-flag rate (1% per
// test), flags from rounds of 4 updates on, at least 2 contributors.
func DefaultRobustConfig() RobustConfig {
	return RobustConfig{FalseFlagRate: DefaultFalseFlagRate, MinRelativeUpdates: DefaultMinRelativeUpdates, MinContributors: DefaultMinContributors}
}

// retiredRobustKeys are the settings of the earlier, calibrated rule.
var retiredRobustKeys = []string{"min_cosine", "max_norm_ratio", "max_norm_spread", "norm_false_flag_rate", "max_opposition"}

// UnmarshalJSON reads a RobustConfig, refusing unknown keys; a key of the
// earlier calibrated rule (max_norm_spread and the like) gets an error that
// says what replaced it.
func (c *RobustConfig) UnmarshalJSON(b []byte) error {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return fmt.Errorf("%w: robust policy: %v", ErrInvalidConfig, err)
	}
	for _, k := range retiredRobustKeys {
		if _, ok := keys[k]; ok {
			return fmt.Errorf("%w: robust policy: %q belongs to the retired calibrated rule; thresholds now come from each round's own scores: remove it and set only false_flag_rate (default %g), min_relative_updates (default %d) and min_contributors (default %d)",
				ErrInvalidConfig, k, DefaultFalseFlagRate, DefaultMinRelativeUpdates, DefaultMinContributors)
		}
	}
	type plain RobustConfig
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("%w: robust policy: %v; the keys are false_flag_rate, min_relative_updates and min_contributors", ErrInvalidConfig, err)
	}
	*c = RobustConfig(p)
	return nil
}

// RobustPolicy is a validated RobustConfig. It is immutable and safe for
// concurrent use.
type RobustPolicy struct {
	cfg RobustConfig
}

// NewRobustPolicy validates cfg: FalseFlagRate in (0, 0.5),
// MinRelativeUpdates ≥ 4, MinContributors ≥ 2. Errors wrap
// ErrInvalidConfig.
func NewRobustPolicy(cfg RobustConfig) (*RobustPolicy, error) {
	switch {
	case cfg == (RobustConfig{}):
		return nil, fmt.Errorf("%w: the robust policy is empty; start from DefaultRobustConfig", ErrInvalidConfig)
	case math.IsNaN(cfg.FalseFlagRate) || cfg.FalseFlagRate <= 0 || cfg.FalseFlagRate >= 0.5:
		return nil, fmt.Errorf("%w: FalseFlagRate is %v, want a rate in (0, 0.5) such as %g", ErrInvalidConfig, cfg.FalseFlagRate, DefaultFalseFlagRate)
	case cfg.MinRelativeUpdates < 4:
		return nil, fmt.Errorf("%w: MinRelativeUpdates is %d, want at least 4 (a median and its spread need a few updates)", ErrInvalidConfig, cfg.MinRelativeUpdates)
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
	// FlagDirection: the update's cosine to the round's robust centre is
	// below the round's median cosine by more than Threshold spreads.
	FlagDirection Flag = 1 << iota
	// FlagLargeNorm: the logarithm of the update's norm is above the
	// round's median by more than Threshold spreads.
	FlagLargeNorm
	// FlagOutOfRange: a decrypted score lies beyond what any valid update
	// can give (Scores.OutOfRange): the upload is not an encryption of
	// bounded values, and any aggregate that weighs it fails to decrypt.
	// Unlike the two tests it is a proof, not a statistic: it flags in a
	// round of any size and is never cleared to keep a round's minimum.
	FlagOutOfRange
)

// String lists the flags, for logs and reports.
func (f Flag) String() string {
	if f == 0 {
		return "none"
	}
	var parts []string
	if f&FlagDirection != 0 {
		parts = append(parts, "off-direction")
	}
	if f&FlagLargeNorm != 0 {
		parts = append(parts, "large-norm")
	}
	if f&FlagOutOfRange != 0 {
		parts = append(parts, "out-of-range")
	}
	return strings.Join(parts, "|")
}

// Trust is the assessment of one update from its scores.
type Trust struct {
	// Cosine is the estimated cosine similarity to the researcher's
	// reference update (recorded on chain; not a flag statistic).
	Cosine float64 `json:"cosine"`
	// Norm is the estimated norm ‖u‖.
	Norm float64 `json:"norm"`
	// NormRatio is Norm/‖r‖.
	NormRatio float64 `json:"norm_ratio"`
	// NormToMedian is Norm over the median Norm of the round's updates.
	NormToMedian float64 `json:"norm_to_median"`
	// Direction is the estimated cosine similarity to the round's robust
	// centre (the coordinate-wise median of the updates' sketches).
	Direction float64 `json:"direction"`
	// NormZ and DirectionZ are how many robust spreads the update's log
	// norm lies above the round's median, and its Direction below the
	// round's median; an update is flagged when either exceeds Threshold.
	// Both are 0 in rounds too small to flag anyone.
	NormZ      float64 `json:"norm_z"`
	DirectionZ float64 `json:"direction_z"`
	// Clip is min(1, c/Norm), with c the round's clip bound (clipBound:
	// between the median norm and the largest honest one; the reference's
	// norm in rounds too small to flag): the factor that bounds every
	// update's norm in the weighted sum.
	Clip float64 `json:"clip"`
	// Score is the update's trust in [0, 1], zero exactly when it is
	// flagged; for an unflagged update it is
	//
	//	max(minScore, (1 − DirectionZ⁺/Threshold) · (1 + Cosine)/2)
	//
	// It shrinks an update's weight smoothly as its direction nears the
	// round's threshold and as it turns from the researcher's reference
	// (FLTrust's anchor, without ReLU's cliff), so that an update the tests
	// cannot flag (a round of few, unlike sites) weighs little.
	Score float64 `json:"score"`
	// Flags says why the update is suspicious; zero if it is not. A flagged
	// update gets weight zero and a strike; an unflagged one a positive
	// weight.
	Flags Flag `json:"flags"`
}

// Flagged reports whether any flag is set.
func (t Trust) Flagged() bool { return t.Flags != 0 }

// Threshold returns the number of robust spreads beyond the round's median
// at which a test flags an update, in a round of n updates: the (1 − α/2)
// quantile of Student's t with (n − 1)/2 degrees of freedom (see
// madDegreesOfFreedom), α = FalseFlagRate. The t quantile rather than the
// normal one pays for estimating the median and spread from the same few
// updates (TestFalseFlagRateHolds): 5.35 for 6 updates, 3.53 for 10, 2.79
// for 20, against the normal 2.33. It is
// +Inf for n < MinRelativeUpdates: nobody is flagged.
func (p *RobustPolicy) Threshold(n int) float64 {
	if n < p.cfg.MinRelativeUpdates {
		return math.Inf(1)
	}
	return studentTQuantile(madDegreesOfFreedom*float64(n-1), 1-p.cfg.FalseFlagRate/2)
}

// HonestSuspensionBound returns an upper bound on the chance that an honest
// site is suspended within rounds rounds at the given strike limit: each
// round flags it with probability at most FalseFlagRate, so the bound is
// the binomial tail P(Bin(rounds, α) ≥ strikeLimit). For the defaults, 10
// rounds and a limit of 3 it is 0.00086.
func (p *RobustPolicy) HonestSuspensionBound(rounds, strikeLimit int) float64 {
	if strikeLimit <= 0 {
		return 1
	}
	a := p.cfg.FalseFlagRate
	var tail float64
	for s := strikeLimit; s <= rounds; s++ {
		lc := lchoose(rounds, s)
		tail += math.Exp(lc + float64(s)*math.Log(a) + float64(rounds-s)*math.Log1p(-a))
	}
	return min(1, tail)
}

// AnyHonestSuspensionBound returns an upper bound on the chance that any
// of sites honest sites is suspended within rounds rounds at the given
// strike limit: sites × HonestSuspensionBound, a union bound that needs no
// independence between sites. It grows with the consortium: at the
// defaults, 20 rounds and a limit of 3 it is 0.07 for 10 sites and 0.71
// for 100.
func (p *RobustPolicy) AnyHonestSuspensionBound(rounds, strikeLimit, sites int) float64 {
	return min(1, float64(sites)*p.HonestSuspensionBound(rounds, strikeLimit))
}

// StrikeLimitFor returns the smallest strike limit at which
// AnyHonestSuspensionBound(rounds, limit, sites) is at most rate; rounds+1
// (no one is ever suspended) if none is.
func (p *RobustPolicy) StrikeLimitFor(rounds, sites int, rate float64) int {
	for limit := 1; limit <= rounds; limit++ {
		if p.AnyHonestSuspensionBound(rounds, limit, sites) <= rate {
			return limit
		}
	}
	return rounds + 1
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// sketch returns the (1+k)-vector of an update's scores whose inner
// products estimate the updates' own: the exact component a = ⟨u, r̂⟩ along
// the reference, then sqrt(D/k)·(Projections_j − a·ReferenceProjections_j),
// the Johnson–Lindenstrauss image of the rest. Its squared norm is
// NormSquared.
func sketch(sc Scores) []float64 {
	k := len(sc.Projections)
	out := make([]float64, 1+k)
	a := 0.0
	if len(sc.ReferenceProjections) == k {
		a = sc.Reference
	}
	out[0] = a
	f := math.Sqrt(float64(sc.Length) / float64(k))
	for j, v := range sc.Projections {
		if a != 0 {
			v -= a * sc.ReferenceProjections[j]
		}
		out[1+j] = f * v
	}
	return out
}

// Assess turns the decrypted scores of one round's updates into a Trust
// each. scores must hold every update of the round: the tests are relative
// to the round. In a round of at least MinRelativeUpdates updates, with
// median m and spread s = max(b_h·1.4826·d₍ₖ₎, σ_est) of each statistic
// (d₍ₖ₎ the colluder-proof order statistic of the absolute deviations,
// robustCentreSpread, with values beyond the threshold peeled off as
// upperZ says; σ_est the estimator's own standard deviation, so that
// near-identical updates do not flag estimator noise), an update is
// flagged when
//
//   - its log norm is above m by more than Threshold(n)·s (large norm:
//     scaling, noise, model replacement), or
//   - its cosine to the round's robust centre, the coordinate-wise median
//     of the updates' sketches, is below m by more than Threshold(n)·s (off
//     direction: sign-flip, label-flip).
//
// Every update is clipped to the round's clip bound (Clip, clipBound), so
// an update scaled just under the norm threshold weighs no more than an
// honest one of the largest norm or the reference, and its Score shrinks as
// its direction nears the threshold.
// Smaller rounds flag nobody and clip to referenceNorm, the researcher's
// reference update's norm.
//
// An update whose scores are OutOfRange is flagged FlagOutOfRange, with
// Score 0 and Clip 1, and left out of the statistics: the round's median,
// spreads, size (n above) and clip bound are the other updates'. At most
// ⌊(n−1)/2⌋ of all n updates keep a flag, the out-of-range ones always.
// It is a pure function of its inputs.
func (p *RobustPolicy) Assess(scores []Scores, referenceNorm float64) ([]Trust, error) {
	if len(scores) == 0 {
		return nil, fmt.Errorf("aggregation: Assess: %w: no scores", ErrEmptyInput)
	}
	if math.IsNaN(referenceNorm) || math.IsInf(referenceNorm, 0) || referenceNorm <= 0 {
		return nil, fmt.Errorf("aggregation: Assess: %w: reference norm is %v, want a positive finite number", ErrInvalidReference, referenceNorm)
	}
	out := make([]Trust, len(scores))
	var inRange []Scores
	var at []int
	for i, sc := range scores {
		if sc.OutOfRange {
			out[i] = Trust{Cosine: sc.Cosine(), Norm: sc.Norm(), NormRatio: sc.Norm() / referenceNorm, Clip: 1, Flags: FlagOutOfRange}
			continue
		}
		inRange, at = append(inRange, sc), append(at, i)
	}
	if len(inRange) > 0 {
		trust, err := p.assess(inRange, referenceNorm)
		if err != nil {
			return nil, err
		}
		for j, i := range at {
			out[i] = trust[j]
		}
	}
	limitFlags(out, (len(out)-1)/2, p.Threshold(len(inRange)))
	return out, nil
}

// assess is Assess of scores none of which is OutOfRange, without the
// limit on flags.
func (p *RobustPolicy) assess(scores []Scores, referenceNorm float64) ([]Trust, error) {
	n := len(scores)
	norms := make([]float64, n)
	sketches := make([][]float64, n)
	for i, sc := range scores {
		if len(sc.Projections) == 0 || sc.Length <= 0 {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d carry no projections", ErrEmptyInput, i)
		}
		if len(sc.Projections) != len(scores[0].Projections) || sc.Length != scores[0].Length {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d carry %d projections of %d values, scores 0 carry %d of %d; score a round's updates against the same references",
				ErrLengthMismatch, i, len(sc.Projections), sc.Length, len(scores[0].Projections), scores[0].Length)
		}
		if math.IsNaN(sc.Reference) || math.IsInf(sc.Reference, 0) {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d: reference score is %v", ErrInvalidValue, i, sc.Reference)
		}
		norm := sc.Norm()
		if math.IsNaN(norm) || math.IsInf(norm, 0) {
			return nil, fmt.Errorf("aggregation: Assess: %w: scores %d: norm estimate is %v", ErrInvalidValue, i, norm)
		}
		norms[i], sketches[i] = norm, sketch(sc)
	}
	k := len(scores[0].Projections)
	out := make([]Trust, n)
	for i, sc := range scores {
		out[i] = Trust{Cosine: sc.Cosine(), Norm: norms[i], NormRatio: norms[i] / referenceNorm, Clip: 1, Score: 1}
	}
	medNorm := medianOf(norms)
	if n < p.cfg.MinRelativeUpdates {
		for i := range out {
			if medNorm > 0 {
				out[i].NormToMedian = norms[i] / medNorm
			}
			out[i].Clip = clipTo(norms[i], referenceNorm)
			out[i].Score = max(minScore, (1+out[i].Cosine)/2)
		}
		return out, nil
	}
	tau := p.Threshold(n)
	bound := clipBound(norms, medNorm, referenceNorm)
	// Norm: on the log scale, where unlike site sizes spread multiplicatively.
	// The norm estimate's relative standard deviation is at most
	// 1/sqrt(2k), about that of its logarithm.
	if medNorm == 0 {
		// Most updates are zero: any other stands out without measure.
		for i := range out {
			if norms[i] > 0 {
				out[i].Flags |= FlagLargeNorm
				out[i].NormZ = math.Inf(1)
			}
		}
	} else {
		logs := make([]float64, n)
		for i, v := range norms {
			logs[i] = math.Log(max(v, medNorm*1e-12))
		}
		z := upperZ(logs, 1/math.Sqrt(2*float64(k)), tau)
		for i := range out {
			out[i].NormToMedian = norms[i] / medNorm
			out[i].NormZ = z[i]
			if out[i].NormZ > tau {
				out[i].Flags |= FlagLargeNorm
			}
		}
	}
	// Direction: cosine to the coordinate-wise median sketch.
	centre := make([]float64, k+1)
	column := make([]float64, n)
	for j := range centre {
		for i := range sketches {
			column[i] = sketches[i][j]
		}
		centre[j] = medianOf(column)
	}
	dirs := make([]float64, n)
	for i := range sketches {
		dirs[i] = cosineOf(sketches[i], centre)
		out[i].Direction = dirs[i]
	}
	medDir := medianOf(dirs)
	// The cosine estimate's standard deviation from k projections is about
	// (1 − c²)/sqrt(k) at cosine c.
	negDirs := make([]float64, n)
	for i, d := range dirs {
		negDirs[i] = -d
	}
	dz := upperZ(negDirs, max((1-medDir*medDir)/math.Sqrt(float64(k)), 1e-9), tau)
	for i := range out {
		out[i].DirectionZ = dz[i]
		// With one projection the sketch is two values and honest cosines
		// crowd at ±1, far from normal: the direction test needs k ≥ 2.
		if k >= minDirectionProjections && out[i].DirectionZ > tau {
			out[i].Flags |= FlagDirection
		}
		out[i].Clip = clipTo(norms[i], bound)
		out[i].Score = 0
		if !out[i].Flagged() {
			out[i].Score = max(minScore, (1-max(0, out[i].DirectionZ)/tau)*(1+out[i].Cosine)/2)
		}
	}
	return out, nil
}

// clipBound returns the norm a round's updates are clipped to,
//
//	c = max(median, min(d₍ₖ₎, ‖r‖))
//
// with d₍ₖ₎ the k-th smallest of the n norms, k = m + ⌈h/2⌉ the order
// robustCentreSpread counts (honestMajorityOrder), and ‖r‖ the researcher's
// reference update's norm. With at most m of the n updates malicious,
// colluders can neither lower c below min(honest median, ‖r‖) (they fill
// at most m of the k smallest norms, so d₍ₖ₎ is at least the honest
// median) nor raise it above max(largest honest norm, ‖r‖) (the median of
// an honest majority is at most the largest honest norm). The round's
// median alone could be pulled down by colluders sending short updates,
// and then clipped half the honest updates: min-max and min-sum (issue 14)
// shrank the aggregate so that the defence lost more accuracy than plain
// averaging. Without attackers c is near the 70th percentile of the norms
// rather than the median, so fewer honest updates are clipped.
func clipBound(norms []float64, median, referenceNorm float64) float64 {
	_, _, k := honestMajorityOrder(len(norms))
	sorted := slices.Clone(norms)
	slices.Sort(sorted)
	return max(median, min(sorted[k-1], referenceNorm))
}

// limitFlags keeps the flags of at most most updates, the out-of-range
// ones always, then the most extreme (largest of NormZ and DirectionZ),
// and clears the others' (their score then is the least, minScore, as
// their DirectionZ may exceed tau). Under an honest majority at most
// (n−1)/2 updates of n can be malicious: statistical flags beyond that are
// false by the rule's own assumption. An out-of-range update is proven
// invalid, and weighing it would fail the round's decryption.
func limitFlags(trust []Trust, most int, tau float64) {
	var flagged []int
	for i, t := range trust {
		switch {
		case t.Flags&FlagOutOfRange != 0:
			most--
		case t.Flagged():
			flagged = append(flagged, i)
		}
	}
	if len(flagged) <= max(most, 0) {
		return
	}
	severity := func(i int) float64 { return max(trust[i].NormZ, trust[i].DirectionZ) }
	slices.SortStableFunc(flagged, func(a, b int) int { return cmp.Compare(severity(b), severity(a)) })
	for _, i := range flagged[max(most, 0):] {
		t := &trust[i]
		t.Flags = 0
		t.Score = max(minScore, (1-max(0, t.DirectionZ)/tau)*(1+t.Cosine)/2)
	}
}

// clipTo returns min(1, bound/norm), 1 for a zero norm.
func clipTo(norm, bound float64) float64 {
	if norm <= bound || norm == 0 {
		return 1
	}
	return bound / norm
}

// cosineOf returns the cosine of a and b, 0 if either is zero.
func cosineOf(a, b []float64) float64 {
	var ab, aa, bb float64
	for j := range a {
		ab += a[j] * b[j]
		aa += a[j] * a[j]
		bb += b[j] * b[j]
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return max(-1, min(1, ab/math.Sqrt(aa*bb)))
}

// robustCentreSpread returns the median of xs and a robust spread that
// colluders cannot shrink below the honest updates' own: with at most
// m = ⌊(n−1)/2⌋ of the n values malicious (the honest-majority
// assumption), it is the k-th smallest absolute deviation from the median,
// k = m + ⌈(n−m)/2⌉, scaled as a MAD: max(b_h·1.4826·d₍ₖ₎, floor), h = n − m
// and b_h the small-sample correction of a MAD of h values.
//
// Why k: any m values, placed anywhere (all at the median, say), fill at
// most m of the k smallest deviations, so d₍ₖ₎ is at least the
// (k − m)-th smallest honest deviation; with m' ≤ m malicious values the
// honest ones number H = n − m' and k − m' ≥ ⌈H/2⌉, so d₍ₖ₎ is never below
// the honest values' own median absolute deviation. The plain MAD
// (k = ⌈n/2⌉) let three colluders at the centre of ten shrink the spread
// to a fraction of the honest one and flag honest sites at the edge (FPR
// 0.093, issue 14). The price: without attackers d₍ₖ₎ is a higher quantile
// of the deviations (about the 0.70th for n = 10, tending to 0.75th), so
// the spread overstates the honest one by a factor of 1.5–1.7 and the
// tests flag less than α/2 on honest data. (A spread from the side of the
// median a one-sided test does not look at resists attackers better but
// doubled the false-flag rate.)
func robustCentreSpread(xs []float64, floor float64) (median, spread float64) {
	m, _, _ := honestMajorityOrder(len(xs))
	return centreSpread(xs, m, floor)
}

// centreSpread is robustCentreSpread for at most malicious of xs.
func centreSpread(xs []float64, malicious int, floor float64) (median, spread float64) {
	median = medianOf(xs)
	n := len(xs)
	dev := make([]float64, n)
	for i, x := range xs {
		dev[i] = math.Abs(x - median)
	}
	slices.Sort(dev)
	h := n - malicious
	k := malicious + (h+1)/2
	return median, max(madCorrection(h)*1.4826*dev[k-1], floor)
}

// upperZ returns how many robust spreads each of xs lies above the median,
// the statistic a one-sided test compares with tau. The spread resists
// colluders at the centre (robustCentreSpread) but far outliers inflate it,
// as they fill the top of the deviations it counts; so it is peeled: the
// values beyond tau are taken as malicious and set aside, the honest-majority
// budget of the rest shrinks by as many (at most m − r malicious among them
// once r are set aside), and the median and spread are measured again on the
// rest, until no new value exceeds tau. A value's statistic is the largest of
// its passes, so a value once beyond tau stays beyond it.
func upperZ(xs []float64, floor, tau float64) []float64 {
	budget, _, _ := honestMajorityOrder(len(xs))
	return upperZWithBudget(xs, floor, tau, budget)
}

// upperZWithBudget is upperZ for at most budget malicious values of xs.
func upperZWithBudget(xs []float64, floor, tau float64, budget int) []float64 {
	n := len(xs)
	z := make([]float64, n)
	for i := range z {
		z[i] = math.Inf(-1)
	}
	active := make([]int, n)
	for i := range active {
		active[i] = i
	}
	rest := make([]float64, 0, n)
	for {
		rest = rest[:0]
		for _, i := range active {
			rest = append(rest, xs[i])
		}
		m, s := centreSpread(rest, budget, floor)
		for i := range z {
			z[i] = max(z[i], (xs[i]-m)/s)
		}
		kept := active[:0:0]
		for _, i := range active {
			if !(z[i] > tau) {
				kept = append(kept, i)
			}
		}
		peeled := len(active) - len(kept)
		// Stop when nothing new stands out, when the budget is spent, or
		// when the rest would lose its majority.
		if peeled == 0 || peeled > budget || len(kept) < 2 {
			return z
		}
		active, budget = kept, budget-peeled
	}
}

// honestMajorityOrder returns, for a round of n ≥ 1 values, the most that
// may be malicious under an honest majority, m = ⌊(n−1)/2⌋, the fewest
// honest, h = n − m, and the order k = m + ⌈h/2⌉ of the deviation
// robustCentreSpread measures the spread by.
func honestMajorityOrder(n int) (m, h, k int) {
	m = max(n-1, 0) / 2
	h = n - m
	return m, h, m + (h+1)/2
}

// madCorrection is the small-sample correction b_n of the MAD (Croux and
// Rousseeuw 1992, table for n ≤ 9, n/(n − 0.8) above).
func madCorrection(n int) float64 {
	table := []float64{2: 1.196, 3: 1.495, 4: 1.363, 5: 1.206, 6: 1.200, 7: 1.140, 8: 1.129, 9: 1.107}
	if n < len(table) {
		return table[max(n, 2)]
	}
	return float64(n) / (float64(n) - 0.8)
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

// studentTQuantile returns t with P(T_ν ≤ t) = prob, for ν > 0 and prob in
// [1/2, 1), by bisection on the t distribution function (relative precision
// 1e-12).
func studentTQuantile(nu, prob float64) float64 {
	cdf := func(t float64) float64 { return 1 - 0.5*regularizedBeta(nu/(nu+t*t), nu/2, 0.5) }
	lo, hi := 0.0, 1.0
	for cdf(hi) < prob {
		lo, hi = hi, 2*hi
	}
	for hi-lo > 1e-12*hi {
		mid := (lo + hi) / 2
		if cdf(mid) < prob {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// regularizedBeta returns I_x(a, b) for x in [0, 1], a, b > 0, by its
// continued fraction (modified Lentz), as in Numerical Recipes §6.4.
func regularizedBeta(x, a, b float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	lab, _ := math.Lgamma(a + b)
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaContinuedFraction(x, a, b) / a
	}
	return 1 - front*betaContinuedFraction(1-x, b, a)/b
}

func betaContinuedFraction(x, a, b float64) float64 {
	const tiny = 1e-300
	clamp := func(v float64) float64 {
		if math.Abs(v) < tiny {
			return tiny
		}
		return v
	}
	c, d := 1.0, 1/clamp(1-(a+b)*x/(a+1))
	h := d
	for m := 1.0; m < 1000; m++ {
		aa := m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m))
		d = 1 / clamp(1+aa*d)
		c = clamp(1 + aa/c)
		h *= d * c
		aa = -(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1))
		d = 1 / clamp(1+aa*d)
		c = clamp(1 + aa/c)
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-15 {
			break
		}
	}
	return h
}

// Weights turns trust and sample counts into the weights for WeightedSum:
// weight zero for a flagged update, and for an unflagged one
//
//	w_i = a_i·Clip_i / Σ_j a_j,  a_i = Score_i·samples_i  (j over the unflagged)
//
// i.e. the trust-and-sample weighted average of the unflagged, norm-clipped
// updates (Σ w_i ≤ 1, as WeightedSum's security argument assumes). samples
// may be nil for equal counts; a zero count counts as one record, so that
// every unflagged update weighs something. It returns ErrTooFewContributors
// if fewer than MinContributors updates are unflagged: the caller must then
// skip the aggregation (the aggregate would expose an update). It is a pure
// function of its inputs.
func (p *RobustPolicy) Weights(trust []Trust, samples []uint64) ([]float64, error) {
	return p.weights(trust, samples, p.cfg.MinContributors)
}

func (p *RobustPolicy) weights(trust []Trust, samples []uint64, least int) ([]float64, error) {
	if len(trust) == 0 {
		return nil, fmt.Errorf("aggregation: Weights: %w: no updates", ErrEmptyInput)
	}
	if samples != nil && len(samples) != len(trust) {
		return nil, fmt.Errorf("aggregation: Weights: %w: %d sample counts for %d updates", ErrInvalidWeight, len(samples), len(trust))
	}
	var total float64
	unflagged := 0
	for i, t := range trust {
		if math.IsNaN(t.Clip) || t.Clip <= 0 || t.Clip > 1 {
			return nil, fmt.Errorf("aggregation: Weights: %w: trust %d has clip %v, want a value in (0, 1]", ErrInvalidWeight, i, t.Clip)
		}
		if math.IsNaN(t.Score) || t.Score < 0 || t.Score > 1 || (t.Score == 0) != t.Flagged() {
			return nil, fmt.Errorf("aggregation: Weights: %w: trust %d has score %v and flags %s; a score in (0, 1] for an unflagged update, 0 for a flagged one", ErrInvalidWeight, i, t.Score, t.Flags)
		}
		if !t.Flagged() {
			total += t.Score * sampleCount(samples, i)
			unflagged++
		}
	}
	if unflagged < least {
		return nil, fmt.Errorf("aggregation: Weights: %w: %d of %d updates are unflagged (%d of them out of range, which no round may weigh), the round needs %d; skip this round's aggregation",
			ErrTooFewContributors, unflagged, len(trust), outOfRange(trust), least)
	}
	w := make([]float64, len(trust))
	for i, t := range trust {
		w[i] = t.Score * sampleCount(samples, i) * t.Clip / total
	}
	return w, nil
}

// outOfRange counts the updates flagged FlagOutOfRange.
func outOfRange(trust []Trust) int {
	n := 0
	for _, t := range trust {
		if t.Flags&FlagOutOfRange != 0 {
			n++
		}
	}
	return n
}

func sampleCount(samples []uint64, i int) float64 {
	if samples == nil {
		return 1
	}
	return float64(max(samples[i], 1))
}

// RoundWeights is robust aggregation's whole decision for one round, as both
// the coordinator and every share holder (before it decrypts) take it: Assess
// over all the round's scores, then Weights with the committed sample counts,
// needing max(MinContributors, minParticipants) unflagged updates: when the
// flags would leave fewer, only the most extreme keep theirs. Each
// weight is then floored to a multiple of 1/unit (the ledger's fixed-point
// unit; 0 leaves them exact), so they still sum to at most 1; an unflagged
// update whose weight would floor to zero gets one unit, taken from the
// largest weight, so that weight zero still means flagged. Out-of-range
// updates keep their flag whatever the minimum. It returns
// ErrTooFewContributors if the round has fewer updates than that minimum,
// or fewer in range.
// It is a pure
// function of its inputs.
func (p *RobustPolicy) RoundWeights(scores []Scores, referenceNorm float64, samples []uint64, minParticipants int, unit float64) (trust []Trust, weights []float64, err error) {
	if len(samples) != len(scores) {
		return nil, nil, fmt.Errorf("aggregation: RoundWeights: %w: %d sample counts for %d updates", ErrInvalidWeight, len(samples), len(scores))
	}
	if trust, err = p.Assess(scores, referenceNorm); err != nil {
		return nil, nil, err
	}
	least := max(p.cfg.MinContributors, minParticipants)
	// A round whose flags would leave fewer than the study's minimum keeps
	// only the most extreme ones: the round goes on, each flag still a
	// weight of zero.
	limitFlags(trust, len(trust)-least, p.Threshold(len(trust)-outOfRange(trust)))
	if weights, err = p.weights(trust, samples, least); err != nil {
		return nil, nil, err
	}
	if unit > 0 {
		for i := range weights {
			weights[i] = math.Floor(weights[i]*unit) / unit
		}
		for i, t := range trust {
			if !t.Flagged() && weights[i] == 0 {
				largest := slices.Index(weights, slices.Max(weights))
				if weights[largest] < 2/unit {
					return nil, nil, fmt.Errorf("aggregation: RoundWeights: %w: %d updates are too many for the ledger's unit 1/%g", ErrInvalidWeight, len(weights), unit)
				}
				weights[largest] -= 1 / unit
				weights[i] = 1 / unit
			}
		}
	}
	return trust, weights, nil
}

// RobustRuleVersion names how this release derives weights from scores
// (the threshold, the clip bound, …), which the policy's settings do not
// say. It is part of the policy hash, so that nodes whose releases weigh
// updates differently refuse the study at the start instead of refusing
// to decrypt a round. Raise it with every change to the rule.
// 2: the clip bound max(median, min(d₍ₖ₎, ‖r‖)) replaced the median norm.
// 3: an update whose scores are out of range is flagged (FlagOutOfRange)
// in a round of any size, never unflagged, and left out of the round's
// statistics.
const RobustRuleVersion = 3

// Hash is the Keccak-256 hash of the rule version and the policy's JSON
// encoding: what a coordinator and its share holders compare to be sure
// they weigh updates by the same rules.
func (p *RobustPolicy) Hash() common.Hash {
	b, err := json.Marshal(p.cfg)
	if err != nil { // a struct of numbers always encodes
		panic(fmt.Sprintf("aggregation: encode robust policy: %v", err))
	}
	return crypto.Keccak256Hash(fmt.Appendf(nil, "cohort robust rule v%d\n", RobustRuleVersion), b)
}

// minDirectionProjections is the least k for the direction test (models of
// at least 12 parameters).
const minDirectionProjections = 2

// minScore is the least Score of an unflagged update, so that it weighs
// something (weight zero means flagged).
const minScore = 1e-6

// madDegreesOfFreedom is the share of a round's n − 1 degrees of freedom
// the threshold's t quantile counts. A spread measured by the MAD is as
// uncertain as a standard deviation from about 0.37·n values (its
// asymptotic efficiency for normal data); with that share the threshold is
// needlessly high in small rounds, with all of them the false-flag rate
// exceeds α/2 (1.1–1.8% for α/2 = 1%). Half keeps it at or below α/2 for
// normal scores in rounds of 4 to 40 updates (TestFalseFlagRateHolds,
// simulated normal scores, no data set).
const madDegreesOfFreedom = 0.5
