package coordinator

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/singleflight"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
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
//   - every other blob (updates, aggregates, score sets, keys; re-sharing
//     pieces are not blobs, GetBlob serves none) goes only to a request
//     signed by the study's owner or by
//     one of its current participants, with the signature bound to the
//     TLS certificate the request comes over; and to a past participant
//     (suspended, left or excluded) only the blobs of the rounds it could
//     take part in: those the store recorded as first stored in the round
//     it was removed in or an earlier one (Store.RoundOf; the coordinator
//     enters a round before anything is made for it, its re-sharing
//     included, and the chain's removal round is the last round opened
//     before the block that removed it, Ledger.RemovedIn). It keeps the
//     blobs of its last round, for an audit and its own late work, and is
//     refused those of later rounds: a hospital suspended as malicious no
//     longer receives everyone's ciphertexts and aggregates of the rounds
//     that go on without it. A blob with no round recorded (stored before
//     2026-12-07, or its record lost to a crash) is refused to past
//     participants.
//
// The owner is kept once seen on chain. A current participant is kept as
// such until the chain has a block after the read; after that it still
// reads, without a chain read, the blobs of rounds up to the study's round
// at the read (were it removed since, it was in that round or a later
// one), and a blob of a later round reads the chain again, at most once a
// block. A past participant's removal round is kept likewise; it is read
// again (it may have joined again or been reinstated) only once the chain
// has a block after the read, and then through the per-certificate limit
// (allow) as for an unknown signer, so a refused one costs no unbounded
// chain reads. The requests of one signer that find its standing stale
// in the same block share one read of it, and the reads of a block share
// one read of the study: right after a block a hundred hospitals, each
// fetching a round's blobs several at a time, cost one study read and
// one read of each.
//
// The published set only grows (a recorded model stays recorded), so it is
// kept once seen on chain. It is read again only once the chain has a
// block after the last read (moved): any consortium certificate may ask
// for any hash, unsigned, and a hash not published at a block stays so
// until the next.
type blobReaders struct {
	mu        sync.Mutex
	standings map[common.Address]standing // owner and participants, as last read on chain
	study     studyRead                   // the last read of the study for standings
	// reading runs one read of a signer's standing, and one of the study,
	// for the requests asking for it at a block (shared).
	reading   singleflight.Group
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

// standing is what the chain said of a signer of blob reads that owns the
// study or joined it.
type standing struct {
	owner   bool
	removed bool // a past participant; neither: a current one
	// through is the last round whose blobs it reads whatever the chain
	// says since: a past participant's removal round, or the study's
	// round when a current participant was read.
	through uint32
	// moved is closed once the chain has a block after the read: until
	// then a current participant reads every blob, and a past one's
	// refusal stands without a chain read.
	moved <-chan struct{}
}

// studyRead is a read of the study made for standings.
type studyRead struct {
	study contracts.Study
	// moved is the chain's NextHead taken before the read: reads that
	// took the same one come after the same block, and may use it.
	moved <-chan struct{}
}

// sharedReadTimeout bounds a chain read shared by several requests; it
// goes by none of their contexts (one caller giving up must not fail the
// others' read).
const sharedReadTimeout = 30 * time.Second

// fresh reports whether the chain has no block since st was read.
func (st standing) fresh() bool {
	select {
	case <-st.moved:
		return false
	default:
		return true
	}
}

// beyond returns the blobs in hashes that st may not read whatever the
// chain says since: none for the owner and a current participant read at
// the chain's latest block, else those the store recorded for a round
// after st.through or for none.
func (st standing) beyond(store *Store, hashes []common.Hash) []common.Hash {
	if st.owner || (!st.removed && st.fresh()) {
		return nil
	}
	var out []common.Hash
	for _, h := range hashes {
		if round, ok := store.RoundOf(h); !ok || round > st.through {
			out = append(out, h)
		}
	}
	return out
}

// beyondJustRead is beyond for a standing the request itself has just had
// read (or joined the read of) after the block it saw: one that says the
// signer owns the study or takes part lets it read every blob, even if a
// block landed during the read (st no longer fresh). Judged by rounds
// instead, a current participant was refused, as if removed, a blob of
// the round the coordinator's store had entered ahead of the chain (it
// enters a round before opening it).
func (st standing) beyondJustRead(store *Store, hashes []common.Hash) []common.Hash {
	if !st.removed {
		return nil
	}
	return st.beyond(store, hashes)
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
	if signed == nil {
		if err := c.readers.allPublished(ctx, c, hashes); err != nil {
			return toStatus(fmt.Errorf("%w: %v; sign the request (auth.%s) with the key of the study's owner or of one of its participants", ErrNotParticipant, err, kindName(kind)))
		}
		return nil
	}
	fp, err := peerFingerprint(ctx)
	if err != nil {
		return status.Error(codes.Unauthenticated, err.Error())
	}
	reader, err := auth.Verify(signed, study, 0, kind, content(fp))
	if err != nil {
		return toStatus(fmt.Errorf("%w (a %s request is signed over the blob and the fingerprint of the TLS certificate it comes over)", err, kind))
	}
	st, known := c.readers.standing(reader)
	beyond := st.beyond(c.store, hashes)
	if known && beyond == nil {
		return nil
	}
	if !known || !st.removed || !st.fresh() {
		// A current participant reads the chain again at most once a
		// block (its standing is kept until then); anyone else pays the
		// per-certificate bucket.
		if !known || st.removed {
			if err := c.allow(ctx, fmt.Sprintf("a read signed by %s, not known as the owner or a current participant of study %d,", reader.Hex(), study)); err != nil {
				return err
			}
		}
		if st, known, err = c.readers.read(ctx, c, reader); err != nil {
			return status.Errorf(codes.Unavailable, "coordinator: check on chain who may read study %d's blobs: %v", study, err)
		}
		if beyond = st.beyondJustRead(c.store, hashes); known && beyond == nil {
			return nil
		}
	}
	if !known {
		if err := c.readers.allPublished(ctx, c, hashes); err != nil {
			return toStatus(fmt.Errorf("%w: %s is neither the owner of study %d nor one of its participants, current or past; %v; its other blobs go to its owner and participants only (join the study on chain to read them)",
				ErrNotParticipant, reader.Hex(), study, err))
		}
		return nil
	}
	if err := c.readers.allPublished(ctx, c, beyond); err != nil {
		return toStatus(fmt.Errorf("%w: %s was removed from study %d in round %d (it left, was excluded or was suspended), and %v; the blobs of rounds after round %d go to the study's owner and current participants only (a past participant reads those of the rounds up to its removal, and the published ones)",
			ErrNotParticipant, reader.Hex(), study, st.through, err, st.through))
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

// standing returns what the chain last said of addr, if it owns the study
// or joined it.
func (r *blobReaders) standing(addr common.Address) (standing, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	st, ok := r.standings[addr]
	return st, ok
}

// read reads on chain whether addr owns the study or joined it (known),
// and its standing, which it keeps. Requests asking for addr's standing
// after the same block wait for one read (keyed by addr and the block's
// NextHead); a request after the next block starts its own.
func (r *blobReaders) read(ctx context.Context, c *Coordinator, addr common.Address) (standing, bool, error) {
	moved := c.ledger.NextHead() // before the reads: a block during them is read next time
	type result struct {
		st    standing
		known bool
	}
	v, err := r.shared(ctx, fmt.Sprintf("standing %s at %p", addr.Hex(), moved), func(ctx context.Context) (any, error) {
		st, known, err := r.readAfter(ctx, c, addr, moved)
		return result{st, known}, err
	})
	if err != nil {
		return standing{}, false, err
	}
	res := v.(result)
	return res.st, res.known, nil
}

// readAfter reads addr's standing, taken to hold until moved closes (the
// chain's NextHead, taken before the reads). The study (its owner, its
// round) is read before the participant: a participant current at the
// second read was current after that round opened, so were it removed
// later, it was in that round or a later one. The study read may be
// another signer's (studyAfter): made after moved was taken, it still
// ends before this participant read begins, and the order holds.
func (r *blobReaders) readAfter(ctx context.Context, c *Coordinator, addr common.Address, moved <-chan struct{}) (standing, bool, error) {
	if st, ok := r.standing(addr); ok && st.moved == moved {
		return st, true, nil // read since this caller found it stale
	}
	st := standing{moved: moved}
	study, err := r.studyAfter(ctx, c, moved)
	if err != nil {
		return standing{}, false, err
	}
	if study.Owner == addr {
		st.owner = true
	} else {
		p, err := c.ledger.Participant(ctx, c.cfg.StudyID, addr)
		if err != nil {
			return standing{}, false, err
		}
		if p.Index == 0 {
			return standing{}, false, nil
		}
		st.through = study.CurrentRound
		if p.Left || p.Suspended {
			round, removed, err := c.ledger.RemovedIn(ctx, c.cfg.StudyID, addr)
			if err != nil {
				return standing{}, false, err
			}
			// Not removed by the logs: it joined again or was
			// reinstated after the read, and takes part.
			if removed {
				st.removed, st.through = true, round
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.standings == nil {
		r.standings = make(map[common.Address]standing)
	}
	r.standings[addr] = st
	return st, true, nil
}

// studyAfter returns the study as read after moved (the chain's NextHead)
// was taken: the kept read if it was made since, else one read shared by
// the signers asking at once.
func (r *blobReaders) studyAfter(ctx context.Context, c *Coordinator, moved <-chan struct{}) (contracts.Study, error) {
	kept := func() (contracts.Study, bool) {
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.study.study, r.study.moved == moved
	}
	if study, ok := kept(); ok {
		return study, nil
	}
	v, err := r.shared(ctx, fmt.Sprintf("study at %p", moved), func(ctx context.Context) (any, error) {
		if study, ok := kept(); ok {
			return study, nil // read while this caller was on its way
		}
		study, err := c.ledger.Study(ctx, c.cfg.StudyID)
		if err != nil {
			return nil, err
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.study = studyRead{study: study, moved: moved}
		return study, nil
	})
	if err != nil {
		return contracts.Study{}, err
	}
	return v.(contracts.Study), nil
}

// shared runs read once for the callers asking with key while it runs,
// and returns its result, or ctx's error if ctx ends first. A key names a
// channel by its address (%p): a channel in a pending read's key is held
// by that read, so no other takes its address meanwhile.
func (r *blobReaders) shared(ctx context.Context, key string, read func(context.Context) (any, error)) (any, error) {
	done := r.reading.DoChan(key, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedReadTimeout)
		defer cancel()
		return read(ctx)
	})
	select {
	case res := <-done:
		return res.Val, res.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// allPublished returns nil if every blob in hashes is published, or an
// error naming the first that is not. A blob not yet known as published
// reads the rounds closed since the last look (and the open one) from the
// chain, one reader at a time, without holding up the readers whose
// standing lets them read, and only if the chain has a block since that
// look: a flood of unknown hashes costs no chain read, and an honest read
// waits behind at most one.
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
