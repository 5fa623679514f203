package simulation

import (
	"context"
	"log/slog"
	"time"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// Config describes a whole study run in one process through the real
// interfaces: an embedded chain, a TLS gRPC server on loopback, and one
// participant per hospital with its own key, key share, client and records.
// The zero value of every optional field is the default named beside it.
type Config struct {
	// Hospitals is the number of hospitals and Rounds the number of training
	// rounds (both at least 1; a Recipe sets Rounds).
	Hospitals int
	Rounds    int
	// Seed seeds the synthetic cohorts, the initial model and local training.
	Seed int64
	// DataDir is where the coordinator and the hospitals keep their state.
	DataDir string
	// Log receives every party's protocol log (default: discarded).
	Log *slog.Logger
	// Plaintext switches encryption off; tests use it to show encryption
	// costs no accuracy.
	Plaintext bool
	// Progress is called after each round with its combined figures.
	Progress func(RoundFigures)
	// Sites, if set, are the hospitals' records (one site per hospital);
	// otherwise synthetic cohorts are generated from Seed.
	Sites []records.Site
	// Recipe, if set, is the study's recipe: it sets Spec, Train,
	// ServerOptimizer, Rounds and Standardise, and its hash is the study's
	// on chain. Every hospital checks its own recipe (HospitalRecipes[i],
	// else Recipe) against the chain before its node starts.
	Recipe          *models.Recipe
	HospitalRecipes map[int]models.Recipe
	// Spec, if set, is the model to train; otherwise logistic regression.
	Spec *models.Spec
	// Train, if set, is the local training configuration (its seed is
	// offset per hospital); otherwise models.DefaultTrainConfig.
	Train *models.TrainConfig
	// Threshold and MinParticipants override the study's decryption
	// threshold (default DefaultThreshold) and minimum contributors per round
	// (default n; with Robust, the threshold).
	Threshold, MinParticipants int
	// PhaseTimeout overrides how long the coordinator waits for stragglers,
	// and AbsentGrace how long for a hospital that is not connected
	// (coordinator.Config.AbsentGrace).
	PhaseTimeout, AbsentGrace time.Duration
	// ConsentWait overrides how long the coordinator waits for hospitals
	// that decline the moments phase as having no consented training
	// record (coordinator.Config.ConsentWait).
	ConsentWait time.Duration
	// TamperAggregate makes the coordinator hostile (coordinator.Config's
	// fault injection): it alters each round's aggregate.
	TamperAggregate func(round uint32, aggregate []byte) ([]byte, error)
	// TamperModel makes the coordinator publish another model than the
	// one it decrypted (coordinator.Config's fault injection).
	TamperModel func(round uint32, model []float64) []float64
	// TamperScores makes the coordinator record another score table than
	// the one it decrypted (coordinator.Config's fault injection).
	TamperScores func(round uint32, scores []contracts.Score) []contracts.Score
	// SkipStrikes makes the coordinator record the flags but never confirm
	// their strikes on chain, as one colluding with a flagged hospital
	// would (coordinator.Config's fault injection).
	SkipStrikes bool
	// SplitDecryption makes the coordinator hostile (coordinator.Config's
	// fault injection): it asks a second group of holders for the
	// aggregate of another list of each round's contributors.
	SplitDecryption *coordinator.SplitDecryption
	// ResampleDecryption makes the coordinator hostile (coordinator.Config's
	// fault injection): it asks the holders for each round's aggregate
	// again under other active sets.
	ResampleDecryption *coordinator.ResampleDecryption
	// CommitEach makes hospitals commit their updates on chain one by one
	// (coordinator.Config.CommitEach); by default the coordinator records
	// each round's signed commitments in batches.
	CommitEach bool
	// TamperCommitments makes the coordinator hostile (coordinator.Config's
	// fault injection): it drops, alters or replays signed commitments.
	TamperCommitments func(round uint32, batch []contracts.SignedCommitment) []contracts.SignedCommitment
	// DropAfter makes hospital i (by index) stop for good once it has
	// uploaded its update of round DropAfter[i]: a site that dies mid-round.
	DropAfter map[int]uint32
	// RestartParticipantAfter kills hospital i (by index) right after its
	// upload of round RestartParticipantAfter[i] and starts it again from its
	// data directory and encrypted keystore: a hospital node restarted.
	RestartParticipantAfter map[int]uint32
	// RestartCoordinatorIn kills the coordinator once the first hospital has
	// uploaded its update of that round, and starts a new one on the same
	// address, chain and store: a coordinator restarted mid-round.
	RestartCoordinatorIn uint32
	// CoordinatorDiskLost starts the coordinator that RestartCoordinatorIn
	// (or RestartCoordinatorInReshare, or the live handle) restarts on an
	// empty data directory: its disk died.
	CoordinatorDiskLost bool
	// AbandonRoundIn stalls that round and has it abandoned, as the
	// coordinator's operator does: the coordinator is killed once the
	// first hospital has uploaded its update of the round (as with
	// RestartCoordinatorIn), the chain's clock is moved past the round's
	// deadline, the round is abandoned with the coordinator's key
	// (contracts.Ledger.AbandonRound, the transaction `cohort study
	// abandon-round` sends) and a new coordinator starts on the same
	// address, chain and store. The hospitals' nodes run on throughout.
	AbandonRoundIn uint32
	// CrashBeforeKeepingOptimizerIn stops the coordinator once that round
	// has closed on chain and before it keeps its server optimiser's state
	// (coordinator.Config.CrashBeforeKeepingOptimizer), and starts a new
	// one on the same address, chain and store, as RestartCoordinatorIn
	// does: a crash that leaves the store one state behind the chain.
	CrashBeforeKeepingOptimizerIn uint32
	// RestartCoordinatorInReshare kills the coordinator in the middle of
	// the re-sharing before that round (once a new holder keeps its new
	// share pending) and starts a new one, as RestartCoordinatorIn does.
	RestartCoordinatorInReshare uint32
	// RestartCoordinatorAfterShares, if set, is called in the
	// coordinator's goroutine each time an active set of share holders has
	// given all the decryption shares asked of it (coordinator
	// MsgSharesGiven), with the round (0: the moments sum), what was
	// decrypted ("decrypt", "score", "moments") and the set's points:
	// true kills the coordinator there, before it uses them, and starts a
	// new one on the same address, chain and store, as RestartCoordinatorIn
	// does. With Live it may stop and start hospitals' nodes meanwhile.
	RestartCoordinatorAfterShares func(round uint32, aggregate string, points []uint64) bool
	// HolderSetsBound, if positive, lowers every holder's bound on the
	// distinct decryption sets it gives shares of one aggregate for
	// (participant.Config.DecryptionSetsBound), so that a test reaches it
	// with few sets.
	HolderSetsBound int
	// OnCoordinatorError, if set, is called when the coordinator stops the
	// study with an error, as its operator reads it: true starts a new
	// coordinator on the same address, chain and store, as the operator
	// does after acting on the error (with ExcludeHospital, say); false
	// ends the study with the error. The hospitals' nodes retry through
	// the stop, as with Live.
	OnCoordinatorError func(ctx context.Context, s *Study, err error) bool
	// Robust turns on encrypted robust scoring: the researcher's root data
	// set (Root, or for synthetic cohorts an extra synthetic site) scores
	// every update, trust weights replace sample weights, flags go on chain.
	Robust bool
	Root   []records.Record
	// Attacks makes hospital i (by index) an attacker.
	Attacks map[int]participant.Attack
	// StrikeLimit is the study's strike limit (default 3).
	StrikeLimit int
	// LocalConsent reads consent from the synthetic cohorts' own flags
	// instead of relaying every patient's grant on chain first (≈3 ms a
	// grant): for tests about something else.
	LocalConsent bool
	// ServerOptimizer, if set, replaces FedAvg at the coordinator.
	ServerOptimizer *aggregation.FedOptConfig
	// JoinBeforeRound makes hospital i (by index) join the running study
	// on chain, and start its node, after round JoinBeforeRound[i]-1 closed
	// and before round JoinBeforeRound[i] opens; the coordinator re-shares
	// the threshold key to include it. Key generation waits for the others.
	JoinBeforeRound map[int]uint32
	// ConnectBeforeRound starts the node of hospital i, which joined on
	// chain before round JoinBeforeRound[i], only before round
	// ConnectBeforeRound[i]: a member not connected when the re-sharing
	// before its first round ran.
	ConnectBeforeRound map[int]uint32
	// LeaveBeforeRound makes hospital i sign its on-chain leave, and stop
	// its node, before round LeaveBeforeRound[i] opens; the coordinator
	// re-shares the key without it. Before round 1: once the coordinator
	// has the threshold key dealt and checked
	// (coordinator.MsgThresholdKeyReady).
	LeaveBeforeRound map[int]uint32
	// RestartCoordinatorBeforeRoundOne kills the coordinator right after
	// the leaves before round 1 (LeaveBeforeRound,
	// CommitteeLeaveBeforeRound) and starts a new one on
	// the same address, chain and store, as RestartCoordinatorIn does.
	RestartCoordinatorBeforeRoundOne bool
	// RejoinBeforeRound makes hospital i, which left (LeaveBeforeRound),
	// sign its join again on chain and start a new node before round
	// RejoinBeforeRound[i] opens: a node restarted with its data directory
	// (keystore included) or, with RejoinFreshDataDir, reinstalled with an
	// empty one. A hospital a vote removed (ExcludeHospital) is first
	// voted back in (a reinstatement vote), which the chain requires.
	RejoinBeforeRound map[int]uint32
	// RejoinFreshDataDir empties a rejoining hospital's data directory
	// before its new node starts: its key share is lost.
	RejoinFreshDataDir bool
	// CommitteeSize gives the study a decryption committee of that many
	// hospitals, selected on chain (0: every hospital holds key shares);
	// CommitteeRotation selects a new one every that many rounds.
	CommitteeSize, CommitteeRotation int
	// CommitteeLeaveBeforeRound makes the first hospital (by index) that
	// sits on the chain's committee leave the study, and stop its node,
	// before that round opens: the chain selects a new committee and the
	// keys are re-shared to it. Before round 1: once the coordinator has
	// the threshold key dealt and checked, as LeaveBeforeRound.
	CommitteeLeaveBeforeRound uint32
	// CommitteeLeaveAsRoundOpens makes the first hospital (by index) that
	// sits on the chain's committee leave the study, and stop its node, as
	// the coordinator opens that round (coordinator.MsgOpeningRound): after
	// it checked the committee and handed the keys over, before the round
	// opens on chain, where a strike confirmed by endorsers can land too.
	CommitteeLeaveAsRoundOpens uint32
	// CommitteeLeavesAsRoundOpens is how many of the coordinator's openings
	// of round CommitteeLeaveAsRoundOpens lose a committee member so (0: the
	// first only).
	CommitteeLeavesAsRoundOpens int
	// CommitteeLeavesInHandOver is how many of the coordinator's hand-overs
	// of the keys to a newly selected committee (coordinator.MsgHandingOver)
	// lose a member of that committee as they start, as
	// CommitteeLeaveAsRoundOpens does: the hospitals refuse to hand the
	// keys to a committee that is no longer current. The leaver is one on
	// no earlier committee, which holds no share of the keys (a hand-over
	// to a committee with none loses nobody): an old holder leaving too
	// could leave fewer than t to hand the keys over.
	CommitteeLeavesInHandOver int
	// HoldersLeaveInHandOver is how many holders of the keys (members of
	// the previous committee still in the study) leave, and stop their
	// nodes, as the coordinator starts handing the keys over to a newly
	// selected committee (coordinator.MsgHandingOver): one per hand-over,
	// so that fewer than t may be left to deal.
	HoldersLeaveInHandOver int
	// CommitteeLeavesOnReselection is how many committees selected again
	// (not the first, before key generation) lose a member holding no
	// share of the keys as the coordinator logs their selection
	// (coordinator.MsgCommitteeSelected): before it waits for the members
	// to connect for the hand-over.
	CommitteeLeavesOnReselection int
	// Keystores keeps every hospital's key shares in an encrypted keystore
	// (light scrypt) in its data directory, as a production node does.
	Keystores bool
	// Live lets the caller stop and restart the coordinator and the
	// hospitals' nodes while the study runs (Study.RestartCoordinator,
	// StopHospital, StartHospital): every hospital keeps its key shares in
	// a keystore, as with Keystores, and its node retries through a
	// coordinator that vanishes instead of failing the study.
	Live bool
	// OwnNodes makes hospital i (by index) read the chain through an
	// Ethereum node of its own, which Study.HoldBehind can hold behind the
	// coordinator's chain (a node out of sync); ChainCatchUp is how long
	// every node waits for a task's block (participant.Config.ChainCatchUp).
	OwnNodes     map[int]bool
	ChainCatchUp time.Duration
	// Standardise is the study's feature standardisation (empty: none, the
	// sites are used as given). With records.StandardisePooled the sites hold
	// raw features and the coordinator and hospitals run the moments phase
	// before round 1, encoding moments with Scales (one per feature).
	Standardise records.Standardisation
	Scales      []float64
	// StandardiserGroups are the one-hot groups the pooled standardiser
	// whitens (the schema's, when the recipe preconditions them:
	// models.Recipe.StandardiserGroups), given to the coordinator and
	// every hospital.
	StandardiserGroups [][]int
	// LateConsent holds back the consent grants of hospital i (by index)
	// until the coordinator has said LateConsent[i] times that the moments
	// phase waits for hospitals without consented records
	// (coordinator.MsgAwaitingConsent): its patients grant while the study
	// waits for them. Its node declines the tasks it cannot do until then
	// instead of stopping. Needs consent on chain and pooled
	// standardisation.
	LateConsent map[int]int
	// ConsentReady, if set, is called once the synthetic patients' consent
	// grants are on chain, before key generation and round 1.
	ConsentReady func(ConsentFigures)
	// OnStart, if set, is called once the study is on chain, before its
	// consent, keys and rounds: a live view starts there. What it may read
	// of the study while it runs: Ledger, StudyID, Sites, Hospitals, the
	// coordinator's store (StoreDir) and Rounds.
	OnStart func(*Study) error
}

// SyntheticConfig is the synthetic cohorts' configuration a study of cfg
// generates when it is given no sites.
func SyntheticConfig(cfg Config) records.SyntheticConfig {
	sc := records.DefaultSyntheticConfig()
	sc.Sites, sc.Seed = cfg.Hospitals, cfg.Seed
	return sc
}

// trainConfig is hospital i's local training configuration.
func trainConfig(cfg Config, i int64) models.TrainConfig {
	tc := models.DefaultTrainConfig()
	if cfg.Train != nil {
		tc = *cfg.Train
	}
	tc.Seed = cfg.Seed + i
	return tc
}

// DefaultThreshold is a study's decryption threshold when Config leaves it
// unset: ⌈2h/3⌉ of its h key-share holders, the committee's size if it
// has one (committee > 0), else every one of its hospitals.
func DefaultThreshold(hospitals, committee int) int {
	holders := hospitals
	if committee > 0 {
		holders = committee
	}
	return (2*holders + 2) / 3
}
