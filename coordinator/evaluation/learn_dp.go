package evaluation

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/models/privacy"
	"github.com/cohort-fl/cohort/records"
)

// LearnPrivacy is what `bench learn --epsilon` adds: one more
// federated study per budget, trained with DP-SGD, beside the non-private
// one of the same seed.
type LearnPrivacy struct {
	Epsilons []float64
	Delta    float64
	Clip     float64
	// ClipDecay schedules the clip norm: round t clips to Clip·ClipDecay^(t−1)
	// (models.PrivacyConfig.ClipDecay); 0: Clip every round.
	ClipDecay float64 `json:",omitempty"`
	// NoiseDecay schedules the noise multiplier: round t adds σ·NoiseDecay^(t−1)
	// (models.PrivacyConfig.NoiseDecay), σ fitted so that all the rounds
	// spend the budget; 0: σ every round.
	NoiseDecay float64 `json:",omitempty"`
	Rate       float64 // Poisson sampling rate q
	Epochs     int     // local epochs per round of the private studies
	LR         float64 // local learning rate of the private studies
	// Optimizer of the private studies' local training; empty: the
	// non-private studies' own.
	Optimizer string `json:",omitempty"`
	// AverageLast lists how each private study is scored: K = 1 is its
	// final model, K > 1 the average of its last K published models (tail
	// averaging: post-processing of what every round publishes anyway, so
	// it costs no privacy). Every K is scored from the same study, one
	// draw of the noise, so the Ks compare paired. Empty: the final model.
	AverageLast []int `json:",omitempty"`
	// Mechanism is models.MechanismLocal (empty: local) or
	// models.MechanismDistributed, whose shares are sized for every site
	// contributing (min_contributors: the number of sites) less Colluders.
	Mechanism string `json:",omitempty"`
	Colluders int    `json:",omitempty"`
	// Rounds of the private studies; 0: the non-private studies' own.
	Rounds int `json:",omitempty"`
	// Server, if set, is the private studies' server optimizer
	// (post-processing of the decrypted aggregate: no privacy cost).
	Server *aggregation.FedOptConfig `json:",omitempty"`
	// Precondition, if models.PreconditionGroups, makes the private
	// studies' recipe precondition the schema's one-hot groups (the
	// pooled means are public: no privacy cost); the non-private study
	// keeps the recipe's setting and stays the reference. Only with
	// --recipe (NaturalConfig).
	Precondition string `json:",omitempty"`
}

// averages is the Ks each private study is scored at ({1} if none).
func (c LearnPrivacy) averages() []int {
	if len(c.AverageLast) == 0 {
		return []int{1}
	}
	return c.AverageLast
}

// MechanismText names the mechanism for reports.
func (c LearnPrivacy) MechanismText() string {
	if c.Mechanism == models.MechanismDistributed {
		return fmt.Sprintf("DP-SGD of the union, noise shared over the encrypted sum, sized for %d colluders", c.Colluders)
	}
	return "DP-SGD at every hospital"
}

// rounds is the number of rounds of the private studies, given the
// non-private ones'.
func (c LearnPrivacy) rounds(base int) int {
	if c.Rounds > 0 {
		return c.Rounds
	}
	return base
}

// trainConfig is the local training of the study with budget eps among
// sites hospitals over rounds (the non-private studies'; c.Rounds replaces
// it): the noise multiplier (round 1's, with a noise schedule) is the
// smallest whose ε after the last round stays within eps.
func (c LearnPrivacy) trainConfig(base models.TrainConfig, rounds, sites int, eps float64) (models.TrainConfig, error) {
	rounds = c.rounds(rounds)
	tc := base
	tc.Epochs, tc.LearningRate = c.Epochs, c.LR
	if c.Optimizer != "" {
		tc.Optimizer = c.Optimizer
	}
	tc.Privacy = &models.PrivacyConfig{NoiseMultiplier: 1, ClipNorm: c.Clip, ClipDecay: c.ClipDecay, NoiseDecay: c.NoiseDecay, SamplingRate: c.Rate, Epsilon: eps, Delta: c.Delta}
	if c.Mechanism == models.MechanismDistributed {
		tc.Privacy.Mechanism, tc.Privacy.MinContributors, tc.Privacy.NoiseColluders = c.Mechanism, sites, c.Colluders
	}
	sigma, err := privacy.NoiseMultiplier(eps, c.Delta, c.Rate, rounds*models.StepsPerTrain(tc))
	if err != nil {
		return tc, err
	}
	tc.Privacy.NoiseMultiplier = sigma * tc.Privacy.NoiseScheduleFactor(rounds) // round 1's, with a noise schedule
	return tc, tc.Validate()
}

