package participant

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// The key phases' steps, run without a chain or a coordinator: the chain's
// facts are contracts.Study values, and the test relays what the steps send.

var sharedScheme = sync.OnceValues(func() (*aggregation.Scheme, error) {
	return aggregation.NewScheme(testConfig())
})

func testScheme(t *testing.T) *aggregation.Scheme {
	t.Helper()
	s, err := sharedScheme()
	require.NoError(t, err)
	return s
}

const stepsStudy = 7

// consortium is n hospitals' steps with real keys, and the study as the
// chain would record it.
type consortium struct {
	keys  []*ecdsa.PrivateKey
	nodes []*steps
	study contracts.Study
	pk    *aggregation.PublicKey
	// selections are the study's committee selections on chain, oldest
	// first (see setCommittee).
	selections []contracts.Committee
	// keystores are those of the nodes that keep their keys, by index
	// (see persist).
	keystores map[int]*Keystore
}

func newConsortium(t *testing.T, n int) *consortium {
	t.Helper()
	c := &consortium{study: contracts.Study{ID: stepsStudy, StudyParams: contracts.StudyParams{MinParticipants: 2, Threshold: 2}}}
	for range n {
		k := mustKey(t)
		addr := crypto.PubkeyToAddress(k.PublicKey)
		c.keys = append(c.keys, k)
		c.nodes = append(c.nodes, newSteps(t, k))
		c.study.Participants = append(c.study.Participants, addr)
	}
	return c
}

// newSteps is a hospital's steps with key k and nothing else yet.
func newSteps(t *testing.T, k *ecdsa.PrivateKey) *steps {
	addr := crypto.PubkeyToAddress(k.PublicKey)
	return &steps{
		name: addr.Hex()[:8], studyID: stepsStudy, self: addr, key: k,
		sealer: &homomorphicSealer{scheme: testScheme(t), id: aggregation.DealerID(stepsStudy, addr.Bytes())},
	}
}

// persist gives node i a keystore: from now on the helpers carry out its
// steps' keystore writes (keep), as the driver does, and restart reads
// them back.
func (c *consortium) persist(t *testing.T, i int) {
	t.Helper()
	if c.keystores == nil {
		c.keystores = map[int]*Keystore{}
	}
	c.keystores[i] = openTestKeystore(t, t.TempDir())
}

// keep carries out r's keystore writes for node i, if it has a keystore.
func (c *consortium) keep(t *testing.T, i int, r ready) {
	t.Helper()
	if ks := c.keystores[i]; ks != nil {
		require.NoError(t, keepSecrets(ks, r.keep))
	}
}

// restart replaces node i by the node restarted: its identity, the
// collective key it reads from the chain again, and what its keystore
// kept; nothing of the old node's memory.
func (c *consortium) restart(t *testing.T, i int) {
	t.Helper()
	require.NotNil(t, c.keystores[i], "node %d keeps no keystore", i)
	fresh := newSteps(t, c.keys[i])
	fresh.pubKey, fresh.pkHash = c.nodes[i].pubKey, c.nodes[i].pkHash
	p := &Participant{steps: *fresh, cfg: Config{Name: fresh.name, StudyID: stepsStudy, Keystore: c.keystores[i]}, log: slog.New(slog.DiscardHandler)}
	require.NoError(t, p.loadSecrets())
	c.nodes[i] = &p.steps
}

// holder is node i as a share holder at point.
func (c *consortium) holder(i int, point uint64) *cohortv1.ShareHolder {
	return &cohortv1.ShareHolder{Address: c.nodes[i].self.Bytes(), Point: point, PublicKey: crypto.FromECDSAPub(&c.keys[i].PublicKey)}
}

// stepsLedger is the ledger address the steps tests' CRS is bound to.
var stepsLedger = common.HexToAddress("0x5eed")

// keyGenTask is the key generation task for the first n nodes, as an honest
// coordinator sends it, and its CRS seed.
func (c *consortium) keyGenTask(n int) (*cohortv1.KeyGenTask, [32]byte) {
	members := make([]common.Address, n)
	for i, s := range c.nodes[:n] {
		members[i] = s.self
	}
	slices.SortFunc(members, func(a, b common.Address) int { return a.Cmp(b) })
	crs := protocol.KeyGenCRS(stepsStudy, stepsLedger, members)
	task := &cohortv1.KeyGenTask{StudyId: stepsStudy, CrsSeed: crs[:]}
	for _, m := range members {
		task.Participants = append(task.Participants, m.Bytes())
	}
	return task, crs
}

// keyGen runs key generation among the first n nodes through their steps
// and records the collective key's hash in the study.
func (c *consortium) keyGen(t *testing.T, n int) {
	t.Helper()
	task, crs := c.keyGenTask(n)
	var shares []*aggregation.PublicKeyShare
	for _, s := range c.nodes[:n] {
		r, err := s.keyGen(task, c.study, stepsLedger)
		require.NoError(t, err)
		sub := r.send.(*cohortv1.PublicKeyShareSubmission)
		share := new(aggregation.PublicKeyShare)
		require.NoError(t, share.UnmarshalBinary(sub.GetShare()))
		shares = append(shares, share)
	}
	pk, err := testScheme(t).CombinePublicKey(crs, shares)
	require.NoError(t, err)
	c.pk, c.study.PublicKeyHash = pk, pk.Hash()
	b, err := pk.MarshalBinary()
	require.NoError(t, err)
	for _, s := range c.nodes {
		s.pubKey, s.pkHash = b, pk.Hash()
	}
}

// deal runs the threshold dealing among the first n nodes at points 1..n
// and returns the shares each recipient receives, by recipient index.
func (c *consortium) deal(t *testing.T, n int) [][]*cohortv1.EncryptedShare {
	t.Helper()
	task := &cohortv1.ThresholdTask{StudyId: stepsStudy, Threshold: c.study.Threshold}
	for i := range n {
		task.Holders = append(task.Holders, c.holder(i, uint64(i+1)))
	}
	inbox := make([][]*cohortv1.EncryptedShare, n)
	for _, s := range c.nodes[:n] {
		r, err := s.dealThreshold(task, c.study)
		require.NoError(t, err)
		for _, sh := range r.send.(*cohortv1.ThresholdSharesSubmission).GetShares() {
			for j := range n {
				if common.BytesToAddress(sh.GetRecipient()) == c.nodes[j].self {
					inbox[j] = append(inbox[j], sh)
				}
			}
		}
	}
	return inbox
}

// thresholdKeys runs key generation and threshold dealing among the first
// n nodes.
func (c *consortium) thresholdKeys(t *testing.T, n int) {
	t.Helper()
	c.keyGen(t, n)
	inbox := c.deal(t, n)
	for i, s := range c.nodes[:n] {
		_, err := s.thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: inbox[i]}, c.study)
		require.NoError(t, err)
	}
}

