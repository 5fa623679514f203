package participant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// The drivers of the score and decrypt phases: each reads from the chain
// and the coordinator's blob store what its step (steps_round.go) checks,
// runs the step and sends what it decided.

// roundFacts reads the study, the round's commitments and the committed
// updates of addrs, stopping at the first without a commitment (the step
// refuses it).
func (p *Participant) roundFacts(ctx context.Context, round uint32, addrs []common.Address) (roundFacts, error) {
	f, err := p.chainFacts(ctx, round)
	if err != nil || f.committed == nil {
		return f, err
	}
	for _, addr := range addrs {
		cm, ok := f.committed[addr]
		if !ok || cm.CiphertextHash == (common.Hash{}) {
			break
		}
		u, err := p.fetchUpdate(ctx, round, cm.CiphertextHash)
		if err != nil {
			return f, err
		}
		f.updates = append(f.updates, u)
	}
	return f, nil
}

// roundUpdates are one round's committed updates this node fetched, by
// hash (each checked against it, and decoded, when fetched).
type roundUpdates struct {
	round  uint32
	byHash map[common.Hash]sealedUpdate
}

// fetchUpdate returns round's committed update h, fetched, checked and
// decoded once per round: the score and decrypt phases of a robust round
// both read every update, 1.6 MB each at 100k parameters (160 MB for a
// holder at 100 hospitals). Only the latest round's are kept.
func (p *Participant) fetchUpdate(ctx context.Context, round uint32, h common.Hash) (sealedUpdate, error) {
	if p.fetched == nil || p.fetched.round != round {
		p.fetched = &roundUpdates{round: round, byHash: map[common.Hash]sealedUpdate{}}
	}
	if u, ok := p.fetched.byHash[h]; ok {
		return u, nil
	}
	u, err := p.fetchSealed(ctx, h)
	if err != nil {
		return sealedUpdate{}, err
	}
	p.fetched.byHash[h] = u
	return u, nil
}

// forgetRound drops what a holder keeps of a round between its score and
// decrypt phases, the committed updates (160 MB at 100 hospitals) and the
// scoring references, once it gave its decryption share. A task of the
// round asked again, after a restart of either side, fetches and
// recomputes them.
func (p *Participant) forgetRound() {
	p.fetched, p.refs = nil, nil
}

// forgetOtherRounds is forgetRound for any round but round, when a round
// starts.
func (p *Participant) forgetOtherRounds(round uint32) {
	if p.fetched != nil && p.fetched.round != round {
		p.fetched = nil
	}
	if p.refs != nil && p.refs.key.round != round {
		p.refs = nil
	}
}

