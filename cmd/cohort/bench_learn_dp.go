package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/models/privacy"
	"github.com/cohort-fl/cohort/records"
)

// learnPrivacyConfig is what `bench learn --epsilon` adds: one more
// federated study per budget, trained with DP-SGD, beside the non-private
// one of the same seed.
type learnPrivacyConfig struct {
	epsilons []float64
	delta    float64
	clip     float64
	rate     float64 // Poisson sampling rate q
	epochs   int     // local epochs per round of the private studies
	lr       float64 // local learning rate of the private studies
}

// learnPrivacyFlags registers the differential-privacy flags of bench learn.
type learnPrivacyFlags struct {
	epsilon               *string
	delta, clip, rate, lr *float64
	epochs                *int
}

func addLearnPrivacyFlags(fs *flag.FlagSet) learnPrivacyFlags {
	return learnPrivacyFlags{
		epsilon: fs.String("epsilon", "", "comma-separated privacy budgets ε (e.g. 1,3,8): one more federated study per ε, trained with DP-SGD, against the non-private one"),
		delta:   fs.Float64("delta", 1e-5, "δ of the (ε, δ) budgets"),
		clip:    fs.Float64("dp-clip", 1, "DP-SGD per-record gradient clip norm C"),
		rate:    fs.Float64("dp-rate", 0.1, "DP-SGD Poisson sampling rate q (an epoch is 1/q steps)"),
		epochs:  fs.Int("dp-local-epochs", 1, "local epochs per round of the private studies"),
		lr:      fs.Float64("dp-lr", 0.05, "local learning rate of the private studies"),
	}
}

// parse turns the flags into a config; nil when --epsilon is not given.
func (f learnPrivacyFlags) parse(stderr io.Writer) (*learnPrivacyConfig, error) {
	if *f.epsilon == "" {
		return nil, nil
	}
	cfg := &learnPrivacyConfig{delta: *f.delta, clip: *f.clip, rate: *f.rate, epochs: *f.epochs, lr: *f.lr}
	for _, s := range strings.Split(*f.epsilon, ",") {
		e, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || !(e > 0) || math.IsInf(e, 0) {
			fmt.Fprintf(stderr, "--epsilon: %q is not a budget; give positive numbers separated by commas, such as 1,3,8\n", s)
			return nil, errUsage
		}
		cfg.epsilons = append(cfg.epsilons, e)
	}
	if err := (models.PrivacyConfig{NoiseMultiplier: 1, ClipNorm: cfg.clip, SamplingRate: cfg.rate, Epsilon: 1, Delta: cfg.delta}).Validate(); err != nil {
		fmt.Fprintf(stderr, "--delta, --dp-clip or --dp-rate: %v\n", err)
		return nil, errUsage
	}
	if cfg.epochs < 1 || !(cfg.lr > 0) {
		fmt.Fprintln(stderr, "--dp-local-epochs must be at least 1 and --dp-lr above 0")
		return nil, errUsage
	}
	return cfg, nil
}

// trainConfig is the local training of the study with budget eps over
// rounds: the noise multiplier is the smallest whose ε after the last
// round stays within eps.
func (c learnPrivacyConfig) trainConfig(base models.TrainConfig, rounds int, eps float64) (models.TrainConfig, error) {
	tc := base
	tc.Epochs, tc.LearningRate = c.epochs, c.lr
	tc.Privacy = &models.PrivacyConfig{NoiseMultiplier: 1, ClipNorm: c.clip, SamplingRate: c.rate, Epsilon: eps, Delta: c.delta}
	sigma, err := privacy.NoiseMultiplier(eps, c.delta, c.rate, rounds*models.StepsPerTrain(tc))
	if err != nil {
		return tc, err
	}
	tc.Privacy.NoiseMultiplier = sigma
	return tc, tc.Validate()
}

// privateLearnResult is one budget's federated study in one seed.
type privateLearnResult struct {
	Epsilon         float64     `json:"epsilon"`
	Spent           float64     `json:"epsilon_spent"`
	NoiseMultiplier float64     `json:"noise_multiplier"`
	Scores          learnScores `json:"scores"`
}

// privateLearnSummary is one budget's figures over seeds.
type privateLearnSummary struct {
	Epsilon         float64      `json:"epsilon"`
	Delta           float64      `json:"delta"`
	NoiseMultiplier float64      `json:"noise_multiplier"`
	Scores          learnSummary `json:"scores"`
	// AccuracyLoss and AUCLoss are in points (×100) below the non-private
	// federated model of the same seeds.
	AccuracyLoss float64 `json:"accuracy_loss_points"`
	AUCLoss      float64 `json:"auc_loss_points"`
}

