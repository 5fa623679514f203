package participant

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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

// A decline's reason keeps the error's meaning but not the hospital's
// local paths: the data directory, the keystore, record files (an
// *os.PathError names them), relative ones among this node's own, and any
// absolute path, each becomes localPathMark; the full text stays in the
// node's log. An error without a path keeps its text.
func TestDeclineReasonHidesLocalPaths(t *testing.T) {
	dataDir := t.TempDir()
	_, notKept := os.ReadFile(filepath.Join(dataDir, "updates", "0xabc"))
	var pathErr *os.PathError
	require.ErrorAs(t, notKept, &pathErr)
	tests := []struct {
		name   string
		err    error
		local  []string
		hidden []string // must not leave the site
		want   string   // the reason, when given
	}{
		{"a file of the data directory", fmt.Errorf("participant h2: committed update 0xabc: %w", notKept), []string{dataDir}, []string{dataDir},
			"participant h2: committed update 0xabc: open <local path>: no such file or directory"},
		{"any absolute path", fmt.Errorf("participant h2: committed update 0xabc: %w", notKept), nil, []string{dataDir},
			"participant h2: committed update 0xabc: open <local path>: no such file or directory"},
		{"the keystore, quoted", fmt.Errorf("participant h2: keep threshold-share in the keystore: participant: keystore: %q is not a directory", "/srv/cohort/keystore"), nil,
			[]string{"/srv/cohort"}, `participant h2: keep threshold-share in the keystore: participant: keystore: "<local path>" is not a directory`},
		{"a relative keystore of this node", errors.New("participant: keystore: create keys/h2: permission denied"), []string{"keys/h2"}, []string{"keys/h2"},
			"participant: keystore: create <local path>: permission denied"},
		{"a relative data directory of one name", errors.New("participant h2: keep rounds/1.json: open hdata/rounds/1.json.tmp: no space left on device; no hdata kept"), []string{"hdata"}, []string{"hdata/"},
			"participant h2: keep rounds/1.json: open <local path>: no space left on device; no hdata kept"},
		{"records on a Windows drive", errors.New(`records: open C:\Hospital\records\icu.csv: access denied`), nil, []string{`C:\Hospital`},
			"records: open <local path>: access denied"},
		{"a home directory", errors.New("read schema ~/cohort/schema.json: EOF"), nil, []string{"~/cohort"},
			"read schema <local path>: EOF"},
		{"a gRPC method name among paths", errors.New("participant h2: /cohort.v1.Coordinator/SubmitDecryptionShare: keep share in /var/lib/cohort/keys: denied; /cohort.v1.Coordinator/Join, (/home/x/data.csv)"), nil,
			[]string{"/var/lib", "/home/x"},
			"participant h2: /cohort.v1.Coordinator/SubmitDecryptionShare: keep share in <local path>: denied; /cohort.v1.Coordinator/Join, (<local path>)"},
		// Only the methods of the services the repository defines are kept:
		// a path of the same shape, or another service's method, is hidden.
		{"a path shaped like a gRPC method name", errors.New("keystore: open /srv.Data/Keys: denied; /grpc.health.v1.Health/Check; /cohort.v1.Coordinator/Keys"), nil,
			[]string{"/srv.Data", "Health", "Coordinator/Keys"},
			"keystore: open <local path>: denied; <local path>; <local path>"},
		{"an error without a path", fmt.Errorf("participant h2: %w: the coordinator sent this decrypt task at block 12, weights 3/4, from https://coordinator.example:7443/cohort", ErrChainBehind), []string{dataDir}, nil,
			fmt.Sprintf("participant h2: %v: the coordinator sent this decrypt task at block 12, weights 3/4, from https://coordinator.example:7443/cohort", ErrChainBehind)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reason := declineReason(tt.err, tt.local...)
			for _, h := range tt.hidden {
				assert.NotContains(t, reason, h)
			}
			assert.Equal(t, tt.want, reason)
		})
	}

	long := fmt.Errorf("x: %s: open %s/records.csv: denied", strings.Repeat("y", protocol.MaxDeclineReason-20), dataDir)
	reason := declineReason(long)
	assert.LessOrEqual(t, len(reason), protocol.MaxDeclineReason)
	assert.NotContains(t, reason, dataDir[:8], "a path at the bound is hidden too")
}

// The node declines a task with its own configured paths hidden, relative
// ones too.
func TestDeclineHidesThisNodesPaths(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client := &declineClient{}
	p := &Participant{
		cfg:    Config{Name: "h2", StudyID: 7, DataDir: "hospital-data", Keystore: &Keystore{dir: "vault/h2"}},
		client: client, log: slog.New(slog.DiscardHandler),
		steps: steps{key: mustKey(t)},
	}
	task := &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: &cohortv1.DecryptTask{Round: 2}}}
	p.declineTask(ctx, task, errors.New("keep hospital-data/decrypted/2.json: rename hospital-data/decrypted/.tmp: read-only file system; keep share in vault/h2: full"))
	require.Len(t, client.declines, 1)
	assert.Equal(t, "keep <local path>: rename <local path>: read-only file system; keep share in <local path>: full", client.declines[0].GetReason())
}