// chainFacts reads the study and the round's commitments, without the
// updates.
func (p *Participant) chainFacts(ctx context.Context, round uint32) (roundFacts, error) {
	var f roundFacts
	var err error
	if f.study, err = p.ledger.Study(ctx, p.cfg.StudyID); err != nil {
		return f, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	f.committed, err = p.ledger.Commitments(ctx, p.cfg.StudyID, round)
	if errors.Is(err, contracts.ErrRoundNotFound) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	return f, nil
}

// roundPin is a round's contributor list pinned on chain.
type roundPin struct {
	round uint32
	hash  common.Hash
}

// pinnedContributors reads the contributor list the coordinator pinned on
// chain for the round (zero: none yet), once per round: a pin never
// changes once set, so only a missing one is read again.
func (p *Participant) pinnedContributors(ctx context.Context, round uint32) (common.Hash, error) {
	if p.pin != nil && p.pin.round == round {
		return p.pin.hash, nil
	}
	h, err := p.ledger.PinnedContributors(ctx, p.cfg.StudyID, round)
	if err != nil {
		return common.Hash{}, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	if h != (common.Hash{}) {
		p.pin = &roundPin{round: round, hash: h}
	}
	return h, nil
}

// pinnedFor reads the round's pinned contributor list and refuses a task
// (what: "score", "decryption") over another list before anything is
// fetched for it; the step checks it again.
func (p *Participant) pinnedFor(ctx context.Context, what string, round uint32, addrs []common.Address) (common.Hash, error) {
	pinned, err := p.pinnedContributors(ctx, round)
	if err != nil {
		return common.Hash{}, err
	}
	return pinned, p.steps.checkPinned(what, round, addrs, pinned)
}

// spotFacts draws the chunks this node checks, from its own randomness
// now that the task has fixed the aggregate, and fetches every
// contributor's proof of them from the coordinator.
func (p *Participant) spotFacts(ctx context.Context, aggregate []byte, addrs []common.Address, facts roundFacts) (*spotFacts, error) {
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(aggregate); err != nil {
		return nil, fmt.Errorf("%w: aggregate: %v", ErrChainMismatch, err)
	}
	chunks, err := aggregation.DrawSpotChecks(nil, agg.NumChunks(), p.cfg.spotChecks())
	if err != nil {
		return nil, err
	}
	req := &cohortv1.ChunkRequest{}
	for _, c := range chunks {
		req.Chunks = append(req.Chunks, uint32(c))
	}
	for _, addr := range addrs {
		cm, ok := facts.committed[addr]
		if !ok {
			return nil, fmt.Errorf("%w: %s made no commitment", ErrChainMismatch, addr.Hex())
		}
		req.Hashes = append(req.Hashes, cm.CiphertextHash.Bytes())
	}
	if err := p.reader().signChunks(req); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.rpcTimeout()*4)
	defer cancel()
	var out *spotFacts
	err = askAgainWhenLimited(ctx, p.log, pauseFor, func() (err error) {
		out, err = p.chunkProofs(ctx, req, chunks, len(addrs))
		return err
	})
	return out, err
}

// chunkProofs asks the coordinator once for the chunk proofs req names, one
// for each of n contributors.
func (p *Participant) chunkProofs(ctx context.Context, req *cohortv1.ChunkRequest, chunks []int, n int) (*spotFacts, error) {
	stream, err := p.client.OpenChunks(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("participant %s: ask chunk proofs: %w", p.cfg.Name, err)
	}
	out := &spotFacts{chunks: chunks}
	for {
		m, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("participant %s: chunk proofs: %w", p.cfg.Name, err)
		}
		if len(out.proofs) == n {
			return nil, fmt.Errorf("%w: the coordinator sent more chunk proofs than the %d contributors", ErrChainMismatch, n)
		}
		out.proofs = append(out.proofs, m.GetProof())
	}
	if len(out.proofs) != n {
		return nil, fmt.Errorf("%w: the coordinator sent %d chunk proofs for %d contributors", ErrChainMismatch, len(out.proofs), n)
	}
	return out, nil
}

// referenceFacts reads what a holder recomputes a robust round's scoring
// from: the round's global model, the study's root data set and the score
// sets named.
func (p *Participant) referenceFacts(ctx context.Context, study contracts.Study, round uint32, scoreSets [][]byte) (referenceFacts, error) {
	var f referenceFacts
	onChain, err := p.ledger.Round(ctx, p.cfg.StudyID, round)
	if err != nil {
		return f, fmt.Errorf("participant %s: read round %d: %w", p.cfg.Name, round, err)
	}
	if f.global, err = p.fetchModel(ctx, onChain.GlobalModel); err != nil {
		return f, err
	}
	if f.root, err = p.fetch(ctx, study.ReferenceCommitment); err != nil {
		return f, fmt.Errorf("participant %s: root data set the study committed to: %w", p.cfg.Name, err)
	}
	for _, h := range scoreSets {
		b, err := p.fetch(ctx, common.BytesToHash(h))
		if err != nil {
			return f, err
		}
		f.scoreSets = append(f.scoreSets, b)
	}
	return f, nil
}

