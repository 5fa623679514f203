package records

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Errors of the Merkle functions.
var (
	// ErrEmptyID reports an empty patient id, which cannot be committed.
	ErrEmptyID = errors.New("records: empty patient id")
	// ErrInvalidProof reports a proof that does not verify against a root.
	ErrInvalidProof = errors.New("records: invalid Merkle proof")
)

// Domain-separation prefixes of the Merkle construction (see the package doc).
const (
	leafPrefix  = 0x00
	innerPrefix = 0x01
	rootPrefix  = 0x02
)

// MerkleLeaf returns the leaf hash of a patient id: keccak256(0x00 ‖ id).
func MerkleLeaf(id string) common.Hash {
	return crypto.Keccak256Hash([]byte{leafPrefix}, []byte(id))
}

func merkleInner(l, r common.Hash) common.Hash {
	return crypto.Keccak256Hash([]byte{innerPrefix}, l[:], r[:])
}

func merkleFinal(n int, top common.Hash) common.Hash {
	var cnt [8]byte
	binary.BigEndian.PutUint64(cnt[:], uint64(n))
	return crypto.Keccak256Hash([]byte{rootPrefix}, cnt[:], top[:])
}

// sortedIDs returns the sorted, de-duplicated ids, or ErrEmptyID.
func sortedIDs(ids []string) ([]string, error) {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	if len(s) > 0 && s[0] == "" {
		return nil, fmt.Errorf("%w: remove empty ids before committing", ErrEmptyID)
	}
	return s, nil
}

// levels returns every level of the tree over sorted ids, leaves first; the
// last level has one node (none when ids is empty).
func levels(sorted []string) [][]common.Hash {
	if len(sorted) == 0 {
		return nil
	}
	lvl := make([]common.Hash, len(sorted))
	for i, id := range sorted {
		lvl[i] = MerkleLeaf(id)
	}
	out := [][]common.Hash{lvl}
	for len(lvl) > 1 {
		next := make([]common.Hash, 0, (len(lvl)+1)/2)
		for i := 0; i+1 < len(lvl); i += 2 {
			next = append(next, merkleInner(lvl[i], lvl[i+1]))
		}
		if len(lvl)%2 == 1 {
			next = append(next, lvl[len(lvl)-1])
		}
		out = append(out, next)
		lvl = next
	}
	return out
}

func rootOf(lv [][]common.Hash, n int) common.Hash {
	var top common.Hash
	if len(lv) > 0 {
		top = lv[len(lv)-1][0]
	}
	return merkleFinal(n, top)
}

// MerkleRoot returns the root committing to the set of ids (order and
// duplicates do not matter) with the construction in the package doc. Ids
// must not be empty: if ids contains "", MerkleRoot returns the zero hash,
// which is never the root of a set (every root is a keccak256 output).
func MerkleRoot(ids []string) common.Hash {
	s, err := sortedIDs(ids)
	if err != nil {
		return common.Hash{}
	}
	return rootOf(levels(s), len(s))
}

// path returns the sibling hashes from leaf index i up to the top.
func path(lv [][]common.Hash, i int) []common.Hash {
	var p []common.Hash
	for _, l := range lv[:len(lv)-1] {
		sib := i ^ 1
		if sib < len(l) {
			p = append(p, l[sib])
		}
		i /= 2
	}
	return p
}

// MerkleProof returns the inclusion path of id in the tree of ids: the
// sibling hashes from its leaf up to the top, bottom first (a node carried
// up without a sibling contributes none). included is false, with a nil
// proof, when id is not in ids; use Prove for a proof of exclusion. Checking
// the path needs the id's index among the sorted ids and their count, which
// Prove records; see VerifyInclusion. It fails with ErrEmptyID if id or an
// element of ids is empty.
func MerkleProof(ids []string, id string) (proof []common.Hash, included bool, err error) {
	if id == "" {
		return nil, false, fmt.Errorf("%w: give the patient id to prove", ErrEmptyID)
	}
	s, err := sortedIDs(ids)
	if err != nil {
		return nil, false, err
	}
	i, found := slices.BinarySearch(s, id)
	if !found {
		return nil, false, nil
	}
	return path(levels(s), i), true, nil
}

// VerifyInclusion reports whether path proves that id is the leaf at index
// (0-based, in sorted order) of a set of count ids with the given root.
func VerifyInclusion(root common.Hash, id string, index, count int, path []common.Hash) bool {
	if id == "" || index < 0 || index >= count {
		return false
	}
	h := MerkleLeaf(id)
	used := 0
	for width := count; width > 1; width = (width + 1) / 2 {
		sib := index ^ 1
		if sib < width {
			if used == len(path) {
				return false
			}
			if index%2 == 0 {
				h = merkleInner(h, path[used])
			} else {
				h = merkleInner(path[used], h)
			}
			used++
		}
		index /= 2
	}
	return used == len(path) && merkleFinal(count, h) == root
}

