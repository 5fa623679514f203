package main

import (
	"context"
	"fmt"
	"io"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

func runBenchKeys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench keys", "bench keys [--json] [--parties 10,30,100] [--committee 10] [--threshold T] [--all-holders-up-to 30] [--plot FILE.svg]", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	partiesFlag := fs.String("parties", "10,30,100", "comma-separated participant counts n")
	committee := fs.Int("committee", 10, "decryption committee size c: the holders every party deals to")
	threshold := fs.Int("threshold", 0, "decryption threshold t (0: a majority of the holders)")
	allUpTo := fs.Int("all-holders-up-to", 30, "also measure every party as a holder (n² shares, no committee) for n up to this (0: never)")
	plotPath := fs.String("plot", "", plotFlagUsage+": seconds per party and megabytes in all against n, key generation and hand-over")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkPlotFlag(*plotPath, stderr); err != nil {
		return err
	}
	parties, err := parsePositiveInts("parties", *partiesFlag)
	if err != nil {
		return err
	}
	if *committee < 1 || *threshold < 0 || *threshold > *committee || *allUpTo < 0 {
		return fmt.Errorf("--committee %d, --threshold %d, --all-holders-up-to %d: want a committee of at least 1, a threshold of 0 (a majority) up to the committee, and a non-negative bound", *committee, *threshold, *allUpTo)
	}
	stop := evaluation.NoteWhile(stderr, evaluation.NoteEvery, "bench keys: dealing and re-sharing key shares")
	rep, err := evaluation.Keys(ctx, evaluation.KeysSpec{Parties: parties, Committee: *committee, Threshold: *threshold, AllHoldersUpTo: *allUpTo})
	stop()
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(stdout, rep); err != nil {
			return err
		}
	} else if err := rep.WriteText(stdout); err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "bench keys: ", func() ([]*plot.Plot, error) { return evaluation.KeysPlots(rep) })
}
