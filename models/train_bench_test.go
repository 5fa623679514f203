package models_test

import (
	"context"
	"testing"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
	"github.com/stretchr/testify/require"
)

// BenchmarkTrain reports training throughput in records per second (one
// epoch over every record of the default synthetic cohort per iteration).
func BenchmarkTrain(b *testing.B) {
	sites, err := records.Synthetic(records.DefaultSyntheticConfig())
	require.NoError(b, err)
	var all []records.Record
	for _, s := range sites {
		all = append(all, s.Train...)
	}
	X, y := records.Matrix(all)
	for _, bc := range []struct {
		name string
		spec models.Spec
	}{
		{"logistic", models.Spec{Kind: models.KindLogistic, Features: 8}},
		{"mlp-32-16", models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{32, 16}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m, err := models.New(bc.spec, 1)
			require.NoError(b, err)
			cfg := models.DefaultTrainConfig()
			cfg.Epochs = 1
			b.ResetTimer()
			for b.Loop() {
				if _, err := m.Train(context.Background(), X, y, cfg); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(X))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
