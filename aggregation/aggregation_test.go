package aggregation

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// party is one simulated hospital holding a secret share.
type party struct {
	sk *SecretShare
}

type fixture struct {
	s       *Scheme
	crs     [32]byte
	ctx     EncryptionContext
	parties []party
	pk      *PublicKey
	next    int // the party encrypt uses next, round robin
}

// encrypt encrypts values under the next party's key share (round robin),
// so that the vectors of one sum have distinct dealers.
func (f *fixture) encrypt(values []float64) (*EncryptedVector, error) {
	p := f.parties[f.next%len(f.parties)]
	f.next++
	return f.s.Encrypt(p.sk, f.pk.Hash(), f.ctx, values)
}

func newScheme(t testing.TB) *Scheme {
	t.Helper()
	s, err := NewScheme(DefaultConfig())
	require.NoError(t, err)
	return s
}

// newFixture runs the collective key generation among n parties.
func newFixture(t testing.TB, s *Scheme, n int) *fixture {
	t.Helper()
	sks := make([]*SecretShare, n)
	for i := range sks {
		var err error
		sks[i], err = s.GenSecretShare()
		require.NoError(t, err)
	}
	return fixtureOf(t, s, sks)
}

// fixtureOf is the fixture of parties with the key shares sks.
func fixtureOf(t testing.TB, s *Scheme, sks []*SecretShare) *fixture {
	t.Helper()
	n := len(sks)
	f := &fixture{s: s, crs: CommonSeed([]byte("study-42"), []byte{0xca, 0xfe}), ctx: NewEncryptionContext(42, "train", 1)}
	shares := make([]*PublicKeyShare, n)
	for i, sk := range sks {
		f.parties = append(f.parties, party{sk: sk})
		var err error
		shares[i], err = s.GenPublicKeyShare(sk, f.crs)
		require.NoError(t, err)
	}
	pk, err := s.CombinePublicKey(f.crs, shares)
	require.NoError(t, err)
	require.Len(t, pk.Parties(), n)
	f.pk = pk
	return f
}

func randomVector(r *rand.Rand, n int, bound float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = (2*r.Float64() - 1) * bound
	}
	return v
}

func normalisedWeights(r *rand.Rand, n int) []float64 {
	w := make([]float64, n)
	sum := 0.0
	for i := range w {
		w[i] = 1 + 99*r.Float64() // sample counts
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// partyOf returns the fixture's party with key share id.
func (f *fixture) partyOf(id PartyID) party {
	for _, p := range f.parties {
		if p.sk.ID() == id {
			return p
		}
	}
	panic("no party " + id.String())
}

// decryptAll decrypts agg n-of-n with a share from every contributor.
func (f *fixture) decryptAll(t testing.TB, agg *EncryptedVector) []float64 {
	t.Helper()
	var shares []*DecryptionShare
	for _, term := range agg.terms {
		for _, p := range f.parties {
			if p.sk.ID() != term.Dealer {
				continue
			}
			share, err := f.s.GenDecryptionShare(p.sk, agg)
			require.NoError(t, err)
			assert.Equal(t, agg.Hash(), share.AggregateHash)
			shares = append(shares, share)
		}
	}
	out, err := f.s.Decrypt(agg, shares)
	require.NoError(t, err)
	return out
}

func maxAbsDiff(a, b []float64) float64 {
	m := 0.0
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

func TestEncryptWeightedSumDecryptMatchesPlain(t *testing.T) {
	s := newScheme(t)
	tests := []struct {
		name     string
		parties  int
		vectors  int
		length   int
		maxError float64
	}{
		{"3 parties, 3 vectors, 10 values", 3, 3, 10, 1e-5},
		{"5 parties, 5 vectors, multi-ciphertext", 5, 5, s.Slots() + 17, 1e-5},
		{"10 parties, 10 vectors, one full ciphertext", 10, 10, s.Slots(), 1e-5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.parties), uint64(tc.length)))
			f := newFixture(t, s, tc.parties)
			plain := make([][]float64, tc.vectors)
			enc := make([]*EncryptedVector, tc.vectors)
			for i := range plain {
				plain[i] = randomVector(r, tc.length, 10)
				var err error
				enc[i], err = f.encrypt(plain[i])
				require.NoError(t, err)
				require.Equal(t, tc.length, enc[i].Len())
				require.Equal(t, (tc.length+s.Slots()-1)/s.Slots(), enc[i].NumCiphertexts())
			}
			weights := normalisedWeights(r, tc.vectors)
			agg, err := s.WeightedSum(enc, weights)
			require.NoError(t, err)
			assert.Equal(t, s.Parameters().MaxLevel()-1, agg.Level())
			want, err := PlainWeightedSum(plain, weights)
			require.NoError(t, err)
			got := f.decryptAll(t, agg)
			require.Len(t, got, tc.length)
			e := maxAbsDiff(got, want)
			t.Logf("parties=%d vectors=%d length=%d: max abs error %.3g (log2 %.1f)", tc.parties, tc.vectors, tc.length, e, math.Log2(e))
			assert.LessOrEqual(t, e, tc.maxError)
			assert.Greater(t, e, 0.0, "an exact match would mean no smudging noise was added")
		})
	}
}

