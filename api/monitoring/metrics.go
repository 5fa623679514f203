package monitoring

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"google.golang.org/grpc/stats"
)

// phaseBuckets cover a round phase from 10 ms to about 20 minutes.
var phaseBuckets = prometheus.ExponentialBuckets(0.01, 2, 18)

// Metrics are what both daemons export: bytes over gRPC, retries, failures,
// phase timings and the last round completed. It is safe for concurrent
// use.
type Metrics struct {
	role          string
	studyID       uint64
	reg           *prometheus.Registry
	sentBytes     *prometheus.CounterVec
	receivedBytes *prometheus.CounterVec
	retries       *prometheus.CounterVec
	failures      *prometheus.CounterVec
	lastRound     prometheus.Gauge
	lastRoundTime prometheus.Gauge
	phaseSeconds  *prometheus.HistogramVec

	mu        sync.Mutex
	lastDone  uint32
	lastAtUTC time.Time
}

// New makes the metrics of a daemon in role ("coordinator" or
// "participant") for a study, on a registry of their own.
func New(role string, studyID uint64) *Metrics {
	labels := prometheus.Labels{"role": role, "study": fmt.Sprint(studyID)}
	m := &Metrics{role: role, studyID: studyID, reg: prometheus.NewRegistry()}
	f := func(name, help string) prometheus.Opts {
		return prometheus.Opts{Namespace: "cohort", Name: name, Help: help, ConstLabels: labels}
	}
	m.sentBytes = prometheus.NewCounterVec(prometheus.CounterOpts(f("grpc_sent_bytes_total", "Bytes of gRPC messages sent, by method.")), []string{"method"})
	m.receivedBytes = prometheus.NewCounterVec(prometheus.CounterOpts(f("grpc_received_bytes_total", "Bytes of gRPC messages received, by method.")), []string{"method"})
	m.retries = prometheus.NewCounterVec(prometheus.CounterOpts(f("retries_total", "Steps tried again after a transient failure, by what was retried.")), []string{"what"})
	m.failures = prometheus.NewCounterVec(prometheus.CounterOpts(f("failures_total", "Failed tasks and phases that closed without every participant, by what failed.")), []string{"what"})
	m.lastRound = prometheus.NewGauge(prometheus.GaugeOpts(f("last_round_completed", "The last round this daemon completed its part of.")))
	m.lastRoundTime = prometheus.NewGauge(prometheus.GaugeOpts(f("last_round_completed_timestamp_seconds", "When it completed it (Unix time).")))
	m.phaseSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "cohort", Name: "round_phase_seconds", Help: "Time of each phase of a round, by phase.",
		ConstLabels: labels, Buckets: phaseBuckets,
	}, []string{"phase"})
	m.reg.MustRegister(m.sentBytes, m.receivedBytes, m.retries, m.failures, m.lastRound, m.lastRoundTime, m.phaseSeconds,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// MustRegister adds a daemon's own collectors to the registry served.
func (m *Metrics) MustRegister(cs ...prometheus.Collector) { m.reg.MustRegister(cs...) }

// ObservePhase records how long a phase of a round took.
func (m *Metrics) ObservePhase(phase string, d time.Duration) {
	m.phaseSeconds.WithLabelValues(phase).Observe(d.Seconds())
}

// RoundDone records that round r completed now.
func (m *Metrics) RoundDone(r uint32) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r >= m.lastDone {
		m.lastDone, m.lastAtUTC = r, time.Now().UTC()
		m.lastRound.Set(float64(r))
		m.lastRoundTime.Set(float64(m.lastAtUTC.Unix()))
	}
}

func (m *Metrics) lastCompleted() (uint32, time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lastDone, m.lastAtUTC
}

// RetryMessages and FailureMessages are the log messages with which the
// coordinator and the participant announce a retry or a failure, and the
// label each is counted under. A test checks that the packages still log
// them.
var (
	RetryMessages = map[string]string{
		"upload interrupted; trying again":                "upload",
		"lost the coordinator; joining again":             "join",
		"share holder did not answer; asking another set": "decryption_holders",
		"moments phase stalled; running it again":         "moments",
		"moments phase waits for hospitals without consented training records: relay their patients' consent (cohort consent relay, or cohort consent grant); round 1 starts once they have records": "moments_consent",
		"reading the study from the chain":                     "chain_read",
		"reading this hospital's participation from the chain": "chain_read",
	}
	FailureMessages = map[string]string{
		"task failed": "task",
		"task refused: this node's chain is behind the coordinator's":                                                                      "chain_behind",
		"task refused: this node's chain is on another fork than the coordinator's":                                                        "chain_fork",
		"phase closed at deadline without every participant":                                                                               "phase_deadline",
		"a participant joined at a block this coordinator's Ethereum node has not reached; check that the node is synced with its network": "join_chain_behind",
		"new share holder did not confirm; it is left out of this re-sharing":                                                              "reshare_confirm",
		"participant declined a task": "task_declined",
		"a participant named a join block far beyond this coordinator's chain head; refused without waiting (check that the node is synced with its network)": "join_block_far",
	}
)

// countingHandler passes log records on and counts those that announce a
// retry or a failure.
type countingHandler struct {
	slog.Handler
	m *Metrics
}

func (h countingHandler) Handle(ctx context.Context, r slog.Record) error {
	if what, ok := RetryMessages[r.Message]; ok {
		h.m.retries.WithLabelValues(what).Inc()
	}
	if what, ok := FailureMessages[r.Message]; ok {
		h.m.failures.WithLabelValues(what).Inc()
	}
	return h.Handler.Handle(ctx, r)
}

func (h countingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return countingHandler{Handler: h.Handler.WithAttrs(as), m: h.m}
}

func (h countingHandler) WithGroup(name string) slog.Handler {
	return countingHandler{Handler: h.Handler.WithGroup(name), m: h.m}
}

// Logger returns log with retries and failures counted.
func (m *Metrics) Logger(log *slog.Logger) *slog.Logger {
	return slog.New(countingHandler{Handler: log.Handler(), m: m})
}

// StatsHandler is the gRPC stats handler that counts message bytes by
// method, for a server or a client connection.
func (m *Metrics) StatsHandler() stats.Handler { return grpcBytes{m} }

// grpcBytes is a gRPC stats handler that counts message bytes by method.
type grpcBytes struct{ m *Metrics }

var _ stats.Handler = grpcBytes{}

type methodKey struct{}

func (g grpcBytes) TagRPC(ctx context.Context, info *stats.RPCTagInfo) context.Context {
	return context.WithValue(ctx, methodKey{}, info.FullMethodName)
}

func (g grpcBytes) HandleRPC(ctx context.Context, s stats.RPCStats) {
	method, _ := ctx.Value(methodKey{}).(string)
	switch p := s.(type) {
	case *stats.InPayload:
		g.m.receivedBytes.WithLabelValues(method).Add(float64(p.WireLength))
	case *stats.OutPayload:
		g.m.sentBytes.WithLabelValues(method).Add(float64(p.WireLength))
	}
}

func (grpcBytes) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }
func (grpcBytes) HandleConn(context.Context, stats.ConnStats)                       {}
