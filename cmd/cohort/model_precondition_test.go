package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/models/export"
	"github.com/cohort-fl/cohort/records"
)

const tcgaSchemaFile = "../../examples/tcga-brca/schema.json"

// schemaWithoutGroups writes TCGA-BRCA's schema without its groups and
// returns its path.
func schemaWithoutGroups(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(tcgaSchemaFile)
	require.NoError(t, err)
	var schema map[string]any
	require.NoError(t, json.Unmarshal(raw, &schema))
	delete(schema, "groups")
	b, err := json.Marshal(schema)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "schema.json")
	require.NoError(t, os.WriteFile(path, b, 0o600))
	return path
}

// A researcher exports the model of an encrypted TCGA-BRCA study whose
// recipe preconditions the schema's one-hot groups, with a hospital's kept
// standardiser (checked against the chain): `cohort model predict` and the
// exported JSON alone score the hospitals' test records as the study
// evaluates them (the agreed standardiser, groups whitened, then the
// model).
func TestModelExportOfAPreconditionedStudyScoresAsInTraining(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	files := strings.Split(tcgaFiles(t), ",")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	raw, scales, err := records.LoadSites(files, tcgaSchemaFile, records.StandardisePooled, io.Discard)
	require.NoError(t, err)
	schema, err := records.LoadSchemaFile(tcgaSchemaFile)
	require.NoError(t, err)
	recipe, err := models.LoadRecipeFile("../../examples/tcga-brca/hazard-recipe.json")
	require.NoError(t, err)
	recipe.Rounds, recipe.Precondition = 2, models.PreconditionGroups
	groups, err := recipe.StandardiserGroups(&schema)
	require.NoError(t, err)
	w := wdbcStudy{files: files, sites: raw, recipe: recipe, dir: t.TempDir()}
	w.study, err = simulation.Run(ctx, simulation.Config{
		Hospitals: len(raw), Seed: 4, DataDir: w.dir, Sites: raw, Scales: scales, StandardiserGroups: groups, Recipe: &recipe,
	})
	require.NoError(t, err)
	t.Cleanup(w.study.Close)
	s := w.study
	require.NotNil(t, s.Standardiser())
	require.Len(t, s.Standardiser().Groups, 14)
	last := s.Rounds()[len(s.Rounds())-1]

	work := t.TempDir()
	modelBin, specFile := w.researcherFiles(t, work, last.ModelHash)
	kept := filepath.Join(s.Participants()[0].DataDir, "standardiser.json")
	cmd := modelCmd{dial: func(context.Context, string) (*contracts.Chain, error) { return s.Chain(), nil }, borrowed: true}
	exported := filepath.Join(work, "model.json")
	var out, errOut bytes.Buffer
	require.NoError(t, cmd.run(ctx, []string{"export", "--model", modelBin, "--spec", specFile, "--schema", tcgaSchemaFile, "--standardiser", kept,
		"--study", strconv.FormatUint(s.StudyID(), 10), "--eth-rpc", "simulated", "--contract", s.Ledger().Address().Hex(), "--out", exported}, &out, &errOut), errOut.String())

	// As the study evaluates: the agreed standardiser, then the model.
	m, err := models.New(recipe.Model, 0)
	require.NoError(t, err)
	require.NoError(t, m.SetParams(s.Result().FinalModel))
	testIDs := map[string]bool{}
	var test []records.Record
	for _, site := range raw {
		for _, r := range site.Test {
			testIDs[r.ID] = true
			test = append(test, r)
		}
	}
	standardised, err := s.Standardiser().Apply(test)
	require.NoError(t, err)
	X, _ := records.Matrix(standardised)
	risks, err := m.RiskScores(X)
	require.NoError(t, err)
	want := make(map[string]float64, len(test))
	for i, r := range test {
		want[r.ID] = risks[i]
	}

	newCSV := filepath.Join(work, "new.csv")
	writeRowsWithIDs(t, files, testIDs, newCSV)
	scoresCSV := filepath.Join(work, "scores.csv")
	require.Equal(t, 0, run(ctx, []string{"model", "predict", "--model", exported, "--data", newCSV, "--out", scoresCSV}, &out, &errOut), errOut.String())
	rows := readCSV(t, scoresCSV)
	require.Len(t, rows, len(test)+1)
	f, _, err := export.Read(exported)
	require.NoError(t, err)
	require.Len(t, f.Whitening, 14, "every group varies in these records")
	scoring, _, err := records.LoadFile(newCSV, schema, records.LoadOptions{Scoring: true})
	require.NoError(t, err)
	fromFile := make(map[string]float64, len(test))
	for _, r := range scoring.Test {
		fromFile[r.ID] = f.Score(r.Features)
	}
	for _, row := range rows[1:] {
		got, err := strconv.ParseFloat(row[1], 64)
		require.NoError(t, err)
		assert.InDelta(t, want[row[0]], got, 1e-9, "record %s: model predict", row[0])
		assert.InDelta(t, want[row[0]], fromFile[row[0]], 1e-9, "record %s: the exported JSON alone", row[0])
	}
}

// `cohort demo --recipe` with a recipe that preconditions groups runs the
// study on the TCGA-BRCA regions with the schema's 14 groups in every
// hospital's standardiser; with a schema that declares none it is refused,
// saying what to declare.
func TestDemoPreconditionedRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	data := tcgaFiles(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	r, err := models.LoadRecipeFile("../../examples/tcga-brca/hazard-recipe.json")
	require.NoError(t, err)
	r.Rounds, r.Precondition = 1, models.PreconditionGroups
	b, err := json.Marshal(r)
	require.NoError(t, err)
	dir := t.TempDir()
	recipe := filepath.Join(dir, "recipe.json")
	require.NoError(t, os.WriteFile(recipe, b, 0o600))
	state := filepath.Join(dir, "state")
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"demo", "--data", data, "--schema", tcgaSchemaFile, "--recipe", recipe, "--data-dir", state}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	kept, err := filepath.Glob(filepath.Join(state, "*", "standardiser.json"))
	require.NoError(t, err)
	require.Len(t, kept, 6, "every hospital kept the standardiser")
	for _, k := range kept {
		std, _, err := export.ReadStandardiser(k)
		require.NoError(t, err)
		assert.Len(t, std.Groups, 14, k)
	}

	errOut.Reset()
	code = run(ctx, []string{"demo", "--data", data, "--schema", schemaWithoutGroups(t), "--recipe", recipe}, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), `precondition: "groups" needs one-hot groups declared in the schema`)
}
