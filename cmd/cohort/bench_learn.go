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
	"time"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// learnBenchConfig is what `cohort bench learn` measures.
type learnBenchConfig struct {
	data, schema string
	sites        int
	seeds        int
	rounds       int
	skew         records.SkewConfig  // Sites and Seed are set per run
	spec         models.Spec         // Features is set from the schema
	local        models.TrainConfig  // per round, at each site
	central      models.TrainConfig  // pooled and site-alone training
	privacy      *learnPrivacyConfig // --epsilon: private studies too
}

// defaultLearnBench holds the tuned defaults: 20 rounds of 2 local epochs
// of Adam at rate 0.01 against 40 epochs of centralised training, on sites
// whose sizes span 8:1 and whose prevalence ranges from mostly negative to
// mostly positive (label skew 0.8).
func defaultLearnBench() learnBenchConfig {
	return learnBenchConfig{
		sites: 4, seeds: 5, rounds: 20,
		skew:    records.SkewConfig{SizeRatio: 8, LabelSkew: 0.8, MinPerClass: 3},
		spec:    models.Spec{Kind: models.KindLogistic},
		local:   models.TrainConfig{Epochs: 2, BatchSize: 16, LearningRate: 0.01, Optimizer: models.OptimizerAdam},
		central: models.TrainConfig{Epochs: 40, BatchSize: 16, LearningRate: 0.01, Optimizer: models.OptimizerAdam},
	}
}

// learnScores are one model's figures on the common test records.
type learnScores struct {
	Accuracy         float64 `json:"accuracy"`
	BalancedAccuracy float64 `json:"balanced_accuracy"`
	AUC              float64 `json:"auc"`
	LogLoss          float64 `json:"log_loss"`
}

// learnSeedResult is one seed's figures.
type learnSeedResult struct {
	Seed        int64                `json:"seed"`
	SiteSizes   []int                `json:"site_sizes"`
	SitePrev    []float64            `json:"site_prevalence"`
	Test        int                  `json:"test_records"`
	Pooled      learnScores          `json:"pooled"`
	SiteAlone   []learnScores        `json:"site_alone"`
	SiteMean    learnScores          `json:"site_alone_mean"`
	Federated   learnScores          `json:"federated"`
	FedSeconds  float64              `json:"federated_seconds"`
	StdMaxError float64              `json:"standardiser_max_error"`
	Private     []privateLearnResult `json:"private,omitempty"`
}

// meanSD is a mean and sample standard deviation over seeds.
type meanSD struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// learnSummary is the mean and spread of each figure of one approach.
type learnSummary struct {
	Accuracy         meanSD `json:"accuracy"`
	BalancedAccuracy meanSD `json:"balanced_accuracy"`
	AUC              meanSD `json:"auc"`
	LogLoss          meanSD `json:"log_loss"`
}

// learnReport is what `cohort bench learn --json` prints.
type learnReport struct {
	Data       string             `json:"data"`
	Schema     string             `json:"schema"`
	Sites      int                `json:"sites"`
	Seeds      int                `json:"seeds"`
	Rounds     int                `json:"rounds"`
	Skew       records.SkewConfig `json:"skew"`
	Spec       models.Spec        `json:"spec"`
	Local      models.TrainConfig `json:"local_training"`
	Central    models.TrainConfig `json:"central_training"`
	Pooled     learnSummary       `json:"pooled"`
	SiteAlone  learnSummary       `json:"site_alone"`
	Federated  learnSummary       `json:"federated"`
	GapPoints  float64            `json:"pooled_minus_federated_accuracy_points"`
	WithinOne  bool               `json:"federated_within_1_point_of_pooled"`
	BeatsAlone bool               `json:"federated_beats_site_alone"`
	// PrivateTraining and Private are the --epsilon studies: their local
	// training and, per budget, figures against Federated.
	PrivateTraining *models.TrainConfig   `json:"private_training,omitempty"`
	Private         []privateLearnSummary `json:"private,omitempty"`
	PerSeed         []learnSeedResult     `json:"per_seed"`
	Seconds         float64               `json:"seconds"`
}

