package simulation_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
)

// A hospital joins a running study after round 1 and another leaves after
// round 2, without a restart: the coordinator re-shares the threshold key
// before rounds 2 and 3 (the collective key stays), every round closes, the
// newcomer's updates are in the later aggregates and its share decrypts,
// the leaver gets no share of the last re-sharing, and the holders that
// stay erase their old shares, so the leaver's old share combines with
// nothing.
func TestMembershipChangeBetweenRounds(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), slowStudyDeadline)
	defer cancel()
	var logs lockedBuffer
	const newcomer, leaver = 3, 1
	dir := t.TempDir()
	s, err := simulation.Run(ctx, simulation.Config{
		// t = 3 = the holders of round 3: every one of them, the newcomer
		// included, must give its decryption share.
		Hospitals: 4, Rounds: 3, Seed: 8, DataDir: dir, Threshold: 3, MinParticipants: 3,
		PhaseTimeout: keystorePhaseTimeout, LocalConsent: true, Keystores: true,
		JoinBeforeRound:  map[int]uint32{newcomer: 2},
		LeaveBeforeRound: map[int]uint32{leaver: 3},
		Log:              slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.NoError(t, err, "log:\n%s", logs.String())
	t.Cleanup(s.Close)

	require.Len(t, s.Rounds(), 3)
	assert.Equal(t, []int{3, 4, 3}, []int{s.Rounds()[0].Participants, s.Rounds()[1].Participants, s.Rounds()[2].Participants})
	for _, f := range s.Rounds() {
		r, err := s.Ledger().Round(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		assert.True(t, r.Closed, "round %d closed on chain", f.Round)
		assert.Equal(t, f.ModelHash, r.Result.ModelHash)
		assert.Equal(t, f.AggregateHash, r.Result.AggregateHash)
	}
	study, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	assert.Equal(t, s.Result().PublicKeyHash, study.PublicKeyHash, "the collective key never changed")
	assert.Equal(t, 2, bytes.Count(logs.Bytes(), []byte("threshold key re-shared")), "one re-sharing before round 2, one before round 3")
	assert.Equal(t, 2, bytes.Count(logs.Bytes(), []byte("re-sharing's dealings checked")), "each re-sharing's pending shares checked before the commit")

	newAddr, leaverAddr := s.Participants()[newcomer].Address, s.Participants()[leaver].Address
	for i, rep := range s.Result().Rounds {
		assert.Equal(t, i > 0, slices.Contains(rep.Contributors, newAddr), "newcomer's update in round %d's aggregate", rep.Round)
		assert.Equal(t, i < 2, slices.Contains(rep.Contributors, leaverAddr), "leaver's update in round %d's aggregate", rep.Round)
	}
	_, err = s.Ledger().Commitment(ctx, s.StudyID(), 3, leaverAddr)
	assert.Error(t, err, "the leaver committed nothing in round 3")
	// The leaver took part up to round 2 and the newcomer from round 2,
	// and the coordinator's store records each round's updates and
	// aggregate as of that round: the leaver reads rounds 1 and 2's and
	// not round 3's, the newcomer rounds 2 and 3's and not round 1's
	// (blobReaders).
	took, err := s.Ledger().Participation(ctx, s.StudyID(), leaverAddr)
	require.NoError(t, err)
	assert.Equal(t, []contracts.RoundSpan{{First: 0, Last: 2}}, took.Spans, "the leaver")
	took, err = s.Ledger().Participation(ctx, s.StudyID(), newAddr)
	require.NoError(t, err)
	assert.Equal(t, []contracts.RoundSpan{{First: 2, Ongoing: true}}, took.Spans, "the newcomer")
	store, err := coordinator.OpenStore(filepath.Join(dir, "coordinator"))
	require.NoError(t, err)
	for _, f := range s.Rounds() {
		commits, err := s.Ledger().Commitments(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		blobs := []common.Hash{f.AggregateHash}
		for _, c := range commits {
			blobs = append(blobs, c.CiphertextHash)
		}
		for _, h := range blobs {
			round, ok := store.RoundOf(h)
			require.True(t, ok, "round %d's blob %s has a round recorded", f.Round, h.Hex())
			assert.Equal(t, f.Round, round, "blob %s", h.Hex())
		}
	}

	// Keystores after the study: every holder of round 3 holds its own key
	// share and a threshold share of the re-sharing before round 3 and
	// nothing older; the leaver holds only its share of the re-sharing
	// before round 2.
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	shares := map[int]*aggregation.ThresholdSecretShare{}
	for i, p := range s.Participants() {
		ks, err := participant.OpenKeystore(filepath.Join(p.DataDir, "keystore"), "demo passphrase", participant.WithLightScrypt())
		require.NoError(t, err)
		names, err := ks.List()
		require.NoError(t, err)
		prefix := fmt.Sprintf("study-%d-ckks-", s.StudyID())
		want := []string{prefix + "dealing-check-seed", prefix + "secret-share", prefix + "threshold-epoch", prefix + "threshold-share"}
		assert.Equal(t, want, names, "%s: its own key share (it encrypts its updates), no pending share, one threshold share and the seed it was checked under", p.Name)
		epoch, err := ks.Get(prefix + "threshold-epoch")
		require.NoError(t, err)
		wantEpoch := uint32(3)
		if i == leaver {
			wantEpoch = 2
		}
		assert.Equal(t, wantEpoch, binary.BigEndian.Uint32(epoch), "%s: share of the re-sharing before round %d", p.Name, wantEpoch)
		raw, err := ks.Get(prefix + "threshold-share")
		require.NoError(t, err)
		seed, err := ks.Get(prefix + "dealing-check-seed")
		require.NoError(t, err)
		assert.Equal(t, crypto.Keccak256(raw), seed[:32], "%s: the seed kept is the one its share in force was checked under", p.Name)
		shares[i] = new(aggregation.ThresholdSecretShare)
		require.NoError(t, shares[i].UnmarshalBinary(raw))
	}
	assert.Equal(t, aggregation.ShamirPoint(4), shares[newcomer].Point(), "the newcomer got a point nobody held before")

	// The round-3 aggregate, decrypted with the three new shares (the
	// newcomer's among them), is the update the coordinator applied.
	aggBlob, err := s.FetchBlob(ctx, s.Rounds()[2].AggregateHash)
	require.NoError(t, err)
	agg := new(aggregation.EncryptedVector)
	require.NoError(t, agg.UnmarshalBinary(aggBlob))
	decrypt := func(holders ...int) ([]float64, error) {
		var active []aggregation.ShamirPoint
		for _, h := range holders {
			active = append(active, shares[h].Point())
		}
		slices.Sort(active)
		var ds []*aggregation.DecryptionShare
		for _, h := range holders {
			d, err := scheme.GenThresholdDecryptionShare(shares[h], active, agg)
			if err != nil {
				return nil, err
			}
			ds = append(ds, d)
		}
		return scheme.Decrypt(agg, ds)
	}
	avg, err := decrypt(0, 2, newcomer)
	require.NoError(t, err)
	before, err := studyModel(ctx, s, s.Rounds()[1].ModelHash)
	require.NoError(t, err)
	after, err := studyModel(ctx, s, s.Rounds()[2].ModelHash)
	require.NoError(t, err)
	for j := range after {
		require.InDelta(t, after[j]-before[j], avg[j], 1e-4, "parameter %d", j)
	}

	// t-1 new shares and the leaver's old one do not decrypt.
	_, err = decrypt(0, newcomer, leaver)
	require.ErrorIs(t, err, aggregation.ErrInvalidThreshold)
}

// model reads a model from the coordinator's store by its hash.
func studyModel(ctx context.Context, s *simulation.Study, h common.Hash) ([]float64, error) {
	b, err := s.FetchBlob(ctx, h)
	if err != nil {
		return nil, err
	}
	return models.DecodeParams(b)
}

// A coordinator killed in the middle of a re-sharing (a new holder already
// keeps its new share pending) does not wedge the study: the new
// coordinator re-shares again, or commits what was kept, and the newcomer
// takes part in the round that follows. The killed run's share pieces,
// kept on disk, are not resumed from: they are deleted.
func TestResharingSurvivesCoordinatorRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	ctx, cancel := context.WithTimeout(context.Background(), slowStudyDeadline)
	defer cancel()
	var logs lockedBuffer
	const newcomer = 3
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: 4, Rounds: 2, Seed: 9, DataDir: t.TempDir(), Threshold: 3, MinParticipants: 3,
		PhaseTimeout: keystorePhaseTimeout, LocalConsent: true, Keystores: true,
		JoinBeforeRound:             map[int]uint32{newcomer: 2},
		RestartCoordinatorInReshare: 2,
		Log:                         slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	require.Contains(t, logs.String(), simulation.MsgPendingShare, "the coordinator was killed mid re-sharing")
	started := bytes.Count(logs.Bytes(), []byte("membership changed; re-sharing the threshold key"))
	t.Logf("re-sharings started %d, committed %d", started, bytes.Count(logs.Bytes(), []byte("threshold key re-shared")))
	assert.Equal(t, 2, started, "the restarted coordinator re-shared again")
	assert.NoDirExists(t, filepath.Join(s.StoreDir(), "dealings"), "no share piece left on disk, of the killed run's re-sharing or the new one's")
	require.Len(t, s.Rounds(), 2)
	for _, f := range s.Rounds() {
		r, err := s.Ledger().Round(ctx, s.StudyID(), f.Round)
		require.NoError(t, err)
		assert.True(t, r.Closed, "round %d closed on chain", f.Round)
	}
	_, err = s.Ledger().Commitment(ctx, s.StudyID(), 2, s.Participants()[newcomer].Address)
	require.NoError(t, err, "the newcomer trained in round 2")
	assert.Equal(t, 4, s.Rounds()[1].Participants)
	ks, err := participant.OpenKeystore(filepath.Join(s.Participants()[newcomer].DataDir, "keystore"), "demo passphrase", participant.WithLightScrypt())
	require.NoError(t, err)
	names, err := ks.List()
	require.NoError(t, err)
	prefix := fmt.Sprintf("study-%d-ckks-", s.StudyID())
	assert.Equal(t, []string{prefix + "dealing-check-seed", prefix + "secret-share", prefix + "threshold-epoch", prefix + "threshold-share"}, names,
		"the newcomer keeps the key share it dealt (it encrypts its updates), its threshold share is in force with the seed it was checked under, and nothing is left pending")
}
