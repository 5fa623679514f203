package coordinator

import (
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// countChainReads makes the fixture's coordinator read the chain through a
// view at its head that counts the reads (contracts.Lag.Reads).
func (f *fixture) countChainReads(t *testing.T) (*contracts.Chain, *contracts.Lag) {
	t.Helper()
	view, lag, err := f.chain.Lagging(0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	counted, err := contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)
	f.coord.ledger = counted
	return view, lag
}

// A consortium certificate holder floods GetBlob and OpenChunks with
// unsigned requests for hashes the study never published. Before, each
// cost the coordinator a read of the study and of its open round, one
// caller at a time, so the flood's reads grew with it and an honest
// unsigned read of a newly published model queued behind them. Now the
// published set is read again only once the chain has a new block: the
// flood costs no chain read while the chain stands still, and a model the
// chain records after it is served at its next block.
func TestUnpublishedBlobFloodCostsNoChainReads(t *testing.T) {
	f := newFixture(t)
	outsider := f.admitOutsider(t)
	view, lag := f.countChainReads(t)
	unknown := func(i int) common.Hash { return crypto.Keccak256Hash([]byte{byte(i), byte(i >> 8), 'x'}) }

	// The first look reads the chain once for the published set.
	_, err := readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: unknown(0).Bytes(), StudyId: f.studyID})
	require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
	before := lag.Reads()
	const flood = 100
	for i := 1; i <= flood; i++ {
		_, err := readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: unknown(i).Bytes(), StudyId: f.studyID})
		require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
		require.Contains(t, err.Error(), "not published")
		_, err = openChunks(f, outsider.client, &cohortv1.ChunkRequest{Hashes: [][]byte{unknown(i).Bytes()}, Chunks: []uint32{0}, StudyId: f.studyID})
		require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
	}
	assert.Zero(t, lag.Reads()-before, "chain reads caused by %d unsigned requests for unpublished blobs while the chain stood still", 2*flood)

	// A model the chain records after the flood is served once the
	// coordinator's node has its block.
	model, err := f.coord.store.Put([]byte("round 2's global model"))
	require.NoError(t, err)
	moved := view.NextHead()
	require.NoError(t, f.chain.AdvanceTime(2*time.Hour))
	_, err = f.ledger.AbandonRound(f.ctx, f.coordAcct, f.studyID, 1)
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coordAcct, f.studyID, 2, model, time.Now().Add(4*time.Hour))
	require.NoError(t, err)
	<-moved
	got, err := readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: model.Bytes(), StudyId: f.studyID})
	require.NoError(t, err, "a model recorded after the flood is published")
	assert.Equal(t, "round 2's global model", string(got))
}

