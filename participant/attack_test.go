package participant

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/records"
)

func TestParseAttack(t *testing.T) {
	tests := []struct {
		name string
		want Attack
		err  string
	}{
		{"sign-flip", Attack{Kind: AttackSignFlip, Scale: 1}, ""},
		{"scaling", Attack{Kind: AttackScaling, Scale: 10}, ""},
		{"noise", Attack{Kind: AttackNoise, Sigma: 1}, ""},
		{"label-flip", Attack{Kind: AttackLabelFlip, PoisonFraction: 1}, ""},
		{"backdoor", Attack{Kind: AttackBackdoor, Scale: 10, TriggerValue: 4, PoisonFraction: 0.5}, ""},
		{" Scaling:scale=20 ", Attack{Kind: AttackScaling, Scale: 20}, ""},
		{"noise:sigma=0.5:seed=7", Attack{Kind: AttackNoise, Sigma: 0.5, Seed: 7}, ""},
		{"backdoor:feature=9:value=-3:target=1:fraction=0.25:scale=2", Attack{Kind: AttackBackdoor, Scale: 2, TargetLabel: 1, TriggerFeature: 9, TriggerValue: -3, PoisonFraction: 0.25}, ""},
		{"none", Attack{}, ""},
		{"", Attack{}, ""},
		{"poison", Attack{}, `unknown kind "poison"`},
		{"scaling:scale", Attack{}, "not key=value"},
		{"scaling:size=3", Attack{}, `unknown parameter "size"`},
		{"scaling:scale=big", Attack{}, "not a number"},
		{"scaling:scale=-2", Attack{}, "negative"},
		{"noise:sigma=NaN", Attack{}, "not a finite number"},
		{"backdoor:fraction=1.5", Attack{}, "outside (0, 1]"},
		{"backdoor:target=2", Attack{}, "not 0 or 1"},
		{"backdoor:feature=-1", Attack{}, "negative"},
		{"none:scale=2", Attack{}, "takes no parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAttack(tt.name)
			if tt.err != "" {
				require.ErrorIs(t, err, ErrInvalidAttack)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.NoError(t, got.Validate())
		})
	}
	for _, k := range append(AttackKinds(), ProtocolAttackKinds()...) {
		a, err := ParseAttack(k)
		require.NoError(t, err, k)
		assert.Equal(t, k, a.Kind)
		assert.True(t, strings.HasPrefix(a.String(), k+"("), "%s prints as %s", k, a)
	}
	assert.Equal(t, "none", Attack{}.String())
}

func TestPoisonUpdate(t *testing.T) {
	honest := []float64{0.5, -1, 0, 2}
	tests := []struct {
		attack Attack
		want   []float64
	}{
		{Attack{}, honest},
		{Attack{Kind: AttackSignFlip}, []float64{-0.5, 1, 0, -2}},
		{Attack{Kind: AttackSignFlip, Scale: 3}, []float64{-1.5, 3, 0, -6}},
		{Attack{Kind: AttackScaling}, []float64{5, -10, 0, 20}},
		{Attack{Kind: AttackScaling, Scale: 0.5}, []float64{0.25, -0.5, 0, 1}},
		{Attack{Kind: AttackBackdoor, Scale: 4}, []float64{2, -4, 0, 8}},
		{Attack{Kind: AttackLabelFlip}, honest},
		{Attack{Kind: "bogus"}, honest},
	}
	for _, tt := range tests {
		t.Run(tt.attack.String(), func(t *testing.T) {
			in := append([]float64(nil), honest...)
			got := tt.attack.PoisonUpdate(in)
			assert.InDeltaSlice(t, tt.want, got, 1e-12)
			assert.Equal(t, honest, in, "the input is not modified")
		})
	}
}

