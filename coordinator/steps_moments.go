package coordinator

import (
	"context"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/records"
)

// momentsDecryptStep is the moments-decrypt phase: t share holders each
// give a decryption share of the moments' sum, bound to its hash; with m
// spare holders (up to t), one share per decryption set each is in.
type momentsDecryptStep struct {
	*phase
	study    uint64
	maxShare int64
	active   []common.Address
	task     *cohortv1.MomentsDecryptTask
	// pointOf is each holder's Shamir point.
	pointOf map[common.Address]uint64
	// checkShare checks one decryption share's body against the sum
	// (summer.shareCheck); nil where no shares are combined.
	checkShare func(share []byte) error
	// superseded are the active points earlier tasks of this phase named
	// (see follow): a holder's late answer to one is not malformed.
	superseded [][]uint64
}

// follow records that s asks again what earlier asked of another set:
// shares a holder made for earlier's task are then refused as superseded,
// not as malformed, which would make the holder decline the task it is
// still to do (as decryptStep.follow).
func (s *momentsDecryptStep) follow(earlier *momentsDecryptStep) {
	s.superseded = append(slices.Clone(earlier.superseded), earlier.task.GetActivePoints())
}

// newMomentsDecryptStep asks the active holders, at points, to decrypt the
// sum task names (its ActivePoints and, with more than threshold points,
// its DecryptionSets are set here); a share above maxShare bytes is
// refused, and checkShare, if not nil, checks each share an active holder
// gives against the sum.
func newMomentsDecryptStep(study uint64, maxShare int64, task *cohortv1.MomentsDecryptTask, active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64, checkShare func(share []byte) error) (*momentsDecryptStep, error) {
	t := proto.Clone(task).(*cohortv1.MomentsDecryptTask)
	t.ActivePoints = points
	var err error
	if t.DecryptionSets, err = decryptionSets(points, threshold); err != nil {
		return nil, err
	}
	return &momentsDecryptStep{phase: newActivePhase(protocol.MomentsDecrypt, 0, active), study: study, maxShare: maxShare, active: active, task: t, pointOf: pointOf, checkShare: checkShare}, nil
}

// askedSets are the sets s's task asks shares for: its decryption sets,
// or its active points as one set.
func (s *momentsDecryptStep) askedSets() []*cohortv1.PointSet {
	if sets := s.task.GetDecryptionSets(); len(sets) != 0 {
		return sets
	}
	return []*cohortv1.PointSet{{Points: s.task.GetActivePoints()}}
}

func (s *momentsDecryptStep) start() ready {
	return s.ask(s.active, &cohortv1.Task{Kind: &cohortv1.Task_MomentsDecrypt{MomentsDecrypt: s.task}})
}

