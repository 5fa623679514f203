package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/configfile"
	"github.com/cohort-fl/cohort/api/monitoring"
	"github.com/cohort-fl/cohort/coordinator/coordinatord"
	"github.com/cohort-fl/cohort/participant/participantd"
)

// metricsOn is what a daemon prints once it serves its metrics, followed
// by their address.
const metricsOn = "metrics on http://"

// TestE2EMetrics runs a study with geth, a coordinator and three hospital
// processes, each daemon serving /metrics and /healthz on 127.0.0.1, and
// scrapes them: the last round completed, the phase timings per round, the
// bytes of the uploads and the health of the chain connection.
func TestE2EMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end with processes")
	}
	hospitals := []string{"hospital-1", "hospital-2", "hospital-3"}
	c := newConsortium(t, e2eStudy{founders: hospitals, rounds: 2, minParticipants: 3, thr: 2, enrolment: 500 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// Each daemon binds a port the kernel picks and prints it.
	var coordCfg coordinatord.Config
	c.readJSON("coordinator.json", &coordCfg)
	coordCfg.MetricsListen = "127.0.0.1:0"
	c.writeJSON("coordinator.json", coordCfg)
	coord := c.startCoordinator(ctx, "coordinator")
	coordMetrics := c.awaitPrintedAddress(ctx, coord, metricsOn)
	var h1 participantd.Config
	c.readJSON("hospital-1.json", &h1)
	h1.MetricsListen = "127.0.0.1:0"
	// Long enough to read the last round, whatever the machine's load.
	h1.MetricsLinger = configfile.Duration(5 * time.Minute)
	c.writeJSON("hospital-1.json", h1)

	procs := map[string]*proc{}
	for _, h := range hospitals {
		procs[h] = c.start(h, "participant", "--config", c.path(h+".json"))
	}
	h1Metrics := c.awaitPrintedAddress(ctx, procs["hospital-1"], metricsOn)

	// The hospital keeps serving its metrics after the study for
	// metrics_linger, so that the last round can be read.
	var hospital map[string]*dto.MetricFamily
	var hospitalHealth monitoring.Health
	for {
		require.NoError(t, ctx.Err(), "hospital-1 did not report round 2; logs in %s", c.dir)
		if done, err := procs["hospital-1"].exited(); done {
			require.FailNow(t, "hospital-1 exited before its metrics were read", "exit: %v; logs in %s", err, c.dir)
		}
		if fams, err := scrape(ctx, h1Metrics); err == nil && gaugeValue(fams, "cohort_last_round_completed") == 2 {
			hospital = fams
			require.Equal(t, http.StatusOK, getJSON(t, ctx, "http://"+h1Metrics+"/healthz", &hospitalHealth))
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The coordinator reports a round once it closed it on chain.
	var coordinator map[string]*dto.MetricFamily
	for {
		require.NoError(t, ctx.Err(), "the coordinator did not report round 2; logs in %s", c.dir)
		if fams, err := scrape(ctx, coordMetrics); err == nil && gaugeValue(fams, "cohort_last_round_completed") == 2 {
			coordinator = fams
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	var coordHealth monitoring.Health
	require.Equal(t, http.StatusOK, getJSON(t, ctx, "http://"+coordMetrics+"/healthz", &coordHealth))
	c.stop(coord)
	c.stop(procs["hospital-1"])

	assert.Equal(t, "ok", hospitalHealth.Status)
	assert.Equal(t, uint32(2), hospitalHealth.LastRoundCompleted)
	assert.Positive(t, hospitalHealth.ChainBlock)
	assert.Equal(t, "ok", coordHealth.Status)
	assert.Equal(t, uint32(2), coordHealth.LastRoundCompleted)

	assert.Equal(t, 2.0, gaugeValue(coordinator, "cohort_last_round_completed"))
	assert.Equal(t, uint64(2), histogramCount(coordinator, "cohort_round_phase_seconds", "round"), "one observation of each round")
	assert.Equal(t, uint64(2), histogramCount(coordinator, "cohort_round_phase_seconds", "decrypt"))
	assert.Equal(t, 3.0, gaugeValue(coordinator, "cohort_round_contributors"))
	round2, err := c.ledger.Round(ctx, c.studyID, 2)
	require.NoError(t, err)
	assert.InDelta(t, round2.Result.Accuracy, gaugeValue(coordinator, "cohort_round_accuracy"), 1e-6, "the accuracy the chain recorded")

	assert.Equal(t, uint64(2), histogramCount(hospital, "cohort_round_phase_seconds", "train"))
	uploaded := counterValue(hospital, "cohort_participant_upload_bytes_total", "")
	assert.Positive(t, uploaded)
	assert.Positive(t, gaugeValue(hospital, "cohort_participant_training_records"))
	// The coordinator received at least hospital-1's two uploads, and
	// hospital-1 sent them, framing included.
	received := counterValue(coordinator, "cohort_grpc_received_bytes_total", "/cohort.v1.Coordinator/UploadUpdate")
	assert.GreaterOrEqual(t, received, uploaded)
	assert.GreaterOrEqual(t, counterValue(hospital, "cohort_grpc_sent_bytes_total", "/cohort.v1.Coordinator/UploadUpdate"), uploaded)
}

func scrape(ctx context.Context, addr string) (map[string]*dto.MetricFamily, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var p expfmt.TextParser
	return p.TextToMetricFamilies(resp.Body)
}

func getJSON(t *testing.T, ctx context.Context, url string, v any) int {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
	return resp.StatusCode
}

// metric finds the metric of a family whose variable label (method, what,
// phase) is label, or the family's only metric for "".
func metric(fams map[string]*dto.MetricFamily, name, label string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
	for _, m := range f.GetMetric() {
		if label == "" {
			return m
		}
		for _, l := range m.GetLabel() {
			if (l.GetName() == "method" || l.GetName() == "what" || l.GetName() == "phase") && l.GetValue() == label {
				return m
			}
		}
	}
	return nil
}

func gaugeValue(fams map[string]*dto.MetricFamily, name string) float64 {
	return metric(fams, name, "").GetGauge().GetValue()
}

func counterValue(fams map[string]*dto.MetricFamily, name, label string) float64 {
	return metric(fams, name, label).GetCounter().GetValue()
}

func histogramCount(fams map[string]*dto.MetricFamily, name, phase string) uint64 {
	return metric(fams, name, phase).GetHistogram().GetSampleCount()
}
