package contracts

import (
	"context"
	"sync/atomic"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
)

// SendToStudies sends raw calldata from an account to the Studies module
// holding a study, for tests that call what the Go API does not offer, such
// as a function the contract no longer has.
func (l *Ledger) SendToStudies(ctx context.Context, from *Account, studyID uint64, data []byte) error {
	_, err := l.writeStudy(ctx, from, studyID, data)
	return err
}

// LogLimits is what a node behind an RPC provider refuses of eth_getLogs
// (see Chain.LimitLogs): a query over more than MaxRange blocks (0: any)
// and one that matches more than MaxResults logs (0: any), each with the
// provider's code and message. A LogLimits is safe for concurrent use once
// its view is made.
type LogLimits struct {
	MaxRange       uint64
	MaxResults     int
	Code           int    // the JSON-RPC error code of a refusal
	RangeMessage   string // the refusal of a range too wide
	ResultsMessage string // the refusal of too many results
	// OnQuery, if set, is called with each eth_getLogs the view is asked.
	OnQuery func(ethereum.FilterQuery)
	// Queries counts the eth_getLogs the view was asked, Refused those it
	// refused.
	Queries, Refused atomic.Int64
}

// LimitLogs returns a view of the chain whose eth_getLogs is limited as
// limits says, as a provider's is; everything else, writes included, is the
// chain's. Tests use it to inject a provider's refusals.
func (c *Chain) LimitLogs(limits *LogLimits) *Chain {
	view := newChain(limitedLogsClient{client: c.client, limits: limits}, c.chainID, c.poll, nil, nil)
	view.writer = c
	return view
}

// limitedLogsClient is a client that refuses log queries beyond its limits
// with a provider's error.
type limitedLogsClient struct {
	client
	limits *LogLimits
}

// providerError is a JSON-RPC error as ethclient returns it.
type providerError struct {
	code int
	msg  string
}

func (e providerError) Error() string  { return e.msg }
func (e providerError) ErrorCode() int { return e.code }

func (c limitedLogsClient) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	l := c.limits
	l.Queries.Add(1)
	if l.OnQuery != nil {
		l.OnQuery(q)
	}
	if l.MaxRange > 0 && q.BlockHash == nil {
		from, to := uint64(0), uint64(0)
		if q.FromBlock != nil {
			from = q.FromBlock.Uint64()
		}
		if q.ToBlock != nil && q.ToBlock.Sign() >= 0 {
			to = q.ToBlock.Uint64()
		} else {
			head, err := c.client.BlockNumber(ctx)
			if err != nil {
				return nil, err
			}
			to = head
		}
		if to >= from && to-from+1 > l.MaxRange {
			l.Refused.Add(1)
			return nil, providerError{l.Code, l.RangeMessage}
		}
	}
	logs, err := c.client.FilterLogs(ctx, q)
	if err == nil && l.MaxResults > 0 && len(logs) > l.MaxResults {
		l.Refused.Add(1)
		return nil, providerError{l.Code, l.ResultsMessage}
	}
	return logs, err
}
