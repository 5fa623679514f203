package participant

import (
	"context"
	"crypto/ecdsa"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// momentsClient is a coordinator that serves blobs and counts confirmations.
type momentsClient struct {
	blobClient
	confirmed []common.Hash
}

func (c *momentsClient) ConfirmMoments(_ context.Context, in *cohortv1.MomentsConfirmation, _ ...grpc.CallOption) (*cohortv1.Ack, error) {
	c.confirmed = append(c.confirmed, common.BytesToHash(in.GetStandardiserHash()))
	return &cohortv1.Ack{}, nil
}

// momentsFixture is a two-hospital study with a real collective key, and a
// moments phase's honest outcome built by hand, for a participant to check.
type momentsFixture struct {
	ctx     context.Context
	ledger  *contracts.Ledger
	study   uint64
	coord   *contracts.Account
	keys    []*ecdsa.PrivateKey
	sealers []*homomorphicSealer
	scheme  *aggregation.Scheme
	pk      *aggregation.PublicKey
	client  *momentsClient
	scales  []float64
	honest  *cohortv1.MomentsResultTask
	clear   records.Standardiser // from the moments summed in the clear
}

func newMomentsFixture(t *testing.T) *momentsFixture {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	f := &momentsFixture{ctx: ctx, keys: []*ecdsa.PrivateKey{mustKey(t), mustKey(t)}, scales: []float64{10, 1}}
	f.coord = contracts.NewAccount(mustKey(t))
	accounts := []*contracts.Account{contracts.NewAccount(f.keys[0]), contracts.NewAccount(f.keys[1])}
	chain, err := contracts.NewSimulatedChain(accounts[0].Address(), accounts[1].Address(), f.coord.Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	f.ledger, _, err = contracts.Deploy(ctx, chain, accounts[0], []contracts.Member{
		{Address: accounts[0].Address(), Name: "h1", TLSFingerprint: common.Hash{1}},
		{Address: accounts[1].Address(), Name: "h2", TLSFingerprint: common.Hash{2}},
	})
	require.NoError(t, err)
	f.study, _, err = f.ledger.CreateStudy(ctx, accounts[0], contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: 3, MinParticipants: 2, Threshold: 2,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{3}, Coordinator: f.coord.Address(),
	})
	require.NoError(t, err)
	f.scheme, err = aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	crs := aggregation.CommonSeed([]byte("moments test"))
	var pkShares []*aggregation.PublicKeyShare
	for i := range f.keys {
		_, err := f.ledger.JoinStudy(ctx, accounts[i], f.study)
		require.NoError(t, err)
		s := &homomorphicSealer{scheme: f.scheme, id: aggregation.DealerID(f.study, accounts[i].Address().Bytes())}
		f.sealers = append(f.sealers, s)
		b, err := s.publicKeyShare(crs)
		require.NoError(t, err)
		share := new(aggregation.PublicKeyShare)
		require.NoError(t, share.UnmarshalBinary(b))
		pkShares = append(pkShares, share)
	}
	f.pk, err = f.scheme.CombinePublicKey(crs, pkShares)
	require.NoError(t, err)
	_, err = f.ledger.SetPublicKeyHash(ctx, f.coord, f.study, f.pk.Hash())
	require.NoError(t, err)
	f.client = &momentsClient{blobClient: blobClient{blobs: map[common.Hash][]byte{}}}

	// Two sites' raw records, on different scales.
	sites := [][]records.Record{
		{{ID: "a", Features: []float64{30, 1.5}}, {ID: "b", Features: []float64{50, 0.5}}, {ID: "c", Features: []float64{40, 2}}},
		{{ID: "d", Features: []float64{70, -1}}, {ID: "e", Features: []float64{60, 0}}},
	}
	session := make([]byte, 32)
	session[0] = 7
	res := &cohortv1.MomentsResultTask{StudyId: f.study, Session: session, Scales: f.scales}
	var ms []records.Moments
	for _, s := range sites {
		res.Total += uint64(len(s))
	}
	var cts []*aggregation.EncryptedVector
	for i, s := range sites {
		m, err := records.ComputeMoments(s, 2)
		require.NoError(t, err)
		ms = append(ms, m)
		count := uint64(len(s))
		signed, err := auth.Sign(f.keys[i], f.study, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, count))
		require.NoError(t, err)
		res.Counts = append(res.Counts, &cohortv1.MomentsCount{StudyId: f.study, Session: session, Count: count, Auth: signed})
		v, err := m.Encode(float64(res.Total), f.scales, f.scheme.MaxAbsValue())
		require.NoError(t, err)
		ct, err := f.scheme.Encrypt(f.sealers[i].secret, f.pk.Hash(), aggregation.MomentsContext(f.study, session), v)
		require.NoError(t, err)
		cts = append(cts, ct)
		h := f.serve(t, ct)
		signed, err = auth.Sign(f.keys[i], f.study, 0, auth.KindMoments, auth.MomentsContent(session, h))
		require.NoError(t, err)
		res.Contributions = append(res.Contributions, &cohortv1.MomentsContribution{CiphertextHash: h.Bytes(), Auth: signed})
	}
	agg, err := f.scheme.WeightedSum(cts, []float64{1, 1})
	require.NoError(t, err)
	aggHash := f.serve(t, agg)
	res.AggregateHash = aggHash.Bytes()
	aggBytes := f.client.blobs[aggHash]
	var shares [][]byte
	for i, s := range f.sealers {
		share, err := s.decryptionShare(aggBytes, nil)
		require.NoError(t, err)
		shares = append(shares, share)
		signed, err := auth.Sign(f.keys[i], f.study, 0, auth.KindMomentsShare, auth.MomentsShareContent(aggHash, nil, share))
		require.NoError(t, err)
		res.Shares = append(res.Shares, &cohortv1.MomentsShareSubmission{StudyId: f.study, AggregateHash: aggHash.Bytes(), Share: share, Auth: signed})
	}
	plain, err := f.sealers[0].open(aggBytes, shares)
	require.NoError(t, err)
	std, err := records.PooledStandardiser(plain, float64(res.Total), f.scales)
	require.NoError(t, err)
	res.Standardiser, err = std.Encode()
	require.NoError(t, err)
	f.honest = res

	sum, err := records.SumMoments(ms...)
	require.NoError(t, err)
	f.clear, err = records.NewStandardiser(sum)
	require.NoError(t, err)
	return f
}

