package aggregation

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// feed writes b into a buffer of want bytes in pieces of random sizes,
// announcing each to s, as an upload arrives, and returns what Finish says.
func feed(s *VectorStream, buf, b []byte, rng *rand.Rand) (*EncryptedVector, error) {
	for off := 0; off < len(b); {
		n := min(len(b)-off, 1+rng.IntN(70_000))
		copy(buf[off:], b[off:off+n])
		off += n
		s.Arrived(off)
	}
	return s.Finish()
}

func TestVectorStreamMatchesDecodeAndHash(t *testing.T) {
	sf := newSpotFixture(t, 3, 2*16384+101)
	// Vectors one of whose ciphertexts has a row narrower than the same
	// row elsewhere: chunks are packed at the vector's widths, so that
	// ciphertext's chunks are packed wider than it arrived (a middle one),
	// or hashed again once a later ciphertext shows the row is wider (the
	// first).
	narrowed := func(j int) *EncryptedVector {
		v := *sf.updates[1]
		v.c0 = append(v.c0[:0:0], v.c0...)
		v.c0[j] = *v.c0[j].CopyNew()
		for i := range v.c0[j].Coeffs[0] {
			v.c0[j].Coeffs[0][i] &= 1<<20 - 1
		}
		v.hash = &hashCache{}
		require.Greater(t, v.rowWidths()[0], byte(20), "the narrow row is narrower than the vector's")
		return &v
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for name, v := range map[string]*EncryptedVector{
		"update": sf.updates[0], "aggregate": sf.agg,
		"narrow middle ciphertext": narrowed(1), "narrow first ciphertext": narrowed(0),
	} {
		t.Run(name, func(t *testing.T) {
			b, err := v.MarshalBinary()
			require.NoError(t, err)
			buf := make([]byte, len(b))
			got, err := feed(NewVectorStream(buf), buf, b, rng)
			require.NoError(t, err)
			assert.Equal(t, v.Hash(), got.Hash(), "the stream's chunk root is the vector's")
			again, err := got.MarshalBinary()
			require.NoError(t, err)
			assert.Equal(t, b, again, "the stream decodes the vector the bytes encode")
		})
	}
}

// The tree grown while the leaves arrive has the root of the tree built
// from all of them, whatever the padding: one chunk, a power of two,
// one more, a whole ciphertext.
func TestVectorStreamTreeOfAnyLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, length := range []int{1, 32, 33, 95, 3 * 32, 16384, 16384 + 32} {
		v := newSpotFixture(t, 1, length).updates[0]
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		buf := make([]byte, len(b))
		got, err := feed(NewVectorStream(buf), buf, b, rng)
		require.NoError(t, err)
		assert.Equal(t, v.Hash(), got.Hash(), "%d values", length)
	}
}

// A released stream's polynomials are decoded into by the next: a vector
// whose last ciphertext stores fewer values must still decode, and check,
// as zero beyond its end, whatever the previous vector left there.
func TestVectorStreamDecodesIntoReleasedPolys(t *testing.T) {
	full := newSpotFixture(t, 1, 2*16384)
	short := newSpotFixture(t, 1, 16384+7)
	rng := rand.New(rand.NewPCG(5, 6))
	stream := func(v *EncryptedVector) {
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		buf := make([]byte, len(b))
		s := NewVectorStream(buf)
		got, err := feed(s, buf, b, rng)
		require.NoError(t, err)
		assert.Equal(t, v.Hash(), got.Hash())
		again, err := got.MarshalBinary()
		require.NoError(t, err)
		assert.Equal(t, b, again, "the stream decodes the vector the bytes encode")
		require.NoError(t, short.f.s.checkVector("update", got), "zero beyond the end")
		s.Release()
	}
	for range 3 {
		stream(full.updates[0])
		stream(short.updates[0])
	}
}

func TestVectorStreamRefusesWhatUnmarshalRefuses(t *testing.T) {
	sf := newSpotFixture(t, 2, 16384+7)
	b, err := sf.updates[0].MarshalBinary()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(3, 4))

	// The bytes stop halfway: Finish says so instead of waiting for more.
	buf := make([]byte, len(b))
	_, err = feed(NewVectorStream(buf), buf, b[:len(b)/2], rng)
	require.ErrorIs(t, err, ErrMalformed)
	assert.ErrorContains(t, err, "truncated")

	// More bytes were announced than the vector has.
	buf = make([]byte, len(b)+3)
	_, err = feed(NewVectorStream(buf), buf, append(b[:len(b):len(b)], 0, 0, 0), rng)
	require.ErrorIs(t, err, ErrMalformed)
	assert.ErrorContains(t, err, "trailing bytes")

	// A row that is not canonically packed, halfway through.
	bad := append([]byte(nil), b...)
	bad[len(bad)-1] = 0xff
	var v EncryptedVector
	want := v.UnmarshalBinary(bad)
	require.Error(t, want)
	buf = make([]byte, len(bad))
	_, err = feed(NewVectorStream(buf), buf, bad, rng)
	require.ErrorIs(t, err, ErrMalformed)
	assert.Equal(t, want.Error(), err.Error())

	// Nothing at all arrives.
	_, err = NewVectorStream(make([]byte, len(b))).Finish()
	require.ErrorIs(t, err, ErrMalformed)
}

