package coordinator

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// Sentinel errors that the gRPC handlers map to status codes.
var (
	ErrNotParticipant     = errors.New("coordinator: not a participant of this study")
	ErrDuplicate          = errors.New("coordinator: already received")
	ErrWrongPhase         = errors.New("coordinator: not expected now")
	ErrTooLarge           = errors.New("coordinator: message too large")
	ErrCommitmentMismatch = errors.New("coordinator: content does not match the on-chain commitment")
	ErrMalformed          = errors.New("coordinator: malformed message")
	ErrStalled            = errors.New("coordinator: round stalled")
)

// Config is the coordinator's raw configuration; New validates it.
type Config struct {
	StudyID        uint64        // the study on chain this coordinator drives
	Participants   int           // how many participants must join before key generation
	Rounds         int           // training rounds
	Spec           models.Spec   // the model the study trains
	InitSeed       int64         // seed of the initial global model
	PhaseTimeout   time.Duration // how long a phase waits for every participant
	RoundDuration  time.Duration // the on-chain deadline for commits, from the round's opening
	MaxUpdateBytes int64         // largest update upload accepted
	// AbsentGrace is how long a phase keeps waiting for participants that
	// went away: once every missing answer is from a participant that
	// disconnected at least this long ago, and enough answered, the phase
	// closes without waiting out PhaseTimeout (0: half of it). A node that
	// is down then costs a round this grace, not the whole timeout. One
	// this coordinator never saw connected is waited for up to the timeout.
	AbsentGrace time.Duration
	// ChainCatchUp bounds how long a participant's Join waits for this
	// coordinator's Ethereum node to reach the block at which the
	// participant's node had its join (JoinRequest.chain_block) before
	// membership is read (0: a minute, as a participant's chain_catch_up).
	// Two nodes of one chain are rarely at the same block; without the
	// wait a hospital that had just joined was refused as a stranger.
	ChainCatchUp time.Duration
	// CallerLimit bounds the requests of one TLS certificate that cost
	// this coordinator chain reads (zero: DefaultCallerLimit).
	CallerLimit CallerLimit
	// EnrolmentWindow is how long the coordinator keeps the study between
	// rounds, with no round open, before it reads the members of the next
	// round: the contract accepts joins and leaves only then. Zero opens
	// the next round at once, which leaves joiners and leavers a window of
	// one chain read.
	EnrolmentWindow time.Duration
	// ConsentWait bounds how long the moments phase, before round 1,
	// waits in all for hospitals that decline to count as having no
	// consented training record when the study cannot start without
	// them (0: DefaultConsentWait). It is counted from the phase's first
	// such wait, which the store keeps across restarts; past it the
	// coordinator stops with ErrConsentWaitOver naming the hospitals.
	ConsentWait time.Duration

	// Progress, if set, is called after each round closes on chain.
	Progress func(RoundReport)

	// Root, if set, turns robust scoring on: the researcher's clean root data
	// set, whose hash the study committed to as its reference commitment.
	// Each round its reference update scores every encrypted update, and
	// trust weights replace plain sample-count weights.
	Root *models.Dataset
	// Robust tunes the trust weights and flags of robust scoring.
	Robust aggregation.RobustConfig
	// ServerOptimizer applies the decrypted average update to the global
	// model: FedAvg (the default), FedAdam, FedYogi or FedAdagrad. The
	// adaptive kinds' state is kept in the store after each closed round
	// (or rebuilt from the round's decryption record) for a restarted
	// coordinator to go on from.
	ServerOptimizer aggregation.FedOptConfig

	// Standardisation is how the study standardises features; every
	// participant must be configured the same (the TrainTask says it).
	// Empty means records.StandardiseNone. With records.StandardisePooled the
	// coordinator runs the moments phase before round 1 (see
	// records.Moments.Encode): it needs at least 2 participants and
	// encryption.
	Standardisation records.Standardisation
	// Scales are the public per-feature magnitudes the moments are encoded
	// with (the schema's Scales, ones for data already near unit scale),
	// one per feature of Spec; required with pooled standardisation.
	Scales []float64
	// StandardiserGroups are the one-hot groups (feature indices) the
	// pooled standardiser whitens (records.Standardiser.WithGroups): the
	// schema's, when the recipe preconditions them
	// (models.Recipe.StandardiserGroups), else nil. Every hospital
	// derives its own from its schema and recipe and refuses a
	// standardiser with other groups.
	StandardiserGroups [][]int

	// PrivateTraining, if set, is the hospitals' local training of a study
	// with a differential-privacy budget (the recipe's, with Privacy set):
	// each round opens on chain with the study's ε after it
	// (models.PrivacySpent), which the contract checks against the budget
	// and every hospital against its own recipe.
	PrivateTraining *models.TrainConfig

	// RequireCrossCheck, from the study's recipe (require_cross_check),
	// publishes no model that one decryption set of t holders decrypted:
	// a holder's share cannot be checked on its own, so such a model is
	// whatever one lying holder among the t made it. Before asking for
	// decryption shares the coordinator waits, up to PhaseTimeout, for a
	// spare holder among the round's contributors, then fails the round
	// (ErrNotCrossChecked); the holders refuse a single set too.
	RequireCrossCheck bool

	// InsecurePlaintext makes updates travel and be summed in the clear. It
	// exists only so tests can measure what encryption costs; never use it
	// with patient data.
	InsecurePlaintext bool

	// CommitEach makes members commit their updates on chain one by one,
	// each before its upload. By default they sign their commitments
	// (EIP-712) and send them with their uploads, and the coordinator
	// records a round's in commitUpdates transactions (one per
	// contracts.MaxCommitBatch): about a third of the gas per member.
	CommitEach bool

	// TamperCommitments, if set, makes this coordinator hostile: it
	// replaces each batch of signed commitments with what it returns before
	// recording it (dropping, altering or replaying entries). It exists only
	// so tests can show the contract and the hospitals refusing that; the
	// daemon's configuration file cannot set it.
	TamperCommitments func(round uint32, batch []contracts.SignedCommitment) []contracts.SignedCommitment

	// TamperAggregate, if set, makes this coordinator hostile: it replaces
	// each round's aggregate with what TamperAggregate returns before
	// asking for decryption shares. It exists only so tests can show the
	// holders' spot checks refusing an altered aggregate; the daemon's
	// configuration file cannot set it.
	TamperAggregate func(round uint32, aggregate []byte) ([]byte, error)

	// TamperModel, if set, makes this coordinator hostile: it publishes
	// what TamperModel returns instead of each round's decrypted model. It
	// exists only so tests can show `cohort audit` catching that; the
	// daemon's configuration file cannot set it.
	TamperModel func(round uint32, model []float64) []float64

	// TamperScores, if set, makes this coordinator hostile: it records
	// what TamperScores returns instead of each robust round's scores,
	// weights and flags (framing an honest hospital, say), and asks the
	// chain to strike whom its table flags. It exists only so tests can
	// show the holders refusing to decrypt and the chain striking no one
	// without their endorsements; the daemon's configuration file cannot
	// set it.
	TamperScores func(round uint32, scores []contracts.Score) []contracts.Score

	// SkipStrikes, if set, makes this coordinator hostile: it records each
	// robust round's scores and flags but never brings their endorsements
	// to the chain (Committees.confirmStrikes), as a coordinator colluding
	// with a flagged member would, or one that crashed before it could.
	// It exists only so tests can show the participants striking the
	// flagged members with their own endorsements on chain; the daemon's
	// configuration file cannot set it.
	SkipStrikes bool
	// SplitDecryption, if set, makes this coordinator hostile: it has each
	// round's aggregate decrypted by exactly t holders (no spares), then
	// asks the holders it did not ask for the aggregate of another list of
	// the round's contributors. It exists only so tests can show holders
	// refusing every list but the round's pinned one; the daemon's
	// configuration file cannot set it.
	SplitDecryption *SplitDecryption
	// ResampleDecryption, if set, makes this coordinator hostile: once a
	// round's aggregate is opened, it asks the holders for shares of it
	// again under one active set after another. It exists only so tests
	// can show holders bounding the decryption sets they give shares of
	// one aggregate for; the daemon's configuration file cannot set it.
	ResampleDecryption *ResampleDecryption
	// CrashBeforeKeepingOptimizer, if not zero, stops this coordinator
	// with ErrInjectedCrash once that round has closed on chain and
	// before it keeps its server optimiser's state, where a crash leaves
	// the store one state behind the chain. It exists only so tests can
	// show a restarted coordinator rebuilding the state from the round's
	// decryption record; the daemon's configuration file cannot set it.
	CrashBeforeKeepingOptimizer uint32
}

// ErrInjectedCrash is Run's error when Config.CrashBeforeKeepingOptimizer
// stopped it.
var ErrInjectedCrash = errors.New("coordinator: stopped by Config.CrashBeforeKeepingOptimizer")

