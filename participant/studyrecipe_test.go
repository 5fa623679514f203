package participant

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseConsentSource(t *testing.T) {
	for in, want := range map[string]ConsentSource{"": ConsentAuto, "auto": ConsentAuto, "chain": ConsentChain, "local": ConsentLocal} {
		got, err := ParseConsentSource(in)
		require.NoError(t, err)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseConsentSource("sometimes")
	assert.ErrorContains(t, err, `want "chain"`)
}
