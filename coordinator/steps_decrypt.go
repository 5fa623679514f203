package coordinator

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// errNoQuorum reports fewer live share holders than the threshold.
var errNoQuorum = errors.New("coordinator: fewer live participants than the decryption threshold")

// activeStep is a phase asked of an active set of t share holders
// (decrypt, score, moments-decrypt, reshare-deal): if one goes away,
// another set is asked.
type activeStep interface {
	step
	start() ready
}

// newActivePhase is the phase of an activeStep: it ends the driver's wait
// as soon as a member of the active set goes away.
func newActivePhase(name protocol.Phase, round uint32, active []common.Address) *phase {
	ph := newPhase(name, round, active)
	ph.failFast = true
	return ph
}

// chooseActiveSet picks t share holders among points' holders, and up to
// spare more among the preferred ones: the preferred ones first (in their
// order: a round's contributors just showed they are alive), then the
// others in address order; only connected ones, none excluded, and only
// holders of a point (a contributor that holds no share, such as a
// newcomer that did not confirm its re-sharing, cannot decrypt). Spares
// come only from the preferred, so that a holder that is connected but
// did nothing this round cannot stall every round's check; unless
// spareFromOthers (a study requiring a cross-check fails a round without
// a spare) and the preferred give none: then one other holder is the
// spare, or a round only t holders contributed to could never be
// cross-checked. Points come back sorted, as aggregation.Decrypt
// expects.
func chooseActiveSet(points map[common.Address]uint64, threshold, spare int, spareFromOthers bool, preferred []common.Address, connected, excluded map[common.Address]bool) ([]common.Address, []uint64, error) {
	return activeSetRules{points, threshold, spare, spareFromOthers, preferred, connected, excluded}.choose()
}

// activeSetRules are what chooseActiveSet picks an active set by.
type activeSetRules struct {
	points          map[common.Address]uint64
	threshold       int
	spare           int
	spareFromOthers bool
	preferred       []common.Address
	connected       map[common.Address]bool
	excluded        map[common.Address]bool
}

// choose is chooseActiveSet.
func (r activeSetRules) choose() ([]common.Address, []uint64, error) {
	active := r.fill(nil, r.threshold+r.spare)
	if len(active) < r.threshold {
		return nil, nil, fmt.Errorf("%w: %d live of %d needed", errNoQuorum, len(active), r.threshold)
	}
	return active, r.pointsOf(active), nil
}

// fill is base made up to size with the holders that may be asked, in
// chooseActiveSet's order (the preferred, then the others by address),
// the others only while the set is smaller than they may make it up to.
func (r activeSetRules) fill(base []common.Address, size int) []common.Address {
	others := make([]common.Address, 0, len(r.points))
	for a := range r.points {
		if !slices.Contains(r.preferred, a) {
			others = append(others, a)
		}
	}
	active := slices.Clone(base)
	for _, a := range append(slices.Clone(r.preferred), sortedAddresses(others)...) {
		if len(active) >= size || (len(active) >= r.fromOthers() && !slices.Contains(r.preferred, a)) {
			break
		}
		if r.mayAsk(a) && !slices.Contains(active, a) {
			active = append(active, a)
		}
	}
	return active
}

// fromOthers is how many holders the others may make a set up to.
func (r activeSetRules) fromOthers() int {
	if r.spareFromOthers && r.spare > 0 {
		return r.threshold + 1
	}
	return r.threshold
}

// mayAsk tells whether a holds a point, is connected and is not excluded
// (a contributor that holds no share, such as a newcomer that did not
// confirm its re-sharing, cannot decrypt).
func (r activeSetRules) mayAsk(a common.Address) bool {
	_, holds := r.points[a]
	return holds && r.connected[a] && !r.excluded[a]
}

// pointsOf are active's points, sorted, as aggregation.Decrypt expects.
func (r activeSetRules) pointsOf(active []common.Address) []uint64 {
	chosen := make([]uint64, len(active))
	for i, a := range active {
		chosen[i] = r.points[a]
	}
	slices.Sort(chosen)
	return chosen
}