func runBenchLearn(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	d := defaultLearnBench()
	fs := newFlagSet("bench learn", "bench learn --data FILE --schema FILE [--sites 4] [--seeds 5] [--rounds R] [--epsilon 1,3,8 [--delta 1e-5]] [--json] [--plot FILE.svg]\n       cohort bench learn --data a.csv,b.csv,... --schema FILE --recipe FILE [--servers fedadam:0.01,...] [--central-lr R] [--seeds 5] [--json] [--plot FILE.svg]", stderr)
	data := fs.String("data", "", "CSV file of the whole data set (required)")
	schema := fs.String("schema", "", "JSON schema of the CSV file (required)")
	sites := fs.Int("sites", d.sites, "number of unlike sites to split the training records into")
	seeds := fs.Int("seeds", d.seeds, "number of seeds (test split, site split, initialisation, shuffling)")
	rounds := fs.Int("rounds", d.rounds, "federated rounds")
	localEpochs := fs.Int("local-epochs", d.local.Epochs, "local epochs per round")
	epochs := fs.Int("epochs", d.central.Epochs, "epochs of pooled and site-alone training")
	lr := fs.Float64("lr", d.local.LearningRate, "learning rate of every training run")
	batch := fs.Int("batch", d.local.BatchSize, "mini-batch size")
	optimizer := fs.String("optimizer", d.local.Optimizer, "local optimizer: sgd or adam")
	mu := fs.Float64("prox-mu", 0, "FedProx proximal term μ of local training (0: off)")
	hidden := fs.String("hidden", "", "hidden layer widths for an MLP, such as 16 or 32,16 (default: logistic regression)")
	sizeRatio := fs.Float64("size-ratio", d.skew.SizeRatio, "largest over smallest site size")
	labelSkew := fs.Float64("label-skew", d.skew.LabelSkew, "label skew in [0, 1): 0 gives every site the pooled prevalence")
	asJSON := fs.Bool("json", false, "print one JSON object to stdout")
	dpFlags := addLearnPrivacyFlags(fs)
	recipeFile := fs.String("recipe", "", "the study's recipe: hospitals are the --data files (comma-separated, each file's split column respected) or, with one file, --sites unlike sites each with its own test records; reports pooled training, each hospital alone, federated (and personalised) on the pooled test set and per hospital")
	servers := fs.String("servers", "", "with --recipe: further server optimizers to compare with the recipe's, as KIND or KIND:RATE, such as fedadam:0.01,fedyogi (each kind's defaults otherwise)")
	centralLR := fs.Float64("central-lr", 0, "with --recipe: learning rate of pooled and hospital-alone training (default: the recipe's local rate); a baseline tuned on its own")
	plaintext := fs.Bool("plaintext", false, "with --recipe: federated studies without encryption (insecure test mode, for tuning a recipe quickly)")
	plotPath := fs.String("plot", "", plotFlagUsage+": pooled, site-alone and federated accuracy, balanced accuracy and AUC, mean ± sd over seeds")
	err := parse(fs, args)
	if err != nil {
		return err
	}
	if *data == "" || *schema == "" {
		fmt.Fprintln(stderr, "--data and --schema are required")
		fs.Usage()
		return errUsage
	}
	if err := checkPlotFlag(*plotPath, stderr); err != nil {
		return err
	}
	if *recipeFile != "" {
		if *dpFlags.epsilon != "" {
			fmt.Fprintln(stderr, "--epsilon compares budgets on one data file split into unlike sites, without --recipe; a recipe's own privacy section sets its study's budget")
			return errUsage
		}
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		for _, name := range []string{"rounds", "local-epochs", "lr", "batch", "optimizer", "prox-mu", "hidden"} {
			if set[name] {
				fmt.Fprintf(stderr, "--%s is the recipe's (%s): drop the flag or change the recipe\n", name, *recipeFile)
				return errUsage
			}
		}
		r, err := models.LoadRecipeFile(*recipeFile)
		if err != nil {
			return err
		}
		nc := naturalBenchConfig{files: strings.Split(*data, ","), schema: *schema, sites: *sites, skew: d.skew, recipe: r,
			servers: []aggregation.FedOptConfig{r.Server}, centralEpochs: r.Rounds * r.Local.Epochs, seeds: *seeds, plaintext: *plaintext}
		nc.skew.SizeRatio, nc.skew.LabelSkew = *sizeRatio, *labelSkew
		if set["epochs"] {
			nc.centralEpochs = *epochs
		}
		if *centralLR != 0 {
			if !(*centralLR > 0) {
				fmt.Fprintln(stderr, "--central-lr must be > 0")
				return errUsage
			}
			nc.centralLR = *centralLR
		}
		if *servers != "" {
			for _, k := range strings.Split(*servers, ",") {
				kind, rate, hasRate := strings.Cut(strings.TrimSpace(k), ":")
				c := aggregation.DefaultFedOptConfig(kind)
				if hasRate {
					if c.LearningRate, err = strconv.ParseFloat(rate, 64); err != nil {
						fmt.Fprintf(stderr, "--servers: %q is not a learning rate\n", rate)
						return errUsage
					}
				}
				if err := c.Validate(); err != nil {
					fmt.Fprintf(stderr, "--servers: %v\n", err)
					return errUsage
				}
				nc.servers = append(nc.servers, c)
			}
		}
		if *seeds < 1 || nc.centralEpochs < 1 {
			fmt.Fprintln(stderr, "--seeds and --epochs must be at least 1")
			return errUsage
		}
		rep, err := benchNatural(ctx, nc, stderr)
		if err != nil {
			return err
		}
		if *asJSON {
			err = writeJSON(stdout, rep)
		} else {
			printNaturalReport(stdout, rep)
		}
		if err != nil {
			return err
		}
		return writePlots(*plotPath, stderr, "bench learn: ", func() ([]*plot.Plot, error) { return naturalPlots(rep) })
	}
	if strings.Contains(*data, ",") {
		fmt.Fprintln(stderr, "--data lists several files: that is a natural split, which needs the study's --recipe")
		return errUsage
	}
	if *sites < 1 || *seeds < 1 || *rounds < 1 {
		fmt.Fprintln(stderr, "--sites, --seeds and --rounds must be at least 1")
		return errUsage
	}
	cfg := d
	cfg.data, cfg.schema, cfg.sites, cfg.seeds, cfg.rounds = *data, *schema, *sites, *seeds, *rounds
	cfg.skew.SizeRatio, cfg.skew.LabelSkew = *sizeRatio, *labelSkew
	cfg.local.Epochs, cfg.central.Epochs = *localEpochs, *epochs
	cfg.local.LearningRate, cfg.central.LearningRate = *lr, *lr
	cfg.local.BatchSize, cfg.central.BatchSize = *batch, *batch
	cfg.local.Optimizer, cfg.central.Optimizer = *optimizer, *optimizer
	cfg.local.ProximalMu = *mu
	if cfg.privacy, err = dpFlags.parse(stderr); err != nil {
		return err
	}
	if *hidden != "" {
		cfg.spec.Kind = models.KindMLP
		for _, h := range strings.Split(*hidden, ",") {
			w, err := strconv.Atoi(strings.TrimSpace(h))
			if err != nil {
				fmt.Fprintf(stderr, "--hidden: %q is not a layer width\n", h)
				return errUsage
			}
			cfg.spec.Hidden = append(cfg.spec.Hidden, w)
		}
	}
	for _, tc := range []models.TrainConfig{cfg.local, cfg.central} {
		if err := tc.Validate(); err != nil {
			fmt.Fprintln(stderr, err)
			return errUsage
		}
	}
	rep, err := benchLearn(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, rep)
	} else {
		printLearnReport(stdout, rep)
		printPrivateReport(stdout, rep)
	}
	if err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "bench learn: ", func() ([]*plot.Plot, error) { return learnPlots(rep) })
}

