package coordinator

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/tls"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/bits"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/prometheus/common/expfmt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/monitoring"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// fixture is a coordinator collecting round-1 updates of a study on a
// simulated chain, served over mutual TLS on loopback, with hospitals that
// hold real key shares. Tests play the hospitals by hand to send bad input.
type fixture struct {
	ctx        context.Context
	chain      *contracts.Chain
	ledger     *contracts.Ledger
	studyID    uint64
	coord      *Coordinator
	scheme     *aggregation.Scheme
	pk         *aggregation.PublicKey
	hospitals  []*hospital
	stranger   *hospital
	ca         *auth.CA
	listen     string
	coordAcct  *contracts.Account
	coordKey   *ecdsa.PrivateKey // coordAcct's
	researcher *contracts.Account
	// researcherKey is the study owner's key, which may read every blob.
	researcherKey *ecdsa.PrivateKey
}

type hospital struct {
	sk      *aggregation.SecretShare // its encryption key share, dealer id bound to its address
	key     *ecdsa.PrivateKey
	account *contracts.Account
	client  cohortv1.CoordinatorClient
	conn    *grpc.ClientConn
	cert    tls.Certificate
}

func (h *hospital) addr() common.Address { return h.account.Address() }

const testMaxUpdate = 4 << 20

func newFixture(t testing.TB, register ...func(*grpc.Server)) *fixture {
	t.Helper()
	return newFixtureWith(t, testConfig(), register...)
}

// newFixtureWith is newFixture under the encryption parameters params.
func newFixtureWith(t testing.TB, params aggregation.Config, register ...func(*grpc.Server)) *fixture {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	f := &fixture{ctx: ctx}
	ca, err := auth.NewCA("test consortium")
	require.NoError(t, err)
	f.ca = ca

	newHospital := func(name string) *hospital {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		cert, err := ca.IssueClient(name, crypto.PubkeyToAddress(key.PublicKey))
		require.NoError(t, err)
		return &hospital{key: key, account: contracts.NewAccount(key), cert: cert}
	}
	names := []string{"h1", "h2", "h3", "h4"}
	for _, name := range names {
		f.hospitals = append(f.hospitals, newHospital(name))
	}
	f.stranger = newHospital("stranger")
	researcherKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	coordKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	researcher, coordAccount := contracts.NewAccount(researcherKey), contracts.NewAccount(coordKey)
	f.coordAcct, f.researcher, f.researcherKey = coordAccount, researcher, researcherKey

	funded := []common.Address{researcher.Address(), coordAccount.Address(), f.stranger.addr()}
	var founders []contracts.Member
	for i, h := range f.hospitals {
		funded = append(funded, h.addr())
		founders = append(founders, contracts.Member{Address: h.addr(), Name: names[i], TLSFingerprint: auth.Fingerprint(h.cert)})
	}
	chain, err := contracts.NewSimulatedChain(funded...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	f.chain = chain
	f.ledger, _, err = contracts.Deploy(ctx, chain, researcher, founders)
	require.NoError(t, err)
	spec := models.Spec{Kind: models.KindLogistic, Features: 4}
	f.studyID, _, err = f.ledger.CreateStudy(ctx, researcher, contracts.StudyParams{
		SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: crypto.Keccak256Hash([]byte("purpose")),
		ReferenceCommitment: crypto.Keccak256Hash([]byte("reference")),
		Rounds:              3, MinParticipants: 2, Threshold: 2, StrikeLimit: 1, Coordinator: coordAccount.Address(),
	})
	require.NoError(t, err)

	// Real collective key.
	f.scheme, err = aggregation.NewScheme(params)
	require.NoError(t, err)
	crs := aggregation.CommonSeed([]byte("test crs"))
	var shares []*aggregation.PublicKeyShare
	for _, h := range f.hospitals {
		_, err := f.ledger.JoinStudy(ctx, h.account, f.studyID)
		require.NoError(t, err)
		h.sk = f.scheme.GenSecretShareFor(aggregation.DealerID(f.studyID, h.addr().Bytes()))
		share, err := f.scheme.GenPublicKeyShare(h.sk, crs)
		require.NoError(t, err)
		shares = append(shares, share)
	}
	f.pk, err = f.scheme.CombinePublicKey(crs, shares)
	require.NoError(t, err)
	_, err = f.ledger.SetPublicKeyHash(ctx, coordAccount, f.studyID, f.pk.Hash())
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(ctx, coordAccount, f.studyID, 1, crypto.Keccak256Hash([]byte("model 0")), time.Now().Add(time.Hour))
	require.NoError(t, err)

	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	cfg := DefaultConfig()
	cfg.StudyID, cfg.Spec, cfg.MaxUpdateBytes = f.studyID, spec, testMaxUpdate
	f.coord, err = New(cfg, f.ledger, coordAccount, f.scheme, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	f.coord.pkHash = f.pk.Hash()
	f.installTrain()

	f.coordKey = coordKey
	f.serve(t, register...)
	return f
}

// serve serves f.coord for f.studyID over mutual TLS on loopback and
// connects every hospital (and the stranger) to it (their clients and
// f.listen are replaced).
func (f *fixture) serve(t testing.TB, register ...func(*grpc.Server)) {
	t.Helper()
	coordAccount := f.coordAcct
	serverCert, err := f.ca.IssueServer("coordinator", coordAccount.Address(), "127.0.0.1")
	require.NoError(t, err)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	// Stop waits for the handlers: a Join stream that ends with the test
	// still writes the coordinator's absent state into its store, which
	// TempDir's cleanup would otherwise remove under it.
	// The coordinator's transport as its daemon serves it, and its
	// hospitals', each connection bound to its key.
	study, err := auth.NewStudyRef(f.ledger.ChainID(), f.ledger.Address(), f.studyID)
	require.NoError(t, err)
	srv := grpc.NewServer(append(ServerLimits(), ServerCodec(), grpc.Creds(auth.BindCoordinatorServer(auth.ServerConfig(serverCert, f.ca.Pool()), f.coordKey, study)), grpc.WaitForHandlers(true))...)
	f.coord.Register(srv)
	for _, r := range register {
		r(srv)
	}
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	f.listen = lis.Addr().String()
	for _, h := range append(f.hospitals, f.stranger) {
		conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(auth.BindCoordinatorClient(auth.ClientConfig(h.cert, f.ca.Pool(), "127.0.0.1", coordAccount.Address()), study, coordAccount.Address())))
		require.NoError(t, err)
		t.Cleanup(func() { _ = conn.Close() })
		h.client, h.conn = cohortv1.NewCoordinatorClient(conn), conn
	}
}

// update encrypts a model update of the study's size (5 parameters) under
// h's key share for round 1.
func (f *fixture) update(t *testing.T, h *hospital) []byte {
	t.Helper()
	return f.updateFor(t, h.sk, aggregation.TrainContext(f.studyID, 1))
}

// updateFor encrypts a model update under sk with the masks of ctx.
func (f *fixture) updateFor(t *testing.T, sk *aggregation.SecretShare, ctx aggregation.EncryptionContext) []byte {
	t.Helper()
	v, err := f.scheme.Encrypt(sk, f.pk.Hash(), ctx, []float64{0.1, -0.2, 0.3, -0.4, 0.5})
	require.NoError(t, err)
	b, err := v.MarshalBinary()
	require.NoError(t, err)
	return b
}

// zeros is h's round-1 update of params zeros, with the coordinator told
// the model has that many parameters and round 1's train phase open.
func (f *fixture) zeros(t testing.TB, h *hospital, params int) []byte {
	t.Helper()
	f.coord.numParams = params
	f.installTrain()
	v, err := f.scheme.Encrypt(h.sk, f.pk.Hash(), aggregation.TrainContext(f.studyID, 1), make([]float64, params))
	require.NoError(t, err)
	data, err := v.MarshalBinary()
	require.NoError(t, err)
	return data
}

func (f *fixture) commit(t testing.TB, h *hospital, data []byte) {
	t.Helper()
	_, err := f.ledger.CommitUpdate(f.ctx, h.account, f.studyID, 1, contracts.Commitment{
		CiphertextHash: aggregation.ContentHash(data), Samples: 10, ConsentRoot: crypto.Keccak256Hash([]byte("ids")),
	})
	require.NoError(t, err)
}

// upload sends data with a header that claims hash and size, signed by
// signer under the name of h.
func upload(ctx context.Context, h *hospital, signer *ecdsa.PrivateKey, study uint64, round uint32, hash common.Hash, size uint64, data []byte, chunk int) error {
	signed, err := auth.Sign(signer, study, round, auth.KindUpdate, hash)
	if err != nil {
		return err
	}
	signed.Signer = h.addr().Bytes()
	stream, err := h.client.UploadUpdate(ctx)
	if err != nil {
		return err
	}
	header := &cohortv1.UpdateHeader{StudyId: study, Round: round, Size: size, ContentHash: hash.Bytes(), Auth: signed}
	if err := stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: header}}); err != nil {
		_, err = stream.CloseAndRecv()
		return err
	}
	for off := 0; off < len(data); off += chunk {
		if err := stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: data[off:min(off+chunk, len(data))]}}); err != nil {
			break
		}
	}
	_, err = stream.CloseAndRecv()
	return err
}

