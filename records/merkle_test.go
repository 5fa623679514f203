package records

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func makeIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("site1-%06d", 2*i+2) // even numbers: odd ones are absent
	}
	return ids
}

func TestMerkleRootConstruction(t *testing.T) {
	// Hand-built tree of three ids: ((a b) c).
	la, lb, lc := MerkleLeaf("a"), MerkleLeaf("b"), MerkleLeaf("c")
	assert.Equal(t, crypto.Keccak256Hash([]byte{0}, []byte("a")), la)
	top := crypto.Keccak256Hash([]byte{1}, crypto.Keccak256([]byte{1}, la[:], lb[:]), lc[:])
	want := crypto.Keccak256Hash([]byte{2}, []byte{0, 0, 0, 0, 0, 0, 0, 3}, top[:])

	assert.Equal(t, want, MerkleRoot([]string{"c", "a", "b"}), "order does not matter")
	assert.Equal(t, want, MerkleRoot([]string{"b", "c", "a", "a"}), "duplicates do not matter")
	assert.NotEqual(t, want, MerkleRoot([]string{"a", "b"}))
	assert.Equal(t, crypto.Keccak256Hash([]byte{2}, make([]byte, 8), make([]byte, 32)), MerkleRoot(nil))
	assert.Equal(t, common.Hash{}, MerkleRoot([]string{"a", ""}), "empty ids are refused")
}

func TestMerkleInclusion(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 33} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ids := makeIDs(n)
			root := MerkleRoot(ids)
			for i, id := range ids {
				path, ok, err := MerkleProof(ids, id)
				require.NoError(t, err)
				require.True(t, ok)
				assert.True(t, VerifyInclusion(root, id, i, n, path), "id %s", id)
				assert.False(t, VerifyInclusion(root, id, i, n+1, path), "count is bound")
				if n > 1 {
					assert.False(t, VerifyInclusion(root, id, (i+1)%n, n, path), "index is bound")
				}
				assert.False(t, VerifyInclusion(root, id+"x", i, n, path), "id is bound")

				p, err := Prove(ids, id)
				require.NoError(t, err)
				require.True(t, p.Included)
				assert.NoError(t, p.Verify(root))
				assert.ErrorIs(t, p.Verify(MerkleRoot(ids[:n-1])), ErrInvalidProof, "other root")
			}
		})
	}
}

func TestMerkleExclusion(t *testing.T) {
	ids := makeIDs(9) // site1-000002 … site1-000018
	root := MerkleRoot(ids)
	tests := []struct {
		id          string
		left, right string
	}{
		{"site1-000001", "", "site1-000002"},
		{"site1-000007", "site1-000006", "site1-000008"},
		{"site1-000017", "site1-000016", "site1-000018"},
		{"site1-000019", "site1-000018", ""},
		{"site2-000000", "site1-000018", ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			path, ok, err := MerkleProof(ids, tt.id)
			require.NoError(t, err)
			assert.False(t, ok)
			assert.Nil(t, path)

			p, err := Prove(ids, tt.id)
			require.NoError(t, err)
			require.False(t, p.Included)
			require.NoError(t, p.Verify(root))
			if tt.left == "" {
				assert.Nil(t, p.Left)
			} else {
				assert.Equal(t, tt.left, p.Left.ID)
			}
			if tt.right == "" {
				assert.Nil(t, p.Right)
			} else {
				assert.Equal(t, tt.right, p.Right.ID)
			}
		})
	}

	t.Run("empty set", func(t *testing.T) {
		p, err := Prove(nil, "site1-000001")
		require.NoError(t, err)
		assert.NoError(t, p.Verify(MerkleRoot(nil)))
		assert.Error(t, p.Verify(root))
	})
}

func TestMerkleForgedProofs(t *testing.T) {
	ids := makeIDs(9)
	root := MerkleRoot(ids)
	member, err := Prove(ids, "site1-000008")
	require.NoError(t, err)
	absent, err := Prove(ids, "site1-000007")
	require.NoError(t, err)
	wide, err := Prove(ids, "site1-000007")
	require.NoError(t, err)
	far, err := Prove(ids, "site1-000012")
	require.NoError(t, err)
	wide.Right = far.Leaf // skip over site1-000008, which is in the set

	tests := []struct {
		name  string
		proof func() Proof
	}{
		{"claim a member is absent", func() Proof {
			p := absent
			p.ID = "site1-000008"
			return p
		}},
		{"claim an absent id is included", func() Proof {
			p := member
			p.ID = "site1-000007"
			return p
		}},
		{"non-adjacent neighbours", func() Proof { return wide }},
		{"left edge without first leaf", func() Proof {
			p := absent
			p.Left = nil
			return p
		}},
		{"lie about count", func() Proof {
			p := member
			p.Count++
			return p
		}},
		{"tampered path", func() Proof {
			p := member
			leaf := *p.Leaf
			leaf.Path = append([]common.Hash(nil), leaf.Path...)
			leaf.Path[0][0] ^= 1
			p.Leaf = &leaf
			return p
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, tt.proof().Verify(root), ErrInvalidProof)
		})
	}
}

func TestMerkleEmptyID(t *testing.T) {
	_, _, err := MerkleProof([]string{"a"}, "")
	assert.ErrorIs(t, err, ErrEmptyID)
	_, _, err = MerkleProof([]string{"a", ""}, "a")
	assert.ErrorIs(t, err, ErrEmptyID)
	_, err = Prove([]string{"a"}, "")
	assert.ErrorIs(t, err, ErrEmptyID)
}
