package coordinator

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/protocol"
)

// ErrInconsistentDealing ends threshold key generation, or a re-sharing
// before it is committed, when the dealing check
// (aggregation.CheckDealingSets) shows that a hospital dealt threshold
// shares that are not of the key behind its public-key share, or that
// some holders' shares are wrong: every aggregate including that
// hospital, or decrypted by those holders, would decrypt to noise. The
// error names them and says what to do.
var ErrInconsistentDealing = errors.New("coordinator: a threshold dealing is inconsistent")

// pkSharesState names the state that keeps the public-key shares key
// generation combined: a coordinator restarted before round 1 deals the
// threshold key again and checks the dealings against them.
const pkSharesState = "public-key-shares"

// keyEpochsState names the state that keeps the members' key epochs
// other than 0 (JSON, by address): a member that came back without its
// key dealt a fresh one under the next epoch (reshare.freshKeys), and its
// updates name that key's dealer id (aggregation.DealerIDAt). Absent: every
// member's key is of epoch 0.
const keyEpochsState = "key-epochs"

// pkShareSigsState names the state that keeps the members' signatures of
// their public-key shares, for the dealing check's evidence.
const pkShareSigsState = "public-key-share-signatures"

// pkShareRoundsState names the state that keeps, for each member that
// joined after key generation, the round its public-key share is signed
// for (its re-sharing's); a member missing from it signed for round 0.
const pkShareRoundsState = "public-key-share-rounds"

// encodePKShareRounds encodes rounds as encodePKShares does, each round
// 4 bytes big-endian.
func encodePKShareRounds(rounds map[common.Address]uint32) []byte {
	out := make(map[common.Address][]byte, len(rounds))
	for a, r := range rounds {
		out[a] = binary.BigEndian.AppendUint32(nil, r)
	}
	return encodePKShares(out)
}

// decodePKShareRounds reads what encodePKShareRounds wrote.
func decodePKShareRounds(raw []byte) (map[common.Address]uint32, error) {
	encoded, err := decodePKShares(raw)
	if err != nil {
		return nil, err
	}
	out := make(map[common.Address]uint32, len(encoded))
	for a, b := range encoded {
		if len(b) != 4 {
			return nil, fmt.Errorf("coordinator: state %s: a round of %d bytes, want 4", pkShareRoundsState, len(b))
		}
		out[a] = binary.BigEndian.Uint32(b)
	}
	return out, nil
}

// pkShareState is the state that keeps the public-key shares, their
// signatures and the rounds they are signed for.
func pkShareState(shares, sigs map[common.Address][]byte, rounds map[common.Address]uint32) []keptState {
	return []keptState{
		{name: pkSharesState, data: encodePKShares(shares)},
		{name: pkShareSigsState, data: encodePKShares(sigs)},
		{name: pkShareRoundsState, data: encodePKShareRounds(rounds)},
	}
}

// signedPKShare is the kept public-key share of d as d signed it (the
// caller holds c.mu).
func (c *Coordinator) signedPKShare(d common.Address) SignedPKShare {
	return SignedPKShare{Dealer: d, Share: c.pkShares[d], Signature: c.pkShareSigs[d], Round: c.pkShareRounds[d]}
}

// encodePKShares encodes shares by member, sorted: address, length, share.
func encodePKShares(shares map[common.Address][]byte) []byte {
	var out []byte
	for _, a := range sortedAddresses(slices.Collect(maps.Keys(shares))) {
		out = append(out, a.Bytes()...)
		out = binary.BigEndian.AppendUint32(out, uint32(len(shares[a])))
		out = append(out, shares[a]...)
	}
	return out
}

// decodePKShares reads what encodePKShares wrote.
func decodePKShares(raw []byte) (map[common.Address][]byte, error) {
	out := map[common.Address][]byte{}
	for len(raw) > 0 {
		if len(raw) < common.AddressLength+4 {
			return nil, fmt.Errorf("coordinator: state %s: truncated", pkSharesState)
		}
		a := common.BytesToAddress(raw[:common.AddressLength])
		n := int(binary.BigEndian.Uint32(raw[common.AddressLength:]))
		raw = raw[common.AddressLength+4:]
		if n > len(raw) {
			return nil, fmt.Errorf("coordinator: state %s: truncated", pkSharesState)
		}
		out[a], raw = raw[:n], raw[n:]
	}
	return out, nil
}

// restorePKShares reads the public-key shares a run before the restart
// kept; a store without them (kept by an older coordinator) leaves the
// dealing check skipped.
func (c *Coordinator) restorePKShares() error {
	raw, err := c.store.ReadState(pkSharesState)
	if errors.Is(err, ErrBlobNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	shares, err := decodePKShares(raw)
	if err != nil {
		return err
	}
	// Without the signatures (kept by an older coordinator) a failed
	// check's evidence cannot show the public-key shares signed.
	var sigs map[common.Address][]byte
	if raw, err := c.store.ReadState(pkShareSigsState); err == nil {
		if sigs, err = decodePKShares(raw); err != nil {
			return err
		}
	} else if !errors.Is(err, ErrBlobNotFound) {
		return err
	}
	var rounds map[common.Address]uint32
	if raw, err := c.store.ReadState(pkShareRoundsState); err == nil {
		if rounds, err = decodePKShareRounds(raw); err != nil {
			return err
		}
	} else if !errors.Is(err, ErrBlobNotFound) {
		return err
	}
	var epochs map[common.Address]uint32
	if raw, err := c.store.ReadState(keyEpochsState); err == nil {
		if err := json.Unmarshal(raw, &epochs); err != nil {
			return fmt.Errorf("coordinator: the kept key epochs are unreadable (%v); restore the store's state-%s", err, keyEpochsState)
		}
	} else if !errors.Is(err, ErrBlobNotFound) {
		return err
	}
	c.mu.Lock()
	c.pkShares, c.pkShareSigs, c.pkShareRounds, c.keyEpochs = shares, sigs, rounds, epochs
	c.mu.Unlock()
	return nil
}

// dealingCheckSeed draws the dealing check's weights from the collective
// key's hash and every dealer's submission, in dealer order: fixed once
// every dealing is, so that no dealer chose its shares knowing them.
func dealingCheckSeed(pkHash common.Hash, dealings [][]byte) [32]byte {
	parts := [][]byte{[]byte("cohort/coordinator/dealing-check-seed/v1"), pkHash.Bytes()}
	for _, d := range dealings {
		parts = append(parts, crypto.Keccak256(d))
	}
	return aggregation.CommonSeed(parts...)
}

// prepareDealingCheck sets confirm to ask the holders for the dealing
// check of every dealer, if this run made the key (it has the public-key
// shares) and the study is encrypted; it reports whether it did.
func (c *Coordinator) prepareDealingCheck(confirm *thresholdConfirmStep, deal *thresholdDealStep, dealers []common.Address, holders []holder) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scheme == nil {
		return false, nil
	}
	for _, d := range dealers {
		if _, ok := c.pkShares[d]; !ok {
			c.log.Warn("dealing check skipped: the public-key share of a dealer is not kept (the key was made by an older coordinator)", "study", c.cfg.StudyID, "dealer", d.Hex())
			return false, nil
		}
	}
	_, dealings := deal.answers(dealers)
	points := make([]aggregation.ShamirPoint, len(holders))
	confirm.points = make(map[common.Address]uint64, len(holders))
	for i, h := range holders {
		points[i] = aggregation.ShamirPoint(h.point)
		confirm.points[h.addr] = h.point
	}
	sets, err := aggregation.DealingCheckSets(points, deal.threshold)
	if err != nil {
		return false, err
	}
	confirm.check = &dealingCheckAsk{seed: dealingCheckSeed(confirm.pkHash, dealings), dealers: dealers, sets: sets}
	return true, nil
}

