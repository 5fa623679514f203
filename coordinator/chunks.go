package coordinator

import (
	"fmt"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
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
)

// openers keeps a ChunkOpener per vector that holders spot-check, so that
// the n holders of a round asking for chunks of the same n updates cost
// one parse and one tree each. It is safe for concurrent use.
type openers struct {
	mu     sync.Mutex
	byHash map[common.Hash]*aggregation.ChunkOpener
}

func (o *openers) get(store *Store, h common.Hash) (*aggregation.ChunkOpener, error) {
	o.mu.Lock()
	op, ok := o.byHash[h]
	o.mu.Unlock()
	if ok {
		return op, nil
	}
	data, err := store.Get(h)
	if err != nil {
		return nil, err
	}
	if !aggregation.IsVectorEncoding(data) {
		return nil, fmt.Errorf("%w: blob %s is not an encrypted vector; only committed updates and aggregates have chunks", ErrMalformed, h.Hex())
	}
	var v aggregation.EncryptedVector
	if err := v.UnmarshalBinary(data); err != nil {
		return nil, fmt.Errorf("%w: blob %s: %v", ErrMalformed, h.Hex(), err)
	}
	if op, err = v.Opener(); err != nil {
		return nil, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.byHash == nil || len(o.byHash) >= maxOpeners {
		o.byHash = make(map[common.Hash]*aggregation.ChunkOpener) // an older round's: drop them all
	}
	o.byHash[h] = op
	return op, nil
}

// OpenChunks streams a proof of the asked chunks of each named vector, in
// the order named. Like GetBlob it serves committed content only: anyone
// may fetch it whole.
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
	for _, raw := range req.GetHashes() {
		if len(raw) != common.HashLength {
			return toStatus(fmt.Errorf("%w: vector hash is %d bytes, want %d", ErrMalformed, len(raw), common.HashLength))
		}
		op, err := s.openers.get(s.c.store, common.BytesToHash(raw))
		if err != nil {
			return toStatus(err)
		}
		p, err := op.OpenChunks(chunks)
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
