package records

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oneHotRecords draws n records of an ungrouped continuous feature, a
// group of three indicators (features 1–3) and one of two (4–5), each
// group with a reference category left out.
func oneHotRecords(n int, seed uint64) []Record {
	rng := rand.New(rand.NewPCG(seed, 1))
	recs := make([]Record, n)
	for i := range recs {
		x := make([]float64, 6)
		x[0] = 50 + 10*rng.NormFloat64()
		if c := rng.IntN(4); c < 3 { // category 3 is the reference
			x[1+c] = 1
		}
		if rng.Float64() < 0.7 {
			x[4+rng.IntN(2)] = 1
		}
		recs[i] = Record{ID: string(rune('a' + i%26)), Features: x}
	}
	return recs
}

var oneHotGroups = [][]int{{1, 2, 3}, {4, 5}}

// covariance is the population covariance of columns cols of recs.
func covariance(recs []Record, cols []int) [][]float64 {
	n := float64(len(recs))
	mean := make([]float64, len(cols))
	for _, r := range recs {
		for a, j := range cols {
			mean[a] += r.Features[j] / n
		}
	}
	c := make([][]float64, len(cols))
	for a := range cols {
		c[a] = make([]float64, len(cols))
		for b := range cols {
			for _, r := range recs {
				c[a][b] += (r.Features[cols[a]] - mean[a]) * (r.Features[cols[b]] - mean[b]) / n
			}
		}
	}
	return c
}

// pooledOf returns the standardiser of recs' moments, and the same with
// oneHotGroups whitened.
func pooledOf(t *testing.T, recs []Record) (plain, grouped Standardiser) {
	t.Helper()
	m, err := ComputeMoments(recs, 6)
	require.NoError(t, err)
	plain, err = NewStandardiser(m)
	require.NoError(t, err)
	grouped, err = plain.WithGroups(oneHotGroups)
	require.NoError(t, err)
	return plain, grouped
}

func TestWhiteningWithoutRidgeGivesIdentityCovariance(t *testing.T) {
	recs := oneHotRecords(2000, 1)
	plain, grouped := pooledOf(t, recs)
	blocks, err := grouped.whitening(0)
	require.NoError(t, err)
	require.Len(t, blocks, 2)
	z, err := plain.Apply(recs)
	require.NoError(t, err)
	for _, r := range z {
		for _, b := range blocks {
			b.Apply(r.Features)
		}
	}
	for _, g := range oneHotGroups {
		for a, row := range covariance(z, g) {
			for b, v := range row {
				want := 0.0
				if a == b {
					want = 1
				}
				assert.InDelta(t, want, v, 1e-9, "group %v entry (%d, %d): the means that gave p make the block's covariance diag(p) − p·pᵀ exactly", g, a, b)
			}
		}
	}
	before := covariance(mustApply(t, plain, recs), []int{1, 2, 3})
	assert.Less(t, before[0][1], -0.2, "the check can fail: standardised alone, a group's indicators correlate (about −1/3 here)")
}

func mustApply(t *testing.T, s Standardiser, recs []Record) []Record {
	t.Helper()
	out, err := s.Apply(recs)
	require.NoError(t, err)
	return out
}

func TestWhiteningWithTheRidgeIsTheStandardisersApply(t *testing.T) {
	recs := oneHotRecords(500, 2)
	plain, grouped := pooledOf(t, recs)
	z, w := mustApply(t, plain, recs), mustApply(t, grouped, recs)
	blocks, err := grouped.Whitening()
	require.NoError(t, err)
	for i := range recs {
		assert.Equal(t, z[i].Features[0], w[i].Features[0], "an ungrouped feature is standardised as without groups")
		want := append([]float64(nil), z[i].Features...)
		for _, b := range blocks {
			b.Apply(want)
		}
		assert.Equal(t, want, w[i].Features)
	}
	// With the ridge, cov = L⁻¹·R·L⁻ᵀ = I − 0.05·L⁻¹·L⁻ᵀ: a diagonal below 1.
	c := covariance(w, []int{1, 2, 3})
	for a := range c {
		assert.Less(t, c[a][a], 1.0)
		assert.Greater(t, c[a][a], 0.9)
	}
}

func TestWhiteningIsTheSameForEveryHolderOfTheStandardiser(t *testing.T) {
	// Two hospitals decode the same decrypted sum of encoded moments.
	recs := oneHotRecords(300, 3)
	m, err := ComputeMoments(recs, 6)
	require.NoError(t, err)
	scales := []float64{60, 1, 1, 1, 1, 1}
	sum, err := m.Encode(300, scales, math.Inf(1))
	require.NoError(t, err)
	var got [2][]WhiteningBlock
	var enc [2][]byte
	for h := range got {
		pooled, err := PooledStandardiser(append([]float64(nil), sum...), 300, scales)
		require.NoError(t, err)
		grouped, err := pooled.WithGroups(oneHotGroups)
		require.NoError(t, err)
		enc[h], err = grouped.Encode()
		require.NoError(t, err)
		decoded, err := DecodeStandardiser(enc[h])
		require.NoError(t, err)
		got[h], err = decoded.Whitening()
		require.NoError(t, err)
	}
	assert.Equal(t, enc[0], enc[1])
	require.Len(t, got[0], 2)
	for b := range got[0] {
		for i, row := range got[0][b].InverseFactor {
			for k, v := range row {
				assert.Equal(t, math.Float64bits(v), math.Float64bits(got[1][b].InverseFactor[i][k]), "bit-identical")
			}
		}
	}
}