func TestSmudgingNoiseIsPresent(t *testing.T) {
	// With σ = 2^21 the per-slot error of a 3-party decryption has a
	// standard deviation of about sqrt(3)·2^21·sqrt(N/2)/2^50 ≈ 3e-7; a
	// mean absolute error far below that would mean smudging is missing.
	s := newScheme(t)
	f := newFixture(t, s, 3)
	zeros := make([]float64, s.Slots())
	v, err := f.encrypt(zeros)
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{v}, []float64{1})
	require.NoError(t, err)
	got := f.decryptAll(t, agg)
	mean := 0.0
	for _, x := range got {
		mean += math.Abs(x)
	}
	mean /= float64(len(got))
	t.Logf("mean |error| on zeros: %.3g", mean)
	// One contributor, one share: E|e|/Δ = sqrt(2/π)·2^-24 ≈ 4.8e-8.
	assert.Greater(t, mean, 3e-8)
	assert.Less(t, mean, 2e-6)
}

func TestWeightedSumIsDeterministic(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 4)
	r := rand.New(rand.NewPCG(1, 2))
	var enc []*EncryptedVector
	for i := 0; i < 4; i++ {
		v, err := f.encrypt(randomVector(r, 2*s.Slots()+5, 10))
		require.NoError(t, err)
		enc = append(enc, v)
	}
	weights := []float64{0.1, 0.2, 0.3, 0.4}
	a, err := s.WeightedSum(enc, weights)
	require.NoError(t, err)

	// An independent verifier decodes the committed ciphertexts from bytes.
	decoded := make([]*EncryptedVector, len(enc))
	for i, v := range enc {
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		decoded[i] = new(EncryptedVector)
		require.NoError(t, decoded[i].UnmarshalBinary(b))
		require.Equal(t, v.Hash(), decoded[i].Hash())
	}
	b, err := s.WeightedSum(decoded, weights)
	require.NoError(t, err)
	assert.Equal(t, a.Hash(), b.Hash())
	ab, err := a.MarshalBinary()
	require.NoError(t, err)
	bb, err := b.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, ab, bb)

	// A different weight gives a different aggregate.
	c, err := s.WeightedSum(enc, []float64{0.1, 0.2, 0.3, 0.41})
	require.NoError(t, err)
	assert.NotEqual(t, a.Hash(), c.Hash())
}

func TestDecryptRefusesBadShareSets(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	v1, err := f.encrypt([]float64{1, 2, 3})
	require.NoError(t, err)
	v2, err := f.encrypt([]float64{4, 5, 6})
	require.NoError(t, err)
	v3, err := f.encrypt([]float64{0, 0, 0})
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{v1, v2, v3}, []float64{0.5, 0.5, 0})
	require.NoError(t, err)
	other, err := s.WeightedSum([]*EncryptedVector{v1, v2, v3}, []float64{0.25, 0.75, 0})
	require.NoError(t, err)

	shares := make([]*DecryptionShare, 3)
	for i, p := range f.parties {
		shares[i], err = s.GenDecryptionShare(p.sk, agg)
		require.NoError(t, err)
	}
	foreign, err := s.GenDecryptionShare(f.parties[2].sk, other)
	require.NoError(t, err)

	tests := []struct {
		name   string
		shares []*DecryptionShare
		want   error
	}{
		{"no shares", nil, ErrMissingShares},
		{"one share missing", shares[:2], ErrMissingShares},
		{"duplicate party", []*DecryptionShare{shares[0], shares[1], shares[1]}, ErrDuplicateShare},
		{"share for another aggregate", []*DecryptionShare{shares[0], shares[1], foreign}, ErrWrongAggregate},
		{"nil share", []*DecryptionShare{shares[0], nil, shares[2]}, ErrNilArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := s.Decrypt(agg, tc.shares)
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, out)
		})
	}

	// Each share alone, as a relay checks it when it comes: the honest ones
	// pass, one bound to another aggregate or of another length does not.
	for i, ds := range shares {
		require.NoError(t, s.CheckDecryptionShare(agg, ds), "share %d", i)
	}
	assert.ErrorIs(t, s.CheckDecryptionShare(agg, foreign), ErrWrongAggregate)
	assert.ErrorIs(t, s.CheckDecryptionShare(agg, nil), ErrNilArgument)
	short := make([]*EncryptedVector, 3)
	for i := range short {
		short[i], err = f.encrypt([]float64{1, 2})
		require.NoError(t, err)
	}
	shortAgg, err := s.WeightedSum(short, []float64{0.5, 0.5, 0})
	require.NoError(t, err)
	cut, err := s.GenDecryptionShare(f.parties[0].sk, shortAgg)
	require.NoError(t, err)
	cut.AggregateHash = agg.Hash() // claims the aggregate, covers 2 values of its 3
	assert.ErrorIs(t, s.CheckDecryptionShare(agg, cut), ErrLengthMismatch)

	got, err := s.Decrypt(agg, shares)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{2.5, 3.5, 4.5}, got, 1e-5)
}

