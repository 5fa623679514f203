package participant

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// The drivers of the key phases: each reads from the chain (and the
// coordinator's blob store) what its step needs, runs the step
// (steps_keys.go), and carries out the ready.

func (p *Participant) keyGen(ctx context.Context, t *cohortv1.KeyGenTask) error {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	r, err := p.steps.keyGen(t, study, p.ledger.Address())
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// dealThresholdShares Shamir-shares this site's secret-key share among the
// study's participants (see steps.dealThreshold).
func (p *Participant) dealThresholdShares(ctx context.Context, t *cohortv1.ThresholdTask) error {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	r, err := p.steps.dealThreshold(t, study)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// thresholdKey combines the shares dealt to this site into its threshold
// secret share (see steps.thresholdKey), with the collective key the chain
// records.
func (p *Participant) thresholdKey(ctx context.Context, t *cohortv1.ThresholdKeyTask) error {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if err := p.ensurePublicKey(ctx, study, study.PublicKeyHash); err != nil {
		return err
	}
	r, err := p.steps.thresholdKey(t, study)
	if err != nil {
		return err
	}
	if err := p.carryOut(ctx, r); err != nil {
		return err
	}
	p.log.Info("threshold key ready", "point", p.point, "dealers", len(t.GetShares()))
	return nil
}

// reshareFacts reads what a re-sharing step checks on chain: the study and
// which of the parties it names are suspended. Addresses that are not
// participants need no read: the step refuses them from the study's list.
func (p *Participant) reshareFacts(ctx context.Context, dealers, holders []*cohortv1.ShareHolder) (study contracts.Study, suspended map[common.Address]bool, err error) {
	if study, err = p.ledger.Study(ctx, p.cfg.StudyID); err != nil {
		return study, nil, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	member := participants(study)
	suspended = make(map[common.Address]bool)
	for _, addr := range reshareParties(dealers, holders) {
		if !member[addr] {
			continue
		}
		st, err := p.ledger.Participant(ctx, p.cfg.StudyID, addr)
		if err != nil {
			return study, nil, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
		if st.Suspended {
			suspended[addr] = true
		}
	}
	return study, suspended, nil
}

// reshare deals this site's threshold share afresh to a new holder set, or
// a joining member's own key share (see steps.reshareDeal).
func (p *Participant) reshare(ctx context.Context, t *cohortv1.ReshareTask) error {
	study, suspended, err := p.reshareFacts(ctx, t.GetDealers(), t.GetHolders())
	if err != nil {
		return err
	}
	// A member that joined deals its own key with its public-key share for
	// the collective key's CRS: it fetches the key it may not have yet.
	if err := p.ensurePublicKey(ctx, study, study.PublicKeyHash); err != nil {
		return err
	}
	r, err := p.steps.reshareDeal(t, study, suspended)
	if err != nil {
		return err
	}
	if err := p.carryOut(ctx, r); err != nil {
		return err
	}
	p.log.Info("threshold share re-shared", "round", t.GetRound(), "holders", len(t.GetHolders()))
	return nil
}

// reshareKey combines the re-sharing shares dealt to this site into a new
// threshold share, pending until the coordinator commits (see
// steps.reshareKey).
func (p *Participant) reshareKey(ctx context.Context, t *cohortv1.ReshareKeyTask) error {
	study, suspended, err := p.reshareFacts(ctx, t.GetDealers(), t.GetHolders())
	if err != nil {
		return err
	}
	// The members that left count among those whose keys a share carries:
	// the bound on what each dealer may send (see steps.reshareKey).
	gone, err := p.ledger.Departures(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	departed := make([]common.Address, len(gone))
	for i, d := range gone {
		departed[i] = d.Member
	}
	if len(t.GetDealingCheckSeed()) > 0 {
		// A new holder may not have fetched the key yet: the dealing
		// check takes its CRS and parties.
		if err := p.ensurePublicKey(ctx, study, study.PublicKeyHash); err != nil {
			return err
		}
	}
	r, err := p.steps.reshareKey(t, study, suspended, departed)
	if err != nil {
		return err
	}
	if r.send == nil { // more share pieces to come
		return nil
	}
	if err := p.carryOut(ctx, r); err != nil {
		return err
	}
	p.log.Info("new threshold share received; pending until the coordinator commits", "round", t.GetRound())
	return nil
}

// reshareCommit puts the committed re-sharing's share in force and erases
// the old one (see steps.reshareCommit).
func (p *Participant) reshareCommit(ctx context.Context, t *cohortv1.ReshareCommitTask) error {
	r, err := p.steps.reshareCommit(t)
	if errors.Is(err, errNoPendingShare) {
		// A holder the keys moved away from (a new decryption committee).
		study, serr := p.ledger.Study(ctx, p.cfg.StudyID)
		if serr != nil {
			return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, serr)
		}
		// The commit is checked against the selection it names, which
		// may no longer be the chain's latest.
		var selections []contracts.Committee
		if study.Committee.Size != 0 {
			if selections, serr = p.ledger.CommitteeSelections(ctx, p.cfg.StudyID); serr != nil {
				return fmt.Errorf("participant %s: %w", p.cfg.Name, serr)
			}
		}
		if r, err = p.steps.retireShare(t, study, selections, err); err == nil && len(r.keep) > 0 {
			p.log.Info("keys moved to a decryption committee this site is not on; its threshold share and any pending share of an earlier selection erased", "round", t.GetRound(), "selection", t.GetCommitteeEpoch())
		}
	}
	if err != nil {
		return err
	}
	if err := p.carryOut(ctx, r); err != nil {
		return err
	}
	if len(r.keep) > 0 {
		p.log.Info("re-sharing committed; old threshold share erased", "round", t.GetRound(), "point", p.point)
	}
	return nil
}
