package models

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/models/privacy"
)

// distConfig is the distributed mechanism for hospitals of whom minimum
// must contribute and colluders may know or skip their share.
func distConfig(sigma, clip, q, lr float64, minimum, colluders int) TrainConfig {
	return TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: lr, Optimizer: OptimizerSGD,
		Privacy: &PrivacyConfig{NoiseMultiplier: sigma, ClipNorm: clip, SamplingRate: q, Epsilon: 100, Delta: 1e-5,
			Mechanism: MechanismDistributed, MinContributors: minimum, NoiseColluders: colluders}}
}

// federatedStep trains every hospital's data from start with cfg, drawing
// hospital i's sampling and noise from fixedNoise(seeds[i]), and returns the
// aggregate the coordinator decrypts: the updates weighed by their record
// counts over the total (coordinator.sampleWeights), summed as the
// encrypted sum would be (aggregation.PlainWeightedSum).
func federatedStep(t *testing.T, spec Spec, start []float64, data [][][]float64, labels [][]float64, cfg TrainConfig, seeds []byte) []float64 {
	t.Helper()
	total := 0
	for _, X := range data {
		total += len(X)
	}
	updates, weights := make([][]float64, len(data)), make([]float64, len(data))
	for i, X := range data {
		m, err := New(spec, 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.SetParams(start); err != nil {
			t.Fatal(err)
		}
		res, err := m.trainPrivate(testCtx(t), X, labels[i], nil, cfg, fixedNoise(seeds[i]))
		if err != nil {
			t.Fatal(err)
		}
		if res.Steps != 1 {
			t.Fatalf("hospital %d took %d steps in a round, want 1", i, res.Steps)
		}
		updates[i] = make([]float64, len(start))
		for j, p := range m.Params() {
			updates[i][j] = p - start[j]
		}
		weights[i] = float64(len(X)) / float64(total)
	}
	agg, err := aggregation.PlainWeightedSum(updates, weights)
	if err != nil {
		t.Fatal(err)
	}
	return agg
}

// threeHospitals returns unequal hospitals' records (12, 30 and 7).
func threeHospitals(f int) ([][][]float64, [][]float64) {
	var data [][][]float64
	var labels [][]float64
	for i, n := range []int{12, 30, 7} {
		X, y := dpData(n, f, uint64(20+i))
		data, labels = append(data, X), append(labels, y)
	}
	return data, labels
}

// With negligible noise, the weighted sum of the hospitals' one-step
// updates is exactly one gradient step of the union: −lr·Σ clipped
// gradients/(q·N), what a single site holding every record computes.
func TestDistributedAggregateIsOneStepOfTheUnion(t *testing.T) {
	spec := Spec{Kind: KindLogistic, Features: 5}
	data, labels := threeHospitals(5)
	m, _ := New(spec, 3)
	start := m.Params()
	cfg := distConfig(1e-15, 0.05, 1, 0.7, 3, 0) // the clip binds: each record's gradient is cut to 0.05
	agg := federatedStep(t, spec, start, data, labels, cfg, []byte{1, 2, 3})

	var X [][]float64
	var y []float64
	for i := range data {
		X, y = append(X, data[i]...), append(y, labels[i]...)
	}
	union, _ := New(spec, 3)
	if _, err := union.trainPrivate(testCtx(t), X, y, nil, cfg, fixedNoise(9)); err != nil {
		t.Fatal(err)
	}
	for j, p := range union.Params() {
		if want := p - start[j]; math.Abs(agg[j]-want) > 1e-12 {
			t.Fatalf("aggregate coordinate %d is %v, one step of the union moves it by %v", j, agg[j], want)
		}
	}
	if l2Norm(agg) < 0.1*cfg.LearningRate*cfg.Privacy.ClipNorm {
		t.Fatalf("aggregate norm %v: the step did not move", l2Norm(agg))
	}
}

// The hospitals' noise shares sum, in the aggregate, to Gaussian noise of
// variance h·σ²C²/m on the clipped sum, i.e. (lr/(q·N))²·h·σ²C²/m on each
// coordinate of the aggregate: with every record in every batch (q = 1)
// the rest of the aggregate is the same in every replicate, so the
// replicates' pooled sample variance estimates it. Under the intended
// variance, df·s²/v follows χ²(df), whose relative sd is √(2/df): the
// tolerance is 5 of those (a share of σC/√h in place of σC/√m, or the full
// σC per hospital, is far outside it).
func TestDistributedSharesSumToTheIntendedVariance(t *testing.T) {
	spec := Spec{Kind: KindLogistic, Features: 20} // 21 parameters
	data, labels := threeHospitals(20)
	m, _ := New(spec, 3)
	start := m.Params()
	const sigma, clip, lr, replicates = 2.0, 0.5, 0.3, 120
	for _, tt := range []struct{ minimum, colluders int }{{3, 0}, {3, 1}} {
		cfg := distConfig(sigma, clip, 1, lr, tt.minimum, tt.colluders)
		got, df := aggregateNoiseVariance(t, spec, start, data, labels, cfg, replicates)
		n, h, honest := 49.0, 3.0, float64(tt.minimum-tt.colluders)
		want := math.Pow(lr/n, 2) * h * sigma * sigma * clip * clip / honest
		if tol := 5 * math.Sqrt(2/float64(df)); math.Abs(got/want-1) > tol {
			t.Errorf("min %d, colluders %d: aggregate noise variance %.4g per coordinate, want %.4g (ratio %.3f, tolerance ±%.3f)",
				tt.minimum, tt.colluders, got, want, got/want, tol)
		}
	}
}

// aggregateNoiseVariance is the pooled sample variance per coordinate of
// replicates federated steps from start (each with its own noise seeds),
// and its degrees of freedom: with q = 1 the steps differ by their noise
// only.
func aggregateNoiseVariance(t *testing.T, spec Spec, start []float64, data [][][]float64, labels [][]float64, cfg TrainConfig, replicates int) (float64, int) {
	t.Helper()
	aggs := make([][]float64, replicates)
	for r := range aggs {
		aggs[r] = federatedStep(t, spec, start, data, labels, cfg, []byte{byte(3 * r), byte(3*r + 1), byte(3*r + 2)})
	}
	ss, df := 0.0, 0
	for j := range start {
		mean := 0.0
		for _, a := range aggs {
			mean += a[j] / float64(replicates)
		}
		for _, a := range aggs {
			ss += (a[j] - mean) * (a[j] - mean)
		}
		df += replicates - 1
	}
	return ss / float64(df), df
}

// Adding one record to one hospital changes the noisy clipped sum the
// aggregate releases, (q·N/lr)·aggregate with N the committed total, by at
// most C: the model moves by at most lr·C/(q·N) for it. Sampling and noise
// are the same in both runs (the added record draws last, and the noise
// has its own stream), so the difference is exactly the record's clipped
// gradient, of norm C here (its gradient is far above it).
func TestDistributedOneRecordMovesTheAggregateByAtMostC(t *testing.T) {
	spec := Spec{Kind: KindLogistic, Features: 5}
	data, labels := threeHospitals(5)
	m, _ := New(spec, 3)
	start := m.Params()
	const q, lr, clip = 0.6, 0.5, 0.3
	cfg := distConfig(1.5, clip, q, lr, 3, 0)
	n := 0.0
	for _, X := range data {
		n += float64(len(X))
	}
	withOne := [][][]float64{data[0], append(append([][]float64{}, data[1]...), []float64{40, -30, 25, 10, -50}), data[2]}
	withLabel := [][]float64{labels[0], append(append([]float64{}, labels[1]...), 1), labels[2]}
	sampled := 0
	for seed := range byte(20) { // the record joins the batch with probability q
		seeds := []byte{4, 100 + seed, 6}
		before := federatedStep(t, spec, start, data, labels, cfg, seeds)
		after := federatedStep(t, spec, start, withOne, withLabel, cfg, seeds)
		diff := make([]float64, len(start))
		for j := range diff {
			diff[j] = (after[j]*(n+1) - before[j]*n) * q / lr
		}
		switch d := l2Norm(diff); {
		case d > clip*(1+1e-9):
			t.Fatalf("one record moved the released sum by %v, above C = %v", d, clip)
		case d > 1e-12 && math.Abs(d-clip) > 1e-9:
			t.Fatalf("the added record moved the released sum by %v; its clipped gradient has norm C = %v", d, clip)
		case d > 1e-12:
			sampled++
		}
	}
	if sampled == 0 || sampled == 20 {
		t.Fatalf("the added record was sampled in %d of 20 rounds at q 0.6", sampled)
	}
}

// A distributed study's ε is centralised DP-SGD's for (q, σ, T = rounds):
// one sampled Gaussian step of the union per round.
func TestDistributedEpsilonIsTheAccountantsDPSGD(t *testing.T) {
	cfg := distConfig(3.2, 1, 0.2, 1, 6, 1)
	for _, rounds := range []int{1, 20, 100} {
		got, err := PrivacySpent(cfg, rounds)
		if err != nil {
			t.Fatal(err)
		}
		want, err := privacy.DPSGDEpsilon(0.2, 3.2, rounds, 1e-5)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%d rounds: ε %v, the accountant's DP-SGD figure for q 0.2, σ 3.2, %d steps is %v", rounds, got, rounds, want)
		}
	}
	if StepsPerTrain(cfg) != 1 {
		t.Errorf("StepsPerTrain %d, want 1", StepsPerTrain(cfg))
	}
	local := cfg
	p := *cfg.Privacy
	p.Mechanism, p.MinContributors, p.NoiseColluders = "", 0, 0
	local.Privacy = &p
	if StepsPerTrain(local) != 5 {
		t.Errorf("local StepsPerTrain %d, want 1/q = 5", StepsPerTrain(local))
	}
}

