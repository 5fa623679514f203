package auth

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc/credentials"
)

// bindingMagic opens both the client's request for the coordinator's
// channel binding and the coordinator's answer, sent over the TLS
// connection before HTTP/2. Its first byte, zero, never opens an HTTP/2
// client preface ("PRI * HTTP/2.0…"), so the server tells a client that
// asks from one that does not by that byte alone.
const bindingMagic = "\x00cohort-channel-binding/1\n"

// BindCoordinatorServer is the coordinator's gRPC transport: TLS with cfg
// (ServerConfig), then, on each connection whose client asks, the
// connection's ChannelBinding to study signed with key, the coordinator's
// Ethereum key, before any HTTP/2 byte. A client that does not ask (a node
// from before channel binding, a test speaking raw HTTP/2) is served as
// over TLS alone. The key signs only digests of the connection's exporter
// value; it is never logged.
func BindCoordinatorServer(cfg *tls.Config, key *ecdsa.PrivateKey, study StudyRef) credentials.TransportCredentials {
	return &boundServer{TransportCredentials: credentials.NewTLS(cfg), key: key, study: study}
}

// BindCoordinatorClient is a hospital's (or researcher's) gRPC transport
// to the study's coordinator: TLS with cfg (ClientConfig), then the
// coordinator's ChannelBinding for the connection, checked (Check) against
// study and coordinator, the address the chain records, before the
// connection is handed to gRPC: nothing is sent to a server that does not
// prove it holds the coordinator's Ethereum key, and every reconnection is
// checked anew. A refusal fails the connection's handshake: calls fail
// with codes.Unavailable carrying the error.
func BindCoordinatorClient(cfg *tls.Config, study StudyRef, coordinator common.Address) credentials.TransportCredentials {
	return &boundClient{TransportCredentials: credentials.NewTLS(cfg), study: study, coordinator: coordinator}
}

type boundServer struct {
	credentials.TransportCredentials
	key   *ecdsa.PrivateKey
	study StudyRef
}

func (s *boundServer) Clone() credentials.TransportCredentials {
	return &boundServer{TransportCredentials: s.TransportCredentials.Clone(), key: s.key, study: s.study}
}

// ServerHandshake runs under the server's handshake deadline
// (grpc.ConnectionTimeout), which bounds the wait for the client's first
// byte too.
func (s *boundServer) ServerHandshake(raw net.Conn) (net.Conn, credentials.AuthInfo, error) {
	conn, info, err := s.TransportCredentials.ServerHandshake(raw)
	if err != nil {
		return nil, nil, err
	}
	r := bufio.NewReader(conn)
	if err := s.answer(conn, r, info); err != nil {
		_ = conn.Close()
		return nil, nil, err
	}
	return &bufferedConn{Conn: conn, r: r}, info, nil
}

// answer sends the connection's channel binding if the client's first
// bytes ask for it, and leaves them to be read by HTTP/2 otherwise.
func (s *boundServer) answer(conn net.Conn, r *bufio.Reader, info credentials.AuthInfo) error {
	first, err := r.Peek(1)
	if err != nil {
		return fmt.Errorf("auth: waiting for the client's first byte after TLS: %w", err)
	}
	if first[0] != bindingMagic[0] {
		return nil
	}
	req := make([]byte, len(bindingMagic))
	if _, err := io.ReadFull(r, req); err != nil {
		return fmt.Errorf("auth: reading the client's channel-binding request: %w", err)
	}
	if string(req) != bindingMagic {
		return fmt.Errorf("auth: the client's first bytes (%q) are neither HTTP/2 nor a channel-binding request", req)
	}
	exporter, err := exporterOfAuth(info)
	if err != nil {
		return err
	}
	b, err := SignChannelBinding(s.key, s.study, exporter)
	if err != nil {
		return err
	}
	enc, err := b.MarshalBinary()
	if err != nil {
		return err
	}
	if _, err := conn.Write(append([]byte(bindingMagic), enc...)); err != nil {
		return fmt.Errorf("auth: sending the channel binding: %w", err)
	}
	return nil
}

// exporterOfAuth is the tls-exporter value of the connection whose gRPC
// auth information is info.
func exporterOfAuth(info credentials.AuthInfo) ([]byte, error) {
	tlsInfo, ok := info.(credentials.TLSInfo)
	if !ok {
		return nil, fmt.Errorf("auth: channel binding needs TLS, the connection's auth is %s", info.AuthType())
	}
	return ConnectionExporter(tlsInfo.State)
}

// bufferedConn reads through the reader that peeked at its first bytes.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

type boundClient struct {
	credentials.TransportCredentials
	study       StudyRef
	coordinator common.Address
}

func (c *boundClient) Clone() credentials.TransportCredentials {
	return &boundClient{TransportCredentials: c.TransportCredentials.Clone(), study: c.study, coordinator: c.coordinator}
}

func (c *boundClient) ClientHandshake(ctx context.Context, authority string, raw net.Conn) (net.Conn, credentials.AuthInfo, error) {
	conn, info, err := c.TransportCredentials.ClientHandshake(ctx, authority, raw)
	if err != nil {
		return nil, nil, err
	}
	if err := c.verify(ctx, authority, conn, info); err != nil {
		_ = conn.Close()
		return nil, nil, err
	}
	return conn, info, nil
}

// verify asks the server for the connection's channel binding and checks
// it, within ctx (the connection attempt's deadline).
func (c *boundClient) verify(ctx context.Context, authority string, conn net.Conn, info credentials.AuthInfo) error {
	exporter, err := exporterOfAuth(info)
	if err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer func() {
		stop()
		_ = conn.SetDeadline(time.Time{})
	}()
	if _, err := io.WriteString(conn, bindingMagic); err != nil {
		return fmt.Errorf("auth: asking %s for the coordinator's channel binding: %w", authority, err)
	}
	answer := make([]byte, len(bindingMagic)+channelBindingBytes)
	if _, err := io.ReadFull(conn, answer); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("auth: the server at %s closed the connection instead of proving it holds the Ethereum key of the study's coordinator %s (the channel binding): it is a coordinator from before 2026-12-07, which must be upgraded, or not a Cohort coordinator; this node sends nothing to a server it cannot bind to that address", authority, c.coordinator.Hex())
		}
		return fmt.Errorf("auth: waiting for the channel binding of the coordinator at %s: %w", authority, err)
	}
	if !bytes.HasPrefix(answer, []byte(bindingMagic)) {
		return fmt.Errorf("auth: the server at %s answered the channel-binding request with %q, not a Cohort coordinator's binding: refused", authority, answer[:len(bindingMagic)])
	}
	var b ChannelBinding
	if err := b.UnmarshalBinary(answer[len(bindingMagic):]); err != nil {
		return err
	}
	return b.Check(c.study, exporter, c.coordinator)
}
