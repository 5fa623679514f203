package coordinator

import (
	"context"
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A coordinator restarted on its address while another socket still holds
// the port comes up once the port is free: the port is held until Listen
// has been refused for it, then let go, and Listen returns a listener on
// that very address that accepts a connection. Binding once failed the
// restart (TestE2EProcesses, the simulation's coordinator restart).
func TestListenWaitsForItsAddressToBeFree(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := held.Addr().String()
	refused := 0
	lis, err := Listen(t.Context(), addr, RestartListenWait, func(err error) {
		refused++
		assert.ErrorIs(t, err, syscall.EADDRINUSE)
		require.NoError(t, held.Close())
	})
	require.NoError(t, err)
	defer lis.Close()
	assert.Equal(t, 1, refused, "the port was in use when Listen first tried it")
	assert.Equal(t, addr, lis.Addr().String())

	accepted := make(chan error, 1)
	go func() {
		conn, err := lis.Accept()
		if err == nil {
			err = conn.Close()
		}
		accepted <- err
	}()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	require.NoError(t, <-accepted)
}

// A port still in use when the wait ends is an error naming the address
// and what to do; a stop during the wait ends it at once.
func TestListenGivesUpOnAnAddressStillInUse(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer held.Close()
	addr := held.Addr().String()

	_, err = Listen(t.Context(), addr, 0, nil)
	require.ErrorIs(t, err, syscall.EADDRINUSE)
	assert.ErrorContains(t, err, addr)
	assert.ErrorContains(t, err, "another process holds the port")
	assert.ErrorContains(t, err, "give the coordinator another listen address and its hospitals the new coordinator address")

	ctx, stop := context.WithCancel(t.Context())
	_, err = Listen(ctx, addr, RestartListenWait, func(error) { stop() })
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorContains(t, err, "waiting for the address to be free")
}
