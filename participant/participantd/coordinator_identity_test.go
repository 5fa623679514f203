package participantd

import (
	"context"
	"crypto/tls"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// TestNodeRefusesAHospitalPosingAsTheCoordinator: hospital-2 redirects
// hospital-1's traffic (by DNS, or on the same network) and serves the
// coordinator's gRPC endpoint with a certificate from the consortium's
// `cohort certs`. Hospital-1's node, which knows the study's coordinator
// by the address the chain records, refuses the handshake: hospital-2's
// own certificate is a client's only, and a server certificate naming
// hospital-2's address is refused naming both addresses. The coordinator's
// certificate, naming the study's coordinator, is accepted. (Before,
// every institution's certificate served for the same hosts, and the
// node accepted hospital-2's on the CA's word.)
func TestNodeRefusesAHospitalPosingAsTheCoordinator(t *testing.T) {
	coordinatorAddr := common.HexToAddress("0xC0000000000000000000000000000000000000c0")
	hospital2 := common.HexToAddress("0x2222222222222222222222222222222222222222")
	dir := t.TempDir()
	rep, err := auth.IssueCertFiles(dir, []auth.Institution{
		{Name: "coordinator", Address: coordinatorAddr, Server: true},
		{Name: "hospital-1", Address: common.HexToAddress("0x1111111111111111111111111111111111111111")},
		{Name: "hospital-2", Address: hospital2},
	}, []string{"127.0.0.1"}, false)
	require.NoError(t, err)
	// The CA's operator issuing hospital-2 a server certificate by mistake.
	_, err = auth.IssueCertFiles(dir, []auth.Institution{{Name: "hospital-2-server", Address: hospital2, Server: true}}, []string{"127.0.0.1"}, false)
	require.NoError(t, err)
	load := func(name string) tls.Certificate {
		cert, err := tls.LoadX509KeyPair(filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key"))
		require.NoError(t, err)
		return cert
	}
	caPEM, err := os.ReadFile(rep.CA)
	require.NoError(t, err)
	pool, err := auth.PoolFromPEM(caPEM)
	require.NoError(t, err)

	// callServedBy serves the coordinator's endpoint with the named
	// institution's certificate (no service behind it) and returns the
	// error of hospital-1's node's first call.
	callServedBy := func(name string) error {
		lis, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		srv := grpc.NewServer(grpc.Creds(credentials.NewTLS(auth.ServerConfig(load(name), pool))))
		go func() { _ = srv.Serve(lis) }()
		defer srv.Stop()
		conn, err := dialCoordinator(lis.Addr().String(), load("hospital-1"), pool, coordinatorAddr)
		require.NoError(t, err)
		defer conn.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err = cohortv1.NewCoordinatorClient(conn).UploadStatus(ctx, &cohortv1.UploadStatusRequest{})
		return err
	}

	// Unimplemented would mean the handshake passed and the impostor
	// answered; Unavailable is the node refusing the connection.
	err = callServedBy("hospital-2")
	require.Equal(t, codes.Unavailable, status.Code(err), "hospital-2's certificate accepted as the coordinator's: %v", err)
	require.ErrorContains(t, err, "failed to verify certificate")

	err = callServedBy("hospital-2-server")
	require.Equal(t, codes.Unavailable, status.Code(err), "hospital-2's server certificate accepted as the coordinator's: %v", err)
	require.ErrorContains(t, err, "names "+hospital2.Hex()+", but the study's coordinator on chain is "+coordinatorAddr.Hex())

	err = callServedBy("coordinator")
	require.Equal(t, codes.Unimplemented, status.Code(err), "the study's coordinator refused: %v", err)
}
