package models_test

import (
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/models"
)

// Fuzz targets for the decoders of model bytes and evaluations that arrive
// over the network. Seed corpora live in testdata/fuzz/<Target>; regenerate
// them with
//
//	go test ./models -run TestFuzzSeedCorpus -update-fuzz-corpus

var updateFuzzCorpus = flag.Bool("update-fuzz-corpus", false, "rewrite the seed corpora in testdata/fuzz")

// FuzzDecodeParams checks that DecodeParams never panics, fails only with
// ErrEncoding, and that whatever it accepts encodes back to the same bytes
// bit for bit (the encoding is hashed and committed on chain).
func FuzzDecodeParams(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := models.DecodeParams(b)
		if err != nil {
			require.ErrorIs(t, err, models.ErrEncoding)
			return
		}
		require.Equal(t, b, models.EncodeParams(p))
	})
}

// FuzzEvaluationJSON reads evaluation bytes with the parsers the code uses
// (ParseEvaluation, as the coordinator reads a member's evaluation, and
// ParseSavedEvaluation, as an audit reads a saved one), merges what they
// accept into a real evaluation and reads every metric. Nothing may panic;
// what decodes is refused only as inconsistent; what is accepted has the
// correct counts its histograms give and survives a JSON round trip in the
// current form; what the coordinator accepts an audit reads the same; what
// only the audit accepts is the old form, with just TruePos and TrueNeg
// derived; and a failed merge leaves its receiver unchanged.
func FuzzEvaluationJSON(f *testing.F) {
	base := models.Evaluate([]float64{0.1, 0.9, 0.6, 0.3}, []float64{0, 1, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		var decoded models.Evaluation
		decodes := json.Unmarshal(b, &decoded) == nil
		current, currentErr := models.ParseEvaluation(b)
		saved, savedErr := models.ParseSavedEvaluation(b)
		for _, err := range []error{currentErr, savedErr} {
			if err != nil && decodes {
				require.ErrorIs(t, err, models.ErrInconsistentEvaluation, "%s", b)
			}
		}
		if currentErr == nil {
			require.NoError(t, savedErr, "the coordinator accepted what an audit refuses: %s", b)
			require.Equal(t, current, saved, "the coordinator and an audit read %s differently", b)
		}
		if savedErr != nil {
			mergeAnything(t, decoded, base, b)
			return
		}
		if currentErr != nil {
			// Only the form saved before TruePos and TrueNeg: the audit
			// fills in those two from the histograms and nothing else.
			legacy := decoded
			legacy.TruePos, legacy.TrueNeg = saved.TruePos, saved.TrueNeg
			require.Equal(t, legacy, saved, "the audit changed more than TruePos and TrueNeg of %s", b)
		}
		// Its correct counts are what its histograms give, so it reports
		// no accuracy of its own choosing.
		truePos, trueNeg := 0, 0
		for i := range saved.Pos {
			if i >= models.HistogramBins/2 {
				truePos += int(saved.Pos[i])
			} else {
				trueNeg += int(saved.Neg[i])
			}
		}
		require.Equal(t, []int{truePos, trueNeg, truePos + trueNeg}, []int{saved.TruePos, saved.TrueNeg, saved.Correct}, "correct counts not read from the histograms: %s", b)
		require.NoError(t, saved.Validate())

		// Saved again, it is in the current form: the coordinator accepts
		// it as it was read.
		again, err := json.Marshal(saved)
		require.NoError(t, err)
		back, err := models.ParseEvaluation(again)
		require.NoError(t, err, "re-encoded %s as %s", b, again)
		require.Equal(t, saved, back)

		// What is accepted merges with an honest evaluation, short of a
		// bin's overflow, and keeps the merged loss within the per-record
		// bound the chain's fits in: one member's evaluation cannot stop a
		// round's close.
		if saved.N < math.MaxUint32/2 {
			merged := cloneEvaluation(base)
			require.NoError(t, merged.Merge(saved), "an accepted evaluation must merge: %s", b)
			require.LessOrEqual(t, merged.LogLoss(), models.MaxRecordLogLoss*(1+1e-6))
		}
		mergeAnything(t, saved, base, b)
	})
}

