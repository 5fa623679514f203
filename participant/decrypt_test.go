package participant

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// blobClient is a coordinator that serves blobs from a map and takes every
// submission: the fault injected is what it asks to have decrypted.
type blobClient struct {
	cohortv1.CoordinatorClient
	blobs     map[common.Hash][]byte
	gets      int // GetBlob calls
	submitted int
	last      *cohortv1.DecryptionShareSubmission // the last decryption share submitted
}

func (c *blobClient) GetBlob(_ context.Context, in *cohortv1.BlobRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.BlobChunk], error) {
	c.gets++
	return &blobStream{data: c.blobs[common.BytesToHash(in.GetHash())]}, nil
}

func (c *blobClient) SubmitDecryptionShare(_ context.Context, in *cohortv1.DecryptionShareSubmission, _ ...grpc.CallOption) (*cohortv1.Ack, error) {
	c.submitted++
	c.last = in
	return &cohortv1.Ack{}, nil
}

func (c *blobClient) SubmitEndorsement(context.Context, *cohortv1.EndorsementSubmission, ...grpc.CallOption) (*cohortv1.Ack, error) {
	c.submitted++
	return &cohortv1.Ack{}, nil
}

// OpenChunks serves chunk proofs of the blobs it holds, as the coordinator
// does (coordinator.server.OpenChunks).
func (c *blobClient) OpenChunks(_ context.Context, in *cohortv1.ChunkRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.ChunkProof], error) {
	chunks := make([]int, len(in.GetChunks()))
	for i, ch := range in.GetChunks() {
		chunks[i] = int(ch)
	}
	out := &proofStream{}
	for _, h := range in.GetHashes() {
		var v aggregation.EncryptedVector
		if err := v.UnmarshalBinary(c.blobs[common.BytesToHash(h)]); err != nil {
			return nil, err
		}
		p, err := v.OpenChunks(chunks)
		if err != nil {
			return nil, err
		}
		b, err := p.MarshalBinary()
		if err != nil {
			return nil, err
		}
		out.proofs = append(out.proofs, b)
	}
	return out, nil
}

type proofStream struct {
	grpc.ServerStreamingClient[cohortv1.ChunkProof]
	proofs [][]byte
}

func (s *proofStream) Recv() (*cohortv1.ChunkProof, error) {
	if len(s.proofs) == 0 {
		return nil, io.EOF
	}
	p := s.proofs[0]
	s.proofs = s.proofs[1:]
	return &cohortv1.ChunkProof{Proof: p}, nil
}

type blobStream struct {
	grpc.ServerStreamingClient[cohortv1.BlobChunk]
	data []byte
	sent bool
}

func (s *blobStream) Recv() (*cohortv1.BlobChunk, error) {
	if s.sent {
		return nil, io.EOF
	}
	s.sent = true
	return &cohortv1.BlobChunk{Data: s.data, Size: uint64(len(s.data))}, nil
}

