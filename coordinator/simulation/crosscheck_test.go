package simulation_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/audit"
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
	refused(gone, "3 share holders live by the phase deadline, threshold 3")

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
	require.True(t, rep.OK, "%v %v", rep.Rounds, rep.Moments)
	assert.True(t, rep.Rounds[0].CrossChecked)
	require.NotNil(t, rep.Moments, "the audit decrypts the moments sum again")
	assert.Equal(t, audit.Verified, rep.Moments.Verdict, "%v", rep.Moments.Problems)
	assert.Equal(t, 3, rep.Moments.DecryptionSets)
	assert.True(t, rep.Moments.CrossChecked)
	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "moments: cross-checked (3 sets)")
}

// crossCheckStudy is a one-round study of hospitals at threshold whose
// recipe requires a cross-checked decryption, standardised as std.
func crossCheckStudy(t *testing.T, hospitals, threshold int, std records.Standardisation) simulation.Config {
	// 15 s: key generation shares the phase timeout, and under -race on
	// a loaded machine dealing took more than 3 s (the study stalled).
	cfg := simulation.Config{Hospitals: hospitals, Seed: 7, DataDir: t.TempDir(), PhaseTimeout: 15 * time.Second, LocalConsent: true,
		Threshold: threshold, MinParticipants: threshold}
	recipe := models.DefaultRecipe(simulation.SyntheticConfig(cfg).Features)
	recipe.Rounds, recipe.Standardise, recipe.RequireCrossCheck = 1, std, true
	cfg.Recipe = &recipe
	return cfg
}

// A cross-checked study whose round failed for want of a spare holder
// (ErrNotCrossChecked) goes on as the error says once the holder is back:
// hospital 4, a contributor and holder, goes down right after its round 1
// upload, so only t = 3 of the round's contributors are live and the
// round fails at the phase deadline; its node comes back and the
// coordinator is started again, which resumes round 1 from the chain
// (contributors pinned) and has it decrypted in more than one set: the
// model is published with hospital 4's upload, and the audit shows it
// cross-checked.
func TestCrossCheckedRoundResumesOnceTheGoneContributorIsBack(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const gone = 3
	cfg := crossCheckStudy(t, 4, 3, records.StandardiseNone)
	op := &operatorRestarts{t: t, startBack: map[int]int{1: gone}}
	cfg.Log = slog.New(stopAfterUpload{
		Handler: slog.NewTextHandler(&op.logs, &slog.HandlerOptions{Level: slog.LevelInfo}),
		name:    fmt.Sprintf("hospital-%d", gone+1), round: 1, stop: func() { op.stopHospital(gone) }, once: new(sync.Once),
	})
	s := op.run(ctx, cfg)
	op.requireStops(1)
	assert.ErrorContains(t, op.stops[0], "3 share holders live by the phase deadline, threshold 3")
	require.Len(t, s.Rounds(), 1)
	assert.Contains(t, s.Rounds()[0].Contributors, s.Participants()[gone].Address, "its upload counts")
	requireCrossChecked(ctx, t, s)
}

