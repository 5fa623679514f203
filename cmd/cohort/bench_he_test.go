package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBenchHERefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--parties", "0"}, {"--params", "x"}, {"--distinct", "0"}, {"stray"}} {
		var stdout, stderr bytes.Buffer
		assert.Error(t, runBenchHE(context.Background(), args, &stdout, &stderr), "%v", args)
	}
}
