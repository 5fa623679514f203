package models

import (
	"errors"
	"math"
	"testing"
)

var hazardSpec = Spec{Kind: KindLogisticHazard, Features: 3, Intervals: []float64{0.25, 0.5, 1, 1.5}}

func TestLogisticHazardSpec(t *testing.T) {
	if err := hazardSpec.Validate(); err != nil {
		t.Fatal(err)
	}
	if got, want := hazardSpec.numParams(), 3+3+1; got != want {
		t.Errorf("a linear model of 3 features and 4 intervals has %d parameters, want %d (weights, 3 interval offsets, bias)", got, want)
	}
	for _, bad := range []Spec{
		{Kind: KindLogisticHazard, Features: 3},
		{Kind: KindLogisticHazard, Features: 3, Intervals: []float64{0, 10}},
		{Kind: KindLogisticHazard, Features: 3, Intervals: []float64{10, 10}},
		{Kind: KindLogisticHazard, Features: 3, Intervals: []float64{10, math.Inf(1)}},
		{Kind: KindCox, Features: 3, Intervals: []float64{10}},
		{Kind: KindLogistic, Features: 3, Intervals: []float64{10}},
	} {
		if err := bad.Validate(); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("%+v: got %v, want ErrInvalidSpec", bad, err)
		}
	}
}

// Each record is at risk in the intervals it lived through: up to and
// including its event's, before the one it was censored in, and every
// interval when followed past the last end.
func TestPersonPeriods(t *testing.T) {
	X := [][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {0, 0, 1}, {1, 1, 1}}
	times := []float64{0.6, 0.6, 2, 0.1, 0.25}
	events := []float64{1, 0, 1, 0, 1}
	rows, labels, groups := hazardSpec.personPeriods(X, times, events)
	wantRows := []int{3, 2, 4, 0, 1}
	wantLabels := []float64{0, 0, 1 /* event in (0.5, 1] */, 0, 0 /* censored there */, 0, 0, 0, 0 /* past the last end */, 1 /* at 0.25, the first end */}
	for i, g := range groups {
		if len(g) != wantRows[i] {
			t.Errorf("record %d has %d rows, want %d", i, len(g), wantRows[i])
		}
	}
	if len(labels) != len(wantLabels) {
		t.Fatalf("%d rows, want %d", len(labels), len(wantLabels))
	}
	for i := range labels {
		if labels[i] != wantLabels[i] {
			t.Errorf("row %d labelled %v, want %v", i, labels[i], wantLabels[i])
		}
	}
	// Record 0's third row: its features and the third interval's indicator.
	if got, want := rows[groups[0][2]], []float64{1, 2, 3, 0, 1, 0}; !equalFloats(got, want) {
		t.Errorf("row %v, want %v", got, want)
	}
	if got, want := rows[groups[0][0]], []float64{1, 2, 3, 0, 0, 0}; !equalFloats(got, want) {
		t.Errorf("first interval's row %v, want %v (its baseline is the bias)", got, want)
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Trained on its records, with and without DP-SGD, the model orders
// held-out records by risk far better than chance.
func TestLogisticHazardLearns(t *testing.T) {
	X, times, events := survivalData(600, 1)
	Xt, tt, et := survivalData(300, 2)
	for _, tc := range []struct {
		name string
		cfg  TrainConfig
		min  float64
	}{
		{"plain", TrainConfig{Epochs: 20, BatchSize: 64, LearningRate: 0.05, Optimizer: OptimizerAdam, Seed: 1}, 0.75},
		{"DP-SGD", TrainConfig{Epochs: 5, BatchSize: 1, LearningRate: 0.05, Optimizer: OptimizerAdam,
			Privacy: &PrivacyConfig{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 10, Delta: 1e-5}}, 0.7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := New(hazardSpec, 1)
			if err != nil {
				t.Fatal(err)
			}
			res, err := m.Fit(testCtx(t), X, events, times, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if res.Samples != len(X) {
				t.Errorf("trained on %d samples, want the %d records (not their rows)", res.Samples, len(X))
			}
			ev, err := m.Evaluate(Xt, et, tt)
			if err != nil {
				t.Fatal(err)
			}
			if c := ev.Concordant / ev.Comparable; c < tc.min {
				t.Errorf("C-index %.3f, want at least %.2f", c, tc.min)
			}
			if _, err := m.Predict(Xt); !errors.Is(err, ErrInvalidSpec) {
				t.Errorf("Predict of a survival model: got %v, want ErrInvalidSpec", err)
			}
		})
	}
}

// DP-SGD clips a record's gradient summed over all its rows, not each row:
// one record with every batch, noise negligible and plain SGD at rate 1
// moves the parameters by exactly the clip norm, however many rows it has.
func TestPrivateHazardClipsPerRecord(t *testing.T) {
	X := [][]float64{{3, -3, 3}}
	times, events := []float64{1.2}, []float64{1} // at risk in 4 intervals
	m, err := New(hazardSpec, 1)
	if err != nil {
		t.Fatal(err)
	}
	rows, labels, groups := hazardSpec.personPeriods(X, times, events)
	if len(groups[0]) != 4 {
		t.Fatalf("the record has %d rows, want 4", len(groups[0]))
	}
	net := m.network()
	start := net.Params()
	const clip = 0.5
	cfg := TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 1, Optimizer: OptimizerSGD,
		Privacy: &PrivacyConfig{NoiseMultiplier: 1e-15, ClipNorm: clip, SamplingRate: 1, Epsilon: 1, Delta: 1e-5}}
	if _, err := net.trainPrivate(testCtx(t), rows, labels, groups, cfg, fixedNoise(1)); err != nil {
		t.Fatal(err)
	}
	moved := 0.0
	for i, v := range net.Params() {
		moved += (v - start[i]) * (v - start[i])
	}
	if math.Abs(math.Sqrt(moved)-clip) > 1e-9 {
		t.Errorf("the parameters moved by %.6f, want the clip norm %.2f", math.Sqrt(moved), clip)
	}
}
