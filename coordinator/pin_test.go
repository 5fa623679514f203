package coordinator

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// The coordinator pins a round's contributor list on chain before anyone
// is asked to open anything of the round, and keeps it in its store; a
// coordinator restarted within the round goes on with the pinned list or
// stops, never asking for another.
func TestCoordinatorPinsTheContributorsOncePerRound(t *testing.T) {
	f := newFixture(t)
	c := f.coord
	var got roundContributors
	for i, h := range f.hospitals[:3] {
		got.addrs = append(got.addrs, h.addr())
		got.hashes = append(got.hashes, crypto.Keccak256Hash([]byte{byte(i)}))
		got.counts = append(got.counts, float64(100*(i+1)))
	}
	want := contracts.ContributorsHash(f.studyID, 1, got.addrs)

	out, gas, err := c.pinContributors(f.ctx, 1, got)
	require.NoError(t, err)
	assert.Equal(t, got, out)
	assert.Positive(t, gas, "a pin is a transaction")
	pinned, err := f.ledger.PinnedContributors(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	assert.Equal(t, want, pinned)

	out, gas, err = c.pinContributors(f.ctx, 1, got)
	require.NoError(t, err, "the same list again: a restarted coordinator")
	assert.Equal(t, got, out)
	assert.Zero(t, gas, "nothing sent: the chain has it")

	// Restarted, its uploads give another list: another order and a fourth
	// hospital that committed after the pin. It goes on with the pinned
	// list, in the pinned order.
	late := f.hospitals[3].addr()
	other := roundContributors{
		addrs:  []common.Address{late, got.addrs[2], got.addrs[1], got.addrs[0]},
		hashes: []common.Hash{{9}, got.hashes[2], got.hashes[1], got.hashes[0]},
		counts: []float64{900, got.counts[2], got.counts[1], got.counts[0]},
	}
	out, gas, err = c.pinContributors(f.ctx, 1, other)
	require.NoError(t, err)
	assert.Equal(t, got, out, "the pinned list, from the store")
	assert.Zero(t, gas)

	// One of the pinned list's updates is missing: it stops, naming it.
	missing := roundContributors{addrs: got.addrs[:2], hashes: got.hashes[:2], counts: got.counts[:2]}
	_, _, err = c.pinContributors(f.ctx, 1, missing)
	require.ErrorIs(t, err, contracts.ErrContributorsPinned)
	assert.ErrorContains(t, err, got.addrs[2].Hex())
	abandon := fmt.Sprintf("abandon the round once its deadline passes (cohort study abandon-round --study %d --round 1 with the coordinator's key) and restart the coordinator", f.studyID)
	assert.ErrorContains(t, err, abandon, "the operator's command, not a Go API")

	// A coordinator that lost its store cannot tell the pinned list: it
	// stops, naming the pinned hash, rather than ask for another.
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	lost, err := New(c.cfg, f.ledger, f.coordAcct, f.scheme, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	_, _, err = lost.pinContributors(f.ctx, 1, missing)
	require.ErrorIs(t, err, contracts.ErrContributorsPinned)
	assert.ErrorContains(t, err, pinned.Hex())
	assert.ErrorContains(t, err, "keeps no list")
	assert.ErrorContains(t, err, abandon)
	// Its uploads may still give the pinned list itself.
	out, _, err = lost.pinContributors(f.ctx, 1, got)
	require.NoError(t, err)
	assert.Equal(t, got, out)

	// A kept list that is not the pinned one is not used.
	require.NoError(t, store.WriteState(contributorsState(1), slices.Concat(got.addrs[1].Bytes(), got.addrs[0].Bytes())))
	_, _, err = lost.pinContributors(f.ctx, 1, other)
	require.ErrorIs(t, err, contracts.ErrContributorsPinned)
	assert.ErrorContains(t, err, "hashes to")
}

// batchedRound makes round 1's train phase batched, with hospitals'
// uploads received (content only) and their commitments signed for the
// coordinator's batch, as after the phase; active are every hospital of
// the study, in order.
func (f *fixture) batchedRound(t *testing.T, hospitals []*hospital) (train *trainStep, active []common.Address) {
	t.Helper()
	domain, err := f.ledger.CommitDomain(f.ctx, f.studyID)
	require.NoError(t, err)
	for _, h := range f.hospitals {
		active = append(active, h.addr())
	}
	task := &cohortv1.TrainTask{StudyId: f.studyID, Round: 1, CommitBy: time.Now().Add(time.Minute).Unix()}
	train = newTrainStep(f.studyID, task, active, testMaxUpdate, f.coord.numParams, f.coord.summer, domain)
	for i, h := range hospitals {
		c := contracts.Commitment{CiphertextHash: crypto.Keccak256Hash([]byte{byte(i), 1}), Samples: uint64(10 * (i + 1)), ConsentRoot: crypto.Keccak256Hash([]byte("ids"))}
		signed, err := contracts.SignCommitment(h.key, domain, f.studyID, 1, c)
		require.NoError(t, err)
		train.got[h.addr()] = encodeUpload(c.CiphertextHash, &signed)
	}
	return train, active
}

// A batched round pins its contributor list with its last batch of
// commitments: the list it sums once the batch lands, kept in the store
// first. Nothing more is sent to pin it.
func TestBatchedRoundPinsWithItsBatch(t *testing.T) {
	f := newFixture(t)
	c := f.coord
	train, active := f.batchedRound(t, f.hospitals[:3])

	gas, err := c.commitBatches(f.ctx, train, active)
	require.NoError(t, err)
	assert.Positive(t, gas)
	onChain, err := f.ledger.Commitments(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	require.Len(t, onChain, 3)
	addrs, hashes, counts, left := train.contributors(active, onChain)
	require.Len(t, addrs, 3)
	assert.Empty(t, left)
	want := contracts.ContributorsHash(f.studyID, 1, addrs)
	pinned, err := f.ledger.PinnedContributors(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	assert.Equal(t, want, pinned, "pinned by the batch: commitBatches sends commitUpdates only")
	kept, err := c.keptContributors(1, pinned)
	require.NoError(t, err, "the store keeps the pinned list")
	assert.Equal(t, addrs, kept)

	out, gas, err := c.pinContributors(f.ctx, 1, roundContributors{addrs, hashes, counts})
	require.NoError(t, err)
	assert.Equal(t, addrs, out.addrs)
	assert.Zero(t, gas, "no pinContributors transaction: the batch pinned the list")
}

// A batch the contract refuses pins nothing: its halves go without the
// pin, and the round pins its list alone once its commitments are
// recorded, the list of the commitments that landed.
func TestRefusedBatchFallsBackToAPinAlone(t *testing.T) {
	f := newFixture(t)
	c := f.coord
	c.cfg.TamperCommitments = func(_ uint32, b []contracts.SignedCommitment) []contracts.SignedCommitment {
		out := slices.Clone(b)
		out[0].Samples++ // its signature no longer recovers its hospital
		return out
	}
	train, active := f.batchedRound(t, f.hospitals[:3])

	_, err := c.commitBatches(f.ctx, train, active)
	require.NoError(t, err)
	pinned, err := f.ledger.PinnedContributors(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	assert.Equal(t, common.Hash{}, pinned, "the refused batch's pin went with it, and its halves carry none")
	onChain, err := f.ledger.Commitments(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	addrs, hashes, counts, left := train.contributors(active, onChain)
	require.Len(t, addrs, 2, "the altered entry is left out")
	assert.Len(t, left, 1)

	out, gas, err := c.pinContributors(f.ctx, 1, roundContributors{addrs, hashes, counts})
	require.NoError(t, err)
	assert.Equal(t, addrs, out.addrs)
	assert.Positive(t, gas, "pinned alone")
	pinned, err = f.ledger.PinnedContributors(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	assert.Equal(t, contracts.ContributorsHash(f.studyID, 1, addrs), pinned)
}

// A round whose list is pinned already (a coordinator restarted after its
// pin) sends its later batch without a pin and keeps the pinned list in
// its store: the batch is not refused for the pin, and the round goes on
// with the pinned list.
func TestBatchAfterThePinCarriesNone(t *testing.T) {
	f := newFixture(t)
	c := f.coord
	first, active := f.batchedRound(t, f.hospitals[:2])
	_, err := c.commitBatches(f.ctx, first, active)
	require.NoError(t, err)
	onChain, err := f.ledger.Commitments(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	addrs, _, _, _ := first.contributors(active, onChain)
	want := contracts.ContributorsHash(f.studyID, 1, addrs)

	// Restarted, a third hospital's upload came in.
	restarted, _ := f.batchedRound(t, f.hospitals[:3])
	_, err = c.commitBatches(f.ctx, restarted, active)
	require.NoError(t, err)
	onChain, err = f.ledger.Commitments(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	assert.Len(t, onChain, 3, "the later batch landed")
	pinned, err := f.ledger.PinnedContributors(f.ctx, f.studyID, 1)
	require.NoError(t, err)
	assert.Equal(t, want, pinned, "the first pin stays")
	kept, err := c.keptContributors(1, pinned)
	require.NoError(t, err, "the store still keeps the pinned list")
	assert.Equal(t, addrs, kept)
	got := roundContributors{}
	got.addrs, got.hashes, got.counts, _ = restarted.contributors(active, onChain)
	out, gas, err := c.pinContributors(f.ctx, 1, got)
	require.NoError(t, err)
	assert.Equal(t, addrs, out.addrs, "the round goes on with the pinned list")
	assert.Zero(t, gas)
}
