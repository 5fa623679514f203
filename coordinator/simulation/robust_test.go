package simulation_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
)

// A scaling hospital among 6 is flagged by encrypted robust scoring every round
// it takes part in, collects strikes on chain and is suspended at the study's
// strike limit (2 here), after which the threshold key is re-shared
// without it; honest hospitals are rarely flagged, never suspended, and the
// model still learns.
func TestRobustScoringSuspendsAnAttacker(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), slowStudyDeadline)
	defer cancel()
	// A small MLP (41 parameters, k = 9 projections): logistic regression's
	// 9 parameters allow one projection, a norm estimate so loose that a
	// ×1000 update went unflagged three rounds running in about one run in
	// twelve under load. The attacker is still a gross one; the
	// aggregation tests and the bench measure the subtler attacks.
	attack, err := participant.ParseAttack("scaling:scale=1000")
	require.NoError(t, err)
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 6, Rounds: 5, Seed: 1, DataDir: t.TempDir(), StrikeLimit: 2,
		Spec:   &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
		Robust: true, Attacks: map[int]participant.Attack{5: attack}, LocalConsent: true,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the study's log:\n%s", logs.Bytes())
		}
	})
	assert.Equal(t, 1, bytes.Count(logs.Bytes(), []byte("threshold key re-shared")), "suspension re-shares the key once, without the attacker")

	study, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	policy, err := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
	require.NoError(t, err)
	assert.Equal(t, policy.Hash(), study.RobustPolicyHash, "the study's robust policy is on chain")
	attacker := s.Participants()[5].Address
	require.Len(t, s.Rounds(), 5)
	// An update's norm is estimated from its k = 9 projections (a χ² of
	// nine degrees of freedom), so in a rare round the honest norms may
	// spread widely enough that the 1000-fold update is not flagged: it is
	// then clipped to the round's clip bound and gets next to no weight.
	honestFlags, suspendedAfter, attackerRounds, attackerFlags := 0, 0, 0, 0
	for _, f := range s.Rounds() {
		for _, a := range f.Flagged {
			if a != attacker {
				honestFlags++
			}
		}
		scores, err := s.Ledger().Scores(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		require.Len(t, scores, f.Participants, "round %d: scores, weights and flags are on chain", f.Round)
		for _, sc := range scores {
			assert.Equal(t, slices.Contains(f.Flagged, sc.Member), sc.Flagged, "round %d", f.Round)
			if sc.Flagged {
				assert.Zero(t, sc.Weight, "round %d: a flagged update gets no weight", f.Round)
			}
			if sc.Member == attacker {
				attackerRounds++
				if sc.Flagged {
					attackerFlags++
				} else {
					assert.Less(t, sc.Weight, 0.01, "round %d: the attacker's unflagged update is clipped to next to no weight", f.Round)
				}
			}
		}
		if suspendedAfter > 0 {
			assert.Equal(t, 5, f.Participants, "round %d goes on without the suspended attacker", f.Round)
		}
		if slices.Contains(f.Suspended, attacker) && suspendedAfter == 0 {
			suspendedAfter = int(f.Round)
		}
		assert.Len(t, f.Suspended, min(1, len(f.Suspended)), "round %d: no honest hospital is suspended", f.Round)
	}
	// The norms are estimates, so an honest hospital may draw a rare flag;
	// never enough to be suspended.
	assert.LessOrEqual(t, honestFlags, 1, "honest hospitals flagged")
	require.NotZero(t, suspendedAfter, "the attacker reaches the strike limit (2) within 5 rounds")
	assert.GreaterOrEqual(t, attackerFlags, attackerRounds-1, "the attacker is flagged in every round it takes part in but at most one")
	st, err := s.Ledger().Participant(ctx, s.StudyID(), attacker)
	require.NoError(t, err)
	assert.True(t, st.Suspended)
	assert.Greater(t, s.Rounds()[4].Accuracy, 0.85)
}

// Colluding min-max attackers play on the same encrypted path: they pool
// their honest updates, send one shaped update each round, and the study
// still learns; the agreed update reaches the coordinator encrypted like
// any other.
func TestAdaptiveAttackOnEncryptedPath(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), slowStudyDeadline)
	defer cancel()
	attack, err := participant.ParseAttack("minmax")
	require.NoError(t, err)
	attack, err = attack.Colluding(2, 6)
	require.NoError(t, err)
	require.NotNil(t, attack.Collusion)
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 6, Rounds: 3, Seed: 2, DataDir: t.TempDir(), Robust: true, LocalConsent: true,
		Attacks: map[int]participant.Attack{4: attack, 5: attack},
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Len(t, s.Rounds(), 3)
	for _, f := range s.Rounds() {
		assert.Equal(t, 6, f.Participants, "round %d: the colluders took part", f.Round)
	}
	assert.Greater(t, s.Rounds()[2].Accuracy, 0.85)
}

