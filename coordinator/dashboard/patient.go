package dashboard

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/participant"
)

// patientPage is a patient's view: their consent per study and purpose,
// its history, and their records' use per round with the proofs checked.
type patientPage struct {
	Title   string
	Patient common.Hash
	Studies []patientStudy
	// Checked is the result of a proof the patient pasted, if any.
	Checked *proofCheck
	Error   string
}

type patientStudy struct {
	ID      uint64
	Purpose common.Hash
	// Consent is the state now; Expiry ends an active grant.
	Consent string
	Expiry  time.Time
	// MaxEpsilon is the active grant's ε bound (0: none).
	MaxEpsilon float64
	// History lists the study's and the purpose's recorded changes.
	History []consentChange
	Rounds  []roundUse
	// ConsentTx is the event of the change in force now.
	ConsentTx string
}

type consentChange struct {
	Scope      string
	Granted    bool
	Expiry     time.Time
	MaxEpsilon float64
	Block      uint64
	Time       time.Time
	// Tx is the change's ConsentChanged event.
	Tx string
}

// roundUse is whether the patient's records were used in a round, per
// hospital proof.
type roundUse struct {
	Round  uint32
	Link   string // the round's page
	Checks []proofCheck
}

// proofCheck is one use proof checked against the chain.
type proofCheck struct {
	Round    uint32
	Hospital common.Address
	Verified bool
	Used     bool
	Records  []participant.RecordUse
	// ConsentAtRound is the patient's consent as the round opened.
	ConsentAtRound string
	Error          string
	// CommitTx is the hospital's commitment of the round, whose consent
	// root the proof was checked against.
	CommitTx string
}

// checkProof verifies p against the chain.
func (s *Server) checkProof(ctx context.Context, p participant.UseProof) proofCheck {
	c := proofCheck{Round: p.Round, Hospital: p.Hospital}
	if p.ChainID != s.cfg.Ledger.ChainID().Uint64() {
		c.Error = fmt.Sprintf("the proof is for chain %d, this dashboard reads chain %d", p.ChainID, s.cfg.Ledger.ChainID().Uint64())
		return c
	}
	uses, err := p.Verify(ctx, s.cfg.Ledger)
	if err != nil {
		c.Error = err.Error()
		return c
	}
	c.Verified, c.Records = true, uses
	for _, u := range uses {
		c.Used = c.Used || u.Used
	}
	if st, err := s.cfg.Ledger.ConsentStatus(ctx, p.Patient, p.StudyID, p.Round); err == nil {
		c.ConsentAtRound = st.State.String()
	}
	return c
}

func (s *Server) patient(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	p := &patientPage{Title: "Your consent and its use"}
	raw := strings.TrimSpace(r.URL.Query().Get("id"))
	if raw == "" {
		s.render(w, "patient", p)
		return
	}
	b, err := hexutil.Decode(raw)
	if err != nil || len(b) != common.HashLength {
		p.Error = "the patient id is 0x and 64 hex digits (`cohort consent id` prints yours)"
		w.WriteHeader(http.StatusBadRequest)
		s.render(w, "patient", p)
		return
	}
	p.Patient = common.BytesToHash(b)
	if err := s.fillPatient(ctx, p); err != nil {
		fail(w, http.StatusBadGateway, "%v", err)
		return
	}
	s.render(w, "patient", p)
}

func (s *Server) fillPatient(ctx context.Context, p *patientPage) error {
	l := s.cfg.Ledger
	n, err := l.StudyCount(ctx)
	if err != nil {
		return fmt.Errorf("reading the studies: %w", err)
	}
	// changeTx links a recorded change, stored or logged, to the event
	// that recorded it.
	changeTx := func(r contracts.ConsentRecord) string {
		if r.TxHash == (common.Hash{}) {
			return ""
		}
		return fmt.Sprintf("/tx/%s#log-%d", r.TxHash.Hex(), r.LogIndex)
	}
	for id := uint64(1); id <= n; id++ {
		st, err := l.Study(ctx, id)
		if err != nil {
			return fmt.Errorf("reading study %d: %w", id, err)
		}
		ps := patientStudy{ID: id, Purpose: st.Purpose}
		now, err := l.ConsentStatus(ctx, p.Patient, id, 0)
		if err != nil {
			return err
		}
		ps.Consent = now.State.String()
		if now.State != contracts.ConsentNone {
			ps.ConsentTx = changeTx(now.Record)
		}
		if now.State == contracts.ConsentActive {
			ps.Expiry, ps.MaxEpsilon = now.Record.Expiry, now.Record.MaxEpsilon
		}
		for _, scope := range []contracts.ConsentScope{{StudyID: id}, {Purpose: st.Purpose}} {
			h, err := l.ConsentHistory(ctx, p.Patient, scope)
			if err != nil {
				return err
			}
			for _, c := range h {
				ps.History = append(ps.History, consentChange{Scope: scope.String(), Granted: c.Granted, Expiry: c.Expiry, MaxEpsilon: c.MaxEpsilon,
					Block: c.Block, Time: c.Time, Tx: changeTx(c)})
			}
		}
		if s.cfg.Proofs != nil {
			se, err := l.StudyEvents(ctx, id)
			if err != nil {
				return err
			}
			events := chainEvents(se)
			for r := uint32(1); r <= st.CurrentRound; r++ {
				proofs, err := s.cfg.Proofs(ctx, id, r, p.Patient)
				if err != nil {
					return fmt.Errorf("the hospitals' proofs of round %d: %w", r, err)
				}
				ru := roundUse{Round: r, Link: fmt.Sprintf("/study/%d/round/%d", id, r)}
				for _, up := range proofs {
					c := s.checkProof(ctx, up)
					c.CommitTx = events.commit(ru.Link, r, up.Hospital)
					ru.Checks = append(ru.Checks, c)
				}
				if len(ru.Checks) > 0 {
					ps.Rounds = append(ps.Rounds, ru)
				}
			}
		}
		if len(ps.History) > 0 || len(ps.Rounds) > 0 {
			p.Studies = append(p.Studies, ps)
		}
	}
	return nil
}

// maxProofForm bounds a pasted proof.
const maxProofForm = 4 << 20

// verify checks a proof file the patient pasted (from `cohort consent
// proof`) against the chain and shows the result on their page.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	r.Body = http.MaxBytesReader(w, r.Body, maxProofForm)
	if err := r.ParseForm(); err != nil {
		fail(w, http.StatusBadRequest, "reading the form: %v", err)
		return
	}
	p := &patientPage{Title: "Your consent and its use"}
	var up participant.UseProof
	dec := json.NewDecoder(io.LimitReader(strings.NewReader(r.PostForm.Get("proof")), maxProofForm))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&up); err != nil {
		p.Checked = &proofCheck{Error: "this is not a proof file from `cohort consent proof`: " + err.Error()}
		s.render(w, "patient", p)
		return
	}
	p.Patient = up.Patient
	check := s.checkProof(ctx, up)
	p.Checked = &check
	if err := s.fillPatient(ctx, p); err != nil {
		p.Error = err.Error()
	}
	s.render(w, "patient", p)
}
