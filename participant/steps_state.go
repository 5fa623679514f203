package participant

import (
	"crypto/ecdsa"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// steps is this node's side of the protocol with no I/O in it, the way
// etcd's raft hands back Ready: each phase is a method that takes the
// coordinator's task and the chain facts and blobs it needs, read
// beforehand by the driver (Participant) and passed as values, and returns
// a ready (what to keep on disk, what to send) or a refusal saying what did
// not match. It holds the node's protocol state: its key shares (in the
// sealer), its Shamir point, the threshold share in force and a re-sharing's
// pending one, the collective public key it checked, its part in the
// moments phase and the pooled standardiser it agreed on. Signing with the
// node's Ethereum key and the homomorphic maths happen here; gRPC, the
// chain, the keystore, the data directory and the clock do not.
//
// steps is not safe for concurrent use: the driver runs one task at a time.
type steps struct {
	name     string // the hospital's name, for error messages
	studyID  uint64
	self     common.Address // this node's Ethereum address
	key      *ecdsa.PrivateKey
	sealer   sealer
	spec     models.Spec // the study's model, to recompute a robust round's reference update
	model    *models.Model
	training models.TrainConfig // local training, privacy included
	attack   Attack             // this node's misbehaviour, for evaluations only; zero is honest

	policy *aggregation.RobustPolicy // the study's robust policy, to re-derive trust weights
	// requireCrossCheck refuses a decrypt task of a single decryption set
	// (Config.RequireCrossCheck).
	requireCrossCheck bool
	pubKey            []byte // collective public key, checked against the chain
	pkHash            common.Hash
	point             uint64 // this site's Shamir point, once threshold key generation ran
	// shareEpoch and shareSet identify the re-sharing the threshold share
	// in force came from (0 and zero: key generation); pending is a
	// re-sharing's share not yet committed.
	shareEpoch uint32
	shareSet   common.Hash
	pending    *pendingShare
	// shareSelection is the decryption committee selection (its epoch on
	// chain) the threshold share in force was made for: a commit handing
	// the keys to an earlier one is a replay (see retireShare). 0 without
	// a committee, or unknown (a keystore of an earlier release).
	shareSelection uint32
	// reshareIn gathers the share pieces a re-sharing relays over several
	// tasks; pieceBytes is the size this site cuts its own sealed shares
	// into, and expects dealers to cut theirs into when it bounds their
	// piece counts (0: protocol.ResharePieceBytes; other sizes in tests).
	reshareIn  *reshareInbox
	pieceBytes int

	standardisation records.Standardisation // resolved from the config
	scales          []float64               // the moments encoding's per-feature magnitudes (pooled standardisation)
	groups          [][]int                 // the one-hot groups the pooled standardiser whitens (Config.StandardiserGroups)
	moments         *momentsRun             // this node's part in the current moments phase
	agreed          *agreed                 // the pooled standardiser, once checked and kept
	// sealedRuns are the moments runs (sessions) this node encrypted in:
	// one that comes back once another started is refused, not counted
	// afresh, since its context must not encrypt other moments.
	sealedRuns map[string]bool
	// decrypted is the one aggregate per round this holder gave a
	// decryption share of (unless each update is differentially private
	// by itself): two aggregates of one round over different contributors
	// would give away their difference, a single update.
	decrypted map[uint32]common.Hash
	// scored is the one projection seed per round this holder gave score
	// shares under: each seed draws new projections of the same updates.
	scored map[uint32]common.Hash
	// setsGiven are, per aggregate (by its record's name, kind and hash),
	// the distinct decryption sets holding this holder's point it gave
	// shares of it for: at most maxSetsPerAggregate, each other set being
	// one more smudged sample of its share (kept in setsGivenDir).
	setsGiven map[string][][]uint64
	// setsBound, if positive, lowers maxSetsPerAggregate (a test's
	// Config.DecryptionSetsBound).
	setsBound int
	// endorsed is the scores hash per round this node endorsed when asked
	// by an EndorseTask: it endorses once per round.
	endorsed map[uint32]common.Hash
	// checkScope is what this holder gave dealing-check shares of its
	// threshold share for (nil once it aggregates new shares; a
	// committed re-sharing's share keeps the scope it was checked for):
	// one seed, one set of dealers and the parts a bisection of them
	// asks, one list of sets; every other answer is one more smudged
	// sample of its share. Kept in the keystore with the share
	// (dealingScopeRecord), so a restart does not reset it.
	checkScope *dealingScope
	// refs are the scoring references recomputed last (scoringReferences):
	// a cache of what the step derives from its inputs, not a decision,
	// so a refused task may leave it set. The driver drops it with the
	// round's updates (forgetRound).
	refs *roundRefs
}

// ready is what a step decided, for the driver to carry out in this order:
// write keep to the keystore and files to the data directory, then send
// send to the coordinator. A step that refuses a task returns an error and
// changes no state.
type ready struct {
	keep  []secretWrite
	files []fileWrite
	send  proto.Message   // a submission to the coordinator; nil sends nothing
	more  []proto.Message // further submissions, sent after send in order (a re-sharing's pieces)
	// commit is an update commitment to write on chain after the files and
	// before upload, the sealed update it commits, is sent (train only).
	commit *contracts.Commitment
	upload []byte
	// endorsed are recorded flags whose endorsement send carries (decrypt,
	// endorse): the driver watches that the chain strikes them, and
	// endorses them on chain itself if the coordinator does not. files
	// holds their record for a restart.
	endorsed *endorsedFlags
}

// fileWrite is a file of the data directory (DataDir/dir/name), written
// atomically; without a data directory nothing is written.
type fileWrite struct {
	dir, name string
	data      []byte
}

// secretWrite is one keystore change: value replaces the entry name, or a
// nil value deletes it. A step lists them in the order a crash must see
// them happen.
type secretWrite struct {
	name  string
	value []byte
}

// checkStudy refuses a task for another study than this node's: a
// coordinator that serves several studies must not have one study's keys
// used for another's.
func (s *steps) checkStudy(kind string, study uint64) error {
	if study != s.studyID {
		return fmt.Errorf("%w: %s task for study %d, this node serves study %d", ErrChainMismatch, kind, study, s.studyID)
	}
	return nil
}

// Names of this node's secrets in its keystore, per study.
func (s *steps) secretName() string {
	return fmt.Sprintf("study-%d-ckks-secret-share", s.studyID)
}
func (s *steps) thresholdName() string {
	return fmt.Sprintf("study-%d-ckks-threshold-share", s.studyID)
}
func (s *steps) pendingName() string {
	return fmt.Sprintf("study-%d-ckks-threshold-share-pending", s.studyID)
}
func (s *steps) dealingSeedName() string {
	return fmt.Sprintf("study-%d-ckks-dealing-check-seed", s.studyID)
}
func (s *steps) pendingEpochName() string {
	return fmt.Sprintf("study-%d-ckks-threshold-pending-epoch", s.studyID)
}
func (s *steps) epochName() string {
	return fmt.Sprintf("study-%d-ckks-threshold-epoch", s.studyID)
}

// secretsToKeep lists the key shares the sealer holds now, for the
// keystore: the additive secret share and, once made, the threshold share.
func (s *steps) secretsToKeep() ([]secretWrite, error) {
	secret, threshold, err := s.sealer.export()
	if err != nil {
		return nil, err
	}
	var keep []secretWrite
	if secret != nil {
		keep = append(keep, secretWrite{s.secretName(), secret})
	}
	if threshold != nil {
		keep = append(keep, secretWrite{s.thresholdName(), threshold})
	}
	return keep, nil
}
