package simulation

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// live is the handle on a running study's processes: a caller (an OnStart
// or Progress hook, or another goroutine) stops and restarts the
// coordinator or a hospital's node while the study runs, as a crash and a
// restart by its operator would.
type live struct {
	// restartCoordinator asks the coordinator to die and a new one to
	// start on the same address; finished is closed once the coordinator
	// is done with the study.
	restartCoordinator chan struct{}
	finished           chan struct{}
	mu                 sync.Mutex
	nodes              []*liveNode // by hospital index; guarded by mu once the study runs
	// killCoordinator cancels the running coordinator's context; guarded
	// by mu.
	killCoordinator context.CancelFunc
}

// liveNode is one hospital's node as the live handle sees it.
type liveNode struct {
	stop     context.CancelFunc // stops the node running now
	keystore bool               // its key shares are at rest, so a new node has them
	stopped  bool               // StopHospital stopped it and StartHospital has not started it yet
	stops    int                // stops by StopHospital its runner has not yet seen
	resume   chan struct{}      // StartHospital starts it again
}

func newLive() live {
	return live{restartCoordinator: make(chan struct{}, 1), finished: make(chan struct{})}
}

// add records hospital i's node, stopped by stop.
func (l *live) add(i int, stop context.CancelFunc, keystore bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.nodes) <= i {
		l.nodes = append(l.nodes, &liveNode{})
	}
	l.nodes[i].stop, l.nodes[i].keystore = stop, keystore
}

// stoppedByHandle says whether StopHospital stopped hospital i's node (a
// stop its runner has not seen yet, even if StartHospital followed it).
func (l *live) stoppedByHandle(i int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.nodes[i]
	if n.stops == 0 {
		return false
	}
	n.stops--
	return true
}

// RestartCoordinator kills the coordinator wherever it is in the protocol
// and starts a new one on the same address, with nothing but the chain and
// its blob store to go on (Config.Live). It returns at once; a request
// while one is pending is the same request.
func (s *Study) RestartCoordinator() error {
	if !s.cfg.Live {
		return errors.New("the hospitals would fail the study when the coordinator vanishes: set Config.Live to restart it")
	}
	s.requestCoordinatorRestart()
	return nil
}

// killCoordinatorNow kills the running coordinator before it goes on (a
// hook in its goroutine calls it): the study's loop starts a new one.
func (s *Study) killCoordinatorNow() {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	if s.live.killCoordinator != nil {
		s.live.killCoordinator()
	}
}

func (s *Study) requestCoordinatorRestart() {
	select {
	case s.live.restartCoordinator <- struct{}{}:
	default:
	}
}

// StopHospital stops hospital i's node (by index) at once, wherever it is
// in the protocol, as a crash would; StartHospital starts a new node for
// it (Config.Live: the node keeps its key shares in a keystore, or a new
// node could not take part in decryption).
func (s *Study) StopHospital(i int) error {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	n, err := s.live.node(i)
	if err != nil {
		return err
	}
	if !s.cfg.Live || !n.keystore {
		return fmt.Errorf("hospital %d is not restartable: set Config.Live", i)
	}
	if n.stopped {
		return fmt.Errorf("hospital %d is already stopped", i)
	}
	n.stopped, n.resume = true, make(chan struct{})
	n.stops++
	n.stop()
	return nil
}

// StartHospital starts a new node for hospital i, stopped by StopHospital:
// a new process with nothing but its key, keystore and data directory.
func (s *Study) StartHospital(i int) error {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	n, err := s.live.node(i)
	if err != nil {
		return err
	}
	if !n.stopped {
		return fmt.Errorf("hospital %d is running", i)
	}
	n.stopped = false
	close(n.resume)
	return nil
}

// runningNames are the names of the hospitals whose nodes run: started,
// and not stopped by StopHospital since.
func (s *Study) runningNames() []string {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	var names []string
	for i, n := range s.live.nodes {
		if n.stop != nil && !n.stopped {
			names = append(names, s.hospitals[i].Name)
		}
	}
	return names
}

func (l *live) node(i int) (*liveNode, error) {
	if i < 0 || i >= len(l.nodes) || l.nodes[i].stop == nil {
		return nil, fmt.Errorf("no hospital %d running in the study", i)
	}
	return l.nodes[i], nil
}

// rerun waits, once hospital i's node is stopped, for StartHospital and
// runs a new node with run, again for each stop; a node stopped when the
// study ends stays stopped.
func (l *live) rerun(ctx context.Context, i int, run func(context.Context) error) error {
	for {
		l.mu.Lock()
		n := l.nodes[i]
		resume := n.resume
		l.mu.Unlock()
		select {
		case <-resume:
		case <-l.finished:
			return nil
		case <-ctx.Done():
			return nil
		}
		nctx, stop := context.WithCancel(ctx)
		l.mu.Lock()
		n.stop = stop
		l.mu.Unlock()
		err := run(nctx)
		killed := nctx.Err() != nil
		stop()
		if !killed || ctx.Err() != nil || !l.stoppedByHandle(i) {
			return err
		}
	}
}
