package participant

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// uploadChunk is the size of update chunks, well under grpc-go's 4 MiB limit.
const uploadChunk = 1 << 20

// ErrChainMismatch reports something the coordinator sent that does not match
// what the chain recorded: the participant refuses to act on it.
var ErrChainMismatch = errors.New("participant: does not match the chain")

// ErrRobustPolicy reports a coordinator that weighs updates by another
// robust policy than this node's: it cannot check the trust weights, so it
// refuses to help decrypt the aggregate.
var ErrRobustPolicy = errors.New("participant: robust policy differs from the coordinator's")

// Config is a participant's raw configuration; New validates it.
type Config struct {
	Name    string
	StudyID uint64
	Site    records.Site       // this hospital's records and its patients' consent
	Spec    models.Spec        // the study's model
	Train   models.TrainConfig // local training

	// ConsentSource says where consent is read: the chain (the default when
	// the site's records carry patient ids) or the site's own flags (see
	// ConsentSource's constants).
	ConsentSource ConsentSource

	// Observe, if set, is called after each round's update is uploaded.
	Observe func(Trace)

	// Keystore, if set, keeps the key shares encrypted at rest so a restarted
	// node resumes the study; without it they live in memory only.
	Keystore *Keystore
	// DataDir, if set, keeps this node's sealed updates so an interrupted
	// upload can be sent again after a restart, and the record ids it used
	// in each round so it can prove to a patient whether their record was
	// used (ProveConsentUse), and the block of its join of the study, so
	// that a restarted node whose chain went back before it waits for its
	// chain (recallJoin). A data directory serves one study.
	DataDir string
	// SpotChecks is how many chunks of the aggregate and of every
	// contributor's update this node checks before it gives a decryption
	// share (aggregation.CheckSpots); 0 means aggregation.DefaultSpotChecks,
	// a negative value downloads every update and recomputes the aggregate
	// whole (robust rounds always do: their scores need the updates).
	SpotChecks int
	// RetryBase is the first wait before joining the coordinator again
	// (default 1s); it doubles up to 30s.
	RetryBase time.Duration
	// Robust is the study's robust-aggregation policy, by which this node
	// re-derives a robust round's trust weights before it helps decrypt the
	// aggregate; it must be the coordinator's (else ErrRobustPolicy). Zero
	// means aggregation.DefaultRobustConfig.
	Robust aggregation.RobustConfig
	// Attack makes this node misbehave, to evaluate robust aggregation
	// (cohort demo --malicious, cohort bench robust); zero is honest.
	Attack Attack

	// RPCTimeout bounds every call to the coordinator (default 2m; an
	// upload or a download may take four times as long).
	RPCTimeout time.Duration

	// StopOnTaskError makes Run return the first failed task instead of
	// logging it and going on; in-process studies use it to fail fast.
	StopOnTaskError bool

	// Standardisation is how the study standardises features; it must be
	// the coordinator's (its tasks say which), or this node stops with
	// ErrStandardisation. Empty means records.StandardiseNone. With
	// records.StandardisePooled, Site holds raw features: the node takes
	// part in the moments phase before round 1 and standardises with the
	// pooled standardiser agreed there (kept in DataDir). Otherwise Site is
	// used as given: standardised by the caller with the site's own
	// statistics (records.StandardiseSite), or needing none.
	Standardisation records.Standardisation
	// Scales are the per-feature magnitudes of the moments encoding (the
	// schema's Scales); with pooled standardisation they are required and
	// must equal the coordinator's.
	Scales []float64
	// StandardiserGroups are the one-hot groups (feature indices) the
	// pooled standardiser whitens: the schema's, when the recipe
	// preconditions them (models.Recipe.StandardiserGroups), else nil. A
	// standardiser with other groups than these is refused.
	StandardiserGroups [][]int
	// RequireCrossCheck, from the study's recipe (require_cross_check),
	// refuses a decrypt task that names a single decryption set of t
	// holders: the model would be whatever one lying holder among them
	// made it, so a coordinator cannot ask exactly t although more are
	// live.
	RequireCrossCheck bool

	// DecryptionSetsBound, if positive, lowers how many distinct
	// decryption sets holding its point this holder gives shares of one
	// aggregate for below 2(t + 1) (maxSetsPerAggregate), so that a test
	// reaches the bound with few sets; it never raises it. A node's
	// configuration file does not set it (participantd).
	DecryptionSetsBound int

	// InsecurePlaintext sends updates in the clear. It exists only so tests
	// can measure what encryption costs; never use it with patient data.
	InsecurePlaintext bool

	// CommitGrace is how long after the time a coordinator promised to
	// record the round's batched commitments (TrainTask.commit_by) this
	// node waits before it commits its own by itself (default 20s).
	CommitGrace time.Duration

	// ChainCatchUp bounds how long a task waits for this hospital's own
	// Ethereum node to reach the block the coordinator sent it at
	// (Task.chain_block) before the node checks the task against the
	// chain (default 1m); a node still behind then refuses the task with
	// ErrChainBehind. It bounds too the wait for a reorg when the node has
	// another block than the coordinator's there (Task.chain_block_hash),
	// after which the node refuses the task with ErrChainFork. Keep it
	// under the coordinator's phase timeout.
	ChainCatchUp time.Duration
}

func (c Config) commitGrace() time.Duration {
	if c.CommitGrace > 0 {
		return c.CommitGrace
	}
	return 20 * time.Second
}

func (c Config) rpcTimeout() time.Duration {
	if c.RPCTimeout > 0 {
		return c.RPCTimeout
	}
	return 2 * time.Minute
}

// rpcContext bounds one call to the coordinator: a coordinator that hangs
// must not hang the hospital node.
func (p *Participant) rpcContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, p.cfg.rpcTimeout())
}

func (c Config) spotChecks() int {
	if c.SpotChecks == 0 {
		return aggregation.DefaultSpotChecks
	}
	return c.SpotChecks
}

func (c Config) retryBase() time.Duration {
	if c.RetryBase > 0 {
		return c.RetryBase
	}
	return time.Second
}

// chainPoll is how often a connected node reads the chain to see the study
// end or itself leave it: it stops then even if no end-of-study task
// reaches it (the coordinator gone, the task dropped).
func (c Config) chainPoll() time.Duration {
	return min(5*c.retryBase(), 5*time.Second)
}

// joinPoll is how often a node that waits to join a running study reads
// the chain: well within the coordinator's enrolment window.
func (c Config) joinPoll() time.Duration {
	return min(c.retryBase(), 500*time.Millisecond)
}

