package protocol

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A sealed share of at most maxBytes comes in as many pieces as
// SplitPieces cuts it into, and no receiver takes more pieces or bytes.
func TestShareBound(t *testing.T) {
	for _, tc := range []struct {
		maxBytes, size int
		want           uint32
	}{
		{1, 0, 1},
		{ResharePieceBytes, 0, 1},
		{ResharePieceBytes + 1, 0, 2},
		{38 << 20, 0, 5},
		{100, 30, 4},
		{1 << 40, 0, MaxResharePieces},
	} {
		assert.Equal(t, tc.want, SharePieces(tc.maxBytes, tc.size), "%d bytes at %d", tc.maxBytes, tc.size)
		if tc.maxBytes < 1<<30 {
			assert.Len(t, SplitPieces(make([]byte, tc.maxBytes), tc.size), int(tc.want), "as SplitPieces cuts %d bytes", tc.maxBytes)
		}
	}
	assert.NoError(t, CheckShareBound(2, 100, 100, 60))
	assert.ErrorContains(t, CheckShareBound(3, 100, 100, 60), "announced in 3 pieces, at most 100 bytes (2 pieces of at most 60) allowed")
	assert.ErrorContains(t, CheckShareBound(2, 101, 100, 60), "come to 101 bytes, at most 100 allowed")
	assert.NoError(t, CheckShareBound(MaxResharePieces, 1<<30, 0, 0), "0 bounds nothing")
}
