package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

func runBenchHE(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench he", "bench he [--json] [--parties 10,100] [--params 10000,100000,1000000] [--plot FILE.svg]", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	partiesFlag := fs.String("parties", "10,100", "comma-separated participant counts")
	paramsFlag := fs.String("params", "10000,100000,1000000", "comma-separated update lengths")
	distinct := fs.Int("distinct", 4, "time the encryption of at most this many distinct updates per cell; the other parties encrypt copies of them, untimed")
	plotPath := fs.String("plot", "", plotFlagUsage+": aggregation time against parameters, encrypted and plaintext, and bytes per parameter")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkPlotFlag(*plotPath, stderr); err != nil {
		return err
	}
	cfg := evaluation.HEConfig{Distinct: *distinct, Progress: stderr}
	var err error
	if cfg.Parties, err = parsePositiveInts("parties", *partiesFlag); err != nil {
		return err
	}
	if cfg.Params, err = parsePositiveInts("params", *paramsFlag); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	report, err := evaluation.HE(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, report)
	} else {
		err = report.WriteText(stdout, *distinct)
	}
	if err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "bench he: ", func() ([]*plot.Plot, error) { return evaluation.HEPlots(report) })
}

func parsePositiveInts(name, list string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(list, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 1 {
			return nil, fmt.Errorf("--%s: %q is not a positive integer", name, f)
		}
		out = append(out, v)
	}
	return out, nil
}
