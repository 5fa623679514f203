package coordinator

import "google.golang.org/grpc"

// MaxMessageBytes bounds one gRPC message between the coordinator and a
// hospital. Updates and blobs stream in 1 MiB chunks; what needs more than
// grpc-go's 4 MiB default is threshold key generation, whose messages carry
// one sealed key share per dealer, each at most protocol.SealedShareBytes
// (about 383 kB for one key with the default parameters, so about 170
// dealers fit; larger studies deal among a committee).
const MaxMessageBytes = 64 << 20

// ServerMessageLimits applies MaxMessageBytes to a coordinator's server.
func ServerMessageLimits() []grpc.ServerOption {
	return []grpc.ServerOption{grpc.MaxRecvMsgSize(MaxMessageBytes), grpc.MaxSendMsgSize(MaxMessageBytes)}
}

// DialMessageLimits applies MaxMessageBytes to a connection to a coordinator.
func DialMessageLimits() grpc.DialOption {
	return grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxMessageBytes), grpc.MaxCallSendMsgSize(MaxMessageBytes))
}
