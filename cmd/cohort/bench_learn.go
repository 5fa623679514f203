package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/models"
)

func runBenchLearn(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	d := evaluation.DefaultLearnConfig()
	fs := newFlagSet("bench learn", "bench learn --data FILE --schema FILE [--sites 4] [--seeds 5] [--rounds R] [--epsilon 1,3,8 [--delta 1e-5]] [--json] [--plot FILE.svg]\n       cohort bench learn --data a.csv,b.csv,... --schema FILE --recipe FILE [--servers fedadam:0.01,...] [--central-lr R] [--validation K] [--seeds 5] [--json] [--plot FILE.svg]", stderr)
	data := fs.String("data", "", "CSV file of the whole data set (required)")
	schema := fs.String("schema", "", "JSON schema of the CSV file (required)")
	sites := fs.Int("sites", d.Sites, "number of unlike sites to split the training records into")
	seeds := fs.Int("seeds", d.Seeds, "number of seeds (test split, site split, initialisation, shuffling)")
	rounds := fs.Int("rounds", d.Rounds, "federated rounds")
	localEpochs := fs.Int("local-epochs", d.Local.Epochs, "local epochs per round")
	epochs := fs.Int("epochs", d.Central.Epochs, "epochs of pooled and site-alone training")
	lr := fs.Float64("lr", d.Local.LearningRate, "learning rate of every training run")
	batch := fs.Int("batch", d.Local.BatchSize, "mini-batch size")
	optimizer := fs.String("optimizer", d.Local.Optimizer, "local optimizer: sgd or adam")
	mu := fs.Float64("prox-mu", 0, "FedProx proximal term μ of local training (0: off)")
	hidden := fs.String("hidden", "", "hidden layer widths for an MLP, such as 16 or 32,16 (default: logistic regression)")
	sizeRatio := fs.Float64("size-ratio", d.Skew.SizeRatio, "largest over smallest site size")
	labelSkew := fs.Float64("label-skew", d.Skew.LabelSkew, "label skew in [0, 1): 0 gives every site the pooled prevalence")
	asJSON := fs.Bool("json", false, "print one JSON object to stdout")
	dpFlags := addLearnPrivacyFlags(fs)
	recipeFile := fs.String("recipe", "", "the study's recipe: hospitals are the --data files (comma-separated, each file's split column respected) or, with one file, --sites unlike sites each with its own test records; reports pooled training, each hospital alone, federated (and personalised) on the pooled test set and per hospital")
	servers := fs.String("servers", "", "with --recipe: further server optimizers to compare with the recipe's, as KIND or KIND:RATE, such as fedadam:0.01,fedyogi (each kind's defaults otherwise)")
	centralLR := fs.Float64("central-lr", 0, "with --recipe: learning rate of pooled and hospital-alone training (default: the recipe's local rate); a baseline tuned on its own")
	validation := fs.Int("validation", 0, "with --recipe: K > 1 leaves the test records out and scores each seed on a fold of K of every hospital's training records (seed s: fold (s-1) mod K), to choose settings without the test split; use a multiple of K seeds")
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
		set, err := recipeOwns(fs, *recipeFile, stderr, "rounds", "local-epochs", "lr", "batch", "optimizer", "prox-mu", "hidden")
		if err != nil {
			return err
		}
		r, err := models.LoadRecipeFile(*recipeFile)
		if err != nil {
			return err
		}
		privacy, err := dpFlags.parse(stderr)
		if err != nil {
			return err
		}
		if privacy != nil && r.Privacy != nil {
			fmt.Fprintf(stderr, "--epsilon compares budgets against the recipe without privacy, but %s has its own privacy section: drop one\n", *recipeFile)
			return errUsage
		}
		nc := evaluation.NaturalConfig{Files: strings.Split(*data, ","), Schema: *schema, Sites: *sites, Skew: d.Skew, Recipe: r,
			Servers: []aggregation.FedOptConfig{r.Server}, CentralEpochs: r.Rounds * r.Local.Epochs, Seeds: *seeds, Plaintext: *plaintext, Privacy: privacy}
		nc.Skew.SizeRatio, nc.Skew.LabelSkew = *sizeRatio, *labelSkew
		if set["epochs"] {
			nc.CentralEpochs = *epochs
		}
		if *centralLR != 0 {
			if !(*centralLR > 0) {
				fmt.Fprintln(stderr, "--central-lr must be > 0")
				return errUsage
			}
			nc.CentralLR = *centralLR
		}
		if *servers != "" {
			for _, k := range strings.Split(*servers, ",") {
				c, err := parseServer(k)
				if err != nil {
					fmt.Fprintf(stderr, "--servers: %v\n", err)
					return errUsage
				}
				nc.Servers = append(nc.Servers, c)
			}
		}
		if *validation != 0 {
			if *validation < 2 {
				fmt.Fprintf(stderr, "--validation %d: want a number of folds of at least 2 (5 holds out every fifth training record)\n", *validation)
				return errUsage
			}
			nc.ValidationFolds = *validation
		}
		if *seeds < 1 || nc.CentralEpochs < 1 {
			fmt.Fprintln(stderr, "--seeds and --epochs must be at least 1")
			return errUsage
		}
		rep, err := evaluation.Natural(ctx, nc, stderr)
		if err != nil {
			return err
		}
		if *asJSON {
			err = writeJSON(stdout, rep)
		} else {
			rep.WriteText(stdout)
		}
		if err != nil {
			return err
		}
		return writePlots(*plotPath, stderr, "bench learn: ", func() ([]*plot.Plot, error) { return evaluation.NaturalPlots(rep) })
	}
	if strings.Contains(*data, ",") {
		fmt.Fprintln(stderr, "--data lists several files: that is a natural split, which needs the study's --recipe")
		return errUsage
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, f := range []string{"validation", "plaintext", "servers", "central-lr", "dp-precondition"} {
		if given[f] {
			fmt.Fprintf(stderr, "--%s works with --recipe only\n", f)
			return errUsage
		}
	}
	if *sites < 1 || *seeds < 1 || *rounds < 1 {
		fmt.Fprintln(stderr, "--sites, --seeds and --rounds must be at least 1")
		return errUsage
	}
	cfg := d
	cfg.Data, cfg.Schema, cfg.Sites, cfg.Seeds, cfg.Rounds = *data, *schema, *sites, *seeds, *rounds
	cfg.Skew.SizeRatio, cfg.Skew.LabelSkew = *sizeRatio, *labelSkew
	cfg.Local.Epochs, cfg.Central.Epochs = *localEpochs, *epochs
	cfg.Local.LearningRate, cfg.Central.LearningRate = *lr, *lr
	cfg.Local.BatchSize, cfg.Central.BatchSize = *batch, *batch
	cfg.Local.Optimizer, cfg.Central.Optimizer = *optimizer, *optimizer
	cfg.Local.ProximalMu = *mu
	if cfg.Privacy, err = dpFlags.parse(stderr); err != nil {
		return err
	}
	if *hidden != "" {
		cfg.Spec.Kind = models.KindMLP
		for _, h := range strings.Split(*hidden, ",") {
			w, err := strconv.Atoi(strings.TrimSpace(h))
			if err != nil {
				fmt.Fprintf(stderr, "--hidden: %q is not a layer width\n", h)
				return errUsage
			}
			cfg.Spec.Hidden = append(cfg.Spec.Hidden, w)
		}
	}
	for _, tc := range []models.TrainConfig{cfg.Local, cfg.Central} {
		if err := tc.Validate(); err != nil {
			fmt.Fprintln(stderr, err)
			return errUsage
		}
	}
	rep, err := evaluation.Learn(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, rep)
	} else {
		rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "bench learn: ", func() ([]*plot.Plot, error) { return evaluation.LearnPlots(rep) })
}

