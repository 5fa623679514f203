package contracts

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/txpool"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

const (
	// simulatedPollInterval is how often receipts are polled on the simulated
	// chain, where blocks are mined synchronously and receipts appear within
	// milliseconds (the transaction index is built in the background).
	simulatedPollInterval = 5 * time.Millisecond
	// rpcPollInterval is how often receipts are polled over JSON-RPC.
	// bind.WaitMined polls once a second, too slow for geth --dev.
	rpcPollInterval = 100 * time.Millisecond
	// gasMarginPercent is added to the estimated gas limit so that a
	// transaction still fits if the state it touches changes slightly between
	// estimation and inclusion. Only gas actually used is paid for.
	gasMarginPercent = 25
	// maxTxGas is the per-transaction gas cap of EIP-7825 (Osaka, enabled on
	// the simulated chain and geth --dev): the margin never lifts a
	// transaction that fits above it.
	maxTxGas = 1 << 24
)

// simulatedFunding is the genesis balance of each account funded by
// NewSimulatedChain: one million ether.
func simulatedFunding() *big.Int {
	return new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(params.Ether))
}

// client is the part of an Ethereum client a Chain uses. Both the JSON-RPC
// client (ethclient.Client) and the simulated backend's client implement it.
type client interface {
	ethereum.ChainIDReader
	ethereum.ContractCaller
	ethereum.GasEstimator
	ethereum.GasPricer1559
	ethereum.LogFilterer
	ethereum.TransactionSender
	ethereum.BlockNumberReader
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	CodeAt(ctx context.Context, account common.Address, blockNumber *big.Int) ([]byte, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
	TransactionByHash(ctx context.Context, txHash common.Hash) (*types.Transaction, bool, error)
}

var (
	_ client = (*ethclient.Client)(nil)
	_ client = (simulated.Client)(nil)
)

// Chain is a connection to an Ethereum chain. It signs and sends
// transactions, keeping one nonce sequence per sending account so that
// concurrent sends from the same account do not collide, and waits for their
// receipts. A Chain is safe for concurrent use.
type Chain struct {
	client  client
	sim     *simulated.Backend // nil unless simulated
	rpc     *ethclient.Client  // nil unless dialled
	chainID *big.Int
	signer  types.Signer
	poll    time.Duration

	// simMu makes send-then-mine atomic on the simulated chain, so that a
	// block is mined after each transaction and AdvanceTime finds an empty
	// pool. It also guards the clock fields below.
	simMu sync.Mutex
	// clockLead bounds how far the simulated clock runs ahead of wall-clock
	// time before transactions share blocks mined a wall-clock second
	// apart; zero mines a block per transaction whatever the clock says.
	clockLead time.Duration
	// advanced is the sum of AdvanceTime's jumps: they are meant, and do
	// not count as running ahead.
	advanced time.Duration
	// lastMined is when the simulated chain last mined a block.
	lastMined time.Time
	// closed is set by Close: sends are refused from then on.
	closed bool
	// forks counts the reorgs Fork made: a sender's nonce read at an
	// earlier count is re-read (senderState.fork).
	forks uint64

	mu      sync.Mutex // guards senders
	senders map[common.Address]*senderState

	heads heads // who waits for the next block (NextHead)

	// logWindow is the log queries' window (SetLogWindow, filterLogs).
	logWindow struct {
		max atomic.Uint64 // the configured size; 0: DefaultLogWindow
		now atomic.Uint64 // where the next query starts; 0: max
		// tooWide is the narrowest range the node refused as too wide
		// (0: none): no window grows back to it.
		tooWide atomic.Uint64
	}

	// behindHeadWait is the first wait before a log query a backend behind
	// the head refused is asked again (filterLogsOnce); 0:
	// defaultBehindHeadWait. Tests shorten it.
	behindHeadWait time.Duration

	// writer, if set, sends this chain's transactions: a lagging view
	// (Lagging) reads as of an earlier block but writes to the chain it
	// views.
	writer *Chain
}

// senderState serialises the sends of one account and tracks its next nonce.
type senderState struct {
	mu        sync.Mutex
	nonce     uint64
	nonceKnow bool
	fork      uint64 // Chain.forks when the nonce was read (simulated chain)
}

// NewSimulatedChain starts an in-process go-ethereum simulated chain in which
// every funded address holds one million ether. A block is mined after each
// transaction (see [Chain.SetClockLead] to keep the chain's clock near the
// wall clock). The chain runs under mainnet gas rules: the development chain's
// future storage repricing (the Bogota fork) is disabled, so gas measured here
// is what mainnet would charge. Close the chain to stop it.
func NewSimulatedChain(funded ...common.Address) (*Chain, error) {
	alloc := make(types.GenesisAlloc, len(funded))
	for _, a := range funded {
		alloc[a] = types.Account{Balance: simulatedFunding()}
	}
	sim := simulated.NewBackend(alloc, mainnetGasRules)
	chainID, err := sim.Client().ChainID(context.Background())
	if err != nil {
		return nil, errors.Join(fmt.Errorf("contracts: reading the simulated chain id: %w", err), sim.Close())
	}
	return newChain(sim.Client(), chainID, simulatedPollInterval, sim, nil), nil
}

// SetClockLead sets how far the simulated chain's clock may run ahead of
// wall-clock time (not counting [Chain.AdvanceTime]) while each transaction
// still gets a block of its own. Beyond it, one block is mined per
// wall-clock second and the transactions sent meanwhile share it, so the
// chain's clock keeps pace with the wall clock and round deadlines set from
// it hold; a lone sender then waits up to a second per transaction. Zero
// (the default) mines a block per transaction however far ahead the clock
// runs. It has no effect on a
// dialled chain, which mines by itself.
func (c *Chain) SetClockLead(lead time.Duration) {
	c.simMu.Lock()
	defer c.simMu.Unlock()
	c.clockLead = max(lead, 0)
}

// mineLocked mines the pending transactions on the simulated chain, unless
// its clock has run clockLead ahead of wall-clock time and a block was
// mined less than a second ago: the transactions then wait for the next
// wall-clock second's block. c.simMu must be held.
func (c *Chain) mineLocked() {
	if c.closed {
		return
	}
	now := time.Now()
	if c.clockLead > 0 && now.Sub(c.lastMined) < time.Second {
		if head, err := c.sim.Client().HeaderByNumber(context.Background(), nil); err == nil {
			ahead := time.Unix(int64(head.Time), 0).Sub(now) - c.advanced
			if ahead >= c.clockLead {
				return
			}
		}
	}
	c.sim.Commit()
	c.lastMined = now
	c.newHead()
}

// mainnetGasRules is a simulated-backend option that disables the future gas
// repricing enabled on development chains (it prices storage about 3x higher
// than mainnet). It copies the chain configuration rather than mutating the
// shared default.
func mainnetGasRules(_ *node.Config, ethConf *ethconfig.Config) {
	cfg := *ethConf.Genesis.Config
	cfg.BogotaTime = nil
	ethConf.Genesis.Config = &cfg
}

// DialChain connects to an Ethereum JSON-RPC endpoint (http, ws or ipc), for
// example a geth --dev node. Receipts are polled every 100 ms; the chain must
// mine the transactions sent to it by itself.
func DialChain(ctx context.Context, url string) (*Chain, error) {
	rc, err := rpc.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("contracts: dialling %s: %w", url, err)
	}
	ec := ethclient.NewClient(rc)
	chainID, err := ec.ChainID(ctx)
	if err != nil {
		ec.Close()
		return nil, fmt.Errorf("contracts: reading the chain id from %s (is it an Ethereum JSON-RPC endpoint?): %w", url, err)
	}
	return newChain(ec, chainID, rpcPollInterval, nil, ec), nil
}

