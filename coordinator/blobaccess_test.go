package coordinator

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// admitOutsider makes the fixture's stranger a consortium member (its
// certificate registered on chain) that has not joined the study: what
// any hospital of the consortium is to a study it is not in.
func (f *fixture) admitOutsider(t *testing.T) *hospital {
	t.Helper()
	out := f.stranger
	id, _, err := f.ledger.ProposeAdmission(f.ctx, f.hospitals[0].account, contracts.Member{Address: out.addr(), Name: "outsider", TLSFingerprint: auth.Fingerprint(out.cert)})
	require.NoError(t, err)
	for _, h := range f.hospitals[1:] {
		if ok, _ := f.ledger.IsMember(f.ctx, out.addr()); ok {
			break
		}
		_, _, err := f.ledger.Vote(f.ctx, h.account, id)
		require.NoError(t, err)
	}
	ok, err := f.ledger.IsMember(f.ctx, out.addr())
	require.NoError(t, err)
	require.True(t, ok, "the outsider is a consortium member")
	in, err := f.ledger.IsParticipant(f.ctx, f.studyID, out.addr())
	require.NoError(t, err)
	require.False(t, in, "and not in the study")
	return out
}

// readBlob streams a GetBlob answer whole.
func readBlob(t *testing.T, f *fixture, client cohortv1.CoordinatorClient, req *cohortv1.BlobRequest) ([]byte, error) {
	t.Helper()
	stream, err := client.GetBlob(f.ctx, req)
	if err != nil {
		return nil, err
	}
	var got []byte
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return nil, err
		}
		got = append(got, chunk.GetData()...)
	}
}

// openChunks streams an OpenChunks answer whole.
func openChunks(f *fixture, client cohortv1.CoordinatorClient, req *cohortv1.ChunkRequest) ([][]byte, error) {
	stream, err := client.OpenChunks(f.ctx, req)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for {
		m, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, m.GetProof())
	}
}

// signedRead is a GetBlob request for blob of study, signed by signer over
// the certificate of via's connection.
func signedRead(t *testing.T, signer *ecdsa.PrivateKey, via *hospital, study uint64, blob common.Hash) *cohortv1.BlobRequest {
	t.Helper()
	signed, err := auth.Sign(signer, study, 0, auth.KindBlobRead, auth.BlobReadContent(blob, auth.Fingerprint(via.cert)))
	require.NoError(t, err)
	return &cohortv1.BlobRequest{Hash: blob.Bytes(), StudyId: study, Auth: signed}
}

// signedChunks is an OpenChunks request of chunk 0 of blob, signed as
// signedRead.
func signedChunks(t *testing.T, signer *ecdsa.PrivateKey, via *hospital, study uint64, blob common.Hash) *cohortv1.ChunkRequest {
	t.Helper()
	req := &cohortv1.ChunkRequest{Hashes: [][]byte{blob.Bytes()}, Chunks: []uint32{0}, StudyId: study}
	var err error
	req.Auth, err = auth.Sign(signer, study, 0, auth.KindChunkRead, auth.ChunkReadContent(req.Hashes, req.Chunks, auth.Fingerprint(via.cert)))
	require.NoError(t, err)
	return req
}

