package deployment

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

func TestReadFounders(t *testing.T) {
	dir := t.TempDir()
	a1 := "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"
	a2 := "0xab8483f64d9c6d1ecf9b849ae677dd3315835cb2" // lower case: no checksum to check
	rep, err := auth.IssueCertFiles(filepath.Join(dir, "certs"), []auth.Institution{{Name: "st-mary", Address: common.HexToAddress(a1)}}, nil, false)
	require.NoError(t, err)
	certFP, err := auth.FingerprintFile(rep.Institutions[0].Cert, common.HexToAddress(a1))
	require.NoError(t, err)
	assert.Equal(t, rep.Institutions[0].Fingerprint, certFP.Hex(), "the registry records what `cohort certs` reports")
	fp := "0x" + strings.Repeat("ab", 32)

	tests := []struct {
		name string
		json string
		want []contracts.Member
		err  string
	}{
		{"certificate path and fingerprint", `[
			{"name": "St Mary", "address": "` + a1 + `", "tls_cert": "certs/st-mary.pem"},
			{"name": " Royal ", "address": "` + a2 + `", "tls_fingerprint": "` + fp + `"}]`,
			[]contracts.Member{
				{Address: common.HexToAddress(a1), Name: "St Mary", TLSFingerprint: certFP},
				{Address: common.HexToAddress(a2), Name: "Royal", TLSFingerprint: common.HexToHash(fp)},
			}, ""},
		{"not an array", `{"name": "x"}`, nil, "JSON array"},
		{"unknown field", `[{"name": "A", "address": "` + a1 + `", "tls_fingerprint": "` + fp + `", "fingerprint": "x"}]`, nil, "unknown field"},
		{"empty", `[]`, nil, "at least one"},
		{"trailing data", `[{"name": "A", "address": "` + a1 + `", "tls_fingerprint": "` + fp + `"}] []`, nil, "after the JSON array"},
		{"no name", `[{"name": " ", "address": "` + a1 + `", "tls_fingerprint": "` + fp + `"}]`, nil, "name is empty"},
		{"bad checksum", `[{"name": "A", "address": "0x5b38Da6a701c568545dCfcB03FcB875f56beddC4", "tls_fingerprint": "` + fp + `"}]`, nil, "EIP-55 checksum"},
		{"short address", `[{"name": "A", "address": "0x1234", "tls_fingerprint": "` + fp + `"}]`, nil, "40 hex digits"},
		{"zero address", `[{"name": "A", "address": "0x0000000000000000000000000000000000000000", "tls_fingerprint": "` + fp + `"}]`, nil, "zero address"},
		{"both certificate forms", `[{"name": "A", "address": "` + a1 + `", "tls_cert": "certs/st-mary.pem", "tls_fingerprint": "` + fp + `"}]`, nil, "exactly one"},
		{"no certificate", `[{"name": "A", "address": "` + a1 + `"}]`, nil, "exactly one"},
		{"short fingerprint", `[{"name": "A", "address": "` + a1 + `", "tls_fingerprint": "0xabcd"}]`, nil, "64 hex digits"},
		{"certificate naming another member", `[{"name": "A", "address": "` + a2 + `", "tls_cert": "certs/st-mary.pem"}]`, nil,
			"names " + a1 + ", not the member's address " + common.HexToAddress(a2).Hex()},
		{"missing certificate file", `[{"name": "A", "address": "` + a1 + `", "tls_cert": "nope.pem"}]`, nil, "nope.pem"},
		{"duplicate name", `[{"name": "A", "address": "` + a1 + `", "tls_fingerprint": "` + fp + `"}, {"name": "A", "address": "` + a2 + `", "tls_fingerprint": "` + fp + `"}]`, nil, "listed twice"},
		{"duplicate address", `[{"name": "A", "address": "` + a1 + `", "tls_fingerprint": "` + fp + `"}, {"name": "B", "address": "` + strings.ToLower(a1) + `", "tls_fingerprint": "` + fp + `"}]`, nil, "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "founders.json")
			require.NoError(t, os.WriteFile(p, []byte(tt.json), 0o644))
			got, err := ReadFounders(p)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestDeploy deploys on the simulated chain and reads the founders
// back from the contract; the record names the Consortium's deployment
// block and transaction (it named the link's, the last of four).
func TestDeploy(t *testing.T) {
	deployer := newAccount(t)
	chain, err := contracts.NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	founders := []contracts.Member{
		{Address: common.HexToAddress("0x1001"), Name: "St Mary", TLSFingerprint: crypto.Keccak256Hash([]byte("a"))},
		{Address: common.HexToAddress("0x1002"), Name: "Royal", TLSFingerprint: crypto.Keccak256Hash([]byte("b"))},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := Deploy(ctx, chain, deployer, founders, 60)
	require.NoError(t, err)
	assert.Equal(t, chain.ChainID().Uint64(), d.ChainID)
	assert.Equal(t, deployer.Address(), d.Deployer)
	assert.Positive(t, d.GasUsed)
	require.Len(t, d.Founders, 2)

	ledger, err := contracts.Open(chain, d.Contract)
	require.NoError(t, err)
	members, err := ledger.Members(ctx)
	require.NoError(t, err)
	require.Len(t, members, 2)
	for i, m := range members {
		assert.Equal(t, founders[i], m.Member)
		assert.Equal(t, founders[i].TLSFingerprint, d.Founders[i].TLSFingerprint)
	}
	q, err := ledger.Quorum(ctx)
	require.NoError(t, err)
	assert.Equal(t, uint8(60), q.Percent)
	studies, consent, err := ledger.Modules(ctx)
	require.NoError(t, err)
	assert.Equal(t, []common.Address{d.StudiesModule}, studies)
	assert.Equal(t, consent, d.ConsentModule)
	assert.NotEqual(t, d.StudiesModule, d.ConsentModule)
	// The record's block is the Consortium's deployment, where the
	// ledger's log queries start, not that of the last of the four
	// deployment transactions (the link, three blocks later here).
	deployed, err := ledger.DeploymentBlock(ctx)
	require.NoError(t, err)
	assert.Equal(t, deployed, d.Block)
	n, err := chain.BlockNumber(ctx)
	require.NoError(t, err)
	assert.Equal(t, n-3, d.Block, "the modules were deployed and linked after the Consortium")

	t.Run("a deployer without ether", func(t *testing.T) {
		_, err := Deploy(ctx, chain, newAccount(t), founders, 51)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "deploying the Cohort contract")
	})
}

// TestDeploymentRecordOfBeforeReads: a record written before the block
// named the Consortium's deployment (its block was the link's) reads
// field for field, unknown fields refused.
func TestDeploymentRecordOfBeforeReads(t *testing.T) {
	old := `{
  "contract": "0x5b38da6a701c568545dcfcb03fcb875f56beddc4",
  "studies_module": "0x0000000000000000000000000000000000000a01",
  "consent_module": "0x0000000000000000000000000000000000000a02",
  "chain_id": 11155111,
  "block": 7003,
  "tx_hash": "0x` + strings.Repeat("ab", 32) + `",
  "deployer": "0x0000000000000000000000000000000000000d01",
  "quorum_percent": 51,
  "founders": [{"name": "St Mary", "address": "0x0000000000000000000000000000000000001001", "tls_fingerprint": "0x` + strings.Repeat("11", 32) + `"}],
  "deployed_at": "2026-11-30T10:00:00Z",
  "gas_used": 9000000
}`
	dec := json.NewDecoder(strings.NewReader(old))
	dec.DisallowUnknownFields()
	var d Record
	require.NoError(t, dec.Decode(&d))
	assert.Equal(t, uint64(7003), d.Block)
	assert.Equal(t, common.HexToAddress("0x5b38da6a701c568545dcfcb03fcb875f56beddc4"), d.Contract)
	require.Len(t, d.Founders, 1)
}

func newAccount(t *testing.T) *contracts.Account {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	return contracts.NewAccount(k)
}
