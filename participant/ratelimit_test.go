package participant

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/records"
)

// limitedBlobs is a coordinator that refuses the first refusals GetBlobs
// as over the caller's rate, then serves blob.
type limitedBlobs struct {
	cohortv1.CoordinatorClient
	refusals, asked int
	blob            []byte
	// delay is the wait each refusal names (1 ms if zero).
	delay time.Duration
}

func (l *limitedBlobs) GetBlob(context.Context, *cohortv1.BlobRequest, ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.BlobChunk], error) {
	l.asked++
	if l.asked <= l.refusals {
		delay := l.delay
		if delay == 0 {
			delay = time.Millisecond
		}
		return &refusedStream{err: protocol.RateLimited(fmt.Sprintf("coordinator: a read refused: over caller_limit; ask again in %v", delay), delay)}, nil
	}
	return &blobStream{data: l.blob}, nil
}

// refusedStream is a GetBlob answer that fails with err.
type refusedStream struct {
	grpc.ServerStreamingClient[cohortv1.BlobChunk]
	err error
}

func (s *refusedStream) Recv() (*cohortv1.BlobChunk, error) { return nil, s.err }

// A node the coordinator refuses as over its certificate's rate waits as
// long as the refusal says and asks again: a blob fetch lands rather than
// failing the task, and a lost task stream is joined again (retryable),
// while a ResourceExhausted that says nothing of when (a message too
// large) is not asked again.
func TestRateLimitedRequestsAreAskedAgain(t *testing.T) {
	blob := []byte("a model")
	l := &limitedBlobs{refusals: 2, blob: blob}
	got, err := FetchBlob(context.Background(), l, BlobReader{Study: 1}, aggregation.ContentHash(blob), slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	assert.Equal(t, blob, got)
	assert.Equal(t, 3, l.asked, "asked again after each refusal")

	assert.True(t, retryable(protocol.RateLimited("coordinator: a Join refused", time.Second)), "a Join refused as over the rate is tried again")
	assert.False(t, retryable(status.Error(codes.ResourceExhausted, "grpc: received message larger than max")), "a message too large is not")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	never := &limitedBlobs{refusals: 1 << 30, blob: blob}
	_, err = FetchBlob(ctx, never, BlobReader{Study: 1}, aggregation.ContentHash(blob), slog.New(slog.DiscardHandler))
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "a node that stops stops asking: %v", err)
	assert.Equal(t, 1, never.asked)
}

// A coordinator that refuses every read as over the rate, naming a delay
// of 0 (or any), does not set the node asking 20 times a second until its
// task ends: the waits it chose double from 50 ms up to a minute, each
// drawn from the upper half of its step (the first from 50 to 75 ms), and
// it logs the refusals once
// per step (12 lines for 16 refusals), not once per retry. The waits are
// recorded, not slept.
func TestRefusingCoordinatorIsAskedLessAndLessOften(t *testing.T) {
	blob := []byte("a model")
	h := aggregation.ContentHash(blob)
	never := &limitedBlobs{refusals: 1 << 30, blob: blob, delay: 0}
	req, err := BlobReader{Study: 1}.blobRequest(h)
	require.NoError(t, err)
	var logged bytes.Buffer
	var waits []time.Duration
	const refusals = 16
	err = askAgainWhenLimited(context.Background(), slog.New(slog.NewTextHandler(&logged, nil)), func(_ context.Context, d time.Duration) bool {
		waits = append(waits, d)
		return len(waits) < refusals
	}, func() error {
		_, err := receiveBlobOnce(context.Background(), never, req, h)
		return err
	})
	_, limited := protocol.RetryAfter(err)
	require.True(t, limited, "the last refusal is returned: %v", err)
	assert.Equal(t, refusals, never.asked)
	require.Len(t, waits, refusals)
	step := protocol.MinRetryDelay
	for i, wait := range waits {
		assert.GreaterOrEqual(t, wait, max(protocol.MinRetryDelay, step/2), "wait %d", i+1)
		top := step
		if i == 0 {
			top = step + step/2 // the first refusal's delay, spread
		}
		assert.LessOrEqual(t, wait, top, "wait %d", i+1)
		step = min(2*step, protocol.MaxRetryDelay)
	}
	assert.GreaterOrEqual(t, waits[refusals-1], protocol.MaxRetryDelay/2, "the last waits are near a minute")
	assert.Equal(t, 12, strings.Count(logged.String(), "over this hospital's rate"), "one line per step: %s", logged.String())
}

// refusingJoins is a coordinator that refuses the first refusals Joins as
// over the caller's rate, naming a delay of 0, then sends the study done.
type refusingJoins struct {
	momentsClient
	refusals, asked int
}

func (c *refusingJoins) Join(context.Context, *cohortv1.JoinRequest, ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.Task], error) {
	c.asked++
	if c.asked <= c.refusals {
		return nil, protocol.RateLimited("coordinator: a Join refused: over caller_limit; ask again in 0s", 0)
	}
	return &taskStream{tasks: []*cohortv1.Task{{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{}}}}}, nil
}

// A node whose Joins a coordinator refuses, again and again, as over its
// rate joins again after waits that grow through the refusals, as its
// blob fetches do (protocol.RefusalBackoff): from 50 to 75 ms, doubling,
// each drawn from the upper half of its step, up to a minute, and its
// "joining again" warnings come once per step (12 for 16 refusals). Its
// own backoff for a lost coordinator (RetryBase, here 1 ns) would have it
// ask again as soon as the refusal says, 20 times a second. Once the
// coordinator takes the Join, the node carries on (here, the study is
// done). The waits are recorded, not slept.
func TestRejoinBacksOffThroughRefusedJoins(t *testing.T) {
	f := newMomentsFixture(t)
	p := f.participant(t.TempDir(), records.StandardiseNone)
	const refusals = 16
	coordinator := &refusingJoins{momentsClient: *f.client, refusals: refusals}
	p.client = coordinator
	p.cfg.RetryBase = time.Nanosecond
	p.strikes = newStrikeInbox()
	var logged bytes.Buffer
	p.log = slog.New(slog.NewTextHandler(&logged, nil))
	var waits []time.Duration
	p.pause = func(ctx context.Context, d time.Duration) bool {
		waits = append(waits, d)
		return ctx.Err() == nil
	}
	require.NoError(t, p.Run(f.ctx))
	assert.Equal(t, refusals+1, coordinator.asked, "joined again after each refusal")
	require.Len(t, waits, refusals)
	step := protocol.MinRetryDelay
	for i, wait := range waits {
		top := step
		if i == 0 {
			top = step + step/2
		}
		assert.GreaterOrEqual(t, wait, max(protocol.MinRetryDelay, step/2), "wait %d", i+1)
		assert.LessOrEqual(t, wait, top, "wait %d", i+1)
		step = min(2*step, protocol.MaxRetryDelay)
	}
	assert.GreaterOrEqual(t, waits[refusals-1], protocol.MaxRetryDelay/2, "the last waits are near a minute")
	assert.Equal(t, 12, strings.Count(logged.String(), "joining again"), "one warning per step: %s", logged.String())
}
