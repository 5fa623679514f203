package coordinator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The shares a study requiring a cross-check got back must be of more
// than one decryption set, whatever awaitSpareHolder saw before asking: a
// spare holder may go away in between, and askSets then asks exactly t.
func TestCheckCrossCheckedRefusesSharesOfOneSet(t *testing.T) {
	required := &Coordinator{cfg: Config{RequireCrossCheck: true}, threshold: 2}
	err := required.checkCrossChecked(2, "round 1's aggregate")
	require.ErrorIs(t, err, ErrNotCrossChecked)
	assert.ErrorContains(t, err, "one set of 2 holders decrypted round 1's aggregate, threshold 2")
	assert.NoError(t, required.checkCrossChecked(3, "the moments sum"), "a spare holder: every set cross-checked")

	optional := &Coordinator{threshold: 2}
	assert.NoError(t, optional.checkCrossChecked(2, "the moments sum"), "without the recipe's option one set is allowed")
}