func newChain(cl client, chainID *big.Int, poll time.Duration, sim *simulated.Backend, ec *ethclient.Client) *Chain {
	return &Chain{
		client:  cl,
		sim:     sim,
		rpc:     ec,
		chainID: new(big.Int).Set(chainID),
		signer:  types.LatestSignerForChainID(chainID),
		poll:    poll,
		senders: make(map[common.Address]*senderState),
	}
}

// Close stops the simulated chain or closes the RPC connection. The Chain
// cannot be used afterwards.
func (c *Chain) Close() error {
	c.stopHeads()
	if c.sim != nil {
		// Under simMu, so that a sender still running (a hospital a failed
		// study has not stopped yet) never mines on a stopped backend.
		c.simMu.Lock()
		defer c.simMu.Unlock()
		if c.closed {
			return nil
		}
		c.closed = true
		return c.sim.Close()
	}
	if c.rpc != nil {
		c.rpc.Close()
	}
	return nil
}

// ChainID returns the chain's EIP-155 id.
func (c *Chain) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Simulated reports whether the chain is the embedded simulated backend.
func (c *Chain) Simulated() bool { return c.sim != nil }

// BlockNumber returns the number of the latest block.
func (c *Chain) BlockNumber(ctx context.Context) (uint64, error) {
	n, err := c.client.BlockNumber(ctx)
	if err != nil {
		return 0, fmt.Errorf("contracts: reading the block number: %w", err)
	}
	return n, nil
}

