package participant

import (
	"context"
	"crypto/ecdsa"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// What a node does about flags it endorsed: nothing while the coordinator
// has its grace, endorse on chain once the strike is pending past it, stop
// once it landed (by either path) or once the round's scores are not the
// ones it endorsed.
func TestDecideStrike(t *testing.T) {
	a, b := common.Address{0xa}, common.Address{0xb}
	e := endorsedFlags{round: 2, scoresHash: common.Hash{1}, flagged: []common.Address{a, b}}
	pending := contracts.StrikeStatus{ScoresHash: common.Hash{1}, FlaggedHash: contracts.FlaggedHash([]common.Address{a, b}), Threshold: 3}
	now := time.Unix(1000, 0)
	for _, tc := range []struct {
		name string
		st   contracts.StrikeStatus
		due  time.Time
		want strikeAction
	}{
		{"pending, within the grace", pending, now.Add(time.Second), strikeWait},
		{"pending, the grace ran out", pending, now, strikeEndorse},
		{"pending long after the grace", pending, now.Add(-time.Hour), strikeEndorse},
		{"struck", contracts.StrikeStatus{ScoresHash: common.Hash{1}, Threshold: 3}, now, strikeLanded},
		{"struck, within the grace", contracts.StrikeStatus{ScoresHash: common.Hash{1}, Threshold: 3}, now.Add(time.Second), strikeLanded},
		{"more scores recorded since", contracts.StrikeStatus{ScoresHash: common.Hash{2}, FlaggedHash: pending.FlaggedHash}, now, strikeStale},
		{"other flags pending", contracts.StrikeStatus{ScoresHash: common.Hash{1}, FlaggedHash: contracts.FlaggedHash([]common.Address{b})}, now, strikeStale},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, decideStrike(e, tc.st, tc.due, now))
		})
	}
}

// A node keeps the flags it endorses, unless they flag itself: it leaves
// its own strike to the others.
func TestFlagsToWatch(t *testing.T) {
	self, other := common.Address{0x5e}, common.Address{0x07}
	s := &steps{self: self}
	f := scoresFacts{scoresHash: common.Hash{9}, recorded: []contracts.Score{{Member: other, Flagged: true}, {Member: self}}}
	e, files, err := s.flagsToWatch(4, f)
	require.NoError(t, err)
	require.NotNil(t, e)
	assert.Equal(t, endorsedFlags{round: 4, scoresHash: common.Hash{9}, flagged: []common.Address{other}}, *e)
	require.Len(t, files, 1)
	path := filepath.Join(t.TempDir(), files[0].name)
	require.NoError(t, os.WriteFile(path, files[0].data, 0o600))
	back, err := readEndorsedFlags(path, 4)
	require.NoError(t, err)
	assert.Equal(t, *e, back, "the record reads back")

	f.recorded[1].Flagged = true
	e, files, err = s.flagsToWatch(4, f)
	require.NoError(t, err)
	assert.Nil(t, e)
	assert.Empty(t, files)
}

// strikeChain is a study on a simulated chain with three hospitals
// (threshold 2) and round 1 open, whose coordinator recorded scores that
// flag the third.
type strikeChain struct {
	ctx      context.Context
	ledger   *contracts.Ledger
	coord    *contracts.Account
	keys     []*ecdsa.PrivateKey
	accounts []*contracts.Account
	id       uint64
	attacker common.Address
	flags    scoresFacts // round 1's recorded scores
}

