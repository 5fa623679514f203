package participant

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// flakyUploads is a coordinator whose first uploads fail with the given
// codes (a restart under way, a resume offset that moved), then accepts.
type flakyUploads struct {
	cohortv1.CoordinatorClient
	failures []codes.Code
	attempts int
	received []byte
	held     uint64   // what UploadStatus says arrived
	offsets  []uint64 // each attempt's resume offset
}

func (f *flakyUploads) UploadStatus(context.Context, *cohortv1.UploadStatusRequest, ...grpc.CallOption) (*cohortv1.UploadStatusReply, error) {
	return &cohortv1.UploadStatusReply{Received: f.held}, nil
}

func (f *flakyUploads) UploadUpdate(context.Context, ...grpc.CallOption) (grpc.ClientStreamingClient[cohortv1.UpdateChunk, cohortv1.UploadReceipt], error) {
	f.attempts++
	return &flakyStream{f: f}, nil
}

type flakyStream struct {
	grpc.ClientStream
	f    *flakyUploads
	data []byte
	hash []byte
}

func (s *flakyStream) Send(c *cohortv1.UpdateChunk) error {
	if h := c.GetHeader(); h != nil {
		s.hash = h.GetContentHash()
		s.f.offsets = append(s.f.offsets, h.GetOffset())
	}
	s.data = append(s.data, c.GetData()...)
	return nil
}

func (s *flakyStream) CloseAndRecv() (*cohortv1.UploadReceipt, error) {
	if s.f.attempts <= len(s.f.failures) {
		if code := s.f.failures[s.f.attempts-1]; code != overRate {
			return nil, status.Error(code, "coordinator: not now")
		}
		return nil, protocol.RateLimited("coordinator: an upload refused: over caller_limit; ask again in 1ms", time.Millisecond)
	}
	s.f.received = append(s.f.received, s.data...)
	return &cohortv1.UploadReceipt{ContentHash: s.hash, Size: uint64(len(s.data))}, nil
}

// overRate stands, in flakyUploads' failures, for the coordinator's
// refusal of a certificate over its rate (protocol.RateLimited).
const overRate = codes.Code(1000)

// TestUploadTriesAgainAfterAnInterruption: an upload that a coordinator
// restart interrupted, or that the coordinator refused as over this
// certificate's rate, is tried again until it lands, within a bound; an
// upload the coordinator refuses for cause (too large included) is not.
func TestUploadTriesAgainAfterAnInterruption(t *testing.T) {
	sealed := []byte("a sealed update")
	content := aggregation.ContentHash(sealed)
	for _, tc := range []struct {
		name         string
		failures     []codes.Code
		wantAttempts int
		wantErr      codes.Code
	}{
		{"restart, then the round reopens", []codes.Code{codes.Unavailable, codes.FailedPrecondition, codes.Aborted}, 4, codes.OK},
		{"never back", []codes.Code{codes.Unavailable, codes.Unavailable, codes.Unavailable, codes.Unavailable, codes.Unavailable, codes.Unavailable}, uploadAttempts, codes.Unavailable},
		{"refused for cause", []codes.Code{codes.InvalidArgument}, 1, codes.InvalidArgument},
		{"over the coordinator's rate, then under it", []codes.Code{overRate, overRate}, 3, codes.OK},
		{"too large", []codes.Code{codes.ResourceExhausted}, 1, codes.ResourceExhausted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &flakyUploads{failures: tc.failures}
			p := &Participant{
				steps:  steps{name: "hospital-1", studyID: 1, key: mustKey(t)},
				cfg:    Config{Name: "hospital-1", StudyID: 1, RetryBase: time.Millisecond},
				client: f, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			}
			err := p.upload(context.Background(), 2, content, sealed, nil)
			assert.Equal(t, tc.wantErr, status.Code(err), "%v", err)
			assert.Equal(t, tc.wantAttempts, f.attempts)
			if tc.wantErr == codes.OK {
				require.NoError(t, err)
				assert.Equal(t, sealed, f.received)
				assert.Equal(t, content, common.BytesToHash(crypto.Keccak256(f.received)))
			}
		})
	}
}

// TestUploadResumesAtItsEnd: a coordinator that stopped after every byte
// of an upload reached it, before it was accepted, holds all of it; the
// node resumes at the end with no data, rather than at byte 0, which the
// coordinator refuses at every attempt.
func TestUploadResumesAtItsEnd(t *testing.T) {
	sealed := []byte("a sealed update")
	f := &flakyUploads{failures: []codes.Code{codes.Unavailable}, held: uint64(len(sealed))}
	p := &Participant{
		steps:  steps{name: "hospital-1", studyID: 1, key: mustKey(t)},
		cfg:    Config{Name: "hospital-1", StudyID: 1, RetryBase: time.Millisecond},
		client: f, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	require.NoError(t, p.upload(context.Background(), 2, aggregation.ContentHash(sealed), sealed, nil))
	assert.Equal(t, []uint64{0, uint64(len(sealed))}, f.offsets)
	assert.Empty(t, f.received, "nothing sent again")
}

// An upload cut off in a round that is then abandoned on chain (its
// coordinator died and the round was given up) is not tried again: the
// node learns from the chain, at the first retry, that no coordinator will
// take it, says so, and is back on the task stream for the next round at
// once rather than after every attempt, with no failed task to report. An
// upload of a round still open is tried as before.
func TestUploadOfAnAbandonedRoundIsNotTriedAgain(t *testing.T) {
	f := newConsentChain(t)
	f.openRound(t, 1)
	sealed := []byte("a sealed update")
	never := []codes.Code{codes.Unavailable, codes.Unavailable, codes.Unavailable, codes.Unavailable, codes.Unavailable, codes.Unavailable}
	upload := func() (*flakyUploads, error) {
		u := &flakyUploads{failures: never}
		p := &Participant{
			steps:  steps{name: "hospital-1", studyID: f.studyID, key: mustKey(t)},
			cfg:    Config{Name: "hospital-1", StudyID: f.studyID, RetryBase: time.Millisecond},
			client: u, ledger: f.ledger, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		}
		return u, p.upload(f.ctx, 1, aggregation.ContentHash(sealed), sealed, nil)
	}
	u, err := upload()
	assert.Equal(t, codes.Unavailable, status.Code(err), "%v", err)
	assert.Equal(t, uploadAttempts, u.attempts, "round open: tried again")
	assert.NotErrorIs(t, err, ErrRoundEnded)

	require.NoError(t, f.chain.AdvanceTime(91*24*time.Hour))
	_, err = f.ledger.AbandonRound(f.ctx, f.coord, f.studyID, 1)
	require.NoError(t, err)
	u, err = upload()
	require.ErrorIs(t, err, ErrRoundEnded)
	assert.ErrorContains(t, err, "round 1 was abandoned on chain")
	assert.Equal(t, 1, u.attempts, "not tried again")
	assert.False(t, (&Participant{cfg: Config{StopOnTaskError: true}}).stopsOn(context.Background(), err), "superseded, not failed")
}
