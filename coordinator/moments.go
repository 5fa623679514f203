package coordinator

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/records"
)

// Limits on moments-phase messages.
const (
	// MaxMomentsBytes bounds one site's encrypted moments (and so does
	// Config.MaxUpdateBytes, if lower): 3 values per feature, a ciphertext
	// (about 0.8 MB) per 8192 of them.
	MaxMomentsBytes = 16 << 20
	// MaxMomentsCount bounds one site's count of training records: the
	// members' own bound, since a count they refuse in the moments task
	// would stall the phase for every member, on every rerun.
	MaxMomentsCount = math.MaxUint32
	// maxShareBytes bounds one decryption share of the moments' sum (and so
	// does Config.MaxUpdateBytes, if lower).
	maxShareBytes = 16 << 20
)

// momentsState is the name, in the store, of the moments phase's outcome:
// the MomentsResultTask every participant was sent, kept so a restarted
// coordinator resumes without running the phase again.
const momentsState = "moments-result"

// momentsSumState is the name, in the store, of the decryption task of the
// moments sum pinned on chain, kept so that a run that stalls in decryption,
// or a restarted coordinator, asks for that sum again.
const momentsSumState = "moments-sum"

// MsgAwaitingConsent is logged, with the hospitals named, each time the
// moments phase waits for hospitals that have no consented training record
// yet; it is counted as a retry of its own (api/monitoring).
const MsgAwaitingConsent = "moments phase waits for hospitals without consented training records: relay their patients' consent (cohort consent relay, or cohort consent grant); round 1 starts once they have records"

// pooledStandardiser agrees on the study's pooled standardiser before round
// 1, or restores the one agreed before a restart. See runMoments.
func (c *Coordinator) pooledStandardiser(ctx context.Context, members []common.Address, currentRound uint32) error {
	raw, err := c.store.ReadState(momentsState)
	if err == nil {
		var res cohortv1.MomentsResultTask
		if err := proto.Unmarshal(raw, &res); err != nil {
			return fmt.Errorf("coordinator: kept moments result: %w", err)
		}
		c.setStandardiser(&res)
		c.log.Info("pooled standardiser restored from the store", "hash", c.standardiserHash().Hex())
		if currentRound > 0 {
			return nil // every participant confirmed it before round 1
		}
		// Before round 1 a participant may not have kept it yet: send it again.
		return c.confirmStandardiser(ctx, members, &res)
	}
	if currentRound > 0 {
		return fmt.Errorf("coordinator: the study is past round 1 with pooled standardisation, but the store holds no agreed standardiser (%v); restore the coordinator's data directory", err)
	}
	var res *cohortv1.MomentsResultTask
	pause := consentRetryFirst
	for stalls := 0; ; {
		if res, err = c.runMoments(ctx, members); err == nil {
			break
		}
		// Hospitals whose patients have not granted yet: a wait for people
		// (no round is open, so no round deadline runs), bounded by the
		// study's consent wait.
		var awaiting *awaitingConsentError
		if errors.As(err, &awaiting) {
			left, err := c.consentWaitLeft(awaiting)
			if err != nil {
				return err
			}
			wait := min(pause, left)
			c.log.Warn(MsgAwaitingConsent, "hospitals", awaiting.hospitals, "retry_in", wait, "consent_wait_left", left)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			pause = min(2*pause, consentRetryMax)
			continue
		}
		if errors.Is(err, ErrMomentsSumRefused) {
			return err // says what happened and what to do; a rerun would decrypt the same pinned sum
		}
		// A member that went away mid-phase: run it again with those left.
		if stalls++; stalls == momentsAttempts || !(errors.Is(err, ErrStalled) || errors.Is(err, errNoQuorum)) {
			return fmt.Errorf("coordinator: moments phase: %w", err)
		}
		c.log.Warn("moments phase stalled; running it again", "attempt", stalls, "err", err)
	}
	return c.confirmStandardiser(ctx, members, res)
}

