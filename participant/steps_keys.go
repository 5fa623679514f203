package participant

import (
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"maps"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// The key phases: key generation, threshold dealing and the re-sharings
// that change the holder set. What they check against the chain comes in
// as a contracts.Study (threshold, key hash, round state, participants)
// and, for a re-sharing, the suspended participants it names.

// parseAddress reads a 20-byte Ethereum address from a task.
func parseAddress(what string, raw []byte) (common.Address, error) {
	if len(raw) != common.AddressLength {
		return common.Address{}, fmt.Errorf("%w: %s address is %d bytes, want %d", ErrChainMismatch, what, len(raw), common.AddressLength)
	}
	return common.BytesToAddress(raw), nil
}

// participants is the study's current participants on chain as a set.
func participants(study contracts.Study) map[common.Address]bool {
	in := make(map[common.Address]bool, len(study.Participants))
	for _, a := range study.Participants {
		in[a] = true
	}
	return in
}

// keyGen answers a KeyGenTask with this node's public-key share. It
// refuses once the chain records the study's collective key: key
// generation runs once, and a replayed task would replace the key share
// this node's updates are encrypted under.
func (s *steps) keyGen(t *cohortv1.KeyGenTask, study contracts.Study, ledger common.Address) (ready, error) {
	if err := s.checkStudy("key generation", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	if study.PublicKeyHash != (common.Hash{}) {
		return ready{}, fmt.Errorf("%w: key generation asked again, but the chain already records the study's key %s; this node keeps its key share", ErrChainMismatch, study.PublicKeyHash.Hex())
	}
	if len(t.GetCrsSeed()) != 32 {
		return ready{}, fmt.Errorf("participant %s: key generation: CRS seed is %d bytes, want 32", s.name, len(t.GetCrsSeed()))
	}
	members, err := s.checkKeyGenMembers(t.GetParticipants(), study)
	if err != nil {
		return ready{}, err
	}
	// The seed is recomputed, not taken: the coordinator must not pick the
	// polynomial every member's key share is made against.
	if want := protocol.KeyGenCRS(s.studyID, ledger, members); !bytes.Equal(t.GetCrsSeed(), want[:]) {
		return ready{}, fmt.Errorf("%w: key generation: the CRS seed %x is not the one derived from the study, its ledger and the %d listed members (%x)", ErrChainMismatch, t.GetCrsSeed(), len(members), want)
	}
	share, err := s.sealer.publicKeyShare([32]byte(t.GetCrsSeed()))
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: key generation: %w", s.name, err)
	}
	keep, err := s.secretsToKeep()
	if err != nil {
		return ready{}, err
	}
	signed, err := auth.Sign(s.key, s.studyID, 0, auth.KindPublicKey, crypto.Keccak256Hash(share))
	if err != nil {
		return ready{}, err
	}
	return ready{keep: keep, send: &cohortv1.PublicKeyShareSubmission{StudyId: s.studyID, Share: share, Auth: signed}}, nil
}

// checkKeyGenMembers checks the members a key generation lists: sorted,
// each a participant of the study on chain, this site among them.
func (s *steps) checkKeyGenMembers(listed [][]byte, study contracts.Study) ([]common.Address, error) {
	members := make([]common.Address, len(listed))
	self := false
	for i, b := range listed {
		if len(b) != common.AddressLength {
			return nil, fmt.Errorf("%w: key generation lists a member of %d bytes", ErrChainMismatch, len(b))
		}
		members[i] = common.BytesToAddress(b)
		if i > 0 && bytes.Compare(members[i-1].Bytes(), b) >= 0 {
			return nil, fmt.Errorf("%w: key generation lists its members unsorted or twice (%s after %s)", ErrChainMismatch, members[i].Hex(), members[i-1].Hex())
		}
		if !slices.Contains(study.Participants, members[i]) {
			return nil, fmt.Errorf("%w: key generation lists %s, which does not take part in study %d on chain", ErrChainMismatch, members[i].Hex(), s.studyID)
		}
		self = self || members[i] == s.self
	}
	if !self {
		return nil, fmt.Errorf("%w: key generation does not list this site %s among its %d members", ErrChainMismatch, s.self.Hex(), len(members))
	}
	return members, nil
}

// dealThreshold Shamir-shares this site's secret-key share among the
// study's participants, encrypting each share to its holder's Ethereum key
// after checking on chain that the holder takes part in the study: the
// coordinator relays the shares but cannot read them.
func (s *steps) dealThreshold(t *cohortv1.ThresholdTask, study contracts.Study) (ready, error) {
	if err := s.checkStudy("threshold", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	holders := t.GetHolders()
	if int(t.GetThreshold()) < 1 || int(t.GetThreshold()) > len(holders) {
		return ready{}, fmt.Errorf("participant %s: threshold %d for %d holders", s.name, t.GetThreshold(), len(holders))
	}
	if t.GetThreshold() != study.Threshold {
		return ready{}, fmt.Errorf("%w: coordinator asks for threshold %d, the study's is %d", ErrChainMismatch, t.GetThreshold(), study.Threshold)
	}
	if err := beforeRoundOne("threshold dealing", study); err != nil {
		return ready{}, err
	}
	member := participants(study)
	keys := make(map[uint64]*ecdsa.PublicKey, len(holders))
	addrs := make(map[uint64]common.Address, len(holders))
	points := make([]uint64, 0, len(holders))
	seen := make(map[common.Address]bool, len(holders))
	var own uint64
	for _, h := range holders {
		addr, err := parseAddress("share holder", h.GetAddress())
		if err != nil {
			return ready{}, err
		}
		if !member[addr] {
			return ready{}, fmt.Errorf("%w: share holder %s is not a participant of study %d", ErrChainMismatch, addr.Hex(), s.studyID)
		}
		pub, err := auth.ParsePublicKey(h.GetPublicKey(), addr)
		if err != nil {
			return ready{}, fmt.Errorf("%w: %v", ErrChainMismatch, err)
		}
		if _, dup := keys[h.GetPoint()]; dup {
			return ready{}, fmt.Errorf("%w: Shamir point %d given twice", ErrChainMismatch, h.GetPoint())
		}
		// One point per holder: a holder named at t points would get t
		// shares of this site's key and rebuild it alone.
		if seen[addr] {
			return ready{}, fmt.Errorf("%w: share holder %s listed twice; each holder takes one Shamir point", ErrChainMismatch, addr.Hex())
		}
		seen[addr] = true
		keys[h.GetPoint()], addrs[h.GetPoint()] = pub, addr
		points = append(points, h.GetPoint())
		if addr == s.self {
			own = h.GetPoint()
		}
	}
	if err := checkCommittee(study, addrs); err != nil {
		return ready{}, err
	}
	if own == 0 && study.Committee.Size == 0 {
		return ready{}, fmt.Errorf("%w: this site is not among the share holders", ErrChainMismatch)
	}
	shares, err := s.sealer.thresholdShares(int(t.GetThreshold()), points)
	if s.attack.Kind == AttackInconsistentDealing {
		shares, err = s.sealer.inconsistentShares(int(t.GetThreshold()), points, own, s.attack.Scale != 0)
	}
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: threshold shares: %w", s.name, err)
	}
	sub := &cohortv1.ThresholdSharesSubmission{StudyId: s.studyID}
	for _, pt := range points {
		sealed, err := auth.SealTo(keys[pt], shares[pt])
		if err != nil {
			return ready{}, err
		}
		signed, err := auth.Sign(s.key, s.studyID, 0, auth.KindThresholdShare, auth.ShareContent(addrs[pt], sealed))
		if err != nil {
			return ready{}, err
		}
		sub.Shares = append(sub.Shares, &cohortv1.EncryptedShare{Recipient: addrs[pt].Bytes(), Ciphertext: sealed, Auth: signed})
	}
	s.point = own
	return ready{send: sub}, nil
}

// thresholdKey opens the shares dealt to this site, checks each dealer's
// signature, that the dealer is a participant of the study on chain and
// that the share deals the signer's own key, and combines them into its
// threshold secret share, which it keeps. It needs the collective public
// key, checked against the chain (s.pubKey, see checkPublicKey).
func (s *steps) thresholdKey(t *cohortv1.ThresholdKeyTask, study contracts.Study) (ready, error) {
	if err := s.checkStudy("threshold key", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	if err := onCommittee(study, s.self); err != nil {
		return ready{}, err
	}
	if err := beforeRoundOne("threshold key", study); err != nil {
		return ready{}, err
	}
	member := participants(study)
	if len(t.GetShares()) == 0 && len(t.GetDealingCheckSeed()) > 0 {
		// A dealing check alone, of the threshold share held.
		return s.dealingCheck(t, member)
	}
	received := make([][]byte, 0, len(t.GetShares()))
	dealers := make(map[common.Address]bool)
	for _, sh := range t.GetShares() {
		if common.BytesToAddress(sh.GetRecipient()) != s.self {
			return ready{}, fmt.Errorf("%w: relayed a share addressed to %x", ErrChainMismatch, sh.GetRecipient())
		}
		dealer, err := auth.Verify(sh.GetAuth(), s.studyID, 0, auth.KindThresholdShare, auth.ShareContent(s.self, sh.GetCiphertext()))
		if err != nil {
			return ready{}, fmt.Errorf("participant %s: threshold share: %w", s.name, err)
		}
		if dealers[dealer] {
			return ready{}, fmt.Errorf("%w: two shares from dealer %s", ErrChainMismatch, dealer.Hex())
		}
		if !member[dealer] {
			return ready{}, fmt.Errorf("%w: threshold share from %s, who is not a participant of study %d", ErrChainMismatch, dealer.Hex(), s.studyID)
		}
		dealers[dealer] = true
		plain, err := auth.Open(s.key, sh.GetCiphertext())
		if err != nil {
			return ready{}, fmt.Errorf("participant %s: threshold share from %s: %w", s.name, dealer.Hex(), err)
		}
		if err := dealtBy(plain, aggregation.DealerID(s.studyID, dealer.Bytes())); err != nil {
			return ready{}, err
		}
		received = append(received, plain)
	}
	if err := s.sealer.thresholdKey(s.pubKey, s.point, received); err != nil {
		return ready{}, fmt.Errorf("participant %s: threshold key: %w", s.name, err)
	}
	s.checkScope = nil // new shares: a dealing checked anew
	keep, err := s.secretsToKeep()
	if err != nil {
		return ready{}, err
	}
	if study.Committee.Size != 0 {
		// onCommittee checked this site is on the chain's committee.
		s.shareSelection = study.CommitteeEpoch
		keep = append(keep, secretWrite{s.epochName(), epochRecord(0, common.Hash{}, s.shareSelection)})
	}
	rd, err := s.dealingCheck(t, member)
	if err != nil {
		return ready{}, err
	}
	rd.keep = append(keep, rd.keep...) // the share, then the seed given of it
	return rd, nil
}

// dealingCheck confirms the threshold share held and, if the task asks,
// adds its dealing-check shares (aggregation.GenDealingCheckShares) of the
// listed dealers, who must be participants, for each listed set that holds
// this site's point. It answers within one scope per dealing only: one
// seed, the sets and dealers of the first check and the parts a bisection
// of those dealers asks (dealingScope).
func (s *steps) dealingCheck(t *cohortv1.ThresholdKeyTask, member map[common.Address]bool) (ready, error) {
	signed, err := auth.Sign(s.key, s.studyID, 0, auth.KindThresholdKey, crypto.Keccak256Hash(s.pkHash.Bytes()))
	if err != nil {
		return ready{}, err
	}
	conf := &cohortv1.ThresholdKeyConfirmation{StudyId: s.studyID, Auth: signed}
	if len(t.GetDealingCheckSeed()) == 0 {
		return ready{send: conf}, nil
	}
	points, threshold, dealers, err := s.sealer.dealtAmong()
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: dealing check: %w", s.name, err)
	}
	first, err := newFirstCheck(s.studyID, points, threshold, dealers)
	if err != nil {
		return ready{}, err
	}
	scope, err := s.checkScope.admit(t, s.point, first, true)
	if err != nil {
		return ready{}, err
	}
	held, err := s.sealer.heldKeys(nil)
	if err != nil {
		return ready{}, err
	}
	if conf.DealingCheckShares, err = s.dealingCheckShares(t, member, nil, held, s.point); err != nil {
		return ready{}, err
	}
	if s.attack.Kind == AttackShiftDealingCheck || (s.attack.Kind == AttackFrameDealer && slices.Contains(wireAddresses(t.GetDealingCheckDealers()), framedBy(s.self, member))) {
		for i, sh := range conf.DealingCheckShares {
			if conf.DealingCheckShares[i], err = s.sealer.shiftDecryptionShare(sh, s.attack.WithDefaults().Scale); err != nil {
				return ready{}, err
			}
		}
	}
	if conf.DealingCheckAuth, err = s.signDealingCheck(t, conf.DealingCheckShares); err != nil {
		return ready{}, err
	}
	var keep []secretWrite
	if scope != s.checkScope {
		// Kept before the shares go out: a restarted holder still
		// answers within it only.
		_, share, err := s.sealer.export()
		if err != nil {
			return ready{}, err
		}
		keep = []secretWrite{{s.dealingSeedName(), dealingScopeRecord(share, *scope)}}
	}
	s.checkScope = scope
	return ready{keep: keep, send: conf}, nil
}

// framedBy is the hospital AttackFrameDealer has self frame among the
// study's participants (member): the lowest-addressed other one.
func framedBy(self common.Address, member map[common.Address]bool) common.Address {
	var framed common.Address
	for a := range member {
		if a != self && (framed == (common.Address{}) || a.Cmp(framed) < 0) {
			framed = a
		}
	}
	return framed
}

// signDealingCheck signs this holder's dealing-check answer to t
// (auth.DealingCheckContent): the evidence on which the coordinator's
// verdict is re-checked by every hospital.
func (s *steps) signDealingCheck(t *cohortv1.ThresholdKeyTask, shares [][]byte) (*cohortv1.Signed, error) {
	return auth.Sign(s.key, s.studyID, 0, auth.KindDealingCheck, auth.DealingCheckContent(s.pkHash, [32]byte(t.GetDealingCheckSeed()), s.point, wireAddresses(t.GetDealingCheckDealers()), wireSets(t.GetDealingCheckSets()), shares))
}

// dealingCheckShares computes the dealing-check shares t asks of the
// threshold share share (nil: the one in force) held at point own: of the
// listed dealers, who must be participants (their keys are in every
// share), each by the dealer id of its latest key among held
// (aggregation.LatestDealerID: the coordinator checks the public-key share
// it keeps of that key), for each listed set that holds own.
func (s *steps) dealingCheckShares(t *cohortv1.ThresholdKeyTask, member map[common.Address]bool, share []byte, held []aggregation.PartyID, own uint64) ([][]byte, error) {
	if len(t.GetDealingCheckSeed()) != 32 {
		return nil, fmt.Errorf("%w: dealing-check seed of %d bytes, want 32", ErrChainMismatch, len(t.GetDealingCheckSeed()))
	}
	var dealers []aggregation.PartyID
	for _, b := range t.GetDealingCheckDealers() {
		a := common.BytesToAddress(b)
		if !member[a] {
			return nil, fmt.Errorf("%w: dealing check of %s, who is not a participant of study %d", ErrChainMismatch, a.Hex(), s.studyID)
		}
		dealers = append(dealers, aggregation.LatestDealerID(s.studyID, a.Bytes(), held))
	}
	sets := setsHolding(t.GetDealingCheckSets(), own)
	if len(sets) == 0 {
		return nil, nil
	}
	out, err := s.sealer.dealingCheckShares(share, s.pubKey, [32]byte(t.GetDealingCheckSeed()), dealers, sets)
	if err != nil {
		return nil, fmt.Errorf("participant %s: dealing check: %w", s.name, err)
	}
	return out, nil
}

// checkCommittee refuses share holders other than the study's decryption
// committee on chain, when the study has one: exactly its current members,
// each at its point (contracts.CommitteePoint), so a coordinator cannot
// have keys dealt to a committee the chain does not record. Without a
// committee every participant may hold shares.
func checkCommittee(study contracts.Study, holders map[uint64]common.Address) error {
	if study.Committee.Size == 0 {
		return nil
	}
	if !study.CommitteeCurrent {
		return fmt.Errorf("%w: the study's decryption committee on chain (epoch %d) is not current; the coordinator must select it before keys are dealt", ErrChainMismatch, study.CommitteeEpoch)
	}
	if len(holders) != len(study.Holders) {
		return fmt.Errorf("%w: %d share holders named, the study's committee on chain has %d members", ErrChainMismatch, len(holders), len(study.Holders))
	}
	for pt, a := range holders {
		if want := contracts.CommitteePoint(study.Holders, a); want != pt {
			return fmt.Errorf("%w: share holder %s at point %d, but the study's committee on chain puts it at point %d (0: not a member)", ErrChainMismatch, a.Hex(), pt, want)
		}
	}
	return nil
}

// onCommittee refuses key material or decryption work for a site that is
// not on the study's decryption committee on chain (when it has one).
func onCommittee(study contracts.Study, self common.Address) error {
	if study.Committee.Size != 0 && contracts.CommitteePoint(study.Holders, self) == 0 {
		return fmt.Errorf("%w: this site is not on the study's decryption committee on chain (epoch %d); it holds no key shares", ErrChainMismatch, study.CommitteeEpoch)
	}
	return nil
}

// beforeRoundOne refuses threshold dealing once round 1 has opened: it
// runs only before (re-sharings change the holders after), and a replayed
// task would deal this site's key afresh, or replace the threshold share
// in force with one a later re-sharing superseded.
func beforeRoundOne(what string, study contracts.Study) error {
	if study.CurrentRound > 0 {
		return fmt.Errorf("%w: %s asked again, but the chain has opened round %d; only a re-sharing changes the holders now", ErrChainMismatch, what, study.CurrentRound)
	}
	return nil
}

// dealtBy refuses a threshold share that deals another key than its
// signer's: a participant could otherwise pass off a dealing of its own
// choosing as another member's.
func dealtBy(share []byte, signer aggregation.PartyID) error {
	var ts aggregation.ThresholdShare
	if err := ts.UnmarshalBinary(share); err != nil {
		return fmt.Errorf("%w: threshold share from %s: %v", ErrChainMismatch, signer, err)
	}
	if ts.Dealer() != signer {
		return fmt.Errorf("%w: threshold share signed by %s deals the key of %s", ErrChainMismatch, signer, ts.Dealer())
	}
	return nil
}

// checkPublicKey refuses a collective key the coordinator names unless it
// is the one the chain records for the study.
func checkPublicKey(onChain, sent common.Hash) error {
	if onChain != sent {
		return fmt.Errorf("%w: collective public key is %s on chain, coordinator sent %s; this node uses no other key than the chain's, so nothing was encrypted: the coordinator must send the task again under the chain's key (the study's key can be set again until round 1 opens; a coordinator that keeps naming another key does not follow the chain)",
			ErrChainMismatch, onChain.Hex(), sent.Hex())
	}
	return nil
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
	// ownKeyEpoch is the key epoch of the key this site deals of its own
	// (cohortv1.ShareHolder.key_epoch of its entry): 0 but for a member
	// that holds no key and whose earlier key the holders hold.
	ownKeyEpoch uint32
}

// reshareParties lists the addresses a re-sharing names (dealers, then new
// holders), for the driver to read their standing on chain.
func reshareParties(dealers, holders []*cohortv1.ShareHolder) []common.Address {
	out := make([]common.Address, 0, len(dealers)+len(holders))
	for _, h := range append(slices.Clip(dealers), holders...) {
		out = append(out, common.BytesToAddress(h.GetAddress()))
	}
	return out
}

// checkReshare checks a re-sharing against the chain before this site
// takes part: it happens between round r-1 and round r (so a replayed
// re-sharing of an earlier epoch is refused), with the study's threshold,
// and every dealer and new holder is a participant in good standing (so no
// leaver or suspended member gets a share). suspended holds the named
// participants the chain records as suspended. It recomputes the set hash
// that binds every share to (study, r, threshold, dealers, holders).
func (s *steps) checkReshare(study contracts.Study, suspended map[common.Address]bool, round, threshold uint32, dealers, holders []*cohortv1.ShareHolder, setHash []byte) (*reshareSet, error) {
	switch {
	case round == 0 || study.CurrentRound != round-1 || study.RoundOpen:
		return nil, fmt.Errorf("%w: re-sharing for round %d, but the chain is at round %d (open: %t); a re-sharing happens only before the next round",
			ErrChainMismatch, round, study.CurrentRound, study.RoundOpen)
	case threshold != study.Threshold:
		return nil, fmt.Errorf("%w: coordinator asks for threshold %d, the study's is %d", ErrChainMismatch, threshold, study.Threshold)
	case len(dealers) == 0 && study.Committee.Size == 0:
		return nil, fmt.Errorf("%w: a re-sharing with no dealers, but study %d has no decryption committee (only an unchanged committee adds joiners' keys without re-sharing)", ErrChainMismatch, s.studyID)
	case len(dealers) != 0 && len(dealers) != int(threshold):
		return nil, fmt.Errorf("%w: %d dealers for threshold %d", ErrChainMismatch, len(dealers), threshold)
	case len(holders) < int(threshold):
		return nil, fmt.Errorf("%w: %d new holders for threshold %d", ErrChainMismatch, len(holders), threshold)
	}
	want := auth.ReshareSetHash(s.studyID, round, threshold, dealers, holders)
	if common.BytesToHash(setHash) != want {
		return nil, fmt.Errorf("%w: re-sharing set hash %x, the task's dealers and holders give %s", ErrChainMismatch, setHash, want.Hex())
	}
	member := participants(study)
	set := &reshareSet{setHash: want, dealers: map[common.Address]uint64{}, keys: map[uint64]*ecdsa.PublicKey{}, addrs: map[uint64]common.Address{}}
	seen := make(map[common.Address]bool, len(holders))
	good := func(raw []byte) (common.Address, error) {
		addr, err := parseAddress("re-sharing party", raw)
		if err != nil {
			return addr, err
		}
		if !member[addr] || suspended[addr] {
			return addr, fmt.Errorf("%w: %s takes part in the re-sharing but is not a participant in good standing of study %d", ErrChainMismatch, addr.Hex(), s.studyID)
		}
		return addr, nil
	}
	for _, d := range dealers {
		addr, err := good(d.GetAddress())
		if err != nil {
			return nil, err
		}
		if _, dup := set.dealers[addr]; dup {
			return nil, fmt.Errorf("%w: dealer %s listed twice", ErrChainMismatch, addr.Hex())
		}
		set.dealers[addr] = d.GetPoint()
	}
	for _, h := range holders {
		addr, err := good(h.GetAddress())
		if err != nil {
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
		if addr == s.self {
			set.own, set.ownKeyEpoch = pt, h.GetKeyEpoch()
		}
	}
	if err := checkCommittee(study, set.addrs); err != nil {
		return nil, err
	}
	return set, nil
}

// reshareDeal deals this site's threshold share afresh to a new holder
// set, as one of the t dealers, or, for a member that joined, its own key
// share; each share sealed to its recipient and signed over the
// re-sharing's epoch and set hash.
func (s *steps) reshareDeal(t *cohortv1.ReshareTask, study contracts.Study, suspended map[common.Address]bool) (ready, error) {
	if err := s.checkStudy("re-sharing", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	set, err := s.checkReshare(study, suspended, t.GetRound(), t.GetThreshold(), t.GetDealers(), t.GetHolders(), t.GetSetHash())
	if err != nil {
		return ready{}, err
	}
	var shares map[uint64][]byte
	var keep []secretWrite
	var keyShare []byte // a joiner's public-key share, sent with its dealing
	var keyShareAuth *cohortv1.Signed
	if mine, ok := set.dealers[s.self]; ok {
		if mine != s.point || s.point == 0 {
			return ready{}, fmt.Errorf("%w: asked to deal at point %d, this site holds point %d", ErrChainMismatch, mine, s.point)
		}
		dealerPoints := make([]uint64, 0, len(set.dealers))
		for _, pt := range set.dealers {
			dealerPoints = append(dealerPoints, pt)
		}
		slices.Sort(dealerPoints)
		if shares, err = s.sealer.reshareShares(dealerPoints, int(t.GetThreshold()), set.points); err != nil {
			return ready{}, fmt.Errorf("participant %s: re-sharing: %w", s.name, err)
		}
		if s.attack.Kind == AttackInconsistentResharing {
			if err := s.sealer.shiftLowestOther(shares, s.point); err != nil {
				return ready{}, err
			}
		}
	} else {
		// A member that joins deals its own key share to the new holders:
		// its updates are encrypted under it, and the holders must be able
		// to open aggregates that include them.
		// With a committee, a member that joins deals to it whether or not
		// it sits on it.
		if s.point != 0 {
			// A member that left and joined again: the holders keep its
			// key and refuse a second one under its identity.
			return ready{}, fmt.Errorf("%w: asked to deal its own key, but this site holds a share (point %d) of the study's keys, its own among them: it took part before, and the holders keep its key; a coordinator takes a member that left and joined again back without a dealing (one from before 2026-12-07 does not: upgrade it)", ErrChainMismatch, s.point)
		}
		if set.own == 0 && study.Committee.Size == 0 {
			return ready{}, fmt.Errorf("%w: asked to deal its own key, but this site is not a new holder", ErrChainMismatch)
		}
		// With its dealing goes its public-key share, for the collective
		// key's CRS (s.pubKey, checked against the chain): the holders'
		// dealing check of the shares it dealt needs it.
		// A reinstalled node that lost its key deals a fresh one under the
		// key epoch the re-sharing names; the holders take it only under
		// the epoch after the latest of its keys they hold.
		id := aggregation.DealerIDAt(s.studyID, s.self.Bytes(), set.ownKeyEpoch)
		if shares, keyShare, err = s.sealer.dealOwnKey(int(t.GetThreshold()), set.points, s.pubKey, id); err != nil {
			return ready{}, fmt.Errorf("participant %s: deal own key: %w", s.name, err)
		}
		if keyShareAuth, err = auth.Sign(s.key, s.studyID, t.GetRound(), auth.KindPublicKey, crypto.Keccak256Hash(keyShare)); err != nil {
			return ready{}, err
		}
		if s.attack.Kind == AttackInconsistentDealing {
			if shares, err = s.sealer.inconsistentShares(int(t.GetThreshold()), set.points, set.own, s.attack.Scale != 0); err != nil {
				return ready{}, fmt.Errorf("participant %s: deal own key: %w", s.name, err)
			}
		}
		if keep, err = s.secretsToKeep(); err != nil {
			return ready{}, err
		}
	}
	// Each sealed share goes in pieces, each signed, over as many
	// submissions as they need (protocol.ResharePieceBytes): a re-shared
	// share holds every dealer's key and grows with the study.
	var pieces []*cohortv1.EncryptedShare
	for _, pt := range set.points {
		sealed, err := auth.SealTo(set.keys[pt], shares[pt])
		if err != nil {
			return ready{}, err
		}
		to := set.addrs[pt]
		cut := protocol.SplitPieces(sealed, s.pieceBytes)
		for i, piece := range cut {
			signed, err := auth.Sign(s.key, s.studyID, t.GetRound(), auth.KindReshareShare, auth.ReshareContent(to, set.setHash, uint32(i), uint32(len(cut)), piece))
			if err != nil {
				return ready{}, err
			}
			pieces = append(pieces, &cohortv1.EncryptedShare{Recipient: to.Bytes(), Ciphertext: piece, Auth: signed, Piece: uint32(i), Pieces: uint32(len(cut))})
		}
	}
	rd := ready{keep: keep}
	for i, part := range protocol.PackPieces(pieces, s.pieceBytes) {
		sub := &cohortv1.ReshareSharesSubmission{StudyId: s.studyID, Round: t.GetRound(), SetHash: set.setHash.Bytes(), Shares: part}
		if i == 0 {
			sub.PublicKeyShare, sub.PublicKeyShareAuth = keyShare, keyShareAuth
			rd.send = sub
		} else {
			rd.more = append(rd.more, sub)
		}
	}
	return rd, nil
}

// everJoined counts the members that ever joined the study: its
// participants and the departed (contracts.Departures), each once.
func everJoined(study contracts.Study, departed []common.Address) int {
	all := participants(study)
	for _, a := range departed {
		all[a] = true
	}
	return len(all)
}

// sealedShareBytes is protocol.SealedShareBytes at this site's scheme; 0
// without one (plaintext, where nothing is re-shared).
func (s *steps) sealedShareBytes(keys, points, dealers int) int {
	h, ok := s.sealer.(*homomorphicSealer)
	if !ok {
		return 0
	}
	return protocol.SealedShareBytes(h.scheme, keys, points, dealers)
}

// reshareInbox gathers the share pieces a re-sharing relays to this site
// over several ReshareKeyTasks, until total have come.
type reshareInbox struct {
	round   uint32
	setHash common.Hash
	relay   string // the tasks' relay_id
	total   int
	got     int
	pieces  map[common.Address][][]byte // by dealer, indexed by piece
}

// shareBound is the most one dealer's sealed share may take, by what the
// chain says it holds (of: said in a refusal); bytes 0 bounds nothing.
type shareBound struct {
	bytes int
	of    string
}

// takePieces checks the pieces of one ReshareKeyTask (each addressed to
// this site, signed by a dealer of the set or a member dealing its own
// key, in its place, its share within the bound bound gives for its dealer)
// and adds them to the re-sharing's inbox; a task announcing more than
// maxTotal pieces in all (0: no bound) is refused. A piece already there
// with the same bytes (a task sent again) is skipped; any other piece in a
// taken place is refused. Nothing of a refused task is kept, and no room is
// made for a share before its count and bytes are checked. A task of
// another relay (another relay_id) starts afresh.
func (s *steps) takePieces(t *cohortv1.ReshareKeyTask, set *reshareSet, bound func(common.Address) (shareBound, error), maxTotal int) (*reshareInbox, error) {
	total := int(t.GetTotalShares())
	if total == 0 {
		total = len(t.GetShares())
	}
	if total < len(set.dealers) {
		return nil, fmt.Errorf("%w: %d re-sharing shares for %d dealers", ErrChainMismatch, total, len(set.dealers))
	}
	if maxTotal > 0 && total > maxTotal {
		return nil, fmt.Errorf("%w: the relay announces %d re-sharing share pieces, the chain allows at most %d from the dealers and members dealing their own keys it names", ErrChainMismatch, total, maxTotal)
	}
	in := s.reshareIn
	if in == nil || in.round != t.GetRound() || in.setHash != set.setHash || in.relay != string(t.GetRelayId()) || in.total != total {
		in = &reshareInbox{round: t.GetRound(), setHash: set.setHash, relay: string(t.GetRelayId()), total: total, pieces: map[common.Address][][]byte{}}
	}
	type place struct {
		dealer common.Address
		piece  uint32
	}
	took := make(map[place][]byte, len(t.GetShares())) // new pieces
	seen := make(map[place]bool, len(t.GetShares()))
	count := make(map[common.Address]uint32)
	size := make(map[common.Address]int) // bytes of each dealer's pieces, taken and new
	for _, sh := range t.GetShares() {
		if common.BytesToAddress(sh.GetRecipient()) != s.self {
			return nil, fmt.Errorf("%w: relayed a share addressed to %x", ErrChainMismatch, sh.GetRecipient())
		}
		if err := protocol.CheckPiece(sh); err != nil {
			return nil, fmt.Errorf("%w: re-sharing share: %v", ErrChainMismatch, err)
		}
		dealer, err := auth.Verify(sh.GetAuth(), s.studyID, t.GetRound(), auth.KindReshareShare, auth.ReshareContent(s.self, set.setHash, sh.GetPiece(), sh.GetPieces(), sh.GetCiphertext()))
		if err != nil {
			return nil, fmt.Errorf("participant %s: re-sharing share: %w", s.name, err)
		}
		most, err := bound(dealer)
		if err != nil {
			return nil, err
		}
		if _, ok := size[dealer]; !ok {
			for _, p := range in.pieces[dealer] {
				size[dealer] += len(p)
			}
		}
		var before []byte
		if have := in.pieces[dealer]; have != nil && int(sh.GetPiece()) < len(have) {
			before = have[sh.GetPiece()]
		}
		if before == nil {
			size[dealer] += len(sh.GetCiphertext())
		}
		if err := protocol.CheckShareBound(sh.GetPieces(), size[dealer], most.bytes, s.pieceBytes); err != nil {
			return nil, fmt.Errorf("%w: dealer %s's re-sharing share: %v; the chain allows %s", ErrChainMismatch, dealer.Hex(), err, most.of)
		}
		n, ok := count[dealer]
		if have := in.pieces[dealer]; !ok && have != nil {
			n, ok = uint32(len(have)), true
		}
		if ok && n != sh.GetPieces() {
			return nil, fmt.Errorf("%w: dealer %s's share in %d pieces, elsewhere in %d", ErrChainMismatch, dealer.Hex(), sh.GetPieces(), n)
		}
		count[dealer] = sh.GetPieces()
		at := place{dealer, sh.GetPiece()}
		if seen[at] || (before != nil && !bytes.Equal(before, sh.GetCiphertext())) {
			return nil, fmt.Errorf("%w: two re-sharing shares from dealer %s (piece %d)", ErrChainMismatch, dealer.Hex(), sh.GetPiece())
		}
		seen[at] = true
		if before == nil {
			took[at] = sh.GetCiphertext()
		}
	}
	if in.got+len(took) > in.total {
		return nil, fmt.Errorf("%w: more than the %d re-sharing share pieces announced", ErrChainMismatch, in.total)
	}
	for at, piece := range took {
		if in.pieces[at.dealer] == nil {
			in.pieces[at.dealer] = make([][]byte, count[at.dealer])
		}
		in.pieces[at.dealer][at.piece] = piece
	}
	in.got += len(took)
	s.reshareIn = in
	return in, nil
}

// reshareKey opens the re-sharing shares dealt to this site, checks that
// each is signed by a distinct dealer of the set for this epoch and set, and
// combines them into a new threshold share, kept pending (encrypted in the
// keystore) until the coordinator commits the re-sharing. departed are the
// members the chain records as having left the study (contracts.Departures):
// with its participants, the members whose keys a share may carry, which
// bound what each dealer may send (see takePieces).
func (s *steps) reshareKey(t *cohortv1.ReshareKeyTask, study contracts.Study, suspended map[common.Address]bool, departed []common.Address) (ready, error) {
	if err := s.checkStudy("re-sharing key", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	set, err := s.checkReshare(study, suspended, t.GetRound(), t.GetThreshold(), t.GetDealers(), t.GetHolders(), t.GetSetHash())
	if err != nil {
		return ready{}, err
	}
	if set.own == 0 {
		return ready{}, fmt.Errorf("%w: this site is not among the new share holders", ErrChainMismatch)
	}
	// With no dealers, nothing is re-shared: this site adds the joiners'
	// keys to the share it holds, which must be at the same point (and,
	// as AddDealer checks, over the same holders and threshold).
	if len(set.dealers) == 0 && (s.point == 0 || set.own != s.point) {
		return ready{}, fmt.Errorf("%w: a re-sharing with no dealers would have this site at point %d, it holds point %d: only a current holder at its own point adds joiners' keys", ErrChainMismatch, set.own, s.point)
	}
	holders := make(map[common.Address]bool, len(set.addrs))
	for _, a := range set.addrs {
		holders[a] = true
	}
	member := participants(study)
	// A member dealing its own key is a new holder or, with a committee,
	// any participant (members that join deal to it).
	joiner := func(a common.Address) bool {
		_, isDealer := set.dealers[a]
		return !isDealer && (holders[a] || (study.Committee.Size != 0 && member[a] && !suspended[a]))
	}
	// What the chain allows each to send: a re-shared share carries a
	// share of the key of every member that ever joined (one that left
	// too: its key stays in the shares) and of each fresh key a member
	// dealt after it left (at most one per departure: it deals one when a
	// re-sharing takes it back without its key), a member's own dealing
	// one key. A holder also allows the keys its share holds: a dealer
	// re-shares exactly those.
	held, err := s.sealer.heldKeys(nil)
	if err != nil {
		return ready{}, err
	}
	keys := max(everJoined(study, departed)+len(departed), len(held))
	n := s.sealedShareBytes(keys, len(set.points), len(set.dealers))
	dealerBound := shareBound{n, fmt.Sprintf("%d bytes for a re-shared share of %d keys (of the members that ever joined study %d, and fresh keys dealt after %d departures), to %d holders", n, keys, s.studyID, len(departed), len(set.points))}
	n = s.sealedShareBytes(1, len(set.points), 0)
	ownBound := shareBound{n, fmt.Sprintf("%d bytes for a member's dealing of its own key to %d holders", n, len(set.points))}
	maxTotal := 0 // in all, from the dealers and every member that may deal its own key (holders are participants)
	if dealerBound.bytes > 0 {
		maxTotal = len(set.dealers) * int(protocol.SharePieces(dealerBound.bytes, s.pieceBytes))
		for a := range member {
			if joiner(a) {
				maxTotal += int(protocol.SharePieces(ownBound.bytes, s.pieceBytes))
			}
		}
	}
	in, err := s.takePieces(t, set, func(dealer common.Address) (shareBound, error) {
		if _, isDealer := set.dealers[dealer]; isDealer {
			return dealerBound, nil
		}
		if !joiner(dealer) {
			return shareBound{}, fmt.Errorf("%w: re-sharing share from %s, who is neither a dealer nor a new holder", ErrChainMismatch, dealer.Hex())
		}
		return ownBound, nil
	}, maxTotal)
	if err != nil {
		return ready{}, err
	}
	if in.got < in.total {
		return ready{}, nil // more pieces to come
	}
	s.reshareIn = nil
	var reshared, dealt [][]byte
	var resharedBy, dealtByAddr []common.Address
	for _, dealer := range slices.SortedFunc(maps.Keys(in.pieces), common.Address.Cmp) {
		pieces := in.pieces[dealer]
		if slices.ContainsFunc(pieces, func(p []byte) bool { return p == nil }) {
			return ready{}, fmt.Errorf("%w: dealer %s's re-sharing share is missing pieces", ErrChainMismatch, dealer.Hex())
		}
		plain, err := auth.Open(s.key, slices.Concat(pieces...))
		if err != nil {
			return ready{}, fmt.Errorf("participant %s: re-sharing share from %s: %w", s.name, dealer.Hex(), err)
		}
		if _, isDealer := set.dealers[dealer]; isDealer {
			reshared, resharedBy = append(reshared, plain), append(resharedBy, dealer)
		} else { // a new member's dealing of its own key
			dealt, dealtByAddr = append(dealt, plain), append(dealtByAddr, dealer)
		}
	}
	if len(reshared) != len(set.dealers) {
		return ready{}, fmt.Errorf("%w: %d re-sharing shares for %d dealers", ErrChainMismatch, len(reshared), len(set.dealers))
	}
	// A member dealing its own key deals it under the one dealer id the
	// keys held before allow (aggregation.NextDealerID): its first key's,
	// or a fresh key's under the epoch after its latest (it lost its key);
	// never the id of a key held, which earlier updates were encrypted
	// under.
	before, err := s.keysBefore(reshared)
	if err != nil {
		return ready{}, err
	}
	dealtBy := make([]aggregation.PartyID, len(dealtByAddr))
	for i, a := range dealtByAddr {
		if err := freshKeyAllowed(s.studyID, a, before, departed); err != nil {
			return ready{}, err
		}
		dealtBy[i] = aggregation.NextDealerID(s.studyID, a.Bytes(), before)
	}
	share, err := s.sealer.reshareKey(set.own, reshared, dealt, dealtBy)
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: re-sharing: %w", s.name, err)
	}
	// checkReshare checked the holders are the chain's current committee.
	pending := pendingShare{epoch: t.GetRound(), setHash: set.setHash, share: share, selection: study.CommitteeEpoch}
	if s.pending != nil && bytes.Equal(s.pending.share, share) {
		pending.checkScope = s.pending.checkScope // the same share, relayed again
	}
	signed, err := auth.Sign(s.key, s.studyID, t.GetRound(), auth.KindReshareKey, set.setHash)
	if err != nil {
		return ready{}, err
	}
	conf := &cohortv1.ReshareKeyConfirmation{StudyId: s.studyID, Round: t.GetRound(), SetHash: set.setHash.Bytes(), Auth: signed}
	if len(t.GetDealingCheckSeed()) > 0 {
		// The first check's sets are derived from the new holders the
		// task names (checked against the chain and the set hash above).
		first, err := newFirstCheck(s.studyID, shamirPoints(set.points), int(t.GetThreshold()), nil)
		if err != nil {
			return ready{}, err
		}
		check := dealingCheckOf(t, t.GetDealingCheckDealers())
		scope, err := pending.checkScope.admit(check, set.own, first, false)
		if err != nil {
			return ready{}, err
		}
		if conf.DealingCheckShares, err = s.reshareCheckShares(t, member, dealtBy, before, share, set.own, reshared, resharedBy); err != nil {
			return ready{}, err
		}
		if conf.DealingCheckAuth, err = s.signReshareCheck(t, set.own, conf.DealingCheckShares); err != nil {
			return ready{}, err
		}
		pending.checkScope = scope
	}
	s.pending = &pending
	return ready{
		// The record first: a crash between the two leaves one that names
		// another re-sharing or share than the pending share.
		keep: []secretWrite{{s.pendingEpochName(), pendingRecord(pending)}, {s.pendingName(), pending.encode()}},
		send: conf,
	}, nil
}

// reshareCheckShares gives the dealing-check shares a ReshareKeyTask asks
// of the pending share share at point own: of the check of the listed
// dealers' keys (none if it lists none; each its latest among before,
// the keys held before this re-sharing, whose public-key shares the
// coordinator keeps), then of each joiner's key alone. A joiner must be
// among joined, the members that dealt their own keys in this re-sharing
// (a fresh key's included): only theirs came with a public-key share. With
// resharers listed, the shares are of the dealers' keys only, with the
// part of the pending share those of the re-sharing's dealers dealt
// (reshared[i] by resharedBy[i]): the bisection over them.
func (s *steps) reshareCheckShares(t *cohortv1.ReshareKeyTask, member map[common.Address]bool, joined, before []aggregation.PartyID, share []byte, own uint64, reshared [][]byte, resharedBy []common.Address) ([][]byte, error) {
	if len(t.GetDealingCheckResharers()) > 0 {
		part, err := s.resharePart(t, own, reshared, resharedBy)
		if err != nil {
			return nil, err
		}
		check := dealingCheckOf(t, t.GetDealingCheckDealers())
		held, err := s.sealer.heldKeys(part)
		if err != nil {
			return nil, err
		}
		return s.dealingCheckShares(check, member, part, held, own)
	}
	groups := [][][]byte{t.GetDealingCheckDealers()}
	for _, b := range t.GetDealingCheckJoiners() {
		a, err := parseAddress("dealing-check joiner", b)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(joined, aggregation.NextDealerID(s.studyID, a.Bytes(), before)) {
			return nil, fmt.Errorf("%w: dealing check of %s's key as a joiner's, but it dealt no key of its own in this re-sharing", ErrChainMismatch, a.Hex())
		}
		groups = append(groups, [][]byte{b})
	}
	// The dealers' keys are the latest held before this re-sharing; a
	// joiner's, the one it dealt (the latest in the pending share).
	pending, err := s.sealer.heldKeys(share)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for i, dealers := range groups {
		if len(dealers) == 0 {
			continue
		}
		held := pending
		if i == 0 {
			held = before
		}
		check := dealingCheckOf(t, dealers)
		shares, err := s.dealingCheckShares(check, member, share, held, own)
		if err != nil {
			return nil, err
		}
		out = append(out, shares...)
	}
	return out, nil
}

// dealingCheckOf is the dealing check t asks, of the keys of dealers, as
// a ThresholdKeyTask asks it.
func dealingCheckOf(t *cohortv1.ReshareKeyTask, dealers [][]byte) *cohortv1.ThresholdKeyTask {
	return &cohortv1.ThresholdKeyTask{DealingCheckSeed: t.GetDealingCheckSeed(), DealingCheckDealers: dealers, DealingCheckSets: t.GetDealingCheckSets()}
}

// freshKeyAllowed refuses a fresh key of member (one whose key the keys
// held before hold) unless the chain records as many departures of it
// (departed: every departure from the study) as the fresh key's epoch: a
// member deals one fresh key per time it left (or was voted out) and
// joined again, so no member adds keys to every holder's share at will,
// and the keys a re-shared share may carry stay bounded by the members
// that ever joined and the departures.
func freshKeyAllowed(study uint64, member common.Address, before []aggregation.PartyID, departed []common.Address) error {
	e, ok := aggregation.KeyEpoch(study, member.Bytes(), before)
	if !ok {
		return nil // its first key
	}
	if left := countOf(departed, member); left < int(e)+1 {
		return fmt.Errorf("%w: %s deals a key of its own, but the holders hold its key (key epoch %d) and the chain records %d departures of it from study %d: a member deals another key (a fresh one, of key epoch %d) only after it left (or was voted out) and joined again, once per departure",
			ErrChainMismatch, member.Hex(), e, left, study, e+1)
	}
	return nil
}

// countOf counts a in list.
func countOf(list []common.Address, a common.Address) int {
	n := 0
	for _, b := range list {
		if b == a {
			n++
		}
	}
	return n
}

// keysBefore are the dealer ids of the keys held before a re-sharing: those
// the dealers re-shared (reshared, which carry the same keys), or, when
// nothing is re-shared, the share in force's.
func (s *steps) keysBefore(reshared [][]byte) ([]aggregation.PartyID, error) {
	if len(reshared) == 0 {
		return s.sealer.heldKeys(nil)
	}
	var ts aggregation.ThresholdShare
	if err := ts.UnmarshalBinary(reshared[0]); err != nil {
		return nil, fmt.Errorf("%w: re-sharing share: %v", ErrChainMismatch, err)
	}
	return ts.Keys(), nil
}

// resharePart is the part of the pending share at point own that the
// re-sharing's dealers t lists in dealing_check_resharers dealt: each must
// be one of them (resharedBy, with what each dealt, sorted as the
// coordinator bisects them), once, not all, and together a part a
// bisection of them asks (aggregation.IsBisectionPart): every other part
// is one more smudged sample of the share.
func (s *steps) resharePart(t *cohortv1.ReshareKeyTask, own uint64, reshared [][]byte, resharedBy []common.Address) ([]byte, error) {
	if len(t.GetDealingCheckJoiners()) > 0 {
		return nil, fmt.Errorf("%w: a dealing check of the part some re-sharing dealers dealt, with joiners' keys", ErrChainMismatch)
	}
	var part [][]byte
	var listed []common.Address
	seen := map[common.Address]bool{}
	for _, b := range t.GetDealingCheckResharers() {
		a, err := parseAddress("dealing-check re-sharing dealer", b)
		if err != nil {
			return nil, err
		}
		i := slices.Index(resharedBy, a)
		if i < 0 || seen[a] {
			return nil, fmt.Errorf("%w: dealing check of the part %s dealt, but it is not a dealer of this re-sharing, or is listed twice", ErrChainMismatch, a.Hex())
		}
		seen[a] = true
		part, listed = append(part, reshared[i]), append(listed, a)
	}
	if len(part) == len(reshared) {
		return nil, fmt.Errorf("%w: dealing check of the part every re-sharing dealer dealt: that is the whole pending share, asked without dealers listed", ErrChainMismatch)
	}
	if !aggregation.IsBisectionPart(resharedBy, listed) {
		return nil, fmt.Errorf("%w: a dealing check of the part %d re-sharing dealers dealt that is %s", ErrChainMismatch, len(listed), notABisectionPart(fmt.Sprintf("the re-sharing's %d dealers, sorted", len(resharedBy))))
	}
	out, err := s.sealer.resharePart(own, part)
	if err != nil {
		return nil, fmt.Errorf("participant %s: dealing check: %w", s.name, err)
	}
	return out, nil
}

// signReshareCheck signs this holder's answer to a re-sharing's dealing
// check (auth.ReshareDealingCheckContent) at its new point own: the
// evidence on which the coordinator's verdict is re-checked.
func (s *steps) signReshareCheck(t *cohortv1.ReshareKeyTask, own uint64, shares [][]byte) (*cohortv1.Signed, error) {
	content := auth.ReshareDealingCheckContent(common.BytesToHash(t.GetSetHash()), wireAddresses(t.GetDealingCheckResharers()), wireAddresses(t.GetDealingCheckJoiners()),
		s.pkHash, [32]byte(t.GetDealingCheckSeed()), own, wireAddresses(t.GetDealingCheckDealers()), wireSets(t.GetDealingCheckSets()), shares)
	return auth.Sign(s.key, s.studyID, t.GetRound(), auth.KindReshareDealingCheck, content)
}

// wireAddresses decodes the addresses a task lists.
func wireAddresses(raw [][]byte) []common.Address {
	var out []common.Address
	for _, b := range raw {
		out = append(out, common.BytesToAddress(b))
	}
	return out
}

// wireSets decodes the point sets a task lists.
func wireSets(sets []*cohortv1.PointSet) [][]uint64 {
	var out [][]uint64
	for _, set := range sets {
		out = append(out, set.GetPoints())
	}
	return out
}

// reshareCommit puts the pending share of the committed re-sharing in
// force, once the commit proves that t new holders confirmed it
// (auth.VerifyReshareCommit), and erases the old threshold share from
// memory and the keystore, so a removed party's old share has nothing left
// to combine with. The member's own key share stays: it encrypts its
// updates. A commit already applied is ignored (an empty ready).
func (s *steps) reshareCommit(t *cohortv1.ReshareCommitTask) (ready, error) {
	if err := s.checkStudy("re-sharing commit", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	setHash := common.BytesToHash(t.GetSetHash())
	if s.shareEpoch == t.GetRound() && s.shareSet == setHash {
		return ready{}, nil
	}
	if s.pending == nil || s.pending.epoch != t.GetRound() || s.pending.setHash != setHash {
		return ready{}, fmt.Errorf("participant %s: %w (round %d, set %s); this site keeps its old share and will be re-shared to again", s.name, errNoPendingShare, t.GetRound(), setHash.Hex())
	}
	// The pending share's set was checked against the chain (threshold
	// included) when it came; the set hash binds the commit to it.
	if _, err := auth.VerifyReshareCommit(s.studyID, t); err != nil {
		return ready{}, fmt.Errorf("participant %s: %w; this site keeps its old share", s.name, err)
	}
	point, err := s.sealer.activate(s.pending.share)
	if err != nil {
		return ready{}, err
	}
	// Order matters for a crash: the pending entry goes last, so a
	// restarted node can always apply the commit again.
	keep := []secretWrite{
		{s.thresholdName(), s.pending.share},
		{s.epochName(), epochRecord(t.GetRound(), setHash, s.pending.selection)},
	}
	if s.pending.checkScope != nil { // the share keeps the scope it was checked for
		keep = append(keep, secretWrite{s.dealingSeedName(), dealingScopeRecord(s.pending.share, *s.pending.checkScope)})
	}
	keep = append(keep, secretWrite{s.pendingName(), nil}, secretWrite{s.pendingEpochName(), nil})
	s.point, s.shareEpoch, s.shareSet, s.shareSelection, s.checkScope, s.pending = point, t.GetRound(), setHash, s.pending.selection, s.pending.checkScope, nil
	return ready{keep: keep}, nil
}

// retireShare answers a re-sharing commit that brought this site no new
// share, with a decryption committee: if the commit hands the keys to a
// committee selection this site is not on, later than the one its share
// was made for, its old threshold share is erased from memory and the
// keystore, so that the old committee's shares combine with nothing (a
// member rotated out or that left the committee is revoked as a leaver
// is). A site on that selection keeps its share and is re-shared to again
// (noPending, as reshareCommit says).
//
// The commit is checked against the selection it names
// (ReshareCommitTask.committee_epoch), found among selections (the chain's
// CommitteeSelected events, contracts.CommitteeSelections), not against the
// chain's latest: hand-overs may follow each other before this site reads
// the chain. Erasing cannot be undone, so nothing is erased on a selection
// the chain never made, on holders or confirmations other than that
// selection's members at their points, on fewer than the study's
// threshold of their confirmations, or on a hand-over to a selection no
// later than this site's share's (an old commit replayed). A pending share
// of a later selection stays: its commit is still to come; one of that
// selection or an earlier one goes with the share in force (or alone, at a
// site that holds none), on the same proof.
func (s *steps) retireShare(t *cohortv1.ReshareCommitTask, study contracts.Study, selections []contracts.Committee, noPending error) (ready, error) {
	if err := s.checkStudy("re-sharing commit", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	if study.Committee.Size == 0 {
		return ready{}, noPending
	}
	named := t.GetCommitteeEpoch()
	i := slices.IndexFunc(selections, func(c contracts.Committee) bool { return c.Epoch == named })
	if named == 0 || i < 0 {
		return ready{}, fmt.Errorf("%w: re-sharing commit for committee selection %d, which the chain never made (%d selections); this site keeps its old share", ErrChainMismatch, named, len(selections))
	}
	selection := selections[i]
	if selection.Has(s.self) {
		return ready{}, noPending
	}
	// A pending share of that selection or an earlier one goes too: its
	// commit, replayed, would make this site a holder the keys have left.
	dropPending := s.pending != nil && s.pendingSuperseded(named, selections)
	if s.point == 0 && !dropPending {
		return ready{}, nil
	}
	if s.point != 0 {
		if err := s.notReplayed(named, selections); err != nil {
			return ready{}, err
		}
	}
	// This site saw none of the re-sharing: it erases its share only on
	// proof that a threshold of the selection's members hold the new ones.
	if _, err := auth.VerifyReshareCommit(s.studyID, t); err != nil {
		return ready{}, fmt.Errorf("participant %s: %w; this site keeps its old share", s.name, err)
	}
	if t.GetThreshold() != study.Threshold {
		return ready{}, fmt.Errorf("%w: re-sharing commit at threshold %d, the study's is %d; this site keeps its old share", ErrChainMismatch, t.GetThreshold(), study.Threshold)
	}
	// The confirmers are among the holders (VerifyReshareCommit).
	for _, h := range t.GetHolders() {
		a := common.BytesToAddress(h.GetAddress())
		if pt := contracts.CommitteePoint(selection.Members, a); pt == 0 || pt != h.GetPoint() {
			return ready{}, fmt.Errorf("%w: re-sharing commit names %s at point %d, but committee selection %d on chain puts it at point %d (0: not a member); this site keeps its old share", ErrChainMismatch, a.Hex(), h.GetPoint(), named, pt)
		}
	}
	var keep []secretWrite
	if s.point != 0 {
		s.sealer.retire()
		s.point, s.shareEpoch, s.shareSet, s.shareSelection = 0, t.GetRound(), common.BytesToHash(t.GetSetHash()), named
		keep = []secretWrite{{s.thresholdName(), nil}, {s.epochName(), epochRecord(t.GetRound(), s.shareSet, named)}}
	}
	// A pending share of a later selection is this site's next share:
	// its commit is still to come.
	if dropPending || s.pending == nil {
		s.pending = nil
		keep = append(keep, secretWrite{s.pendingName(), nil}, secretWrite{s.pendingEpochName(), nil})
	}
	return ready{keep: keep}, nil
}

// pendingSuperseded reports whether the pending share is of committee
// selection named or an earlier one, which a hand-over to named
// supersedes. Where its selection is unknown (a keystore of an earlier
// release) it is when this site is on no selection on chain later than
// named: a pending share is of a selection its holder is on.
func (s *steps) pendingSuperseded(named uint32, selections []contracts.Committee) bool {
	if s.pending.selection != 0 {
		return s.pending.selection <= named
	}
	return laterSelectionWith(s.self, named, selections) == 0
}

// laterSelectionWith is a committee selection on chain later than named
// that member is on; 0 if there is none.
func laterSelectionWith(member common.Address, named uint32, selections []contracts.Committee) uint32 {
	for _, c := range selections {
		if c.Epoch > named && c.Has(member) {
			return c.Epoch
		}
	}
	return 0
}

// notReplayed refuses a commit handing the keys to committee selection
// named when this site's share is of that selection or a later one (an old
// hand-over's commit replayed). Where the share's selection is unknown (a
// keystore of an earlier release) it refuses one if this site is on any
// later selection on chain, which its share may be of.
func (s *steps) notReplayed(named uint32, selections []contracts.Committee) error {
	if s.shareSelection != 0 {
		if named <= s.shareSelection {
			return fmt.Errorf("%w: re-sharing commit for committee selection %d, but this site's share was made for selection %d: an earlier hand-over's commit; this site keeps its share", ErrChainMismatch, named, s.shareSelection)
		}
		return nil
	}
	if later := laterSelectionWith(s.self, named, selections); later != 0 {
		return fmt.Errorf("%w: re-sharing commit for committee selection %d, but this site is on the later selection %d, which its share may be of; this site keeps its share", ErrChainMismatch, named, later)
	}
	return nil
}
