package simulation_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// One of four hospitals counts honestly but adds ⌊q/2⌋ to every
// coefficient of its encrypted moments (the moments-out-of-range attack):
// the pinned sum decrypts to a negative mean square. The coordinator
// stopped before round 1 with the records error alone ("a site encrypted
// moments that are not its records' (which one cannot be told …)"),
// naming no hospital and saying nothing of what to do; a restart decrypts
// the same pinned sum. What users need, the study starting with the
// other three and the offender named, takes telling the offender, which
// without a range proof only decrypting hospitals' moments alone would;
// so the coordinator now stops at once (no rerun) with
// ErrMomentsSumRefused, naming the four hospitals summed, the offender
// among them, the holders too unless several decryption sets agreed,
// and what the operator can do, and runs no second sum.
func TestOutOfRangeMomentsStopTheStudyNamingTheContributors(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, tc := range []struct {
		name      string
		threshold int    // 0: the default, with spare holders; also the minimum if above 3
		holders   string // what the error says of the holders
	}{
		{"spare holders", 0, "decryption sets agreed, so no holder's share shifted it"},
		{"a single decryption set", 4, "or one of the holders that decrypted it, hospital-"}, // nothing compared its shares
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			const attacker = 3
			var logs lockedBuffer
			cfg := simulation.Config{
				Hospitals: 4, Rounds: 1, Seed: 5, DataDir: t.TempDir(), PhaseTimeout: 15 * time.Second, MinParticipants: max(3, tc.threshold), Threshold: tc.threshold,
				Standardise: records.StandardisePooled, Scales: []float64{1, 1, 1, 1, 1, 1, 1, 1},
				Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackMomentsOutOfRange}},
				Log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
			}
			_, err := simulation.Run(ctx, cfg)
			require.Error(t, err, "a study began on a pooled standardiser from an out-of-range sum")
			require.NotErrorIs(t, err, context.DeadlineExceeded, "the coordinator still ran the phase when the test ran out:\n%s", logs.String())
			require.ErrorIs(t, err, coordinator.ErrMomentsSumRefused)
			require.ErrorIs(t, err, records.ErrImpossibleMoments, "why the sum was refused")
			for i := range cfg.Hospitals {
				assert.Contains(t, err.Error(), fmt.Sprintf("hospital-%d", i+1), "every hospital summed is named, the offender among them")
			}
			assert.Contains(t, err.Error(), tc.holders)
			for _, what := range []string{`"standardise": "site"`, "Create a new study", "a restart fails alike"} {
				assert.Contains(t, err.Error(), what, "the operator reads what to do")
			}
			assert.NotContains(t, logs.String(), "moments phase stalled; running it again", "no second run, so no second sum")
			assert.NotContains(t, logs.String(), "pooled standardiser agreed")
		})
	}
}