// DefaultConfig returns defaults for the fields a study does not fix.
func DefaultConfig() Config {
	return Config{
		Participants:    3,
		Rounds:          5,
		PhaseTimeout:    2 * time.Minute,
		RoundDuration:   time.Hour,
		MaxUpdateBytes:  1 << 30,
		Robust:          aggregation.DefaultRobustConfig(),
		ServerOptimizer: aggregation.DefaultFedOptConfig(aggregation.FedAvg),
	}
}

// RoundReport is what a closed round produced.
type RoundReport struct {
	Round         uint32
	Contributors  []common.Address
	Weights       []float64
	AggregateHash common.Hash
	ModelHash     common.Hash
	Accuracy      float64
	AUC           float64
	Loss          float64
	Evaluated     int                 // test records the metrics cover
	Pooled        Metrics             // over every site's test records
	Sites         []SiteMetrics       // each site's own, from counts and histograms: no record leaves a site
	Trust         []aggregation.Trust // robust scoring's verdict per contributor, if on
	Flagged       []common.Address    // contributors flagged this round
	Score         time.Duration       // time of encrypted scoring and score decryption
	GasUsed       uint64
	Aggregate     time.Duration
	Decrypt       time.Duration
	Chain         time.Duration
	Wall          time.Duration
}

// Metrics are evaluation figures of a model on some test records.
type Metrics struct {
	Records          int     `json:"records"`
	Accuracy         float64 `json:"accuracy"`
	BalancedAccuracy float64 `json:"balanced_accuracy"`
	AUC              float64 `json:"auc"`
	LogLoss          float64 `json:"log_loss"`
	// CIndex is Harrell's C-index of a Cox model over the pairs within
	// each site (0.5 when there are none, as for classifiers).
	CIndex float64 `json:"c_index,omitempty"`
}

// SiteMetrics are one site's metrics on its own test records.
type SiteMetrics struct {
	Participant common.Address `json:"participant"`
	Metrics
}

func metricsOf(e models.Evaluation) Metrics {
	m := Metrics{Records: e.N, Accuracy: e.Accuracy(), BalancedAccuracy: e.BalancedAccuracy(), AUC: e.AUC(), LogLoss: e.LogLoss()}
	if e.Comparable > 0 {
		m.CIndex = e.CIndex()
	}
	return m
}

// Result is what a finished study produced.
type Result struct {
	PublicKeyHash common.Hash
	// StandardiserHash is keccak256 of the pooled standardiser's encoding
	// (records.Standardiser.Encode) with pooled standardisation, else zero.
	// Every TrainTask carries it and every participant signed it.
	StandardiserHash common.Hash
	Rounds           []RoundReport
	FinalModel       []float64
}

// Coordinator drives one study. Its methods are safe for concurrent use; Run
// must be called once.
type Coordinator struct {
	cfg     Config
	ledger  *contracts.Ledger
	account *contracts.Account
	store   *Store
	// dealings keeps the re-sharing under way's share pieces on disk.
	dealings *dealingSpool
	summer   summer
	log      *slog.Logger
	// numParams is the length of the model's flat parameter vector.
	numParams int
	scheme    *aggregation.Scheme
	policy    *aggregation.RobustPolicy // nil unless robust scoring is on
	optimizer *aggregation.FedOpt       // used by Run only
	// updates are the round's committed updates as read and checked once,
	// which GetBlob serves to the share holders.
	updates roundUpdates
	// readers says who may read which blobs (GetBlob, OpenChunks); the
	// round writes below tell it the published set has grown.
	readers blobReaders
	// callers are the per-certificate buckets of Config.CallerLimit.
	callers callerLimits

	mu    sync.Mutex
	peers map[common.Address]*member
	// gone is when each participant that was connected last went away,
	// kept in the store (absentMu orders the writes).
	gone     map[common.Address]time.Time
	absentMu sync.Mutex
	stopped  atomic.Bool // Run has returned, or serves a completed study: absences are not kept
	// current is the step of the phase under way; full is closed once
	// every member it asked has answered.
	current step
	full    chan struct{}
	pkHash  common.Hash // the collective public key, once key generation ran
	// pkShares are the members' public-key shares key generation
	// combined, for the dealing check (kept in the store's state).
	pkShares map[common.Address][]byte
	// pkShareSigs are their members' signatures (auth.KindPublicKey),
	// shown in the dealing check's evidence, and pkShareRounds the
	// rounds those of members that joined later are signed for (their
	// re-sharings'; absent: 0). A joiner's share is kept with them once
	// its re-sharing is committed.
	pkShareSigs   map[common.Address][]byte
	pkShareRounds map[common.Address]uint32
	// keyEpochs are the members' key epochs other than 0 (kept in the
	// store's state, keyEpochsState): see dealerID.
	keyEpochs map[common.Address]uint32
	// points are the participants' Shamir points and threshold the number
	// of shares that decrypt, once threshold key generation ran.
	points    map[common.Address]uint64
	threshold int
	// epoch is 0 after threshold key generation and r after the
	// re-sharing before round r, which setHash identifies; nextPoint is the
	// next Shamir point never given to anyone.
	epoch     uint32
	setHash   common.Hash
	nextPoint uint64
	// committee is set when the study has a decryption committee on
	// chain: its members hold the shares, and dealers are the members
	// whose keys they hold shares of.
	committee bool
	dealers   []common.Address
	// commit is the proto-encoded commit of the latest re-sharing, with
	// its evidence (holderState.Commit).
	commit []byte
	// minParticipants is the study's minimum number of contributions per round.
	minParticipants int
	// joined is signalled (closed and replaced) whenever a participant joins.
	joined chan struct{}
	// standardiser is the agreed pooled standardiser's encoding and
	// momentsResult the task that hands it out with its evidence.
	standardiser  []byte
	momentsResult *cohortv1.Task
	// done is the end-of-study task once the last round closed: sent to
	// every connected node and to any that joins later, so none waits for a
	// task that never comes.
	done *cohortv1.Task
}

type member struct {
	name  string
	pub   *ecdsa.PublicKey // from its join signature; dealers encrypt shares to it
	tasks chan *cohortv1.Task
	// holdsNoKey: the node said, signed, it holds no secret-key share for
	// the study (cohortv1.JoinRequest.holds_no_key); keyEpoch, the key
	// epoch of the one it holds (key_epoch).
	holdsNoKey bool
	keyEpoch   uint32
}

