package aggregation

import (
	"runtime"
	"sync"
)

// parallelFor runs body(worker, i) for i in [0, n) on up to GOMAXPROCS
// goroutines and waits for all of them. Each worker index gets its own
// per-worker state from newWorker. The first error (lowest index among the
// errors seen) is returned. Results must be written to index-addressed
// slots so that the outcome does not depend on scheduling.
func parallelFor[W any](n int, newWorker func() W, body func(w W, i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		w := newWorker()
		for i := 0; i < n; i++ {
			if err := body(w, i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				errs[i] = body(w, i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