// installTrain opens round 1's train phase for every hospital.
func (f *fixture) installTrain() {
	var want []common.Address
	for _, h := range f.hospitals {
		want = append(want, h.addr())
	}
	f.install(newTrainStep(f.studyID, &cohortv1.TrainTask{StudyId: f.studyID, Round: 1}, want, testMaxUpdate, f.coord.numParams, f.coord.summer, contracts.CommitDomain{}))
}

// install makes st the coordinator's current phase, as start does.
func (f *fixture) install(st step) {
	f.coord.mu.Lock()
	defer f.coord.mu.Unlock()
	f.coord.current, f.coord.full = st, make(chan struct{})
}

// complete tells whether every member the current phase asked answered.
func (f *fixture) complete() bool {
	f.coord.mu.Lock()
	full := f.coord.full
	f.coord.mu.Unlock()
	select {
	case <-full:
		return true
	default:
		return false
	}
}

func (f *fixture) accepted() map[common.Address]common.Hash {
	f.coord.mu.Lock()
	defer f.coord.mu.Unlock()
	out := make(map[common.Address]common.Hash)
	for a, d := range f.coord.current.collecting().got {
		out[a] = common.BytesToHash(d)
	}
	return out
}

func TestUploadRefusesHostileInput(t *testing.T) {
	f := newFixture(t)
	h1, h2, h3, h4 := f.hospitals[0], f.hospitals[1], f.hospitals[2], f.hospitals[3]

	// h1 commits and uploads a valid update first: nothing below may lose it.
	good := f.update(t, h1)
	f.commit(t, h1, good)
	require.NoError(t, upload(f.ctx, h1, h1.key, f.studyID, 1, aggregation.ContentHash(good), uint64(len(good)), good, 1<<20))

	// h2 commits to a valid update that the hostile uploads below imitate.
	valid := f.update(t, h2)
	f.commit(t, h2, valid)
	validHash := aggregation.ContentHash(valid)

	otherScheme, err := aggregation.NewScheme(func() aggregation.Config {
		c := aggregation.DefaultConfig()
		c.LogN = 13
		return c
	}())
	require.NoError(t, err)
	foreign := func() []byte {
		sk, err := otherScheme.GenSecretShare()
		require.NoError(t, err)
		crs := aggregation.CommonSeed([]byte("other"))
		share, err := otherScheme.GenPublicKeyShare(sk, crs)
		require.NoError(t, err)
		pk, err := otherScheme.CombinePublicKey(crs, []*aggregation.PublicKeyShare{share})
		require.NoError(t, err)
		v, err := otherScheme.Encrypt(sk, pk.Hash(), aggregation.TrainContext(f.studyID, 1), []float64{1, 2, 3, 4, 5})
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		return b
	}()
	malformed := append([]byte(nil), valid...)
	malformed[len(malformed)/2] ^= 0xff

	tests := []struct {
		name   string
		send   func() error
		code   codes.Code
		detail string
	}{
		{"oversized announcement", func() error {
			return upload(f.ctx, h2, h2.key, f.studyID, 1, validHash, testMaxUpdate+1, valid, 1<<20)
		}, codes.ResourceExhausted, "limit"},
		{"more bytes than announced", func() error {
			return upload(f.ctx, h2, h2.key, f.studyID, 1, validHash, uint64(len(valid))-1, valid, 1<<20)
		}, codes.ResourceExhausted, "announced"},
		{"chunk above the gRPC message limit", func() error {
			return upload(f.ctx, h2, h2.key, f.studyID, 1, validHash, 5<<20, make([]byte, 5<<20), 5<<20)
		}, codes.ResourceExhausted, ""},
		{"bad signature", func() error {
			return upload(f.ctx, h2, h3.key, f.studyID, 1, validHash, uint64(len(valid)), valid, 1<<20)
		}, codes.Unauthenticated, "not signed by"},
		{"no commitment on chain", func() error {
			other := f.update(t, h3)
			return upload(f.ctx, h3, h3.key, f.studyID, 1, aggregation.ContentHash(other), uint64(len(other)), other, 1<<20)
		}, codes.FailedPrecondition, "commit on chain"},
		{"wrong round", func() error {
			return upload(f.ctx, h2, h2.key, f.studyID, 2, validHash, uint64(len(valid)), valid, 1<<20)
		}, codes.FailedPrecondition, "round 1"},
		{"another study", func() error {
			return upload(f.ctx, h2, h2.key, f.studyID+1, 1, validHash, uint64(len(valid)), valid, 1<<20)
		}, codes.FailedPrecondition, "study"},
		{"unknown participant", func() error {
			return upload(f.ctx, f.stranger, f.stranger.key, f.studyID, 1, validHash, uint64(len(valid)), valid, 1<<20)
		}, codes.PermissionDenied, "not asked"},
		{"commitment mismatch", func() error {
			other := f.update(t, h2)
			return upload(f.ctx, h2, h2.key, f.studyID, 1, aggregation.ContentHash(other), uint64(len(other)), other, 1<<20)
		}, codes.InvalidArgument, "committed"},
		{"bytes that do not hash to the header", func() error {
			return upload(f.ctx, h2, h2.key, f.studyID, 1, validHash, uint64(len(malformed)), malformed, 1<<20)
		}, codes.InvalidArgument, "hash to"},
		{"replay of an accepted upload", func() error {
			return upload(f.ctx, h1, h1.key, f.studyID, 1, aggregation.ContentHash(good), uint64(len(good)), good, 1<<20)
		}, codes.AlreadyExists, "already"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.send()
			require.Error(t, err)
			assert.Equal(t, tt.code, status.Code(err), "%v", err)
			assert.Contains(t, status.Convert(err).Message(), tt.detail)
			assert.Equal(t, map[common.Address]common.Hash{h1.addr(): aggregation.ContentHash(good)}, f.accepted(), "the accepted update is kept, nothing else")
		})
	}

	t.Run("malformed or wrong-parameter ciphertexts committed on chain", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			h    *hospital
			data []byte
			code codes.Code
		}{
			{"garbage", h3, []byte("not a ciphertext at all"), codes.InvalidArgument},
			// Wider moduli: more bytes than an update of the study's
			// parameters encodes to, refused before they are read.
			{"foreign parameters", h4, foreign, codes.ResourceExhausted},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f.commit(t, tc.h, tc.data)
				err := upload(f.ctx, tc.h, tc.h.key, f.studyID, 1, aggregation.ContentHash(tc.data), uint64(len(tc.data)), tc.data, 1<<20)
				require.Error(t, err)
				assert.Equal(t, tc.code, status.Code(err), "%v", err)
				assert.Len(t, f.accepted(), 1)
			})
		}
	})

	// The honest upload of h2 still goes through after all of that.
	require.NoError(t, upload(f.ctx, h2, h2.key, f.studyID, 1, validHash, uint64(len(valid)), valid, 1<<20))
	assert.Len(t, f.accepted(), 2)
}