// New validates cfg and makes a coordinator that signs its chain
// transactions with account and keeps blobs in store.
func New(cfg Config, ledger *contracts.Ledger, account *contracts.Account, scheme *aggregation.Scheme, store *Store, log *slog.Logger) (*Coordinator, error) {
	switch {
	case cfg.Participants < 1:
		return nil, fmt.Errorf("coordinator: config: participants is %d; a study needs at least 1", cfg.Participants)
	case cfg.Rounds < 1:
		return nil, fmt.Errorf("coordinator: config: rounds is %d; set at least 1", cfg.Rounds)
	case cfg.PhaseTimeout <= 0:
		return nil, errors.New("coordinator: config: phase timeout must be positive")
	case cfg.RoundDuration < cfg.PhaseTimeout:
		return nil, fmt.Errorf("coordinator: config: round duration %s is shorter than the phase timeout %s", cfg.RoundDuration, cfg.PhaseTimeout)
	case cfg.MaxUpdateBytes <= 0:
		return nil, errors.New("coordinator: config: max update bytes must be positive")
	case cfg.AbsentGrace < 0:
		return nil, fmt.Errorf("coordinator: config: absent grace %s is negative; set 0 (half the phase timeout) or more", cfg.AbsentGrace)
	case cfg.EnrolmentWindow < 0:
		return nil, fmt.Errorf("coordinator: config: enrolment window %s is negative; set 0 or more", cfg.EnrolmentWindow)
	case cfg.ConsentWait < 0:
		return nil, fmt.Errorf("coordinator: config: consent wait %s is negative; set 0 (%s) or more", cfg.ConsentWait, DefaultConsentWait)
	case cfg.Root != nil && cfg.PrivateTraining != nil && cfg.PrivateTraining.Privacy != nil && cfg.PrivateTraining.Privacy.Distributed():
		return nil, fmt.Errorf("coordinator: config: %w", models.ErrRobustDistributedDP)
	case cfg.CallerLimit != (CallerLimit{}) && (cfg.CallerLimit.PerSecond <= 0 || cfg.CallerLimit.Burst < 1):
		return nil, fmt.Errorf("coordinator: config: caller limit of %g a second, burst %d: set a positive rate and a burst of 1 or more (or neither, for %g a second, burst %d)",
			cfg.CallerLimit.PerSecond, cfg.CallerLimit.Burst, DefaultCallerLimit.PerSecond, DefaultCallerLimit.Burst)
	case ledger == nil || account == nil || store == nil || log == nil:
		return nil, errors.New("coordinator: ledger, account, store and logger are required")
	}
	if err := cfg.Spec.Validate(); err != nil {
		return nil, fmt.Errorf("coordinator: config: %w", err)
	}
	if err := store.ClaimStudy(cfg.StudyID); err != nil {
		return nil, err
	}
	init, err := models.New(cfg.Spec, cfg.InitSeed)
	if err != nil {
		return nil, fmt.Errorf("coordinator: initial model: %w", err)
	}
	var policy *aggregation.RobustPolicy
	if cfg.Root != nil {
		if policy, err = aggregation.NewRobustPolicy(cfg.Robust); err != nil {
			return nil, fmt.Errorf("coordinator: config: %w", err)
		}
		if aggregation.DefaultProjectionsFor(init.NumParams()) == 0 {
			return nil, fmt.Errorf("coordinator: config: a %d-parameter model is too small for robust scoring", init.NumParams())
		}
	}
	if cfg.Standardisation, err = records.ParseStandardisation(string(cfg.Standardisation), records.StandardiseNone); err != nil {
		return nil, fmt.Errorf("coordinator: config: %w", err)
	}
	if cfg.Standardisation == records.StandardisePooled {
		switch {
		case cfg.InsecurePlaintext:
			return nil, errors.New("coordinator: config: pooled standardisation sums the sites' moments under encryption; it cannot run in plaintext test mode")
		case cfg.Participants < 2:
			return nil, fmt.Errorf("coordinator: config: pooled standardisation with %d participant would reveal that site's own statistics; it needs at least 2 (or use site standardisation)", cfg.Participants)
		}
		if err := checkScales(cfg.Scales, cfg.Spec.Features); err != nil {
			return nil, fmt.Errorf("coordinator: config: pooled standardisation: %w", err)
		}
		cfg.Scales = append([]float64(nil), cfg.Scales...)
	} else if len(cfg.StandardiserGroups) > 0 {
		return nil, fmt.Errorf("coordinator: config: standardiser groups whiten the pooled standardiser, and the study standardises %q; use pooled standardisation", cfg.Standardisation)
	}
	if cfg.ServerOptimizer.Kind == "" {
		cfg.ServerOptimizer = aggregation.DefaultFedOptConfig(aggregation.FedAvg)
	}
	opt, err := aggregation.NewFedOpt(cfg.ServerOptimizer)
	if err != nil {
		return nil, fmt.Errorf("coordinator: config: server optimiser: %w", err)
	}
	var s summer = plainSummer{}
	if !cfg.InsecurePlaintext {
		if scheme == nil {
			return nil, errors.New("coordinator: an encryption scheme is required")
		}
		s = homomorphicSummer{scheme: scheme}
	}
	dealings, err := openDealingSpool(store)
	if err != nil {
		return nil, err
	}
	return &Coordinator{
		cfg: cfg, ledger: ledger, account: account, store: store, dealings: dealings, summer: s, log: log, numParams: init.NumParams(), scheme: scheme, policy: policy, optimizer: opt,
		peers:  make(map[common.Address]*member),
		gone:   make(map[common.Address]time.Time),
		joined: make(chan struct{}),
	}, nil
}

// warnIfStrikesCannotLand tells the operator of a robust study whose share
// holders are exactly its threshold t (a committee of t, or t members
// without one) that flagged members will weigh 0 but never be struck: one
// set of t decrypts every round's scores, and scores no second set
// cross-checked strike no one (protocol.ScoresCrossChecked), since one
// lying holder could have framed an honest hospital.
func (c *Coordinator) warnIfStrikesCannotLand(study contracts.Study, members int) {
	if holders := shareHolders(study, members); holders <= int(study.Threshold) {
		c.log.Warn(msgStrikesCannotLand, "study", c.cfg.StudyID, "holders", holders, "threshold", study.Threshold)
	}
}

// warnIfModelsNotCrossChecked tells the operator of a study whose share
// holders are exactly its threshold t that every model it publishes is
// decrypted by one set of t: a decryption share cannot be checked on its
// own, so one lying holder among the t could shift the model unseen
// (aggregation.DecryptChecked has no second set to compare), and `cohort
// audit` names each such round as not cross-checked.
func (c *Coordinator) warnIfModelsNotCrossChecked(study contracts.Study, members int) {
	if holders := shareHolders(study, members); holders <= int(study.Threshold) {
		c.log.Warn(msgModelsNotCrossChecked, "study", c.cfg.StudyID, "holders", holders, "threshold", study.Threshold)
	}
}

// shareHolders is the number of the study's key-share holders: its
// committee's size, else its members.
func shareHolders(study contracts.Study, members int) int {
	if study.Committee.Size > 0 {
		return int(study.Committee.Size)
	}
	return members
}

// msgModelsNotCrossChecked is warnIfModelsNotCrossChecked's message.
const msgModelsNotCrossChecked = "every model this study publishes will be decrypted by one set of t holders and not cross-checked: its share holders are exactly its threshold, so one lying holder among the t could shift a model unseen; create studies with a committee (or participants) of at least threshold + 1"

// warnIfHonestSitesMayBeSuspended tells the operator of a robust study
// whose strike limit lets honest hospitals be suspended by chance: each
// round flags an honest update with probability up to the policy's
// false-flag rate α, so over the study's rounds some honest hospital of
// members collects the strike limit with probability up to
// RobustPolicy.AnyHonestSuspensionBound, which grows with the consortium.
// Above α it warns, naming the smallest strike limit that keeps it within
// α (the bound holds for normal honest scores; real data flag more).
func (c *Coordinator) warnIfHonestSitesMayBeSuspended(study contracts.Study, members int) {
	rate := c.policy.Config().FalseFlagRate
	bound := c.policy.AnyHonestSuspensionBound(int(study.Rounds), int(study.StrikeLimit), members)
	if bound <= rate {
		return
	}
	c.log.Warn(msgHonestSuspension, "study", c.cfg.StudyID, "participants", members, "rounds", study.Rounds, "strike_limit", study.StrikeLimit,
		"chance", fmt.Sprintf("%.3f", bound), "false_flag_rate", rate, "strike_limit_within_rate", c.policy.StrikeLimitFor(int(study.Rounds), members, rate))
}

// msgHonestSuspension is warnIfHonestSitesMayBeSuspended's message.
const msgHonestSuspension = "robust scoring may suspend an honest hospital by chance: with this many participants and rounds, the study's strike limit lets some honest hospital collect it from false flags alone with the chance given (an upper bound for normal scores); create studies this large with the strike limit given, or more"

// msgStrikesCannotLand is warnIfStrikesCannotLand's message.
const msgStrikesCannotLand = "robust scoring will weigh flagged updates 0 but strike no one: this study's share holders are exactly its threshold, so no second set of holders cross-checks the scores; create robust studies with a committee (or participants) of at least threshold + 1"

