package evaluation

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// Targets of issue 7 that `cohort bench robust` checks.
const (
	robustMaxFraction     = 0.3  // the targets hold up to this share of malicious sites
	robustMaxDropPoints   = 2.0  // accuracy drop under an untargeted attack
	robustMinTPR          = 0.95 // attackers flagged per round
	robustMaxFPR          = 0.05 // honest sites flagged per round
	robustMaxBackdoor     = 0.05 // backdoor success rate
	robustMaxCleanCostPts = 1.0  // robust against plain weighted averaging, no attacker
	// Adaptive attacks (issue 14) may be undetectable by design; accuracy
	// must hold within this many points of no attack.
	robustMaxAdaptiveDropPts = 3.0
)

// RobustConfig is what `cohort bench robust` measures.
type RobustConfig struct {
	Data, Schema string
	Source       RobustData
	Sites        int
	Seeds        int
	Rounds       int
	// RootSize is the number of clean records the researcher holds back
	// from the pooled training records, stratified by label.
	RootSize  int
	Fractions []float64
	// Attacks are the attack names as given (participant.ParseAttack).
	Attacks []string
	// Undefended also runs plain weighted averaging under every attack.
	Undefended bool
	// StudyTimeout bounds one study: one that has not finished by then
	// counts as failed (a finding) and the benchmark goes on.
	StudyTimeout time.Duration
	Spec         models.Spec        // Features is set from the schema
	Local        models.TrainConfig // per round, at each site
	// Server, if set, is the coordinator's optimizer (a recipe's);
	// otherwise FedAvg.
	Server *aggregation.FedOptConfig
	// Recipe names the recipe file Spec, Local and Server came from, if any.
	Recipe string
	// CommitteeSize, if positive, gives every study a decryption committee
	// of that many sites, chosen on chain, with a threshold of a majority
	// of it (RobustCommitteeThreshold); 0 makes every site a share holder,
	// whose key generation deals sites² shares and stalls at 100 sites.
	CommitteeSize int
}

// RobustCommitteeThreshold is the threshold of a bench robust study's
// decryption committee of size c: ⌊c/2⌋ + 1, a majority of it. Attackers
// on the committee decrypt until they are suspended; a suspended member's
// keys move to a new committee from the old one's holders in good
// standing, so the study stalls only if attackers take more than c − t of
// its seats (at 30% attackers of 100 sites and c = 10: more than 4,
// a chance of about 0.14 per draw, 0.03 at 20%; the bench reports such a study as
// failed).
func RobustCommitteeThreshold(c int) int { return c/2 + 1 }

// DefaultRobustConfig holds the defaults: the 20 unlike sites,
// 3 seeds, 0–40% malicious sites under every attack, and the local training
// of `cohort bench learn`.
func DefaultRobustConfig() RobustConfig {
	return RobustConfig{
		Sites: 20, Seeds: 3, Rounds: 10, RootSize: 30, StudyTimeout: 10 * time.Minute,
		Fractions: []float64{0, 0.1, 0.2, 0.3, 0.4},
		Attacks:   participant.AttackKinds(),
		Spec:      models.Spec{Kind: models.KindLogistic},
		Local:     DefaultLearnConfig().Local,
	}
}

// RobustRoundFigures are one round's detection figures in one study.
type RobustRoundFigures struct {
	Round uint32 `json:"round"`
	// ActiveMalicious and ActiveHonest count the sites that submitted an
	// update to the round; FlaggedMalicious and FlaggedHonest those of them
	// flagged in it.
	ActiveMalicious  int `json:"active_malicious"`
	FlaggedMalicious int `json:"flagged_malicious"`
	ActiveHonest     int `json:"active_honest"`
	FlaggedHonest    int `json:"flagged_honest"`
	// TPR and FPR are FlaggedMalicious/ActiveMalicious and
	// FlaggedHonest/ActiveHonest; null when the denominator is 0.
	TPR              *float64 `json:"tpr"`
	FPR              *float64 `json:"fpr"`
	Accuracy         float64  `json:"accuracy"`
	ScoreSeconds     float64  `json:"score_seconds"`
	AggregateSeconds float64  `json:"aggregate_seconds"`
	Participants     int      `json:"participants"`
}

// RobustRun is one study: one seed, attack, share of malicious sites and
// aggregation.
type RobustRun struct {
	Seed      int64              `json:"seed"`
	Attack    string             `json:"attack"`
	Played    participant.Attack `json:"played"`
	Fraction  float64            `json:"fraction"`
	Malicious int                `json:"malicious"`
	Robust    bool               `json:"robust"`
	// Accuracy is the final model's report metric on the test records
	// (the C-index for a survival model, which has no AUC).
	Accuracy float64 `json:"accuracy"`
	AUC      float64 `json:"auc"`
	// BackdoorSuccess is the final model's attack success rate (among test
	// records whose label is not the target, those classified correctly
	// when clean and sent to the target once triggered), the figure the
	// target is compared with; BackdoorRaw counts every triggered record
	// sent to the target, the model's own errors included. The baselines
	// are the same rates of the model trained without attackers by the
	// same aggregation, with the same trigger: what it does by chance.
	BackdoorSuccess     *float64             `json:"backdoor_success,omitempty"`
	BackdoorRaw         *float64             `json:"backdoor_raw,omitempty"`
	BackdoorBaseline    *float64             `json:"backdoor_baseline,omitempty"`
	BackdoorRawBaseline *float64             `json:"backdoor_raw_baseline,omitempty"`
	Rounds              []RobustRoundFigures `json:"rounds"`
	// SuspendedInRound holds, per malicious site, the round in which it was
	// suspended, or null if it never was.
	SuspendedInRound []*uint32 `json:"suspended_in_round"`
	HonestSuspended  int       `json:"honest_suspended"`
	// CommitteeSelections counts the decryption committees the chain
	// selected for the study (0 without one): more than one when a member
	// was suspended or left and its keys moved.
	CommitteeSelections uint32  `json:"committee_selections,omitempty"`
	Seconds             float64 `json:"seconds"`
	// Error says why the study failed; a failed run counts in no figure
	// but fails the targets of its attack and share.
	Error string `json:"error,omitempty"`
}

