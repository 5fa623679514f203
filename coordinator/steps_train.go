package coordinator

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// trainStep is the train phase of a round: the round opens on chain with
// the global model, the members in good standing train and upload their
// update with its commitment (hash, sample count, consent root). In a
// batched round (task.CommitBy set) each signs its commitment and the
// coordinator records the round's in commitUpdates transactions once the
// uploads are in; otherwise each commits on chain before uploading. An
// upload counts only if it is the content its sender committed to (on
// chain, or signed) and is encrypted under the study's key for this round
// and sender, and its update is aggregated only if the chain then records
// that commitment.
type trainStep struct {
	*phase
	study     uint64
	task      *cohortv1.TrainTask
	maxBytes  int64
	numParams int
	sum       summer
	// domain is the EIP-712 domain batched commitments are signed for.
	domain contracts.CommitDomain
	// announced is the update each sender uploads this round (announce).
	announced map[common.Address]common.Hash
	// keyEpochs are the members' key epochs other than 0
	// (Coordinator.keyEpochs): an update names its sender's latest key.
	keyEpochs map[common.Address]uint32
}

// newTrainStep makes round task.Round's train phase for the active
// members: each upload must hold numParams values, and one announcing more
// bytes than such an update encodes to, or than maxBytes, is refused
// before its bytes are read. A batched round's commitments are signed for
// domain.
func newTrainStep(study uint64, task *cohortv1.TrainTask, active []common.Address, maxBytes int64, numParams int, sum summer, domain contracts.CommitDomain) *trainStep {
	if most := sum.maxUpdateSize(numParams); most > 0 {
		maxBytes = min(maxBytes, most)
	}
	return &trainStep{phase: newPhase(protocol.Train, task.GetRound(), active), study: study, task: task, maxBytes: maxBytes, numParams: numParams, sum: sum, domain: domain}
}

// batched says whether the round's commitments are signed for the
// coordinator to record in a batch.
func (s *trainStep) batched() bool { return s.task.GetCommitBy() != 0 }

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
		return common.Address{}, common.Hash{}, fmt.Errorf("%w: update of %d bytes; the limit is %d bytes (an update of the study's %d parameters encodes to at most %d, and the coordinator's max_update_bytes is the other bound)", ErrTooLarge, h.GetSize(), s.maxBytes, s.numParams, s.sum.maxUpdateSize(s.numParams))
	}
	if err := s.checkRound(h.GetRound()); err != nil {
		return common.Address{}, common.Hash{}, err
	}
	if !s.want[addr] {
		return common.Address{}, common.Hash{}, fmt.Errorf("%w: %s is not asked for a %s in round %d", ErrNotParticipant, addr.Hex(), s.kind, s.round)
	}
	return addr, want, nil
}

// committed checks an upload's commitment: the one its sender made on
// chain for this round (onChain, zero if none), or else, in a batched
// round, the one signed in its header (signed), which must be the
// sender's, for this study and round and the upload's content hash
// (want). It returns the signed commitment to record in the batch, or nil.
func (s *trainStep) committed(addr common.Address, want, onChain common.Hash, signed *cohortv1.SignedCommitment) (*contracts.SignedCommitment, error) {
	if onChain != (common.Hash{}) {
		if onChain != want {
			return nil, fmt.Errorf("%w: %s committed %s for round %d but uploads %s", ErrCommitmentMismatch, addr.Hex(), onChain.Hex(), s.round, want.Hex())
		}
		return nil, nil
	}
	if signed == nil || !s.batched() {
		return nil, fmt.Errorf("%w: %s made no commitment for round %d; commit on chain before uploading%s", ErrWrongPhase, addr.Hex(), s.round,
			map[bool]string{true: ", or sign one (contracts.SignCommitment) and send it with the upload", false: ""}[s.batched()])
	}
	if len(signed.GetConsentRoot()) != common.HashLength || signed.GetSampleCount() == 0 || len(signed.GetSignature()) != crypto.SignatureLength {
		return nil, fmt.Errorf("%w: a signed commitment needs a 32-byte consent root, a sample count and a 65-byte signature", ErrMalformed)
	}
	root := common.BytesToHash(signed.GetConsentRoot())
	if root == (common.Hash{}) {
		return nil, fmt.Errorf("%w: a signed commitment with a zero consent root", ErrMalformed)
	}
	sc := contracts.SignedCommitment{
		Member:     addr,
		Commitment: contracts.Commitment{CiphertextHash: want, Samples: signed.GetSampleCount(), ConsentRoot: root},
		Signature:  slices.Clone(signed.GetSignature()),
	}
	who, err := contracts.CommitSigner(s.domain, s.study, s.round, sc)
	if err != nil {
		return nil, fmt.Errorf("%w: %s's signed commitment: %w", ErrCommitmentMismatch, addr.Hex(), err)
	}
	if who != addr {
		return nil, fmt.Errorf("%w: the commitment %s sent for round %d is not its own for this content, study and round (it recovers %s)", ErrCommitmentMismatch, addr.Hex(), s.round, who.Hex())
	}
	return &sc, nil
}

