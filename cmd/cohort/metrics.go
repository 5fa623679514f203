package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc/stats"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/participant"
)

// Metrics of the daemons, for a hospital's or the consortium's IT team.
// Each daemon has a registry of its own (no global state shared between
// tests); names start with cohort_. The daemons feed them from the hooks
// the coordinator and participant packages already have (the coordinator's
// round reports, the node's traces), from gRPC's stats handler (bytes) and
// from the log records that announce a retry or a failure, so that neither
// package carries metrics code.

// phaseBuckets cover a round phase from 10 ms to about 20 minutes.
var phaseBuckets = prometheus.ExponentialBuckets(0.01, 2, 18)

// daemonMetrics are what both daemons export: bytes over gRPC, retries,
// failures and the last round completed.
type daemonMetrics struct {
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

func newDaemonMetrics(role string, studyID uint64) *daemonMetrics {
	labels := prometheus.Labels{"role": role, "study": fmt.Sprint(studyID)}
	m := &daemonMetrics{reg: prometheus.NewRegistry()}
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

// roundDone records that round r completed now.
func (m *daemonMetrics) roundDone(r uint32) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r >= m.lastDone {
		m.lastDone, m.lastAtUTC = r, time.Now().UTC()
		m.lastRound.Set(float64(r))
		m.lastRoundTime.Set(float64(m.lastAtUTC.Unix()))
	}
}

func (m *daemonMetrics) lastCompleted() (uint32, time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lastDone, m.lastAtUTC
}

// coordinatorMetrics add the coordinator's round figures.
type coordinatorMetrics struct {
	*daemonMetrics
	contributors prometheus.Gauge
	flagged      prometheus.Counter
	gas          prometheus.Counter
	accuracy     prometheus.Gauge
	auc          prometheus.Gauge
	loss         prometheus.Gauge
}

func newCoordinatorMetrics(studyID uint64) *coordinatorMetrics {
	d := newDaemonMetrics("coordinator", studyID)
	labels := prometheus.Labels{"study": fmt.Sprint(studyID)}
	g := func(name, help string) prometheus.Gauge {
		return prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "cohort", Subsystem: "round", Name: name, Help: help, ConstLabels: labels})
	}
	c := func(name, help string) prometheus.Counter {
		return prometheus.NewCounter(prometheus.CounterOpts{Namespace: "cohort", Subsystem: "round", Name: name, Help: help, ConstLabels: labels})
	}
	m := &coordinatorMetrics{
		daemonMetrics: d,
		contributors:  g("contributors", "Updates aggregated in the last completed round."),
		flagged:       c("flagged_updates_total", "Updates robust scoring flagged."),
		gas:           c("coordinator_gas_total", "Gas the coordinator's transactions used."),
		accuracy:      g("accuracy", "Accuracy of the last round's model on the hospitals' test records."),
		auc:           g("auc", "AUC of the last round's model."),
		loss:          g("loss", "Log-loss of the last round's model."),
	}
	d.reg.MustRegister(m.contributors, m.flagged, m.gas, m.accuracy, m.auc, m.loss)
	return m
}

// observeRound records a closed round (the coordinator's Progress hook).
func (m *coordinatorMetrics) observeRound(r coordinator.RoundReport) {
	for phase, d := range map[string]time.Duration{"aggregate": r.Aggregate, "decrypt": r.Decrypt, "chain": r.Chain, "round": r.Wall} {
		m.phaseSeconds.WithLabelValues(phase).Observe(d.Seconds())
	}
	if r.Score > 0 {
		m.phaseSeconds.WithLabelValues("score").Observe(r.Score.Seconds())
	}
	m.contributors.Set(float64(len(r.Contributors)))
	m.flagged.Add(float64(len(r.Flagged)))
	m.gas.Add(float64(r.GasUsed))
	m.accuracy.Set(r.Accuracy)
	m.auc.Set(r.AUC)
	m.loss.Set(r.Loss)
	m.roundDone(r.Round)
}

// participantMetrics add a hospital node's figures.
type participantMetrics struct {
	*daemonMetrics
	samples     prometheus.Gauge
	excluded    prometheus.Gauge
	uploadBytes prometheus.Counter
	gas         prometheus.Counter
}

func newParticipantMetrics(studyID uint64) *participantMetrics {
	d := newDaemonMetrics("participant", studyID)
	labels := prometheus.Labels{"study": fmt.Sprint(studyID)}
	m := &participantMetrics{
		daemonMetrics: d,
		samples: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "cohort", Subsystem: "participant", Name: "training_records",
			Help: "Consented training records used in the last round.", ConstLabels: labels}),
		excluded: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "cohort", Subsystem: "participant", Name: "excluded_records",
			Help: "Training records left out of the last round for want of active consent.", ConstLabels: labels}),
		uploadBytes: prometheus.NewCounter(prometheus.CounterOpts{Namespace: "cohort", Subsystem: "participant", Name: "upload_bytes_total",
			Help: "Bytes of encrypted updates uploaded.", ConstLabels: labels}),
		gas: prometheus.NewCounter(prometheus.CounterOpts{Namespace: "cohort", Subsystem: "participant", Name: "gas_total",
			Help: "Gas this hospital's transactions used.", ConstLabels: labels}),
	}
	d.reg.MustRegister(m.samples, m.excluded, m.uploadBytes, m.gas)
	return m
}