// head returns the latest block's number and hash.
func (c *Chain) head(ctx context.Context) (uint64, common.Hash, error) {
	h, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, common.Hash{}, fmt.Errorf("contracts: reading the latest header: %w", err)
	}
	return h.Number.Uint64(), h.Hash(), nil
}

// stillCanonical tells whether block n, read earlier with hash hash, is
// still on the node's canonical chain, whose head is head with hash
// headHash: not if the head is now below it or it has another hash.
// Readers that keep events up to a block (the consent reduction, the
// committee selections) read again from the start when it is not:
// nothing is assumed about how deep a reorg goes.
func (c *Chain) stillCanonical(ctx context.Context, n uint64, hash common.Hash, head uint64, headHash common.Hash) (bool, error) {
	switch {
	case n > head:
		return false, nil
	case n == head:
		return headHash == hash, nil
	}
	at, err := c.BlockHash(ctx, n)
	if err != nil {
		return false, err
	}
	return at == hash, nil
}

// BlockHash returns the hash of block n, for instance to re-check a
// committee's seed (the hash of its request's block).
func (c *Chain) BlockHash(ctx context.Context, n uint64) (common.Hash, error) {
	h, err := c.client.HeaderByNumber(ctx, new(big.Int).SetUint64(n))
	if err != nil {
		return common.Hash{}, fmt.Errorf("contracts: reading block %d: %w", n, err)
	}
	return h.Hash(), nil
}

// HeadTime returns the latest block's timestamp: the chain's clock, which
// round deadlines and consent expiries are checked against.
func (c *Chain) HeadTime(ctx context.Context) (time.Time, error) {
	head, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return time.Time{}, fmt.Errorf("contracts: reading the latest header: %w", err)
	}
	return time.Unix(int64(head.Time), 0), nil
}

// BlockTime returns block n's timestamp.
func (c *Chain) BlockTime(ctx context.Context, n uint64) (time.Time, error) {
	h, err := c.client.HeaderByNumber(ctx, new(big.Int).SetUint64(n))
	if err != nil {
		return time.Time{}, fmt.Errorf("contracts: reading the header of block %d: %w", n, err)
	}
	return time.Unix(int64(h.Time), 0), nil
}

// AdvanceTime mines an empty block whose timestamp is d later than the
// latest block's, on the simulated chain only (ErrNotSimulated otherwise).
// Tests use it to pass round deadlines.
func (c *Chain) AdvanceTime(d time.Duration) error {
	if c.sim == nil {
		return ErrNotSimulated
	}
	c.simMu.Lock()
	defer c.simMu.Unlock()
	if c.closed {
		return ErrChainClosed
	}
	// Time moves only on an empty pending block: mine what the pool still
	// holds (a transaction it took after its block was mined) and retry.
	var err error
	for try := 0; try < 50; try++ {
		before, herr := c.sim.Client().HeaderByNumber(context.Background(), nil)
		if herr != nil {
			return fmt.Errorf("contracts: advancing simulated time: %w", herr)
		}
		if err = c.sim.AdjustTime(d); err == nil {
			// Count only the part of the jump beyond where an ordinary block
			// would have landed (wall-clock time, or a second after its parent).
			ordinary := max(time.Now().Unix(), int64(before.Time)+1)
			c.advanced += max(time.Duration(int64(before.Time)+int64(d/time.Second)-ordinary)*time.Second, 0)
			c.newHead()
			return nil
		}
		c.sim.Commit()
		c.newHead()
		time.Sleep(5 * time.Millisecond)
	}
	return fmt.Errorf("contracts: advancing simulated time: %w", err)
}

