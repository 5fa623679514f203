package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

// TestCertsChecksTheCoordinatorAgainstTheStudy: `cohort certs
// --coordinator NAME=0xADDRESS` wrote whatever address it was given into
// the coordinator's certificate. With --eth-rpc, --contract and --study
// (a study created already, as when re-issuing the coordinator's
// certificate) it reads the study's coordinator on chain first: a typo'd
// or another study's address is refused naming both, before anything is
// written, and the study's own address is issued. Without them the
// address is taken on trust, and the coordinator at start and the
// hospitals at each connection refuse a certificate naming another
// (coordinatord TestCoordinatorRefusesAnIdentityHospitalsWouldRefuse,
// participantd TestNodeRefusesAHospitalPosingAsTheCoordinator).
func TestCertsChecksTheCoordinatorAgainstTheStudy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	researcher, coordinator := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	chain, err := contracts.NewSimulatedChain(researcher.Address(), coordinator.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ledger, _, err := contracts.Deploy(ctx, chain, researcher, []contracts.Member{
		{Address: researcher.Address(), Name: "hospital-1", TLSFingerprint: crypto.Keccak256Hash([]byte("cert"))},
	})
	require.NoError(t, err)
	study, _, err := ledger.CreateStudy(ctx, researcher, contracts.StudyParams{
		SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: crypto.Keccak256Hash([]byte("purpose")),
		ReferenceCommitment: crypto.Keccak256Hash([]byte("ref")), Rounds: 1, MinParticipants: 1, Threshold: 1,
		StrikeLimit: 1, Coordinator: coordinator.Address(),
	})
	require.NoError(t, err)
	cmd := certsCmd{dial: func(context.Context, string) (*contracts.Chain, error) { return chain, nil }, borrowed: true}
	certs := func(args ...string) (string, error) {
		var stdout, stderr bytes.Buffer
		err := cmd.run(ctx, args, &stdout, &stderr)
		return stderr.String(), err
	}
	onChain := []string{"--eth-rpc", "simulated", "--contract", ledger.Address().Hex(), "--study", "1"}
	require.Equal(t, uint64(1), study)
	dir := filepath.Join(t.TempDir(), "pki")

	_, err = certs(append([]string{"--out", dir, "--coordinator", "coordinator=" + researcher.Address().Hex()}, onChain...)...)
	require.Error(t, err, "another address than the study's coordinator")
	for _, says := range []string{"study 1's coordinator on chain is " + coordinator.Address().Hex(), researcher.Address().Hex(), "nothing was written", "--coordinator coordinator=" + coordinator.Address().Hex()} {
		assert.Contains(t, err.Error(), says)
	}
	_, statErr := os.Stat(dir)
	assert.True(t, os.IsNotExist(statErr), "nothing written: %v", statErr)

	_, err = certs(append([]string{"--out", dir, "--coordinator", "coordinator=" + coordinator.Address().Hex()}, onChain...)...)
	require.NoError(t, err)
	pair, err := tls.LoadX509KeyPair(filepath.Join(dir, "coordinator.pem"), filepath.Join(dir, "coordinator.key"))
	require.NoError(t, err)
	holder, err := auth.CertificateHolder(pair.Leaf)
	require.NoError(t, err)
	assert.Equal(t, coordinator.Address(), holder)

	stderr, err := certs("--out", dir, "--institutions", "hospital-2", "--study", "1")
	assert.ErrorIs(t, err, errUsage, "--study alone")
	assert.Contains(t, stderr, "--eth-rpc, --contract and --study go together, with --coordinator")
}
