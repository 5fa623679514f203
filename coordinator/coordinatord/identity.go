package coordinatord

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

// checkIdentity refuses, before the coordinator serves or writes
// anything, a key that is not the study's coordinator and a TLS
// certificate the hospitals would refuse.
//
// The chain knows the coordinator by one thing, the address it records
// for the study (set by the researcher at `cohort study create
// --coordinator`, the only account allowed to drive the study's rounds).
// It records no certificate for it: hospitals accept the coordinator on
// the consortium CA's word, the ca.pem they hold, on the host they dial,
// and on the address the certificate names, which must be the study's
// coordinator (auth.ClientConfig). So a certificate hospitals would refuse
// is one the consortium CA (tls.ca, which also vets the hospitals' own
// certificates) did not issue, one out of its validity, one not made for
// a server, or one naming another address or none. A config copied from
// another deployment or study keeps that deployment's key_file and
// certificates: it failed only once hospitals could not connect, or it
// drove nothing, waiting for joins.
func checkIdentity(study contracts.Study, key common.Address, cert tls.Certificate, consortiumCA *x509.CertPool, now time.Time) error {
	if key != study.Coordinator {
		return fmt.Errorf("key_file: this coordinator's key (address %s) is not study %d's coordinator, which the chain records as %s; a config copied from another deployment or study keeps its key_file: point key_file at the key of %s, or check that chain.contract and study name this study (`cohort study show`)",
			key.Hex(), study.ID, study.Coordinator.Hex(), study.Coordinator.Hex())
	}
	leaf, err := leafOf(cert)
	if err != nil {
		return fmt.Errorf("tls.cert: %w", err)
	}
	intermediates := x509.NewCertPool()
	for _, der := range cert.Certificate[1:] {
		if c, err := x509.ParseCertificate(der); err == nil {
			intermediates.AddCert(c)
		}
	}
	_, err = leaf.Verify(x509.VerifyOptions{
		Roots: consortiumCA, Intermediates: intermediates, CurrentTime: now,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	if err != nil {
		return unverifiedCertificate(leaf, err, now)
	}
	holder, err := auth.CertificateHolder(leaf)
	switch {
	case errors.Is(err, auth.ErrNoHolder):
		return fmt.Errorf("tls.cert: the certificate (CN %q) names no Ethereum address, and the hospitals accept a coordinator only if its certificate names the study's coordinator, %s; re-issue it with `cohort certs --out DIR --coordinator NAME=%s --hosts HOSTS` (the consortium's CA in DIR signs it; the hospitals' certificates stay valid)",
			leaf.Subject.CommonName, study.Coordinator.Hex(), study.Coordinator.Hex())
	case err != nil:
		return fmt.Errorf("tls.cert: %w", err)
	case holder != study.Coordinator:
		return fmt.Errorf("tls.cert: the certificate (CN %q) names %s, not study %d's coordinator %s, and the hospitals would refuse it; use the certificate `cohort certs --coordinator NAME=%s` issued for this coordinator",
			leaf.Subject.CommonName, holder.Hex(), study.ID, study.Coordinator.Hex(), study.Coordinator.Hex())
	}
	return nil
}

// unverifiedCertificate is the error for leaf, which did not verify
// against the consortium CA (err), naming why.
func unverifiedCertificate(leaf *x509.Certificate, err error, now time.Time) error {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		return fmt.Errorf("tls.cert: the certificate (CN %q, issued by %q) is not issued by the consortium CA in tls.ca, and the hospitals, which hold the same ca.pem, would refuse it; use the coordinator's certificate from the `cohort certs` run that made tls.ca, or point tls.ca at this consortium's ca.pem if it is another's",
			leaf.Subject.CommonName, leaf.Issuer.CommonName)
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return fmt.Errorf("tls.cert: the certificate (CN %q) is valid from %s to %s, not now (%s), and the hospitals would refuse it; issue a new one with `cohort certs` (or check this machine's clock)",
			leaf.Subject.CommonName, leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	case errors.As(err, &invalid) && invalid.Reason == x509.IncompatibleUsage:
		return fmt.Errorf("tls.cert: the certificate (CN %q) is not made for a TLS server, and the hospitals would refuse it; issue the coordinator's with `cohort certs --coordinator NAME=0xADDRESS` (--institutions issues client certificates only)", leaf.Subject.CommonName)
	}
	return fmt.Errorf("tls.cert: the certificate (CN %q) does not verify against the consortium CA in tls.ca, and the hospitals would refuse it: %w", leaf.Subject.CommonName, err)
}

// uncoveredListenHost returns, when listen names a host (not a wildcard
// such as 0.0.0.0) that cert does not cover, that host and the hosts cert
// covers; "" otherwise. Hospitals verify the host they dial, which may
// rightly differ from the one the coordinator listens on (a DNS name, an
// address behind NAT), so this is a warning, not a refusal.
func uncoveredListenHost(cert tls.Certificate, listen string) (host, covered string) {
	leaf, err := leafOf(cert)
	if err != nil {
		return "", ""
	}
	host, _, err = net.SplitHostPort(listen)
	if err != nil || host == "" {
		return "", ""
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return "", ""
	}
	if leaf.VerifyHostname(host) == nil {
		return "", ""
	}
	names := append([]string(nil), leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	return host, strings.Join(names, ", ")
}

// leafOf is cert's parsed leaf.
func leafOf(cert tls.Certificate) (*x509.Certificate, error) {
	if cert.Leaf != nil {
		return cert.Leaf, nil
	}
	if len(cert.Certificate) == 0 {
		return nil, errors.New("no certificate; set tls.cert to the coordinator's PEM certificate from `cohort certs`")
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		return nil, fmt.Errorf("parsing the certificate: %w", err)
	}
	return leaf, nil
}
