package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// benchCommitteeSize is bench round's decryption committee for studies of
// more hospitals: key generation then deals n·10 shares, not n².
const benchCommitteeSize = 10

func runBenchRound(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench round", "bench round [--participants 10|10,30,100] [--params 100000] [--committee-size 10] [--rounds 2] [--reps 5] [--seed 1] [--json] [--plot FILE]", stderr)
	cfg := evaluation.RoundConfig{Progress: stderr}
	participants := fs.String("participants", "10", "hospitals in the study, or a comma-separated list to run one study per count")
	fs.IntVar(&cfg.Params, "params", 100000, "model parameters (an MLP is sized to within 5% of this)")
	committee := fs.Int("committee-size", benchCommitteeSize, "decryption committee chosen on chain for studies of more hospitals (0: every hospital holds key shares)")
	fs.IntVar(&cfg.Rounds, "rounds", 2, "training rounds")
	fs.IntVar(&cfg.Reps, "reps", 5, "repetitions of each timed transfer (the median is reported)")
	fs.Int64Var(&cfg.Seed, "seed", 1, "seed of the synthetic cohorts and the initial model")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout (an array of them for a list of --participants)")
	plotPath := fs.String("plot", "", plotFlagUsage+": round time and bytes per hospital against the number of hospitals")
	if err := parse(fs, args); err != nil {
		return err
	}
	counts, err := parsePositiveInts("participants", *participants)
	if err != nil {
		return err
	}
	// A study no larger than the committee has every hospital hold shares.
	withCommittee := func(n int) evaluation.RoundConfig {
		c := cfg
		c.Participants = n
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
	var reports []*evaluation.RoundReport
	for _, n := range counts {
		report, err := evaluation.Round(ctx, withCommittee(n))
		if err != nil {
			return err
		}
		reports = append(reports, report)
		if !*asJSON {
			if err := printRoundBench(stdout, report); err != nil {
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
		if err := printRoundSweep(stdout, reports); err != nil {
			return err
		}
	}
	return writePlots(*plotPath, stderr, "bench round: ", func() ([]*plot.Plot, error) { return evaluation.RoundPlots(reports) })
}

func printRoundBench(w io.Writer, r *evaluation.RoundReport) error {
	holders := "every hospital holds key shares"
	if r.CommitteeSize > 0 {
		holders = fmt.Sprintf("a decryption committee of %d holds key shares", r.CommitteeSize)
	}
	fmt.Fprintf(w, "cohort bench round: %d participants (%s), MLP %d-%v-1 = %d parameters (asked %d), GOMAXPROCS %d\n",
		r.Participants, holders, r.Spec.Features, r.Spec.Hidden, r.Params, r.RequestedParams, r.GOMAXPROCS)
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

	fmt.Fprintf(w, "\nper hospital per round, mean over hospitals (kB; messages by kind, then everything on the wire with TLS), and the process's peak memory (MB)\n")
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "round\t")
	for _, k := range simulation.TrafficKinds {
		fmt.Fprintf(tw, "%s out\t%s in\t", k, k)
	}
	fmt.Fprintln(tw, "wire out\twire in\tmax wire in\tpeak heap\tpeak RSS\t")
	row := func(label string, b evaluation.HospitalBytes, heap, rss uint64) {
		fmt.Fprintf(tw, "%s\t", label)
		for _, k := range simulation.TrafficKinds {
			fmt.Fprintf(tw, "%.1f\t%.1f\t", b.Sent[k]/1e3, b.Received[k]/1e3)
		}
		fmt.Fprintf(tw, "%.1f\t%.1f\t%.1f\t", b.WireSent/1e3, b.WireReceived/1e3, float64(b.MaxWireReceived)/1e3)
		if rss == 0 {
			fmt.Fprint(tw, "\t\t\n")
			return
		}
		fmt.Fprintf(tw, "%.0f\t%.0f\t\n", float64(heap)/1e6, float64(rss)/1e6)
	}
	for _, x := range r.Rounds {
		row(fmt.Sprint(x.Round), x.PerHospital, x.PeakHeapBytes, x.PeakRSSBytes)
	}
	row(fmt.Sprintf("mean %v", r.MeanOverRounds), r.MeanPerHospital, 0, 0)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "the first round's traffic includes key generation; one process holds the coordinator, every hospital and the chain (peak RSS over the whole study %.0f MB)\n",
		float64(r.PeakRSSBytes)/1e6)

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

// printRoundSweep prints one line per number of hospitals: the mean round's
// time and a hospital's bytes, to show how they grow with n.
func printRoundSweep(w io.Writer, reports []*evaluation.RoundReport) error {
	fmt.Fprintf(w, "\nacross studies (mean round; bytes per hospital on the wire)\n")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "hospitals\tparams\tround s\tdecrypt s\tchain s\tkB out\tkB in\tmax kB in\tin / update\tpeak RSS MB\tupload/raw\t")
	for _, r := range reports {
		b := r.MeanPerHospital
		fmt.Fprintf(tw, "%d\t%d\t%.2f\t%.2f\t%.2f\t%.0f\t%.0f\t%.0f\t%.1f\t%.0f\t%.2f\t\n", r.Participants, r.Params, r.Mean.Total, r.Mean.Decrypt, r.Mean.Chain,
			b.WireSent/1e3, b.WireReceived/1e3, float64(b.MaxWireReceived)/1e3, b.WireReceived/float64(max(r.UpdateBytes, 1)), float64(r.PeakRSSBytes)/1e6, r.Ratio)
	}
	return tw.Flush()
}
