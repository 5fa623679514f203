package participant

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// pendingShare is a threshold share from a re-sharing that the coordinator
// has not committed yet: the share in force stays until then.
type pendingShare struct {
	epoch   uint32 // the round the re-sharing serves from
	setHash common.Hash
	share   []byte // encoded aggregation.ThresholdSecretShare; empty in the epoch record
}

func (s pendingShare) encode() []byte {
	b := binary.BigEndian.AppendUint32(nil, s.epoch)
	b = append(b, s.setHash.Bytes()...)
	return append(b, s.share...)
}

func decodePending(b []byte) (pendingShare, error) {
	if len(b) < 4+common.HashLength {
		return pendingShare{}, fmt.Errorf("re-sharing record of %d bytes in the keystore is truncated", len(b))
	}
	return pendingShare{
		epoch:   binary.BigEndian.Uint32(b),
		setHash: common.BytesToHash(b[4 : 4+common.HashLength]),
		share:   b[4+common.HashLength:],
	}, nil
}

// reshareSet is a re-sharing's dealers and new holders as checked against
// the chain.
type reshareSet struct {
	setHash common.Hash
	dealers map[common.Address]uint64
	points  []uint64 // new holders' points, in task order
	keys    map[uint64]*ecdsa.PublicKey
	addrs   map[uint64]common.Address
	own     uint64 // this site's point in the new set; 0 if not in it
}

// checkReshare checks a re-sharing against the chain before this site
// takes part: it happens between round r-1 and round r (so a replayed
// re-sharing of an earlier epoch is refused), with the study's threshold,
// and every dealer and new holder is a participant in good standing (so no
// leaver or suspended member gets a share). It recomputes the set hash that
// binds every share to (study, r, threshold, dealers, holders).
func (p *Participant) checkReshare(ctx context.Context, round, threshold uint32, dealers, holders []*cohortv1.ShareHolder, setHash []byte) (*reshareSet, error) {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return nil, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	switch {
	case round == 0 || study.CurrentRound != round-1 || study.RoundOpen:
		return nil, fmt.Errorf("%w: re-sharing for round %d, but the chain is at round %d (open: %t); a re-sharing happens only before the next round",
			ErrChainMismatch, round, study.CurrentRound, study.RoundOpen)
	case threshold != study.Threshold:
		return nil, fmt.Errorf("%w: coordinator asks for threshold %d, the study's is %d", ErrChainMismatch, threshold, study.Threshold)
	case len(dealers) != int(threshold):
		return nil, fmt.Errorf("%w: %d dealers for threshold %d", ErrChainMismatch, len(dealers), threshold)
	case len(holders) < int(threshold):
		return nil, fmt.Errorf("%w: %d new holders for threshold %d", ErrChainMismatch, len(holders), threshold)
	}
	want := auth.ReshareSetHash(p.cfg.StudyID, round, threshold, dealers, holders)
	if common.BytesToHash(setHash) != want {
		return nil, fmt.Errorf("%w: re-sharing set hash %x, the task's dealers and holders give %s", ErrChainMismatch, setHash, want.Hex())
	}
	set := &reshareSet{setHash: want, dealers: map[common.Address]uint64{}, keys: map[uint64]*ecdsa.PublicKey{}, addrs: map[uint64]common.Address{}}
	seen := make(map[common.Address]bool, len(holders))
	good := func(addr common.Address) error {
		st, err := p.ledger.Participant(ctx, p.cfg.StudyID, addr)
		if err != nil {
			return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
		if st.Index == 0 || st.Left || st.Suspended {
			return fmt.Errorf("%w: %s takes part in the re-sharing but is not a participant in good standing of study %d", ErrChainMismatch, addr.Hex(), p.cfg.StudyID)
		}
		return nil
	}
	for _, d := range dealers {
		addr := common.BytesToAddress(d.GetAddress())
		if err := good(addr); err != nil {
			return nil, err
		}
		if _, dup := set.dealers[addr]; dup {
			return nil, fmt.Errorf("%w: dealer %s listed twice", ErrChainMismatch, addr.Hex())
		}
		set.dealers[addr] = d.GetPoint()
	}
	for _, h := range holders {
		addr := common.BytesToAddress(h.GetAddress())
		if err := good(addr); err != nil {
			return nil, err
		}
		pub, err := auth.ParsePublicKey(h.GetPublicKey(), addr)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrChainMismatch, err)
		}
		pt := h.GetPoint()
		if _, dup := set.keys[pt]; dup || seen[addr] {
			return nil, fmt.Errorf("%w: point %d or holder %s given twice", ErrChainMismatch, pt, addr.Hex())
		}
		set.keys[pt], set.addrs[pt], seen[addr] = pub, addr, true
		set.points = append(set.points, pt)
		if addr == p.Address() {
			set.own = pt
		}
	}
	return set, nil
}