// Fork makes the block with hash parent the simulated chain's head, as a
// reorg does: the blocks after it leave the canonical chain, and the next
// block mined follows parent. Their transactions are dropped, not mined
// again on the new branch, which has only what is sent from now on. The
// blocks left stay known: Fork at one of them makes its branch canonical
// again. Tests use it to put a node on another fork than the
// coordinator's (fork at a block's parent, then mine another block in its
// place, as with AdvanceTime). It wakes the readers waiting for the next
// head, and each sending account's nonce is read again. On the simulated
// chain only (ErrNotSimulated otherwise).
func (c *Chain) Fork(parent common.Hash) error {
	if c.sim == nil {
		return ErrNotSimulated
	}
	if err := c.fork(parent); err != nil {
		return err
	}
	c.newHead()
	return nil
}

func (c *Chain) fork(parent common.Hash) error {
	c.simMu.Lock()
	defer c.simMu.Unlock()
	if c.closed {
		return ErrChainClosed
	}
	if err := c.sim.Fork(parent); err != nil {
		return fmt.Errorf("contracts: forking the simulated chain at %s: %w", parent.Hex(), err)
	}
	c.sim.Rollback() // the pool took back the transactions of the blocks left
	// Every nonce a sender read before is stale from here: counted under
	// simMu with the reorg, and compared by each send once it holds
	// simMu, so none signs with an old nonce. (Clearing the senders'
	// nonces after releasing simMu, as Fork did, left a window in which a
	// send already holding its account's lock took simMu first and used
	// the old branch's nonce: a gap the pool never mines.)
	c.forks++
	return nil
}

// Receipt describes a mined transaction.
type Receipt struct {
	TxHash  common.Hash
	GasUsed uint64
	Block   uint64
}

func receiptOf(r *types.Receipt) Receipt {
	return Receipt{TxHash: r.TxHash, GasUsed: r.GasUsed, Block: r.BlockNumber.Uint64()}
}

func (c *Chain) sender(a common.Address) *senderState {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.senders[a]
	if !ok {
		s = &senderState{}
		c.senders[a] = s
	}
	return s
}

// Transfer sends value wei from an account to an address, for example to
// fund a hospital's account on a development chain, and waits until it is
// mined.
func (c *Chain) Transfer(ctx context.Context, from *Account, to common.Address, value *big.Int) (Receipt, error) {
	if value == nil || value.Sign() < 0 {
		return Receipt{}, fmt.Errorf("contracts: transferring to %s: %w: value must be a non-negative amount of wei", to, ErrInvalidParameter)
	}
	r, err := c.transactValue(ctx, from, &to, value, nil, nil, 0)
	if err != nil {
		return Receipt{}, fmt.Errorf("contracts: transferring %s wei to %s: %w", value, to, err)
	}
	return receiptOf(r), nil
}

// forgetNonce makes the next send from the account re-read its nonce from
// the node's pending state.
func (c *Chain) forgetNonce(a common.Address) {
	s := c.sender(a)
	s.mu.Lock()
	s.nonceKnow = false
	s.mu.Unlock()
}

// transact signs and sends a transaction from the account to the address
// (nil for a contract creation), waits for its receipt and returns it.
// A transaction that would revert is detected during gas estimation and not
// sent; its revert data is decoded against contractABI.
func (c *Chain) transact(ctx context.Context, from *Account, to *common.Address, data []byte, contractABI *abi.ABI) (*types.Receipt, error) {
	return c.transactValue(ctx, from, to, nil, data, contractABI, 0)
}

// transactGas is transact with the gas limit given rather than estimated
// (0: estimate): estimating runs the transaction once more (on the
// simulated chain under the lock that mines), which a sender that knows a
// safe limit skips. A transaction that would revert is then mined and
// fails; its receipt comes back with the error.
func (c *Chain) transactGas(ctx context.Context, from *Account, to *common.Address, data []byte, contractABI *abi.ABI, gas uint64) (*types.Receipt, error) {
	return c.transactValue(ctx, from, to, nil, data, contractABI, gas)
}

// dryRun estimates a transaction where this chain's transactions go (a
// lagging view's writer), at that node's head: nil if it would go
// through, else the contract's revert or the failed estimate.
func (c *Chain) dryRun(ctx context.Context, from, to common.Address, data []byte, contractABI *abi.ABI) error {
	if c.writer != nil {
		return c.writer.dryRun(ctx, from, to, data, contractABI)
	}
	if _, err := c.client.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &to, Data: data}); err != nil {
		if rev := asRevert(contractABI, err); rev != nil {
			return rev
		}
		return fmt.Errorf("contracts: estimating gas: %w", err)
	}
	return nil
}

