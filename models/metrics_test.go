package models_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cohort-fl/cohort/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvaluateHandComputed(t *testing.T) {
	tests := []struct {
		name      string
		probs     []float64
		labels    []float64
		accuracy  float64
		auc       float64
		logLoss   float64
		checkLoss bool
	}{
		{"distinct scores", []float64{0.1, 0.4, 0.35, 0.8}, []float64{0, 0, 1, 1}, 0.75, 0.75,
			-(math.Log(0.9) + math.Log(0.6) + math.Log(0.35) + math.Log(0.8)) / 4, true},
		// Pairs (pos, neg): (.5,.5)=½, (.5,.2)=1, (.9,.5)=1, (.9,.2)=1 → 3.5/4.
		{"tie across classes", []float64{0.5, 0.5, 0.2, 0.9}, []float64{1, 0, 0, 1}, 0.75, 0.875, 0, false},
		{"all tied", []float64{0.3, 0.3, 0.3}, []float64{1, 0, 1}, 1.0 / 3, 0.5, 0, false},
		{"perfect", []float64{0.9, 0.8, 0.2}, []float64{1, 1, 0}, 1, 1, 0, false},
		{"inverted", []float64{0.1, 0.2, 0.7}, []float64{1, 1, 0}, 0, 0, 0, false},
		{"one class", []float64{0.1, 0.9}, []float64{1, 1}, 0.5, 0.5, 0, false},
		{"clamped and NaN", []float64{-1, 2, math.NaN()}, []float64{0, 1, 1}, 1, 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := models.Evaluate(tt.probs, tt.labels)
			assert.Equal(t, len(tt.probs), e.N)
			assert.InDelta(t, tt.accuracy, e.Accuracy(), 1e-12)
			assert.InDelta(t, tt.auc, e.AUC(), 1e-12, "histogram AUC")
			assert.InDelta(t, tt.auc, models.ExactAUC(tt.probs, tt.labels), 1e-12, "exact AUC")
			if tt.checkLoss {
				assert.InDelta(t, tt.logLoss, e.LogLoss(), 1e-12)
			}
			assert.False(t, math.IsNaN(e.LogLoss()) || math.IsInf(e.LogLoss(), 0))
		})
	}

	empty := models.Evaluate(nil, nil)
	assert.Zero(t, empty.Accuracy())
	assert.Zero(t, empty.LogLoss())
	assert.Equal(t, 0.5, empty.AUC())
	assert.Panics(t, func() { models.Evaluate([]float64{1}, nil) })
}

func TestHistogramAUCCloseToExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	probs := make([]float64, 5000)
	labels := make([]float64, len(probs))
	for i := range probs {
		z := rng.NormFloat64()
		if rng.Float64() < 0.4 {
			labels[i] = 1
			z += 1.2
		}
		probs[i] = 1 / (1 + math.Exp(-z))
	}
	exact := models.ExactAUC(probs, labels)
	hist := models.Evaluate(probs, labels).AUC()
	t.Logf("exact %.5f histogram %.5f", exact, hist)
	assert.InDelta(t, exact, hist, 1e-3)
	assert.Greater(t, exact, 0.7)
}

func TestEvaluationMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	probs := make([]float64, 301)
	labels := make([]float64, len(probs))
	for i := range probs {
		probs[i] = rng.Float64()
		labels[i] = float64(rng.IntN(2))
	}
	whole := models.Evaluate(probs, labels)

	var merged models.Evaluation // the zero value merges with anything
	for _, cut := range [][2]int{{0, 100}, {100, 101}, {101, 301}} {
		require.NoError(t, merged.Merge(models.Evaluate(probs[cut[0]:cut[1]], labels[cut[0]:cut[1]])))
	}
	assert.Equal(t, whole.N, merged.N)
	assert.Equal(t, whole.Correct, merged.Correct)
	assert.Equal(t, whole.Pos, merged.Pos)
	assert.Equal(t, whole.Neg, merged.Neg)
	assert.InDelta(t, whole.LogLossSum, merged.LogLossSum, 1e-9)
	assert.Equal(t, whole.AUC(), merged.AUC())

	require.NoError(t, merged.Merge(models.Evaluation{}), "merging the zero value changes nothing")
	assert.Equal(t, whole.N, merged.N)

	odd := models.Evaluation{N: 1, Pos: make([]uint32, 10), Neg: make([]uint32, 10)}
	before := merged
	assert.ErrorIs(t, merged.Merge(odd), models.ErrIncompatibleEvaluation)
	assert.Equal(t, before.N, merged.N)

	full := models.Evaluate([]float64{0.95, 0.05}, []float64{1, 0})
	full.Pos[950] = math.MaxUint32
	acc := models.Evaluate([]float64{0.95, 0.05}, []float64{1, 0})
	assert.ErrorIs(t, acc.Merge(full), models.ErrIncompatibleEvaluation)
	assert.Equal(t, 2, acc.N, "unchanged after a failed merge")
	assert.Equal(t, uint32(1), acc.Neg[50], "unchanged after a failed merge")
}

