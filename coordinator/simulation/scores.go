package simulation

import (
	"context"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// Scores are a model's figures on a set of test records: accuracies and
// exact AUC for a classifier, Harrell's C-index for a Cox model.
type Scores struct {
	Records          int     `json:"records"`
	Accuracy         float64 `json:"accuracy,omitempty"`
	BalancedAccuracy float64 `json:"balanced_accuracy,omitempty"`
	AUC              float64 `json:"auc,omitempty"`
	CIndex           float64 `json:"c_index,omitempty"`
}

// Headline is the figure a recipe's evaluation metric names (AUC if it
// names none).
func (s Scores) Headline(metric string) float64 {
	switch metric {
	case models.MetricAccuracy:
		return s.Accuracy
	case models.MetricBalancedAccuracy:
		return s.BalancedAccuracy
	case models.MetricCIndex:
		return s.CIndex
	}
	return s.AUC
}

// ScoreRecords scores m on test records: exact AUC and accuracies for a
// classifier, Harrell's C-index for a Cox model.
func ScoreRecords(m *models.Model, test []records.Record) (Scores, error) {
	X, y := records.Matrix(test)
	s := Scores{Records: len(test)}
	if m.Spec().IsSurvival() {
		risk, err := m.RiskScores(X)
		if err != nil {
			return s, err
		}
		s.CIndex = models.CIndex(risk, records.Times(test), y)
		return s, nil
	}
	p, err := m.Predict(X)
	if err != nil {
		return s, err
	}
	e := models.Evaluate(p, y)
	s.Accuracy, s.BalancedAccuracy, s.AUC = e.Accuracy(), e.BalancedAccuracy(), models.ExactAUC(p, y)
	return s, nil
}

// FitRecords trains m on recs with tc (survival times included for a Cox
// model).
func FitRecords(ctx context.Context, m *models.Model, recs []records.Record, tc models.TrainConfig) error {
	X, y := records.Matrix(recs)
	_, err := m.Fit(ctx, X, y, records.Times(recs), tc)
	return err
}
