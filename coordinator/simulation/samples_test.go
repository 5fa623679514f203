package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
)

// A hospital that trains and sends an honest update but commits 2^40 times
// its true sample count (the inflate-samples attack), in a robust study
// whose consent is on chain. Its update is honest, so robust scoring does
// not flag it, and its count weighs it: it takes most of every round. This
// is an open hole (README "Security notes"), written as the attack before
// its fix; the test asserts what happens today and must flip with the fix.
func TestInflatedSampleCountOutweighsTheRound(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker = 3
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 2, Seed: 5, DataDir: t.TempDir(), Robust: true,
		PhaseTimeout: 20 * time.Second,
		Attacks:      map[int]participant.Attack{attacker: {Kind: participant.AttackInflateSamples}},
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Len(t, s.Rounds(), 2)
	inflator := s.Participants()[attacker].Address
	for _, f := range s.Rounds() {
		scores, err := s.Ledger().Scores(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		for _, sc := range scores {
			if sc.Member == inflator && !sc.Flagged {
				// Vulnerable: the inflated count takes most of the round's weight.
				assert.Greater(t, sc.Weight, 0.5, "round %d: the inflator's weight", f.Round)
			}
		}
	}
}
