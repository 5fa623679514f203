package devnet

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
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/renameio/v2"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devchain"
)

// The devnet's files under --datadir.
const (
	File    = "devnet.json" // what clients need: RPC URL, contract, accounts
	GethDir = "geth"        // geth's --datadir: the chain survives a restart
	KeysDir = "keys"        // one hex private key file per account, mode 0600
	GethLog = "geth.log"    // geth's log, appended to
)

// StartTimeout bounds geth's start-up, funding and deployment.
const StartTimeout = 2 * time.Minute

// Info is the content of DIR/devnet.json: everything a coordinator,
// participant or script needs to use the devnet.
type Info struct {
	RPCURL   string         `json:"rpc_url"`
	ChainID  uint64         `json:"chain_id"`
	Contract common.Address `json:"contract"`
	// Deployed is the block the Consortium was deployed in (before
	// 2026-12-06: the block its modules were linked in, a few later).
	Deployed uint64    `json:"deploy_block"`
	Accounts []Account `json:"accounts"`
}

// Account is a generated, funded account. KeyFile holds its private key
// as 64 hex digits (no 0x, mode 0600), the format of go-ethereum's
// crypto.LoadECDSA and of `geth account import`.
type Account struct {
	Name    string         `json:"name"`
	Role    string         `json:"role"` // deployer, researcher, coordinator or hospital
	Address common.Address `json:"address"`
	KeyFile string         `json:"key_file"` // relative to the devnet directory
	// Member is set for founding members of the consortium.
	Member *Member `json:"member,omitempty"`
}

// Member is a founding member's registry entry.
type Member struct {
	Name           string      `json:"name"`
	TLSFingerprint common.Hash `json:"tls_fingerprint"`
	// Placeholder is true when no certificate was given: the fingerprint is
	// then a hash of the name and no real TLS certificate matches it.
	Placeholder bool `json:"tls_fingerprint_placeholder,omitempty"`
}

// Config is what a devnet is made of. Fund is per generated account.
type Config struct {
	Dir       string   // the chain, keys, devnet.json and geth.log
	Port      int      // JSON-RPC port on 127.0.0.1; 0 picks a free one
	Geth      string   // geth binary; empty: FindGeth's default
	Hospitals int      // hospital accounts, besides deployer, researcher and coordinator
	Founders  []string // names of the founding members, the first hospitals (nil: every hospital, "Hospital i")
	Certs     []string // PEM certificates of the founders, in order, or none (placeholder fingerprints)
	Fund      *big.Int
}

// Validate checks the configuration (naming the flags of `cohort devnet`)
// and fills in the default founders.
func (c *Config) Validate() error {
	switch {
	case c.Dir == "":
		return errors.New("--datadir is required")
	case c.Port < 0 || c.Port > 65535:
		return fmt.Errorf("--http-port %d is not a TCP port", c.Port)
	case c.Hospitals < 1 || c.Hospitals > 1000:
		return fmt.Errorf("--accounts must be between 1 and 1000, not %d", c.Hospitals)
	case c.Fund.Sign() == 0:
		return errors.New("--fund must be at least 1 ether")
	}
	if c.Founders == nil {
		for i := range c.Hospitals {
			c.Founders = append(c.Founders, fmt.Sprintf("Hospital %d", i+1))
		}
	}
	if len(c.Founders) > c.Hospitals {
		return fmt.Errorf("%d founders named but only %d hospital accounts: raise --accounts", len(c.Founders), c.Hospitals)
	}
	for _, n := range c.Founders {
		if n == "" {
			return errors.New("--founders has an empty name")
		}
	}
	if c.Certs != nil && len(c.Certs) != len(c.Founders) {
		return fmt.Errorf("--founder-certs lists %d certificates for %d founders: give one per founder, in order", len(c.Certs), len(c.Founders))
	}
	return nil
}

// FindGeth returns the geth binary: the --geth flag if given, else what
// devchain.FindBinary finds ($COHORT_GETH, else .tools/bin/geth under the
// module root). Errors wrap devchain.ErrNoBinary.
func FindGeth(flagPath string) (string, error) {
	if flagPath == "" {
		return devchain.FindBinary()
	}
	if st, err := os.Stat(flagPath); err != nil || st.IsDir() {
		return "", fmt.Errorf("%w (--geth: %s)", devchain.ErrNoBinary, flagPath)
	}
	return flagPath, nil
}

// Devnet is a running devnet: its geth node and what devnet.json says.
type Devnet struct {
	Info *Info
	// Resumed is true when an earlier devnet in the directory was resumed.
	Resumed bool
	// LogPath is geth's log.
	LogPath string
	node    *devchain.Node
}

