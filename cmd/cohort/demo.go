package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "demo [--hospitals N | --data site1.csv,site2.csv,... --schema schema.json] [--recipe FILE] [--rounds R] [--seed S] [--committee-size C] [--report PATH] [--plot FILE.svg]", stderr)
	hospitals := fs.Int("hospitals", 3, "number of hospitals, each with its own synthetic cohort (ignored with --data)")
	dataFiles := fs.String("data", "", "comma-separated CSV files, one per hospital, instead of synthetic cohorts (needs --schema)")
	schemaFile := fs.String("schema", "", "JSON schema of the --data files")
	standardise := fs.String("standardise", string(records.StandardisePooled), "with --data: \"pooled\" standardises with statistics summed across hospitals under encryption (the study's moments phase), \"site\" with each hospital's own")
	recipeFile := fs.String("recipe", "", "the study's recipe (model, local training, server optimizer, rounds, standardisation, evaluation; see examples/recipes): hashed on chain, checked by every hospital")
	rounds := fs.Int("rounds", 5, "number of training rounds (with --recipe, the recipe's)")
	seed := fs.Int64("seed", 1, "seed of the synthetic cohorts, the initial model and local training")
	report := fs.String("report", "", "write a JSON report of the study to this path")
	plotPath := fs.String("plot", "", plotFlagUsage+": accuracy, AUC (each site's accuracy too) and loss, contributors and flagged updates per round")
	dataDir := fs.String("data-dir", "", "where the coordinator and the hospitals keep their state (default: a temporary directory)")
	verbose := fs.Bool("v", false, "log every protocol step")
	dashboardAddr := fs.String("dashboard", "", "serve the web dashboard over the study's chain and store on this address (e.g. 127.0.0.1:8080), live from the study's creation, then until Ctrl-C")
	dashboardExit := fs.Bool("dashboard-exit", false, "with --dashboard: check that the dashboard serves, print its address and exit at once (for CI)")
	robust := fs.Bool("robust", false, "score every encrypted update against the researcher's reference update (FLTrust-style trust weights, flags and strikes on chain); on with --malicious")
	malicious := fs.Int("malicious", 0, "make the last K hospitals attackers (to watch them be flagged and suspended)")
	committee := committeeSizeFlag(fs, "hospitals")
	attackName := fs.String("attack", "sign-flip", "the attackers' attack: "+strings.Join(participant.AttackKinds(), ", ")+" (parameters as kind:key=value, e.g. scaling:scale=20)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *hospitals < 1 || *rounds < 1 {
		fmt.Fprintln(stderr, "--hospitals and --rounds must be at least 1")
		return errUsage
	}
	if err := checkPlotFlag(*plotPath, stderr); err != nil {
		return err
	}
	var recipe *models.Recipe
	if *recipeFile != "" {
		r, err := models.LoadRecipeFile(*recipeFile)
		if err != nil {
			return err
		}
		if _, err := recipeOwns(fs, *recipeFile, stderr, "rounds", "standardise"); err != nil {
			return err
		}
		recipe = &r
		*rounds, *standardise = r.Rounds, string(r.Standardise)
	}
	var sites []records.Site
	var scales []float64
	var groups [][]int              // the one-hot groups a preconditioning recipe whitens
	mode := records.StandardiseNone // the synthetic cohorts are near unit scale already
	if *dataFiles != "" || *schemaFile != "" {
		if *dataFiles == "" || *schemaFile == "" {
			fmt.Fprintln(stderr, "--data and --schema go together: one CSV file per hospital and the schema they follow")
			return errUsage
		}
		if mode = records.Standardisation(*standardise); mode != records.StandardisePooled && mode != records.StandardiseSite && (recipe == nil || mode != records.StandardiseNone) {
			fmt.Fprintf(stderr, "--standardise is %q, want %q or %q\n", *standardise, records.StandardisePooled, records.StandardiseSite)
			return errUsage
		}
		files := strings.Split(*dataFiles, ",")
		for i, f := range files {
			if strings.TrimSpace(f) == "" {
				fmt.Fprintf(stderr, "--data: file %d of the list is empty; separate file names with single commas\n", i+1)
				return errUsage
			}
		}
		var err error
		if sites, scales, err = records.LoadSites(files, *schemaFile, mode, stderr); err != nil {
			return err
		}
		if recipe != nil {
			schema, err := records.LoadSchemaFile(*schemaFile)
			if err != nil {
				return err
			}
			if groups, err = recipe.StandardiserGroups(&schema); err != nil {
				return fmt.Errorf("%s: %w", *schemaFile, err)
			}
		}
		*hospitals = len(sites)
		if mode == records.StandardisePooled && *hospitals < 2 {
			fmt.Fprintln(stderr, "--standardise pooled needs at least 2 hospitals: with one, the pooled statistics would be its own; use --standardise site")
			return errUsage
		}
	}
	var attacks map[int]participant.Attack
	if *malicious > 0 {
		if *malicious >= *hospitals {
			fmt.Fprintf(stderr, "--malicious %d leaves no honest hospital out of %d\n", *malicious, *hospitals)
			return errUsage
		}
		var err error
		if attacks, err = simulation.LastAttackers(*attackName, *malicious, *hospitals); err != nil {
			fmt.Fprintf(stderr, "--attack: %v\n", err)
			return errUsage
		}
		*robust = true
	}
	committeeSize, err := localCommittee(*committee, *hospitals, "hospitals")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	threshold := simulation.DefaultThreshold(*hospitals, committeeSize)
	if committeeSize > 0 {
		fmt.Fprintf(stdout, "%d hospitals: a decryption committee of %d, chosen on chain, holds the key shares (threshold %d)\n", *hospitals, committeeSize, threshold)
	}
	dir := *dataDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "cohort-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	level := slog.LevelError // the demo prints what matters itself
	if *verbose {
		level = slog.LevelInfo
	}
	live := &demoDashboard{listen: *dashboardAddr, exitAtOnce: *dashboardExit, stdout: stdout}
	defer live.close()
	var onStart func(*simulation.Study) error
	if *dashboardAddr != "" {
		onStart = live.start
	}
	_, err = demo(ctx, simulation.Config{
		OnStart:   onStart,
		Hospitals: *hospitals, Rounds: *rounds, Seed: *seed, DataDir: dir, Sites: sites, Robust: *robust, Attacks: attacks,
		CommitteeSize: committeeSize, Threshold: threshold,
		Standardise: mode, Scales: scales, StandardiserGroups: groups, Recipe: recipe,
		Log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
	}, stdout,
		// The report and figures first; then the dashboard, if asked for,
		// over the study while its chain and store are still up.
		func(s *simulation.Study, rep *simulation.Report) error {
			if committeeSize > 0 {
				c, err := s.Ledger().Committee(ctx, s.StudyID())
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "decryption committee on chain: %d of %d hospitals, selection %d\n", len(c.Members), *hospitals, c.Epoch)
			}
			if *report != "" {
				if err := rep.Save(*report); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "report written to %s\n", *report)
			}
			if err := writePlots(*plotPath, stdout, "", func() ([]*plot.Plot, error) { return chart.HistoryPlots(evaluation.HistoryFromDemo(rep)) }); err != nil {
				return err
			}
			return live.finish(ctx, s)
		})
	return err
}

// demo runs a local study, printing a progress line per round and a summary;
// afterStudy, if set, is called once the study is done and summarised,
// while its chain and coordinator store are still up.
func demo(ctx context.Context, cfg simulation.Config, out io.Writer, afterStudy func(*simulation.Study, *simulation.Report) error) (*simulation.Report, error) {
	start := time.Now()
	cfg.PrintProgress(out)
	s, err := simulation.Run(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	rep, err := s.Report(time.Since(start))
	if err != nil {
		return nil, err
	}
	rep.WriteSummary(out)
	if rep.Personalised, err = s.Personalise(ctx); err != nil {
		return nil, err
	}
	if r := cfg.Recipe; r != nil {
		simulation.WritePersonalised(out, rep.Personalised, r.Evaluation.Metric)
	}
	if afterStudy != nil {
		if err := afterStudy(s, rep); err != nil {
			return nil, err
		}
	}
	return rep, nil
}