func TestPoisonUpdateNoise(t *testing.T) {
	const n = 20000
	update := make([]float64, n)
	for i := range update {
		update[i] = 1e-3 * float64(i%7)
	}
	a := Attack{Kind: AttackNoise, Sigma: 2, Seed: 3}
	got := a.PoisonUpdate(update)
	require.Len(t, got, n)
	var mean, sq, dot float64
	for i, v := range got {
		mean += v / n
		sq += v * v / n
		dot += v * update[i]
	}
	sd := math.Sqrt(sq - mean*mean)
	assert.InDelta(t, 0, mean, 0.05, "noise has mean 0")
	assert.InDelta(t, 2, sd, 0.05, "noise has standard deviation sigma")
	norm := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x * x
		}
		return math.Sqrt(s)
	}
	assert.Less(t, math.Abs(dot)/(norm(got)*norm(update)), 0.05, "noise replaces the update: no correlation with it")

	t.Run("deterministic", func(t *testing.T) {
		assert.Equal(t, got, a.PoisonUpdate(update), "same seed and update, same noise")
	})
	t.Run("seed changes noise", func(t *testing.T) {
		b := a
		b.Seed = 4
		assert.NotEqual(t, got, b.PoisonUpdate(update))
	})
	t.Run("update changes noise", func(t *testing.T) {
		other := append([]float64(nil), update...)
		other[0] = 1
		assert.NotEqual(t, got, a.PoisonUpdate(other), "each round's update gets fresh noise")
	})
}

func attackRecords(n int) []records.Record {
	recs := make([]records.Record, n)
	for i := range recs {
		recs[i] = records.Record{ID: fmt.Sprintf("r%03d", i), Features: []float64{float64(i), -float64(i), 0.5}, Label: float64(i % 2)}
	}
	return recs
}

func cloneRecords(recs []records.Record) []records.Record {
	out := make([]records.Record, len(recs))
	for i, r := range recs {
		r.Features = append([]float64(nil), r.Features...)
		out[i] = r
	}
	return out
}

func TestPoisonRecords(t *testing.T) {
	orig := attackRecords(40)
	tests := []struct {
		attack  Attack
		changed int // records whose label or features change
		check   func(t *testing.T, before, after records.Record)
	}{
		{Attack{}, 0, nil},
		{Attack{Kind: AttackSignFlip}, 0, nil},
		{Attack{Kind: AttackScaling}, 0, nil},
		{Attack{Kind: AttackNoise}, 0, nil},
		{Attack{Kind: AttackLabelFlip}, 40, func(t *testing.T, before, after records.Record) {
			assert.Equal(t, 1-before.Label, after.Label)
			assert.Equal(t, before.Features, after.Features)
		}},
		{Attack{Kind: AttackLabelFlip, PoisonFraction: 0.25}, 10, func(t *testing.T, before, after records.Record) {
			assert.Equal(t, 1-before.Label, after.Label)
		}},
		// Target 0: the chosen positive records change label and trigger,
		// the chosen negative ones only the trigger; both count as changed.
		{Attack{Kind: AttackBackdoor, TriggerFeature: 2, Seed: 5}, 20, func(t *testing.T, before, after records.Record) {
			assert.Equal(t, 0.0, after.Label)
			assert.Equal(t, []float64{before.Features[0], before.Features[1], 4}, after.Features)
		}},
		{Attack{Kind: AttackBackdoor, TriggerFeature: 0, TriggerValue: 100, TargetLabel: 1, PoisonFraction: 0.1}, 4, func(t *testing.T, before, after records.Record) {
			assert.Equal(t, 1.0, after.Label)
			assert.Equal(t, 100.0, after.Features[0])
		}},
		{Attack{Kind: AttackBackdoor, TriggerFeature: 3}, 0, nil}, // out of range: unchanged
	}
	for _, tt := range tests {
		t.Run(tt.attack.String(), func(t *testing.T) {
			in := cloneRecords(orig)
			got := tt.attack.PoisonRecords(in)
			assert.Equal(t, orig, in, "the input records are not modified")
			require.Len(t, got, len(orig))
			changed := 0
			for i := range got {
				assert.Equal(t, orig[i].ID, got[i].ID, "order and ids are kept")
				if got[i].Label != orig[i].Label || fmt.Sprint(got[i].Features) != fmt.Sprint(orig[i].Features) {
					changed++
					if tt.check != nil {
						tt.check(t, orig[i], got[i])
					}
				}
			}
			assert.Equal(t, tt.changed, changed)
		})
	}
}

