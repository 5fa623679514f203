package participantd

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/configfile"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// Config is a hospital node's configuration file.
type Config struct {
	Name        string           `json:"name"` // the institution's name, as its TLS certificate and the member registry say
	Chain       configfile.Chain `json:"chain"`
	StudyID     uint64           `json:"study"`
	KeyFile     string           `json:"key_file"`    // the hospital's Ethereum key (mode 0600)
	TLS         auth.TLSFiles    `json:"tls"`         // mutual TLS with the coordinator
	Coordinator string           `json:"coordinator"` // HOST:PORT of the coordinator
	// DataDir keeps the encrypted keystore (key shares) and the sealed
	// updates; keep it: a restarted node resumes the study from it.
	DataDir  string         `json:"data_dir"`
	Keystore KeystoreConfig `json:"keystore"`
	// RecipeFile is the study's recipe (models.Recipe); its canonical hash
	// must be the one the study recorded on chain, or the node refuses to
	// start and names the fields that differ. Without it (and without the
	// older spec_file) the node fetches the recipe from the coordinator
	// and checks it against the chain.
	RecipeFile string `json:"recipe_file,omitempty"`
	// SpecFile is the model spec of configuration files written before
	// recipes, with Train and Standardise beside it; a recipe replaces them.
	SpecFile string     `json:"spec_file,omitempty"`
	Data     DataConfig `json:"data"`
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
	// MetricsLinger is how long a node whose study is over keeps serving
	// /metrics and /healthz before it exits, so that a scraper polling
	// every 15 s still reads the final round (default 0: exit at once; an
	// interrupt ends the wait).
	MetricsLinger configfile.Duration `json:"metrics_linger,omitempty"`
	// CommitGrace is how long after the coordinator's promised commit time
	// the node waits before committing its update itself
	// (participant.Config.CommitGrace; default 20s).
	CommitGrace configfile.Duration `json:"commit_grace,omitempty"`
	// ChainCatchUp is how long a task waits for this hospital's Ethereum
	// node (chain.rpc) to reach the block the coordinator sent it at, or
	// for a reorg onto the coordinator's fork there, before the node
	// refuses it as behind or on another fork
	// (participant.Config.ChainCatchUp; default 1m).
	ChainCatchUp configfile.Duration `json:"chain_catch_up,omitempty"`
}

// KeystoreConfig says how the node opens its encrypted keystore.
type KeystoreConfig struct {
	// PassphraseFile holds the keystore passphrase (mode 0600); without it
	// the COHORT_KEYSTORE_PASSPHRASE environment variable is read.
	PassphraseFile string `json:"passphrase_file"`
	// LightScrypt uses geth's light scrypt parameters (fast, for test
	// consortia only).
	LightScrypt bool `json:"light_scrypt"`
}

// DataConfig is where a hospital's records come from: a CSV file with a
// schema, or (for test consortia) one site of the synthetic cohorts.
type DataConfig struct {
	CSV       string           `json:"csv"`
	Schema    string           `json:"schema"`
	Synthetic *SyntheticSource `json:"synthetic,omitempty"`
}

// SyntheticSource is one site of the synthetic cohorts.
type SyntheticSource struct {
	Site  int   `json:"site"`  // which site, from 0
	Sites int   `json:"sites"` // how many sites the cohorts are split into
	Seed  int64 `json:"seed"`
}

// ResolvePaths makes the file's relative paths absolute against dir (see
// configfile.Read).
func (c *Config) ResolvePaths(dir string) {
	configfile.ResolvePaths(dir, &c.KeyFile, &c.DataDir, &c.SpecFile, &c.RecipeFile, &c.Keystore.PassphraseFile,
		&c.Data.CSV, &c.Data.Schema, &c.TLS.CA, &c.TLS.Cert, &c.TLS.Key)
}

// Load loads the hospital's records and the scales of its features (the
// schema's; 1 for the synthetic cohorts, already near unit scale). With
// site standardisation the records come back standardised with the site's
// own statistics; otherwise raw (pooled standardisation happens in the
// study's moments phase).
func (d DataConfig) Load(name string, mode records.Standardisation) (records.Site, []float64, error) {
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

// LoadSchema returns the schema of the hospital's CSV; nil for the
// synthetic cohorts, which have none.
func (d DataConfig) LoadSchema() (*records.Schema, error) {
	if d.CSV == "" || d.Schema == "" {
		return nil, nil
	}
	s, err := records.LoadSchemaFile(d.Schema)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// standardiserGroups reads the one-hot groups the study's recipe
// preconditions (settings.StandardiserGroups) from the schema of the
// hospital's CSV: none when the recipe does not precondition them. A
// recipe that does is refused for a hospital whose data has no schema
// (the synthetic cohorts have none) or whose schema declares no groups.
func (c Config) standardiserGroups(settings models.StudySettings) ([][]int, error) {
	schema, err := c.Data.LoadSchema()
	if err != nil {
		return nil, err
	}
	groups, err := settings.StandardiserGroups(schema)
	if err != nil {
		if schema == nil {
			return nil, fmt.Errorf("data: no schema (set data.csv and data.schema to the hospital's records and their schema): %w", err)
		}
		return nil, fmt.Errorf("data.schema %s: %w", c.Data.Schema, err)
	}
	return groups, nil
}

// PatientRecords lists the ids of the node's records (training and test)
// that carry the patient's pseudonymous id, as `cohort consent proof`
// proves them; none is an error.
func (c Config) PatientRecords(patient common.Hash) ([]string, error) {
	site, _, err := c.Data.Load(c.Name, records.StandardiseNone)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range slices.Concat(site.Train, site.Test) {
		if r.Patient == patient {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no record of %s carries patient %s; check the id (`cohort consent id`), or name the records with --record", c.Data.CSV, patient.Hex())
	}
	return ids, nil
}

// KeystorePassphraseEnv is read when the config names no passphrase file.
const KeystorePassphraseEnv = "COHORT_KEYSTORE_PASSPHRASE"

// Passphrase reads a keystore passphrase from a file (trailing newline
// dropped; the file must be its owner's alone) or, when no file is named,
// from the environment variable env.
func Passphrase(file, env string) (string, error) {
	if file == "" {
		if v := os.Getenv(env); v != "" {
			return v, nil
		}
		return "", fmt.Errorf("keystore: set keystore.passphrase_file or the %s environment variable", env)
	}
	if err := auth.CheckOwnerOnly("passphrase file", file); err != nil {
		if errors.Is(err, auth.ErrKeyFileMode) {
			return "", err
		}
		return "", fmt.Errorf("keystore passphrase: %w", err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("keystore passphrase: %w", err)
	}
	p := strings.TrimRight(string(b), "\r\n")
	if p == "" {
		return "", fmt.Errorf("keystore passphrase file %s is empty", file)
	}
	return p, nil
}
