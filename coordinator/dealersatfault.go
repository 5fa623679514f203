package coordinator

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// Going on without a hospital the dealing check at key generation found
// at fault. Each hospital encrypts under its own key share, and every
// holder keeps one Shamir share per hospital's key: a key is needed only
// to open updates its hospital contributed, and before round 1 nobody has
// encrypted under any. When the check fails, the collective key's hash is
// on chain already (recorded before the dealing) and every holder has
// kept its threshold share of every key (kept at confirmation, before the
// verdict); the bisection named the dealers whose shares are not of
// their keys, and the check passed for every other key (in the subsets
// without them). So once the chain says those hospitals are out of the
// study (left, or removed by a member vote once each member re-checked
// the evidence with cohort audit --dealing-evidence), a restarted
// coordinator does not deal again but has the holders that stay re-share
// the keys among themselves before round 1 (with a decryption committee:
// hand them over to the committee the chain has, a new one if the
// hospital sat on it, or keep them), as when a hospital whose dealing
// passed leaves (dealBeforeRoundOne).
//
// Kept: the key hash on chain (its CRS binds every key; its sum is used
// for nothing else; dealing again would take a dealing from each of its
// parties, the excluded one too: aggregation.AggregateThresholdShares; a
// re-sharing does not), every hospital's own key share, the holders' shares
// and the public-key shares of the hospitals that stay. Dropped: the
// excluded hospitals' public-key shares from the coordinator's kept ones,
// so that no check counts their keys; one that joins again is not taken
// back (withoutDealersLeftOut). The holders drop nothing: a
// re-sharing re-deals every key they hold (an excluded hospital's among
// them, as a leaver's), and a key is used only for an update its
// hospital contributed, which takes a participant. What binds the keys
// in force is the chain's participants, and the re-sharing's own
// dealing check, over the keys of every participant, before it is
// committed.
//
// A coordinator cannot drop an honest hospital's key by claiming it was
// named: nothing is dropped on its word, the hospital must be out on
// chain, and members vote that only once the evidence re-checks. If it
// went on while the hospital really at fault stays a participant, the
// re-sharing's check of that hospital's key fails unless the shares
// re-dealt happen to be of its key, and the re-sharing is not committed
// (TestAStoreNamingTheWrongHospitalDoesNotLetTheOneAtFaultThrough). This
// coordinator re-checks its kept verdict from the evidence
// (VerifyDealingVerdict) before it goes on, and refuses a verdict the
// evidence does not give.

// keepDealersAtFault keeps, as the verdict of the dealing check of the
// key pkHash over dealers dealers, the dealers finding names at fault and
// the blob of its evidence: a restart once they left goes on without
// their keys (dealersAtFaultLeft). Nothing is kept when the finding names
// none at fault (with one decryption set it names suspects only:
// OneSet), every dealer (a holder in every set may lie: the check cannot
// tell), or the evidence was not kept; the verdict checkDealings kept
// then stands (not consistent).
func (c *Coordinator) keepDealersAtFault(pkHash common.Hash, dealers int, finding DealingFinding, evidence common.Hash) error {
	if len(finding.Inconsistent) == 0 || evidence == (common.Hash{}) || (dealers > 1 && len(finding.Inconsistent) == dealers) {
		return nil
	}
	raw, err := json.Marshal(dealingVerdict{PublicKeyHash: pkHash, AtFault: finding.Inconsistent, Evidence: evidence})
	if err != nil {
		return err
	}
	return c.store.WriteState(dealingVerdictStateName, raw)
}

// dealersAtFaultLeft returns the dealers the kept verdict of the dealing
// check of the key pkHash found at fault, when it found some and each of
// them, and every holder it suspected, is no longer a participant
// (participants: the chain's); nil otherwise. It re-checks the verdict
// from its evidence first: evidence that does not give exactly those
// dealers is an error, and the study does not go on without them.
func (c *Coordinator) dealersAtFaultLeft(pkHash common.Hash, participants []common.Address) ([]common.Address, error) {
	st, err := c.keptDealersAtFault(pkHash)
	if err != nil || len(st.AtFault) == 0 {
		return nil, err
	}
	for _, d := range st.AtFault {
		if slices.Contains(participants, d) {
			return nil, nil
		}
	}
	ev, err := c.recheckKeptVerdict(pkHash, st)
	if err != nil {
		return nil, fmt.Errorf("coordinator: the kept dealing-check verdict names %s at fault, but its evidence (blob %s) does not give it: %w; the study does not go on without their keys: have a hospital re-check the evidence (cohort audit --dealing-evidence) and restore the coordinator's store, or create a new study",
			hexes(st.AtFault), st.Evidence.Hex(), err)
	}
	points := make(map[common.Address]uint64, len(ev.Holders))
	for _, h := range ev.Holders {
		points[h.Address] = h.Point
	}
	for _, p := range ev.Verdict.Partial {
		for a, pt := range points {
			if slices.Contains(p.Suspects, pt) && slices.Contains(participants, a) {
				return nil, nil
			}
		}
	}
	return st.AtFault, nil
}