// RobustSummary summarises one attack × fraction × aggregation over seeds.
type RobustSummary struct {
	Attack    string  `json:"attack"`
	Fraction  float64 `json:"fraction"`
	Malicious int     `json:"malicious"`
	Robust    bool    `json:"robust"`
	// Runs counts the studies summarised, Failed those that did not finish.
	Runs     int    `json:"runs"`
	Failed   int    `json:"failed"`
	Accuracy MeanSD `json:"accuracy"`
	// DropPoints is the accuracy drop in points against the same
	// aggregation without attackers, seed by seed; DropVsPlainPoints
	// against plain weighted averaging without attackers.
	DropPoints        MeanSD `json:"drop_points"`
	DropVsPlainPoints MeanSD `json:"drop_vs_plain_points"`
	// BackdoorSuccess is the attack success rate (compared with the
	// target), BackdoorRaw the raw rate, both with their clean baselines.
	BackdoorSuccess     *MeanSD `json:"backdoor_success,omitempty"`
	BackdoorRaw         *MeanSD `json:"backdoor_raw,omitempty"`
	BackdoorBaseline    *MeanSD `json:"backdoor_baseline,omitempty"`
	BackdoorRawBaseline *MeanSD `json:"backdoor_raw_baseline,omitempty"`
	// TPR and FPR pool every round of every seed; the per-round rates pool
	// the seeds.
	TPR         *float64   `json:"tpr"`
	FPR         *float64   `json:"fpr"`
	TPRPerRound []*float64 `json:"tpr_per_round"`
	FPRPerRound []*float64 `json:"fpr_per_round"`
	// Attackers counts malicious sites over seeds, Suspended those suspended;
	// RoundsToSuspension is over the suspended ones.
	Attackers          int     `json:"attackers"`
	Suspended          int     `json:"suspended"`
	RoundsToSuspension *MeanSD `json:"rounds_to_suspension,omitempty"`
	HonestSuspended    int     `json:"honest_suspended"`
	// Scoring against aggregation time, per round (mean over rounds and
	// seeds); ScorePerParticipant divides scoring by the round's scored
	// updates.
	ScoreSeconds        float64  `json:"score_seconds_per_round"`
	AggregateSeconds    float64  `json:"aggregate_seconds_per_round"`
	ScoreOverAggregate  *float64 `json:"score_over_aggregate,omitempty"`
	ScorePerParticipant float64  `json:"score_seconds_per_participant"`
}

// RobustTarget is one of issue 7's targets, checked.
type RobustTarget struct {
	What  string  `json:"what"`
	Value float64 `json:"value"`
	Limit float64 `json:"limit"`
	// Max says Value must be at most Limit (else at least).
	Max  bool `json:"max"`
	Pass bool `json:"pass"`
}

// RobustReport is what `cohort bench robust --json` prints.
type RobustReport struct {
	Data      string             `json:"data"`
	Schema    string             `json:"schema"`
	Sites     int                `json:"sites"`
	Seeds     int                `json:"seeds"`
	Rounds    int                `json:"rounds"`
	RootSize  int                `json:"root_records"`
	Test      int                `json:"test_records"`
	Fractions []float64          `json:"fractions"`
	Attacks   []string           `json:"attacks"`
	Spec      models.Spec        `json:"spec"`
	Local     models.TrainConfig `json:"local_training"`
	Threshold int                `json:"threshold"`
	MinPerRnd int                `json:"min_participants"`
	// CommitteeSize is the decryption committee's size, 0 for every site.
	CommitteeSize int           `json:"committee_size,omitempty"`
	PlainClean    RobustSummary `json:"plain_no_attack"`
	Clean         RobustSummary `json:"robust_no_attack"`
	// CleanCostPoints is plain minus robust accuracy without attackers.
	CleanCostPoints float64         `json:"robust_cost_points"`
	Robust          []RobustSummary `json:"robust"`
	Undefended      []RobustSummary `json:"undefended,omitempty"`
	Targets         []RobustTarget  `json:"targets"`
	AllPass         bool            `json:"all_targets_pass"`
	PerRun          []RobustRun     `json:"per_run"`
	Seconds         float64         `json:"seconds"`
	// Recipe names the recipe file of the model and training, if any.
	Recipe string `json:"recipe,omitempty"`
	// Metric is what every "accuracy" figure of the report holds:
	// "accuracy" for a classifier, "c_index" (Harrell's, over the pooled
	// test records) for a survival model; drops are in its points.
	Metric string `json:"metric"`
}

