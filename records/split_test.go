package records

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// labelled returns n records, pos of them positive.
func labelled(n, pos int) []Record {
	out := make([]Record, n)
	for i := range out {
		out[i] = Record{ID: fmt.Sprintf("r%04d", i), Features: []float64{float64(i)}}
		if i < pos {
			out[i].Label = 1
		}
	}
	return out
}

func TestSplitUnlike(t *testing.T) {
	data := labelled(456, 170) // about WDBC's training split
	cfg := DefaultSkewConfig(4, 1)
	parts, err := SplitUnlike(data, cfg)
	require.NoError(t, err)
	require.Len(t, parts, 4)

	seen := map[string]int{}
	minN, maxN := len(data), 0
	minP, maxP := 1.0, 0.0
	for _, p := range parts {
		for _, r := range p {
			seen[r.ID]++
		}
		pos := 0
		for _, r := range p {
			pos += int(r.Label)
		}
		assert.GreaterOrEqual(t, pos, cfg.MinPerClass, "every site has positives")
		assert.GreaterOrEqual(t, len(p)-pos, cfg.MinPerClass, "every site has negatives")
		minN, maxN = min(minN, len(p)), max(maxN, len(p))
		minP, maxP = min(minP, prevalence(p)), max(maxP, prevalence(p))
	}
	assert.Len(t, seen, len(data), "every record is dealt")
	for id, n := range seen {
		require.Equal(t, 1, n, "record %s dealt once", id)
	}
	assert.Greater(t, float64(maxN)/float64(minN), 2.0, "sizes differ: %d..%d", minN, maxN)
	assert.Greater(t, maxP-minP, 0.4, "label balance differs: %.2f..%.2f", minP, maxP)

	again, err := SplitUnlike(data, cfg)
	require.NoError(t, err)
	assert.Equal(t, parts, again, "deterministic")
	cfg.Seed = 2
	other, err := SplitUnlike(data, cfg)
	require.NoError(t, err)
	assert.NotEqual(t, parts, other, "another seed deals otherwise")
}

func TestSplitUnlikeNoSkew(t *testing.T) {
	parts, err := SplitUnlike(labelled(400, 100), SkewConfig{Sites: 4, SizeRatio: 1, LabelSkew: 0})
	require.NoError(t, err)
	for _, p := range parts {
		assert.Len(t, p, 100)
		assert.InDelta(t, 0.25, prevalence(p), 1e-9)
	}
}

func TestSplitUnlikeErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  SkewConfig
	}{
		{"no sites", SkewConfig{Sites: 0, SizeRatio: 1}},
		{"ratio below one", SkewConfig{Sites: 2, SizeRatio: 0.5}},
		{"skew of one", SkewConfig{Sites: 2, SizeRatio: 1, LabelSkew: 1}},
		{"negative minimum", SkewConfig{Sites: 2, SizeRatio: 1, MinPerClass: -1}},
		{"too few positives", SkewConfig{Sites: 4, SizeRatio: 1, MinPerClass: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SplitUnlike(labelled(100, 10), tt.cfg)
			require.ErrorIs(t, err, ErrInvalidSplit)
		})
	}
}