// A participant gives a decryption share only for the weighted sum of at
// least the study's minimum number of committed updates, with the committed
// weights: a coordinator cannot get one hospital's update decrypted, alone
// or hidden behind zero weights, nor anything that is not that sum.
func TestNoCodePathDecryptsAnUpdate(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	keys := []*contracts.Account{contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))}
	coord := contracts.NewAccount(mustKey(t))
	chain, err := contracts.NewSimulatedChain(keys[0].Address(), keys[1].Address(), coord.Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	ledger, _, err := contracts.Deploy(ctx, chain, keys[0], []contracts.Member{
		{Address: keys[0].Address(), Name: "h1", TLSFingerprint: common.Hash{1}},
		{Address: keys[1].Address(), Name: "h2", TLSFingerprint: common.Hash{2}},
	})
	require.NoError(t, err)
	study, _, err := ledger.CreateStudy(ctx, keys[0], contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: 3, MinParticipants: 2, Threshold: 2,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{3}, Coordinator: coord.Address(),
	})
	require.NoError(t, err)

	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	pk, sealers := joinWithKey(ctx, t, ledger, study, scheme, "decrypt test", keys)
	_, err = ledger.SetPublicKeyHash(ctx, coord, study, pk.Hash())
	require.NoError(t, err)
	_, err = ledger.OpenRound(ctx, coord, study, 1, common.Hash{9}, time.Now().Add(time.Hour))
	require.NoError(t, err)

	client := &blobClient{blobs: map[common.Hash][]byte{}}
	updates := make([]*aggregation.EncryptedVector, 2)
	for i := range keys {
		updates[i], err = scheme.Encrypt(sealers[i].secret, pk.Hash(), aggregation.TrainContext(study, 1), []float64{0.1 * float64(i+1), -0.2, 0.3})
		require.NoError(t, err)
		b, err := updates[i].MarshalBinary()
		require.NoError(t, err)
		client.blobs[aggregation.ContentHash(b)] = b
		_, err = ledger.CommitUpdate(ctx, keys[i], study, 1, contracts.Commitment{CiphertextHash: aggregation.ContentHash(b), Samples: 100, ConsentRoot: common.Hash{7}})
		require.NoError(t, err)
	}
	// The coordinator pins the round's list, both hospitals in order.
	_, err = ledger.PinContributors(ctx, coord, study, 1, contracts.ContributorsHash(study, 1, []common.Address{keys[0].Address(), keys[1].Address()}))
	require.NoError(t, err)
	serve := func(v *aggregation.EncryptedVector) common.Hash {
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		h := aggregation.ContentHash(b)
		client.blobs[h] = b
		return h
	}
	sum := func(vs []*aggregation.EncryptedVector, w []float64) common.Hash {
		agg, err := scheme.WeightedSum(vs, w)
		require.NoError(t, err)
		return serve(agg)
	}
	pkBytes, err := pk.MarshalBinary()
	require.NoError(t, err)
	// h2 holds its threshold share at point 2 (t = 2 of points 1, 2).
	var dealt [][]byte
	for _, s := range sealers {
		shares, err := s.thresholdShares(2, []uint64{1, 2})
		require.NoError(t, err)
		dealt = append(dealt, shares[2])
	}
	require.NoError(t, sealers[1].thresholdKey(pkBytes, 2, dealt))
	p := &Participant{
		steps: steps{name: "h2", studyID: study, self: keys[1].Address(), key: mustKey(t), sealer: sealers[1], pubKey: pkBytes, point: 2},
		cfg:   Config{Name: "h2", StudyID: study}, client: client, ledger: ledger, account: keys[1],
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	task := func(agg common.Hash, contributors []common.Address, weights []float64) *cohortv1.DecryptTask {
		t := &cohortv1.DecryptTask{StudyId: study, Round: 1, AggregateHash: agg.Bytes(), Weights: weights, ActivePoints: []uint64{1, 2}}
		for _, a := range contributors {
			t.Contributors = append(t.Contributors, a.Bytes())
		}
		return t
	}
	h1, h2 := keys[0].Address(), keys[1].Address()
	// altered is the honest aggregate with value pos moved: a 3-value
	// model has one chunk, so every spot check opens it.
	altered := func(vs []*aggregation.EncryptedVector, pos int) common.Hash {
		agg, err := scheme.WeightedSum(vs, []float64{0.5, 0.5})
		require.NoError(t, err)
		bad, err := scheme.ShiftCoefficient(agg, pos, 0, 1)
		require.NoError(t, err)
		return serve(bad)
	}

	refusals := []struct {
		name string
		task *cohortv1.DecryptTask
	}{
		{"one hospital's update alone", task(sum(updates[:1], []float64{1}), []common.Address{h1}, []float64{1})},
		{"one update hidden behind a zero weight", task(sum(updates, []float64{1, 0}), []common.Address{h1, h2}, []float64{1, 0})},
		{"a raw update passed off as the aggregate", task(serve(updates[0]), []common.Address{h1, h2}, []float64{0.5, 0.5})},
		{"the same contributor twice", task(sum(updates, []float64{0.5, 0.5}), []common.Address{h1, h1}, []float64{0.5, 0.5})},
		{"an aggregate with one value altered", task(altered(updates, 2), []common.Address{h1, h2}, []float64{0.5, 0.5})},
		{"the pinned contributors in another order", task(sum([]*aggregation.EncryptedVector{updates[1], updates[0]}, []float64{0.5, 0.5}), []common.Address{h2, h1}, []float64{0.5, 0.5})},
	}
	// keep sets what a holder keeps of round 1 between its phases.
	keep := func() {
		p.fetched = &roundUpdates{round: 1, byHash: map[common.Hash]sealedUpdate{}}
		p.refs = &roundRefs{key: refsKey{round: 1}}
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			keep()
			err := p.decrypt(ctx, tt.task)
			require.ErrorIs(t, err, ErrChainMismatch)
			require.Zero(t, client.submitted, "no decryption share left the site")
			assert.NotNil(t, p.fetched, "a refused task keeps the round's updates for the task asked again")
			assert.NotNil(t, p.refs)
			if strings.Contains(tt.name, "altered") {
				require.ErrorIs(t, err, aggregation.ErrSpotCheckFailed)
			}
		})
	}
	t.Run("the honest aggregate is decrypted", func(t *testing.T) {
		keep()
		require.NoError(t, p.decrypt(ctx, task(sum(updates, []float64{0.5, 0.5}), []common.Address{h1, h2}, []float64{0.5, 0.5})))
		require.Equal(t, 1, client.submitted)
		assert.Nil(t, p.fetched, "the round's updates are dropped once the holder gave its share")
		assert.Nil(t, p.refs, "and its scoring references")
		assert.Equal(t, &roundPin{round: 1, hash: contracts.ContributorsHash(study, 1, []common.Address{h1, h2})}, p.pin, "the round's pin is read once and kept")
	})
	t.Run("recorded trust weights that single out one update", func(t *testing.T) {
		// The coordinator records the weights itself in robust mode; without
		// the evidence to re-derive them (TestHoldersReDeriveTrustWeights)
		// they are refused.
		_, err := ledger.RecordScores(ctx, coord, study, 1, []contracts.Score{{Member: h1, Score: 1, Weight: 1}, {Member: h2, Score: 0, Weight: 0}})
		require.NoError(t, err)
		err = p.decrypt(ctx, task(sum(updates, []float64{1, 0}), []common.Address{h1, h2}, []float64{1, 0}))
		require.ErrorIs(t, err, ErrChainMismatch)
		require.ErrorContains(t, err, "no trust evidence")
		require.Equal(t, 1, client.submitted, "no further share left the site")
	})
}

