package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"io"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/credentials"
)

// bindingFixture is a consortium CA, the coordinator's certificate and
// Ethereum key, a hospital's certificate and the study, for the
// channel-binding tests.
type bindingFixture struct {
	ca         *CA
	serverCert tls.Certificate
	clientCert tls.Certificate
	key        *ecdsa.PrivateKey
	coord      common.Address
	study      StudyRef
}

func newBindingFixture(t testing.TB) *bindingFixture {
	t.Helper()
	ca, err := NewCA("consortium")
	require.NoError(t, err)
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	coord := crypto.PubkeyToAddress(key.PublicKey)
	serverCert, err := ca.IssueServer("coordinator", coord, "127.0.0.1")
	require.NoError(t, err)
	clientCert, err := ca.IssueClient("hospital-1", common.Address{})
	require.NoError(t, err)
	return &bindingFixture{ca: ca, serverCert: serverCert, clientCert: clientCert, key: key, coord: coord,
		study: StudyRef{ChainID: 1337, Contract: common.HexToAddress("0xC04704C04704C04704C04704C04704C04704C047"), Study: 7}}
}

// accept serves one connection on a loopback listener with creds'
// ServerHandshake, then runs then on the connection it returns (if the
// handshake succeeded); it returns the listener's address.
func accept(t *testing.T, creds credentials.TransportCredentials, then func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		raw, err := ln.Accept()
		if err != nil {
			return
		}
		_ = raw.SetDeadline(time.Now().Add(30 * time.Second)) // as grpc.ConnectionTimeout does
		conn, _, err := creds.ServerHandshake(raw)
		if err != nil {
			_ = raw.Close()
			return
		}
		defer conn.Close()
		then(conn)
	}()
	return ln.Addr().String()
}

// dialBound runs a hospital's handshake (BindCoordinatorClient) with the
// server at addr and returns the connection or the refusal.
func (f *bindingFixture) dialBound(t *testing.T, addr string) (net.Conn, error) {
	t.Helper()
	raw, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	creds := BindCoordinatorClient(ClientConfig(f.clientCert, f.ca.Pool(), "127.0.0.1", f.coord), f.study, f.coord)
	conn, _, err := creds.ClientHandshake(ctx, "127.0.0.1", raw)
	if err != nil {
		_ = raw.Close()
		return nil, err
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn, nil
}

// serverCreds is the TLS of the coordinator's server without binding.
func (f *bindingFixture) serverCreds() credentials.TransportCredentials {
	return credentials.NewTLS(ServerConfig(f.serverCert, f.ca.Pool()))
}

func TestChannelBindingRoundTrips(t *testing.T) {
	f := newBindingFixture(t)
	b, err := SignChannelBinding(f.key, f.study, make([]byte, exporterBytes))
	require.NoError(t, err)
	enc, err := b.MarshalBinary()
	require.NoError(t, err)
	require.Len(t, enc, channelBindingBytes)
	var got ChannelBinding
	require.NoError(t, got.UnmarshalBinary(enc))
	assert.Equal(t, b, got)
	assert.Error(t, got.UnmarshalBinary(enc[1:]), "a short binding")
}

// The study's coordinator binds each connection: the hospital's handshake
// passes, and what either side sends afterwards reaches the other intact
// (the server reads through the bytes it peeked at).
func TestBoundConnectionCarriesTraffic(t *testing.T) {
	f := newBindingFixture(t)
	echoed := make(chan []byte, 1)
	addr := accept(t, BindCoordinatorServer(ServerConfig(f.serverCert, f.ca.Pool()), f.key, f.study), func(c net.Conn) {
		buf := make([]byte, 5)
		_, _ = io.ReadFull(c, buf)
		echoed <- buf
		_, _ = c.Write([]byte("world"))
	})
	conn, err := f.dialBound(t, addr)
	require.NoError(t, err)
	_, err = conn.Write([]byte("hello"))
	require.NoError(t, err)
	got := make([]byte, 5)
	_, err = io.ReadFull(conn, got)
	require.NoError(t, err)
	assert.Equal(t, "world", string(got))
	assert.Equal(t, "hello", string(<-echoed))
}

// A client that does not ask for the binding (a node from before it, or
// any HTTP/2 client) is served as over TLS alone: its first bytes reach
// the server's HTTP/2 intact.
func TestBoundServerServesClientsThatDoNotAsk(t *testing.T) {
	f := newBindingFixture(t)
	const preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
	got := make(chan string, 1)
	addr := accept(t, BindCoordinatorServer(ServerConfig(f.serverCert, f.ca.Pool()), f.key, f.study), func(c net.Conn) {
		buf := make([]byte, len(preface))
		_, _ = io.ReadFull(c, buf)
		got <- string(buf)
	})
	cfg := ClientConfig(f.clientCert, f.ca.Pool(), "127.0.0.1", f.coord)
	cfg.NextProtos = []string{"h2"}
	conn, err := tls.Dial("tcp", addr, cfg)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, preface)
	require.NoError(t, err)
	assert.Equal(t, preface, <-got)
}

