package coordinator

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// scoreStep is the score phase: t share holders each give scalar
// decryption shares of every contributor's scores (never of an update);
// with m spare holders (up to t), one share per contributor for each
// decryption set each is in (aggregation.DecryptionSets), so that a wrong
// share shows as scores that disagree.
type scoreStep struct {
	*phase
	study  uint64
	active []common.Address
	task   *cohortv1.ScoreTask
	// pointOf is each holder's Shamir point.
	pointOf map[common.Address]uint64
	// checkShare checks a score share in its place against contributor c's
	// score set (scoring.checkShare); nil checks nothing more.
	checkShare func(c int, share *aggregation.ScoreShare) error
	// superseded are the active points earlier tasks of this phase named
	// (see follow): a holder's late answer to one is not malformed.
	superseded [][]uint64
}

// follow records that s asks again what earlier asked of another set:
// score shares a holder made for earlier's task are then refused as
// superseded, not as malformed, which would make the holder decline the
// task it is still to do (as decryptStep.follow).
func (s *scoreStep) follow(earlier *scoreStep) {
	s.superseded = append(slices.Clone(earlier.superseded), earlier.task.GetActivePoints())
}

// newScoreStep asks the active holders, at points, for shares of the
// scores task names (its ActivePoints and, with more than threshold
// points, its DecryptionSets are set here); checkShare, if not nil, checks
// each share against its contributor's score set.
func newScoreStep(study uint64, task *cohortv1.ScoreTask, active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64, checkShare func(c int, share *aggregation.ScoreShare) error) (*scoreStep, error) {
	t := proto.Clone(task).(*cohortv1.ScoreTask)
	t.ActivePoints = points
	var err error
	if t.DecryptionSets, err = decryptionSets(points, threshold); err != nil {
		return nil, err
	}
	return &scoreStep{phase: newActivePhase(protocol.Score, task.GetRound(), active), study: study, active: active, task: t, pointOf: pointOf, checkShare: checkShare}, nil
}

func (s *scoreStep) start() ready {
	return s.ask(s.active, &cohortv1.Task{Kind: &cohortv1.Task_Score{Score: s.task}})
}

// receive checks score shares: signed over the task's active points, asked
// of the sender, for this round, one per contributor for each decryption
// set that holds the sender's point.
func (s *scoreStep) receive(req *cohortv1.ScoreSharesSubmission) (ready, error) {
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	addr, err := auth.Verify(req.GetAuth(), s.study, req.GetRound(), auth.KindScoreShares, auth.ScoreSharesContent(req.GetActivePoints(), req.GetShares()))
	if err != nil {
		return ready{}, err
	}
	if !s.want[addr] {
		return ready{}, fmt.Errorf("%w: no score task was sent to %s", ErrNotParticipant, addr.Hex())
	}
	if err := s.checkRound(req.GetRound()); err != nil {
		return ready{}, err
	}
	if !slices.Equal(req.GetActivePoints(), s.task.GetActivePoints()) {
		if slices.ContainsFunc(s.superseded, func(earlier []uint64) bool { return slices.Equal(req.GetActivePoints(), earlier) }) {
			return ready{}, fmt.Errorf("%w: score shares for active points %v answer an earlier task of round %d's scoring, since asked of %v; the answer to the current task is awaited", ErrWrongPhase, req.GetActivePoints(), s.round, s.task.GetActivePoints())
		}
		return ready{}, fmt.Errorf("%w: score shares for active points %v, the task asked %v", ErrMalformed, req.GetActivePoints(), s.task.GetActivePoints())
	}
	sets := 1
	p, ok := s.pointOf[addr]
	if ok {
		sets = setsHolding(s.task.GetDecryptionSets(), p)
	}
	if got, want := len(req.GetShares()), sets*len(s.task.GetContributors()); got != want {
		return ready{}, fmt.Errorf("%w: %d score shares for %d contributors and %d decryption sets", ErrMalformed, got, len(s.task.GetContributors()), sets)
	}
	if ok {
		if err := s.checkShareOrigins(addr, p, req.GetShares()); err != nil {
			return ready{}, err
		}
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: raw}}, nil
}

