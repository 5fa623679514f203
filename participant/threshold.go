package participant

import (
	"context"
	"crypto/ecdsa"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// dealThresholdShares Shamir-shares this site's secret-key share among the
// study's participants, encrypting each share to its holder's Ethereum key
// after checking on chain that the holder takes part in the study: the
// coordinator relays the shares but cannot read them.
func (p *Participant) dealThresholdShares(ctx context.Context, t *cohortv1.ThresholdTask) error {
	holders := t.GetHolders()
	if int(t.GetThreshold()) < 1 || int(t.GetThreshold()) > len(holders) {
		return fmt.Errorf("participant %s: threshold %d for %d holders", p.cfg.Name, t.GetThreshold(), len(holders))
	}
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if t.GetThreshold() != study.Threshold {
		return fmt.Errorf("%w: coordinator asks for threshold %d, the study's is %d", ErrChainMismatch, t.GetThreshold(), study.Threshold)
	}
	keys := make(map[uint64]*ecdsa.PublicKey, len(holders))
	addrs := make(map[uint64]common.Address, len(holders))
	points := make([]uint64, 0, len(holders))
	for _, h := range holders {
		addr := common.BytesToAddress(h.GetAddress())
		ok, err := p.ledger.IsParticipant(ctx, p.cfg.StudyID, addr)
		if err != nil {
			return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
		if !ok {
			return fmt.Errorf("%w: share holder %s is not a participant of study %d", ErrChainMismatch, addr.Hex(), p.cfg.StudyID)
		}
		pub, err := auth.ParsePublicKey(h.GetPublicKey(), addr)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrChainMismatch, err)
		}
		if _, dup := keys[h.GetPoint()]; dup {
			return fmt.Errorf("%w: Shamir point %d given twice", ErrChainMismatch, h.GetPoint())
		}
		keys[h.GetPoint()], addrs[h.GetPoint()] = pub, addr
		points = append(points, h.GetPoint())
		if addr == p.Address() {
			p.point = h.GetPoint()
		}
	}
	if p.point == 0 {
		return fmt.Errorf("%w: this site is not among the share holders", ErrChainMismatch)
	}
	shares, err := p.sealer.thresholdShares(int(t.GetThreshold()), points)
	if err != nil {
		return fmt.Errorf("participant %s: threshold shares: %w", p.cfg.Name, err)
	}
	sub := &cohortv1.ThresholdSharesSubmission{StudyId: p.cfg.StudyID}
	for _, pt := range points {
		sealed, err := auth.SealTo(keys[pt], shares[pt])
		if err != nil {
			return err
		}
		signed, err := auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindThresholdShare, auth.ShareContent(addrs[pt], sealed))
		if err != nil {
			return err
		}
		sub.Shares = append(sub.Shares, &cohortv1.EncryptedShare{Recipient: addrs[pt].Bytes(), Ciphertext: sealed, Auth: signed})
	}
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.SubmitThresholdShares(rpcCtx, sub); err != nil {
		return fmt.Errorf("participant %s: submit threshold shares: %w", p.cfg.Name, err)
	}
	return nil
}

// thresholdKey opens the shares dealt to this site, checks each dealer's
// signature, and combines them into its threshold secret share.
func (p *Participant) thresholdKey(ctx context.Context, t *cohortv1.ThresholdKeyTask) error {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if err := p.ensurePublicKey(ctx, study.PublicKeyHash); err != nil {
		return err
	}
	received := make([][]byte, 0, len(t.GetShares()))
	dealers := make(map[common.Address]bool)
	for _, sh := range t.GetShares() {
		if common.BytesToAddress(sh.GetRecipient()) != p.Address() {
			return fmt.Errorf("%w: relayed a share addressed to %x", ErrChainMismatch, sh.GetRecipient())
		}
		dealer, err := auth.Verify(sh.GetAuth(), p.cfg.StudyID, 0, auth.KindThresholdShare, auth.ShareContent(p.Address(), sh.GetCiphertext()))
		if err != nil {
			return fmt.Errorf("participant %s: threshold share: %w", p.cfg.Name, err)
		}
		if dealers[dealer] {
			return fmt.Errorf("%w: two shares from dealer %s", ErrChainMismatch, dealer.Hex())
		}
		dealers[dealer] = true
		plain, err := auth.Open(p.key, sh.GetCiphertext())
		if err != nil {
			return fmt.Errorf("participant %s: threshold share from %s: %w", p.cfg.Name, dealer.Hex(), err)
		}
		received = append(received, plain)
	}
	if err := p.sealer.thresholdKey(p.pubKey, p.point, received); err != nil {
		return fmt.Errorf("participant %s: threshold key: %w", p.cfg.Name, err)
	}
	if err := p.saveSecrets(); err != nil {
		return err
	}
	signed, err := auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindThresholdKey, crypto.Keccak256Hash(p.pkHash.Bytes()))
	if err != nil {
		return err
	}
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.ConfirmThresholdKey(rpcCtx, &cohortv1.ThresholdKeyConfirmation{StudyId: p.cfg.StudyID, Auth: signed}); err != nil {
		return fmt.Errorf("participant %s: confirm threshold key: %w", p.cfg.Name, err)
	}
	p.log.Info("threshold key ready", "point", p.point, "dealers", len(received))
	return nil
}
