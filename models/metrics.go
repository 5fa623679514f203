package models

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
)

// MaxEvaluationBytes bounds an evaluation's JSON as a member sends it:
// twice the largest Evaluate makes (every count at its most, about 23 KB).
// The JSON is signed as sent and kept so, so whitespace or fields a sender
// adds cannot be dropped, only refused.
const MaxEvaluationBytes = 64 << 10

// HistogramBins is the number of equal-width score bins over [0, 1] in the
// histograms built by Evaluate.
const HistogramBins = 1000

// logLossEps clips probabilities away from 0 and 1 in the log-loss.
const logLossEps = 1e-15

// MaxRecordLogLoss is the most one record adds to an Evaluation's
// LogLossSum: the loss of a probability clipped to logLossEps on the wrong
// side (1 − logLossEps rounds below 1, so the negative class's is the
// larger), about 34.54.
var MaxRecordLogLoss = max(-math.Log(logLossEps), -math.Log1p(-(1 - logLossEps)))

// logLossSlack allows for the rounding of N additions in LogLossSum.
const logLossSlack = 1e-9

// Evaluation holds statistics of a model's predictions on a set of labelled
// records that can be merged across sites: no per-record score is kept, only
// counts, a log-loss sum and per-class score histograms. A record is positive
// when its label is ≥ 0.5 and predicted positive when its probability is
// ≥ 0.5.
//
// An Evaluation is a value; Merge mutates its receiver and is not safe for
// concurrent use.
type Evaluation struct {
	// N is the number of records.
	N int `json:"n"`
	// Correct is the number of records classified correctly at threshold
	// 0.5. Like TruePos and TrueNeg it is what the histograms give
	// (decisionBin): Validate refuses an evaluation where it is not.
	Correct int `json:"correct"`
	// TruePos and TrueNeg split Correct into correctly classified positive
	// and negative records; BalancedAccuracy reads them.
	TruePos int `json:"true_pos"`
	TrueNeg int `json:"true_neg"`
	// LogLossSum is the summed binary cross-entropy (natural log), with
	// probabilities clipped to [1e-15, 1−1e-15].
	LogLossSum float64 `json:"log_loss_sum"`
	// Pos and Neg count the predicted probabilities of positive and negative
	// records in HistogramBins equal bins; bin i holds [i/B, (i+1)/B), the
	// last bin also holds 1.
	Pos []uint32 `json:"pos"`
	Neg []uint32 `json:"neg"`
	// Concordant and Comparable are Harrell's C-index pair counts of a
	// survival model (EvaluateSurvival): pairs within one site only, so
	// the merged C-index of several sites is that of their pairs pooled
	// (pairs across sites would need records to leave their sites).
	Concordant float64 `json:"concordant,omitempty"`
	Comparable float64 `json:"comparable,omitempty"`
}

// CIndex returns Concordant/Comparable, or 0.5 when no pair is comparable.
func (e Evaluation) CIndex() float64 {
	if e.Comparable == 0 {
		return 0.5
	}
	return e.Concordant / e.Comparable
}

// Evaluate computes the Evaluation of predicted probabilities against labels.
// Probabilities outside [0, 1] are clamped and NaN is treated as 0.5 (an
// uninformative score). It panics if len(probs) != len(labels), which is a
// programming error.
func Evaluate(probs, labels []float64) Evaluation {
	if len(probs) != len(labels) {
		panic(fmt.Sprintf("models: Evaluate got %d probabilities and %d labels", len(probs), len(labels)))
	}
	e := Evaluation{N: len(probs), Pos: make([]uint32, HistogramBins), Neg: make([]uint32, HistogramBins)}
	for i, p := range probs {
		p = clampProb(p)
		pos := labels[i] >= 0.5
		if (p >= 0.5) == pos {
			e.Correct++
			if pos {
				e.TruePos++
			} else {
				e.TrueNeg++
			}
		}
		q := min(max(p, logLossEps), 1-logLossEps)
		if pos {
			e.LogLossSum -= math.Log(q)
			e.Pos[bin(p)]++
		} else {
			e.LogLossSum -= math.Log1p(-q)
			e.Neg[bin(p)]++
		}
	}
	return e
}

