package simulation_test

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A coordinator that splits six holders (t = 3) into two groups has the
// first decrypt the round's aggregate of all six updates and asks the
// second, which has decrypted nothing this round, for the aggregate of the
// first five: their difference would be the sixth hospital's update in
// the clear. Each holder's own rule (one aggregate per round) does not
// stop it; the round's contributor list, pinned on chain before anyone
// decrypts, does: the second group refuses and nothing more is opened.
func TestSecondHolderGroupRefusesAnotherList(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var opened atomic.Bool
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 6, Rounds: 1, Seed: 5, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 3, MinParticipants: 4,
		SplitDecryption: &coordinator.SplitDecryption{
			Other: func(_ uint32, contributors []common.Address) []common.Address {
				return contributors[:len(contributors)-1]
			},
			Opened: func(r uint32, first, second []float64) {
				opened.Store(true)
				t.Errorf("round %d: a second group of holders opened the aggregate of all but the last hospital; with the first it gives that hospital's update away (first values %.4g and %.4g)", r, first[:3], second[:3])
			},
		},
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.Error(t, err, "the hostile coordinator's study must not go on")
	t.Logf("study stopped: %v", err)
	assert.False(t, opened.Load(), "no second aggregate of the round was opened")
	assert.ErrorContains(t, err, "not the list pinned on chain", "a holder of the second group refused the other list")
	assert.Contains(t, logs.String(), "contributors pinned", "the coordinator pinned the round's list before anyone decrypted")
	assert.Contains(t, logs.String(), "asking the other holders for the aggregate of another list", "the second group was asked")
}