// Run drives the study to its end: it waits for participants, runs key
// generation and every round, and returns what each round produced. A
// coordinator restarted mid-study resumes from the chain and its store: the
// collective key, the last closed round's model and, in an open round, every
// update already uploaded. One started for a study the chain records as
// completed runs nothing (see completed). Once Run returns, the server goes
// on serving the store read-only and tells joining nodes the study is done.
func (c *Coordinator) Run(ctx context.Context) (*Result, error) {
	study, err := c.ledger.Study(ctx, c.cfg.StudyID)
	if err != nil {
		return nil, fmt.Errorf("coordinator: read study %d: %w", c.cfg.StudyID, err)
	}
	if study.Coordinator != c.account.Address() {
		return nil, fmt.Errorf("coordinator: study %d is coordinated by %s, not by this node's %s", c.cfg.StudyID, study.Coordinator.Hex(), c.account.Address().Hex())
	}
	if study.Completed {
		c.stopped.Store(true) // from the start: nothing runs, and nothing is kept
		return c.completed(ctx, study)
	}
	c.restoreAbsent()
	defer c.stopped.Store(true)
	// Blobs are recorded with the round they are made for, which decides
	// which participants may read them (blobReaders): the key and
	// the moments before round 1 are of round 0, and a resumed study's
	// of the chain's round.
	c.store.EnterRound(study.CurrentRound)
	if h := study.RobustPolicyHash; c.policy != nil && h != (common.Hash{}) && h != c.policy.Hash() {
		return nil, fmt.Errorf("coordinator: the chain records robust policy %s for study %d, this coordinator's is %s (robust rule version %d); configure the study's robust policy and run the release the study was created with", h.Hex(), c.cfg.StudyID, c.policy.Hash().Hex(), aggregation.RobustRuleVersion)
	}
	if tc := c.cfg.PrivateTraining; tc != nil && tc.Privacy != nil && tc.Privacy.Distributed() && int(study.MinParticipants) < tc.Privacy.MinContributors {
		return nil, fmt.Errorf("coordinator: study %d lets a round close with %d participants, but its distributed DP noise counts on at least min_contributors %d adding their share; create the study with --min-participants %d or more",
			c.cfg.StudyID, study.MinParticipants, tc.Privacy.MinContributors, tc.Privacy.MinContributors)
	}
	c.mu.Lock()
	c.minParticipants, c.threshold = int(study.MinParticipants), int(study.Threshold)
	c.mu.Unlock()
	if c.cfg.Root != nil {
		if err := c.publishRoot(study.ReferenceCommitment); err != nil {
			return nil, err
		}
	}

	res := &Result{}
	var members []common.Address
	keyMade := study.PublicKeyHash == (common.Hash{})
	if keyMade {
		if members, err = c.awaitParticipants(ctx); err != nil {
			return nil, err
		}
		if res.PublicKeyHash, err = c.keyGen(ctx, members); err != nil {
			return nil, err
		}
	} else {
		// The key is set: the members are the chain's participants now;
		// membersBefore follows later joins and leaves round by round.
		members = sortedAddresses(study.Participants)
		if _, err := c.store.Get(study.PublicKeyHash); err != nil {
			return nil, c.storeLost(ctx, study, err)
		}
		res.PublicKeyHash = study.PublicKeyHash
		c.mu.Lock()
		c.pkHash = study.PublicKeyHash
		c.mu.Unlock()
		if err := c.restorePKShares(); err != nil {
			return nil, err
		}
		c.log.Info("resuming study from the chain", "study", c.cfg.StudyID, "round", study.CurrentRound, "open", study.RoundOpen)
	}
	if c.cfg.Root != nil {
		c.warnIfStrikesCannotLand(study, len(members))
		c.warnIfHonestSitesMayBeSuspended(study, len(members))
	}
	if c.summer.needsShares() {
		c.warnIfModelsNotCrossChecked(study, len(members))
		// Without a committee the key's parties hold the shares; with one,
		// the committee the chain selects does, and the parties deal to it.
		fresh := func() error { return c.assignPoints(members) }
		if study.Committee.Size != 0 {
			c.mu.Lock()
			c.committee = true
			c.mu.Unlock()
			fresh = func() error {
				st, err := c.currentCommittee(ctx)
				if err != nil {
					return err
				}
				return c.setHolders(committeeHolders(0, st.Holders, members))
			}
		}
		if keyMade {
			err = fresh()
		} else {
			err = c.restoreHolders(ctx, fresh)
		}
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		epoch, holders, dealers := c.epoch, sortedAddresses(slices.Collect(maps.Keys(c.points))), c.dealers
		c.mu.Unlock()
		if len(dealers) == 0 {
			dealers = holders
		}
		if study.CurrentRound == 0 && epoch == 0 {
			if err := c.dealBeforeRoundOne(ctx, study, keyMade, dealers, holders); err != nil {
				return nil, err
			}
		}
	}
	if c.cfg.Standardisation == records.StandardisePooled {
		if err := c.pooledStandardiser(ctx, members, study.CurrentRound); err != nil {
			return nil, err
		}
		res.StandardiserHash = c.standardiserHash()
		if err := c.recordStandardiser(ctx, res.StandardiserHash); err != nil {
			return nil, err
		}
	}

	model, err := models.New(c.cfg.Spec, c.cfg.InitSeed)
	if err != nil {
		return nil, fmt.Errorf("coordinator: initial model: %w", err)
	}
	global := model.Params()
	first, resumeOpen := uint32(1), false
	if study.CurrentRound > 0 {
		r, err := c.ledger.Round(ctx, c.cfg.StudyID, study.CurrentRound)
		if err != nil {
			return nil, err
		}
		var from common.Hash
		first, resumeOpen, from = resumeFrom(study.CurrentRound, study.RoundOpen, r.GlobalModel, r.Result.ModelHash)
		if global, err = c.loadModel(from); err != nil {
			return nil, err
		}
	}
	if first > 1 {
		if err := c.restoreOptimizer(ctx, first); err != nil {
			return nil, err
		}
	}
	for r := first; r <= uint32(c.cfg.Rounds); r++ {
		resume := resumeOpen && r == first
		// Before the enrolment window and the re-sharing: a participant
		// that leaves between rounds must not read the shares dealt
		// without it.
		c.store.EnterRound(r)
		var rep RoundReport
		var next []float64
		var err error
		if !resume {
			if r > 1 {
				if err := c.enrolmentWindow(ctx, r); err != nil {
					return nil, err
				}
			}
			// Members join and leave between rounds: the chain says who
			// takes part in this one, and the share holders follow.
			members, err = c.membersBefore(ctx, r)
		}
		if err == nil {
			rep, next, err = c.roundOnce(ctx, r, members, global, res.PublicKeyHash, resume)
		}
		if errors.Is(err, contracts.ErrCommitteeNotCurrent) {
			members, rep, next, err = c.reselectAndRound(ctx, r, global, res.PublicKeyHash, err)
		}
		if err != nil {
			return nil, err
		}
		if r == c.cfg.CrashBeforeKeepingOptimizer {
			return nil, fmt.Errorf("%w, after round %d closed", ErrInjectedCrash, r)
		}
		if err := c.saveOptimizer(r); err != nil {
			return nil, err
		}
		global = next
		res.Rounds = append(res.Rounds, rep)
		if c.cfg.Progress != nil {
			c.cfg.Progress(rep)
		}
	}
	res.FinalModel = global
	final, err := c.ledger.Round(ctx, c.cfg.StudyID, uint32(c.cfg.Rounds))
	if err != nil {
		return nil, err
	}
	c.finish(&cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: c.cfg.StudyID, FinalModelHash: final.Result.ModelHash.Bytes()}}})
	return res, nil
}

// dealBeforeRoundOne has the key's parties deal their threshold shares
// before round 1: a restart does again, since the shares may not all have
// been dealt. Unless the dealing was complete, its check found no dealer
// at fault, and hospitals left the study since (the holders it suspected,
// if any, among them, as its error said): every holder that stays holds a
// share of every key, the leavers' included, which passed the check, so
// the key is re-shared among them (reshareBeforeRoundOne). With a
// decryption committee, the committee the chain has hands the keys over
// before round 1 (membersBefore), as between rounds. The same once every
// dealer the check found at fault has left, on a verdict that re-checks
// from its evidence (dealersAtFaultLeft): the other keys passed, and
// theirs are never used (see dealersatfault.go).
func (c *Coordinator) dealBeforeRoundOne(ctx context.Context, study contracts.Study, keyMade bool, dealers, holders []common.Address) error {
	if !keyMade {
		c.mu.Lock()
		committee, pkHash := c.committee, c.pkHash
		c.mu.Unlock()
		stands, withSuspects, err := c.dealingStands(pkHash, study.Participants)
		if err != nil {
			return err
		}
		atFault, err := c.dealersAtFaultLeft(pkHash, study.Participants)
		if err != nil {
			return err
		}
		if len(atFault) > 0 {
			c.log.Info(MsgReshareWithoutDealersAtFault, "study", c.cfg.StudyID, "excluded", hexes(atFault), "committee", committee)
			if err := c.dropKeysOf(atFault); err != nil {
				return err
			}
			if committee {
				return nil // membersBefore hands the keys over
			}
			return c.reshareBeforeRoundOne(ctx, study)
		}
		left := slices.DeleteFunc(slices.Clone(dealers), func(a common.Address) bool { return slices.Contains(study.Participants, a) })
		switch {
		case stands && withSuspects && !committee:
			c.log.Info(MsgReshareWithoutHoldersAtFault, "study", c.cfg.StudyID)
			return c.reshareBeforeRoundOne(ctx, study)
		case stands && !withSuspects && len(left) > 0:
			c.log.Info(MsgReshareWithoutLeavers, "study", c.cfg.StudyID, "left", len(left), "committee", committee)
			if committee {
				return nil
			}
			return c.reshareBeforeRoundOne(ctx, study)
		}
		c.warnIfDealersLeft(study, dealers)
	}
	if err := c.awaitConnected(ctx, dealers, len(dealers)); err != nil {
		return err
	}
	return c.thresholdKeyGen(ctx, dealers, holders)
}

// reshareBeforeRoundOne re-shares the key dealt at key generation among
// the holders in good standing before round 1, once t of those that stay
// are connected: a restarted coordinator's hospitals connect again in
// their own time, and fewer than t would fail the re-sharing.
func (c *Coordinator) reshareBeforeRoundOne(ctx context.Context, study contracts.Study) error {
	target, err := c.inGoodStanding(ctx, sortedAddresses(study.Participants))
	if err != nil {
		return err
	}
	c.mu.Lock()
	threshold := c.threshold
	staying := slices.DeleteFunc(slices.Clone(target), func(a common.Address) bool { _, held := c.points[a]; return !held })
	c.mu.Unlock()
	if len(staying) < threshold {
		return fmt.Errorf("%w: before round 1 only %d of the holders of the key stay, the threshold is %d: the key cannot be re-shared without the hospitals that left. One that left can join the study again; otherwise this study cannot go on: create a new study (cohort study create; the other hospitals join it)",
			ErrBelowThreshold, len(staying), threshold)
	}
	if connected, _ := c.connectedOf(staying); connected < threshold {
		c.log.Info("waiting before round 1 for the threshold of the holders that stay to connect, to re-share the key", "study", c.cfg.StudyID, "connected", connected, "threshold", threshold)
	}
	if err := c.awaitConnected(ctx, staying, threshold); err != nil {
		return err
	}
	return c.reshareIfChanged(ctx, 1, target)
}

