package dashboard

import (
	"context"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// pageField is the text of the element a page marks data-field="name" ("" if none).
func pageField(page, name string) string {
	m := regexp.MustCompile(`data-field="` + regexp.QuoteMeta(name) + `"[^>]*>([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// The study page shows the audit of the pooled standardiser's decryption
// as `cohort audit` reports it (audit.StudyMoments): with a spare holder,
// verified and cross-checked by three sets; a moments record altered in
// the store, a MISMATCH naming the problem; without a store, unchecked; a
// study without a pooled standardiser has no such line. Until 2026-12-08
// the dashboard showed the rounds' checks only.
func TestStudyPageShowsThePooledStandardisersAudit(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cfg := simulation.Config{Hospitals: 3, Seed: 7, DataDir: t.TempDir(), PhaseTimeout: 15 * time.Second, LocalConsent: true, Threshold: 2, MinParticipants: 2}
	recipe := models.DefaultRecipe(simulation.SyntheticConfig(cfg).Features)
	recipe.Rounds, recipe.Standardise, recipe.RequireCrossCheck = 1, records.StandardisePooled, true
	cfg.Recipe = &recipe
	s, err := simulation.Run(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	store, err := coordinator.OpenStore(s.StoreDir())
	require.NoError(t, err)
	studyPage := func(c Config) string {
		t.Helper()
		srv, err := New(c)
		require.NoError(t, err)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", "/study/1", nil))
		require.Equal(t, 200, w.Code, w.Body.String())
		return w.Body.String()
	}

	page := studyPage(Config{Ledger: s.Ledger(), Store: store})
	assert.Equal(t, "verified", pageField(page, "moments-check"), page)
	assert.Equal(t, "cross-checked (3 sets)", pageField(page, "moments-cross-check"))
	assert.Equal(t, "verified", pageField(page, "model-check"), "beside the rounds' checks")

	assert.Equal(t, "unchecked", pageField(studyPage(Config{Ledger: s.Ledger()}), "moments-check"), "no store given")

	rec, err := store.MomentsRecord()
	require.NoError(t, err)
	rec.Standardiser = append(rec.Standardiser, 0)
	require.NoError(t, store.WriteMomentsRecord(rec))
	page = studyPage(Config{Ledger: s.Ledger(), Store: store})
	assert.Equal(t, "MISMATCH", pageField(page, "moments-check"))
	assert.Contains(t, page, "the record&#39;s standardiser hashes to", "the audit's problem, in the title")

	_, ledger, _, _, _ := newPatientChain(t, ctx)
	assert.NotContains(t, studyPage(Config{Ledger: ledger}), "moments-check", "a study without a pooled standardiser")
}
