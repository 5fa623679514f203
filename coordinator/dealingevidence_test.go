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
)

// dealingEvidenceFixture is three hospitals, each a dealer and a holder
// (threshold 2), one of which deals shares of another key than its
// public-key share's; evidence is what the coordinator keeps of the
// dealing check it ran on them, as checkDealings gathers it.
type dealingEvidenceFixture struct {
	scheme   *aggregation.Scheme
	keys     []*ecdsa.PrivateKey
	addrs    []common.Address
	pk       []byte
	evidence *DealingEvidence
}

const evidenceStudy = 7

func newDealingEvidenceFixture(t *testing.T, inconsistent int) *dealingEvidenceFixture {
	t.Helper()
	return newDealingEvidenceFixtureOf(t, evidenceSetup{inconsistent: inconsistent, threshold: 2, liar: -1})
}

// evidenceSetup is a dealing-evidence fixture's three hospitals: the one
// dealing another key's shares (-1: none), the threshold, the holder
// that lies about its check shares of the key of framed (liar -1: none),
// and the decryption sets the coordinator asks (nil: those
// aggregation.DealingCheckSets derives).
type evidenceSetup struct {
	inconsistent, threshold, liar, framed int
	sets                                  [][]aggregation.ShamirPoint
}

func newDealingEvidenceFixtureOf(t *testing.T, setup evidenceSetup) *dealingEvidenceFixture {
	t.Helper()
	inconsistent := setup.inconsistent
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	f := &dealingEvidenceFixture{scheme: scheme}
	crs := aggregation.CommonSeed([]byte("evidence crs"))
	points := []aggregation.ShamirPoint{1, 2, 3}
	var pkShares []*aggregation.PublicKeyShare
	var dealt []map[aggregation.ShamirPoint]*aggregation.ThresholdShare
	ev := &DealingEvidence{Study: evidenceStudy, Seed: common.Hash(aggregation.CommonSeed([]byte("evidence seed")))}
	for i := range points {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		addr := crypto.PubkeyToAddress(key.PublicKey)
		f.keys, f.addrs = append(f.keys, key), append(f.addrs, addr)
		sk := scheme.GenSecretShareFor(aggregation.DealerID(evidenceStudy, addr.Bytes()))
		pks, err := scheme.GenPublicKeyShare(sk, crs)
		require.NoError(t, err)
		raw, err := pks.MarshalBinary()
		require.NoError(t, err)
		signed, err := auth.Sign(key, evidenceStudy, 0, auth.KindPublicKey, crypto.Keccak256Hash(raw))
		require.NoError(t, err)
		ev.Dealers = append(ev.Dealers, SignedPKShare{Dealer: addr, Share: raw, Signature: signed.Signature})
		if i == inconsistent {
			sk = scheme.GenSecretShareFor(sk.ID()) // another key
		}
		shares, err := scheme.GenThresholdShares(sk, setup.threshold, points)
		require.NoError(t, err)
		pkShares, dealt = append(pkShares, pks), append(dealt, shares)
		ev.Holders = append(ev.Holders, DealingHolder{Address: addr, Point: uint64(points[i])})
	}
	pk, err := scheme.CombinePublicKey(crs, pkShares)
	require.NoError(t, err)
	f.pk, err = pk.MarshalBinary()
	require.NoError(t, err)
	ev.PublicKeyHash = aggregation.ContentHash(f.pk)
	sets := setup.sets
	if sets == nil {
		sets, err = aggregation.DealingCheckSets(points, setup.threshold)
		require.NoError(t, err)
	}
	ev.Sets = (&dealingCheckAsk{sets: sets}).wirePoints()

	holdings := make([]*aggregation.ThresholdSecretShare, len(points))
	for h, p := range points {
		var received []*aggregation.ThresholdShare
		for d := range dealt {
			raw, err := dealt[d][p].MarshalBinary()
			require.NoError(t, err)
			ts := new(aggregation.ThresholdShare)
			require.NoError(t, ts.UnmarshalBinary(raw))
			received = append(received, ts)
		}
		holdings[h], err = scheme.AggregateThresholdShares(pk, aggregation.DealerID(evidenceStudy, f.addrs[h].Bytes()), p, received)
		require.NoError(t, err)
	}
	byID := map[aggregation.PartyID]int{}
	var ids []aggregation.PartyID
	for i, a := range f.addrs {
		ids = append(ids, aggregation.DealerID(evidenceStudy, a.Bytes()))
		byID[ids[i]] = i
	}
	// The coordinator's side: each check asked, every holder answering
	// signed, judged as checkDealings judges it.
	verdict := func(subset []aggregation.PartyID) (aggregation.DealingVerdict, error) {
		asked := DealingAnswers{}
		var of []*aggregation.PublicKeyShare
		for _, id := range subset {
			asked.Dealers, of = append(asked.Dealers, f.addrs[byID[id]]), append(of, pkShares[byID[id]])
		}
		var all []*aggregation.DecryptionShare
		for h, p := range points {
			var mine [][]aggregation.ShamirPoint
			for _, set := range sets {
				if slices.Contains(set, p) {
					mine = append(mine, set)
				}
			}
			shares, err := scheme.GenDealingCheckShares(holdings[h], mine, pk, [32]byte(ev.Seed), subset)
			require.NoError(t, err)
			if h == setup.liar && slices.Contains(subset, ids[setup.framed]) {
				for _, ds := range shares {
					require.NoError(t, scheme.ShiftDecryptionShare(ds, 0, 0.5))
				}
			}
			answer := SignedDealingAnswers{Holder: f.addrs[h]}
			for _, ds := range shares {
				raw, err := ds.MarshalBinary()
				require.NoError(t, err)
				answer.Shares = append(answer.Shares, raw)
			}
			signed, err := auth.Sign(f.keys[h], evidenceStudy, 0, auth.KindDealingCheck, auth.DealingCheckContent(ev.PublicKeyHash, ev.Seed, uint64(p), asked.Dealers, ev.Sets, answer.Shares))
			require.NoError(t, err)
			answer.Signature = signed.Signature
			asked.Answers = append(asked.Answers, answer)
			all = append(all, shares...)
		}
		ev.Checks = append(ev.Checks, asked)
		check, err := scheme.NewDealingCheck(pk, [32]byte(ev.Seed), of)
		require.NoError(t, err)
		return scheme.CheckDealingSets(check, all)
	}
	bad, partial, err := aggregation.FindInconsistentDealers(ids, verdict)
	require.NoError(t, err)
	require.Empty(t, partial)
	addrOf := make(map[aggregation.PartyID]common.Address, len(ids))
	for id, i := range byID {
		addrOf[id] = f.addrs[i]
	}
	ev.Verdict = keyGenFinding(addrOf, bad, partial, ev.Sets)
	f.evidence = ev
	return f
}

