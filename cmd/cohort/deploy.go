package main

import (
	"github.com/cohort-fl/cohort/api/auth"

	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// chainTimeout bounds the chain work of one deploy or study command: dialling,
// sending and waiting for the transaction to be mined.
const chainTimeout = 2 * time.Minute

// errOutExists reports an output file that already exists.
var errOutExists = errors.New("output file already exists")

// founderEntry is one founding member in the --founders file. Exactly one of
// TLSCert and TLSFingerprint is set.
type founderEntry struct {
	// Name is the institution's name as the registry shows it.
	Name string `json:"name"`
	// Address is the institution's Ethereum address (0x, 40 hex digits; a
	// mixed-case address must carry a valid EIP-55 checksum).
	Address string `json:"address"`
	// TLSCert is a PEM file holding the institution's TLS certificate,
	// relative to the founders file; its SHA-256 fingerprint is registered.
	TLSCert string `json:"tls_cert,omitempty"`
	// TLSFingerprint is the SHA-256 fingerprint of the certificate's DER
	// bytes as 0x and 64 hex digits, for a certificate not at hand.
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
}

// deployment is the content of the --out file of `cohort deploy`: what the
// coordinator's and participants' configs need, and what an auditor checks.
// It holds no RPC URL, which may embed an access token.
type deployment struct {
	// Contract is the Consortium, the ledger's address (--contract).
	Contract common.Address `json:"contract"`
	// StudiesModule and ConsentModule are the modules it links (read again
	// from the Consortium after a vote replaced one).
	StudiesModule common.Address    `json:"studies_module"`
	ConsentModule common.Address    `json:"consent_module"`
	ChainID       uint64            `json:"chain_id"`
	Block         uint64            `json:"block"`
	TxHash        common.Hash       `json:"tx_hash"`
	Deployer      common.Address    `json:"deployer"`
	QuorumPercent uint8             `json:"quorum_percent"`
	Founders      []deployedFounder `json:"founders"`
	DeployedAt    time.Time         `json:"deployed_at"`
	GasUsed       uint64            `json:"gas_used"`
}

// deployedFounder is a founding member as registered.
type deployedFounder struct {
	Name           string         `json:"name"`
	Address        common.Address `json:"address"`
	TLSFingerprint common.Hash    `json:"tls_fingerprint"`
}

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("deploy", "deploy --eth-rpc URL --key FILE --founders FILE --out FILE [--quorum PERCENT]", stderr)
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint to deploy on (required)")
	keyPath := fs.String("key", "", "deployer's private key: 64 hex digits, mode 0600, as `cohort devnet` writes them (required; the account pays the gas)")
	foundersPath := fs.String("founders", "", "JSON file listing the founding members (required; see below)")
	out := fs.String("out", "", "write the deployment (contract, chain id, block, founders) here as JSON; must not exist (required)")
	quorum := fs.Uint("quorum", contracts.DefaultQuorumPercent, "share of active members, in percent (1-100), whose votes carry a membership proposal")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort deploy --eth-rpc URL --key FILE --founders FILE --out FILE [flags]

Deploys the Cohort contract on any Ethereum JSON-RPC chain with its founding
members, waits until the deployment is mined and writes FILE: contract
address, chain id, block, transaction, deployer and the founders as
registered. The RPC URL is not written (it may carry an access token).

The founders file is a JSON array; each entry names an institution, its
Ethereum address and its TLS certificate, either as a PEM file (relative to
the founders file) or as the SHA-256 fingerprint of the certificate's DER
bytes:

  [
    {"name": "St Mary", "address": "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4",
     "tls_cert": "certs/st-mary.pem"},
    {"name": "Royal", "address": "0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2",
     "tls_fingerprint": "0x3f2a...64 hex digits"}
  ]

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"eth-rpc", *rpcURL}, {"key", *keyPath}, {"founders", *foundersPath}, {"out", *out}} {
		if f.v == "" {
			fmt.Fprintf(stderr, "--%s is required\n", f.name)
			fs.Usage()
			return errUsage
		}
	}
	if *quorum < 1 || *quorum > 100 {
		fmt.Fprintf(stderr, "--quorum must be between 1 and 100 percent, not %d\n", *quorum)
		return errUsage
	}
	founders, err := readFounders(*foundersPath)
	if err != nil {
		return err
	}
	deployer, err := loadKeyFile(*keyPath)
	if err != nil {
		return err
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%w: %s holds an earlier deployment; choose another --out or remove it", errOutExists, *out)
	}

	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, err := contracts.DialChain(ctx, *rpcURL)
	if err != nil {
		return fmt.Errorf("connecting to --eth-rpc: %w", err)
	}
	defer chain.Close()
	fmt.Fprintf(stderr, "deploying the Cohort contract from %s with %d founding members on chain %s\n", deployer, len(founders), chain.ChainID())
	stop := noteWhile(stderr, noteEvery, "deploying: waiting for the transaction to be mined")
	d, err := deployCohort(ctx, chain, deployer, founders, uint8(*quorum))
	stop()
	if err != nil {
		return err
	}
	if err := writeNewJSON(*out, d); err != nil {
		return fmt.Errorf("the contract is deployed at %s (chain %d, block %d) but %w", d.Contract.Hex(), d.ChainID, d.Block, err)
	}
	fmt.Fprintf(stdout, "contract  %s\nchain id  %d\nblock     %d\ntx        %s\ngas used  %d\nwritten   %s\n",
		d.Contract.Hex(), d.ChainID, d.Block, d.TxHash.Hex(), d.GasUsed, *out)
	return nil
}

