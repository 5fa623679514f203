package participantd

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/configfile"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// Serve runs a hospital node until the study is done or ctx is
// cancelled (SIGINT, SIGTERM); a restarted node resumes from its data directory.
func Serve(ctx context.Context, cfg Config, log *slog.Logger, stdout io.Writer) error {
	contract, err := cfg.Chain.Check()
	if err != nil {
		return err
	}
	switch {
	case cfg.Name == "":
		return errors.New("name: set the hospital's name")
	case cfg.StudyID == 0:
		return errors.New("study: set the study id")
	case cfg.Coordinator == "":
		return errors.New("coordinator: set the coordinator's HOST:PORT")
	case cfg.DataDir == "":
		return errors.New("data_dir: set where the node keeps its keystore and sealed updates")
	case cfg.KeyFile == "":
		return errors.New("key_file: set the hospital's Ethereum key file")
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
	cert, pool, err := cfg.TLS.Load()
	if err != nil {
		return err
	}
	metrics := newNodeMetrics(cfg.StudyID)
	// The chain first: it names the study's coordinator, the only server
	// the node accepts at cfg.Coordinator. The recipe is checked against
	// it once the coordinator is dialled, below.
	chain, ledger, study, err := contracts.OpenStudy(ctx, cfg.Chain.RPC, contract, cfg.StudyID, func(common.Hash) error { return nil })
	if err != nil {
		return err
	}
	defer chain.Close()
	ref, err := auth.NewStudyRef(ledger.ChainID(), contract, cfg.StudyID)
	if err != nil {
		return err
	}
	conn, err := dialCoordinator(cfg.Coordinator, cert, pool, ref, study.Coordinator, grpc.WithStatsHandler(metrics.StatsHandler()))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := cohortv1.NewCoordinatorClient(conn)
	settings, check, err := studySettings(ctx, cfg, client, log)
	if err != nil {
		return err
	}
	if err := check(study.SpecHash); err != nil {
		return fmt.Errorf("study %d: %w", cfg.StudyID, err)
	}
	chain.SetLogWindow(cfg.Chain.LogWindow)
	if err := checkIdentity(ctx, ledger, cfg.Name, crypto.PubkeyToAddress(key.PublicKey), cert); err != nil {
		return err
	}
	log, stopMetrics, err := metrics.Start(cfg.MetricsListen, chain.BlockNumber, log, stdout)
	if err != nil {
		return err
	}
	defer stopMetrics()
	mode := settings.Standardise
	if settings.Recipe == nil {
		if mode, err = records.ParseStandardisation(cfg.Standardise, records.StandardisePooled); err != nil {
			return fmt.Errorf("standardise: %w", err)
		}
	}
	site, scales, err := cfg.Data.Load(cfg.Name, mode)
	if err != nil {
		return err
	}
	groups, err := cfg.standardiserGroups(*settings)
	if err != nil {
		return err
	}
	pass, err := Passphrase(cfg.Keystore.PassphraseFile, KeystorePassphraseEnv)
	if err != nil {
		return err
	}
	var ksOpts []participant.KeystoreOption
	if cfg.Keystore.LightScrypt {
		ksOpts = append(ksOpts, participant.WithLightScrypt())
	}
	ks, err := participant.OpenKeystore(filepath.Join(cfg.DataDir, "keystore"), pass, ksOpts...)
	if err != nil {
		return err
	}
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		return err
	}
	source, err := participant.ParseConsentSource(cfg.Consent)
	if err != nil {
		return err
	}
	train := settings.Train
	if cfg.Train != nil {
		train = *cfg.Train
	}
	p, err := participant.New(participant.Config{
		Name: cfg.Name, StudyID: cfg.StudyID, Site: site, Spec: settings.Spec, Train: train,
		Keystore: ks, DataDir: cfg.DataDir, ConsentSource: source, Standardisation: mode, Scales: scales, StandardiserGroups: groups,
		RequireCrossCheck: settings.Recipe != nil && settings.Recipe.RequireCrossCheck, // the recipe's hash is the study's on chain
		CommitGrace:       time.Duration(cfg.CommitGrace), ChainCatchUp: time.Duration(cfg.ChainCatchUp),
		Observe: func(t participant.Trace) {
			metrics.observeTrace(t)
			fmt.Fprintf(stdout, "round %d: trained on %d consented records, update sealed and committed (%d bytes)\n", t.Round, t.Samples, t.UploadBytes)
		},
	}, client, ledger, key, auth.Fingerprint(cert), scheme, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s (%s) taking part in study %d through %s\n", cfg.Name, p.Address().Hex(), cfg.StudyID, cfg.Coordinator)
	if err := p.Run(ctx); err != nil {
		switch {
		case ctx.Err() != nil:
			log.Info("node stopped; a restart resumes the study from the data directory")
			return nil
		case errors.Is(err, participant.ErrLeftStudy):
			// Leaving is the hospital's own decision (cohort study leave) or
			// the members' vote to exclude it: the node's work is over.
			log.Info("this hospital is no longer a participant of the study; node stopped", "study", cfg.StudyID)
			fmt.Fprintf(stdout, "left study %d\n", cfg.StudyID)
			lingerForScrapers(ctx, cfg, log)
			return nil
		}
		return err
	}
	fmt.Fprintf(stdout, "study %d done\n", cfg.StudyID)
	lingerForScrapers(ctx, cfg, log)
	return nil
}

// dialCoordinator is the node's connection to the coordinator of study at
// target (HOST:PORT), over mutual TLS with the consortium's CA, accepting
// only a server whose certificate names studyCoordinator, the address the
// chain records for the study, and that signs each connection's channel
// binding with that address's key (auth.BindCoordinatorClient).
func dialCoordinator(target string, cert tls.Certificate, pool *x509.CertPool, study auth.StudyRef, studyCoordinator common.Address, opts ...grpc.DialOption) (*grpc.ClientConn, error) {
	opts = append([]grpc.DialOption{coordinator.DialMessageLimits(),
		grpc.WithTransportCredentials(auth.BindCoordinatorClient(auth.ClientConfig(cert, pool, auth.HostOf(target), studyCoordinator), study, studyCoordinator)),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second, Timeout: 10 * time.Second, PermitWithoutStream: true}),
	}, opts...)
	conn, err := grpc.NewClient(target, opts...)
	if err != nil {
		return nil, fmt.Errorf("coordinator %s: %w", target, err)
	}
	return conn, nil
}

