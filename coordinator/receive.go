package coordinator

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/crypto/sha3"

	"github.com/cohort-fl/cohort/aggregation"
)

// ErrIncomplete reports an upload whose stream ended before all the bytes
// its header announced arrived; the sender resumes where it ended.
var ErrIncomplete = errors.New("coordinator: upload incomplete")

// blobHash is the content address of data, aggregation.ContentHash: the
// chunk root of an encrypted vector, the Keccak-256 hash of anything else.
// For the latter it uses golang.org/x/crypto's implementation, which
// hashes about 1.5 to 2 times as fast as go-ethereum's on this machine's
// amd64: the store hashes every blob it takes and gives out.
func blobHash(data []byte) common.Hash {
	if aggregation.IsVectorEncoding(data) {
		return aggregation.ContentHash(data)
	}
	k := sha3.NewLegacyKeccak256()
	k.Write(data)
	var h common.Hash
	k.Sum(h[:0])
	return h
}

// Receive stores a blob that arrives in pieces: want is its hash, size its
// length, offset how many of its bytes an earlier, interrupted stream
// already delivered (see PartialSize), and next returns the following
// pieces until io.EOF. next is given the buffer's free space after the
// bytes received so far: it may write the piece there itself and return
// that prefix of it, which spares a copy, or return the piece from
// anywhere else. Each piece is written to the partial blob as it
// arrives and hashed (an encrypted vector is decoded and its chunks hashed
// as it arrives, aggregation.VectorStream), so nothing is read back or
// hashed twice, and a stream that breaks can resume from what arrived.
//
// admit, if not nil, decides whether the sender may store want at all (the
// coordinator's check of its commitment); the store, which addresses blobs
// and partial blobs by content alone, is not touched (not even looked at)
// before it accepts, and its error is returned as it is. On a first
// attempt (offset 0) the pieces are received into memory, decoded and
// hashed while admit runs, and written once it accepts: admit reads the
// chain, and the sender's bytes no longer wait behind that read. A resume
// (offset > 0) is admitted before its first piece is read.
//
// Once size bytes arrived and hash to want, check (if not nil) sees them,
// with the encrypted vector they decode to (decoded once, for its chunk
// root and the check; nil for other bytes); if it accepts, the partial blob is renamed into
// place and Receive returns the blob's size. check must not keep the bytes:
// their buffer is used again for the next upload (a fresh one of 16 MB, zeroed by
// the allocator and then overwritten, cost 5 ms). It is made durable by the next Sync,
// not here: the coordinator syncs a phase's uploads once before it acts on
// them, so no upload waits for a disk flush of its own.
//
// Errors: admit's error; next's own error (the partial blob is kept for a
// resume); ErrWrongOffset; ErrTooLarge for more than size bytes;
// ErrIncomplete when the pieces end early (kept for a resume);
// ErrCommitmentMismatch for bytes that hash to something else, or check's
// error (both drop the partial blob). A blob already stored whole is
// returned as stored, checked.
func (s *Store) Receive(want common.Hash, size, offset uint64, next func(free []byte) ([]byte, error), admit func() error, check func(data []byte, decoded *aggregation.EncryptedVector) error) (uint64, error) {
	if offset > size {
		return 0, fmt.Errorf("%w: resume at byte %d of a %d-byte upload", ErrWrongOffset, offset, size)
	}
	early := admit != nil && offset == 0 // admitted while the first pieces arrive
	var admitted chan error
	if early {
		admitted = make(chan error, 1)
		go func() { admitted <- admit() }()
	} else {
		if admit != nil {
			if err := admit(); err != nil {
				return 0, err
			}
		}
		if n, stored, err := s.storedWhole(want, check); stored {
			return n, err
		}
	}
	// One buffer of the announced size takes the bytes: the checks need
	// them whole, and it is never grown or copied again. It is the last
	// upload's if that one was at least as large: every writer of it
	// (the writer goroutine, the stream, check) is done before Receive
	// returns.
	buf := receiveBuffers.take(size)
	defer receiveBuffers.give(buf)
	data := (*buf)[:offset]
	var p *partialWriter // the partial blob, once admitted
	if !early {
		var err error
		if p, err = s.openPartial(want, data); err != nil {
			return 0, err
		}
	}
	defer func() {
		if p != nil {
			p.closeFile()
		}
	}()
	// Before admit accepts, the pieces wait in memory; once it does, the
	// store is opened and what arrived goes to the partial blob. refused
	// is admit's error, or the store's answer that ends the upload there.
	var refused error
	var storedSize uint64
	storedBefore := false
	admitNow := func(block bool) {
		if p != nil || refused != nil || storedBefore {
			return
		}
		var err error
		if block {
			err = <-admitted
		} else {
			select {
			case err = <-admitted:
			default:
				return
			}
		}
		if err != nil {
			refused = err
			return
		}
		if n, stored, err := s.storedWhole(want, check); stored {
			storedSize, refused, storedBefore = n, err, true
			return
		}
		if p, err = s.openPartial(want, nil); err != nil {
			refused = err
			return
		}
		if len(data) > 0 {
			p.pieces <- data[:len(data):len(data)]
		}
	}
	// An encrypted vector is decoded and its chunks hashed as it arrives
	// (for its chunk root and the check), so that little is left to do
	// after its last byte.
	var stream *aggregation.VectorStream
	streamVector := func() {
		if stream == nil && aggregation.IsVectorEncoding(data) {
			stream = aggregation.NewVectorStream(data[:size])
		}
		if stream != nil {
			stream.Arrived(len(data))
		}
	}
	streamVector()
	var recvErr error
	for {
		if early {
			admitNow(false)
			if refused != nil || storedBefore {
				break
			}
		}
		free := (*buf)[len(data):max(size, uint64(len(data)))]
		piece, err := next(free)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			recvErr = err // what arrived is kept for a resume
			break
		}
		if uint64(len(data))+uint64(len(piece)) > size {
			recvErr = fmt.Errorf("%w: upload exceeds the %d bytes its header announced", ErrTooLarge, size)
			break
		}
		start := len(data)
		if len(piece) > 0 && &piece[0] == &free[0] {
			data = data[:start+len(piece)] // next wrote it in place
		} else {
			data = append(data, piece...) // within capacity: earlier pieces stay put
		}
		if p != nil {
			p.pieces <- data[start:len(data):len(data)]
		}
		streamVector()
	}
	if early {
		admitNow(true)
	}
	complete := recvErr == nil && uint64(len(data)) == size
	if p != nil {
		close(p.pieces)
	}
	var decoded *aggregation.EncryptedVector
	if stream != nil {
		if v, err := stream.Finish(); err == nil && complete {
			decoded = v // else hashed as plain bytes below: it matches no root
		}
	}
	if p == nil { // refused, or stored whole before: nothing was written
		if stream != nil {
			stream.Release()
		}
		if storedBefore {
			return storedSize, refused
		}
		return 0, refused
	}
	vector := decoded != nil
	var checkErr error
	if complete && check != nil {
		checkErr = check(data, decoded)
	}
	w := <-p.written
	var got common.Hash
	switch {
	case vector:
		got = decoded.Hash() // computed by the stream
	case w.hashed:
		got = w.hash
	default: // the first bytes looked like a vector's, the rest did not
		got = blobHash(data)
	}
	if stream != nil {
		stream.Release() // decoded is not used again
	}
	drop := func(err error) (uint64, error) {
		p.closeFile()
		_ = s.DropPartial(want)
		return 0, err
	}
	switch {
	case errors.Is(recvErr, ErrTooLarge):
		return drop(recvErr)
	case recvErr != nil:
		return 0, recvErr
	case w.err != nil:
		return 0, fmt.Errorf("coordinator: partial upload %s: %w", want.Hex(), w.err)
	case !complete:
		return 0, fmt.Errorf("%w: upload ended after %d of %d bytes; resume from byte %d", ErrIncomplete, len(data), size, len(data))
	case got != want:
		return drop(fmt.Errorf("%w: uploaded bytes hash to %s, header says %s", ErrCommitmentMismatch, got.Hex(), want.Hex()))
	case checkErr != nil:
		return drop(checkErr)
	}
	if err := p.closeFile(); err != nil {
		return 0, fmt.Errorf("coordinator: store blob %s: %w", want.Hex(), err)
	}
	if err := s.recordRound(want); err != nil {
		return 0, err
	}
	if err := os.Rename(s.partialPath(want), s.path(want)); err != nil {
		return 0, fmt.Errorf("coordinator: store blob %s: %w", want.Hex(), err)
	}
	s.received(s.path(want))
	return size, nil
}

