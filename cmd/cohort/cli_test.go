package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// tamperingClient serves blobs with one byte changed: a coordinator that lies.
type tamperingClient struct {
	cohortv1.CoordinatorClient
}

func (c tamperingClient) GetBlob(ctx context.Context, in *cohortv1.BlobRequest, opts ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.BlobChunk], error) {
	s, err := c.CoordinatorClient.GetBlob(ctx, in, opts...)
	if err != nil {
		return nil, err
	}
	return tamperedStream{s}, nil
}

// tamperingOneClient tampers with one blob only, the one of hash.
type tamperingOneClient struct {
	cohortv1.CoordinatorClient
	hash common.Hash
}

func (c tamperingOneClient) GetBlob(ctx context.Context, in *cohortv1.BlobRequest, opts ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.BlobChunk], error) {
	if common.BytesToHash(in.Hash) != c.hash {
		return c.CoordinatorClient.GetBlob(ctx, in, opts...)
	}
	return tamperingClient{c.CoordinatorClient}.GetBlob(ctx, in, opts...)
}

type tamperedStream struct {
	grpc.ServerStreamingClient[cohortv1.BlobChunk]
}

func (s tamperedStream) Recv() (*cohortv1.BlobChunk, error) {
	c, err := s.ServerStreamingClient.Recv()
	if err == nil && len(c.Data) > 0 {
		c.Data = append([]byte(nil), c.Data...)
		c.Data[len(c.Data)-1] ^= 1
	}
	return c, err
}

func TestCLIUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"help lists commands", []string{"help"}, 0, "demo"},
		{"no arguments prints help", nil, 0, "model"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad flag", []string{"demo", "--hospitals", "many"}, 2, "invalid value"},
		{"zero hospitals", []string{"demo", "--hospitals", "0"}, 2, "at least 1"},
		{"stray argument", []string{"demo", "extra"}, 2, "unexpected arguments"},
		{"model without get", []string{"model"}, 2, "model get"},
		{"model get without flags", []string{"model", "get"}, 2, "is required"},
		{"model get averaging no rounds", []string{"model", "get", "--study", "1", "--average-last", "0", "--out", "x", "--eth-rpc", "http://127.0.0.1:1", "--contract", "0x0000000000000000000000000000000000000001", "--coordinator", "127.0.0.1:1", "--ca", "a", "--cert", "b", "--key", "c"}, 2, "--average-last is 0"},
		{"model get with a bad contract", []string{"model", "get", "--study", "1", "--out", "x", "--eth-rpc", "http://127.0.0.1:1", "--contract", "nope", "--coordinator", "127.0.0.1:1", "--ca", "a", "--cert", "b", "--key", "c"}, 2, "0x-prefixed address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tt.args, &out, &errOut)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, out.String()+errOut.String(), tt.out)
		})
	}
}

// TestCountedPluralises: counts in the commands' output read "1
// transaction", "2 transactions", "0 records", where they read "1
// transactions".
func TestCountedPluralises(t *testing.T) {
	for _, tt := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "record", "0 records"},
		{1, "transaction", "1 transaction"},
		{2, "transaction", "2 transactions"},
		{1, "consent change", "1 consent change"},
		{3, "consent change", "3 consent changes"},
	} {
		assert.Equal(t, tt.want, counted(tt.n, tt.noun))
	}
}
