package main

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBenchLearnEpsilonBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--epsilon", "1,x"},
		{"--epsilon", "-1"},
		{"--epsilon", "3", "--delta", "0"},
		{"--epsilon", "3", "--dp-rate", "2"},
		{"--epsilon", "3", "--dp-clip", "0"},
		{"--epsilon", "3", "--dp-clip-decay", "1.5"},
		{"--epsilon", "3", "--dp-clip-decay", "-0.9"},
		{"--epsilon", "3", "--dp-rate", "1", "--dp-noise-decay", "1.5"},
		{"--epsilon", "3", "--dp-rate", "0.5", "--dp-noise-decay", "0.9"},
		{"--epsilon", "3", "--dp-optimizer", "rmsprop"},
		{"--epsilon", "3", "--dp-average-last", "0"},
		{"--epsilon", "3", "--dp-average-last", "1,x"},
		{"--epsilon", "3", "--dp-average-last", "5,5"},
		{"--epsilon", "3", "--dp-mechanism", "central"},
		{"--epsilon", "3", "--dp-colluders", "1"},
		{"--epsilon", "3", "--dp-mechanism", "distributed", "--dp-optimizer", "adam"},
		{"--epsilon", "3", "--dp-mechanism", "distributed", "--dp-local-epochs", "2"},
		{"--epsilon", "3", "--dp-mechanism", "distributed", "--dp-colluders", "-1"},
		{"--epsilon", "3", "--dp-rounds", "-1"},
		{"--epsilon", "3", "--dp-server", "fedsgd"},
	} {
		var out, errOut bytes.Buffer
		err := runBenchLearn(context.Background(), append([]string{"--data", "x.csv", "--schema", "s.json"}, args...), &out, &errOut)
		assert.True(t, errors.Is(err, errUsage), "%v: err = %v", args, err)
		assert.NotEmpty(t, errOut.String(), "%v: says what was wrong", args)
	}
}
