package aggregation

import (
	"encoding"
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tuneinsight/lattigo/v5/mhe"
)

type wireValue interface {
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// wireCases builds one value of every serialised type, with a constructor
// for an empty value of the same type.
func wireCases(t *testing.T) (*Scheme, *fixture, map[string]struct {
	v     wireValue
	empty func() wireValue
}) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	pks, err := s.GenPublicKeyShare(f.parties[0].sk, f.crs)
	require.NoError(t, err)
	v, err := f.encrypt([]float64{1, -2, 3.5})
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{v}, []float64{0.5})
	require.NoError(t, err)
	ds, err := s.GenDecryptionShare(f.parties[0].sk, agg)
	require.NoError(t, err)
	points := []ShamirPoint{1, 2, 3}
	dealt := make([]map[ShamirPoint]*ThresholdShare, 3)
	for i, p := range f.parties {
		dealt[i], err = s.GenThresholdShares(p.sk, 2, points)
		require.NoError(t, err)
	}
	tsk, err := s.AggregateThresholdShares(f.pk, f.parties[0].sk.ID(), 1, []*ThresholdShare{dealt[0][1], dealt[1][1], dealt[2][1]})
	require.NoError(t, err)
	tds, err := s.GenThresholdDecryptionShare(tsk, []ShamirPoint{1, 3}, agg)
	require.NoError(t, err)

	return s, f, map[string]struct {
		v     wireValue
		empty func() wireValue
	}{
		"SecretShare":              {f.parties[0].sk, func() wireValue { return new(SecretShare) }},
		"PublicKeyShare":           {pks, func() wireValue { return new(PublicKeyShare) }},
		"PublicKey":                {f.pk, func() wireValue { return new(PublicKey) }},
		"EncryptedVector fresh":    {v, func() wireValue { return new(EncryptedVector) }},
		"EncryptedVector agg":      {agg, func() wireValue { return new(EncryptedVector) }},
		"DecryptionShare":          {ds, func() wireValue { return new(DecryptionShare) }},
		"DecryptionShare treshold": {tds, func() wireValue { return new(DecryptionShare) }},
		"ThresholdShare":           {dealt[1][2], func() wireValue { return new(ThresholdShare) }},
		"ThresholdSecretShare":     {tsk, func() wireValue { return new(ThresholdSecretShare) }},
	}
}

func TestWireRoundTrip(t *testing.T) {
	_, _, cases := wireCases(t)
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := tc.v.MarshalBinary()
			require.NoError(t, err)
			got := tc.empty()
			require.NoError(t, got.UnmarshalBinary(b))
			b2, err := got.MarshalBinary()
			require.NoError(t, err)
			assert.Equal(t, b, b2)
		})
	}
}

func TestWireRefusesMalformed(t *testing.T) {
	_, _, cases := wireCases(t)
	for name, tc := range cases {
		b, err := tc.v.MarshalBinary()
		require.NoError(t, err)
		mutations := map[string][]byte{
			"empty":         {},
			"header only":   b[:38],
			"truncated":     b[:len(b)-1],
			"trailing byte": append(append([]byte(nil), b...), 0),
			"bad magic":     append([]byte("XXXX"), b[4:]...),
			"bad version":   append(append(append([]byte(nil), b[:5]...), 99), b[6:]...),
		}
		for mname, m := range mutations {
			t.Run(name+"/"+mname, func(t *testing.T) {
				require.ErrorIs(t, tc.empty().UnmarshalBinary(m), ErrMalformed)
			})
		}
	}
	// A value of one type never decodes as another.
	pkBytes, err := cases["PublicKey"].v.MarshalBinary()
	require.NoError(t, err)
	require.ErrorIs(t, new(EncryptedVector).UnmarshalBinary(pkBytes), ErrMalformed)
	require.ErrorIs(t, new(SecretShare).UnmarshalBinary(pkBytes), ErrMalformed)
}

// Offsets in a fresh EncryptedVector encoding: the ciphertext count after
// header 38 + key hash 32 + context 32 + term count 4 + one term (dealer 16,
// weight 8) + length 8 + level 1, then the first polynomial (N u32 | rows u8
// | used u32 | widths).
const (
	offCount = 38 + 32 + 32 + 4 + 16 + 8 + 8 + 1
	offPoly  = offCount + 4
)

