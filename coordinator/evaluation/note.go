package evaluation

import (
	"fmt"
	"io"
	"time"
)

// NoteEvery is how often NoteWhile says that a step is still running.
const NoteEvery = 10 * time.Second

// NoteWhile says on w, every interval, that the step named what is still
// running and for how long, until the returned stop is called: progress for
// a step that reports none itself (a transaction being mined, a large
// benchmark cell). stop waits for the notes to end, so nothing is written
// to w after it returns.
func NoteWhile(w io.Writer, interval time.Duration, what string) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	start := time.Now()
	go func() {
		defer close(exited)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fmt.Fprintf(w, "%s: still running (%s)\n", what, time.Since(start).Round(time.Second))
			}
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}
