package simulation_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/records"
)

// A hospital whose patients' consent is relayed only after the coordinator
// first asked for the moments phase declines it (no consented training
// record): the coordinator waits, names the hospital and what to do, and
// asks again, where it gave up after three runs of the phase and exited
// before round 1. Once the grants are on chain round 1 runs with every
// hospital, without a restart.
func TestMomentsPhaseWaitsForAHospitalsLateConsent(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const late, waits = 2, 3 // hospital index; waits before its grants are relayed
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 1, Seed: 5, DataDir: t.TempDir(), Threshold: 2,
		Standardise: records.StandardisePooled, Scales: []float64{1, 1, 1, 1, 1, 1, 1, 1},
		LateConsent: map[int]int{late: waits}, PhaseTimeout: 30 * time.Second,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	if err != nil {
		t.Log(logs.String())
	}
	require.NoError(t, err)
	t.Cleanup(s.Close)
	var told []string
	for l := range strings.Lines(logs.String()) {
		if strings.Contains(l, coordinator.MsgAwaitingConsent) {
			told = append(told, l)
		}
	}
	require.GreaterOrEqual(t, len(told), waits, "the coordinator waited each time the hospital declined")
	for _, l := range told {
		assert.Contains(t, l, s.Participants()[late].Name, "the coordinator's operator reads which hospital has no consent")
		assert.NotContains(t, l, s.Participants()[0].Name)
	}
	assert.Equal(t, 1, strings.Count(logs.String(), "pooled standardiser agreed"))
	require.Len(t, s.Rounds(), 1)
	assert.Equal(t, 3, s.Rounds()[0].Participants, "the late hospital trains in round 1")
}
