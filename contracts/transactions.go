package contracts

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// ErrTransactionNotFound: the chain knows no mined transaction with this
// hash.
var ErrTransactionNotFound = errors.New("contracts: no mined transaction with this hash")

// Transaction is a mined transaction as the chain recorded it, its call
// and the events it emitted decoded with Cohort's contract ABIs.
type Transaction struct {
	Hash      common.Hash
	Block     uint64
	BlockTime time.Time
	From      common.Address
	// To is the contract called; nil for a deployment.
	To *common.Address
	// Contract names the Cohort contract called or deployed
	// ("Consortium", "Studies", "Committees", "ConsentRegistry"), "" when
	// it is none the ledger knows.
	Contract string
	// Method is the function called ("constructor" for a deployment, ""
	// when no Cohort ABI knows the call) and Args its arguments in order.
	Method    string
	Args      []Value
	Succeeded bool
	GasUsed   uint64
	GasLimit  uint64
	// Events are the logs the transaction emitted, in order.
	Events []Event
}

// Value is a decoded argument of a call or an event.
type Value struct {
	Name, Type string
	Value      any
}

// String formats the value: hashes, addresses and bytes in hex, integers in
// decimal, arrays as [a, b].
func (v Value) String() string { return formatValue(reflect.ValueOf(v.Value)) }

