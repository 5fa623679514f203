package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/consentfile"
	"github.com/cohort-fl/cohort/contracts/studies"
)

// consentWorld is a simulated chain with a deployed ledger, one hospital, a
// study and key files for the hospital, a patient and an outsider.
type consentWorld struct {
	ctx                             context.Context
	chain                           *contracts.Chain
	ledger                          *contracts.Ledger
	hospital                        *contracts.Account // the one member
	study                           uint64
	purpose                         string
	hospitalKey, patientKey, outKey string
	patientID                       common.Hash
	cmd                             consentCmd
}

func writeTestKey(t *testing.T, dir, name string) (string, *ecdsa.PrivateKey) {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(hexutil.Encode(crypto.FromECDSA(k))[2:]+"\n"), 0o600))
	return path, k
}

func newConsentWorld(t *testing.T) *consentWorld {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	dir := t.TempDir()
	w := &consentWorld{ctx: ctx, purpose: "sepsis prediction"}
	var hospital, patient, outsider *ecdsa.PrivateKey
	w.hospitalKey, hospital = writeTestKey(t, dir, "hospital.key")
	w.patientKey, patient = writeTestKey(t, dir, "patient.key")
	w.outKey, outsider = writeTestKey(t, dir, "outsider.key")
	w.patientID = contracts.PatientID(crypto.PubkeyToAddress(patient.PublicKey))
	researcher := contracts.NewAccount(hospital)
	w.hospital = researcher
	chain, err := contracts.NewSimulatedChain(researcher.Address(), crypto.PubkeyToAddress(outsider.PublicKey))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, chain.Close()) })
	w.chain = chain
	w.ledger, _, err = contracts.Deploy(ctx, chain, researcher, []contracts.Member{
		{Address: researcher.Address(), Name: "Hospital A", TLSFingerprint: crypto.Keccak256Hash([]byte("cert"))},
	})
	require.NoError(t, err)
	w.study, _, err = w.ledger.CreateStudy(ctx, researcher, contracts.StudyParams{
		SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: studies.PurposeCode(w.purpose),
		ReferenceCommitment: crypto.Keccak256Hash([]byte("ref")), Rounds: 1, MinParticipants: 1, Threshold: 1,
		StrikeLimit: 1, Coordinator: researcher.Address(),
	})
	require.NoError(t, err)
	w.cmd = consentCmd{dial: func(context.Context, string) (*contracts.Chain, error) { return chain, nil }, borrowed: true}
	return w
}

