package coordinator

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// syncLog is a log buffer safe for the handlers that write it and the test
// that reads it.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// declineWaitTimeout is the phase timeout of the tests below: a wait that
// ended before it ended for a decline, not for the timeout.
const declineWaitTimeout = time.Minute

// waitInBackground starts a round-1 train phase asking members and waits
// for it with min answers needed; the result comes on the channel.
// declineOf is an unsigned decline of phase's task in round, as
// Coordinator.decline takes once checked.
func declineOf(phase protocol.Phase, round uint32, reason string) *cohortv1.TaskDecline {
	return &cohortv1.TaskDecline{Round: round, Phase: string(phase), Reason: reason}
}

func waitInBackground(t *testing.T, c *Coordinator, members []common.Address, min int) (*askedStep, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*declineWaitTimeout)
	t.Cleanup(cancel)
	st := &askedStep{newPhase(protocol.Train, 1, members)}
	full, err := c.start(ctx, st, st.start())
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- c.wait(ctx, st, full, c.cfg.PhaseTimeout, min) }()
	return st, done
}

// waited returns the wait's result, failing the test if it waits on to the
// phase timeout.
func waited(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(declineWaitTimeout / 2):
		t.Fatal("the phase waited on for members that declined")
		return nil
	}
}

// A phase stops waiting for a member that declined its task: it closes at
// once with the answers it needs, or fails at once naming the decline,
// instead of waiting out its timeout. A decline counts with members that
// went away; a member still connected and silent is still waited for.
func TestDeclineEndsThePhaseWait(t *testing.T) {
	const reason = "participant h3: this hospital's Ethereum node is behind the coordinator's"
	t.Run("enough answers: the phase closes", func(t *testing.T) {
		c, h := holdersCoordinator(declineWaitTimeout)
		st, done := waitInBackground(t, c, h[:3], 2)
		answerFrom(t, c, st, h[0], h[1])
		require.NoError(t, c.decline(h[2], declineOf(protocol.Train, 1, reason)))
		require.NoError(t, waited(t, done))
	})
	t.Run("too few answers: the phase fails naming the decline", func(t *testing.T) {
		c, h := holdersCoordinator(declineWaitTimeout)
		st, done := waitInBackground(t, c, h[:3], 3)
		answerFrom(t, c, st, h[0], h[1])
		require.NoError(t, c.decline(h[2], declineOf(protocol.Train, 1, reason)))
		err := waited(t, done)
		require.ErrorIs(t, err, ErrStalled)
		require.ErrorIs(t, err, errDeclined)
		assert.Contains(t, err.Error(), h[2].Hex())
		assert.Contains(t, err.Error(), reason)
	})
	t.Run("declined and gone: the phase closes", func(t *testing.T) {
		c, h := holdersCoordinator(declineWaitTimeout)
		c.mu.Lock()
		delete(c.peers, h[1])
		c.gone[h[1]] = time.Now().Add(-declineWaitTimeout) // past the absent grace
		c.mu.Unlock()
		st, done := waitInBackground(t, c, h[:3], 1)
		answerFrom(t, c, st, h[0])
		require.NoError(t, c.decline(h[2], declineOf(protocol.Train, 1, reason)))
		require.NoError(t, waited(t, done))
	})
	t.Run("a silent member is still waited for", func(t *testing.T) {
		c, h := holdersCoordinator(declineWaitTimeout)
		st, done := waitInBackground(t, c, h[:3], 2)
		answerFrom(t, c, st, h[0])
		require.NoError(t, c.decline(h[2], declineOf(protocol.Train, 1, reason)))
		select {
		case err := <-done:
			t.Fatalf("the phase stopped waiting for h[1], connected and at work: %v", err)
		case <-time.After(500 * time.Millisecond): // five of wait's ticks
		}
		answerFrom(t, c, st, h[1])
		require.NoError(t, waited(t, done))
	})
	t.Run("a member that declined may still answer", func(t *testing.T) {
		c, h := holdersCoordinator(declineWaitTimeout)
		st, done := waitInBackground(t, c, h[:3], 3)
		answerFrom(t, c, st, h[0])
		require.NoError(t, c.decline(h[2], declineOf(protocol.Train, 1, reason)))
		answerFrom(t, c, st, h[2]) // its node caught up
		answerFrom(t, c, st, h[1])
		require.NoError(t, waited(t, done), "every member answered")
	})
}

