package coordinator

import (
	"crypto/ecdsa"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// holder is a share holder as a dealing task names it: its address, its
// Shamir point and the Ethereum key it joined with, which dealers seal its
// shares to.
type holder struct {
	addr  common.Address
	point uint64
	pub   *ecdsa.PublicKey
	// keyEpoch is, in a re-sharing, the key epoch of the fresh key the
	// holder deals of its own (it lost its key): see reshare.freshKeys.
	keyEpoch uint32
}

func (h holder) wire() *cohortv1.ShareHolder {
	return &cohortv1.ShareHolder{Address: h.addr.Bytes(), Point: h.point, PublicKey: crypto.FromECDSAPub(h.pub), KeyEpoch: h.keyEpoch}
}

// thresholdDealStep is the threshold-deal phase: every member Shamir-shares
// its secret-key share among the holders (all members, or the study's
// decryption committee), each share sealed to its recipient, so that any t
// of the holders can decrypt.
type thresholdDealStep struct {
	*phase
	study     uint64
	threshold int
	dealers   []common.Address
	holders   []holder
	// maxShareBytes is the most one share of a dealing may take: a sealed
	// share of one key to the holders (boundShares); 0 bounds nothing.
	maxShareBytes int
}

// newThresholdDealStep has every holder deal to every holder.
func newThresholdDealStep(study uint64, threshold int, holders []holder) *thresholdDealStep {
	addrs := make([]common.Address, len(holders))
	for i, h := range holders {
		addrs[i] = h.addr
	}
	return newCommitteeDealStep(study, threshold, addrs, holders)
}

// newCommitteeDealStep has every dealer (every member) deal to the holders
// (the committee): n·c shares.
func newCommitteeDealStep(study uint64, threshold int, dealers []common.Address, holders []holder) *thresholdDealStep {
	return &thresholdDealStep{phase: newPhase(protocol.ThresholdDeal, 0, dealers), study: study, threshold: threshold, dealers: dealers, holders: holders}
}

// boundShares bounds each share of a dealing by what a sealed share of
// one key to the holders takes at scheme's parameters
// (protocol.SealedShareBytes), and returns s. Each holder is relayed one
// share from every dealer in one message: unbounded, one dealer's share
// could make a holder's relay exceed MaxMessageBytes, so that the holder
// never had its shares and key generation stalled blaming it.
func (s *thresholdDealStep) boundShares(scheme *aggregation.Scheme) *thresholdDealStep {
	s.maxShareBytes = protocol.SealedShareBytes(scheme, 1, len(s.holders), 0)
	return s
}

// holderAddrs lists the holders, who confirm in the next phase.
func (s *thresholdDealStep) holderAddrs() []common.Address {
	out := make([]common.Address, len(s.holders))
	for i, h := range s.holders {
		out[i] = h.addr
	}
	return out
}

// start asks every dealer to deal.
func (s *thresholdDealStep) start() ready {
	task := &cohortv1.ThresholdTask{StudyId: s.study, Threshold: uint32(s.threshold)}
	for _, h := range s.holders {
		task.Holders = append(task.Holders, h.wire())
	}
	return s.ask(s.dealers, &cohortv1.Task{Kind: &cohortv1.Task_Threshold{Threshold: task}})
}

// receive checks a dealing: every share signed by one dealer, one share per
// holder, to exactly the holders, each within maxShareBytes.
func (s *thresholdDealStep) receive(req *cohortv1.ThresholdSharesSubmission) (ready, error) {
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	if got, want := len(req.GetShares()), len(s.holders); got != want {
		// counted before the shares' signatures are checked, one each
		return ready{}, fmt.Errorf("%w: %d shares for %d holders", ErrMalformed, got, want)
	}
	dealer, recipients, err := dealtBy(req.GetShares(), func(to common.Address, sh *cohortv1.EncryptedShare) (common.Address, error) {
		return auth.Verify(sh.GetAuth(), s.study, 0, auth.KindThresholdShare, auth.ShareContent(to, sh.GetCiphertext()))
	})
	if err != nil {
		return ready{}, err
	}
	for _, sh := range req.GetShares() {
		if n := len(sh.GetCiphertext()); s.maxShareBytes > 0 && n > s.maxShareBytes {
			return ready{}, fmt.Errorf("%w: %s's share to %s is %d bytes; a sealed share of one key to %d holders takes at most %d",
				ErrTooLarge, dealer.Hex(), common.BytesToAddress(sh.GetRecipient()).Hex(), n, len(s.holders), s.maxShareBytes)
		}
	}
	holders := make(map[common.Address]bool, len(s.holders))
	for _, h := range s.holders {
		holders[h.addr] = true
	}
	if err := exactRecipients(recipients, holders, "holds none"); err != nil {
		return ready{}, err
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: dealer, data: raw}}, nil
}