// receive checks the shares' sizes, signature, active points and sum, and
// each share's place (one per decryption set of the sender's, made at its
// point) and body (of the sum).
func (s *momentsDecryptStep) receive(req *cohortv1.MomentsShareSubmission) (ready, error) {
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	shares := append([][]byte{req.GetShare()}, req.GetMore()...)
	for _, sh := range shares {
		if int64(len(sh)) > s.maxShare {
			return ready{}, fmt.Errorf("%w: decryption share of %d bytes; the limit is %d", ErrTooLarge, len(sh), s.maxShare)
		}
	}
	agg := common.BytesToHash(req.GetAggregateHash())
	addr, err := auth.Verify(req.GetAuth(), s.study, 0, auth.KindMomentsShare, auth.MomentsShareContent(agg, req.GetActivePoints(), shares...))
	if err != nil {
		return ready{}, err
	}
	if !slices.Equal(req.GetActivePoints(), s.task.GetActivePoints()) {
		if slices.ContainsFunc(s.superseded, func(earlier []uint64) bool { return slices.Equal(req.GetActivePoints(), earlier) }) {
			return ready{}, fmt.Errorf("%w: moments decryption shares for active points %v answer an earlier task of the moments decryption, since asked of %v; the answer to the current task is awaited", ErrWrongPhase, req.GetActivePoints(), s.task.GetActivePoints())
		}
		return ready{}, fmt.Errorf("%w: moments decryption shares for active points %v, the task asked %v", ErrMalformed, req.GetActivePoints(), s.task.GetActivePoints())
	}
	if want := common.BytesToHash(s.task.GetAggregateHash()); agg != want || len(req.GetAggregateHash()) != common.HashLength {
		return ready{}, fmt.Errorf("%w: moments decryption share for sum %s, the phase's sum is %s", ErrWrongPhase, agg.Hex(), want.Hex())
	}
	// Each share in its place (point and set) and, from a holder asked, of
	// the sum: else one holder's share fails the pinned sum's decryption,
	// the only one holders give, naming no one.
	if p, ok := s.pointOf[addr]; ok {
		if err := checkShareSets(s.askedSets(), p, shares); err != nil {
			return ready{}, fmt.Errorf("moments decryption shares from %s: %w", addr.Hex(), err)
		}
		if slices.Contains(s.active, addr) {
			if err := checkShareBodies(s.checkShare, shares, "the moments sum", s.task.GetAggregateHash(), addr); err != nil {
				return ready{}, err
			}
		}
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: raw}}, nil
}

// momentsRun is one run of the moments phase (pooled standardisation): its
// session binds every message of the run, so a message of an earlier run is
// refused.
type momentsRun struct {
	study   uint64
	session []byte
	scales  []float64
	groups  [][]int // one-hot groups the standardiser whitens (Config.StandardiserGroups)
	pkHash  common.Hash
	// keyEpochs are the members' key epochs other than 0 (Coordinator.keyEpochs).
	keyEpochs map[common.Address]uint32
	maxBytes  int64 // largest encrypted moments accepted
	maxShare  int64 // largest decryption share accepted
	sum       summer
	// sampleBound reads a member's sample bound on chain, in a study that
	// binds sample counts to consent (nil in one that does not): the most
	// consented training records its moments count may claim.
	sampleBound func(ctx context.Context, member common.Address) (uint64, error)
}

// checkSession refuses a moments message from another run of the phase.
func (r *momentsRun) checkSession(session []byte) error {
	if len(r.session) == 0 || string(session) != string(r.session) {
		return fmt.Errorf("%w: moments message for another run of the moments phase (a replay?)", ErrWrongPhase)
	}
	return nil
}

// momentsCountStep is the moments-count phase: every member sends its
// signed count of consented training records.
type momentsCountStep struct {
	*phase
	run     *momentsRun
	members []common.Address
}

func (r *momentsRun) counting(members []common.Address) *momentsCountStep {
	return &momentsCountStep{phase: newPhase(protocol.MomentsCount, 0, members), run: r, members: members}
}

func (s *momentsCountStep) start() ready {
	return s.ask(s.members, &cohortv1.Task{Kind: &cohortv1.Task_MomentsCount{MomentsCount: &cohortv1.MomentsCountTask{
		StudyId: s.run.study, Session: s.run.session, Scales: s.run.scales,
	}}})
}