// An upload its sender did not commit to is refused, even when the
// refusal can only come after some bytes were sent, and leaves no partial
// blob behind; committed afterwards, the same bytes go through.
func TestUncommittedUploadLeavesNoPartialBlob(t *testing.T) {
	f := newFixture(t)
	h := f.hospitals[0]
	data := f.zeros(t, h, 20_000) // several chunks
	hash := aggregation.ContentHash(data)
	// The first chunk, then a pause: the refusal must not depend on
	// whether bytes were already on their way.
	signed, err := auth.Sign(h.key, f.studyID, 1, auth.KindUpdate, hash)
	require.NoError(t, err)
	signed.Signer = h.addr().Bytes()
	stream, err := h.client.UploadUpdate(f.ctx)
	require.NoError(t, err)
	require.NoError(t, stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: &cohortv1.UpdateHeader{
		StudyId: f.studyID, Round: 1, Size: uint64(len(data)), ContentHash: hash.Bytes(), Auth: signed}}}))
	const chunk = 16 << 10
	require.Greater(t, len(data), 3*chunk)
	for off := 0; off < len(data); off += chunk {
		if stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: data[off:min(off+chunk, len(data))]}}) != nil {
			break
		}
		if off == 0 {
			time.Sleep(200 * time.Millisecond)
		}
	}
	_, err = stream.CloseAndRecv()
	require.Error(t, err)
	assert.Equal(t, codes.FailedPrecondition, status.Code(err), "%v", err)
	assert.Contains(t, status.Convert(err).Message(), "commit on chain")
	_, err = os.Stat(f.coord.store.partialPath(hash))
	assert.ErrorIs(t, err, fs.ErrNotExist, "a partial blob of an uncommitted upload is kept")
	assert.False(t, f.coord.store.Has(hash))
	assert.Empty(t, f.accepted())

	f.commit(t, h, data)
	require.NoError(t, upload(f.ctx, h, h.key, f.studyID, 1, hash, uint64(len(data)), data, chunk))
	assert.Equal(t, map[common.Address]common.Hash{h.addr(): hash}, f.accepted())
}

// An update with a coefficient at or above its prime is refused at the
// door, though it is canonically encoded and hashes to what its sender
// committed: the coordinator checks each row's largest value as the
// stream unpacks it, not every coefficient again after the last byte.
func TestUploadRefusesUnreducedCoefficients(t *testing.T) {
	// The deployed parameters: their primes are just below a power of two,
	// so a row as wide as the largest value reduced modulo its prime can
	// hold the prime.
	f := newFixtureWith(t, aggregation.DefaultConfig())
	h := f.hospitals[0]
	const params = 1000
	data := f.zeros(t, h, params)
	// The one ciphertext's header (degree, rows, values stored), its
	// rows' widths, then its rows: the first value of a row as wide as its
	// prime q becomes q. A fresh update has a row for every modulus.
	n, moduli := f.scheme.Slots(), f.scheme.Parameters().Q()
	rows := len(moduli)
	head := binary.BigEndian.AppendUint32(append(binary.BigEndian.AppendUint32(nil, uint32(n)), byte(rows)), params)
	at := bytes.Index(data, head)
	require.Positive(t, at)
	widths := data[at+len(head) : at+len(head)+rows]
	row, changed := at+len(head)+rows, false
	for r, w := range widths {
		if q := moduli[r]; bits.Len64(q) == int(w) && !changed {
			first := binary.LittleEndian.Uint64(data[row:])
			binary.LittleEndian.PutUint64(data[row:], first&^(1<<w-1)|q)
			changed = true
		}
		row += (params*int(w) + 7) / 8
	}
	require.True(t, changed, "a row as wide as its prime")
	var decoded aggregation.EncryptedVector
	require.NoError(t, decoded.UnmarshalBinary(data), "a canonical encoding")

	f.commit(t, h, data)
	hash := aggregation.ContentHash(data)
	err := upload(f.ctx, h, h.key, f.studyID, 1, hash, uint64(len(data)), data, 1<<20)
	require.Error(t, err)
	assert.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
	assert.Contains(t, status.Convert(err).Message(), "not reduced")
	assert.Empty(t, f.accepted())
	assert.False(t, f.coord.store.Has(hash))
}

// An update decrypts under the key share of the dealer it names, so a
// hospital that uploaded another's dealer id (or the masks of another
// round) could make a decryption reveal that key: the coordinator refuses
// both at the door, however they were committed.
func TestUploadIsBoundToItsSenderAndRound(t *testing.T) {
	f := newFixture(t)
	h1, h2, h3 := f.hospitals[0], f.hospitals[1], f.hospitals[2]
	for _, tc := range []struct {
		name   string
		h      *hospital
		data   []byte
		detail string
	}{
		{"another hospital's dealer id", h1, f.update(t, h2), "sent by the party whose key share is"},
		{"masks of another round", h3, f.updateFor(t, h3.sk, aggregation.TrainContext(f.studyID, 2)), "another study, phase or round"},
		{"masks of the moments phase", h2, f.updateFor(t, h2.sk, aggregation.MomentsContext(f.studyID, []byte("session"))), "another study, phase or round"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.commit(t, tc.h, tc.data)
			err := upload(f.ctx, tc.h, tc.h.key, f.studyID, 1, aggregation.ContentHash(tc.data), uint64(len(tc.data)), tc.data, 1<<20)
			require.Error(t, err)
			assert.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
			assert.Contains(t, status.Convert(err).Message(), tc.detail)
			assert.Empty(t, f.accepted())
		})
	}
}

