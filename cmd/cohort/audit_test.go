package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAuditFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"help", []string{"audit", "-h"}, 0, "--store"},
		{"no flags", []string{"audit"}, 2, "are required"},
		{"bad contract", []string{"audit", "--eth-rpc", "x", "--contract", "0x12", "--study", "1", "--store", dir}, 2, "--contract"},
		{"no store", []string{"audit", "--eth-rpc", "x", "--contract", "0x0000000000000000000000000000000000000c01", "--study", "1", "--store", dir + "/none"}, 2, "not a directory"},
		{"unreachable chain", []string{"audit", "--eth-rpc", "http://127.0.0.1:1", "--contract", "0x0000000000000000000000000000000000000c01", "--study", "1", "--store", dir}, 1, "--eth-rpc"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
}
