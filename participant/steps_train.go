package participant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// The train phase, in steps the driver runs in turn: check the task
// against the chain (trainCheck), choose the records (trainInputs), train
// (trainLocal), seal the update (sealUpdate) and decide what to keep, commit
// on chain and upload (commitRound); and the evaluate phase.

// trainCheck refuses a TrainTask that does not match the chain: another
// study or standardisation, a round the chain does not have open (a
// replay), a global model or collective key other than the chain's, a
// privacy budget other than this node's recipe, or a pooled standardiser
// other than the one this node agreed on.
func (s *steps) trainCheck(t *cohortv1.TrainTask, study contracts.Study, round contracts.Round) error {
	if err := s.checkStudy("train", t.GetStudyId()); err != nil {
		return err
	}
	if err := s.checkMode(t.GetStandardisation()); err != nil {
		return err
	}
	if !round.Open || round.Number != t.GetRound() {
		return fmt.Errorf("%w: train task for round %d, which the chain does not have open", ErrChainMismatch, t.GetRound())
	}
	if global := common.BytesToHash(t.GetGlobalModelHash()); round.GlobalModel != global {
		return fmt.Errorf("%w: round %d global model is %s on chain, coordinator sent %s", ErrChainMismatch, t.GetRound(), round.GlobalModel.Hex(), global.Hex())
	}
	if err := s.checkPrivacy(study, round); err != nil {
		return err
	}
	if err := checkPublicKey(study.PublicKeyHash, common.BytesToHash(t.GetPublicKeyHash())); err != nil {
		return err
	}
	return s.checkStandardiserOnChain(study)
}

// checkPrivacy checks the study's privacy budget on chain against this
// hospital's training before it trains round: a study with a budget must be
// trained with DP-SGD under that very budget (and a study without one
// without DP-SGD), and the round must have been opened recording at least
// the ε the hospital's own training reaches by then, so that the chain
// never understates what the study spent.
func (s *steps) checkPrivacy(study contracts.Study, round contracts.Round) error {
	priv := s.training.Privacy
	switch {
	case priv == nil && study.Privacy == (contracts.PrivacyBudget{}):
		return nil
	case priv == nil:
		return fmt.Errorf("participant %s: %w: study %d has a privacy budget (ε %g, δ %g) on chain but this hospital trains without differential privacy; use the study's recipe", s.name, ErrChainMismatch, s.studyID, study.Privacy.Epsilon, study.Privacy.Delta)
	case !study.Privacy.Equal(contracts.PrivacyBudget{Epsilon: priv.Epsilon, Delta: priv.Delta}):
		return fmt.Errorf("participant %s: %w: study %d's privacy budget on chain is ε %g, δ %g; this hospital's recipe says ε %g, δ %g", s.name, ErrChainMismatch, s.studyID, study.Privacy.Epsilon, study.Privacy.Delta, priv.Epsilon, priv.Delta)
	case priv.Distributed() && int(study.MinParticipants) < priv.MinContributors:
		// Fewer contributors than the shares were sized for would publish
		// a model with less noise than the budget assumes.
		return fmt.Errorf("participant %s: %w: study %d lets a round close with %d participants, but the recipe's distributed noise counts on at least min_contributors %d adding their share", s.name, ErrChainMismatch, s.studyID, study.MinParticipants, priv.MinContributors)
	}
	spent, err := models.PrivacySpent(s.training, int(round.Number))
	if err != nil {
		return err
	}
	if contracts.EpsilonSpentFixed(spent) > contracts.EpsilonSpentFixed(round.EpsilonSpent) {
		return fmt.Errorf("participant %s: %w: round %d opened recording ε %g spent, but training it brings the study to ε %.6f", s.name, ErrChainMismatch, round.Number, round.EpsilonSpent, spent)
	}
	return nil
}

// trainInputs chooses what round r trains on: the consented records
// (used: consent active as of the round's opening) within the privacy
// budget, standardised as the study says. It returns them, the ids and
// Merkle root to commit, and the ε spent by then.
func (s *steps) trainInputs(t *cohortv1.TrainTask, used []records.Record) (recs []records.Record, ids []string, root common.Hash, spent float64, err error) {
	round := t.GetRound()
	if len(used) == 0 {
		return nil, nil, common.Hash{}, 0, fmt.Errorf("participant %s: round %d: %w", s.name, round, ErrNoConsentedRecords)
	}
	if used, spent, err = withinPrivacyBudget(s.training, round, used); err != nil {
		return nil, nil, common.Hash{}, 0, fmt.Errorf("participant %s: %w", s.name, err)
	}
	ids = records.IDs(used)
	root = records.MerkleRoot(ids)
	if recs, err = s.prepare(used, t.GetStandardiserHash()); err != nil {
		return nil, nil, common.Hash{}, 0, err
	}
	return recs, ids, root, spent, nil
}

