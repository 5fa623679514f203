package contracts

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

// DefaultLogWindow is how many blocks a log query asks a node for at once
// unless SetLogWindow says otherwise: within what public providers serve
// (Infura, Alchemy and public Sepolia endpoints cap eth_getLogs at 2,000
// to 10,000 blocks or 10,000 logs), and a long-lived chain is read in a
// few hundred queries rather than one the provider refuses.
const DefaultLogWindow = 5000

// logWindowGrowAfter is how many windows in a row a node must serve before
// the window doubles back towards its configured size.
const logWindowGrowAfter = 4

// ErrLogsRefused: the node refused a log query even for a single block. Its
// provider caps the results below what that block holds (or refuses
// eth_getLogs altogether): point the daemon at a node of the hospital's
// own or a provider plan without the cap.
var ErrLogsRefused = errors.New("contracts: the node refuses the logs of a single block")

// logIndexBehind is how geth reports a log query that raced its log index
// (filtermaps) catching up with a block just mined: asked again a moment
// later, the query succeeds.
const logIndexBehind = "failed to retrieve log value pointer"

// filterLogRetries bounds the retries of a query that raced the log index.
const filterLogRetries = 5

// behindHead is, lower-cased, how a load-balanced provider (Alchemy and
// others) answers an eth_getLogs that reaches a backend behind the head
// another backend reported: "block range extends beyond current head
// block". The same range is served once that backend catches up.
const behindHead = "beyond current head"

// behindHeadTries bounds the tries of a query a backend behind the head
// refused; the waits between them, from defaultBehindHeadWait doubling,
// add up to about eight seconds, over half a mainnet block.
const behindHeadTries = 6

// defaultBehindHeadWait is the first wait before a query a backend behind
// the head refused is asked again.
const defaultBehindHeadWait = 250 * time.Millisecond

// ErrNodeBehindHead: the node's provider kept answering that a log query
// reached beyond its head, the head it had itself reported: it serves
// from backends behind one another, and the one answering did not catch
// up.
var ErrNodeBehindHead = errors.New("contracts: the node's provider stays behind the head it reported")

// SetLogWindow sets how many blocks a log query asks the node for at once
// (0: DefaultLogWindow). It is where a window starts and the most it grows
// back to after the node refused a wider one (see filterLogs). It is safe
// to call at any time.
func (c *Chain) SetLogWindow(blocks uint64) {
	if blocks == 0 {
		blocks = DefaultLogWindow
	}
	c.logWindow.max.Store(blocks)
	c.logWindow.now.Store(blocks)
}

