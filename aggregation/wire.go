package aggregation

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"

	"github.com/ethereum/go-ethereum/common"
	"github.com/tuneinsight/lattigo/v5/ring"
	"github.com/tuneinsight/lattigo/v5/ring/ringqp"
)

// Binary layout shared by every serialised type (all integers big-endian
// except polynomial coefficients, which are little-endian uint64):
//
//	magic "CHRT" | kind u8 | version u8 | params fingerprint [32]byte | body
//
// A polynomial is encoded compactly as
//
//	N u32 | rows u8 | used u32 | width[rows] u8 | rows bit-packed rows
//
// with one row per RNS modulus. Only the first used coefficients of each row
// are stored (the others are zero: the unused tail of a vector's last
// ciphertext). Each stored row packs used coefficients of width[row] bits,
// little-endian bit order, padded with zero bits to a byte boundary; width
// is the bit length of the row's largest coefficient, so a ~48-bit prime
// costs 48 bits per coefficient, not 64, and the encoding of a polynomial is
// unique. UnmarshalBinary checks the structure (minimal widths, zero
// padding); the Scheme method that later uses a value checks the
// fingerprint, the degree, the levels and that every coefficient is reduced
// modulo its prime.

const (
	wireVersion = 2

	kindSecretShare          = 1
	kindPublicKeyShare       = 2
	kindPublicKey            = 3
	kindEncryptedVector      = 4
	kindDecryptionShare      = 5
	kindThresholdShare       = 6
	kindThresholdSecretShare = 7
	kindScoreSet             = 8
	kindScoreShare           = 9
	kindChunkHeader          = 10
	kindChunkProof           = 11

	minLogNWire = 10
	maxLogNWire = 16
	maxRowsWire = 64
)

var wireMagic = [4]byte{'C', 'H', 'R', 'T'}

var kindNames = map[byte]string{
	kindSecretShare:          "SecretShare",
	kindPublicKeyShare:       "PublicKeyShare",
	kindPublicKey:            "PublicKey",
	kindEncryptedVector:      "EncryptedVector",
	kindDecryptionShare:      "DecryptionShare",
	kindThresholdShare:       "ThresholdShare",
	kindThresholdSecretShare: "ThresholdSecretShare",
	kindScoreSet:             "ScoreSet",
	kindScoreShare:           "ScoreShare",
	kindChunkHeader:          "ChunkHeader",
	kindChunkProof:           "ChunkProof",
}

// encoder writes the wire format to an io.Writer, remembering the first
// error so that callers check once at the end.
type encoder struct {
	w   *bufio.Writer
	n   int64
	err error
	buf []byte
}

func newEncoder(w io.Writer) *encoder { return newEncoderSize(w, 1<<16) }

// newEncoderSize is an encoder whose writes to w are buffered size bytes
// at a time; its row buffer (packRow) is made when a row is first packed.
// A small value (a chunk tree's header, hashed once per upload the
// coordinator takes) no longer costs 96 kB of zeroed buffers.
func newEncoderSize(w io.Writer, size int) *encoder {
	return &encoder{w: bufio.NewWriterSize(w, size)}
}

func (e *encoder) write(p []byte) {
	if e.err != nil {
		return
	}
	n, err := e.w.Write(p)
	e.n += int64(n)
	e.err = err
}

func (e *encoder) header(kind byte, params common.Hash) {
	e.write(wireMagic[:])
	e.write([]byte{kind, wireVersion})
	e.write(params[:])
}

func (e *encoder) u8(v uint8) { e.write([]byte{v}) }

func (e *encoder) u32(v uint32) { e.write(binary.BigEndian.AppendUint32(nil, v)) }

func (e *encoder) u64(v uint64) { e.write(binary.BigEndian.AppendUint64(nil, v)) }

func (e *encoder) bytes32(v [32]byte) { e.write(v[:]) }

// poly writes p with all N coefficients.
func (e *encoder) poly(p ring.Poly) { e.polyUsed(p, p.N()) }

// polyUsed writes the first used coefficients of every row of p; the
// others must be zero and are implied.
func (e *encoder) polyUsed(p ring.Poly, used int) {
	e.u32(uint32(p.N()))
	e.u8(uint8(len(p.Coeffs)))
	e.u32(uint32(used))
	widths := make([]byte, len(p.Coeffs))
	for i, row := range p.Coeffs {
		widths[i] = rowWidth(row[:used])
	}
	e.write(widths)
	for i, row := range p.Coeffs {
		e.packRow(row[:used], uint(widths[i]))
	}
}

