package coordinator

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// strikeIn has round's scores flag h and two other participants endorse
// them: one strike, the fixture's limit, so the chain suspends h. The
// scores are recorded now (the round must be open); the strike lands only
// when land is called, as an endorsement may land at any block.
func (f *fixture) strikeIn(t *testing.T, round uint32, h *hospital) (land func()) {
	t.Helper()
	_, err := f.ledger.RecordScores(f.ctx, f.coordAcct, f.studyID, round, []contracts.Score{{Member: h.addr(), Score: -1, Flagged: true}})
	require.NoError(t, err)
	return func() {
		t.Helper()
		rd, err := f.ledger.Round(f.ctx, f.studyID, round)
		require.NoError(t, err)
		domain, err := f.ledger.CommitDomain(f.ctx, f.studyID)
		require.NoError(t, err)
		endorsements := map[common.Address][]byte{}
		for _, e := range f.hospitals[:2] {
			endorsements[e.addr()], err = contracts.SignEndorsement(e.key, domain, f.studyID, round, rd.ScoresHash)
			require.NoError(t, err)
		}
		_, err = f.ledger.ConfirmStrikes(f.ctx, f.coordAcct, f.studyID, round, []common.Address{h.addr()}, endorsements)
		require.NoError(t, err)
		p, err := f.ledger.Participant(f.ctx, f.studyID, h.addr())
		require.NoError(t, err)
		require.True(t, p.Suspended)
	}
}

// In a study without a committee every member in good standing holds a
// share, and the coordinator re-shares to them before each round
// (membersBefore), reading their standing first. A strike does not wait
// for a round (confirmStrikes and the hospitals' own endorseScores land at
// any block), so one that suspends a holder after that read and before
// the round opens leaves it a share holder of a round it takes no part
// in: the blob rule refuses it that round's aggregate (it took part in
// rounds 0-1). A decryption set is the round's contributors that hold a
// share, filled up to t with the other connected holders in address order;
// before, the suspended one could be picked: refused the aggregate, it
// declined, and the set was asked again without it (a phase lost; the
// round failed if no other holder was live). Now a holder whose rounds on
// chain do not hold the round (it left or was suspended before it opened)
// is never asked for its decryption; one suspended while the round is open
// took part in it, reads its blobs and is still asked. A study with a
// committee cannot get there: no round opens while a member of its
// committee is suspended or gone (contracts TestCommitteeSelection).
func TestHolderSuspendedBeforeTheRoundOpenedIsNotAskedToDecryptIt(t *testing.T) {
	f := newFixture(t)
	h1, absent, during, before := f.hospitals[0], f.hospitals[1], f.hospitals[2], f.hospitals[3]
	if before.addr().Cmp(during.addr()) > 0 {
		during, before = before, during // the first in address order would fill the set
	}
	c := f.coord
	f.coord.store.EnterRound(1)
	landBefore := f.strikeIn(t, 1, before)
	f.endRound1(t)
	// The re-sharing before round 2 read every member in good standing:
	// all four hold a share of round 2's key. Then the strike lands.
	c.mu.Lock()
	c.threshold, c.points = 2, map[common.Address]uint64{}
	for i, h := range f.hospitals {
		c.points[h.addr()] = uint64(i + 1)
		if h != absent {
			c.peers[h.addr()] = &member{name: fmt.Sprintf("h%d", i+1), tasks: make(chan *cohortv1.Task, 8)}
		}
	}
	c.mu.Unlock()
	landBefore()

	c.store.EnterRound(2)
	aggregate, err := c.store.Put([]byte("round 2's aggregate"))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coordAcct, f.studyID, 2, common.Hash{2}, time.Now().Add(4*time.Hour))
	require.NoError(t, err)
	f.strikeIn(t, 2, during)()

	_, err = readBlob(t, f, before.client, signedRead(t, before.key, before, f.studyID, aggregate))
	assert.Equal(t, codes.PermissionDenied, status.Code(err), "a holder suspended before round 2 opened is refused its aggregate: %v", err)
	assert.ErrorContains(t, err, "took part in rounds 0-1")
	got, err := readBlob(t, f, during.client, signedRead(t, during.key, during, f.studyID, aggregate))
	require.NoError(t, err, "a holder suspended in round 2 took part in it")
	assert.Equal(t, "round 2's aggregate", string(got))

	// Round 2's decryption: h1 contributed, t = 2.
	ctx, cancel := context.WithTimeout(f.ctx, time.Minute)
	defer cancel()
	steps := make(chan *askedStep, 8)
	var (
		wg     sync.WaitGroup
		active []common.Address
		askErr error
	)
	wg.Go(func() {
		active, _, askErr = c.askSets(ctx, 2, askedDecrypt, aggregate, []common.Address{h1.addr()}, func(active []common.Address, _ []uint64, _ int, _ map[common.Address]uint64) (activeStep, error) {
			st := &askedStep{newActivePhase(protocol.Decrypt, 2, active)}
			steps <- st
			return st, nil
		})
	})
	first := nextSet(t, c, steps)
	asked := first.pending()
	assert.NotContains(t, asked, before.addr(), "not asked to decrypt a round it takes no part in")
	assert.ElementsMatch(t, []common.Address{h1.addr(), during.addr()}, asked, "the contributor and the holder suspended in the round")
	answerFrom(t, c, first, asked...)
	wg.Wait()
	require.NoError(t, askErr)
	assert.ElementsMatch(t, asked, active, "the first set answers")
}
