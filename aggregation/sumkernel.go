package aggregation

import (
	"math/big"
	"math/bits"

	"github.com/tuneinsight/lattigo/v5/ring"
)

// sumBlock is the number of coefficients the kernel sums at a time: its
// accumulators (two words each, plus the rescaled top row) stay in L1.
const sumBlock = 512

// sumChunk is the number of coefficients of one work item: long enough for
// sequential streams, short enough to spread even one ciphertext over every
// core.
const sumChunk = 4096

// sumPlan computes Σᵢ wᵢ·xᵢ of polynomials at the top level L, then divides
// the result by q_L with rounding (the CKKS rescale, in the coefficient
// domain), giving a polynomial at level L-1. It is built once per
// WeightedSum call and is read-only afterwards, so workers share it.
//
// The kernel streams each input row once per block, multiplies in 128 bits
// and accumulates without reduction; it reduces once per coefficient and
// fuses the rescale into that reduction. All of it is exact modular
// arithmetic: the output equals, byte for byte, Lattigo's
// Ring.DivRoundByLastModulus followed by Ring.Reduce of the reduced sum.
type sumPlan struct {
	top    int
	levels []sumLevel // by level 0..top
}

// sumLevel holds one prime's constants.
type sumLevel struct {
	q     uint64
	bred  []uint64 // Barrett constants of q
	mred  uint64   // q^-1 mod 2^64, Lattigo's Montgomery constant
	w     []uint64 // the weights reduced modulo q
	hiMax uint64   // the high word of the largest product, (q-1)^2 >> 64
	// hiRoom bounds the high words, 2^64 - q - 2: room for the final carry
	// and redc. They are reduced before more products could pass it.
	hiRoom  uint64
	vector  bool   // q < 2^52 and the machine has the vector kernel
	half    uint64 // (q_L-1)/2 mod q: rounds the division by q_L
	r128    uint64 // 2^128 mod q, for the top prime
	rescale uint64 // 2^128·q_L^-1 mod q, for the primes below the top
	reduceT bool   // q_L ≥ q: the remainder mod q_L needs reducing mod q
}

// newSumPlan prepares the kernel for ring r (at the inputs' level L ≥ 1)
// and the weights w[l][i], reduced modulo prime l.
func newSumPlan(r *ring.Ring, w [][]uint64) *sumPlan {
	top := r.Level()
	qTop := r.SubRings[top].Modulus
	p := &sumPlan{top: top, levels: make([]sumLevel, top+1)}
	two128 := new(big.Int).Lsh(big.NewInt(1), 128)
	for l, sr := range r.SubRings[:top+1] {
		q := sr.Modulus
		bq := new(big.Int).SetUint64(q)
		hiMax, _ := bits.Mul64(q-1, q-1)
		lv := sumLevel{
			q:       q,
			bred:    sr.BRedConstant,
			mred:    sr.MRedConstant,
			w:       w[l],
			hiMax:   hiMax,
			hiRoom:  ^uint64(0) - q - 1,
			vector:  vectorKernel() && q < 1<<52,
			half:    ((qTop - 1) >> 1) % q,
			r128:    new(big.Int).Mod(two128, bq).Uint64(),
			reduceT: qTop >= q,
		}
		if l < top {
			k := new(big.Int).ModInverse(new(big.Int).SetUint64(qTop), bq)
			lv.rescale = k.Mod(k.Mul(k, two128), bq).Uint64()
		}
		p.levels[l] = lv
	}
	return p
}

// sumScratch is one worker's memory for the kernel.
type sumScratch struct {
	lo, hi, t [sumBlock]uint64
	tl        [sumBlock]uint64 // t reduced modulo a smaller prime
	zero      [sumBlock]uint64 // never written
	rows      [][]uint64
	in        []ring.Poly // the inputs of the current work item
	vec       vectorScratch
}

// newSumScratch returns a worker's memory for sums of up to inputs inputs.
func newSumScratch(inputs int) *sumScratch {
	return &sumScratch{rows: make([][]uint64, inputs), in: make([]ring.Poly, inputs), vec: newVectorScratch(inputs)}
}

