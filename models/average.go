package models

import (
	"errors"
	"fmt"
	"math"
)

// ErrNothingToAverage is TailAverage given no models.
var ErrNothingToAverage = errors.New("models: no models to average")

// TailAverage is the coefficient-wise mean of the given rounds' models,
// in the order given (the last K rounds of a study: tail averaging, a
// post-processing of published models, so it costs no privacy). The sum
// runs in that order so that anyone averaging the same models gets the
// same bits. Every model must have as many parameters as the first, and
// finite ones.
func TailAverage(rounds [][]float64) ([]float64, error) {
	if len(rounds) == 0 {
		return nil, ErrNothingToAverage
	}
	sum := make([]float64, len(rounds[0]))
	for r, p := range rounds {
		if len(p) != len(sum) {
			return nil, fmt.Errorf("models: model %d of %d has %d parameters, the first %d", r+1, len(rounds), len(p), len(sum))
		}
		for i, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("models: model %d of %d has a non-finite parameter %d", r+1, len(rounds), i)
			}
			sum[i] += v
		}
	}
	for i := range sum {
		sum[i] /= float64(len(rounds))
	}
	return sum, nil
}
