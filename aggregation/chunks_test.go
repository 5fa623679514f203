package aggregation

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spotFixture is a round of n updates of length values and their aggregate.
type spotFixture struct {
	f       *fixture
	updates []*EncryptedVector
	weights []float64
	agg     *EncryptedVector
	length  int
}

func newSpotFixture(t *testing.T, n, length int) *spotFixture {
	t.Helper()
	s := newScheme(t)
	f := newFixture(t, s, n)
	rng := rand.New(rand.NewPCG(7, 11))
	sf := &spotFixture{f: f, length: length}
	var total float64
	for i := 0; i < n; i++ {
		vals := make([]float64, length)
		for j := range vals {
			vals[j] = rng.NormFloat64()
		}
		v, err := f.encrypt(vals)
		require.NoError(t, err)
		sf.updates = append(sf.updates, v)
		w := 1 + rng.Float64()*100
		sf.weights = append(sf.weights, w)
		total += w
	}
	for i := range sf.weights {
		sf.weights[i] /= total
	}
	var err error
	sf.agg, err = s.WeightedSum(sf.updates, sf.weights)
	require.NoError(t, err)
	return sf
}

// check runs CheckSpots on agg (the honest aggregate unless altered) at
// chunks, with proofs built from the vectors.
func (sf *spotFixture) check(t *testing.T, agg *EncryptedVector, chunks []int) error {
	t.Helper()
	c := sf.spotCheck(t, agg, chunks)
	return sf.f.s.CheckSpots(c)
}

func (sf *spotFixture) spotCheck(t *testing.T, agg *EncryptedVector, chunks []int) SpotCheck {
	t.Helper()
	aggProof, err := agg.OpenChunks(chunks)
	require.NoError(t, err)
	c := SpotCheck{KeyHash: sf.f.pk.Hash(), Context: sf.f.ctx, Length: sf.length, Aggregate: agg.Hash(), AggregateProof: roundTrip(t, aggProof), Chunks: chunks}
	for i, u := range sf.updates {
		p, err := u.OpenChunks(chunks)
		require.NoError(t, err)
		c.Updates = append(c.Updates, SpotUpdate{Commitment: u.Hash(), Dealer: u.Dealer(), Weight: sf.weights[i], Proof: roundTrip(t, p)})
	}
	return c
}

// roundTrip sends a proof through its wire encoding, as a holder gets it.
func roundTrip(t *testing.T, p *ChunkProof) *ChunkProof {
	t.Helper()
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	require.Len(t, b, p.BinarySize())
	var out ChunkProof
	require.NoError(t, out.UnmarshalBinary(b))
	return &out
}

// altered returns a copy of v with the values at positions shifted by
// delta in every row: what a coordinator that edits the aggregate sends.
func altered(s *Scheme, v *EncryptedVector, positions []int, delta uint64) *EncryptedVector {
	for _, pos := range positions {
		for l := range v.level + 1 {
			var err error
			if v, err = s.ShiftCoefficient(v, pos, l, delta); err != nil {
				panic(err)
			}
		}
	}
	return v
}

func mustBytes(t *testing.T, p *ChunkProof) []byte {
	t.Helper()
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	return b
}

