package models

import (
	"os"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/records"
)

func TestParseRecipeFillsDefaultsAndRefusesTypos(t *testing.T) {
	r, err := ParseRecipe([]byte(`{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "server": {"kind": "fedadam", "learning_rate": 0.05}}`))
	require.NoError(t, err)
	assert.Equal(t, DefaultTrainConfig(), r.Local)
	assert.Equal(t, records.StandardisePooled, r.Standardise)
	assert.Equal(t, MetricAUC, r.Evaluation.Metric)
	want := aggregation.DefaultFedOptConfig(aggregation.FedAdam)
	want.LearningRate = 0.05
	assert.Equal(t, want, r.Server, "a server optimizer given by kind takes that kind's defaults")

	cox, err := ParseRecipe([]byte(`{"model": {"kind": "cox", "features": 4}, "rounds": 3}`))
	require.NoError(t, err)
	assert.Equal(t, MetricCIndex, cox.Evaluation.Metric, "a Cox model is scored by the C-index")
	hazard, err := ParseRecipe([]byte(`{"model": {"kind": "logistic_hazard", "features": 4, "intervals": [365, 730]}, "rounds": 3,
		"privacy": {"noise_multiplier": 2, "clip_norm": 1, "sampling_rate": 0.1, "epsilon": 8, "delta": 1e-5}}`))
	require.NoError(t, err, "a logistic-hazard model's loss is per record: DP-SGD covers it")
	assert.Equal(t, MetricCIndex, hazard.Evaluation.Metric)

	for _, tt := range []struct{ name, in, msg string }{
		{"typo", `{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "lcoal": {}}`, `unknown field "lcoal"`},
		{"no rounds", `{"model": {"kind": "logistic", "features": 4}}`, "rounds: 0"},
		{"bad model", `{"model": {"kind": "tree", "features": 4}, "rounds": 3}`, "model:"},
		{"bad lr", `{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "local": {"learning_rate": -1}}`, "local:"},
		{"bad server", `{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "server": {"kind": "fedsgd"}}`, "server:"},
		{"bad standardise", `{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "standardise": "global"}`, "standardise"},
		{"wrong metric", `{"model": {"kind": "cox", "features": 4}, "rounds": 3, "evaluation": {"metric": "accuracy"}}`, "evaluation.metric"},
		{"privacy not an object", `{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "privacy": 3}`, "privacy"},
		{"privacy in local", `{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "local": {"privacy": {"noise_multiplier": 2, "clip_norm": 1, "sampling_rate": 0.1, "epsilon": 8, "delta": 1e-5}}}`, "local.privacy"},
		{"privacy without budget", `{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "privacy": {"noise_multiplier": 2, "clip_norm": 1, "sampling_rate": 0.1}}`, "privacy: models: invalid training config: privacy epsilon"},
		{"privacy over budget", `{"model": {"kind": "logistic", "features": 4}, "rounds": 20, "privacy": {"noise_multiplier": 0.8, "clip_norm": 1, "sampling_rate": 0.1, "epsilon": 1, "delta": 1e-5}}`, "a noise_multiplier of"},
		{"privacy with cox", `{"model": {"kind": "cox", "features": 4}, "rounds": 3, "privacy": {"noise_multiplier": 2, "clip_norm": 1, "sampling_rate": 0.1, "epsilon": 8, "delta": 1e-5}}`, "risk sets"},
		{"hazard without intervals", `{"model": {"kind": "logistic_hazard", "features": 4}, "rounds": 3}`, "intervals"},
		{"hazard scored by accuracy", `{"model": {"kind": "logistic_hazard", "features": 4, "intervals": [1]}, "rounds": 3, "evaluation": {"metric": "accuracy"}}`, "evaluation.metric"},
		{"duplicate", `{"rounds": 3, "rounds": 4, "model": {"kind": "logistic", "features": 4}}`, "twice"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRecipe([]byte(tt.in))
			require.ErrorIs(t, err, ErrInvalidRecipe)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestRecipeHashIsCanonical(t *testing.T) {
	short, err := ParseRecipe([]byte(`{"model": {"kind": "logistic", "features": 4}, "rounds": 3}`))
	require.NoError(t, err)
	long, err := ParseRecipe([]byte(`{
		"rounds": 3, "standardise": "pooled", "evaluation": {"metric": "auc"},
		"server": {"kind": "fedavg", "learning_rate": 1},
		"local": {"epochs": 5, "batch_size": 32, "learning_rate": 5e-2, "optimizer": "adam", "seed": 1},
		"model": {"features": 4, "kind": "logistic"}}`))
	require.NoError(t, err)
	h1, err := short.Hash()
	require.NoError(t, err)
	h2, err := long.Hash()
	require.NoError(t, err)
	assert.Equal(t, h1, h2, "a default left out and written out hash the same")
	canon, err := short.Canonical()
	require.NoError(t, err)
	assert.Equal(t, crypto.Keccak256Hash(canon), h1)
	again, err := ParseRecipe(canon)
	require.NoError(t, err)
	assert.Equal(t, short, again, "the canonical bytes parse back to the recipe")
}

// TestCheckRecipeNamesEveryField changes each field of a recipe in turn: the
// hospital holding the changed recipe is refused with an error naming that
// field and both values.
func TestCheckRecipeNamesEveryField(t *testing.T) {
	base := func() Recipe {
		r := DefaultRecipe(4)
		r.Personalise = &Personalisation{Epochs: 2, LearningRate: 0.01}
		r.Privacy = &PrivacyConfig{NoiseMultiplier: 6, ClipNorm: 1, SamplingRate: 0.1, Epsilon: 8, Delta: 1e-5} // room for 10× the rounds or epochs
		return r
	}
	study := base()
	onChain, err := study.Hash()
	require.NoError(t, err)
	require.NoError(t, CheckRecipe(onChain, base(), &study))
	for _, tt := range []struct {
		field  string
		change func(*Recipe)
	}{
		{"model.kind", func(r *Recipe) { r.Model.Kind, r.Model.Hidden = KindMLP, []int{8} }},
		{"model.features", func(r *Recipe) { r.Model.Features = 5 }},
		{"model.hidden", func(r *Recipe) { r.Model.Kind, r.Model.Hidden = KindMLP, []int{8} }},
		{"model.ties", func(r *Recipe) {
			r.Model.Kind, r.Model.Ties, r.Evaluation.Metric, r.Privacy = KindCox, TiesEfron, MetricCIndex, nil
		}},
		{"local.optimizer", func(r *Recipe) { r.Local.Optimizer = OptimizerSGD }},
		{"local.learning_rate", func(r *Recipe) { r.Local.LearningRate = 0.5 }},
		{"local.epochs", func(r *Recipe) { r.Local.Epochs = 50 }},
		{"local.batch_size", func(r *Recipe) { r.Local.BatchSize = 8 }},
		{"local.proximal_mu", func(r *Recipe) { r.Local.ProximalMu = 0.1 }},
		{"local.seed", func(r *Recipe) { r.Local.Seed = 7 }},
		{"server.kind", func(r *Recipe) { r.Server = aggregation.DefaultFedOptConfig(aggregation.FedYogi) }},
		{"server.learning_rate", func(r *Recipe) { r.Server.LearningRate = 0.5 }},
		{"server.beta1", func(r *Recipe) { r.Server = aggregation.DefaultFedOptConfig(aggregation.FedAdam) }},
		{"rounds", func(r *Recipe) { r.Rounds = 50 }},
		{"standardise", func(r *Recipe) { r.Standardise = records.StandardiseSite }},
		{"evaluation.metric", func(r *Recipe) { r.Evaluation.Metric = MetricAccuracy }},
		{"personalise.epochs", func(r *Recipe) { r.Personalise.Epochs = 9 }},
		{"personalise.learning_rate", func(r *Recipe) { r.Personalise.LearningRate = 0.2 }},
		{"personalise", func(r *Recipe) { r.Personalise = nil }},
		{"privacy.epsilon", func(r *Recipe) { r.Privacy.Epsilon = 9 }},
		{"privacy.noise_multiplier", func(r *Recipe) { r.Privacy.NoiseMultiplier = 3 }},
		{"privacy.clip_norm", func(r *Recipe) { r.Privacy.ClipNorm = 0.5 }},
		{"privacy.sampling_rate", func(r *Recipe) { r.Privacy.SamplingRate = 0.2 }},
		{"privacy.delta", func(r *Recipe) { r.Privacy.Delta = 1e-6 }},
		{"privacy", func(r *Recipe) { r.Privacy = nil }},
	} {
		t.Run(tt.field, func(t *testing.T) {
			hospital := base()
			tt.change(&hospital)
			err := CheckRecipe(onChain, hospital, &study)
			require.ErrorIs(t, err, ErrRecipeMismatch)
			assert.Contains(t, err.Error(), "field "+tt.field)
			without := CheckRecipe(onChain, hospital, nil)
			require.ErrorIs(t, without, ErrRecipeMismatch)
			assert.Contains(t, without.Error(), onChain.Hex(), "without the study's recipe the hashes are named")
		})
	}
}

func TestExampleRecipesParse(t *testing.T) {
	for _, f := range []string{"../examples/recipes/wdbc.json", "../examples/recipes/wdbc-dp.json", "../examples/tcga-brca/recipe.json", "../examples/tcga-brca/hazard-dp-distributed.json"} {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		r, err := ParseRecipe(raw)
		require.NoError(t, err, f)
		_, err = r.Hash()
		require.NoError(t, err)
	}
}