// trainLocal trains the study's model from the global model on recs and
// returns the update (local minus global). ctx only cancels the training.
func (s *steps) trainLocal(ctx context.Context, round uint32, global []float64, recs []records.Record) ([]float64, error) {
	if err := s.model.SetParams(global); err != nil {
		return nil, fmt.Errorf("participant %s: round %d global model: %w", s.name, round, err)
	}
	X, y := records.Matrix(recs)
	cfg := s.training.ForRound(int(round))    // the round's clip norm, if the recipe schedules it
	cfg.Seed = s.training.Seed + int64(round) // new shuffles each round, reproducibly
	if _, err := s.model.Fit(ctx, X, y, records.Times(recs), cfg); err != nil {
		return nil, fmt.Errorf("participant %s: train round %d: %w", s.name, round, err)
	}
	local := s.model.Params()
	update := make([]float64, len(local))
	for i := range local {
		update[i] = local[i] - global[i]
	}
	return update, nil
}

// ErrNoKeyForStudy reports a node asked to train that holds no secret-key
// share for the study. Each update is encrypted under its sender's own key,
// which the share holders hold shares of; a member that took part keeps
// its key in the holders' set after it leaves, and never replaces it (the
// holders refuse a second key under one dealer id, so that nobody replaces
// a key earlier updates were encrypted under). A node that says at its
// join that it holds no key deals a fresh key under its next key epoch
// when a re-sharing takes it back after it left (a study without a
// decryption committee); a node that lost its key while it holds a share
// (it never left), or in a study with a committee, declines with this.
var ErrNoKeyForStudy = errors.New("participant: this node holds no secret-key share for the study, whose key was generated: " +
	"a hospital that joins after key generation deals its key at the re-sharing before its first round (connected then, it trains from the next); " +
	"one that took part before and lost its keystore (a reinstalled node, another data directory) cannot encrypt under its key again: " +
	"restore the keystore and its passphrase from a backup, or leave the study (cohort study leave); " +
	"in a study without a decryption committee, a node that joins again after leaving deals a fresh key at the re-sharing that takes it back and trains from the next round")

// sealUpdate encrypts round's update under this site's key share with the
// round's public masks (the key-extraction and out-of-range attacks, for
// evaluations only, shape it). A round's masks must never seal two
// different updates: the driver keeps the first and sends it again
// (sealOnce).
func (s *steps) sealUpdate(round uint32, update []float64) ([]byte, error) {
	sealed, err := s.sealer.seal(s.pubKey, aggregation.TrainContext(s.studyID, round), update)
	if errors.Is(err, errNoKeyShare) {
		// A round is open: the study's key was generated long since.
		return nil, fmt.Errorf("%w (study %d, round %d)", ErrNoKeyForStudy, s.studyID, round)
	}
	if err != nil {
		return nil, err
	}
	switch s.attack.Kind {
	case AttackKeyExtraction:
		return s.sealer.shapeUpload(sealed, keyExtractionShape)
	case AttackOutOfRange:
		return s.sealer.shapeUpload(sealed, s.attack.outOfRangeShape(round))
	}
	return sealed, nil
}

// commitRound decides what follows a sealed update (whose content hash is
// content): keep the ids it was trained on (DataDir/rounds/<r>.json, for
// ProveConsentUse), commit its content hash, sample count and consent root
// on chain, then upload it.
func (s *steps) commitRound(round uint32, sealed []byte, content common.Hash, ids []string, root common.Hash, source ConsentSource) (ready, error) {
	f, err := s.roundRecordFile(round, ids, root, source)
	if err != nil {
		return ready{}, err
	}
	return ready{
		files:  []fileWrite{f},
		commit: &contracts.Commitment{CiphertextHash: content, Samples: s.attack.CommittedSamples(len(ids)), ConsentRoot: root},
		upload: sealed,
	}, nil
}

// batchedCommitment is a commitment this node signed for the
// coordinator's batch (TrainTask.commit_by), watched until the chain
// records it.
type batchedCommitment struct {
	round  uint32
	signed contracts.SignedCommitment
	// selfAt is when this node commits by itself if the chain does not
	// record the commitment yet.
	selfAt time.Time
}

// signCommitment signs round's commitment c as EIP-712 RoundCommitment
// data for the study's Studies module (domain d), for the coordinator to
// record in its batch, and says when this node commits it by itself if
// the chain does not record it: grace after the task's commit_by, and at
// the latest a tenth of the round's time before its deadline on chain.
func (s *steps) signCommitment(d contracts.CommitDomain, t *cohortv1.TrainTask, round contracts.Round, c contracts.Commitment, grace time.Duration) (batchedCommitment, *cohortv1.SignedCommitment, error) {
	signed, err := contracts.SignCommitment(s.key, d, s.studyID, t.GetRound(), c)
	if err != nil {
		return batchedCommitment{}, nil, err
	}
	selfAt := time.Unix(t.GetCommitBy(), 0).Add(grace)
	if latest := round.Deadline.Add(-round.Deadline.Sub(round.OpenedAt) / 10); latest.Before(selfAt) {
		selfAt = latest
	}
	msg := &cohortv1.SignedCommitment{SampleCount: c.Samples, ConsentRoot: c.ConsentRoot.Bytes(), Signature: signed.Signature}
	return batchedCommitment{round: t.GetRound(), signed: signed, selfAt: selfAt}, msg, nil
}