// receive checks a count's study, signature, session and range, and in a
// study that binds sample counts to consent, that it is within its
// sender's bound on chain. The count sets the total every site encodes its
// moments for and the share of the pooled sum a site may weigh, so a
// hospital claiming more consented records than its consent counts allow
// would set the pooled standardiser (TestInflatedMomentsCountIsRefused);
// the bound is the one its commitments are held to, read as for a round
// opened in the block from which the run's key has been the study's key
// (contracts.MomentsBounds), as every hospital reads it from the key the
// moments task names, so a patient revoking after an honest count does
// not get it refused, nor does the key set again during the run.
func (s *momentsCountStep) receive(ctx context.Context, req *cohortv1.MomentsCount) (ready, error) {
	if req.GetStudyId() != s.run.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	addr, err := auth.Verify(req.GetAuth(), s.run.study, 0, auth.KindMomentsCount, auth.MomentsCountContent(req.GetSession(), req.GetCount()))
	if err != nil {
		return ready{}, err
	}
	if err := s.run.checkSession(req.GetSession()); err != nil {
		return ready{}, err
	}
	if req.GetCount() == 0 || req.GetCount() > MaxMomentsCount {
		return ready{}, fmt.Errorf("%w: count of %d training records; want 1..%d", ErrMalformed, req.GetCount(), uint64(MaxMomentsCount))
	}
	if s.run.sampleBound != nil {
		bound, err := s.run.sampleBound(ctx, addr)
		if err != nil {
			return ready{}, fmt.Errorf("coordinator: the moments count of %s: %w", addr.Hex(), err)
		}
		if req.GetCount() > bound {
			return ready{}, fmt.Errorf("%w: %s counts %d consented training records, above the %d its consent counts on chain allow in study %d, which binds sample counts to consent: count only the consented training records, and relay their patients' grants (cohort consent relay) before round 1",
				ErrMalformed, addr.Hex(), req.GetCount(), bound, s.run.study)
		}
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: raw}}, nil
}

// finish makes the moments phase for exactly the members that counted,
// with the total of their counts.
func (s *momentsCountStep) finish() (*momentsStep, error) {
	senders, raws := s.answers(s.members)
	counts := make([]*cohortv1.MomentsCount, len(raws))
	var total uint64
	for i, b := range raws {
		counts[i] = new(cohortv1.MomentsCount)
		if err := proto.Unmarshal(b, counts[i]); err != nil {
			return nil, err
		}
		total += counts[i].GetCount()
	}
	return &momentsStep{phase: newPhase(protocol.Moments, 0, senders), run: s.run, senders: senders, counts: counts, total: total}, nil
}

// momentsStep is the moments phase: each member that counted sends its
// moments, encoded for the total and encrypted under its key share bound to
// the session.
type momentsStep struct {
	*phase
	run     *momentsRun
	senders []common.Address
	counts  []*cohortv1.MomentsCount
	total   uint64
}

func (s *momentsStep) start() ready {
	return s.ask(s.senders, &cohortv1.Task{Kind: &cohortv1.Task_Moments{Moments: &cohortv1.MomentsTask{
		StudyId: s.run.study, Session: s.run.session, Total: s.total, Counts: s.counts, Scales: s.run.scales, PublicKeyHash: s.run.pkHash.Bytes(),
	}}})
}

// receive checks encrypted moments: size, signature, session, sender, and
// that they are 3 values per feature under the study's key for this
// session and sender. The ciphertext is stored; the answer names it.
func (s *momentsStep) receive(req *cohortv1.MomentsSubmission) (ready, error) {
	if req.GetStudyId() != s.run.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	if int64(len(req.GetCiphertext())) > s.run.maxBytes {
		return ready{}, fmt.Errorf("%w: encrypted moments of %d bytes; the limit is %d", ErrTooLarge, len(req.GetCiphertext()), s.run.maxBytes)
	}
	h := aggregation.ContentHash(req.GetCiphertext())
	addr, err := auth.Verify(req.GetAuth(), s.run.study, 0, auth.KindMoments, auth.MomentsContent(req.GetSession(), h))
	if err != nil {
		return ready{}, err
	}
	if err := s.run.checkSession(req.GetSession()); err != nil {
		return ready{}, err
	}
	if !s.want[addr] {
		return ready{}, fmt.Errorf("%w: %s is not asked for a %s in round %d", ErrNotParticipant, addr.Hex(), s.kind, s.round)
	}
	binding := updateBinding{keyHash: s.run.pkHash, context: aggregation.MomentsContext(s.run.study, req.GetSession()), dealer: aggregation.DealerIDAt(s.run.study, addr.Bytes(), s.run.keyEpochs[addr])}
	if err := s.run.sum.validateUpdate(req.GetCiphertext(), nil, binding, 3*len(s.run.scales)); err != nil {
		return ready{}, fmt.Errorf("moments: %w", err)
	}
	raw, err := proto.Marshal(&cohortv1.MomentsContribution{CiphertextHash: h.Bytes(), Auth: req.GetAuth()})
	if err != nil {
		return ready{}, err
	}
	return ready{blobs: [][]byte{req.GetCiphertext()}, record: &answer{from: addr, data: raw}}, nil
}

