package coordinator

import (
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/singleflight"
)

// Bounds of the blobs GetBlob keeps in memory.
const (
	// hotBlobCount is how many recently served blobs are kept: a round's
	// global model, its aggregate and its new model, with room to spare.
	hotBlobCount = 4
	// hotBlobMaxBytes bounds one kept blob; a larger one is read from
	// the store for each request.
	hotBlobMaxBytes = 64 << 20
)

// hotBlobs keeps the last few blobs GetBlob served, as read and checked
// once: every hospital fetches the round's global model and new model, and
// every decrypting holder the aggregate, at about the same time, and each
// fetch read the blob from disk and hashed it again (100 hospitals: 0.6 s
// of CPU per round for one 0.8 MB model). A blob's hash names its bytes, so
// a kept blob never goes stale. It is safe for concurrent use.
type hotBlobs struct {
	mu      sync.Mutex
	order   []common.Hash // least recently served first
	byHash  map[common.Hash][]byte
	reading singleflight.Group // requests for a blob being read wait for that read
}

// get returns the blob with hash h (read-only: it is shared), from memory
// or from the store (Store.Get: checked against h).
func (b *hotBlobs) get(store *Store, h common.Hash) ([]byte, error) {
	if data, ok := b.kept(h); ok {
		return data, nil
	}
	data, err, _ := b.reading.Do(string(h.Bytes()), func() (any, error) {
		if data, ok := b.kept(h); ok {
			return data, nil
		}
		data, err := store.Get(h)
		if err != nil {
			return nil, err
		}
		b.keep(h, data)
		return data, nil
	})
	if err != nil {
		return nil, err
	}
	return data.([]byte), nil
}

// kept returns a kept blob and marks it the most recently served.
func (b *hotBlobs) kept(h common.Hash) ([]byte, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	data, ok := b.byHash[h]
	if ok {
		b.touch(h)
	}
	return data, ok
}

// keep keeps data under h, dropping the least recently served blob beyond
// hotBlobCount; a blob over hotBlobMaxBytes is not kept.
func (b *hotBlobs) keep(h common.Hash, data []byte) {
	if len(data) > hotBlobMaxBytes {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.byHash == nil {
		b.byHash = make(map[common.Hash][]byte, hotBlobCount)
	}
	if _, ok := b.byHash[h]; !ok && len(b.order) == hotBlobCount {
		delete(b.byHash, b.order[0])
		b.order = b.order[1:]
	}
	b.byHash[h] = data
	b.touch(h)
}

// touch moves h to the end of order (adding it); b.mu is held.
func (b *hotBlobs) touch(h common.Hash) {
	for i, o := range b.order {
		if o == h {
			b.order = append(b.order[:i], b.order[i+1:]...)
			break
		}
	}
	b.order = append(b.order, h)
}

// roundUpdates are the committed updates of the round under way, as the
// coordinator read them from the store and checked them against their
// hashes once (Store.GetAll): every share holder fetches every one of
// them, and GetBlob read, decoded and hashed each again for each holder
// (100 hospitals, a committee of 10: 1,000 checks a round, 7 s of CPU in
// two rounds of bench round --robust). GetBlob serves them from here. A
// blob's hash names its bytes, so a kept update never goes stale; they
// are kept from the read until the round's decryption phase ends, and
// dropped then, or when the round ends otherwise. It is safe for
// concurrent use.
type roundUpdates struct {
	mu     sync.Mutex
	byHash map[common.Hash][]byte
}

// keep keeps data[i], checked against hashes[i], in place of any kept
// before.
func (u *roundUpdates) keep(hashes []common.Hash, data [][]byte) {
	m := make(map[common.Hash][]byte, len(hashes))
	for i, h := range hashes {
		m[h] = data[i]
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.byHash = m
}

// drop forgets the kept updates.
func (u *roundUpdates) drop() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.byHash = nil
}

// get returns the kept update with hash h (read-only: it is shared).
func (u *roundUpdates) get(h common.Hash) ([]byte, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	data, ok := u.byHash[h]
	return data, ok
}
