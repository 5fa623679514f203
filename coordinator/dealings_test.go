package coordinator

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// spooledFiles lists the pieces the dealing spool keeps on disk.
func spooledFiles(t *testing.T, f *fixture) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(f.coord.store.dir, dealingsDir))
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// reshareOverTheWire sets up a re-sharing before round 2 on f's
// coordinator, dealt by h1 and h2 to h1, h2 and h3, and returns its
// dealing step (current, its spool begun) and a function that signs a
// dealer's piece.
func reshareOverTheWire(t *testing.T, f *fixture) (*reshareDealStep, func(dealer *hospital, to *hospital, piece, pieces uint32, ct []byte) *cohortv1.EncryptedShare) {
	t.Helper()
	h1, h2, h3 := f.hospitals[0], f.hospitals[1], f.hospitals[2]
	setHash := crypto.Keccak256Hash([]byte("re-sharing before round 2"))
	task := &cohortv1.ReshareTask{StudyId: f.studyID, Round: 2, Threshold: 2, SetHash: setHash.Bytes()}
	for i, h := range []*hospital{h1, h2, h3} {
		task.Holders = append(task.Holders, &cohortv1.ShareHolder{Address: h.addr().Bytes(), Point: uint64(i + 1)})
	}
	dealing := &reshareDealStep{
		phase: newPhase(protocol.ReshareDeal, 2, []common.Address{h1.addr(), h2.addr()}), plan: &reshare{study: f.studyID, round: 2, holders: []holder{{addr: h1.addr()}, {addr: h2.addr()}, {addr: h3.addr()}}},
		setHash: setHash, task: task, recipients: map[common.Address]bool{h1.addr(): true, h2.addr(): true, h3.addr(): true},
	}
	var err error
	dealing.spool, err = f.coord.dealings.begin()
	require.NoError(t, err)
	f.install(dealing)
	sign := func(dealer, to *hospital, piece, pieces uint32, ct []byte) *cohortv1.EncryptedShare {
		signed, err := auth.Sign(dealer.key, f.studyID, 2, auth.KindReshareShare, auth.ReshareContent(to.addr(), setHash, piece, pieces, ct))
		require.NoError(t, err)
		return &cohortv1.EncryptedShare{Recipient: to.addr().Bytes(), Ciphertext: ct, Auth: signed, Piece: piece, Pieces: pieces}
	}
	return dealing, sign
}

