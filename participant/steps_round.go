package participant

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// The phases that open what a round's updates add up to: scoring (robust
// rounds) and decryption. A holder gives a share only for what it has
// recomputed itself from the updates committed on chain.

// roundFacts is what the chain and the coordinator's store say about the
// updates of an open round, read by the driver for the score and decrypt
// steps.
type roundFacts struct {
	study contracts.Study
	// committed holds the round's commitments on chain by committer.
	committed map[common.Address]contracts.Commitment
	// updates holds the committed updates of the task's contributors, in
	// task order, each with the content hash its bytes had when the driver
	// fetched them (the step compares it with the commitment) and decoded
	// then: a holder's 100 updates are decoded and hashed once a round, not
	// in each phase. The driver stops at the first contributor without a
	// commitment.
	updates []sealedUpdate
	// pinned is the contributor list the coordinator pinned on chain for
	// the round (contracts.ContributorsHash; zero: none pinned).
	pinned common.Hash
}

// referenceFacts is what a holder recomputes a robust round's scoring
// references from.
type referenceFacts struct {
	global []float64 // the round's global model, whose hash the chain records
	root   []byte    // the root data set the study committed to (blob)
	// scoreSets are the score sets the task names, in contributor order.
	scoreSets [][]byte
}

// weightTolerance is how far a robust weight may be from the one this node
// re-derives: one unit of the chain's fixed point, since a weight floored to
// it can land on either side of a boundary.
const weightTolerance = 1.0/contracts.MetricUnit + 1e-12

// checkRoundOpen refuses work on a round the chain does not have open: a
// replayed task of a closed round, or one for a round not yet opened.
func (s *steps) checkRoundOpen(kind string, study contracts.Study, round uint32) error {
	if study.CurrentRound != round || !study.RoundOpen {
		return fmt.Errorf("%w: %s task for round %d, but the chain's round %d is %s", ErrChainMismatch, kind, round, study.CurrentRound, map[bool]string{true: "open", false: "closed"}[study.RoundOpen])
	}
	return nil
}

// checkPinned refuses shares (what names them: "score", "decryption") of
// the round for any list of contributors but the one the coordinator
// pinned on chain before asking (with the round's last batch of
// commitments or alone; contracts.Ledger.PinnedContributors reads it), and
// for any list at all when none is pinned. A holder's own rules (one aggregate,
// one projection seed per round) hold only for what it gave itself: a
// coordinator that splits the holders into two groups of at least the
// threshold could otherwise have each open another list's aggregate (or
// scores under another seed) and read one update from their difference.
// The list fixes what is opened: each listed member committed once, and
// the seed and the robust weights follow from the listed commitments.
func (s *steps) checkPinned(what string, round uint32, addrs []common.Address, pinned common.Hash) error {
	if pinned == (common.Hash{}) {
		return fmt.Errorf("%w: asked for %s shares of round %d, whose contributor list is not pinned on chain; a holder gives shares only for the list the coordinator pinned before asking (with its last batch of commitments, or alone)", ErrChainMismatch, what, round)
	}
	if h := contracts.ContributorsHash(s.studyID, round, addrs); h != pinned {
		return fmt.Errorf("%w: asked for %s shares of round %d over a list of %d contributors (hash %s), not the list pinned on chain for the round (%s): a holder opens the pinned list's scores and aggregate only, since two lists of one round give away their difference",
			ErrChainMismatch, what, round, len(addrs), h.Hex(), pinned.Hex())
	}
	return nil
}

// contributors checks a task's list of contributors (20-byte addresses,
// none twice, at least one) and returns them.
func contributors(kind string, raw [][]byte) ([]common.Address, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: %s task names no contributors", ErrChainMismatch, kind)
	}
	out := make([]common.Address, len(raw))
	seen := make(map[common.Address]bool, len(raw))
	for i, b := range raw {
		addr, err := parseAddress("contributor", b)
		if err != nil {
			return nil, err
		}
		if seen[addr] {
			return nil, fmt.Errorf("%w: contributor %s listed twice", ErrChainMismatch, addr.Hex())
		}
		seen[addr] = true
		out[i] = addr
	}
	return out, nil
}

// committedUpdates checks that every contributor committed in the round and
// that facts carry its update; it returns their dealer ids and samples.
func (s *steps) committedUpdates(round uint32, addrs []common.Address, facts roundFacts) ([]aggregation.PartyID, []uint64, error) {
	dealers, samples, committed, err := s.commitmentsOf(round, addrs, facts)
	if err != nil {
		return nil, nil, err
	}
	for i, addr := range addrs {
		if i >= len(facts.updates) || facts.updates[i].hash != committed[i] {
			return nil, nil, fmt.Errorf("participant %s: the update %s committed in round %d is missing", s.name, addr.Hex(), round)
		}
	}
	return dealers, samples, nil
}

// commitmentsOf checks that every contributor committed in the round and
// returns their dealer ids, samples and commitments.
func (s *steps) commitmentsOf(round uint32, addrs []common.Address, facts roundFacts) ([]aggregation.PartyID, []uint64, []common.Hash, error) {
	dealers, err := s.dealerIDs(addrs)
	if err != nil {
		return nil, nil, nil, err
	}
	samples := make([]uint64, len(addrs))
	committed := make([]common.Hash, len(addrs))
	for i, addr := range addrs {
		cm, ok := facts.committed[addr]
		if !ok || cm.CiphertextHash == (common.Hash{}) {
			return nil, nil, nil, fmt.Errorf("%w: %s made no commitment in round %d", ErrChainMismatch, addr.Hex(), round)
		}
		samples[i], committed[i] = cm.Samples, cm.CiphertextHash
	}
	return dealers, samples, committed, nil
}