// filterLogs is every log query of the ledger: it returns the logs
// matching q in chain order, without duplicates and without reorged
// (Removed) ones. q.FromBlock (nil: genesis) should be the lowest block
// the logs can be in: the ledger's deployment, a study's creation. The
// range ends at q.ToBlock, or (nil) at the head read once at the start, so
// that the answer is one snapshot of the chain however many queries it
// takes; a query by q.BlockHash is asked as is.
//
// The range is walked in windows, as providers cap the blocks or the
// results of one eth_getLogs: a window the node refuses as too wide or
// too full (logsRefusal) is asked again in halves, down to one block
// (ErrLogsRefused beyond); after logWindowGrowAfter windows served in a
// row the window doubles, up to SetLogWindow's size, but never to the
// width of a range the node refused as too wide, in this query or an
// earlier one of the chain: a provider's range cap is fixed, so a walk
// under it is refused once, when it is learned, where growing back to
// the refused width was refused again one window in five. A window
// refused for its results is grown back to: how many logs a window holds
// varies along the chain. The window reached is where the next query
// starts, so a node with a cap is probed once, not at every query. A
// query that raced the node's log index, or reached a backend behind
// the head (filterLogsOnce), is asked again after a short wait. ctx ends
// the walk between windows.
func (c *Chain) filterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if q.BlockHash != nil {
		logs, err := c.filterLogsOnce(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("contracts: filtering logs: %w", err)
		}
		return appendLogs(nil, logs, 0, ^uint64(0)), nil
	}
	var from, to uint64
	if q.FromBlock != nil && q.FromBlock.Sign() > 0 {
		from = q.FromBlock.Uint64()
	}
	if q.ToBlock != nil && q.ToBlock.Sign() >= 0 {
		to = q.ToBlock.Uint64()
	} else {
		head, err := c.client.BlockNumber(ctx)
		if err != nil {
			return nil, fmt.Errorf("contracts: filtering logs: reading the head: %w", err)
		}
		to = head
	}
	most := c.logWindow.max.Load()
	if most == 0 {
		most = DefaultLogWindow
	}
	window := c.logWindow.now.Load()
	if window == 0 || window > most {
		window = most
	}
	var out []types.Log
	served := 0
	for from <= to {
		if tooWide := c.logWindow.tooWide.Load(); tooWide != 0 && window >= tooWide {
			window = tooWide / 2 // learned by a query running at the same time
		}
		end := to
		if to-from >= window {
			end = from + window - 1
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("contracts: filtering the logs of blocks %d-%d: %w", from, to, err)
		}
		page := q
		page.FromBlock, page.ToBlock = new(big.Int).SetUint64(from), new(big.Int).SetUint64(end)
		logs, err := c.filterLogsOnce(ctx, page)
		refusal := notRefused
		if err != nil {
			refusal = logsRefusal(err)
		}
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return nil, fmt.Errorf("contracts: filtering the logs of blocks %d-%d: %w", from, end, errors.Join(ctx.Err(), err))
		case errors.Is(err, ErrNodeBehindHead):
			return nil, fmt.Errorf("contracts: filtering the logs of blocks %d-%d: %w", from, end, err)
		case refusal == notRefused:
			return nil, fmt.Errorf("contracts: filtering the logs of blocks %d-%d: %w (a node that caps eth_getLogs may need a smaller chain.log_window)", from, end, err)
		case end == from:
			return nil, fmt.Errorf("%w: block %d (point chain.rpc at a node of your own or a provider plan that serves eth_getLogs without this cap); the node said: %w", ErrLogsRefused, from, err)
		default:
			if refusal == refusedTooWide {
				c.learnTooWide(end - from + 1)
			}
			window, served = (end-from+1)/2, 0
			c.logWindow.now.Store(window)
			continue
		}
		out = appendLogs(out, logs, from, end)
		from = end + 1
		if served++; served >= logWindowGrowAfter && window < most {
			grown := min(2*window, most)
			if tooWide := c.logWindow.tooWide.Load(); tooWide != 0 && grown >= tooWide {
				grown = window
			}
			window, served = grown, 0
			c.logWindow.now.Store(window)
		}
	}
	return out, nil
}

// learnTooWide records that the node refused a range of width blocks as
// too wide, if no narrower one was refused before.
func (c *Chain) learnTooWide(width uint64) {
	for {
		known := c.logWindow.tooWide.Load()
		if known != 0 && known <= width {
			return
		}
		if c.logWindow.tooWide.CompareAndSwap(known, width) {
			return
		}
	}
}

