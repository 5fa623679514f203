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
	"github.com/cohort-fl/cohort/participant"
)

// A hospital whose own Ethereum node falls behind after round 1 refuses
// its later train tasks (participant.ErrChainBehind) and declines them:
// the coordinator logs why and closes each train phase with the other
// three at once. The phase timeout is longer than the test's whole budget,
// so waiting it out for the node, connected and silent, would fail the
// test.
func TestDecliningHospitalCostsNoPhaseTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	const behind = 3 // hospital index
	var logs lockedBuffer
	var (
		study *simulation.Study
		held  error
	)
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 9, DataDir: t.TempDir(), LocalConsent: true,
		Threshold: 3, MinParticipants: 3, PhaseTimeout: 10 * time.Minute, Live: true,
		OwnNodes: map[int]bool{behind: true}, ChainCatchUp: time.Second,
		Log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		OnStart: func(s *simulation.Study) error { study = s; return nil },
		Progress: func(f simulation.RoundFigures) {
			if f.Round == 1 {
				held = study.HoldBehind(behind, 5) // its node stops importing the coordinator's blocks in time
			}
		},
	})
	if err != nil {
		t.Log(logs.String())
	}
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.NoError(t, held)
	require.Len(t, s.Rounds(), 3)
	assert.Equal(t, 4, s.Rounds()[0].Participants)
	for _, f := range s.Rounds()[1:] {
		assert.Equal(t, 3, f.Participants, "round %d goes on without the hospital whose node is behind", f.Round)
	}
	var declined []string
	for l := range strings.Lines(logs.String()) {
		if strings.Contains(l, "participant declined a task") {
			declined = append(declined, l)
		}
	}
	require.Len(t, declined, 2, "one decline a round, rounds 2 and 3")
	for _, l := range declined {
		assert.Contains(t, l, "phase=train")
		assert.Contains(t, l, s.Participants()[behind].Address.Hex())
		assert.Contains(t, l, participant.ErrChainBehind.Error(), "the coordinator's operator reads why")
	}
	assert.NotContains(t, logs.String(), "phase closed at deadline")
}