func TestJoinRefusesStrangersAndReplays(t *testing.T) {
	f := newFixture(t)
	h1, h2 := f.hospitals[0], f.hospitals[1]
	// joinClaiming joins, claiming, or not, to hold no key, the claim
	// signed by claimer (none if nil).
	joinClaiming := func(via *hospital, signer *ecdsa.PrivateKey, name string, cert tls.Certificate, study uint64, noKey bool, claimer *ecdsa.PrivateKey) error {
		signed, err := auth.Sign(signer, f.studyID, 0, auth.KindJoin, auth.JoinContent(name, auth.Fingerprint(cert)))
		require.NoError(t, err)
		var claim *cohortv1.Signed
		if claimer != nil {
			claim, err = auth.Sign(claimer, f.studyID, 0, auth.KindJoin, auth.JoinKeyContent(name, auth.Fingerprint(cert), noKey, 0))
			require.NoError(t, err)
		}
		ctx, cancel := context.WithTimeout(f.ctx, 5*time.Second)
		defer cancel()
		stream, err := via.client.Join(ctx, &cohortv1.JoinRequest{StudyId: study, Name: name, Auth: signed, HoldsNoKey: noKey, KeyAuth: claim})
		if err != nil {
			return err
		}
		_, err = stream.Recv() // the server answers with an error, or blocks until a task
		return err
	}
	join := func(via *hospital, signer *ecdsa.PrivateKey, name string, cert tls.Certificate, study uint64) error {
		return joinClaiming(via, signer, name, cert, study, false, nil)
	}
	tests := []struct {
		name string
		err  func() error
		code codes.Code
	}{
		{"stranger", func() error { return join(f.stranger, f.stranger.key, "stranger", f.stranger.cert, f.studyID) }, codes.PermissionDenied},
		{"a claim to hold no key, unsigned", func() error { return joinClaiming(h1, h1.key, "h1", h1.cert, f.studyID, true, nil) }, codes.Unauthenticated},
		{"a claim to hold no key signed by another member", func() error { return joinClaiming(h1, h1.key, "h1", h1.cert, f.studyID, true, h2.key) }, codes.Unauthenticated},
		{"join replayed over another TLS connection", func() error { return join(h2, h1.key, "h1", h1.cert, f.studyID) }, codes.Unauthenticated},
		{"another study", func() error { return join(h1, h1.key, "h1", h1.cert, f.studyID+7) }, codes.PermissionDenied},
		{"consortium certificate the member registry does not record", func() error {
			other, err := f.ca.IssueClient("h1", h1.addr())
			require.NoError(t, err)
			conn, err := grpc.NewClient(f.listen, grpc.WithTransportCredentials(credentials.NewTLS(auth.ClientConfig(other, f.ca.Pool(), "127.0.0.1", f.coordAcct.Address()))))
			require.NoError(t, err)
			defer conn.Close()
			return join(&hospital{client: cohortv1.NewCoordinatorClient(conn)}, h1.key, "h1", other, f.studyID)
		}, codes.PermissionDenied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			require.Error(t, err)
			assert.Equal(t, tt.code, status.Code(err), "%v", err)
		})
	}
	f.coord.mu.Lock()
	defer f.coord.mu.Unlock()
	assert.Empty(t, f.coord.peers, "no one was registered")
}

func TestDecryptionSharesAreCheckedAndAcceptedOnce(t *testing.T) {
	f := newFixture(t)
	h1, h2 := f.hospitals[0], f.hospitals[1]
	aggHash := crypto.Keccak256Hash([]byte("aggregate"))
	st, err := newDecryptStep(f.studyID, &cohortv1.DecryptTask{Round: 1, AggregateHash: aggHash.Bytes()}, []common.Address{h1.addr(), h2.addr()}, []uint64{1, 2}, 2, nil, nil)
	require.NoError(t, err)
	f.install(st)
	submit := func(h *hospital, signer *ecdsa.PrivateKey, round uint32, share []byte) error {
		signed, err := auth.Sign(signer, f.studyID, round, auth.KindDecryptShare, crypto.Keccak256Hash(share))
		require.NoError(t, err)
		_, err = h.client.SubmitDecryptionShare(f.ctx, &cohortv1.DecryptionShareSubmission{
			StudyId: f.studyID, Round: round, AggregateHash: aggHash.Bytes(), Share: share, Auth: signed,
		})
		return err
	}
	require.NoError(t, submit(h1, h1.key, 1, []byte("share 1")))
	assert.Equal(t, codes.AlreadyExists, status.Code(submit(h1, h1.key, 1, []byte("share 1"))), "replay")
	forged, err := auth.Sign(h2.key, f.studyID, 1, auth.KindDecryptShare, crypto.Keccak256Hash([]byte("other")))
	require.NoError(t, err)
	_, err = h2.client.SubmitDecryptionShare(f.ctx, &cohortv1.DecryptionShareSubmission{StudyId: f.studyID, Round: 1, Share: []byte("share 2"), Auth: forged})
	assert.Equal(t, codes.Unauthenticated, status.Code(err), "signature over other content")
	assert.Equal(t, codes.FailedPrecondition, status.Code(submit(h2, h2.key, 2, []byte("share 2"))), "wrong round")
	assert.Equal(t, codes.PermissionDenied, status.Code(submit(f.stranger, f.stranger.key, 1, []byte("x"))), "not asked")
	aggHash = crypto.Keccak256Hash([]byte("another aggregate"))
	assert.Equal(t, codes.FailedPrecondition, status.Code(submit(h2, h2.key, 1, []byte("share 2"))), "share for another aggregate")
	aggHash = crypto.Keccak256Hash([]byte("aggregate"))
	require.NoError(t, submit(h2, h2.key, 1, []byte("share 2")))
	assert.True(t, f.complete(), "phase complete after both shares")
}

// A member suspended on chain (strikes past the study's limit) cannot commit,
// so its upload is refused; what others committed stays.
func TestSuspendedParticipantIsRefused(t *testing.T) {
	f := newFixture(t)
	h1, h4 := f.hospitals[0], f.hospitals[3]
	good := f.update(t, h1)
	f.commit(t, h1, good)
	require.NoError(t, upload(f.ctx, h1, h1.key, f.studyID, 1, aggregation.ContentHash(good), uint64(len(good)), good, 1<<20))

	f.suspend(t, h4)

	data := f.update(t, h4)
	_, err := f.ledger.CommitUpdate(f.ctx, h4.account, f.studyID, 1, contracts.Commitment{
		CiphertextHash: aggregation.ContentHash(data), Samples: 10, ConsentRoot: crypto.Keccak256Hash([]byte("ids")),
	})
	require.ErrorIs(t, err, contracts.ErrSuspended, "the contract refuses a suspended member's commitment")
	err = upload(f.ctx, h4, h4.key, f.studyID, 1, aggregation.ContentHash(data), uint64(len(data)), data, 1<<20)
	assert.Equal(t, codes.FailedPrecondition, status.Code(err), "%v", err)
	assert.Contains(t, status.Convert(err).Message(), "commit on chain")
	assert.Equal(t, map[common.Address]common.Hash{h1.addr(): aggregation.ContentHash(good)}, f.accepted())
}