// Each share is sized so that the min_contributors − noise_colluders
// honest ones sum to variance σ²C² exactly; the local mechanism adds σC.
func TestNoiseColludersSizeTheShares(t *testing.T) {
	const sigma, clip = 2.5, 0.8
	for _, tt := range []struct{ minimum, colluders int }{{1, 0}, {3, 0}, {6, 0}, {6, 2}, {6, 5}} {
		p := distConfig(sigma, clip, 0.1, 1, tt.minimum, tt.colluders).Privacy
		if got := p.HonestShares(); got != tt.minimum-tt.colluders {
			t.Errorf("%+v: %d honest shares, want %d", tt, got, tt.minimum-tt.colluders)
		}
		sd := p.NoiseShareSD()
		if v := float64(tt.minimum-tt.colluders) * sd * sd; math.Abs(v-sigma*sigma*clip*clip) > 1e-12 {
			t.Errorf("%+v: honest shares sum to variance %v, want σ²C² = %v", tt, v, sigma*sigma*clip*clip)
		}
		// h ≥ min_contributors contributing, k shares known and
		// subtracted: still ≥ σ²C²; one contributor fewer than the minimum
		// (a round the coordinator, the holders and the contract refuse
		// to publish) would leave less.
		for h := tt.minimum; h <= tt.minimum+3; h++ {
			if v := float64(h-tt.colluders) * sd * sd; v < sigma*sigma*clip*clip*(1-1e-12) {
				t.Errorf("%+v: %d contributors less %d known shares leave noise variance %v < σ²C²", tt, h, tt.colluders, v)
			}
		}
		if v := float64(tt.minimum-1-tt.colluders) * sd * sd; v >= sigma*sigma*clip*clip {
			t.Errorf("%+v: one contributor fewer than the minimum still leaves variance %v", tt, v)
		}
	}
	local := PrivacyConfig{NoiseMultiplier: sigma, ClipNorm: clip, SamplingRate: 0.1, Epsilon: 1, Delta: 1e-5}
	if sd := local.NoiseShareSD(); math.Abs(sd-sigma*clip) > 1e-15 {
		t.Errorf("local noise sd %v, want σC = %v", sd, sigma*clip)
	}
}

