package coordinator

import (
	"context"
	"crypto/ecdsa"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// startMoments puts the fixture's coordinator in the moments phase name
// for hospitals h1 and h2, with 4 features of scale 1 and size limits of
// 1 MiB (under gRPC's own, to reach the coordinator's).
func (f *fixture) startMoments(name protocol.Phase) []byte {
	session := crypto.Keccak256([]byte("session"))
	f.coord.cfg.Scales = []float64{1, 1, 1, 1}
	run := &momentsRun{study: f.studyID, session: session, scales: f.coord.cfg.Scales, pkHash: f.coord.pkHash, maxBytes: 1 << 20, maxShare: 1 << 20, sum: f.coord.summer}
	members := []common.Address{f.hospitals[0].addr(), f.hospitals[1].addr()}
	switch name {
	case protocol.MomentsCount:
		f.install(run.counting(members))
	case protocol.Moments:
		f.install(&momentsStep{phase: newPhase(protocol.Moments, 0, members), run: run, senders: members})
	}
	return session
}

func (f *fixture) sendCount(t *testing.T, h *hospital, signer *ecdsa.PrivateKey, session []byte, count uint64, study uint64) error {
	t.Helper()
	signed, err := auth.Sign(signer, f.studyID, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, count))
	require.NoError(t, err)
	signed.Signer = h.addr().Bytes()
	_, err = h.client.SubmitMomentsCount(f.ctx, &cohortv1.MomentsCount{StudyId: study, Session: session, Count: count, Auth: signed})
	return err
}

// Counts of the moments phase are accepted once per asked participant,
// signed by it, for this run of the phase and in range.
func TestMomentsCountsRefuseHostileInput(t *testing.T) {
	f := newFixture(t)
	session := f.startMoments(protocol.MomentsCount)
	h1, h2 := f.hospitals[0], f.hospitals[1]
	require.NoError(t, f.sendCount(t, h1, h1.key, session, 120, f.studyID))
	tests := []struct {
		name string
		err  error
		want codes.Code
	}{
		{"replay", f.sendCount(t, h1, h1.key, session, 120, f.studyID), codes.AlreadyExists},
		{"second count", f.sendCount(t, h1, h1.key, session, 99, f.studyID), codes.AlreadyExists},
		{"wrong count signature (signed by another key)", f.sendCount(t, h2, h1.key, session, 80, f.studyID), codes.Unauthenticated},
		{"from another run of the phase", f.sendCount(t, h2, h2.key, crypto.Keccak256([]byte("old session")), 80, f.studyID), codes.FailedPrecondition},
		{"another study", f.sendCount(t, h2, h2.key, session, 80, f.studyID+1), codes.FailedPrecondition},
		{"zero records", f.sendCount(t, h2, h2.key, session, 0, f.studyID), codes.InvalidArgument},
		{"absurd count", f.sendCount(t, h2, h2.key, session, MaxMomentsCount+1, f.studyID), codes.InvalidArgument},
		{"not asked", f.sendCount(t, f.stranger, f.stranger.key, session, 80, f.studyID), codes.PermissionDenied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, status.Code(tt.err), "%v", tt.err)
		})
	}
	require.NoError(t, f.sendCount(t, h2, h2.key, session, 80, f.studyID))
	from, raws := f.coord.answers(f.coord.current, []common.Address{h1.addr(), h2.addr()})
	require.Len(t, from, 2)
	var c cohortv1.MomentsCount
	require.NoError(t, proto.Unmarshal(raws[0], &c))
	assert.Equal(t, uint64(120), c.GetCount(), "the first count stands")
}