// run runs `cohort consent args...` against the world's chain.
func (w *consentWorld) run(args ...string) (string, string, error) {
	var stdout, stderr bytes.Buffer
	err := w.cmd.run(w.ctx, args, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func (w *consentWorld) conn() []string {
	return []string{"--eth-rpc", "simulated", "--contract", w.ledger.Address().Hex()}
}

func (w *consentWorld) status(t *testing.T) consentfile.StatusReport {
	t.Helper()
	out, errOut, err := w.run(append(append([]string{"status"}, w.conn()...), "--patient", w.patientID.Hex(), "--study", "1", "--json")...)
	require.NoError(t, err, errOut)
	var st consentfile.StatusReport
	require.NoError(t, json.Unmarshal([]byte(out), &st))
	return st
}

func TestConsentCommandGrantRevokeStatus(t *testing.T) {
	w := newConsentWorld(t)
	study := []string{"--study", "1"}
	keys := []string{"--patient-key", w.patientKey, "--relayer-key", w.hospitalKey}

	assert.Equal(t, "none", w.status(t).State)

	out, errOut, err := w.run(append(append(append([]string{"grant"}, w.conn()...), append(study, keys...)...), "--for", "30d")...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "consent granted until")
	st := w.status(t)
	assert.Equal(t, "active", st.State)
	assert.True(t, st.StudyScoped)
	require.NotNil(t, st.Expiry)
	assert.WithinDuration(t, time.Now().AddDate(0, 0, 30), *st.Expiry, time.Minute)

	out, errOut, err = w.run(append(append([]string{"revoke"}, w.conn()...), append(study, keys...)...)...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "consent revoked")
	revoked := w.status(t)
	assert.Equal(t, "revoked", revoked.State)

	// Revoking again relays nothing (and costs the hospital no gas): the
	// patient is told it stands.
	out, errOut, err = w.run(append(append([]string{"revoke"}, w.conn()...), append(study, keys...)...)...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "already revoked")
	assert.Equal(t, revoked.SinceBlock, w.status(t).SinceBlock, "a second revocation was recorded")

	// A purpose-wide grant does not override the study-specific revocation.
	_, errOut, err = w.run(append(append([]string{"grant"}, w.conn()...), append([]string{"--purpose", w.purpose, "--expires", "2099-01-01"}, keys...)...)...)
	require.NoError(t, err, errOut)
	assert.Equal(t, "revoked", w.status(t).State)

	// Text status by key file, and the patient's id.
	out, errOut, err = w.run(append(append([]string{"status"}, w.conn()...), "--patient-key", w.patientKey, "--study", "1")...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "revoked (decided for this study")
	id, _, err := w.run("id", "--patient-key", w.patientKey)
	require.NoError(t, err)
	assert.Equal(t, w.patientID.Hex(), strings.TrimSpace(id))
}

// TestConsentHistoryAcrossARegistryUpgrade: a patient grants consent, a
// vote installs a new consent registry, and the patient revokes. `cohort
// consent history` lists both changes with the registry that recorded
// each, says the retired one still counts (the new registry reads it),
// and status agrees that the revocation decides. Before, the history a
// patient could read (Ledger.PatientEvents) held only the current
// registry's changes: after the upgrade, not the grant.
func TestConsentHistoryAcrossARegistryUpgrade(t *testing.T) {
	w := newConsentWorld(t)
	keys := []string{"--study", "1", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey}
	_, errOut, err := w.run(append(append([]string{"grant"}, w.conn()...), append(keys, "--for", "30d")...)...)
	require.NoError(t, err, errOut)
	first, err := w.ledger.ConsentDomain(w.ctx)
	require.NoError(t, err)
	second, _, err := contracts.DeployConsentModule(w.ctx, w.chain, w.hospital, w.ledger.Address(), first.Contract)
	require.NoError(t, err)
	_, _, err = w.ledger.ProposeModule(w.ctx, w.hospital, contracts.ModuleConsent, second) // the one member's vote carries it
	require.NoError(t, err)
	_, errOut, err = w.run(append(append([]string{"revoke"}, w.conn()...), keys...)...)
	require.NoError(t, err, errOut)
	assert.Equal(t, "revoked", w.status(t).State)

	out, errOut, err := w.run(append(append([]string{"history"}, w.conn()...), "--patient", w.patientID.Hex(), "--json")...)
	require.NoError(t, err, errOut)
	var h consentfile.HistoryReport
	require.NoError(t, json.Unmarshal([]byte(out), &h))
	require.Len(t, h.Changes, 2)
	assert.True(t, h.Changes[0].Granted)
	assert.Equal(t, first.Contract, h.Changes[0].Registry)
	assert.False(t, h.Changes[0].RegistryCurrent)
	assert.True(t, h.Changes[0].Counts)
	assert.False(t, h.Changes[1].Granted)
	assert.Equal(t, second, h.Changes[1].Registry)
	assert.True(t, h.Changes[1].RegistryCurrent)
	require.Len(t, h.Registries, 2)
	assert.Equal(t, first.Contract, h.Registries[0].Address)
	assert.NotZero(t, h.Registries[0].ReplacedInBlock)
	assert.Equal(t, h.Registries[0].ReplacedInBlock, h.Registries[1].InstalledInBlock)

	text, errOut, err := w.run(append(append([]string{"history"}, w.conn()...), "--patient-key", w.patientKey)...)
	require.NoError(t, err, errOut)
	assert.Contains(t, text, "2 consent changes")
	assert.Regexp(t, `study 1: granted until \S+  in `+first.Contract.Hex()+` \(retired registry, still read: counts\)`, text)
	assert.Regexp(t, `study 1: revoked  in `+second.Hex()+` \(current registry\)`, text)
	assert.Contains(t, text, first.Contract.Hex()+"  blocks ")
	assert.Contains(t, text, "retired; the current registry reads it, so its changes still count")
}

// TestConsentCommandLogged: a patient signs a logged grant offline (with
// the time, bounding ε), the hospital relays it, the patient revokes with a
// logged revocation, and the grant file relayed again (a replay within the
// freshness window) is recorded but cannot bring the consent back.
func TestConsentCommandLogged(t *testing.T) {
	w := newConsentWorld(t)
	signedPath := filepath.Join(t.TempDir(), "signed.json")
	_, errOut, err := w.run(append(append([]string{"grant"}, w.conn()...), "--study", "1", "--for", "30d", "--max-epsilon", "3", "--logged", "--patient-key", w.patientKey, "--out", signedPath)...)
	require.NoError(t, err, errOut)
	b, err := os.ReadFile(signedPath)
	require.NoError(t, err)
	require.Contains(t, string(b), `"issued_at"`)
	relay := append(append([]string{"grant"}, w.conn()...), "--signed", signedPath, "--relayer-key", w.hospitalKey)
	out, errOut, err := w.run(relay...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "ε at most 3")
	st := w.status(t)
	assert.Equal(t, "active", st.State)
	assert.Equal(t, 3.0, st.MaxEpsilon)

	_, errOut, err = w.run(append(append([]string{"revoke"}, w.conn()...), "--study", "1", "--logged", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey)...)
	require.NoError(t, err, errOut)
	assert.Equal(t, "revoked", w.status(t).State)
	_, errOut, err = w.run(relay...)
	require.NoError(t, err, errOut)
	assert.Equal(t, "revoked", w.status(t).State, "the replayed grant was issued before the revocation")
}

// TestConsentCommandSignThenRelay: the patient signs offline, bounding ε;
// the hospital relays the file. A file whose bound the hospital dropped is
// refused; relaying the file twice is refused as a replay.
func TestConsentCommandSignThenRelay(t *testing.T) {
	w := newConsentWorld(t)
	dir := t.TempDir()
	signedPath := filepath.Join(dir, "signed.json")
	out, errOut, err := w.run(append(append([]string{"grant"}, w.conn()...), "--study", "1", "--for", "720h", "--max-epsilon", "2.5", "--patient-key", w.patientKey, "--out", signedPath)...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "written to "+signedPath)
	assert.Contains(t, errOut, "trains without differential privacy", "the study has no ε budget: the patient learns the bound keeps their records out")
	assert.Equal(t, "none", w.status(t).State, "signing alone changes nothing on chain")

	b, err := os.ReadFile(signedPath)
	require.NoError(t, err)
	require.Contains(t, string(b), `"max_epsilon": 2.5`)
	droppedPath := filepath.Join(dir, "dropped.json")
	require.NoError(t, os.WriteFile(droppedPath, []byte(strings.Replace(string(b), `"max_epsilon": 2.5`, `"max_epsilon": 0`, 1)), 0o644))
	_, _, err = w.run(append(append([]string{"grant"}, w.conn()...), "--signed", droppedPath, "--relayer-key", w.hospitalKey)...)
	require.ErrorIs(t, err, contracts.ErrBadSignature, "the bound is signed: a hospital cannot drop it")

	relay := append(append([]string{"grant"}, w.conn()...), "--signed", signedPath, "--relayer-key", w.hospitalKey)
	out, errOut, err = w.run(relay...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "ε at most 2.5")
	st := w.status(t)
	assert.Equal(t, "active", st.State)
	assert.Equal(t, 2.5, st.MaxEpsilon)
	_, _, err = w.run(relay...)
	require.ErrorIs(t, err, contracts.ErrInvalidNonce)

	// The relayer must be a member; a grant file cannot be relayed as a revocation.
	_, _, err = w.run(append(append([]string{"grant"}, w.conn()...), "--signed", signedPath, "--relayer-key", w.outKey)...)
	require.ErrorIs(t, err, contracts.ErrNotMember)
	_, _, err = w.run(append(append([]string{"revoke"}, w.conn()...), "--signed", signedPath, "--relayer-key", w.hospitalKey)...)
	require.ErrorContains(t, err, "not a revoke")
}

func TestConsentCommandUsage(t *testing.T) {
	w := newConsentWorld(t)
	conn := w.conn()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", nil, "Usage: cohort consent"},
		{"unknown subcommand", []string{"frobnicate"}, "unknown consent command"},
		{"no chain", []string{"status", "--study", "1", "--patient-key", w.patientKey}, "--eth-rpc"},
		{"no scope", append(append([]string{"grant"}, conn...), "--for", "1d", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey), "exactly one of --study"},
		{"two scopes", append(append([]string{"grant"}, conn...), "--study", "1", "--purpose", "x", "--for", "1d", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey), "exactly one of --study"},
		{"no expiry", append(append([]string{"grant"}, conn...), "--study", "1", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey), "--expires"},
		{"bad expiry", append(append([]string{"grant"}, conn...), "--study", "1", "--expires", "soon", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey), "2027-12-31"},
		{"no patient key", append(append([]string{"revoke"}, conn...), "--study", "1", "--relayer-key", w.hospitalKey), "--patient-key is required"},
		{"neither relay nor out", append(append([]string{"revoke"}, conn...), "--study", "1", "--patient-key", w.patientKey), "--relayer-key"},
		{"status without patient", append(append([]string{"status"}, conn...), "--study", "1"), "exactly one of --patient"},
		{"status bad patient id", append(append([]string{"status"}, conn...), "--study", "1", "--patient", "0x12"), "32-byte"},
		{"contract a digit short", []string{"status", "--eth-rpc", "simulated", "--contract", w.ledger.Address().Hex()[:41], "--study", "1", "--patient-key", w.patientKey}, "is not 0x and 40 hex digits"},
		{"contract with a typo", []string{"relay", "--eth-rpc", "simulated", "--contract", miscased(w.ledger.Address()), "--file", "x.json", "--relayer-key", w.hospitalKey}, "wrong EIP-55 checksum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, err := w.run(tc.args...)
			require.ErrorIs(t, err, errUsage)
			assert.Contains(t, out+errOut, tc.want)
		})
	}

	// Errors from the contract come back as its sentinels.
	_, _, err := w.run(append(append([]string{"grant"}, conn...), "--study", "1", "--expires", "2001-01-01", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey)...)
	require.ErrorIs(t, err, contracts.ErrConsentExpired)
	_, _, err = w.run(append(append([]string{"grant"}, conn...), "--study", "9", "--for", "1d", "--patient-key", w.patientKey, "--relayer-key", w.hospitalKey)...)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
	_, _, err = w.run(append(append([]string{"status"}, conn...), "--study", "1", "--round", "3", "--patient-key", w.patientKey)...)
	require.ErrorIs(t, err, contracts.ErrRoundNotFound)
}