// A holder that declines its decryption task has its set given up at
// once, and only it is left out of the next set.
func TestAskSetLeavesOutAHolderThatDeclines(t *testing.T) {
	c, h := holdersCoordinator(declineWaitTimeout)
	steps, result := askSetsRecorded(t, c, h)

	first := nextSet(t, c, steps)
	answerFrom(t, c, first, h[0])
	require.NoError(t, c.decline(h[3], declineOf(protocol.Decrypt, 2, "participant h4: no contributor list pinned for round 2")))

	second := nextSet(t, c, steps)
	assert.Equal(t, h[:3], second.pending(), "the holders that did not decline are asked again")
	answerFrom(t, c, second, h[:3]...)
	active, err := result()
	require.NoError(t, err)
	assert.Equal(t, h[:3], active)
}

// When so many holders decline that fewer than t are left, no holder
// joining could make up a set: the round fails at once, naming the
// declines, instead of waiting a phase timeout for a join.
func TestTooManyDeclinesFailTheSetsAtOnce(t *testing.T) {
	c, h := holdersCoordinator(declineWaitTimeout)
	steps, result := askSetsRecorded(t, c, h)

	first := nextSet(t, c, steps)
	answerFrom(t, c, first, h[0])
	const reason = "participant h3: no contributor list pinned for round 2"
	require.NoError(t, c.decline(h[2], declineOf(protocol.Decrypt, 2, reason)))
	require.NoError(t, c.decline(h[3], declineOf(protocol.Decrypt, 2, "participant h4: this hospital's Ethereum node is behind the coordinator's")))

	done := make(chan error, 1)
	go func() { _, err := result(); done <- err }()
	select {
	case err := <-done:
		require.ErrorIs(t, err, errNoQuorum)
		require.ErrorIs(t, err, errDeclined, "the error keeps the last set's declines")
		assert.Contains(t, err.Error(), "2 share holders left that did not decline or fail this phase's task, 3 needed")
		assert.Contains(t, err.Error(), reason)
	case <-time.After(declineWaitTimeout / 2):
		t.Fatal("waited for a holder to join although no join could make up a set")
	}
}

// decline signs a TaskDecline by key under the name of from.
func signedDecline(t *testing.T, key *ecdsa.PrivateKey, from common.Address, study uint64, round uint32, phase protocol.Phase, reason string) *cohortv1.TaskDecline {
	t.Helper()
	signed, err := auth.Sign(key, study, round, auth.KindDecline, auth.DeclineContent(string(phase), reason))
	require.NoError(t, err)
	signed.Signer = from.Bytes()
	return &cohortv1.TaskDecline{StudyId: study, Round: round, Phase: string(phase), Reason: reason, Auth: signed}
}

