package contracts

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// MetricUnit is the fixed-point unit in which the contract stores round
// metrics: a metric m is stored as round(m * MetricUnit).
const MetricUnit = 1_000_000

// maxLoss bounds the loss a round may record, far above any real loss and
// well inside the contract's uint64 fixed-point range.
const maxLoss = 1e12

// DefaultQuorumPercent is the quorum Deploy sets: a proposal carries once
// more than half of the active members (51 %, rounded up) voted for it.
const DefaultQuorumPercent = 51

// roundStatus values of the contract's RoundStatus enum.
const (
	roundStatusNone      = 0
	roundStatusOpen      = 1
	roundStatusClosed    = 2
	roundStatusAbandoned = 3
)

// Member is a consortium member: an institution with an Ethereum address, a
// name and the SHA-256 fingerprint of its TLS certificate.
type Member struct {
	Address        common.Address
	Name           string
	TLSFingerprint common.Hash
}

// MemberRecord is a member as recorded on chain.
type MemberRecord struct {
	Member
	// AdmittedAt is the time of the block that (last) admitted the member.
	AdmittedAt time.Time
	// RemovedAt is the time of the block of the last removal; zero if never removed.
	RemovedAt time.Time
	// Active is false once a member has been removed (until re-admitted).
	Active bool
}

// StudyParams are the parameters a researcher sets when creating a study.
type StudyParams struct {
	// SpecHash is the canonical hash of the study's training recipe (model
	// architecture, feature schema, hyper-parameters), stored
	// content-addressed off chain.
	SpecHash common.Hash
	// RobustPolicyHash is the hash of the robust-aggregation policy the
	// hospitals check before training; zero for none.
	RobustPolicyHash common.Hash
	// Purpose is the purpose code that patient consent refers to.
	Purpose common.Hash
	// ReferenceCommitment commits to the researcher's clean root dataset.
	ReferenceCommitment common.Hash
	// Rounds is the number of training rounds (at least 1).
	Rounds uint32
	// MinParticipants is the minimum number of participants for the study to
	// start and for a round to close (at least Threshold).
	MinParticipants uint32
	// Threshold is the number t of participants needed to decrypt (at least 1).
	Threshold uint32
	// StrikeLimit is the number of strikes after which a participant is
	// suspended (at least 1).
	StrikeLimit uint32
	// Coordinator is the account allowed to drive the study's rounds.
	Coordinator common.Address
	// Privacy is the study's differential-privacy budget; zero for none.
	// CreateStudy sets it in a second transaction (SetPrivacyBudget).
	Privacy PrivacyBudget
	// Committee is the study's decryption committee; zero Size for none
	// (every active participant holds key shares). CreateStudy sets it in
	// another transaction (SetCommittee).
	Committee CommitteeParams
	// BindSamples bounds every commitment's sample count by its hospital's
	// consent counts on chain (BindSamples, sent by CreateStudy in another
	// transaction): for studies whose consent is relayed on chain by
	// hospitals that open their counts first (OpenSampleCounts).
	BindSamples bool
}

// Study is a study as recorded on chain.
type Study struct {
	ID    uint64
	Owner common.Address
	StudyParams
	// PublicKeyHash is the key holders' 32-byte commitment to the study's
	// keys; zero while enrolment is open.
	PublicKeyHash common.Hash
	// StandardiserHash is the hash of the study's feature standardiser, set
	// by the coordinator before round 1; zero until then (or if the study
	// standardises nothing).
	StandardiserHash common.Hash
	// CurrentRound is the last opened round, 0 before the first.
	CurrentRound uint32
	// RoundOpen tells whether CurrentRound is open.
	RoundOpen bool
	// Completed is true once the last round has closed.
	Completed bool
	// Participants are the current participants (joined and not left,
	// suspended ones included), in joining order.
	Participants []common.Address
	// ActiveParticipants counts the participants that are not suspended:
	// a leave or removal that would take it below MinParticipants is refused.
	ActiveParticipants uint16
	// EpsilonSpent is the study's ε after its last opened round (zero
	// without a privacy budget).
	EpsilonSpent float64
	// Holders are the members of the study's decryption committee, sorted
	// by address (see CommitteePoint); nil without a committee or before
	// the first selection.
	Holders []common.Address
	// CommitteeEpoch counts the committee's selections (0: none yet).
	CommitteeEpoch uint32
	// CommitteeCurrent tells whether the committee serves the next round;
	// false without a committee.
	CommitteeCurrent bool
	// CreatedBlock is the block the study was created in: its events are
	// read from there.
	CreatedBlock uint64
}

// Commitment is a participant's commitment to its encrypted update in a round.
type Commitment struct {
	// CiphertextHash is the hash of the serialised ciphertext sent to the coordinator.
	CiphertextHash common.Hash
	// Samples is the number of consented records the update was trained on.
	Samples uint64
	// ConsentRoot is the Merkle root of the pseudonymous record ids used.
	ConsentRoot common.Hash
}

// Digest returns the contract's digest of the commitment:
// keccak256(abi.encode(CiphertextHash, uint64 Samples, ConsentRoot)).
func (c Commitment) Digest() common.Hash {
	var samples [32]byte
	binary.BigEndian.PutUint64(samples[24:], c.Samples)
	return crypto.Keccak256Hash(c.CiphertextHash[:], samples[:], c.ConsentRoot[:])
}

// NextCommitmentsRoot returns the running hash a round stores after member
// commits c on top of prev: keccak256(abi.encode(prev, member, c.Digest())).
// Replaying a round's UpdateCommitted events in chain order, starting from
// the round's GlobalModel, must give the round's CommitmentsRoot.
func NextCommitmentsRoot(prev common.Hash, member common.Address, c Commitment) common.Hash {
	d := c.Digest()
	return crypto.Keccak256Hash(prev[:], common.LeftPadBytes(member.Bytes(), 32), d[:])
}