// RobustPlots draws, per attack, robust aggregation's accuracy (and plain
// weighted averaging's, with --undefended), detection TPR and FPR, and the
// backdoor's success rate against the share of malicious sites. The point
// at 0% is the run without attackers.
func RobustPlots(rep *RobustReport) ([]*plot.Plot, error) {
	rate := func(p *float64) float64 { return ptrValue(p, math.NaN()) }
	backdoor := func(s RobustSummary) float64 {
		if s.BackdoorSuccess == nil {
			return math.NaN()
		}
		return s.BackdoorSuccess.Mean
	}
	perAttack := func(sums []RobustSummary, clean *RobustSummary, suffix string, dashed bool, y func(RobustSummary) float64, sd func(RobustSummary) float64) []chart.Series {
		var out []chart.Series
		for _, name := range rep.Attacks {
			s := chart.Series{Name: name + suffix, Dashed: dashed}
			add := func(sum RobustSummary) {
				s.Points = append(s.Points, plotter.XY{X: 100 * sum.Fraction, Y: y(sum)})
				if sd != nil {
					s.Spread = append(s.Spread, sd(sum))
				}
			}
			if clean != nil {
				add(*clean)
			}
			for _, sum := range sums {
				if sum.Attack == name {
					add(sum)
				}
			}
			out = append(out, s)
		}
		return out
	}
	metric := MetricName(rep.Metric)
	acc := func(s RobustSummary) float64 { return s.Accuracy.Mean }
	accSD := func(s RobustSummary) float64 { return s.Accuracy.SD }
	accuracy := perAttack(rep.Robust, &rep.Clean, "", false, acc, accSD)
	if len(rep.Undefended) > 0 {
		accuracy = append(accuracy, perAttack(rep.Undefended, &rep.PlainClean, " (undefended)", true, acc, accSD)...)
	}
	fpr := perAttack(rep.Robust, &rep.Clean, "", false, func(s RobustSummary) float64 { return rate(s.FPR) }, nil)
	// Accuracy from a tenth below the lowest to 1, so that close figures can
	// be told apart; FPR from 0 to at least 0.1, so that no flag at all
	// lies on the axis.
	accLow, _ := chart.Range(accuracy)
	_, fprHigh := chart.Range(fpr)
	x := "malicious sites (%)"
	panels := make([]*plot.Plot, 0, 4)
	for _, panel := range []struct {
		a  chart.Axes
		ss []chart.Series
	}{
		{chart.Axes{Title: "final " + metric + " (mean ± sd over seeds)", X: x, Y: metric, LegendBottom: true,
			YMin: max(0, math.Floor(10*(accLow-0.02))/10), YMax: 1}, accuracy},
		{chart.Axes{Title: "attackers flagged per round (TPR)", X: x, Y: "true positive rate", YMin: 0, YMax: 1.05, LegendBottom: true},
			perAttack(rep.Robust, nil, "", false, func(s RobustSummary) float64 { return rate(s.TPR) }, nil)},
		{chart.Axes{Title: "honest sites flagged per round (FPR)", X: x, Y: "false positive rate", YMin: 0, YMax: max(0.1, 1.2*fprHigh)}, fpr},
		{chart.Axes{Title: "backdoor attack success rate", X: x, Y: "success rate", YMin: 0, YMax: 1.05},
			perAttack(rep.Robust, nil, "", false, backdoor, nil)},
	} {
		if !chart.HasPoints(panel.ss) {
			continue // no backdoor attack run
		}
		p, err := chart.Line(panel.a, panel.ss...)
		if err != nil {
			return nil, err
		}
		p.X.Min = 0 // every panel from no attacker, lined up
		panels = append(panels, p)
	}
	return panels, nil
}

// parseModelFlag reads --model: "logistic", "mlp" or "mlp:W".
// parseFractions reads a comma-separated list of shares of malicious sites
// in [0, 1), each giving a distinct number of malicious sites out of sites.
// MaliciousSites is ⌊f·sites⌋, robust to the binary representation of f.
func MaliciousSites(f float64, sites int) int {
	return int(math.Floor(f*float64(sites) + 1e-9))
}

// RobustSeedData is what every study of one seed shares.
type RobustSeedData struct {
	seed  int64
	sites []records.Site     // standardised
	test  []records.Record   // standardised, common to every study
	root  []records.Record   // standardised, the researcher's clean records
	trig  int                // backdoor trigger feature when none is given
	clean map[bool][]float64 // final models without attackers, by robust
}

