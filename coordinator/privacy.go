package coordinator

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// MsgOpeningRound is logged, with the round, as the coordinator sends the
// transaction opening it: after the committee check and the hand-over.
const MsgOpeningRound = "opening the round on chain"

// openRound opens round r on chain; in a study with a privacy budget it
// records the study's ε once the round has trained, and the contract refuses
// a round beyond the budget (contracts.ErrPrivacyBudgetExceeded).
func (c *Coordinator) openRound(ctx context.Context, r uint32, globalHash common.Hash) (contracts.Receipt, error) {
	c.log.Info(MsgOpeningRound, "round", r)
	// The contract judges the deadline by its blocks' time: counted from
	// the wall clock, a chain whose clock runs ahead (moved past an
	// abandoned round's deadline) would take a shorter round, or none.
	head, err := c.ledger.HeadTime(ctx)
	if err != nil {
		return contracts.Receipt{}, fmt.Errorf("reading the chain's clock to set round %d's deadline: %w", r, err)
	}
	from := time.Now()
	if head.After(from) {
		from = head
	}
	deadline := from.Add(c.cfg.RoundDuration)
	tc := c.cfg.PrivateTraining
	if tc == nil || tc.Privacy == nil {
		return c.ledger.OpenRound(ctx, c.account, c.cfg.StudyID, r, globalHash, deadline)
	}
	spent, err := models.PrivacySpent(*tc, int(r))
	if err != nil {
		return contracts.Receipt{}, fmt.Errorf("privacy spent by round %d: %w", r, err)
	}
	c.log.Info("privacy budget", "round", r, "epsilon_spent", spent, "epsilon_budget", tc.Privacy.Epsilon, "delta", tc.Privacy.Delta)
	return c.ledger.OpenPrivateRound(ctx, c.account, c.cfg.StudyID, r, globalHash, deadline, spent)
}
