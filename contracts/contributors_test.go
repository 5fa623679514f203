package contracts_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// TestPinContributors: the coordinator pins one contributor list per round
// of the study's open round; holders then give score and decryption shares
// for that list only, so two holder groups cannot each open an aggregate
// (or scores under a projection seed) of another list of the same round.
func TestPinContributors(t *testing.T) {
	f := newFixture(t, 3)
	id := f.keyedStudy(t, 3)
	all := []common.Address{f.members[0].Address(), f.members[1].Address(), f.members[2].Address()}
	list := contracts.ContributorsHash(id, 1, all)
	lessOne := contracts.ContributorsHash(id, 1, all[:2])

	_, err := f.ledger.PinContributors(f.ctx, f.coord, id, 1, list)
	require.ErrorIs(t, err, contracts.ErrRoundNotOpen, "before the round opens")
	f.openFirstRound(t, id)
	got, err := f.ledger.PinnedContributors(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, common.Hash{}, got, "nothing pinned yet")

	for _, c := range []struct {
		name  string
		from  *contracts.Account
		round uint32
		h     common.Hash
		want  error
	}{
		{"a hospital", f.members[0], 1, list, contracts.ErrNotCoordinator},
		{"an outsider", f.outsider, 1, list, contracts.ErrNotCoordinator},
		{"the researcher", f.researcher, 1, list, contracts.ErrNotCoordinator},
		{"a round not opened", f.coord, 2, list, contracts.ErrRoundNotOpen},
		{"a round before it", f.coord, 0, list, contracts.ErrRoundNotOpen},
		{"no hash", f.coord, 1, common.Hash{}, contracts.ErrInvalidParameter},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.ledger.PinContributors(f.ctx, c.from, id, c.round, c.h)
			require.ErrorIs(t, err, c.want)
		})
	}
	r, err := f.ledger.PinContributors(f.ctx, f.coord, id, 1, list)
	require.NoError(t, err)
	t.Logf("pinContributors: %d gas (mainnet rules)", r.GasUsed)
	assert.Less(t, r.GasUsed, uint64(55_000), "a pin alone costs a transaction, the coordinator's check, a fresh slot and an event")
	_, err = f.ledger.PinContributors(f.ctx, f.coord, id, 1, list)
	require.NoError(t, err, "pinning the same list again (a restarted coordinator) is a no-op")
	_, err = f.ledger.PinContributors(f.ctx, f.coord, id, 1, lessOne)
	require.ErrorIs(t, err, contracts.ErrContributorsPinned, "another list of the same round")
	require.ErrorContains(t, err, list.Hex()[2:], "the error names the pinned hash")
	got, err = f.ledger.PinnedContributors(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, list, got)

	// Once the round closes, its pin stays readable and cannot change; the
	// next round has its own.
	require.NoError(t, f.chain.AdvanceTime(2*time.Hour))
	_, err = f.ledger.AbandonRound(f.ctx, f.coord, id, 1)
	require.NoError(t, err)
	_, err = f.ledger.PinContributors(f.ctx, f.coord, id, 1, list)
	require.ErrorIs(t, err, contracts.ErrRoundNotOpen, "a closed round")
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 0"), time.Now().Add(3*time.Hour))
	require.NoError(t, err)
	next := contracts.ContributorsHash(id, 2, all[:2])
	_, err = f.ledger.PinContributors(f.ctx, f.coord, id, 2, next)
	require.NoError(t, err)
	got, err = f.ledger.PinnedContributors(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, list, got, "round 1's pin stays")
	got, err = f.ledger.PinnedContributors(f.ctx, id, 2)
	require.NoError(t, err)
	assert.Equal(t, next, got)

	// Another study's rounds are apart.
	other := f.keyedStudy(t, 3)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, other, 1, hash("model 0"), time.Now().Add(3*time.Hour))
	require.NoError(t, err)
	_, err = f.ledger.PinContributors(f.ctx, f.coord, other, 1, lessOne)
	require.NoError(t, err)
}

