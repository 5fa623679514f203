package coordinator

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
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

// The advice of ErrNotCrossChecked fits the case: a round open on chain
// that no holder can be spare for (no more than t hold shares) is resumed
// as it is by a restarted coordinator, so its error says to abandon it
// once its deadline passes, not to restart; before round 1 there is no
// round to abandon. When a spare could come but none is live by the phase
// deadline, starting a holder's node (one that did not contribute will
// do) and the coordinator again is what works.
func TestNotCrossCheckedAdviceFitsTheCase(t *testing.T) {
	ctx := context.Background()
	two := map[common.Address]uint64{{1}: 1, {2}: 2}
	c := &Coordinator{cfg: Config{StudyID: 7, RequireCrossCheck: true, PhaseTimeout: time.Millisecond}, threshold: 2, points: two}
	err := c.awaitSpareHolder(ctx, 2, nil, "a model")
	require.ErrorIs(t, err, ErrNotCrossChecked)
	assert.ErrorContains(t, err, "round 2, open on chain, can never be cross-checked, and a restarted coordinator resumes it as it is: abandon it once its deadline passes (cohort study abandon-round --study 7 --round 2 with the coordinator's key;")
	assert.NotContains(t, err.Error(), "AbandonRound", "the operator's command, not a Go API")
	err = c.awaitSpareHolder(ctx, 0, nil, "a pooled standardiser")
	require.ErrorIs(t, err, ErrNotCrossChecked)
	assert.NotContains(t, err.Error(), "abandon")
	assert.ErrorContains(t, err, "create the study again with a committee (or membership) of at least threshold + 1")

	c.points = map[common.Address]uint64{{1}: 1, {2}: 2, {3}: 3}
	c.peers = map[common.Address]*member{{1}: nil, {2}: nil}
	err = c.awaitSpareHolder(ctx, 2, []common.Address{{1}, {2}}, "a model")
	require.ErrorIs(t, err, ErrNotCrossChecked)
	assert.ErrorContains(t, err, "2 share holders live by the phase deadline, threshold 2")
	assert.ErrorContains(t, err, "start the node of a share holder that is down, so that more than threshold are live (a holder that did not contribute to the round will do), then start the coordinator again: it resumes the study from the chain, round 2 open with its uploads")
}

// TestUndecryptableRoundAdviceNamesAbandonRound: a round whose aggregate
// does not decrypt is abandoned by the operator's command, named with the
// study and round, not by a Go API.
func TestUndecryptableRoundAdviceNamesAbandonRound(t *testing.T) {
	c := &Coordinator{cfg: Config{StudyID: 7}}
	err := c.undecryptableRound(2, []common.Address{{1}}, aggregation.ErrInconsistentDecryption)
	require.ErrorIs(t, err, aggregation.ErrInconsistentDecryption)
	assert.ErrorContains(t, err, "The round can be abandoned once its deadline passes (cohort study abandon-round --study 7 --round 2 with the coordinator's key)")
	assert.NotContains(t, err.Error(), "AbandonRound")
}
