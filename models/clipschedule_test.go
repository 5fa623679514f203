package models

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cohort-fl/cohort/models/privacy"
)

// With a clip norm schedule, round t's training clips to C·γ^(t−1) and its
// noise shares sum to σ times that: each round is a Gaussian mechanism of
// sensitivity C_t and noise σ·C_t, so with q = 1 the rounds compose to one
// Gaussian mechanism of μ² = Σ_t (C_t/(σ·C_t))². The ε PrivacySpent gives
// (and the chain records) is that mechanism's exact ε, found here from the
// round configurations' own clip norms and share sizes.
func TestClipScheduleSpendsTheGaussianEpsilonOfItsRounds(t *testing.T) {
	const sigma, clip, decay, rounds, delta = 5.0, 2.0, 0.8, 20, 1e-5
	cfg := distConfig(sigma, clip, 1, 1, 6, 2)
	cfg.Privacy.ClipDecay = decay
	mu2 := 0.0
	for round := 1; round <= rounds; round++ {
		rc := cfg.ForRound(round)
		if rc.Privacy.ClipDecay != 0 {
			t.Fatalf("round %d's configuration still schedules the clip norm (%v): Fit would refuse it", round, rc.Privacy.ClipDecay)
		}
		sensitivity := rc.Privacy.ClipNorm
		if want := clip * math.Pow(decay, float64(round-1)); math.Abs(sensitivity-want) > 1e-12*want {
			t.Fatalf("round %d clips to %v, want C·γ^(t−1) = %v", round, sensitivity, want)
		}
		noiseSD := rc.Privacy.NoiseShareSD() * math.Sqrt(float64(rc.Privacy.HonestShares()))
		mu2 += (sensitivity / noiseSD) * (sensitivity / noiseSD)
	}
	if cfg.Privacy.ClipNorm != clip || cfg.Privacy.ClipDecay != decay {
		t.Fatalf("ForRound changed the study's configuration: %+v", *cfg.Privacy)
	}
	mu := math.Sqrt(mu2)
	// ε: the smallest with GaussianDelta(ε, μ) ≤ δ, bisected here.
	lo, hi := 0.0, 50.0
	for hi-lo > 1e-10 {
		if mid := (lo + hi) / 2; privacy.GaussianDelta(mid, mu) > delta {
			lo = mid
		} else {
			hi = mid
		}
	}
	got, err := PrivacySpent(cfg, rounds)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-hi) > 1e-6 {
		t.Errorf("a clip schedule spends ε %v by PrivacySpent; its rounds' Gaussian mechanisms (μ %.4f) spend %v", got, mu, hi)
	}
	without := distConfig(sigma, clip, 1, 1, 6, 2)
	if w, _ := PrivacySpent(without, rounds); w != got {
		t.Errorf("ε %v with the schedule, %v without: the schedule scales sensitivity and noise alike and must cost the same", got, w)
	}
}

// One record added to a hospital moves round t's released sum of clipped
// gradients by exactly C_t = C·γ^(t−1) (its gradient is far above every
// C_t), never more: the schedule bounds each round's sensitivity.
func TestClipScheduleBoundsEachRoundsSensitivity(t *testing.T) {
	spec := Spec{Kind: KindLogistic, Features: 5}
	data, labels := threeHospitals(5)
	m, _ := New(spec, 3)
	start := m.Params()
	const q, lr, clip, decay = 1, 0.5, 0.3, 0.7
	cfg := distConfig(1.5, clip, q, lr, 3, 0)
	cfg.Privacy.ClipDecay = decay
	n := 0.0
	for _, X := range data {
		n += float64(len(X))
	}
	withOne := [][][]float64{data[0], append(append([][]float64{}, data[1]...), []float64{40, -30, 25, 10, -50}), data[2]}
	withLabel := [][]float64{labels[0], append(append([]float64{}, labels[1]...), 1), labels[2]}
	for _, round := range []int{1, 2, 7, 15} {
		rc := cfg.ForRound(round)
		seeds := []byte{4, 100 + byte(round), 6}
		before := federatedStep(t, spec, start, data, labels, rc, seeds)
		after := federatedStep(t, spec, start, withOne, withLabel, rc, seeds)
		diff := make([]float64, len(start))
		for j := range diff {
			diff[j] = (after[j]*(n+1) - before[j]*n) * q / lr
		}
		ct := clip * math.Pow(decay, float64(round-1))
		if d := l2Norm(diff); math.Abs(d-ct) > 1e-9 {
			t.Errorf("round %d: one record moved the released sum by %v; the round's clip norm is %v", round, d, ct)
		}
	}
}

