package evaluation

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// NaturalConfig is what `cohort bench learn --recipe` measures: a
// study's recipe on hospitals that are each a file of their own (a natural
// split, each file's split column respected), or on one file split into
// unlike sites with their own test records.
type NaturalConfig struct {
	Files  []string
	Schema string
	// Sites > 1 with one file splits it into unlike sites (skew), each
	// holding out DefaultTestFraction of its records for its own test set.
	Sites  int
	Skew   records.SkewConfig
	Recipe models.Recipe
	// Servers are the federated variants: the recipe's server optimizer
	// first, then others to compare.
	Servers []aggregation.FedOptConfig
	// central is pooled and site-alone training: the recipe's local
	// training for centralEpochs epochs.
	CentralEpochs int
	// CentralLR, if set, replaces the recipe's learning rate there.
	CentralLR float64
	Seeds     int
	// Plaintext runs the federated studies without encryption (insecure
	// test mode, for tuning); reports say so.
	Plaintext bool
	// ValidationFolds K > 0 leaves the test records out: seed s trains on
	// every hospital's training records but fold (s−1) mod K, every K-th
	// of them in file order, and scores on that fold. Settings are then
	// chosen without the test split (`bench learn --validation K`).
	ValidationFolds int
	// Privacy, if set, adds one federated study per budget, the recipe's
	// with DP-SGD (its local epochs and rate, clip and sampling rate; the
	// noise multiplier the smallest that fits the budget), beside the
	// non-private one with the recipe's first server optimizer.
	Privacy *LearnPrivacy
}

// privateRecipe is the recipe r trained under budget eps among sites
// hospitals as p says (its rounds and server optimizer, if set).
func (p LearnPrivacy) privateRecipe(r models.Recipe, sites int, eps float64) (models.Recipe, error) {
	tc, err := p.trainConfig(r.Local, r.Rounds, sites, eps)
	if err != nil {
		return r, err
	}
	r.Privacy, tc.Privacy = tc.Privacy, nil
	r.Local, r.Rounds = tc, p.rounds(r.Rounds)
	if p.Server != nil {
		r.Server = *p.Server
	}
	if p.Precondition != "" {
		r.Precondition = p.Precondition
	}
	return r, r.Validate()
}

// NaturalPrivateSummary is one budget's federated study against the
// non-private federated one of the same seeds, in points (×100) of the
// recipe's metric.
type NaturalPrivateSummary struct {
	Epsilon         float64 `json:"epsilon"`
	Delta           float64 `json:"delta"`
	NoiseMultiplier float64 `json:"noise_multiplier"`
	Approach        string  `json:"approach"`
	// AverageLast is the K the study was scored at (1: its final model).
	AverageLast  int     `json:"average_last,omitempty"`
	PooledLoss   float64 `json:"pooled_test_points_lost"`
	SiteMeanLoss float64 `json:"hospital_mean_points_lost"`
}

// ApproachResult is one way of training, scored on the pooled test set
// and on each hospital's own test records.
type ApproachResult struct {
	Name string `json:"name"`
	// Pooled is on every hospital's test records together (pairs across
	// hospitals included for the C-index); absent for per-hospital models.
	Pooled *simulation.Scores  `json:"pooled_test,omitempty"`
	Sites  []simulation.Scores `json:"sites"`
	model  *models.Model       // the shared model (federated, pooled), for figures
}

// NaturalSeedResult is one seed's figures.
type NaturalSeedResult struct {
	Seed       int64            `json:"seed"`
	Approaches []ApproachResult `json:"approaches"`
	Seconds    float64          `json:"seconds"`
	// curves are the federated Cox model's survival curves by risk group.
	curves []survivalCurve
}

// ApproachSummary is an approach's headline figure: mean and sd over seeds
// on the pooled test set, of the mean over hospitals, and per hospital.
type ApproachSummary struct {
	Name     string   `json:"name"`
	Pooled   *MeanSD  `json:"pooled_test,omitempty"`
	SiteMean MeanSD   `json:"hospital_mean"`
	Sites    []MeanSD `json:"hospitals"`
}

