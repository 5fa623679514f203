package evaluation

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestNoteWhile(t *testing.T) {
	var w syncBuffer
	stop := NoteWhile(&w, time.Millisecond, "mining")
	require.Eventually(t, func() bool { return strings.Count(w.String(), "mining: still running (") >= 2 },
		5*time.Second, time.Millisecond)
	stop()
	after := w.String()
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, after, w.String(), "no note after stop")
}
