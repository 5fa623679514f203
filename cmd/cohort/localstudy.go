package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// localStudyConfig describes a whole study run in one process through the
// real interfaces: an embedded chain, a TLS gRPC server on loopback, and one
// participant per hospital with its own key, key share, client and records.
type localStudyConfig struct {
	hospitals int
	rounds    int
	seed      int64
	dataDir   string
	log       *slog.Logger
	// plaintext switches encryption off; tests use it to show encryption costs no accuracy.
	plaintext bool
	// progress is called after each round with its combined figures.
	progress func(roundFigures)
	// sites, if set, are the hospitals' records (one site per hospital);
	// otherwise synthetic cohorts are generated from seed.
	sites []records.Site
	// recipe, if set, is the study's recipe: it sets spec, train,
	// serverOptimizer, rounds and standardise, and its hash is the study's
	// on chain. Every hospital checks its own recipe (hospitalRecipes[i],
	// else recipe) against the chain before its node starts.
	recipe          *models.Recipe
	hospitalRecipes map[int]models.Recipe
	// spec, if set, is the model to train; otherwise logistic regression.
	spec *models.Spec
	// train, if set, is the local training configuration (its seed is
	// offset per hospital); otherwise models.DefaultTrainConfig.
	train *models.TrainConfig
	// threshold and minParticipants override the study's decryption
	// threshold (default ⌈2n/3⌉) and minimum contributors per round (default n).
	threshold, minParticipants int
	// phaseTimeout overrides how long the coordinator waits for stragglers.
	phaseTimeout time.Duration
	// dropAfter makes hospital i (by index) stop for good once it has
	// uploaded its update of round dropAfter[i]: a site that dies mid-round.
	dropAfter map[int]uint32
	// restartParticipantAfter kills hospital i (by index) right after its
	// upload of round restartParticipantAfter[i] and starts it again from its
	// data directory and encrypted keystore: a hospital node restarted.
	restartParticipantAfter map[int]uint32
	// restartCoordinatorIn kills the coordinator once the first hospital has
	// uploaded its update of that round, and starts a new one on the same
	// address, chain and store: a coordinator restarted mid-round.
	restartCoordinatorIn uint32
	// restartCoordinatorInReshare kills the coordinator in the middle of
	// the re-sharing before that round (once a new holder keeps its new
	// share pending) and starts a new one, as restartCoordinatorIn does.
	restartCoordinatorInReshare uint32
	// robust turns on encrypted robust scoring: the researcher's root data
	// set (root, or for synthetic cohorts an extra synthetic site) scores
	// every update, trust weights replace sample weights, flags go on chain.
	robust bool
	root   []records.Record
	// attacks makes hospital i (by index) an attacker.
	attacks map[int]participant.Attack
	// strikeLimit is the study's strike limit (default 3).
	strikeLimit int
	// localConsent reads consent from the synthetic cohorts' own flags
	// instead of relaying every patient's grant on chain first (≈3 ms a
	// grant): for tests about something else.
	localConsent bool
	// serverOptimizer, if set, replaces FedAvg at the coordinator.
	serverOptimizer *aggregation.FedOptConfig
	// joinBeforeRound makes hospital i (by index) join the running study
	// on chain, and start its node, after round joinBeforeRound[i]-1 closed
	// and before round joinBeforeRound[i] opens; the coordinator re-shares
	// the threshold key to include it. Key generation waits for the others.
	joinBeforeRound map[int]uint32
	// leaveBeforeRound makes hospital i sign its on-chain leave, and stop
	// its node, before round leaveBeforeRound[i] opens; the coordinator
	// re-shares the key without it.
	leaveBeforeRound map[int]uint32
	// keystores keeps every hospital's key shares in an encrypted keystore
	// (light scrypt) in its data directory, as a production node does.
	keystores bool
	// standardise is the study's feature standardisation (empty: none, the
	// sites are used as given). With records.StandardisePooled the sites hold
	// raw features and the coordinator and hospitals run the moments phase
	// before round 1, encoding moments with scales (one per feature).
	standardise records.Standardisation
	scales      []float64
	// consentReady, if set, is called once the synthetic patients' consent
	// grants are on chain, before key generation and round 1.
	consentReady func(consentFigures)
	// afterStudy, if set, is called by demo once the study is done and
	// summarised, while its chain and coordinator store are still up.
	afterStudy func(*localStudy, *demoReport) error
	// onStart, if set, is called once the study is on chain, before its
	// consent, keys and rounds: a live view starts there. What it may read
	// of the study while it runs: ledger, studyID, sites, hospitals, the
	// coordinator's store in dataDir, and runFigures.
	onStart func(*localStudy) error
}

// localChainClockLead bounds how far the embedded chain's clock runs ahead
// of the wall clock: well inside a round's deadline (an hour by default),
// and beyond what a small study's transactions reach, so they are never
// held back.
const localChainClockLead = 10 * time.Minute

