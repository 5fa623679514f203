package simulation_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
)

// A hostile hospital deals its threshold shares of a key other than the
// one behind its public-key share (the inconsistent-dealing attack), so
// that every aggregate that includes it decrypts to noise. Before the
// dealing check the study ran into round 1 and stopped there with
// "cannot publish: the aggregate of round 1's updates ... is not a
// weighted sum of valid updates ... this plain study cannot tell which
// ... so no one is named, and every round that hospital contributes to
// fails alike". Now the holders confirm their shares with their shares of
// the dealing check, it fails in every decryption set, bisection names
// the hospital, and the study stops before round 1 saying what to do.
//
// The limit, stated: a hospital that shifts only the share it deals to
// one holder leaves the other holders' sets consistent; the check then
// names the hospital's shares held by that holder as wrong (the hospital
// dealt them wrong or the holder lies about them: the check cannot tell
// which), and the study stops before round 1 all the same.
func TestInconsistentDealingIsNamedBeforeRoundOne(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, tc := range []struct {
		name  string
		scale float64 // 0: shares of another key; else the first holder's share shifted
		named []string
	}{
		{"shares of another key", 0, []string{"hospital-3 (", "dealt threshold shares that are not shares of the key behind its public-key share", "failed in every one of the 3 decryption sets", "Create a new study without it", "cohort study leave --study 1 --member ADDRESS, with 0x"}},
		{"one holder's share shifted", 1, []string{"some shares of a hospital's key are wrong (hospital-3 (", "held by hospital-", "the hospital dealt its shares wrong or the holder lies about them"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			const attacker = 2
			_, err := simulation.Run(ctx, simulation.Config{
				Hospitals: 3, Rounds: 2, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
				Threshold: 2, MinParticipants: 2,
				Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackInconsistentDealing, Scale: tc.scale}},
			})
			require.Error(t, err, "a study whose key cannot decrypt must not run")
			t.Logf("study stopped: %v", err)
			assert.ErrorIs(t, err, aggregation.ErrInconsistentDealing)
			assert.ErrorIs(t, err, coordinator.ErrInconsistentDealing)
			assert.ErrorContains(t, err, "threshold key generation", "stopped before round 1")
			for _, what := range tc.named {
				assert.ErrorContains(t, err, what)
			}
			// The coordinator re-checks its verdict from the holders'
			// signed shares (coordinator.VerifyDealingVerdict) before it
			// keeps them as the evidence every hospital can re-check.
			assert.ErrorContains(t, err, "Its evidence, the holders' signed dealing-check shares and the dealers' signed public-key shares, is the coordinator's blob 0x")
			if tc.scale == 0 {
				assert.NotContains(t, err.Error(), "hospital-1 (", "an honest hospital is named")
				assert.NotContains(t, err.Error(), "hospital-2 (", "an honest hospital is named")
			}
		})
	}
}

// Among five hospitals one deals inconsistent shares: the study stops
// before round 1 naming it alone, and every other hospital re-checks the
// verdict from the evidence blob the error names (the holders' signed
// check shares, the dealers' signed public-key shares), as cohort audit
// --dealing-evidence does, before it votes to exclude it; a coordinator
// that named an honest hospital instead would be caught by that re-check.
// The study does not go on without the hospital: the collective key on
// chain holds its key, and hospitals take part in one key generation
// only (see README, "Dealing check").
func TestInconsistentDealerAmongFiveIsNamedOnEvidenceEveryHospitalReChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker = 3
	dir := t.TempDir()
	_, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 5, Rounds: 1, Seed: 6, DataDir: dir, PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 3, MinParticipants: 3,
		Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackInconsistentDealing}},
	})
	require.Error(t, err)
	t.Logf("study stopped: %v", err)
	require.ErrorIs(t, err, coordinator.ErrInconsistentDealing)
	assert.ErrorContains(t, err, "hospital-4 (")
	for _, honest := range []string{"hospital-1 (", "hospital-2 (", "hospital-3 (", "hospital-5 ("} {
		assert.NotContains(t, err.Error(), honest)
	}
	blob := regexp.MustCompile(`coordinator's blob (0x[0-9a-f]{64})`).FindStringSubmatch(err.Error())
	require.Len(t, blob, 2, "the error names the evidence blob")

	store, err := coordinator.OpenStore(filepath.Join(dir, "coordinator"))
	require.NoError(t, err)
	raw, err := store.Get(common.HexToHash(blob[1]))
	require.NoError(t, err)
	ev, err := coordinator.ParseDealingEvidence(raw)
	require.NoError(t, err)
	pk, err := store.Get(ev.PublicKeyHash)
	require.NoError(t, err)
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	require.NoError(t, coordinator.VerifyDealingVerdict(scheme, pk, ev), "every hospital re-checks the verdict")
	require.Len(t, ev.Verdict.Inconsistent, 1)
	assert.Len(t, ev.Holders, 5)

	framed := *ev
	for _, d := range ev.Dealers {
		if d.Dealer != ev.Verdict.Inconsistent[0] {
			framed.Verdict = coordinator.DealingFinding{Inconsistent: []common.Address{d.Dealer}}
			break
		}
	}
	assert.ErrorIs(t, coordinator.VerifyDealingVerdict(scheme, pk, &framed), coordinator.ErrUnsupportedVerdict, "a coordinator naming an honest hospital is caught")
}