// The coordinator keeps a re-sharing's share pieces on disk, not in
// memory: what it holds of a dealing (the dealing step's pieces, the
// holders' tasks kept to be sent again) has no ciphertext bytes, however
// many dealers, holders and bytes; each holder's task is filled from disk
// as it is sent, and again when the holder joins again mid-re-sharing; the
// pieces are gone once the re-sharing ends.
func TestReshareDealingsServedFromDisk(t *testing.T) {
	f := newFixture(t)
	h1, h2, h3 := f.hospitals[0], f.hospitals[1], f.hospitals[2]
	dealing, sign := reshareOverTheWire(t, f)
	// Each dealer's share to each holder in 3 pieces, sent in 2
	// submissions (the test server takes messages of 4 MiB at most).
	dealt := map[common.Address]map[string][]byte{} // holder → signature → ciphertext
	for d, dealer := range []*hospital{h1, h2} {
		var shares []*cohortv1.EncryptedShare
		for _, to := range []*hospital{h1, h2, h3} {
			for i := range uint32(3) {
				ct := bytes.Repeat([]byte{byte(16*d + int(i) + 1)}, 300_000)
				copy(ct, to.addr().Bytes())
				sh := sign(dealer, to, i, 3, ct)
				shares = append(shares, sh)
				if dealt[to.addr()] == nil {
					dealt[to.addr()] = map[string][]byte{}
				}
				dealt[to.addr()][string(sh.GetAuth().GetSignature())] = ct
			}
		}
		for _, part := range [][]*cohortv1.EncryptedShare{shares[:5], shares[5:]} {
			_, err := dealer.client.SubmitReshareShares(f.ctx, &cohortv1.ReshareSharesSubmission{StudyId: f.studyID, Round: 2, SetHash: dealing.setHash.Bytes(), Shares: part})
			require.NoError(t, err)
		}
	}
	require.True(t, f.complete(), "both dealings whole")
	assert.Len(t, spooledFiles(t, f), 18, "2 dealers × 3 holders × 3 pieces, each on disk once")

	// What the coordinator holds of the dealings: places, signatures and
	// names, no bytes.
	f.coord.mu.Lock()
	for dealer, d := range dealing.dealt {
		for to, pieces := range d.byHolder {
			for _, p := range pieces {
				assert.Empty(t, p.sealed, "%s's piece to %s kept in memory", dealer.Hex(), to.Hex())
				assert.Empty(t, p.share.GetCiphertext(), "%s's piece to %s kept in memory", dealer.Hex(), to.Hex())
				assert.Positive(t, p.size)
			}
		}
	}
	confirm, err := dealing.confirm(nil)
	f.coord.mu.Unlock()
	require.NoError(t, err)

	// h3 is connected as the key phase opens; h1 joins during it.
	h3ctx, leave := context.WithCancel(f.ctx)
	h3tasks := f.joinUntil(h3ctx, t, h3)
	require.Eventually(t, func() bool { f.coord.mu.Lock(); defer f.coord.mu.Unlock(); return f.coord.peers[h3.addr()] != nil }, 10*time.Second, 10*time.Millisecond)
	_, err = f.coord.start(f.ctx, confirm, confirm.start())
	require.NoError(t, err)

	received := func(tasks <-chan *cohortv1.Task, h *hospital) {
		t.Helper()
		got := map[string][]byte{}
		for len(got) < 6 {
			select {
			case task, ok := <-tasks:
				require.True(t, ok, "stream ended")
				k := task.GetReshareKey()
				require.NotNil(t, k, "got %v", task)
				assert.EqualValues(t, 6, k.GetTotalShares())
				for _, sh := range k.GetShares() {
					got[string(sh.GetAuth().GetSignature())] = sh.GetCiphertext()
				}
			case <-f.ctx.Done():
				t.Fatal("tasks did not come")
			}
		}
		assert.True(t, mapsEqualBytes(dealt[h.addr()], got), "%s gets exactly the pieces dealt to it, from disk", h.addr().Hex())
	}
	received(h3tasks, h3)
	received(f.join(t, h1), h1)

	// h3's stream breaks before it confirms: joining again, it gets every
	// piece again, read from disk again.
	leave()
	require.Eventually(t, func() bool { f.coord.mu.Lock(); defer f.coord.mu.Unlock(); return f.coord.peers[h3.addr()] == nil }, 10*time.Second, 10*time.Millisecond)
	received(f.join(t, h3), h3)

	f.coord.mu.Lock()
	for a, tasks := range confirm.tasks {
		for _, task := range tasks {
			for _, sh := range task.GetReshareKey().GetShares() {
				assert.Empty(t, sh.GetCiphertext(), "the task kept for %s to send again holds bytes", a.Hex())
			}
		}
	}
	f.coord.mu.Unlock()

	require.NoError(t, f.coord.dealings.drop())
	assert.Empty(t, spooledFiles(t, f), "the pieces are deleted once the re-sharing ends")
	_, err = f.coord.dealings.fill(confirm.tasks[h2.addr()][0])
	assert.ErrorIs(t, err, errDealingGone, "a task left over is not sent")
}

func mapsEqualBytes(want, got map[string][]byte) bool {
	if len(want) != len(got) {
		return false
	}
	for k, w := range want {
		if !bytes.Equal(w, got[k]) {
			return false
		}
	}
	return true
}

