package gethtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBinary(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "geth")
	require.NoError(t, os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755))
	tests := []struct {
		name    string
		env     string
		want    string
		wantErr bool
	}{
		{"from the environment", exe, exe, false},
		{"environment names a missing file", filepath.Join(t.TempDir(), "nope"), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvBinary, tt.env)
			got, err := Binary()
			if tt.wantErr {
				require.ErrorIs(t, err, ErrNoBinary)
				assert.Contains(t, err.Error(), "make geth")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestStartAndFund starts the real geth and funds two accounts.
func TestStartAndFund(t *testing.T) {
	n := Start(t)
	a, b := common.HexToAddress("0x1111"), common.HexToAddress("0x2222")
	n.Fund(t, Ether(3), a, b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, addr := range []common.Address{a, b} {
		bal, err := n.Balance(ctx, addr)
		require.NoError(t, err)
		assert.Equal(t, Ether(3), bal, addr.Hex())
	}
}