// transactValue is transact with an ether value (nil for none) and a gas
// limit (0: estimated).
func (c *Chain) transactValue(ctx context.Context, from *Account, to *common.Address, value *big.Int, data []byte, contractABI *abi.ABI, gas uint64) (*types.Receipt, error) {
	if from == nil {
		return nil, fmt.Errorf("%w: nil sending account", ErrInvalidParameter)
	}
	if c.writer != nil {
		return c.writer.transactValue(ctx, from, to, value, data, contractABI, gas)
	}
	tx, err := c.send(ctx, from, to, value, data, contractABI, gas)
	if err != nil {
		return nil, err
	}
	receipt, err := c.waitReceipt(ctx, tx.Hash())
	if err != nil {
		// The transaction may have been dropped from the pool; if so its nonce
		// is free again and every later one would wait behind the gap. Re-read
		// the node's pending nonce on the next send (it still counts the
		// transaction if the node kept it).
		c.forgetNonce(from.Address())
		return nil, err
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		return receipt, c.explainFailure(ctx, from, tx, receipt, contractABI)
	}
	return receipt, nil
}

// send signs and submits one transaction, holding the account's lock so that
// nonces are assigned in order, with the gas limit given or (0) estimated.
// On the simulated chain it also mines a block.
func (c *Chain) send(ctx context.Context, from *Account, to *common.Address, value *big.Int, data []byte, contractABI *abi.ABI, gas uint64) (*types.Transaction, error) {
	s := c.sender(from.Address())
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.sim != nil {
		c.simMu.Lock()
		defer c.simMu.Unlock()
		if c.closed {
			return nil, ErrChainClosed
		}
		if s.fork != c.forks { // a reorg since the nonce was read (Fork)
			s.nonceKnow, s.fork = false, c.forks
		}
	}

	if gas == 0 {
		est, err := c.client.EstimateGas(ctx, ethereum.CallMsg{From: from.Address(), To: to, Value: value, Data: data})
		if err != nil {
			if rev := asRevert(contractABI, err); rev != nil {
				return nil, rev
			}
			if strings.Contains(err.Error(), "gas required exceeds allowance") { // geth's words, all JSON-RPC keeps
				return nil, fmt.Errorf("contracts: estimating gas: %w (%v)", ErrGasAllowance, err)
			}
			return nil, fmt.Errorf("contracts: estimating gas: %w", err)
		}
		gas = min(est+est*gasMarginPercent/100, max(est, maxTxGas))
	}

	head, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("contracts: reading the latest header: %w", err)
	}
	// Nor does the margin, or a limit learnt elsewhere, lift a transaction
	// above the block's gas limit, which nodes refuse (geth --dev's blocks
	// hold about 11.7 million).
	if head.GasLimit > 0 {
		gas = min(gas, head.GasLimit)
	}
	tip, err := c.client.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("contracts: suggesting a gas tip: %w", err)
	}
	feeCap := new(big.Int).Set(tip)
	if head.BaseFee != nil {
		feeCap.Add(feeCap, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	}

	var tx *types.Transaction
	var taken uint64 // the node said every nonce below it is taken (0: nothing said)
	for attempt := 0; ; attempt++ {
		if !s.nonceKnow {
			n, err := c.client.PendingNonceAt(ctx, from.Address())
			if err != nil {
				return nil, fmt.Errorf("contracts: reading the nonce of %s: %w", from.Address(), err)
			}
			// A pool that has not yet counted a transaction it holds
			// (the simulated one takes them in the background) answers
			// the nonce it just refused as taken.
			s.nonce, s.nonceKnow = max(n, taken), true
		}
		tx, err = types.SignNewTx(from.key, c.signer, &types.DynamicFeeTx{
			ChainID:   c.chainID,
			Nonce:     s.nonce,
			GasTipCap: tip,
			GasFeeCap: feeCap,
			Gas:       gas,
			To:        to,
			Value:     value,
			Data:      data,
		})
		if err != nil {
			return nil, fmt.Errorf("contracts: signing a transaction from %s: %w", from.Address(), err)
		}
		err = c.client.SendTransaction(ctx, tx)
		if err == nil {
			break
		}
		// The node's view of the nonce may differ (another process using the
		// same key, a dropped transaction, or a send that timed out after the
		// node accepted it): ask it again. A nonce another process used
		// meanwhile (a hospital's own `cohort member vote` beside its node),
		// mined or still pending in the pool, was not taken by this
		// transaction, so it is sent once more.
		s.nonceKnow = false
		if isNonceTaken(err) {
			taken = tx.Nonce() + 1
		}
		if attempt > 0 || !isNonceTaken(err) {
			return nil, fmt.Errorf("contracts: sending a transaction from %s: %w", from.Address(), err)
		}
	}
	s.nonce++
	if c.sim != nil {
		c.mineLocked()
	}
	return tx, nil
}