// A committed update that names another member's dealer id, or the masks of
// another round, would make the aggregate decrypt under a key it must not:
// the holder's recomputation refuses it before any share leaves the site.
func TestRecomputedSumChecksEachUpdatesDealerAndRound(t *testing.T) {
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	a, b := common.Address{1}, common.Address{2}
	sealers := []*homomorphicSealer{{scheme: scheme, id: aggregation.DealerID(7, a.Bytes())}, {scheme: scheme, id: aggregation.DealerID(7, b.Bytes())}}
	var pkShares []*aggregation.PublicKeyShare
	crs := aggregation.CommonSeed([]byte("binding"))
	for _, s := range sealers {
		raw, err := s.publicKeyShare(crs)
		require.NoError(t, err)
		share := new(aggregation.PublicKeyShare)
		require.NoError(t, share.UnmarshalBinary(raw))
		pkShares = append(pkShares, share)
	}
	pk, err := scheme.CombinePublicKey(crs, pkShares)
	require.NoError(t, err)
	pkBytes, err := pk.MarshalBinary()
	require.NoError(t, err)
	round1 := aggregation.TrainContext(7, 1)
	seal := func(s *homomorphicSealer, ctx aggregation.EncryptionContext) []byte {
		out, err := s.seal(pkBytes, ctx, []float64{0.25, -0.5})
		require.NoError(t, err)
		return out
	}
	u1, u2 := seal(sealers[0], round1), seal(sealers[1], round1)
	dealers := []aggregation.PartyID{aggregation.DealerID(7, a.Bytes()), aggregation.DealerID(7, b.Bytes())}
	_, err = sealers[0].sum(pk.Hash(), sealedUpdates(u1, u2), dealers, round1, []float64{0.5, 0.5})
	require.NoError(t, err, "the honest sum")

	_, err = sealers[0].sum(pk.Hash(), sealedUpdates(u2, u1), dealers, round1, []float64{0.5, 0.5})
	require.ErrorIs(t, err, aggregation.ErrKeyMismatch, "updates under the other member's dealer id")
	_, err = sealers[0].sum(pk.Hash(), sealedUpdates(u1, seal(sealers[1], aggregation.TrainContext(7, 2))), dealers, round1, []float64{0.5, 0.5})
	require.ErrorIs(t, err, aggregation.ErrKeyMismatch, "an update made for round 2")
}