// LeafProof proves that ID is the leaf at Index of the committed set.
type LeafProof struct {
	ID    string        `json:"id"`
	Index int           `json:"index"`
	Path  []common.Hash `json:"path"`
}

// Proof is a self-contained proof that a patient id is or is not in the set
// committed by a root. It is what a participant hands a patient who asks
// whether their record was used in a round.
type Proof struct {
	// ID is the patient id the proof is about.
	ID string `json:"id"`
	// Included tells whether ID is in the set.
	Included bool `json:"included"`
	// Count is the number of ids in the set.
	Count int `json:"count"`
	// Leaf proves inclusion; set only when Included.
	Leaf *LeafProof `json:"leaf,omitempty"`
	// Left and Right prove exclusion: the ids just before and after ID in
	// sorted order, at adjacent indices. Left is nil when ID sorts before
	// every id, Right when it sorts after; both are nil for an empty set.
	Left  *LeafProof `json:"left,omitempty"`
	Right *LeafProof `json:"right,omitempty"`
}

// Prove returns a proof of whether id is in the set ids. It fails with
// ErrEmptyID if id or an element of ids is empty.
func Prove(ids []string, id string) (Proof, error) {
	if id == "" {
		return Proof{}, fmt.Errorf("%w: give the patient id to prove", ErrEmptyID)
	}
	s, err := sortedIDs(ids)
	if err != nil {
		return Proof{}, err
	}
	lv := levels(s)
	leaf := func(i int) *LeafProof { return &LeafProof{ID: s[i], Index: i, Path: path(lv, i)} }
	p := Proof{ID: id, Count: len(s)}
	i, found := slices.BinarySearch(s, id)
	if found {
		p.Included, p.Leaf = true, leaf(i)
		return p, nil
	}
	if i > 0 {
		p.Left = leaf(i - 1)
	}
	if i < len(s) {
		p.Right = leaf(i)
	}
	return p, nil
}

// Verify checks p against root, returning nil when it proves its claim and
// an error wrapping ErrInvalidProof that says what failed otherwise.
func (p Proof) Verify(root common.Hash) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidProof, fmt.Sprintf(format, a...))
	}
	leafOK := func(l *LeafProof) bool { return VerifyInclusion(root, l.ID, l.Index, p.Count, l.Path) }
	if p.ID == "" {
		return bad("the proof names no patient id")
	}
	if p.Count < 0 {
		return bad("negative count %d", p.Count)
	}
	if p.Included {
		if p.Leaf == nil || p.Left != nil || p.Right != nil {
			return bad("an inclusion proof carries exactly the id's own leaf")
		}
		if p.Leaf.ID != p.ID {
			return bad("leaf is for %q, not %q", p.Leaf.ID, p.ID)
		}
		if !leafOK(p.Leaf) {
			return bad("the path of %q does not lead to the root", p.ID)
		}
		return nil
	}
	if p.Leaf != nil {
		return bad("an exclusion proof carries no leaf of its own")
	}
	if p.Count == 0 {
		if p.Left != nil || p.Right != nil {
			return bad("an empty set has no neighbours")
		}
		if merkleFinal(0, common.Hash{}) != root {
			return bad("the root is not that of an empty set")
		}
		return nil
	}
	switch {
	case p.Left == nil && p.Right == nil:
		return bad("an exclusion proof from a non-empty set needs a neighbour")
	case p.Left == nil && p.Right.Index != 0:
		return bad("without a left neighbour the right one must be the first leaf, got index %d", p.Right.Index)
	case p.Right == nil && p.Left.Index != p.Count-1:
		return bad("without a right neighbour the left one must be the last leaf, got index %d of %d", p.Left.Index, p.Count)
	case p.Left != nil && p.Right != nil && p.Right.Index != p.Left.Index+1:
		return bad("neighbours at indices %d and %d are not adjacent", p.Left.Index, p.Right.Index)
	}
	if p.Left != nil {
		if bytes.Compare([]byte(p.Left.ID), []byte(p.ID)) >= 0 {
			return bad("left neighbour %q does not sort before %q", p.Left.ID, p.ID)
		}
		if !leafOK(p.Left) {
			return bad("the path of left neighbour %q does not lead to the root", p.Left.ID)
		}
	}
	if p.Right != nil {
		if bytes.Compare([]byte(p.Right.ID), []byte(p.ID)) <= 0 {
			return bad("right neighbour %q does not sort after %q", p.Right.ID, p.ID)
		}
		if !leafOK(p.Right) {
			return bad("the path of right neighbour %q does not lead to the root", p.Right.ID)
		}
	}
	return nil
}
