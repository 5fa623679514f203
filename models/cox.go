package models

import (
	"context"
	"fmt"
	"math"
	"sort"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// coxLoss returns the negative log partial likelihood of a Cox model over
// the batch, −Σᵢ dᵢ·(ηᵢ − log Σⱼ Aᵢⱼ·exp ηⱼ), with η the logits, d the
// per-record event weights (sw: 1/E for each of the batch's E events, 0
// otherwise) and A the risk-set matrix coxRiskSets fills for each batch.
// Breslow and Efron ties differ only in A, so one graph serves both.
func (n *net) coxLoss() (*G.Node, error) {
	g, batch := n.g, n.batch
	n.riskBuf = make([]float64, batch*batch)
	risk := G.NewMatrix(g, tensor.Float64, G.WithShape(batch, batch), G.WithName("risk_sets"),
		G.WithValue(tensor.New(tensor.WithShape(batch, batch), tensor.WithBacking(n.riskBuf))))
	wrap := func(err error) error { return fmt.Errorf("models: building Cox loss: %w", err) }
	hazard, err := G.Exp(n.logit)
	if err != nil {
		return nil, wrap(err)
	}
	atRisk, err := G.Mul(risk, hazard)
	if err != nil {
		return nil, wrap(err)
	}
	logAtRisk, err := G.Log(atRisk)
	if err != nil {
		return nil, wrap(err)
	}
	diff, err := G.Sub(n.logit, logAtRisk)
	if err != nil {
		return nil, wrap(err)
	}
	weighted, err := G.HadamardProd(n.sw, diff)
	if err != nil {
		return nil, wrap(err)
	}
	sum, err := G.Sum(weighted)
	if err != nil {
		return nil, wrap(err)
	}
	loss, err := G.Neg(sum)
	if err != nil {
		return nil, wrap(err)
	}
	return loss, nil
}

// coxRiskSets fills the batch's risk-set matrix A (batch × batch, row-major)
// and event weights w for k real rows with the given times and events
// (rows k.. are padding). For an event i, row i of A marks the records still
// at risk at its time, tⱼ ≥ tᵢ. With Efron ties the m tied events at one
// time are numbered 0..m−1 and event number l takes l/m of the tied
// events' risk away: Aᵢⱼ −= l/m for each tied event j. A row that is not an
// event (and every padding row) keeps only its own diagonal, so its log
// stays finite; its weight is 0. It returns the number of events.
func coxRiskSets(a, w []float64, batch int, times, events []float64, ties string) int {
	clear(a)
	clear(w)
	k := len(times)
	e := 0
	for i := range k {
		if events[i] >= 0.5 {
			e++
		}
	}
	for i := range batch {
		row := a[i*batch : (i+1)*batch]
		if i >= k || events[i] < 0.5 {
			row[i] = 1
			continue
		}
		w[i] = 1 / float64(e)
		for j := range k {
			if times[j] >= times[i] {
				row[j] = 1
			}
		}
	}
	if ties != TiesEfron {
		return e
	}
	// Group the tied events by time, numbering them in row order.
	groups := map[float64][]int{}
	for i := range k {
		if events[i] >= 0.5 {
			groups[times[i]] = append(groups[times[i]], i)
		}
	}
	for _, g := range groups {
		m := float64(len(g))
		for l, i := range g {
			for _, j := range g {
				a[i*batch+j] -= float64(l) / m
			}
		}
	}
	return e
}

// TrainSurvival fits a survival model to X, follow-up times and event
// indicators (1 observed, 0 censored). A logistic-hazard model minimises
// the cross-entropy of its records' person-period rows (see
// KindLogisticHazard; with cfg.Privacy, DP-SGD per record). A Cox model
// (Spec.Kind KindCox) minimises the negative
// log partial likelihood of each mini-batch, ties handled as Spec.Ties
// says. With a batch size at least the number of records every epoch is one
// step on the exact partial likelihood of the hospital's records; smaller
// batches use the partial likelihood within each batch (risk sets cut to
// the batch), as stochastic Cox training does. A batch without an event
// carries no information and takes no step.
//
// Otherwise it behaves as Train: deterministic for equal inputs, ctx
// checked before every step, the model unchanged on error.
func (m *Model) TrainSurvival(ctx context.Context, X [][]float64, times, events []float64, cfg TrainConfig) (TrainResult, error) {
	if !m.spec.IsSurvival() {
		return TrainResult{}, fmt.Errorf("%w: a %q model trains on labels with Train, not on survival times", ErrInvalidSpec, m.spec.Kind)
	}
	if len(times) != len(X) {
		return TrainResult{}, fmt.Errorf("%w: %d feature rows but %d times", ErrShape, len(X), len(times))
	}
	for i, t := range times {
		if !(t >= 0) || math.IsInf(t, 0) {
			return TrainResult{}, fmt.Errorf("%w: time %d is %v, want a finite value ≥ 0", ErrNonFinite, i, t)
		}
	}
	if m.spec.Kind == KindLogisticHazard {
		return m.trainHazard(ctx, X, times, events, cfg)
	}
	nt, err := m.trainingNet(ctx, X, events, cfg, true)
	if err != nil {
		return TrainResult{}, err
	}
	n, batch := len(X), nt.batch
	f := m.spec.Features
	bt, be := make([]float64, 0, batch), make([]float64, 0, batch)
	return m.fit(ctx, nt, n, cfg, func(rows []int) float64 {
		bt, be = bt[:0], be[:0]
		for i := range batch {
			row := nt.xBuf[i*f : (i+1)*f]
			if i < len(rows) {
				copy(row, X[rows[i]])
				bt, be = append(bt, times[rows[i]]), append(be, events[rows[i]])
			} else {
				clear(row)
			}
		}
		return float64(coxRiskSets(nt.riskBuf, nt.wBuf, batch, bt, be, m.spec.Ties))
	})
}

// Concordance counts, for Harrell's C-index, the comparable pairs of records
// (i, j): tᵢ < tⱼ with an event at tᵢ, so i is known to have failed first,
// and how many of them the risk scores order correctly (riskᵢ > riskⱼ), a
// tie in risk counting one half. Pairs with equal times are not comparable.
// It panics if the lengths differ.
func Concordance(risk, times, events []float64) (concordant, comparable float64) {
	if len(risk) != len(times) || len(risk) != len(events) {
		panic(fmt.Sprintf("models: Concordance got %d scores, %d times and %d events", len(risk), len(times), len(events)))
	}
	idx := make([]int, len(risk))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return times[idx[a]] < times[idx[b]] })
	for a, i := range idx {
		if events[i] < 0.5 {
			continue
		}
		for _, j := range idx[a+1:] {
			if times[j] <= times[i] {
				continue
			}
			comparable++
			switch {
			case risk[i] > risk[j]:
				concordant++
			case risk[i] == risk[j]:
				concordant += 0.5
			}
		}
	}
	return concordant, comparable
}

