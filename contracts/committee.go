package contracts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// MaxCommitteeSize is the largest decryption committee the contract accepts.
const MaxCommitteeSize = 255

// CommitteeParams are the decryption committee a study's owner gives it
// before key generation: Size participants, chosen on chain, hold Shamir
// shares of every participant's key and the study's Threshold of them
// decrypt. Zero Size: no committee, every active participant holds shares.
type CommitteeParams struct {
	// Size is the number c of holders (at least the study's threshold, at
	// most MaxCommitteeSize).
	Size uint16
	// RotationRounds re-selects the committee after this many rounds; 0:
	// only when a member leaves or is suspended, or a vote asks for it.
	RotationRounds uint32
}

// Committee is a study's decryption committee as recorded on chain.
type Committee struct {
	CommitteeParams
	// Epoch counts the selections; 0 before the first.
	Epoch uint32
	// SelectedRound is the study's current round at the selection: the
	// committee serves the rounds after it.
	SelectedRound uint32
	// SelectedBlock is the block of the selection.
	SelectedBlock uint64
	// RotationVoted is set once a consortium vote asked for a new committee.
	RotationVoted bool
	// Seed is the selection's seed: keccak256(abi.encode(studyId, epoch,
	// blockhash(request block))).
	Seed common.Hash
	// RequestBlock is the block of a pending selection request; 0: none.
	RequestBlock uint64
	// Members are the holders, sorted by address.
	Members []common.Address
	// Current tells whether the committee serves the next round: selected,
	// no member left or suspended, no rotation due or voted.
	Current bool
}

// Has tells whether a is on the committee.
func (c Committee) Has(a common.Address) bool { return CommitteePoint(c.Members, a) != 0 }

// CommitteePoint is a committee member's Shamir point: 1 + its position
// in the committee's members sorted by address, 0 if it is not one. Every
// party derives the points from the chain alone.
func CommitteePoint(members []common.Address, a common.Address) uint64 {
	i, found := slices.BinarySearchFunc(members, a, func(x, y common.Address) int { return x.Cmp(y) })
	if !found {
		return 0
	}
	return uint64(i + 1)
}

// SelectCommitteeMembers is the contract's selection rule, for anyone to
// re-check a selection: the size candidates (the study's active
// participants at the request, as its CommitteeRequested event lists them)
// with the lowest uint256(keccak256(abi.encode(seed, candidate))), all of
// them if fewer, sorted by address.
func SelectCommitteeMembers(seed common.Hash, candidates []common.Address, size int) []common.Address {
	type scored struct {
		score *big.Int
		addr  common.Address
	}
	all := make([]scored, len(candidates))
	for i, a := range candidates {
		all[i] = scored{new(big.Int).SetBytes(crypto.Keccak256(seed[:], common.LeftPadBytes(a[:], 32))), a}
	}
	slices.SortFunc(all, func(x, y scored) int { return x.score.Cmp(y.score) })
	out := make([]common.Address, 0, min(size, len(all)))
	for _, s := range all[:min(size, len(all))] {
		out = append(out, s.addr)
	}
	slices.SortFunc(out, func(x, y common.Address) int { return bytes.Compare(x[:], y[:]) })
	return out
}

// SetCommittee gives a study a decryption committee, once, before its key is
// set; only the study's owner may (ErrNotAuthorised), and Size must lie in
// [Threshold, MaxCommitteeSize] (ErrInvalidParameter). CreateStudy calls it
// for StudyParams.Committee.
func (l *Ledger) SetCommittee(ctx context.Context, from *Account, studyID uint64, p CommitteeParams) (Receipt, error) {
	r, err := l.writeCommittees(ctx, from, studyID, l.committees.PackSetCommittee(studyID, p.Size, p.RotationRounds))
	if err != nil {
		return Receipt{}, fmt.Errorf("setting the committee of study %d: %w", studyID, err)
	}
	return receiptOf(r), nil
}

// CommitteeRequest is a pending committee selection: the selection of
// Epoch draws from Candidates (the study's active participants at Block)
// with the hash of Block.
type CommitteeRequest struct {
	Epoch      uint32
	Block      uint64
	Candidates []common.Address
}

