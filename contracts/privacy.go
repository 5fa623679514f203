package contracts

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// DeltaUnit is the fixed-point unit in which the contract stores a privacy
// budget's δ: δ is stored as round(δ · DeltaUnit).
const DeltaUnit = 1e18

// PrivacyBudget is a study's (ε, δ) differential-privacy budget. On chain ε
// has 6 decimal digits (MetricUnit) and δ 18 (DeltaUnit).
type PrivacyBudget struct {
	Epsilon float64
	Delta   float64
}

// fixed returns the budget in the contract's units.
func (b PrivacyBudget) fixed() (eps, delta uint64, err error) {
	if !(b.Epsilon >= 1.0/MetricUnit) || b.Epsilon > math.MaxUint32 {
		return 0, 0, fmt.Errorf("%w: privacy budget ε is %v, want a value from 1e-6 to %d", ErrInvalidParameter, b.Epsilon, uint32(math.MaxUint32))
	}
	if !(b.Delta >= 1/DeltaUnit && b.Delta < 1) {
		return 0, 0, fmt.Errorf("%w: privacy budget δ is %v, want a value from 1e-18 to below 1", ErrInvalidParameter, b.Delta)
	}
	return uint64(math.Round(b.Epsilon * MetricUnit)), uint64(math.Round(b.Delta * DeltaUnit)), nil
}

// Equal reports whether b and o are the same budget once stored on chain.
func (b PrivacyBudget) Equal(o PrivacyBudget) bool {
	be, bd, err1 := b.fixed()
	oe, od, err2 := o.fixed()
	return err1 == nil && err2 == nil && be == oe && bd == od
}

// EpsilonSpentFixed is how the contract stores a study's ε spent: rounded
// up to MetricUnit, so that the record never understates it.
func EpsilonSpentFixed(eps float64) uint64 { return uint64(math.Ceil(eps*MetricUnit - 1e-6)) }

// SetPrivacyBudget sets the study's (ε, δ) budget. Only the study's owner
// may, once, before round 1 (ErrPrivacyBudgetLocked otherwise).
func (l *Ledger) SetPrivacyBudget(ctx context.Context, from *Account, studyID uint64, b PrivacyBudget) (Receipt, error) {
	eps, delta, err := b.fixed()
	if err != nil {
		return Receipt{}, fmt.Errorf("setting the privacy budget of study %d: %w", studyID, err)
	}
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackSetPrivacyBudget(studyID, eps, delta))
	if err != nil {
		return Receipt{}, fmt.Errorf("setting the privacy budget of study %d: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// OpenPrivateRound opens a round of a study with a privacy budget, recording
// epsilonSpent, the study's ε once the round has trained. The contract
// refuses it with ErrPrivacyBudgetExceeded past the budget and
// ErrInvalidEpsilonSpent unless it exceeds the last round's.
func (l *Ledger) OpenPrivateRound(ctx context.Context, from *Account, studyID uint64, round uint32, globalModel common.Hash, deadline time.Time, epsilonSpent float64) (Receipt, error) {
	if deadline.Unix() <= 0 {
		return Receipt{}, fmt.Errorf("opening round %d of study %d: %w: deadline %v is before 1970", round, studyID, ErrInvalidDeadline, deadline)
	}
	if !(epsilonSpent > 0) || epsilonSpent > math.MaxUint32 {
		return Receipt{}, fmt.Errorf("opening round %d of study %d: %w: ε spent is %v", round, studyID, ErrInvalidParameter, epsilonSpent)
	}
	data := l.studies.PackOpenRound(studyID, round, globalModel, uint64(deadline.Unix()), EpsilonSpentFixed(epsilonSpent))
	r, err := l.writeStudy(ctx, from, studyID, data)
	if err != nil {
		return Receipt{}, fmt.Errorf("opening round %d of study %d: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}
