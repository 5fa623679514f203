package models

import (
	"context"
	"fmt"
	"math"
	"sort"
)

// MaxIntervals is the most intervals a logistic-hazard model may have.
const MaxIntervals = 256

// checkIntervals checks a logistic-hazard model's interval ends.
func (s Spec) checkIntervals() error {
	if s.Kind != KindLogisticHazard {
		return nil
	}
	if len(s.Intervals) < 1 || len(s.Intervals) > MaxIntervals {
		return fmt.Errorf("%w: a %q model needs 1..%d interval ends in intervals, got %d", ErrInvalidSpec, KindLogisticHazard, MaxIntervals, len(s.Intervals))
	}
	prev := 0.0
	for i, c := range s.Intervals {
		if !(c > prev) || math.IsInf(c, 0) {
			return fmt.Errorf("%w: intervals[%d] is %v; interval ends must be finite, > 0 and increasing", ErrInvalidSpec, i, c)
		}
		prev = c
	}
	return nil
}

// inputs is the width of the network's input: the features, and for a
// logistic-hazard model one indicator per interval after the first (the
// first interval's baseline is the output bias).
func (s Spec) inputs() int {
	if s.Kind == KindLogisticHazard {
		return s.Features + len(s.Intervals) - 1
	}
	return s.Features
}

// netSpec is the classifier a logistic-hazard model's network is: a
// logistic regression (or MLP) on the features and interval indicators,
// with the same parameters. Other kinds are their own network.
func (s Spec) netSpec() Spec {
	if s.Kind != KindLogisticHazard {
		return s
	}
	n := Spec{Kind: KindLogistic, Features: s.inputs(), Hidden: s.Hidden}
	if len(s.Hidden) > 0 {
		n.Kind = KindMLP
	}
	return n
}

// periods returns how many intervals a record with follow-up t and event
// indicator d contributes (it is at risk in intervals 0..periods-1) and
// whether the last of them holds its event. An event in interval k puts it
// at risk in 0..k, the event in k; a record censored in interval k survived
// 0..k-1 only (it is not counted at risk in the interval it left); one
// followed past the last end is censored there, at risk in every interval.
func (s Spec) periods(t, d float64) (int, bool) {
	k := sort.SearchFloat64s(s.Intervals, t) // first end ≥ t: t is in interval k
	if k == len(s.Intervals) {
		return k, false
	}
	if d >= 0.5 {
		return k + 1, true
	}
	return k, false
}

// periodRow writes record x's input row for interval k into row.
func (s Spec) periodRow(row, x []float64, k int) {
	copy(row, x)
	clear(row[s.Features:])
	if k > 0 {
		row[s.Features+k-1] = 1
	}
}

// personPeriods expands records into the network's rows: one per interval
// each record is at risk in, labelled 1 in its event's interval. groups[i]
// lists record i's rows.
func (s Spec) personPeriods(X [][]float64, times, events []float64) (rows [][]float64, labels []float64, groups [][]int) {
	groups = make([][]int, len(X))
	for i, x := range X {
		p, event := s.periods(times[i], events[i])
		for k := range p {
			row := make([]float64, s.inputs())
			s.periodRow(row, x, k)
			groups[i] = append(groups[i], len(rows))
			rows = append(rows, row)
			labels = append(labels, 0)
		}
		if event {
			labels[len(labels)-1] = 1
		}
	}
	return rows, labels, groups
}

// network is the model's network as a classifier model sharing its
// parameters (a copy).
func (m *Model) network() *Model {
	return &Model{spec: m.spec.netSpec(), params: append([]float64(nil), m.params...)}
}

// trainHazard fits a logistic-hazard model: the cross-entropy of its
// network over the records' person-period rows. Without privacy it is
// Train of the network on the rows (mini-batches of rows); with
// cfg.Privacy, DP-SGD samples records, not rows, and clips each record's
// gradient summed over its rows, so that the guarantee is per record.
func (m *Model) trainHazard(ctx context.Context, X [][]float64, times, events []float64, cfg TrainConfig) (TrainResult, error) {
	if err := m.checkTraining(ctx, X, events, cfg); err != nil {
		return TrainResult{}, err
	}
	rows, labels, groups := m.spec.personPeriods(X, times, events)
	if len(rows) == 0 {
		return TrainResult{}, fmt.Errorf("%w: none of the %d records is at risk in any interval (all censored in the first)", ErrNoData, len(X))
	}
	net := m.network()
	var res TrainResult
	var err error
	if cfg.Privacy != nil {
		noise, nerr := newNoiseSource()
		if nerr != nil {
			return TrainResult{}, nerr
		}
		res, err = net.trainPrivate(ctx, rows, labels, groups, cfg, noise)
	} else {
		res, err = net.Train(ctx, rows, labels, cfg)
	}
	res.Samples = len(X)
	if err != nil {
		return res, err
	}
	m.params = net.params
	return res, nil
}

// hazardRisk returns a logistic-hazard model's risk score per record: the
// log of its cumulative hazard over every interval, log Σₖ −log(1 − hₖ),
// with hₖ the predicted hazard of interval k. A higher score means an
// earlier expected event, as a Cox model's log-risk does.
func (m *Model) hazardRisk(X [][]float64) ([]float64, error) {
	if err := m.checkX(X); err != nil {
		return nil, err
	}
	k := len(m.spec.Intervals)
	rows := make([][]float64, 0, len(X)*k)
	for _, x := range X {
		for j := range k {
			row := make([]float64, m.spec.inputs())
			m.spec.periodRow(row, x, j)
			rows = append(rows, row)
		}
	}
	logits, err := m.network().forward(rows, true)
	if err != nil {
		return nil, err
	}
	risk := make([]float64, len(X))
	for i := range X {
		h := 0.0
		for _, z := range logits[i*k : (i+1)*k] {
			h += softplus(z) // −log(1 − σ(z))
		}
		risk[i] = math.Log(h)
	}
	return risk, nil
}

// softplus is log(1 + eᶻ), computed stably.
func softplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}
