package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// TestBenchRobustShort runs the robustness benchmark at its smallest: 4
// sites, one seed, one attack, one share of attackers, 2 rounds. `cohort
// bench robust` with the defaults is the measurement.
func TestBenchRobustShort(t *testing.T) {
	if testing.Short() {
		t.Skip("runs encrypted studies")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	figure := filepath.Join(t.TempDir(), "robust.svg")
	err := runBenchRobust(ctx, []string{"--data", wdbcData, "--schema", wdbcSchema, "--json", "--plot", figure,
		"--sites", "4", "--seeds", "1", "--attacks", "sign-flip", "--fractions", "0,0.25", "--rounds", "2"}, &out, &progress)
	require.NoError(t, err, progress.String())
	assert.Contains(t, svgTexts(t, figure), "attackers flagged per round (TPR)")
	var rep robustReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), "one JSON object on stdout")
	t.Logf("progress:\n%s", progress.String())

	require.Len(t, rep.PerRun, 3, "plain and robust without attackers, robust under sign-flip")
	assert.Equal(t, 113, rep.Test)
	assert.Equal(t, 30, rep.RootSize)
	assert.Greater(t, rep.PlainClean.Accuracy.Mean, 0.9)
	assert.Greater(t, rep.Clean.Accuracy.Mean, 0.9, "robust aggregation still learns")
	for _, r := range rep.PerRun {
		require.Len(t, r.Rounds, 2)
		for _, f := range r.Rounds {
			assert.Positive(t, f.AggregateSeconds)
			if r.Robust {
				assert.Positive(t, f.ScoreSeconds, "robust rounds are scored")
				assert.NotNil(t, f.FPR)
			} else {
				assert.Zero(t, f.ScoreSeconds, "plain rounds are not scored")
				assert.Nil(t, f.FPR, "plain aggregation detects nothing")
			}
		}
	}
	require.Len(t, rep.Robust, 1)
	s := rep.Robust[0]
	assert.Equal(t, "sign-flip", s.Attack)
	assert.Equal(t, 1, s.Malicious)
	assert.Equal(t, 1, s.Attackers)
	require.NotNil(t, s.TPR)
	require.NotNil(t, s.FPR)
	// A round of 4 updates is the smallest in which anyone can be flagged,
	// at a threshold of 11 spreads: detection there is not held to a rate
	// (the full bench is the measurement), but the sign-flipped update
	// must not cost accuracy, flagged or merely down-weighted.
	assert.Greater(t, s.Accuracy.Mean, 0.9, "robust aggregation holds under the attack")
	assert.Less(t, *s.FPR, 0.5, "most honest sites are not flagged")
	require.Len(t, s.TPRPerRound, 2)
	require.NotNil(t, s.TPRPerRound[0])
	assert.Positive(t, s.ScoreSeconds)
	assert.Positive(t, s.ScorePerParticipant)
	require.NotNil(t, s.ScoreOverAggregate)
	assert.InDelta(t, s.ScoreSeconds/s.AggregateSeconds, *s.ScoreOverAggregate, 1e-9)
	assert.Len(t, rep.Targets, 4, "robust cost, then drop, TPR and FPR of the attack")
	assert.Contains(t, progress.String(), "seed 1  sign-flip")

	var table bytes.Buffer
	printRobustReport(&table, &rep)
	for _, want := range []string{"sign-flip", "detection per round", "targets (issue 7):", "robust costs"} {
		assert.Contains(t, table.String(), want)
	}
}

func TestBenchRobustUsage(t *testing.T) {
	base := []string{"bench", "robust", "--data", "x.csv", "--schema", "y.json"}
	tests := []struct {
		name string
		args []string
		out  string
	}{
		{"needs data", []string{"bench", "robust"}, "--data and --schema are required"},
		{"one site", append(base, "--sites", "1"), "at least 2"},
		{"bad fraction", append(base, "--fractions", "0,half"), "not a share"},
		{"fraction of one", append(base, "--fractions", "1"), "not a share"},
		{"same number of attackers", append(base, "--fractions", "0.1,0.12"), "as another share does"},
		{"unknown attack", append(base, "--attacks", "sign-flip,poison"), `unknown kind "poison"`},
		{"none is no attack", append(base, "--attacks", "none"), "not an attack"},
		{"listed twice", append(base, "--attacks", "noise,noise"), "listed twice"},
		{"stray argument", append(base, "extra"), "unexpected arguments"},
		{"unknown model", append(base, "--model", "forest"), "not a model"},
		{"logistic takes no width", append(base, "--model", "logistic:3"), "not a model"},
		{"bad MLP width", append(base, "--model", "mlp:0"), "positive integer"},
		{"no time for a study", append(base, "--study-timeout", "0s"), "must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			assert.Equal(t, 2, run(context.Background(), tt.args, &out, &errOut))
			assert.Contains(t, errOut.String(), tt.out)
		})
	}
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run(context.Background(), []string{"bench", "robust", "--data", "missing.csv", "--schema", "missing.json"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "missing.json")
}