// Robust runs every seed and summarises; progress goes to progress.
func Robust(ctx context.Context, cfg RobustConfig, progress io.Writer) (*RobustReport, error) {
	start := time.Now()
	var schema records.Schema
	if cfg.Source.synthetic == "" {
		var err error
		if schema, err = records.LoadSchemaFile(cfg.Schema); err != nil {
			return nil, err
		}
		if cfg.Recipe != "" && cfg.Spec.Features != schema.Features() {
			return nil, fmt.Errorf("the recipe's model has %d features but the schema encodes %d; set model.features to %d", cfg.Spec.Features, schema.Features(), schema.Features())
		}
		cfg.Spec.Features = schema.Features()
		if cfg.Spec.IsSurvival() && schema.Time == "" {
			return nil, fmt.Errorf("a %q model needs the schema's time column (and its label as the event indicator)", cfg.Spec.Kind)
		}
	} else {
		if cfg.Spec.IsSurvival() {
			return nil, fmt.Errorf("the synthetic cohorts have no survival times; a %q model needs --data files with a time column", cfg.Spec.Kind)
		}
		cfg.Spec.Features = robustSyntheticFeatures
	}
	if err := cfg.Spec.Validate(); err != nil {
		return nil, err
	}
	// Suspended attackers no longer contribute nor decrypt, so the rounds
	// must go on with the honest sites alone, even if some of those are
	// wrongly suspended too: half of the honest sites at the largest share
	// of attackers suffice both to close a round and to decrypt.
	honest := cfg.Sites - MaliciousSites(cfg.Fractions[len(cfg.Fractions)-1], cfg.Sites)
	quorum := max(1, (honest+1)/2)
	threshold := quorum
	if cfg.CommitteeSize > 0 {
		threshold = RobustCommitteeThreshold(cfg.CommitteeSize)
	}
	rep := &RobustReport{
		Data: cfg.Data, Schema: cfg.Schema, Sites: cfg.Sites, Seeds: cfg.Seeds, Rounds: cfg.Rounds, RootSize: cfg.RootSize,
		Fractions: cfg.Fractions, Attacks: cfg.Attacks, Spec: cfg.Spec, Local: cfg.Local, Threshold: threshold, MinPerRnd: quorum,
		CommitteeSize: cfg.CommitteeSize, Recipe: cfg.Recipe, Metric: robustMetric(cfg.Spec),
	}
	for i := range cfg.Seeds {
		seed := int64(i + 1)
		sd, err := RobustSeed(cfg, schema, seed)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", seed, err)
		}
		rep.Test = len(sd.test)
		sd.clean = map[bool][]float64{}
		type job struct {
			name   string
			frac   float64
			robust bool
		}
		jobs := []job{{"none", 0, false}, {"none", 0, true}}
		for _, name := range cfg.Attacks {
			for _, f := range cfg.Fractions {
				if MaliciousSites(f, cfg.Sites) == 0 {
					continue
				}
				jobs = append(jobs, job{name, f, true})
				if cfg.Undefended {
					jobs = append(jobs, job{name, f, false})
				}
			}
		}
		fmt.Fprintf(progress, "bench robust: seed %d of %d: %d studies of %d sites x %d rounds, a line as each ends\n", seed, cfg.Seeds, len(jobs), cfg.Sites, cfg.Rounds)
		for _, j := range jobs {
			sctx, cancel := context.WithTimeoutCause(ctx, cfg.StudyTimeout, fmt.Errorf("the study did not finish within --study-timeout %s", cfg.StudyTimeout))
			run, err := robustStudy(sctx, cfg, sd, j.name, j.frac, j.robust, quorum, threshold)
			if err != nil && ctx.Err() == nil && sctx.Err() != nil {
				err = fmt.Errorf("%w (%v)", context.Cause(sctx), err) // the study's own deadline, not the benchmark's
			}
			cancel()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err != nil {
				// One failed study is a finding, not the end of the benchmark.
				run.Error = err.Error()
				fmt.Fprintf(progress, "seed %d  %-10s %3.0f%% malicious  %-6s FAILED: %v\n", seed, j.name, 100*j.frac, AggregationName(j.robust), err)
				rep.PerRun = append(rep.PerRun, run)
				continue
			}
			fmt.Fprintf(progress, "seed %d  %-10s %3.0f%% malicious  %-6s %s %.4f%s  %.1fs\n",
				seed, j.name, 100*j.frac, AggregationName(j.robust), MetricName(rep.Metric), run.Accuracy, RunDetectionLine(run), run.Seconds)
			rep.PerRun = append(rep.PerRun, run)
		}
	}
	SummariseRobust(rep, cfg)
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// robustMetric is the report metric of a model: Harrell's C-index for a
// survival model, accuracy otherwise.
func robustMetric(spec models.Spec) string {
	if spec.IsSurvival() {
		return models.MetricCIndex
	}
	return models.MetricAccuracy
}

// MetricName is how tables and plots name a report metric.
func MetricName(metric string) string {
	if metric == models.MetricCIndex {
		return "C-index"
	}
	return "accuracy"
}

func AggregationName(robust bool) string {
	if robust {
		return "robust"
	}
	return "plain"
}

// RunDetectionLine is a progress line's detection part.
func RunDetectionLine(r RobustRun) string {
	if !r.Robust {
		return BackdoorLine(r)
	}
	tpr, fpr := pooledRates([]RobustRun{r})
	s := fmt.Sprintf("  TPR %s  FPR %s", FmtRate(tpr), FmtRate(fpr))
	s += BackdoorLine(r)
	suspended := 0
	for _, s := range r.SuspendedInRound {
		if s != nil {
			suspended++
		}
	}
	if r.Malicious > 0 {
		s += fmt.Sprintf("  suspended %d/%d", suspended, r.Malicious)
	}
	return s
}

// BackdoorLine is a progress line's backdoor part, if any.
func BackdoorLine(r RobustRun) string {
	if r.BackdoorSuccess == nil || r.BackdoorRaw == nil {
		return ""
	}
	return fmt.Sprintf("  backdoor success %.3f (raw %.3f)", *r.BackdoorSuccess, *r.BackdoorRaw)
}

// RobustData is what --data names: one file to split into unlike sites,
// several files that are a site each, or a synthetic cohort.
type RobustData struct {
	Files     []string
	synthetic string // "iid" or "unlike"; empty for files
}

// Synthetic cohorts of `bench robust --data synthetic:...`.
const (
	robustSyntheticFeatures = 20 // 21 parameters: k = 4 projections
	syntheticIID            = "iid"
	syntheticUnlike         = "unlike"
)

// ParseRobustData reads --data (with --schema).
func ParseRobustData(data, schema string) (RobustData, error) {
	data = strings.TrimSpace(data)
	if kind, ok := strings.CutPrefix(data, "synthetic"); ok {
		kind = strings.TrimPrefix(kind, ":")
		if kind != syntheticIID && kind != syntheticUnlike {
			return RobustData{}, fmt.Errorf("%q: name the heterogeneity, synthetic:%s (sites alike) or synthetic:%s (covariate shift, unlike sizes)", data, syntheticIID, syntheticUnlike)
		}
		if schema != "" {
			return RobustData{}, fmt.Errorf("a synthetic cohort has no schema; drop --schema")
		}
		return RobustData{synthetic: kind}, nil
	}
	if data == "" || schema == "" {
		return RobustData{}, fmt.Errorf("--data and --schema are required (or --data synthetic:iid|synthetic:unlike)")
	}
	var files []string
	for _, f := range strings.Split(data, ",") {
		if f = strings.TrimSpace(f); f == "" {
			return RobustData{}, fmt.Errorf("%q has an empty file name", data)
		}
		if slices.Contains(files, f) {
			return RobustData{}, fmt.Errorf("%s is listed twice", f)
		}
		files = append(files, f)
	}
	if len(files) == 2 {
		return RobustData{}, fmt.Errorf("two sites are too few for a robust round; give one file to split or at least 3 sites")
	}
	return RobustData{Files: files}, nil
}