// momentsAttempts is how many times the moments phase is run, when it
// stalls for another reason than missing consent, before the coordinator
// gives up.
const momentsAttempts = 3

// The moments phase runs again after consentRetryFirst when hospitals
// have no consented training record, then after twice as long each time,
// up to consentRetryMax: consent is relayed by people, and each run costs
// every member a task.
const (
	consentRetryFirst = time.Second
	consentRetryMax   = time.Minute
)

// DefaultConsentWait is Config.ConsentWait when it is zero: a day for a
// hospital's patients to grant and their hospital to relay, and no more
// than a day for a hospital that claims none to hold the study.
const DefaultConsentWait = 24 * time.Hour

// consentWait is ConsentWait, or DefaultConsentWait if it is zero.
func (cfg Config) consentWait() time.Duration {
	if cfg.ConsentWait > 0 {
		return cfg.ConsentWait
	}
	return DefaultConsentWait
}

// ErrConsentWaitOver ends a study before round 1 whose moments phase
// waited for hospitals with no consented training record for longer than
// Config.ConsentWait, without which the study's minimum cannot count.
var ErrConsentWaitOver = errors.New("coordinator: the moments phase waited for hospitals without consented training records for longer than the consent wait")

// consentWaitState is the name, in the store, of the time the moments
// phase first waited for hospitals without consented training records:
// the consent wait is the study's, and a restart does not start it again.
const consentWaitState = "moments-consent-wait-since"

// consentWaitLeft is how much of the consent wait is left, counted from
// the first time the study's moments phase waited for consent (kept in the
// store, written now if this is it); once none is left it returns
// ErrConsentWaitOver naming the hospitals awaited.
//
// A hospital's claim to have no consented training record cannot be
// checked: its consent may be local (flags in its own files, nothing on
// chain), and on chain the coordinator knows neither which patients are
// the hospital's nor whether a grant covers a training record (a grant
// for a record in its test split, or one past its expiry, counts in its
// relayed consent counts but trains nothing); a hospital relays its own
// patients' grants, so one that claims none need only relay none. So the
// wait is bounded instead: a false claim holds the study no longer than a
// true one, and the operator reads who held it.
func (c *Coordinator) consentWaitLeft(awaiting *awaitingConsentError) (time.Duration, error) {
	var since time.Time
	raw, err := c.store.ReadState(consentWaitState)
	switch {
	case err == nil:
		if err := since.UnmarshalText(raw); err != nil {
			return 0, fmt.Errorf("coordinator: kept start of the consent wait %q: %w; delete %s in the data directory to wait again from now", raw, err, "state-"+consentWaitState)
		}
	case errors.Is(err, ErrBlobNotFound):
		since = time.Now().UTC()
		text, _ := since.MarshalText()
		if err := c.store.WriteState(consentWaitState, text); err != nil {
			return 0, err
		}
	default:
		return 0, err
	}
	wait := c.cfg.consentWait()
	if left := wait - time.Since(since); left > 0 {
		return left, nil
	}
	return 0, fmt.Errorf("%w (%s, since %s): the study cannot start without %s, which declined to count as having none (%w). Nothing the coordinator reads can tell such a claim false: have %s relay its patients' consent (cohort consent relay, or cohort consent grant) and start the coordinator again, or set a longer consent_wait",
		ErrConsentWaitOver, wait, since.Format(time.RFC3339), strings.Join(awaiting.hospitals, ", "), awaiting.err, strings.Join(awaiting.hospitals, ", "))
}

// awaitingConsentError ends a run of the moments phase that stalled because
// hospitals declined to count, having no consented training record.
type awaitingConsentError struct {
	hospitals []string // names (or addresses) of the hospitals
	err       error
}

func (e *awaitingConsentError) Error() string { return e.err.Error() }
func (e *awaitingConsentError) Unwrap() error { return e.err }

