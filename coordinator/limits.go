package coordinator

import (
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

// MaxMessageBytes bounds one gRPC message between the coordinator and a
// hospital. Updates and blobs stream in 1 MiB chunks; what needs more than
// grpc-go's 4 MiB default is threshold key generation, whose messages carry
// one sealed key share per dealer, each at most protocol.SealedShareBytes
// (about 383 kB for one key with the default parameters, so about 170
// dealers fit; larger studies deal among a committee).
const MaxMessageBytes = 64 << 20

// Bounds of what one connection may hold open on a coordinator's server
// (ServerLimits). Every caller holds a consortium certificate, but any
// holder may be hostile.
const (
	// MaxConcurrentStreams bounds the calls one connection has open at
	// once: a hospital holds its task stream, an upload and a few blob
	// reads; grpc-go clients wait for a free slot rather than fail.
	MaxConcurrentStreams = 100
	// MaxHeaderListBytes bounds a call's metadata (grpc-go's default is
	// 16 MiB); Cohort sends none of its own. grpc-go clients refuse to send
	// more, and the server resets a stream whose headers exceed it
	// (RST_STREAM FRAME_SIZE_ERROR) before any handler sees it.
	MaxHeaderListBytes = 64 << 10
	// DefaultHandshakeTimeout bounds a connection's TLS and HTTP/2
	// handshake unless ConnectionLimits says otherwise (grpc-go's default
	// is 2 min): a connection that opens TCP and sends nothing, or
	// completes TLS and sends no HTTP/2 preface and SETTINGS (grpc-go
	// reads those under the same deadline), holds a file descriptor and a
	// goroutine of the server's until then.
	DefaultHandshakeTimeout = 20 * time.Second
)

// ConnectionLimits are the bounds of a coordinator's server that its
// operator (or a test) may set; a zero field takes its default.
type ConnectionLimits struct {
	// HandshakeTimeout bounds a connection's TLS and HTTP/2 handshake
	// (DefaultHandshakeTimeout if zero); the server closes a connection
	// that has not completed it by then.
	HandshakeTimeout time.Duration
	// KeepaliveMinTime is the shortest interval between a client's pings
	// the server permits (keepaliveMinTime, 10 s, if zero), with or
	// without a call open.
	KeepaliveMinTime time.Duration
}

// ServerLimits are the gRPC options of a coordinator's server under the
// default ConnectionLimits (see ConnectionLimits.ServerOptions).
func ServerLimits() []grpc.ServerOption { return ConnectionLimits{}.ServerOptions() }

// ServerOptions are the gRPC options of a coordinator's server: messages
// up to MaxMessageBytes, MaxConcurrentStreams calls per connection,
// small metadata, a bounded handshake, and keepalive: pings every 30 s
// find dead peers (participants keep their task stream open for a whole
// study), and a client that pings more often than every 10 s is cut off.
func (l ConnectionLimits) ServerOptions() []grpc.ServerOption {
	handshake := l.HandshakeTimeout
	if handshake <= 0 {
		handshake = DefaultHandshakeTimeout
	}
	pingMin := l.KeepaliveMinTime
	if pingMin <= 0 {
		pingMin = keepaliveMinTime
	}
	return []grpc.ServerOption{
		grpc.MaxRecvMsgSize(MaxMessageBytes), grpc.MaxSendMsgSize(MaxMessageBytes),
		grpc.MaxConcurrentStreams(MaxConcurrentStreams),
		grpc.MaxHeaderListSize(MaxHeaderListBytes),
		grpc.ConnectionTimeout(handshake),
		grpc.KeepaliveParams(keepalive.ServerParameters{Time: 30 * time.Second, Timeout: 10 * time.Second}),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: pingMin, PermitWithoutStream: true}),
	}
}

// keepaliveMinTime is the shortest interval between a client's pings the
// server permits by default: a ping sooner after the last is a strike, and
// the third strike closes the connection (GOAWAY ENHANCE_YOUR_CALM,
// "too_many_pings"). Without the policy grpc-go's own would cut off a
// client pinging more often than every 5 min, or every 2 h with no call
// open.
const keepaliveMinTime = 10 * time.Second

// DialMessageLimits applies MaxMessageBytes to a connection to a coordinator.
func DialMessageLimits() grpc.DialOption {
	return grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxMessageBytes), grpc.MaxCallSendMsgSize(MaxMessageBytes))
}
