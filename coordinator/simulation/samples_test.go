package simulation_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// A hospital that trains and sends an honest update but commits 2^40 times
// its true sample count (the inflate-samples attack), in a robust study
// whose consent is on chain. Its update is honest, so robust scoring does
// not flag it; before the chain bound its count took 0.86 and 0.999996 of
// rounds 1 and 2. Now the study binds samples to consent: the chain refuses
// the commitment (the coordinator's batch leaves it out, and the hospital's
// own commitUpdate reverts with SamplesAboveConsent), the round goes on
// with the honest three, each within its bound, and the inflator has no
// weight in it.
func TestInflatedSampleCountIsRefused(t *testing.T) {
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
	bound, err := s.Ledger().SamplesBound(ctx, s.StudyID())
	require.NoError(t, err)
	require.True(t, bound, "a study with consent on chain binds samples to it")
	inflator := s.Participants()[attacker].Address
	for _, f := range s.Rounds() {
		_, err := s.Ledger().Commitment(ctx, s.StudyID(), f.Round, inflator)
		require.ErrorIs(t, err, contracts.ErrNoCommitment, "round %d: the inflated commitment is refused", f.Round)
		assert.Equal(t, 3, f.Participants, "round %d goes on with the honest hospitals", f.Round)
		scores, err := s.Ledger().Scores(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		for _, sc := range scores {
			assert.NotEqual(t, inflator, sc.Member, "round %d: the inflator is not weighted", f.Round)
		}
		for i, p := range s.Participants() {
			if i == attacker {
				continue
			}
			c, err := s.Ledger().Commitment(ctx, s.StudyID(), f.Round, p.Address)
			require.NoError(t, err)
			b, err := s.Ledger().SampleBound(ctx, s.StudyID(), p.Address, f.Round)
			require.NoError(t, err)
			assert.LessOrEqual(t, c.Samples, b, "round %d: hospital %d commits within its bound", f.Round, i)
		}
	}
}

// The same hospital claims, before round 1, the inflated count in the
// moments phase (2^32−1 consented training records, the most a count may
// be), its moments weighted alike, in a study that binds samples to
// consent. Its count was checked against nothing the chain knows: the
// pooled standardiser was its own moments' (honest hospitals' moments
// weighed 2·10⁻⁸ of the sum), far from the honest hospitals' pool. Now
// the coordinator refuses a count above the hospital's consent bound
// on chain, naming the hospital, and the study pools the honest three.
func TestInflatedMomentsCountIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker = 3
	var logs lockedBuffer
	cfg := simulation.Config{
		Hospitals: 4, Rounds: 1, Seed: 5, DataDir: t.TempDir(), PhaseTimeout: 15 * time.Second, MinParticipants: 3,
		Standardise: records.StandardisePooled, Scales: []float64{1, 1, 1, 1, 1, 1, 1, 1},
		Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackInflateSamples}},
		Log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	}
	s, err := simulation.Run(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	bound, err := s.Ledger().SamplesBound(ctx, s.StudyID())
	require.NoError(t, err)
	require.True(t, bound, "a study with consent on chain binds samples to it")
	sites, err := records.Synthetic(simulation.SyntheticConfig(cfg))
	require.NoError(t, err)
	honest, err := evaluation.ClearPooledStandardiser(sites[:attacker], len(cfg.Scales))
	require.NoError(t, err)
	require.NotNil(t, s.Standardiser())
	assert.True(t, honest.Within(*s.Standardiser(), records.PooledPrecision), "the honest hospitals' pool\nprotocol %v\nhonest   %v", s.Standardiser(), honest)
	assert.Contains(t, logs.String(), s.Participants()[attacker].Address.Hex(), "the refusal names the inflator")
}
