package models

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCanonicalJSON checks the RFC 8785 canonical form against the RFC's own
// examples and the edge cases that make two hashes of one spec differ.
func TestCanonicalJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  string
	}{
		// RFC 8785, section 3.2.2.
		{"RFC 8785 example", `{
			"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
			"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
			"literals": [null, true, false]
		}`, `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`, ""},
		// RFC 8785, section 3.2.3: sorting by UTF-16 code units puts the
		// emoji (a surrogate pair, 0xD83D...) before U+FB33.
		{"RFC 8785 sorting", `{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
			"1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}`,
			"{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}", ""},
		{"whitespace and nesting", " { \"b\" : [ 1 , { \"d\" : 2, \"c\" : 3 } ] ,\n\"a\":{}} ", `{"a":{},"b":[1,{"c":3,"d":2}]}`, ""},
		{"numbers", `[1.0, -0, 0.0, 1e21, 1e20, 1e-6, 1e-7, -12.5E+2, 9007199254740993]`, `[1,0,0,1e+21,100000000000000000000,0.000001,1e-7,-1250,9007199254740992]`, ""},
		{"no HTML or U+2028 escaping", `"<a href='x'>&\u2028"`, "\"<a href='x'>&\u2028\"", ""},
		{"control characters", `"\b\f\u0001\u001f\u007f"`, "\"\\b\\f\\u0001\\u001f\u007f\"", ""},
		{"scalars", `true`, `true`, ""},
		{"duplicate member", `{"a": 1, "a": 2}`, "", "appears twice"},
		{"nested duplicate", `{"x": {"a": 1, "b": 2, "a": 1}}`, "", "appears twice"},
		{"trailing data", `{} {}`, "", "after the JSON value"},
		{"malformed", `{"a": }`, "", "malformed"},
		{"truncated", `[1, 2`, "", "malformed"},
		{"out of range", `1e400`, "", "outside the range"},
		{"invalid UTF-8", "\"\xff\"", "", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CanonicalJSON([]byte(tt.in))
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
			again, err := CanonicalJSON(got)
			require.NoError(t, err)
			assert.Equal(t, got, again, "canonical form is a fixed point")
		})
	}
}

func TestSpecHash(t *testing.T) {
	want := crypto.Keccak256Hash([]byte(`{"features":8,"hidden":[16,4],"kind":"mlp","lr":0.05}`))
	tests := []struct {
		name string
		in   string
		err  error
		msg  string
	}{
		{"pretty", "{\n  \"kind\": \"mlp\",\n  \"features\": 8,\n  \"hidden\": [16, 4],\n  \"lr\": 5e-2\n}\n", nil, ""},
		{"reordered", `{"lr":0.050,"hidden":[16,4],"features":8.0,"kind":"mlp"}`, nil, ""},
		{"not an object", `[1]`, ErrBadSpec, "JSON object"},
		{"invalid model", `{"kind":"logistic","features":8,"hidden":[3]}`, ErrInvalidSpec, "no hidden layers"},
		{"wrong type", `{"kind":"mlp","features":"8"}`, ErrBadSpec, "features"},
		{"duplicate member", `{"kind":"mlp","kind":"logistic","features":8}`, ErrBadSpec, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			canon, h, err := SpecHash([]byte(tt.in))
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				assert.Contains(t, err.Error(), tt.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, want, h, "hash of %s", canon)
			assert.Equal(t, crypto.Keccak256Hash(canon), h)
		})
	}
}

func TestDaemonRecipeOrLegacyPieces(t *testing.T) {
	dir := t.TempDir()
	recipe := filepath.Join(dir, "recipe.json")
	require.NoError(t, os.WriteFile(recipe, []byte(`{"model": {"kind": "logistic", "features": 4}, "rounds": 3, "local": {"epochs": 7}}`), 0o644))
	spec := filepath.Join(dir, "spec.json")
	require.NoError(t, os.WriteFile(spec, []byte(`{"kind": "logistic", "features": 4}`), 0o644))

	p, err := LoadStudySettings(recipe, "", false)
	require.NoError(t, err)
	assert.Equal(t, 7, p.Train.Epochs)
	want, err := p.Recipe.Hash()
	require.NoError(t, err)
	assert.Equal(t, want, p.Hash)
	require.NoError(t, p.Check(want, nil))

	legacy, err := LoadStudySettings("", spec, false)
	require.NoError(t, err, "a configuration file from before recipes still works")
	assert.Nil(t, legacy.Recipe)
	assert.ErrorContains(t, legacy.Check(want, nil), "use the study's spec file")

	_, err = LoadStudySettings(recipe, spec, false)
	assert.ErrorIs(t, err, ErrRecipeAndLegacySettings)
	_, err = LoadStudySettings(recipe, "", true)
	assert.ErrorIs(t, err, ErrRecipeAndLegacySettings, "a recipe with a separate train or server_optimizer is refused")
	_, err = LoadStudySettings("", "", false)
	assert.ErrorContains(t, err, "recipe_file")
}
