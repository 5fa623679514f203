package contracts

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/sync/errgroup"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// ConsentBatchSize is the most consent changes RelayConsentBatch sends in
// one transaction: about 6.5 million gas under mainnet rules for first
// grants, well inside a block and the per-transaction gas cap. A chain
// that prices storage higher gets smaller transactions (inFittingChunks).
const ConsentBatchSize = 200

// ConsentOutcome is what the ConsentRegistry did with one change of a batch.
type ConsentOutcome uint8

// Outcomes, as numbered by the contract.
const (
	// ConsentRecorded: the change is on chain.
	ConsentRecorded ConsentOutcome = iota
	// ConsentSkippedBadScope: neither or both of study and purpose were set.
	ConsentSkippedBadScope
	// ConsentSkippedStudyNotFound: no study has the id.
	ConsentSkippedStudyNotFound
	// ConsentSkippedExpired: a grant whose expiry was not in the future.
	ConsentSkippedExpired
	// ConsentSkippedBadExpiry: a revocation with an expiry, or an expiry past year 36812.
	ConsentSkippedBadExpiry
	// ConsentSkippedInvalidNonce: a replayed or stale change, or a second
	// change of one scope in the batch without the next nonce.
	ConsentSkippedInvalidNonce
	// ConsentSkippedBadSignature: not signed by the patient's key.
	ConsentSkippedBadSignature
	// ConsentSkippedBadBound: a revocation with an ε bound.
	ConsentSkippedBadBound
	// ConsentSkippedFutureIssued: a logged change dated more than
	// ConsentClockSkew ahead of the chain.
	ConsentSkippedFutureIssued
	// ConsentSkippedStaleIssued: a logged change older than
	// ConsentFreshnessWindow (a late replay).
	ConsentSkippedStaleIssued
	// ConsentSkippedDuplicate: the same change (stored or logged) given
	// earlier in the batch; it is relayed once.
	ConsentSkippedDuplicate
	// ConsentSkippedBadEncoding: a packed entry the contract cannot read.
	ConsentSkippedBadEncoding
)

// String names the outcome.
func (o ConsentOutcome) String() string {
	switch o {
	case ConsentRecorded:
		return "recorded"
	case ConsentSkippedBadScope:
		return "bad scope"
	case ConsentSkippedStudyNotFound:
		return "study not found"
	case ConsentSkippedExpired:
		return "expired"
	case ConsentSkippedBadExpiry:
		return "bad expiry"
	case ConsentSkippedInvalidNonce:
		return "invalid nonce"
	case ConsentSkippedBadSignature:
		return "bad signature"
	case ConsentSkippedBadBound:
		return "bad ε bound"
	case ConsentSkippedFutureIssued:
		return "issued in the future"
	case ConsentSkippedStaleIssued:
		return "issued before the freshness window"
	case ConsentSkippedDuplicate:
		return "duplicate"
	case ConsentSkippedBadEncoding:
		return "bad encoding"
	default:
		return fmt.Sprintf("ConsentOutcome(%d)", uint8(o))
	}
}

// Err returns nil for a recorded change and otherwise the sentinel that
// RelayConsent would have failed with.
func (o ConsentOutcome) Err() error {
	switch o {
	case ConsentRecorded:
		return nil
	case ConsentSkippedBadScope, ConsentSkippedBadExpiry, ConsentSkippedBadBound, ConsentSkippedFutureIssued, ConsentSkippedBadEncoding:
		return ErrInvalidParameter
	case ConsentSkippedStudyNotFound:
		return ErrStudyNotFound
	case ConsentSkippedExpired:
		return ErrConsentExpired
	case ConsentSkippedInvalidNonce, ConsentSkippedStaleIssued:
		return ErrInvalidNonce
	case ConsentSkippedDuplicate:
		return ErrDuplicateConsent
	case ConsentSkippedBadSignature:
		return ErrBadSignature
	default:
		return ErrReverted
	}
}

// ConsentBatchResult is what RelayConsentBatch did.
type ConsentBatchResult struct {
	// Outcomes has one entry per change, in the order given.
	Outcomes []ConsentOutcome
	// Recorded counts the changes now on chain.
	Recorded int
	// Receipts are the batch's transactions, ConsentBatchSize changes each.
	Receipts []Receipt
	// GasUsed sums the transactions' gas.
	GasUsed uint64
}

// countRecorded counts the changes a batch put on chain.
func countRecorded(outcomes []ConsentOutcome) int {
	n := 0
	for _, o := range outcomes {
		if o == ConsentRecorded {
			n++
		}
	}
	return n
}

