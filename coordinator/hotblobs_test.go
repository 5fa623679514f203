package coordinator

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// GetBlob's kept blobs: the hospitals that fetch a blob at once share one
// read and check of it, a kept blob is served as it was checked, and only
// the last hotBlobCount are kept: an older one is read and checked again
// (here found corrupt).
func TestHotBlobsReadEachBlobOnce(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	model := make([]byte, 4<<20)
	for i := range model {
		model[i] = byte(i * 31)
	}
	h, err := s.Put(model)
	require.NoError(t, err)

	var b hotBlobs
	const hospitals = 16
	got := make([][]byte, hospitals)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range hospitals {
		wg.Go(func() {
			<-start
			data, err := b.get(s, h)
			assert.NoError(t, err)
			got[i] = data
		})
	}
	close(start)
	wg.Wait()
	for i := range got {
		require.Equal(t, model, got[i])
		assert.Same(t, &got[0][0], &got[i][0], "hospital %d got a read of its own", i)
	}

	require.NoError(t, os.WriteFile(s.path(h), model[:10], 0o600))
	data, err := b.get(s, h)
	require.NoError(t, err, "kept as checked")
	assert.Equal(t, model, data)

	for i := range hotBlobCount {
		_, err := s.Put(fmt.Appendf(nil, "blob %d", i))
		require.NoError(t, err)
		_, err = b.get(s, blobHash(fmt.Appendf(nil, "blob %d", i)))
		require.NoError(t, err)
	}
	_, err = b.get(s, h)
	require.ErrorIs(t, err, ErrCorruptBlob, "no longer kept: read and checked again")
	_, err = b.get(s, common.Hash{1})
	require.ErrorIs(t, err, ErrBlobNotFound)
}