func TestKeyGenStep(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 3)
	honest, _ := c.keyGenTask(3)
	with := func(change func(k *cohortv1.KeyGenTask)) *cohortv1.KeyGenTask {
		k := proto.Clone(honest).(*cohortv1.KeyGenTask)
		change(k)
		return k
	}
	chosen := aggregation.CommonSeed([]byte("a seed the coordinator picked"))
	stranger := crypto.PubkeyToAddress(mustKey(t).PublicKey)
	keyed := c.study
	keyed.PublicKeyHash = common.Hash{9}
	cases := []struct {
		name     string
		task     *cohortv1.KeyGenTask
		study    contracts.Study
		want     error
		wantText string
	}{
		{name: "honest", task: honest, study: c.study},
		{name: "a task for another study", task: with(func(k *cohortv1.KeyGenTask) { k.StudyId++ }), study: c.study, want: ErrChainMismatch},
		{name: "replayed once the key is on chain", task: honest, study: keyed, want: ErrChainMismatch},
		{name: "a short CRS seed", task: with(func(k *cohortv1.KeyGenTask) { k.CrsSeed = k.CrsSeed[:31] }), study: c.study, wantText: "CRS seed is 31 bytes"},
		{name: "no CRS seed", task: with(func(k *cohortv1.KeyGenTask) { k.CrsSeed = nil }), study: c.study, wantText: "CRS seed is 0 bytes"},
		{name: "a CRS seed the coordinator chose", task: with(func(k *cohortv1.KeyGenTask) { k.CrsSeed = chosen[:] }), study: c.study, want: ErrChainMismatch, wantText: "not the one derived"},
		{name: "a member that is not in the study", task: with(func(k *cohortv1.KeyGenTask) {
			listed := []common.Address{c.nodes[0].self, c.nodes[1].self, stranger}
			slices.SortFunc(listed, func(a, b common.Address) int { return a.Cmp(b) })
			k.Participants = nil
			for _, m := range listed {
				k.Participants = append(k.Participants, m.Bytes())
			}
		}), study: c.study, want: ErrChainMismatch, wantText: "does not take part"},
		{name: "members out of order", task: with(func(k *cohortv1.KeyGenTask) {
			k.Participants[0], k.Participants[1] = k.Participants[1], k.Participants[0]
		}), study: c.study, want: ErrChainMismatch, wantText: "unsorted or twice"},
		{name: "without this site", task: func() *cohortv1.KeyGenTask {
			k, _ := c.keyGenTask(3)
			k.Participants = slices.DeleteFunc(k.Participants, func(b []byte) bool { return common.BytesToAddress(b) == c.nodes[0].self })
			return k
		}(), study: c.study, want: ErrChainMismatch, wantText: "does not list this site"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := *c.nodes[0] // a fresh sealer each time: no key share yet
			s.sealer = &homomorphicSealer{scheme: testScheme(t), id: aggregation.DealerID(stepsStudy, s.self.Bytes())}
			r, err := s.keyGen(tc.task, tc.study, stepsLedger)
			if tc.want != nil || tc.wantText != "" {
				if tc.want != nil {
					require.ErrorIs(t, err, tc.want)
				}
				require.ErrorContains(t, err, tc.wantText)
				secret, _, _ := s.sealer.export()
				assert.Nil(t, secret, "no key share made")
				return
			}
			require.NoError(t, err)
			sub := r.send.(*cohortv1.PublicKeyShareSubmission)
			signer, err := auth.Verify(sub.GetAuth(), stepsStudy, 0, auth.KindPublicKey, crypto.Keccak256Hash(sub.GetShare()))
			require.NoError(t, err)
			assert.Equal(t, s.self, signer)
			require.Len(t, r.keep, 1, "the key share is kept before it is used")
			assert.Equal(t, s.secretName(), r.keep[0].name)
		})
	}
}

func TestThresholdDealStep(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 3)
	c.keyGen(t, 2)
	stranger := mustKey(t)
	honest := func() *cohortv1.ThresholdTask {
		return &cohortv1.ThresholdTask{StudyId: stepsStudy, Threshold: 2, Holders: []*cohortv1.ShareHolder{c.holder(0, 1), c.holder(1, 2)}}
	}
	with := func(change func(*cohortv1.ThresholdTask)) *cohortv1.ThresholdTask {
		task := honest()
		change(task)
		return task
	}
	cases := []struct {
		name string
		task *cohortv1.ThresholdTask
		node int
		want error
	}{
		{name: "another study", task: with(func(t *cohortv1.ThresholdTask) { t.StudyId++ }), want: ErrChainMismatch},
		{name: "another threshold than the chain's", task: with(func(t *cohortv1.ThresholdTask) { t.Threshold = 1 }), want: ErrChainMismatch},
		{name: "a threshold above the holders", task: with(func(t *cohortv1.ThresholdTask) { t.Threshold = 3 })},
		{name: "a holder not on chain", task: with(func(t *cohortv1.ThresholdTask) {
			t.Holders[1] = &cohortv1.ShareHolder{Address: crypto.PubkeyToAddress(stranger.PublicKey).Bytes(), Point: 2, PublicKey: crypto.FromECDSAPub(&stranger.PublicKey)}
		}), want: ErrChainMismatch},
		{name: "a holder's key that is not its address's", task: with(func(t *cohortv1.ThresholdTask) {
			t.Holders[1].PublicKey = crypto.FromECDSAPub(&stranger.PublicKey)
		}), want: ErrChainMismatch},
		{name: "a malformed address", task: with(func(t *cohortv1.ThresholdTask) { t.Holders[1].Address = t.Holders[1].Address[:19] }), want: ErrChainMismatch},
		{name: "an oversized holder list", task: with(func(t *cohortv1.ThresholdTask) {
			for i := range 5000 {
				t.Holders = append(t.Holders, &cohortv1.ShareHolder{Address: common.BigToAddress(common.Big1).Bytes(), Point: uint64(i + 3)})
			}
		}), want: ErrChainMismatch},
		{name: "a point given twice", task: with(func(t *cohortv1.ThresholdTask) { t.Holders[1].Point = 1 }), want: ErrChainMismatch},
		{name: "this site not among the holders", task: with(func(t *cohortv1.ThresholdTask) { t.Holders[0] = c.holder(2, 1) }), want: ErrChainMismatch},
		{name: "before key generation", task: with(func(t *cohortv1.ThresholdTask) { t.Holders[1] = c.holder(2, 2) }), node: 2, want: errNoKeyShare},
	}
	t.Run("replayed after round 1 opened", func(t *testing.T) {
		study := c.study
		study.CurrentRound = 1
		_, err := c.nodes[0].dealThreshold(honest(), study)
		require.ErrorIs(t, err, ErrChainMismatch)
	})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := c.nodes[tc.node]
			_, err := s.dealThreshold(tc.task, c.study)
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			assert.Zero(t, s.point, "no point taken")
		})
	}
	t.Run("honest", func(t *testing.T) {
		r, err := c.nodes[1].dealThreshold(honest(), c.study)
		require.NoError(t, err)
		assert.Equal(t, uint64(2), c.nodes[1].point)
		shares := r.send.(*cohortv1.ThresholdSharesSubmission).GetShares()
		require.Len(t, shares, 2)
		for i, sh := range shares {
			to := c.nodes[i].self
			assert.Equal(t, to, common.BytesToAddress(sh.GetRecipient()))
			signer, err := auth.Verify(sh.GetAuth(), stepsStudy, 0, auth.KindThresholdShare, auth.ShareContent(to, sh.GetCiphertext()))
			require.NoError(t, err)
			assert.Equal(t, c.nodes[1].self, signer)
			_, err = auth.Open(c.keys[2], sh.GetCiphertext())
			require.ErrorIs(t, err, auth.ErrSealed, "sealed to its holder only")
		}
	})
}

