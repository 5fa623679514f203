package coordinator

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/rawstream"
	"github.com/cohort-fl/cohort/contracts"
)

// BenchmarkUpload times one hospital's upload of a real encrypted update
// through the coordinator's UploadUpdate (a first attempt: signed header,
// the commitment read on chain, the bytes streamed to the store, hash and
// ciphertext checks, a durable write), against a raw gRPC stream of the
// same bytes to the same server over the same mutual-TLS connection, and
// reports their throughputs and the ratio of their times (upload/raw-time;
// the target is at most 2).
func BenchmarkUpload(b *testing.B) {
	for _, params := range []int{100_000, 1_000_000} {
		f := newFixture(b, func(srv *grpc.Server) { srv.RegisterService(rawstream.ServiceDesc(), struct{}{}) })
		h := f.hospitals[0]
		f.coord.numParams = params
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

		b.Run(fmt.Sprint(params), func(b *testing.B) {
			// Alternate the two so that both see the same load on a shared
			// machine.
			var uploadTime, rawTime time.Duration
			for b.Loop() {
				b.StopTimer()
				f.forgetUpload(h.addr(), hash)
				b.StartTimer()
				t0 := time.Now()
				require.NoError(b, upload(f.ctx, h, h.key, f.studyID, 1, hash, uint64(len(data)), data, BlobChunkSize))
				t1 := time.Now()
				require.NoError(b, rawstream.Upload(f.ctx, h.conn, data, BlobChunkSize))
				uploadTime, rawTime = uploadTime+t1.Sub(t0), rawTime+time.Since(t1)
			}
			mb := float64(b.N*len(data)) / 1e6
			b.ReportMetric(mb/uploadTime.Seconds(), "upload-MB/s")
			b.ReportMetric(mb/rawTime.Seconds(), "raw-MB/s")
			b.ReportMetric(uploadTime.Seconds()/rawTime.Seconds(), "upload/raw-time")
		})
	}
}

// forgetUpload makes the coordinator take addr's round-1 update afresh.
func (f *fixture) forgetUpload(addr common.Address, hash common.Hash) {
	f.coord.mu.Lock()
	delete(f.coord.current.collecting().got, addr)
	f.coord.mu.Unlock()
	_ = os.Remove(f.coord.store.path(hash))
}
