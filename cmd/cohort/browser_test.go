package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// screenshotDir keeps the browser test's screenshots, a test artifact
// (out/ is ignored by git).
const screenshotDir = "../../out/dashboard"

// findChromium returns the headless browser to drive, or skips the test:
// `make test` installs Debian's chromium when it is missing.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH and it could not be installed: `make chromium` installs Debian's chromium (apt), then run this test again")
	return ""
}

// TestDashboardInChromium drives the dashboard of a finished demo study in
// a real headless Chromium: every page loads without a console error or an
// exception, the numbers and the charts' points equal the chain's, the
// patient's page shows a used and an unused round with verified proofs, a
// proof pasted as the hospital gave it verifies and a tampered one fails.
// A screenshot of each page is kept in out/dashboard.
func TestDashboardInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study and a browser")
	}
	browser := findChromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	require.NoError(t, os.MkdirAll(screenshotDir, 0o755))

	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1400, 1000))...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	var mu sync.Mutex
	var problems []string
	require.NoError(t, chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problems = append(problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			desc := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				desc += " " + e.ExceptionDetails.Exception.Description
			}
			problems = append(problems, "exception: "+desc)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				problems = append(problems, fmt.Sprintf("%s %s: %s %s", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		}
	}))
	_, err := chromedp.Call(bctx, cdplog.Enable, cdp.Empty{})
	require.NoError(t, err)

	var base string // the dashboard's address, once the study is on chain
	visit := func(name, path string, wait string, more ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		steps := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(base + path), chromedp.WaitReady(chromedp.CSS(wait))}, more...)
		require.NoError(t, chromedp.Do(bctx, steps...), name)
		shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		require.NoError(t, err, name)
		require.NoError(t, os.WriteFile(filepath.Join(screenshotDir, name+".png"), shot, 0o644))
		mu.Lock()
		defer mu.Unlock()
		assert.Empty(t, problems, "page %s logged problems", name)
		problems = nil
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		require.NoError(t, err, sel)
		return strings.TrimSpace(s)
	}

	// While the study runs: once round 1 has closed and before the last.
	d := newDashboardStudy(t, ctx, 4, simulation.RevokeRound+1, func(d *dashboardStudy) {
		base = d.url
		for {
			st, err := d.Ledger().Study(ctx, d.StudyID())
			require.NoError(t, err)
			require.False(t, st.Completed, "the study finished before the browser saw it run")
			if r, err := d.Ledger().Round(ctx, d.StudyID(), 1); err == nil && r.Closed {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		visit("study-live", "/study/1", "#rounds")
		assert.NotContains(t, text("#status"), "completed", "seen while it runs")
		assert.Equal(t, "verified", text(`tr[data-round="1"] [data-field="model-check"]`))
	})

	visit("consortium", "/", "#studies")
	assert.Equal(t, strconv.Itoa(simulation.RevokeRound+1), text(`tr[data-study="1"] [data-field="current-round"]`))

	visit("study", "/study/1", ".chart svg circle")
	for n := uint32(1); n <= simulation.RevokeRound+1; n++ {
		r, err := d.Ledger().Round(ctx, d.StudyID(), n)
		require.NoError(t, err)
		row := fmt.Sprintf(`tr[data-round="%d"] `, n)
		assert.Equal(t, strconv.FormatFloat(r.Result.Accuracy, 'f', 6, 64), text(row+`[data-field="accuracy"]`), "round %d", n)
		assert.Equal(t, strconv.FormatFloat(r.Result.AUC, 'f', 6, 64), text(row+`[data-field="auc"]`))
		assert.Equal(t, strconv.FormatFloat(r.Result.Loss, 'f', 6, 64), text(row+`[data-field="loss"]`))
		assert.Equal(t, strconv.Itoa(int(r.Result.Participants)), text(row+`[data-field="aggregated"]`))
		assert.Equal(t, "verified", text(row+`[data-field="model-check"]`))
		commits, err := d.Ledger().Commitments(ctx, d.StudyID(), n)
		require.NoError(t, err)
		st, err := d.Ledger().Study(ctx, d.StudyID())
		require.NoError(t, err)
		for i, a := range st.Participants {
			cm, committed := commits[a]
			if !committed {
				// The attacker, once suspended (three strikes can come by
				// round 3), commits nothing: its cell is a dash.
				continue
			}
			assert.Equal(t, strconv.FormatUint(cm.Samples, 10), text(fmt.Sprintf(`%s[data-field="samples"][data-hospital="%d"]`, row, i)))
		}
		// The chart's point is the chain's figure too, drawn by the page's script.
		drawn, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(fmt.Sprintf(`circle[data-series="accuracy"][data-round="%d"]`, n)), "data-value"))
		require.NoError(t, err)
		v, err := strconv.ParseFloat(drawn.Value, 64)
		require.NoError(t, err)
		assert.InDelta(t, r.Result.Accuracy, v, 1e-12)
	}
	charts, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(".chart svg").length`))
	require.NoError(t, err)
	assert.Equal(t, 4, charts, "every chart drawn")

	// A figure's link, followed, shows the transaction that recorded it,
	// as the chain's receipt gives it, scrolled to its event; the chart's
	// point links there too.
	row2 := `tr[data-round="2"] [data-field="accuracy"]`
	href, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(row2), "href"))
	require.NoError(t, err)
	require.True(t, href.Exists)
	point, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('circle[data-series="accuracy"][data-round="2"]').parentNode.getAttribute("href")`))
	require.NoError(t, err)
	assert.Equal(t, href.Value, point, "the chart's point links to the same transaction")
	receipt, lg := d.chainLog(t, ctx, href.Value)
	closed, err := cohortsol.NewStudies().UnpackRoundClosedEvent(lg)
	require.NoError(t, err)
	visit("tx-round-2-closed", "/study/1", "#rounds", chromedp.Click(chromedp.CSS(row2)), chromedp.WaitVisible(chromedp.CSS("#tx")))
	url, err := chromedp.Run(bctx, chromedp.Location())
	require.NoError(t, err)
	assert.Equal(t, base+href.Value, url)
	assert.Equal(t, receipt.TxHash.Hex(), text(`[data-field="hash"]`))
	assert.Equal(t, receipt.BlockNumber.String(), text(`[data-field="block"]`))
	assert.Equal(t, strconv.FormatUint(receipt.GasUsed, 10), text(`[data-field="gas-used"]`))
	assert.Equal(t, "closeRound", text(`[data-field="method"]`))
	target := fmt.Sprintf(`#log-%d`, lg.Index)
	assert.Equal(t, "RoundClosed", text(target + " h3")[:len("RoundClosed")])
	assert.Equal(t, strconv.FormatUint(uint64(closed.Accuracy), 10), text(target+` tr[data-arg="accuracy"] [data-field="value"]`))
	targeted, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.querySelector(":target") === document.querySelector("`+target+`")`))
	require.NoError(t, err)
	assert.True(t, targeted, "the page is at the event")

	visit("round-2", "/study/1/round/2", "#commitments")
	r2, err := d.Ledger().Round(ctx, d.StudyID(), 2)
	require.NoError(t, err)
	assert.Equal(t, strconv.FormatUint(r2.ClosedBlock, 10), text(`[data-field="closed-block"]`))

	rev := d.Revocations()[0]
	visit("patient", "/patient?id="+rev.Patient.Hex(), ".uses")
	for n := uint32(1); n <= simulation.RevokeRound; n++ {
		want := "used"
		if n >= simulation.RevokeRound {
			want = "not used"
		}
		assert.Equal(t, want, text(fmt.Sprintf(`tr[data-round="%d"] [data-field="used"]`, n)), "round %d", n)
		assert.Equal(t, "verified", text(fmt.Sprintf(`tr[data-round="%d"] [data-field="proof"]`, n)), "round %d", n)
	}

	good, err := d.Study.UseProofs(ctx, d.StudyID(), 1, rev.Patient)
	require.NoError(t, err)
	goodJSON, err := jsonString(good[0])
	require.NoError(t, err)
	visit("patient-proof-verified", "/patient", "#verify-form",
		chromedp.SetValue(chromedp.CSS("#proof"), goodJSON), chromedp.Click(chromedp.CSS("#verify")), chromedp.WaitVisible(chromedp.CSS("#proof-result")))
	assert.Contains(t, text("#proof-result h2"), "VERIFIED")
	assert.Contains(t, text("#proof-result p"), "was used")

	visit("patient-proof-tampered", "/patient", "#verify-form",
		chromedp.SetValue(chromedp.CSS("#proof"), d.tamperedProof(t, ctx)), chromedp.Click(chromedp.CSS("#verify")), chromedp.WaitVisible(chromedp.CSS("#proof-result")))
	assert.Contains(t, text("#proof-result h2"), "FAILED")
	assert.Contains(t, text("#proof-result p"), "does not hold against the chain")

	// The listener does catch what a page logs as an error.
	_, err = chromedp.Run(bctx, chromedp.Evaluate[int](`console.error("probe of the console listener"), 1`))
	require.NoError(t, err)
	assert.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(problems) == 1 && strings.Contains(problems[0], "probe of the console listener")
	}, 10*time.Second, 50*time.Millisecond, "console errors are seen")
	t.Logf("screenshots in %s", screenshotDir)
}

func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