// TestConsentCommandRelayFile has two patients sign grants to files and a
// hospital relay them, plus a copy of the first and the first with the
// second's signature, from one file in one batch: the good ones are
// recorded and counted for the hospital's sample bound (--open-counts), the
// copy is reported as a duplicate of change 1 and the mixed-up one as
// carrying change 2's signature, both skipped.
func TestConsentCommandRelayFile(t *testing.T) {
	w := newConsentWorld(t)
	dir := t.TempDir()
	otherKey := filepath.Join(dir, "other.key")
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	require.NoError(t, crypto.SaveECDSA(otherKey, k))
	var all []byte
	for i, key := range []string{w.patientKey, otherKey} {
		path := filepath.Join(dir, fmt.Sprintf("signed%d.json", i))
		_, errOut, err := w.run(append(append([]string{"grant"}, w.conn()...), "--study", "1", "--for", "30d", "--patient-key", key, "--out", path)...)
		require.NoError(t, err, errOut)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		all = append(all, b...)
	}
	first, err := os.ReadFile(filepath.Join(dir, "signed0.json"))
	require.NoError(t, err)
	// The first patient's grant again with the second's signature, as a
	// mixed-up file would hold it.
	var mixed, second consentfile.File
	require.NoError(t, json.Unmarshal(first, &mixed))
	b, err := os.ReadFile(filepath.Join(dir, "signed1.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &second))
	mixed.Signature = second.Signature
	mixedJSON, err := json.Marshal(mixed)
	require.NoError(t, err)
	batch := filepath.Join(dir, "batch.json")
	require.NoError(t, os.WriteFile(batch, append(append(all, first...), mixedJSON...), 0o644)) // the first grant twice

	// --open-counts: the relayed grants count towards the hospital's sample bound.
	out, errOut, err := w.run(append(append([]string{"relay"}, w.conn()...), "--file", batch, "--relayer-key", w.hospitalKey, "--open-counts", "--json")...)
	require.NoError(t, err, errOut)
	hospital, err := loadKeyFile(w.hospitalKey)
	require.NoError(t, err)
	bound, err := w.ledger.SampleBound(w.ctx, w.study, hospital.Address(), 0)
	require.NoError(t, err)
	assert.Equal(t, uint64(2), bound, "two grants counted, the replay not")
	var got consentfile.RelayReport
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, 4, got.Changes)
	assert.Equal(t, 2, got.Recorded)
	assert.Len(t, got.Transactions, 1)
	require.Len(t, got.Entries, 4)
	assert.Equal(t, []string{"recorded", "recorded", "duplicate", "bad signature"}, []string{got.Entries[0].Outcome, got.Entries[1].Outcome, got.Entries[2].Outcome, got.Entries[3].Outcome})
	assert.Equal(t, "the same change as change 1, relayed once", got.Entries[2].Detail)
	assert.Contains(t, got.Entries[3].Detail, "the signature is change 2's", "the file pairs the first patient's change with the second's signature")
	assert.Equal(t, "active", w.status(t).State)

	// Relayed alone, the mixed-up change is refused for its signature, not
	// its nonce (the first grant is on chain now).
	mixedPath := filepath.Join(dir, "mixed.json")
	require.NoError(t, os.WriteFile(mixedPath, mixedJSON, 0o644))
	_, _, err = w.run(append(append([]string{"grant"}, w.conn()...), "--signed", mixedPath, "--relayer-key", w.hospitalKey)...)
	require.ErrorIs(t, err, contracts.ErrBadSignature)
	require.NotErrorIs(t, err, contracts.ErrInvalidNonce)

	// Bad input: a missing file, an empty one, and the relayer must be a member.
	empty := filepath.Join(dir, "empty.json")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	_, _, err = w.run(append(append([]string{"relay"}, w.conn()...), "--file", empty, "--relayer-key", w.hospitalKey)...)
	require.ErrorContains(t, err, "no signed consent change")
	_, _, err = w.run(append(append([]string{"relay"}, w.conn()...), "--relayer-key", w.hospitalKey)...)
	require.ErrorIs(t, err, errUsage)
	_, _, err = w.run(append(append([]string{"relay"}, w.conn()...), "--file", batch, "--relayer-key", w.outKey)...)
	require.ErrorIs(t, err, contracts.ErrNotMember)
}

// TestConsentRelayOpensABoundStudysCount: relaying grants for a study that
// binds samples opens the hospital's count unasked, so the grants bound its
// commitments; without the count they would not count, and its
// commitments would be refused.
func TestConsentRelayOpensABoundStudysCount(t *testing.T) {
	w := newConsentWorld(t)
	hospital, err := loadKeyFile(w.hospitalKey)
	require.NoError(t, err)
	_, err = w.ledger.BindSamples(w.ctx, hospital, w.study) // the hospital is also the study's owner here
	require.NoError(t, err)
	signed := filepath.Join(t.TempDir(), "signed.json")
	_, errOut, err := w.run(append(append([]string{"grant"}, w.conn()...), "--study", "1", "--for", "30d", "--patient-key", w.patientKey, "--out", signed)...)
	require.NoError(t, err, errOut)
	out, errOut, err := w.run(append(append([]string{"relay"}, w.conn()...), "--file", signed, "--relayer-key", w.hospitalKey)...)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "1 consent change relayed in 1 transaction by", "one of each, not '1 transactions'")
	assert.Contains(t, errOut, "binds sample counts to consent: opened")
	bound, err := w.ledger.SampleBound(w.ctx, w.study, hospital.Address(), 0)
	require.NoError(t, err)
	assert.Equal(t, uint64(1), bound, "the grant counted")
}

