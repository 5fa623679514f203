package coordinator

import (
	"errors"
	"fmt"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// rebuildOptimizer sets the server optimiser to its state after the closed
// round info, from the round's decryption record, for a coordinator that
// stopped between closing the round on chain and keeping that state: the
// record keeps the state before the round's step and the holders' shares
// of its aggregate, and the step replayed as `cohort audit` recomputes it
// (aggregation.Scheme.ReplayStep) must give the model the chain records.
// The error says why the state cannot be rebuilt; the optimiser is then
// unchanged.
func (c *Coordinator) rebuildOptimizer(info contracts.Round) error {
	if c.scheme == nil || !c.summer.needsShares() {
		return errors.New("a study without encryption keeps no decryption record")
	}
	r := info.Number
	rec, err := c.store.DecryptionRecord(info.Result.AggregateHash)
	if err != nil {
		return fmt.Errorf("round %d's decryption record: %w", r, err)
	}
	b, err := c.store.Get(info.Result.AggregateHash)
	if err != nil {
		return fmt.Errorf("round %d's aggregate: %w", r, err)
	}
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(b); err != nil {
		return fmt.Errorf("round %d's aggregate: %w", r, err)
	}
	shares, err := parseShares(shareBytes(rec.GetShares()))
	if err != nil {
		return fmt.Errorf("round %d's decryption record: %w", r, err)
	}
	global, err := c.loadModel(info.GlobalModel)
	if err != nil {
		return err
	}
	opt := new(aggregation.FedOpt)
	if err := opt.UnmarshalBinary(rec.GetOptimizerState()); err != nil {
		return fmt.Errorf("the server optimiser's state in round %d's decryption record: %w", r, err)
	}
	model, err := c.scheme.ReplayStep(opt, &agg, shares, global)
	if err != nil {
		return fmt.Errorf("round %d's step replayed from its decryption record: %w", r, err)
	}
	if got := aggregation.ContentHash(models.EncodeParams(model)); got != info.Result.ModelHash {
		return fmt.Errorf("round %d's step replayed from its decryption record gives model %s, the chain records %s", r, got.Hex(), info.Result.ModelHash.Hex())
	}
	c.optimizer = opt
	return nil
}

// lastClosedRound is the last round before next that closed on chain
// (round reads a round of the study), 0 if every one was abandoned.
func lastClosedRound(next uint32, round func(uint32) (contracts.Round, error)) (uint32, error) {
	for n := next; n > 1; n-- {
		r, err := round(n - 1)
		switch {
		case err != nil:
			return 0, err
		case r.Closed:
			return n - 1, nil
		case !r.Abandoned:
			return 0, fmt.Errorf("round %d, before round %d, is neither closed nor abandoned on chain", n-1, next)
		}
	}
	return 0, nil
}