// deployCohort deploys the ledger (the Consortium with its founders, the
// Studies and ConsentRegistry modules, linked) and describes the deployment.
func deployCohort(ctx context.Context, chain *contracts.Chain, deployer *contracts.Account, founders []contracts.Member, quorum uint8) (*deployment, error) {
	ledger, r, err := contracts.DeployWithQuorum(ctx, chain, deployer, founders, quorum)
	if err != nil {
		return nil, fmt.Errorf("deploying the Cohort contract: %w", err)
	}
	studies, consent, err := ledger.Modules(ctx)
	if err != nil {
		return nil, err
	}
	d := &deployment{
		Contract: ledger.Address(), StudiesModule: studies[len(studies)-1], ConsentModule: consent, ChainID: chain.ChainID().Uint64(), Block: r.Block, TxHash: r.TxHash,
		Deployer: deployer.Address(), QuorumPercent: quorum, GasUsed: r.GasUsed, DeployedAt: time.Now().UTC().Truncate(time.Second),
	}
	for _, f := range founders {
		d.Founders = append(d.Founders, deployedFounder{Name: f.Name, Address: f.Address, TLSFingerprint: f.TLSFingerprint})
	}
	return d, nil
}

// readFounders reads and checks a founders file (see runDeploy's usage).
func readFounders(path string) ([]contracts.Member, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the founders file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var entries []founderEntry
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("founders file %s: %w (want a JSON array of {name, address, tls_cert | tls_fingerprint})", path, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("founders file %s: unexpected data after the JSON array", path)
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("founders file %s lists no founders; the consortium needs at least one", path)
	}
	dir := filepath.Dir(path)
	names, addrs := map[string]bool{}, map[common.Address]bool{}
	members := make([]contracts.Member, len(entries))
	for i, e := range entries {
		where := fmt.Sprintf("founders file %s, entry %d", path, i+1)
		name := strings.TrimSpace(e.Name)
		if name == "" {
			return nil, fmt.Errorf("%s: name is empty", where)
		}
		if names[name] {
			return nil, fmt.Errorf("%s: name %q is listed twice", where, name)
		}
		addr, err := contracts.ParseAddress(e.Address)
		if err != nil {
			return nil, fmt.Errorf("%s (%s): %w", where, name, err)
		}
		if addrs[addr] {
			return nil, fmt.Errorf("%s (%s): address %s is listed twice", where, name, addr)
		}
		var fp common.Hash
		switch {
		case (e.TLSCert == "") == (e.TLSFingerprint == ""):
			return nil, fmt.Errorf("%s (%s): give exactly one of tls_cert (a PEM file) and tls_fingerprint", where, name)
		case e.TLSCert != "":
			p := e.TLSCert
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			if fp, err = auth.FingerprintFile(p); err != nil {
				return nil, fmt.Errorf("%s (%s): %w", where, name, err)
			}
		default:
			if fp, err = contracts.ParseHash(e.TLSFingerprint); err != nil {
				return nil, fmt.Errorf("%s (%s): tls_fingerprint: %w", where, name, err)
			}
		}
		names[name], addrs[addr] = true, true
		members[i] = contracts.Member{Address: addr, Name: name, TLSFingerprint: fp}
	}
	return members, nil
}

// loadKeyFile loads an Ethereum private key file as an account that signs
// transactions; see auth.LoadPrivateKey.
func loadKeyFile(path string) (*contracts.Account, error) {
	key, err := auth.LoadPrivateKey(path)
	if err != nil {
		return nil, err
	}
	return contracts.NewAccount(key), nil
}

// writeNewJSON writes v as indented JSON to a new file (mode 0644), refusing
// to replace an existing one.
func writeNewJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%w: %s appeared meanwhile; not replaced", errOutExists, path)
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	_, err = f.Write(append(b, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path) // a truncated file would pass for a deployment record
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