func formatValue(v reflect.Value) string {
	if !v.IsValid() {
		return "—"
	}
	switch x := v.Interface().(type) {
	case common.Address:
		return x.Hex()
	case common.Hash:
		return x.Hex()
	case *big.Int:
		return x.String()
	case []byte:
		return hexutil.Encode(x)
	case string:
		return fmt.Sprintf("%q", x)
	}
	switch v.Kind() {
	case reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b := make([]byte, v.Len())
			reflect.Copy(reflect.ValueOf(b), v)
			return hexutil.Encode(b)
		}
		fallthrough
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = formatValue(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Struct:
		parts := make([]string, v.NumField())
		for i := range parts {
			parts[i] = v.Type().Field(i).Name + ": " + formatValue(v.Field(i))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v.Interface())
}

// Event is one log of a Cohort contract with the transaction that emitted
// it.
type Event struct {
	// Name is the event's name, "" when no Cohort ABI knows it.
	Name    string
	Address common.Address
	Args    []Value
	Block   uint64
	TxHash  common.Hash
	// Index is the log's index in its block.
	Index uint
}

// Arg returns the argument called name, formatted (see Value.String), and
// whether the event has it.
func (e Event) Arg(name string) (string, bool) {
	for _, a := range e.Args {
		if a.Name == name {
			return a.String(), true
		}
	}
	return "", false
}

// Transaction returns a mined transaction with its receipt's outcome, gas
// and events, decoded with Cohort's ABIs, or ErrTransactionNotFound.
func (l *Ledger) Transaction(ctx context.Context, hash common.Hash) (Transaction, error) {
	wrap := func(err error) error { return fmt.Errorf("reading transaction %s: %w", hash.Hex(), err) }
	c := l.chain
	tx, pending, err := c.client.TransactionByHash(ctx, hash)
	if errors.Is(err, ethereum.NotFound) || (err == nil && pending) {
		return Transaction{}, wrap(ErrTransactionNotFound)
	}
	if err != nil {
		return Transaction{}, wrap(err)
	}
	r, err := c.client.TransactionReceipt(ctx, hash)
	if errors.Is(err, ethereum.NotFound) {
		return Transaction{}, wrap(ErrTransactionNotFound)
	}
	if err != nil {
		return Transaction{}, wrap(err)
	}
	head, err := c.client.HeaderByNumber(ctx, r.BlockNumber)
	if err != nil {
		return Transaction{}, wrap(err)
	}
	from, err := types.Sender(c.signer, tx)
	if err != nil {
		return Transaction{}, wrap(err)
	}
	out := Transaction{
		Hash: hash, Block: r.BlockNumber.Uint64(), BlockTime: time.Unix(int64(head.Time), 0).UTC(),
		From: from, To: tx.To(), Succeeded: r.Status == types.ReceiptStatusSuccessful,
		GasUsed: r.GasUsed, GasLimit: tx.Gas(),
	}
	if out.Contract, out.Method, out.Args, err = l.decodeCall(ctx, tx, r); err != nil {
		return Transaction{}, wrap(err)
	}
	for _, lg := range r.Logs {
		out.Events = append(out.Events, l.decodeEvent(lg))
	}
	return out, nil
}

// contractABIs are Cohort's contracts by name.
func (l *Ledger) contractABIs() map[string]abi.ABI {
	return map[string]abi.ABI{
		"Consortium": l.consortium.GetABI(), "Studies": l.studies.GetABI(),
		"Committees": l.committees.GetABI(), "ConsentRegistry": l.consentReg.GetABI(),
	}
}

// contractAt names the Cohort contract at a, "" if the ledger knows none
// there.
func (l *Ledger) contractAt(ctx context.Context, a common.Address) (string, error) {
	if a == l.address {
		return "Consortium", nil
	}
	m, err := l.resolve(ctx, false)
	if err != nil {
		return "", err
	}
	if a == m.consent {
		return "ConsentRegistry", nil
	}
	for _, s := range m.studies {
		switch a {
		case s.address:
			return "Studies", nil
		case s.committees:
			return "Committees", nil
		}
	}
	return "", nil
}

// decodeCall decodes a transaction's call (or deployment) with the ABI of
// the contract it went to.
func (l *Ledger) decodeCall(ctx context.Context, tx *types.Transaction, r *types.Receipt) (contract, method string, args []Value, err error) {
	abis := l.contractABIs()
	if tx.To() == nil {
		if contract, err = l.contractAt(ctx, r.ContractAddress); err != nil || contract == "" {
			return "", "", nil, err
		}
		return contract, "constructor", nil, nil // the arguments follow the bytecode; they are the contract's state
	}
	if contract, err = l.contractAt(ctx, *tx.To()); err != nil || contract == "" || len(tx.Data()) < 4 {
		return contract, "", nil, err
	}
	a := abis[contract]
	m, err := a.MethodById(tx.Data()[:4])
	if err != nil {
		return contract, "", nil, nil // not one of the contract's functions: shown undecoded
	}
	vals, err := m.Inputs.Unpack(tx.Data()[4:])
	if err != nil {
		return contract, m.Name, nil, fmt.Errorf("decoding the arguments of %s.%s: %w", contract, m.Name, err)
	}
	for i, in := range m.Inputs {
		args = append(args, Value{Name: in.Name, Type: in.Type.String(), Value: vals[i]})
	}
	return contract, m.Name, args, nil
}

// decodeEvent decodes a log with the ABI of the event it names; an unknown
// or undecodable log keeps only its place.
func (l *Ledger) decodeEvent(lg *types.Log) Event {
	e := Event{Address: lg.Address, Block: lg.BlockNumber, TxHash: lg.TxHash, Index: lg.Index}
	if len(lg.Topics) == 0 {
		return e
	}
	ev, err := l.abi.EventByID(lg.Topics[0])
	if err != nil {
		return e
	}
	vals, err := ev.Inputs.NonIndexed().Unpack(lg.Data)
	if err != nil {
		return e
	}
	topics := lg.Topics[1:]
	var args []Value
	for _, in := range ev.Inputs {
		var v any
		if in.Indexed {
			if len(topics) == 0 {
				return e
			}
			m := map[string]any{}
			if err := abi.ParseTopicsIntoMap(m, abi.Arguments{in}, topics[:1]); err != nil {
				return e
			}
			v, topics = m[in.Name], topics[1:]
		} else {
			v, vals = vals[0], vals[1:]
		}
		args = append(args, Value{Name: in.Name, Type: in.Type.String(), Value: v})
	}
	e.Name, e.Args = ev.Name, args
	return e
}

// decodeEvents decodes logs (filterLogs's: in chain order, without
// reorged ones).
func (l *Ledger) decodeEvents(logs []types.Log) []Event {
	var out []Event
	for i := range logs {
		out = append(out, l.decodeEvent(&logs[i]))
	}
	return out
}

// StudyEvents returns every event about a study (of the Studies module and
// the Committees contract that hold it) in chain order, each with the
// transaction that emitted it.
func (l *Ledger) StudyEvents(ctx context.Context, studyID uint64) ([]Event, error) {
	m, err := l.resolve(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("reading the events of study %d: %w", studyID, err)
	}
	s := m.studiesFor(studyID)
	logs, err := l.studyLogs(ctx, studyID, ethereum.FilterQuery{
		Addresses: []common.Address{s.address, s.committees},
		Topics:    [][]common.Hash{nil, {common.BigToHash(new(big.Int).SetUint64(studyID))}},
	})
	if err != nil {
		return nil, fmt.Errorf("reading the events of study %d: %w", studyID, err)
	}
	return l.decodeEvents(logs), nil
}

// ConsortiumEvents returns every event of the Consortium contract
// (admissions, removals, proposals, votes, module changes) in chain order.
func (l *Ledger) ConsortiumEvents(ctx context.Context) ([]Event, error) {
	wrap := func(err error) error { return fmt.Errorf("reading the consortium's events: %w", err) }
	from, err := l.deployedAt(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	logs, err := l.chain.filterLogs(ctx, ethereum.FilterQuery{FromBlock: from, Addresses: []common.Address{l.address}})
	if err != nil {
		return nil, wrap(err)
	}
	return l.decodeEvents(logs), nil
}

// PatientEvent is one of a patient's consent changes as a registry
// recorded it.
type PatientEvent struct {
	// Event is the ConsentChanged (stored) or ConsentLogged (logged)
	// event; its Address is the registry that recorded it.
	Event
	Scope  ConsentScope
	Change ConsentRecord
	// Registry is that registry's term: whether it is the current one
	// and, if not, whether the current registry still reads it.
	Registry ConsentRegistryTerm
}

// PatientEvents returns a patient's consent changes, stored and logged,
// in every registry the consortium has had (ConsentRegistries, from the
// Consortium's own events), in chain order, each with its registry's
// term. A vote that replaces the registry does not copy consent: the new
// registry reads its predecessor for every scope it has not recorded, so
// a retired registry's changes still decide (Registry.ReadByCurrent).
// The events are read from the oldest registry's deployment block, paged
// as every log query.
func (l *Ledger) PatientEvents(ctx context.Context, patient common.Hash) ([]PatientEvent, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the consent events of patient %s: %w", patient.Hex(), err)
	}
	terms, err := l.ConsentRegistries(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	byAddress := map[common.Address]ConsentRegistryTerm{}
	var addrs []common.Address
	from := uint64(math.MaxUint64)
	for _, t := range terms {
		if _, seen := byAddress[t.Address]; !seen {
			addrs = append(addrs, t.Address)
			deployed, err := l.registryDeployedAt(ctx, t.Address)
			if err != nil {
				return nil, wrap(err)
			}
			from = min(from, deployed)
		}
		byAddress[t.Address] = t // a registry voted in again: its latest term
	}
	logs, err := l.chain.filterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), Addresses: addrs,
		Topics: [][]common.Hash{{
			l.abi.Events[cohortsol.ConsentRegistryConsentChangedEventName].ID,
			l.abi.Events[cohortsol.ConsentRegistryConsentLoggedEventName].ID,
		}, {patient}},
	})
	if err != nil {
		return nil, wrap(err)
	}
	var out []PatientEvent
	times := map[uint64]uint64{}
	for i := range logs {
		key, ev, err := l.consentEventOf(ctx, &logs[i], times)
		if err != nil {
			return nil, wrap(err)
		}
		out = append(out, PatientEvent{
			Event: l.decodeEvent(&logs[i]), Scope: ConsentScope{StudyID: key.studyID, Purpose: key.purpose},
			Change: ev.record(), Registry: byAddress[logs[i].Address],
		})
	}
	return out, nil
}

// TransactionReceipt returns a mined transaction's receipt (its block, gas
// and logs as the node gives them), or ErrTransactionNotFound.
func (c *Chain) TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	r, err := c.client.TransactionReceipt(ctx, hash)
	if errors.Is(err, ethereum.NotFound) {
		return nil, fmt.Errorf("reading the receipt of %s: %w", hash.Hex(), ErrTransactionNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the receipt of %s: %w", hash.Hex(), err)
	}
	return r, nil
}
