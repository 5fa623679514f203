package simulation_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/audit"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// A hostile coordinator alters one value of the round's aggregate before
// asking for decryption shares. Every holder spot-checks the aggregate
// against the committed updates (the 31-parameter model is one chunk, so
// every draw opens it), refuses, and the round fails: no share, no model,
// nothing closed on chain.
func TestHostileCoordinatorAlteringTheAggregateIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	tampered := 0
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 2, Seed: 5, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		TamperAggregate: func(_ uint32, agg []byte) ([]byte, error) {
			var v aggregation.EncryptedVector
			if err := v.UnmarshalBinary(agg); err != nil {
				return nil, err
			}
			bad, err := scheme.ShiftCoefficient(&v, 7, 0, 1<<20)
			if err != nil {
				return nil, err
			}
			tampered++
			return bad.MarshalBinary()
		},
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.Error(t, err, "the study must not complete on an altered aggregate")
	t.Logf("study stopped: %v", err)
	assert.ErrorIs(t, err, aggregation.ErrSpotCheckFailed)
	assert.ErrorContains(t, err, "refusing to decrypt it")
	assert.Equal(t, 1, tampered, "the study stopped at the first altered aggregate")
	assert.Contains(t, logs.String(), "spot-checking the aggregate", "holders spot-checked it rather than downloading every update")
	// The chain is gone with the failed study; the contract's side is
	// contracts.TestDisputeAggregate.
	assert.Contains(t, logs.String(), "refused the round's aggregate and recorded the dispute on chain", "a holder put the tampering on the record")
}

// lockedBuffer collects the log lines of every party; a test may read it
// while nodes that outlive the study (a chain watcher) still write.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Bytes returns a copy of what was written so far.
func (l *lockedBuffer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.b.Bytes())
}

// A hostile coordinator publishes, in round 2, another model than the one
// the holders' shares decrypt. Nobody online can tell (the hospitals only
// evaluate the model they are sent), and the study completes; `cohort
// audit` recomputes every round's model from the signed shares the
// coordinator had to keep and names round 2.
func TestAuditCatchesACoordinatorPublishingAnotherModel(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 2, Seed: 6, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		TamperModel: func(r uint32, model []float64) []float64 {
			if r == 2 {
				model[0] += 0.5
			}
			return model
		},
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.NoError(t, err, "nothing online stops it")
	rep := auditStudy(ctx, t, s)
	require.Len(t, rep.Rounds, 2)
	assert.False(t, rep.OK)
	first, second := rep.Rounds[0], rep.Rounds[1]
	assert.Equal(t, audit.Verified, first.Verdict, "%v", first.Problems)
	assert.Equal(t, first.Model, first.ModelRecomputed)
	assert.GreaterOrEqual(t, len(first.Decrypters), 2, "t holders' signed shares")
	assert.Equal(t, audit.Mismatch, second.Verdict)
	assert.Equal(t, second.Aggregate, second.Recomputed, "the aggregate itself is honest")
	assert.Contains(t, strings.Join(second.Problems, "\n"), "the model is not the server optimiser's step by the decrypted aggregate")
}

// A share holder adds an offset to every decryption share it gives, to
// move the published model past robust aggregation: alone in an active
// set of t it would go unseen (aggregation's
// TestDecryptCheckedCatchesAHolderShiftingItsShare shows the shift
// passing Decrypt). With a spare holder (3 holders, threshold 2) the
// coordinator decrypts with every set that leaves one holder out, the set
// without the liar disagrees, and the round fails instead of publishing.
func TestHolderShiftingItsDecryptionShareIsCaught(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 2, Seed: 7, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 2, MinParticipants: 2,
		Attacks: map[int]participant.Attack{1: {Kind: participant.AttackShiftDecryption}},
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.Error(t, err, "the study must not publish a model a holder shifted")
	t.Logf("study stopped: %v", err)
	assert.ErrorIs(t, err, aggregation.ErrDecryptionsDisagree)

	// The limit, stated: with no spare holder (threshold 3 of 3) there is
	// one decryption set, nothing to compare, and the shifted model is
	// published; even the audit recomputes the same model, but it names
	// the round as not cross-checked instead of passing it off as checked.
	s2, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 1, Seed: 7, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 3, MinParticipants: 3,
		Attacks: map[int]participant.Attack{1: {Kind: participant.AttackShiftDecryption}},
	})
	if s2 != nil {
		t.Cleanup(s2.Close)
	}
	require.NoError(t, err, "without a spare holder the shift goes through")
	rep := auditStudy(ctx, t, s2)
	assert.True(t, rep.OK, "the audit cannot tell either: %v", rep.Rounds)
	assert.Equal(t, []uint32{1}, rep.NotCrossChecked(), "but it says the model was not cross-checked")
	assert.False(t, rep.Rounds[0].CrossChecked)
}

// auditStudy runs `cohort audit`'s check of study s from its chain and the
// coordinator's store.
func auditStudy(ctx context.Context, t *testing.T, s *simulation.Study) *audit.Report {
	t.Helper()
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	store, err := coordinator.OpenStore(s.StoreDir())
	require.NoError(t, err)
	rep, err := audit.Study(ctx, s.Ledger(), store, scheme, s.StudyID())
	require.NoError(t, err)
	return rep
}

// A holder binds every decryption share it gives to another vector's hash
// (the foreign-decryption attack): each share is in its place and its
// submission names the right aggregate, so only the share's body says
// otherwise. The coordinator took such shares, and the decryption failed
// (aggregation.ErrWrongAggregate) naming no holder, with no other set
// asked: round 1 of a plain study, or the pinned moments sum of a pooled
// one, the only sum holders decrypt, so the study never started. Now each
// share is checked against the aggregate as it comes, the holder is
// refused by name, declines, and the others decrypt: every round
// publishes.
func TestHolderGivingSharesOfAnotherAggregateIsLeftOut(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, tc := range []struct {
		name   string
		pooled bool
	}{{"a round's aggregate", false}, {"the pooled moments sum", true}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			var logs lockedBuffer
			cfg := simulation.Config{
				Hospitals: 3, Rounds: 2, Seed: 7, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
				Threshold: 2, MinParticipants: 2,
				Attacks: map[int]participant.Attack{1: {Kind: participant.AttackForeignDecryption}},
				Log:     slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
			}
			if tc.pooled {
				cfg.Rounds = 1
				cfg.Standardise, cfg.Scales = records.StandardisePooled, []float64{1, 1, 1, 1, 1, 1, 1, 1}
			}
			s, err := simulation.Run(ctx, cfg)
			if s != nil {
				t.Cleanup(s.Close)
			}
			require.NoError(t, err, "one holder's foreign shares stopped the study")
			assert.Len(t, s.Rounds(), cfg.Rounds, "every round published")
			assert.Contains(t, logs.String(), "does not decrypt", "the holder's shares were refused as not of the aggregate")
			assert.Contains(t, logs.String(), "share holder did not answer; asking another set", "the others were asked")
		})
	}
}
