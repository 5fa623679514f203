package coordinator

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/protocol"
)

// What askSets asks decryption shares of, as the holders name the
// aggregates they bound the decryption sets of (participant setsGiven):
// a round's aggregate, its score sets under their seed, the moments sum.
const (
	askedDecrypt = "decrypt"
	askedScore   = "score"
	askedMoments = "moments"
)

// MsgAskingAgain is logged, with the points and whether the set was asked
// before (asked_before), when an active set is asked for an aggregate that others were
// asked for already (a holder dropped out, or the coordinator restarted).
const MsgAskingAgain = "asking share holders again for decryption shares of the same aggregate"

// MsgAwaitingAskedSet is logged, with the wait, when the live share
// holders make up only an active set that would spend more of their bound
// on decryption sets, while the holders of a set asked before may still
// connect (as after a restart): the coordinator waits for them, up to
// the absent grace and at most rejoinWait.
const MsgAwaitingAskedSet = "waiting for the holders of an active set asked before for this aggregate to connect, which costs them no new decryption set"

// MsgSetsSpent is logged, with the holder, when a share holder refuses a
// set because it gave shares of the aggregate for as many decryption sets
// as it may (protocol.DecryptionSetsBound); another set without it is
// asked.
const MsgSetsSpent = "share holder refuses: it gave shares of this aggregate for as many decryption sets as a holder may (2(t + 1)); asking another set without it"

// ErrDecryptionSetsSpent reports a decryption no live set of holders can
// give, since holders refused, saying they gave shares of the aggregate
// for as many decryption sets as they may (protocol.DecryptionSetsBound),
// and fewer than t others are left. Its error names them and what the
// operator can do.
var ErrDecryptionSetsSpent = errors.New("coordinator: share holders refuse more decryption sets of this aggregate")

// setsSpent is ErrDecryptionSetsSpent for round r's decryption (0: the
// moments sum), naming holders, wrapping err (why no set is left).
func (c *Coordinator) setsSpent(r uint32, holders []common.Address, err error) error {
	c.mu.Lock()
	named := make([]string, len(holders))
	for i, a := range holders {
		named[i] = fmt.Sprintf("%s (%s)", c.nameOf(a), a.Hex())
	}
	c.mu.Unlock()
	const again = "they answer again only the sets they gave: start the nodes of the holders that are down, and the coordinator again, and it asks an active set asked before once all its holders are live; "
	advice := fmt.Sprintf(again+"else round %d cannot be decrypted, and must be abandoned once its deadline passes (%s, with the coordinator's key; its uploads are not used and its number is used up); start the coordinator again then: the next round decrypts a new aggregate",
		r, abandonCommand(c.cfg.StudyID, r))
	if r == 0 {
		advice = again + "else the moments sum cannot be decrypted and the study cannot start, unless those holders' operators remove the record their refusal names, at the cost it says; or create the study again"
	}
	return fmt.Errorf("%w: %s refused; %s: %w", ErrDecryptionSetsSpent, strings.Join(named, ", "), advice, err)
}

// setsBoundDeclined tells whether a decline's reason says the holder gave
// shares of the aggregate for as many decryption sets as it may.
func setsBoundDeclined(reason string) bool {
	return strings.Contains(reason, protocol.DecryptionSetsBound)
}

// askedSets are the active sets (each its sorted points) this coordinator
// asked for decryption shares of one aggregate, kept in the store under
// name so that a restarted coordinator still knows them. A holder gives
// shares of one aggregate for at most 2(t + 1) distinct decryption sets
// holding its point (participant maxSetsPerAggregate) and answers a set
// it gave again with the same share, at no cost: so a coordinator that
// must choose an active set again (a holder dropped out, or it restarted
// and the holders connect again in any order) asks one of these when it
// can (chooseActiveSetAgain). Not safe for concurrent use: one askSets
// call owns it.
type askedSets struct {
	name string
	sets [][]uint64
}

// askedSetsState names the state that keeps the active sets asked for
// kind's aggregate of (its hash; the score sets' seed).
func askedSetsState(kind string, of common.Hash) string {
	return "asked-sets-" + kind + "-" + of.Hex()
}

// restoreAskedSets reads the active sets asked for kind's aggregate of
// before (none if there were none). Unreadable ones count as none,
// logged: the holders still bound what they give, so the cost is a
// round that may stall at their bound, not a secret.
func (c *Coordinator) restoreAskedSets(kind string, of common.Hash) *askedSets {
	a := &askedSets{name: askedSetsState(kind, of)}
	raw, err := c.store.ReadState(a.name)
	if errors.Is(err, ErrBlobNotFound) {
		return a
	}
	if err == nil {
		err = json.Unmarshal(raw, &a.sets)
	}
	if err != nil {
		c.log.Warn("the active sets asked before for this aggregate are unreadable; choosing sets as if none were asked, which may spend more of the holders' bound on decryption sets", "state", a.name, "err", err)
		a.sets = nil
	}
	return a
}

// keep records that the active set at points is asked (before its task
// goes out: a restart right after must know it); a set asked before is
// not recorded twice.
func (c *Coordinator) keepAsked(a *askedSets, points []uint64) error {
	if slices.ContainsFunc(a.sets, func(s []uint64) bool { return slices.Equal(s, points) }) {
		return nil
	}
	sets := append(slices.Clone(a.sets), slices.Clone(points))
	raw, err := json.Marshal(sets)
	if err != nil {
		return err
	}
	if err := c.store.WriteState(a.name, raw); err != nil {
		return fmt.Errorf("keep the active sets asked: %w", err)
	}
	a.sets = sets
	return nil
}

