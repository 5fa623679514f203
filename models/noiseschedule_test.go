package models

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cohort-fl/cohort/models/privacy"
)

// gaussianEpsilonOf is the ε at delta of one Gaussian mechanism of
// sensitivity 1 and noise 1/mu, bisected here on GaussianDelta.
func gaussianEpsilonOf(mu, delta float64) float64 {
	lo, hi := 0.0, 100.0
	for hi-lo > 1e-10 {
		if mid := (lo + hi) / 2; privacy.GaussianDelta(mid, mu) > delta {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// With a noise schedule and q = 1, round t's aggregate is a Gaussian
// mechanism of sensitivity C and noise σ_t·C, σ_t = σ·ρ^(t−1): rounds 1..r
// compose to one of μ² = Σ_t (C/(σ_t·C))². The ε PrivacySpent gives after
// every round r (what the chain records and every hospital checks) is that
// mechanism's exact ε, found here from the round configurations' own share
// sizes; and the base σ fitted as the constant one times
// NoiseScheduleFactor spends the budget after the last round.
func TestNoiseScheduleSpendsTheGaussianEpsilonOfItsRounds(t *testing.T) {
	const clip, decay, rounds, delta = 2.0, 0.9, 20, 1e-5
	constant, err := privacy.NoiseMultiplier(1, delta, 1, rounds)
	if err != nil {
		t.Fatal(err)
	}
	cfg := distConfig(1, clip, 1, 1, 6, 2)
	cfg.Privacy.NoiseDecay, cfg.Privacy.Epsilon = decay, 1
	cfg.Privacy.NoiseMultiplier = constant * cfg.Privacy.NoiseScheduleFactor(rounds)
	mu2 := 0.0
	for round := 1; round <= rounds; round++ {
		rc := cfg.ForRound(round)
		if rc.Privacy.NoiseDecay != 0 {
			t.Fatalf("round %d's configuration still schedules the noise (%v): Fit would refuse it", round, rc.Privacy.NoiseDecay)
		}
		want := cfg.Privacy.NoiseMultiplier * math.Pow(decay, float64(round-1))
		if math.Abs(rc.Privacy.NoiseMultiplier-want) > 1e-12*want {
			t.Fatalf("round %d's noise multiplier is %v, want σ·ρ^(t−1) = %v", round, rc.Privacy.NoiseMultiplier, want)
		}
		noiseSD := rc.Privacy.NoiseShareSD() * math.Sqrt(float64(rc.Privacy.HonestShares()))
		mu2 += (rc.Privacy.ClipNorm / noiseSD) * (rc.Privacy.ClipNorm / noiseSD)
		got, err := PrivacySpent(cfg, round)
		if err != nil {
			t.Fatal(err)
		}
		if exact := gaussianEpsilonOf(math.Sqrt(mu2), delta); math.Abs(got-exact) > 1e-6 {
			t.Errorf("after round %d PrivacySpent gives ε %v; rounds 1..%d's Gaussian mechanisms (μ %.4f) spend %v", round, got, round, math.Sqrt(mu2), exact)
		}
	}
	if cfg.Privacy.NoiseDecay != decay {
		t.Fatalf("ForRound changed the study's configuration: %+v", *cfg.Privacy)
	}
	last, _ := PrivacySpent(cfg, rounds)
	if last > 1 || last < 0.99 {
		t.Errorf("the fitted base σ %.4g spends ε %v over %d rounds, want the budget 1 (to the 0.1%% NoiseMultiplier finds)", cfg.Privacy.NoiseMultiplier, last, rounds)
	}
	if err := checkPrivacyFits(cfg, rounds); err != nil {
		t.Errorf("the fitted schedule is refused: %v", err)
	}
	cfg.Privacy.NoiseMultiplier = constant // round 1 at the constant σ: later rounds spend more
	err = checkPrivacyFits(cfg, rounds)
	if err == nil || !strings.Contains(err.Error(), "noise_multiplier of") {
		t.Fatalf("a schedule starting at the constant σ %.4g is not refused: %v", constant, err)
	}
	if want := fmt.Sprintf("noise_multiplier of %.4g", constant*cfg.Privacy.NoiseScheduleFactor(rounds)); !strings.Contains(err.Error(), want) {
		t.Errorf("refusal %q, want it to name round 1's σ that fits (%s)", err, want)
	}
}

// Each hospital's noise share in round t is sized for σ_t: with every
// record in every batch the aggregates of many replicates differ by the
// noise only, whose pooled sample variance per coordinate must be
// (lr/N)²·h·σ_t²C²/m (as TestDistributedSharesSumToTheIntendedVariance, with
// the same χ² tolerance), in round 1 and in round 12 (σ_12 = σ·0.8^11 ≈
// 0.086σ, far outside the tolerance of round 1's).
func TestNoiseScheduleSizesEachRoundsShares(t *testing.T) {
	spec := Spec{Kind: KindLogistic, Features: 20}
	data, labels := threeHospitals(20)
	m, _ := New(spec, 3)
	start := m.Params()
	const sigma, clip, lr, decay, replicates = 2.0, 0.5, 0.3, 0.8, 120
	cfg := distConfig(sigma, clip, 1, lr, 3, 0)
	cfg.Privacy.NoiseDecay = decay
	for _, round := range []int{1, 12} {
		got, df := aggregateNoiseVariance(t, spec, start, data, labels, cfg.ForRound(round), replicates)
		sigmaT := sigma * math.Pow(decay, float64(round-1))
		want := math.Pow(lr/49, 2) * sigmaT * sigmaT * clip * clip
		if tol := 5 * math.Sqrt(2/float64(df)); math.Abs(got/want-1) > tol {
			t.Errorf("round %d: aggregate noise variance %.4g per coordinate, want (lr/N)²σ_t²C² = %.4g (ratio %.3f, tolerance ±%.3f)", round, got, want, got/want, tol)
		}
	}
}

// noise_decay is bound by the recipe hash; a value outside (0, 1], or one
// with sampling (q < 1, which the accountant cannot compose unequal steps
// of), is refused naming the field; 1 (no schedule) hashes as if left out;
// Train refuses a schedule not resolved for its round.
func TestNoiseDecayRecipeValidation(t *testing.T) {
	const base = `{"model": {"kind": "logistic", "features": 4}, "rounds": 20,
		"local": {"optimizer": "sgd", "learning_rate": 1, "epochs": 1, "batch_size": 8},
		"privacy": {"noise_multiplier": 40, "clip_norm": 1, "sampling_rate": %q, "epsilon": 3, "delta": 1e-5,
		"mechanism": "distributed", "min_contributors": 3%s}}`
	recipe := func(rate, extra string) string {
		return strings.Replace(strings.Replace(base, "%q", rate, 1), "%s", extra, 1)
	}
	parse := func(extra string) Recipe {
		t.Helper()
		r, err := ParseRecipe([]byte(recipe("1", extra)))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	plain, one, decayed := parse(""), parse(`, "noise_decay": 1`), parse(`, "noise_decay": 0.9`)
	hp, _ := plain.Hash()
	h1, _ := one.Hash()
	hd, _ := decayed.Hash()
	if hp != h1 {
		t.Error("noise_decay 1 hashes differently from leaving it out")
	}
	if hd == hp {
		t.Error("noise_decay 0.9 hashes as no schedule: the recipe hash must bind it")
	}
	if got := decayed.LocalTraining().ForRound(3).Privacy.NoiseMultiplier; math.Abs(got-40*0.81) > 1e-9 {
		t.Errorf("round 3 adds noise multiplier %v, want 40·0.9² = 32.4", got)
	}
	for _, v := range []string{"-0.5", "1.5"} {
		_, err := ParseRecipe([]byte(recipe("1", `, "noise_decay": `+v)))
		if !errors.Is(err, ErrInvalidRecipe) || !strings.Contains(err.Error(), "noise_decay is "+v) {
			t.Errorf("noise_decay %s: err = %v, want ErrInvalidRecipe naming noise_decay", v, err)
		}
	}
	_, err := ParseRecipe([]byte(recipe("0.5", `, "noise_decay": 0.9`)))
	if !errors.Is(err, ErrInvalidRecipe) || !strings.Contains(err.Error(), "noise_decay 0.9 needs sampling_rate 1") {
		t.Errorf("noise_decay with sampling_rate 0.5: err = %v, want ErrInvalidRecipe saying it needs sampling_rate 1", err)
	}
	if _, err := ParseRecipe([]byte(recipe("0.5", `, "noise_decay": 1`))); err != nil {
		t.Errorf("noise_decay 1 (no schedule) with sampling_rate 0.5: %v", err)
	}
	if c := (PrivacyConfig{NoiseMultiplier: 1, ClipNorm: 1, SamplingRate: 1, Epsilon: 1, Delta: 1e-5, NoiseDecay: math.NaN()}); !errors.Is(c.Validate(), ErrInvalidTrainConfig) {
		t.Error("noise_decay NaN accepted")
	}
	X, y := dpData(20, 3, 1)
	m, _ := New(Spec{Kind: KindLogistic, Features: 3}, 1)
	cfg := distConfig(2, 1, 1, 0.1, 1, 0)
	cfg.Privacy.NoiseDecay = 0.9
	if _, err := m.Train(testCtx(t), X, y, cfg); !errors.Is(err, ErrInvalidTrainConfig) || !strings.Contains(err.Error(), "ForRound") {
		t.Errorf("err = %v, want ErrInvalidTrainConfig saying to train each round with ForRound", err)
	}
	if _, err := m.Train(testCtx(t), X, y, cfg.ForRound(3)); err != nil {
		t.Errorf("round 3's configuration: %v", err)
	}
}

// privateRecipe is a logistic recipe of rounds rounds with the privacy
// fields given (a JSON object's members) and the budget ε 3, δ 1e-5.
func privateRecipe(rounds int, privacy string) []byte {
	return fmt.Appendf(nil, `{"model": {"kind": "logistic", "features": 4}, "rounds": %d,
		"local": {"optimizer": "sgd", "learning_rate": 1, "epochs": 1, "batch_size": 8},
		"privacy": {"clip_norm": 1, "epsilon": 3, "delta": 1e-5, %s}}`, rounds, privacy)
}

// A tiny noise_decay over many rounds made a round's share of the privacy
// loss, ρ^(−2(t−1)), overflow: round 1's σ over an infinite schedule factor
// is 0, and the recipe was refused as "noise multiplier is 0", naming
// neither noise_decay nor the round. It is now refused naming
// privacy.noise_decay, the first round out of range and the least decay
// that keeps every round in range; PrivacySpent says the same.
func TestTinyNoiseDecayIsRefusedNamingIt(t *testing.T) {
	_, err := ParseRecipe(privateRecipe(20, `"noise_multiplier": 40, "sampling_rate": 1, "noise_decay": 1e-9`))
	if !errors.Is(err, ErrInvalidRecipe) {
		t.Fatalf("err = %v, want ErrInvalidRecipe", err)
	}
	for _, want := range []string{"privacy.noise_decay 1e-09", "round 19", "at least 8.6e-09", "fewer rounds"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v\nwant it to say %q", err, want)
		}
	}
	cfg := TrainConfig{Optimizer: OptimizerSGD, LearningRate: 1, Epochs: 1, BatchSize: 8, Privacy: &PrivacyConfig{
		NoiseMultiplier: 40, ClipNorm: 1, SamplingRate: 1, Epsilon: 3, Delta: 1e-5, NoiseDecay: 1e-9}}
	if _, err := PrivacySpent(cfg, 20); !errors.Is(err, ErrInvalidTrainConfig) || !strings.Contains(err.Error(), "privacy.noise_decay") {
		t.Errorf("PrivacySpent over 20 rounds: err = %v, want ErrInvalidTrainConfig naming privacy.noise_decay", err)
	}
	if _, err := PrivacySpent(cfg, 18); err != nil {
		t.Errorf("PrivacySpent over 18 rounds, each in range: %v", err)
	}
	// The least decay named computes; so little noise late is over budget.
	_, err = ParseRecipe(privateRecipe(20, `"noise_multiplier": 40, "sampling_rate": 1, "noise_decay": 8.6e-9`))
	if err == nil || strings.Contains(err.Error(), "float64") || !strings.Contains(err.Error(), "above the budget 3") || !strings.Contains(err.Error(), "noise_decay nearer 1") {
		t.Errorf("noise_decay 8.6e-9 over 20 rounds: err = %v, want it over budget, saying to set noise_decay nearer 1", err)
	}
}

// The chain records a study's ε in millionths and refuses a round whose
// recorded ε does not grow, so a noise multiplier so large that a round
// adds less than 1e-6 (about 1e4 with sampling, 1e5 without) passed the
// recipe's checks and stopped the study a round or a few later (round 3
// for σ 1e4 at rate 0.1, whose round 2 adds 5.1e-7). It is now refused up
// front, naming the first such round, noise_multiplier and the σ that
// spends the budget; a large σ whose every round adds a unit is taken.
func TestEpsilonTooSmallToRecordIsRefused(t *testing.T) {
	for _, c := range []struct {
		privacy string
		round   string
	}{
		{`"noise_multiplier": 1e6, "sampling_rate": 1`, "from round 1 "},
		{`"noise_multiplier": 1e4, "sampling_rate": 0.1`, "from round 2 "},
		{`"noise_multiplier": 1e6, "sampling_rate": 1, "noise_decay": 0.99`, "from round 1 "},
	} {
		_, err := ParseRecipe(privateRecipe(200, c.privacy))
		if !errors.Is(err, ErrInvalidRecipe) {
			t.Errorf("%s: err = %v, want ErrInvalidRecipe", c.privacy, err)
			continue
		}
		for _, want := range []string{"privacy.noise_multiplier", c.round, "1e-06", "spends the budget"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err = %v\nwant it to say %q", c.privacy, err, want)
			}
		}
	}
	for _, ok := range []string{`"noise_multiplier": 1000, "sampling_rate": 1`, `"noise_multiplier": 1000, "sampling_rate": 1, "noise_decay": 0.99`} {
		if _, err := ParseRecipe(privateRecipe(200, ok)); err != nil {
			t.Errorf("%s over 200 rounds records every round's ε: %v", ok, err)
		}
	}
}
