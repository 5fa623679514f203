package coordinator

import (
	"errors"
	"io"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// OpenChunks serves proofs that verify against each vector's commitment,
// in the order asked, and refuses requests it must not serve.
func TestOpenChunksServesVerifiableProofs(t *testing.T) {
	f := newFixture(t)
	h := f.hospitals[0]
	var roots []common.Hash
	for i := range 2 {
		v, err := f.scheme.Encrypt(f.hospitals[i].sk, f.pk.Hash(), aggregation.TrainContext(f.studyID, 1), make([]float64, 100))
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		root, err := f.coord.store.Put(b)
		require.NoError(t, err)
		require.Equal(t, v.Hash(), root)
		roots = append(roots, root)
	}
	model, err := f.coord.store.Put([]byte("not a vector"))
	require.NoError(t, err)

	open := func(hashes []common.Hash, chunks []uint32) ([][]byte, error) {
		req := &cohortv1.ChunkRequest{Chunks: chunks}
		for _, r := range hashes {
			req.Hashes = append(req.Hashes, r.Bytes())
		}
		stream, err := h.client.OpenChunks(f.ctx, req)
		if err != nil {
			return nil, err
		}
		var out [][]byte
		for {
			m, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			if err != nil {
				return out, err
			}
			out = append(out, m.GetProof())
		}
	}
	proofs, err := open([]common.Hash{roots[1], roots[0]}, []uint32{0, 3})
	require.NoError(t, err)
	require.Len(t, proofs, 2)
	for i, root := range []common.Hash{roots[1], roots[0]} {
		var p aggregation.ChunkProof
		require.NoError(t, p.UnmarshalBinary(proofs[i]))
		_, err := f.scheme.VerifyChunks(root, &p, []int{0, 3})
		require.NoError(t, err, "proof %d", i)
	}

	for _, tc := range []struct {
		name   string
		hashes []common.Hash
		chunks []uint32
		code   codes.Code
	}{
		{"no vector", nil, []uint32{0}, codes.InvalidArgument},
		{"no chunk", roots, nil, codes.InvalidArgument},
		{"a chunk beyond the vector", roots, []uint32{4}, codes.InvalidArgument},
		{"a chunk twice", roots, []uint32{1, 1}, codes.InvalidArgument},
		{"a blob that is not a vector", []common.Hash{model}, []uint32{0}, codes.InvalidArgument},
		{"an unknown hash", []common.Hash{{1}}, []uint32{0}, codes.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := open(tc.hashes, tc.chunks)
			assert.Equal(t, tc.code, status.Code(err), "%v", err)
		})
	}
}
