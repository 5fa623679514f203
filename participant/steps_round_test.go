package participant

import (
	"context"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// roundFixture is a consortium of three holders (t = 2, points 1..3) in
// open round 1, each with a committed update: the facts a score or
// decrypt step gets, without a chain or a coordinator.
type roundFixture struct {
	*consortium
	round   uint32
	plain   [][]float64 // each node's update in the clear
	sealed  [][]byte
	samples []uint64
	facts   roundFacts
	global  []float64
	root    []byte
}

func newRoundFixture(t *testing.T) *roundFixture {
	t.Helper()
	return newRoundFixtureOf(t, 3, 2)
}

// newRoundFixtureOf is newRoundFixture with holders share holders (points
// 1..holders) at threshold; the first three contribute, as there.
func newRoundFixtureOf(t *testing.T, holders int, threshold uint32) *roundFixture {
	t.Helper()
	c := newConsortium(t, holders)
	c.study.Threshold = threshold
	c.thresholdKeys(t, holders)
	spec := models.Spec{Kind: models.KindLogistic, Features: 8}
	policy, err := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
	require.NoError(t, err)
	m, err := models.New(spec, 1)
	require.NoError(t, err)
	f := &roundFixture{consortium: c, round: 1, global: m.Params(), samples: []uint64{100, 200, 300}}
	var root models.Dataset
	for i := range 40 {
		x := make([]float64, spec.Features)
		for j := range x {
			x[j] = math.Sin(float64(i*spec.Features + j))
		}
		root.X, root.Y = append(root.X, x), append(root.Y, float64(i%2))
	}
	f.root, err = root.MarshalBinary()
	require.NoError(t, err)
	c.study.CurrentRound, c.study.RoundOpen, c.study.ReferenceCommitment = 1, true, crypto.Keccak256Hash(f.root)
	c.study.RobustPolicyHash = policy.Hash()
	f.facts = roundFacts{study: c.study, committed: map[common.Address]contracts.Commitment{}}
	for _, s := range c.nodes {
		s.spec, s.policy = spec, policy
	}
	for i, s := range c.nodes[:3] {
		v := make([]float64, len(f.global))
		for j := range v {
			v[j] = 0.01 * float64((i+1)*(j%5+1))
		}
		b, err := s.sealer.seal(s.pubKey, aggregation.TrainContext(stepsStudy, 1), v)
		require.NoError(t, err)
		f.plain, f.sealed = append(f.plain, v), append(f.sealed, b)
		f.facts.committed[s.self] = contracts.Commitment{CiphertextHash: aggregation.ContentHash(b), Samples: f.samples[i], ConsentRoot: common.Hash{7}}
		f.facts.updates = append(f.facts.updates, newSealedUpdate(b))
	}
	// The coordinator pinned the round's list, all three in node order.
	f.facts.pinned = contracts.ContributorsHash(stepsStudy, 1, []common.Address{c.nodes[0].self, c.nodes[1].self, c.nodes[2].self})
	return f
}

// sum is the weighted sum of the sealed updates of nodes who.
func (f *roundFixture) sum(t *testing.T, who []int, weights []float64) []byte {
	t.Helper()
	vs := make([]*aggregation.EncryptedVector, len(who))
	for i, n := range who {
		vs[i] = new(aggregation.EncryptedVector)
		require.NoError(t, vs[i].UnmarshalBinary(f.sealed[n]))
	}
	agg, err := testScheme(t).WeightedSum(vs, weights)
	require.NoError(t, err)
	b, err := agg.MarshalBinary()
	require.NoError(t, err)
	return b
}

func (f *roundFixture) addrs(who []int) [][]byte {
	out := make([][]byte, len(who))
	for i, n := range who {
		out[i] = f.nodes[n].self.Bytes()
	}
	return out
}

// decryptCase is a decrypt task and the facts its holder is given.
type decryptCase struct {
	task  *cohortv1.DecryptTask
	facts decryptFacts
}

// honestDecrypt is the sample-weighted sum of all three updates, asked of
// points 1 and 2.
func (f *roundFixture) honestDecrypt(t *testing.T) decryptCase {
	all := []int{0, 1, 2}
	weights := []float64{1.0 / 6, 2.0 / 6, 3.0 / 6}
	agg := f.sum(t, all, weights)
	return decryptCase{
		task: &cohortv1.DecryptTask{StudyId: stepsStudy, Round: 1, AggregateHash: aggregation.ContentHash(agg).Bytes(), Contributors: f.addrs(all),
			Weights: weights, ActivePoints: []uint64{1, 2}},
		facts: decryptFacts{roundFacts: f.facts, aggregate: agg},
	}
}

func TestDecryptStep(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	me := f.nodes[1]
	stranger := mustKey(t)
	with := func(change func(*decryptCase)) decryptCase {
		c := f.honestDecrypt(t)
		change(&c)
		return c
	}
	// aggregate replaces the task's aggregate with agg, weighted by w over who.
	aggregate := func(c *decryptCase, who []int, w []float64) {
		c.facts.aggregate = f.sum(t, who, w)
		c.task.AggregateHash, c.task.Contributors, c.task.Weights = aggregation.ContentHash(c.facts.aggregate).Bytes(), f.addrs(who), w
		c.facts.pinned = f.pinnedFor(who) // each case meets its own check, not the pin's
		c.facts.updates = nil
		for _, n := range who {
			c.facts.updates = append(c.facts.updates, newSealedUpdate(f.sealed[n]))
		}
	}
	cases := []struct {
		name string
		c    decryptCase
		want error // nil: any refusal
	}{
		{"another study", with(func(c *decryptCase) { c.task.StudyId++ }), ErrChainMismatch},
		{"a round the chain has not opened", with(func(c *decryptCase) { c.task.Round = 2 }), ErrChainMismatch},
		{"a replay after the round closed", with(func(c *decryptCase) { c.facts.study.RoundOpen = false }), ErrChainMismatch},
		{"one hospital's update alone", with(func(c *decryptCase) { aggregate(c, []int{0}, []float64{1}) }), ErrChainMismatch},
		{"one update hidden behind a zero weight", with(func(c *decryptCase) {
			aggregate(c, []int{0, 1}, []float64{1, 0})
		}), ErrChainMismatch},
		{"weights that are not the committed sample counts'", with(func(c *decryptCase) {
			aggregate(c, []int{0, 1, 2}, []float64{0.5, 0.25, 0.25})
		}), ErrChainMismatch},
		{"a raw update passed off as the aggregate", with(func(c *decryptCase) {
			c.facts.aggregate, c.task.AggregateHash = f.sealed[0], aggregation.ContentHash(f.sealed[0]).Bytes()
		}), ErrChainMismatch},
		{"a malformed aggregate", with(func(c *decryptCase) {
			c.facts.aggregate, c.task.AggregateHash = []byte("junk"), crypto.Keccak256([]byte("junk"))
		}), ErrChainMismatch},
		{"a contributor twice", with(func(c *decryptCase) { c.task.Contributors[2] = c.task.Contributors[1] }), ErrChainMismatch},
		{"a contributor that committed nothing", with(func(c *decryptCase) {
			c.task.Contributors[2] = crypto.PubkeyToAddress(stranger.PublicKey).Bytes()
		}), ErrChainMismatch},
		{"a malformed contributor address", with(func(c *decryptCase) { c.task.Contributors[2] = c.task.Contributors[2][:10] }), ErrChainMismatch},
		{"an oversized contributor list", with(func(c *decryptCase) {
			for i := range 5000 {
				c.task.Contributors = append(c.task.Contributors, common.BigToAddress(big.NewInt(int64(i+1))).Bytes())
				c.task.Weights = append(c.task.Weights, 0)
			}
		}), ErrChainMismatch},
		{"more weights than contributors", with(func(c *decryptCase) { c.task.Weights = append(c.task.Weights, 0) }), ErrChainMismatch},
		{"no contributors", with(func(c *decryptCase) { c.task.Contributors, c.task.Weights = nil, nil }), ErrChainMismatch},
		{"an active set without this holder", with(func(c *decryptCase) { c.task.ActivePoints = []uint64{1, 3} }), ErrChainMismatch},
		{"more decryption sets than holders (more decryptions than the check needs)", with(func(c *decryptCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{1, 2}, []uint64{1, 2})
		}), ErrChainMismatch},
		{"a decryption set of more than t", with(func(c *decryptCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{1, 2, 3}, []uint64{1, 3})
		}), ErrChainMismatch},
		{"a decryption set outside the active points", with(func(c *decryptCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2}, pointSets([]uint64{1, 3}, []uint64{2, 3})
		}), ErrChainMismatch},
		{"this holder in every decryption set (its share unchecked)", with(func(c *decryptCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 2})
		}), ErrChainMismatch},
		{"a holder off the chain's decryption committee", with(func(c *decryptCase) {
			c.facts.study.Committee = contracts.CommitteeParams{Size: 1}
			c.facts.study.Holders, c.facts.study.CommitteeCurrent = []common.Address{f.nodes[0].self}, true
		}), ErrChainMismatch},
		{"an update committed by one member but naming another", with(func(c *decryptCase) {
			c.facts.committed = map[common.Address]contracts.Commitment{}
			for a, cm := range f.facts.committed {
				c.facts.committed[a] = cm
			}
			c.facts.committed[f.nodes[0].self] = contracts.Commitment{CiphertextHash: aggregation.ContentHash(f.sealed[2]), Samples: 100}
			c.facts.updates = sealedUpdates(f.sealed[2], f.sealed[1], f.sealed[2])
		}), aggregation.ErrKeyMismatch},
		{"robust weights on chain without trust evidence", with(func(c *decryptCase) {
			for i, n := range f.nodes {
				c.facts.recorded = append(c.facts.recorded, contracts.Score{Member: n.self, Weight: c.task.Weights[i]})
			}
		}), ErrChainMismatch},
		{"weights other than those the chain records", with(func(c *decryptCase) {
			for _, n := range f.nodes {
				c.facts.recorded = append(c.facts.recorded, contracts.Score{Member: n.self, Weight: 1.0 / 3})
			}
		}), ErrChainMismatch},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := me.decrypt(context.Background(), tc.c.task, tc.c.facts)
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			assert.Nil(t, r.send, "no decryption share leaves the site")
		})
	}

	t.Run("honest: two holders' shares open the sum", func(t *testing.T) {
		c := f.honestDecrypt(t)
		var shares [][]byte
		for i, s := range f.nodes[:2] {
			r, err := s.decrypt(context.Background(), c.task, c.facts)
			require.NoError(t, err)
			sub := r.send.(*cohortv1.DecryptionShareSubmission)
			signer, err := auth.Verify(sub.GetAuth(), stepsStudy, 1, auth.KindDecryptShare, crypto.Keccak256Hash(sub.GetShare()))
			require.NoError(t, err)
			assert.Equal(t, f.nodes[i].self, signer)
			assert.Equal(t, c.task.GetAggregateHash(), sub.GetAggregateHash())
			shares = append(shares, sub.GetShare())
		}
		got, err := me.sealer.open(c.facts.aggregate, shares)
		require.NoError(t, err)
		for j := range f.global {
			want := (f.plain[0][j] + 2*f.plain[1][j] + 3*f.plain[2][j]) / 6
			assert.InDelta(t, want, got[j], 1e-3, "value %d", j)
		}
	})

	t.Run("honest with a spare holder: a share per decryption set, and the sets agree", func(t *testing.T) {
		c := f.honestDecrypt(t)
		c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{1, 2})
		var shares []*aggregation.DecryptionShare
		for i, s := range f.nodes {
			r, err := s.decrypt(context.Background(), c.task, c.facts)
			require.NoError(t, err)
			sub := r.send.(*cohortv1.DecryptionShareSubmission)
			require.Len(t, sub.GetMore(), 1, "holder %d is in two of the three sets", i)
			for _, raw := range append([]*cohortv1.SignedShare{{Share: sub.GetShare(), Auth: sub.GetAuth()}}, sub.GetMore()...) {
				signer, err := auth.Verify(raw.GetAuth(), stepsStudy, 1, auth.KindDecryptShare, crypto.Keccak256Hash(raw.GetShare()))
				require.NoError(t, err)
				assert.Equal(t, f.nodes[i].self, signer)
				ds := new(aggregation.DecryptionShare)
				require.NoError(t, ds.UnmarshalBinary(raw.GetShare()))
				shares = append(shares, ds)
			}
		}
		var agg aggregation.EncryptedVector
		require.NoError(t, agg.UnmarshalBinary(c.facts.aggregate))
		got, err := testScheme(t).DecryptChecked(&agg, shares)
		require.NoError(t, err)
		for j := range f.global {
			want := (f.plain[0][j] + 2*f.plain[1][j] + 3*f.plain[2][j]) / 6
			assert.InDelta(t, want, got[j], 1e-3, "value %d", j)
		}
	})
}