// rowWidth is the bit length of the largest value in row.
func rowWidth(row []uint64) byte {
	var m uint64
	for _, c := range row {
		m |= c
	}
	return byte(bits.Len64(m))
}

// packRow writes row with width bits per value, little-endian bit order,
// zero-padded to a byte boundary.
func (e *encoder) packRow(row []uint64, width uint) {
	if e.buf == nil {
		e.buf = make([]byte, 0, 1<<15)
	}
	b := e.buf[:0]
	var acc uint64 // pending bits, low first
	var n uint     // number of pending bits (< 8 between values)
	mask := uint64(1)<<width - 1
	if width == 64 {
		mask = ^uint64(0)
	}
	for _, c := range row {
		c &= mask
		// Emit the value in at most two steps so acc never overflows.
		lo := min(width, 64-n)
		acc |= (c & (uint64(1)<<lo - 1 | boolMask(lo == 64))) << n
		n += lo
		for n >= 8 {
			b = append(b, byte(acc))
			acc >>= 8
			n -= 8
		}
		if rest := width - lo; rest > 0 {
			acc |= (c >> lo) << n
			n += rest
			for n >= 8 {
				b = append(b, byte(acc))
				acc >>= 8
				n -= 8
			}
		}
		if len(b) >= cap(e.buf)-16 {
			e.write(b)
			b = e.buf[:0]
		}
	}
	if n > 0 {
		b = append(b, byte(acc))
	}
	e.write(b)
}

// boolMask returns all ones if b, else zero.
func boolMask(b bool) uint64 {
	if b {
		return ^uint64(0)
	}
	return 0
}

// modulusWidths are the bit lengths of the moduli of Q's and P's rows.
type modulusWidths struct{ q, p []byte }

func (w modulusWidths) equal(o modulusWidths) bool {
	return bytes.Equal(w.q, o.q) && bytes.Equal(w.p, o.p)
}

func (s *Scheme) modulusWidths() *modulusWidths {
	bitLens := func(moduli []uint64) []byte {
		w := make([]byte, len(moduli))
		for i, m := range moduli {
			w[i] = byte(bits.Len64(m - 1))
		}
		return w
	}
	w := &modulusWidths{q: bitLens(s.params.Q())}
	if s.params.PCount() > 0 {
		w.p = bitLens(s.params.P())
	}
	return w
}

// polyAt writes p with each row packed at widths[i] bits, a width that
// does not depend on the values; with widths of another length (or nil)
// it falls back to each row's largest value.
func (e *encoder) polyAt(p ring.Poly, widths []byte) {
	if len(widths) != len(p.Coeffs) {
		e.poly(p)
		return
	}
	e.u32(uint32(p.N()))
	e.u8(uint8(len(p.Coeffs)))
	e.u32(uint32(p.N()))
	e.write(widths)
	for i, row := range p.Coeffs {
		e.packRow(row, uint(widths[i]))
	}
}

// polyQPAt is polyQP at fixed widths (see polyAt); nil widths pack each
// row at its largest value.
func (e *encoder) polyQPAt(p ringqp.Poly, widths *modulusWidths) {
	if widths == nil {
		e.polyQP(p)
		return
	}
	e.polyAt(p.Q, widths.q)
	if p.P.Coeffs == nil {
		e.u32(0)
		return
	}
	e.polyAt(p.P, widths.p)
}

func (e *encoder) polyQP(p ringqp.Poly) {
	e.poly(p.Q)
	if p.P.Coeffs == nil {
		e.u32(0)
		return
	}
	e.poly(p.P)
}

func (e *encoder) finish() (int64, error) {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.n, e.err
}

// marshal runs write on an encoder backed by a buffer of the given size hint.
func marshal(sizeHint int, write func(e *encoder)) ([]byte, error) {
	var b sliceWriter
	b.b = make([]byte, 0, sizeHint)
	e := newEncoderSize(&b, min(max(sizeHint, 256), 1<<16))
	write(e)
	if _, err := e.finish(); err != nil {
		return nil, err
	}
	return b.b, nil
}

type sliceWriter struct{ b []byte }

func (s *sliceWriter) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	return len(p), nil
}

// polyHeaderSize is the encoded size of a polynomial header with rows rows.
func polyHeaderSize(rows int) int { return 4 + 1 + 4 + rows }

