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
//     signed by the study's owner or by one of its participants, with the
//     signature bound to the TLS certificate the request comes over, and
//     to a participant, current or past, only the blobs of the rounds it
//     took part in: those the store recorded as first stored in one of
//     them (Store.RoundOf; the coordinator enters a round before anything
//     is made for it, its re-sharing included). The chain's logs give
//     those rounds (Ledger.Participation): from each join or reinstatement
//     (round 0, the setup, before round 1) to the last round opened before
//     it left, was excluded or was suspended. A hospital suspended as
//     malicious no longer receives everyone's ciphertexts and aggregates
//     of the rounds that go on without it, nor of those it missed once
//     reinstated or joined again, and one that joins late those of the
//     rounds before; it keeps those of its rounds, for an audit and its
//     own late work. The setup's blobs every participant needs whenever
//     it joined go to all of them: the study's collective public key (it
//     encrypts its updates under it) and its root data set (robust
//     scoring), both named by the study on chain, and the encrypted
//     moments and their sum that a member (re)joining after the moments
//     phase checks the pooled standardiser against (checkedOnJoin). A
//     blob with no round recorded (stored before 2026-12-07, or its
//     record lost to a crash) goes to the owner and current participants
//     only.
//
// The owner is kept once seen on chain. A participant's standing (current
// or not, the study's round at the read) is kept until the chain has a
// block after the read, and the rounds it took part in, once read, for
// good: a later block changes none before their Unsettled round. A current
// participant reads the blobs of the round open at the read, and of later
// rounds while its standing is fresh, without reading its rounds: what it
// needs to take part. A blob of an earlier round reads its rounds at most
// once a block, and again only once the study has moved on a round. A
// past participant's rounds are read with its standing; it is read again
// (it may have joined again or been reinstated) only once the chain has a
// block after the read, and then through the per-certificate limit
// (allow) as for an unknown signer, so a refused one costs no unbounded
// chain reads. The requests of one signer that find its standing stale
// in the same block share one read of it, and the reads of a block share
// one read of the study, the published set's refresh included: right
// after a block a hundred hospitals, each fetching a round's blobs
// several at a time, cost one study read and one read of each.
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
	// setup is the blobs of the study's setup (round 0) that a member
	// (re)joining later checks the pooled standardiser against
	// (checkedOnJoin); every participant reads them, as it does the
	// study's key and root data set.
	setup map[common.Hash]bool
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
	owner bool
	// current: it took part at the read, when the study's last opened
	// round was round, open or not.
	current bool
	round   uint32
	open    bool
	// moved is closed once the chain has a block after the read.
	moved <-chan struct{}
	// took is the rounds it took part in: nil until a read needed them (a
	// current participant reading its round's blobs needs none), then
	// kept through later reads of its standing.
	took *tookRead
}

