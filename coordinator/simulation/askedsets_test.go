package simulation_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A coordinator killed each time a set of holders has given its shares of
// round 1's aggregate, and started again, while two of six holders (t = 3)
// go down and come back in turn, chooses an active set again four times
// for the same aggregate. Chosen afresh from the live holders each time
// (all six, then the four live, then five, then the other five), some
// holder gives shares for 5 to 8 distinct decryption sets, past the bound
// of 4 the holders are held to here (2(t + 1) = 8 otherwise), and it
// refuses: the round stalls. A coordinator that asks again the sets it
// asked before when their holders are live keeps every holder within 4,
// and the round closes.
func TestCoordinatorRestartsInDecryptionStayWithinTheHoldersBound(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	const bound = 4
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var (
		logs    lockedBuffer
		study   *simulation.Study
		mu      sync.Mutex
		asked   [][]uint64
		handles []error
	)
	// After the n-th set asked for round 1's aggregate gave its shares:
	// which hospitals (by index) stop and start before the coordinator is
	// killed; none after the last, and the round goes on.
	plan := []struct{ stop, start []int }{
		{stop: []int{4, 5}},
		{start: []int{4}},
		{stop: []int{4}, start: []int{5}},
		{start: []int{4}},
	}
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 6, Rounds: 1, Seed: 31, DataDir: t.TempDir(), LocalConsent: true,
		Threshold: 3, MinParticipants: 4, PhaseTimeout: 20 * time.Second, AbsentGrace: 2 * time.Second, Live: true,
		HolderSetsBound: bound,
		Log:             slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		OnStart:         func(s *simulation.Study) error { study = s; return nil },
		RestartCoordinatorAfterShares: func(round uint32, aggregate string, points []uint64) bool {
			if round != 1 || aggregate != "decrypt" {
				return false
			}
			mu.Lock()
			defer mu.Unlock()
			asked = append(asked, points)
			n := len(asked) - 1
			if n >= len(plan) {
				return false
			}
			for _, i := range plan[n].stop {
				handles = append(handles, study.StopHospital(i))
			}
			for _, i := range plan[n].start {
				handles = append(handles, study.StartHospital(i))
			}
			return true
		},
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("active sets whose shares of round 1's aggregate came in, in turn: %v", asked)
	if err != nil {
		t.Log(logs.String())
	}
	require.NoError(t, err, "the round closes")
	for _, err := range handles {
		require.NoError(t, err)
	}
	require.Len(t, asked, len(plan)+1, "the coordinator was killed after each set but the last")
	assert.Equal(t, len(plan), strings.Count(logs.String(), "resuming study from the chain"), "and restarted each time")
	assert.Len(t, asked[0], 6, "all six holders first")
	assert.Len(t, asked[1], 4, "the four live holders")
	assert.Equal(t, asked[1], asked[2], "five live: the four asked before again, not the five")
	assert.Equal(t, asked[1], asked[3], "the other five live: the four again")
	assert.Equal(t, asked[0], asked[4], "all six live: the largest set asked before")
	assert.Equal(t, 3, strings.Count(logs.String(), "asked_before=true"), "and said so (coordinator.MsgAskingAgain)")
	require.Len(t, s.Rounds(), 1)
	for _, p := range s.Participants() {
		given := setsGiven(t, p.DataDir, "decrypt")
		t.Logf("%s gave shares of round 1's aggregate for %d decryption sets: %v", p.Name, len(given), given)
		assert.NotEmpty(t, given, "%s helped decrypt", p.Name)
		assert.LessOrEqual(t, len(given), bound, "%s stays within its bound", p.Name)
	}
}

// setsGiven reads the decryption sets a holder (its data directory dir)
// kept that it gave shares of kind's one aggregate for (participant
// sets-given/<kind>-<hash>.json).
func setsGiven(t *testing.T, dir, kind string) [][]uint64 {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "sets-given", kind+"-*.json"))
	require.NoError(t, err)
	require.LessOrEqual(t, len(files), 1, "one %s aggregate in a one-round study", kind)
	if len(files) == 0 {
		return nil
	}
	raw, err := os.ReadFile(files[0])
	require.NoError(t, err)
	var sets [][]uint64
	require.NoError(t, json.Unmarshal(raw, &sets), fmt.Sprintf("%s is a list of sets", files[0]))
	return sets
}