// dealerIDs are the dealer ids the members' updates must name: each
// member's latest key among those the share in force holds
// (aggregation.LatestDealerID; a member that lost its key dealt a fresh
// one under a later key epoch), DealerID for a site that holds no share.
func (s *steps) dealerIDs(members []common.Address) ([]aggregation.PartyID, error) {
	var held []aggregation.PartyID
	if s.sealer != nil {
		var err error
		if held, err = s.sealer.heldKeys(nil); err != nil {
			return nil, err
		}
	}
	ids := make([]aggregation.PartyID, len(members))
	for i, a := range members {
		ids[i] = aggregation.LatestDealerID(s.studyID, a.Bytes(), held)
	}
	return ids, nil
}

// roundReferences recomputes what a round's scores depend on and checks the
// coordinator's claims against it (scoringReferences), after checking the
// contributors' committed updates: each one fetched whole and bound to its
// committer and this round. It returns the references and the updates, in
// the order of contributors. ctx only cancels the training of the
// reference update.
func (s *steps) roundReferences(ctx context.Context, scheme *aggregation.Scheme, round uint32, addrs []common.Address, facts roundFacts, ref referenceFacts, seed []byte, projections uint32, refsHash []byte) (*aggregation.References, []*aggregation.EncryptedVector, error) {
	if _, _, err := s.committedUpdates(round, addrs, facts); err != nil {
		return nil, nil, err
	}
	dealers, err := s.dealerIDs(addrs)
	if err != nil {
		return nil, nil, err
	}
	updates := make([]*aggregation.EncryptedVector, len(addrs))
	for i, addr := range addrs {
		var err error
		if updates[i], err = facts.updates[i].decoded(); err != nil {
			return nil, nil, fmt.Errorf("participant %s: update of %s: %w", s.name, addr.Hex(), err)
		}
		// A score share opens the update under the key of the dealer it
		// names: an update naming another member (or made for another
		// round) would have that member's key decrypted into its scores.
		if err := scheme.CheckUpdate(updates[i], facts.study.PublicKeyHash, aggregation.TrainContext(s.studyID, round), dealers[i], updates[i].Len()); err != nil {
			return nil, nil, fmt.Errorf("%w: the update %s committed is bound to another member or round: %v", ErrChainMismatch, addr.Hex(), err)
		}
	}
	refs, err := s.scoringReferences(ctx, scheme, round, addrs, facts, ref, seed, projections, refsHash)
	if err != nil {
		return nil, nil, err
	}
	return refs, updates, nil
}

// scoringReferences recomputes a round's scoring references from what the
// chain fixes and checks the coordinator's claims against them: the
// projection seed the contributors' commitments fix, the number of
// projections, and the hash of the references made from the reference
// update of the root data set the study committed to and the round's
// global model. It needs the commitments, not the updates. ctx only
// cancels the training of the reference update.
func (s *steps) scoringReferences(ctx context.Context, scheme *aggregation.Scheme, round uint32, addrs []common.Address, facts roundFacts, ref referenceFacts, seed []byte, projections uint32, refsHash []byte) (*aggregation.References, error) {
	_, _, committed, err := s.commitmentsOf(round, addrs, facts)
	if err != nil {
		return nil, err
	}
	want := aggregation.ScoringSeed(s.studyID, round, committed)
	if !slices.Equal(want[:], seed) {
		return nil, fmt.Errorf("%w: projection seed is not the one the round's commitments fix", ErrChainMismatch)
	}
	if k := aggregation.DefaultProjectionsFor(len(ref.global)); int(projections) != k {
		return nil, fmt.Errorf("%w: %d projections asked, the protocol uses %d for this model", ErrChainMismatch, projections, k)
	}
	key := refsKey{round: round, seed: want, projections: projections, inputs: crypto.Keccak256Hash(models.EncodeParams(ref.global), ref.root)}
	refs := s.refs.of(key)
	if refs == nil {
		var root models.Dataset
		if err := root.UnmarshalBinary(ref.root); err != nil {
			return nil, fmt.Errorf("participant %s: root data set: %w", s.name, err)
		}
		reference, err := models.ReferenceUpdate(ctx, s.spec, ref.global, root, models.ReferenceTrainConfig(round))
		if err != nil {
			return nil, err
		}
		if refs, err = scheme.NewReferences(reference, want, int(projections)); err != nil {
			return nil, err
		}
		s.refs = &roundRefs{key: key, refs: refs}
	}
	if refs.Hash() != common.BytesToHash(refsHash) {
		return nil, fmt.Errorf("%w: the reference update recomputed from the root data set differs from the coordinator's", ErrChainMismatch)
	}
	return refs, nil
}

// refsKey is what a round's scoring references are recomputed from: the
// round, the projection seed its commitments fix, the number of
// projections, and the hash of the round's global model and the root data
// set.
type refsKey struct {
	round       uint32
	seed        [32]byte
	projections uint32
	inputs      common.Hash
}

// roundRefs are the scoring references a holder recomputed last, kept so
// that the decrypt phase (checkTrust) reuses the score phase's: training
// the reference update and drawing the projections again gave the same.
type roundRefs struct {
	key  refsKey
	refs *aggregation.References
}

// of returns the references kept for key, or nil.
func (r *roundRefs) of(key refsKey) *aggregation.References {
	if r == nil || r.key != key {
		return nil
	}
	return r.refs
}

// thresholdScheme is the sealer's scheme and threshold share, which the
// scoring steps work with directly.
func (s *steps) thresholdScheme(what string) (*homomorphicSealer, error) {
	h, ok := s.sealer.(*homomorphicSealer)
	if !ok || h.threshold == nil {
		return nil, fmt.Errorf("participant %s: %s without a threshold key", s.name, what)
	}
	return h, nil
}

