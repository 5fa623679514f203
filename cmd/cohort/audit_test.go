package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/audit"
)

func TestAuditFlags(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "blobs")
	require.NoError(t, os.Mkdir(dir, 0o700))
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"help", []string{"audit", "-h"}, 0, "--store"},
		{"no flags", []string{"audit"}, 2, "are required"},
		{"bad contract", []string{"audit", "--eth-rpc", "x", "--contract", "0x12", "--study", "1", "--store", dir}, 2, "--contract"},
		{"no store", []string{"audit", "--eth-rpc", "x", "--contract", "0x0000000000000000000000000000000000000c01", "--study", "1", "--store", dir + "/none"}, 2, "not a directory"},
		{"bad dealing evidence", []string{"audit", "--eth-rpc", "x", "--contract", "0x0000000000000000000000000000000000000c01", "--study", "1", "--store", dir, "--dealing-evidence", "0x12"}, 2, "want the evidence blob's 32-byte hash"},
		{"unreachable chain", []string{"audit", "--eth-rpc", "http://127.0.0.1:1", "--contract", "0x0000000000000000000000000000000000000c01", "--study", "1", "--store", dir}, 1, "--eth-rpc"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
}

// TestBlobStoreFromTheCoordinatorsDataDir opens the coordinator's blob
// store, as audit and dashboard --store do, from the coordinator's
// data_dir as well as from its blobs directory: given the data_dir, the
// audit once read no blob and called every round a mismatch. A directory
// that does not exist is refused, not created.
func TestBlobStoreFromTheCoordinatorsDataDir(t *testing.T) {
	dataDir := t.TempDir()
	written, err := coordinator.OpenStore(filepath.Join(dataDir, "blobs"))
	require.NoError(t, err)
	h, err := written.Put([]byte("an aggregate"))
	require.NoError(t, err)
	for _, dir := range []string{dataDir, filepath.Join(dataDir, "blobs")} {
		store, err := openBlobStore(dir)
		require.NoError(t, err, dir)
		got, err := store.Get(h)
		require.NoError(t, err, dir)
		assert.Equal(t, []byte("an aggregate"), got)
	}

	missing := filepath.Join(dataDir, "state", "coordinator")
	_, err = openBlobStore(missing)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not a directory")
	code, _, errOut := runCLI(t, "dashboard", "--eth-rpc", "http://127.0.0.1:1", "--contract", "0x0000000000000000000000000000000000000c01", "--store", missing)
	assert.Equal(t, 2, code, errOut)
	assert.Contains(t, errOut, "--store")
	_, err = os.Stat(missing)
	assert.ErrorIs(t, err, os.ErrNotExist, "a read-only command created the store directory")

	// A hospital's data_dir, or the folder above the coordinator's, holds
	// no blob: audited, every round would read as tampered with.
	hospital := filepath.Join(t.TempDir(), "hospital-1")
	require.NoError(t, os.MkdirAll(filepath.Join(hospital, "decrypted"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(hospital, "joined.json"), []byte("{}"), 0o600))
	for _, dir := range []string{hospital, filepath.Dir(hospital)} {
		_, err = openBlobStore(dir)
		require.Error(t, err, dir)
		assert.Contains(t, err.Error(), "holds no blob", dir)
		code, _, errOut := runCLI(t, "audit", "--eth-rpc", "http://127.0.0.1:1", "--contract", "0x0000000000000000000000000000000000000c01", "--study", "1", "--store", dir)
		assert.Equal(t, 2, code, errOut)
		assert.Contains(t, errOut, "coordinator's data_dir")
	}
	fresh := filepath.Join(t.TempDir(), "blobs")
	require.NoError(t, os.Mkdir(fresh, 0o700))
	_, err = openBlobStore(fresh)
	assert.NoError(t, err, "a coordinator's blobs directory before its first blob")
}

// A round whose model one decryption set decrypted is named by the audit
// but fails it only with --require-cross-check: a study with exactly t
// holders is allowed, and the exit code otherwise means that the record
// contradicts the chain.
func TestAuditRequireCrossCheckFailsOnASingleSetRound(t *testing.T) {
	checked := audit.Round{Round: 1, Verdict: audit.Verified, DecryptionSets: 2, CrossChecked: true}
	single := audit.Round{Round: 2, Verdict: audit.Verified, DecryptionSets: 1}
	for _, tt := range []struct {
		name    string
		rounds  []audit.Round
		require bool
		want    error
	}{
		{"cross-checked", []audit.Round{checked}, true, nil},
		{"single set, warned", []audit.Round{checked, single}, false, nil},
		{"single set, required", []audit.Round{checked, single}, true, errAuditNotCrossChecked},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := auditVerdict(&audit.Report{OK: true, Rounds: tt.rounds}, tt.require)
			assert.ErrorIs(t, err, tt.want)
			if tt.want != nil {
				assert.ErrorContains(t, err, "round(s) [2]")
			}
		})
	}
	assert.ErrorIs(t, auditVerdict(&audit.Report{OK: false, Rounds: []audit.Round{single}}, true), errAuditMismatch, "a mismatch is named first")
}

// The pooled standardiser's decryption before round 1 is held to the same
// rule: a moments sum one decryption set decrypted fails the audit only
// with --require-cross-check, and the error names it.
func TestAuditRequireCrossCheckFailsOnAMomentsSumOneSetDecrypted(t *testing.T) {
	checked := audit.Round{Round: 1, Verdict: audit.Verified, DecryptionSets: 2, CrossChecked: true}
	oneSet := &audit.Moments{Verdict: audit.Verified, DecryptionSets: 1}
	crossChecked := &audit.Moments{Verdict: audit.Verified, DecryptionSets: 3, CrossChecked: true}
	for _, tt := range []struct {
		name    string
		moments *audit.Moments
		require bool
		want    error
	}{
		{"cross-checked", crossChecked, true, nil},
		{"no pooled standardiser", nil, true, nil},
		{"single set, warned", oneSet, false, nil},
		{"single set, required", oneSet, true, errAuditNotCrossChecked},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := auditVerdict(&audit.Report{OK: true, Rounds: []audit.Round{checked}, Moments: tt.moments}, tt.require)
			assert.ErrorIs(t, err, tt.want)
			if tt.want != nil {
				assert.ErrorContains(t, err, "the moments sum (the pooled standardiser)")
				assert.NotContains(t, err.Error(), "round(s)")
			}
		})
	}
}
