package simulation_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// The live handle stops and restarts processes of a running study: after
// round 1 the caller stops a hospital and restarts the coordinator, round 2
// closes without that hospital, and after it the caller starts the
// hospital again, which comes back with its key shares from its keystore
// while the study completes.
func TestLiveHandleStopsAndRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var logs bytes.Buffer // one handler serialises its writes
	var (
		study   *simulation.Study
		handles []error
	)
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 8, DataDir: t.TempDir(), LocalConsent: true,
		Threshold: 3, MinParticipants: 3, PhaseTimeout: 3 * time.Second, Live: true,
		Log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		OnStart: func(s *simulation.Study) error { study = s; return nil },
		Progress: func(f simulation.RoundFigures) {
			switch f.Round {
			case 1:
				handles = append(handles, study.StopHospital(3), study.RestartCoordinator())
				if study.StopHospital(3) == nil {
					handles = append(handles, errors.New("a stopped hospital stopped again"))
				}
			case 2:
				handles = append(handles, study.StartHospital(3))
			}
		},
	})
	if err != nil {
		t.Log(logs.String())
	}
	require.NoError(t, err)
	t.Cleanup(s.Close)
	for _, err := range handles {
		require.NoError(t, err)
	}
	assert.Contains(t, logs.String(), "resuming study from the chain", "the coordinator really restarted")
	assert.Equal(t, 1, strings.Count(logs.String(), "key shares restored from the keystore"), "the hospital's new node read its shares back")
	require.Len(t, s.Rounds(), 3)
	assert.Equal(t, 4, s.Rounds()[0].Participants)
	assert.Equal(t, 3, s.Rounds()[1].Participants, "round 2 closed without the stopped hospital")
	stopped := s.Participants()[3].Address
	_, err = s.Ledger().Commitment(ctx, s.StudyID(), 2, stopped)
	assert.Error(t, err, "the stopped hospital committed nothing in round 2")
	onChain, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	assert.True(t, onChain.Completed)
}
