package simulation_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// A hospital that leaves the study once the threshold key is dealt and
// checked, before round 1 opens: its dealing passed the check, so every
// holder holds a share of its key, and the holders that stay re-share the
// key among themselves before round 1, whether the coordinator runs on
// (as between rounds) or is restarted before round 1 (before 2026-12-07
// the restarted one had every hospital deal again and waited for the
// leaver, coordinator.MsgDealerLeftBeforeRoundOne). Rounds 1 and 2 close
// without it. A stall fails at once: the study is cancelled when the
// coordinator says it waits for the leaver.
func TestHospitalLeavingBeforeRoundOneIsNotAwaited(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, tc := range []struct {
		name    string
		restart bool
	}{
		{"coordinator running", false},
		{"coordinator restarted before round 1", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const leaver = 2
			s, logs, err := runUntilWaitingForLeaver(t, simulation.Config{
				Hospitals: 3, Rounds: 2, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
				Threshold: 2, MinParticipants: 2,
				LeaveBeforeRound:                 map[int]uint32{leaver: 1},
				RestartCoordinatorBeforeRoundOne: tc.restart,
			})
			require.NoError(t, err)
			assert.NotContains(t, logs.String(), coordinator.MsgDealerLeftBeforeRoundOne)
			assert.Contains(t, logs.String(), "threshold key re-shared")
			if tc.restart {
				assert.Contains(t, logs.String(), coordinator.MsgReshareWithoutLeavers)
			}
			rounds := s.Rounds()
			require.Len(t, rounds, 2, "rounds 1 and 2 close without the leaver")
			gone := s.Hospitals()[leaver].Address
			for _, r := range rounds {
				assert.NotContains(t, r.Contributors, gone, "round %d", r.Round)
				assert.Len(t, r.Contributors, 2, "round %d", r.Round)
			}
		})
	}
}

// runUntilWaitingForLeaver runs the study of cfg with its log kept, and
// cancels it as soon as the coordinator says it waits for a hospital that
// left (coordinator.MsgDealerLeftBeforeRoundOne), so that a stall fails the
// test quickly.
func runUntilWaitingForLeaver(t *testing.T, cfg simulation.Config) (*simulation.Study, *lockedBuffer, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	studyCtx, stopStudy := context.WithCancel(ctx)
	t.Cleanup(stopStudy)
	logs := new(lockedBuffer)
	cfg.Log = slog.New(cancelOn{Handler: slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}),
		msg: coordinator.MsgDealerLeftBeforeRoundOne, cancel: stopStudy})
	s, err := simulation.Run(studyCtx, cfg)
	if s != nil {
		t.Cleanup(s.Close)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the study's log:\n%s", logs.Bytes())
		}
	})
	return s, logs, err
}

// A member of the decryption committee leaving before round 1, once every
// hospital's key is dealt to the committee and checked: the coordinator,
// running on or restarted, does not have the hospitals deal again (which
// waited for the leaver) but has the chain select a new committee and the
// members that stay hand the keys over to it, as between rounds; with
// fewer than t members of the committee staying, the study stops at once,
// saying to create a new study (or that the leaver join again).
func TestCommitteeMemberLeavingBeforeRoundOne(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, tc := range []struct {
		name      string
		threshold int
		restart   bool
	}{
		{"coordinator running", 2, false},
		{"coordinator restarted before round 1", 2, true},
		{"below the threshold, coordinator running", 3, false},
		{"below the threshold, coordinator restarted", 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, logs, err := runUntilWaitingForLeaver(t, simulation.Config{
				Hospitals: 4, Rounds: 2, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
				CommitteeSize: 3, Threshold: tc.threshold, MinParticipants: 3,
				CommitteeLeaveBeforeRound:        1,
				RestartCoordinatorBeforeRoundOne: tc.restart,
			})
			assert.NotContains(t, logs.String(), coordinator.MsgDealerLeftBeforeRoundOne)
			if tc.restart {
				assert.Contains(t, logs.String(), coordinator.MsgReshareWithoutLeavers)
			}
			if tc.threshold == 3 {
				require.ErrorIs(t, err, coordinator.ErrBelowThreshold)
				assert.ErrorContains(t, err, "A holder that left can join the study again; otherwise this study cannot go on: create a new study")
				assert.NotContains(t, logs.String(), coordinator.MsgOpeningRound)
				return
			}
			require.NoError(t, err)
			assert.GreaterOrEqual(t, strings.Count(logs.String(), coordinator.MsgCommitteeSelected), 2, "a new committee is selected")
			rounds := s.Rounds()
			require.Len(t, rounds, 2, "rounds 1 and 2 close without the leaver")
			for _, r := range rounds {
				assert.Len(t, r.Contributors, 3, "round %d", r.Round)
			}
		})
	}
}