func (f *momentsFixture) serve(t *testing.T, v *aggregation.EncryptedVector) common.Hash {
	t.Helper()
	b, err := v.MarshalBinary()
	require.NoError(t, err)
	h := aggregation.ContentHash(b)
	f.client.blobs[h] = b
	return h
}

// participant is hospital 2 with pooled standardisation and dataDir.
func (f *momentsFixture) participant(dataDir string, mode records.Standardisation) *Participant {
	account := contracts.NewAccount(f.keys[1])
	return &Participant{
		steps: steps{
			name: "h2", studyID: f.study, self: account.Address(), key: f.keys[1], sealer: f.sealers[1],
			standardisation: mode, scales: f.scales, pubKey: must(f.pk.MarshalBinary()),
		},
		cfg:    Config{Name: "h2", StudyID: f.study, DataDir: dataDir, Scales: f.scales, Standardisation: mode},
		client: f.client, ledger: f.ledger, account: account, log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// A participant keeps and confirms the pooled standardiser only when it
// can check it: the signed counts add up, the sum is of one signed
// ciphertext per counted site, at least two, the signed shares (at least
// the threshold) decrypt it to this standardiser. The one it keeps equals
// the clear pooled standardiser within records.PooledPrecision.
func TestParticipantChecksThePooledStandardiser(t *testing.T) {
	f := newMomentsFixture(t)
	tamper := func(edit func(r *cohortv1.MomentsResultTask)) *cohortv1.MomentsResultTask {
		r := proto.Clone(f.honest).(*cohortv1.MomentsResultTask)
		edit(r)
		return r
	}
	stranger := mustKey(t)
	refusals := []struct {
		name string
		task *cohortv1.MomentsResultTask
	}{
		{"a tampered standardiser", tamper(func(r *cohortv1.MomentsResultTask) {
			std, err := records.DecodeStandardiser(r.Standardiser)
			require.NoError(t, err)
			std.Mean[0] += 1e-3
			r.Standardiser, err = std.Encode()
			require.NoError(t, err)
		})},
		{"a count changed after signing", tamper(func(r *cohortv1.MomentsResultTask) { r.Counts[0].Count++; r.Total++ })},
		{"a total that is not the counts' sum", tamper(func(r *cohortv1.MomentsResultTask) { r.Total++ })},
		{"a count signed by a stranger", tamper(func(r *cohortv1.MomentsResultTask) {
			signed, err := auth.Sign(stranger, f.study, 0, auth.KindMomentsCount, auth.MomentsCountContent(r.Session, r.Counts[0].Count))
			require.NoError(t, err)
			r.Counts[0].Auth = signed
		})},
		{"a count replayed from another run of the phase", tamper(func(r *cohortv1.MomentsResultTask) { r.Counts[0].Session = make([]byte, 32) })},
		{"one site's moments alone", tamper(func(r *cohortv1.MomentsResultTask) {
			r.Counts, r.Contributions, r.Total = r.Counts[1:], r.Contributions[1:], r.Counts[1].Count
			r.AggregateHash = r.Contributions[0].CiphertextHash
		})},
		{"a site's ciphertext passed off as the sum", tamper(func(r *cohortv1.MomentsResultTask) {
			r.AggregateHash = r.Contributions[0].CiphertextHash
		})},
		{"a contribution left out", tamper(func(r *cohortv1.MomentsResultTask) { r.Contributions = r.Contributions[:1] })},
		{"fewer shares than the threshold", tamper(func(r *cohortv1.MomentsResultTask) { r.Shares = r.Shares[:1] })},
		{"a share signed by a stranger", tamper(func(r *cohortv1.MomentsResultTask) {
			signed, err := auth.Sign(stranger, f.study, 0, auth.KindMomentsShare, auth.MomentsShareContent(common.BytesToHash(r.AggregateHash), r.Shares[0].ActivePoints, r.Shares[0].Share))
			require.NoError(t, err)
			r.Shares[0].Auth = signed
		})},
		{"the same share twice", tamper(func(r *cohortv1.MomentsResultTask) { r.Shares[1] = r.Shares[0] })},
		{"an undecodable standardiser", tamper(func(r *cohortv1.MomentsResultTask) { r.Standardiser = []byte(`{"mean":[1],"scale":[0]}`) })},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := f.participant(dir, records.StandardisePooled)
			err := p.acceptStandardiser(f.ctx, tt.task)
			require.ErrorIs(t, err, ErrBadStandardiser)
			assert.Nil(t, p.agreed)
			assert.Empty(t, f.client.confirmed, "nothing confirmed")
			assert.NoFileExists(t, filepath.Join(dir, "standardiser.json"))
		})
	}

	dir := t.TempDir()
	t.Run("the honest standardiser is kept and confirmed", func(t *testing.T) {
		p := f.participant(dir, records.StandardisePooled)
		require.NoError(t, p.acceptStandardiser(f.ctx, f.honest))
		want := crypto.Keccak256Hash(f.honest.Standardiser)
		assert.Equal(t, []common.Hash{want}, f.client.confirmed)
		assert.True(t, f.clear.Within(p.agreed.std, records.PooledPrecision), "through encryption %v, in the clear %v", p.agreed.std, f.clear)
		out, err := p.prepare([]records.Record{{ID: "x", Features: []float64{50, 0.8}}}, want.Bytes())
		require.NoError(t, err)
		assert.InDelta(t, (50-f.clear.Mean[0])/f.clear.Scale[0], out[0].Features[0], 1e-4)
	})
	t.Run("a restarted node resumes with the kept standardiser", func(t *testing.T) {
		p := f.participant(dir, records.StandardisePooled)
		require.NoError(t, p.loadStandardiser())
		require.NotNil(t, p.agreed)
		assert.Equal(t, crypto.Keccak256Hash(f.honest.Standardiser), p.agreed.hash)
		_, err := p.prepare(nil, crypto.Keccak256Hash(f.honest.Standardiser).Bytes())
		require.NoError(t, err)
		_, err = p.prepare(nil, common.Hash{1}.Bytes())
		require.ErrorIs(t, err, ErrChainMismatch, "a task naming another standardiser is refused")
	})
	t.Run("no other standardiser once round 1 opened", func(t *testing.T) {
		_, err := f.ledger.OpenRound(f.ctx, f.coord, f.study, 1, common.Hash{9}, time.Now().Add(time.Hour))
		require.NoError(t, err)
		p := f.participant(dir, records.StandardisePooled)
		require.NoError(t, p.loadStandardiser())
		other := tamper(func(r *cohortv1.MomentsResultTask) { r.Standardiser = []byte(`{"mean":[0,0],"scale":[1,1]}`) })
		require.ErrorIs(t, p.acceptStandardiser(f.ctx, other), ErrBadStandardiser)
		require.NoError(t, p.acceptStandardiser(f.ctx, f.honest), "the same one is confirmed again")
	})
	t.Run("a node without one refuses to train", func(t *testing.T) {
		p := f.participant(t.TempDir(), records.StandardisePooled)
		_, err := p.prepare(nil, nil)
		require.ErrorIs(t, err, ErrNoStandardiser)
	})
}

