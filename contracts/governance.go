package contracts

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// ProposalKind is what a membership proposal does once enough members voted for it.
type ProposalKind uint8

// Proposal kinds, as numbered by the contract.
const (
	// ProposalAdmit admits an institution to the consortium.
	ProposalAdmit ProposalKind = 1
	// ProposalRemove removes a member from the consortium.
	ProposalRemove ProposalKind = 2
	// ProposalReinstate lifts a member's suspension from a study, or its
	// removal by an exclusion vote, and clears its strikes.
	ProposalReinstate ProposalKind = 3
	// ProposalQuorum changes the quorum.
	ProposalQuorum ProposalKind = 4
	// ProposalModule switches the consortium to a new version of a module.
	ProposalModule ProposalKind = 5
	// ProposalRotate has a study's decryption committee selected anew before its next round.
	ProposalRotate ProposalKind = 6
	// ProposalExclude removes a participant from a study, as if it had
	// left, except that it may not join again until reinstated.
	ProposalExclude ProposalKind = 7
)

// String names the kind.
func (k ProposalKind) String() string {
	switch k {
	case ProposalAdmit:
		return "admit"
	case ProposalRemove:
		return "remove"
	case ProposalReinstate:
		return "reinstate"
	case ProposalQuorum:
		return "quorum"
	case ProposalModule:
		return "module"
	case ProposalRotate:
		return "rotate"
	case ProposalExclude:
		return "exclude"
	default:
		return fmt.Sprintf("ProposalKind(%d)", uint8(k))
	}
}

// Proposal is a membership proposal as recorded on chain.
type Proposal struct {
	ID   uint64
	Kind ProposalKind
	// Subject is the institution admitted or removed, or the member
	// reinstated in or excluded from a study.
	Subject common.Address
	// StudyID is the study of a reinstatement, a rotation or an exclusion.
	StudyID uint64
	// QuorumPercent is the new quorum of a quorum proposal.
	QuorumPercent uint8
	// Name and TLSFingerprint describe the institution of an admission.
	Name           string
	TLSFingerprint common.Hash
	Proposer       common.Address
	// Yes is the number of votes so far (the proposer's included).
	Yes uint32
	// ExpiresAt is when the proposal stops accepting votes.
	ExpiresAt time.Time
	// Executed is true once the proposal took effect.
	Executed bool
}

// Quorum describes how many votes carry a proposal now.
type Quorum struct {
	// Percent is the share of active members, rounded up, whose votes carry a proposal.
	Percent uint8
	// ActiveMembers is the number of active members.
	ActiveMembers uint32
	// RequiredVotes is the number of votes a proposal needs now.
	RequiredVotes uint32
}

// ProposeAdmission proposes admitting an institution to the consortium and
// returns the proposal's id. from must be an active member; its vote counts at
// once, so with a quorum of one member the institution is admitted in the
// same transaction.
func (l *Ledger) ProposeAdmission(ctx context.Context, from *Account, m Member) (uint64, Receipt, error) {
	return l.propose(ctx, from, fmt.Sprintf("proposing to admit %s", m.Address),
		l.consortium.PackProposeAdmission(m.Address, m.Name, m.TLSFingerprint))
}

// ProposeRemoval proposes removing an active member from the consortium.
func (l *Ledger) ProposeRemoval(ctx context.Context, from *Account, member common.Address) (uint64, Receipt, error) {
	return l.propose(ctx, from, fmt.Sprintf("proposing to remove %s", member), l.consortium.PackProposeRemoval(member))
}

// ProposeReinstatement proposes reinstating a member suspended from a
// study, or one an exclusion vote removed from it: once the vote carries,
// a removed member may join the study again (it stays out until it does).
// ErrNotSuspended if the member is neither.
func (l *Ledger) ProposeReinstatement(ctx context.Context, from *Account, studyID uint64, member common.Address) (uint64, Receipt, error) {
	return l.propose(ctx, from, fmt.Sprintf("proposing to reinstate %s in study %d", member, studyID),
		l.consortium.PackProposeReinstatement(studyID, member))
}

// ProposeExclusion proposes removing a participant from a study: once the
// vote carries (between rounds, keeping the study's minimum of active
// participants) the member has left the study, as by LeaveStudy, but may
// not join again (ErrRemovedByVote) until a reinstatement vote carries
// (ProposeReinstatement), even if it left by itself before the proposal
// or while the vote ran (it is then not counted out twice, and the
// study's minimum does not block the vote). Only a vote removes a
// participant; the coordinator cannot. member must have joined the study
// (ErrNeverJoined) and not be removed already (ErrAlreadyRemoved).
func (l *Ledger) ProposeExclusion(ctx context.Context, from *Account, studyID uint64, member common.Address) (uint64, Receipt, error) {
	return l.propose(ctx, from, fmt.Sprintf("proposing to exclude %s from study %d", member, studyID),
		l.consortium.PackProposeExclusion(studyID, member))
}

