package coordinator

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// A coordinator started for a study the chain records as completed (it
// was restarted after the last round closed) serves the study's store
// read-only: Run returns the final model without an error instead of
// refusing to start, so the daemon keeps serving researchers' `cohort
// model get`; it sends nothing to the chain, and a node that joins is told
// the study is done. It used to fail with "already completed on chain".
// Nor does it write to its store: a node that an earlier run kept as
// absent joining again used to have its absence rewritten.
func TestCoordinatorOfACompletedStudyServesItReadOnly(t *testing.T) {
	f := newFixture(t)
	final := completeStudy(t, f)
	// As a coordinator process started afresh: no phase under way, and
	// hospital 2 kept as absent by the run before.
	f.install(nil)
	f.coord.participantLeft(f.hospitals[1].addr())
	f.coord.gone = map[common.Address]time.Time{}
	stored := storeFiles(t, f.coord.store.dir)
	require.Contains(t, stored, "state-"+absentStateName)
	var logs syncLog
	f.coord.log = slog.New(slog.NewTextHandler(&logs, nil))
	head, err := f.chain.BlockNumber(f.ctx)
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(f.ctx, time.Minute)
	defer cancel()
	res, err := f.coord.Run(ctx)
	require.NoError(t, err, "a coordinator of a completed study serves it")
	assert.Empty(t, res.Rounds, "no round runs again")
	assert.Equal(t, final.params, res.FinalModel)
	assert.Equal(t, f.pk.Hash(), res.PublicKeyHash)
	assert.Contains(t, logs.String(), msgStudyCompleted)

	after, err := f.chain.BlockNumber(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, head, after, "nothing was sent to the chain")

	// The read API researchers use: the final model, byte for byte, to
	// any consortium certificate (published), unsigned.
	stream, err := f.stranger.client.GetBlob(f.ctx, &cohortv1.BlobRequest{Hash: final.hash.Bytes(), StudyId: f.studyID})
	require.NoError(t, err)
	var got []byte
	for {
		chunk, err := stream.Recv()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		got = append(got, chunk.GetData()...)
	}
	assert.Equal(t, final.hash, crypto.Keccak256Hash(got), "the served model is the one the chain records")

	// A node that joins is told the study is done, with its final model.
	select {
	case task := <-f.join(t, f.hospitals[1]):
		require.NotNil(t, task.GetDone(), "got %v", task)
		assert.Equal(t, final.hash.Bytes(), task.GetDone().GetFinalModelHash())
	case <-ctx.Done():
		t.Fatal("a joining node was not told the study is done")
	}
	assert.Equal(t, stored, storeFiles(t, f.coord.store.dir), "the store was written to")
}

// storeFiles is each file under a store's directory with its size and
// modification time.
func storeFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files[rel] = fmt.Sprintf("%d bytes, modified %v", info.Size(), info.ModTime().UnixNano())
		return err
	}))
	return files
}

// commitTwo has the fixture's first two hospitals commit an update to
// round r of study, and returns them sorted.
func (f *fixture) commitTwo(t *testing.T, study uint64, r uint32) []common.Address {
	t.Helper()
	var addrs []common.Address
	for i, h := range f.hospitals[:2] {
		_, err := f.ledger.CommitUpdate(f.ctx, h.account, study, r, contracts.Commitment{
			CiphertextHash: crypto.Keccak256Hash(fmt.Appendf(nil, "update %d of round %d", i, r)), Samples: 10, ConsentRoot: crypto.Keccak256Hash([]byte("ids")),
		})
		require.NoError(t, err)
		addrs = append(addrs, h.addr())
	}
	return sortedAddresses(addrs)
}

// finalModel is a completed study's last model: its parameters and hash.
type finalModel struct {
	params []float64
	hash   common.Hash
}

// completeStudy runs the fixture's study to its end on chain by hand: each
// of its rounds gets two commitments and closes with a model kept in the
// coordinator's store. It returns the last round's model.
func completeStudy(t *testing.T, f *fixture) finalModel {
	t.Helper()
	study, err := f.ledger.Study(f.ctx, f.studyID)
	require.NoError(t, err)
	var last finalModel
	for r := uint32(1); r <= study.Rounds; r++ {
		if r > 1 {
			_, err := f.ledger.OpenRound(f.ctx, f.coordAcct, f.studyID, r, last.hash, time.Now().Add(time.Hour))
			require.NoError(t, err)
		}
		f.commitTwo(t, f.studyID, r)
		m, err := models.New(f.coord.cfg.Spec, int64(r))
		require.NoError(t, err)
		last.params = m.Params()
		last.hash, err = f.coord.store.Put(models.EncodeParams(last.params))
		require.NoError(t, err)
		_, err = f.ledger.CloseRound(f.ctx, f.coordAcct, f.studyID, r, contracts.RoundResult{
			AggregateHash: crypto.Keccak256Hash(fmt.Appendf(nil, "aggregate of round %d", r)), ModelHash: last.hash, Accuracy: 0.8, AUC: 0.8, Participants: 2,
		})
		require.NoError(t, err)
	}
	study, err = f.ledger.Study(f.ctx, f.studyID)
	require.NoError(t, err)
	require.True(t, study.Completed)
	return last
}