// withoutConsent names the members that declined p's task for want of a
// consented training record and have not answered since.
func (c *Coordinator) withoutConsent(p *phase) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var named []string
	for _, a := range sortedAddresses(slices.Collect(maps.Keys(p.declined))) {
		if p.hasDeclined(a) && strings.Contains(p.declined[a].GetReason(), protocol.NoConsentedRecords) {
			named = append(named, c.nameOf(a))
		}
	}
	return named
}

// runMoments runs the moments phase: every member sends its signed count of
// consented training records; the members that did are sent the total with
// the signed counts, and each uploads its moments encoded for that total and
// encrypted under the collective key, signed; the coordinator sums them,
// pins the sum on chain (holders decrypt no other: two sums over different
// sets of sites would give one site's moments as their difference) and
// asks t share holders for decryption shares bound to the sum's hash (each
// holder recomputes the sum first); it decrypts only the sum, decodes the
// pooled moments and keeps the standardiser they give. A sum already
// pinned is only decrypted, from the task the store kept.
func (c *Coordinator) runMoments(ctx context.Context, members []common.Address) (*cohortv1.MomentsResultTask, error) {
	session := make([]byte, 32)
	if _, err := rand.Read(session); err != nil {
		return nil, err
	}
	c.mu.Lock()
	run := &momentsRun{
		study: c.cfg.StudyID, session: session, scales: c.cfg.Scales, groups: c.cfg.StandardiserGroups, pkHash: c.pkHash,
		maxBytes: min(MaxMomentsBytes, c.cfg.MaxUpdateBytes), maxShare: min(maxShareBytes, c.cfg.MaxUpdateBytes), sum: c.summer,
		keyEpochs: maps.Clone(c.keyEpochs),
	}
	c.mu.Unlock()
	pinned, err := c.ledger.MomentsSum(ctx, c.cfg.StudyID)
	if err != nil {
		return nil, fmt.Errorf("coordinator: read the pinned moments sum: %w", err)
	}
	kept, err := c.store.ReadState(momentsSumState)
	if err != nil {
		kept = nil
	}
	task, err := pinnedMoments(pinned, kept)
	if err != nil {
		return nil, err
	}
	var preferred []common.Address
	if task == nil {
		if task, preferred, err = c.sumMoments(ctx, run, members); err != nil {
			return nil, err
		}
	} else {
		c.log.Info("decrypting the moments sum pinned on chain", "sum", pinned.Hex())
	}
	agg, err := c.store.Get(common.BytesToHash(task.GetAggregateHash()))
	if err != nil {
		return nil, err
	}

	// Threshold decryption of the sum, never of a site's moments.
	// Up to t spare holders among the sites that contributed, as for a
	// round's aggregate: the sum is decoded only if every decryption set
	// opens it alike (aggregation.DecryptChecked), so one holder cannot
	// shift the pooled standardiser. A pinned sum's contributors are its
	// signed contributions' senders: without them a restarted run would
	// ask no spare.
	if len(preferred) == 0 {
		preferred = momentsSenders(task)
	}
	if err := c.awaitSpareHolder(ctx, 0, preferred, "a pooled standardiser"); err != nil {
		return nil, fmt.Errorf("decryption: %w", err)
	}
	checkShare, err := c.summer.shareCheck(agg)
	if err != nil {
		return nil, err
	}
	var steps stepsAskedInTurn[*momentsDecryptStep]
	_, raws, err := c.askSets(ctx, 0, askedMoments, common.BytesToHash(task.GetAggregateHash()), preferred, func(active []common.Address, points []uint64, threshold int, pointOf map[common.Address]uint64) (activeStep, error) {
		return steps.next(newMomentsDecryptStep(c.cfg.StudyID, run.maxShare, task, active, points, threshold, pointOf, checkShare))
	})
	if err != nil {
		return nil, fmt.Errorf("decryption: %w", err)
	}
	if err := c.checkCrossChecked(len(raws), "the moments sum"); err != nil {
		return nil, fmt.Errorf("decryption: %w", err)
	}
	rd, res, err := run.result(task, agg, raws)
	if errors.Is(err, aggregation.ErrInconsistentDecryption) || errors.Is(err, records.ErrImpossibleMoments) {
		return nil, c.momentsSumRefused(task, raws, err)
	}
	if err != nil {
		return nil, err
	}
	if _, err := c.apply(ctx, rd); err != nil {
		return nil, fmt.Errorf("keep the moments result: %w", err)
	}
	c.setStandardiser(res)
	c.log.Info("pooled standardiser agreed", "sites", len(task.GetCounts()), "records", task.GetTotal(), "hash", c.standardiserHash().Hex())
	return res, nil
}