// lingerForScrapers keeps the metrics server of a node whose study is over
// up for cfg.MetricsLinger, or until ctx ends.
func lingerForScrapers(ctx context.Context, cfg Config, log *slog.Logger) {
	linger := time.Duration(cfg.MetricsLinger)
	if cfg.MetricsListen == "" || linger <= 0 {
		return
	}
	log.Info("study over; serving metrics before exiting", "for", linger)
	select {
	case <-ctx.Done():
	case <-time.After(linger):
	}
}

// studySettings returns the node's study settings and the check of the
// chain's recipe hash: from its recipe file (a mismatch fetches the study's
// recipe from the coordinator to name the fields that differ), from an
// older spec file, or, with neither, from the coordinator, checked against
// the chain (settings are filled in by the check).
func studySettings(ctx context.Context, cfg Config, client cohortv1.CoordinatorClient, log *slog.Logger) (*models.StudySettings, func(common.Hash) error, error) {
	if cfg.RecipeFile == "" && cfg.SpecFile == "" && cfg.Train == nil && cfg.Standardise == "" {
		settings := &models.StudySettings{}
		return settings, func(h common.Hash) error {
			r, err := participant.FetchStudyRecipe(ctx, client, cfg.StudyID, h, log)
			if err != nil {
				return err
			}
			*settings, err = models.SettingsFromRecipe(*r, "the study's recipe")
			return err
		}, nil
	}
	settings, err := models.LoadStudySettings(cfg.RecipeFile, cfg.SpecFile, cfg.Train != nil || cfg.Standardise != "")
	if err != nil {
		return nil, nil, err
	}
	return &settings, func(h common.Hash) error {
		return participant.CheckStudySettings(ctx, settings, cfg.StudyID, h, client, log)
	}, nil
}