// RobustSeed loads the data set for one seed and deals it out: a common
// test set (every site's test records), a stratified clean root set for the
// researcher drawn from the pooled training records (and taken out of the
// sites), and the sites, all standardised with pooled statistics summed
// under encryption. One file is split into unlike sites (its test split
// drawn with the seed); several files are a site each, with their own
// split; a synthetic cohort is generated from the seed.
func RobustSeed(cfg RobustConfig, schema records.Schema, seed int64) (RobustSeedData, error) {
	sd := RobustSeedData{seed: seed}
	raw, scales, err := robustSites(cfg, schema, seed)
	if err != nil {
		return sd, err
	}
	var pooled []records.Record
	var siteOf []int
	var test []records.Record
	for i, s := range raw {
		pooled = append(pooled, s.Train...)
		for range s.Train {
			siteOf = append(siteOf, i)
		}
		test = append(test, s.Test...)
	}
	held, err := stratifiedHoldoutIndex(pooled, cfg.RootSize, seed)
	if err != nil {
		return sd, err
	}
	var root []records.Record
	for i := range raw {
		raw[i].Train = nil
	}
	for i, r := range pooled {
		if held[i] {
			root = append(root, r)
		} else {
			raw[siteOf[i]].Train = append(raw[siteOf[i]].Train, r)
		}
	}
	for _, s := range raw {
		if len(s.Train) == 0 {
			return sd, fmt.Errorf("site %s has no training records left after the root set; use a smaller --root", s.Name)
		}
	}
	std, err := encryptedPooledStandardiser(raw, scales)
	if err != nil {
		return sd, err
	}
	sd.sites = make([]records.Site, len(raw))
	pooled = nil
	for i, s := range raw {
		if sd.sites[i], err = std.ApplySite(s); err != nil {
			return sd, err
		}
		pooled = append(pooled, sd.sites[i].Train...)
	}
	if sd.test, err = std.Apply(test); err != nil {
		return sd, err
	}
	if sd.root, err = std.Apply(root); err != nil {
		return sd, err
	}
	sd.trig = LeastCorrelatedFeature(pooled)
	return sd, nil
}

// robustSites returns the raw (unstandardised) sites of one seed and the
// features' public scales.
func robustSites(cfg RobustConfig, schema records.Schema, seed int64) ([]records.Site, []float64, error) {
	switch {
	case cfg.Source.synthetic != "":
		sc := records.SyntheticConfig{Sites: cfg.Sites, Features: robustSyntheticFeatures, Seed: seed, ConsentRate: 1, MinRecords: 60, MaxRecords: 240}
		sites, err := records.Synthetic(sc)
		if err != nil {
			return nil, nil, err
		}
		if cfg.Source.synthetic == syntheticIID {
			// The same records dealt out alike: equal sizes, the pooled
			// label balance and feature distribution at every site.
			var train, test []records.Record
			consent := map[string]bool{}
			for _, s := range sites {
				train, test = append(train, s.Train...), append(test, s.Test...)
				maps.Copy(consent, s.Consent)
			}
			rng := rand.New(rand.NewPCG(uint64(seed), 0x696964)) // "iid"
			rng.Shuffle(len(train), func(i, j int) { train[i], train[j] = train[j], train[i] })
			for i := range sites {
				sites[i] = records.Site{Name: sites[i].Name, Consent: consent}
			}
			for i, r := range train {
				sites[i%len(sites)].Train = append(sites[i%len(sites)].Train, r)
			}
			for i, r := range test {
				sites[i%len(sites)].Test = append(sites[i%len(sites)].Test, r)
			}
		}
		return sites, records.UnitScales(robustSyntheticFeatures), nil
	case len(cfg.Source.Files) > 1:
		schema.SplitSeed = seed // for files without a split column
		sites := make([]records.Site, len(cfg.Source.Files))
		for i, f := range cfg.Source.Files {
			var err error
			if sites[i], _, err = records.LoadFile(f, schema, records.LoadOptions{}); err != nil {
				return nil, nil, err
			}
		}
		return sites, schema.Scales(), nil
	}
	schema.SplitSeed = seed
	whole, _, err := records.LoadFile(cfg.Data, schema, records.LoadOptions{Name: "all"})
	if err != nil {
		return nil, nil, err
	}
	parts, err := records.SplitUnlike(whole.Train, records.DefaultSkewConfig(cfg.Sites, seed))
	if err != nil {
		return nil, nil, err
	}
	tests := dealTests(whole.Test, parts)
	sites := make([]records.Site, cfg.Sites)
	for i := range sites {
		sites[i] = records.Site{Name: fmt.Sprintf("site%d", i), Train: parts[i], Test: tests[i], Consent: whole.Consent}
	}
	return sites, schema.Scales(), nil
}

// StratifiedHoldout draws n records of recs, keeping the label balance, at
// random from seed; it returns them and the others, both in input order.
func StratifiedHoldout(recs []records.Record, n int, seed int64) (held, rest []records.Record, err error) {
	take, err := stratifiedHoldoutIndex(recs, n, seed)
	if err != nil {
		return nil, nil, err
	}
	for i, r := range recs {
		if take[i] {
			held = append(held, r)
		} else {
			rest = append(rest, r)
		}
	}
	return held, rest, nil
}