// scorePrecheck checks what a score task says before the driver reads
// anything for it; score checks it again.
func (s *steps) scorePrecheck(t *cohortv1.ScoreTask) ([]common.Address, error) {
	if err := s.checkStudy("score", t.GetStudyId()); err != nil {
		return nil, err
	}
	if p := s.training.Privacy; p != nil && p.Distributed() {
		return nil, fmt.Errorf("participant %s: refusing score shares: %w", s.name, models.ErrRobustDistributedDP)
	}
	if active := t.GetActivePoints(); !slices.Contains(active, s.point) {
		return nil, fmt.Errorf("%w: asked to decrypt scores with active set %v, which leaves out this site's point %d", ErrChainMismatch, active, s.point)
	}
	addrs, err := contributors("score", t.GetContributors())
	if err != nil {
		return nil, err
	}
	if len(addrs) != len(t.GetScoreSetHashes()) {
		return nil, fmt.Errorf("%w: score task names %d contributors and %d score sets", ErrChainMismatch, len(addrs), len(t.GetScoreSetHashes()))
	}
	return addrs, nil
}

// score answers a ScoreTask: it recomputes everything the scores depend on
// (the reference update from the root data set the study committed to and
// the round's global model, the projection seed from the committed updates,
// every contributor's score set) and gives scalar decryption shares only if
// all of it matches. Nothing but the scores can be decrypted from them.
func (s *steps) score(ctx context.Context, t *cohortv1.ScoreTask, facts roundFacts, ref referenceFacts) (ready, error) {
	addrs, err := s.scorePrecheck(t)
	if err != nil {
		return ready{}, err
	}
	if len(ref.scoreSets) != len(addrs) {
		return ready{}, fmt.Errorf("participant %s: %d score sets fetched for %d contributors", s.name, len(ref.scoreSets), len(addrs))
	}
	round, active := t.GetRound(), t.GetActivePoints()
	if err := s.checkRoundOpen("score", facts.study, round); err != nil {
		return ready{}, err
	}
	if err := onCommittee(facts.study, s.self); err != nil {
		return ready{}, err
	}
	scheme, err := s.thresholdScheme("asked for score shares")
	if err != nil {
		return ready{}, err
	}
	refs, updates, err := s.roundReferences(ctx, scheme.scheme, round, addrs, facts, ref, t.GetSeed(), t.GetProjections(), t.GetReferencesHash())
	if err != nil {
		return ready{}, err
	}
	// The seed is drawn from the listed contributors' commitments in the
	// listed order, so each other list (a subset, another order) draws new
	// projections of the same updates, and enough of them give an update
	// away: one list per round, the one pinned on chain, and one seed per
	// round by this holder's own record.
	if err := s.checkPinned("score", round, addrs, facts.pinned); err != nil {
		return ready{}, err
	}
	seed := common.BytesToHash(t.GetSeed())
	if prev, ok := s.scored[round]; ok && prev != seed {
		return ready{}, fmt.Errorf("%w: asked for score shares in round %d under projection seed %s after seed %s: a holder scores under one projection seed per round, since another list of contributors draws new projections of the same updates",
			ErrChainMismatch, round, seed.Hex(), prev.Hex())
	}
	pointSets, err := s.decryptionSets("score", active, t.GetDecryptionSets(), facts.study)
	if err != nil {
		return ready{}, err
	}
	given, err := s.admitSets("score", seed, int(facts.study.Threshold), pointSets)
	if err != nil {
		return ready{}, err
	}
	sets := make([]aggregation.ScoreSet, len(ref.scoreSets))
	for i, b := range ref.scoreSets {
		if aggregation.ContentHash(b) != common.BytesToHash(t.GetScoreSetHashes()[i]) {
			return ready{}, fmt.Errorf("participant %s: score set %d is not the one the task names", s.name, i)
		}
		if err := sets[i].UnmarshalBinary(b); err != nil {
			return ready{}, fmt.Errorf("participant %s: score set: %w", s.name, err)
		}
	}
	framed := slices.IndexFunc(addrs, func(a common.Address) bool { return a != s.self })
	// One share per contributor for each decryption set this holder is
	// in, set by set: each set's scores are compared with the others'.
	sub := &cohortv1.ScoreSharesSubmission{StudyId: s.studyID, Round: round, ActivePoints: active}
	decryptionSets := make([][]aggregation.ShamirPoint, len(pointSets))
	for j, points := range pointSets {
		decryptionSets[j] = shamirPoints(points)
	}
	// The decryption sets are checked and their Lagrange coefficients
	// computed once for every update; GenThresholdScoreSharesFor
	// recomputes each set from its update and the references once,
	// refusing if the coordinator's differs.
	prepared, err := scheme.scheme.PrepareThresholdSets(scheme.threshold, decryptionSets)
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: score shares: %w", s.name, err)
	}
	// The round's updates share their masks (their encryption context's):
	// each is expanded once for all of them, and dropped with this task.
	masks := scheme.scheme.NewMasks(aggregation.TrainContext(s.studyID, round))
	byUpdate := make([][]*aggregation.ScoreShare, len(sets))
	for i := range sets {
		if byUpdate[i], err = scheme.scheme.GenThresholdScoreSharesFor(prepared, masks, &sets[i], updates[i], refs); err != nil {
			return ready{}, fmt.Errorf("participant %s: score share for %s: %w", s.name, addrs[i].Hex(), err)
		}
	}
	for j := range pointSets {
		for i := range sets {
			share := byUpdate[i][j]
			if s.attack.Kind == AttackShiftScores && i == framed {
				if err := scheme.scheme.ShiftScoreShare(share, refs, 0, -s.attack.WithDefaults().Scale); err != nil {
					return ready{}, err
				}
			}
			sb, err := share.MarshalBinary()
			if err != nil {
				return ready{}, err
			}
			sub.Shares = append(sub.Shares, sb)
		}
	}
	if sub.Auth, err = auth.Sign(s.key, s.studyID, round, auth.KindScoreShares, auth.ScoreSharesContent(active, sub.Shares)); err != nil {
		return ready{}, err
	}
	kept, err := s.keepSetsGiven(given)
	if err != nil {
		return ready{}, err
	}
	if s.scored == nil {
		s.scored = map[uint32]common.Hash{}
	}
	s.scored[round] = seed
	// Kept before the shares go out, so that a restarted node still
	// refuses another seed in the round.
	return ready{files: append([]fileWrite{{dir: scoredDir, name: roundRecordName(round), data: []byte(seed.Hex())}}, kept...), send: sub}, nil
}

