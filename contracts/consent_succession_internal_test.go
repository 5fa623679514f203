package contracts

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// TestFirstConsentRegistryNamesNoPredecessor: the deployer links a first
// registry that names none. One naming a registry would read it as its
// predecessor, and a registry once retired could be voted back in as that
// chain's successor, a cycle; the link is refused.
func TestFirstConsentRegistryNamesNoPredecessor(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deployer := testAccount(t)
	chain, err := NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	defer chain.Close()
	l := newLedger(chain, common.Address{})
	r, err := l.deployCode(ctx, deployer, "Consortium", cohortsol.ConsortiumMetaData.Bin, l.consortium.PackConstructor(
		[]common.Address{deployer.Address()}, []string{"H"}, [][32]byte{crypto.Keccak256Hash([]byte("cert"))}, DefaultQuorumPercent))
	require.NoError(t, err)
	l.address = r.ContractAddress
	studies, _, err := DeployStudiesModule(ctx, chain, deployer, l.address)
	require.NoError(t, err)
	other, _, err := DeployConsentModule(ctx, chain, deployer, l.address, common.Address{})
	require.NoError(t, err)
	successor, _, err := DeployConsentModule(ctx, chain, deployer, l.address, other)
	require.NoError(t, err)

	_, err = chain.transact(ctx, deployer, &l.address, l.consortium.PackLinkModules(studies, successor), &l.abi)
	require.ErrorIs(t, err, ErrConsentPredecessor)
	_, err = chain.transact(ctx, deployer, &l.address, l.consortium.PackLinkModules(studies, other), &l.abi)
	require.NoError(t, err)
}