func clampProb(p float64) float64 {
	if math.IsNaN(p) {
		return 0.5
	}
	return min(max(p, 0), 1)
}

func bin(p float64) int { return min(int(p*HistogramBins), HistogramBins-1) }

// decisionBin is the first bin of the probabilities predicted positive: the
// threshold 0.5 is a bin edge, and bin(p) ≥ decisionBin exactly when
// p ≥ 0.5 (p·1000 rounds to 500 only from p ≥ 0.5: the largest double below
// 0.5 gives 499.99999999999994), so the histograms fix how many records of
// each class were classified correctly.
const decisionBin = HistogramBins / 2

// classifiedRight reads from the histograms how many positive records
// scored at least 0.5 and negative records below it: the correct counts
// Evaluate makes from the same scores.
func (e Evaluation) classifiedRight() (truePos, trueNeg uint64) {
	for i := range e.Pos {
		if i >= decisionBin {
			truePos += uint64(e.Pos[i])
		}
	}
	for i := range e.Neg {
		if i < decisionBin {
			trueNeg += uint64(e.Neg[i])
		}
	}
	return truePos, trueNeg
}

// Merge adds o into e, so that e becomes the evaluation of the union of both
// record sets. The zero Evaluation merges with anything. It fails with
// ErrIncompatibleEvaluation, leaving e unchanged, if the histograms have
// different lengths or a count would overflow.
func (e *Evaluation) Merge(o Evaluation) error {
	if len(o.Pos) != len(o.Neg) || len(e.Pos) != len(e.Neg) {
		return fmt.Errorf("%w: positive and negative histograms differ in length", ErrIncompatibleEvaluation)
	}
	if len(e.Pos) == 0 && e.N == 0 {
		*e = Evaluation{N: e.N, Correct: e.Correct, TruePos: e.TruePos, TrueNeg: e.TrueNeg, LogLossSum: e.LogLossSum,
			Concordant: e.Concordant, Comparable: e.Comparable,
			Pos: make([]uint32, len(o.Pos)), Neg: make([]uint32, len(o.Neg))}
	}
	if len(o.Pos) == 0 && o.N == 0 {
		return nil
	}
	if len(e.Pos) != len(o.Pos) {
		return fmt.Errorf("%w: histograms of %d and %d bins; evaluate both with the same version of cohort", ErrIncompatibleEvaluation, len(e.Pos), len(o.Pos))
	}
	for i := range e.Pos {
		if uint64(e.Pos[i])+uint64(o.Pos[i]) > math.MaxUint32 || uint64(e.Neg[i])+uint64(o.Neg[i]) > math.MaxUint32 {
			return fmt.Errorf("%w: histogram bin %d would overflow", ErrIncompatibleEvaluation, i)
		}
	}
	for i := range e.Pos {
		e.Pos[i] += o.Pos[i]
		e.Neg[i] += o.Neg[i]
	}
	e.N += o.N
	e.Correct += o.Correct
	e.TruePos += o.TruePos
	e.TrueNeg += o.TrueNeg
	e.LogLossSum += o.LogLossSum
	e.Concordant += o.Concordant
	e.Comparable += o.Comparable
	return nil
}

// Accuracy returns Correct/N, or 0 for an empty evaluation.
func (e Evaluation) Accuracy() float64 {
	if e.N == 0 {
		return 0
	}
	return float64(e.Correct) / float64(e.N)
}

// Positives returns the number of positive records, read from the score
// histogram.
func (e Evaluation) Positives() int { return histTotal(e.Pos) }

// Negatives returns the number of negative records.
func (e Evaluation) Negatives() int { return histTotal(e.Neg) }

func histTotal(h []uint32) int {
	n := 0
	for _, c := range h {
		n += int(c)
	}
	return n
}