// viaBlob is the evidence as a hospital reads it from the coordinator's
// blob.
func (f *dealingEvidenceFixture) viaBlob(t *testing.T) *DealingEvidence {
	t.Helper()
	raw, err := f.evidence.Marshal()
	require.NoError(t, err)
	ev, err := ParseDealingEvidence(raw)
	require.NoError(t, err)
	return ev
}

// A hospital re-derives the verdict from the evidence alone: the
// inconsistent dealer, and only it.
func TestDealingVerdictReChecksFromItsEvidence(t *testing.T) {
	const inconsistent = 1
	f := newDealingEvidenceFixture(t, inconsistent)
	ev := f.viaBlob(t)
	assert.Equal(t, []common.Address{f.addrs[inconsistent]}, ev.Verdict.Inconsistent)
	got, err := RecheckDealings(f.scheme, f.pk, ev)
	require.NoError(t, err)
	assert.Equal(t, []common.Address{f.addrs[inconsistent]}, got.Inconsistent)
	assert.Empty(t, got.Partial)
	assert.NoError(t, VerifyDealingVerdict(f.scheme, f.pk, ev))
	assert.Greater(t, len(ev.Checks), 1, "the bisection's checks are in the evidence")
}

// A hostile coordinator cannot have an honest hospital named: a verdict
// the holders' signed shares do not give, a share altered or forged, an
// honest dealer's public-key share replaced, a check left out, each is
// refused by the re-check.
func TestDealingVerdictTheEvidenceDoesNotSupportIsRefused(t *testing.T) {
	const inconsistent, honest = 1, 0
	f := newDealingEvidenceFixture(t, inconsistent)
	assertEvidenceRefused(t, f, []forgery{
		{"an honest dealer named", func(ev *DealingEvidence) {
			ev.Verdict.Inconsistent = []common.Address{f.addrs[honest], f.addrs[inconsistent]}
		}, "the holders' signed shares name inconsistent [" + f.addrs[inconsistent].Hex() + "]"},
		{"the inconsistent dealer cleared", func(ev *DealingEvidence) { ev.Verdict = DealingFinding{} }, "the coordinator's verdict names no dealer"},
		{"a check share altered", func(ev *DealingEvidence) {
			sh := ev.Checks[0].Answers[0].Shares[0]
			sh[len(sh)-1] ^= 1
		}, "dealing-check shares of " + f.addrs[0].Hex()},
		{"a check share re-signed by the coordinator", func(ev *DealingEvidence) {
			key, err := crypto.GenerateKey()
			require.NoError(t, err)
			a := &ev.Checks[0].Answers[2]
			a.Shares[0][len(a.Shares[0])-1] ^= 1
			signed, err := auth.Sign(key, evidenceStudy, 0, auth.KindDealingCheck, auth.DealingCheckContent(ev.PublicKeyHash, ev.Seed, 3, ev.Checks[0].Dealers, ev.Sets, a.Shares))
			require.NoError(t, err)
			a.Signature = signed.Signature
		}, "dealing-check shares of " + f.addrs[2].Hex()},
		{"an honest dealer's public-key share replaced", func(ev *DealingEvidence) {
			ev.Dealers[honest].Share = ev.Dealers[inconsistent].Share
		}, "public-key share of " + f.addrs[honest].Hex() + ": not signed by it"},
		{"a bisection check left out", func(ev *DealingEvidence) { ev.Checks = ev.Checks[:1] }, "the evidence lacks the dealing check of"},
		{"another seed claimed", func(ev *DealingEvidence) { ev.Seed[0] ^= 1 }, "dealing-check shares of"},
		{"a decryption set left out", func(ev *DealingEvidence) { ev.Sets = ev.Sets[1:] }, "(aggregation.DealingCheckSets)"},
		{"one set claimed", func(ev *DealingEvidence) { ev.Sets = [][]uint64{{1, 2, 3}} }, "at fault on a dealing check with one decryption set"},
	})
	t.Run("another collective key", func(t *testing.T) {
		other := newDealingEvidenceFixture(t, inconsistent)
		assert.ErrorIs(t, VerifyDealingVerdict(f.scheme, other.pk, f.viaBlob(t)), ErrUnsupportedVerdict)
	})
}

