package participant

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/records"
)

// Errors of pooled standardisation.
var (
	// ErrStandardisation reports a study whose standardisation (mode or
	// moments encoding) differs from this node's configuration. It is
	// fatal: the node stops instead of training on differently scaled data.
	ErrStandardisation = errors.New("participant: the study standardises features differently from this node's configuration")
	// ErrBadStandardiser reports a pooled standardiser this node cannot
	// verify: bad signatures, a sum that is not of the signed moments, too
	// few sites, or a standardiser that is not what the shares decrypt to.
	ErrBadStandardiser = errors.New("participant: pooled standardiser refused")
	// ErrNoStandardiser reports a training or evaluation task before the
	// study's pooled standardiser was agreed and kept.
	ErrNoStandardiser = errors.New("participant: no pooled standardiser agreed yet")
)

// standardiserTolerance is how far the coordinator's decoding of the
// pooled moments may be from this node's own decoding of the same shares:
// both are deterministic, so only a different floating-point platform can
// make them differ, and then in the last bits.
const standardiserTolerance = 1e-9

// momentsRun is what this node sent in the current run of the moments phase.
type momentsRun struct {
	session []byte
	count   uint64
	moments records.Moments
	sent    common.Hash // hash of its encrypted moments, once sent
}

// agreed is the pooled standardiser this node checked and kept.
type agreed struct {
	std  records.Standardiser
	enc  []byte
	hash common.Hash
}

// standardiserFile keeps the agreed standardiser in the data directory.
type standardiserFile struct {
	StudyID      uint64 `json:"study_id"`
	Standardiser []byte `json:"standardiser"` // records.Standardiser.Encode
}

func (p *Participant) standardiserPath() string {
	return filepath.Join(p.cfg.DataDir, "standardiser.json")
}

// loadStandardiser restores the pooled standardiser a previous run kept.
func (p *Participant) loadStandardiser() error {
	if p.cfg.DataDir == "" || p.standardisation != records.StandardisePooled {
		return nil
	}
	b, err := os.ReadFile(p.standardiserPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("participant %s: read kept standardiser: %w", p.cfg.Name, err)
	}
	var f standardiserFile
	if err := json.Unmarshal(b, &f); err != nil || f.StudyID != p.cfg.StudyID {
		return fmt.Errorf("participant %s: kept standardiser %s is corrupt or another study's; remove it to agree again before round 1", p.cfg.Name, p.standardiserPath())
	}
	std, err := records.DecodeStandardiser(f.Standardiser)
	if err != nil {
		return fmt.Errorf("participant %s: kept standardiser: %w", p.cfg.Name, err)
	}
	p.agreed = &agreed{std: std, enc: f.Standardiser, hash: crypto.Keccak256Hash(f.Standardiser)}
	p.log.Info("pooled standardiser restored from the data directory", "hash", p.agreed.hash.Hex())
	return nil
}

// checkMode refuses a task of a study whose standardisation is not this node's.
func (p *Participant) checkMode(study string) error {
	mode, err := records.ParseStandardisation(study, records.StandardiseNone)
	if err != nil {
		return fmt.Errorf("%w: %v; upgrade this node, or set its standardise option to the study's", ErrStandardisation, err)
	}
	if mode != p.standardisation {
		return fmt.Errorf("%w: the study uses %q standardisation, %s is configured for %q; set its standardise option to %q (all parties of a study must agree)",
			ErrStandardisation, mode, p.cfg.Name, p.standardisation, mode)
	}
	return nil
}

// checkScales refuses a moments encoding with other scales than this node's schema.
func (p *Participant) checkScales(scales []float64) error {
	if !slices.Equal(scales, p.cfg.Scales) {
		return fmt.Errorf("%w: the coordinator encodes moments with scales %v, this node's schema gives %v; use the study's schema", ErrStandardisation, scales, p.cfg.Scales)
	}
	return nil
}

