package evaluation

import (
	"bufio"
	"context"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// memoryPeaks are the highest Go heap and resident set seen.
type memoryPeaks struct {
	Heap uint64
	RSS  uint64
}

// memorySampler samples the process's Go heap and resident set size every
// interval and keeps the peaks since it was last asked, and since it
// started. It is safe for concurrent use.
type memorySampler struct {
	mu             sync.Mutex
	peaks, overall memoryPeaks
}

// heapMetric is the bytes of live and not yet swept heap objects.
const heapMetric = "/memory/classes/heap/objects:bytes"

// run samples until ctx is done.
func (m *memorySampler) run(ctx context.Context, interval time.Duration) {
	sample := []metrics.Sample{{Name: heapMetric}}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		metrics.Read(sample)
		heap := sample[0].Value.Uint64()
		rss, _ := procStatusBytes("VmRSS")
		m.mu.Lock()
		m.peaks.Heap, m.peaks.RSS = max(m.peaks.Heap, heap), max(m.peaks.RSS, rss)
		m.overall.Heap, m.overall.RSS = max(m.overall.Heap, heap), max(m.overall.RSS, rss)
		m.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// take returns the peaks since the last take and starts again.
func (m *memorySampler) take() memoryPeaks {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.peaks
	m.peaks = memoryPeaks{}
	return p
}

// peak returns the peaks since the sampler started.
func (m *memorySampler) peak() memoryPeaks {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.overall
}

// procStatusBytes reads a "kB" field of /proc/self/status (VmRSS)
// in bytes; ok is false where there is no such file (not Linux).
func procStatusBytes(field string) (uint64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, found := strings.Cut(sc.Text(), ":")
		if !found || name != field {
			continue
		}
		kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0, false
		}
		return kb << 10, true
	}
	return 0, false
}