// learnPlots draws pooled, site-alone and federated training side by side:
// accuracy, balanced accuracy and AUC, each a bar of the mean over seeds
// with the standard deviation as its spread.
func learnPlots(rep *learnReport) ([]*plot.Plot, error) {
	title := fmt.Sprintf("mean ± sd over %d seeds, %d unlike sites", rep.Seeds, rep.Sites)
	var panels []*plot.Plot
	for _, m := range []struct {
		name string
		pick func(learnSummary) meanSD
	}{
		{"accuracy", func(s learnSummary) meanSD { return s.Accuracy }},
		{"balanced accuracy", func(s learnSummary) meanSD { return s.BalancedAccuracy }},
		{"AUC", func(s learnSummary) meanSD { return s.AUC }},
	} {
		var bars []chart.Bar
		low := 1.0
		for _, t := range []struct {
			name string
			s    learnSummary
		}{{"pooled", rep.Pooled}, {"site alone (mean)", rep.SiteAlone}, {"federated", rep.Federated}} {
			v := m.pick(t.s)
			bars = append(bars, chart.Bar{Name: t.name, Mean: v.Mean, SD: v.SD})
			low = min(low, v.Mean-v.SD)
		}
		// The axis starts a little below the lowest bar's spread, at a
		// tenth, so that figures near 1 can be told apart.
		yMin := max(0, math.Floor(10*(low-0.02))/10)
		p, err := chart.Bars(chart.Axes{Title: m.name + " (" + title + ")", Y: m.name + " on the test records", YMin: yMin, YMax: 1.0}, bars...)
		if err != nil {
			return nil, err
		}
		panels = append(panels, p)
	}
	if p, err := privacyPlot(rep); err != nil || p != nil {
		return append(panels, p), err
	}
	return panels, nil
}