// A hostile coordinator frames an honest hospital: it records the
// hospital's update as flagged in round 1 (weights untouched) and would
// have the chain strike it. Every holder re-derives the flags from the
// signed score shares before it decrypts, finds the recorded one wrong and
// refuses, so the round stops with no model, and no holder endorses the
// table: the chain strikes on endorsements only (the contract's side is
// contracts.TestRecordScores).
func TestCoordinatorFramingAHospitalIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	framed := 0
	var logs lockedBuffer
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 2, Seed: 3, DataDir: t.TempDir(), StrikeLimit: 1, PhaseTimeout: 20 * time.Second,
		Spec:   &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
		Robust: true, LocalConsent: true,
		TamperScores: func(_ uint32, scores []contracts.Score) []contracts.Score {
			out := slices.Clone(scores)
			for i := range out {
				if !out[i].Flagged {
					out[i].Flagged = true
					framed++
					break
				}
			}
			return out
		},
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if s != nil {
		t.Cleanup(s.Close)
	}
	require.Error(t, err, "the study must not go on with a framed hospital")
	t.Logf("study stopped: %v", err)
	assert.Equal(t, 1, framed, "the study stopped at the first framed table")
	assert.ErrorContains(t, err, "is recorded as flagged true, but the decrypted scores and the study's robust policy give false; refusing to decrypt", "a holder refused the framing")
	assert.NotContains(t, logs.String(), "round closed", "no round closed")
}

// A share holder frames an honest hospital: it subtracts 10,000 from the
// reference score in its score shares of the first other contributor's
// update (the shift-scores attack), so that update's cosine with the
// reference turns negative, its estimated norm balloons and robust
// scoring flags it. With exactly t live holders (threshold 3 of 5, two
// hospitals gone after their upload) there is one set of holders and
// nothing to compare it with: the honest hospital is flagged and weighs
// nothing that round, but it is not struck (until 2026-12-06 it was):
// scores a single set decrypted strike no one, since no node endorses
// them (protocol.ScoresCrossChecked). With spare holders the sets
// disagree and the round stops.
func TestHolderShiftingItsScoreSharesIsCaught(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const attacker = 1
	study := func(drop map[int]uint32) simulation.Config {
		return simulation.Config{
			Hospitals: 5, Rounds: 1, Seed: 3, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, AbsentGrace: 2 * time.Second, LocalConsent: true,
			Threshold: 3, MinParticipants: 3, Robust: true, DropAfter: drop,
			Spec:    &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
			Attacks: map[int]participant.Attack{attacker: {Kind: participant.AttackShiftScores}},
		}
	}

	s, single := runLogged(ctx, t, study(map[int]uint32{3: 1, 4: 1}))
	liar := s.Participants()[attacker].Address
	round := s.Rounds()[0]
	victim := round.Contributors[slices.IndexFunc(round.Contributors, func(a common.Address) bool { return a != liar })]
	assert.Equal(t, []common.Address{victim}, round.Flagged, "with one set of holders the shift goes through: the honest hospital the holder framed is flagged, and only it")
	st, err := s.Ledger().Participant(ctx, s.StudyID(), victim)
	require.NoError(t, err)
	assert.Zero(t, st.Strikes, "but not struck on chain: nothing checked the scores")
	assert.Contains(t, single.String(), "the flagged members get no strike: a single set of holders decrypted the round's scores")
	assert.NotContains(t, single.String(), "asking participants to endorse the round's scores")

	// With spare holders (all five live at threshold 3) the coordinator
	// decrypts the scores with every set that leaves some holders out; the
	// sets without the liar disagree with those with it, and the round
	// stops before any score, weight or flag is recorded.
	var logs lockedBuffer
	caught := study(nil)
	caught.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	_, err = simulation.Run(ctx, caught)
	require.Error(t, err, "the study must not record scores a holder shifted")
	t.Logf("study stopped: %v", err)
	assert.ErrorIs(t, err, aggregation.ErrDecryptionsDisagree)
	// The scores fail to decrypt before any is used: nothing is scored,
	// flagged or recorded on chain, so nobody is struck.
	assert.NotContains(t, logs.String(), "update scored")
	assert.NotContains(t, logs.String(), "update flagged")
}