// RoundResult is the outcome of a round.
type RoundResult struct {
	// AggregateHash is the hash of the aggregated ciphertext.
	AggregateHash common.Hash
	// ModelHash is the hash of the new global model.
	ModelHash common.Hash
	// Accuracy and AUC are in [0, 1]; Loss is non-negative. They are stored
	// with 6 decimal digits (see MetricUnit).
	Accuracy, AUC, Loss float64
	// Participants is the number of updates in the aggregate.
	Participants uint32
}

// Round is a round as recorded on chain.
type Round struct {
	Number      uint32
	GlobalModel common.Hash
	Deadline    time.Time
	// OpenedAt is the time of the block that opened the round; consent is
	// judged as of then (see ConsentStatus).
	OpenedAt  time.Time
	Open      bool
	Closed    bool
	Abandoned bool
	// OpenedBlock and ClosedBlock are the blocks that opened and closed (or
	// abandoned) the round; ClosedBlock is 0 while open.
	OpenedBlock, ClosedBlock uint64
	// Commitments is the number of updates committed.
	Commitments uint32
	// CommitmentsRoot is the running hash over the round's commitments (see
	// NextCommitmentsRoot).
	CommitmentsRoot common.Hash
	// ScoresHash is the running hash over the round's score entries (see
	// RecordScores); zero if none were recorded.
	ScoresHash common.Hash
	// EpsilonSpent is the study's ε once this round has trained, as the
	// coordinator recorded it when opening the round (zero without a privacy
	// budget).
	EpsilonSpent float64
	// Result is zero unless the round is closed.
	Result RoundResult
	// Committers are the participants that committed, in commit order.
	Committers []common.Address
	// SamplesBound tells whether the study bound its commitments' sample
	// counts to consent as the round opened (see BindSamples).
	SamplesBound bool
	// ContributorsHash is the contributor list pinned for the round
	// (PinContributors, CommitUpdatesAndPin); zero while none is.
	ContributorsHash common.Hash
}

// CreateStudy creates a study owned by from (who need not be a member) and
// returns its id.
func (l *Ledger) CreateStudy(ctx context.Context, from *Account, p StudyParams) (uint64, Receipt, error) {
	data, err := l.studies.TryPackCreateStudy(p.SpecHash, p.Purpose, p.Rounds, p.MinParticipants, p.Threshold,
		p.StrikeLimit, p.ReferenceCommitment, p.Coordinator, p.RobustPolicyHash)
	if err != nil {
		return 0, Receipt{}, fmt.Errorf("creating a study: %w", err)
	}
	r, err := l.writeModule(ctx, from, currentStudies, data)
	if err != nil {
		return 0, Receipt{}, fmt.Errorf("creating a study: %w", err)
	}
	if lg := l.eventIn(r, cohortsol.StudiesStudyCreatedEventName); lg != nil {
		ev, err := l.studies.UnpackStudyCreatedEvent(lg)
		if err != nil {
			return 0, receiptOf(r), fmt.Errorf("creating a study: decoding StudyCreated: %w", err)
		}
		if p.Privacy != (PrivacyBudget{}) {
			if _, err := l.SetPrivacyBudget(ctx, from, ev.StudyId, p.Privacy); err != nil {
				return ev.StudyId, receiptOf(r), fmt.Errorf("creating a study: study %d created, but: %w", ev.StudyId, err)
			}
		}
		if p.BindSamples {
			if _, err := l.BindSamples(ctx, from, ev.StudyId); err != nil {
				return ev.StudyId, receiptOf(r), fmt.Errorf("creating a study: study %d created, but: %w", ev.StudyId, err)
			}
		}
		if p.Committee != (CommitteeParams{}) {
			if _, err := l.SetCommittee(ctx, from, ev.StudyId, p.Committee); err != nil {
				return ev.StudyId, receiptOf(r), fmt.Errorf("creating a study: study %d created, but: %w", ev.StudyId, err)
			}
		}
		return ev.StudyId, receiptOf(r), nil
	}
	return 0, receiptOf(r), fmt.Errorf("creating a study: %w: no StudyCreated event in transaction %s", ErrInconsistentLedger, r.TxHash)
}

