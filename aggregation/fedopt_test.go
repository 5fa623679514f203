package aggregation

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFedOptHandComputed(t *testing.T) {
	// β₁ = β₂ = ½ and τ = 1 keep the arithmetic checkable by hand; v starts
	// at τ² = 1 and m at 0.
	adaptive := func(kind string) FedOptConfig {
		return FedOptConfig{Kind: kind, LearningRate: 1, Beta1: 0.5, Beta2: 0.5, Tau: 1}
	}
	tests := []struct {
		name   string
		cfg    FedOptConfig
		global []float64
		deltas [][]float64
		want   [][]float64 // the global model after each step
	}{
		{"fedavg η=1 adds the average update", FedOptConfig{Kind: FedAvg, LearningRate: 1},
			[]float64{1, 2}, [][]float64{{0.5, -1}, {0.25, 0}}, [][]float64{{1.5, 1}, {1.75, 1}}},
		{"fedavg η=½", FedOptConfig{Kind: FedAvg, LearningRate: 0.5},
			[]float64{1, 2}, [][]float64{{2, -4}}, [][]float64{{2, 0}}},
		// Step 1: m = ½·7 = 3.5, v = ½·1 + ½·49 = 25, x = 3.5/(5+1).
		// Step 2: m = ½·3.5 − ½ = 1.25, v = ½·25 + ½·1 = 13.
		{"fedadam", adaptive(FedAdam), []float64{0}, [][]float64{{7}, {-1}},
			[][]float64{{3.5 / 6}, {3.5/6 + 1.25/(math.Sqrt(13)+1)}}},
		// Step 1: m = 1.5, v = 1 + 9 = 10. Step 2: m = ½·1.5 + ½·1 = 1.25, v = 10 + 1 = 11.
		{"fedadagrad", adaptive(FedAdagrad), []float64{0}, [][]float64{{3}, {1}},
			[][]float64{{1.5 / (math.Sqrt(10) + 1)}, {1.5/(math.Sqrt(10)+1) + 1.25/(math.Sqrt(11)+1)}}},
		// Step 1: v = 1 − ½·49·sign(1 − 49) = 25.5, m = 3.5.
		// Step 2: v = 25.5 − ½·1·sign(25.5 − 1) = 25, m = ½·3.5 + ½·1 = 2.25.
		{"fedyogi", adaptive(FedYogi), []float64{0}, [][]float64{{7}, {1}},
			[][]float64{{3.5 / (math.Sqrt(25.5) + 1)}, {3.5/(math.Sqrt(25.5)+1) + 2.25/6}}},
		// η scales the step: FedAdam with η = 0.1 on the first step above.
		{"fedadam η=0.1", FedOptConfig{Kind: FedAdam, LearningRate: 0.1, Beta1: 0.5, Beta2: 0.5, Tau: 1},
			[]float64{10}, [][]float64{{7}}, [][]float64{{10 + 0.1*3.5/6}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := NewFedOpt(tt.cfg)
			require.NoError(t, err)
			x := tt.global
			for i, d := range tt.deltas {
				x, err = o.Step(x, d)
				require.NoError(t, err)
				assert.InDeltaSlice(t, tt.want[i], x, 1e-12, "after step %d", i+1)
			}
			assert.Equal(t, uint64(len(tt.deltas)), o.Steps())
		})
	}
}

