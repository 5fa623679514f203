package simulation

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// ChainClockLead bounds how far the embedded chain's clock runs ahead
// of the wall clock: well inside a round's deadline (an hour by default),
// and beyond what a small study's transactions reach, so they are never
// held back.
const ChainClockLead = 10 * time.Minute

// Consent on chain in a synthetic study: every consenting patient signs a
// grant before round 1; then, just before round RevokeRound opens, the
// first RevocationsPerSite consenting training patients of each hospital
// revoke, so the demo shows a revocation reaching training.
const (
	RevokeRound        = 3
	RevocationsPerSite = 3
	// consentValidity is how long the demo's grants last.
	consentValidity = 365 * 24 * time.Hour
)

// Study is a running in-process study.
type Study struct {
	chain      *contracts.Chain
	ledger     *contracts.Ledger
	studyID    uint64
	researcher *contracts.Account
	// researcherKey signs the harness's blob requests (FetchBlob) as
	// the study's owner.
	researcherKey *ecdsa.PrivateKey
	coordAddr     common.Address
	participants  []Participant
	spec          models.Spec
	listen        string
	ca            *auth.CA
	result        *coordinator.Result
	rounds        []RoundFigures
	cfg           Config
	server        *grpc.Server
	conns         []*grpc.ClientConn
	consent       ConsentFigures
	revoked       []Revocation
	// startLater starts the nodes of hospitals that join between rounds;
	// stopNode[i] stops hospital i's node. nodesMu guards both: the
	// coordinator's progress callback reads them.
	nodesMu    sync.Mutex
	startLater []lateNode
	// rejoinLater starts the new nodes of hospitals that left and join again.
	rejoinLater []lateNode
	stopNode    []context.CancelFunc
	// live holds what the live handle (live.go) needs: the coordinator's
	// restart requests, each hospital's node state, and finished, closed
	// once the coordinator is done.
	live live
	// standardiser is the pooled standardiser the study agreed on, if any.
	standardiser *records.Standardiser
	// hospitalKeys are the hospitals' Ethereum keys, by index, sites
	// their records and hospitals their nodes (set before onStart).
	hospitalKeys []*ecdsa.PrivateKey
	sites        []records.Site
	hospitals    []Hospital
	// figMu guards rounds for readers while the study runs.
	figMu sync.Mutex
	// lags hold the nodes of Config.OwnNodes behind, by hospital index;
	// views are those nodes, closed with the study. nodesMu guards both.
	lags  map[int]*contracts.Lag
	views []*contracts.Chain
}

// Hospital is where a hospital of a study keeps its node's state.
type Hospital struct {
	Name    string
	Address common.Address
	DataDir string
}

// Rounds returns a copy of the figures of the rounds closed so far; it is
// safe to call while the study runs.
func (s *Study) Rounds() []RoundFigures {
	s.figMu.Lock()
	defer s.figMu.Unlock()
	return slices.Clone(s.rounds)
}

// MsgPendingShare is what a participant logs once it keeps a re-sharing's
// new share pending (participant.reshareKey).
const MsgPendingShare = "new threshold share received; pending until the coordinator commits"

// onMessage is a log handler that calls do when a record with message msg
// (and, if round is set, attribute round equal to *round) passes: how the
// harness acts at a precise point of a protocol without hooks in it.
type onMessage struct {
	slog.Handler
	msg   string
	round *uint32
	do    func()
}

func (h *onMessage) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == h.msg && (h.round == nil || inRound(r, *h.round)) {
		h.do()
	}
	return h.Handler.Handle(ctx, r)
}

// inRound tells whether r has attribute round equal to round.
func inRound(r slog.Record, round uint32) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == "round" && a.Value.Kind() == slog.KindUint64 && a.Value.Uint64() == uint64(round)
		return !found
	})
	return found
}

func (h *onMessage) WithAttrs(as []slog.Attr) slog.Handler {
	return &onMessage{Handler: h.Handler.WithAttrs(as), msg: h.msg, round: h.round, do: h.do}
}

func (h *onMessage) WithGroup(name string) slog.Handler {
	return &onMessage{Handler: h.Handler.WithGroup(name), msg: h.msg, round: h.round, do: h.do}
}

// onRecord is a log handler that calls do, in the logging goroutine,
// with each record before it is handled.
type onRecord struct {
	slog.Handler
	do func(slog.Record)
}

func (h *onRecord) Handle(ctx context.Context, r slog.Record) error {
	h.do(r)
	return h.Handler.Handle(ctx, r)
}

func (h *onRecord) WithAttrs(as []slog.Attr) slog.Handler {
	return &onRecord{Handler: h.Handler.WithAttrs(as), do: h.do}
}

func (h *onRecord) WithGroup(name string) slog.Handler {
	return &onRecord{Handler: h.Handler.WithGroup(name), do: h.do}
}

// sharesGiven reads a coordinator.MsgSharesGiven's attributes: the
// round, what was decrypted and the active points.
func sharesGiven(r slog.Record) (round uint32, aggregate string, points []uint64) {
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "round":
			if a.Value.Kind() == slog.KindUint64 {
				round = uint32(a.Value.Uint64())
			}
		case "aggregate":
			aggregate = a.Value.String()
		case "points":
			points, _ = a.Value.Any().([]uint64)
		}
		return true
	})
	return round, aggregate, points
}

// joinedNodes are the names of the nodes that joined one coordinator
// (its log's "participant joined"); more is signalled at each.
type joinedNodes struct {
	mu    sync.Mutex
	names map[string]bool
	more  chan struct{}
}