// chooseActiveSetAgain is chooseActiveSet for an aggregate that the
// active sets asked (of points) were asked for before. It takes, by
// chooseActiveSet's rules (r): an earlier set whose holders may all be
// asked, the largest (its holders answer with the shares they gave);
// else, of the sets made of an earlier set's holders that may be asked,
// made up with others in chooseActiveSet's order to each size the rules
// allow, and chooseActiveSet's own pick, the one whose holders given new
// sets will have given the fewest (then the fewest new sets in all, then
// the largest set). A set of exactly t is taken only when no spare is
// live. repeat tells that the set asks no decryption set not asked
// before.
func chooseActiveSetAgain(asked [][]uint64, r activeSetRules) (active []common.Address, points []uint64, repeat bool, err error) {
	fresh := r.fill(nil, r.threshold+r.spare)
	if len(fresh) < r.threshold {
		return nil, nil, false, fmt.Errorf("%w: %d live of %d needed", errNoQuorum, len(fresh), r.threshold)
	}
	least := r.threshold // a spare is never given up to spare the holders
	if len(fresh) > r.threshold {
		least++
	}
	holderAt := make(map[uint64]common.Address, len(r.points))
	for a, p := range r.points {
		holderAt[p] = a
	}
	var earlier [][]common.Address // the holders of each earlier set that may be asked
	for _, set := range asked {
		var holders []common.Address
		all := true
		for _, p := range set {
			a, ok := holderAt[p]
			if ok && r.mayAsk(a) {
				holders = append(holders, a)
			} else {
				all = false
			}
		}
		if all && len(holders) >= least && r.allows(holders) && len(holders) > len(active) {
			active = holders
		}
		earlier = append(earlier, holders)
	}
	if active != nil {
		return active, r.pointsOf(active), true, nil
	}
	given := setsGivenBy(asked, r.threshold)
	best, bestCost := fresh, r.cost(fresh, given)
	for _, base := range earlier {
		for size := max(len(base), least); size <= r.threshold+r.spare; size++ {
			set := r.fill(base, size)
			if len(set) != size || !r.allows(set) {
				continue
			}
			if c := r.cost(set, given); c.less(bestCost) {
				best, bestCost = set, c
			}
		}
	}
	return best, r.pointsOf(best), bestCost.newSets == 0, nil
}

// allows tells whether set keeps chooseActiveSet's rules: at most spare
// holders beside t, and a holder beside the preferred only in a set no
// larger than the others may make one up to.
func (r activeSetRules) allows(set []common.Address) bool {
	if len(set) > r.threshold+r.spare {
		return false
	}
	return len(set) <= r.fromOthers() || !slices.ContainsFunc(set, func(a common.Address) bool { return !slices.Contains(r.preferred, a) })
}

// setsGivenBy are, for each point, the decryption sets holding it that
// the active sets asked name (each set by its points, printed).
func setsGivenBy(asked [][]uint64, threshold int) map[uint64]map[string]bool {
	given := map[uint64]map[string]bool{}
	for _, set := range asked {
		for _, ds := range derivedSets(set, threshold) {
			for _, p := range ds {
				if given[p] == nil {
					given[p] = map[string]bool{}
				}
				given[p][fmt.Sprint(ds)] = true
			}
		}
	}
	return given
}

// derivedSets are the decryption sets holders give shares for when asked
// the active set at points (aggregation.DecryptionSets: the points alone
// when there are t of them); none if points is no valid active set.
func derivedSets(points []uint64, threshold int) [][]uint64 {
	active := make([]aggregation.ShamirPoint, len(points))
	for i, p := range points {
		active[i] = aggregation.ShamirPoint(p)
	}
	sets, err := aggregation.DecryptionSets(active, threshold)
	if err != nil {
		return nil
	}
	out := make([][]uint64, len(sets))
	for i, set := range sets {
		for _, p := range set {
			out[i] = append(out[i], uint64(p))
		}
	}
	return out
}

// setsCost is what asking an active set costs its holders' bound on
// decryption sets: the most sets any holder given new ones will have
// given, the new sets in all, and the set's size (the larger is the
// better checked, at equal cost).
type setsCost struct {
	most, newSets, size int
}

func (c setsCost) less(o setsCost) bool {
	return cmp.Or(cmp.Compare(c.most, o.most), cmp.Compare(c.newSets, o.newSets), cmp.Compare(o.size, c.size)) < 0
}

// cost is what asking set costs its holders, given the sets each point
// gave before.
func (r activeSetRules) cost(set []common.Address, given map[uint64]map[string]bool) setsCost {
	c := setsCost{size: len(set)}
	points := r.pointsOf(set)
	fresh := map[uint64]int{}
	for _, ds := range derivedSets(points, r.threshold) {
		for _, p := range ds {
			if !given[p][fmt.Sprint(ds)] {
				fresh[p]++
				c.newSets++
			}
		}
	}
	for p, n := range fresh {
		c.most = max(c.most, len(given[p])+n)
	}
	return c
}
