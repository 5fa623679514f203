package participant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// ConsentSource says where a participant reads its patients' consent.
type ConsentSource string

// Consent sources.
const (
	// ConsentAuto (the zero value) chooses ConsentChain when any of the
	// site's training records carries a patient id (records.Record.Patient),
	// and ConsentLocal otherwise.
	ConsentAuto ConsentSource = ""
	// ConsentChain reads consent from the ledger: when round r's training
	// task arrives, the participant asks the chain for the consent of every
	// patient of its records as of round r (contracts.Ledger.ConsentStates)
	// and uses only the records whose patient's consent is active: granted,
	// not expired when the round opened, and not revoked before it opened.
	// Records without a patient id are never used. A record's ε bound
	// (records.Record.MaxEpsilon) is the one the patient signed in the
	// deciding grant, not the site's column.
	ConsentChain ConsentSource = "chain"
	// ConsentLocal keeps the site's own flags (records.Site.Consent), for
	// hospital files without patient ids.
	ConsentLocal ConsentSource = "local"
)

// Errors of the consent filter and the consent proofs.
var (
	// ErrNoConsentedRecords reports a round in which none of the site's
	// training records has active consent: the site cannot contribute.
	ErrNoConsentedRecords = errors.New("participant: " + protocol.NoConsentedRecords + " for this round; the site cannot contribute until patients grant consent")
	// ErrNoRoundRecord reports a round for which the data directory holds no
	// list of the record ids used: the node did not train in that round, ran
	// without a data directory, or the directory is another node's.
	ErrNoRoundRecord = errors.New("participant: no record of the ids used in that round; ask the node that trained in it, with its data directory")
	// ErrCorruptRoundRecord reports a round record whose ids do not hash to
	// the root it stores: the file was edited or damaged.
	ErrCorruptRoundRecord = errors.New("participant: round record is corrupt (its ids do not give its consent root)")
	// ErrPrivacyBudget reports a round the site cannot train in without
	// breaking a privacy bound: the study's ε after the round would exceed
	// its budget, or every consented record's own bound.
	ErrPrivacyBudget = errors.New("participant: privacy budget exhausted")
)

// consentBatch bounds the patients asked about in one eth_call, so that a
// large site stays well below a node's call gas cap (about 10,000 gas per
// patient against geth's default cap of 50 million).
const consentBatch = 256

// resolveConsentSource validates a configured source against the site and
// resolves ConsentAuto.
func resolveConsentSource(src ConsentSource, site records.Site) (ConsentSource, error) {
	withIDs := len(records.PatientIDs(site.Train)) > 0
	switch src {
	case ConsentAuto:
		if withIDs {
			return ConsentChain, nil
		}
		return ConsentLocal, nil
	case ConsentChain:
		if !withIDs {
			return "", fmt.Errorf("participant: consent source %q, but none of site %s's training records carries a patient id; add a patient column to the schema or use consent source %q", src, site.Name, ConsentLocal)
		}
		return src, nil
	case ConsentLocal:
		return src, nil
	default:
		return "", fmt.Errorf("participant: consent source %q is unknown; use %q or %q (or leave it empty to choose by the records)", src, ConsentChain, ConsentLocal)
	}
}

// activeOnChain returns which of patients have active consent for the study
// as of round (0: now), and the ε bound each active one signed, asking the
// ledger in batches.
func activeOnChain(ctx context.Context, ledger *contracts.Ledger, studyID uint64, round uint32, patients []common.Hash) (map[common.Hash]bool, map[common.Hash]float64, error) {
	active := make(map[common.Hash]bool, len(patients))
	bounds := make(map[common.Hash]float64)
	for start := 0; start < len(patients); start += consentBatch {
		batch := patients[start:min(start+consentBatch, len(patients))]
		consents, err := ledger.PatientConsents(ctx, batch, studyID, round)
		if err != nil {
			return nil, nil, err
		}
		if len(consents) != len(batch) {
			return nil, nil, fmt.Errorf("%w: asked for the consent of %d patients, got %d answers", contracts.ErrInconsistentLedger, len(batch), len(consents))
		}
		for i, c := range consents {
			active[batch[i]] = c.State == contracts.ConsentActive
			if c.MaxEpsilon != 0 {
				bounds[batch[i]] = c.MaxEpsilon
			}
		}
	}
	return active, bounds, nil
}