// A node whose standardisation differs from the study's stops with
// ErrStandardisation, whichever task shows it.
func TestStandardisationModesMustAgree(t *testing.T) {
	f := newMomentsFixture(t)
	tests := []struct {
		name string
		mode records.Standardisation
		task *cohortv1.Task
	}{
		{"a site-standardising node asked for moments", records.StandardiseSite,
			&cohortv1.Task{Kind: &cohortv1.Task_MomentsCount{MomentsCount: &cohortv1.MomentsCountTask{StudyId: f.study, Session: make([]byte, 32), Scales: f.scales}}}},
		{"a site-standardising node sent a pooled standardiser", records.StandardiseSite,
			&cohortv1.Task{Kind: &cohortv1.Task_MomentsResult{MomentsResult: f.honest}}},
		{"a pooled node asked to train in a site-standardised study", records.StandardisePooled,
			&cohortv1.Task{Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{StudyId: f.study, Round: 1, Standardisation: "site"}}}},
		{"a site node asked to train in a pooled study", records.StandardiseSite,
			&cohortv1.Task{Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{StudyId: f.study, Round: 1, Standardisation: "pooled"}}}},
		{"a pooled node asked to train in a study that does not say", records.StandardisePooled,
			&cohortv1.Task{Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{StudyId: f.study, Round: 1}}}},
		{"an unknown mode", records.StandardiseSite,
			&cohortv1.Task{Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{StudyId: f.study, Round: 1, Standardisation: "global"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := f.participant(t.TempDir(), tt.mode)
			err := p.handle(f.ctx, tt.task)
			require.ErrorIs(t, err, ErrStandardisation)
			assert.Contains(t, err.Error(), "set its standardise option")
		})
	}
	t.Run("other scales (another schema)", func(t *testing.T) {
		p := f.participant(t.TempDir(), records.StandardisePooled)
		p.scales = []float64{1, 1}
		err := p.handle(f.ctx, &cohortv1.Task{Kind: &cohortv1.Task_MomentsResult{MomentsResult: f.honest}})
		require.ErrorIs(t, err, ErrStandardisation)
		assert.Contains(t, err.Error(), "use the study's schema")
	})
}