func TestWhiteningLeavesAConstantIndicatorOut(t *testing.T) {
	recs := oneHotRecords(400, 4)
	for _, r := range recs {
		r.Features[1], r.Features[2] = 0, r.Features[2]+r.Features[1] // category 0 never occurs
	}
	_, grouped := pooledOf(t, recs)
	blocks, err := grouped.Whitening()
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, blocks[0].Columns, "the pooled standardiser found feature 1 constant")
	for _, r := range mustApply(t, grouped, recs) {
		assert.Zero(t, r.Features[1], "a constant indicator stays centred only")
	}
}

func TestStandardiserGroupsEncoding(t *testing.T) {
	std := Standardiser{Mean: []float64{50, 0.2, 0.3, 0.4}, Scale: []float64{10, 0.4, math.Sqrt(0.21), math.Sqrt(0.24)}}
	enc, err := std.Encode()
	require.NoError(t, err)
	assert.NotContains(t, string(enc), "groups", "a standardiser without groups encodes, and hashes, as before")

	grouped, err := std.WithGroups([][]int{{1, 2, 3}})
	require.NoError(t, err)
	enc, err = grouped.Encode()
	require.NoError(t, err)
	back, err := DecodeStandardiser(enc)
	require.NoError(t, err)
	assert.Equal(t, grouped, back)
	assert.False(t, std.Within(grouped, 1), "another grouping is another standardiser, whatever the tolerance")
	assert.True(t, grouped.Within(back, 0))

	for _, tt := range []struct {
		name   string
		groups [][]int
		mean   []float64
		want   string
	}{
		{"out of range", [][]int{{1, 4}}, nil, "names feature 4 of 4"},
		{"overlapping", [][]int{{1, 2}, {2, 3}}, nil, "feature 2 is in two standardiser groups"},
		{"unordered", [][]int{{2, 1}}, nil, "not in increasing order"},
		{"not an indicator", [][]int{{0, 1}}, nil, "not those of a 0/1 indicator"},
		{"means sum beyond 1", [][]int{{1, 2, 3}}, []float64{50, 0.5, 0.45, 0.4}, "sum to 1.35"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := std
			if tt.mean != nil {
				s.Mean = tt.mean
				s.Scale = []float64{10, 0.5, math.Sqrt(0.45 * 0.55), math.Sqrt(0.24)}
			}
			_, err := s.WithGroups(tt.groups)
			require.ErrorIs(t, err, ErrMoments)
			assert.Contains(t, err.Error(), tt.want)
			s.Groups = tt.groups
			b, _ := json.Marshal(s)
			_, err = DecodeStandardiser(b)
			require.ErrorIs(t, err, ErrMoments, "a decoded standardiser is checked alike")
		})
	}
}

// A hostile hospital may shade its encrypted moments so that a group's
// pooled means sum a little above 1, which no honest records give (a
// record sets at most one indicator). The ridge still lets the Cholesky
// factor through, but near a singular correlation, so L⁻¹ would blow one
// direction of every hospital's features up. Means beyond the pooled
// precision of 1 are refused; up to 1 the correlation is positive
// semi-definite and L⁻¹'s entries stay below 1/√ridge.
func TestWhiteningRefusesGroupMeansNoRecordsGive(t *testing.T) {
	scales := func(p []float64) []float64 {
		out := []float64{10}
		for _, v := range p[1:] {
			out = append(out, math.Sqrt(v*(1-v)))
		}
		return out
	}
	shaded := []float64{50, 0.51, 0.51}
	_, err := Standardiser{Mean: shaded, Scale: scales(shaded)}.WithGroups([][]int{{1, 2}})
	require.ErrorIs(t, err, ErrMoments, "means summing to 1.02 are refused")
	assert.Contains(t, err.Error(), "sum to 1.02")

	full := []float64{50, 0.5, 0.5}
	s, err := Standardiser{Mean: full, Scale: scales(full)}.WithGroups([][]int{{1, 2}})
	require.NoError(t, err, "means summing to exactly 1 are what honest records give")
	blocks, err := s.Whitening()
	require.NoError(t, err)
	for _, b := range blocks {
		for _, row := range b.InverseFactor {
			for _, v := range row {
				assert.LessOrEqual(t, math.Abs(v), 1/math.Sqrt(PreconditionRidge)+1e-9)
			}
		}
	}
}