// A ×1000 scaling hospital colludes with the decryption committee: in a
// study of ten with a committee of four at threshold 3 (one spare
// holder, so the scores are cross-checked and may strike), every holder
// sends its decryption share without its endorsement of the round's
// scores, or with a garbled one (withhold-endorsement; the hospitals
// cannot know beforehand whom the chain selects, so all nine others play
// it, and only the four on the committee decrypt). The round
// decrypts and the attacker gets no weight, and the chain strikes a
// flagged member only with the study's threshold of endorsements: the
// coordinator asks the participants that did not decrypt for the missing
// ones, each re-derives the flags from the signed score shares, and the
// attacker is struck every round it was flagged in. (Before the endorse
// phase it was struck in none.) Ten, not eight: an honest update the
// round also flags (a false flag, which the robust rule allows) leaves
// eight minus four holders minus two flagged, fewer than t to ask, and
// CI once saw exactly that.
func TestWithheldEndorsementStillStrikesTheAttacker(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	const scaler = 7
	scaling, err := participant.ParseAttack("scaling:scale=1000")
	require.NoError(t, err)
	attacks := map[int]participant.Attack{scaler: scaling}
	const hospitals = 10
	for i := range hospitals {
		if i == scaler {
			continue
		}
		// Half of them garble their endorsement instead.
		attacks[i] = participant.Attack{Kind: participant.AttackWithholdEndorsement, Scale: float64(i % 2)}
	}
	s, logs := runLogged(ctx, t, simulation.Config{
		Hospitals: hospitals, Rounds: 2, Seed: 5, DataDir: t.TempDir(), PhaseTimeout: 20 * time.Second, LocalConsent: true,
		Threshold: 3, MinParticipants: 3, CommitteeSize: 4, StrikeLimit: 3, Robust: true, Attacks: attacks,
		Spec: &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
	})
	flagged := make(map[common.Address]uint16) // rounds each member was flagged in
	for _, f := range s.Rounds() {
		for _, a := range f.Flagged {
			flagged[a]++
		}
	}
	attacker := s.Participants()[scaler].Address
	require.Positive(t, flagged[attacker], "the ×1000 update is flagged")
	t.Logf("attacker flagged in %d of %d rounds", flagged[attacker], len(s.Rounds()))
	assert.Contains(t, logs.String(), "asking participants to endorse the round's scores", "the holders' endorsements fell short")
	assert.NotContains(t, logs.String(), "too few endorsements")
	for i, p := range s.Participants() {
		st, err := s.Ledger().Participant(ctx, s.StudyID(), p.Address)
		require.NoError(t, err)
		if i != scaler && flagged[p.Address] > 0 {
			t.Logf("honest hospital %d falsely flagged in %d rounds", i, flagged[p.Address])
		}
		assert.Equal(t, flagged[p.Address], st.Strikes, "hospital %d: a strike for every round it was flagged in, none other", i)
	}
}

