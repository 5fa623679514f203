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

// A coordinator killed in the middle of round 2 and started again with
// nothing but the chain and its blob store resumes the same round, loses no
// committed update, and the study finishes with chain-verified models.
func TestCoordinatorRestartMidRound(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var logs lockedBuffer // read while nodes may still log
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("study log:\n%s", logs.String())
		}
	})
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 3, Seed: 5, DataDir: t.TempDir(),
		PhaseTimeout: 20 * time.Second, RestartCoordinatorIn: 2, LocalConsent: true,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Contains(t, logs.String(), "resuming study from the chain", "the coordinator really restarted")
	t.Logf("updates recovered from the store after the restart: %d", strings.Count(logs.String(), "recovered an update uploaded before the restart"))

	require.Len(t, s.Rounds(), 3, "every round reported once")
	for i, f := range s.Rounds() {
		assert.Equal(t, uint32(i+1), f.Round)
		r, err := s.Ledger().Round(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		assert.True(t, r.Closed)
		assert.Equal(t, f.ModelHash, r.Result.ModelHash)
		assert.Equal(t, 3, f.Participants, "round %d lost no update", f.Round)
	}
	study, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	assert.True(t, study.Completed)
	assert.Greater(t, s.Rounds()[2].Accuracy, 0.8)
}

// A coordinator whose disk died in round 2 of a study with pooled
// standardisation (its moments sum pinned before round 1), started again
// on an empty data directory, stops the study with ErrStoreLost, naming
// the open round and the pinned sum: nothing rebuilds its store (README:
// "A coordinator that lost its data directory").
func TestCoordinatorWhoseDiskDiedStopsTheStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var logs lockedBuffer
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("study log:\n%s", logs.String())
		}
	})
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 3, Seed: 8, DataDir: t.TempDir(), Threshold: 3, LocalConsent: true,
		Standardise: records.StandardisePooled, Scales: []float64{1, 1, 1, 1, 1, 1, 1, 1},
		RestartCoordinatorIn: 2, CoordinatorDiskLost: true, PhaseTimeout: 20 * time.Second,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.ErrorIs(t, err, coordinator.ErrStoreLost)
	assert.Nil(t, s)
	require.Contains(t, err.Error(), "in round 2, open")
	require.Contains(t, err.Error(), "with the moments sum")
}