// RelayConsentBatch relays many patients' signed consent changes from a
// member's account, ConsentBatchSize per transaction. The ConsentRegistry
// checks each change as RelayConsent does; a change that fails a check is
// skipped and reported in its outcome (and a ConsentSkipped event) while the
// others are recorded: one patient's bad or stale signature must not hold
// back the consent of everyone else in the batch, nor make the hospital sign
// and send them again. Changes apply in order, so a second change of one
// patient's scope must carry the next nonce. A signature that is not the
// patient's, and a copy of a change earlier in the batch, are found off
// chain first (screenConsent), reported as ConsentSkippedBadSignature and
// ConsentSkippedDuplicate, and not sent. The error is for the batch as a
// whole: a relayer that is not an active member (ErrNotMember), a retired
// registry, a chain failure; transactions sent before it stay on chain and
// their outcomes are returned with it.
func (l *Ledger) RelayConsentBatch(ctx context.Context, relayer *Account, changes []SignedConsent) (ConsentBatchResult, error) {
	var res ConsentBatchResult
	if len(changes) == 0 {
		return res, fmt.Errorf("relaying a consent batch: %w: no changes", ErrInvalidParameter)
	}
	var err error
	if res.Outcomes, _, err = l.screenConsent(ctx, changes); err != nil {
		return res, fmt.Errorf("relaying a consent batch: %w", err)
	}
	send, at := screened(changes, res.Outcomes)
	err = inFittingChunks(send, func(start int, chunk []SignedConsent) error {
		outcomes, r, err := l.relayConsentChunk(ctx, relayer, chunk)
		if err != nil {
			return fmt.Errorf("relaying consent changes %d to %d of %d: %w", at[start]+1, at[start+len(chunk)-1]+1, len(changes), err)
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

// screenConsent checks a batch off chain, before any of it is sent, for
// what the registry would report misleadingly or only per transaction:
//
//   - a signature that is not the patient's key's for this change: the
//     registry checks the nonce before the signature, so another patient's
//     signature on the change of a patient with a change on record read as
//     a replay, and the hospital was told to have the patient sign again
//     with the current nonce;
//   - a change given again later in the batch (the same EIP-712 digest): a
//     copy in the same transaction is reported as a replay (stored) or a
//     duplicate (logged), but one that the split into transactions put in
//     another was reported as a replay or, logged, recorded again.
//
// It returns each change's outcome so far (ConsentRecorded: to be sent)
// and, for a bad signature, why. The error is for a change that cannot be
// hashed (a bad expiry or ε bound, a logged change with a nonce).
func (l *Ledger) screenConsent(ctx context.Context, changes []SignedConsent) ([]ConsentOutcome, []error, error) {
	d, err := l.ConsentDomain(ctx)
	if err != nil {
		return nil, nil, err
	}
	digests, why, err := consentSignatures(d, changes)
	if err != nil {
		return nil, nil, err
	}
	if slices.ContainsFunc(why, func(err error) bool { return err != nil }) {
		// A registry retired since this ledger read its modules has a
		// domain patients no longer sign for: judge by the current one.
		current, err := l.currentConsentDomain(ctx, d)
		if err != nil {
			return nil, nil, err
		}
		if current != d {
			if digests, why, err = consentSignatures(current, changes); err != nil {
				return nil, nil, err
			}
		}
	}
	outcomes := make([]ConsentOutcome, len(changes))
	first := make(map[common.Hash]bool, len(changes))
	for i, dg := range digests {
		switch {
		case why[i] != nil:
			outcomes[i] = ConsentSkippedBadSignature
		case dg == common.Hash{}: // a bad scope, left to the registry
		case first[dg]:
			outcomes[i] = ConsentSkippedDuplicate
		default:
			first[dg] = true
		}
	}
	return outcomes, why, nil
}

// consentSignatures returns the digest of each change in the domain d and,
// for a signature that is not its patient's, why (nil otherwise). It
// spreads the work over the CPUs: 70–100 µs a change on two loaded ones,
// 2–3 s for the 32,000 grants of a 100-hospital set-up
// (BenchmarkConsentRelayScreen).
func consentSignatures(d ConsentDomain, changes []SignedConsent) ([]common.Hash, []error, error) {
	digests := make([]common.Hash, len(changes))
	why := make([]error, len(changes))
	var g errgroup.Group
	workers := min(runtime.GOMAXPROCS(0), (len(changes)+63)/64)
	for w := range workers {
		g.Go(func() error {
			for i := w; i < len(changes); i += workers {
				s := changes[i]
				if !s.Scope.Valid() {
					continue // the registry says so first, and a digest of it means nothing
				}
				dg, err := ConsentDigest(d, s.ConsentChange)
				if err != nil {
					return fmt.Errorf("change %d (patient %s): %w", i+1, s.Patient, err)
				}
				digests[i] = dg
				if signer, err := consentSignerOf(dg, s.Signature); err != nil {
					why[i] = err
				} else if signer != s.Patient {
					why[i] = notThePatients(s)
				}
			}
			return nil
		})
	}
	return digests, why, g.Wait()
}

// currentConsentDomain returns d, or the domain of the registry that
// replaced d's if a vote retired it since this ledger read its modules.
func (l *Ledger) currentConsentDomain(ctx context.Context, d ConsentDomain) (ConsentDomain, error) {
	out, err := l.chain.call(ctx, d.Contract, l.consentReg.PackSuccessor(), &l.abi)
	if err != nil {
		return d, err
	}
	next, err := l.consentReg.UnpackSuccessor(out)
	if err != nil || next == (common.Address{}) {
		return d, err
	}
	if _, err := l.resolve(ctx, true); err != nil {
		return d, err
	}
	return l.ConsentDomain(ctx)
}

// screened returns the changes screenConsent left to send and the index
// of each in changes.
func screened(changes []SignedConsent, outcomes []ConsentOutcome) ([]SignedConsent, []int) {
	var send []SignedConsent
	var at []int
	for i, o := range outcomes {
		if o == ConsentRecorded {
			send, at = append(send, changes[i]), append(at, i)
		}
	}
	return send, at
}

// inFittingChunks sends changes in chunks of at most ConsentBatchSize,
// in order, through send (start: the chunk's index in changes). A chunk
// that needs more gas than a block allows is sent again halved, and the
// rest of the batch goes at that size: a block of geth --dev, at its
// storage prices, holds about 90 first grants, where 200 fit one under
// mainnet rules. Nothing of a chunk refused so is sent.
func inFittingChunks(changes []SignedConsent, send func(start int, chunk []SignedConsent) error) error {
	size := ConsentBatchSize
	for start := 0; start < len(changes); {
		chunk := changes[start:min(start+size, len(changes))]
		err := send(start, chunk)
		if tooBigForABlock(err) && len(chunk) > 1 {
			size = (len(chunk) + 1) / 2
			continue
		}
		if err != nil {
			return err
		}
		start += len(chunk)
	}
	return nil
}

// tooBigForABlock reports whether estimating a chunk's gas failed as a
// chunk too big for a block does: ErrGasAllowance when the batch itself
// runs out of the block's gas, or a revert with no data when a call it
// makes does (the 63/64 rule leaves the batch gas to revert with, and
// nothing to say why). The relay functions revert with data on every
// refusal of their own, so an empty revert is taken for gas; a chunk of
// one still returns it as it is.
func tooBigForABlock(err error) bool {
	var rev *RevertError
	return errors.Is(err, ErrGasAllowance) || (errors.As(err, &rev) && len(rev.Data) == 0)
}

// consentGas keeps the most gas a consent batch of each size used, so that
// later batches of that size are sent with half as much again as their
// limit instead of an estimate: estimating runs the batch's signature
// checks once more, and on the simulated chain it does so under the lock
// that mines, so the 160 batches of a 100-hospital set-up ran twice. A
// batch sent without an estimate is dry-run on its first entry first (see
// relayConsentChunk), so one that would revert is still never mined.
type consentGas struct {
	mu   sync.Mutex
	used map[int]uint64
}

// limit is the gas limit for a batch of n changes, 0 (estimate) for a size
// not seen yet.
func (g *consentGas) limit(n int) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	u := g.used[n]
	if u == 0 {
		return 0
	}
	return min(u+u/2, maxTxGas)
}

// learn records the gas a batch of n changes used.
func (g *consentGas) learn(n int, used uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.used == nil {
		g.used = map[int]uint64{}
	}
	g.used[n] = max(g.used[n], used)
}

func (l *Ledger) relayConsentChunk(ctx context.Context, relayer *Account, chunk []SignedConsent) ([]ConsentOutcome, Receipt, error) {
	entries := make([]cohortsol.ConsentRegistrySignedChange, len(chunk))
	for i, s := range chunk {
		if s.logged() {
			return nil, Receipt{}, fmt.Errorf("change %d (patient %s): %w: a logged change (issuedAt set) goes through LogConsentBatch", i+1, s.Patient, ErrInvalidParameter)
		}
		expiry, err := s.expiryUnix()
		if err != nil {
			return nil, Receipt{}, fmt.Errorf("change %d (patient %s): %w", i+1, s.Patient, err)
		}
		bound, err := s.maxEpsilonFixed()
		if err != nil {
			return nil, Receipt{}, fmt.Errorf("change %d (patient %s): %w", i+1, s.Patient, err)
		}
		e := cohortsol.ConsentRegistrySignedChange{
			Patient: s.Patient, StudyId: s.Scope.StudyID, Purpose: s.Scope.Purpose,
			Granted: s.Granted, Expiry: expiry, MaxEpsilon: bound, Nonce: s.Nonce,
		}
		// A signature of the wrong length is sent as zeros: the contract
		// reports it as a bad signature like any other.
		if len(s.Signature) == crypto.SignatureLength {
			copy(e.R[:], s.Signature[:32])
			copy(e.S[:], s.Signature[32:64])
			e.V = s.Signature[64]
		}
		entries[i] = e
	}
	data, err := l.consentReg.TryPackRelayConsentBatch(entries)
	if err != nil {
		return nil, Receipt{}, err
	}
	// A batch of a size relayed before goes with a limit learnt from it,
	// skipping the estimation; one that runs out of it goes again, estimated.
	gas := l.consentGas.limit(len(chunk))
	var probe []byte
	if gas > 0 {
		// Without an estimate a batch that reverts would be mined and its
		// gas paid. relayConsentBatch reverts as a whole only for who relays
		// to which registry (a non-member, a retired registry) or an empty
		// batch; every entry's own fault is skipped. So a dry run of the
		// first entry alone (one signature check of up to 200) meets every
		// such revert, in the contract's own words, before anything is sent.
		if probe, err = l.consentReg.TryPackRelayConsentBatch(entries[:1]); err != nil {
			return nil, Receipt{}, err
		}
	}
	var rc *types.Receipt
	err = l.onModule(ctx, currentConsent, func(a common.Address) error {
		if probe != nil {
			if _, err := l.chain.callFrom(ctx, relayer.Address(), a, probe, &l.abi); err != nil {
				return fmt.Errorf("the consent registry %s refuses a batch from %s (nothing was sent): %w", a, relayer.Address(), err)
			}
		}
		var err error
		rc, err = l.chain.transactGas(ctx, relayer, &a, data, &l.abi, gas)
		return err
	})
	if err != nil && gas > 0 && rc != nil && rc.GasUsed >= gas {
		rc, err = l.writeModule(ctx, relayer, currentConsent, data)
	}
	if err != nil {
		return nil, Receipt{}, err
	}
	l.consentGas.learn(len(chunk), rc.GasUsed)
	outcomes, err := l.consentOutcomes(rc, len(chunk), cohortsol.ConsentRegistryConsentChangedEventName, func(i int) int { return i })
	if err != nil {
		return nil, receiptOf(rc), err
	}
	return outcomes, receiptOf(rc), nil
}

// consentOutcomes reads a consent batch's outcomes from its receipt: each
// ConsentSkipped event sets the outcome of entry at(index), and the
// recorded events (named recordedEvent) must number the entries not
// skipped.
func (l *Ledger) consentOutcomes(rc *types.Receipt, n int, recordedEvent string, at func(int) int) ([]ConsentOutcome, error) {
	outcomes := make([]ConsentOutcome, n)
	recorded := n
	skipped := l.abi.Events[cohortsol.ConsentRegistryConsentSkippedEventName].ID
	done := l.abi.Events[recordedEvent].ID
	var events int
	for _, lg := range rc.Logs {
		if len(lg.Topics) == 0 { // only the registry emits these events in its transaction
			continue
		}
		switch lg.Topics[0] {
		case done:
			events++
		case skipped:
			ev, err := l.consentReg.UnpackConsentSkippedEvent(lg)
			if err != nil {
				return nil, fmt.Errorf("decoding ConsentSkipped: %w", err)
			}
			i := ev.Index.Uint64()
			if i >= uint64(n) || outcomes[at(int(i))] != ConsentRecorded || ev.Reason == uint8(ConsentRecorded) {
				return nil, fmt.Errorf("%w: ConsentSkipped for entry %d of %d in transaction %s", ErrInconsistentLedger, i, n, rc.TxHash)
			}
			outcomes[at(int(i))] = ConsentOutcome(ev.Reason)
			recorded--
		}
	}
	if events != recorded {
		return nil, fmt.Errorf("%w: %d %s events for %d recorded changes in transaction %s", ErrInconsistentLedger, events, recordedEvent, recorded, rc.TxHash)
	}
	return outcomes, nil
}
