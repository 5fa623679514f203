package aggregation

import (
	"bytes"
	"hash"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// VectorStream decodes an EncryptedVector and hashes its chunk leaves while
// its encoding is still arriving, so that once the last byte is in only the
// last ciphertext's leaves and the tree's upper levels remain. The
// coordinator runs one per upload: decoding and hashing a 1M-value update
// after its last byte took longer than receiving it.
//
// The caller writes the encoding into a buffer from the front, announces
// each write with Arrived and must call Finish, which returns the same
// vector and chunk root as UnmarshalBinary and Hash on the whole bytes.
type VectorStream struct {
	mu    sync.Mutex
	more  *sync.Cond
	avail int  // buf[:avail] is final
	ended bool // nothing more will arrive
	done  chan streamResult
	taken []ring.Poly // from streamPolys, given back by Release
}

// streamPolys keeps decoded polynomials for the next stream: decoding
// into fresh ones had the allocator zero 24 MB per 1M-value upload, only
// for the decoder to overwrite them. It is not a sync.Pool: the garbage of
// an upload's own gRPC messages runs a collection every two or three
// 1M-value uploads, and every second collection empties a sync.Pool.
var streamPolys = polyFreeList{budget: 128 << 20}

// polyFreeList holds released polynomials up to budget bytes.
type polyFreeList struct {
	mu     sync.Mutex
	polys  []ring.Poly
	bytes  int
	budget int
}

func polyBytes(p ring.Poly) int { return p.N() * (p.Level() + 1) * 8 }

// take returns a held polynomial of n coefficients at level, if any.
func (l *polyFreeList) take(n, level int) (ring.Poly, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.polys) - 1; i >= 0; i-- {
		if p := l.polys[i]; p.N() == n && p.Level() == level {
			l.polys = slices.Delete(l.polys, i, i+1)
			l.bytes -= polyBytes(p)
			return p, true
		}
	}
	return ring.Poly{}, false
}

// give holds p for a later take, unless that would exceed the budget.
func (l *polyFreeList) give(p ring.Poly) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.bytes+polyBytes(p) <= l.budget {
		l.polys = append(l.polys, p)
		l.bytes += polyBytes(p)
	}
}

func (s *VectorStream) newPoly(n, level int) ring.Poly {
	p, ok := streamPolys.take(n, level)
	if !ok {
		p = ring.NewPoly(n, level)
	}
	s.taken = append(s.taken, p)
	return p
}

// Release lets the next stream decode into this one's polynomials. The
// vector Finish returned must not be used after it: read its chunk root
// (Hash) and check it first.
func (s *VectorStream) Release() {
	for _, p := range s.taken {
		streamPolys.give(p)
	}
	s.taken = nil
}

type streamResult struct {
	v   *EncryptedVector
	err error
}

// NewVectorStream starts decoding buf, whose length is the encoding's
// announced size; the caller fills it from the front and must not change a
// byte once it has announced it with Arrived.
func NewVectorStream(buf []byte) *VectorStream {
	s := &VectorStream{done: make(chan streamResult, 1)}
	s.more = sync.NewCond(&s.mu)
	go func() { s.done <- s.run(buf) }()
	return s
}

// Arrived announces that the first n bytes of the buffer are final.
func (s *VectorStream) Arrived(n int) {
	s.mu.Lock()
	if n > s.avail {
		s.avail = n
		s.more.Broadcast()
	}
	s.mu.Unlock()
}

// Finish announces that no more bytes will arrive and returns the decoded
// vector, its chunk tree already built. Bytes that ended early or do not
// decode give an error wrapping ErrMalformed.
func (s *VectorStream) Finish() (*EncryptedVector, error) {
	s.mu.Lock()
	s.ended = true
	s.more.Broadcast()
	s.mu.Unlock()
	r := <-s.done
	return r.v, r.err
}

// wait blocks until the first end bytes are final, or reports false once
// it is known that they never will be.
func (s *VectorStream) wait(end int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.avail < end && !s.ended {
		s.more.Wait()
	}
	return s.avail >= end
}