// BalancedAccuracy returns the mean of the true-positive rate TruePos/P and
// the true-negative rate TrueNeg/N (P and N the numbers of positive and
// negative records): the accuracy of a classifier on a set re-weighted to
// equal class sizes, which does not reward predicting the majority class.
// When one class is absent it returns the rate of the other (as
// scikit-learn does), and 0 for an empty evaluation.
func (e Evaluation) BalancedAccuracy() float64 {
	p, n := e.Positives(), e.Negatives()
	switch {
	case p > 0 && n > 0:
		return (float64(e.TruePos)/float64(p) + float64(e.TrueNeg)/float64(n)) / 2
	case p > 0:
		return float64(e.TruePos) / float64(p)
	case n > 0:
		return float64(e.TrueNeg) / float64(n)
	}
	return 0
}

// LogLoss returns the mean binary cross-entropy, or 0 for an empty
// evaluation.
func (e Evaluation) LogLoss() float64 {
	if e.N == 0 {
		return 0
	}
	return e.LogLossSum / float64(e.N)
}

// AUC returns the area under the ROC curve computed from the score
// histograms: the probability that a random positive scores in a higher bin
// than a random negative, counting pairs in the same bin as one half. It is
// within one bin width's worth of ranking error of the exact AUC (exact when
// no bin holds both classes with different scores). It returns 0.5 when
// either class is absent.
func (e Evaluation) AUC() float64 {
	var pos, neg float64
	for i := range e.Pos {
		pos += float64(e.Pos[i])
		neg += float64(e.Neg[i])
	}
	if pos == 0 || neg == 0 {
		return 0.5
	}
	var area, negBelow float64
	for i := range e.Pos {
		p, n := float64(e.Pos[i]), float64(e.Neg[i])
		area += p * (negBelow + n/2)
		negBelow += n
	}
	return area / (pos * neg)
}

// ExactAUC returns the exact area under the ROC curve of predicted
// probabilities against labels (positive when ≥ 0.5), ties counting one half,
// or 0.5 when either class is absent. Probabilities are clamped and NaN
// treated as 0.5, as in Evaluate. It panics if the lengths differ. Use it where per-record
// scores are available locally; Evaluation.AUC is its mergeable estimate.
func ExactAUC(scores, labels []float64) float64 {
	if len(scores) != len(labels) {
		panic(fmt.Sprintf("models: ExactAUC got %d scores and %d labels", len(scores), len(labels)))
	}
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	s := func(i int) float64 { return clampProb(scores[i]) }
	sort.SliceStable(idx, func(a, b int) bool { return s(idx[a]) < s(idx[b]) })
	var pos, neg, area, negBelow float64
	for i := 0; i < len(idx); {
		j := i
		var p, n float64
		for ; j < len(idx) && s(idx[j]) == s(idx[i]); j++ {
			if labels[idx[j]] >= 0.5 {
				p++
			} else {
				n++
			}
		}
		area += p * (negBelow + n/2)
		negBelow += n
		pos += p
		neg += n
		i = j
	}
	if pos == 0 || neg == 0 {
		return 0.5
	}
	return area / (pos * neg)
}

// ErrInconsistentEvaluation reports an Evaluation whose counts contradict
// each other, as a faulty or dishonest site might send.
var ErrInconsistentEvaluation = errors.New("models: inconsistent evaluation")

// ParseEvaluation decodes an evaluation as a hospital sends it now (the
// JSON of an Evaluation, true_pos and true_neg included) and validates it
// (Validate); an inconsistent one, or one without true_pos and true_neg,
// is refused with ErrInconsistentEvaluation.
func ParseEvaluation(b []byte) (Evaluation, error) {
	e, legacy, err := parseEvaluation(b)
	if err == nil && legacy {
		err = fmt.Errorf("%w: no true_pos and true_neg (the form of evaluations saved before 2026-11-21); send the evaluation Evaluate makes of the scores", ErrInconsistentEvaluation)
	}
	if err != nil {
		return Evaluation{}, err
	}
	return e, nil
}

