package contracts_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// mine mines n empty blocks on the simulated chain.
func (f *fixture) mine(t *testing.T, n int) {
	t.Helper()
	for range n {
		require.NoError(t, f.chain.AdvanceTime(time.Second))
	}
}

// history is a ledger's story spread over many blocks, as a long-lived
// chain spreads it: a study created well after the deployment, joins,
// consent relayed stored and logged, a round with commitments and scores,
// and a departure, with empty blocks between the steps.
type history struct {
	study    uint64
	patients []common.Hash
}

func (f *fixture) history(t *testing.T) history {
	t.Helper()
	ctx := f.ctx
	f.mine(t, 30)
	h := history{study: f.study(t, 0)}
	for _, m := range f.members {
		f.mine(t, 3)
		_, err := f.ledger.JoinStudy(ctx, m, h.study)
		require.NoError(t, err)
	}
	scope := contracts.ConsentScope{StudyID: h.study}
	var logged []contracts.SignedConsent
	for i := range 6 {
		p := newPatient(t)
		h.patients = append(h.patients, p.id)
		f.mine(t, 2)
		if i%2 == 0 {
			_, err := f.ledger.RelayConsent(ctx, f.members[0], f.sign(t, p, scope, true, f.later()))
			require.NoError(t, err)
			if i == 4 {
				_, err := f.ledger.RelayConsent(ctx, f.members[0], f.sign(t, p, scope, false, time.Time{}))
				require.NoError(t, err)
			}
			continue
		}
		logged = append(logged, f.signLogged(t, p, scope, true, f.later(), f.now(t)))
	}
	_, err := f.ledger.LogConsentBatch(ctx, f.members[1], logged) // three logs in one block
	require.NoError(t, err)
	f.mine(t, 5)
	f.setKey(t, h.study)
	f.openFirstRound(t, h.study)
	for i, m := range f.members {
		f.mine(t, 2)
		_, err := f.ledger.CommitUpdate(ctx, m, h.study, 1, commitment(i))
		require.NoError(t, err)
	}
	_, err = f.ledger.RecordScores(ctx, f.coord, h.study, 1, []contracts.Score{{Member: f.members[0].Address(), Score: 0.5}})
	require.NoError(t, err)
	f.mine(t, 4)
	_, err = f.ledger.CloseRound(ctx, f.coord, h.study, 1, result(uint32(len(f.members))))
	require.NoError(t, err)
	f.mine(t, 3)
	_, err = f.ledger.LeaveStudy(ctx, f.members[len(f.members)-1], h.study)
	require.NoError(t, err)
	f.mine(t, 3)
	return h
}

// reads is what a node reads of a history through the logs.
type reads struct {
	Study, Consortium []contracts.Event
	Patients          [][]contracts.PatientEvent
	Joined            []uint64
	Departures        []contracts.Departure
	Round             contracts.Round
	Scores            []contracts.Score
	Consent           []contracts.ConsentStatus
	ConsentHistory    [][]contracts.ConsentRecord
}

func (f *fixture) read(t *testing.T, ctx context.Context, l *contracts.Ledger, h history) reads {
	t.Helper()
	var r reads
	var err error
	r.Study, err = l.StudyEvents(ctx, h.study)
	require.NoError(t, err, "StudyEvents")
	r.Consortium, err = l.ConsortiumEvents(ctx)
	require.NoError(t, err, "ConsortiumEvents")
	for _, m := range f.members {
		at, err := l.JoinedAt(ctx, h.study, m.Address())
		require.NoError(t, err, "JoinedAt")
		r.Joined = append(r.Joined, at)
	}
	r.Departures, err = l.Departures(ctx, h.study)
	require.NoError(t, err, "Departures")
	r.Round, err = l.Round(ctx, h.study, 1)
	require.NoError(t, err, "Round")
	r.Scores, err = l.Scores(ctx, h.study, 1)
	require.NoError(t, err, "Scores")
	for _, p := range h.patients {
		events, err := l.PatientEvents(ctx, p)
		require.NoError(t, err, "PatientEvents")
		r.Patients = append(r.Patients, events)
		status, err := l.ConsentStatus(ctx, p, h.study, 0)
		require.NoError(t, err, "ConsentStatus")
		r.Consent = append(r.Consent, status)
		past, err := l.ConsentHistory(ctx, p, contracts.ConsentScope{StudyID: h.study})
		require.NoError(t, err, "ConsentHistory")
		r.ConsentHistory = append(r.ConsentHistory, past)
	}
	return r
}

