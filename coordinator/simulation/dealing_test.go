package simulation_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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
// which), and the study stops before round 1 all the same. A hospital
// named alone can be removed and the study goes on without its key
// (TestExcludingAnInconsistentDealerLetsTheStudyGoOnWithoutItsKey).
func TestInconsistentDealingIsNamedBeforeRoundOne(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	for _, tc := range []struct {
		name  string
		scale float64 // 0: shares of another key; else the first holder's share shifted
		named []string
	}{
		{"shares of another key", 0, []string{"hospital-3 (", "dealt threshold shares that are not shares of the key behind its public-key share", "failed in every one of the 3 decryption sets", "Remove it from the study (a consortium member proposes its exclusion: cohort study leave --study 1 --member ADDRESS", ", with 0x", "start the coordinator again: the holders that stay keep their shares of the other hospitals' keys, which passed the check", "the study goes on without its key"}},
		{"one holder's share shifted", 1, []string{"some shares of a hospital's key are wrong (hospital-3 (", "held by hospital-", "the hospital dealt its shares wrong or the holder lies about them", "If you hold the holder at fault: Remove it from the study", "If you hold the hospital at fault: Removing it and restarting the coordinator does not help"}},
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
			if tc.scale != 0 {
				assertNoRestartAdvice(t, err) // of the hospital: it may be the holder's fault
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
// Once it is excluded, a restarted coordinator goes on without its key
// (TestExcludingAnInconsistentDealerLetsTheStudyGoOnWithoutItsKey).
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
	ev, pk, scheme := recheckedEvidence(t, dir, err)
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

// recheckedEvidence reads the evidence blob whose hash the study's error
// stopped gives from the coordinator's store under dir, with the
// collective key, and re-checks the verdict as every hospital does.
func recheckedEvidence(t *testing.T, dir string, stopped error) (*coordinator.DealingEvidence, []byte, *aggregation.Scheme) {
	t.Helper()
	blob := regexp.MustCompile(`coordinator's blob (0x[0-9a-f]{64})`).FindStringSubmatch(stopped.Error())
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
	return ev, pk, scheme
}

// assertNoRestartAdvice checks that a dealing check failed at key
// generation that could not tell a dealer from a holder does not advise
// removing the dealer and starting the coordinator again: a coordinator
// restarted before round 1 then asks the hospitals it kept, that one
// among them, to deal again. It says to create a new study.
func assertNoRestartAdvice(t *testing.T, err error) {
	t.Helper()
	assert.ErrorContains(t, err, "Removing it and restarting the coordinator does not help")
	assert.ErrorContains(t, err, "Create a new study")
	assert.NotContains(t, err.Error(), "and restart.", "advice that leaves the study stuck")
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

// A hospital that deals honestly at key generation but, as one of the
// three dealers of the re-sharing that takes a newcomer in before round
// 2, shifts the share it re-deals to another new holder (the
// inconsistent-resharing attack): the new holders' pending shares fail
// the dealing check in the decryption sets holding that share, and the
// coordinator does not commit the re-sharing, so no holder erases its old
// share. It bisects over the re-sharing's dealers, each one's part of the
// pending shares checked apart, and the study stops naming that dealer
// alone, with the holder of the shifted share, on evidence every hospital
// re-checks (and that does not support naming another dealer).
func TestInconsistentResharingIsNotCommitted(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker, newcomer = 0, 3
	var logs lockedBuffer
	dir := t.TempDir()
	_, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 2, Seed: 8, DataDir: dir, Threshold: 3, MinParticipants: 3,
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
	assert.ErrorContains(t, err, "the part each re-sharing dealer dealt fails only for hospital-1 (", "the attacker is named")
	// Points go by address: the lowest holder other than the attacker is
	// at point 1 or 2, whoever it is.
	assert.Regexp(t, `'s re-dealt shares held by hospital-[234] \(0x[0-9a-fA-F]{40}, point [12]\)`, err.Error(), "with the holder of the shifted share")
	named := regexp.MustCompile(`(hospital-\d) \(0x[0-9a-fA-F]{40}\)'s re-dealt`).FindAllStringSubmatch(err.Error(), -1)
	require.Len(t, named, 1, "the other re-sharing dealers are not named")
	assert.Equal(t, "hospital-1", named[0][1])
	assert.ErrorContains(t, err, "A current holder cannot be removed: the 3 that stay are exactly the threshold", "no spare holder: removing a dealer leaves the key unshareable (TestExcludingAReSharingDealer)")
	assert.Contains(t, logs.String(), "threshold dealings checked", "key generation's dealings were honest")
	assert.NotContains(t, logs.String(), "threshold key re-shared")

	ev, pk, scheme := recheckedEvidence(t, dir, err)
	require.NotNil(t, ev.Reshare, "the re-sharing's evidence")
	assert.Len(t, ev.Reshare.Resharers, 3, "which dealers' shares were re-shared")
	assert.Len(t, ev.Dealers, 3, "the re-shared keys' signed public-key shares")
	require.Len(t, ev.Verdict.Partial, 1)
	framed := *ev
	for _, d := range ev.Reshare.Resharers {
		if d.Address != ev.Verdict.Partial[0].Dealer {
			framed.Verdict = coordinator.DealingFinding{Partial: []coordinator.PartialFinding{{Dealer: d.Address, Suspects: ev.Verdict.Partial[0].Suspects}}}
			break
		}
	}
	assert.ErrorIs(t, coordinator.VerifyDealingVerdict(scheme, pk, &framed), coordinator.ErrUnsupportedVerdict, "a coordinator naming an honest re-sharing dealer is caught")
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
		{"a spare holder", 2, []string{"the dealing check of every hospital's key fails exactly in the decryption sets holding hospital-2 (", "that holder gave wrong dealing-check shares", "Remove it from the study (a consortium member proposes its exclusion: cohort study leave --study 1 --member ADDRESS", "start the coordinator again: the holders that stay keep their shares, which passed the check, and re-share the key among themselves before round 1"}},
		{"one decryption set", 3, []string{"failed in every decryption set", "the check cannot tell which", "Create a new study with a threshold below its number of hospitals"}},
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
			if tc.threshold == 3 {
				assertNoRestartAdvice(t, err)
			}
			assert.ErrorContains(t, err, "is the coordinator's blob 0x", "the verdict naming the holder re-checks from its evidence")
			assert.NotContains(t, err.Error(), "dealt threshold shares that are not shares", "no honest hospital named as a dealer")
		})
	}
}

// A holder that lies about its dealing-check shares of one honest
// hospital's key only (the frame-dealer attack), among exactly t holders:
// the check has one decryption set, the bisection isolates that key, and
// its check fails "in every set". Before 2026-12-07 the coordinator named
// that honest hospital as having dealt shares not of its key, kept it in
// the verdict's dealers_at_fault (so that, voted out, the study went on
// without its key) and the evidence re-checked as verified. With one set
// a lying holder of it looks the same as the dealer: the verdict names
// the hospital and every holder as suspects, none at fault, the evidence
// re-checks to that and refuses the claim that the hospital is at fault.
func TestHolderFramingADealerAtExactlyTHoldersGetsNoOneNamedAtFault(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker = 1
	dir := t.TempDir()
	_, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 3, Rounds: 1, Seed: 4, DataDir: dir, PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 3, MinParticipants: 3,
		Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackFrameDealer}},
	})
	require.Error(t, err)
	t.Logf("study stopped: %v", err)
	require.ErrorIs(t, err, coordinator.ErrInconsistentDealing)
	liar := regexp.MustCompile(`hospital-2 \((0x[0-9a-fA-F]{40})`).FindStringSubmatch(err.Error())
	require.Len(t, liar, 2, "the error names the lying holder among the suspects")
	ev, pk, scheme := recheckedEvidence(t, dir, err)
	require.Len(t, ev.Sets, 1, "exactly t holders: one decryption set")
	var framed common.Address // the attack frames the lowest-addressed other hospital
	for _, h := range ev.Holders {
		if h.Address.Hex() != liar[1] && (framed == (common.Address{}) || h.Address.Cmp(framed) < 0) {
			framed = h.Address
		}
	}
	assert.Empty(t, ev.Verdict.Inconsistent, "no dealer at fault on one set")
	require.NotNil(t, ev.Verdict.OneSet)
	assert.Equal(t, []common.Address{framed}, ev.Verdict.OneSet.Dealers, "the framed hospital is a suspect")
	assert.Equal(t, ev.Sets[0], ev.Verdict.OneSet.Holders, "and so is every holder of the set")
	assert.NotContains(t, err.Error(), "dealt threshold shares that are not shares of the key", "the framed hospital is not said to be at fault")
	assert.ErrorContains(t, err, "cannot tell which")
	assert.ErrorContains(t, err, "at least 4 holders")
	assertNoRestartAdvice(t, err)

	store, err := coordinator.OpenStore(filepath.Join(dir, "coordinator"))
	require.NoError(t, err)
	kept, err := store.ReadState("holders-at-fault")
	require.NoError(t, err)
	assert.NotContains(t, string(kept), "dealers_at_fault", "voting the framed hospital out does not let the study go on without its key")

	claimed := *ev
	claimed.Verdict = coordinator.DealingFinding{Inconsistent: []common.Address{framed}}
	err = coordinator.VerifyDealingVerdict(scheme, pk, &claimed)
	require.ErrorIs(t, err, coordinator.ErrUnsupportedVerdict, "the evidence does not prove the framed hospital at fault")
	assert.ErrorContains(t, err, "one decryption set")
}

