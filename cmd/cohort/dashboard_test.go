package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/cohortsol"
	"github.com/cohort-fl/cohort/coordinator/dashboard"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
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
			// 41 parameters, k = 9 projections: logistic regression's 9
			// allow one, whose loose norm estimate can miss even this
			// attacker several rounds running.
			Spec:    &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
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

	seen := map[string]bool{}
	index := d.get(t, ctx, "/")
	assert.Contains(t, index, `<a href="/study/1">study 1</a>`)
	assert.Contains(t, index, "hospital-6")
	d.checkLinks(t, ctx, index, seen)
	d.checkTxPage(t, ctx, hrefOf(t, rowOf(t, index, `data-study="1"`), "current-round"), "RoundOpened", "round", strconv.Itoa(simulation.RevokeRound))
	d.checkTxPage(t, ctx, hrefOf(t, rowOf(t, index, `data-member="`+d.Participants()[0].Address.Hex()+`"`), "admitted"), "MemberAdmitted", "member", d.Participants()[0].Address.Hex())

	page := d.get(t, ctx, "/study/1")
	d.checkLinks(t, ctx, page, seen)
	studies := cohortsol.NewStudies()
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
		assert.Equal(t, struck[n], strings.Contains(row, `data-field="flagged">hospital-6</a>`), "round %d: flagged as on chain", n)

		// Each figure links to the transaction that recorded it: its page
		// shows the chain's receipt and the event, read here from the
		// chain with the generated binding.
		acc := hrefOf(t, row, "accuracy")
		for _, f := range []string{"auc", "loss", "aggregated"} {
			assert.Equal(t, acc, hrefOf(t, row, f), "round %d: %s comes from the same event", n, f)
		}
		lg := d.checkTxPage(t, ctx, acc, "RoundClosed", "round", strconv.Itoa(int(n)),
			"accuracy", strconv.FormatUint(uint64(math.Round(r.Result.Accuracy*contracts.MetricUnit)), 10),
			"auc", strconv.FormatUint(uint64(math.Round(r.Result.AUC*contracts.MetricUnit)), 10),
			"participants", strconv.Itoa(int(r.Result.Participants)), "modelHash", r.Result.ModelHash.Hex())
		closed, err := studies.UnpackRoundClosedEvent(lg)
		require.NoError(t, err)
		assert.Equal(t, d.StudyID(), closed.StudyId)
		assert.Equal(t, n, closed.Round)
		assert.InDelta(t, r.Result.Accuracy, float64(closed.Accuracy)/contracts.MetricUnit, 1e-9)
		assert.Equal(t, r.ClosedBlock, lg.BlockNumber)

		commits, err := d.Ledger().Commitments(ctx, d.StudyID(), n)
		require.NoError(t, err)
		st, err := d.Ledger().Study(ctx, d.StudyID())
		require.NoError(t, err)
		for i, a := range st.Participants { // the page's columns
			c, ok := commits[a]
			if !ok {
				continue
			}
			_, lg := d.chainLog(t, ctx, hrefOf(t, row, fmt.Sprintf(`samples" data-hospital="%d`, i)))
			if ev, err := studies.UnpackUpdateCommittedEvent(lg); err == nil {
				assert.Equal(t, a, ev.Member)
				assert.Equal(t, c.Samples, ev.SampleCount)
				assert.Equal(t, n, ev.Round)
			} else {
				ev, err := studies.UnpackUpdatesCommittedEvent(lg)
				require.NoError(t, err, "round %d, %s: the link is to a commitment", n, a)
				j := slices.Index(ev.Members, a)
				require.GreaterOrEqual(t, j, 0)
				assert.Equal(t, c.Samples, ev.SampleCounts[j])
			}
		}
		round := d.get(t, ctx, fmt.Sprintf("/study/1/round/%d", n))
		d.checkLinks(t, ctx, round, seen)
		// The round's gas on chain is the sum of its transactions' gas,
		// each read here from the chain's receipt.
		var gas uint64
		for _, m := range regexp.MustCompile(`<a href="([^"]+)" data-field="tx-gas">`).FindAllStringSubmatch(round[strings.Index(round, `id="round-txs"`):], -1) {
			r, _ := d.chainLog(t, ctx, m[1])
			gas += r.GasUsed
		}
		assert.NotZero(t, gas)
		assert.Equal(t, strconv.FormatUint(gas, 10), field(t, row, "gas"), "round %d", n)
		assert.NotEmpty(t, field(t, row, "chain-seconds"))
		d.checkTxPage(t, ctx, hrefOf(t, round, "opened-block"), "RoundOpened", "round", strconv.Itoa(int(n)))
		assert.Equal(t, acc, hrefOf(t, round, "closed-block"))
	}
	for _, k := range strikes {
		_, lg := d.chainLog(t, ctx, hrefOf(t, rowOf(t, page, fmt.Sprintf(`data-participant="%s"`, k.Member.Hex())), "strikes"))
		ev, err := studies.UnpackStrikeRecordedEvent(lg)
		require.NoError(t, err)
		assert.Equal(t, k.Member, ev.Member)
	}
	for _, p := range d.Participants() {
		st, err := d.Ledger().Participant(ctx, d.StudyID(), p.Address)
		require.NoError(t, err)
		assert.Equal(t, strconv.Itoa(int(st.Strikes)), field(t, rowOf(t, page, `data-participant="`+p.Address.Hex()+`"`), "strikes"), p.Name)
	}
	assert.Contains(t, d.get(t, ctx, "/study/1/round/2"), "commitments root")

	rev := d.Revocations()[0]
	patient := d.get(t, ctx, "/patient?id="+rev.Patient.Hex())
	d.checkLinks(t, ctx, patient, seen)
	// The revocation in force links to the transaction that relayed it.
	d.checkTxPage(t, ctx, hrefOf(t, patient, "consent"), "ConsentChanged", "patient", rev.Patient.Hex(), "granted", "false")
	d.checkUnknownTx(t, ctx)
	t.Logf("%d transaction pages followed", len(seen))
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

