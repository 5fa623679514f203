package coordinator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/models"
)

// TestNewRefusesBadConfig checks that New names what is wrong with a
// config before it looks at anything else.
func TestNewRefusesBadConfig(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		msg    string
	}{
		{"no participants", func(c *Config) { c.Participants = 0 }, "participants is 0"},
		{"no rounds", func(c *Config) { c.Rounds = 0 }, "rounds is 0"},
		{"no phase timeout", func(c *Config) { c.PhaseTimeout = 0 }, "phase timeout must be positive"},
		{"round shorter than a phase", func(c *Config) { c.RoundDuration = time.Second }, "shorter than the phase timeout"},
		{"negative enrolment window", func(c *Config) { c.EnrolmentWindow = -time.Second }, "enrolment window -1s is negative"},
		{"negative absent grace", func(c *Config) { c.AbsentGrace = -time.Second }, "absent grace -1s is negative"},
		{"negative consent wait", func(c *Config) { c.ConsentWait = -time.Second }, "consent wait -1s is negative"},
		{"caller limit without a burst", func(c *Config) { c.CallerLimit = CallerLimit{PerSecond: 5} }, "set a positive rate and a burst of 1 or more"},
		{"caller limit without a rate", func(c *Config) { c.CallerLimit = CallerLimit{Burst: 5} }, "set a positive rate and a burst of 1 or more"},
		{"robust scoring with distributed noise", func(c *Config) {
			c.Root = &models.Dataset{}
			c.PrivateTraining = &models.TrainConfig{Privacy: &models.PrivacyConfig{Mechanism: models.MechanismDistributed, MinContributors: 3}}
		}, "with the distributed privacy mechanism an update carries only a share of the noise"},
		{"no ledger", func(*Config) {}, "ledger, account, store and logger are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tt.change(&cfg)
			_, err := New(cfg, nil, nil, nil, nil, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}
