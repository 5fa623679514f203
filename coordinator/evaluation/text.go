package evaluation

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
)

// text.go prints each harness's report as the tables `cohort bench` shows.

// WriteText prints the report as the tables of `cohort bench robust`.
func (rep *RobustReport) WriteText(out io.Writer) {
	metric := MetricName(rep.Metric)
	fmt.Fprintf(out, "robustness benchmark: %s, %d unlike sites, %d seeds, %d rounds, %d root records, %d test records, %s model",
		rep.Data, rep.Sites, rep.Seeds, rep.Rounds, rep.RootSize, rep.Test, rep.Spec.Kind)
	if rep.Recipe != "" {
		fmt.Fprintf(out, " (recipe %s)", rep.Recipe)
	}
	if rep.CommitteeSize > 0 {
		fmt.Fprintf(out, ", a decryption committee of %d (threshold %d)", rep.CommitteeSize, rep.Threshold)
	}
	fmt.Fprintf(out, ", scored by %s\n\n", metric)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "attack\tmalicious\taggregation\tfailed\t"+metric+"\t± sd\tdrop pts\tvs plain\tbackdoor\t(clean)\traw\t(clean)\tTPR\tFPR\tsuspended\trounds to susp.\thonest susp.\tscore s/round\taggregate s/round\tscore/agg\t")
	row := func(s RobustSummary) {
		rate := func(m *MeanSD) string {
			if m == nil {
				return "–"
			}
			return fmt.Sprintf("%.3f", m.Mean)
		}
		susp := "–"
		if s.RoundsToSuspension != nil {
			susp = fmt.Sprintf("%.1f", s.RoundsToSuspension.Mean)
		}
		ratio := "–"
		if s.ScoreOverAggregate != nil {
			ratio = fmt.Sprintf("%.2f", *s.ScoreOverAggregate)
		}
		fmt.Fprintf(w, "%s\t%d (%.0f%%)\t%s\t%d/%d\t%.4f\t%.4f\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\t%d\t%.4f\t%.4f\t%s\t\n",
			s.Attack, s.Malicious, 100*s.Fraction, AggregationName(s.Robust), s.Failed, s.Runs, s.Accuracy.Mean, s.Accuracy.SD,
			s.DropPoints.Mean, s.DropVsPlainPoints.Mean, rate(s.BackdoorSuccess), rate(s.BackdoorBaseline), rate(s.BackdoorRaw), rate(s.BackdoorRawBaseline), FmtRate(s.TPR), FmtRate(s.FPR),
			s.Suspended, s.Attackers, susp, s.HonestSuspended, s.ScoreSeconds, s.AggregateSeconds, ratio)
	}
	row(rep.PlainClean)
	row(rep.Clean)
	for _, s := range rep.Robust {
		row(s)
	}
	for _, s := range rep.Undefended {
		row(s)
	}
	_ = w.Flush()
	if rep.Metric == models.MetricCIndex {
		fmt.Fprintln(out, "\nbackdoor (target: minimal risk): attack success rate over the test records with an observed event: in the high-risk")
		fmt.Fprintln(out, "group (risk above the median of the clean test records) when clean, in the low-risk group once triggered (the figure")
		fmt.Fprintln(out, "held to the target); raw counts every triggered one in the low-risk group; (clean) is the same rate of the model")
		fmt.Fprintln(out, "trained without attackers. label-flip mirrors the attackers' follow-up times (t -> t_min + t_max - t) and flips their event indicators.")
	} else {
		fmt.Fprintln(out, "\nbackdoor: attack success rate over the test records whose label is not the target: classified correctly when clean,")
		fmt.Fprintln(out, "sent to the target once triggered (the figure held to the target); raw counts every triggered record sent to the")
		fmt.Fprintln(out, "target, the model's own errors included; (clean) is the same rate of the model trained without attackers.")
	}
	fmt.Fprintln(out, "TPR / FPR count, per round, the sites that submitted an update to it (suspended sites submit none).")

	fmt.Fprintln(out, "\ndetection per round (robust; TPR / FPR pooled over seeds):")
	w = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "attack\tmalicious\t"
	for k := range rep.Rounds {
		head += fmt.Sprintf("r%d\t", k+1)
	}
	fmt.Fprintln(w, head)
	for _, s := range slices.Concat([]RobustSummary{rep.Clean}, rep.Robust) {
		line := fmt.Sprintf("%s\t%d\t", s.Attack, s.Malicious)
		for k := range s.TPRPerRound {
			line += fmt.Sprintf("%s / %s\t", strings.TrimSpace(FmtRate(s.TPRPerRound[k])), strings.TrimSpace(FmtRate(s.FPRPerRound[k])))
		}
		fmt.Fprintln(w, line)
	}
	_ = w.Flush()

	for _, r := range rep.PerRun {
		if r.Error != "" {
			fmt.Fprintf(out, "\nFAILED: seed %d, %s, %d malicious, %s: %s", r.Seed, r.Attack, r.Malicious, AggregationName(r.Robust), r.Error)
		}
	}
	fmt.Fprintln(out, "\ntargets (issue 7):")
	for _, t := range rep.Targets {
		cmp, verdict := "≥", "FAIL"
		if t.Max {
			cmp = "≤"
		}
		if t.Pass {
			verdict = "pass"
		}
		fmt.Fprintf(out, "  %-4s %s: %.4f (%s %g)\n", verdict, t.What, t.Value, cmp, t.Limit)
	}
	fmt.Fprintf(out, "\nrobust costs %.2f "+metric+" points without attackers; all targets pass: %v; %.1fs in all\n", rep.CleanCostPoints, rep.AllPass, rep.Seconds)
}