func allChunks(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestChunkCommitment(t *testing.T) {
	// Two ciphertexts, the second partly used, and a last chunk of 5 values.
	sf := newSpotFixture(t, 3, 16384+ChunkValues+5)
	perPoly := 16384 / ChunkValues
	s, agg := sf.f.s, sf.agg
	require.Equal(t, NumChunksFor(sf.length), agg.NumChunks())

	for _, v := range []*EncryptedVector{sf.updates[0], agg} {
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		assert.Equal(t, v.Hash(), ContentHash(b), "the content address of a vector's bytes is its chunk root")
		var decoded EncryptedVector
		require.NoError(t, decoded.UnmarshalBinary(b))
		assert.Equal(t, v.Hash(), decoded.Hash())

		chunks := []int{0, perPoly - 1, perPoly, v.NumChunks() - 1}
		p, err := v.OpenChunks(chunks)
		require.NoError(t, err)
		opened, err := s.VerifyChunks(v.Hash(), roundTrip(t, p), chunks)
		require.NoError(t, err)
		assert.Equal(t, v.Terms(), opened.Header.Terms)
		assert.Equal(t, v.Len(), opened.Header.Length)
		assert.Equal(t, v.Level(), opened.Header.Level)
		n := v.c0[0].N()
		for k, c := range chunks {
			for l := range opened.Coeffs[k] {
				for i, x := range opened.Coeffs[k][l] {
					pos := c*ChunkValues + i
					require.Equal(t, v.c0[pos/n].Coeffs[l][pos%n], x, "chunk %d row %d value %d", c, l, i)
				}
			}
		}
		assert.Len(t, opened.Coeffs[3][0], 5, "the last chunk holds the vector's tail")
	}
	// An opener (what a server keeps) gives the same proofs.
	o, err := agg.Opener()
	require.NoError(t, err)
	want, err := agg.OpenChunks([]int{2, perPoly + 1})
	require.NoError(t, err)
	got, err := o.OpenChunks([]int{2, perPoly + 1})
	require.NoError(t, err)
	assert.Equal(t, mustBytes(t, want), mustBytes(t, got))
	// Any single coefficient changes the commitment.
	for _, pos := range []int{0, ChunkValues - 1, ChunkValues, 16383, 16384, sf.length - 1} {
		assert.NotEqual(t, agg.Hash(), altered(s, agg, []int{pos}, 1).Hash(), "value %d", pos)
	}
	assert.Equal(t, agg.Hash(), altered(s, agg, nil, 1).Hash())
	// Not a vector: plain Keccak-256.
	assert.Equal(t, crypto.Keccak256Hash([]byte("model")), ContentHash([]byte("model")))
}

// DecodeContent hashes a blob as ContentHash does and hands back the vector
// it decoded to do so; other bytes, a vector's encoding that does not
// decode among them, come back hashed with no vector.
func TestDecodeContent(t *testing.T) {
	sf := newSpotFixture(t, 2, 3000)
	b, err := sf.updates[0].MarshalBinary()
	require.NoError(t, err)
	h, v := DecodeContent(b)
	require.NotNil(t, v)
	assert.Equal(t, sf.updates[0].Hash(), h)
	assert.Equal(t, h, v.Hash())
	again, err := v.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, b, again)

	for _, other := range [][]byte{[]byte("model"), b[:len(b)-1]} {
		h, v := DecodeContent(other)
		assert.Nil(t, v)
		assert.Equal(t, crypto.Keccak256Hash(other), h)
		assert.Equal(t, ContentHash(other), h)
	}
}

func TestCheckSpotsAcceptsTheHonestAggregate(t *testing.T) {
	// Every chunk: the per-coefficient sum must match the kernel's bytes.
	sf := newSpotFixture(t, 5, 3000)
	require.NoError(t, sf.check(t, sf.agg, allChunks(sf.agg.NumChunks())))
	chunks, err := DrawSpotChecks(nil, sf.agg.NumChunks(), DefaultSpotChecks)
	require.NoError(t, err)
	require.NoError(t, sf.check(t, sf.agg, chunks))
}

func TestCheckSpotsCatchesAnAlteredChunk(t *testing.T) {
	sf := newSpotFixture(t, 4, 4000)
	chunks := sf.agg.NumChunks()
	for _, pos := range []int{0, 1234, 3999} {
		bad := altered(sf.f.s, sf.agg, []int{pos}, 1)
		c := pos / ChunkValues
		require.ErrorIs(t, sf.check(t, bad, []int{c}), ErrSpotCheckFailed, "value %d opened", pos)
		other := (c + 1) % chunks
		require.NoError(t, sf.check(t, bad, []int{other}), "a spot check sees only the chunks it opens")
	}
}

