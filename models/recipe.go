package models

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/records"
)

// Metrics a recipe's evaluation can name as the study's headline figure.
const (
	MetricAccuracy         = "accuracy"
	MetricBalancedAccuracy = "balanced_accuracy"
	MetricAUC              = "auc"
	MetricCIndex           = "c_index"
)

// Recipe preconditioning settings (Recipe.Precondition).
const (
	PreconditionNone   = "none"
	PreconditionGroups = "groups"
)

// MaxRecipeBytes bounds a recipe file: a recipe is a few hundred bytes.
const MaxRecipeBytes = 1 << 20

// MaxRounds is the largest accepted Recipe.Rounds.
const MaxRounds = 1 << 20

// ErrInvalidRecipe reports a recipe that cannot run a study.
var ErrInvalidRecipe = errors.New("models: invalid study recipe")

// ErrRecipeMismatch reports a party whose recipe is not the one the study
// recorded on chain. The message names the differing fields when the
// study's own recipe is at hand.
var ErrRecipeMismatch = errors.New("models: recipe differs from the study's")

// Recipe is everything that decides what a study learns: the model, how each
// hospital trains locally, how the coordinator steps the global model, the
// number of rounds, the feature standardisation and the evaluation. Its
// canonical hash (Hash) is recorded on chain when the study is created, and
// the coordinator and every hospital refuse to take part with any other, so
// no hospital can train with a recipe of its own without being noticed.
//
// A Recipe is a plain value; ParseRecipe fills defaults and validates.
type Recipe struct {
	// Model is the architecture (kind, features, hidden layers, ties).
	Model Spec `json:"model"`
	// Local is each hospital's training per round: optimizer, learning
	// rate, epochs, batch size, FedProx μ and the base shuffling seed
	// (each hospital offsets it by its index).
	Local TrainConfig `json:"local"`
	// Server is the coordinator's optimizer over the decrypted average
	// update (FedAvg, FedAdam, FedYogi, FedAdagrad) and its parameters.
	Server aggregation.FedOptConfig `json:"server"`
	// Rounds is the number of federated rounds.
	Rounds int `json:"rounds"`
	// Standardise is the study's feature standardisation: pooled (default),
	// site or none.
	Standardise records.Standardisation `json:"standardise"`
	// Precondition, if PreconditionGroups, whitens each one-hot group the
	// schema declares with the pooled standardiser's means (see
	// records.Standardiser.Whitening): values released before round 1
	// anyway, so it adds nothing to a study's ε. It needs pooled
	// standardisation. Left out (or "none"): none, and the recipe hashes
	// as before.
	Precondition string `json:"precondition,omitempty"`
	// Evaluation says how models are scored.
	Evaluation EvaluationConfig `json:"evaluation"`
	// Personalise, if set, is per-hospital fine-tuning of the shared
	// model: evaluated on that hospital's own test records and reported
	// apart. The shared model stays the one recorded on chain.
	Personalise *Personalisation `json:"personalise,omitempty"`
	// Privacy, if set, makes every hospital's local training DP-SGD with
	// the study's (ε, δ) budget (see PrivacyConfig): the local mechanism by
	// default, or the distributed one (noise shared over the encrypted
	// sum, one step per round); hashed with the rest, so every hospital
	// adds the same noise. LocalTraining applies it.
	Privacy *PrivacyConfig `json:"privacy,omitempty"`
	// RequireCrossCheck, if set, has every model the study publishes
	// decrypted by more than one decryption set (spare holders beside t),
	// so that a holder's shifted share shows as sets that disagree: the
	// coordinator publishes no model one set of t decrypted (it waits for
	// a spare holder, then fails the round), and each holder refuses a
	// decrypt task naming a single set. Left out: one set is allowed, and
	// the recipe hashes as before.
	RequireCrossCheck bool `json:"require_cross_check,omitempty"`
}

// EvaluationConfig says how the study's models are scored.
type EvaluationConfig struct {
	// Metric is the headline figure: accuracy, balanced_accuracy or auc for
	// classifiers, c_index for a survival model (default: auc, c_index for
	// cox and logistic_hazard).
	Metric string `json:"metric"`
}

// Personalisation is local fine-tuning of the shared model at each hospital
// after the last round.
type Personalisation struct {
	// Epochs of local training from the shared model (≥ 1).
	Epochs int `json:"epochs"`
	// LearningRate of that training (> 0; default: the recipe's local rate).
	LearningRate float64 `json:"learning_rate,omitempty"`
}

// DefaultRecipe returns the recipe a study uses when none is given: logistic
// regression on features inputs, DefaultTrainConfig, FedAvg, 5 rounds,
// pooled standardisation, scored by AUC.
func DefaultRecipe(features int) Recipe {
	return Recipe{
		Model:       Spec{Kind: KindLogistic, Features: features},
		Local:       DefaultTrainConfig(),
		Server:      aggregation.DefaultFedOptConfig(aggregation.FedAvg),
		Rounds:      5,
		Standardise: records.StandardisePooled,
		Evaluation:  EvaluationConfig{Metric: MetricAUC},
	}
}

