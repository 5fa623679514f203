package simulation_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/audit"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/records"
)

// With pooled standardisation a coordinator restarted mid-study and a
// hospital node restarted after round 1 both resume with the standardiser
// agreed before round 1, from the coordinator's store and the node's data
// directory: the moments phase runs once.
func TestPooledStandardisationSurvivesRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 2, Seed: 8, DataDir: t.TempDir(), Threshold: 3, LocalConsent: true,
		Standardise: records.StandardisePooled, Scales: []float64{1, 1, 1, 1, 1, 1, 1, 1},
		RestartCoordinatorIn: 2, RestartParticipantAfter: map[int]uint32{1: 1}, PhaseTimeout: 20 * time.Second,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	out := logs.String()
	assert.Equal(t, 1, strings.Count(out, "pooled standardiser agreed"), "the moments phase ran once")
	assert.Contains(t, out, "pooled standardiser restored from the store", "the restarted coordinator kept it")
	assert.Contains(t, out, "pooled standardiser restored from the data directory", "the restarted hospital kept it")
	require.NotNil(t, s.Standardiser())
	enc, err := s.Standardiser().Encode()
	require.NoError(t, err)
	study, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	assert.Equal(t, crypto.Keccak256Hash(enc), study.StandardiserHash, "the agreed standardiser is on chain, where hospitals check it")
	assert.Equal(t, 1, strings.Count(out, "pooled standardiser recorded on chain"), "recorded once, before round 1")
	pinned, err := s.Ledger().MomentsSum(ctx, s.StudyID())
	require.NoError(t, err)
	assert.NotEqual(t, common.Hash{}, pinned, "the moments sum holders decrypted is pinned on chain")
	require.Len(t, s.Rounds(), 2)
	for _, f := range s.Rounds() {
		assert.Equal(t, 3, f.Participants, "round %d: every hospital trained with the standardiser", f.Round)
	}
	assert.Greater(t, s.Rounds()[1].Accuracy, 0.7)

	// The audit decrypts the pinned sum again from the record the
	// coordinator kept across its restart: 3 holders at threshold 3 are
	// one decryption set, which it names.
	rep := auditStudy(ctx, t, s)
	require.NotNil(t, rep.Moments)
	assert.Equal(t, audit.Verified, rep.Moments.Verdict, "%v", rep.Moments.Problems)
	assert.Equal(t, pinned, rep.Moments.Sum)
	assert.Equal(t, study.StandardiserHash, rep.Moments.Standardiser)
	assert.Equal(t, 1, rep.Moments.DecryptionSets)
	assert.True(t, rep.Moments.NotCrossChecked())
	assert.True(t, rep.OK, "%v", rep.Rounds)
	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "moments: NOT cross-checked (one set)")
}

// A study with one hospital cannot pool: the pooled statistics would be its own.
func TestPooledStandardisationNeedsTwoHospitals(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 1, Rounds: 1, Seed: 1, DataDir: t.TempDir(), LocalConsent: true,
		Standardise: records.StandardisePooled, Scales: []float64{1, 1, 1, 1, 1, 1, 1, 1},
	})
	require.ErrorContains(t, err, "needs at least 2")
}