// stratifiedHoldoutIndex is stratifiedHoldout's draw: the indices of recs
// held out.
func stratifiedHoldoutIndex(recs []records.Record, n int, seed int64) (map[int]bool, error) {
	var pos, neg []int
	for i, r := range recs {
		if r.Label >= 0.5 {
			pos = append(pos, i)
		} else {
			neg = append(neg, i)
		}
	}
	nPos := int(math.Round(float64(n) * float64(len(pos)) / float64(max(len(recs), 1))))
	nPos = min(max(nPos, 1), n-1)
	if nPos > len(pos)/2 || n-nPos > len(neg)/2 {
		return nil, fmt.Errorf("a root set of %d records would take more than half of a class (%d positive, %d negative training records); use a smaller --root", n, len(pos), len(neg))
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x726f6f74)) // "root"
	rng.Shuffle(len(pos), func(i, j int) { pos[i], pos[j] = pos[j], pos[i] })
	rng.Shuffle(len(neg), func(i, j int) { neg[i], neg[j] = neg[j], neg[i] })
	take := map[int]bool{}
	for _, i := range slices.Concat(pos[:nPos], neg[:n-nPos]) {
		take[i] = true
	}
	return take, nil
}

// LeastCorrelatedFeature returns the feature whose correlation with the
// label is smallest in magnitude: the trigger a backdoor attacker picks so
// that the natural signal neither helps nor hides it.
func LeastCorrelatedFeature(recs []records.Record) int {
	if len(recs) == 0 {
		return 0
	}
	n := float64(len(recs))
	var my float64
	for _, r := range recs {
		my += r.Label / n
	}
	best, bestCorr := 0, math.Inf(1)
	for j := range recs[0].Features {
		var mx float64
		for _, r := range recs {
			mx += r.Features[j] / n
		}
		var sxy, sxx, syy float64
		for _, r := range recs {
			dx, dy := r.Features[j]-mx, r.Label-my
			sxy += dx * dy
			sxx += dx * dx
			syy += dy * dy
		}
		if sxx == 0 || syy == 0 {
			continue
		}
		if c := math.Abs(sxy / math.Sqrt(sxx*syy)); c < bestCorr {
			best, bestCorr = j, c
		}
	}
	return best
}

// robustStudy runs one whole encrypted study: the first ⌊frac·sites⌋ sites
// play the attack named name, the coordinator aggregates robustly or by
// plain weighted averaging.
func robustStudy(ctx context.Context, cfg RobustConfig, sd RobustSeedData, name string, frac float64, robust bool, quorum, threshold int) (RobustRun, error) {
	run := RobustRun{Seed: sd.seed, Attack: name, Fraction: frac, Malicious: MaliciousSites(frac, cfg.Sites), Robust: robust}
	attack, err := participant.ParseAttack(name)
	if err != nil {
		return run, err
	}
	if attack.Kind == participant.AttackBackdoor && !strings.Contains(name, "feature=") {
		attack.TriggerFeature = sd.trig
	}
	run.Played = attack
	if attack, err = attack.Colluding(run.Malicious, cfg.Sites); err != nil {
		return run, err
	}
	attacks := make(map[int]participant.Attack, run.Malicious)
	for i := range run.Malicious {
		a := attack
		if a.Seed == 0 {
			a.Seed = sd.seed*1000 + int64(i)
		}
		attacks[i] = a
	}
	dir, err := os.MkdirTemp("", "cohort-bench-robust-")
	if err != nil {
		return run, err
	}
	defer os.RemoveAll(dir)
	spec, local := cfg.Spec, cfg.Local
	t0 := time.Now()
	study, err := simulation.Run(ctx, simulation.Config{
		Hospitals: cfg.Sites, Rounds: cfg.Rounds, Seed: sd.seed, DataDir: filepath.Join(dir, "blobs"),
		Sites: sd.sites, Spec: &spec, Train: &local, Threshold: threshold, MinParticipants: quorum, CommitteeSize: cfg.CommitteeSize,
		Attacks: attacks, Robust: robust, Root: sd.root, ServerOptimizer: cfg.Server,
	})
	if err != nil {
		return run, err
	}
	defer study.Close()
	run.Seconds = time.Since(t0).Seconds()
	if study.Result() == nil || study.Result().FinalModel == nil {
		return run, simulation.ErrNoRounds
	}
	if cfg.CommitteeSize > 0 {
		committee, err := study.Ledger().Committee(ctx, study.StudyID())
		if err != nil {
			return run, err
		}
		run.CommitteeSelections = committee.Epoch
	}
	model, err := models.New(spec, sd.seed)
	if err != nil {
		return run, err
	}
	if err := model.SetParams(study.Result().FinalModel); err != nil {
		return run, err
	}
	survival := spec.IsSurvival()
	sc, err := simulation.ScoreRecords(model, sd.test)
	if err != nil {
		return run, err
	}
	run.Accuracy, run.AUC = sc.Accuracy, sc.AUC
	if survival {
		run.Accuracy = sc.CIndex
	}
	backdoorRates := func(m *models.Model) (participant.BackdoorRates, error) {
		if survival {
			return participant.SurvivalBackdoorSuccess(m.RiskScores, sd.test, attack)
		}
		return participant.BackdoorSuccess(m.Predict, sd.test, attack)
	}
	if run.Malicious == 0 {
		sd.clean[robust] = slices.Clone(study.Result().FinalModel)
	}
	if attack.Kind == participant.AttackBackdoor {
		rates, err := backdoorRates(model)
		if err != nil {
			return run, err
		}
		run.BackdoorSuccess, run.BackdoorRaw = &rates.AttackSuccess, &rates.Raw
		if clean, ok := sd.clean[robust]; ok {
			if err := model.SetParams(clean); err != nil {
				return run, err
			}
			base, err := backdoorRates(model)
			if err != nil {
				return run, err
			}
			run.BackdoorBaseline, run.BackdoorRawBaseline = &base.AttackSuccess, &base.Raw
		}
	}
	var malicious, honest []common.Address
	for i, p := range study.Participants() {
		if _, bad := attacks[i]; bad {
			malicious = append(malicious, p.Address)
		} else {
			honest = append(honest, p.Address)
		}
	}
	rounds := study.Rounds()
	run.Rounds, run.SuspendedInRound, run.HonestSuspended = Detection(rounds, malicious, honest)
	if survival { // a round's figure is its C-index (pairs within each site)
		for k := range run.Rounds {
			run.Rounds[k].Accuracy = rounds[k].CIndex
		}
	}
	if !robust { // plain weighted averaging detects nothing: no rates
		for k := range run.Rounds {
			run.Rounds[k].TPR, run.Rounds[k].FPR = nil, nil
		}
	}
	return run, nil
}

