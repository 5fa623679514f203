package main

import (
	"bytes"
	"context"
	"io"
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