// learnPrivate runs one federated study per budget on the seed's sites and
// scores each on the test records, standardised as the non-private study's.
func learnPrivate(ctx context.Context, cfg learnBenchConfig, raw []records.Site, test []records.Record, scales []float64, seed int64, progress io.Writer) ([]privateLearnResult, error) {
	var out []privateLearnResult
	for _, eps := range cfg.privacy.epsilons {
		tc, err := cfg.privacy.trainConfig(cfg.local, cfg.rounds, eps)
		if err != nil {
			return nil, fmt.Errorf("ε %v: %w", eps, err)
		}
		spent, err := models.PrivacySpent(tc, cfg.rounds)
		if err != nil {
			return nil, err
		}
		dir, err := os.MkdirTemp("", "cohort-bench-learn-dp-")
		if err != nil {
			return nil, err
		}
		spec := cfg.spec
		study, err := simulation.Run(ctx, simulation.Config{
			Hospitals: cfg.sites, Rounds: cfg.rounds, Seed: seed, DataDir: filepath.Join(dir, "blobs"),
			Sites: raw, Spec: &spec, Train: &tc, Standardise: records.StandardisePooled, Scales: scales,
		})
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("private study at ε %v: %w", eps, err)
		}
		sc, err := scoreStudy(study, spec, seed, test)
		study.Close()
		os.RemoveAll(dir)
		if err != nil {
			return nil, fmt.Errorf("private study at ε %v: %w", eps, err)
		}
		fmt.Fprintf(progress, "seed %d: ε %g (σ %.3f, spent %.3f): accuracy %.4f AUC %.4f\n", seed, eps, tc.Privacy.NoiseMultiplier, spent, sc.Accuracy, sc.AUC)
		out = append(out, privateLearnResult{Epsilon: eps, Spent: spent, NoiseMultiplier: tc.Privacy.NoiseMultiplier, Scores: sc})
	}
	return out, nil
}

// scoreStudy scores a finished study's final model on the test records,
// standardised with the study's own standardiser.
func scoreStudy(study *simulation.Study, spec models.Spec, seed int64, test []records.Record) (learnScores, error) {
	if study.Result() == nil || study.Result().FinalModel == nil || study.Standardiser() == nil {
		return learnScores{}, simulation.ErrNoRounds
	}
	std, err := study.Standardiser().Apply(test)
	if err != nil {
		return learnScores{}, err
	}
	m, err := models.New(spec, seed)
	if err != nil {
		return learnScores{}, err
	}
	if err := m.SetParams(study.Result().FinalModel); err != nil {
		return learnScores{}, err
	}
	return score(m, std)
}

// summarisePrivate gathers each budget's figures over the seeds.
func summarisePrivate(rep *learnReport, cfg *learnPrivacyConfig) {
	if cfg == nil {
		return
	}
	for k, eps := range cfg.epsilons {
		var s [4][]float64
		sigma := 0.0
		for _, r := range rep.PerSeed {
			p := r.Private[k]
			sigma = p.NoiseMultiplier
			for j, v := range []float64{p.Scores.Accuracy, p.Scores.BalancedAccuracy, p.Scores.AUC, p.Scores.LogLoss} {
				s[j] = append(s[j], v)
			}
		}
		sum := privateLearnSummary{Epsilon: eps, Delta: cfg.delta, NoiseMultiplier: sigma,
			Scores: learnSummary{Accuracy: summarise(s[0]), BalancedAccuracy: summarise(s[1]), AUC: summarise(s[2]), LogLoss: summarise(s[3])}}
		sum.AccuracyLoss = math.Round(1e4*100*(rep.Federated.Accuracy.Mean-sum.Scores.Accuracy.Mean)) / 1e4
		sum.AUCLoss = math.Round(1e4*100*(rep.Federated.AUC.Mean-sum.Scores.AUC.Mean)) / 1e4
		rep.Private = append(rep.Private, sum)
	}
}

// printPrivateReport prints each budget against the non-private federated
// model of the same run.
func printPrivateReport(out io.Writer, rep *learnReport) {
	if len(rep.Private) == 0 {
		return
	}
	p := rep.PrivateTraining
	fmt.Fprintf(out, "\ndifferential privacy (DP-SGD at every hospital: clip %g, sampling rate %g, %d local epochs at rate %g, %d rounds; δ = %g):\n",
		p.Privacy.ClipNorm, p.Privacy.SamplingRate, p.Epochs, p.LearningRate, rep.Rounds, rep.Private[0].Delta)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "training\tσ\taccuracy\t± sd\tpoints lost\tAUC\t± sd\tpoints lost\t")
	fmt.Fprintf(w, "non-private federated\t–\t%.4f\t%.4f\t–\t%.4f\t%.4f\t–\t\n", rep.Federated.Accuracy.Mean, rep.Federated.Accuracy.SD, rep.Federated.AUC.Mean, rep.Federated.AUC.SD)
	for _, s := range rep.Private {
		fmt.Fprintf(w, "ε = %g\t%.3f\t%.4f\t%.4f\t%.2f\t%.4f\t%.4f\t%.2f\t\n", s.Epsilon, s.NoiseMultiplier,
			s.Scores.Accuracy.Mean, s.Scores.Accuracy.SD, s.AccuracyLoss, s.Scores.AUC.Mean, s.Scores.AUC.SD, s.AUCLoss)
	}
	_ = w.Flush()
}

// privacyPlot draws accuracy and AUC against the budget ε (log scale), each
// with its spread over seeds, beside the non-private federated figure drawn
// dashed across the same range.
func privacyPlot(rep *learnReport) (*plot.Plot, error) {
	if len(rep.Private) == 0 {
		return nil, nil
	}
	lo, hi := rep.Private[0].Epsilon, rep.Private[0].Epsilon
	for _, s := range rep.Private {
		lo, hi = min(lo, s.Epsilon), max(hi, s.Epsilon)
	}
	var ss []chart.Series
	for _, m := range []struct {
		name    string
		private func(learnSummary) meanSD
	}{
		{"accuracy", func(s learnSummary) meanSD { return s.Accuracy }},
		{"AUC", func(s learnSummary) meanSD { return s.AUC }},
	} {
		priv := chart.Series{Name: m.name + ", DP-SGD"}
		for _, s := range rep.Private {
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
