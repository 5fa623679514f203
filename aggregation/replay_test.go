package aggregation

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ReplayStep is the step a coordinator took, from what the round keeps:
// the same model and the same optimiser state after it as the shares'
// decryption stepped by an optimiser in the state before; an aggregate
// shorter than the model, or no shares, is an error, not a step.
func TestReplayStepIsTheRoundsStep(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	agg, _ := f.weightedAggregate(t, rand.New(rand.NewPCG(7, 1)), 40)
	var shares []*DecryptionShare
	for _, p := range f.parties {
		ds, err := s.GenDecryptionShare(p.sk, agg)
		require.NoError(t, err)
		shares = append(shares, ds)
	}
	global := randomVector(rand.New(rand.NewPCG(8, 1)), 30, 1)
	cfg := DefaultFedOptConfig(FedAdam)
	took, err := NewFedOpt(cfg)
	require.NoError(t, err)
	_, err = took.Step(global, global) // a state with moments, as after round 1
	require.NoError(t, err)
	before, err := took.MarshalBinary()
	require.NoError(t, err)
	avg, err := s.DecryptChecked(agg, shares)
	require.NoError(t, err)
	want, err := took.Step(global, avg[:len(global)])
	require.NoError(t, err)

	replayed := new(FedOpt)
	require.NoError(t, replayed.UnmarshalBinary(before))
	got, err := s.ReplayStep(replayed, agg, shares, global)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.True(t, replayed.SameNextStep(took), "the optimiser is left in the state after the step")
	assert.Equal(t, took.Steps(), replayed.Steps())

	_, err = s.ReplayStep(replayed, agg, shares, make([]float64, 41))
	assert.ErrorIs(t, err, ErrLengthMismatch)
	_, err = s.ReplayStep(replayed, agg, nil, global)
	assert.ErrorIs(t, err, ErrMissingShares)
}
