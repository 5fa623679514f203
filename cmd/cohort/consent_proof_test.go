package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
)

// A hospital proves to a patient who revoked consent before round 3 that
// their record was used in round 2 and not in round 3; the patient checks
// both proofs against the chain, and a proof the hospital altered fails.
func TestConsentProofCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{Hospitals: 2, Rounds: simulation.RevokeRound, Seed: 5, DataDir: t.TempDir()})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.NotEmpty(t, s.Revocations())
	rev := s.Revocations()[0]
	config := writeHospitalConfig(t, s, rev.Hospital)
	cmd := consentCmd{dial: func(context.Context, string) (*contracts.Chain, error) { return s.Chain(), nil }, borrowed: true}
	run := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := cmd.run(ctx, args, &out, &errOut)
		return out.String() + errOut.String(), err
	}
	dir := t.TempDir()
	proofs := map[int]string{}
	for _, r := range []int{2, simulation.RevokeRound} {
		proofs[r] = filepath.Join(dir, "round-"+strconv.Itoa(r)+".json")
		out, err := run("proof", "--config", config, "--round", strconv.Itoa(r), "--patient", rev.Patient.Hex(), "--out", proofs[r])
		require.NoError(t, err, out)
		assert.Contains(t, out, "record "+rev.RecordID)
	}

	verify := func(path string) (string, error) {
		return run("verify-proof", "--eth-rpc", "simulated", "--contract", s.Ledger().Address().Hex(), "--proof", path, "--patient", rev.Patient.Hex())
	}
	out, err := verify(proofs[2])
	require.NoError(t, err, out)
	assert.Contains(t, out, "record "+rev.RecordID+": USED in round 2")
	assert.Contains(t, out, "as the round opened: active")
	out, err = verify(proofs[simulation.RevokeRound])
	require.NoError(t, err, out)
	assert.Contains(t, out, "record "+rev.RecordID+": not used in round 3")
	assert.Contains(t, out, "as the round opened: revoked")

	// The hospital claims round 3's proof says "used" by handing round 2's leaf.
	var used, unused participant.UseProof
	readJSON(t, proofs[2], &used)
	readJSON(t, proofs[simulation.RevokeRound], &unused)
	unused.Records[0] = used.Records[0]
	tampered := filepath.Join(dir, "tampered.json")
	writeJSONFile(t, tampered, unused)
	_, err = verify(tampered)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the proof FAILED against the chain")

	// Someone else's proof is refused.
	other := crypto.Keccak256Hash([]byte("someone else"))
	_, err = run("verify-proof", "--eth-rpc", "simulated", "--contract", s.Ledger().Address().Hex(), "--proof", proofs[2], "--patient", other.Hex())
	require.ErrorContains(t, err, "not you")

	// A patient the hospital does not hold.
	_, err = run("proof", "--config", config, "--round", "2", "--patient", other.Hex(), "--out", filepath.Join(dir, "x.json"))
	require.ErrorContains(t, err, "no record of")
}

// writeHospitalConfig writes the configuration file of hospital i of a
// local synthetic study, as its node would have it.
func writeHospitalConfig(t *testing.T, s *simulation.Study, i int) string {
	t.Helper()
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "hospital.key")
	require.NoError(t, crypto.SaveECDSA(keyFile, s.HospitalKey(i)))
	cfg := map[string]any{
		"name":     s.Participants()[i].Name,
		"chain":    map[string]any{"rpc": "simulated", "contract": s.Ledger().Address().Hex()},
		"study":    s.StudyID(),
		"key_file": keyFile,
		"data_dir": s.Participants()[i].DataDir,
		"data":     map[string]any{"synthetic": map[string]any{"site": i, "sites": s.Config().Hospitals, "seed": s.Config().Seed}},
	}
	path := filepath.Join(dir, "hospital.json")
	writeJSONFile(t, path, cfg)
	return path
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}

func writeJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o600))
}