// Encrypted moments are accepted once, signed, of the study's key and
// length, and within the size limit.
func TestMomentsSubmissionsRefuseHostileInput(t *testing.T) {
	f := newFixture(t)
	session := f.startMoments(protocol.Moments)
	h1, h2 := f.hospitals[0], f.hospitals[1]
	encrypt := func(h *hospital, n int) []byte {
		v, err := f.scheme.Encrypt(h.sk, f.pk.Hash(), aggregation.MomentsContext(f.studyID, session), make([]float64, n))
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	send := func(h *hospital, signer *ecdsa.PrivateKey, session, ct []byte) error {
		signed, err := auth.Sign(signer, f.studyID, 0, auth.KindMoments, auth.MomentsContent(session, aggregation.ContentHash(ct)))
		require.NoError(t, err)
		signed.Signer = h.addr().Bytes()
		_, err = h.client.SubmitMoments(f.ctx, &cohortv1.MomentsSubmission{StudyId: f.studyID, Session: session, Ciphertext: ct, Auth: signed})
		return err
	}
	good := encrypt(h1, 12) // 3 moments × 4 features
	require.NoError(t, send(h1, h1.key, session, good))
	tests := []struct {
		name string
		err  error
		want codes.Code
	}{
		{"replay", send(h1, h1.key, session, good), codes.AlreadyExists},
		{"signed by another key", send(h2, h1.key, session, encrypt(h2, 12)), codes.Unauthenticated},
		{"from another run of the phase", send(h2, h2.key, crypto.Keccak256([]byte("old")), encrypt(h2, 12)), codes.FailedPrecondition},
		{"not the moments' length", send(h2, h2.key, session, encrypt(h2, 5)), codes.InvalidArgument},
		{"not a ciphertext", send(h2, h2.key, session, []byte("garbage")), codes.InvalidArgument},
		{"oversize", send(h2, h2.key, session, make([]byte, 1<<20+1)), codes.ResourceExhausted},
		{"not asked", send(f.stranger, f.stranger.key, session, encrypt(h2, 12)), codes.PermissionDenied},
		{"another hospital's dealer id", send(h2, h2.key, session, encrypt(h1, 12)), codes.InvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, status.Code(tt.err), "%v", tt.err)
		})
	}
	assert.ErrorContains(t, tests[5].err, "encrypted moments of 1048577 bytes")
	require.NoError(t, send(h2, h2.key, session, encrypt(h2, 12)))
	_, raws := f.coord.answers(f.coord.current, []common.Address{h1.addr()})
	var c cohortv1.MomentsContribution
	require.NoError(t, proto.Unmarshal(raws[0], &c))
	assert.Equal(t, aggregation.ContentHash(good).Bytes(), c.GetCiphertextHash())
	assert.True(t, f.coord.store.Has(aggregation.ContentHash(good)), "participants fetch it to recompute the sum")
}

// momentsDecryptOfTwo is a fixture whose coordinator is collecting the
// first two hospitals' decryption shares of a moments sum (shares of at
// most 1 MiB: a limit under gRPC's own, to reach the coordinator's).
func momentsDecryptOfTwo(t *testing.T) (f *fixture, h1, h2 *hospital, sum common.Hash, st *momentsDecryptStep) {
	t.Helper()
	f = newFixture(t)
	h1, h2 = f.hospitals[0], f.hospitals[1]
	sum = crypto.Keccak256Hash([]byte("sum of moments"))
	st, err := newMomentsDecryptStep(f.studyID, 1<<20, &cohortv1.MomentsDecryptTask{AggregateHash: sum.Bytes()}, []common.Address{h1.addr(), h2.addr()}, []uint64{1, 2}, 2, nil, nil)
	require.NoError(t, err)
	f.install(st)
	return f, h1, h2, sum, st
}

// Decryption shares of the moments' sum are bound to the sum's hash; a
// confirmation names the agreed standardiser.
func TestMomentsSharesAndConfirmations(t *testing.T) {
	f, h1, h2, aggHash, _ := momentsDecryptOfTwo(t)
	share := func(h *hospital, signer *ecdsa.PrivateKey, agg common.Hash, b []byte) error {
		signed, err := auth.Sign(signer, f.studyID, 0, auth.KindMomentsShare, auth.MomentsShareContent(agg, []uint64{1, 2}, b))
		require.NoError(t, err)
		signed.Signer = h.addr().Bytes()
		_, err = h.client.SubmitMomentsShare(f.ctx, &cohortv1.MomentsShareSubmission{StudyId: f.studyID, AggregateHash: agg.Bytes(), Share: b, Auth: signed, ActivePoints: []uint64{1, 2}})
		return err
	}
	require.NoError(t, share(h1, h1.key, aggHash, []byte("share 1")))
	assert.Equal(t, codes.AlreadyExists, status.Code(share(h1, h1.key, aggHash, []byte("share 1"))), "replay")
	assert.Equal(t, codes.Unauthenticated, status.Code(share(h2, h1.key, aggHash, []byte("share 2"))), "signed by another key")
	assert.Equal(t, codes.FailedPrecondition, status.Code(share(h2, h2.key, crypto.Keccak256Hash([]byte("x")), []byte("share 2"))), "for another sum")
	oversize := share(h2, h2.key, aggHash, make([]byte, 1<<20+1))
	assert.Equal(t, codes.ResourceExhausted, status.Code(oversize), "oversize")
	assert.ErrorContains(t, oversize, "decryption share of 1048577 bytes")
	require.NoError(t, share(h2, h2.key, aggHash, []byte("share 2")))

	std := records.Standardiser{Mean: []float64{1, 2, 3, 4}, Scale: []float64{1, 1, 1, 1}}
	enc, err := std.Encode()
	require.NoError(t, err)
	res := &cohortv1.MomentsResultTask{StudyId: f.studyID, Standardiser: enc}
	f.coord.setStandardiser(res)
	f.install(newMomentsResultStep(f.studyID, []common.Address{h1.addr(), h2.addr()}, res))
	confirm := func(h *hospital, hash common.Hash) error {
		signed, err := auth.Sign(h.key, f.studyID, 0, auth.KindMomentsStandardiser, hash)
		require.NoError(t, err)
		_, err = h.client.ConfirmMoments(f.ctx, &cohortv1.MomentsConfirmation{StudyId: f.studyID, StandardiserHash: hash.Bytes(), Auth: signed})
		return err
	}
	assert.Equal(t, codes.FailedPrecondition, status.Code(confirm(h1, common.Hash{1})), "another standardiser")
	require.NoError(t, confirm(h1, crypto.Keccak256Hash(enc)))
	assert.Equal(t, codes.AlreadyExists, status.Code(confirm(h1, crypto.Keccak256Hash(enc))), "replay")
}