// A decline is taken only from a member the current phase asked and that
// has neither answered nor declined, for that phase and round, signed by
// the member itself; any other is refused with what was wrong and changes
// nothing. The one taken is logged with its reason, and the member may
// still answer.
func TestDeclineIsCheckedAndLogged(t *testing.T) {
	f := newFixture(t)
	var logs syncLog
	f.coord.log = slog.New(slog.NewTextHandler(&logs, nil))
	h1, h2, h3, h4 := f.hospitals[0], f.hospitals[1], f.hospitals[2], f.hospitals[3]
	const reason = "participant h2: this hospital's Ethereum node is behind the coordinator's"

	answered := f.update(t, h1)
	f.commit(t, h1, answered)
	require.NoError(t, upload(f.ctx, h1, h1.key, f.studyID, 1, aggregation.ContentHash(answered), uint64(len(answered)), answered, 1<<20))
	_, err := h2.client.DeclineTask(f.ctx, signedDecline(t, h2.key, h2.addr(), f.studyID, 1, protocol.Train, reason))
	require.NoError(t, err)

	tests := []struct {
		name   string
		by     *hospital
		msg    *cohortv1.TaskDecline
		code   codes.Code
		detail string
	}{
		{"signed by another member", h4, signedDecline(t, h3.key, h4.addr(), f.studyID, 1, protocol.Train, reason), codes.Unauthenticated, "not signed by"},
		{"unsigned", h4, &cohortv1.TaskDecline{StudyId: f.studyID, Round: 1, Phase: string(protocol.Train), Reason: reason}, codes.Unauthenticated, "not signed"},
		{"reason signed differently", h4, func() *cohortv1.TaskDecline {
			m := signedDecline(t, h4.key, h4.addr(), f.studyID, 1, protocol.Train, reason)
			m.Reason = "another reason"
			return m
		}(), codes.Unauthenticated, "not signed by"},
		{"another round", h4, signedDecline(t, h4.key, h4.addr(), f.studyID, 2, protocol.Train, reason), codes.FailedPrecondition, "round 2"},
		{"another phase", h4, signedDecline(t, h4.key, h4.addr(), f.studyID, 1, protocol.Decrypt, reason), codes.FailedPrecondition, "decrypt"},
		{"not a phase", h4, signedDecline(t, h4.key, h4.addr(), f.studyID, 1, "nap", reason), codes.InvalidArgument, "not a phase"},
		{"another study", h4, signedDecline(t, h4.key, h4.addr(), f.studyID+1, 1, protocol.Train, reason), codes.PermissionDenied, "study"},
		{"not asked", f.stranger, signedDecline(t, f.stranger.key, f.stranger.addr(), f.studyID, 1, protocol.Train, reason), codes.PermissionDenied, "not asked"},
		{"after answering", h1, signedDecline(t, h1.key, h1.addr(), f.studyID, 1, protocol.Train, reason), codes.AlreadyExists, "already sent"},
		{"declined already", h2, signedDecline(t, h2.key, h2.addr(), f.studyID, 1, protocol.Train, "again"), codes.AlreadyExists, "already declined"},
		{"reason over the bound", h4, signedDecline(t, h4.key, h4.addr(), f.studyID, 1, protocol.Train, strings.Repeat("x", protocol.MaxDeclineReason+1)), codes.ResourceExhausted, "512"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.by.client.DeclineTask(f.ctx, tt.msg)
			require.Equal(t, tt.code, status.Code(err), "%v", err)
			assert.Contains(t, status.Convert(err).Message(), tt.detail)
		})
	}
	f.coord.mu.Lock()
	declined := f.coord.current.collecting().declined
	f.coord.mu.Unlock()
	require.Len(t, declined, 1, "only h2's decline counts")
	assert.Equal(t, reason, declined[h2.addr()].GetReason(), "only h2's decline counts")
	assert.NotNil(t, declined[h2.addr()].GetAuth(), "kept signed, for the round's record")
	assert.Equal(t, map[common.Address]common.Hash{h1.addr(): aggregation.ContentHash(answered)}, f.accepted())

	line := ""
	for l := range strings.Lines(logs.String()) {
		if strings.Contains(l, msgDeclined) {
			require.Empty(t, line, "one line per decline taken")
			line = l
		}
	}
	for _, want := range []string{"level=WARN", h2.addr().Hex(), "phase=train", "round=1", reason} {
		assert.Contains(t, line, want)
	}

	late := f.update(t, h2)
	f.commit(t, h2, late)
	require.NoError(t, upload(f.ctx, h2, h2.key, f.studyID, 1, aggregation.ContentHash(late), uint64(len(late)), late, 1<<20),
		"a member that declined may still answer: its node may have caught up")
	assert.Contains(t, f.accepted(), h2.addr())
}

// A robust study large enough that false flags alone would likely suspend
// some honest hospital at its strike limit is warned about at the start,
// with the strike limit that keeps that chance within the false-flag rate;
// a small one is not.
func TestLargeRobustStudyWarnsOfHonestSuspensions(t *testing.T) {
	policy, err := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
	require.NoError(t, err)
	logs := new(syncLog)
	c := &Coordinator{cfg: Config{StudyID: 7}, policy: policy, log: slog.New(slog.NewTextHandler(logs, nil))}
	c.warnIfHonestSitesMayBeSuspended(contracts.Study{StudyParams: contracts.StudyParams{Rounds: 10, StrikeLimit: 3}}, 10)
	assert.Empty(t, logs.String(), "10 hospitals, 10 rounds: within the rate")
	c.warnIfHonestSitesMayBeSuspended(contracts.Study{StudyParams: contracts.StudyParams{Rounds: 20, StrikeLimit: 3}}, 100)
	assert.Contains(t, logs.String(), msgHonestSuspension)
	assert.Contains(t, logs.String(), "participants=100 rounds=20 strike_limit=3 chance=0.707 false_flag_rate=0.02 strike_limit_within_rate=5")
}

// A study of more than 30 participants without a committee is warned about
// before key generation deals n² shares; with a committee, or at 30, not.
func TestLargeStudyWithoutCommitteeWarnsBeforeKeyGeneration(t *testing.T) {
	logs := new(syncLog)
	c := &Coordinator{cfg: Config{StudyID: 7}, log: slog.New(slog.NewTextHandler(logs, nil))}
	c.warnIfKeyGenIsQuadratic(30, 30)
	c.warnIfKeyGenIsQuadratic(100, 10)
	assert.Empty(t, logs.String(), "30 holders, or a committee of 10 for 100")
	c.warnIfKeyGenIsQuadratic(100, 100)
	assert.Contains(t, logs.String(), msgQuadraticKeyGen)
	assert.Contains(t, logs.String(), "participants=100 shares=10000")
}
