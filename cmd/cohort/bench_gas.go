package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

func runBenchGas(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench gas", "bench gas [--participants 10,100] [--json]", stderr)
	participants := fs.String("participants", "10,100", "comma-separated numbers of hospitals in the measured study")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	counts, err := gasParseCounts(*participants)
	if err != nil {
		fmt.Fprintf(stderr, "--participants: %v\n", err)
		return errUsage
	}
	report, err := evaluation.Gas(ctx, counts, stderr)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, report)
	}
	gasPrintReport(stdout, report)
	return nil
}

// gasParseCounts parses a comma-separated list of participant counts.
func gasParseCounts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > evaluation.GasMaxParticipants {
			return nil, fmt.Errorf("%q is not a number of hospitals between 1 and %d", f, evaluation.GasMaxParticipants)
		}
		out = append(out, n)
	}
	return out, nil
}

func gasPrintReport(w io.Writer, rep *evaluation.GasReport) {
	fmt.Fprintf(w, "Gas under %s\nbaseline: an ether transfer costs %d gas\n\n", rep.GasRules, rep.Baseline.EthTransfer)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := "operation\t"
	for _, run := range rep.Runs {
		header += fmt.Sprintf("%d hospitals\t", run.Participants)
	}
	fmt.Fprintln(tw, header)
	ops := make([]string, 0, len(rep.Operations))
	for op := range rep.Operations {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	row := func(name string, value func(evaluation.GasRun) uint64) {
		line := name + "\t"
		for _, run := range rep.Runs {
			line += fmt.Sprintf("%d\t", value(run))
		}
		fmt.Fprintln(tw, line)
	}
	for _, op := range ops {
		row(op, func(r evaluation.GasRun) uint64 { return r.Operations[op] })
	}
	row("round total", func(r evaluation.GasRun) uint64 { return r.RoundTotal })
	row("per participant per round", func(r evaluation.GasRun) uint64 { return r.PerParticipantRound })
	row("round total, commitments batched", func(r evaluation.GasRun) uint64 { return r.RoundTotalBatched })
	row("per participant per round, batched", func(r evaluation.GasRun) uint64 { return r.PerParticipantRoundBatched })
	tw.Flush()
	verdict := "within"
	if !rep.WithinTargets {
		verdict = "NOT within"
	}
	fmt.Fprintf(w, "\n%s the targets: round of 10 hospitals <= %d, per participant per round at 100 <= %d, grant and revoke <= %d each\n",
		verdict, rep.Targets.Round10, rep.Targets.PerParticipantAt100, rep.Targets.GrantAndRevokeEachAt)
}