// A consortium member that is not in the study asks the coordinator for
// a participant's update ciphertext by the hash the chain records, for
// chunk proofs of it, and how much of another participant's upload is
// stored: each is refused, signed or not, while the study's participants
// and its owner read the update, and anyone in the consortium the study's
// published recipe and models. Before, any consortium certificate was
// served every blob and every upload's progress.
func TestOutsiderCannotReadTheStudysBlobs(t *testing.T) {
	f := newFixture(t)
	outsider := f.admitOutsider(t)
	h1, h2 := f.hospitals[0], f.hospitals[1]
	update := f.update(t, h1)
	f.commit(t, h1, update)
	h, err := f.coord.store.Put(update)
	require.NoError(t, err)
	// Round 1 ends (abandoned), h4 leaves the study between rounds, and
	// round 2 opens from a model the chain records.
	gone := f.hospitals[3]
	f.endRound1(t, gone)
	model, err := f.coord.store.Put([]byte("round 2's global model"))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coordAcct, f.studyID, 2, model, time.Now().Add(4*time.Hour))
	require.NoError(t, err)

	refused := []struct {
		name string
		err  func() error
		code codes.Code
		says string
	}{
		{"GetBlob of an update, unsigned", func() error {
			_, err := readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: h.Bytes(), StudyId: f.studyID})
			return err
		}, codes.PermissionDenied, "not published"},
		{"GetBlob of an update, signed by the outsider", func() error {
			_, err := readBlob(t, f, outsider.client, signedRead(t, outsider.key, outsider, f.studyID, h))
			return err
		}, codes.PermissionDenied, "neither the owner of study"},
		{"GetBlob naming another study", func() error {
			_, err := readBlob(t, f, h2.client, signedRead(t, h2.key, h2, f.studyID+1, h))
			return err
		}, codes.PermissionDenied, "serves study"},
		{"GetBlob with a participant's signature replayed over another connection", func() error {
			_, err := readBlob(t, f, outsider.client, signedRead(t, h2.key, h2, f.studyID, h))
			return err
		}, codes.Unauthenticated, "bad signature"},
		{"GetBlob with a participant's signature of another blob", func() error {
			req := signedRead(t, h2.key, h2, f.studyID, model)
			req.Hash = h.Bytes()
			_, err := readBlob(t, f, h2.client, req)
			return err
		}, codes.Unauthenticated, "bad signature"},
		{"OpenChunks of an update, unsigned", func() error {
			_, err := openChunks(f, outsider.client, &cohortv1.ChunkRequest{Hashes: [][]byte{h.Bytes()}, Chunks: []uint32{0}, StudyId: f.studyID})
			return err
		}, codes.PermissionDenied, "not published"},
		{"OpenChunks of an update, signed by the outsider", func() error {
			_, err := openChunks(f, outsider.client, signedChunks(t, outsider.key, outsider, f.studyID, h))
			return err
		}, codes.PermissionDenied, "neither the owner of study"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			require.Error(t, err)
			assert.Equal(t, tt.code, status.Code(err), "%v", err)
			assert.Contains(t, err.Error(), tt.says)
		})
	}

	for _, reader := range []struct {
		name string
		key  *ecdsa.PrivateKey
	}{{"a participant", h2.key}, {"a participant that left", gone.key}, {"the study's owner", f.researcherKey}} {
		got, err := readBlob(t, f, h2.client, signedRead(t, reader.key, h2, f.studyID, h))
		require.NoError(t, err, reader.name)
		assert.Equal(t, update, got, reader.name)
		proofs, err := openChunks(f, h2.client, signedChunks(t, reader.key, h2, f.studyID, h))
		require.NoError(t, err, reader.name)
		assert.Len(t, proofs, 1, reader.name)
	}

	// The study's recipe (its bytes hash to the spec hash the chain
	// records) and the models the chain records are published.
	recipe, err := f.coord.store.Put([]byte("spec"))
	require.NoError(t, err)
	for blob, want := range map[common.Hash]string{recipe: "spec", model: "round 2's global model"} {
		got, err := readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: blob.Bytes(), StudyId: f.studyID})
		require.NoError(t, err, "published, to any consortium certificate: %s", want)
		assert.Equal(t, want, string(got))
	}
	other, err := f.coord.store.Put([]byte("not a model the chain records"))
	require.NoError(t, err)
	_, err = readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: other.Bytes(), StudyId: f.studyID})
	assert.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
}

// UploadStatus answers an upload's sender only, about its own upload: a
// member of the study that names another's committed hash, with its own
// signature or none, and an outsider are refused; the sender is told how
// much arrived.
func TestUploadStatusAnswersOnlyTheUploader(t *testing.T) {
	f := newFixture(t)
	outsider := f.admitOutsider(t)
	h1, h2 := f.hospitals[0], f.hospitals[1]
	data := f.update(t, h2)
	f.commit(t, h2, data)
	partial := aggregation.ContentHash(data)
	require.Error(t, upload(f.ctx, h2, h2.key, f.studyID, 1, partial, uint64(len(data)), data[:len(data)/2], 1<<10), "cut short")
	n, err := f.coord.store.PartialSize(partial)
	require.NoError(t, err)
	require.Positive(t, n, "part of h2's upload is kept")

	ask := func(via *hospital, signer *ecdsa.PrivateKey) (*cohortv1.UploadStatusReply, error) {
		req := &cohortv1.UploadStatusRequest{StudyId: f.studyID, Round: 1, ContentHash: partial.Bytes()}
		if signer != nil {
			req.Auth, err = auth.Sign(signer, f.studyID, 1, auth.KindUpdate, partial)
			require.NoError(t, err)
		}
		return via.client.UploadStatus(f.ctx, req)
	}
	for _, tt := range []struct {
		name   string
		via    *hospital
		signer *ecdsa.PrivateKey
		code   codes.Code
	}{
		{"an outsider, unsigned", outsider, nil, codes.Unauthenticated},
		{"an outsider, signed", outsider, outsider.key, codes.PermissionDenied},
		{"another participant, unsigned", h1, nil, codes.Unauthenticated},
		{"another participant, signed", h1, h1.key, codes.PermissionDenied},
	} {
		_, err := ask(tt.via, tt.signer)
		assert.Equal(t, tt.code, status.Code(err), "%s: %v", tt.name, err)
	}
	st, err := ask(h2, h2.key)
	require.NoError(t, err)
	assert.Equal(t, uint64(n), st.GetReceived())
}