func TestKeptStandardiserCorrupt(t *testing.T) {
	f := newMomentsFixture(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "standardiser.json"), []byte(`{"study_id": 999, "standardiser": ""}`), 0o600))
	p := f.participant(dir, records.StandardisePooled)
	require.ErrorContains(t, p.loadStandardiser(), "corrupt or another study's")
}

// taskStream yields its tasks, then ends.
type taskStream struct {
	grpc.ServerStreamingClient[cohortv1.Task]
	tasks []*cohortv1.Task
}

func (s *taskStream) Recv() (*cohortv1.Task, error) {
	if len(s.tasks) == 0 {
		return nil, io.EOF
	}
	t := s.tasks[0]
	s.tasks = s.tasks[1:]
	return t, nil
}

type joinClient struct {
	momentsClient
	tasks []*cohortv1.Task
}

func (c *joinClient) Join(context.Context, *cohortv1.JoinRequest, ...grpc.CallOption) (grpc.ServerStreamingClient[cohortv1.Task], error) {
	return &taskStream{tasks: c.tasks}, nil
}

// A node whose standardisation disagrees with the study's stops: Run
// returns the error instead of logging it and waiting for the next task.
func TestRunStopsOnStandardisationMismatch(t *testing.T) {
	f := newMomentsFixture(t)
	p := f.participant(t.TempDir(), records.StandardiseSite)
	p.client = &joinClient{tasks: []*cohortv1.Task{
		{Kind: &cohortv1.Task_MomentsCount{MomentsCount: &cohortv1.MomentsCountTask{StudyId: f.study, Session: make([]byte, 32), Scales: f.scales}}},
	}}
	p.cfg.RetryBase = time.Millisecond
	err := p.Run(f.ctx)
	require.ErrorIs(t, err, ErrStandardisation)
	require.ErrorContains(t, err, `the study uses "pooled" standardisation, h2 is configured for "site"; set its standardise option to "pooled"`)
}

