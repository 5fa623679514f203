package evaluation

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
)

func TestRound(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var progress bytes.Buffer
	got, err := Round(ctx, RoundConfig{Participants: 3, Params: 5000, Rounds: 1, Reps: 2, Seed: 1, Progress: &progress})
	require.NoError(t, err, progress.String())

	// The report as `cohort bench round --json` prints it.
	b, err := json.Marshal(got)
	require.NoError(t, err)
	var r RoundReport
	require.NoError(t, json.Unmarshal(b, &r), string(b))
	assert.Equal(t, 3, r.Participants)
	assert.Equal(t, 5000, r.RequestedParams)
	assert.InDelta(t, 5000, r.Params, 250, "within 5%% of --params")
	assert.Equal(t, models.KindMLP, r.Spec.Kind)
	assert.Equal(t, 1, r.Train.Epochs)

	assert.Equal(t, "chain", r.Setup.ConsentSource)
	assert.Positive(t, r.Setup.ConsentGrants)
	assert.Positive(t, r.Setup.ConsentSeconds)
	assert.Greater(t, r.Setup.StudySeconds, r.Setup.ConsentSeconds)

	require.Len(t, r.Rounds, 1)
	round := r.Rounds[0]
	assert.Equal(t, 3, round.Participants)
	assert.Equal(t, []uint32{1}, r.MeanOverRounds)
	for name, v := range map[string]float64{
		"train": round.Seconds.Train, "encrypt": round.Seconds.Encrypt, "aggregate": round.Seconds.Aggregate,
		"decrypt": round.Seconds.Decrypt, "chain": round.Seconds.Chain, "total": round.Seconds.Total,
		"mean upload": r.Mean.Upload, "mean total": r.Mean.Total,
	} {
		assert.Positive(t, v, name)
	}
	assert.Less(t, round.Seconds.Encrypt, round.Seconds.Total)
	assert.Equal(t, 3*r.UpdateBytes, round.UploadBytes, "every participant uploads the same size")
	assert.InDelta(t, float64(r.UpdateBytes)/float64(r.Params), r.BytesPerParameter, 1e-9)
	assert.Greater(t, r.BytesPerParameter, 8.0, "a CKKS ciphertext is larger than the float64s it encrypts")

	// Each hospital's traffic in the round, counted on its connection.
	per := round.PerHospital
	up := per.Sent[simulation.TrafficUpload]
	assert.GreaterOrEqual(t, up, float64(r.UpdateBytes), "a hospital sends its whole update")
	assert.Less(t, up, 1.01*float64(r.UpdateBytes)+4096, "and not much more in the upload RPCs")
	assert.Positive(t, per.Received[simulation.TrafficDownload], "it fetches the model and the aggregate")
	assert.Positive(t, per.Sent[simulation.TrafficDecrypt], "it sends a decryption share")
	assert.Greater(t, per.WireSent, up, "TLS and HTTP/2 framing come on top of the messages")
	assert.GreaterOrEqual(t, float64(per.MaxWireReceived), per.WireReceived)
	assert.Equal(t, per, r.MeanPerHospital, "one round: its figures are the mean")
	assert.Positive(t, round.PeakHeapBytes)
	assert.GreaterOrEqual(t, r.PeakRSSBytes, round.PeakRSSBytes)
	assert.Greater(t, round.PeakRSSBytes, round.PeakHeapBytes/2)

	for name, f := range map[string]TransferFigures{"upload": r.Upload, "baseline": r.Baseline, "download": r.Download} {
		assert.NotEmpty(t, f.Method, name)
		assert.Positive(t, f.Seconds, name)
		assert.Positive(t, f.ConcurrentSeconds, name)
		assert.InDelta(t, float64(r.UpdateBytes)/f.Seconds/1e6, f.MBPerSecond, 1e-6, name)
		assert.InDelta(t, float64(3*r.UpdateBytes)/f.ConcurrentSeconds/1e6, f.ConcurrentMBPerSecond, 1e-6, name)
	}
	assert.InDelta(t, r.Upload.MBPerSecond/r.Baseline.MBPerSecond, r.Ratio, 1e-9)
	assert.InDelta(t, r.Upload.ConcurrentMBPerSecond/r.Baseline.ConcurrentMBPerSecond, r.ConcurrentRatio, 1e-9)
}

