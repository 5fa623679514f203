package aggregation

import (
	"math"
	"math/rand/v2"

	"github.com/tuneinsight/lattigo/v5/ring"
)

// smudger samples the decryption-share noise: integers distributed as
// floor(σ·G + U) with G a standard normal variate truncated to |G| ≤ 8 and U
// a uniform dither over the float64 cell of σ·G, so that every integer in
// range is reachable and the low bits are uniform even when σ exceeds 2^53
// (a plain float64 product would leave them zero, which would fail to hide
// the low bits of the ciphertext noise). The randomness is a ChaCha8 stream
// keyed by a secret seed (shareNoiseSeed: the holder's key and what the
// share opens). A smudger is owned by one goroutine.
type smudger struct {
	sigma float64
	rng   *rand.Rand
}

// tailCut bounds |G|: the truncated mass is 2^-49 per sample.
const tailCut = 8

// newSmudgerFrom returns a smudger whose stream is keyed by seed: the
// same seed gives the same noise.
func newSmudgerFrom(sigma float64, seed [32]byte) *smudger {
	return &smudger{sigma: sigma, rng: rand.New(rand.NewChaCha8(seed))}
}

// next returns one noise sample.
func (g *smudger) next() int64 {
	for {
		x := g.rng.NormFloat64()
		if math.Abs(x) > tailCut {
			continue
		}
		y := x * g.sigma
		f := math.Floor(y)
		ulp := math.Nextafter(math.Abs(f), math.Inf(1)) - math.Abs(f)
		if ulp <= 1 {
			// Below 2^53 floats resolve every integer: dither the fraction.
			if g.rng.Float64() < y-f {
				f++
			}
			return int64(f)
		}
		return int64(f) + int64(g.rng.Uint64N(uint64(ulp)))
	}
}

// addTo adds an independent sample to coefficients 0..used-1 of p (every
// RNS row gets the same integer).
func (g *smudger) addTo(p ring.Poly, used int, r *ring.Ring) {
	for j := 0; j < used; j++ {
		e := g.next()
		for i, row := range p.Coeffs {
			q := r.SubRings[i].Modulus
			var u uint64
			if e >= 0 {
				u = uint64(e) % q
			} else {
				u = uint64(-e) % q
				if u != 0 {
					u = q - u
				}
			}
			c := row[j] + u
			if c >= q {
				c -= q
			}
			row[j] = c
		}
	}
}
