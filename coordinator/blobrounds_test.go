package coordinator

import (
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// A hospital that left after round 1 and joined again after round 2, one
// suspended in round 1 and reinstated by a member vote after round 2, and
// one that joined the study after round 2 each ask, with correctly signed
// requests, for another hospital's update of round 2. Before, each was
// served it as a current participant: a member read the ciphertexts of
// the rounds it missed, and a late joiner those of every round before it.
// Now each is refused, told the blob's round and the rounds it took part
// in; the two back read round 1's update (their own rounds) and the late
// joiner does not, nor a blob of the setup (round 0); all three read
// round 3's blobs (made ahead of the chain), and the setup's blobs every
// participant needs whenever it joined: the study's collective public key,
// its root data set, and the encrypted moments and sum a (re)joining
// member checks the pooled standardiser against. A hospital that took
// part throughout and the owner read round 2's update.
func TestParticipantCannotReadTheRoundsItMissed(t *testing.T) {
	f := newFixture(t)
	h1, h2, away, suspended := f.hospitals[0], f.hospitals[1], f.hospitals[2], f.hospitals[3]
	late := f.admitOutsider(t)
	// Round 0, the setup: the collective key and the root data set.
	pk, err := f.pk.MarshalBinary()
	require.NoError(t, err)
	key, err := f.coord.store.Put(pk)
	require.NoError(t, err)
	require.Equal(t, f.pk.Hash(), key)
	root, err := f.coord.store.Put([]byte("reference")) // the fixture study's reference commitment
	require.NoError(t, err)
	require.Equal(t, crypto.Keccak256Hash([]byte("reference")), root)
	// The moments phase: a (re)joining member is sent the pooled
	// standardiser first and checks it against the encrypted moments and
	// their sum; another blob of the setup is not named by it.
	moments, err := f.coord.store.Put([]byte("h1's encrypted moments"))
	require.NoError(t, err)
	sum, err := f.coord.store.Put([]byte("the moments' encrypted sum"))
	require.NoError(t, err)
	f.coord.setStandardiser(&cohortv1.MomentsResultTask{StudyId: f.studyID, Contributions: []*cohortv1.MomentsContribution{{CiphertextHash: moments.Bytes()}}, AggregateHash: sum.Bytes()})
	setup, err := f.coord.store.Put([]byte("another blob of the setup"))
	require.NoError(t, err)

	// Round 2 runs without them, and h1 uploads its update for it.
	first, second, _ := f.roundTwoWithout(t, away, suspended)
	firstHash, secondHash := aggregation.ContentHash(first), aggregation.ContentHash(second)
	require.NoError(t, f.chain.AdvanceTime(5*time.Hour))
	_, err = f.ledger.AbandonRound(f.ctx, f.coordAcct, f.studyID, 2)
	require.NoError(t, err)

	// Between rounds 2 and 3: one joins again, one is reinstated, one
	// joins for the first time; the coordinator makes round 3's blobs.
	_, err = f.ledger.JoinStudy(f.ctx, away.account, f.studyID)
	require.NoError(t, err)
	pid, _, err := f.ledger.ProposeReinstatement(f.ctx, h1.account, f.studyID, suspended.addr())
	require.NoError(t, err)
	for _, v := range []*hospital{h2, away} {
		executed, _, err := f.ledger.Vote(f.ctx, v.account, pid)
		require.NoError(t, err)
		if executed {
			break
		}
	}
	_, err = f.ledger.JoinStudy(f.ctx, late.account, f.studyID)
	require.NoError(t, err)
	for _, h := range []*hospital{away, suspended, late} {
		in, err := f.ledger.IsParticipant(f.ctx, f.studyID, h.addr())
		require.NoError(t, err)
		p, err := f.ledger.Participant(f.ctx, f.studyID, h.addr())
		require.NoError(t, err)
		require.True(t, in && !p.Suspended, "%s takes part again", h.addr().Hex())
	}
	f.coord.store.EnterRound(3)
	third, err := f.coord.store.Put([]byte("round 3's re-shared key"))
	require.NoError(t, err)

	for _, tt := range []struct {
		name string
		h    *hospital
		took string
	}{{"joined again", away, "0-1, 3 on"}, {"reinstated", suspended, "0-1, 3 on"}, {"joined late", late, "3 on"}} {
		_, err := readBlob(t, f, tt.h.client, signedRead(t, tt.h.key, tt.h, f.studyID, secondHash))
		require.Error(t, err, "%s: round 2's update", tt.name)
		assert.Equal(t, codes.PermissionDenied, status.Code(err), "%s: %v", tt.name, err)
		for _, says := range []string{tt.h.addr().Hex(), secondHash.Hex(), fmt.Sprintf("is of round 2 of study %d", f.studyID), "took part in rounds " + tt.took + " of it"} {
			assert.Contains(t, err.Error(), says, tt.name)
		}
		_, err = openChunks(f, tt.h.client, signedChunks(t, tt.h.key, tt.h, f.studyID, secondHash))
		assert.Equal(t, codes.PermissionDenied, status.Code(err), "%s: chunk proofs of round 2's update: %v", tt.name, err)

		for blob, want := range map[common.Hash][]byte{firstHash: first, setup: []byte("another blob of the setup")} {
			got, err := readBlob(t, f, tt.h.client, signedRead(t, tt.h.key, tt.h, f.studyID, blob))
			if tt.h == late {
				assert.Equal(t, codes.PermissionDenied, status.Code(err), "%s: blob %s, of a round before it joined: %v", tt.name, blob.Hex(), err)
				continue
			}
			require.NoError(t, err, "%s: blob %s, of a round it took part in", tt.name, blob.Hex())
			assert.Equal(t, want, got)
		}
		for blob, want := range map[common.Hash][]byte{
			third: []byte("round 3's re-shared key"), key: pk, root: []byte("reference"),
			moments: []byte("h1's encrypted moments"), sum: []byte("the moments' encrypted sum"),
		} {
			got, err := readBlob(t, f, tt.h.client, signedRead(t, tt.h.key, tt.h, f.studyID, blob))
			require.NoError(t, err, "%s: blob %s", tt.name, blob.Hex())
			assert.Equal(t, want, got, tt.name)
		}
	}
	f.participantAndOwnerRead(t, h2, second) // h2 took part in every round
}

// The rounds a current participant took part in are read from the study's
// logs only when it asks for a blob of a round before the study's, at most
// once a block, and kept: the rounds before the one open at the read no
// longer change, so asking for them again after later blocks reads no
// log, and the blobs of the open round and the next read none at all.
func TestRoundsTakenPartInAreReadOnce(t *testing.T) {
	f := newFixture(t)
	late := f.admitOutsider(t)
	f.coord.store.EnterRound(1)
	first, err := f.coord.store.Put([]byte("round 1's aggregate"))
	require.NoError(t, err)
	f.endRound1(t)
	_, err = f.ledger.JoinStudy(f.ctx, late.account, f.studyID)
	require.NoError(t, err)
	f.coord.store.EnterRound(2)
	second, err := f.coord.store.Put([]byte("round 2's aggregate"))
	require.NoError(t, err)
	view, lag := f.countChainReads(t)
	nextBlock := func() {
		moved := view.NextHead()
		require.NoError(t, f.chain.AdvanceTime(time.Second))
		<-moved
	}
	read := func(h *hospital, blob common.Hash) error {
		_, err := readBlob(t, f, h.client, signedRead(t, h.key, h, f.studyID, blob))
		return err
	}
	queries := lag.LogQueries()
	require.NoError(t, read(late, second), "the round after the study's: it takes part")
	assert.Zero(t, lag.LogQueries()-queries, "no log read for the next round's blob")
	err = read(late, first)
	require.Equal(t, codes.PermissionDenied, status.Code(err), "joined after round 1: %v", err)
	asked := lag.LogQueries() - queries
	assert.Positive(t, asked, "round 1's blob reads its rounds from the logs")
	t.Logf("round 1's refusal: %d log queries (the rounds it took part in, the published set)", asked)
	for range 3 {
		nextBlock()
		before := lag.LogQueries()
		require.Equal(t, codes.PermissionDenied, status.Code(read(late, first)))
		require.NoError(t, read(late, second))
		assert.Zero(t, lag.LogQueries()-before, "round 1 is settled: its rounds are not read again")
	}
	h1 := f.hospitals[0]
	require.NoError(t, read(h1, first), "a participant of round 1")
}

// A standing read before a block that ends after one read since does not
// replace it: the older one would have the coordinator judge by what the
// chain no longer says, and read again. The rounds kept are the later
// read's.
func TestOlderStandingReadDoesNotReplaceANewerOne(t *testing.T) {
	var r blobReaders
	addr := common.HexToAddress("0x1")
	landed, pending := make(chan struct{}), make(chan struct{})
	close(landed)
	took := &tookRead{Participation: contracts.Participation{Spans: []contracts.RoundSpan{{First: 0, Ongoing: true}}, Block: 9, Round: 3}, moved: landed}
	r.keep(addr, standing{current: true, round: 4, open: true, moved: pending})
	got := r.keep(addr, standing{current: true, round: 3, moved: landed, took: took})
	assert.Equal(t, uint32(3), got.round, "the late request judges by its own read")
	kept, ok := r.standing(addr)
	require.True(t, ok)
	assert.Equal(t, uint32(4), kept.round, "the read after the block stays")
	assert.True(t, kept.fresh())
	assert.Same(t, took, kept.took, "with the rounds the older read had")

	older := &tookRead{Participation: contracts.Participation{Block: 5}, moved: landed}
	r.keep(addr, standing{current: true, round: 4, open: true, moved: pending, took: older})
	kept, _ = r.standing(addr)
	assert.Same(t, took, kept.took, "rounds read at block 9 are not replaced by those read at block 5")
}

// A blob's round is the round it was first stored in, and a later store
// of the same bytes does not move it: a hospital that joined after round 1
// is refused a blob first stored in round 1 even when the coordinator
// stores it again in round 2. This pins the rule, and what keeps it from
// refusing what a later joiner needs: every kind the coordinator stores
// again in a later round is either published (a round's global model is
// the last round's model: read here as published) or read whenever one
// joined (the study's key, its root data set, the setup's moments), and
// every other kind is bound to the round it is made for (an update names
// its round's masks and sender, TestUploadIsBoundToItsSenderAndRound;
// aggregates and score sets are made from the round's updates), so its
// bytes are never stored in two rounds. A new kind stored again in a
// later round must be published or read whenever one joined, or later
// joiners are refused it, as the stand-in here is.
func TestBlobStoredAgainInALaterRoundKeepsItsFirstRound(t *testing.T) {
	f := newFixture(t)
	h1 := f.hospitals[0]
	late := f.admitOutsider(t)
	f.coord.store.EnterRound(1)
	again := []byte("a blob of round 1 stored again in round 2")
	againHash, err := f.coord.store.Put(again)
	require.NoError(t, err)
	model := []byte("round 1's model, round 2's global model")
	modelHash, err := f.coord.store.Put(model)
	require.NoError(t, err)
	f.endRound1(t)
	_, err = f.ledger.JoinStudy(f.ctx, late.account, f.studyID)
	require.NoError(t, err)

	f.coord.store.EnterRound(2)
	for _, b := range [][]byte{again, model} {
		_, err := f.coord.store.Put(b)
		require.NoError(t, err)
	}
	_, err = f.ledger.OpenRound(f.ctx, f.coordAcct, f.studyID, 2, modelHash, time.Now().Add(4*time.Hour))
	require.NoError(t, err)
	round, _ := f.coord.store.RoundOf(againHash)
	require.Equal(t, uint32(1), round, "the first store's round stands")

	_, err = readBlob(t, f, late.client, signedRead(t, late.key, late, f.studyID, againHash))
	require.Equal(t, codes.PermissionDenied, status.Code(err), "stored again in round 2, the blob stays round 1's: %v", err)
	assert.Contains(t, err.Error(), fmt.Sprintf("is of round 1 of study %d", f.studyID))
	got, err := readBlob(t, f, late.client, signedRead(t, late.key, late, f.studyID, modelHash))
	require.NoError(t, err, "round 2's global model, first stored as round 1's model, is published")
	assert.Equal(t, model, got)
	got, err = readBlob(t, f, h1.client, signedRead(t, h1.key, h1, f.studyID, againHash))
	require.NoError(t, err, "a participant of round 1")
	assert.Equal(t, again, got)
}

// A hospital leaving between rounds 1 and 2 reads round 2's blobs made
// before its leave is mined: the coordinator enters round 2 (and stores
// for it) before its enrolment window, the contract takes leaves until
// round 2 opens on chain, and the leave goes to the chain, not to the
// coordinator, which learns of it from the block. Once the block is in,
// the leaver is refused them, told the rounds it took part in. What it
// can read so is what the coordinator stores for round r before round r
// opens: round r's global model alone (Coordinator.round stores it, then
// opens the round; the re-sharing before it deals pieces sealed to their
// recipients, which GetBlob does not serve), and that model is published
// as the round opens, to any consortium certificate: the leaver reads
// nothing it would not read as a member anyway. Updates, aggregates and
// score sets of round r are made only once it is open, when the contract
// takes no more leaves.
func TestLeaverReadsTheNextRoundsBlobsOnlyUntilItsLeaveIsMined(t *testing.T) {
	f := newFixture(t)
	h1, leaver := f.hospitals[0], f.hospitals[2]
	f.coord.store.EnterRound(1)
	f.endRound1(t)
	f.coord.store.EnterRound(2) // before the enrolment window, as the coordinator does
	ahead := []byte("round 2's global model, stored before round 2 opens")
	aheadHash, err := f.coord.store.Put(ahead)
	require.NoError(t, err)

	got, err := readBlob(t, f, leaver.client, signedRead(t, leaver.key, leaver, f.studyID, aheadHash))
	require.NoError(t, err, "its leave not yet on chain, it takes part in round 2")
	assert.Equal(t, ahead, got)

	_, err = f.ledger.LeaveStudy(f.ctx, leaver.account, f.studyID)
	require.NoError(t, err)
	_, err = readBlob(t, f, leaver.client, signedRead(t, leaver.key, leaver, f.studyID, aheadHash))
	require.Equal(t, codes.PermissionDenied, status.Code(err), "its leave mined: %v", err)
	for _, says := range []string{fmt.Sprintf("is of round 2 of study %d", f.studyID), "took part in rounds 0-1 of it"} {
		assert.Contains(t, err.Error(), says)
	}
	got, err = readBlob(t, f, h1.client, signedRead(t, h1.key, h1, f.studyID, aheadHash))
	require.NoError(t, err, "a participant of round 2")
	assert.Equal(t, ahead, got)
}