// benchLearn runs every seed and summarises; progress goes to progress.
func benchLearn(ctx context.Context, cfg learnBenchConfig, progress io.Writer) (*learnReport, error) {
	start := time.Now()
	schema, err := records.LoadSchemaFile(cfg.schema)
	if err != nil {
		return nil, err
	}
	cfg.spec.Features = schema.Features()
	if err := cfg.spec.Validate(); err != nil {
		return nil, err
	}
	rep := &learnReport{
		Data: cfg.data, Schema: cfg.schema, Sites: cfg.sites, Seeds: cfg.seeds, Rounds: cfg.rounds,
		Skew: cfg.skew, Spec: cfg.spec, Local: cfg.local, Central: cfg.central,
	}
	rep.Skew.Sites = cfg.sites
	fmt.Fprintf(progress, "bench learn: %d seeds; each trains pooled, at each of %d sites alone and federated (%d encrypted rounds), a line as each ends\n", cfg.seeds, cfg.sites, cfg.rounds)
	for i := range cfg.seeds {
		seed := int64(i + 1)
		r, err := learnOneSeed(ctx, cfg, schema, seed, progress)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", seed, err)
		}
		fmt.Fprintf(progress, "seed %d: pooled %.4f  site-alone mean %.4f  federated %.4f (accuracy; %d test records, federated %.1fs)\n",
			seed, r.Pooled.Accuracy, r.SiteMean.Accuracy, r.Federated.Accuracy, r.Test, r.FedSeconds)
		rep.PerSeed = append(rep.PerSeed, r)
	}
	if cfg.privacy != nil {
		tc, err := cfg.privacy.trainConfig(cfg.local, cfg.rounds, cfg.privacy.epsilons[0])
		if err != nil {
			return nil, err
		}
		rep.PrivateTraining = &tc
	}
	pick := func(f func(learnSeedResult) learnScores) learnSummary {
		var s [4][]float64
		for _, r := range rep.PerSeed {
			sc := f(r)
			for k, v := range []float64{sc.Accuracy, sc.BalancedAccuracy, sc.AUC, sc.LogLoss} {
				s[k] = append(s[k], v)
			}
		}
		return learnSummary{Accuracy: summarise(s[0]), BalancedAccuracy: summarise(s[1]), AUC: summarise(s[2]), LogLoss: summarise(s[3])}
	}
	rep.Pooled = pick(func(r learnSeedResult) learnScores { return r.Pooled })
	rep.SiteAlone = pick(func(r learnSeedResult) learnScores { return r.SiteMean })
	rep.Federated = pick(func(r learnSeedResult) learnScores { return r.Federated })
	rep.GapPoints = math.Round(1e6*100*(rep.Pooled.Accuracy.Mean-rep.Federated.Accuracy.Mean)) / 1e6 // no float dust in the report
	rep.WithinOne = rep.GapPoints <= 1
	rep.BeatsAlone = rep.Federated.Accuracy.Mean > rep.SiteAlone.Accuracy.Mean
	summarisePrivate(rep, cfg.privacy)
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// learnOneSeed splits the data set for one seed and trains the three ways.
func learnOneSeed(ctx context.Context, cfg learnBenchConfig, schema records.Schema, seed int64, progress io.Writer) (learnSeedResult, error) {
	res := learnSeedResult{Seed: seed}
	// The held-out test records: the schema's split, drawn with this seed.
	schema.SplitSeed = seed
	whole, _, err := records.LoadFile(cfg.data, schema, records.LoadOptions{Name: "all"})
	if err != nil {
		return res, err
	}
	skew := cfg.skew
	skew.Sites, skew.Seed = cfg.sites, seed
	parts, err := records.SplitUnlike(whole.Train, skew)
	if err != nil {
		return res, err
	}
	// Each site also gets a share of the test records so that the study's
	// per-round figures are those of the whole test set.
	tests := make([][]records.Record, cfg.sites)
	for i, r := range whole.Test {
		tests[i%cfg.sites] = append(tests[i%cfg.sites], r)
	}
	raw := make([]records.Site, cfg.sites)
	for i := range raw {
		raw[i] = records.Site{Name: fmt.Sprintf("site%d", i), Train: parts[i], Test: tests[i], Consent: whole.Consent}
		res.SiteSizes = append(res.SiteSizes, len(parts[i]))
		res.SitePrev = append(res.SitePrev, prevalence(parts[i]))
	}
	res.Test = len(whole.Test)

	// Federated: a whole encrypted study through the real daemons, which
	// agree on the pooled standardiser in the study's moments phase (moments
	// summed under encryption, only the sum decrypted).
	dir, err := os.MkdirTemp("", "cohort-bench-learn-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	spec, local := cfg.spec, cfg.local
	t0 := time.Now()
	study, err := simulation.Run(ctx, simulation.Config{
		Hospitals: cfg.sites, Rounds: cfg.rounds, Seed: seed, DataDir: filepath.Join(dir, "blobs"),
		Sites: raw, Spec: &spec, Train: &local, Standardise: records.StandardisePooled, Scales: schema.Scales(),
	})
	if err != nil {
		return res, fmt.Errorf("federated study: %w", err)
	}
	defer study.Close()
	res.FedSeconds = time.Since(t0).Seconds()
	if study.Result() == nil || study.Result().FinalModel == nil || study.Standardiser() == nil {
		return res, simulation.ErrNoRounds
	}
	std := *study.Standardiser()
	ref, err := clearPooledStandardiser(raw, schema.Features())
	if err != nil {
		return res, err
	}
	for j := range std.Mean {
		res.StdMaxError = max(res.StdMaxError, math.Abs(std.Mean[j]-ref.Mean[j])/ref.Scale[j], math.Abs(std.Scale[j]/ref.Scale[j]-1))
	}
	sites := make([]records.Site, len(raw))
	for i, s := range raw {
		if sites[i], err = std.ApplySite(s); err != nil {
			return res, err
		}
	}
	test, err := std.Apply(whole.Test)
	if err != nil {
		return res, err
	}
	fed, err := models.New(spec, seed)
	if err != nil {
		return res, err
	}
	if err := fed.SetParams(study.Result().FinalModel); err != nil {
		return res, err
	}
	if res.Federated, err = score(fed, test); err != nil {
		return res, err
	}
	if cfg.privacy != nil {
		if res.Private, err = learnPrivate(ctx, cfg, raw, whole.Test, schema.Scales(), seed, progress); err != nil {
			return res, err
		}
	}

	// Pooled: every site's training records in one place.
	var pooled []records.Record
	for _, s := range sites {
		pooled = append(pooled, s.Train...)
	}
	central := cfg.central
	central.Seed = seed
	if res.Pooled, err = trainAndScore(ctx, cfg.spec, seed, pooled, test, central); err != nil {
		return res, fmt.Errorf("pooled: %w", err)
	}

	// Each site alone, standardising with its own statistics.
	for i, s := range raw {
		m, err := records.TrainMoments(s, schema.Features())
		if err != nil {
			return res, err
		}
		own, err := records.NewStandardiser(m)
		if err != nil {
			return res, err
		}
		train, err := own.Apply(s.Train)
		if err != nil {
			return res, err
		}
		ownTest, err := own.Apply(whole.Test)
		if err != nil {
			return res, err
		}
		tc := central
		tc.Seed = seed + int64(i)
		sc, err := trainAndScore(ctx, cfg.spec, seed, train, ownTest, tc)
		if err != nil {
			return res, fmt.Errorf("site %d alone: %w", i, err)
		}
		res.SiteAlone = append(res.SiteAlone, sc)
	}
	for _, sc := range res.SiteAlone {
		k := float64(len(res.SiteAlone))
		res.SiteMean.Accuracy += sc.Accuracy / k
		res.SiteMean.BalancedAccuracy += sc.BalancedAccuracy / k
		res.SiteMean.AUC += sc.AUC / k
		res.SiteMean.LogLoss += sc.LogLoss / k
	}

	return res, nil
}

// trainAndScore trains a fresh model on train and scores it on test.
func trainAndScore(ctx context.Context, spec models.Spec, seed int64, train, test []records.Record, tc models.TrainConfig) (learnScores, error) {
	m, err := models.New(spec, seed)
	if err != nil {
		return learnScores{}, err
	}
	X, y := records.Matrix(train)
	if _, err := m.Train(ctx, X, y, tc); err != nil {
		return learnScores{}, err
	}
	return score(m, test)
}

// score evaluates m on test records.
func score(m *models.Model, test []records.Record) (learnScores, error) {
	X, y := records.Matrix(test)
	p, err := m.Predict(X)
	if err != nil {
		return learnScores{}, err
	}
	e := models.Evaluate(p, y)
	return learnScores{Accuracy: e.Accuracy(), BalancedAccuracy: e.BalancedAccuracy(), AUC: models.ExactAUC(p, y), LogLoss: e.LogLoss()}, nil
}

// encryptedPooledStandardiser standardises with statistics pooled across
// sites without any site revealing its own: each site encodes the moments
// of its consented training records (records.Moments.Encode), encrypts them
// under a multiparty CKKS key whose secret shares stay with the sites, the
// ciphertexts are summed and only the sum is collectively decrypted. It runs
// every party in one process, for benchmarks that standardise a data set
// once for many studies (cohort bench robust); a study's coordinator and
// hospitals run the same computation as its moments phase, over gRPC.
func encryptedPooledStandardiser(sites []records.Site, scales []float64) (records.Standardiser, error) {
	features := len(scales)
	ms := make([]records.Moments, len(sites))
	total := 0.0
	for i, s := range sites {
		m, err := records.TrainMoments(s, features)
		if err != nil {
			return records.Standardiser{}, fmt.Errorf("site %s: %w", s.Name, err)
		}
		ms[i] = m
		total += float64(len(records.ConsentedOnly(s.Train, s.Consents))) // public: the committed sample counts
	}
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		return records.Standardiser{}, err
	}
	crs := aggregation.CommonSeed([]byte("cohort: pooled feature moments"))
	sks := make([]*aggregation.SecretShare, len(sites))
	pkShares := make([]*aggregation.PublicKeyShare, len(sites))
	for i := range sites {
		if sks[i], err = scheme.GenSecretShare(); err != nil {
			return records.Standardiser{}, err
		}
		if pkShares[i], err = scheme.GenPublicKeyShare(sks[i], crs); err != nil {
			return records.Standardiser{}, err
		}
	}
	pk, err := scheme.CombinePublicKey(crs, pkShares)
	if err != nil {
		return records.Standardiser{}, err
	}
	cts := make([]*aggregation.EncryptedVector, len(sites))
	ones := make([]float64, len(sites))
	for i, m := range ms {
		v, err := m.Encode(total, scales, scheme.MaxAbsValue())
		if err != nil {
			return records.Standardiser{}, fmt.Errorf("site %s: %w", sites[i].Name, err)
		}
		if cts[i], err = scheme.Encrypt(sks[i], pk.Hash(), aggregation.NewEncryptionContext(0, "moments", 0), v); err != nil {
			return records.Standardiser{}, fmt.Errorf("site %s: encrypt moments: %w", sites[i].Name, err)
		}
		ones[i] = 1
	}
	sum, err := scheme.WeightedSum(cts, ones)
	if err != nil {
		return records.Standardiser{}, err
	}
	shares := make([]*aggregation.DecryptionShare, len(sites))
	for i, sk := range sks {
		if shares[i], err = scheme.GenDecryptionShare(sk, sum); err != nil {
			return records.Standardiser{}, err
		}
	}
	plain, err := scheme.Decrypt(sum, shares)
	if err != nil {
		return records.Standardiser{}, err
	}
	pooled, err := records.DecodeMoments(plain[:3*features], total, scales)
	if err != nil {
		return records.Standardiser{}, err
	}
	return records.NewStandardiser(pooled)
}

