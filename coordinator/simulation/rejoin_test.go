package simulation_test

import (
	"context"
	"log/slog"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// rejoinStudy runs a study of 4 hospitals (t = 3) in which hospital 2
// trains round 1, leaves before round 2 and joins again before round 3,
// its new node started with its data directory as it was or, with fresh,
// emptied (a reinstalled node).
func rejoinStudy(t *testing.T, fresh bool, more ...func(*simulation.Config)) (*simulation.Study, *lockedBuffer, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), slowStudyDeadline)
	t.Cleanup(cancel)
	var logs lockedBuffer
	cfg := simulation.Config{
		Hospitals: 4, Rounds: 3, Seed: 21, DataDir: t.TempDir(), Threshold: 3, MinParticipants: 3,
		PhaseTimeout: keystorePhaseTimeout, LocalConsent: true, Keystores: true,
		LeaveBeforeRound:   map[int]uint32{rejoiner: 2},
		RejoinBeforeRound:  map[int]uint32{rejoiner: 3},
		RejoinFreshDataDir: fresh,
		Log:                slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	}
	for _, m := range more {
		m(&cfg)
	}
	s, err := simulation.Run(ctx, cfg)
	if s != nil {
		t.Cleanup(s.Close)
	}
	return s, &logs, err
}

const rejoiner = 1

// A hospital that left the study and joins it again with its keystore
// (its node restarted) contributes again: the holders still hold shares of
// the key its round-1 update was encrypted under, so it deals nothing; it
// gets a share of the keys (its own among them) at a point nobody held,
// its round-3 update decrypts, and every round closes.
func TestRejoinWithKeystoreContributesAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	s, logs, err := rejoinStudy(t, false)
	require.NoError(t, err, "log:\n%s", logs.String())

	require.Len(t, s.Rounds(), 3)
	assert.Equal(t, []int{4, 3, 4}, []int{s.Rounds()[0].Participants, s.Rounds()[1].Participants, s.Rounds()[2].Participants})
	addr := s.Participants()[rejoiner].Address
	assert.Equal(t, []uint32{1, 3}, contributedIn(s, addr), "the rounds whose aggregates hold its update")
	ctx := context.Background()
	took, err := s.Ledger().Participation(ctx, s.StudyID(), addr)
	require.NoError(t, err)
	assert.Equal(t, []contracts.RoundSpan{{First: 0, Last: 1}, {First: 3, Ongoing: true}}, took.Spans)
	assert.Contains(t, logs.String(), "joining=0 rejoining=1 leaving=0", "the re-sharing before round 3 took the rejoiner back without a dealing of its key")
	for _, f := range s.Rounds() {
		r, err := s.Ledger().Round(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		assert.True(t, r.Closed, "round %d closed on chain", f.Round)
	}
}

// With a decryption committee a hospital that left and joins again with
// its data directory lost (a reinstalled node) deals no fresh key (not
// built there: a member off the committee holds no share to read the
// members' key epochs from, and checks every update under its first key's
// dealer id). The holders hold its old key, it cannot encrypt under it,
// so it declines to train, saying why and what to do; the rounds go on
// without its updates.
func TestRejoinCommitteeStudyWithoutKeystoreIsRefusedClearly(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	s, logs, err := rejoinStudy(t, true, func(c *simulation.Config) { c.CommitteeSize, c.Threshold = 3, 2 })
	require.NoError(t, err, "log:\n%s", logs.String())
	require.Len(t, s.Rounds(), 3)
	addr := s.Participants()[rejoiner].Address
	assert.Equal(t, []uint32{1}, contributedIn(s, addr), "the rounds whose aggregates hold its update")
	assert.NotContains(t, logs.String(), "joiners=1", "it dealt no other key")
	assert.Contains(t, logs.String(), "msg=\"participant declined a task\" component=coordinator participant=hospital-2")
	assert.Contains(t, logs.String(), "restore the keystore and its passphrase from a backup, or leave the study")
}

