package participantd

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cohort-fl/cohort/api/monitoring"
	"github.com/cohort-fl/cohort/participant"
)

// nodeMetrics add a hospital node's figures to what both daemons export.
type nodeMetrics struct {
	*monitoring.Metrics
	samples     prometheus.Gauge
	excluded    prometheus.Gauge
	uploadBytes prometheus.Counter
	gas         prometheus.Counter
}

func newNodeMetrics(studyID uint64) *nodeMetrics {
	d := monitoring.New("participant", studyID)
	labels := prometheus.Labels{"study": fmt.Sprint(studyID)}
	m := &nodeMetrics{
		Metrics: d,
		samples: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "cohort", Subsystem: "participant", Name: "training_records",
			Help: "Consented training records used in the last round.", ConstLabels: labels}),
		excluded: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "cohort", Subsystem: "participant", Name: "excluded_records",
			Help: "Training records left out of the last round for want of active consent.", ConstLabels: labels}),
		uploadBytes: prometheus.NewCounter(prometheus.CounterOpts{Namespace: "cohort", Subsystem: "participant", Name: "upload_bytes_total",
			Help: "Bytes of encrypted updates uploaded.", ConstLabels: labels}),
		gas: prometheus.NewCounter(prometheus.CounterOpts{Namespace: "cohort", Subsystem: "participant", Name: "gas_total",
			Help: "Gas this hospital's transactions used.", ConstLabels: labels}),
	}
	d.MustRegister(m.samples, m.excluded, m.uploadBytes, m.gas)
	return m
}

// observeTrace records the node's part of a round (its Observe hook).
func (m *nodeMetrics) observeTrace(t participant.Trace) {
	for phase, d := range map[string]time.Duration{"train": t.Train, "encrypt": t.Encrypt, "chain": t.Chain} {
		m.ObservePhase(phase, d)
	}
	m.samples.Set(float64(t.Samples))
	m.excluded.Set(float64(t.Excluded))
	m.uploadBytes.Add(float64(t.UploadBytes))
	m.gas.Add(float64(t.GasUsed))
	m.RoundDone(t.Round)
}
