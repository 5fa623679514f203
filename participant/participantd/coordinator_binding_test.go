package participantd

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// bindingConsortium is a consortium CA, the study's coordinator key and
// hospital-1's certificate, for the channel-binding tests.
type bindingConsortium struct {
	ca        *auth.CA
	coordKey  *ecdsa.PrivateKey
	coordAddr common.Address
	study     auth.StudyRef
	hospital1 tls.Certificate
}

func newBindingConsortium(t *testing.T) *bindingConsortium {
	t.Helper()
	ca, err := auth.NewCA("test consortium")
	require.NoError(t, err)
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	h1, err := ca.IssueClient("hospital-1", common.HexToAddress("0x1111111111111111111111111111111111111111"))
	require.NoError(t, err)
	study := auth.StudyRef{ChainID: 1337, Contract: common.HexToAddress("0xC04704C04704C04704C04704C04704C04704C047"), Study: 1}
	return &bindingConsortium{ca: ca, coordKey: key, coordAddr: crypto.PubkeyToAddress(key.PublicKey), study: study, hospital1: h1}
}

// serverCert is a server certificate the consortium CA issues naming the
// study's coordinator address, to whoever asks the CA's operator.
func (c *bindingConsortium) serverCert(t *testing.T) tls.Certificate {
	t.Helper()
	cert, err := c.ca.IssueServer("coordinator", c.coordAddr, "127.0.0.1")
	require.NoError(t, err)
	return cert
}

// serve runs a coordinator's gRPC server (no service behind it) with
// cert, signing channel bindings to study with the Ethereum key key, and
// returns its address.
func (c *bindingConsortium) serve(t *testing.T, cert tls.Certificate, key *ecdsa.PrivateKey, study auth.StudyRef) string {
	t.Helper()
	return serveWith(t, auth.BindCoordinatorServer(auth.ServerConfig(cert, c.ca.Pool()), key, study))
}

// serveWith runs a gRPC server (no service behind it) with creds and
// returns its address.
func serveWith(t *testing.T, creds credentials.TransportCredentials) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer(grpc.Creds(creds))
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return lis.Addr().String()
}

// call is hospital-1's node's first call to the coordinator at addr:
// Unimplemented means it trusted the server, Unavailable that it refused
// the connection.
func (c *bindingConsortium) call(t *testing.T, addr string) error {
	t.Helper()
	conn, err := dialCoordinator(addr, c.hospital1, c.ca.Pool(), c.study, c.coordAddr)
	require.NoError(t, err)
	defer conn.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	_, err = cohortv1.NewCoordinatorClient(conn).UploadStatus(ctx, &cohortv1.UploadStatusRequest{})
	return err
}

// TestNodeRefusesACoordinatorCertificateWithoutTheCoordinatorsKey: the
// CA's operator (or anyone who obtained from it a certificate naming the
// study's coordinator address) serves the coordinator's endpoint with a
// valid certificate naming that address, holding another Ethereum key.
// The certificate passes every TLS check; hospital-1's node refuses the
// connection because the server cannot sign the connection's channel
// binding with the study's coordinator key, naming both addresses.
func TestNodeRefusesACoordinatorCertificateWithoutTheCoordinatorsKey(t *testing.T) {
	c := newBindingConsortium(t)
	impostorKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	impostor := crypto.PubkeyToAddress(impostorKey.PublicKey)

	err = c.call(t, c.serve(t, c.serverCert(t), impostorKey, c.study))
	require.Equal(t, codes.Unavailable, status.Code(err), "a server with a certificate naming the coordinator but another Ethereum key was trusted: %v", err)
	require.ErrorContains(t, err, "signed by "+impostor.Hex()+", but the study's coordinator on chain is "+c.coordAddr.Hex())

	err = c.call(t, c.serve(t, c.serverCert(t), c.coordKey, c.study))
	require.Equal(t, codes.Unimplemented, status.Code(err), "the study's coordinator refused: %v", err)
}

