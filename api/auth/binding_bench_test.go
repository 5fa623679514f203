package auth

import (
	"context"
	"net"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/credentials"
)

// BenchmarkCoordinatorHandshake is one hospital connection's handshake
// with the coordinator over loopback: mutual TLS alone, and with the
// channel binding (one more round trip, a secp256k1 signature and its
// recovery).
func BenchmarkCoordinatorHandshake(b *testing.B) {
	f := newBindingFixture(b)
	clientTLS := ClientConfig(f.clientCert, f.ca.Pool(), "127.0.0.1", f.coord)
	serverTLS := ServerConfig(f.serverCert, f.ca.Pool())
	for _, c := range []struct {
		name           string
		server, client credentials.TransportCredentials
	}{
		{"tls", credentials.NewTLS(serverTLS), credentials.NewTLS(clientTLS)},
		{"tls+binding", BindCoordinatorServer(serverTLS, f.key, f.study), BindCoordinatorClient(clientTLS, f.study, f.coord)},
	} {
		b.Run(c.name, func(b *testing.B) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(b, err)
			defer ln.Close()
			go func() {
				for {
					raw, err := ln.Accept()
					if err != nil {
						return
					}
					go func() {
						if conn, _, err := c.server.ServerHandshake(raw); err == nil {
							_ = conn.Close()
						} else {
							_ = raw.Close()
						}
					}()
				}
			}()
			for b.Loop() {
				raw, err := net.Dial("tcp", ln.Addr().String())
				require.NoError(b, err)
				conn, _, err := c.client.ClientHandshake(context.Background(), "127.0.0.1", raw)
				require.NoError(b, err)
				_ = conn.Close()
			}
		})
	}
}

// BenchmarkChannelBindingSignAndCheck is the binding's computation alone:
// the coordinator's signature and the hospital's recovery and check.
func BenchmarkChannelBindingSignAndCheck(b *testing.B) {
	f := newBindingFixture(b)
	exporter := make([]byte, exporterBytes)
	for b.Loop() {
		cb, err := SignChannelBinding(f.key, f.study, exporter)
		require.NoError(b, err)
		require.NoError(b, cb.Check(f.study, exporter, f.coord))
	}
}