func TestThresholdKeyStep(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 3)
	c.keyGen(t, 2)
	inbox := c.deal(t, 2)
	me := c.nodes[0]
	stranger := mustKey(t)
	// resigned is share i of node 0's inbox signed by key over its content
	// for recipient to.
	resigned := func(i int, key *ecdsa.PrivateKey, to common.Address) *cohortv1.EncryptedShare {
		sh := inbox[0][i]
		signed, err := auth.Sign(key, stepsStudy, 0, auth.KindThresholdShare, auth.ShareContent(to, sh.GetCiphertext()))
		require.NoError(t, err)
		return &cohortv1.EncryptedShare{Recipient: to.Bytes(), Ciphertext: sh.GetCiphertext(), Auth: signed}
	}
	garbage, err := auth.SealTo(&c.keys[0].PublicKey, []byte("not a share"))
	require.NoError(t, err)
	garbageSigned, err := auth.Sign(c.keys[1], stepsStudy, 0, auth.KindThresholdShare, auth.ShareContent(me.self, garbage))
	require.NoError(t, err)
	junkSigned, err := auth.Sign(c.keys[1], stepsStudy, 0, auth.KindThresholdShare, auth.ShareContent(me.self, []byte("junk")))
	require.NoError(t, err)
	forged := &cohortv1.EncryptedShare{Recipient: inbox[0][1].GetRecipient(), Auth: inbox[0][1].GetAuth(),
		Ciphertext: inbox[0][0].GetCiphertext()} // dealer 2's signature over dealer 1's share

	cases := []struct {
		name   string
		shares []*cohortv1.EncryptedShare
		study  uint64
		want   error
	}{
		{"another study", inbox[0], stepsStudy + 1, ErrChainMismatch},
		{"a share addressed to another party", []*cohortv1.EncryptedShare{inbox[0][0], resigned(1, c.keys[1], c.nodes[1].self)}, stepsStudy, ErrChainMismatch},
		{"a signature over other content", []*cohortv1.EncryptedShare{inbox[0][0], forged}, stepsStudy, auth.ErrBadSignature},
		{"two shares from one dealer", []*cohortv1.EncryptedShare{inbox[0][0], inbox[0][0]}, stepsStudy, ErrChainMismatch},
		{"a dealing from a stranger", []*cohortv1.EncryptedShare{inbox[0][0], resigned(1, stranger, me.self)}, stepsStudy, ErrChainMismatch},
		{"a member passing off another's dealing as its own", []*cohortv1.EncryptedShare{resigned(0, c.keys[2], me.self), inbox[0][1]}, stepsStudy, ErrChainMismatch},
		{"a share that does not open", []*cohortv1.EncryptedShare{inbox[0][0], {Recipient: me.self.Bytes(), Ciphertext: []byte("junk"), Auth: junkSigned}}, stepsStudy, auth.ErrSealed},
		{"a malformed share", []*cohortv1.EncryptedShare{inbox[0][0], {Recipient: me.self.Bytes(), Ciphertext: garbage, Auth: garbageSigned}}, stepsStudy, ErrChainMismatch},
		{"a dealer missing", inbox[0][:1], stepsStudy, aggregation.ErrMissingShares},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := me.thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: tc.study, Shares: tc.shares}, c.study)
			require.ErrorIs(t, err, tc.want)
			_, threshold, _ := me.sealer.export()
			assert.Nil(t, threshold, "no threshold share made")
		})
	}
	t.Run("replayed after round 1 opened", func(t *testing.T) {
		study := c.study
		study.CurrentRound = 1
		_, err := me.thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: inbox[0]}, study)
		require.ErrorIs(t, err, ErrChainMismatch)
		_, threshold, _ := me.sealer.export()
		assert.Nil(t, threshold)
	})
	t.Run("honest", func(t *testing.T) {
		r, err := me.thresholdKey(&cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: inbox[0]}, c.study)
		require.NoError(t, err)
		names := []string{}
		for _, w := range r.keep {
			names = append(names, w.name)
		}
		assert.Equal(t, []string{me.secretName(), me.thresholdName()}, names)
		signer, err := auth.Verify(r.send.(*cohortv1.ThresholdKeyConfirmation).GetAuth(), stepsStudy, 0, auth.KindThresholdKey, crypto.Keccak256Hash(c.pk.Hash().Bytes()))
		require.NoError(t, err)
		assert.Equal(t, me.self, signer)
	})
}

// reshareFixture is a consortium where nodes 0 and 1 hold threshold shares
// at points 1 and 2 and node 2 joined before round 1: the re-sharing for
// round 1 has 0 and 1 deal their shares, and 2 deal its own key, to all
// three.
type reshareFixture struct {
	*consortium
	dealers, holders []*cohortv1.ShareHolder
}

func newReshareFixture(t *testing.T) *reshareFixture {
	t.Helper()
	c := newConsortium(t, 3)
	c.thresholdKeys(t, 2)
	return &reshareFixture{
		consortium: c,
		dealers:    []*cohortv1.ShareHolder{{Address: c.nodes[0].self.Bytes(), Point: 1}, {Address: c.nodes[1].self.Bytes(), Point: 2}},
		holders:    []*cohortv1.ShareHolder{c.holder(0, 1), c.holder(1, 2), c.holder(2, 3)},
	}
}

func (f *reshareFixture) task(round uint32) *cohortv1.ReshareTask {
	return &cohortv1.ReshareTask{StudyId: stepsStudy, Round: round, Threshold: 2, Dealers: f.dealers, Holders: f.holders,
		SetHash: auth.ReshareSetHash(stepsStudy, round, 2, f.dealers, f.holders).Bytes()}
}

