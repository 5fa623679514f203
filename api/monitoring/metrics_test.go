package monitoring

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Health says unhealthy, with 503, when the chain does not answer; retries
// and failures are counted from the daemons' log records.
func TestMetricsHealthAndLogCounts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m := New("participant", 7)
	log := m.Logger(slog.New(slog.NewTextHandler(io.Discard, nil))).With("component", "participant")
	log.Warn("upload interrupted; trying again", "round", 1)
	log.Warn("upload interrupted; trying again", "round", 1)
	log.Error("task failed", "err", "boom")
	log.Info("something else")

	down := errors.New("connection refused")
	addr, stop, err := m.Serve("127.0.0.1:0", func(context.Context) (uint64, error) { return 0, down }, log)
	require.NoError(t, err)
	defer stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var h Health
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&h))
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "unhealthy", h.Status)
	assert.Equal(t, "participant", h.Role)
	assert.Contains(t, h.Error, "connection refused")

	req, err = http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	require.NoError(t, err)
	mresp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer mresp.Body.Close()
	var p expfmt.TextParser
	fams, err := p.TextToMetricFamilies(mresp.Body)
	require.NoError(t, err)
	assert.Equal(t, 2.0, counterWithLabel(fams, "cohort_retries_total", "what", "upload"))
	assert.Equal(t, 1.0, counterWithLabel(fams, "cohort_failures_total", "what", "task"))
}

func counterWithLabel(fams map[string]*dto.MetricFamily, name, label, value string) float64 {
	for _, m := range fams[name].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == label && l.GetValue() == value {
				return m.GetCounter().GetValue()
			}
		}
	}
	return -1
}

// The messages counted as retries and failures are still logged by the
// coordinator and participant packages: a renamed message would silently
// stop its counter.
func TestMetricsLogMessagesExist(t *testing.T) {
	var src strings.Builder
	for _, dir := range []string{"../../coordinator", "../../participant"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			src.Write(b)
		}
	}
	for _, set := range []map[string]string{RetryMessages, FailureMessages} {
		for msg := range set {
			assert.Contains(t, src.String(), `"`+msg+`"`, "no longer logged: update RetryMessages/FailureMessages")
		}
	}
}
