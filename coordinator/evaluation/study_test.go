package evaluation

// study_test.go runs each harness's studies at their smallest, through the
// package's API (the `cohort bench` commands are flags around it).

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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

const (
	wdbcData   = "../../../shared/data/wdbc/wdbc.csv"
	wdbcSchema = "../../examples/wdbc/schema.json"
	tcgaDir    = "../../../shared/data/tcga-brca"
)

func needWDBC(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(wdbcData); err != nil {
		t.Skipf("the WDBC data set is not next to the repository: %v", err)
	}
}

// tcgaFiles returns the six regions' files, or skips.
func tcgaFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for i := range 6 {
		f := filepath.Join(tcgaDir, "region"+string(rune('0'+i))+".csv")
		if _, err := os.Stat(f); err != nil {
			t.Skipf("TCGA-BRCA is not next to the repository: %v", err)
		}
		files = append(files, f)
	}
	return files
}

// jsonRoundTrip gives rep back as its JSON decodes, as `--json` prints it.
func jsonRoundTrip[T any](t *testing.T, rep *T) *T {
	t.Helper()
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var out T
	require.NoError(t, json.Unmarshal(b, &out))
	return &out
}

// robustShortConfig is the robustness benchmark at its smallest: 4 sites,
// one seed, one attack, one share of attackers.
func robustShortConfig(t *testing.T, rounds int) RobustConfig {
	t.Helper()
	cfg := DefaultRobustConfig()
	source, err := ParseRobustData(wdbcData, wdbcSchema)
	require.NoError(t, err)
	cfg.Data, cfg.Schema, cfg.Source = wdbcData, wdbcSchema, source
	cfg.Sites, cfg.Seeds, cfg.Rounds = 4, 1, rounds
	cfg.Attacks, cfg.Fractions = []string{"sign-flip"}, []float64{0, 0.25}
	return cfg
}