// rehash sets a task's set hash to its (changed) dealers and holders.
func rehash(t *cohortv1.ReshareTask) {
	t.SetHash = auth.ReshareSetHash(t.GetStudyId(), t.GetRound(), t.GetThreshold(), t.GetDealers(), t.GetHolders()).Bytes()
}

func TestReshareDealStep(t *testing.T) {
	t.Parallel()
	f := newReshareFixture(t)
	stranger := mustKey(t)
	with := func(change func(*cohortv1.ReshareTask)) *cohortv1.ReshareTask {
		task := f.task(1)
		task.Dealers, task.Holders = append([]*cohortv1.ShareHolder(nil), f.dealers...), append([]*cohortv1.ShareHolder(nil), f.holders...)
		change(task)
		return task
	}
	atRound := func(round uint32, open bool) contracts.Study {
		s := f.study
		s.CurrentRound, s.RoundOpen = round, open
		return s
	}
	cases := []struct {
		name      string
		task      *cohortv1.ReshareTask
		study     contracts.Study
		suspended map[common.Address]bool
		node      int
	}{
		{name: "another study", task: with(func(t *cohortv1.ReshareTask) { t.StudyId++; rehash(t) }), study: f.study},
		{name: "an earlier epoch replayed", task: f.task(1), study: atRound(1, false)},
		{name: "while a round is open", task: f.task(1), study: atRound(0, true)},
		{name: "for a round after the next", task: f.task(3), study: f.study},
		{name: "another threshold than the chain's", task: with(func(t *cohortv1.ReshareTask) { t.Threshold = 3; rehash(t) }), study: f.study},
		{name: "fewer dealers than the threshold", task: with(func(t *cohortv1.ReshareTask) { t.Dealers = t.Dealers[:1]; rehash(t) }), study: f.study},
		{name: "a set hash that is not the set's", task: with(func(t *cohortv1.ReshareTask) { t.SetHash = crypto.Keccak256([]byte("x")) }), study: f.study},
		{name: "a recipient not on chain", task: with(func(t *cohortv1.ReshareTask) {
			t.Holders[2] = &cohortv1.ShareHolder{Address: crypto.PubkeyToAddress(stranger.PublicKey).Bytes(), Point: 3, PublicKey: crypto.FromECDSAPub(&stranger.PublicKey)}
			rehash(t)
		}), study: f.study},
		{name: "a suspended recipient", task: f.task(1), study: f.study, suspended: map[common.Address]bool{f.nodes[2].self: true}},
		{name: "a suspended dealer", task: f.task(1), study: f.study, suspended: map[common.Address]bool{f.nodes[1].self: true}},
		{name: "a dealer listed twice", task: with(func(t *cohortv1.ReshareTask) { t.Dealers[1] = t.Dealers[0]; rehash(t) }), study: f.study},
		{name: "a holder listed twice", task: with(func(t *cohortv1.ReshareTask) { t.Holders[2] = f.consortium.holder(1, 3); rehash(t) }), study: f.study},
		{name: "a dealer asked at another point than its own", task: with(func(t *cohortv1.ReshareTask) {
			t.Dealers = []*cohortv1.ShareHolder{{Address: f.nodes[0].self.Bytes(), Point: 2}, {Address: f.nodes[1].self.Bytes(), Point: 1}}
			rehash(t)
		}), study: f.study},
		{name: "a holder asked to deal its own key", task: with(func(t *cohortv1.ReshareTask) {
			t.Dealers = []*cohortv1.ShareHolder{{Address: f.nodes[1].self.Bytes(), Point: 2}, {Address: f.nodes[2].self.Bytes(), Point: 3}}
			rehash(t)
		}), study: f.study},
		{name: "a malformed dealer address", task: with(func(t *cohortv1.ReshareTask) {
			t.Dealers = []*cohortv1.ShareHolder{{Address: append(f.nodes[0].self.Bytes(), 0), Point: 1}, f.dealers[1]}
			rehash(t)
		}), study: f.study},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.nodes[tc.node].reshareDeal(tc.task, tc.study, tc.suspended)
			require.ErrorIs(t, err, ErrChainMismatch)
		})
	}
	t.Run("a newcomer not among the holders", func(t *testing.T) {
		task := with(func(t *cohortv1.ReshareTask) { t.Holders = t.Holders[:2]; rehash(t) })
		_, err := f.nodes[2].reshareDeal(task, f.study, nil)
		require.ErrorIs(t, err, ErrChainMismatch)
		secret, _, _ := f.nodes[2].sealer.export()
		assert.Nil(t, secret, "no key share made")
	})
	t.Run("honest", func(t *testing.T) {
		for i, s := range f.nodes {
			r, err := s.reshareDeal(f.task(1), f.study, nil)
			require.NoError(t, err, "node %d", i)
			sub := r.send.(*cohortv1.ReshareSharesSubmission)
			assert.Len(t, sub.GetShares(), 3)
			assert.Equal(t, i == 2, len(r.keep) > 0, "only the newcomer makes a key share to keep")
			assert.Equal(t, i == 2, len(sub.GetPublicKeyShare()) > 0, "only the newcomer sends its public-key share")
			if i == 2 {
				signer, err := auth.Verify(sub.GetPublicKeyShareAuth(), stepsStudy, 1, auth.KindPublicKey, crypto.Keccak256Hash(sub.GetPublicKeyShare()))
				require.NoError(t, err)
				assert.Equal(t, s.self, signer)
				again, err := s.reshareDeal(f.task(1), f.study, nil)
				require.NoError(t, err)
				assert.Equal(t, sub.GetPublicKeyShare(), again.send.(*cohortv1.ReshareSharesSubmission).GetPublicKeyShare(), "the same share when asked to deal again")
			}
		}
	})
}

// reshared runs the honest re-sharing for round 1 through every node's
// steps and returns each node's inbox.
func (f *reshareFixture) reshared(t *testing.T) [][]*cohortv1.EncryptedShare {
	t.Helper()
	inbox := make([][]*cohortv1.EncryptedShare, len(f.nodes))
	for _, s := range f.nodes {
		r, err := s.reshareDeal(f.task(1), f.study, nil)
		require.NoError(t, err)
		for _, sh := range r.send.(*cohortv1.ReshareSharesSubmission).GetShares() {
			for j := range f.nodes {
				if common.BytesToAddress(sh.GetRecipient()) == f.nodes[j].self {
					inbox[j] = append(inbox[j], sh)
				}
			}
		}
	}
	return inbox
}

// reshareSetOf is what a re-sharing's tasks name of its set.
type reshareSetOf interface {
	GetRound() uint32
	GetThreshold() uint32
	GetDealers() []*cohortv1.ShareHolder
	GetHolders() []*cohortv1.ShareHolder
	GetSetHash() []byte
}

