package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/models/export"
	"github.com/cohort-fl/cohort/models/export/onnxrt"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// A researcher exports the last round's model of an encrypted WDBC study
// with pooled standardisation (checked against the chain), then scores the
// hospitals' own test records with `cohort model predict`: the metrics of
// those scores equal what the study recorded on chain for that round, and
// the exported JSON alone, evaluated in plain Go as its documentation says,
// gives the same scores.
func TestModelExportAndPredictReproduceTheStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	w := runWDBCStudy(ctx, t, records.StandardisePooled, 2)
	s, sites, files := w.study, w.sites, w.files
	last := s.Rounds()[len(s.Rounds())-1]

	t.Run("a researcher gets the round's model only if it matches the chain", func(t *testing.T) {
		client, err := s.Dial("researcher")
		require.NoError(t, err)
		got, err := participant.FetchRoundModel(ctx, s.Ledger(), client, s.StudyID(), 0, slog.New(slog.DiscardHandler))
		require.NoError(t, err)
		assert.Equal(t, last.Round, got.Round)
		assert.Equal(t, last.ModelHash, got.Hash)
		assert.Equal(t, s.Result().FinalModel, got.Params)

		got, err = participant.FetchRoundModel(ctx, s.Ledger(), client, s.StudyID(), 1, slog.New(slog.DiscardHandler))
		require.NoError(t, err)
		assert.Equal(t, s.Rounds()[0].ModelHash, got.Hash)

		_, err = participant.FetchRoundModel(ctx, s.Ledger(), tamperingClient{client}, s.StudyID(), 1, slog.New(slog.DiscardHandler))
		require.ErrorContains(t, err, "does not match the chain")
	})

	t.Run("the average of the last rounds' models is of verified models only", func(t *testing.T) {
		client, err := s.Dial("researcher")
		require.NoError(t, err)
		first, err := participant.FetchRoundModel(ctx, s.Ledger(), client, s.StudyID(), 1, slog.New(slog.DiscardHandler))
		require.NoError(t, err)
		avg, err := participant.FetchAveragedModel(ctx, s.Ledger(), client, s.StudyID(), 0, 2, slog.New(slog.DiscardHandler))
		require.NoError(t, err)
		assert.Equal(t, uint32(1), avg.First)
		assert.Equal(t, last.Round, avg.Last)
		assert.Equal(t, []common.Hash{s.Rounds()[0].ModelHash, last.ModelHash}, avg.Hashes)
		want := make([]float64, len(first.Params))
		for i := range want {
			want[i] = (first.Params[i] + s.Result().FinalModel[i]) / 2
		}
		assert.Equal(t, want, avg.Params, "the coefficient-wise mean of rounds 1 and 2")
		assert.NotEqual(t, s.Result().FinalModel, avg.Params)

		more, err := participant.FetchAveragedModel(ctx, s.Ledger(), client, s.StudyID(), 0, 5, slog.New(slog.DiscardHandler))
		require.NoError(t, err, "more rounds asked than closed: all of them")
		assert.Equal(t, avg, more)

		// The coordinator lies about round 1's model only: the average,
		// which would otherwise carry it silently, is refused.
		_, err = participant.FetchAveragedModel(ctx, s.Ledger(), tamperingOneClient{client, s.Rounds()[0].ModelHash}, s.StudyID(), 0, 2, slog.New(slog.DiscardHandler))
		require.ErrorContains(t, err, "round 1 model does not match the chain")
		_, err = participant.FetchAveragedModel(ctx, s.Ledger(), tamperingOneClient{client, s.Rounds()[0].ModelHash}, s.StudyID(), 0, 1, slog.New(slog.DiscardHandler))
		require.NoError(t, err, "K = 1 reads the last round's model only")
	})

	// What a researcher holds: the model from `cohort model get`, the
	// study's recipe and schema, and a hospital's kept standardiser.
	work := t.TempDir()
	modelBin, specFile := w.researcherFiles(t, work, last.ModelHash)
	kept := filepath.Join(s.Participants()[0].DataDir, "standardiser.json")

	cmd := modelCmd{dial: func(context.Context, string) (*contracts.Chain, error) { return s.Chain(), nil }, borrowed: true}
	exported := filepath.Join(work, "model.json")
	base := []string{"export", "--model", modelBin, "--spec", specFile, "--schema", wdbcSchema, "--standardiser", kept,
		"--study", strconv.FormatUint(s.StudyID(), 10), "--eth-rpc", "simulated", "--contract", s.Ledger().Address().Hex()}
	var out, errOut bytes.Buffer
	onnxFile := filepath.Join(work, "model.onnx")
	require.NoError(t, cmd.run(ctx, append(base, "--out", exported, "--onnx", onnxFile), &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "round 2: model "+last.ModelHash.Hex())
	assert.Contains(t, out.String(), "round 2: whether a second decryption set cross-checked the model is not on chain", "a hash on chain is not a checked decryption")

	// An earlier round's hash does not match the model.
	err := cmd.run(ctx, append(base, "--round", "1", "--out", filepath.Join(work, "x.json")), &out, &errOut)
	require.ErrorContains(t, err, "round 1 of study")

	// The model takes standardised features: exported without the study's
	// standardiser, or with another, it would score every record wrong.
	unstandardised := slices.Clone(base)
	unstandardised = slices.Delete(unstandardised, slices.Index(unstandardised, "--standardiser"), slices.Index(unstandardised, "--standardiser")+2)
	err = cmd.run(ctx, append(unstandardised, "--out", filepath.Join(work, "x.json")), &out, &errOut)
	require.ErrorContains(t, err, "give --standardiser")
	std, _, err := export.ReadStandardiser(kept)
	require.NoError(t, err)
	std.Mean[0]++
	enc, err := std.Encode()
	require.NoError(t, err)
	other := filepath.Join(work, "other-standardiser.json")
	require.NoError(t, os.WriteFile(other, enc, 0o600))
	withOther := slices.Clone(unstandardised)
	err = cmd.run(ctx, append(withOther, "--standardiser", other, "--out", filepath.Join(work, "x.json")), &out, &errOut)
	require.ErrorContains(t, err, "recorded standardiser")
	_, err = os.Stat(filepath.Join(work, "x.json"))
	require.ErrorIs(t, err, os.ErrNotExist, "a refused export wrote its file")

	// The hospitals' test records, as raw CSV rows: what they evaluated on.
	testIDs := map[string]bool{}
	for _, site := range sites {
		for _, r := range site.Test {
			testIDs[r.ID] = true
		}
	}
	newCSV := filepath.Join(work, "new.csv")
	writeRowsWithIDs(t, files, testIDs, newCSV)
	scoresCSV := filepath.Join(work, "scores.csv")
	errOut.Reset()
	require.Equal(t, 0, run(ctx, []string{"model", "predict", "--model", exported, "--data", newCSV, "--out", scoresCSV}, &out, &errOut), errOut.String())
	ids, scores, labels := readScores(t, scoresCSV)
	require.Len(t, scores, len(testIDs))

	onChain, err := s.Ledger().Round(ctx, s.StudyID(), last.Round)
	require.NoError(t, err)
	ev := models.Evaluate(scores, labels)
	t.Logf("predict: accuracy %.6f auc %.6f loss %.6f; chain: %.6f %.6f %.6f",
		ev.Accuracy(), ev.AUC(), ev.LogLoss(), onChain.Result.Accuracy, onChain.Result.AUC, onChain.Result.Loss)
	const unit = 1.0 / contracts.MetricUnit
	assert.InDelta(t, onChain.Result.Accuracy, ev.Accuracy(), unit)
	assert.InDelta(t, onChain.Result.AUC, ev.AUC(), unit)
	assert.InDelta(t, onChain.Result.Loss, ev.LogLoss(), unit)
	assert.Contains(t, errOut.String(), "study 1 round 2's model")

	// The exported JSON alone gives the same scores.
	f, _, err := export.Read(exported)
	require.NoError(t, err)
	schema, err := records.LoadSchemaFile(wdbcSchema)
	require.NoError(t, err)
	site, _, err := records.LoadFile(newCSV, schema, records.LoadOptions{Scoring: true})
	require.NoError(t, err)
	for i, r := range site.Test {
		require.Equal(t, ids[i], r.ID)
		// Gorgonia rounds a sigmoid above about 1 − 4e-9 to 1; otherwise
		// the two agree to rounding.
		assert.InDelta(t, scores[i], f.Score(r.Features), 1e-8, "record %s", r.ID)
	}

	// The ONNX file is the graph of the exported JSON and, run in
	// onnxruntime-web, gives the same scores on the hospitals' test records.
	graph, err := f.ONNX()
	require.NoError(t, err)
	written, err := os.ReadFile(onnxFile)
	require.NoError(t, err)
	assert.Equal(t, graph, written)
	if rt, err := onnxrt.Find("../.."); err != nil {
		t.Logf("the ONNX file's scores not checked here: %v", err)
	} else {
		rows := make([][]float64, len(site.Test))
		for i, r := range site.Test {
			rows[i] = r.Features
		}
		res, err := rt.Score(written, rows)
		require.NoError(t, err)
		require.Len(t, res.Scores, len(scores))
		for i := range scores {
			assert.InDelta(t, scores[i], res.Scores[i], 1e-8, "record %s: ONNX and predict", ids[i])
		}
		t.Logf("onnxruntime-web scored %d test records as predict did", len(scores))
	}

	// The raw model with its spec and standardiser scores the same.
	rawScores := filepath.Join(work, "raw.csv")
	require.Equal(t, 0, run(ctx, []string{"model", "predict", "--model", modelBin, "--spec", specFile, "--standardiser", kept,
		"--schema", wdbcSchema, "--data", newCSV, "--out", rawScores}, &out, &errOut), errOut.String())
	_, again, _ := readScores(t, rawScores)
	assert.Equal(t, scores, again)

	// A weight changed in the exported file is caught.
	f.Layers[0].Weights[0][0] += 0.01
	b, err := json.Marshal(f)
	require.NoError(t, err)
	tampered := filepath.Join(work, "tampered.json")
	require.NoError(t, os.WriteFile(tampered, b, 0o600))
	errOut.Reset()
	assert.Equal(t, 1, run(ctx, []string{"model", "predict", "--model", tampered, "--data", newCSV}, &out, &errOut))
	assert.Contains(t, errOut.String(), "the file was altered")
}

