package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A hospital that dies right after uploading its round-2 update stalls
// neither that round's decryption (another set of t share holders is asked)
// nor the next round (it closes with the remaining contributors).
func TestDropoutDoesNotStallTheStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 3, DataDir: t.TempDir(),
		// The dropped node costs a round the absent grace; the phase
		// timeout leaves slow phases (-race, a loaded machine) room.
		Threshold: 3, MinParticipants: 3, PhaseTimeout: 20 * time.Second, AbsentGrace: time.Second, LocalConsent: true,
		DropAfter: map[int]uint32{0: 2},
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)

	require.Len(t, s.Rounds(), 3)
	assert.Equal(t, []int{4, 4, 3}, []int{s.Rounds()[0].Participants, s.Rounds()[1].Participants, s.Rounds()[2].Participants})
	for _, f := range s.Rounds() {
		r, err := s.Ledger().Round(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		assert.True(t, r.Closed, "round %d closed on chain", f.Round)
		assert.Equal(t, f.ModelHash, r.Result.ModelHash)
	}
	dropped := s.Participants()[0].Address
	_, err = s.Ledger().Commitment(ctx, s.StudyID(), 3, dropped)
	assert.Error(t, err, "the dropped site committed nothing in round 3")
	assert.Greater(t, s.Rounds()[2].Accuracy, 0.8, "the study kept learning without it")
}
