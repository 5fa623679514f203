package coordinator

import (
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
