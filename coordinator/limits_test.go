package coordinator

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// holdMethod is a call that a test registers on the coordinator's server
// (registerHold): it answers with its headers at once and holds the
// stream open until the client ends it, so a test can hold calls open.
const holdMethod = "/cohort.test.Hold/Hold"

func registerHold(s *grpc.Server) {
	s.RegisterService(&grpc.ServiceDesc{
		ServiceName: "cohort.test.Hold",
		HandlerType: (*any)(nil),
		Streams: []grpc.StreamDesc{{
			StreamName: "Hold", ServerStreams: true, ClientStreams: true,
			Handler: func(_ any, stream grpc.ServerStream) error {
				if err := stream.SendHeader(nil); err != nil {
					return err
				}
				<-stream.Context().Done()
				return nil
			},
		}},
	}, struct{}{})
}

// rawConn is an HTTP/2 connection to the fixture's coordinator written
// frame by frame, as a hostile client may: it ignores the limits the
// server advertises, so what a test sees is the server's own enforcement.
type rawConn struct {
	t    *testing.T
	conn *tls.Conn
	fr   *http2.Framer
	hbuf bytes.Buffer
	enc  *hpack.Encoder
	// settings are the server's first SETTINGS.
	settings map[http2.SettingID]uint32
	// answers are the streams' first answers read (see answer).
	answers map[uint32]http2.Frame
}

// dialRaw opens a raw connection to f's coordinator with h's certificate.
func dialRaw(t *testing.T, f *fixture, h *hospital) *rawConn {
	t.Helper()
	return dialRawTo(t, f.listen, auth.ClientConfig(h.cert, f.ca.Pool(), "127.0.0.1", f.coordAcct.Address()))
}

// dialRawTo opens a raw connection to the server at addr with cfg.
func dialRawTo(t *testing.T, addr string, cfg *tls.Config) *rawConn {
	t.Helper()
	conn := dialTLS(t, addr, cfg)
	t.Cleanup(func() { _ = conn.Close() })
	c := &rawConn{t: t, conn: conn, fr: http2.NewFramer(conn, conn), settings: map[http2.SettingID]uint32{}, answers: map[uint32]http2.Frame{}}
	c.fr.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	c.enc = hpack.NewEncoder(&c.hbuf)
	_, err := io.WriteString(conn, http2.ClientPreface)
	require.NoError(t, err)
	require.NoError(t, c.fr.WriteSettings())
	first := c.next(func(fr http2.Frame) bool {
		s, ok := fr.(*http2.SettingsFrame)
		return ok && !s.IsAck()
	}).(*http2.SettingsFrame)
	require.NoError(t, first.ForeachSetting(func(s http2.Setting) error {
		c.settings[s.ID] = s.Val
		return nil
	}))
	require.NoError(t, c.fr.WriteSettingsAck())
	return c
}

// dialTLS completes a TLS handshake with the server at addr, offering
// HTTP/2, and sends nothing more.
func dialTLS(t *testing.T, addr string, cfg *tls.Config) *tls.Conn {
	t.Helper()
	cfg = cfg.Clone()
	cfg.NextProtos = []string{"h2"}
	conn, err := tls.Dial("tcp", addr, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	// A guard against a hang, not a measure: every frame awaited is due
	// at once.
	require.NoError(t, conn.SetDeadline(time.Now().Add(time.Minute)))
	return conn
}

// open starts a call to method on stream id with the gRPC request headers
// and metadata, split into frames of the default 16 KiB, and leaves the
// stream open.
func (c *rawConn) open(id uint32, method string, metadata ...hpack.HeaderField) {
	c.t.Helper()
	c.hbuf.Reset()
	for _, hf := range append([]hpack.HeaderField{
		{Name: ":method", Value: "POST"}, {Name: ":scheme", Value: "https"}, {Name: ":path", Value: method},
		{Name: ":authority", Value: "127.0.0.1"}, {Name: "content-type", Value: "application/grpc"}, {Name: "te", Value: "trailers"},
	}, metadata...) {
		require.NoError(c.t, c.enc.WriteField(hf))
	}
	block := c.hbuf.Bytes()
	const frame = 16 << 10
	require.NoError(c.t, c.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: block[:min(frame, len(block))], EndHeaders: len(block) <= frame}))
	for off := frame; off < len(block); off += frame {
		end := min(off+frame, len(block))
		require.NoError(c.t, c.fr.WriteContinuation(id, end == len(block), block[off:end]))
	}
}