// wdbcStudy is an encrypted WDBC study of 3 hospitals, run to its end.
type wdbcStudy struct {
	study  *simulation.Study
	files  []string       // each hospital's CSV
	sites  []records.Site // as the study standardised them
	recipe models.Recipe
	dir    string // the simulation's data directory
}

// runWDBCStudy runs a WDBC study of rounds rounds that standardises as mode says.
func runWDBCStudy(ctx context.Context, t *testing.T, mode records.Standardisation, rounds int) wdbcStudy {
	t.Helper()
	needWDBC(t)
	w := wdbcStudy{files: writeSiteFiles(t, 3), dir: t.TempDir()}
	var scales []float64
	var err error
	w.sites, scales, err = records.LoadSites(w.files, wdbcSchema, mode, io.Discard)
	require.NoError(t, err)
	w.recipe = models.DefaultRecipe(len(scales))
	w.recipe.Rounds, w.recipe.Standardise = rounds, mode
	w.study, err = simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Seed: 3, DataDir: w.dir, Sites: w.sites, Scales: scales, Recipe: &w.recipe,
	})
	require.NoError(t, err)
	t.Cleanup(w.study.Close)
	return w
}

// researcherFiles writes to work what a researcher holds of the study: a
// round's model (by hash) as `cohort model get` writes it, and the recipe.
func (w wdbcStudy) researcherFiles(t *testing.T, work string, model common.Hash) (modelBin, specFile string) {
	t.Helper()
	store, err := coordinator.OpenStore(filepath.Join(w.dir, "coordinator"))
	require.NoError(t, err)
	blob, err := store.Get(model)
	require.NoError(t, err)
	modelBin, specFile = filepath.Join(work, "model.bin"), filepath.Join(work, "recipe.json")
	require.NoError(t, os.WriteFile(modelBin, blob, 0o600))
	specJSON, err := json.Marshal(w.recipe)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(specFile, specJSON, 0o600))
	return modelBin, specFile
}