// MsgReshareWithoutHoldersAtFault is dealBeforeRoundOne's message when it
// re-shares without the holders a failed dealing check suspected.
const MsgReshareWithoutHoldersAtFault = "the holders a failed dealing check suspected have left the study: the holders that stay keep their shares, which passed the check, and re-share the key among themselves before round 1"

// MsgReshareWithoutDealersAtFault is dealBeforeRoundOne's message when the
// hospitals a failed dealing check found at fault have left the study.
const MsgReshareWithoutDealersAtFault = "the hospitals a failed dealing check found at fault have left the study, as its evidence (re-checked) names them: the holders that stay keep their shares of the other hospitals' keys, which passed the check, and re-share them among themselves before round 1 (with a decryption committee: hand them over to the committee the chain has, if it changed); the excluded hospitals' keys are never used"

// MsgDealerAtFaultNotTakenBack is logged before a round when a hospital
// the study went on without (MsgReshareWithoutDealersAtFault) is a
// participant again: it is not re-shared to nor asked to train.
const MsgDealerAtFaultNotTakenBack = "a hospital the dealing check found at fault, which the study went on without, joined again: the holders hold no share of its key that opens anything, so it is neither re-shared to nor asked to train; remove it from the study again (cohort study leave --member, cohort member vote)"

// MsgReshareWithoutLeavers is dealBeforeRoundOne's message when hospitals
// whose dealings passed the check left before round 1.
const MsgReshareWithoutLeavers = "hospitals left the study before round 1, their dealings having passed the check: every holder holds a share of their keys, so the keys are re-shared among the holders that stay (with a decryption committee: handed over to the committee the chain has) instead of dealt again"

// MsgDealerLeftBeforeRoundOne is warnIfDealersLeft's message (exported for
// the simulation's tests).
const MsgDealerLeftBeforeRoundOne = "waiting before round 1 for a hospital that is no longer a participant (it left or was excluded): the threshold shares of the keys were not all dealt and checked (a dealing was cut short; or its check found a hospital at fault, and either could not tell it from a holder, or some hospitals it found at fault are still participants), and the collective key on chain holds its key, so the shares cannot be dealt without it and this study cannot start until it joins again; to go on without it, create a new study (cohort study create; the other hospitals join it)"

// warnIfDealersLeft warns, before the key's parties deal again before
// round 1, of each dealer that is no longer a participant of the study:
// the coordinator waits for it, and the study starts only if it joins
// again. A dealer that left after a dealing whose check passed, or that
// the check found at fault (dealersAtFaultLeft), is not waited for
// (dealBeforeRoundOne).
func (c *Coordinator) warnIfDealersLeft(study contracts.Study, dealers []common.Address) {
	for _, d := range dealers {
		if !slices.Contains(study.Participants, d) {
			c.log.Warn(MsgDealerLeftBeforeRoundOne, "study", c.cfg.StudyID, "participant", d.Hex())
		}
	}
}

// committeeReselections bounds how many times in a row the coordinator
// selects the committee again for a round the chain refused to open, or
// whose hand-over lost a member of the committee.
const committeeReselections = 3

// Log messages of a committee selected again before round r opens.
const (
	msgRoundRefused = "the chain refused to open the round: a member of the decryption committee left or was suspended after the committee was checked; selecting the committee again and handing the keys over"
	msgHandOverLost = "a member of the decryption committee left or was suspended during the hand-over; selecting the committee again and handing the keys over"
)

// roundOnce runs round r (see round); its errors say which round, except
// the chain's refusal to open it (contracts.ErrCommitteeNotCurrent), which
// the caller follows with reselectAndRound.
func (c *Coordinator) roundOnce(ctx context.Context, r uint32, members []common.Address, global []float64, pkHash common.Hash, resume bool) (RoundReport, []float64, error) {
	rep, next, err := c.round(ctx, r, members, global, pkHash, resume)
	if err != nil && !errors.Is(err, contracts.ErrCommitteeNotCurrent) {
		err = fmt.Errorf("coordinator: round %d: %w", r, err)
	}
	return rep, next, err
}

// reselectAndRound follows a committee that stopped being current before
// round r opened (cause: contracts.ErrCommitteeNotCurrent): a member of it
// left, was suspended (a strike endorsers confirmed lands at any block) or
// was voted out after membersBefore checked the committee and before the
// round opened (the chain refused to open it), or during the hand-over to
// it (errHandOverLost). It selects the committee again, hands the keys over
// and runs the round, up to committeeReselections times; no task of the
// round was sent, since the opening failed. A restart in between resumes
// the same way: the chain has the round unopened and the committee not
// current.
func (c *Coordinator) reselectAndRound(ctx context.Context, r uint32, global []float64, pkHash common.Hash, cause error) (members []common.Address, rep RoundReport, next []float64, err error) {
	err = cause
	for attempt := 1; attempt <= committeeReselections && errors.Is(err, contracts.ErrCommitteeNotCurrent); attempt++ {
		msg := msgRoundRefused
		if errors.Is(err, errHandOverLost) {
			msg = msgHandOverLost
		}
		c.log.Warn(msg, "round", r, "attempt", attempt, "of", committeeReselections, "reason", err)
		if members, err = c.membersBefore(ctx, r); err == nil {
			rep, next, err = c.roundOnce(ctx, r, members, global, pkHash, false)
		}
	}
	if errors.Is(err, contracts.ErrCommitteeNotCurrent) {
		return nil, rep, nil, fmt.Errorf("coordinator: round %d: the decryption committee was not current %d times in a row as the round was to open: each time a member of the newly selected committee left or was suspended during the hand-over or before the round opened (last: %w); see on chain who left or was suspended (StudyLeft, ParticipantSuspended events) and start the coordinator again: it resumes from the chain and selects a committee of the members in good standing", r, committeeReselections+1, err)
	}
	return members, rep, next, err
}

// ErrStoreLost ends a run whose store does not hold the collective key the
// chain records for the study: the coordinator's data directory was lost,
// or it is another one.
var ErrStoreLost = errors.New("coordinator: the store does not hold the study's collective key")

// storeLost says, for an operator whose coordinator lost its data
// directory (err: the collective key's read), where the chain says the
// study is, what the directory alone held and what can be done. Nothing
// in it can be rebuilt: the hospitals keep neither the key nor the models
// (only in memory while they run), the decryption records and the pinned
// moments sum's task are the coordinator's own, and the chain pins the
// moments sum and each round's contributors once, so neither can be done
// again differently.
func (c *Coordinator) storeLost(ctx context.Context, study contracts.Study, err error) error {
	where := "before round 1"
	switch {
	case study.CurrentRound > 0 && study.RoundOpen:
		where = fmt.Sprintf("in round %d, open", study.CurrentRound)
		if pinned, perr := c.ledger.PinnedContributors(ctx, c.cfg.StudyID, study.CurrentRound); perr == nil && pinned != (common.Hash{}) {
			where += " with its contributors pinned"
		}
	case study.CurrentRound > 0:
		where = fmt.Sprintf("after round %d closed", study.CurrentRound)
	}
	if sum, serr := c.ledger.MomentsSum(ctx, c.cfg.StudyID); serr == nil && sum != (common.Hash{}) {
		where += fmt.Sprintf(", with the moments sum %s pinned", sum.Hex())
	}
	return fmt.Errorf("%w: study %d is %s on chain, and its collective key %s is not in the store %s (%v): this data directory was lost, or it is another study's. It alone held the collective key, the models the chain records by hash, the decryption records, the share holders' points and the tasks of what the chain pins; no member keeps them. Restore the coordinator's data directory from its latest copy and start the coordinator again (each blob is checked against the hash the chain records as it is read). Without a copy the study cannot go on: its closed rounds stand on chain, and training further needs a new study",
		ErrStoreLost, c.cfg.StudyID, where, study.PublicKeyHash.Hex(), c.store.dir, err)
}

// msgStudyCompleted is logged by a coordinator started for a completed study.
const msgStudyCompleted = "study already completed on chain: no round runs and nothing is sent to the chain; serving its store read-only until stopped"

// completed is Run for a study the chain records as completed (the
// coordinator was restarted after its last round closed): it opens no
// round and writes nothing to the chain. As at the end of Run, nodes that
// join are told the study is done, and it returns the study's final model
// from the store; a store without it is a data directory other than the
// study's.
func (c *Coordinator) completed(ctx context.Context, study contracts.Study) (*Result, error) {
	last, err := c.ledger.Round(ctx, c.cfg.StudyID, study.Rounds)
	if err != nil {
		return nil, err
	}
	final := last.Result.ModelHash
	if final == (common.Hash{}) {
		final = last.GlobalModel // the last round was abandoned: the model it opened with stands
	}
	model, err := c.loadModel(final)
	if err != nil {
		return nil, fmt.Errorf("coordinator: study %d is completed on chain, but its final model is not in this data directory; start the coordinator with the data directory it ran the study with: %w", c.cfg.StudyID, err)
	}
	c.log.Info(msgStudyCompleted, "study", c.cfg.StudyID, "rounds", study.Rounds, "final_model", final.Hex())
	c.finish(&cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: c.cfg.StudyID, FinalModelHash: final.Bytes()}}})
	return &Result{PublicKeyHash: study.PublicKeyHash, StandardiserHash: study.StandardiserHash, FinalModel: model}, nil
}