// consentedOnChain returns, in order, the records of each set whose patient
// has active consent for the study as of round, in one pass over the
// ledger, each with the ε bound its patient signed (records.Record.MaxEpsilon).
func consentedOnChain(ctx context.Context, ledger *contracts.Ledger, studyID uint64, round uint32, sets ...[]records.Record) ([][]records.Record, error) {
	var all []records.Record
	for _, s := range sets {
		all = append(all, s...)
	}
	active, bounds, err := activeOnChain(ctx, ledger, studyID, round, records.PatientIDs(all))
	if err != nil {
		return nil, err
	}
	out := make([][]records.Record, len(sets))
	for i, s := range sets {
		out[i] = records.PatientsOnly(s, active)
		for j := range out[i] {
			out[i][j].MaxEpsilon = bounds[out[i][j].Patient]
		}
	}
	return out, nil
}

// roundConsent is the consent filter's answer for one round.
type roundConsent struct {
	round       uint32
	train, test []records.Record
}

// consented returns the training and test records this participant may use
// in round: filtered by the chain as of the round, or by the site's own
// flags. The answer is kept for the round, so that training and evaluation
// use the same records.
func (p *Participant) consented(ctx context.Context, round uint32) (train, test []records.Record, err error) {
	if c := p.consentCache; c != nil && c.round == round {
		return c.train, c.test, nil
	}
	site := p.cfg.Site
	c := &roundConsent{round: round}
	switch p.consentSource {
	case ConsentChain:
		sets, err := consentedOnChain(ctx, p.ledger, p.cfg.StudyID, round, site.Train, site.Test)
		if err != nil {
			return nil, nil, fmt.Errorf("participant %s: read consent as of round %d: %w", p.cfg.Name, round, err)
		}
		c.train, c.test = sets[0], sets[1]
	default:
		c.train, c.test = records.ConsentedOnly(site.Train, site.Consents), records.ConsentedOnly(site.Test, site.Consents)
	}
	p.log.Info("consent filter", "round", round, "source", string(p.consentSource),
		"train", len(c.train), "train_excluded", len(site.Train)-len(c.train), "test", len(c.test), "test_excluded", len(site.Test)-len(c.test))
	// An answer without a training record is not kept: it only refuses the
	// task, and before round 1 consent is read as of now, so grants relayed
	// after the refusal must count when the coordinator asks again.
	if len(c.train) > 0 {
		p.consentCache = c
	}
	return c.train, c.test, nil
}

// withinPrivacyBudget returns the consented records that round may train
// on under cfg's differential privacy: the study's ε after the round (every
// round so far counted, whether or not a record was in it, so the figure
// bounds each record's) must be within the study's budget, and a record
// whose consent bounds ε more strictly is left out once the figure passes
// its bound. Without cfg.Privacy the study's ε is unbounded, so every
// record whose consent bounds ε is left out (and the ε returned is 0).
func withinPrivacyBudget(cfg models.TrainConfig, round uint32, used []records.Record) ([]records.Record, float64, error) {
	if cfg.Privacy == nil {
		// No DP-SGD is no guarantee at all, not no privacy loss: a patient
		// who signed a bound did not consent to it.
		kept := records.WithinPrivacyBound(used, math.Inf(1))
		if len(kept) == 0 {
			return nil, 0, fmt.Errorf("%w: round %d: the study trains without differential privacy, so its ε is unbounded, and each of the %d consented records' consent bounds ε", ErrPrivacyBudget, round, len(used))
		}
		return kept, 0, nil
	}
	spent, err := models.PrivacySpent(cfg, int(round))
	if err != nil {
		return nil, 0, err
	}
	if spent > cfg.Privacy.Epsilon {
		return nil, spent, fmt.Errorf("%w: round %d would bring the study's ε to %.4g, above its budget of %g (δ %g); the study cannot run this round", ErrPrivacyBudget, round, spent, cfg.Privacy.Epsilon, cfg.Privacy.Delta)
	}
	kept := records.WithinPrivacyBound(used, spent)
	if len(kept) == 0 {
		return nil, spent, fmt.Errorf("%w: round %d brings the study's ε to %.4g, above the bound of each of the %d consented records' consent", ErrPrivacyBudget, round, spent, len(used))
	}
	return kept, spent, nil
}

