package coordinator

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
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

// The round's updates, read and checked once by the coordinator
// (Store.GetAll), are what GetBlob serves the share holders: the same
// bytes, without reading or checking them again (here the file on disk is
// damaged after the read and the holders still get the update as
// checked). Once the coordinator drops them (its decryption phase ended,
// or the round did) GetBlob reads and checks the store again and refuses
// the damaged blob.
func TestGetBlobServesTheRoundsUpdatesAsCheckedOnce(t *testing.T) {
	f := newFixture(t)
	update := f.update(t, f.hospitals[0])
	h, err := f.coord.store.Put(update)
	require.NoError(t, err)
	fetch := func() ([]byte, error) {
		return readBlob(t, f, f.hospitals[1].client, signedRead(t, f.hospitals[1].key, f.hospitals[1], f.studyID, h))
	}
	before, err := f.coord.store.Get(h)
	require.NoError(t, err)

	read, err := f.coord.store.GetAll([]common.Hash{h})
	require.NoError(t, err)
	f.coord.updates.keep([]common.Hash{h}, read)
	require.NoError(t, os.WriteFile(f.coord.store.path(h), update[:100], 0o600))
	got, err := fetch()
	require.NoError(t, err, "served as read and checked")
	assert.Equal(t, before, got, "byte for byte what the store served")
	assert.Equal(t, h, aggregation.ContentHash(got))

	f.coord.updates.drop()
	_, err = fetch()
	require.Error(t, err, "dropped: read and checked again")
	assert.Contains(t, err.Error(), "corrupt")
}
