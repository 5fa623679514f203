package coordinator

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/time/rate"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/protocol"
)

// CallerLimit bounds, per TLS certificate, the requests that cost the
// coordinator reads of the chain: a Join, an UploadStatus, an upload's
// header, and a GetBlob or OpenChunks signed by an address not yet known
// as the study's owner or one of its participants. Every other request is
// answered from what the coordinator holds (or refused at once). A
// caller over its limit is refused with ResourceExhausted, saying when to
// ask again; a participant waits that long and asks again.
type CallerLimit struct {
	// PerSecond is the sustained rate; Burst how many may come at once.
	PerSecond float64
	Burst     int
}

// DefaultCallerLimit is Config.CallerLimit's default: an honest hospital
// joins once per connection, asks UploadStatus and sends an upload's
// header at most uploadAttempts times a round, and is known as a
// participant after its first signed read, so it stays far below; one
// certificate cannot make the coordinator read the chain more than about
// 2 × 5 times a second (two reads per request at most, four for a Join).
var DefaultCallerLimit = CallerLimit{PerSecond: 5, Burst: 50}

// maxCallerLimiters bounds the certificates whose buckets are kept; past
// it, full buckets (callers quiet for Burst/PerSecond) are dropped.
const maxCallerLimiters = 4096

// callerLimits keeps one token bucket per TLS certificate fingerprint. It
// is safe for concurrent use.
type callerLimits struct {
	mu       sync.Mutex
	byCaller map[common.Hash]*rate.Limiter
}

// allow takes one of the caller's tokens for a request that costs chain
// reads, or refuses it, naming what and when to ask again. A caller
// without a TLS certificate is refused as Unauthenticated.
func (c *Coordinator) allow(ctx context.Context, what string) error {
	fp, err := peerFingerprint(ctx)
	if err != nil {
		return status.Error(codes.Unauthenticated, err.Error())
	}
	limit := c.cfg.CallerLimit
	if limit == (CallerLimit{}) {
		limit = DefaultCallerLimit
	}
	lim := c.callers.limiter(fp, limit)
	r := lim.Reserve() // OK: New checked the burst is at least 1
	wait := r.Delay()
	if wait == 0 {
		return nil
	}
	r.Cancel()
	wait = wait.Round(time.Millisecond) + time.Millisecond
	return protocol.RateLimited(fmt.Sprintf("coordinator: %s refused: the certificate %s made more than %d requests that cost this coordinator chain reads at once (%g a second sustained: caller_limit); ask again in %v",
		what, fp.Hex(), limit.Burst, limit.PerSecond, wait), wait)
}

// limiter returns the bucket of the certificate fp.
func (l *callerLimits) limiter(fp common.Hash, limit CallerLimit) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if lim, ok := l.byCaller[fp]; ok {
		return lim
	}
	if l.byCaller == nil {
		l.byCaller = make(map[common.Hash]*rate.Limiter)
	}
	if len(l.byCaller) >= maxCallerLimiters {
		now := time.Now()
		for k, lim := range l.byCaller {
			if lim.TokensAt(now) >= float64(lim.Burst()) {
				delete(l.byCaller, k)
			}
		}
	}
	lim := rate.NewLimiter(rate.Limit(limit.PerSecond), limit.Burst)
	l.byCaller[fp] = lim
	return lim
}