// next reads frames, acknowledging the server's settings and pings, until
// one that want takes.
func (c *rawConn) next(want func(http2.Frame) bool) http2.Frame {
	c.t.Helper()
	for {
		fr, err := c.fr.ReadFrame()
		require.NoError(c.t, err)
		if want(fr) {
			return fr
		}
		switch fr := fr.(type) {
		case *http2.SettingsFrame:
			if !fr.IsAck() {
				require.NoError(c.t, c.fr.WriteSettingsAck())
			}
		case *http2.PingFrame:
			if !fr.IsAck() {
				require.NoError(c.t, c.fr.WritePing(true, fr.Data))
			}
		}
	}
}

// answer is the server's first answer on a stream: its response headers
// (*http2.MetaHeadersFrame) or its reset (*http2.RSTStreamFrame). Streams
// are answered in any order; answers read while waiting for another
// stream's are kept.
func (c *rawConn) answer(id uint32) http2.Frame {
	c.t.Helper()
	if fr, ok := c.answers[id]; ok {
		return fr
	}
	return c.next(func(fr http2.Frame) bool {
		switch fr.(type) {
		case *http2.MetaHeadersFrame, *http2.RSTStreamFrame:
			if _, ok := c.answers[fr.Header().StreamID]; !ok {
				c.answers[fr.Header().StreamID] = fr
			}
			return fr.Header().StreamID == id
		}
		return false
	})
}

// floodPings writes four pings at once and expects the server to cut the
// connection off (GOAWAY ENHANCE_YOUR_CALM, "too_many_pings").
func (c *rawConn) floodPings() {
	c.t.Helper()
	for i := range 4 {
		require.NoError(c.t, c.fr.WritePing(false, [8]byte{byte(i)}))
	}
	away, ok := c.next(func(fr http2.Frame) bool {
		_, ok := fr.(*http2.GoAwayFrame)
		return ok
	}).(*http2.GoAwayFrame)
	require.True(c.t, ok)
	assert.Equal(c.t, http2.ErrCodeEnhanceYourCalm, away.ErrCode)
	assert.Equal(c.t, "too_many_pings", string(away.DebugData()))
}

// padding is metadata of n fields of 4 KiB each.
func padding(n int) []hpack.HeaderField {
	var out []hpack.HeaderField
	for i := range n {
		out = append(out, hpack.HeaderField{Name: fmt.Sprintf("x-pad-%d", i), Value: strings.Repeat("p", 4<<10)})
	}
	return out
}

// readRecipe reads the study's recipe through client: the call a test
// makes to see the server still serves.
func readRecipe(t *testing.T, f *fixture, client cohortv1.CoordinatorClient) {
	t.Helper()
	recipe, err := f.coord.store.Put([]byte("spec"))
	require.NoError(t, err)
	got, err := readBlob(t, f, client, &cohortv1.BlobRequest{Hash: recipe.Bytes(), StudyId: f.studyID})
	require.NoError(t, err, "the server still serves")
	assert.Equal(t, "spec", string(got))
}

// A call's metadata is bounded by MaxHeaderListBytes (64 KiB; grpc-go's
// default is 16 MiB). The server advertises the bound and grpc-go clients
// refuse to send more; a client that ignores it has the call reset
// (FRAME_SIZE_ERROR) before any handler runs, and its connection, like
// the server, still serves the next call.
func TestOversizedMetadataIsRefused(t *testing.T) {
	f := newFixture(t, registerHold)
	h := f.hospitals[0]
	readRecipe(t, f, h.client)
	padded := metadata.AppendToOutgoingContext(f.ctx, "x-pad", strings.Repeat("p", MaxHeaderListBytes))
	stream, err := h.client.GetBlob(padded, &cohortv1.BlobRequest{StudyId: f.studyID})
	if err == nil {
		_, err = stream.Recv()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), fmt.Sprint(MaxHeaderListBytes), "the refusal names the limit")
	readRecipe(t, f, h.client)

	c := dialRaw(t, f, h)
	assert.Equal(t, uint32(MaxHeaderListBytes), c.settings[http2.SettingMaxHeaderListSize], "the bound the server advertises")
	c.open(1, holdMethod, padding(20)...) // 80 KiB
	rst, ok := c.answer(1).(*http2.RSTStreamFrame)
	require.True(t, ok, "the call with 80 KiB of metadata is reset, not answered")
	assert.Equal(t, http2.ErrCodeFrameSize, rst.ErrCode)
	c.open(3, holdMethod, padding(8)...) // 32 KiB
	_, ok = c.answer(3).(*http2.MetaHeadersFrame)
	assert.True(t, ok, "the same connection serves a call within the bound")
	readRecipe(t, f, h.client)
}

