package coordinator

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// blobReaders decides who may read the study's blobs (GetBlob,
// OpenChunks). A coordinator drives one study and its store holds that
// study's blobs (Store.ClaimStudy), so a request must name this study, and
// then:
//   - its published blobs, the recipe (the study's spec hash) and every
//     model the chain records for one of its rounds (a round's global
//     model, a closed round's result), go to any consortium certificate,
//     signed or not: researchers and members take models out of the study
//     (`cohort model get`), and a hospital fetches the recipe before it
//     has joined;
//   - every other blob (updates, aggregates, score sets, keys, re-sharing
//     pieces) goes only to a request signed by the study's owner or by
//     one of its participants, current or past (joined once: suspended,
//     left and excluded members included), with the signature bound to
//     the TLS certificate the request comes over.
//
// Both answers only grow (an owner and a past participant stay so, a
// recorded model stays recorded), so they are kept once seen on chain.
// The published set is read again only once the chain has a block after
// the last read (moved): any consortium certificate may ask for any hash,
// unsigned, and a hash not published at a block stays so until the next.
type blobReaders struct {
	mu        sync.Mutex
	readers   map[common.Address]bool // owner and participants, seen on chain
	published map[common.Hash]bool
	// refreshing is held while the chain is read for published blobs
	// (refresh), which alone writes scanned and moved.
	refreshing sync.Mutex
	scanned    uint32 // rounds up to this one are closed and their models in published
	// moved is closed once the chain has a block after the last refresh
	// began (nil before the first).
	moved <-chan struct{}
	// written is set once this coordinator recorded a model on chain
	// since the last refresh began: its node may announce the block a
	// moment after the receipt, and a reader told of the round by its
	// own node should not be refused meanwhile.
	written atomic.Bool
}

// recorded notes that this coordinator has written a round's model to
// the chain: the next look for an unknown blob reads the chain again.
func (r *blobReaders) recorded() { r.written.Store(true) }

// authorise checks that a blob request naming study, signed (or not) with
// kind over content(the caller's certificate fingerprint), may read every
// blob in hashes.
func (s *server) authorise(ctx context.Context, study uint64, signed *cohortv1.Signed, kind string, content func(fp common.Hash) common.Hash, hashes []common.Hash) error {
	c := s.c
	if study != c.cfg.StudyID {
		return toStatus(fmt.Errorf("%w: this coordinator serves study %d's blobs only, and the request names study %d; name study %d (study_id), or ask the coordinator of study %d",
			ErrNotParticipant, c.cfg.StudyID, study, c.cfg.StudyID, study))
	}
	if signed != nil {
		fp, err := peerFingerprint(ctx)
		if err != nil {
			return status.Error(codes.Unauthenticated, err.Error())
		}
		reader, err := auth.Verify(signed, study, 0, kind, content(fp))
		if err != nil {
			return toStatus(fmt.Errorf("%w (a %s request is signed over the blob and the fingerprint of the TLS certificate it comes over)", err, kind))
		}
		ok := c.readers.known(reader)
		if !ok {
			if err := c.allow(ctx, fmt.Sprintf("a read signed by %s, not yet known as the owner or a participant of study %d,", reader.Hex(), study)); err != nil {
				return err
			}
			ok, err = c.readers.mayRead(ctx, c, reader)
		}
		if err != nil {
			return status.Errorf(codes.Unavailable, "coordinator: check on chain who may read study %d's blobs: %v", study, err)
		}
		if ok {
			return nil
		}
		if err := c.readers.allPublished(ctx, c, hashes); err != nil {
			return toStatus(fmt.Errorf("%w: %s is neither the owner of study %d nor one of its participants, current or past; %v; its other blobs go to its owner and participants only (join the study on chain to read them)",
				ErrNotParticipant, reader.Hex(), study, err))
		}
		return nil
	}
	if err := c.readers.allPublished(ctx, c, hashes); err != nil {
		return toStatus(fmt.Errorf("%w: %v; sign the request (auth.%s) with the key of the study's owner or of one of its participants", ErrNotParticipant, err, kindName(kind)))
	}
	return nil
}