// ProposeRotation proposes rotating a study's decryption committee: once
// the vote carries, no round opens until the coordinator selects a new one
// (SelectCommittee) and the keys are re-shared to it.
func (l *Ledger) ProposeRotation(ctx context.Context, from *Account, studyID uint64) (uint64, Receipt, error) {
	return l.propose(ctx, from, fmt.Sprintf("proposing to rotate the committee of study %d", studyID),
		l.consortium.PackProposeRotation(studyID))
}

// ProposeQuorum proposes a new quorum, in percent of active members (1-100).
func (l *Ledger) ProposeQuorum(ctx context.Context, from *Account, percent uint8) (uint64, Receipt, error) {
	return l.propose(ctx, from, fmt.Sprintf("proposing a quorum of %d%%", percent), l.consortium.PackProposeQuorum(percent))
}

func (l *Ledger) propose(ctx context.Context, from *Account, what string, data []byte) (uint64, Receipt, error) {
	r, err := l.write(ctx, from, data)
	if err != nil {
		return 0, Receipt{}, fmt.Errorf("%s: %w", what, err)
	}
	lg := l.eventIn(r, cohortsol.ConsortiumProposalCreatedEventName)
	if lg == nil {
		return 0, receiptOf(r), fmt.Errorf("%s: %w: no ProposalCreated event in transaction %s", what, ErrInconsistentLedger, r.TxHash)
	}
	ev, err := l.consortium.UnpackProposalCreatedEvent(lg)
	if err != nil {
		return 0, receiptOf(r), fmt.Errorf("%s: decoding ProposalCreated: %w", what, err)
	}
	return ev.ProposalId, receiptOf(r), nil
}

// Vote votes from an active member for a proposal. It reports whether this
// vote carried the proposal, which then took effect in the same transaction.
func (l *Ledger) Vote(ctx context.Context, from *Account, proposalID uint64) (bool, Receipt, error) {
	r, err := l.write(ctx, from, l.consortium.PackVote(proposalID))
	if err != nil {
		return false, Receipt{}, fmt.Errorf("voting for proposal %d: %w", proposalID, err)
	}
	return l.eventIn(r, cohortsol.ConsortiumProposalExecutedEventName) != nil, receiptOf(r), nil
}

// Proposal returns a proposal, or ErrProposalNotFound.
func (l *Ledger) Proposal(ctx context.Context, proposalID uint64) (Proposal, error) {
	out, err := l.read(ctx, l.consortium.PackGetProposal(proposalID))
	if err != nil {
		return Proposal{}, fmt.Errorf("reading proposal %d: %w", proposalID, err)
	}
	p, err := l.consortium.UnpackGetProposal(out)
	if err != nil {
		return Proposal{}, fmt.Errorf("reading proposal %d: %w", proposalID, err)
	}
	return Proposal{
		ID:             proposalID,
		Kind:           ProposalKind(p.Kind),
		Subject:        p.Subject,
		StudyID:        p.StudyId,
		QuorumPercent:  p.QuorumPercent,
		Name:           p.Name,
		TLSFingerprint: p.TlsFingerprint,
		Proposer:       p.Proposer,
		Yes:            p.Yes,
		ExpiresAt:      time.Unix(int64(p.ExpiresAt), 0).UTC(),
		Executed:       p.Executed,
	}, nil
}

// HasVoted reports whether the member voted for the proposal.
func (l *Ledger) HasVoted(ctx context.Context, proposalID uint64, member common.Address) (bool, error) {
	out, err := l.read(ctx, l.consortium.PackHasVoted(proposalID, member))
	if err != nil {
		return false, fmt.Errorf("reading the vote of %s on proposal %d: %w", member, proposalID, err)
	}
	return l.consortium.UnpackHasVoted(out)
}

// Quorum returns the current quorum, active member count and required votes.
func (l *Ledger) Quorum(ctx context.Context) (Quorum, error) {
	wrap := func(err error) error { return fmt.Errorf("reading the quorum: %w", err) }
	var q Quorum
	out, err := l.read(ctx, l.consortium.PackQuorumPercent())
	if err != nil {
		return Quorum{}, wrap(err)
	}
	if q.Percent, err = l.consortium.UnpackQuorumPercent(out); err != nil {
		return Quorum{}, wrap(err)
	}
	if out, err = l.read(ctx, l.consortium.PackActiveMembers()); err != nil {
		return Quorum{}, wrap(err)
	}
	if q.ActiveMembers, err = l.consortium.UnpackActiveMembers(out); err != nil {
		return Quorum{}, wrap(err)
	}
	if out, err = l.read(ctx, l.consortium.PackRequiredVotes()); err != nil {
		return Quorum{}, wrap(err)
	}
	if q.RequiredVotes, err = l.consortium.UnpackRequiredVotes(out); err != nil {
		return Quorum{}, wrap(err)
	}
	return q, nil
}

// UpdateTLSFingerprint replaces from's TLS certificate fingerprint after a
// certificate rotation. from must be an active member.
func (l *Ledger) UpdateTLSFingerprint(ctx context.Context, from *Account, fingerprint common.Hash) (Receipt, error) {
	r, err := l.write(ctx, from, l.consortium.PackUpdateTlsFingerprint(fingerprint))
	if err != nil {
		return Receipt{}, fmt.Errorf("updating the TLS fingerprint: %w", err)
	}
	return receiptOf(r), nil
}
