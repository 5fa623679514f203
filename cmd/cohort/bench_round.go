package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

func runBenchRound(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench round", "bench round [--participants 10] [--params 100000] [--rounds 2] [--reps 5] [--seed 1] [--json]", stderr)
	cfg := evaluation.RoundConfig{Progress: stderr}
	fs.IntVar(&cfg.Participants, "participants", 10, "hospitals in the study")
	fs.IntVar(&cfg.Params, "params", 100000, "model parameters (an MLP is sized to within 5% of this)")
	fs.IntVar(&cfg.Rounds, "rounds", 2, "training rounds")
	fs.IntVar(&cfg.Reps, "reps", 5, "repetitions of each timed transfer (the median is reported)")
	fs.Int64Var(&cfg.Seed, "seed", 1, "seed of the synthetic cohorts and the initial model")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	report, err := evaluation.Round(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, report)
	}
	return printRoundBench(stdout, report)
}

func printRoundBench(w io.Writer, r *evaluation.RoundReport) error {
	fmt.Fprintf(w, "cohort bench round: %d participants, MLP %d-%v-1 = %d parameters (asked %d), GOMAXPROCS %d\n",
		r.Participants, r.Spec.Features, r.Spec.Hidden, r.Params, r.RequestedParams, r.GOMAXPROCS)
	fmt.Fprintf(w, "note: %s\n", r.Note)
	fmt.Fprintf(w, "set-up (not round latency): %d consent grants on chain (%s) in %.2fs, %d gas; whole study %.2fs\n\n",
		r.Setup.ConsentGrants, r.Setup.ConsentSource, r.Setup.ConsentSeconds, r.Setup.ConsentGas, r.Setup.StudySeconds)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "round\tsites\ttrain s\tencrypt s\tupload s\taggregate s\tdecrypt s\tchain s\ttotal s\tbytes up\tgas\t")
	for _, x := range r.Rounds {
		fmt.Fprintf(tw, "%d\t%d\t%.3f\t%.3f\t-\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\t\n", x.Round, x.Participants,
			x.Seconds.Train, x.Seconds.Encrypt, x.Seconds.Aggregate, x.Seconds.Decrypt, x.Seconds.Chain, x.Seconds.Total, x.UploadBytes, x.GasUsed)
	}
	m := r.Mean
	fmt.Fprintf(tw, "mean %v\t\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\t\t\n", r.MeanOverRounds,
		m.Train, m.Encrypt, m.Upload, m.Aggregate, m.Decrypt, m.Chain, m.Total)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nupdate: %d bytes per participant, %.2f bytes per parameter\n\n", r.UpdateBytes, r.BytesPerParameter)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "transfer (median of %d)\tone s\tone MB/s\t%d at once s\t%d at once MB/s\t\n", r.Repetitions, r.Participants, r.Participants)
	for _, x := range []struct {
		name string
		f    evaluation.TransferFigures
	}{{"upload (protocol)", r.Upload}, {"baseline (raw stream)", r.Baseline}, {"download (GetBlob)", r.Download}} {
		fmt.Fprintf(tw, "%s\t%.4f\t%.1f\t%.4f\t%.1f\t\n", x.name, x.f.Seconds, x.f.MBPerSecond, x.f.ConcurrentSeconds, x.f.ConcurrentMBPerSecond)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "upload / baseline throughput: %.2f alone, %.2f concurrent\n", r.Ratio, r.ConcurrentRatio)
	fmt.Fprintf(w, "upload: %s\nbaseline: %s\ndownload: %s\n", r.Upload.Method, r.Baseline.Method, r.Download.Method)
	fmt.Fprintln(w, "per-round upload is not timed by the study; the mean row's upload is the timed upload above")
	return nil
}