// An upload cut short keeps what arrived: the sender asks UploadStatus and
// resumes from there; a resume at another offset is refused.
func TestInterruptedUploadResumes(t *testing.T) {
	f := newFixture(t)
	h2 := f.hospitals[1]
	// An update of 20,000 parameters (c0 alone, 15.75 bytes each) spans
	// several chunks; the coordinator is told the model has that many.
	data := f.zeros(t, h2, 20_000)
	f.commit(t, h2, data)
	hash := aggregation.ContentHash(data)
	const chunk = 64 << 10
	require.Greater(t, len(data), 3*chunk)

	sendAs := func(from *hospital, offset int, upTo int) error {
		signed, err := auth.Sign(from.key, f.studyID, 1, auth.KindUpdate, hash)
		require.NoError(t, err)
		stream, err := from.client.UploadUpdate(f.ctx)
		require.NoError(t, err)
		header := &cohortv1.UpdateHeader{StudyId: f.studyID, Round: 1, Size: uint64(len(data)), ContentHash: hash.Bytes(), Auth: signed, Offset: uint64(offset)}
		require.NoError(t, stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: header}}))
		for off := offset; off < upTo; off += chunk {
			if err := stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: data[off:min(off+chunk, upTo)]}}); err != nil {
				break
			}
		}
		_, err = stream.CloseAndRecv()
		return err
	}
	send := func(offset int, upTo int) error { return sendAs(h2, offset, upTo) }
	uploadStatus := func() *cohortv1.UploadStatusReply {
		signed, err := auth.Sign(h2.key, f.studyID, 1, auth.KindUpdate, hash)
		require.NoError(t, err)
		st, err := h2.client.UploadStatus(f.ctx, &cohortv1.UploadStatusRequest{StudyId: f.studyID, Round: 1, ContentHash: hash.Bytes(), Auth: signed})
		require.NoError(t, err)
		return st
	}

	err := send(0, 2*chunk) // the connection "breaks" after two chunks
	assert.Equal(t, codes.Aborted, status.Code(err), "%v", err)
	assert.Equal(t, uint64(2*chunk), uploadStatus().GetReceived())
	assert.Empty(t, f.accepted(), "nothing accepted from half an update")

	err = send(chunk, len(data))
	assert.Equal(t, codes.FailedPrecondition, status.Code(err), "a resume at the wrong offset is refused: %v", err)
	assert.Equal(t, uint64(2*chunk), uploadStatus().GetReceived(), "and loses nothing")

	// Another hospital, which did not commit to these bytes (it read h2's
	// commitment on chain), "resumes" h2's upload at the right offset or
	// starts it over: it is refused and h2's partial blob stays as it was.
	for _, offset := range []int{2 * chunk, 0} {
		err = sendAs(f.hospitals[0], offset, len(data))
		assert.Equal(t, codes.FailedPrecondition, status.Code(err), "%v", err)
		assert.Equal(t, uint64(2*chunk), uploadStatus().GetReceived(), "a stranger to the commitment touched h2's partial upload")
	}

	require.NoError(t, send(2*chunk, len(data)))
	assert.True(t, uploadStatus().GetComplete())
	assert.Equal(t, map[common.Address]common.Hash{h2.addr(): hash}, f.accepted())
	stored, err := f.coord.store.Get(hash)
	require.NoError(t, err)
	assert.Equal(t, data, stored)
}

// An upload whose every byte reached the partial blob before the
// coordinator stopped (the rename and the receipt had not happened) is
// resumed at its end, with no data: the coordinator checks the bytes it
// holds and accepts them. A sender that started over at byte 0 instead
// was refused at every attempt and its update lost for the round.
func TestUploadWhoseBytesAllArrivedBeforeARestartCompletes(t *testing.T) {
	f := newFixture(t)
	h2 := f.hospitals[1]
	f.installTrain()
	data := f.update(t, h2)
	f.commit(t, h2, data)
	hash := aggregation.ContentHash(data)
	require.NoError(t, os.WriteFile(f.coord.store.partialPath(hash), data, 0o600))
	signed, err := auth.Sign(h2.key, f.studyID, 1, auth.KindUpdate, hash)
	require.NoError(t, err)
	st, err := h2.client.UploadStatus(f.ctx, &cohortv1.UploadStatusRequest{StudyId: f.studyID, Round: 1, ContentHash: hash.Bytes(), Auth: signed})
	require.NoError(t, err)
	require.Equal(t, uint64(len(data)), st.GetReceived())

	err = upload(f.ctx, h2, h2.key, f.studyID, 1, hash, uint64(len(data)), data, 1<<20)
	require.Equal(t, codes.FailedPrecondition, status.Code(err), "starting over at byte 0: %v", err)
	signed, err = auth.Sign(h2.key, f.studyID, 1, auth.KindUpdate, hash)
	require.NoError(t, err)
	stream, err := h2.client.UploadUpdate(f.ctx)
	require.NoError(t, err)
	header := &cohortv1.UpdateHeader{StudyId: f.studyID, Round: 1, Size: uint64(len(data)), ContentHash: hash.Bytes(), Auth: signed, Offset: uint64(len(data))}
	require.NoError(t, stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: header}}))
	receipt, err := stream.CloseAndRecv()
	require.NoError(t, err)
	assert.Equal(t, hash, common.BytesToHash(receipt.GetContentHash()))
	assert.Equal(t, map[common.Address]common.Hash{h2.addr(): hash}, f.accepted())
}