// Trace is what one round cost this participant.
type Trace struct {
	Round       uint32
	Samples     int // consented training records used
	Excluded    int // training records left out for want of active consent or over their consent's ε bound
	Train       time.Duration
	Encrypt     time.Duration
	Chain       time.Duration
	GasUsed     uint64
	UploadBytes int
}

// Participant is a hospital node. Run must be called once; it is not safe
// for concurrent use.
type Participant struct {
	steps // the protocol's steps and this node's state in it, free of I/O

	cfg     Config
	client  cohortv1.CoordinatorClient
	ledger  *contracts.Ledger
	account *contracts.Account
	certFP  common.Hash
	log     *slog.Logger

	consentSource ConsentSource // resolved: ConsentChain or ConsentLocal
	consentCache  *roundConsent // the consent filter's answer for the latest round

	// batched takes the commitments this node signed for the coordinator's
	// batch to watchCommitments, which checks the chain records them.
	batched      chan batchedCommitment
	commitDomain *contracts.CommitDomain // the study's EIP-712 domain, read once
	// strikes takes the flags this node endorsed to watchStrikes, which
	// endorses them on chain if the coordinator does not strike them.
	strikes *strikeInbox
	// pin is the latest contributor list read pinned on chain (a pin never
	// changes once set), so that a round's score and decrypt tasks read it
	// once.
	pin *roundPin
	// fetched keeps the committed updates of the latest round this node
	// fetched whole (a robust round's holder: to score them, then to
	// recompute their sum), so that it downloads and checks each once per
	// round, not once per phase.
	fetched *roundUpdates
	// joinedAt is the block of this node's join of the study: from the
	// join's receipt when it joined in this run, else recalled at start
	// from the data directory or the chain (recallJoin; 0 if neither
	// tells). The coordinator reads membership once its own chain has it
	// (JoinRequest.chain_block), and a chain of this node's that reads a
	// block before it is behind, not out of the study (behindOwnJoin).
	joinedAt uint64
	// pause waits between joins of the coordinator (Run); nil: pauseFor.
	// Tests record the waits instead.
	pause func(context.Context, time.Duration) bool
}

// New validates cfg and makes a participant that signs with key, talks to
// the coordinator through client over a TLS connection whose client
// certificate has fingerprint certFP, and reads and writes the chain through ledger.
func New(cfg Config, client cohortv1.CoordinatorClient, ledger *contracts.Ledger, key *ecdsa.PrivateKey, certFP common.Hash, scheme *aggregation.Scheme, log *slog.Logger) (*Participant, error) {
	if cfg.Name == "" {
		return nil, errors.New("participant: config: name is empty; set the hospital's name")
	}
	if client == nil || ledger == nil || key == nil || log == nil {
		return nil, errors.New("participant: client, ledger, key and logger are required")
	}
	if len(cfg.Site.Train) == 0 {
		return nil, fmt.Errorf("participant %s: no training records", cfg.Name)
	}
	source, err := resolveConsentSource(cfg.ConsentSource, cfg.Site)
	if err != nil {
		return nil, err
	}
	mode, err := records.ParseStandardisation(string(cfg.Standardisation), records.StandardiseNone)
	if err != nil {
		return nil, fmt.Errorf("participant %s: config: %w", cfg.Name, err)
	}
	if mode == records.StandardisePooled {
		if cfg.InsecurePlaintext {
			return nil, fmt.Errorf("participant %s: config: pooled standardisation needs encryption", cfg.Name)
		}
		if len(cfg.Scales) != cfg.Spec.Features {
			return nil, fmt.Errorf("participant %s: config: pooled standardisation needs one scale per feature (%d), got %d", cfg.Name, cfg.Spec.Features, len(cfg.Scales))
		}
		for j, v := range cfg.Scales {
			if !(v > 0) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("participant %s: config: scale of feature %d is %v; want a finite value > 0", cfg.Name, j, v)
			}
		}
		cfg.Scales = slices.Clone(cfg.Scales)
	} else if len(cfg.StandardiserGroups) > 0 {
		return nil, fmt.Errorf("participant %s: config: standardiser groups whiten the pooled standardiser, and the study standardises %q; use pooled standardisation", cfg.Name, mode)
	}
	if cfg.Robust == (aggregation.RobustConfig{}) {
		cfg.Robust = aggregation.DefaultRobustConfig()
	}
	policy, err := aggregation.NewRobustPolicy(cfg.Robust)
	if err != nil {
		return nil, fmt.Errorf("participant %s: config: %w", cfg.Name, err)
	}
	model, err := models.New(cfg.Spec, cfg.Train.Seed)
	if err != nil {
		return nil, fmt.Errorf("participant %s: %w", cfg.Name, err)
	}
	var s sealer = plainSealer{}
	if !cfg.InsecurePlaintext {
		if scheme == nil {
			return nil, errors.New("participant: an encryption scheme is required")
		}
		s = &homomorphicSealer{scheme: scheme, id: aggregation.DealerID(cfg.StudyID, crypto.PubkeyToAddress(key.PublicKey).Bytes())}
	}
	account := contracts.NewAccount(key)
	return &Participant{
		steps: steps{
			name: cfg.Name, studyID: cfg.StudyID, self: account.Address(), key: key, sealer: s, spec: cfg.Spec,
			model: model, training: cfg.Train, attack: cfg.Attack,
			policy: policy, standardisation: mode, scales: cfg.Scales, groups: cfg.StandardiserGroups,
			requireCrossCheck: cfg.RequireCrossCheck, setsBound: cfg.DecryptionSetsBound,
		},
		cfg: cfg, client: client, ledger: ledger, account: account,
		certFP: certFP, log: log.With("participant", cfg.Name),
		consentSource: source, batched: make(chan batchedCommitment, 4), strikes: newStrikeInbox(),
	}, nil
}

// keyClaims is what the node's join says of its key share: whether it
// holds none, and the key epoch of the one it holds (0 for a key of no
// epoch of this member's, as the plaintext sealer's).
func (p *Participant) keyClaims() (holdsNoKey bool, keyEpoch uint32) {
	if p.sealer == nil {
		return false, 0
	}
	id, ok := p.sealer.ownKeyID()
	if !ok {
		return true, 0
	}
	keyEpoch, _ = aggregation.DealerEpoch(p.cfg.StudyID, p.self.Bytes(), id)
	return false, keyEpoch
}

// Address is the participant's Ethereum address.
func (p *Participant) Address() common.Address { return p.account.Address() }

// ConsentSource returns where this participant reads consent: ConsentChain
// or ConsentLocal (ConsentAuto resolved by New).
func (p *Participant) ConsentSource() ConsentSource { return p.consentSource }

