package contracts

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// consentEntryBytes is the size of one packed logConsentBatch entry (the
// contract's ENTRY_BYTES).
const consentEntryBytes = 156

// packConsentEntry packs a logged change as logConsentBatch reads it.
func packConsentEntry(s SignedConsent) ([]byte, error) {
	if !s.logged() {
		return nil, fmt.Errorf("%w: a consent change without issuedAt cannot be logged (it has a nonce: use RelayConsentBatch)", ErrInvalidParameter)
	}
	expiry, err := s.expiryUnix()
	if err != nil {
		return nil, err
	}
	bound, err := s.maxEpsilonFixed()
	if err != nil {
		return nil, err
	}
	issued, err := s.issuedAtUnix()
	if err != nil {
		return nil, err
	}
	e := make([]byte, consentEntryBytes)
	copy(e[0:32], s.Patient[:])
	binary.BigEndian.PutUint64(e[32:40], s.Scope.StudyID)
	copy(e[40:72], s.Scope.Purpose[:])
	if s.Granted {
		e[72] = 1
	}
	binary.BigEndian.PutUint64(e[73:81], expiry)
	binary.BigEndian.PutUint16(e[81:83], bound)
	binary.BigEndian.PutUint64(e[83:91], issued)
	// A signature of the wrong length goes as zeros: the contract reports
	// it as a bad signature like any other.
	if len(s.Signature) == crypto.SignatureLength {
		copy(e[91:155], s.Signature[:64])
		e[155] = s.Signature[64]
	}
	return e, nil
}

// LogConsentBatch relays many patients' logged consent changes (IssuedAt
// set, see ConsentChange) from a member's account, ConsentBatchSize per
// transaction. The registry checks each as RelayConsent does, and its
// freshness instead of a nonce, and records it as a ConsentLogged event
// only: no storage, so a change costs a fraction of a stored one. A change
// that fails a check is skipped and reported in its outcome; a bad
// signature and a copy are found before sending, as RelayConsentBatch
// finds them, and not sent. Entries are
// sent in increasing order of their EIP-712 digest (the contract refuses a
// copy that way); outcomes are in the order given. Readers reduce the logs
// as the contract's doc comment says (PatientConsents).
func (l *Ledger) LogConsentBatch(ctx context.Context, relayer *Account, changes []SignedConsent) (ConsentBatchResult, error) {
	var res ConsentBatchResult
	if len(changes) == 0 {
		return res, fmt.Errorf("logging a consent batch: %w: no changes", ErrInvalidParameter)
	}
	var err error
	if res.Outcomes, _, err = l.screenConsent(ctx, changes); err != nil {
		return res, fmt.Errorf("logging a consent batch: %w", err)
	}
	d, err := l.ConsentDomain(ctx)
	if err != nil {
		return res, err
	}
	send, at := screened(changes, res.Outcomes)
	err = inFittingChunks(send, func(start int, chunk []SignedConsent) error {
		outcomes, r, err := l.logConsentChunk(ctx, relayer, d, chunk)
		if err != nil {
			return fmt.Errorf("logging consent changes %d to %d of %d: %w", at[start]+1, at[start+len(chunk)-1]+1, len(changes), err)
		}
		for i, o := range outcomes {
			res.Outcomes[at[start+i]] = o
		}
		res.Receipts = append(res.Receipts, r)
		res.GasUsed += r.GasUsed
		return nil
	})
	res.Recorded = countRecorded(res.Outcomes)
	return res, err
}

