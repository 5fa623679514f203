package coordinatord

import (
	"time"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/configfile"
)

// DefaultEnrolmentWindow is the coordinator daemon's gap between rounds in
// which hospitals join or leave: long enough for a node that polls the
// chain every second, or `cohort study leave --wait`, to find it.
const DefaultEnrolmentWindow = 10 * time.Second

// Config is the coordinator daemon's configuration file.
type Config struct {
	Chain   configfile.Chain `json:"chain"`
	StudyID uint64           `json:"study"`
	KeyFile string           `json:"key_file"` // Ethereum key of the study's coordinator address (mode 0600)
	TLS     auth.TLSFiles    `json:"tls"`
	Listen  string           `json:"listen"`   // e.g. 127.0.0.1:7443
	DataDir string           `json:"data_dir"` // blob store; keep it: a restart resumes from it and the chain
	// RecipeFile is the study's recipe (models.Recipe): model, local
	// training, server optimizer, rounds, standardisation, evaluation. Its
	// canonical hash must be the study's on chain. The coordinator serves
	// its canonical bytes to the hospitals under that hash.
	RecipeFile string `json:"recipe_file,omitempty"`
	// SpecFile is the model spec of configuration files written before
	// recipes, with ServerOptimizer and Standardise beside it; a recipe
	// replaces all three.
	SpecFile       string              `json:"spec_file,omitempty"`
	Participants   int                 `json:"participants,omitempty"`   // joins awaited before key generation (default: the study's minimum)
	InitSeed       int64               `json:"init_seed,omitempty"`      // seed of the initial model (default 1)
	PhaseTimeout   configfile.Duration `json:"phase_timeout,omitempty"`  // wait for stragglers per phase (default 2m)
	AbsentGrace    configfile.Duration `json:"absent_grace,omitempty"`   // wait for a disconnected node per phase (default: half the phase timeout)
	ChainCatchUp   configfile.Duration `json:"chain_catch_up,omitempty"` // wait for this node's chain to have a joining hospital's join (default 1m)
	RoundDuration  configfile.Duration `json:"round_duration,omitempty"` // on-chain commit deadline from a round's opening (default 1h)
	MaxUpdateBytes int64               `json:"max_update_bytes,omitempty"`
	LogFormat      string              `json:"log_format,omitempty"`
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
	EnrolmentWindow configfile.Duration `json:"enrolment_window,omitempty"`
	// ConsentWait bounds how long the moments phase waits for hospitals
	// that decline as having no consented training record when the study
	// cannot start without them (default 24h; coordinator.Config.ConsentWait).
	ConsentWait configfile.Duration `json:"consent_wait,omitempty"`
	// MetricsListen, if set, serves Prometheus /metrics and /healthz on
	// this address, e.g. 127.0.0.1:9464 (unauthenticated: keep it local).
	MetricsListen string `json:"metrics_listen,omitempty"`
	// CommitEach makes hospitals commit their updates on chain one by one
	// (coordinator.Config.CommitEach) instead of the default batched
	// commitments the coordinator records.
	CommitEach bool `json:"commit_each,omitempty"`
	// CallerLimit bounds, per TLS certificate, the requests that cost the
	// coordinator chain reads (coordinator.CallerLimit; default 5 a
	// second, 50 at once), e.g. {"per_second": 5, "burst": 50}.
	CallerLimit *CallerLimit `json:"caller_limit,omitempty"`
}

// CallerLimit is coordinator.CallerLimit in the configuration file.
type CallerLimit struct {
	PerSecond float64 `json:"per_second"`
	Burst     int     `json:"burst"`
}

// ResolvePaths makes the file's relative paths absolute against dir (see
// configfile.Read).
func (c *Config) ResolvePaths(dir string) {
	configfile.ResolvePaths(dir, &c.KeyFile, &c.DataDir, &c.SpecFile, &c.RecipeFile, &c.Schema, &c.TLS.CA, &c.TLS.Cert, &c.TLS.Key)
}