// run writes coefficients [from, to) of every row of out (level L-1) from
// the inputs in (level L). It returns the index of an input holding a
// coefficient not reduced modulo its prime, and that prime's level, or -1.
func (p *sumPlan) run(sc *sumScratch, in []ring.Poly, out ring.Poly, from, to int) (bad, level int) {
	for b := from; b < to; b += sumBlock {
		e := min(b+sumBlock, to)
		n := e - b
		lo, hi, t := sc.lo[:n], sc.hi[:n], sc.t[:n]
		top := &p.levels[p.top]
		if bad := top.accumulate(sc, in, p.top, b, e, top.half); bad >= 0 {
			return bad, p.top
		}
		// t = (Σ + (q_L-1)/2) mod q_L, the rounding remainder.
		reduceRow(t, lo, hi, sc.zero[:n], top.q, top.mred, top.r128)
		for l := range p.top {
			lv := &p.levels[l]
			if bad := lv.accumulate(sc, in, l, b, e, lv.half); bad >= 0 {
				return bad, l
			}
			tl := t
			if lv.reduceT {
				tl = sc.tl[:n]
				for c, v := range t {
					tl[c] = ring.BRedAdd(v, lv.q, lv.bred)
				}
			}
			reduceRow(out.Coeffs[l][b:e], lo, hi, tl, lv.q, lv.mred, lv.rescale)
		}
	}
	return -1, 0
}

// reduceRow sets dst[c] = (hi[c]·2^64 + lo[c] + q - sub[c])·k·2^-128 mod q,
// given qInv = q^-1 mod 2^64 (Lattigo's MRedConstant), sub[c] < q and
// hi[c] < 2^64 - q - 1. Montgomery's reduction (REDC) divides by 2^64 and a
// Montgomery multiplication by k by 2^64 again. With k = 2^128 mod q and
// sub = 0 it is the remainder of the 128-bit sums; with k = 2^128·q_L^-1
// mod q and sub the remainder modulo q_L of sums that include (q_L-1)/2, it
// is the CKKS rescale. Written out so that the loop stays in registers.
func reduceRow(dst, lo, hi, sub []uint64, q, qInv, k uint64) {
	lo, hi, sub = lo[:len(dst)], hi[:len(dst)], sub[:len(dst)]
	for c := range dst {
		x, cy := bits.Add64(lo[c], q-sub[c], 0)
		mh, _ := bits.Mul64(x*qInv, q)
		r := hi[c] + cy - mh + q // ≡ (hi·2^64 + x)·2^-64, below 2^64
		ph, pl := bits.Mul64(r, k)
		h, _ := bits.Mul64(pl*qInv, q)
		v := ph - h + q // in (0, 2q)
		if v >= q {
			v -= q
		}
		dst[c] = v
	}
}

// accumulate sets sc.lo, sc.hi to the 128-bit sums add + Σᵢ w[i]·in[i][l][c]
// for c in [from, to), with the high words below 2^64 - q - 1. It returns
// the index of an input with a coefficient ≥ q, or -1.
func (lv *sumLevel) accumulate(sc *sumScratch, in []ring.Poly, l, from, to int, add uint64) int {
	n := to - from
	lo, hi := sc.lo[:n], sc.hi[:n]
	rows := sc.rows[:len(in)]
	for i := range in {
		rows[i] = in[i].Coeffs[l][from:to]
	}
	for c := range lo {
		lo[c] = add
	}
	clear(hi)
	var m uint64 // the largest coefficient seen
	split := 0
	if lv.vector {
		split = n &^ (vectorWidth - 1)
		m = lv.sumVector(sc, rows, lo[:split], hi[:split])
	}
	if split < n {
		m = max(m, lv.sumScalar(rows, lo[split:], hi[split:], split))
	}
	if m < lv.q {
		return -1
	}
	for i, row := range rows {
		for _, x := range row {
			if x >= lv.q {
				return i
			}
		}
	}
	return -1 // unreachable: m ≥ q came from some row
}

// sumScalar adds Σᵢ w[i]·rows[i][off+c] to (hi[c], lo[c]) four inputs at a
// time and returns the largest input coefficient.
func (lv *sumLevel) sumScalar(rows [][]uint64, lo, hi []uint64, off int) uint64 {
	w := lv.w
	var m uint64
	// hiMax bounds the high words: they start at zero and each product adds
	// at most lv.hiMax plus a carry.
	var hiMax uint64
	for i := 0; i < len(rows); i += 4 {
		// Groups of four; a short last group repeats a row with weight zero.
		var g [4][]uint64
		var gw [4]uint64
		for k := range g {
			if i+k < len(rows) {
				g[k], gw[k] = rows[i+k][off:], w[i+k]
			} else {
				g[k] = rows[i][off:]
			}
		}
		if hiMax > lv.hiRoom-4*(lv.hiMax+1) {
			lv.flushHi(hi)
			hiMax = lv.q - 1
		}
		m = max(m, acc4(lo, hi, g[0], g[1], g[2], g[3], gw[0], gw[1], gw[2], gw[3]))
		hiMax += 4 * (lv.hiMax + 1)
	}
	return m
}

