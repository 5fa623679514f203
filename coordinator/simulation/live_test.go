package simulation_test

import (
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
// round 1 the caller kills a hospital's node and the coordinator and starts
// both again; the new node comes back with its key shares from its
// keystore, the new coordinator from the chain and its store, and every
// later round has every hospital, decryption included (t = n).
func TestLiveHandleStopsAndRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var logs lockedBuffer // read while nodes may still log
	var (
		study   *simulation.Study
		handles []error
	)
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 8, DataDir: t.TempDir(), LocalConsent: true,
		Threshold: 4, PhaseTimeout: 20 * time.Second, Live: true,
		Log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		OnStart: func(s *simulation.Study) error { study = s; return nil },
		Progress: func(f simulation.RoundFigures) {
			switch f.Round {
			case 1:
				handles = append(handles, study.StopHospital(3), study.RestartCoordinator())
				if study.StopHospital(3) == nil {
					handles = append(handles, errors.New("a stopped hospital stopped again"))
				}
				if study.StartHospital(0) == nil {
					handles = append(handles, errors.New("a running hospital started again"))
				}
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
	restarted := s.Participants()[3].Address
	for _, f := range s.Rounds() {
		// t = n = 4: every round's decryption needed the restarted node.
		assert.Equal(t, 4, f.Participants, "round %d", f.Round)
		_, err := s.Ledger().Commitment(ctx, s.StudyID(), f.Round, restarted)
		assert.NoError(t, err, "round %d: the restarted node committed", f.Round)
	}
	onChain, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	assert.True(t, onChain.Completed)
}

// A hospital whose node goes down for good after round 1 costs the later
// rounds the coordinator's absent grace, not its phase timeout: the phase
// closes once every missing answer is from a node that has been away that
// long. The phase timeout here is longer than the test's whole budget, so
// waiting it out would fail the test.
func TestDownHospitalCostsTheAbsentGraceNotThePhaseTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var logs lockedBuffer
	var (
		study         *simulation.Study
		stop, restart error
	)
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 9, DataDir: t.TempDir(), LocalConsent: true,
		Threshold: 3, MinParticipants: 3, PhaseTimeout: 10 * time.Minute, AbsentGrace: 2 * time.Second, Live: true,
		Log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		OnStart: func(s *simulation.Study) error { study = s; return nil },
		Progress: func(f simulation.RoundFigures) {
			switch f.Round {
			case 1:
				stop = study.StopHospital(3)
			case 2:
				// A restarted coordinator knows the node went away before
				// the restart (its store keeps when): round 3 does not
				// wait out the 10-minute phase timeout for it either.
				restart = study.RestartCoordinator()
			}
		},
	})
	if err != nil {
		t.Log(logs.String())
	}
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.NoError(t, stop)
	require.NoError(t, restart)
	assert.Contains(t, logs.String(), "resuming study from the chain", "the coordinator really restarted")
	require.Len(t, s.Rounds(), 3)
	assert.Equal(t, 4, s.Rounds()[0].Participants)
	for _, f := range s.Rounds()[1:] {
		assert.Equal(t, 3, f.Participants, "round %d goes on without the node that is down", f.Round)
	}
	assert.Contains(t, logs.String(), "phase closed without participants that are not connected")
}