// storedWhole answers an upload of a blob already stored whole (before a
// restart): stored true, with its size and check's verdict on it. A blob
// a crash tore before Sync is removed, to be taken afresh (stored false).
func (s *Store) storedWhole(want common.Hash, check func(data []byte, decoded *aggregation.EncryptedVector) error) (size uint64, stored bool, err error) {
	if !s.Has(want) {
		return 0, false, nil
	}
	data, err := s.Get(want)
	switch {
	case errors.Is(err, ErrCorruptBlob):
		// Torn by a crash before Sync: taken afresh.
		if err := os.Remove(s.path(want)); err != nil {
			return 0, true, fmt.Errorf("coordinator: drop corrupt blob %s: %w", want.Hex(), err)
		}
		return 0, false, nil
	case err != nil:
		return 0, true, err
	}
	if check != nil {
		if err := check(data, nil); err != nil {
			return 0, true, err
		}
	}
	if err := s.recordRound(want); err != nil {
		return 0, true, err
	}
	return uint64(len(data)), true, nil
}

// partialWriter is an upload's partial blob and the goroutine that writes
// the pieces sent on pieces to it (writePieces), whose result comes on
// written once pieces is closed.
type partialWriter struct {
	f       *os.File
	closed  bool
	pieces  chan []byte
	written chan writeResult
}

