package aggregation

import (
	"math"

	"github.com/tuneinsight/lattigo/v5/ring"
)

// AggregateNoiseStdDev returns the model standard deviation, in units of
// the integer coefficients (the scale Δ is 2^LogScale), of the noise that an
// aggregate carries when it is decrypted with the given number of
// decryption shares, for weights with Σwᵢ² ≤ 1. That noise depends on the
// contributors' secret keys, and it is what the smudging noise must hide
// (see doc.go). Seeded secret-key encryption adds only the error e of
// deviation σ_e (3.2) to each fresh update; the weighted sum scales it by
// wᵢ, and the rescale of c0 and of each share adds a rounding error
// uniform in [-1/2, 1/2]:
//
//	σ_agg² = Σwᵢ²·σ_e² + (shares+1)/12 ≤ σ_e² + (shares+1)/12
//
// TestNoiseModelMatchesMeasurement checks the model against the noise
// measured with the contributors' keys.
func (s *Scheme) AggregateNoiseStdDev(shares int) float64 {
	sigmaE := s.params.Xe().(ring.DiscreteGaussian).Sigma
	return math.Sqrt(sigmaE*sigmaE + float64(shares+1)/12)
}

// SmudgingSecurityBits returns the statistical security, in bits, of the
// decryption shares that reveal the given number of values of one
// aggregate under a key of the given number of parties: -log2 of the
// statistical distance between what the shares show (with at least one
// honest party) and a simulation that knows only the decrypted values. The
// bound is ‖e_agg‖/(2σ) by Pinsker's inequality on the Kullback–Leibler
// divergence ‖e_agg‖²/(2σ²) of two Gaussians σ apart; divergences add up, so
// pass the total number of values decrypted under the key for a bound over
// a whole study.
func (s *Scheme) SmudgingSecurityBits(parties, values int) float64 {
	norm := math.Sqrt(float64(values)) * s.AggregateNoiseStdDev(parties)
	return math.Log2(2 * s.sigma / norm)
}

// ErrorStdDev returns the standard deviation of the error of one decrypted
// value when the given number of decryption shares (every party for n-of-n,
// t for threshold) each add smudging noise: sqrt(shares)·σ/Δ. The ciphertext
// noise and the weight rounding are orders of magnitude smaller. The
// largest error over m values is about sqrt(2·ln(2m)) times this.
func (s *Scheme) ErrorStdDev(shares int) float64 {
	return math.Sqrt(float64(shares)) * s.sigma / math.Exp2(float64(s.logScale))
}
