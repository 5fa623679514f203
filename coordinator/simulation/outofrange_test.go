package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
)

// A hostile hospital uploads uniform residues in place of an encryption
// of bounded values (the out-of-range attack): whatever weight it gets,
// the aggregate decrypts beyond the bound of valid updates and the round
// cannot publish. In a robust study its decrypted scores are out of range
// too, which no valid update's can be: it is flagged whatever the round's
// size (in a round of three no statistic can flag anyone), weighs
// nothing, is struck on chain, and the study publishes every round
// without it.
func TestOutOfRangeUploadIsFlaggedInARobustStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker, rounds = 2, 2
	s, _ := runLogged(ctx, t, simulation.Config{
		Hospitals: 3, Rounds: rounds, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 2, MinParticipants: 2, StrikeLimit: rounds + 1, Robust: true,
		Spec:    &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
		Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackOutOfRange, Seed: 9}},
	})
	bad := s.Participants()[attacker].Address
	require.Len(t, s.Rounds(), rounds, "every round publishes")
	for _, f := range s.Rounds() {
		assert.Contains(t, f.Contributors, bad, "round %d: the attacker's upload was in the round", f.Round)
		assert.Equal(t, []common.Address{bad}, f.Flagged, "round %d: the attacker, and only it, is flagged", f.Round)
		scores, err := s.Ledger().Scores(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		for _, sc := range scores {
			if sc.Member == bad {
				assert.True(t, sc.Flagged, "round %d: flagged on chain", f.Round)
				assert.Zero(t, sc.Weight, "round %d: the out-of-range update weighs nothing", f.Round)
			}
		}
	}
	st, err := s.Ledger().Participant(ctx, s.StudyID(), bad)
	require.NoError(t, err)
	assert.EqualValues(t, rounds, st.Strikes, "struck on chain every round")
}
