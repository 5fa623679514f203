package records

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func recs(rows ...[]float64) []Record {
	out := make([]Record, len(rows))
	for i, r := range rows {
		out[i] = Record{ID: string(rune('a' + i)), Features: r}
	}
	return out
}

func TestMomentsHandComputed(t *testing.T) {
	a := recs([]float64{1, 10}, []float64{3, math.NaN()})
	b := recs([]float64{5, 20}, []float64{7, 30})
	ma, err := ComputeMoments(a, 2)
	require.NoError(t, err)
	assert.Equal(t, Moments{N: []float64{2, 1}, Sum: []float64{4, 10}, SumSq: []float64{10, 100}}, ma)
	mb, err := ComputeMoments(b, 2)
	require.NoError(t, err)
	sum, err := SumMoments(ma, mb)
	require.NoError(t, err)
	all, err := ComputeMoments(append(a, b...), 2)
	require.NoError(t, err)
	assert.Equal(t, all, sum, "moments of the union are the sum of the moments")

	std, err := NewStandardiser(sum)
	require.NoError(t, err)
	// Feature 0: 1,3,5,7 → mean 4, population variance (9+1+1+9)/4 = 5.
	// Feature 1: 10,20,30 → mean 20, variance 200/3.
	assert.InDeltaSlice(t, []float64{4, 20}, std.Mean, 1e-12)
	assert.InDeltaSlice(t, []float64{math.Sqrt(5), math.Sqrt(200.0 / 3)}, std.Scale, 1e-12)
	out, err := std.Apply(a)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{-3 / math.Sqrt(5), -10 / math.Sqrt(200.0/3)}, out[0].Features, 1e-12)
	assert.InDeltaSlice(t, []float64{-1 / math.Sqrt(5), 0}, out[1].Features, 1e-12, "missing → mean → 0")
	assert.True(t, math.IsNaN(a[1].Features[1]), "Apply does not modify its input")
}

func TestStandardiserPooledVersusPerSite(t *testing.T) {
	// Two sites with shifted means: pooled statistics standardise the union
	// to mean 0 / sd 1; per-site statistics centre each site on its own.
	rng := rand.New(rand.NewPCG(1, 2))
	mk := func(shift float64, n int) Site {
		s := Site{Name: "s", Consent: map[string]bool{}}
		for i := range n {
			id := string(rune('A'+int(shift))) + string(rune('a'+i%26)) + string(rune('a'+i/26))
			s.Train = append(s.Train, Record{ID: id, Features: []float64{shift + rng.NormFloat64()}})
			s.Consent[id] = true
		}
		return s
	}
	s1, s2 := mk(0, 300), mk(4, 100)
	m1, err := TrainMoments(s1, 1)
	require.NoError(t, err)
	m2, err := TrainMoments(s2, 1)
	require.NoError(t, err)
	pooledM, err := m1.Add(m2)
	require.NoError(t, err)
	pooled, err := NewStandardiser(pooledM)
	require.NoError(t, err)
	var all []Record
	for _, s := range []Site{s1, s2} {
		st, err := pooled.ApplySite(s)
		require.NoError(t, err)
		all = append(all, st.Train...)
	}
	mAll, err := ComputeMoments(all, 1)
	require.NoError(t, err)
	assert.InDelta(t, 0, mAll.Sum[0]/mAll.N[0], 1e-12)
	assert.InDelta(t, 1, mAll.SumSq[0]/mAll.N[0], 1e-12)

	own, err := NewStandardiser(m2)
	require.NoError(t, err)
	st2, err := own.ApplySite(s2)
	require.NoError(t, err)
	mOwn, err := ComputeMoments(st2.Train, 1)
	require.NoError(t, err)
	assert.InDelta(t, 0, mOwn.Sum[0]/mOwn.N[0], 1e-12, "per-site statistics centre the site on itself")
}