// reshare deals this site's threshold share afresh to a new holder set, as
// one of the t dealers, each share sealed to its recipient and signed over
// the re-sharing's epoch and set hash.
func (p *Participant) reshare(ctx context.Context, t *cohortv1.ReshareTask) error {
	set, err := p.checkReshare(ctx, t.GetRound(), t.GetThreshold(), t.GetDealers(), t.GetHolders(), t.GetSetHash())
	if err != nil {
		return err
	}
	var shares map[uint64][]byte
	if mine, ok := set.dealers[p.Address()]; ok {
		if mine != p.point || p.point == 0 {
			return fmt.Errorf("%w: asked to deal at point %d, this site holds point %d", ErrChainMismatch, mine, p.point)
		}
		dealerPoints := make([]uint64, 0, len(set.dealers))
		for _, pt := range set.dealers {
			dealerPoints = append(dealerPoints, pt)
		}
		slices.Sort(dealerPoints)
		if shares, err = p.sealer.reshareShares(dealerPoints, int(t.GetThreshold()), set.points); err != nil {
			return fmt.Errorf("participant %s: re-sharing: %w", p.cfg.Name, err)
		}
	} else {
		// A member that joins deals its own key share to the new holders:
		// its updates are encrypted under it, and the holders must be able
		// to open aggregates that include them.
		if p.point != 0 || set.own == 0 {
			return fmt.Errorf("%w: asked to deal its own key, but this site already holds point %d or is not a new holder", ErrChainMismatch, p.point)
		}
		if shares, err = p.sealer.dealOwnKey(int(t.GetThreshold()), set.points); err != nil {
			return fmt.Errorf("participant %s: deal own key: %w", p.cfg.Name, err)
		}
		if err := p.saveSecrets(); err != nil {
			return err
		}
	}
	sub := &cohortv1.ReshareSharesSubmission{StudyId: p.cfg.StudyID, Round: t.GetRound(), SetHash: set.setHash.Bytes()}
	for _, pt := range set.points {
		sealed, err := auth.SealTo(set.keys[pt], shares[pt])
		if err != nil {
			return err
		}
		to := set.addrs[pt]
		signed, err := auth.Sign(p.key, p.cfg.StudyID, t.GetRound(), auth.KindReshareShare, auth.ReshareContent(to, set.setHash, sealed))
		if err != nil {
			return err
		}
		sub.Shares = append(sub.Shares, &cohortv1.EncryptedShare{Recipient: to.Bytes(), Ciphertext: sealed, Auth: signed})
	}
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.SubmitReshareShares(rpcCtx, sub); err != nil {
		return fmt.Errorf("participant %s: submit re-sharing shares: %w", p.cfg.Name, err)
	}
	p.log.Info("threshold share re-shared", "round", t.GetRound(), "holders", len(set.points))
	return nil
}