// scoresFacts is what a node re-derives a robust round's recorded
// scores against (checkTrust) and what its endorsement of them signs.
type scoresFacts struct {
	recorded []contracts.Score // the round's scores and weights on chain; empty unless robust
	// scoresHash and domain are what this node's endorsement of the
	// recorded scores signs (contracts.SignEndorsement), when they flag
	// members.
	scoresHash common.Hash
	domain     contracts.CommitDomain
	// reference is set when the round is robust and the task carries
	// trust evidence: what the node re-derives the weights from.
	reference *referenceFacts
}

// flagsAnyone tells whether the recorded scores flag a member: only then
// is there something to endorse.
func (f scoresFacts) flagsAnyone() bool {
	return slices.ContainsFunc(f.recorded, func(sc contracts.Score) bool { return sc.Flagged })
}

// decryptFacts is what a decrypt step checks the task against.
type decryptFacts struct {
	roundFacts
	scoresFacts
	aggregate []byte // the blob the task names
	// spots is set when the holder spot-checks the aggregate instead of
	// recomputing it from every update (roundFacts.updates is then empty).
	spots *spotFacts
}

// spotFacts is what a holder spot-checks an aggregate with: the chunks it
// drew from its own randomness after the task fixed the aggregate, and
// each contributor's proof of them, in task order.
type spotFacts struct {
	chunks []int
	proofs [][]byte
}

// decryptPrecheck checks what a decrypt task says before the driver reads
// anything for it; decrypt checks it again.
func (s *steps) decryptPrecheck(t *cohortv1.DecryptTask) ([]common.Address, error) {
	if err := s.checkStudy("decrypt", t.GetStudyId()); err != nil {
		return nil, err
	}
	addrs, err := contributors("decrypt", t.GetContributors())
	if err != nil {
		return nil, err
	}
	if len(addrs) != len(t.GetWeights()) {
		return nil, fmt.Errorf("%w: decrypt task names %d contributors and %d weights", ErrChainMismatch, len(addrs), len(t.GetWeights()))
	}
	// Threshold shares only: an n-of-n share (no active set) is the
	// contributor's own term a·w·s_i, which with its committed update's c0
	// opens that update alone.
	if active := t.GetActivePoints(); s.point == 0 || !slices.Contains(active, s.point) {
		return nil, fmt.Errorf("%w: asked to decrypt with active set %v, which leaves out this site's point %d; a node gives threshold shares only, never n-of-n shares (they open its own update)", ErrChainMismatch, active, s.point)
	}
	return addrs, nil
}

// decrypt answers a DecryptTask with a decryption share of the aggregate,
// after recomputing it from the updates committed on chain, with weights
// from the committed sample counts (or the robust weights it re-derives),
// and refusing anything else: this is what keeps a coordinator from getting
// a single hospital's update decrypted.
// checkCrossChecked refuses, in a study whose recipe requires a
// cross-checked decryption, to decrypt what (outcome: what it decodes to)
// with a single decryption set (active, no more than t points): one lying
// holder among them would make it whatever it liked, and a coordinator
// colluding with that holder could ask exactly t although more are live.
func (s *steps) checkCrossChecked(what, outcome string, active []uint64, study contracts.Study) error {
	if !s.requireCrossCheck || len(active) > int(study.Threshold) {
		return nil
	}
	return fmt.Errorf("%w: asked to decrypt %s with one decryption set of %d holders (points %v) at threshold %d, and the study's recipe requires a cross-checked decryption (require_cross_check): %s one set decrypted is whatever one lying holder among it made it; the coordinator must ask a spare holder too",
		ErrChainMismatch, what, len(active), active, study.Threshold, outcome)
}

