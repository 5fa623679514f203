package models_test

import (
	"math"
	"sync"
	"testing"

	"github.com/cohort-fl/cohort/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpecValidate(t *testing.T) {
	tests := []struct {
		name    string
		spec    models.Spec
		wantErr bool
		params  int
	}{
		{"logistic", models.Spec{Kind: "logistic", Features: 8}, false, 9},
		{"mlp", models.Spec{Kind: "mlp", Features: 8, Hidden: []int{4, 2}}, false, 8*4 + 4 + 4*2 + 2 + 2 + 1},
		{"unknown kind", models.Spec{Kind: "svm", Features: 8}, true, 0},
		{"no features", models.Spec{Kind: "logistic"}, true, 0},
		{"logistic with hidden", models.Spec{Kind: "logistic", Features: 8, Hidden: []int{3}}, true, 0},
		{"mlp without hidden", models.Spec{Kind: "mlp", Features: 8}, true, 0},
		{"mlp zero width", models.Spec{Kind: "mlp", Features: 8, Hidden: []int{0}}, true, 0},
		{"too many params", models.Spec{Kind: "mlp", Features: 60000, Hidden: []int{60000}}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.spec.Validate()
			m, nerr := models.New(tt.spec, 1)
			if tt.wantErr {
				assert.ErrorIs(t, err, models.ErrInvalidSpec)
				assert.ErrorIs(t, nerr, models.ErrInvalidSpec)
				return
			}
			require.NoError(t, err)
			require.NoError(t, nerr)
			assert.Equal(t, tt.params, m.NumParams())
			assert.Len(t, m.Params(), tt.params)
		})
	}
}

func TestNewDeterministicBySeed(t *testing.T) {
	spec := models.Spec{Kind: models.KindMLP, Features: 3, Hidden: []int{5}}
	a, err := models.New(spec, 9)
	require.NoError(t, err)
	b, err := models.New(spec, 9)
	require.NoError(t, err)
	c, err := models.New(spec, 10)
	require.NoError(t, err)
	assert.Equal(t, a.Params(), b.Params())
	assert.NotEqual(t, a.Params(), c.Params())
}

func TestParamsAndPredict(t *testing.T) {
	m := logistic(t, 2, 1)
	p := []float64{2, -1, 0.5} // w₁, w₂, b
	require.NoError(t, m.SetParams(p))
	assert.Equal(t, p, m.Params())

	got := m.Params()
	got[0] = 100
	assert.Equal(t, p, m.Params(), "Params returns a copy")

	X := [][]float64{{0, 0}, {1, 1}, {-3, 2}, {40, 0}}
	probs, err := m.Predict(X)
	require.NoError(t, err)
	for i, x := range X {
		want := 1 / (1 + math.Exp(-(2*x[0] - x[1] + 0.5)))
		assert.InDelta(t, want, probs[i], 1e-12, "row %d", i)
	}

	// More rows than one prediction batch, with a partial last chunk.
	big := make([][]float64, 2500)
	for i := range big {
		big[i] = []float64{float64(i%7) - 3, float64(i%5) - 2}
	}
	bp, err := m.Predict(big)
	require.NoError(t, err)
	require.Len(t, bp, len(big))
	for _, i := range []int{0, 1023, 1024, 2047, 2048, 2499} {
		x := big[i]
		assert.InDelta(t, 1/(1+math.Exp(-(2*x[0]-x[1]+0.5))), bp[i], 1e-12, "row %d", i)
	}

	empty, err := m.Predict(nil)
	require.NoError(t, err)
	assert.Empty(t, empty)
}

