package coordinator

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
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
	_, shares, err := c.askSetOf(ctx, r, nil, exclude, 0, nil, func(active []common.Address, points []uint64) activeStep {
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

// ResampleDecryption makes a coordinator hostile
// (Config.ResampleDecryption): once a round's aggregate is opened, it asks
// the holders for shares of the same aggregate again under one active set
// after another, as if holders kept dropping out, each task naming the
// sets aggregation.DecryptionSets derives (which holders check). Each new
// set holding a holder's point is one more independently smudged sample
// of its share, and enough of them average the smudging noise away.
type ResampleDecryption struct {
	// ActiveSets returns the active sets of points to ask in turn, given
	// every holder's point, sorted.
	ActiveSets func(round uint32, points []uint64) [][]uint64
	// Sampled receives, after each set asked, how many distinct
	// decryption sets each holder has given shares of the round's
	// aggregate for (its first decryption included).
	Sampled func(round uint32, sets map[common.Address]int)
}

// resampleDecryption carries out Config.ResampleDecryption for the
// aggregate agg of task, which the holders that signed first opened.
func (c *Coordinator) resampleDecryption(ctx context.Context, task *cohortv1.DecryptTask, agg []byte, first []*cohortv1.DecryptionShareSubmission) error {
	given := map[common.Address]map[string]bool{}
	record := func(subs []*cohortv1.DecryptionShareSubmission) (map[common.Address]int, error) {
		for _, sub := range subs {
			signer := common.BytesToAddress(sub.GetAuth().GetSigner())
			for _, raw := range sharesOf(sub) {
				var ds aggregation.DecryptionShare
				if err := ds.UnmarshalBinary(raw); err != nil {
					return nil, err
				}
				if given[signer] == nil {
					given[signer] = map[string]bool{}
				}
				given[signer][fmt.Sprint(ds.ActiveSet())] = true
			}
		}
		counts := make(map[common.Address]int, len(given))
		for a, sets := range given {
			counts[a] = len(sets)
		}
		return counts, nil
	}
	if _, err := record(first); err != nil {
		return err
	}
	c.mu.Lock()
	threshold, pointOf := c.threshold, maps.Clone(c.points)
	c.mu.Unlock()
	holderAt := make(map[uint64]common.Address, len(pointOf))
	for a, p := range pointOf {
		holderAt[p] = a
	}
	checkShare, err := c.summer.shareCheck(agg)
	if err != nil {
		return err
	}
	r := task.GetRound()
	for _, points := range c.cfg.ResampleDecryption.ActiveSets(r, slices.Sorted(maps.Keys(holderAt))) {
		active := make([]common.Address, len(points))
		for i, p := range points {
			active[i] = holderAt[p]
		}
		c.log.Warn("hostile: asking for the round's aggregate again under another active set", "round", r, "points", points)
		st, err := newDecryptStep(c.cfg.StudyID, task, active, points, threshold, pointOf, checkShare)
		if err != nil {
			return err
		}
		full, err := c.start(ctx, st, st.start())
		if err != nil {
			return err
		}
		waited := c.wait(ctx, st, full, c.cfg.PhaseTimeout, len(active))
		st.mu.Lock()
		subs := slices.Collect(maps.Values(st.signed))
		st.mu.Unlock()
		counts, err := record(subs)
		if err != nil {
			return err
		}
		c.cfg.ResampleDecryption.Sampled(r, counts)
		if waited != nil {
			return waited
		}
	}
	return nil
}