// One connection holds at most MaxConcurrentStreams calls open at once:
// the server advertises it (grpc-go clients wait for a free slot), refuses
// a client that opens one more while they are held (REFUSED_STREAM) and
// takes a new call once one of them ends. The server reads a connection's
// frames in order, so the 101st call is judged after the 100 before it.
func TestConcurrentStreamsPerConnectionAreCapped(t *testing.T) {
	f := newFixture(t, registerHold)
	c := dialRaw(t, f, f.hospitals[0])
	assert.Equal(t, uint32(MaxConcurrentStreams), c.settings[http2.SettingMaxConcurrentStreams], "the cap the server advertises")
	held := make([]uint32, MaxConcurrentStreams)
	for i := range held {
		held[i] = uint32(2*i + 1)
		c.open(held[i], holdMethod)
	}
	for _, id := range held {
		_, ok := c.answer(id).(*http2.MetaHeadersFrame)
		require.True(t, ok, "call %d of %d is served", (id+1)/2, MaxConcurrentStreams)
	}
	over := held[len(held)-1] + 2
	c.open(over, holdMethod)
	rst, ok := c.answer(over).(*http2.RSTStreamFrame)
	require.True(t, ok, "call %d, with %d held, is refused", MaxConcurrentStreams+1, MaxConcurrentStreams)
	assert.Equal(t, http2.ErrCodeRefusedStream, rst.ErrCode)

	require.NoError(t, c.fr.WriteRSTStream(held[0], http2.ErrCodeCancel))
	freed := over + 2
	c.open(freed, holdMethod)
	_, ok = c.answer(freed).(*http2.MetaHeadersFrame)
	assert.True(t, ok, "a call once one of the %d ended is served", MaxConcurrentStreams)
}

// A client that pings more often than every 10 s (keepaliveMinTime) is
// cut off at its third early ping (GOAWAY ENHANCE_YOUR_CALM,
// "too_many_pings"); the server still serves other connections. The four
// pings are written at once: each follows the last by far less than 10 s.
func TestPingFloodIsCutOff(t *testing.T) {
	f := newFixture(t)
	c := dialRaw(t, f, f.hospitals[0])
	c.floodPings()
	readRecipe(t, f, f.hospitals[1].client)
}

// A connection that opens TCP and never starts its TLS handshake is closed
// by the server once ConnectionLimits.HandshakeTimeout (here 200 ms) has
// passed, and the server serves the next client. The test waits up to
// 10 s for the close, half DefaultHandshakeTimeout: a server that kept the
// default would fail it.
func TestStalledHandshakeIsClosed(t *testing.T) {
	addr, hospital := bareServer(t, ConnectionLimits{HandshakeTimeout: 200 * time.Millisecond})
	stalled, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { _ = stalled.Close() })
	require.NoError(t, stalled.SetReadDeadline(time.Now().Add(DefaultHandshakeTimeout/2)))
	_, err = stalled.Read(make([]byte, 1))
	require.Error(t, err, "the server sends nothing to a client that has not said hello")
	assert.False(t, errors.Is(err, os.ErrDeadlineExceeded), "the server closed the connection, the test's deadline did not end the wait: %v", err)
	checkHealth(t, addr, hospital)
}

// bareServer serves, on 127.0.0.1, a coordinator's gRPC server under
// limits with only the health service and the hold call (registerHold),
// and returns its address and a consortium hospital's TLS configuration
// for it.
func bareServer(t *testing.T, limits ConnectionLimits) (addr string, hospital *tls.Config) {
	t.Helper()
	ca, err := auth.NewCA("test consortium")
	require.NoError(t, err)
	coordKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	coord := crypto.PubkeyToAddress(coordKey.PublicKey)
	serverCert, err := ca.IssueServer("coordinator", coord, "127.0.0.1")
	require.NoError(t, err)
	clientKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	clientCert, err := ca.IssueClient("h1", crypto.PubkeyToAddress(clientKey.PublicKey))
	require.NoError(t, err)

	// The coordinator's transport, channel binding included: its first-byte
	// wait is under the same handshake bound.
	study := auth.StudyRef{ChainID: 1337, Contract: common.HexToAddress("0xC04704C04704C04704C04704C04704C04704C047"), Study: 1}
	srv := grpc.NewServer(append(limits.ServerOptions(), grpc.Creds(auth.BindCoordinatorServer(auth.ServerConfig(serverCert, ca.Pool()), coordKey, study)))...)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	registerHold(srv)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return lis.Addr().String(), auth.ClientConfig(clientCert, ca.Pool(), "127.0.0.1", coord)
}

// checkHealth asks the server at addr, through a new grpc-go client with
// the TLS configuration hospital, whether it serves: the call a test
// makes to see the server still serves new clients.
func checkHealth(t *testing.T, addr string, hospital *tls.Config) {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(credentials.NewTLS(hospital)))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	resp, err := healthpb.NewHealthClient(conn).Check(t.Context(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err, "a client that completes its handshake is served")
	assert.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())
}

