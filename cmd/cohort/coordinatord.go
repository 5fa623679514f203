package main

import (
	"github.com/cohort-fl/cohort/contracts"

	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/keepalive"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// defaultEnrolmentWindow is the coordinator daemon's gap between rounds in
// which hospitals join or leave: long enough for a node that polls the
// chain every second, or `cohort study leave --wait`, to find it.
const defaultEnrolmentWindow = 10 * time.Second

// coordinatorFileConfig is the coordinator daemon's configuration file.
type coordinatorFileConfig struct {
	Chain   chainConfig   `json:"chain"`
	StudyID uint64        `json:"study"`
	KeyFile string        `json:"key_file"` // Ethereum key of the study's coordinator address (mode 0600)
	TLS     auth.TLSFiles `json:"tls"`
	Listen  string        `json:"listen"`   // e.g. 127.0.0.1:7443
	DataDir string        `json:"data_dir"` // blob store; keep it: a restart resumes from it and the chain
	// RecipeFile is the study's recipe (models.Recipe): model, local
	// training, server optimizer, rounds, standardisation, evaluation. Its
	// canonical hash must be the study's on chain. The coordinator serves
	// its canonical bytes to the hospitals under that hash.
	RecipeFile string `json:"recipe_file,omitempty"`
	// SpecFile is the model spec of configuration files written before
	// recipes, with ServerOptimizer and Standardise beside it; a recipe
	// replaces all three.
	SpecFile       string   `json:"spec_file,omitempty"`
	Participants   int      `json:"participants,omitempty"`   // joins awaited before key generation (default: the study's minimum)
	InitSeed       int64    `json:"init_seed,omitempty"`      // seed of the initial model (default 1)
	PhaseTimeout   duration `json:"phase_timeout,omitempty"`  // wait for stragglers per phase (default 2m)
	RoundDuration  duration `json:"round_duration,omitempty"` // on-chain commit deadline from a round's opening (default 1h)
	MaxUpdateBytes int64    `json:"max_update_bytes,omitempty"`
	LogFormat      string   `json:"log_format,omitempty"`
	// ServerOptimizer is fedavg (default), fedadam, fedyogi or fedadagrad,
	// e.g. {"kind": "fedadam", "learning_rate": 0.01}.
	ServerOptimizer *aggregation.FedOptConfig `json:"server_optimizer,omitempty"`
	// Standardise is the study's feature standardisation: "pooled"
	// (default: the moments phase before round 1 pools the hospitals'
	// statistics under encryption), "site" or "none". Every hospital must
	// be configured the same.
	Standardise string `json:"standardise,omitempty"`
	// Schema is the hospitals' data schema: with pooled standardisation its
	// scales encode the moments. Without it every scale is 1 (data already
	// near unit scale, such as the synthetic cohorts).
	Schema string `json:"schema,omitempty"`
	// EnrolmentWindow is how long the study stays between rounds, no round
	// open, so hospitals can join or leave on chain (default 10s).
	EnrolmentWindow duration `json:"enrolment_window,omitempty"`
	// MetricsListen, if set, serves Prometheus /metrics and /healthz on
	// this address, e.g. 127.0.0.1:9464 (unauthenticated: keep it local).
	MetricsListen string `json:"metrics_listen,omitempty"`
}

func (c *coordinatorFileConfig) resolve(dir string) {
	c.KeyFile, c.DataDir, c.SpecFile = resolvePath(dir, c.KeyFile), resolvePath(dir, c.DataDir), resolvePath(dir, c.SpecFile)
	c.RecipeFile = resolvePath(dir, c.RecipeFile)
	c.Schema = resolvePath(dir, c.Schema)
	c.TLS.CA, c.TLS.Cert, c.TLS.Key = resolvePath(dir, c.TLS.CA), resolvePath(dir, c.TLS.Cert), resolvePath(dir, c.TLS.Key)
}

func runCoordinator(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg coordinatorFileConfig
	log, err := readDaemonConfig("coordinator", "coordinator configuration file (JSON; see examples/consortium/coordinator.json)", args, stderr, &cfg, func() string { return cfg.LogFormat })
	if err != nil {
		return err
	}
	return serveCoordinator(ctx, cfg, log, stdout)
}

// serveCoordinator starts the coordinator daemon and runs the study to its
// end, or until ctx is cancelled (SIGINT, SIGTERM), then stops gracefully.
func serveCoordinator(ctx context.Context, cfg coordinatorFileConfig, log *slog.Logger, stdout io.Writer) error {
	contract, err := cfg.Chain.check()
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
	account, err := loadKeyFile(cfg.KeyFile)
	if err != nil {
		return err
	}
	cert, pool, err := cfg.TLS.Load()
	if err != nil {
		return err
	}
	pieces, err := models.LoadStudySettings(cfg.RecipeFile, cfg.SpecFile, cfg.ServerOptimizer != nil || cfg.Standardise != "")
	if err != nil {
		return err
	}
	spec := pieces.Spec
	chain, ledger, study, err := contracts.OpenStudy(ctx, cfg.Chain.RPC, contract, cfg.StudyID, func(h common.Hash) error { return pieces.Check(h, nil) })
	if err != nil {
		return err
	}
	defer chain.Close()
	if r := pieces.Recipe; r != nil && uint32(r.Rounds) != study.Rounds {
		return fmt.Errorf("study %d runs %d rounds on chain but the recipe says %d", cfg.StudyID, study.Rounds, r.Rounds)
	}
	if study.Coordinator != account.Address() {
		return fmt.Errorf("study %d is coordinated by %s; key_file holds %s", cfg.StudyID, study.Coordinator.Hex(), account.Address().Hex())
	}
	metrics := newCoordinatorMetrics(cfg.StudyID)
	log, stopMetrics, err := metrics.start(cfg.MetricsListen, "coordinator", cfg.StudyID, chain.BlockNumber, log, stdout)
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
	if r := pieces.Recipe; r != nil {
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
	if cfg.RoundDuration > 0 {
		ccfg.RoundDuration = time.Duration(cfg.RoundDuration)
	}
	if cfg.MaxUpdateBytes > 0 {
		ccfg.MaxUpdateBytes = cfg.MaxUpdateBytes
	}
	ccfg.EnrolmentWindow = defaultEnrolmentWindow
	if cfg.EnrolmentWindow > 0 {
		ccfg.EnrolmentWindow = time.Duration(cfg.EnrolmentWindow)
	}
	ccfg.ServerOptimizer, ccfg.Standardisation = pieces.Server, pieces.Standardise
	if pieces.Train.Privacy != nil {
		ccfg.PrivateTraining = &pieces.Train
	}
	if cfg.ServerOptimizer != nil {
		ccfg.ServerOptimizer = *cfg.ServerOptimizer
	}
	if pieces.Recipe == nil {
		if ccfg.Standardisation, err = records.ParseStandardisation(cfg.Standardise, records.StandardisePooled); err != nil {
			return fmt.Errorf("standardise: %w", err)
		}
	}
	ccfg.Scales = records.UnitScales(spec.Features)
	if cfg.Schema != "" {
		schema, err := records.LoadSchemaFile(cfg.Schema)
		if err != nil {
			return err
		}
		ccfg.Scales = schema.Scales()
	}
	ccfg.Progress = func(r coordinator.RoundReport) {
		metrics.observeRound(r)
		if spec.Kind == models.KindCox {
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

	lis, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	srv := grpc.NewServer(append(coordinator.ServerMessageLimits(),
		grpc.Creds(credentials.NewTLS(auth.ServerConfig(cert, pool))),
		// Participants keep their task stream open for a whole study; pings
		// find dead peers, and the policy refuses clients that ping abusively.
		grpc.KeepaliveParams(keepalive.ServerParameters{Time: 30 * time.Second, Timeout: 10 * time.Second}),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
		grpc.StatsHandler(grpcBytes{metrics.daemonMetrics}),
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
	stopGracefully(srv, 10*time.Second)
	select {
	case err := <-serveErr:
		if err != nil && !errors.Is(err, grpc.ErrServerStopped) && runErr == nil {
			runErr = err
		}
	default:
	}
	if runErr != nil && ctx.Err() == nil {
		return runErr
	}
	log.Info("coordinator stopped; a restart resumes the study from the chain and the data directory")
	return nil
}

// newLogger makes the daemons' structured logger on w.
func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	switch format {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log_format %q: want \"text\" or \"json\"", format)
}

// stopGracefully lets in-flight RPCs finish, up to a deadline.
func stopGracefully(srv *grpc.Server, within time.Duration) {
	done := make(chan struct{})
	go func() { srv.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-time.After(within):
		srv.Stop()
	}
}