// Run joins the study on chain (if not yet a participant) and at the
// coordinator, then answers tasks until the study is done or ctx ends. When
// the coordinator goes away (a restart, a network cut) it joins again with
// backoff and carries on where the study is.
func (p *Participant) Run(ctx context.Context) error {
	p.recallJoin(ctx)
	joined, err := p.participates(ctx)
	if err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	if !joined {
		if err := p.joinStudy(ctx); err != nil {
			return err
		}
	}
	if err := p.loadSecrets(); err != nil {
		return err
	}
	if err := p.loadStandardiser(); err != nil {
		return err
	}
	if err := p.loadDecrypted(); err != nil {
		return err
	}
	p.loadEndorsed()
	// The watchers end before Run returns: none logs or reads the chain
	// for a node that has stopped.
	var watchers sync.WaitGroup
	defer watchers.Wait()
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	watchers.Go(func() { p.watchCommitments(watchCtx) })
	// The strike watcher outlives the study by a little: flags this node
	// endorsed whose strike is still pending when the study ends are
	// endorsed on chain before it stops (at most settleWait).
	finished, settled := make(chan struct{}), make(chan struct{})
	watchers.Go(func() {
		defer close(settled)
		p.watchStrikes(watchCtx, finished)
	})
	committee, err := p.ledger.Committee(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	if committee.Size > 0 {
		watchers.Go(func() { p.watchCommitteeRequests(watchCtx) })
	}
	backoff := p.cfg.retryBase()
	var refusals protocol.RefusalBackoff
	for {
		done, progressed, err := p.session(ctx)
		switch {
		case done:
			close(finished)
			<-settled
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case !retryable(err):
			return err
		}
		// Before joining again: the coordinator may be gone because the
		// study ended, or this hospital may have left it meanwhile.
		if over, _, err := p.studyOver(ctx); over || err != nil {
			return err
		}
		if progressed {
			backoff = p.cfg.retryBase()
			refusals = protocol.RefusalBackoff{}
		}
		p.strikes.coordinatorGone()
		wait := backoff
		refused, limited, grew := refusals.After(err)
		if limited {
			wait = max(wait, refused)
		}
		if limited && !grew {
			p.log.Debug("the coordinator refused this hospital again; joining again", "in", wait, "err", err)
		} else {
			p.log.Warn("lost the coordinator; joining again", "in", wait, "err", err)
		}
		pause := p.pause
		if pause == nil {
			pause = pauseFor
		}
		if !pause(ctx, wait) {
			return ctx.Err()
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

// joinStudy joins the study on chain. A study whose round is open admits
// no one until the round closes: the node watches the chain every
// joinPoll and joins in the gap between rounds (the coordinator's
// enrolment window), so a hospital can join a running study.
func (p *Participant) joinStudy(ctx context.Context) error {
	waiting := false
	for {
		study, err := p.ledger.Study(ctx, p.cfg.StudyID)
		if err != nil {
			return fmt.Errorf("participant %s: read study %d before joining: %w", p.cfg.Name, p.cfg.StudyID, err)
		}
		if study.Completed {
			return fmt.Errorf("participant %s: join study %d on chain: %w", p.cfg.Name, p.cfg.StudyID, contracts.ErrEnrolmentClosed)
		}
		if !study.RoundOpen {
			r, err := p.ledger.JoinStudy(ctx, p.account, p.cfg.StudyID)
			if err == nil {
				p.joinedAt = r.Block
				p.keepJoin(ctx, r.Block)
				p.log.Info("joined the study on chain", "study", p.cfg.StudyID, "after_round", study.CurrentRound, "block", r.Block)
				return nil
			}
			if errors.Is(err, contracts.ErrAlreadyJoined) {
				// This hospital is a participant: its chain, which read
				// that it was not, is behind its join.
				return p.awaitOwnJoin(ctx)
			}
			if !errors.Is(err, contracts.ErrEnrolmentClosed) {
				return fmt.Errorf("participant %s: join study %d on chain: %w", p.cfg.Name, p.cfg.StudyID, err)
			}
			// The next round opened first: wait for it to close.
		}
		if !waiting {
			p.log.Info("a round is open; joining the study once it closes", "study", p.cfg.StudyID, "round", study.CurrentRound)
			waiting = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(p.cfg.joinPoll()):
		}
	}
}

// session joins the coordinator once and answers tasks until the stream
// ends. It reports whether the study is done and whether any task arrived.
func (p *Participant) session(ctx context.Context) (done, progressed bool, err error) {
	// A node says whether it holds its key share and of which key epoch:
	// the coordinator asks a member whose earlier key the holders hold and
	// that holds none (a reinstalled node) to deal a fresh one under its
	// next epoch, and one whose fresh key a re-sharing that did not commit
	// took to deal it again.
	noKey, keyEpoch := p.keyClaims()
	signed, err := auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindJoin, auth.JoinContent(p.cfg.Name, p.certFP))
	if err != nil {
		return false, false, err
	}
	var keyAuth *cohortv1.Signed
	if noKey || keyEpoch != 0 {
		if keyAuth, err = auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindJoin, auth.JoinKeyContent(p.cfg.Name, p.certFP, noKey, keyEpoch)); err != nil {
			return false, false, err
		}
	}
	// The coordinator's node may not have this node's join yet: it reads
	// membership once it has the join's block, the latest one (the
	// hospital may have left and joined again since the node started).
	// Read before the chain watcher starts, which reads joinedAt.
	p.latestJoin(ctx)
	var watcher sync.WaitGroup
	defer watcher.Wait()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watcher.Go(func() { p.watchChain(ctx, cancel) })
	stream, err := p.client.Join(ctx, &cohortv1.JoinRequest{StudyId: p.cfg.StudyID, Name: p.cfg.Name, Auth: signed, ChainBlock: p.joinedAt, HoldsNoKey: noKey, KeyEpoch: keyEpoch, KeyAuth: keyAuth})
	if err != nil {
		return false, false, fmt.Errorf("participant %s: join coordinator: %w", p.cfg.Name, err)
	}
	defer func() {
		// The chain watcher ended the session: the study is over, or this
		// hospital is no longer in it.
		switch cause := context.Cause(ctx); {
		case errors.Is(cause, errStudyCompleted):
			done, err = true, nil
		case errors.Is(cause, ErrLeftStudy):
			done, err = false, cause
		}
	}()
	for {
		task, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return false, progressed, fmt.Errorf("participant %s: coordinator closed the task stream: %w", p.cfg.Name, errStreamEnded)
		}
		if err != nil {
			return false, progressed, fmt.Errorf("participant %s: task stream: %w", p.cfg.Name, err)
		}
		progressed = true
		if task.GetDone() != nil {
			p.log.Info("study done", "final_model", common.BytesToHash(task.GetDone().GetFinalModelHash()).Hex())
			return true, true, nil
		}
		if err := p.handle(ctx, task); err != nil {
			if p.stopsOn(ctx, err) {
				return false, true, err
			}
			if errors.Is(err, ErrRoundEnded) {
				// Superseded: the next round's task comes on the stream.
				p.log.Info("round ended on chain before the coordinator took this hospital's update; not sent again", "err", err)
				continue
			}
			// A refused or failed task is the coordinator's to retry or route
			// around (another decryption set, a round without this site):
			// the decline tells it at once, and why. One refused for this
			// node's own chain (lagging, on another fork) is logged apart:
			// that is the hospital's own node to fix.
			p.log.Error(taskRefusal(err), "err", err)
			if declines(ctx, err) {
				p.declineTask(ctx, task, err)
			}
		}
	}
}

// stopsOn tells whether a failed task ends Run: a standardisation the
// node cannot serve, a cancelled context, or any failure with
// StopOnTaskError, except an answer the coordinator refused as no longer
// expected (it moved on, as to another decryption set when a holder went
// away) or an upload whose round ended on chain (ErrRoundEnded): that
// task was superseded, not failed.
func (p *Participant) stopsOn(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, ErrStandardisation) {
		return true
	}
	return p.cfg.StopOnTaskError && status.Code(err) != codes.FailedPrecondition && !errors.Is(err, ErrRoundEnded)
}

