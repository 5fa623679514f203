// Package rawstream is the baseline that Cohort's upload path is measured
// against: a one-method gRPC service that takes a client stream of protobuf
// bytes messages, counts and drops them, and answers with the count. No
// signature, hash or disk: what is left is gRPC, TLS and the loopback.
package rawstream

import (
	"context"
	"errors"
	"fmt"
	"io"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

const (
	serviceName = "cohort.bench.RawStream"
	streamName  = "Upload"
)

// ServiceDesc describes the service; register it on a server with
// srv.RegisterService(rawstream.ServiceDesc(), struct{}{}). The handler is
// safe for concurrent use.
func ServiceDesc() *grpc.ServiceDesc {
	return &grpc.ServiceDesc{
		ServiceName: serviceName,
		HandlerType: (*any)(nil),
		Streams: []grpc.StreamDesc{{
			StreamName:    streamName,
			ClientStreams: true,
			Handler: func(_ any, stream grpc.ServerStream) error {
				var n int64
				for {
					var chunk wrapperspb.BytesValue
					err := stream.RecvMsg(&chunk)
					if errors.Is(err, io.EOF) {
						return stream.SendMsg(wrapperspb.Int64(n))
					}
					if err != nil {
						return err
					}
					n += int64(len(chunk.GetValue()))
				}
			},
		}},
	}
}

// Upload sends data over conn to the service in messages of chunk bytes
// and checks the count it answers.
func Upload(ctx context.Context, conn grpc.ClientConnInterface, data []byte, chunk int) error {
	if chunk < 1 {
		return fmt.Errorf("rawstream: chunk size %d, want at least 1", chunk)
	}
	desc := ServiceDesc()
	stream, err := conn.NewStream(ctx, &desc.Streams[0], "/"+serviceName+"/"+streamName)
	if err != nil {
		return err
	}
	for off := 0; off < len(data); off += chunk {
		if err := stream.SendMsg(wrapperspb.Bytes(data[off:min(off+chunk, len(data))])); err != nil {
			break // the server closed the stream; RecvMsg reports why
		}
	}
	if err := stream.CloseSend(); err != nil {
		return err
	}
	var got wrapperspb.Int64Value
	if err := stream.RecvMsg(&got); err != nil {
		return err
	}
	if got.GetValue() != int64(len(data)) {
		return fmt.Errorf("rawstream: the server counted %d of %d bytes", got.GetValue(), len(data))
	}
	return nil
}