// reshareKey opens the re-sharing shares dealt to this site, checks that
// each is signed by a distinct dealer of the set for this epoch and set, and
// combines them into a new threshold share, kept pending (encrypted in the
// keystore) until the coordinator commits the re-sharing.
func (p *Participant) reshareKey(ctx context.Context, t *cohortv1.ReshareKeyTask) error {
	set, err := p.checkReshare(ctx, t.GetRound(), t.GetThreshold(), t.GetDealers(), t.GetHolders(), t.GetSetHash())
	if err != nil {
		return err
	}
	if set.own == 0 {
		return fmt.Errorf("%w: this site is not among the new share holders", ErrChainMismatch)
	}
	if len(t.GetShares()) < len(set.dealers) {
		return fmt.Errorf("%w: %d re-sharing shares for %d dealers", ErrChainMismatch, len(t.GetShares()), len(set.dealers))
	}
	holders := make(map[common.Address]bool, len(set.addrs))
	for _, a := range set.addrs {
		holders[a] = true
	}
	var reshared, dealt [][]byte
	var dealtBy []aggregation.PartyID
	from := make(map[common.Address]bool, len(t.GetShares()))
	for _, sh := range t.GetShares() {
		if common.BytesToAddress(sh.GetRecipient()) != p.Address() {
			return fmt.Errorf("%w: relayed a share addressed to %x", ErrChainMismatch, sh.GetRecipient())
		}
		dealer, err := auth.Verify(sh.GetAuth(), p.cfg.StudyID, t.GetRound(), auth.KindReshareShare, auth.ReshareContent(p.Address(), set.setHash, sh.GetCiphertext()))
		if err != nil {
			return fmt.Errorf("participant %s: re-sharing share: %w", p.cfg.Name, err)
		}
		_, isDealer := set.dealers[dealer]
		if !isDealer && !holders[dealer] {
			return fmt.Errorf("%w: re-sharing share from %s, who is neither a dealer nor a new holder", ErrChainMismatch, dealer.Hex())
		}
		if from[dealer] {
			return fmt.Errorf("%w: two re-sharing shares from dealer %s", ErrChainMismatch, dealer.Hex())
		}
		from[dealer] = true
		plain, err := auth.Open(p.key, sh.GetCiphertext())
		if err != nil {
			return fmt.Errorf("participant %s: re-sharing share from %s: %w", p.cfg.Name, dealer.Hex(), err)
		}
		if isDealer {
			reshared = append(reshared, plain)
		} else { // a new member's dealing of its own key
			dealt, dealtBy = append(dealt, plain), append(dealtBy, aggregation.DealerID(p.cfg.StudyID, dealer.Bytes()))
		}
	}
	if len(reshared) != len(set.dealers) {
		return fmt.Errorf("%w: %d re-sharing shares for %d dealers", ErrChainMismatch, len(reshared), len(set.dealers))
	}
	share, err := p.sealer.reshareKey(set.own, reshared, dealt, dealtBy)
	if err != nil {
		return fmt.Errorf("participant %s: re-sharing: %w", p.cfg.Name, err)
	}
	pending := pendingShare{epoch: t.GetRound(), setHash: set.setHash, share: share}
	if ks := p.cfg.Keystore; ks != nil {
		if err := replaceSecret(ks, p.pendingName(), pending.encode()); err != nil {
			return fmt.Errorf("participant %s: keep the pending threshold share: %w", p.cfg.Name, err)
		}
	}
	p.pending = &pending
	signed, err := auth.Sign(p.key, p.cfg.StudyID, t.GetRound(), auth.KindReshareKey, set.setHash)
	if err != nil {
		return err
	}
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.ConfirmReshareKey(rpcCtx, &cohortv1.ReshareKeyConfirmation{
		StudyId: p.cfg.StudyID, Round: t.GetRound(), SetHash: set.setHash.Bytes(), Auth: signed,
	}); err != nil {
		return fmt.Errorf("participant %s: confirm re-sharing: %w", p.cfg.Name, err)
	}
	p.log.Info("new threshold share received; pending until the coordinator commits", "round", t.GetRound(), "point", set.own)
	return nil
}

// errNoPendingShare reports a commit for a re-sharing this site holds no
// pending share of.
var errNoPendingShare = errors.New("participant: no pending threshold share for this re-sharing")

// reshareCommit puts the pending share of the committed re-sharing in
// force and erases the old threshold share from memory and the keystore,
// so a removed party's old share has nothing left to combine with. The
// member's own key share stays: it encrypts its updates. A commit already
// applied is ignored.
func (p *Participant) reshareCommit(t *cohortv1.ReshareCommitTask) error {
	setHash := common.BytesToHash(t.GetSetHash())
	if p.shareEpoch == t.GetRound() && p.shareSet == setHash {
		return nil
	}
	if p.pending == nil || p.pending.epoch != t.GetRound() || p.pending.setHash != setHash {
		return fmt.Errorf("participant %s: %w (round %d, set %s); this site keeps its old share and will be re-shared to again", p.cfg.Name, errNoPendingShare, t.GetRound(), setHash.Hex())
	}
	point, err := p.sealer.activate(p.pending.share)
	if err != nil {
		return err
	}
	if ks := p.cfg.Keystore; ks != nil {
		// Order matters for a crash: the pending entry goes last, so a
		// restarted node can always apply the commit again.
		steps := []func() error{
			func() error { return replaceSecret(ks, p.thresholdName(), p.pending.share) },
			func() error {
				return replaceSecret(ks, p.epochName(), pendingShare{epoch: t.GetRound(), setHash: setHash}.encode())
			},
			func() error { return deleteSecret(ks, p.pendingName()) },
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return fmt.Errorf("participant %s: replace the threshold share in the keystore: %w", p.cfg.Name, err)
			}
		}
	}
	p.point, p.shareEpoch, p.shareSet, p.pending = point, t.GetRound(), setHash, nil
	p.log.Info("re-sharing committed; old threshold share erased", "round", t.GetRound(), "point", point)
	return nil
}

// deleteSecret removes an entry if it exists.
func deleteSecret(ks *Keystore, name string) error {
	if err := ks.Delete(name); err != nil && !errors.Is(err, ErrNoSecret) {
		return err
	}
	return nil
}