func TestParseModelFlag(t *testing.T) {
	for in, want := range map[string]models.Spec{
		"logistic": {Kind: models.KindLogistic},
		"mlp":      {Kind: models.KindMLP, Hidden: []int{16}},
		"mlp:32":   {Kind: models.KindMLP, Hidden: []int{32}},
	} {
		got, err := parseModelFlag(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestParseFractions(t *testing.T) {
	got, err := parseFractions("0.4, 0,0.1,0.2,0.3", 20)
	require.NoError(t, err)
	assert.Equal(t, []float64{0, 0.1, 0.2, 0.3, 0.4}, got, "sorted")
	for f, want := range map[float64]int{0: 0, 0.1: 2, 0.2: 4, 0.3: 6, 0.4: 8, 0.29: 5} {
		assert.Equal(t, want, maliciousSites(f, 20), "⌊%v·20⌋", f)
	}
	assert.Equal(t, 3, maliciousSites(0.3, 10), "0.3·10 is 3 despite binary floating point")
}

func robustAddr(i int) common.Address { return common.BytesToAddress([]byte{byte(i)}) }

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
	per, suspendedIn, honestSuspended := detection(rounds, malicious, honest)
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

	tpr, fpr := pooledRates([]robustRun{{Robust: true, Rounds: per}})
	assert.InDelta(t, 4.0/5, *tpr, 1e-12)
	assert.InDelta(t, 1.0/14, *fpr, 1e-12)
	tpr, fpr = pooledRates([]robustRun{{Robust: false, Rounds: per}})
	assert.Nil(t, tpr, "plain runs have no detection rates")
	assert.Nil(t, fpr)
}

func robustPtr[T any](v T) *T { return &v }

func TestStratifiedHoldout(t *testing.T) {
	var recs []records.Record
	for i := range 100 {
		label := 0.0
		if i%4 == 0 {
			label = 1 // 25% positive
		}
		recs = append(recs, records.Record{ID: fmt.Sprint(i), Label: label})
	}
	held, rest, err := stratifiedHoldout(recs, 20, 7)
	require.NoError(t, err)
	assert.Len(t, held, 20)
	assert.Len(t, rest, 80)
	assert.InDelta(t, 0.25, prevalence(held), 1e-12, "the root set keeps the label balance")
	ids := map[string]bool{}
	for _, r := range append(append([]records.Record(nil), held...), rest...) {
		assert.False(t, ids[r.ID], "record %s held out and kept", r.ID)
		ids[r.ID] = true
	}
	assert.Len(t, ids, 100)
	again, _, err := stratifiedHoldout(recs, 20, 7)
	require.NoError(t, err)
	assert.Equal(t, held, again, "deterministic by seed")
	other, _, err := stratifiedHoldout(recs, 20, 8)
	require.NoError(t, err)
	assert.NotEqual(t, held, other)
	_, _, err = stratifiedHoldout(recs, 60, 7)
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
	assert.Equal(t, 2, leastCorrelatedFeature(recs))
	assert.Equal(t, 0, leastCorrelatedFeature(nil))
}

func TestSummariseRobust(t *testing.T) {
	cfg := robustBenchConfig{sites: 10, rounds: 1, fractions: []float64{0, 0.2, 0.4}, attacks: []string{"scaling", "backdoor"}}
	round := func(am, fm, ah, fh int) []robustRoundFigures {
		return []robustRoundFigures{{Round: 1, ActiveMalicious: am, FlaggedMalicious: fm, ActiveHonest: ah, FlaggedHonest: fh, ScoreSeconds: 2, AggregateSeconds: 0.5, Participants: 10}}
	}
	bd := func(v float64) *float64 { return &v }
	var runs []robustRun
	for _, seed := range []int64{1, 2} {
		runs = append(runs,
			robustRun{Seed: seed, Attack: "none", Robust: false, Accuracy: 0.96, Rounds: round(0, 0, 10, 0)},
			robustRun{Seed: seed, Attack: "none", Robust: true, Accuracy: 0.955, Rounds: round(0, 0, 10, 0)},
			robustRun{Seed: seed, Attack: "scaling", Fraction: 0.2, Malicious: 2, Robust: true, Accuracy: 0.95, Rounds: round(2, 2, 8, 0)},
			robustRun{Seed: seed, Attack: "scaling", Fraction: 0.4, Malicious: 4, Robust: true, Accuracy: 0.90, Rounds: round(4, 3, 6, 1)},
			robustRun{Seed: seed, Attack: "backdoor", Fraction: 0.2, Malicious: 2, Robust: true, Accuracy: 0.95, BackdoorSuccess: bd(0.02 * float64(seed)), BackdoorRaw: bd(0.08), Rounds: round(2, 1, 8, 0),
				SuspendedInRound: []*uint32{robustPtr(uint32(3)), nil}},
			robustRun{Seed: seed, Attack: "backdoor", Fraction: 0.4, Malicious: 4, Robust: true, Accuracy: 0.95, BackdoorSuccess: bd(0.5), Rounds: round(4, 0, 6, 0)},
		)
	}
	rep := &robustReport{PerRun: runs}
	summariseRobust(rep, cfg)
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
		cfg := robustBenchConfig{sites: 10, rounds: 1, fractions: []float64{0, 0.2, 0.3}, attacks: []string{"alie"}}
		adaptive := append([]robustRun(nil), runs[:2]...)
		adaptive = append(adaptive,
			robustRun{Seed: 1, Attack: "alie", Fraction: 0.2, Malicious: 2, Robust: true, Accuracy: 0.93, Rounds: round(2, 0, 8, 0)},
			robustRun{Seed: 1, Attack: "alie", Fraction: 0.3, Malicious: 3, Robust: true, Accuracy: 0.90, Rounds: round(3, 0, 7, 0)})
		rep := &robustReport{PerRun: adaptive}
		summariseRobust(rep, cfg)
		assert.Equal(t, map[string]bool{
			"no attacker: robust costs at most 1 point against plain weighted averaging": true,
			"alie, 20% malicious: accuracy drop (points; detection not required)":        true,
			"alie, 30% malicious: accuracy drop (points; detection not required)":        false,
		}, targetVerdicts(rep), "2.5 points pass, 5.5 fail; TPR 0 is no failure")
	})
	t.Run("a backdoor that works fails its target", func(t *testing.T) {
		worse := append([]robustRun(nil), runs...)
		worse[4].BackdoorSuccess = bd(0.2)
		rep := &robustReport{PerRun: worse}
		summariseRobust(rep, cfg)
		assert.False(t, rep.AllPass)
	})
	t.Run("a failed study counts in no figure and fails its targets", func(t *testing.T) {
		failed := append([]robustRun(nil), runs...)
		failed = append(failed, robustRun{Seed: 3, Attack: "scaling", Fraction: 0.2, Malicious: 2, Robust: true, Error: "coordinator: round 2: stalled"})
		rep := &robustReport{PerRun: failed}
		summariseRobust(rep, cfg)
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

// targetVerdicts maps each target of rep to whether it passed.
func targetVerdicts(rep *robustReport) map[string]bool {
	verdicts := map[string]bool{}
	for _, tg := range rep.Targets {
		verdicts[tg.What] = tg.Pass
	}
	return verdicts
}

// TestBenchRobustStudyTimeout checks that a study that does not finish in
// time counts as a failed study, not as the end of the benchmark.
func TestBenchRobustStudyTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("starts studies")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	err := runBenchRobust(ctx, []string{"--data", wdbcData, "--schema", wdbcSchema, "--json", "--study-timeout", "1ms",
		"--sites", "4", "--seeds", "1", "--attacks", "sign-flip", "--fractions", "0,0.25", "--rounds", "1"}, &out, &progress)
	require.NoError(t, err, progress.String())
	var rep robustReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.PerRun, 3)
	for _, r := range rep.PerRun {
		assert.Contains(t, r.Error, "did not finish within --study-timeout 1ms")
	}
	assert.False(t, rep.AllPass)
	assert.Contains(t, progress.String(), "FAILED")
}

func TestParseRobustData(t *testing.T) {
	d, err := parseRobustData("a.csv,b.csv, c.csv", "s.json")
	require.NoError(t, err)
	assert.Equal(t, []string{"a.csv", "b.csv", "c.csv"}, d.files)
	d, err = parseRobustData("synthetic:unlike", "")
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
		_, err := parseRobustData(in[0], in[1])
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
	cfg := defaultRobustBench()
	cfg.source, cfg.sites = robustData{files: files}, 6
	sd, err := robustSeed(cfg, schema, 1)
	require.NoError(t, err)
	require.Len(t, sd.sites, 6)
	train := 0
	for _, s := range sd.sites {
		train += len(s.Train)
	}
	assert.Equal(t, 866-30, train, "FLamby's 866 training records less the root set")
	assert.Len(t, sd.root, 30)
	assert.Len(t, sd.test, 222, "every site's own test records")

	cfg.source, cfg.sites = robustData{synthetic: syntheticIID}, 5
	sd, err = robustSeed(cfg, records.Schema{}, 1)
	require.NoError(t, err)
	require.Len(t, sd.sites, 5)
	assert.InDelta(t, len(sd.sites[0].Train), len(sd.sites[4].Train), 12, "sites alike in size")
}
