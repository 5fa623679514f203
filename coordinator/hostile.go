package coordinator

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// SplitDecryption makes a coordinator hostile (Config.SplitDecryption): it
// has each round's aggregate decrypted by exactly t holders, then asks the
// holders it did not ask for the aggregate of another list of the round's
// contributors. Two aggregates of one round over lists that differ by one
// contributor give that contributor's update away by difference.
type SplitDecryption struct {
	// Other returns the second list, from the round's contributors in
	// order (each must be one of them).
	Other func(round uint32, contributors []common.Address) []common.Address
	// Opened receives both averages when the second group opened the
	// second aggregate.
	Opened func(round uint32, first, second []float64)
}

// splitDecryption carries out Config.SplitDecryption for round r, whose
// aggregate the holders that signed first opened as avg: it sums the
// updates of the other list with their committed sample counts and asks
// the other holders (exactly t) to decrypt that too.
func (c *Coordinator) splitDecryption(ctx context.Context, r uint32, contributors []common.Address, updates [][]byte, counts []float64, first []*cohortv1.DecryptionShareSubmission, avg []float64) error {
	other := c.cfg.SplitDecryption.Other(r, slices.Clone(contributors))
	var ups [][]byte
	var cs []float64
	task := &cohortv1.DecryptTask{StudyId: c.cfg.StudyID, Round: r}
	for _, a := range other {
		i := slices.Index(contributors, a)
		if i < 0 {
			return fmt.Errorf("split decryption: %s is not a contributor", a.Hex())
		}
		ups, cs = append(ups, updates[i]), append(cs, counts[i])
		task.Contributors = append(task.Contributors, a.Bytes())
	}
	var err error
	if task.Weights, err = sampleWeights(cs); err != nil {
		return err
	}
	agg, err := c.summer.sum(ups, task.Weights)
	if err != nil {
		return err
	}
	h, err := c.store.Put(agg)
	if err != nil {
		return err
	}
	task.AggregateHash = h.Bytes()
	exclude := make([]common.Address, len(first))
	for i, s := range first {
		exclude[i] = common.BytesToAddress(s.GetAuth().GetSigner())
	}
	c.mu.Lock()
	threshold, pointOf := c.threshold, maps.Clone(c.points)
	c.mu.Unlock()
	c.log.Warn("hostile: asking the other holders for the aggregate of another list of the round", "round", r, "contributors", len(other))
	checkShare, err := c.summer.shareCheck(agg)
	if err != nil {
		return err
	}
	var setsErr error
	_, shares, err := c.askSetOf(ctx, r, nil, exclude, 0, func(active []common.Address, points []uint64) activeStep {
		st, err := newDecryptStep(c.cfg.StudyID, task, active, points, threshold, pointOf, checkShare)
		if err != nil {
			setsErr = err
		}
		return st
	})
	if err != nil {
		return err
	}
	if setsErr != nil {
		return setsErr
	}
	second, err := openAverage(c.summer, agg, shares, len(avg))
	if err != nil {
		return err
	}
	c.log.Warn("hostile: a second group of holders opened another aggregate of the round", "round", r)
	c.cfg.SplitDecryption.Opened(r, avg, second)
	return nil
}