// streamedPoly is a decoded ciphertext on its way to the leaf hasher:
// how many values it stores and its rows as packed in the encoding.
type streamedPoly struct {
	c0     ring.Poly
	used   int
	rows   [][]byte
	widths []byte
	chunks int // in the whole vector (its length checked against the ciphertexts, and theirs against the bytes)
}

// polyLeaves are the leaf hashes of one ciphertext's chunks, packed at the
// widths of that ciphertext's rows.
type polyLeaves struct {
	widths []byte
	leaves []common.Hash
}

func (s *VectorStream) run(buf []byte) streamResult {
	d, params := newWaitingDecoder(buf, kindEncryptedVector, s.wait)
	d.newPoly = s.newPoly
	// The decoder (unpacking and checking) and the hasher (SHA-256 of the
	// packed rows, the larger part) each take a core.
	polys := make(chan streamedPoly, 4)
	hashed := make(chan []polyLeaves, 1)
	tree := newGrowingTree()
	go func() { hashed <- hashPolys(polys, tree) }()
	v := new(EncryptedVector)
	err := v.decode(d, params, func(_ int, c0 ring.Poly, used int, rows [][]byte, widths []byte, length int) {
		polys <- streamedPoly{c0: c0, used: used, rows: rows, widths: widths, chunks: NumChunksFor(length)}
	})
	close(polys)
	byPoly := <-hashed
	if err != nil {
		return streamResult{err: err}
	}
	// decode kept each ciphertext's rows' largest values, read as they
	// were unpacked: checking that the vector is reduced takes one
	// comparison per row, not a second pass over every coefficient after
	// the last byte.
	v.hash.once.Do(func() { v.hash.tree = v.treeFromPolys(byPoly, tree) })
	return streamResult{v: v}
}

// hashPolys hashes the chunks of each ciphertext at the widest rows seen
// so far, its own included: the vector's widths (the widest over all its
// ciphertexts) as soon as a ciphertext reaches them, usually the first or
// second. Where a ciphertext's rows are that wide, a chunk is a slice of
// the rows as the encoding packs them (128 values of w bits are 16w whole
// bytes, and both pad the last values to a byte), so its leaves are hashed
// from the received bytes; otherwise its values are packed at the wider
// widths first. Each ciphertext's leaves are added to tree, which hashes
// the inner nodes above them.
func hashPolys(polys <-chan streamedPoly, tree *growingTree) []polyLeaves {
	const leafBatch = 16 // leaves per parallel task: 32 kB of a fresh update
	h := newTreeHash()
	var widest, buf []byte
	var out []polyLeaves
	for p := range polys {
		if widest == nil {
			widest = make([]byte, len(p.widths))
			tree.reserve(p.chunks)
		}
		for l, w := range p.widths {
			widest[l] = max(widest[l], w)
		}
		leaves := make([]common.Hash, NumChunksFor(p.used))
		if !bytes.Equal(p.widths, widest) {
			buf = hashPolyChunks(leaves, h, buf, p.c0, p.used, widest)
			out = append(out, polyLeaves{widths: bytes.Clone(widest), leaves: leaves})
			tree.add(leaves)
			continue
		}
		// On every core: while bytes arrive the cores are busy with TLS
		// anyway, but after the last byte the ciphertexts still queued
		// here would otherwise leave all but one idle.
		_ = parallelFor((len(leaves)+leafBatch-1)/leafBatch, newTreeHash, func(h hash.Hash, b int) error {
			for k := b * leafBatch; k < min(len(leaves), (b+1)*leafBatch); k++ {
				off, count := k*ChunkValues, min(ChunkValues, p.used-k*ChunkValues)
				h.Reset()
				h.Write(leafPrefixBytes)
				for l, row := range p.rows {
					w := int(p.widths[l])
					from := off * w / 8
					h.Write(row[from : from+packedLen(count, w)])
				}
				h.Sum(leaves[k][:0])
			}
			return nil
		})
		out = append(out, polyLeaves{widths: p.widths, leaves: leaves})
		tree.add(leaves)
	}
	return out
}

