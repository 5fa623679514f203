package coordinator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
)

func TestStore(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	data := []byte("ciphertext bytes")
	h, err := s.Put(data)
	require.NoError(t, err)
	require.Equal(t, crypto.Keccak256Hash(data), h)
	again, err := s.Put(data)
	require.NoError(t, err)
	require.Equal(t, h, again)

	got, err := s.Get(h)
	require.NoError(t, err)
	require.Equal(t, data, got)

	_, err = s.Get(crypto.Keccak256Hash([]byte("absent")))
	require.ErrorIs(t, err, ErrBlobNotFound)

	require.NoError(t, os.WriteFile(filepath.Join(s.dir, h.Hex()[2:]), []byte("tampered"), 0o600))
	_, err = s.Get(h)
	require.ErrorContains(t, err, "corrupt")
}

// A blob is recorded with the round the store was in when it was first
// stored, by Put or by an upload: storing the same bytes in a later round
// keeps the first, the store's round never goes back, and a blob the
// store recorded no round for (a torn record, an older release's blob) has
// none, which refuses it to past participants (blobReaders).
func TestStoreRecordsTheRoundABlobIsFirstStoredIn(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	key, err := s.Put([]byte("collective key"))
	require.NoError(t, err)
	s.EnterRound(2)
	update, err := s.Put([]byte("round 2's update"))
	require.NoError(t, err)
	uploaded := []byte("round 2's upload")
	_, err = s.Receive(crypto.Keccak256Hash(uploaded), uint64(len(uploaded)), 0, pieces(uploaded, 4, io.EOF), nil, nil)
	require.NoError(t, err)
	s.EnterRound(3)
	s.EnterRound(1) // no going back
	_, err = s.Put([]byte("round 2's update"))
	require.NoError(t, err)
	later, err := s.Put([]byte("round 3's aggregate"))
	require.NoError(t, err)
	_, err = s.Receive(crypto.Keccak256Hash(uploaded), uint64(len(uploaded)), 0, pieces(uploaded, 4, io.EOF), nil, nil)
	require.NoError(t, err, "the upload again, stored whole")

	for h, want := range map[common.Hash]uint32{key: 0, update: 2, crypto.Keccak256Hash(uploaded): 2, later: 3} {
		got, ok := s.RoundOf(h)
		require.True(t, ok, "%s", h.Hex())
		assert.Equal(t, want, got, "%s", h.Hex())
	}
	_, ok := s.RoundOf(crypto.Keccak256Hash([]byte("never stored")))
	assert.False(t, ok)
	for _, torn := range []string{"2x\n", "1", ""} { // "1" is what a torn "12\n" may leave
		require.NoError(t, os.WriteFile(s.roundPath(update), []byte(torn), 0o600))
		_, ok = s.RoundOf(update)
		assert.False(t, ok, "a torn record %q is none", torn)
	}
}

// pieces returns a next function for Store.Receive that yields data in
// pieces of size n and then end (io.EOF for a whole stream). Every other
// piece that fits is written into the free space Receive offers, as the
// coordinator's codec does (serverCodec).
func pieces(data []byte, n int, end error) func(free []byte) ([]byte, error) {
	inPlace := false
	return func(free []byte) ([]byte, error) {
		if len(data) == 0 {
			return nil, end
		}
		p := data[:min(n, len(data))]
		data = data[len(p):]
		if inPlace = !inPlace; inPlace && len(p) <= len(free) {
			return free[:copy(free, p)], nil
		}
		return bytes.Clone(p), nil
	}
}

