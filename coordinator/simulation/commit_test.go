package simulation_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A hostile coordinator tampers with the signed commitments it records in
// its batches: in round 1 it alters one (its sample count), in round 2 it
// replays that hospital's round-1 commitment and drops another's. The
// contract refuses the altered and the replayed entries (their signatures
// recover someone else), the coordinator records the others apart, and
// the round aggregates only updates whose commitment the chain records as
// their hospital signed it: nothing tampered with reaches the chain.
func TestHostileCoordinatorTamperingWithCommitments(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var mu sync.Mutex
	signed := map[uint32]map[common.Address]contracts.Commitment{} // as each hospital signed it
	var victim, dropped common.Address
	var round1 contracts.SignedCommitment
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 2, Seed: 6, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true, MinParticipants: 2, Threshold: 2,
		TamperCommitments: func(round uint32, batch []contracts.SignedCommitment) []contracts.SignedCommitment {
			mu.Lock()
			defer mu.Unlock()
			signed[round] = map[common.Address]contracts.Commitment{}
			for _, sc := range batch {
				signed[round][sc.Member] = sc.Commitment
			}
			out := append([]contracts.SignedCommitment(nil), batch...)
			switch round {
			case 1:
				victim, round1 = out[0].Member, out[0]
				out[0].Samples++
			case 2:
				require.Equal(t, victim, out[0].Member, "the batch is in member order")
				out[0] = round1
				dropped = out[1].Member
				out = append(out[:1], out[2:]...)
			}
			return out
		},
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.NoError(t, err, "the rounds go on without the tampered updates")
	rep, err := s.Report(time.Second)
	require.NoError(t, err)
	require.Len(t, rep.Rounds, 2)
	assert.Len(t, rep.Rounds[0].Contributors, 3)
	assert.NotContains(t, rep.Rounds[0].Contributors, victim, "the altered commitment's update is left out")
	assert.Len(t, rep.Rounds[1].Contributors, 2)
	assert.NotContains(t, rep.Rounds[1].Contributors, victim, "the replayed commitment's update is left out")
	assert.NotContains(t, rep.Rounds[1].Contributors, dropped, "the dropped commitment's update is left out")

	for r := uint32(1); r <= 2; r++ {
		onChain, err := s.Ledger().Commitments(ctx, s.StudyID(), r)
		require.NoError(t, err)
		for member, cm := range onChain {
			assert.Equal(t, signed[r][member], cm, "round %d: the chain records %s's commitment as it signed it (by the batch or by itself)", r, member.Hex())
		}
	}
	t.Logf("hospital logs about batched commitments:\n%s", grepLines(logs.String(), "commitment"))
	assert.Contains(t, logs.String(), "signed commitments left out", "the coordinator recorded the good entries apart from the refused one")
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