// filterLogsOnce asks the node for q's logs, again after a short wait
// while the query races the node's log index, and after a longer one
// while the node's provider serves it from a backend behind the head
// (ErrNodeBehindHead once behindHeadTries were so answered).
func (c *Chain) filterLogsOnce(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	indexWait := 20 * time.Millisecond
	headWait := c.behindHeadWait
	if headWait == 0 {
		headWait = defaultBehindHeadWait
	}
	indexTries, headTries, waited := 0, 0, time.Duration(0)
	for {
		logs, err := c.client.FilterLogs(ctx, q)
		if err == nil {
			return logs, nil
		}
		var wait time.Duration
		switch {
		case strings.Contains(err.Error(), logIndexBehind):
			if indexTries++; indexTries == filterLogRetries {
				return nil, err
			}
			wait, indexWait = indexWait, 2*indexWait
		case strings.Contains(strings.ToLower(err.Error()), behindHead):
			if headTries++; headTries == behindHeadTries {
				return nil, fmt.Errorf("%w: asked %d times over %v, the node said: %w (its provider serves from backends behind the head it reports; try again later, or point chain.rpc at a node of your own or an endpoint that serves from one backend)",
					ErrNodeBehindHead, headTries, waited.Round(time.Millisecond), err)
			}
			wait, headWait = headWait, 2*headWait
		default:
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w (after %v)", ctx.Err(), err)
		case <-time.After(wait):
		}
		waited += wait
	}
}

// appendLogs appends to out the logs of one window [from, to], in chain
// order, leaving out reorged logs, logs outside the window (a provider
// that answers more than asked) and any not after out's last (a log a
// provider repeats at a window's edge).
func appendLogs(out, logs []types.Log, from, to uint64) []types.Log {
	logs = slices.Clone(logs)
	slices.SortStableFunc(logs, func(a, b types.Log) int {
		if a.BlockNumber != b.BlockNumber {
			return cmp.Compare(a.BlockNumber, b.BlockNumber)
		}
		return cmp.Compare(a.Index, b.Index)
	})
	for _, lg := range logs {
		if lg.Removed || lg.BlockNumber < from || lg.BlockNumber > to {
			continue
		}
		if n := len(out); n > 0 {
			last := out[n-1]
			if lg.BlockNumber < last.BlockNumber || (lg.BlockNumber == last.BlockNumber && lg.Index <= last.Index) {
				continue
			}
		}
		out = append(out, lg)
	}
	return out
}

// logsRefusals are, lower-cased, what nodes and providers answer to an
// eth_getLogs whose block range is beyond their cap:
//
//   - geth --rpc.rangelimit N: "exceed maximum block range N"; BSC and
//     other geth forks: "exceed maximum block range: 5000"
//   - public endpoints, Ankr, Cloudflare, Besu, Nethermind: "block range is
//     too large", "block range too wide", "requested range exceeds maximum
//     range limit" (the "block range" and "range limit" phrases below)
//   - QuickNode: "eth_getLogs is limited to a 10,000 range"
var logsRefusals = []string{
	"exceed maximum block range",
	"exceeds maximum block range",
	"range limit",
	"is limited to a",
}

// resultsRefusals are, lower-cased, what nodes and providers answer to an
// eth_getLogs whose results are beyond their cap, which a range that
// holds fewer logs may not be:
//
//   - Infura: "query returned more than 10000 results. Try with this block
//     range [...]"
//   - Alchemy: "Log response size exceeded. You can make eth_getLogs
//     requests with up to a 2K block range ..."; others "response size
//     should not greater than ..."
//   - a query the provider timed out: "query timeout exceeded"
var resultsRefusals = []string{
	"query returned more than",
	"response size",
	"too many results",
	"max results",
	"results limit",
	"query timeout exceeded",
}

// rangeWords are what, beside "block range", makes a message a range
// refusal rather than, say, geth's "invalid block range params".
var rangeWords = []string{"too large", "too wide", "too big", "too long", "exceed", "limit", "max"}

// refusal is why a node refused an eth_getLogs (logsRefusal).
type refusal int

const (
	notRefused     refusal = iota
	refusedTooWide         // the range is wider than the node's cap
	refusedTooMany         // the range holds more results than the node's cap
)

