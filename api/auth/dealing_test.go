package auth

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
)

// A holder's dealing-check signature binds every part of the check it
// answered: changing any one gives another content.
func TestDealingCheckContentBindsEveryPart(t *testing.T) {
	pk, seed := common.Hash{1}, [32]byte{2}
	dealers := []common.Address{{3}, {4}}
	sets := [][]uint64{{1, 2}, {1, 3}}
	shares := [][]byte{[]byte("a"), []byte("b")}
	base := DealingCheckContent(pk, seed, 1, dealers, sets, shares)
	for name, other := range map[string]common.Hash{
		"key":              DealingCheckContent(common.Hash{9}, seed, 1, dealers, sets, shares),
		"seed":             DealingCheckContent(pk, [32]byte{9}, 1, dealers, sets, shares),
		"point":            DealingCheckContent(pk, seed, 2, dealers, sets, shares),
		"dealers":          DealingCheckContent(pk, seed, 1, dealers[:1], sets, shares),
		"dealers' order":   DealingCheckContent(pk, seed, 1, []common.Address{dealers[1], dealers[0]}, sets, shares),
		"sets":             DealingCheckContent(pk, seed, 1, dealers, [][]uint64{{1, 2}}, shares),
		"sets regrouped":   DealingCheckContent(pk, seed, 1, dealers, [][]uint64{{1}, {2, 1, 3}}, shares),
		"a share":          DealingCheckContent(pk, seed, 1, dealers, sets, [][]byte{[]byte("a"), []byte("c")}),
		"shares regrouped": DealingCheckContent(pk, seed, 1, dealers, sets, [][]byte{[]byte("ab")}),
	} {
		assert.NotEqual(t, base, other, name)
	}
}
