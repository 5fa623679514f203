package participant

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// The moments phase (pooled standardisation, before round 1): a node
// counts its consented training records, encrypts their moments, helps
// decrypt only the sum of at least max(2, the study's minimum) sites, and
// accepts only the standardiser it decrypts itself from signed shares.

// momentsFacts is what a moments step checks the coordinator's claims
// against: the study on chain (participants, minimum, key, threshold,
// round) and the blobs the task names.
type momentsFacts struct {
	study contracts.Study
	// contributions are the signed moments ciphertexts, in task order; the
	// driver fetches them only once the counts check out.
	contributions [][]byte
	aggregate     []byte // the sum the task names
	// pinned is the moments sum the chain pins for the study (zero if
	// none): the only one a holder decrypts.
	pinned common.Hash
}

// checkMode refuses a task of a study whose standardisation is not this node's.
func (s *steps) checkMode(study string) error {
	mode, err := records.ParseStandardisation(study, records.StandardiseNone)
	if err != nil {
		return fmt.Errorf("%w: %v; upgrade this node, or set its standardise option to the study's", ErrStandardisation, err)
	}
	if mode != s.standardisation {
		return fmt.Errorf("%w: the study uses %q standardisation, %s is configured for %q; set its standardise option to %q (all parties of a study must agree)",
			ErrStandardisation, mode, s.name, s.standardisation, mode)
	}
	return nil
}

// checkGroups refuses a standardiser that whitens other one-hot groups
// than this node's schema and recipe give.
func (s *steps) checkGroups(groups [][]int) error {
	if !slices.EqualFunc(groups, s.groups, slices.Equal[[]int]) {
		return fmt.Errorf("%w: the standardiser whitens the one-hot groups %v, this node's schema and recipe give %v; use the study's schema and recipe", ErrBadStandardiser, groups, s.groups)
	}
	return nil
}

// checkScales refuses a moments encoding with other scales than this node's schema.
func (s *steps) checkScales(scales []float64) error {
	if !slices.Equal(scales, s.scales) {
		return fmt.Errorf("%w: the coordinator encodes moments with scales %v, this node's schema gives %v; use the study's schema", ErrStandardisation, scales, s.scales)
	}
	return nil
}

// prepare standardises records for training or evaluation as the study says.
func (s *steps) prepare(recs []records.Record, standardiserHash []byte) ([]records.Record, error) {
	if s.standardisation != records.StandardisePooled {
		return recs, nil
	}
	if s.agreed == nil {
		return nil, fmt.Errorf("%w: %s has no pooled standardiser; it takes part in the moments phase before round 1 (or restore its data directory)", ErrNoStandardiser, s.name)
	}
	if standardiserHash != nil && common.BytesToHash(standardiserHash) != s.agreed.hash {
		return nil, fmt.Errorf("%w: the task names standardiser %x, this node agreed on %s", ErrChainMismatch, standardiserHash, s.agreed.hash.Hex())
	}
	return s.agreed.std.Apply(recs)
}

// checkStandardiserOnChain refuses to train with pooled standardisation
// when the chain records another standardiser than the one this node agreed
// on (the coordinator records it before round 1).
func (s *steps) checkStandardiserOnChain(study contracts.Study) error {
	if s.standardisation != records.StandardisePooled || s.agreed == nil {
		return nil
	}
	if h := study.StandardiserHash; h != (common.Hash{}) && h != s.agreed.hash {
		return fmt.Errorf("%w: the chain records standardiser %s, this node agreed on %s", ErrChainMismatch, h.Hex(), s.agreed.hash.Hex())
	}
	return nil
}

// momentsCountCheck checks a MomentsCountTask before the driver reads the
// consent it needs; momentsCount checks it again.
func (s *steps) momentsCountCheck(t *cohortv1.MomentsCountTask) error {
	if err := s.checkStudy("moments count", t.GetStudyId()); err != nil {
		return err
	}
	if err := s.checkMode(string(records.StandardisePooled)); err != nil {
		return err
	}
	if err := s.checkScales(t.GetScales()); err != nil {
		return err
	}
	if len(t.GetSession()) != 32 {
		return fmt.Errorf("%w: moments session is %d bytes, want 32", ErrBadStandardiser, len(t.GetSession()))
	}
	return nil
}

