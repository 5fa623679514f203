package coordinator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/renameio/v2"
	"golang.org/x/sync/errgroup"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// ErrBlobNotFound reports a hash the store holds no blob for. It is also
// an fs.ErrNotExist, so that a reader of the store through an interface
// (the audit) can tell a blob missing from one damaged or forged.
var ErrBlobNotFound error = blobNotFound{}

type blobNotFound struct{}

func (blobNotFound) Error() string        { return "coordinator: blob not found" }
func (blobNotFound) Is(target error) bool { return target == fs.ErrNotExist }

// ErrCorruptBlob reports a stored blob whose bytes no longer hash to its
// name (a crash before it was synced, or a damaged disk).
var ErrCorruptBlob = errors.New("coordinator: blob corrupt on disk")

// Store is a content-addressed blob store on disk: each blob lives in a file
// named by its content hash (aggregation.ContentHash), so what the chain
// commits to is exactly what can be fetched. Writes go to a temporary file
// and are renamed into place. Blobs put are durable when Put returns;
// uploads received (Receive) are made durable together by Sync, which the
// coordinator calls before it acts on them (a blob lost or torn by a crash
// before that is refused by Get and taken again from its sender, who keeps
// it). It is safe for concurrent use.
//
// Each blob is recorded with the round it was first stored in (EnterRound,
// RoundOf), so that a participant of the study, current or past, is
// served the blobs of the rounds it took part in and not those of the
// rounds it missed (blobReaders).
type Store struct {
	dir   string
	round atomic.Uint32 // what EnterRound last set

	mu       sync.Mutex
	unsynced map[string]bool // blobs received since the last Sync
}

// OpenStore opens (creating if needed) a blob store in dir.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("coordinator: open blob store: %w", err)
	}
	return &Store{dir: dir}, nil
}

// Put stores data and returns its hash. Storing the same bytes twice is a
// no-op, but for recording the store's round (EnterRound) for a blob
// whose round the store does not hold.
func (s *Store) Put(data []byte) (common.Hash, error) {
	h := blobHash(data)
	path := s.path(h)
	if err := s.recordRound(h); err != nil {
		return common.Hash{}, err
	}
	if _, err := os.Stat(path); err == nil {
		return h, nil
	}
	if err := renameio.WriteFile(path, data, 0o600); err != nil {
		return common.Hash{}, fmt.Errorf("coordinator: store blob: %w", err)
	}
	return h, nil
}

// Get returns the blob with hash h, checking that its bytes still hash to h.
func (s *Store) Get(h common.Hash) ([]byte, error) {
	data, err := s.readUnchecked(h)
	if err != nil {
		return nil, err
	}
	if got := blobHash(data); got != h {
		return nil, corruptBlob(h, got)
	}
	return data, nil
}

