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
