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
// (Of), all as of the block from which the key a moments run is under has
// been the study's key (Block), which it finds once: a check of many
// counts costs one event-log query, not one per hospital.
type MomentsBounds struct {
	ledger  *Ledger
	studyID uint64
	keySet  time.Time
	// Block is the first block of the run's key's tenure: the block of the
	// earliest of the study's PublicKeySet events that set that key since
	// the study last had another.
	Block uint64
}

// MomentsBounds finds the block from which key, the collective public key
// a moments run is under (the coordinator's, and the one its moments task
// names), has been the study's key; the moments sample bounds of its
// hospitals are read as of that block (MomentsBounds.Of). It refuses a key
// that is not the study's key now (ErrPublicKeyChanged: the run is stale;
// no count is judged against it) and a study whose key is not set
// (ErrPublicKeyNotSet).
//
// The block is a function of the key and the chain, the same for every
// party and every check of a run: the key set again (the same one) after
// the coordinator's run began does not move it, and the key set to
// another makes every party refuse the run rather than judge its counts at
// another block. So a hostile coordinator cannot choose it, and one
// setting its key again mid-run cannot get an honest count refused. Read
// at the study's latest PublicKeySet, it moved when the key was set again:
// the hospitals judged at a later block than the coordinator had, and an
// honest count a revocation made exceed the later bound was refused by
// every hospital, its hospital named as the inflator
// (TestMomentsBoundsHoldWhenTheKeyIsSetAgain). Nor can it begin the key's
// tenure anew by setting another key and this one again: the contract never
// sets a replaced key again (ErrPublicKeyRetired), so the block is the
// key's first PublicKeySet (TestARetiredKeyCannotMoveTheMomentsBounds).
// The run counts after the block, so an honest count stays within its
// bound when a patient revokes between the count and a check, even across
// midnight.
func (l *Ledger) MomentsBounds(ctx context.Context, studyID uint64, key common.Hash) (*MomentsBounds, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the block from which %s has been the key of study %d, which moments counts are bounded as of: %w", key.Hex(), studyID, err)
	}
	logs, err := l.studyEvents(ctx, cohortsol.StudiesPublicKeySetEventName, studyID)
	if err != nil {
		return nil, wrap(err)
	}
	if len(logs) == 0 {
		return nil, wrap(ErrPublicKeyNotSet)
	}
	first := len(logs)
	for i := len(logs) - 1; i >= 0; i-- {
		ev, err := l.studies.UnpackPublicKeySetEvent(&logs[i])
		if err != nil {
			return nil, wrap(err)
		}
		if ev.PublicKeyHash != key {
			if first == len(logs) {
				return nil, wrap(fmt.Errorf("%w: the study's key is %s", ErrPublicKeyChanged, common.Hash(ev.PublicKeyHash).Hex()))
			}
			break
		}
		first = i
	}
	block := logs[first].BlockNumber
	keySet, err := l.chain.BlockTime(ctx, block)
	if err != nil {
		return nil, wrap(err)
	}
	return &MomentsBounds{ledger: l, studyID: studyID, keySet: keySet, Block: block}, nil
}

// Of returns the most consented training records member's moments count
// may claim in a study that binds samples: its sample bound as for a round
// opened in the block b names. It is one call on chain.
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