// isNonceTaken tells whether the node refused a transaction because its
// nonce was already used: by a mined transaction (nonce too low) or by one
// still pending in the pool (a replacement must pay more). Over JSON-RPC
// only the message survives.
func isNonceTaken(err error) bool {
	for _, known := range []error{core.ErrNonceTooLow, txpool.ErrReplaceUnderpriced} {
		if errors.Is(err, known) || strings.Contains(err.Error(), known.Error()) {
			return true
		}
	}
	return false
}

// waitReceipt polls for the receipt of a transaction until it is mined or
// ctx is done.
func (c *Chain) waitReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	ticker := time.NewTicker(c.poll)
	defer ticker.Stop()
	var lastErr error // the last error other than "not found", reported on timeout
	for {
		r, err := c.client.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		if !errors.Is(err, ethereum.NotFound) {
			lastErr = err // transient RPC errors are retried until ctx ends
		} else if c.sim != nil {
			// The simulated pool may take the transaction after the block
			// meant for it was mined (seen under the race detector), or the
			// clock is ahead and the transaction waits for the next
			// wall-clock second's block: mine when due rather than wait for
			// some other sender to.
			c.simMu.Lock()
			c.mineLocked()
			c.simMu.Unlock()
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("contracts: waiting for transaction %s to be mined: %w", hash, errors.Join(ctx.Err(), lastErr))
		case <-ticker.C:
		}
	}
}

// explainFailure replays a mined-but-failed transaction as a call on the
// state before its block to recover the revert reason.
func (c *Chain) explainFailure(ctx context.Context, from *Account, tx *types.Transaction, r *types.Receipt, contractABI *abi.ABI) error {
	base := fmt.Errorf("contracts: transaction %s failed in block %d (gas used %d of %d)", tx.Hash(), r.BlockNumber, r.GasUsed, tx.Gas())
	if r.GasUsed >= tx.Gas() {
		// Replayed on the parent state it might revert for another reason
		// (one that depends on the block), or not at all.
		return fmt.Errorf("%v: %w", base, ErrOutOfGas)
	}
	parent := new(big.Int).Sub(r.BlockNumber, big.NewInt(1))
	_, err := c.client.CallContract(ctx, ethereum.CallMsg{From: from.Address(), To: tx.To(), Data: tx.Data(), Gas: tx.Gas()}, parent)
	if rev := asRevert(contractABI, err); rev != nil {
		return fmt.Errorf("%v: %w", base, rev)
	}
	return fmt.Errorf("%v: %w", base, ErrReverted)
}

// call runs a read-only contract call against the latest block.
func (c *Chain) call(ctx context.Context, to common.Address, data []byte, contractABI *abi.ABI) ([]byte, error) {
	return c.callAt(ctx, to, data, contractABI, nil)
}

// callAt runs a read-only contract call against the state after block (nil: latest).
func (c *Chain) callAt(ctx context.Context, to common.Address, data []byte, contractABI *abi.ABI, block *big.Int) ([]byte, error) {
	return c.callMsg(ctx, ethereum.CallMsg{To: &to, Data: data}, contractABI, block)
}

// callFrom runs a call from an account against the latest block, for a
// check that depends on the sender: a dry run of a transaction.
func (c *Chain) callFrom(ctx context.Context, from, to common.Address, data []byte, contractABI *abi.ABI) ([]byte, error) {
	return c.callMsg(ctx, ethereum.CallMsg{From: from, To: &to, Data: data}, contractABI, nil)
}

func (c *Chain) callMsg(ctx context.Context, msg ethereum.CallMsg, contractABI *abi.ABI, block *big.Int) ([]byte, error) {
	out, err := c.client.CallContract(ctx, msg, block)
	if err != nil {
		if rev := asRevert(contractABI, err); rev != nil {
			return nil, rev
		}
		return nil, fmt.Errorf("contracts: calling %s: %w", *msg.To, err)
	}
	return out, nil
}