// blob10k is a 10,000-byte blob that is not an encrypted vector, its
// hash and size.
func blob10k() ([]byte, common.Hash, uint64) {
	data := make([]byte, 10_000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	return data, crypto.Keccak256Hash(data), uint64(len(data))
}

func TestStoreReceive(t *testing.T) {
	data, h, size := blob10k()
	broken := errors.New("stream broke")
	refuse := errors.New("not a ciphertext")

	t.Run("whole", func(t *testing.T) {
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		var checked []byte
		got, err := s.Receive(h, size, 0, pieces(data, 999, io.EOF), nil, func(b []byte, _ *aggregation.EncryptedVector) error { checked = bytes.Clone(b); return nil })
		require.NoError(t, err)
		assert.Equal(t, size, got)
		assert.Equal(t, data, checked)
		stored, err := s.Get(h)
		require.NoError(t, err)
		assert.Equal(t, data, stored)
		held, err := s.PartialSize(h)
		require.NoError(t, err)
		assert.Zero(t, held, "the partial blob became the blob")
		// Again (a restart after the upload): the stored blob, checked.
		_, err = s.Receive(h, size, 0, pieces(nil, 1, io.EOF), nil, func([]byte, *aggregation.EncryptedVector) error { return refuse })
		assert.ErrorIs(t, err, refuse)
	})
	t.Run("resumed", func(t *testing.T) {
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		_, err = s.Receive(h, size, 0, pieces(data[:4000], 1000, broken), nil, nil)
		require.ErrorIs(t, err, broken)
		held, err := s.PartialSize(h)
		require.NoError(t, err)
		require.EqualValues(t, 4000, held, "what arrived is kept")
		_, err = s.Receive(h, size, 3000, pieces(data[3000:], 1000, io.EOF), nil, nil)
		require.ErrorIs(t, err, ErrWrongOffset)
		_, err = s.Receive(h, size, 4000, pieces(data[4000:7000], 1000, io.EOF), nil, nil)
		require.ErrorIs(t, err, ErrIncomplete, "a stream that ends early")
		got, err := s.Receive(h, size, 7000, pieces(data[7000:], 1000, io.EOF), nil, nil)
		require.NoError(t, err)
		assert.Equal(t, size, got)
		stored, err := s.Get(h)
		require.NoError(t, err)
		assert.Equal(t, data, stored, "the kept bytes and the rest")
	})
	t.Run("one after another", func(t *testing.T) {
		// Receive's buffer is used again: each blob and each check must
		// still see its own bytes.
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		blobs := [][]byte{data, bytes.Repeat([]byte{3}, len(data)), data[:5000]}
		for _, b := range blobs {
			var checked []byte
			_, err := s.Receive(crypto.Keccak256Hash(b), uint64(len(b)), 0, pieces(b, 777, io.EOF), nil, func(got []byte, _ *aggregation.EncryptedVector) error { checked = bytes.Clone(got); return nil })
			require.NoError(t, err)
			assert.Equal(t, b, checked)
		}
		for _, b := range blobs {
			stored, err := s.Get(crypto.Keccak256Hash(b))
			require.NoError(t, err)
			assert.Equal(t, b, stored)
		}
	})
	for _, tc := range []struct {
		name  string
		next  func([]byte) ([]byte, error)
		check func([]byte, *aggregation.EncryptedVector) error
		want  error
	}{
		{"too large", pieces(append(bytes.Clone(data), 1), 1000, io.EOF), nil, ErrTooLarge},
		{"other bytes", pieces(bytes.Repeat([]byte{1}, len(data)), 1000, io.EOF), nil, ErrCommitmentMismatch},
		{"refused by check", pieces(data, 1000, io.EOF), func([]byte, *aggregation.EncryptedVector) error { return refuse }, refuse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := OpenStore(t.TempDir())
			require.NoError(t, err)
			_, err = s.Receive(h, size, 0, tc.next, nil, tc.check)
			require.ErrorIs(t, err, tc.want)
			assert.False(t, s.Has(h))
			held, err := s.PartialSize(h)
			require.NoError(t, err)
			assert.Zero(t, held, "the partial blob is dropped")
		})
	}
}

