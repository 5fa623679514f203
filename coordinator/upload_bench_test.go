package coordinator

import (
	"context"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/rawstream"
	"github.com/cohort-fl/cohort/contracts"
)

// BenchmarkUpload times one hospital's upload of a real encrypted update
// through the coordinator's UploadUpdate (a first attempt: signed header,
// the commitment read on chain, the bytes streamed to the store, decoded,
// checked and chunk-hashed as they arrive, written to disk), against a raw
// gRPC stream of the same bytes to the same server over the same
// mutual-TLS connection, and reports their throughputs and the ratio of
// their times (upload/raw-time; the target is at most 2).
//
// link=loopback sends as fast as the loopback takes it: sender and server
// share the machine's cores, so the ratio is the upload path's CPU cost
// (SHA-256 over every byte, to check the chunk root the sender signed,
// is most of it). link=1Gbps and link=10Gbps pace the hospital's side of
// the connection to a network link's rate, as between a hospital and a
// coordinator, where the work done as bytes arrive hides behind the link.
//
// upload-cpu-ms and raw-cpu-ms are the CPU time the process (both ends:
// the hospital and the coordinator) used per upload and per raw stream,
// which another process's load on a shared machine hardly moves, unlike
// the times.
func BenchmarkUpload(b *testing.B) {
	for _, params := range []int{100_000, 1_000_000} {
		// The deployed parameters (N = 2^14, moduli of 48, 48 and 30 bits),
		// not the tests' smaller ones: the bytes per value differ.
		f := newFixtureWith(b, aggregation.DefaultConfig(), func(srv *grpc.Server) { srv.RegisterService(rawstream.ServiceDesc(), struct{}{}) })
		h := f.hospitals[0]
		f.coord.numParams = params
		// One certificate uploads again and again: the benchmark times the
		// upload path, not the per-certificate limit, which refused the
		// 51st header of -benchtime 20x.
		f.coord.cfg.CallerLimit = CallerLimit{PerSecond: 1e6, Burst: 1 << 20}
		var want []common.Address
		for _, h := range f.hospitals {
			want = append(want, h.addr())
		}
		f.install(newTrainStep(f.studyID, &cohortv1.TrainTask{StudyId: f.studyID, Round: 1}, want, 64<<20, params, f.coord.summer, contracts.CommitDomain{}))
		v, err := f.scheme.Encrypt(h.sk, f.pk.Hash(), aggregation.TrainContext(f.studyID, 1), make([]float64, params))
		require.NoError(b, err)
		data, err := v.MarshalBinary()
		require.NoError(b, err)
		hash := aggregation.ContentHash(data)
		f.commit(b, h, data)

		for _, link := range []struct {
			name        string
			bytesPerSec float64 // 0: unpaced
		}{{"loopback", 0}, {"10Gbps", 10e9 / 8}, {"1Gbps", 1e9 / 8}} {
			sender := h
			if link.bytesPerSec > 0 {
				sender = f.pacedHospital(b, h, link.bytesPerSec)
			}
			b.Run(fmt.Sprintf("params=%d/link=%s", params, link.name), func(b *testing.B) {
				// Alternate the two so that both see the same load on a
				// shared machine.
				var uploadTime, rawTime, uploadCPU, rawCPU time.Duration
				for b.Loop() {
					b.StopTimer()
					f.forgetUpload(h.addr(), hash)
					b.StartTimer()
					c0, t0 := processCPU(), time.Now()
					require.NoError(b, upload(f.ctx, sender, sender.key, f.studyID, 1, hash, uint64(len(data)), data, BlobChunkSize))
					c1, t1 := processCPU(), time.Now()
					require.NoError(b, rawstream.Upload(f.ctx, sender.conn, data, BlobChunkSize))
					uploadTime, rawTime = uploadTime+t1.Sub(t0), rawTime+time.Since(t1)
					uploadCPU, rawCPU = uploadCPU+c1-c0, rawCPU+processCPU()-c1
				}
				mb := float64(b.N*len(data)) / 1e6
				b.ReportMetric(mb/uploadTime.Seconds(), "upload-MB/s")
				b.ReportMetric(mb/rawTime.Seconds(), "raw-MB/s")
				b.ReportMetric(uploadTime.Seconds()/rawTime.Seconds(), "upload/raw-time")
				b.ReportMetric(float64(uploadCPU.Microseconds())/1e3/float64(b.N), "upload-cpu-ms")
				b.ReportMetric(float64(rawCPU.Microseconds())/1e3/float64(b.N), "raw-cpu-ms")
			})
		}
	}
}

// pacedHospital is h with a connection of its own to the coordinator whose
// writes are paced to bytesPerSec, as over a network link of that rate.
func (f *fixture) pacedHospital(tb testing.TB, h *hospital, bytesPerSec float64) *hospital {
	const burst = 256 << 10
	dial := func(ctx context.Context, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		if err != nil {
			return nil, err
		}
		return &pacedConn{Conn: c, limit: rate.NewLimiter(rate.Limit(bytesPerSec), burst), burst: burst}, nil
	}
	conn, err := grpc.NewClient(f.listen, grpc.WithContextDialer(dial),
		grpc.WithTransportCredentials(credentials.NewTLS(auth.ClientConfig(h.cert, f.ca.Pool(), "127.0.0.1", f.coordAcct.Address()))))
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = conn.Close() })
	paced := *h
	paced.client, paced.conn = cohortv1.NewCoordinatorClient(conn), conn
	return &paced
}

// pacedConn is a net.Conn whose writes go out no faster than its limiter
// allows.
type pacedConn struct {
	net.Conn
	limit *rate.Limiter
	burst int
}

func (c *pacedConn) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		n := min(len(p), c.burst)
		if err := c.limit.WaitN(context.Background(), n); err != nil {
			return written, err
		}
		m, err := c.Conn.Write(p[:n])
		written += m
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}

// forgetUpload makes the coordinator take addr's round-1 update afresh.
func (f *fixture) forgetUpload(addr common.Address, hash common.Hash) {
	f.coord.mu.Lock()
	delete(f.coord.current.collecting().got, addr)
	f.coord.mu.Unlock()
	_ = os.Remove(f.coord.store.path(hash))
}
