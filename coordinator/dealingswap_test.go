package coordinator

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// A holder asked for the dealing check of some dealers (a bisection's
// half) that answers with its shares of another check (the whole's,
// which it gave before), signed over what it was asked: the signature
// and the shares' points and sets are right, so the answer was taken and
// the half's check then lacked the holder's shares ("missing shares":
// key generation stopped naming no one). The coordinator now refuses the
// answer, naming the holder.
func TestHolderAnsweringAnotherDealingCheckIsNamed(t *testing.T) {
	f := newDealingEvidenceFixture(t, 1)
	ev := f.evidence
	whole, half := ev.Checks[0], ev.Checks[1]
	require.Less(t, len(half.Dealers), len(whole.Dealers), "the bisection asked a half")
	points := map[common.Address]uint64{}
	var sets [][]aggregation.ShamirPoint
	for _, h := range ev.Holders {
		points[h.Address] = h.Point
	}
	for _, set := range ev.Sets {
		var s []aggregation.ShamirPoint
		for _, p := range set {
			s = append(s, aggregation.ShamirPoint(p))
		}
		sets = append(sets, s)
	}
	ask := &dealingCheckAsk{seed: [32]byte(ev.Seed), dealers: half.Dealers, sets: sets}
	step := &thresholdConfirmStep{phase: newPhase(protocol.ThresholdConfirm, 0, f.addrs), study: evidenceStudy, pkHash: ev.PublicKeyHash, check: ask, points: points}
	swapper := f.addrs[0]
	for i, a := range half.Answers {
		shares := a.Shares
		if a.Holder == swapper {
			shares = whole.Answers[i].Shares
		}
		content := auth.DealingCheckContent(ev.PublicKeyHash, ev.Seed, points[a.Holder], half.Dealers, ev.Sets, shares)
		signed, err := auth.Sign(f.keys[i], evidenceStudy, 0, auth.KindDealingCheck, content)
		require.NoError(t, err)
		confirmed, err := auth.Sign(f.keys[i], evidenceStudy, 0, auth.KindThresholdKey, crypto.Keccak256Hash(ev.PublicKeyHash.Bytes()))
		require.NoError(t, err)
		_, err = deliverTo(step, step.receive, &cohortv1.ThresholdKeyConfirmation{StudyId: evidenceStudy, Auth: confirmed, DealingCheckShares: shares, DealingCheckAuth: signed})
		require.NoError(t, err, "holder %d: signed over what it was asked, at its point and sets", i)
	}

	pk := new(aggregation.PublicKey)
	require.NoError(t, pk.UnmarshalBinary(f.pk))
	pkShares, err := ev.publicKeyShares()
	require.NoError(t, err)
	var of []*aggregation.PublicKeyShare
	for _, d := range half.Dealers {
		of = append(of, pkShares[d])
	}
	check, err := f.scheme.NewDealingCheck(pk, [32]byte(ev.Seed), of)
	require.NoError(t, err)
	_, err = step.checkShares(check.Hash())
	require.ErrorIs(t, err, ErrInconsistentDealing)
	assert.ErrorContains(t, err, swapper.Hex())
	assert.ErrorContains(t, err, "another dealing check than the one asked")
}

// In a re-sharing a holder answers the re-shared keys' check, then each
// joiner's: shares of two checks in the place of each other (the order
// swapped) are refused, naming the holder, as are shares with no check
// asked; in their places they are taken.
func TestHolderSwappingTwoDealingChecksIsNamed(t *testing.T) {
	f := newDealingEvidenceFixture(t, 1)
	ev := f.evidence
	decode := func(a SignedDealingAnswers) []*aggregation.DecryptionShare {
		var out []*aggregation.DecryptionShare
		for _, b := range a.Shares {
			ds := new(aggregation.DecryptionShare)
			require.NoError(t, ds.UnmarshalBinary(b))
			out = append(out, ds)
		}
		return out
	}
	first, second := decode(ev.Checks[0].Answers[0]), decode(ev.Checks[1].Answers[0])
	require.NotEqual(t, first[0].AggregateHash, second[0].AggregateHash)
	checks := []common.Hash{first[0].AggregateHash, second[0].AggregateHash}
	holder := ev.Checks[0].Answers[0].Holder

	require.NoError(t, ofChecksAsked(holder, append(append([]*aggregation.DecryptionShare{}, first...), second...), checks), "each in its place")
	err := ofChecksAsked(holder, append(append([]*aggregation.DecryptionShare{}, second...), first...), checks)
	require.ErrorIs(t, err, ErrInconsistentDealing, "swapped")
	assert.ErrorContains(t, err, holder.Hex())
	require.ErrorIs(t, ofChecksAsked(holder, first, nil), ErrMalformed, "no check asked")
}