// Train does not know the round, so a configuration that still schedules
// the clip norm is refused rather than clipped to round 1's norm.
func TestTrainRefusesAClipScheduleNotResolvedForItsRound(t *testing.T) {
	X, y := dpData(20, 3, 1)
	m, _ := New(Spec{Kind: KindLogistic, Features: 3}, 1)
	cfg := distConfig(2, 1, 1, 0.1, 1, 0)
	cfg.Privacy.ClipDecay = 0.9
	if _, err := m.Train(testCtx(t), X, y, cfg); !errors.Is(err, ErrInvalidTrainConfig) || !strings.Contains(err.Error(), "ForRound") {
		t.Errorf("err = %v, want ErrInvalidTrainConfig saying to train each round with ForRound", err)
	}
	if _, err := m.Train(testCtx(t), X, y, cfg.ForRound(3)); err != nil {
		t.Errorf("round 3's configuration: %v", err)
	}
}

// clip_decay is bound by the recipe hash; a value outside (0, 1] is refused
// naming the field, and 1 (no schedule) hashes as if left out.
func TestClipDecayRecipeValidation(t *testing.T) {
	const base = `{"model": {"kind": "logistic", "features": 4}, "rounds": 20,
		"local": {"optimizer": "sgd", "learning_rate": 1, "epochs": 1, "batch_size": 8},
		"privacy": {"noise_multiplier": 20, "clip_norm": 1, "sampling_rate": 1, "epsilon": 3, "delta": 1e-5,
		"mechanism": "distributed", "min_contributors": 3%s}}`
	parse := func(extra string) Recipe {
		t.Helper()
		r, err := ParseRecipe([]byte(strings.Replace(base, "%s", extra, 1)))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	plain, one, decayed := parse(""), parse(`, "clip_decay": 1`), parse(`, "clip_decay": 0.9`)
	hp, _ := plain.Hash()
	h1, _ := one.Hash()
	hd, _ := decayed.Hash()
	if hp != h1 {
		t.Error("clip_decay 1 hashes differently from leaving it out")
	}
	if hd == hp {
		t.Error("clip_decay 0.9 hashes as no schedule: the recipe hash must bind it")
	}
	if got := decayed.LocalTraining().ForRound(3).Privacy.ClipNorm; math.Abs(got-0.81) > 1e-12 {
		t.Errorf("round 3 clips to %v, want 1·0.9² = 0.81", got)
	}
	for _, v := range []string{"-0.5", "1.5", "1e400"} {
		_, err := ParseRecipe([]byte(strings.Replace(base, "%s", `, "clip_decay": `+v, 1)))
		if v == "1e400" {
			if err == nil {
				t.Errorf("clip_decay %s accepted", v)
			}
			continue
		}
		if !errors.Is(err, ErrInvalidRecipe) || !strings.Contains(err.Error(), "clip_decay is "+v) {
			t.Errorf("clip_decay %s: err = %v, want ErrInvalidRecipe naming clip_decay", v, err)
		}
	}
	if c := (PrivacyConfig{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 1, Epsilon: 1, Delta: 1e-5, ClipDecay: math.NaN()}); !errors.Is(c.Validate(), ErrInvalidTrainConfig) {
		t.Error("clip_decay NaN accepted")
	}
}
