package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devchain"
)

// The devnet's files under --datadir.
const (
	devnetFile    = "devnet.json" // what clients need: RPC URL, contract, accounts
	devnetGethDir = "geth"        // geth's --datadir: the chain survives a restart
	devnetKeysDir = "keys"        // one hex private key file per account, mode 0600
	devnetGethLog = "geth.log"    // geth's log, appended to
)

// devnetStartTimeout bounds geth's start-up, funding and deployment.
const devnetStartTimeout = 2 * time.Minute

// devnetInfo is the content of DIR/devnet.json: everything a coordinator,
// participant or script needs to use the devnet.
type devnetInfo struct {
	RPCURL   string          `json:"rpc_url"`
	ChainID  uint64          `json:"chain_id"`
	Contract common.Address  `json:"contract"`
	Deployed uint64          `json:"deploy_block"`
	Accounts []devnetAccount `json:"accounts"`
}

// devnetAccount is a generated, funded account. KeyFile holds its private key
// as 64 hex digits (no 0x, mode 0600), the format of go-ethereum's
// crypto.LoadECDSA and of `geth account import`.
type devnetAccount struct {
	Name    string         `json:"name"`
	Role    string         `json:"role"` // deployer, researcher, coordinator or hospital
	Address common.Address `json:"address"`
	KeyFile string         `json:"key_file"` // relative to the devnet directory
	// Member is set for founding members of the consortium.
	Member *devnetMember `json:"member,omitempty"`
}

// devnetMember is a founding member's registry entry.
type devnetMember struct {
	Name           string      `json:"name"`
	TLSFingerprint common.Hash `json:"tls_fingerprint"`
	// Placeholder is true when no certificate was given: the fingerprint is
	// then a hash of the name and no real TLS certificate matches it.
	Placeholder bool `json:"tls_fingerprint_placeholder,omitempty"`
}

// devnetConfig is the validated command line of `cohort devnet`.
type devnetConfig struct {
	dir       string
	port      int
	geth      string
	hospitals int
	founders  []string // names of the founding members, the first hospitals
	certs     []string // PEM certificates of the founders, or none
	fund      *big.Int
}

func runDevnet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("devnet", "devnet --datadir DIR [--http-port 8545] [--accounts N] [--founders NAMES] [--founder-certs PEMS]", stderr)
	dir := fs.String("datadir", "", "directory for the chain, the account keys, devnet.json and geth.log (required; an existing devnet in it is resumed)")
	port := fs.Int("http-port", 8545, "JSON-RPC port on 127.0.0.1 (0 picks a free one)")
	geth := fs.String("geth", "", "geth binary (default $"+devchain.EnvBinary+", else .tools/bin/geth under the module root, built by `make geth`)")
	hospitals := fs.Int("accounts", 4, "number of hospital accounts to generate and fund (besides deployer, researcher and coordinator)")
	founders := fs.String("founders", "", "comma-separated names of the founding members, given to the first hospital accounts (default: every hospital, named \"Hospital i\")")
	certs := fs.String("founder-certs", "", "comma-separated PEM certificates of the founders, in order, whose SHA-256 fingerprints the registry records (default: placeholder fingerprints)")
	fundEther := fs.Uint64("fund", 1000, "ether given to each generated account")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort devnet --datadir DIR [flags]

Starts a local geth --dev chain on 127.0.0.1, funds generated accounts,
deploys the Cohort contract with the founding members and writes
DIR/devnet.json (RPC URL, chain id, contract address, accounts). It runs
until interrupted (Ctrl-C or SIGTERM), then stops geth. Run it again on the
same DIR to resume the same chain, contract and accounts.

Account keys are written to DIR/keys/<name>.key as 64 hex digits, mode 0600
(go-ethereum's crypto.LoadECDSA reads them). They are development keys
holding development ether: never use them on a real network.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg := devnetConfig{dir: *dir, port: *port, geth: *geth, hospitals: *hospitals,
		fund: new(big.Int).Mul(new(big.Int).SetUint64(*fundEther), big.NewInt(params.Ether))}
	if *founders != "" {
		cfg.founders = splitList(*founders)
	}
	if *certs != "" {
		cfg.certs = splitList(*certs)
	}
	if err := cfg.validate(); err != nil {
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return errUsage
	}
	return devnet(ctx, cfg, stdout, stderr)
}