// SelectCommittee lets the study's coordinator select its committee between
// rounds, when none is current (ErrCommitteeCurrent otherwise): before key
// generation, after a member left or was suspended, once RotationRounds
// rounds have opened since the last selection, or after a rotation vote.
// It takes two transactions (RequestCommittee, then CompleteCommittee in a
// later block), so nobody can choose the seed; a pending request is
// completed rather than made again, a lapsed one is made again. It returns
// the committee selected.
func (l *Ledger) SelectCommittee(ctx context.Context, from *Account, studyID uint64) (Committee, Receipt, error) {
	req, pending, err := l.PendingCommitteeRequest(ctx, studyID)
	if err != nil {
		return Committee{}, Receipt{}, err
	}
	if !pending {
		if req, _, err = l.RequestCommittee(ctx, from, studyID); err != nil {
			return Committee{}, Receipt{}, err
		}
	}
	c, r, err := l.CompleteCommittee(ctx, from, studyID, req)
	if errors.Is(err, ErrNoSelectionRequested) {
		// A participant completed the draw first (nodes complete one left
		// pending past their grace): the committee is the request's.
		if cur, cerr := l.Committee(ctx, studyID); cerr == nil && cur.Epoch == req.Epoch {
			return cur, Receipt{}, nil
		}
	}
	if errors.Is(err, ErrSelectionExpired) {
		if req, _, err = l.RequestCommittee(ctx, from, studyID); err != nil {
			return Committee{}, Receipt{}, err
		}
		c, r, err = l.CompleteCommittee(ctx, from, studyID, req)
	}
	return c, r, err
}

// RequestCommittee asks for a new committee (the coordinator only): the
// candidates are the study's active participants now, and the seed will
// be the hash of the request's block.
func (l *Ledger) RequestCommittee(ctx context.Context, from *Account, studyID uint64) (CommitteeRequest, Receipt, error) {
	wrap := func(err error) error { return fmt.Errorf("requesting a committee for study %d: %w", studyID, err) }
	r, err := l.writeCommittees(ctx, from, studyID, l.committees.PackRequestCommittee(studyID))
	if err != nil {
		return CommitteeRequest{}, Receipt{}, wrap(err)
	}
	lg := l.eventIn(r, cohortsol.CommitteesCommitteeRequestedEventName)
	if lg == nil {
		return CommitteeRequest{}, receiptOf(r), wrap(fmt.Errorf("%w: no CommitteeRequested event in transaction %s", ErrInconsistentLedger, r.TxHash))
	}
	ev, err := l.committees.UnpackCommitteeRequestedEvent(lg)
	if err != nil {
		return CommitteeRequest{}, receiptOf(r), wrap(err)
	}
	return CommitteeRequest{Epoch: ev.Epoch, Block: ev.RequestBlock, Candidates: ev.Candidates}, receiptOf(r), nil
}

// PendingCommitteeRequest returns the study's pending selection request,
// from the chain's record and its CommitteeRequested event; false if none
// is pending.
func (l *Ledger) PendingCommitteeRequest(ctx context.Context, studyID uint64) (CommitteeRequest, bool, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the committee request of study %d: %w", studyID, err)
	}
	c, err := l.committeeAt(ctx, studyID, nil)
	if err != nil {
		return CommitteeRequest{}, false, wrap(err)
	}
	if c.RequestBlock == 0 {
		return CommitteeRequest{}, false, nil
	}
	addr, err := l.committeesAddress(ctx, studyID)
	if err != nil {
		return CommitteeRequest{}, false, wrap(err)
	}
	logs, err := l.moduleEvents(ctx, addr, cohortsol.CommitteesCommitteeRequestedEventName, studyID)
	if err != nil {
		return CommitteeRequest{}, false, wrap(err)
	}
	for i := len(logs) - 1; i >= 0; i-- {
		if logs[i].BlockNumber != c.RequestBlock {
			continue
		}
		ev, err := l.committees.UnpackCommitteeRequestedEvent(&logs[i])
		if err != nil {
			return CommitteeRequest{}, false, wrap(err)
		}
		return CommitteeRequest{Epoch: ev.Epoch, Block: ev.RequestBlock, Candidates: ev.Candidates}, true, nil
	}
	return CommitteeRequest{}, false, wrap(fmt.Errorf("%w: a request at block %d but no CommitteeRequested event there", ErrInconsistentLedger, c.RequestBlock))
}

