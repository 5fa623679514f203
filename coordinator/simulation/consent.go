package simulation

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// grantConsent has every consenting synthetic patient sign an EIP-712
// grant for the study with the key derived from the cohort's seed (test
// data only; see records.SyntheticPatientKey) and their hospital relay them
// on chain in batches (contracts.ConsentBatchSize per transaction), the
// hospitals in parallel. Every hospital opens its counts; the grants of a
// hospital in Config.LateConsent wait for relayLateConsent.
func (s *Study) grantConsent(ctx context.Context, sites []records.Site, hospitalKeys []*ecdsa.PrivateKey) error {
	domain, err := s.ledger.ConsentDomain(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	expiry := start.Add(consentValidity)
	granted := make([]int, len(sites))
	gas := make([]uint64, len(sites))
	g, gctx := errgroup.WithContext(ctx)
	for i, site := range sites {
		relayer := contracts.NewAccount(hospitalKeys[i])
		g.Go(func() error {
			// The study binds samples to consent: the hospital's grants
			// count from when it opens its counts.
			if err := s.ledger.OpenSampleCounts(gctx, relayer, s.studyID); err != nil {
				return err
			}
			if _, late := s.cfg.LateConsent[i]; late {
				return nil
			}
			var err error
			granted[i], gas[i], err = s.relayGrants(gctx, domain, relayer, site, expiry)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i := range sites {
		s.consent.Granted += granted[i]
		s.consent.GrantGas += gas[i]
	}
	s.consent.GrantSeconds = time.Since(start).Seconds()
	return nil
}

// relayGrants has site's consenting patients sign their grants, valid
// until expiry, and relayer relay them; it returns how many were recorded
// and the gas they took.
func (s *Study) relayGrants(ctx context.Context, domain contracts.ConsentDomain, relayer *contracts.Account, site records.Site, expiry time.Time) (int, uint64, error) {
	var batch []contracts.SignedConsent
	for _, r := range slices.Concat(site.Train, site.Test) {
		if !site.Consent[r.ID] {
			continue
		}
		// A fresh deployment: every patient's first change has nonce 0.
		signed, err := s.signConsent(domain, r, true, expiry, 0)
		if err != nil {
			return 0, 0, err
		}
		batch = append(batch, signed)
	}
	if len(batch) == 0 {
		return 0, 0, nil
	}
	res, err := s.relayAll(ctx, relayer, batch)
	if err != nil {
		return 0, 0, err
	}
	return res.Recorded, res.GasUsed, nil
}

// relayLateConsent relays the grants of hospital i (one of
// Config.LateConsent) once the study is under way. Its figures are added to
// the study's; the caller runs it once per hospital.
func (s *Study) relayLateConsent(ctx context.Context, i int) error {
	domain, err := s.ledger.ConsentDomain(ctx)
	if err != nil {
		return err
	}
	granted, gas, err := s.relayGrants(ctx, domain, contracts.NewAccount(s.hospitalKeys[i]), s.sites[i], time.Now().Add(consentValidity))
	if err != nil {
		return err
	}
	s.figMu.Lock()
	defer s.figMu.Unlock()
	s.consent.Granted += granted
	s.consent.GrantGas += gas
	return nil
}

// revokeConsent has the first RevocationsPerSite consenting training
// patients of each hospital (fewer if that would leave it none) sign a
// revocation that their hospital relays, before round from opens.
func (s *Study) revokeConsent(ctx context.Context, sites []records.Site, hospitalKeys []*ecdsa.PrivateKey, from uint32) error {
	domain, err := s.ledger.ConsentDomain(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	revoked := make([][]Revocation, len(sites))
	gas := make([]uint64, len(sites))
	g, gctx := errgroup.WithContext(ctx)
	for i, site := range sites {
		relayer := contracts.NewAccount(hospitalKeys[i])
		consenting := records.ConsentedOnly(site.Train, site.Consents)
		n := min(RevocationsPerSite, len(consenting)-1)
		g.Go(func() error {
			var batch []contracts.SignedConsent
			for _, r := range consenting[:max(n, 0)] {
				nonce, err := s.ledger.ConsentNonce(gctx, r.Patient, contracts.ConsentScope{StudyID: s.studyID})
				if err != nil {
					return err
				}
				signed, err := s.signConsent(domain, r, false, time.Time{}, nonce)
				if err != nil {
					return err
				}
				batch = append(batch, signed)
				revoked[i] = append(revoked[i], Revocation{Hospital: i, RecordID: r.ID, Patient: r.Patient})
			}
			if len(batch) == 0 {
				return nil
			}
			res, err := s.relayAll(gctx, relayer, batch)
			if err != nil {
				return err
			}
			gas[i] = res.GasUsed
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i := range sites {
		s.revoked = append(s.revoked, revoked[i]...)
		s.consent.RevokeGas += gas[i]
	}
	s.consent.Revoked, s.consent.RevokedFromRound = len(s.revoked), from
	s.consent.RevokeSeconds = time.Since(start).Seconds()
	return nil
}

// relayAll relays a hospital's batch of its patients' signed changes; any
// change the contract skipped is an error (the local study signs them all
// right).
func (s *Study) relayAll(ctx context.Context, relayer *contracts.Account, batch []contracts.SignedConsent) (contracts.ConsentBatchResult, error) {
	res, err := s.ledger.RelayConsentBatch(ctx, relayer, batch)
	if err != nil {
		return res, fmt.Errorf("%s relaying its patients' consent: %w", relayer, err)
	}
	for j, o := range res.Outcomes {
		if o != contracts.ConsentRecorded {
			return res, fmt.Errorf("%s relaying the consent change of patient %s: %w", relayer, batch[j].Patient, o.Err())
		}
	}
	return res, nil
}

// signConsent signs a study-scoped consent change as the synthetic patient
// of record r.
func (s *Study) signConsent(domain contracts.ConsentDomain, r records.Record, granted bool, expiry time.Time, nonce uint32) (contracts.SignedConsent, error) {
	key, err := records.SyntheticPatientKey(s.cfg.Seed, r.ID)
	if err != nil {
		return contracts.SignedConsent{}, err
	}
	return contracts.SignConsent(key, domain, contracts.ConsentChange{
		Patient: r.Patient, Scope: contracts.ConsentScope{StudyID: s.studyID}, Granted: granted, Expiry: expiry, Nonce: nonce,
	})
}