// TestSpotChecksCatchAFractionF alters a fraction f of the aggregate's
// chunks and draws spot checks from fixed randomness: the measured rate of
// detection matches 1-(1-f)^k, and the test cannot flake.
func TestSpotChecksCatchAFractionF(t *testing.T) {
	sf := newSpotFixture(t, 3, 200*ChunkValues)
	chunks := sf.agg.NumChunks()
	rng := rand.New(rand.NewPCG(3, 5))
	draws := rand.NewChaCha8([32]byte{1, 2, 3}) // fixed: the test cannot flake
	for _, tc := range []struct {
		f float64
		k int
	}{{0.10, 16}, {0.05, 32}, {0.10, DefaultSpotChecks}} {
		var positions []int
		bad := map[int]bool{}
		for _, c := range rng.Perm(chunks)[:int(tc.f*float64(chunks))] {
			positions = append(positions, c*ChunkValues+rng.IntN(ChunkValues))
			bad[c] = true
		}
		alt := altered(sf.f.s, sf.agg, positions, 1+rng.Uint64N(1<<40))
		const trials = 400
		caught := 0
		for range trials {
			drawn, err := DrawSpotChecks(draws, chunks, tc.k)
			require.NoError(t, err)
			opened := slices.ContainsFunc(drawn, func(c int) bool { return bad[c] })
			err = sf.check(t, alt, drawn)
			if opened {
				require.ErrorIs(t, err, ErrSpotCheckFailed)
				caught++
			} else {
				require.NoError(t, err)
			}
		}
		want := DetectionProbability(tc.f, tc.k, 1)
		got := float64(caught) / trials
		t.Logf("f = %.2f, k = %d: caught %.3f of %d draws, 1-(1-f)^k = %.3f", tc.f, tc.k, got, trials, want)
		// Draws without replacement catch at least as often as the bound;
		// 0.06 is more than three standard deviations of 400 draws.
		assert.GreaterOrEqual(t, got, want-0.06)
	}
}

func TestDetectionProbability(t *testing.T) {
	assert.InDelta(t, 0.474, DetectionProbability(0.01, 64, 1), 1e-3)
	assert.InDelta(t, 0.9988, DetectionProbability(0.10, 64, 1), 1e-4)
	assert.InDelta(t, 0.9984, DetectionProbability(0.01, 64, 10), 1e-4)
	assert.InDelta(t, 0.0389, ThresholdDetectionProbability(0.01, 64, 10, 3), 1e-3)
	assert.InDelta(t, 0.5587, ThresholdDetectionProbability(0.01, 64, 10, 6), 1e-3)
	assert.InDelta(t, 0.99480, ThresholdDetectionProbability(0.05, 64, 10, 3), 1e-4)
	assert.InDelta(t, DetectionProbability(0.01, 64, 10), ThresholdDetectionProbability(0.01, 64, 10, 10), 1e-9, "n-of-n: every holder must miss")
	assert.Equal(t, 0.0, DetectionProbability(0, 64, 1))
	assert.Equal(t, 1.0, DetectionProbability(1, 1, 1))
}

func TestDrawSpotChecks(t *testing.T) {
	got, err := DrawSpotChecks(nil, 1000, 64)
	require.NoError(t, err)
	require.Len(t, got, 64)
	assert.True(t, slices.IsSorted(got))
	assert.Len(t, slices.Compact(slices.Clone(got)), 64, "distinct")
	all, err := DrawSpotChecks(nil, 10, 64)
	require.NoError(t, err)
	assert.Equal(t, allChunks(10), all)
	_, err = DrawSpotChecks(nil, 0, 1)
	require.ErrorIs(t, err, ErrEmptyInput)
}