// A consortium certificate holder signs each GetBlob with a fresh key, so
// that the coordinator, which serves the study's owner and participants,
// reads the chain to learn whether the signer is one. Before, every such
// request cost two chain reads, without bound. Now a certificate gets
// CallerLimit.Burst of them at once and CallerLimit.PerSecond after: the
// rest are refused with ResourceExhausted, saying what was refused and
// when to ask again, and cost no read; the same bucket holds its Joins
// and UploadStatus requests. Another certificate (a participant) is not
// held up, and the published recipe is served to anyone, unsigned.
func TestSignedReadsFromUnknownSignersAreLimitedPerCertificate(t *testing.T) {
	f := newFixture(t)
	outsider := f.admitOutsider(t)
	h2 := f.hospitals[1]
	update := f.update(t, h2)
	f.commit(t, h2, update)
	stored, err := f.coord.store.Put(update)
	require.NoError(t, err)
	recipe, err := f.coord.store.Put([]byte("spec"))
	require.NoError(t, err)
	const burst = 5
	f.coord.cfg.CallerLimit = CallerLimit{PerSecond: 1e-6, Burst: burst} // no token comes back during the test
	_, lag := f.countChainReads(t)
	_, err = readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: recipe.Bytes(), StudyId: f.studyID})
	require.NoError(t, err, "the recipe is published")

	before := lag.Reads()
	// What the first read signed by a stranger costs in chain reads, and
	// what a later one does: the reads of a block share one read of the
	// study, the published set's refresh for the unsigned read above
	// included, and each then reads its signer's standing. Before, the
	// refresh read the study on its own, and the first signed read again.
	var one, later uint64
	const flood = 40
	var limited int
	for i := range flood {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		_, err = readBlob(t, f, outsider.client, signedRead(t, key, outsider, f.studyID, stored))
		switch i {
		case 0:
			one = lag.Reads() - before
			require.Positive(t, one)
		case 1:
			later = lag.Reads() - before - one
			require.Positive(t, later)
			require.Equal(t, one, later, "the first stranger's read shares the study read of the published set's refresh, as the second does")
		}
		switch status.Code(err) {
		case codes.PermissionDenied:
		case codes.ResourceExhausted:
			limited++
			wait, ok := protocol.RetryAfter(err)
			require.True(t, ok, "the refusal says when to ask again: %v", err)
			assert.Positive(t, wait)
			assert.Contains(t, err.Error(), "caller_limit")
			assert.Contains(t, err.Error(), "ask again in")
		default:
			t.Fatalf("a read signed by a stranger: %v", err)
		}
	}
	assert.Equal(t, flood-burst, limited, "reads refused over the certificate's limit")
	assert.Equal(t, one+(burst-1)*later, lag.Reads()-before, "chain reads caused by %d reads signed by strangers (before: %d)", flood, flood*one)

	signed, err := auth.Sign(outsider.key, f.studyID, 0, auth.KindJoin, auth.JoinContent("outsider", auth.Fingerprint(outsider.cert)))
	require.NoError(t, err)
	stream, err := outsider.client.Join(f.ctx, &cohortv1.JoinRequest{StudyId: f.studyID, Name: "outsider", Auth: signed})
	require.NoError(t, err)
	_, err = stream.Recv()
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "a Join from the same certificate: %v", err)
	_, err = outsider.client.UploadStatus(f.ctx, &cohortv1.UploadStatusRequest{StudyId: f.studyID, Round: 1, ContentHash: stored.Bytes()})
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "an UploadStatus from the same certificate: %v", err)

	got, err := readBlob(t, f, h2.client, signedRead(t, h2.key, h2, f.studyID, stored))
	require.NoError(t, err, "a participant's read over its own certificate")
	assert.Equal(t, update, got)
	got, err = readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: recipe.Bytes(), StudyId: f.studyID})
	require.NoError(t, err, "the published recipe costs no chain read and is not limited")
	assert.Equal(t, "spec", string(got))
}

// A consortium certificate holder sends the coordinator a message larger
// than MaxMessageBytes: the server refuses it with ResourceExhausted,
// naming both sizes, before any handler reads it, and the connection
// serves the next call.
func TestOversizedMessageIsRefused(t *testing.T) {
	f := newFixture(t)
	outsider := f.admitOutsider(t)
	_, err := outsider.client.SubmitDecryptionShare(f.ctx, &cohortv1.DecryptionShareSubmission{StudyId: f.studyID, Round: 1, Share: make([]byte, MaxMessageBytes)})
	require.Error(t, err)
	assert.Equal(t, codes.ResourceExhausted, status.Code(err), "%v", err)
	assert.Contains(t, err.Error(), fmt.Sprint(MaxMessageBytes), "the refusal names the limit")
	_, limited := protocol.RetryAfter(err)
	assert.False(t, limited, "asking again would not help")

	recipe, err := f.coord.store.Put([]byte("spec"))
	require.NoError(t, err)
	got, err := readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: recipe.Bytes(), StudyId: f.studyID})
	require.NoError(t, err, "the connection still serves")
	assert.Equal(t, "spec", string(got))
}