func TestValidationErrors(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	g := newFixture(t, s, 3) // a second study with its own key
	v1, err := f.encrypt([]float64{1, 2, 3})
	require.NoError(t, err)
	v2, err := f.encrypt([]float64{1, 2})
	require.NoError(t, err)
	vOther, err := g.encrypt([]float64{1, 2, 3})
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{v1}, []float64{1})
	require.NoError(t, err)

	otherCfg := DefaultConfig()
	otherCfg.LogQ = []int{47, 48, 30}
	s2, err := NewScheme(otherCfg)
	require.NoError(t, err)

	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"encrypt empty", func() error { _, err := f.encrypt(nil); return err }, ErrEmptyInput},
		{"encrypt NaN", func() error { _, err := f.encrypt([]float64{math.NaN()}); return err }, ErrInvalidValue},
		{"encrypt too large", func() error { _, err := f.encrypt([]float64{1e6}); return err }, ErrInvalidValue},
		{"encrypt nil key", func() error { _, err := s.Encrypt(nil, f.pk.Hash(), f.ctx, []float64{1}); return err }, ErrNilArgument},
		{"encrypt under other params", func() error {
			_, err := s2.Encrypt(f.parties[0].sk, f.pk.Hash(), f.ctx, []float64{1})
			return err
		}, ErrParamsMismatch},
		{"sum no vectors", func() error { _, err := s.WeightedSum(nil, nil); return err }, ErrEmptyInput},
		{"sum weight count", func() error { _, err := s.WeightedSum([]*EncryptedVector{v1}, []float64{1, 2}); return err }, ErrInvalidWeight},
		{"sum negative weight", func() error { _, err := s.WeightedSum([]*EncryptedVector{v1}, []float64{-1}); return err }, ErrInvalidWeight},
		{"sum NaN weight", func() error { _, err := s.WeightedSum([]*EncryptedVector{v1}, []float64{math.NaN()}); return err }, ErrInvalidWeight},
		{"sum length mismatch", func() error { _, err := s.WeightedSum([]*EncryptedVector{v1, v2}, []float64{1, 1}); return err }, ErrLengthMismatch},
		{"sum key mismatch", func() error { _, err := s.WeightedSum([]*EncryptedVector{v1, vOther}, []float64{1, 1}); return err }, ErrKeyMismatch},
		{"sum of an aggregate", func() error { _, err := s.WeightedSum([]*EncryptedVector{agg}, []float64{1}); return err }, ErrLevelMismatch},
		{"sum nil vector", func() error { _, err := s.WeightedSum([]*EncryptedVector{nil}, []float64{1}); return err }, ErrNilArgument},
		{"sum under other params", func() error { _, err := s2.WeightedSum([]*EncryptedVector{v1}, []float64{1}); return err }, ErrParamsMismatch},
		{"share nil secret", func() error { _, err := s.GenDecryptionShare(nil, agg); return err }, ErrNilArgument},
		{"share nil aggregate", func() error { _, err := s.GenDecryptionShare(f.parties[0].sk, nil); return err }, ErrNilArgument},
		{"combine no shares", func() error { _, err := s.CombinePublicKey(f.crs, nil); return err }, ErrEmptyInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.run(), tc.want)
		})
	}
}

func TestPlainWeightedSumIsTheSerialSum(t *testing.T) {
	// The parallel, four-at-a-time sum equals the serial sum in index order
	// bit for bit (signed zeros included), across chunk boundaries and for
	// input counts that are and are not multiples of four; a non-finite
	// input is reported as the first one in (vector, index) order, and
	// finite inputs whose sum overflows are not an error.
	r := rand.New(rand.NewPCG(9, 10))
	serial := func(vs [][]float64, w []float64) []float64 {
		out := make([]float64, len(vs[0]))
		for i, v := range vs {
			for j, x := range v {
				out[j] += float64(w[i] * x)
			}
		}
		return out
	}
	for _, inputs := range []int{1, 3, 4, 9} {
		for _, n := range []int{1, plainChunk - 1, 2*plainChunk + 5} {
			t.Run(fmt.Sprintf("%d inputs of %d", inputs, n), func(t *testing.T) {
				vs := make([][]float64, inputs)
				for i := range vs {
					vs[i] = randomVector(r, n, 1e3)
					vs[i][0] = math.Copysign(0, -1)
				}
				w := normalisedWeights(r, inputs)
				got, err := PlainWeightedSum(vs, w)
				require.NoError(t, err)
				want := serial(vs, w)
				for j := range want {
					require.Equal(t, math.Float64bits(want[j]), math.Float64bits(got[j]), "value %d", j)
				}
			})
		}
	}
	bad := []struct {
		name  string
		value float64
	}{{"NaN", math.NaN()}, {"+Inf", math.Inf(1)}, {"-Inf", math.Inf(-1)}}
	for _, tc := range bad {
		t.Run(tc.name+" behind a zero weight", func(t *testing.T) {
			vs := [][]float64{randomVector(r, 3*plainChunk, 1), randomVector(r, 3*plainChunk, 1)}
			vs[1][2*plainChunk+7] = tc.value
			vs[1][plainChunk+3] = tc.value
			_, err := PlainWeightedSum(vs, []float64{1, 0})
			require.ErrorIs(t, err, ErrInvalidValue)
			assert.Contains(t, err.Error(), fmt.Sprintf("vector 1 value %d is", plainChunk+3))
		})
	}
	t.Run("overflow of finite values", func(t *testing.T) {
		got, err := PlainWeightedSum([][]float64{{math.MaxFloat64}, {math.MaxFloat64}}, []float64{1, 1})
		require.NoError(t, err)
		assert.True(t, math.IsInf(got[0], 1))
	})
}

