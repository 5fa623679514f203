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