// prepare standardises records for training or evaluation as the study says.
func (p *Participant) prepare(recs []records.Record, standardiserHash []byte) ([]records.Record, error) {
	if p.standardisation != records.StandardisePooled {
		return recs, nil
	}
	if p.agreed == nil {
		return nil, fmt.Errorf("%w: %s has no pooled standardiser; it takes part in the moments phase before round 1 (or restore its data directory)", ErrNoStandardiser, p.cfg.Name)
	}
	if standardiserHash != nil && common.BytesToHash(standardiserHash) != p.agreed.hash {
		return nil, fmt.Errorf("%w: the task names standardiser %x, this node agreed on %s", ErrChainMismatch, standardiserHash, p.agreed.hash.Hex())
	}
	return p.agreed.std.Apply(recs)
}

// checkStandardiserOnChain refuses to train with pooled standardisation
// when the chain records another standardiser than the one this node agreed
// on (the coordinator records it before round 1).
func (p *Participant) checkStandardiserOnChain(ctx context.Context) error {
	if p.standardisation != records.StandardisePooled || p.agreed == nil {
		return nil
	}
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if h := study.StandardiserHash; h != (common.Hash{}) && h != p.agreed.hash {
		return fmt.Errorf("%w: the chain records standardiser %s, this node agreed on %s", ErrChainMismatch, h.Hex(), p.agreed.hash.Hex())
	}
	return nil
}

// momentsCount answers the moments phase's first task: the signed count of
// this site's consented training records (public: the site commits the
// same count every round). It computes its moments over the same records.
func (p *Participant) momentsCount(ctx context.Context, t *cohortv1.MomentsCountTask) error {
	if err := p.checkMode(string(records.StandardisePooled)); err != nil {
		return err
	}
	if err := p.checkScales(t.GetScales()); err != nil {
		return err
	}
	if len(t.GetSession()) != 32 {
		return fmt.Errorf("%w: moments session is %d bytes, want 32", ErrBadStandardiser, len(t.GetSession()))
	}
	used, _, err := p.consented(ctx, 0) // consent as of now: round 1 has not opened
	if err != nil {
		return err
	}
	if len(used) == 0 {
		return fmt.Errorf("participant %s: moments: %w", p.cfg.Name, ErrNoConsentedRecords)
	}
	m, err := records.ComputeMoments(used, len(p.cfg.Scales))
	if err != nil {
		return fmt.Errorf("participant %s: moments: %w", p.cfg.Name, err)
	}
	run := &momentsRun{session: slices.Clone(t.GetSession()), count: uint64(len(used)), moments: m}
	signed, err := auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindMomentsCount, auth.MomentsCountContent(run.session, run.count))
	if err != nil {
		return err
	}
	p.moments = run
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.SubmitMomentsCount(rpcCtx, &cohortv1.MomentsCount{StudyId: p.cfg.StudyID, Session: run.session, Count: run.count, Auth: signed}); err != nil {
		return fmt.Errorf("participant %s: submit moments count: %w", p.cfg.Name, err)
	}
	return nil
}

// encryptMoments answers a MomentsTask: after checking the signed counts
// add up to the total, it encrypts its moments encoded for that total under
// the collective key (checked against the chain) and sends them signed.
func (p *Participant) encryptMoments(ctx context.Context, t *cohortv1.MomentsTask) error {
	if err := p.checkScales(t.GetScales()); err != nil {
		return err
	}
	run := p.moments
	if run == nil || !bytes.Equal(run.session, t.GetSession()) {
		return fmt.Errorf("%w: moments task for a run of the phase this node did not count in", ErrBadStandardiser)
	}
	if _, err := p.verifyCounts(ctx, t.GetSession(), t.GetTotal(), t.GetCounts()); err != nil {
		return err
	}
	if err := p.ensurePublicKey(ctx, common.BytesToHash(t.GetPublicKeyHash())); err != nil {
		return err
	}
	v, err := run.moments.Encode(float64(t.GetTotal()), p.cfg.Scales, p.sealer.maxAbs())
	if err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	sealed, err := p.sealer.seal(p.pubKey, aggregation.MomentsContext(p.cfg.StudyID, run.session), v)
	if err != nil {
		return fmt.Errorf("participant %s: encrypt moments: %w", p.cfg.Name, err)
	}
	h := aggregation.ContentHash(sealed)
	signed, err := auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindMoments, auth.MomentsContent(run.session, h))
	if err != nil {
		return err
	}
	run.sent = h
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.SubmitMoments(rpcCtx, &cohortv1.MomentsSubmission{StudyId: p.cfg.StudyID, Session: run.session, Ciphertext: sealed, Auth: signed}); err != nil {
		return fmt.Errorf("participant %s: submit moments: %w", p.cfg.Name, err)
	}
	return nil
}