func (l *Ledger) logConsentChunk(ctx context.Context, relayer *Account, d ConsentDomain, chunk []SignedConsent) ([]ConsentOutcome, Receipt, error) {
	type entry struct {
		at     int // index in chunk
		digest common.Hash
		packed []byte
	}
	entries := make([]entry, len(chunk))
	for i, s := range chunk {
		p, err := packConsentEntry(s)
		if err != nil {
			return nil, Receipt{}, fmt.Errorf("change %d (patient %s): %w", i+1, s.Patient, err)
		}
		dg, err := ConsentDigest(d, s.ConsentChange)
		if err != nil {
			return nil, Receipt{}, fmt.Errorf("change %d (patient %s): %w", i+1, s.Patient, err)
		}
		entries[i] = entry{at: i, digest: dg, packed: p}
	}
	sort.SliceStable(entries, func(a, b int) bool { return bytes.Compare(entries[a].digest[:], entries[b].digest[:]) < 0 })
	data := make([]byte, 0, len(chunk)*consentEntryBytes)
	for _, e := range entries {
		data = append(data, e.packed...)
	}
	rc, err := l.writeModule(ctx, relayer, currentConsent, l.consentReg.PackLogConsentBatch(data))
	if err != nil {
		return nil, Receipt{}, err
	}
	outcomes, err := l.consentOutcomes(rc, len(chunk), cohortsol.ConsentRegistryConsentLoggedEventName, func(i int) int { return entries[i].at })
	if err != nil {
		return nil, receiptOf(rc), err
	}
	return outcomes, receiptOf(rc), nil
}

// consentEvent is one recorded consent change, stored or logged.
type consentEvent struct {
	granted bool
	expiry  uint64
	bound   uint16
	nonce   uint32 // stored changes only
	// time orders a scope's changes: a logged change's issuedAt, a stored
	// change's block timestamp.
	time   uint64
	logged bool
	block  uint64
	index  uint        // log index in the block
	tx     common.Hash // the transaction that emitted it
}

// record is the change as a ConsentRecord.
func (e consentEvent) record() ConsentRecord {
	r := ConsentRecord{Granted: e.granted, MaxEpsilon: maxEpsilonOf(e.bound), Nonce: e.nonce, Logged: e.logged,
		Block: e.block, Time: time.Unix(int64(e.time), 0).UTC(), TxHash: e.tx, LogIndex: e.index}
	if e.expiry != 0 {
		r.Expiry = time.Unix(int64(e.expiry), 0).UTC()
	}
	return r
}

// after tells whether e decides over o under the reduction rule: the later
// time; at equal times two stored changes go by chain order, and otherwise
// a revocation wins (then chain order, for determinism).
func (e consentEvent) after(o consentEvent) bool {
	if e.time != o.time {
		return e.time > o.time
	}
	if (e.logged || o.logged) && e.granted != o.granted {
		return !e.granted
	}
	if e.block != o.block {
		return e.block > o.block
	}
	return e.index > o.index
}

type consentScopeKey struct {
	patient common.Hash
	studyID uint64
	purpose common.Hash
}

// consentLog is a ledger's reading of the consent events of its registries
// (the current one and its predecessors), extended incrementally.
type consentLog struct {
	mu        sync.Mutex
	registry  common.Address   // the current registry when last read
	addresses []common.Address // it and its predecessors
	next      uint64           // the first block not read yet
	readHash  common.Hash      // the hash of block next−1 when it was read
	scopes    map[consentScopeKey][]consentEvent
	times     map[uint64]uint64 // block timestamps read
}

// syncConsentLog reads the consent events mined since the last reading,
// again from the start if the chain reorganised under what was read (a
// few times in a row at most). The caller holds l.consentLog.mu.
func (l *Ledger) syncConsentLog(ctx context.Context) error {
	var err error
	for range 3 {
		if err = l.readConsentLog(ctx); !errors.Is(err, errConsentReadReorged) {
			return err
		}
	}
	return fmt.Errorf("%w three times in a row; try again once the chain settles", err)
}