// A binding the coordinator signed for one TLS connection, replayed by a
// server holding the coordinator's certificate (and TLS key) on another
// connection, is refused: it recovers to another address over the new
// connection's exporter value. The replaying server has everything but
// the coordinator's Ethereum key.
func TestChannelBindingFromAnotherConnectionIsRefused(t *testing.T) {
	f := newBindingFixture(t)
	captured := make(chan []byte, 1)
	first := accept(t, BindCoordinatorServer(ServerConfig(f.serverCert, f.ca.Pool()), f.key, f.study), func(net.Conn) {})
	// The attacker's first connection: a client asking for the binding
	// and keeping the answer.
	cfg := ClientConfig(f.clientCert, f.ca.Pool(), "127.0.0.1", f.coord)
	cfg.NextProtos = []string{"h2"}
	conn, err := tls.Dial("tcp", first, cfg)
	require.NoError(t, err)
	_, err = io.WriteString(conn, bindingMagic)
	require.NoError(t, err)
	answer := make([]byte, len(bindingMagic)+channelBindingBytes)
	_, err = io.ReadFull(conn, answer)
	require.NoError(t, err)
	var b ChannelBinding
	require.NoError(t, b.UnmarshalBinary(answer[len(bindingMagic):]))
	require.NoError(t, b.Check(f.study, exporterOf(t, conn.ConnectionState()), f.coord), "the binding is good for the connection it was signed for")
	_ = conn.Close()
	captured <- answer

	// The replay to the hospital, on the hospital's own connection.
	replay := accept(t, f.serverCreds(), func(c net.Conn) {
		_, _ = io.ReadFull(c, make([]byte, len(bindingMagic)))
		_, _ = c.Write(<-captured)
	})
	_, err = f.dialBound(t, replay)
	require.ErrorIs(t, err, ErrChannelBinding)
	assert.ErrorContains(t, err, "names "+f.coord.Hex()+" but its signature does not cover this TLS connection")
	assert.ErrorContains(t, err, "the study's coordinator on chain is "+f.coord.Hex())
}

func exporterOf(t *testing.T, cs tls.ConnectionState) []byte {
	t.Helper()
	ekm, err := ConnectionExporter(cs)
	require.NoError(t, err)
	return ekm
}

