package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// certValidity is how long issued certificates last: a study runs for weeks,
// not years, and a consortium re-issues on membership changes.
const certValidity = 365 * 24 * time.Hour

// CA is a consortium certificate authority. It is safe for concurrent use.
type CA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

// NewCA makes a self-signed ECDSA P-256 certificate authority.
func NewCA(name string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("auth: CA key: %w", err)
	}
	tmpl, err := template(name)
	if err != nil {
		return nil, err
	}
	tmpl.IsCA = true
	tmpl.BasicConstraintsValid = true
	tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("auth: self-sign CA: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("auth: parse CA: %w", err)
	}
	return &CA{cert: cert, key: key}, nil
}

// LoadCA reads a CA from PEM-encoded certificate and PKCS#8 key.
func LoadCA(certPEM, keyPEM []byte) (*CA, error) {
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("auth: load CA: %w", err)
	}
	key, ok := pair.PrivateKey.(*ecdsa.PrivateKey)
	if !ok {
		return nil, errors.New("auth: load CA: key is not ECDSA; make the CA with `cohort certs`")
	}
	return &CA{cert: pair.Leaf, key: key}, nil
}

// CertPEM returns the CA certificate in PEM form, for trust stores.
func (ca *CA) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.cert.Raw})
}

// KeyPEM returns the CA key in PKCS#8 PEM form; store it with mode 0600.
func (ca *CA) KeyPEM() ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(ca.key)
	if err != nil {
		return nil, fmt.Errorf("auth: marshal CA key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// Pool returns a certificate pool holding only this CA.
func (ca *CA) Pool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	return pool
}

// HolderScheme is the scheme of the URI subject alternative name by which
// a certificate names its holder's Ethereum address, the identity the
// chain knows it by: ethereum:0x… with the address in EIP-55 form (the
// EIP-681 URI of a bare address). It binds a TLS identity to a chain
// identity: hospitals accept a coordinator only if its certificate names
// the study's coordinator address as the chain records it.
const HolderScheme = "ethereum"

// ErrNoHolder is the error of CertificateHolder for a certificate that
// names no Ethereum address (issued before certificates named one).
var ErrNoHolder = errors.New("the certificate names no Ethereum address")

// IssueServer makes the certificate of an institution that serves (the
// coordinator): a TLS server for hosts (IP addresses or DNS names) and a
// client, naming holder, its Ethereum address, which it must have.
func (ca *CA) IssueServer(name string, holder common.Address, hosts ...string) (tls.Certificate, error) {
	if holder == (common.Address{}) {
		return tls.Certificate{}, fmt.Errorf("auth: server certificate for %s: name its Ethereum address (hospitals accept a coordinator only by the address its certificate names)", name)
	}
	if len(hosts) == 0 {
		return tls.Certificate{}, fmt.Errorf("auth: server certificate for %s: name at least one host it serves", name)
	}
	return ca.issue(name, holder, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}, hosts)
}

// IssueClient makes the certificate of an institution that only dials (a
// hospital, a researcher): a TLS client, never a server, so no one can
// serve with it in the coordinator's place. It names holder unless holder
// is the zero address: a hospital's certificate is bound to its address
// anyway by the fingerprint the member registry records for it.
func (ca *CA) IssueClient(name string, holder common.Address) (tls.Certificate, error) {
	return ca.issue(name, holder, []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, nil)
}