// checkDealings judges the dealing check the holders answered in confirm:
// if it fails, it asks them again for halves of the dealers until it
// names the inconsistent ones (aggregation.FindInconsistentDealers), and
// returns ErrInconsistentDealing naming them, or the holders whose shares
// alone fail.
func (c *Coordinator) checkDealings(ctx context.Context, confirm *thresholdConfirmStep) error {
	ask := confirm.check
	pk, shares, err := c.dealingCheckKeys(confirm.pkHash, ask.dealers)
	if err != nil {
		return err
	}
	byID := make(map[aggregation.PartyID]common.Address, len(ask.dealers))
	ids := make([]aggregation.PartyID, len(ask.dealers))
	pkShares := make(map[aggregation.PartyID]*aggregation.PublicKeyShare, len(ask.dealers))
	for i, d := range ask.dealers {
		ids[i] = aggregation.DealerID(c.cfg.StudyID, d.Bytes())
		byID[ids[i]], pkShares[ids[i]] = d, shares[i]
	}
	checks := 0
	var asked []DealingAnswers
	verdict := func(subset []aggregation.PartyID) (aggregation.DealingVerdict, error) {
		checks++
		var of []*aggregation.PublicKeyShare
		var addrs []common.Address
		for _, id := range subset {
			of, addrs = append(of, pkShares[id]), append(addrs, byID[id])
		}
		check, err := c.scheme.NewDealingCheck(pk, ask.seed, of)
		if err != nil {
			return aggregation.DealingVerdict{}, err
		}
		step := confirm
		if len(subset) != len(ask.dealers) {
			if step, err = c.askDealingCheck(ctx, confirm, addrs); err != nil {
				return aggregation.DealingVerdict{}, err
			}
		}
		c.mu.Lock()
		shares, err := step.checkShares(check.Hash())
		answers, errSigned := step.signedAnswers()
		c.mu.Unlock()
		if err = errors.Join(err, errSigned); err != nil {
			return aggregation.DealingVerdict{}, err
		}
		asked = append(asked, answers)
		return c.scheme.CheckDealingSets(check, shares)
	}
	bad, partial, err := aggregation.FindInconsistentDealers(ids, verdict)
	if err != nil {
		return fmt.Errorf("coordinator: dealing check: %w", err)
	}
	// With no dealer at fault, the holders' shares passed (those of the
	// holders suspected apart): a restart once hospitals or those holders
	// left re-shares among the holders that stay. Kept at every verdict,
	// so that none of an earlier dealing outlives it.
	suspectHolders := partial
	if len(bad) > 0 {
		suspectHolders = nil
	}
	if err := c.keepDealingVerdict(confirm.pkHash, len(bad) == 0, atPointsOf(confirm.points, suspectHolders)); err != nil {
		return err
	}
	if len(bad) == 0 && len(partial) == 0 {
		c.log.Info("threshold dealings checked", "dealers", len(ids), "decryption_sets", len(ask.sets), "checks", checks)
		return nil
	}
	named := c.namedDealings(confirm, ids, byID, bad, partial, checks)
	ev := c.dealingEvidence(confirm, asked, byID, bad, partial)
	where, evidence := c.keepDealingEvidence(confirm.pkHash, ev)
	if err := c.keepDealersAtFault(confirm.pkHash, len(ids), ev.Verdict, evidence); err != nil {
		return err
	}
	return fmt.Errorf("%w. %s", named, where)
}

// dealingVerdictStateName names the verdict of the dealing check at key
// generation, in the store's state ("holders-at-fault" when it kept the
// suspected holders only).
const dealingVerdictStateName = "holders-at-fault"

// dealingVerdict is the verdict of the dealing check at key generation:
// whether every dealer's dealing passed, and the holders it suspects
// (every dealer's check passing in the sets without them).
type dealingVerdict struct {
	PublicKeyHash common.Hash      `json:"public_key_hash"`
	Holders       []common.Address `json:"holders"`
	// DealersConsistent: no dealer was found at fault. A verdict kept
	// before it existed counts as consistent when it suspects holders
	// (no dealer at fault then either).
	DealersConsistent bool `json:"dealers_consistent,omitempty"`
	// AtFault are the dealers found at fault and Evidence the blob of the
	// evidence naming them (dealersAtFaultLeft re-checks it).
	AtFault  []common.Address `json:"dealers_at_fault,omitempty"`
	Evidence common.Hash      `json:"evidence,omitempty"`
}

// keepDealingVerdict keeps the verdict of the dealing check of the key
// pkHash; a dealing about to start keeps an empty one (not consistent),
// so that a restart before its own verdict does not rely on an earlier
// one.
func (c *Coordinator) keepDealingVerdict(pkHash common.Hash, consistent bool, suspects []common.Address) error {
	raw, err := json.Marshal(dealingVerdict{PublicKeyHash: pkHash, Holders: suspects, DealersConsistent: consistent})
	if err != nil {
		return err
	}
	return c.store.WriteState(dealingVerdictStateName, raw)
}

// atPointsOf are the holders (of points) the partial dealings suspect,
// each once.
func atPointsOf(points map[common.Address]uint64, partial []aggregation.PartialDealing) []common.Address {
	var holders []common.Address
	for _, p := range partial {
		for _, a := range atPoints(points, p.Suspects) {
			if !slices.Contains(holders, a) {
				holders = append(holders, a)
			}
		}
	}
	return holders
}

