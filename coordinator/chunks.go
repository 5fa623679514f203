package coordinator

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/singleflight"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// Bounds of an OpenChunks request: far above what a holder's spot check
// asks (aggregation.DefaultSpotChecks chunks of each contributor's update).
const (
	maxChunkRequestHashes = 4096
	maxChunkRequestChunks = 1024
	// maxOpeners bounds the vectors whose openers are kept: every
	// contributor of a round and its aggregate, several times over.
	maxOpeners = 1024
	// maxOpenerBytes bounds the bytes they hold (an opener holds its whole
	// vector): a round of 100 updates of 1M values, with room to spare.
	maxOpenerBytes = 2 << 30
)

// openers keeps a ChunkOpener per vector that holders spot-check, so that
// the holders of a round asking for chunks of the same n updates cost one
// read, parse and tree each, however many ask at once. It is safe for
// concurrent use.
type openers struct {
	mu     sync.Mutex
	byHash map[common.Hash]*aggregation.ChunkOpener
	bytes  int // held by byHash
	// maxBytes bounds bytes (maxOpenerBytes if zero): a member may name any
	// stored vectors, and each kept opener holds its whole vector.
	maxBytes int
	// opening makes the holders that ask for a vector being opened wait
	// for that one opening.
	opening singleflight.Group
}

func (o *openers) get(store *Store, h common.Hash) (*aggregation.ChunkOpener, error) {
	if op := o.cached(h); op != nil {
		return op, nil
	}
	op, err, _ := o.opening.Do(string(h.Bytes()), func() (any, error) {
		if op := o.cached(h); op != nil {
			return op, nil // opened while this caller was on its way
		}
		op, err := openVector(store, h)
		if err != nil {
			return nil, err
		}
		o.mu.Lock()
		defer o.mu.Unlock()
		limit := o.maxBytes
		if limit == 0 {
			limit = maxOpenerBytes
		}
		if o.byHash == nil || len(o.byHash) >= maxOpeners || o.bytes+op.Size() > limit {
			o.byHash, o.bytes = make(map[common.Hash]*aggregation.ChunkOpener), 0 // an older round's: drop them all
		}
		if op.Size() <= limit {
			o.byHash[h], o.bytes = op, o.bytes+op.Size()
		}
		return op, nil
	})
	if err != nil {
		return nil, err
	}
	return op.(*aggregation.ChunkOpener), nil
}

func (o *openers) cached(h common.Hash) *aggregation.ChunkOpener {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.byHash[h]
}

// openVector reads the vector stored under h and makes its opener. The
// vector is decoded once: its chunk root, which is its content hash,
// checks the stored bytes (as Store.Get would, decoding them again) and
// its tree serves the proofs.
func openVector(store *Store, h common.Hash) (*aggregation.ChunkOpener, error) {
	data, err := store.readUnchecked(h)
	if err != nil {
		return nil, err
	}
	if !aggregation.IsVectorEncoding(data) {
		if got := blobHash(data); got != h {
			return nil, corruptBlob(h, got)
		}
		return nil, fmt.Errorf("%w: blob %s is not an encrypted vector; only committed updates and aggregates have chunks", ErrMalformed, h.Hex())
	}
	var v aggregation.EncryptedVector
	if err := v.UnmarshalBinary(data); err != nil {
		if got := blobHash(data); got != h {
			return nil, corruptBlob(h, got)
		}
		return nil, fmt.Errorf("%w: blob %s: %v", ErrMalformed, h.Hex(), err)
	}
	if got := v.Hash(); got != h {
		return nil, corruptBlob(h, got)
	}
	return v.Opener()
}

// OpenChunks streams a proof of the asked chunks of each named vector, in
// the order named, to the study's owner and participants only (as GetBlob
// serves them the vectors whole; blobReaders).
func (s *server) OpenChunks(req *cohortv1.ChunkRequest, stream grpc.ServerStreamingServer[cohortv1.ChunkProof]) error {
	if n := len(req.GetHashes()); n == 0 || n > maxChunkRequestHashes {
		return toStatus(fmt.Errorf("%w: %d vectors asked, want 1..%d", ErrMalformed, n, maxChunkRequestHashes))
	}
	if n := len(req.GetChunks()); n == 0 || n > maxChunkRequestChunks {
		return toStatus(fmt.Errorf("%w: %d chunks asked, want 1..%d", ErrMalformed, n, maxChunkRequestChunks))
	}
	chunks := make([]int, len(req.GetChunks()))
	for i, c := range req.GetChunks() {
		chunks[i] = int(c)
	}
	hashes := make([]common.Hash, len(req.GetHashes()))
	for i, raw := range req.GetHashes() {
		if len(raw) != common.HashLength {
			return toStatus(fmt.Errorf("%w: vector hash is %d bytes, want %d", ErrMalformed, len(raw), common.HashLength))
		}
		hashes[i] = common.BytesToHash(raw)
	}
	content := func(fp common.Hash) common.Hash {
		return auth.ChunkReadContent(req.GetHashes(), req.GetChunks(), fp)
	}
	// No published blob is a vector (the recipe and models are not), so
	// only a signed request of a reader of the study's ciphertexts passes.
	if err := s.authorise(stream.Context(), req.GetStudyId(), req.GetAuth(), auth.KindChunkRead, content, hashes); err != nil {
		return err
	}
	done := make(chan struct{})
	defer close(done)
	take := s.openAhead(hashes, done)
	for i := range hashes {
		o := take(i)
		if o.err != nil {
			return toStatus(o.err)
		}
		p, err := o.op.OpenChunks(chunks)
		if err != nil {
			return toStatus(fmt.Errorf("%w: %v", ErrMalformed, err))
		}
		b, err := p.MarshalBinary()
		if err != nil {
			return toStatus(err)
		}
		if err := stream.Send(&cohortv1.ChunkProof{Proof: b}); err != nil {
			return err
		}
	}
	return nil
}

// openedVector is one vector's opener, or why it could not be opened.
type openedVector struct {
	op  *aggregation.ChunkOpener
	err error
}

// openAhead opens the vectors in order on up to GOMAXPROCS workers, ahead
// of a sender that takes vector i with take(i), in order, once it is
// ready: the first holder to ask for a round's updates opens them on every
// core, not one after the other. The workers stay at most twice their
// number of vectors ahead of the sender: a member may name thousands of
// stored vectors and not read its stream, and each opened vector is held
// whole in memory until it is sent. The workers stop taking vectors once
// done is closed.
func (s *server) openAhead(hashes []common.Hash, done <-chan struct{}) (take func(i int) openedVector) {
	out := make([]chan openedVector, len(hashes))
	for i := range out {
		out[i] = make(chan openedVector, 1)
	}
	workers := min(runtime.GOMAXPROCS(0), len(hashes))
	ahead := make(chan struct{}, 2*workers) // one token per vector handed out and not yet taken
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range hashes {
			select {
			case ahead <- struct{}{}:
			case <-done:
				return
			}
			select {
			case next <- i:
			case <-done:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				op, err := s.openers.get(s.c.store, hashes[i])
				out[i] <- openedVector{op, err}
			}
		}()
	}
	return func(i int) openedVector {
		o := <-out[i]
		<-ahead
		return o
	}
}
