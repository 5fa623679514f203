package coordinator

import (
	"os"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// OpenChunks serves proofs that verify against each vector's commitment,
// in the order asked, and refuses requests it must not serve.
func TestOpenChunksServesVerifiableProofs(t *testing.T) {
	f := newFixture(t)
	h := f.hospitals[0]
	var roots []common.Hash
	for i := range 2 {
		// 4 chunks, the last of 4 values.
		v, err := f.scheme.Encrypt(f.hospitals[i].sk, f.pk.Hash(), aggregation.TrainContext(f.studyID, 1), make([]float64, 3*aggregation.ChunkValues+4))
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
		req := &cohortv1.ChunkRequest{Chunks: chunks, StudyId: f.studyID}
		for _, r := range hashes {
			req.Hashes = append(req.Hashes, r.Bytes())
		}
		var err error
		req.Auth, err = auth.Sign(h.key, f.studyID, 0, auth.KindChunkRead, auth.ChunkReadContent(req.Hashes, req.Chunks, auth.Fingerprint(h.cert)))
		require.NoError(t, err)
		return openChunks(f, h.client, req)
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

// The holders that ask for the same vectors at once share one opening of
// each (one read, parse and tree), and a vector whose stored bytes no
// longer match its hash is refused as corrupt, not served.
func TestOpenersOpenEachVectorOnce(t *testing.T) {
	f := newFixture(t)
	// Large enough that opening it takes a while: the holders' requests
	// overlap it.
	v, err := f.scheme.Encrypt(f.hospitals[0].sk, f.pk.Hash(), aggregation.TrainContext(f.studyID, 1), make([]float64, 50_000))
	require.NoError(t, err)
	b, err := v.MarshalBinary()
	require.NoError(t, err)
	root, err := f.coord.store.Put(b)
	require.NoError(t, err)

	var o openers
	const holders = 16
	got := make([]*aggregation.ChunkOpener, holders)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range holders {
		wg.Go(func() {
			<-start
			op, err := o.get(f.coord.store, root)
			assert.NoError(t, err)
			got[i] = op
		})
	}
	close(start)
	wg.Wait()
	for i := range got {
		assert.Same(t, got[0], got[i], "holder %d got an opening of its own", i)
	}

	// The same bytes with one changed, stored under the hash of another
	// vector: decoded, their chunk root is not the name they are kept by.
	w, err := f.scheme.Encrypt(f.hospitals[1].sk, f.pk.Hash(), aggregation.TrainContext(f.studyID, 1), make([]float64, 100))
	require.NoError(t, err)
	wb, err := w.MarshalBinary()
	require.NoError(t, err)
	other, err := f.coord.store.Put(wb)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(f.coord.store.path(other), b, 0o600))
	_, err = o.get(f.coord.store, other)
	require.ErrorIs(t, err, ErrCorruptBlob)
	torn := common.Hash{9}
	require.NoError(t, os.WriteFile(f.coord.store.path(torn), b[:len(b)/2], 0o600))
	_, err = o.get(f.coord.store, torn)
	require.ErrorIs(t, err, ErrCorruptBlob, "a torn vector is corrupt, not malformed")
}