func TestBalancedAccuracy(t *testing.T) {
	tests := []struct {
		name   string
		probs  []float64
		labels []float64
		want   float64
	}{
		// 3 positives, 1 found; 1 negative, found: (1/3 + 1)/2.
		{"majority guess is not rewarded", []float64{0.9, 0.2, 0.1, 0.3}, []float64{1, 1, 1, 0}, (1.0/3 + 1) / 2},
		{"all negative guesses on a skewed set", []float64{0.1, 0.1, 0.1, 0.1}, []float64{0, 0, 0, 1}, 0.5},
		{"perfect", []float64{0.9, 0.1}, []float64{1, 0}, 1},
		{"only positives: their recall", []float64{0.9, 0.2}, []float64{1, 1}, 0.5},
		{"only negatives: their specificity", []float64{0.9, 0.2, 0.1}, []float64{0, 0, 0}, 2.0 / 3},
		{"empty", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := models.Evaluate(tt.probs, tt.labels)
			assert.InDelta(t, tt.want, e.BalancedAccuracy(), 1e-12)
			assert.Equal(t, e.Correct, e.TruePos+e.TrueNeg)
		})
	}
}

func TestBalancedAccuracyMergesAndRoundTripsJSON(t *testing.T) {
	probs := []float64{0.9, 0.2, 0.1, 0.3, 0.7, 0.6, 0.4}
	labels := []float64{1, 1, 1, 0, 0, 1, 0}
	whole := models.Evaluate(probs, labels)
	var merged models.Evaluation
	for _, cut := range [][2]int{{0, 3}, {3, 7}} {
		part := models.Evaluate(probs[cut[0]:cut[1]], labels[cut[0]:cut[1]])
		b, err := json.Marshal(part) // as a participant sends it
		require.NoError(t, err)
		var decoded models.Evaluation
		require.NoError(t, json.Unmarshal(b, &decoded))
		require.NoError(t, merged.Merge(decoded))
	}
	assert.Equal(t, whole.TruePos, merged.TruePos)
	assert.Equal(t, whole.TrueNeg, merged.TrueNeg)
	// Positives 0.9, 0.2, 0.1, 0.6: two found; negatives 0.3, 0.7, 0.4: two found.
	assert.InDelta(t, (2.0/4+2.0/3)/2, merged.BalancedAccuracy(), 1e-12)

	// An evaluation encoded before true_pos/true_neg existed still decodes.
	var old models.Evaluation
	require.NoError(t, json.Unmarshal([]byte(`{"n":2,"correct":1,"log_loss_sum":0.5,"pos":[1],"neg":[1]}`), &old))
	assert.Equal(t, 2, old.N)
	assert.Zero(t, old.TruePos)
}

