package models

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// dpData returns n records of f features with labels from a noisy linear
// rule, deterministic in seed.
func dpData(n, f int, seed uint64) ([][]float64, []float64) {
	r := rand.New(rand.NewPCG(seed, 7))
	X, y := make([][]float64, n), make([]float64, n)
	for i := range X {
		X[i] = make([]float64, f)
		s := 0.0
		for j := range X[i] {
			X[i][j] = r.NormFloat64()
			s += X[i][j] * float64(j%3-1)
		}
		if s+0.3*r.NormFloat64() > 0 {
			y[i] = 1
		}
	}
	return X, y
}

func fixedNoise(seed byte) *rand.Rand {
	var key [32]byte
	key[0] = seed
	return rand.New(rand.NewChaCha8(key))
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// With every record in every batch, clipping that never binds and
// negligible noise, one DP-SGD step is one plain gradient step on the mean
// loss: the per-record gradients summed are the batch gradient.
func TestPrivateStepIsGradientStepWithoutClipOrNoise(t *testing.T) {
	for _, spec := range []Spec{{Kind: KindLogistic, Features: 5}, {Kind: KindMLP, Features: 5, Hidden: []int{4}}} {
		t.Run(spec.Kind, func(t *testing.T) {
			X, y := dpData(40, 5, 1)
			m, err := New(spec, 3)
			if err != nil {
				t.Fatal(err)
			}
			start := m.Params()
			_, grad, err := lossAndGrad(spec, start, X, y, nil)
			if err != nil {
				t.Fatal(err)
			}
			cfg := TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.1, Optimizer: OptimizerSGD,
				Privacy: &PrivacyConfig{NoiseMultiplier: 1e-15, ClipNorm: 1e6, SamplingRate: 1, Epsilon: 1, Delta: 1e-5}}
			res, err := m.trainPrivate(testCtx(t), X, y, nil, cfg, fixedNoise(1))
			if err != nil {
				t.Fatal(err)
			}
			if res.Steps != 1 {
				t.Fatalf("%d steps, want 1", res.Steps)
			}
			for j, p := range m.Params() {
				if want := start[j] - 0.1*grad[j]; math.Abs(p-want) > 1e-9 {
					t.Fatalf("parameter %d = %v after one step, gradient step gives %v", j, p, want)
				}
			}
		})
	}
}

// The mean of clipped per-record gradients has norm at most C, so one SGD
// step moves the parameters by at most rate·C; the unclipped step is longer.
func TestPrivateStepIsClipped(t *testing.T) {
	X, y := dpData(40, 5, 2)
	spec := Spec{Kind: KindLogistic, Features: 5}
	m, _ := New(spec, 3)
	start := m.Params()
	_, grad, _ := lossAndGrad(spec, start, X, y, nil)
	const clip, rate = 0.01, 1.0
	if l2Norm(grad) <= 2*clip {
		t.Fatalf("test data too easy: gradient norm %v", l2Norm(grad))
	}
	cfg := TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: rate, Optimizer: OptimizerSGD,
		Privacy: &PrivacyConfig{NoiseMultiplier: 1e-12, ClipNorm: clip, SamplingRate: 1, Epsilon: 1, Delta: 1e-5}}
	if _, err := m.trainPrivate(testCtx(t), X, y, nil, cfg, fixedNoise(1)); err != nil {
		t.Fatal(err)
	}
	moved := make([]float64, len(start))
	for j, p := range m.Params() {
		moved[j] = p - start[j]
	}
	if d := l2Norm(moved); d > rate*clip*(1+1e-9) {
		t.Errorf("step length %v exceeds rate·C = %v", d, rate*clip)
	}
}

// The noise added to the summed gradient has standard deviation σ·C, so with
// noise far above the gradients one SGD step moves each coordinate by about
// rate·σ·C/(q·n).
func TestPrivateNoiseHasTheConfiguredScale(t *testing.T) {
	X, y := dpData(50, 4, 3)
	spec := Spec{Kind: KindMLP, Features: 4, Hidden: []int{64}} // 385 parameters
	m, _ := New(spec, 3)
	start := m.Params()
	const sigma, clip, rate = 50.0, 1.0, 1.0
	cfg := TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: rate, Optimizer: OptimizerSGD,
		Privacy: &PrivacyConfig{NoiseMultiplier: sigma, ClipNorm: clip, SamplingRate: 1, Epsilon: 1, Delta: 1e-5}}
	if _, err := m.trainPrivate(testCtx(t), X, y, nil, cfg, fixedNoise(2)); err != nil {
		t.Fatal(err)
	}
	ss := 0.0
	for j, p := range m.Params() {
		ss += (p - start[j]) * (p - start[j])
	}
	got := math.Sqrt(ss / float64(len(start)))
	want := rate * sigma * clip / float64(len(X))
	if math.Abs(got-want) > 0.15*want {
		t.Errorf("per-coordinate step sd %v, want about %v", got, want)
	}
}

