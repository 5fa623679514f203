package studies

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts"
)

// Created describes a study just registered (what `cohort study create
// --json` prints).
type Created struct {
	StudyID  uint64         `json:"study_id"`
	Contract common.Address `json:"contract"`
	// RecipeHash is the canonical hash of the study's recipe (or model
	// spec), as `cohort study show --json` names it; SpecHash is the same
	// hash under its older name, kept for scripts that read it.
	RecipeHash          common.Hash    `json:"recipe_hash"`
	SpecHash            common.Hash    `json:"spec_hash"`
	SpecBytes           int            `json:"spec_canonical_bytes"`
	Purpose             common.Hash    `json:"purpose"`
	ReferenceCommitment common.Hash    `json:"reference_commitment"`
	Coordinator         common.Address `json:"coordinator"`
	Owner               common.Address `json:"owner"`
	TxHash              common.Hash    `json:"tx_hash"`
	Block               uint64         `json:"block"`
}

// Create registers a study with params (their spec hash, purpose and
// reference commitment filled in) from the researcher's account, who owns
// it, and describes it; specBytes is the length of the canonical recipe or
// spec that params.SpecHash hashes.
func Create(ctx context.Context, ledger *contracts.Ledger, researcher *contracts.Account, params contracts.StudyParams, specBytes int) (*Created, error) {
	id, r, err := ledger.CreateStudy(ctx, researcher, params)
	if err != nil {
		return nil, fmt.Errorf("creating the study: %w", err)
	}
	return &Created{
		StudyID: id, Contract: ledger.Address(), RecipeHash: params.SpecHash, SpecHash: params.SpecHash, SpecBytes: specBytes,
		Purpose: params.Purpose, ReferenceCommitment: params.ReferenceCommitment, Coordinator: params.Coordinator,
		Owner: researcher.Address(), TxHash: r.TxHash, Block: r.Block,
	}, nil
}

// PurposeCode returns a 0x-prefixed 32-byte code as is, and otherwise
// keccak256 of the text's UTF-8 bytes.
func PurposeCode(s string) common.Hash {
	if h, err := contracts.DecodeHex32(s); err == nil {
		return h
	}
	return crypto.Keccak256Hash([]byte(s))
}

// ReferenceCommitment returns a 0x-prefixed 32-byte commitment as is, and
// otherwise keccak256 of the named file's bytes.
func ReferenceCommitment(s string) (common.Hash, error) {
	if h, err := contracts.DecodeHex32(s); err == nil {
		if h == (common.Hash{}) {
			return common.Hash{}, errors.New("--reference is the zero hash; commit to the root dataset")
		}
		return h, nil
	}
	f, err := os.Open(s)
	if err != nil {
		return common.Hash{}, fmt.Errorf("--reference is neither 0x and 64 hex digits nor a readable file: %w", err)
	}
	defer f.Close()
	h := crypto.NewKeccakState()
	if _, err := io.Copy(h, f); err != nil {
		return common.Hash{}, fmt.Errorf("hashing the reference dataset: %w", err)
	}
	return common.BytesToHash(h.Sum(nil)), nil
}

// Report is a study as `cohort study show` prints it: the study as the chain
// records it, every opened round and every participant's standing.
type Report struct {
	ID          uint64         `json:"id"`
	Contract    common.Address `json:"contract"`
	ChainID     uint64         `json:"chain_id"`
	Owner       common.Address `json:"owner"`
	Coordinator common.Address `json:"coordinator"`
	// RecipeHash is the canonical hash of the study's recipe (or, for a
	// study created before recipes, its model spec), which hospitals and
	// the coordinator check their files against; SpecHash is the same
	// hash under its older name, kept for scripts that read it.
	RecipeHash          common.Hash         `json:"recipe_hash"`
	SpecHash            common.Hash         `json:"spec_hash"`
	Purpose             common.Hash         `json:"purpose"`
	ReferenceCommitment common.Hash         `json:"reference_commitment"`
	PublicKeyHash       common.Hash         `json:"public_key_hash"`
	Rounds              uint32              `json:"rounds"`
	MinParticipants     uint32              `json:"min_participants"`
	Threshold           uint32              `json:"threshold"`
	StrikeLimit         uint32              `json:"strike_limit"`
	CurrentRound        uint32              `json:"current_round"`
	Status              string              `json:"status"`
	Participants        []ParticipantReport `json:"participants"`
	// Removed is the members an exclusion vote removed from the study and
	// no reinstatement vote let back: they cannot join it again by themselves.
	Removed      []RemovedReport `json:"removed"`
	RoundHistory []RoundReport   `json:"round_history"`
	Strikes      []StrikeReport  `json:"strikes"`
	// Privacy is the study's differential-privacy budget and what its
	// rounds spent; absent without a budget.
	Privacy *Privacy `json:"privacy,omitempty"`
	// Committee is the study's decryption committee; absent without one.
	Committee *CommitteeReport `json:"committee,omitempty"`
	// SamplesBound: the study bounds each commitment's sample count by
	// its hospital's consent counts (each participant's SampleBound).
	SamplesBound bool `json:"samples_bound"`
}