func TestFedOptDeterministicAndResumable(t *testing.T) {
	for _, kind := range []string{FedAvg, FedAdagrad, FedYogi, FedAdam} {
		t.Run(kind, func(t *testing.T) {
			deltas := [][]float64{{0.1, -0.2, 0.3}, {-0.05, 0.1, 0.2}, {0.01, 0.02, -0.03}, {0.2, 0.1, 0}}
			run := func(o *FedOpt, x []float64, ds [][]float64) []float64 {
				for _, d := range ds {
					var err error
					x, err = o.Step(x, d)
					require.NoError(t, err)
				}
				return x
			}
			a, err := NewFedOpt(DefaultFedOptConfig(kind))
			require.NoError(t, err)
			b, err := NewFedOpt(DefaultFedOptConfig(kind))
			require.NoError(t, err)
			x0 := []float64{1, 2, 3}
			xa := run(a, x0, deltas)
			assert.Equal(t, xa, run(b, x0, deltas), "same inputs, bit-identical model")

			// Persist after two steps, restore, and continue: same result.
			c, err := NewFedOpt(DefaultFedOptConfig(kind))
			require.NoError(t, err)
			mid := run(c, x0, deltas[:2])
			blob, err := c.MarshalBinary()
			require.NoError(t, err)
			var restored FedOpt
			require.NoError(t, restored.UnmarshalBinary(blob))
			assert.Equal(t, c.Config(), restored.Config())
			assert.Equal(t, uint64(2), restored.Steps())
			assert.Equal(t, xa, run(&restored, mid, deltas[2:]))
		})
	}
}

func TestFedOptErrors(t *testing.T) {
	t.Run("config", func(t *testing.T) {
		tests := []struct {
			name string
			cfg  FedOptConfig
		}{
			{"unknown kind", FedOptConfig{Kind: "fedsgd", LearningRate: 1}},
			{"zero rate", FedOptConfig{Kind: FedAvg}},
			{"NaN rate", FedOptConfig{Kind: FedAvg, LearningRate: math.NaN()}},
			{"beta1 of one", FedOptConfig{Kind: FedAdam, LearningRate: 1, Beta1: 1, Beta2: 0.9, Tau: 1e-3}},
			{"beta2 negative", FedOptConfig{Kind: FedYogi, LearningRate: 1, Beta1: 0.9, Beta2: -0.1, Tau: 1e-3}},
			{"no tau", FedOptConfig{Kind: FedAdagrad, LearningRate: 1, Beta1: 0.9}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := NewFedOpt(tt.cfg)
				require.ErrorIs(t, err, ErrInvalidFedOpt)
			})
		}
	})
	t.Run("step", func(t *testing.T) {
		o, err := NewFedOpt(DefaultFedOptConfig(FedAdam))
		require.NoError(t, err)
		_, err = o.Step([]float64{1, 2}, []float64{1})
		require.ErrorIs(t, err, ErrLengthMismatch)
		_, err = o.Step([]float64{1}, []float64{math.Inf(1)})
		require.ErrorIs(t, err, ErrInvalidValue)
		assert.Zero(t, o.Steps(), "a failed step leaves the state unchanged")
		_, err = o.Step([]float64{1}, []float64{0.5})
		require.NoError(t, err)
		_, err = o.Step([]float64{1, 2}, []float64{0.5, 0.5})
		require.ErrorIs(t, err, ErrLengthMismatch, "the state belongs to a 1-parameter model")
	})
	t.Run("state", func(t *testing.T) {
		for name, blob := range map[string]string{
			"not JSON":          "nope",
			"wrong version":     `{"version":9,"config":{"kind":"fedavg","learning_rate":1}}`,
			"invalid config":    `{"version":1,"config":{"kind":"fedavg","learning_rate":0}}`,
			"ragged moments":    `{"version":1,"config":{"kind":"fedadam","learning_rate":1,"beta1":0.9,"beta2":0.99,"tau":0.001},"m":[1],"v":[]}`,
			"negative v":        `{"version":1,"config":{"kind":"fedadam","learning_rate":1,"beta1":0.9,"beta2":0.99,"tau":0.001},"m":[1],"v":[-1]}`,
			"fedavg with state": `{"version":1,"config":{"kind":"fedavg","learning_rate":1},"m":[1],"v":[1]}`,
		} {
			t.Run(name, func(t *testing.T) {
				var o FedOpt
				require.ErrorIs(t, o.UnmarshalBinary([]byte(blob)), ErrInvalidFedOpt)
			})
		}
	})
}
