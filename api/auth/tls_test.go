package auth

import (
	"crypto/tls"
	"testing"

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

func TestMutualTLS(t *testing.T) {
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	rogue, err := NewCA("rogue")
	require.NoError(t, err)
	serverCert, err := ca.Issue("coordinator", "127.0.0.1")
	require.NoError(t, err)
	clientCert, err := ca.Issue("hospital-1")
	require.NoError(t, err)
	rogueCert, err := rogue.Issue("intruder")
	require.NoError(t, err)

	server := ServerConfig(serverCert, ca.Pool())
	require.NoError(t, handshake(t, server, ClientConfig(clientCert, ca.Pool(), "127.0.0.1")), "member certificate accepted")
	require.Error(t, handshake(t, server, ClientConfig(rogueCert, ca.Pool(), "127.0.0.1")), "certificate from another CA refused")
	require.Error(t, handshake(t, server, &tls.Config{RootCAs: ca.Pool(), ServerName: "127.0.0.1", MinVersion: tls.VersionTLS13}), "client without certificate refused")
	require.Error(t, handshake(t, server, ClientConfig(clientCert, rogue.Pool(), "127.0.0.1")), "server from another CA refused")
}

func TestPEMRoundTrip(t *testing.T) {
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	keyPEM, err := ca.KeyPEM()
	require.NoError(t, err)
	loaded, err := LoadCA(ca.CertPEM(), keyPEM)
	require.NoError(t, err)
	cert, err := loaded.Issue("hospital-2")
	require.NoError(t, err)
	certPEM, certKeyPEM, err := CertificatePEM(cert)
	require.NoError(t, err)
	pair, err := tls.X509KeyPair(certPEM, certKeyPEM)
	require.NoError(t, err)
	require.Equal(t, Fingerprint(cert), Fingerprint(pair))
	_, err = pair.Leaf.Verify(x509VerifyOptions(ca))
	require.NoError(t, err, "a certificate issued by the reloaded CA verifies against the original")
}
