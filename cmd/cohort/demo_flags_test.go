package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A --data list with an empty name is a usage error that says where, before
// any file is read or any chain started.
func TestDemoRefusesAnEmptyDataFileName(t *testing.T) {
	for _, data := range []string{"a.csv,,b.csv", ",a.csv", "a.csv, "} {
		var out, errOut bytes.Buffer
		err := runDemo(context.Background(), []string{"--data", data, "--schema", "s.json"}, &out, &errOut)
		require.ErrorIs(t, err, errUsage, data)
		assert.Contains(t, errOut.String(), "of the list is empty; separate file names with single commas", data)
	}
}