// ParseRecipe decodes a recipe file strictly (an unknown or misspelt field is
// an error, not silently a default), fills what it leaves out from
// DefaultRecipe and validates it. A server optimizer given by kind alone
// takes that kind's defaults.
func ParseRecipe(raw []byte) (Recipe, error) {
	if len(raw) > MaxRecipeBytes {
		return Recipe{}, fmt.Errorf("%w: %d bytes exceed %d", ErrInvalidRecipe, len(raw), MaxRecipeBytes)
	}
	if _, err := CanonicalJSON(raw); err != nil { // duplicate names, invalid UTF-8
		return Recipe{}, fmt.Errorf("%w: %w", ErrInvalidRecipe, err)
	}
	r := DefaultRecipe(0)
	r.Server, r.Rounds = aggregation.FedOptConfig{}, 0 // rounds must be given
	r.Evaluation.Metric = ""
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Recipe{}, fmt.Errorf("%w: %v", ErrInvalidRecipe, err)
	}
	r.fillDefaults()
	if err := r.Validate(); err != nil {
		return Recipe{}, err
	}
	return r, nil
}

// fillDefaults completes a decoded recipe.
func (r *Recipe) fillDefaults() {
	switch {
	case r.Server.Kind == "":
		r.Server = aggregation.DefaultFedOptConfig(aggregation.FedAvg)
	case r.Server.Kind != aggregation.FedAvg && r.Server.Beta1 == 0 && r.Server.Beta2 == 0 && r.Server.Tau == 0:
		d := aggregation.DefaultFedOptConfig(r.Server.Kind)
		if r.Server.LearningRate != 0 {
			d.LearningRate = r.Server.LearningRate
		}
		r.Server = d
	case r.Server.LearningRate == 0:
		r.Server.LearningRate = aggregation.DefaultFedOptConfig(r.Server.Kind).LearningRate
	}
	if r.Standardise == "" {
		r.Standardise = records.StandardisePooled
	}
	if r.Precondition == PreconditionNone {
		r.Precondition = "" // the default: hashes as if left out
	}
	if r.Evaluation.Metric == "" {
		r.Evaluation.Metric = MetricAUC
		if r.Model.IsSurvival() {
			r.Evaluation.Metric = MetricCIndex
		}
	}
	if p := r.Privacy; p != nil && p.Mechanism == MechanismLocal {
		p.Mechanism = "" // the default: hashes as if left out
	}
	if p := r.Privacy; p != nil && p.ClipDecay == 1 {
		p.ClipDecay = 0 // no schedule: hashes as if left out
	}
	if p := r.Privacy; p != nil && p.NoiseDecay == 1 {
		p.NoiseDecay = 0 // no schedule: hashes as if left out
	}
	if p := r.Personalise; p != nil && p.LearningRate == 0 {
		p.LearningRate = r.Local.LearningRate
	}
}

// Validate reports whether r can run a study, wrapping ErrInvalidRecipe with
// the field at fault.
func (r Recipe) Validate() error {
	bad := func(field string, err error) error { return fmt.Errorf("%w: %s: %w", ErrInvalidRecipe, field, err) }
	if err := r.Model.Validate(); err != nil {
		return bad("model", err)
	}
	if err := r.Local.Validate(); err != nil {
		return bad("local", err)
	}
	if err := r.Server.Validate(); err != nil {
		return bad("server", err)
	}
	if r.Rounds < 1 || r.Rounds > MaxRounds {
		return bad("rounds", fmt.Errorf("%d, want 1..%d", r.Rounds, MaxRounds))
	}
	if _, err := records.ParseStandardisation(string(r.Standardise), ""); err != nil || r.Standardise == "" {
		return bad("standardise", fmt.Errorf("%q, want %q, %q or %q", r.Standardise, records.StandardisePooled, records.StandardiseSite, records.StandardiseNone))
	}
	switch r.Precondition {
	case "", PreconditionNone:
	case PreconditionGroups:
		if r.Standardise != records.StandardisePooled {
			return bad("precondition", fmt.Errorf("%q whitens with the pooled standardiser's means, and the recipe standardises %q; set \"standardise\": %q or drop precondition", r.Precondition, r.Standardise, records.StandardisePooled))
		}
	default:
		return bad("precondition", fmt.Errorf("%q, want %q or %q (the default)", r.Precondition, PreconditionGroups, PreconditionNone))
	}
	switch m := r.Evaluation.Metric; {
	case r.Model.IsSurvival() && m != MetricCIndex:
		return bad("evaluation.metric", fmt.Errorf("%q: a %q model is scored by %q", m, r.Model.Kind, MetricCIndex))
	case !r.Model.IsSurvival() && m != MetricAccuracy && m != MetricBalancedAccuracy && m != MetricAUC:
		return bad("evaluation.metric", fmt.Errorf("%q, want %q, %q or %q", m, MetricAccuracy, MetricBalancedAccuracy, MetricAUC))
	}
	if p := r.Personalise; p != nil {
		if p.Epochs < 1 || p.Epochs > MaxEpochs {
			return bad("personalise.epochs", fmt.Errorf("%d, want 1..%d", p.Epochs, MaxEpochs))
		}
		if !(p.LearningRate > 0) {
			return bad("personalise.learning_rate", fmt.Errorf("%v, want a value > 0", p.LearningRate))
		}
	}
	if r.Local.Privacy != nil {
		return bad("local.privacy", errors.New("differential privacy is the study's: give it as the recipe's top-level privacy"))
	}
	if p := r.Privacy; p != nil {
		if err := p.Validate(); err != nil {
			return bad("privacy", err)
		}
		if r.Model.Kind == KindCox {
			return bad("privacy", fmt.Errorf("a %q model cannot be trained with DP-SGD: its partial likelihood couples records through risk sets, so clipping one record's gradient does not bound its influence; use a %q model", KindCox, KindLogisticHazard))
		}
		if err := checkPrivacyFits(r.LocalTraining(), r.Rounds); err != nil {
			return bad("privacy", err)
		}
		if err := checkEpsilonRecordable(r.LocalTraining(), r.Rounds); err != nil {
			return bad("privacy", err)
		}
	}
	return nil
}