func TestWeightedSumRefusesTamperedVectors(t *testing.T) {
	// Vectors that passed decoding but were altered in memory: the kernel
	// reports an unreduced coefficient (in a lane, in the scalar tail, at any
	// prime) with the vector's index, and a short row before it reads it.
	s := newScheme(t)
	f := newFixture(t, s, 6)
	r := rand.New(rand.NewPCG(3, 4))
	fresh := func() []*EncryptedVector {
		vs := make([]*EncryptedVector, 6)
		for i := range vs {
			v, err := f.encrypt(randomVector(r, 20000, 1))
			require.NoError(t, err)
			b, err := v.MarshalBinary()
			require.NoError(t, err)
			vs[i] = new(EncryptedVector)
			require.NoError(t, vs[i].UnmarshalBinary(b))
		}
		return vs
	}
	weights := []float64{0.1, 0.2, 0.3, 0.1, 0.2, 0.1}
	q := func(l int) uint64 { return s.params.RingQ().SubRings[l].Modulus }
	tests := []struct {
		name   string
		tamper func(vs []*EncryptedVector)
		want   string
	}{
		{"q at the top prime", func(vs []*EncryptedVector) { vs[4].c0[1].Coeffs[2][3000] = q(2) }, "vector 4 ciphertext 1"},
		{"max uint64 at the first prime", func(vs []*EncryptedVector) { vs[0].c0[0].Coeffs[0][16383] = math.MaxUint64 }, "vector 0 ciphertext 0"},
		{"q+2^63 in the last vector", func(vs []*EncryptedVector) { vs[5].c0[0].Coeffs[1][31] = q(1) + 1<<63 }, "vector 5 ciphertext 0"},
		{"short row", func(vs []*EncryptedVector) { vs[2].c0[1].Coeffs[1] = vs[2].c0[1].Coeffs[1][:100] }, "vector 2 ciphertext 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs := fresh()
			tc.tamper(vs)
			_, err := s.WeightedSum(vs, weights)
			require.ErrorIs(t, err, ErrMalformed)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestCombinePublicKeyChecks(t *testing.T) {
	s := newScheme(t)
	crs := CommonSeed([]byte("a"))
	sk1, err := s.GenSecretShare()
	require.NoError(t, err)
	sk2, err := s.GenSecretShare()
	require.NoError(t, err)
	p1, err := s.GenPublicKeyShare(sk1, crs)
	require.NoError(t, err)
	p2, err := s.GenPublicKeyShare(sk2, crs)
	require.NoError(t, err)
	p2other, err := s.GenPublicKeyShare(sk2, CommonSeed([]byte("b")))
	require.NoError(t, err)

	_, err = s.CombinePublicKey(crs, []*PublicKeyShare{p1, p1})
	require.ErrorIs(t, err, ErrDuplicateShare)
	_, err = s.CombinePublicKey(crs, []*PublicKeyShare{p1, p2other})
	require.ErrorIs(t, err, ErrKeyMismatch)

	a, err := s.CombinePublicKey(crs, []*PublicKeyShare{p1, p2})
	require.NoError(t, err)
	b, err := s.CombinePublicKey(crs, []*PublicKeyShare{p2, p1})
	require.NoError(t, err)
	assert.Equal(t, a.Hash(), b.Hash(), "the key must not depend on share order")
}

func TestCommonSeed(t *testing.T) {
	assert.Equal(t, CommonSeed([]byte("ab"), []byte("c")), CommonSeed([]byte("ab"), []byte("c")))
	assert.NotEqual(t, CommonSeed([]byte("ab"), []byte("c")), CommonSeed([]byte("a"), []byte("bc")))
	assert.NotEqual(t, CommonSeed(), CommonSeed([]byte{}))
}

func TestConfigValidation(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(c *Config)
		want   error
	}{
		{"default is valid", func(c *Config) {}, nil},
		{"unsupported LogN", func(c *Config) { c.LogN = 9 }, ErrInvalidConfig},
		{"one modulus only", func(c *Config) { c.LogQ = []int{60} }, ErrInvalidConfig},
		{"modulus of 61 bits", func(c *Config) { c.LogQ = []int{61, 48, 30} }, ErrInvalidConfig},
		{"no P modulus", func(c *Config) { c.LogP = nil }, ErrInvalidConfig},
		{"modulus too large", func(c *Config) { c.LogQ = []int{62, 50} }, ErrInvalidConfig},
		{"insecure for LogN 13", func(c *Config) { c.LogN = 13; c.LogQ = []int{60, 50, 50}; c.LogP = []int{61} }, ErrInsecureConfig},
		{"no headroom", func(c *Config) { c.LogDefaultScale = 93 }, ErrInvalidConfig},
		{"sigma too small", func(c *Config) { c.SmudgingSigma = 1 }, ErrInvalidConfig},
		{"sigma NaN", func(c *Config) { c.SmudgingSigma = math.NaN() }, ErrInvalidConfig},
		{"sigma too large for int64 samples", func(c *Config) { c.SmudgingSigma = 1 << 62 }, ErrInvalidConfig},
		{"sigma swamps scale", func(c *Config) { c.LogDefaultScale = 60; c.SmudgingSigma = 1 << 55 }, ErrInvalidConfig},
		{"weight prime too small", func(c *Config) { c.LogQ = []int{48, 48, 19} }, ErrInvalidConfig},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.mutate(&c)
			s, err := NewScheme(c)
			if tc.want == nil {
				require.NoError(t, err)
				assert.Equal(t, 1<<c.LogN, s.Slots())
				return
			}
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, s)
		})
	}
}