// Consent on chain in a synthetic study: every consenting patient signs a
// grant before round 1; then, just before round demoRevokeRound opens, the
// first demoRevocationsPerSite consenting training patients of each hospital
// revoke, so the demo shows a revocation reaching training.
const (
	demoRevokeRound        = 3
	demoRevocationsPerSite = 3
	// demoConsentValidity is how long the demo's grants last.
	demoConsentValidity = 365 * 24 * time.Hour
)

// consentFigures describe where a study's consent came from and what
// putting it on chain cost.
type consentFigures struct {
	// Source is "chain" (synthetic patients sign grants that their
	// hospitals relay) or "local" (hospital files' own consent flags).
	Source string `json:"source"`
	// Granted is the number of patients whose signed grant was relayed.
	Granted      int     `json:"granted"`
	GrantSeconds float64 `json:"grant_seconds"`
	GrantGas     uint64  `json:"grant_gas"`
	// Revoked is the number of patients who revoked, effective from round
	// RevokedFromRound on.
	Revoked          int     `json:"revoked"`
	RevokedFromRound uint32  `json:"revoked_from_round,omitempty"`
	RevokeSeconds    float64 `json:"revoke_seconds"`
	RevokeGas        uint64  `json:"revoke_gas"`
}

// revocation is one synthetic patient's revocation in a study.
type revocation struct {
	hospital int
	recordID string
	patient  common.Hash
}

// roundFigures are one round's figures, as the report and progress line show them.
type roundFigures struct {
	Round        uint32  `json:"round"`
	Accuracy     float64 `json:"accuracy"`
	AUC          float64 `json:"auc"`
	Loss         float64 `json:"loss"`
	Participants int     `json:"participants"`
	// Samples is the number of training records used this round, summed over
	// hospitals: those whose patients' consent was active as the round opened.
	Samples int `json:"samples"`
	// NewlyRevoked is the number of patients whose revocation first applies
	// in this round.
	NewlyRevoked  int          `json:"newly_revoked,omitempty"`
	GasUsed       uint64       `json:"gas_used"`
	Seconds       roundSeconds `json:"seconds"`
	UploadBytes   int          `json:"upload_bytes"`
	AggregateHash common.Hash  `json:"aggregate_hash"`
	ModelHash     common.Hash  `json:"model_hash"`
	// Contributors are the hospitals whose updates the round aggregated.
	Contributors []common.Address `json:"contributors,omitempty"`
	// Flagged are the contributors robust scoring flagged this round, and
	// Suspended the members suspended from the study after it.
	Flagged   []common.Address `json:"flagged,omitempty"`
	Suspended []common.Address `json:"suspended,omitempty"`
	// names of the hospitals at those addresses, for people.
	flaggedNames, suspendedNames []string
	// BalancedAccuracy is over every site's test records; Sites has each
	// site's own metrics on its test split.
	BalancedAccuracy float64 `json:"balanced_accuracy"`
	// CIndex is a Cox model's C-index over every site's test pairs (within
	// sites).
	CIndex float64            `json:"c_index,omitempty"`
	Sites  []siteRoundMetrics `json:"sites"`
}

// siteRoundMetrics are one hospital's metrics on its own test split.
type siteRoundMetrics struct {
	Name string `json:"name"`
	coordinator.Metrics
}

// roundSeconds splits a round's time by phase. Train and encrypt are the
// slowest participant's (they run in parallel); chain adds every party's waits.
type roundSeconds struct {
	Train     float64 `json:"train"`
	Encrypt   float64 `json:"encrypt"`
	Aggregate float64 `json:"aggregate"`
	Decrypt   float64 `json:"decrypt"`
	Score     float64 `json:"score,omitempty"` // encrypted robust scoring, incl. score decryption
	Chain     float64 `json:"chain"`
	Total     float64 `json:"total"`
}

type participantInfo struct {
	Name    string         `json:"name"`
	Address common.Address `json:"address"`
	Records int            `json:"records"`
	// Consented is the number of training records with active consent as
	// of round 1 (on chain, or by the hospital's file).
	Consented int `json:"consented"`
	Test      int `json:"test_records"`
	// dataDir is the hospital node's data directory (its per-round ids).
	dataDir string
}

// localStudy is a running in-process study.
type localStudy struct {
	chain        *contracts.Chain
	ledger       *contracts.Ledger
	studyID      uint64
	researcher   *contracts.Account
	coordAddr    common.Address
	participants []participantInfo
	spec         models.Spec
	listen       string
	ca           *auth.CA
	result       *coordinator.Result
	rounds       []roundFigures
	cfg          localStudyConfig
	server       *grpc.Server
	conns        []*grpc.ClientConn
	consent      consentFigures
	revoked      []revocation
	// startLater starts the nodes of hospitals that join between rounds;
	// stopNode[i] stops hospital i's node. nodesMu guards both: the
	// coordinator's progress callback reads them.
	nodesMu    sync.Mutex
	startLater []lateNode
	stopNode   []context.CancelFunc
	// standardiser is the pooled standardiser the study agreed on, if any.
	standardiser *records.Standardiser
	// hospitalKeys are the hospitals' Ethereum keys, by index, sites
	// their records and hospitals their nodes (set before onStart).
	hospitalKeys []*ecdsa.PrivateKey
	sites        []records.Site
	hospitals    []hospitalNode
	// figMu guards rounds for readers while the study runs.
	figMu sync.Mutex
}