// A key share must never encrypt two different updates under one round's
// masks: after a crash between sealing and committing, the node re-uses the
// update it sealed for the round instead of sealing a new one.
func TestUpdateIsSealedOncePerRound(t *testing.T) {
	p := &Participant{cfg: Config{Name: "h1", DataDir: t.TempDir()}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	calls := 0
	seal := func(b byte) func() ([]byte, error) {
		return func() ([]byte, error) { calls++; return []byte{b, b, b}, nil }
	}
	first, firstHash, err := p.sealOnce(3, seal(1))
	require.NoError(t, err)
	again, againHash, err := p.sealOnce(3, seal(2)) // retrained after a restart: another plaintext
	require.NoError(t, err)
	assert.Equal(t, first, again, "the kept update is sent, not a new encryption")
	assert.Equal(t, aggregation.ContentHash(first), firstHash)
	assert.Equal(t, firstHash, againHash)
	assert.Equal(t, 1, calls)
	next, _, err := p.sealOnce(4, seal(2))
	require.NoError(t, err)
	assert.Equal(t, []byte{2, 2, 2}, next, "another round seals afresh")

	// A kept update that no longer reads back is an error, never a second sealing.
	require.NoError(t, os.WriteFile(filepath.Join(p.cfg.DataDir, "updates", aggregation.ContentHash(first).Hex()), []byte("torn"), 0o600))
	_, _, err = p.sealOnce(3, seal(3))
	require.ErrorContains(t, err, "must not be sealed again")
	assert.Equal(t, 2, calls)

	// Without a data directory nothing is kept; the hash is the update's.
	bare := &Participant{cfg: Config{Name: "h2"}, log: p.log}
	sealed, h, err := bare.sealOnce(3, seal(4))
	require.NoError(t, err)
	assert.Equal(t, aggregation.ContentHash(sealed), h)
}

// The sealer decodes the collective public key once per key, but an update
// is always made under the key it is given: after the study's key changes
// (a new key set), under the new one; a key that does not decode is
// refused, whichever key came before.
func TestSealFollowsTheCollectiveKey(t *testing.T) {
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	s := &homomorphicSealer{scheme: scheme, id: aggregation.DealerID(7, common.Address{1}.Bytes())}
	keySet := func(seed string) (*aggregation.PublicKey, []byte) { return ownKeySet(t, s, seed) }
	ctx := aggregation.TrainContext(7, 1)
	madeUnder := func(key []byte, keyHash common.Hash) error {
		out, err := s.seal(key, ctx, []float64{0.25, -0.5})
		require.NoError(t, err)
		var v aggregation.EncryptedVector
		require.NoError(t, v.UnmarshalBinary(out))
		return scheme.CheckUpdate(&v, keyHash, ctx, s.id, v.Len())
	}
	first, firstBytes := keySet("first key set")
	require.NoError(t, madeUnder(firstBytes, first.Hash()))
	require.NoError(t, madeUnder(firstBytes, first.Hash()), "again, the key decoded before")
	second, secondBytes := keySet("second key set")
	require.NoError(t, madeUnder(secondBytes, second.Hash()))
	require.ErrorIs(t, madeUnder(secondBytes, first.Hash()), aggregation.ErrKeyMismatch)
	_, err = s.seal(secondBytes[:len(secondBytes)/2], ctx, []float64{0.25, -0.5})
	require.Error(t, err, "a torn key")
}

// ownKeySet is the key set of s alone, from the common seed of seed, and
// its encoding.
func ownKeySet(t *testing.T, s *homomorphicSealer, seed string) (*aggregation.PublicKey, []byte) {
	t.Helper()
	crs := aggregation.CommonSeed([]byte(seed))
	raw, err := s.publicKeyShare(crs)
	require.NoError(t, err)
	share := new(aggregation.PublicKeyShare)
	require.NoError(t, share.UnmarshalBinary(raw))
	pk, err := s.scheme.CombinePublicKey(crs, []*aggregation.PublicKeyShare{share})
	require.NoError(t, err)
	b, err := pk.MarshalBinary()
	require.NoError(t, err)
	return pk, b
}

// A robust round's holder reads every committed update in the score phase
// and again in the decrypt phase: each is downloaded (and checked against
// its hash) once per round. A blob that does not hash to what was asked
// is refused and not kept.
func TestRoundUpdatesAreFetchedOncePerRound(t *testing.T) {
	good := []byte("an update")
	h := aggregation.ContentHash(good)
	forged := common.Hash{1}
	c := &blobClient{blobs: map[common.Hash][]byte{h: good, forged: []byte("not what was committed")}}
	p := &Participant{client: c, cfg: Config{Name: "h"}}
	ctx := context.Background()
	for range 2 {
		u, err := p.fetchUpdate(ctx, 3, h)
		require.NoError(t, err)
		assert.Equal(t, good, u.raw)
	}
	assert.Equal(t, 1, c.gets, "fetched once in round 3")
	_, err := p.fetchUpdate(ctx, 4, h)
	require.NoError(t, err)
	assert.Equal(t, 2, c.gets, "a new round fetches afresh")
	for range 2 {
		_, err = p.fetchUpdate(ctx, 4, forged)
		assert.ErrorIs(t, err, ErrChainMismatch)
	}
	assert.Equal(t, 4, c.gets, "a refused blob is not kept")
}

// What a holder keeps of a round between its phases is dropped when
// another round starts, and kept when the round's own train task comes
// again.
func TestRoundCacheIsDroppedWhenAnotherRoundStarts(t *testing.T) {
	p := &Participant{}
	p.fetched = &roundUpdates{round: 2, byHash: map[common.Hash]sealedUpdate{}}
	p.refs = &roundRefs{key: refsKey{round: 2}}
	p.forgetOtherRounds(2)
	assert.NotNil(t, p.fetched, "round 2's own")
	assert.NotNil(t, p.refs)
	p.forgetOtherRounds(3)
	assert.Nil(t, p.fetched, "round 3 started")
	assert.Nil(t, p.refs)
}

// A committed update the holder fetched is kept decoded, in place of its
// bytes: the score phase, the decrypt phase and the recomputed sum of a
// round use the one vector decoded when its bytes were checked against the
// commitment, and a new round decodes afresh.
func TestRoundUpdatesAreDecodedOncePerRound(t *testing.T) {
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	s := &homomorphicSealer{scheme: scheme, id: aggregation.DealerID(7, common.Address{1}.Bytes())}
	pk, pkBytes := ownKeySet(t, s, "decoded once")
	round3 := aggregation.TrainContext(7, 3)
	sealed, err := s.seal(pkBytes, round3, []float64{0.25, -0.5})
	require.NoError(t, err)
	h := aggregation.ContentHash(sealed)
	p := &Participant{client: &blobClient{blobs: map[common.Hash][]byte{h: sealed}}, cfg: Config{Name: "h"}}
	ctx := context.Background()

	first, err := p.fetchUpdate(ctx, 3, h)
	require.NoError(t, err)
	require.NotNil(t, first.vector)
	assert.Equal(t, h, first.hash)
	assert.Nil(t, first.raw, "the bytes are not kept beside the vector")
	again, err := p.fetchUpdate(ctx, 3, h)
	require.NoError(t, err)
	assert.Same(t, first.vector, again.vector, "decoded once in round 3")
	v, err := again.decoded()
	require.NoError(t, err)
	assert.Same(t, first.vector, v, "used as decoded")
	_, err = s.sum(pk.Hash(), []sealedUpdate{again}, []aggregation.PartyID{s.id}, round3, []float64{1})
	require.NoError(t, err, "summed from the decoded vector")

	next, err := p.fetchUpdate(ctx, 4, h)
	require.NoError(t, err)
	assert.NotSame(t, first.vector, next.vector, "a new round decodes afresh")
}
