package aggregation

import (
	"fmt"
	"math"
	"math/big"
	"slices"
)

// Verified decryption: a holder's decryption share cannot be checked on
// its own (that would take a proof of correct decryption), so a holder
// that adds an offset to its share moves the decrypted aggregate by that
// offset, unseen, as long as the result stays within checkDecrypted's
// bound. Redundancy catches it: with t + m holders, the aggregate is
// decrypted once per set of DecryptionSets, every holder being left out of
// at least one, and the decryptions must agree. Any valid set opens the
// same c0 + s·c1, so honest decryptions differ by their shares' smudging
// noise alone, which is bounded (each sample by tailCut·σ, smudger): a
// difference beyond that bound means a wrong share. One wrong holder is
// always caught, since the set that leaves it out decrypts honestly; two
// colluding holders left out of different sets can shift every set alike
// and are not.

// DecryptionSets returns the sets an active set of holders decrypts with,
// for a study of threshold t: with m = len(active) − t ≥ 1 spare holders,
// each set is active (sorted) without m consecutive points, the windows
// starting every m points and the last one ending at the last point, so
// that each set has exactly t points (a threshold decryption takes
// exactly t) and each point is left out of at least one: ⌈(t+m)/m⌉ sets.
// With no spare holder it returns active alone: one decryption, nothing to
// compare. Errors wrap ErrInvalidThreshold.
func DecryptionSets(active []ShamirPoint, t int) ([][]ShamirPoint, error) {
	if t < 1 || len(active) < t {
		return nil, fmt.Errorf("%w: %d active points for threshold %d", ErrInvalidThreshold, len(active), t)
	}
	sorted := slices.Clone(active)
	slices.Sort(sorted)
	if len(slices.Compact(slices.Clone(sorted))) != len(sorted) {
		return nil, fmt.Errorf("%w: active points %v repeat a point", ErrInvalidThreshold, active)
	}
	m := len(sorted) - t
	switch {
	case m == 0:
		return [][]ShamirPoint{sorted}, nil
	case m > t:
		// Two windows would overlap and leave their common points out of
		// every set: such holders would be asked for nothing.
		return nil, fmt.Errorf("%w: %d active points for threshold %d; ask at most 2t", ErrInvalidThreshold, len(active), t)
	}
	var sets [][]ShamirPoint
	for start := 0; start < len(sorted); start += m {
		start = min(start, len(sorted)-m)
		set := append(slices.Clone(sorted[:start]), sorted[start+m:]...)
		sets = append(sets, set)
	}
	return sets, nil
}

// CheckDecryptionSets checks that sets are what DecryptionSets could ask of
// the active set: each a sorted subset of active of exactly t distinct
// points, no two alike, every point of active left out of at least one
// and in at least one, and no more sets than points: what any cover
// the decryption check needs must meet. Holders and the audit require
// more, the derived sets exactly (CheckDerivedDecryptionSets): a
// coordinator choosing the cover would get more smudged decryptions of
// the same aggregate.
func CheckDecryptionSets(active []ShamirPoint, t int, sets [][]ShamirPoint) error {
	if len(sets) < 2 || len(sets) > len(active) {
		return fmt.Errorf("%w: %d decryption sets for %d active points", ErrInvalidThreshold, len(sets), len(active))
	}
	left := make(map[ShamirPoint]bool, len(active))
	in := make(map[ShamirPoint]bool, len(active))
	for i, set := range sets {
		if len(set) != t || !slices.IsSorted(set) || len(slices.Compact(slices.Clone(set))) != len(set) {
			return fmt.Errorf("%w: decryption set %d (%v) is not %d sorted, distinct points", ErrInvalidThreshold, i, set, t)
		}
		for _, p := range set {
			if !slices.Contains(active, p) {
				return fmt.Errorf("%w: decryption set %d has point %d outside the active set %v", ErrInvalidThreshold, i, p, active)
			}
		}
		for j := range i {
			if slices.Equal(sets[j], set) {
				return fmt.Errorf("%w: decryption sets %d and %d are the same", ErrInvalidThreshold, j, i)
			}
		}
		for _, p := range active {
			if slices.Contains(set, p) {
				in[p] = true
			} else {
				left[p] = true
			}
		}
	}
	for _, p := range active {
		switch {
		case !left[p]:
			return fmt.Errorf("%w: point %d is in every decryption set, so its share could not be checked", ErrInvalidThreshold, p)
		case !in[p]:
			return fmt.Errorf("%w: point %d is active but in no decryption set", ErrInvalidThreshold, p)
		}
	}
	return nil
}