// A re-sharing's dealer shares are accepted only for the current re-sharing
// (epoch and set hash), signed by one dealer it asked, one per new holder
// and for new holders only; confirmations only for the current set, once.
func TestReshareSharesAreCheckedAndAcceptedOnce(t *testing.T) {
	f := newFixture(t)
	h1, h2, h3 := f.hospitals[0], f.hospitals[1], f.hospitals[2]
	setHash := crypto.Keccak256Hash([]byte("re-sharing before round 2"))
	dealing := &reshareDealStep{
		phase: newPhase(protocol.ReshareDeal, 2, []common.Address{h1.addr(), h2.addr()}), plan: &reshare{study: f.studyID, round: 2},
		setHash: setHash, recipients: map[common.Address]bool{h1.addr(): true, h2.addr(): true, h3.addr(): true},
	}
	ph := dealing.phase
	var err error
	dealing.spool, err = f.coord.dealings.begin()
	require.NoError(t, err)
	f.install(dealing)
	deal := func(signer *ecdsa.PrivateKey, signRound uint32, set common.Hash, to ...*hospital) []*cohortv1.EncryptedShare {
		var out []*cohortv1.EncryptedShare
		for _, h := range to {
			ct := []byte("sealed share for " + h.addr().Hex())
			signed, err := auth.Sign(signer, f.studyID, signRound, auth.KindReshareShare, auth.ReshareContent(h.addr(), set, 0, 1, ct))
			require.NoError(t, err)
			out = append(out, &cohortv1.EncryptedShare{Recipient: h.addr().Bytes(), Ciphertext: ct, Auth: signed, Pieces: 1})
		}
		return out
	}
	submit := func(from *hospital, round uint32, set common.Hash, shares []*cohortv1.EncryptedShare) codes.Code {
		_, err := from.client.SubmitReshareShares(f.ctx, &cohortv1.ReshareSharesSubmission{StudyId: f.studyID, Round: round, SetHash: set.Bytes(), Shares: shares})
		return status.Code(err)
	}
	forged := deal(h1.key, 2, setHash, h1, h2, h3)
	forged[2].Ciphertext = []byte("swapped")
	mixed := append(deal(h1.key, 2, setHash, h1, h2), deal(h2.key, 2, setHash, h3)...)
	tests := []struct {
		name   string
		from   *hospital
		round  uint32
		set    common.Hash
		shares []*cohortv1.EncryptedShare
		want   codes.Code
	}{
		{"a signature over other content", h1, 2, setHash, forged, codes.Unauthenticated},
		{"a share for a party outside the new set", h1, 2, setHash, deal(h1.key, 2, setHash, h1, h2, f.hospitals[3]), codes.InvalidArgument},
		{"two dealers in one submission", h1, 2, setHash, mixed, codes.InvalidArgument},
		{"no shares", h1, 2, setHash, nil, codes.InvalidArgument},
		{"an old epoch's shares replayed", h1, 1, setHash, deal(h1.key, 1, setHash, h1, h2, h3), codes.FailedPrecondition},
		{"an old epoch's signature under the current epoch", h1, 2, setHash, deal(h1.key, 1, setHash, h1, h2, h3), codes.Unauthenticated},
		{"shares for another set", h1, 2, crypto.Keccak256Hash([]byte("other")), deal(h1.key, 2, crypto.Keccak256Hash([]byte("other")), h1, h2, h3), codes.FailedPrecondition},
		{"a dealer not asked", h3, 2, setHash, deal(h3.key, 2, setHash, h1, h2, h3), codes.PermissionDenied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, submit(tt.from, tt.round, tt.set, tt.shares))
			assert.Empty(t, ph.got, "nothing accepted")
		})
	}
	require.Equal(t, codes.OK, submit(h1, 2, setHash, deal(h1.key, 2, setHash, h1, h2, h3)))
	assert.Equal(t, codes.AlreadyExists, submit(h1, 2, setHash, deal(h1.key, 2, setHash, h1, h2, h3)), "a second submission")
	require.Equal(t, codes.OK, submit(h2, 2, setHash, deal(h2.key, 2, setHash, h3, h1, h2)))
	assert.True(t, f.complete(), "phase complete after both dealers")

	f.install(&reshareKeyStep{phase: newPhase(protocol.ReshareKey, 2, []common.Address{h1.addr(), h2.addr(), h3.addr()}), dealing: dealing})
	send := func(h *hospital, round uint32, set common.Hash) codes.Code {
		signed, err := auth.Sign(h.key, f.studyID, round, auth.KindReshareKey, set)
		require.NoError(t, err)
		_, err = h.client.ConfirmReshareKey(f.ctx, &cohortv1.ReshareKeyConfirmation{StudyId: f.studyID, Round: round, SetHash: set.Bytes(), Auth: signed})
		return status.Code(err)
	}
	assert.Equal(t, codes.FailedPrecondition, send(h3, 2, crypto.Keccak256Hash([]byte("other"))), "confirmation of another set")
	assert.Equal(t, codes.FailedPrecondition, send(h3, 1, setHash), "confirmation for another epoch")
	assert.Equal(t, codes.PermissionDenied, send(f.stranger, 2, setHash), "a party outside the new set")
	require.Equal(t, codes.OK, send(h3, 2, setHash))
	assert.Equal(t, codes.AlreadyExists, send(h3, 2, setHash), "confirmed twice")
}

// join opens h's task stream; the tasks come on the channel, closed when
// the stream ends.
func (f *fixture) join(t *testing.T, h *hospital) <-chan *cohortv1.Task {
	t.Helper()
	return f.joinUntil(f.ctx, t, h)
}

// joinUntil is join with a stream that ends with ctx.
func (f *fixture) joinUntil(ctx context.Context, t *testing.T, h *hospital) <-chan *cohortv1.Task {
	t.Helper()
	signed, err := auth.Sign(h.key, f.studyID, 0, auth.KindJoin, auth.JoinContent("h", auth.Fingerprint(h.cert)))
	require.NoError(t, err)
	stream, err := h.client.Join(ctx, &cohortv1.JoinRequest{StudyId: f.studyID, Name: "h", Auth: signed})
	require.NoError(t, err)
	got := make(chan *cohortv1.Task, 4)
	go func() {
		for {
			task, err := stream.Recv()
			if err != nil {
				close(got)
				return
			}
			got <- task
		}
	}()
	return got
}

// TestStudyEndReachesLateNodes: the end-of-study task goes to every
// connected node and, once the study ended, to any node that joins later,
// so none waits for a task that never comes.
func TestStudyEndReachesLateNodes(t *testing.T) {
	f := newFixture(t)
	recv := func(h *hospital) <-chan *cohortv1.Task { return f.join(t, h) }
	awaitDone := func(got <-chan *cohortv1.Task) *cohortv1.StudyDone {
		for {
			select {
			case task, ok := <-got:
				require.True(t, ok, "the stream ended without the end-of-study task")
				if d := task.GetDone(); d != nil {
					return d
				}
			case <-time.After(10 * time.Second):
				t.Fatal("no end-of-study task")
			}
		}
	}
	connected := recv(f.hospitals[0])
	require.Eventually(t, func() bool {
		f.coord.mu.Lock()
		defer f.coord.mu.Unlock()
		return len(f.coord.peers) == 1
	}, 10*time.Second, 10*time.Millisecond)

	final := crypto.Keccak256Hash([]byte("final model"))
	f.coord.finish(&cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: f.studyID, FinalModelHash: final.Bytes()}}})
	assert.Equal(t, final.Bytes(), awaitDone(connected).GetFinalModelHash())
	late := recv(f.hospitals[1])
	assert.Equal(t, final.Bytes(), awaitDone(late).GetFinalModelHash(), "a node that joins after the end is told at once")
}

// TestAwaitParticipantsWantsThemOnChain: enough connected nodes are not
// enough when a read of the chain lists fewer participants than the study
// waits for (a hospital joined and connected after the read): key
// generation must not start with the shorter list.
func TestAwaitParticipantsWantsThemOnChain(t *testing.T) {
	f := newFixture(t)
	f.coord.mu.Lock()
	for _, h := range append(f.hospitals, f.stranger) {
		f.coord.peers[h.addr()] = &member{name: "h", tasks: make(chan *cohortv1.Task, taskBuffer)}
	}
	f.coord.cfg.Participants = len(f.hospitals) + 1 // five connected, four on chain
	f.coord.mu.Unlock()
	ctx, cancel := context.WithTimeout(f.ctx, 1500*time.Millisecond)
	defer cancel()
	members, err := f.coord.awaitParticipants(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded, "started with %d members", len(members))

	f.coord.mu.Lock()
	f.coord.cfg.Participants = len(f.hospitals)
	f.coord.mu.Unlock()
	members, err = f.coord.awaitParticipants(f.ctx)
	require.NoError(t, err)
	assert.Len(t, members, len(f.hospitals))
}

