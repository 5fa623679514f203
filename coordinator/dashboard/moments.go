package dashboard

import (
	"context"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/audit"
)

// momentsView is the audit of a study's pooled standardiser
// (audit.StudyMoments: the moments sum decrypted again from the record
// the coordinator keeps), as the study page shows it beside the rounds'
// checks.
type momentsView struct {
	// Standardiser is the standardiser's hash and Sum the moments sum's
	// the chain records, StandardiserTx and SumTx the events that
	// recorded them.
	Standardiser, Sum     common.Hash
	StandardiserTx, SumTx string
	// Verdict is the audit's ("verified", "MISMATCH", "INCOMPLETE",
	// "not closed"), or "unchecked" without a blob store; Class styles it.
	Verdict, Class string
	// CrossCheck says whether the decryption was cross-checked
	// (audit.Moments.CrossCheckText).
	CrossCheck string
	// Detail is the audit's problems, or what it checked.
	Detail string
}

// momentsView audits study's pooled standardiser; nil for a study whose
// chain pins no moments sum and records no standardiser.
func (s *Server) momentsView(ctx context.Context, st contracts.Study, events chainEvents, home string) (*momentsView, error) {
	sum, err := s.cfg.Ledger.MomentsSum(ctx, st.ID)
	if err != nil {
		return nil, fmt.Errorf("reading the moments sum: %w", err)
	}
	if sum == (common.Hash{}) && st.StandardiserHash == (common.Hash{}) {
		return nil, nil
	}
	v := &momentsView{Standardiser: st.StandardiserHash, Sum: sum,
		StandardiserTx: events.last(home, "StandardiserSet"), SumTx: events.last(home, "MomentsSumSet")}
	if s.cfg.Store == nil {
		v.Verdict, v.Detail = "unchecked", "no blob store given to the dashboard"
		return v, nil
	}
	scheme, err := s.scheme()
	if err != nil {
		return nil, err
	}
	m, err := audit.StudyMoments(ctx, s.cfg.Ledger, s.cfg.Store, scheme, st)
	if err != nil || m == nil {
		return nil, err
	}
	v.Verdict, v.CrossCheck = m.Verdict, m.CrossCheckText()
	switch m.Verdict {
	case audit.Verified:
		v.Class = "verified"
		v.Detail = fmt.Sprintf("the signed decryption shares of %d holders open the pinned moments sum of %d hospitals' signed moments (%d records) to the standardiser whose hash the chain records", len(m.Decrypters), m.Hospitals, m.Records)
	case audit.Mismatch:
		v.Class = "mismatch"
	case audit.Incomplete:
		v.Class = "missing"
	case audit.NotClosed:
		v.Detail = "the moments phase has not ended: no standardiser is agreed yet"
	}
	if len(m.Problems) > 0 {
		v.Detail = strings.Join(m.Problems, "; ")
	}
	return v, nil
}

// scheme is the encryption scheme the moments audit decrypts with, made
// once (its parameters take a while to set up).
func (s *Server) scheme() (*aggregation.Scheme, error) {
	s.schemeOnce.Do(func() {
		s.schemeMade, s.schemeErr = aggregation.NewScheme(aggregation.DefaultConfig())
	})
	return s.schemeMade, s.schemeErr
}
