package coordinatord

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/configfile"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// Serve starts the coordinator daemon and runs the study to its end, or
// until ctx is cancelled (SIGINT, SIGTERM), then stops gracefully. Once the
// study is completed, whether in this run or before it started, it keeps
// serving the study's store read-only (models, updates, audit records)
// until ctx is cancelled.
func Serve(ctx context.Context, cfg Config, log *slog.Logger, stdout io.Writer) error {
	contract, err := cfg.Chain.Check()
	if err != nil {
		return err
	}
	switch {
	case cfg.StudyID == 0:
		return errors.New("study: set the study id (from `cohort study create`)")
	case cfg.Listen == "":
		return errors.New("listen: set the address to serve on, e.g. 127.0.0.1:7443")
	case cfg.DataDir == "":
		return errors.New("data_dir: set where the coordinator keeps its blobs")
	case cfg.KeyFile == "":
		return errors.New("key_file: set the coordinator's Ethereum key file")
	}
	unlock, err := configfile.LockDataDir(ctx, cfg.DataDir, configfile.DataDirLockWait, log)
	if err != nil {
		return err
	}
	defer unlock()
	key, err := auth.LoadPrivateKey(cfg.KeyFile)
	if err != nil {
		return err
	}
	account := contracts.NewAccount(key)
	cert, pool, err := cfg.TLS.Load()
	if err != nil {
		return err
	}
	settings, err := models.LoadStudySettings(cfg.RecipeFile, cfg.SpecFile, cfg.ServerOptimizer != nil || cfg.Standardise != "")
	if err != nil {
		return err
	}
	spec := settings.Spec
	scales, groups, err := cfg.schemaSettings(settings)
	if err != nil {
		return err
	}
	// The recipe is checked once the key and certificate are: a config of
	// another deployment differs in its recipe too, and the key says why.
	chain, ledger, study, err := contracts.OpenStudy(ctx, cfg.Chain.RPC, contract, cfg.StudyID, func(common.Hash) error { return nil })
	if err != nil {
		return err
	}
	defer chain.Close()
	chain.SetLogWindow(cfg.Chain.LogWindow)
	if err := checkIdentity(study, account.Address(), cert, pool, time.Now()); err != nil {
		return err
	}
	// Hospitals accept the coordinator only over connections it binds to
	// this study with its key (auth.BindCoordinatorServer).
	ref, err := auth.NewStudyRef(ledger.ChainID(), contract, cfg.StudyID)
	if err != nil {
		return err
	}
	if host, covered := uncoveredListenHost(cert, cfg.Listen); host != "" {
		log.Warn("the TLS certificate does not cover the host in listen: hospitals must dial one it covers, or they refuse the coordinator",
			"listen_host", host, "certificate_hosts", covered)
	}
	if err := settings.Check(study.SpecHash, nil); err != nil {
		return fmt.Errorf("study %d: %w", cfg.StudyID, err)
	}
	if r := settings.Recipe; r != nil && uint32(r.Rounds) != study.Rounds {
		return fmt.Errorf("study %d runs %d rounds on chain but the recipe says %d", cfg.StudyID, study.Rounds, r.Rounds)
	}
	metrics := newRoundMetrics(cfg.StudyID)
	log, stopMetrics, err := metrics.Start(cfg.MetricsListen, chain.BlockNumber, log, stdout)
	if err != nil {
		return err
	}
	defer stopMetrics()
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		return err
	}
	store, err := coordinator.OpenStore(filepath.Join(cfg.DataDir, "blobs"))
	if err != nil {
		return err
	}
	if r := settings.Recipe; r != nil {
		// Hospitals fetch the recipe by its on-chain hash.
		canon, err := r.Canonical()
		if err != nil {
			return err
		}
		if _, err := store.Put(canon); err != nil {
			return err
		}
	}
	ccfg := coordinator.DefaultConfig()
	ccfg.StudyID, ccfg.Spec, ccfg.Rounds = cfg.StudyID, spec, int(study.Rounds)
	ccfg.Participants, ccfg.InitSeed = int(study.MinParticipants), 1
	if cfg.Participants > 0 {
		ccfg.Participants = cfg.Participants
	}
	if cfg.InitSeed != 0 {
		ccfg.InitSeed = cfg.InitSeed
	}
	if cfg.PhaseTimeout > 0 {
		ccfg.PhaseTimeout = time.Duration(cfg.PhaseTimeout)
	}
	ccfg.AbsentGrace = time.Duration(cfg.AbsentGrace)
	ccfg.ConsentWait = time.Duration(cfg.ConsentWait)
	ccfg.ChainCatchUp = time.Duration(cfg.ChainCatchUp)
	if cfg.RoundDuration > 0 {
		ccfg.RoundDuration = time.Duration(cfg.RoundDuration)
	}
	if cfg.MaxUpdateBytes > 0 {
		ccfg.MaxUpdateBytes = cfg.MaxUpdateBytes
	}
	ccfg.CommitEach = cfg.CommitEach
	if l := cfg.CallerLimit; l != nil {
		ccfg.CallerLimit = coordinator.CallerLimit{PerSecond: l.PerSecond, Burst: l.Burst}
		if ccfg.CallerLimit == (coordinator.CallerLimit{}) {
			return fmt.Errorf("config: caller_limit is empty; set per_second and burst (e.g. {\"per_second\": %g, \"burst\": %d}) or leave it out for those defaults",
				coordinator.DefaultCallerLimit.PerSecond, coordinator.DefaultCallerLimit.Burst)
		}
	}
	ccfg.EnrolmentWindow = DefaultEnrolmentWindow
	if cfg.EnrolmentWindow > 0 {
		ccfg.EnrolmentWindow = time.Duration(cfg.EnrolmentWindow)
	}
	ccfg.ServerOptimizer, ccfg.Standardisation = settings.Server, settings.Standardise
	if settings.Train.Privacy != nil {
		ccfg.PrivateTraining = &settings.Train
	}
	if cfg.ServerOptimizer != nil {
		ccfg.ServerOptimizer = *cfg.ServerOptimizer
	}
	if settings.Recipe == nil {
		if ccfg.Standardisation, err = records.ParseStandardisation(cfg.Standardise, records.StandardisePooled); err != nil {
			return fmt.Errorf("standardise: %w", err)
		}
	}
	ccfg.Scales, ccfg.StandardiserGroups = scales, groups
	ccfg.RequireCrossCheck = settings.Recipe != nil && settings.Recipe.RequireCrossCheck
	ccfg.Progress = func(r coordinator.RoundReport) {
		metrics.observeRound(r)
		if spec.IsSurvival() {
			fmt.Fprintf(stdout, "round %d/%d closed: c-index %.3f (pairs within hospitals)  contributors %d  model %s\n",
				r.Round, ccfg.Rounds, r.Pooled.CIndex, len(r.Contributors), r.ModelHash.Hex())
			return
		}
		fmt.Fprintf(stdout, "round %d/%d closed: accuracy %.3f  auc %.3f  contributors %d  model %s\n",
			r.Round, ccfg.Rounds, r.Accuracy, r.AUC, len(r.Contributors), r.ModelHash.Hex())
	}
	coord, err := coordinator.New(ccfg, ledger, account, scheme, store, log)
	if err != nil {
		return err
	}

	// A restart binds the address its hospitals know, which another
	// socket may hold for a while after the old process ended: wait for it.
	lis, err := coordinator.Listen(ctx, cfg.Listen, coordinator.RestartListenWait, func(err error) {
		log.Warn("listen address in use; waiting for it to be free", "listen", cfg.Listen, "up_to", coordinator.RestartListenWait, "err", err)
	})
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	srv := grpc.NewServer(append(coordinator.ServerLimits(), coordinator.ServerCodec(),
		// On SIGTERM every call in flight is cancelled, task streams
		// included, which would otherwise hold GracefulStop; Stop returns
		// once their handlers have, so none writes to the store after it.
		grpc.ChainStreamInterceptor(cancelStreamsOnStop(ctx)), grpc.ChainUnaryInterceptor(cancelCallsOnStop(ctx)),
		grpc.WaitForHandlers(true),
		grpc.Creds(auth.BindCoordinatorServer(auth.ServerConfig(cert, pool), key, ref)),
		grpc.StatsHandler(metrics.StatsHandler()),
	)...)
	coord.Register(srv)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(lis) }()
	log.Info("coordinator serving", "listen", lis.Addr().String(), "study", cfg.StudyID, "contract", contract.Hex(), "coordinator", account.Address().Hex())
	fmt.Fprintf(stdout, "coordinator for study %d listening on %s\n", cfg.StudyID, lis.Addr())

	res, runErr := coord.Run(ctx)
	if runErr == nil {
		// Researchers fetch the study's models from here: keep serving.
		fmt.Fprintf(stdout, "study %d completed: %d rounds this run; serving its models until stopped\n", cfg.StudyID, len(res.Rounds))
		log.Info("study completed; serving models until SIGTERM", "study", cfg.StudyID)
		<-ctx.Done()
	}
	// Stop accepting, let the calls cancelled above end, then the store's
	// last uploads are made durable; the data directory is unlocked last
	// (deferred first), once nothing writes to it.
	stopGracefully(srv, stopGrace)
	select {
	case err := <-serveErr:
		if err != nil && !errors.Is(err, grpc.ErrServerStopped) && runErr == nil {
			runErr = err
		}
	default:
	}
	if err := store.Sync(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil && ctx.Err() == nil {
		return runErr
	}
	log.Info("coordinator stopped; a restart resumes the study from the chain and the data directory")
	return nil
}

