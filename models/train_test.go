package models_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func logistic(t testing.TB, features int, seed int64) *models.Model {
	t.Helper()
	m, err := models.New(models.Spec{Kind: models.KindLogistic, Features: features}, seed)
	require.NoError(t, err)
	return m
}

func matrix(recs []records.Record) ([][]float64, []float64) { return records.Matrix(recs) }

func cohort(t testing.TB) []records.Site {
	t.Helper()
	sites, err := records.Synthetic(records.DefaultSyntheticConfig())
	require.NoError(t, err)
	return sites
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestTrainLearnsSyntheticSite(t *testing.T) {
	sites := cohort(t)
	tests := []struct {
		name string
		spec models.Spec
		cfg  models.TrainConfig
	}{
		{"logistic adam", models.Spec{Kind: models.KindLogistic, Features: 8}, models.DefaultTrainConfig()},
		{"logistic sgd", models.Spec{Kind: models.KindLogistic, Features: 8},
			models.TrainConfig{Epochs: 10, BatchSize: 16, LearningRate: 0.5, Optimizer: models.OptimizerSGD, Seed: 3}},
		{"mlp adam", models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{16}},
			models.TrainConfig{Epochs: 20, BatchSize: 32, LearningRate: 0.01, Optimizer: models.OptimizerAdam, Seed: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := models.New(tt.spec, 7)
			require.NoError(t, err)
			// Train on every site's consented records, test on every site's
			// test records.
			var train, test []records.Record
			for _, s := range sites {
				train = append(train, records.ConsentedOnly(s.Train, s.Consents)...)
				test = append(test, s.Test...)
			}
			X, y := records.Matrix(train)
			Xt, yt := records.Matrix(test)

			before, err := m.Predict(Xt)
			require.NoError(t, err)
			res, err := m.Train(ctxT(t), X, y, tt.cfg)
			require.NoError(t, err)
			assert.Equal(t, len(X), res.Samples)
			assert.Equal(t, tt.cfg.Epochs*((len(X)+tt.cfg.BatchSize-1)/tt.cfg.BatchSize), res.Steps)
			assert.Less(t, res.Loss, 0.45)

			probs, err := m.Predict(Xt)
			require.NoError(t, err)
			ev := models.Evaluate(probs, yt)
			t.Logf("accuracy %.3f (untrained %.3f) AUC %.3f logloss %.3f", ev.Accuracy(), models.Evaluate(before, yt).Accuracy(), ev.AUC(), ev.LogLoss())
			assert.GreaterOrEqual(t, ev.Accuracy(), 0.85)
			assert.GreaterOrEqual(t, ev.AUC(), 0.9)
			majority := 0.0
			for _, v := range yt {
				majority += v
			}
			majority = max(majority, float64(len(yt))-majority) / float64(len(yt))
			assert.Greater(t, ev.Accuracy(), majority+0.2, "clearly beats chance")
		})
	}
}

func TestTrainSingleSiteBeatsChance(t *testing.T) {
	sites := cohort(t)
	for _, s := range sites {
		t.Run(s.Name, func(t *testing.T) {
			m := logistic(t, 8, 1)
			X, y := records.Matrix(records.ConsentedOnly(s.Train, s.Consents))
			cfg := models.DefaultTrainConfig()
			cfg.Epochs = 20 // the smallest site has ~130 consented records
			_, err := m.Train(ctxT(t), X, y, cfg)
			require.NoError(t, err)
			Xt, yt := records.Matrix(s.Test)
			probs, err := m.Predict(Xt)
			require.NoError(t, err)
			pos := 0.0
			for _, v := range yt {
				pos += v
			}
			majority := max(pos, float64(len(yt))-pos) / float64(len(yt))
			acc := models.Evaluate(probs, yt).Accuracy()
			assert.GreaterOrEqual(t, acc, 0.8)
			assert.Greater(t, acc, majority+0.1, "clearly beats the majority class")
		})
	}
}

func TestTrainDeterministic(t *testing.T) {
	s := cohort(t)[0]
	X, y := records.Matrix(s.Train) // 7 batches of 32 and a partial one
	run := func(cfg models.TrainConfig, spec models.Spec) []float64 {
		m, err := models.New(spec, 42)
		require.NoError(t, err)
		_, err = m.Train(ctxT(t), X, y, cfg)
		require.NoError(t, err)
		return m.Params()
	}
	for _, spec := range []models.Spec{
		{Kind: models.KindLogistic, Features: 8},
		{Kind: models.KindMLP, Features: 8, Hidden: []int{8, 4}},
	} {
		t.Run(spec.Kind, func(t *testing.T) {
			cfg := models.DefaultTrainConfig()
			cfg.Epochs = 2
			a, b := run(cfg, spec), run(cfg, spec)
			require.Len(t, a, len(b))
			for i := range a {
				require.Equal(t, math.Float64bits(a[i]), math.Float64bits(b[i]), "parameter %d", i)
			}
			cfg.Seed++
			assert.NotEqual(t, a, run(cfg, spec), "another shuffle seed, other parameters")
		})
	}
}

