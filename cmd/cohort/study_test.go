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

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/deployment"
	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/models"
)

func TestStudyFlags(t *testing.T) {
	dir := t.TempDir()
	key, _ := saveKeyForTest(t, dir, "researcher.key")
	spec := filepath.Join(dir, "spec.json")
	require.NoError(t, os.WriteFile(spec, []byte(`{"kind":"logistic","features":4}`), 0o644))
	crossChecked := filepath.Join(dir, "cross-checked.json")
	require.NoError(t, os.WriteFile(crossChecked, []byte(`{"model":{"kind":"logistic","features":4},"rounds":3,"require_cross_check":true}`), 0o644))
	badSpec := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(badSpec, []byte(`{"kind":"tree","features":4}`), 0o644))
	contract, coord := "0x0000000000000000000000000000000000000c01", "0x0000000000000000000000000000000000000c02"
	create := func(extra ...string) []string {
		args := []string{"study", "create", "--eth-rpc", "http://127.0.0.1:1", "--contract", contract, "--key", key,
			"--spec", spec, "--rounds", "3", "--min-participants", "3", "--threshold", "2", "--purpose", "p",
			"--reference", "0x" + strings.Repeat("11", 32), "--coordinator", coord}
		return append(args, extra...)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no subcommand", []string{"study"}, 2, "create|show|leave"},
		{"unknown subcommand", []string{"study", "delete"}, 2, "create|show|leave"},
		{"leave help", []string{"study", "leave", "-h"}, 0, "re-shares the decryption key"},
		{"leave without flags", []string{"study", "leave"}, 2, "are required"},
		{"leave bad member", []string{"study", "leave", "--eth-rpc", "x", "--contract", contract, "--key", key, "--study", "1", "--member", "bob"}, 2, "--member"},
		{"leave unreachable chain", []string{"study", "leave", "--eth-rpc", "http://127.0.0.1:1", "--contract", contract, "--key", key, "--study", "1"}, 1, "--eth-rpc"},
		{"create help", []string{"study", "create", "-h"}, 0, "RFC 8785"},
		{"create without flags", []string{"study", "create"}, 2, "--eth-rpc is required"},
		{"zero rounds", create("--rounds", "0"), 2, "--rounds must be between 1"},
		{"minimum below threshold", create("--min-participants", "1"), 2, "below --threshold"},
		{"committee below threshold", create("--committee-size", "1"), 2, "--committee-size 1 must be"},
		{"committee too large", create("--committee-size", "256"), 2, "--committee-size 256 must be"},
		{"rotation without committee", create("--committee-rotation", "3"), 2, "needs a --committee-size"},
		{"committee, unreachable chain", create("--committee-size", "2", "--committee-rotation", "3"), 1, "--eth-rpc"},
		{"bad coordinator", create("--coordinator", "bob"), 2, "--coordinator"},
		{"bad spec", create("--spec", badSpec), 1, "unknown kind"},
		{"missing spec", create("--spec", filepath.Join(dir, "nope.json")), 1, "reading the spec"},
		{"unreachable chain", create(), 1, "--eth-rpc"},
		{"distributed noise sized for more hospitals than the minimum", []string{"study", "create", "--eth-rpc", "http://127.0.0.1:1", "--contract", contract, "--key", key,
			"--recipe", "../../examples/tcga-brca/hazard-dp-distributed.json", "--min-participants", "3", "--threshold", "2", "--purpose", "p",
			"--reference", "0x" + strings.Repeat("11", 32), "--coordinator", coord}, 2, "below the recipe's privacy min_contributors 6"},
		{"a cross-check required of a committee of t", []string{"study", "create", "--eth-rpc", "http://127.0.0.1:1", "--contract", contract, "--key", key,
			"--recipe", crossChecked, "--min-participants", "3", "--threshold", "2", "--committee-size", "2", "--purpose", "p",
			"--reference", "0x" + strings.Repeat("11", 32), "--coordinator", coord}, 2, "leaves no spare holder, and the recipe requires a cross-checked decryption"},
		{"show without flags", []string{"study", "show"}, 2, "are required"},
		{"show bad contract", []string{"study", "show", "--eth-rpc", "x", "--contract", "0x12", "--study", "1"}, 2, "--contract"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
}

// TestStudyCreateAndShow creates a study on the simulated chain, runs a round
// and a half through the ledger as the daemons would, and checks what
// `study show` reports, as JSON and as text.
func TestStudyCreateAndShow(t *testing.T) {
	researcher, coord := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	k1, k2 := mustKey(t), mustKey(t)
	h1, h2, h3 := contracts.NewAccount(k1), contracts.NewAccount(k2), contracts.NewAccount(mustKey(t))
	chain, err := contracts.NewSimulatedChain(researcher.Address(), coord.Address(), h1.Address(), h2.Address(), h3.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	founders := []contracts.Member{
		{Address: h1.Address(), Name: "St Mary", TLSFingerprint: crypto.Keccak256Hash([]byte("1"))},
		{Address: h2.Address(), Name: "Royal", TLSFingerprint: crypto.Keccak256Hash([]byte("2"))},
		{Address: h3.Address(), Name: "County", TLSFingerprint: crypto.Keccak256Hash([]byte("3"))},
	}
	d, err := deployment.Deploy(ctx, chain, researcher, founders, 51)
	require.NoError(t, err)
	ledger, err := contracts.Open(chain, d.Contract)
	require.NoError(t, err)

	canon, specH, err := models.SpecHash([]byte(`{"kind":"logistic","features":4}`))
	require.NoError(t, err)
	params := contracts.StudyParams{Rounds: 2, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: coord.Address(),
		SpecHash: specH, Purpose: studies.PurposeCode("sepsis"), ReferenceCommitment: crypto.Keccak256Hash([]byte("root"))}
	created, err := studies.Create(ctx, ledger, researcher, params, len(canon))
	require.NoError(t, err)
	require.Equal(t, uint64(1), created.StudyID)
	assert.Equal(t, researcher.Address(), created.Owner)
	id := created.StudyID

	rep, err := studies.Show(ctx, ledger, chain.ChainID().Uint64(), id)
	require.NoError(t, err)
	assert.Equal(t, "enrolling", rep.Status)
	assert.Empty(t, rep.Participants)

	for _, h := range []*contracts.Account{h1, h2, h3} {
		_, err := ledger.JoinStudy(ctx, h, id)
		require.NoError(t, err)
	}
	_, err = ledger.SetPublicKeyHash(ctx, coord, id, crypto.Keccak256Hash([]byte("pk")))
	require.NoError(t, err)
	_, err = ledger.OpenRound(ctx, coord, id, 1, crypto.Keccak256Hash([]byte("model 0")), time.Now().Add(time.Hour))
	require.NoError(t, err)
	for i, h := range []*contracts.Account{h1, h2} {
		_, err := ledger.CommitUpdate(ctx, h, id, 1, contracts.Commitment{CiphertextHash: crypto.Keccak256Hash([]byte{byte(i)}), Samples: 100, ConsentRoot: crypto.Keccak256Hash([]byte("root"))})
		require.NoError(t, err)
	}
	res := contracts.RoundResult{AggregateHash: crypto.Keccak256Hash([]byte("agg 1")), ModelHash: crypto.Keccak256Hash([]byte("model 1")), Accuracy: 0.8125, AUC: 0.9, Loss: 0.35, Participants: 2}
	_, err = ledger.CloseRound(ctx, coord, id, 1, res)
	require.NoError(t, err)
	_, err = ledger.OpenRound(ctx, coord, id, 2, res.ModelHash, time.Now().Add(time.Hour))
	require.NoError(t, err)
	// Round 2's scores flag h3, and h1 and h2 (the threshold) endorse them.
	_, err = ledger.RecordScores(ctx, coord, id, 2, []contracts.Score{{Member: h3.Address(), Score: -1, Flagged: true}})
	require.NoError(t, err)
	round2, err := ledger.Round(ctx, id, 2)
	require.NoError(t, err)
	cd, err := ledger.CommitDomain(ctx, id)
	require.NoError(t, err)
	endorsements := map[common.Address][]byte{}
	for _, k := range []*ecdsa.PrivateKey{k1, k2} {
		endorsements[crypto.PubkeyToAddress(k.PublicKey)], err = contracts.SignEndorsement(k, cd, id, 2, round2.ScoresHash)
		require.NoError(t, err)
	}
	_, err = ledger.ConfirmStrikes(ctx, coord, id, 2, []common.Address{h3.Address()}, endorsements)
	require.NoError(t, err)

	rep, err = studies.Show(ctx, ledger, chain.ChainID().Uint64(), id)
	require.NoError(t, err)
	assert.Equal(t, "round 2 open", rep.Status)
	assert.Equal(t, specH, rep.SpecHash)
	assert.Equal(t, coord.Address(), rep.Coordinator)
	require.Len(t, rep.Participants, 3)
	assert.Equal(t, "St Mary", rep.Participants[0].Name)
	assert.Equal(t, uint32(1), rep.Participants[0].LastCommittedRound)
	assert.Equal(t, uint16(1), rep.Participants[2].Strikes)
	require.Len(t, rep.RoundHistory, 2)
	r1, r2 := rep.RoundHistory[0], rep.RoundHistory[1]
	assert.Equal(t, "closed", r1.Status)
	assert.Equal(t, res.ModelHash, r1.ModelHash)
	assert.Equal(t, res.AggregateHash, r1.AggregateHash)
	assert.InDelta(t, 0.8125, r1.Accuracy, 1e-6)
	assert.Equal(t, []common.Address{h1.Address(), h2.Address()}, r1.Committers)
	assert.Equal(t, "open", r2.Status)
	assert.Equal(t, res.ModelHash, r2.GlobalModel, "round 2 trains from round 1's model")
	require.Len(t, rep.Strikes, 1)
	assert.Equal(t, h3.Address(), rep.Strikes[0].Member)

	var text bytes.Buffer
	rep.WriteText(&text)
	for _, want := range []string{"study 1 on contract", "round 2 open", "St Mary", "0.8125", res.ModelHash.Hex(), "flagged", specH.Hex()} {
		assert.Contains(t, text.String(), want)
	}
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var back studies.Report
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, *rep, back, "the JSON report round-trips")

	figure := filepath.Join(t.TempDir(), "study.svg")
	panels, err := chart.HistoryPlots(evaluation.HistoryFromChain(rep))
	require.NoError(t, err)
	require.NoError(t, chart.Save(figure, panels...))
	texts := svgTexts(t, figure)
	for _, want := range []string{"study 1: model quality per round", "updates committed", "study 1: robust scoring per round"} {
		assert.Contains(t, texts, want, "the strike makes the study's figure show flags")
	}

	_, err = studies.Show(ctx, ledger, chain.ChainID().Uint64(), 9)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
}

// TestCommitteeLineAgreesWithOne: a study with a committee of one printed
// "1 participant chosen on chain hold key shares"; the verbs agree with
// one holder and one decrypter as they do with several.
func TestCommitteeLineAgreesWithOne(t *testing.T) {
	assert.Equal(t, "committee  1 participant chosen on chain holds key shares and 1 decrypts (rotated every 1 round)",
		committeeLine(contracts.CommitteeParams{Size: 1, RotationRounds: 1}, 1))
	assert.Equal(t, "committee  3 participants chosen on chain hold key shares and 2 decrypt (rotated every 5 rounds)",
		committeeLine(contracts.CommitteeParams{Size: 3, RotationRounds: 5}, 2))
	assert.Contains(t, committeeLine(contracts.CommitteeParams{}, 1), "committee  none: every participant holds key shares and 1 decrypts;")
}

// A study whose share holders can be exactly its threshold decrypts each
// model with one set of t, which nothing cross-checks: `study create`
// warns, naming the fix, while the committee (or membership) can still
// be chosen. A committee of t + 1, or room for t + 1 members without
// one, draws no warning.
func TestStudyCreateWarnsWithoutASpareHolder(t *testing.T) {
	for _, tt := range []struct {
		name      string
		min, t    uint32
		committee uint16
		want      string
	}{
		{"a committee of t", 4, 3, 3, "a committee of 3 at threshold 3"},
		{"t members needed, no committee", 3, 3, 0, "without a committee, a study that starts with its 3 minimum participants at threshold 3"},
		{"a committee of t + 1", 4, 3, 4, ""},
		{"t + 1 members needed", 4, 3, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := spareHolderWarning(contracts.StudyParams{MinParticipants: tt.min, Threshold: tt.t, Committee: contracts.CommitteeParams{Size: tt.committee}})
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.Contains(t, got, tt.want)
			assert.Contains(t, got, "one lying holder among the t could have shifted it")
			assert.Contains(t, got, "at least threshold + 1")
		})
	}
}