func (ca *CA) issue(name string, holder common.Address, usages []x509.ExtKeyUsage, hosts []string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("auth: key for %s: %w", name, err)
	}
	tmpl, err := template(name)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	tmpl.ExtKeyUsage = usages
	if holder != (common.Address{}) {
		tmpl.URIs = []*url.URL{{Scheme: HolderScheme, Opaque: holder.Hex()}}
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("auth: issue certificate for %s: %w", name, err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("auth: parse certificate for %s: %w", name, err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

// CertificateHolder is the Ethereum address leaf names (HolderScheme), or
// ErrNoHolder. A certificate naming two addresses, or an ethereum URI that
// is not a bare address, is an error: it names no one holder.
func CertificateHolder(leaf *x509.Certificate) (common.Address, error) {
	var holder common.Address
	found := false
	for _, u := range leaf.URIs {
		if !strings.EqualFold(u.Scheme, HolderScheme) {
			continue
		}
		if u.Opaque == "" || !common.IsHexAddress(u.Opaque) || !strings.HasPrefix(u.Opaque, "0x") || u.RawQuery != "" {
			return common.Address{}, fmt.Errorf("the certificate (CN %q) names %q, not an Ethereum address as %s:0x…; re-issue it with `cohort certs`", leaf.Subject.CommonName, u.String(), HolderScheme)
		}
		a := common.HexToAddress(u.Opaque)
		if found && a != holder {
			return common.Address{}, fmt.Errorf("the certificate (CN %q) names two Ethereum addresses, %s and %s; re-issue it with `cohort certs`", leaf.Subject.CommonName, holder.Hex(), a.Hex())
		}
		holder, found = a, true
	}
	if !found {
		return common.Address{}, ErrNoHolder
	}
	return holder, nil
}

// CheckCoordinatorCertificate refuses a certificate that does not name
// coordinator, the study's coordinator address as the chain records it:
// the error names both addresses, or, for a certificate naming none, says
// to re-issue it.
func CheckCoordinatorCertificate(leaf *x509.Certificate, coordinator common.Address) error {
	holder, err := CertificateHolder(leaf)
	switch {
	case errors.Is(err, ErrNoHolder):
		// Before 2026-12-07 `cohort certs` gave every institution, each
		// hospital too, a server certificate naming no address: one
		// served here may be any member's.
		return fmt.Errorf("the certificate served as the coordinator's (CN %q) names no Ethereum address, so it cannot be told from another consortium member's (before 2026-12-07 `cohort certs` gave every institution, hospitals too, a server certificate naming none): refused; the study's coordinator on chain is %s. If %s is the coordinator, re-issue its certificate with `cohort certs --out DIR --coordinator NAME=%s --hosts HOSTS` (DIR holding the consortium's ca.pem and ca.key; hospitals keep theirs); if not, another institution is serving at the coordinator HOST:PORT this node dials: check it, and re-issue that institution's certificate as a client's only (`cohort certs --institutions NAME=0xADDRESS --force`)",
			leaf.Subject.CommonName, coordinator.Hex(), leaf.Subject.CommonName, coordinator.Hex())
	case err != nil:
		return err
	case holder != coordinator:
		return fmt.Errorf("the certificate served as the coordinator's (CN %q) names %s, but the study's coordinator on chain is %s: refused, it is another institution's certificate (a member posing as the coordinator, or another study's coordinator: check the coordinator HOST:PORT this node dials)",
			leaf.Subject.CommonName, holder.Hex(), coordinator.Hex())
	}
	return nil
}

// CertificatePEM encodes an issued certificate and its key as PEM blocks.
func CertificatePEM(c tls.Certificate) (certPEM, keyPEM []byte, err error) {
	if len(c.Certificate) == 0 {
		return nil, nil, errors.New("auth: empty certificate")
	}
	der, err := x509.MarshalPKCS8PrivateKey(c.PrivateKey)
	if err != nil {
		return nil, nil, fmt.Errorf("auth: marshal key: %w", err)
	}
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Certificate[0]})
	keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	return certPEM, keyPEM, nil
}

// Fingerprint is the SHA-256 of a certificate's DER encoding, as recorded in
// the chain's member registry.
func Fingerprint(c tls.Certificate) common.Hash {
	if len(c.Certificate) == 0 {
		return common.Hash{}
	}
	return sha256.Sum256(c.Certificate[0])
}

// ServerConfig is the TLS 1.3 configuration of a server that accepts only
// clients holding a certificate issued by the consortium CA.
func ServerConfig(cert tls.Certificate, clientCAs *x509.CertPool) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{cert},
		ClientCAs:    clientCAs,
		ClientAuth:   tls.RequireAndVerifyClientCert,
	}
}

// ClientConfig is the TLS 1.3 configuration of a client of the study's
// coordinator: it presents its certificate and accepts a server only if
// the consortium CA issued its certificate for serverName and the
// certificate names coordinator, the study's coordinator address on chain
// (CheckCoordinatorCertificate). The CA's word alone would let any member
// holding a server certificate stand in for the coordinator.
func ClientConfig(cert tls.Certificate, rootCAs *x509.CertPool, serverName string, coordinator common.Address) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{cert},
		RootCAs:      rootCAs,
		ServerName:   serverName,
		// After the chain and host checks, and on resumed sessions too
		// (VerifyPeerCertificate is not called on those).
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("auth: the coordinator presented no certificate")
			}
			if err := CheckCoordinatorCertificate(cs.PeerCertificates[0], coordinator); err != nil {
				return fmt.Errorf("auth: %w", err)
			}
			return nil
		},
	}
}

func template(name string) (*x509.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("auth: serial: %w", err)
	}
	now := time.Now()
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name, Organization: []string{"Cohort consortium"}},
		NotBefore:    now.Add(-time.Minute),
		NotAfter:     now.Add(certValidity),
	}, nil
}

// PoolFromPEM makes a certificate pool from PEM-encoded CA certificates.
func PoolFromPEM(caPEM []byte) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, errors.New("auth: no CA certificate in the PEM given; pass the consortium's ca.pem")
	}
	return pool, nil
}
