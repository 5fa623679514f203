package models

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/records"
)

func recipeHash(t *testing.T, raw string) common.Hash {
	t.Helper()
	r, err := ParseRecipe([]byte(raw))
	require.NoError(t, err)
	h, err := r.Hash()
	require.NoError(t, err)
	return h
}

func TestPreconditionIsBoundByTheRecipeHash(t *testing.T) {
	none := recipeHash(t, `{"model": {"kind": "logistic", "features": 3}, "rounds": 3}`)
	assert.Equal(t, none, recipeHash(t, `{"model": {"kind": "logistic", "features": 3}, "rounds": 3, "precondition": "none"}`),
		`"none" is the default: it hashes as left out`)
	groups := recipeHash(t, `{"model": {"kind": "logistic", "features": 3}, "rounds": 3, "precondition": "groups"}`)
	assert.NotEqual(t, none, groups, "preconditioning changes the recipe's hash")
}

func TestPreconditionRecipeValidation(t *testing.T) {
	for _, tt := range []struct{ name, in, msg string }{
		{"site standardisation", `{"model": {"kind": "logistic", "features": 3}, "rounds": 3, "standardise": "site", "precondition": "groups"}`,
			`precondition: "groups" whitens with the pooled standardiser's means, and the recipe standardises "site"; set "standardise": "pooled" or drop precondition`},
		{"no standardisation", `{"model": {"kind": "logistic", "features": 3}, "rounds": 3, "standardise": "none", "precondition": "groups"}`, `set "standardise": "pooled"`},
		{"unknown", `{"model": {"kind": "logistic", "features": 3}, "rounds": 3, "precondition": "covariance"}`, `precondition: "covariance", want "groups" or "none"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRecipe([]byte(tt.in))
			require.ErrorIs(t, err, ErrInvalidRecipe)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestStandardiserGroupsNeedsASchemaWithGroups(t *testing.T) {
	schema := records.Schema{ID: "id", Label: "y", Numeric: []records.NumericColumn{{Name: "age"}, {Name: "a"}, {Name: "b"}},
		Groups: map[string][]string{"g": {"b", "a"}}}
	r, err := ParseRecipe([]byte(`{"model": {"kind": "logistic", "features": 3}, "rounds": 3, "precondition": "groups"}`))
	require.NoError(t, err)
	groups, err := r.StandardiserGroups(&schema)
	require.NoError(t, err)
	assert.Equal(t, [][]int{{1, 2}}, groups)

	plain := r
	plain.Precondition = ""
	groups, err = plain.StandardiserGroups(&schema)
	require.NoError(t, err)
	assert.Nil(t, groups, "declared groups change nothing unless the recipe preconditions")

	noGroups := schema
	noGroups.Groups = nil
	for _, s := range []*records.Schema{&noGroups, nil} {
		_, err = r.StandardiserGroups(s)
		require.ErrorIs(t, err, ErrInvalidRecipe)
		assert.Contains(t, err.Error(), `precondition: "groups" needs one-hot groups declared in the schema`)
	}
}