// checkShareOrigins checks that a holder's score shares are where the
// decryption reads them (scoring.decrypt): per decryption set holding its
// point, in the task's set order, one share per contributor in the task's
// order, each made at its point for that set and of that contributor's
// score set. A misplaced share is otherwise found only once the scores are
// decrypted, which then fails naming no holder.
func (s *scoreStep) checkShareOrigins(from common.Address, point uint64, shares [][]byte) error {
	asked := s.task.GetDecryptionSets()
	if len(asked) == 0 {
		asked = []*cohortv1.PointSet{{Points: s.task.GetActivePoints()}}
	}
	var holding [][]uint64
	for _, set := range asked {
		if slices.Contains(set.GetPoints(), point) {
			holding = append(holding, slices.Sorted(slices.Values(set.GetPoints()))) // as a share names it
		}
	}
	contributors := len(s.task.GetContributors())
	hashes := s.task.GetScoreSetHashes()
	for i, b := range shares {
		set, c := holding[i/contributors], i%contributors
		var sh aggregation.ScoreShare
		if err := sh.UnmarshalBinary(b); err != nil {
			return fmt.Errorf("%w: score share %d of %s: %w", ErrMalformed, i+1, from.Hex(), err)
		}
		active := sh.ActiveSet()
		switch {
		case !sh.IsThreshold() || uint64(sh.Point()) != point:
			return fmt.Errorf("%w: score share %d of %s, the holder at point %d, was made at point %d", ErrMalformed, i+1, from.Hex(), point, sh.Point())
		case !slices.EqualFunc(set, active, func(a uint64, b aggregation.ShamirPoint) bool { return a == uint64(b) }):
			return fmt.Errorf("%w: score share %d of %s is for active set %v, where the task's order asks %v", ErrMalformed, i+1, from.Hex(), active, set)
		case c < len(hashes) && sh.ScoreSetHash != common.BytesToHash(hashes[c]):
			return fmt.Errorf("%w: score share %d of %s is of score set %s, where the task's order asks contributor %d's, %s", ErrMalformed, i+1, from.Hex(), sh.ScoreSetHash.Hex(), c+1, common.BytesToHash(hashes[c]).Hex())
		}
		if s.checkShare != nil {
			if err := s.checkShare(c, &sh); err != nil {
				return fmt.Errorf("%w: score share %d of %s does not decrypt contributor %d's scores: %w", ErrMalformed, i+1, from.Hex(), c+1, err)
			}
		}
	}
	return nil
}

// scoring is a round's robust scoring under encryption: a score set of
// every update against the reference update, kept as blobs, and the task
// that asks share holders to decrypt only the scores.
type scoring struct {
	scheme       *aggregation.Scheme
	contributors []common.Address
	refs         *aggregation.References
	sets         []*aggregation.ScoreSet
	task         *cohortv1.ScoreTask
}

// newScoring scores the contributors' updates (in the same order) against
// reference, projected with k directions drawn from seed; the driver
// stores the score sets (the ready's blobs), which holders fetch to check.
func newScoring(scheme *aggregation.Scheme, study uint64, r uint32, contributors []common.Address, updates [][]byte, reference []float64, seed [32]byte, k int) (*scoring, ready, error) {
	refs, err := scheme.NewReferences(reference, seed, k)
	if err != nil {
		return nil, ready{}, err
	}
	s := &scoring{scheme: scheme, contributors: contributors, refs: refs, sets: make([]*aggregation.ScoreSet, len(updates))}
	s.task = &cohortv1.ScoreTask{StudyId: study, Round: r, ReferencesHash: refs.Hash().Bytes(), Seed: seed[:], Projections: uint32(k)}
	var rd ready
	for i, u := range updates {
		var v aggregation.EncryptedVector
		if err := v.UnmarshalBinary(u); err != nil {
			return nil, ready{}, fmt.Errorf("%w: update of %s: %v", ErrMalformed, contributors[i].Hex(), err)
		}
		if s.sets[i], err = scheme.Score(&v, refs); err != nil {
			return nil, ready{}, err
		}
		b, err := s.sets[i].MarshalBinary()
		if err != nil {
			return nil, ready{}, err
		}
		rd.blobs = append(rd.blobs, b)
		s.task.Contributors = append(s.task.Contributors, contributors[i].Bytes())
		s.task.ScoreSetHashes = append(s.task.ScoreSetHashes, aggregation.ContentHash(b).Bytes())
	}
	return s, rd, nil
}