// CommitteeReport is a study's decryption committee as the chain records
// it: its size, and the members of its latest selection (none before the
// first).
type CommitteeReport struct {
	Size           uint16           `json:"size"`
	RotationRounds uint32           `json:"rotation_rounds,omitempty"`
	Epoch          uint32           `json:"epoch"`
	SelectedRound  uint32           `json:"selected_round"`
	Members        []common.Address `json:"members"`
	Current        bool             `json:"current"`
}

// RemovedReport is a member an exclusion vote removed from the study, and
// the block of that removal.
type RemovedReport struct {
	Address common.Address `json:"address"`
	Name    string         `json:"name"`
	Block   uint64         `json:"block"`
}

// ParticipantReport is a participant's standing in the study.
type ParticipantReport struct {
	Address            common.Address `json:"address"`
	Name               string         `json:"name"`
	Index              uint16         `json:"index"`
	Strikes            uint16         `json:"strikes"`
	Suspended          bool           `json:"suspended"`
	LastCommittedRound uint32         `json:"last_committed_round"`
	// SampleBound is the most samples the participant may commit to a
	// round opening now, its consent counts on chain; absent unless the
	// study binds samples.
	SampleBound *uint64 `json:"sample_bound,omitempty"`
}

// SampleCount is how many consented records a hospital committed to
// train on in a round, as its commitment on chain says.
type SampleCount struct {
	Member  common.Address `json:"member"`
	Name    string         `json:"name"`
	Samples uint64         `json:"samples"`
}

// RoundReport is one opened round.
type RoundReport struct {
	Number          uint32           `json:"number"`
	Status          string           `json:"status"` // open, closed or abandoned
	GlobalModel     common.Hash      `json:"global_model"`
	Deadline        time.Time        `json:"deadline"`
	OpenedAt        time.Time        `json:"opened_at"`
	OpenedBlock     uint64           `json:"opened_block"`
	ClosedBlock     uint64           `json:"closed_block,omitempty"`
	Commitments     uint32           `json:"commitments"`
	CommitmentsRoot common.Hash      `json:"commitments_root"`
	ScoresHash      common.Hash      `json:"scores_hash"`
	Committers      []common.Address `json:"committers"`
	// Samples are the committers' sample counts, in Committers' order.
	Samples []SampleCount `json:"samples"`
	// The result; zero unless the round closed.
	AggregateHash common.Hash `json:"aggregate_hash"`
	ModelHash     common.Hash `json:"model_hash"`
	Accuracy      float64     `json:"accuracy"`
	AUC           float64     `json:"auc"`
	Loss          float64     `json:"loss"`
	Aggregated    uint32      `json:"aggregated_updates"`
	// EpsilonSpent is the study's ε once this round trained (studies with a
	// privacy budget only).
	EpsilonSpent float64 `json:"epsilon_spent,omitempty"`
}

// StrikeReport is one strike against a participant.
type StrikeReport struct {
	Member   common.Address `json:"member"`
	Round    uint32         `json:"round"`
	Reason   string         `json:"reason"`
	Evidence common.Hash    `json:"evidence"`
	Strikes  uint16         `json:"strikes_after"`
	Block    uint64         `json:"block"`
}

