package protocol

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

func TestScoresCrossChecked(t *testing.T) {
	evidence := func(points ...uint64) *cohortv1.TrustEvidence {
		b, err := proto.Marshal(&cohortv1.ScoreSharesSubmission{ActivePoints: points})
		if err != nil {
			t.Fatal(err)
		}
		return &cohortv1.TrustEvidence{ScoreSubmissions: [][]byte{b}}
	}
	assert.False(t, ScoresCrossChecked(evidence(1, 2, 3), 3), "exactly t holders: one set, nothing compared")
	assert.True(t, ScoresCrossChecked(evidence(1, 2, 3, 5), 3), "a spare holder: the sets are compared")
	assert.False(t, ScoresCrossChecked(&cohortv1.TrustEvidence{}, 3), "no score shares")
	assert.False(t, ScoresCrossChecked(nil, 3))
	assert.False(t, ScoresCrossChecked(&cohortv1.TrustEvidence{ScoreSubmissions: [][]byte{{0xff}}}, 3), "an unreadable submission")
}
