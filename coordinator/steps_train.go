package coordinator

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// trainStep is the train phase of a round: the round opens on chain with
// the global model, the members in good standing train, commit their
// update's hash on chain and upload it; an upload counts only if it is the
// content its sender committed to and is encrypted under the study's key
// for this round and sender.
type trainStep struct {
	*phase
	study     uint64
	task      *cohortv1.TrainTask
	maxBytes  int64
	numParams int
	sum       summer
}

// newTrainStep makes round task.Round's train phase for the active
// members: uploads above maxBytes are refused, and each must hold
// numParams values.
func newTrainStep(study uint64, task *cohortv1.TrainTask, active []common.Address, maxBytes int64, numParams int, sum summer) *trainStep {
	return &trainStep{phase: newPhase(protocol.Train, task.GetRound(), active), study: study, task: task, maxBytes: maxBytes, numParams: numParams, sum: sum}
}

// open opens the round on chain (not when resuming a round the chain has
// open), then asks every member that has not uploaded yet.
func (s *trainStep) open(resume bool) ready {
	var rd ready
	if !resume {
		rd.chain = []chainWrite{{openRound: &roundOpening{round: s.round, globalModel: common.BytesToHash(s.task.GetGlobalModelHash())}}}
	}
	return rd.merge(s.ask(s.pending(), &cohortv1.Task{Kind: &cohortv1.Task_Train{Train: s.task}}))
}

// recover records the updates of a resumed round that were committed on
// chain and are whole in the store (uploaded maps each sender to its
// committed hash); the others are asked for again by open.
func (s *trainStep) recover(uploaded map[common.Address]common.Hash) (ready, error) {
	var rd ready
	for _, a := range sortedAddresses(keys(setOf(uploaded))) {
		done, err := s.add(a, uploaded[a].Bytes())
		if err != nil {
			return rd, err
		}
		rd.complete = done.complete
	}
	return rd, nil
}

// header checks an upload's header before its bytes are read and returns
// its sender and content hash.
func (s *trainStep) header(h *cohortv1.UpdateHeader) (common.Address, common.Hash, error) {
	if h.GetStudyId() != s.study {
		return common.Address{}, common.Hash{}, fmt.Errorf("%w: upload for study %d", ErrWrongPhase, h.GetStudyId())
	}
	if len(h.GetContentHash()) != common.HashLength {
		return common.Address{}, common.Hash{}, fmt.Errorf("%w: content hash is %d bytes, want %d", ErrMalformed, len(h.GetContentHash()), common.HashLength)
	}
	want := common.BytesToHash(h.GetContentHash())
	addr, err := auth.Verify(h.GetAuth(), s.study, h.GetRound(), auth.KindUpdate, want)
	if err != nil {
		return common.Address{}, common.Hash{}, err
	}
	if h.GetSize() == 0 || int64(h.GetSize()) > s.maxBytes {
		return common.Address{}, common.Hash{}, fmt.Errorf("%w: update of %d bytes; the limit is %d bytes", ErrTooLarge, h.GetSize(), s.maxBytes)
	}
	if err := s.checkRound(h.GetRound()); err != nil {
		return common.Address{}, common.Hash{}, err
	}
	if !s.want[addr] {
		return common.Address{}, common.Hash{}, fmt.Errorf("%w: %s is not asked for a %s in round %d", ErrNotParticipant, addr.Hex(), s.kind, s.round)
	}
	return addr, want, nil
}

// committed checks the chain fact that addr committed committed (zero if
// nothing) for this round against the upload's content hash want.
func (s *trainStep) committed(addr common.Address, want, committed common.Hash) error {
	if committed == (common.Hash{}) {
		return fmt.Errorf("%w: %s made no commitment for round %d; commit on chain before uploading", ErrWrongPhase, addr.Hex(), s.round)
	}
	if committed != want {
		return fmt.Errorf("%w: %s committed %s for round %d but uploads %s; commit on chain before uploading",
			ErrCommitmentMismatch, addr.Hex(), committed.Hex(), s.round, want.Hex())
	}
	return nil
}

// check checks a whole upload from addr (its bytes already hashed to the
// content hash its header and the chain name, by Store.Receive): an update
// of the study's parameters, encrypted under keyHash for this round and
// sender.
func (s *trainStep) check(addr common.Address, keyHash common.Hash, data []byte) error {
	binding := updateBinding{keyHash: keyHash, context: aggregation.TrainContext(s.study, s.round), dealer: aggregation.DealerID(s.study, addr.Bytes())}
	return s.sum.validateUpdate(data, binding, s.numParams)
}

// received records addr's upload of content want, checked and stored.
func (s *trainStep) received(addr common.Address, want common.Hash) ready {
	return ready{record: &answer{from: addr, data: want.Bytes()}}
}

// sampleWeights are the aggregate's weights from the contributors'
// committed sample counts: each count over the total.
func sampleWeights(counts []float64) ([]float64, error) {
	var total float64
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return nil, fmt.Errorf("%w: contributors committed 0 samples in total", ErrStalled)
	}
	out := make([]float64, len(counts))
	for i, n := range counts {
		out[i] = n / total
	}
	return out, nil
}

func setOf[V any](m map[common.Address]V) map[common.Address]bool {
	out := make(map[common.Address]bool, len(m))
	for a := range m {
		out[a] = true
	}
	return out
}

// resumeFrom says where a study resumes, from the chain's record of its
// last round (current; whether it is open; its global model and, once
// closed, its result model): a closed round r resumes at r+1 from its
// result; an open round resumes itself, from its global model, with the
// updates already uploaded; at round 0 the study starts at round 1 from
// the initial model (from is zero).
func resumeFrom(current uint32, open bool, global, result common.Hash) (first uint32, resume bool, from common.Hash) {
	switch {
	case current == 0:
		return 1, false, common.Hash{}
	case open:
		return current, true, global
	default:
		return current + 1, false, result
	}
}
