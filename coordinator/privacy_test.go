package coordinator

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A round's deadline counts from the chain's clock when that runs ahead
// of the coordinator's: the contract judges it by its blocks' time. Once a
// stalled round 1 was abandoned past its deadline (the chain's clock
// moved two hours on), round 2 opens with its whole duration on chain;
// until 2026-12-07 its deadline, from the wall clock, was behind the
// chain's clock and the contract refused it (InvalidDeadline).
func TestRoundDeadlineCountsFromTheChainsClock(t *testing.T) {
	f := newFixture(t)
	f.endRound1(t)
	_, err := f.coord.openRound(f.ctx, 2, crypto.Keccak256Hash([]byte("model 1")))
	require.NoError(t, err)
	r, err := f.ledger.Round(f.ctx, f.studyID, 2)
	require.NoError(t, err)
	assert.InDelta(t, f.coord.cfg.RoundDuration.Seconds(), r.Deadline.Sub(r.OpenedAt).Seconds(), (10 * time.Second).Seconds(),
		"the deadline is the round's duration after its opening block")
}
