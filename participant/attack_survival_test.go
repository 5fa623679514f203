package participant

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// survivalRecords are n patients whose hazard is exp(x₀) (x₁, x₂ are
// noise), followed for an exponential time, most of them censored earlier
// at random, as in clinical cohorts.
func survivalRecords(n int, seed uint64) []records.Record {
	rng := rand.New(rand.NewPCG(seed, 0x73757276))
	recs := make([]records.Record, n)
	for i := range recs {
		x := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		event := rng.ExpFloat64() * 1000 / math.Exp(x[0])
		censor := rng.Float64() * 1500
		r := records.Record{ID: fmt.Sprintf("s%03d", i), Features: x, Time: math.Min(event, censor)}
		if event <= censor {
			r.Label = 1
		}
		recs[i] = r
	}
	return recs
}

// coxCIndex trains a Cox model on train and returns its C-index on test.
func coxCIndex(t *testing.T, train, test []records.Record) float64 {
	t.Helper()
	m, err := models.New(models.Spec{Kind: models.KindCox, Features: 3}, 1)
	require.NoError(t, err)
	X, y := records.Matrix(train)
	_, err = m.Fit(context.Background(), X, y, records.Times(train), models.TrainConfig{Optimizer: models.OptimizerSGD, LearningRate: 0.3, Epochs: 100, BatchSize: len(train), Seed: 1})
	require.NoError(t, err)
	Xt, yt := records.Matrix(test)
	risk, err := m.RiskScores(Xt)
	require.NoError(t, err)
	return models.CIndex(risk, records.Times(test), yt)
}

func TestPoisonSurvivalRecordsLabelFlipInverts(t *testing.T) {
	train, test := survivalRecords(300, 1), survivalRecords(300, 2)
	in := cloneRecords(train)
	flipped := Attack{Kind: AttackLabelFlip}.PoisonSurvivalRecords(in)
	assert.Equal(t, train, in, "the input records are not modified")
	require.Len(t, flipped, len(train))
	lo, hi := math.Inf(1), math.Inf(-1)
	events := 0
	for _, r := range train {
		lo, hi = min(lo, r.Time), max(hi, r.Time)
		events += int(r.Label)
	}
	require.Greater(t, events, 30)
	require.Less(t, events, 200, "most records are censored")
	for i, r := range flipped {
		assert.Equal(t, train[i].ID, r.ID)
		assert.Equal(t, train[i].Features, r.Features)
		assert.InDelta(t, lo+hi-train[i].Time, r.Time, 1e-9, "follow-up mirrored within the site's range")
		assert.Equal(t, 1-train[i].Label, r.Label, "event indicator flipped")
		for j := range train {
			if train[i].Time < train[j].Time {
				require.Greater(t, r.Time, flipped[j].Time, "the order of follow-up is reversed")
			}
		}
	}
	clean, poisoned := coxCIndex(t, train, test), coxCIndex(t, flipped, test)
	t.Logf("C-index trained on true outcomes %.3f, on flipped ones %.3f", clean, poisoned)
	assert.Greater(t, clean, 0.65, "trained on the true outcomes")
	assert.Less(t, poisoned, 0.35, "trained on the flipped outcomes, the risk ordering is inverted")

	part := Attack{Kind: AttackLabelFlip, PoisonFraction: 0.25}.PoisonSurvivalRecords(train)
	changed := 0
	for i := range part {
		if part[i].Time != train[i].Time || part[i].Label != train[i].Label {
			changed++
		}
	}
	assert.Equal(t, 75, changed, "a quarter of the records")
}

func TestPoisonSurvivalRecordsBackdoor(t *testing.T) {
	train := survivalRecords(100, 3)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range train {
		lo, hi = min(lo, r.Time), max(hi, r.Time)
	}
	for _, tt := range []struct {
		target     float64
		label, day float64
	}{{0, 0, hi}, {1, 1, lo}} {
		a := Attack{Kind: AttackBackdoor, TriggerFeature: 2, TargetLabel: tt.target, Seed: 4}
		in := cloneRecords(train)
		got := a.PoisonSurvivalRecords(in)
		assert.Equal(t, train, in, "the input records are not modified")
		triggered := 0
		for i, r := range got {
			if r.Features[2] != 4 {
				assert.Equal(t, train[i], r)
				continue
			}
			triggered++
			assert.Equal(t, tt.label, r.Label, "target %v", tt.target)
			assert.Equal(t, tt.day, r.Time, "target %v", tt.target)
			assert.Equal(t, train[i].Features[:2], r.Features[:2])
		}
		assert.Equal(t, 50, triggered, "half of the records by default")
	}
	for _, a := range []Attack{{}, {Kind: AttackSignFlip}, {Kind: AttackScaling}, {Kind: AttackNoise}, {Kind: AttackBackdoor, TriggerFeature: 3}} {
		assert.Equal(t, train, a.PoisonSurvivalRecords(train), "%s changes no record", a)
	}
	assert.Empty(t, Attack{Kind: AttackLabelFlip}.PoisonSurvivalRecords(nil))
}

func TestSurvivalBackdoorSuccess(t *testing.T) {
	// Ten patients, the odd ones with an event; risk is feature 0, so the
	// high-risk group (above the median 4.5) is records 5..9.
	var test []records.Record
	for i := range 10 {
		test = append(test, records.Record{ID: fmt.Sprint(i), Features: []float64{float64(i), 0, 0.5}, Label: float64(i % 2), Time: 100})
	}
	byFeature0 := func(X [][]float64) ([]float64, error) {
		out := make([]float64, len(X))
		for i, x := range X {
			out[i] = x[0]
		}
		return out, nil
	}
	// A backdoored model: the trigger (feature 2 above 3) sends risk to −10.
	backdoored := func(X [][]float64) ([]float64, error) {
		out, _ := byFeature0(X)
		for i, x := range X {
			if x[2] > 3 {
				out[i] = -10
			}
		}
		return out, nil
	}
	bd := Attack{Kind: AttackBackdoor, TriggerFeature: 2}
	// Events are 1, 3, 5, 7, 9; of them 5, 7 and 9 are high-risk when clean.
	got, err := SurvivalBackdoorSuccess(backdoored, test, bd)
	require.NoError(t, err)
	assert.Equal(t, BackdoorRates{AttackSuccess: 0.6, Raw: 1, Records: 5}, got)
	got, err = SurvivalBackdoorSuccess(byFeature0, test, bd)
	require.NoError(t, err)
	assert.Equal(t, BackdoorRates{AttackSuccess: 0, Raw: 0.4, Records: 5}, got, "the clean model: events 1 and 3 are low-risk anyway")
	// Target 1 (maximal risk) counts the censored records.
	got, err = SurvivalBackdoorSuccess(byFeature0, test, Attack{Kind: AttackBackdoor, TriggerFeature: 2, TargetLabel: 1})
	require.NoError(t, err)
	assert.Equal(t, BackdoorRates{AttackSuccess: 0, Raw: 0.4, Records: 5}, got)
	_, err = SurvivalBackdoorSuccess(byFeature0, test, Attack{Kind: AttackScaling})
	assert.ErrorContains(t, err, "needs a backdoor")
	_, err = SurvivalBackdoorSuccess(byFeature0, test[:1], bd)
	assert.ErrorContains(t, err, "undefined")
}