func pointSets(sets ...[]uint64) []*cohortv1.PointSet {
	out := make([]*cohortv1.PointSet, len(sets))
	for i, s := range sets {
		out[i] = &cohortv1.PointSet{Points: s}
	}
	return out
}

// TestHolderRefusesCollectiveDecryption plays a coordinator that sends an
// honest round's decrypt task with no active set. Each contributor would
// answer with an n-of-n share, a_j·w_i·s_i plus noise: its own key's term,
// which with its committed update's c0 (public) opens that update alone;
// the coordinator only has to bind the share to the one-term vector. A
// node gives threshold shares only, for an active set that includes it.
func TestHolderRefusesCollectiveDecryption(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	c := f.honestDecrypt(t)
	c.task.ActivePoints = nil
	victim := f.nodes[2] // a contributor that holds point 3, outside the usual active set
	r, err := victim.decrypt(context.Background(), c.task, c.facts)
	if err == nil {
		scheme := testScheme(t)
		var share aggregation.DecryptionShare
		require.NoError(t, share.UnmarshalBinary(r.send.(*cohortv1.DecryptionShareSubmission).GetShare()))
		var u aggregation.EncryptedVector
		require.NoError(t, u.UnmarshalBinary(f.sealed[2]))
		alone, err := scheme.WeightedSum([]*aggregation.EncryptedVector{&u}, []float64{c.task.Weights[2]})
		require.NoError(t, err)
		share.AggregateHash = alone.Hash()
		got, err := scheme.Decrypt(alone, []*aggregation.DecryptionShare{&share})
		require.NoError(t, err)
		for j := range got[:len(f.global)] {
			got[j] /= c.task.Weights[2]
		}
		assert.InDeltaSlice(t, f.plain[2], got[:len(f.global)], 1e-4)
		t.Fatalf("a contributor gave an n-of-n share of the round's aggregate; with its committed update it opens that update alone: %.4g", got[:4])
	}
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Nil(t, r.send)
	_, seen := victim.decrypted[1]
	assert.False(t, seen, "nothing recorded")
}

