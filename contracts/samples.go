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

// MomentsSampleBound returns the most consented training records member's
// moments count may claim in a study that binds samples: its sample bound
// as for a round opened in the block that set the study's key (its latest
// PublicKeySet). The moments phase counts after that block, so an honest
// count stays within the bound when a patient revokes between the count
// and a check, even across midnight; and the block is on chain, so the
// coordinator and every hospital hold a count to the same bound.
// ErrPublicKeyNotSet before the key is set.
func (l *Ledger) MomentsSampleBound(ctx context.Context, studyID uint64, member common.Address) (uint64, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the moments sample bound of %s in study %d: %w", member, studyID, err)
	}
	logs, err := l.studyEvents(ctx, cohortsol.StudiesPublicKeySetEventName, studyID)
	if err != nil {
		return 0, wrap(err)
	}
	if len(logs) == 0 {
		return 0, wrap(ErrPublicKeyNotSet)
	}
	keySet, err := l.chain.BlockTime(ctx, logs[len(logs)-1].BlockNumber)
	if err != nil {
		return 0, wrap(err)
	}
	b, err := l.sampleBoundAt(ctx, studyID, member, keySet)
	if err != nil {
		return 0, wrap(err)
	}
	return b, nil
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