// dealingStands reports whether the kept dealing check of the key pkHash
// passed for every dealer and every holder it suspected has left the
// study (participants: the chain's): the shares of the holders that stay
// passed, so whoever left, the key is re-shared among them instead of
// dealt again. withSuspects tells whether it suspected any holder.
func (c *Coordinator) dealingStands(pkHash common.Hash, participants []common.Address) (stands, withSuspects bool, err error) {
	raw, err := c.store.ReadState(dealingVerdictStateName)
	if errors.Is(err, ErrBlobNotFound) {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	var st dealingVerdict
	if err := json.Unmarshal(raw, &st); err != nil {
		return false, false, fmt.Errorf("coordinator: the kept %s state is unreadable (%v)", dealingVerdictStateName, err)
	}
	if st.PublicKeyHash != pkHash || len(st.AtFault) > 0 || !(st.DealersConsistent || len(st.Holders) > 0) {
		return false, false, nil
	}
	for _, h := range st.Holders {
		if slices.Contains(participants, h) {
			return false, true, nil
		}
	}
	return true, len(st.Holders) > 0, nil
}

// namedDealings is the error naming the dealers (bad) and the holders
// (partial) a failed dealing check found, and what to do.
func (c *Coordinator) namedDealings(confirm *thresholdConfirmStep, ids []aggregation.PartyID, byID map[aggregation.PartyID]common.Address, bad []aggregation.PartyID, partial []aggregation.PartialDealing, checks int) error {
	ask := confirm.check
	c.mu.Lock()
	defer c.mu.Unlock()
	hospital := func(id aggregation.PartyID) string { return fmt.Sprintf("%s (%s)", c.nameOf(byID[id]), byID[id].Hex()) }
	holdersAt := func(points []aggregation.ShamirPoint) string {
		return strings.Join(c.holdersAtPoints(confirm.points, points), ", ")
	}
	if len(bad) == len(ids) && len(ids) > 1 {
		// Every dealer spoiling its own shares is less likely than one
		// holder of every set lying (with one set, it cannot be told).
		var sets []string
		for _, set := range ask.sets {
			sets = append(sets, holdersAt(set))
		}
		return fmt.Errorf("coordinator: threshold key generation: %w (%w): the dealing check of every hospital's key failed in every decryption set (%d checks): a holder in each of them (%s) gave wrong dealing-check shares, or every hospital dealt inconsistent shares; with this few holders the check cannot tell which. %s Create a new study with a threshold below its number of hospitals (spare holders let the check tell a lying holder from the dealers), or without the holder you hold at fault (cohort study create; the other hospitals join it)",
			ErrInconsistentDealing, aggregation.ErrInconsistentDealing, checks, strings.Join(sets, "; "), cannotGoOn)
	}
	if len(bad) > 0 && len(ask.sets) == 1 {
		// A holder of the only set lying about its shares of one key
		// fails that key's check in every set too (keyGenFinding).
		var named []string
		for _, id := range bad {
			named = append(named, hospital(id))
		}
		return fmt.Errorf("coordinator: threshold key generation: %w (%w): the dealing check of the key of %s failed in the only decryption set (%d checks): with exactly the threshold (%d) of holders there is one set, so either that hospital dealt threshold shares that are not shares of its key, or a holder of the set (%s) lies about its shares of that key, and the check cannot tell which. The verdict names them all as suspects and none at fault: do not exclude the hospital on it alone. %s Create a new study with at least %d holders (a threshold below its number of hospitals, or a larger decryption committee), so that spare decryption sets tell a lying holder from a dealer, or let the members decide who is at fault out of band",
			ErrInconsistentDealing, aggregation.ErrInconsistentDealing, strings.Join(named, ", "), checks, len(ask.sets[0]), holdersAt(ask.sets[0]), cannotGoOn, len(ask.sets[0])+1)
	}
	if len(bad) > 0 {
		var named, addrs []string
		for _, id := range bad {
			named, addrs = append(named, hospital(id)), append(addrs, byID[id].Hex())
		}
		return fmt.Errorf("coordinator: threshold key generation: %w (%w): %s dealt threshold shares that are not shares of the key behind its public-key share: the dealing check of its key failed in every one of the %d decryption sets of holders (%d checks). Every aggregate including it would decrypt to noise, so the study cannot start on these shares. %s",
			ErrInconsistentDealing, aggregation.ErrInconsistentDealing, strings.Join(named, ", "), len(ask.sets), checks, c.dealerRemoval(confirm, addrs))
	}
	if len(partial) == len(ids) && len(ids) > 1 && allSuspect(partial) {
		// A dealer spoils the shares of its own key only.
		return fmt.Errorf("coordinator: threshold key generation: %w (%w): the dealing check of every hospital's key fails exactly in the decryption sets holding %s, and passes in the others (%d checks): that holder gave wrong dealing-check shares. Decryptions with it would fail. %s",
			ErrInconsistentDealing, aggregation.ErrInconsistentDealing, holdersAt(partial[0].Suspects), checks, c.holderRemoval(confirm, partial))
	}
	var named []string
	for _, p := range partial {
		named = append(named, fmt.Sprintf("%s's, held by %s", hospital(p.Dealer), holdersAt(p.Suspects)))
	}
	return fmt.Errorf("coordinator: threshold key generation: %w (%w): some shares of a hospital's key are wrong (%s): that hospital's dealing check fails in the decryption sets holding them and passes in the others (%d checks), so the hospital dealt its shares wrong or the holder lies about them, which the check cannot tell apart. Decryptions of that hospital's updates with that holder would fail. If you hold the holder at fault: %s. If you hold the hospital at fault: %s Create a new study without it (cohort study create; the other hospitals join it)",
		ErrInconsistentDealing, aggregation.ErrInconsistentDealing, strings.Join(named, "; "), checks, c.holderRemoval(confirm, partial), cannotGoOn)
}

// holderRemoval is the advice on removing the holders the partial dealings
// of a failed dealing check at key generation point at. Without a
// committee, and with at least the threshold of holders staying, a
// restart once they are excluded re-shares the key among those that stay
// (dealBeforeRoundOne); otherwise it takes a new study. The caller holds
// c.mu.
func (c *Coordinator) holderRemoval(confirm *thresholdConfirmStep, partial []aggregation.PartialDealing) string {
	var suspects []aggregation.ShamirPoint
	for _, p := range partial {
		suspects = append(suspects, p.Suspects...)
	}
	addrs := addressesAtPoints(confirm.points, suspects)
	switch {
	case c.committee:
		return cannotGoOn + " " + c.newStudyWithout(addrs)
	case len(confirm.points)-len(addrs) < c.threshold:
		return fmt.Sprintf("Fewer than the study's threshold (%d) of holders would stay to re-share the key without it, so this study cannot go on without it. %s", c.threshold, c.newStudyWithout(addrs))
	}
	return fmt.Sprintf("Remove it from the study (%s, with %s), once each member has re-checked this verdict from its evidence, and start the coordinator again: the holders that stay keep their shares, which passed the check, and re-share the key among themselves before round 1",
		c.exclusion(), strings.Join(addrs, " and then "))
}

// dealingEvidence gathers what the verdict (bad, partial) rests on: the
// dealers' signed public-key shares and the holders' signed answers to
// every check asked.
func (c *Coordinator) dealingEvidence(confirm *thresholdConfirmStep, asked []DealingAnswers, byID map[aggregation.PartyID]common.Address, bad []aggregation.PartyID, partial []aggregation.PartialDealing) *DealingEvidence {
	ask := confirm.check
	ev := &DealingEvidence{Study: c.cfg.StudyID, PublicKeyHash: confirm.pkHash, Seed: ask.seed, Sets: ask.wirePoints(), Checks: asked}
	ev.Verdict = keyGenFinding(byID, bad, partial, ev.Sets)
	c.mu.Lock()
	for _, a := range sortedAddresses(slices.Collect(maps.Keys(confirm.points))) {
		ev.Holders = append(ev.Holders, DealingHolder{Address: a, Point: confirm.points[a]})
	}
	for _, d := range ask.dealers {
		ev.Dealers = append(ev.Dealers, c.signedPKShare(d))
	}
	c.mu.Unlock()
	return ev
}

// keepDealingEvidence re-checks the evidence as a hospital would
// (VerifyDealingVerdict), stores it as a blob and says where it is; it
// returns the blob's hash too (zero if it was not kept).
func (c *Coordinator) keepDealingEvidence(pkHash common.Hash, ev *DealingEvidence) (string, common.Hash) {
	pk, err := c.store.Get(pkHash)
	if err == nil {
		err = VerifyDealingVerdict(c.scheme, pk, ev)
	}
	var raw []byte
	if err == nil {
		raw, err = ev.Marshal()
	}
	var h common.Hash
	if err == nil {
		h, err = c.store.Put(raw)
	}
	if err != nil {
		c.log.Error("dealing-check evidence not kept", "study", c.cfg.StudyID, "err", err)
		return fmt.Sprintf("The verdict's evidence could not be kept (%v): hospitals cannot re-check it", err), common.Hash{}
	}
	c.log.Info("dealing-check evidence kept", "study", c.cfg.StudyID, "blob", h.Hex())
	what := "the holders' signed dealing-check shares and the dealers' signed public-key shares"
	if len(ev.Checks) == 0 {
		what = "the joining hospital's public-key share as it signed it"
	}
	return fmt.Sprintf("Its evidence, %s, is the coordinator's blob %s (coordinator.DealingEvidence): any hospital re-checks the verdict from it and the collective key (cohort audit --study %d --store DIR --dealing-evidence %s, with --eth-rpc and --contract)", what, h.Hex(), c.cfg.StudyID, h.Hex()), h
}

// holdersAtPoints names, sorted, the holders (of points, by address) at
// the given points, for an error. The caller holds c.mu (nameOf).
func (c *Coordinator) holdersAtPoints(points map[common.Address]uint64, at []aggregation.ShamirPoint) []string {
	var named []string
	for _, a := range atPoints(points, at) {
		named = append(named, fmt.Sprintf("%s (%s, point %d)", c.nameOf(a), a.Hex(), points[a]))
	}
	slices.Sort(named)
	return named
}

// atPoints are the holders at the given points, in no order.
func atPoints(points map[common.Address]uint64, at []aggregation.ShamirPoint) []common.Address {
	var holders []common.Address
	for a, p := range points {
		if slices.Contains(at, aggregation.ShamirPoint(p)) {
			holders = append(holders, a)
		}
	}
	return holders
}

// allSuspect reports whether every partial dealing points at the same
// holders.
func allSuspect(partial []aggregation.PartialDealing) bool {
	for _, p := range partial[1:] {
		if !slices.Equal(p.Suspects, partial[0].Suspects) {
			return false
		}
	}
	return true
}

// cannotGoOn says why a study whose dealing check failed at key generation
// cannot go on without a hospital the check could not tell from a holder
// (or, with a committee, a holder at fault): removing it from the study
// and restarting the coordinator does not help. A dealer found at fault
// can be removed (dealerRemoval).
const cannotGoOn = "Removing it and restarting the coordinator does not help: the collective key on chain holds every hospital's key, hospitals take part in one key generation per study, and a coordinator restarted before round 1 asks the hospitals it kept to deal again, the one at fault among them even once removed from the study."

// newStudyWithout is the advice after a failed dealing check at key
// generation that named the hospitals at addrs: a new study without them,
// and their exclusion voted to record why.
func (c *Coordinator) newStudyWithout(addrs []string) string {
	return fmt.Sprintf("Create a new study without it (cohort study create; the other hospitals join it); to have the chain record why, a consortium member proposes its exclusion from study %d (cohort study leave --study %d --member ADDRESS, with %s) and the others vote for it (cohort member vote --proposal ID), each once it has re-checked this verdict from its evidence",
		c.cfg.StudyID, c.cfg.StudyID, strings.Join(addrs, " and then "))
}

// addressesAtPoints are the addresses of the holders at the given points,
// sorted.
func addressesAtPoints(points map[common.Address]uint64, at []aggregation.ShamirPoint) []string {
	var addrs []string
	for _, a := range atPoints(points, at) {
		addrs = append(addrs, a.Hex())
	}
	slices.Sort(addrs)
	return addrs
}

// dealingCheckKeys reads the collective key pkHash from the store and
// decodes the kept public-key shares of dealers, in order.
func (c *Coordinator) dealingCheckKeys(pkHash common.Hash, dealers []common.Address) (*aggregation.PublicKey, []*aggregation.PublicKeyShare, error) {
	pk, err := c.collectiveKey(pkHash)
	if err != nil {
		return nil, nil, fmt.Errorf("coordinator: dealing check: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	shares := make([]*aggregation.PublicKeyShare, len(dealers))
	for i, d := range dealers {
		shares[i] = new(aggregation.PublicKeyShare)
		if err := shares[i].UnmarshalBinary(c.pkShares[d]); err != nil {
			return nil, nil, fmt.Errorf("coordinator: dealing check: public-key share of %s: %w", d.Hex(), err)
		}
	}
	return pk, shares, nil
}

// collectiveKey reads and decodes the collective key pkHash from the store.
func (c *Coordinator) collectiveKey(pkHash common.Hash) (*aggregation.PublicKey, error) {
	raw, err := c.store.Get(pkHash)
	if err != nil {
		return nil, fmt.Errorf("collective key: %w", err)
	}
	pk := new(aggregation.PublicKey)
	if err := pk.UnmarshalBinary(raw); err != nil {
		return nil, fmt.Errorf("collective key: %w", err)
	}
	return pk, nil
}

// ofChecksAsked refuses a holder's dealing-check shares unless each is of
// the check asked at its place: checks are the hashes of the checks asked
// in order (the dealers', then each joiner's), each answered with the
// same number of shares (one per set holding the holder's point, which
// receive checked). The holder signs what it sends over what it was
// asked, so a share of another check (another subset of the dealers, a
// joiner's) in its place is the holder's doing, and the check asked would
// miss its shares, naming no one.
func ofChecksAsked(from common.Address, shares []*aggregation.DecryptionShare, checks []common.Hash) error {
	if len(checks) == 0 && len(shares) > 0 {
		return fmt.Errorf("%w: %d dealing-check shares from %s, none asked", ErrMalformed, len(shares), from.Hex())
	}
	for i, ds := range shares {
		if want := checks[i*len(checks)/len(shares)]; ds.AggregateHash != want {
			return fmt.Errorf("%w: holder %s answered with a share of another dealing check than the one asked (of check %s, not %s), signed over the one asked: exclude it (cohort study leave, then cohort member vote) and start the coordinator again",
				ErrInconsistentDealing, from.Hex(), ds.AggregateHash.Hex(), want.Hex())
		}
	}
	return nil
}

// askDealingCheck asks the holders that confirmed for the dealing check
// of dealers alone, of the threshold shares they hold.
func (c *Coordinator) askDealingCheck(ctx context.Context, confirm *thresholdConfirmStep, dealers []common.Address) (*thresholdConfirmStep, error) {
	holders := sortedAddresses(keys(confirm.want))
	check := *confirm.check
	check.dealers = dealers
	step := &thresholdConfirmStep{phase: newPhase(protocol.ThresholdConfirm, 0, holders), study: confirm.study, pkHash: confirm.pkHash, check: &check, points: confirm.points}
	full, err := c.start(ctx, step, step.start())
	if err != nil {
		return nil, err
	}
	if err := c.wait(ctx, step, full, c.cfg.PhaseTimeout, len(holders)); err != nil {
		return nil, fmt.Errorf("coordinator: dealing check: %w", err)
	}
	return step, nil
}

// joinerKeyRefusals checks the newcomers' signed public-key shares in
// the dealing of their own keys, in an encrypted study: decoded, made for
// the collective key's CRS, of the newcomer's dealer id and not one of
// the key's parties (aggregation.CheckJoinerKeyShare). A share that fails
// is refused, and the first of each newcomer is kept as evidence
// (joinerKeyEvidence) that every hospital re-checks; the refusal and the
// re-sharing's error name it. Safe for concurrent use.
type joinerKeyRefusals struct {
	c       *Coordinator
	pkHash  common.Hash
	dealing *reshareDealStep
	check   func(joiner common.Address, share []byte) error
	mu      sync.Mutex
	named   map[common.Address]joinerKeyRefusal // by newcomer refused, its first refusal
}

// joinerKeyRefusal is why a newcomer's public-key share was refused and
// where its evidence is (keepDealingEvidence's words).
type joinerKeyRefusal struct {
	err   error
	where string
}

// joinerKeyCheck returns what checks the newcomers' public-key shares in
// dealing (joinerKeyRefusals), each of the dealer id of its key epoch
// (epochs[newcomer], 0 if not listed); nil in a plaintext study, where
// nothing is dealt.
func (c *Coordinator) joinerKeyCheck(dealing *reshareDealStep, epochs map[common.Address]uint32) (*joinerKeyRefusals, error) {
	c.mu.Lock()
	scheme, pkHash := c.scheme, c.pkHash
	c.mu.Unlock()
	if scheme == nil {
		return nil, nil
	}
	pk, err := c.collectiveKey(pkHash)
	if err != nil {
		return nil, fmt.Errorf("coordinator: %w", err)
	}
	return &joinerKeyRefusals{c: c, pkHash: pkHash, dealing: dealing, check: checkJoinerKey(scheme, pk, c.cfg.StudyID, epochs), named: map[common.Address]joinerKeyRefusal{}}, nil
}

// checkSigned checks k, a newcomer's public-key share its signature has
// been checked of (reshareDealStep.keyShareOf).
func (j *joinerKeyRefusals) checkSigned(k SignedPKShare) error {
	err := j.check(k.Dealer, k.Share)
	if err == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	first, ok := j.named[k.Dealer]
	if !ok {
		j.c.log.Error("a joining hospital's public-key share is not a share of a key of its own for the study's collective key: refused", "participant", k.Dealer.Hex(), "round", k.Round, "err", err)
		where, _ := j.c.keepDealingEvidence(j.pkHash, joinerKeyEvidence(j.c.cfg.StudyID, j.pkHash, j.dealing, k))
		first = joinerKeyRefusal{err: err, where: where}
		j.named[k.Dealer] = first
	}
	return fmt.Errorf("%w. %s", err, first.where)
}

// refused names the newcomers whose public-key shares were refused and
// their evidence ("" if none was).
func (j *joinerKeyRefusals) refused() string {
	if j == nil {
		return ""
	}
	j.mu.Lock()
	refused := maps.Clone(j.named)
	j.mu.Unlock()
	if len(refused) == 0 {
		return ""
	}
	var named []string
	j.c.mu.Lock()
	for _, a := range sortedAddresses(slices.Collect(maps.Keys(refused))) {
		named = append(named, fmt.Sprintf("%s (%s): %v. %s", j.c.nameOf(a), a.Hex(), refused[a].err, refused[a].where))
	}
	j.c.mu.Unlock()
	return fmt.Sprintf(". A joining hospital sent a public-key share that is not a share of a key of its own for the study's collective key, signed, and was refused: %s. Remove it from the study (%s) and start the coordinator again", strings.Join(named, "; "), j.c.exclusion())
}

// joinerKeyEvidence is the evidence that the newcomer k.Dealer signed,
// for the re-sharing dealing is of, a public-key share that fails
// aggregation.CheckJoinerKeyShare: the verdict names it, on its signed
// share alone (no dealing check was asked).
func joinerKeyEvidence(study uint64, pkHash common.Hash, dealing *reshareDealStep, k SignedPKShare) *DealingEvidence {
	ev := &DealingEvidence{Study: study, PublicKeyHash: pkHash, Holders: dealing.plan.newHolders(), Reshare: reshareEvidenceOf(dealing), Verdict: DealingFinding{Inconsistent: []common.Address{k.Dealer}}}
	ev.Reshare.Joiners, ev.Reshare.JoinerKeys = []common.Address{k.Dealer}, []SignedPKShare{k}
	return ev
}

// checkJoinerKey checks a joiner's encoded public-key share against the
// collective key pk of study (aggregation.CheckJoinerKeyShare, with the
// joiner's dealer id of key epoch epochs[joiner]).
func checkJoinerKey(scheme *aggregation.Scheme, pk *aggregation.PublicKey, study uint64, epochs map[common.Address]uint32) func(common.Address, []byte) error {
	return func(joiner common.Address, b []byte) error {
		share := new(aggregation.PublicKeyShare)
		if err := share.UnmarshalBinary(b); err != nil {
			return err
		}
		return scheme.CheckJoinerKeyShare(pk, aggregation.DealerIDAt(study, joiner.Bytes(), epochs[joiner]), share)
	}
}

// prepareReshareCheck sets confirm to ask the new holders for the dealing
// check of their pending shares, if the study is encrypted: of the keys of
// the study's participants whose public-key shares are kept (the key's
// original parties, and members that joined in earlier re-sharings) and,
// each alone, of the keys the newcomers dealt with this re-sharing, with
// the public-key shares that came with their dealings. The weights' seed
// is fixed once every dealing and those shares are.
func (c *Coordinator) prepareReshareCheck(ctx context.Context, confirm *reshareKeyStep, plan *reshare) error {
	c.mu.Lock()
	scheme, pkHash, kept := c.scheme, c.pkHash, len(c.pkShares) > 0
	c.mu.Unlock()
	if scheme == nil || (!kept && len(confirm.joinerKeys) == 0) {
		return nil
	}
	study, err := c.ledger.Study(ctx, c.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("coordinator: re-sharing before round %d: %w", plan.round, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var dealers []common.Address
	for _, a := range sortedAddresses(study.Participants) {
		if _, ok := c.pkShares[a]; ok {
			dealers = append(dealers, a)
		}
	}
	joiners := sortedAddresses(slices.Collect(maps.Keys(confirm.joinerKeys)))
	if len(dealers) == 0 && len(joiners) == 0 {
		return nil
	}
	points := make([]aggregation.ShamirPoint, len(plan.holders))
	confirm.points = make(map[common.Address]uint64, len(plan.holders))
	for i, h := range plan.holders {
		points[i] = aggregation.ShamirPoint(h.point)
		confirm.points[h.addr] = h.point
	}
	sets, err := aggregation.DealingCheckSets(points, plan.threshold)
	if err != nil {
		return err
	}
	fixed := [][]byte{confirm.dealing.setHash.Bytes()}
	for _, a := range confirm.holders {
		fixed = append(fixed, relayID(confirm.inbox[a]))
	}
	for _, j := range joiners {
		fixed = append(fixed, confirm.joinerKeys[j])
	}
	confirm.check = &dealingCheckAsk{seed: dealingCheckSeed(pkHash, fixed), dealers: dealers, sets: sets, joiners: joiners}
	confirm.pkHash = pkHash
	return nil
}

// checkReshare judges the dealing check the new holders that confirmed
// answered, over the decryption sets all of whose holders confirmed: the
// re-shared keys' check and each joiner's. It refuses to commit a
// re-sharing whose check fails in any of them, with ErrInconsistentDealing
// naming the joiner whose key fails, or else the re-sharing's dealers at
// fault, found by asking the holders again for the parts of halves of
// them (bisectReshare), on evidence every hospital re-checks.
func (c *Coordinator) checkReshare(ctx context.Context, confirm *reshareKeyStep, plan *reshare) error {
	c.mu.Lock()
	ask := confirm.check
	if ask == nil {
		c.mu.Unlock()
		return nil
	}
	confirmed, raws := confirm.answers(confirm.holders)
	pkHash := c.pkHash
	c.mu.Unlock()
	answered := map[aggregation.ShamirPoint]bool{}
	for _, a := range confirmed {
		answered[aggregation.ShamirPoint(confirm.points[a])] = true
	}
	complete := func(set []aggregation.ShamirPoint) bool {
		return !slices.ContainsFunc(set, func(p aggregation.ShamirPoint) bool { return !answered[p] })
	}
	pk, pkShares, err := c.dealingCheckKeys(pkHash, ask.dealers)
	if err != nil {
		return err
	}
	var keysCheck *aggregation.DealingCheck
	var asked []common.Hash // the checks asked, in the order answered
	if len(ask.dealers) > 0 {
		if keysCheck, err = c.scheme.NewDealingCheck(pk, ask.seed, pkShares); err != nil {
			return fmt.Errorf("coordinator: dealing check: %w", err)
		}
		asked = append(asked, keysCheck.Hash())
	}
	joinerShares := make([]*aggregation.PublicKeyShare, len(ask.joiners))
	for i, j := range ask.joiners {
		joinerShares[i] = new(aggregation.PublicKeyShare)
		if err := joinerShares[i].UnmarshalBinary(confirm.joinerKeys[j]); err != nil {
			return fmt.Errorf("coordinator: dealing check: public-key share of %s: %w", j.Hex(), err)
		}
		check, err := c.scheme.NewDealingCheck(pk, ask.seed, joinerShares[i:i+1])
		if err != nil {
			return fmt.Errorf("coordinator: dealing check: %w", err)
		}
		asked = append(asked, check.Hash())
	}
	byCheck := map[common.Hash][]*aggregation.DecryptionShare{} // each share is bound to its check's hash
	for i, raw := range raws {
		conf, err := confirmation(raw)
		if err != nil {
			return err
		}
		var mine []*aggregation.DecryptionShare
		for _, b := range conf.GetDealingCheckShares() {
			ds := new(aggregation.DecryptionShare)
			if err := ds.UnmarshalBinary(b); err != nil {
				return fmt.Errorf("%w: dealing-check share: %v", ErrMalformed, err)
			}
			mine = append(mine, ds)
		}
		if err := ofChecksAsked(confirmed[i], mine, asked); err != nil {
			return fmt.Errorf("coordinator: re-sharing before round %d: %w", plan.round, err)
		}
		for _, ds := range mine {
			if complete(ds.ActiveSet()) {
				byCheck[ds.AggregateHash] = append(byCheck[ds.AggregateHash], ds)
			}
		}
	}
	if len(byCheck) == 0 {
		c.log.Warn("re-sharing's dealing check skipped: no decryption set of it had every holder confirm", "round", plan.round)
		return nil
	}
	verdict := func(keyShares []*aggregation.PublicKeyShare) (aggregation.DealingVerdict, error) {
		check, err := c.scheme.NewDealingCheck(pk, ask.seed, keyShares)
		if err != nil {
			return aggregation.DealingVerdict{}, fmt.Errorf("coordinator: dealing check: %w", err)
		}
		v, err := c.scheme.CheckDealingSets(check, byCheck[check.Hash()])
		if err != nil {
			return aggregation.DealingVerdict{}, fmt.Errorf("coordinator: re-sharing before round %d: dealing check: %w", plan.round, err)
		}
		return v, nil
	}
	var reshared aggregation.DealingVerdict
	if len(ask.dealers) > 0 {
		if reshared, err = verdict(pkShares); err != nil {
			return err
		}
	}
	joined := make([]aggregation.DealingVerdict, len(ask.joiners))
	for i := range ask.joiners {
		if joined[i], err = verdict(joinerShares[i : i+1]); err != nil {
			return err
		}
	}
	consistent := reshared.Consistent()
	for _, v := range joined {
		consistent = consistent && v.Consistent()
	}
	if consistent {
		c.log.Info("re-sharing's dealings checked", "round", plan.round, "keys", len(ask.dealers), "joiners", len(ask.joiners), "decryption_sets", len(ask.sets))
		return nil
	}
	// The verdict on the re-sharing's dealers (none at fault if the
	// re-shared keys passed), then each joiner's whose key failed, on
	// the holders' signed answers every hospital re-checks.
	var resharers DealingFinding
	c.mu.Lock()
	whole, _, err := confirm.signedAnswers(confirm.dealing.resharers(), nil) // checked above
	c.mu.Unlock()
	if err != nil {
		return err
	}
	checksAnswered := []DealingAnswers{whole}
	if !reshared.Consistent() {
		if resharers, checksAnswered, err = c.bisectReshare(ctx, confirm, keysCheck, reshared, whole); err != nil {
			return fmt.Errorf("coordinator: re-sharing before round %d: dealing check: %w", plan.round, err)
		}
	}
	found := resharers
	for i, j := range ask.joiners {
		found.addJoiner(j, joined[i])
	}
	evidence, _ := c.keepDealingEvidence(pkHash, c.reshareEvidence(confirm, checksAnswered, found))
	c.mu.Lock()
	defer c.mu.Unlock()
	if reshared.Consistent() {
		return c.inconsistentJoiners(confirm, plan, joined, evidence)
	}
	var joiners []string
	for i, j := range ask.joiners {
		if !joined[i].Consistent() {
			joiners = append(joiners, fmt.Sprintf("%s (%s), which joined and dealt its own key", c.nameOf(j), j.Hex()))
		}
	}
	return c.inconsistentResharers(confirm, plan, reshared, resharers, joiners, len(checksAnswered), evidence)
}

// reshareEvidenceOf is what ties evidence to the re-sharing dealing is of:
// its round, threshold, set hash and dealers.
func reshareEvidenceOf(dealing *reshareDealStep) *ReshareEvidence {
	r := &ReshareEvidence{Round: dealing.plan.round, Threshold: dealing.task.GetThreshold(), SetHash: dealing.setHash}
	for _, d := range dealing.task.GetDealers() {
		r.Resharers = append(r.Resharers, DealingHolder{Address: common.BytesToAddress(d.GetAddress()), Point: d.GetPoint()})
	}
	return r
}

// resharers are the re-sharing dealers dealing asked, sorted.
func (s *reshareDealStep) resharers() []common.Address {
	var out []common.Address
	for _, d := range s.task.GetDealers() {
		out = append(out, common.BytesToAddress(d.GetAddress()))
	}
	return out
}

// newHolders are the re-sharing's new holders at their points.
func (p *reshare) newHolders() []DealingHolder {
	out := make([]DealingHolder, len(p.holders))
	for i, h := range p.holders {
		out[i] = DealingHolder{Address: h.addr, Point: h.point}
	}
	return out
}

// reshareEvidence gathers what a re-sharing's verdict rests on: the
// re-shared keys' signed public-key shares, the joiners' (signed for
// this round), and the new holders' signed answers to every check asked.
func (c *Coordinator) reshareEvidence(confirm *reshareKeyStep, asked []DealingAnswers, verdict DealingFinding) *DealingEvidence {
	ask, plan := confirm.check, confirm.dealing.plan
	r := reshareEvidenceOf(confirm.dealing)
	r.Joiners = ask.joiners
	for _, j := range ask.joiners {
		r.JoinerKeys = append(r.JoinerKeys, SignedPKShare{Dealer: j, Share: confirm.joinerKeys[j], Signature: confirm.joinerKeySigs[j], Round: plan.round})
	}
	ev := &DealingEvidence{Study: c.cfg.StudyID, PublicKeyHash: confirm.pkHash, Seed: ask.seed, Holders: plan.newHolders(), Sets: ask.wirePoints(), Checks: asked, Verdict: verdict, Reshare: r}
	c.mu.Lock()
	for _, d := range ask.dealers {
		ev.Dealers = append(ev.Dealers, c.signedPKShare(d))
	}
	c.mu.Unlock()
	return ev
}

// bisectReshare finds the re-sharing's dealers at fault once the check of
// the whole pending shares (reshared, of keysCheck, answered whole)
// failed: it asks the new holders that confirmed for the parts halves of
// the dealers dealt (askResharePart) as judgeReshare's bisection needs
// them, and returns the verdict and the checks asked, whole first.
func (c *Coordinator) bisectReshare(ctx context.Context, confirm *reshareKeyStep, keysCheck *aggregation.DealingCheck, reshared aggregation.DealingVerdict, whole DealingAnswers) (DealingFinding, []DealingAnswers, error) {
	c.mu.Lock()
	confirmed, _ := confirm.answers(confirm.holders)
	c.mu.Unlock()
	asked := []DealingAnswers{whole}
	part := func(subset []common.Address) ([]*aggregation.DecryptionShare, error) {
		step, err := c.askResharePart(ctx, confirm, confirmed, subset)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		answers, shares, err := step.signedAnswers(subset, []common.Hash{keysCheck.Hash()})
		c.mu.Unlock()
		if err != nil {
			return nil, err
		}
		asked = append(asked, answers)
		return completeSetsOf(keysCheck, shares), nil
	}
	finding, err := judgeReshare(c.scheme, keysCheck, c.cfg.StudyID, whole.Dealers, reshared, part)
	if err != nil {
		return DealingFinding{}, nil, err
	}
	return finding, asked, nil
}

// askResharePart asks the new holders that confirmed for the dealing
// check of the part of their pending shares the re-sharing dealers
// resharers dealt, the same pieces relayed again.
func (c *Coordinator) askResharePart(ctx context.Context, confirm *reshareKeyStep, holders, resharers []common.Address) (*reshareKeyStep, error) {
	check := *confirm.check
	check.joiners, check.resharers = nil, resharers
	step := &reshareKeyStep{phase: newPhase(protocol.ReshareKey, confirm.dealing.round, holders), dealing: confirm.dealing, holders: holders, inbox: confirm.inbox, check: &check, points: confirm.points, pkHash: confirm.pkHash}
	full, err := c.start(ctx, step, step.start())
	if err != nil {
		return nil, err
	}
	if err := c.wait(ctx, step, full, c.cfg.PhaseTimeout, len(holders)); err != nil {
		return nil, err
	}
	return step, nil
}

// inconsistentResharers is checkReshare's error when the re-shared keys'
// check failed: it names the re-sharing's dealers the verdict (the
// evidence's) names, with the holders of the shares at fault, or all of
// them when the check cannot tell which, and the joiners whose keys
// failed too. The caller holds c.mu.
func (c *Coordinator) inconsistentResharers(confirm *reshareKeyStep, plan *reshare, reshared aggregation.DealingVerdict, verdict DealingFinding, joiners []string, checks int, evidence string) error {
	hospital := func(a common.Address) string { return fmt.Sprintf("%s (%s)", c.nameOf(a), a.Hex()) }
	holdersAt := func(points []uint64) string {
		at := make([]aggregation.ShamirPoint, len(points))
		for i, p := range points {
			at[i] = aggregation.ShamirPoint(p)
		}
		return strings.Join(c.holdersAtPoints(confirm.points, at), ", ")
	}
	var found string
	switch {
	case len(confirm.dealing.task.GetDealers()) == 0:
		found = fmt.Sprintf("the new holders re-dealt nothing (they added joiners' keys to their shares), yet their shares of the keys fail the dealing check in the decryption sets %v (they pass in %v): a holder lies about its share (suspects: %s)",
			reshared.Failed, reshared.Passed, strings.Join(c.holdersAtPoints(confirm.points, reshared.Suspects()), ", "))
	case len(verdict.OneOf) > 0:
		var dealers []string
		for _, d := range verdict.OneOf {
			dealers = append(dealers, hospital(d))
		}
		found = fmt.Sprintf("the new holders' pending shares fail the dealing check in every decryption set %v: a re-sharing dealer (one of %s) re-dealt another value than its share of the keys to every new holder alike, or, with one set, a new holder lies about its pending share; the new holders' shares cannot tell which (a dealer's part has no public key to be checked against)",
			reshared.Failed, strings.Join(dealers, ", "))
	case len(verdict.Partial) == len(confirm.dealing.task.GetDealers()) && len(verdict.Partial) > 1 && samePartialSuspects(verdict.Partial):
		found = fmt.Sprintf("every re-sharing dealer's part of the new holders' pending shares fails exactly in the decryption sets holding %s: that holder gave wrong dealing-check shares of its pending share (every dealer spoiling its share to it is less likely)",
			holdersAt(verdict.Partial[0].Suspects))
	default:
		var parts []string
		for _, p := range verdict.Partial {
			parts = append(parts, fmt.Sprintf("%s's re-dealt shares held by %s", hospital(p.Dealer), holdersAt(p.Suspects)))
		}
		found = fmt.Sprintf("the new holders' pending shares fail the dealing check in the decryption sets %v (they pass in %v); checked apart, the part each re-sharing dealer dealt fails only for %s: that dealer re-dealt those shares wrong or those holders lie about them, which the check cannot tell apart",
			reshared.Failed, reshared.Passed, strings.Join(parts, "; "))
	}
	also := ""
	if len(joiners) > 0 {
		also = fmt.Sprintf(" A joining hospital's own key failed its check too: %s.", strings.Join(joiners, ", "))
	}
	return fmt.Errorf("coordinator: re-sharing before round %d: %w (%w): %s (%d checks).%s The re-sharing is not committed: every holder keeps its old share. Remove the hospital you hold at fault from the study (%s) and start the coordinator again: without a hospital joining now, the holders keep their old shares and the study goes on. %s. %s",
		plan.round, ErrInconsistentDealing, aggregation.ErrInconsistentDealing, found, checks, also, c.exclusion(), currentHolderRemoval(plan), evidence)
}

// samePartialSuspects reports whether every partial finding suspects the
// same holders.
func samePartialSuspects(partial []PartialFinding) bool {
	return !slices.ContainsFunc(partial, func(p PartialFinding) bool { return !slices.Equal(p.Suspects, partial[0].Suspects) })
}

// exclusion says how the consortium removes a hospital from the study.
func (c *Coordinator) exclusion() string {
	return fmt.Sprintf("a consortium member proposes its exclusion: cohort study leave --study %d --member ADDRESS; the others vote for it: cohort member vote --proposal ID", c.cfg.StudyID)
}

// currentHolderRemoval says what removing a current holder a failed
// re-sharing check suspects does: a restart re-shares from the current
// holders that stay, which takes at least the threshold of them.
func currentHolderRemoval(plan *reshare) string {
	if len(plan.staying) > plan.threshold {
		return fmt.Sprintf("Without a current holder, the restarted coordinator re-shares the key from those that stay (%d of the %d deal)", plan.threshold, len(plan.staying)-1)
	}
	return fmt.Sprintf("A current holder cannot be removed: the %d that stay are exactly the threshold, and without one the key cannot be re-shared (ErrBelowThreshold); to go on without it, create a new study (cohort study create; the other hospitals join it)", len(plan.staying))
}

// inconsistentJoiners is checkReshare's error when the re-shared keys pass
// and some joiners' keys fail (joined, in ask.joiners' order): it names
// them, and says where the evidence is. The caller holds c.mu.
func (c *Coordinator) inconsistentJoiners(confirm *reshareKeyStep, plan *reshare, joined []aggregation.DealingVerdict, evidence string) error {
	ask := confirm.check
	hospital := func(a common.Address) string { return fmt.Sprintf("%s (%s)", c.nameOf(a), a.Hex()) }
	var bad, partial []string
	for i, j := range ask.joiners {
		switch v := joined[i]; {
		case v.InconsistentEverywhere():
			bad = append(bad, hospital(j))
		case !v.Consistent():
			partial = append(partial, fmt.Sprintf("%s's, held by %s", hospital(j), strings.Join(c.holdersAtPoints(confirm.points, v.Suspects()), ", ")))
		}
	}
	passed := ""
	if len(ask.dealers) > 0 {
		passed = ", while the re-shared keys passed"
	}
	// Without the joiner the holders' old shares serve: a restart finds
	// the holders unchanged and goes on (TestExcludingAnInconsistentJoinerLetsTheStudyGoOn).
	notCommitted := "The re-sharing is not committed: every holder keeps its old share. Remove the joining hospital from the study (" + c.exclusion() + ") and start the coordinator again: it goes on from this round with the holders' old shares. If the hospital's node was broken rather than hostile, have it fixed and start the coordinator again instead: it asks the hospital to deal again"
	if len(bad) > 0 && len(ask.sets) == 1 {
		// A new holder of the only set lying about its shares of the
		// joiner's key fails it in every set too.
		return fmt.Errorf("coordinator: re-sharing before round %d: %w (%w): the dealing check of the key of %s, joining the study, failed in the only decryption set%s: with exactly the threshold (%d) of new holders there is one set, so either the joiner dealt shares not of its key, or a new holder of the set (%s) lies about its shares of that key, and the check cannot tell which. The re-sharing is not committed: every holder keeps its old share. Do not exclude the joining hospital on this alone: have a re-sharing with at least %d new holders (another hospital joining) check its key again, so that spare decryption sets tell a lying holder from the joiner, or let the members decide who is at fault out of band and exclude that one (%s), then start the coordinator again. %s",
			plan.round, ErrInconsistentDealing, aggregation.ErrInconsistentDealing, strings.Join(bad, ", "), passed, len(ask.sets[0]), strings.Join(c.holdersAtPoints(confirm.points, ask.sets[0]), ", "), len(ask.sets[0])+1, c.exclusion(), evidence)
	}
	if len(bad) > 0 {
		return fmt.Errorf("coordinator: re-sharing before round %d: %w (%w): %s, joining the study, dealt shares of its own key that are not shares of the key behind the public-key share it sent: the dealing check of its key failed in every one of the %d decryption sets of holders%s. Every aggregate including it would decrypt to noise. %s. %s",
			plan.round, ErrInconsistentDealing, aggregation.ErrInconsistentDealing, strings.Join(bad, ", "), len(ask.sets), passed, notCommitted, evidence)
	}
	return fmt.Errorf("coordinator: re-sharing before round %d: %w (%w): some shares of a joining hospital's key are wrong (%s): its dealing check fails in the decryption sets holding them and passes in the others%s, so the hospital dealt its shares wrong or the holder lies about them, which the check cannot tell apart. Decryptions of that hospital's updates with that holder would fail. %s. If you hold the holder at fault instead, remove it the same way. %s. %s",
		plan.round, ErrInconsistentDealing, aggregation.ErrInconsistentDealing, strings.Join(partial, "; "), passed, notCommitted, currentHolderRemoval(plan), evidence)
}
