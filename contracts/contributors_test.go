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
		{"a hospital", f.members[0], 1, list, contracts.ErrNotAuthorised},
		{"an outsider", f.outsider, 1, list, contracts.ErrNotAuthorised},
		{"the researcher", f.researcher, 1, list, contracts.ErrNotAuthorised},
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
	assert.Less(t, r.GasUsed, uint64(75_000), "a pin costs a fresh slot, a study read and an event")
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