// announce records want as addr's update for the round, once its
// commitment checked out, or refuses another one. A node uploads one update
// per round (it never encrypts two; a restart re-sends the one it kept),
// and an interrupted upload's bytes are kept for its resume under its
// hash: in a batched round a hospital signs commitments to any hashes it
// likes, and each upload it broke off would leave a partial blob of up to
// the update limit. The caller holds the coordinator's lock.
func (s *trainStep) announce(addr common.Address, want common.Hash) error {
	if first, ok := s.announced[addr]; ok && first != want {
		return fmt.Errorf("%w: %s uploads %s in round %d, after it started uploading %s; a node uploads one update per round",
			ErrCommitmentMismatch, addr.Hex(), want.Hex(), s.round, first.Hex())
	}
	if s.announced == nil {
		s.announced = make(map[common.Address]common.Hash)
	}
	s.announced[addr] = want
	return nil
}

// check checks a whole upload from addr (its bytes already hashed to the
// content hash its header and the chain name, by Store.Receive): an update
// of the study's parameters, encrypted under keyHash for this round and
// sender.
func (s *trainStep) check(addr common.Address, keyHash common.Hash, data []byte, decoded *aggregation.EncryptedVector) error {
	binding := updateBinding{keyHash: keyHash, context: aggregation.TrainContext(s.study, s.round), dealer: aggregation.DealerIDAt(s.study, addr.Bytes(), s.keyEpochs[addr])}
	return s.sum.validateUpdate(data, decoded, binding, s.numParams)
}

// received records addr's upload of content want, checked and stored,
// with its signed commitment if the chain does not record one yet.
func (s *trainStep) received(addr common.Address, want common.Hash, signed *contracts.SignedCommitment) ready {
	return ready{record: &answer{from: addr, data: encodeUpload(want, signed)}}
}

// An upload's answer is its content hash, followed in a batched round by
// its signed commitment's sample count (8 bytes), consent root and
// signature.
func encodeUpload(content common.Hash, signed *contracts.SignedCommitment) []byte {
	out := content.Bytes()
	if signed != nil {
		out = binary.BigEndian.AppendUint64(out, signed.Samples)
		out = append(out, signed.ConsentRoot.Bytes()...)
		out = append(out, signed.Signature...)
	}
	return out
}

func decodeUpload(from common.Address, data []byte) (common.Hash, *contracts.SignedCommitment) {
	content := common.BytesToHash(data[:common.HashLength])
	if len(data) != common.HashLength+8+common.HashLength+crypto.SignatureLength {
		return content, nil
	}
	rest := data[common.HashLength:]
	return content, &contracts.SignedCommitment{
		Member: from,
		Commitment: contracts.Commitment{
			CiphertextHash: content, Samples: binary.BigEndian.Uint64(rest[:8]), ConsentRoot: common.BytesToHash(rest[8 : 8+common.HashLength]),
		},
		Signature: slices.Clone(rest[8+common.HashLength:]),
	}
}

// toCommit returns the signed commitments of the uploads received that the
// chain does not record yet (onChain: the round's commitments on chain),
// in member order, in batches of at most contracts.MaxCommitBatch.
func (s *trainStep) toCommit(onChain map[common.Address]contracts.Commitment) [][]contracts.SignedCommitment {
	var all []contracts.SignedCommitment
	for _, a := range sortedAddresses(keys(setOf(s.got))) {
		if _, ok := onChain[a]; ok {
			continue
		}
		if _, signed := decodeUpload(a, s.got[a]); signed != nil {
			all = append(all, *signed)
		}
	}
	var out [][]contracts.SignedCommitment
	for len(all) > 0 {
		n := min(len(all), contracts.MaxCommitBatch)
		out, all = append(out, all[:n]), all[n:]
	}
	return out
}

// contributors returns, in the order given, the members whose upload is
// the content the chain records as their commitment (onChain), with
// their uploads' hashes and committed sample counts; left are those
// whose upload was received but whose commitment the chain does not
// record (or records for other content).
func (s *trainStep) contributors(order []common.Address, onChain map[common.Address]contracts.Commitment) (addrs []common.Address, hashes []common.Hash, counts []float64, left []common.Address) {
	for _, a := range order {
		data, ok := s.got[a]
		if !ok {
			continue
		}
		content, _ := decodeUpload(a, data)
		cm, ok := onChain[a]
		if !ok || cm.CiphertextHash != content {
			left = append(left, a)
			continue
		}
		addrs, hashes, counts = append(addrs, a), append(hashes, content), append(counts, float64(cm.Samples))
	}
	return addrs, hashes, counts, left
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
// the initial model (from is zero); an abandoned round r, which records
// no result, resumes at r+1 from the model it opened with.
func resumeFrom(current uint32, open bool, global, result common.Hash) (first uint32, resume bool, from common.Hash) {
	switch {
	case current == 0:
		return 1, false, common.Hash{}
	case open:
		return current, true, global
	case result == common.Hash{}:
		// Abandoned: no result model; the model it opened with stands.
		return current + 1, false, global
	default:
		return current + 1, false, result
	}
}
