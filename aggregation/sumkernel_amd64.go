//go:build !purego

package aggregation

import "golang.org/x/sys/cpu"

// acc4asm is acc4 in assembly: the Go compiler spills the four products of
// acc4Generic to the stack (MULQ's fixed registers and the carry flag
// leave it too few registers), which doubles the instructions of the
// kernel's inner loop. All pointers must point to n valid values.
//
//go:noescape
func acc4asm(lo, hi, x0, x1, x2, x3 *uint64, n int, w0, w1, w2, w3 uint64) (m uint64)

// acc4 adds w0·x0[c] + … + w3·x3[c] to the 128-bit (hi[c], lo[c]) and
// returns the largest x seen. All slices must be as long as lo.
func acc4(lo, hi, x0, x1, x2, x3 []uint64, w0, w1, w2, w3 uint64) uint64 {
	n := len(lo)
	if n == 0 {
		return 0
	}
	_, _, _, _, _ = hi[n-1], x0[n-1], x1[n-1], x2[n-1], x3[n-1] // lengths checked here, not in assembly
	return acc4asm(&lo[0], &hi[0], &x0[0], &x1[0], &x2[0], &x3[0], n, w0, w1, w2, w3)
}

// vectorWidth is the number of coefficients accIFMAasm sums at a time.
const vectorWidth = 32

// vectorScratch is a worker's memory for accRows.
type vectorScratch struct {
	ptrs []*uint64 // the rows' first coefficients
	max  [8]uint64 // lane-wise largest coefficients
}

func newVectorScratch(inputs int) vectorScratch {
	return vectorScratch{ptrs: make([]*uint64, min(inputs, vectorBatch))}
}

// vectorKernel reports whether the machine (and its OS) runs AVX-512 with
// the 52-bit integer multiply-adds (IFMA) that accRows uses.
func vectorKernel() bool {
	return cpu.X86.HasAVX512F && cpu.X86.HasAVX512IFMA
}

// accIFMAasm adds Σᵢ w[i]·rows[i][c] to the 128-bit (hi[c], lo[c]) for c
// in [0, n), n a multiple of vectorWidth, and writes the lane-wise largest
// rows[i][c] to m. Each product is split in its low and high 52 bits, so
// it is exact when w[i] and rows[i][c] are below 2^52, for up to 4096 rows.
//
//go:noescape
func accIFMAasm(lo, hi *uint64, n int, rows **uint64, nrows int, w *uint64, m *[8]uint64)

// accRows adds Σᵢ w[i]·rows[i][c] to the 128-bit (hi[c], lo[c]) and
// returns the largest rows[i][c]. len(lo) must be a multiple of
// vectorWidth, at most vectorBatch rows be given, every row as long as lo,
// and the sum is exact only for weights and coefficients below 2^52 (a
// larger coefficient still shows in the maximum).
func accRows(sc *sumScratch, lo, hi []uint64, rows [][]uint64, w []uint64) uint64 {
	n := len(lo)
	if n == 0 || len(rows) == 0 {
		return 0
	}
	_, _ = hi[n-1], w[len(rows)-1]
	ptrs := sc.vec.ptrs[:len(rows)]
	for i, row := range rows {
		ptrs[i] = &row[:n][0]
	}
	m := &sc.vec.max
	accIFMAasm(&lo[0], &hi[0], n&^(vectorWidth-1), &ptrs[0], len(rows), &w[0], m)
	clear(ptrs) // drop the references
	return max(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7])
}
