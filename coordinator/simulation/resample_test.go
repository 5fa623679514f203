package simulation_test

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A coordinator that, once round 1's aggregate is opened, asks for it
// again under one active set of four after another (six holders, t = 3;
// each task names the sets DecryptionSets derives, as holders check),
// collects a fresh smudged sample of a holder's share for each new set
// holding its point: ten for each holder. A holder gives shares of one
// aggregate for at most 2(t + 1) = 8 distinct sets, then refuses, and the
// hostile study stops.
func TestHolderBoundsTheDecryptionSetsAHostileCoordinatorResamples(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var mu sync.Mutex
	most := map[common.Address]int{}
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 6, Rounds: 1, Seed: 6, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 3, MinParticipants: 4,
		ResampleDecryption: &coordinator.ResampleDecryption{
			ActiveSets: func(_ uint32, points []uint64) [][]uint64 {
				var out [][]uint64
				for a := range points {
					for b := a + 1; b < len(points); b++ {
						for c := b + 1; c < len(points); c++ {
							for d := c + 1; d < len(points); d++ {
								out = append(out, []uint64{points[a], points[b], points[c], points[d]})
							}
						}
					}
				}
				return out
			},
			Sampled: func(_ uint32, sets map[common.Address]int) {
				mu.Lock()
				defer mu.Unlock()
				for a, n := range sets {
					most[a] = max(most[a], n)
				}
			},
		},
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("distinct decryption sets each holder gave shares of round 1's aggregate for: %v", most)
	require.Error(t, err, "the hostile coordinator's study must not go on")
	t.Logf("study stopped: %v", err)
	assert.ErrorContains(t, err, "at most 8 distinct decryption sets", "a holder refused a ninth set")
	assert.Contains(t, logs.String(), "asking for the round's aggregate again under another active set")
	require.Len(t, most, 6, "every holder was asked again")
	for a, n := range most {
		assert.LessOrEqual(t, n, 8, "holder %s", a.Hex())
	}
	assert.Contains(t, slices.Collect(maps.Values(most)), 8, "some holder gave shares up to the bound")
}
