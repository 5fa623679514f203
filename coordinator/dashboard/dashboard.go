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
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
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
	GasUsed uint64
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
}

// requestTimeout bounds the chain reads behind one page.
const requestTimeout = 30 * time.Second

// New returns a dashboard server over cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Ledger == nil {
		return nil, errors.New("dashboard: a ledger is required")
	}
	s := &Server{cfg: cfg, pages: map[string]*template.Template{}, mux: http.NewServeMux()}
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
	}
	for _, name := range []string{"index", "study", "round", "patient"} {
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

// memberView is a consortium member as the chain records it.
type memberView struct {
	contracts.MemberRecord
}

// proposalView is a membership vote.
type proposalView struct {
	contracts.Proposal
	KindName string
}

type indexPage struct {
	Title     string
	Contract  common.Address
	ChainID   uint64
	Members   []memberView
	Proposals []proposalView
	Studies   []contracts.Study
	Statuses  map[uint64]string
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	l := s.cfg.Ledger
	p := indexPage{Title: "Cohort consortium", Contract: l.Address(), ChainID: l.ChainID().Uint64(), Statuses: map[uint64]string{}}
	members, err := l.Members(ctx)
	if err != nil {
		fail(w, http.StatusBadGateway, "reading the members from the chain: %v", err)
		return
	}
	for _, m := range members {
		p.Members = append(p.Members, memberView{m})
	}
	if p.Proposals, err = s.proposals(ctx); err != nil {
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
		p.Studies = append(p.Studies, st)
		p.Statuses[id] = studies.Status(st)
	}
	s.render(w, "index", p)
}

// maxProposals bounds the proposals a page lists.
const maxProposals = 1000

func (s *Server) proposals(ctx context.Context) ([]proposalView, error) {
	var out []proposalView
	for id := uint64(1); id <= maxProposals; id++ {
		p, err := s.cfg.Ledger.Proposal(ctx, id)
		if errors.Is(err, contracts.ErrProposalNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, proposalView{Proposal: p, KindName: p.Kind.String()})
	}
	return out, nil
}

// participantView is a participant's standing in a study.
type participantView struct {
	Address common.Address
	Name    string
	contracts.Participant
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
	Flagged                    []string
	Run                        *RunFigures
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
	Rounds       []roundView
	Strikes      []contracts.Strike
	Names        map[common.Address]string
	Chart        chartData
}

// chartData is what the page's script draws.
type chartData struct {
	Rounds   []uint32             `json:"rounds"`
	Series   map[string][]float64 `json:"series"`
	Hospital []string             `json:"hospitals"`
	Consent  [][]float64          `json:"consent"` // per hospital, per round
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
	p := &studyPage{Title: fmt.Sprintf("Study %d", id), Study: st, Status: studies.Status(st), Names: map[common.Address]string{}}
	p.Chart.Series = map[string][]float64{}
	for _, a := range st.Participants {
		part, err := l.Participant(ctx, id, a)
		if err != nil {
			return nil, fmt.Errorf("reading participant %s: %w", a.Hex(), err)
		}
		name := a.Hex()[:10]
		if m, err := l.Member(ctx, a); err == nil {
			name = m.Name
		}
		p.Names[a] = name
		p.Participants = append(p.Participants, participantView{Address: a, Name: name, Participant: part})
		p.Chart.Hospital = append(p.Chart.Hospital, name)
	}
	p.Chart.Consent = make([][]float64, len(st.Participants))
	if p.Strikes, err = l.Strikes(ctx, id); err != nil {
		return nil, fmt.Errorf("reading strikes: %w", err)
	}
	flagged := map[uint32][]string{}
	for _, k := range p.Strikes {
		flagged[k.Round] = append(flagged[k.Round], p.Names[k.Member])
	}
	for n := uint32(1); n <= st.CurrentRound; n++ {
		rv, err := s.roundView(ctx, st, n)
		if err != nil {
			return nil, err
		}
		rv.Flagged = flagged[n]
		p.Rounds = append(p.Rounds, *rv)
		if !rv.Closed {
			continue
		}
		p.Chart.Rounds = append(p.Chart.Rounds, n)
		for k, v := range map[string]float64{"accuracy": rv.Result.Accuracy, "auc": rv.Result.AUC, "loss": rv.Result.Loss, "contributors": float64(rv.Result.Participants)} {
			p.Chart.Series[k] = append(p.Chart.Series[k], v)
		}
		for i, c := range rv.Samples {
			p.Chart.Consent[i] = append(p.Chart.Consent[i], float64(max(c, 0)))
		}
	}
	return p, nil
}

func (s *Server) roundView(ctx context.Context, st contracts.Study, n uint32) (*roundView, error) {
	l := s.cfg.Ledger
	r, err := l.Round(ctx, st.ID, n)
	if err != nil {
		return nil, fmt.Errorf("reading round %d: %w", n, err)
	}
	rv := &roundView{Round: r, Status: "open", Contributors: len(r.Committers)}
	switch {
	case r.Abandoned:
		rv.Status = "abandoned"
	case r.Closed:
		rv.Status = "closed"
	}
	commits, err := l.Commitments(ctx, st.ID, n)
	if err != nil {
		return nil, fmt.Errorf("reading the commitments of round %d: %w", n, err)
	}
	for _, a := range st.Participants {
		c, ok := commits[a]
		if !ok {
			rv.Samples = append(rv.Samples, -1)
			continue
		}
		rv.Samples = append(rv.Samples, int64(c.Samples))
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
}

type commitView struct {
	Name    string
	Address common.Address
	contracts.Commitment
	Stored bool
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
	rv, err := s.roundView(ctx, st, uint32(n))
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	commits, err := s.cfg.Ledger.Commitments(ctx, id, uint32(n))
	if err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	p := roundPage{Title: fmt.Sprintf("Study %d, round %d", id, n), Study: st, Round: *rv}
	for _, a := range r2order(rv.Committers, commits) {
		name := a.Hex()[:10]
		if m, err := s.cfg.Ledger.Member(ctx, a); err == nil {
			name = m.Name
		}
		c := commits[a]
		p.Commits = append(p.Commits, commitView{Name: name, Address: a, Commitment: c, Stored: s.cfg.Store != nil && s.cfg.Store.Has(c.CiphertextHash)})
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
