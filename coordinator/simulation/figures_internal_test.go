package simulation

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/participant"
)

// Hospitals train, encrypt and wait on the chain at the same time: a
// round's phases count the slowest hospital, not the sum over hospitals.
func TestRoundFiguresCountTheSlowestHospital(t *testing.T) {
	c := newRoundCollector()
	for i, d := range []time.Duration{time.Second, 3 * time.Second, 2 * time.Second} {
		c.observe(participant.Trace{Round: 1, Train: d, Encrypt: d / 2, Chain: d, Samples: 10 * (i + 1), UploadBytes: 100})
	}
	f := c.finish(coordinator.RoundReport{Round: 1, Chain: 500 * time.Millisecond, Wall: 5 * time.Second})
	assert.InDelta(t, 3.0, f.Seconds.Train, 1e-9)
	assert.InDelta(t, 1.5, f.Seconds.Encrypt, 1e-9)
	assert.InDelta(t, 3.5, f.Seconds.Chain, 1e-9, "the coordinator's waits plus the slowest hospital's")
	assert.Less(t, f.Seconds.Chain, f.Seconds.Total)
	assert.Equal(t, 60, f.Samples)
	assert.Equal(t, 300, f.UploadBytes)
}
