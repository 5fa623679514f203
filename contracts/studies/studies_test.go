package studies

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

func TestPurposeAndReference(t *testing.T) {
	code := "0x" + strings.Repeat("ab", 32)
	assert.Equal(t, common.HexToHash(code), PurposeCode(code))
	assert.Equal(t, crypto.Keccak256Hash([]byte("sepsis")), PurposeCode("sepsis"))
	assert.NotEqual(t, PurposeCode("sepsis"), PurposeCode("sepsis "), "purpose text is taken verbatim")

	data := filepath.Join(t.TempDir(), "root.csv")
	require.NoError(t, os.WriteFile(data, []byte("id,label\n1,0\n"), 0o644))
	tests := []struct {
		name string
		in   string
		want common.Hash
		err  string
	}{
		{"hash", code, common.HexToHash(code), ""},
		{"file", data, crypto.Keccak256Hash([]byte("id,label\n1,0\n")), ""},
		{"zero hash", "0x" + strings.Repeat("0", 64), common.Hash{}, "zero hash"},
		{"neither", "0x1234", common.Hash{}, "neither"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReferenceCommitment(tt.in)
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

// TestStudyLeave takes hospitals out of a keyed study between rounds, as
// `cohort study leave` does: a hospital leaves itself, only a member vote
// excludes another, and no change may take the study below its minimum.
func TestStudyLeave(t *testing.T) {
	f := newStudyOfThree(t, contracts.StudyParams{Rounds: 2, MinParticipants: 2})
	ctx, ledger, chain, coord, hs, id := f.ctx, f.ledger, f.chain, f.coord, f.hs, f.id
	var err error
	_, err = ledger.SetPublicKeyHash(ctx, coord, id, crypto.Keccak256Hash([]byte("pk")))
	require.NoError(t, err)

	left, err := Leave(ctx, ledger, hs[2], id, common.Address{})
	require.NoError(t, err)
	assert.Equal(t, hs[2].Address(), left.Member)
	assert.Equal(t, hs[2].Address(), left.By)
	assert.NotZero(t, left.GasUsed)
	t.Logf("leaveStudy: %d gas", left.GasUsed)

	// Only a member vote excludes a participant: the coordinator, no
	// consortium member, cannot even propose it. H1 proposes excluding H2
	// (a vote carries with 2 of 3 members): pending on its own vote; H3's
	// vote would leave one active participant, below the study's minimum,
	// so it is refused until H3 has joined again.
	_, err = Leave(ctx, ledger, coord, id, hs[1].Address())
	require.ErrorIs(t, err, contracts.ErrNotMember)
	res, err := Leave(ctx, ledger, hs[0], id, hs[1].Address())
	require.NoError(t, err)
	assert.Equal(t, Left{StudyID: id, Member: hs[1].Address(), By: hs[0].Address(), Proposal: res.Proposal, Pending: true,
		TxHash: res.TxHash, Block: res.Block, GasUsed: res.GasUsed}, *res)
	assert.NotZero(t, res.Proposal)
	_, _, err = ledger.Vote(ctx, hs[2], res.Proposal)
	require.ErrorIs(t, err, contracts.ErrTooFewParticipants, "two active participants are the study's minimum")
	_, err = ledger.JoinStudy(ctx, hs[2], id)
	require.NoError(t, err)
	executed, _, err := ledger.Vote(ctx, hs[2], res.Proposal)
	require.NoError(t, err)
	assert.True(t, executed)
	ok, err := ledger.IsParticipant(ctx, id, hs[1].Address())
	require.NoError(t, err)
	assert.False(t, ok, "excluded by the vote")

	rep, err := Show(ctx, ledger, chain.ChainID().Uint64(), id)
	require.NoError(t, err)
	require.Len(t, rep.Participants, 2, "the excluded member is no longer listed")
}

// TestStudyLeaveExcludesALeaver: a member proposes excluding a hospital
// that already left (so that it cannot rejoin freely): the proposal is
// pending until the vote carries, and `study show` then lists the hospital
// as removed by vote, until a reinstatement vote lets it back.
func TestStudyLeaveExcludesALeaver(t *testing.T) {
	f := newStudyOfThree(t, contracts.StudyParams{Rounds: 2, MinParticipants: 2})
	ctx, ledger, chain, hs, id := f.ctx, f.ledger, f.chain, f.hs, f.id
	_, err := Leave(ctx, ledger, hs[2], id, common.Address{})
	require.NoError(t, err)

	res, err := Leave(ctx, ledger, hs[0], id, hs[2].Address())
	require.NoError(t, err)
	assert.True(t, res.Pending, "one vote of the two needed")
	rep, err := Show(ctx, ledger, chain.ChainID().Uint64(), id)
	require.NoError(t, err)
	assert.Empty(t, rep.Removed, "not removed before the vote carries")

	executed, rc, err := ledger.Vote(ctx, hs[1], res.Proposal)
	require.NoError(t, err)
	require.True(t, executed)
	rep, err = Show(ctx, ledger, chain.ChainID().Uint64(), id)
	require.NoError(t, err)
	assert.Equal(t, []RemovedReport{{Address: hs[2].Address(), Name: "H3", Block: rc.Block}}, rep.Removed)
	var text strings.Builder
	rep.WriteText(&text)
	assert.Contains(t, text.String(), "removed by vote (1;")
	assert.Contains(t, text.String(), hs[2].Address().Hex())

	pid, _, err := ledger.ProposeReinstatement(ctx, hs[0], id, hs[2].Address())
	require.NoError(t, err)
	_, _, err = ledger.Vote(ctx, hs[1], pid)
	require.NoError(t, err)
	rep, err = Show(ctx, ledger, chain.ChainID().Uint64(), id)
	require.NoError(t, err)
	assert.Empty(t, rep.Removed, "reinstated")
}

// TestStudyLeaveWaits leaves a study whose round is open, as `cohort study
// leave --wait` does: without a wait the leave is refused, with one it
// lands in the gap after the round closes and before the next one opens.
func TestStudyLeaveWaits(t *testing.T) {
	f := newStudyOfThree(t, contracts.StudyParams{Rounds: 3, MinParticipants: 2})
	ctx, ledger, coord, hs, id := f.ctx, f.ledger, f.coord, f.hs, f.id
	var err error
	_, err = ledger.SetPublicKeyHash(ctx, coord, id, crypto.Keccak256Hash([]byte("pk")))
	require.NoError(t, err)
	open := func(r uint32) {
		_, err := ledger.OpenRound(ctx, coord, id, r, common.Hash{byte(r)}, time.Now().Add(time.Hour))
		require.NoError(t, err)
		for i, h := range hs[:2] {
			_, err = ledger.CommitUpdate(ctx, h, id, r, contracts.Commitment{CiphertextHash: common.Hash{9, byte(r), byte(i)}, Samples: 10, ConsentRoot: common.Hash{8}})
			require.NoError(t, err)
		}
	}
	closeRound := func(r uint32) {
		_, err := ledger.CloseRound(ctx, coord, id, r, contracts.RoundResult{AggregateHash: common.Hash{5}, ModelHash: common.Hash{6}, Accuracy: 0.5, AUC: 0.5, Loss: 0.7, Participants: 2})
		require.NoError(t, err)
	}

	open(1)
	var progress bytes.Buffer
	_, err = LeaveBetweenRounds(ctx, ledger, hs[2], id, common.Address{}, 0, 10*time.Millisecond, &progress)
	require.ErrorIs(t, err, contracts.ErrRoundStillOpen, "no leave while a round is open")
	_, err = LeaveBetweenRounds(ctx, ledger, hs[2], id, common.Address{}, 100*time.Millisecond, 10*time.Millisecond, &progress)
	require.ErrorIs(t, err, contracts.ErrRoundStillOpen, "the round outlasted the wait")

	left := make(chan error, 1)
	var waiting lockedBuffer
	go func() {
		_, err := LeaveBetweenRounds(ctx, ledger, hs[2], id, common.Address{}, 20*time.Second, 10*time.Millisecond, &waiting)
		left <- err
	}()
	require.Eventually(t, func() bool { return strings.Contains(waiting.String(), "still waiting: round 1") },
		10*time.Second, 10*time.Millisecond, "a long wait says now and then that it is still waiting")
	// The leave lands once round 1 closes, before round 2 opens. Round 2
	// waits for it here: a quarter-second gap, as a coordinator's
	// enrolment window, is no bound on a loaded machine.
	closeRound(1)
	select {
	case err := <-left:
		require.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("the leave did not land after round 1 closed")
	}
	open(2)
	assert.Contains(t, waiting.String(), fmt.Sprintf("round 1 of study %d is open; waiting up to 20s for it to close", id))
	ok, err := ledger.IsParticipant(ctx, id, hs[2].Address())
	require.NoError(t, err)
	assert.False(t, ok, "left before round 2")
}

func newAccount(t *testing.T) *contracts.Account {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	return contracts.NewAccount(k)
}

// lockedBuffer is a bytes.Buffer that a waiting leave writes to while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A consent's purpose is the study's: text hashes as the study recorded
// it, a 0x code is taken as is.
func TestPurposeCodeOfConsent(t *testing.T) {
	assert.Equal(t, crypto.Keccak256Hash([]byte("x")), PurposeCode("x"))
	h := crypto.Keccak256Hash([]byte("y"))
	assert.Equal(t, h, PurposeCode(h.Hex()))
}

// TestShowOfAStudyThatDoesNotExist: `cohort study show --study 99` names
// the study once and says where its id comes from, where it said "reading
// study 99" twice and pointed at a Go function.
func TestShowOfAStudyThatDoesNotExist(t *testing.T) {
	deployer := newAccount(t)
	chain, err := contracts.NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ledger, _, err := contracts.Deploy(ctx, chain, deployer, []contracts.Member{{Address: deployer.Address(), Name: "H1", TLSFingerprint: crypto.Keccak256Hash([]byte("cert"))}})
	require.NoError(t, err)
	_, err = Show(ctx, ledger, 1337, 99)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
	assert.Equal(t, 1, strings.Count(err.Error(), "study 99"), err.Error())
	assert.Contains(t, err.Error(), "`cohort study create` printed")
}

// TestShowNamesTheCommittee: `cohort study show` of a study created with
// --committee-size said nothing of its committee; it now reports the size
// and the members the chain selected.
func TestShowNamesTheCommittee(t *testing.T) {
	f := newStudyOfThree(t, contracts.StudyParams{Rounds: 2, MinParticipants: 3, Committee: contracts.CommitteeParams{Size: 2}})
	ctx, ledger, coord, id := f.ctx, f.ledger, f.coord, f.id
	selected, _, err := ledger.SelectCommittee(ctx, coord, id)
	require.NoError(t, err)
	require.Len(t, selected.Members, 2)

	rep, err := Show(ctx, ledger, 1337, id)
	require.NoError(t, err)
	require.NotNil(t, rep.Committee)
	assert.Equal(t, uint16(2), rep.Committee.Size)
	assert.Equal(t, selected.Members, rep.Committee.Members)
	var text bytes.Buffer
	rep.WriteText(&text)
	assert.Contains(t, text.String(), "committee")
	for _, m := range selected.Members {
		assert.Contains(t, text.String(), m.Hex())
	}
}

// TestShowCallsTheStudysHashItsRecipeHash: `cohort study show` printed
// the hash of the study's recipe, which hospitals and the coordinator
// check their recipe file against, as "spec hash"; it says "recipe hash",
// and --json has recipe_hash beside spec_hash (kept for scripts).
func TestShowCallsTheStudysHashItsRecipeHash(t *testing.T) {
	f := newStudyOfThree(t, contracts.StudyParams{Rounds: 1, MinParticipants: 2})
	rep, err := Show(f.ctx, f.ledger, 1337, f.id)
	require.NoError(t, err)
	study, err := f.ledger.Study(f.ctx, f.id)
	require.NoError(t, err)
	var text bytes.Buffer
	rep.WriteText(&text)
	assert.Regexp(t, `\n  recipe hash +`+study.SpecHash.Hex()+`\n`, text.String())
	assert.NotContains(t, text.String(), "spec hash")
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"spec_hash":"`+study.SpecHash.Hex()+`"`)
	assert.Contains(t, string(b), `"recipe_hash":"`+study.SpecHash.Hex()+`"`)
}

// TestCreatedCallsTheStudysHashItsRecipeHash: `cohort study create
// --json` had the study's hash only as spec_hash where `study show --json`
// has recipe_hash beside it; both name it the same way now.
func TestCreatedCallsTheStudysHashItsRecipeHash(t *testing.T) {
	f := newStudyOfThree(t, contracts.StudyParams{Rounds: 1, MinParticipants: 2})
	p := contracts.StudyParams{Rounds: 1, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: f.coord.Address(),
		SpecHash: crypto.Keccak256Hash([]byte("another recipe")), Purpose: PurposeCode("sepsis"), ReferenceCommitment: crypto.Keccak256Hash([]byte("root"))}
	created, err := Create(f.ctx, f.ledger, f.coord, p, 42)
	require.NoError(t, err)
	b, err := json.Marshal(created)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"recipe_hash":"`+p.SpecHash.Hex()+`"`)
	assert.Contains(t, string(b), `"spec_hash":"`+p.SpecHash.Hex()+`"`)
	rep, err := Show(f.ctx, f.ledger, 1337, created.StudyID)
	require.NoError(t, err)
	assert.Equal(t, rep.RecipeHash, created.RecipeHash, "create and show name the same hash recipe_hash")
}

// TestShowCountsEachHospitalsSamples: `cohort study show` reports, per
// round, how many consented records each hospital committed to train on,
// and for a study that binds its sample counts to consent, each
// participant's bound as it stands, in text and JSON; it had none of it
// (the dashboard had). H1 relays three patients' grants, H2 one, H3 none
// and does not commit.
func TestShowCountsEachHospitalsSamples(t *testing.T) {
	f := newStudyOfThree(t, contracts.StudyParams{Rounds: 2, MinParticipants: 2, BindSamples: true})
	ctx, ledger, coord, hs, id := f.ctx, f.ledger, f.coord, f.hs, f.id
	domain, err := ledger.ConsentDomain(ctx)
	require.NoError(t, err)
	for i, grants := range []int{3, 1} {
		require.NoError(t, ledger.OpenSampleCounts(ctx, hs[i], id))
		for range grants {
			key, err := crypto.GenerateKey()
			require.NoError(t, err)
			s, err := contracts.SignConsent(key, domain, contracts.ConsentChange{
				Patient: contracts.PatientID(crypto.PubkeyToAddress(key.PublicKey)), Scope: contracts.ConsentScope{StudyID: id},
				Granted: true, Expiry: time.Now().Add(24 * time.Hour),
			})
			require.NoError(t, err)
			_, err = ledger.RelayConsent(ctx, hs[i], s)
			require.NoError(t, err)
		}
	}
	_, err = ledger.SetPublicKeyHash(ctx, coord, id, crypto.Keccak256Hash([]byte("pk")))
	require.NoError(t, err)
	_, err = ledger.OpenRound(ctx, coord, id, 1, common.Hash{1}, time.Now().Add(time.Hour))
	require.NoError(t, err)
	for i, samples := range []uint64{3, 1} {
		_, err = ledger.CommitUpdate(ctx, hs[i], id, 1, contracts.Commitment{CiphertextHash: common.Hash{9, byte(i)}, Samples: samples, ConsentRoot: common.Hash{8}})
		require.NoError(t, err)
	}

	rep, err := Show(ctx, ledger, 1337, id)
	require.NoError(t, err)
	assert.True(t, rep.SamplesBound)
	var bounds []uint64
	for _, p := range rep.Participants {
		require.NotNil(t, p.SampleBound, p.Name)
		bounds = append(bounds, *p.SampleBound)
	}
	assert.Equal(t, []uint64{3, 1, 0}, bounds)
	require.Len(t, rep.RoundHistory, 1)
	assert.Equal(t, []SampleCount{{Member: hs[0].Address(), Name: "H1", Samples: 3}, {Member: hs[1].Address(), Name: "H2", Samples: 1}},
		rep.RoundHistory[0].Samples)

	b, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.Contains(t, string(b), fmt.Sprintf(`"samples":[{"member":"%s","name":"H1","samples":3},`, strings.ToLower(hs[0].Address().Hex())))
	assert.Contains(t, string(b), `"samples_bound":true`)
	assert.Contains(t, string(b), `"sample_bound":3`)

	var text bytes.Buffer
	rep.WriteText(&text)
	assert.Contains(t, text.String(), "samples committed per round (a participant's bound to consent now in the last column)")
	assert.Regexp(t, `\n  H1 +`+hs[0].Address().Hex()+` +3 +3\n`, text.String())
	assert.Regexp(t, `\n  H2 +`+hs[1].Address().Hex()+` +1 +1\n`, text.String())
	assert.Regexp(t, `\n  H3 +`+hs[2].Address().Hex()+` +- +0\n`, text.String())
}

// studyOfThree is a simulated chain whose three founding members H1, H2
// and H3 joined a study.
type studyOfThree struct {
	ctx    context.Context
	chain  *contracts.Chain
	ledger *contracts.Ledger
	coord  *contracts.Account
	hs     []*contracts.Account
	id     uint64
}

// newStudyOfThree creates the study with p's rounds, minimum and
// committee, a threshold of 2 and a strike limit of 3, and has H1, H2 and
// H3 join it.
func newStudyOfThree(t *testing.T, p contracts.StudyParams) studyOfThree {
	t.Helper()
	researcher, coord := newAccount(t), newAccount(t)
	hs := []*contracts.Account{newAccount(t), newAccount(t), newAccount(t)}
	chain, err := contracts.NewSimulatedChain(researcher.Address(), coord.Address(), hs[0].Address(), hs[1].Address(), hs[2].Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	var founders []contracts.Member
	for i, h := range hs {
		founders = append(founders, contracts.Member{Address: h.Address(), Name: fmt.Sprintf("H%d", i+1), TLSFingerprint: crypto.Keccak256Hash([]byte{byte(i)})})
	}
	ledger, _, err := contracts.Deploy(ctx, chain, researcher, founders)
	require.NoError(t, err)
	p.SpecHash, p.Purpose, p.ReferenceCommitment = crypto.Keccak256Hash([]byte("spec")), PurposeCode("sepsis"), crypto.Keccak256Hash([]byte("root"))
	p.Threshold, p.StrikeLimit, p.Coordinator = 2, 3, coord.Address()
	id, _, err := ledger.CreateStudy(ctx, researcher, p)
	require.NoError(t, err)
	for _, h := range hs {
		_, err := ledger.JoinStudy(ctx, h, id)
		require.NoError(t, err)
	}
	return studyOfThree{ctx: ctx, chain: chain, ledger: ledger, coord: coord, hs: hs, id: id}
}