// sumVector is sumScalar for primes below 2^52 with 52-bit multiply-adds
// (vectorKernel), vectorBatch inputs at a time, on the first
// len(lo) coefficients (a multiple of vectorWidth).
func (lv *sumLevel) sumVector(sc *sumScratch, rows [][]uint64, lo, hi []uint64) uint64 {
	if len(lo) == 0 {
		return 0
	}
	var m, hiMax uint64
	for i := 0; i < len(rows); i += vectorBatch {
		k := min(vectorBatch, len(rows)-i)
		if hiMax > lv.hiRoom-uint64(k)*(lv.hiMax+1) {
			lv.flushHi(hi)
			hiMax = lv.q - 1
		}
		m = max(m, accRows(sc, lo, hi, rows[i:i+k], lv.w[i:i+k]))
		hiMax += uint64(k) * (lv.hiMax + 1)
	}
	return m
}

// vectorBatch is the number of inputs accRows sums before adding to the
// 128-bit accumulators (its 64-bit lanes, which collect 52-bit halves of
// products, would overflow after 4096). It also bounds the number of rows
// read at once: with 100 inputs, batches of 16 sum 10x100k values in about
// two thirds of the time all 100 rows at once take (too many streams for the
// hardware prefetchers).
const vectorBatch = 16

// accRowsGeneric is accRows in Go: it adds Σᵢ w[i]·rows[i][c] (rows[i] at
// least as long as lo, w[i] and rows[i][c] below 2^52 for an exact sum) to
// the 128-bit (hi[c], lo[c]) and returns the largest rows[i][c].
func accRowsGeneric(lo, hi []uint64, rows [][]uint64, w []uint64) uint64 {
	var m uint64
	for i, row := range rows {
		m = max(m, acc1(lo, hi, row[:len(lo)], w[i]))
	}
	return m
}

// flushHi reduces the high words modulo q.
func (lv *sumLevel) flushHi(hi []uint64) {
	for c := range hi {
		hi[c] = ring.BRedAdd(hi[c], lv.q, lv.bred)
	}
}

// acc4Generic is acc4 in Go, for other architectures (and the purego
// build tag); tests check that both agree.
func acc4Generic(lo, hi, x0, x1, x2, x3 []uint64, w0, w1, w2, w3 uint64) uint64 {
	hi = hi[:len(lo)]
	x0, x1, x2, x3 = x0[:len(lo)], x1[:len(lo)], x2[:len(lo)], x3[:len(lo)]
	var m uint64
	for c := range lo {
		a0, a1, a2, a3 := x0[c], x1[c], x2[c], x3[c]
		m = max(m, a0, a1, a2, a3)
		h0, l0 := bits.Mul64(w0, a0)
		h1, l1 := bits.Mul64(w1, a1)
		s, cy := bits.Add64(l0, l1, 0)
		h, _ := bits.Add64(h0, h1, cy)
		h2, l2 := bits.Mul64(w2, a2)
		s, cy = bits.Add64(s, l2, 0)
		h, _ = bits.Add64(h, h2, cy)
		h3, l3 := bits.Mul64(w3, a3)
		s, cy = bits.Add64(s, l3, 0)
		h, _ = bits.Add64(h, h3, cy)
		s, cy = bits.Add64(s, lo[c], 0)
		h, _ = bits.Add64(h, hi[c], cy)
		lo[c], hi[c] = s, h
	}
	return m
}

// acc1 adds w·x[c] to the 128-bit (hi[c], lo[c]) and returns the largest x.
func acc1(lo, hi, x []uint64, w uint64) uint64 {
	hi, x = hi[:len(lo)], x[:len(lo)]
	var m uint64
	for c := range lo {
		m = max(m, x[c])
		h, l := bits.Mul64(w, x[c])
		s, cy := bits.Add64(lo[c], l, 0)
		hi[c], _ = bits.Add64(hi[c], h, cy)
		lo[c] = s
	}
	return m
}

// newPolys returns count polynomials of n coefficients at level, sharing one
// allocation.
func newPolys(count, n, level int) []ring.Poly {
	rows := level + 1
	slab := make([]uint64, count*rows*n)
	out := make([]ring.Poly, count)
	for j := range out {
		coeffs := make([][]uint64, rows)
		for l := range coeffs {
			coeffs[l], slab = slab[:n:n], slab[n:]
		}
		out[j] = ring.Poly{Coeffs: coeffs}
	}
	return out
}
