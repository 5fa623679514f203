package protocol

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// A coordinator chooses the delay its refusal names; the node holds it
// within bounds, so a delay of 0 cannot make it ask in a tight loop and
// one of years cannot make it stop asking.
func TestRetryAfterHoldsTheCoordinatorsDelayWithinBounds(t *testing.T) {
	for _, c := range []struct {
		said, want time.Duration
	}{
		{0, MinRetryDelay},
		{-time.Hour, MinRetryDelay},
		{2 * time.Second, 2 * time.Second},
		{365 * 24 * time.Hour, MaxRetryDelay},
	} {
		wait, limited := RetryAfter(RateLimited("coordinator: refused", c.said))
		require.True(t, limited, "a RateLimited refusal of %v", c.said)
		assert.Equal(t, c.want, wait, "the refusal said %v", c.said)
	}
	_, limited := RetryAfter(status.Error(codes.ResourceExhausted, "grpc: received message larger than max"))
	assert.False(t, limited, "a ResourceExhausted without a RetryInfo is not a rate limit")
}

// A coordinator that refuses every call, naming no delay, is asked again
// after 50 to 75 ms, then after waits that double, each drawn from the
// upper half of its step (never below the delay named), up to a minute; a
// call not refused starts over. The first wait is drawn too, from the
// delay named to half as much again: a hundred hospitals refused at once
// by an honest coordinator naming one delay do not all ask again at once.
// Only a refusal that starts a longer step says so (grew), so a caller
// logging then logs about ten times in all.
func TestRefusalBackoffGrowsOverConsecutiveRefusals(t *testing.T) {
	refused := RateLimited("coordinator: refused", 0)
	for _, draw := range []struct {
		name  string
		randN func(int64) int64
		want  func(step time.Duration, first bool) time.Duration
	}{
		{"lowest draws", func(int64) int64 { return 0 }, func(step time.Duration, _ bool) time.Duration { return max(MinRetryDelay, step/2) }},
		{"highest draws", func(n int64) int64 { return n - 1 }, func(step time.Duration, first bool) time.Duration {
			if first {
				return step + step/2
			}
			return step
		}},
	} {
		t.Run(draw.name, func(t *testing.T) {
			b := RefusalBackoff{randN: draw.randN}
			step, logged := MinRetryDelay, 0
			for i := range 20 {
				wait, limited, grew := b.After(refused)
				require.True(t, limited)
				assert.Equal(t, draw.want(step, i == 0), wait, "refusal %d", i+1)
				if grew {
					logged++
				}
				step = min(2*step, MaxRetryDelay)
			}
			assert.Equal(t, 12, logged, "50 ms doubled 10 times is 51.2 s, the 12th step the cap")

			_, limited, _ := b.After(nil)
			assert.False(t, limited)
			wait, _, grew := b.After(refused)
			assert.Equal(t, draw.want(MinRetryDelay, true), wait, "a call not refused starts over")
			assert.True(t, grew)
		})
	}

	// The first wait never exceeds MaxRetryDelay, nor falls below the
	// delay named.
	b := RefusalBackoff{randN: func(n int64) int64 { return n - 1 }}
	wait, _, _ := b.After(RateLimited("coordinator: refused", 50*time.Second))
	assert.Equal(t, MaxRetryDelay, wait, "50 s named, at most a minute")
	b = RefusalBackoff{randN: func(n int64) int64 { return n - 1 }}
	wait, _, _ = b.After(RateLimited("coordinator: refused", time.Hour))
	assert.Equal(t, MaxRetryDelay, wait, "an hour named is held to a minute, and not spread past it")

	b = RefusalBackoff{randN: func(n int64) int64 { return 0 }}
	for range 3 {
		b.After(RateLimited("coordinator: refused", 2*time.Second))
	}
	wait, _, _ = b.After(RateLimited("coordinator: refused", 5*time.Second))
	assert.Equal(t, 20*time.Second, wait, "the fourth refusal in a row, naming 5 s, waits in the upper half of 5 s doubled three times")
	_, limited, _ := b.After(status.Error(codes.ResourceExhausted, "grpc: received message larger than max"))
	assert.False(t, limited, "a ResourceExhausted without a RetryInfo ends the run")
	wait, _, _ = b.After(RateLimited("coordinator: refused", 5*time.Second))
	assert.Equal(t, 5*time.Second, wait)
}