func (s *steps) decrypt(ctx context.Context, t *cohortv1.DecryptTask, facts decryptFacts) (ready, error) {
	addrs, err := s.decryptPrecheck(t)
	if err != nil {
		return ready{}, err
	}
	round := t.GetRound()
	if err := s.checkRoundOpen("decrypt", facts.study, round); err != nil {
		return ready{}, err
	}
	if err := onCommittee(facts.study, s.self); err != nil {
		return ready{}, err
	}
	if err := s.checkCrossChecked(fmt.Sprintf("round %d's aggregate", round), "a model", t.GetActivePoints(), facts.study); err != nil {
		return ready{}, err
	}
	if aggregation.ContentHash(facts.aggregate) != common.BytesToHash(t.GetAggregateHash()) {
		return ready{}, fmt.Errorf("participant %s: the aggregate %x is missing", s.name, t.GetAggregateHash())
	}
	var dealers []aggregation.PartyID
	var samples []uint64
	var committed []common.Hash
	if facts.spots != nil {
		dealers, samples, committed, err = s.commitmentsOf(round, addrs, facts.roundFacts)
	} else {
		dealers, samples, err = s.committedUpdates(round, addrs, facts.roundFacts)
	}
	if err != nil {
		return ready{}, err
	}
	// A sum of fewer updates than the study's minimum could expose one site's.
	least := int(facts.study.MinParticipants)
	if len(addrs) < least {
		return ready{}, fmt.Errorf("%w: the round %d aggregate combines %d updates, the study requires at least %d", ErrChainMismatch, round, len(addrs), least)
	}
	if err := s.checkWeights(ctx, round, t, addrs, samples, facts); err != nil {
		return ready{}, err
	}
	// Weights recorded by the coordinator itself (robust scoring) must not
	// single out fewer updates than the study's minimum either.
	nonZero := 0
	for _, w := range t.GetWeights() {
		if w > 0 {
			nonZero++
		}
	}
	if nonZero < least {
		return ready{}, fmt.Errorf("%w: the round %d aggregate gives weight to %d updates, the study requires at least %d", ErrChainMismatch, round, nonZero, least)
	}
	// One list per round, the one pinned on chain, whichever holders are
	// asked; and one aggregate per round by this holder's own record.
	if err := s.checkPinned("decryption", round, addrs, facts.pinned); err != nil {
		return ready{}, err
	}
	aggHash := common.BytesToHash(t.GetAggregateHash())
	// Two aggregates of one round over different contributors give away
	// their difference: a single update, in the clear without differential
	// privacy, with only a share of the noise under the distributed
	// mechanism. Only the local mechanism makes each update private by itself.
	once := s.training.Privacy == nil || s.training.Privacy.Distributed()
	if prev, ok := s.decrypted[round]; once && ok && prev != aggHash {
		return ready{}, fmt.Errorf("%w: asked to decrypt aggregate %s in round %d after aggregate %s: a holder decrypts one aggregate per round, since two over different contributors give away their difference, a single update",
			ErrChainMismatch, aggHash.Hex(), round, prev.Hex())
	}
	if facts.spots != nil {
		err := s.sealer.checkSpots(facts.study.PublicKeyHash, aggregation.TrainContext(s.studyID, round), facts.aggregate, committed, dealers, t.GetWeights(), facts.spots.proofs, facts.spots.chunks)
		if err != nil {
			return ready{}, &badAggregateError{Study: s.studyID, Round: round, Aggregate: aggHash, Check: "spot", Chunks: facts.spots.chunks, Weights: t.GetWeights(),
				Reason: fmt.Sprintf("the aggregate %s fails this holder's spot check of %d chunks against the committed updates: %v", aggHash.Hex(), len(facts.spots.chunks), err), cause: err}
		}
	} else {
		recomputed, err := s.sealer.sum(facts.study.PublicKeyHash, facts.updates, dealers, aggregation.TrainContext(s.studyID, round), t.GetWeights())
		if err != nil {
			return ready{}, fmt.Errorf("participant %s: recompute aggregate: %w", s.name, err)
		}
		if !bytes.Equal(recomputed, facts.aggregate) {
			return ready{}, &badAggregateError{Study: s.studyID, Round: round, Aggregate: aggHash, Check: "recompute", Weights: t.GetWeights(),
				Reason: fmt.Sprintf("the aggregate %s is not the weighted sum of the committed updates (recomputed: %s)", aggHash.Hex(), aggregation.ContentHash(recomputed).Hex())}
		}
	}
	sets, err := s.decryptionSets("decrypt", t.GetActivePoints(), t.GetDecryptionSets(), facts.study)
	if err != nil {
		return ready{}, err
	}
	given, err := s.admitSets("decrypt", aggHash, int(facts.study.Threshold), sets)
	if err != nil {
		return ready{}, err
	}
	raws, err := s.sealer.decryptionShares(facts.aggregate, sets)
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: decryption share: %w", s.name, err)
	}
	if s.attack.Kind == AttackForeignDecryption {
		if raws, err = foreignDecryptionShares(raws); err != nil {
			return ready{}, err
		}
	}
	var shares []*cohortv1.SignedShare
	for _, share := range raws {
		if s.attack.Kind == AttackShiftDecryption {
			if share, err = s.sealer.shiftDecryptionShare(share, s.attack.WithDefaults().Scale); err != nil {
				return ready{}, err
			}
		}
		signed, err := auth.Sign(s.key, s.studyID, round, auth.KindDecryptShare, crypto.Keccak256Hash(share))
		if err != nil {
			return ready{}, err
		}
		shares = append(shares, &cohortv1.SignedShare{Share: share, Auth: signed})
	}
	var files []fileWrite
	if once {
		if s.decrypted == nil {
			s.decrypted = map[uint32]common.Hash{}
		}
		s.decrypted[round] = aggHash
		// Kept before the share goes out, so that a restarted node still
		// refuses a second aggregate of the round.
		files = append(files, fileWrite{dir: decryptedDir, name: roundRecordName(round), data: []byte(aggHash.Hex())})
	}
	sub := &cohortv1.DecryptionShareSubmission{
		StudyId: s.studyID, Round: round, AggregateHash: t.GetAggregateHash(), Share: shares[0].Share, Auth: shares[0].Auth, More: shares[1:],
	}
	// The recorded flags passed checkTrust: endorsed, they become strikes,
	// but only if more than one set of holders decrypted the scores
	// (protocol.ScoresCrossChecked): with exactly t, one lying holder could
	// have framed an honest hospital, which keeps its zero weight but is
	// not struck.
	withhold := s.attack.Kind == AttackWithholdEndorsement
	var endorsed *endorsedFlags
	if facts.flagsAnyone() && recordsExactly(round, addrs, facts.recorded) == nil && protocol.ScoresCrossChecked(t.GetTrust(), int(facts.study.Threshold)) && (!withhold || s.attack.Scale != 0) {
		if sub.ScoresEndorsement, err = contracts.SignEndorsement(s.key, facts.domain, s.studyID, round, facts.scoresHash); err != nil {
			return ready{}, err
		}
		if withhold {
			sub.ScoresEndorsement[0] ^= 0xff // garbled: another signer, or none
		} else {
			var kept []fileWrite
			if endorsed, kept, err = s.flagsToWatch(round, facts.scoresFacts); err != nil {
				return ready{}, err
			}
			files = append(files, kept...)
		}
	}
	kept, err := s.keepSetsGiven(given)
	if err != nil {
		return ready{}, err
	}
	return ready{files: append(files, kept...), send: sub, endorsed: endorsed}, nil
}