// finish hands each holder the shares dealt to it: the confirm phase.
func (s *thresholdDealStep) finish(pkHash common.Hash) (*thresholdConfirmStep, error) {
	_, subs := s.answers(s.dealers)
	inbox, err := shareInbox(subs, func(raw []byte) ([]*cohortv1.EncryptedShare, error) {
		var sub cohortv1.ThresholdSharesSubmission
		err := proto.Unmarshal(raw, &sub)
		return sub.GetShares(), err
	})
	if err != nil {
		return nil, fmt.Errorf("coordinator: threshold shares: %w", err)
	}
	return &thresholdConfirmStep{phase: newPhase(protocol.ThresholdConfirm, 0, s.holderAddrs()), study: s.study, pkHash: pkHash, inbox: inbox}, nil
}

// thresholdConfirmStep is the threshold-confirm phase: each holder gets the
// shares dealt to it and confirms it holds its threshold share of the key
// whose hash is pkHash. With a dealing check (check), each holder also
// gives its shares of the check; a step with an empty inbox asks for the
// check alone.
type thresholdConfirmStep struct {
	*phase
	study  uint64
	pkHash common.Hash
	inbox  map[common.Address][]*cohortv1.EncryptedShare
	check  *dealingCheckAsk
	points map[common.Address]uint64 // the holders' points, to check their check shares
}

// dealingCheckAsk is the dealing check a confirm step asks the holders
// for: the dealers' check weighted by seed, decrypted by each of sets.
type dealingCheckAsk struct {
	seed    [32]byte
	dealers []common.Address
	sets    [][]aggregation.ShamirPoint
	// joiners are, in a re-sharing, the members that dealt their own keys
	// in it: each key is checked alone, after the dealers' (whose check
	// is left out if they are none).
	joiners []common.Address
	// resharers are, in the bisection of a re-sharing's failed check, the
	// re-sharing's dealers whose part of the pending shares is asked
	// (without joiners); none: the whole pending shares.
	resharers []common.Address
}

// checks is how many checks the holders answer: the dealers' (if any)
// and one per joiner.
func (c *dealingCheckAsk) checks() int {
	if c == nil {
		return 0
	}
	n := len(c.joiners)
	if len(c.dealers) > 0 {
		n++
	}
	return n
}

// wire is the check as a ThresholdKeyTask asks it (the same fields a
// ReshareKeyTask carries).
func (c *dealingCheckAsk) wire() *cohortv1.ThresholdKeyTask {
	task := &cohortv1.ThresholdKeyTask{DealingCheckSeed: c.seed[:]}
	for _, d := range c.dealers {
		task.DealingCheckDealers = append(task.DealingCheckDealers, d.Bytes())
	}
	for _, set := range c.wirePoints() {
		task.DealingCheckSets = append(task.DealingCheckSets, &cohortv1.PointSet{Points: set})
	}
	return task
}