// await returns once every one of names joined, ctx ends or wait passed.
func (j *joinedNodes) await(ctx context.Context, names []string, wait time.Duration) {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		j.mu.Lock()
		all := !slices.ContainsFunc(names, func(n string) bool { return !j.names[n] })
		j.mu.Unlock()
		if all {
			return
		}
		select {
		case <-j.more:
		case <-deadline.C:
			return
		case <-ctx.Done():
			return
		}
	}
}

// see records the node a coordinator's "participant joined" names.
func (j *joinedNodes) see(r slog.Record) {
	if r.Message != "participant joined" {
		return
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "name" {
			j.mu.Lock()
			j.names[a.Value.String()] = true
			j.mu.Unlock()
			select {
			case j.more <- struct{}{}:
			default:
			}
		}
		return true
	})
}

// lateNode is the node of a hospital that joins a running study.
type lateNode struct {
	hospital int
	start    func()
}

// changeMembers applies the membership changes due before round r: the
// hospitals that leave stop their nodes and sign their leave on chain (in
// that order: a node still running would see the leave on chain and stop
// with ErrLeftStudy, failing the study); the hospitals that join sign
// their join on chain and start their nodes.
func (s *Study) changeMembers(ctx context.Context, r uint32, hospitalKeys []*ecdsa.PrivateKey) error {
	s.nodesMu.Lock()
	defer s.nodesMu.Unlock()
	for i, at := range s.cfg.LeaveBeforeRound {
		if at != r {
			continue
		}
		s.stopNode[i]()
		if _, err := s.ledger.LeaveStudy(ctx, contracts.NewAccount(hospitalKeys[i]), s.studyID); err != nil {
			return fmt.Errorf("hospital-%d leaving: %w", i+1, err)
		}
	}
	if s.cfg.CommitteeLeaveBeforeRound == r {
		if _, err := s.committeeMemberLeaves(ctx, hospitalKeys, anyMember); err != nil {
			return err
		}
	}
	due := func(nodes []lateNode, at map[int]uint32) (out []lateNode) {
		for _, n := range nodes {
			if at[n.hospital] == r {
				out = append(out, n)
			}
		}
		return out
	}
	for _, n := range due(s.rejoinLater, s.cfg.RejoinBeforeRound) {
		// The chain refuses the join of a hospital a vote removed until
		// a reinstatement vote carries: the members vote it back in.
		p, err := s.ledger.Participant(ctx, s.studyID, crypto.PubkeyToAddress(hospitalKeys[n.hospital].PublicKey))
		if err != nil {
			return err
		}
		if p.Removed {
			if err := s.voteOnHospital(ctx, n.hospital, "reinstating", s.ledger.ProposeReinstatement); err != nil {
				return err
			}
		}
	}
	for _, n := range append(due(s.startLater, s.cfg.JoinBeforeRound), due(s.rejoinLater, s.cfg.RejoinBeforeRound)...) {
		if _, err := s.ledger.JoinStudy(ctx, contracts.NewAccount(hospitalKeys[n.hospital]), s.studyID); err != nil {
			return fmt.Errorf("hospital-%d joining: %w", n.hospital+1, err)
		}
		if _, late := s.cfg.ConnectBeforeRound[n.hospital]; !late {
			n.start()
		}
	}
	for _, n := range due(s.startLater, s.cfg.ConnectBeforeRound) {
		n.start()
	}
	return nil
}

// ExcludeHospital removes hospital i (by index) from the study as the
// consortium does, by a member vote: its node stops, the first other
// hospital still a participant proposes its exclusion (cohort study leave
// --study S --member ADDRESS) and the others vote for it (cohort member
// vote) until the vote carries.
func (s *Study) ExcludeHospital(ctx context.Context, i int) error {
	s.nodesMu.Lock()
	defer s.nodesMu.Unlock()
	s.stopNode[i]()
	return s.voteOnHospital(ctx, i, "excluding", s.ledger.ProposeExclusion)
}

// voteOnHospital has the hospitals still participants of the study other
// than hospital i carry a vote on it: the first proposes it (propose: a
// Ledger.ProposeExclusion or ProposeReinstatement), the others vote until
// it carries. what names the vote in errors.
func (s *Study) voteOnHospital(ctx context.Context, i int, what string,
	propose func(context.Context, *contracts.Account, uint64, common.Address) (uint64, contracts.Receipt, error),
) error {
	study, err := s.ledger.Study(ctx, s.studyID)
	if err != nil {
		return err
	}
	subject := crypto.PubkeyToAddress(s.hospitalKeys[i].PublicKey)
	var voters []*contracts.Account
	for j, k := range s.hospitalKeys {
		if j != i && slices.Contains(study.Participants, crypto.PubkeyToAddress(k.PublicKey)) {
			voters = append(voters, contracts.NewAccount(k))
		}
	}
	if len(voters) == 0 {
		return fmt.Errorf("%s hospital-%d: no other participant to propose it", what, i+1)
	}
	id, _, err := propose(ctx, voters[0], s.studyID, subject)
	if err != nil {
		return fmt.Errorf("%s hospital-%d: %w", what, i+1, err)
	}
	if p, err := s.ledger.Proposal(ctx, id); err == nil && p.Executed {
		return nil
	}
	for _, v := range voters[1:] {
		carried, _, err := s.ledger.Vote(ctx, v, id)
		if err != nil {
			return fmt.Errorf("%s hospital-%d: %w", what, i+1, err)
		}
		if carried {
			return nil
		}
	}
	return fmt.Errorf("%s hospital-%d: the vote did not carry", what, i+1)
}

// leaver says which hospital committeeMemberLeaves has leave.
type leaver int

const (
	// anyMember is the first member of the chain's committee.
	anyMember leaver = iota
	// freshMember is the first member of the chain's committee on no
	// earlier committee: it holds no share of the keys.
	freshMember
	// oldHolder is the first member of the previous committee still in
	// the study: it holds a share of the keys and deals them to the
	// chain's committee.
	oldHolder
	// reselectedMember is freshMember once the committee was selected
	// again (none before).
	reselectedMember
)

