package participant

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/records"
)

// declineClient is the trust fixture's coordinator sending tasks on a
// stream, keeping the declines it is sent; answer, if set, is how it
// answers a decryption share instead of taking it.
type declineClient struct {
	*blobClient
	tasks    []*cohortv1.Task
	answer   error
	answers  int // decryption shares sent
	declines []*cohortv1.TaskDecline
}

func (c *declineClient) Join(context.Context, *cohortv1.JoinRequest, ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.Task], error) {
	return &taskStream{tasks: c.tasks}, nil
}

func (c *declineClient) SubmitDecryptionShare(ctx context.Context, in *cohortv1.DecryptionShareSubmission, opts ...grpc.CallOption) (*cohortv1.Ack, error) {
	c.answers++
	if c.answer != nil {
		return nil, c.answer
	}
	return c.blobClient.SubmitDecryptionShare(ctx, in, opts...)
}

func (c *declineClient) DeclineTask(_ context.Context, in *cohortv1.TaskDecline, _ ...grpc.CallOption) (*cohortv1.Ack, error) {
	c.declines = append(c.declines, in)
	return &cohortv1.Ack{}, nil
}

// A holder whose node stays behind the coordinator's block refuses its
// decrypt task and declines it, signed, naming the cause, so that the
// coordinator asks another set at once; an answer the coordinator refused
// as superseded is declined to no one.
func TestRefusedTaskIsDeclined(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	tr := f.openRound(t, 1)
	decrypt := f.record(t, tr, tr.weights, tr.evidence)
	head, err := f.ledger.BlockNumber(ctx)
	require.NoError(t, err)

	t.Run("its node stays behind", func(t *testing.T) {
		p, _, _ := f.laggingHolder(t, f.chain, 2)
		p.cfg.ChainCatchUp = 50 * time.Millisecond
		client := &declineClient{blobClient: f.client, tasks: []*cohortv1.Task{{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: head}}}
		p.client = client
		_, _, err := p.session(ctx)
		require.ErrorIs(t, err, errStreamEnded, "the node went on after the task")
		require.Len(t, client.declines, 1)
		d := client.declines[0]
		assert.Equal(t, f.study, d.GetStudyId())
		assert.Equal(t, uint32(1), d.GetRound())
		assert.Equal(t, string(protocol.Decrypt), d.GetPhase())
		assert.Contains(t, d.GetReason(), ErrChainBehind.Error())
		assert.Contains(t, d.GetReason(), fmt.Sprintf("decrypt task at block %d", head))
		signer, err := auth.Verify(d.GetAuth(), f.study, 1, auth.KindDecline, auth.DeclineContent(d.GetPhase(), d.GetReason()))
		require.NoError(t, err)
		assert.Equal(t, p.Address(), signer)
	})
	t.Run("its answer was superseded", func(t *testing.T) {
		p := f.participant()
		client := &declineClient{blobClient: f.client, tasks: []*cohortv1.Task{{Kind: &cohortv1.Task_Decrypt{Decrypt: decrypt}, ChainBlock: head}},
			answer: status.Error(codes.FailedPrecondition, "coordinator: not expected now: got a decrypt-share for round 1 while collecting decrypt-shares for round 1")}
		p.client = client
		_, _, err := p.session(ctx)
		require.ErrorIs(t, err, errStreamEnded)
		require.Equal(t, 1, client.answers, "the node answered")
		assert.Empty(t, client.declines, "the coordinator moved on: it waits for no answer")
	})
}

// Only a task that failed is declined: not one whose node stops, nor an
// answer the coordinator refused as superseded or already taken, nor one
// that failed for want of the coordinator.
func TestWhichFailuresAreDeclined(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		err     error
		decline bool
	}{
		{"refused", ctx, fmt.Errorf("participant: decrypt: %w", ErrChainMismatch), true},
		{"its chain behind", ctx, fmt.Errorf("participant h2: %w", ErrChainBehind), true},
		{"its answer refused as malformed", ctx, status.Error(codes.InvalidArgument, "coordinator: malformed message"), true},
		{"the node stops", cancelled, errors.New("reading the chain: context canceled"), false},
		{"another standardisation", ctx, fmt.Errorf("x: %w", ErrStandardisation), false},
		{"superseded", ctx, fmt.Errorf("participant: send decrypt share: %w", status.Error(codes.FailedPrecondition, "coordinator: not expected now")), false},
		{"already answered", ctx, status.Error(codes.AlreadyExists, "coordinator: already received"), false},
		{"the coordinator went away", ctx, fmt.Errorf("participant: send decrypt share: %w", status.Error(codes.Unavailable, "error reading from server: EOF")), false},
		{"the coordinator did not answer in time", ctx, status.Error(codes.DeadlineExceeded, "context deadline exceeded"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.decline, declines(tt.ctx, tt.err))
		})
	}
}

// A decline's reason is the error's text within the bound, except for an
// error about the site's records, whose details stay at the site.
func TestDeclineReasonKeepsRecordsAtTheSite(t *testing.T) {
	err := fmt.Errorf("participant h2: moments: %w: feature 3 of record patient-0042 is +Inf", records.ErrMoments)
	reason := declineReason(err)
	assert.NotContains(t, reason, "patient-0042")
	assert.Contains(t, reason, records.ErrMoments.Error())

	long := fmt.Errorf("participant h2: %w: %s", ErrChainMismatch, string(make([]byte, 2*protocol.MaxDeclineReason)))
	assert.LessOrEqual(t, len(declineReason(long)), protocol.MaxDeclineReason)
	assert.Contains(t, declineReason(fmt.Errorf("x: %w", ErrChainBehind)), ErrChainBehind.Error())
}