// ErrMomentsSumRefused ends a study before round 1 whose pinned moments
// sum decrypts to values no hospitals' records give: out of the
// encryption's range, or moments that are impossible (a negative
// variance, more records than counted). Its error names the hospitals
// summed, one of which (or, unless several decryption sets agreed, a
// holder) is at fault, and what the operator can do.
var ErrMomentsSumRefused = errors.New("coordinator: the pinned moments sum gives no pooled standardiser, and the study cannot start")

// momentsSumRefused is ErrMomentsSumRefused for the sum task asks to
// decrypt, why its decryption (from the holders' signed share
// submissions, shareSubs) was refused, naming the hospitals summed, and
// the holders too unless several decryption sets agreed on the sum.
//
// Which of them sent the moments cannot be told: each hospital's moments
// are encrypted under its own key share with no range proof (seeded
// encryption lets a sender choose its c0, and so the decrypted term,
// freely), and holders decrypt no hospital's moments alone. Nor is the
// phase run again without some of them: holders decrypt only the sum the
// chain pins, once per study, since two sums over different hospitals
// would give one hospital's moments as their difference, and nothing
// proves which hospital may be left out.
func (c *Coordinator) momentsSumRefused(task *cohortv1.MomentsDecryptTask, shareSubs [][]byte, why error) error {
	c.mu.Lock()
	var named []string
	for _, a := range momentsSenders(task) {
		named = append(named, fmt.Sprintf("%s (%s)", c.nameOf(a), a.Hex()))
	}
	var holders []string
	sets := map[string]bool{}
	for _, raw := range shareSubs {
		var sub cohortv1.MomentsShareSubmission
		if proto.Unmarshal(raw, &sub) != nil {
			continue
		}
		shares := append([][]byte{sub.GetShare()}, sub.GetMore()...)
		if a, err := auth.Verify(sub.GetAuth(), task.GetStudyId(), 0, auth.KindMomentsShare, auth.MomentsShareContent(common.BytesToHash(sub.GetAggregateHash()), sub.GetActivePoints(), shares...)); err == nil {
			holders = append(holders, fmt.Sprintf("%s (%s)", c.nameOf(a), a.Hex()))
		}
		for _, sh := range shares {
			if _, set, err := aggregation.ThresholdShareOrigin(sh); err == nil {
				sets[fmt.Sprint(set)] = true
			}
		}
	}
	c.mu.Unlock()
	// Sets are compared only once each decrypts within bounds
	// (aggregation.DecryptChecked): an impossible sum from sets that
	// agree clears the holders, a sum beyond the bound does not.
	byHolders := fmt.Sprintf("its %d decryption sets agreed, so no holder's share shifted it", len(sets))
	if len(sets) < 2 || !errors.Is(why, records.ErrImpossibleMoments) {
		byHolders = fmt.Sprintf("or one of the holders that decrypted it, %s, gave a wrong share, which no second decryption set showed", strings.Join(holders, ", "))
	}
	return fmt.Errorf(`%w (%w). One of the %d hospitals summed, %s, encrypted moments that are not its records' (%s); which one cannot be told: the moments are encrypted with no range proof and no hospital's are decrypted alone. The chain pins one moments sum per study and holders decrypt no other (two sums over different hospitals give one hospital's moments by difference), so a restart fails alike. Create a new study: with "standardise": "site" (no pooled moments), or pooled without a hospital you hold at fault on other grounds (its operator's word, its node's logs and version); leaving an honest one out lets whoever saw both sums, the offender among them, learn that hospital's moments`,
		ErrMomentsSumRefused, why, len(named), strings.Join(named, ", "), byHolders)
}

