//go:build !amd64 || purego

package aggregation

// acc4 adds w0·x0[c] + … + w3·x3[c] to the 128-bit (hi[c], lo[c]) and
// returns the largest x seen. All slices must be as long as lo.
func acc4(lo, hi, x0, x1, x2, x3 []uint64, w0, w1, w2, w3 uint64) uint64 {
	return acc4Generic(lo, hi, x0, x1, x2, x3, w0, w1, w2, w3)
}

// vectorWidth is the number of coefficients accRows sums at a time.
const vectorWidth = 32

// vectorScratch is a worker's memory for accRows: none on this
// architecture.
type vectorScratch struct{}

func newVectorScratch(int) vectorScratch { return vectorScratch{} }

// vectorKernel reports whether accRows runs vector instructions: not on
// this architecture, where sumScalar does all the work.
func vectorKernel() bool { return false }

// accRows is accRowsGeneric.
func accRows(_ *sumScratch, lo, hi []uint64, rows [][]uint64, w []uint64) uint64 {
	return accRowsGeneric(lo, hi, rows, w)
}