// Check refuses a binding for another study, one signed by another key,
// and a malleable twin of a good signature, each naming what differs.
func TestChannelBindingCheck(t *testing.T) {
	f := newBindingFixture(t)
	exporter := []byte("0123456789abcdef0123456789abcdef")
	good, err := SignChannelBinding(f.key, f.study, exporter)
	require.NoError(t, err)
	require.NoError(t, good.Check(f.study, exporter, f.coord))

	other := f.study
	other.Study++
	forOther, err := SignChannelBinding(f.key, other, exporter)
	require.NoError(t, err)
	err = forOther.Check(f.study, exporter, f.coord)
	require.ErrorIs(t, err, ErrChannelBinding)
	assert.ErrorContains(t, err, "signed for study 8 (contract 0xc04704C04704C04704C04704C04704C04704C047, chain 1337), but this node takes part in study 7")

	// The same fields said in the clear, signed for another study: the
	// signature, not the fields, decides.
	forOther.Study = f.study
	err = forOther.Check(f.study, exporter, f.coord)
	require.ErrorIs(t, err, ErrChannelBinding)
	assert.ErrorContains(t, err, "does not cover this TLS connection")

	impostorKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	byImpostor, err := SignChannelBinding(impostorKey, f.study, exporter)
	require.NoError(t, err)
	err = byImpostor.Check(f.study, exporter, f.coord)
	require.ErrorIs(t, err, ErrChannelBinding)
	assert.ErrorContains(t, err, "signed by "+crypto.PubkeyToAddress(impostorKey.PublicKey).Hex()+", but the study's coordinator on chain is "+f.coord.Hex())

	err = good.Check(f.study, []byte("another connection's exporter.."), f.coord)
	assert.ErrorIs(t, err, ErrChannelBinding)

	twin := good
	twin.Signature = append([]byte(nil), good.Signature...)
	s := new(big.Int).SetBytes(twin.Signature[32:64])
	s.Sub(crypto.S256().Params().N, s)
	s.FillBytes(twin.Signature[32:64])
	twin.Signature[64] ^= 1
	err = twin.Check(f.study, exporter, f.coord)
	require.ErrorIs(t, err, ErrChannelBinding)
	assert.ErrorContains(t, err, "high S")
}

// Malformed bytes on either side of the binding exchange are refused with
// what they were: a client whose first byte asks for a binding but whose
// request is not one, and a server answering the request with something
// other than a binding, or closing the connection.
func TestChannelBindingExchangeRefusesMalformedBytes(t *testing.T) {
	f := newBindingFixture(t)

	// The coordinator's side: a request-looking first byte, then garbage.
	refused := make(chan error, 1)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		raw, err := ln.Accept()
		if err != nil {
			refused <- err
			return
		}
		defer raw.Close()
		_ = raw.SetDeadline(time.Now().Add(30 * time.Second))
		_, _, err = BindCoordinatorServer(ServerConfig(f.serverCert, f.ca.Pool()), f.key, f.study).ServerHandshake(raw)
		refused <- err
	}()
	cfg := ClientConfig(f.clientCert, f.ca.Pool(), "127.0.0.1", f.coord)
	cfg.NextProtos = []string{"h2"}
	conn, err := tls.Dial("tcp", ln.Addr().String(), cfg)
	require.NoError(t, err)
	garbage := "\x00" + string(make([]byte, len(bindingMagic)-1))
	_, err = io.WriteString(conn, garbage)
	require.NoError(t, err)
	err = <-refused
	require.Error(t, err)
	assert.ErrorContains(t, err, "are neither HTTP/2 nor a channel-binding request")
	_ = conn.Close()

	// The hospital's side: a server that answers with other bytes.
	other := accept(t, f.serverCreds(), func(c net.Conn) {
		_, _ = io.ReadFull(c, make([]byte, len(bindingMagic)))
		_, _ = c.Write(make([]byte, len(bindingMagic)+channelBindingBytes))
	})
	_, err = f.dialBound(t, other)
	require.Error(t, err)
	assert.ErrorContains(t, err, "not a Cohort coordinator's binding: refused")

	// And one that closes the connection instead of answering.
	closes := accept(t, f.serverCreds(), func(c net.Conn) {
		_, _ = io.ReadFull(c, make([]byte, len(bindingMagic)))
	})
	_, err = f.dialBound(t, closes)
	require.Error(t, err)
	assert.ErrorContains(t, err, "closed the connection instead of proving it holds the Ethereum key")
}