// momentsCount answers the moments phase's first task: the signed count of
// this site's consented training records (used; public: the site commits
// the same count every round). It computes its moments over the same
// records and keeps them for the run.
func (s *steps) momentsCount(t *cohortv1.MomentsCountTask, used []records.Record) (ready, error) {
	if err := s.momentsCountCheck(t); err != nil {
		return ready{}, err
	}
	// A run counts once: a task of the same run sent again gets the same
	// count and keeps the moments (and what was encrypted of them), so
	// the run's context never encrypts other moments.
	run := s.moments
	if run == nil || !bytes.Equal(run.session, t.GetSession()) {
		if s.sealedRuns[string(t.GetSession())] {
			return ready{}, fmt.Errorf("%w: moments run %x comes back after another started; this node encrypted its moments in it and does not count in it again", ErrBadStandardiser, t.GetSession())
		}
		if len(used) == 0 || s.attack.Kind == AttackFalseNoConsent {
			return ready{}, fmt.Errorf("participant %s: moments: %w", s.name, ErrNoConsentedRecords)
		}
		m, err := records.ComputeMoments(used, len(s.scales))
		if err != nil {
			return ready{}, fmt.Errorf("participant %s: moments: %w", s.name, err)
		}
		count := uint64(len(used))
		if s.attack.Kind == AttackInflateSamples {
			count, m = inflatedMoments(m, len(used), s.attack.CommittedSamples(len(used)))
		}
		run = &momentsRun{session: slices.Clone(t.GetSession()), count: count, moments: m}
	}
	signed, err := auth.Sign(s.key, s.studyID, 0, auth.KindMomentsCount, auth.MomentsCountContent(run.session, run.count))
	if err != nil {
		return ready{}, err
	}
	s.moments = run
	return ready{send: &cohortv1.MomentsCount{StudyId: s.studyID, Session: run.session, Count: run.count, Auth: signed}}, nil
}

