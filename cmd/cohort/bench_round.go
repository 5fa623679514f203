package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/participant"
)

// benchCommitteeSize is bench round's decryption committee for studies of
// more hospitals: key generation then deals n·10 shares, not n².
const benchCommitteeSize = 10

func runBenchRound(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench round", "bench round [--participants 10|10,30,100] [--params 100000] [--committee-size 10 [--committee-rotation R]] [--rounds 2] [--reps 5] [--seed 1] [--robust [--malicious K --attack NAME]] [--json] [--plot FILE] [--cpuprofile FILE]", stderr)
	cfg := evaluation.RoundConfig{Progress: stderr}
	participants := fs.String("participants", "10", "hospitals in the study, or a comma-separated list to run one study per count")
	fs.IntVar(&cfg.Params, "params", 100000, "model parameters (an MLP is sized to within 5% of this)")
	committee := fs.Int("committee-size", benchCommitteeSize, "decryption committee chosen on chain for studies of more hospitals (0: every hospital holds key shares)")
	rotation := fs.Int("committee-rotation", 0, "select a new committee every R rounds, so the old one re-shares the key to it (0: never; needs a committee)")
	fs.IntVar(&cfg.Rounds, "rounds", 2, "training rounds")
	fs.IntVar(&cfg.Reps, "reps", 5, "repetitions of each timed transfer (the median is reported)")
	fs.Int64Var(&cfg.Seed, "seed", 1, "seed of the synthetic cohorts and the initial model")
	fs.BoolVar(&cfg.Robust, "robust", false, "score every encrypted update against the researcher's reference (flags, trust weights, strikes endorsed on chain); on with --malicious")
	fs.IntVar(&cfg.Malicious, "malicious", 0, "make the last K hospitals attackers, to time rounds that flag and strike them")
	fs.StringVar(&cfg.Attack, "attack", "scaling", "the attackers' attack: "+strings.Join(participant.AttackKinds(), ", "))
	asJSON := fs.Bool("json", false, "print one JSON object on stdout (an array of them for a list of --participants)")
	plotPath := fs.String("plot", "", plotFlagUsage+": round time and bytes per hospital against the number of hospitals")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file (go tool pprof)")
	if err := parse(fs, args); err != nil {
		return err
	}
	counts, err := parsePositiveInts("participants", *participants)
	if err != nil {
		return err
	}
	cfg.Robust = cfg.Robust || cfg.Malicious > 0
	// A study no larger than the committee has every hospital hold shares.
	withCommittee := func(n int) evaluation.RoundConfig {
		c := cfg
		c.Participants, c.CommitteeRotation = n, *rotation
		if n > *committee {
			c.CommitteeSize = *committee
		}
		return c
	}
	for _, n := range counts {
		if err := withCommittee(n).Validate(); err != nil {
			return err
		}
	}
	if err := checkPlotFlag(*plotPath, stderr); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	var reports []*evaluation.RoundReport
	for _, n := range counts {
		report, err := evaluation.Round(ctx, withCommittee(n))
		if err != nil {
			return err
		}
		reports = append(reports, report)
		if !*asJSON {
			if err := report.WriteText(stdout); err != nil {
				return err
			}
		}
	}
	switch {
	case *asJSON && len(reports) == 1:
		if err := writeJSON(stdout, reports[0]); err != nil {
			return err
		}
	case *asJSON:
		if err := writeJSON(stdout, reports); err != nil {
			return err
		}
	case len(reports) > 1:
		if err := evaluation.WriteRoundSweep(stdout, reports); err != nil {
			return err
		}
	}
	return writePlots(*plotPath, stderr, "bench round: ", func() ([]*plot.Plot, error) { return evaluation.RoundPlots(reports) })
}

// startCPUProfile profiles the process's CPU into path until the returned
// function is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