// A coordinator colluding with a flagged hospital (or one that crashed
// before confirming) never brings the round's endorsements to the chain
// (SkipStrikes): the ×1000 attacker keeps zero weight in the rounds it is
// flagged in, but only the hospitals' own endorsements on chain strike it,
// and suspend it at the strike limit, with no help from the coordinator.
func TestHospitalsStrikeTheAttackerWithoutTheCoordinator(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	const scaler = 5
	scaling, err := participant.ParseAttack("scaling:scale=1000")
	require.NoError(t, err)
	s, logs := runLogged(ctx, t, simulation.Config{
		Hospitals: 6, Rounds: 3, Seed: 1, DataDir: t.TempDir(), StrikeLimit: 2, LocalConsent: true,
		Spec:   &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
		Robust: true, Attacks: map[int]participant.Attack{scaler: scaling}, SkipStrikes: true,
	})
	attacker := s.Participants()[scaler].Address
	flaggedBy := make(map[common.Address][]uint32) // by member
	for _, f := range s.Rounds() {
		for _, a := range f.Flagged {
			flaggedBy[a] = append(flaggedBy[a], f.Round)
		}
	}
	require.NotEmpty(t, flaggedBy[attacker], "the ×1000 update is flagged")
	for _, f := range s.Rounds() {
		evaluators := make([]string, 0, len(f.Sites))
		for _, site := range f.Sites {
			evaluators = append(evaluators, site.Name)
		}
		assert.NotEmpty(t, evaluators, "round %d is evaluated", f.Round)
		for _, a := range f.Flagged {
			i := slices.IndexFunc(s.Participants(), func(p simulation.Participant) bool { return p.Address == a })
			assert.NotContains(t, evaluators, s.Participants()[i].Name, "round %d: a member whose update the round discarded does not evaluate its model", f.Round)
		}
	}
	t.Logf("attacker flagged in rounds %v of %d", flaggedBy[attacker], len(s.Rounds()))
	if len(flaggedBy) > 1 {
		t.Logf("honest hospitals falsely flagged too (the robust rule allows it): %v", flaggedBy)
	}
	strikes, err := s.Ledger().Strikes(ctx, s.StudyID())
	require.NoError(t, err)
	struckIn := make(map[common.Address][]uint32)
	for _, st := range strikes {
		struckIn[st.Member] = append(struckIn[st.Member], st.Round)
	}
	// The hospitals' endorsements of one round may land after the next
	// round's: strikes are compared as sets of rounds.
	for _, rounds := range struckIn {
		slices.Sort(rounds)
	}
	assert.Equal(t, flaggedBy, struckIn, "a strike for every round a member was flagged in, none other, though the coordinator confirmed none")
	flaggedIn := flaggedBy[attacker]
	st, err := s.Ledger().Participant(ctx, s.StudyID(), attacker)
	require.NoError(t, err)
	assert.Equal(t, uint16(len(flaggedIn)), st.Strikes)
	assert.Equal(t, len(flaggedIn) >= 2, st.Suspended, "suspended at the strike limit (2)")

	// The hospitals' own endorsements on chain struck it: the study's
	// threshold of them in each round it was flagged in, none its own.
	study, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	endorsements, err := s.Ledger().OnChainEndorsements(ctx, s.StudyID())
	require.NoError(t, err)
	reached := map[uint32]uint64{}
	for _, e := range endorsements {
		assert.NotEqual(t, attacker, e.Endorser, "round %d: the attacker does not endorse its own strike", e.Round)
		reached[e.Round] = max(reached[e.Round], e.Count)
	}
	for _, r := range flaggedIn {
		assert.Equal(t, uint64(study.Threshold), reached[r], "round %d: struck by the threshold's on-chain endorsements", r)
	}
	assert.NotContains(t, logs.String(), "asking participants to endorse the round's scores", "the coordinator asked for no endorsement")
}

// A robust study whose share holders are exactly its threshold can weigh
// a flagged update 0 but never strike it (one set decrypts the scores,
// and nothing cross-checks them), and no model it publishes is
// cross-checked either: the coordinator says both at the start, naming
// what to do. A committee of t + 1 draws no such warning.
func TestRobustStudyWithoutASpareHolderWarnsItCannotStrike(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const warning = "robust scoring will weigh flagged updates 0 but strike no one"
	study := func(committee int) simulation.Config {
		return simulation.Config{
			Hospitals: 4, Rounds: 1, Seed: 2, DataDir: t.TempDir(), LocalConsent: true,
			Threshold: 3, MinParticipants: 3, CommitteeSize: committee, Robust: true,
			Spec: &models.Spec{Kind: models.KindMLP, Features: 8, Hidden: []int{4}},
		}
	}
	_, exact := runLogged(ctx, t, study(3))
	assert.Contains(t, exact.String(), warning, "a committee of exactly t")
	assert.Contains(t, exact.String(), "holders=3 threshold=3")
	assert.Contains(t, exact.String(), notCrossChecked, "nor is any model cross-checked")
	_, spare := runLogged(ctx, t, study(4))
	assert.NotContains(t, spare.String(), warning, "a committee of t + 1")
	assert.NotContains(t, spare.String(), notCrossChecked, "a committee of t + 1")
}

// notCrossChecked is what the coordinator warns at the start of a study
// whose share holders are exactly its threshold (coordinator
// msgModelsNotCrossChecked).
const notCrossChecked = "every model this study publishes will be decrypted by one set of t holders and not cross-checked"

// runLogged runs a study with every party's log at Info level kept, and
// printed if the test fails.
func runLogged(ctx context.Context, t *testing.T, cfg simulation.Config) (*simulation.Study, *lockedBuffer) {
	t.Helper()
	logs := new(lockedBuffer)
	cfg.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	s, err := simulation.Run(ctx, cfg)
	if s != nil {
		t.Cleanup(s.Close)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the study's log:\n%s", logs.Bytes())
		}
	})
	require.NoError(t, err)
	return s, logs
}