// encryptMoments answers a MomentsTask: after checking the signed counts
// add up to the total, it encrypts its moments encoded for that total under
// its key share (the collective key checked against the chain, s.pubKey)
// and sends them signed.
func (s *steps) encryptMoments(t *cohortv1.MomentsTask, study contracts.Study, sampleBounds map[common.Address]uint64) (ready, error) {
	if err := s.checkStudy("moments", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	if err := s.checkScales(t.GetScales()); err != nil {
		return ready{}, err
	}
	run := s.moments
	if run == nil || !bytes.Equal(run.session, t.GetSession()) {
		return ready{}, fmt.Errorf("%w: moments task for a run of the phase this node did not count in", ErrBadStandardiser)
	}
	if _, err := s.verifyCounts(study, t.GetSession(), t.GetTotal(), t.GetCounts(), sampleBounds); err != nil {
		return ready{}, err
	}
	if err := checkPublicKey(study.PublicKeyHash, common.BytesToHash(t.GetPublicKeyHash())); err != nil {
		return ready{}, err
	}
	// One encryption per run: the moments are encoded for the total, and
	// two totals under the run's one context would give away the moments
	// by difference. The same total gets the bytes sent.
	sealed := run.sealed
	if sealed != nil && t.GetTotal() != run.total {
		return ready{}, fmt.Errorf("%w: moments task for a total of %d, but this node encrypted its moments for %d in this run; a run encrypts once (two totals would give away the moments by difference), so the coordinator must start a new run",
			ErrBadStandardiser, t.GetTotal(), run.total)
	}
	if sealed == nil {
		v, err := run.moments.Encode(float64(t.GetTotal()), s.scales, s.sealer.maxAbs())
		if err != nil {
			return ready{}, fmt.Errorf("participant %s: %w", s.name, err)
		}
		if sealed, err = s.sealer.seal(s.pubKey, aggregation.MomentsContext(s.studyID, run.session), v); err != nil {
			return ready{}, fmt.Errorf("participant %s: encrypt moments: %w", s.name, err)
		}
		if s.attack.Kind == AttackMomentsOutOfRange {
			if sealed, err = s.sealer.shapeUpload(sealed, halfModulusShape); err != nil {
				return ready{}, fmt.Errorf("participant %s: shape moments: %w", s.name, err)
			}
		}
		if s.sealedRuns == nil {
			s.sealedRuns = map[string]bool{}
		}
		s.sealedRuns[string(run.session)] = true
	}
	h := aggregation.ContentHash(sealed)
	signed, err := auth.Sign(s.key, s.studyID, 0, auth.KindMoments, auth.MomentsContent(run.session, h))
	if err != nil {
		return ready{}, err
	}
	run.sent, run.sealed, run.total = h, sealed, t.GetTotal()
	return ready{send: &cohortv1.MomentsSubmission{StudyId: s.studyID, Session: run.session, Ciphertext: sealed, Auth: signed}}, nil
}

// momentsShare answers a MomentsDecryptTask with a decryption share of the
// moments' sum, after recomputing that sum from the signed contributions
// and checking that it is the sum the chain pins.
func (s *steps) momentsShare(t *cohortv1.MomentsDecryptTask, facts momentsFacts) (ready, error) {
	if err := s.checkStudy("moments decryption", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	aggHash := common.BytesToHash(t.GetAggregateHash())
	if err := s.verifyMomentsSum(t.GetSession(), t.GetTotal(), t.GetCounts(), t.GetContributions(), aggHash, facts); err != nil {
		return ready{}, err
	}
	// One sum per study, the one the chain pins: two sums over different
	// sets of sites, each valid, would give one site's moments as their
	// difference.
	if facts.pinned != aggHash {
		return ready{}, fmt.Errorf("%w: asked to decrypt moments sum %s, the chain pins %s for study %d; a holder decrypts only the pinned sum",
			ErrBadStandardiser, aggHash.Hex(), facts.pinned.Hex(), s.studyID)
	}
	if !slices.Contains(t.GetActivePoints(), s.point) {
		return ready{}, fmt.Errorf("%w: asked to decrypt with active set %v, which leaves out this site's point %d", ErrBadStandardiser, t.GetActivePoints(), s.point)
	}
	if err := onCommittee(facts.study, s.self); err != nil {
		return ready{}, err
	}
	if err := s.checkCrossChecked("the moments sum", "a pooled standardiser", t.GetActivePoints(), facts.study); err != nil {
		return ready{}, err
	}
	sets, err := s.decryptionSets("moments decryption", t.GetActivePoints(), t.GetDecryptionSets(), facts.study)
	if err != nil {
		return ready{}, err
	}
	given, err := s.admitSets("moments", aggHash, int(facts.study.Threshold), sets)
	if err != nil {
		return ready{}, err
	}
	shares, err := s.sealer.decryptionShares(facts.aggregate, sets)
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: moments decryption share: %w", s.name, err)
	}
	if s.attack.Kind == AttackForeignDecryption {
		if shares, err = foreignDecryptionShares(shares); err != nil {
			return ready{}, err
		}
	}
	signed, err := auth.Sign(s.key, s.studyID, 0, auth.KindMomentsShare, auth.MomentsShareContent(aggHash, t.GetActivePoints(), shares...))
	if err != nil {
		return ready{}, err
	}
	kept, err := s.keepSetsGiven(given)
	if err != nil {
		return ready{}, err
	}
	return ready{files: kept, send: &cohortv1.MomentsShareSubmission{StudyId: s.studyID, AggregateHash: aggHash.Bytes(), Share: shares[0], More: shares[1:], ActivePoints: t.GetActivePoints(), Auth: signed}}, nil
}

// acceptStandardiser answers a MomentsResultTask: it checks the counts, the
// contributions and the sum as a share holder does, checks every decryption
// share's signature, decrypts the sum itself and refuses the standardiser
// unless it is what the sum decodes to. It keeps the standardiser in the
// data directory and confirms it, signed. A standardiser it already agreed
// on is confirmed again without facts; another is refused once round 1 has
// opened.
func (s *steps) acceptStandardiser(t *cohortv1.MomentsResultTask, facts momentsFacts) (ready, error) {
	if err := s.checkStudy("moments result", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	if err := s.checkMode(string(records.StandardisePooled)); err != nil {
		return ready{}, err
	}
	if err := s.checkScales(t.GetScales()); err != nil {
		return ready{}, err
	}
	hash := crypto.Keccak256Hash(t.GetStandardiser())
	var r ready
	if !s.agreedOn(hash) {
		if s.agreed != nil && facts.study.CurrentRound > 0 {
			return ready{}, fmt.Errorf("%w: study %d is past round 1 with standardiser %s; another (%s) would change the features mid-study",
				ErrBadStandardiser, s.studyID, s.agreed.hash.Hex(), hash.Hex())
		}
		got, err := s.checkStandardiser(t, facts)
		if err != nil {
			return ready{}, err
		}
		b, err := json.Marshal(standardiserFile{StudyID: s.studyID, Standardiser: t.GetStandardiser()})
		if err != nil {
			return ready{}, err
		}
		r.files = []fileWrite{{name: standardiserFileName, data: b}}
		s.agreed = &agreed{std: got, enc: slices.Clone(t.GetStandardiser()), hash: hash}
	}
	signed, err := auth.Sign(s.key, s.studyID, 0, auth.KindMomentsStandardiser, hash)
	if err != nil {
		return ready{}, err
	}
	r.send = &cohortv1.MomentsConfirmation{StudyId: s.studyID, StandardiserHash: hash.Bytes(), Auth: signed}
	return r, nil
}

// agreedOn tells whether this node already agreed on the standardiser with hash h.
func (s *steps) agreedOn(h common.Hash) bool { return s.agreed != nil && s.agreed.hash == h }

// checkStandardiser verifies a moments result and returns its standardiser.
func (s *steps) checkStandardiser(t *cohortv1.MomentsResultTask, facts momentsFacts) (records.Standardiser, error) {
	claimed, err := records.DecodeStandardiser(t.GetStandardiser())
	if err != nil {
		return records.Standardiser{}, fmt.Errorf("%w: %v", ErrBadStandardiser, err)
	}
	aggHash := common.BytesToHash(t.GetAggregateHash())
	if err := s.verifyMomentsSum(t.GetSession(), t.GetTotal(), t.GetCounts(), t.GetContributions(), aggHash, facts); err != nil {
		return records.Standardiser{}, err
	}
	member := participants(facts.study)
	holders := make(map[common.Address]bool, len(t.GetShares()))
	var shares [][]byte
	var active []uint64
	for i, sh := range t.GetShares() {
		if common.BytesToHash(sh.GetAggregateHash()) != aggHash || sh.GetStudyId() != s.studyID {
			return records.Standardiser{}, fmt.Errorf("%w: a decryption share is for another sum or study", ErrBadStandardiser)
		}
		raws := append([][]byte{sh.GetShare()}, sh.GetMore()...)
		addr, err := auth.Verify(sh.GetAuth(), s.studyID, 0, auth.KindMomentsShare, auth.MomentsShareContent(aggHash, sh.GetActivePoints(), raws...))
		if err != nil {
			return records.Standardiser{}, fmt.Errorf("%w: decryption share: %v", ErrBadStandardiser, err)
		}
		if holders[addr] {
			return records.Standardiser{}, fmt.Errorf("%w: two decryption shares from %s", ErrBadStandardiser, addr.Hex())
		}
		if !member[addr] {
			return records.Standardiser{}, fmt.Errorf("%w: %s is not a participant of study %d", ErrBadStandardiser, addr.Hex(), s.studyID)
		}
		holders[addr] = true
		if i == 0 {
			active = sh.GetActivePoints()
		} else if !slices.Equal(sh.GetActivePoints(), active) {
			return records.Standardiser{}, fmt.Errorf("%w: %s gave decryption shares for active points %v, another holder for %v", ErrBadStandardiser, addr.Hex(), sh.GetActivePoints(), active)
		}
		shares = append(shares, raws...)
	}
	threshold := int(facts.study.Threshold)
	if len(holders) < threshold {
		return records.Standardiser{}, fmt.Errorf("%w: decryption shares from %d holders, the study's threshold is %d", ErrBadStandardiser, len(holders), threshold)
	}
	// Every decryption set of the signed active points, and no other: the
	// coordinator cannot keep the set it likes; sealer.open then checks
	// that they all decrypt the sum alike.
	var sets [][]aggregation.ShamirPoint
	for _, b := range shares {
		var ds aggregation.DecryptionShare
		if err := ds.UnmarshalBinary(b); err != nil {
			return records.Standardiser{}, fmt.Errorf("%w: decryption share: %v", ErrBadStandardiser, err)
		}
		sets = append(sets, ds.ActiveSet())
	}
	if err := everySet(active, threshold, sets); err != nil {
		return records.Standardiser{}, fmt.Errorf("%w: the moments' decryption shares: %w", ErrBadStandardiser, err)
	}
	plain, err := s.sealer.open(facts.aggregate, shares)
	if err != nil {
		return records.Standardiser{}, fmt.Errorf("%w: decrypt the moments' sum: %v", ErrBadStandardiser, err)
	}
	own, err := records.PooledStandardiser(plain, float64(t.GetTotal()), s.scales)
	if err != nil {
		return records.Standardiser{}, fmt.Errorf("%w: %v", ErrBadStandardiser, err)
	}
	if err := s.checkGroups(claimed.Groups); err != nil {
		return records.Standardiser{}, err
	}
	if len(s.groups) > 0 {
		if own, err = own.WithGroups(s.groups); err != nil {
			return records.Standardiser{}, fmt.Errorf("%w: %v", ErrBadStandardiser, err)
		}
	}
	if !own.Within(claimed, standardiserTolerance) {
		return records.Standardiser{}, fmt.Errorf("%w: the coordinator's standardiser is not what the signed shares decrypt the sum of the signed moments to", ErrBadStandardiser)
	}
	return claimed, nil
}

// verifyCounts checks the signed counts of a moments phase: one per study
// participant, at least max(2, the study's minimum) of them, this node's own
// as it sent it (if it counted in this run), adding up to total, and, with
// sampleBounds (a study that binds sample counts to consent, see
// Participant.sampleBounds), each within its signer's bound (a signer with
// no bound read is refused). It returns the signers.
//
// The bounds are checked when this node is asked to encrypt its moments,
// the one step that pools them with the others' counts: a count above its
// bound then keeps this node's moments out of the run. Later steps (a
// decryption share, the result) do not read them again: the chain keeps
// only the counts as they stand now, and a bound lowered since by
// revocations would make an honest run's pinned sum, the only one holders
// decrypt, impossible to open.
func (s *steps) verifyCounts(study contracts.Study, session []byte, total uint64, counts []*cohortv1.MomentsCount, sampleBounds map[common.Address]uint64) (map[common.Address]bool, error) {
	if least := max(2, int(study.MinParticipants)); len(counts) < least {
		return nil, fmt.Errorf("%w: moments of %d sites; pooling needs at least %d, or a site's own statistics would be revealed", ErrBadStandardiser, len(counts), least)
	}
	member := participants(study)
	run := s.moments
	ours := run != nil && bytes.Equal(run.session, session)
	signers := make(map[common.Address]bool, len(counts))
	var sum uint64
	for _, c := range counts {
		if c.GetStudyId() != s.studyID || !bytes.Equal(c.GetSession(), session) {
			return nil, fmt.Errorf("%w: a count is for another study or run of the phase", ErrBadStandardiser)
		}
		addr, err := auth.Verify(c.GetAuth(), s.studyID, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, c.GetCount()))
		if err != nil {
			return nil, fmt.Errorf("%w: count: %v", ErrBadStandardiser, err)
		}
		if signers[addr] {
			return nil, fmt.Errorf("%w: two counts from %s", ErrBadStandardiser, addr.Hex())
		}
		if c.GetCount() == 0 || c.GetCount() > math.MaxUint32 || sum > math.MaxUint64-c.GetCount() {
			return nil, fmt.Errorf("%w: count %d from %s", ErrBadStandardiser, c.GetCount(), addr.Hex())
		}
		if !member[addr] {
			return nil, fmt.Errorf("%w: %s is not a participant of study %d", ErrBadStandardiser, addr.Hex(), s.studyID)
		}
		if bound, ok := sampleBounds[addr]; sampleBounds != nil && (!ok || c.GetCount() > bound) {
			return nil, fmt.Errorf("%w: %s counts %d consented training records, above the %d its consent counts on chain allow in study %d, which binds sample counts to consent",
				ErrBadStandardiser, addr.Hex(), c.GetCount(), bound, s.studyID)
		}
		if addr == s.self && ours && c.GetCount() != run.count {
			return nil, fmt.Errorf("%w: this site's count is given as %d, it sent %d", ErrBadStandardiser, c.GetCount(), run.count)
		}
		signers[addr] = true
		sum += c.GetCount()
	}
	if sum != total {
		return nil, fmt.Errorf("%w: the signed counts add up to %d, the task says %d", ErrBadStandardiser, sum, total)
	}
	if ours && !signers[s.self] {
		return nil, fmt.Errorf("%w: this site's count was left out", ErrBadStandardiser)
	}
	return signers, nil
}

// verifyMomentsSum checks the counts, then that the contributions are one
// signed ciphertext from each counted site (this node's own as it sent it)
// and that the sum with hash aggHash is their sum.
func (s *steps) verifyMomentsSum(session []byte, total uint64, counts []*cohortv1.MomentsCount, contribs []*cohortv1.MomentsContribution, aggHash common.Hash, facts momentsFacts) error {
	signers, err := s.verifyCounts(facts.study, session, total, counts, nil)
	if err != nil {
		return err
	}
	if len(contribs) != len(signers) {
		return fmt.Errorf("%w: %d contributions from %d counted sites", ErrBadStandardiser, len(contribs), len(signers))
	}
	if len(facts.contributions) != len(contribs) || aggregation.ContentHash(facts.aggregate) != aggHash {
		return fmt.Errorf("participant %s: the moments' contributions or sum are missing", s.name)
	}
	run := s.moments
	seen := make(map[common.Address]bool, len(contribs))
	addrs := make([]common.Address, len(contribs))
	ones := make([]float64, len(contribs))
	for i, c := range contribs {
		h := common.BytesToHash(c.GetCiphertextHash())
		addr, err := auth.Verify(c.GetAuth(), s.studyID, 0, auth.KindMoments, auth.MomentsContent(session, h))
		if err != nil {
			return fmt.Errorf("%w: contribution: %v", ErrBadStandardiser, err)
		}
		if !signers[addr] || seen[addr] {
			return fmt.Errorf("%w: contribution from %s, who did not count or contributes twice", ErrBadStandardiser, addr.Hex())
		}
		if addr == s.self && run != nil && bytes.Equal(run.session, session) && run.sent != (common.Hash{}) && run.sent != h {
			return fmt.Errorf("%w: this site's moments are given as %s, it sent %s", ErrBadStandardiser, h.Hex(), run.sent.Hex())
		}
		if aggregation.ContentHash(facts.contributions[i]) != h {
			return fmt.Errorf("participant %s: the moments contribution %s is missing", s.name, h.Hex())
		}
		seen[addr], addrs[i] = true, addr
		ones[i] = 1
	}
	dealers, err := s.dealerIDs(addrs)
	if err != nil {
		return err
	}
	sum, err := s.sealer.sum(facts.study.PublicKeyHash, rawUpdates(facts.contributions), dealers, aggregation.MomentsContext(s.studyID, session), ones)
	if err != nil {
		return fmt.Errorf("%w: recompute the moments' sum: %v", ErrBadStandardiser, err)
	}
	if !bytes.Equal(sum, facts.aggregate) {
		return fmt.Errorf("%w: %s is not the sum of the signed moments", ErrBadStandardiser, aggHash.Hex())
	}
	return nil
}