// A grpc-go client whose connection holds MaxConcurrentStreams calls open
// waits for a free slot rather than failing its next call: a call with a
// deadline ends at it (DeadlineExceeded, not refused: Unavailable), and a
// call without one is served once one of the held calls ends.
func TestGRPCClientWaitsForAFreeStreamSlot(t *testing.T) {
	addr, hospital := bareServer(t, ConnectionLimits{})
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(credentials.NewTLS(hospital)))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	hold := &grpc.StreamDesc{StreamName: "Hold", ServerStreams: true, ClientStreams: true}
	openHold := func(ctx context.Context) error {
		stream, err := conn.NewStream(ctx, hold, holdMethod)
		if err == nil {
			_, err = stream.Header()
		}
		return err
	}
	ends := make([]context.CancelFunc, MaxConcurrentStreams)
	for i := range ends {
		ctx, cancel := context.WithCancel(t.Context())
		t.Cleanup(cancel)
		ends[i] = cancel
		require.NoError(t, openHold(ctx), "call %d of %d is served", i+1, MaxConcurrentStreams)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	err = openHold(ctx)
	assert.Equal(t, codes.DeadlineExceeded, status.Code(err), "call %d, with %d held, waits for a slot until its deadline: %v", MaxConcurrentStreams+1, MaxConcurrentStreams, err)

	waiting := make(chan error, 1)
	go func() { waiting <- openHold(t.Context()) }()
	ends[0]()
	select {
	case err := <-waiting:
		assert.NoError(t, err, "the waiting call is served once a slot is free")
	case <-time.After(time.Minute): // a guard against a hang, not a measure
		t.Fatal("the waiting call was not served after a held call ended")
	}
}

// A client that completes its TLS handshake and then sends no HTTP/2
// preface, or only part of it, or the preface and no SETTINGS, is closed
// by the server at ConnectionLimits.HandshakeTimeout (here 200 ms):
// grpc-go reads the preface and the first SETTINGS under the handshake's
// deadline. The test waits up to 10 s for the close, half
// DefaultHandshakeTimeout: a server without the bound (grpc-go's 2 min)
// would fail it.
func TestSilentClientAfterTLSIsClosed(t *testing.T) {
	addr, hospital := bareServer(t, ConnectionLimits{HandshakeTimeout: 200 * time.Millisecond})
	for _, c := range []struct {
		name, sent string
	}{
		{"nothing", ""},
		{"half the preface", http2.ClientPreface[:len(http2.ClientPreface)/2]},
		{"the preface, no SETTINGS", http2.ClientPreface},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn := dialTLS(t, addr, hospital)
			_, err := io.WriteString(conn, c.sent)
			require.NoError(t, err)
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(DefaultHandshakeTimeout/2)))
			_, err = io.Copy(io.Discard, conn) // the server's SETTINGS, then its close
			assert.False(t, errors.Is(err, os.ErrDeadlineExceeded), "the server closed the connection, the test's deadline did not end the wait: %v", err)
		})
	}
	checkHealth(t, addr, hospital)
}

// The server's keepalive policy permits a client's pings spaced more than
// ConnectionLimits.KeepaliveMinTime (here 200 ms) apart, with no call
// open, and cuts off a client pinging faster (GOAWAY ENHANCE_YOUR_CALM,
// "too_many_pings"). Without the policy grpc-go's default, 5 min and none
// without a call, would cut off the first client too; with a lax one the
// second would go on. The permitted pings are 600 ms apart: a late read of
// one ping by the server is a strike at worst, and it takes three.
func TestKeepalivePolicyPermitsSlowPingsAndCutsFastOnes(t *testing.T) {
	const minTime = 200 * time.Millisecond
	addr, hospital := bareServer(t, ConnectionLimits{KeepaliveMinTime: minTime})
	noGoAway := func(want func(http2.Frame) bool) func(http2.Frame) bool {
		return func(fr http2.Frame) bool {
			if away, ok := fr.(*http2.GoAwayFrame); ok {
				t.Fatalf("a client pinging every %v is cut off: GOAWAY %v %q", 3*minTime, away.ErrCode, away.DebugData())
			}
			return want(fr)
		}
	}

	slow := dialRawTo(t, addr, hospital)
	for i := range 4 {
		if i > 0 {
			time.Sleep(3 * minTime)
		}
		require.NoError(t, slow.fr.WritePing(false, [8]byte{byte(i)}))
		slow.next(noGoAway(func(fr http2.Frame) bool {
			p, ok := fr.(*http2.PingFrame)
			return ok && p.IsAck() && p.Data[0] == byte(i)
		}))
	}
	slow.open(1, holdMethod)
	slow.next(noGoAway(func(fr http2.Frame) bool {
		_, ok := fr.(*http2.MetaHeadersFrame)
		return ok && fr.Header().StreamID == 1
	}))

	dialRawTo(t, addr, hospital).floodPings()
}
