package models

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDatasetRoundTripAndReferenceUpdate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	d := Dataset{}
	for i := 0; i < 40; i++ {
		x := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		y := 0.0
		if x[0]+0.5*x[1] > 0 {
			y = 1
		}
		d.X, d.Y = append(d.X, x), append(d.Y, y)
	}
	b, err := d.MarshalBinary()
	require.NoError(t, err)
	var back Dataset
	require.NoError(t, back.UnmarshalBinary(b))
	assert.Equal(t, d, back)
	h1, err := d.Hash()
	require.NoError(t, err)
	h2, err := back.Hash()
	require.NoError(t, err)
	assert.Equal(t, h1, h2)

	for _, bad := range [][]byte{nil, []byte("{}"), []byte(`{"x":[[1]],"y":[1,0]}`), []byte(`{"x":[[1]],"y":[1],"z":1}`)} {
		assert.Error(t, new(Dataset).UnmarshalBinary(bad), "%s", bad)
	}

	spec := Spec{Kind: KindLogistic, Features: 3}
	global := make([]float64, 4)
	cfg := DefaultTrainConfig()
	u1, err := ReferenceUpdate(context.Background(), spec, global, d, cfg)
	require.NoError(t, err)
	u2, err := ReferenceUpdate(context.Background(), spec, global, back, cfg)
	require.NoError(t, err)
	assert.Equal(t, u1, u2, "deterministic: every member recomputes the same reference")
	assert.Greater(t, u1[0], 0.0, "the update moves towards the feature that predicts the label")
}

func TestSurvivalReferenceUpdate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	d := Dataset{}
	for range 40 {
		x := []float64{rng.NormFloat64(), rng.NormFloat64()}
		// A higher x[0] fails sooner; a third of the records are censored.
		tm := rng.ExpFloat64() * 1000 / math.Exp(x[0])
		e := 1.0
		if rng.Float64() < 1.0/3 {
			e = 0
		}
		d.X, d.Y, d.T = append(d.X, x), append(d.Y, e), append(d.T, tm)
	}
	b, err := d.MarshalBinary()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"t":[`)
	var back Dataset
	require.NoError(t, back.UnmarshalBinary(b))
	assert.Equal(t, d, back)
	assert.Error(t, new(Dataset).UnmarshalBinary([]byte(`{"x":[[1]],"y":[1],"t":[1,2]}`)), "one time per row")
	classifier, err := Dataset{X: d.X, Y: d.Y}.MarshalBinary()
	require.NoError(t, err)
	assert.NotContains(t, string(classifier), `"t"`, "a classifier's root set encodes as before")

	for _, spec := range []Spec{{Kind: KindCox, Features: 2}, {Kind: KindLogisticHazard, Features: 2, Intervals: []float64{300, 1000, 3000}}} {
		m, err := New(spec, 1)
		require.NoError(t, err)
		global := make([]float64, m.NumParams())
		u, err := ReferenceUpdate(context.Background(), spec, global, d, DefaultTrainConfig())
		require.NoError(t, err, spec.Kind)
		assert.Greater(t, u[0], 0.0, "%s: the update raises the risk of the feature that shortens survival", spec.Kind)
		_, err = ReferenceUpdate(context.Background(), spec, global, Dataset{X: d.X, Y: d.Y}, DefaultTrainConfig())
		assert.ErrorIs(t, err, ErrShape, "%s: a survival root set without times", spec.Kind)
	}
}
