package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// txHref matches a link to a transaction's page, at one of its events.
var txHref = regexp.MustCompile(`^/tx/(0x[0-9a-f]{64})#log-(\d+)$`)

// hrefOf returns the link of the <a> carrying data-field="name" in html.
func hrefOf(t *testing.T, html, name string) string {
	t.Helper()
	m := regexp.MustCompile(`<a href="([^"]*)"[^>]*data-field="` + name + `"`).FindStringSubmatch(html)
	require.NotNil(t, m, "no link on field %s in %s", name, html)
	return m[1]
}

// chainLog returns the receipt of the transaction a /tx/ link names, read
// from the chain (not through the dashboard), and the log at its anchor.
func (d *dashboardStudy) chainLog(t *testing.T, ctx context.Context, href string) (*types.Receipt, *types.Log) {
	t.Helper()
	m := txHref.FindStringSubmatch(href)
	require.NotNil(t, m, "%q is not a link to a transaction's event", href)
	r, err := d.Chain().TransactionReceipt(ctx, common.HexToHash(m[1]))
	require.NoError(t, err)
	index, err := strconv.ParseUint(m[2], 10, 32)
	require.NoError(t, err)
	for _, lg := range r.Logs {
		if uint64(lg.Index) == index {
			return r, lg
		}
	}
	t.Fatalf("transaction %s emitted no log %d", m[1], index)
	return nil, nil
}

// checkTxPage follows a /tx/ link and checks that its page shows the
// chain's transaction: its hash, block, sender and gas as the receipt
// gives them, and at the anchor the event named event with the argument
// values given (name, value pairs); it returns the log at the anchor.
func (d *dashboardStudy) checkTxPage(t *testing.T, ctx context.Context, href, event string, args ...string) *types.Log {
	t.Helper()
	r, lg := d.chainLog(t, ctx, href)
	page := d.get(t, ctx, href[:strings.Index(href, "#")])
	assert.Equal(t, r.TxHash.Hex(), field(t, page, "hash"))
	assert.Equal(t, r.BlockNumber.String(), field(t, page, "block"))
	assert.Equal(t, strconv.FormatUint(r.GasUsed, 10), field(t, page, "gas-used"))
	assert.Equal(t, "succeeded", field(t, page, "status"))
	i := strings.Index(page, fmt.Sprintf(`id="log-%d" data-event="%s"`, lg.Index, event))
	require.GreaterOrEqual(t, i, 0, "the page of %s shows no %s at its log %d", href, event, lg.Index)
	section := page[i : i+strings.Index(page[i:], "</section>")]
	for j := 0; j+1 < len(args); j += 2 {
		assert.Equal(t, args[j+1], field(t, rowOf(t, section, `data-arg="`+args[j]+`"`), "value"), "%s's %s", event, args[j])
	}
	return lg
}

// checkLinks fetches every transaction page the page links to: each must
// answer, and each number the page shows with a data-field must be a
// link (to its transaction, or to a page listing them).
func (d *dashboardStudy) checkLinks(t *testing.T, ctx context.Context, page string, seen map[string]bool) {
	t.Helper()
	for _, m := range regexp.MustCompile(`<(\w+)[^>]*data-field="([^"]+)"[^>]*>([^<]*)<`).FindAllStringSubmatch(page, -1) {
		if _, err := strconv.ParseFloat(strings.TrimSpace(m[3]), 64); err == nil {
			assert.Equal(t, "a", m[1], "the number %s (%s) links nowhere", m[3], m[2])
		}
	}
	for _, m := range regexp.MustCompile(`href="(/tx/[^"#]+)`).FindAllStringSubmatch(page, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			d.get(t, ctx, m[1])
		}
	}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		assert.NotEmpty(t, m[1], "an empty link")
	}
}

// The transaction page of a hash the chain does not know answers 404.
func (d *dashboardStudy) checkUnknownTx(t *testing.T, ctx context.Context) {
	t.Helper()
	resp, err := http.Get(d.url + "/tx/0x" + strings.Repeat("ab", 32))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}