// CheckDerivedDecryptionSets checks that sets are exactly those
// DecryptionSets derives from active at threshold t, in any order: not
// merely a valid cover (CheckDecryptionSets), since each other cover
// names other sets, and each set holding a holder's point is one more
// smudged sample of its share. Errors wrap ErrInvalidThreshold and name
// the derived sets.
func CheckDerivedDecryptionSets(active []ShamirPoint, t int, sets [][]ShamirPoint) error {
	want, err := DecryptionSets(active, t)
	if err != nil {
		return err
	}
	got, derived := slices.Clone(sets), slices.Clone(want)
	slices.SortFunc(got, slices.Compare)
	slices.SortFunc(derived, slices.Compare)
	if !slices.EqualFunc(got, derived, slices.Equal) {
		return fmt.Errorf("%w: decryption sets %v, where DecryptionSets derives %v from the active points %v at threshold %d", ErrInvalidThreshold, sets, want, active, t)
	}
	return nil
}

// DecryptChecked decrypts agg with shares made for one or more active sets
// (each share names its set), once per set in the order the sets first
// appear, and returns the first set's decryption if every other one agrees
// with it within the sets' smudging noise (decryptionTolerance). A wrong
// share shows as ErrDecryptionsDisagree. Each set is checked as by
// Decrypt. With shares of a single set it is Decrypt: there is nothing to
// compare.
func (s *Scheme) DecryptChecked(agg *EncryptedVector, shares []*DecryptionShare) ([]float64, error) {
	if i := slices.Index(shares, nil); i >= 0 {
		return nil, fmt.Errorf("aggregation: Decrypt: %w: share %d is nil", ErrNilArgument, i)
	}
	groups := groupBySet(shares, func(ds *DecryptionShare) (uint8, []ShamirPoint) { return ds.mode, ds.active })
	if len(groups) == 0 {
		return nil, fmt.Errorf("aggregation: Decrypt: %w: no decryption shares", ErrMissingShares)
	}
	first, err := s.Decrypt(agg, groups[0])
	if err != nil {
		return nil, err
	}
	for _, g := range groups[1:] {
		out, err := s.Decrypt(agg, g)
		if err != nil {
			return nil, fmt.Errorf("set %v: %w", g[0].active, err)
		}
		tol := s.decryptionTolerance(len(groups[0]) + len(g))
		for j := range first {
			if d := math.Abs(out[j] - first[j]); d > tol {
				// The values themselves stay out of the message: it is
				// logged, and the aggregate is not published.
				return nil, fmt.Errorf("aggregation: Decrypt: %w: value %d decrypts %.3g apart with the holders at points %v and with those at %v, where their smudging noise allows %.3g: a holder in one set sent a wrong share (the round must fail, not publish either)",
					ErrDecryptionsDisagree, j, d, groups[0][0].active, g[0].active, tol)
			}
		}
	}
	return first, nil
}

// DecryptScoresChecked is DecryptChecked for the scores of set: it
// decrypts them once per active set the shares name (DecryptScores) and
// returns the first set's scores if every other set's agree with them
// within the sets' smudging noise (scoreTolerance), else
// ErrDecryptionsDisagree; the scores are OutOfRange if any set's are.
// With shares of a single set it is DecryptScores.
func (s *Scheme) DecryptScoresChecked(set *ScoreSet, refs *References, shares []*ScoreShare) (Scores, error) {
	if i := slices.Index(shares, nil); i >= 0 {
		return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: share %d is nil", ErrNilArgument, i)
	}
	groups := groupBySet(shares, func(sh *ScoreShare) (uint8, []ShamirPoint) { return sh.mode, sh.active })
	if len(groups) == 0 {
		return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: no score shares", ErrMissingShares)
	}
	first, err := s.DecryptScores(set, refs, groups[0])
	if err != nil {
		return Scores{}, err
	}
	for _, g := range groups[1:] {
		out, err := s.DecryptScores(set, refs, g)
		if err != nil {
			return Scores{}, fmt.Errorf("set %v: %w", g[0].active, err)
		}
		// Out of range in any set: the verdict does not depend on which
		// set comes first, so every checker reaches the same.
		first.OutOfRange = first.OutOfRange || out.OutOfRange
		for j := range refs.NumScores() {
			a, b := first.Reference, out.Reference
			if j > 0 {
				a, b = first.Projections[j-1], out.Projections[j-1]
			}
			tol := s.scoreTolerance(refs, j, len(groups[0])+len(g), math.Max(math.Abs(a), math.Abs(b)))
			if d := math.Abs(a - b); d > tol {
				return Scores{}, fmt.Errorf("aggregation: DecryptScores: %w: score %d of update %s decrypts %.3g apart with the holders at points %v and with those at %v, where their smudging noise allows %.3g: a holder in one set sent a wrong score share",
					ErrDecryptionsDisagree, j, set.updateHash.TerminalString(), d, groups[0][0].active, g[0].active, tol)
			}
		}
	}
	return first, nil
}

