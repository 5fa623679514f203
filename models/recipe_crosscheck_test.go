package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// require_cross_check is part of the recipe, so of the study's hash on
// chain: a coordinator or a hospital cannot drop it unseen. Left out, the
// recipe hashes as before it existed.
func TestRecipeRequireCrossCheckIsHashedOnlyWhenSet(t *testing.T) {
	plain := DefaultRecipe(4)
	before, err := plain.Hash()
	require.NoError(t, err)
	canon, err := plain.Canonical()
	require.NoError(t, err)
	assert.NotContains(t, string(canon), "require_cross_check")

	checked := plain
	checked.RequireCrossCheck = true
	after, err := checked.Hash()
	require.NoError(t, err)
	assert.NotEqual(t, before, after)
	canon, err = checked.Canonical()
	require.NoError(t, err)
	parsed, err := ParseRecipe(canon)
	require.NoError(t, err)
	assert.True(t, parsed.RequireCrossCheck)
}