// Detection turns a study's rounds into detection figures: per round, the
// sites flagged among the malicious and among the honest ones that
// submitted an update to it (a suspended site submits none, and neither
// does one that dropped out); per malicious site, the round it was
// suspended in (nil if never); and how many honest sites were suspended.
func Detection(rounds []simulation.RoundFigures, malicious, honest []common.Address) (per []RobustRoundFigures, suspendedIn []*uint32, honestSuspended int) {
	suspended := map[common.Address]uint32{}
	suspendedIn = make([]*uint32, len(malicious))
	count := func(group []common.Address, submitted, flagged map[common.Address]bool) (active, hit int) {
		for _, a := range group {
			if !submitted[a] {
				continue
			}
			active++
			if flagged[a] {
				hit++
			}
		}
		return active, hit
	}
	rate := func(hit, of int) *float64 {
		if of == 0 {
			return nil
		}
		r := float64(hit) / float64(of)
		return &r
	}
	for _, f := range rounds {
		flagged, submitted := map[common.Address]bool{}, map[common.Address]bool{}
		for _, a := range f.Flagged {
			flagged[a] = true
		}
		for _, a := range f.Contributors {
			submitted[a] = true
		}
		rf := RobustRoundFigures{
			Round: f.Round, Accuracy: f.Accuracy, ScoreSeconds: f.Seconds.Score, AggregateSeconds: f.Seconds.Aggregate, Participants: f.Participants,
		}
		rf.ActiveMalicious, rf.FlaggedMalicious = count(malicious, submitted, flagged)
		rf.ActiveHonest, rf.FlaggedHonest = count(honest, submitted, flagged)
		rf.TPR, rf.FPR = rate(rf.FlaggedMalicious, rf.ActiveMalicious), rate(rf.FlaggedHonest, rf.ActiveHonest)
		per = append(per, rf)
		for _, a := range f.Suspended {
			if _, already := suspended[a]; !already {
				suspended[a] = f.Round
			}
		}
	}
	for i, a := range malicious {
		if r, ok := suspended[a]; ok {
			suspendedIn[i] = &r
		}
	}
	for _, a := range honest {
		if _, ok := suspended[a]; ok {
			honestSuspended++
		}
	}
	return per, suspendedIn, honestSuspended
}

// pooledRates pools the flags of every round of the robust runs of runs.
func pooledRates(runs []RobustRun) (tpr, fpr *float64) {
	var fm, am, fh, ah int
	for _, r := range runs {
		if !r.Robust {
			continue
		}
		for _, f := range r.Rounds {
			fm, am, fh, ah = fm+f.FlaggedMalicious, am+f.ActiveMalicious, fh+f.FlaggedHonest, ah+f.ActiveHonest
		}
	}
	if am > 0 {
		v := float64(fm) / float64(am)
		tpr = &v
	}
	if ah > 0 {
		v := float64(fh) / float64(ah)
		fpr = &v
	}
	return tpr, fpr
}