// CIndex is Harrell's concordance index of risk scores against survival
// times and events: the share of comparable pairs ordered correctly, 0.5
// when no pair is comparable.
func CIndex(risk, times, events []float64) float64 {
	c, n := Concordance(risk, times, events)
	if n == 0 {
		return 0.5
	}
	return c / n
}

// EvaluateSurvival is Evaluate for a Cox model's log-risk scores: the
// histograms and counts hold σ(log-risk) against the event indicator (a
// rough event classifier), and Concordant and Comparable hold the
// C-index's pair counts, which Merge adds up across sites.
func EvaluateSurvival(risk, times, events []float64) Evaluation {
	probs := make([]float64, len(risk))
	for i, r := range risk {
		probs[i] = 1 / (1 + math.Exp(-r))
	}
	e := Evaluate(probs, events)
	e.Concordant, e.Comparable = Concordance(risk, times, events)
	return e
}

// BaselineHazard is a Cox model's Breslow estimate of the cumulative
// baseline hazard: H₀(t) = Σ over event times s ≤ t of (events at s) / Σ
// over records at risk at s of exp(risk). Times are increasing.
type BaselineHazard struct {
	Times      []float64 `json:"times"`
	Cumulative []float64 `json:"cumulative"`
}

// NewBaselineHazard estimates the baseline hazard from log-risk scores,
// times and events of (training) records.
func NewBaselineHazard(risk, times, events []float64) BaselineHazard {
	idx := make([]int, len(risk))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return times[idx[a]] < times[idx[b]] })
	// Σ exp(risk) over records at risk, from the latest time backwards.
	atRisk := make([]float64, len(idx)+1)
	for a := len(idx) - 1; a >= 0; a-- {
		atRisk[a] = atRisk[a+1] + math.Exp(risk[idx[a]])
	}
	var h BaselineHazard
	total := 0.0
	for a := 0; a < len(idx); {
		t := times[idx[a]]
		d := 0.0
		b := a
		for ; b < len(idx) && times[idx[b]] == t; b++ {
			if events[idx[b]] >= 0.5 {
				d++
			}
		}
		if d > 0 {
			total += d / atRisk[a]
			h.Times = append(h.Times, t)
			h.Cumulative = append(h.Cumulative, total)
		}
		a = b
	}
	return h
}

// At returns H₀(t).
func (h BaselineHazard) At(t float64) float64 {
	i := sort.SearchFloat64s(h.Times, math.Nextafter(t, math.Inf(1)))
	if i == 0 {
		return 0
	}
	return h.Cumulative[i-1]
}

// Survival returns the model's survival probability at t of a record with
// log-risk r: exp(−H₀(t)·exp r).
func (h BaselineHazard) Survival(t, r float64) float64 {
	return math.Exp(-h.At(t) * math.Exp(r))
}

// Fit trains the model on its kind's outcome: labels y with Train, or for a
// Cox model events y and follow-up times with TrainSurvival (times may be
// nil for other kinds).
func (m *Model) Fit(ctx context.Context, X [][]float64, y, times []float64, cfg TrainConfig) (TrainResult, error) {
	if m.spec.IsSurvival() {
		return m.TrainSurvival(ctx, X, times, y, cfg)
	}
	return m.Train(ctx, X, y, cfg)
}

// Evaluate scores the model on test records: Evaluate of its probabilities
// against labels y, or for a Cox model EvaluateSurvival of its log-risks
// against events y and times.
func (m *Model) Evaluate(X [][]float64, y, times []float64) (Evaluation, error) {
	if m.spec.IsSurvival() {
		if len(times) != len(X) {
			return Evaluation{}, fmt.Errorf("%w: %d feature rows but %d times", ErrShape, len(X), len(times))
		}
		risk, err := m.RiskScores(X)
		if err != nil {
			return Evaluation{}, err
		}
		return EvaluateSurvival(risk, times, y), nil
	}
	probs, err := m.Predict(X)
	if err != nil {
		return Evaluation{}, err
	}
	if len(probs) != len(y) {
		return Evaluation{}, fmt.Errorf("%w: %d feature rows but %d labels", ErrShape, len(X), len(y))
	}
	return Evaluate(probs, y), nil
}