// Recipes with the distributed mechanism are validated field by field,
// each error naming what to change.
func TestDistributedRecipeValidation(t *testing.T) {
	const base = `{"model": {"kind": "logistic", "features": 4}, "rounds": 20,
		"local": {"optimizer": "sgd", "learning_rate": 1, "epochs": 1, "batch_size": 8},
		"privacy": {"noise_multiplier": 4, "clip_norm": 1, "sampling_rate": 0.2, "epsilon": 3, "delta": 1e-5%s}}`
	r, err := ParseRecipe([]byte(strings.Replace(base, "%s", `, "mechanism": "distributed", "min_contributors": 4, "noise_colluders": 1`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if tc := r.LocalTraining(); StepsPerTrain(tc) != 1 || tc.Privacy.HonestShares() != 3 {
		t.Errorf("steps %d, honest shares %d; want 1 and 3", StepsPerTrain(tc), tc.Privacy.HonestShares())
	}
	// "local" is the default: written or left out, the same hash.
	a, err := ParseRecipe([]byte(strings.Replace(base, "%s", `, "mechanism": "local"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseRecipe([]byte(strings.Replace(base, "%s", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	ha, _ := a.Hash()
	hb, _ := b.Hash()
	if ha != hb {
		t.Error(`mechanism "local" hashes differently from leaving it out`)
	}
	for _, tt := range []struct{ name, privacy, local, want string }{
		{"unknown mechanism", `, "mechanism": "central"`, "", `mechanism is "central", want "local"`},
		{"no minimum", `, "mechanism": "distributed"`, "", "min_contributors is 0"},
		{"colluders ≥ minimum", `, "mechanism": "distributed", "min_contributors": 3, "noise_colluders": 3`, "", "noise_colluders is 3, want 0..2"},
		{"negative colluders", `, "mechanism": "distributed", "min_contributors": 3, "noise_colluders": -1`, "", "noise_colluders is -1"},
		{"shares without distributed", `, "min_contributors": 3`, "", "drop them or set mechanism \"distributed\""},
		{"adam", `, "mechanism": "distributed", "min_contributors": 3`, `"optimizer": "adam"`, `needs "sgd"`},
		{"two epochs", `, "mechanism": "distributed", "min_contributors": 3`, `"epochs": 2`, "set epochs to 1"},
	} {
		raw := strings.Replace(base, "%s", tt.privacy, 1)
		if tt.local != "" {
			field := strings.SplitN(tt.local, ":", 2)[0]
			switch field {
			case `"optimizer"`:
				raw = strings.Replace(raw, `"optimizer": "sgd"`, tt.local, 1)
			case `"epochs"`:
				raw = strings.Replace(raw, `"epochs": 1`, tt.local, 1)
			}
		}
		_, err := ParseRecipe([]byte(raw))
		if !errors.Is(err, ErrInvalidRecipe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want ErrInvalidRecipe naming %q", tt.name, err, tt.want)
		}
	}
}