// WriteText prints the report as the tables of `cohort bench round`.
func (r *RoundReport) WriteText(w io.Writer) error {
	holders := "every hospital holds key shares"
	if r.CommitteeSize > 0 {
		holders = fmt.Sprintf("a decryption committee of %d holds key shares", r.CommitteeSize)
	}
	if r.CommitteeRotation > 0 {
		holders += fmt.Sprintf(", a new one every %d rounds, the old re-sharing every key to it", r.CommitteeRotation)
	}
	fmt.Fprintf(w, "cohort bench round: %d participants (%s), MLP %d-%v-1 = %d parameters (asked %d), GOMAXPROCS %d\n",
		r.Participants, holders, r.Spec.Features, r.Spec.Hidden, r.Params, r.RequestedParams, r.GOMAXPROCS)
	if r.Robust {
		attackers := "no attackers"
		if r.Malicious > 0 {
			attackers = fmt.Sprintf("the last %d hospitals play %s", r.Malicious, r.Attack)
		}
		fmt.Fprintf(w, "robust scoring of every update (flags, trust weights, endorsed strikes); %s\n", attackers)
	}
	fmt.Fprintf(w, "note: %s\n", r.Note)
	fmt.Fprintf(w, "set-up (not round latency): %d consent grants on chain (%s) in %.2fs, %d gas; whole study %.2fs\n\n",
		r.Setup.ConsentGrants, r.Setup.ConsentSource, r.Setup.ConsentSeconds, r.Setup.ConsentGas, r.Setup.StudySeconds)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "round\tsites\ttrain s\tencrypt s\tupload s\tscore s\taggregate s\tdecrypt s\tchain s\ttotal s\tbytes up\tgas\tflagged\tstruck\t")
	for _, x := range r.Rounds {
		fmt.Fprintf(tw, "%d\t%d\t%.3f\t%.3f\t-\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t\n", x.Round, x.Participants,
			x.Seconds.Train, x.Seconds.Encrypt, x.Seconds.Score, x.Seconds.Aggregate, x.Seconds.Decrypt, x.Seconds.Chain, x.Seconds.Total, x.UploadBytes, x.GasUsed, x.Flagged, x.Struck)
	}
	m := r.Mean
	fmt.Fprintf(tw, "mean %v\t\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\t\t\t\t\n", r.MeanOverRounds,
		m.Train, m.Encrypt, m.Upload, m.Score, m.Aggregate, m.Decrypt, m.Chain, m.Total)
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
	row := func(label string, b HospitalBytes, heap, rss uint64) {
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
		f    TransferFigures
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

// WriteRoundSweep prints one line per number of hospitals: the mean round's
// time and a hospital's bytes, to show how they grow with n.
func WriteRoundSweep(w io.Writer, reports []*RoundReport) error {
	fmt.Fprintf(w, "\nacross studies (mean round; bytes per hospital on the wire)\n")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "hospitals\tparams\tround s\tscore s\tdecrypt s\tchain s\tkB out\tkB in\tmax kB in\tin / update\tpeak RSS MB\tupload/raw\t")
	for _, r := range reports {
		b := r.MeanPerHospital
		fmt.Fprintf(tw, "%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f\t%.0f\t%.0f\t%.1f\t%.0f\t%.2f\t\n", r.Participants, r.Params, r.Mean.Total, r.Mean.Score, r.Mean.Decrypt, r.Mean.Chain,
			b.WireSent/1e3, b.WireReceived/1e3, float64(b.MaxWireReceived)/1e3, b.WireReceived/float64(max(r.UpdateBytes, 1)), float64(r.PeakRSSBytes)/1e6, r.Ratio)
	}
	return tw.Flush()
}