// commitOf is the commit an honest coordinator sends once the holders with
// the given keys confirmed the re-sharing set: the set and their
// signatures, as each signed its ReshareKeyConfirmation.
func commitOf(t *testing.T, study uint64, set reshareSetOf, confirmers ...*ecdsa.PrivateKey) *cohortv1.ReshareCommitTask {
	t.Helper()
	c := &cohortv1.ReshareCommitTask{StudyId: study, Round: set.GetRound(), SetHash: set.GetSetHash(), Threshold: set.GetThreshold(), Dealers: set.GetDealers(), Holders: set.GetHolders()}
	for _, k := range confirmers {
		signed, err := auth.Sign(k, study, set.GetRound(), auth.KindReshareKey, common.BytesToHash(set.GetSetHash()))
		require.NoError(t, err)
		c.Confirmations = append(c.Confirmations, signed)
	}
	return c
}

func (f *reshareFixture) keyTask(round uint32, shares []*cohortv1.EncryptedShare) *cohortv1.ReshareKeyTask {
	task := f.task(round)
	return &cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: round, Threshold: 2, Dealers: task.Dealers, Holders: task.Holders, SetHash: task.SetHash, Shares: shares}
}

func TestReshareKeyAndCommitSteps(t *testing.T) {
	t.Parallel()
	f := newReshareFixture(t)
	inbox := f.reshared(t)
	me := f.nodes[2]
	stranger := mustKey(t)
	setHash := common.BytesToHash(f.task(1).GetSetHash())
	fromStranger := &cohortv1.EncryptedShare{Recipient: inbox[2][0].GetRecipient(), Ciphertext: inbox[2][0].GetCiphertext(), Pieces: 1}
	var err error
	fromStranger.Auth, err = auth.Sign(stranger, stepsStudy, 1, auth.KindReshareShare, auth.ReshareContent(me.self, setHash, 0, 1, fromStranger.GetCiphertext()))
	require.NoError(t, err)
	later := f.study
	later.CurrentRound = 1

	cases := []struct {
		name      string
		task      *cohortv1.ReshareKeyTask
		study     contracts.Study
		suspended map[common.Address]bool
		want      error
	}{
		{"another study", func() *cohortv1.ReshareKeyTask { k := f.keyTask(1, inbox[2]); k.StudyId++; return k }(), f.study, nil, ErrChainMismatch},
		{"a replay after the epoch", f.keyTask(1, inbox[2]), later, nil, ErrChainMismatch},
		{"a suspended dealer", f.keyTask(1, inbox[2]), f.study, map[common.Address]bool{f.nodes[0].self: true}, ErrChainMismatch},
		{"a dealing from a stranger", f.keyTask(1, append([]*cohortv1.EncryptedShare{fromStranger}, inbox[2][1:]...)), f.study, nil, ErrChainMismatch},
		{"another holder's shares", f.keyTask(1, inbox[1]), f.study, nil, ErrChainMismatch},
		{"a dealer's share twice", f.keyTask(1, []*cohortv1.EncryptedShare{inbox[2][0], inbox[2][0], inbox[2][2]}), f.study, nil, ErrChainMismatch},
		{"a dealer's share missing", f.keyTask(1, inbox[2][1:]), f.study, nil, ErrChainMismatch},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := me.reshareKey(tc.task, tc.study, tc.suspended, nil)
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, me.pending, "nothing kept pending")
		})
	}
	_, err = me.reshareCommit(&cohortv1.ReshareCommitTask{StudyId: stepsStudy, Round: 1, SetHash: setHash.Bytes()})
	require.ErrorIs(t, err, errNoPendingShare, "a commit before the share arrived")

	r, err := me.reshareKey(f.keyTask(1, inbox[2]), f.study, nil, nil)
	require.NoError(t, err)
	require.NotNil(t, me.pending)
	assert.Equal(t, []secretWrite{{me.pendingEpochName(), epochRecord(1, setHash, 0)}, {me.pendingName(), me.pending.encode()}}, r.keep,
		"the new share is kept pending, after the selection it was made for (none here)")
	assert.Zero(t, me.point, "not in force before the commit")

	_, err = me.reshareCommit(&cohortv1.ReshareCommitTask{StudyId: stepsStudy, Round: 1, SetHash: crypto.Keccak256([]byte("other"))})
	require.ErrorIs(t, err, errNoPendingShare, "a commit of another re-sharing")
	_, err = me.reshareCommit(&cohortv1.ReshareCommitTask{StudyId: stepsStudy + 1, Round: 1, SetHash: setHash.Bytes()})
	require.ErrorIs(t, err, ErrChainMismatch, "a commit for another study")

	// Acting on a commit erases the old share for good, so a coordinator's
	// word is not enough: the commit must prove that threshold new holders
	// of this very set hold their shares.
	honest := func() *cohortv1.ReshareCommitTask { return commitOf(t, stepsStudy, f.task(1), f.nodes[0].key, me.key) }
	forged := honest()
	forged.Confirmations[0].Signature = slices.Clone(forged.Confirmations[1].Signature)
	for _, tc := range []struct {
		name   string
		commit *cohortv1.ReshareCommitTask
		want   error
	}{
		{"the coordinator's word alone", &cohortv1.ReshareCommitTask{StudyId: stepsStudy, Round: 1, SetHash: setHash.Bytes()}, auth.ErrUnconfirmedReshare},
		{"fewer confirmations than the threshold", commitOf(t, stepsStudy, f.task(1), me.key), auth.ErrUnconfirmedReshare},
		{"one holder's confirmation twice", commitOf(t, stepsStudy, f.task(1), me.key, me.key), auth.ErrUnconfirmedReshare},
		{"a confirmation by a non-holder", commitOf(t, stepsStudy, f.task(1), stranger, me.key), auth.ErrUnconfirmedReshare},
		{"a forged confirmation", forged, auth.ErrBadSignature},
		{"confirmations of another round", func() *cohortv1.ReshareCommitTask {
			c := commitOf(t, stepsStudy, f.task(2), f.nodes[0].key, me.key)
			c.Round, c.SetHash = 1, setHash.Bytes()
			return c
		}(), auth.ErrBadSignature},
		{"a set that is not the set hash's", func() *cohortv1.ReshareCommitTask { c := honest(); c.Holders = c.Holders[:2]; return c }(), auth.ErrUnconfirmedReshare},
	} {
		_, err := me.reshareCommit(tc.commit)
		require.ErrorIs(t, err, tc.want, tc.name)
		assert.Zero(t, me.point, "%s: nothing put in force", tc.name)
		require.NotNil(t, me.pending, "%s: the pending share is kept", tc.name)
	}

	r, err = me.reshareCommit(honest())
	require.NoError(t, err)
	assert.Equal(t, uint64(3), me.point)
	require.Len(t, r.keep, 4)
	assert.Equal(t, []string{me.thresholdName(), me.epochName(), me.pendingName(), me.pendingEpochName()}, []string{r.keep[0].name, r.keep[1].name, r.keep[2].name, r.keep[3].name},
		"the pending entry is erased after the share in force is kept, so a crash can apply the commit again")
	assert.Nil(t, r.keep[2].value)
	assert.Nil(t, r.keep[3].value)
	r, err = me.reshareCommit(honest())
	require.NoError(t, err, "a replayed commit is a no-op")
	assert.Empty(t, r.keep)
}