// TestRobustShort runs the robustness benchmark at its smallest, 2 rounds;
// `cohort bench robust` with the defaults is the measurement.
func TestRobustShort(t *testing.T) {
	if testing.Short() {
		t.Skip("runs encrypted studies")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var progress bytes.Buffer
	got, err := Robust(ctx, robustShortConfig(t, 2), &progress)
	require.NoError(t, err, progress.String())
	panels, err := RobustPlots(got)
	assert.Contains(t, drawSVG(t, panels, err), "attackers flagged per round (TPR)")
	rep := *jsonRoundTrip(t, got)
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
	rep.WriteText(&table)
	for _, want := range []string{"sign-flip", "detection per round", "targets (issue 7):", "robust costs"} {
		assert.Contains(t, table.String(), want)
	}
}

// TestRobustWithCommittee runs the robustness benchmark's studies with a
// decryption committee, as it does by default beyond 30 sites (key
// generation among every one of 100 sites stalls): 6 sites, a committee of
// 3 chosen on chain and a threshold of 2, one sign-flipping site.
func TestRobustWithCommittee(t *testing.T) {
	if testing.Short() {
		t.Skip("runs encrypted studies")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cfg := robustShortConfig(t, 2)
	cfg.Sites, cfg.CommitteeSize, cfg.Fractions = 6, 3, []float64{0, 1.0 / 6}
	var progress bytes.Buffer
	rep, err := Robust(ctx, cfg, &progress)
	require.NoError(t, err, progress.String())
	assert.Equal(t, 3, rep.CommitteeSize)
	assert.Equal(t, 2, rep.Threshold, "a majority of the committee decrypts")
	require.Len(t, rep.PerRun, 3)
	for _, r := range rep.PerRun {
		assert.Empty(t, r.Error, "every study of the committee runs to its end")
		assert.Len(t, r.Rounds, 2)
		assert.Positive(t, r.CommitteeSelections, "the chain selected the study's committee")
	}
	assert.Greater(t, rep.Clean.Accuracy.Mean, 0.9)
	require.Len(t, rep.Robust, 1)
	assert.Greater(t, rep.Robust[0].Accuracy.Mean, 0.9, "robust aggregation holds under the attack")
	var table bytes.Buffer
	rep.WriteText(&table)
	assert.Contains(t, table.String(), "a decryption committee of 3 (threshold 2)")
}

// TestRobustStudyTimeout checks that a study that does not finish in time
// counts as a failed study, not as the end of the benchmark.
func TestRobustStudyTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("starts studies")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cfg := robustShortConfig(t, 1)
	cfg.StudyTimeout = time.Millisecond
	var progress bytes.Buffer
	rep, err := Robust(ctx, cfg, &progress)
	require.NoError(t, err, progress.String())
	require.Len(t, rep.PerRun, 3)
	for _, r := range rep.PerRun {
		assert.Contains(t, r.Error, "did not finish within --study-timeout 1ms")
	}
	assert.False(t, rep.AllPass)
	assert.Contains(t, progress.String(), "FAILED")
}

// TestLearnEpsilonShort runs one private study per budget beside the
// non-private one (one seed, two rounds), each scored by its final model
// and by the average of its two rounds' models; the README's figures come
// from the defaults.
func TestLearnEpsilonShort(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two encrypted studies")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cfg := DefaultLearnConfig()
	cfg.Data, cfg.Schema, cfg.Seeds, cfg.Rounds, cfg.Central.Epochs = wdbcData, wdbcSchema, 1, 2, 10
	cfg.Privacy = &LearnPrivacy{Epsilons: []float64{3, 8}, Delta: 1e-5, Clip: 1, Rate: 0.1, Epochs: 1, LR: 0.05, AverageLast: []int{1, 2}}
	var progress bytes.Buffer
	got, err := Learn(ctx, cfg, &progress)
	require.NoError(t, err, progress.String())
	panels, err := LearnPlots(got)
	assert.Contains(t, drawSVG(t, panels, err), "privacy budget ε")
	rep := jsonRoundTrip(t, got)
	require.Len(t, rep.Private, 4, "two budgets, each scored two ways")
	require.NotNil(t, rep.PrivateTraining)
	require.NotNil(t, rep.PrivateTraining.Privacy)
	s := rep.Private[0]
	assert.Equal(t, 3.0, s.Epsilon)
	assert.Greater(t, s.NoiseMultiplier, 0.5)
	p := rep.PerSeed[0].Private[0]
	assert.LessOrEqual(t, p.Spent, 3.0, "the noise is chosen so that the study stays within its budget")
	assert.Greater(t, p.Spent, 2.9, "and the smallest such noise")
	assert.Greater(t, p.Scores.Accuracy, 0.85, "a private model still learns WDBC")
	assert.Contains(t, progress.String(), "ε 3 (σ")
	avg := rep.PerSeed[0].Private[1]
	assert.Equal(t, 3.0, avg.Epsilon)
	assert.Equal(t, 2, avg.AverageLast)
	assert.Equal(t, p.Spent, avg.Spent, "the average is of the same study's models")
	assert.Contains(t, progress.String(), "ε 3, last 2 averaged (σ")
	assert.Equal(t, 8.0, rep.Private[2].Epsilon)
	assert.Less(t, rep.Private[2].NoiseMultiplier, s.NoiseMultiplier, "a larger budget needs less noise")
}

// naturalConfig is `cohort bench learn --recipe` of the recipe over files,
// one seed.
func naturalConfig(files []string, schema string, r models.Recipe) NaturalConfig {
	d := DefaultLearnConfig()
	return NaturalConfig{Files: files, Schema: schema, Sites: d.Sites, Skew: d.Skew, Recipe: r,
		Servers: []aggregation.FedOptConfig{r.Server}, CentralEpochs: r.Rounds * r.Local.Epochs, Seeds: 1}
}

// TestNaturalCoxOnTCGA runs the natural-split benchmark on the six
// TCGA-BRCA regions with a Cox model, encrypted, for a few rounds: every
// approach is scored by the C-index on the pooled test set and per region,
// and the figure has the survival curves by risk group.
func TestNaturalCoxOnTCGA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	files := tcgaFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r, err := models.LoadRecipeFile("../../examples/tcga-brca/recipe.json")
	require.NoError(t, err)
	r.Rounds = 4
	var progress bytes.Buffer
	got, err := Natural(ctx, naturalConfig(files, "../../examples/tcga-brca/schema.json", r), &progress)
	require.NoError(t, err, progress.String())
	panels, err := NaturalPlots(got)
	texts := drawSVG(t, panels, err)
	rep := jsonRoundTrip(t, got)
	assert.Equal(t, []int{248, 156, 164, 129, 129, 40}, rep.TrainRecords, "FLamby's fixed split")
	assert.Equal(t, []int{63, 40, 42, 33, 33, 11}, rep.TestRecords)
	assert.True(t, rep.Encrypted)
	require.Len(t, rep.Summary, 4)
	names := []string{rep.Summary[0].Name, rep.Summary[1].Name, rep.Summary[2].Name, rep.Summary[3].Name}
	assert.Equal(t, []string{"pooled", "hospital alone", "federated fedavg", "personalised"}, names, "the recipe personalises")
	for _, s := range rep.Summary {
		require.Len(t, s.Sites, 6)
		assert.Equal(t, s.Pooled == nil, s.Name == "hospital alone" || s.Name == "personalised", "%s: only shared models are scored on the pooled test set", s.Name)
		assert.Greater(t, s.SiteMean.Mean, 0.55, "%s learns something", s.Name)
	}
	pooled, fed := rep.Summary[0], rep.Summary[2]
	assert.Greater(t, pooled.Pooled.Mean, 0.75)
	assert.InDelta(t, pooled.Pooled.Mean, fed.Pooled.Mean, 0.06, "four encrypted rounds come near pooled training")
	assert.Contains(t, texts, "federated Cox model: survival by risk group (pooled test records, seed 1)")
	assert.Contains(t, strings.Join(texts, "|"), "high risk")
}