// Show reads a study, its rounds, participants and strikes from the
// chain, with each round's sample counts from its commitments and, for a
// study that binds samples, each participant's bound now.
func Show(ctx context.Context, ledger *contracts.Ledger, chainID, id uint64) (*Report, error) {
	s, err := ledger.Study(ctx, id)
	if err != nil {
		return nil, err // it names the study
	}
	rep := &Report{
		ID: s.ID, Contract: ledger.Address(), ChainID: chainID, Owner: s.Owner, Coordinator: s.Coordinator,
		RecipeHash: s.SpecHash, SpecHash: s.SpecHash, Purpose: s.Purpose, ReferenceCommitment: s.ReferenceCommitment, PublicKeyHash: s.PublicKeyHash,
		Rounds: s.Rounds, MinParticipants: s.MinParticipants, Threshold: s.Threshold, StrikeLimit: s.StrikeLimit,
		CurrentRound: s.CurrentRound, Status: Status(s),
		Participants: []ParticipantReport{}, Removed: []RemovedReport{}, RoundHistory: []RoundReport{}, Strikes: []StrikeReport{},
	}
	switch c, err := ledger.Committee(ctx, id); {
	case err != nil:
		return nil, err
	case c.Size > 0:
		members := c.Members
		if members == nil {
			members = []common.Address{}
		}
		rep.Committee = &CommitteeReport{Size: c.Size, RotationRounds: c.RotationRounds, Epoch: c.Epoch,
			SelectedRound: c.SelectedRound, Members: members, Current: c.Current}
	}
	if rep.SamplesBound, err = ledger.SamplesBound(ctx, id); err != nil {
		return nil, err
	}
	names := map[common.Address]string{}
	nameOf := func(a common.Address) (string, error) {
		if name, ok := names[a]; ok {
			return name, nil
		}
		switch m, err := ledger.Member(ctx, a); {
		case err == nil:
			names[a] = m.Name
		case !errors.Is(err, contracts.ErrNotMember):
			return "", fmt.Errorf("reading member %s: %w", a, err)
		}
		return names[a], nil
	}
	for _, a := range s.Participants {
		p, err := ledger.Participant(ctx, id, a)
		if err != nil {
			return nil, fmt.Errorf("reading participant %s: %w", a, err)
		}
		pr := ParticipantReport{Address: a, Index: p.Index, Strikes: p.Strikes, Suspended: p.Suspended, LastCommittedRound: p.LastCommittedRound}
		if pr.Name, err = nameOf(a); err != nil {
			return nil, err
		}
		if rep.SamplesBound {
			bound, err := ledger.SampleBound(ctx, id, a, 0)
			if err != nil {
				return nil, err
			}
			pr.SampleBound = &bound
		}
		rep.Participants = append(rep.Participants, pr)
	}
	removals, err := ledger.Removals(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, r := range removals {
		name, err := nameOf(r.Member)
		if err != nil {
			return nil, err
		}
		rep.Removed = append(rep.Removed, RemovedReport{Address: r.Member, Name: name, Block: r.Block})
	}
	for n := uint32(1); n <= s.CurrentRound; n++ {
		r, err := ledger.Round(ctx, id, n)
		if err != nil {
			return nil, fmt.Errorf("reading round %d: %w", n, err)
		}
		status := "open"
		switch {
		case r.Abandoned:
			status = "abandoned"
		case r.Closed:
			status = "closed"
		}
		committers := r.Committers
		if committers == nil {
			committers = []common.Address{}
		}
		commits, err := ledger.Commitments(ctx, id, n)
		if err != nil {
			return nil, err
		}
		samples := make([]SampleCount, 0, len(committers))
		for _, a := range committers {
			name, err := nameOf(a)
			if err != nil {
				return nil, err
			}
			samples = append(samples, SampleCount{Member: a, Name: name, Samples: commits[a].Samples})
		}
		rep.RoundHistory = append(rep.RoundHistory, RoundReport{
			Number: r.Number, Status: status, GlobalModel: r.GlobalModel, Deadline: r.Deadline.UTC(), OpenedAt: r.OpenedAt.UTC(),
			OpenedBlock: r.OpenedBlock, ClosedBlock: r.ClosedBlock, Commitments: r.Commitments,
			CommitmentsRoot: r.CommitmentsRoot, ScoresHash: r.ScoresHash, Committers: committers, Samples: samples,
			AggregateHash: r.Result.AggregateHash, ModelHash: r.Result.ModelHash,
			Accuracy: r.Result.Accuracy, AUC: r.Result.AUC, Loss: r.Result.Loss, Aggregated: r.Result.Participants,
			EpsilonSpent: r.EpsilonSpent,
		})
	}
	if s.Privacy != (contracts.PrivacyBudget{}) {
		rep.Privacy = &Privacy{Epsilon: s.Privacy.Epsilon, Delta: s.Privacy.Delta, Spent: s.EpsilonSpent}
	}
	strikes, err := ledger.Strikes(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reading strikes: %w", err)
	}
	for _, k := range strikes {
		rep.Strikes = append(rep.Strikes, StrikeReport{Member: k.Member, Round: k.Round, Reason: k.Reason.String(), Evidence: k.Evidence, Strikes: k.Strikes, Block: k.Block})
	}
	return rep, nil
}

// Status names where a study stands, as `cohort study show` and the
// dashboard say it.
func Status(s contracts.Study) string {
	switch {
	case s.Completed:
		return "completed"
	case s.RoundOpen:
		return fmt.Sprintf("round %d open", s.CurrentRound)
	case s.PublicKeyHash == (common.Hash{}):
		return "enrolling"
	case s.CurrentRound == 0:
		return "keyed, no round yet"
	default:
		return fmt.Sprintf("between rounds (%d of %d run)", s.CurrentRound, s.Rounds)
	}
}

// Privacy is a study's differential-privacy budget as the chain records
// it, and the ε its rounds have spent.
type Privacy struct {
	Epsilon float64 `json:"epsilon_budget"`
	Delta   float64 `json:"delta"`
	Spent   float64 `json:"epsilon_spent"`
}

// Left describes a leave, or a proposal to exclude a participant, just
// signed (what `cohort study leave --json` prints).
type Left struct {
	StudyID uint64         `json:"study_id"`
	Member  common.Address `json:"member"`
	By      common.Address `json:"by"`
	// Proposal is the id of the member vote By proposed to exclude Member;
	// 0 for a member's own leave.
	Proposal uint64 `json:"proposal,omitempty"`
	// Pending is true while that vote has not carried: Member is still a
	// participant until enough members vote for it (`cohort member vote`).
	Pending bool        `json:"pending,omitempty"`
	TxHash  common.Hash `json:"tx_hash"`
	Block   uint64      `json:"block"`
	GasUsed uint64      `json:"gas_used"`
}

// LeavePoll is how often `cohort study leave --wait` reads the chain while
// a round is open: well within the coordinator's enrolment window.
const LeavePoll = 500 * time.Millisecond

// leaveNotePolls is how many polls `study leave --wait` lets pass between
// two lines saying it is still waiting (10 s at LeavePoll).
const leaveNotePolls = 20

// LeaveBetweenRounds leaves as Leave does; while a round is open it
// waits up to wait, reading the chain every poll, and leaves in the gap
// after the round closes. It reports the wait on progress.
func LeaveBetweenRounds(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, id uint64, member common.Address, wait, poll time.Duration, progress io.Writer) (*Left, error) {
	deadline := time.Now().Add(wait)
	waiting, waitingFor, polls := false, uint32(0), 0
	for {
		s, err := ledger.Study(ctx, id)
		if err != nil {
			return nil, err
		}
		if !s.RoundOpen || !time.Now().Before(deadline) {
			res, err := Leave(ctx, ledger, account, id, member)
			if !errors.Is(err, contracts.ErrRoundStillOpen) || !time.Now().Before(deadline) {
				return res, err
			}
			// The next round opened first: wait for it to close.
		}
		polls++
		switch {
		case !waiting:
			fmt.Fprintf(progress, "round %d of study %d is open; waiting up to %s for it to close\n", s.CurrentRound, id, wait)
			waiting, polls = true, 0
		case s.CurrentRound != waitingFor:
			fmt.Fprintf(progress, "round %d opened before the leave landed; waiting for it to close\n", s.CurrentRound)
			polls = 0
		case polls >= leaveNotePolls:
			fmt.Fprintf(progress, "still waiting: round %d of study %d is open, %s of the wait left\n",
				s.CurrentRound, id, time.Until(deadline).Round(time.Second))
			polls = 0
		}
		waitingFor = s.CurrentRound
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for round %d to close: %w", s.CurrentRound, ctx.Err())
		case <-time.After(poll):
		}
	}
}

// Leave signs account's leave from the study, or, if member is set, the
// consortium member account's proposal to exclude member from it, with its
// vote: only a member vote removes a participant (the coordinator cannot,
// or it could force committee draws until one suited it). With a quorum of
// one vote the exclusion happens at once; otherwise Pending says so.
func Leave(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, id uint64, member common.Address) (*Left, error) {
	if member == (common.Address{}) || member == account.Address() {
		r, err := ledger.LeaveStudy(ctx, account, id)
		if err != nil {
			return nil, err
		}
		return &Left{StudyID: id, Member: account.Address(), By: account.Address(), TxHash: r.TxHash, Block: r.Block, GasUsed: r.GasUsed}, nil
	}
	pid, r, err := ledger.ProposeExclusion(ctx, account, id, member)
	if err != nil {
		return nil, err
	}
	p, err := ledger.Participant(ctx, id, member)
	if err != nil {
		return nil, err
	}
	return &Left{StudyID: id, Member: member, By: account.Address(), Proposal: pid, Pending: !p.Removed, TxHash: r.TxHash, Block: r.Block, GasUsed: r.GasUsed}, nil
}
