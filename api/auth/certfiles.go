package auth

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/renameio/v2"
)

// ConsortiumCAName is the common name of a CA made by IssueCertFiles.
const ConsortiumCAName = "Cohort consortium CA"

// institutionName is the alphabet of institution names: they become file
// names and certificate common names.
var institutionName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`)

// Institution is one certificate for IssueCertFiles to issue.
type Institution struct {
	Name string
	// Address is the institution's Ethereum address, which its certificate
	// names (HolderScheme); zero names none, which only a client may.
	Address common.Address
	// Server issues a TLS server certificate for the hosts (the
	// coordinator's); otherwise the certificate is a client's only.
	Server bool
}

// IssuedCert is one institution's certificate written by IssueCertFiles.
type IssuedCert struct {
	Institution string `json:"institution"`
	Address     string `json:"address,omitempty"` // the Ethereum address the certificate names
	Server      bool   `json:"server"`            // a TLS server certificate (the coordinator's), not a client's only
	Fingerprint string `json:"fingerprint"`       // SHA-256 of the DER certificate, as the member registry records it
	Cert        string `json:"cert"`
	Key         string `json:"key"`
}

// CertFiles is what IssueCertFiles wrote (the --json output of `cohort
// certs`).
type CertFiles struct {
	CA           string       `json:"ca"`
	CAKey        string       `json:"ca_key"`
	CAReused     bool         `json:"ca_reused"`
	Institutions []IssuedCert `json:"institutions"`
}

// CheckInstitutionNames refuses names that cannot be file names and
// certificate common names, the CA's reserved name and duplicates.
func CheckInstitutionNames(names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		switch {
		case !institutionName.MatchString(n):
			return fmt.Errorf("institution name %q: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit", n)
		case strings.EqualFold(n, "ca"):
			return errors.New(`institution name "ca" is reserved for the consortium CA's files`)
		case seen[strings.ToLower(n)]:
			return fmt.Errorf("institution %q is listed twice", n)
		}
		seen[strings.ToLower(n)] = true
	}
	return nil
}

// IssueCertFiles writes the consortium CA into dir as ca.pem and ca.key
// (unless one exists and force is off, in which case it is reused) and a
// certificate and key per institution as NAME.pem and NAME.key: a TLS
// server's for hosts (IssueServer) for a server institution, a client's
// only (IssueClient) otherwise. It checks every file it would write before
// writing any, and writes each atomically; keys get mode 0600.
func IssueCertFiles(dir string, institutions []Institution, hosts []string, force bool) (*CertFiles, error) {
	names := make([]string, len(institutions))
	for i, inst := range institutions {
		names[i] = inst.Name
		if inst.Server && inst.Address == (common.Address{}) {
			return nil, fmt.Errorf("%s serves, so its certificate must name its Ethereum address (NAME=0xADDRESS): hospitals accept a coordinator only by the address its certificate names", inst.Name)
		}
		if inst.Server && len(hosts) == 0 {
			return nil, fmt.Errorf("%s serves: name the hosts its certificate is valid for", inst.Name)
		}
	}
	if err := CheckInstitutionNames(names); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	rep := &CertFiles{CA: filepath.Join(dir, "ca.pem"), CAKey: filepath.Join(dir, "ca.key")}
	caExists, err := anyExists(rep.CA, rep.CAKey)
	if err != nil {
		return nil, err
	}
	if !force {
		for _, n := range names {
			p, k := certPaths(dir, n)
			exists, err := anyExists(p, k)
			if err != nil {
				return nil, err
			}
			if exists {
				return nil, fmt.Errorf("%s already has a certificate in %s; pass --force to re-issue it (its old fingerprint must then be replaced in the member registry)", n, dir)
			}
		}
	}

	var ca *CA
	if caExists && !force {
		certPEM, err := os.ReadFile(rep.CA)
		if err != nil {
			return nil, fmt.Errorf("an existing CA is in %s but cannot be read (%w); restore ca.pem and ca.key, or pass --force to replace the CA", dir, err)
		}
		keyPEM, err := os.ReadFile(rep.CAKey)
		if err != nil {
			return nil, fmt.Errorf("an existing CA is in %s but cannot be read (%w); restore ca.pem and ca.key, or pass --force to replace the CA", dir, err)
		}
		if ca, err = LoadCA(certPEM, keyPEM); err != nil {
			return nil, fmt.Errorf("existing CA in %s: %w; pass --force to replace it", dir, err)
		}
		rep.CAReused = true
	} else {
		if ca, err = NewCA(ConsortiumCAName); err != nil {
			return nil, err
		}
		keyPEM, err := ca.KeyPEM()
		if err != nil {
			return nil, err
		}
		if err := renameio.WriteFile(rep.CAKey, keyPEM, 0o600); err != nil {
			return nil, err
		}
		if err := renameio.WriteFile(rep.CA, ca.CertPEM(), 0o644); err != nil {
			return nil, err
		}
	}

	for _, inst := range institutions {
		n := inst.Name
		var cert tls.Certificate
		if inst.Server {
			cert, err = ca.IssueServer(n, inst.Address, hosts...)
		} else {
			cert, err = ca.IssueClient(n, inst.Address)
		}
		if err != nil {
			return nil, err
		}
		certPEM, keyPEM, err := CertificatePEM(cert)
		if err != nil {
			return nil, err
		}
		p, k := certPaths(dir, n)
		if err := renameio.WriteFile(k, keyPEM, 0o600); err != nil {
			return nil, err
		}
		if err := renameio.WriteFile(p, certPEM, 0o644); err != nil {
			return nil, err
		}
		issued := IssuedCert{Institution: n, Server: inst.Server, Fingerprint: Fingerprint(cert).Hex(), Cert: p, Key: k}
		if inst.Address != (common.Address{}) {
			issued.Address = inst.Address.Hex()
		}
		rep.Institutions = append(rep.Institutions, issued)
	}
	return rep, nil
}

func certPaths(dir, name string) (cert, key string) {
	return filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key")
}

func anyExists(paths ...string) (bool, error) {
	for _, p := range paths {
		_, err := os.Lstat(p)
		switch {
		case err == nil:
			return true, nil
		case !errors.Is(err, fs.ErrNotExist):
			return false, err
		}
	}
	return false, nil
}
