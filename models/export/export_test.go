package export

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// An exported model reads back as itself, scores a record as the Gorgonia
// model does, and refuses a file whose weights were altered.
func TestExportRoundTripAndTamper(t *testing.T) {
	spec := models.Spec{Kind: models.KindMLP, Features: 3, Hidden: []int{4}}
	raw, err := json.Marshal(spec)
	require.NoError(t, err)
	gotSpec, canon, err := StudySpec(raw)
	require.NoError(t, err)
	require.Equal(t, spec.Features, gotSpec.Features)
	m, err := models.New(spec, 3)
	require.NoError(t, err)
	f, err := New(spec, canon, m.Params())
	require.NoError(t, err)
	assert.Equal(t, m.Params(), f.Params(), "the layers flatten back to the parameters")

	path := filepath.Join(t.TempDir(), "model.json")
	b, err := json.Marshal(f)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o600))
	back, _, err := Read(path)
	require.NoError(t, err)
	x := []float64{0.3, -1.2, 2}
	want, err := m.Predict([][]float64{x})
	require.NoError(t, err)
	assert.InDelta(t, want[0], back.Score(x), 1e-9, "the file alone scores as the model does")
	assert.Equal(t, back.Score([]float64{math.NaN(), -1.2, 2}), back.Score([]float64{0, -1.2, 2}), "a missing value counts as 0")

	f.Layers[0].Weights[0][0] += 1e-6
	b, err = json.Marshal(f)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o600))
	_, _, err = Read(path)
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, err.Error(), "altered")
}

// A logistic-hazard model exports with its interval ends: the file alone
// scores a record as the model's risk (its log cumulative hazard), Check
// refuses other intervals, and the ONNX form says it does not exist yet.
func TestExportLogisticHazard(t *testing.T) {
	for _, hidden := range [][]int{nil, {5}} {
		spec := models.Spec{Kind: models.KindLogisticHazard, Features: 3, Hidden: hidden, Intervals: []float64{1, 2, 4, 7}}
		raw, err := json.Marshal(spec)
		require.NoError(t, err)
		_, canon, err := StudySpec(raw)
		require.NoError(t, err)
		m, err := models.New(spec, 5)
		require.NoError(t, err)
		f, err := New(spec, canon, m.Params())
		require.NoError(t, err)
		assert.Equal(t, 3+3, f.Layers[0].Inputs, "the features, then an indicator per interval after the first")
		assert.Equal(t, "identity", f.Layers[len(f.Layers)-1].Activation)

		path := filepath.Join(t.TempDir(), "hazard.json")
		b, err := json.Marshal(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, b, 0o600))
		back, _, err := Read(path)
		require.NoError(t, err)
		for _, x := range [][]float64{{0.3, -1.2, 2}, {-2, 0.5, 0}, {1, 1, 1}} {
			want, err := m.RiskScores([][]float64{x})
			require.NoError(t, err)
			assert.InDelta(t, want[0], back.Score(x), 1e-9, "hidden %v: the file alone scores as the model does", hidden)
		}

		back.Intervals = []float64{1, 2, 4, 8}
		_, err = back.Check()
		require.ErrorIs(t, err, ErrInvalid)
		_, err = f.ONNX()
		require.ErrorIs(t, err, ErrInvalid)
		assert.ErrorContains(t, err, "no ONNX form yet")
	}
}

// A study whose recipe standardises nothing trained on the features as
// they are: a standardiser attached to its model would score every record
// wrong, and the chain records none to check it against, so it is
// refused; the same standardiser goes with a pooled study's model.
func TestExportRefusesAStandardiserForAStudyWithoutOne(t *testing.T) {
	std := records.Standardiser{Mean: []float64{1, 2, 3}, Scale: []float64{1, 1, 2}}
	enc, err := std.Encode()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "standardiser.json")
	require.NoError(t, os.WriteFile(path, enc, 0o600))
	for _, tc := range []struct {
		mode    records.Standardisation
		refused bool
	}{{records.StandardiseNone, true}, {records.StandardisePooled, false}} {
		r := models.DefaultRecipe(3)
		r.Standardise = tc.mode
		canon, err := r.Canonical()
		require.NoError(t, err)
		m, err := models.New(r.Model, 1)
		require.NoError(t, err)
		f, err := New(r.Model, canon, m.Params())
		require.NoError(t, err)
		err = f.Attach("", path)
		if tc.refused {
			require.ErrorContains(t, err, `"standardise": "none"`)
			require.ErrorContains(t, err, "drop --standardiser")
			continue
		}
		require.NoError(t, err)
	}
}