// checkAnswer checks that a holder at point own answered the check (nil:
// none asked, none due) with one share for each set that holds own, made
// at own for that set, for each of the checks asked in turn.
func (c *dealingCheckAsk) checkAnswer(from common.Address, own aggregation.ShamirPoint, shares [][]byte) error {
	var mine, want [][]aggregation.ShamirPoint
	if c != nil {
		for _, set := range c.sets {
			if slices.Contains(set, own) {
				mine = append(mine, set)
			}
		}
	}
	for range c.checks() {
		want = append(want, mine...)
	}
	if len(shares) != len(want) {
		return fmt.Errorf("%w: %d dealing-check shares from %s, want %d: its point %d is in %d of the check's sets, and %d checks are asked", ErrMalformed, len(shares), from.Hex(), len(want), own, len(mine), c.checks())
	}
	for i, sh := range shares {
		point, set, err := aggregation.ThresholdShareOrigin(sh)
		if err != nil || point != own || !slices.Equal(set, want[i]) {
			return fmt.Errorf("%w: dealing-check share %d from %s is not its share at point %d for set %v", ErrMalformed, i, from.Hex(), own, want[i])
		}
	}
	return nil
}

// checkSigned checks the holder at point signed its dealing-check answer
// (auth.DealingCheckContent): the evidence of the verdict.
func (c *dealingCheckAsk) checkSigned(study uint64, pkHash common.Hash, from common.Address, point uint64, req *cohortv1.ThresholdKeyConfirmation) error {
	signer, err := auth.Verify(req.GetDealingCheckAuth(), study, 0, auth.KindDealingCheck, auth.DealingCheckContent(pkHash, c.seed, point, c.dealers, c.wirePoints(), req.GetDealingCheckShares()))
	if err != nil {
		return fmt.Errorf("dealing-check shares from %s: %w", from.Hex(), err)
	}
	if signer != from {
		return fmt.Errorf("%w: dealing-check shares from %s signed by %s", auth.ErrBadSignature, from.Hex(), signer.Hex())
	}
	return nil
}

// wirePoints returns the check's sets as plain points.
func (c *dealingCheckAsk) wirePoints() [][]uint64 {
	out := make([][]uint64, len(c.sets))
	for i, set := range c.sets {
		for _, p := range set {
			out[i] = append(out[i], uint64(p))
		}
	}
	return out
}

// signedAnswers returns each holder's signed dealing-check answer, for
// the evidence.
func (s *thresholdConfirmStep) signedAnswers() (DealingAnswers, error) {
	from, subs := s.answers(sortedAddresses(keys(s.want)))
	out := DealingAnswers{Dealers: s.check.dealers}
	for i, raw := range subs {
		var conf cohortv1.ThresholdKeyConfirmation
		if err := proto.Unmarshal(raw, &conf); err != nil {
			return DealingAnswers{}, err
		}
		out.Answers = append(out.Answers, SignedDealingAnswers{Holder: from[i], Shares: conf.GetDealingCheckShares(), Signature: conf.GetDealingCheckAuth().GetSignature()})
	}
	return out, nil
}

// start relays to each holder its shares.
func (s *thresholdConfirmStep) start() ready {
	var rd ready
	for _, a := range sortedAddresses(keys(s.want)) {
		task := &cohortv1.ThresholdKeyTask{StudyId: s.study, Shares: s.inbox[a]}
		if s.check != nil {
			wire := s.check.wire()
			task.DealingCheckSeed, task.DealingCheckDealers, task.DealingCheckSets = wire.DealingCheckSeed, wire.DealingCheckDealers, wire.DealingCheckSets
		}
		rd = rd.merge(s.ask([]common.Address{a}, &cohortv1.Task{Kind: &cohortv1.Task_ThresholdKey{ThresholdKey: task}}))
	}
	return rd
}

// receive checks a confirmation is signed over the collective key's hash
// and, with a dealing check, that it holds one check share for each set
// that holds the holder's point, made at that point for that set.
func (s *thresholdConfirmStep) receive(req *cohortv1.ThresholdKeyConfirmation) (ready, error) {
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	addr, err := auth.Verify(req.GetAuth(), s.study, 0, auth.KindThresholdKey, crypto.Keccak256Hash(s.pkHash.Bytes()))
	if err != nil {
		return ready{}, err
	}
	if s.check == nil {
		return ready{record: &answer{from: addr}}, nil
	}
	if err := s.check.checkAnswer(addr, aggregation.ShamirPoint(s.points[addr]), req.GetDealingCheckShares()); err != nil {
		return ready{}, err
	}
	if err := s.check.checkSigned(s.study, s.pkHash, addr, s.points[addr], req); err != nil {
		return ready{}, err
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: raw}}, nil
}

