package coordinator

import (
	"encoding/binary"

	"google.golang.org/grpc"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	protov2 "google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// ServerCodec is the coordinator server's codec option: grpc-go's proto
// codec, except that an upload's data chunks are copied from gRPC's
// receive buffers straight into the upload's buffer. Through the proto
// codec each 1 MiB chunk was copied twice more (gathered from the
// transport's frames into one buffer, then into a fresh []byte by
// proto.Unmarshal) before Store.Receive copied it into place. Every other
// message, and a chunk in any other shape, is decoded by the proto codec
// as before, less the fields its schema does not name.
func ServerCodec() grpc.ServerOption {
	return grpc.ForceServerCodecV2(serverCodec{encoding.GetCodecV2(proto.Name)})
}

// serverCodec is the proto codec with a fast path for chunkInto.
type serverCodec struct{ encoding.CodecV2 }

// Unmarshal decodes a message as the proto codec does, but drops the
// fields its schema does not name (proto.UnmarshalOptions.DiscardUnknown):
// no signature covers them, and kept they went wherever the message did
// (a holder's signed shares relayed to every member, a decryption record
// on disk), padded by the sender up to the message limit.
func (c serverCodec) Unmarshal(data mem.BufferSlice, v any) error {
	if into, ok := v.(*chunkInto); ok && into.copyData(data) {
		return nil
	}
	msg, ok := v.(protov2.Message)
	if !ok {
		return c.CodecV2.Unmarshal(data, v)
	}
	buf := data.MaterializeToBuffer(mem.DefaultBufferPool())
	defer buf.Free()
	return protov2.UnmarshalOptions{DiscardUnknown: true}.Unmarshal(buf.ReadOnlyData(), msg)
}

// chunkInto receives an UpdateChunk: with serverCodec, a data chunk whose
// bytes fit goes into dst (n is then their count); anything else is
// decoded into the message (n is -1).
type chunkInto struct {
	*cohortv1.UpdateChunk
	dst []byte
	n   int
}

// dataTag is the wire tag of UpdateChunk.data: field 2, length-delimited.
const dataTag = 2<<3 | 2

// copyData copies data's chunk bytes into c.dst if data is exactly one
// UpdateChunk.data field that fits, as every sender encodes a data chunk.
func (c *chunkInto) copyData(data mem.BufferSlice) bool {
	var head [1 + binary.MaxVarintLen64]byte
	got := 0
	for _, b := range data {
		if got += copy(head[got:], b.ReadOnlyData()); got == len(head) {
			break
		}
	}
	if got < 2 || head[0] != dataTag {
		return false
	}
	size, k := binary.Uvarint(head[1:got])
	skip := 1 + k
	if k <= 0 || size != uint64(data.Len()-skip) || size > uint64(len(c.dst)) {
		return false
	}
	n := 0
	for _, b := range data {
		d := b.ReadOnlyData()
		if skip >= len(d) {
			skip -= len(d)
			continue
		}
		n += copy(c.dst[n:], d[skip:])
		skip = 0
	}
	c.n = n
	return true
}