// Honest dealings pass the check, which runs at key generation, and the
// study trains.
func TestHonestDealingsAreChecked(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s, logs := runLogged(ctx, t, simulation.Config{
		Hospitals: 4, Rounds: 1, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true, Threshold: 2,
	})
	assert.Contains(t, logs.String(), "threshold dealings checked")
	assert.Contains(t, logs.String(), "decryption_sets=2")
	assert.Len(t, s.Rounds(), 1)
}

// A hospital that deals honestly at key generation but, as a dealer of
// the re-sharing that takes a newcomer in before round 2, shifts the
// share it re-deals to another new holder (the inconsistent-resharing
// attack): the new holders' pending shares fail the dealing check in the
// decryption sets holding that share, and the coordinator does not commit
// the re-sharing, so no holder erases its old share; the study stops
// naming the re-sharing's dealers.
func TestInconsistentResharingIsNotCommitted(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker, newcomer = 0, 3
	var logs lockedBuffer
	_, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 2, Seed: 8, DataDir: t.TempDir(), Threshold: 3, MinParticipants: 3,
		PhaseTimeout: 20 * time.Second, LocalConsent: true,
		JoinBeforeRound: map[int]uint32{newcomer: 2},
		Attacks:         map[int]participant.Attack{attacker: {Kind: participant.AttackInconsistentResharing}},
		Log:             slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.Error(t, err, "a re-sharing that cannot decrypt must not be committed")
	t.Logf("study stopped: %v", err)
	assert.ErrorIs(t, err, coordinator.ErrInconsistentDealing)
	assert.ErrorContains(t, err, "re-sharing before round 2")
	assert.ErrorContains(t, err, "The re-sharing is not committed: every holder keeps its old share")
	assert.ErrorContains(t, err, "hospital-1 (", "the attacker is among the dealers named")
	assert.Contains(t, logs.String(), "threshold dealings checked", "key generation's dealings were honest")
	assert.NotContains(t, logs.String(), "threshold key re-shared")
}

// A holder that shifts its dealing-check shares (the shift-dealing-check
// attack) to have honest hospitals named: with a spare holder every
// hospital's check fails exactly in the sets holding it, and the
// coordinator names that holder alone; with exactly t holders (one set)
// it cannot tell the holder from every dealer and names no dealer.
func TestHolderShiftingItsDealingCheckIsNamed(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, tc := range []struct {
		name      string
		threshold int
		says      []string
	}{
		{"a spare holder", 2, []string{"the dealing check of every hospital's key fails exactly in the decryption sets holding hospital-2 (", "that holder gave wrong dealing-check shares"}},
		{"one decryption set", 3, []string{"failed in every decryption set", "the check cannot tell which"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			const attacker = 1
			_, err := simulation.Run(ctx, simulation.Config{
				Hospitals: 3, Rounds: 1, Seed: 4, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
				Threshold: tc.threshold, MinParticipants: tc.threshold,
				Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackShiftDealingCheck}},
			})
			require.Error(t, err)
			t.Logf("study stopped: %v", err)
			assert.ErrorIs(t, err, coordinator.ErrInconsistentDealing)
			for _, what := range tc.says {
				assert.ErrorContains(t, err, what)
			}
			assert.ErrorContains(t, err, "is the coordinator's blob 0x", "the verdict naming the holder re-checks from its evidence")
			assert.NotContains(t, err.Error(), "dealt threshold shares that are not shares", "no honest hospital named as a dealer")
		})
	}
}
