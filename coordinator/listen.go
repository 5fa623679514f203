package coordinator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"
)

// RestartListenWait is how long a coordinator restarted on its fixed
// address waits for the address to be free (Listen): long enough for a
// socket that took the port meanwhile to end (a connection's local port,
// the kernel's hold on it after), short of a phase's wait for the nodes.
const RestartListenWait = 2 * time.Minute

// listenRetry is how often Listen tries a port in use again.
const listenRetry = 200 * time.Millisecond

// Listen listens on addr over TCP, trying again while the address is in
// use, for up to within. A coordinator restarted on the address its
// hospitals know has a gap between the old listener's close and the new
// bind, in which the port is free: the old process's listener may not be
// closed yet, or another socket (an outgoing connection picks its local
// port among the same ephemeral ports as a listen on port 0) may hold the
// port for a while. Failing at once ended the restart; waiting lets it
// come up once the port is free. inUse, if not nil, is called once, at the
// first refusal, so the wait can be told. Other errors, and ctx ending,
// return at once; a port still in use after within is an error naming the
// address and what to do.
func Listen(ctx context.Context, addr string, within time.Duration, inUse func(error)) (net.Listener, error) {
	deadline := time.Now().Add(within)
	var lc net.ListenConfig
	for told := false; ; told = true {
		lis, err := lc.Listen(ctx, "tcp", addr)
		if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
			return lis, err
		}
		if !told && inUse != nil {
			inUse(err)
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("%w; the address was still in use after %v: another process holds the port (a coordinator still stopping, or another program); stop it, or give the coordinator another listen address and its hospitals the new coordinator address", err, within)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("listen on %s: waiting for the address to be free: %w", addr, context.Cause(ctx))
		case <-time.After(min(listenRetry, time.Until(deadline))):
		}
	}
}