// Start starts geth --dev on 127.0.0.1 in cfg.Dir, funds generated
// accounts and deploys the Cohort contract with the founding members, or
// resumes the devnet the directory already holds; it writes devnet.json and
// says what it does on progress. The caller stops the devnet.
func Start(ctx context.Context, cfg Config, progress io.Writer) (*Devnet, error) {
	bin, err := FindGeth(cfg.Geth)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the devnet directory: %w", err)
	}
	prev, err := ReadInfo(cfg.Dir)
	if err != nil {
		return nil, err
	}
	startCtx, cancel := context.WithTimeout(ctx, StartTimeout)
	defer cancel()
	logPath := filepath.Join(cfg.Dir, GethLog)
	fmt.Fprintf(progress, "starting %s --dev (log: %s)\n", bin, logPath)
	g, err := devchain.Start(startCtx, devchain.Options{
		Binary: bin, DataDir: filepath.Join(cfg.Dir, GethDir), Port: cfg.Port, LogPath: logPath,
	})
	if err != nil {
		if errors.Is(err, devchain.ErrPortInUse) {
			err = fmt.Errorf("%w; pick another with --http-port", err)
		}
		return nil, fmt.Errorf("%w; see %s", err, logPath)
	}
	var info *Info
	if prev != nil {
		info, err = resume(startCtx, g, prev)
	} else {
		info, err = setUp(startCtx, g, cfg, progress)
	}
	if err == nil {
		err = writeInfo(cfg.Dir, info)
	}
	if err != nil {
		return nil, errors.Join(err, g.Stop())
	}
	return &Devnet{Info: info, Resumed: prev != nil, LogPath: logPath, node: g}, nil
}

// Wait blocks until ctx is done, then stops geth, or until geth exits on
// its own, which is an error.
func (d *Devnet) Wait(ctx context.Context, progress io.Writer) error {
	select {
	case <-ctx.Done():
		fmt.Fprintln(progress, "stopping geth")
		return d.node.Stop()
	case <-d.node.Done():
		return fmt.Errorf("geth exited unexpectedly (%v); see %s", d.node.ExitErr(), d.LogPath)
	}
}

// setUp generates and funds the accounts and deploys the contract.
func setUp(ctx context.Context, g *devchain.Node, cfg Config, stderr io.Writer) (*Info, error) {
	keysDir := filepath.Join(cfg.Dir, KeysDir)
	if err := os.MkdirAll(keysDir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the key directory: %w", err)
	}
	names := []struct{ name, role string }{{"deployer", "deployer"}, {"researcher", "researcher"}, {"coordinator", "coordinator"}}
	for i := range cfg.Hospitals {
		names = append(names, struct{ name, role string }{fmt.Sprintf("hospital-%d", i+1), "hospital"})
	}
	info := &Info{RPCURL: g.URL}
	keys := make([]*ecdsa.PrivateKey, len(names))
	addrs := make([]common.Address, len(names))
	for i, n := range names {
		k, err := crypto.GenerateKey()
		if err != nil {
			return nil, fmt.Errorf("generating a key: %w", err)
		}
		rel := filepath.Join(KeysDir, n.name+".key")
		if err := writeKeyFile(filepath.Join(cfg.Dir, rel), k); err != nil {
			return nil, err
		}
		keys[i], addrs[i] = k, crypto.PubkeyToAddress(k.PublicKey)
		info.Accounts = append(info.Accounts, Account{Name: n.name, Role: n.role, Address: addrs[i], KeyFile: rel})
	}

	var founders []contracts.Member
	for i, name := range cfg.Founders {
		m := &Member{Name: name}
		acc := &info.Accounts[3+i]
		if cfg.Certs != nil {
			fp, err := auth.FingerprintFile(cfg.Certs[i], acc.Address)
			if err != nil {
				return nil, err
			}
			m.TLSFingerprint = fp
		} else {
			m.TLSFingerprint = crypto.Keccak256Hash([]byte("cohort devnet placeholder certificate: " + name))
			m.Placeholder = true
		}
		acc.Member = m
		founders = append(founders, contracts.Member{Address: acc.Address, Name: name, TLSFingerprint: m.TLSFingerprint})
	}

	fmt.Fprintf(stderr, "funding %d accounts from the developer account\n", len(addrs))
	if err := g.Fund(ctx, cfg.Fund, addrs...); err != nil {
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

// resume checks that the restarted chain still holds the devnet's
// contract and returns the devnet with its new RPC URL.
func resume(ctx context.Context, g *devchain.Node, prev *Info) (*Info, error) {
	var code hexutil.Bytes
	if err := g.Client().CallContext(ctx, &code, "eth_getCode", prev.Contract, "latest"); err != nil {
		return nil, fmt.Errorf("reading the contract's code: %w", err)
	}
	if g.ChainID != prev.ChainID || len(code) == 0 {
		return nil, fmt.Errorf("%s describes contract %s on chain %d, which geth's data directory no longer holds: remove the devnet directory to start afresh", File, prev.Contract, prev.ChainID)
	}
	info := *prev
	info.RPCURL = g.URL
	return &info, nil
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

// ReadInfo reads DIR/devnet.json; nil if there is none.
func ReadInfo(dir string) (*Info, error) {
	b, err := os.ReadFile(filepath.Join(dir, File))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", File, err)
	}
	var info Info
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("%s in %s is corrupt (%v): remove the directory to start afresh", File, dir, err)
	}
	return &info, nil
}

func writeInfo(dir string, info *Info) error {
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", File, err)
	}
	if err := renameio.WriteFile(filepath.Join(dir, File), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", File, err)
	}
	return nil
}