// polySizeOf is the encoded size of the first used coefficients of p.
func polySizeOf(p ring.Poly, used int) int {
	size := polyHeaderSize(len(p.Coeffs))
	for _, row := range p.Coeffs {
		size += packedLen(used, int(rowWidth(row[:used])))
	}
	return size
}

// packedLen is the number of bytes of used values of width bits.
func packedLen(used, width int) int { return (used*width + 7) / 8 }

// minPolySize is a lower bound on the encoded size of any polynomial.
const minPolySize = 4 + 1 + 4 + 1

// decoder reads the wire format from a byte slice, remembering the first
// error. Every read is bounds-checked before any allocation.
type decoder struct {
	b    []byte
	kind string
	err  error
	// fixedWidths accepts rows packed wider than their largest value (a
	// threshold share is packed at its moduli's widths); lastWidths are
	// the widths of the last polynomial read.
	fixedWidths bool
	lastWidths  []byte
	lastRows    [][]byte // the packed rows of the last polynomial read, in p
	// off is the number of bytes read; wait, if set, blocks until the
	// first end bytes are final and reports false if they never will be
	// (an encoding decoded while it arrives: VectorStream).
	off  int
	wait func(end int) bool
	// newPoly, if set, gives the polynomials read instead of ring.NewPoly
	// (VectorStream's are used again); their contents need not be zero.
	newPoly func(n, level int) ring.Poly
	// lastLargest is the largest coefficient of each row of the last
	// polynomial read.
	lastLargest []uint64
}

func newDecoder(p []byte, kind byte) (*decoder, common.Hash) {
	return newWaitingDecoder(p, kind, nil)
}

// newWaitingDecoder is newDecoder for bytes that are still arriving: wait
// (nil for bytes that are all there) is asked before each read.
func newWaitingDecoder(p []byte, kind byte, wait func(end int) bool) (*decoder, common.Hash) {
	d := &decoder{b: p, kind: kindNames[kind], wait: wait}
	var magic [4]byte
	copy(magic[:], d.take(4))
	k := d.u8()
	v := d.u8()
	var params common.Hash
	copy(params[:], d.take(32))
	switch {
	case d.err != nil:
	case magic != wireMagic:
		d.fail("not a Cohort aggregation encoding (bad magic)")
	case k != kind:
		d.fail(fmt.Sprintf("encoding holds a %s, not a %s", nameOf(k), d.kind))
	case v != wireVersion:
		d.fail(fmt.Sprintf("encoding version %d is not supported (want %d)", v, wireVersion))
	}
	return d, params
}

func nameOf(kind byte) string {
	if n, ok := kindNames[kind]; ok {
		return n
	}
	return fmt.Sprintf("unknown kind %d", kind)
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s: %s", ErrMalformed, d.kind, msg)
	}
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b) {
		d.fail(fmt.Sprintf("truncated: need %d more bytes, have %d", n, len(d.b)))
		return nil
	}
	if d.wait != nil && !d.wait(d.off+n) {
		d.fail(fmt.Sprintf("truncated: the bytes ended before byte %d", d.off+n))
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	d.off += n
	return out
}

func (d *decoder) u8() uint8 {
	b := d.take(1)
	if b == nil {
		return 0
	}
	return b[0]
}

func (d *decoder) u32() uint32 {
	b := d.take(4)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}