// With the distributed privacy mechanism a holder decrypts one aggregate
// per round: a second one over fewer contributors, each acceptable alone,
// would give away the left-out update by difference.
func TestDistributedHolderDecryptsOneAggregatePerRound(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	me := f.nodes[1]
	me.training = models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 1, Optimizer: models.OptimizerSGD,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 2, ClipNorm: 1, SamplingRate: 0.5, Epsilon: 8, Delta: 1e-5,
			Mechanism: models.MechanismDistributed, MinContributors: 2}}
	honest := f.honestDecrypt(t)
	first, err := me.decrypt(context.Background(), honest.task, honest.facts)
	require.NoError(t, err)
	_, err = me.decrypt(context.Background(), honest.task, honest.facts)
	require.NoError(t, err, "the same aggregate again (a retry) is answered")

	// The node keeps what it decrypted before its share goes out, and a
	// restarted node, knowing only its data directory, still refuses a
	// second aggregate of the round.
	require.Len(t, first.files, 2)
	assert.Equal(t, setsGivenDir, first.files[1].dir, "and the decryption sets it gave shares for")
	dir := t.TempDir()
	kept := first.files[0]
	require.NoError(t, writeFileAtomic(filepath.Join(dir, kept.dir), kept.name, kept.data))
	restarted := &Participant{cfg: Config{Name: "h2", DataDir: dir}}
	require.NoError(t, restarted.loadDecrypted())
	assert.Equal(t, map[uint32]common.Hash{1: common.BytesToHash(honest.task.AggregateHash)}, restarted.decrypted)
	me.decrypted = restarted.decrypted

	fewer := f.honestDecrypt(t)
	who, w := []int{0, 1}, []float64{1.0 / 3, 2.0 / 3}
	fewer.facts.aggregate = f.sum(t, who, w)
	fewer.task.AggregateHash, fewer.task.Contributors, fewer.task.Weights = aggregation.ContentHash(fewer.facts.aggregate).Bytes(), f.addrs(who), w
	fewer.facts.updates = sealedUpdates(f.sealed[0], f.sealed[1])
	fewer.facts.pinned = f.pinnedFor(who) // the holder's own record refuses it, whatever the chain pins
	r, err := me.decrypt(context.Background(), fewer.task, fewer.facts)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Contains(t, err.Error(), "one aggregate per round")
	assert.Nil(t, r.send)

	// A kept record that is not a hash stops the node rather than being
	// ignored.
	require.NoError(t, os.WriteFile(filepath.Join(dir, kept.dir, kept.name), []byte("garbage"), 0o600))
	require.ErrorContains(t, (&Participant{cfg: Config{Name: "h2", DataDir: dir}}).loadDecrypted(), "is corrupt")

	// The local mechanism's updates are DP each: the same pair is answered.
	other := f.nodes[0]
	other.training = models.TrainConfig{Epochs: 1, BatchSize: 1, LearningRate: 1, Optimizer: models.OptimizerSGD,
		Privacy: &models.PrivacyConfig{NoiseMultiplier: 2, ClipNorm: 1, SamplingRate: 0.5, Epsilon: 8, Delta: 1e-5, Mechanism: models.MechanismLocal}}
	_, err = other.decrypt(context.Background(), honest.task, honest.facts)
	require.NoError(t, err)
	_, err = other.decrypt(context.Background(), fewer.task, fewer.facts)
	require.NoError(t, err)
}

