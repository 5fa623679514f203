package participantd

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

// checkIdentity refuses a node whose configured name or TLS certificate is
// not what the member registry records for its key's address, before the
// node joins a study or signs anything.
//
// The key is the node's identity: the chain and the coordinator know the
// hospital by its address, and the coordinator admits a connection whose
// certificate the registry records for it. A config copied from another
// hospital with that hospital's key (and certificate) but this hospital's
// name and data passes both, and would train this hospital's records and
// commit them, vote and be struck as the other hospital, racing its own
// node on one account; so a name that is not the registry's is refused,
// not only warned of as the coordinator does: fixing it is one field. A
// certificate of another hospital would be refused by the coordinator
// only after the node had joined the study on chain.
func checkIdentity(ctx context.Context, ledger *contracts.Ledger, name string, address common.Address, cert tls.Certificate) error {
	rec, err := ledger.Member(ctx, address)
	if errors.Is(err, contracts.ErrNotMember) {
		return fmt.Errorf("key_file: this node's address %s is not a consortium member; check key_file is this hospital's key, or have the members admit it", address.Hex())
	}
	if err != nil {
		return fmt.Errorf("checking this node's name and certificate against the member registry: %w", err)
	}
	if name != rec.Name {
		return fmt.Errorf("name: this node is configured as %q, but its key (key_file, address %s) is %q's in the member registry; a config copied from another hospital keeps its key_file and tls: point them at this hospital's key and certificate, or set name to %q if this is that hospital",
			name, address.Hex(), rec.Name, rec.Name)
	}
	if fp := auth.Fingerprint(cert); fp != rec.TLSFingerprint {
		return fmt.Errorf("tls.cert: the certificate (CN %q, fingerprint %s) is not the one the member registry records for %q (address %s, fingerprint %s), and the coordinator would refuse it; use this hospital's certificate, or register a renewed one on chain (updateTlsFingerprint)",
			commonName(cert), fp.Hex(), rec.Name, address.Hex(), rec.TLSFingerprint.Hex())
	}
	return nil
}

// commonName is the subject common name of cert's leaf, as `cohort certs`
// sets it to the institution's name; "" if it does not parse.
func commonName(cert tls.Certificate) string {
	leaf := cert.Leaf
	if leaf == nil && len(cert.Certificate) > 0 {
		leaf, _ = x509.ParseCertificate(cert.Certificate[0])
	}
	if leaf == nil {
		return ""
	}
	return leaf.Subject.CommonName
}