// JoinStudy joins from, an active member, to a study while no round is
// open: before key generation or between rounds (the coordinator then
// re-shares the threshold key to include it). A participant that left may
// join again, unless a member vote removed it (ErrRemovedByVote: it needs a
// reinstatement vote first). It fails with ErrEnrolmentClosed while a round
// is open or once the study completed, ErrAlreadyJoined for a current
// participant.
func (l *Ledger) JoinStudy(ctx context.Context, from *Account, studyID uint64) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackJoinStudy(studyID))
	if err != nil {
		return Receipt{}, fmt.Errorf("joining study %d: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// CheckJoin dry-runs member's JoinStudy where this ledger's transactions
// go, at that node's head, sending nothing: nil if the join would go
// through, else what JoinStudy would fail with (ErrAlreadyJoined: member
// is a current participant there). A node whose reads lag its writes
// learns from it the study's latest state for member.
func (l *Ledger) CheckJoin(ctx context.Context, member common.Address, studyID uint64) error {
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return fmt.Errorf("checking a join of study %d: %w", studyID, err)
	}
	if err := l.chain.dryRun(ctx, member, module, l.studies.PackJoinStudy(studyID), &l.abi); err != nil {
		return fmt.Errorf("checking a join of study %d: %w", studyID, err)
	}
	return nil
}

// LeaveStudy takes from, a participant, out of a study while no round is
// open; the coordinator re-shares the threshold key without it before the
// next round. It fails with ErrRoundStillOpen during a round,
// ErrNotParticipant if from is not a current participant, and
// ErrTooFewParticipants if fewer than the study's MinParticipants active
// participants would remain once its key is set.
func (l *Ledger) LeaveStudy(ctx context.Context, from *Account, studyID uint64) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackLeaveStudy(studyID))
	if err != nil {
		return Receipt{}, fmt.Errorf("leaving study %d: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// SetPublicKeyHash records the hash of the study's collective public key,
// which closes enrolment. Only the coordinator may call it, before the first
// round opens, once at least MinParticipants have joined. The current key
// may be set again; a key the study replaced may not (ErrPublicKeyRetired).
func (l *Ledger) SetPublicKeyHash(ctx context.Context, from *Account, studyID uint64, h common.Hash) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackSetPublicKeyHash(studyID, h))
	if err != nil {
		return Receipt{}, fmt.Errorf("setting the public key hash of study %d: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// SetStandardiserHash records the hash of the study's feature standardiser
// (the pooled moments hospitals standardise with), which hospitals check
// before training. Only the coordinator may call it, before the first round
// opens (ErrPublicKeyLocked after).
func (l *Ledger) SetStandardiserHash(ctx context.Context, from *Account, studyID uint64, h common.Hash) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackSetStandardiserHash(studyID, h))
	if err != nil {
		return Receipt{}, fmt.Errorf("setting the standardiser hash of study %d: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// PinMomentsSum pins the content hash of the study's pooled-moments sum:
// share holders decrypt that sum and no other (MomentsSum), so a
// coordinator cannot have two sums over different sets of sites decrypted
// and read one site's moments from their difference. Only the coordinator
// may call it, once (the same hash again is a no-op; another is
// ErrMomentsSumPinned), before the first round opens (ErrPublicKeyLocked
// after).
func (l *Ledger) PinMomentsSum(ctx context.Context, from *Account, studyID uint64, h common.Hash) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackPinMomentsSum(studyID, h))
	if err != nil {
		return Receipt{}, fmt.Errorf("pinning the moments sum of study %d: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// MomentsSum returns the study's pinned pooled-moments sum (PinMomentsSum),
// zero if none is pinned yet.
func (l *Ledger) MomentsSum(ctx context.Context, studyID uint64) (common.Hash, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackMomentsSum(studyID))
	if err != nil {
		return common.Hash{}, fmt.Errorf("reading the moments sum of study %d: %w", studyID, err)
	}
	h, err := l.studies.UnpackMomentsSum(out)
	if err != nil {
		return common.Hash{}, fmt.Errorf("reading the moments sum of study %d: %w", studyID, err)
	}
	return common.Hash(h), nil
}

// OpenRound opens round number round (1 for the first, then in sequence once
// the previous one is closed) with the hash of the global model to train
// from. Commitments are accepted until deadline (second precision, compared
// with block timestamps). Only the coordinator may call it.
func (l *Ledger) OpenRound(ctx context.Context, from *Account, studyID uint64, round uint32, globalModel common.Hash, deadline time.Time) (Receipt, error) {
	if deadline.Unix() <= 0 {
		return Receipt{}, fmt.Errorf("opening round %d of study %d: %w: deadline %v is before 1970", round, studyID, ErrInvalidDeadline, deadline)
	}
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackOpenRound(studyID, round, globalModel, uint64(deadline.Unix()), 0))
	if err != nil {
		return Receipt{}, fmt.Errorf("opening round %d of study %d: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}

// CommitUpdate commits from's encrypted update for an open round. A
// participant commits once per round, before the deadline.
func (l *Ledger) CommitUpdate(ctx context.Context, from *Account, studyID uint64, round uint32, c Commitment) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackCommitUpdate(studyID, round, c.CiphertextHash, c.Samples, c.ConsentRoot))
	if err != nil {
		return Receipt{}, fmt.Errorf("committing an update to round %d of study %d: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}

// CloseRound closes an open round with its result. Only the coordinator may
// call it; res.Participants must be at least the study's MinParticipants and
// at most the number of commitments.
func (l *Ledger) CloseRound(ctx context.Context, from *Account, studyID uint64, round uint32, res RoundResult) (Receipt, error) {
	wrap := func(err error) error {
		return fmt.Errorf("closing round %d of study %d: %w", round, studyID, err)
	}
	acc, err := toFixed("accuracy", res.Accuracy, 1)
	if err != nil {
		return Receipt{}, wrap(err)
	}
	auc, err := toFixed("auc", res.AUC, 1)
	if err != nil {
		return Receipt{}, wrap(err)
	}
	loss, err := toFixed("loss", res.Loss, maxLoss)
	if err != nil {
		return Receipt{}, wrap(err)
	}
	data := l.studies.PackCloseRound(studyID, round, res.AggregateHash, res.ModelHash, uint32(acc), uint32(auc), loss, res.Participants)
	r, err := l.writeStudy(ctx, from, studyID, data)
	if err != nil {
		return Receipt{}, wrap(err)
	}
	return receiptOf(r), nil
}

// toFixed converts a metric in [0, max] to MetricUnit fixed point.
func toFixed(name string, v, max float64) (uint64, error) {
	if math.IsNaN(v) || v < 0 || v > max {
		return 0, fmt.Errorf("%w: %s = %v, want a number in [0, %v]", ErrInvalidParameter, name, v, max)
	}
	return uint64(math.Round(v * MetricUnit)), nil
}

func fromFixed(v uint64) float64 { return float64(v) / MetricUnit }

// Study returns a study as recorded on chain, or ErrStudyNotFound.
func (l *Ledger) Study(ctx context.Context, studyID uint64) (Study, error) {
	wrap := func(err error) error { return fmt.Errorf("reading study %d: %w", studyID, err) }
	out, err := l.readStudy(ctx, studyID, l.studies.PackGetStudy(studyID))
	if err != nil {
		return Study{}, wrap(err)
	}
	s, err := l.studies.UnpackGetStudy(out)
	if err != nil {
		return Study{}, wrap(err)
	}
	out, err = l.readStudy(ctx, studyID, l.studies.PackStudyParticipants(studyID))
	if err != nil {
		return Study{}, wrap(err)
	}
	participants, err := l.studies.UnpackStudyParticipants(out)
	if err != nil {
		return Study{}, wrap(err)
	}
	committees, err := l.committeesAddress(ctx, studyID)
	if err != nil {
		return Study{}, wrap(err)
	}
	if out, err = l.chain.call(ctx, committees, l.committees.PackGetCommittee(studyID), &l.abi); err != nil {
		return Study{}, wrap(err)
	}
	committee, err := l.committees.UnpackGetCommittee(out)
	if err != nil {
		return Study{}, wrap(err)
	}
	current, holders := false, committee.Members
	if len(holders) == 0 {
		holders = nil
	}
	if committee.Size != 0 {
		if out, err = l.chain.call(ctx, committees, l.committees.PackIsCurrent(studyID), &l.abi); err != nil {
			return Study{}, wrap(err)
		}
		if current, err = l.committees.UnpackIsCurrent(out); err != nil {
			return Study{}, wrap(err)
		}
	}
	return Study{
		ID:    studyID,
		Owner: s.Owner,
		StudyParams: StudyParams{
			SpecHash:            s.SpecHash,
			Purpose:             s.Purpose,
			ReferenceCommitment: s.ReferenceCommitment,
			RobustPolicyHash:    s.RobustPolicyHash,
			Rounds:              s.Rounds,
			MinParticipants:     s.MinParticipants,
			Threshold:           s.Threshold,
			StrikeLimit:         s.StrikeLimit,
			Coordinator:         s.Coordinator,
			Privacy:             PrivacyBudget{Epsilon: fromFixed(s.EpsilonBudget), Delta: float64(s.Delta) / DeltaUnit},
			Committee:           CommitteeParams{Size: committee.Size, RotationRounds: committee.RotationRounds},
		},
		PublicKeyHash:    s.PublicKeyHash,
		StandardiserHash: s.StandardiserHash,
		CurrentRound:     s.CurrentRound,
		RoundOpen:        s.RoundOpen,
		Completed:        s.Completed,
		Participants:     participants,

		ActiveParticipants: s.ActiveParticipants,
		CreatedBlock:       s.CreatedBlock,
		EpsilonSpent:       fromFixed(s.EpsilonSpent),
		Holders:            holders,
		CommitteeEpoch:     committee.Epoch,
		CommitteeCurrent:   current,
	}, nil
}

// StudyProgress is where a study stands on chain, from its record alone.
type StudyProgress struct {
	CurrentRound uint32 // the last opened round, 0 before the first
	RoundOpen    bool   // CurrentRound is open
	Completed    bool   // the last round has closed
}

// Progress reads a study's round and whether it is completed, or
// ErrStudyNotFound: one call, for a reader that watches a study end
// (Study also reads its participants and committee).
func (l *Ledger) Progress(ctx context.Context, studyID uint64) (StudyProgress, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackGetStudy(studyID))
	if err != nil {
		return StudyProgress{}, fmt.Errorf("reading study %d: %w", studyID, err)
	}
	s, err := l.studies.UnpackGetStudy(out)
	if err != nil {
		return StudyProgress{}, fmt.Errorf("reading study %d: %w", studyID, err)
	}
	return StudyProgress{CurrentRound: s.CurrentRound, RoundOpen: s.RoundOpen, Completed: s.Completed}, nil
}

// StudyCount returns the number of studies created; ids run from 1 to it.
func (l *Ledger) StudyCount(ctx context.Context) (uint64, error) {
	out, err := l.readModule(ctx, currentStudies, l.studies.PackStudyCount())
	if err != nil {
		return 0, fmt.Errorf("reading the study count: %w", err)
	}
	return l.studies.UnpackStudyCount(out)
}

// Round returns a round as recorded on chain, ErrStudyNotFound or
// ErrRoundNotFound if it was never opened. Its committers are read from the
// UpdateCommitted events and checked against the round's commitments root.
func (l *Ledger) Round(ctx context.Context, studyID uint64, round uint32) (Round, error) {
	wrap := func(err error) error { return fmt.Errorf("reading round %d of study %d: %w", round, studyID, err) }
	rec, committed, err := l.roundCommitments(ctx, studyID, round)
	if err != nil {
		return Round{}, wrap(err)
	}
	r := roundOf(round, rec)
	for _, c := range committed {
		r.Committers = append(r.Committers, c.member)
	}
	return r, nil
}

func roundOf(number uint32, rec cohortsol.StudiesRoundRecord) Round {
	r := Round{
		Number:           number,
		GlobalModel:      rec.GlobalModel,
		Deadline:         time.Unix(int64(rec.Deadline), 0).UTC(),
		OpenedAt:         time.Unix(int64(rec.OpenedAt), 0).UTC(),
		Open:             rec.Status == roundStatusOpen,
		Closed:           rec.Status == roundStatusClosed,
		Abandoned:        rec.Status == roundStatusAbandoned,
		OpenedBlock:      rec.OpenedBlock.Uint64(),
		ClosedBlock:      rec.ClosedBlock.Uint64(),
		Commitments:      uint32(rec.Commitments),
		CommitmentsRoot:  rec.CommitmentsRoot,
		ScoresHash:       rec.ScoresHash,
		SamplesBound:     rec.SamplesBound,
		EpsilonSpent:     fromFixed(rec.EpsilonSpent),
		ContributorsHash: rec.ContributorsHash,
	}
	if r.Closed {
		r.Result = RoundResult{
			AggregateHash: rec.AggregateHash,
			ModelHash:     rec.ModelHash,
			Accuracy:      fromFixed(uint64(rec.Accuracy)),
			AUC:           fromFixed(uint64(rec.Auc)),
			Loss:          fromFixed(rec.Loss),
			Participants:  uint32(rec.Participants),
		}
	}
	return r
}

// roundRecord reads a round's record as of block (nil: latest); a round
// never opened is ErrRoundNotFound.
func (l *Ledger) roundRecord(ctx context.Context, studyID uint64, round uint32, block *big.Int) (cohortsol.StudiesRoundRecord, error) {
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, err
	}
	out, err := l.chain.callAt(ctx, module, l.studies.PackGetRound(studyID, round), &l.abi, block)
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, err
	}
	rec, err := l.studies.UnpackGetRound(out)
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, err
	}
	if rec.Status == roundStatusNone {
		return cohortsol.StudiesRoundRecord{}, ErrRoundNotFound
	}
	return rec, nil
}

// committed is one UpdateCommitted event.
type committed struct {
	member common.Address
	c      Commitment
}

// roundCommitments reads a round's record and its UpdateCommitted events, in
// chain order, as of one block, and checks that replaying the events gives
// the commitments root the contract stores: a node that hid, added or
// altered an event is caught.
//
// The last read of each round is kept with the hash of the block it was
// read at, and is the answer while that block is the head: a block's state
// never changes, and the coordinator reads a round's commitments for every
// upload it takes (a batched round's uploads, the default, all at one
// head). A read then costs the head's header instead of a call, a log
// query and the events' replay.
func (l *Ledger) roundCommitments(ctx context.Context, studyID uint64, round uint32) (cohortsol.StudiesRoundRecord, []committed, error) {
	head, hash, err := l.chain.head(ctx)
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, nil, err
	}
	key := roundKey{studyID, round}
	l.rounds.mu.Lock()
	last, ok := l.rounds.last[key]
	l.rounds.mu.Unlock()
	if ok && last.head == hash {
		return last.rec, slices.Clone(last.committed), nil
	}
	rec, out, err := l.readRoundCommitments(ctx, studyID, round, new(big.Int).SetUint64(head))
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, nil, err
	}
	l.rounds.mu.Lock()
	if l.rounds.last == nil || len(l.rounds.last) >= maxRoundReads {
		l.rounds.last = make(map[roundKey]roundRead) // old rounds are rarely read again
	}
	l.rounds.last[key] = roundRead{head: hash, rec: rec, committed: slices.Clone(out)}
	l.rounds.mu.Unlock()
	return rec, out, nil
}

// maxRoundReads bounds the rounds whose last read is kept.
const maxRoundReads = 16

// roundReads holds the last read of each round's commitments
// (roundCommitments).
type roundReads struct {
	mu   sync.Mutex
	last map[roundKey]roundRead
}

type roundKey struct {
	study uint64
	round uint32
}

// roundRead is a round's record and commitments as of the block hashed head.
type roundRead struct {
	head      common.Hash
	rec       cohortsol.StudiesRoundRecord
	committed []committed
}

// readRoundCommitments is roundCommitments read from the chain as of block at.
func (l *Ledger) readRoundCommitments(ctx context.Context, studyID uint64, round uint32, at *big.Int) (cohortsol.StudiesRoundRecord, []committed, error) {
	rec, err := l.roundRecord(ctx, studyID, round, at)
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, nil, err
	}
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, nil, err
	}
	q := ethereum.FilterQuery{
		FromBlock: rec.OpenedBlock,
		ToBlock:   at,
		Addresses: []common.Address{module},
		Topics: [][]common.Hash{
			{l.abi.Events[cohortsol.StudiesUpdateCommittedEventName].ID, l.abi.Events[cohortsol.StudiesUpdatesCommittedEventName].ID},
			{common.BigToHash(new(big.Int).SetUint64(studyID))},
			{common.BigToHash(big.NewInt(int64(round)))},
		},
	}
	if rec.Status != roundStatusOpen {
		q.ToBlock = rec.ClosedBlock
	}
	logs, err := l.chain.filterLogs(ctx, q)
	if err != nil {
		return cohortsol.StudiesRoundRecord{}, nil, err
	}
	var out []committed
	root := common.Hash(rec.GlobalModel) // the contract seeds the root with the global model
	for i := range logs {
		batch, err := l.commitEvent(&logs[i])
		if err != nil {
			return cohortsol.StudiesRoundRecord{}, nil, err
		}
		for _, c := range batch {
			root = NextCommitmentsRoot(root, c.member, c.c)
			out = append(out, c)
		}
	}
	if root != rec.CommitmentsRoot || len(out) != int(rec.Commitments) {
		return cohortsol.StudiesRoundRecord{}, nil, fmt.Errorf("%w: %d UpdateCommitted events hash to %s, the contract stores %d commitments with root %s",
			ErrInconsistentLedger, len(out), root, rec.Commitments, common.Hash(rec.CommitmentsRoot))
	}
	return rec, out, nil
}