// PrivateLearnResult is one budget's federated study in one seed.
type PrivateLearnResult struct {
	Epsilon         float64     `json:"epsilon"`
	AverageLast     int         `json:"average_last"` // 1: the final model
	Spent           float64     `json:"epsilon_spent"`
	NoiseMultiplier float64     `json:"noise_multiplier"`
	Scores          LearnScores `json:"scores"`
}

// PrivateLearnSummary is one budget's figures over seeds.
type PrivateLearnSummary struct {
	Epsilon         float64      `json:"epsilon"`
	AverageLast     int          `json:"average_last"` // 1: the final model
	Delta           float64      `json:"delta"`
	NoiseMultiplier float64      `json:"noise_multiplier"`
	Scores          LearnSummary `json:"scores"`
	// AccuracyLoss and AUCLoss are in points (×100) below the non-private
	// federated model of the same seeds.
	AccuracyLoss float64 `json:"accuracy_loss_points"`
	AUCLoss      float64 `json:"auc_loss_points"`
}

// learnPrivate runs one federated study per budget on the seed's sites and
// scores each on the test records, standardised as the non-private study's.
func learnPrivate(ctx context.Context, cfg LearnConfig, raw []records.Site, test []records.Record, scales []float64, seed int64, progress io.Writer) ([]PrivateLearnResult, error) {
	var out []PrivateLearnResult
	for _, eps := range cfg.Privacy.Epsilons {
		tc, err := cfg.Privacy.trainConfig(cfg.Local, cfg.Rounds, cfg.Sites, eps)
		if err != nil {
			return nil, fmt.Errorf("ε %v: %w", eps, err)
		}
		rounds := cfg.Privacy.rounds(cfg.Rounds)
		spent, err := models.PrivacySpent(tc, rounds)
		if err != nil {
			return nil, err
		}
		dir, err := os.MkdirTemp("", "cohort-bench-learn-dp-")
		if err != nil {
			return nil, err
		}
		spec := cfg.Spec
		study, err := simulation.Run(ctx, simulation.Config{
			Hospitals: cfg.Sites, Rounds: rounds, Seed: seed, DataDir: filepath.Join(dir, "blobs"),
			Sites: raw, Spec: &spec, Train: &tc, Standardise: records.StandardisePooled, Scales: scales,
			ServerOptimizer: cfg.Privacy.Server,
		})
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("private study at ε %v: %w", eps, err)
		}
		// Every K from this one study: the Ks compare on one draw of the noise.
		for _, k := range cfg.Privacy.averages() {
			sc, err := scoreStudy(study, spec, seed, test, k)
			if err != nil {
				study.Close()
				os.RemoveAll(dir)
				return nil, fmt.Errorf("private study at ε %v: %w", eps, err)
			}
			fmt.Fprintf(progress, "seed %d: ε %g%s (σ %.3f, spent %.3f): accuracy %.4f AUC %.4f\n", seed, eps, averagedText(k), tc.Privacy.NoiseMultiplier, spent, sc.Accuracy, sc.AUC)
			out = append(out, PrivateLearnResult{Epsilon: eps, AverageLast: k, Spent: spent, NoiseMultiplier: tc.Privacy.NoiseMultiplier, Scores: sc})
		}
		study.Close()
		os.RemoveAll(dir)
	}
	return out, nil
}