// A hospital that joins between rounds deals its own key to the holders
// (it was not at key generation), and a hostile joiner deals shares of
// another key (the inconsistent-dealing attack on the joiner's path) or
// shifts the share it deals to one holder. The joiner sends its
// public-key share with its dealing, and the new holders' pending shares
// are checked with the joiner's key as a group of its own: an
// inconsistent joiner is named before the re-sharing is committed, every
// holder keeps its old share, and the study stops before round 2 saying
// what to do. An honest joiner's key passes the same check and the study
// trains.
func TestLateJoinerDealingIsChecked(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	const newcomer = 3
	for _, tc := range []struct {
		name   string
		attack participant.Attack
		says   []string // nil: the study runs
	}{
		{"honest joiner", participant.Attack{}, nil},
		{"shares of another key", participant.Attack{Kind: participant.AttackInconsistentDealing},
			[]string{"hospital-4 (", "dealt shares of its own key that are not shares of the key behind the public-key share it sent", "failed in every one of the 4 decryption sets", "cohort study leave --study 1 --member ADDRESS"}},
		{"one holder's share shifted", participant.Attack{Kind: participant.AttackInconsistentDealing, Scale: 1},
			[]string{"some shares of a joining hospital's key are wrong (hospital-4 (", "held by hospital-", "point 1))", "the hospital dealt its shares wrong or the holder lies about them"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			var logs lockedBuffer
			dir := t.TempDir()
			cfg := simulation.Config{
				// t = 3 of 4 holders after the join: 4 decryption sets,
				// each leaving one holder out.
				Hospitals: 4, Rounds: 2, Seed: 8, DataDir: dir, Threshold: 3, MinParticipants: 3,
				PhaseTimeout: 20 * time.Second, LocalConsent: true,
				JoinBeforeRound: map[int]uint32{newcomer: 2},
				Log:             slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
			}
			if tc.attack.Kind != participant.AttackNone {
				cfg.Attacks = map[int]participant.Attack{newcomer: tc.attack}
			}
			s, err := simulation.Run(ctx, cfg)
			if s != nil {
				t.Cleanup(s.Close)
			}
			if tc.says == nil {
				require.NoError(t, err, "log:\n%s", logs.String())
				assert.Len(t, s.Rounds(), 2)
				assert.Contains(t, logs.String(), "re-sharing's dealings checked", "the joiner's key checked before the commit")
				assert.Contains(t, logs.String(), "joiners=1")
				assert.Contains(t, logs.String(), "threshold key re-shared")
				return
			}
			require.Error(t, err, "a joiner whose key cannot decrypt must not be committed")
			t.Logf("study stopped: %v", err)
			assert.ErrorIs(t, err, coordinator.ErrInconsistentDealing)
			assert.ErrorIs(t, err, aggregation.ErrInconsistentDealing)
			assert.ErrorContains(t, err, "re-sharing before round 2")
			assert.ErrorContains(t, err, "The re-sharing is not committed: every holder keeps its old share")
			for _, what := range tc.says {
				assert.ErrorContains(t, err, what)
			}
			if tc.attack.Scale == 0 {
				for _, honest := range []string{"hospital-1 (", "hospital-2 (", "hospital-3 ("} {
					assert.NotContains(t, err.Error(), honest, "an honest hospital is named")
				}
			}
			assert.Contains(t, logs.String(), "threshold dealings checked", "key generation's dealings were honest")
			assert.NotContains(t, logs.String(), "threshold key re-shared")
			assert.NotContains(t, logs.String(), "old threshold share erased", "no holder erased its old share")
			assertJoinerNamedOnEvidence(t, dir, err, tc.attack.Scale != 0)
		})
	}
}