// Train keys its noise from crypto/rand: two runs with equal public
// configuration (Seed included) differ, so the noise cannot be replayed from
// the recipe.
func TestPrivateTrainNoiseIsNotFromSeed(t *testing.T) {
	X, y := dpData(60, 4, 4)
	spec := Spec{Kind: KindLogistic, Features: 4}
	cfg := TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.05, Optimizer: OptimizerAdam, Seed: 9,
		Privacy: &PrivacyConfig{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 0.2, Epsilon: 1, Delta: 1e-5}}
	a, _ := New(spec, 3)
	b, _ := New(spec, 3)
	ra, err := a.Train(testCtx(t), X, y, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Train(testCtx(t), X, y, cfg); err != nil {
		t.Fatal(err)
	}
	if ra.Steps != 5 || StepsPerTrain(cfg) != 5 {
		t.Errorf("%d steps (StepsPerTrain %d), want 1 epoch / q 0.2 = 5", ra.Steps, StepsPerTrain(cfg))
	}
	same := true
	for j, p := range a.Params() {
		same = same && p == b.Params()[j]
	}
	if same {
		t.Error("two private runs with the same Seed gave identical parameters")
	}
}

// DP-SGD still learns: at a noise multiplier of 1 the private model
// separates the classes nearly as well as the rule that made them.
func TestPrivateTrainLearns(t *testing.T) {
	X, y := dpData(600, 6, 5)
	Xt, yt := dpData(400, 6, 6)
	m, _ := New(Spec{Kind: KindLogistic, Features: 6}, 3)
	cfg := TrainConfig{Epochs: 5, BatchSize: 1, LearningRate: 0.05, Optimizer: OptimizerAdam,
		Privacy: &PrivacyConfig{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 0.05, Epsilon: 10, Delta: 1e-5}}
	if _, err := m.trainPrivate(testCtx(t), X, y, nil, cfg, fixedNoise(3)); err != nil {
		t.Fatal(err)
	}
	p, err := m.Predict(Xt)
	if err != nil {
		t.Fatal(err)
	}
	if acc := Evaluate(p, yt).Accuracy(); acc < 0.85 {
		t.Errorf("private accuracy %.3f, want ≥ 0.85", acc)
	}
	eps, err := PrivacySpent(cfg, 1)
	if err != nil || !(eps > 0 && eps < 10) {
		t.Errorf("ε of the run = %v (%v)", eps, err)
	}
}

func TestPrivacySpentGrowsWithRounds(t *testing.T) {
	cfg := TrainConfig{Epochs: 2, BatchSize: 1, LearningRate: 0.05, Optimizer: OptimizerAdam,
		Privacy: &PrivacyConfig{NoiseMultiplier: 1.2, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 10, Delta: 1e-5}}
	prev := 0.0
	for r := 1; r <= 4; r++ {
		eps, err := PrivacySpent(cfg, r)
		if err != nil {
			t.Fatal(err)
		}
		if !(eps > prev) {
			t.Errorf("round %d: ε %v not above %v", r, eps, prev)
		}
		prev = eps
	}
	if eps, _ := PrivacySpent(TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 1, Optimizer: OptimizerSGD}, 1); !math.IsInf(eps, 1) {
		t.Errorf("non-private training spends ε %v, want +Inf", eps)
	}
}

func TestPrivacyConfigValidate(t *testing.T) {
	base := TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 0.1, Optimizer: OptimizerSGD}
	for _, p := range []PrivacyConfig{
		{NoiseMultiplier: 0, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 1, Delta: 1e-5},
		{NoiseMultiplier: 1, ClipNorm: -1, SamplingRate: 0.1, Epsilon: 1, Delta: 1e-5},
		{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 0, Epsilon: 1, Delta: 1e-5},
		{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 1.5, Epsilon: 1, Delta: 1e-5},
		{NoiseMultiplier: math.Inf(1), ClipNorm: 1, SamplingRate: 0.1, Epsilon: 1, Delta: 1e-5},
		{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 0, Delta: 1e-5},
		{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 1, Delta: 0},
		{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 1, Delta: 1},
	} {
		cfg := base
		cfg.Privacy = &p
		if err := cfg.Validate(); !errors.Is(err, ErrInvalidTrainConfig) {
			t.Errorf("%+v: err = %v, want ErrInvalidTrainConfig", p, err)
		}
	}
}