func TestTrainMomentsUsesConsentedTrainOnly(t *testing.T) {
	site := Site{
		Train:   []Record{{ID: "a", Features: []float64{1}}, {ID: "b", Features: []float64{100}}},
		Test:    []Record{{ID: "c", Features: []float64{1000}}},
		Consent: map[string]bool{"a": true, "b": false, "c": true},
	}
	m, err := TrainMoments(site, 1)
	require.NoError(t, err)
	assert.Equal(t, Moments{N: []float64{1}, Sum: []float64{1}, SumSq: []float64{1}}, m)
}

func TestMomentsEncodeDecode(t *testing.T) {
	sites := [][]Record{
		recs([]float64{100, 0.01}, []float64{300, 0.03}),
		recs([]float64{200, 0.02}, []float64{400, math.NaN()}, []float64{500, 0.05}),
	}
	scale := []float64{100, 0.01}
	total := 5.0
	var vs [][]float64
	var ms []Moments
	for _, r := range sites {
		m, err := ComputeMoments(r, 2)
		require.NoError(t, err)
		v, err := m.Encode(total, scale, 256)
		require.NoError(t, err)
		for _, x := range v {
			assert.LessOrEqual(t, math.Abs(x), 256.0)
		}
		vs = append(vs, v)
		ms = append(ms, m)
	}
	sum := make([]float64, len(vs[0]))
	for _, v := range vs {
		for i, x := range v {
			sum[i] += x + 1e-9 // the error of approximate arithmetic
		}
	}
	got, err := DecodeMoments(sum, total, scale)
	require.NoError(t, err)
	want, err := SumMoments(ms...)
	require.NoError(t, err)
	assert.Equal(t, want.N, got.N, "counts are rounded back to integers")
	assert.InDeltaSlice(t, want.Sum, got.Sum, 1e-5)
	assert.InDeltaSlice(t, want.SumSq, got.SumSq, 1e-3)

	t.Run("errors", func(t *testing.T) {
		m := ms[0]
		tests := []struct {
			name string
			run  func() error
		}{
			{"beyond the encryption range", func() error { _, err := m.Encode(total, []float64{1, 1}, 256); return err }},
			{"scale count", func() error { _, err := m.Encode(total, []float64{1}, 256); return err }},
			{"zero scale", func() error { _, err := m.Encode(total, []float64{0, 1}, 256); return err }},
			{"no total", func() error { _, err := m.Encode(0, scale, 256); return err }},
			{"decode length", func() error { _, err := DecodeMoments([]float64{1, 2}, total, scale); return err }},
			{"different widths", func() error {
				_, err := m.Add(Moments{N: []float64{1}, Sum: []float64{1}, SumSq: []float64{1}})
				return err
			}},
			{"ragged moments", func() error { _, err := NewStandardiser(Moments{N: []float64{1}, Sum: []float64{}}); return err }},
			{"unobserved feature", func() error {
				_, err := NewStandardiser(Moments{N: []float64{0}, Sum: []float64{0}, SumSq: []float64{0}})
				return err
			}},
			{"record width", func() error { _, err := ComputeMoments(recs([]float64{1}), 2); return err }},
			{"infinite value", func() error { _, err := ComputeMoments(recs([]float64{math.Inf(1)}), 1); return err }},
			{"nothing to sum", func() error { _, err := SumMoments(); return err }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				require.ErrorIs(t, tt.run(), ErrMoments)
			})
		}
	})
}

func TestStandardiserConstantFeature(t *testing.T) {
	m, err := ComputeMoments(recs([]float64{5}, []float64{5}), 1)
	require.NoError(t, err)
	std, err := NewStandardiser(m)
	require.NoError(t, err)
	assert.Equal(t, Standardiser{Mean: []float64{5}, Scale: []float64{1}}, std, "a constant feature is only centred")
}