// hospitalNode is where a hospital of a local study keeps its node's state.
type hospitalNode struct {
	name    string
	address common.Address
	dataDir string
}

// runFigures returns a copy of the figures of the rounds closed so far;
// it is safe to call while the study runs.
func (s *localStudy) runFigures() []roundFigures {
	s.figMu.Lock()
	defer s.figMu.Unlock()
	return slices.Clone(s.rounds)
}

// msgPendingShare is what a participant logs once it keeps a re-sharing's
// new share pending (participant.reshareKey).
const msgPendingShare = "new threshold share received; pending until the coordinator commits"

// onMessage is a log handler that calls do when a record with message msg
// and attribute round equal to round passes: how the harness kills the
// coordinator at a precise point of a protocol without hooks in it.
type onMessage struct {
	slog.Handler
	msg   string
	round uint32
	do    func()
}

func (h *onMessage) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == h.msg {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "round" && a.Value.Kind() == slog.KindUint64 && a.Value.Uint64() == uint64(h.round) {
				h.do()
			}
			return true
		})
	}
	return h.Handler.Handle(ctx, r)
}

func (h *onMessage) WithAttrs(as []slog.Attr) slog.Handler {
	return &onMessage{Handler: h.Handler.WithAttrs(as), msg: h.msg, round: h.round, do: h.do}
}

func (h *onMessage) WithGroup(name string) slog.Handler {
	return &onMessage{Handler: h.Handler.WithGroup(name), msg: h.msg, round: h.round, do: h.do}
}

// lateNode is the node of a hospital that joins a running study.
type lateNode struct {
	hospital int
	start    func()
}

// changeMembers applies the membership changes due before round r: the
// hospitals that leave sign their leave on chain and stop; the hospitals
// that join sign their join on chain and start their nodes.
func (s *localStudy) changeMembers(ctx context.Context, r uint32, hospitalKeys []*ecdsa.PrivateKey) error {
	s.nodesMu.Lock()
	defer s.nodesMu.Unlock()
	for i, at := range s.cfg.leaveBeforeRound {
		if at != r {
			continue
		}
		if _, err := s.ledger.LeaveStudy(ctx, contracts.NewAccount(hospitalKeys[i]), s.studyID); err != nil {
			return fmt.Errorf("hospital-%d leaving: %w", i+1, err)
		}
		s.stopNode[i]()
	}
	for _, n := range s.startLater {
		if s.cfg.joinBeforeRound[n.hospital] != r {
			continue
		}
		if _, err := s.ledger.JoinStudy(ctx, contracts.NewAccount(hospitalKeys[n.hospital]), s.studyID); err != nil {
			return fmt.Errorf("hospital-%d joining: %w", n.hospital+1, err)
		}
		n.start()
	}
	return nil
}