// CompleteCommittee completes the pending selection req in a block after
// its request's; the study's coordinator or any of its participants may.
func (l *Ledger) CompleteCommittee(ctx context.Context, from *Account, studyID uint64, req CommitteeRequest) (Committee, Receipt, error) {
	wrap := func(err error) error { return fmt.Errorf("selecting the committee of study %d: %w", studyID, err) }
	c, err := l.committeeAt(ctx, studyID, nil)
	if err != nil {
		return Committee{}, Receipt{}, wrap(err)
	}
	// The gas limit is given, not estimated: an estimate runs in the latest
	// block, which may be the request's, where the selection must revert.
	gas := completeCommitteeGas(int(c.Size), len(req.Candidates))
	r, err := l.writeModuleGas(ctx, from, func(m *moduleSet) common.Address { return m.committeesFor(studyID) }, l.committees.PackSelectCommittee(studyID, req.Candidates), gas)
	if err != nil {
		return Committee{}, Receipt{}, wrap(err)
	}
	if l.eventIn(r, cohortsol.CommitteesCommitteeSelectedEventName) == nil {
		return Committee{}, receiptOf(r), wrap(fmt.Errorf("%w: no CommitteeSelected event in transaction %s", ErrInconsistentLedger, r.TxHash))
	}
	if c, err = l.committeeAt(ctx, studyID, r.BlockNumber); err != nil {
		return Committee{}, receiptOf(r), wrap(err)
	}
	return c, receiptOf(r), nil
}

// completeCommitteeGas bounds the gas of selectCommittee for a committee of
// size drawn from candidates: the reads and calldata, a score and an
// insertion per candidate, and a fresh storage slot per member, times four
// for dev chains' pricing (geth --dev: 628,745 gas to select 3 of 5, against
// 182,721 under mainnet rules). Unused gas is not paid.
func completeCommitteeGas(size, candidates int) uint64 {
	mainnet := 100_000 + 25_000*size + 3_000*candidates + 100*size*candidates
	return min(uint64(4*mainnet), maxTxGas)
}

// Committee returns the study's decryption committee (Size 0: none).
func (l *Ledger) Committee(ctx context.Context, studyID uint64) (Committee, error) {
	c, err := l.committeeAt(ctx, studyID, nil)
	if err != nil {
		return Committee{}, fmt.Errorf("reading the committee of study %d: %w", studyID, err)
	}
	return c, nil
}

func (l *Ledger) committeeAt(ctx context.Context, studyID uint64, block *big.Int) (Committee, error) {
	addr, err := l.committeesAddress(ctx, studyID)
	if err != nil {
		return Committee{}, err
	}
	out, err := l.chain.callAt(ctx, addr, l.committees.PackGetCommittee(studyID), &l.abi, block)
	if err != nil {
		return Committee{}, err
	}
	rec, err := l.committees.UnpackGetCommittee(out)
	if err != nil {
		return Committee{}, err
	}
	c := Committee{
		CommitteeParams: CommitteeParams{Size: rec.Size, RotationRounds: rec.RotationRounds},
		Epoch:           rec.Epoch, SelectedRound: rec.SelectedRound, SelectedBlock: rec.SelectedBlock,
		RotationVoted: rec.RotationVoted, Seed: rec.Seed, Members: rec.Members, RequestBlock: rec.RequestBlock,
	}
	if c.Size == 0 {
		return c, nil
	}
	if out, err = l.chain.callAt(ctx, addr, l.committees.PackIsCurrent(studyID), &l.abi, block); err != nil {
		return Committee{}, err
	}
	if c.Current, err = l.committees.UnpackIsCurrent(out); err != nil {
		return Committee{}, err
	}
	return c, nil
}