// A re-sharing share too large for one message goes in pieces: the dealer
// cuts each sealed share and sends several submissions; the holder takes
// its pieces over several tasks, in any order, a task sent again changes
// nothing, and it confirms only once every piece has come. A piece that
// contradicts one already taken is refused.
func TestReshareSharesInPieces(t *testing.T) {
	t.Parallel()
	f := newReshareFixture(t)
	me := f.nodes[2]
	whole, err := f.nodes[0].reshareDeal(f.task(1), f.study, nil)
	require.NoError(t, err)
	size := len(whole.send.(*cohortv1.ReshareSharesSubmission).GetShares()[0].GetCiphertext())/3 + 1
	var mine []*cohortv1.EncryptedShare
	for _, s := range f.nodes {
		s.pieceBytes = size
		r, err := s.reshareDeal(f.task(1), f.study, nil)
		require.NoError(t, err)
		subs := append([]proto.Message{r.send}, r.more...)
		pieces := 0
		for _, m := range subs {
			shares := m.(*cohortv1.ReshareSharesSubmission).GetShares()
			assert.LessOrEqual(t, len(shares), 4, "at most four pieces of this size to a submission")
			for _, sh := range shares {
				assert.LessOrEqual(t, len(sh.GetCiphertext()), size)
				assert.GreaterOrEqual(t, sh.GetPieces(), uint32(2))
				if common.BytesToAddress(sh.GetRecipient()) == me.self {
					mine = append(mine, sh)
				}
				pieces++
			}
		}
		assert.Greater(t, len(subs), 1, "%d pieces in several submissions", pieces)
	}
	require.Equal(t, 8, len(mine), "three pieces from each dealer, two of the newcomer's own key")
	mrand.New(mrand.NewPCG(1, 2)).Shuffle(len(mine), func(i, j int) { mine[i], mine[j] = mine[j], mine[i] })
	task := func(shares ...*cohortv1.EncryptedShare) *cohortv1.ReshareKeyTask {
		k := f.keyTask(1, shares)
		k.TotalShares, k.RelayId = 8, []byte("relay 1")
		return k
	}
	for _, part := range [][]*cohortv1.EncryptedShare{mine[:4], mine[:4], mine[4:6]} {
		r, err := me.reshareKey(task(part...), f.study, nil, nil)
		require.NoError(t, err)
		assert.Nil(t, r.send, "no confirmation before every piece came")
	}
	assert.Nil(t, me.pending)

	altered := proto.Clone(mine[6]).(*cohortv1.EncryptedShare)
	// Flip a bit rather than set a byte: the ciphertext is random, and one
	// piece in 256 already began with the byte a test would set.
	altered.Ciphertext = append([]byte{}, altered.GetCiphertext()...)
	altered.Ciphertext[0] ^= 1
	recount := proto.Clone(mine[6]).(*cohortv1.EncryptedShare)
	recount.Pieces = 4
	moved := proto.Clone(mine[6]).(*cohortv1.EncryptedShare)
	moved.Piece = (moved.Piece + 1) % moved.Pieces
	for _, tc := range []struct {
		name string
		task *cohortv1.ReshareKeyTask
		want error
	}{
		{"a piece altered", task(altered, mine[7]), auth.ErrBadSignature},
		{"a piece moved to another place", task(moved), auth.ErrBadSignature},
		{"a piece twice in one task", task(mine[6], mine[6]), ErrChainMismatch},
		{"a piece count that is not the signed one", task(recount), auth.ErrBadSignature},
		{"more pieces than announced", func() *cohortv1.ReshareKeyTask { k := task(mine[6:]...); k.TotalShares = 1; return k }(), ErrChainMismatch},
		{"pieces for another re-sharing", f.keyTask(2, mine[6:]), ErrChainMismatch},
	} {
		_, err := me.reshareKey(tc.task, f.study, nil, nil)
		assert.ErrorIs(t, err, tc.want, tc.name)
		assert.Equal(t, 6, me.reshareIn.got, "%s: nothing taken, nothing lost", tc.name)
	}
	r, err := me.reshareKey(task(mine[6:]...), f.study, nil, nil)
	require.NoError(t, err)
	require.NotNil(t, r.send, "confirmed once the last piece came")
	require.NotNil(t, me.pending)
	_, err = me.reshareCommit(commitOf(t, stepsStudy, f.task(1), f.nodes[1].key, me.key))
	require.NoError(t, err)
	assert.EqualValues(t, 3, me.point)

	// A coordinator that restarted relays a fresh dealing: pieces of another
	// relay start afresh rather than mix with the first.
	me.pending, me.reshareIn = nil, nil
	_, err = me.reshareKey(task(mine[:4]...), f.study, nil, nil)
	require.NoError(t, err)
	again := task(mine[4:]...)
	again.RelayId = []byte("relay 2")
	r, err = me.reshareKey(again, f.study, nil, nil)
	require.NoError(t, err)
	assert.Nil(t, r.send, "4 pieces of the second relay, 4 of the first set aside")
	assert.Equal(t, 4, me.reshareIn.got)
}

