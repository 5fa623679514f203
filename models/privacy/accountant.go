package privacy

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Sentinel errors returned (wrapped) by this package.
var (
	// ErrInvalidParameter reports a sampling rate, noise multiplier, step
	// count, order or δ outside its valid range.
	ErrInvalidParameter = errors.New("privacy: invalid parameter")
	// ErrNoiseTooSmall reports that no noise multiplier up to MaxNoiseMultiplier
	// reaches a requested ε.
	ErrNoiseTooSmall = errors.New("privacy: target ε cannot be reached")
)

// DefaultOrders returns the RDP orders used when none are given: 1.1 to 10.9
// in steps of 0.1, the integers 11 to 63, and 128, 256, 512, 1024 — the
// defaults of Google's dp_accounting RdpAccountant, so that figures can be
// compared with it.
func DefaultOrders() []float64 {
	orders := make([]float64, 0, 99+53+4)
	for x := 1; x < 100; x++ {
		orders = append(orders, 1+float64(x)/10)
	}
	for a := 11; a < 64; a++ {
		orders = append(orders, float64(a))
	}
	return append(orders, 128, 256, 512, 1024)
}

// Accountant composes the RDP of sampled Gaussian steps at a fixed set of
// orders and reports the (ε, δ) guarantee of everything composed so far.
// The zero value is not usable; call NewAccountant. Not safe for concurrent
// use.
type Accountant struct {
	orders []float64
	rdp    []float64
}

// NewAccountant returns an accountant that tracks the given RDP orders (each
// > 1 and finite); nil or empty means DefaultOrders.
func NewAccountant(orders []float64) (*Accountant, error) {
	if len(orders) == 0 {
		orders = DefaultOrders()
	}
	for _, a := range orders {
		if !(a > 1) || math.IsInf(a, 0) {
			return nil, fmt.Errorf("%w: RDP order %v, want a finite order > 1", ErrInvalidParameter, a)
		}
	}
	return &Accountant{orders: slices.Clone(orders), rdp: make([]float64, len(orders))}, nil
}

// ComposeSampledGaussian adds steps applications of the sampled Gaussian
// mechanism with sampling rate q ∈ [0, 1] and noise multiplier sigma > 0.
// On error the accountant is unchanged.
func (a *Accountant) ComposeSampledGaussian(q, sigma float64, steps int) error {
	if steps < 0 {
		return fmt.Errorf("%w: %d steps, want ≥ 0", ErrInvalidParameter, steps)
	}
	add := make([]float64, len(a.orders))
	for i, order := range a.orders {
		r, err := SampledGaussianRDP(q, sigma, order)
		if err != nil {
			return err
		}
		add[i] = r * float64(steps)
	}
	for i := range a.rdp {
		a.rdp[i] += add[i]
	}
	return nil
}

// RDP returns the orders tracked and the RDP composed so far at each.
func (a *Accountant) RDP() (orders, rdp []float64) {
	return slices.Clone(a.orders), slices.Clone(a.rdp)
}

// Epsilon returns the smallest ε for which everything composed so far is
// (ε, δ)-DP, and the order that attains it.
func (a *Accountant) Epsilon(delta float64) (eps, order float64, err error) {
	return EpsilonFromRDP(a.orders, a.rdp, delta)
}

// SampledGaussianRDP returns the RDP at order alpha (> 1) of one step of the
// Poisson-subsampled Gaussian mechanism with sampling rate q ∈ [0, 1] and
// noise multiplier sigma > 0 (noise standard deviation over L2
// sensitivity). It may be +Inf when the order is too large for the noise.
func SampledGaussianRDP(q, sigma, alpha float64) (float64, error) {
	switch {
	case !(q >= 0 && q <= 1):
		return 0, fmt.Errorf("%w: sampling rate %v, want a value in [0, 1]", ErrInvalidParameter, q)
	case !(sigma > 0) || math.IsInf(sigma, 0):
		return 0, fmt.Errorf("%w: noise multiplier %v, want a finite value > 0", ErrInvalidParameter, sigma)
	case !(alpha > 1):
		return 0, fmt.Errorf("%w: RDP order %v, want > 1", ErrInvalidParameter, alpha)
	}
	switch {
	case q == 0:
		return 0, nil
	case math.IsInf(alpha, 1):
		return math.Inf(1), nil
	case q == 1:
		return alpha / (2 * sigma * sigma), nil
	}
	var logA float64
	if alpha == math.Trunc(alpha) && alpha < 1<<20 {
		logA = logAInt(q, sigma, int(alpha))
	} else {
		logA = logAFrac(q, sigma, alpha)
	}
	return logA / (alpha - 1), nil
}

