package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// The daemons' configuration files are JSON. Relative paths in them are
// relative to the file's directory, so a consortium folder can be moved as a
// whole. examples/consortium holds documented examples.

// chainConfig says which chain and contract a daemon uses.
type chainConfig struct {
	RPC      string `json:"rpc"`      // Ethereum JSON-RPC endpoint, e.g. http://127.0.0.1:8545
	Contract string `json:"contract"` // the Cohort contract's 0x address
}

// tlsConfig names the PEM files of mutual TLS.
type tlsConfig struct {
	CA   string `json:"ca"`   // the consortium CA certificate
	Cert string `json:"cert"` // this institution's certificate
	Key  string `json:"key"`  // its private key (mode 0600)
}

// duration is a time.Duration written as "90s" or "2m" in JSON.
type duration time.Duration

func (d *duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a duration is a string such as \"90s\" or \"2m\"")
	}
	v, err := time.ParseDuration(s)
	if err != nil || v <= 0 {
		return fmt.Errorf("duration %q: want a positive Go duration such as \"90s\" or \"2m\"", s)
	}
	*d = duration(v)
	return nil
}

func (d duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// readConfig decodes a JSON config file strictly (unknown fields are
// errors: a typo must not silently fall back to a default) and resolves
// relative paths against the file's directory.
func readConfig(path string, v interface{ resolve(dir string) }) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	v.resolve(dir)
	return nil
}

// resolvePath makes a config path absolute against dir; empty stays empty.
func resolvePath(dir, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

func (t *tlsConfig) resolve(dir string) {
	t.CA, t.Cert, t.Key = resolvePath(dir, t.CA), resolvePath(dir, t.Cert), resolvePath(dir, t.Key)
}

// load reads the TLS files: this institution's certificate and the
// consortium's CA pool.
func (t tlsConfig) load() (tls.Certificate, *x509.CertPool, error) {
	if t.CA == "" || t.Cert == "" || t.Key == "" {
		return tls.Certificate{}, nil, errors.New("tls: set ca, cert and key (make them with `cohort certs`)")
	}
	if st, err := os.Stat(t.Key); err == nil && st.Mode().Perm()&0o077 != 0 {
		return tls.Certificate{}, nil, fmt.Errorf("%w: TLS key %s has mode %04o; restrict it with `chmod 600 %s`", errKeyFileMode, t.Key, st.Mode().Perm(), t.Key)
	}
	cert, err := tls.LoadX509KeyPair(t.Cert, t.Key)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("tls: load %s and %s: %w", t.Cert, t.Key, err)
	}
	caPEM, err := os.ReadFile(t.CA)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("tls: %w", err)
	}
	pool, err := auth.PoolFromPEM(caPEM)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	return cert, pool, nil
}

func (c chainConfig) check() (common.Address, error) {
	if c.RPC == "" {
		return common.Address{}, errors.New("chain.rpc: set the Ethereum JSON-RPC endpoint, e.g. http://127.0.0.1:8545")
	}
	if !common.IsHexAddress(c.Contract) {
		return common.Address{}, fmt.Errorf("chain.contract %q: want the Cohort contract's 0x address (from `cohort deploy` or devnet.json)", c.Contract)
	}
	return common.HexToAddress(c.Contract), nil
}

// loadSpec reads a model spec file and returns the spec with the hash the
// chain must have recorded for the study (see `cohort study create`).
func loadSpec(path string) (models.Spec, common.Hash, error) {
	raw, err := readLimited(path, maxSpecBytes)
	if err != nil {
		return models.Spec{}, common.Hash{}, err
	}
	_, h, err := specHash(raw)
	if err != nil {
		return models.Spec{}, common.Hash{}, fmt.Errorf("spec %s: %w", path, err)
	}
	var spec models.Spec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return models.Spec{}, common.Hash{}, fmt.Errorf("spec %s: %w", path, err)
	}
	return spec, h, nil
}

// daemonPieces reads a daemon's study pieces: from its recipe file, or, in a
// configuration file written before recipes, from its spec file and the
// separate train, server optimizer and standardise settings (legacy reports
// whether any of those is set, which a recipe forbids).
func daemonPieces(recipeFile, specFile string, legacy bool) (studyPieces, error) {
	switch {
	case recipeFile != "" && (specFile != "" || legacy):
		return studyPieces{}, errRecipeAndPieces
	case recipeFile != "":
		r, err := loadRecipe(recipeFile)
		if err != nil {
			return studyPieces{}, err
		}
		return fromRecipe(r, "recipe "+recipeFile)
	case specFile != "":
		spec, h, err := loadSpec(specFile)
		if err != nil {
			return studyPieces{}, err
		}
		return studyPieces{spec: spec, train: models.DefaultTrainConfig(), server: aggregation.DefaultFedOptConfig(aggregation.FedAvg),
			standardise: records.StandardisePooled, hash: h, source: specFile}, nil
	}
	return studyPieces{}, errors.New("recipe_file: name the study's recipe (see examples/recipes; older configs name spec_file instead)")
}

// passphrase reads a keystore passphrase from a file (trailing newline
// dropped) or, when no file is named, from the environment variable env.
func passphrase(file, env string) (string, error) {
	if file == "" {
		if v := os.Getenv(env); v != "" {
			return v, nil
		}
		return "", fmt.Errorf("keystore: set keystore.passphrase_file or the %s environment variable", env)
	}
	st, err := os.Stat(file)
	if err != nil {
		return "", fmt.Errorf("keystore passphrase: %w", err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("%w: passphrase file %s has mode %04o; restrict it with `chmod 600 %s`", errKeyFileMode, file, st.Mode().Perm(), file)
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

// readDaemonConfig parses a daemon's --config flag, reads the file into cfg
// and makes the logger its log format asks for.
func readDaemonConfig(name, usage string, args []string, stderr io.Writer, cfg interface{ resolve(dir string) }, logFormat func() string) (*slog.Logger, error) {
	fs := newFlagSet(name, name+" --config FILE", stderr)
	path := fs.String("config", "", usage)
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if *path == "" {
		fmt.Fprintln(stderr, "--config is required")
		fs.Usage()
		return nil, errUsage
	}
	if err := readConfig(*path, cfg); err != nil {
		return nil, err
	}
	return newLogger(stderr, logFormat())
}

// openStudy connects to the chain and the Cohort contract and reads the
// study; check refuses the study if its recorded recipe (spec) hash is not
// the daemon's. The caller closes the chain.
func openStudy(ctx context.Context, rpc string, contract common.Address, studyID uint64, check func(onChain common.Hash) error) (*contracts.Chain, *contracts.Ledger, contracts.Study, error) {
	chain, err := contracts.DialChain(ctx, rpc)
	if err != nil {
		return nil, nil, contracts.Study{}, err
	}
	fail := func(err error) (*contracts.Chain, *contracts.Ledger, contracts.Study, error) {
		_ = chain.Close()
		return nil, nil, contracts.Study{}, err
	}
	ledger, err := contracts.Open(chain, contract)
	if err != nil {
		return fail(err)
	}
	study, err := ledger.Study(ctx, studyID)
	if err != nil {
		return fail(fmt.Errorf("study %d: %w", studyID, err))
	}
	if err := check(study.SpecHash); err != nil {
		return fail(fmt.Errorf("study %d: %w", studyID, err))
	}
	return chain, ledger, study, nil
}