// A coordinator's store holds one study's blobs: a coordinator of another
// study refuses it, as it would serve them to that study's readers.
func TestStoreHoldsOneStudysBlobs(t *testing.T) {
	f := newFixture(t)
	cfg := f.coord.cfg
	cfg.StudyID++
	_, err := New(cfg, f.ledger, f.coordAcct, f.scheme, f.coord.store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "holds study")
	cfg.StudyID--
	_, err = New(cfg, f.ledger, f.coordAcct, f.scheme, f.coord.store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err, "its own study's coordinator, restarted")
}

// endRound1 abandons round 1 past its deadline and grace, so that no
// round is open, and has each of leavers leave the study.
func (f *fixture) endRound1(t *testing.T, leavers ...*hospital) {
	t.Helper()
	require.NoError(t, f.chain.AdvanceTime(2*time.Hour))
	_, err := f.ledger.AbandonRound(f.ctx, f.coordAcct, f.studyID, 1)
	require.NoError(t, err)
	for _, h := range leavers {
		_, err = f.ledger.LeaveStudy(f.ctx, h.account, f.studyID)
		require.NoError(t, err)
	}
}

// suspend has round 1's scores flag h and two participants endorse them:
// one strike, the fixture's limit, so the chain suspends h.
func (f *fixture) suspend(t *testing.T, h *hospital) {
	t.Helper()
	f.strikeIn(t, 1, h)()
}

// roundTwoWithout runs round 1, in which h1 uploads an update that left
// and suspended read as current participants, suspends suspended for it
// and has left leave after it; then opens round 2 (its model stored), in
// which h1 uploads an update for the train step of h1 and h2. It returns
// the two updates and round 2's model.
func (f *fixture) roundTwoWithout(t *testing.T, left, suspended *hospital) (first, second []byte, model common.Hash) {
	t.Helper()
	h1, h2 := f.hospitals[0], f.hospitals[1]
	f.coord.store.EnterRound(1) // as the coordinator does before each round
	first = f.update(t, h1)
	f.commit(t, h1, first)
	require.NoError(t, upload(f.ctx, h1, h1.key, f.studyID, 1, aggregation.ContentHash(first), uint64(len(first)), first, 1<<20))
	for _, h := range []*hospital{left, suspended} { // known as current participants from now
		_, err := readBlob(t, f, h.client, signedRead(t, h.key, h, f.studyID, aggregation.ContentHash(first)))
		require.NoError(t, err, "a participant reads round 1's update")
	}
	f.suspend(t, suspended)
	f.endRound1(t, left)

	f.coord.store.EnterRound(2)
	model, err := f.coord.store.Put([]byte("round 2's global model"))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coordAcct, f.studyID, 2, model, time.Now().Add(4*time.Hour))
	require.NoError(t, err)
	f.install(newTrainStep(f.studyID, &cohortv1.TrainTask{StudyId: f.studyID, Round: 2}, []common.Address{h1.addr(), h2.addr()}, testMaxUpdate, f.coord.numParams, f.coord.summer, contracts.CommitDomain{}))
	second = f.updateFor(t, h1.sk, aggregation.TrainContext(f.studyID, 2))
	secondHash := aggregation.ContentHash(second)
	_, err = f.ledger.CommitUpdate(f.ctx, h1.account, f.studyID, 2, contracts.Commitment{CiphertextHash: secondHash, Samples: 10, ConsentRoot: crypto.Keccak256Hash([]byte("ids"))})
	require.NoError(t, err)
	require.NoError(t, upload(f.ctx, h1, h1.key, f.studyID, 2, secondHash, uint64(len(second)), second, 1<<20))
	return first, second, model
}