// scoreCase is the honest score task of the fixture's round and the facts
// its holder is given, as an honest coordinator would make them.
func (f *roundFixture) scoreCase(t *testing.T) (*cohortv1.ScoreTask, referenceFacts) {
	t.Helper()
	task, _, ref := f.scoreTaskFor(t, []int{0, 1, 2})
	return task, ref
}

func TestScoreStep(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	me := f.nodes[1]
	honestTask, honestRef := f.scoreCase(t)
	type scoreCase struct {
		task  *cohortv1.ScoreTask
		facts roundFacts
		ref   referenceFacts
	}
	with := func(change func(*scoreCase)) scoreCase {
		task := &cohortv1.ScoreTask{StudyId: honestTask.StudyId, Round: honestTask.Round, ReferencesHash: honestTask.ReferencesHash, Seed: honestTask.Seed,
			Projections: honestTask.Projections, Contributors: append([][]byte(nil), honestTask.Contributors...),
			ScoreSetHashes: append([][]byte(nil), honestTask.ScoreSetHashes...), ActivePoints: honestTask.ActivePoints}
		c := scoreCase{task: task, facts: f.facts, ref: honestRef}
		c.ref.scoreSets = append([][]byte(nil), honestRef.scoreSets...)
		change(&c)
		return c
	}
	cases := []struct {
		name string
		c    scoreCase
	}{
		{"another study", with(func(c *scoreCase) { c.task.StudyId++ })},
		{"a round the chain has not opened", with(func(c *scoreCase) { c.task.Round = 2 })},
		{"a replay after the round closed", with(func(c *scoreCase) { c.facts.study.RoundOpen = false })},
		{"an active set without this holder", with(func(c *scoreCase) { c.task.ActivePoints = []uint64{1, 3} })},
		{"fewer score sets than contributors", with(func(c *scoreCase) { c.task.ScoreSetHashes = c.task.ScoreSetHashes[:2] })},
		{"a contributor twice", with(func(c *scoreCase) { c.task.Contributors[2] = c.task.Contributors[0] })},
		{"a projection seed the commitments do not fix", with(func(c *scoreCase) { c.task.Seed = crypto.Keccak256([]byte("seed")) })},
		{"another number of projections", with(func(c *scoreCase) { c.task.Projections++ })},
		{"references not from the committed root data set", with(func(c *scoreCase) { c.task.ReferencesHash = crypto.Keccak256([]byte("refs")) })},
		{"a score set swapped for another update's", with(func(c *scoreCase) {
			c.ref.scoreSets[0], c.task.ScoreSetHashes[0] = c.ref.scoreSets[1], c.task.ScoreSetHashes[1]
		})},
		{"a malformed score set", with(func(c *scoreCase) {
			c.ref.scoreSets[0], c.task.ScoreSetHashes[0] = []byte("junk"), crypto.Keccak256([]byte("junk"))
		})},
		{"a malformed root data set", with(func(c *scoreCase) { c.ref.root = []byte("junk") })},
		// Decryption sets: a holder gives one share per contributor for
		// each set it is in, so it checks them as for the aggregate.
		{"a single decryption set", with(func(c *scoreCase) { c.task.DecryptionSets = pointSets([]uint64{1, 2}) })},
		{"a decryption set larger than t", with(func(c *scoreCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{1, 2, 3}, []uint64{2, 3})
		})},
		{"this holder in every decryption set", with(func(c *scoreCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{1, 2}, []uint64{2, 3})
		})},
		{"a decryption set outside the active points", with(func(c *scoreCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{2, 4})
		})},
		{"more decryption sets than active points", with(func(c *scoreCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{1, 2}, []uint64{1, 2})
		})},
		{"three active points and no decryption sets", with(func(c *scoreCase) { c.task.ActivePoints = []uint64{1, 2, 3} })},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := me.score(context.Background(), tc.c.task, tc.c.facts, tc.c.ref)
			require.Error(t, err)
			assert.Nil(t, r.send, "no score share leaves the site")
		})
	}
	t.Run("honest", func(t *testing.T) {
		r, err := me.score(context.Background(), honestTask, f.facts, honestRef)
		require.NoError(t, err)
		sub := r.send.(*cohortv1.ScoreSharesSubmission)
		assert.Len(t, sub.GetShares(), 3, "one share per contributor")
		signer, err := auth.Verify(sub.GetAuth(), stepsStudy, 1, auth.KindScoreShares, auth.ScoreSharesContent(honestTask.ActivePoints, sub.GetShares()))
		require.NoError(t, err)
		assert.Equal(t, me.self, signer)
	})
	t.Run("honest, with a spare holder", func(t *testing.T) {
		c := with(func(c *scoreCase) {
			c.task.ActivePoints, c.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{1, 2})
		})
		r, err := me.score(context.Background(), c.task, c.facts, c.ref)
		require.NoError(t, err)
		sub := r.send.(*cohortv1.ScoreSharesSubmission)
		require.Len(t, sub.GetShares(), 6, "one share per contributor for each of the two sets that hold point 2")
		assert.Equal(t, []uint64{1, 2, 3}, sub.GetActivePoints())
		for i, b := range sub.GetShares() {
			var sh aggregation.ScoreShare
			require.NoError(t, sh.UnmarshalBinary(b))
			assert.Equal(t, [][]aggregation.ShamirPoint{{2, 3}, {1, 2}}[i/3], sh.ActiveSet(), "share %d", i)
		}
		signer, err := auth.Verify(sub.GetAuth(), stepsStudy, 1, auth.KindScoreShares, auth.ScoreSharesContent([]uint64{1, 2, 3}, sub.GetShares()))
		require.NoError(t, err)
		assert.Equal(t, me.self, signer)
	})
}