// WriteText prints the report as the table of `cohort bench gas`.
func (rep *GasReport) WriteText(w io.Writer) {
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
	row := func(name string, value func(GasRun) uint64) {
		line := name + "\t"
		for _, run := range rep.Runs {
			line += fmt.Sprintf("%d\t", value(run))
		}
		fmt.Fprintln(tw, line)
	}
	for _, op := range ops {
		row(op, func(r GasRun) uint64 { return r.Operations[op] })
	}
	row("round total", func(r GasRun) uint64 { return r.RoundTotal })
	row("per participant per round", func(r GasRun) uint64 { return r.PerParticipantRound })
	row("round total, commitments batched", func(r GasRun) uint64 { return r.RoundTotalBatched })
	row("per participant per round, batched", func(r GasRun) uint64 { return r.PerParticipantRoundBatched })
	tw.Flush()
	verdict := "within"
	if !rep.WithinTargets {
		verdict = "NOT within"
	}
	fmt.Fprintf(w, "\n%s the targets: round of 10 hospitals <= %d, per participant per round at 100 <= %d, grant and revoke <= %d each\n",
		verdict, rep.Targets.Round10, rep.Targets.PerParticipantAt100, rep.Targets.GrantAndRevokeEachAt)
	if _, at100 := rep.PerParticipantRoundBatched["100"]; at100 {
		verdict = "within"
		if !rep.BatchedWithinTargets {
			verdict = "NOT within"
		}
		fmt.Fprintf(w, "%s the batched targets at 100 hospitals: per participant per round <= %d, each logged grant and revocation in a batch <= %d\n",
			verdict, rep.Targets.PerParticipantBatchedAt100, rep.Targets.ConsentChangeBatchedAt100)
	}
}