// kindName names a signature kind's constant in api/auth, for errors.
func kindName(kind string) string {
	if kind == auth.KindChunkRead {
		return "KindChunkRead"
	}
	return "KindBlobRead"
}

// known reports whether addr is known, without reading the chain, to own
// the study or to have joined it.
func (r *blobReaders) known(addr common.Address) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.readers[addr]
}

// mayRead reports whether addr owns the study or ever joined it.
func (r *blobReaders) mayRead(ctx context.Context, c *Coordinator, addr common.Address) (bool, error) {
	if r.known(addr) {
		return true, nil
	}
	p, err := c.ledger.Participant(ctx, c.cfg.StudyID, addr)
	if err != nil {
		return false, err
	}
	ok := p.Index != 0
	if !ok {
		st, err := c.ledger.Study(ctx, c.cfg.StudyID)
		if err != nil {
			return false, err
		}
		ok = st.Owner == addr
	}
	if ok {
		r.mu.Lock()
		if r.readers == nil {
			r.readers = make(map[common.Address]bool)
		}
		r.readers[addr] = true
		r.mu.Unlock()
	}
	return ok, nil
}

// allPublished returns nil if every blob in hashes is published, or an
// error naming the first that is not. A blob not yet known as published
// reads the rounds closed since the last look (and the open one) from the
// chain, one reader at a time, without holding up the readers mayRead
// knows, and only if the chain has a block since that look: a flood of
// unknown hashes costs no chain read, and an honest read waits behind at
// most one.
func (r *blobReaders) allPublished(ctx context.Context, c *Coordinator, hashes []common.Hash) error {
	missing := r.unpublished(hashes)
	if missing == nil {
		return nil
	}
	r.refreshing.Lock()
	defer r.refreshing.Unlock()
	if missing = r.unpublished(hashes); missing == nil {
		return nil // another caller's refresh found them
	}
	stale := r.moved == nil || r.written.Load()
	if !stale {
		select {
		case <-r.moved:
			stale = true
		default:
		}
	}
	if stale {
		next := c.ledger.NextHead() // before the reads: a block during them is read next time
		r.written.Store(false)
		if err := r.refresh(ctx, c); err != nil {
			return fmt.Errorf("the chain could not be read to tell whether blob %s is published: %v", missing.Hex(), err)
		}
		r.moved = next
	}
	if missing = r.unpublished(hashes); missing != nil {
		return fmt.Errorf("blob %s is not published (study %d publishes its recipe and the models the chain records; one recorded in the last seconds is served once this coordinator's Ethereum node has its block)", missing.Hex(), c.cfg.StudyID)
	}
	return nil
}

// unpublished returns the first of hashes not known as published, or nil.
func (r *blobReaders) unpublished(hashes []common.Hash) *common.Hash {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, h := range hashes {
		if !r.published[h] {
			return &hashes[i]
		}
	}
	return nil
}

// refresh adds to published the recipe and the models of the rounds not
// read yet; the caller holds r.refreshing.
func (r *blobReaders) refresh(ctx context.Context, c *Coordinator) error {
	st, err := c.ledger.Study(ctx, c.cfg.StudyID)
	if err != nil {
		return err
	}
	found := []common.Hash{st.SpecHash}
	scanned := r.scanned
	for round := scanned + 1; round <= st.CurrentRound; round++ {
		rd, err := c.ledger.Round(ctx, c.cfg.StudyID, round)
		if err != nil {
			return err
		}
		found = append(found, rd.GlobalModel, rd.Result.ModelHash)
		if (rd.Closed || rd.Abandoned) && round == scanned+1 {
			scanned = round
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.published == nil {
		r.published = make(map[common.Hash]bool)
	}
	for _, h := range found {
		if h != (common.Hash{}) {
			r.published[h] = true
		}
	}
	r.scanned = scanned
	return nil
}
