package models

import (
	"context"
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