// A holder knows before any piece comes how large each share it is relayed
// may be: a re-shared share carries a share of the key of each member that
// ever joined (the chain's participants and departures), a member's own
// dealing one key (protocol.SealedShareBytes, exact for a real sealed
// share). A piece announcing more pieces than that takes, pieces past that
// many bytes, or a relay announcing more pieces than the dealers may send is
// refused (and declined) before anything is kept: before, a hostile
// coordinator or dealer could announce 4096 pieces of 8 MiB for one share
// (32 GiB) and the holder kept whatever came, waiting for the rest.
func TestReshareKeyBoundsShareSize(t *testing.T) {
	t.Parallel()
	f := newReshareFixture(t)
	inbox := f.reshared(t)
	me := f.nodes[2]
	scheme := testScheme(t)
	require.Len(t, inbox[2], 3, "one piece from each dealer, one of this newcomer's own key")
	assert.Len(t, inbox[2][0].GetCiphertext(), protocol.SealedShareBytes(scheme, 2, 3, 2), "a real sealed re-shared share: the two keys dealt, three holders, two re-sharers")
	assert.Len(t, inbox[2][2].GetCiphertext(), protocol.SealedShareBytes(scheme, 1, 3, 0), "a real sealed dealing of one's own key")
	reshared := protocol.SealedShareBytes(scheme, 3, 3, 2) // three members joined
	own := protocol.SealedShareBytes(scheme, 1, 3, 0)
	require.Less(t, reshared, protocol.ResharePieceBytes, "one piece at the test parameters")

	setHash := common.BytesToHash(f.task(1).GetSetHash())
	piece := func(from *steps, i, n uint32, ct []byte) *cohortv1.EncryptedShare {
		signed, err := auth.Sign(from.key, stepsStudy, 1, auth.KindReshareShare, auth.ReshareContent(me.self, setHash, i, n, ct))
		require.NoError(t, err)
		return &cohortv1.EncryptedShare{Recipient: me.self.Bytes(), Ciphertext: ct, Auth: signed, Piece: i, Pieces: n}
	}
	task := func(total uint32, shares ...*cohortv1.EncryptedShare) *cohortv1.ReshareKeyTask {
		k := f.keyTask(1, shares)
		k.TotalShares, k.RelayId = total, []byte("relay")
		return k
	}
	stranger := crypto.PubkeyToAddress(mustKey(t).PublicKey)
	for _, tc := range []struct {
		name     string
		task     *cohortv1.ReshareKeyTask
		departed []common.Address
		want     string
	}{
		{"a share announced in 4096 pieces", task(3, piece(f.nodes[0], 0, protocol.MaxResharePieces, make([]byte, 100))), nil, "announced in 4096 pieces"},
		{"a share in one piece past the bound", task(3, piece(f.nodes[0], 0, 1, make([]byte, reshared+1))), nil, fmt.Sprintf("%d bytes, at most %d", reshared+1, reshared)},
		{"a member's own key past one key's size", task(3, piece(f.nodes[2], 0, 1, make([]byte, own+1))), nil, "its own key"},
		{"a relay announcing more pieces than the dealers may send", task(1<<20, inbox[2]...), nil, "announces 1048576"},
		// 3 members and the stranger that left, once, and one fresh key
		// after each of the 3 departures.
		{"a member that left counts once, each departure one fresh key", task(3, piece(f.nodes[0], 0, 1, make([]byte, protocol.SealedShareBytes(scheme, 7, 3, 2)+1))), []common.Address{stranger, stranger, f.nodes[0].self}, "7 keys"},
	} {
		r, err := me.reshareKey(tc.task, f.study, nil, tc.departed)
		require.ErrorIs(t, err, ErrChainMismatch, tc.name)
		assert.ErrorContains(t, err, tc.want, tc.name)
		assert.True(t, declines(context.Background(), err), "%s: declined", tc.name)
		assert.Nil(t, me.reshareIn, "%s: nothing buffered", tc.name)
		assert.Empty(t, r.keep, tc.name)
		assert.Nil(t, me.pending, tc.name)
	}

	// A member that left is counted: its key stays in the shares, with
	// a fresh key it may deal when it comes back without its own.
	_, err := me.reshareKey(task(3, piece(f.nodes[0], 0, 1, make([]byte, protocol.SealedShareBytes(scheme, 5, 3, 2)))), f.study, nil, []common.Address{stranger})
	require.NoError(t, err, "within the bound of four members and a fresh key")
	require.Equal(t, 1, me.reshareIn.got)
	me.reshareIn = nil

	// Pieces within the count whose bytes run past the bound over two tasks.
	me.pieceBytes = reshared/2 + 1
	_, err = me.reshareKey(task(4, piece(f.nodes[0], 0, 2, make([]byte, reshared/2+1))), f.study, nil, nil)
	require.NoError(t, err, "a first piece within the bound")
	_, err = me.reshareKey(task(4, piece(f.nodes[0], 1, 2, make([]byte, reshared/2+1))), f.study, nil, nil)
	require.ErrorIs(t, err, ErrChainMismatch, "a second one past it")
	assert.ErrorContains(t, err, fmt.Sprintf("come to %d bytes", 2*(reshared/2+1)))
	assert.Equal(t, 1, me.reshareIn.got, "nothing of the refused task kept")
	me.pieceBytes, me.reshareIn = 0, nil

	r, err := me.reshareKey(f.keyTask(1, inbox[2]), f.study, nil, nil)
	require.NoError(t, err, "an honest relay")
	require.NotNil(t, r.send)
}

// TestThresholdDealRefusesAHolderAtTwoPoints plays a coordinator colluding
// with one hospital M in a study without a committee: it names M at two
// Shamir points in the dealing task of an honest hospital H. With
// threshold 2, M would receive two shares of H's key at distinct points,
// rebuild it alone and decrypt H's updates, a threshold of one colluder.
// A dealer must refuse a holder listed twice.
func TestThresholdDealRefusesAHolderAtTwoPoints(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 3)
	c.keyGen(t, 3)
	m, h, x := c.nodes[0], c.nodes[1], c.nodes[2]
	task := &cohortv1.ThresholdTask{StudyId: stepsStudy, Threshold: 2, Holders: []*cohortv1.ShareHolder{c.holder(0, 1), c.holder(0, 2), c.holder(1, 3)}}
	r, err := h.dealThreshold(task, c.study)
	if err == nil {
		// What M gets if H deals: it shows the attack works end to end.
		scheme := testScheme(t)
		var hShares []*aggregation.ThresholdShare
		for _, sh := range r.send.(*cohortv1.ThresholdSharesSubmission).GetShares() {
			if common.BytesToAddress(sh.GetRecipient()) != m.self {
				continue
			}
			plain, err := auth.Open(c.keys[0], sh.GetCiphertext())
			require.NoError(t, err)
			ts := new(aggregation.ThresholdShare)
			require.NoError(t, ts.UnmarshalBinary(plain))
			hShares = append(hShares, ts)
		}
		require.Len(t, hShares, 2, "M holds two shares of H's key")
		// M builds a threshold share at each of its two points (labelled
		// with two of the key's parties, as Decrypt wants distinct ones).
		// AggregateThresholdShares wants a share of every key; M's own and
		// X's only fill the structure: an aggregate of H alone uses none.
		mine, err := m.sealer.thresholdShares(2, []uint64{1, 2, 3})
		require.NoError(t, err)
		xs, err := x.sealer.thresholdShares(2, []uint64{1, 2, 3})
		require.NoError(t, err)
		ids := []aggregation.PartyID{aggregation.DealerID(stepsStudy, m.self.Bytes()), aggregation.DealerID(stepsStudy, h.self.Bytes())}
		var held []*aggregation.ThresholdSecretShare
		for i, hs := range hShares {
			own, other := new(aggregation.ThresholdShare), new(aggregation.ThresholdShare)
			require.NoError(t, own.UnmarshalBinary(mine[uint64(hs.Recipient())]))
			require.NoError(t, other.UnmarshalBinary(xs[uint64(hs.Recipient())]))
			tsk, err := scheme.AggregateThresholdShares(c.pk, ids[i], hs.Recipient(), []*aggregation.ThresholdShare{own, hs, other})
			require.NoError(t, err)
			held = append(held, tsk)
		}
		// H's update, alone, opened by M.
		want := []float64{0.125, -0.5, 0.25}
		sealed, err := h.sealer.seal(h.pubKey, aggregation.TrainContext(stepsStudy, 1), want)
		require.NoError(t, err)
		var u aggregation.EncryptedVector
		require.NoError(t, u.UnmarshalBinary(sealed))
		alone, err := scheme.WeightedSum([]*aggregation.EncryptedVector{&u}, []float64{1})
		require.NoError(t, err)
		active := []aggregation.ShamirPoint{held[0].Point(), held[1].Point()}
		var ds []*aggregation.DecryptionShare
		for _, tsk := range held {
			d, err := scheme.GenThresholdDecryptionShare(tsk, active, alone)
			require.NoError(t, err)
			ds = append(ds, d)
		}
		got, err := scheme.Decrypt(alone, ds)
		require.NoError(t, err)
		assert.InDeltaSlice(t, want, got[:len(want)], 1e-4, "M alone decrypts H's update")
		t.Fatalf("H dealt its key with M at two points; M opened H's update alone: %v", got[:len(want)])
	}
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.Contains(t, err.Error(), "twice")
	assert.Zero(t, h.point, "no point taken")
}