func TestPlainWeightedSum(t *testing.T) {
	tests := []struct {
		name    string
		vs      [][]float64
		weights []float64
		want    []float64
		err     error
	}{
		{"average", [][]float64{{1, 2}, {3, 4}}, []float64{0.5, 0.5}, []float64{2, 3}, nil},
		{"zero weight", [][]float64{{1, 2}, {3, 4}}, []float64{1, 0}, []float64{1, 2}, nil},
		{"unnormalised", [][]float64{{1}, {1}, {1}}, []float64{1, 2, 3}, []float64{6}, nil},
		{"no vectors", nil, nil, nil, ErrEmptyInput},
		{"empty vector", [][]float64{{}}, []float64{1}, nil, ErrEmptyInput},
		{"length mismatch", [][]float64{{1, 2}, {3}}, []float64{1, 1}, nil, ErrLengthMismatch},
		{"weight count", [][]float64{{1}}, []float64{1, 1}, nil, ErrInvalidWeight},
		{"negative weight", [][]float64{{1}}, []float64{-0.5}, nil, ErrInvalidWeight},
		{"infinite weight", [][]float64{{1}}, []float64{math.Inf(1)}, nil, ErrInvalidWeight},
		{"NaN value", [][]float64{{math.NaN()}}, []float64{1}, nil, ErrInvalidValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PlainWeightedSum(tc.vs, tc.weights)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.InDeltaSlice(t, tc.want, got, 1e-12)
		})
	}
}

func TestThresholdDecryption(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	points := []ShamirPoint{1, 2, 3, 4, 5}

	// Every party deals one share per point; share[p] travels (encrypted by
	// the caller) to the party at point p.
	dealt := make([]map[ShamirPoint]*ThresholdShare, n)
	for i, p := range f.parties {
		var err error
		dealt[i], err = s.GenThresholdShares(p.sk, threshold, points)
		require.NoError(t, err)
		require.Len(t, dealt[i], n)
	}
	tsks := make([]*ThresholdSecretShare, n)
	for j, p := range f.parties {
		var received []*ThresholdShare
		for i := range f.parties {
			// Simulate transport through the coordinator.
			b, err := dealt[i][points[j]].MarshalBinary()
			require.NoError(t, err)
			var ts ThresholdShare
			require.NoError(t, ts.UnmarshalBinary(b))
			received = append(received, &ts)
		}
		var err error
		tsks[j], err = s.AggregateThresholdShares(f.pk, p.sk.ID(), points[j], received)
		require.NoError(t, err)
		assert.Equal(t, threshold, tsks[j].Threshold())
	}

	agg, want := f.weightedAggregate(t, rand.New(rand.NewPCG(7, 7)), 100)

	shareFor := func(idx []int) []*DecryptionShare {
		active := make([]ShamirPoint, len(idx))
		for k, i := range idx {
			active[k] = points[i]
		}
		var out []*DecryptionShare
		for _, i := range idx {
			ds, err := s.GenThresholdDecryptionShare(tsks[i], active, agg)
			require.NoError(t, err)
			require.True(t, ds.IsThreshold())
			out = append(out, ds)
		}
		return out
	}
	for _, idx := range [][]int{{0, 1, 2}, {1, 3, 4}, {4, 0, 2}} {
		t.Run(fmt.Sprintf("active %v", idx), func(t *testing.T) {
			got, err := s.Decrypt(agg, shareFor(idx))
			require.NoError(t, err)
			e := maxAbsDiff(got, want)
			t.Logf("threshold %d-of-%d, active %v: max abs error %.3g", threshold, n, idx, e)
			assert.LessOrEqual(t, e, 1e-5)
		})
	}

	t.Run("too few shares", func(t *testing.T) {
		_, err := s.Decrypt(agg, shareFor([]int{0, 1, 2})[:2])
		require.ErrorIs(t, err, ErrMissingShares)
	})
	t.Run("mixed active sets", func(t *testing.T) {
		a := shareFor([]int{0, 1, 2})
		b := shareFor([]int{0, 1, 3})
		_, err := s.Decrypt(agg, []*DecryptionShare{a[0], a[1], b[2]})
		require.ErrorIs(t, err, ErrInvalidThreshold)
	})
	t.Run("mixed with n-of-n share", func(t *testing.T) {
		a := shareFor([]int{0, 1, 2})
		full, err := s.GenDecryptionShare(f.partyOf(agg.terms[0].Dealer).sk, agg)
		require.NoError(t, err)
		_, err = s.Decrypt(agg, []*DecryptionShare{a[0], a[1], full})
		require.ErrorIs(t, err, ErrInvalidThreshold)
	})
	t.Run("active set of wrong size", func(t *testing.T) {
		_, err := s.GenThresholdDecryptionShare(tsks[0], []ShamirPoint{1, 2}, agg)
		require.ErrorIs(t, err, ErrInvalidThreshold)
	})
	t.Run("own point not active", func(t *testing.T) {
		_, err := s.GenThresholdDecryptionShare(tsks[0], []ShamirPoint{2, 3, 4}, agg)
		require.ErrorIs(t, err, ErrInvalidThreshold)
	})
	t.Run("missing dealer", func(t *testing.T) {
		var received []*ThresholdShare
		for i := 0; i < n-1; i++ {
			received = append(received, dealt[i][1])
		}
		_, err := s.AggregateThresholdShares(f.pk, f.parties[0].sk.ID(), 1, received)
		require.ErrorIs(t, err, ErrMissingShares)
	})
	t.Run("share for another point", func(t *testing.T) {
		var received []*ThresholdShare
		for i := 0; i < n; i++ {
			received = append(received, dealt[i][1])
		}
		received[2] = dealt[2][2]
		_, err := s.AggregateThresholdShares(f.pk, f.parties[0].sk.ID(), 1, received)
		require.ErrorIs(t, err, ErrInvalidThreshold)
	})
}