// TestNaturalUnlikeSites splits WDBC into unlike sites, each with its own
// test records, and compares pooled, alone, federated and personalised.
func TestNaturalUnlikeSites(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r, err := models.LoadRecipeFile("../../examples/recipes/wdbc.json")
	require.NoError(t, err)
	r.Rounds, r.Personalise = 3, &models.Personalisation{Epochs: 2, LearningRate: 0.01}
	cfg := naturalConfig([]string{wdbcData}, wdbcSchema, r)
	cfg.Sites = 3
	var progress bytes.Buffer
	got, err := Natural(ctx, cfg, &progress)
	require.NoError(t, err, progress.String())
	rep := jsonRoundTrip(t, got)
	require.Len(t, rep.Hospitals, 3)
	total := 0
	for i := range rep.Hospitals {
		total += rep.TrainRecords[i] + rep.TestRecords[i]
		assert.Positive(t, rep.TestRecords[i], "every site has its own test records")
	}
	assert.Equal(t, 569, total, "every record is at one site")
	require.Len(t, rep.Summary, 4)
	assert.Equal(t, "personalised", rep.Summary[3].Name)
	assert.Nil(t, rep.Summary[3].Pooled, "a personalised model is scored on its hospital's records only")
	assert.Greater(t, rep.Summary[2].Pooled.Mean, 0.9, "federated AUC")
}

// averagePublished reads the last rounds' models back from the store by the
// hashes the rounds recorded: the last one alone is the final model, and
// two average coefficient-wise.
func TestAveragePublishedModels(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	study, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Rounds: 3, Seed: 4, DataDir: t.TempDir(), Plaintext: true, LocalConsent: true})
	require.NoError(t, err)
	t.Cleanup(study.Close)
	last, err := averagePublished(study, 1)
	require.NoError(t, err)
	assert.Equal(t, study.Result().FinalModel, last, "the last published model is the final one")

	rounds := study.Result().Rounds
	store, err := coordinator.OpenStore(study.StoreDir())
	require.NoError(t, err)
	var models2 [][]float64
	for _, r := range rounds[1:] {
		b, err := store.Get(r.ModelHash)
		require.NoError(t, err)
		p, err := models.DecodeParams(b)
		require.NoError(t, err)
		models2 = append(models2, p)
	}
	avg, err := averagePublished(study, 2)
	require.NoError(t, err)
	require.Len(t, avg, len(last))
	for i := range avg {
		assert.InDelta(t, (models2[0][i]+models2[1][i])/2, avg[i], 1e-12)
	}
	assert.NotEqual(t, models2[0], models2[1], "the two rounds' models differ, so the average is not either")
	all, err := averagePublished(study, 10)
	require.NoError(t, err, "more rounds asked than ran: all of them")
	assert.Len(t, all, len(last))
}

