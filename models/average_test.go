package models

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TailAverage is the coefficient-wise mean: exact figures on three
// rounds' models, and one model alone is itself.
func TestTailAverageIsTheCoefficientWiseMean(t *testing.T) {
	avg, err := TailAverage([][]float64{{1, -2, 0.5}, {3, 4, 0.25}, {5, 1, 0}})
	require.NoError(t, err)
	assert.Equal(t, []float64{3, 1, 0.25}, avg)
	one, err := TailAverage([][]float64{{0.1, 0.2}})
	require.NoError(t, err)
	assert.Equal(t, []float64{0.1, 0.2}, one)
}

func TestTailAverageRefusesWhatItCannotAverage(t *testing.T) {
	_, err := TailAverage(nil)
	assert.True(t, errors.Is(err, ErrNothingToAverage), "no models: %v", err)
	_, err = TailAverage([][]float64{{1, 2}, {1}})
	assert.ErrorContains(t, err, "model 2 of 2 has 1 parameters, the first 2")
	_, err = TailAverage([][]float64{{1, 2}, {math.NaN(), 0}})
	assert.ErrorContains(t, err, "non-finite")
}
