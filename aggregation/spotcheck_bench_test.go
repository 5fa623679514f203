package aggregation

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// BenchmarkCheckSpots is a holder's spot check of an aggregate of n
// updates of 100k values with DefaultSpotChecks chunks: the time of
// CheckSpots and the bytes the holder receives (the updates' chunk
// proofs), against n whole updates for a full recomputation.
func BenchmarkCheckSpots(b *testing.B) {
	for _, n := range []int{10, 30} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f, _, enc, w := benchSetup(b, n)
			agg, err := f.s.WeightedSum(enc, w)
			if err != nil {
				b.Fatal(err)
			}
			chunks, err := DrawSpotChecks(nil, agg.NumChunks(), DefaultSpotChecks)
			if err != nil {
				b.Fatal(err)
			}
			aggProof, err := agg.OpenChunks(chunks)
			if err != nil {
				b.Fatal(err)
			}
			c := SpotCheck{KeyHash: f.pk.Hash(), Context: f.ctx, Length: agg.Len(), Aggregate: agg.Hash(), AggregateProof: aggProof, Chunks: chunks}
			received, whole := 0, 0
			for i, u := range enc {
				p, err := u.OpenChunks(chunks)
				if err != nil {
					b.Fatal(err)
				}
				received += p.BinarySize()
				whole += u.BinarySize()
				c.Updates = append(c.Updates, SpotUpdate{Commitment: u.Hash(), Dealer: u.Dealer(), Weight: w[i], Proof: p})
			}
			b.ResetTimer()
			for b.Loop() {
				if err := f.s.CheckSpots(c); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(received)/1e6, "MB-received/holder")
			b.ReportMetric(float64(whole)/1e6, "MB-full-recompute/holder")
		})
	}
}

// BenchmarkChunkProofSize reports the bytes of one update's proof of
// DefaultSpotChecks chunks at 100k and 1M values (paths grow with log m).
func BenchmarkChunkProofSize(b *testing.B) {
	for _, length := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("values=%d", length), func(b *testing.B) {
			_, _, enc, _ := benchSetupLen(b, 1, length)
			chunks, err := DrawSpotChecks(nil, enc[0].NumChunks(), DefaultSpotChecks)
			if err != nil {
				b.Fatal(err)
			}
			var size int
			for b.Loop() {
				enc[0].hash = &hashCache{}
				p, err := enc[0].OpenChunks(chunks) // builds the tree: the commitment's cost
				if err != nil {
					b.Fatal(err)
				}
				size = p.BinarySize()
			}
			b.ReportMetric(float64(size), "proof-bytes/update")
			b.ReportMetric(float64(enc[0].BinarySize())/1e6, "MB/update")
		})
	}
}

// BenchmarkCommitment compares the chunk root of a 1M-value update (what
// is committed) with Keccak-256 of its bytes (what was committed before).
func BenchmarkCommitment(b *testing.B) {
	_, _, enc, _ := benchSetupLen(b, 1, 1_000_000)
	raw, err := enc[0].MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("chunk-root", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			enc[0].hash = &hashCache{}
			enc[0].Hash()
		}
	})
	b.Run("keccak-of-bytes", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			crypto.Keccak256Hash(raw)
		}
	})
	b.Run("content-hash-of-bytes", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			ContentHash(raw)
		}
	})
}
