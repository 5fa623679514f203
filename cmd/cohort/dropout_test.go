package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A hospital that dies right after uploading its round-2 update stalls
// neither that round's decryption (another set of t share holders is asked)
// nor the next round (it closes with the remaining contributors).
func TestDropoutDoesNotStallTheStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, err := runLocalStudy(ctx, localStudyConfig{
		hospitals: 4, rounds: 3, seed: 3, dataDir: t.TempDir(),
		threshold: 3, minParticipants: 3, phaseTimeout: 2 * time.Second, localConsent: true,
		dropAfter: map[int]uint32{0: 2},
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)

	require.Len(t, s.rounds, 3)
	assert.Equal(t, []int{4, 4, 3}, []int{s.rounds[0].Participants, s.rounds[1].Participants, s.rounds[2].Participants})
	for _, f := range s.rounds {
		r, err := s.ledger.Round(ctx, s.studyID, f.Round)
		require.NoError(t, err)
		assert.True(t, r.Closed, "round %d closed on chain", f.Round)
		assert.Equal(t, f.ModelHash, r.Result.ModelHash)
	}
	dropped := s.participants[0].Address
	_, err = s.ledger.Commitment(ctx, s.studyID, 3, dropped)
	assert.Error(t, err, "the dropped site committed nothing in round 3")
	assert.Greater(t, s.rounds[2].Accuracy, 0.8, "the study kept learning without it")
}
