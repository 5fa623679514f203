package participant

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// dealingScope is what a holder answered a share's dealing check for,
// fixed by the first check it answered of that share: it answers no
// other question of it, since every other answer is one more smudged
// sample of (part of) the share, and differences of answers average the
// smudging away. Asked again within the scope, it gives the same shares
// (their noise is keyed by the check).
type dealingScope struct {
	// seed weighs the dealers' keys: each seed weighs them anew.
	seed [32]byte
	// dealers are the dealers of the first check, in its order: the
	// whole a bisection halves (aggregation.IsBisectionPart).
	dealers []common.Address
	// sets are the decryption sets of the first check holding this
	// holder's point: each set is one more sample.
	sets [][]uint64
	// seedOnly marks a record of an earlier release, which kept the seed
	// only: the next check fixes the dealers and sets.
	seedOnly bool
}

// admit returns the scope of a share asked for the dealing check check
// (its seed, dealers and sets; of them those holding own count), given
// the scope it was answered for (nil: none yet), or an error if the check
// lies outside it: another seed, other sets, or dealers that are not the
// scope's, nor, if parts, a part of its bisection. A first check (or the
// first after a seed-only record) must be the one first derives.
func (given *dealingScope) admit(check *cohortv1.ThresholdKeyTask, own uint64, first firstCheck, parts bool) (*dealingScope, error) {
	raw, dealers, sets := check.GetDealingCheckSeed(), wireAddresses(check.GetDealingCheckDealers()), setsHolding(check.GetDealingCheckSets(), own)
	if len(raw) != 32 {
		return nil, fmt.Errorf("%w: dealing-check seed of %d bytes, want 32", ErrChainMismatch, len(raw))
	}
	asked := &dealingScope{seed: [32]byte(raw), dealers: dealers, sets: sets}
	switch {
	case given != nil && given.seed != asked.seed:
		return nil, fmt.Errorf("%w: a dealing check under a second seed %x (this site answered under %x); each seed weighs the dealers' key errors anew, so it answers under one only", ErrChainMismatch, asked.seed, given.seed)
	case given == nil || given.seedOnly:
		if err := first.refuse(dealers, wireSets(check.GetDealingCheckSets())); err != nil {
			return nil, err
		}
		return asked, nil
	case !slices.EqualFunc(given.sets, sets, slices.Equal):
		return nil, fmt.Errorf("%w: a dealing check over other decryption sets (%v) than those this site answered for (%v); each set is one more smudged sample of its share", ErrChainMismatch, sets, given.sets)
	case parts && !aggregation.IsBisectionPart(given.dealers, dealers):
		return nil, fmt.Errorf("%w: a dealing check of %d dealers that is %s; each other subset is one more smudged sample of part of this site's share", ErrChainMismatch, len(dealers), notABisectionPart(fmt.Sprintf("the %d dealers of the first check", len(given.dealers))))
	case !parts && !slices.Equal(given.dealers, dealers):
		return nil, fmt.Errorf("%w: a dealing check of other dealers' keys (%d) than the %d this site answered for; each other weighing is one more smudged sample of its share", ErrChainMismatch, len(dealers), len(given.dealers))
	}
	return given, nil
}

// firstCheck is what a holder holds a share's first dealing check to,
// derived from what it knows of the share, not taken from the task: the
// decryption sets aggregation.DealingCheckSets asks of the share's
// holders (the coordinator's rule), and, at key generation, the dealers
// whose keys the share holds. Without it a coordinator could list, in
// that one check, every t-set holding the holder's point: one more
// smudged sample of its share each.
type firstCheck struct {
	studyID uint64
	holders int                         // how many the sets are derived from
	sets    [][]aggregation.ShamirPoint // sorted
	// dealers are the sorted dealers a first check must list, each once;
	// nil leaves them to the task (a re-sharing's: its coordinator checks
	// the members whose public-key shares it kept, which the holder cannot
	// know, and one weighing of them is one sample per set all the same).
	dealers []aggregation.PartyID
}

// newFirstCheck derives the first check of a share dealt among holders at
// points for threshold t, of the keys of dealers (nil: any).
func newFirstCheck(studyID uint64, points []aggregation.ShamirPoint, t int, dealers []aggregation.PartyID) (firstCheck, error) {
	sets, err := aggregation.DealingCheckSets(points, t)
	if err != nil {
		return firstCheck{}, fmt.Errorf("participant: dealing check of a share among %d holders at threshold %d: %w", len(points), t, err)
	}
	slices.SortFunc(sets, slices.Compare)
	return firstCheck{studyID: studyID, holders: len(points), sets: sets, dealers: dealers}, nil
}

