package simulation_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
)

// A hostile hospital node shapes its upload the way the key-extraction attack
// of issue 11 did (2^65 added to every coefficient; public-key ciphertexts
// let it add that to c1 and read w·K·s, the collective secret, out of the
// published model). Its crafted uploads pass every check and the study
// completes; but each published model is exactly the weighted sum of what
// every contributor's own key opens of its own upload: no term of anyone
// else's key is left for the attacker to read. (aggregation's
// TestCraftedUploadLearnsNothingBeyondTheHonestSum runs the attack's
// estimator on the same residual and recovers no key coefficient.)
func TestE2EKeyExtractionLearnsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), slowStudyDeadline)
	defer cancel()
	const attacker = 2
	dataDir := t.TempDir()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 2, Seed: 11, DataDir: dataDir, Threshold: 2, Keystores: true, LocalConsent: true,
		PhaseTimeout: 20 * time.Second, Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackKeyExtraction}},
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Len(t, s.Rounds(), 2)

	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	store, err := coordinator.OpenStore(filepath.Join(dataDir, "coordinator"))
	require.NoError(t, err)
	model := func(h [32]byte) []float64 {
		b, err := store.Get(h)
		require.NoError(t, err)
		v, err := models.DecodeParams(b)
		require.NoError(t, err)
		return v
	}
	keys := make([]*aggregation.SecretShare, len(s.Participants()))
	for i, p := range s.Participants() {
		ks, err := participant.OpenKeystore(filepath.Join(p.DataDir, "keystore"), "demo passphrase", participant.WithLightScrypt())
		require.NoError(t, err)
		raw, err := ks.Get(fmt.Sprintf("study-%d-ckks-secret-share", s.StudyID()))
		require.NoError(t, err)
		keys[i] = new(aggregation.SecretShare)
		require.NoError(t, keys[i].UnmarshalBinary(raw))
	}

	for r := uint32(1); r <= 2; r++ {
		round, err := s.Ledger().Round(ctx, s.StudyID(), r)
		require.NoError(t, err)
		global, next := model(round.GlobalModel), model(round.Result.ModelHash)
		var total float64
		opened := make([][]float64, len(s.Participants()))
		weights := make([]float64, len(s.Participants()))
		for i, p := range s.Participants() {
			cm, err := s.Ledger().Commitment(ctx, s.StudyID(), r, p.Address)
			require.NoError(t, err, "round %d: hospital %d committed (the attacker's crafted upload included)", r, i)
			b, err := store.Get(cm.CiphertextHash)
			require.NoError(t, err)
			var v aggregation.EncryptedVector
			require.NoError(t, v.UnmarshalBinary(b))
			opened[i], err = scheme.DecryptOwn(keys[i], &v)
			require.NoError(t, err)
			weights[i] = float64(cm.Samples)
			total += weights[i]
		}
		for i := range weights {
			weights[i] /= total
		}
		want, err := aggregation.PlainWeightedSum(opened, weights)
		require.NoError(t, err)
		worst := 0.0
		for k := range next {
			worst = math.Max(worst, math.Abs(next[k]-global[k]-want[k]))
		}
		t.Logf("round %d: published update vs the contributors' own openings: max |difference| %.2g", r, worst)
		assert.Less(t, worst, 1e-5, "round %d: the published model is the weighted sum of the contributors' own plaintexts, nothing else", r)
	}
}
