package main

import (
	"context"
	"fmt"
	"io"
)

// benchmark is one `cohort bench` subcommand; each lives in its own
// bench_<name>.go file and prints its figures (as JSON with --json).
type benchmark struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// benchmarks lists the `cohort bench` subcommands.
func benchmarks() []benchmark {
	return []benchmark{
		{"gas", "ledger gas of every operation and per participant per round, under mainnet rules", runBenchGas},
		{"learn", "pooled vs site-alone vs federated accuracy on unlike sites of one data set", runBenchLearn},
		{"keys", "threshold key generation and committee hand-over: seconds and bytes per party against n, committee vs every party a holder", runBenchKeys},
		{"he", "encrypted aggregation: encrypt, sum, decrypt cost, bytes per parameter, error, vs plaintext", runBenchHE},
		{"robust", "attacks vs encrypted robust aggregation on unlike sites: accuracy, backdoor, detection, suspension, scoring cost", runBenchRobust},
		{"round", "round latency by phase and upload throughput of a whole encrypted study, vs a raw gRPC byte stream", runBenchRound},
	}
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		for _, b := range benchmarks() {
			if b.name == args[0] {
				return b.run(ctx, args[1:], stdout, stderr)
			}
		}
		fmt.Fprintf(stderr, "unknown benchmark %q\n", args[0])
	}
	fmt.Fprintln(stderr, "Usage: cohort bench <benchmark> [flags]\n\nBenchmarks:")
	for _, b := range benchmarks() {
		fmt.Fprintf(stderr, "  %-8s %s\n", b.name, b.summary)
	}
	return errUsage
}
