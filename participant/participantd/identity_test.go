package participantd

import (
	"context"
	"crypto/tls"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

// TestNodeRefusesAnotherHospitalsIdentity: a node checks, before it joins
// the study on chain, that its configured name and TLS certificate are
// the member registry's for its key's address. A config copied from
// hospital-2 with its key but named hospital-3, a certificate of
// hospital-3 with hospital-2's key, and a key no member holds are each
// refused, naming what differs; a node configured as the registry says
// starts. (The node took part under the other hospital's key, and a
// certificate of another was first refused by the coordinator, after the
// node had joined on chain.)
func TestNodeRefusesAnotherHospitalsIdentity(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ca, err := auth.NewCA("test consortium")
	require.NoError(t, err)
	var founders []contracts.Member
	addrs := map[string]common.Address{}
	certs := map[string]tls.Certificate{}
	for _, name := range []string{"hospital-2", "hospital-3", "stranger"} {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		cert, err := ca.IssueClient(name, crypto.PubkeyToAddress(key.PublicKey))
		require.NoError(t, err)
		addrs[name], certs[name] = crypto.PubkeyToAddress(key.PublicKey), cert
		if name != "stranger" {
			founders = append(founders, contracts.Member{Address: addrs[name], Name: name, TLSFingerprint: auth.Fingerprint(cert)})
		}
	}
	deployerKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	deployer := contracts.NewAccount(deployerKey)
	chain, err := contracts.NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	defer chain.Close()
	ledger, _, err := contracts.Deploy(ctx, chain, deployer, founders)
	require.NoError(t, err)

	require.NoError(t, checkIdentity(ctx, ledger, "hospital-2", addrs["hospital-2"], certs["hospital-2"]))

	err = checkIdentity(ctx, ledger, "hospital-3", addrs["hospital-2"], certs["hospital-2"])
	require.ErrorContains(t, err, `name: this node is configured as "hospital-3"`)
	require.ErrorContains(t, err, `is "hospital-2"'s in the member registry`)
	require.ErrorContains(t, err, "key_file")

	err = checkIdentity(ctx, ledger, "hospital-2", addrs["hospital-2"], certs["hospital-3"])
	require.ErrorContains(t, err, `tls.cert: the certificate (CN "hospital-3"`)
	require.ErrorContains(t, err, `not the one the member registry records for "hospital-2"`)

	err = checkIdentity(ctx, ledger, "stranger", addrs["stranger"], certs["stranger"])
	require.ErrorContains(t, err, "is not a consortium member")
}