// commitEvent decodes an UpdateCommitted event (one commitment) or an
// UpdatesCommitted event (a batch, in its order).
func (l *Ledger) commitEvent(lg *types.Log) ([]committed, error) {
	if lg.Topics[0] == l.abi.Events[cohortsol.StudiesUpdateCommittedEventName].ID {
		ev, err := l.studies.UnpackUpdateCommittedEvent(lg)
		if err != nil {
			return nil, fmt.Errorf("decoding an UpdateCommitted event: %w", err)
		}
		return []committed{{member: ev.Member, c: Commitment{CiphertextHash: ev.CiphertextHash, Samples: ev.SampleCount, ConsentRoot: ev.ConsentRoot}}}, nil
	}
	ev, err := l.studies.UnpackUpdatesCommittedEvent(lg)
	if err != nil {
		return nil, fmt.Errorf("decoding an UpdatesCommitted event: %w", err)
	}
	n := len(ev.Members)
	if len(ev.CiphertextHashes) != n || len(ev.SampleCounts) != n || len(ev.ConsentRoots) != n {
		return nil, fmt.Errorf("%w: an UpdatesCommitted event with arrays of different lengths", ErrInconsistentLedger)
	}
	out := make([]committed, n)
	for i := range out {
		out[i] = committed{member: ev.Members[i], c: Commitment{CiphertextHash: ev.CiphertextHashes[i], Samples: ev.SampleCounts[i], ConsentRoot: ev.ConsentRoots[i]}}
	}
	return out, nil
}

