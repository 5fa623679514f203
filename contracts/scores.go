package contracts

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// flagSuspicious is the contract's FLAG_SUSPICIOUS bit of a score entry.
const flagSuspicious = 1

// Score is the coordinator's verdict on one participant's update in a round.
// Scores and weights are stored with 6 decimal digits (see MetricUnit).
type Score struct {
	Member common.Address
	// Score is the update's trust score, e.g. a cosine similarity with the
	// reference update; within ±2147.
	Score float64
	// Weight is the update's weight in the aggregate, in [0, 4294].
	Weight float64
	// Flagged marks the update as suspicious: its sender receives a strike.
	Flagged bool
}

// PackScore encodes a score as the contract's score-entry word: bits 0-159
// the member, 160-191 the weight (uint32 fixed point), 192-223 the score
// (int32 fixed point, two's complement), 224-231 the flags.
func PackScore(s Score) (*big.Int, error) {
	fixedScore, fixedWeight := math.Round(s.Score*MetricUnit), math.Round(s.Weight*MetricUnit)
	if math.IsNaN(fixedScore) || math.Abs(fixedScore) > math.MaxInt32 {
		return nil, fmt.Errorf("%w: score %v of %s is outside ±%v", ErrInvalidParameter, s.Score, s.Member, float64(math.MaxInt32)/MetricUnit)
	}
	if math.IsNaN(fixedWeight) || fixedWeight < 0 || fixedWeight > math.MaxUint32 {
		return nil, fmt.Errorf("%w: weight %v of %s is outside [0, %v]", ErrInvalidParameter, s.Weight, s.Member, float64(math.MaxUint32)/MetricUnit)
	}
	score := uint32(int32(fixedScore))
	weight := uint32(fixedWeight)
	var flags uint64
	if s.Flagged {
		flags = flagSuspicious
	}
	word := new(big.Int).SetBytes(s.Member.Bytes())
	word.Or(word, new(big.Int).Lsh(new(big.Int).SetUint64(uint64(weight)), 160))
	word.Or(word, new(big.Int).Lsh(new(big.Int).SetUint64(uint64(score)), 192))
	word.Or(word, new(big.Int).Lsh(new(big.Int).SetUint64(flags), 224))
	return word, nil
}

// UnpackScore decodes a score-entry word (see PackScore).
func UnpackScore(word *big.Int) Score {
	var b [32]byte
	word.FillBytes(b[:])
	flags := b[3]
	score := int32(uint32(b[4])<<24 | uint32(b[5])<<16 | uint32(b[6])<<8 | uint32(b[7]))
	weight := uint32(b[8])<<24 | uint32(b[9])<<16 | uint32(b[10])<<8 | uint32(b[11])
	return Score{
		Member:  common.BytesToAddress(b[12:]),
		Score:   float64(score) / MetricUnit,
		Weight:  float64(weight) / MetricUnit,
		Flagged: flags&flagSuspicious != 0,
	}
}

// NextScoresHash returns the scores hash a round stores after a chunk of
// entries is recorded on top of prev: keccak256(abi.encodePacked(prev, entries)).
func NextScoresHash(prev common.Hash, entries []*big.Int) common.Hash {
	buf := make([]byte, 0, 32*(len(entries)+1))
	buf = append(buf, prev[:]...)
	for _, e := range entries {
		buf = append(buf, common.BigToHash(e).Bytes()...)
	}
	return crypto.Keccak256Hash(buf)
}

// RecordScores records the coordinator's scores, weights and flags for an
// open round, in one transaction (sorted by member address here, as the
// contract requires). Each flagged member receives a strike and is suspended
// from the study once it reaches the study's strike limit. Only the
// coordinator may call it; it may be called several times per round with
// different members.
func (l *Ledger) RecordScores(ctx context.Context, from *Account, studyID uint64, round uint32, scores []Score) (Receipt, error) {
	wrap := func(err error) error {
		return fmt.Errorf("recording scores for round %d of study %d: %w", round, studyID, err)
	}
	sorted := slices.Clone(scores)
	slices.SortFunc(sorted, func(a, b Score) int { return bytes.Compare(a.Member[:], b.Member[:]) })
	entries := make([]*big.Int, len(sorted))
	for i, s := range sorted {
		e, err := PackScore(s)
		if err != nil {
			return Receipt{}, wrap(err)
		}
		entries[i] = e
	}
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackRecordScores(studyID, round, entries))
	if err != nil {
		return Receipt{}, wrap(err)
	}
	return receiptOf(r), nil
}

