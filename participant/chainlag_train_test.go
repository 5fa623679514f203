package participant

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// trainingClient is a coordinator that serves the fixture's blobs and
// takes uploads.
type trainingClient struct {
	*blobClient
	uploads *flakyUploads
}

func (c *trainingClient) UploadStatus(ctx context.Context, in *cohortv1.UploadStatusRequest, opts ...grpc.CallOption) (*cohortv1.UploadStatusReply, error) {
	return c.uploads.UploadStatus(ctx, in, opts...)
}

func (c *trainingClient) UploadUpdate(ctx context.Context, opts ...grpc.CallOption) (grpc.ClientStreamingClient[cohortv1.UpdateChunk, cohortv1.UploadReceipt], error) {
	return c.uploads.UploadUpdate(ctx, opts...)
}

// laggingTrainer is laggingHolder made ready to train: the study's model,
// a few consented records of its own and a coordinator that takes its
// upload.
func (f *trustFixture) laggingTrainer(t *testing.T, behind uint64) (*Participant, *trainingClient, func(uint64), logSignal) {
	t.Helper()
	p, lag, waiting := f.laggingHolder(t, f.chain, behind)
	m, err := models.New(f.spec, 1)
	require.NoError(t, err)
	p.model, p.standardisation, p.pkHash = m, records.StandardiseNone, f.pk.Hash()
	p.training = models.TrainConfig{Epochs: 1, BatchSize: 4, LearningRate: 0.1, Optimizer: models.OptimizerSGD, Seed: 1}
	site := records.Site{Name: "h2", Consent: map[string]bool{}}
	for i := range 12 {
		x := make([]float64, f.spec.Features)
		for j := range x {
			x[j] = math.Cos(float64(i*f.spec.Features + j))
		}
		id := string(rune('a' + i))
		site.Train = append(site.Train, records.Record{ID: id, Features: x, Label: float64(i % 2)})
		site.Consent[id] = true
	}
	p.cfg.Site, p.consentSource = site, ConsentLocal
	client := &trainingClient{blobClient: f.client, uploads: &flakyUploads{}}
	p.client = client
	return p, client, lag.Set, waiting
}

// A train task for a round this hospital's lagging node does not see open
// yet is covered by the same wait as the decrypt task: sent without a
// block it fails (the node's chain has no such round); sent at
// the block that opened the round, the node waits until its node has that
// block, then trains, commits and uploads.
func TestLaggingTrainerWaitsForTheOpenRound(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	global := crypto.Keccak256Hash(models.EncodeParams(f.global))
	opened, err := f.ledger.OpenRound(ctx, f.coord, f.study, 1, global, time.Now().Add(time.Hour))
	require.NoError(t, err)
	hash, err := f.ledger.BlockHash(ctx, opened.Block)
	require.NoError(t, err)
	p, client, setLag, waiting := f.laggingTrainer(t, 1)
	train := &cohortv1.TrainTask{StudyId: f.study, Round: 1, GlobalModelHash: global.Bytes(), PublicKeyHash: f.pk.Hash().Bytes(), Standardisation: string(records.StandardiseNone)}

	err = p.handle(ctx, &cohortv1.Task{Kind: &cohortv1.Task_Train{Train: train}})
	require.ErrorIs(t, err, contracts.ErrRoundNotFound, "a task without a block is checked at once, against a chain without the round")

	done := handleAsync(ctx, p, &cohortv1.Task{Kind: &cohortv1.Task_Train{Train: train}, ChainBlock: opened.Block, ChainBlockHash: hash.Bytes()})
	select {
	case <-waiting.seen:
	case err := <-done:
		t.Fatalf("the trainer did not wait for block %d: %v", opened.Block, err)
	case <-ctx.Done():
		t.Fatal("the trainer neither waited nor answered")
	}
	setLag(0)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-ctx.Done():
		t.Fatal("the trainer did not answer once its node caught up")
	}
	require.Equal(t, 1, client.uploads.attempts, "the update, uploaded once")
	c, err := f.ledger.Commitment(ctx, f.study, 1, p.Address())
	require.NoError(t, err)
	require.Equal(t, uint64(12), c.Samples)
	require.Equal(t, aggregation.ContentHash(client.uploads.received), c.CiphertextHash, "the upload is what it committed")
}