// clearPooledStandardiser sums the sites' moments in the clear: the
// reference the encrypted sum is checked against.
func clearPooledStandardiser(sites []records.Site, features int) (records.Standardiser, error) {
	ms := make([]records.Moments, len(sites))
	for i, s := range sites {
		m, err := records.TrainMoments(s, features)
		if err != nil {
			return records.Standardiser{}, err
		}
		ms[i] = m
	}
	sum, err := records.SumMoments(ms...)
	if err != nil {
		return records.Standardiser{}, err
	}
	return records.NewStandardiser(sum)
}

func prevalence(recs []records.Record) float64 {
	if len(recs) == 0 {
		return 0
	}
	pos := 0.0
	for _, r := range recs {
		if r.Label >= 0.5 {
			pos++
		}
	}
	return pos / float64(len(recs))
}

// summarise returns the mean and sample standard deviation of xs.
func summarise(xs []float64) meanSD {
	if len(xs) == 0 {
		return meanSD{}
	}
	var s meanSD
	for _, x := range xs {
		s.Mean += x / float64(len(xs))
	}
	if len(xs) > 1 {
		for _, x := range xs {
			s.SD += (x - s.Mean) * (x - s.Mean)
		}
		s.SD = math.Sqrt(s.SD / float64(len(xs)-1))
	}
	return s
}

