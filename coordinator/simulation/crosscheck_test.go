package simulation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// A study whose recipe requires a cross-checked decryption
// (require_cross_check) publishes no model that one decryption set of t
// holders decrypted. At threshold 3 of 3, with holder 2 shifting its
// decryption shares, the study without the option publishes the shifted
// model (TestHolderShiftingItsDecryptionShareIsCaught); with it, the
// coordinator fails round 1 at once, since no spare holder can come, and
// the round never closes. At 3 of 4, with hospital 4 gone after its
// upload, it waits for a spare holder until the phase deadline, then
// fails the round naming the holders live. At 2 of 3 the same option lets
// every honest round publish, and the audit shows each cross-checked.
func TestStudyRequiringASpareHolderPublishesNoModelOneSetDecrypted(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	study := func(hospitals, threshold int) simulation.Config {
		return crossCheckStudy(t, hospitals, threshold, records.StandardiseNone)
	}
	refused := func(cfg simulation.Config, want string) {
		t.Helper()
		s, err := simulation.Run(ctx, cfg)
		if s != nil {
			t.Cleanup(s.Close)
		}
		require.Error(t, err, "a model one set decrypted must not be published")
		t.Logf("study stopped: %v", err)
		assert.ErrorIs(t, err, coordinator.ErrNotCrossChecked)
		assert.ErrorContains(t, err, want)
		if s != nil {
			r, err := s.Ledger().Round(ctx, s.StudyID(), 1)
			require.NoError(t, err)
			assert.False(t, r.Closed, "round 1 published nothing")
		}
	}

	exact := study(3, 3)
	exact.Attacks = map[int]participant.Attack{1: {Kind: participant.AttackShiftDecryption}}
	refused(exact, "the study has 3 share holders at threshold 3, so none can be spare")
	gone := study(4, 3)
	gone.DropAfter = map[int]uint32{3: 1}
	refused(gone, "3 share holders live and contributing by the phase deadline, threshold 3")

	s2, err := simulation.Run(ctx, study(3, 2))
	if s2 != nil {
		t.Cleanup(s2.Close)
	}
	require.NoError(t, err, "with a spare holder the option costs nothing")
	rep := auditStudy(ctx, t, s2)
	require.True(t, rep.OK, "%v", rep.Rounds)
	assert.Empty(t, rep.NotCrossChecked())
	assert.True(t, rep.Rounds[0].CrossChecked)
}

// The pooled standardiser, decrypted from the moments sum before round 1,
// is held to the same rule: at threshold 3 of 3 no spare holder can come,
// so the coordinator stops before round 1 opens instead of asking one set
// (whose holders would refuse it: participant
// TestHolderRequiringACrossCheckRefusesASingleMomentsDecryptionSet); at 2
// of 3 the standardiser is decrypted by three sets and the study runs.
func TestStudyRequiringASpareHolderAgreesNoStandardiserOneSetDecrypted(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, crossCheckStudy(t, 3, 3, records.StandardisePooled))
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.Error(t, err, "a standardiser one set decrypted must not be used")
	t.Logf("study stopped: %v", err)
	assert.ErrorIs(t, err, coordinator.ErrNotCrossChecked)
	assert.ErrorContains(t, err, "the study has 3 share holders at threshold 3, so none can be spare")
	if s != nil {
		st, err := s.Ledger().Study(ctx, s.StudyID())
		require.NoError(t, err)
		assert.Zero(t, st.CurrentRound, "round 1 never opened")
	}

	s2, err := simulation.Run(ctx, crossCheckStudy(t, 3, 2, records.StandardisePooled))
	if s2 != nil {
		t.Cleanup(s2.Close)
	}
	require.NoError(t, err, "with a spare holder the option costs nothing")
	require.NotNil(t, s2.Standardiser(), "the pooled standardiser was agreed")
	rep := auditStudy(ctx, t, s2)
	require.True(t, rep.OK, "%v", rep.Rounds)
	assert.True(t, rep.Rounds[0].CrossChecked)
}

// crossCheckStudy is a one-round study of hospitals at threshold whose
// recipe requires a cross-checked decryption, standardised as std.
func crossCheckStudy(t *testing.T, hospitals, threshold int, std records.Standardisation) simulation.Config {
	cfg := simulation.Config{Hospitals: hospitals, Seed: 7, DataDir: t.TempDir(), PhaseTimeout: 3 * time.Second, LocalConsent: true,
		Threshold: threshold, MinParticipants: threshold}
	recipe := models.DefaultRecipe(simulation.SyntheticConfig(cfg).Features)
	recipe.Rounds, recipe.Standardise, recipe.RequireCrossCheck = 1, std, true
	cfg.Recipe = &recipe
	return cfg
}