// observeTrace records the node's part of a round (its Observe hook).
func (m *participantMetrics) observeTrace(t participant.Trace) {
	for phase, d := range map[string]time.Duration{"train": t.Train, "encrypt": t.Encrypt, "chain": t.Chain} {
		m.phaseSeconds.WithLabelValues(phase).Observe(d.Seconds())
	}
	m.samples.Set(float64(t.Samples))
	m.excluded.Set(float64(t.Excluded))
	m.uploadBytes.Add(float64(t.UploadBytes))
	m.gas.Add(float64(t.GasUsed))
	m.roundDone(t.Round)
}

// retryMessages and failureMessages are the log messages with which the
// coordinator and the participant announce a retry or a failure, and the
// label each is counted under. A test checks that the packages still log
// them.
var (
	retryMessages = map[string]string{
		"upload interrupted; trying again":                     "upload",
		"lost the coordinator; joining again":                  "join",
		"share holder did not answer; asking another set":      "decryption_holders",
		"moments phase stalled; running it again":              "moments",
		"reading the study from the chain":                     "chain_read",
		"reading this hospital's participation from the chain": "chain_read",
	}
	failureMessages = map[string]string{
		"task failed": "task",
		"phase closed at deadline without every participant":                  "phase_deadline",
		"new share holder did not confirm; it is left out of this re-sharing": "reshare_confirm",
	}
)

// countingHandler passes log records on and counts those that announce a
// retry or a failure.
type countingHandler struct {
	slog.Handler
	m *daemonMetrics
}

func (h countingHandler) Handle(ctx context.Context, r slog.Record) error {
	if what, ok := retryMessages[r.Message]; ok {
		h.m.retries.WithLabelValues(what).Inc()
	}
	if what, ok := failureMessages[r.Message]; ok {
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

// logger returns log with retries and failures counted.
func (m *daemonMetrics) logger(log *slog.Logger) *slog.Logger {
	return slog.New(countingHandler{Handler: log.Handler(), m: m})
}

// grpcBytes is a gRPC stats handler that counts message bytes by method.
type grpcBytes struct{ m *daemonMetrics }

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

// healthTimeout bounds the chain query behind /healthz.
const healthTimeout = 3 * time.Second

// health is what /healthz answers.
type health struct {
	Status             string    `json:"status"` // "ok" or "unhealthy"
	Role               string    `json:"role"`
	StudyID            uint64    `json:"study"`
	ChainBlock         uint64    `json:"chain_block,omitempty"`
	LastRoundCompleted uint32    `json:"last_round_completed"`
	LastRoundAt        time.Time `json:"last_round_completed_at,omitzero"`
	Error              string    `json:"error,omitempty"`
}

// serveMetrics serves /metrics and /healthz on addr until the returned stop
// is called; stop waits for the server to end. The health check asks the
// chain for its block number: a daemon that cannot reach its chain cannot
// take part in a round. It returns the address it listens on.
func serveMetrics(addr string, m *daemonMetrics, role string, studyID uint64, chainBlock func(context.Context) (uint64, error), log *slog.Logger) (string, func(), error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("metrics_listen %s: %w", addr, err)
	}
	if host, _, _ := net.SplitHostPort(lis.Addr().String()); !net.ParseIP(host).IsLoopback() {
		log.Warn("metrics and health are served unauthenticated beyond this machine; prefer a loopback address behind your scraper", "listen", lis.Addr().String())
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		h := health{Status: "ok", Role: role, StudyID: studyID}
		h.LastRoundCompleted, h.LastRoundAt = m.lastCompleted()
		cctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
		defer cancel()
		code := http.StatusOK
		block, err := chainBlock(cctx)
		h.ChainBlock = block
		if err != nil {
			h.Status, h.Error, code = "unhealthy", "chain unreachable: "+err.Error(), http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(h)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		if err := srv.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	stop := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		<-stopped
	}
	return lis.Addr().String(), stop, nil
}

// start serves m on listen, if set, and returns log with retries and
// failures counted, and the function that stops the server; with listen
// empty it returns log as is and a stop that does nothing.
func (m *daemonMetrics) start(listen, role string, studyID uint64, chainBlock func(context.Context) (uint64, error), log *slog.Logger, stdout io.Writer) (*slog.Logger, func(), error) {
	if listen == "" {
		return log, func() {}, nil
	}
	log = m.logger(log)
	addr, stop, err := serveMetrics(listen, m, role, studyID, chainBlock, log)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(stdout, "metrics on http://%s/metrics, health on http://%s/healthz\n", addr, addr)
	return log, stop, nil
}
