//go:build !purego

package aggregation

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