// Only t holders contribute to a round of a cross-checked study: hospital
// 4 (a holder) is down before round 2 opens, so round 2's contributors are
// the other three, t = 3. The round fails at the phase deadline
// (ErrNotCrossChecked); started again while the hospital is still down,
// the coordinator resumes the round and it fails again, as it must: no
// second decryption set exists. Once the hospital's node is back (with no
// upload of round 2, whose contributors are pinned), the coordinator
// started again asks it as the spare holder: round 2 is published
// cross-checked, with the uploads of its three contributors, and the
// study completes. Before 2026-12-07 spares came from a round's
// contributors only, so such a round failed on every restart, whoever was
// back, while the error told the operator to restart.
func TestCrossCheckedRoundOnlyTHoldersContributedToGoesOnOnceASpareIsBack(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	const down = 3
	cfg := crossCheckStudy(t, 4, 3, records.StandardiseNone)
	cfg.Recipe.Rounds = 2
	cfg.AbsentGrace = time.Second
	op := &operatorRestarts{t: t, startBack: map[int]int{2: down}}
	cfg.Log = slog.New(slog.NewTextHandler(&op.logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg.Progress = func(f simulation.RoundFigures) {
		if f.Round == 1 {
			op.stopHospital(down)
		}
	}
	s := op.run(ctx, cfg)
	op.requireStops(2)
	for _, stop := range op.stops {
		assert.ErrorContains(t, stop, "3 share holders live by the phase deadline, threshold 3")
	}
	require.Len(t, s.Rounds(), 2)
	assert.Equal(t, 3, s.Rounds()[1].Participants, "round 2 has the uploads of its three contributors")
	assert.NotContains(t, s.Rounds()[1].Contributors, s.Participants()[down].Address)
	requireCrossChecked(ctx, t, s)
	onChain, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	assert.True(t, onChain.Completed)
}

// requireCrossChecked audits s and requires every round's model
// cross-checked.
func requireCrossChecked(ctx context.Context, t *testing.T, s *simulation.Study) {
	t.Helper()
	rep := auditStudy(ctx, t, s)
	require.True(t, rep.OK, "%v", rep.Rounds)
	assert.Empty(t, rep.NotCrossChecked())
	for _, r := range rep.Rounds {
		assert.True(t, r.CrossChecked, "round %d", r.Round)
	}
}

// operatorRestarts runs a live study and follows ErrNotCrossChecked the
// way its operator would: it starts the coordinator again after each such
// stop, up to the last one in startBack, first starting hospital
// startBack[n] again (by index) at the n-th stop (1-based); any other
// error, or a stop after that one, ends the study.
type operatorRestarts struct {
	t         *testing.T
	startBack map[int]int
	logs      lockedBuffer
	study     *simulation.Study
	mu        sync.Mutex
	stops     []error
}

func (o *operatorRestarts) run(ctx context.Context, cfg simulation.Config) *simulation.Study {
	o.t.Helper()
	// Live nodes keep their shares in keystores: dealing under -race on a
	// loaded machine took more than 10 s.
	cfg.Live, cfg.PhaseTimeout = true, 25*time.Second
	cfg.OnStart = func(s *simulation.Study) error { o.study = s; return nil }
	cfg.OnCoordinatorError = o.onError
	s, err := simulation.Run(ctx, cfg)
	if s != nil {
		o.t.Cleanup(s.Close)
	}
	if err != nil {
		o.t.Logf("the study's log:\n%s", o.logs.String())
	}
	require.NoError(o.t, err, "the study goes on once a spare holder is back")
	assert.Contains(o.t, o.logs.String(), "resuming study from the chain", "the coordinator really restarted")
	return s
}

func (o *operatorRestarts) onError(ctx context.Context, s *simulation.Study, err error) bool {
	o.mu.Lock()
	o.stops = append(o.stops, err)
	n := len(o.stops)
	o.mu.Unlock()
	o.t.Logf("study stopped (%d): %v", n, err)
	if !errors.Is(err, coordinator.ErrNotCrossChecked) || n > slices.Max(slices.Collect(maps.Keys(o.startBack))) {
		return false
	}
	if i, ok := o.startBack[n]; ok {
		if err := s.StartHospital(i); err != nil {
			o.t.Errorf("starting hospital-%d again: %v", i+1, err)
			return false
		}
	}
	return true
}

func (o *operatorRestarts) stopHospital(i int) {
	if err := o.study.StopHospital(i); err != nil {
		o.t.Errorf("stopping hospital-%d: %v", i+1, err)
	}
}

// requireStops requires n stops, each ErrNotCrossChecked.
func (o *operatorRestarts) requireStops(n int) {
	o.t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	require.Len(o.t, o.stops, n)
	for _, err := range o.stops {
		require.ErrorIs(o.t, err, coordinator.ErrNotCrossChecked)
	}
}

// stopAfterUpload is a log handler that calls stop once the node named
// name logs its upload of round.
type stopAfterUpload struct {
	slog.Handler
	name  string
	round uint32
	stop  func()
	node  string // the node the logger is of (its "participant" attribute)
	once  *sync.Once
}

func (h stopAfterUpload) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if h.node == h.name && r.Message == "update committed and uploaded" {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "round" && a.Value.Kind() == slog.KindUint64 && a.Value.Uint64() == uint64(h.round) {
				h.once.Do(h.stop)
			}
			return true
		})
	}
	return err
}

func (h stopAfterUpload) WithAttrs(as []slog.Attr) slog.Handler {
	for _, a := range as {
		if a.Key == "participant" {
			h.node = a.Value.String()
		}
	}
	h.Handler = h.Handler.WithAttrs(as)
	return h
}

func (h stopAfterUpload) WithGroup(name string) slog.Handler {
	h.Handler = h.Handler.WithGroup(name)
	return h
}