// momentsShare answers a MomentsDecryptTask with a decryption share of the
// moments' sum, after recomputing that sum from the signed contributions.
func (p *Participant) momentsShare(ctx context.Context, t *cohortv1.MomentsDecryptTask) error {
	aggHash := common.BytesToHash(t.GetAggregateHash())
	agg, err := p.verifyMomentsSum(ctx, t.GetSession(), t.GetTotal(), t.GetCounts(), t.GetContributions(), aggHash)
	if err != nil {
		return err
	}
	if !slices.Contains(t.GetActivePoints(), p.point) {
		return fmt.Errorf("%w: asked to decrypt with active set %v, which leaves out this site's point %d", ErrBadStandardiser, t.GetActivePoints(), p.point)
	}
	if err := p.checkOnCommittee(ctx); err != nil {
		return err
	}
	share, err := p.sealer.decryptionShare(agg, t.GetActivePoints())
	if err != nil {
		return fmt.Errorf("participant %s: moments decryption share: %w", p.cfg.Name, err)
	}
	signed, err := auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindMomentsShare, auth.MomentsShareContent(aggHash, share))
	if err != nil {
		return err
	}
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.SubmitMomentsShare(rpcCtx, &cohortv1.MomentsShareSubmission{StudyId: p.cfg.StudyID, AggregateHash: aggHash.Bytes(), Share: share, Auth: signed}); err != nil {
		return fmt.Errorf("participant %s: submit moments share: %w", p.cfg.Name, err)
	}
	return nil
}

// acceptStandardiser answers a MomentsResultTask: it checks the counts, the
// contributions and the sum as a share holder does, checks every decryption
// share's signature, decrypts the sum itself and refuses the standardiser
// unless it is what the sum decodes to. It keeps the standardiser in the
// data directory and confirms it, signed.
func (p *Participant) acceptStandardiser(ctx context.Context, t *cohortv1.MomentsResultTask) error {
	if err := p.checkMode(string(records.StandardisePooled)); err != nil {
		return err
	}
	if err := p.checkScales(t.GetScales()); err != nil {
		return err
	}
	hash := crypto.Keccak256Hash(t.GetStandardiser())
	if p.agreed == nil || p.agreed.hash != hash {
		study, err := p.ledger.Study(ctx, p.cfg.StudyID)
		if err != nil {
			return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
		}
		if p.agreed != nil && study.CurrentRound > 0 {
			return fmt.Errorf("%w: study %d is past round 1 with standardiser %s; another (%s) would change the features mid-study",
				ErrBadStandardiser, p.cfg.StudyID, p.agreed.hash.Hex(), hash.Hex())
		}
		got, err := p.checkStandardiser(ctx, t, int(study.Threshold))
		if err != nil {
			return err
		}
		if err := p.keepStandardiser(t.GetStandardiser()); err != nil {
			return err
		}
		p.agreed = &agreed{std: got, enc: slices.Clone(t.GetStandardiser()), hash: hash}
		p.log.Info("pooled standardiser checked and kept", "hash", hash.Hex(), "sites", len(t.GetCounts()), "records", t.GetTotal())
	}
	signed, err := auth.Sign(p.key, p.cfg.StudyID, 0, auth.KindMomentsStandardiser, hash)
	if err != nil {
		return err
	}
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.ConfirmMoments(rpcCtx, &cohortv1.MomentsConfirmation{StudyId: p.cfg.StudyID, StandardiserHash: hash.Bytes(), Auth: signed}); err != nil {
		return fmt.Errorf("participant %s: confirm standardiser: %w", p.cfg.Name, err)
	}
	return nil
}