// score gives scalar decryption shares of the round's scores once this
// node has recomputed everything they depend on (see steps.score).
func (p *Participant) score(ctx context.Context, t *cohortv1.ScoreTask) error {
	addrs, err := p.steps.scorePrecheck(t)
	if err != nil {
		return err
	}
	pinned, err := p.pinnedFor(ctx, "score", t.GetRound(), addrs)
	if err != nil {
		return err
	}
	facts, err := p.roundFacts(ctx, t.GetRound(), addrs)
	if err != nil {
		return err
	}
	facts.pinned = pinned
	ref, err := p.referenceFacts(ctx, facts.study, t.GetRound(), t.GetScoreSetHashes())
	if err != nil {
		return err
	}
	r, err := p.steps.score(ctx, t, facts, ref)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// decrypt gives a decryption share of the round's aggregate once this node
// has recomputed it from the committed updates (see steps.decrypt).
func (p *Participant) decrypt(ctx context.Context, t *cohortv1.DecryptTask) error {
	addrs, err := p.steps.decryptPrecheck(t)
	if err != nil {
		return err
	}
	pinned, err := p.pinnedFor(ctx, "decryption", t.GetRound(), addrs)
	if err != nil {
		return err
	}
	var facts decryptFacts
	if facts.aggregate, err = p.fetch(ctx, common.BytesToHash(t.GetAggregateHash())); err != nil {
		return err
	}
	if facts.scoresFacts, err = p.recordedScores(ctx, t.GetRound()); err != nil {
		return err
	}
	// Spot checks instead of every update, unless the round is robust
	// (re-deriving its weights needs the updates) or plaintext (tests).
	if len(facts.recorded) == 0 && p.cfg.spotChecks() > 0 && aggregation.IsVectorEncoding(facts.aggregate) {
		if facts.roundFacts, err = p.chainFacts(ctx, t.GetRound()); err != nil {
			return err
		}
		if facts.spots, err = p.spotFacts(ctx, facts.aggregate, addrs, facts.roundFacts); err != nil {
			return err
		}
		received := 0
		for _, b := range facts.spots.proofs {
			received += len(b)
		}
		p.log.Info("spot-checking the aggregate", "round", t.GetRound(), "chunks", len(facts.spots.chunks), "updates", len(addrs), "proof_bytes", received)
	} else if facts.roundFacts, err = p.roundFacts(ctx, t.GetRound(), addrs); err != nil {
		return err
	}
	facts.pinned = pinned
	if ev := t.GetTrust(); len(facts.recorded) > 0 && ev != nil && len(ev.GetScoreSetHashes()) == len(addrs) {
		ref, err := p.referenceFacts(ctx, facts.study, t.GetRound(), ev.GetScoreSetHashes())
		if err != nil {
			return err
		}
		facts.reference = &ref
	}
	r, err := p.steps.decrypt(ctx, t, facts)
	var bad *badAggregateError
	if errors.As(err, &bad) {
		p.disputeAggregate(ctx, bad)
	}
	if err != nil {
		return err
	}
	if err := p.carryOut(ctx, r); err != nil {
		return err
	}
	p.forgetRound()
	return nil
}

// disputeAggregate keeps the evidence of a refused aggregate in the data
// directory and records its hash on chain, so that the coordinator's
// tampering is on the record for every auditor, not only in this log. A
// failure to record is logged: the refusal itself stands either way.
func (p *Participant) disputeAggregate(ctx context.Context, bad *badAggregateError) {
	evidence, err := json.MarshalIndent(bad, "", "  ")
	if err != nil {
		p.log.Error("encoding the evidence of a refused aggregate", "round", bad.Round, "err", err)
		return
	}
	if p.cfg.DataDir != "" {
		if err := writeFileAtomic(filepath.Join(p.cfg.DataDir, "disputes"), fmt.Sprintf("round-%d-%s.json", bad.Round, bad.Aggregate.Hex()[2:10]), evidence); err != nil {
			p.log.Error("keeping the evidence of a refused aggregate", "round", bad.Round, "err", err)
		}
	}
	h := crypto.Keccak256Hash(evidence)
	if _, err := p.ledger.DisputeAggregate(ctx, p.account, p.cfg.StudyID, bad.Round, bad.Aggregate, h); err != nil && !errors.Is(err, contracts.ErrDuplicateEvidence) {
		p.log.Error("recording the refused aggregate on chain", "round", bad.Round, "aggregate", bad.Aggregate.Hex(), "err", err)
		return
	}
	p.log.Warn("refused the round's aggregate and recorded the dispute on chain", "round", bad.Round, "aggregate", bad.Aggregate.Hex(), "evidence", h.Hex(), "check", bad.Check)
}