// NaturalReport is what `cohort bench learn --recipe --json` prints.
type NaturalReport struct {
	Data          []string      `json:"data"`
	Schema        string        `json:"schema"`
	Hospitals     []string      `json:"hospitals"`
	TrainRecords  []int         `json:"train_records"`
	TestRecords   []int         `json:"test_records"`
	Events        []int         `json:"train_events_or_positives"`
	Recipe        models.Recipe `json:"recipe"`
	CentralEpochs int           `json:"central_epochs"`
	CentralLR     float64       `json:"central_learning_rate"`
	Metric        string        `json:"metric"`
	Encrypted     bool          `json:"encrypted"`
	Seeds         []int64       `json:"seeds"`
	// ValidationFolds is NaturalConfig.ValidationFolds: when set, "test"
	// is a fold of the training records, never the test split.
	ValidationFolds int               `json:"validation_folds,omitempty"`
	Summary         []ApproachSummary `json:"summary"`
	// Privacy is the --epsilon studies' settings and their points lost.
	Privacy *LearnPrivacy           `json:"privacy_settings,omitempty"`
	Private []NaturalPrivateSummary `json:"private,omitempty"`
	PerSeed []NaturalSeedResult     `json:"per_seed"`
	Seconds float64                 `json:"seconds"`
	// curves are the survival curves of the first seed's federated Cox
	// model by risk group, for the figure.
	curves []survivalCurve
}

// loadNaturalSites loads one site per file (each file's own split), or
// splits one file into unlike sites with their own test records.
func loadNaturalSites(cfg NaturalConfig, schema records.Schema, seed int64) ([]records.Site, error) {
	now := time.Now()
	if len(cfg.Files) > 1 || cfg.Sites <= 1 {
		sites := make([]records.Site, 0, len(cfg.Files))
		schema.SplitSeed = seed
		for _, f := range cfg.Files {
			name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
			site, _, err := records.LoadFile(f, schema, records.LoadOptions{Name: name, At: now})
			if err != nil {
				return nil, err
			}
			if len(site.Train) == 0 || len(site.Test) == 0 {
				return nil, fmt.Errorf("%s: %d training and %d test records; every hospital needs both", f, len(site.Train), len(site.Test))
			}
			sites = append(sites, site)
		}
		return sites, nil
	}
	whole, _, err := records.LoadFile(cfg.Files[0], schema, records.LoadOptions{Name: "all", At: now})
	if err != nil {
		return nil, err
	}
	skew := cfg.Skew
	skew.Sites, skew.Seed = cfg.Sites, seed
	parts, err := records.SplitUnlike(slices.Concat(whole.Train, whole.Test), skew)
	if err != nil {
		return nil, err
	}
	sites := make([]records.Site, len(parts))
	for i, p := range parts {
		train, test := records.DrawSplit(p, records.DefaultTestFraction, seed+int64(i))
		sites[i] = records.Site{Name: fmt.Sprintf("site%d", i+1), Train: train, Test: test, Consent: whole.Consent}
	}
	return sites, nil
}

// validationFold sets the sites' test records aside and holds out fold of
// k of their training records instead: every k-th record in file order,
// starting at the fold-th.
func validationFold(sites []records.Site, k, fold int) ([]records.Site, error) {
	out := make([]records.Site, len(sites))
	for i, s := range sites {
		var train, held []records.Record
		for j, r := range s.Train {
			if j%k == fold {
				held = append(held, r)
			} else {
				train = append(train, r)
			}
		}
		if len(train) == 0 || len(held) == 0 {
			return nil, fmt.Errorf("%s: %d training records make no %d validation folds: every fold needs records to train on and to score", s.Name, len(s.Train), k)
		}
		s.Train, s.Test = train, held
		out[i] = s
	}
	return out, nil
}