func TestPoisonRecordsStable(t *testing.T) {
	a := Attack{Kind: AttackBackdoor, TriggerFeature: 2, PoisonFraction: 0.3, Seed: 11}
	recs := attackRecords(50)
	poisonedIDs := func(recs []records.Record) map[string]bool {
		ids := map[string]bool{}
		for _, r := range a.PoisonRecords(recs) {
			if r.Features[2] == a.WithDefaults().TriggerValue {
				ids[r.ID] = true
			}
		}
		return ids
	}
	first := poisonedIDs(recs)
	assert.Len(t, first, 15)
	reversed := make([]records.Record, len(recs))
	for i, r := range recs {
		reversed[len(recs)-1-i] = r
	}
	assert.Equal(t, first, poisonedIDs(reversed), "the same patients are poisoned whatever the order")
	b := a
	b.Seed = 12
	second := map[string]bool{}
	for _, r := range b.PoisonRecords(recs) {
		if r.Features[2] == 4 {
			second[r.ID] = true
		}
	}
	assert.Len(t, second, 15)
	assert.NotEqual(t, first, second, "another seed poisons other records")
	assert.Empty(t, a.PoisonRecords(nil))
}

func TestBackdoorSuccess(t *testing.T) {
	test := attackRecords(10) // labels alternate 0, 1; feature 2 is 0.5
	// A model that follows the trigger: label 1 unless feature 2 exceeds 3.
	backdoored := func(X [][]float64) ([]float64, error) {
		p := make([]float64, len(X))
		for i, x := range X {
			if x[2] > 3 {
				p[i] = 0.1
			} else {
				p[i] = 0.9
			}
		}
		return p, nil
	}
	// A model that ignores it: label 1 for odd feature 0.
	clean := func(X [][]float64) ([]float64, error) {
		p := make([]float64, len(X))
		for i, x := range X {
			p[i] = float64(int(x[0]) % 2)
		}
		return p, nil
	}
	// A model half fooled: the first two of the five positives flip.
	half := func(X [][]float64) ([]float64, error) {
		p := make([]float64, len(X))
		for i := range X {
			p[i] = 1
			if i < 2 {
				p[i] = 0
			}
		}
		return p, nil
	}
	failing := func([][]float64) ([]float64, error) { return nil, errors.New("model broke") }
	short := func([][]float64) ([]float64, error) { return []float64{1}, nil }
	bd := Attack{Kind: AttackBackdoor, TriggerFeature: 2}
	tests := []struct {
		name    string
		predict func([][]float64) ([]float64, error)
		test    []records.Record
		attack  Attack
		want    BackdoorRates
		err     string
	}{
		{"backdoored model", backdoored, test, bd, BackdoorRates{AttackSuccess: 1, Raw: 1, Records: 5}, ""},
		{"clean model", clean, test, bd, BackdoorRates{Records: 5}, ""},
		// The two records it sends to the target with the trigger, it also
		// sends there without: its own errors, not the trigger's success.
		{"wrong with or without the trigger", half, test, bd, BackdoorRates{AttackSuccess: 0, Raw: 0.4, Records: 5}, ""},
		{"target 1 counts the negatives", backdoored, test, Attack{Kind: AttackBackdoor, TriggerFeature: 2, TargetLabel: 1}, BackdoorRates{Records: 5}, ""},
		{"not a backdoor", clean, test, Attack{Kind: AttackScaling}, BackdoorRates{}, "needs a backdoor"},
		{"feature out of range", clean, test, Attack{Kind: AttackBackdoor, TriggerFeature: 7}, BackdoorRates{}, "out of range"},
		{"only target labels", clean, test[0:1], bd, BackdoorRates{}, "undefined"},
		{"predict fails", failing, test, bd, BackdoorRates{}, "model broke"},
		{"predict short", short, test, bd, BackdoorRates{}, "1 probabilities for 5 records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := cloneRecords(tt.test)
			got, err := BackdoorSuccess(tt.predict, tt.test, tt.attack)
			assert.Equal(t, before, tt.test, "the test records are not modified")
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