// decryptStep is the decrypt phase: t share holders each give a
// decryption share of the round's aggregate, bound to its hash; with m
// spare holders (up to t), one share per decryption set each is in
// (aggregation.DecryptionSets), so that a wrong share shows as
// decryptions that disagree.
type decryptStep struct {
	*phase
	study  uint64
	active []common.Address
	task   *cohortv1.DecryptTask
	// pointOf is each holder's Shamir point.
	pointOf map[common.Address]uint64
	// checkShare checks one decryption share's body against the aggregate
	// (summer.shareCheck); nil where no shares are combined.
	checkShare func(share []byte) error
	// signed is each active holder's first submission that passed
	// receive's checks (the one the phase records), signature included,
	// for the round's DecryptionRecord. receive runs outside the
	// coordinator's lock, hence mu.
	mu     sync.Mutex
	signed map[common.Address]*cohortv1.DecryptionShareSubmission
	// superseded are the sets earlier tasks of this phase asked (see
	// follow): a holder's late answer to one of them is not malformed.
	superseded [][]*cohortv1.PointSet
}

// follow records that s asks again what earlier asked of another set:
// shares a holder made for earlier's task (it answers tasks in order, so
// they may reach s) are then refused as superseded, not as malformed. A
// malformed answer makes the holder decline the task it is still to do,
// and the phase then leaves out a holder that was about to answer (a
// round failed so once a hospital was killed under load).
func (s *decryptStep) follow(earlier *decryptStep) {
	s.superseded = append(slices.Clone(earlier.superseded), earlier.askedSets())
}

// stepsAskedInTurn are the steps of one phase asked of one set after
// another: each new one follows the last (decryptStep.follow), so that a
// holder's late answer to an earlier task is told from a malformed one.
type stepsAskedInTurn[S interface {
	activeStep
	follow(S)
}] struct {
	last  S
	asked bool
}

// next takes a newly built step (or its error) as the one now asked.
func (a *stepsAskedInTurn[S]) next(step S, err error) (activeStep, error) {
	if err != nil {
		return nil, err
	}
	if a.asked {
		step.follow(a.last)
	}
	a.last, a.asked = step, true
	return step, nil
}

// askedSets are the sets s's task asks shares for: its decryption sets,
// or its active points as one set.
func (s *decryptStep) askedSets() []*cohortv1.PointSet {
	if sets := s.task.GetDecryptionSets(); len(sets) != 0 {
		return sets
	}
	return []*cohortv1.PointSet{{Points: s.task.GetActivePoints()}}
}

// newDecryptStep asks the active holders, at points, to decrypt what task
// names (its ActivePoints and, with more than threshold points, its
// DecryptionSets are set here); checkShare, if not nil, checks each share
// an active holder gives against the aggregate.
func newDecryptStep(study uint64, task *cohortv1.DecryptTask, active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64, checkShare func(share []byte) error) (*decryptStep, error) {
	t := proto.Clone(task).(*cohortv1.DecryptTask)
	t.ActivePoints = points
	var err error
	if t.DecryptionSets, err = decryptionSets(points, threshold); err != nil {
		return nil, err
	}
	return &decryptStep{phase: newActivePhase(protocol.Decrypt, task.GetRound(), active), study: study, active: active, task: t, pointOf: pointOf, checkShare: checkShare,
		signed: make(map[common.Address]*cohortv1.DecryptionShareSubmission, len(active))}, nil
}

// decryptionSets are the decryption sets a task names for the active
// points (aggregation.DecryptionSets), or none when there are only
// threshold of them: one set, nothing to compare.
func decryptionSets(points []uint64, threshold int) ([]*cohortv1.PointSet, error) {
	if len(points) <= threshold {
		return nil, nil
	}
	active := make([]aggregation.ShamirPoint, len(points))
	for i, p := range points {
		active[i] = aggregation.ShamirPoint(p)
	}
	sets, err := aggregation.DecryptionSets(active, threshold)
	if err != nil {
		return nil, err
	}
	out := make([]*cohortv1.PointSet, len(sets))
	for i, set := range sets {
		out[i] = &cohortv1.PointSet{}
		for _, p := range set {
			out[i].Points = append(out[i].Points, uint64(p))
		}
	}
	return out, nil
}