// learnPrivacyFlags registers the differential-privacy flags of bench learn.
type learnPrivacyFlags struct {
	epsilon, opt, mechanism, server *string
	precondition, averageLast       *string
	delta, clip, clipDecay, rate    *float64
	lr, noiseDecay                  *float64
	epochs                          *int
	colluders, rounds               *int
}

func addLearnPrivacyFlags(fs *flag.FlagSet) learnPrivacyFlags {
	return learnPrivacyFlags{
		epsilon:      fs.String("epsilon", "", "comma-separated privacy budgets ε (e.g. 1,3,8): one more federated study per ε, trained with DP-SGD, against the non-private one"),
		delta:        fs.Float64("delta", 1e-5, "δ of the (ε, δ) budgets"),
		clip:         fs.Float64("dp-clip", 1, "DP-SGD per-record gradient clip norm C"),
		clipDecay:    fs.Float64("dp-clip-decay", 0, "public schedule of the clip norm: round t clips to C·decay^(t−1), the noise scaled alike (ε unchanged); in (0, 1], 0: C every round"),
		noiseDecay:   fs.Float64("dp-noise-decay", 0, "public schedule of the noise multiplier: round t adds σ·decay^(t−1), σ fitted to the budget over all rounds; in (0, 1], --dp-rate 1 only; 0: σ every round"),
		rate:         fs.Float64("dp-rate", 0.1, "DP-SGD Poisson sampling rate q (an epoch is 1/q steps)"),
		epochs:       fs.Int("dp-local-epochs", 1, "local epochs per round of the private studies"),
		lr:           fs.Float64("dp-lr", 0.05, "local learning rate of the private studies"),
		opt:          fs.String("dp-optimizer", "", "local optimizer of the private studies, sgd or adam (default: the non-private studies')"),
		averageLast:  fs.String("dp-average-last", "1", "score each private study's average of its last K published models (post-processing: no privacy cost), 1: its final model; a list such as 1,5,10 scores each K from the same study (one draw of the noise)"),
		mechanism:    fs.String("dp-mechanism", models.MechanismLocal, "where the noise goes: local (DP-SGD at every hospital) or distributed (one DP-SGD step of the union per round, the noise shared over the encrypted sum; plain SGD, one local epoch)"),
		colluders:    fs.Int("dp-colluders", 0, "with --dp-mechanism distributed: hospitals that may know or skip their noise share (the shares are sized for the others)"),
		rounds:       fs.Int("dp-rounds", 0, "rounds of the private studies (0: the non-private studies')"),
		server:       fs.String("dp-server", "", "server optimizer of the private studies, KIND or KIND:RATE such as fedavg:2 (default: the non-private studies'); post-processing, no privacy cost"),
		precondition: fs.String("dp-precondition", "", "with --recipe: groups makes the private studies whiten the schema's one-hot groups with the pooled means (the recipe's \"precondition\": \"groups\"; no privacy cost), the non-private study stays the recipe's"),
	}
}