func newStrikeChain(t *testing.T) *strikeChain {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	c := &strikeChain{ctx: ctx, coord: contracts.NewAccount(mustKey(t))}
	funded := []common.Address{c.coord.Address()}
	var founders []contracts.Member
	for i := range 3 {
		k := mustKey(t)
		c.keys, c.accounts = append(c.keys, k), append(c.accounts, contracts.NewAccount(k))
		funded = append(funded, c.accounts[i].Address())
		founders = append(founders, contracts.Member{Address: c.accounts[i].Address(), Name: "hospital", TLSFingerprint: common.Hash{byte(i + 1)}})
	}
	chain, err := contracts.NewSimulatedChain(funded...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	c.ledger, _, err = contracts.Deploy(ctx, chain, c.accounts[0], founders)
	require.NoError(t, err)
	c.id, _, err = c.ledger.CreateStudy(ctx, c.accounts[0], contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: 2, MinParticipants: 2, Threshold: 2,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{3}, Coordinator: c.coord.Address(),
	})
	require.NoError(t, err)
	for _, h := range c.accounts {
		_, err := c.ledger.JoinStudy(ctx, h, c.id)
		require.NoError(t, err)
	}
	_, err = c.ledger.SetPublicKeyHash(ctx, c.coord, c.id, common.Hash{4})
	require.NoError(t, err)
	_, err = c.ledger.OpenRound(ctx, c.coord, c.id, 1, common.Hash{5}, time.Now().Add(time.Hour))
	require.NoError(t, err)
	c.attacker = c.accounts[2].Address()
	c.flags = c.flag(t)
	return c
}

// flag records scores in round 1 that flag the attacker (again), and
// returns the round's recorded scores.
func (c *strikeChain) flag(t *testing.T) scoresFacts {
	t.Helper()
	_, err := c.ledger.RecordScores(c.ctx, c.coord, c.id, 1, []contracts.Score{{Member: c.attacker, Score: -1, Flagged: true}})
	require.NoError(t, err)
	st, err := c.ledger.PendingStrike(c.ctx, c.id, 1)
	require.NoError(t, err)
	require.True(t, st.Pending())
	// The latest chunk's flags are the pending ones.
	return scoresFacts{recorded: []contracts.Score{{Member: c.attacker, Score: -1, Flagged: true}}, scoresHash: st.ScoresHash}
}

// node is hospital i's node, reading the chain every poll (at most 5 s; its
// grace 3 to 10 polls), with its data in dataDir ("" for none) and its log
// in log.
func (c *strikeChain) node(i int, poll time.Duration, dataDir string, log io.Writer) *Participant {
	return &Participant{
		steps:  steps{self: c.accounts[i].Address()},
		cfg:    Config{Name: "hospital", StudyID: c.id, RetryBase: poll / 5, DataDir: dataDir},
		ledger: c.ledger, account: c.accounts[i], strikes: newStrikeInbox(),
		log: slog.New(slog.NewTextHandler(log, nil)),
	}
}

// endorsements are the on-chain endorsements of the study.
func (c *strikeChain) endorsements(t *testing.T) []contracts.OnChainEndorsement {
	t.Helper()
	got, err := c.ledger.OnChainEndorsements(c.ctx, c.id)
	require.NoError(t, err)
	return got
}

