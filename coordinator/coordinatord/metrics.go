package coordinatord

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cohort-fl/cohort/api/monitoring"
	"github.com/cohort-fl/cohort/coordinator"
)

// roundMetrics add the coordinator's round figures to what both daemons
// export.
type roundMetrics struct {
	*monitoring.Metrics
	contributors prometheus.Gauge
	flagged      prometheus.Counter
	gas          prometheus.Counter
	accuracy     prometheus.Gauge
	auc          prometheus.Gauge
	loss         prometheus.Gauge
}

func newRoundMetrics(studyID uint64) *roundMetrics {
	d := monitoring.New("coordinator", studyID)
	labels := prometheus.Labels{"study": fmt.Sprint(studyID)}
	g := func(name, help string) prometheus.Gauge {
		return prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "cohort", Subsystem: "round", Name: name, Help: help, ConstLabels: labels})
	}
	c := func(name, help string) prometheus.Counter {
		return prometheus.NewCounter(prometheus.CounterOpts{Namespace: "cohort", Subsystem: "round", Name: name, Help: help, ConstLabels: labels})
	}
	m := &roundMetrics{
		Metrics:      d,
		contributors: g("contributors", "Updates aggregated in the last completed round."),
		flagged:      c("flagged_updates_total", "Updates robust scoring flagged."),
		gas:          c("coordinator_gas_total", "Gas the coordinator's transactions used."),
		accuracy:     g("accuracy", "Accuracy of the last round's model on the hospitals' test records."),
		auc:          g("auc", "AUC of the last round's model."),
		loss:         g("loss", "Log-loss of the last round's model."),
	}
	d.MustRegister(m.contributors, m.flagged, m.gas, m.accuracy, m.auc, m.loss)
	return m
}

// observeRound records a closed round (the coordinator's Progress hook).
func (m *roundMetrics) observeRound(r coordinator.RoundReport) {
	for phase, d := range map[string]time.Duration{"aggregate": r.Aggregate, "decrypt": r.Decrypt, "chain": r.Chain, "round": r.Wall} {
		m.ObservePhase(phase, d)
	}
	if r.Score > 0 {
		m.ObservePhase("score", r.Score)
	}
	m.contributors.Set(float64(len(r.Contributors)))
	m.flagged.Add(float64(len(r.Flagged)))
	m.gas.Add(float64(r.GasUsed))
	m.accuracy.Set(r.Accuracy)
	m.auc.Set(r.AUC)
	m.loss.Set(r.Loss)
	m.RoundDone(r.Round)
}