// GetAll returns the blobs with the given hashes, in order, each checked as
// Get checks it, on up to GOMAXPROCS workers: checking an update's hash
// decodes it and hashes its chunk tree (about 5 ms for 100k values), so a
// round's 100 updates read one after the other kept one core busy for
// half a second while the other waited.
func (s *Store) GetAll(hashes []common.Hash) ([][]byte, error) {
	out := make([][]byte, len(hashes))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, h := range hashes {
		g.Go(func() error {
			var err error
			out[i], err = s.Get(h)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// readUnchecked returns the bytes stored under h without hashing them:
// the caller checks them (as openers do, from the vector they decode).
func (s *Store) readUnchecked(h common.Hash) ([]byte, error) {
	data, err := os.ReadFile(s.path(h))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrBlobNotFound, h.Hex())
	}
	if err != nil {
		return nil, fmt.Errorf("coordinator: read blob %s: %w", h.Hex(), err)
	}
	return data, nil
}

// corruptBlob reports a stored blob whose bytes hash to got, not h.
func corruptBlob(h, got common.Hash) error {
	return fmt.Errorf("%w: %s hashes to %s; restore it from a member", ErrCorruptBlob, h.Hex(), got.Hex())
}

func (s *Store) path(h common.Hash) string {
	return filepath.Join(s.dir, h.Hex()[2:])
}

// EnterRound makes r the round every blob first stored from now on
// belongs to (RoundOf). The coordinator enters round r before it does
// anything for it (the re-sharing before it, its enrolment window), so a
// blob made for round r is never recorded as of an earlier round. It
// never goes back: entering an earlier round is a no-op.
func (s *Store) EnterRound(r uint32) {
	for {
		cur := s.round.Load()
		if r <= cur || s.round.CompareAndSwap(cur, r) {
			return
		}
	}
}

// RoundOf returns the round blob h was first stored in (EnterRound's, 0
// before the first), or false when the store holds none for it: a blob
// stored by a release before 2026-12-07, a record a crash lost or tore,
// or a hash the store never held.
func (s *Store) RoundOf(h common.Hash) (uint32, bool) {
	b, err := os.ReadFile(s.roundPath(h))
	if err != nil {
		return 0, false
	}
	// A record ends in a newline: a torn write of "12\n" may leave "1",
	// an earlier round, which must read as none rather than let a past
	// participant removed in round 1 read round 12's blob.
	digits, whole := bytes.CutSuffix(b, []byte("\n"))
	if !whole {
		return 0, false
	}
	r, err := strconv.ParseUint(string(digits), 10, 32)
	if err != nil {
		return 0, false
	}
	return uint32(r), true
}

// recordRound records the store's round for h unless one is recorded
// already: the first store of a blob wins, so storing the same bytes again
// later never moves them to a later round. No kind that blobReaders
// gives by round is stored in two (models are published; the key, root
// data set and moments are read whenever one joined; updates are bound to
// their round, and aggregates and score sets made from them): a new kind
// stored again must be one of those, or later joiners are refused it
// (TestBlobStoredAgainInALaterRoundKeepsItsFirstRound). The record is not synced: a
// crash that loses it (or tears it: without its final newline it reads
// as none, RoundOf) only refuses the
// blob to past participants, until it is stored again and recorded as of
// the round then, never an earlier one.
func (s *Store) recordRound(h common.Hash) error {
	f, err := os.OpenFile(s.roundPath(h), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("coordinator: record the round of blob %s: %w", h.Hex(), err)
	}
	_, err = f.Write(append(strconv.AppendUint(nil, uint64(s.round.Load()), 10), '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("coordinator: record the round of blob %s: %w", h.Hex(), err)
	}
	return nil
}

func (s *Store) roundPath(h common.Hash) string {
	return filepath.Join(s.dir, "round-"+h.Hex()[2:])
}

// Sync makes every blob received since the last Sync durable: its file and
// the directory entry that names it.
func (s *Store) Sync() error {
	s.mu.Lock()
	paths := s.unsynced
	s.unsynced = nil
	s.mu.Unlock()
	for p := range paths {
		f, err := os.Open(p)
		if err == nil {
			err = f.Sync()
			f.Close()
		}
		if err != nil {
			return fmt.Errorf("coordinator: sync blob %s: %w", filepath.Base(p), err)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	d, err := os.Open(s.dir)
	if err != nil {
		return fmt.Errorf("coordinator: sync blob store: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("coordinator: sync blob store: %w", err)
	}
	return nil
}

func (s *Store) received(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unsynced == nil {
		s.unsynced = map[string]bool{}
	}
	s.unsynced[path] = true
}

// Partial uploads: the bytes of an update that arrived before its stream
// broke are kept under "partial-<hash>" so the sender can resume.

// PartialSize is how many bytes of the blob with hash h have arrived so far.
func (s *Store) PartialSize(h common.Hash) (int64, error) {
	st, err := os.Stat(s.partialPath(h))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("coordinator: partial upload %s: %w", h.Hex(), err)
	}
	return st.Size(), nil
}

// DropPartial forgets a partial blob (once stored whole, or found corrupt).
func (s *Store) DropPartial(h common.Hash) error {
	if err := os.Remove(s.partialPath(h)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Has reports whether the blob with hash h is stored.
func (s *Store) Has(h common.Hash) bool {
	_, err := os.Stat(s.path(h))
	return err == nil
}

func (s *Store) partialPath(h common.Hash) string {
	return filepath.Join(s.dir, "partial-"+h.Hex()[2:])
}

// ErrWrongOffset reports a resumed upload that does not start where the
// coordinator's copy ends.
var ErrWrongOffset = errors.New("coordinator: upload resumed at the wrong offset")

// WriteState keeps a small named piece of coordinator state (not content
// addressed, replaced atomically), such as the server optimiser's moments.
func (s *Store) WriteState(name string, data []byte) error {
	if err := renameio.WriteFile(filepath.Join(s.dir, "state-"+name), data, 0o600); err != nil {
		return fmt.Errorf("coordinator: write state %s: %w", name, err)
	}
	return nil
}

// ReadState reads named state; ErrBlobNotFound if there is none.
func (s *Store) ReadState(name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, "state-"+name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: state %s", ErrBlobNotFound, name)
	}
	return b, err
}

// studyState names the state that records which study a store's blobs
// belong to.
const studyState = "study"

// ClaimStudy records that the store holds study's blobs, or refuses a
// store that holds another study's: a coordinator serves every blob in
// its store to the readers of its one study (blobReaders), so two studies
// must not share one.
func (s *Store) ClaimStudy(study uint64) error {
	raw, err := s.ReadState(studyState)
	switch {
	case errors.Is(err, ErrBlobNotFound):
		return s.WriteState(studyState, strconv.AppendUint(nil, study, 10))
	case err != nil:
		return err
	}
	held, err := strconv.ParseUint(string(raw), 10, 64)
	if err != nil {
		return fmt.Errorf("coordinator: store %s: state %s is %q, not a study id: %w", s.dir, studyState, raw, err)
	}
	if held != study {
		return fmt.Errorf("coordinator: the blob store %s holds study %d's blobs, not study %d's: give each study's coordinator a data directory of its own", s.dir, held, study)
	}
	return nil
}

// WriteDecryptionRecord keeps what the round whose aggregate is agg
// computed its model from (see cohortv1.DecryptionRecord), under the
// aggregate's hash, which the chain records: `cohort audit` finds it there.
func (s *Store) WriteDecryptionRecord(agg common.Hash, rec *cohortv1.DecryptionRecord) error {
	b, err := proto.Marshal(rec)
	if err != nil {
		return fmt.Errorf("coordinator: decryption record of %s: %w", agg.Hex(), err)
	}
	return s.WriteState(decryptionRecordName(agg), b)
}

// DecryptionRecord reads the record WriteDecryptionRecord kept for the
// aggregate agg; ErrBlobNotFound if there is none.
func (s *Store) DecryptionRecord(agg common.Hash) (*cohortv1.DecryptionRecord, error) {
	b, err := s.ReadState(decryptionRecordName(agg))
	if err != nil {
		return nil, err
	}
	rec := new(cohortv1.DecryptionRecord)
	if err := proto.Unmarshal(b, rec); err != nil {
		return nil, fmt.Errorf("%w: decryption record of %s: %v", ErrMalformed, agg.Hex(), err)
	}
	return rec, nil
}

func decryptionRecordName(agg common.Hash) string { return "decryption-" + agg.Hex() }

// MomentsRecord reads what the pooled standardiser was computed from before
// round 1 (the moments phase's outcome, kept as the coordinator sent it to
// every member): the signed counts and contributions, the sum's hash the
// chain pins, the holders' signed decryption shares of every decryption
// set and the standardiser. `cohort audit` decrypts the sum again from
// it. ErrBlobNotFound if the study has none (site standardisation, or the
// moments phase has not ended).
func (s *Store) MomentsRecord() (*cohortv1.MomentsResultTask, error) {
	b, err := s.ReadState(momentsState)
	if err != nil {
		return nil, err
	}
	rec := new(cohortv1.MomentsResultTask)
	if err := proto.Unmarshal(b, rec); err != nil {
		return nil, fmt.Errorf("%w: moments record: %v", ErrMalformed, err)
	}
	return rec, nil
}

// WriteMomentsRecord keeps rec as the moments phase's outcome, where
// MomentsRecord reads it (the coordinator keeps it with the phase's other
// state; this is for tools and tests that make a store).
func (s *Store) WriteMomentsRecord(rec *cohortv1.MomentsResultTask) error {
	b, err := proto.Marshal(rec)
	if err != nil {
		return fmt.Errorf("coordinator: moments record: %w", err)
	}
	return s.WriteState(momentsState, b)
}