// checkShares returns every dealing-check share the holders gave, each
// of which must be of the check asked, whose hash is check.
func (s *thresholdConfirmStep) checkShares(check common.Hash) ([]*aggregation.DecryptionShare, error) {
	from, subs := s.answers(sortedAddresses(keys(s.want)))
	var out []*aggregation.DecryptionShare
	for i, raw := range subs {
		var conf cohortv1.ThresholdKeyConfirmation
		if err := proto.Unmarshal(raw, &conf); err != nil {
			return nil, err
		}
		var mine []*aggregation.DecryptionShare
		for _, b := range conf.GetDealingCheckShares() {
			ds := new(aggregation.DecryptionShare)
			if err := ds.UnmarshalBinary(b); err != nil {
				return nil, fmt.Errorf("%w: dealing-check share from %s: %v", ErrMalformed, from[i].Hex(), err)
			}
			mine = append(mine, ds)
		}
		if err := ofChecksAsked(from[i], mine, []common.Hash{check}); err != nil {
			return nil, err
		}
		out = append(out, mine...)
	}
	return out, nil
}

// dealtBy checks a dealer's encrypted shares: each verified by verify, all
// signed by one dealer, one per recipient. It returns the dealer and the
// recipients.
func dealtBy(shares []*cohortv1.EncryptedShare, verify func(to common.Address, sh *cohortv1.EncryptedShare) (common.Address, error)) (common.Address, map[common.Address]bool, error) {
	if len(shares) == 0 {
		return common.Address{}, nil, fmt.Errorf("%w: no shares", ErrMalformed)
	}
	var dealer common.Address
	recipients := make(map[common.Address]bool, len(shares))
	for i, sh := range shares {
		to := common.BytesToAddress(sh.GetRecipient())
		from, err := verify(to, sh)
		if err != nil {
			return common.Address{}, nil, err
		}
		if i > 0 && from != dealer {
			return common.Address{}, nil, fmt.Errorf("%w: shares signed by %s and %s in one submission", ErrMalformed, dealer.Hex(), from.Hex())
		}
		if recipients[to] {
			return common.Address{}, nil, fmt.Errorf("%w: two shares for %s", ErrMalformed, to.Hex())
		}
		dealer, recipients[to] = from, true
	}
	return dealer, recipients, nil
}

// exactRecipients checks a dealing goes to exactly the holders in want;
// outsider says what a recipient outside them is.
func exactRecipients(recipients, want map[common.Address]bool, outsider string) error {
	if len(recipients) != len(want) {
		return fmt.Errorf("%w: %d shares for %d holders", ErrMalformed, len(recipients), len(want))
	}
	for r := range recipients {
		if !want[r] {
			return fmt.Errorf("%w: share for %s, who %s", ErrMalformed, r.Hex(), outsider)
		}
	}
	return nil
}

// shareInbox sorts the dealt shares by recipient.
func shareInbox(subs [][]byte, shares func(raw []byte) ([]*cohortv1.EncryptedShare, error)) (map[common.Address][]*cohortv1.EncryptedShare, error) {
	inbox := make(map[common.Address][]*cohortv1.EncryptedShare)
	for _, raw := range subs {
		list, err := shares(raw)
		if err != nil {
			return nil, err
		}
		for _, sh := range list {
			to := common.BytesToAddress(sh.GetRecipient())
			inbox[to] = append(inbox[to], sh)
		}
	}
	return inbox, nil
}

// keys returns a set's members.
func keys(set map[common.Address]bool) []common.Address {
	out := make([]common.Address, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	return out
}