// WriteText prints the report as the table of `cohort bench keys`.
func (rep *KeysReport) WriteText(stdout io.Writer) error {
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

// KeysPlots draws seconds per party and megabytes in all against n, for
// the committee and, where measured, every party holding shares.
func KeysPlots(rep *KeysReport) ([]*plot.Plot, error) {
	var committee, all []KeysResult
	for _, r := range rep.Results {
		if !r.AllHolders {
			committee = append(committee, r)
		}
		if r.Holders == r.Parties {
			all = append(all, r)
		}
	}
	series := func(name string, rs []KeysResult, y func(KeysResult) float64, dashed bool) chart.Series {
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
	deal := func(r KeysResult) float64 { return r.DealSecondsPerParty + r.CombineSecondsPerHolder }
	reshare := func(r KeysResult) float64 { return r.ReshareSecondsPerDealer + r.ReshareCombineSeconds }
	times := []chart.Series{
		series(fmt.Sprintf("key generation, committee of %d", c), committee, deal, false),
		series(fmt.Sprintf("hand-over, committee of %d", c), committee, reshare, false),
	}
	mbKeys := func(r KeysResult) float64 { return float64(r.KeyGenBytesTotal) / 1e6 }
	mbReshare := func(r KeysResult) float64 { return float64(r.ReshareBytesTotal) / 1e6 }
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

// WriteText prints the report as the table of `cohort bench he`; distinct
// is the most distinct updates timed per cell.
func (report *HEReport) WriteText(stdout io.Writer, distinct int) error {
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

// WriteText prints the report as the tables of `cohort bench learn`: the
// trainings compared, then each privacy budget if any.
func (rep *LearnReport) WriteText(out io.Writer) {
	fmt.Fprintf(out, "learning benchmark: %s, %d unlike sites (size ratio %.1f, label skew %.2f), %d seeds, %d rounds × %d local epochs vs %d epochs\n\n",
		rep.Data, rep.Sites, rep.Skew.SizeRatio, rep.Skew.LabelSkew, rep.Seeds, rep.Rounds, rep.Local.Epochs, rep.Central.Epochs)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "training\taccuracy\t± sd\tbalanced acc.\t± sd\tAUC\t± sd\tlog loss\t± sd\t")
	for _, row := range []struct {
		name string
		s    LearnSummary
	}{{"pooled", rep.Pooled}, {"site alone (mean)", rep.SiteAlone}, {"federated (encrypted)", rep.Federated}} {
		fmt.Fprintf(w, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t\n", row.name,
			row.s.Accuracy.Mean, row.s.Accuracy.SD, row.s.BalancedAccuracy.Mean, row.s.BalancedAccuracy.SD,
			row.s.AUC.Mean, row.s.AUC.SD, row.s.LogLoss.Mean, row.s.LogLoss.SD)
	}
	_ = w.Flush()
	fmt.Fprintf(out, "\nfederated is %.2f accuracy points below pooled (within 1 point: %v) and %.2f points above the average site alone (beats it: %v); %.1fs in all\n",
		rep.GapPoints, rep.WithinOne, 100*(rep.Federated.Accuracy.Mean-rep.SiteAlone.Accuracy.Mean), rep.BeatsAlone, rep.Seconds)
	writePrivate(out, rep)
}

// writePrivate prints each budget against the non-private federated
// model of the same run.
func writePrivate(out io.Writer, rep *LearnReport) {
	if len(rep.Private) == 0 {
		return
	}
	p := rep.PrivateTraining
	rounds, mech := rep.Rounds, "DP-SGD at every hospital"
	if c := rep.PrivacySettings; c != nil {
		rounds, mech = c.rounds(rep.Rounds), c.MechanismText()
	}
	fmt.Fprintf(out, "\ndifferential privacy (%s: clip %s, sampling rate %g, %d local epochs at rate %g, %d rounds; δ = %g):\n",
		mech, clipText(*p.Privacy), p.Privacy.SamplingRate, p.Epochs, p.LearningRate, rounds, rep.Private[0].Delta)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "training\tσ\taccuracy\t± sd\tpoints lost\tAUC\t± sd\tpoints lost\t")
	fmt.Fprintf(w, "non-private federated\t–\t%.4f\t%.4f\t–\t%.4f\t%.4f\t–\t\n", rep.Federated.Accuracy.Mean, rep.Federated.Accuracy.SD, rep.Federated.AUC.Mean, rep.Federated.AUC.SD)
	for _, s := range rep.Private {
		fmt.Fprintf(w, "ε = %g%s\t%.3f\t%.4f\t%.4f\t%.2f\t%.4f\t%.4f\t%.2f\t\n", s.Epsilon, averagedText(s.AverageLast), s.NoiseMultiplier,
			s.Scores.Accuracy.Mean, s.Scores.Accuracy.SD, s.AccuracyLoss, s.Scores.AUC.Mean, s.Scores.AUC.SD, s.AUCLoss)
	}
	_ = w.Flush()
}

// WriteText prints the report as the tables of `cohort bench learn --recipe`.
func (rep *NaturalReport) WriteText(out io.Writer) {
	fmt.Fprintf(out, "learning benchmark: %s, %d hospitals (train %v, test %v), recipe %s %s, %d rounds × %d local epochs vs %d epochs (rate %g) pooled and alone, %d seeds (%v), encryption %s\n\n",
		strings.Join(rep.Data, ","), len(rep.Hospitals), rep.TrainRecords, rep.TestRecords, rep.Recipe.Model.Kind, rep.Recipe.Server.Kind,
		rep.Recipe.Rounds, rep.Recipe.Local.Epochs, rep.CentralEpochs, rep.CentralLR, len(rep.Seeds), rep.Seeds, simulation.EncryptionName(rep.Encrypted))
	if k := rep.ValidationFolds; k > 0 {
		fmt.Fprintf(out, "validation: the test records are not used; \"test\" below is one in %d of each hospital's training records (those whose position in the file, mod %d, is (seed-1) mod %d), trained on the rest; the counts are the first seed's\n\n", k, k, k)
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "training\tpooled test\t± sd\thospital mean\t± sd\t"
	for _, h := range rep.Hospitals {
		head += h + "\t"
	}
	fmt.Fprintln(w, head+"\t")
	for _, s := range rep.Summary {
		line := s.Name + "\t"
		if s.Pooled != nil {
			line += fmt.Sprintf("%.4f\t%.4f\t", s.Pooled.Mean, s.Pooled.SD)
		} else {
			line += "-\t-\t"
		}
		line += fmt.Sprintf("%.4f\t%.4f\t", s.SiteMean.Mean, s.SiteMean.SD)
		for _, v := range s.Sites {
			line += fmt.Sprintf("%.3f\t", v.Mean)
		}
		fmt.Fprintln(w, line+"\t")
	}
	_ = w.Flush()
	fmt.Fprintf(out, "\n%s (%s); hospital mean: each hospital's own test records, then averaged; %.0fs in all\n", rep.Metric, metricNote(rep.Metric), rep.Seconds)
	if p := rep.Privacy; p != nil && len(rep.Private) > 0 {
		server := ""
		if p.Server != nil {
			server = fmt.Sprintf(", server %s at %g", p.Server.Kind, p.Server.LearningRate)
		}
		if p.Precondition == models.PreconditionGroups {
			server += ", the schema's one-hot groups whitened"
		}
		fmt.Fprintf(out, "\ndifferential privacy (%s: clip %s, sampling rate %g, %d local epochs at rate %g, %d rounds%s; δ = %g), points of %s lost against federated %s:\n",
			p.MechanismText(), clipText(models.PrivacyConfig{ClipNorm: p.Clip, ClipDecay: p.ClipDecay, NoiseDecay: p.NoiseDecay}), p.Rate, p.Epochs, p.LR, p.rounds(rep.Recipe.Rounds), server, p.Delta, rep.Metric, rep.Recipe.Server.Kind)
		w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(w, "budget\tσ\tpooled test\thospital mean\t")
		for _, s := range rep.Private {
			fmt.Fprintf(w, "ε = %g%s\t%.3f\t%.2f\t%.2f\t\n", s.Epsilon, averagedText(s.AverageLast), s.NoiseMultiplier, s.PooledLoss, s.SiteMeanLoss)
		}
		_ = w.Flush()
	}
}

func metricNote(metric string) string {
	if metric == models.MetricCIndex {
		return "Harrell's C-index; on the pooled test set pairs across hospitals count too"
	}
	return "exact AUC, or accuracy at 0.5"
}

// clipText gives the clip norm, and its schedule if it has one, then the
// noise multiplier's schedule if it has one (the σ printed is round 1's).
func clipText(p models.PrivacyConfig) string {
	text := fmt.Sprintf("%g", p.ClipNorm)
	if p.ClipDecay != 0 {
		text = fmt.Sprintf("%g × %g^(round − 1)", p.ClipNorm, p.ClipDecay)
	}
	if p.NoiseDecay != 0 {
		text += fmt.Sprintf(", noise σ × %g^(round − 1)", p.NoiseDecay)
	}
	return text
}