func TestGenThresholdSharesValidation(t *testing.T) {
	s := newScheme(t)
	sk, err := s.GenSecretShare()
	require.NoError(t, err)
	tests := []struct {
		name      string
		threshold int
		points    []ShamirPoint
	}{
		{"zero point", 2, []ShamirPoint{0, 1, 2}},
		{"duplicate points", 2, []ShamirPoint{1, 2, 2}},
		{"point too large", 2, []ShamirPoint{1, MaxShamirPoint + 1}},
		{"threshold zero", 0, []ShamirPoint{1, 2, 3}},
		{"threshold above n", 4, []ShamirPoint{1, 2, 3}},
		{"no points", 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.GenThresholdShares(sk, tc.threshold, tc.points)
			require.ErrorIs(t, err, ErrInvalidThreshold)
		})
	}
}

func TestErrorsAreDistinct(t *testing.T) {
	all := []error{ErrInvalidConfig, ErrInsecureConfig, ErrParamsMismatch, ErrMalformed, ErrNilArgument,
		ErrEmptyInput, ErrInvalidValue, ErrInvalidWeight, ErrLengthMismatch, ErrLevelMismatch, ErrKeyMismatch,
		ErrDuplicateShare, ErrMissingShares, ErrWrongAggregate, ErrInvalidThreshold}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b), "%v vs %v", a, b)
		}
	}
}

// testRing returns a ring of degree 1024 whose primes have the given bit
// sizes (the last is the top prime), each the largest NTT-friendly prime
// below 2^bits, so that products and sums come as close to overflowing as
// they can.
func testRing(t *testing.T, sizes ...int) *ring.Ring {
	t.Helper()
	const n = 1 << 10
	var moduli []uint64
	for _, b := range sizes {
		g := ring.NewNTTFriendlyPrimesGenerator(uint64(b), 2*n)
		for {
			q, err := g.NextDownstreamPrime()
			require.NoError(t, err)
			if !slices.Contains(moduli, q) {
				moduli = append(moduli, q)
				break
			}
		}
	}
	r, err := ring.NewRing(n, moduli)
	require.NoError(t, err)
	return r
}

// referenceSum is the kernel's specification: Σᵢ w[l][i]·in[i][l][c] mod
// q_l with exact 128-bit remainders, then Lattigo's rounded division by the
// top prime and a reduction.
func referenceSum(r *ring.Ring, in []ring.Poly, w [][]uint64) ring.Poly {
	acc := r.NewPoly()
	for l, sr := range r.SubRings {
		q := sr.Modulus
		for c := range acc.Coeffs[l] {
			var sum uint64
			for i, p := range in {
				hi, lo := bits.Mul64(w[l][i], p.Coeffs[l][c])
				sum = (sum + bits.Rem64(hi, lo, q)) % q
			}
			acc.Coeffs[l][c] = sum
		}
	}
	out := r.AtLevel(r.Level() - 1).NewPoly()
	r.DivRoundByLastModulus(acc, out)
	r.AtLevel(r.Level()-1).Reduce(out, out)
	return out
}