// participantAndOwnerRead checks that participant h and the study's owner,
// over h's connection, each read blob.
func (f *fixture) participantAndOwnerRead(t *testing.T, h *hospital, blob []byte) {
	t.Helper()
	for _, reader := range []struct {
		name string
		key  *ecdsa.PrivateKey
	}{{"a participant", h.key}, {"the study's owner", f.researcherKey}} {
		got, err := readBlob(t, f, h.client, signedRead(t, reader.key, h, f.studyID, aggregation.ContentHash(blob)))
		require.NoError(t, err, reader.name)
		assert.Equal(t, blob, got, reader.name)
	}
}

// A hospital removed from the study, one suspended for a flagged update
// in round 1 and one that left after it, asks with correctly signed
// requests for another hospital's update of round 2, which opened after
// its removal. Before, a past participant read every blob of the study
// forever, those of rounds it no longer took part in included; now it is
// refused, told the blob is of round 2 and it took part in rounds 0-1 (though the coordinator knew it
// as a current participant from a read in round 1), while it still reads round 1's
// blobs (an audit, its own late work), a current participant and the
// owner read round 2's, and any consortium certificate round 2's model.
func TestRemovedParticipantCannotReadLaterRoundsBlobs(t *testing.T) {
	f := newFixture(t)
	h2, left, suspended := f.hospitals[1], f.hospitals[2], f.hospitals[3]
	outsider := f.admitOutsider(t)
	first, second, model := f.roundTwoWithout(t, left, suspended)
	secondHash := aggregation.ContentHash(second)

	for _, removed := range []*hospital{left, suspended} {
		_, err := readBlob(t, f, removed.client, signedRead(t, removed.key, removed, f.studyID, secondHash))
		require.Error(t, err, "%s reads round 2's update", removed.addr().Hex())
		assert.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
		for _, says := range []string{removed.addr().Hex(), fmt.Sprintf("is of round 2 of study %d", f.studyID), "took part in rounds 0-1 of it", "reads the blobs of the rounds it took part in"} {
			assert.Contains(t, err.Error(), says)
		}
		_, err = openChunks(f, removed.client, signedChunks(t, removed.key, removed, f.studyID, secondHash))
		assert.Equal(t, codes.PermissionDenied, status.Code(err), "chunk proofs of round 2's update: %v", err)

		got, err := readBlob(t, f, removed.client, signedRead(t, removed.key, removed, f.studyID, aggregation.ContentHash(first)))
		require.NoError(t, err, "%s reads round 1's update", removed.addr().Hex())
		assert.Equal(t, first, got)
	}
	f.participantAndOwnerRead(t, h2, second)
	got, err := readBlob(t, f, outsider.client, &cohortv1.BlobRequest{Hash: model.Bytes(), StudyId: f.studyID})
	require.NoError(t, err, "round 2's model is published")
	assert.Equal(t, "round 2's global model", string(got))
}

// A removed participant asks again and again for a blob of a round after
// its removal: while the chain stands still its refusal costs no chain
// read, and once the chain moves each new look goes through its
// certificate's bucket (caller_limit), as an unknown signer's does.
func TestRemovedParticipantsRefusalsCostBoundedChainReads(t *testing.T) {
	f := newFixture(t)
	left := f.hospitals[3]
	f.endRound1(t, left)
	f.coord.store.EnterRound(2)
	aggregate, err := f.coord.store.Put([]byte("round 2's aggregate"))
	require.NoError(t, err)
	const burst = 2
	f.coord.cfg.CallerLimit = CallerLimit{PerSecond: 1e-6, Burst: burst} // no token comes back during the test
	view, lag := f.countChainReads(t)

	refused := func() error {
		_, err := readBlob(t, f, left.client, signedRead(t, left.key, left, f.studyID, aggregate))
		return err
	}
	reads, queries := lag.Reads(), lag.LogQueries()
	err = refused()
	require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
	require.Contains(t, err.Error(), "took part in rounds 0-1")
	t.Logf("the first refusal: %d chain reads, %d of them log queries (its standing, its rounds, the published set)", lag.Reads()-reads, lag.LogQueries()-queries)
	before := lag.Reads()
	for range 50 {
		require.Equal(t, codes.PermissionDenied, status.Code(refused()))
	}
	assert.Zero(t, lag.Reads()-before, "chain reads for 50 refused reads while the chain stood still")

	for i := range burst {
		moved := view.NextHead()
		require.NoError(t, f.chain.AdvanceTime(time.Second))
		<-moved
		err := refused()
		if i < burst-1 {
			require.Equal(t, codes.PermissionDenied, status.Code(err), "%v", err)
		} else {
			require.Equal(t, codes.ResourceExhausted, status.Code(err), "the bucket's %d tokens are spent: %v", burst, err)
		}
	}
}

