package contracts

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newSendChain is a simulated chain funding from, which sends to to.
func newSendChain(t *testing.T) (from *Account, to common.Address, chain *Chain) {
	t.Helper()
	from, to = testAccount(t), common.Address{0x42}
	chain, err := NewSimulatedChain(from.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	return from, to, chain
}

// TestSendAfterAnotherProcessUsedTheKey sends from an account whose nonce
// another process used meanwhile (a hospital's `cohort member vote` beside
// its node): the send re-reads the nonce and goes through instead of
// failing with "nonce too low".
func TestSendAfterAnotherProcessUsedTheKey(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	from, to, chain := newSendChain(t)
	_, err := chain.Transfer(ctx, from, to, big.NewInt(1)) // the chain now knows the next nonce: 1
	require.NoError(t, err)

	// Another process sends nonce 1 from the same key.
	head, err := chain.client.HeaderByNumber(ctx, nil)
	require.NoError(t, err)
	other, err := types.SignNewTx(from.key, chain.signer, &types.DynamicFeeTx{
		ChainID: chain.chainID, Nonce: 1, GasTipCap: big.NewInt(params.GWei), GasFeeCap: new(big.Int).Add(big.NewInt(params.GWei), new(big.Int).Mul(head.BaseFee, big.NewInt(2))),
		Gas: params.TxGas, To: &to, Value: big.NewInt(1),
	})
	require.NoError(t, err)
	require.NoError(t, chain.client.SendTransaction(ctx, other))
	chain.sim.Commit()

	r, err := chain.Transfer(ctx, from, to, big.NewInt(1))
	require.NoError(t, err, "the send recovers from the nonce the other process used")
	tx, _, err := chain.sim.Client().TransactionByHash(ctx, r.TxHash)
	require.NoError(t, err)
	assert.Equal(t, uint64(2), tx.Nonce())
	got, err := chain.sim.Client().BalanceAt(ctx, to, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(3), got.Int64(), "all three transfers arrived")

	// Another process's transaction still pending in the pool holds nonce 3.
	head, err = chain.client.HeaderByNumber(ctx, nil)
	require.NoError(t, err)
	pending, err := types.SignNewTx(from.key, chain.signer, &types.DynamicFeeTx{
		ChainID: chain.chainID, Nonce: 3, GasTipCap: big.NewInt(params.GWei), GasFeeCap: new(big.Int).Add(big.NewInt(params.GWei), new(big.Int).Mul(head.BaseFee, big.NewInt(2))),
		Gas: params.TxGas, To: &to, Value: big.NewInt(2),
	})
	require.NoError(t, err)
	// This process still believes 3 is next.
	require.NoError(t, chain.client.SendTransaction(ctx, pending))
	r, err = chain.Transfer(ctx, from, to, big.NewInt(1))
	require.NoError(t, err, "the send recovers from a nonce pending in the pool")
	tx, _, err = chain.sim.Client().TransactionByHash(ctx, r.TxHash)
	require.NoError(t, err)
	assert.Equal(t, uint64(4), tx.Nonce())

	assert.True(t, isNonceTaken(errors.New("nonce too low: next nonce 3, tx nonce 2")), "the message that comes over JSON-RPC")
	assert.True(t, isNonceTaken(errors.New("replacement transaction underpriced")), "a nonce still pending in the pool")
	assert.False(t, isNonceTaken(errors.New("insufficient funds for gas * price + value")))
}

// laggingLogIndex fails the first fails log queries as geth does when its
// log index has not caught up with a block just mined.
type laggingLogIndex struct {
	client
	fails, calls int
	err          error
}

func (l *laggingLogIndex) FilterLogs(context.Context, ethereum.FilterQuery) ([]types.Log, error) {
	l.calls++
	if l.calls <= l.fails {
		return nil, l.err
	}
	return []types.Log{{Index: 7}}, nil
}

// TestFilterLogsWaitsForTheLogIndex asks a log query again when it raced
// the node's log index, and only then.
func TestFilterLogsWaitsForTheLogIndex(t *testing.T) {
	behind := errors.New("failed to retrieve log value pointer after last block 23: failed to retrieve log value pointer of block 24: not found")
	tests := []struct {
		name      string
		fails     int
		err       error
		wantCalls int
		wantErr   bool
	}{
		{"answered at once", 0, behind, 1, false},
		{"index catches up", 2, behind, 3, false},
		{"index never catches up", 100, behind, filterLogRetries, true},
		{"another error is not retried", 1, errors.New("connection reset by peer"), 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			l := &laggingLogIndex{fails: tt.fails, err: tt.err}
			logs, err := (&Chain{client: l}).filterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int), ToBlock: new(big.Int)})
			assert.Equal(t, tt.wantCalls, l.calls)
			if tt.wantErr {
				require.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []types.Log{{Index: 7}}, logs)
		})
	}
}

