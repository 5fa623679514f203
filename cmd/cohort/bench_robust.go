package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

func runBenchRobust(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	d := evaluation.DefaultRobustConfig()
	fs := newFlagSet("bench robust", "bench robust --data FILE|SITE.csv,SITE.csv,...|synthetic:iid|synthetic:unlike [--schema FILE] [--model logistic|mlp:W | --recipe FILE] [--sites 20] [--seeds 3] [--fractions 0,0.1,0.2,0.3,0.4] [--attacks sign-flip,...,alie,minmax,minsum] [--rounds R] [--committee-size C] [--json] [--plot FILE.svg]", stderr)
	data := fs.String("data", "", "the data set (required): one CSV file split into --sites unlike sites; several CSV files, comma-separated, one natural site each (their own train/test split, no re-split); or synthetic:iid / synthetic:unlike, generated cohorts of --sites sites alike or under covariate shift")
	schema := fs.String("schema", "", "JSON schema of the CSV file(s) (required unless --data is synthetic)")
	sites := fs.Int("sites", d.Sites, "number of unlike sites to split the training records into")
	seeds := fs.Int("seeds", d.Seeds, "number of seeds (test split, root set, site split, initialisation, attacks)")
	rounds := fs.Int("rounds", d.Rounds, "federated rounds per study")
	root := fs.Int("root", d.RootSize, "clean root records the researcher holds back from the training records")
	fractions := fs.String("fractions", joinFloats(d.Fractions), "shares of malicious sites, comma-separated; the first ⌊f·sites⌋ sites attack")
	attacks := fs.String("attacks", strings.Join(d.Attacks, ","), "attacks, comma-separated, each a name with optional parameters such as scaling:scale=20 (a backdoor without feature= uses the feature least correlated with the label)")
	undefended := fs.Bool("undefended", false, "also run plain weighted averaging under every attack, to show what the defence prevents")
	localEpochs := fs.Int("local-epochs", d.Local.Epochs, "local epochs per round")
	model := fs.String("model", "logistic", "model: logistic, or mlp:W for an MLP with one hidden layer of W units (mlp alone: 16); the MLP's scores carry 64 projections")
	recipeFile := fs.String("recipe", "", "a study recipe whose model, local training and server optimizer the studies use instead of --model and --local-epochs, such as a survival model (cox, logistic_hazard: scored by Harrell's C-index over the pooled test records, drops in C-index points); --rounds, if given, replaces the recipe's rounds")
	committee := committeeSizeFlag(fs, "sites")
	studyTimeout := fs.Duration("study-timeout", d.StudyTimeout, "longest one study may run before it counts as failed")
	asJSON := fs.Bool("json", false, "print one JSON object to stdout")
	plotPath := fs.String("plot", "", plotFlagUsage+": per attack, accuracy, detection TPR and FPR (and backdoor success) against the share of malicious sites")
	if err := parse(fs, args); err != nil {
		return err
	}
	source, err := evaluation.ParseRobustData(*data, *schema)
	if err != nil {
		fmt.Fprintf(stderr, "--data: %v\n", err)
		fs.Usage()
		return errUsage
	}
	if len(source.Files) > 1 {
		*sites = len(source.Files) // natural sites: one per file
	}
	if err := checkPlotFlag(*plotPath, stderr); err != nil {
		return err
	}
	if *sites < 2 || *seeds < 1 || *rounds < 1 || *root < 2 {
		fmt.Fprintln(stderr, "--sites and --root must be at least 2, --seeds and --rounds at least 1")
		return errUsage
	}
	cfg := d
	cfg.Data, cfg.Schema, cfg.Source, cfg.Sites, cfg.Seeds, cfg.Rounds, cfg.RootSize = *data, *schema, source, *sites, *seeds, *rounds, *root
	cfg.Undefended = *undefended
	if *studyTimeout <= 0 {
		fmt.Fprintln(stderr, "--study-timeout must be positive, such as 10m")
		return errUsage
	}
	cfg.StudyTimeout = *studyTimeout
	if cfg.CommitteeSize, err = localCommittee(*committee, cfg.Sites, "sites"); err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	cfg.Local.Epochs = *localEpochs
	if cfg.Spec, err = parseModelFlag(*model); err != nil {
		fmt.Fprintf(stderr, "--model: %v\n", err)
		return errUsage
	}
	if *recipeFile != "" {
		set, err := recipeOwns(fs, *recipeFile, stderr, "model", "local-epochs")
		if err != nil {
			return err
		}
		r, err := models.LoadRecipeFile(*recipeFile)
		if err != nil {
			return err
		}
		if r.Standardise != records.StandardisePooled {
			fmt.Fprintf(stderr, "--recipe: the bench standardises with pooled statistics, but %s asks for %q\n", *recipeFile, r.Standardise)
			return errUsage
		}
		cfg.Spec, cfg.Local, cfg.Server, cfg.Recipe = r.Model, r.LocalTraining(), &r.Server, *recipeFile
		if !set["rounds"] {
			cfg.Rounds = r.Rounds
		}
	}
	if cfg.Fractions, err = parseFractions(*fractions, cfg.Sites); err != nil {
		fmt.Fprintf(stderr, "--fractions: %v\n", err)
		return errUsage
	}
	cfg.Attacks = nil
	for _, name := range strings.Split(*attacks, ",") {
		name = strings.TrimSpace(name)
		a, err := participant.ParseAttack(name)
		if err != nil {
			fmt.Fprintf(stderr, "--attacks: %v\n", err)
			return errUsage
		}
		if a.Kind == participant.AttackNone {
			fmt.Fprintln(stderr, "--attacks: \"none\" is not an attack; the runs without attackers are always made")
			return errUsage
		}
		if slices.Contains(cfg.Attacks, name) {
			fmt.Fprintf(stderr, "--attacks: %q is listed twice\n", name)
			return errUsage
		}
		cfg.Attacks = append(cfg.Attacks, name)
	}
	if err := cfg.Local.Validate(); err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	rep, err := evaluation.Robust(ctx, cfg, stderr)
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
	return writePlots(*plotPath, stderr, "bench robust: ", func() ([]*plot.Plot, error) { return evaluation.RobustPlots(rep) })
}

func parseModelFlag(s string) (models.Spec, error) {
	kind, width, hasWidth := strings.Cut(strings.TrimSpace(s), ":")
	switch {
	case kind == models.KindLogistic && !hasWidth:
		return models.Spec{Kind: models.KindLogistic}, nil
	case kind == models.KindMLP:
		w := 16
		if hasWidth {
			var err error
			if w, err = strconv.Atoi(width); err != nil || w < 1 {
				return models.Spec{}, fmt.Errorf("%q: the hidden width must be a positive integer, as in mlp:16", s)
			}
		}
		return models.Spec{Kind: models.KindMLP, Hidden: []int{w}}, nil
	}
	return models.Spec{}, fmt.Errorf("%q is not a model; use logistic, mlp or mlp:W", s)
}

func parseFractions(s string, sites int) ([]float64, error) {
	var out []float64
	seen := map[int]bool{}
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || math.IsNaN(v) || v < 0 || v >= 1 {
			return nil, fmt.Errorf("%q is not a share in [0, 1) such as 0.2", f)
		}
		m := evaluation.MaliciousSites(v, sites)
		if seen[m] {
			return nil, fmt.Errorf("%v gives %s of %d, as another share does; list each once", v, counted(m, "malicious site"), sites)
		}
		seen[m] = true
		out = append(out, v)
	}
	slices.Sort(out)
	return out, nil
}

func joinFloats(fs []float64) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strings.Join(s, ",")
}