// In a batched round a hospital signs its own commitment, so it can sign
// one for any content hash. Each abandoned upload kept its partial blob
// (for a resume) under the hash it named: a hospital that started uploads
// of ever new hashes and broke them off filled the coordinator's disk, up
// to the update limit per hash. Now a sender's first announced update is
// the only one it may upload in the round.
func TestAbandonedUploadsOfNewHashesAreRefused(t *testing.T) {
	f := newFixture(t)
	h := f.hospitals[0]
	var want []common.Address
	for _, o := range f.hospitals {
		want = append(want, o.addr())
	}
	f.install(newTrainStep(f.studyID, &cohortv1.TrainTask{StudyId: f.studyID, Round: 1, CommitBy: 1}, want, testMaxUpdate, f.coord.numParams, f.coord.summer, testDomain))
	// signedBy is what h's header carries in this batched round: its
	// signature of the content and its signed commitment to it.
	signedBy := func(hash common.Hash) (*cohortv1.Signed, *cohortv1.SignedCommitment) {
		signed, err := auth.Sign(h.key, f.studyID, 1, auth.KindUpdate, hash)
		require.NoError(t, err)
		c := contracts.Commitment{CiphertextHash: hash, Samples: 10, ConsentRoot: crypto.Keccak256Hash([]byte("ids"))}
		sc, err := contracts.SignCommitment(h.key, testDomain, f.studyID, 1, c)
		require.NoError(t, err)
		return signed, &cohortv1.SignedCommitment{SampleCount: c.Samples, ConsentRoot: c.ConsentRoot.Bytes(), Signature: sc.Signature}
	}
	abandon := func(hash common.Hash) error {
		signed, commitment := signedBy(hash)
		stream, err := h.client.UploadUpdate(f.ctx)
		require.NoError(t, err)
		size := f.coord.summer.maxUpdateSize(f.coord.numParams) // the most an update may announce
		require.NoError(t, stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: &cohortv1.UpdateHeader{
			StudyId: f.studyID, Round: 1, Size: uint64(size), ContentHash: hash.Bytes(), Auth: signed, Commitment: commitment,
		}}}))
		_ = stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: make([]byte, size/2)}})
		_, err = stream.CloseAndRecv()
		return err
	}
	partials := func() int {
		entries, err := os.ReadDir(f.coord.store.dir)
		require.NoError(t, err)
		n := 0
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "partial-") {
				n++
			}
		}
		return n
	}
	first := crypto.Keccak256Hash([]byte("update 0"))
	err := abandon(first)
	assert.Equal(t, codes.Aborted, status.Code(err), "%v", err)
	require.Equal(t, 1, partials(), "the first upload is kept for a resume")
	for i := 1; i <= 4; i++ {
		err := abandon(crypto.Keccak256Hash([]byte(fmt.Sprintf("update %d", i))))
		assert.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
	}
	assert.Equal(t, 1, partials(), "an upload of another update than the one announced left a partial blob")
	signed, commitment := signedBy(first)
	st, err := h.client.UploadStatus(f.ctx, &cohortv1.UploadStatusRequest{StudyId: f.studyID, Round: 1, ContentHash: first.Bytes(), Auth: signed, Commitment: commitment})
	require.NoError(t, err)
	assert.Equal(t, uint64(f.coord.summer.maxUpdateSize(f.coord.numParams)/2), st.GetReceived(), "the announced update's partial blob is kept for its resume")
	_, err = h.client.UploadStatus(f.ctx, &cohortv1.UploadStatusRequest{StudyId: f.studyID, Round: 1, ContentHash: first.Bytes(), Auth: signed})
	assert.Equal(t, codes.PermissionDenied, status.Code(err), "in a batched round, without the commitment its upload carries: %v", err)
}

// OpenChunks opened the vectors a request named on every core, ahead of
// the stream, with nothing to hold the workers back: a member that asked
// for up to 4096 stored vectors and did not read its stream had every one
// of them decoded and held in memory (16 MB for an update of 1M values).
// The workers now stay a few vectors ahead of what the stream has sent.
func TestChunkOpeningStaysNearTheStream(t *testing.T) {
	f := newFixture(t)
	h := f.hospitals[0]
	var hashes []common.Hash
	for i := range 40 {
		v, err := f.scheme.Encrypt(h.sk, f.pk.Hash(), aggregation.TrainContext(f.studyID, uint32(i+1)), make([]float64, 10))
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		hash, err := f.coord.store.Put(b)
		require.NoError(t, err)
		hashes = append(hashes, hash)
	}
	s := &server{c: f.coord}
	done := make(chan struct{})
	defer close(done)
	take := s.openAhead(hashes, done)
	require.NoError(t, take(0).err) // the stream sends one proof, then its reader stalls
	time.Sleep(500 * time.Millisecond)
	s.openers.mu.Lock()
	n := len(s.openers.byHash)
	s.openers.mu.Unlock()
	assert.LessOrEqual(t, n, 1+2*runtime.GOMAXPROCS(0), "vectors opened ahead of a stalled stream")

	// Those kept for the next holder are bounded in bytes too.
	op, err := s.openers.get(f.coord.store, hashes[0])
	require.NoError(t, err)
	kept := &server{c: f.coord}
	kept.openers.maxBytes = 5 * op.Size()
	take = kept.openAhead(hashes, done)
	for i := range hashes {
		require.NoError(t, take(i).err)
	}
	kept.openers.mu.Lock()
	defer kept.openers.mu.Unlock()
	assert.LessOrEqual(t, kept.openers.bytes, kept.openers.maxBytes)
	assert.LessOrEqual(t, len(kept.openers.byHash), 5)
}

