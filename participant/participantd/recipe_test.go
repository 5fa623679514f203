package participantd

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/models"
)

// refusingOnce is a coordinator that refuses the first GetBlob as over the
// caller's rate, then serves blob.
type refusingOnce struct {
	cohortv1.CoordinatorClient
	asked int
	blob  []byte
}

func (c *refusingOnce) GetBlob(context.Context, *cohortv1.BlobRequest, ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.BlobChunk], error) {
	c.asked++
	if c.asked == 1 {
		return nil, protocol.RateLimited("coordinator: a read refused: over caller_limit; ask again in 1ms", time.Millisecond)
	}
	return &oneChunk{data: c.blob}, nil
}

// oneChunk streams data as one chunk.
type oneChunk struct {
	grpc.ServerStreamingClient[cohortv1.BlobChunk]
	data []byte
	sent bool
}

func (s *oneChunk) Recv() (*cohortv1.BlobChunk, error) {
	if s.sent {
		return nil, io.EOF
	}
	s.sent = true
	return &cohortv1.BlobChunk{Data: s.data, Size: uint64(len(s.data))}, nil
}

// TestNodeLogsARefusedRecipeFetchToItsOwnLogger: a node with no recipe
// of its own fetches the study's from the coordinator at start, and a
// coordinator refusing the read as over the node's rate is asked again.
// The warning goes to the node's own logger, the one Serve is given (its
// log file, a test's capture). Before, FetchBlob logged to slog.Default(),
// and the node's logs did not say why its start waited.
func TestNodeLogsARefusedRecipeFetchToItsOwnLogger(t *testing.T) {
	recipe, err := models.LoadRecipeFile("../../examples/recipes/wdbc.json")
	require.NoError(t, err)
	canonical, err := recipe.Canonical()
	require.NoError(t, err)
	coordinator := &refusingOnce{blob: canonical}
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	settings, check, err := studySettings(ctx, Config{StudyID: 1}, coordinator, log)
	require.NoError(t, err)
	require.NoError(t, check(aggregation.ContentHash(canonical)))
	assert.Equal(t, 2, coordinator.asked, "asked again after the refusal")
	require.NotNil(t, settings.Recipe)
	assert.Equal(t, recipe.Rounds, settings.Recipe.Rounds)
	assert.Equal(t, 1, strings.Count(logged.String(), "over this hospital's rate"), "the node's logger has the refusal: %q", logged.String())
	assert.Contains(t, logged.String(), "caller_limit")
}
