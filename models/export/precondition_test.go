package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// A preconditioned study's model scores a raw record alike in training
// (the standardiser's Apply, then the model), from the exported file alone
// (its documented whitening blocks), through `cohort model predict`
// (Score) and as ONNX; a file whose whitening is not its standardiser's is
// refused.
func TestExportedPreconditionedModelScoresAsInTraining(t *testing.T) {
	plain := records.Standardiser{Mean: []float64{50, 0.2, 0.3, 0.4}, Scale: []float64{10, 0.4, math.Sqrt(0.21), math.Sqrt(0.24)}}
	std, err := plain.WithGroups([][]int{{1, 2, 3}})
	require.NoError(t, err)
	enc, err := std.Encode()
	require.NoError(t, err)
	stdPath := filepath.Join(t.TempDir(), "standardiser.json")
	require.NoError(t, os.WriteFile(stdPath, enc, 0o600))

	spec := models.Spec{Kind: models.KindMLP, Features: 4, Hidden: []int{5}}
	raw, err := json.Marshal(spec)
	require.NoError(t, err)
	spec, canon, err := StudySpec(raw)
	require.NoError(t, err)
	m, err := models.New(spec, 11)
	require.NoError(t, err)
	f, err := New(spec, canon, m.Params())
	require.NoError(t, err)
	require.NoError(t, f.Attach("", stdPath))
	require.Len(t, f.Whitening, 1, "the file spells out the group's whitening")
	assert.Equal(t, crypto.Keccak256Hash(enc), f.StandardiserHash)

	path := filepath.Join(t.TempDir(), "model.json")
	write := func(f *File) {
		b, err := json.Marshal(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, b, 0o600))
	}
	write(f)
	back, spec, err := Read(path)
	require.NoError(t, err)

	recs := []records.Record{
		{ID: "a", Features: []float64{61, 1, 0, 0}, Label: 1},
		{ID: "b", Features: []float64{45, 0, 0, 1}, Label: 0},
		{ID: "c", Features: []float64{70, 0, 0, 0}, Label: 1},
		{ID: "d", Features: []float64{38, 0, 1, 0}, Label: 0},
		{ID: "e", Features: []float64{52, math.NaN(), 1, 0}, Label: 1},
	}
	trained, err := std.Apply(recs)
	require.NoError(t, err)
	X, _ := records.Matrix(trained)
	want, err := m.Predict(X)
	require.NoError(t, err)
	unwhitened, err := plain.Apply(recs)
	require.NoError(t, err)
	Xu, _ := records.Matrix(unwhitened)
	wrong, err := m.Predict(Xu)
	require.NoError(t, err)

	scored, err := Score(back, spec, recs, nil)
	require.NoError(t, err)
	rows, err := csv.NewReader(bytes.NewReader(scored.CSV)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(recs)+1)
	var rawRows [][]float64
	for i, r := range recs {
		rawRows = append(rawRows, r.Features)
		assert.InDelta(t, want[i], back.Score(r.Features), 1e-12, "record %s: the file alone", r.ID)
		predicted, err := strconv.ParseFloat(rows[i+1][1], 64)
		require.NoError(t, err)
		assert.InDelta(t, want[i], predicted, 1e-12, "record %s: model predict", r.ID)
	}
	assert.Greater(t, math.Abs(want[0]-wrong[0]), 1e-6, "the check can fail: without the whitening record a scores otherwise")

	got := scoreONNX(t, mustONNX(t, back), rawRows)
	for i := range recs {
		assert.InDelta(t, want[i], got[i], 1e-12, "record %d: ONNX", i)
	}

	tampered := *back
	tampered.Whitening = []records.WhiteningBlock{{Columns: back.Whitening[0].Columns, InverseFactor: [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}}
	write(&tampered)
	_, _, err = Read(path)
	require.ErrorIs(t, err, ErrInvalid)
	assert.Contains(t, err.Error(), "the whitening is not what the standardiser's groups and means give")
	tampered.Whitening = nil
	write(&tampered)
	_, _, err = Read(path)
	require.ErrorIs(t, err, ErrInvalid, "a file that leaves the whitening out would score every record wrong")
}

func mustONNX(t *testing.T, f *File) []byte {
	t.Helper()
	b, err := f.ONNX()
	require.NoError(t, err)
	return b
}