func TestTrainRespectsContext(t *testing.T) {
	s := cohort(t)[0]
	X, y := records.Matrix(s.Train)
	cfg := models.DefaultTrainConfig()
	cfg.Epochs, cfg.BatchSize = models.MaxEpochs, 1

	t.Run("already cancelled", func(t *testing.T) {
		m := logistic(t, 8, 1)
		before := m.Params()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res, err := m.Train(ctx, X, y, cfg)
		require.ErrorIs(t, err, context.Canceled)
		assert.Zero(t, res.Steps)
		assert.Equal(t, before, m.Params())
	})
	t.Run("deadline mid-training", func(t *testing.T) {
		m := logistic(t, 8, 1)
		before := m.Params()
		// The deadline passes at the context's tenth check, whatever the
		// machine's speed: a 100 ms one passed, under -race on a loaded
		// machine, before the first step.
		ctx := &expiresAtCheck{Context: context.Background(), checks: 10}
		res, err := m.Train(ctx, X, y, cfg)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Positive(t, res.Steps)
		assert.Less(t, res.Steps, 10, "stopped at the deadline")
		assert.Equal(t, before, m.Params(), "parameters unchanged on error")
	})
}

// expiresAtCheck is a context whose deadline passes once its Err has been
// asked checks times.
type expiresAtCheck struct {
	context.Context
	checks int
}

func (c *expiresAtCheck) Err() error {
	if c.checks--; c.checks <= 0 {
		return context.DeadlineExceeded
	}
	return nil
}

func TestTrainRejectsBadInput(t *testing.T) {
	good := [][]float64{{1, 2}, {3, 4}}
	tests := []struct {
		name string
		X    [][]float64
		y    []float64
		cfg  func(*models.TrainConfig)
		want error
	}{
		{"no data", nil, nil, nil, models.ErrNoData},
		{"length mismatch", good, []float64{1}, nil, models.ErrShape},
		{"short row", [][]float64{{1}, {3, 4}}, []float64{0, 1}, nil, models.ErrShape},
		{"NaN feature", [][]float64{{math.NaN(), 2}, {3, 4}}, []float64{0, 1}, nil, models.ErrNonFinite},
		{"label out of range", good, []float64{0, 2}, nil, models.ErrNonFinite},
		{"zero epochs", good, []float64{0, 1}, func(c *models.TrainConfig) { c.Epochs = 0 }, models.ErrInvalidTrainConfig},
		{"zero batch", good, []float64{0, 1}, func(c *models.TrainConfig) { c.BatchSize = 0 }, models.ErrInvalidTrainConfig},
		{"negative rate", good, []float64{0, 1}, func(c *models.TrainConfig) { c.LearningRate = -1 }, models.ErrInvalidTrainConfig},
		{"unknown optimizer", good, []float64{0, 1}, func(c *models.TrainConfig) { c.Optimizer = "lbfgs" }, models.ErrInvalidTrainConfig},
		{"NaN mu", good, []float64{0, 1}, func(c *models.TrainConfig) { c.ProximalMu = math.NaN() }, models.ErrInvalidTrainConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := logistic(t, 2, 1)
			cfg := models.DefaultTrainConfig()
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			_, err := m.Train(ctxT(t), tt.X, tt.y, cfg)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestTrainDivergenceKeepsParams(t *testing.T) {
	m := logistic(t, 1, 1)
	before := m.Params()
	X := [][]float64{{1e300}, {-1e300}}
	_, err := m.Train(ctxT(t), X, []float64{1, 0}, models.TrainConfig{Epochs: 3, BatchSize: 2, LearningRate: 1e10, Optimizer: models.OptimizerSGD})
	require.ErrorIs(t, err, models.ErrNonFinite)
	assert.Equal(t, before, m.Params())
}

func TestTrainProximalTermLimitsDrift(t *testing.T) {
	s := cohort(t)[1]
	X, y := records.Matrix(s.Train)
	drift := func(mu float64) float64 {
		m := logistic(t, 8, 1)
		start := m.Params()
		cfg := models.DefaultTrainConfig()
		cfg.ProximalMu = mu
		_, err := m.Train(ctxT(t), X, y, cfg)
		require.NoError(t, err)
		d := 0.0
		for i, v := range m.Params() {
			d += (v - start[i]) * (v - start[i])
		}
		return math.Sqrt(d)
	}
	free, prox := drift(0), drift(10)
	t.Logf("drift without proximal term %.3f, with μ=10 %.3f", free, prox)
	assert.Less(t, prox, free/3)
}