// decryptionSets returns the active sets this holder gives a share for
// (what names the task: "decrypt", "score"): the task's decryption sets
// that hold its point, which must be exactly those
// aggregation.DecryptionSets derives from the task's active points at the
// chain's threshold, or, with exactly t active points, none: the active
// points alone. Any other sets, even another valid cover, would get the
// coordinator more smudged decryptions of one aggregate, or of one
// update's scores, than the check needs.
func (s *steps) decryptionSets(what string, active []uint64, taskSets []*cohortv1.PointSet, study contracts.Study) ([][]uint64, error) {
	if len(taskSets) == 1 {
		return nil, fmt.Errorf("%w: the %s task names a single decryption set %v: with exactly t active points it names none, with more the sets aggregation.DecryptionSets derives", ErrChainMismatch, what, taskSets[0].GetPoints())
	}
	sets := shamirSets(wireSets(taskSets))
	if len(taskSets) == 0 {
		sets = [][]aggregation.ShamirPoint{slices.Sorted(slices.Values(shamirPoints(active)))}
	}
	if err := aggregation.CheckDerivedDecryptionSets(shamirPoints(active), int(study.Threshold), sets); err != nil {
		return nil, fmt.Errorf("%w: the %s task's decryption sets: %v; this holder gives shares for the derived sets only", ErrChainMismatch, what, err)
	}
	if len(taskSets) == 0 {
		return [][]uint64{active}, nil
	}
	mine := setsHolding(taskSets, s.point)
	if len(mine) == 0 {
		return nil, fmt.Errorf("%w: no decryption set holds this site's point %d", ErrChainMismatch, s.point)
	}
	return mine, nil
}

// badAggregateError is a refusal to decrypt an aggregate that is not the
// weighted sum of the committed updates. It is also the evidence the node
// keeps and whose hash it records on chain (contracts.Ledger.DisputeAggregate):
// anyone with the blobs can re-check it (cohort audit).
type badAggregateError struct {
	Study     uint64      `json:"study"`
	Round     uint32      `json:"round"`
	Aggregate common.Hash `json:"aggregate"`
	Check     string      `json:"check"` // "spot" or "recompute"
	Chunks    []int       `json:"chunks,omitempty"`
	Weights   []float64   `json:"weights"`
	Reason    string      `json:"reason"`
	cause     error       // the failed check's error, if any
}

func (e *badAggregateError) Error() string {
	return fmt.Sprintf("%v: %s; refusing to decrypt it", ErrChainMismatch, e.Reason)
}

func (e *badAggregateError) Unwrap() []error { return []error{ErrChainMismatch, e.cause} }

// checkWeights checks the aggregate's weights against the chain: when robust
// scoring is on, the trust weights the coordinator recorded for the round,
// which this node also re-derives from the decrypted scores (checkTrust);
// otherwise the shares of the committed sample counts.
func (s *steps) checkWeights(ctx context.Context, round uint32, t *cohortv1.DecryptTask, addrs []common.Address, samples []uint64, facts decryptFacts) error {
	if len(facts.recorded) > 0 {
		byMember := make(map[common.Address]float64, len(facts.recorded))
		for _, sc := range facts.recorded {
			byMember[sc.Member] = sc.Weight
		}
		for i, addr := range addrs {
			want, ok := byMember[addr]
			if !ok {
				return fmt.Errorf("%w: no weight recorded on chain for %s in round %d", ErrChainMismatch, addr.Hex(), round)
			}
			if math.Abs(t.GetWeights()[i]-want) > 1e-9 {
				return fmt.Errorf("%w: weight of %s is %g, the chain records %g", ErrChainMismatch, addr.Hex(), t.GetWeights()[i], want)
			}
		}
		return s.checkTrust(ctx, round, addrs, samples, t.GetWeights(), t.GetTrust(), facts.roundFacts, facts.scoresFacts, true)
	}
	var total float64
	for _, n := range samples {
		total += float64(n)
	}
	for i, w := range t.GetWeights() {
		if want := float64(samples[i]) / total; math.Abs(w-want) > 1e-12 {
			return fmt.Errorf("%w: weight %d is %g, the committed sample counts give %g", ErrChainMismatch, i, w, want)
		}
	}
	return nil
}