// momentsSenders are the hospitals whose signed contributions task sums.
func momentsSenders(task *cohortv1.MomentsDecryptTask) []common.Address {
	var out []common.Address
	for _, ct := range task.GetContributions() {
		h := common.BytesToHash(ct.GetCiphertextHash())
		if a, err := auth.Verify(ct.GetAuth(), task.GetStudyId(), 0, auth.KindMoments, auth.MomentsContent(task.GetSession(), h)); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// sumMoments runs the counting and moments phases and sums the moments:
// it stores the sum, keeps its decryption task and pins it on chain, and
// returns the task with the members that contributed.
func (c *Coordinator) sumMoments(ctx context.Context, run *momentsRun, members []common.Address) (*cohortv1.MomentsDecryptTask, []common.Address, error) {
	least := max(2, c.minParticipants)

	// Counts: public, as every round's committed sample counts are, and
	// held to the same bound by consent on chain if the study binds them.
	binds, err := c.ledger.SamplesBound(ctx, c.cfg.StudyID)
	if err != nil {
		return nil, nil, fmt.Errorf("coordinator: %w", err)
	}
	if binds {
		// The block is found once for the run's counts, from the run's key,
		// as every hospital finds it from the key the moments task names.
		bounds, err := c.ledger.MomentsBounds(ctx, c.cfg.StudyID, run.pkHash)
		if err != nil {
			return nil, nil, fmt.Errorf("coordinator: %w", err)
		}
		run.sampleBound = bounds.Of
	}
	count := run.counting(members)
	full, err := c.start(ctx, count, count.start())
	if err != nil {
		return nil, nil, err
	}
	if err := c.wait(ctx, count, full, c.cfg.PhaseTimeout, least); err != nil {
		if without := c.withoutConsent(count.phase); len(without) > 0 {
			return nil, nil, &awaitingConsentError{hospitals: without, err: err}
		}
		return nil, nil, err
	}

	// Encrypted moments, from exactly the members that counted.
	c.mu.Lock()
	moments, err := count.finish()
	c.mu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	if full, err = c.start(ctx, moments, moments.start()); err != nil {
		return nil, nil, err
	}
	if err := c.wait(ctx, moments, full, c.cfg.PhaseTimeout, len(moments.senders)); err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	contributions, err := moments.contributions()
	c.mu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	cts := make([][]byte, len(contributions))
	for i, ct := range contributions {
		if cts[i], err = c.store.Get(common.BytesToHash(ct.GetCiphertextHash())); err != nil {
			return nil, nil, err
		}
	}
	rd, task, err := moments.sum(contributions, cts)
	if err != nil {
		return nil, nil, err
	}
	if _, err := c.apply(ctx, rd); err != nil {
		return nil, nil, err
	}
	return task, moments.senders, nil
}

// confirmStandardiser sends every member the moments phase's outcome and
// waits until every member has checked and kept it, or until the phase
// timeout if the study's minimum did. A member that joins later is sent it
// on joining (see Join).
func (c *Coordinator) confirmStandardiser(ctx context.Context, members []common.Address, res *cohortv1.MomentsResultTask) error {
	st := newMomentsResultStep(c.cfg.StudyID, members, res)
	full, err := c.start(ctx, st, st.start())
	if err != nil {
		return err
	}
	if err := c.wait(ctx, st, full, c.cfg.PhaseTimeout, max(1, c.minParticipants)); err != nil {
		return fmt.Errorf("coordinator: participants confirming the pooled standardiser: %w", err)
	}
	return nil
}

// recordStandardiser puts the agreed standardiser's hash on chain before
// round 1, where hospitals check it before they train; after round 1 it
// only checks that the chain holds the same one.
func (c *Coordinator) recordStandardiser(ctx context.Context, h common.Hash) error {
	study, err := c.ledger.Study(ctx, c.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("coordinator: read study: %w", err)
	}
	rd, err := standardiserOnChain(study.StandardiserHash, study.CurrentRound, h)
	if err != nil {
		return err
	}
	if _, err := c.apply(ctx, rd); err != nil {
		return err
	}
	if len(rd.chain) > 0 {
		c.log.Info("pooled standardiser recorded on chain", "hash", h.Hex())
	}
	return nil
}

// setStandardiser records the moments phase's outcome.
func (c *Coordinator) setStandardiser(res *cohortv1.MomentsResultTask) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.standardiser = res.GetStandardiser()
	c.momentsResult = &cohortv1.Task{Kind: &cohortv1.Task_MomentsResult{MomentsResult: res}}
	c.readers.checkedOnJoin(res)
}

// catchUpTask is the task a (re)joining member is sent first: the pooled
// standardiser, once agreed, unless the current phase sends it anyway. A
// member that missed the confirmation (down, or its data directory lost)
// then checks and keeps it before it is asked to train. Guarded by mu.
func (c *Coordinator) catchUpTask() *cohortv1.Task {
	if c.momentsResult == nil || (c.current != nil && c.current.collecting().name == protocol.MomentsResult) {
		return nil
	}
	return c.momentsResult
}

// standardiserHash is keccak256 of the agreed pooled standardiser's
// encoding, or zero before it is agreed.
func (c *Coordinator) standardiserHash() common.Hash {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.standardiser == nil {
		return common.Hash{}
	}
	return crypto.Keccak256Hash(c.standardiser)
}

func (s *server) SubmitMomentsCount(ctx context.Context, req *cohortv1.MomentsCount) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindMomentsCount, 0, func(st *momentsCountStep) (ready, error) { return st.receive(ctx, req) }))
}