func (d *decoder) u64() uint64 {
	b := d.take(8)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func (d *decoder) bytes32() (v [32]byte) {
	copy(v[:], d.take(32))
	return v
}

// poly reads one polynomial; the degree must be a power of two in the
// supported range, the row count positive and bounded, and every row packed
// canonically (minimal width, zero padding bits).
func (d *decoder) poly() ring.Poly {
	p, _ := d.polyUsed()
	return p
}

// polyUsed reads one polynomial and returns it (with N coefficients per row,
// the unstored tail zero) and the number of stored coefficients.
func (d *decoder) polyUsed() (ring.Poly, int) {
	n := int(d.u32())
	rows := int(d.u8())
	used := int(d.u32())
	if d.err != nil {
		return ring.Poly{}, 0
	}
	if n < 1<<minLogNWire || n > 1<<maxLogNWire || n&(n-1) != 0 {
		d.fail(fmt.Sprintf("polynomial degree %d is not a power of two in [2^%d, 2^%d]", n, minLogNWire, maxLogNWire))
		return ring.Poly{}, 0
	}
	if rows < 1 || rows > maxRowsWire {
		d.fail(fmt.Sprintf("polynomial has %d RNS rows, want 1..%d", rows, maxRowsWire))
		return ring.Poly{}, 0
	}
	if used < 1 || used > n {
		d.fail(fmt.Sprintf("polynomial stores %d coefficients, want 1..%d", used, n))
		return ring.Poly{}, 0
	}
	widths := d.take(rows)
	d.lastWidths = bytes.Clone(widths)
	total := 0
	for _, w := range widths {
		if w > 64 {
			d.fail(fmt.Sprintf("coefficient width %d bits exceeds 64", w))
			return ring.Poly{}, 0
		}
		total += packedLen(used, int(w))
	}
	if d.err != nil || total > len(d.b) {
		d.fail(fmt.Sprintf("truncated: polynomial needs %d bytes, have %d", total, len(d.b)))
		return ring.Poly{}, 0
	}
	var p ring.Poly
	if d.newPoly != nil {
		p = d.newPoly(n, rows-1)
	} else {
		p = ring.NewPoly(n, rows-1)
	}
	d.lastRows = make([][]byte, rows)
	d.lastLargest = make([]uint64, rows)
	for i, w := range widths {
		raw := d.take(packedLen(used, int(w)))
		d.lastRows[i] = raw
		largest, ok := unpackRow(raw, p.Coeffs[i][:used], uint(w), d.fixedWidths)
		if !ok {
			d.fail(fmt.Sprintf("row %d is not canonically packed (non-zero padding or non-minimal width %d)", i, w))
			return ring.Poly{}, 0
		}
		d.lastLargest[i] = largest
		clear(p.Coeffs[i][used:])
	}
	return p, used
}

// unpackRow decodes len(row) values of width bits from raw, returns the
// largest and reports whether the encoding is canonical: padding bits
// zero and width minimal (or, with fixed, wide enough). The largest value
// lets a caller check that the row is reduced modulo its prime without
// reading it again (VectorStream).
func unpackRow(raw []byte, row []uint64, width uint, fixed bool) (largest uint64, ok bool) {
	if len(raw) != packedLen(len(row), int(width)) {
		return 0, false
	}
	if width == 0 {
		clear(row)
		return 0, true
	}
	var or, top uint64
	mask := uint64(1)<<width - 1 // all ones for width 64
	bit := uint(0)
	j := 0
	if width <= 56 {
		// Fast path: 8 values at a time, whose bits are exactly width
		// bytes, with one unaligned 8-byte load each, while a group and
		// 8 more bytes remain. Their offsets in the group are the same
		// for every group.
		w := int(width)
		a1, a2, a3, a4, a5, a6, a7 := w/8, 2*w/8, 3*w/8, 4*w/8, 5*w/8, 6*w/8, 7*w/8
		s1, s2, s3, s4, s5, s6, s7 := uint(w%8), uint(2*w%8), uint(3*w%8), uint(4*w%8), uint(5*w%8), uint(6*w%8), uint(7*w%8)
		le := binary.LittleEndian
		for ; j+8 <= len(row) && int(bit/8)+w+8 <= len(raw); j += 8 {
			g := raw[bit/8 : int(bit/8)+w+8]
			out := row[j : j+8 : j+8]
			v0 := le.Uint64(g) & mask
			v1 := le.Uint64(g[a1:]) >> s1 & mask
			v2 := le.Uint64(g[a2:]) >> s2 & mask
			v3 := le.Uint64(g[a3:]) >> s3 & mask
			v4 := le.Uint64(g[a4:]) >> s4 & mask
			v5 := le.Uint64(g[a5:]) >> s5 & mask
			v6 := le.Uint64(g[a6:]) >> s6 & mask
			v7 := le.Uint64(g[a7:]) >> s7 & mask
			out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7] = v0, v1, v2, v3, v4, v5, v6, v7
			or |= v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7
			top = max(top, max(max(v0, v1), max(v2, v3)), max(max(v4, v5), max(v6, v7)))
			bit += 8 * width
		}
		// Then one value at a time while 8 bytes remain.
		for ; j < len(row) && int(bit/8)+8 <= len(raw); j++ {
			v := (binary.LittleEndian.Uint64(raw[bit/8:]) >> (bit % 8)) & mask
			row[j] = v
			or |= v
			top = max(top, v)
			bit += width
		}
	}
	for ; j < len(row); j++ {
		var v uint64
		for got := uint(0); got < width; {
			b := bit / 8
			off := bit % 8
			take := min(width-got, 8-off)
			v |= (uint64(raw[b]>>off) & (uint64(1)<<take - 1)) << got
			got += take
			bit += take
		}
		row[j] = v
		or |= v
		top = max(top, v)
	}
	if rem := bit % 8; rem != 0 && raw[len(raw)-1]>>rem != 0 {
		return 0, false
	}
	if fixed {
		return top, uint(bits.Len64(or)) <= width
	}
	return top, uint(bits.Len64(or)) == width
}

