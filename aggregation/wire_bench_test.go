package aggregation

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// packedRowOf packs n random values of exactly width bits as the encoder
// does.
func packedRowOf(n int, width uint, seed uint64) ([]uint64, []byte) {
	r := rand.New(rand.NewPCG(seed, 1))
	row := make([]uint64, n)
	for i := range row {
		row[i] = r.Uint64() >> (64 - width)
	}
	row[0] |= 1 << (width - 1) // the width is minimal
	var out bytes.Buffer
	e := newEncoder(&out)
	e.packRow(row, width)
	if err := e.w.Flush(); err != nil {
		panic(err)
	}
	return row, out.Bytes()
}

// BenchmarkUnpackRow times decoding one ciphertext's row (N = 2^14) at the
// widths of the deployed moduli: the coordinator decodes three such rows
// per 16384 values of every update it receives.
func BenchmarkUnpackRow(b *testing.B) {
	for _, width := range []uint{48, 30} {
		b.Run(fmt.Sprintf("width=%d", width), func(b *testing.B) {
			_, raw := packedRowOf(1<<14, width, uint64(width))
			row := make([]uint64, 1<<14)
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, ok := unpackRow(raw, row, width, false); !ok {
					b.Fatal("not canonical")
				}
			}
		})
	}
}
