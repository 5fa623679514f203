// Package privacy accounts the record-level differential privacy of DP-SGD
// training: Rényi differential privacy (RDP) of the Poisson-subsampled
// Gaussian mechanism, composed over steps and rounds, and converted to an
// (ε, δ) guarantee.
//
// # Mechanism
//
// Each step of DP-SGD includes every record independently with probability
// q (Poisson sampling), clips each included record's gradient to L2 norm C,
// sums them and adds Gaussian noise of standard deviation σ·C. Under the
// add-or-remove-one-record relation, one such step is the sampled Gaussian
// mechanism with sampling rate q and noise multiplier σ; its RDP at order α
// is log(A_α)/(α−1), with A_α computed as in Mironov, Talwar and Zhang,
// "Rényi Differential Privacy of the Sampled Gaussian Mechanism" (2019):
// a finite binomial sum for integer α (Sec. 3.2) and a converging series of
// erfc terms for fractional α (Sec. 3.3). RDP composes by addition at each
// order, so T steps cost T times the RDP of one.
//
// # Conversion
//
// An RDP curve converts to (ε, δ)-DP with the improved bound of Canonne,
// Kamath and Steinke, "The Discrete Gaussian for Differential Privacy"
// (2020, Proposition 12): ε = min over α of
// RDP(α) + log(1 − 1/α) − log(δ·α)/(α − 1), the same conversion as Google's
// dp_accounting and Opacus, so figures agree with theirs for the same orders.
//
// Without sampling (q = 1) T steps are one Gaussian mechanism of noise
// multiplier σ/√T, whose (ε, δ) curve is exact (Balle and Wang, "Improving
// the Gaussian Mechanism for Differential Privacy", 2018): DPSGDEpsilon
// then takes the smaller of the RDP figure and GaussianEpsilon's.
//
// The package does no I/O; values in, values out. An [Accountant] is not safe
// for concurrent use.
package privacy