// checkPrivacyOnChain reads the study and checks its privacy budget on
// chain against this hospital's training (see steps.checkPrivacy).
func (p *Participant) checkPrivacyOnChain(ctx context.Context, onChain contracts.Round) error {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	return p.checkPrivacy(study, onChain)
}

// roundRecord is what a participant keeps of the ids it trained on in a
// round, in DataDir/rounds/<round>.json, so that it can later prove to a
// patient whether their record was used (ProveConsentUse).
type roundRecord struct {
	StudyID uint64        `json:"study_id"`
	Round   uint32        `json:"round"`
	Source  ConsentSource `json:"consent_source"`
	// Samples is the committed sample count, len(IDs).
	Samples int `json:"samples"`
	// ConsentRoot is records.MerkleRoot(IDs), the root committed on chain.
	ConsentRoot common.Hash `json:"consent_root"`
	// IDs are the record ids used, sorted.
	IDs []string `json:"ids"`
}

func roundRecordPath(dataDir string, round uint32) string {
	return filepath.Join(dataDir, roundRecordsDir, roundRecordName(round))
}

// roundRecordsDir is where, in the data directory, the round records are kept.
const roundRecordsDir = "rounds"

func roundRecordName(round uint32) string { return strconv.FormatUint(uint64(round), 10) + ".json" }

// keepRoundIDs writes the ids used in a round to the data directory;
// without a data directory it does nothing.
func (p *Participant) keepRoundIDs(round uint32, ids []string, root common.Hash) error {
	f, err := p.roundRecordFile(round, ids, root, p.consentSource)
	if err != nil {
		return err
	}
	if p.cfg.DataDir == "" {
		return nil
	}
	return writeFileAtomic(filepath.Join(p.cfg.DataDir, f.dir), f.name, f.data)
}

// ProveConsentUse returns a Merkle proof of whether the record recordID was
// among those a participant trained on in round, from the ids it kept in its
// data directory (DataDir/rounds/<round>.json; a data directory serves one
// study). The proof is what a hospital hands a patient who asks whether their
// record was used: it verifies against the consent root the participant
// committed on chain for that round (contracts.Ledger.Commitment), with
// records.Proof.Verify, and proves inclusion or exclusion.
//
// It returns ErrNoRoundRecord when the directory holds nothing for the round
// and ErrCorruptRoundRecord when the kept ids do not give the kept root.
func ProveConsentUse(dataDir string, round uint32, recordID string) (records.Proof, error) {
	if recordID == "" {
		return records.Proof{}, fmt.Errorf("participant: proving consent use: %w", records.ErrEmptyID)
	}
	path := roundRecordPath(dataDir, round)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return records.Proof{}, fmt.Errorf("%w (round %d, looked for %s)", ErrNoRoundRecord, round, path)
	}
	if err != nil {
		return records.Proof{}, fmt.Errorf("participant: read round record: %w", err)
	}
	var rec roundRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return records.Proof{}, fmt.Errorf("%w: %s: %v", ErrCorruptRoundRecord, path, err)
	}
	if rec.Round != round || rec.Samples != len(rec.IDs) || records.MerkleRoot(rec.IDs) != rec.ConsentRoot {
		return records.Proof{}, fmt.Errorf("%w: %s", ErrCorruptRoundRecord, path)
	}
	proof, err := records.Prove(rec.IDs, recordID)
	if err != nil {
		return records.Proof{}, fmt.Errorf("%w: %s: %v", ErrCorruptRoundRecord, path, err)
	}
	return proof, nil
}

// ConsentedOnChain returns, in order, the records whose patient has active
// consent for the study as of round (0: now) on the ledger: what a
// participant with ConsentChain uses in that round. Records without a
// patient id are left out.
func ConsentedOnChain(ctx context.Context, ledger *contracts.Ledger, studyID uint64, round uint32, recs []records.Record) ([]records.Record, error) {
	sets, err := consentedOnChain(ctx, ledger, studyID, round, recs)
	if err != nil {
		return nil, fmt.Errorf("participant: read consent as of round %d: %w", round, err)
	}
	return sets[0], nil
}