// TestContributorsHashIsABIEncoded: ContributorsHash hashes
// abi.encode(uint64 studyId, uint32 round, address[] contributors), as the
// contract's NatSpec says, so anyone can recompute a pin from the list.
func TestContributorsHashIsABIEncoded(t *testing.T) {
	u64, err := abi.NewType("uint64", "", nil)
	require.NoError(t, err)
	u32, err := abi.NewType("uint32", "", nil)
	require.NoError(t, err)
	addrs, err := abi.NewType("address[]", "", nil)
	require.NoError(t, err)
	args := abi.Arguments{{Type: u64}, {Type: u32}, {Type: addrs}}
	for _, list := range [][]common.Address{
		nil,
		{common.HexToAddress("0x01")},
		{common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), common.HexToAddress("0x1234"), common.HexToAddress("0xabcdef")},
	} {
		b, err := args.Pack(uint64(7), uint32(3), list)
		require.NoError(t, err)
		assert.Equal(t, crypto.Keccak256Hash(b), contracts.ContributorsHash(7, 3, list))
	}
	a := []common.Address{common.HexToAddress("0x01"), common.HexToAddress("0x02")}
	assert.NotEqual(t, contracts.ContributorsHash(7, 3, a), contracts.ContributorsHash(7, 3, []common.Address{a[1], a[0]}), "the order counts")
	assert.NotEqual(t, contracts.ContributorsHash(7, 3, a), contracts.ContributorsHash(7, 4, a))
	assert.NotEqual(t, contracts.ContributorsHash(7, 3, a), contracts.ContributorsHash(8, 3, a))
}

// TestPinContributorsThroughABatch: the coordinator pins a round's
// contributor list with its last batch of commitments (commitUpdates
// carrying the hash), in the same place as a pin alone: the first pin wins
// whichever way it came, the same hash again is a no-op, another reverts
// with ContributorsPinned and takes its batch down with it, and only the
// study's coordinator may pin.
func TestPinContributorsThroughABatch(t *testing.T) {
	f := newFixture(t, 4)
	id := f.keyedStudy(t, 4)
	f.openFirstRound(t, id)
	addrs := []common.Address{f.members[0].Address(), f.members[1].Address(), f.members[2].Address()}
	list := contracts.ContributorsHash(id, 1, addrs)
	lessOne := contracts.ContributorsHash(id, 1, addrs[:2])
	batch := []contracts.SignedCommitment{f.signCommit(t, id, 1, 0), f.signCommit(t, id, 1, 1), f.signCommit(t, id, 1, 2)}
	pinned := func() common.Hash {
		t.Helper()
		h, err := f.ledger.PinnedContributors(f.ctx, id, 1)
		require.NoError(t, err)
		return h
	}

	// Refused batches pin nothing.
	forged := f.signCommit(t, id, 1, 2)
	forged.Samples++
	for _, c := range []struct {
		name    string
		from    *contracts.Account
		commits []contracts.SignedCommitment
		want    error
	}{
		{"a hospital", f.members[0], batch, contracts.ErrNotCoordinator},
		{"an outsider", f.outsider, batch, contracts.ErrNotCoordinator},
		{"a bad entry", f.coord, []contracts.SignedCommitment{batch[0], batch[1], forged}, contracts.ErrNotParticipant},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.ledger.CommitUpdatesAndPin(f.ctx, c.from, id, 1, c.commits, list)
			require.ErrorIs(t, err, c.want)
			assert.Equal(t, common.Hash{}, pinned(), "nothing pinned")
		})
	}
	_, err := f.ledger.CommitUpdatesAndPin(f.ctx, f.outsider, id, 1, nil, list)
	require.ErrorIs(t, err, contracts.ErrNotCoordinator, "an outsider pinning alone")

	r, err := f.ledger.CommitUpdatesAndPin(f.ctx, f.coord, id, 1, batch, list)
	require.NoError(t, err)
	t.Logf("commitUpdates of 3 carrying the pin: %d gas (mainnet rules)", r.GasUsed)
	assert.Equal(t, list, pinned(), "pinned with the batch")
	rd, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, list, rd.ContributorsHash)
	assert.Equal(t, uint32(3), rd.Commitments)

	// Across both paths: the same hash is a no-op, another is refused.
	_, err = f.ledger.PinContributors(f.ctx, f.coord, id, 1, list)
	require.NoError(t, err, "the same list alone after the batch")
	_, err = f.ledger.PinContributors(f.ctx, f.coord, id, 1, lessOne)
	require.ErrorIs(t, err, contracts.ErrContributorsPinned, "another list alone after the batch")
	require.ErrorContains(t, err, list.Hex()[2:])
	_, err = f.ledger.CommitUpdatesAndPin(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{f.signCommit(t, id, 1, 3)}, lessOne)
	require.ErrorIs(t, err, contracts.ErrContributorsPinned, "another list with a later batch")
	rd, err = f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, uint32(3), rd.Commitments, "the refused pin took its batch with it")
	_, err = f.ledger.CommitUpdatesAndPin(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{f.signCommit(t, id, 1, 3)}, list)
	require.NoError(t, err, "the same list with a later batch")
	assert.Equal(t, list, pinned())

	// The other way round: pinned alone first, then a batch with another
	// list is refused, with the same list it lands. A pin alone needs no
	// time left before the deadline (a batch does).
	require.NoError(t, f.chain.AdvanceTime(2*time.Hour))
	_, err = f.ledger.AbandonRound(f.ctx, f.coord, id, 1)
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdatesAndPin(f.ctx, f.coord, id, 1, nil, list)
	require.ErrorIs(t, err, contracts.ErrRoundNotOpen, "a closed round")
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 0"), time.Now().Add(3*time.Hour))
	require.NoError(t, err)
	next := contracts.ContributorsHash(id, 2, addrs[:2])
	_, err = f.ledger.PinContributors(f.ctx, f.coord, id, 2, next)
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdatesAndPin(f.ctx, f.coord, id, 2, []contracts.SignedCommitment{f.signCommit(t, id, 2, 0)}, contracts.ContributorsHash(id, 2, addrs))
	require.ErrorIs(t, err, contracts.ErrContributorsPinned, "a batch carrying another list after a pin alone")
	require.ErrorContains(t, err, next.Hex()[2:])
	_, err = f.ledger.CommitUpdatesAndPin(f.ctx, f.coord, id, 2, []contracts.SignedCommitment{f.signCommit(t, id, 2, 0)}, next)
	require.NoError(t, err)
	got, err := f.ledger.PinnedContributors(f.ctx, id, 2)
	require.NoError(t, err)
	assert.Equal(t, next, got)
	assert.Equal(t, list, pinned(), "round 1's pin stays")
}