// assertJoinerNamedOnEvidence checks that the error stopped names the
// evidence of a joiner's failed key check, that every hospital re-checks
// it from the coordinator's store (the joiner's public-key share as it
// signed it for its re-sharing's round, the holders' signed answers) and
// that it names the joiner alone, in every set (partial: in some), and
// that forged evidence is refused: the verdict moved to an honest
// hospital, the joiner's share altered or replaced by another's, or its
// signature bound to another round.
func assertJoinerNamedOnEvidence(t *testing.T, dir string, stopped error, partial bool) {
	t.Helper()
	ev, pk, scheme := recheckedEvidence(t, dir, stopped)
	require.NotNil(t, ev.Reshare)
	require.Len(t, ev.Reshare.JoinerKeys, 1, "the joiner's signed public-key share")
	joiner := ev.Reshare.JoinerKeys[0]
	assert.Equal(t, []common.Address{joiner.Dealer}, ev.Reshare.Joiners)
	assert.Equal(t, uint32(2), joiner.Round, "signed for the re-sharing it joined in")
	if partial {
		require.Len(t, ev.Verdict.Partial, 1)
		assert.Equal(t, joiner.Dealer, ev.Verdict.Partial[0].Dealer)
		assert.Empty(t, ev.Verdict.Inconsistent)
	} else {
		assert.Equal(t, []common.Address{joiner.Dealer}, ev.Verdict.Inconsistent)
		assert.Empty(t, ev.Verdict.Partial)
	}
	forge := func(change func(*coordinator.DealingEvidence)) *coordinator.DealingEvidence {
		forged := *ev
		r := *ev.Reshare
		r.JoinerKeys = slices.Clone(ev.Reshare.JoinerKeys)
		r.JoinerKeys[0].Share = slices.Clone(joiner.Share)
		forged.Reshare = &r
		change(&forged)
		return &forged
	}
	honest := ev.Dealers[0]
	for name, forged := range map[string]*coordinator.DealingEvidence{
		"an honest hospital named": forge(func(e *coordinator.DealingEvidence) {
			e.Verdict = coordinator.DealingFinding{Inconsistent: []common.Address{honest.Dealer}}
		}),
		"the joiner cleared": forge(func(e *coordinator.DealingEvidence) { e.Verdict = coordinator.DealingFinding{} }),
		"the share altered":  forge(func(e *coordinator.DealingEvidence) { e.Reshare.JoinerKeys[0].Share[40] ^= 1 }),
		"another's share": forge(func(e *coordinator.DealingEvidence) {
			e.Reshare.JoinerKeys[0].Share, e.Reshare.JoinerKeys[0].Signature = honest.Share, honest.Signature
		}),
		"another round": forge(func(e *coordinator.DealingEvidence) { e.Reshare.JoinerKeys[0].Round++ }),
		"another study": forge(func(e *coordinator.DealingEvidence) { e.Study++ }),
	} {
		assert.ErrorIs(t, coordinator.VerifyDealingVerdict(scheme, pk, forged), coordinator.ErrUnsupportedVerdict, name)
	}
}