// A hospital reads the moments bounds it holds the counts to from the key
// the moments task names, as the coordinator does from its run's key, and
// no longer at the study's latest PublicKeySet: the key set again during
// the run moved that block, and an honest count of three (a patient
// revoking after it, the key set again after midnight) was refused, its
// hospital named as the inflator. The same key set again now leaves the
// bound at three; a task naming a key the study replaced since, as a
// hostile coordinator might to pick an older block, is refused with no
// count judged. Setting that replaced key again, to begin its tenure anew
// after midnight, read a bound of two for the honest three: the contract
// now refuses a retired key, and the task under it stays refused.
func TestSampleBoundsAreReadFromTheTasksKey(t *testing.T) {
	f := newConsentChain(t)
	id, _, err := f.ledger.CreateStudy(f.ctx, f.hospital, contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: f.purpose, Rounds: 5, MinParticipants: 1, Threshold: 1,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{2}, Coordinator: f.coord.Address(), BindSamples: true,
	})
	require.NoError(t, err)
	_, err = f.ledger.JoinStudy(f.ctx, f.hospital, id)
	require.NoError(t, err)
	require.NoError(t, f.ledger.OpenSampleCounts(f.ctx, f.hospital, id))
	patients := []*ecdsa.PrivateKey{mustKey(t), mustKey(t), mustKey(t)}
	for _, k := range patients {
		f.relay(t, k, contracts.ConsentScope{StudyID: id}, true, time.Now().Add(365*24*time.Hour))
	}
	key := common.Hash{7}
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, key)
	require.NoError(t, err)
	session := []byte("session")
	signed, err := auth.Sign(f.hospitalKey, id, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, 3))
	require.NoError(t, err)
	counts := []*cohortv1.MomentsCount{{StudyId: id, Session: session, Count: 3, Auth: signed}}

	f.relay(t, patients[0], contracts.ConsentScope{StudyID: id}, false, time.Time{})
	now, err := f.chain.HeadTime(f.ctx)
	require.NoError(t, err)
	now = now.UTC()
	require.NoError(t, f.chain.AdvanceTime(now.Truncate(24*time.Hour).Add(24*time.Hour+time.Second).Sub(now)))
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, key)
	require.NoError(t, err, "the same key set again, after midnight")

	p := quietParticipant(f, records.Site{}, ConsentChain, t.TempDir())
	p.cfg.StudyID, p.studyID = id, id
	bounds, err := p.sampleBounds(f.ctx, key, counts)
	require.NoError(t, err)
	assert.Equal(t, map[common.Address]uint64{f.hospital.Address(): 3}, bounds, "the honest count of three is within its bound")

	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, common.Hash{8})
	require.NoError(t, err)
	_, err = p.sampleBounds(f.ctx, key, counts)
	require.ErrorIs(t, err, contracts.ErrPublicKeyChanged, "a task under a key the study replaced")
	assert.NotErrorIs(t, err, ErrBadStandardiser, "no count judged, no hospital named")
	bounds, err = p.sampleBounds(f.ctx, common.Hash{8}, counts)
	require.NoError(t, err)
	assert.Equal(t, map[common.Address]uint64{f.hospital.Address(): 2}, bounds, "a run under the new key: the revocation of the day before is not added back")

	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, key)
	require.ErrorIs(t, err, contracts.ErrPublicKeyRetired, "the replaced key set again, its tenure begun anew")
	_, err = p.sampleBounds(f.ctx, key, counts)
	require.ErrorIs(t, err, contracts.ErrPublicKeyChanged, "a task under the replaced key: no count judged")
}

// A hospital that checked the study's key and kept it refuses a moments
// task under that key once the chain records another (a coordinator may
// set the key again until round 1 opens), in a study that does not bind
// sample counts to consent, where no bound read refuses it: the key kept
// is used only for the hash the chain records when the task comes. The
// refusal names both keys and what the coordinator must do; nothing is
// encrypted.
func TestMomentsTaskUnderAReplacedKeyIsRefused(t *testing.T) {
	f := newMomentsFixture(t)
	p := f.participant(t.TempDir(), records.StandardisePooled)
	p.pkHash = f.pk.Hash() // checked and kept, as at the key generation
	m, err := records.ComputeMoments([]records.Record{{ID: "d", Features: []float64{70, -1}}, {ID: "e", Features: []float64{60, 0}}}, 2)
	require.NoError(t, err)
	p.moments = &momentsRun{session: f.honest.Session, count: 2, moments: m}
	binds, err := f.ledger.SamplesBound(f.ctx, f.study)
	require.NoError(t, err)
	require.False(t, binds, "a study that does not bind sample counts")

	replaced := common.Hash{9}
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, f.study, replaced)
	require.NoError(t, err)
	task := &cohortv1.MomentsTask{StudyId: f.study, Session: f.honest.Session, Total: f.honest.Total, Counts: f.honest.Counts,
		Scales: f.scales, PublicKeyHash: f.pk.Hash().Bytes()}
	err = p.encryptMoments(f.ctx, task)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.ErrorContains(t, err, replaced.Hex())
	assert.ErrorContains(t, err, f.pk.Hash().Hex())
	assert.ErrorContains(t, err, "the coordinator must send the task again under the chain's key")
	assert.Nil(t, p.moments.sealed, "nothing encrypted")
}
