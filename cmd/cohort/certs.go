package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cohort-fl/cohort/api/auth"
)

// certsCAName is the common name of a CA made by `cohort certs`.
const certsCAName = "Cohort consortium CA"

// certsInstitutionName is the alphabet of institution names: they become
// file names and certificate common names.
var certsInstitutionName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`)

// certsIssued is what `cohort certs` reports for one institution.
type certsIssued struct {
	Institution string `json:"institution"`
	Fingerprint string `json:"fingerprint"` // SHA-256 of the DER certificate, as the member registry records it
	Cert        string `json:"cert"`
	Key         string `json:"key"`
}

// certsReport is the --json output of `cohort certs`.
type certsReport struct {
	CA           string        `json:"ca"`
	CAKey        string        `json:"ca_key"`
	CAReused     bool          `json:"ca_reused"`
	Institutions []certsIssued `json:"institutions"`
}

func runCerts(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("certs", "certs --out DIR --institutions NAME[,NAME...] [--hosts HOST[,HOST...]] [--force] [--json]", stderr)
	out := fs.String("out", "", "directory for ca.pem, ca.key and NAME.pem/NAME.key per institution (required)")
	institutions := fs.String("institutions", "", "comma-separated institution names, e.g. coordinator,hospital-1,hospital-2 (required)")
	hosts := fs.String("hosts", "127.0.0.1,localhost", "comma-separated IP addresses and DNS names the certificates are valid for as TLS servers")
	force := fs.Bool("force", false, "replace an existing CA and existing institution certificates (every certificate of the old CA stops being trusted)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	names := certsSplit(*institutions)
	if *out == "" || len(names) == 0 {
		fmt.Fprintln(stderr, "--out and --institutions are required")
		fs.Usage()
		return errUsage
	}
	if err := certsCheckNames(names); err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	hostList := certsSplit(*hosts)
	if len(hostList) == 0 {
		fmt.Fprintln(stderr, "--hosts must name at least one IP address or DNS name")
		return errUsage
	}

	rep, err := makeCerts(*out, names, hostList, *force)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	if rep.CAReused {
		fmt.Fprintf(stdout, "consortium CA %s (existing, reused)\n", rep.CA)
	} else {
		fmt.Fprintf(stdout, "consortium CA %s (new; keep %s offline, mode 0600)\n", rep.CA, rep.CAKey)
	}
	fmt.Fprintf(stdout, "%-20s %-66s %s\n", "institution", "certificate SHA-256 fingerprint (member registry)", "files")
	for _, c := range rep.Institutions {
		fmt.Fprintf(stdout, "%-20s %-66s %s %s\n", c.Institution, c.Fingerprint, c.Cert, c.Key)
	}
	return nil
}

// makeCerts writes the CA (unless one exists and force is off, in which case
// it is reused) and a certificate and key per institution into dir. It
// checks every file it would write before writing any.
func makeCerts(dir string, names, hosts []string, force bool) (*certsReport, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	rep := &certsReport{CA: filepath.Join(dir, "ca.pem"), CAKey: filepath.Join(dir, "ca.key")}
	caExists, err := certsAnyExists(rep.CA, rep.CAKey)
	if err != nil {
		return nil, err
	}
	if !force {
		for _, n := range names {
			p, k := certsPaths(dir, n)
			exists, err := certsAnyExists(p, k)
			if err != nil {
				return nil, err
			}
			if exists {
				return nil, fmt.Errorf("%s already has a certificate in %s; pass --force to re-issue it (its old fingerprint must then be replaced in the member registry)", n, dir)
			}
		}
	}

	var ca *auth.CA
	if caExists && !force {
		certPEM, err := os.ReadFile(rep.CA)
		if err != nil {
			return nil, fmt.Errorf("an existing CA is in %s but cannot be read (%w); restore ca.pem and ca.key, or pass --force to replace the CA", dir, err)
		}
		keyPEM, err := os.ReadFile(rep.CAKey)
		if err != nil {
			return nil, fmt.Errorf("an existing CA is in %s but cannot be read (%w); restore ca.pem and ca.key, or pass --force to replace the CA", dir, err)
		}
		if ca, err = auth.LoadCA(certPEM, keyPEM); err != nil {
			return nil, fmt.Errorf("existing CA in %s: %w; pass --force to replace it", dir, err)
		}
		rep.CAReused = true
	} else {
		if ca, err = auth.NewCA(certsCAName); err != nil {
			return nil, err
		}
		keyPEM, err := ca.KeyPEM()
		if err != nil {
			return nil, err
		}
		if err := certsWriteFile(rep.CAKey, keyPEM, 0o600); err != nil {
			return nil, err
		}
		if err := certsWriteFile(rep.CA, ca.CertPEM(), 0o644); err != nil {
			return nil, err
		}
	}

	for _, n := range names {
		cert, err := ca.Issue(n, hosts...)
		if err != nil {
			return nil, err
		}
		certPEM, keyPEM, err := auth.CertificatePEM(cert)
		if err != nil {
			return nil, err
		}
		p, k := certsPaths(dir, n)
		if err := certsWriteFile(k, keyPEM, 0o600); err != nil {
			return nil, err
		}
		if err := certsWriteFile(p, certPEM, 0o644); err != nil {
			return nil, err
		}
		rep.Institutions = append(rep.Institutions, certsIssued{Institution: n, Fingerprint: auth.Fingerprint(cert).Hex(), Cert: p, Key: k})
	}
	return rep, nil
}

func certsPaths(dir, name string) (cert, key string) {
	return filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key")
}

func certsSplit(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func certsCheckNames(names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		switch {
		case !certsInstitutionName.MatchString(n):
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

func certsAnyExists(paths ...string) (bool, error) {
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

// certsWriteFile writes data to path atomically with the given mode: a
// temporary file in the same directory, synced, then renamed over path.
func certsWriteFile(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
