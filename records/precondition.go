package records

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// PreconditionRidge is added to the diagonal of each group's correlation
// before its Cholesky factor is taken: it keeps the factor well
// conditioned when a group's indicators nearly cover every record (race's
// four in TCGA-BRCA sum to 0.999, an eigenvalue of 0.0024), at the price
// of whitening such a direction only partly.
const PreconditionRidge = 0.05

// WhiteningBlock is the whitening of one one-hot group's standardised
// block: z, the standardised values of Columns in order, becomes
// InverseFactor·z. InverseFactor is L⁻¹, square and lower triangular,
// with L the Cholesky factor of the group's correlation plus
// PreconditionRidge·I.
type WhiteningBlock struct {
	Columns       []int       `json:"columns"`
	InverseFactor [][]float64 `json:"inverse_factor"`
}

// Apply whitens the block of standardised features x in place.
func (b WhiteningBlock) Apply(x []float64) {
	z := make([]float64, len(b.Columns))
	for i, j := range b.Columns {
		z[i] = x[j]
	}
	for i, j := range b.Columns {
		y := 0.0
		for k := 0; k <= i; k++ {
			y += b.InverseFactor[i][k] * z[k]
		}
		x[j] = y
	}
}

// WithGroups returns a copy of s that also whitens the one-hot groups
// (feature indices, Schema.GroupColumns): a study whose recipe says
// "precondition": "groups". It fails with ErrMoments if a group is not
// disjoint from the others, increasing and within the features, or if its
// means are not those of 0/1 indicators of which a record sets at most
// one.
func (s Standardiser) WithGroups(groups [][]int) (Standardiser, error) {
	out := Standardiser{Mean: slices.Clone(s.Mean), Scale: slices.Clone(s.Scale), Groups: make([][]int, len(groups))}
	for i, g := range groups {
		out.Groups[i] = append([]int(nil), g...)
	}
	if err := out.check(); err != nil {
		return Standardiser{}, err
	}
	return out, nil
}

// Whitening returns the whitening blocks of s's groups: none without
// groups. It is a function of the standardiser's values alone, so every
// party holding the same standardiser (the pooled one every hospital
// confirmed, whose hash the chain records) computes the same blocks, and
// it reads no record: the groups' means are the pooled standardiser's,
// released before round 1 anyway, so preconditioning adds nothing to a
// study's ε.
//
// Within a group of 0/1 indicators that exclude each other, with p the
// pooled means, the covariance is Σ = diag(p) − p·pᵀ, so the correlation
// is R = D^{-1/2}·Σ·D^{-1/2} with D = diag(p(1−p)). An indicator the
// pooled standardiser found constant (scale 1: a varying indicator has a
// spread of at most ½) is left out of the block, as it is left centred
// only. The block's standardised values z = (x − p)/√(p(1−p)) become
// L⁻¹·z with L the Cholesky factor of R + PreconditionRidge·I.
func (s Standardiser) Whitening() ([]WhiteningBlock, error) {
	return s.whitening(PreconditionRidge)
}

func (s Standardiser) whitening(ridge float64) ([]WhiteningBlock, error) {
	if len(s.Groups) == 0 {
		return nil, nil
	}
	seen := make(map[int]bool)
	var out []WhiteningBlock
	for gi, g := range s.Groups {
		if len(g) == 0 {
			return nil, fmt.Errorf("%w: standardiser group %d has no features", ErrMoments, gi)
		}
		var kept []int
		for i, j := range g {
			switch {
			case j < 0 || j >= len(s.Mean):
				return nil, fmt.Errorf("%w: standardiser group %d names feature %d of %d", ErrMoments, gi, j, len(s.Mean))
			case seen[j]:
				return nil, fmt.Errorf("%w: feature %d is in two standardiser groups", ErrMoments, j)
			case i > 0 && j <= g[i-1]:
				return nil, fmt.Errorf("%w: standardiser group %d's features %v are not in increasing order", ErrMoments, gi, g)
			}
			seen[j] = true
			if s.Scale[j] == 1 {
				continue // constant: centred only
			}
			if p := s.Mean[j]; !(p > 0 && p < 1) || s.Scale[j] > 0.5+PooledPrecision {
				return nil, fmt.Errorf("%w: feature %d of group %d has mean %v and spread %v, not those of a 0/1 indicator that varies; a group lists 0/1 indicators only", ErrMoments, j, gi, p, s.Scale[j])
			}
			kept = append(kept, j)
		}
		if len(kept) == 0 {
			continue
		}
		b, err := whiteningBlock(kept, s.Mean, ridge)
		if err != nil {
			return nil, fmt.Errorf("%w: group %d: %w", ErrMoments, gi, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// whiteningBlock computes the block of the indicators cols with pooled
// means p (see Whitening).
func whiteningBlock(cols []int, p []float64, ridge float64) (WhiteningBlock, error) {
	n := len(cols)
	sd := make([]float64, n) // √(p(1−p))
	sum := 0.0
	for i, j := range cols {
		sd[i] = math.Sqrt(p[j] * (1 - p[j]))
		sum += p[j]
	}
	// Honest records give a sum of at most 1 (up to the pooled precision),
	// and then the correlation is positive semi-definite, so L⁻¹'s entries
	// stay below 1/√ridge. A sum above it (a hospital's shaded moments)
	// would still factorise, near singular, and blow a direction up.
	if sum > 1+float64(n)*PooledPrecision {
		return WhiteningBlock{}, fmt.Errorf("the means of features %v sum to %.6g; indicators of which a record sets at most one sum to at most 1", cols, sum)
	}
	r := mat.NewSymDense(n, nil)
	for i, a := range cols {
		r.SetSym(i, i, 1+ridge)
		for k := i + 1; k < n; k++ {
			r.SetSym(i, k, -p[a]*p[cols[k]]/(sd[i]*sd[k]))
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(r) {
		return WhiteningBlock{}, fmt.Errorf("the correlation of features %v (means summing to %.6g) is not positive definite", cols, sum)
	}
	var l, inv mat.TriDense
	chol.LTo(&l)
	if err := inv.InverseTri(&l); err != nil {
		return WhiteningBlock{}, fmt.Errorf("the correlation of features %v is too near singular to whiten: %v", cols, err)
	}
	b := WhiteningBlock{Columns: append([]int(nil), cols...), InverseFactor: make([][]float64, n)}
	for i := range n {
		b.InverseFactor[i] = make([]float64, n)
		for k := 0; k <= i; k++ {
			b.InverseFactor[i][k] = inv.At(i, k)
		}
	}
	return b, nil
}