func splitList(s string) []string {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// validate checks the flags and fills in the defaults.
func (c *devnetConfig) validate() error {
	switch {
	case c.dir == "":
		return errors.New("--datadir is required")
	case c.port < 0 || c.port > 65535:
		return fmt.Errorf("--http-port %d is not a TCP port", c.port)
	case c.hospitals < 1 || c.hospitals > 1000:
		return fmt.Errorf("--accounts must be between 1 and 1000, not %d", c.hospitals)
	case c.fund.Sign() == 0:
		return errors.New("--fund must be at least 1 ether")
	}
	if c.founders == nil {
		for i := range c.hospitals {
			c.founders = append(c.founders, fmt.Sprintf("Hospital %d", i+1))
		}
	}
	if len(c.founders) > c.hospitals {
		return fmt.Errorf("%d founders named but only %d hospital accounts: raise --accounts", len(c.founders), c.hospitals)
	}
	for _, n := range c.founders {
		if n == "" {
			return errors.New("--founders has an empty name")
		}
	}
	if c.certs != nil && len(c.certs) != len(c.founders) {
		return fmt.Errorf("--founder-certs lists %d certificates for %d founders: give one per founder, in order", len(c.certs), len(c.founders))
	}
	return nil
}

// devnet runs the devnet until ctx is done.
func devnet(ctx context.Context, cfg devnetConfig, stdout, stderr io.Writer) error {
	bin, err := findGeth(cfg.geth)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.dir, 0o755); err != nil {
		return fmt.Errorf("creating the devnet directory: %w", err)
	}
	prev, err := readDevnetInfo(cfg.dir)
	if err != nil {
		return err
	}
	startCtx, cancel := context.WithTimeout(ctx, devnetStartTimeout)
	defer cancel()
	logPath := filepath.Join(cfg.dir, devnetGethLog)
	fmt.Fprintf(stderr, "starting %s --dev (log: %s)\n", bin, logPath)
	g, err := devchain.Start(startCtx, devchain.Options{
		Binary: bin, DataDir: filepath.Join(cfg.dir, devnetGethDir), Port: cfg.port, LogPath: logPath,
	})
	if err != nil {
		if errors.Is(err, devchain.ErrPortInUse) {
			err = fmt.Errorf("%w; pick another with --http-port", err)
		}
		return fmt.Errorf("%w; see %s", err, logPath)
	}
	var info *devnetInfo
	if prev != nil {
		info, err = resumeDevnet(startCtx, g, prev)
	} else {
		info, err = setUpDevnet(startCtx, g, cfg, stderr)
	}
	if err == nil {
		err = writeDevnetInfo(cfg.dir, info)
	}
	if err != nil {
		return errors.Join(err, g.Stop())
	}
	printDevnet(stdout, cfg.dir, info, prev != nil)

	select {
	case <-ctx.Done():
		fmt.Fprintln(stderr, "stopping geth")
		return g.Stop()
	case <-g.Done():
		return fmt.Errorf("geth exited unexpectedly (%v); see %s", g.ExitErr(), logPath)
	}
}

// findGeth returns the geth binary: the --geth flag if given, else what
// devchain.FindBinary finds ($COHORT_GETH, else .tools/bin/geth under the
// module root). Errors wrap devchain.ErrNoBinary.
func findGeth(flagPath string) (string, error) {
	if flagPath == "" {
		return devchain.FindBinary()
	}
	if st, err := os.Stat(flagPath); err != nil || st.IsDir() {
		return "", fmt.Errorf("%w (--geth: %s)", devchain.ErrNoBinary, flagPath)
	}
	return flagPath, nil
}