// endorsementTypeHash is the EIP-712 type a participant signs to endorse a
// round's recorded scores (Committees.ENDORSEMENT_TYPEHASH).
var endorsementTypeHash = crypto.Keccak256Hash([]byte("ScoresEndorsement(uint64 studyId,uint32 round,bytes32 scoresHash)"))

// EndorsementDigest is the EIP-712 digest a participant signs to endorse a
// round's scores hash, in the domain of the study's Studies module.
func EndorsementDigest(d CommitDomain, studyID uint64, round uint32, scoresHash common.Hash) (common.Hash, error) {
	domain, err := d.separator()
	if err != nil {
		return common.Hash{}, err
	}
	structHash := crypto.Keccak256Hash(endorsementTypeHash[:], word(studyID), word(uint64(round)), scoresHash[:])
	return crypto.Keccak256Hash([]byte("\x19\x01"), domain[:], structHash[:]), nil
}

// SignEndorsement signs a participant's endorsement of a round's recorded
// scores: it re-derived the flags they carry and agrees with them. A
// member's strike on the scores needs the study's threshold of these
// (ConfirmStrikes).
func SignEndorsement(key *ecdsa.PrivateKey, d CommitDomain, studyID uint64, round uint32, scoresHash common.Hash) ([]byte, error) {
	digest, err := EndorsementDigest(d, studyID, round, scoresHash)
	if err != nil {
		return nil, err
	}
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return nil, fmt.Errorf("contracts: signing an endorsement: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// EndorsementSigner returns who signed an endorsement of the round's scores
// hash (ErrBadEndorsement if it is malformed).
func EndorsementSigner(d CommitDomain, studyID uint64, round uint32, scoresHash common.Hash, sig []byte) (common.Address, error) {
	if len(sig) != crypto.SignatureLength || sig[64] < 27 {
		return common.Address{}, fmt.Errorf("%w: %d bytes, want a %d-byte [R || S || V] signature with V 27 or 28", ErrBadEndorsement, len(sig), crypto.SignatureLength)
	}
	digest, err := EndorsementDigest(d, studyID, round, scoresHash)
	if err != nil {
		return common.Address{}, err
	}
	plain := slices.Clone(sig)
	plain[64] -= 27
	pub, err := crypto.SigToPub(digest[:], plain)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadEndorsement, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// ConfirmStrikes gives the members that round's recorded scores flagged
// their strikes (each suspended once it reaches the study's strike limit),
// with endorsements of the round's scores by at least the study's threshold
// of participants in good standing (by signer; SignEndorsement). The
// contract checks every signature and that flagged are exactly the members
// the scores flagged since the last confirmation, in recording order (by
// address for one RecordScores). Only the coordinator may call it.
// ErrNoStrikePending: nobody's strike awaits in the round, e.g. the
// participants' own endorsements struck them first (EndorseScores).
func (l *Ledger) ConfirmStrikes(ctx context.Context, from *Account, studyID uint64, round uint32, flagged []common.Address, endorsements map[common.Address][]byte) (Receipt, error) {
	signers := slices.SortedFunc(maps.Keys(endorsements), common.Address.Cmp)
	packed := make([]byte, 0, len(signers)*crypto.SignatureLength)
	for _, a := range signers {
		packed = append(packed, endorsements[a]...)
	}
	r, err := l.writeCommittees(ctx, from, studyID, l.committees.PackConfirmStrikes(studyID, round, flagged, packed))
	if err != nil {
		return Receipt{}, fmt.Errorf("confirming the strikes of round %d of study %d: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}

// FlaggedHash is the hash the chain keeps of the flagged members of a round
// whose strikes are pending: keccak256(abi.encodePacked(h, member)) chained
// over them in recording order, from zero.
func FlaggedHash(flagged []common.Address) common.Hash {
	var h common.Hash
	for _, a := range flagged {
		h = crypto.Keccak256Hash(h[:], a[:])
	}
	return h
}

// StrikeStatus is where a round's strikes stand on chain.
type StrikeStatus struct {
	// ScoresHash is the round's recorded scores hash: what an endorsement
	// signs or names.
	ScoresHash common.Hash
	// FlaggedHash chains the flagged members whose strikes are pending
	// (FlaggedHash); zero when none are: nobody was flagged, or they were
	// struck already.
	FlaggedHash common.Hash
	// Threshold is the number of endorsements that strike them.
	Threshold uint32
}

// Pending tells whether flagged members of the round await their strikes.
func (s StrikeStatus) Pending() bool { return s.FlaggedHash != (common.Hash{}) }

// PendingStrike reads where a round's strikes stand (one call): whether
// flagged members await their strikes, and the scores hash an endorsement
// of them must name.
func (l *Ledger) PendingStrike(ctx context.Context, studyID uint64, round uint32) (StrikeStatus, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the pending strikes of round %d of study %d: %w", round, studyID, err)
	}
	out, err := l.readStudy(ctx, studyID, l.studies.PackEndorsementContext(studyID, round))
	if err != nil {
		return StrikeStatus{}, wrap(err)
	}
	c, err := l.studies.UnpackEndorsementContext(out)
	if err != nil {
		return StrikeStatus{}, wrap(err)
	}
	return StrikeStatus{ScoresHash: c.ScoresHash, FlaggedHash: c.Flagged, Threshold: c.Threshold}, nil
}

// EndorseScores puts from's own endorsement of a round's recorded scores on
// chain (Committees.endorseScores): from, a participant in good standing
// (ErrNotInGoodStanding), re-derived their flags and says so itself, with
// no signature and no coordinator. When the study's threshold of distinct
// participants did so, the transaction of the last one strikes the
// flagged members, as ConfirmStrikes would. scoresHash is the hash from
// checked (ErrScoresChanged if the round's is another now) and flagged are
// the members its scores flag, in recording order (ErrInvalidParameter
// otherwise). ErrNoStrikePending: nobody's strike awaits in the round
// (none flagged, or struck already); ErrAlreadyEndorsed: from endorsed
// this scores hash on chain before.
func (l *Ledger) EndorseScores(ctx context.Context, from *Account, studyID uint64, round uint32, scoresHash common.Hash, flagged []common.Address) (Receipt, error) {
	r, err := l.writeCommittees(ctx, from, studyID, l.committees.PackEndorseScores(studyID, round, scoresHash, flagged))
	if err != nil {
		return Receipt{}, fmt.Errorf("endorsing the scores of round %d of study %d on chain: %w", round, studyID, err)
	}
	return receiptOf(r), nil
}

// OnChainEndorsement is a participant's endorsement of a round's scores
// sent on chain by itself (EndorseScores).
type OnChainEndorsement struct {
	Round      uint32
	Endorser   common.Address
	ScoresHash common.Hash
	// Count is the number of distinct endorsers of the round's scores hash
	// on chain with this one; the one that reaches the study's threshold
	// strikes the flagged members.
	Count uint64
	Block uint64
}

// OnChainEndorsements returns the endorsements of a study's scores that
// participants sent on chain themselves, in chain order.
func (l *Ledger) OnChainEndorsements(ctx context.Context, studyID uint64) ([]OnChainEndorsement, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the on-chain endorsements of study %d: %w", studyID, err)
	}
	addr, err := l.committeesAddress(ctx, studyID)
	if err != nil {
		return nil, wrap(err)
	}
	logs, err := l.moduleEvents(ctx, addr, cohortsol.CommitteesScoresEndorsedEventName, studyID)
	if err != nil {
		return nil, wrap(err)
	}
	out := make([]OnChainEndorsement, 0, len(logs))
	for i := range logs {
		ev, err := l.committees.UnpackScoresEndorsedEvent(&logs[i])
		if err != nil {
			return nil, wrap(err)
		}
		out = append(out, OnChainEndorsement{
			Round: ev.Round, Endorser: ev.Endorser, ScoresHash: ev.ScoresHash, Count: ev.Endorsements.Uint64(), Block: logs[i].BlockNumber,
		})
	}
	return out, nil
}

// Scores returns the scores recorded for a round, in recording order, read
// from the ScoresRecorded events and checked against the round's scores hash.
func (l *Ledger) Scores(ctx context.Context, studyID uint64, round uint32) ([]Score, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the scores of round %d of study %d: %w", round, studyID, err)
	}
	head, err := l.chain.BlockNumber(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	at := new(big.Int).SetUint64(head)
	rec, err := l.roundRecord(ctx, studyID, round, at)
	if err != nil {
		return nil, wrap(err)
	}
	module, err := l.studyModule(ctx, studyID)
	if err != nil {
		return nil, wrap(err)
	}
	q := ethereum.FilterQuery{
		FromBlock: rec.OpenedBlock,
		ToBlock:   at,
		Addresses: []common.Address{module},
		Topics: [][]common.Hash{
			{l.abi.Events[cohortsol.StudiesScoresRecordedEventName].ID},
			{common.BigToHash(new(big.Int).SetUint64(studyID))},
			{common.BigToHash(big.NewInt(int64(round)))},
		},
	}
	if rec.Status != roundStatusOpen {
		q.ToBlock = rec.ClosedBlock
	}
	logs, err := l.chain.filterLogs(ctx, q)
	if err != nil {
		return nil, wrap(err)
	}
	var out []Score
	var h common.Hash
	for i := range logs {
		ev, err := l.studies.UnpackScoresRecordedEvent(&logs[i])
		if err != nil {
			return nil, wrap(fmt.Errorf("decoding a ScoresRecorded event: %w", err))
		}
		h = NextScoresHash(h, ev.Entries)
		for _, e := range ev.Entries {
			out = append(out, UnpackScore(e))
		}
	}
	if h != rec.ScoresHash {
		return nil, wrap(fmt.Errorf("%w: the ScoresRecorded events hash to %s, the contract stores %s", ErrInconsistentLedger, h, common.Hash(rec.ScoresHash)))
	}
	return out, nil
}

// Participant is a member's standing in a study.
type Participant struct {
	// Index is the 1-based joining order; 0 if the member has not joined.
	Index uint16
	// Strikes is the number of strikes since joining or the last reinstatement.
	Strikes uint16
	// Suspended members' commits are refused until members vote to reinstate them.
	Suspended bool
	// LastCommittedRound is the last round the member committed an update to.
	LastCommittedRound uint32
	// Left is true once the member left the study (LeaveStudy) or a
	// member vote excluded it (ProposeExclusion).
	Left bool
	// Removed is true once a member vote excluded it: it may not join
	// again (ErrRemovedByVote) until a reinstatement vote carries. A
	// member that left by itself may join again.
	Removed bool
}

// Participant returns a member's standing in a study (Index 0 if it has not
// joined), or ErrStudyNotFound.
func (l *Ledger) Participant(ctx context.Context, studyID uint64, member common.Address) (Participant, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackGetParticipant(studyID, member))
	if err != nil {
		return Participant{}, fmt.Errorf("reading the standing of %s in study %d: %w", member, studyID, err)
	}
	p, err := l.studies.UnpackGetParticipant(out)
	if err != nil {
		return Participant{}, fmt.Errorf("reading the standing of %s in study %d: %w", member, studyID, err)
	}
	return Participant{Index: p.Index, Strikes: p.Strikes, Suspended: p.Suspended, LastCommittedRound: p.LastCommittedRound, Left: p.Left, Removed: p.Removed}, nil
}

// FirstNotInGoodStanding returns the index of the first of accounts that
// never joined the study, left it or is suspended, and false if every one
// is in good standing: one call for a list, where Participant costs one
// per member.
func (l *Ledger) FirstNotInGoodStanding(ctx context.Context, studyID uint64, accounts []common.Address) (int, bool, error) {
	out, err := l.readStudy(ctx, studyID, l.studies.PackFirstNotInGoodStanding(studyID, accounts))
	if err != nil {
		return 0, false, fmt.Errorf("reading the standing of %d members of study %d: %w", len(accounts), studyID, err)
	}
	i, err := l.studies.UnpackFirstNotInGoodStanding(out)
	if err != nil {
		return 0, false, fmt.Errorf("reading the standing of %d members of study %d: %w", len(accounts), studyID, err)
	}
	if !i.IsUint64() || i.Uint64() >= uint64(len(accounts)) {
		return 0, false, nil
	}
	return int(i.Uint64()), true, nil
}

// StrikeReason tells why a member received a strike.
type StrikeReason uint8

// Strike reasons, as numbered by the contract.
const (
	// StrikeFlagged: the round's recorded scores flagged the member's
	// update, and the study's threshold of participants endorsed them. It
	// is the only reason: the coordinator cannot strike on its own word.
	StrikeFlagged StrikeReason = 0
)

// String names the reason.
func (r StrikeReason) String() string {
	switch r {
	case StrikeFlagged:
		return "flagged"
	default:
		return fmt.Sprintf("StrikeReason(%d)", uint8(r))
	}
}

// Strike is one strike recorded against a member in a study.
type Strike struct {
	Member common.Address
	Round  uint32
	Reason StrikeReason
	// Evidence is the round's scores hash: what the endorsements signed.
	Evidence common.Hash
	// Strikes is the member's strike count after this strike.
	Strikes uint16
	Block   uint64
}

// Strikes returns every strike recorded in a study, in chain order, for the
// audit trail.
func (l *Ledger) Strikes(ctx context.Context, studyID uint64) ([]Strike, error) {
	logs, err := l.studyEvents(ctx, cohortsol.StudiesStrikeRecordedEventName, studyID)
	if err != nil {
		return nil, fmt.Errorf("reading the strikes of study %d: %w", studyID, err)
	}
	var out []Strike
	for i := range logs {
		ev, err := l.studies.UnpackStrikeRecordedEvent(&logs[i])
		if err != nil {
			return nil, fmt.Errorf("reading the strikes of study %d: decoding StrikeRecorded: %w", studyID, err)
		}
		out = append(out, Strike{
			Member: ev.Member, Round: ev.Round, Reason: StrikeReason(ev.Reason),
			Evidence: ev.EvidenceHash, Strikes: ev.Strikes, Block: logs[i].BlockNumber,
		})
	}
	return out, nil
}

// DisputeAggregate records that from, a participant of the study, refused
// round's aggregate as not the weighted sum of the committed updates;
// evidence is the hash of what it found (kept off chain by the reporter).
// Once per participant, round and aggregate (ErrDuplicateEvidence).
func (l *Ledger) DisputeAggregate(ctx context.Context, from *Account, studyID uint64, round uint32, aggregate, evidence common.Hash) (Receipt, error) {
	r, err := l.writeStudy(ctx, from, studyID, l.studies.PackDisputeAggregate(studyID, round, aggregate, evidence))
	if err != nil {
		return Receipt{}, fmt.Errorf("disputing the aggregate %s of round %d of study %d: %w", aggregate, round, studyID, err)
	}
	return receiptOf(r), nil
}

// Dispute is a participant's on-chain refusal of a round's aggregate.
type Dispute struct {
	Reporter  common.Address
	Round     uint32
	Aggregate common.Hash
	Evidence  common.Hash
	Block     uint64
}

// Disputes returns every dispute of an aggregate in a study, in chain order.
func (l *Ledger) Disputes(ctx context.Context, studyID uint64) ([]Dispute, error) {
	logs, err := l.studyEvents(ctx, cohortsol.StudiesAggregateDisputedEventName, studyID)
	if err != nil {
		return nil, fmt.Errorf("reading the disputes of study %d: %w", studyID, err)
	}
	out := make([]Dispute, 0, len(logs))
	for i := range logs {
		ev, err := l.studies.UnpackAggregateDisputedEvent(&logs[i])
		if err != nil {
			return nil, fmt.Errorf("reading the disputes of study %d: decoding AggregateDisputed: %w", studyID, err)
		}
		out = append(out, Dispute{Reporter: ev.Reporter, Round: ev.Round, Aggregate: ev.AggregateHash, Evidence: ev.EvidenceHash, Block: logs[i].BlockNumber})
	}
	return out, nil
}
