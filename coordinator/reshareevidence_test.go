package coordinator

import (
	"crypto/ecdsa"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// newReshareEvidenceFixture is five hospitals with threshold 3, each a
// dealer at key generation and a holder, whose key three of them (at
// points 1, 3 and 5) re-share before round 2 to the five (same points),
// guilty shifting the share it re-deals to the holder at point 2; the
// evidence is what the coordinator keeps of the re-sharing's check,
// gathered as bisectReshare gathers it (judgeReshare).
const reshareEvidenceRound = 2

func newReshareEvidenceFixture(t *testing.T, guilty int) *dealingEvidenceFixture {
	t.Helper()
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	f := &dealingEvidenceFixture{scheme: scheme}
	crs := aggregation.CommonSeed([]byte("re-sharing evidence crs"))
	points := []aggregation.ShamirPoint{1, 2, 3, 4, 5}
	var pkShares []*aggregation.PublicKeyShare
	var dealt []map[aggregation.ShamirPoint]*aggregation.ThresholdShare
	ev := &DealingEvidence{Study: evidenceStudy, Seed: common.Hash(aggregation.CommonSeed([]byte("re-sharing seed")))}
	for range points {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		f.keys = append(f.keys, key)
		f.addrs = append(f.addrs, crypto.PubkeyToAddress(key.PublicKey))
	}
	slices.SortFunc(f.addrs, common.Address.Cmp)
	slices.SortFunc(f.keys, func(a, b *ecdsa.PrivateKey) int {
		return crypto.PubkeyToAddress(a.PublicKey).Cmp(crypto.PubkeyToAddress(b.PublicKey))
	})
	for i, addr := range f.addrs {
		sk := scheme.GenSecretShareFor(aggregation.DealerID(evidenceStudy, addr.Bytes()))
		pks, err := scheme.GenPublicKeyShare(sk, crs)
		require.NoError(t, err)
		raw, err := pks.MarshalBinary()
		require.NoError(t, err)
		signed, err := auth.Sign(f.keys[i], evidenceStudy, 0, auth.KindPublicKey, crypto.Keccak256Hash(raw))
		require.NoError(t, err)
		ev.Dealers = append(ev.Dealers, SignedPKShare{Dealer: addr, Share: raw, Signature: signed.Signature})
		shares, err := scheme.GenThresholdShares(sk, 3, points)
		require.NoError(t, err)
		pkShares, dealt = append(pkShares, pks), append(dealt, shares)
		ev.Holders = append(ev.Holders, DealingHolder{Address: addr, Point: uint64(points[i])})
	}
	pk, err := scheme.CombinePublicKey(crs, pkShares)
	require.NoError(t, err)
	f.pk, err = pk.MarshalBinary()
	require.NoError(t, err)
	ev.PublicKeyHash = aggregation.ContentHash(f.pk)
	old := make([]*aggregation.ThresholdSecretShare, len(points))
	for h, p := range points {
		var received []*aggregation.ThresholdShare
		for d := range dealt {
			received = append(received, dealt[d][p])
		}
		old[h], err = scheme.AggregateThresholdShares(pk, aggregation.DealerID(evidenceStudy, f.addrs[h].Bytes()), p, received)
		require.NoError(t, err)
	}

	// The re-sharing: the holders at points 1, 3 and 5 re-deal.
	resharing := []int{0, 2, 4}
	r := &ReshareEvidence{Round: reshareEvidenceRound, Threshold: 3}
	var dealerPoints []aggregation.ShamirPoint
	var wireDealers, wireHolders []*cohortv1.ShareHolder
	for _, i := range resharing {
		r.Resharers = append(r.Resharers, DealingHolder{Address: f.addrs[i], Point: uint64(points[i])})
		dealerPoints = append(dealerPoints, points[i])
		wireDealers = append(wireDealers, &cohortv1.ShareHolder{Address: f.addrs[i].Bytes(), Point: uint64(points[i])})
	}
	for _, h := range ev.Holders {
		wireHolders = append(wireHolders, &cohortv1.ShareHolder{Address: h.Address.Bytes(), Point: h.Point})
	}
	r.SetHash = auth.ReshareSetHash(evidenceStudy, reshareEvidenceRound, 3, wireDealers, wireHolders)
	ev.Reshare = r
	inbox := map[common.Address][]*aggregation.ThresholdShare{} // by new holder: what each re-sharing dealer dealt it, in their order
	for _, i := range resharing {
		shares, err := scheme.GenReshareShares(old[i], dealerPoints, 3, points)
		require.NoError(t, err)
		if i == guilty {
			require.NoError(t, scheme.ShiftThresholdShare(shares[2], 1))
		}
		for h, p := range points {
			inbox[f.addrs[h]] = append(inbox[f.addrs[h]], shares[p])
		}
	}
	sets, err := aggregation.DealingCheckSets(points, 3)
	require.NoError(t, err)
	ev.Sets = (&dealingCheckAsk{sets: sets}).wirePoints()
	check, err := scheme.NewDealingCheck(pk, [32]byte(ev.Seed), pkShares)
	require.NoError(t, err)
	// Every new holder answers the check of the part subset dealt (all:
	// the whole pending share), signed.
	answer := func(subset []common.Address) ([]*aggregation.DecryptionShare, error) {
		asked := DealingAnswers{Dealers: subset}
		var all []*aggregation.DecryptionShare
		var resharers []common.Address
		if len(subset) < len(resharing) {
			resharers = subset
		}
		for h, p := range points {
			var got []*aggregation.ThresholdShare
			for k, i := range resharing {
				if slices.Contains(subset, f.addrs[i]) {
					got = append(got, inbox[f.addrs[h]][k])
				}
			}
			self := aggregation.DealerID(evidenceStudy, f.addrs[h].Bytes())
			var tsk *aggregation.ThresholdSecretShare
			if resharers == nil {
				tsk, err = scheme.AggregateReshareShares(self, p, got)
			} else {
				tsk, err = scheme.AggregateResharePart(self, p, got)
			}
			require.NoError(t, err)
			var mine [][]aggregation.ShamirPoint
			for _, set := range sets {
				if slices.Contains(set, p) {
					mine = append(mine, set)
				}
			}
			shares, err := scheme.GenDealingCheckShares(tsk, mine, pk, [32]byte(ev.Seed), check.Dealers())
			require.NoError(t, err)
			a := SignedDealingAnswers{Holder: f.addrs[h]}
			for _, ds := range shares {
				raw, err := ds.MarshalBinary()
				require.NoError(t, err)
				a.Shares = append(a.Shares, raw)
			}
			signed, err := auth.Sign(f.keys[h], evidenceStudy, reshareEvidenceRound, auth.KindReshareDealingCheck,
				auth.ReshareDealingCheckContent(r.SetHash, resharers, nil, ev.PublicKeyHash, ev.Seed, uint64(p), f.addrs, ev.Sets, a.Shares))
			require.NoError(t, err)
			a.Signature = signed.Signature
			asked.Answers = append(asked.Answers, a)
			all = append(all, shares...)
		}
		ev.Checks = append(ev.Checks, asked)
		return completeSetsOf(check, all), nil
	}
	var resharers []common.Address
	for _, d := range r.Resharers {
		resharers = append(resharers, d.Address)
	}
	whole, err := answer(resharers)
	require.NoError(t, err)
	wv, err := scheme.CheckDealingSets(check, whole)
	require.NoError(t, err)
	ev.Verdict, err = judgeReshare(scheme, check, evidenceStudy, resharers, wv, answer)
	require.NoError(t, err)
	f.evidence = ev
	return f
}

// A hospital re-derives a re-sharing's verdict from its evidence alone:
// the re-sharing dealer that shifted a share, and only it, with the
// holders of that share (points 1 and 2 are in the same sets).
func TestReshareVerdictReChecksFromItsEvidence(t *testing.T) {
	const guilty = 2
	f := newReshareEvidenceFixture(t, guilty)
	ev := f.viaBlob(t)
	want := []PartialFinding{{Dealer: f.addrs[guilty], Suspects: []uint64{1, 2}}}
	assert.Equal(t, want, ev.Verdict.Partial)
	assert.Empty(t, ev.Verdict.OneOf)
	got, err := RecheckDealings(f.scheme, f.pk, ev)
	require.NoError(t, err)
	assert.Equal(t, want, got.Partial)
	assert.NoError(t, VerifyDealingVerdict(f.scheme, f.pk, ev))
	assert.Greater(t, len(ev.Checks), 1, "the bisection's checks are in the evidence")
}

// A hostile coordinator cannot have an honest re-sharing dealer named
// from a re-sharing's evidence: an honest dealer named, the guilty one
// cleared, a share altered, a part's check left out, the re-sharing's
// dealers misstated: each is refused by the re-check.
func TestReshareVerdictTheEvidenceDoesNotSupportIsRefused(t *testing.T) {
	const guilty, honest = 2, 0
	f := newReshareEvidenceFixture(t, guilty)
	assertEvidenceRefused(t, f, []forgery{
		{"an honest dealer named", func(ev *DealingEvidence) {
			ev.Verdict.Partial[0].Dealer = f.addrs[honest]
		}, "the holders' signed shares name"},
		{"the guilty dealer cleared", func(ev *DealingEvidence) { ev.Verdict = DealingFinding{} }, "the coordinator's verdict names no dealer"},
		{"every dealer called suspect", func(ev *DealingEvidence) {
			ev.Verdict = DealingFinding{OneOf: ev.Checks[0].Dealers}
		}, "the holders' signed shares name"},
		{"a check share altered", func(ev *DealingEvidence) {
			sh := ev.Checks[1].Answers[3].Shares[0]
			sh[len(sh)-1] ^= 1
		}, "dealing-check shares of " + f.addrs[3].Hex()},
		{"a part's check left out", func(ev *DealingEvidence) { ev.Checks = ev.Checks[:1] }, "the evidence lacks the dealing check of the part"},
		{"another re-sharing dealer claimed", func(ev *DealingEvidence) {
			ev.Reshare.Resharers[0].Address = f.addrs[1]
		}, "the re-sharing's dealers and holders hash to"},
		{"an honest dealer's public-key share replaced", func(ev *DealingEvidence) {
			ev.Dealers[honest].Share = ev.Dealers[guilty].Share
		}, "not signed by it"},
	})
}