// readConsentLog is one attempt of syncConsentLog.
func (l *Ledger) readConsentLog(ctx context.Context) error {
	c := &l.consentLog
	m, err := l.resolve(ctx, false)
	if err != nil {
		return err
	}
	// A vote may have replaced the registry since the module set was read:
	// one call to it says so, instead of reading the whole set each time.
	out, err := l.chain.call(ctx, m.consent, l.consentReg.PackSuccessor(), &l.abi)
	if err != nil {
		return err
	}
	if next, err := l.consentReg.UnpackSuccessor(out); err != nil {
		return err
	} else if next != (common.Address{}) {
		if m, err = l.resolve(ctx, true); err != nil {
			return err
		}
	}
	head, headHash, err := l.chain.head(ctx)
	if err != nil {
		return err
	}
	reorged, err := l.consentLogReorged(ctx, head, headHash)
	if err != nil {
		return err
	}
	if m.consent != c.registry || c.scopes == nil || reorged {
		// The events are read from the block the oldest registry was
		// deployed in: on a long-lived chain, from genesis would be
		// thousands of empty queries.
		addrs, err := l.registryLineage(ctx, m.consent)
		if err != nil {
			return err
		}
		first := uint64(math.MaxUint64)
		for _, a := range addrs {
			deployed, err := l.registryDeployedAt(ctx, a)
			if err != nil {
				return err
			}
			first = min(first, deployed)
		}
		c.registry, c.addresses, c.next = m.consent, addrs, first
		c.scopes, c.times = map[consentScopeKey][]consentEvent{}, map[uint64]uint64{}
	}
	topics := [][]common.Hash{{
		l.abi.Events[cohortsol.ConsentRegistryConsentChangedEventName].ID,
		l.abi.Events[cohortsol.ConsentRegistryConsentLoggedEventName].ID,
	}}
	if c.next > head {
		return nil
	}
	logs, err := l.chain.filterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(c.next), ToBlock: new(big.Int).SetUint64(head),
		Addresses: c.addresses, Topics: topics,
	})
	if err != nil {
		return err
	}
	for i := range logs {
		if err := l.addConsentEvent(ctx, &logs[i]); err != nil {
			c.scopes = nil // partly read: read again next time
			return err
		}
	}
	// A reorg during the query may have answered from another branch:
	// what was read is kept only if the head is still the node's block.
	if at, err := l.chain.BlockHash(ctx, head); err != nil || at != headHash {
		c.scopes = nil
		if err != nil {
			return err
		}
		return errConsentReadReorged
	}
	c.next, c.readHash = head+1, headHash
	return nil
}

// errConsentReadReorged is syncConsentLog's error when the chain
// reorganised while it read; syncConsentLog reads again.
var errConsentReadReorged = errors.New("contracts: the chain reorganised while consent events were read")

// consentLogReorged tells whether the consent events read so far may come
// from blocks no longer on the node's canonical chain (stillCanonical of
// the last block read). The caller holds l.consentLog.mu.
func (l *Ledger) consentLogReorged(ctx context.Context, head uint64, headHash common.Hash) (bool, error) {
	c := &l.consentLog
	if c.scopes == nil || c.next == 0 {
		return false, nil
	}
	ok, err := l.chain.stillCanonical(ctx, c.next-1, c.readHash, head, headHash)
	return !ok, err
}

func (l *Ledger) addConsentEvent(ctx context.Context, lg *types.Log) error {
	c := &l.consentLog
	if lg.Removed {
		return nil
	}
	key, ev, err := l.consentEventOf(ctx, lg, c.times)
	if err != nil {
		return err
	}
	c.scopes[key] = append(c.scopes[key], ev)
	return nil
}

// consentEventOf decodes a ConsentChanged or ConsentLogged log; times
// holds the block timestamps read so far, which a stored change's time
// is, and gains the ones read here.
func (l *Ledger) consentEventOf(ctx context.Context, lg *types.Log, times map[uint64]uint64) (consentScopeKey, consentEvent, error) {
	ev := consentEvent{block: lg.BlockNumber, index: lg.Index, tx: lg.TxHash}
	if lg.Topics[0] == l.abi.Events[cohortsol.ConsentRegistryConsentLoggedEventName].ID {
		e, err := l.consentReg.UnpackConsentLoggedEvent(lg)
		if err != nil {
			return consentScopeKey{}, consentEvent{}, fmt.Errorf("decoding ConsentLogged: %w", err)
		}
		t := e.Terms
		ev.logged = true
		ev.time = new(big.Int).And(t, big.NewInt(0).SetUint64(^uint64(0))).Uint64()
		ev.expiry = new(big.Int).Rsh(t, 64).Uint64()
		ev.bound = uint16(new(big.Int).Rsh(t, 128).Uint64())
		ev.granted = t.Bit(144) == 1
		return consentScopeKey{e.Patient, e.StudyId, e.Purpose}, ev, nil
	}
	e, err := l.consentReg.UnpackConsentChangedEvent(lg)
	if err != nil {
		return consentScopeKey{}, consentEvent{}, fmt.Errorf("decoding ConsentChanged: %w", err)
	}
	ev.granted, ev.expiry, ev.bound, ev.nonce = e.Granted, e.Expiry, e.MaxEpsilon, e.Nonce
	t, ok := times[lg.BlockNumber]
	if !ok {
		h, err := l.chain.client.HeaderByNumber(ctx, new(big.Int).SetUint64(lg.BlockNumber))
		if err != nil {
			return consentScopeKey{}, consentEvent{}, fmt.Errorf("contracts: reading block %d: %w", lg.BlockNumber, err)
		}
		t = h.Time
		times[lg.BlockNumber] = t
	}
	ev.time = t
	return consentScopeKey{e.Patient, e.StudyId, e.Purpose}, ev, nil
}

