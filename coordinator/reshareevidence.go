package coordinator

import (
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// verifyAnswer checks a holder's signature over its answer to check, at
// its point: over auth.DealingCheckContent at key generation, over
// auth.ReshareDealingCheckContent in a re-sharing (check.Dealers then
// lists the re-sharing dealers whose part was asked, the first check the
// whole pending shares, with the joiners').
func (e *DealingEvidence) verifyAnswer(check DealingAnswers, point uint64, a SignedDealingAnswers) error {
	signed := &cohortv1.Signed{Signer: a.Holder.Bytes(), Signature: a.Signature}
	if e.Reshare == nil {
		_, err := auth.Verify(signed, e.Study, 0, auth.KindDealingCheck, auth.DealingCheckContent(e.PublicKeyHash, e.Seed, point, check.Dealers, e.Sets, a.Shares))
		return err
	}
	r := e.Reshare
	var resharers, joiners []common.Address
	if len(check.Dealers) < len(r.Resharers) {
		resharers = check.Dealers
	} else {
		joiners = r.Joiners
	}
	keys := make([]common.Address, len(e.Dealers))
	for i, d := range e.Dealers {
		keys[i] = d.Dealer
	}
	content := auth.ReshareDealingCheckContent(r.SetHash, resharers, joiners, e.PublicKeyHash, e.Seed, point, keys, e.Sets, a.Shares)
	_, err := auth.Verify(signed, e.Study, r.Round, auth.KindReshareDealingCheck, content)
	return err
}

// recheckReshare re-derives a re-sharing's verdict from the evidence: the
// set hash recomputed from the re-sharing it names, the keys' signed
// public-key shares (pkShares) and the new holders' signed answers, the
// first check of the whole pending shares. The re-sharing's dealers are
// judged as judgeReshare does, then each joiner with a signed key
// (JoinerKeys), its key's check alone in the first check's answers
// (DealingFinding.addJoiner); a joiner whose signed share fails
// aggregation.CheckJoinerKeyShare is named Inconsistent on it alone,
// which is all evidence without checks holds.
func (e *DealingEvidence) recheckReshare(scheme *aggregation.Scheme, pk *aggregation.PublicKey, pkShares map[common.Address]*aggregation.PublicKeyShare, points map[common.Address]uint64) (DealingFinding, error) {
	r := e.Reshare
	var dealers, holders []*cohortv1.ShareHolder
	var resharers []common.Address
	for _, d := range r.Resharers {
		dealers, resharers = append(dealers, &cohortv1.ShareHolder{Address: d.Address.Bytes(), Point: d.Point}), append(resharers, d.Address)
	}
	for _, h := range e.Holders {
		holders = append(holders, &cohortv1.ShareHolder{Address: h.Address.Bytes(), Point: h.Point})
	}
	if got := auth.ReshareSetHash(e.Study, r.Round, r.Threshold, dealers, holders); got != r.SetHash {
		return DealingFinding{}, fmt.Errorf("%w: the re-sharing's dealers and holders hash to %s, the holders signed %s", ErrUnsupportedVerdict, got.Hex(), r.SetHash.Hex())
	}
	joinerKeys, err := e.joinerKeys()
	if err != nil {
		return DealingFinding{}, err
	}
	var f DealingFinding
	var first []*aggregation.DecryptionShare // the holders' answers to the first check
	if len(e.Checks) > 0 {
		if !slices.IsSortedFunc(resharers, common.Address.Cmp) || !slices.Equal(e.Checks[0].Dealers, resharers) {
			return DealingFinding{}, fmt.Errorf("%w: the first check is not of the whole pending shares of every re-sharing dealer, sorted", ErrUnsupportedVerdict)
		}
		if first, err = e.answerShares(e.Checks[0], points); err != nil {
			return DealingFinding{}, err
		}
		if len(e.Dealers) > 0 {
			if f, err = e.judgeResharers(scheme, pk, pkShares, points, resharers, first); err != nil {
				return DealingFinding{}, err
			}
		}
	}
	for i, share := range joinerKeys {
		j := r.Joiners[i]
		// A joiner's key is of one of its key epochs: its first (a
		// newcomer's) or a fresh one (a reinstalled hospital's), which the
		// coordinator kept and the holders derived; any of its own ids
		// does here, as the signed share binds it to the joiner.
		id := share.Party()
		if _, ok := aggregation.DealerEpoch(e.Study, j.Bytes(), id); !ok {
			id = aggregation.DealerID(e.Study, j.Bytes())
		}
		if scheme.CheckJoinerKeyShare(pk, id, share) != nil {
			f.Inconsistent = append(f.Inconsistent, j)
			continue
		}
		if len(e.Checks) == 0 {
			continue
		}
		check, err := scheme.NewDealingCheck(pk, [32]byte(e.Seed), []*aggregation.PublicKeyShare{share})
		if err != nil {
			return DealingFinding{}, fmt.Errorf("%w: %v", ErrUnsupportedVerdict, err)
		}
		v, err := scheme.CheckDealingSets(check, completeSetsOf(check, first))
		if err != nil {
			return DealingFinding{}, fmt.Errorf("%w: the check of %s's key: %v", ErrUnsupportedVerdict, j.Hex(), err)
		}
		f.addJoiner(j, v)
	}
	return f, nil
}

// joinerKeys checks the joiners' public-key shares (JoinerKeys), each
// signed by its joiner for this re-sharing's round, in the order of
// Joiners, and decodes them; evidence kept before they were (Joiners
// without JoinerKeys) has none.
func (e *DealingEvidence) joinerKeys() ([]*aggregation.PublicKeyShare, error) {
	r := e.Reshare
	if len(r.JoinerKeys) == 0 {
		return nil, nil
	}
	out := make([]*aggregation.PublicKeyShare, len(r.JoinerKeys))
	for i, k := range r.JoinerKeys {
		if i >= len(r.Joiners) || k.Dealer != r.Joiners[i] || k.Round != r.Round {
			return nil, fmt.Errorf("%w: the joiners' public-key shares are not those of the joiners %v, each signed for round %d", ErrUnsupportedVerdict, r.Joiners, r.Round)
		}
		sh, err := e.signedShare(k)
		if err != nil {
			return nil, err
		}
		out[i] = sh
	}
	if len(out) != len(r.Joiners) {
		return nil, fmt.Errorf("%w: %d joiners' public-key shares for %d joiners", ErrUnsupportedVerdict, len(out), len(r.Joiners))
	}
	return out, nil
}

// judgeResharers re-derives the verdict on the re-sharing's dealers
// (judgeReshare) from the keys' check: first, the holders' answers to
// the whole pending shares', and the checks of the parts the evidence
// holds.
func (e *DealingEvidence) judgeResharers(scheme *aggregation.Scheme, pk *aggregation.PublicKey, pkShares map[common.Address]*aggregation.PublicKeyShare, points map[common.Address]uint64, resharers []common.Address, first []*aggregation.DecryptionShare) (DealingFinding, error) {
	var of []*aggregation.PublicKeyShare
	for _, d := range e.Dealers {
		of = append(of, pkShares[d.Dealer])
	}
	check, err := scheme.NewDealingCheck(pk, [32]byte(e.Seed), of)
	if err != nil {
		return DealingFinding{}, fmt.Errorf("%w: %v", ErrUnsupportedVerdict, err)
	}
	answers := func(subset []common.Address) ([]*aggregation.DecryptionShare, error) {
		i := slices.IndexFunc(e.Checks, func(c DealingAnswers) bool { return slices.Equal(c.Dealers, subset) })
		if i < 0 {
			return nil, fmt.Errorf("%w: the evidence lacks the dealing check of the part %v dealt, which the verdict needs", ErrUnsupportedVerdict, subset)
		}
		shares, err := e.answerShares(e.Checks[i], points)
		if err != nil {
			return nil, err
		}
		return completeSetsOf(check, shares), nil
	}
	wv, err := scheme.CheckDealingSets(check, completeSetsOf(check, first))
	if err != nil {
		return DealingFinding{}, fmt.Errorf("%w: the whole re-sharing's check: %v", ErrUnsupportedVerdict, err)
	}
	return judgeReshare(scheme, check, e.Study, resharers, wv, answers)
}

// judgeReshare judges a re-sharing's dealers (sorted) given whole, the
// verdict of the new holders' pending shares, and part, the holders'
// shares of the check with the part a subset of them dealt: by
// aggregation.FindInconsistentResharers, each part checked against a set
// the whole passed in. The coordinator runs it asking the holders, and
// RecheckDealings on the answers the evidence keeps.
func judgeReshare(scheme *aggregation.Scheme, check *aggregation.DealingCheck, study uint64, resharers []common.Address, whole aggregation.DealingVerdict, part func(subset []common.Address) ([]*aggregation.DecryptionShare, error)) (DealingFinding, error) {
	byID := make(map[aggregation.PartyID]common.Address, len(resharers))
	ids := make([]aggregation.PartyID, len(resharers))
	for i, d := range resharers {
		ids[i] = aggregation.DealerID(study, d.Bytes())
		byID[ids[i]] = d
	}
	partial, undetermined, err := aggregation.FindInconsistentResharers(ids, whole, func(subset []aggregation.PartyID, ref []aggregation.ShamirPoint) (aggregation.DealingVerdict, error) {
		addrs := make([]common.Address, len(subset))
		for i, id := range subset {
			addrs[i] = byID[id]
		}
		shares, err := part(addrs)
		if err != nil {
			return aggregation.DealingVerdict{}, err
		}
		return scheme.CheckResharePartSets(check, shares, ref)
	})
	if err != nil {
		return DealingFinding{}, err
	}
	f := findingOf(byID, nil, partial)
	// Parts that each pass while the whole fails (their deviations each
	// within the bound, not together) name no dealer either.
	if undetermined || (!whole.Consistent() && len(partial) == 0) {
		f.OneOf = slices.Clone(resharers)
	}
	return f, nil
}

// completeSetsOf keeps the shares of check (a holder's answer may hold a
// joiner's check's after them) in the decryption sets every holder of
// which answered: a holder that did not confirm leaves its sets out.
func completeSetsOf(check *aggregation.DealingCheck, shares []*aggregation.DecryptionShare) []*aggregation.DecryptionShare {
	count := map[string]int{}
	key := func(ds *aggregation.DecryptionShare) string { return fmt.Sprint(ds.ActiveSet()) }
	for _, ds := range shares {
		if ds.AggregateHash == check.Hash() {
			count[key(ds)]++
		}
	}
	var out []*aggregation.DecryptionShare
	for _, ds := range shares {
		if ds.AggregateHash == check.Hash() && count[key(ds)] == len(ds.ActiveSet()) {
			out = append(out, ds)
		}
	}
	return out
}