// Receive asks admit before it touches the store (admit is the
// coordinator's check of the sender's commitment): a first attempt's
// pieces arrive into memory meanwhile, a resume's only once it accepts, and
// a refusal leaves the store as it was, another sender's partial blob of
// the same bytes included.
func TestReceiveAdmitsBeforeTouchingTheStore(t *testing.T) {
	data, h, size := blob10k()
	refuse := errors.New("no commitment on chain")

	// counted is pieces(data[from:], 1000, io.EOF) that counts the pieces
	// read and closes ended at the end.
	counted := func(from int) (next func([]byte) ([]byte, error), read *atomic.Int32, ended chan struct{}) {
		read, ended = new(atomic.Int32), make(chan struct{})
		inner := pieces(data[from:], 1000, io.EOF)
		return func(free []byte) ([]byte, error) {
			p, err := inner(free)
			if err == nil {
				read.Add(1)
			} else {
				close(ended)
			}
			return p, err
		}, read, ended
	}
	// untouched says whether the store holds no blob and, for h, the
	// partial blob it held before (nil: none).
	untouched := func(t *testing.T, s *Store, partial []byte) {
		t.Helper()
		assert.False(t, s.Has(h), "a blob was stored")
		held, err := os.ReadFile(s.partialPath(h))
		if partial == nil {
			assert.ErrorIs(t, err, fs.ErrNotExist, "a partial blob was made")
			return
		}
		require.NoError(t, err)
		assert.Equal(t, partial, held, "the partial blob changed")
	}
	// stored checks that a Receive returned the blob's size and that the
	// store holds it whole.
	stored := func(t *testing.T, s *Store) func(uint64, error) {
		return func(got uint64, err error) {
			t.Helper()
			require.NoError(t, err)
			assert.Equal(t, size, got)
			held, err := s.Get(h)
			require.NoError(t, err)
			assert.Equal(t, data, held)
		}
	}
	// waitFor blocks until n pieces were read and checks that the store
	// holds nothing of them yet.
	waitFor := func(t *testing.T, s *Store, read *atomic.Int32, n int32) {
		for read.Load() < n {
			runtime.Gosched()
		}
		untouched(t, s, nil)
	}

	t.Run("accepted while the pieces arrive", func(t *testing.T) {
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		next, read, _ := counted(0)
		stored(t, s)(s.Receive(h, size, 0, next, func() error { waitFor(t, s, read, 3); return nil }, nil))
	})
	t.Run("accepted after the last piece", func(t *testing.T) {
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		next, _, ended := counted(0)
		stored(t, s)(s.Receive(h, size, 0, next, func() error { <-ended; untouched(t, s, nil); return nil }, nil))
	})
	t.Run("refused after pieces arrived", func(t *testing.T) {
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		next, read, _ := counted(0)
		_, err = s.Receive(h, size, 0, next, func() error { waitFor(t, s, read, 3); return refuse }, nil)
		require.ErrorIs(t, err, refuse)
		untouched(t, s, nil)
	})

	// Another sender's interrupted upload of the same bytes.
	withPartial := func(t *testing.T) *Store {
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		_, err = s.Receive(h, size, 0, pieces(data[:4000], 1000, errors.New("stream broke")), nil, nil)
		require.Error(t, err)
		return s
	}
	t.Run("a refused first attempt leaves another's partial blob", func(t *testing.T) {
		s := withPartial(t)
		next, read, _ := counted(0)
		_, err := s.Receive(h, size, 0, next, func() error {
			for read.Load() < 3 {
				runtime.Gosched()
			}
			return refuse
		}, nil)
		require.ErrorIs(t, err, refuse)
		untouched(t, s, data[:4000])
	})
	t.Run("an admitted first attempt does not restart a partial blob", func(t *testing.T) {
		s := withPartial(t)
		next, _, _ := counted(0)
		_, err := s.Receive(h, size, 0, next, func() error { return nil }, nil)
		require.ErrorIs(t, err, ErrWrongOffset)
		untouched(t, s, data[:4000])
	})
	t.Run("a resume is admitted before its first piece", func(t *testing.T) {
		s := withPartial(t)
		next, read, _ := counted(4000)
		_, err := s.Receive(h, size, 4000, next, func() error {
			assert.Zero(t, read.Load(), "a resume's piece was read before it was admitted")
			return refuse
		}, nil)
		require.ErrorIs(t, err, refuse)
		untouched(t, s, data[:4000])
		next, _, _ = counted(4000)
		stored(t, s)(s.Receive(h, size, 4000, next, func() error { return nil }, nil))
	})
	t.Run("a blob stored whole is answered once admitted", func(t *testing.T) {
		s, err := OpenStore(t.TempDir())
		require.NoError(t, err)
		_, err = s.Receive(h, size, 0, pieces(data, 1000, io.EOF), nil, nil)
		require.NoError(t, err)
		next, _, _ := counted(0)
		_, err = s.Receive(h, size, 0, next, func() error { return refuse }, nil)
		require.ErrorIs(t, err, refuse, "refused, though stored")
		next, _, _ = counted(0)
		stored(t, s)(s.Receive(h, size, 0, next, func() error { return nil }, nil))
	})
}