// SummariseRobust groups runs by attack, fraction and aggregation; drops are
// paired with the run without attackers of the same seed.
func SummariseRobust(rep *RobustReport, cfg RobustConfig) {
	clean := map[bool]map[int64]float64{false: {}, true: {}}
	for _, r := range rep.PerRun {
		if r.Malicious == 0 && r.Error == "" {
			clean[r.Robust][r.Seed] = r.Accuracy
		}
	}
	summary := func(attack string, frac float64, robust bool) RobustSummary {
		s := RobustSummary{Attack: attack, Fraction: frac, Malicious: MaliciousSites(frac, cfg.Sites), Robust: robust}
		var runs []RobustRun
		for _, r := range rep.PerRun {
			if r.Attack == attack && r.Malicious == s.Malicious && r.Robust == robust {
				s.Runs++
				if r.Error != "" {
					s.Failed++
					continue
				}
				runs = append(runs, r)
			}
		}
		var acc, drop, dropPlain, toSusp []float64
		var bd, bdRaw, bdBase, bdRawBase []float64
		var score, agg, perPart []float64
		for _, r := range runs {
			acc = append(acc, r.Accuracy)
			if c, ok := clean[robust][r.Seed]; ok {
				drop = append(drop, 100*(c-r.Accuracy))
			}
			if c, ok := clean[false][r.Seed]; ok {
				dropPlain = append(dropPlain, 100*(c-r.Accuracy))
			}
			for _, p := range []struct {
				to *[]float64
				v  *float64
			}{{&bd, r.BackdoorSuccess}, {&bdRaw, r.BackdoorRaw}, {&bdBase, r.BackdoorBaseline}, {&bdRawBase, r.BackdoorRawBaseline}} {
				if p.v != nil {
					*p.to = append(*p.to, *p.v)
				}
			}
			s.Attackers += r.Malicious
			for _, in := range r.SuspendedInRound {
				if in != nil {
					s.Suspended++
					toSusp = append(toSusp, float64(*in))
				}
			}
			s.HonestSuspended += r.HonestSuspended
			for _, f := range r.Rounds {
				score, agg = append(score, f.ScoreSeconds), append(agg, f.AggregateSeconds)
				if f.Participants > 0 {
					perPart = append(perPart, f.ScoreSeconds/float64(f.Participants))
				}
			}
		}
		s.Accuracy, s.DropPoints, s.DropVsPlainPoints = roundMeanSD(Summarise(acc)), roundMeanSD(Summarise(drop)), roundMeanSD(Summarise(dropPlain))
		s.BackdoorSuccess, s.BackdoorRaw = summariseSome(bd), summariseSome(bdRaw)
		s.BackdoorBaseline, s.BackdoorRawBaseline = summariseSome(bdBase), summariseSome(bdRawBase)
		if len(toSusp) > 0 {
			v := Summarise(toSusp)
			s.RoundsToSuspension = &v
		}
		s.TPR, s.FPR = pooledRates(runs)
		for k := range cfg.Rounds {
			var byRound []RobustRun
			for _, r := range runs {
				if k < len(r.Rounds) {
					byRound = append(byRound, RobustRun{Robust: r.Robust, Rounds: r.Rounds[k : k+1]})
				}
			}
			tpr, fpr := pooledRates(byRound)
			s.TPRPerRound, s.FPRPerRound = append(s.TPRPerRound, tpr), append(s.FPRPerRound, fpr)
		}
		s.ScoreSeconds, s.AggregateSeconds, s.ScorePerParticipant = Summarise(score).Mean, Summarise(agg).Mean, Summarise(perPart).Mean
		if s.AggregateSeconds > 0 {
			v := s.ScoreSeconds / s.AggregateSeconds
			s.ScoreOverAggregate = &v
		}
		return s
	}
	rep.PlainClean, rep.Clean = summary("none", 0, false), summary("none", 0, true)
	rep.CleanCostPoints = math.Round(1e6*100*(rep.PlainClean.Accuracy.Mean-rep.Clean.Accuracy.Mean)) / 1e6
	metric, points := MetricName(rep.Metric), "point"
	if rep.Metric == models.MetricCIndex {
		points = "C-index point"
	}
	rep.Targets = append(rep.Targets, RobustTarget{
		What: "no attacker: robust costs at most 1 " + points + " against plain weighted averaging", Value: rep.CleanCostPoints, Limit: robustMaxCleanCostPts, Max: true,
	})
	for _, name := range cfg.Attacks {
		kind := name
		if a, err := participant.ParseAttack(name); err == nil {
			kind = a.Kind
		}
		for _, f := range cfg.Fractions {
			if MaliciousSites(f, cfg.Sites) == 0 {
				continue
			}
			s := summary(name, f, true)
			rep.Robust = append(rep.Robust, s)
			if cfg.Undefended {
				rep.Undefended = append(rep.Undefended, summary(name, f, false))
			}
			if f > robustMaxFraction+1e-9 {
				continue
			}
			what := fmt.Sprintf("%s, %.0f%% malicious: ", name, 100*f)
			if a, err := participant.ParseAttack(name); err == nil && a.Adaptive() {
				rep.Targets = append(rep.Targets, RobustTarget{What: what + metric + " drop (points; detection not required)", Value: s.DropPoints.Mean, Limit: robustMaxAdaptiveDropPts, Max: true})
				continue
			}
			if kind == participant.AttackBackdoor {
				rep.Targets = append(rep.Targets, RobustTarget{What: what + "backdoor attack success rate", Value: ptrMean(s.BackdoorSuccess), Limit: robustMaxBackdoor, Max: true})
				continue
			}
			rep.Targets = append(rep.Targets,
				RobustTarget{What: what + metric + " drop (points)", Value: s.DropPoints.Mean, Limit: robustMaxDropPoints, Max: true},
				RobustTarget{What: what + "detection TPR", Value: ptrValue(s.TPR, 0), Limit: robustMinTPR},
				RobustTarget{What: what + "detection FPR", Value: ptrValue(s.FPR, 0), Limit: robustMaxFPR, Max: true},
			)
		}
	}
	rep.AllPass = true
	failed := map[string]bool{} // targets of attacks and shares with a failed study
	for _, r := range rep.PerRun {
		if r.Error != "" {
			failed[fmt.Sprintf("%s, %.0f%% malicious: ", r.Attack, 100*r.Fraction)] = true
			if r.Malicious == 0 {
				failed["no attacker"] = true
			}
		}
	}
	for i, t := range rep.Targets {
		rep.Targets[i].Pass = (t.Max && t.Value <= t.Limit) || (!t.Max && t.Value >= t.Limit)
		for prefix := range failed {
			if strings.HasPrefix(t.What, prefix) {
				rep.Targets[i].Pass = false
			}
		}
		rep.AllPass = rep.AllPass && rep.Targets[i].Pass
	}
}

// summariseSome summarises xs, or returns nil if there are none.
func summariseSome(xs []float64) *MeanSD {
	if len(xs) == 0 {
		return nil
	}
	v := Summarise(xs)
	return &v
}

// roundMeanSD removes float dust from a figure in points or a share.
func roundMeanSD(m MeanSD) MeanSD {
	return MeanSD{Mean: math.Round(1e6*m.Mean) / 1e6, SD: math.Round(1e6*m.SD) / 1e6}
}

func ptrValue(p *float64, otherwise float64) float64 {
	if p == nil {
		return otherwise
	}
	return *p
}

// ptrMean is the mean of a summary that may be absent; absent fails a
// "max" target (1 is the worst success rate).
func ptrMean(p *MeanSD) float64 {
	if p == nil {
		return 1
	}
	return p.Mean
}

func FmtRate(p *float64) string {
	if p == nil {
		return "  –  "
	}
	return fmt.Sprintf("%5.3f", *p)
}