// setsHolding is how many shares the holder at point gives for a task
// naming sets: one per decryption set it is in, or one.
func setsHolding(sets []*cohortv1.PointSet, point uint64) int {
	if len(sets) == 0 {
		return 1
	}
	n := 0
	for _, set := range sets {
		if slices.Contains(set.GetPoints(), point) {
			n++
		}
	}
	return n
}

// checkShareSets checks that a holder's shares are one for each of the
// sets asked that hold its point, its own (made at its point) and each for
// a different one of those sets. A share for another set would leave both
// sets incomplete and fail the round with no one to blame; refused here,
// it names its sender.
func checkShareSets(asked []*cohortv1.PointSet, point uint64, shares [][]byte) error {
	if want, got := setsHolding(asked, point), len(shares); want != got {
		return fmt.Errorf("%w: %d decryption shares from the holder at point %d, the task's decryption sets ask %d", ErrMalformed, got, point, want)
	}
	given := make([]int, 0, len(shares))
	for i, b := range shares {
		at, active, err := aggregation.ThresholdShareOrigin(b)
		if err != nil {
			return fmt.Errorf("%w: decryption share %d from the holder at point %d: %w", ErrMalformed, i+1, point, err)
		}
		set := slices.IndexFunc(asked, func(ps *cohortv1.PointSet) bool {
			return len(ps.GetPoints()) == len(active) && slices.EqualFunc(ps.GetPoints(), active, func(a uint64, b aggregation.ShamirPoint) bool { return a == uint64(b) })
		})
		switch {
		case uint64(at) != point:
			return fmt.Errorf("%w: decryption share %d of the holder at point %d was made at point %d", ErrMalformed, i+1, point, at)
		case set < 0 || !slices.Contains(asked[set].GetPoints(), point):
			return fmt.Errorf("%w: decryption share %d of the holder at point %d is for active set %v, which it was not asked for", ErrMalformed, i+1, point, active)
		case slices.Contains(given, set):
			return fmt.Errorf("%w: two decryption shares of the holder at point %d for active set %v", ErrMalformed, point, active)
		}
		given = append(given, set)
	}
	return nil
}

func (s *decryptStep) start() ready {
	return s.ask(s.active, &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: s.task}})
}

