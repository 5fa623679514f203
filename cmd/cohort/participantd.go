package main

import (
	"github.com/cohort-fl/cohort/coordinator"

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
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// keystorePassphraseEnv is read when the config names no passphrase file.
const keystorePassphraseEnv = "COHORT_KEYSTORE_PASSPHRASE"

// participantFileConfig is a hospital node's configuration file.
type participantFileConfig struct {
	Name        string        `json:"name"` // the institution's name, as its TLS certificate and the member registry say
	Chain       chainConfig   `json:"chain"`
	StudyID     uint64        `json:"study"`
	KeyFile     string        `json:"key_file"`    // the hospital's Ethereum key (mode 0600)
	TLS         auth.TLSFiles `json:"tls"`         // mutual TLS with the coordinator
	Coordinator string        `json:"coordinator"` // HOST:PORT of the coordinator
	// DataDir keeps the encrypted keystore (key shares) and the sealed
	// updates; keep it: a restarted node resumes the study from it.
	DataDir  string         `json:"data_dir"`
	Keystore keystoreConfig `json:"keystore"`
	// RecipeFile is the study's recipe (models.Recipe); its canonical hash
	// must be the one the study recorded on chain, or the node refuses to
	// start and names the fields that differ. Without it (and without the
	// older spec_file) the node fetches the recipe from the coordinator
	// and checks it against the chain.
	RecipeFile string `json:"recipe_file,omitempty"`
	// SpecFile is the model spec of configuration files written before
	// recipes, with Train and Standardise beside it; a recipe replaces them.
	SpecFile string     `json:"spec_file,omitempty"`
	Data     dataConfig `json:"data"`
	// Consent is where patients' consent is read: "chain" (the consent
	// registry, as of each round; records need a patient-id column), "local"
	// (the CSV's consent column) or "auto" (default: chain when the records
	// carry patient ids).
	Consent string `json:"consent,omitempty"`
	// Standardise is how features are standardised: "pooled" (default:
	// statistics pooled across the hospitals through the study's moments
	// phase, no hospital's own revealed), "site" (this hospital's own) or
	// "none". It must be the coordinator's, or the node stops.
	Standardise string              `json:"standardise,omitempty"`
	Train       *models.TrainConfig `json:"train,omitempty"`      // local training (default: models.DefaultTrainConfig)
	LogFormat   string              `json:"log_format,omitempty"` // "text" (default) or "json"
	// MetricsListen, if set, serves Prometheus /metrics and /healthz on
	// this address, e.g. 127.0.0.1:9465 (unauthenticated: keep it local).
	MetricsListen string `json:"metrics_listen,omitempty"`
}

type keystoreConfig struct {
	// PassphraseFile holds the keystore passphrase (mode 0600); without it
	// the COHORT_KEYSTORE_PASSPHRASE environment variable is read.
	PassphraseFile string `json:"passphrase_file"`
	// LightScrypt uses geth's light scrypt parameters (fast, for test
	// consortia only).
	LightScrypt bool `json:"light_scrypt"`
}

// dataConfig is where a hospital's records come from: a CSV file with a
// schema, or (for test consortia) one site of the synthetic cohorts.
type dataConfig struct {
	CSV       string           `json:"csv"`
	Schema    string           `json:"schema"`
	Synthetic *syntheticSource `json:"synthetic,omitempty"`
}

type syntheticSource struct {
	Site  int   `json:"site"`  // which site, from 0
	Sites int   `json:"sites"` // how many sites the cohorts are split into
	Seed  int64 `json:"seed"`
}

func (c *participantFileConfig) resolve(dir string) {
	c.KeyFile, c.DataDir, c.SpecFile = resolvePath(dir, c.KeyFile), resolvePath(dir, c.DataDir), resolvePath(dir, c.SpecFile)
	c.RecipeFile = resolvePath(dir, c.RecipeFile)
	c.Keystore.PassphraseFile = resolvePath(dir, c.Keystore.PassphraseFile)
	c.Data.CSV, c.Data.Schema = resolvePath(dir, c.Data.CSV), resolvePath(dir, c.Data.Schema)
	c.TLS.CA, c.TLS.Cert, c.TLS.Key = resolvePath(dir, c.TLS.CA), resolvePath(dir, c.TLS.Cert), resolvePath(dir, c.TLS.Key)
}

// site loads the hospital's records and the scales of its features (the
// schema's; 1 for the synthetic cohorts, already near unit scale). With
// site standardisation the records come back standardised with the site's
// own statistics; otherwise raw (pooled standardisation happens in the
// study's moments phase).
func (d dataConfig) site(name string, mode records.Standardisation) (records.Site, []float64, error) {
	var site records.Site
	var scales []float64
	switch {
	case d.Synthetic != nil && d.CSV != "":
		return records.Site{}, nil, errors.New("data: set either csv (with schema) or synthetic, not both")
	case d.Synthetic != nil:
		sc := records.DefaultSyntheticConfig()
		sc.Sites, sc.Seed = d.Synthetic.Sites, d.Synthetic.Seed
		sites, err := records.Synthetic(sc)
		if err != nil {
			return records.Site{}, nil, fmt.Errorf("data.synthetic: %w", err)
		}
		if d.Synthetic.Site < 0 || d.Synthetic.Site >= len(sites) {
			return records.Site{}, nil, fmt.Errorf("data.synthetic.site %d: want 0..%d", d.Synthetic.Site, len(sites)-1)
		}
		site, scales = sites[d.Synthetic.Site], records.UnitScales(sc.Features)
	case d.CSV != "":
		if d.Schema == "" {
			return records.Site{}, nil, errors.New("data.schema: a CSV needs its schema file")
		}
		schema, err := records.LoadSchemaFile(d.Schema)
		if err != nil {
			return records.Site{}, nil, err
		}
		if site, _, err = records.LoadFile(d.CSV, schema, records.LoadOptions{Name: name, At: time.Now()}); err != nil {
			return records.Site{}, nil, err
		}
		scales = schema.Scales()
	default:
		return records.Site{}, nil, errors.New("data: set csv and schema, or synthetic")
	}
	if mode != records.StandardiseSite {
		return site, scales, nil
	}
	m, err := records.TrainMoments(site, len(scales))
	if err != nil {
		return records.Site{}, nil, err
	}
	std, err := records.NewStandardiser(m)
	if err != nil {
		return records.Site{}, nil, err
	}
	site, err = std.ApplySite(site)
	return site, scales, err
}

func runParticipant(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg participantFileConfig
	log, err := readDaemonConfig("participant", "hospital node configuration file (JSON; see examples/consortium/hospital-1.json)", args, stderr, &cfg, func() string { return cfg.LogFormat })
	if err != nil {
		return err
	}
	return serveParticipant(ctx, cfg, log, stdout)
}

// serveParticipant runs a hospital node until the study is done or ctx is
// cancelled (SIGINT, SIGTERM); a restarted node resumes from its data directory.
func serveParticipant(ctx context.Context, cfg participantFileConfig, log *slog.Logger, stdout io.Writer) error {
	contract, err := cfg.Chain.check()
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
	key, err := auth.LoadPrivateKey(cfg.KeyFile)
	if err != nil {
		return err
	}
	cert, pool, err := cfg.TLS.Load()
	if err != nil {
		return err
	}
	metrics := newParticipantMetrics(cfg.StudyID)
	host := cfg.Coordinator
	if h, _, err := net.SplitHostPort(cfg.Coordinator); err == nil {
		host = h
	}
	conn, err := grpc.NewClient(cfg.Coordinator, coordinator.DialMessageLimits(),
		grpc.WithTransportCredentials(credentials.NewTLS(auth.ClientConfig(cert, pool, host))),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second, Timeout: 10 * time.Second, PermitWithoutStream: true}),
		grpc.WithStatsHandler(grpcBytes{metrics.daemonMetrics}),
	)
	if err != nil {
		return fmt.Errorf("coordinator %s: %w", cfg.Coordinator, err)
	}
	defer conn.Close()
	client := cohortv1.NewCoordinatorClient(conn)
	pieces, check, err := participantPieces(ctx, cfg, client)
	if err != nil {
		return err
	}
	chain, ledger, _, err := contracts.OpenStudy(ctx, cfg.Chain.RPC, contract, cfg.StudyID, check)
	if err != nil {
		return err
	}
	defer chain.Close()
	log, stopMetrics, err := metrics.start(cfg.MetricsListen, "participant", cfg.StudyID, chain.BlockNumber, log, stdout)
	if err != nil {
		return err
	}
	defer stopMetrics()
	mode := pieces.Standardise
	if pieces.Recipe == nil {
		if mode, err = records.ParseStandardisation(cfg.Standardise, records.StandardisePooled); err != nil {
			return fmt.Errorf("standardise: %w", err)
		}
	}
	site, scales, err := cfg.Data.site(cfg.Name, mode)
	if err != nil {
		return err
	}
	pass, err := passphrase(cfg.Keystore.PassphraseFile, keystorePassphraseEnv)
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
	train := pieces.Train
	if cfg.Train != nil {
		train = *cfg.Train
	}
	p, err := participant.New(participant.Config{
		Name: cfg.Name, StudyID: cfg.StudyID, Site: site, Spec: pieces.Spec, Train: train,
		Keystore: ks, DataDir: cfg.DataDir, ConsentSource: source, Standardisation: mode, Scales: scales,
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
			// the coordinator's removal: the node's work is over.
			log.Info("this hospital is no longer a participant of the study; node stopped", "study", cfg.StudyID)
			fmt.Fprintf(stdout, "left study %d\n", cfg.StudyID)
			return nil
		}
		return err
	}
	fmt.Fprintf(stdout, "study %d done\n", cfg.StudyID)
	return nil
}

// participantPieces returns the node's study pieces and the check of the
// chain's recipe hash: from its recipe file (a mismatch fetches the study's
// recipe from the coordinator to name the fields that differ), from an
// older spec file, or, with neither, from the coordinator, checked against
// the chain (pieces are filled in by the check).
func participantPieces(ctx context.Context, cfg participantFileConfig, client cohortv1.CoordinatorClient) (*models.StudySettings, func(common.Hash) error, error) {
	if cfg.RecipeFile == "" && cfg.SpecFile == "" && cfg.Train == nil && cfg.Standardise == "" {
		pieces := &models.StudySettings{}
		return pieces, func(h common.Hash) error {
			r, err := participant.FetchStudyRecipe(ctx, client, h)
			if err != nil {
				return err
			}
			*pieces, err = models.SettingsFromRecipe(*r, "the study's recipe")
			return err
		}, nil
	}
	pieces, err := models.LoadStudySettings(cfg.RecipeFile, cfg.SpecFile, cfg.Train != nil || cfg.Standardise != "")
	if err != nil {
		return nil, nil, err
	}
	return &pieces, func(h common.Hash) error { return participant.CheckStudySettings(ctx, pieces, h, client) }, nil
}
