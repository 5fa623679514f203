package participant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

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
	// sealed and total are the encrypted moments sent and the total they
	// were encoded for: a run encrypts once under its one context, so a
	// task sent again gets these bytes back.
	sealed []byte
	total  uint64
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

// standardiserFileName is the agreed standardiser's file in the data directory.
const standardiserFileName = "standardiser.json"

func (p *Participant) standardiserPath() string {
	return filepath.Join(p.cfg.DataDir, standardiserFileName)
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
	if err := p.checkGroups(std.Groups); err != nil {
		return fmt.Errorf("participant %s: kept standardiser %s: %w", p.cfg.Name, p.standardiserPath(), err)
	}
	p.agreed = &agreed{std: std, enc: f.Standardiser, hash: crypto.Keccak256Hash(f.Standardiser)}
	p.log.Info("pooled standardiser restored from the data directory", "hash", p.agreed.hash.Hex())
	return nil
}

// momentsFacts reads the study and, once the signed counts check out, the
// contributions and the sum a moments task names.
func (p *Participant) momentsFacts(ctx context.Context, session []byte, total uint64, counts []*cohortv1.MomentsCount, contribs []*cohortv1.MomentsContribution, aggHash []byte) (momentsFacts, error) {
	var f momentsFacts
	var err error
	if f.study, err = p.ledger.Study(ctx, p.cfg.StudyID); err != nil {
		return f, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if _, err := p.steps.verifyCounts(f.study, session, total, counts, nil); err != nil {
		return f, err
	}
	for _, c := range contribs {
		b, err := p.fetch(ctx, common.BytesToHash(c.GetCiphertextHash()))
		if err != nil {
			return f, err
		}
		f.contributions = append(f.contributions, b)
	}
	if f.aggregate, err = p.fetch(ctx, common.BytesToHash(aggHash)); err != nil {
		return f, err
	}
	return f, nil
}

// sampleBounds reads, in a study that binds sample counts to consent, the
// sample bound on chain of each site whose signed count counts holds: the
// most consented training records its count may claim, read as for a
// round opened in the block from which key, the key the moments task
// names, has been the study's key, as the coordinator reads it from its
// run's key (contracts.MomentsBounds: found once for all the counts). The
// block is the chain's for that key, not one the coordinator picks, and
// stays put if the key is set again during the run; a task whose key is no
// longer the study's is refused, no count judged. It is nil in a study
// that does not bind samples; a count whose signature does not verify is
// skipped, for verifyCounts to refuse. The coordinator holds each count
// to the same bound as it comes.
func (p *Participant) sampleBounds(ctx context.Context, key common.Hash, counts []*cohortv1.MomentsCount) (map[common.Address]uint64, error) {
	binds, err := p.ledger.SamplesBound(ctx, p.cfg.StudyID)
	if err != nil {
		return nil, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	if !binds {
		return nil, nil
	}
	momentsBounds, err := p.ledger.MomentsBounds(ctx, p.cfg.StudyID, key)
	if err != nil {
		return nil, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	bounds := make(map[common.Address]uint64, len(counts))
	for _, c := range counts {
		addr, err := auth.Verify(c.GetAuth(), p.cfg.StudyID, 0, auth.KindMomentsCount, auth.MomentsCountContent(c.GetSession(), c.GetCount()))
		if err != nil {
			continue
		}
		if _, ok := bounds[addr]; ok {
			continue
		}
		if bounds[addr], err = momentsBounds.Of(ctx, addr); err != nil {
			return nil, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
	}
	return bounds, nil
}

// momentsCount counts and signs this site's consented training records
// as of now (round 1 has not opened; see steps.momentsCount).
func (p *Participant) momentsCount(ctx context.Context, t *cohortv1.MomentsCountTask) error {
	if err := p.steps.momentsCountCheck(t); err != nil {
		return err
	}
	used, _, err := p.consented(ctx, 0)
	if err != nil {
		return err
	}
	r, err := p.steps.momentsCount(t, used)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// encryptMoments sends this site's moments encrypted (see steps.encryptMoments).
func (p *Participant) encryptMoments(ctx context.Context, t *cohortv1.MomentsTask) error {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	if err := p.ensurePublicKey(ctx, study, common.BytesToHash(t.GetPublicKeyHash())); err != nil {
		return err
	}
	bounds, err := p.sampleBounds(ctx, common.BytesToHash(t.GetPublicKeyHash()), t.GetCounts())
	if err != nil {
		return err
	}
	r, err := p.steps.encryptMoments(t, study, bounds)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// momentsShare gives a decryption share of the moments' sum (see steps.momentsShare).
func (p *Participant) momentsShare(ctx context.Context, t *cohortv1.MomentsDecryptTask) error {
	facts, err := p.momentsFacts(ctx, t.GetSession(), t.GetTotal(), t.GetCounts(), t.GetContributions(), t.GetAggregateHash())
	if err != nil {
		return err
	}
	if facts.pinned, err = p.ledger.MomentsSum(ctx, p.cfg.StudyID); err != nil {
		return fmt.Errorf("participant %s: read the pinned moments sum: %w", p.cfg.Name, err)
	}
	r, err := p.steps.momentsShare(t, facts)
	if err != nil {
		return err
	}
	return p.carryOut(ctx, r)
}

// acceptStandardiser checks, keeps and confirms the pooled standardiser
// (see steps.acceptStandardiser).
func (p *Participant) acceptStandardiser(ctx context.Context, t *cohortv1.MomentsResultTask) error {
	var facts momentsFacts
	if !p.agreedOn(crypto.Keccak256Hash(t.GetStandardiser())) {
		var err error
		if facts, err = p.momentsFacts(ctx, t.GetSession(), t.GetTotal(), t.GetCounts(), t.GetContributions(), t.GetAggregateHash()); err != nil {
			return err
		}
	}
	r, err := p.steps.acceptStandardiser(t, facts)
	if err != nil {
		return err
	}
	if err := p.carryOut(ctx, r); err != nil {
		return err
	}
	if len(r.files) > 0 {
		p.log.Info("pooled standardiser checked and kept", "hash", p.agreed.hash.Hex(), "sites", len(t.GetCounts()), "records", t.GetTotal())
	}
	return nil
}
