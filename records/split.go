package records

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// ErrInvalidSplit reports a SkewConfig that cannot split the records given.
var ErrInvalidSplit = errors.New("records: invalid split")

// SkewConfig describes how SplitUnlike deals one data set out to K sites
// that differ in size and label balance.
type SkewConfig struct {
	// Sites is the number of sites K (≥ 1).
	Sites int `json:"sites"`
	// SizeRatio is the expected size of the largest site over the smallest
	// (≥ 1); site sizes are spread geometrically between them.
	SizeRatio float64 `json:"size_ratio"`
	// LabelSkew in [0, 1) tilts the label balance: with tilts t_k spread
	// evenly over [−1, 1], site k receives a share of the positives
	// proportional to size_k·(1 + LabelSkew·t_k) and of the negatives
	// proportional to size_k·(1 − LabelSkew·t_k). 0 gives every site the
	// pooled prevalence; 0.8 ranges from mostly negative to mostly positive.
	LabelSkew float64 `json:"label_skew"`
	// MinPerClass is the least number of records of each class every site
	// gets, so that each site can train alone.
	MinPerClass int `json:"min_per_class"`
	// Seed chooses which site gets which size and tilt and which records.
	Seed int64 `json:"seed"`
}

// DefaultSkewConfig returns k sites with a 4:1 size ratio, label skew 0.7
// and at least 3 records of each class per site.
func DefaultSkewConfig(k int, seed int64) SkewConfig {
	return SkewConfig{Sites: k, SizeRatio: 4, LabelSkew: 0.7, MinPerClass: 3, Seed: seed}
}

// splitStream of SplitUnlike's generator.
const skewStream = 0x7265632d736b6577 // "rec-skew"

// SplitUnlike deals recs out to cfg.Sites disjoint parts that differ in size
// and label balance as cfg describes; every record goes to exactly one part.
// Records are positive when Label ≥ 0.5. The parts share the input's
// Records (and their Features slices). The result is a deterministic
// function of recs and cfg; it fails with ErrInvalidSplit when cfg is
// unusable or a class has too few records for MinPerClass at every site.
func SplitUnlike(recs []Record, cfg SkewConfig) ([][]Record, error) {
	switch {
	case cfg.Sites < 1 || cfg.Sites > MaxSyntheticSites:
		return nil, fmt.Errorf("%w: sites is %d, want 1..%d", ErrInvalidSplit, cfg.Sites, MaxSyntheticSites)
	case !(cfg.SizeRatio >= 1) || math.IsInf(cfg.SizeRatio, 0):
		return nil, fmt.Errorf("%w: size_ratio is %v, want a finite value ≥ 1", ErrInvalidSplit, cfg.SizeRatio)
	case !(cfg.LabelSkew >= 0 && cfg.LabelSkew < 1):
		return nil, fmt.Errorf("%w: label_skew is %v, want a value in [0, 1)", ErrInvalidSplit, cfg.LabelSkew)
	case cfg.MinPerClass < 0:
		return nil, fmt.Errorf("%w: min_per_class is %d, want ≥ 0", ErrInvalidSplit, cfg.MinPerClass)
	}
	k := cfg.Sites
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), skewStream))
	sizeRank, tiltRank := rng.Perm(k), rng.Perm(k)
	size := make([]float64, k)
	tilt := make([]float64, k)
	for s := range k {
		size[s], tilt[s] = 1, 0
		if k > 1 {
			size[s] = math.Pow(cfg.SizeRatio, float64(sizeRank[s])/float64(k-1))
			tilt[s] = 2*float64(tiltRank[s])/float64(k-1) - 1
		}
	}

	parts := make([][]Record, k)
	for _, positive := range []bool{false, true} {
		var class []Record
		for _, r := range recs {
			if (r.Label >= 0.5) == positive {
				class = append(class, r)
			}
		}
		if len(class) < cfg.MinPerClass*k {
			return nil, fmt.Errorf("%w: %d records of class %d cannot give %d sites %d each; lower min_per_class or sites", ErrInvalidSplit, len(class), b2i(positive), k, cfg.MinPerClass)
		}
		sign := -1.0
		if positive {
			sign = 1
		}
		share := make([]float64, k)
		for s := range k {
			share[s] = size[s] * (1 + sign*cfg.LabelSkew*tilt[s])
		}
		counts := allocate(len(class), share, cfg.MinPerClass)
		rng.Shuffle(len(class), func(i, j int) { class[i], class[j] = class[j], class[i] })
		off := 0
		for s, c := range counts {
			parts[s] = append(parts[s], class[off:off+c]...)
			off += c
		}
	}
	// Interleave the classes in each part so that order carries no label.
	for s := range parts {
		rng.Shuffle(len(parts[s]), func(i, j int) { parts[s][i], parts[s][j] = parts[s][j], parts[s][i] })
	}
	return parts, nil
}

// allocate splits n items over len(share) sites: each gets floor(min) and
// the rest is divided in proportion to share by largest remainder (ties to
// the lower index).
func allocate(n int, share []float64, least int) []int {
	k := len(share)
	counts := make([]int, k)
	rest := n - least*k
	total := 0.0
	for _, w := range share {
		total += w
	}
	type rem struct {
		site int
		frac float64
	}
	rems := make([]rem, k)
	given := 0
	for s, w := range share {
		exact := float64(rest) * w / total
		counts[s] = least + int(math.Floor(exact))
		given += int(math.Floor(exact))
		rems[s] = rem{s, exact - math.Floor(exact)}
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.frac > b.frac:
			return -1
		case a.frac < b.frac:
			return 1
		}
		return 0
	})
	for i := 0; given < rest; i++ {
		counts[rems[i%k].site]++
		given++
	}
	return counts
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// DrawSplit splits recs into training and test records as a schema
// without a split column does: round(frac·n_c) records of each class c
// (at most all but one) held out for testing, drawn with seed. Records keep
// their order within each part.
func DrawSplit(recs []Record, frac float64, seed int64) (train, test []Record) {
	for i, t := range drawSplit(recs, frac, seed) {
		if t {
			test = append(test, recs[i])
		} else {
			train = append(train, recs[i])
		}
	}
	return train, test
}