func TestSetParamsAndPredictErrors(t *testing.T) {
	m := logistic(t, 2, 1)
	before := m.Params()
	tests := []struct {
		name string
		p    []float64
		want error
	}{
		{"short", []float64{1, 2}, models.ErrParamCount},
		{"long", []float64{1, 2, 3, 4}, models.ErrParamCount},
		{"NaN", []float64{1, math.NaN(), 3}, models.ErrNonFinite},
		{"Inf", []float64{1, 2, math.Inf(-1)}, models.ErrNonFinite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, m.SetParams(tt.p), tt.want)
			assert.Equal(t, before, m.Params(), "unchanged on error")
		})
	}
	_, err := m.Predict([][]float64{{1, 2, 3}})
	assert.ErrorIs(t, err, models.ErrShape)
	_, err = m.Predict([][]float64{{1, math.Inf(1)}})
	assert.ErrorIs(t, err, models.ErrNonFinite)
}

func TestEncodeDecodeParams(t *testing.T) {
	tests := []struct {
		name string
		p    []float64
	}{
		{"empty", []float64{}},
		{"values", []float64{0, math.Copysign(0, -1), 1.5, -2e-308, math.MaxFloat64, math.SmallestNonzeroFloat64}},
		{"special", []float64{math.Inf(1), math.NaN()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := models.EncodeParams(tt.p)
			assert.Len(t, b, 16+8*len(tt.p))
			got, err := models.DecodeParams(b)
			require.NoError(t, err)
			require.Len(t, got, len(tt.p))
			for i := range got {
				assert.Equal(t, math.Float64bits(tt.p[i]), math.Float64bits(got[i]))
			}
			assert.Equal(t, b, models.EncodeParams(got), "canonical")
		})
	}

	// Layout: magic, version 1, reserved, count, little-endian values.
	b := models.EncodeParams([]float64{1})
	assert.Equal(t, []byte{'C', 'P', 'R', 'M', 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f}, b)

	corrupt := func(f func([]byte) []byte) []byte {
		return f(models.EncodeParams([]float64{1, 2}))
	}
	bad := []struct {
		name string
		b    []byte
	}{
		{"nil", nil},
		{"short header", []byte("CPRM")},
		{"magic", corrupt(func(b []byte) []byte { b[0] = 'X'; return b })},
		{"version", corrupt(func(b []byte) []byte { b[4] = 2; return b })},
		{"reserved", corrupt(func(b []byte) []byte { b[6] = 1; return b })},
		{"truncated", corrupt(func(b []byte) []byte { return b[:len(b)-1] })},
		{"extra value", corrupt(func(b []byte) []byte { return append(b, make([]byte, 8)...) })},
		{"huge count", corrupt(func(b []byte) []byte { b[15] = 0xff; return b })},
	}
	for _, tt := range bad {
		t.Run("bad "+tt.name, func(t *testing.T) {
			_, err := models.DecodeParams(tt.b)
			assert.ErrorIs(t, err, models.ErrEncoding)
		})
	}
}

func TestTrainedParamsRoundTrip(t *testing.T) {
	s := cohort(t)[2]
	X, y := matrix(s.Train)
	m := logistic(t, 8, 1)
	_, err := m.Train(ctxT(t), X, y, models.DefaultTrainConfig())
	require.NoError(t, err)

	p, err := models.DecodeParams(models.EncodeParams(m.Params()))
	require.NoError(t, err)
	m2 := logistic(t, 8, 99)
	require.NoError(t, m2.SetParams(p))
	a, err := m.Predict(X)
	require.NoError(t, err)
	b, err := m2.Predict(X)
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

// TestModelsBuildConcurrently: hospitals in one process build MLP graphs
// at the same time; under the race detector (make check) this finds any
// shared state in graph building, such as gorgonia's group counter.
func TestModelsBuildConcurrently(t *testing.T) {
	X := [][]float64{{0.1, -0.2, 0.3}, {-0.4, 0.5, -0.6}}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := models.New(models.Spec{Kind: models.KindMLP, Features: 3, Hidden: []int{4, 3}}, int64(i))
			if err == nil {
				_, err = m.Predict(X)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "model %d", i)
	}
}
