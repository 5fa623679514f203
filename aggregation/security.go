package aggregation

import "math"

// AggregateNoiseStdDev returns the model standard deviation, in units of
// the integer coefficients (the scale Δ is 2^LogScale), of the noise that an
// aggregate of updates encrypted under a key of the given number of parties
// carries before decryption, for weights with Σwᵢ² ≤ 1. That noise depends on
// the collective secret, and it is what the smudging noise must hide (see
// doc.go):
//
//	σ_fresh² = (1 + ‖s‖²)/12,  ‖s‖² ≈ N·2·parties/3   (rounding r0 + r1·s after the
//	                                                     division by P in encryption)
//	σ_agg²   = Σwᵢ²·σ_fresh² + σ_fresh² ≤ 2·σ_fresh²  (rounding of the rescale)
//
// TestNoiseModelMatchesMeasurement checks the model against the noise
// measured with the collective secret.
func (s *Scheme) AggregateNoiseStdDev(parties int) float64 {
	n := float64(s.params.N())
	fresh := (1 + n*2*float64(parties)/3) / 12
	return math.Sqrt(2 * fresh)
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
