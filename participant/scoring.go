package participant

import (
	"context"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/models"
)

// score answers a ScoreTask: it recomputes everything the scores depend on
// (the reference update from the root data set the study committed to and
// the round's global model, the projection seed from the committed updates,
// every contributor's score set) and gives scalar decryption shares only if
// all of it matches. Nothing but the scores can be decrypted from them.
func (p *Participant) score(ctx context.Context, t *cohortv1.ScoreTask) error {
	round := t.GetRound()
	active := t.GetActivePoints()
	if !slices.Contains(active, p.point) {
		return fmt.Errorf("%w: asked to decrypt scores with active set %v, which leaves out this site's point %d", ErrChainMismatch, active, p.point)
	}
	if err := p.checkOnCommittee(ctx); err != nil {
		return err
	}
	n := len(t.GetContributors())
	if n == 0 || n != len(t.GetScoreSetHashes()) {
		return fmt.Errorf("%w: score task names %d contributors and %d score sets", ErrChainMismatch, n, len(t.GetScoreSetHashes()))
	}
	scheme, ok := p.sealer.(*homomorphicSealer)
	if !ok || scheme.threshold == nil {
		return fmt.Errorf("participant %s: asked for score shares without a threshold key", p.cfg.Name)
	}
	refs, updates, err := p.roundReferences(ctx, scheme.scheme, round, t.GetContributors(), t.GetSeed(), t.GetProjections(), t.GetReferencesHash())
	if err != nil {
		return err
	}

	sub := &cohortv1.ScoreSharesSubmission{StudyId: p.cfg.StudyID, Round: round}
	for i, h := range t.GetScoreSetHashes() {
		b, err := p.fetch(ctx, common.BytesToHash(h))
		if err != nil {
			return err
		}
		var set aggregation.ScoreSet
		if err := set.UnmarshalBinary(b); err != nil {
			return fmt.Errorf("participant %s: score set: %w", p.cfg.Name, err)
		}
		// GenThresholdScoreShare recomputes the set from the update and the
		// references and refuses if the coordinator's differs.
		share, err := scheme.scheme.GenThresholdScoreShare(scheme.threshold, shamirPoints(active), &set, updates[i], refs)
		if err != nil {
			return fmt.Errorf("participant %s: score share for %x: %w", p.cfg.Name, t.GetContributors()[i], err)
		}
		sb, err := share.MarshalBinary()
		if err != nil {
			return err
		}
		sub.Shares = append(sub.Shares, sb)
	}
	if sub.Auth, err = auth.Sign(p.key, p.cfg.StudyID, round, auth.KindScoreShares, crypto.Keccak256Hash(sub.Shares...)); err != nil {
		return err
	}
	rpcCtx, cancel := p.rpcContext(ctx)
	defer cancel()
	if _, err := p.client.SubmitScoreShares(rpcCtx, sub); err != nil {
		return fmt.Errorf("participant %s: submit score shares: %w", p.cfg.Name, err)
	}
	return nil
}

// roundReferences recomputes what a round's scores depend on and checks the
// coordinator's claims against it: the reference update from the root data
// set the study committed to and the round's global model, the contributors'
// committed updates, the projection seed they fix, the number of projections
// and the hash of the resulting references. It returns the references and
// the updates, in the order of contributors.
func (p *Participant) roundReferences(ctx context.Context, scheme *aggregation.Scheme, round uint32, contributors [][]byte, seed []byte, projections uint32, refsHash []byte) (*aggregation.References, []*aggregation.EncryptedVector, error) {
	study, err := p.ledger.Study(ctx, p.cfg.StudyID)
	if err != nil {
		return nil, nil, fmt.Errorf("participant %s: read study: %w", p.cfg.Name, err)
	}
	onChain, err := p.ledger.Round(ctx, p.cfg.StudyID, round)
	if err != nil {
		return nil, nil, fmt.Errorf("participant %s: read round %d: %w", p.cfg.Name, round, err)
	}
	global, err := p.fetchModel(ctx, onChain.GlobalModel)
	if err != nil {
		return nil, nil, err
	}
	rootBlob, err := p.fetch(ctx, study.ReferenceCommitment)
	if err != nil {
		return nil, nil, fmt.Errorf("participant %s: root data set the study committed to: %w", p.cfg.Name, err)
	}
	var root models.Dataset
	if err := root.UnmarshalBinary(rootBlob); err != nil {
		return nil, nil, fmt.Errorf("participant %s: root data set: %w", p.cfg.Name, err)
	}
	reference, err := models.ReferenceUpdate(ctx, p.cfg.Spec, global, root, models.ReferenceTrainConfig(round))
	if err != nil {
		return nil, nil, err
	}

	updates := make([]*aggregation.EncryptedVector, len(contributors))
	committed := make([]common.Hash, len(contributors))
	for i, raw := range contributors {
		addr := common.BytesToAddress(raw)
		cm, err := p.ledger.Commitment(ctx, p.cfg.StudyID, round, addr)
		if err != nil {
			return nil, nil, fmt.Errorf("participant %s: commitment of %s: %w", p.cfg.Name, addr.Hex(), err)
		}
		b, err := p.fetch(ctx, cm.CiphertextHash)
		if err != nil {
			return nil, nil, err
		}
		updates[i], committed[i] = new(aggregation.EncryptedVector), cm.CiphertextHash
		if err := updates[i].UnmarshalBinary(b); err != nil {
			return nil, nil, fmt.Errorf("participant %s: update of %s: %w", p.cfg.Name, addr.Hex(), err)
		}
		// A score share opens the update under the key of the dealer it
		// names: an update naming another member (or made for another
		// round) would have that member's key decrypted into its scores.
		if err := scheme.CheckUpdate(updates[i], study.PublicKeyHash, aggregation.TrainContext(p.cfg.StudyID, round), aggregation.DealerID(p.cfg.StudyID, addr.Bytes()), updates[i].Len()); err != nil {
			return nil, nil, fmt.Errorf("%w: the update %s committed is bound to another member or round: %v", ErrChainMismatch, addr.Hex(), err)
		}
	}
	want := aggregation.ScoringSeed(p.cfg.StudyID, round, committed)
	if !slices.Equal(want[:], seed) {
		return nil, nil, fmt.Errorf("%w: projection seed is not the one the round's commitments fix", ErrChainMismatch)
	}
	if k := aggregation.DefaultProjectionsFor(len(global)); int(projections) != k {
		return nil, nil, fmt.Errorf("%w: %d projections asked, the protocol uses %d for this model", ErrChainMismatch, projections, k)
	}
	refs, err := scheme.NewReferences(reference, want, int(projections))
	if err != nil {
		return nil, nil, err
	}
	if refs.Hash() != common.BytesToHash(refsHash) {
		return nil, nil, fmt.Errorf("%w: the reference update recomputed from the root data set differs from the coordinator's", ErrChainMismatch)
	}
	return refs, updates, nil
}
