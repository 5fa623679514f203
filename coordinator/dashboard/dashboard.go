package dashboard

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/lru"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
)

//go:embed static templates
var assets embed.FS

// RunFigures are a round's figures that the chain does not hold: what the
// run that drove it measured (the demo knows them; a standalone dashboard
// does not).
type RunFigures struct {
	Seconds float64
}

// Config says where the dashboard reads from.
type Config struct {
	// Ledger is the Cohort contract (required).
	Ledger *contracts.Ledger
	// Store is the coordinator's blob store, to verify each round's
	// aggregate and model against their on-chain hashes; nil leaves them
	// unverified.
	Store *coordinator.Store
	// Proofs, if set, gives the use proofs of a patient's records in a
	// round from the hospitals that hold them (in the demo: their data
	// directories). A patient can always paste a proof file instead.
	Proofs func(ctx context.Context, studyID uint64, round uint32, patient common.Hash) ([]participant.UseProof, error)
	// Run, if set, gives a round's run figures.
	Run func(studyID uint64, round uint32) (RunFigures, bool)
}

// Server serves the dashboard. It is safe for concurrent use.
type Server struct {
	cfg   Config
	pages map[string]*template.Template
	mux   *http.ServeMux
	// txs keeps the transactions pages have read: a mined transaction
	// does not change, and a round page reads up to maxRoundTxs of them.
	txs *lru.Cache[common.Hash, contracts.Transaction]
	// schemeOnce makes schemeMade (or schemeErr) for the moments audit.
	schemeOnce sync.Once
	schemeMade *aggregation.Scheme
	schemeErr  error
}

// txCacheSize is how many transactions the dashboard keeps (a few kB each).
const txCacheSize = 20_000

// requestTimeout bounds the chain reads behind one page.
const requestTimeout = 30 * time.Second