// Without differential privacy an update is protected only by never being
// decrypted alone. A coordinator (no hospital need collude) asked the same
// holders for the round's aggregate of all three updates, then for the
// aggregate of two of them: both are sample-weighted sums of at least the
// study's minimum of committed updates, both were answered, and together
// they give the third hospital's update in the clear. A holder now
// decrypts one aggregate per round unless each update is differentially
// private by itself (the local mechanism).
func TestHolderDecryptsOneAggregatePerRound(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	require.Nil(t, f.nodes[0].training.Privacy, "a study without differential privacy")
	all := f.honestDecrypt(t)
	fewer := f.honestDecrypt(t)
	who, w := []int{0, 1}, []float64{1.0 / 3, 2.0 / 3}
	fewer.facts.aggregate = f.sum(t, who, w)
	fewer.task.AggregateHash, fewer.task.Contributors, fewer.task.Weights = aggregation.ContentHash(fewer.facts.aggregate).Bytes(), f.addrs(who), w
	fewer.facts.updates = sealedUpdates(f.sealed[0], f.sealed[1])
	// The holder's own record refuses it even if the chain pinned that list
	// (a node reading a chain node that lies): defence in depth.
	fewer.facts.pinned = f.pinnedFor(who)

	var allShares, fewerShares [][]byte
	for _, s := range f.nodes[:2] {
		r, err := s.decrypt(context.Background(), all.task, all.facts)
		require.NoError(t, err)
		allShares = append(allShares, r.send.(*cohortv1.DecryptionShareSubmission).GetShare())
		r, err = s.decrypt(context.Background(), fewer.task, fewer.facts)
		if err != nil {
			require.ErrorIs(t, err, ErrChainMismatch)
			assert.Contains(t, err.Error(), "one aggregate per round")
			assert.Nil(t, r.send, "no share of a second aggregate leaves the holder")
			continue
		}
		fewerShares = append(fewerShares, r.send.(*cohortv1.DecryptionShareSubmission).GetShare())
	}
	if len(fewerShares) < 2 {
		return
	}
	// What the attack reads: 1/6 u0 + 2/6 u1 + 3/6 u2 minus half of
	// 1/3 u0 + 2/3 u1 is u2 / 2.
	sum, err := f.nodes[0].sealer.open(all.facts.aggregate, allShares)
	require.NoError(t, err)
	part, err := f.nodes[0].sealer.open(fewer.facts.aggregate, fewerShares)
	require.NoError(t, err)
	for j, want := range f.plain[2] {
		assert.InDelta(t, want, 2*(sum[j]-part[j]/2), 1e-4, "value %d", j)
	}
	t.Fatalf("two holders decrypted two aggregates of round 1; their difference is hospital 3's update %v", f.plain[2])
}

