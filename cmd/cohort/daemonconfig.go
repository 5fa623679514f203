package main

import (
	"bytes"
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

	"github.com/cohort-fl/cohort/api/auth"
)

// The daemons' configuration files are JSON. Relative paths in them are
// relative to the file's directory, so a consortium folder can be moved as a
// whole. examples/consortium holds documented examples.

// chainConfig says which chain and contract a daemon uses.
type chainConfig struct {
	RPC      string `json:"rpc"`      // Ethereum JSON-RPC endpoint, e.g. http://127.0.0.1:8545
	Contract string `json:"contract"` // the Cohort contract's 0x address
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

func (c chainConfig) check() (common.Address, error) {
	if c.RPC == "" {
		return common.Address{}, errors.New("chain.rpc: set the Ethereum JSON-RPC endpoint, e.g. http://127.0.0.1:8545")
	}
	if !common.IsHexAddress(c.Contract) {
		return common.Address{}, fmt.Errorf("chain.contract %q: want the Cohort contract's 0x address (from `cohort deploy` or devnet.json)", c.Contract)
	}
	return common.HexToAddress(c.Contract), nil
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
		return "", fmt.Errorf("%w: passphrase file %s has mode %04o; restrict it with `chmod 600 %s`", auth.ErrKeyFileMode, file, st.Mode().Perm(), file)
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