// mergeAnything merges e into an empty and a real evaluation and reads
// every metric: a merge that fails must say so and leave its receiver
// unchanged, one that succeeds must give an AUC in [0, 1].
func mergeAnything(t *testing.T, e, base models.Evaluation, b []byte) {
	for _, into := range []models.Evaluation{{}, cloneEvaluation(base)} {
		before := cloneEvaluation(into)
		if err := into.Merge(e); err != nil {
			require.ErrorIs(t, err, models.ErrIncompatibleEvaluation)
			require.Equal(t, before, into, "a failed Merge must leave the receiver unchanged")
			continue
		}
		auc := into.AUC()
		require.True(t, auc >= 0 && auc <= 1, "AUC %v outside [0, 1] after merging %s", auc, b)
		_ = into.Accuracy()
		_ = into.BalancedAccuracy()
		_ = into.LogLoss()
	}
}

func cloneEvaluation(e models.Evaluation) models.Evaluation {
	e.Pos = append([]uint32(nil), e.Pos...)
	e.Neg = append([]uint32(nil), e.Neg...)
	return e
}

// TestFuzzSeedCorpus checks that the fuzz targets have seed corpora and,
// with -update-fuzz-corpus, rewrites them.
func TestFuzzSeedCorpus(t *testing.T) {
	params := map[string][]byte{
		"small":             models.EncodeParams([]float64{0.5, -1.25, 3}),
		"empty-vector":      models.EncodeParams(nil),
		"special-values":    models.EncodeParams([]float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), math.SmallestNonzeroFloat64}),
		"header-only":       models.EncodeParams([]float64{1})[:16],
		"short":             []byte("CPRM"),
		"bad-magic":         append([]byte("XPRM"), models.EncodeParams([]float64{1})[4:]...),
		"count-huge":        withCount(models.EncodeParams([]float64{1}), math.MaxUint64),
		"count-off-by-one":  withCount(models.EncodeParams([]float64{1, 2}), 3),
		"body-not-multiple": append(models.EncodeParams([]float64{1}), 0xff),
	}
	realEval, err := json.Marshal(models.Evaluate([]float64{0.05, 0.95, 0.5, 0.51, 0.2}, []float64{0, 1, 1, 0, 0}))
	require.NoError(t, err)
	// The form saved before TruePos and TrueNeg existed: only audits read it.
	legacyEval := regexp.MustCompile(`"true_(pos|neg)":\d+,`).ReplaceAll(realEval, nil)
	evaluations := map[string][]byte{
		"real":                     realEval,
		"saved-before-true-counts": legacyEval,
		"true-counts-null":         []byte(`{"n":0,"correct":0,"true_pos":null,"true_neg":null}`),
		"empty-object":             []byte(`{}`),
		"mismatched-hist":          []byte(`{"n":3,"correct":2,"pos":[1,2],"neg":[1]}`),
		"negative-counts":          []byte(`{"n":-5,"correct":9,"true_pos":-1,"log_loss_sum":-1e308,"pos":[0],"neg":[0]}`),
		"overflowing-bins":         []byte(`{"n":1,"pos":[4294967295],"neg":[4294967295]}`),
		"wrong-types":              []byte(`{"n":"three","pos":"x"}`),
		"huge-numbers":             []byte(`{"n":1e400,"log_loss_sum":1e400}`),
		"empty-histogram":          []byte(`{"pos":[]}`),
		"null-histograms":          []byte(`{"n":0,"pos":null,"neg":null}`),
		"not-json":                 []byte("\x00\xff{"),
		"nested-deep-array":        []byte(`{"pos":[[[[[[[[1]]]]]]]]}`),
	}
	corpora := map[string]map[string][]byte{"FuzzDecodeParams": params, "FuzzEvaluationJSON": evaluations}
	for target, seeds := range corpora {
		dir := filepath.Join("testdata", "fuzz", target)
		if !*updateFuzzCorpus {
			entries, err := os.ReadDir(dir)
			require.NoError(t, err, "seed corpus missing; run with -update-fuzz-corpus")
			require.NotEmpty(t, entries, target)
			continue
		}
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for name, b := range seeds {
			var sb strings.Builder
			sb.WriteString("go test fuzz v1\n")
			fmt.Fprintf(&sb, "[]byte(%q)\n", b)
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644))
		}
	}
}

func withCount(b []byte, n uint64) []byte {
	binary.LittleEndian.PutUint64(b[8:], n)
	return b
}
