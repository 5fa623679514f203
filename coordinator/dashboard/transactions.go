package dashboard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/cohort-fl/cohort/contracts"
)

// chainEvents are the events a page's numbers come from: every number the
// chain holds links to the event that set it, in the transaction that
// emitted it (/tx/0x…#log-N).
type chainEvents []contracts.Event

// txLink is the dashboard's page of the transaction that emitted e, at e.
func txLink(e contracts.Event) string {
	return fmt.Sprintf("/tx/%s#log-%d", e.TxHash.Hex(), e.Index)
}

// last returns the link to the last event called name whose arguments
// have the values given (name, value pairs, as contracts.Value formats
// them), or fallback if none has.
func (es chainEvents) last(fallback, name string, kv ...string) string {
	if e, ok := es.find(name, kv...); ok {
		return txLink(e)
	}
	return fallback
}

func (es chainEvents) find(name string, kv ...string) (contracts.Event, bool) {
next:
	for i := len(es) - 1; i >= 0; i-- {
		if es[i].Name != name {
			continue
		}
		for j := 0; j+1 < len(kv); j += 2 {
			if v, ok := es[i].Arg(kv[j]); !ok || v != kv[j+1] {
				continue next
			}
		}
		return es[i], true
	}
	return contracts.Event{}, false
}

// commit returns the link to member's commitment in round n: its
// UpdateCommitted event, or the UpdatesCommitted batch that carries it.
func (es chainEvents) commit(fallback string, n uint32, member common.Address) string {
	r := strconv.FormatUint(uint64(n), 10)
	if e, ok := es.find("UpdateCommitted", "round", r, "member", member.Hex()); ok {
		return txLink(e)
	}
	for i := len(es) - 1; i >= 0; i-- {
		if es[i].Name != "UpdatesCommitted" {
			continue
		}
		round, _ := es[i].Arg("round")
		members, _ := es[i].Arg("members")
		if round == r && strings.Contains(members, member.Hex()) {
			return txLink(es[i])
		}
	}
	return fallback
}

// inRound returns the events of round n (those with a round argument), in
// chain order.
func (es chainEvents) inRound(n uint32) chainEvents {
	r := strconv.FormatUint(uint64(n), 10)
	var out chainEvents
	for _, e := range es {
		if v, ok := e.Arg("round"); ok && v == r {
			out = append(out, e)
		}
	}
	return out
}

func u(n uint64) string { return strconv.FormatUint(n, 10) }

// txPage is one transaction.
type txPage struct {
	Title string
	Tx    contracts.Transaction
	// Names names the consortium's members among the addresses shown.
	Names map[common.Address]string
}

func (s *Server) tx(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	b, err := hexutil.Decode(r.PathValue("hash"))
	if err != nil || len(b) != common.HashLength {
		fail(w, http.StatusBadRequest, "want /tx/0x and 64 hex digits")
		return
	}
	tx, err := s.transaction(ctx, common.BytesToHash(b))
	if errors.Is(err, contracts.ErrTransactionNotFound) {
		fail(w, http.StatusNotFound, "%v", err)
		return
	}
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	p := txPage{Title: "Transaction " + tx.Hash.Hex()[:10] + "…", Tx: tx, Names: s.memberNames(ctx)}
	s.render(w, "tx", p)
}

// memberNames names the consortium's members; empty if the chain does
// not answer (the page then shows addresses only).
func (s *Server) memberNames(ctx context.Context) map[common.Address]string {
	names := map[common.Address]string{}
	members, err := s.cfg.Ledger.Members(ctx)
	if err != nil {
		return names
	}
	for _, m := range members {
		names[m.Address] = m.Name
	}
	return names
}

// roundTx is one transaction of a round, with the events it emitted there
// and its gas.
type roundTx struct {
	Hash      common.Hash
	Link      string
	From      common.Address
	Method    string
	Events    []string
	Block     uint64
	BlockTime time.Time
	GasUsed   uint64
}

// transaction reads a mined transaction, from the cache once read.
func (s *Server) transaction(ctx context.Context, h common.Hash) (contracts.Transaction, error) {
	if tx, ok := s.txs.Get(h); ok {
		return tx, nil
	}
	tx, err := s.cfg.Ledger.Transaction(ctx, h)
	if err != nil {
		return tx, err
	}
	s.txs.Add(h, tx)
	return tx, nil
}

// maxRoundTxs bounds the transactions a round page reads one by one.
const maxRoundTxs = 500

// roundTxs lists the distinct transactions of round n's events, in chain
// order, each read from the chain for its sender, method and gas.
func (s *Server) roundTxs(ctx context.Context, events chainEvents) ([]roundTx, uint64, error) {
	var out []roundTx
	at := map[common.Hash]int{}
	for _, e := range events {
		if i, ok := at[e.TxHash]; ok {
			out[i].Events = append(out[i].Events, e.Name)
			continue
		}
		at[e.TxHash] = len(out)
		out = append(out, roundTx{Hash: e.TxHash, Link: txLink(e), Events: []string{e.Name}, Block: e.Block})
	}
	if len(out) > maxRoundTxs {
		return out, 0, nil
	}
	var total uint64
	for i := range out {
		tx, err := s.transaction(ctx, out[i].Hash)
		if err != nil {
			return nil, 0, err
		}
		out[i].From, out[i].Method, out[i].GasUsed, out[i].BlockTime = tx.From, tx.Method, tx.GasUsed, tx.BlockTime
		total += tx.GasUsed
	}
	return out, total, nil
}

// chainFigures are a round's gas and duration as the chain recorded them.
type chainFigures struct {
	// GasUsed sums the gas of the round's transactions (those whose
	// events carry its number).
	GasUsed uint64
	// Seconds runs from the block that opened the round to the one that
	// closed it; zero while it is open.
	Seconds float64
}

// roundChainFigures reads a round's chain figures from its transactions;
// ok is false when they are more than maxRoundTxs.
func (s *Server) roundChainFigures(ctx context.Context, rv *roundView, events chainEvents) (chainFigures, bool, error) {
	txs, total, err := s.roundTxs(ctx, events)
	if err != nil || total == 0 {
		return chainFigures{}, false, err
	}
	f := chainFigures{GasUsed: total}
	if rv.Closed || rv.Abandoned {
		for _, tx := range txs {
			if slices.Contains(tx.Events, "RoundClosed") || slices.Contains(tx.Events, "RoundAbandoned") {
				f.Seconds = tx.BlockTime.Sub(rv.OpenedAt).Seconds()
			}
		}
	}
	return f, true, nil
}