// scoreTaskFor is the honest score task for the contributors who, in that
// order, with the score sets a coordinator computes for it.
func (f *roundFixture) scoreTaskFor(t *testing.T, who []int) (*cohortv1.ScoreTask, roundFacts, referenceFacts) {
	t.Helper()
	scheme := testScheme(t)
	var root models.Dataset
	require.NoError(t, root.UnmarshalBinary(f.root))
	reference, err := models.ReferenceUpdate(context.Background(), f.nodes[0].spec, f.global, root, models.ReferenceTrainConfig(f.round))
	require.NoError(t, err)
	var committed []common.Hash
	facts := f.facts
	facts.updates = nil
	for _, n := range who {
		committed = append(committed, f.facts.committed[f.nodes[n].self].CiphertextHash)
		facts.updates = append(facts.updates, newSealedUpdate(f.sealed[n]))
	}
	seed := aggregation.ScoringSeed(stepsStudy, f.round, committed)
	k := aggregation.DefaultProjectionsFor(len(f.global))
	refs, err := scheme.NewReferences(reference, seed, k)
	require.NoError(t, err)
	task := &cohortv1.ScoreTask{StudyId: stepsStudy, Round: f.round, ReferencesHash: refs.Hash().Bytes(), Seed: seed[:], Projections: uint32(k),
		Contributors: f.addrs(who), ActivePoints: []uint64{1, 2}}
	ref := referenceFacts{global: f.global, root: f.root}
	for _, n := range who {
		var u aggregation.EncryptedVector
		require.NoError(t, u.UnmarshalBinary(f.sealed[n]))
		set, err := scheme.Score(&u, refs)
		require.NoError(t, err)
		sb, err := set.MarshalBinary()
		require.NoError(t, err)
		task.ScoreSetHashes = append(task.ScoreSetHashes, aggregation.ContentHash(sb).Bytes())
		ref.scoreSets = append(ref.scoreSets, sb)
	}
	return task, facts, ref
}