func TestSumKernelMatchesReferenceModularResult(t *testing.T) {
	// The lazily reduced 128-bit accumulation with the fused rescale equals
	// the exact modular sum divided by Lattigo, on edge values: zero, q-1,
	// the largest weight residue, many terms (past the flush of the high
	// words for 60-bit primes), a top prime larger or smaller than the
	// others, and inputs counts that are and are not multiples of four.
	s := newScheme(t)
	rings := map[string]*ring.Ring{
		"default primes":  s.params.RingQ(),
		"60-bit primes":   testRing(t, 60, 60, 60),
		"large top prime": testRing(t, 30, 45, 60),
		"two primes":      testRing(t, 59, 40),
	}
	type pattern func(r *rand.Rand, q uint64, i, c int) uint64
	values := map[string]pattern{
		"zero":   func(*rand.Rand, uint64, int, int) uint64 { return 0 },
		"q-1":    func(_ *rand.Rand, q uint64, _, _ int) uint64 { return q - 1 },
		"random": func(r *rand.Rand, q uint64, _, _ int) uint64 { return r.Uint64N(q) },
		"edges": func(r *rand.Rand, q uint64, i, c int) uint64 {
			return []uint64{0, 1, q - 1, q / 2, (q + 1) / 2, r.Uint64N(q)}[(i+c)%6]
		},
	}
	weights := map[string]pattern{
		"max":    func(_ *rand.Rand, q uint64, _, _ int) uint64 { return q - 1 },
		"random": func(r *rand.Rand, q uint64, _, _ int) uint64 { return r.Uint64N(q) },
		"zero and max": func(_ *rand.Rand, q uint64, i, _ int) uint64 {
			return []uint64{0, q - 1, 1}[i%3]
		},
	}
	rnd := rand.New(rand.NewPCG(11, 12))
	for rname, rg := range rings {
		for vname, value := range values {
			for wname, weight := range weights {
				for _, inputs := range []int{1, 3, 4, 5, 10, 300} {
					if rg.N() > 1<<10 && inputs > 10 {
						continue // the scheme's ring is big; many terms run on the small rings
					}
					t.Run(fmt.Sprintf("%s/values %s/weights %s/%d inputs", rname, vname, wname, inputs), func(t *testing.T) {
						in := make([]ring.Poly, inputs)
						for i := range in {
							in[i] = rg.NewPoly()
							for l, sr := range rg.SubRings {
								for c := range in[i].Coeffs[l] {
									in[i].Coeffs[l][c] = value(rnd, sr.Modulus, i, c)
								}
							}
						}
						w := make([][]uint64, rg.Level()+1)
						for l, sr := range rg.SubRings {
							w[l] = make([]uint64, inputs)
							for i := range w[l] {
								w[l][i] = weight(rnd, sr.Modulus, i, 0)
							}
						}
						want := referenceSum(rg, in, w)
						got := rg.AtLevel(rg.Level() - 1).NewPoly()
						plan := newSumPlan(rg, w)
						sc := newSumScratch(inputs)
						// Two uneven work items, as parallel workers would run them.
						mid := rg.N()/2 + 3
						for _, span := range [][2]int{{0, mid}, {mid, rg.N()}} {
							bad, _ := plan.run(sc, in, got, span[0], span[1])
							require.Equal(t, -1, bad)
						}
						require.True(t, want.Equal(&got), "kernel differs from the reference")
					})
				}
			}
		}
	}
}

func TestSumKernelReportsUnreducedCoefficients(t *testing.T) {
	// A coefficient ≥ q in any input, at any level and position, is found
	// and attributed to the right input and prime.
	rg := testRing(t, 60, 50, 40)
	tests := []struct {
		name             string
		inputs, bad, lvl int
		coeff            int
		value            func(q uint64) uint64
	}{
		{"q in a group of four, top prime", 8, 5, 2, 700, func(q uint64) uint64 { return q }},
		{"max uint64 in the remainder", 7, 6, 0, 1023, func(uint64) uint64 { return math.MaxUint64 }},
		{"q+2^63 in the first input", 1, 0, 1, 0, func(q uint64) uint64 { return q + 1<<63 }},
		{"2^60 at a lower prime", 12, 11, 1, 511, func(uint64) uint64 { return 1 << 60 }},
		{"q in a later batch of the vector kernel", 40, 37, 2, 64, func(q uint64) uint64 { return q }},
		{"q in the scalar tail of a span", 3, 2, 1, 1023, func(q uint64) uint64 { return q }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := make([]ring.Poly, tc.inputs)
			w := make([][]uint64, rg.Level()+1)
			for i := range in {
				in[i] = rg.NewPoly()
			}
			for l := range w {
				w[l] = make([]uint64, tc.inputs)
			}
			in[tc.bad].Coeffs[tc.lvl][tc.coeff] = tc.value(rg.SubRings[tc.lvl].Modulus)
			out := rg.AtLevel(rg.Level() - 1).NewPoly()
			plan, sc := newSumPlan(rg, w), newSumScratch(tc.inputs)
			// Spans that are not multiples of the vector width, so that
			// coefficients near their ends go to the scalar tail.
			mid := rg.N()/2 + 3
			bad, lvl := plan.run(sc, in, out, 0, mid)
			if bad < 0 {
				bad, lvl = plan.run(sc, in, out, mid, rg.N())
			}
			assert.Equal(t, tc.bad, bad)
			assert.Equal(t, tc.lvl, lvl)
		})
	}
}

