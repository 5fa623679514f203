package coordinator

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// A coordinator whose data directory was lost (a dead disk) and that is
// started again on an empty one, (a) after the moments sum was pinned
// before round 1, (b) after round 1 closed and (c) in round 2 after its
// contributors were pinned, refuses to go on, sends nothing to the chain,
// and says what the chain records, what was lost and what to do. It used
// to say only "the collective key recorded on chain is not in the store:
// blob not found" in every case.
func TestCoordinatorThatLostItsStoreSaysSo(t *testing.T) {
	f := newFixture(t)
	restarted := func(t *testing.T, study uint64) (*Coordinator, string) {
		t.Helper()
		dir := t.TempDir()
		store, err := OpenStore(dir)
		require.NoError(t, err)
		cfg := f.coord.cfg
		cfg.StudyID = study
		c, err := New(cfg, f.ledger, f.coordAcct, f.scheme, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
		require.NoError(t, err)
		return c, dir
	}
	refused := func(t *testing.T, study uint64, says ...string) {
		t.Helper()
		c, dir := restarted(t, study)
		head, err := f.chain.BlockNumber(f.ctx)
		require.NoError(t, err)
		_, err = c.Run(f.ctx)
		require.ErrorIs(t, err, ErrStoreLost)
		for _, s := range append(says, dir, f.pk.Hash().Hex(), "Restore the coordinator's data directory", "no member keeps") {
			assert.Contains(t, err.Error(), s)
		}
		after, err := f.chain.BlockNumber(f.ctx)
		require.NoError(t, err)
		assert.Equal(t, head, after, "nothing was sent to the chain")
	}

	t.Run("moments sum pinned before round 1", func(t *testing.T) {
		study, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, contracts.StudyParams{
			SpecHash: crypto.Keccak256Hash([]byte("spec")), Purpose: crypto.Keccak256Hash([]byte("purpose")),
			ReferenceCommitment: crypto.Keccak256Hash([]byte("reference")),
			Rounds:              3, MinParticipants: 2, Threshold: 2, StrikeLimit: 1, Coordinator: f.coordAcct.Address(),
		})
		require.NoError(t, err)
		for _, h := range f.hospitals {
			_, err := f.ledger.JoinStudy(f.ctx, h.account, study)
			require.NoError(t, err)
		}
		_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coordAcct, study, f.pk.Hash())
		require.NoError(t, err)
		sum := crypto.Keccak256Hash([]byte("moments sum"))
		_, err = f.ledger.PinMomentsSum(f.ctx, f.coordAcct, study, sum)
		require.NoError(t, err)
		refused(t, study, "before round 1", "moments sum "+sum.Hex()+" pinned")
	})

	t.Run("after round 1 closed", func(t *testing.T) {
		f.commitTwo(t, f.studyID, 1)
		m, err := models.New(f.coord.cfg.Spec, 1)
		require.NoError(t, err)
		_, err = f.ledger.CloseRound(f.ctx, f.coordAcct, f.studyID, 1, contracts.RoundResult{
			AggregateHash: crypto.Keccak256Hash([]byte("aggregate of round 1")), ModelHash: crypto.Keccak256Hash(models.EncodeParams(m.Params())), Accuracy: 0.8, AUC: 0.8, Participants: 2,
		})
		require.NoError(t, err)
		refused(t, f.studyID, "after round 1 closed")
	})

	t.Run("in round 2 after its contributors were pinned", func(t *testing.T) {
		last, err := f.ledger.Round(f.ctx, f.studyID, 1)
		require.NoError(t, err)
		_, err = f.ledger.OpenRound(f.ctx, f.coordAcct, f.studyID, 2, last.Result.ModelHash, time.Now().Add(time.Hour))
		require.NoError(t, err)
		contributors := f.commitTwo(t, f.studyID, 2)
		_, err = f.ledger.PinContributors(f.ctx, f.coordAcct, f.studyID, 2, contracts.ContributorsHash(f.studyID, 2, contributors))
		require.NoError(t, err)
		refused(t, f.studyID, "in round 2, open", "its contributors pinned")
	})
}