// enrolmentWindow keeps the study between rounds for Config.EnrolmentWindow
// before round r opens, so members can join or leave on chain.
func (c *Coordinator) enrolmentWindow(ctx context.Context, r uint32) error {
	if c.cfg.EnrolmentWindow <= 0 {
		return nil
	}
	c.log.Info("between rounds: members may join or leave the study on chain", "next_round", r, "window", c.cfg.EnrolmentWindow)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(c.cfg.EnrolmentWindow):
		return nil
	}
}

// optimizerState is the server optimiser's state after a closed round.
type optimizerState struct {
	Round uint32 `json:"round"`
	State []byte `json:"state"`
}

// saveOptimizer keeps the server optimiser's state after round r, so a
// restarted coordinator continues FedAdam/FedYogi/FedAdagrad exactly.
func (c *Coordinator) saveOptimizer(r uint32) error {
	b, err := c.optimizer.MarshalBinary()
	if err != nil {
		return err
	}
	raw, err := json.Marshal(optimizerState{Round: r, State: b})
	if err != nil {
		return err
	}
	return c.store.WriteState("server-optimizer", raw)
}

// restoreOptimizer sets the server optimiser to the state round next
// steps from: the state kept after the last closed round, if the chain
// says it is that round's (keptOptimizerStands); else, for a coordinator
// that stopped between closing that round on chain and keeping its state,
// the state rebuilt from the round's decryption record (rebuildOptimizer);
// otherwise it starts afresh, with a warning.
func (c *Coordinator) restoreOptimizer(ctx context.Context, next uint32) error {
	round := func(r uint32) (contracts.Round, error) { return c.ledger.Round(ctx, c.cfg.StudyID, r) }
	restored, why, err := c.restoreKeptOptimizer(next, round)
	if restored || err != nil {
		return err
	}
	last, err := lastClosedRound(next, round)
	if err != nil {
		return fmt.Errorf("coordinator: finding the last closed round on chain: %w", err)
	}
	if last == 0 {
		return nil // every round before next abandoned: the initial state is the one to step from
	}
	info, err := round(last)
	if err != nil {
		return err
	}
	if err := c.rebuildOptimizer(info); err != nil {
		c.log.Warn("server optimiser state neither kept nor rebuilt; it starts afresh", "round", next, "kept", why, "rebuild", err)
		return nil
	}
	c.log.Info(MsgOptimizerRebuilt, "after_round", last, "round", next, "steps", c.optimizer.Steps(), "kept", why)
	return c.saveOptimizer(last)
}

// restoreKeptOptimizer sets the server optimiser to the state kept after
// the last closed round before next, if the chain (round) says it is that
// round's. Otherwise why says what is wrong with the kept state, and the
// optimiser is unchanged.
func (c *Coordinator) restoreKeptOptimizer(next uint32, round func(uint32) (contracts.Round, error)) (restored bool, why string, err error) {
	stands := func(kept uint32) (bool, error) {
		ok, err := keptOptimizerStands(kept, next, round)
		if err != nil {
			return false, fmt.Errorf("coordinator: checking the server optimiser's kept state on chain: %w", err)
		}
		return ok, nil
	}
	raw, err := c.store.ReadState("server-optimizer")
	if err != nil {
		// Every round before next abandoned: the initial state is the one
		// to step from.
		fresh, err := stands(0)
		return fresh, "no server optimiser state kept", err
	}
	var st optimizerState
	if err := json.Unmarshal(raw, &st); err != nil {
		return false, fmt.Sprintf("server optimiser state unreadable: %v", err), nil
	}
	ok, err := stands(st.Round)
	if err != nil || !ok {
		return false, fmt.Sprintf("server optimiser state kept after round %d, not the last closed round before round %d", st.Round, next), err
	}
	if err := c.optimizer.UnmarshalBinary(st.State); err != nil {
		return false, fmt.Sprintf("server optimiser state unreadable: %v", err), nil
	}
	c.log.Info(MsgOptimizerRestored, "after_round", st.Round, "round", next, "steps", c.optimizer.Steps())
	return true, "", nil
}

// MsgOptimizerRestored is logged, with the round the state was kept after,
// the round it steps next and the optimiser's steps, when a restarted
// coordinator goes on with its server optimiser's kept state.
const MsgOptimizerRestored = "server optimiser state restored"

// MsgOptimizerRebuilt is logged, with the round the state is after, the
// round it steps next and the optimiser's steps, when a restarted
// coordinator rebuilt its server optimiser's state from the last closed
// round's decryption record (rebuildOptimizer).
const MsgOptimizerRebuilt = "server optimiser state rebuilt from the decryption record"

// keptOptimizerStands tells whether the server optimiser's state kept
// after round kept (0: its initial state, no round closed) is the one
// round next steps from, as the chain (round, reading a round of the
// study) records them: kept is the round before next, or kept closed and
// every round after it up to next was abandoned, which steps no
// optimiser. The chain decides, not the store: a closed round whose state
// was not kept (the coordinator stopped between closing it and keeping
// its state) does not stand.
func keptOptimizerStands(kept, next uint32, round func(uint32) (contracts.Round, error)) (bool, error) {
	switch {
	case kept >= next:
		return false, nil
	case kept+1 == next:
		return true, nil
	}
	if kept > 0 {
		r, err := round(kept)
		if err != nil || !r.Closed {
			return false, err
		}
	}
	for n := kept + 1; n < next; n++ {
		r, err := round(n)
		if err != nil || !r.Abandoned {
			return false, err
		}
	}
	return true, nil
}

// loadModel reads a model from the store by the hash the chain recorded.
func (c *Coordinator) loadModel(h common.Hash) ([]float64, error) {
	b, err := c.store.Get(h)
	if err != nil {
		return nil, fmt.Errorf("coordinator: model %s recorded on chain: %w", h.Hex(), err)
	}
	params, err := models.DecodeParams(b)
	if err != nil {
		return nil, fmt.Errorf("coordinator: model %s: %w", h.Hex(), err)
	}
	if len(params) != c.numParams {
		return nil, fmt.Errorf("coordinator: model %s has %d parameters, the study's model %d", h.Hex(), len(params), c.numParams)
	}
	return params, nil
}

func sortedAddresses(in []common.Address) []common.Address {
	out := append([]common.Address(nil), in...)
	sort.Slice(out, func(i, j int) bool { return out[i].Cmp(out[j]) < 0 })
	return out
}

// awaitParticipants blocks until the configured number of participants,
// and every participant the chain lists for the study, have joined.
func (c *Coordinator) awaitParticipants(ctx context.Context) ([]common.Address, error) {
	for {
		study, err := c.ledger.Study(ctx, c.cfg.StudyID)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		n, joined := len(c.peers), c.joined
		connected := setOf(c.peers)
		c.mu.Unlock()
		if readyForKeys(c.cfg.Participants, study.Participants, connected) {
			return sortedAddresses(study.Participants), nil
		}
		select {
		case <-joined:
		case <-time.After(time.Second): // someone may have joined on chain
		case <-ctx.Done():
			return nil, fmt.Errorf("coordinator: waiting for participants (%d of %d joined): %w", n, c.cfg.Participants, ctx.Err())
		}
	}
}

// awaitConnected blocks until at least need of the listed members are
// connected.
func (c *Coordinator) awaitConnected(ctx context.Context, members []common.Address, need int) error {
	for {
		connected, joined := c.connectedOf(members)
		if connected >= need {
			return nil
		}
		select {
		case <-joined:
		case <-ctx.Done():
			return fmt.Errorf("coordinator: waiting for %d participants to join again: %w", need-connected, ctx.Err())
		}
	}
}

// connectedOf counts the listed members that are connected, and returns
// the channel closed at the next join.
func (c *Coordinator) connectedOf(members []common.Address) (int, <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, a := range members {
		if _, ok := c.peers[a]; ok {
			n++
		}
	}
	return n, c.joined
}