// setUpDevnet generates and funds the accounts and deploys the contract.
func setUpDevnet(ctx context.Context, g *devchain.Node, cfg devnetConfig, stderr io.Writer) (*devnetInfo, error) {
	keysDir := filepath.Join(cfg.dir, devnetKeysDir)
	if err := os.MkdirAll(keysDir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the key directory: %w", err)
	}
	names := []struct{ name, role string }{{"deployer", "deployer"}, {"researcher", "researcher"}, {"coordinator", "coordinator"}}
	for i := range cfg.hospitals {
		names = append(names, struct{ name, role string }{fmt.Sprintf("hospital-%d", i+1), "hospital"})
	}
	info := &devnetInfo{RPCURL: g.URL}
	keys := make([]*ecdsa.PrivateKey, len(names))
	addrs := make([]common.Address, len(names))
	for i, n := range names {
		k, err := crypto.GenerateKey()
		if err != nil {
			return nil, fmt.Errorf("generating a key: %w", err)
		}
		rel := filepath.Join(devnetKeysDir, n.name+".key")
		if err := writeKeyFile(filepath.Join(cfg.dir, rel), k); err != nil {
			return nil, err
		}
		keys[i], addrs[i] = k, crypto.PubkeyToAddress(k.PublicKey)
		info.Accounts = append(info.Accounts, devnetAccount{Name: n.name, Role: n.role, Address: addrs[i], KeyFile: rel})
	}

	var founders []contracts.Member
	for i, name := range cfg.founders {
		m := &devnetMember{Name: name}
		if cfg.certs != nil {
			fp, err := auth.FingerprintFile(cfg.certs[i])
			if err != nil {
				return nil, err
			}
			m.TLSFingerprint = fp
		} else {
			m.TLSFingerprint = crypto.Keccak256Hash([]byte("cohort devnet placeholder certificate: " + name))
			m.Placeholder = true
		}
		acc := &info.Accounts[3+i]
		acc.Member = m
		founders = append(founders, contracts.Member{Address: acc.Address, Name: name, TLSFingerprint: m.TLSFingerprint})
	}

	fmt.Fprintf(stderr, "funding %d accounts from the developer account\n", len(addrs))
	if err := g.Fund(ctx, cfg.fund, addrs...); err != nil {
		return nil, err
	}
	chain, err := contracts.DialChain(ctx, g.URL)
	if err != nil {
		return nil, err
	}
	defer chain.Close()
	info.ChainID = chain.ChainID().Uint64()
	fmt.Fprintf(stderr, "deploying the Cohort contract with %d founding members\n", len(founders))
	ledger, r, err := contracts.Deploy(ctx, chain, contracts.NewAccount(keys[0]), founders)
	if err != nil {
		return nil, fmt.Errorf("deploying the Cohort contract: %w", err)
	}
	info.Contract, info.Deployed = ledger.Address(), r.Block
	return info, nil
}

// resumeDevnet checks that the restarted chain still holds the devnet's
// contract and returns the devnet with its new RPC URL.
func resumeDevnet(ctx context.Context, g *devchain.Node, prev *devnetInfo) (*devnetInfo, error) {
	var code hexutil.Bytes
	if err := g.Client().CallContext(ctx, &code, "eth_getCode", prev.Contract, "latest"); err != nil {
		return nil, fmt.Errorf("reading the contract's code: %w", err)
	}
	if g.ChainID != prev.ChainID || len(code) == 0 {
		return nil, fmt.Errorf("%s describes contract %s on chain %d, which geth's data directory no longer holds: remove the devnet directory to start afresh", devnetFile, prev.Contract, prev.ChainID)
	}
	info := *prev
	info.RPCURL = g.URL
	return &info, nil
}

func printDevnet(w io.Writer, dir string, info *devnetInfo, resumed bool) {
	verb := "deployed"
	if resumed {
		verb = "resumed"
	}
	fmt.Fprintf(w, "Cohort devnet on %s (chain id %d)\n", info.RPCURL, info.ChainID)
	fmt.Fprintf(w, "contract  %s  (%s, block %d)\n", info.Contract.Hex(), verb, info.Deployed)
	fmt.Fprintf(w, "accounts  (keys in %s, hex, mode 0600)\n", filepath.Join(dir, devnetKeysDir))
	for _, a := range info.Accounts {
		member := ""
		if a.Member != nil {
			member = fmt.Sprintf("  founding member %q", a.Member.Name)
		}
		fmt.Fprintf(w, "  %-12s %s%s\n", a.Name, a.Address.Hex(), member)
	}
	fmt.Fprintf(w, "details   %s\n", filepath.Join(dir, devnetFile))
	fmt.Fprintln(w, "devnet ready; press Ctrl-C to stop")
}

// writeKeyFile writes a private key as hex with mode 0600, refusing to
// overwrite an existing key.
func writeKeyFile(path string, k *ecdsa.PrivateKey) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("writing a key file (remove stale keys from an unfinished devnet first): %w", err)
	}
	_, err = f.WriteString(hexutil.Encode(crypto.FromECDSA(k))[2:])
	return errors.Join(err, f.Close())
}

func readDevnetInfo(dir string) (*devnetInfo, error) {
	b, err := os.ReadFile(filepath.Join(dir, devnetFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", devnetFile, err)
	}
	var info devnetInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("%s in %s is corrupt (%v): remove the directory to start afresh", devnetFile, dir, err)
	}
	return &info, nil
}

func writeDevnetInfo(dir string, info *devnetInfo) error {
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", devnetFile, err)
	}
	tmp := filepath.Join(dir, devnetFile+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", devnetFile, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, devnetFile)); err != nil {
		return fmt.Errorf("writing %s: %w", devnetFile, err)
	}
	return nil
}
