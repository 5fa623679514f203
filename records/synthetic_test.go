package records

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func prevalence(recs []Record) float64 {
	pos := 0.0
	for _, r := range recs {
		pos += r.Label
	}
	return pos / float64(len(recs))
}

func TestSyntheticValidate(t *testing.T) {
	base := DefaultSyntheticConfig()
	tests := []struct {
		name   string
		mutate func(*SyntheticConfig)
	}{
		{"no sites", func(c *SyntheticConfig) { c.Sites = 0 }},
		{"no features", func(c *SyntheticConfig) { c.Features = 0 }},
		{"consent above one", func(c *SyntheticConfig) { c.ConsentRate = 1.1 }},
		{"consent NaN", func(c *SyntheticConfig) { c.ConsentRate = math.NaN() }},
		{"tiny sites", func(c *SyntheticConfig) { c.MinRecords = 2 }},
		{"max below min", func(c *SyntheticConfig) { c.MaxRecords = c.MinRecords - 1 }},
		{"too large", func(c *SyntheticConfig) { c.Sites, c.MaxRecords, c.Features = 1000, 1_000_000, 4096 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			tt.mutate(&c)
			_, err := Synthetic(c)
			require.ErrorIs(t, err, ErrInvalidConfig)
		})
	}
	require.NoError(t, base.Validate())
}

func TestSyntheticShape(t *testing.T) {
	cfg := DefaultSyntheticConfig()
	cfg.Sites = 6
	sites, err := Synthetic(cfg)
	require.NoError(t, err)
	require.Len(t, sites, cfg.Sites)

	sizes := map[int]bool{}
	prevs := make([]float64, 0, len(sites))
	ids := map[string]bool{}
	consented, total := 0, 0
	var sum, sumSq float64
	var cnt int
	for s, site := range sites {
		n := len(site.Train) + len(site.Test)
		assert.GreaterOrEqual(t, n, cfg.MinRecords, site.Name)
		assert.LessOrEqual(t, n, cfg.MaxRecords, site.Name)
		sizes[n] = true
		assert.InDelta(t, TestFraction, float64(len(site.Test))/float64(n), 0.01, "test split of %s", site.Name)
		assert.Equal(t, "site"+string(rune('0'+s)), site.Name)
		assert.Len(t, site.Consent, n, "every patient has a consent flag")
		for _, r := range append(append([]Record(nil), site.Train...), site.Test...) {
			require.Len(t, r.Features, cfg.Features)
			require.Contains(t, []float64{0, 1}, r.Label)
			require.False(t, ids[r.ID], "duplicate id %s", r.ID)
			ids[r.ID] = true
			require.Regexp(t, `^site\d+-\d{6}$`, r.ID)
			c, ok := site.Consent[r.ID]
			require.True(t, ok)
			if c {
				consented++
			}
			total++
			for _, v := range r.Features {
				sum += v
				sumSq += v * v
				cnt++
			}
		}
		prevs = append(prevs, prevalence(site.Train))
	}
	assert.Len(t, sizes, cfg.Sites, "site sizes differ")
	minP, maxP := prevs[0], prevs[0]
	for _, p := range prevs {
		minP, maxP = min(minP, p), max(maxP, p)
	}
	assert.Greater(t, maxP-minP, 0.15, "label balance differs across sites: %v", prevs)
	assert.InDelta(t, cfg.ConsentRate, float64(consented)/float64(total), 0.04, "consent rate honoured")
	mean := sum / float64(cnt)
	sd := math.Sqrt(sumSq/float64(cnt) - mean*mean)
	assert.InDelta(t, 0, mean, 0.15, "features centred")
	assert.InDelta(t, 1, sd, 0.15, "features standardised")
}

func TestSyntheticCovariateShift(t *testing.T) {
	cfg := DefaultSyntheticConfig()
	sites, err := Synthetic(cfg)
	require.NoError(t, err)
	// The mean of feature vectors differs between sites by more than
	// sampling noise (≈ 1/√n ≈ 0.06).
	means := make([][]float64, len(sites))
	for s, site := range sites {
		means[s] = make([]float64, cfg.Features)
		for _, r := range site.Train {
			for j, v := range r.Features {
				means[s][j] += v / float64(len(site.Train))
			}
		}
	}
	maxDiff := 0.0
	for j := range cfg.Features {
		maxDiff = max(maxDiff, math.Abs(means[0][j]-means[1][j]))
	}
	assert.Greater(t, maxDiff, 0.2)
}

func TestSyntheticDeterministic(t *testing.T) {
	cfg := DefaultSyntheticConfig()
	a, err := Synthetic(cfg)
	require.NoError(t, err)
	b, err := Synthetic(cfg)
	require.NoError(t, err)
	assert.Equal(t, a, b, "same seed, same cohort")

	cfg.Seed++
	c, err := Synthetic(cfg)
	require.NoError(t, err)
	assert.NotEqual(t, a[0].Train[0].Features, c[0].Train[0].Features, "another seed, another cohort")
}

func TestConsentedOnlyAndMatrix(t *testing.T) {
	site := Site{
		Train: []Record{
			{ID: "a", Features: []float64{1, 2}, Label: 1},
			{ID: "b", Features: []float64{3, 4}, Label: 0},
			{ID: "c", Features: []float64{5, 6}, Label: 1},
		},
		Consent: map[string]bool{"a": true, "b": false},
	}
	tests := []struct {
		name    string
		consent func(string) bool
		want    []string
	}{
		{"site flags, unknown id refused", site.Consents, []string{"a"}},
		{"everyone", func(string) bool { return true }, []string{"a", "b", "c"}},
		{"nil refuses all", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ConsentedOnly(site.Train, tt.consent)
			assert.Equal(t, tt.want, IDs(got))
		})
	}

	X, y := Matrix(site.Train)
	assert.Equal(t, [][]float64{{1, 2}, {3, 4}, {5, 6}}, X)
	assert.Equal(t, []float64{1, 0, 1}, y)
	X[0][0] = 99
	assert.Equal(t, 1.0, site.Train[0].Features[0], "Matrix copies features")
}