// The projection seed is drawn from the commitments of the contributors a
// score task lists, in its order, so each other list (a subset, or the
// same updates in another order) draws k fresh random projections of the
// same update. A coordinator that asked holders to score {h3}, {h1, h3},
// {h3, h1}, ... collected k more scalars of hospital 3's update each time,
// and d/k lists give away its d parameters. A holder now scores one list
// per round (one seed).
func TestHolderScoresOneSeedPerRound(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	me := f.nodes[1]
	honest, facts, ref := f.scoreTaskFor(t, []int{0, 1, 2})
	first, err := me.score(context.Background(), honest, facts, ref)
	require.NoError(t, err)
	_, err = me.score(context.Background(), honest, facts, ref)
	require.NoError(t, err, "the same task again (a retry, another active set) is answered")
	// Kept before the shares go out: a restarted node reads it back.
	require.Len(t, first.files, 2)
	assert.Equal(t, setsGivenDir, first.files[1].dir, "and the decryption sets it gave shares for")
	dir := t.TempDir()
	require.NoError(t, writeFileAtomic(filepath.Join(dir, first.files[0].dir), first.files[0].name, first.files[0].data))
	restarted := &Participant{cfg: Config{Name: "h2", DataDir: dir}}
	require.NoError(t, restarted.loadDecrypted())
	assert.Equal(t, map[uint32]common.Hash{1: common.BytesToHash(honest.Seed)}, restarted.scored)
	me.scored = restarted.scored
	for _, who := range [][]int{{2}, {0, 2}, {2, 0}, {2, 1, 0}} {
		task, facts, ref := f.scoreTaskFor(t, who)
		facts.pinned = f.pinnedFor(who) // the holder's own record refuses it, whatever the chain pins
		r, err := me.score(context.Background(), task, facts, ref)
		require.ErrorIs(t, err, ErrChainMismatch, "contributors %v: new projections of the same updates", who)
		assert.Contains(t, err.Error(), "one projection seed per round")
		assert.Nil(t, r.send)
	}
}

