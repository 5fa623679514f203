package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
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
	s, logs := runLogged(ctx, t, simulation.Config{
		Hospitals: 3, Rounds: rounds, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 2, MinParticipants: 2, StrikeLimit: rounds + 1, Robust: true,
		Spec:    &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
		Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackOutOfRange, Seed: 9}},
	})
	bad := s.Participants()[attacker].Address
	assert.Contains(t, logs.String(), "flags=out-of-range", "the coordinator says why")
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

// The limit, stated: in a plain study the same upload stops the round.
// No one may decrypt an update there, so no one can tell whose upload is
// out of range; the aggregate of all of them decrypts beyond the bound and
// the coordinator refuses to publish it. The error says so and what the
// consortium can do; nobody is named, and the hospital can repeat it
// every round (a robust study is the defence, above).
func TestOutOfRangeUploadStopsAPlainStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 2, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 2, MinParticipants: 2,
		Attacks: map[int]participant.Attack{2: {Kind: participant.AttackOutOfRange, Seed: 9}},
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.Error(t, err, "a plain round cannot publish an aggregate with an out-of-range update")
	t.Logf("study stopped: %v", err)
	assert.ErrorIs(t, err, aggregation.ErrInconsistentDecryption)
	assert.ErrorContains(t, err, "cannot publish: the aggregate of round 1's updates")
	assert.ErrorContains(t, err, "most likely one of them is not an encryption of values within the scheme's bound")
	assert.ErrorContains(t, err, "this plain study cannot tell which without decrypting an update")
	assert.ErrorContains(t, err, "create the study with a robust policy")
}
