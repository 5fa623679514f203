package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/dashboard"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
)

// dashboardStudy is a demo study (n hospitals, the last a gross attacker
// that robust scoring flags; patients who revoke before round 3) with its
// dashboard served on loopback from the moment the study is on chain.
type dashboardStudy struct {
	*simulation.Study
	url string
}

// newDashboardStudy runs the study to its end; during, if set, runs while
// the study runs, with the dashboard already up.
func newDashboardStudy(t *testing.T, ctx context.Context, hospitals, rounds int, during func(d *dashboardStudy)) *dashboardStudy {
	t.Helper()
	attack, err := participant.ParseAttack("scaling:scale=1000")
	require.NoError(t, err)
	started := make(chan *dashboardStudy, 1)
	done := make(chan error, 1)
	var s *simulation.Study
	go func() {
		var err error
		s, err = simulation.Run(ctx, simulation.Config{
			Hospitals: hospitals, Rounds: rounds, Seed: 11, DataDir: t.TempDir(), Robust: true,
			Attacks: map[int]participant.Attack{hospitals - 1: attack},
			OnStart: func(ls *simulation.Study) error {
				cfg, err := dashboardConfig(ls)
				if err != nil {
					return err
				}
				rd, err := dashboard.Start(cfg, "127.0.0.1:0")
				if err != nil {
					return err
				}
				t.Cleanup(func() { _ = rd.Stop() })
				started <- &dashboardStudy{Study: ls, url: strings.TrimSuffix(rd.URL, "/")}
				return nil
			},
		})
		done <- err
	}()
	var d *dashboardStudy
	select {
	case d = <-started:
	case err := <-done:
		require.NoError(t, err)
		t.Fatal("the study ended before its dashboard started")
	}
	if during != nil {
		during(d)
	}
	require.NoError(t, <-done)
	t.Cleanup(s.Close)
	require.NotEmpty(t, s.Revocations())
	return d
}

// get fetches a page and returns its body.
func (d *dashboardStudy) get(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.url+path, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	return string(b)
}

// tamperedProof is a hospital's proof for the revoked patient's round 3,
// edited to claim the record was used.
func (d *dashboardStudy) tamperedProof(t *testing.T, ctx context.Context) string {
	t.Helper()
	rev := d.Revocations()[0]
	used, err := d.Study.UseProofs(ctx, d.StudyID(), 1, rev.Patient)
	require.NoError(t, err)
	unused, err := d.Study.UseProofs(ctx, d.StudyID(), simulation.RevokeRound, rev.Patient)
	require.NoError(t, err)
	require.NotEmpty(t, used)
	require.NotEmpty(t, unused)
	bad := unused[0]
	bad.Records = used[0].Records
	b, err := json.Marshal(bad)
	require.NoError(t, err)
	return string(b)
}

// The dashboard's pages show the chain's figures, each round's model and
// aggregate verified against the store, the attacker's strikes, and the
// patient's rounds with verified proofs; a tampered proof fails.
func TestDashboardPages(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	d := newDashboardStudy(t, ctx, 6, simulation.RevokeRound, nil)

	index := d.get(t, ctx, "/")
	assert.Contains(t, index, `<a href="/study/1">study 1</a>`)
	assert.Contains(t, index, "hospital-6")

	page := d.get(t, ctx, "/study/1")
	strikes, err := d.Ledger().Strikes(ctx, d.StudyID())
	require.NoError(t, err)
	require.NotEmpty(t, strikes, "the attacker was flagged")
	struck := map[uint32]bool{}
	for _, k := range strikes {
		struck[k.Round] = true
	}
	for n := uint32(1); n <= simulation.RevokeRound; n++ {
		r, err := d.Ledger().Round(ctx, d.StudyID(), n)
		require.NoError(t, err)
		row := rowOf(t, page, fmt.Sprintf(`data-round="%d"`, n))
		assert.Equal(t, strconv.FormatFloat(r.Result.Accuracy, 'f', 6, 64), field(t, row, "accuracy"), "round %d", n)
		assert.Equal(t, strconv.FormatFloat(r.Result.AUC, 'f', 6, 64), field(t, row, "auc"))
		assert.Equal(t, strconv.FormatFloat(r.Result.Loss, 'f', 6, 64), field(t, row, "loss"))
		assert.Equal(t, strconv.Itoa(int(r.Result.Participants)), field(t, row, "aggregated"))
		assert.Equal(t, "verified", field(t, row, "model-check"))
		assert.Equal(t, "verified", field(t, row, "aggregate-check"))
		assert.Equal(t, struck[n], strings.Contains(row, `<span class="flag">hospital-6</span>`), "round %d: flagged as on chain", n)
	}
	for _, p := range d.Participants() {
		st, err := d.Ledger().Participant(ctx, d.StudyID(), p.Address)
		require.NoError(t, err)
		assert.Equal(t, strconv.Itoa(int(st.Strikes)), field(t, rowOf(t, page, `data-participant="`+p.Address.Hex()+`"`), "strikes"), p.Name)
	}
	assert.Contains(t, d.get(t, ctx, "/study/1/round/2"), "commitments root")

	rev := d.Revocations()[0]
	patient := d.get(t, ctx, "/patient?id="+rev.Patient.Hex())
	for n := uint32(1); n <= simulation.RevokeRound; n++ {
		row := rowOf(t, patient, fmt.Sprintf(`data-round="%d"`, n))
		want := "used"
		if n >= simulation.RevokeRound {
			want = "not used"
		}
		assert.Equal(t, want, field(t, row, "used"), "round %d", n)
		assert.Equal(t, "verified", field(t, row, "proof"), "round %d", n)
	}
	assert.Contains(t, patient, `data-field="consent">revoked`)

	resp, err := http.PostForm(d.url+"/patient/verify", url.Values{"proof": {d.tamperedProof(t, ctx)}})
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(b), "Proof FAILED")
	assert.Contains(t, string(b), "does not hold against the chain")
}

// rowOf returns the table row carrying attr.
func rowOf(t *testing.T, page, attr string) string {
	t.Helper()
	i := strings.Index(page, "<tr "+attr)
	require.GreaterOrEqual(t, i, 0, "no row %s", attr)
	j := strings.Index(page[i:], "</tr>")
	return page[i : i+j]
}

// field returns the text of the element with data-field="name" in html.
func field(t *testing.T, html, name string) string {
	t.Helper()
	m := regexp.MustCompile(`data-field="` + name + `"[^>]*>([^<]*)<`).FindStringSubmatch(html)
	require.NotNil(t, m, "no field %s in %s", name, html)
	return strings.TrimSpace(m[1])
}

// `cohort demo --dashboard ADDR --dashboard-exit` (make demo under CI)
// serves the dashboard while the study runs, checks it answers at the end
// and exits at once.
func TestDemoDashboardExitsForCI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, errOut strings.Builder
	code := run(ctx, []string{"demo", "--hospitals", "2", "--rounds", "1", "--dashboard", "127.0.0.1:0", "--dashboard-exit"}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Regexp(t, `dashboard: http://127\.0\.0\.1:\d+/ \(study 1, live while it runs\)`, out.String())
	assert.Contains(t, out.String(), "dashboard answered; exiting at once")
}