// keptDealersAtFault reads the kept verdict of the dealing check of the
// key pkHash; it has no dealers at fault when none is kept, or when it is
// of another key.
func (c *Coordinator) keptDealersAtFault(pkHash common.Hash) (dealingVerdict, error) {
	raw, err := c.store.ReadState(dealingVerdictStateName)
	if errors.Is(err, ErrBlobNotFound) {
		return dealingVerdict{}, nil
	}
	if err != nil {
		return dealingVerdict{}, err
	}
	var st dealingVerdict
	if err := json.Unmarshal(raw, &st); err != nil {
		return dealingVerdict{}, fmt.Errorf("coordinator: the kept %s state is unreadable (%v)", dealingVerdictStateName, err)
	}
	if st.PublicKeyHash != pkHash {
		return dealingVerdict{}, nil
	}
	return st, nil
}

// recheckKeptVerdict reads the evidence blob the kept verdict st points
// at and re-checks it against the collective key pkHash in the store
// and the study's threshold on chain (CheckThreshold, VerifyDealingVerdict):
// it must give exactly st's dealers at fault.
func (c *Coordinator) recheckKeptVerdict(pkHash common.Hash, st dealingVerdict) (*DealingEvidence, error) {
	raw, err := c.store.Get(st.Evidence)
	if err != nil {
		return nil, err
	}
	ev, err := ParseDealingEvidence(raw)
	if err != nil {
		return nil, err
	}
	if ev.PublicKeyHash != pkHash || ev.Study != c.cfg.StudyID {
		return nil, fmt.Errorf("%w: the evidence is of key %s in study %d, the study's key is %s", ErrUnsupportedVerdict, ev.PublicKeyHash.Hex(), ev.Study, pkHash.Hex())
	}
	pk, err := c.store.Get(pkHash)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	threshold := c.threshold
	c.mu.Unlock()
	if err := ev.CheckThreshold(threshold); err != nil {
		return nil, err
	}
	if err := VerifyDealingVerdict(c.scheme, pk, ev); err != nil {
		return nil, err
	}
	if !slices.Equal(ev.Verdict.Inconsistent, st.AtFault) {
		return nil, fmt.Errorf("%w: the evidence names %s", ErrUnsupportedVerdict, ev.Verdict)
	}
	return ev, nil
}

// dropKeysOf forgets the kept public-key shares of the dealers at fault,
// in memory and in the store: no later dealing check counts their keys.
func (c *Coordinator) dropKeysOf(atFault []common.Address) error {
	c.mu.Lock()
	var state []keptState
	if c.pkShares != nil {
		for _, d := range atFault {
			delete(c.pkShares, d)
			delete(c.pkShareSigs, d)
			delete(c.pkShareRounds, d)
		}
		state = pkShareState(c.pkShares, c.pkShareSigs, c.pkShareRounds)
	}
	c.mu.Unlock()
	for _, st := range state {
		if err := c.store.WriteState(st.name, st.data); err != nil {
			return err
		}
	}
	return nil
}

// dealerRemoval is the advice after a failed dealing check at key
// generation that found the dealers at addrs at fault. With at least the
// threshold of holders staying, a restart once they are excluded goes on
// without their keys (dealersAtFaultLeft); otherwise it takes a new
// study. The caller holds c.mu.
func (c *Coordinator) dealerRemoval(confirm *thresholdConfirmStep, addrs []string) string {
	staying := 0
	for a := range confirm.points {
		if !slices.Contains(addrs, a.Hex()) {
			staying++
		}
	}
	switch {
	case staying < c.threshold:
		return fmt.Sprintf("Fewer than the study's threshold (%d) of holders would stay to re-share the other hospitals' keys without it, so this study cannot go on without it. %s", c.threshold, c.newStudyWithout(addrs))
	}
	return fmt.Sprintf("Remove it from the study (%s, with %s), once each member has re-checked this verdict from its evidence, and start the coordinator again: the holders that stay keep their shares of the other hospitals' keys, which passed the check, and re-share them among themselves before round 1; the study goes on without its key, under which nothing is encrypted before round 1",
		c.exclusion(), strings.Join(addrs, " and then "))
}

// hexes lists addresses for an error.
func hexes(addrs []common.Address) string {
	out := make([]string, len(addrs))
	for i, a := range addrs {
		out[i] = a.Hex()
	}
	return strings.Join(out, ", ")
}

// withoutDealersLeftOut returns members without the hospitals the study
// went on without (dealersAtFaultLeft) that joined again, warning of
// each before round r: the holders' shares of their keys open nothing
// (their dealings were not of their keys) and their public-key shares
// are forgotten, so they are neither re-shared to nor asked to train. A
// kept verdict naming dealers at fault past key generation means the
// study went on without them: otherwise it would not have started.
func (c *Coordinator) withoutDealersLeftOut(r uint32, members []common.Address) ([]common.Address, error) {
	c.mu.Lock()
	pkHash := c.pkHash
	c.mu.Unlock()
	st, err := c.keptDealersAtFault(pkHash)
	if err != nil || len(st.AtFault) == 0 {
		return members, err
	}
	return slices.DeleteFunc(slices.Clone(members), func(a common.Address) bool {
		if !slices.Contains(st.AtFault, a) {
			return false
		}
		c.log.Warn(MsgDealerAtFaultNotTakenBack, "participant", a.Hex(), "round", r)
		return true
	}), nil
}
