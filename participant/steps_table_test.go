package participant

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// Every phase of the protocol has a driver and a step on this side, and no
// driver stands for a phase the protocol does not have.
func TestStepTableCoversEveryPhase(t *testing.T) {
	require.NoError(t, protocol.Covers(phaseDrivers))
}

// A task of a kind this node does not know is refused with advice, not run.
func TestUnknownTaskIsRefused(t *testing.T) {
	p := &Participant{cfg: Config{Name: "h1"}}
	err := p.handle(t.Context(), &cohortv1.Task{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "upgrade this node")
	err = p.handle(t.Context(), &cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{}}})
	require.Error(t, err, "the end of the study is the session's to handle, not a phase")
}