func TestParseStandardisation(t *testing.T) {
	tests := []struct {
		in      string
		want    Standardisation
		wantErr bool
	}{
		{"", StandardisePooled, false},
		{"pooled", StandardisePooled, false},
		{"site", StandardiseSite, false},
		{"none", StandardiseNone, false},
		{"Pooled", "", true},
		{"global", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseStandardisation(tt.in, StandardisePooled)
			if tt.wantErr {
				require.ErrorIs(t, err, ErrStandardisation)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestStandardiserEncodeDecode(t *testing.T) {
	s := Standardiser{Mean: []float64{1.5, -2, 0}, Scale: []float64{0.25, 3, 1}}
	b, err := s.Encode()
	require.NoError(t, err)
	got, err := DecodeStandardiser(b)
	require.NoError(t, err)
	assert.Equal(t, s, got)
	again, err := got.Encode()
	require.NoError(t, err)
	assert.Equal(t, b, again, "the encoding is canonical: parties compare its hash")

	hostile := []struct{ name, in string }{
		{"empty", ``},
		{"not JSON", `{"mean":[1]`},
		{"unknown field", `{"mean":[1],"scale":[1],"extra":1}`},
		{"lengths differ", `{"mean":[1,2],"scale":[1]}`},
		{"no features", `{"mean":[],"scale":[]}`},
		{"zero scale", `{"mean":[1],"scale":[0]}`},
		{"negative scale", `{"mean":[1],"scale":[-1]}`},
		{"oversize", `{"mean":[` + strings.Repeat("0,", 64*MaxStandardiserFeatures/2) + `0],"scale":[1]}`},
	}
	for _, tt := range hostile {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeStandardiser([]byte(tt.in))
			require.ErrorIs(t, err, ErrMoments)
		})
	}
	_, err = Standardiser{Mean: []float64{math.NaN()}, Scale: []float64{1}}.Encode()
	require.ErrorIs(t, err, ErrMoments)
}

func TestStandardiserWithin(t *testing.T) {
	s := Standardiser{Mean: []float64{100, 0.5}, Scale: []float64{10, 1}}
	assert.True(t, s.Within(Standardiser{Mean: []float64{100.00001, 0.5}, Scale: []float64{10, 1.0000001}}, 1e-6))
	assert.False(t, s.Within(Standardiser{Mean: []float64{100.1, 0.5}, Scale: []float64{10, 1}}, 1e-6))
	assert.False(t, s.Within(Standardiser{Mean: []float64{100}, Scale: []float64{10}}, 1))
}

func TestApplyKeepsPatient(t *testing.T) {
	patient := common.HexToHash("0x01")
	s := Standardiser{Mean: []float64{1}, Scale: []float64{2}}
	out, err := s.Apply([]Record{{ID: "a", Features: []float64{5}, Label: 1, Patient: patient}})
	require.NoError(t, err)
	assert.Equal(t, Record{ID: "a", Features: []float64{2}, Label: 1, Patient: patient}, out[0], "the consent filter reads the patient of standardised records")
}

// A decrypted pooled sum no sites' records can give was decoded into a
// standardiser all the same: a site counted for 1 record could encrypt
// its feature count as 10^6 records and outweigh everyone whatever the
// signed counts (the counts bound nothing then), and a mean square below
// the squared mean (a negative variance) silently gave scale 1. Such a sum
// is now refused (no one can be named: each site's moments are
// encrypted). Honest sums, a constant feature among them, and the same
// sums off by far more than the decryption's error still decode.
func TestPooledStandardiserRefusesImpossibleMoments(t *testing.T) {
	scale := []float64{10, 1}
	a, err := ComputeMoments(recs([]float64{30, 2}, []float64{50, 2}, []float64{40, 2}), 2)
	require.NoError(t, err)
	b, err := ComputeMoments(recs([]float64{70, 2}, []float64{math.NaN(), 2}), 2)
	require.NoError(t, err)
	const total = 5
	encode := func(m Moments) []float64 {
		v, err := m.Encode(total, scale, math.Inf(1))
		require.NoError(t, err)
		return v
	}
	sum := func(vs ...[]float64) []float64 {
		out := make([]float64, len(vs[0]))
		for _, v := range vs {
			for i := range v {
				out[i] += v[i]
			}
		}
		return out
	}
	honest := sum(encode(a), encode(b))
	noisy := slices.Clone(honest)
	for i := range noisy {
		noisy[i] += 3e-6 * float64(1-2*(i%2)) // the decryption's error, either way
	}
	for name, v := range map[string][]float64{"honest": honest, "with decryption error": noisy} {
		std, err := PooledStandardiser(v, total, scale)
		require.NoError(t, err, name)
		assert.InDelta(t, 47.5, std.Mean[0], 1e-3, name)
		assert.InDelta(t, 2, std.Mean[1], 1e-3, "%s: a constant feature", name)
	}

	inflated := b
	inflated.N = []float64{1e6, 1e6}
	inflated.Sum = []float64{1e6 * 70, 1e6 * 2}
	inflated.SumSq = []float64{1e6 * 4900, 1e6 * 4}
	negative := b
	negative.SumSq = []float64{0, 0}
	negativeCount := slices.Clone(honest)
	negativeCount[0] = -0.5
	for name, v := range map[string][]float64{
		"more than the 5 counted": sum(encode(a), encode(inflated)),
		"a negative variance":     sum(encode(a), encode(negative)),
		"a negative number of":    negativeCount,
	} {
		_, err := PooledStandardiser(v, total, scale)
		require.ErrorIs(t, err, ErrImpossibleMoments, name)
		require.ErrorIs(t, err, ErrMoments, name)
		assert.Contains(t, err.Error(), name)
	}
}

// A feature constant over every record had its pooled scale drawn from the
// decryption's error: its decrypted variance is noise of order 1e-5·scale²,
// above the 1e-12 that told a constant feature, so it was divided by about
// 0.003 and blown up, where the same moments summed in the clear give scale
// 1. A feature whose variance is within the decryption's error of zero is
// now constant; the cut-off follows the feature's encoding scale, so a
// feature of tiny values and tiny, real variance keeps its own scale.
func TestPooledStandardiserTreatsAFeatureConstantUpToTheDecryptionErrorAsConstant(t *testing.T) {
	// Features: constant 5; 5 ± 0.1; constant 0.001; 0.001 ± 0.0001.
	scale := []float64{5, 5, 0.001, 0.001}
	const total = 1000
	rows := make([][]float64, total)
	for i := range rows {
		sign := float64(1 - 2*(i%2))
		rows[i] = []float64{5, 5 + 0.1*sign, 0.001, 0.001 + 0.0001*sign}
	}
	m, err := ComputeMoments(recs(rows...), len(scale))
	require.NoError(t, err)
	clear, err := NewStandardiser(m)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0.1, 1, 0.0001}, roundScales(clear.Scale), "in the clear")

	v, err := m.Encode(total, scale, math.Inf(1))
	require.NoError(t, err)
	f := len(scale)
	for _, sign := range []float64{1, -1} {
		noisy := slices.Clone(v)
		for j := range f { // the decryption's error, the way that moves the variance most
			noisy[f+j] -= sign * 3e-6
			noisy[2*f+j] += sign * 3e-6
		}
		std, err := PooledStandardiser(noisy, total, scale)
		require.NoError(t, err)
		assert.Equal(t, 1.0, std.Scale[0], "a constant feature, error %+.0e", sign*3e-6)
		assert.Equal(t, 1.0, std.Scale[2], "a constant feature of small values, error %+.0e", sign*3e-6)
		assert.InEpsilon(t, 0.1, std.Scale[1], 0.05, "a varying feature, error %+.0e", sign*3e-6)
		assert.InEpsilon(t, 0.0001, std.Scale[3], 0.05, "a feature of small values and small variance, error %+.0e", sign*3e-6)
	}
}

func roundScales(s []float64) []float64 {
	out := make([]float64, len(s))
	for i, v := range s {
		out[i] = math.Round(v*1e9) / 1e9
	}
	return out
}