// Right after a block, every hospital fetches the blobs of a round later
// than the one its standing was read in, several requests at a time: each
// signer's standing is read again, once for all its requests of that
// block, and the study it is read against is read once for all signers.
// Before, each request read the chain again on its own, each repeating
// the same read of the study.
func TestConcurrentBlobReadsAfterABlockShareChainReads(t *testing.T) {
	f := newFixture(t)
	f.endRound1(t)
	f.coord.store.EnterRound(2)
	aggregate, err := f.coord.store.Put([]byte("round 2's aggregate"))
	require.NoError(t, err)
	view, lag := f.countChainReads(t)
	cost := func(read func() error) uint64 {
		before := lag.Reads()
		require.NoError(t, read())
		return lag.Reads() - before
	}
	readStudy := func() error { _, err := f.coord.ledger.Study(f.ctx, f.studyID); return err }
	readParticipant := func() error {
		_, err := f.coord.ledger.Participant(f.ctx, f.studyID, f.hospitals[0].addr())
		return err
	}
	cost(readStudy) // the ledger keeps what does not change (the study's modules): count the reads that do
	studyCost, participantCost := cost(readStudy), cost(readParticipant)
	require.NotZero(t, studyCost)
	require.NotZero(t, participantCost)
	nextBlock := func() {
		moved := view.NextHead()
		require.NoError(t, f.chain.AdvanceTime(time.Second))
		<-moved
	}
	// concurrently has each of readers ask n times at once for round 2's
	// aggregate, and returns the chain reads they cost.
	concurrently := func(n int, readers ...*hospital) uint64 {
		before := lag.Reads()
		var wg sync.WaitGroup
		errs := make(chan error, n*len(readers))
		for _, h := range readers {
			req := signedRead(t, h.key, h, f.studyID, aggregate)
			for range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					got, err := readBlob(t, f, h.client, req)
					if err == nil && string(got) != "round 2's aggregate" {
						err = fmt.Errorf("%s read %q", h.addr().Hex(), got)
					}
					errs <- err
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		return lag.Reads() - before
	}
	concurrently(1, f.hospitals...) // each standing read once, at round 1

	const n = 20
	nextBlock()
	one := concurrently(n, f.hospitals[0])
	t.Logf("%d concurrent reads by one participant after a block: %d chain reads (a study read costs %d, a participant's %d)", n, one, studyCost, participantCost)
	assert.Equal(t, studyCost+participantCost, one, "one re-read of the study and of the signer for %d requests", n)

	nextBlock()
	all := concurrently(n, f.hospitals...)
	t.Logf("%d concurrent reads by each of %d participants after a block: %d chain reads", n, len(f.hospitals), all)
	assert.Equal(t, studyCost+uint64(len(f.hospitals))*participantCost, all, "one study read shared by %d signers, one read of each", len(f.hospitals))

	nextBlock()
	assert.Equal(t, all, concurrently(n, f.hospitals...), "the next block costs the same again")
}

// A block may land while a request has a current participant's standing
// read: the standing is then no longer fresh, and judged by rounds the
// participant was refused, with the message for a removed one, a blob of
// the round the store had entered ahead of the chain (the coordinator
// enters a round before opening it). The request's own read says it takes
// part, so it reads; a removed one read in the same way is still refused
// the later round's blob.
func TestStandingJustReadLetsACurrentParticipantReadAheadOfTheChain(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	store.EnterRound(2) // round 1 is the chain's; the store is ready for round 2
	ahead, err := store.Put([]byte("round 2's re-shared key"))
	require.NoError(t, err)
	blockLanded := make(chan struct{})
	close(blockLanded)

	round, recorded := store.RoundOf(ahead)
	require.True(t, recorded)
	current := standing{current: true, round: 1, moved: blockLanded}
	assert.Equal(t, readAgain, current.judge(round, recorded, current.fresh()), "a kept standing the chain has moved past is read again")
	assert.Equal(t, readable, current.judge(round, recorded, true), "the request's own read says it takes part")

	removed := standing{round: 1, moved: blockLanded, took: &tookRead{
		Participation: contracts.Participation{Spans: []contracts.RoundSpan{{First: 0, Last: 1}}, Round: 1},
		moved:         blockLanded,
	}}
	assert.Equal(t, refused, removed.judge(round, recorded, true), "removed in round 1")
}