// Pooled standardisation is refused where it would reveal a site's own
// statistics or could not run.
func TestPooledStandardisationConfig(t *testing.T) {
	f := newFixture(t)
	base := func() Config {
		cfg := DefaultConfig()
		cfg.StudyID, cfg.Spec = f.studyID, models.Spec{Kind: models.KindLogistic, Features: 2}
		cfg.Standardisation, cfg.Scales = records.StandardisePooled, []float64{1, 10}
		return cfg
	}
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"one participant", func(c *Config) { c.Participants = 1 }, "needs at least 2"},
		{"plaintext test mode", func(c *Config) { c.InsecurePlaintext = true }, "plaintext"},
		{"scales missing", func(c *Config) { c.Scales = nil }, "0 scales for a 2-feature model"},
		{"zero scale", func(c *Config) { c.Scales = []float64{1, 0} }, "scale of feature 1"},
		{"unknown mode", func(c *Config) { c.Standardisation = "global" }, "unknown standardisation"},
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base()
			tt.edit(&cfg)
			_, err := New(cfg, f.ledger, f.coordAcct, f.scheme, f.coord.store, log)
			require.ErrorContains(t, err, tt.want)
		})
	}
	c, err := New(base(), f.ledger, f.coordAcct, f.scheme, f.coord.store, log)
	require.NoError(t, err)
	assert.Equal(t, records.StandardisePooled, c.cfg.Standardisation)
}

// A coordinator past round 1 resumes with the standardiser its store kept,
// without running the moments phase again, and refuses to go on without it.
func TestPooledStandardiserRestoredFromTheStore(t *testing.T) {
	f := newFixture(t)
	members := []common.Address{f.hospitals[0].addr(), f.hospitals[1].addr()}
	err := f.coord.pooledStandardiser(f.ctx, members, 1)
	require.ErrorContains(t, err, "restore the coordinator's data directory")

	enc, err := records.Standardiser{Mean: []float64{0, 1, 2, 3}, Scale: []float64{1, 2, 3, 4}}.Encode()
	require.NoError(t, err)
	raw, err := proto.Marshal(&cohortv1.MomentsResultTask{StudyId: f.studyID, Standardiser: enc})
	require.NoError(t, err)
	require.NoError(t, f.coord.store.WriteState(momentsState, raw))
	require.NoError(t, f.coord.pooledStandardiser(f.ctx, members, 1))
	assert.Equal(t, crypto.Keccak256Hash(enc), f.coord.standardiserHash())
	f.coord.cfg.Standardisation = records.StandardisePooled
	assert.Equal(t, crypto.Keccak256Hash(enc).Bytes(), f.coord.trainStandardiserHash(), "every training task names it")
}

// A member that joins after the moments phase (it was down, or lost its data
// directory) is first sent the pooled standardiser with its evidence, and
// its confirmation is taken outside the phase.
func TestJoinCatchesUpOnTheStandardiser(t *testing.T) {
	f := newFixture(t) // collecting round-1 updates
	h1 := f.hospitals[0]
	enc, err := records.Standardiser{Mean: []float64{0, 1, 2, 3}, Scale: []float64{1, 2, 3, 4}}.Encode()
	require.NoError(t, err)
	f.coord.setStandardiser(&cohortv1.MomentsResultTask{StudyId: f.studyID, Standardiser: enc})
	signed, err := auth.Sign(h1.key, f.studyID, 0, auth.KindJoin, auth.JoinContent("h1", auth.Fingerprint(h1.cert)))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(f.ctx, 10*time.Second)
	defer cancel()
	stream, err := h1.client.Join(ctx, &cohortv1.JoinRequest{StudyId: f.studyID, Name: "h1", Auth: signed})
	require.NoError(t, err)
	task, err := stream.Recv()
	require.NoError(t, err)
	require.NotNil(t, task.GetMomentsResult(), "the standardiser comes first")
	assert.Equal(t, enc, task.GetMomentsResult().GetStandardiser())

	confirmed, err := auth.Sign(h1.key, f.studyID, 0, auth.KindMomentsStandardiser, crypto.Keccak256Hash(enc))
	require.NoError(t, err)
	_, err = h1.client.ConfirmMoments(f.ctx, &cohortv1.MomentsConfirmation{StudyId: f.studyID, StandardiserHash: crypto.Keccak256Hash(enc).Bytes(), Auth: confirmed})
	require.NoError(t, err, "a late confirmation is acknowledged")
	assert.Empty(t, f.coord.current.collecting().got, "and records nothing in the round's phase")
}