// A dealer's pieces reach the disk only once admitted: a piece past its
// share's bound, a piece replayed or one in a taken place with other bytes
// is refused before anything is written, so a hostile dealer can make the
// coordinator keep no more on disk than the bound it announced in memory.
// Pieces for an attempt that ended are refused too.
func TestRefusedSharePiecesNeverReachTheDisk(t *testing.T) {
	f := newFixture(t)
	h1, h2, h3 := f.hospitals[0], f.hospitals[1], f.hospitals[2]
	dealing, sign := reshareOverTheWire(t, f)
	dealing.maxBytes, dealing.maxKeys = 2000, 1
	submit := func(dealer *hospital, shares ...*cohortv1.EncryptedShare) codes.Code {
		_, err := dealer.client.SubmitReshareShares(f.ctx, &cohortv1.ReshareSharesSubmission{StudyId: f.studyID, Round: 2, SetHash: dealing.setHash.Bytes(), Shares: shares})
		return status.Code(err)
	}
	first := sign(h1, h2, 0, 1, make([]byte, 600))
	require.Equal(t, codes.OK, submit(h1, first))
	require.Len(t, spooledFiles(t, f), 1)

	for _, tc := range []struct {
		name  string
		piece *cohortv1.EncryptedShare
		want  codes.Code
	}{
		{"a share past the bound", sign(h1, h3, 0, 1, bytes.Repeat([]byte{1}, 2001)), codes.InvalidArgument},
		{"a share announced in more pieces than the bound takes", sign(h1, h3, 0, 2, bytes.Repeat([]byte{2}, 10)), codes.InvalidArgument},
		{"a piece replayed", first, codes.AlreadyExists},
		{"other bytes in a taken place", sign(h1, h2, 0, 1, bytes.Repeat([]byte{3}, 600)), codes.AlreadyExists},
	} {
		assert.Equal(t, tc.want, submit(h1, tc.piece), tc.name)
		assert.Len(t, spooledFiles(t, f), 1, "%s: nothing written", tc.name)
	}
	require.Equal(t, codes.OK, submit(h1, sign(h1, h3, 0, 1, bytes.Repeat([]byte{4}, 2000))), "at the bound")
	assert.Len(t, spooledFiles(t, f), 2)

	// The attempt ends (another set of dealers is asked): its pieces go,
	// and a late piece for it is refused, not written.
	_, err := f.coord.dealings.begin()
	require.NoError(t, err)
	assert.Empty(t, spooledFiles(t, f))
	assert.Equal(t, codes.FailedPrecondition, submit(h2, sign(h2, h3, 0, 1, []byte("late"))))
	assert.Empty(t, spooledFiles(t, f), "a piece for an attempt that ended")
}

// A coordinator restarted mid-re-sharing has lost the re-sharing's phase
// state and re-shares afresh (TestResharingSurvivesCoordinatorRestart):
// the pieces a previous run left on disk are deleted when it opens.
func TestDealingSpoolLeftByAnotherRunIsCleared(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	left := filepath.Join(store.dir, dealingsDir)
	require.NoError(t, os.MkdirAll(left, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(left, crypto.Keccak256Hash([]byte("piece")).Hex()[2:]), []byte("piece"), 0o600))
	spool, err := openDealingSpool(store)
	require.NoError(t, err)
	_, err = os.Stat(left)
	assert.True(t, os.IsNotExist(err), "the previous run's pieces are deleted: %v", err)
	_, err = spool.get(&cohortv1.EncryptedShare{Auth: &cohortv1.Signed{Signature: []byte("any signature")}}, common.Hash{})
	assert.ErrorIs(t, err, errDealingGone)
}

// A piece whose bytes on disk changed is not sent.
func TestDealingSpoolRefusesACorruptPiece(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	spool, err := openDealingSpool(store)
	require.NoError(t, err)
	attempt, err := spool.begin()
	require.NoError(t, err)
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	set := crypto.Keccak256Hash([]byte("set"))
	piece := signedTestPiece(t, key, set, []byte("sealed piece"))
	require.NoError(t, spool.put(attempt, piece))
	got, err := spool.get(piece.share, set)
	require.NoError(t, err)
	assert.Equal(t, []byte("sealed piece"), got)
	require.NoError(t, os.WriteFile(filepath.Join(store.dir, dealingsDir, piece.blob.Hex()[2:]), []byte("sealed pieCe"), 0o600))
	_, err = spool.get(piece.share, set)
	assert.ErrorIs(t, err, ErrCorruptBlob)
	assert.ErrorIs(t, spool.put(attempt+1, piece), errDealingGone, "an attempt not begun")
}

func signedTestPiece(t *testing.T, key *ecdsa.PrivateKey, set common.Hash, ct []byte) dealtPiece {
	t.Helper()
	to := common.HexToAddress("0x01")
	content := auth.ReshareContent(to, set, 0, 1, ct)
	signed, err := auth.Sign(key, 1, 2, auth.KindReshareShare, content)
	require.NoError(t, err)
	return dealtPieceOf(&cohortv1.EncryptedShare{Recipient: to.Bytes(), Ciphertext: ct, Auth: signed, Pieces: 1}, content)
}
