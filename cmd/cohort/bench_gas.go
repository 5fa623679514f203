package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

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
	report.WriteText(stdout)
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