// writeRowsWithIDs writes the header and the rows of files whose first
// column is in ids to path.
func writeRowsWithIDs(t *testing.T, files []string, ids map[string]bool, path string) {
	t.Helper()
	var header string
	var rows []string
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		header = lines[0]
		for _, l := range lines[1:] {
			if ids[strings.SplitN(l, ",", 2)[0]] {
				rows = append(rows, l)
			}
		}
	}
	require.NoError(t, os.WriteFile(path, []byte(header+"\n"+strings.Join(rows, "\n")+"\n"), 0o600))
}

// readScores reads the id,score,label CSV of `cohort model predict`.
func readScores(t *testing.T, path string) (ids []string, scores, labels []float64) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"id", "score", "label"}, rows[0])
	for _, r := range rows[1:] {
		s, err := strconv.ParseFloat(r[1], 64)
		require.NoError(t, err)
		l, err := strconv.ParseFloat(r[2], 64)
		require.NoError(t, err)
		require.False(t, math.IsNaN(s))
		ids, scores, labels = append(ids, r[0]), append(scores, s), append(labels, l)
	}
	return ids, scores, labels
}

// A Cox model scores records with its log-risk and a risk group split at
// the median (or at --risk-cut), in Gorgonia and from the exported JSON
// alone alike; with times and events known it prints the C-index.
func TestModelPredictCox(t *testing.T) {
	dir := t.TempDir()
	spec := models.Spec{Kind: models.KindCox, Features: 2}
	raw, err := json.Marshal(spec)
	require.NoError(t, err)
	_, canon, err := export.StudySpec(raw)
	require.NoError(t, err)
	m, err := models.New(spec, 7)
	require.NoError(t, err)
	f, err := export.New(spec, canon, m.Params())
	require.NoError(t, err)
	assert.Equal(t, "identity", f.Layers[len(f.Layers)-1].Activation)
	schema := records.Schema{ID: "pid", Label: "event", Time: "time", Numeric: []records.NumericColumn{{Name: "a"}, {Name: "b"}}}
	f.Schema = &schema
	b, err := json.Marshal(f)
	require.NoError(t, err)
	modelJSON := filepath.Join(dir, "cox.json")
	require.NoError(t, os.WriteFile(modelJSON, b, 0o600))
	data := filepath.Join(dir, "new.csv")
	require.NoError(t, os.WriteFile(data, []byte("pid,a,b,time,event\np1,0.5,1,3.2,1\np2,-1,0.2,5,0\np3,2,-0.5,1.1,1\np4,0,0,7,0\np5,1,1,2,1\n"), 0o600))

	out := filepath.Join(dir, "risk.csv")
	var stdout, stderr strings.Builder
	require.Equal(t, 0, run(context.Background(), []string{"model", "predict", "--model", modelJSON, "--data", data, "--out", out}, &stdout, &stderr), stderr.String())
	rows := readCSV(t, out)
	require.Equal(t, []string{"id", "risk", "risk_group", "time", "event"}, rows[0])
	X := [][]float64{{0.5, 1}, {-1, 0.2}, {2, -0.5}, {0, 0}, {1, 1}}
	want, err := m.RiskScores(X)
	require.NoError(t, err)
	median := append([]float64(nil), want...)
	slices.Sort(median)
	for i, r := range rows[1:] {
		got, err := strconv.ParseFloat(r[1], 64)
		require.NoError(t, err)
		assert.InDelta(t, want[i], got, 1e-12)
		assert.InDelta(t, want[i], f.Score(X[i]), 1e-12, "the exported JSON alone")
		assert.Equal(t, map[bool]string{true: "high", false: "low"}[want[i] > median[2]], r[2], r[0])
	}
	cindex := models.CIndex(want, []float64{3.2, 5, 1.1, 7, 2}, []float64{1, 0, 1, 0, 1})
	assert.Contains(t, stderr.String(), fmt.Sprintf("C-index %.6f", cindex))
	assert.Contains(t, stderr.String(), "2 high risk")

	// A fixed cut below every risk puts every record in the high group.
	stderr.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"model", "predict", "--model", modelJSON, "--data", data, "--out", out, "--risk-cut", "-1e9"}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stderr.String(), "5 high risk")
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

