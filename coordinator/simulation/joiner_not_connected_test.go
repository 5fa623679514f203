package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A hospital that joins the study after round 1 but whose node is not
// connected when the re-sharing before round 2 runs deals no key then: it
// is not asked to train in round 2 (it could encrypt under no key the
// holders hold; before 2026-12-07 round 2's training waited the whole
// phase timeout for it, a member the coordinator never saw connected),
// and the re-sharing before round 3, with its node connected, takes it
// in: it deals its key and contributes to round 3.
func TestJoinerNotConnectedAtTheReSharingIsNotAskedToTrain(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const joiner = 3
	s, logs := runLogged(ctx, t, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 8, DataDir: t.TempDir(), Threshold: 2, MinParticipants: 3,
		// The re-sharing before round 2 waits this long for the joiner.
		PhaseTimeout: 8 * time.Second, LocalConsent: true,
		JoinBeforeRound:    map[int]uint32{joiner: 2},
		ConnectBeforeRound: map[int]uint32{joiner: 3},
	})
	assert.Contains(t, logs.String(), "member not connected; it gets a share at a later round")
	assert.Contains(t, logs.String(), coordinator.MsgMemberWithoutKey)
	assert.NotContains(t, logs.String(), "phase closed at deadline without every participant", "no phase waits for the joiner")
	assert.NotContains(t, logs.String(), "phase closed without participants that are not connected")
	rounds := s.Rounds()
	require.Len(t, rounds, 3)
	newcomer := s.Hospitals()[joiner].Address
	assert.NotContains(t, rounds[1].Contributors, newcomer, "round 2")
	assert.Len(t, rounds[1].Contributors, 3, "round 2")
	assert.Contains(t, rounds[2].Contributors, newcomer, "round 3: taken in at the re-sharing before it")
}