// TestReadsThroughARangeLimitedProvider: a node whose RPC provider refuses
// log queries over a wide block range, or matching too many logs, each
// with a real provider's message, reads the same study events, joins,
// departures, commitments, scores, patient events and consent as a node
// without limits, over a history spread across many blocks. (Before the
// log queries were paged, each was refused with the provider's message.)
// A range cap, once learned, is not exceeded again.
func TestReadsThroughARangeLimitedProvider(t *testing.T) {
	f := newFixture(t, 3)
	h := f.history(t)
	want := f.read(t, f.ctx, f.ledger, h)
	require.NotEmpty(t, want.Study)
	require.Len(t, want.Departures, 1)
	require.Len(t, want.Round.Committers, 3)
	head, err := f.chain.BlockNumber(f.ctx)
	require.NoError(t, err)
	require.Greater(t, head, uint64(90), "a history over many blocks")

	for _, tc := range []struct {
		name   string
		limits *contracts.LogLimits
	}{
		{"geth --rpc.rangelimit 3", &contracts.LogLimits{MaxRange: 4, Code: -32602, RangeMessage: "exceed maximum block range 3"}},
		{"Infura results cap", &contracts.LogLimits{MaxResults: 5, Code: -32005,
			ResultsMessage: "query returned more than 10000 results. Try with this block range [0x1, 0x2]."}},
		{"Alchemy range and size", &contracts.LogLimits{MaxRange: 7, MaxResults: 6, Code: -32602,
			RangeMessage:   "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response.",
			ResultsMessage: "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response."}},
		{"QuickNode range", &contracts.LogLimits{MaxRange: 5, Code: -32614, RangeMessage: "eth_getLogs is limited to a 10,000 range"}},
		{"public endpoint", &contracts.LogLimits{MaxRange: 2, Code: -32000, RangeMessage: "block range is too large"}},
		{"BSC-style range", &contracts.LogLimits{MaxRange: 9, Code: -32000, RangeMessage: "exceed maximum block range: 5000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			view := f.chain.LimitLogs(tc.limits)
			l, err := contracts.Open(view, f.ledger.Address())
			require.NoError(t, err)
			got := f.read(t, f.ctx, l, h)
			require.Equal(t, want, got)
			refused := tc.limits.Refused.Load()
			require.NotZero(t, refused, "the provider refused some queries")
			if tc.limits.MaxResults == 0 {
				require.Equal(t, want, f.read(t, f.ctx, l, h))
				require.Equal(t, refused, tc.limits.Refused.Load(), "a range cap is learned: read again, nothing is refused")
			}
		})
	}
}

// TestLogQueryRefusedForOneBlock: a provider that refuses a query even
// for a single block (its results cap is below what the block holds) gives
// ErrLogsRefused, with the provider's message and what to do.
func TestLogQueryRefusedForOneBlock(t *testing.T) {
	f := newFixture(t, 3)
	const said = "query returned more than 10000 results. Try with this block range [0x1, 0x1]."
	limits := &contracts.LogLimits{MaxResults: 1, Code: -32005, ResultsMessage: said}
	l, err := contracts.Open(f.chain.LimitLogs(limits), f.ledger.Address())
	require.NoError(t, err)
	_, err = l.ConsortiumEvents(f.ctx) // the deployment's block admits three founders
	require.ErrorIs(t, err, contracts.ErrLogsRefused)
	require.ErrorContains(t, err, said)
	require.ErrorContains(t, err, "point chain.rpc at a node of your own")
}