func TestAcc4MatchesGeneric(t *testing.T) {
	// The architecture's acc4 (assembly on amd64) and the Go version agree
	// on sums, carries and the largest input, including values that are
	// not reduced (which the kernel must report, not mis-sum silently).
	r := rand.New(rand.NewPCG(5, 6))
	tests := []struct {
		name  string
		value func() uint64
	}{
		{"zero", func() uint64 { return 0 }},
		{"max uint64", func() uint64 { return math.MaxUint64 }},
		{"random 64-bit", r.Uint64},
		{"random 48-bit", func() uint64 { return r.Uint64N(1 << 48) }},
	}
	for _, tc := range tests {
		for _, n := range []int{0, 1, 7, 512} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, n), func(t *testing.T) {
				var x [4][]uint64
				for k := range x {
					x[k] = make([]uint64, n)
					for c := range x[k] {
						x[k][c] = tc.value()
					}
				}
				w := [4]uint64{tc.value(), tc.value(), tc.value(), tc.value()}
				lo, hi := make([]uint64, n), make([]uint64, n)
				for c := range lo {
					lo[c], hi[c] = tc.value(), tc.value()>>8
				}
				lo2, hi2 := slices.Clone(lo), slices.Clone(hi)
				m := acc4(lo, hi, x[0], x[1], x[2], x[3], w[0], w[1], w[2], w[3])
				m2 := acc4Generic(lo2, hi2, x[0], x[1], x[2], x[3], w[0], w[1], w[2], w[3])
				assert.Equal(t, m2, m)
				assert.Equal(t, lo2, lo)
				assert.Equal(t, hi2, hi)
			})
		}
	}
}

func TestAccRowsMatchesGeneric(t *testing.T) {
	// The architecture's accRows (AVX-512 IFMA where the CPU has it) and the
	// Go version agree on 52-bit operands: sums, carries into the high
	// words, and the largest coefficient, also when one is not below 2^52.
	if !vectorKernel() {
		t.Skip("no vector kernel on this machine")
	}
	r := rand.New(rand.NewPCG(7, 8))
	const top = 1<<52 - 1
	tests := []struct {
		name  string
		value func() uint64
	}{
		{"zero", func() uint64 { return 0 }},
		{"2^52-1", func() uint64 { return top }},
		{"random 52-bit", func() uint64 { return r.Uint64N(top + 1) }},
	}
	for _, tc := range tests {
		for _, rows := range []int{1, 5, vectorBatch} {
			t.Run(fmt.Sprintf("%s/%d rows", tc.name, rows), func(t *testing.T) {
				const n = 3 * vectorWidth
				x := make([][]uint64, rows)
				w := make([]uint64, rows)
				for i := range x {
					x[i] = make([]uint64, n)
					for c := range x[i] {
						x[i][c] = tc.value()
					}
					w[i] = tc.value()
				}
				lo, hi := make([]uint64, n), make([]uint64, n)
				for c := range lo {
					lo[c], hi[c] = r.Uint64(), r.Uint64()>>1
				}
				lo2, hi2 := slices.Clone(lo), slices.Clone(hi)
				m := accRows(newSumScratch(rows), lo, hi, x, w)
				m2 := accRowsGeneric(lo2, hi2, x, w)
				assert.Equal(t, m2, m)
				assert.Equal(t, lo2, lo)
				assert.Equal(t, hi2, hi)
			})
		}
	}
	t.Run("a coefficient above 2^52 shows in the maximum", func(t *testing.T) {
		x := [][]uint64{make([]uint64, vectorWidth), make([]uint64, vectorWidth)}
		x[1][vectorWidth-1] = 1<<63 + 5
		lo, hi := make([]uint64, vectorWidth), make([]uint64, vectorWidth)
		assert.Equal(t, uint64(1<<63+5), accRows(newSumScratch(2), lo, hi, x, []uint64{1, 1}))
	})
}

// An update encodes to at most MaxUpdateSize bytes, and an honest one
// (uniform residues) to nearly that: a relay that bounds uploads by it
// refuses no valid update and leaves a sender little room.
func TestMaxUpdateSizeBoundsAnUpdate(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 1)
	r := rand.New(rand.NewPCG(3, 4))
	n := s.Slots()
	for _, length := range []int{1, 5, n - 1, n, n + 1, 3*n + 7} {
		v, err := f.encrypt(randomVector(r, length, 1))
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		most := s.MaxUpdateSize(length)
		assert.LessOrEqual(t, len(b), most, "%d values", length)
		assert.GreaterOrEqual(t, float64(len(b)), 0.95*float64(most), "%d values: the bound is tight", length)
	}
	assert.Zero(t, s.MaxUpdateSize(0))
}