// carryOut does what a step decided: it writes the keystore changes, in
// order, and the data directory's files, then sends the submission to the
// coordinator.
func (p *Participant) carryOut(ctx context.Context, r ready) error {
	if ks := p.cfg.Keystore; ks != nil {
		if err := keepSecrets(ks, r.keep); err != nil {
			return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
	}
	if p.cfg.DataDir != "" {
		for _, f := range r.files {
			if err := writeFileAtomic(filepath.Join(p.cfg.DataDir, f.dir), f.name, f.data); err != nil {
				return fmt.Errorf("participant %s: keep %s: %w", p.cfg.Name, filepath.Join(f.dir, f.name), err)
			}
		}
	}
	if r.endorsed != nil {
		// Watched whether or not the submission gets through: the
		// endorsement stands, and the coordinator may be gone.
		p.rememberEndorsed(*r.endorsed)
	}
	if r.send == nil {
		return nil
	}
	for _, m := range append([]proto.Message{r.send}, r.more...) {
		rpcCtx, cancel := p.rpcContext(ctx)
		err := p.send(rpcCtx, m)
		cancel()
		if err != nil {
			return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
	}
	return nil
}

// send is the gRPC adapter of the steps: it calls the coordinator's method
// for a submission.
func (p *Participant) send(ctx context.Context, msg proto.Message) error {
	var err error
	var what string
	switch m := msg.(type) {
	case *cohortv1.PublicKeyShareSubmission:
		what, err = "submit public-key share", ack(p.client.SubmitPublicKeyShare(ctx, m))
	case *cohortv1.ThresholdSharesSubmission:
		what, err = "submit threshold shares", ack(p.client.SubmitThresholdShares(ctx, m))
	case *cohortv1.ThresholdKeyConfirmation:
		what, err = "confirm threshold key", ack(p.client.ConfirmThresholdKey(ctx, m))
	case *cohortv1.ReshareSharesSubmission:
		what, err = "submit re-sharing shares", ack(p.client.SubmitReshareShares(ctx, m))
	case *cohortv1.ReshareKeyConfirmation:
		what, err = "confirm re-sharing", ack(p.client.ConfirmReshareKey(ctx, m))
	case *cohortv1.ScoreSharesSubmission:
		what, err = "submit score shares", ack(p.client.SubmitScoreShares(ctx, m))
	case *cohortv1.DecryptionShareSubmission:
		what, err = "submit decryption share", ack(p.client.SubmitDecryptionShare(ctx, m))
	case *cohortv1.EndorsementSubmission:
		what, err = "submit endorsement", ack(p.client.SubmitEndorsement(ctx, m))
	case *cohortv1.EvaluationSubmission:
		what, err = "submit evaluation", ack(p.client.SubmitEvaluation(ctx, m))
	case *cohortv1.MomentsCount:
		what, err = "submit moments count", ack(p.client.SubmitMomentsCount(ctx, m))
	case *cohortv1.MomentsSubmission:
		what, err = "submit moments", ack(p.client.SubmitMoments(ctx, m))
	case *cohortv1.MomentsShareSubmission:
		what, err = "submit moments share", ack(p.client.SubmitMomentsShare(ctx, m))
	case *cohortv1.MomentsConfirmation:
		what, err = "confirm standardiser", ack(p.client.ConfirmMoments(ctx, m))
	default:
		return fmt.Errorf("no coordinator method for %T", msg)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// ack drops a coordinator's acknowledgement, keeping its error.
func ack(_ *cohortv1.Ack, err error) error { return err }

// errStreamEnded reports a task stream the coordinator closed.
var errStreamEnded = errors.New("task stream ended")

// errStudyCompleted ends a session when the chain says the study completed.
var errStudyCompleted = errors.New("the study is completed on chain")

// ErrLeftStudy reports that this hospital is no longer a participant of the
// study on chain (it left, or a member vote excluded it): the node stops.
// Starting it again joins the study again.
var ErrLeftStudy = errors.New("participant: this hospital is no longer a participant of the study on chain")

// studyOver reads the chain: true with a nil error when the study is
// completed, true with ErrLeftStudy when this hospital is no longer among
// its participants. A failed read is not an end: it returns false with
// read false, and the node goes on (the chain may be back by the next
// try).
//
// "Not a participant" on this node's chain is decided by the study's
// latest state where the node's transactions go (participationAtLatest):
// a chain behind them may show a departure the hospital's next join
// undid (cohort study leave, then a join by another run of its node),
// or be behind its own join (restarted without a data directory to
// recall the join from). While that state holds the hospital a
// participant the node keeps going and waits for its chain to reach the
// join (msgParticipantAtLatest); while it cannot tell, the next read
// decides.
func (p *Participant) studyOver(ctx context.Context) (over, read bool, err error) {
	study, err := p.ledger.Progress(ctx, p.cfg.StudyID)
	if err != nil {
		p.log.Warn("reading the study from the chain", "study", p.cfg.StudyID, "err", err)
		return false, false, nil
	}
	if study.Completed {
		p.log.Info("study completed on chain", "study", p.cfg.StudyID, "rounds", study.CurrentRound)
		return true, true, nil
	}
	in, err := p.ledger.IsParticipant(ctx, p.cfg.StudyID, p.Address())
	if err != nil {
		p.log.Warn("reading this hospital's participation from the chain", "study", p.cfg.StudyID, "err", err)
		return false, false, nil
	}
	if !in && p.behindOwnJoin(ctx) {
		return false, false, nil
	}
	if !in {
		switch p.participationAtLatest(ctx) {
		case inAtLatest:
			p.log.Warn(msgParticipantAtLatest, "study", p.cfg.StudyID)
			return false, true, nil
		case unknownAtLatest:
			return false, false, nil
		}
		return true, true, fmt.Errorf("participant %s: %w %d; the node stops (start it again to join the study again)", p.cfg.Name, ErrLeftStudy, p.cfg.StudyID)
	}
	return false, true, nil
}

// watchChain ends the session, through cancel, once studyOver says so. It
// reads the chain at the first chainPoll tick after the chain has a new
// block (nothing it reads changes otherwise; several blocks between ticks
// cost one read, and the nodes' reads are not all at the block), at the
// first tick, and at the tick after a failed read.
func (p *Participant) watchChain(ctx context.Context, cancel context.CancelCauseFunc) {
	p.atChainPolls(func(ticks <-chan time.Time) { p.watchChainTicks(ctx, cancel, ticks) })
}

// atChainPolls runs a chain watcher with ticks every chain poll.
func (p *Participant) atChainPolls(watch func(ticks <-chan time.Time)) {
	tick := time.NewTicker(p.cfg.chainPoll())
	defer tick.Stop()
	watch(tick.C)
}

// watchChainTicks is watchChain with its ticks given. The study may have
// ended before this session began: the first tick reads.
func (p *Participant) watchChainTicks(ctx context.Context, cancel context.CancelCauseFunc, ticks <-chan time.Time) {
	p.readAtNewBlocks(ctx, ticks, nil, func() (read, stop bool) {
		over, read, err := p.studyOver(ctx)
		switch {
		case err != nil:
			cancel(err)
			return read, true
		case over:
			cancel(errStudyCompleted)
			return read, true
		}
		return read, false
	})
}

// readAtNewBlocks calls read at the first tick, at the first tick after
// the chain has a new block (nothing read changes otherwise; several
// blocks between ticks cost one read, and the nodes' reads are not all at
// the block), at the tick after a failed read (read false) and at any
// tick due says is due (nil: none). It returns when ctx ends or read says
// stop.
func (p *Participant) readAtNewBlocks(ctx context.Context, ticks <-chan time.Time, due func(now time.Time) bool, read func() (ok, stop bool)) {
	next := p.ledger.NextHead()
	stale := true
	for {
		select {
		case <-ctx.Done():
			return
		case <-next:
			next = p.ledger.NextHead()
			stale = true
			continue
		case now := <-ticks:
			if !stale && (due == nil || !due(now)) {
				continue
			}
		}
		ok, stop := read()
		if stop {
			return
		}
		stale = !ok
	}
}

// retryable tells whether joining again may help: the coordinator went away
// or is restarting, as opposed to refusing this node.
func retryable(err error) bool {
	if errors.Is(err, errStreamEnded) {
		return true
	}
	if _, limited := protocol.RetryAfter(err); limited {
		return true // this certificate went over the coordinator's rate: later
	}
	st, ok := status.FromError(err)
	if !ok {
		return false // this node's own error, not the connection's
	}
	switch st.Code() {
	case codes.Unavailable, codes.Canceled, codes.DeadlineExceeded, codes.Aborted, codes.Internal, codes.Unknown:
		return true
	}
	return false
}

// train runs the train phase: it reads the round, the study, the global
// model, the collective key and the consent the steps need, and carries out
// what they decide (steps_train.go): keep the sealed update and the ids
// used, commit on chain, upload.
func (p *Participant) train(ctx context.Context, t *cohortv1.TrainTask) error {
	tr := Trace{Round: t.GetRound()}
	round := t.GetRound()
	p.forgetOtherRounds(round)
	if err := p.checkMode(t.GetStandardisation()); err != nil {
		return err
	}
	tc := time.Now()
	onChain, err := p.ledger.Round(ctx, p.cfg.StudyID, round)
	if err != nil {
		return fmt.Errorf("participant %s: read round %d: %w", p.cfg.Name, round, err)
	}
	tr.Chain += time.Since(tc)
	// A node restarted after committing uploads exactly what it committed.
	if cm, err := p.ledger.Commitment(ctx, p.cfg.StudyID, round, p.Address()); err == nil {
		sealed, err := p.sealedUpdate(cm.CiphertextHash)
		if err != nil {
			return err
		}
		p.log.Info("uploading the update committed before a restart", "round", round, "hash", cm.CiphertextHash.Hex())
		return p.upload(ctx, round, cm.CiphertextHash, sealed, nil)
	} else if !errors.Is(err, contracts.ErrNoCommitment) {
		return fmt.Errorf("participant %s: read own commitment: %w", p.cfg.Name, err)
	}
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if err := p.steps.trainCheck(t, study, onChain); err != nil {
		return err
	}
	global, err := p.fetchModel(ctx, onChain.GlobalModel)
	if err != nil {
		return err
	}
	if err := p.ensurePublicKey(ctx, study, study.PublicKeyHash); err != nil {
		return err
	}

	// Train only on the records of patients whose consent is active as of
	// this round.
	used, _, err := p.consented(ctx, round)
	if err != nil {
		return err
	}
	if len(used) == 0 {
		return fmt.Errorf("participant %s: round %d: %w (consent source %q, %d training records; with %q, patients' grants must be relayed on chain, e.g. with cohort consent grant)",
			p.cfg.Name, round, ErrNoConsentedRecords, p.consentSource, len(p.cfg.Site.Train), ConsentChain)
	}
	recs, ids, root, spent, err := p.steps.trainInputs(t, used)
	if err != nil {
		return err
	}
	if p.cfg.Train.Privacy != nil {
		p.log.Info("privacy budget", "round", round, "epsilon_spent", spent, "epsilon_budget", p.cfg.Train.Privacy.Epsilon,
			"delta", p.cfg.Train.Privacy.Delta, "excluded_by_consent_bound", len(used)-len(ids))
	} else if len(ids) < len(used) {
		p.log.Info("records left out: their consent bounds ε and the study trains without differential privacy", "round", round,
			"excluded_by_consent_bound", len(used)-len(ids))
	}
	// An attacking node (for evaluations of robust aggregation only)
	// poisons its data here and its update below.
	t0 := time.Now()
	poison := p.cfg.Attack.PoisonRecords
	if p.cfg.Spec.IsSurvival() {
		poison = p.cfg.Attack.PoisonSurvivalRecords
	}
	update, err := p.steps.trainLocal(ctx, round, global, poison(recs))
	if err != nil {
		return err
	}
	tr.Train = time.Since(t0)
	tr.Samples = len(ids)
	tr.Excluded = len(p.cfg.Site.Train) - len(ids)

	t0 = time.Now()
	if update, err = p.cfg.Attack.Play(ctx, round, update); err != nil {
		return fmt.Errorf("participant %s: round %d: attack: %w", p.cfg.Name, round, err)
	}
	sealed, content, err := p.sealOnce(round, func() ([]byte, error) { return p.steps.sealUpdate(round, update) })
	if err != nil {
		return fmt.Errorf("participant %s: encrypt update: %w", p.cfg.Name, err)
	}
	tr.Encrypt = time.Since(t0)
	tr.UploadBytes = len(sealed)
	r, err := p.steps.commitRound(round, sealed, content, ids, root, p.consentSource)
	if err != nil {
		return err
	}
	if err := p.carryOut(ctx, r); err != nil {
		return err
	}
	if t.GetCommitBy() == 0 {
		// Commit on chain first: the coordinator accepts only committed content.
		tc = time.Now()
		rc, err := p.ledger.CommitUpdate(ctx, p.account, p.cfg.StudyID, round, *r.commit)
		if err != nil {
			return fmt.Errorf("participant %s: commit update on chain: %w", p.cfg.Name, err)
		}
		tr.Chain += time.Since(tc)
		tr.GasUsed = rc.GasUsed
		if err := p.upload(ctx, round, r.commit.CiphertextHash, r.upload, nil); err != nil {
			return err
		}
	} else {
		// Batched: the signed commitment goes with the upload, the
		// coordinator records the round's in one transaction, and
		// watchCommitments checks the chain and commits by itself if the
		// coordinator does not in time.
		d, err := p.domain(ctx)
		if err != nil {
			return err
		}
		b, msg, err := p.steps.signCommitment(d, t, onChain, *r.commit, p.cfg.commitGrace())
		if err != nil {
			return err
		}
		if err := p.upload(ctx, round, r.commit.CiphertextHash, r.upload, msg); err != nil {
			return err
		}
		select {
		case p.batched <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p.log.Info("update committed and uploaded", "round", round, "samples", len(ids), "bytes", len(sealed), "hash", r.commit.CiphertextHash.Hex(), "batched", t.GetCommitBy() != 0)
	if p.cfg.Observe != nil {
		p.cfg.Observe(tr)
	}
	return nil
}

// domain returns the EIP-712 domain this node signs batched commitments
// for, read from the chain once.
func (p *Participant) domain(ctx context.Context) (contracts.CommitDomain, error) {
	if p.commitDomain != nil {
		return *p.commitDomain, nil
	}
	d, err := p.ledger.CommitDomain(ctx, p.cfg.StudyID)
	if err != nil {
		return contracts.CommitDomain{}, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	p.commitDomain = &d
	return d, nil
}

// watchCommitments watches the commitments this node signed for the
// coordinator's batches until each is settled (checkBatched), and commits
// by itself one the chain does not record by its time. It reads the chain
// at the first chainPoll tick after the chain has a new block (the
// coordinator's batch, the round's close), after a commitment arrives or
// after a read failed, and at the tick after a commitment's time to
// commit by itself passed. It reports a commitment the chain records
// otherwise than signed, or a round that closed without it.
func (p *Participant) watchCommitments(ctx context.Context) {
	p.atChainPolls(func(ticks <-chan time.Time) { p.watchCommitmentsTicks(ctx, ticks) })
}

// watchCommitmentsTicks is watchCommitments with its ticks given.
func (p *Participant) watchCommitmentsTicks(ctx context.Context, ticks <-chan time.Time) {
	next := p.ledger.NextHead()
	var watching []batchedCommitment
	stale := false // a block or a commitment not read since, or a failed read
	for {
		select {
		case <-ctx.Done():
			return
		case b := <-p.batched:
			watching = slices.DeleteFunc(watching, func(w batchedCommitment) bool { return w.round == b.round })
			watching = append(watching, b)
			stale = true
			continue
		case <-next:
			next = p.ledger.NextHead()
			stale = stale || len(watching) > 0
			continue
		case <-ticks:
			now := time.Now()
			due := slices.ContainsFunc(watching, func(b batchedCommitment) bool { return !now.Before(b.selfAt) })
			if !stale && !due {
				continue
			}
		}
		stale = false
		watching = slices.DeleteFunc(watching, func(b batchedCommitment) bool {
			settled, read := p.settleCommitment(ctx, b)
			stale = stale || !read
			return settled
		})
	}
}

// settleCommitment reads the chain about one batched commitment and does
// what checkBatched decides; it reports whether the commitment is settled
// and whether the chain could be read.
func (p *Participant) settleCommitment(ctx context.Context, b batchedCommitment) (settled, read bool) {
	var recorded *contracts.Commitment
	cm, err := p.ledger.Commitment(ctx, p.cfg.StudyID, b.round, p.Address())
	switch {
	case err == nil:
		recorded = &cm
	case !errors.Is(err, contracts.ErrNoCommitment):
		p.log.Warn("reading this hospital's commitment from the chain", "round", b.round, "err", err)
		return false, false
	}
	var round contracts.Round
	if recorded == nil {
		if round, err = p.ledger.Round(ctx, p.cfg.StudyID, b.round); err != nil {
			p.log.Warn("reading the round from the chain", "round", b.round, "err", err)
			return false, false
		}
	}
	verdict, err := p.steps.checkBatched(b, recorded, round, time.Now())
	switch {
	case err != nil:
		p.log.Error("batched commitment", "round", b.round, "err", err)
	case verdict == commitDone:
		p.log.Debug("the coordinator recorded this hospital's commitment as signed", "round", b.round)
	case verdict == commitVoid:
		p.log.Info("the round was abandoned before this hospital's commitment was recorded; its update is not used", "round", b.round)
		return true, true
	case verdict == commitSelf:
		p.log.Warn("the coordinator has not recorded this hospital's commitment in time; committing it", "round", b.round)
		_, err := p.ledger.CommitUpdate(ctx, p.account, p.cfg.StudyID, b.round, b.signed.Commitment)
		if errors.Is(err, contracts.ErrAlreadyCommitted) {
			return false, false // the batch came meanwhile: check what it recorded
		}
		if err != nil {
			p.log.Error("committing this hospital's update on chain", "round", b.round, "err", err)
		}
		return true, true
	}
	return verdict == commitDone, true
}

// uploadAttempts bounds how often upload tries again after an interruption.
const uploadAttempts = 5

// ErrRoundEnded: an interrupted upload's round is no longer open on chain
// (abandoned, or closed without it), so no coordinator will take it and
// it is not tried again; the node goes back to its task stream for the
// next round.
var ErrRoundEnded = errors.New("participant: the upload's round ended on chain; its update is not sent again")

// upload sends a committed update, resuming where an interrupted attempt
// ended. An attempt that the connection or a coordinator restart broke
// (Unavailable, Aborted) or that the coordinator could not take yet
// (FailedPrecondition: its round not reopened, or a resume offset that
// moved under a restart) is tried again after a short wait, asking
// UploadStatus afresh: once the coordinator has sent the round's task, no
// one asks this node again while it stays connected.
func (p *Participant) upload(ctx context.Context, round uint32, content common.Hash, sealed []byte, commitment *cohortv1.SignedCommitment) error {
	wait := p.cfg.retryBase()
	var refusals protocol.RefusalBackoff
	for attempt := 1; ; attempt++ {
		err := p.uploadOnce(ctx, round, content, sealed, commitment, attempt > 1)
		next := wait
		if refused, limited, _ := refusals.After(err); limited {
			next = max(wait, refused) // over this certificate's rate: when the coordinator says, or later
		} else {
			switch status.Code(err) {
			case codes.Unavailable, codes.Aborted, codes.FailedPrecondition:
			default:
				return err
			}
		}
		if attempt == uploadAttempts {
			return err
		}
		if ended := p.roundEnded(ctx, round); ended != "" {
			return fmt.Errorf("%w: round %d was %s on chain (%v)", ErrRoundEnded, round, ended, err)
		}
		p.log.Warn("upload interrupted; trying again", "round", round, "attempt", attempt, "in", next, "err", err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(next):
		}
		wait = min(2*wait, 10*time.Second)
	}
}

// roundEnded says how round ended on chain ("abandoned", "closed"), or ""
// while it is open or the chain cannot be read (the upload is then tried
// again as before).
func (p *Participant) roundEnded(ctx context.Context, round uint32) string {
	if p.ledger == nil {
		return ""
	}
	r, err := p.ledger.Round(ctx, p.cfg.StudyID, round)
	switch {
	case err != nil || r.Open:
		return ""
	case r.Abandoned:
		return "abandoned"
	case r.Closed:
		return "closed"
	}
	return ""
}

// uploadOnce sends sealed in one stream. A resumed attempt first asks the
// coordinator how much of it arrived; a first attempt does not spend that
// round trip: should the coordinator hold part of it already (this node
// restarted mid-upload), it refuses the stream as starting at the wrong
// offset and the next attempt resumes.
func (p *Participant) uploadOnce(ctx context.Context, round uint32, content common.Hash, sealed []byte, commitment *cohortv1.SignedCommitment, resume bool) error {
	signed, err := auth.Sign(p.key, p.cfg.StudyID, round, auth.KindUpdate, content)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.rpcTimeout()*4) // a large upload
	defer cancel()
	// Resume an upload a broken connection or a restart interrupted.
	var offset int
	st := &cohortv1.UploadStatusReply{}
	if resume {
		if st, err = p.client.UploadStatus(ctx, &cohortv1.UploadStatusRequest{StudyId: p.cfg.StudyID, Round: round, ContentHash: content.Bytes(), Auth: signed, Commitment: commitment}); err != nil {
			return fmt.Errorf("participant %s: upload status: %w", p.cfg.Name, err)
		}
	}
	// A coordinator that stopped after the last byte arrived holds all of
	// it: the upload resumes at its end, with no data, and is checked.
	if !st.GetComplete() && st.GetReceived() <= uint64(len(sealed)) {
		offset = int(st.GetReceived())
	}
	if offset > 0 {
		p.log.Info("resuming an interrupted upload", "round", round, "from_byte", offset, "of", len(sealed))
	}
	stream, err := p.client.UploadUpdate(ctx)
	if err != nil {
		return fmt.Errorf("participant %s: upload: %w", p.cfg.Name, err)
	}
	header := &cohortv1.UpdateHeader{StudyId: p.cfg.StudyID, Round: round, Size: uint64(len(sealed)), ContentHash: content.Bytes(), Auth: signed, Offset: uint64(offset), Commitment: commitment}
	if err := stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: header}}); err != nil {
		return fmt.Errorf("participant %s: upload header: %w", p.cfg.Name, err)
	}
	for off := offset; off < len(sealed) && !st.GetComplete(); off += uploadChunk {
		end := min(off+uploadChunk, len(sealed))
		if err := stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: sealed[off:end]}}); err != nil {
			break // the server closed the stream; CloseAndRecv reports why
		}
	}
	receipt, err := stream.CloseAndRecv()
	if status.Code(err) == codes.AlreadyExists {
		return nil // the coordinator kept it before a restart
	}
	if err != nil {
		return fmt.Errorf("participant %s: upload round %d: %w", p.cfg.Name, round, err)
	}
	if common.BytesToHash(receipt.GetContentHash()) != content {
		return fmt.Errorf("participant %s: coordinator acknowledged %x, not the uploaded %s", p.cfg.Name, receipt.GetContentHash(), content.Hex())
	}
	return nil
}