// TestValidationFoldHoldsOutTrainingRecords: a validation fold drops the
// test records and holds out every k-th training record, starting at the
// fold; the folds of one site partition its training records.
func TestValidationFoldHoldsOutTrainingRecords(t *testing.T) {
	site := records.Site{Name: "a", Test: []records.Record{{ID: "test"}}}
	for i := range 11 {
		site.Train = append(site.Train, records.Record{ID: fmt.Sprint(i)})
	}
	ids := func(rs []records.Record) (out []string) {
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	seen := map[string]int{}
	for fold := range 5 {
		got, err := validationFold([]records.Site{site}, 5, fold)
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.NotContains(t, ids(got[0].Test), "test", "the test split is never scored")
		assert.NotContains(t, ids(got[0].Train), "test")
		assert.Equal(t, len(site.Train), len(got[0].Train)+len(got[0].Test))
		for _, id := range ids(got[0].Test) {
			seen[id]++
			assert.NotContains(t, ids(got[0].Train), id, "a held-out record is not trained on")
		}
	}
	assert.Equal(t, []string{"2", "7"}, func() []string { g, _ := validationFold([]records.Site{site}, 5, 2); return ids(g[0].Test) }())
	assert.Len(t, seen, len(site.Train), "every training record is held out in one fold")
	for id, n := range seen {
		assert.Equal(t, 1, n, "record %s held out once", id)
	}
	assert.Len(t, site.Train, 11, "the input is not changed")

	_, err := validationFold([]records.Site{{Name: "small", Train: site.Train[:3]}}, 5, 4)
	assert.ErrorContains(t, err, "small: 3 training records make no 5 validation folds")
}

// With a noise schedule, bench learn fits round 1's noise multiplier so
// that the study's rounds together spend the budget: more than the
// constant σ of the same budget, and the smallest that fits.
func TestLearnPrivacyFitsTheNoiseScheduleToTheBudget(t *testing.T) {
	c := LearnPrivacy{Delta: 1e-5, Clip: 1, Rate: 1, Epochs: 1, LR: 4, Mechanism: models.MechanismDistributed, Rounds: 20}
	constant, err := c.trainConfig(models.TrainConfig{BatchSize: 8, Optimizer: models.OptimizerSGD}, 20, 6, 1)
	require.NoError(t, err)
	c.NoiseDecay = 0.9
	scheduled, err := c.trainConfig(models.TrainConfig{BatchSize: 8, Optimizer: models.OptimizerSGD}, 20, 6, 1)
	require.NoError(t, err)
	assert.InDelta(t, constant.Privacy.NoiseMultiplier*scheduled.Privacy.NoiseScheduleFactor(20), scheduled.Privacy.NoiseMultiplier, 1e-9)
	assert.Greater(t, scheduled.Privacy.NoiseMultiplier, 2*constant.Privacy.NoiseMultiplier, "round 1 takes more noise than the constant σ")
	spent, err := models.PrivacySpent(scheduled, 20)
	require.NoError(t, err)
	assert.LessOrEqual(t, spent, 1.0, "the schedule stays within its budget")
	assert.Greater(t, spent, 0.99, "and the smallest noise that does")
	c.Rate = 0.5
	_, err = c.trainConfig(models.TrainConfig{BatchSize: 8, Optimizer: models.OptimizerSGD}, 20, 6, 1)
	assert.ErrorIs(t, err, models.ErrInvalidTrainConfig, "a noise schedule with sampling")
}
