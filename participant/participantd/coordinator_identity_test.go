package participantd

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
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// TestNodeRefusesAHospitalPosingAsTheCoordinator: hospital-2 redirects
// hospital-1's traffic (by DNS, or on the same network) and serves the
// coordinator's gRPC endpoint with a certificate from the consortium's
// `cohort certs`. Hospital-1's node, which knows the study's coordinator
// by the address the chain records, refuses the handshake: hospital-2's
// own certificate is a client's only, and a server certificate naming
// hospital-2's address is refused naming both addresses. The coordinator's
// certificate, naming the study's coordinator, is accepted. (Before,
// every institution's certificate served for the same hosts, and the
// node accepted hospital-2's on the CA's word.)
func TestNodeRefusesAHospitalPosingAsTheCoordinator(t *testing.T) {
	coordinatorKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	coordinatorAddr := crypto.PubkeyToAddress(coordinatorKey.PublicKey)
	study := auth.StudyRef{ChainID: 1337, Contract: common.HexToAddress("0xC04704C04704C04704C04704C04704C04704C047"), Study: 1}
	hospital2 := common.HexToAddress("0x2222222222222222222222222222222222222222")
	dir := t.TempDir()
	rep, err := auth.IssueCertFiles(dir, []auth.Institution{
		{Name: "coordinator", Address: coordinatorAddr, Server: true},
		{Name: "hospital-1", Address: common.HexToAddress("0x1111111111111111111111111111111111111111")},
		{Name: "hospital-2", Address: hospital2},
	}, []string{"127.0.0.1"}, false)
	require.NoError(t, err)
	// The CA's operator issuing hospital-2 a server certificate by mistake.
	_, err = auth.IssueCertFiles(dir, []auth.Institution{{Name: "hospital-2-server", Address: hospital2, Server: true}}, []string{"127.0.0.1"}, false)
	require.NoError(t, err)
	load := func(name string) tls.Certificate {
		cert, err := tls.LoadX509KeyPair(filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key"))
		require.NoError(t, err)
		return cert
	}
	caPEM, err := os.ReadFile(rep.CA)
	require.NoError(t, err)
	pool, err := auth.PoolFromPEM(caPEM)
	require.NoError(t, err)

	// callServedBy serves the coordinator's endpoint with the named
	// institution's certificate (no service behind it), signing channel
	// bindings with the coordinator's key (which the certificate checks
	// refuse before any binding), and returns the error of hospital-1's
	// node's first call.
	callServedBy := func(name string) error {
		lis, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		srv := grpc.NewServer(grpc.Creds(auth.BindCoordinatorServer(auth.ServerConfig(load(name), pool), coordinatorKey, study)))
		go func() { _ = srv.Serve(lis) }()
		defer srv.Stop()
		conn, err := dialCoordinator(lis.Addr().String(), load("hospital-1"), pool, study, coordinatorAddr)
		require.NoError(t, err)
		defer conn.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err = cohortv1.NewCoordinatorClient(conn).UploadStatus(ctx, &cohortv1.UploadStatusRequest{})
		return err
	}

	// Unimplemented would mean the handshake passed and the impostor
	// answered; Unavailable is the node refusing the connection.
	err = callServedBy("hospital-2")
	require.Equal(t, codes.Unavailable, status.Code(err), "hospital-2's certificate accepted as the coordinator's: %v", err)
	require.ErrorContains(t, err, "failed to verify certificate")

	err = callServedBy("hospital-2-server")
	require.Equal(t, codes.Unavailable, status.Code(err), "hospital-2's server certificate accepted as the coordinator's: %v", err)
	require.ErrorContains(t, err, "names "+hospital2.Hex()+", but the study's coordinator on chain is "+coordinatorAddr.Hex())

	err = callServedBy("coordinator")
	require.Equal(t, codes.Unimplemented, status.Code(err), "the study's coordinator refused: %v", err)
}

// TestNodeRefusesAnOldHospitalCertificateServingAsTheCoordinator: before
// 2026-12-07 `cohort certs` gave hospital-2, like every institution, a
// certificate for both TLS server and client usage, for the consortium's
// hosts, naming no Ethereum address, and consortia keep such certificates
// until they re-issue them. Hospital-2 serving the coordinator's endpoint
// with it passes the CA, the host and the server usage, and is refused by
// hospital-1's node on the address: the error names the certificate, the
// study's coordinator on chain and what to do (re-issue the coordinator's
// certificate with `cohort certs --coordinator` if it is the coordinator's,
// else check the endpoint and re-issue the other institution's as a
// client's only).
func TestNodeRefusesAnOldHospitalCertificateServingAsTheCoordinator(t *testing.T) {
	coordinatorAddr := common.HexToAddress("0xC0000000000000000000000000000000000000c0")
	dir := t.TempDir()
	rep, err := auth.IssueCertFiles(dir, []auth.Institution{{Name: "hospital-1"}}, nil, false)
	require.NoError(t, err)
	caPEM, err := os.ReadFile(rep.CA)
	require.NoError(t, err)
	caKeyPEM, err := os.ReadFile(rep.CAKey)
	require.NoError(t, err)
	caPair, err := tls.X509KeyPair(caPEM, caKeyPEM)
	require.NoError(t, err)
	pool, err := auth.PoolFromPEM(caPEM)
	require.NoError(t, err)
	hospital1, err := tls.LoadX509KeyPair(rep.Institutions[0].Cert, rep.Institutions[0].Key)
	require.NoError(t, err)

	// Hospital-2's certificate as old releases issued it.
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "hospital-2", Organization: []string{"Cohort consortium"}},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caPair.Leaf, &key.PublicKey, caPair.PrivateKey)
	require.NoError(t, err)
	old := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	leaf, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	_, err = leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: "127.0.0.1", KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
	require.NoError(t, err, "the old certificate passes the CA, the host and the server usage")

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer(grpc.Creds(credentials.NewTLS(auth.ServerConfig(old, pool))))
	go func() { _ = srv.Serve(lis) }()
	defer srv.Stop()
	conn, err := dialCoordinator(lis.Addr().String(), hospital1, pool, auth.StudyRef{ChainID: 1337, Contract: common.HexToAddress("0xC04704C04704C04704C04704C04704C04704C047"), Study: 1}, coordinatorAddr)
	require.NoError(t, err)
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = cohortv1.NewCoordinatorClient(conn).UploadStatus(ctx, &cohortv1.UploadStatusRequest{})
	require.Equal(t, codes.Unavailable, status.Code(err), "hospital-2's old certificate accepted as the coordinator's: %v", err)
	for _, says := range []string{
		"the certificate served as the coordinator's (CN", // quoted, then quoted again by grpc
		"hospital-2", "names no Ethereum address",
		"the study's coordinator on chain is " + coordinatorAddr.Hex(),
		"cohort certs --out DIR --coordinator NAME=" + coordinatorAddr.Hex() + " --hosts HOSTS",
		"another institution is serving at the coordinator HOST:PORT this node dials",
		"cohort certs --institutions NAME=0xADDRESS --force",
	} {
		assert.Contains(t, err.Error(), says)
	}
}