// TestConsentCommandRefusesReadableKeys: a patient's or relayer's key file
// that other local users can read is refused before anything is signed or
// sent, with the chmod that fixes it.
func TestConsentCommandRefusesReadableKeys(t *testing.T) {
	w := newConsentWorld(t)
	readable := filepath.Join(t.TempDir(), "patient.key")
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	require.NoError(t, crypto.SaveECDSA(readable, k))
	require.NoError(t, os.Chmod(readable, 0o644))

	_, _, err = w.run(append(append([]string{"grant"}, w.conn()...), "--study", "1", "--for", "30d", "--patient-key", readable, "--relayer-key", w.hospitalKey)...)
	require.ErrorIs(t, err, auth.ErrKeyFileMode)
	assert.Contains(t, err.Error(), "chmod 600 "+readable)

	signed := filepath.Join(t.TempDir(), "signed.json")
	_, errOut, err := w.run(append(append([]string{"grant"}, w.conn()...), "--study", "1", "--for", "30d", "--patient-key", w.patientKey, "--out", signed)...)
	require.NoError(t, err, errOut)
	require.NoError(t, os.Chmod(w.hospitalKey, 0o640))
	_, _, err = w.run(append(append([]string{"relay"}, w.conn()...), "--file", signed, "--relayer-key", w.hospitalKey)...)
	require.ErrorIs(t, err, auth.ErrKeyFileMode)
	assert.Equal(t, "none", w.status(t).State, "nothing was relayed")
}

// miscased returns a's hex with one letter's case flipped: a typo the
// EIP-55 checksum catches.
func miscased(a common.Address) string {
	h := []byte(a.Hex())
	for i := 2; i < len(h); i++ {
		if c := h[i]; c >= 'a' && c <= 'f' {
			h[i] = c - 'a' + 'A'
			return string(h)
		} else if c >= 'A' && c <= 'F' {
			h[i] = c - 'A' + 'a'
			return string(h)
		}
	}
	panic("an address without a letter")
}
