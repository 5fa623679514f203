package membership

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// Vote is a membership proposal after a member's vote (what `cohort member
// admit|reinstate|vote --json` prints).
type Vote struct {
	ProposalID uint64         `json:"proposal_id"`
	Kind       string         `json:"kind"`
	Subject    common.Address `json:"subject"`
	Name       string         `json:"name,omitempty"`
	// StudyID is the study of a reinstatement, a rotation or an exclusion.
	StudyID uint64         `json:"study_id,omitempty"`
	By      common.Address `json:"by"`
	// Yes and Required are the votes so far and the votes that carry it.
	Yes      uint32 `json:"yes"`
	Required uint32 `json:"required"`
	// Executed is true once the proposal took effect (the institution is a
	// member).
	Executed  bool        `json:"executed"`
	ExpiresAt time.Time   `json:"expires_at"`
	TxHash    common.Hash `json:"tx_hash"`
	GasUsed   uint64      `json:"gas_used"`
}

// Entry is one consortium member, admitted or removed (what `cohort member
// list` prints).
type Entry struct {
	Name           string         `json:"name"`
	Address        common.Address `json:"address"`
	TLSFingerprint common.Hash    `json:"tls_fingerprint"`
	Active         bool           `json:"active"`
	AdmittedAt     time.Time      `json:"admitted_at"`
}

// ProposeAdmission proposes admitting m from account (an active member)
// and describes the proposal after the proposer's own vote.
func ProposeAdmission(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, m contracts.Member) (*Vote, error) {
	id, r, err := ledger.ProposeAdmission(ctx, account, m)
	if err != nil {
		return nil, err
	}
	return describeProposal(ctx, ledger, account, id, r)
}

// ProposeReinstatement proposes from account (an active member)
// reinstating member in a study: lifting its suspension, or the removal an
// exclusion vote made (after which it may join the study again), and
// clearing its strikes. It describes the proposal after the proposer's own
// vote.
func ProposeReinstatement(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, studyID uint64, member common.Address) (*Vote, error) {
	id, r, err := ledger.ProposeReinstatement(ctx, account, studyID, member)
	if err != nil {
		return nil, err
	}
	return describeProposal(ctx, ledger, account, id, r)
}

// VoteFor votes from account for a proposal and describes it after the vote.
func VoteFor(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, id uint64) (*Vote, error) {
	_, r, err := ledger.Vote(ctx, account, id)
	if err != nil {
		return nil, err
	}
	return describeProposal(ctx, ledger, account, id, r)
}

func describeProposal(ctx context.Context, ledger *contracts.Ledger, by *contracts.Account, id uint64, r contracts.Receipt) (*Vote, error) {
	p, err := ledger.Proposal(ctx, id)
	if err != nil {
		return nil, err
	}
	q, err := ledger.Quorum(ctx)
	if err != nil {
		return nil, err
	}
	return &Vote{
		ProposalID: id, Kind: p.Kind.String(), Subject: p.Subject, Name: p.Name, StudyID: p.StudyID, By: by.Address(),
		Yes: p.Yes, Required: q.RequiredVotes, Executed: p.Executed, ExpiresAt: p.ExpiresAt,
		TxHash: r.TxHash, GasUsed: r.GasUsed,
	}, nil
}

// List returns the consortium's members, admitted or removed.
func List(ctx context.Context, ledger *contracts.Ledger) ([]Entry, error) {
	ms, err := ledger.Members(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, len(ms))
	for i, m := range ms {
		out[i] = Entry{Name: m.Name, Address: m.Address, TLSFingerprint: m.TLSFingerprint, Active: m.Active, AdmittedAt: m.AdmittedAt.UTC()}
	}
	return out, nil
}