// Released polynomials outlive garbage collections (a sync.Pool did not)
// and are held only up to the budget.
func TestPolyFreeListKeepsWithinBudget(t *testing.T) {
	l := polyFreeList{budget: 3 * 1024 * 2 * 8} // three polys of N = 1024 at level 1
	var given []ring.Poly
	for range 4 {
		p := ring.NewPoly(1024, 1)
		given = append(given, p)
		l.give(p)
	}
	assert.Len(t, l.polys, 3, "the fourth is over budget")
	runtime.GC()
	runtime.GC()
	_, ok := l.take(2048, 1)
	assert.False(t, ok, "no poly of another degree")
	p, ok := l.take(1024, 1)
	require.True(t, ok, "a held poly survives collections")
	assert.Same(t, &given[2].Coeffs[0][0], &p.Coeffs[0][0], "the last one held is taken first")
	assert.Equal(t, 2*1024*2*8, l.bytes)
}

// A vector decoded by a VectorStream is checked for reduced coefficients
// by the largest value of each row, read as the rows were unpacked, not by
// a second pass over them: a coefficient at or above its prime anywhere
// (any ciphertext, any row, in the 8-value fast path or the tail of the
// row) is still refused, as in the vector decoded whole; and a vector
// made from a streamed one with other coefficients is checked afresh.
func TestStreamedVectorRefusesUnreducedCoefficients(t *testing.T) {
	sf := newSpotFixture(t, 1, 2*16384+101)
	s, v := sf.f.s, sf.updates[0]
	n := v.c0[0].N()
	moduli := s.params.Q()
	rng := rand.New(rand.NewPCG(3, 4))
	decode := func(t *testing.T, b []byte) *EncryptedVector {
		buf := make([]byte, len(b))
		got, err := feed(NewVectorStream(buf), buf, b, rng)
		require.NoError(t, err, "the encoding is canonical: only the check refuses it")
		require.Len(t, got.hash.largest, len(got.c0), "the stream records each row's largest value")
		return got
	}
	check := func(v *EncryptedVector) error {
		return s.CheckUpdate(v, v.keyHash, v.context, v.terms[0].Dealer, v.length)
	}
	b, err := v.MarshalBinary()
	require.NoError(t, err)
	require.NoError(t, check(decode(t, b)), "an honest update")
	for _, tc := range []struct {
		name         string
		ct, row, pos int
		plus         uint64
	}{
		{"first value", 0, 0, 0, 0},
		{"middle ciphertext, last row", 1, 2, 4097, 5},
		{"a row's last value", 1, 1, n - 1, 0},
		{"last ciphertext's last value", 2, 0, 100, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := *v
			bad.c0 = append(v.c0[:0:0], v.c0...)
			bad.c0[tc.ct] = *v.c0[tc.ct].CopyNew()
			bad.c0[tc.ct].Coeffs[tc.row][tc.pos] = moduli[tc.row] + tc.plus
			bad.hash = &hashCache{}
			b, err := bad.MarshalBinary()
			require.NoError(t, err)
			var whole EncryptedVector
			require.NoError(t, whole.UnmarshalBinary(b))
			assert.ErrorContains(t, check(&whole), "not reduced", "decoded whole")
			streamed := decode(t, b)
			assert.ErrorIs(t, check(streamed), ErrMalformed)
			assert.ErrorContains(t, check(streamed), "not reduced", "decoded as it arrives")
		})
	}
	t.Run("shaped from a streamed vector", func(t *testing.T) {
		streamed := decode(t, b)
		_, err := s.ShapeUpload(streamed, func(j int, rows [][]uint64, moduli []uint64) {
			if j == 1 {
				rows[0][7] = moduli[0]
			}
		})
		assert.ErrorContains(t, err, "not reduced", "the shaped vector's coefficients are checked, not the streamed one's")
	})
}
