package aggregation

import (
	"math/big"
	"math/bits"

	"github.com/tuneinsight/lattigo/v5/core/rlwe"
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
	mred  uint64   // Montgomery constant of q
	w     []uint64 // the weights reduced modulo q
	r128  uint64   // 2^128 mod q: MRed(h, r128) = h·2^64 mod q
	flush int      // inputs after which the high words must be reduced
	half  uint64   // (q_L-1)/2 mod q: rounds the division by q_L
	qInv  uint64   // q_L^{-1} mod q in Montgomery form (levels below the top)
}

// newSumPlan prepares the kernel for ring r (at the inputs' level L ≥ 1)
// and the weights w[l][i], reduced modulo prime l.
func newSumPlan(r *ring.Ring, w [][]uint64) *sumPlan {
	top := r.Level()
	qTop := r.SubRings[top].Modulus
	p := &sumPlan{top: top, levels: make([]sumLevel, top+1)}
	for l, sr := range r.SubRings[:top+1] {
		q := sr.Modulus
		bq := new(big.Int).SetUint64(q)
		hiMax, _ := bits.Mul64(q-1, q-1) // high word of one product
		lv := sumLevel{
			q:    q,
			bred: sr.BRedConstant,
			mred: sr.MRedConstant,
			w:    w[l],
			r128: new(big.Int).Mod(new(big.Int).Lsh(big.NewInt(1), 128), bq).Uint64(),
			// hi stays below q after a flush; each product adds at most
			// hiMax plus a carry.
			flush: int(min((^uint64(0)-q)/(hiMax+1), 1<<30)),
			half:  ((qTop - 1) >> 1) % q,
		}
		if l < top {
			lv.qInv = ring.MForm(ring.ModExp(qTop%q, q-2, q), q, sr.BRedConstant)
		}
		p.levels[l] = lv
	}
	return p
}

// sumScratch is one worker's memory for the kernel.
type sumScratch struct {
	lo, hi, t [sumBlock]uint64
	rows      [][]uint64
	in        []ring.Poly // the inputs of the current work item
}

func newSumScratch(inputs int) *sumScratch {
	return &sumScratch{rows: make([][]uint64, inputs), in: make([]ring.Poly, inputs)}
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
		if bad := top.accumulate(sc, in, p.top, b, e); bad >= 0 {
			return bad, p.top
		}
		// t = (Σ + (q_L-1)/2) mod q_L, the rounding remainder.
		for c := range t {
			v := top.reduce(lo[c], hi[c]) + top.half
			if v >= top.q {
				v -= top.q
			}
			t[c] = v
		}
		for l := range p.top {
			lv := &p.levels[l]
			if bad := lv.accumulate(sc, in, l, b, e); bad >= 0 {
				return bad, l
			}
			// out = (Σ + (q_L-1)/2 - t)·q_L^{-1} mod q: the exact
			// rounded quotient, like Ring.DivRoundByLastModulus.
			dst := out.Coeffs[l][b:e]
			q, bred, mred, half, qInv := lv.q, lv.bred, lv.mred, lv.half, lv.qInv
			for c := range dst {
				v := lv.reduce(lo[c], hi[c]) + half + q - ring.BRedAdd(t[c], q, bred)
				dst[c] = ring.MRed(v, qInv, q, mred)
			}
		}
	}
	return -1, 0
}

// reduce returns (hi·2^64 + lo) mod q.
func (lv *sumLevel) reduce(lo, hi uint64) uint64 {
	v := ring.MRed(ring.BRedAdd(hi, lv.q, lv.bred), lv.r128, lv.q, lv.mred) + ring.BRedAdd(lo, lv.q, lv.bred)
	if v >= lv.q {
		v -= lv.q
	}
	return v
}

// accumulate sets sc.lo, sc.hi to the 128-bit sums Σᵢ w[i]·in[i][l][c]
// for c in [from, to), the high words reduced often enough not to
// overflow. It returns the index of an input with a coefficient ≥ q, or -1.
func (lv *sumLevel) accumulate(sc *sumScratch, in []ring.Poly, l, from, to int) int {
	n := to - from
	lo, hi := sc.lo[:n], sc.hi[:n]
	rows := sc.rows[:len(in)]
	for i := range in {
		rows[i] = in[i].Coeffs[l][from:to]
	}
	clear(lo)
	clear(hi)
	w := lv.w
	var m uint64 // the largest coefficient seen
	since := 0
	i := 0
	for ; i+4 <= len(rows); i += 4 {
		m = max(m, acc4(lo, hi, rows[i], rows[i+1], rows[i+2], rows[i+3], w[i], w[i+1], w[i+2], w[i+3]))
		if since += 4; since > lv.flush-4 {
			lv.flushHi(hi)
			since = 0
		}
	}
	for ; i < len(rows); i++ {
		m = max(m, acc1(lo, hi, rows[i], w[i]))
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

// flushHi reduces the high words modulo q.
func (lv *sumLevel) flushHi(hi []uint64) {
	for c := range hi {
		hi[c] = ring.BRedAdd(hi[c], lv.q, lv.bred)
	}
}

// acc4 adds w0·x0[c] + … + w3·x3[c] to the 128-bit (hi[c], lo[c]) and
// returns the largest x seen. All slices must be as long as lo.
func acc4(lo, hi, x0, x1, x2, x3 []uint64, w0, w1, w2, w3 uint64) uint64 {
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

// newCiphertexts allocates count degree-1 ciphertexts of degree n at level
// level, in the coefficient domain, all in one slab of memory.
func newCiphertexts(count, n, level int) []*rlwe.Ciphertext {
	rows := level + 1
	slab := make([]uint64, count*2*rows*n)
	cts := make([]*rlwe.Ciphertext, count)
	for j := range cts {
		value := make([]ring.Poly, 2)
		for k := range value {
			coeffs := make([][]uint64, rows)
			for l := range coeffs {
				coeffs[l], slab = slab[:n:n], slab[n:]
			}
			value[k] = ring.Poly{Coeffs: coeffs}
		}
		cts[j] = &rlwe.Ciphertext{Element: rlwe.Element[ring.Poly]{Value: value, MetaData: &rlwe.MetaData{}}}
	}
	return cts
}
