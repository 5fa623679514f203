package coordinator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// dealingsDir is the blob store's directory of the re-sharing under way's
// share pieces (see dealingSpool).
const dealingsDir = "dealings"

// errDealingGone reports share pieces the dealing spool no longer keeps:
// their re-sharing attempt ended (committed, failed, or replaced by another
// set of dealers) or the coordinator restarted since.
var errDealingGone = errors.New("coordinator: the re-sharing these share pieces belong to is over")

// dealingSpool keeps a re-sharing's share pieces on disk, from the moment a
// dealer's submission is admitted until the re-sharing ends, so that the
// coordinator holds none of their bytes in memory: t dealers each send each
// of C new holders a sealed share of every member's key (at 100 members, 7
// × 10 × 38.3 MB = 2.7 GB). Each piece is sealed to its holder
// (auth.SealTo) and signed by its dealer; the spool names it by content,
// the Keccak-256 its dealer signed (auth.ReshareContent: its bytes, bound
// to its recipient, set and place), in a directory of its own: a dealer
// cannot name, overwrite or have deleted a round's blob, and GetBlob
// serves none of these. Pieces are read back as each holder's task
// is sent (fill), as often as the holder joins again, and the whole
// directory goes when the attempt ends (begin, drop). Nothing is synced:
// a restarted coordinator has lost the re-sharing's phase state anyway and
// re-shares afresh, so openDealingSpool deletes what a previous run left.
// It is safe for concurrent use.
type dealingSpool struct {
	dir string

	// mu guards the directory's life: put and get hold it for reading
	// while they use a file, begin and drop for writing.
	mu sync.RWMutex
	// attempt numbers the re-sharing attempt the spool keeps pieces of; 0:
	// none. A piece is taken only for the attempt under way.
	attempt, last uint64

	blobsMu sync.Mutex
	// blobs names each kept piece's bytes by the dealer's signature on the
	// piece (unique to it), which a holder's task carries in memory.
	blobs map[string]common.Hash
}

// openDealingSpool opens the spool in the store's directory, deleting
// what a previous run left there.
func openDealingSpool(store *Store) (*dealingSpool, error) {
	dir := filepath.Join(store.dir, dealingsDir)
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("coordinator: clear the re-sharing pieces a previous run left in %s: %w", dir, err)
	}
	return &dealingSpool{dir: dir}, nil
}

// begin starts a re-sharing attempt, dropping any other's pieces, and
// returns its number: pieces are put under it.
func (s *dealingSpool) begin() (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.clear(); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return 0, fmt.Errorf("coordinator: make the re-sharing pieces' directory: %w", err)
	}
	s.last++
	s.attempt = s.last
	return s.attempt, nil
}

// drop ends the attempt under way, deleting its pieces.
func (s *dealingSpool) drop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clear()
}

// clear deletes every piece; the caller holds s.mu for writing.
func (s *dealingSpool) clear() error {
	s.attempt = 0
	s.blobsMu.Lock()
	s.blobs = nil
	s.blobsMu.Unlock()
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("coordinator: delete the re-sharing pieces: %w", err)
	}
	return nil
}

// put keeps piece p's ciphertext for attempt, under p.blob.
func (s *dealingSpool) put(attempt uint64, p dealtPiece) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if attempt == 0 || attempt != s.attempt {
		return errDealingGone
	}
	path := filepath.Join(s.dir, p.blob.Hex()[2:])
	if _, err := os.Stat(path); err != nil {
		if err := writeRenamed(path, p.sealed); err != nil {
			return fmt.Errorf("coordinator: keep a re-sharing piece: %w", err)
		}
	}
	s.blobsMu.Lock()
	defer s.blobsMu.Unlock()
	if s.blobs == nil {
		s.blobs = map[string]common.Hash{}
	}
	s.blobs[string(p.share.GetAuth().GetSignature())] = p.blob
	return nil
}

// writeRenamed writes data to a temporary file beside path, then renames it
// into place, so that a reader never sees a piece in part.
func writeRenamed(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".piece-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}

// get reads the kept piece sh (without its ciphertext) of the re-sharing
// setHash, checking its bytes still hash to its name: the content its
// dealer signed.
func (s *dealingSpool) get(sh *cohortv1.EncryptedShare, setHash common.Hash) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.blobsMu.Lock()
	h, ok := s.blobs[string(sh.GetAuth().GetSignature())]
	s.blobsMu.Unlock()
	if !ok {
		return nil, errDealingGone
	}
	data, err := os.ReadFile(filepath.Join(s.dir, h.Hex()[2:]))
	if err != nil {
		return nil, fmt.Errorf("coordinator: read a re-sharing piece: %w", err)
	}
	if got := auth.ReshareContent(common.BytesToAddress(sh.GetRecipient()), setHash, sh.GetPiece(), sh.GetPieces(), data); got != h {
		return nil, fmt.Errorf("%w: re-sharing piece %s now hashes to %s (a damaged disk?); the task that carries it is not sent", ErrCorruptBlob, h.Hex(), got.Hex())
	}
	return data, nil
}

// fill returns t with the ciphertexts of its share pieces read from the
// spool, if it is a re-sharing's key task (whose pieces the coordinator
// keeps on disk only); any other task is returned as it is. The task t
// itself, kept to be sent again, keeps no bytes.
func (s *dealingSpool) fill(t *cohortv1.Task) (*cohortv1.Task, error) {
	k := t.GetReshareKey()
	if k == nil {
		return t, nil
	}
	full := proto.CloneOf(k) // pieces without their ciphertexts: small
	for _, sh := range full.GetShares() {
		if len(sh.GetCiphertext()) > 0 {
			continue
		}
		data, err := s.get(sh, common.BytesToHash(k.GetSetHash()))
		if err != nil {
			return nil, err
		}
		sh.Ciphertext = data
	}
	return &cohortv1.Task{Kind: &cohortv1.Task_ReshareKey{ReshareKey: full}}, nil
}