// The consent wait is the study's: it counts from the moments phase's
// first wait for consent, which the store keeps, so a coordinator
// restarted (by an operator, or by a hostile hospital's hold) does not
// wait it again from the start; once it is over the coordinator stops
// naming the hospitals awaited. A kept start it cannot read is an error
// saying which file to delete, not a wait from now.
func TestConsentWaitOutlastsARestart(t *testing.T) {
	dir := t.TempDir()
	open := func() *Coordinator {
		store, err := OpenStore(dir)
		require.NoError(t, err)
		return &Coordinator{cfg: Config{ConsentWait: time.Hour}, store: store}
	}
	awaiting := &awaitingConsentError{hospitals: []string{"hospital-3"}, err: ErrStalled}
	left, err := open().consentWaitLeft(awaiting)
	require.NoError(t, err)
	assert.LessOrEqual(t, left, time.Hour)
	assert.Greater(t, left, 59*time.Minute, "the wait starts at the first one")

	kept, err := open().store.ReadState(consentWaitState)
	require.NoError(t, err)
	restarted := open()
	_, err = restarted.consentWaitLeft(awaiting)
	require.NoError(t, err)
	again, err := restarted.store.ReadState(consentWaitState)
	require.NoError(t, err)
	assert.Equal(t, string(kept), string(again), "a restart waits on from the kept start")

	begun := time.Now().Add(-2 * time.Hour).UTC()
	text, err := begun.MarshalText()
	require.NoError(t, err)
	require.NoError(t, restarted.store.WriteState(consentWaitState, text))
	_, err = open().consentWaitLeft(awaiting)
	require.ErrorIs(t, err, ErrConsentWaitOver)
	require.ErrorIs(t, err, ErrStalled)
	assert.Contains(t, err.Error(), "hospital-3")
	assert.Contains(t, err.Error(), begun.Format(time.RFC3339))

	require.NoError(t, restarted.store.WriteState(consentWaitState, []byte("yesterday")))
	_, err = open().consentWaitLeft(awaiting)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrConsentWaitOver)
	assert.Contains(t, err.Error(), "state-"+consentWaitState)
}

// Fields a message's schema does not name were kept as they came: a
// holder that added 1 MiB of them to its signed moments decryption shares
// (no signature covers them) had the coordinator keep that submission
// whole and relay it, in the moments result, to every member; its score
// shares went likewise to every holder and endorser in the round's trust
// evidence, and its decryption shares into the round's decryption record.
// The server's codec now drops unknown fields as each message arrives.
func TestUnknownFieldsAreDroppedOnArrival(t *testing.T) {
	f, h1, _, aggHash, st := momentsDecryptOfTwo(t)
	share := []byte("share 1")
	signed, err := auth.Sign(h1.key, f.studyID, 0, auth.KindMomentsShare, auth.MomentsShareContent(aggHash, []uint64{1, 2}, share))
	require.NoError(t, err)
	sub := &cohortv1.MomentsShareSubmission{StudyId: f.studyID, AggregateHash: aggHash.Bytes(), Share: share, Auth: signed, ActivePoints: []uint64{1, 2}}
	padding := protowire.AppendTag(nil, 999, protowire.BytesType)
	padding = protowire.AppendBytes(padding, make([]byte, 1<<20))
	sub.ProtoReflect().SetUnknown(padding)
	_, err = h1.client.SubmitMomentsShare(f.ctx, sub)
	require.NoError(t, err, "the submission itself is valid")
	f.coord.mu.Lock()
	kept := st.got[h1.addr()]
	f.coord.mu.Unlock()
	require.NotNil(t, kept)
	assert.Less(t, len(kept), 1024, "the 1 MiB the schema does not name is not kept")
	var back cohortv1.MomentsShareSubmission
	require.NoError(t, proto.Unmarshal(kept, &back))
	assert.Equal(t, share, back.GetShare(), "what the schema names is")
}