func printLearnReport(out io.Writer, rep *learnReport) {
	fmt.Fprintf(out, "learning benchmark: %s, %d unlike sites (size ratio %.1f, label skew %.2f), %d seeds, %d rounds × %d local epochs vs %d epochs\n\n",
		rep.Data, rep.Sites, rep.Skew.SizeRatio, rep.Skew.LabelSkew, rep.Seeds, rep.Rounds, rep.Local.Epochs, rep.Central.Epochs)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "training\taccuracy\t± sd\tbalanced acc.\t± sd\tAUC\t± sd\tlog loss\t± sd\t")
	for _, row := range []struct {
		name string
		s    learnSummary
	}{{"pooled", rep.Pooled}, {"site alone (mean)", rep.SiteAlone}, {"federated (encrypted)", rep.Federated}} {
		fmt.Fprintf(w, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t\n", row.name,
			row.s.Accuracy.Mean, row.s.Accuracy.SD, row.s.BalancedAccuracy.Mean, row.s.BalancedAccuracy.SD,
			row.s.AUC.Mean, row.s.AUC.SD, row.s.LogLoss.Mean, row.s.LogLoss.SD)
	}
	_ = w.Flush()
	fmt.Fprintf(out, "\nfederated is %.2f accuracy points below pooled (within 1 point: %v) and %.2f points above the average site alone (beats it: %v); %.1fs in all\n",
		rep.GapPoints, rep.WithinOne, 100*(rep.Federated.Accuracy.Mean-rep.SiteAlone.Accuracy.Mean), rep.BeatsAlone, rep.Seconds)
}