// checkTrust re-derives a robust round's trust weights and flags before
// this node helps decrypt its aggregate or endorses its recorded scores: it
// recombines every contributor's scores from the score shares the holders
// signed (the coordinator cannot forge them), runs the study's robust
// policy over the whole round with the committed sample counts, and refuses
// if any of weights (the task's, in the order of addrs) differs or if a
// contributor's recorded flag (its last entry) differs. Without it a
// coordinator could record skewed non-zero weights that emphasise one
// update, or have an honest member struck. Before it endorses, a node also
// checks that the record names no one else (recordsExactly). With
// updates (a holder, which has fetched them) it also checks that each
// committed update is bound to its committer and this round; a node that
// only endorses trusts the holders that signed the score shares for that,
// as they recomputed each score set from its update.
func (s *steps) checkTrust(ctx context.Context, round uint32, addrs []common.Address, samples []uint64, weights []float64, ev *cohortv1.TrustEvidence, rf roundFacts, facts scoresFacts, updates bool) error {
	if ev == nil {
		return fmt.Errorf("%w: the round %d aggregate has robust weights but the task carries no trust evidence to re-derive them", ErrChainMismatch, round)
	}
	if s.policy == nil {
		return fmt.Errorf("participant %s: no robust policy configured", s.name)
	}
	if h := rf.study.RobustPolicyHash; h != (common.Hash{}) && h != s.policy.Hash() {
		return fmt.Errorf("%w: the chain records robust policy %s for the study, this node's is %s (robust rule version %d); configure the study's robust policy (Config.Robust) and run the release the study was created with", ErrRobustPolicy, h.Hex(), s.policy.Hash().Hex(), aggregation.RobustRuleVersion)
	}
	if got := common.BytesToHash(ev.GetPolicyHash()); got != s.policy.Hash() {
		return fmt.Errorf("%w: the coordinator weighs updates by robust policy %s, this node's is %s (robust rule version %d); configure the study's robust policy (Config.Robust) and run the coordinator's release", ErrRobustPolicy, got.Hex(), s.policy.Hash().Hex(), aggregation.RobustRuleVersion)
	}
	n := len(addrs)
	if len(ev.GetScoreSetHashes()) != n || facts.reference == nil || len(facts.reference.scoreSets) != n || len(weights) != n || len(samples) != n {
		return fmt.Errorf("%w: trust evidence has %d score sets for %d contributors", ErrChainMismatch, len(ev.GetScoreSetHashes()), n)
	}
	h, ok := s.sealer.(*homomorphicSealer)
	if !ok {
		return fmt.Errorf("participant %s: robust weights need encryption to check", s.name)
	}
	var refs *aggregation.References
	var err error
	if updates {
		refs, _, err = s.roundReferences(ctx, h.scheme, round, addrs, rf, *facts.reference, ev.GetSeed(), ev.GetProjections(), ev.GetReferencesHash())
	} else {
		refs, err = s.scoringReferences(ctx, h.scheme, round, addrs, rf, *facts.reference, ev.GetSeed(), ev.GetProjections(), ev.GetReferencesHash())
	}
	if err != nil {
		return err
	}
	shares, err := s.scoreShares(round, ev.GetScoreSubmissions(), n, participants(rf.study), int(rf.study.Threshold))
	if err != nil {
		return err
	}
	scores := make([]aggregation.Scores, n)
	for j, b := range facts.reference.scoreSets {
		if aggregation.ContentHash(b) != common.BytesToHash(ev.GetScoreSetHashes()[j]) {
			return fmt.Errorf("participant %s: score set %d is not the one the evidence names", s.name, j)
		}
		var set aggregation.ScoreSet
		if err := set.UnmarshalBinary(b); err != nil {
			return fmt.Errorf("%w: score set of %s: %v", ErrChainMismatch, addrs[j].Hex(), err)
		}
		// DecryptScores refuses shares bound to another score set; the
		// holders that signed them recomputed the set from the update.
		// Every decryption set the holders signed for is present
		// (scoreShares) and must decrypt alike: a coordinator cannot keep
		// the one set it likes.
		if scores[j], err = h.scheme.DecryptScoresChecked(&set, refs, shares[j]); err != nil {
			return fmt.Errorf("%w: scores of %s: %w", ErrChainMismatch, addrs[j].Hex(), err)
		}
	}
	trust, derived, err := s.policy.RoundWeights(scores, refs.ReferenceNorm(), samples, int(rf.study.MinParticipants), contracts.MetricUnit)
	if err != nil {
		return fmt.Errorf("%w: the round %d scores give no robust weights: %v", ErrChainMismatch, round, err)
	}
	// The flags too: this holder's endorsement of the recorded scores is
	// what lets the chain strike a flagged member.
	flagged := make(map[common.Address]bool, len(facts.recorded))
	for _, sc := range facts.recorded {
		flagged[sc.Member] = sc.Flagged
	}
	var wrong []string
	for i, w := range weights {
		if math.Abs(w-derived[i]) > weightTolerance {
			wrong = append(wrong, fmt.Sprintf("weight of %s is %g, but the decrypted scores and the study's robust policy give %g", addrs[i].Hex(), w, derived[i]))
		}
		if flagged[addrs[i]] != trust[i].Flagged() {
			wrong = append(wrong, fmt.Sprintf("%s is recorded as flagged %t, but the decrypted scores and the study's robust policy give %t", addrs[i].Hex(), flagged[addrs[i]], trust[i].Flagged()))
		}
	}
	if len(wrong) > 0 {
		return fmt.Errorf("%w: round %d: %s; refusing to decrypt or endorse", ErrChainMismatch, round, strings.Join(wrong, "; "))
	}
	return nil
}

