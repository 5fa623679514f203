package auth

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

// ErrKeyFileMode reports a private key (or passphrase) file that others
// than its owner can read.
var ErrKeyFileMode = errors.New("key file is readable by group or others")

// CheckOwnerOnly refuses a secret file (what names it in messages) that
// group or others can read: a secret that leaked to another local user is
// no longer the institution's alone.
func CheckOwnerOnly(what, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%w: %s %s has mode %04o; restrict it with `chmod 600 %s`", ErrKeyFileMode, what, path, perm, path)
	}
	return nil
}

// LoadPrivateKey loads an Ethereum private key file (64 hex digits, as
// `cohort devnet` and geth's crypto.SaveECDSA write them), refusing one that
// group or others can read. Errors never contain the key.
func LoadPrivateKey(path string) (*ecdsa.PrivateKey, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("reading the key file: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("key file %s is a directory", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("%w: %s has mode %04o; restrict it with `chmod 600 %s` (and consider the key exposed if others could read it)", ErrKeyFileMode, path, perm, path)
	}
	key, err := crypto.LoadECDSA(path)
	if err != nil {
		// The decoder's message can quote key characters: say only what is wrong.
		return nil, fmt.Errorf("key file %s does not hold a 64-hex-digit secp256k1 private key", path)
	}
	return key, nil
}

// CreatePrivateKeyFile writes a fresh secp256k1 private key to path (64
// hex digits, mode 0600), as LoadPrivateKey reads it, unless the file
// exists; created says whether it did. what names the file in errors.
func CreatePrivateKeyFile(path, what string) (created bool, err error) {
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	k, err := crypto.GenerateKey()
	if err != nil {
		return false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return false, fmt.Errorf("creating %s: %w", what, err)
	}
	_, err = f.WriteString(hexutil.Encode(crypto.FromECDSA(k))[2:] + "\n")
	if err := errors.Join(err, f.Close()); err != nil {
		return false, fmt.Errorf("writing %s: %w", what, err)
	}
	return true, nil
}

// TLSFiles names the PEM files of mutual TLS, as the daemons' configuration
// files do.
type TLSFiles struct {
	CA   string `json:"ca"`   // the consortium CA certificate
	Cert string `json:"cert"` // this institution's certificate
	Key  string `json:"key"`  // its private key (mode 0600)
}

// Load reads the TLS files: this institution's certificate and the
// consortium's CA pool. It refuses a key file others can read.
func (t TLSFiles) Load() (tls.Certificate, *x509.CertPool, error) {
	if t.CA == "" || t.Cert == "" || t.Key == "" {
		return tls.Certificate{}, nil, errors.New("tls: set ca, cert and key (make them with `cohort certs`)")
	}
	if err := CheckOwnerOnly("TLS key", t.Key); err != nil && errors.Is(err, ErrKeyFileMode) {
		return tls.Certificate{}, nil, err
	}
	cert, err := tls.LoadX509KeyPair(t.Cert, t.Key)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("tls: load %s and %s: %w", t.Cert, t.Key, err)
	}
	caPEM, err := os.ReadFile(t.CA)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("tls: %w", err)
	}
	pool, err := PoolFromPEM(caPEM)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	return cert, pool, nil
}

// ClientConfigFromFiles is the mutual-TLS client configuration
// (ClientConfig) for a connection to the study's coordinator, whose
// address the chain records, at target (HOST:PORT or HOST) from the CA,
// certificate and key files.
func ClientConfigFromFiles(caFile, certFile, keyFile, target string, coordinator common.Address) (*tls.Config, error) {
	caPEM, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("read CA: %w", err)
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("load TLS certificate: %w", err)
	}
	pool, err := PoolFromPEM(caPEM)
	if err != nil {
		return nil, err
	}
	return ClientConfig(cert, pool, HostOf(target), coordinator), nil
}

// HostOf is the host part of HOST:PORT (target itself without a port): the
// name a client checks the server's certificate against.
func HostOf(target string) string {
	if h, _, err := net.SplitHostPort(target); err == nil {
		return h
	}
	return target
}

// FingerprintFile returns the SHA-256 fingerprint of the first certificate
// in a PEM file, as the member registry records it for member. A
// certificate naming another Ethereum address than member's (HolderScheme)
// is refused: registered, it would name one member and admit another.
func FingerprintFile(path string, member common.Address) (common.Hash, error) {
	leaf, err := MemberCertificate(path, member)
	if err != nil {
		return common.Hash{}, err
	}
	return sha256.Sum256(leaf.Raw), nil
}

// MemberCertificate is the first certificate in a PEM file, refused (as
// by FingerprintFile) if it names another Ethereum address than member's.
func MemberCertificate(path string, member common.Address) (*x509.Certificate, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading a member's certificate: %w", err)
	}
	for rest := b; ; {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			return nil, fmt.Errorf("%s holds no PEM CERTIFICATE block", path)
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		leaf, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		holder, err := CertificateHolder(leaf)
		switch {
		case errors.Is(err, ErrNoHolder):
		case err != nil:
			return nil, fmt.Errorf("%s: %w", path, err)
		case holder != member:
			return nil, fmt.Errorf("%s: the certificate (CN %q) names %s, not the member's address %s; use the member's own certificate, or issue one with `cohort certs --institutions NAME=%s`",
				path, leaf.Subject.CommonName, holder.Hex(), member.Hex(), member.Hex())
		}
		return leaf, nil
	}
}

// ServesTLS reports whether a TLS client checking server usage would
// accept leaf as a server's certificate: it lists server usage, any
// usage, or none (which x509 takes as any).
func ServesTLS(leaf *x509.Certificate) bool {
	return len(leaf.ExtKeyUsage) == 0 || slices.ContainsFunc(leaf.ExtKeyUsage, func(u x509.ExtKeyUsage) bool {
		return u == x509.ExtKeyUsageServerAuth || u == x509.ExtKeyUsageAny
	})
}
