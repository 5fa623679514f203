package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gofrs/flock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
)

// TestCoordinatorStopMidStudyFreesItsDataDir stops the coordinator daemon
// (run in this process, as `cohort coordinator` runs it) in round 2 with
// every hospital's task stream open: once its run returns, its data
// directory is unlocked and its store holds only whole blobs. A
// coordinator started while another is still stopping, as systemctl
// restart or an operator does, takes the data directory over once the
// other is gone, where it was refused as in use, and finishes the study.
func TestCoordinatorStopMidStudyFreesItsDataDir(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end with processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	hospitals := []string{"hospital-1", "hospital-2", "hospital-3"}
	c := newConsortium(t, ctx, e2eStudy{founders: hospitals, rounds: 3, minParticipants: 3, thr: 2, enrolment: 500 * time.Millisecond})
	first := c.coordinatorHere(ctx)
	procs := map[string]*proc{}
	for _, h := range hospitals {
		procs[h] = c.start(h, "participant", "--config", c.path(h+".json"))
	}
	for {
		require.NoError(t, ctx.Err(), "round 2 did not open")
		require.False(t, first.finished(), "the coordinator exited: %v\n%s", first.err, first.stderr.String())
		s, err := c.ledger.Study(ctx, c.studyID)
		require.NoError(t, err)
		if s.CurrentRound == 2 && s.RoundOpen {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.NoError(t, first.stopAndWait(), first.stderr.String())

	lock := flock.New(c.path("state", "coordinator", "LOCK"))
	free, err := lock.TryLock()
	require.NoError(t, err)
	require.True(t, free, "the data directory is unlocked once the daemon's run returned")
	require.NoError(t, lock.Unlock())
	assertWholeBlobs(t, c.path("state", "coordinator", "blobs"))

	second := c.coordinatorHere(ctx)
	second.awaitStdout(t, ctx, "listening on")
	second.stop()
	third := c.coordinatorHere(ctx) // while the second is stopping
	require.NoError(t, second.wait(), second.stderr.String())
	for _, h := range hospitals {
		c.awaitExit(ctx, procs[h])
	}
	third.awaitStdout(t, ctx, "study 1 completed") // the coordinator that took the data directory over finished the study
	c.verifyModels(ctx, 3, "hospital-1")
	require.NoError(t, third.stopAndWait(), third.stderr.String())
	assert.NotContains(t, third.stderr.String(), "in use by another process")
	assertWholeBlobs(t, c.path("state", "coordinator", "blobs"))
}

// assertWholeBlobs checks a coordinator's blob store after its daemon
// stopped: every blob hashes to its name, and nothing but blobs, kept
// state and resumable partial uploads is there (a temporary file would be
// a write cut short).
func assertWholeBlobs(t *testing.T, dir string) {
	t.Helper()
	store, err := coordinator.OpenStore(dir)
	require.NoError(t, err)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	hexName := regexp.MustCompile(`^[0-9a-f]{64}$`)
	blobs := 0
	for _, e := range entries {
		name := e.Name()
		switch {
		case hexName.MatchString(name):
			_, err := store.Get(common.HexToHash(name))
			require.NoError(t, err, "blob %s", name)
			blobs++
		case strings.HasPrefix(name, "state-"), strings.HasPrefix(name, "partial-"):
		default:
			t.Errorf("%s in the blob store is neither a blob nor kept state", filepath.Join(dir, name))
		}
	}
	assert.NotZero(t, blobs)
}

// daemonHere is a coordinator daemon run in this process, as `cohort
// coordinator --config` runs it.
type daemonHere struct {
	stop           context.CancelFunc
	done           chan struct{}
	err            error
	stdout, stderr *syncBuffer
}

// coordinatorHere starts the consortium's coordinator daemon in this
// process.
func (c *consortium) coordinatorHere(ctx context.Context) *daemonHere {
	ctx, stop := context.WithCancel(ctx)
	d := &daemonHere{stop: stop, done: make(chan struct{}), stdout: new(syncBuffer), stderr: new(syncBuffer)}
	go func() {
		defer close(d.done)
		d.err = runCoordinator(ctx, []string{"--config", c.path("coordinator.json")}, d.stdout, d.stderr)
	}()
	c.t.Cleanup(func() { _ = d.stopAndWait() })
	return d
}

func (d *daemonHere) finished() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

func (d *daemonHere) wait() error {
	<-d.done
	return d.err
}

func (d *daemonHere) stopAndWait() error {
	d.stop()
	return d.wait()
}

// awaitStdout waits until the daemon printed text; its exit first fails
// the test.
func (d *daemonHere) awaitStdout(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	for !strings.Contains(d.stdout.String(), text) {
		require.False(t, d.finished(), "the daemon exited before printing %q: %v\n%s", text, d.err, d.stderr.String())
		require.NoError(t, ctx.Err(), "the daemon did not print %q", text)
		time.Sleep(50 * time.Millisecond)
	}
}
