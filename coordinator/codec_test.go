package coordinator

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	protobuf "google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// split cuts b into a BufferSlice of pieces of at most n bytes, as the
// transport hands a message over in frames.
func split(b []byte, n int) mem.BufferSlice {
	var out mem.BufferSlice
	for len(b) > 0 {
		k := min(n, len(b))
		out = append(out, mem.SliceBuffer(b[:k]))
		b = b[k:]
	}
	return out
}

// TestServerCodecCopiesDataChunksInPlace: a data chunk lands in the free
// space whatever frames it arrives in and gives the bytes the proto codec
// gives; a header, a chunk that does not fit and a chunk with another
// field besides go through the proto codec.
func TestServerCodecCopiesDataChunksInPlace(t *testing.T) {
	codec := serverCodec{encoding.GetCodecV2(proto.Name)}
	marshal := func(m *cohortv1.UpdateChunk) []byte {
		b, err := protobuf.Marshal(m)
		require.NoError(t, err)
		return b
	}
	payload := bytes.Repeat([]byte("0123456789abcdef"), 1000) // 16000 bytes: a 2-byte length
	data := marshal(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: payload}})
	for _, frame := range []int{1, 2, 3, 7, 4096, len(data)} {
		t.Run(fmt.Sprintf("frames of %d", frame), func(t *testing.T) {
			into := chunkInto{UpdateChunk: new(cohortv1.UpdateChunk), dst: make([]byte, len(payload)+5), n: -1}
			require.NoError(t, codec.Unmarshal(split(data, frame), &into))
			require.Equal(t, len(payload), into.n, "copied in place")
			assert.Equal(t, payload, into.dst[:into.n])
		})
	}
	for _, tc := range []struct {
		name string
		b    []byte
		free int
	}{
		{"a header", marshal(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: &cohortv1.UpdateHeader{Size: 7}}}), 1 << 20},
		{"more than the free space", data, len(payload) - 1},
		{"a data chunk and another field", append(bytes.Clone(data), marshal(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: []byte("x")}})...), 1 << 20},
		{"an empty chunk", marshal(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{}}), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := new(cohortv1.UpdateChunk)
			require.NoError(t, protobuf.Unmarshal(tc.b, want))
			into := chunkInto{UpdateChunk: new(cohortv1.UpdateChunk), dst: make([]byte, tc.free), n: -1}
			require.NoError(t, codec.Unmarshal(split(tc.b, 5), &into))
			if into.n >= 0 {
				assert.Equal(t, want.GetData(), into.dst[:into.n])
				return
			}
			assert.True(t, protobuf.Equal(want, into.UpdateChunk), "decoded as the proto codec does")
		})
	}
	// Any other message is the proto codec's.
	var other cohortv1.UploadReceipt
	require.NoError(t, codec.Unmarshal(split(marshal(&cohortv1.UpdateChunk{}), 5), &other))
}