func TestWireHugeCountsDoNotAllocate(t *testing.T) {
	_, _, cases := wireCases(t)
	b, err := cases["EncryptedVector fresh"].v.MarshalBinary()
	require.NoError(t, err)
	tests := []struct {
		name   string
		offset int
		value  uint32
	}{
		{"huge ciphertext count", offCount, 1<<31 - 1},
		{"degree not a power of two", offPoly, 1000},
		{"degree too large", offPoly, 1 << 20},
		{"more coefficients than the degree", offPoly + 5, 1 << 15},
		{"zero coefficients", offPoly + 5, 0},
		{"zero length", offCount - 5, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := append([]byte(nil), b...)
			binary.BigEndian.PutUint32(m[tc.offset:], tc.value)
			require.ErrorIs(t, new(EncryptedVector).UnmarshalBinary(m), ErrMalformed)
		})
	}
}

func TestUseRefusesUnreducedCoefficients(t *testing.T) {
	s, f, _ := wireCases(t)
	// Rows are packed at the width of their largest coefficient, so only a
	// row packed at the full width of its prime can hold a value above the
	// prime. A full vector's row almost surely is; retry the rare exception.
	qBits := bits.Len64(s.Parameters().Q()[0])
	var m []byte
	for try := 0; m == nil; try++ {
		require.Less(t, try, 20, "no row packed at the prime's full width")
		v, err := f.encrypt(make([]float64, s.Slots()))
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		if int(b[offPoly+9]) == qBits {
			m = b
		}
	}
	// First coefficient of c0, row 0: set all its width bits to one (bits
	// are packed little-endian: whole bytes, then the low width%8 bits of
	// the next), which keeps the encoding canonical but exceeds the prime.
	width := int(m[offPoly+9])
	for k := 0; k < width/8; k++ {
		m[offPoly+9+3+k] = 0xff
	}
	if rest := width % 8; rest > 0 {
		m[offPoly+9+3+width/8] |= byte(1)<<rest - 1
	}
	var v EncryptedVector
	require.NoError(t, v.UnmarshalBinary(m), "structure is valid; the modulus is only known on use")
	_, err := s.WeightedSum([]*EncryptedVector{&v}, []float64{1})
	require.ErrorIs(t, err, ErrMalformed)
	_, err = s.GenDecryptionShare(f.parties[0].sk, &v)
	require.ErrorIs(t, err, ErrMalformed)
}

func TestDecodedValuesWork(t *testing.T) {
	// Keys and vectors that went through the wire still decrypt correctly.
	s, f, _ := wireCases(t)
	roundTrip := func(v wireValue, out wireValue) {
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		require.NoError(t, out.UnmarshalBinary(b))
	}
	var pk PublicKey
	roundTrip(f.pk, &pk)
	assert.Equal(t, f.pk.Hash(), pk.Hash())
	v, err := s.Encrypt(f.parties[0].sk, pk.Hash(), f.ctx, []float64{1, 2, 3})
	require.NoError(t, err)
	var vv EncryptedVector
	roundTrip(v, &vv)
	agg, err := s.WeightedSum([]*EncryptedVector{&vv}, []float64{2})
	require.NoError(t, err)
	var aa EncryptedVector
	roundTrip(agg, &aa)
	var shares []*DecryptionShare
	for _, p := range f.parties[:1] {
		var sk SecretShare
		roundTrip(p.sk, &sk)
		ds, err := s.GenDecryptionShare(&sk, &aa)
		require.NoError(t, err)
		var dd DecryptionShare
		roundTrip(ds, &dd)
		shares = append(shares, &dd)
	}
	got, err := s.Decrypt(agg, shares)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{2, 4, 6}, got, 1e-5)
}

