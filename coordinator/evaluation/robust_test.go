package evaluation

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/records"
)

func TestDetection(t *testing.T) {
	m1, m2, h1, h2, h3 := robustAddr(1), robustAddr(2), robustAddr(3), robustAddr(4), robustAddr(5)
	malicious, honest := []common.Address{m1, m2}, []common.Address{h1, h2, h3}
	all := []common.Address{m1, m2, h1, h2, h3}
	rounds := []simulation.RoundFigures{
		{Round: 1, Contributors: all, Flagged: []common.Address{m1, m2, h1}},
		{Round: 2, Contributors: all, Flagged: []common.Address{m1}, Suspended: []common.Address{m1}},
		// m1 is out, m2 submits nothing this round (it dropped out): neither
		// counts; suspension is cumulative.
		{Round: 3, Contributors: []common.Address{h1, h2, h3}, Suspended: []common.Address{m1}},
		{Round: 4, Contributors: []common.Address{m2, h1, h2, h3}, Flagged: []common.Address{m2}, Suspended: []common.Address{m1, m2, h3}},
		{Round: 5, Contributors: []common.Address{h1, h2}},
	}
	per, suspendedIn, honestSuspended := Detection(rounds, malicious, honest)
	require.Len(t, per, 5)
	want := []struct {
		am, fm, ah, fh int
		tpr, fpr       *float64
	}{
		{2, 2, 3, 1, robustPtr(1.0), robustPtr(1.0 / 3)},
		{2, 1, 3, 0, robustPtr(0.5), robustPtr(0.0)},
		{0, 0, 3, 0, nil, robustPtr(0.0)},
		{1, 1, 3, 0, robustPtr(1.0), robustPtr(0.0)},
		{0, 0, 2, 0, nil, robustPtr(0.0)},
	}
	for k, w := range want {
		t.Run(fmt.Sprintf("round %d", k+1), func(t *testing.T) {
			f := per[k]
			assert.Equal(t, uint32(k+1), f.Round)
			assert.Equal(t, []int{w.am, w.fm, w.ah, w.fh}, []int{f.ActiveMalicious, f.FlaggedMalicious, f.ActiveHonest, f.FlaggedHonest})
			assert.Equal(t, w.tpr, f.TPR)
			if w.fpr == nil {
				assert.Nil(t, f.FPR)
			} else {
				require.NotNil(t, f.FPR)
				assert.InDelta(t, *w.fpr, *f.FPR, 1e-12)
			}
		})
	}
	assert.Equal(t, []*uint32{robustPtr(uint32(2)), robustPtr(uint32(4))}, suspendedIn)
	assert.Equal(t, 1, honestSuspended)

	tpr, fpr := pooledRates([]RobustRun{{Robust: true, Rounds: per}})
	assert.InDelta(t, 4.0/5, *tpr, 1e-12)
	assert.InDelta(t, 1.0/14, *fpr, 1e-12)
	tpr, fpr = pooledRates([]RobustRun{{Robust: false, Rounds: per}})
	assert.Nil(t, tpr, "plain runs have no detection rates")
	assert.Nil(t, fpr)
}

func TestStratifiedHoldout(t *testing.T) {
	var recs []records.Record
	for i := range 100 {
		label := 0.0
		if i%4 == 0 {
			label = 1 // 25% positive
		}
		recs = append(recs, records.Record{ID: fmt.Sprint(i), Label: label})
	}
	held, rest, err := StratifiedHoldout(recs, 20, 7)
	require.NoError(t, err)
	assert.Len(t, held, 20)
	assert.Len(t, rest, 80)
	assert.InDelta(t, 0.25, Prevalence(held), 1e-12, "the root set keeps the label balance")
	ids := map[string]bool{}
	for _, r := range append(append([]records.Record(nil), held...), rest...) {
		assert.False(t, ids[r.ID], "record %s held out and kept", r.ID)
		ids[r.ID] = true
	}
	assert.Len(t, ids, 100)
	again, _, err := StratifiedHoldout(recs, 20, 7)
	require.NoError(t, err)
	assert.Equal(t, held, again, "deterministic by seed")
	other, _, err := StratifiedHoldout(recs, 20, 8)
	require.NoError(t, err)
	assert.NotEqual(t, held, other)
	_, _, err = StratifiedHoldout(recs, 60, 7)
	assert.ErrorContains(t, err, "smaller --root")
}

func TestLeastCorrelatedFeature(t *testing.T) {
	var recs []records.Record
	for i := range 40 {
		y := float64(i % 2)
		// Feature 0 is the label, feature 1 is constant, feature 2 is
		// independent of it, feature 3 is minus the label.
		recs = append(recs, records.Record{Features: []float64{y, 1, float64((i / 2) % 2), -y}, Label: y})
	}
	assert.Equal(t, 2, LeastCorrelatedFeature(recs))
	assert.Equal(t, 0, LeastCorrelatedFeature(nil))
}