// Natural runs every seed and summarises; progress goes to progress.
func Natural(ctx context.Context, cfg NaturalConfig, progress io.Writer) (*NaturalReport, error) {
	start := time.Now()
	schema, err := records.LoadSchemaFile(cfg.Schema)
	if err != nil {
		return nil, err
	}
	if f := schema.Features(); f != cfg.Recipe.Model.Features {
		return nil, fmt.Errorf("the recipe's model has %d features but the schema encodes %d; set model.features to %d", cfg.Recipe.Model.Features, f, f)
	}
	if cfg.Recipe.Model.IsSurvival() && schema.Time == "" {
		return nil, fmt.Errorf("a %q model needs the schema's time column (and its label as the event indicator)", cfg.Recipe.Model.Kind)
	}
	if _, err := cfg.Recipe.StandardiserGroups(&schema); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Schema, err)
	}
	if p := cfg.Privacy; p != nil && p.Precondition != "" {
		private := cfg.Recipe
		private.Precondition = p.Precondition
		if err := private.Validate(); err != nil {
			return nil, fmt.Errorf("the private studies: %w", err)
		}
		if _, err := private.StandardiserGroups(&schema); err != nil {
			return nil, fmt.Errorf("the private studies, %s: %w", cfg.Schema, err)
		}
	}
	rep := &NaturalReport{Data: cfg.Files, Schema: cfg.Schema, Recipe: cfg.Recipe, CentralEpochs: cfg.CentralEpochs, CentralLR: cfg.Recipe.Local.LearningRate,
		Metric: cfg.Recipe.Evaluation.Metric, Encrypted: !cfg.Plaintext, ValidationFolds: cfg.ValidationFolds}
	if cfg.CentralLR > 0 {
		rep.CentralLR = cfg.CentralLR
	}
	encryption := "on (multiparty CKKS)"
	if cfg.Plaintext {
		encryption = "OFF (insecure test mode)"
	}
	fmt.Fprintf(progress, "bench learn: %d seeds; each trains pooled, each hospital alone and %d federated studies (%d rounds, encryption %s), a line as each seed ends\n",
		cfg.Seeds, len(cfg.Servers), cfg.Recipe.Rounds, encryption)
	for i := range cfg.Seeds {
		seed := int64(i + 1)
		t0 := time.Now()
		sites, err := loadNaturalSites(cfg, schema, seed)
		if err != nil {
			return nil, err
		}
		if k := cfg.ValidationFolds; k > 0 {
			if sites, err = validationFold(sites, k, i%k); err != nil {
				return nil, err
			}
		}
		if i == 0 {
			for _, s := range sites {
				rep.Hospitals = append(rep.Hospitals, s.Name)
				rep.TrainRecords = append(rep.TrainRecords, len(s.Train))
				rep.TestRecords = append(rep.TestRecords, len(s.Test))
				rep.Events = append(rep.Events, int(math.Round(Prevalence(s.Train)*float64(len(s.Train)))))
			}
		}
		r, err := naturalOneSeed(ctx, cfg, schema, sites, seed)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", seed, err)
		}
		r.Seconds = time.Since(t0).Seconds()
		if i == 0 {
			rep.curves = r.curves
		}
		line := fmt.Sprintf("seed %d (%.0fs):", seed, r.Seconds)
		for _, a := range r.Approaches {
			line += fmt.Sprintf("  %s %s", a.Name, FigurePair(a, rep.Metric))
		}
		fmt.Fprintln(progress, line)
		rep.Seeds = append(rep.Seeds, seed)
		rep.PerSeed = append(rep.PerSeed, r)
	}
	rep.Summary = summariseNatural(rep.PerSeed, rep.Metric)
	if cfg.Privacy != nil {
		rep.Privacy = cfg.Privacy
		rep.Private = summariseNaturalPrivate(rep.Summary, cfg, len(rep.Hospitals))
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// FigurePair is an approach's pooled-test and hospital-mean figures.
func FigurePair(a ApproachResult, metric string) string {
	hs := make([]float64, len(a.Sites))
	for i, s := range a.Sites {
		hs[i] = s.Headline(metric)
	}
	mean := Summarise(hs).Mean
	if a.Pooled == nil {
		return fmt.Sprintf("-/%.4f", mean)
	}
	return fmt.Sprintf("%.4f/%.4f", a.Pooled.Headline(metric), mean)
}

func summariseNatural(runs []NaturalSeedResult, metric string) []ApproachSummary {
	var out []ApproachSummary
	for k, a := range runs[0].Approaches {
		s := ApproachSummary{Name: a.Name}
		var pooled, means []float64
		perSite := make([][]float64, len(a.Sites))
		for _, r := range runs {
			b := r.Approaches[k]
			if b.Pooled != nil {
				pooled = append(pooled, b.Pooled.Headline(metric))
			}
			var hs []float64
			for j, site := range b.Sites {
				hs = append(hs, site.Headline(metric))
				perSite[j] = append(perSite[j], site.Headline(metric))
			}
			means = append(means, Summarise(hs).Mean)
		}
		if len(pooled) > 0 {
			p := Summarise(pooled)
			s.Pooled = &p
		}
		s.SiteMean = Summarise(means)
		for _, xs := range perSite {
			s.Sites = append(s.Sites, Summarise(xs))
		}
		out = append(out, s)
	}
	return out
}

// naturalOneSeed trains every approach for one seed: pooled, each hospital
// alone, federated with each server optimizer, and personalised.
func naturalOneSeed(ctx context.Context, cfg NaturalConfig, schema records.Schema, raw []records.Site, seed int64) (NaturalSeedResult, error) {
	res := NaturalSeedResult{Seed: seed}
	r := cfg.Recipe
	// How each hospital's records are standardised for the shared models:
	// the recipe's mode (pooled statistics summed in the clear here equal
	// the study's encrypted moments phase to 1e-4).
	std := make([]*records.Standardiser, len(raw))
	own := make([]*records.Standardiser, len(raw))
	for i, s := range raw {
		m, err := records.TrainMoments(s, schema.Features())
		if err != nil {
			return res, err
		}
		o, err := records.NewStandardiser(m)
		if err != nil {
			return res, fmt.Errorf("%s: %w", s.Name, err)
		}
		own[i] = &o
	}
	// The private studies may precondition where the recipe does not
	// (LearnPrivacy.Precondition): they are scored on their own features.
	var private []*records.Standardiser
	switch r.Standardise {
	case records.StandardisePooled:
		p, err := ClearPooledStandardiser(raw, schema.Features())
		if err != nil {
			return res, err
		}
		shared, priv := &p, &p
		privateGroups := cfg.Privacy != nil && cfg.Privacy.Precondition == models.PreconditionGroups
		if r.Precondition == models.PreconditionGroups || privateGroups {
			grouped, err := p.WithGroups(schema.GroupColumns())
			if err != nil {
				return res, err
			}
			if r.Precondition == models.PreconditionGroups {
				shared = &grouped
			}
			priv = &grouped
		}
		private = make([]*records.Standardiser, len(raw))
		for i := range std {
			std[i], private[i] = shared, priv
		}
	case records.StandardiseSite:
		copy(std, own)
	}
	sites, err := standardiseSites(raw, std)
	if err != nil {
		return res, err
	}
	privateSites := sites
	if private != nil && private[0] != std[0] {
		if privateSites, err = standardiseSites(raw, private); err != nil {
			return res, err
		}
	}
	var pooledTrain, pooledTest, privateTest []records.Record
	for i := range sites {
		pooledTrain = append(pooledTrain, sites[i].Train...)
		pooledTest = append(pooledTest, sites[i].Test...)
		privateTest = append(privateTest, privateSites[i].Test...)
	}
	central := r.Local
	central.Epochs, central.Seed = cfg.CentralEpochs, seed
	if cfg.CentralLR > 0 {
		central.LearningRate = cfg.CentralLR
	}

	// Pooled training: every hospital's training records in one place.
	pooled, err := models.New(r.Model, seed)
	if err != nil {
		return res, err
	}
	if err := simulation.FitRecords(ctx, pooled, pooledTrain, central); err != nil {
		return res, fmt.Errorf("pooled: %w", err)
	}
	a, err := scoreApproach("pooled", pooled, pooledTest, sites)
	if err != nil {
		return res, err
	}
	res.Approaches = append(res.Approaches, a)

	// Each hospital alone, with its own standardisation, on its own test
	// records.
	alone := ApproachResult{Name: "hospital alone"}
	for i, s := range raw {
		train, err := own[i].Apply(s.Train)
		if err != nil {
			return res, err
		}
		test, err := own[i].Apply(s.Test)
		if err != nil {
			return res, err
		}
		m, err := models.New(r.Model, seed)
		if err != nil {
			return res, err
		}
		tc := central
		tc.Seed = seed + int64(i)
		if err := simulation.FitRecords(ctx, m, train, tc); err != nil {
			return res, fmt.Errorf("%s alone: %w", s.Name, err)
		}
		sc, err := simulation.ScoreRecords(m, test)
		if err != nil {
			return res, err
		}
		alone.Sites = append(alone.Sites, sc)
	}
	res.Approaches = append(res.Approaches, alone)

	// Federated: a whole study through the real nodes per server optimizer.
	studySites, studyStd, privateStudySites := raw, r.Standardise, raw
	switch {
	case r.Standardise == records.StandardiseSite:
		studySites, privateStudySites = sites, sites
	case cfg.Plaintext && r.Standardise == records.StandardisePooled:
		// The moments phase needs encryption: in the plaintext test mode
		// the hospitals get the same pooled standardiser in the clear,
		// groups whitened as the recipe says.
		studySites, studyStd, privateStudySites = sites, records.StandardiseNone, privateSites
	}
	var shared *models.Model
	for k, server := range cfg.Servers {
		recipe := r
		recipe.Server, recipe.Standardise = server, studyStd
		if studyStd == records.StandardiseNone {
			recipe.Precondition = "" // applied in the clear above
		}
		ms, err := federate(ctx, recipe, studySites, schema, seed, cfg.Plaintext, []int{1})
		if err != nil {
			return res, fmt.Errorf("federated %s: %w", server.Kind, err)
		}
		m := ms[0]
		a, err := scoreApproach("federated "+server.Kind, m, pooledTest, sites)
		if err != nil {
			return res, err
		}
		res.Approaches = append(res.Approaches, a)
		if k == 0 {
			shared = m
		}
	}

	// Private: the recipe under each budget, with its first server optimizer.
	if p := cfg.Privacy; p != nil {
		for _, eps := range p.Epsilons {
			recipe, err := p.privateRecipe(r, len(studySites), eps)
			if err != nil {
				return res, fmt.Errorf("ε %v: %w", eps, err)
			}
			if p.Server == nil {
				recipe.Server = cfg.Servers[0]
			}
			recipe.Standardise = studyStd
			if studyStd == records.StandardiseNone {
				recipe.Precondition = "" // applied in the clear above
			}
			ks := p.averages()
			ms, err := federate(ctx, recipe, privateStudySites, schema, seed, cfg.Plaintext, ks)
			if err != nil {
				return res, fmt.Errorf("federated at ε %v: %w", eps, err)
			}
			for i, m := range ms {
				a, err := scoreApproach(privateApproach(eps, ks[i]), m, privateTest, privateSites)
				if err != nil {
					return res, err
				}
				res.Approaches = append(res.Approaches, a)
			}
		}
	}

	if r.Model.IsSurvival() {
		if res.curves, err = riskGroupCurves(shared, sites); err != nil {
			return res, err
		}
	}

	// Personalised: each hospital fine-tunes the (recipe's) shared model
	// on its own records; scored on its own test records only.
	if p := r.Personalise; p != nil {
		pers := ApproachResult{Name: "personalised"}
		tc := r.Local
		tc.Epochs, tc.LearningRate = p.Epochs, p.LearningRate
		for i, s := range sites {
			m, err := models.New(r.Model, seed)
			if err != nil {
				return res, err
			}
			if err := m.SetParams(shared.Params()); err != nil {
				return res, err
			}
			tc.Seed = seed + int64(i)
			if err := simulation.FitRecords(ctx, m, s.Train, tc); err != nil {
				return res, fmt.Errorf("%s personalised: %w", s.Name, err)
			}
			sc, err := simulation.ScoreRecords(m, s.Test)
			if err != nil {
				return res, err
			}
			pers.Sites = append(pers.Sites, sc)
		}
		res.Approaches = append(res.Approaches, pers)
	}
	return res, nil
}

// standardiseSites returns copies of the sites, each standardised by its
// standardiser (nil: as it is).
func standardiseSites(raw []records.Site, std []*records.Standardiser) ([]records.Site, error) {
	sites := make([]records.Site, len(raw))
	for i, s := range raw {
		sites[i] = s
		if std[i] == nil {
			continue
		}
		var err error
		if sites[i], err = std[i].ApplySite(s); err != nil {
			return nil, err
		}
	}
	return sites, nil
}

// privateApproach names the federated study under budget eps, scored by
// its final model (k = 1) or the average of its last k published models.
func privateApproach(eps float64, k int) string {
	return fmt.Sprintf("federated DP-SGD ε=%g%s", eps, averagedText(k))
}

// averagedText names how a private study was scored: "" for its final
// model, ", last k averaged" for the average of its last k models.
func averagedText(k int) string {
	if k > 1 {
		return fmt.Sprintf(", last %d averaged", k)
	}
	return ""
}

// summariseNaturalPrivate gives each budget's points lost against the
// non-private federated study of the recipe's server optimizer.
func summariseNaturalPrivate(summary []ApproachSummary, cfg NaturalConfig, sites int) []NaturalPrivateSummary {
	find := func(name string) *ApproachSummary {
		for i := range summary {
			if summary[i].Name == name {
				return &summary[i]
			}
		}
		return nil
	}
	base := find("federated " + cfg.Servers[0].Kind)
	var out []NaturalPrivateSummary
	for _, eps := range cfg.Privacy.Epsilons {
		for _, k := range cfg.Privacy.averages() {
			a := find(privateApproach(eps, k))
			if a == nil || base == nil {
				continue
			}
			s := NaturalPrivateSummary{Epsilon: eps, Delta: cfg.Privacy.Delta, Approach: a.Name, AverageLast: k,
				SiteMeanLoss: math.Round(1e4*100*(base.SiteMean.Mean-a.SiteMean.Mean)) / 1e4}
			if r, err := cfg.Privacy.privateRecipe(cfg.Recipe, sites, eps); err == nil {
				s.NoiseMultiplier = r.Privacy.NoiseMultiplier
			}
			if a.Pooled != nil && base.Pooled != nil {
				s.PooledLoss = math.Round(1e4*100*(base.Pooled.Mean-a.Pooled.Mean)) / 1e4
			}
			out = append(out, s)
		}
	}
	return out
}

// federate runs a study of the recipe on the hospitals' records and returns
// one model per k of averageLast, all from that one study: its final shared
// model for k = 1, the average of its last k published models for k > 1.
func federate(ctx context.Context, recipe models.Recipe, sites []records.Site, schema records.Schema, seed int64, plaintext bool, averageLast []int) ([]*models.Model, error) {
	dir, err := os.MkdirTemp("", "cohort-bench-learn-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	groups, err := recipe.StandardiserGroups(&schema)
	if err != nil {
		return nil, err
	}
	study, err := simulation.Run(ctx, simulation.Config{
		Hospitals: len(sites), Seed: seed, DataDir: dir, Sites: sites, Recipe: &recipe,
		Scales: schema.Scales(), StandardiserGroups: groups, Plaintext: plaintext,
	})
	if err != nil {
		return nil, err
	}
	defer study.Close()
	if study.Result() == nil || study.Result().FinalModel == nil {
		return nil, simulation.ErrNoRounds
	}
	out := make([]*models.Model, len(averageLast))
	for i, k := range averageLast {
		params := study.Result().FinalModel
		if k > 1 {
			if params, err = averagePublished(study, k); err != nil {
				return nil, err
			}
		}
		if out[i], err = models.New(recipe.Model, seed); err != nil {
			return nil, err
		}
		if err := out[i].SetParams(params); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// averagePublished averages the models the study's last k rounds published
// (fewer if it ran fewer), read back from the coordinator's store by the
// hashes the chain records.
func averagePublished(study *simulation.Study, k int) ([]float64, error) {
	store, err := coordinator.OpenStore(study.StoreDir())
	if err != nil {
		return nil, err
	}
	rounds := study.Result().Rounds
	rounds = rounds[max(0, len(rounds)-k):]
	params := make([][]float64, 0, len(rounds))
	for _, r := range rounds {
		b, err := store.Get(r.ModelHash)
		if err != nil {
			return nil, fmt.Errorf("the model of round %d: %w", r.Round, err)
		}
		p, err := models.DecodeParams(b)
		if err != nil {
			return nil, fmt.Errorf("the model of round %d: %w", r.Round, err)
		}
		params = append(params, p)
	}
	return models.TailAverage(params)
}

// scoreApproach scores a shared model on the pooled test set and on each
// hospital's own test records.
func scoreApproach(name string, m *models.Model, pooledTest []records.Record, sites []records.Site) (ApproachResult, error) {
	a := ApproachResult{Name: name, model: m}
	p, err := simulation.ScoreRecords(m, pooledTest)
	if err != nil {
		return a, err
	}
	a.Pooled = &p
	for _, s := range sites {
		sc, err := simulation.ScoreRecords(m, s.Test)
		if err != nil {
			return a, err
		}
		a.Sites = append(a.Sites, sc)
	}
	return a, nil
}

// survivalCurve is a Kaplan–Meier curve (observed) or the model's mean
// predicted survival of one risk group.
type survivalCurve struct {
	name      string
	predicted bool
	Points    plotter.XYs
}

// riskGroupCurves splits the pooled test records at the median risk the
// federated Cox model gives the training records, and returns each group's
// Kaplan–Meier curve beside the model's mean predicted survival (Breslow
// baseline hazard from the training records). The sites' records are
// standardised as the study standardised them.
func riskGroupCurves(m *models.Model, sites []records.Site) ([]survivalCurve, error) {
	var train, test []records.Record
	for _, s := range sites {
		train, test = append(train, s.Train...), append(test, s.Test...)
	}
	Xtr, ytr := records.Matrix(train)
	rtr, err := m.RiskScores(Xtr)
	if err != nil {
		return nil, err
	}
	base := models.NewBaselineHazard(rtr, records.Times(train), ytr)
	sorted := append([]float64(nil), rtr...)
	sort.Float64s(sorted)
	cut := sorted[len(sorted)/2]
	Xte, _ := records.Matrix(test)
	rte, err := m.RiskScores(Xte)
	if err != nil {
		return nil, err
	}
	var curves []survivalCurve
	for _, g := range []struct {
		name string
		high bool
	}{{"low risk", false}, {"high risk", true}} {
		var group []records.Record
		var risks []float64
		for i, r := range test {
			if (rte[i] >= cut) == g.high {
				group = append(group, r)
				risks = append(risks, rte[i])
			}
		}
		if len(group) == 0 {
			continue
		}
		km := kaplanMeier(group)
		curves = append(curves, survivalCurve{name: fmt.Sprintf("%s (%d test records), Kaplan–Meier", g.name, len(group)), Points: km})
		var pred plotter.XYs
		for _, pt := range km {
			s := 0.0
			for _, r := range risks {
				s += base.Survival(pt.X, r) / float64(len(risks))
			}
			pred = append(pred, plotter.XY{X: pt.X, Y: s})
		}
		curves = append(curves, survivalCurve{name: g.name + ", model's mean prediction", predicted: true, Points: pred})
	}
	return curves, nil
}

// kaplanMeier returns the Kaplan–Meier estimate of recs' survival as a step
// curve (two points per event time), times in years.
func kaplanMeier(recs []records.Record) plotter.XYs {
	sorted := append([]records.Record(nil), recs...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].Time < sorted[b].Time })
	const day = 1.0 / 365.25
	pts := plotter.XYs{{X: 0, Y: 1}}
	s, atRisk := 1.0, float64(len(sorted))
	for i := 0; i < len(sorted); {
		t := sorted[i].Time
		d, n := 0.0, 0.0
		for ; i < len(sorted) && sorted[i].Time == t; i++ {
			n++
			if sorted[i].Label >= 0.5 {
				d++
			}
		}
		if d > 0 {
			pts = append(pts, plotter.XY{X: t * day, Y: s})
			s *= 1 - d/atRisk
			pts = append(pts, plotter.XY{X: t * day, Y: s})
		}
		atRisk -= n
	}
	if last := sorted[len(sorted)-1].Time * day; last > pts[len(pts)-1].X {
		pts = append(pts, plotter.XY{X: last, Y: s})
	}
	return pts
}

// NaturalPlots draws each approach's headline figure on the pooled test set
// and as the mean over hospitals, each hospital's figure per approach, and
// for a Cox model the survival curves by risk group.
func NaturalPlots(rep *NaturalReport) ([]*plot.Plot, error) {
	label := strings.ReplaceAll(rep.Metric, "_", " ")
	title := fmt.Sprintf("mean ± sd over %d seeds, %d hospitals", len(rep.Seeds), len(rep.Hospitals))
	var pooledBars, meanBars []chart.Bar
	low := 1.0
	for _, s := range rep.Summary {
		if s.Pooled != nil {
			pooledBars = append(pooledBars, chart.Bar{Name: s.Name, Mean: s.Pooled.Mean, SD: s.Pooled.SD})
			low = min(low, s.Pooled.Mean-s.Pooled.SD)
		}
		meanBars = append(meanBars, chart.Bar{Name: s.Name, Mean: s.SiteMean.Mean, SD: s.SiteMean.SD})
		low = min(low, s.SiteMean.Mean-s.SiteMean.SD)
	}
	yMin := max(0, math.Floor(10*(low-0.02))/10)
	p1, err := chart.Bars(chart.Axes{Title: label + " on the pooled test set (" + title + ")", Y: label, YMin: yMin, YMax: 1}, pooledBars...)
	if err != nil {
		return nil, err
	}
	p2, err := chart.Bars(chart.Axes{Title: label + ", mean over hospitals' own test records", Y: label, YMin: yMin, YMax: 1}, meanBars...)
	if err != nil {
		return nil, err
	}
	var ss []chart.Series
	for _, s := range rep.Summary {
		sr := chart.Series{Name: s.Name, Dashed: s.Pooled == nil}
		for j, v := range s.Sites {
			sr.Points = append(sr.Points, plotter.XY{X: float64(j + 1), Y: v.Mean})
			sr.Spread = append(sr.Spread, v.SD)
		}
		ss = append(ss, sr)
	}
	p3, err := chart.Line(chart.Axes{Title: label + " per hospital (" + strings.Join(rep.Hospitals, ", ") + ")", X: "hospital", Y: label, IntegerX: true, LegendBottom: true}, ss...)
	if err != nil {
		return nil, err
	}
	panels := []*plot.Plot{p1, p2, p3}
	if len(rep.curves) > 0 {
		var cs []chart.Series
		for _, c := range rep.curves {
			cs = append(cs, chart.Series{Name: c.name, Points: c.Points, Dashed: c.predicted})
		}
		p4, err := chart.Line(chart.Axes{Title: "federated Cox model: survival by risk group (pooled test records, seed 1)", X: "years", Y: "survival", YMin: 0, YMax: 1.02, LegendBottom: true}, cs...)
		if err != nil {
			return nil, err
		}
		panels = append(panels, p4)
	}
	return panels, nil
}