func TestEvaluationValidate(t *testing.T) {
	good := models.Evaluate([]float64{0.9, 0.2, 0.7, 0.4}, []float64{1, 0, 0, 1})
	require.NoError(t, good.Validate())
	require.NoError(t, models.Evaluation{}.Validate(), "an empty evaluation is consistent")
	tests := []struct {
		name string
		edit func(*models.Evaluation)
	}{
		{"more correct than records", func(e *models.Evaluation) { e.Correct = e.N + 1 }},
		{"negative count", func(e *models.Evaluation) { e.N = -1 }},
		{"true counts off", func(e *models.Evaluation) { e.TruePos += 5 }},
		{"NaN log loss", func(e *models.Evaluation) { e.LogLossSum = math.NaN() }},
		{"negative log loss", func(e *models.Evaluation) { e.LogLossSum = -1 }},
		{"short histogram", func(e *models.Evaluation) { e.Pos = e.Pos[:10] }},
		{"histograms disagree with N", func(e *models.Evaluation) { e.N++ }},
		{"log loss above the most per record", func(e *models.Evaluation) { e.LogLossSum = 1e300 }},
		{"infinite log loss", func(e *models.Evaluation) { e.LogLossSum = math.Inf(1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := good
			e.Pos, e.Neg = append([]uint32(nil), good.Pos...), append([]uint32(nil), good.Neg...)
			tt.edit(&e)
			require.ErrorIs(t, e.Validate(), models.ErrInconsistentEvaluation)
		})
	}
}

// The log-loss sum and the histograms' shape were the sender's free choice
// once non-negative, finite, and (over no records) unchecked: one
// evaluation could set any pooled loss, or make every merge fail. The
// worst honest evaluation (every record scored 0 or 1 on the wrong side)
// still validates, at one record and at many.
func TestEvaluationValidateBoundsLossAndHistograms(t *testing.T) {
	for _, n := range []int{1, 2, 100_000} {
		probs, labels := make([]float64, n), make([]float64, n)
		for i := range probs {
			if i%2 == 0 {
				probs[i], labels[i] = 1, 0
			} else {
				probs[i], labels[i] = 0, 1
			}
		}
		worst := models.Evaluate(probs, labels)
		require.NoError(t, worst.Validate(), "every record wrong at the clip, n=%d", n)
		assert.InDelta(t, models.MaxRecordLogLoss, worst.LogLoss(), 1e-3)
		worst.LogLossSum = float64(n) * models.MaxRecordLogLoss * (1 + 1e-6)
		require.ErrorIs(t, worst.Validate(), models.ErrInconsistentEvaluation, "a loss above the most per record, n=%d", n)
	}
	for name, e := range map[string]models.Evaluation{
		"one-bin histograms over no records":         {Pos: []uint32{0}, Neg: []uint32{0}},
		"one histogram over no records":              {Neg: make([]uint32, models.HistogramBins)},
		"a log loss over no records":                 {LogLossSum: 1},
		"full-length histograms of two lengths, N 0": {Pos: make([]uint32, models.HistogramBins), Neg: make([]uint32, models.HistogramBins+1)},
	} {
		require.ErrorIs(t, e.Validate(), models.ErrInconsistentEvaluation, name)
	}
	require.NoError(t, models.Evaluate(nil, nil).Validate(), "an evaluation of no records, as Evaluate makes it")
}

// The decision threshold, 0.5, falls exactly on a bin edge: Evaluate puts
// every probability of at least 0.5 in bin HistogramBins/2 or above and
// every smaller one below it, so an evaluation's correct counts are
// determined by its histograms. Checked at the doubles around 0.5, the
// clamped and NaN inputs, and many spread probabilities; a survival
// evaluation's histograms (σ of the log-risk against the event) are read
// alike.
func TestEvaluationCorrectIsReadFromItsHistograms(t *testing.T) {
	probs := []float64{0, 1, -3, 7, math.NaN(), math.Inf(1), math.Inf(-1), 0.5}
	for p, k := 0.5, 0; k < 2000; k++ {
		p = math.Nextafter(p, 0)
		probs = append(probs, p, 1-p)
	}
	for i := range 100_000 {
		probs = append(probs, float64(i)/100_000)
	}
	labels := make([]float64, len(probs))
	for i := range labels {
		labels[i] = float64(i % 2)
	}
	e := models.Evaluate(probs, labels)
	require.NoError(t, e.Validate())
	for i, p := range probs {
		one := models.Evaluate([]float64{p}, []float64{labels[i]})
		require.NoError(t, one.Validate(), "probability %v, label %v", p, labels[i])
	}
	risk := []float64{-2, 0, 1e-17, -1e-17, 3, 0.4}
	survival := models.EvaluateSurvival(risk, []float64{1, 2, 3, 4, 5, 6}, []float64{1, 0, 1, 0, 1, 1})
	require.NoError(t, survival.Validate())
}

// An evaluation's correct counts were the sender's word, checked only
// against N and its class sizes: a hospital whose model scored every
// record wrong could report them all right and move the pooled accuracy
// (and balanced accuracy) the chain records. They must now be what its
// histograms give.
func TestEvaluationValidateRefusesCorrectNotInItsHistograms(t *testing.T) {
	allWrong := models.Evaluate([]float64{0.1, 0.9, 0.2, 0.8}, []float64{1, 0, 1, 0})
	require.NoError(t, allWrong.Validate())
	require.Zero(t, allWrong.Correct)
	tests := map[string]func(*models.Evaluation){
		"all claimed right":                 func(e *models.Evaluation) { e.Correct, e.TruePos, e.TrueNeg = 4, 2, 2 },
		"all claimed right, no class split": func(e *models.Evaluation) { e.Correct = 4 },
		"one claimed right":                 func(e *models.Evaluation) { e.Correct, e.TruePos = 1, 1 },
	}
	right := models.Evaluate([]float64{0.9, 0.1, 0.6, 0.3}, []float64{1, 0, 0, 1})
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			e := allWrong
			edit(&e)
			err := e.Validate()
			require.ErrorIs(t, err, models.ErrInconsistentEvaluation)
			assert.Contains(t, err.Error(), "its histograms give")
		})
	}
	swapped := right
	swapped.TruePos, swapped.TrueNeg = right.TrueNeg+1, right.TruePos-1
	require.ErrorIs(t, swapped.Validate(), models.ErrInconsistentEvaluation, "the same correct count, split otherwise than the histograms")
}