// TestLogQueryStopsWhenCancelled: a query walking many windows stops at
// the first window after its context ends.
func TestLogQueryStopsWhenCancelled(t *testing.T) {
	f := newFixture(t, 2)
	id := f.study(t, 2)
	f.mine(t, 20)
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	limits := &contracts.LogLimits{}
	limits.OnQuery = func(ethereum.FilterQuery) {
		if limits.Queries.Load() == 3 {
			cancel()
		}
	}
	view := f.chain.LimitLogs(limits)
	view.SetLogWindow(2)
	l, err := contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)
	_, err = l.StudyEvents(ctx, id)
	require.ErrorIs(t, err, context.Canceled)
	require.EqualValues(t, 3, limits.Queries.Load(), "no query after the context ended")
}

// TestLogQueryPassesOtherErrorsOn: an error that is not a refusal of the
// range is not retried in smaller windows; it says which blocks it was
// reading and which setting may help.
func TestLogQueryPassesOtherErrorsOn(t *testing.T) {
	f := newFixture(t, 2)
	limits := &contracts.LogLimits{MaxRange: 1, Code: -32603, RangeMessage: "internal error"}
	l, err := contracts.Open(f.chain.LimitLogs(limits), f.ledger.Address())
	require.NoError(t, err)
	_, err = l.ConsortiumEvents(f.ctx)
	require.ErrorContains(t, err, "internal error")
	require.ErrorContains(t, err, "chain.log_window")
	require.EqualValues(t, 1, limits.Queries.Load())
}

// TestLogQueriesStartWhereTheLedgerBegins: a study's event queries
// (StudyEvents, JoinedAt, Departures, Strikes, committee selections) start
// at the block the study was created in, which its record keeps; the
// consortium's at the Consortium's deployment block; a patient's at the
// consent registry's. None asks for the blocks before.
func TestLogQueriesStartWhereTheLedgerBegins(t *testing.T) {
	f := newFixture(t, 2)
	f.mine(t, 40)
	id, r, err := f.ledger.CreateStudy(f.ctx, f.researcher, f.params())
	require.NoError(t, err)
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, r.Block, s.CreatedBlock)
	_, err = f.ledger.JoinStudy(f.ctx, f.members[0], id)
	require.NoError(t, err)

	var mu sync.Mutex
	var from []uint64
	limits := &contracts.LogLimits{OnQuery: func(q ethereum.FilterQuery) {
		mu.Lock()
		defer mu.Unlock()
		from = append(from, q.FromBlock.Uint64())
	}}
	l, err := contracts.Open(f.chain.LimitLogs(limits), f.ledger.Address())
	require.NoError(t, err)
	lowest := func(read func() error) uint64 {
		t.Helper()
		mu.Lock()
		from = nil
		mu.Unlock()
		require.NoError(t, read())
		mu.Lock()
		defer mu.Unlock()
		require.NotEmpty(t, from)
		return slices.Min(from)
	}
	for name, read := range map[string]func() error{
		"StudyEvents": func() error { _, err := l.StudyEvents(f.ctx, id); return err },
		"JoinedAt": func() error {
			at, err := l.JoinedAt(f.ctx, id, f.members[0].Address())
			require.Greater(t, at, s.CreatedBlock)
			return err
		},
		"Departures":          func() error { _, err := l.Departures(f.ctx, id); return err },
		"Strikes":             func() error { _, err := l.Strikes(f.ctx, id); return err },
		"CommitteeSelections": func() error { _, err := l.CommitteeSelections(f.ctx, id); return err },
	} {
		require.Equal(t, s.CreatedBlock, lowest(read), name)
	}
	deployed := lowest(func() error { _, err := l.ConsortiumEvents(f.ctx); return err })
	require.NotZero(t, deployed, "not from genesis")
	require.Less(t, deployed, s.CreatedBlock)
	consent := lowest(func() error { _, err := l.PatientEvents(f.ctx, newPatient(t).id); return err })
	require.GreaterOrEqual(t, consent, deployed)
	require.Less(t, consent, s.CreatedBlock)
}