// TestNodeRefusesARelayTerminatingTLS: a relay holding a valid certificate
// naming the study's coordinator address (from the CA's operator)
// terminates hospital-1's TLS and forwards every byte over its own TLS
// connection to the real coordinator. The real coordinator's channel
// binding reaches hospital-1 unchanged, but it was signed for the relay's
// connection, not hospital-1's: the node refuses, naming the coordinator
// address the binding claims and the one it recovers to.
func TestNodeRefusesARelayTerminatingTLS(t *testing.T) {
	c := newBindingConsortium(t)
	coordinator := c.serve(t, c.serverCert(t), c.coordKey, c.study)
	relayClient, err := c.ca.IssueClient("relay", common.Address{})
	require.NoError(t, err)
	relay := relayTLS(t, c.serverCert(t), c.ca.Pool(), coordinator, auth.ClientConfig(relayClient, c.ca.Pool(), "127.0.0.1", c.coordAddr))

	err = c.call(t, relay)
	require.Equal(t, codes.Unavailable, status.Code(err), "a relay terminating TLS was trusted: %v", err)
	require.ErrorContains(t, err, "does not cover this TLS connection")
	require.ErrorContains(t, err, c.coordAddr.Hex())
}

// TestNodeRefusesAnotherStudysCoordinator: the server at the coordinator
// HOST:PORT the node dials holds the coordinator's certificate and key but
// coordinates another study (the same coordinator serving study 2, or the
// same study id under another contract or chain): its binding is signed
// for that study, and the node refuses it naming both.
func TestNodeRefusesAnotherStudysCoordinator(t *testing.T) {
	c := newBindingConsortium(t)
	for _, other := range []auth.StudyRef{
		{ChainID: c.study.ChainID, Contract: c.study.Contract, Study: c.study.Study + 1},
		{ChainID: c.study.ChainID, Contract: common.HexToAddress("0x0700000000000000000000000000000000000070"), Study: c.study.Study},
		{ChainID: c.study.ChainID + 1, Contract: c.study.Contract, Study: c.study.Study},
	} {
		err := c.call(t, c.serve(t, c.serverCert(t), c.coordKey, other))
		require.Equal(t, codes.Unavailable, status.Code(err), "a binding for %s was accepted for %s: %v", other, c.study, err)
		require.ErrorContains(t, err, "it is signed for "+other.String()+", but this node takes part in "+c.study.String())
	}
}

// TestNodeRefusesACoordinatorThatDoesNotBind: a coordinator from before
// channel binding (TLS alone) cannot prove it holds the coordinator's key:
// the node refuses it, saying to upgrade it, and sends it nothing.
func TestNodeRefusesACoordinatorThatDoesNotBind(t *testing.T) {
	c := newBindingConsortium(t)
	err := c.call(t, serveWith(t, credentials.NewTLS(auth.ServerConfig(c.serverCert(t), c.ca.Pool()))))
	require.Equal(t, codes.Unavailable, status.Code(err), "a coordinator that sends no channel binding was trusted: %v", err)
	require.ErrorContains(t, err, "closed the connection instead of proving it holds the Ethereum key of the study's coordinator "+c.coordAddr.Hex())
	require.ErrorContains(t, err, "must be upgraded")
}

// relayTLS listens on 127.0.0.1, terminates each client's TLS with cert,
// dials upstream over TLS with upstreamCfg and copies bytes both ways; it
// returns its address.
func relayTLS(t *testing.T, cert tls.Certificate, clientCAs *x509.CertPool, upstream string, upstreamCfg *tls.Config) string {
	t.Helper()
	upstreamCfg = upstreamCfg.Clone()
	upstreamCfg.NextProtos = []string{"h2"}
	serverCfg := auth.ServerConfig(cert, clientCAs)
	serverCfg.NextProtos = []string{"h2"}
	lis, err := tls.Listen("tcp", "127.0.0.1:0", serverCfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = lis.Close() })
	go func() {
		for {
			down, err := lis.Accept()
			if err != nil {
				return
			}
			go func() {
				defer down.Close()
				up, err := tls.Dial("tcp", upstream, upstreamCfg)
				if err != nil {
					return
				}
				defer up.Close()
				go func() { _, _ = io.Copy(up, down); _ = up.Close() }()
				_, _ = io.Copy(down, up)
			}()
		}
	}()
	return lis.Addr().String()
}