// logAInt is log A_α for integer α: the binomial sum
// Σ_{i=0}^{α} C(α,i) qⁱ (1−q)^{α−i} exp((i²−i)/(2σ²)).
func logAInt(q, sigma float64, alpha int) float64 {
	logA := math.Inf(-1)
	logQ, log1mQ := math.Log(q), math.Log1p(-q)
	for i := 0; i <= alpha; i++ {
		fi := float64(i)
		term := logBinom(float64(alpha), fi) + fi*logQ + float64(alpha-i)*log1mQ + (fi*fi-fi)/(2*sigma*sigma)
		logA = logAdd(logA, term)
	}
	return logA
}

// maxFracTerms bounds the fractional-order series; dp_accounting uses the
// same cap and treats a series that has not converged by then as +Inf.
const maxFracTerms = 1000

// logAFrac is log A_α for fractional α: the integral split at
// z₀ = σ² log(1/q − 1) + ½ into two series of erfc terms that are summed
// until both decrease and fall below e⁻³⁰ of the total.
func logAFrac(q, sigma, alpha float64) float64 {
	logA0, logA1 := math.Inf(-1), math.Inf(-1)
	z0 := sigma*sigma*math.Log(1/q-1) + 0.5
	logQ, log1mQ := math.Log(q), math.Log1p(-q)
	lastS0, lastS1 := math.Inf(-1), math.Inf(-1)
	for i := range maxFracTerms {
		fi := float64(i)
		coef := logBinom(alpha, fi)
		j := alpha - fi
		t0 := coef + fi*logQ + j*log1mQ
		t1 := coef + j*logQ + fi*log1mQ
		e0 := math.Log(0.5) + logErfc((fi-z0)/(math.Sqrt2*sigma))
		e1 := math.Log(0.5) + logErfc((z0-j)/(math.Sqrt2*sigma))
		s0 := t0 + (fi*fi-fi)/(2*sigma*sigma) + e0
		s1 := t1 + (j*j-j)/(2*sigma*sigma) + e1
		logA0, logA1 = logAdd(logA0, s0), logAdd(logA1, s1)
		total := logAdd(logA0, logA1)
		if s0 < lastS0 && s1 < lastS1 && max(s0, s1) < total-30 {
			return total
		}
		lastS0, lastS1 = s0, s1
	}
	return math.Inf(1)
}

// logAdd returns log(eˣ + eʸ) without overflow.
func logAdd(x, y float64) float64 {
	a, b := min(x, y), max(x, y)
	if math.IsInf(a, -1) {
		return b
	}
	return math.Log1p(math.Exp(a-b)) + b
}

// logBinom returns log |C(n, k)| for real n and k through log-gamma, as
// the generalised binomial coefficient of a fractional order may be
// negative and only its magnitude enters the series.
func logBinom(n, k float64) float64 {
	a, _ := math.Lgamma(n + 1)
	b, _ := math.Lgamma(k + 1)
	c, _ := math.Lgamma(n - k + 1)
	return a - b - c
}

// logErfc returns log(erfc(x)), accurate where erfc(x) underflows: beyond
// x = 20 it uses the asymptotic expansion
// erfc(x) ≈ e^{−x²}/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶) + 105/(16x⁸)).
func logErfc(x float64) float64 {
	if x < 20 {
		return math.Log(math.Erfc(x))
	}
	u := 1 / (2 * x * x)
	series := 1 - u + 3*u*u - 15*u*u*u + 105*u*u*u*u
	return -x*x - math.Log(x) - 0.5*math.Log(math.Pi) + math.Log(series)
}

// EpsilonFromRDP converts an RDP curve (rdp[i] at orders[i]) to the smallest
// ε for which the mechanism is (ε, δ)-DP, δ ∈ (0, 1), and returns the order
// that attains it. It uses the conversion of Canonne, Kamath and Steinke
// (2020, Prop. 12), ε = RDP(α) + log(1−1/α) − log(δα)/(α−1), and the
// Kullback-Leibler bound δ ≤ √(1−e^{−RDP}) that gives ε = 0 when the RDP is
// tiny. The result is +Inf when no order gives a finite bound.
func EpsilonFromRDP(orders, rdp []float64, delta float64) (eps, order float64, err error) {
	if len(orders) != len(rdp) || len(orders) == 0 {
		return 0, 0, fmt.Errorf("%w: %d orders and %d RDP values, want equal non-zero counts", ErrInvalidParameter, len(orders), len(rdp))
	}
	if !(delta > 0 && delta < 1) {
		return 0, 0, fmt.Errorf("%w: δ is %v, want a value in (0, 1)", ErrInvalidParameter, delta)
	}
	best, bestOrder := math.Inf(1), orders[0]
	for i, a := range orders {
		r := rdp[i]
		if !(a >= 1) || math.IsNaN(r) || r < 0 {
			return 0, 0, fmt.Errorf("%w: RDP %v at order %v, want order ≥ 1 and RDP ≥ 0", ErrInvalidParameter, r, a)
		}
		var e float64
		switch {
		case delta*delta+math.Expm1(-r) > 0:
			e = 0
		case a > 1.01:
			// Not numerically stable as α → 1, where it is useless anyway.
			e = r + math.Log1p(-1/a) - math.Log(delta*a)/(a-1)
		default:
			e = math.Inf(1)
		}
		if e < best {
			best, bestOrder = e, a
		}
	}
	return max(0, best), bestOrder, nil
}