// runLocalStudy assembles and runs a study; it returns when every round is
// closed on chain. The caller must Close the returned study.
func runLocalStudy(ctx context.Context, cfg localStudyConfig) (*localStudy, error) {
	if r := cfg.recipe; r != nil {
		train := r.LocalTraining()
		cfg.spec, cfg.train, cfg.serverOptimizer, cfg.rounds = &r.Model, &train, &r.Server, r.Rounds
		cfg.standardise = r.Standardise
		if cfg.standardise != records.StandardiseNone && cfg.scales == nil && cfg.sites == nil {
			cfg.scales = unitScales(syntheticConfig(cfg).Features)
		}
	}
	if cfg.hospitals < 1 || cfg.rounds < 1 {
		return nil, fmt.Errorf("need at least 1 hospital and 1 round (got %d and %d)", cfg.hospitals, cfg.rounds)
	}
	if cfg.log == nil {
		cfg.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.strikeLimit == 0 {
		cfg.strikeLimit = 3
	}
	if cfg.threshold == 0 {
		cfg.threshold = (2*cfg.hospitals + 2) / 3
	}
	if cfg.minParticipants == 0 {
		cfg.minParticipants = cfg.hospitals
		if cfg.robust {
			// Flagged hospitals get suspended: the study goes on without them.
			cfg.minParticipants = cfg.threshold
		}
	}
	s := &localStudy{cfg: cfg}
	// A failure outside the hospitals and the coordinator (relaying
	// revocations) cancels the study with its cause.
	ctx, abort := context.WithCancelCause(ctx)
	defer abort(nil)
	ok := false
	defer func() {
		if !ok {
			s.Close()
		}
	}()

	// Identities: an Ethereum key per party, a TLS certificate per institution.
	researcherKey, coordKey, err := newKey(), newKey(), error(nil)
	hospitalKeys := make([]*ecdsa.PrivateKey, cfg.hospitals)
	for i := range hospitalKeys {
		hospitalKeys[i] = newKey()
	}
	s.hospitalKeys = hospitalKeys
	if s.ca, err = auth.NewCA("Cohort demo consortium"); err != nil {
		return nil, err
	}
	coordCert, err := s.ca.Issue("coordinator", "127.0.0.1")
	if err != nil {
		return nil, err
	}
	hospitalCerts := make([]tls.Certificate, cfg.hospitals)
	founders := make([]contracts.Member, cfg.hospitals)
	funded := []common.Address{crypto.PubkeyToAddress(researcherKey.PublicKey), crypto.PubkeyToAddress(coordKey.PublicKey)}
	for i, k := range hospitalKeys {
		name := fmt.Sprintf("hospital-%d", i+1)
		if hospitalCerts[i], err = s.ca.Issue(name); err != nil {
			return nil, err
		}
		founders[i] = contracts.Member{Address: crypto.PubkeyToAddress(k.PublicKey), Name: name, TLSFingerprint: auth.Fingerprint(hospitalCerts[i])}
		funded = append(funded, founders[i].Address)
	}

	// The ledger: an embedded chain with the Cohort contract and the study.
	if s.chain, err = contracts.NewSimulatedChain(funded...); err != nil {
		return nil, err
	}
	// Every block is a second after its parent: with a hundred hospitals the
	// chain's clock would run far ahead and expire the rounds' deadlines
	// (set from the wall clock); past this lead transactions share blocks.
	s.chain.SetClockLead(localChainClockLead)
	s.researcher = contracts.NewAccount(researcherKey)
	coordAccount := contracts.NewAccount(coordKey)
	s.coordAddr = coordAccount.Address()
	if s.ledger, _, err = contracts.Deploy(ctx, s.chain, s.researcher, founders); err != nil {
		return nil, fmt.Errorf("deploy contract: %w", err)
	}
	sites, root := cfg.sites, cfg.root
	consentSource := participant.ConsentLocal
	if sites == nil {
		sc := syntheticConfig(cfg)
		if cfg.robust && root == nil {
			sc.Sites++ // one more site: the researcher's clean root data
		}
		if sites, err = records.Synthetic(sc); err != nil {
			return nil, err
		}
		if cfg.robust && root == nil {
			root, sites = balancedSample(sites[cfg.hospitals].Train, 30), sites[:cfg.hospitals]
		}
		// Synthetic patients have consent keys, so the chain decides; a
		// fresh chain holds no grants for the patients of hospital files,
		// whose consent comes from the files.
		if !cfg.localConsent {
			consentSource = participant.ConsentChain
		}
	}
	s.consent.Source = string(consentSource)
	s.sites = sites
	if len(sites) != cfg.hospitals {
		return nil, fmt.Errorf("%d hospitals but %d sites of records; give one site per hospital", cfg.hospitals, len(sites))
	}
	if len(sites[0].Train) == 0 {
		return nil, fmt.Errorf("site %s has no training records", sites[0].Name)
	}
	s.spec = models.Spec{Kind: models.KindLogistic, Features: len(sites[0].Train[0].Features)}
	if cfg.spec != nil {
		s.spec = *cfg.spec
	}
	specJSON, err := json.Marshal(s.spec)
	if err != nil {
		return nil, err
	}
	_, specDigest, err := specHash(specJSON) // the canonical hash `cohort study create` records
	if err != nil {
		return nil, err
	}
	var recipeBytes []byte
	if cfg.recipe != nil {
		if s.spec.Features != cfg.recipe.Model.Features {
			return nil, fmt.Errorf("the recipe's model has %d features but the records have %d; set model.features to %d", cfg.recipe.Model.Features, s.spec.Features, len(sites[0].Train[0].Features))
		}
		if recipeBytes, err = cfg.recipe.Canonical(); err != nil {
			return nil, err
		}
		specDigest = crypto.Keccak256Hash(recipeBytes) // as `cohort study create --recipe` records it
	}
	reference := crypto.Keccak256Hash([]byte("cohort demo: no reference dataset"))
	var rootData *models.Dataset
	if cfg.robust {
		if len(root) == 0 {
			return nil, errors.New("robust scoring needs the researcher's root data set")
		}
		X, y := records.Matrix(root)
		rootData = &models.Dataset{X: X, Y: y}
		if reference, err = rootData.Hash(); err != nil {
			return nil, err
		}
	}
	// With robust scoring the study's policy goes on chain; the coordinator
	// and every holder check theirs against it.
	var robustPolicy common.Hash
	if cfg.robust {
		policy, err := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
		if err != nil {
			return nil, err
		}
		robustPolicy = policy.Hash()
	}
	s.studyID, _, err = s.ledger.CreateStudy(ctx, s.researcher, contracts.StudyParams{
		SpecHash:        specDigest,
		Purpose:         crypto.Keccak256Hash([]byte("demo: synthetic clinical cohort")),
		Rounds:          uint32(cfg.rounds),
		MinParticipants: uint32(cfg.minParticipants),
		Threshold:       uint32(cfg.threshold),
		StrikeLimit:     uint32(max(cfg.strikeLimit, 1)),
		// The researcher's root data set; without robust scoring the
		// commitment says there is none rather than being left blank.
		ReferenceCommitment: reference,
		Coordinator:         s.coordAddr,
		Privacy:             privacyBudget(cfg.train),
		RobustPolicyHash:    robustPolicy,
	})
	if err != nil {
		return nil, fmt.Errorf("create study: %w", err)
	}
	for _, f := range founders {
		s.hospitals = append(s.hospitals, hospitalNode{name: f.Name, address: f.Address, dataDir: filepath.Join(cfg.dataDir, f.Name)})
	}
	if cfg.onStart != nil {
		if err := cfg.onStart(s); err != nil {
			return nil, err
		}
	}

	if consentSource == participant.ConsentChain {
		if err := s.grantConsent(ctx, sites, hospitalKeys); err != nil {
			return nil, err
		}
		if cfg.consentReady != nil {
			cfg.consentReady(s.consent)
		}
	}

	var scheme *aggregation.Scheme
	if !cfg.plaintext {
		if scheme, err = aggregation.NewScheme(aggregation.DefaultConfig()); err != nil {
			return nil, err
		}
	}

	// The coordinator: a gRPC server over mutual TLS on loopback.
	store, err := coordinator.OpenStore(filepath.Join(cfg.dataDir, "coordinator"))
	if err != nil {
		return nil, err
	}
	if recipeBytes != nil {
		if _, err := store.Put(recipeBytes); err != nil { // hospitals fetch it by its on-chain hash
			return nil, err
		}
	}
	figures := newRoundCollector()
	ccfg := coordinator.DefaultConfig()
	ccfg.StudyID, ccfg.Participants, ccfg.Rounds, ccfg.Spec, ccfg.InitSeed = s.studyID, cfg.hospitals-len(cfg.joinBeforeRound), cfg.rounds, s.spec, cfg.seed
	ccfg.InsecurePlaintext = cfg.plaintext
	ccfg.Root = rootData
	if cfg.train != nil && cfg.train.Privacy != nil {
		ccfg.PrivateTraining = cfg.train
	}
	ccfg.Standardisation, ccfg.Scales = cfg.standardise, cfg.scales
	if cfg.serverOptimizer != nil {
		ccfg.ServerOptimizer = *cfg.serverOptimizer
	}
	if cfg.phaseTimeout > 0 {
		ccfg.PhaseTimeout = cfg.phaseTimeout
	}
	ccfg.Progress = func(r coordinator.RoundReport) {
		f := figures.finish(r)
		if f.Round == s.consent.RevokedFromRound {
			f.NewlyRevoked = s.consent.Revoked
		}
		f.BalancedAccuracy, f.CIndex = r.Pooled.BalancedAccuracy, r.Pooled.CIndex
		for _, site := range r.Sites {
			name := site.Participant.Hex()
			for _, p := range s.participants {
				if p.Address == site.Participant {
					name = p.Name
				}
			}
			f.Sites = append(f.Sites, siteRoundMetrics{Name: name, Metrics: site.Metrics})
		}
		if cfg.robust {
			for _, p := range s.participants {
				if st, err := s.ledger.Participant(ctx, s.studyID, p.Address); err == nil && st.Suspended {
					f.Suspended = append(f.Suspended, p.Address)
					f.suspendedNames = append(f.suspendedNames, p.Name)
				}
				if slices.Contains(f.Flagged, p.Address) {
					f.flaggedNames = append(f.flaggedNames, p.Name)
				}
			}
		}
		s.figMu.Lock()
		s.rounds = append(s.rounds, f)
		s.figMu.Unlock()
		if cfg.progress != nil {
			cfg.progress(f)
		}
		// Membership changes between rounds: the coordinator opens the
		// next round, after re-sharing, once this returns.
		if err := s.changeMembers(ctx, r.Round+1, hospitalKeys); err != nil {
			abort(fmt.Errorf("changing members before round %d: %w", r.Round+1, err))
		}
		// The coordinator opens the next round once this returns, so
		// revocations relayed now apply from it on.
		if consentSource == participant.ConsentChain && r.Round+1 == demoRevokeRound && s.consent.Revoked == 0 {
			if err := s.revokeConsent(ctx, sites, hospitalKeys, demoRevokeRound); err != nil {
				abort(fmt.Errorf("relaying the demo's revocations before round %d: %w", demoRevokeRound, err))
			}
		}
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.listen = lis.Addr().String()
	serve := func(lis net.Listener) (*coordinator.Coordinator, error) {
		coord, err := coordinator.New(ccfg, s.ledger, coordAccount, scheme, store, cfg.log.With("component", "coordinator"))
		if err != nil {
			return nil, err
		}
		s.server = grpc.NewServer(append(messageLimitServer(), grpc.Creds(credentials.NewTLS(auth.ServerConfig(coordCert, s.ca.Pool()))))...)
		coord.Register(s.server)
		go func() { _ = s.server.Serve(lis) }()
		return coord, nil
	}
	coord, err := serve(lis)
	if err != nil {
		return nil, err
	}

	// The hospitals, each with its own connection, key and records.
	g, gctx := errgroup.WithContext(ctx)
	var result *coordinator.Result
	restart := make(chan struct{})
	g.Go(func() error {
		cctx, kill := context.WithCancel(gctx)
		defer kill()
		go func() {
			select {
			case <-restart:
				kill()
			case <-cctx.Done():
			}
		}()
		var err error
		if result, err = coord.Run(cctx); err == nil || gctx.Err() != nil || cctx.Err() == nil {
			return err
		}
		// Killed mid-round: a new coordinator process on the same address,
		// with nothing but the chain and the blob store to go on.
		s.server.Stop()
		lis, err := net.Listen("tcp", s.listen)
		if err != nil {
			return err
		}
		if coord, err = serve(lis); err != nil {
			return err
		}
		result, err = coord.Run(gctx)
		return err
	})
	var restartOnce sync.Once
	plog := cfg.log
	if r := cfg.restartCoordinatorInReshare; r != 0 {
		plog = slog.New(&onMessage{Handler: cfg.log.Handler(), msg: msgPendingShare, round: r, do: func() { restartOnce.Do(func() { close(restart) }) }})
	}
	for i, site := range sites {
		conn, err := grpc.NewClient(s.listen, messageLimitDial(), grpc.WithTransportCredentials(credentials.NewTLS(auth.ClientConfig(hospitalCerts[i], s.ca.Pool(), "127.0.0.1"))))
		if err != nil {
			return nil, err
		}
		s.conns = append(s.conns, conn)
		if err := s.checkHospitalRecipe(ctx, i, specDigest, cohortv1.NewCoordinatorClient(conn)); err != nil {
			return nil, err
		}
		dataDir := s.hospitals[i].dataDir
		s.participants = append(s.participants, participantInfo{
			Name: founders[i].Name, Address: founders[i].Address, Records: len(site.Train), Test: len(site.Test), dataDir: dataDir,
		})
		if consentSource == participant.ConsentLocal {
			s.participants[i].Consented = len(records.ConsentedOnly(site.Train, site.Consents))
		}
		pctx, stop := context.WithCancel(gctx)
		defer stop()
		observe := func(t participant.Trace) {
			figures.observe(t)
			if r, ok := cfg.dropAfter[i]; ok && t.Round == r {
				stop() // the site dies right after its upload
			}
			if r, ok := cfg.restartParticipantAfter[i]; ok && t.Round == r {
				stop() // the node dies right after its upload, and comes back below
			}
			if i == 0 && t.Round == cfg.restartCoordinatorIn {
				restartOnce.Do(func() { close(restart) })
			}
		}
		var ks *participant.Keystore
		if _, restarts := cfg.restartParticipantAfter[i]; restarts || cfg.keystores {
			// Key shares at rest, so that the restarted node has them.
			if ks, err = participant.OpenKeystore(filepath.Join(dataDir, "keystore"), "demo passphrase", participant.WithLightScrypt()); err != nil {
				return nil, err
			}
		}
		pcfg := participant.Config{
			Name: founders[i].Name, StudyID: s.studyID, Site: site, ConsentSource: consentSource, Spec: s.spec,
			Train: trainConfig(cfg, int64(i)), Observe: observe, InsecurePlaintext: cfg.plaintext,
			Standardisation: cfg.standardise, Scales: cfg.scales,
			DataDir: dataDir, Keystore: ks, RetryBase: 100 * time.Millisecond, Attack: cfg.attacks[i],
			// Fail fast in one process, unless the coordinator is meant to vanish.
			StopOnTaskError: cfg.restartCoordinatorIn == 0 && cfg.restartCoordinatorInReshare == 0,
		}
		client := cohortv1.NewCoordinatorClient(conn)
		p, err := participant.New(pcfg, client, s.ledger, hospitalKeys[i], auth.Fingerprint(hospitalCerts[i]), scheme, plog)
		if err != nil {
			return nil, err
		}
		run := func() error {
			err := p.Run(pctx)
			if pctx.Err() == nil || gctx.Err() != nil {
				return err
			}
			if _, restarts := cfg.restartParticipantAfter[i]; !restarts {
				return nil // a deliberately dropped (or departed) site; the study goes on
			}
			// A new node process: nothing but its key, keystore and data directory.
			pcfg.Observe = figures.observe
			again, err := participant.New(pcfg, client, s.ledger, hospitalKeys[i], auth.Fingerprint(hospitalCerts[i]), scheme, cfg.log)
			if err != nil {
				return err
			}
			return again.Run(gctx)
		}
		s.nodesMu.Lock()
		if _, later := cfg.joinBeforeRound[i]; later {
			s.startLater = append(s.startLater, lateNode{hospital: i, start: func() { g.Go(run) }})
		} else {
			g.Go(run)
		}
		s.stopNode = append(s.stopNode, stop)
		s.nodesMu.Unlock()
	}
	if err := g.Wait(); err != nil {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
			return nil, cause
		}
		return nil, err
	}
	s.result = result
	if h := result.StandardiserHash; h != (common.Hash{}) {
		enc, err := store.Get(h)
		if err != nil {
			return nil, fmt.Errorf("the agreed standardiser: %w", err)
		}
		std, err := records.DecodeStandardiser(enc)
		if err != nil {
			return nil, err
		}
		s.standardiser = &std
	}
	if consentSource == participant.ConsentChain {
		// Consented as of round 1, as the chain decided it.
		for i, site := range sites {
			used, err := participant.ConsentedOnChain(ctx, s.ledger, s.studyID, 1, site.Train)
			if err != nil {
				return nil, err
			}
			s.participants[i].Consented = len(used)
		}
	}
	ok = true
	return s, nil
}

// checkHospitalRecipe is hospital i's check, before its node starts, that
// its recipe is the one the chain records for the study (as a hospital
// daemon's start does): a mismatch names the differing fields.
func (s *localStudy) checkHospitalRecipe(ctx context.Context, i int, onChain common.Hash, client cohortv1.CoordinatorClient) error {
	if s.cfg.recipe == nil {
		return nil
	}
	own := *s.cfg.recipe
	if r, ok := s.cfg.hospitalRecipes[i]; ok {
		own = r
	}
	study, err := s.ledger.Study(ctx, s.studyID)
	if err != nil {
		return err
	}
	if study.SpecHash != onChain {
		return fmt.Errorf("study %d records %s, not the recipe's hash %s", s.studyID, study.SpecHash.Hex(), onChain.Hex())
	}
	pieces, err := fromRecipe(own, fmt.Sprintf("hospital-%d's recipe", i+1))
	if err != nil {
		return err
	}
	return checkWithStudyRecipe(ctx, pieces, study.SpecHash, client)
}

// grantConsent has every consenting synthetic patient sign an EIP-712
// grant for the study with the key derived from the cohort's seed (test
// data only; see records.SyntheticPatientKey) and their hospital relay them
// on chain in batches (contracts.ConsentBatchSize per transaction), the
// hospitals in parallel.
func (s *localStudy) grantConsent(ctx context.Context, sites []records.Site, hospitalKeys []*ecdsa.PrivateKey) error {
	domain, err := s.ledger.ConsentDomain(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	expiry := start.Add(demoConsentValidity)
	granted := make([]int, len(sites))
	gas := make([]uint64, len(sites))
	g, gctx := errgroup.WithContext(ctx)
	for i, site := range sites {
		relayer := contracts.NewAccount(hospitalKeys[i])
		g.Go(func() error {
			var batch []contracts.SignedConsent
			for _, r := range slices.Concat(site.Train, site.Test) {
				if !site.Consent[r.ID] {
					continue
				}
				// A fresh deployment: every patient's first change has nonce 0.
				signed, err := s.signConsent(domain, r, true, expiry, 0)
				if err != nil {
					return err
				}
				batch = append(batch, signed)
			}
			if len(batch) == 0 {
				return nil
			}
			res, err := s.relayAll(gctx, relayer, batch)
			if err != nil {
				return err
			}
			granted[i], gas[i] = res.Recorded, res.GasUsed
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i := range sites {
		s.consent.Granted += granted[i]
		s.consent.GrantGas += gas[i]
	}
	s.consent.GrantSeconds = time.Since(start).Seconds()
	return nil
}

// revokeConsent has the first demoRevocationsPerSite consenting training
// patients of each hospital (fewer if that would leave it none) sign a
// revocation that their hospital relays, before round from opens.
func (s *localStudy) revokeConsent(ctx context.Context, sites []records.Site, hospitalKeys []*ecdsa.PrivateKey, from uint32) error {
	domain, err := s.ledger.ConsentDomain(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	revoked := make([][]revocation, len(sites))
	gas := make([]uint64, len(sites))
	g, gctx := errgroup.WithContext(ctx)
	for i, site := range sites {
		relayer := contracts.NewAccount(hospitalKeys[i])
		consenting := records.ConsentedOnly(site.Train, site.Consents)
		n := min(demoRevocationsPerSite, len(consenting)-1)
		g.Go(func() error {
			var batch []contracts.SignedConsent
			for _, r := range consenting[:max(n, 0)] {
				nonce, err := s.ledger.ConsentNonce(gctx, r.Patient, contracts.ConsentScope{StudyID: s.studyID})
				if err != nil {
					return err
				}
				signed, err := s.signConsent(domain, r, false, time.Time{}, nonce)
				if err != nil {
					return err
				}
				batch = append(batch, signed)
				revoked[i] = append(revoked[i], revocation{hospital: i, recordID: r.ID, patient: r.Patient})
			}
			if len(batch) == 0 {
				return nil
			}
			res, err := s.relayAll(gctx, relayer, batch)
			if err != nil {
				return err
			}
			gas[i] = res.GasUsed
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i := range sites {
		s.revoked = append(s.revoked, revoked[i]...)
		s.consent.RevokeGas += gas[i]
	}
	s.consent.Revoked, s.consent.RevokedFromRound = len(s.revoked), from
	s.consent.RevokeSeconds = time.Since(start).Seconds()
	return nil
}

// relayAll relays a hospital's batch of its patients' signed changes; any
// change the contract skipped is an error (the local study signs them all
// right).
func (s *localStudy) relayAll(ctx context.Context, relayer *contracts.Account, batch []contracts.SignedConsent) (contracts.ConsentBatchResult, error) {
	res, err := s.ledger.RelayConsentBatch(ctx, relayer, batch)
	if err != nil {
		return res, fmt.Errorf("%s relaying its patients' consent: %w", relayer, err)
	}
	for j, o := range res.Outcomes {
		if o != contracts.ConsentRecorded {
			return res, fmt.Errorf("%s relaying the consent change of patient %s: %w", relayer, batch[j].Patient, o.Err())
		}
	}
	return res, nil
}

// signConsent signs a study-scoped consent change as the synthetic patient
// of record r.
func (s *localStudy) signConsent(domain contracts.ConsentDomain, r records.Record, granted bool, expiry time.Time, nonce uint32) (contracts.SignedConsent, error) {
	key, err := records.SyntheticPatientKey(s.cfg.seed, r.ID)
	if err != nil {
		return contracts.SignedConsent{}, err
	}
	return contracts.SignConsent(key, domain, contracts.ConsentChange{
		Patient: r.Patient, Scope: contracts.ConsentScope{StudyID: s.studyID}, Granted: granted, Expiry: expiry, Nonce: nonce,
	})
}

// dial connects to the study's coordinator as a consortium member named name.
func (s *localStudy) dial(name string) (cohortv1.CoordinatorClient, error) {
	cert, err := s.ca.Issue(name)
	if err != nil {
		return nil, err
	}
	conn, err := grpc.NewClient(s.listen, grpc.WithTransportCredentials(credentials.NewTLS(auth.ClientConfig(cert, s.ca.Pool(), "127.0.0.1"))))
	if err != nil {
		return nil, err
	}
	s.conns = append(s.conns, conn)
	return cohortv1.NewCoordinatorClient(conn), nil
}

// Close stops the coordinator's server, the connections and the embedded chain.
func (s *localStudy) Close() {
	for _, c := range s.conns {
		_ = c.Close()
	}
	if s.server != nil {
		stopped := make(chan struct{})
		go func() { s.server.GracefulStop(); close(stopped) }()
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			s.server.Stop()
		}
	}
	if s.chain != nil {
		_ = s.chain.Close()
	}
}

func newKey() *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	if err != nil {
		panic(fmt.Sprintf("cohort: no randomness for a key: %v", err)) // crypto/rand never fails on supported platforms
	}
	return k
}

func syntheticConfig(cfg localStudyConfig) records.SyntheticConfig {
	sc := records.DefaultSyntheticConfig()
	sc.Sites, sc.Seed = cfg.hospitals, cfg.seed
	return sc
}

// balancedSample takes up to perClass records of each label, in order: a
// root data set must represent both outcomes, or its reference update points
// away from honest hospitals whose label balance differs.
func balancedSample(recs []records.Record, perClass int) []records.Record {
	var out []records.Record
	taken := map[float64]int{}
	for _, r := range recs {
		if taken[r.Label] < perClass {
			out = append(out, r)
			taken[r.Label]++
		}
	}
	return out
}

// trainConfig is hospital i's local training configuration.
func trainConfig(cfg localStudyConfig, i int64) models.TrainConfig {
	tc := models.DefaultTrainConfig()
	if cfg.train != nil {
		tc = *cfg.train
	}
	tc.Seed = cfg.seed + i
	return tc
}

// roundCollector joins the participants' traces of a round with the
// coordinator's report of it.
type roundCollector struct {
	mu     sync.Mutex
	traces map[uint32][]participant.Trace
}

func newRoundCollector() *roundCollector {
	return &roundCollector{traces: make(map[uint32][]participant.Trace)}
}

func (c *roundCollector) observe(t participant.Trace) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.traces[t.Round] = append(c.traces[t.Round], t)
}

func (c *roundCollector) finish(r coordinator.RoundReport) roundFigures {
	c.mu.Lock()
	traces := c.traces[r.Round]
	delete(c.traces, r.Round)
	c.mu.Unlock()
	f := roundFigures{
		Round: r.Round, Accuracy: r.Accuracy, AUC: r.AUC, Loss: r.Loss, Participants: len(r.Contributors),
		GasUsed: r.GasUsed, AggregateHash: r.AggregateHash, ModelHash: r.ModelHash,
		Seconds: roundSeconds{Aggregate: r.Aggregate.Seconds(), Decrypt: r.Decrypt.Seconds(), Score: r.Score.Seconds(), Chain: r.Chain.Seconds(), Total: r.Wall.Seconds()},
		Flagged: r.Flagged, Contributors: r.Contributors,
	}
	var slowestTrain, slowestEncrypt, chain time.Duration
	for _, t := range traces {
		slowestTrain = max(slowestTrain, t.Train)
		slowestEncrypt = max(slowestEncrypt, t.Encrypt)
		chain += t.Chain
		f.GasUsed += t.GasUsed
		f.Samples += t.Samples
		f.UploadBytes += t.UploadBytes
	}
	f.Seconds.Train, f.Seconds.Encrypt = slowestTrain.Seconds(), slowestEncrypt.Seconds()
	f.Seconds.Chain += chain.Seconds()
	return f
}

var errNoRounds = errors.New("the study closed no rounds")
