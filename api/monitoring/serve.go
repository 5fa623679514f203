package monitoring

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthTimeout bounds the chain query behind /healthz.
const healthTimeout = 3 * time.Second

// Health is what /healthz answers.
type Health struct {
	Status             string    `json:"status"` // "ok" or "unhealthy"
	Role               string    `json:"role"`
	StudyID            uint64    `json:"study"`
	ChainBlock         uint64    `json:"chain_block,omitempty"`
	LastRoundCompleted uint32    `json:"last_round_completed"`
	LastRoundAt        time.Time `json:"last_round_completed_at,omitzero"`
	Error              string    `json:"error,omitempty"`
}

// Serve serves /metrics and /healthz on addr until the returned stop is
// called; stop waits for the server to end. The health check asks the chain
// for its block number: a daemon that cannot reach its chain cannot take
// part in a round. It returns the address it listens on.
func (m *Metrics) Serve(addr string, chainBlock func(context.Context) (uint64, error), log *slog.Logger) (string, func(), error) {
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
		h := Health{Status: "ok", Role: m.role, StudyID: m.studyID}
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

// Start serves m on listen, if set, says where on stdout, and returns log
// with retries and failures counted and the function that stops the
// server; with listen empty it returns log as is and a stop that does
// nothing.
func (m *Metrics) Start(listen string, chainBlock func(context.Context) (uint64, error), log *slog.Logger, stdout io.Writer) (*slog.Logger, func(), error) {
	if listen == "" {
		return log, func() {}, nil
	}
	log = m.Logger(log)
	addr, stop, err := m.Serve(listen, chainBlock, log)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(stdout, "metrics on http://%s/metrics, health on http://%s/healthz\n", addr, addr)
	return log, stop, nil
}