// decide returns the deciding change of a scope among those mined before
// block cutoff.
func (c *consentLog) decide(key consentScopeKey, cutoff uint64) (consentEvent, bool) {
	var best consentEvent
	found := false
	for _, e := range c.scopes[key] {
		if e.block < cutoff && (!found || e.after(best)) {
			best, found = e, true
		}
	}
	return best, found
}

// consentStatusesAt reduces the consent events to the status of each
// patient for a study as of a round (0: now): the state at the end of the
// block before the round opened, a grant's expiry compared to the round's
// opening time, a study-scoped decision over the purpose's.
func (l *Ledger) consentStatusesAt(ctx context.Context, patients []common.Hash, studyID uint64, asOfRound uint32) ([]ConsentStatus, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackConsentContext(studyID, asOfRound))
	if err != nil {
		return nil, err
	}
	cc, err := l.studies.UnpackConsentContext(out)
	if err != nil {
		return nil, err
	}
	l.consentLog.mu.Lock()
	defer l.consentLog.mu.Unlock()
	if err := l.syncConsentLog(ctx); err != nil {
		return nil, err
	}
	res := make([]ConsentStatus, len(patients))
	for i, p := range patients {
		e, found := l.consentLog.decide(consentScopeKey{p, studyID, common.Hash{}}, cc.CutoffBlock)
		res[i].StudyScoped = found
		if !found {
			e, found = l.consentLog.decide(consentScopeKey{p, 0, cc.Purpose}, cc.CutoffBlock)
		}
		if !found {
			continue
		}
		res[i].Record = e.record()
		switch {
		case !e.granted:
			res[i].State = ConsentRevoked
		case e.expiry <= cc.At:
			res[i].State = ConsentExpired
		default:
			res[i].State = ConsentActive
		}
	}
	return res, nil
}

// RelayConsentChanges relays signed changes of either kind from a member's
// account: logged ones (IssuedAt set) through LogConsentBatch, the others
// through RelayConsentBatch. Outcomes are in the order given; receipts and
// gas cover both.
func (l *Ledger) RelayConsentChanges(ctx context.Context, relayer *Account, changes []SignedConsent) (ConsentBatchResult, error) {
	var stored, logged []SignedConsent
	var storedAt, loggedAt []int
	for i, c := range changes {
		if c.logged() {
			logged, loggedAt = append(logged, c), append(loggedAt, i)
		} else {
			stored, storedAt = append(stored, c), append(storedAt, i)
		}
	}
	res := ConsentBatchResult{Outcomes: make([]ConsentOutcome, len(changes))}
	if len(changes) == 0 {
		return res, fmt.Errorf("relaying consent changes: %w: no changes", ErrInvalidParameter)
	}
	for _, part := range []struct {
		changes []SignedConsent
		at      []int
		relay   func(context.Context, *Account, []SignedConsent) (ConsentBatchResult, error)
	}{{stored, storedAt, l.RelayConsentBatch}, {logged, loggedAt, l.LogConsentBatch}} {
		if len(part.changes) == 0 {
			continue
		}
		r, err := part.relay(ctx, relayer, part.changes)
		for j, o := range r.Outcomes {
			res.Outcomes[part.at[j]] = o
		}
		res.Recorded += r.Recorded
		res.Receipts = append(res.Receipts, r.Receipts...)
		res.GasUsed += r.GasUsed
		if err != nil {
			return res, err
		}
	}
	return res, nil
}