// withoutFields is raw, an evaluation's JSON, with the named fields taken
// out, as JSON written before they existed.
func withoutFields(t *testing.T, raw []byte, fields ...string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &m))
	for _, f := range fields {
		delete(m, f)
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

// Evaluations saved before TruePos and TrueNeg existed (JSON with n,
// correct, log_loss_sum, pos and neg only) were refused by Validate, which
// found 0 true positives and negatives where the histograms give more, so
// an audit of an old study failed on records valid when written. A saved
// evaluation with neither field now has both derived from its histograms,
// its Correct still held to what they give; a field written as 0, or one
// of the two alone, is no legacy and is checked as written; and an
// evaluation sent now without them is refused naming them.
func TestSavedEvaluationBeforeTruePosIsRead(t *testing.T) {
	ev := models.Evaluate([]float64{0.9, 0.8, 0.3, 0.2, 0.6, 0.1}, []float64{1, 1, 0, 0, 0, 1})
	require.NotZero(t, ev.TruePos)
	require.NotZero(t, ev.TrueNeg)
	raw, err := json.Marshal(ev)
	require.NoError(t, err)
	legacy := withoutFields(t, raw, "true_pos", "true_neg", "concordant", "comparable")

	got, err := models.ParseSavedEvaluation(legacy)
	require.NoError(t, err, "an evaluation saved before true_pos and true_neg existed")
	assert.Equal(t, ev, got, "its counts derived from its histograms")
	_, err = models.ParseEvaluation(legacy)
	require.ErrorIs(t, err, models.ErrInconsistentEvaluation, "one sent now must carry them")
	assert.Contains(t, err.Error(), "true_pos and true_neg")

	for name, b := range map[string][]byte{
		"legacy with a correct count its histograms do not give": withoutFields(t, []byte(strings.Replace(string(raw), `"correct":4`, `"correct":5`, 1)), "true_pos", "true_neg"),
		"true_pos alone":      withoutFields(t, raw, "true_neg"),
		"true_neg alone":      withoutFields(t, raw, "true_pos"),
		"fields written as 0": []byte(strings.NewReplacer(fmt.Sprintf(`"true_pos":%d`, ev.TruePos), `"true_pos":0`, fmt.Sprintf(`"true_neg":%d`, ev.TrueNeg), `"true_neg":0`).Replace(string(raw))),
	} {
		_, err := models.ParseSavedEvaluation(b)
		assert.ErrorIs(t, err, models.ErrInconsistentEvaluation, name)
	}
	for _, parse := range []func([]byte) (models.Evaluation, error){models.ParseEvaluation, models.ParseSavedEvaluation} {
		got, err := parse(raw)
		require.NoError(t, err)
		assert.Equal(t, ev, got)
		_, err = parse([]byte(`{"n": `))
		require.Error(t, err)
	}
}

// The largest evaluation Evaluate makes, every count at its most, encodes
// to well under MaxEvaluationBytes, the most a coordinator takes.
func TestLargestEvaluationFitsMaxEvaluationBytes(t *testing.T) {
	e := models.Evaluation{N: math.MaxInt32, Correct: math.MaxInt32, TruePos: math.MaxInt32, TrueNeg: math.MaxInt32, LogLossSum: -math.MaxFloat64,
		Pos: make([]uint32, models.HistogramBins), Neg: make([]uint32, models.HistogramBins), Concordant: -math.MaxFloat64, Comparable: -math.MaxFloat64}
	for i := range e.Pos {
		e.Pos[i], e.Neg[i] = math.MaxUint32, math.MaxUint32
	}
	b, err := json.Marshal(e)
	require.NoError(t, err)
	t.Logf("the largest evaluation: %d bytes", len(b))
	assert.Less(t, 2*len(b), models.MaxEvaluationBytes, "%d bytes", len(b))
}
