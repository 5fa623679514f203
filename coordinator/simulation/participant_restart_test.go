package simulation_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A hospital node killed right after its round-1 upload and started again
// with nothing but its key, its encrypted keystore and its data directory
// rejoins, still holds its threshold key share, and takes part in every later
// round, decryption included.
func TestParticipantRestartResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 3, Seed: 6, DataDir: t.TempDir(), Threshold: 3,
		RestartParticipantAfter: map[int]uint32{1: 1}, PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	if err != nil {
		t.Log(logs.String())
	}
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Contains(t, logs.String(), "key shares restored from the keystore", "the restarted node read its shares back")
	require.Len(t, s.Rounds(), 3)
	restarted := s.Participants()[1].Address
	for _, f := range s.Rounds() {
		// t = n = 3: every round's decryption needed the restarted node.
		assert.Equal(t, 3, f.Participants, "round %d", f.Round)
		_, err := s.Ledger().Commitment(ctx, s.StudyID(), f.Round, restarted)
		assert.NoError(t, err, "round %d: the restarted node committed", f.Round)
	}
	assert.Equal(t, 1, strings.Count(logs.String(), "key shares restored from the keystore"))
}