// tookRead is a read of the rounds a signer took part in.
type tookRead struct {
	contracts.Participation
	moved <-chan struct{} // the chain's NextHead taken before the read
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
func (st standing) fresh() bool { return !closed(st.moved) }

// closed reports whether ch is closed (false for nil).
func closed(ch <-chan struct{}) bool {
	if ch == nil {
		return false
	}
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// verdict is what a standing says of one blob.
type verdict int

const (
	readAgain verdict = iota // the chain must be read again
	readable
	refused
)

func verdictOf(ok bool) verdict {
	if ok {
		return readable
	}
	return refused
}

// judge tells whether st lets its signer read a blob of round (recorded:
// the store records one). live: st was read after the chain's latest
// block, or by this request after the block it saw; a block landing
// during that read changes nothing judge decides from it (the coordinator
// enters a round in its store before opening it on chain, so a current
// participant reads the round it is told of before its block).
func (st standing) judge(round uint32, recorded, live bool) verdict {
	took := st.took
	switch {
	case st.owner:
		return readable
	case !recorded:
		if live {
			return verdictOf(st.current) // the owner's and current participants' only
		}
	case took != nil && (round < took.Unsettled() || (live && took.moved == st.moved)):
		return verdictOf(took.In(round))
	case st.current && st.open && round == st.round:
		return readable // it took part in the round open at the read
	case st.current && live && round > st.round:
		return readable // the next round's, made ahead of the chain: it takes part
	}
	return readAgain
}

// checkedOnJoin records the blobs a member (re)joining after the moments
// phase fetches to check the pooled standardiser it is sent first (the
// coordinator's catchUpTask): the encrypted moments and their sum, named
// by res.
func (r *blobReaders) checkedOnJoin(res *cohortv1.MomentsResultTask) {
	setup := map[common.Hash]bool{common.BytesToHash(res.GetAggregateHash()): true}
	for _, m := range res.GetContributions() {
		setup[common.BytesToHash(m.GetCiphertextHash())] = true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.setup = setup // replaced whole: judge reads a map it took under mu
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
	var undecided, denied []common.Hash
	if known {
		if undecided, denied = c.readers.judge(c.store, st, hashes, st.fresh()); undecided == nil && denied == nil {
			return nil
		}
	}
	if !known || undecided != nil {
		// A current participant reads the chain again at most once a
		// block (its standing is kept until then); anyone else pays the
		// per-certificate bucket.
		if !known || !st.current {
			if err := c.allow(ctx, fmt.Sprintf("a read signed by %s, not known as the owner or a current participant of study %d,", reader.Hex(), study)); err != nil {
				return err
			}
		}
		if st, known, err = c.readers.read(ctx, c, reader); err != nil {
			return status.Errorf(codes.Unavailable, "coordinator: check on chain who may read study %d's blobs: %v", study, err)
		}
		if known {
			if undecided, denied = c.readers.judge(c.store, st, hashes, true); undecided != nil {
				// Blobs of rounds before the study's: whether it took
				// part in them is in the study's logs.
				if st, err = c.readers.readTook(ctx, c, reader, st); err != nil {
					return status.Errorf(codes.Unavailable, "coordinator: check on chain which rounds of study %d %s took part in: %v", study, reader.Hex(), err)
				}
				undecided, denied = c.readers.judge(c.store, st, hashes, true)
				denied = append(denied, undecided...) // none is, with its rounds read at this block
			}
			if denied == nil {
				return nil
			}
		}
	}
	if !known {
		if err := c.readers.allPublished(ctx, c, hashes); err != nil {
			return toStatus(fmt.Errorf("%w: %s is neither the owner of study %d nor one of its participants, current or past; %v; its other blobs go to its owner and participants only (join the study on chain to read them)",
				ErrNotParticipant, reader.Hex(), study, err))
		}
		return nil
	}
	if err := c.readers.allPublished(ctx, c, denied); err != nil {
		return toStatus(c.readers.refusal(c.store, reader, study, st, denied, err))
	}
	return nil
}

// refusal says why reader, of standing st, may not read the first of
// denied not published (unpublished says it is not).
func (r *blobReaders) refusal(store *Store, reader common.Address, study uint64, st standing, denied []common.Hash, unpublished error) error {
	h := denied[0]
	if first := r.unpublished(denied); first != nil {
		h = *first
	}
	took := "unknown"
	if st.took != nil {
		took = st.took.String()
	}
	round, recorded := store.RoundOf(h)
	if !recorded {
		return fmt.Errorf("%w: %s is no current participant of study %d (it took part in rounds %s), and blob %s has no round recorded; %v; such blobs go to the study's owner and current participants only",
			ErrNotParticipant, reader.Hex(), study, took, h.Hex(), unpublished)
	}
	return fmt.Errorf("%w: blob %s is of round %d of study %d, and %s took part in rounds %s of it; %v; a participant reads the blobs of the rounds it took part in and the published ones, not those of the rounds before it joined or while it was away (it left, was excluded or was suspended)",
		ErrNotParticipant, h.Hex(), round, study, reader.Hex(), took, unpublished)
}

// judge sorts hashes by what st says of them (live as for standing.judge):
// those it refuses, and those the chain must be read again for. Any
// participant, current or past, reads the study's collective public key,
// its root data set and the setup's blobs a joiner checks, whatever rounds
// it took part in.
func (r *blobReaders) judge(store *Store, st standing, hashes []common.Hash, live bool) (undecided, denied []common.Hash) {
	r.mu.Lock()
	key, root := r.study.study.PublicKeyHash, r.study.study.ReferenceCommitment
	setup := r.setup
	r.mu.Unlock()
	for _, h := range hashes {
		if h != (common.Hash{}) && (h == key || h == root || setup[h]) {
			continue
		}
		round, recorded := store.RoundOf(h)
		switch st.judge(round, recorded, live) {
		case readAgain:
			undecided = append(undecided, h)
		case refused:
			denied = append(denied, h)
		}
	}
	return undecided, denied
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
// chain's NextHead, taken before the reads), and for a past participant
// the rounds it took part in. The study (its owner, its round) is read
// before the participant: a participant current at the second read was
// current in the round the first read saw (it was open, or the next is
// the first it takes part in). The study read may be another signer's
// (studyAfter): made after moved was taken, it still ends before this
// participant read begins, and the order holds.
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
		st.current, st.round, st.open = !p.Left && !p.Suspended, study.CurrentRound, study.RoundOpen
		if !st.current {
			// Whatever a past participant asks for, its rounds decide.
			took, err := c.ledger.Participation(ctx, c.cfg.StudyID, addr)
			if err != nil {
				return standing{}, false, err
			}
			st.took = &tookRead{Participation: took, moved: moved}
			// Back by the logs: it joined again or was reinstated
			// after the read.
			st.current = took.Current()
		}
	}
	return r.keep(addr, st), true, nil
}

// keep records st, just read, as addr's standing, and returns it with the
// rounds addr took part in as last read if st has none. A read that began
// before a block and ends after one begun after it replaces none of the
// newer standing (its moved is closed, the kept one's not), and the rounds
// kept are those read at the latest block.
func (r *blobReaders) keep(addr common.Address, st standing) standing {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.standings == nil {
		r.standings = make(map[common.Address]standing)
	}
	kept, ok := r.standings[addr]
	if !ok {
		r.standings[addr] = st
		return st
	}
	if st.took == nil {
		st.took = kept.took
	}
	newer := st
	if kept.fresh() && !st.fresh() {
		newer = kept
	}
	newer.took = laterTook(st.took, kept.took)
	r.standings[addr] = newer
	return st
}

// laterTook returns whichever of a and b was read at the later block.
func laterTook(a, b *tookRead) *tookRead {
	if a == nil || (b != nil && b.Block > a.Block) {
		return b
	}
	return a
}

// readTook returns st with the rounds addr took part in read after st's
// block, reading them unless they were: once for the requests asking
// after the same block.
func (r *blobReaders) readTook(ctx context.Context, c *Coordinator, addr common.Address, st standing) (standing, error) {
	if st.took != nil && st.took.moved == st.moved {
		return st, nil
	}
	v, err := r.shared(ctx, fmt.Sprintf("rounds of %s at %p", addr.Hex(), st.moved), func(ctx context.Context) (any, error) {
		if kept, ok := r.standing(addr); ok && kept.took != nil && kept.took.moved == st.moved {
			return kept.took, nil // read while this caller was on its way
		}
		p, err := c.ledger.Participation(ctx, c.cfg.StudyID, addr)
		if err != nil {
			return nil, err
		}
		took := &tookRead{Participation: p, moved: st.moved}
		r.mu.Lock()
		defer r.mu.Unlock()
		if kept, ok := r.standings[addr]; ok {
			kept.took = laterTook(kept.took, took)
			r.standings[addr] = kept
		}
		return took, nil
	})
	if err != nil {
		return st, err
	}
	st.took = v.(*tookRead)
	return st, nil
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
		if err := r.refresh(ctx, c, next); err != nil {
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
// read yet, from the study as read after moved (the chain's NextHead,
// taken before), shared with the standings read after the same block
// (studyAfter); the caller holds r.refreshing.
func (r *blobReaders) refresh(ctx context.Context, c *Coordinator, moved <-chan struct{}) error {
	st, err := r.studyAfter(ctx, c, moved)
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