// `cohort demo --dashboard ADDR` (make demo) prints the dashboard's address
// and keeps serving the finished study until interrupted (Ctrl-C), then
// stops serving and exits 0.
func TestDemoDashboardServesUntilInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	runCtx, interrupt := context.WithCancel(ctx)
	defer interrupt()
	var out, errOut syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(runCtx, []string{"demo", "--hospitals", "2", "--rounds", "1", "--dashboard", "127.0.0.1:0"}, &out, &errOut)
	}()
	var url string
	addr := regexp.MustCompile(`dashboard: (http://127\.0\.0\.1:\d+/) \(study 1\)\n`)
	for url == "" {
		select {
		case c := <-code:
			t.Fatalf("the demo exited (%d) before serving: %s %s", c, out.String(), errOut.String())
		case <-ctx.Done():
			t.Fatalf("no dashboard served: %s", out.String())
		case <-time.After(100 * time.Millisecond):
		}
		if strings.Contains(out.String(), "serving until Ctrl-C") {
			m := addr.FindStringSubmatch(out.String())
			require.NotNil(t, m, out.String())
			url = m[1]
		}
	}
	d := &dashboardStudy{url: strings.TrimSuffix(url, "/")}
	page := d.get(t, ctx, "/study/1")
	link := hrefOf(t, rowOf(t, page, `data-round="1"`), "accuracy")
	assert.Contains(t, d.get(t, ctx, link[:strings.Index(link, "#")]), `data-event="RoundClosed"`, "still serving after the study, transactions too")

	interrupt()
	select {
	case c := <-code:
		assert.Equal(t, 0, c, errOut.String())
	case <-ctx.Done():
		t.Fatal("the demo did not exit once interrupted")
	}
	_, err := http.Get(url)
	assert.Error(t, err, "the dashboard stopped serving")
}