// logsRefusal tells whether err is a node's refusal of an eth_getLogs
// over too many blocks (logsRefusals) or with too many results
// (resultsRefusals, or an HTTP 413: payload too large), after which a
// smaller range may be served. A message naming results is a refusal of
// results even if it names a block range too (Alchemy's suggests one). A
// rate limit is not a refusal: asking more often does not help.
func logsRefusal(err error) refusal {
	var httpErr rpc.HTTPError
	if errors.As(err, &httpErr) && httpErr.StatusCode == http.StatusRequestEntityTooLarge {
		return refusedTooMany
	}
	msg := strings.ToLower(err.Error())
	if strings.Contains(msg, "rate limit") || strings.Contains(msg, "request rate") || strings.Contains(msg, "too many requests") {
		return notRefused
	}
	for _, p := range resultsRefusals {
		if strings.Contains(msg, p) {
			return refusedTooMany
		}
	}
	for _, p := range logsRefusals {
		if strings.Contains(msg, p) {
			return refusedTooWide
		}
	}
	if strings.Contains(msg, "block range") {
		for _, w := range rangeWords {
			if strings.Contains(msg, w) {
				return refusedTooWide
			}
		}
	}
	return notRefused
}

// Where the ledger's log queries start.
//
// A query from genesis on a public chain asks for millions of blocks
// before the ledger existed: slow, and refused by providers. So each
// starts at the first block its logs can be in, which the contracts
// record: the Consortium's deployment block (deployedAt, an immutable:
// no storage, nothing to migrate) for its own events, a ConsentRegistry's
// (deployedAt) for consent, and for a study the block it was created in
// (its record's createdBlock, in free bytes of a slot the record has
// anyway), which every event of the study follows, in whichever Studies
// module and Committees contract hold it (a module replaced by vote keeps
// its studies' records). A round's commitments and scores start at the
// block the round opened in (its record's openedBlock).

// deployedAt returns the block the Consortium was deployed in, read once.
func (l *Ledger) deployedAt(ctx context.Context) (*big.Int, error) {
	l.mu.Lock()
	known := l.deployed
	l.mu.Unlock()
	if known != nil {
		return new(big.Int).SetUint64(*known), nil
	}
	out, err := l.read(ctx, l.consortium.PackDeployedAt())
	if err != nil {
		return nil, fmt.Errorf("reading the ledger's deployment block: %w", err)
	}
	block, err := l.consortium.UnpackDeployedAt(out)
	if err != nil {
		return nil, fmt.Errorf("reading the ledger's deployment block: %w", err)
	}
	n := block.Uint64()
	l.mu.Lock()
	l.deployed = &n
	l.mu.Unlock()
	return block, nil
}

// DeploymentBlock returns the block the ledger's Consortium was deployed
// in, as the contract records it: where the ledger's log queries start.
func (l *Ledger) DeploymentBlock(ctx context.Context) (uint64, error) {
	block, err := l.deployedAt(ctx)
	if err != nil {
		return 0, err
	}
	return block.Uint64(), nil
}

// registryDeployedAt returns the block the ConsentRegistry at a was
// deployed in.
func (l *Ledger) registryDeployedAt(ctx context.Context, a common.Address) (uint64, error) {
	out, err := l.chain.call(ctx, a, l.consentReg.PackDeployedAt(), &l.abi)
	if err != nil {
		return 0, err
	}
	block, err := l.consentReg.UnpackDeployedAt(out)
	if err != nil {
		return 0, err
	}
	return block.Uint64(), nil
}

// studyLogs returns the logs q matches from the block the study was
// created in, or from q.FromBlock if that is later (filterLogs); none for
// a study this node does not know (yet), as a query from genesis found
// none.
func (l *Ledger) studyLogs(ctx context.Context, studyID uint64, q ethereum.FilterQuery) ([]types.Log, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackGetStudy(studyID))
	if errors.Is(err, ErrStudyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	s, err := l.studies.UnpackGetStudy(out)
	if err != nil {
		return nil, err
	}
	if q.FromBlock == nil || q.FromBlock.Uint64() < s.CreatedBlock {
		q.FromBlock = new(big.Int).SetUint64(s.CreatedBlock)
	}
	return l.chain.filterLogs(ctx, q)
}
