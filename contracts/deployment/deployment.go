package deployment

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

// ErrOutExists reports an output file that already exists.
var ErrOutExists = errors.New("output file already exists")

// FounderEntry is one founding member in the --founders file. Exactly one of
// TLSCert and TLSFingerprint is set.
type FounderEntry struct {
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

// Record is what a deployment wrote (the --out file of `cohort deploy`):
// what the coordinator's and participants' configs need, and what an
// auditor checks. It holds no RPC URL, which may embed an access token.
type Record struct {
	// Contract is the Consortium, the ledger's address (--contract).
	Contract common.Address `json:"contract"`
	// StudiesModule and ConsentModule are the modules it links (read again
	// from the Consortium after a vote replaced one).
	StudiesModule common.Address `json:"studies_module"`
	ConsentModule common.Address `json:"consent_module"`
	ChainID       uint64         `json:"chain_id"`
	// Block and TxHash are the Consortium's deployment: the block its
	// logs begin in, as the contract records it (Ledger.DeploymentBlock).
	// A file written before 2026-12-06 names the last of the four
	// deployment transactions (the link), a few blocks later; it reads
	// as before, and the contract's record is the one to trust.
	Block         uint64         `json:"block"`
	TxHash        common.Hash    `json:"tx_hash"`
	Deployer      common.Address `json:"deployer"`
	QuorumPercent uint8          `json:"quorum_percent"`
	Founders      []Founder      `json:"founders"`
	DeployedAt    time.Time      `json:"deployed_at"`
	GasUsed       uint64         `json:"gas_used"`
}

// Founder is a founding member as registered.
type Founder struct {
	Name           string         `json:"name"`
	Address        common.Address `json:"address"`
	TLSFingerprint common.Hash    `json:"tls_fingerprint"`
}

// Deploy deploys the ledger (the Consortium with its founders, the
// Studies and ConsentRegistry modules, linked) and describes the Record.
func Deploy(ctx context.Context, chain *contracts.Chain, deployer *contracts.Account, founders []contracts.Member, quorum uint8) (*Record, error) {
	ledger, r, err := contracts.DeployWithQuorum(ctx, chain, deployer, founders, quorum)
	if err != nil {
		return nil, fmt.Errorf("deploying the Cohort contract: %w", err)
	}
	studies, consent, err := ledger.Modules(ctx)
	if err != nil {
		return nil, err
	}
	d := &Record{
		Contract: ledger.Address(), StudiesModule: studies[len(studies)-1], ConsentModule: consent, ChainID: chain.ChainID().Uint64(), Block: r.Block, TxHash: r.TxHash,
		Deployer: deployer.Address(), QuorumPercent: quorum, GasUsed: r.GasUsed, DeployedAt: time.Now().UTC().Truncate(time.Second),
	}
	for _, f := range founders {
		d.Founders = append(d.Founders, Founder{Name: f.Name, Address: f.Address, TLSFingerprint: f.TLSFingerprint})
	}
	return d, nil
}

// ReadFounders reads and checks a founders file: a JSON array of
// FounderEntry, certificate paths relative to the file. Every error names
// the entry and what is wrong with it.
func ReadFounders(path string) ([]contracts.Member, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the founders file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var entries []FounderEntry
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
			if fp, err = auth.FingerprintFile(p, addr); err != nil {
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

// WriteNewJSON writes v (a Record) as indented JSON to a new file (mode 0644), refusing
// to replace an existing one.
func WriteNewJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%w: %s appeared meanwhile; not replaced", ErrOutExists, path)
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