// DPSGDEpsilon returns the ε at δ of steps DP-SGD steps with sampling rate q
// and noise multiplier sigma, over DefaultOrders. Without sampling (q = 1)
// it is the smaller of that and GaussianEpsilon's exact figure.
func DPSGDEpsilon(q, sigma float64, steps int, delta float64) (float64, error) {
	acc, err := NewAccountant(nil)
	if err != nil {
		return 0, err
	}
	if err := acc.ComposeSampledGaussian(q, sigma, steps); err != nil {
		return 0, err
	}
	eps, _, err := acc.Epsilon(delta)
	if err != nil || q != 1 || steps == 0 {
		return eps, err
	}
	exact, err := GaussianEpsilon(sigma, steps, delta)
	if err != nil {
		return 0, err
	}
	return min(eps, exact), nil
}

// GaussianDelta is the exact privacy profile of the Gaussian mechanism
// with sensitivity 1 and noise standard deviation 1/mu (mu-GDP): the
// smallest δ for which it is (ε, δ)-DP, Φ(−ε/μ + μ/2) − e^ε·Φ(−ε/μ − μ/2)
// (Balle and Wang 2018, Theorem 8; Dong, Roth and Su 2022, Corollary 2.13).
func GaussianDelta(eps, mu float64) float64 {
	phi := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	b := phi(-eps/mu - mu/2)
	if b == 0 {
		return phi(-eps/mu + mu/2)
	}
	return phi(-eps/mu+mu/2) - math.Exp(eps+math.Log(b))
}

// GaussianEpsilon returns the exact ε at δ of steps Gaussian mechanisms of
// noise multiplier sigma composed without sampling (full-batch DP-SGD):
// together they are one Gaussian mechanism of noise multiplier
// sigma/√steps (μ = √steps/σ), whose (ε, δ) curve GaussianDelta gives
// exactly, found by bisection to 1e-9. It is never above the RDP figure.
func GaussianEpsilon(sigma float64, steps int, delta float64) (float64, error) {
	switch {
	case !(sigma > 0) || math.IsInf(sigma, 0):
		return 0, fmt.Errorf("%w: noise multiplier is %v, want a finite value > 0", ErrInvalidParameter, sigma)
	case steps < 1:
		return 0, fmt.Errorf("%w: %d steps, want ≥ 1", ErrInvalidParameter, steps)
	case !(delta > 0 && delta < 1):
		return 0, fmt.Errorf("%w: δ is %v, want a value in (0, 1)", ErrInvalidParameter, delta)
	}
	mu := math.Sqrt(float64(steps)) / sigma
	if GaussianDelta(0, mu) <= delta {
		return 0, nil
	}
	lo, hi := 0.0, 1.0
	for GaussianDelta(hi, mu) > delta {
		if hi > 500 {
			return math.Inf(1), nil
		}
		lo, hi = hi, 2*hi
	}
	for hi-lo > 1e-9 {
		mid := (lo + hi) / 2
		if GaussianDelta(mid, mu) > delta {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
}

// MaxNoiseMultiplier is the largest noise multiplier NoiseMultiplier tries.
const MaxNoiseMultiplier = 1000

// NoiseMultiplier returns the smallest noise multiplier (to within 0.1%)
// for which steps DP-SGD steps at sampling rate q stay within (eps, delta),
// found by bisection on DPSGDEpsilon, which decreases as the noise grows.
func NoiseMultiplier(eps, delta, q float64, steps int) (float64, error) {
	if !(eps > 0) || math.IsInf(eps, 0) {
		return 0, fmt.Errorf("%w: target ε is %v, want a finite value > 0", ErrInvalidParameter, eps)
	}
	within := func(sigma float64) (bool, error) {
		e, err := DPSGDEpsilon(q, sigma, steps, delta)
		return e <= eps, err
	}
	lo, hi := 0.0, 1.0
	for {
		ok, err := within(hi)
		if err != nil {
			return 0, err
		}
		if ok {
			break
		}
		if hi >= MaxNoiseMultiplier {
			return 0, fmt.Errorf("%w: ε %v at δ %v with %d steps at rate %v needs a noise multiplier above %d; take fewer steps or a lower sampling rate", ErrNoiseTooSmall, eps, delta, steps, q, MaxNoiseMultiplier)
		}
		lo, hi = hi, min(2*hi, MaxNoiseMultiplier)
	}
	for hi-lo > 1e-3*hi {
		mid := (lo + hi) / 2
		ok, err := within(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}