// Commitment returns a member's commitment in a round, or ErrNoCommitment.
// The contract stores only a running hash of the round's commitments; the
// commitment itself is read from the UpdateCommitted events, which are checked
// against that hash.
func (l *Ledger) Commitment(ctx context.Context, studyID uint64, round uint32, member common.Address) (Commitment, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the commitment of %s in round %d of study %d: %w", member, round, studyID, err)
	}
	_, all, err := l.roundCommitments(ctx, studyID, round)
	if errors.Is(err, ErrRoundNotFound) {
		return Commitment{}, wrap(ErrNoCommitment)
	}
	if err != nil {
		return Commitment{}, wrap(err)
	}
	for _, c := range all {
		if c.member == member {
			return c.c, nil
		}
	}
	return Commitment{}, wrap(ErrNoCommitment)
}

// Commitments returns every commitment made in a round, keyed by member,
// checked against the round's commitments root.
func (l *Ledger) Commitments(ctx context.Context, studyID uint64, round uint32) (map[common.Address]Commitment, error) {
	_, all, err := l.roundCommitments(ctx, studyID, round)
	if err != nil {
		return nil, fmt.Errorf("reading the commitments of round %d of study %d: %w", round, studyID, err)
	}
	res := make(map[common.Address]Commitment, len(all))
	for _, c := range all {
		res[c.member] = c.c
	}
	return res, nil
}

