package participant

import (
	"context"
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
)

// limitedBlobs is a coordinator that refuses the first refusals GetBlobs
// as over the caller's rate, then serves blob.
type limitedBlobs struct {
	cohortv1.CoordinatorClient
	refusals, asked int
	blob            []byte
}

func (l *limitedBlobs) GetBlob(context.Context, *cohortv1.BlobRequest, ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.BlobChunk], error) {
	l.asked++
	if l.asked <= l.refusals {
		return &refusedStream{err: protocol.RateLimited("coordinator: a read refused: over caller_limit; ask again in 1ms", time.Millisecond)}, nil
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
	got, err := FetchBlob(context.Background(), l, BlobReader{Study: 1}, aggregation.ContentHash(blob))
	require.NoError(t, err)
	assert.Equal(t, blob, got)
	assert.Equal(t, 3, l.asked, "asked again after each refusal")

	assert.True(t, retryable(protocol.RateLimited("coordinator: a Join refused", time.Second)), "a Join refused as over the rate is tried again")
	assert.False(t, retryable(status.Error(codes.ResourceExhausted, "grpc: received message larger than max")), "a message too large is not")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	never := &limitedBlobs{refusals: 1 << 30, blob: blob}
	_, err = FetchBlob(ctx, never, BlobReader{Study: 1}, aggregation.ContentHash(blob))
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "a node that stops stops asking: %v", err)
	assert.Equal(t, 1, never.asked)
}