// polyQP reads a ringqp.Poly whose P part may be absent (degree 0).
func (d *decoder) polyQP() ringqp.Poly {
	p, _ := d.polyQPWidths()
	return p
}

// polyQPWidths is polyQP that also returns the rows' packing widths.
func (d *decoder) polyQPWidths() (ringqp.Poly, modulusWidths) {
	q := d.poly()
	if d.err != nil {
		return ringqp.Poly{}, modulusWidths{}
	}
	w := modulusWidths{q: d.lastWidths}
	if len(d.b) >= 4 && binary.BigEndian.Uint32(d.b[:4]) == 0 {
		d.take(4)
		return ringqp.Poly{Q: q}, w
	}
	p := d.poly()
	w.p = d.lastWidths
	return ringqp.Poly{Q: q, P: p}, w
}

// count reads a u32 element count that must be in [1, max] and small enough
// for the remaining bytes, given a minimum encoded size per element.
func (d *decoder) count(what string, max, minElemSize int) int {
	c := int(d.u32())
	if d.err != nil {
		return 0
	}
	if c < 1 || c > max {
		d.fail(fmt.Sprintf("%s count %d is outside 1..%d", what, c, max))
		return 0
	}
	if minElemSize > 0 && c > len(d.b)/minElemSize {
		d.fail(fmt.Sprintf("%s count %d exceeds the remaining %d bytes", what, c, len(d.b)))
		return 0
	}
	return c
}

func (d *decoder) done() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail(fmt.Sprintf("%d trailing bytes", len(d.b)))
	}
	return d.err
}

// checkParams reports ErrParamsMismatch if a value's fingerprint is not the
// Scheme's.
func (s *Scheme) checkParams(what string, h common.Hash) error {
	if h != s.paramsHash {
		return fmt.Errorf("%w: %s was made under parameters %s, this scheme uses %s; every party must use the same Config",
			ErrParamsMismatch, what, h.TerminalString(), s.paramsHash.TerminalString())
	}
	return nil
}

// checkPoly verifies degree, level and coefficient reduction of p against r.
func checkPoly(what string, r *ring.Ring, p ring.Poly, level int) error {
	if err := checkPolyShape(what, r, p, level); err != nil {
		return err
	}
	for i, row := range p.Coeffs {
		q := r.SubRings[i].Modulus
		for _, c := range row {
			if c >= q {
				return fmt.Errorf("%w: %s: coefficient %d not reduced modulo q%d=%d", ErrMalformed, what, c, i, q)
			}
		}
	}
	return nil
}

// checkPolyShape is checkPoly without the coefficient scan, for callers
// that check the coefficients in the same pass as they use them.
func checkPolyShape(what string, r *ring.Ring, p ring.Poly, level int) error {
	if p.Coeffs == nil {
		return fmt.Errorf("%w: %s: polynomial missing", ErrMalformed, what)
	}
	if p.N() != r.N() {
		return fmt.Errorf("%w: %s: polynomial degree %d, want %d", ErrParamsMismatch, what, p.N(), r.N())
	}
	if p.Level() != level {
		return fmt.Errorf("%w: %s: polynomial level %d, want %d", ErrLevelMismatch, what, p.Level(), level)
	}
	for i, row := range p.Coeffs {
		if len(row) != r.N() {
			return fmt.Errorf("%w: %s: row %d has %d coefficients, want %d", ErrMalformed, what, i, len(row), r.N())
		}
	}
	return nil
}

// checkPolyQP verifies a ringqp.Poly at the maximal Q and P levels.
func (s *Scheme) checkPolyQP(what string, p ringqp.Poly) error {
	if err := checkPoly(what+" (Q part)", s.params.RingQ(), p.Q, s.params.MaxLevelQ()); err != nil {
		return err
	}
	if s.params.RingP() == nil {
		if p.P.Coeffs != nil {
			return fmt.Errorf("%w: %s: unexpected P part", ErrParamsMismatch, what)
		}
		return nil
	}
	return checkPoly(what+" (P part)", s.params.RingP(), p.P, s.params.MaxLevelP())
}