// A threshold share crosses the coordinator sealed but not padded, so its
// encoded size must not depend on its values: a row packed at its largest
// value's width would tell the coordinator that every coefficient of that
// row of the secret share is small. Every share packs at its moduli's
// widths, and a share packed otherwise is refused at use.
func TestThresholdShareSizeHidesValues(t *testing.T) {
	s, f, _ := wireCases(t)
	points := []ShamirPoint{1, 2, 3}
	dealt, err := s.GenThresholdShares(f.parties[0].sk, 2, points)
	require.NoError(t, err)
	share := dealt[2]
	want, err := share.MarshalBinary()
	require.NoError(t, err)

	small := *share
	small.shares = []mhe.ShamirSecretShare{{Poly: *share.shares[0].Poly.CopyNew()}}
	for j := range small.shares[0].Poly.Q.Coeffs[0] {
		small.shares[0].Poly.Q.Coeffs[0][j] = uint64(j % 3) // two bits wide
	}
	got, err := small.MarshalBinary()
	require.NoError(t, err)
	assert.Len(t, got, len(want), "a row of small values packs as wide as a random one")

	var back ThresholdShare
	require.NoError(t, back.UnmarshalBinary(got))
	assert.Equal(t, small.shares[0].Poly.Q.Coeffs[0], back.shares[0].Poly.Q.Coeffs[0])

	minimal := small
	minimal.widths = nil // packed at each row's largest value, as before
	b, err := minimal.MarshalBinary()
	require.NoError(t, err)
	assert.Less(t, len(b), len(want), "the old packing gave the values away")
	var refused ThresholdShare
	require.NoError(t, refused.UnmarshalBinary(b))
	received := []*ThresholdShare{&refused}
	for _, p := range f.parties[1:] {
		d, err := s.GenThresholdShares(p.sk, 2, points)
		require.NoError(t, err)
		received = append(received, d[2])
	}
	_, err = s.AggregateThresholdShares(f.pk, f.parties[1].sk.ID(), 2, received)
	require.ErrorIs(t, err, ErrMalformed)
	assert.ErrorContains(t, err, "moduli's widths")
}

// TestUnpackRowRoundTrips checks the unpacker's paths (groups of 8 values,
// single values, the byte-wise tail) against the packer at every width and
// at lengths that end in each of them.
func TestUnpackRowRoundTrips(t *testing.T) {
	for width := uint(1); width <= 64; width++ {
		for _, n := range []int{1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 1 << 10} {
			row, raw := packedRowOf(n, width, uint64(width)*1000+uint64(n))
			got := make([]uint64, n)
			if _, ok := unpackRow(raw, got, width, false); !ok {
				t.Fatalf("width %d, %d values: refused its own packing", width, n)
			}
			if !slices.Equal(got, row) {
				t.Fatalf("width %d, %d values: unpacked %v, packed %v", width, n, got, row)
			}
			if uint(n)*width%8 != 0 {
				raw[len(raw)-1] |= 0x80 // a padding bit
				if _, ok := unpackRow(raw, got, width, false); ok {
					t.Fatalf("width %d, %d values: accepted a non-zero padding bit", width, n)
				}
			}
		}
	}
}

// A vector decoded by UnmarshalBinary (as a holder decodes each update it
// fetches, DecodeContent) keeps each row's largest coefficient as it was
// unpacked, as VectorStream's did, and checkVector compares those with
// the primes instead of reading every coefficient again: a holder checks
// each update it scores. The values are every row's true largest, and an
// unreduced coefficient that decodes is still refused by that check.
func TestDecodedVectorIsCheckedByEachRowsLargest(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 2)
	values := randomVector(rand.New(rand.NewPCG(19, 20)), s.Slots()+500, 1)
	v, err := f.encrypt(values)
	require.NoError(t, err)
	b, err := v.MarshalBinary()
	require.NoError(t, err)
	var got EncryptedVector
	require.NoError(t, got.UnmarshalBinary(b))
	require.Len(t, got.hash.largest, len(got.c0))
	for j, p := range got.c0 {
		for l, row := range p.Coeffs {
			assert.Equal(t, slices.Max(row), got.hash.largest[j][l], "ciphertext %d row %d", j, l)
		}
	}
	require.NoError(t, s.checkVector("update", &got))

	q := s.params.RingQ().SubRings[0].Modulus
	bad := *v
	bad.hash = &hashCache{}
	bad.c0 = slices.Clone(v.c0)
	bad.c0[1] = *v.c0[1].CopyNew()
	bad.c0[1].Coeffs[0][7] = q
	b, err = bad.MarshalBinary()
	require.NoError(t, err)
	var unreduced EncryptedVector
	require.NoError(t, unreduced.UnmarshalBinary(b), "the wire format carries any 64-bit value")
	require.NotNil(t, unreduced.hash.largest)
	err = s.checkVector("update", &unreduced)
	require.ErrorIs(t, err, ErrMalformed)
	assert.Contains(t, err.Error(), "not reduced")
}
