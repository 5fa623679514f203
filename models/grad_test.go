package models

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bce is the reference mean binary cross-entropy computed in plain Go from
// the model's own Predict.
func bce(t *testing.T, spec Spec, p []float64, X [][]float64, y []float64) float64 {
	t.Helper()
	m, err := New(spec, 0)
	require.NoError(t, err)
	require.NoError(t, m.SetParams(p))
	probs, err := m.Predict(X)
	require.NoError(t, err)
	s := 0.0
	for i, q := range probs {
		s -= y[i]*math.Log(q) + (1-y[i])*math.Log(1-q)
	}
	return s / float64(len(X))
}

func TestGradientMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	X := make([][]float64, 13)
	y := make([]float64, len(X))
	for i := range X {
		X[i] = []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		if rng.Float64() < 0.5 {
			y[i] = 1
		}
	}
	tests := []struct {
		name string
		spec Spec
	}{
		{"logistic", Spec{Kind: KindLogistic, Features: 3}},
		{"mlp", Spec{Kind: KindMLP, Features: 3, Hidden: []int{4, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(tt.spec, 5)
			require.NoError(t, err)
			p := m.Params()
			for i := range p { // non-zero biases too
				p[i] += 0.1 * rng.NormFloat64()
			}
			loss, grad, err := lossAndGrad(tt.spec, p, X, y, nil)
			require.NoError(t, err)
			assert.InDelta(t, bce(t, tt.spec, p, X, y), loss, 1e-12, "graph loss equals reference loss")
			require.Len(t, grad, len(p))
			const h = 1e-6
			for i := range p {
				up, down := append([]float64(nil), p...), append([]float64(nil), p...)
				up[i] += h
				down[i] -= h
				lu, _, err := lossAndGrad(tt.spec, up, X, y, nil)
				require.NoError(t, err)
				ld, _, err := lossAndGrad(tt.spec, down, X, y, nil)
				require.NoError(t, err)
				numeric := (lu - ld) / (2 * h)
				assert.InDelta(t, numeric, grad[i], 1e-6, "parameter %d", i)
			}
		})
	}
}

func TestLogisticGradientClosedForm(t *testing.T) {
	// For logistic regression ∂L/∂w = mean((σ(z) − y)·x), ∂L/∂b = mean(σ(z) − y).
	spec := Spec{Kind: KindLogistic, Features: 2}
	p := []float64{0.5, -1, 0.25}
	X := [][]float64{{1, 2}, {-1, 0.5}, {3, -2}}
	y := []float64{1, 0, 1}
	want := make([]float64, 3)
	for i, x := range X {
		r := 1/(1+math.Exp(-(p[0]*x[0]+p[1]*x[1]+p[2]))) - y[i]
		want[0] += r * x[0] / 3
		want[1] += r * x[1] / 3
		want[2] += r / 3
	}
	_, grad, err := lossAndGrad(spec, p, X, y, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, want, grad, 1e-12)
}
