package dashboard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Running is a dashboard being served. It is safe for concurrent use.
type Running struct {
	// URL is the front page, e.g. http://127.0.0.1:8080/.
	URL      string
	hs       *http.Server
	served   chan error
	stopOnce sync.Once
	stopErr  error
}

// Start serves the dashboard of cfg on listen in the background until
// Stop.
func Start(cfg Config, listen string) (*Running, error) {
	srv, err := New(cfg)
	if err != nil {
		return nil, err
	}
	lis, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Errorf("dashboard: listen on %s: %w", listen, err)
	}
	d := &Running{URL: "http://" + lis.Addr().String() + "/", hs: &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}, served: make(chan error, 1)}
	go func() { d.served <- d.hs.Serve(lis) }()
	return d, nil
}

// Stop shuts the server down, letting requests in flight finish; calling
// it again returns the first call's result.
func (d *Running) Stop() error {
	d.stopOnce.Do(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = d.hs.Shutdown(sctx)
		if err := <-d.served; !errors.Is(err, http.ErrServerClosed) {
			d.stopErr = err
		}
	})
	return d.stopErr
}

// ServeUntil serves until ctx ends (Ctrl-C), then stops.
func (d *Running) ServeUntil(ctx context.Context) error {
	<-ctx.Done()
	return d.Stop()
}

// Check asks for the front page and reports whether it answered 200.
func (d *Running) Check(ctx context.Context) error {
	cctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(cctx, http.MethodGet, d.URL, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("dashboard: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("dashboard: the front page answered %s", resp.Status)
	}
	return nil
}
