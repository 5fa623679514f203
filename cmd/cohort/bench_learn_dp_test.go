package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBenchLearnEpsilonShort runs one private study beside the non-private
// one (one seed, two rounds); the README's figures come from the defaults.
func TestBenchLearnEpsilonShort(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two encrypted studies")
	}
	needWDBC(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	figure := filepath.Join(t.TempDir(), "learn.svg")
	err := runBenchLearn(ctx, []string{"--data", wdbcData, "--schema", wdbcSchema, "--seeds", "1", "--rounds", "2", "--epochs", "10",
		"--epsilon", "3,8", "--delta", "1e-5", "--json", "--plot", figure}, &out, &progress)
	require.NoError(t, err, progress.String())
	var rep evaluation.LearnReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Private, 2)
	require.NotNil(t, rep.PrivateTraining)
	require.NotNil(t, rep.PrivateTraining.Privacy)
	s := rep.Private[0]
	assert.Equal(t, 3.0, s.Epsilon)
	assert.Greater(t, s.NoiseMultiplier, 0.5)
	p := rep.PerSeed[0].Private[0]
	assert.LessOrEqual(t, p.Spent, 3.0, "the noise is chosen so that the study stays within its budget")
	assert.Greater(t, p.Spent, 2.9, "and the smallest such noise")
	assert.Greater(t, p.Scores.Accuracy, 0.85, "a private model still learns WDBC")
	assert.Contains(t, progress.String(), "ε 3 (σ")
	assert.Less(t, rep.Private[1].NoiseMultiplier, s.NoiseMultiplier, "a larger budget needs less noise")
	assert.Contains(t, svgTexts(t, figure), "privacy budget ε")
}

func TestBenchLearnEpsilonBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--epsilon", "1,x"},
		{"--epsilon", "-1"},
		{"--epsilon", "3", "--delta", "0"},
		{"--epsilon", "3", "--dp-rate", "2"},
		{"--epsilon", "3", "--dp-clip", "0"},
		{"--epsilon", "3", "--dp-optimizer", "rmsprop"},
	} {
		var out, errOut bytes.Buffer
		err := runBenchLearn(context.Background(), append([]string{"--data", "x.csv", "--schema", "s.json"}, args...), &out, &errOut)
		assert.True(t, errors.Is(err, errUsage), "%v: err = %v", args, err)
		assert.NotEmpty(t, errOut.String(), "%v: says what was wrong", args)
	}
}
