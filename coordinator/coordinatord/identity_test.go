package coordinatord

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

// TestCoordinatorRefusesAnIdentityHospitalsWouldRefuse: the coordinator
// checks, before it serves, that its key is the study's coordinator on
// chain and that its certificate is one the hospitals accept: issued by
// the consortium CA they share, valid now, made for a server, naming the
// study's coordinator address. A key of another deployment, a certificate
// of another consortium, an expired one, a client-only one, one naming
// another address and one naming none are each refused, naming the field
// and what to do; the study's key with the consortium's certificate starts. (The
// coordinator served with a certificate the hospitals refused, and only
// their failed connections told.)
func TestCoordinatorRefusesAnIdentityHospitalsWouldRefuse(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	researcherKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	coordKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	otherKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	researcher := contracts.NewAccount(researcherKey)
	coordAddr, otherAddr := crypto.PubkeyToAddress(coordKey.PublicKey), crypto.PubkeyToAddress(otherKey.PublicKey)
	chain, err := contracts.NewSimulatedChain(researcher.Address())
	require.NoError(t, err)
	defer chain.Close()
	founder := contracts.Member{Address: otherAddr, Name: "hospital-1", TLSFingerprint: crypto.Keccak256Hash([]byte("certificate"))}
	ledger, _, err := contracts.Deploy(ctx, chain, researcher, []contracts.Member{founder})
	require.NoError(t, err)
	id, _, err := ledger.CreateStudy(ctx, researcher, contracts.StudyParams{
		SpecHash: crypto.Keccak256Hash([]byte("recipe")), Purpose: crypto.Keccak256Hash([]byte("purpose")),
		ReferenceCommitment: crypto.Keccak256Hash([]byte("reference")),
		Rounds:              1, MinParticipants: 2, Threshold: 2, StrikeLimit: 1, Coordinator: coordAddr,
	})
	require.NoError(t, err)
	study, err := ledger.Study(ctx, id)
	require.NoError(t, err)

	consortium, err := auth.NewCA("test consortium")
	require.NoError(t, err)
	cert, err := consortium.IssueServer("coordinator", coordAddr, "127.0.0.1")
	require.NoError(t, err)
	another, err := auth.NewCA("another consortium")
	require.NoError(t, err)
	anothers, err := another.IssueServer("coordinator", coordAddr, "127.0.0.1")
	require.NoError(t, err)
	now := time.Now()

	require.NoError(t, checkIdentity(study, coordAddr, cert, consortium.Pool(), now))

	err = checkIdentity(study, otherAddr, cert, consortium.Pool(), now)
	require.ErrorContains(t, err, "key_file: this coordinator's key (address "+otherAddr.Hex()+") is not study")
	require.ErrorContains(t, err, "which the chain records as "+coordAddr.Hex())

	err = checkIdentity(study, coordAddr, anothers, consortium.Pool(), now)
	require.ErrorContains(t, err, `tls.cert: the certificate (CN "coordinator", issued by "another consortium") is not issued by the consortium CA in tls.ca`)

	err = checkIdentity(study, coordAddr, cert, consortium.Pool(), now.Add(2*365*24*time.Hour))
	require.ErrorContains(t, err, `tls.cert: the certificate (CN "coordinator") is valid from`)
	require.ErrorContains(t, err, "issue a new one with `cohort certs`")

	clientOnly, err := consortium.IssueClient("coordinator", coordAddr)
	require.NoError(t, err)
	err = checkIdentity(study, coordAddr, clientOnly, consortium.Pool(), now)
	require.ErrorContains(t, err, `tls.cert: the certificate (CN "coordinator") is not made for a TLS server`)

	// A hospital's server certificate, or another study's coordinator's:
	// the hospitals would refuse it as this study's coordinator.
	others, err := consortium.IssueServer("hospital-1", otherAddr, "127.0.0.1")
	require.NoError(t, err)
	err = checkIdentity(study, coordAddr, others, consortium.Pool(), now)
	require.ErrorContains(t, err, `tls.cert: the certificate (CN "hospital-1") names `+otherAddr.Hex()+", not study")
	require.ErrorContains(t, err, "'s coordinator "+coordAddr.Hex())

	older, pool := addresslessCertificate(t)
	err = checkIdentity(study, coordAddr, older, pool, now)
	require.ErrorContains(t, err, `tls.cert: the certificate (CN "coordinator") names no Ethereum address`)
	require.ErrorContains(t, err, "cohort certs --out DIR --coordinator NAME="+coordAddr.Hex())
}

// addresslessCertificate is a server certificate naming no Ethereum
// address, as `cohort certs` issued before 2026-12-07, and a pool of the
// CA that issued it (auth.CA names the address of every server).
func addresslessCertificate(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test consortium"},
		NotBefore: now.Add(-time.Minute), NotAfter: now.Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	require.NoError(t, err)
	ca, err := x509.ParseCertificate(caDER)
	require.NoError(t, err)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	der, err := x509.CreateCertificate(rand.Reader, &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "coordinator"},
		NotBefore: now.Add(-time.Minute), NotAfter: now.Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}, ca, &key.PublicKey, caKey)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// TestCoordinatorWarnsOfAListenHostItsCertificateLacks: a coordinator
// listening on a host its certificate does not cover is told which hosts
// it covers (hospitals dialling that host would refuse it); a wildcard
// listen address, or a covered host, says nothing.
func TestCoordinatorWarnsOfAListenHostItsCertificateLacks(t *testing.T) {
	ca, err := auth.NewCA("test consortium")
	require.NoError(t, err)
	cert, err := ca.IssueServer("coordinator", common.HexToAddress("0xC0000000000000000000000000000000000000c0"), "127.0.0.1", "coordinator.example.org")
	require.NoError(t, err)
	for _, tt := range []struct{ listen, host, covered string }{
		{"127.0.0.1:7443", "", ""},
		{"coordinator.example.org:7443", "", ""},
		{"0.0.0.0:7443", "", ""},
		{"[::]:7443", "", ""},
		{":7443", "", ""},
		{"10.1.2.3:7443", "10.1.2.3", "coordinator.example.org, 127.0.0.1"},
	} {
		host, covered := uncoveredListenHost(cert, tt.listen)
		assert.Equal(t, tt.host, host, tt.listen)
		assert.Equal(t, tt.covered, covered, tt.listen)
	}
}