// decrypt combines the holders' signed score shares (each a
// ScoreSharesSubmission, one share per contributor for each decryption set
// of the holder's) into every
// contributor's scores. The evidence lets holders recombine the same
// scores before they decrypt the aggregate.
// checkShare checks a score share of contributor c's scores on its own
// against c's score set (aggregation.Scheme.CheckScoreShare), for the
// score step to refuse, naming its holder, a share in its place whose
// values the decryption would refuse.
func (s *scoring) checkShare(c int, share *aggregation.ScoreShare) error {
	if c < 0 || c >= len(s.sets) {
		return fmt.Errorf("%w: contributor %d of %d", ErrMalformed, c+1, len(s.sets))
	}
	return s.scheme.CheckScoreShare(s.sets[c], s.refs, share)
}

func (s *scoring) decrypt(answers [][]byte) ([]aggregation.Scores, float64, *cohortv1.TrustEvidence, error) {
	perContributor := make([][]*aggregation.ScoreShare, len(s.sets))
	for _, raw := range answers {
		var sub cohortv1.ScoreSharesSubmission
		if err := proto.Unmarshal(raw, &sub); err != nil {
			return nil, 0, nil, fmt.Errorf("%w: score shares: %v", ErrMalformed, err)
		}
		if n := len(sub.GetShares()); n == 0 || n%len(s.sets) != 0 {
			return nil, 0, nil, fmt.Errorf("%w: %d score shares for %d contributors", ErrMalformed, n, len(s.sets))
		}
		for i, b := range sub.GetShares() {
			sh := new(aggregation.ScoreShare)
			if err := sh.UnmarshalBinary(b); err != nil {
				return nil, 0, nil, fmt.Errorf("%w: score share: %v", ErrMalformed, err)
			}
			perContributor[i%len(s.sets)] = append(perContributor[i%len(s.sets)], sh)
		}
	}
	scores := make([]aggregation.Scores, len(s.sets))
	for j := range s.sets {
		var err error
		// Shares of several decryption sets are compared: a wrong share
		// shows (ErrDecryptionsDisagree) and the round fails before any
		// score, weight or flag is recorded.
		if scores[j], err = s.scheme.DecryptScoresChecked(s.sets[j], s.refs, perContributor[j]); err != nil {
			return nil, 0, nil, fmt.Errorf("decrypt scores of %s: %w", s.contributors[j].Hex(), err)
		}
	}
	evidence := &cohortv1.TrustEvidence{
		ReferencesHash: s.task.ReferencesHash, Seed: s.task.Seed, Projections: s.task.Projections,
		ScoreSetHashes: s.task.ScoreSetHashes, ScoreSubmissions: answers,
	}
	return scores, s.refs.ReferenceNorm(), evidence, nil
}

// maxRecordedScore is the contract's bound on a recorded score.
const maxRecordedScore = 2147

// trustDecision turns round r's scores (one per contributor, with the
// reference's norm and the committed sample counts) into trust weights
// under policy, and decides what goes on chain: every contributor's score,
// weight and flag (strikes follow from the flags). It flags the members
// whose update the policy flagged. No weighting may single out fewer
// updates than least: participants refuse to decrypt such an aggregate.
func trustDecision(policy *aggregation.RobustPolicy, r uint32, contributors []common.Address, scores []aggregation.Scores, refNorm float64, counts []float64, least int) (ready, []aggregation.Trust, []float64, error) {
	samples := make([]uint64, len(counts))
	for i, n := range counts {
		samples[i] = uint64(n)
	}
	// The chain keeps weights to 6 decimals; the aggregate uses exactly the
	// recorded values (rounded down, so they still sum to at most 1), which
	// is what lets participants check them.
	trust, weights, err := policy.RoundWeights(scores, refNorm, samples, least, contracts.MetricUnit)
	if err != nil {
		var outOfRange []string
		for i, sc := range scores {
			if sc.OutOfRange {
				outOfRange = append(outOfRange, contributors[i].Hex())
			}
		}
		if len(outOfRange) > 0 {
			return ready{}, nil, nil, fmt.Errorf("%w; the updates of %s score out of range, no encryption of valid values", err, strings.Join(outOfRange, ", "))
		}
		return ready{}, nil, nil, err
	}
	var rd ready
	record := make([]contracts.Score, len(weights))
	for i := range weights {
		record[i] = contracts.Score{
			Member: contributors[i], Weight: weights[i], Flagged: trust[i].Flagged(),
			Score: math.Max(-maxRecordedScore, math.Min(maxRecordedScore, trust[i].Cosine)),
		}
		if trust[i].Flagged() {
			rd.flag = append(rd.flag, contributors[i])
		}
	}
	rd.chain = []chainWrite{{scores: &roundScores{round: r, scores: record}}}
	return rd, trust, weights, nil
}
