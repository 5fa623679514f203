package coordinator

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// reshare is the plan of a re-sharing before a round: who stays, who
// leaves, who is new, and the share-holder set it commits to.
type reshare struct {
	study     uint64
	round     uint32
	threshold int
	old       map[common.Address]uint64 // current holders and their points
	staying   []common.Address          // sorted: the dealers are t of them
	leaving   []common.Address
	newcomers []common.Address
	holders   []holder    // the new set: stayers keep their points, newcomers get unused ones
	next      holderState // kept once the re-sharing commits (SetHash set by the dealers' step)
}

// planReshare plans the re-sharing before round r from the current holders
// (with their points, the threshold and the next unused point) to next,
// the members in good standing that are connected, whose Ethereum keys are
// in keys. It fails with ErrBelowThreshold if fewer than t would hold
// shares or fewer than t current holders stay to deal.
func planReshare(study uint64, r uint32, cur holderState, threshold int, next []common.Address, keys map[common.Address]*ecdsa.PublicKey) (*reshare, error) {
	if len(next) < threshold {
		return nil, fmt.Errorf("%w: before round %d, %d members could hold shares, the threshold is %d; members must join (or be reinstated) before the study can go on",
			ErrBelowThreshold, r, len(next), threshold)
	}
	p := &reshare{study: study, round: r, threshold: threshold, old: cur.Points}
	p.staying, p.leaving = splitHolders(cur.Points, func(a common.Address) bool { return slices.Contains(next, a) })
	if len(p.staying) < threshold {
		return nil, fmt.Errorf("%w: before round %d only %d current holders stay, the threshold is %d: the key cannot be re-shared", ErrBelowThreshold, r, len(p.staying), threshold)
	}
	p.next = holderState{Epoch: r, Points: make(map[common.Address]uint64, len(next)), NextPoint: cur.NextPoint}
	for _, a := range next {
		pub, ok := keys[a]
		if !ok {
			return nil, fmt.Errorf("%w: %s went away before the re-sharing before round %d", ErrStalled, a.Hex(), r)
		}
		pt, held := cur.Points[a]
		if !held {
			pt = p.next.NextPoint
			p.next.NextPoint++
			p.newcomers = append(p.newcomers, a)
		}
		p.next.Points[a] = pt
		p.holders = append(p.holders, holder{addr: a, point: pt, pub: pub})
	}
	return p, nil
}

// splitHolders sorts the current holders into those that may deal (stays)
// and the others, each list sorted.
func splitHolders(points map[common.Address]uint64, stays func(common.Address) bool) (staying, leaving []common.Address) {
	for a := range points {
		if stays(a) {
			staying = append(staying, a)
		} else {
			leaving = append(leaving, a)
		}
	}
	return sortedAddresses(staying), sortedAddresses(leaving)
}

func (p *reshare) recipients() map[common.Address]bool {
	out := make(map[common.Address]bool, len(p.holders))
	for _, h := range p.holders {
		out[h.addr] = true
	}
	return out
}

// reshareDealStep is the reshare-deal phase: t holders that stay (or, in a
// second round of it, the newcomers, dealing their own keys) deal shares to
// exactly the new holders, bound to the round and the set hash.
type reshareDealStep struct {
	*phase
	plan       *reshare
	setHash    common.Hash
	task       *cohortv1.ReshareTask
	recipients map[common.Address]bool
}

// dealers makes the step that asks the active dealers, current holders that
// stay, to re-share their threshold shares.
func (p *reshare) dealers(active []common.Address) *reshareDealStep {
	task := &cohortv1.ReshareTask{StudyId: p.study, Round: p.round, Threshold: uint32(p.threshold)}
	for _, a := range sortedAddresses(active) {
		task.Dealers = append(task.Dealers, &cohortv1.ShareHolder{Address: a.Bytes(), Point: p.old[a]})
	}
	for _, h := range p.holders {
		task.Holders = append(task.Holders, h.wire())
	}
	set := auth.ReshareSetHash(p.study, p.round, uint32(p.threshold), task.Dealers, task.Holders)
	task.SetHash = set.Bytes()
	return &reshareDealStep{phase: newActivePhase(protocol.ReshareDeal, p.round, active), plan: p, setHash: set, task: task, recipients: p.recipients()}
}

// newcomersDealing is the same dealing asked of the newcomers: their
// updates are encrypted under their own keys, which they deal too.
func (s *reshareDealStep) newcomersDealing() *reshareDealStep {
	return &reshareDealStep{phase: newPhase(protocol.ReshareDeal, s.round, s.plan.newcomers), plan: s.plan, setHash: s.setHash, task: s.task, recipients: s.recipients}
}

func (s *reshareDealStep) start() ready {
	return s.ask(sortedAddresses(keys(s.want)), &cohortv1.Task{Kind: &cohortv1.Task_Reshare{Reshare: s.task}})
}