// StandardiserGroups returns the one-hot groups (feature indices) the
// study's pooled standardiser whitens: schema's groups when the recipe
// preconditions them, else nil. A recipe that preconditions with a schema
// that declares no groups (or no schema, nil) is refused, naming the fix.
func (r Recipe) StandardiserGroups(schema *records.Schema) ([][]int, error) {
	if r.Precondition != PreconditionGroups {
		return nil, nil
	}
	if schema == nil || len(schema.Groups) == 0 {
		return nil, fmt.Errorf("%w: precondition: %q needs one-hot groups declared in the schema (its \"groups\", e.g. {\"race\": [\"race_asian\", …]}); declare them or drop precondition", ErrInvalidRecipe, r.Precondition)
	}
	if schema.Features() != r.Model.Features {
		return nil, fmt.Errorf("%w: the schema encodes %d features, the model takes %d", ErrInvalidRecipe, schema.Features(), r.Model.Features)
	}
	return schema.GroupColumns(), nil
}

// LocalTraining is each hospital's training configuration: Local, with the
// study's Privacy.
func (r Recipe) LocalTraining() TrainConfig {
	tc := r.Local
	tc.Privacy = r.Privacy
	return tc
}

// Canonical returns the recipe's canonical bytes: its JSON in the RFC 8785
// form that CanonicalJSON gives, defaults filled in, so that a field left
// out and the same field written with its default value hash the same.
func (r Recipe) Canonical() ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidRecipe, err)
	}
	return CanonicalJSON(b)
}

// Hash is keccak256 of Canonical: the study's recipe hash on chain.
func (r Recipe) Hash() (common.Hash, error) {
	b, err := r.Canonical()
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash(b), nil
}

// CheckRecipe reports whether local is the recipe whose hash the chain
// records for the study. When it is not, the error wraps ErrRecipeMismatch
// and, if the study's own recipe is at hand (study non-nil and hashing to
// onChain), names every differing field with both values, so the hospital
// knows what to fix.
func CheckRecipe(onChain common.Hash, local Recipe, study *Recipe) error {
	h, err := local.Hash()
	if err != nil {
		return err
	}
	if h == onChain {
		return nil
	}
	if study != nil {
		if sh, err := study.Hash(); err == nil && sh == onChain {
			diffs, err := RecipeDiff(*study, local)
			if err == nil && len(diffs) > 0 {
				return fmt.Errorf("%w: %s; use the study's recipe (hash %s)", ErrRecipeMismatch, strings.Join(diffs, "; "), onChain.Hex())
			}
		}
	}
	return fmt.Errorf("%w: this recipe hashes to %s but the study recorded %s; use the study's recipe file", ErrRecipeMismatch, h.Hex(), onChain.Hex())
}

// RecipeDiff lists the fields in which got differs from want, as
// "field local.learning_rate is 0.05 here, the study's is 0.01", in field
// order.
func RecipeDiff(want, got Recipe) ([]string, error) {
	flat := func(r Recipe) (map[string]string, error) {
		b, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, err
		}
		out := map[string]string{}
		flatten("", v, out)
		return out, nil
	}
	w, err := flat(want)
	if err != nil {
		return nil, err
	}
	g, err := flat(got)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for k := range w {
		keys[k] = true
	}
	for k := range g {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var diffs []string
	for _, k := range sorted {
		wv, wok := w[k]
		gv, gok := g[k]
		switch {
		case !wok:
			diffs = append(diffs, fmt.Sprintf("field %s is %s here but absent from the study's recipe", k, gv))
		case !gok:
			diffs = append(diffs, fmt.Sprintf("field %s is absent here but %s in the study's recipe", k, wv))
		case wv != gv:
			diffs = append(diffs, fmt.Sprintf("field %s is %s here, the study's is %s", k, gv, wv))
		}
	}
	return diffs, nil
}

// flatten writes every leaf of a decoded JSON value under its dotted path.
func flatten(prefix string, v any, out map[string]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(p, x, out)
		}
	default:
		b, _ := json.Marshal(t) // values that came from json.Unmarshal marshal back
		out[prefix] = string(b)
	}
}