func TestSummariseRobust(t *testing.T) {
	cfg := RobustConfig{Sites: 10, Rounds: 1, Fractions: []float64{0, 0.2, 0.4}, Attacks: []string{"scaling", "backdoor"}}
	round := func(am, fm, ah, fh int) []RobustRoundFigures {
		return []RobustRoundFigures{{Round: 1, ActiveMalicious: am, FlaggedMalicious: fm, ActiveHonest: ah, FlaggedHonest: fh, ScoreSeconds: 2, AggregateSeconds: 0.5, Participants: 10}}
	}
	bd := func(v float64) *float64 { return &v }
	var runs []RobustRun
	for _, seed := range []int64{1, 2} {
		runs = append(runs,
			RobustRun{Seed: seed, Attack: "none", Robust: false, Accuracy: 0.96, Rounds: round(0, 0, 10, 0)},
			RobustRun{Seed: seed, Attack: "none", Robust: true, Accuracy: 0.955, Rounds: round(0, 0, 10, 0)},
			RobustRun{Seed: seed, Attack: "scaling", Fraction: 0.2, Malicious: 2, Robust: true, Accuracy: 0.95, Rounds: round(2, 2, 8, 0)},
			RobustRun{Seed: seed, Attack: "scaling", Fraction: 0.4, Malicious: 4, Robust: true, Accuracy: 0.90, Rounds: round(4, 3, 6, 1)},
			RobustRun{Seed: seed, Attack: "backdoor", Fraction: 0.2, Malicious: 2, Robust: true, Accuracy: 0.95, BackdoorSuccess: bd(0.02 * float64(seed)), BackdoorRaw: bd(0.08), Rounds: round(2, 1, 8, 0),
				SuspendedInRound: []*uint32{robustPtr(uint32(3)), nil}},
			RobustRun{Seed: seed, Attack: "backdoor", Fraction: 0.4, Malicious: 4, Robust: true, Accuracy: 0.95, BackdoorSuccess: bd(0.5), Rounds: round(4, 0, 6, 0)},
		)
	}
	rep := &RobustReport{PerRun: runs}
	SummariseRobust(rep, cfg)
	assert.InDelta(t, 0.5, rep.CleanCostPoints, 1e-9)
	require.Len(t, rep.Robust, 4)
	sc := rep.Robust[0]
	assert.Equal(t, "scaling", sc.Attack)
	assert.Equal(t, 2, sc.Malicious)
	assert.InDelta(t, 0.5, sc.DropPoints.Mean, 1e-9, "against robust without attackers, seed by seed")
	assert.InDelta(t, 1.0, sc.DropVsPlainPoints.Mean, 1e-9)
	assert.Equal(t, 1.0, *sc.TPR)
	assert.Equal(t, 0.0, *sc.FPR)
	assert.Equal(t, 4, sc.Attackers)
	assert.InDelta(t, 0.2, sc.ScorePerParticipant, 1e-12)
	assert.InDelta(t, 4, *sc.ScoreOverAggregate, 1e-12)
	back := rep.Robust[2]
	assert.InDelta(t, 0.03, back.BackdoorSuccess.Mean, 1e-12)
	assert.InDelta(t, 0.08, back.BackdoorRaw.Mean, 1e-12, "the raw rate is reported beside it")
	assert.Equal(t, 2, back.Suspended)
	assert.InDelta(t, 3, back.RoundsToSuspension.Mean, 1e-12)

	// Targets: robust cost, scaling at 20% (drop, TPR, FPR), backdoor at
	// 20%; 40% is reported but not held to them.
	assert.Equal(t, map[string]bool{
		"no attacker: robust costs at most 1 point against plain weighted averaging": true,
		"scaling, 20% malicious: accuracy drop (points)":                             true,
		"scaling, 20% malicious: detection TPR":                                      true,
		"scaling, 20% malicious: detection FPR":                                      true,
		"backdoor, 20% malicious: backdoor attack success rate":                      true,
	}, targetVerdicts(rep))
	assert.True(t, rep.AllPass)

	t.Run("adaptive attacks are held to accuracy only", func(t *testing.T) {
		cfg := RobustConfig{Sites: 10, Rounds: 1, Fractions: []float64{0, 0.2, 0.3}, Attacks: []string{"alie"}}
		adaptive := append([]RobustRun(nil), runs[:2]...)
		adaptive = append(adaptive,
			RobustRun{Seed: 1, Attack: "alie", Fraction: 0.2, Malicious: 2, Robust: true, Accuracy: 0.93, Rounds: round(2, 0, 8, 0)},
			RobustRun{Seed: 1, Attack: "alie", Fraction: 0.3, Malicious: 3, Robust: true, Accuracy: 0.90, Rounds: round(3, 0, 7, 0)})
		rep := &RobustReport{PerRun: adaptive}
		SummariseRobust(rep, cfg)
		assert.Equal(t, map[string]bool{
			"no attacker: robust costs at most 1 point against plain weighted averaging": true,
			"alie, 20% malicious: accuracy drop (points; detection not required)":        true,
			"alie, 30% malicious: accuracy drop (points; detection not required)":        false,
		}, targetVerdicts(rep), "2.5 points pass, 5.5 fail; TPR 0 is no failure")
	})
	t.Run("a backdoor that works fails its target", func(t *testing.T) {
		worse := append([]RobustRun(nil), runs...)
		worse[4].BackdoorSuccess = bd(0.2)
		rep := &RobustReport{PerRun: worse}
		SummariseRobust(rep, cfg)
		assert.False(t, rep.AllPass)
	})
	t.Run("a failed study counts in no figure and fails its targets", func(t *testing.T) {
		failed := append([]RobustRun(nil), runs...)
		failed = append(failed, RobustRun{Seed: 3, Attack: "scaling", Fraction: 0.2, Malicious: 2, Robust: true, Error: "coordinator: round 2: stalled"})
		rep := &RobustReport{PerRun: failed}
		SummariseRobust(rep, cfg)
		sc := rep.Robust[0]
		assert.Equal(t, 3, sc.Runs)
		assert.Equal(t, 1, sc.Failed)
		assert.InDelta(t, 0.95, sc.Accuracy.Mean, 1e-12, "the failed run's zero accuracy is left out")
		assert.Equal(t, 4, sc.Attackers)
		for _, tg := range rep.Targets {
			if strings.HasPrefix(tg.What, "scaling, 20% malicious") {
				assert.False(t, tg.Pass, tg.What)
			} else {
				assert.True(t, tg.Pass, tg.What)
			}
		}
		assert.False(t, rep.AllPass)
	})
}

