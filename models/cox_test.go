package models

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coxReference is the negative log partial likelihood, mean over events,
// computed in plain Go from a linear predictor: Breslow gives each tied
// event the whole risk set; Efron removes l/m of the m tied events' hazard
// for the l-th of them.
func coxReference(eta, times, events []float64, ties string) float64 {
	loss, e := 0.0, 0.0
	done := map[float64]bool{}
	for i := range eta {
		if events[i] < 0.5 || done[times[i]] {
			continue
		}
		done[times[i]] = true
		var tied []int
		risk, tiedRisk := 0.0, 0.0
		for j := range eta {
			if times[j] >= times[i] {
				risk += math.Exp(eta[j])
			}
			if times[j] == times[i] && events[j] >= 0.5 {
				tied = append(tied, j)
				tiedRisk += math.Exp(eta[j])
			}
		}
		m := float64(len(tied))
		for l, j := range tied {
			denom := risk
			if ties == TiesEfron {
				denom -= float64(l) / m * tiedRisk
			}
			loss -= eta[j] - math.Log(denom)
			e++
		}
	}
	return loss / e
}

// survivalData draws n records whose hazard is exp(β·x), β = (1, −0.5, 0),
// with independent censoring and times rounded to make ties.
func survivalData(n int, seed uint64) (X [][]float64, times, events []float64) {
	rng := rand.New(rand.NewPCG(seed, 9))
	beta := []float64{1, -0.5, 0}
	for range n {
		x := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		eta := beta[0]*x[0] + beta[1]*x[1] + beta[2]*x[2]
		t := rng.ExpFloat64() / math.Exp(eta)
		c := rng.ExpFloat64() * 2
		ev := 1.0
		if c < t {
			t, ev = c, 0
		}
		X = append(X, x)
		times = append(times, math.Round(t*10)/10)
		events = append(events, ev)
	}
	return X, times, events
}

func TestCoxLossAndGradient(t *testing.T) {
	X, times, events := survivalData(25, 1)
	for _, ties := range []string{TiesBreslow, TiesEfron} {
		t.Run(ties, func(t *testing.T) {
			spec := Spec{Kind: KindCox, Features: 3, Ties: ties}
			p := []float64{0.3, -0.2, 0.1, 0}
			loss, grad, err := lossAndGrad(spec, p, X, events, times)
			require.NoError(t, err)
			eta := make([]float64, len(X))
			for i, x := range X {
				eta[i] = p[0]*x[0] + p[1]*x[1] + p[2]*x[2] + p[3]
			}
			assert.InDelta(t, coxReference(eta, times, events, ties), loss, 1e-12, "graph loss equals the reference partial likelihood")
			assert.InDelta(t, 0, grad[3], 1e-12, "the bias cancels out of the partial likelihood")
			const h = 1e-6
			for i := range p {
				up, down := append([]float64(nil), p...), append([]float64(nil), p...)
				up[i] += h
				down[i] -= h
				lu, _, err := lossAndGrad(spec, up, X, events, times)
				require.NoError(t, err)
				ld, _, err := lossAndGrad(spec, down, X, events, times)
				require.NoError(t, err)
				assert.InDelta(t, (lu-ld)/(2*h), grad[i], 1e-6, "parameter %d", i)
			}
		})
	}
	// With ties present Efron and Breslow differ.
	bl, _, err := lossAndGrad(Spec{Kind: KindCox, Features: 3}, []float64{0.3, -0.2, 0.1, 0}, X, events, times)
	require.NoError(t, err)
	el, _, err := lossAndGrad(Spec{Kind: KindCox, Features: 3, Ties: TiesEfron}, []float64{0.3, -0.2, 0.1, 0}, X, events, times)
	require.NoError(t, err)
	assert.Greater(t, bl, el, "Breslow overstates the risk sets of tied events")
}

func TestTrainSurvivalRecoversHazard(t *testing.T) {
	X, times, events := survivalData(400, 2)
	testX, testT, testE := survivalData(400, 3)
	for _, ties := range []string{TiesBreslow, TiesEfron} {
		t.Run(ties, func(t *testing.T) {
			m, err := New(Spec{Kind: KindCox, Features: 3, Ties: ties}, 1)
			require.NoError(t, err)
			res, err := m.TrainSurvival(context.Background(), X, times, events, TrainConfig{Epochs: 300, BatchSize: 400, LearningRate: 0.05, Optimizer: OptimizerAdam, Seed: 1})
			require.NoError(t, err)
			assert.Equal(t, 300, res.Steps, "one full-batch step per epoch")
			p := m.Params()
			assert.InDelta(t, 1, p[0], 0.25)
			assert.InDelta(t, -0.5, p[1], 0.2)
			assert.InDelta(t, 0, p[2], 0.2)
			risk, err := m.RiskScores(testX)
			require.NoError(t, err)
			c := CIndex(risk, testT, testE)
			assert.Greater(t, c, 0.7, "held-out C-index")
			_, err = m.Predict(testX)
			assert.ErrorIs(t, err, ErrInvalidSpec, "a Cox model predicts risks, not probabilities")
			_, err = m.Train(context.Background(), X, events, DefaultTrainConfig())
			assert.ErrorIs(t, err, ErrInvalidSpec)
		})
	}
}

func TestConcordance(t *testing.T) {
	times := []float64{1, 2, 3, 4}
	events := []float64{1, 1, 0, 1}
	// Comparable: (1,2) (1,3) (1,4) (2,3) (2,4); the censored 3 starts none.
	c, n := Concordance([]float64{4, 3, 2, 1}, times, events)
	assert.Equal(t, 5.0, n)
	assert.Equal(t, 5.0, c, "risk decreasing with time orders every pair")
	assert.Equal(t, 0.0, CIndex([]float64{1, 2, 3, 4}, times, events))
	assert.Equal(t, 0.5, CIndex([]float64{1, 1, 1, 1}, times, events), "tied risks count one half")
	assert.Equal(t, 0.5, CIndex([]float64{1, 2}, []float64{1, 2}, []float64{0, 0}), "no comparable pair")
	_, n = Concordance([]float64{1, 2}, []float64{1, 1}, []float64{1, 1})
	assert.Equal(t, 0.0, n, "equal times are not comparable")

	a := EvaluateSurvival([]float64{4, 3}, []float64{1, 2}, []float64{1, 1})
	b := EvaluateSurvival([]float64{1, 2}, []float64{1, 2}, []float64{1, 0})
	require.NoError(t, a.Validate())
	require.NoError(t, a.Merge(b))
	assert.Equal(t, 0.5, a.CIndex(), "merged pair counts: one concordant, one discordant pair")
	bad := a
	bad.Concordant = 9
	assert.ErrorIs(t, bad.Validate(), ErrInconsistentEvaluation)
}

func TestBaselineHazard(t *testing.T) {
	// Two events at 1 and 3 with all risks 0: H(1) = 1/3, H(3) = 1/3 + 1/1.
	h := NewBaselineHazard([]float64{0, 0, 0}, []float64{1, 2, 3}, []float64{1, 0, 1})
	assert.InDelta(t, 0, h.At(0.5), 1e-12)
	assert.InDelta(t, 1.0/3, h.At(1), 1e-12)
	assert.InDelta(t, 1.0/3, h.At(2.5), 1e-12)
	assert.InDelta(t, 4.0/3, h.At(3), 1e-12)
	assert.InDelta(t, math.Exp(-1.0/3*math.E), h.Survival(1, 1), 1e-12)
}
