package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

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
	if err := printHEBench(stdout, report, *asJSON, *distinct); err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "bench he: ", func() ([]*plot.Plot, error) { return evaluation.HEPlots(report) })
}

// printHEBench prints the report as JSON or as a table.
func printHEBench(stdout io.Writer, report *evaluation.HEReport, asJSON bool, distinct int) error {
	if asJSON {
		return writeJSON(stdout, report)
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "parties\tparams\tencrypt s\taggregate s\tplain s\tratio\tshare s\tcombine s\tB/param up\tB/param agg\tB/param share\tmax error\tsec bits\t")
	for _, r := range report.Results {
		fmt.Fprintf(tw, "%d\t%d\t%.4f\t%.4f\t%.4f\t%.1f\t%.4f\t%.4f\t%.2f\t%.2f\t%.2f\t%.2g\t%.1f\t\n",
			r.Parties, r.Parameters, r.EncryptSeconds, r.AggregateSeconds, r.PlainSeconds, r.AggregateRatio,
			r.ShareSeconds, r.CombineSeconds, r.UpdateBytes, r.AggregateBytes, r.ShareBytes, r.MaxAbsError, r.SecurityBits)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "GOMAXPROCS %d; ratio = encrypted / %s; at most %d timed encryptions of distinct updates per cell; the other parties encrypt copies, untimed\n", report.GOMAXPROCS, report.Baseline, distinct)
	return nil
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