// treeFromPolys builds the vector's chunk tree from its ciphertexts' leaves.
// Chunks are packed at the widest row over the whole vector (rowWidths);
// a decoded row's width is its largest value's (the encoding is
// canonical), so the vector's widths are the last ciphertext's running
// maxima, and the leaves hashed at them are right. The others, hashed
// before a later ciphertext widened a row, are hashed again: a sender that
// makes its first ciphertexts narrow on purpose costs the coordinator at
// most one more hashing of its update, what every upload cost before.
// When none is, grown (the tree of the leaves as hashed) is completed.
func (v *EncryptedVector) treeFromPolys(byPoly []polyLeaves, grown *growingTree) *chunkTree {
	widths := byPoly[len(byPoly)-1].widths
	header := v.chunkHeader(widths)
	if !slices.ContainsFunc(byPoly, func(p polyLeaves) bool { return !bytes.Equal(p.widths, widths) }) {
		return grown.finish(widths, header)
	}
	leaves := make([]common.Hash, 1<<treeDepth(1+v.NumChunks()))
	h := newTreeHash()
	leaves[0] = leafHash(h, header)
	perPoly := v.c0[0].N() / ChunkValues
	var buf []byte
	for j, p := range byPoly {
		dst := leaves[1+j*perPoly : 1+j*perPoly+len(p.leaves)]
		if bytes.Equal(p.widths, widths) {
			copy(dst, p.leaves)
		} else {
			buf = hashPolyChunks(dst, h, buf, v.c0[j], v.used(j), widths)
		}
	}
	return treeFromLeaves(widths, header, leaves)
}

// growingTree is a chunk tree built while its leaves arrive in order:
// each inner node is hashed as soon as both its children are, except the
// nodes above leaf 0, the header, whose widths are known only at the end.
// A 1M-value update has 31k inner nodes; hashed after its last byte they
// were most of what was left to do.
type growingTree struct {
	levels [][]common.Hash // levels[0][0], and the node above it at each level, wait for finish
}

func newGrowingTree() *growingTree { return &growingTree{levels: [][]common.Hash{{{}}}} }

// reserve makes room in every level for the tree of a vector of chunks
// chunks, padded as finish pads it, so that no level is copied as it
// grows (a 1M-value update's levels were copied about 0.5 ms' worth).
func (t *growingTree) reserve(chunks int) {
	for l, n := 0, 1<<treeDepth(1+chunks); n >= 1; l, n = l+1, n/2 {
		if l == len(t.levels) {
			t.levels = append(t.levels, []common.Hash{{}})
		}
		t.levels[l] = slices.Grow(t.levels[l], n-len(t.levels[l]))
	}
}

// add appends the next leaves and hashes every node it completes.
func (t *growingTree) add(leaves []common.Hash) {
	t.levels[0] = append(t.levels[0], leaves...)
	// Node i > 0 of level l+1 needs nodes 2i and 2i+1 of level l: none
	// is computable until level l holds four.
	for l := 0; len(t.levels[l]) >= 4; l++ {
		if l+1 == len(t.levels) {
			t.levels = append(t.levels, []common.Hash{{}})
		}
		cur, next := t.levels[l], t.levels[l+1]
		for i := len(next); 2*i+1 < len(cur); i++ {
			next = append(next, nodeHash(cur[2*i], cur[2*i+1]))
		}
		t.levels[l+1] = next
	}
}

// finish sets leaf 0 to header's hash, pads the leaves with zero hashes
// to a power of two and hashes the nodes left: those above the padding
// and those above leaf 0.
func (t *growingTree) finish(widths, header []byte) *chunkTree {
	leaves := t.levels[0]
	had, n := len(leaves), 1<<treeDepth(len(leaves))
	leaves = slices.Grow(leaves, n-had)[:n]
	clear(leaves[had:])
	leaves[0] = leafHash(newTreeHash(), header)
	levels := [][]common.Hash{leaves}
	for l := 0; len(levels[l]) > 1; l++ {
		cur, next := levels[l], []common.Hash{{}}
		if l+1 < len(t.levels) {
			next = t.levels[l+1]
		}
		for i := len(next); i < len(cur)/2; i++ {
			next = append(next, nodeHash(cur[2*i], cur[2*i+1]))
		}
		next[0] = nodeHash(cur[0], cur[1])
		levels = append(levels, next)
	}
	return &chunkTree{widths: widths, header: header, levels: levels}
}