// keyGen gathers public-key shares under a common reference string drawn from
// public data and records the collective key's hash on chain.
func (c *Coordinator) keyGen(ctx context.Context, members []common.Address) (common.Hash, error) {
	st := newKeyGenStep(c.cfg.StudyID, c.ledger.Address(), members)
	full, err := c.start(ctx, st, st.start())
	if err != nil {
		return common.Hash{}, err
	}
	if err := c.wait(ctx, st, full, c.cfg.PhaseTimeout, len(members)); err != nil {
		return common.Hash{}, fmt.Errorf("coordinator: key generation: %w", err)
	}
	c.mu.Lock()
	rd, h, err := st.finish(c.summer)
	from, shares := st.answers(members)
	c.pkShares = make(map[common.Address][]byte, len(from))
	c.pkShareSigs = make(map[common.Address][]byte, len(from))
	c.pkShareRounds = nil // every share signed for round 0
	for i, a := range from {
		c.pkShares[a], c.pkShareSigs[a] = shares[i], st.signatureOf(shares[i])
	}
	rd.state = append(rd.state, pkShareState(c.pkShares, c.pkShareSigs, c.pkShareRounds)...)
	c.mu.Unlock()
	if err != nil {
		return common.Hash{}, fmt.Errorf("coordinator: key generation: %w", err)
	}
	if _, err := c.apply(ctx, rd); err != nil {
		return common.Hash{}, err
	}
	c.mu.Lock()
	c.pkHash = h
	c.mu.Unlock()
	c.log.Info("collective public key ready", "study", c.cfg.StudyID, "hash", h.Hex(), "participants", len(members))
	return h, nil
}

// round runs one training round and returns its report and the new model.
func (c *Coordinator) round(ctx context.Context, r uint32, members []common.Address, global []float64, pkHash common.Hash, resume bool) (RoundReport, []float64, error) {
	start := time.Now()
	rep := RoundReport{Round: r}
	globalHash, err := c.store.Put(models.EncodeParams(global))
	if err != nil {
		return rep, nil, err
	}

	// Open the round on chain, then ask for updates from the members in
	// good standing (the contract refuses a suspended member's commit).
	active, err := c.inGoodStanding(ctx, members)
	if err != nil {
		return rep, nil, err
	}
	task := &cohortv1.TrainTask{
		StudyId: c.cfg.StudyID, Round: r, GlobalModelHash: globalHash.Bytes(), PublicKeyHash: pkHash.Bytes(),
		Standardisation: string(c.cfg.Standardisation), StandardiserHash: c.trainStandardiserHash(),
	}
	var domain contracts.CommitDomain
	if !c.cfg.CommitEach {
		// Members sign their commitments; this coordinator records them in
		// a batch once the phase ends, at the latest a phase timeout from
		// now (and the time its transactions take).
		if domain, err = c.ledger.CommitDomain(ctx, c.cfg.StudyID); err != nil {
			return rep, nil, err
		}
		task.CommitBy = time.Now().Add(c.cfg.PhaseTimeout + min(commitSlack, c.cfg.PhaseTimeout)).Unix()
	}
	train := newTrainStep(c.cfg.StudyID, task, active, c.cfg.MaxUpdateBytes, c.numParams, c.summer, domain)
	c.mu.Lock()
	train.keyEpochs = maps.Clone(c.keyEpochs)
	c.mu.Unlock()
	full, err := c.start(ctx, train, ready{})
	if err != nil {
		return rep, nil, err
	}
	t := time.Now()
	if resume {
		if err := c.recoverUpdates(ctx, train); err != nil {
			return rep, nil, err
		}
	}
	c.mu.Lock()
	opening := train.open(resume)
	c.mu.Unlock()
	gas, err := c.apply(ctx, opening)
	if err != nil {
		return rep, nil, err
	}
	rep.GasUsed += gas
	rep.Chain += time.Since(t)
	// Dropouts do not stall the round while the study's minimum remains.
	if err := c.wait(ctx, train, full, c.cfg.PhaseTimeout, c.minParticipants); err != nil {
		return rep, nil, err
	}
	// The uploads become durable together before the round acts on them.
	if err := c.store.Sync(); err != nil {
		return rep, nil, err
	}
	// A batched round's signed commitments go on chain now, its last batch
	// with the round's contributor list pinned; the round aggregates the
	// uploads whose commitment the chain records, weighted by the sample
	// counts committed.
	t = time.Now()
	if !c.cfg.CommitEach {
		gas, err := c.commitBatches(ctx, train, active)
		if err != nil {
			return rep, nil, err
		}
		rep.GasUsed += gas
	}
	onChain, err := c.ledger.Commitments(ctx, c.cfg.StudyID, r)
	if err != nil {
		return rep, nil, fmt.Errorf("read round %d commitments: %w", r, err)
	}
	c.mu.Lock()
	contributors, hashes, counts, left := train.contributors(active, onChain)
	c.mu.Unlock()
	if len(left) > 0 {
		c.log.Warn("uploads left out: the chain does not record their commitment", "round", r, "participants", len(left))
	}
	if len(contributors) < c.minParticipants {
		return rep, nil, fmt.Errorf("%w: the chain records the commitments of %d of the %d uploads of round %d, need %d",
			ErrStalled, len(contributors), len(contributors)+len(left), r, c.minParticipants)
	}
	if c.summer.needsShares() {
		// Pinned before anyone is asked to open anything of the round: by
		// the last batch if it landed with the list, else now.
		pinned, gas, err := c.pinContributors(ctx, r, roundContributors{contributors, hashes, counts})
		if err != nil {
			return rep, nil, err
		}
		contributors, hashes, counts = pinned.addrs, pinned.hashes, pinned.counts
		rep.GasUsed += gas
	}
	updates, err := c.store.GetAll(hashes)
	if err != nil {
		return rep, nil, err
	}
	// Checked once here, served to every holder that fetches them until
	// the decryption phase ends.
	c.updates.keep(hashes, updates)
	defer c.updates.drop()
	rep.Chain += time.Since(t)
	rep.Contributors = contributors
	if rep.Weights, err = sampleWeights(counts); err != nil {
		return rep, nil, err
	}
	var evidence *cohortv1.TrustEvidence
	if c.policy != nil {
		t := time.Now()
		if evidence, err = c.score(ctx, r, global, &rep, hashes, updates, counts); err != nil {
			return rep, nil, fmt.Errorf("robust scoring: %w", err)
		}
		rep.Score = time.Since(t)
	}

	t = time.Now()
	agg, err := c.summer.sum(updates, rep.Weights)
	if err != nil {
		return rep, nil, fmt.Errorf("aggregate: %w", err)
	}
	if c.cfg.TamperAggregate != nil {
		if agg, err = c.cfg.TamperAggregate(r, agg); err != nil {
			return rep, nil, fmt.Errorf("aggregate: %w", err)
		}
	}
	if rep.AggregateHash, err = c.store.Put(agg); err != nil {
		return rep, nil, err
	}
	rep.Aggregate = time.Since(t)

	// Collective decryption of the aggregate, never of an update.
	t = time.Now()
	var signed []*cohortv1.DecryptionShareSubmission
	var shares [][]byte
	if c.summer.needsShares() {
		if err := c.awaitSpareHolder(ctx, r, contributors, "a model"); err != nil {
			return rep, nil, fmt.Errorf("decryption: %w", err)
		}
		if signed, err = c.decrypt(ctx, r, rep, agg, contributors, evidence); err != nil {
			return rep, nil, fmt.Errorf("decryption: %w", err)
		}
		if err := c.checkCrossChecked(len(signed), fmt.Sprintf("round %d's aggregate", r)); err != nil {
			return rep, nil, fmt.Errorf("decryption: %w", err)
		}
		shares = shareBytes(signed)
	}
	c.updates.drop()
	avg, err := openAverage(c.summer, agg, shares, len(global))
	if err != nil {
		return rep, nil, c.undecryptableRound(r, contributors, err)
	}
	if c.cfg.SplitDecryption != nil && signed != nil {
		if err := c.splitDecryption(ctx, r, contributors, updates, counts, signed, avg); err != nil {
			return rep, nil, fmt.Errorf("hostile second decryption: %w", err)
		}
	}
	if c.cfg.ResampleDecryption != nil && signed != nil {
		if err := c.resampleDecryption(ctx, decryptTask(c.cfg.StudyID, r, rep, contributors, evidence), agg, signed); err != nil {
			return rep, nil, fmt.Errorf("hostile resampling: %w", err)
		}
	}
	rep.Decrypt = time.Since(t)
	before, err := c.optimizer.MarshalBinary()
	if err != nil {
		return rep, nil, fmt.Errorf("server optimiser: %w", err)
	}
	next, err := c.optimizer.Step(global, avg)
	if err != nil {
		return rep, nil, fmt.Errorf("server optimiser: %w", err)
	}
	if c.cfg.TamperModel != nil {
		next = c.cfg.TamperModel(r, next)
	}
	if rep.ModelHash, err = c.store.Put(models.EncodeParams(next)); err != nil {
		return rep, nil, err
	}
	var rec *cohortv1.DecryptionRecord
	if signed != nil {
		// Kept before the round closes on chain, so that every closed
		// round's model can be recomputed from what the holders signed.
		rec = &cohortv1.DecryptionRecord{
			StudyId: c.cfg.StudyID, Round: r, AggregateHash: rep.AggregateHash.Bytes(),
			GlobalModelHash: globalHash.Bytes(), OptimizerState: before, Shares: signed,
		}
		if err := c.store.WriteDecryptionRecord(rep.AggregateHash, rec); err != nil {
			return rep, nil, err
		}
	}
	if len(rep.Flagged) > 0 && !c.cfg.SkipStrikes {
		// A strike that fails to land does not undo a round the holders
		// decrypted: the round goes on, and the log says why.
		t := time.Now()
		gas, err := c.confirmStrikes(ctx, r, rep, active, signed, evidence)
		switch {
		case errors.Is(err, contracts.ErrNoStrikePending):
			// The participants put their own endorsements on chain first
			// (contracts.Ledger.EndorseScores): struck all the same.
			c.log.Info("the flagged members were struck by the participants' own endorsements on chain", "round", r)
		case err != nil:
			c.log.Error("the flagged members' strikes are not on chain", "round", r, "err", err)
		}
		rep.GasUsed += gas
		rep.Chain += time.Since(t)
	}

	// The contributors whose updates weigh in the model evaluate it on
	// their own test data, each on at most as many records as the training
	// samples it committed (evaluateStep).
	evaluators := weighed(rep)
	committed := make(map[common.Address]uint64, len(evaluators))
	for _, a := range evaluators {
		committed[a] = onChain[a].Samples
	}
	eval := newEvaluateStep(c.cfg.StudyID, r, evaluators, committed, rep.ModelHash)
	efull, err := c.start(ctx, eval, eval.start())
	if err != nil {
		return rep, nil, err
	}
	if err := c.wait(ctx, eval, efull, c.cfg.PhaseTimeout, 1); err != nil {
		return rep, nil, fmt.Errorf("evaluation: %w", err)
	}
	c.mu.Lock()
	closing, evaluations, err := eval.close(&rep)
	c.mu.Unlock()
	if err != nil {
		return rep, nil, err
	}
	if rec != nil {
		// The signed evaluations behind the metrics the round closes with,
		// so that an audit can merge them again, and the signed declines
		// of the members asked that sent none: an audit can then tell a
		// member that refused from one left out of the metrics.
		rec.Evaluations, rec.EvaluationDeclines = evaluations.evaluations, evaluations.declines
		if err := c.store.WriteDecryptionRecord(rep.AggregateHash, rec); err != nil {
			return rep, nil, err
		}
	}

	t = time.Now()
	if gas, err = c.apply(ctx, closing); err != nil {
		return rep, nil, err
	}
	rep.Chain += time.Since(t)
	rep.GasUsed += gas
	rep.Wall = time.Since(start)
	c.log.Info("round closed", "round", r, "contributors", len(contributors), "accuracy", rep.Accuracy, "auc", rep.AUC, "model", rep.ModelHash.Hex())
	return rep, next, nil
}