// The joiner's public-key share is kept with the key's (coordinator state
// public-key-shares) once its dealing is committed: a coordinator
// restarted after the join checks the joiner's key among the re-shared
// ones at the next re-sharing, here before round 3 when another hospital
// leaves (two original keys and the joiner's).
func TestJoinersKeyIsCheckedAfterACoordinatorRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const newcomer, leaver = 3, 1
	s, logs := runLogged(ctx, t, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 8, DataDir: t.TempDir(), Threshold: 2, MinParticipants: 2,
		PhaseTimeout: 20 * time.Second, LocalConsent: true,
		JoinBeforeRound:      map[int]uint32{newcomer: 2},
		LeaveBeforeRound:     map[int]uint32{leaver: 3},
		RestartCoordinatorIn: 2,
	})
	require.NotNil(t, s)
	require.Len(t, s.Rounds(), 3)
	var checked []string
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "re-sharing's dealings checked") {
			checked = append(checked, line)
		}
	}
	require.Len(t, checked, 2, "the join's re-sharing and the leave's")
	assert.Contains(t, checked[0], "round=2 keys=3 joiners=1", "the joiner's key checked alone beside the three original keys")
	assert.Contains(t, checked[1], "round=3 keys=3 joiners=0", "after the restart: the two original keys left and the joiner's, from the kept state")
}

