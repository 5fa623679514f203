package export

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strconv"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// Scored is what a model said about a set of records: a CSV file (for a
// classifier id,score[,label]; for a Cox model id,risk,risk_group[,time,
// event]) and the figures that summarise it.
type Scored struct {
	CSV     []byte
	Records int
	// Classifiers: Labelled records, and their Evaluation when every record
	// is labelled.
	Labelled   int
	Evaluation *models.Evaluation
	// Cox models: the log-risk Cut above which a record is High risk, how
	// the cut was chosen, and Harrell's CIndex when every record's time and
	// event are Known.
	High   int
	Cut    float64
	CutHow string
	Known  int
	CIndex float64
}

// Score scores raw (not yet standardised) records with the file's model:
// it applies the file's standardiser, then the model. For a Cox model a
// record is in the high-risk group when its log-risk is above cut, or, with
// cut nil, above the median of these records' log-risks.
func Score(f *File, spec models.Spec, recs []records.Record, cut *float64) (*Scored, error) {
	var err error
	if f.Standardiser != nil {
		if recs, err = f.Standardiser.Apply(recs); err != nil {
			return nil, err
		}
	}
	m, err := models.New(spec, 0)
	if err != nil {
		return nil, err
	}
	if err := m.SetParams(f.Params()); err != nil {
		return nil, err
	}
	if spec.IsSurvival() {
		return scoreRisks(m, recs, cut)
	}
	X, y := records.Matrix(recs)
	probs, err := m.Predict(X)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	res := &Scored{Records: len(recs)}
	for _, l := range y {
		if !math.IsNaN(l) {
			res.Labelled++
		}
	}
	header := []string{"id", "score"}
	if res.Labelled > 0 {
		header = append(header, "label")
	}
	_ = w.Write(header)
	for i, r := range recs {
		row := []string{r.ID, strconv.FormatFloat(probs[i], 'g', -1, 64)}
		if res.Labelled > 0 {
			row = append(row, "")
			if !math.IsNaN(y[i]) {
				row[2] = strconv.FormatFloat(y[i], 'g', -1, 64)
			}
		}
		_ = w.Write(row)
	}
	w.Flush()
	res.CSV = buf.Bytes()
	if res.Labelled == len(recs) && res.Labelled > 0 {
		ev := models.Evaluate(probs, y)
		res.Evaluation = &ev
	}
	return res, nil
}

// scoreRisks scores records with a Cox model: log-risk and risk group.
func scoreRisks(m *models.Model, recs []records.Record, cut *float64) (*Scored, error) {
	X, events := records.Matrix(recs)
	times := records.Times(recs)
	risk, err := m.RiskScores(X)
	if err != nil {
		return nil, err
	}
	res := &Scored{Records: len(recs), CutHow: "the given cut"}
	if cut != nil {
		res.Cut = *cut
	} else if len(risk) > 0 {
		sorted := slices.Clone(risk)
		slices.Sort(sorted)
		res.Cut, res.CutHow = sorted[(len(sorted)-1)/2], "the median of these records"
	}
	for i := range recs {
		if !math.IsNaN(events[i]) && !math.IsNaN(times[i]) {
			res.Known++
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := []string{"id", "risk", "risk_group"}
	if res.Known > 0 {
		header = append(header, "time", "event")
	}
	_ = w.Write(header)
	for i, r := range recs {
		group := "low"
		if risk[i] > res.Cut {
			group = "high"
			res.High++
		}
		row := []string{r.ID, strconv.FormatFloat(risk[i], 'g', -1, 64), group}
		if res.Known > 0 {
			row = append(row, formatKnown(times[i]), formatKnown(events[i]))
		}
		_ = w.Write(row)
	}
	w.Flush()
	res.CSV = buf.Bytes()
	if res.Known == len(recs) && res.Known > 0 {
		res.CIndex = models.CIndex(risk, times, events)
	}
	return res, nil
}

// formatKnown prints a value, or nothing for an unknown (NaN) one.
func formatKnown(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