// recordsExactly refuses to endorse a recorded score table that names
// anyone but the round's contributors addrs, or anyone twice: the chain
// strikes every flagged entry of the table, and a flagged entry for a
// member the re-derivation does not cover (or an earlier entry of one it
// does) would have that member struck on endorsements that never checked
// it. A holder still decrypts such a round when its contributors' weights
// check (a coordinator restarted mid-round records its scores again), but
// does not endorse it.
func recordsExactly(round uint32, addrs []common.Address, recorded []contracts.Score) error {
	contributor := make(map[common.Address]bool, len(addrs))
	for _, a := range addrs {
		contributor[a] = true
	}
	seen := make(map[common.Address]bool, len(recorded))
	for _, sc := range recorded {
		switch {
		case !contributor[sc.Member]:
			return fmt.Errorf("%w: round %d's recorded scores name %s, which is not among the %d contributors scored; refusing to endorse them", ErrChainMismatch, round, sc.Member.Hex(), len(addrs))
		case seen[sc.Member]:
			return fmt.Errorf("%w: round %d's recorded scores name %s twice; refusing to endorse them", ErrChainMismatch, round, sc.Member.Hex())
		}
		seen[sc.Member] = true
	}
	if len(seen) != len(addrs) {
		return fmt.Errorf("%w: round %d's recorded scores name %d of the %d contributors; refusing to endorse them", ErrChainMismatch, round, len(seen), len(addrs))
	}
	return nil
}

// scoreShares checks the holders' signed score share submissions (each from
// a distinct current participant, for this study and round, signed over
// the score task's active points, one share per contributor for each
// decryption set of those points the holder is in) and returns the shares
// by contributor. Every decryption set of the active points must be there
// for every contributor, and no other: the coordinator cannot leave out
// the sets whose scores it dislikes.
func (s *steps) scoreShares(round uint32, submissions [][]byte, n int, member map[common.Address]bool, threshold int) ([][]*aggregation.ScoreShare, error) {
	if len(submissions) == 0 {
		return nil, fmt.Errorf("%w: trust evidence carries no score shares", ErrChainMismatch)
	}
	out := make([][]*aggregation.ScoreShare, n)
	signers := make(map[common.Address]bool, len(submissions))
	var active []uint64
	for i, raw := range submissions {
		var sub cohortv1.ScoreSharesSubmission
		if err := proto.Unmarshal(raw, &sub); err != nil {
			return nil, fmt.Errorf("%w: score share submission: %v", ErrChainMismatch, err)
		}
		if sub.GetStudyId() != s.studyID || sub.GetRound() != round {
			return nil, fmt.Errorf("%w: score shares of study %d round %d offered for study %d round %d", ErrChainMismatch, sub.GetStudyId(), sub.GetRound(), s.studyID, round)
		}
		addr, err := auth.Verify(sub.GetAuth(), s.studyID, round, auth.KindScoreShares, auth.ScoreSharesContent(sub.GetActivePoints(), sub.GetShares()))
		if err != nil {
			return nil, fmt.Errorf("%w: score shares: %w", ErrChainMismatch, err)
		}
		if signers[addr] {
			return nil, fmt.Errorf("%w: score shares of %s given twice", ErrChainMismatch, addr.Hex())
		}
		signers[addr] = true
		if !member[addr] {
			return nil, fmt.Errorf("%w: score shares signed by %s, not a participant of study %d", ErrChainMismatch, addr.Hex(), s.studyID)
		}
		if i == 0 {
			active = sub.GetActivePoints()
		} else if !slices.Equal(sub.GetActivePoints(), active) {
			return nil, fmt.Errorf("%w: %s gave score shares for active points %v, another holder for %v", ErrChainMismatch, addr.Hex(), sub.GetActivePoints(), active)
		}
		if k := len(sub.GetShares()); k == 0 || k%n != 0 {
			return nil, fmt.Errorf("%w: %s gave %d score shares for %d contributors", ErrChainMismatch, addr.Hex(), k, n)
		}
		for i, b := range sub.GetShares() {
			sh := new(aggregation.ScoreShare)
			if err := sh.UnmarshalBinary(b); err != nil {
				return nil, fmt.Errorf("%w: score share of %s: %v", ErrChainMismatch, addr.Hex(), err)
			}
			out[i%n] = append(out[i%n], sh)
		}
	}
	for j, shares := range out {
		sets := make([][]aggregation.ShamirPoint, len(shares))
		for i, sh := range shares {
			sets[i] = sh.ActiveSet()
		}
		if err := everySet(active, threshold, sets); err != nil {
			return nil, fmt.Errorf("%w: the score shares of contributor %d: %v", ErrChainMismatch, j, err)
		}
	}
	return out, nil
}

// everySet checks that the active sets of a holders' shares (one per
// share) are exactly the decryption sets of the active points they signed
// for at threshold (aggregation.DecryptionSets, or the points alone): every
// set present, and no other. A coordinator that kept only the holders of
// the set it likes leaves the other sets incomplete, which the decryption
// then refuses.
func everySet(active []uint64, threshold int, sets [][]aggregation.ShamirPoint) error {
	want := [][]aggregation.ShamirPoint{shamirPoints(active)}
	if len(active) > threshold {
		var err error
		if want, err = aggregation.DecryptionSets(shamirPoints(active), threshold); err != nil {
			return fmt.Errorf("active points %v: %w", active, err)
		}
	}
	var got [][]aggregation.ShamirPoint
	for _, set := range sets {
		if !slices.ContainsFunc(got, func(g []aggregation.ShamirPoint) bool { return slices.Equal(g, set) }) {
			got = append(got, set)
		}
	}
	slices.SortFunc(got, slices.Compare)
	slices.SortFunc(want, slices.Compare)
	if !slices.EqualFunc(got, want, slices.Equal) {
		return fmt.Errorf("shares for decryption sets %v, where the active points %v the holders signed for ask %v", got, active, want)
	}
	return nil
}