// contributions returns the signed contributions, in the senders' order.
func (s *momentsStep) contributions() ([]*cohortv1.MomentsContribution, error) {
	_, raws := s.answers(s.senders)
	out := make([]*cohortv1.MomentsContribution, len(raws))
	for i, b := range raws {
		out[i] = new(cohortv1.MomentsContribution)
		if err := proto.Unmarshal(b, out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sum adds the contributions' ciphertexts (cts, in the same order; weight
// 1 each): the driver stores the sum, keeps the task that asks share
// holders to decrypt it, and pins the sum on chain, the one holders decrypt.
func (s *momentsStep) sum(contributions []*cohortv1.MomentsContribution, cts [][]byte) (ready, *cohortv1.MomentsDecryptTask, error) {
	ones := make([]float64, len(cts))
	for i := range ones {
		ones[i] = 1
	}
	agg, err := s.run.sum.sum(cts, ones)
	if err != nil {
		return ready{}, nil, fmt.Errorf("sum the moments: %w", err)
	}
	h := aggregation.ContentHash(agg)
	task := &cohortv1.MomentsDecryptTask{
		StudyId: s.run.study, Session: s.run.session, Total: s.total, Counts: s.counts, Contributions: contributions,
		AggregateHash: h.Bytes(),
	}
	raw, err := proto.Marshal(task)
	if err != nil {
		return ready{}, nil, err
	}
	return ready{blobs: [][]byte{agg}, state: []keptState{{name: momentsSumState, data: raw}}, chain: []chainWrite{{momentsSum: &h}}}, task, nil
}

// pinnedMoments returns the decryption task of the moments sum the chain
// pins (pinned, zero if none), kept in the store (kept, nil if none): a
// run that pinned its sum is not run again, only its decryption, since
// holders decrypt no other sum.
func pinnedMoments(pinned common.Hash, kept []byte) (*cohortv1.MomentsDecryptTask, error) {
	if pinned == (common.Hash{}) {
		return nil, nil
	}
	task := new(cohortv1.MomentsDecryptTask)
	if kept != nil {
		if err := proto.Unmarshal(kept, task); err != nil {
			return nil, fmt.Errorf("coordinator: kept moments sum: %w", err)
		}
	}
	if kept == nil || common.BytesToHash(task.GetAggregateHash()) != pinned {
		return nil, fmt.Errorf("coordinator: the chain pins moments sum %s, the store holds no decryption task for it; restore the coordinator's data directory (holders decrypt no other sum)", pinned.Hex())
	}
	return task, nil
}

// result decrypts only the sum (agg, whose decryption task was task) with
// the holders' signed shares and decodes the pooled standardiser; the
// driver stores it and keeps the result task, which every member checks.
func (r *momentsRun) result(task *cohortv1.MomentsDecryptTask, agg []byte, shareSubs [][]byte) (ready, *cohortv1.MomentsResultTask, error) {
	subs := make([]*cohortv1.MomentsShareSubmission, len(shareSubs))
	var shares [][]byte
	for i, b := range shareSubs {
		subs[i] = new(cohortv1.MomentsShareSubmission)
		if err := proto.Unmarshal(b, subs[i]); err != nil {
			return ready{}, nil, err
		}
		shares = append(shares, subs[i].GetShare())
		shares = append(shares, subs[i].GetMore()...)
	}
	// Shares of several decryption sets are compared: a wrong share
	// shows (aggregation.ErrDecryptionsDisagree).
	plain, err := r.sum.open(agg, shares)
	if err != nil {
		return ready{}, nil, fmt.Errorf("decryption: %w", err)
	}
	std, err := records.PooledStandardiser(plain, float64(task.GetTotal()), r.scales)
	if err != nil {
		return ready{}, nil, err
	}
	if len(r.groups) > 0 {
		if std, err = std.WithGroups(r.groups); err != nil {
			return ready{}, nil, err
		}
	}
	enc, err := std.Encode()
	if err != nil {
		return ready{}, nil, err
	}
	res := &cohortv1.MomentsResultTask{
		StudyId: r.study, Session: r.session, Total: task.GetTotal(), Scales: r.scales, Counts: task.GetCounts(),
		Contributions: task.GetContributions(), AggregateHash: task.GetAggregateHash(), Shares: subs, Standardiser: enc,
	}
	raw, err := proto.Marshal(res)
	if err != nil {
		return ready{}, nil, err
	}
	return ready{blobs: [][]byte{enc}, state: []keptState{{name: momentsState, data: raw}}}, res, nil
}

// momentsResultStep is the moments-result phase: every member gets the
// standardiser with its evidence, checks it and confirms, signed.
type momentsResultStep struct {
	*phase
	study   uint64
	members []common.Address
	result  *cohortv1.MomentsResultTask
}

func newMomentsResultStep(study uint64, members []common.Address, result *cohortv1.MomentsResultTask) *momentsResultStep {
	return &momentsResultStep{phase: newPhase(protocol.MomentsResult, 0, members), study: study, members: members, result: result}
}

func (s *momentsResultStep) start() ready {
	return s.ask(s.members, &cohortv1.Task{Kind: &cohortv1.Task_MomentsResult{MomentsResult: s.result}})
}

// receive checks a confirmation names the agreed standardiser.
func (s *momentsResultStep) receive(req *cohortv1.MomentsConfirmation) (ready, error) {
	addr, err := checkConfirmation(s.study, crypto.Keccak256Hash(s.result.GetStandardiser()), req)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr}}, nil
}

// checkConfirmation checks a confirmation of the pooled standardiser whose
// hash is agreed (zero before one is) and returns its signer.
func checkConfirmation(study uint64, agreed common.Hash, req *cohortv1.MomentsConfirmation) (common.Address, error) {
	if req.GetStudyId() != study {
		return common.Address{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	h := common.BytesToHash(req.GetStandardiserHash())
	addr, err := auth.Verify(req.GetAuth(), study, 0, auth.KindMomentsStandardiser, h)
	if err != nil {
		return common.Address{}, err
	}
	if h != agreed || agreed == (common.Hash{}) {
		return common.Address{}, fmt.Errorf("%w: %s confirms standardiser %s, the agreed one is %s", ErrWrongPhase, addr.Hex(), h.Hex(), agreed.Hex())
	}
	return addr, nil
}

// standardiserOnChain decides, from the chain's facts (the standardiser
// hash it records and the study's current round), what to do with the
// agreed standardiser's hash: record it before round 1, nothing if the
// chain has it (or a study begun before the chain had the slot), and fail
// if the chain records another one.
func standardiserOnChain(recorded common.Hash, currentRound uint32, agreed common.Hash) (ready, error) {
	switch {
	case recorded == agreed:
		return ready{}, nil
	case currentRound == 0:
		return ready{chain: []chainWrite{{standardiserHash: &agreed}}}, nil
	case recorded == (common.Hash{}):
		return ready{}, nil
	default:
		return ready{}, fmt.Errorf("coordinator: the chain records standardiser %s, the store holds %s; restore the coordinator's data directory", recorded.Hex(), agreed.Hex())
	}
}