// A study that standardises per hospital ("standardise": "site") trains on
// each hospital's features standardised by its own statistics, which no
// hospital keeps and the chain does not record. Its export went through
// ("match the chain") and the file scored the hospitals' own test records
// at accuracy 0.37 and AUC 0.50 where the chain recorded 0.98 (2 rounds,
// 2026-12-07); now export and predict refuse it, saying what to do, with
// or without a standardiser, and write nothing.
func TestModelExportRefusesASiteStandardisedStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	w := runWDBCStudy(ctx, t, records.StandardiseSite, 1)
	s, files, features := w.study, w.files, w.recipe.Model.Features
	study, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	require.Zero(t, study.StandardiserHash, "the chain records no standardiser for a site study")

	work := t.TempDir()
	modelBin, specFile := w.researcherFiles(t, work, s.Rounds()[0].ModelHash)
	// A standardiser of one hospital's records, as someone might make one.
	raw, _, err := records.LoadSites(files[:1], wdbcSchema, records.StandardisePooled, io.Discard)
	require.NoError(t, err)
	m, err := records.TrainMoments(raw[0], features)
	require.NoError(t, err)
	own, err := records.NewStandardiser(m)
	require.NoError(t, err)
	enc, err := own.Encode()
	require.NoError(t, err)
	ownFile := filepath.Join(work, "hospital-1-standardiser.json")
	require.NoError(t, os.WriteFile(ownFile, enc, 0o600))

	cmd := modelCmd{dial: func(context.Context, string) (*contracts.Chain, error) { return s.Chain(), nil }, borrowed: true}
	exported := filepath.Join(work, "model.json")
	base := []string{"export", "--model", modelBin, "--spec", specFile, "--schema", wdbcSchema, "--out", exported,
		"--study", strconv.FormatUint(s.StudyID(), 10), "--eth-rpc", "simulated", "--contract", s.Ledger().Address().Hex()}
	for _, args := range [][]string{base, append(slices.Clone(base), "--standardiser", ownFile)} {
		var out, errOut bytes.Buffer
		err := cmd.run(ctx, args, &out, &errOut)
		require.ErrorIs(t, err, export.ErrSiteStandardised)
		assert.ErrorContains(t, err, `"standardise": "site"`)
		assert.ErrorContains(t, err, `export the model of a study that standardises "pooled"`)
	}
	_, err = os.Stat(exported)
	require.ErrorIs(t, err, os.ErrNotExist, "a refused export wrote its file")

	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run(ctx, []string{"model", "predict", "--model", modelBin, "--spec", specFile, "--standardiser", ownFile,
		"--schema", wdbcSchema, "--data", files[0]}, &out, &errOut))
	assert.Contains(t, errOut.String(), `"standardise": "site"`)
}