// A coordinator that never brings a flagged round's endorsements to the
// chain is overtaken: a node that endorsed the flags (restarted since: it
// reads them back from its data directory) endorses the scores on chain
// once its grace ran out; a node whose round the coordinator struck meanwhile
// sends nothing and stops watching.
func TestNodeEndorsesAStrikeLeftPending(t *testing.T) {
	c := newStrikeChain(t)
	// Hospital 0 endorsed round 1's flags, kept them, and restarted.
	dir := t.TempDir()
	e, files, err := c.node(0, 0, dir, io.Discard).steps.flagsToWatch(1, c.flags)
	require.NoError(t, err)
	require.NotNil(t, e)
	require.NoError(t, writeFileAtomic(filepath.Join(dir, files[0].dir), files[0].name, files[0].data))
	restarted := c.node(0, 500*time.Millisecond, dir, io.Discard)
	restarted.loadEndorsed()
	ticks := make(chan time.Time)
	wctx, stop := context.WithCancel(c.ctx)
	defer stop()
	go restarted.watchStrikesTicks(wctx, nil, ticks)
	ticks <- time.Now() // the flags are taken (the grace begins) and read: pending
	ticks <- time.Now()
	ticks <- time.Now() // taken once those reads are done
	require.Empty(t, c.endorsements(t), "the coordinator has its grace to confirm the strikes")
	var got []contracts.OnChainEndorsement
	require.Eventually(t, func() bool {
		ticks <- time.Now()
		got = c.endorsements(t)
		return len(got) == 1
	}, 20*time.Second, 20*time.Millisecond, "the node endorses on chain once its grace ran out")
	assert.Equal(t, contracts.OnChainEndorsement{Round: 1, Endorser: c.accounts[0].Address(), ScoresHash: c.flags.scoresHash, Count: 1, Block: got[0].Block}, got[0])
	ticks <- time.Now() // taken once the endorsement's bookkeeping is done
	assert.NoFileExists(t, filepath.Join(dir, strikesDir, roundRecordName(1)), "settled: its record is gone")

	// Hospital 1 endorsed too, but the coordinator strikes first: its
	// watcher reads the strike landed, sends nothing, and, the study over,
	// returns without waiting for its grace.
	var logs lockedLog
	other := c.node(1, 500*time.Millisecond, "", &logs)
	other.rememberEndorsed(*e)
	d, err := c.ledger.CommitDomain(c.ctx, c.id)
	require.NoError(t, err)
	bundle := map[common.Address][]byte{}
	for _, i := range []int{0, 1} {
		bundle[c.accounts[i].Address()], err = contracts.SignEndorsement(c.keys[i], d, c.id, 1, c.flags.scoresHash)
		require.NoError(t, err)
	}
	_, err = c.ledger.ConfirmStrikes(c.ctx, c.coord, c.id, 1, []common.Address{c.attacker}, bundle)
	require.NoError(t, err)
	finished, returned := make(chan struct{}), make(chan struct{})
	otherTicks := make(chan time.Time)
	go func() {
		defer close(returned)
		other.watchStrikesTicks(wctx, finished, otherTicks)
	}()
	close(finished)
	timeout := time.After(10 * time.Second)
wait:
	for {
		select {
		case <-returned:
			break wait
		case otherTicks <- time.Now():
		case <-timeout:
			t.Fatal("the watcher did not stop once the strike landed and the study was over")
		}
	}
	assert.NotContains(t, logs.String(), "still pending", "it stopped because the strike landed")
	assert.Len(t, c.endorsements(t), 1, "no endorsement after the strike landed")
	standing, err := c.ledger.Participant(c.ctx, c.id, c.attacker)
	require.NoError(t, err)
	assert.Equal(t, uint16(1), standing.Strikes)
}

// A node that lost the coordinator (a crash, a restart) endorses the flags
// it holds on chain at once: a restarted coordinator would not confirm
// them, and would record another table their endorsement does not cover.
func TestNodeEndorsesAtOnceWhenTheCoordinatorIsGone(t *testing.T) {
	c := newStrikeChain(t)
	e, _, err := c.node(1, 0, "", io.Discard).steps.flagsToWatch(1, c.flags)
	require.NoError(t, err)
	node := c.node(1, 5*time.Second, "", io.Discard) // a grace of 15 to 50 s
	node.rememberEndorsed(*e)
	ticks := make(chan time.Time)
	wctx, stop := context.WithCancel(c.ctx)
	defer stop()
	go node.watchStrikesTicks(wctx, nil, ticks)
	ticks <- time.Now()
	ticks <- time.Now()
	ticks <- time.Now()
	require.Empty(t, c.endorsements(t), "within the grace")
	node.strikes.coordinatorGone()
	require.Eventually(t, func() bool {
		ticks <- time.Now()
		return len(c.endorsements(t)) == 1
	}, 20*time.Second, 20*time.Millisecond, "endorsed on chain without waiting out the grace")
}