// A hospital that has just joined the study through its own Ethereum
// node connects to a coordinator whose node is still a block behind its
// join (CI saw it on one geth node, between a block's receipt and its
// becoming the head). Without the join's block the coordinator reads
// membership at once and refuses a member as a stranger, for good (the
// node does not retry PermissionDenied); with it, it waits until its node
// has the block. A node that stays behind gets Unavailable, which the
// participant retries, naming both blocks.
func TestJoinWaitsForTheCoordinatorsChain(t *testing.T) {
	f := newFixture(t)
	h := f.hospitals[3] // the last to join in the fixture
	// The coordinator's node is held just before h's join.
	head, err := f.ledger.BlockNumber(f.ctx)
	require.NoError(t, err)
	view, lag, err := f.chain.Lagging(0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	behind, err := contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)
	var joinedAt uint64
	for l := uint64(1); l <= 10 && joinedAt == 0; l++ {
		lag.Set(l)
		member, err := behind.IsParticipant(f.ctx, f.studyID, h.addr())
		require.NoError(t, err)
		if !member {
			joinedAt = head - l + 1
		}
	}
	require.NotZero(t, joinedAt, "the lagging view does not see the join")
	f.coord.ledger = behind
	// The wait outlasts anything a loaded machine does before the node
	// catches up below (with 3 s, a test held up that long saw the join
	// refused); the node that stays behind is given 3 s.
	f.coord.cfg.ChainCatchUp = time.Minute

	join := func(block uint64) error {
		signed, err := auth.Sign(h.key, f.studyID, 0, auth.KindJoin, auth.JoinContent("h4", auth.Fingerprint(h.cert)))
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(f.ctx, 90*time.Second)
		defer cancel()
		stream, err := h.client.Join(ctx, &cohortv1.JoinRequest{StudyId: f.studyID, Name: "h4", Auth: signed, ChainBlock: block})
		if err != nil {
			return err
		}
		_, err = stream.Recv() // an error, or the first task once joined
		return err
	}
	joined := func() bool {
		f.coord.mu.Lock()
		defer f.coord.mu.Unlock()
		_, ok := f.coord.peers[h.addr()]
		return ok
	}

	err = join(0)
	require.Equal(t, codes.PermissionDenied, status.Code(err), "without the join's block: %v", err)

	done := make(chan error, 1)
	go func() { done <- join(joinedAt) }()
	time.Sleep(200 * time.Millisecond)
	assert.False(t, joined(), "the coordinator waits for its node to reach the join")
	lag.Set(0)
	require.Eventually(t, joined, 30*time.Second, 20*time.Millisecond, "joined once the coordinator's node has the block")
	select {
	case err := <-done:
		t.Fatalf("the joined stream ended: %v", err)
	default:
	}

	lag.Set(5)
	// Read at each join: the join above read its minute before it joined.
	f.coord.cfg.ChainCatchUp = 3 * time.Second
	err = join(head + 2) // near enough to wait for (maxJoinBlockLead)
	require.Equal(t, codes.Unavailable, status.Code(err), "a node that stays behind: %v", err)
	assert.Contains(t, status.Convert(err).Message(), fmt.Sprintf("behind block %d at which this participant joined", head+2))
}

// A joining node names the block of its join (JoinRequest.chain_block),
// and the coordinator waits up to ChainCatchUp for its own chain to have
// it. Anyone with a consortium certificate could hold a Join stream that
// long by naming a block the coordinator's chain does not have: a block
// far beyond its head, which no node a little behind explains, and a
// signer that is not a consortium member as of that head, who can have
// joined nothing since, are refused at once, before any wait, with
// Unavailable (the coordinator's chain may be what is behind: an honest
// node tries again later) and a message that says which.
//
// A far block is counted as a failure of its own
// (cohort_failures_total{what="join_block_far"}): the coordinator's node
// may be out of sync, and only its log said so.
func TestJoinRefusesBeforeWaitingForAFarBlockOrANonMember(t *testing.T) {
	f := newFixture(t)
	f.coord.cfg.ChainCatchUp = 30 * time.Second
	metrics := monitoring.New("coordinator", f.studyID)
	f.coord.log = metrics.Logger(slog.New(slog.NewTextHandler(io.Discard, nil))) // enabled: a discarding handler would skip the counting
	head, err := f.ledger.BlockNumber(f.ctx)
	require.NoError(t, err)
	join := func(h *hospital, name string, block uint64) error {
		signed, err := auth.Sign(h.key, f.studyID, 0, auth.KindJoin, auth.JoinContent(name, auth.Fingerprint(h.cert)))
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(f.ctx, 90*time.Second)
		defer cancel()
		stream, err := h.client.Join(ctx, &cohortv1.JoinRequest{StudyId: f.studyID, Name: name, Auth: signed, ChainBlock: block})
		if err != nil {
			return err
		}
		_, err = stream.Recv()
		return err
	}
	for _, tt := range []struct {
		name   string
		h      *hospital
		block  uint64
		detail string
	}{
		{"a far block", f.hospitals[0], head + maxJoinBlockLead + 1, fmt.Sprintf("more than %d blocks", maxJoinBlockLead)},
		{"a non-member", f.stranger, head + 1, "not an active consortium member"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			err := join(tt.h, "h", tt.block)
			assert.Less(t, time.Since(start), 10*time.Second, "refused only after waiting")
			require.Equal(t, codes.Unavailable, status.Code(err), "%v", err)
			assert.Contains(t, status.Convert(err).Message(), tt.detail)
		})
	}
	assert.Equal(t, 1.0, failuresCounted(t, metrics, "join_block_far"), "the far block, not the non-member")
}

// failuresCounted scrapes m's /metrics and returns
// cohort_failures_total{what}, 0 if it has no such series.
func failuresCounted(t *testing.T, m *monitoring.Metrics, what string) float64 {
	t.Helper()
	addr, stop, err := m.Serve("127.0.0.1:0", func(context.Context) (uint64, error) { return 1, nil }, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	defer stop()
	resp, err := http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	var parser expfmt.TextParser
	fams, err := parser.TextToMetricFamilies(resp.Body)
	require.NoError(t, err)
	for _, series := range fams["cohort_failures_total"].GetMetric() {
		for _, l := range series.GetLabel() {
			if l.GetName() == "what" && l.GetValue() == what {
				return series.GetCounter().GetValue()
			}
		}
	}
	return 0
}

// TestJoinNamesTheParticipantAsTheRegistryDoes: a node whose config names
// another institution (a copied config with hospital-2's key and
// certificate, named hospital-3) was logged under the configured name; the
// coordinator now logs the member registry's name and warns of the other.
func TestJoinNamesTheParticipantAsTheRegistryDoes(t *testing.T) {
	f := newFixture(t)
	var logs syncLog
	f.coord.log = slog.New(slog.NewTextHandler(&logs, nil))
	f.join(t, f.hospitals[0]) // configured name "h", registry name "h1"
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "participant joined") }, 10*time.Second, 10*time.Millisecond)
	assert.Contains(t, logs.String(), `msg="participant joined" name=h1 `)
	assert.Contains(t, logs.String(), "configured=h registry=h1")
}

// A Join's configured name is the sender's free choice, only signed, and
// the coordinator logged it whole when it was not the registry's: a member
// joining again and again with a name of 1 MiB (64 MiB fit in a message)
// wrote that much to the coordinator's log each time. The warning now
// logs at most maxLoggedName bytes of it.
func TestJoinLogsABoundedConfiguredName(t *testing.T) {
	f := newFixture(t)
	var logs syncLog
	f.coord.log = slog.New(slog.NewTextHandler(&logs, nil))
	h := f.hospitals[0]
	name := strings.Repeat("é", 1<<19) // 1 MiB, two bytes a rune
	signed, err := auth.Sign(h.key, f.studyID, 0, auth.KindJoin, auth.JoinContent(name, auth.Fingerprint(h.cert)))
	require.NoError(t, err)
	_, err = h.client.Join(f.ctx, &cohortv1.JoinRequest{StudyId: f.studyID, Name: name, Auth: signed})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "participant joined") }, 10*time.Second, 10*time.Millisecond)
	assert.Less(t, len(logs.String()), 4096, "the configured name is not logged whole")
	assert.Contains(t, logs.String(), "configured="+strings.Repeat("é", 10), "its start is logged")
	assert.Contains(t, logs.String(), "registry=h1")
}