// Among exactly t holders the check has one decryption set: a holder
// lying about its shares of one honest hospital's key only fails that
// key's check in every set, as an inconsistent dealing does. The verdict
// re-checks to both as suspects, none at fault, and evidence claiming
// the hospital at fault is refused. Before 2026-12-07 it re-checked to
// the honest hospital named inconsistent.
func TestOneDecryptionSetNamesSuspectsNotADealerAtFault(t *testing.T) {
	const liar, framed = 0, 1
	lying := newDealingEvidenceFixtureOf(t, evidenceSetup{inconsistent: -1, threshold: 3, liar: liar, framed: framed})
	dealing := newDealingEvidenceFixtureOf(t, evidenceSetup{inconsistent: framed, threshold: 3, liar: -1})
	for name, f := range map[string]*dealingEvidenceFixture{"a lying holder": lying, "an inconsistent dealer": dealing} {
		t.Run(name, func(t *testing.T) {
			ev := f.viaBlob(t)
			require.Len(t, ev.Sets, 1)
			got, err := RecheckDealings(f.scheme, f.pk, ev)
			require.NoError(t, err)
			assert.Empty(t, got.Inconsistent, "no dealer at fault on one set")
			require.NotNil(t, got.OneSet)
			assert.Equal(t, []common.Address{f.addrs[framed]}, got.OneSet.Dealers)
			assert.Equal(t, []uint64{1, 2, 3}, got.OneSet.Holders, "every holder of the set is a suspect")
			assert.NoError(t, VerifyDealingVerdict(f.scheme, f.pk, ev))
		})
	}
	assertEvidenceRefused(t, lying, []forgery{
		{"the framed hospital claimed at fault", func(ev *DealingEvidence) {
			ev.Verdict = DealingFinding{Inconsistent: []common.Address{lying.addrs[framed]}}
		}, "on a dealing check with one decryption set"},
		{"the suspects cleared", func(ev *DealingEvidence) { ev.Verdict = DealingFinding{} }, "the coordinator's verdict names no dealer"},
	})
}

// A hostile coordinator choosing the decryption sets: three holders at
// threshold 2 give three sets, but asked over the two holding a lying
// holder only, an honest hospital's check fails in every set asked and
// the signed answers name it inconsistent. The re-check derives the sets
// from the holders' points (aggregation.DealingCheckSets) and refuses
// evidence over any other.
func TestDealingEvidenceOverSetsTheHoldersDoNotGiveIsRefused(t *testing.T) {
	const liar, framed = 0, 1
	f := newDealingEvidenceFixtureOf(t, evidenceSetup{inconsistent: -1, threshold: 2, liar: liar, framed: framed,
		sets: [][]aggregation.ShamirPoint{{1, 2}, {1, 3}}})
	require.Equal(t, []common.Address{f.addrs[framed]}, f.evidence.Verdict.Inconsistent, "the chosen sets frame the honest hospital")
	assertEvidenceRefused(t, f, []forgery{
		{"sets each holding the liar", func(*DealingEvidence) {}, "give [[1 2] [1 3] [2 3]] (aggregation.DealingCheckSets)"},
	})
}

// forgery alters a verdict's evidence; the re-check must refuse it
// saying what.
type forgery struct {
	name   string
	forge  func(ev *DealingEvidence)
	saying string
}

// assertEvidenceRefused checks that each forgery of f's evidence is
// refused (ErrUnsupportedVerdict) saying what it says.
func assertEvidenceRefused(t *testing.T, f *dealingEvidenceFixture, forgeries []forgery) {
	t.Helper()
	for _, tc := range forgeries {
		t.Run(tc.name, func(t *testing.T) {
			ev := f.viaBlob(t)
			tc.forge(ev)
			err := VerifyDealingVerdict(f.scheme, f.pk, ev)
			require.ErrorIs(t, err, ErrUnsupportedVerdict)
			assert.ErrorContains(t, err, tc.saying)
		})
	}
}