// stopGrace bounds how long the gRPC server waits, once stopping, for the
// calls in flight to end before it closes their connections.
const stopGrace = 2 * time.Second

// stopGracefully lets in-flight RPCs finish, up to a deadline, then stops
// the server; Stop returns once every handler has (grpc.WaitForHandlers).
func stopGracefully(srv *grpc.Server, within time.Duration) {
	done := make(chan struct{})
	go func() { srv.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-time.After(within):
		srv.Stop()
	}
}

// errStopping is what a call cut short by the coordinator's stop returns:
// Unavailable, which a hospital's node retries against the restarted
// coordinator, rather than declining its task.
var errStopping = status.Error(codes.Unavailable, "coordinator: stopping; a restart resumes the study")

// cancelCallsOnStop cancels a unary call's context once stop is done.
func cancelCallsOnStop(stop context.Context) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer context.AfterFunc(stop, cancel)()
		resp, err := handler(ctx, req)
		if err != nil && stop.Err() != nil {
			return nil, errStopping
		}
		return resp, err
	}
}

// cancelStreamsOnStop cancels a stream's context once stop is done.
func cancelStreamsOnStop(stop context.Context) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		ctx, cancel := context.WithCancel(ss.Context())
		defer context.AfterFunc(stop, cancel)()
		err := handler(srv, stoppableStream{ServerStream: ss, ctx: ctx})
		if err != nil && stop.Err() != nil {
			return errStopping
		}
		return err
	}
}

// stoppableStream is a server stream whose context ends when the
// coordinator stops.
type stoppableStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s stoppableStream) Context() context.Context { return s.ctx }

// schemaSettings reads the hospitals' schema, if the config names one: the
// scales of the features (1 without a schema) and the one-hot groups the
// study's recipe preconditions (none when it does not). A recipe that
// preconditions groups with no schema, or one that declares none, is
// refused here, before the chain is dialled.
func (c Config) schemaSettings(settings models.StudySettings) (scales []float64, groups [][]int, err error) {
	scales = records.UnitScales(settings.Spec.Features)
	var schema *records.Schema
	if c.Schema != "" {
		s, err := records.LoadSchemaFile(c.Schema)
		if err != nil {
			return nil, nil, err
		}
		scales, schema = s.Scales(), &s
	}
	if groups, err = settings.StandardiserGroups(schema); err != nil {
		if c.Schema == "" {
			return nil, nil, fmt.Errorf("schema: not set (set it to the hospitals' schema file): %w", err)
		}
		return nil, nil, fmt.Errorf("schema %s: %w", c.Schema, err)
	}
	return scales, groups, nil
}