// The step checks each committed update against its commitment by the
// content hash its bytes had when they were fetched (and decoded), so that
// a holder does not decode and hash every update again in each phase.
func TestCommittedUpdatesTakeTheHashesCheckedAtFetch(t *testing.T) {
	s := &steps{name: "h", studyID: 1}
	member := common.Address{1}
	blob := []byte("an update")
	h := aggregation.ContentHash(blob)
	facts := roundFacts{committed: map[common.Address]contracts.Commitment{member: {CiphertextHash: h, Samples: 3}}, updates: sealedUpdates(blob)}
	_, samples, err := s.committedUpdates(2, []common.Address{member}, facts)
	require.NoError(t, err)
	assert.Equal(t, []uint64{3}, samples)

	facts.updates = sealedUpdates([]byte("other bytes"))
	_, _, err = s.committedUpdates(2, []common.Address{member}, facts)
	assert.ErrorContains(t, err, "committed in round 2 is missing", "other bytes: caught")

	facts.updates = []sealedUpdate{{hash: h, raw: []byte("other bytes")}}
	_, _, err = s.committedUpdates(2, []common.Address{member}, facts)
	assert.NoError(t, err, "checked at fetch against the commitment: not hashed again")
	facts.updates = []sealedUpdate{{hash: common.Hash{9}, raw: blob}}
	_, _, err = s.committedUpdates(2, []common.Address{member}, facts)
	assert.ErrorContains(t, err, "committed in round 2 is missing", "fetched against another hash")
}

// sealedUpdates hashes (and decodes) each blob as a fetch does.
func sealedUpdates(blobs ...[]byte) []sealedUpdate {
	out := make([]sealedUpdate, len(blobs))
	for i, b := range blobs {
		out[i] = newSealedUpdate(b)
	}
	return out
}

// A holder recomputes a round's scoring references (training the reference
// update, drawing the projections) once: the decrypt phase re-derives the
// trust weights with the score phase's. They are kept for what they were
// computed from only: another global model or root data set recomputes
// them (and is refused here, as the coordinator's hash no longer matches),
// and a claim that differs from them is refused even when they are kept.
func TestScoringReferencesAreComputedOncePerRound(t *testing.T) {
	f := newRoundFixture(t)
	me := f.nodes[0]
	task, facts, ref := f.scoreTaskFor(t, []int{0, 1, 2})
	addrs, err := contributors("score", task.GetContributors())
	require.NoError(t, err)
	scheme := testScheme(t)
	refsOf := func(ref referenceFacts, claimed []byte) (*aggregation.References, error) {
		return me.scoringReferences(context.Background(), scheme, f.round, addrs, facts, ref, task.GetSeed(), task.GetProjections(), claimed)
	}
	first, err := refsOf(ref, task.GetReferencesHash())
	require.NoError(t, err)
	again, err := refsOf(ref, task.GetReferencesHash())
	require.NoError(t, err)
	assert.Same(t, first, again, "computed once in the round")

	_, err = refsOf(ref, common.Hash{1}.Bytes())
	assert.ErrorIs(t, err, ErrChainMismatch, "a claim the kept references do not match")

	other := ref
	other.global = append([]float64(nil), ref.global...)
	other.global[0] += 0.5
	_, err = refsOf(other, task.GetReferencesHash())
	assert.ErrorIs(t, err, ErrChainMismatch, "another global model is recomputed from, not served the kept references")

	me.refs = nil
	fresh, err := refsOf(ref, task.GetReferencesHash())
	require.NoError(t, err)
	assert.NotSame(t, first, fresh, "dropped with the round: recomputed")
	assert.Equal(t, first.Hash(), fresh.Hash())
}

// A holder of a study whose recipe requires a cross-checked decryption
// gives no share for a single decryption set of t holders: the model would
// be whatever one lying holder among them made it, and a coordinator
// colluding with that holder could ask exactly t although more are live.
// With a spare holder (three sets of 2 of 3) it answers as usual.
func TestHolderRequiringACrossCheckRefusesASingleDecryptionSet(t *testing.T) {
	t.Parallel()
	f := newRoundFixture(t)
	me := f.nodes[1]
	me.requireCrossCheck = true

	single := f.honestDecrypt(t) // active points {1, 2} at threshold 2
	r, err := me.decrypt(context.Background(), single.task, single.facts)
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.ErrorContains(t, err, "one decryption set of 2 holders (points [1 2]) at threshold 2")
	assert.ErrorContains(t, err, "require_cross_check")
	assert.Nil(t, r.send, "no decryption share leaves the site")

	spare := f.honestDecrypt(t)
	spare.task.ActivePoints, spare.task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{1, 2})
	r, err = me.decrypt(context.Background(), spare.task, spare.facts)
	require.NoError(t, err)
	assert.Len(t, r.send.(*cohortv1.DecryptionShareSubmission).GetMore(), 1, "a share for each of its two sets")
}