// ParseSavedEvaluation decodes and validates an evaluation saved at any
// time, as an audit of an old study reads it: one saved before TruePos and
// TrueNeg existed (JSON with neither field; until 2026-11-21) has both
// derived from its histograms, which is what Validate holds them to, so
// its Correct is still checked against them. One with either field is
// checked as written, 0 included.
func ParseSavedEvaluation(b []byte) (Evaluation, error) {
	e, legacy, err := parseEvaluation(b)
	if err != nil {
		return Evaluation{}, err
	}
	if legacy {
		truePos, trueNeg := e.classifiedRight()
		if truePos > math.MaxInt32 || trueNeg > math.MaxInt32 {
			return Evaluation{}, fmt.Errorf("%w: histograms of %d true positives and %d true negatives", ErrInconsistentEvaluation, truePos, trueNeg)
		}
		e.TruePos, e.TrueNeg = int(truePos), int(trueNeg)
	}
	if err := e.Validate(); err != nil {
		return Evaluation{}, err
	}
	return e, nil
}

// parseEvaluation decodes an evaluation, tells whether it is of the form
// saved before TruePos and TrueNeg existed (neither field present), and
// validates one that is not.
func parseEvaluation(b []byte) (e Evaluation, legacy bool, err error) {
	if err := json.Unmarshal(b, &e); err != nil {
		return Evaluation{}, false, fmt.Errorf("models: evaluation does not decode: %w", err)
	}
	var present struct {
		TruePos *json.RawMessage `json:"true_pos"`
		TrueNeg *json.RawMessage `json:"true_neg"`
	}
	if err := json.Unmarshal(b, &present); err != nil {
		return Evaluation{}, false, fmt.Errorf("models: evaluation does not decode: %w", err)
	}
	if present.TruePos == nil && present.TrueNeg == nil {
		return e, true, nil
	}
	return e, false, e.Validate()
}

// Validate checks that e's counts are consistent: non-negative, histograms
// of HistogramBins bins that hold N records between them (or none, over no
// records), a log-loss sum between 0 and MaxRecordLogLoss per record, and
// TruePos, TrueNeg and Correct = TruePos + TrueNeg what the histograms give
// (classifiedRight), so the accuracy a sender reports is the one its own
// histograms show. Every field is the sender's choice: two evaluations that
// pass Validate merge unless a bin overflows, and their merge's loss is at
// most MaxRecordLogLoss.
func (e Evaluation) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrInconsistentEvaluation, fmt.Sprintf(format, a...))
	}
	switch {
	case e.N < 0 || e.Correct < 0 || e.TruePos < 0 || e.TrueNeg < 0:
		return bad("negative count")
	case e.Correct > e.N:
		return bad("%d correct of %d records", e.Correct, e.N)
	case !(e.LogLossSum >= 0 && e.LogLossSum <= float64(e.N)*MaxRecordLogLoss*(1+logLossSlack)):
		return bad("log-loss sum %v over %d records; each record's loss is at most %.4f", e.LogLossSum, e.N, MaxRecordLogLoss)
	case !(e.Concordant >= 0 && e.Concordant <= e.Comparable) || math.IsInf(e.Comparable, 0):
		return bad("%v concordant of %v comparable pairs", e.Concordant, e.Comparable)
	case e.Comparable > float64(e.N)*float64(e.N):
		return bad("%v comparable pairs among %d records", e.Comparable, e.N)
	case (e.N > 0 || len(e.Pos)+len(e.Neg) > 0) && (len(e.Pos) != HistogramBins || len(e.Neg) != HistogramBins):
		return bad("histograms of %d and %d bins, want %d (or none, over no records)", len(e.Pos), len(e.Neg), HistogramBins)
	}
	var pos, neg uint64
	for i := range e.Pos {
		pos += uint64(e.Pos[i])
	}
	for i := range e.Neg {
		neg += uint64(e.Neg[i])
	}
	if pos+neg != uint64(e.N) {
		return bad("histograms hold %d records, N is %d", pos+neg, e.N)
	}
	if truePos, trueNeg := e.classifiedRight(); uint64(e.TruePos) != truePos || uint64(e.TrueNeg) != trueNeg || uint64(e.Correct) != truePos+trueNeg {
		return bad("%d correct (%d true positives, %d true negatives), but its histograms give %d (%d positives scored at least 0.5, %d negatives below); send the evaluation Evaluate makes of the scores",
			e.Correct, e.TruePos, e.TrueNeg, truePos+trueNeg, truePos, trueNeg)
	}
	return nil
}