// scoreStudy scores a finished study's final model (or the average of its
// last averageLast published models) on the test records, standardised
// with the study's own standardiser.
func scoreStudy(study *simulation.Study, spec models.Spec, seed int64, test []records.Record, averageLast int) (LearnScores, error) {
	if study.Result() == nil || study.Result().FinalModel == nil || study.Standardiser() == nil {
		return LearnScores{}, simulation.ErrNoRounds
	}
	std, err := study.Standardiser().Apply(test)
	if err != nil {
		return LearnScores{}, err
	}
	m, err := models.New(spec, seed)
	if err != nil {
		return LearnScores{}, err
	}
	params := study.Result().FinalModel
	if averageLast > 1 {
		if params, err = averagePublished(study, averageLast); err != nil {
			return LearnScores{}, err
		}
	}
	if err := m.SetParams(params); err != nil {
		return LearnScores{}, err
	}
	return score(m, std)
}

// summarisePrivate gathers each budget's figures over the seeds.
func summarisePrivate(rep *LearnReport, cfg *LearnPrivacy) {
	if cfg == nil {
		return
	}
	if len(rep.PerSeed) == 0 {
		return
	}
	// Every seed lists its studies in one order: budgets, then Ks.
	for k, first := range rep.PerSeed[0].Private {
		var s [4][]float64
		sigma := 0.0
		for _, r := range rep.PerSeed {
			p := r.Private[k]
			sigma = p.NoiseMultiplier
			for j, v := range []float64{p.Scores.Accuracy, p.Scores.BalancedAccuracy, p.Scores.AUC, p.Scores.LogLoss} {
				s[j] = append(s[j], v)
			}
		}
		sum := PrivateLearnSummary{Epsilon: first.Epsilon, AverageLast: first.AverageLast, Delta: cfg.Delta, NoiseMultiplier: sigma,
			Scores: LearnSummary{Accuracy: Summarise(s[0]), BalancedAccuracy: Summarise(s[1]), AUC: Summarise(s[2]), LogLoss: Summarise(s[3])}}
		sum.AccuracyLoss = math.Round(1e4*100*(rep.Federated.Accuracy.Mean-sum.Scores.Accuracy.Mean)) / 1e4
		sum.AUCLoss = math.Round(1e4*100*(rep.Federated.AUC.Mean-sum.Scores.AUC.Mean)) / 1e4
		rep.Private = append(rep.Private, sum)
	}
}

// privacyPlot draws accuracy and AUC against the budget ε (log scale), each
// with its spread over seeds, beside the non-private federated figure drawn
// dashed across the same range.
func privacyPlot(rep *LearnReport) (*plot.Plot, error) {
	if len(rep.Private) == 0 {
		return nil, nil
	}
	lo, hi := rep.Private[0].Epsilon, rep.Private[0].Epsilon
	for _, s := range rep.Private {
		lo, hi = min(lo, s.Epsilon), max(hi, s.Epsilon)
	}
	k := rep.Private[0].AverageLast // the first K asked for: one line per metric
	var ss []chart.Series
	for _, m := range []struct {
		name    string
		private func(LearnSummary) MeanSD
	}{
		{"accuracy", func(s LearnSummary) MeanSD { return s.Accuracy }},
		{"AUC", func(s LearnSummary) MeanSD { return s.AUC }},
	} {
		priv := chart.Series{Name: m.name + ", DP-SGD"}
		for _, s := range rep.Private {
			if s.AverageLast != k {
				continue
			}
			v := m.private(s.Scores)
			priv.Points = append(priv.Points, plotter.XY{X: s.Epsilon, Y: v.Mean})
			priv.Spread = append(priv.Spread, v.SD)
		}
		base := m.private(rep.Federated).Mean
		ss = append(ss, priv, chart.Series{Name: m.name + ", non-private", Dashed: true,
			Points: plotter.XYs{{X: lo, Y: base}, {X: hi, Y: base}}})
	}
	return chart.Line(chart.Axes{
		Title: fmt.Sprintf("federated model under (ε, δ = %g)-DP, mean ± sd over %d seeds", rep.Private[0].Delta, rep.Seeds),
		X:     "privacy budget ε", Y: "on the test records", LogX: true, LegendBottom: true,
	}, ss...)
}