// A hospital that joins before round 2 deals its own key with its
// public-key share, signed for that round; once the coordinator is
// restarted, a hospital leaving before round 3 makes the remaining three
// holders, the joiner among them (threshold 3), re-share every key, the
// joiner's too, and the joiner shifts the share it re-deals (the
// inconsistent-resharing attack). The re-sharing's evidence holds the
// re-shared keys' public-key shares, the joiner's as the joiner signed it
// for round 2 (kept across the restart), so every hospital re-checks the
// verdict from the store alone. Before the coordinator kept the joiner's
// signature, that evidence failed its own re-check and was not kept
// ("The verdict's evidence could not be kept").
func TestLaterResharingsEvidenceShowsTheJoinersSignedKeyAfterARestart(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	const newcomer, leaver = 3, 1
	dir := t.TempDir()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 8, DataDir: dir, Threshold: 3, MinParticipants: 3,
		PhaseTimeout: 20 * time.Second, LocalConsent: true,
		JoinBeforeRound:      map[int]uint32{newcomer: 2},
		LeaveBeforeRound:     map[int]uint32{leaver: 3},
		RestartCoordinatorIn: 2,
		Attacks:              map[int]participant.Attack{newcomer: {Kind: participant.AttackInconsistentResharing}},
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.Error(t, err, "the re-sharing before round 3 is inconsistent")
	t.Logf("study stopped: %v", err)
	require.ErrorIs(t, err, coordinator.ErrInconsistentDealing)
	assert.ErrorContains(t, err, "re-sharing before round 3")
	ev, _, _ := recheckedEvidence(t, dir, err)
	require.NotNil(t, ev.Reshare)
	assert.Len(t, ev.Dealers, 3, "the two original keys that stay and the joiner's")
	var joiner []coordinator.SignedPKShare
	for _, d := range ev.Dealers {
		if d.Round != 0 {
			joiner = append(joiner, d)
		}
	}
	require.Len(t, joiner, 1, "the joiner's key, signed for the round it joined in")
	assert.Equal(t, uint32(2), joiner[0].Round)
	assert.Contains(t, ev.Verdict.OneOf, joiner[0].Dealer, "one decryption set: the re-sharing dealers, the joiner among them")
}
