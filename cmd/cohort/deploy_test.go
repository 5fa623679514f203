package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/deployment"
	"github.com/cohort-fl/cohort/contracts/devchain"
	"github.com/cohort-fl/cohort/contracts/devchain/devchaintest"
	"github.com/cohort-fl/cohort/contracts/studies"
)

// saveKeyForTest writes a new private key to dir/name as `cohort devnet`
// does (hex, mode 0600) and returns its path and account.
func saveKeyForTest(t *testing.T, dir, name string) (string, *contracts.Account) {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	p := filepath.Join(dir, name)
	require.NoError(t, crypto.SaveECDSA(p, k))
	require.NoError(t, os.Chmod(p, 0o600))
	return p, contracts.NewAccount(k)
}

// runCLI runs the cohort command line and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	code = run(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDeployFlags(t *testing.T) {
	dir := t.TempDir()
	key, _ := saveKeyForTest(t, dir, "deployer.key")
	founders := filepath.Join(dir, "founders.json")
	require.NoError(t, os.WriteFile(founders, []byte(`[{"name": "A", "address": "0x0000000000000000000000000000000000001001", "tls_fingerprint": "0x`+strings.Repeat("11", 32)+`"}]`), 0o644))
	existing := filepath.Join(dir, "deployment.json")
	require.NoError(t, os.WriteFile(existing, []byte("{}"), 0o644))
	loose := filepath.Join(dir, "loose.key")
	b, err := os.ReadFile(key)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(loose, b, 0o644))
	base := []string{"deploy", "--eth-rpc", "http://127.0.0.1:1", "--founders", founders}

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"help", []string{"deploy", "-h"}, 0, "tls_fingerprint"},
		{"no flags", []string{"deploy"}, 2, "--eth-rpc is required"},
		{"no out", append(base, "--key", key), 2, "--out is required"},
		{"bad quorum", append(base, "--key", key, "--out", "x.json", "--quorum", "0"), 2, "between 1 and 100"},
		{"loose key file", append(base, "--key", loose, "--out", filepath.Join(dir, "new.json")), 1, "chmod 600"},
		{"out exists", append(base, "--key", key, "--out", existing), 1, "earlier deployment"},
		{"unreachable chain", append(base, "--key", key, "--out", filepath.Join(dir, "new.json")), 1, "--eth-rpc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
	_, err = os.Stat(filepath.Join(dir, "new.json"))
	assert.ErrorIs(t, err, os.ErrNotExist, "nothing written when the deployment failed")
}

// TestDeployAndStudyOnGeth runs the researcher's path through the command
// line against a real geth --dev node: deploy the contract from a founders
// file, create a study, show it.
func TestDeployAndStudyOnGeth(t *testing.T) {
	node := devchaintest.Start(t)
	dir := t.TempDir()
	deployerKey, deployer := saveKeyForTest(t, dir, "deployer.key")
	researcherKey, researcher := saveKeyForTest(t, dir, "researcher.key")
	devchaintest.Fund(t, node, devchain.Ether(10), deployer.Address(), researcher.Address())
	founders := filepath.Join(dir, "founders.json")
	require.NoError(t, os.WriteFile(founders, []byte(`[
		{"name": "St Mary", "address": "0x0000000000000000000000000000000000001001", "tls_fingerprint": "0x`+strings.Repeat("11", 32)+`"},
		{"name": "Royal", "address": "0x0000000000000000000000000000000000001002", "tls_fingerprint": "0x`+strings.Repeat("22", 32)+`"}]`), 0o644))
	out := filepath.Join(dir, "deployment.json")

	code, stdout, stderr := runCLI(t, "deploy", "--eth-rpc", node.URL, "--key", deployerKey, "--founders", founders, "--out", out)
	require.Equal(t, 0, code, stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	var d deployment.Record
	require.NoError(t, json.Unmarshal(b, &d))
	assert.Equal(t, uint64(1337), d.ChainID)
	assert.Equal(t, deployer.Address(), d.Deployer)
	assert.Contains(t, stdout, d.Contract.Hex())
	assert.NotContains(t, string(b), node.URL, "the RPC URL is not recorded")
	require.Len(t, d.Founders, 2)
	assert.Equal(t, "Royal", d.Founders[1].Name)

	spec := filepath.Join(dir, "spec.json")
	require.NoError(t, os.WriteFile(spec, []byte(`{"kind": "logistic", "features": 30, "learning_rate": 0.10}`), 0o644))
	code, stdout, stderr = runCLI(t, "study", "create", "--eth-rpc", node.URL, "--contract", d.Contract.Hex(), "--key", researcherKey,
		"--spec", spec, "--rounds", "3", "--min-participants", "2", "--threshold", "2", "--purpose", "sepsis prediction",
		"--reference", "0x"+strings.Repeat("33", 32), "--coordinator", "0x0000000000000000000000000000000000002001", "--json")
	require.Equal(t, 0, code, stderr)
	var created studies.Created
	require.NoError(t, json.Unmarshal([]byte(stdout), &created))
	assert.Equal(t, uint64(1), created.StudyID)
	wantSpec := crypto.Keccak256Hash([]byte(`{"features":30,"kind":"logistic","learning_rate":0.1}`))
	assert.Equal(t, wantSpec, created.SpecHash)

	code, stdout, stderr = runCLI(t, "study", "show", "--eth-rpc", node.URL, "--contract", d.Contract.Hex(), "--study", "1", "--json")
	require.Equal(t, 0, code, stderr)
	var shown studies.Report
	require.NoError(t, json.Unmarshal([]byte(stdout), &shown))
	assert.Equal(t, researcher.Address(), shown.Owner)
	assert.Equal(t, wantSpec, shown.SpecHash)
	assert.Equal(t, crypto.Keccak256Hash([]byte("sepsis prediction")), shown.Purpose)
	assert.Equal(t, "enrolling", shown.Status)
	assert.Empty(t, shown.RoundHistory)

	// Printed for a person, the study says who will hold its key shares,
	// and without a committee what that costs a large study.
	create := func(extra ...string) string {
		args := append([]string{"study", "create", "--eth-rpc", node.URL, "--contract", d.Contract.Hex(), "--key", researcherKey,
			"--spec", spec, "--rounds", "3", "--min-participants", "2", "--threshold", "2", "--purpose", "sepsis prediction",
			"--reference", "0x" + strings.Repeat("33", 32), "--coordinator", "0x0000000000000000000000000000000000002001"}, extra...)
		code, stdout, stderr := runCLI(t, args...)
		require.Equal(t, 0, code, stderr)
		return stdout
	}
	assert.Contains(t, create(), "committee  none: every participant holds key shares and 2 decrypt; key generation deals n² shares, so for more than 30 participants create the study with --committee-size 10")
	assert.Contains(t, create("--committee-size", "3", "--committee-rotation", "5"), "committee  3 participants chosen on chain hold key shares and 2 decrypt (rotated every 5 rounds)")
}

// mustKey returns a new secp256k1 key.
func mustKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	return k
}