func TestParseRobustData(t *testing.T) {
	d, err := ParseRobustData("a.csv,b.csv, c.csv", "s.json")
	require.NoError(t, err)
	assert.Equal(t, []string{"a.csv", "b.csv", "c.csv"}, d.Files)
	d, err = ParseRobustData("synthetic:unlike", "")
	require.NoError(t, err)
	assert.Equal(t, syntheticUnlike, d.synthetic)
	for in, want := range map[[2]string]string{
		{"synthetic", ""}:           "name the heterogeneity",
		{"synthetic:iid", "s.json"}: "drop --schema",
		{"a.csv", ""}:               "--schema are required",
		{"a.csv,,b.csv", "s.json"}:  "empty file name",
		{"a.csv,a.csv,b", "s.json"}: "listed twice",
		{"a.csv,b.csv", "s.json"}:   "too few",
	} {
		_, err := ParseRobustData(in[0], in[1])
		assert.ErrorContains(t, err, want, in)
	}
}

// Natural sites are the files as they are: one site per file with its own
// split, the root records taken out of the sites they came from.
func TestRobustSeedNaturalSites(t *testing.T) {
	dir := "../../../shared/data/tcga-brca"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("TCGA-BRCA data not present")
	}
	var files []string
	for i := range 6 {
		files = append(files, filepath.Join(dir, fmt.Sprintf("region%d.csv", i)))
	}
	schema, err := records.LoadSchemaFile("../../examples/robust/tcga-brca-event.json")
	require.NoError(t, err)
	cfg := DefaultRobustConfig()
	cfg.Source, cfg.Sites = RobustData{Files: files}, 6
	sd, err := RobustSeed(cfg, schema, 1)
	require.NoError(t, err)
	require.Len(t, sd.sites, 6)
	train := 0
	for _, s := range sd.sites {
		train += len(s.Train)
	}
	assert.Equal(t, 866-30, train, "FLamby's 866 training records less the root set")
	assert.Len(t, sd.root, 30)
	assert.Len(t, sd.test, 222, "every site's own test records")

	cfg.Source, cfg.Sites = RobustData{synthetic: syntheticIID}, 5
	sd, err = RobustSeed(cfg, records.Schema{}, 1)
	require.NoError(t, err)
	require.Len(t, sd.sites, 5)
	assert.InDelta(t, len(sd.sites[0].Train), len(sd.sites[4].Train), 12, "sites alike in size")
}