// TestCheckSpotsRefusesForgedProofs: every way of lying about an opening
// or a binding is refused with a named error, never a panic.
func TestCheckSpotsRefusesForgedProofs(t *testing.T) {
	sf := newSpotFixture(t, 3, 62*ChunkValues+16)
	chunks := []int{3, 40}
	other, err := sf.f.s.Encrypt(sf.f.parties[0].sk, sf.f.pk.Hash(), NewEncryptionContext(42, "train", 2), make([]float64, sf.length))
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		forge  func(c *SpotCheck)
		target error
	}{
		{"chunk bytes changed", func(c *SpotCheck) { c.AggregateProof.chunks[0].data[5] ^= 1 }, ErrInvalidProof},
		{"path hash changed", func(c *SpotCheck) { c.Updates[1].Proof.chunks[1].path[2][0] ^= 1 }, ErrInvalidProof},
		{"header changed", func(c *SpotCheck) { c.AggregateProof.header[len(c.AggregateProof.header)-3] ^= 1 }, ErrInvalidProof},
		{"path truncated", func(c *SpotCheck) {
			c.AggregateProof.chunks[0].path = c.AggregateProof.chunks[0].path[1:]
		}, ErrInvalidProof},
		{"chunk swapped for another", func(c *SpotCheck) { c.AggregateProof.chunks[0].index = 4 }, ErrInvalidProof},
		{"other chunks opened", func(c *SpotCheck) { c.Chunks = []int{3, 41} }, ErrInvalidProof},
		{"chunk out of range", func(c *SpotCheck) { c.Chunks = []int{3, 4000} }, ErrInvalidProof},
		{"update proof for the aggregate", func(c *SpotCheck) { c.AggregateProof = c.Updates[0].Proof }, ErrInvalidProof},
		{"update under another commitment", func(c *SpotCheck) { c.Updates[0].Commitment = c.Updates[1].Commitment }, ErrInvalidProof},
		{"weight not the round's", func(c *SpotCheck) { c.Updates[2].Weight *= 1.01 }, ErrSpotCheckFailed},
		{"dealer not the committer", func(c *SpotCheck) { c.Updates[0].Dealer = sf.updates[1].Dealer() }, ErrSpotCheckFailed},
		{"contributor missing", func(c *SpotCheck) { c.Updates = c.Updates[:2] }, ErrSpotCheckFailed},
		{"another round's update", func(c *SpotCheck) {
			p, err := other.OpenChunks(chunks)
			require.NoError(t, err)
			c.Updates[0] = SpotUpdate{Commitment: other.Hash(), Dealer: other.Dealer(), Weight: c.Updates[0].Weight, Proof: p}
		}, ErrKeyMismatch},
		{"another context", func(c *SpotCheck) { c.Context = NewEncryptionContext(42, "train", 9) }, ErrSpotCheckFailed},
		{"another length", func(c *SpotCheck) { c.Length++ }, ErrSpotCheckFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sf.spotCheck(t, sf.agg, chunks)
			tc.forge(&c)
			require.ErrorIs(t, sf.f.s.CheckSpots(c), tc.target)
		})
	}
}

func TestChunkProofUnmarshalRefusesMalformed(t *testing.T) {
	sf := newSpotFixture(t, 2, 3*ChunkValues+4)
	p, err := sf.agg.OpenChunks([]int{1})
	require.NoError(t, err)
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	for cut := 0; cut < len(b); cut += 7 {
		var q ChunkProof
		require.ErrorIs(t, q.UnmarshalBinary(b[:cut]), ErrMalformed, "cut at %d", cut)
	}
	var q ChunkProof
	require.ErrorIs(t, q.UnmarshalBinary(append(slices.Clone(b), 0)), ErrMalformed)
	_, err = sf.agg.OpenChunks([]int{1, 1})
	require.ErrorIs(t, err, ErrInvalidProof)
}

func FuzzVerifyChunks(f *testing.F) {
	s, err := NewScheme(DefaultConfig())
	require.NoError(f, err)
	sk, err := s.GenSecretShare()
	require.NoError(f, err)
	v, err := s.Encrypt(sk, common.Hash{1}, NewEncryptionContext(1, "train", 1), []float64{1, 2, 3, 4, 5})
	require.NoError(f, err)
	p, err := v.OpenChunks([]int{0})
	require.NoError(f, err)
	b, err := p.MarshalBinary()
	require.NoError(f, err)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		var q ChunkProof
		if q.UnmarshalBinary(b) != nil {
			return
		}
		_, _ = s.VerifyChunks(v.Hash(), &q, []int{0})
	})
}

// packBitsReference is packBits a bit at a time, as the format defines it.
func packBitsReference(vals []uint64, width uint) []byte {
	out := make([]byte, packedLen(len(vals), int(width)))
	for i, c := range vals {
		for b := uint(0); b < width; b++ {
			if c>>b&1 == 1 {
				pos := uint(i)*width + b
				out[pos/8] |= 1 << (pos % 8)
			}
		}
	}
	return out
}

func TestPackBitsMatchesTheFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, width := range []uint{1, 7, 8, 13, 31, 32, 33, 55, 56, 57, 60, 63, 64} {
		for _, n := range []int{0, 1, 2, 7, 32, 33} {
			vals := make([]uint64, n)
			for i := range vals {
				vals[i] = rng.Uint64()
				if width < 64 {
					vals[i] &= 1<<width - 1
				}
			}
			prefix := []byte{0xaa}
			got := packBits(prefix, vals, width)
			require.Equal(t, append([]byte{0xaa}, packBitsReference(vals, width)...), got, "width %d, %d values", width, n)
			back := make([]uint64, n)
			require.True(t, unpackBits(got[1:], back, width), "width %d, %d values", width, n)
			require.Equal(t, vals, back)
		}
	}
}
