package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
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
	} else if err := printKeysBench(stdout, rep); err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "bench keys: ", func() ([]*plot.Plot, error) { return keysPlots(rep) })
}

func printKeysBench(stdout io.Writer, rep *evaluation.KeysReport) error {
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "parties\tholders\tt\tshares\tdeal s/party\tMB/party\tMB/holder\tMB total\tcombine s\treshare shares\treshare s/dealer\tMB/dealer\tMB/holder\tMB total\t")
	mb := func(b int64) float64 { return float64(b) / 1e6 }
	for _, r := range rep.Results {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%.3f\t%.1f\t%.1f\t%.1f\t%.3f\t%d\t%.2f\t%.1f\t%.1f\t%.1f\t\n",
			r.Parties, r.Holders, r.Threshold, r.DealtShares, r.DealSecondsPerParty, mb(r.DealBytesPerParty), mb(r.KeyGenBytesPerHolder), mb(r.KeyGenBytesTotal),
			r.CombineSecondsPerHolder, r.ReshareShares, r.ReshareSecondsPerDealer, mb(r.ReshareBytesPerDealer), mb(r.ReshareBytesPerHolder), mb(r.ReshareBytesTotal))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Key generation: every party deals one key share to each holder (n·holders shares). Hand-over to a new committee: t holders each re-share all n keys to every new holder (t·holders shares of n keys). Seconds per party on one core; MB of sealed shares relayed by the coordinator.")
	return nil
}

// keysPlots draws seconds per party and megabytes in all against n, for
// the committee and, where measured, every party holding shares.
func keysPlots(rep *evaluation.KeysReport) ([]*plot.Plot, error) {
	var committee, all []evaluation.KeysResult
	for _, r := range rep.Results {
		if !r.AllHolders {
			committee = append(committee, r)
		}
		if r.Holders == r.Parties {
			all = append(all, r)
		}
	}
	series := func(name string, rs []evaluation.KeysResult, y func(evaluation.KeysResult) float64, dashed bool) chart.Series {
		s := chart.Series{Name: name, Dashed: dashed}
		for _, r := range rs {
			s.Points = append(s.Points, plotter.XY{X: float64(r.Parties), Y: y(r)})
		}
		return s
	}
	c := 0
	if len(committee) > 0 {
		c = committee[len(committee)-1].Holders
	}
	deal := func(r evaluation.KeysResult) float64 { return r.DealSecondsPerParty + r.CombineSecondsPerHolder }
	reshare := func(r evaluation.KeysResult) float64 { return r.ReshareSecondsPerDealer + r.ReshareCombineSeconds }
	times := []chart.Series{
		series(fmt.Sprintf("key generation, committee of %d", c), committee, deal, false),
		series(fmt.Sprintf("hand-over, committee of %d", c), committee, reshare, false),
	}
	mbKeys := func(r evaluation.KeysResult) float64 { return float64(r.KeyGenBytesTotal) / 1e6 }
	mbReshare := func(r evaluation.KeysResult) float64 { return float64(r.ReshareBytesTotal) / 1e6 }
	bytes := []chart.Series{
		series(fmt.Sprintf("key generation, committee of %d", c), committee, mbKeys, false),
		series(fmt.Sprintf("hand-over, committee of %d", c), committee, mbReshare, false),
	}
	if len(all) > 1 {
		times = append(times, series("key generation, every party a holder", all, deal, true))
		bytes = append(bytes, series("key generation, every party a holder", all, mbKeys, true))
	}
	timePanel, err := chart.Line(chart.Axes{Title: "threshold keys: seconds per party (one core)", X: "parties n", Y: "seconds", LogY: true}, times...)
	if err != nil {
		return nil, err
	}
	bytesPanel, err := chart.Line(chart.Axes{Title: "threshold keys: sealed shares relayed", X: "parties n", Y: "MB in all", LogY: true}, bytes...)
	if err != nil {
		return nil, err
	}
	// Where the lines leave room: top left for seconds, bottom right for bytes.
	timePanel.Legend.Left, bytesPanel.Legend.Top = true, false
	return []*plot.Plot{timePanel, bytesPanel}, nil
}