// openPartial opens want's partial blob, which must hold exactly
// len(prefix) bytes (an earlier stream's), reads them into prefix and
// starts the writer.
func (s *Store) openPartial(want common.Hash, prefix []byte) (*partialWriter, error) {
	f, err := os.OpenFile(s.partialPath(want), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("coordinator: partial upload %s: %w", want.Hex(), err)
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("coordinator: partial upload %s: %w", want.Hex(), err)
	}
	if st.Size() != int64(len(prefix)) {
		if st.Size() == 0 {
			_ = os.Remove(f.Name()) // made just now by the open
		}
		_ = f.Close()
		return nil, fmt.Errorf("%w: %s resumes at byte %d, the coordinator holds %d; ask UploadStatus", ErrWrongOffset, want.Hex(), len(prefix), st.Size())
	}
	if _, err := io.ReadFull(f, prefix); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("coordinator: partial upload %s: %w", want.Hex(), err)
	}
	// The writer writes each piece to the partial blob while the next
	// piece is received, hashing it unless the blob is an encrypted
	// vector (addressed by its chunk root, computed as it arrives).
	p := &partialWriter{f: f, pieces: make(chan []byte, 4), written: make(chan writeResult, 1)}
	go func() { p.written <- writePieces(f, prefix, p.pieces) }()
	return p, nil
}

// closeFile closes the partial blob's file, once.
func (p *partialWriter) closeFile() error {
	if p.closed {
		return nil
	}
	p.closed = true
	return p.f.Close()
}

// receiveBuffers are Receive's buffers, used again by the next upload to
// any store. Not a sync.Pool: an upload's own garbage (gRPC's message
// buffers) runs a collection every two or three 1M-value uploads, and
// every second collection empties a sync.Pool, so most uploads allocated
// and zeroed a fresh buffer.
var receiveBuffers = bufferFreeList{budget: 128 << 20}

// bufferFreeList holds returned buffers up to budget bytes of capacity.
type bufferFreeList struct {
	mu     sync.Mutex
	bufs   []*[]byte
	bytes  int
	budget int
}

// take returns the smallest held buffer of capacity at least size, or a
// new one.
func (l *bufferFreeList) take(size uint64) *[]byte {
	l.mu.Lock()
	best := -1
	for i, b := range l.bufs {
		if uint64(cap(*b)) >= size && (best < 0 || cap(*b) < cap(*l.bufs[best])) {
			best = i
		}
	}
	if best >= 0 {
		b := l.bufs[best]
		l.bufs = slices.Delete(l.bufs, best, best+1)
		l.bytes -= cap(*b)
		l.mu.Unlock()
		return b
	}
	l.mu.Unlock()
	b := make([]byte, 0, size)
	return &b
}

// give holds b for a later take, unless that would exceed the budget.
func (l *bufferFreeList) give(b *[]byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.bytes+cap(*b) <= l.budget {
		l.bufs = append(l.bufs, b)
		l.bytes += cap(*b)
	}
}

// writeResult is what writePieces did.
type writeResult struct {
	// hash is the Keccak-256 of the prefix and every piece, if hashed:
	// not for a blob whose first bytes are an encrypted vector's.
	hash   common.Hash
	hashed bool
	err    error // the first write error
}

// writePieces writes each piece to f, and hashes the prefix and every
// piece unless the first bytes are an encrypted vector's. It reads pieces
// until they are closed, even after an error, so that the sender never
// blocks.
func writePieces(f *os.File, prefix []byte, pieces <-chan []byte) writeResult {
	var r writeResult
	hash := sha3.NewLegacyKeccak256()
	decided := false
	decide := func(first []byte) {
		if !decided && len(first) > 0 {
			decided, r.hashed = true, !aggregation.IsVectorEncoding(first)
			if r.hashed {
				hash.Write(prefix)
			}
		}
	}
	decide(prefix)
	var err error
	for p := range pieces {
		switch {
		case err != nil:
		default:
			_, err = f.Write(p)
			decide(p) // a no-op once decided, and the prefix is empty until then
			if r.hashed {
				hash.Write(p)
			}
		}
	}
	hash.Sum(r.hash[:0])
	r.err = err
	return r
}
