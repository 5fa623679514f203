package aggregation

import (
	"math/rand/v2"
	"testing"
)

const benchLen = 100_000

func benchSetup(b *testing.B, nVectors int) (*fixture, [][]float64, []*EncryptedVector, []float64) {
	b.Helper()
	s := newScheme(b)
	f := newFixture(b, s, 3)
	r := rand.New(rand.NewPCG(1, 1))
	plain := make([][]float64, nVectors)
	enc := make([]*EncryptedVector, nVectors)
	for i := range plain {
		plain[i] = randomVector(r, benchLen, 10)
		var err error
		if enc[i], err = s.Encrypt(f.pk, plain[i]); err != nil {
			b.Fatal(err)
		}
	}
	return f, plain, enc, normalisedWeights(r, nVectors)
}

// BenchmarkEncrypt100k encrypts one 100k-value update (13 ciphertexts).
func BenchmarkEncrypt100k(b *testing.B) {
	f, plain, _, _ := benchSetup(b, 1)
	b.SetBytes(8 * benchLen)
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.s.Encrypt(f.pk, plain[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWeightedSum100k sums 10 encrypted 100k-value updates.
func BenchmarkWeightedSum100k(b *testing.B) {
	f, _, enc, w := benchSetup(b, 10)
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.s.WeightedSum(enc, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHash100k hashes a 100k-value aggregate (the on-chain commitment).
func BenchmarkHash100k(b *testing.B) {
	f, _, enc, _ := benchSetup(b, 1)
	agg, err := f.s.WeightedSum(enc, []float64{1})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(agg.BinarySize()))
	b.ResetTimer()
	for b.Loop() {
		agg.hash = &hashCache{}
		agg.Hash()
	}
}

// BenchmarkDecryptionShare100k is one party's decryption share of a
// 100k-value aggregate.
func BenchmarkDecryptionShare100k(b *testing.B) {
	f, _, enc, _ := benchSetup(b, 1)
	agg, err := f.s.WeightedSum(enc, []float64{1})
	if err != nil {
		b.Fatal(err)
	}
	agg.Hash()
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.s.GenDecryptionShare(f.parties[0].sk, agg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecrypt100k combines three parties' shares and decodes.
func BenchmarkDecrypt100k(b *testing.B) {
	f, _, enc, _ := benchSetup(b, 1)
	agg, err := f.s.WeightedSum(enc, []float64{1})
	if err != nil {
		b.Fatal(err)
	}
	shares := make([]*DecryptionShare, len(f.parties))
	for i, p := range f.parties {
		if shares[i], err = f.s.GenDecryptionShare(p.sk, agg); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.s.Decrypt(agg, shares); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlainWeightedSum100k is the plaintext baseline: 10 updates of
// 100k float64 values.
func BenchmarkPlainWeightedSum100k(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	plain := make([][]float64, 10)
	for i := range plain {
		plain[i] = randomVector(r, benchLen, 10)
	}
	w := normalisedWeights(r, 10)
	b.ResetTimer()
	for b.Loop() {
		if _, err := PlainWeightedSum(plain, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWeightedSum1M sums 10 distinct encrypted 1M-value updates, the
// size of issue 4's target (2× the memory-bandwidth bound).
func BenchmarkWeightedSum1M(b *testing.B) {
	s := newScheme(b)
	f := newFixture(b, s, 3)
	r := rand.New(rand.NewPCG(1, 1))
	enc := make([]*EncryptedVector, 10)
	for i := range enc {
		var err error
		if enc[i], err = s.Encrypt(f.pk, randomVector(r, 1_000_000, 1)); err != nil {
			b.Fatal(err)
		}
	}
	w := normalisedWeights(r, len(enc))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.WeightedSum(enc, w); err != nil {
			b.Fatal(err)
		}
	}
}