// New returns a dashboard server over cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Ledger == nil {
		return nil, errors.New("dashboard: a ledger is required")
	}
	s := &Server{cfg: cfg, pages: map[string]*template.Template{}, mux: http.NewServeMux(), txs: lru.NewCache[common.Hash, contracts.Transaction](txCacheSize)}
	funcs := template.FuncMap{
		"short": func(h common.Hash) string {
			if h == (common.Hash{}) {
				return "—"
			}
			return h.Hex()[:10] + "…"
		},
		"addr":   func(a common.Address) string { return a.Hex()[:10] + "…" },
		"f4":     func(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) },
		"f6":     func(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) },
		"f2":     func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
		"date":   func(t time.Time) string { return dateOrDash(t) },
		"json":   func(v any) (template.JS, error) { b, err := json.Marshal(v); return template.JS(b), err },
		"zero":   func(h common.Hash) bool { return h == (common.Hash{}) },
		"lower":  strings.ToLower,
		"hexkey": func(h common.Hash) string { return h.Hex() },
		// fixed reads a round metric of a call or event in the contract's
		// fixed point ("" for other arguments).
		"fixed": func(v contracts.Value) string {
			switch v.Name {
			case "accuracy", "auc", "loss", "epsilonSpent", "epsilonBudget":
				if n, err := strconv.ParseUint(v.String(), 10, 64); err == nil {
					return strconv.FormatFloat(float64(n)/contracts.MetricUnit, 'f', 6, 64)
				}
			}
			return ""
		},
		// stored returns the blob page of a bytes32 value the coordinator's
		// store holds ("" otherwise).
		"stored": func(v contracts.Value) string {
			h, ok := v.Value.([32]byte)
			if !ok || s.cfg.Store == nil || !s.cfg.Store.Has(h) {
				return ""
			}
			return "/blob/" + common.Hash(h).Hex()
		},
	}
	for _, name := range []string{"index", "study", "round", "patient", "tx"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("dashboard: template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	static, err := fs.Sub(assets, "static")
	if err != nil {
		return nil, err
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /study/{id}", s.study)
	s.mux.HandleFunc("GET /study/{id}/round/{round}", s.round)
	s.mux.HandleFunc("GET /blob/{hash}", s.blob)
	s.mux.HandleFunc("GET /tx/{hash}", s.tx)
	s.mux.HandleFunc("GET /patient", s.patient)
	s.mux.HandleFunc("POST /patient/verify", s.verify)
	return s, nil
}

// ServeHTTP serves the dashboard's pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) render(w http.ResponseWriter, page string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.pages[page].ExecuteTemplate(w, "layout.html", data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// fail answers a request the dashboard could not serve, saying why.
func fail(w http.ResponseWriter, code int, format string, a ...any) {
	http.Error(w, fmt.Sprintf(format, a...), code)
}

func dateOrDash(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// memberView is a consortium member as the chain records it, with the
// events that admitted and removed it.
type memberView struct {
	contracts.MemberRecord
	AdmittedTx, RemovedTx string
}

// proposalView is a membership vote, with the events that created it, gave
// it its last vote and carried it.
type proposalView struct {
	contracts.Proposal
	KindName                       string
	CreatedTx, VotedTx, ExecutedTx string
}

// studyRow is a study on the front page, with the events its numbers come
// from.
type studyRow struct {
	contracts.Study
	Status string
	// CreatedTx set its parameters, RoundTx opened its current round,
	// MembershipTx last changed its participants.
	CreatedTx, RoundTx, MembershipTx string
}

type indexPage struct {
	Title     string
	Contract  common.Address
	ChainID   uint64
	Members   []memberView
	Proposals []proposalView
	Studies   []studyRow
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	l := s.cfg.Ledger
	p := indexPage{Title: "Cohort consortium", Contract: l.Address(), ChainID: l.ChainID().Uint64()}
	members, err := l.Members(ctx)
	if err != nil {
		fail(w, http.StatusBadGateway, "reading the members from the chain: %v", err)
		return
	}
	ce, err := l.ConsortiumEvents(ctx)
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	events := chainEvents(ce)
	for _, m := range members {
		p.Members = append(p.Members, memberView{MemberRecord: m,
			AdmittedTx: events.last("", "MemberAdmitted", "member", m.Address.Hex()),
			RemovedTx:  events.last("", "MemberRemoved", "member", m.Address.Hex())})
	}
	if p.Proposals, err = s.proposals(ctx, events); err != nil {
		fail(w, http.StatusBadGateway, "reading the membership votes from the chain: %v", err)
		return
	}
	n, err := l.StudyCount(ctx)
	if err != nil {
		fail(w, http.StatusBadGateway, "reading the studies from the chain: %v", err)
		return
	}
	for id := uint64(1); id <= n; id++ {
		st, err := l.Study(ctx, id)
		if err != nil {
			fail(w, http.StatusBadGateway, "reading study %d: %v", id, err)
			return
		}
		se, err := l.StudyEvents(ctx, id)
		if err != nil {
			fail(w, http.StatusBadGateway, "%v", err)
			return
		}
		events := chainEvents(se)
		row := studyRow{Study: st, Status: studies.Status(st), CreatedTx: events.last("", "StudyCreated"),
			RoundTx: events.last(fmt.Sprintf("/study/%d", id), "RoundOpened", "round", u(uint64(st.CurrentRound)))}
		row.MembershipTx = row.CreatedTx
		for i := len(events) - 1; i >= 0; i-- {
			if events[i].Name == "StudyJoined" || events[i].Name == "StudyLeft" {
				row.MembershipTx = txLink(events[i])
				break
			}
		}
		p.Studies = append(p.Studies, row)
	}
	s.render(w, "index", p)
}

// maxProposals bounds the proposals a page lists.
const maxProposals = 1000

func (s *Server) proposals(ctx context.Context, events chainEvents) ([]proposalView, error) {
	var out []proposalView
	for id := uint64(1); id <= maxProposals; id++ {
		p, err := s.cfg.Ledger.Proposal(ctx, id)
		if errors.Is(err, contracts.ErrProposalNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
		id := u(p.ID)
		out = append(out, proposalView{Proposal: p, KindName: p.Kind.String(),
			CreatedTx:  events.last("", "ProposalCreated", "proposalId", id),
			VotedTx:    events.last("", "Voted", "proposalId", id),
			ExecutedTx: events.last("", "ProposalExecuted", "proposalId", id)})
	}
	return out, nil
}

// participantView is a participant's standing in a study, with the
// events that set it: its joining, its last strike (its joining while it
// has none), its suspension, its leaving or removal by a member vote, and
// its last commitment.
type participantView struct {
	Address common.Address
	Name    string
	contracts.Participant
	JoinedTx, StrikesTx, SuspendedTx, LeftTx, RemovedTx, CommittedTx string
}

// flagView is a hospital flagged in a round, with its strike's event.
type flagView struct {
	Name, Tx string
}

// strikeView is a strike with its event.
type strikeView struct {
	contracts.Strike
	Tx string
}

// roundView is one round as the dashboard shows it.
type roundView struct {
	contracts.Round
	Status       string
	Contributors int
	// Samples holds, per participant of the study (in Participants'
	// order), the consented records it committed to training on; -1 when
	// it committed nothing.
	Samples []int64
	// ModelCheck and AggregateCheck say whether the blob store holds bytes
	// that hash to the on-chain hash.
	ModelCheck, AggregateCheck blobCheck
	Flagged                    []flagView
	Run                        *RunFigures
	// Chain is the round's gas and duration on chain; nil when the study
	// page read too many transactions to read this round's.
	Chain *chainFigures
	// Link is the round's page; OpenedTx, ClosedTx (closed or abandoned)
	// and ScoresTx the events that opened it, closed it and recorded its
	// scores; SampleTx, per participant, the commitment's event.
	Link                         string
	OpenedTx, ClosedTx, ScoresTx string
	SampleTx                     []string
}

// blobCheck is the verification of an on-chain hash against the blob store.
type blobCheck struct {
	Status string // "verified", "missing", "mismatch", "unchecked" or "—" (no hash yet)
	Detail string
}

type studyPage struct {
	Title        string
	Study        contracts.Study
	Status       string
	Participants []participantView
	// Former are the hospitals that joined and are no longer participants
	// (left, or removed by a member vote): the chain keeps their standing
	// and the events that ended it, so the page shows them too.
	Former  []participantView
	Rounds  []roundView
	Strikes []strikeView
	Names   map[common.Address]string
	Chart   chartData
	// Moments is the audit of the pooled standardiser; nil in a study
	// without one.
	Moments *momentsView
	// CreatedTx set the study's parameters, RoundTx opened its current
	// round, KeyTx recorded its key hash.
	CreatedTx, RoundTx, KeyTx string
}

// chartData is what the page's script draws; each point links to the
// transaction its figure comes from.
type chartData struct {
	Rounds      []uint32             `json:"rounds"`
	Series      map[string][]float64 `json:"series"`
	Links       []string             `json:"links"` // per round: its RoundClosed event
	Hospital    []string             `json:"hospitals"`
	Consent     [][]float64          `json:"consent"`      // per hospital, per round
	ConsentLink [][]string           `json:"consentLinks"` // per hospital, per round: its commitment's event
}

func (s *Server) study(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil || id == 0 {
		fail(w, http.StatusBadRequest, "study id %q: want a number from 1", r.PathValue("id"))
		return
	}
	p, err := s.studyPage(ctx, id)
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	s.render(w, "study", p)
}

func (s *Server) studyPage(ctx context.Context, id uint64) (*studyPage, error) {
	l := s.cfg.Ledger
	st, err := l.Study(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reading study %d: %w", id, err)
	}
	se, err := l.StudyEvents(ctx, id)
	if err != nil {
		return nil, err
	}
	events := chainEvents(se)
	home := fmt.Sprintf("/study/%d", id)
	p := &studyPage{Title: fmt.Sprintf("Study %d", id), Study: st, Status: studies.Status(st), Names: map[common.Address]string{},
		CreatedTx: events.last(home, "StudyCreated"), RoundTx: events.last(home, "RoundOpened", "round", u(uint64(st.CurrentRound))),
		KeyTx: events.last(home, "PublicKeySet")}
	p.Chart.Series = map[string][]float64{}
	if p.Moments, err = s.momentsView(ctx, st, events, home); err != nil {
		return nil, err
	}
	for _, a := range st.Participants {
		pv, err := s.participantView(ctx, id, a, events, home)
		if err != nil {
			return nil, err
		}
		p.Names[a] = pv.Name
		p.Participants = append(p.Participants, pv)
		p.Chart.Hospital = append(p.Chart.Hospital, pv.Name)
	}
	for _, e := range events {
		member, _ := e.Arg("member")
		a := common.HexToAddress(member)
		if e.Name != "StudyJoined" || slices.Contains(st.Participants, a) || p.Names[a] != "" {
			continue
		}
		pv, err := s.participantView(ctx, id, a, events, home)
		if err != nil {
			return nil, err
		}
		p.Names[a] = pv.Name
		p.Former = append(p.Former, pv)
	}
	p.Chart.Consent = make([][]float64, len(st.Participants))
	p.Chart.ConsentLink = make([][]string, len(st.Participants))
	strikes, err := l.Strikes(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reading strikes: %w", err)
	}
	flagged := map[uint32][]flagView{}
	for _, k := range strikes {
		tx := events.last(home, "StrikeRecorded", "member", k.Member.Hex(), "round", u(uint64(k.Round)), "strikes", u(uint64(k.Strikes)))
		p.Strikes = append(p.Strikes, strikeView{Strike: k, Tx: tx})
		flagged[k.Round] = append(flagged[k.Round], flagView{Name: p.Names[k.Member], Tx: tx})
	}
	for n := uint32(1); n <= st.CurrentRound; n++ {
		rv, err := s.roundView(ctx, st, n, events)
		if err != nil {
			return nil, err
		}
		rv.Flagged = flagged[n]
		p.Rounds = append(p.Rounds, *rv)
		if !rv.Closed {
			continue
		}
		p.Chart.Rounds = append(p.Chart.Rounds, n)
		p.Chart.Links = append(p.Chart.Links, rv.ClosedTx)
		for k, v := range map[string]float64{"accuracy": rv.Result.Accuracy, "auc": rv.Result.AUC, "loss": rv.Result.Loss, "contributors": float64(rv.Result.Participants)} {
			p.Chart.Series[k] = append(p.Chart.Series[k], v)
		}
		for i, c := range rv.Samples {
			p.Chart.Consent[i] = append(p.Chart.Consent[i], float64(max(c, 0)))
			p.Chart.ConsentLink[i] = append(p.Chart.ConsentLink[i], rv.SampleTx[i])
		}
	}
	// The rounds' gas and duration on chain, newest rounds first, reading
	// at most maxRoundTxs transactions per visit.
	budget := maxRoundTxs
	for i := len(p.Rounds) - 1; i >= 0; i-- {
		rv := &p.Rounds[i]
		round := events.inRound(rv.Number)
		if len(round) > budget {
			break
		}
		budget -= len(round)
		f, ok, err := s.roundChainFigures(ctx, rv, round)
		if err != nil {
			return nil, err
		}
		if ok {
			rv.Chain = &f
		}
	}
	return p, nil
}

// participantView reads a's standing in study id from the chain and
// links each part of it to the event that set it (home if none did).
func (s *Server) participantView(ctx context.Context, id uint64, a common.Address, events chainEvents, home string) (participantView, error) {
	l := s.cfg.Ledger
	part, err := l.Participant(ctx, id, a)
	if err != nil {
		return participantView{}, fmt.Errorf("reading participant %s: %w", a.Hex(), err)
	}
	name := a.Hex()[:10]
	if m, err := l.Member(ctx, a); err == nil {
		name = m.Name
	}
	pv := participantView{Address: a, Name: name, Participant: part,
		JoinedTx: events.last(home, "StudyJoined", "member", a.Hex())}
	pv.StrikesTx = events.last(pv.JoinedTx, "StrikeRecorded", "member", a.Hex())
	if reinstated, ok := events.find("ParticipantReinstated", "member", a.Hex()); ok && part.Strikes == 0 {
		pv.StrikesTx = txLink(reinstated)
	}
	pv.SuspendedTx = events.last(home, "ParticipantSuspended", "member", a.Hex())
	pv.LeftTx = events.last(home, "StudyLeft", "member", a.Hex())
	pv.RemovedTx = events.last(home, "ParticipantRemoved", "member", a.Hex())
	pv.CommittedTx = events.commit(home, part.LastCommittedRound, a)
	return pv, nil
}

func (s *Server) roundView(ctx context.Context, st contracts.Study, n uint32, events chainEvents) (*roundView, error) {
	l := s.cfg.Ledger
	r, err := l.Round(ctx, st.ID, n)
	if err != nil {
		return nil, fmt.Errorf("reading round %d: %w", n, err)
	}
	link := fmt.Sprintf("/study/%d/round/%d", st.ID, n)
	rn := u(uint64(n))
	rv := &roundView{Round: r, Status: "open", Contributors: len(r.Committers), Link: link,
		OpenedTx: events.last(link, "RoundOpened", "round", rn), ScoresTx: events.last(link, "ScoresRecorded", "round", rn)}
	switch {
	case r.Abandoned:
		rv.Status = "abandoned"
		rv.ClosedTx = events.last(link, "RoundAbandoned", "round", rn)
	case r.Closed:
		rv.Status = "closed"
		rv.ClosedTx = events.last(link, "RoundClosed", "round", rn)
	}
	commits, err := l.Commitments(ctx, st.ID, n)
	if err != nil {
		return nil, fmt.Errorf("reading the commitments of round %d: %w", n, err)
	}
	for _, a := range st.Participants {
		c, ok := commits[a]
		if !ok {
			rv.Samples, rv.SampleTx = append(rv.Samples, -1), append(rv.SampleTx, "")
			continue
		}
		rv.Samples = append(rv.Samples, int64(c.Samples))
		rv.SampleTx = append(rv.SampleTx, events.commit(link, n, a))
	}
	rv.ModelCheck = s.checkBlob(r.Result.ModelHash, true)
	rv.AggregateCheck = s.checkBlob(r.Result.AggregateHash, false)
	if s.cfg.Run != nil {
		if f, ok := s.cfg.Run(st.ID, n); ok {
			rv.Run = &f
		}
	}
	return rv, nil
}

// checkBlob verifies that the store holds bytes hashing to h (and, for a
// model, that they decode as parameters).
func (s *Server) checkBlob(h common.Hash, model bool) blobCheck {
	switch {
	case h == (common.Hash{}):
		return blobCheck{Status: "—", Detail: "no hash recorded yet"}
	case s.cfg.Store == nil:
		return blobCheck{Status: "unchecked", Detail: "no blob store given to the dashboard"}
	case !s.cfg.Store.Has(h):
		return blobCheck{Status: "missing", Detail: "the coordinator's store holds no blob with this hash"}
	}
	b, err := s.cfg.Store.Get(h) // Get re-hashes the bytes
	if err != nil {
		return blobCheck{Status: "mismatch", Detail: err.Error()}
	}
	if got := aggregation.ContentHash(b); got != h {
		return blobCheck{Status: "mismatch", Detail: "the blob hashes to " + got.Hex()}
	}
	if model {
		p, err := models.DecodeParams(b)
		if err != nil {
			return blobCheck{Status: "mismatch", Detail: err.Error()}
		}
		return blobCheck{Status: "verified", Detail: fmt.Sprintf("keccak256 of the %d-parameter model equals the on-chain hash", len(p))}
	}
	return blobCheck{Status: "verified", Detail: fmt.Sprintf("the chunk root of the %d-byte aggregate ciphertext equals the on-chain hash", len(b))}
}

type roundPage struct {
	Title   string
	Study   contracts.Study
	Round   roundView
	Commits []commitView
	// Txs are the round's transactions and GasUsed their gas on chain (0
	// when there are too many to read one by one).
	Txs     []roundTx
	GasUsed uint64
	// CommitsTx is the last commitment's event, which set the commitments
	// root.
	CommitsTx string
}

type commitView struct {
	Name    string
	Address common.Address
	contracts.Commitment
	Stored bool
	Tx     string
}

func (s *Server) round(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	id, err1 := strconv.ParseUint(r.PathValue("id"), 10, 64)
	n, err2 := strconv.ParseUint(r.PathValue("round"), 10, 32)
	if err1 != nil || err2 != nil || id == 0 || n == 0 {
		fail(w, http.StatusBadRequest, "want /study/ID/round/N with numbers from 1")
		return
	}
	st, err := s.cfg.Ledger.Study(ctx, id)
	if err != nil {
		fail(w, http.StatusBadGateway, "reading study %d: %v", id, err)
		return
	}
	if uint32(n) > st.CurrentRound {
		fail(w, http.StatusNotFound, "study %d has opened %d rounds", id, st.CurrentRound)
		return
	}
	se, err := s.cfg.Ledger.StudyEvents(ctx, id)
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	events := chainEvents(se)
	rv, err := s.roundView(ctx, st, uint32(n), events)
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	commits, err := s.cfg.Ledger.Commitments(ctx, id, uint32(n))
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	p := roundPage{Title: fmt.Sprintf("Study %d, round %d", id, n), Study: st, Round: *rv, CommitsTx: rv.OpenedTx}
	if p.Txs, p.GasUsed, err = s.roundTxs(ctx, events.inRound(uint32(n))); err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	for _, a := range r2order(rv.Committers, commits) {
		name := a.Hex()[:10]
		if m, err := s.cfg.Ledger.Member(ctx, a); err == nil {
			name = m.Name
		}
		c := commits[a]
		tx := events.commit(rv.Link, uint32(n), a)
		p.Commits = append(p.Commits, commitView{Name: name, Address: a, Commitment: c, Stored: s.cfg.Store != nil && s.cfg.Store.Has(c.CiphertextHash), Tx: tx})
		p.CommitsTx = tx
	}
	s.render(w, "round", p)
}

// r2order lists the committers in commit order.
func r2order(order []common.Address, commits map[common.Address]contracts.Commitment) []common.Address {
	var out []common.Address
	for _, a := range order {
		if _, ok := commits[a]; ok {
			out = append(out, a)
		}
	}
	return out
}

// maxBlobView bounds the bytes of a blob the dashboard serves.
const maxBlobView = 64 << 20

func (s *Server) blob(w http.ResponseWriter, r *http.Request) {
	b, err := hexutil.Decode(r.PathValue("hash"))
	if err != nil || len(b) != common.HashLength {
		fail(w, http.StatusBadRequest, "want /blob/0x and 64 hex digits")
		return
	}
	h := common.BytesToHash(b)
	if s.cfg.Store == nil || !s.cfg.Store.Has(h) {
		fail(w, http.StatusNotFound, "the coordinator's store holds no blob %s", h.Hex())
		return
	}
	data, err := s.cfg.Store.Get(h)
	if err != nil {
		fail(w, http.StatusConflict, "blob %s: %v", h.Hex(), err)
		return
	}
	if len(data) > maxBlobView {
		fail(w, http.StatusRequestEntityTooLarge, "blob %s is %d bytes; fetch it with `cohort model get` or from the store", h.Hex(), len(data))
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", "attachment; filename="+h.Hex()+".bin")
	w.Header().Set("X-Cohort-Keccak256", crypto.Keccak256Hash(data).Hex())
	_, _ = w.Write(data)
}
