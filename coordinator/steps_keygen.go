package coordinator

import (
	"fmt"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// keyGenStep is the keygen phase: every member sends a public-key share
// under a common reference string drawn from public data; the shares
// combine into the collective public key, whose hash goes on chain.
type keyGenStep struct {
	*phase
	study   uint64
	members []common.Address
	crs     [32]byte

	// signed keeps each public-key share's signature by the share's
	// hash: the dealing check's evidence (DealingEvidence) shows them.
	mu     sync.Mutex
	signed map[common.Hash][]byte
}

// newKeyGenStep makes the keygen phase of a study on the ledger at ledger,
// for the sorted members.
func newKeyGenStep(study uint64, ledger common.Address, members []common.Address) *keyGenStep {
	return &keyGenStep{phase: newPhase(protocol.KeyGen, 0, members), study: study, members: members, crs: protocol.KeyGenCRS(study, ledger, members), signed: map[common.Hash][]byte{}}
}

// start asks every member for its share.
func (s *keyGenStep) start() ready {
	task := &cohortv1.KeyGenTask{StudyId: s.study, CrsSeed: s.crs[:]}
	for _, m := range s.members {
		task.Participants = append(task.Participants, m.Bytes())
	}
	return s.ask(s.members, &cohortv1.Task{Kind: &cohortv1.Task_KeyGen{KeyGen: task}})
}

// receive checks a public-key share's signature and study.
func (s *keyGenStep) receive(req *cohortv1.PublicKeyShareSubmission) (ready, error) {
	addr, err := auth.Verify(req.GetAuth(), s.study, 0, auth.KindPublicKey, crypto.Keccak256Hash(req.GetShare()))
	if err != nil {
		return ready{}, err
	}
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	s.mu.Lock()
	s.signed[crypto.Keccak256Hash(req.GetShare())] = req.GetAuth().GetSignature()
	s.mu.Unlock()
	return ready{record: &answer{from: addr, data: req.GetShare()}}, nil
}

// signatureOf returns the signature a member sent with share.
func (s *keyGenStep) signatureOf(share []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signed[crypto.Keccak256Hash(share)]
}

// finish combines every share into the collective key: the driver stores
// it and records its hash on chain. It returns the key's hash.
func (s *keyGenStep) finish(sum summer) (ready, common.Hash, error) {
	from, shares := s.answers(s.members)
	if len(shares) != len(s.members) {
		return ready{}, common.Hash{}, fmt.Errorf("%w: %d of %d public-key shares", ErrStalled, len(shares), len(s.members))
	}
	pk, err := sum.publicKey(s.crs, s.study, from, shares)
	if err != nil {
		return ready{}, common.Hash{}, err
	}
	h := aggregation.ContentHash(pk)
	return ready{blobs: [][]byte{pk}, chain: []chainWrite{{publicKeyHash: &h}}}, h, nil
}

// readyForKeys tells whether key generation may start: at least want
// participants on chain and connected, and every participant the chain
// lists connected. Enough on chain matters too, not only connected: a
// hospital that joined and connected after the chain was read is among the
// connected but missing from that read of the participants.
func readyForKeys(want int, onChain []common.Address, connected map[common.Address]bool) bool {
	if len(connected) < want || len(onChain) < want {
		return false
	}
	for _, a := range onChain {
		if !connected[a] {
			return false
		}
	}
	return true
}
