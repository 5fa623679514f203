package contracts

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// BindSamples binds the sample count of every commitment to the study by
// its hospital's consent counts in the ConsentRegistry: a commitment above
// SampleBound is refused (ErrSamplesAboveConsent), one by one or in a
// batch. Once, for good, before the study's key is set
// (ErrSamplesBindingLocked); only the study's owner may (ErrNotAuthorised).
// CreateStudy calls it for StudyParams.BindSamples.
func (l *Ledger) BindSamples(ctx context.Context, from *Account, studyID uint64) (Receipt, error) {
	r, err := l.writeCommittees(ctx, from, studyID, l.committees.PackBindSamples(studyID))
	if err != nil {
		return Receipt{}, fmt.Errorf("binding the sample counts of study %d to consent: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// SamplesBound tells whether the study binds its sample counts to consent.
func (l *Ledger) SamplesBound(ctx context.Context, studyID uint64) (bool, error) {
	addr, err := l.committeesAddress(ctx, studyID)
	if err != nil {
		return false, fmt.Errorf("reading whether study %d binds samples: %w", studyID, err)
	}
	out, err := l.chain.call(ctx, addr, l.committees.PackGetCommittee(studyID), &l.abi)
	if err != nil {
		return false, fmt.Errorf("reading whether study %d binds samples: %w", studyID, err)
	}
	rec, err := l.committees.UnpackGetCommittee(out)
	if err != nil {
		return false, fmt.Errorf("reading whether study %d binds samples: %w", studyID, err)
	}
	return rec.SamplesBound, nil
}

// OpenSampleCount opens from's count of the consent changes it relays for
// a scope (a study or a purpose) in the current ConsentRegistry: from then
// on each grant it relays for the scope raises the count, each revocation
// lowers it, and a study that binds samples (BindSamples) bounds from's
// commitments by its counts for the study and its purpose. Opening an open
// count does nothing (and costs little).
func (l *Ledger) OpenSampleCount(ctx context.Context, from *Account, scope ConsentScope) (Receipt, error) {
	r, err := l.writeModule(ctx, from, currentConsent, l.consentReg.PackOpenSampleCount(scope.StudyID, scope.Purpose))
	if err != nil {
		return Receipt{}, fmt.Errorf("opening the consent count of %s for %s: %w", from, scope, err)
	}
	return receiptOf(r), nil
}

// OpenSampleCounts opens from's consent counts for the study and for its
// purpose (OpenSampleCount): a hospital of a study that binds samples does
// so before relaying its patients' grants, which count only from then on.
func (l *Ledger) OpenSampleCounts(ctx context.Context, from *Account, studyID uint64) error {
	st, err := l.Study(ctx, studyID)
	if err != nil {
		return err
	}
	for _, scope := range []ConsentScope{{StudyID: studyID}, {Purpose: st.Purpose}} {
		if _, err := l.OpenSampleCount(ctx, from, scope); err != nil {
			return err
		}
	}
	return nil
}

// SampleBound returns the most samples member may commit to a round of a
// study that binds samples: its consent counts for the study and its
// purpose, as they stand for the round (0: a round opening now).
func (l *Ledger) SampleBound(ctx context.Context, studyID uint64, member common.Address, round uint32) (uint64, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the sample bound of %s in study %d: %w", member, studyID, err)
	}
	var at time.Time
	if round == 0 {
		now, err := l.chain.HeadTime(ctx)
		if err != nil {
			return 0, wrap(err)
		}
		at = now
	} else {
		r, err := l.Round(ctx, studyID, round)
		if err != nil {
			return 0, wrap(err)
		}
		at = r.OpenedAt
	}
	b, err := l.sampleBoundAt(ctx, studyID, member, at)
	if err != nil {
		return 0, wrap(err)
	}
	return b, nil
}

// MomentsBounds reads the moments sample bounds of a study's hospitals
// (Of), all as of the block that set the study's key (its latest
// PublicKeySet), which it finds once: a check of many counts costs one
// event-log query, not one per hospital. Read a MomentsBounds again for
// each batch of checks: the key, and so its block, may be set again until
// round 1 opens.
type MomentsBounds struct {
	ledger  *Ledger
	studyID uint64
	keySet  time.Time
	// Block is the block that set the study's key.
	Block uint64
}

// MomentsBounds finds the block that set the study's key, which the
// moments sample bounds of its hospitals are read as of (MomentsBounds.Of);
// ErrPublicKeyNotSet before the key is set. The moments phase counts after
// that block, so an honest count stays within its bound when a patient
// revokes between the count and a check, even across midnight; and the
// block is on chain, so the coordinator and every hospital hold a count to
// the same bound.
func (l *Ledger) MomentsBounds(ctx context.Context, studyID uint64) (*MomentsBounds, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the block that set the key of study %d, which moments counts are bounded as of: %w", studyID, err)
	}
	logs, err := l.studyEvents(ctx, cohortsol.StudiesPublicKeySetEventName, studyID)
	if err != nil {
		return nil, wrap(err)
	}
	if len(logs) == 0 {
		return nil, wrap(ErrPublicKeyNotSet)
	}
	block := logs[len(logs)-1].BlockNumber
	keySet, err := l.chain.BlockTime(ctx, block)
	if err != nil {
		return nil, wrap(err)
	}
	return &MomentsBounds{ledger: l, studyID: studyID, keySet: keySet, Block: block}, nil
}

// Of returns the most consented training records member's moments count
// may claim in a study that binds samples: its sample bound as for a round
// opened in the block that set the study's key. It is one call on chain.
func (b *MomentsBounds) Of(ctx context.Context, member common.Address) (uint64, error) {
	bound, err := b.ledger.sampleBoundAt(ctx, b.studyID, member, b.keySet)
	if err != nil {
		return 0, fmt.Errorf("reading the moments sample bound of %s in study %d: %w", member, b.studyID, err)
	}
	return bound, nil
}

// sampleBoundAt is member's sample bound for a round opened at openedAt.
func (l *Ledger) sampleBoundAt(ctx context.Context, studyID uint64, member common.Address, openedAt time.Time) (uint64, error) {
	out, err := l.readModule(ctx, currentConsent, l.consentReg.PackSampleBound(studyID, member, uint64(openedAt.Unix())))
	if err != nil {
		return 0, err
	}
	b, err := l.consentReg.UnpackSampleBound(out)
	if err != nil {
		return 0, err
	}
	if !b.IsUint64() {
		return 0, fmt.Errorf("%w: bound %s", ErrInconsistentLedger, b)
	}
	return b.Uint64(), nil
}