// finish keeps the end-of-study task for nodes that join from now on and
// sends it to every connected node, members or not (one that left or joined
// late must stop too).
func (c *Coordinator) finish(done *cohortv1.Task) {
	c.mu.Lock()
	c.done = done
	for _, a := range sortedAddresses(slices.Collect(maps.Keys(c.peers))) {
		c.queue(a, done)
	}
	c.mu.Unlock()
}

// commitSlack is how long after the train phase's timeout a coordinator
// allows itself to record the round's batched commitments
// (TrainTask.commit_by); at most one phase timeout.
const commitSlack = 30 * time.Second

// commitBatches records the signed commitments of a batched round's
// uploads that the chain does not record yet, contracts.MaxCommitBatch per
// transaction, and returns the gas used. A batch the contract refuses (a
// member that committed by itself meanwhile, or was suspended; an entry
// altered in transit) is split in halves and each recorded apart, so that
// one bad entry costs only its own update; a member whose commitment is
// left out commits by itself (participant.Config.CommitGrace).
//
// In a round whose holders open shares the last batch also pins the
// round's contributor list (batchPin): the list the round sums if that
// batch lands, members in the order given. A refused last batch pins
// nothing (its halves carry no pin), and the round pins its list alone
// once its commitments are recorded (pinContributors).
func (c *Coordinator) commitBatches(ctx context.Context, train *trainStep, order []common.Address) (uint64, error) {
	onChain, err := c.ledger.Commitments(ctx, c.cfg.StudyID, train.round)
	if err != nil {
		return 0, fmt.Errorf("read round %d commitments: %w", train.round, err)
	}
	c.mu.Lock()
	batches := train.toCommit(onChain)
	c.mu.Unlock()
	var gas uint64
	for i, b := range batches {
		if c.cfg.TamperCommitments != nil {
			b = c.cfg.TamperCommitments(train.round, b)
		}
		var pin common.Hash
		if i == len(batches)-1 && c.summer.needsShares() {
			if pin, err = c.batchPin(ctx, train, order, onChain, b); err != nil {
				return gas, err
			}
		}
		g, landed := c.commitBatch(ctx, train.round, b, pin)
		gas += g
		for _, sc := range landed {
			onChain[sc.Member] = sc.Commitment
		}
	}
	return gas, nil
}

// commitBatch records one batch, or its halves if the contract refuses it,
// and returns the gas used and the entries recorded. A batch carrying a
// pin (not zero) pins the round's contributor list if it lands; its
// halves carry none.
func (c *Coordinator) commitBatch(ctx context.Context, round uint32, b []contracts.SignedCommitment, pin common.Hash) (uint64, []contracts.SignedCommitment) {
	if len(b) == 0 {
		return 0, nil
	}
	rc, err := c.ledger.CommitUpdatesAndPin(ctx, c.account, c.cfg.StudyID, round, b, pin)
	if err == nil {
		if pin != (common.Hash{}) {
			c.log.Info("recorded the round's signed commitments with its contributors pinned", "round", round, "commitments", len(b), "hash", pin.Hex(), "gas", rc.GasUsed)
		} else {
			c.log.Info("recorded the round's signed commitments", "round", round, "commitments", len(b), "gas", rc.GasUsed)
		}
		return rc.GasUsed, b
	}
	if pin != (common.Hash{}) {
		c.log.Warn("the batch carrying the round's contributor list was refused: the list is pinned alone once the commitments are recorded", "round", round, "err", err)
	}
	if len(b) == 1 || ctx.Err() != nil || errors.Is(err, contracts.ErrDeadlinePassed) || errors.Is(err, contracts.ErrRoundNotOpen) {
		c.log.Warn("signed commitments left out", "round", round, "commitments", len(b), "err", err)
		return 0, nil
	}
	g1, l1 := c.commitBatch(ctx, round, b[:len(b)/2], common.Hash{})
	g2, l2 := c.commitBatch(ctx, round, b[len(b)/2:], common.Hash{})
	return g1 + g2, append(l1, l2...)
}

// recoverUpdates fills a resumed round's train phase with the updates that
// were committed on chain and uploaded whole before the restart; the others
// are asked for again.
func (c *Coordinator) recoverUpdates(ctx context.Context, train *trainStep) error {
	committed, err := c.ledger.Commitments(ctx, c.cfg.StudyID, train.round)
	if err != nil {
		return fmt.Errorf("read round %d commitments: %w", train.round, err)
	}
	uploaded := make(map[common.Address]common.Hash, len(committed))
	for addr, cm := range committed {
		if _, err := c.store.Get(cm.CiphertextHash); err != nil {
			continue // committed but not (fully or intact) uploaded: the participant sends it again
		}
		uploaded[addr] = cm.CiphertextHash
		c.log.Info("recovered an update uploaded before the restart", "round", train.round, "participant", addr.Hex())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	rd, err := train.recover(uploaded)
	if err != nil {
		return err
	}
	if rd.complete {
		close(c.full)
	}
	return nil
}

// undecryptableRound explains a round whose aggregate decrypts beyond the
// bound of valid updates (aggregation.ErrInconsistentDecryption): most
// likely one of its uploads is no encryption of bounded values (the
// out-of-range attack), which every round with that hospital repeats. A
// robust study's scores flag such an update before the aggregate, so only
// an update whose scores all fell in range gets here; a plain study cannot
// tell which upload it is without decrypting one, which its design
// forbids. Other errors pass unchanged.
func (c *Coordinator) undecryptableRound(r uint32, contributors []common.Address, err error) error {
	if !errors.Is(err, aggregation.ErrInconsistentDecryption) {
		return err
	}
	names := make([]string, len(contributors))
	for i, a := range contributors {
		names[i] = a.Hex()
	}
	which := "robust scoring found the scores of every update it weighs in range, so no one is named"
	if c.policy == nil {
		which = "this plain study cannot tell which without decrypting an update, so no one is named, and every round that hospital contributes to fails alike; a robust study flags such an update, leaves it out and strikes its sender (create the study with a robust policy)"
	}
	return fmt.Errorf("cannot publish: the aggregate of round %d's updates, of %s, is not a weighted sum of valid updates: most likely one of them is not an encryption of values within the scheme's bound (a hostile or broken hospital node), else a key share was dealt inconsistently or a holder's share is wrong; %s. The round can be abandoned once its deadline passes (%s with the coordinator's key), and the consortium members can exclude a participant they suspect (cohort study leave --member, then cohort member vote): %w",
		r, strings.Join(names, ", "), which, abandonCommand(c.cfg.StudyID, r), err)
}