// groupBySet groups shares by the mode and active set each names, in the
// order the sets first appear.
func groupBySet[T any](shares []T, set func(T) (uint8, []ShamirPoint)) [][]T {
	var groups [][]T
	for _, sh := range shares {
		mode, active := set(sh)
		g := slices.IndexFunc(groups, func(g []T) bool {
			m, a := set(g[0])
			return m == mode && slices.Equal(a, active)
		})
		if g < 0 {
			groups = append(groups, nil)
			g = len(groups) - 1
		}
		groups[g] = append(groups[g], sh)
	}
	return groups
}

// smudgingBound bounds the smudging noise n shares add to one
// coefficient, in units of the coefficient: each adds a sample of at most
// tailCut·σ plus its dither.
func (s *Scheme) smudgingBound(n int) float64 {
	return float64(n) * (tailCut*s.sigma + math.Max(1, s.sigma*0x1p-52) + 1)
}

// decryptionTolerance bounds how far two honest decryptions of one
// aggregate, by sets of n shares in all, can lie apart: the smudging
// bound over Δ (a decrypted value is its coefficient over Δ). The slack
// covers the float64 evaluation of values up to 2^20.
func (s *Scheme) decryptionTolerance(n int) float64 {
	return s.smudgingBound(n)*math.Exp2(-float64(s.logScale)) + 0x1p-30
}

// scoreTolerance bounds how far two honest decryptions of score j, by sets
// of n shares in all, can lie apart when the scores are about magnitude: a
// score share's noise is a smudging sample scaled by 2^logSmug[j] (at
// most twice the reference's norm) plus a dither below that, and a score
// is its inner product over Δ·‖R_j‖. The slack covers the float64
// evaluation of inner products far larger than the score.
func (s *Scheme) scoreTolerance(refs *References, j, n int, magnitude float64) float64 {
	return s.smudgingBound(n)*math.Exp2(float64(refs.logSmug[j]-s.logScale))/refs.scoreNorm(j) + magnitude*0x1p-40 + 0x1p-30
}

// ShiftScoreShare adds offset, in score units, to score j (0 the
// reference, j ≥ 1 projection j) of what sh decrypts with refs: the lie
// of a holder that wants a hospital's update flagged, or an attacker's
// passed, for tests and fault injection (a hostile holder) that show
// DecryptScoresChecked catching it.
func (s *Scheme) ShiftScoreShare(sh *ScoreShare, refs *References, j int, offset float64) error {
	if sh == nil || refs == nil || j < 0 || j >= refs.NumScores() || len(sh.values) == 0 || j >= len(sh.values[0]) || math.IsNaN(offset) || math.IsInf(offset, 0) {
		return fmt.Errorf("%w: cannot shift score %d of a share by %v", ErrInvalidValue, j, offset)
	}
	s.addOffset(sh.values, j, offset*refs.scoreNorm(j))
	return nil
}

// ShiftDecryptionShare adds offset, in value units, to value j of what ds
// decrypts: the lie of a holder that wants to move the published
// aggregate, for tests and fault injection (a hostile holder) that show
// DecryptChecked catching it.
func (s *Scheme) ShiftDecryptionShare(ds *DecryptionShare, j int, offset float64) error {
	if ds == nil || j < 0 || j >= ds.length || math.IsNaN(offset) || math.IsInf(offset, 0) {
		return fmt.Errorf("%w: cannot shift value %d of a share by %v", ErrInvalidValue, j, offset)
	}
	n := ds.shares[0].Value.N()
	s.addOffset(ds.shares[j/n].Value.Coeffs, j%n, offset)
	return nil
}

// addOffset adds offset·Δ, rounded, to coefficient j of every residue row.
func (s *Scheme) addOffset(rows [][]uint64, j int, offset float64) {
	v := new(big.Float).SetFloat64(math.Abs(offset))
	v.SetMantExp(v, s.logScale)
	k, _ := v.Int(nil)
	for l, row := range rows {
		q := s.params.RingQ().SubRings[l].Modulus
		u := new(big.Int).Mod(k, new(big.Int).SetUint64(q)).Uint64()
		if offset < 0 && u != 0 {
			u = q - u
		}
		row[j] = (row[j] + u) % q
	}
}

// ShiftThresholdShare adds delta to the lowest coefficient, in every RNS
// row, of each key share ts deals: a dealing inconsistent at one holder
// (the inconsistent-dealing attack, for evaluations only).
func (s *Scheme) ShiftThresholdShare(ts *ThresholdShare, delta uint64) error {
	if err := s.checkThresholdShare(0, ts); err != nil {
		return fmt.Errorf("aggregation: ShiftThresholdShare: %w", err)
	}
	r := s.params.RingQ()
	for _, sh := range ts.shares {
		for i, row := range sh.Q.Coeffs {
			q := r.SubRings[i].Modulus
			row[0] = (row[0] + delta%q) % q
		}
	}
	return nil
}