// TestPinThroughABatchGas: a pin carried by a batch costs its slot, its
// event and its calldata, and no transaction or study read of its own: far
// less than a pin alone, and within the 29,200 gas a round at 100
// hospitals has for it under the 20,000-per-participant target.
func TestPinThroughABatchGas(t *testing.T) {
	f := newFixture(t, 3)
	var plain, pinned, alone uint64
	for i, pin := range []bool{false, true} {
		id := f.keyedStudy(t, 3)
		f.openFirstRound(t, id)
		batch := []contracts.SignedCommitment{f.signCommit(t, id, 1, 0), f.signCommit(t, id, 1, 1), f.signCommit(t, id, 1, 2)}
		var h common.Hash
		if pin {
			h = contracts.ContributorsHash(id, 1, []common.Address{f.members[0].Address(), f.members[1].Address(), f.members[2].Address()})
		}
		r, err := f.ledger.CommitUpdatesAndPin(f.ctx, f.coord, id, 1, batch, h)
		require.NoError(t, err)
		if i == 0 {
			plain = r.GasUsed
			r, err = f.ledger.PinContributors(f.ctx, f.coord, id, 1, hash("a list"))
			require.NoError(t, err)
			alone = r.GasUsed
		} else {
			pinned = r.GasUsed
		}
	}
	t.Logf("commitUpdates of 3: %d gas; carrying the pin: %d (+%d); the pin alone: %d (mainnet rules)", plain, pinned, pinned-plain, alone)
	assert.Less(t, pinned-plain, uint64(26_000), "a fresh slot (22,100), an event and 32 bytes of calldata")
	assert.Less(t, alone, uint64(55_000), "a transaction, the coordinator's and the round's checks, a fresh slot and an event")
}