func TestRobustPlots(t *testing.T) {
	tpr, fpr, zero := 1.0, 0.02, 0.0
	rep := &RobustReport{
		Attacks:    []string{"sign-flip", "backdoor"},
		Clean:      RobustSummary{Attack: "none", Robust: true, Accuracy: MeanSD{0.95, 0.01}, FPR: &zero},
		PlainClean: RobustSummary{Attack: "none", Accuracy: MeanSD{0.95, 0.01}},
		Robust: []RobustSummary{
			{Attack: "sign-flip", Fraction: 0.1, Robust: true, Accuracy: MeanSD{0.94, 0.01}, TPR: &tpr, FPR: &fpr},
			{Attack: "sign-flip", Fraction: 0.3, Robust: true, Accuracy: MeanSD{0.93, 0.02}, TPR: &tpr, FPR: &fpr},
			{Attack: "backdoor", Fraction: 0.1, Robust: true, Accuracy: MeanSD{0.94, 0.01}, TPR: &tpr, FPR: &fpr, BackdoorSuccess: &MeanSD{0.01, 0}},
		},
		Undefended: []RobustSummary{{Attack: "sign-flip", Fraction: 0.1, Accuracy: MeanSD{0.5, 0.1}}},
	}
	panels, err := RobustPlots(rep)
	texts := drawSVG(t, panels, err)
	for _, w := range []string{"final accuracy (mean ± sd over seeds)", "malicious sites (%)", "sign-flip", "backdoor", "sign-flip (undefended)",
		"true positive rate", "false positive rate", "backdoor attack success rate"} {
		assert.Contains(t, texts, w)
	}

	rep.Attacks, rep.Robust, rep.Undefended = rep.Attacks[:1], rep.Robust[:2], nil
	panels, err = RobustPlots(rep)
	texts = drawSVG(t, panels, err)
	assert.NotContains(t, texts, "backdoor attack success rate", "no backdoor run, no backdoor panel")
	assert.NotContains(t, texts, "sign-flip (undefended)")
}

func TestLearnPlots(t *testing.T) {
	rep := &LearnReport{
		Sites: 4, Seeds: 5,
		Pooled:    LearnSummary{Accuracy: MeanSD{0.97, 0.01}, BalancedAccuracy: MeanSD{0.96, 0.01}, AUC: MeanSD{0.99, 0.005}},
		SiteAlone: LearnSummary{Accuracy: MeanSD{0.9, 0.04}, BalancedAccuracy: MeanSD{0.88, 0.05}, AUC: MeanSD{0.95, 0.03}},
		Federated: LearnSummary{Accuracy: MeanSD{0.965, 0.01}, BalancedAccuracy: MeanSD{0.96, 0.01}, AUC: MeanSD{0.99, 0.005}},
	}
	panels, err := LearnPlots(rep)
	texts := drawSVG(t, panels, err)
	for _, w := range []string{"accuracy (mean ± sd over 5 seeds, 4 unlike sites)", "balanced accuracy on the test records", "AUC on the test records",
		"pooled", "site alone (mean)", "federated", "0.8"} {
		assert.Contains(t, texts, w)
	}
}

func TestKaplanMeier(t *testing.T) {
	// Deaths at 1 and 3 years of 4 patients, one censored at 2 years:
	// S = 3/4 after the first death, then 3/4 · 1/2 after the second.
	year := 365.25
	km := kaplanMeier([]records.Record{{Time: 3 * year, Label: 1}, {Time: year, Label: 1}, {Time: 2 * year, Label: 0}, {Time: 4 * year, Label: 0}})
	want := []struct{ x, y float64 }{{0, 1}, {1, 1}, {1, 0.75}, {3, 0.75}, {3, 0.375}, {4, 0.375}}
	require.Len(t, km, len(want))
	for i, w := range want {
		assert.InDelta(t, w.x, km[i].X, 1e-12, "point %d", i)
		assert.InDelta(t, w.y, km[i].Y, 1e-12, "point %d", i)
	}
}

func robustAddr(i int) common.Address { return common.BytesToAddress([]byte{byte(i)}) }

func robustPtr[T any](v T) *T { return &v }

// targetVerdicts maps each target of rep to whether it passed.
func targetVerdicts(rep *RobustReport) map[string]bool {
	verdicts := map[string]bool{}
	for _, tg := range rep.Targets {
		verdicts[tg.What] = tg.Pass
	}
	return verdicts
}

// The benchmarks' sites share a common test set; each site's share is in
// proportion to its training records, so that no site's evaluation counts
// more test records than the training samples it commits (which the
// coordinator refuses). An equal share gave the smallest of WDBC's four
// 8:1 sites 29 test records for 29 training records.
func TestDealTestsInProportion(t *testing.T) {
	recs := func(n int) []records.Record { return make([]records.Record, n) }
	parts := [][]records.Record{recs(29), recs(220), recs(130), recs(77)}
	tests := dealTests(recs(114), parts)
	total := 0
	for i, got := range tests {
		total += len(got)
		assert.LessOrEqual(t, len(got), len(parts[i]), "site %d", i)
		assert.InDelta(t, 114*float64(len(parts[i]))/456, len(got), 1, "site %d: its share", i)
	}
	assert.Equal(t, 114, total, "every test record dealt once")
}