// evaluate scores the round's new model on the consented test records
// (see steps.evaluate).
func (p *Participant) evaluate(ctx context.Context, t *cohortv1.EvaluateTask) error {
	study, err := p.ledger.Progress(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	params, err := p.fetchModel(ctx, common.BytesToHash(t.GetModelHash()))
	if err != nil {
		return err
	}
	// Metrics leave the site, so they too cover consenting patients only,
	// by the same filter as the round's training.
	_, test, err := p.consented(ctx, t.GetRound())
	if err != nil {
		return err
	}
	r, err := p.steps.evaluate(t, study, params, test)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// ensurePublicKey checks that h, the collective key a task names, is the
// one study (read from the chain for this task, at or after the task's
// block) records, then fetches the key once per hash. The check comes
// before the kept key is used: the coordinator may set the study's key
// again until round 1 opens, and a key kept because it was checked once
// would otherwise let a task under a key the chain no longer records
// through. Comparing with the study the task already read costs no call.
func (p *Participant) ensurePublicKey(ctx context.Context, study contracts.Study, h common.Hash) error {
	if err := checkPublicKey(study.PublicKeyHash, h); err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	if p.pubKey != nil && p.pkHash == h {
		return nil
	}
	pk, err := p.fetch(ctx, h)
	if err != nil {
		return err
	}
	p.pubKey, p.pkHash = pk, h
	return nil
}

func (p *Participant) fetchModel(ctx context.Context, h common.Hash) ([]float64, error) {
	b, err := p.fetch(ctx, h)
	if err != nil {
		return nil, err
	}
	params, err := models.DecodeParams(b)
	if err != nil {
		return nil, fmt.Errorf("participant %s: model %s: %w", p.cfg.Name, h.Hex(), err)
	}
	return params, nil
}

// fetch downloads a blob and checks it hashes to h.
func (p *Participant) fetch(ctx context.Context, h common.Hash) ([]byte, error) {
	b, err := p.receive(ctx, h)
	if err == nil {
		err = checkBlobHash(h, aggregation.ContentHash(b))
	}
	if err != nil {
		return nil, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	return b, nil
}

// fetchSealed downloads a sealed update and checks it hashes to h, keeping
// the vector it decoded to hash it in place of its bytes.
func (p *Participant) fetchSealed(ctx context.Context, h common.Hash) (sealedUpdate, error) {
	b, err := p.receive(ctx, h)
	var u sealedUpdate
	if err == nil {
		u = newSealedUpdate(b)
		err = checkBlobHash(h, u.hash)
	}
	if err != nil {
		return sealedUpdate{}, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	return u, nil
}

// receive downloads blob h, unchecked.
func (p *Participant) receive(ctx context.Context, h common.Hash) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.rpcTimeout()*4)
	defer cancel()
	return receiveBlob(ctx, p.client, p.reader(), h, p.log)
}

// reader is this node's signature on its blob requests.
func (p *Participant) reader() BlobReader {
	return BlobReader{Study: p.cfg.StudyID, Key: p.key, CertFingerprint: p.certFP}
}

// BlobReader is who asks a study's coordinator for its blobs. The
// coordinator serves the study's published blobs (its recipe, the models
// the chain records) to any consortium certificate, and every other blob
// only to a request signed by the study's owner or one of its
// participants, over the TLS certificate the signature names, and to a
// participant, current or past, those of the rounds it took part in (and
// the study's public key and root data set, whenever it joined).
type BlobReader struct {
	Study uint64
	// Key signs the requests; nil asks unsigned, for published blobs.
	Key *ecdsa.PrivateKey
	// CertFingerprint is the SHA-256 of the TLS certificate the reader
	// connects with (auth.Fingerprint).
	CertFingerprint common.Hash
}

// blobRequest is the request for blob h, signed if the reader has a key.
func (r BlobReader) blobRequest(h common.Hash) (*cohortv1.BlobRequest, error) {
	req := &cohortv1.BlobRequest{Hash: h.Bytes(), StudyId: r.Study}
	if r.Key == nil {
		return req, nil
	}
	var err error
	req.Auth, err = auth.Sign(r.Key, r.Study, 0, auth.KindBlobRead, auth.BlobReadContent(h, r.CertFingerprint))
	return req, err
}

// signChunks names the study in req and signs it.
func (r BlobReader) signChunks(req *cohortv1.ChunkRequest) error {
	req.StudyId = r.Study
	var err error
	req.Auth, err = auth.Sign(r.Key, r.Study, 0, auth.KindChunkRead, auth.ChunkReadContent(req.GetHashes(), req.GetChunks(), r.CertFingerprint))
	return err
}

// FetchBlob downloads a content-addressed blob of reader's study from the
// coordinator and refuses it unless its bytes hash to h. log gets the
// warnings of a read the coordinator refuses as over the caller's rate
// (asked again after a growing wait): the caller's own logger, so a
// node's logs show why its start waits.
func FetchBlob(ctx context.Context, client cohortv1.CoordinatorClient, reader BlobReader, h common.Hash, log *slog.Logger) ([]byte, error) {
	b, err := receiveBlob(ctx, client, reader, h, log)
	if err != nil {
		return nil, err
	}
	if err := checkBlobHash(h, aggregation.ContentHash(b)); err != nil {
		return nil, err
	}
	return b, nil
}

// checkBlobHash refuses a blob asked for as want whose bytes hash to got.
func checkBlobHash(want, got common.Hash) error {
	if got != want {
		return fmt.Errorf("%w: blob %s hashes to %s", ErrChainMismatch, want.Hex(), got.Hex())
	}
	return nil
}

// receiveBlob downloads blob h from the coordinator; the caller checks it.
func receiveBlob(ctx context.Context, client cohortv1.CoordinatorClient, reader BlobReader, h common.Hash, log *slog.Logger) ([]byte, error) {
	req, err := reader.blobRequest(h)
	if err != nil {
		return nil, err
	}
	var b []byte
	err = askAgainWhenLimited(ctx, log, pauseFor, func() error {
		b, err = receiveBlobOnce(ctx, client, req, h)
		return err
	})
	return b, err
}

// askAgainWhenLimited runs ask until the coordinator no longer refuses it
// as over this certificate's rate (protocol.RateLimited), pausing between
// refusals as protocol.RefusalBackoff says (the delay named, growing over
// consecutive refusals), within ctx. A node in normal operation stays far
// under that limit; one that went over asks again rather than failing its
// task, and a coordinator that refuses every call is asked every 30 to
// 60 s once the waits stop growing. It logs a refusal only when they grow.
func askAgainWhenLimited(ctx context.Context, log *slog.Logger, pause func(context.Context, time.Duration) bool, ask func() error) error {
	var refusals protocol.RefusalBackoff
	for {
		err := ask()
		wait, limited, grew := refusals.After(err)
		if !limited {
			return err
		}
		if grew {
			log.Warn("the coordinator refused a request as over this hospital's rate; asking again", "in", wait, "err", err)
		}
		if !pause(ctx, wait) {
			return err
		}
	}
}

// pauseFor waits d, or until ctx ends; it reports whether d passed.
func pauseFor(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// receiveBlobOnce asks for blob h once.
func receiveBlobOnce(ctx context.Context, client cohortv1.CoordinatorClient, req *cohortv1.BlobRequest, h common.Hash) ([]byte, error) {
	stream, err := client.GetBlob(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("fetch blob %s: %w", h.Hex(), err)
	}
	var buf []byte
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("fetch blob %s: %w", h.Hex(), err)
		}
		if buf == nil && chunk.GetSize() > 0 {
			buf = make([]byte, 0, chunk.GetSize())
		}
		buf = append(buf, chunk.GetData()...)
	}
	return buf, nil
}
