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
	var logs bytes.Buffer // one handler serialises its writes
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
