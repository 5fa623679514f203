package coordinator

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// askedStep is an activeStep that asks its set an empty task.
type askedStep struct{ *phase }

func (s *askedStep) start() ready { return s.ask(s.pending(), &cohortv1.Task{}) }

// holdersCoordinator is the part of a coordinator that asks active sets:
// four connected share holders at points 1 to 4, threshold 3.
func holdersCoordinator(timeout time.Duration) (*Coordinator, []common.Address) {
	c := &Coordinator{cfg: Config{PhaseTimeout: timeout}, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		peers: map[common.Address]*member{}, gone: map[common.Address]time.Time{}, points: map[common.Address]uint64{},
		threshold: 3, joined: make(chan struct{})}
	holders := []common.Address{{1}, {2}, {3}, {4}}
	for i, a := range holders {
		c.peers[a] = &member{name: a.Hex(), tasks: make(chan *cohortv1.Task, 8)}
		c.points[a] = uint64(i + 1)
	}
	return c, holders
}

// askSetsRecorded runs askSetOf with one spare holder in the background and
// hands each set it asks to the test.
func askSetsRecorded(t *testing.T, c *Coordinator, preferred []common.Address) (<-chan *askedStep, func() ([]common.Address, error)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	steps := make(chan *askedStep, 8)
	var (
		wg     sync.WaitGroup
		active []common.Address
		err    error
	)
	wg.Go(func() {
		active, _, err = c.askSetOf(ctx, 2, preferred, nil, 1, nil, func(active []common.Address, _ []uint64) activeStep {
			st := &askedStep{newActivePhase(protocol.Decrypt, 2, active)}
			steps <- st
			return st
		})
	})
	return steps, func() ([]common.Address, error) { wg.Wait(); return active, err }
}

// nextSet returns the next set asked once it is the current phase (build
// makes the step before the driver installs it).
func nextSet(t *testing.T, c *Coordinator, steps <-chan *askedStep) *askedStep {
	t.Helper()
	var st *askedStep
	select {
	case st = <-steps:
	case <-time.After(10 * time.Second):
		t.Fatal("no set asked")
	}
	require.Eventually(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.current == step(st)
	}, 10*time.Second, time.Millisecond, "the set asked becomes the current phase")
	return st
}

func answerFrom(t *testing.T, c *Coordinator, st *askedStep, from ...common.Address) {
	t.Helper()
	for _, a := range from {
		require.NoError(t, c.settle(st, ready{record: &answer{from: a, data: a.Bytes()}}))
	}
}

// A holder that goes away while its set is being asked has the set given
// up at once; the holders still connected that had not answered yet are
// asked again in the next set, not left out with it: leaving them out left
// one live holder of the three needed, and a study whose hospital died
// while its decryption set was asked failed (cmd/cohort TestE2EProcesses:
// "1 live of 3 needed" with the other three hospitals up).
func TestAskSetLeavesOutOnlyTheHolderThatWentAway(t *testing.T) {
	c, h := holdersCoordinator(time.Minute)
	steps, result := askSetsRecorded(t, c, h)

	first := nextSet(t, c, steps)
	assert.Equal(t, h, first.pending(), "three holders and a spare")
	answerFrom(t, c, first, h[0])
	c.mu.Lock()
	delete(c.peers, h[3]) // h[3] dies; h[1] and h[2] are still at work
	c.gone[h[3]] = time.Now()
	c.mu.Unlock()

	start := time.Now()
	second := nextSet(t, c, steps)
	assert.Less(t, time.Since(start), 5*time.Second, "the set is given up when its holder goes away, not at the phase timeout")
	assert.Equal(t, h[:3], second.pending(), "the live holders are asked again")
	answerFrom(t, c, second, h[:3]...)
	active, err := result()
	require.NoError(t, err)
	assert.Equal(t, h[:3], active)
}

// A holder that is connected but does not answer within the phase timeout
// is left out; the others are asked again.
func TestAskSetLeavesOutAHolderThatDoesNotAnswerInTime(t *testing.T) {
	c, h := holdersCoordinator(2 * time.Second)
	steps, result := askSetsRecorded(t, c, h)

	first := nextSet(t, c, steps)
	answerFrom(t, c, first, h[0], h[1], h[3])
	second := nextSet(t, c, steps)
	assert.Equal(t, []common.Address{h[0], h[1], h[3]}, second.pending(), "h[2] stayed silent")
	answerFrom(t, c, second, h[0], h[1], h[3])
	active, err := result()
	require.NoError(t, err)
	assert.Equal(t, []common.Address{h[0], h[1], h[3]}, active)
}