// checkStandardiser verifies a moments result and returns its standardiser.
func (p *Participant) checkStandardiser(ctx context.Context, t *cohortv1.MomentsResultTask, threshold int) (records.Standardiser, error) {
	claimed, err := records.DecodeStandardiser(t.GetStandardiser())
	if err != nil {
		return records.Standardiser{}, fmt.Errorf("%w: %v", ErrBadStandardiser, err)
	}
	aggHash := common.BytesToHash(t.GetAggregateHash())
	agg, err := p.verifyMomentsSum(ctx, t.GetSession(), t.GetTotal(), t.GetCounts(), t.GetContributions(), aggHash)
	if err != nil {
		return records.Standardiser{}, err
	}
	holders := make(map[common.Address]bool, len(t.GetShares()))
	shares := make([][]byte, 0, len(t.GetShares()))
	for _, sh := range t.GetShares() {
		if common.BytesToHash(sh.GetAggregateHash()) != aggHash || sh.GetStudyId() != p.cfg.StudyID {
			return records.Standardiser{}, fmt.Errorf("%w: a decryption share is for another sum or study", ErrBadStandardiser)
		}
		addr, err := auth.Verify(sh.GetAuth(), p.cfg.StudyID, 0, auth.KindMomentsShare, auth.MomentsShareContent(aggHash, sh.GetShare()))
		if err != nil {
			return records.Standardiser{}, fmt.Errorf("%w: decryption share: %v", ErrBadStandardiser, err)
		}
		if holders[addr] {
			return records.Standardiser{}, fmt.Errorf("%w: two decryption shares from %s", ErrBadStandardiser, addr.Hex())
		}
		if err := p.requireParticipant(ctx, addr); err != nil {
			return records.Standardiser{}, err
		}
		holders[addr] = true
		shares = append(shares, sh.GetShare())
	}
	if len(shares) < threshold {
		return records.Standardiser{}, fmt.Errorf("%w: %d decryption shares, the study's threshold is %d", ErrBadStandardiser, len(shares), threshold)
	}
	plain, err := p.sealer.open(agg, shares)
	if err != nil {
		return records.Standardiser{}, fmt.Errorf("%w: decrypt the moments' sum: %v", ErrBadStandardiser, err)
	}
	own, err := records.PooledStandardiser(plain, float64(t.GetTotal()), p.cfg.Scales)
	if err != nil {
		return records.Standardiser{}, fmt.Errorf("%w: %v", ErrBadStandardiser, err)
	}
	if !own.Within(claimed, standardiserTolerance) {
		return records.Standardiser{}, fmt.Errorf("%w: the coordinator's standardiser is not what the signed shares decrypt the sum of the signed moments to", ErrBadStandardiser)
	}
	return claimed, nil
}

// keepStandardiser writes the agreed standardiser to the data directory.
func (p *Participant) keepStandardiser(enc []byte) error {
	if p.cfg.DataDir == "" {
		return nil
	}
	b, err := json.Marshal(standardiserFile{StudyID: p.cfg.StudyID, Standardiser: enc})
	if err != nil {
		return err
	}
	if err := writeFileAtomic(p.cfg.DataDir, filepath.Base(p.standardiserPath()), b); err != nil {
		return fmt.Errorf("participant %s: keep standardiser: %w", p.cfg.Name, err)
	}
	return nil
}

// verifyCounts checks the signed counts of a moments phase: one per study
// participant, at least max(2, the study's minimum) of them, this node's own
// as it sent it (if it counted in this run), adding up to total. It returns
// the signers.
func (p *Participant) verifyCounts(ctx context.Context, session []byte, total uint64, counts []*cohortv1.MomentsCount) (map[common.Address]bool, error) {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return nil, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if least := max(2, int(study.MinParticipants)); len(counts) < least {
		return nil, fmt.Errorf("%w: moments of %d sites; pooling needs at least %d, or a site's own statistics would be revealed", ErrBadStandardiser, len(counts), least)
	}
	signers := make(map[common.Address]bool, len(counts))
	var sum uint64
	for _, c := range counts {
		if c.GetStudyId() != p.cfg.StudyID || !bytes.Equal(c.GetSession(), session) {
			return nil, fmt.Errorf("%w: a count is for another study or run of the phase", ErrBadStandardiser)
		}
		addr, err := auth.Verify(c.GetAuth(), p.cfg.StudyID, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, c.GetCount()))
		if err != nil {
			return nil, fmt.Errorf("%w: count: %v", ErrBadStandardiser, err)
		}
		if signers[addr] {
			return nil, fmt.Errorf("%w: two counts from %s", ErrBadStandardiser, addr.Hex())
		}
		if c.GetCount() == 0 || c.GetCount() > math.MaxUint32 || sum > math.MaxUint64-c.GetCount() {
			return nil, fmt.Errorf("%w: count %d from %s", ErrBadStandardiser, c.GetCount(), addr.Hex())
		}
		if err := p.requireParticipant(ctx, addr); err != nil {
			return nil, err
		}
		if run := p.moments; addr == p.Address() && run != nil && bytes.Equal(run.session, session) && c.GetCount() != run.count {
			return nil, fmt.Errorf("%w: this site's count is given as %d, it sent %d", ErrBadStandardiser, c.GetCount(), run.count)
		}
		signers[addr] = true
		sum += c.GetCount()
	}
	if sum != total {
		return nil, fmt.Errorf("%w: the signed counts add up to %d, the task says %d", ErrBadStandardiser, sum, total)
	}
	if run := p.moments; run != nil && bytes.Equal(run.session, session) && !signers[p.Address()] {
		return nil, fmt.Errorf("%w: this site's count was left out", ErrBadStandardiser)
	}
	return signers, nil
}