// receive checks a dealing: one dealer's shares for this round and set, to
// exactly the new holders.
func (s *reshareDealStep) receive(req *cohortv1.ReshareSharesSubmission) (ready, error) {
	study := s.plan.study
	if req.GetStudyId() != study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	setHash := common.BytesToHash(req.GetSetHash())
	round := req.GetRound()
	dealer, recipients, err := dealtBy(req.GetShares(), func(to common.Address, sh *cohortv1.EncryptedShare) (common.Address, error) {
		return auth.Verify(sh.GetAuth(), study, round, auth.KindReshareShare, auth.ReshareContent(to, setHash, sh.GetCiphertext()))
	})
	if err != nil {
		return ready{}, err
	}
	if err := s.checkRound(round); err != nil {
		return ready{}, err
	}
	if setHash != s.setHash {
		return ready{}, fmt.Errorf("%w: shares for re-sharing %s, the current one is %s", ErrWrongPhase, setHash.Hex(), s.setHash.Hex())
	}
	if err := exactRecipients(recipients, s.recipients, "is not a new holder"); err != nil {
		return ready{}, err
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: dealer, data: raw}}, nil
}

// confirm makes the reshare-key phase from every dealing received (the
// dealers' and the newcomers'): each new holder gets the shares dealt to it.
func (s *reshareDealStep) confirm(dealings [][]byte) (*reshareKeyStep, error) {
	inbox, err := shareInbox(dealings, func(raw []byte) ([]*cohortv1.EncryptedShare, error) {
		var sub cohortv1.ReshareSharesSubmission
		err := proto.Unmarshal(raw, &sub)
		return sub.GetShares(), err
	})
	if err != nil {
		return nil, fmt.Errorf("coordinator: re-sharing shares: %w", err)
	}
	next := make([]common.Address, len(s.plan.holders))
	for i, h := range s.plan.holders {
		next[i] = h.addr
	}
	return &reshareKeyStep{phase: newPhase(protocol.ReshareKey, s.round, next), dealing: s, holders: next, inbox: inbox}, nil
}

// reshareKeyStep is the reshare-key phase: each new holder combines its
// shares into a pending share and confirms, signed over the set hash.
type reshareKeyStep struct {
	*phase
	dealing *reshareDealStep
	holders []common.Address
	inbox   map[common.Address][]*cohortv1.EncryptedShare
}

func (s *reshareKeyStep) start() ready {
	t := s.dealing.task
	var rd ready
	for _, a := range s.holders {
		rd = rd.merge(s.ask([]common.Address{a}, &cohortv1.Task{Kind: &cohortv1.Task_ReshareKey{ReshareKey: &cohortv1.ReshareKeyTask{
			StudyId: t.StudyId, Round: t.Round, Threshold: t.Threshold, Dealers: t.Dealers, Holders: t.Holders,
			SetHash: t.SetHash, Shares: s.inbox[a],
		}}}))
	}
	return rd
}

// receive checks a confirmation is for this re-sharing's round and set.
func (s *reshareKeyStep) receive(req *cohortv1.ReshareKeyConfirmation) (ready, error) {
	study := s.dealing.plan.study
	if req.GetStudyId() != study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	setHash := common.BytesToHash(req.GetSetHash())
	addr, err := auth.Verify(req.GetAuth(), study, req.GetRound(), auth.KindReshareKey, setHash)
	if err != nil {
		return ready{}, err
	}
	if setHash != s.dealing.setHash {
		return ready{}, fmt.Errorf("%w: confirmation of re-sharing %s, the current one is %s", ErrWrongPhase, setHash.Hex(), s.dealing.setHash.Hex())
	}
	if err := s.checkRound(req.GetRound()); err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr}}, nil
}

// commit makes the reshare-commit phase: the new set, less the holders that
// did not confirm (they hold no usable share and are asked again at a
// later round).
func (s *reshareKeyStep) commit() (*reshareCommitStep, []common.Address) {
	confirmed, _ := s.answers(s.holders)
	st := s.dealing.plan.next
	st.SetHash = s.dealing.setHash
	st.Points = make(map[common.Address]uint64, len(confirmed))
	var left []common.Address
	for _, a := range s.holders {
		if slices.Contains(confirmed, a) {
			st.Points[a] = s.dealing.plan.next.Points[a]
		} else {
			left = append(left, a)
		}
	}
	return &reshareCommitStep{phase: newPhase(protocol.ReshareCommit, s.round, nil), study: s.dealing.plan.study, set: st, confirmed: confirmed}, left
}

// reshareCommitStep is the reshare-commit phase: the coordinator keeps the
// new set, then tells its holders to replace their old shares. Nobody
// answers.
type reshareCommitStep struct {
	*phase
	study     uint64
	set       holderState
	confirmed []common.Address
}

// start keeps the new set and sends the commit to every holder in it.
func (s *reshareCommitStep) start() (ready, error) {
	raw, err := json.Marshal(s.set)
	if err != nil {
		return ready{}, err
	}
	rd := ready{state: []keptState{{name: holdersStateName, data: raw}}}
	for _, a := range s.confirmed {
		rd.send = append(rd.send, outgoing{to: a, task: commitTaskOf(s.study, s.set)})
	}
	return rd, nil
}

// commitTaskOf is the ReshareCommitTask of the re-sharing that made st, nil
// before the first.
func commitTaskOf(study uint64, st holderState) *cohortv1.Task {
	if st.Epoch == 0 {
		return nil
	}
	return &cohortv1.Task{Kind: &cohortv1.Task_ReshareCommit{ReshareCommit: &cohortv1.ReshareCommitTask{
		StudyId: study, Round: st.Epoch, SetHash: st.SetHash.Bytes(),
	}}}
}