// refuse says why a first check of dealers over sets (all the task lists)
// is not the one f derives, or returns nil.
func (f firstCheck) refuse(dealers []common.Address, sets [][]uint64) error {
	listed := shamirSets(sets)
	slices.SortFunc(listed, slices.Compare)
	if !slices.EqualFunc(listed, f.sets, slices.Equal) {
		return fmt.Errorf("%w: a first dealing check over the decryption sets %v, but this site derives %v from its share's %d holders' points (aggregation.DealingCheckSets) and answers over those only: each set holding its point is one more smudged sample of its share", ErrChainMismatch, sets, f.sets, f.holders)
	}
	if f.dealers == nil {
		return nil
	}
	ids := make([]aggregation.PartyID, len(dealers))
	for i, d := range dealers {
		ids[i] = aggregation.DealerID(f.studyID, d.Bytes())
	}
	slices.SortFunc(ids, func(a, b aggregation.PartyID) int { return bytes.Compare(a[:], b[:]) })
	if !slices.Equal(ids, f.dealers) {
		return fmt.Errorf("%w: a first dealing check of %d listed dealers, but this site's share holds the keys of %d dealers and the check must list each of them once and no other: a dealer left out goes unchecked", ErrChainMismatch, len(dealers), len(f.dealers))
	}
	return nil
}

// notABisectionPart says why a holder refuses a subset of the dealers
// whole describes.
func notABisectionPart(whole string) string {
	return fmt.Sprintf("not one a bisection of the dealing check asks (%s, or halves of their halves in that order)", whole)
}

// setsHolding are the sets that hold point own.
func setsHolding(sets []*cohortv1.PointSet, own uint64) [][]uint64 {
	var out [][]uint64
	for _, set := range sets {
		if slices.Contains(set.GetPoints(), own) {
			out = append(out, set.GetPoints())
		}
	}
	return out
}

// dealingScopeRecord is the keystore record of the scope a holder gave
// dealing-check shares of share for (steps.dealingCheck): the hash of the
// share, the seed, then the dealers (a 2-byte count, 20 bytes each) and
// the sets (a 2-byte count, each a 2-byte count of 8-byte points). Kept
// beside the share, encrypted like it, so that a restarted holder still
// answers within it; the share's hash ties the scope to that share, and a
// record left from an earlier one (a dealing run again before round 1)
// binds nothing.
func dealingScopeRecord(share []byte, sc dealingScope) []byte {
	b := append(crypto.Keccak256(share), sc.seed[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(sc.dealers)))
	for _, d := range sc.dealers {
		b = append(b, d.Bytes()...)
	}
	b = binary.BigEndian.AppendUint16(b, uint16(len(sc.sets)))
	for _, set := range sc.sets {
		b = binary.BigEndian.AppendUint16(b, uint16(len(set)))
		for _, p := range set {
			b = binary.BigEndian.AppendUint64(b, p)
		}
	}
	return b
}

// dealingScopeOf is the scope record binds share to, or nil if record is
// of another share (or none). A record of an earlier release holds the
// seed only.
func dealingScopeOf(record, share []byte) (*dealingScope, error) {
	if record == nil {
		return nil, nil
	}
	bad := fmt.Errorf("dealing-check record of %d bytes in the keystore is malformed; restore the keystore from a backup", len(record))
	if len(record) < common.HashLength+32 {
		return nil, bad
	}
	if share == nil || common.BytesToHash(record[:common.HashLength]) != crypto.Keccak256Hash(share) {
		return nil, nil
	}
	sc := &dealingScope{seed: [32]byte(record[common.HashLength:])}
	rest := record[common.HashLength+32:]
	if len(rest) == 0 {
		sc.seedOnly = true
		return sc, nil
	}
	count := func() (int, bool) {
		if len(rest) < 2 {
			return 0, false
		}
		n := int(binary.BigEndian.Uint16(rest))
		rest = rest[2:]
		return n, true
	}
	n, ok := count()
	if !ok || len(rest) < n*common.AddressLength {
		return nil, bad
	}
	sc.dealers = make([]common.Address, n)
	for i := range sc.dealers {
		sc.dealers[i], rest = common.BytesToAddress(rest[:common.AddressLength]), rest[common.AddressLength:]
	}
	if n, ok = count(); !ok {
		return nil, bad
	}
	for range n {
		k, ok := count()
		if !ok || len(rest) < 8*k {
			return nil, bad
		}
		set := make([]uint64, k)
		for i := range set {
			set[i], rest = binary.BigEndian.Uint64(rest), rest[8:]
		}
		sc.sets = append(sc.sets, set)
	}
	if len(rest) != 0 {
		return nil, bad
	}
	return sc, nil
}