// receive checks a decryption share's signature, study, round and
// aggregate, and, from an active holder, each share's place (point and
// set) and body (checkShares).
func (s *decryptStep) receive(req *cohortv1.DecryptionShareSubmission) (ready, error) {
	addr, err := auth.Verify(req.GetAuth(), s.study, req.GetRound(), auth.KindDecryptShare, crypto.Keccak256Hash(req.GetShare()))
	if err != nil {
		return ready{}, err
	}
	// The shares are counted and placed before the others' signatures are
	// checked: one signed share repeated to fill a message would otherwise
	// cost the coordinator a signature check per copy.
	if p, ok := s.pointOf[addr]; ok {
		if err := checkShareSets(s.askedSets(), p, sharesOf(req)); err != nil {
			for _, earlier := range s.superseded {
				if checkShareSets(earlier, p, sharesOf(req)) == nil {
					return ready{}, fmt.Errorf("%w: the decryption shares of the holder at point %d answer an earlier task of round %d's decryption, since asked of another set; its answer to the current task is awaited", ErrWrongPhase, p, s.round)
				}
			}
			return ready{}, err
		}
	} else if len(req.GetMore()) > 0 {
		return ready{}, fmt.Errorf("%w: %d decryption shares from %s, which holds no Shamir point: one share, or one per decryption set from a holder", ErrMalformed, 1+len(req.GetMore()), addr.Hex())
	}
	for i, more := range req.GetMore() {
		signer, err := auth.Verify(more.GetAuth(), s.study, req.GetRound(), auth.KindDecryptShare, crypto.Keccak256Hash(more.GetShare()))
		if err != nil {
			return ready{}, fmt.Errorf("decryption share %d: %w", i+2, err)
		}
		if signer != addr {
			return ready{}, fmt.Errorf("%w: decryption share %d is signed by %s, the first by %s", auth.ErrBadSignature, i+2, signer.Hex(), addr.Hex())
		}
	}
	if req.GetStudyId() != s.study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	// Kept in the round's decryption record, and no signature of the
	// share's covers it: an endorsement or nothing.
	if n := len(req.GetScoresEndorsement()); n != 0 && n != crypto.SignatureLength {
		return ready{}, fmt.Errorf("%w: a scores endorsement of %d bytes from %s; an endorsement is a %d-byte signature, or absent", ErrMalformed, n, addr.Hex(), crypto.SignatureLength)
	}
	want := common.BytesToHash(s.task.GetAggregateHash())
	if got := common.BytesToHash(req.GetAggregateHash()); got != want || len(req.GetAggregateHash()) != common.HashLength {
		return ready{}, fmt.Errorf("%w: decryption share for aggregate %s, the round's aggregate is %s", ErrWrongPhase, got.Hex(), want.Hex())
	}
	if err := s.checkRound(req.GetRound()); err != nil {
		return ready{}, err
	}
	if slices.Contains(s.active, addr) {
		// Last, as the one check that decodes the shares: only a holder
		// asked reaches it, its signatures and their places checked.
		if err := checkShareBodies(s.checkShare, sharesOf(req), fmt.Sprintf("round %d's aggregate", s.round), s.task.GetAggregateHash(), addr); err != nil {
			return ready{}, err
		}
		s.mu.Lock()
		if _, ok := s.signed[addr]; !ok {
			s.signed[addr] = req
		}
		s.mu.Unlock()
	}
	return ready{record: &answer{from: addr, data: req.GetShare()}}, nil
}

// sharesOf is a submission's decryption shares: the first, then more.
func sharesOf(req *cohortv1.DecryptionShareSubmission) [][]byte {
	shares := [][]byte{req.GetShare()}
	for _, more := range req.GetMore() {
		shares = append(shares, more.GetShare())
	}
	return shares
}

// checkShareBodies checks each of from's decryption shares of what (the
// vector of hash aggHash) with check (summer.shareCheck; nil checks
// nothing): a share in its place whose body is another vector's, of
// another length or malformed would otherwise fail the decryption with no
// holder named and no other set asked.
func checkShareBodies(check func([]byte) error, shares [][]byte, what string, aggHash []byte, from common.Address) error {
	if check == nil {
		return nil
	}
	for i, b := range shares {
		if err := check(b); err != nil {
			return fmt.Errorf("%w: decryption share %d from %s does not decrypt %s %s: %w", ErrMalformed, i+1, from.Hex(), what, common.BytesToHash(aggHash).Hex(), err)
		}
	}
	return nil
}

// shareBytes lists the decryption shares of signed submissions, each
// holder's first share then its shares for more decryption sets.
func shareBytes(signed []*cohortv1.DecryptionShareSubmission) [][]byte {
	var shares [][]byte
	for _, s := range signed {
		shares = append(shares, s.GetShare())
		for _, more := range s.GetMore() {
			shares = append(shares, more.GetShare())
		}
	}
	return shares
}

// openAverage decrypts the round's aggregate agg with the holders' shares
// (none in plaintext test mode) into the average update of a params-value
// model; slots past the model's are packing padding.
func openAverage(sum summer, agg []byte, shares [][]byte, params int) ([]float64, error) {
	avg, err := sum.open(agg, shares)
	if err != nil {
		return nil, fmt.Errorf("decryption: %w", err)
	}
	if len(avg) < params {
		return nil, fmt.Errorf("%w: decrypted %d values for a %d-parameter model", ErrMalformed, len(avg), params)
	}
	return avg[:params], nil
}