func (s *server) SubmitMoments(ctx context.Context, req *cohortv1.MomentsSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindMoments, 0, func(st *momentsStep) (ready, error) { return st.receive(req) }))
}

func (s *server) SubmitMomentsShare(ctx context.Context, req *cohortv1.MomentsShareSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindMomentsShare, 0, func(st *momentsDecryptStep) (ready, error) { return st.receive(req) }))
}

func (s *server) ConfirmMoments(ctx context.Context, req *cohortv1.MomentsConfirmation) (*cohortv1.Ack, error) {
	c := s.c
	if _, err := currentStep[*momentsResultStep](c, auth.KindMomentsStandardiser, 0); err == nil {
		return &cohortv1.Ack{}, toStatus(deliver(c, auth.KindMomentsStandardiser, 0, func(st *momentsResultStep) (ready, error) { return st.receive(req) }))
	}
	// A member catching up after the phase (see catchUpTask).
	addr, err := checkConfirmation(c.cfg.StudyID, c.standardiserHash(), req)
	if err != nil {
		return nil, toStatus(err)
	}
	c.log.Info("participant confirmed the pooled standardiser after the phase", "address", addr.Hex())
	return &cohortv1.Ack{}, nil
}

// checkScales validates the moments encoding's scales for f features.
func checkScales(scales []float64, f int) error {
	if len(scales) != f {
		return fmt.Errorf("%d scales for a %d-feature model; give one per feature (the schema's)", len(scales), f)
	}
	for j, s := range scales {
		if !(s > 0) || math.IsInf(s, 0) {
			return fmt.Errorf("scale of feature %d is %v; want a finite value > 0", j, s)
		}
	}
	return nil
}

// trainStandardiserHash is what a TrainTask says of the pooled standardiser.
func (c *Coordinator) trainStandardiserHash() []byte {
	if c.cfg.Standardisation != records.StandardisePooled {
		return nil
	}
	return c.standardiserHash().Bytes()
}