// A robust study at bench round's scale: every round times robust
// scoring, and the ×1000 attacker is flagged.
func TestRoundRobust(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole robust study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var progress bytes.Buffer
	cfg := RoundConfig{Participants: 8, Params: 2000, Rounds: 2, Reps: 1, Seed: 1, Robust: true, Malicious: 1, Attack: "scaling:scale=1000", Progress: &progress}
	r, err := Round(ctx, cfg)
	require.NoError(t, err, progress.String())
	assert.True(t, r.Robust)
	assert.Equal(t, 1, r.Malicious)
	assert.Equal(t, "scaling:scale=1000", r.Attack)
	require.Len(t, r.Rounds, 2)
	flagged := 0
	for _, x := range r.Rounds {
		assert.Positive(t, x.Seconds.Score, "round %d scores every update", x.Round)
		assert.LessOrEqual(t, x.Struck, x.Flagged, "round %d strikes only flagged members", x.Round)
		flagged += x.Flagged
	}
	assert.Positive(t, flagged, "the ×1000 update is flagged")
	assert.Positive(t, r.Mean.Score)
	var text bytes.Buffer
	require.NoError(t, r.WriteText(&text))
	assert.Contains(t, text.String(), "the last 1 hospitals play scaling:scale=1000")
	assert.Contains(t, text.String(), "score s")
	plots, err := RoundPlots([]*RoundReport{r})
	require.NoError(t, err)
	require.Len(t, plots, 2)
	assert.Contains(t, plots[0].Title.Text, "robust round", "the time panel adds the score phase")
}

func TestRoundConfigRefusesAttackersWithoutRobustScoring(t *testing.T) {
	base := RoundConfig{Participants: 10, Params: 1000, Rounds: 1, Reps: 1, Attack: "sign-flip"}
	for _, tt := range []struct {
		name string
		edit func(*RoundConfig)
		want string
	}{
		{"attackers, no scoring", func(c *RoundConfig) { c.Malicious = 2 }, "--malicious needs --robust"},
		{"half attackers", func(c *RoundConfig) { c.Robust, c.Malicious = true, 5 }, "fewer than half"},
		{"unknown attack", func(c *RoundConfig) { c.Robust, c.Malicious, c.Attack = true, 1, "bribe" }, "--attack"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			tt.edit(&c)
			err := c.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	ok := base
	ok.Robust, ok.Malicious = true, 1
	assert.NoError(t, ok.Validate())
}

// A rotation re-shares the key from one committee to the next: a study
// without a committee has none to rotate.
func TestRoundConfigRefusesRotationWithoutCommittee(t *testing.T) {
	c := RoundConfig{Participants: 30, Params: 1000, Rounds: 2, Reps: 1, CommitteeRotation: 1}
	err := c.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--committee-rotation")
	c.CommitteeSize = 10
	assert.NoError(t, c.Validate())
	c.CommitteeRotation = -1
	assert.Error(t, c.Validate())
}

func TestRoundSpec(t *testing.T) {
	for _, target := range []int{1000, 5000, 100000, 1000000} {
		t.Run(strconv.Itoa(target), func(t *testing.T) {
			spec, count, err := RoundSpec(8, target)
			require.NoError(t, err)
			m, err := models.New(spec, 0)
			require.NoError(t, err)
			assert.Equal(t, m.NumParams(), count, "the reported count is the model's")
			assert.InDelta(t, target, count, 0.05*float64(target))
		})
	}
	_, _, err := RoundSpec(8, 15)
	assert.Error(t, err, "no MLP is that small")
}
