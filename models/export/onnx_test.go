package export

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/models/export/onnxrt"
	"github.com/cohort-fl/cohort/records"
)

// scoreONNX scores rows with the graph in onnxruntime-web, or skips the
// test when node or the package is missing.
func scoreONNX(t *testing.T, model []byte, rows [][]float64) []float64 {
	t.Helper()
	rt, err := onnxrt.Find("../..")
	if err != nil {
		t.Skip(err.Error())
	}
	res, err := rt.Score(model, rows)
	require.NoError(t, err)
	assert.Equal(t, []string{ONNXInput}, res.Inputs)
	assert.Equal(t, []string{ONNXOutput}, res.Outputs)
	assert.Equal(t, []int{len(rows), 1}, res.Dims)
	return res.Scores
}

// The ONNX export, run in onnxruntime-web, scores records as the exported
// JSON does in plain Go and as the Gorgonia model does: a classifier with
// a pooled standardiser and missing values, and a Cox model.
func TestONNXScoresAsTheModel(t *testing.T) {
	rows := [][]float64{{0.3, -1.2, 2}, {5, 0, -3}, {math.NaN(), 1, 1}, {-0.7, math.NaN(), 12.5}}
	for _, spec := range []models.Spec{
		{Kind: models.KindMLP, Features: 3, Hidden: []int{8, 4}},
		{Kind: models.KindCox, Features: 3},
	} {
		raw, err := json.Marshal(spec)
		require.NoError(t, err)
		spec, canon, err := StudySpec(raw)
		require.NoError(t, err)
		m, err := models.New(spec, 7)
		require.NoError(t, err)
		f, err := New(spec, canon, m.Params())
		require.NoError(t, err)
		f.Standardiser = &records.Standardiser{Mean: []float64{1, -0.5, 3}, Scale: []float64{2, 0.25, 4}}
		f.ChainID, f.StudyID, f.Round, f.Contract = 1337, 4, 2, common.Address{9}

		model, err := f.ONNX()
		require.NoError(t, err)
		got := scoreONNX(t, model, rows)
		require.Len(t, got, len(rows))
		std := make([][]float64, len(rows))
		for i, r := range rows {
			want := f.Score(r)
			assert.InDelta(t, want, got[i], 1e-12, "%s record %d: ONNX %v, JSON %v", spec.Kind, i, got[i], want)
			for j, v := range r {
				if math.IsNaN(v) {
					std[i] = append(std[i], 0)
				} else {
					std[i] = append(std[i], (v-f.Standardiser.Mean[j])/f.Standardiser.Scale[j])
				}
			}
		}
		if spec.Kind != models.KindCox {
			want, err := m.Predict(std)
			require.NoError(t, err)
			for i := range rows {
				assert.InDelta(t, want[i], got[i], 1e-8, "record %d: ONNX and Gorgonia", i)
			}
		}
		t.Logf("%s: ONNX scores %v", spec.Kind, got)
	}
}
