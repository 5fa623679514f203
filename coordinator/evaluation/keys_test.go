package evaluation

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKeysCountsSharesAndBytes: with a committee, key generation deals n·c
// shares and the hand-over t·c shares of n keys each; the comparison cell
// where every party holds shares deals n².
func TestKeysCountsSharesAndBytes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := Keys(ctx, KeysSpec{Parties: []int{5}, Committee: 2, AllHoldersUpTo: 5})
	require.NoError(t, err)
	require.Len(t, rep.Results, 2)
	c, all := rep.Results[0], rep.Results[1]
	assert.False(t, c.AllHolders)
	assert.True(t, all.AllHolders)
	assert.Equal(t, 5*2, c.DealtShares)
	assert.Equal(t, 5*5, all.DealtShares)
	assert.Equal(t, 2, c.Threshold, "a majority of 2")
	assert.Equal(t, 3, all.Threshold, "a majority of 5")
	require.Positive(t, c.ShareBytes)
	assert.Equal(t, int64(5*2*c.ShareBytes), c.KeyGenBytesTotal)
	assert.Equal(t, int64(5*c.ShareBytes), c.KeyGenBytesPerHolder)
	assert.Equal(t, 2*2, c.ReshareShares)
	assert.Equal(t, c.ReshareBytesTotal, 2*c.ReshareBytesPerDealer)
	// A re-sharing share carries all n keys: about n key shares' bytes.
	assert.InEpsilon(t, float64(5*c.ShareBytes), float64(c.ReshareBytesPerHolder)/2, 0.05)
	assert.Positive(t, c.DealSecondsPerParty)
	assert.Positive(t, c.ReshareSecondsPerDealer)

	_, err = Keys(ctx, KeysSpec{Parties: []int{3}, Committee: 0})
	require.Error(t, err)
	_, err = Keys(ctx, KeysSpec{Parties: []int{3}, Committee: 2, Threshold: 3})
	require.Error(t, err)
}