// TestSimulatedClockKeepsPaceWithWallClock sends more transactions than
// seconds go by: once the chain's clock is the lead ahead of wall-clock
// time, concurrent senders share blocks and the clock stops running away
// (each block is at least a second after its parent). AdvanceTime's jumps
// do not count as running ahead.
func TestSimulatedClockKeepsPaceWithWallClock(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const senders, each = 6, 5
	from := make([]*Account, senders)
	funded := make([]common.Address, senders)
	for i := range from {
		from[i] = testAccount(t)
		funded[i] = from[i].Address()
	}
	chain, err := NewSimulatedChain(funded...)
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	const lead = 2 * time.Second
	chain.SetClockLead(lead)

	// A deliberate jump: the next transactions still get a block each.
	_, err = chain.Transfer(ctx, from[0], common.Address{0x42}, big.NewInt(1))
	require.NoError(t, err)
	require.NoError(t, chain.AdvanceTime(time.Hour))
	var blocks []uint64
	for i := 0; i < 2; i++ {
		r, err := chain.Transfer(ctx, from[0], common.Address{0x42}, big.NewInt(1))
		require.NoError(t, err)
		blocks = append(blocks, r.Block)
	}
	assert.Equal(t, blocks[0]+1, blocks[1], "within the lead, one block per transaction")

	start, err := chain.BlockNumber(ctx)
	require.NoError(t, err)
	errs := make(chan error, senders)
	for i := range from {
		go func() {
			for j := 0; j < each; j++ {
				if _, err := chain.Transfer(ctx, from[i], common.Address{0x43}, big.NewInt(1)); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range from {
		require.NoError(t, <-errs)
	}
	end, err := chain.BlockNumber(ctx)
	require.NoError(t, err)
	assert.Less(t, end-start, uint64(senders*each), "transactions shared blocks once the clock was ahead")
	head, err := chain.HeadTime(ctx)
	require.NoError(t, err)
	ahead := time.Until(head) - time.Hour
	assert.Greater(t, ahead, -time.Hour/2, "the jump stays on the clock")
	assert.LessOrEqual(t, ahead, lead+2*time.Second, "the clock stays near the lead ahead of wall-clock time")
	got, err := chain.sim.Client().BalanceAt(ctx, common.Address{0x43}, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(senders*each), got.Int64(), "every transfer arrived")

	// Zero lead: a block per transaction however far ahead.
	chain.SetClockLead(0)
	before, err := chain.BlockNumber(ctx)
	require.NoError(t, err)
	for i := 0; i < 5; i++ {
		_, err := chain.Transfer(ctx, from[1], common.Address{0x44}, big.NewInt(1))
		require.NoError(t, err)
	}
	after, err := chain.BlockNumber(ctx)
	require.NoError(t, err)
	assert.Equal(t, before+5, after)
}

// TestSendWhileTheChainCloses sends from several goroutines while the
// embedded chain is closed under them (a study that failed stops its chain
// while its hospitals are still joining): every send either goes through or
// fails with ErrChainClosed; none mines on the stopped backend (which
// crashed the process), and a send after Close is refused with that error.
func TestSendWhileTheChainCloses(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	senders := []*Account{testAccount(t), testAccount(t), testAccount(t), testAccount(t)}
	funded := make([]common.Address, len(senders))
	for i, s := range senders {
		funded[i] = s.Address()
	}
	chain, err := NewSimulatedChain(funded...)
	require.NoError(t, err)

	errs := make(chan error, len(senders)*20)
	done := make(chan struct{})
	for _, s := range senders {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 20 {
				_, err := chain.Transfer(ctx, s, common.Address{0x42}, big.NewInt(1))
				errs <- err
				if err != nil {
					return
				}
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, chain.Close())
	for range senders {
		<-done
	}
	close(errs)
	for err := range errs {
		if err != nil && !errors.Is(err, ErrChainClosed) {
			// A send caught between its own checks and Close fails with the
			// stopped node's error, never a crash: it still names the sender.
			assert.Contains(t, err.Error(), "contracts:")
		}
	}
	_, err = chain.Transfer(ctx, senders[0], common.Address{0x42}, big.NewInt(1))
	require.ErrorIs(t, err, ErrChainClosed)
	require.ErrorIs(t, chain.AdvanceTime(time.Second), ErrChainClosed)
	require.NoError(t, chain.Close(), "closing twice is harmless")
}

// recordingLogs records the first block of every log query.
type recordingLogs struct {
	client
	from []uint64
}

func (r *recordingLogs) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	r.from = append(r.from, q.FromBlock.Uint64())
	return r.client.FilterLogs(ctx, q)
}

// TestConsentLogStartsAtTheRegistrysDeployment: the consent events are read
// from the block the registry was deployed in, not from genesis (on a
// long-lived chain, thousands of empty queries).
func TestConsentLogStartsAtTheRegistrysDeployment(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deployer := testAccount(t)
	chain, err := NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	for range 5 { // blocks before the ledger
		_, err = chain.Transfer(ctx, deployer, common.Address{0x42}, big.NewInt(1))
		require.NoError(t, err)
	}
	l, r, err := Deploy(ctx, chain, deployer, []Member{{Address: deployer.Address(), Name: "h1", TLSFingerprint: common.Hash{1}}})
	require.NoError(t, err)

	rec := &recordingLogs{client: chain.client}
	chain.client = rec
	l.consentLog.mu.Lock()
	err = l.syncConsentLog(ctx)
	l.consentLog.mu.Unlock()
	require.NoError(t, err)
	require.NotEmpty(t, rec.from)
	assert.Greater(t, rec.from[0], uint64(5), "no query before the registry existed")
	assert.Greater(t, rec.from[0], r.Block, "the registry was deployed after the Consortium")
}

// TestForkStalesNoncesOfSendsInFlight: a send that holds its account's
// lock when the chain forks (it takes the chain's lock next) signs with
// the new branch's nonce, not the one it read before the fork: Fork does
// not wait for the senders' locks to clear their nonces, it marks every
// nonce read before it stale under the chain's lock, where each send
// looks. (Clearing them after releasing that lock left a send in flight
// the old branch's nonce: a gap the pool never mines.)
func TestForkStalesNoncesOfSendsInFlight(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	from, to, chain := newSendChain(t)
	before, err := chain.client.HeaderByNumber(ctx, nil)
	require.NoError(t, err)
	_, err = chain.Transfer(ctx, from, to, big.NewInt(1)) // nonce 0 mined; the sender keeps 1
	require.NoError(t, err)

	s := chain.sender(from.Address())
	s.mu.Lock() // a send in flight: it holds its account's lock
	forked := make(chan error, 1)
	go func() { forked <- chain.Fork(before.Hash()) }() // the transfer leaves the chain: nonce 0 is free again
	select {
	case err := <-forked:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		s.mu.Unlock()
		t.Fatal("Fork waited for a sender's lock")
	}
	s.mu.Unlock()
	_, err = chain.Transfer(ctx, from, to, big.NewInt(1))
	require.NoError(t, err, "the send after the fork uses the new branch's nonce")
}