// committeeMemberLeaves stops the node of the first hospital (by index)
// that who names and signs its leave on chain (false if there is none:
// nobody leaves). The caller holds nodesMu.
func (s *Study) committeeMemberLeaves(ctx context.Context, hospitalKeys []*ecdsa.PrivateKey, who leaver) (bool, error) {
	study, err := s.ledger.Study(ctx, s.studyID)
	if err != nil {
		return false, err
	}
	candidates, earlier := study.Holders, []common.Address(nil)
	if who != anyMember {
		selections, err := s.ledger.CommitteeSelections(ctx, s.studyID)
		if err != nil {
			return false, err
		}
		for _, c := range selections[:max(len(selections)-1, 0)] {
			earlier = append(earlier, c.Members...)
		}
		switch n := len(selections); {
		case who == reselectedMember && n < 2:
			return false, nil
		case who == oldHolder && n < 2:
			candidates, earlier = nil, nil
		case who == oldHolder:
			candidates, earlier = selections[n-2].Members, nil
		}
	}
	for i, k := range hospitalKeys {
		a := crypto.PubkeyToAddress(k.PublicKey)
		if slices.Contains(candidates, a) && !slices.Contains(earlier, a) && slices.Contains(study.Participants, a) {
			s.stopNode[i]()
			if _, err := s.ledger.LeaveStudy(ctx, contracts.NewAccount(k), s.studyID); err != nil {
				return false, fmt.Errorf("committee member hospital-%d leaving: %w", i+1, err)
			}
			return true, nil
		}
	}
	return false, nil
}

