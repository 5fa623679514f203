package auth

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// handshake runs one TLS handshake over loopback and returns the client's error.
func handshake(t *testing.T, server, client *tls.Config) error {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", server)
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		// A byte once the server accepted the handshake: the client's read
		// gets it or the refusal, however long the server took to decide
		// (a 200 ms read deadline took a late refusal for an acceptance).
		if c.(*tls.Conn).Handshake() == nil {
			_, _ = c.Write([]byte{1})
		}
	}()
	conn, err := tls.Dial("tcp", ln.Addr().String(), client)
	if err != nil {
		return err
	}
	defer conn.Close()
	// TLS 1.3 reports a rejected client certificate on the first read.
	_, err = conn.Read(make([]byte, 1))
	return err
}

// coordinatorAddr is the study's coordinator address in these tests.
var coordinatorAddr = common.HexToAddress("0xC0000000000000000000000000000000000000c0")

func TestMutualTLS(t *testing.T) {
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	rogue, err := NewCA("rogue")
	require.NoError(t, err)
	serverCert, err := ca.IssueServer("coordinator", coordinatorAddr, "127.0.0.1")
	require.NoError(t, err)
	clientCert, err := ca.IssueClient("hospital-1", common.Address{})
	require.NoError(t, err)
	rogueCert, err := rogue.IssueClient("intruder", common.Address{})
	require.NoError(t, err)

	server := ServerConfig(serverCert, ca.Pool())
	require.NoError(t, handshake(t, server, ClientConfig(clientCert, ca.Pool(), "127.0.0.1", coordinatorAddr)), "member certificate accepted")
	require.Error(t, handshake(t, server, ClientConfig(rogueCert, ca.Pool(), "127.0.0.1", coordinatorAddr)), "certificate from another CA refused")
	require.Error(t, handshake(t, server, &tls.Config{RootCAs: ca.Pool(), ServerName: "127.0.0.1", MinVersion: tls.VersionTLS13}), "client without certificate refused")
	require.Error(t, handshake(t, server, ClientConfig(clientCert, rogue.Pool(), "127.0.0.1", coordinatorAddr)), "server from another CA refused")
}

// TestClientAcceptsOnlyTheStudysCoordinator: a client of the coordinator
// accepts a server certificate of the consortium CA only if it names the
// study's coordinator address. Another member's server certificate (a
// hospital posing as the coordinator, or another study's coordinator) is
// refused naming both addresses, a certificate from before certificates
// named addresses is refused saying to re-issue it, and a hospital's
// client-only certificate cannot serve at all.
func TestClientAcceptsOnlyTheStudysCoordinator(t *testing.T) {
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	hospital := common.HexToAddress("0x1111111111111111111111111111111111111111")
	client, err := ca.IssueClient("hospital-1", hospital)
	require.NoError(t, err)
	dial := ClientConfig(client, ca.Pool(), "127.0.0.1", coordinatorAddr)

	right, err := ca.IssueServer("coordinator", coordinatorAddr, "127.0.0.1")
	require.NoError(t, err)
	require.NoError(t, handshake(t, ServerConfig(right, ca.Pool()), dial))

	posing, err := ca.IssueServer("hospital-2", common.HexToAddress("0x2222222222222222222222222222222222222222"), "127.0.0.1")
	require.NoError(t, err)
	err = handshake(t, ServerConfig(posing, ca.Pool()), dial)
	require.ErrorContains(t, err, `(CN "hospital-2") names 0x2222222222222222222222222222222222222222, but the study's coordinator on chain is `+coordinatorAddr.Hex())

	older, err := ca.IssueClient("coordinator", common.Address{}) // a server certificate naming no address, below
	require.NoError(t, err)
	tmpl := *older.Leaf
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}
	tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, ca.cert, older.Leaf.PublicKey, ca.key)
	require.NoError(t, err)
	err = handshake(t, ServerConfig(tls.Certificate{Certificate: [][]byte{der}, PrivateKey: older.PrivateKey}, ca.Pool()), dial)
	require.ErrorContains(t, err, "names no Ethereum address")
	require.ErrorContains(t, err, "cohort certs --out DIR --coordinator NAME="+coordinatorAddr.Hex())

	clientOnly, err := ca.IssueClient("hospital-2", coordinatorAddr)
	require.NoError(t, err)
	require.ErrorContains(t, handshake(t, ServerConfig(clientOnly, ca.Pool()), dial), "failed to verify certificate",
		"a client-only certificate (no host, no server usage) serves no one, even naming the coordinator's address")
}

func TestCertificateHolder(t *testing.T) {
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	named, err := ca.IssueClient("hospital-1", coordinatorAddr)
	require.NoError(t, err)
	got, err := CertificateHolder(named.Leaf)
	require.NoError(t, err)
	require.Equal(t, coordinatorAddr, got)
	require.Equal(t, "ethereum:"+coordinatorAddr.Hex(), named.Leaf.URIs[0].String())

	anonymous, err := ca.IssueClient("hospital-1", common.Address{})
	require.NoError(t, err)
	_, err = CertificateHolder(anonymous.Leaf)
	require.ErrorIs(t, err, ErrNoHolder)

	for uris, want := range map[string]string{
		"ethereum:pay-0x1111111111111111111111111111111111111111":                                                 "not an Ethereum address",
		"ethereum:0x1111111111111111111111111111111111111111 ethereum:0x2222222222222222222222222222222222222222": "names two Ethereum addresses",
	} {
		leaf := &x509.Certificate{Subject: pkix.Name{CommonName: "x"}}
		for _, u := range strings.Fields(uris) {
			parsed, err := url.Parse(u)
			require.NoError(t, err)
			leaf.URIs = append(leaf.URIs, parsed)
		}
		_, err := CertificateHolder(leaf)
		require.ErrorContains(t, err, want, uris)
	}
	_, err = ca.IssueServer("coordinator", common.Address{}, "127.0.0.1")
	require.ErrorContains(t, err, "name its Ethereum address")
}

func TestPEMRoundTrip(t *testing.T) {
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	keyPEM, err := ca.KeyPEM()
	require.NoError(t, err)
	loaded, err := LoadCA(ca.CertPEM(), keyPEM)
	require.NoError(t, err)
	cert, err := loaded.IssueClient("hospital-2", common.Address{})
	require.NoError(t, err)
	certPEM, certKeyPEM, err := CertificatePEM(cert)
	require.NoError(t, err)
	pair, err := tls.X509KeyPair(certPEM, certKeyPEM)
	require.NoError(t, err)
	require.Equal(t, Fingerprint(cert), Fingerprint(pair))
	_, err = pair.Leaf.Verify(x509VerifyOptions(ca))
	require.NoError(t, err, "a certificate issued by the reloaded CA verifies against the original")
}

// ServesTLS tells a coordinator's certificate (server usage) from a
// hospital's (client usage only).
func TestServesTLS(t *testing.T) {
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	server, err := ca.IssueServer("coordinator", coordinatorAddr, "127.0.0.1")
	require.NoError(t, err)
	client, err := ca.IssueClient("hospital-1", common.Address{})
	require.NoError(t, err)
	require.True(t, ServesTLS(server.Leaf))
	require.False(t, ServesTLS(client.Leaf))
	require.True(t, ServesTLS(&x509.Certificate{}), "no extended usage is any usage")
}