// commitVerdict is what a node does next about a batched commitment.
type commitVerdict int

const (
	commitWait commitVerdict = iota // not on chain yet; the coordinator's batch may still come
	commitSelf                      // not on chain by its time: commit by itself
	commitDone                      // settled: on chain as signed, or reported
	commitVoid                      // settled: the round was abandoned, its updates unused
)

// ErrCommitmentLeftOut reports a round that closed without this node's
// batched commitment on chain: the coordinator left its update out (and
// the node did not commit by itself in time).
var ErrCommitmentLeftOut = errors.New("participant: the round closed without this hospital's commitment")

// checkBatched decides on a batched commitment from the chain: recorded is
// this node's commitment in the round on chain (nil if none) and round the
// round as the chain records it (read only when recorded is nil). A
// commitment recorded otherwise than signed, or a round closed without
// it, is reported as an error with verdict commitDone; a round abandoned
// without it is settled with commitVoid: its updates are not used.
func (s *steps) checkBatched(b batchedCommitment, recorded *contracts.Commitment, round contracts.Round, now time.Time) (commitVerdict, error) {
	switch {
	case recorded != nil && *recorded == b.signed.Commitment:
		return commitDone, nil
	case recorded != nil:
		return commitDone, fmt.Errorf("%w: the chain records commitment %s (%d samples, consent root %s) for this hospital in round %d; it signed %s (%d samples, consent root %s)",
			ErrChainMismatch, recorded.CiphertextHash.Hex(), recorded.Samples, recorded.ConsentRoot.Hex(), b.round,
			b.signed.CiphertextHash.Hex(), b.signed.Samples, b.signed.ConsentRoot.Hex())
	case round.Abandoned:
		return commitVoid, nil
	case !round.Open:
		return commitDone, fmt.Errorf("participant %s: %w %d (the coordinator did not record it, and it was not committed by %s)", s.name, ErrCommitmentLeftOut, b.round, b.selfAt.UTC().Format(time.RFC3339))
	case now.Before(b.selfAt):
		return commitWait, nil
	}
	return commitSelf, nil
}

// roundRecordFile is the record of the ids round trained on, with their
// Merkle root and the consent source that chose them.
func (s *steps) roundRecordFile(round uint32, ids []string, root common.Hash, source ConsentSource) (fileWrite, error) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	b, err := json.Marshal(roundRecord{StudyID: s.studyID, Round: round, Source: source, Samples: len(ids), ConsentRoot: root, IDs: sorted})
	if err != nil {
		return fileWrite{}, err
	}
	return fileWrite{dir: roundRecordsDir, name: roundRecordName(round), data: b}, nil
}

// evaluate scores the round's new model (params, the blob the task names)
// on this site's consented test records and answers with counts and score
// histograms only, signed. study is where the study stands on chain.
func (s *steps) evaluate(t *cohortv1.EvaluateTask, study contracts.StudyProgress, params []float64, test []records.Record) (ready, error) {
	if err := s.checkStudy("evaluate", t.GetStudyId()); err != nil {
		return ready{}, err
	}
	// The round may have closed meanwhile (the coordinator need not wait
	// for every site), but it must have opened.
	if r := t.GetRound(); r == 0 || r > study.CurrentRound {
		return ready{}, fmt.Errorf("%w: evaluate task for round %d, but the chain has opened rounds up to %d only", ErrChainMismatch, r, study.CurrentRound)
	}
	if err := s.model.SetParams(params); err != nil {
		return ready{}, fmt.Errorf("participant %s: model %x: %w", s.name, t.GetModelHash(), err)
	}
	test, err := s.prepare(test, nil)
	if err != nil {
		return ready{}, err
	}
	X, y := records.Matrix(test)
	scored, err := s.model.Evaluate(X, y, records.Times(test))
	if err != nil {
		return ready{}, fmt.Errorf("participant %s: evaluate: %w", s.name, err)
	}
	ev, err := json.Marshal(scored)
	if err != nil {
		return ready{}, err
	}
	signed, err := auth.Sign(s.key, s.studyID, t.GetRound(), auth.KindEvaluation, crypto.Keccak256Hash(ev))
	if err != nil {
		return ready{}, err
	}
	return ready{send: &cohortv1.EvaluationSubmission{
		StudyId: s.studyID, Round: t.GetRound(), ModelHash: t.GetModelHash(), Evaluation: ev, Auth: signed,
	}}, nil
}