// An encrypted vector is decoded once: the check gets the vector whose
// chunk root the upload was addressed by.
func TestReceiveHandsTheCheckTheDecodedVector(t *testing.T) {
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	sk := scheme.GenSecretShareFor(aggregation.PartyID{1})
	v, err := scheme.Encrypt(sk, common.Hash{2}, aggregation.TrainContext(1, 1), make([]float64, 5000))
	require.NoError(t, err)
	data, err := v.MarshalBinary()
	require.NoError(t, err)
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	var seen *aggregation.EncryptedVector
	got, err := s.Receive(v.Hash(), uint64(len(data)), 0, pieces(data, 4096, io.EOF), nil, func(b []byte, decoded *aggregation.EncryptedVector) error {
		seen = decoded
		return nil
	})
	require.NoError(t, err)
	assert.EqualValues(t, len(data), got)
	require.NotNil(t, seen, "the check gets the decoded vector")
	assert.Equal(t, v.Hash(), seen.Hash())
	assert.Equal(t, v.Len(), seen.Len())
}

// A blob a crash left torn under its name (received, not yet synced) is
// not a dead end: the sender's upload of it is taken afresh.
func TestReceiveReplacesABlobTornByACrash(t *testing.T) {
	data := []byte("ciphertext bytes of an update")
	h := blobHash(data)
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(s.path(h), data[:7], 0o600))
	_, err = s.Get(h)
	require.ErrorIs(t, err, ErrCorruptBlob)

	got, err := s.Receive(h, uint64(len(data)), 0, pieces(data, 5, io.EOF), nil, nil)
	require.NoError(t, err)
	assert.EqualValues(t, len(data), got)
	stored, err := s.Get(h)
	require.NoError(t, err)
	assert.Equal(t, data, stored)

	assert.Len(t, s.unsynced, 1, "received, durable at the next Sync")
	require.NoError(t, s.Sync())
	assert.Empty(t, s.unsynced)
	require.NoError(t, s.Sync(), "nothing to sync")
}

// GetAll returns the blobs in the order asked, each checked as Get checks
// it: one corrupt or missing fails the whole read.
func TestStoreGetAll(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	var blobs [][]byte
	var hashes []common.Hash
	for i := range 20 {
		b := []byte(fmt.Sprintf("blob %d", i))
		h, err := s.Put(b)
		require.NoError(t, err)
		blobs, hashes = append(blobs, b), append(hashes, h)
	}
	got, err := s.GetAll(hashes)
	require.NoError(t, err)
	assert.Equal(t, blobs, got)

	require.NoError(t, os.WriteFile(s.path(hashes[13]), []byte("torn"), 0o600))
	_, err = s.GetAll(hashes)
	require.ErrorIs(t, err, ErrCorruptBlob)
	_, err = s.GetAll([]common.Hash{hashes[0], {1}})
	require.ErrorIs(t, err, ErrBlobNotFound)
}

// Receive's buffers outlive garbage collections (a sync.Pool did not): the
// smallest held one that fits is taken, and no more than the budget held.
func TestBufferFreeListTakesTheSmallestThatFits(t *testing.T) {
	l := bufferFreeList{budget: 7 << 10}
	small, large, extra := make([]byte, 0, 2<<10), make([]byte, 0, 4<<10), make([]byte, 0, 2<<10)
	l.give(&large)
	l.give(&small)
	l.give(&extra) // over budget: dropped
	assert.Len(t, l.bufs, 2)
	runtime.GC()
	runtime.GC()
	got := l.take(1 << 10)
	assert.Equal(t, 2<<10, cap(*got), "the smallest held buffer that fits")
	got = l.take(3 << 10)
	assert.Equal(t, 4<<10, cap(*got))
	got = l.take(3 << 10)
	assert.Equal(t, 3<<10, cap(*got), "none held: a new one")
	assert.Zero(t, l.bytes)
}