// A hospital that left and joins again with its data directory lost (a
// reinstalled node) deals a fresh key under a new key epoch: its node says
// at its join that it holds no key for the study, the re-sharing before
// round 3 takes its fresh key in as a joiner's (its old key stays with the
// holders: its round-1 update was encrypted under it), and its round-3
// update, checked and decrypted under the fresh key, is in the aggregate.
func TestRejoinWithoutKeystoreDealsAFreshKey(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	s, logs, err := rejoinStudy(t, true)
	require.NoError(t, err, "log:\n%s", logs.String())
	require.Len(t, s.Rounds(), 3)
	assert.Equal(t, []int{4, 3, 4}, []int{s.Rounds()[0].Participants, s.Rounds()[1].Participants, s.Rounds()[2].Participants})
	addr := s.Participants()[rejoiner].Address
	assert.Equal(t, []uint32{1, 3}, contributedIn(s, addr), "the rounds whose aggregates hold its update")
	assert.Contains(t, logs.String(), "joining=1 rejoining=0 leaving=0", "the rejoiner dealt its fresh key as a joiner deals its own")
	assert.Contains(t, logs.String(), "fresh_keys=1")
	assert.NotContains(t, logs.String(), "restore the keystore and its passphrase from a backup")
	ctx := context.Background()
	for _, f := range s.Rounds() {
		r, err := s.Ledger().Round(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		assert.True(t, r.Closed, "round %d closed on chain", f.Round)
	}
	// An auditor re-checking round 3 from the chain and the store finds
	// the rejoiner's update under its fresh key's dealer id.
	rep := auditStudy(ctx, t, s)
	assert.True(t, rep.OK, "audit: %+v", rep.Rounds)
	require.Len(t, rep.Rounds, 3)
	assert.Equal(t, 4, rep.Rounds[2].Contributors)
}

// The fresh key outlives a coordinator restart: the coordinator keeps the
// member's key epoch in its store (restarted in round 4, it checks the
// rejoiner's update under the fresh key's dealer id), and the rejoiner
// contributes to rounds 3 and 4.
func TestRejoinWithoutKeystoreFreshKeyOutlivesACoordinatorRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	s, logs, err := rejoinStudy(t, true, func(c *simulation.Config) {
		c.Rounds = 4
		c.RestartCoordinatorIn = 4
	})
	require.NoError(t, err, "log:\n%s", logs.String())
	addr := s.Participants()[rejoiner].Address
	assert.Contains(t, contributedIn(s, addr), uint32(4), "round 4's aggregate, made by the restarted coordinator, holds its update")
	assert.Contains(t, logs.String(), "fresh_keys=1")
	rep := auditStudy(context.Background(), t, s)
	assert.True(t, rep.OK, "audit: %+v", rep.Rounds)
	require.Len(t, rep.Rounds, 4)
	assert.Equal(t, []int{4, 3, 4, 4}, []int{rep.Rounds[0].Contributors, rep.Rounds[1].Contributors, rep.Rounds[2].Contributors, rep.Rounds[3].Contributors})
}

// A coordinator restarted in the middle of the re-sharing that takes the
// fresh key in (a new holder keeps its share pending) runs it again: the
// reinstalled node, which kept its fresh key, deals the same key again,
// and contributes to round 3.
func TestRejoinWithoutKeystoreFreshKeyDealtAgainAfterARestartInTheReSharing(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	s, logs, err := rejoinStudy(t, true, func(c *simulation.Config) { c.RestartCoordinatorInReshare = 3 })
	require.NoError(t, err, "log:\n%s", logs.String())
	addr := s.Participants()[rejoiner].Address
	assert.Contains(t, contributedIn(s, addr), uint32(3), "round 3's aggregate holds its update")
	rep := auditStudy(context.Background(), t, s)
	assert.True(t, rep.OK, "audit: %+v", rep.Rounds)
	require.Len(t, rep.Rounds, 3)
	assert.Equal(t, 4, rep.Rounds[2].Contributors)
}

// With a decryption committee the holders keep every dealer's key across
// hand-overs: a hospital that left and joins again with its keystore deals
// nothing (it is no joiner), whether or not it sits on the committee, and
// contributes again.
func TestRejoinCommitteeStudyWithKeystore(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	s, logs, err := rejoinStudy(t, false, func(c *simulation.Config) { c.CommitteeSize, c.Threshold = 3, 2 })
	require.NoError(t, err, "log:\n%s", logs.String())
	require.Len(t, s.Rounds(), 3)
	addr := s.Participants()[rejoiner].Address
	assert.Equal(t, []uint32{1, 3}, contributedIn(s, addr), "the rounds whose aggregates hold its update")
	assert.NotContains(t, logs.String(), "joiners=1", "no dealing of the rejoiner's key was checked: it dealt none")
}

// A hospital that joined after key generation (it dealt its key at a
// re-sharing), left and joins again deals no second key either: its key,
// kept with the key's public-key shares at the commit that took it in, is
// in the holders' set.
func TestLateJoinerRejoinsWithoutASecondDealing(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	const late = 3
	s, logs, err := rejoinStudy(t, false, func(c *simulation.Config) {
		c.Rounds = 4
		c.JoinBeforeRound = map[int]uint32{late: 2}
		c.LeaveBeforeRound = map[int]uint32{late: 3}
		c.RejoinBeforeRound = map[int]uint32{late: 4}
	})
	require.NoError(t, err, "log:\n%s", logs.String())
	require.Len(t, s.Rounds(), 4)
	addr := s.Participants()[late].Address
	assert.Equal(t, []uint32{2, 4}, contributedIn(s, addr), "the rounds whose aggregates hold its update")
	assert.Contains(t, logs.String(), "joining=1 rejoining=0 leaving=0", "it joined once, dealing its key")
	assert.Contains(t, logs.String(), "joining=0 rejoining=1 leaving=0", "and came back without a dealing")
}

// contributedIn lists the rounds whose aggregates hold addr's update.
func contributedIn(s *simulation.Study, addr common.Address) []uint32 {
	var out []uint32
	for _, rep := range s.Result().Rounds {
		if slices.Contains(rep.Contributors, addr) {
			out = append(out, rep.Round)
		}
	}
	return out
}
