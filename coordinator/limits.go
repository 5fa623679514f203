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
	// maxHeaderListBytes bounds a call's metadata (grpc-go's default is
	// 16 MiB); Cohort sends none of its own.
	maxHeaderListBytes = 64 << 10
	// handshakeTimeout bounds a connection's TLS handshake (grpc-go's
	// default is 2 min).
	handshakeTimeout = 20 * time.Second
)

// ServerLimits are the gRPC options of a coordinator's server: messages
// up to MaxMessageBytes, MaxConcurrentStreams calls per connection,
// small metadata, a bounded handshake, and keepalive: pings every 30 s
// find dead peers (participants keep their task stream open for a whole
// study), and a client that pings more often than every 10 s is cut off.
func ServerLimits() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.MaxRecvMsgSize(MaxMessageBytes), grpc.MaxSendMsgSize(MaxMessageBytes),
		grpc.MaxConcurrentStreams(MaxConcurrentStreams),
		grpc.MaxHeaderListSize(maxHeaderListBytes),
		grpc.ConnectionTimeout(handshakeTimeout),
		grpc.KeepaliveParams(keepalive.ServerParameters{Time: 30 * time.Second, Timeout: 10 * time.Second}),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
	}
}

// DialMessageLimits applies MaxMessageBytes to a connection to a coordinator.
func DialMessageLimits() grpc.DialOption {
	return grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxMessageBytes), grpc.MaxCallSendMsgSize(MaxMessageBytes))
}