// loadHospitalSites loads one site per CSV file with the schema; a summary
// line per file goes to log. With site standardisation it standardises each
// site with its own statistics; with pooled standardisation it returns the
// raw records, which the study's moments phase standardises, and the
// schema's scales, with which the moments are encoded.
func loadHospitalSites(files []string, schemaPath string, mode records.Standardisation, log io.Writer) ([]records.Site, []float64, error) {
	schema, err := records.LoadSchemaFile(schemaPath)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	raw := make([]records.Site, 0, len(files))
	for i, f := range files {
		f = strings.TrimSpace(f)
		if f == "" {
			return nil, nil, fmt.Errorf("--data: file %d of the list is empty; separate file names with single commas", i+1)
		}
		site, stats, err := records.LoadFile(f, schema, records.LoadOptions{At: now})
		if err != nil {
			return nil, nil, err
		}
		consented := len(records.ConsentedOnly(site.Train, site.Consents))
		if consented == 0 {
			return nil, nil, fmt.Errorf("%s: no consented training record; a hospital needs at least one to train", f)
		}
		fmt.Fprintf(log, "%s: %d rows, %d dropped, %d values imputed; %d train (%d consented), %d test\n",
			f, stats.Rows, stats.Dropped, stats.Imputed, len(site.Train), consented, len(site.Test))
		raw = append(raw, site)
	}
	if mode != records.StandardiseSite {
		return raw, schema.Scales(), nil
	}
	out := make([]records.Site, len(raw))
	for i, s := range raw {
		m, err := records.TrainMoments(s, schema.Features())
		if err != nil {
			return nil, nil, err
		}
		std, err := records.NewStandardiser(m)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", files[i], err)
		}
		if out[i], err = std.ApplySite(s); err != nil {
			return nil, nil, err
		}
	}
	return out, schema.Scales(), nil
}
