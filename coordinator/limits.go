package coordinator

import "google.golang.org/grpc"

// MaxMessageBytes bounds one gRPC message between the coordinator and a
// hospital. Updates and blobs stream in 1 MiB chunks; what needs more than
// grpc-go's 4 MiB default is threshold key generation, whose messages carry
// one encrypted key share per participant (about 0.7 MB each, so about 64
// participants fit).
const MaxMessageBytes = 64 << 20

// ServerMessageLimits applies MaxMessageBytes to a coordinator's server.
func ServerMessageLimits() []grpc.ServerOption {
	return []grpc.ServerOption{grpc.MaxRecvMsgSize(MaxMessageBytes), grpc.MaxSendMsgSize(MaxMessageBytes)}
}

// DialMessageLimits applies MaxMessageBytes to a connection to a coordinator.
func DialMessageLimits() grpc.DialOption {
	return grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxMessageBytes), grpc.MaxCallSendMsgSize(MaxMessageBytes))
}