// Run assembles and runs a study; it returns when every round is
// closed on chain. The caller must Close the returned study.
func Run(ctx context.Context, cfg Config) (*Study, error) {
	if r := cfg.Recipe; r != nil {
		train := r.LocalTraining()
		cfg.Spec, cfg.Train, cfg.ServerOptimizer, cfg.Rounds = &r.Model, &train, &r.Server, r.Rounds
		cfg.Standardise = r.Standardise
		if cfg.Standardise != records.StandardiseNone && cfg.Scales == nil && cfg.Sites == nil {
			cfg.Scales = slices.Repeat([]float64{1}, SyntheticConfig(cfg).Features)
		}
		if r.Precondition == models.PreconditionGroups && len(cfg.StandardiserGroups) == 0 {
			return nil, errors.New(`the recipe preconditions one-hot groups ("precondition": "groups"); give the schema's groups (StandardiserGroups)`)
		}
	}
	if cfg.Hospitals < 1 || cfg.Rounds < 1 {
		return nil, fmt.Errorf("need at least 1 hospital and 1 round (got %d and %d)", cfg.Hospitals, cfg.Rounds)
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.StrikeLimit == 0 {
		cfg.StrikeLimit = 3
	}
	if cfg.Threshold == 0 {
		cfg.Threshold = DefaultThreshold(cfg.Hospitals, cfg.CommitteeSize)
	}
	if cfg.MinParticipants == 0 {
		cfg.MinParticipants = cfg.Hospitals
		if cfg.Robust {
			// Flagged hospitals get suspended: the study goes on without them.
			cfg.MinParticipants = cfg.Threshold
		}
	}
	s := &Study{cfg: cfg, live: newLive()}
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
	hospitalKeys := make([]*ecdsa.PrivateKey, cfg.Hospitals)
	for i := range hospitalKeys {
		hospitalKeys[i] = newKey()
	}
	s.hospitalKeys = hospitalKeys
	if s.ca, err = auth.NewCA("Cohort demo consortium"); err != nil {
		return nil, err
	}
	coordCert, err := s.ca.IssueServer("coordinator", crypto.PubkeyToAddress(coordKey.PublicKey), "127.0.0.1")
	if err != nil {
		return nil, err
	}
	hospitalCerts := make([]tls.Certificate, cfg.Hospitals)
	founders := make([]contracts.Member, cfg.Hospitals)
	funded := []common.Address{crypto.PubkeyToAddress(researcherKey.PublicKey), crypto.PubkeyToAddress(coordKey.PublicKey)}
	for i, k := range hospitalKeys {
		name := fmt.Sprintf("hospital-%d", i+1)
		if hospitalCerts[i], err = s.ca.IssueClient(name, crypto.PubkeyToAddress(k.PublicKey)); err != nil {
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
	s.chain.SetClockLead(ChainClockLead)
	s.researcher, s.researcherKey = contracts.NewAccount(researcherKey), researcherKey
	coordAccount := contracts.NewAccount(coordKey)
	s.coordAddr = coordAccount.Address()
	if s.ledger, _, err = contracts.Deploy(ctx, s.chain, s.researcher, founders); err != nil {
		return nil, fmt.Errorf("deploy contract: %w", err)
	}
	sites, root := cfg.Sites, cfg.Root
	consentSource := participant.ConsentLocal
	if sites == nil {
		sc := SyntheticConfig(cfg)
		if cfg.Robust && root == nil {
			sc.Sites++ // one more site: the researcher's clean root data
		}
		if sites, err = records.Synthetic(sc); err != nil {
			return nil, err
		}
		if cfg.Robust && root == nil {
			root, sites = balancedSample(sites[cfg.Hospitals].Train, 30), sites[:cfg.Hospitals]
		}
		// Synthetic patients have consent keys, so the chain decides; a
		// fresh chain holds no grants for the patients of hospital files,
		// whose consent comes from the files.
		if !cfg.LocalConsent {
			consentSource = participant.ConsentChain
		}
	}
	s.consent.Source = string(consentSource)
	if len(cfg.LateConsent) > 0 && (consentSource != participant.ConsentChain || cfg.Standardise != records.StandardisePooled) {
		return nil, errors.New("LateConsent needs consent on chain (synthetic sites without LocalConsent) and pooled standardisation")
	}
	s.sites = sites
	if len(sites) != cfg.Hospitals {
		return nil, fmt.Errorf("%d hospitals but %d sites of records; give one site per hospital", cfg.Hospitals, len(sites))
	}
	if len(sites[0].Train) == 0 {
		return nil, fmt.Errorf("site %s has no training records", sites[0].Name)
	}
	s.spec = models.Spec{Kind: models.KindLogistic, Features: len(sites[0].Train[0].Features)}
	if cfg.Spec != nil {
		s.spec = *cfg.Spec
	}
	specJSON, err := json.Marshal(s.spec)
	if err != nil {
		return nil, err
	}
	_, specDigest, err := models.SpecHash(specJSON) // the canonical hash `cohort study create` records
	if err != nil {
		return nil, err
	}
	var recipeBytes []byte
	if cfg.Recipe != nil {
		if s.spec.Features != cfg.Recipe.Model.Features {
			return nil, fmt.Errorf("the recipe's model has %d features but the records have %d; set model.features to %d", cfg.Recipe.Model.Features, s.spec.Features, len(sites[0].Train[0].Features))
		}
		if recipeBytes, err = cfg.Recipe.Canonical(); err != nil {
			return nil, err
		}
		specDigest = crypto.Keccak256Hash(recipeBytes) // as `cohort study create --recipe` records it
	}
	reference := crypto.Keccak256Hash([]byte("cohort demo: no reference dataset"))
	var rootData *models.Dataset
	if cfg.Robust {
		if len(root) == 0 {
			return nil, errors.New("robust scoring needs the researcher's root data set")
		}
		X, y := records.Matrix(root)
		rootData = &models.Dataset{X: X, Y: y}
		if s.spec.IsSurvival() {
			rootData.T = records.Times(root) // the reference trains on events and times
		}
		if reference, err = rootData.Hash(); err != nil {
			return nil, err
		}
	}
	// With robust scoring the study's policy goes on chain; the coordinator
	// and every holder check theirs against it.
	var robustPolicy common.Hash
	if cfg.Robust {
		policy, err := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
		if err != nil {
			return nil, err
		}
		robustPolicy = policy.Hash()
	}
	s.studyID, _, err = s.ledger.CreateStudy(ctx, s.researcher, contracts.StudyParams{
		SpecHash:        specDigest,
		Purpose:         crypto.Keccak256Hash([]byte("demo: synthetic clinical cohort")),
		Rounds:          uint32(cfg.Rounds),
		MinParticipants: uint32(cfg.MinParticipants),
		Threshold:       uint32(cfg.Threshold),
		StrikeLimit:     uint32(max(cfg.StrikeLimit, 1)),
		// The researcher's root data set; without robust scoring the
		// commitment says there is none rather than being left blank.
		ReferenceCommitment: reference,
		Coordinator:         s.coordAddr,
		Privacy:             privacyBudget(cfg.Train),
		RobustPolicyHash:    robustPolicy,
		Committee:           contracts.CommitteeParams{Size: uint16(cfg.CommitteeSize), RotationRounds: uint32(cfg.CommitteeRotation)},
		// Consent relayed on chain bounds what each hospital may commit.
		BindSamples: consentSource == participant.ConsentChain,
	})
	if err != nil {
		return nil, fmt.Errorf("create study: %w", err)
	}
	for _, f := range founders {
		s.hospitals = append(s.hospitals, Hospital{Name: f.Name, Address: f.Address, DataDir: filepath.Join(cfg.DataDir, f.Name)})
	}
	if cfg.OnStart != nil {
		if err := cfg.OnStart(s); err != nil {
			return nil, err
		}
	}

	if consentSource == participant.ConsentChain {
		if err := s.grantConsent(ctx, sites, hospitalKeys); err != nil {
			return nil, err
		}
		if cfg.ConsentReady != nil {
			cfg.ConsentReady(s.consent)
		}
	}

	var scheme *aggregation.Scheme
	if !cfg.Plaintext {
		if scheme, err = aggregation.NewScheme(aggregation.DefaultConfig()); err != nil {
			return nil, err
		}
	}

	// The coordinator: a gRPC server over mutual TLS on loopback.
	store, err := coordinator.OpenStore(filepath.Join(cfg.DataDir, "coordinator"))
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
	ccfg.StudyID, ccfg.Participants, ccfg.Rounds, ccfg.Spec, ccfg.InitSeed = s.studyID, cfg.Hospitals-len(cfg.JoinBeforeRound), cfg.Rounds, s.spec, cfg.Seed
	ccfg.InsecurePlaintext = cfg.Plaintext
	ccfg.TamperAggregate = cfg.TamperAggregate
	ccfg.TamperModel = cfg.TamperModel
	ccfg.TamperScores, ccfg.SkipStrikes = cfg.TamperScores, cfg.SkipStrikes
	ccfg.SplitDecryption = cfg.SplitDecryption
	ccfg.ResampleDecryption = cfg.ResampleDecryption
	ccfg.CrashBeforeKeepingOptimizer = cfg.CrashBeforeKeepingOptimizerIn
	ccfg.CommitEach, ccfg.TamperCommitments = cfg.CommitEach, cfg.TamperCommitments
	ccfg.Root = rootData
	if cfg.Train != nil && cfg.Train.Privacy != nil {
		ccfg.PrivateTraining = cfg.Train
	}
	ccfg.Standardisation, ccfg.Scales, ccfg.StandardiserGroups = cfg.Standardise, cfg.Scales, cfg.StandardiserGroups
	ccfg.RequireCrossCheck = cfg.Recipe != nil && cfg.Recipe.RequireCrossCheck
	if cfg.ServerOptimizer != nil {
		ccfg.ServerOptimizer = *cfg.ServerOptimizer
	}
	if cfg.PhaseTimeout > 0 {
		ccfg.PhaseTimeout = cfg.PhaseTimeout
	}
	ccfg.AbsentGrace = cfg.AbsentGrace
	ccfg.ConsentWait = cfg.ConsentWait
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
			f.Sites = append(f.Sites, SiteRoundMetrics{Name: name, Metrics: site.Metrics})
		}
		if cfg.Robust {
			if len(f.Flagged) > 0 {
				if strikes, err := s.ledger.Strikes(ctx, s.studyID); err == nil {
					for _, st := range strikes {
						if st.Round == r.Round {
							f.Struck = append(f.Struck, st.Member)
						}
					}
				}
			}
			for _, p := range s.participants {
				if st, err := s.ledger.Participant(ctx, s.studyID, p.Address); err == nil && st.Suspended {
					f.Suspended = append(f.Suspended, p.Address)
					f.SuspendedNames = append(f.SuspendedNames, p.Name)
				}
				if slices.Contains(f.Flagged, p.Address) {
					f.FlaggedNames = append(f.FlaggedNames, p.Name)
				}
				if slices.Contains(f.Struck, p.Address) {
					f.StruckNames = append(f.StruckNames, p.Name)
				}
			}
		}
		s.figMu.Lock()
		s.rounds = append(s.rounds, f)
		s.figMu.Unlock()
		if cfg.Progress != nil {
			cfg.Progress(f)
		}
		// Membership changes between rounds: the coordinator opens the
		// next round, after re-sharing, once this returns.
		if err := s.changeMembers(ctx, r.Round+1, hospitalKeys); err != nil {
			abort(fmt.Errorf("changing members before round %d: %w", r.Round+1, err))
		}
		// The coordinator opens the next round once this returns, so
		// revocations relayed now apply from it on.
		if consentSource == participant.ConsentChain && r.Round+1 == RevokeRound && s.consent.Revoked == 0 {
			if err := s.revokeConsent(ctx, sites, hospitalKeys, RevokeRound); err != nil {
				abort(fmt.Errorf("relaying the demo's revocations before round %d: %w", RevokeRound, err))
			}
		}
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.listen = lis.Addr().String()
	// Hospitals of LateConsent relay their grants once the coordinator
	// has waited for them long enough; a failed relay ends the study.
	var lateConsent sync.WaitGroup
	defer lateConsent.Wait()
	clog := cfg.Log
	if len(cfg.LateConsent) > 0 {
		var waits int
		var mu sync.Mutex
		clog = slog.New(&onMessage{Handler: cfg.Log.Handler(), msg: coordinator.MsgAwaitingConsent, do: func() {
			mu.Lock()
			defer mu.Unlock()
			waits++
			for i, after := range cfg.LateConsent {
				if after == waits {
					lateConsent.Add(1)
					go func() {
						defer lateConsent.Done()
						if err := s.relayLateConsent(ctx, i); err != nil {
							abort(fmt.Errorf("relaying the late consent of hospital %d: %w", i+1, err))
						}
					}()
				}
			}
		}})
	}
	// A committee member (who, see committeeMemberLeaves) leaves, leaves
	// times, as the coordinator logs msg (in round, if not nil).
	leaveOn := func(msg string, round *uint32, leaves int, who leaver, when string) {
		clog = slog.New(&onMessage{Handler: clog.Handler(), msg: msg, round: round, do: func() {
			s.nodesMu.Lock()
			defer s.nodesMu.Unlock()
			if leaves == 0 {
				return
			}
			left, err := s.committeeMemberLeaves(ctx, hospitalKeys, who)
			if err != nil {
				abort(fmt.Errorf("a committee member leaving %s: %w", when, err))
			}
			if left {
				leaves--
			}
		}})
	}
	if r := cfg.CommitteeLeaveAsRoundOpens; r != 0 {
		leaveOn(coordinator.MsgOpeningRound, &r, max(cfg.CommitteeLeavesAsRoundOpens, 1), anyMember, fmt.Sprintf("as round %d opens", r))
	}
	if n := cfg.CommitteeLeavesInHandOver; n > 0 {
		leaveOn(coordinator.MsgHandingOver, nil, n, freshMember, "as the keys are handed over")
	}
	if n := cfg.HoldersLeaveInHandOver; n > 0 {
		leaveOn(coordinator.MsgHandingOver, nil, n, oldHolder, "holding the keys as they are handed over")
	}
	if n := cfg.CommitteeLeavesOnReselection; n > 0 {
		leaveOn(coordinator.MsgCommitteeSelected, nil, n, reselectedMember, "as its committee is selected again")
	}
	if slices.Contains(slices.Collect(maps.Values(cfg.LeaveBeforeRound)), 1) || cfg.CommitteeLeaveBeforeRound == 1 {
		// No round closed before round 1: the hospitals leave once the
		// threshold key is dealt and checked, in the coordinator's
		// goroutine, so before it reads the members of round 1.
		var once sync.Once
		clog = slog.New(&onMessage{Handler: clog.Handler(), msg: coordinator.MsgThresholdKeyReady, do: func() {
			once.Do(func() {
				if err := s.changeMembers(ctx, 1, hospitalKeys); err != nil {
					abort(fmt.Errorf("changing members before round 1: %w", err))
				}
				if cfg.RestartCoordinatorBeforeRoundOne {
					s.killCoordinatorNow()
				}
			})
		}})
	}
	if restart := cfg.RestartCoordinatorAfterShares; restart != nil {
		clog = slog.New(&onRecord{Handler: clog.Handler(), do: func(r slog.Record) {
			if r.Message == coordinator.MsgSharesGiven && restart(sharesGiven(r)) {
				s.killCoordinatorNow()
			}
		}})
	}
	ref, err := s.studyRef()
	if err != nil {
		return nil, err
	}
	var joined *joinedNodes // the nodes that joined the coordinator serving now
	serve := func(lis net.Listener) (*coordinator.Coordinator, error) {
		joined = &joinedNodes{names: map[string]bool{}, more: make(chan struct{}, 1)}
		coord, err := coordinator.New(ccfg, s.ledger, coordAccount, scheme, store, slog.New(&onRecord{Handler: clog.Handler(), do: joined.see}).With("component", "coordinator"))
		if err != nil {
			return nil, err
		}
		s.server = grpc.NewServer(append(coordinator.ServerLimits(), coordinator.ServerCodec(), grpc.Creds(auth.BindCoordinatorServer(auth.ServerConfig(coordCert, s.ca.Pool()), coordKey, ref)))...)
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
	g.Go(func() error {
		defer close(s.live.finished)
		abandoned := false // AbandonRoundIn's round
		for {
			cctx, kill := context.WithCancel(gctx)
			s.live.mu.Lock()
			s.live.killCoordinator = kill
			s.live.mu.Unlock()
			go func() {
				select {
				case <-s.live.restartCoordinator:
					kill()
				case <-cctx.Done():
				}
			}()
			var err error
			result, err = coord.Run(cctx)
			killed := err != nil && gctx.Err() == nil && (cctx.Err() != nil || errors.Is(err, coordinator.ErrInjectedCrash))
			kill()
			operatorRestarts := !killed && err != nil && gctx.Err() == nil && cfg.OnCoordinatorError != nil && cfg.OnCoordinatorError(gctx, s, err)
			if !killed && !operatorRestarts {
				return err
			}
			// Killed mid-round: a new coordinator process on the same address,
			// with nothing but the chain and the blob store to go on.
			s.server.Stop()
			if r := cfg.AbandonRoundIn; r != 0 && !abandoned {
				abandoned = true
				if err := s.abandonStalledRound(gctx, coordAccount, r); err != nil {
					return err
				}
			}
			if cfg.CoordinatorDiskLost {
				if store, err = coordinator.OpenStore(filepath.Join(cfg.DataDir, "coordinator-new-disk")); err != nil {
					return err
				}
			}
			// The old listener may still be closing (Serve closes it if
			// Stop came first), or another socket took the port: wait.
			lis, err := coordinator.Listen(gctx, s.listen, coordinator.RestartListenWait, nil)
			if err != nil {
				return fmt.Errorf("restarting the coordinator: %w", err)
			}
			if coord, err = serve(lis); err != nil {
				return err
			}
			if cfg.RestartCoordinatorAfterShares != nil {
				// Which holders are live when the new coordinator asks
				// for shares is then the caller's choice, not a race with
				// the nodes connecting again.
				joined.await(gctx, s.runningNames(), cfg.PhaseTimeout)
			}
		}
	})
	var restartOnce sync.Once
	plog := cfg.Log
	if r := cfg.RestartCoordinatorInReshare; r != 0 {
		plog = slog.New(&onMessage{Handler: cfg.Log.Handler(), msg: MsgPendingShare, round: &r, do: func() { restartOnce.Do(s.requestCoordinatorRestart) }})
	}
	for i, site := range sites {
		creds, err := s.CoordinatorCredentials(hospitalCerts[i])
		if err != nil {
			return nil, err
		}
		opts := append(figures.meter().dialOptions(), coordinator.DialMessageLimits(), grpc.WithTransportCredentials(creds))
		conn, err := grpc.NewClient(s.listen, opts...)
		if err != nil {
			return nil, err
		}
		s.conns = append(s.conns, conn)
		if err := s.checkHospitalRecipe(ctx, i, specDigest, cohortv1.NewCoordinatorClient(conn)); err != nil {
			return nil, err
		}
		dataDir := s.hospitals[i].DataDir
		s.participants = append(s.participants, Participant{
			Name: founders[i].Name, Address: founders[i].Address, Records: len(site.Train), Test: len(site.Test), DataDir: dataDir,
		})
		if consentSource == participant.ConsentLocal {
			s.participants[i].Consented = len(records.ConsentedOnly(site.Train, site.Consents))
		}
		pctx, stop := context.WithCancel(gctx)
		defer stop()
		observe := func(t participant.Trace) {
			figures.observe(t)
			if r, ok := cfg.DropAfter[i]; ok && t.Round == r {
				stop() // the site dies right after its upload
			}
			if r, ok := cfg.RestartParticipantAfter[i]; ok && t.Round == r {
				stop() // the node dies right after its upload, and comes back below
			}
			if i == 0 && (t.Round == cfg.RestartCoordinatorIn || t.Round == cfg.AbandonRoundIn) {
				restartOnce.Do(s.requestCoordinatorRestart)
			}
		}
		var ks *participant.Keystore
		if _, restarts := cfg.RestartParticipantAfter[i]; restarts || cfg.Keystores || cfg.Live {
			// Key shares at rest, so that the restarted node has them.
			if ks, err = participant.OpenKeystore(filepath.Join(dataDir, "keystore"), "demo passphrase", participant.WithLightScrypt()); err != nil {
				return nil, err
			}
		}
		ledger, err := s.hospitalLedger(i)
		if err != nil {
			return nil, err
		}
		_, consentLate := cfg.LateConsent[i]
		consentLate = consentLate || cfg.Attacks[i].Kind == participant.AttackFalseNoConsent // or it says so
		// An inflator's moments count is refused in a study that binds
		// samples, and a holder's foreign decryption shares always: it
		// declines the task and goes on, as a node does.
		refused := cfg.Attacks[i].Kind == participant.AttackInflateSamples || cfg.Attacks[i].Kind == participant.AttackForeignDecryption
		pcfg := participant.Config{
			Name: founders[i].Name, StudyID: s.studyID, Site: site, ConsentSource: consentSource, Spec: s.spec,
			Train: trainConfig(cfg, int64(i)), Observe: observe, InsecurePlaintext: cfg.Plaintext,
			Standardisation: cfg.Standardise, Scales: cfg.Scales, StandardiserGroups: cfg.StandardiserGroups,
			RequireCrossCheck: cfg.Recipe != nil && cfg.Recipe.RequireCrossCheck,
			DataDir:           dataDir, Keystore: ks, RetryBase: 100 * time.Millisecond, Attack: cfg.Attacks[i], CommitGrace: time.Second,
			ChainCatchUp: cfg.ChainCatchUp, DecryptionSetsBound: cfg.HolderSetsBound,
			// Fail fast in one process, unless the coordinator is meant to
			// vanish, the hospital's consent comes late (or it claims so),
			// its attack is meant to be refused, or a hand-over of the keys
			// is (a member of the committee or a holder of the keys leaves
			// during it or as the committee is selected).
			StopOnTaskError: cfg.OnCoordinatorError == nil && cfg.RestartCoordinatorIn == 0 && cfg.CrashBeforeKeepingOptimizerIn == 0 && cfg.RestartCoordinatorAfterShares == nil && cfg.AbandonRoundIn == 0 && cfg.RestartCoordinatorInReshare == 0 && !cfg.RestartCoordinatorBeforeRoundOne && !cfg.Live && !consentLate && !refused && cfg.CommitteeLeavesInHandOver == 0 && cfg.HoldersLeaveInHandOver == 0 && cfg.CommitteeLeavesOnReselection == 0,
		}
		client := cohortv1.NewCoordinatorClient(conn)
		p, err := participant.New(pcfg, client, ledger, hospitalKeys[i], auth.Fingerprint(hospitalCerts[i]), scheme, plog)
		if err != nil {
			return nil, err
		}
		run := func() error {
			err := p.Run(pctx)
			if pctx.Err() == nil || gctx.Err() != nil {
				return err
			}
			if s.live.stoppedByHandle(i) {
				// Stopped with StopHospital: a new node process once
				// StartHospital asks for one.
				return s.live.rerun(gctx, i, func(ctx context.Context) error {
					c := pcfg
					c.Observe = figures.observe
					again, err := participant.New(c, client, ledger, hospitalKeys[i], auth.Fingerprint(hospitalCerts[i]), scheme, cfg.Log)
					if err != nil {
						return err
					}
					return again.Run(ctx)
				})
			}
			if _, restarts := cfg.RestartParticipantAfter[i]; !restarts {
				return nil // a deliberately dropped (or departed) site; the study goes on
			}
			// A new node process: nothing but its key, keystore and data
			// directory. A later leave stops it as it would have the first.
			pcfg.Observe = figures.observe
			again, err := participant.New(pcfg, client, ledger, hospitalKeys[i], auth.Fingerprint(hospitalCerts[i]), scheme, cfg.Log)
			if err != nil {
				return err
			}
			rctx, rstop := context.WithCancel(gctx)
			defer rstop()
			s.nodesMu.Lock()
			s.stopNode[i] = rstop
			s.nodesMu.Unlock()
			if err := again.Run(rctx); err != nil && (rctx.Err() == nil || gctx.Err() != nil) {
				return err
			}
			return nil // finished, or stopped by a leave
		}
		if _, again := cfg.RejoinBeforeRound[i]; again {
			s.rejoinLater = append(s.rejoinLater, lateNode{hospital: i, start: func() {
				g.Go(func() error {
					return s.rejoin(gctx, i, pcfg, client, ledger, hospitalCerts[i], scheme, figures.observe)
				})
			}})
		}
		s.nodesMu.Lock()
		if _, later := cfg.JoinBeforeRound[i]; later {
			s.startLater = append(s.startLater, lateNode{hospital: i, start: func() { g.Go(run) }})
		} else {
			g.Go(run)
		}
		s.stopNode = append(s.stopNode, stop)
		s.live.add(i, stop, ks != nil)
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

// abandonStalledRound abandons round r, whose coordinator was killed, as
// the coordinator's operator does once the round's deadline has passed
// (`cohort study abandon-round` sends this transaction with the
// coordinator's key): the chain's clock is moved past the deadline first.
func (s *Study) abandonStalledRound(ctx context.Context, coord *contracts.Account, r uint32) error {
	round, err := s.ledger.Round(ctx, s.studyID, r)
	if err != nil {
		return fmt.Errorf("abandoning round %d: %w", r, err)
	}
	if !round.Open {
		return fmt.Errorf("abandoning round %d: it is no longer open (closed: %t, abandoned: %t) once its coordinator was killed", r, round.Closed, round.Abandoned)
	}
	now, err := s.ledger.HeadTime(ctx)
	if err != nil {
		return fmt.Errorf("abandoning round %d: %w", r, err)
	}
	if !now.After(round.Deadline) {
		if err := s.chain.AdvanceTime(round.Deadline.Sub(now) + time.Second); err != nil {
			return fmt.Errorf("abandoning round %d: passing its deadline: %w", r, err)
		}
	}
	if _, err := s.ledger.AbandonRound(ctx, coord, s.studyID, r); err != nil {
		return fmt.Errorf("abandoning round %d: %w", r, err)
	}
	return nil
}

// rejoin runs the new node of hospital i, which left the study and joined
// it again: with its data directory as it was, or emptied
// (RejoinFreshDataDir).
func (s *Study) rejoin(ctx context.Context, i int, pcfg participant.Config, client cohortv1.CoordinatorClient, ledger *contracts.Ledger, cert tls.Certificate, scheme *aggregation.Scheme, observe func(participant.Trace)) error {
	if s.cfg.RejoinFreshDataDir {
		if err := os.RemoveAll(pcfg.DataDir); err != nil {
			return err
		}
		if pcfg.Keystore != nil {
			ks, err := participant.OpenKeystore(filepath.Join(pcfg.DataDir, "keystore"), "demo passphrase", participant.WithLightScrypt())
			if err != nil {
				return err
			}
			pcfg.Keystore = ks
		}
	}
	if s.cfg.RejoinFreshDataDir {
		// Its training fails (no key share): declined, as a node does.
		pcfg.StopOnTaskError = false
	}
	pcfg.Observe = observe
	node, err := participant.New(pcfg, client, ledger, s.hospitalKeys[i], auth.Fingerprint(cert), scheme, s.cfg.Log)
	if err != nil {
		return err
	}
	return node.Run(ctx)
}

// checkHospitalRecipe is hospital i's check, before its node starts, that
// its recipe is the one the chain records for the study (as a hospital
// daemon's start does): a mismatch names the differing fields.
func (s *Study) checkHospitalRecipe(ctx context.Context, i int, onChain common.Hash, client cohortv1.CoordinatorClient) error {
	if s.cfg.Recipe == nil {
		return nil
	}
	own := *s.cfg.Recipe
	if r, ok := s.cfg.HospitalRecipes[i]; ok {
		own = r
	}
	study, err := s.ledger.Study(ctx, s.studyID)
	if err != nil {
		return err
	}
	if study.SpecHash != onChain {
		return fmt.Errorf("study %d records %s, not the recipe's hash %s", s.studyID, study.SpecHash.Hex(), onChain.Hex())
	}
	settings, err := models.SettingsFromRecipe(own, fmt.Sprintf("hospital-%d's recipe", i+1))
	if err != nil {
		return err
	}
	err = settings.Check(onChain, nil)
	if err == nil {
		return nil
	}
	// The study's own recipe, from the coordinator's store, names the
	// fields that differ.
	studyRecipe, ferr := participant.FetchStudyRecipe(ctx, client, s.studyID, onChain, s.cfg.Log)
	if ferr != nil {
		return fmt.Errorf("%w (and the study's recipe could not be fetched to name the differing fields: %v)", err, ferr)
	}
	return settings.Check(onChain, studyRecipe)
}

// Dial connects to the study's coordinator as a consortium member named name.
func (s *Study) Dial(name string) (cohortv1.CoordinatorClient, error) {
	client, _, err := s.dialAs(name)
	return client, err
}

// dialAs is Dial that also returns the fingerprint of the certificate the
// connection presents.
func (s *Study) dialAs(name string) (cohortv1.CoordinatorClient, common.Hash, error) {
	cert, err := s.ca.IssueClient(name, common.Address{})
	if err != nil {
		return nil, common.Hash{}, err
	}
	creds, err := s.CoordinatorCredentials(cert)
	if err != nil {
		return nil, common.Hash{}, err
	}
	conn, err := grpc.NewClient(s.listen, grpc.WithTransportCredentials(creds))
	if err != nil {
		return nil, common.Hash{}, err
	}
	s.conns = append(s.conns, conn)
	return cohortv1.NewCoordinatorClient(conn), auth.Fingerprint(cert), nil
}

// OwnerReader is the study owner's (the researcher's) signature on blob
// requests over a connection presenting the certificate whose fingerprint
// is certFP: the coordinator serves the owner every blob of the study.
func (s *Study) OwnerReader(certFP common.Hash) participant.BlobReader {
	return participant.BlobReader{Study: s.studyID, Key: s.researcherKey, CertFingerprint: certFP}
}

// Close stops the coordinator's server, the connections and the embedded chain.
func (s *Study) Close() {
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
	for _, v := range s.views {
		_ = v.Close()
	}
	if s.chain != nil {
		_ = s.chain.Close()
	}
}

// hospitalLedger is the ledger hospital i's node reads the chain through:
// the study's, or with Config.OwnNodes a node of its own, in sync until
// HoldBehind holds it back.
func (s *Study) hospitalLedger(i int) (*contracts.Ledger, error) {
	if !s.cfg.OwnNodes[i] {
		return s.ledger, nil
	}
	view, lag, err := s.chain.Lagging(0)
	if err != nil {
		return nil, err
	}
	s.nodesMu.Lock()
	defer s.nodesMu.Unlock()
	s.views = append(s.views, view)
	if s.lags == nil {
		s.lags = make(map[int]*contracts.Lag)
	}
	s.lags[i] = lag
	return contracts.Open(view, s.ledger.Address())
}

// HoldBehind holds hospital i's own node (Config.OwnNodes) blocks behind
// the chain's head from now on, 0 catching it up: its node refuses the
// tasks sent at a block it does not reach within Config.ChainCatchUp
// (participant.ErrChainBehind).
func (s *Study) HoldBehind(i int, blocks uint64) error {
	s.nodesMu.Lock()
	lag, ok := s.lags[i]
	s.nodesMu.Unlock()
	if !ok {
		return fmt.Errorf("hospital %d reads the study's chain: set Config.OwnNodes[%d] to give it a node of its own", i, i)
	}
	lag.Set(blocks)
	return nil
}

func newKey() *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	if err != nil {
		panic(fmt.Sprintf("cohort: no randomness for a key: %v", err)) // crypto/rand never fails on supported platforms
	}
	return k
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