// AbandonRound abandons an open round that stalled. The coordinator may do so
// once the deadline has passed; the study owner and participants once the
// contract's abandon grace period (one day) has also passed. The round's
// number is used up: the next round opens with the following number.
func (l *Ledger) AbandonRound(ctx context.Context, from *Account, studyID uint64, round uint32) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackAbandonRound(studyID, round))
	if err != nil {
		return Receipt{}, fmt.Errorf("abandoning round %d of study %d: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}

// AbandonRoundGas is the gas limit AbandonRoundUnestimated sends with:
// over three times what an abandonment used (41,219 gas for a study's last
// round on the simulated chain, 2026-12-07).
const AbandonRoundGas = 150_000

// AbandonRoundUnestimated is AbandonRound sent with the gas limit
// AbandonRoundGas rather than an estimate. The estimate runs at the latest
// block's time, and on a chain that mines a block only when a transaction
// comes (geth --dev) that time lags the wall clock: past the deadline by
// the wall clock, the estimate still refuses what the block that takes the
// transaction allows. Refused in that block, the transaction fails there,
// costs its fee and returns the contract's error.
func (l *Ledger) AbandonRoundUnestimated(ctx context.Context, from *Account, studyID uint64, round uint32) (Receipt, error) {
	r, err := l.writeModuleGas(ctx, from, func(m *moduleSet) common.Address { return m.moduleFor(studyID) }, l.studies.PackAbandonRound(studyID, round), AbandonRoundGas)
	if err != nil {
		return Receipt{}, fmt.Errorf("abandoning round %d of study %d: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}

// AbandonGrace returns how long after a round's deadline the study's owner
// and participants wait, beyond the coordinator, before they may abandon
// it: the ABANDON_GRACE of the Studies module holding the study.
func (l *Ledger) AbandonGrace(ctx context.Context, studyID uint64) (time.Duration, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackABANDONGRACE())
	if err != nil {
		return 0, fmt.Errorf("reading the abandon grace period of study %d: %w", studyID, err)
	}
	secs, err := l.studies.UnpackABANDONGRACE(out)
	if err != nil {
		return 0, fmt.Errorf("reading the abandon grace period of study %d: %w", studyID, err)
	}
	return time.Duration(secs) * time.Second, nil
}

// Members returns every member ever admitted, in admission order.
func (l *Ledger) Members(ctx context.Context) ([]MemberRecord, error) {
	out, err := l.read(ctx, l.consortium.PackMembers())
	if err != nil {
		return nil, fmt.Errorf("reading the members: %w", err)
	}
	addrs, err := l.consortium.UnpackMembers(out)
	if err != nil {
		return nil, fmt.Errorf("reading the members: %w", err)
	}
	res := make([]MemberRecord, 0, len(addrs))
	for _, a := range addrs {
		m, err := l.Member(ctx, a)
		if err != nil {
			return nil, err
		}
		res = append(res, m)
	}
	return res, nil
}

// Member returns a member's record, or ErrNotMember for an address never admitted.
func (l *Ledger) Member(ctx context.Context, address common.Address) (MemberRecord, error) {
	out, err := l.read(ctx, l.consortium.PackGetMember(address))
	if err != nil {
		return MemberRecord{}, fmt.Errorf("reading member %s: %w", address, err)
	}
	m, err := l.consortium.UnpackGetMember(out)
	if err != nil {
		return MemberRecord{}, fmt.Errorf("reading member %s: %w", address, err)
	}
	rec := MemberRecord{
		Member:     Member{Address: address, Name: m.Name, TLSFingerprint: m.TlsFingerprint},
		AdmittedAt: time.Unix(int64(m.AdmittedAt), 0).UTC(),
		Active:     m.Active,
	}
	if m.RemovedAt != 0 {
		rec.RemovedAt = time.Unix(int64(m.RemovedAt), 0).UTC()
	}
	return rec, nil
}

// IsMember reports whether the address is an active consortium member.
func (l *Ledger) IsMember(ctx context.Context, address common.Address) (bool, error) {
	out, err := l.read(ctx, l.consortium.PackIsMember(address))
	if err != nil {
		return false, fmt.Errorf("checking membership of %s: %w", address, err)
	}
	return l.consortium.UnpackIsMember(out)
}

// studyEvents returns the logs of one event of the contract whose first
// indexed argument is the study id, in chain order, from the study's
// creation (studyLogs), dropping reorged ones;
// more, if given, are the values of the next indexed arguments.
func (l *Ledger) studyEvents(ctx context.Context, event string, studyID uint64, more ...common.Hash) ([]types.Log, error) {
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return nil, err
	}
	return l.moduleEvents(ctx, module, event, studyID, more...)
}

// moduleEvents is studyEvents for the contract at module.
func (l *Ledger) moduleEvents(ctx context.Context, module common.Address, event string, studyID uint64, more ...common.Hash) ([]types.Log, error) {
	return l.studyLogs(ctx, studyID, l.studyEventQuery(module, event, studyID, more...))
}

// studyEventQuery asks for one event of the contract at module whose first
// indexed argument is the study id, and whose next ones are more.
func (l *Ledger) studyEventQuery(module common.Address, event string, studyID uint64, more ...common.Hash) ethereum.FilterQuery {
	topics := [][]common.Hash{{l.abi.Events[event].ID}, {common.BigToHash(new(big.Int).SetUint64(studyID))}}
	for _, v := range more {
		topics = append(topics, []common.Hash{v})
	}
	return ethereum.FilterQuery{Addresses: []common.Address{module}, Topics: topics}
}

// JoinedAt returns the block of member's latest join of the study (its
// StudyJoined event), or 0 when this node's chain has none: the member
// never joined, or the node is behind its join (a node restored from an
// older snapshot, or still syncing). It is a log query on the event's
// indexed study and member from the study's creation, paged as every log
// query is (filterLogs). A member that left and joined again is at its
// last join.
func (l *Ledger) JoinedAt(ctx context.Context, studyID uint64, member common.Address) (uint64, error) {
	return l.JoinedAfter(ctx, studyID, member, 0)
}

// JoinedAfter is JoinedAt over the blocks after block only: a node that
// knows its join reads whether it joined again since without reading the
// study's whole history (0 if it did not).
func (l *Ledger) JoinedAfter(ctx context.Context, studyID uint64, member common.Address, block uint64) (uint64, error) {
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return 0, fmt.Errorf("reading when %s joined study %d: %w", member, studyID, err)
	}
	q := l.studyEventQuery(module, cohortsol.StudiesStudyJoinedEventName, studyID, common.BytesToHash(member.Bytes()))
	q.FromBlock = new(big.Int).SetUint64(block + 1)
	logs, err := l.studyLogs(ctx, studyID, q)
	if err != nil {
		return 0, fmt.Errorf("reading when %s joined study %d: %w", member, studyID, err)
	}
	if len(logs) == 0 {
		return 0, nil
	}
	return logs[len(logs)-1].BlockNumber, nil
}

// Departure is a StudyLeft event: a participant left a study (By equals
// Member) or a member vote excluded it (By is the Consortium contract,
// Ledger.Address).
type Departure struct {
	Member common.Address
	By     common.Address
	Block  uint64
}

// Departures returns every departure from the study, oldest first.
func (l *Ledger) Departures(ctx context.Context, studyID uint64) ([]Departure, error) {
	return l.DeparturesAfter(ctx, studyID, 0)
}

// DeparturesAfter returns the departures from the study in blocks after
// block, oldest first: a node polling for a departure at every new head
// reads only the blocks since it began, not the study's whole history.
func (l *Ledger) DeparturesAfter(ctx context.Context, studyID uint64, block uint64) ([]Departure, error) {
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return nil, fmt.Errorf("reading the departures from study %d: %w", studyID, err)
	}
	q := l.studyEventQuery(module, cohortsol.StudiesStudyLeftEventName, studyID)
	q.FromBlock = new(big.Int).SetUint64(block + 1)
	logs, err := l.studyLogs(ctx, studyID, q)
	if err != nil {
		return nil, fmt.Errorf("reading the departures from study %d: %w", studyID, err)
	}
	var out []Departure
	for i := range logs {
		ev, err := l.studies.UnpackStudyLeftEvent(&logs[i])
		if err != nil {
			return nil, fmt.Errorf("reading the departures from study %d: decoding StudyLeft: %w", studyID, err)
		}
		out = append(out, Departure{Member: ev.Member, By: ev.By, Block: logs[i].BlockNumber})
	}
	return out, nil
}

// Removal is a ParticipantRemoved event: an exclusion vote removed Member
// from the study at Block (it had left already, or left by the vote).
type Removal struct {
	Member common.Address
	Block  uint64
}

// Removals returns the members an exclusion vote removed from the study
// that are removed still (no reinstatement vote let them back since), by
// their last removal, oldest first: one log query and a read per member.
func (l *Ledger) Removals(ctx context.Context, studyID uint64) ([]Removal, error) {
	wrap := func(err error) error { return fmt.Errorf("reading the removals from study %d: %w", studyID, err) }
	logs, err := l.studyEvents(ctx, cohortsol.StudiesParticipantRemovedEventName, studyID)
	if err != nil {
		return nil, wrap(err)
	}
	var out []Removal
	seen := map[common.Address]bool{}
	for i := len(logs) - 1; i >= 0; i-- { // newest first: each member's last removal
		ev, err := l.studies.UnpackParticipantRemovedEvent(&logs[i])
		if err != nil {
			return nil, wrap(fmt.Errorf("decoding ParticipantRemoved: %w", err))
		}
		if seen[ev.Member] {
			continue
		}
		seen[ev.Member] = true
		p, err := l.Participant(ctx, studyID, ev.Member)
		if err != nil {
			return nil, wrap(err)
		}
		if p.Removed {
			out = append(out, Removal{Member: ev.Member, Block: logs[i].BlockNumber})
		}
	}
	slices.Reverse(out)
	return out, nil
}

// RoundSpan is a run of a study's rounds a member took part in, First to
// Last. Round 0 is the study's setup before round 1 (its key, its
// moments). An ongoing span (the member takes part at the read) covers
// every round from First on, and has no Last.
type RoundSpan struct {
	First, Last uint32
	Ongoing     bool
}

// Participation is the rounds a member took part in, as the study's logs
// tell up to block Block.
type Participation struct {
	Spans []RoundSpan // oldest first; none for a member that never took part
	Block uint64      // the block both log queries read up to
	Round uint32      // the last round opened by Block, 0 before round 1
	Open  bool        // whether Round was open at Block
}

// Current reports whether the member takes part at Block.
func (p Participation) Current() bool {
	return len(p.Spans) > 0 && p.Spans[len(p.Spans)-1].Ongoing
}

// In reports whether the member took part in round r (an ongoing span
// holds every round from its first on).
func (p Participation) In(r uint32) bool {
	for _, s := range p.Spans {
		if r >= s.First && (s.Ongoing || r <= s.Last) {
			return true
		}
	}
	return false
}

// Unsettled is the first round whose taking part a later block may still
// change (In is final for the rounds before it): a later join or
// reinstatement starts at the round open then or the next one, and a
// later removal keeps the rounds up to the one opened last.
func (p Participation) Unsettled() uint32 { return firstRoundAt(p.Round, p.Open) }

// String names the spans, for errors: "0-1, 3", "2 on", "none".
func (p Participation) String() string {
	if len(p.Spans) == 0 {
		return "none"
	}
	var b strings.Builder
	for i, s := range p.Spans {
		if i > 0 {
			b.WriteString(", ")
		}
		switch {
		case s.Ongoing:
			fmt.Fprintf(&b, "%d on", s.First)
		case s.First == s.Last:
			fmt.Fprintf(&b, "%d", s.First)
		default:
			fmt.Fprintf(&b, "%d-%d", s.First, s.Last)
		}
	}
	return b.String()
}

// firstRoundAt is the first round a member that begins taking part while
// the study's last opened round is round (open or not) takes part in: the
// open round (a reinstatement lets it commit to it), else the next one,
// but round 0, the setup, for one that joins before round 1.
func firstRoundAt(round uint32, open bool) uint32 {
	if open || round == 0 {
		return round
	}
	return round + 1
}

// Participation reads the rounds member took part in from the study's
// logs, in one pass over its joins, departures (a leave or an exclusion),
// suspensions and reinstatements and the study's round openings, closings
// and abandonments, both read up to the same block. It takes part from
// each join or reinstatement that makes it active (firstRoundAt) through
// the last round opened before the block in which it stops taking part
// (it left, was excluded or was suspended): a span that begins after the
// round it ends in (it joined between rounds and left before the next)
// holds no round and is dropped, and one back before it missed a round
// goes on from the last. Two log queries from the study's
// creation, and a read of the head.
func (l *Ledger) Participation(ctx context.Context, studyID uint64, member common.Address) (Participation, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the rounds %s took part in in study %d: %w", member, studyID, err)
	}
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return Participation{}, wrap(err)
	}
	head, err := l.chain.BlockNumber(ctx)
	if err != nil {
		return Participation{}, wrap(err)
	}
	to := new(big.Int).SetUint64(head)
	ev := l.abi.Events
	joinedID, leftID := ev[cohortsol.StudiesStudyJoinedEventName].ID, ev[cohortsol.StudiesStudyLeftEventName].ID
	suspendedID, reinstatedID := ev[cohortsol.StudiesParticipantSuspendedEventName].ID, ev[cohortsol.StudiesParticipantReinstatedEventName].ID
	q := l.studyEventQuery(module, cohortsol.StudiesStudyJoinedEventName, studyID, common.BytesToHash(member.Bytes()))
	q.Topics[0], q.ToBlock = []common.Hash{joinedID, leftID, suspendedID, reinstatedID}, to
	own, err := l.studyLogs(ctx, studyID, q)
	if err != nil {
		return Participation{}, wrap(err)
	}
	out := Participation{Block: head}
	if len(own) == 0 {
		return out, nil // never joined (as of this node's chain)
	}
	openedID := ev[cohortsol.StudiesRoundOpenedEventName].ID
	closedID, abandonedID := ev[cohortsol.StudiesRoundClosedEventName].ID, ev[cohortsol.StudiesRoundAbandonedEventName].ID
	q = l.studyEventQuery(module, cohortsol.StudiesRoundOpenedEventName, studyID)
	q.Topics[0], q.ToBlock = []common.Hash{openedID, closedID, abandonedID}, to
	rounds, err := l.studyLogs(ctx, studyID, q)
	if err != nil {
		return Participation{}, wrap(err)
	}
	var joined, left, suspended bool
	active := func() bool { return joined && !left && !suspended }
	for i := 0; i < len(own) || len(rounds) > 0; {
		// The two logs merged in chain order; a round's event first
		// when both are at the end of one.
		if len(rounds) > 0 && (i == len(own) || before(rounds[0], own[i])) {
			switch lg := rounds[0]; lg.Topics[0] {
			case openedID:
				if len(lg.Topics) > 2 {
					out.Round, out.Open = uint32(new(big.Int).SetBytes(lg.Topics[2].Bytes()).Uint64()), true
				}
			default:
				out.Open = false
			}
			rounds = rounds[1:]
			continue
		}
		was := active()
		switch own[i].Topics[0] {
		case joinedID:
			joined, left = true, false
		case leftID:
			left = true
		case suspendedID:
			suspended = true
		case reinstatedID:
			suspended = false
		}
		i++
		switch now := active(); {
		case now && !was:
			first := firstRoundAt(out.Round, out.Open)
			if n := len(out.Spans); n > 0 && first <= out.Spans[n-1].Last+1 {
				out.Spans[n-1].Ongoing = true // back before missing a round
			} else {
				out.Spans = append(out.Spans, RoundSpan{First: first, Ongoing: true})
			}
		case was && !now:
			s := &out.Spans[len(out.Spans)-1]
			if s.Last, s.Ongoing = out.Round, false; s.First > s.Last {
				out.Spans = out.Spans[:len(out.Spans)-1]
			}
		}
	}
	return out, nil
}

// before reports whether log a comes before log b on the chain.
func before(a, b types.Log) bool {
	if a.BlockNumber != b.BlockNumber {
		return a.BlockNumber < b.BlockNumber
	}
	return a.Index < b.Index
}

// IsParticipant reports whether the address is a current participant of
// the study (joined and not left).
func (l *Ledger) IsParticipant(ctx context.Context, studyID uint64, address common.Address) (bool, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackIsParticipant(studyID, address))
	if err != nil {
		return false, fmt.Errorf("checking whether %s joined study %d: %w", address, studyID, err)
	}
	return l.studies.UnpackIsParticipant(out)
}