// CommitteeSelections returns every committee the study has had, from the
// CommitteeSelected events, oldest first, with the block of each.
//
// A hospital off the committee reads them on every commit that makes it
// erase its share and whenever it joins again, so the ledger keeps what it
// read, up to the block it read to and that block's hash, and reads only
// the blocks mined since: selections are only ever added. Nothing is
// assumed about how deep a reorg goes: while the block read to is still
// on the node's canonical chain (same hash), so are the events kept; when
// a reorg replaced it, or the node's head is now below it, the events are
// read again from the study's creation.
func (l *Ledger) CommitteeSelections(ctx context.Context, studyID uint64) ([]Committee, error) {
	wrap := func(err error) error { return fmt.Errorf("reading the committees of study %d: %w", studyID, err) }
	addr, err := l.committeesAddress(ctx, studyID)
	if err != nil {
		return nil, wrap(err)
	}
	head, headHash, err := l.chain.head(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	l.selections.mu.Lock()
	defer l.selections.mu.Unlock()
	kept, ok := l.selections.studies[studyID]
	ok = ok && kept.module == addr
	if ok {
		if ok, err = l.chain.stillCanonical(ctx, kept.to, kept.hash, head, headHash); err != nil {
			return nil, wrap(err)
		}
	}
	if !ok {
		kept = selectionRead{module: addr}
	} else if kept.to == head {
		return cloneCommittees(kept.selections), nil
	}
	q := l.studyEventQuery(addr, cohortsol.CommitteesCommitteeSelectedEventName, studyID)
	if ok {
		q.FromBlock = new(big.Int).SetUint64(kept.to + 1)
	}
	q.ToBlock = new(big.Int).SetUint64(head)
	logs, err := l.studyLogs(ctx, studyID, q)
	if err != nil {
		return nil, wrap(err)
	}
	out := slices.Clip(kept.selections)
	for i := range logs {
		ev, err := l.committees.UnpackCommitteeSelectedEvent(&logs[i])
		if err != nil {
			return nil, wrap(err)
		}
		out = append(out, Committee{Epoch: ev.Epoch, Seed: ev.Seed, Members: ev.Members, SelectedBlock: logs[i].BlockNumber})
	}
	// Kept only if the head read is still the node's block there: a reorg
	// during the query may have answered from another branch.
	if at, err := l.chain.BlockHash(ctx, head); err == nil && at == headHash {
		if l.selections.studies == nil || len(l.selections.studies) >= maxSelectionReads {
			l.selections.studies = make(map[uint64]selectionRead)
		}
		l.selections.studies[studyID] = selectionRead{module: addr, to: head, hash: headHash, selections: out}
	}
	return cloneCommittees(out), nil
}

// selectionReads holds, by study, the committee selections a ledger read
// (CommitteeSelections).
type selectionReads struct {
	mu      sync.Mutex
	studies map[uint64]selectionRead
}

// selectionRead is a study's selections read from its Committees contract
// module up to block to, whose hash was hash.
type selectionRead struct {
	module     common.Address
	to         uint64
	hash       common.Hash
	selections []Committee
}

// maxSelectionReads bounds the studies whose selections a ledger keeps.
const maxSelectionReads = 16

// cloneCommittees copies committees and their member lists, which callers
// may change.
func cloneCommittees(in []Committee) []Committee {
	out := slices.Clone(in)
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
	}
	return out
}

// committeesAddress returns the Committees contract of the study's module.
func (l *Ledger) committeesAddress(ctx context.Context, studyID uint64) (common.Address, error) {
	m, err := l.resolve(ctx, false)
	if err != nil {
		return common.Address{}, err
	}
	return m.committeesFor(studyID), nil
}

// writeCommittees sends a transaction about a study to its module's Committees contract.
func (l *Ledger) writeCommittees(ctx context.Context, from *Account, studyID uint64, data []byte) (*types.Receipt, error) {
	return l.writeModule(ctx, from, func(m *moduleSet) common.Address { return m.committeesFor(studyID) }, data)
}
