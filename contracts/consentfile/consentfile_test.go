package consentfile

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConsentExpiry(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		expires, dur string
		want         time.Time
		ok           bool
	}{
		{"2027-12-31", "", time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{"2027-12-31T10:00:00Z", "", time.Date(2027, 12, 31, 10, 0, 0, 0, time.UTC), true},
		{"", "365d", now.AddDate(0, 0, 365), true},
		{"", "36h", now.Add(36 * time.Hour), true},
		{"", "", time.Time{}, false},
		{"2027-12-31", "1d", time.Time{}, false},
		{"", "0d", time.Time{}, false},
		{"", "-3h", time.Time{}, false},
		{"tomorrow", "", time.Time{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.expires+tc.dur, func(t *testing.T) {
			got, err := Expiry(tc.expires, tc.dur, now)
			if !tc.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.True(t, tc.want.Equal(got), "got %v", got)
		})
	}
}
