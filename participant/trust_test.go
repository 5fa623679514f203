package participant

import (
	"context"
	"crypto/ecdsa"
	"io"
	"log/slog"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// trustFixture is a robust study of three hospitals with a 2-of-3 threshold
// key: two honest updates and a sign-flipped one each round. It plays the
// coordinator's part of scoring honestly (the holders' score shares are
// real) so a test can then skew what it records and asks to decrypt.
type trustFixture struct {
	ctx      context.Context
	scheme   *aggregation.Scheme
	policy   *aggregation.RobustPolicy
	chain    *contracts.Chain
	ledger   *contracts.Ledger
	study    uint64
	coord    *contracts.Account
	keys     []*ecdsa.PrivateKey
	accounts []*contracts.Account
	sealers  []*homomorphicSealer
	pk       *aggregation.PublicKey
	client   *blobClient
	spec     models.Spec
	global   []float64
	root     models.Dataset
	samples  []uint64
}

func newTrustFixture(t *testing.T, ctx context.Context) *trustFixture {
	t.Helper()
	f := &trustFixture{ctx: ctx, client: &blobClient{blobs: map[common.Hash][]byte{}}, samples: []uint64{120, 80, 100}}
	f.spec = models.Spec{Kind: models.KindLogistic, Features: 30}
	m, err := models.New(f.spec, 1)
	require.NoError(t, err)
	f.global = m.Params()
	for i := range 40 {
		x := make([]float64, f.spec.Features)
		for j := range x {
			x[j] = math.Sin(float64(i*f.spec.Features + j))
		}
		f.root.X = append(f.root.X, x)
		f.root.Y = append(f.root.Y, float64(i%2))
	}
	rootCommit := f.serve(t, must(f.root.MarshalBinary()))
	f.serve(t, models.EncodeParams(f.global))

	funded := make([]common.Address, 0, 4)
	var founders []contracts.Member
	for i := range 3 {
		f.keys = append(f.keys, mustKey(t))
		f.accounts = append(f.accounts, contracts.NewAccount(f.keys[i]))
		funded = append(funded, f.accounts[i].Address())
		founders = append(founders, contracts.Member{Address: f.accounts[i].Address(), Name: "h", TLSFingerprint: common.Hash{byte(i + 1)}})
	}
	f.coord = contracts.NewAccount(mustKey(t))
	chain, err := contracts.NewSimulatedChain(append(funded, f.coord.Address())...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	f.chain = chain
	f.ledger, _, err = contracts.Deploy(ctx, chain, f.accounts[0], founders)
	require.NoError(t, err)
	f.policy, err = aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
	require.NoError(t, err)
	f.study, _, err = f.ledger.CreateStudy(ctx, f.accounts[0], contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: 5, MinParticipants: 2, Threshold: 2,
		StrikeLimit: 10, ReferenceCommitment: rootCommit, Coordinator: f.coord.Address(),
		RobustPolicyHash: f.policy.Hash(),
	})
	require.NoError(t, err)

	f.scheme, err = aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	f.pk, f.sealers = joinWithKey(ctx, t, f.ledger, f.study, f.scheme, "trust test", f.accounts)
	pkBytes, err := f.pk.MarshalBinary()
	require.NoError(t, err)
	points := []uint64{1, 2, 3}
	dealt := make([]map[uint64][]byte, len(f.sealers))
	for i, s := range f.sealers {
		dealt[i], err = s.thresholdShares(2, points)
		require.NoError(t, err)
	}
	for i, s := range f.sealers {
		pt := uint64(i + 1)
		require.NoError(t, s.thresholdKey(pkBytes, pt, [][]byte{dealt[0][pt], dealt[1][pt], dealt[2][pt]}))
	}
	_, err = f.ledger.SetPublicKeyHash(ctx, f.coord, f.study, f.pk.Hash())
	require.NoError(t, err)
	return f
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func (f *trustFixture) serve(t *testing.T, b []byte) common.Hash {
	t.Helper()
	h := aggregation.ContentHash(b)
	f.client.blobs[h] = b
	return h
}

// participant is hospital 2 (Shamir point 2), which checks the tasks.
func (f *trustFixture) participant() *Participant {
	return &Participant{
		steps: steps{
			name: "h2", studyID: f.study, self: f.accounts[1].Address(), key: f.keys[1], sealer: f.sealers[1],
			point: 2, policy: f.policy, pubKey: must(f.pk.MarshalBinary()), spec: f.spec,
		},
		cfg: Config{Name: "h2", StudyID: f.study, Spec: f.spec}, client: f.client, ledger: f.ledger,
		account: f.accounts[1], log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// trustRound is one scored round: the honest weights and the evidence the
// coordinator would send with them.
type trustRound struct {
	round    uint32
	weights  []float64
	trust    []aggregation.Trust
	evidence *cohortv1.TrustEvidence
	updates  []*aggregation.EncryptedVector
}

// openRound opens round r, commits the three updates and scores them as an
// honest coordinator would, holders 1 and 2 giving the score shares.
func (f *trustFixture) openRound(t *testing.T, r uint32) *trustRound {
	t.Helper()
	return f.openRoundWith(t, r, []uint64{1, 2}, 0)
}

// openRoundWith is openRound with the holders at active giving score
// shares, one per update for each decryption set of theirs when there are
// more than the threshold (2); the holder at point liar, if any,
// subtracts 1000 from the reference score of the first update in its
// signed shares (the shift-scores attack).
func (f *trustFixture) openRoundWith(t *testing.T, r uint32, active []uint64, liar uint64) *trustRound {
	t.Helper()
	ctx := f.ctx
	_, err := f.ledger.OpenRound(ctx, f.coord, f.study, r, crypto.Keccak256Hash(models.EncodeParams(f.global)), time.Now().Add(time.Hour))
	require.NoError(t, err)
	reference, err := models.ReferenceUpdate(ctx, f.spec, f.global, f.root, models.ReferenceTrainConfig(r))
	require.NoError(t, err)
	tr := &trustRound{round: r}
	committed := make([]common.Hash, 3)
	for i, scale := range []float64{1, 1.2, -1} { // hospital 3 flips the sign
		v := make([]float64, len(reference))
		for j, x := range reference {
			v[j] = scale*x + 0.05*math.Abs(x)*math.Cos(float64(7*i+j))
		}
		enc, err := f.scheme.Encrypt(f.sealers[i].secret, f.pk.Hash(), aggregation.TrainContext(f.study, r), v)
		require.NoError(t, err)
		tr.updates = append(tr.updates, enc)
		committed[i] = f.serve(t, must(enc.MarshalBinary()))
		_, err = f.ledger.CommitUpdate(ctx, f.accounts[i], f.study, r, contracts.Commitment{CiphertextHash: committed[i], Samples: f.samples[i], ConsentRoot: common.Hash{7}})
		require.NoError(t, err)
	}
	f.pin(t, r)
	seed := aggregation.ScoringSeed(f.study, r, committed)
	k := aggregation.DefaultProjectionsFor(len(f.global))
	refs, err := f.scheme.NewReferences(reference, seed, k)
	require.NoError(t, err)
	ev := &cohortv1.TrustEvidence{ReferencesHash: refs.Hash().Bytes(), Seed: seed[:], Projections: uint32(k), PolicyHash: f.policy.Hash().Bytes()}
	scoreSets := make([]*aggregation.ScoreSet, 3)
	for i, u := range tr.updates {
		scoreSets[i], err = f.scheme.Score(u, refs)
		require.NoError(t, err)
		ev.ScoreSetHashes = append(ev.ScoreSetHashes, f.serve(t, must(scoreSets[i].MarshalBinary())).Bytes())
	}
	sets := [][]aggregation.ShamirPoint{shamirPoints(active)}
	if len(active) > 2 {
		sets, err = aggregation.DecryptionSets(shamirPoints(active), 2)
		require.NoError(t, err)
	}
	perUpdate := make([][]*aggregation.ScoreShare, 3)
	for _, h := range active {
		sub := &cohortv1.ScoreSharesSubmission{StudyId: f.study, Round: r, ActivePoints: active}
		for _, set := range sets {
			if !slices.Contains(set, aggregation.ShamirPoint(h)) {
				continue
			}
			for i, u := range tr.updates {
				sh, err := f.scheme.GenThresholdScoreShare(f.sealers[h-1].threshold, set, scoreSets[i], u, refs)
				require.NoError(t, err)
				perUpdate[i] = append(perUpdate[i], sh)
				b := must(sh.MarshalBinary())
				if h == liar && i == 0 {
					lie := new(aggregation.ScoreShare)
					require.NoError(t, lie.UnmarshalBinary(b))
					require.NoError(t, f.scheme.ShiftScoreShare(lie, refs, 0, -1000))
					b = must(lie.MarshalBinary())
				}
				sub.Shares = append(sub.Shares, b)
			}
		}
		sub.Auth, err = auth.Sign(f.keys[h-1], f.study, r, auth.KindScoreShares, auth.ScoreSharesContent(active, sub.Shares))
		require.NoError(t, err)
		ev.ScoreSubmissions = append(ev.ScoreSubmissions, must(proto.Marshal(sub)))
	}
	scores := make([]aggregation.Scores, 3)
	for i := range scores {
		scores[i], err = f.scheme.DecryptScoresChecked(scoreSets[i], refs, perUpdate[i])
		require.NoError(t, err)
	}
	tr.trust, tr.weights, err = f.policy.RoundWeights(scores, refs.ReferenceNorm(), f.samples, 2, contracts.MetricUnit)
	require.NoError(t, err)
	tr.evidence = ev
	return tr
}

// pin pins round r's contributors on chain, the three hospitals in order,
// as the coordinator does before it asks for score or decryption shares.
func (f *trustFixture) pin(t *testing.T, r uint32) {
	t.Helper()
	addrs := make([]common.Address, len(f.accounts))
	for i, a := range f.accounts {
		addrs[i] = a.Address()
	}
	_, err := f.ledger.PinContributors(f.ctx, f.coord, f.study, r, contracts.ContributorsHash(f.study, r, addrs))
	require.NoError(t, err)
}

// record puts weights on chain as the coordinator's scores and returns the
// decrypt task for the aggregate with those weights.
func (f *trustFixture) record(t *testing.T, tr *trustRound, weights []float64, ev *cohortv1.TrustEvidence) *cohortv1.DecryptTask {
	t.Helper()
	var rec []contracts.Score
	for i, w := range weights {
		rec = append(rec, contracts.Score{Member: f.accounts[i].Address(), Score: tr.trust[i].Cosine, Weight: w, Flagged: tr.trust[i].Flagged()})
	}
	_, err := f.ledger.RecordScores(f.ctx, f.coord, f.study, tr.round, rec)
	require.NoError(t, err)
	agg, err := f.scheme.WeightedSum(tr.updates, weights)
	require.NoError(t, err)
	task := &cohortv1.DecryptTask{
		StudyId: f.study, Round: tr.round, AggregateHash: f.serve(t, must(agg.MarshalBinary())).Bytes(),
		Weights: weights, ActivePoints: []uint64{1, 2}, Trust: ev,
	}
	for _, a := range f.accounts {
		task.Contributors = append(task.Contributors, a.Address().Bytes())
	}
	return task
}

func (f *trustFixture) closeRound(t *testing.T, r uint32) {
	t.Helper()
	_, err := f.ledger.CloseRound(f.ctx, f.coord, f.study, r, contracts.RoundResult{AggregateHash: common.Hash{5}, ModelHash: crypto.Keccak256Hash(models.EncodeParams(f.global)), Accuracy: 0.5, AUC: 0.5, Loss: 0.7, Participants: 3})
	require.NoError(t, err)
}

// A hospital re-derives every robust weight from the decrypted scores and
// the study's policy before it gives a decryption share: a coordinator that
// records skewed non-zero weights gets none, and neither does one that
// forges, drops or replays the holders' score shares.
func TestHoldersReDeriveTrustWeights(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	p := f.participant()
	h1, h2, h3 := f.accounts[0].Address(), f.accounts[1].Address(), f.accounts[2].Address()

	skews := []struct {
		name    string
		weights func(honest []float64) []float64
		names   []common.Address
		spared  common.Address // its weight is the honest one
	}{
		{"weight moved to one update", func(w []float64) []float64 { return []float64{w[0] + 0.1, w[1] - 0.1, w[2]} }, []common.Address{h1, h2}, h3},
		{"an unflagged update dropped", func(w []float64) []float64 { return []float64{w[0], w[1], 0} }, []common.Address{h3}, h1},
	}
	r := uint32(1)
	for _, tt := range skews {
		t.Run(tt.name, func(t *testing.T) {
			tr := f.openRound(t, r)
			defer func() { f.closeRound(t, tr.round); r++ }()
			// A round of 3 is too small to flag anyone (MinRelativeUpdates),
			// so every update, the sign-flipped one too, weighs something.
			for i, tt := range tr.trust {
				require.False(t, tt.Flagged())
				require.Positive(t, tr.weights[i])
			}
			skewed := tt.weights(tr.weights)
			err := p.decrypt(ctx, f.record(t, tr, skewed, tr.evidence))
			require.ErrorIs(t, err, ErrChainMismatch)
			for _, a := range tt.names {
				require.ErrorContains(t, err, "weight of "+a.Hex())
			}
			require.NotContains(t, err.Error(), "weight of "+tt.spared.Hex(), "an honest weight is not blamed")
			require.Zero(t, f.client.submitted, "no decryption share left the site")
		})
	}

	tr := f.openRound(t, r)
	honest := f.record(t, tr, tr.weights, tr.evidence)
	withEvidence := func(edit func(ev *cohortv1.TrustEvidence)) *cohortv1.DecryptTask {
		task := proto.Clone(honest).(*cohortv1.DecryptTask)
		edit(task.Trust)
		return task
	}
	noEvidence := proto.Clone(honest).(*cohortv1.DecryptTask)
	noEvidence.Trust = nil
	resign := func(raw []byte, key *ecdsa.PrivateKey, edit func(sub *cohortv1.ScoreSharesSubmission)) []byte {
		var sub cohortv1.ScoreSharesSubmission
		require.NoError(t, proto.Unmarshal(raw, &sub))
		edit(&sub)
		if key != nil {
			var err error
			sub.Auth, err = auth.Sign(key, f.study, tr.round, auth.KindScoreShares, auth.ScoreSharesContent(sub.ActivePoints, sub.Shares))
			require.NoError(t, err)
		}
		return must(proto.Marshal(&sub))
	}
	stranger := mustKey(t)
	forged := func(sub *cohortv1.ScoreSharesSubmission) {
		b := append([]byte(nil), sub.Shares[0]...)
		b[len(b)-1] ^= 1
		sub.Shares[0] = b
	}
	refusals := []struct {
		name string
		task *cohortv1.DecryptTask
		want error
		text string
	}{
		{"no trust evidence", noEvidence, ErrChainMismatch, "carries no trust evidence"},
		{"empty trust evidence", withEvidence(func(ev *cohortv1.TrustEvidence) { proto.Reset(ev) }), ErrRobustPolicy, "robust policy"},
		{"another robust policy", withEvidence(func(ev *cohortv1.TrustEvidence) { ev.PolicyHash = common.Hash{1}.Bytes() }), ErrRobustPolicy, "configure the study's robust policy"},
		{"a forged score share under its holder's signature", withEvidence(func(ev *cohortv1.TrustEvidence) {
			ev.ScoreSubmissions[0] = resign(ev.ScoreSubmissions[0], nil, forged)
		}), auth.ErrBadSignature, "score shares"},
		{"an unsigned score share", withEvidence(func(ev *cohortv1.TrustEvidence) {
			ev.ScoreSubmissions[0] = resign(ev.ScoreSubmissions[0], nil, func(sub *cohortv1.ScoreSharesSubmission) { sub.Auth = nil })
		}), ErrChainMismatch, "score shares"},
		{"a score share forged and signed by a non-participant", withEvidence(func(ev *cohortv1.TrustEvidence) {
			ev.ScoreSubmissions[0] = resign(ev.ScoreSubmissions[0], stranger, forged)
		}), ErrChainMismatch, "not a participant"},
		{"one holder's shares twice", withEvidence(func(ev *cohortv1.TrustEvidence) { ev.ScoreSubmissions[1] = ev.ScoreSubmissions[0] }), ErrChainMismatch, "given twice"},
		{"a missing holder's shares", withEvidence(func(ev *cohortv1.TrustEvidence) { ev.ScoreSubmissions = ev.ScoreSubmissions[:1] }), ErrChainMismatch, "scores of " + h1.Hex()},
		{"score sets swapped", withEvidence(func(ev *cohortv1.TrustEvidence) {
			ev.ScoreSetHashes[0], ev.ScoreSetHashes[2] = ev.ScoreSetHashes[2], ev.ScoreSetHashes[0]
		}), ErrChainMismatch, "scores of " + h1.Hex()},
		{"another projection seed", withEvidence(func(ev *cohortv1.TrustEvidence) { ev.Seed = common.Hash{9}.Bytes() }), ErrChainMismatch, "projection seed"},
		{"garbage in place of a submission", withEvidence(func(ev *cohortv1.TrustEvidence) { ev.ScoreSubmissions[0] = []byte{0xff, 0xff, 0xff} }), ErrChainMismatch, "submission"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			err := p.decrypt(ctx, tt.task)
			require.ErrorIs(t, err, tt.want)
			require.ErrorContains(t, err, tt.text)
			require.Zero(t, f.client.submitted, "no decryption share left the site")
		})
	}
	t.Run("the honest weights are decrypted", func(t *testing.T) {
		require.NoError(t, p.decrypt(ctx, honest))
		require.Equal(t, 1, f.client.submitted)
	})
}

// With a spare holder the scores are decrypted by every decryption set,
// and a hospital re-deriving the weights accepts that evidence only whole
// and consistent: a coordinator that keeps the submissions of the set it
// likes leaves the other sets incomplete, and a holder that shifted its
// score shares to frame a hospital makes the sets disagree; either way no
// decryption share leaves the site.
func TestHoldersCheckEveryScoreDecryptionSet(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	p := f.participant()
	round := uint32(1)
	next := func() { f.closeRound(t, round); round++ }

	tr := f.openRoundWith(t, round, []uint64{1, 2, 3}, 0)
	honest := f.record(t, tr, tr.weights, tr.evidence)
	require.Len(t, honest.GetTrust().GetScoreSubmissions(), 3)
	picked := proto.Clone(honest).(*cohortv1.DecryptTask)
	picked.Trust.ScoreSubmissions = picked.Trust.ScoreSubmissions[:2] // the set {1, 2} alone
	err := p.decrypt(ctx, picked)
	require.ErrorIs(t, err, ErrChainMismatch)
	require.ErrorIs(t, err, aggregation.ErrMissingShares, "the sets {1, 3} and {2, 3} lack the third holder's shares")
	require.Zero(t, f.client.submitted)
	require.NoError(t, p.decrypt(ctx, honest), "every set, all agreeing")
	require.Equal(t, 1, f.client.submitted)
	next()

	tr = f.openRoundWith(t, round, []uint64{1, 2, 3}, 2)
	err = p.decrypt(ctx, f.record(t, tr, tr.weights, tr.evidence))
	require.ErrorIs(t, err, ErrChainMismatch)
	require.ErrorIs(t, err, aggregation.ErrDecryptionsDisagree, "the holder at 2 shifted its shares")
	require.Equal(t, 1, f.client.submitted, "no decryption share for the framed round")
}

// The study's robust policy is on chain: a holder configured with another
// policy refuses to help decrypt a robust round, whatever the coordinator's
// evidence says.
func TestHolderRefusesAnotherRobustPolicyThanTheChains(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	other := aggregation.DefaultRobustConfig()
	other.FalseFlagRate /= 2
	policy, err := aggregation.NewRobustPolicy(other)
	require.NoError(t, err)
	p := f.participant()
	p.policy = policy
	tr := f.openRound(t, 1)
	ev := proto.Clone(tr.evidence).(*cohortv1.TrustEvidence)
	ev.PolicyHash = policy.Hash().Bytes()
	err = p.decrypt(ctx, f.record(t, tr, tr.weights, ev))
	require.ErrorIs(t, err, ErrRobustPolicy)
	require.ErrorContains(t, err, "the chain records")
}

// A score share opens an update under the key of the dealer it names. A
// hospital that committed an update naming another member (which a
// colluding coordinator accepted) would get that member's key decrypted
// into its scores: every holder refuses to score such a round.
func TestHolderRefusesToScoreAnUpdateNamingAnotherMember(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	p := f.participant()
	const r = 1
	_, err := f.ledger.OpenRound(ctx, f.coord, f.study, r, crypto.Keccak256Hash(models.EncodeParams(f.global)), time.Now().Add(time.Hour))
	require.NoError(t, err)
	task := &cohortv1.ScoreTask{StudyId: f.study, Round: r, ActivePoints: []uint64{1, 2}}
	for i, dealer := range []int{0, 1, 0} { // hospital 3 uploads under hospital 1's dealer id
		v := make([]float64, len(f.global))
		v[i] = 0.1
		enc, err := f.scheme.Encrypt(f.sealers[dealer].secret, f.pk.Hash(), aggregation.TrainContext(f.study, r), v)
		require.NoError(t, err)
		h := f.serve(t, must(enc.MarshalBinary()))
		_, err = f.ledger.CommitUpdate(ctx, f.accounts[i], f.study, r, contracts.Commitment{CiphertextHash: h, Samples: f.samples[i], ConsentRoot: common.Hash{7}})
		require.NoError(t, err)
		task.Contributors = append(task.Contributors, f.accounts[i].Address().Bytes())
		task.ScoreSetHashes = append(task.ScoreSetHashes, h.Bytes())
	}
	f.pin(t, r)
	err = p.score(ctx, task)
	require.ErrorIs(t, err, ErrChainMismatch)
	require.ErrorContains(t, err, "bound to another member or round")
}