// A holder confirms its threshold key with its dealing-check shares, one
// for each set holding its point, asked again gives them of the share it
// holds, and answers under one seed only: each seed weighs the dealers'
// key errors anew.
func TestThresholdKeyStepGivesDealingCheckShares(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 3)
	c.keyGen(t, 3)
	inbox := c.deal(t, 3)
	me := c.nodes[0]
	seed := aggregation.CommonSeed([]byte("dealings"))
	var dealers [][]byte
	for _, n := range c.nodes {
		dealers = append(dealers, n.self.Bytes())
	}
	sets := []*cohortv1.PointSet{{Points: []uint64{1, 2}}, {Points: []uint64{1, 3}}, {Points: []uint64{2, 3}}}
	task := &cohortv1.ThresholdKeyTask{StudyId: stepsStudy, Shares: inbox[0], DealingCheckSeed: seed[:], DealingCheckDealers: dealers, DealingCheckSets: sets}
	r, err := me.thresholdKey(task, c.study)
	require.NoError(t, err)
	assert.NotEmpty(t, r.keep, "the threshold share is kept")
	shares := r.send.(*cohortv1.ThresholdKeyConfirmation).GetDealingCheckShares()
	require.Len(t, shares, 2, "point 1 is in two of the sets")
	for i, want := range [][]aggregation.ShamirPoint{{1, 2}, {1, 3}} {
		point, set, err := aggregation.ThresholdShareOrigin(shares[i])
		require.NoError(t, err)
		assert.EqualValues(t, 1, point)
		assert.Equal(t, want, set)
	}
	// Signed by this holder over the check it answered: the evidence
	// every hospital re-checks the coordinator's verdict on.
	var dealerAddrs []common.Address
	for _, d := range dealers {
		dealerAddrs = append(dealerAddrs, common.BytesToAddress(d))
	}
	content := auth.DealingCheckContent(me.pkHash, seed, 1, dealerAddrs, [][]uint64{{1, 2}, {1, 3}, {2, 3}}, shares)
	signer, err := auth.Verify(r.send.(*cohortv1.ThresholdKeyConfirmation).GetDealingCheckAuth(), stepsStudy, 0, auth.KindDealingCheck, content)
	require.NoError(t, err)
	assert.Equal(t, me.self, signer)

	again := &cohortv1.ThresholdKeyTask{StudyId: stepsStudy, DealingCheckSeed: seed[:], DealingCheckDealers: dealers[:1], DealingCheckSets: sets}
	r, err = me.thresholdKey(again, c.study)
	require.NoError(t, err, "a bisection's ask, without shares")
	assert.Empty(t, r.keep)
	assert.Len(t, r.send.(*cohortv1.ThresholdKeyConfirmation).GetDealingCheckShares(), 2)

	other := aggregation.CommonSeed([]byte("another weighing"))
	again.DealingCheckSeed = other[:]
	_, err = me.thresholdKey(again, c.study)
	require.ErrorIs(t, err, ErrChainMismatch, "a second seed")

	again.DealingCheckSeed = seed[:]
	again.DealingCheckDealers = [][]byte{mustKeyAddress(t).Bytes()}
	_, err = me.thresholdKey(again, c.study)
	require.ErrorIs(t, err, ErrChainMismatch, "a dealer outside the study")
}

// A new holder gives, with its pending share, its shares of the check of
// the re-shared keys and then of each joiner's key alone; it checks only
// the keys of members that dealt their own in this re-sharing as joiners'.
func TestReshareKeyChecksAJoinersKeyAlone(t *testing.T) {
	t.Parallel()
	f := newReshareFixture(t)
	inbox := f.reshared(t)
	me := f.nodes[0]
	seed := aggregation.CommonSeed([]byte("dealings"))
	sets := []*cohortv1.PointSet{{Points: []uint64{2, 3}}, {Points: []uint64{1, 3}}, {Points: []uint64{1, 2}}}
	ask := func(joiner common.Address) *cohortv1.ReshareKeyTask {
		task := f.keyTask(1, inbox[0])
		task.DealingCheckSeed, task.DealingCheckSets = seed[:], sets
		task.DealingCheckDealers = [][]byte{f.nodes[0].self.Bytes(), f.nodes[1].self.Bytes()}
		task.DealingCheckJoiners = [][]byte{joiner.Bytes()}
		return task
	}
	_, err := me.reshareKey(ask(f.nodes[1].self), f.study, nil, nil)
	require.ErrorIs(t, err, ErrChainMismatch, "a re-sharing dealer checked as a joiner")
	assert.ErrorContains(t, err, "dealt no key of its own in this re-sharing")
	assert.Nil(t, me.pending)

	r, err := me.reshareKey(ask(f.nodes[2].self), f.study, nil, nil)
	require.NoError(t, err)
	shares := r.send.(*cohortv1.ReshareKeyConfirmation).GetDealingCheckShares()
	require.Len(t, shares, 4, "point 1 is in two sets, for the re-shared keys' check and the joiner's")
	hashes := map[common.Hash]int{}
	for _, b := range shares {
		var ds aggregation.DecryptionShare
		require.NoError(t, ds.UnmarshalBinary(b))
		hashes[ds.AggregateHash]++
	}
	assert.Len(t, hashes, 2, "two checks, each bound to its own hash")
}

func mustKeyAddress(t *testing.T) common.Address {
	return crypto.PubkeyToAddress(mustKey(t).PublicKey)
}