// parse turns the flags into a config; nil when --epsilon is not given.
func (f learnPrivacyFlags) parse(stderr io.Writer) (*evaluation.LearnPrivacy, error) {
	if *f.epsilon == "" {
		return nil, nil
	}
	cfg := &evaluation.LearnPrivacy{Delta: *f.delta, Clip: *f.clip, ClipDecay: *f.clipDecay, NoiseDecay: *f.noiseDecay, Rate: *f.rate, Epochs: *f.epochs, LR: *f.lr, Optimizer: *f.opt,
		Colluders: *f.colluders, Rounds: *f.rounds}
	switch *f.mechanism {
	case models.MechanismLocal:
		if *f.colluders != 0 {
			fmt.Fprintln(stderr, "--dp-colluders sizes the shares of --dp-mechanism distributed; the local mechanism has none")
			return nil, errUsage
		}
	case models.MechanismDistributed:
		cfg.Mechanism = models.MechanismDistributed
		if cfg.Optimizer == "" {
			cfg.Optimizer = models.OptimizerSGD
		}
		if cfg.Optimizer != models.OptimizerSGD || cfg.Epochs != 1 || cfg.Colluders < 0 {
			fmt.Fprintln(stderr, "--dp-mechanism distributed takes one plain SGD step of the union per round: --dp-optimizer sgd, --dp-local-epochs 1, --dp-colluders ≥ 0 (fewer than the sites)")
			return nil, errUsage
		}
	default:
		fmt.Fprintf(stderr, "--dp-mechanism %q: want %s or %s\n", *f.mechanism, models.MechanismLocal, models.MechanismDistributed)
		return nil, errUsage
	}
	if *f.rounds < 0 {
		fmt.Fprintln(stderr, "--dp-rounds must be at least 1 (0: the non-private studies')")
		return nil, errUsage
	}
	if *f.server != "" {
		c, err := parseServer(*f.server)
		if err != nil {
			fmt.Fprintf(stderr, "--dp-server: %v\n", err)
			return nil, errUsage
		}
		cfg.Server = &c
	}
	switch *f.precondition {
	case "", models.PreconditionNone:
	case models.PreconditionGroups:
		cfg.Precondition = models.PreconditionGroups
	default:
		fmt.Fprintf(stderr, "--dp-precondition %q: want %s or %s\n", *f.precondition, models.PreconditionGroups, models.PreconditionNone)
		return nil, errUsage
	}
	seen := map[int]bool{}
	for _, s := range strings.Split(*f.averageLast, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || k < 1 || seen[k] {
			fmt.Fprintf(stderr, "--dp-average-last: %q is not a number of rounds or is given twice; give whole numbers of at least 1 (1: the final model), such as 1,5,10\n", s)
			return nil, errUsage
		}
		seen[k] = true
		cfg.AverageLast = append(cfg.AverageLast, k)
	}
	if cfg.Optimizer != "" && cfg.Optimizer != models.OptimizerSGD && cfg.Optimizer != models.OptimizerAdam {
		fmt.Fprintf(stderr, "--dp-optimizer %q: want %s or %s\n", cfg.Optimizer, models.OptimizerSGD, models.OptimizerAdam)
		return nil, errUsage
	}
	for _, s := range strings.Split(*f.epsilon, ",") {
		e, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || !(e > 0) || math.IsInf(e, 0) {
			fmt.Fprintf(stderr, "--epsilon: %q is not a budget; give positive numbers separated by commas, such as 1,3,8\n", s)
			return nil, errUsage
		}
		cfg.Epsilons = append(cfg.Epsilons, e)
	}
	if err := (models.PrivacyConfig{NoiseMultiplier: 1, ClipNorm: cfg.Clip, ClipDecay: cfg.ClipDecay, NoiseDecay: cfg.NoiseDecay, SamplingRate: cfg.Rate, Epsilon: 1, Delta: cfg.Delta}).Validate(); err != nil {
		fmt.Fprintf(stderr, "--delta, --dp-clip, --dp-clip-decay, --dp-noise-decay or --dp-rate: %v\n", err)
		return nil, errUsage
	}
	if cfg.Epochs < 1 || !(cfg.LR > 0) {
		fmt.Fprintln(stderr, "--dp-local-epochs must be at least 1 and --dp-lr above 0")
		return nil, errUsage
	}
	return cfg, nil
}

// parseServer reads a server optimizer given as KIND or KIND:RATE (the
// kind's defaults otherwise).
func parseServer(k string) (aggregation.FedOptConfig, error) {
	kind, rate, hasRate := strings.Cut(strings.TrimSpace(k), ":")
	c := aggregation.DefaultFedOptConfig(kind)
	if hasRate {
		var err error
		if c.LearningRate, err = strconv.ParseFloat(rate, 64); err != nil {
			return c, fmt.Errorf("%q is not a learning rate", rate)
		}
	}
	return c, c.Validate()
}
