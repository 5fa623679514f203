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
	"github.com/cohort-fl/cohort/participant"
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

// A hostile hospital that holds consented training records can decline
// the moments phase's count as having none (participant
// AttackFalseNoConsent), as a hospital whose patients have not granted
// yet does. Nothing the coordinator reads tells the two apart (its
// consent may be local, and it relays its own patients' grants), and the
// study cannot start without it (its minimum is every hospital): the
// coordinator waited for it for as long as it ran. It now waits no
// longer than the study's consent wait, then stops before round 1,
// naming the hospital and what to do.
func TestFalseNoConsentHoldsTheStudyOnlyForTheConsentWait(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const hostile = 2
	var logs lockedBuffer
	_, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 1, Seed: 5, DataDir: t.TempDir(), Threshold: 2,
		Standardise: records.StandardisePooled, Scales: []float64{1, 1, 1, 1, 1, 1, 1, 1},
		Attacks:      map[int]participant.Attack{hostile: {Kind: participant.AttackFalseNoConsent}},
		PhaseTimeout: 30 * time.Second, ConsentWait: 3 * time.Second,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.Error(t, err, "the study ran without a hospital its minimum needs")
	require.NotErrorIs(t, err, context.DeadlineExceeded, "the coordinator still waited for the hospital when the test ran out:\n%s", logs.String())
	require.ErrorIs(t, err, coordinator.ErrConsentWaitOver)
	name := "hospital-3" // index 2
	assert.Contains(t, err.Error(), name, "the operator reads which hospital holds the study")
	assert.NotContains(t, err.Error(), "hospital-1")
	assert.Contains(t, logs.String(), coordinator.MsgAwaitingConsent, "it waited first, as for an honest hospital")
	assert.NotContains(t, logs.String(), "pooled standardiser agreed")
}