// verifyMomentsSum checks the counts, then that the contributions are one
// signed ciphertext from each counted site (this node's own as it sent it)
// and that the sum with hash aggHash is their sum; it returns the sum.
func (p *Participant) verifyMomentsSum(ctx context.Context, session []byte, total uint64, counts []*cohortv1.MomentsCount, contribs []*cohortv1.MomentsContribution, aggHash common.Hash) ([]byte, error) {
	signers, err := p.verifyCounts(ctx, session, total, counts)
	if err != nil {
		return nil, err
	}
	if len(contribs) != len(signers) {
		return nil, fmt.Errorf("%w: %d contributions from %d counted sites", ErrBadStandardiser, len(contribs), len(signers))
	}
	seen := make(map[common.Address]bool, len(contribs))
	cts := make([][]byte, len(contribs))
	dealers := make([]aggregation.PartyID, len(contribs))
	ones := make([]float64, len(contribs))
	for i, c := range contribs {
		h := common.BytesToHash(c.GetCiphertextHash())
		addr, err := auth.Verify(c.GetAuth(), p.cfg.StudyID, 0, auth.KindMoments, auth.MomentsContent(session, h))
		if err != nil {
			return nil, fmt.Errorf("%w: contribution: %v", ErrBadStandardiser, err)
		}
		if !signers[addr] || seen[addr] {
			return nil, fmt.Errorf("%w: contribution from %s, who did not count or contributes twice", ErrBadStandardiser, addr.Hex())
		}
		if run := p.moments; addr == p.Address() && run != nil && bytes.Equal(run.session, session) && run.sent != (common.Hash{}) && run.sent != h {
			return nil, fmt.Errorf("%w: this site's moments are given as %s, it sent %s", ErrBadStandardiser, h.Hex(), run.sent.Hex())
		}
		seen[addr] = true
		dealers[i] = aggregation.DealerID(p.cfg.StudyID, addr.Bytes())
		if cts[i], err = p.fetch(ctx, h); err != nil {
			return nil, err
		}
		ones[i] = 1
	}
	agg, err := p.fetch(ctx, aggHash)
	if err != nil {
		return nil, err
	}
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return nil, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	sum, err := p.sealer.sum(study.PublicKeyHash, cts, dealers, aggregation.MomentsContext(p.cfg.StudyID, session), ones)
	if err != nil {
		return nil, fmt.Errorf("%w: recompute the moments' sum: %v", ErrBadStandardiser, err)
	}
	if !bytes.Equal(sum, agg) {
		return nil, fmt.Errorf("%w: %s is not the sum of the signed moments", ErrBadStandardiser, aggHash.Hex())
	}
	return agg, nil
}

// requireParticipant refuses an address that is not a participant of the study on chain.
func (p *Participant) requireParticipant(ctx context.Context, addr common.Address) error {
	ok, err := p.ledger.IsParticipant(ctx, p.cfg.StudyID, addr)
	if err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	if !ok {
		return fmt.Errorf("%w: %s is not a participant of study %d", ErrBadStandardiser, addr.Hex(), p.cfg.StudyID)
	}
	return nil
}
