package aggregation

import (
	"math/bits"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dealingFixture is a key generation whose dealings a test may corrupt:
// every dealer's public-key share and what it dealt to each holder.
type dealingFixture struct {
	s         *Scheme
	crs, seed [32]byte
	threshold int
	points    []ShamirPoint
	sks       []*SecretShare
	pkShares  []*PublicKeyShare
	dealt     []map[ShamirPoint]*ThresholdShare // by dealer, then holder point
	pk        *PublicKey
}

func newDealingFixture(t *testing.T, s *Scheme, dealers, holders, threshold int) *dealingFixture {
	t.Helper()
	f := &dealingFixture{s: s, crs: CommonSeed([]byte("dealing-check")), seed: CommonSeed([]byte("dealt shares")), threshold: threshold}
	for i := range holders {
		f.points = append(f.points, ShamirPoint(i+1))
	}
	for range dealers {
		sk, err := s.GenSecretShare()
		require.NoError(t, err)
		pks, err := s.GenPublicKeyShare(sk, f.crs)
		require.NoError(t, err)
		dealt, err := s.GenThresholdShares(sk, threshold, f.points)
		require.NoError(t, err)
		f.sks, f.pkShares, f.dealt = append(f.sks, sk), append(f.pkShares, pks), append(f.dealt, dealt)
	}
	var err error
	f.pk, err = s.CombinePublicKey(f.crs, f.pkShares)
	require.NoError(t, err)
	return f
}

// dealAnotherKey has dealer i deal shares of a fresh key, not the one
// behind its public-key share.
func (f *dealingFixture) dealAnotherKey(t *testing.T, i int) {
	t.Helper()
	other, err := f.s.GenSecretShare()
	require.NoError(t, err)
	f.dealt[i], err = f.s.GenThresholdShares(&SecretShare{params: other.params, id: f.sks[i].ID(), sk: other.sk}, f.threshold, f.points)
	require.NoError(t, err)
}

func (f *dealingFixture) dealers() []PartyID {
	out := make([]PartyID, len(f.sks))
	for i, sk := range f.sks {
		out[i] = sk.ID()
	}
	return out
}

// holdings sums what each holder was dealt, each share through the wire
// (AggregateThresholdShares without a collective key: the check needs
// none).
func (f *dealingFixture) holdings(t *testing.T) map[ShamirPoint]*ThresholdSecretShare {
	t.Helper()
	order := make([]int, len(f.sks))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return comparePartyIDs(f.sks[a].ID(), f.sks[b].ID()) })
	out := map[ShamirPoint]*ThresholdSecretShare{}
	for _, p := range f.points {
		tsk := &ThresholdSecretShare{params: f.s.paramsHash, party: PartyIDOf([]byte{byte(p)}), point: p, threshold: f.threshold, points: f.points}
		for _, i := range order {
			ts := viaWire(t, f.dealt[i][p], new(ThresholdShare))
			tsk.keys = append(tsk.keys, ts.dealer)
			tsk.shares = append(tsk.shares, ts.shares[0])
		}
		out[p] = tsk
	}
	return out
}

// verdict runs the dealing check of dealers' subset across sets, every
// holder in them answering (lie, if not nil, alters a holder's shares).
func (f *dealingFixture) verdict(t *testing.T, tsks map[ShamirPoint]*ThresholdSecretShare, sets [][]ShamirPoint, lie func(p ShamirPoint, ds *DecryptionShare)) func([]PartyID) (DealingVerdict, error) {
	return func(subset []PartyID) (DealingVerdict, error) {
		var pks []*PublicKeyShare
		for _, pk := range f.pkShares {
			if slices.Contains(subset, pk.Party()) {
				pks = append(pks, pk)
			}
		}
		check, err := f.s.NewDealingCheck(f.pk, f.seed, pks)
		require.NoError(t, err)
		var shares []*DecryptionShare
		for _, p := range f.points {
			mine := setsHolding(sets, p)
			if len(mine) == 0 {
				continue
			}
			got, err := f.s.GenDealingCheckShares(tsks[p], mine, f.pk, f.seed, subset)
			require.NoError(t, err)
			for _, ds := range got {
				ds = viaWire(t, ds, new(DecryptionShare))
				require.Equal(t, check.Hash(), ds.AggregateHash)
				if lie != nil {
					lie(p, ds)
				}
				shares = append(shares, ds)
			}
		}
		return f.s.CheckDealingSets(check, shares)
	}
}

// setsHolding returns the sets that hold point p.
func setsHolding(sets [][]ShamirPoint, p ShamirPoint) [][]ShamirPoint {
	var out [][]ShamirPoint
	for _, set := range sets {
		if slices.Contains(set, p) {
			out = append(out, set)
		}
	}
	return out
}

func TestDealingCheckPassesConsistentDealings(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 5, 4, 2)
	tsks := f.holdings(t)
	sets, err := DecryptionSets(f.points[:3], f.threshold)
	require.NoError(t, err)
	v, err := f.verdict(t, tsks, sets, nil)(f.dealers())
	require.NoError(t, err)
	assert.True(t, v.Consistent(), "failed sets %v", v.Failed)
	assert.Len(t, v.Passed, 3)
	v, err = f.verdict(t, tsks, sets, nil)(f.dealers()[2:3])
	require.NoError(t, err)
	assert.True(t, v.Consistent(), "one dealer: failed sets %v", v.Failed)
}

func TestDealingCheckFailsInconsistentDealings(t *testing.T) {
	s := newScheme(t)
	r := s.params.RingQ()
	cases := []struct {
		name string
		// corrupt alters dealer 1's dealing; everywhere says whether the
		// check must then fail in every set or only in those holding
		// point 2's share.
		corrupt    func(t *testing.T, f *dealingFixture)
		everywhere bool
	}{
		{"shifted share", func(t *testing.T, f *dealingFixture) {
			sh := f.dealt[1][2].shares[0]
			sh.Q.Coeffs[0][7] = (sh.Q.Coeffs[0][7] + 123456789) % r.SubRings[0].Modulus
		}, false},
		{"small delta", func(t *testing.T, f *dealingFixture) {
			sh := f.dealt[1][2].shares[0]
			for i, row := range sh.Q.Coeffs {
				row[0] = (row[0] + 1) % r.SubRings[i].Modulus
			}
		}, false},
		{"wrong constant term", func(t *testing.T, f *dealingFixture) {
			f.dealAnotherKey(t, 1)
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newDealingFixture(t, s, 3, 4, 2)
			tc.corrupt(t, f)
			tsks := f.holdings(t)
			// Exactly t holders, the corrupted share's among them.
			v, err := f.verdict(t, tsks, [][]ShamirPoint{{1, 2}}, nil)(f.dealers())
			require.NoError(t, err)
			assert.True(t, v.InconsistentEverywhere())
			// Spare holders: sets {2,3}, {1,3}, {1,2}.
			sets, err := DecryptionSets(f.points[:3], f.threshold)
			require.NoError(t, err)
			v, err = f.verdict(t, tsks, sets, nil)(f.dealers()[1:2])
			require.NoError(t, err)
			if tc.everywhere {
				assert.True(t, v.InconsistentEverywhere(), "passed %v", v.Passed)
			} else {
				assert.Equal(t, [][]ShamirPoint{{1, 3}}, v.Passed)
				assert.Equal(t, []ShamirPoint{2}, v.Suspects())
			}
			// The other dealers' checks pass.
			v, err = f.verdict(t, tsks, sets, nil)([]PartyID{f.sks[0].ID(), f.sks[2].ID()})
			require.NoError(t, err)
			assert.True(t, v.Consistent(), "failed %v", v.Failed)
		})
	}
}

func TestDealingCheckTellsALyingHolderFromALyingDealer(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 4, 4, 2)
	tsks := f.holdings(t)
	sets, err := DecryptionSets(f.points[:3], f.threshold)
	require.NoError(t, err)
	lie := func(p ShamirPoint, ds *DecryptionShare) {
		if p == 3 {
			require.NoError(t, s.ShiftDecryptionShare(ds, 5, 1))
		}
	}
	bad, partial, err := FindInconsistentDealers(f.dealers(), f.verdict(t, tsks, sets, lie))
	require.NoError(t, err)
	assert.Empty(t, bad, "an honest dealer named for a lying holder")
	require.Len(t, partial, len(f.sks), "every dealer's check fails with the lying holder only")
	for _, p := range partial {
		assert.Equal(t, []ShamirPoint{3}, p.Suspects)
	}

	// Now dealer 2 deals shares of another secret: every set fails.
	f.dealAnotherKey(t, 2)
	tsks = f.holdings(t)
	bad, partial, err = FindInconsistentDealers(f.dealers(), f.verdict(t, tsks, sets, nil))
	require.NoError(t, err)
	assert.Equal(t, []PartyID{f.sks[2].ID()}, bad)
	assert.Empty(t, partial)

	// And dealer 1 shifts holder 2's share: its check alone fails, in the
	// sets holding point 2.
	sh := f.dealt[1][2].shares[0]
	sh.Q.Coeffs[0][0] = (sh.Q.Coeffs[0][0] + 1) % s.params.RingQ().SubRings[0].Modulus
	tsks = f.holdings(t)
	bad, partial, err = FindInconsistentDealers(f.dealers(), f.verdict(t, tsks, sets, nil))
	require.NoError(t, err)
	assert.Equal(t, []PartyID{f.sks[2].ID()}, bad)
	assert.Equal(t, []PartialDealing{{Dealer: f.sks[1].ID(), Suspects: []ShamirPoint{2}}}, partial)
}

func TestFindInconsistentDealersNamesThemAmongMany(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 16, 3, 2)
	for _, i := range []int{5, 11} {
		f.dealAnotherKey(t, i)
	}
	tsks := f.holdings(t)
	sets, err := DecryptionSets(f.points, f.threshold)
	require.NoError(t, err)
	checks := 0
	verdict := f.verdict(t, tsks, sets, nil)
	bad, partial, err := FindInconsistentDealers(f.dealers(), func(subset []PartyID) (DealingVerdict, error) {
		checks++
		return verdict(subset)
	})
	require.NoError(t, err)
	want := []PartyID{f.sks[5].ID(), f.sks[11].ID()}
	assert.ElementsMatch(t, want, bad)
	assert.Empty(t, partial)
	// one batched check, then two halves per level down to each of the two
	assert.LessOrEqual(t, checks, 1+2*2*4, "checks run")
	t.Logf("%d checks named 2 inconsistent dealers among 16", checks)
}

// Every subset FindInconsistentDealers asks is a part of its bisection
// (IsBisectionPart), also when every dealer's check fails (a holder lying
// about all of them: every part asked), and no other subset is: 2n−1 of
// the 2^n−1, each dealer in at most ⌈log2 n⌉+1. Holders answer these only.
func TestBisectionPartsAreTheSubsetsABisectionAsks(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 16} {
		dealers := make([]PartyID, n)
		for i := range dealers {
			dealers[i] = PartyIDOf([]byte{byte(i)})
		}
		var asked [][]PartyID
		failing := DealingVerdict{Failed: [][]ShamirPoint{{1, 2}}, Passed: [][]ShamirPoint{{1, 3}}}
		_, partial, err := FindInconsistentDealers(dealers, func(subset []PartyID) (DealingVerdict, error) {
			asked = append(asked, slices.Clone(subset))
			return failing, nil
		})
		require.NoError(t, err)
		require.Len(t, partial, n, "n=%d: every dealer's check fails somewhere", n)
		require.Len(t, asked, 2*n-1, "n=%d", n)
		for _, subset := range asked {
			assert.True(t, IsBisectionPart(dealers, subset), "n=%d: asked %v", n, subset)
			slices.Reverse(subset)
			assert.True(t, IsBisectionPart(dealers, subset), "n=%d: the same dealers in another order", n)
		}
		if n > 7 {
			continue // 2^n subsets
		}
		parts, in := 0, make(map[PartyID]int)
		for mask := 1; mask < 1<<n; mask++ {
			var subset []PartyID
			for i, d := range dealers {
				if mask&(1<<i) != 0 {
					subset = append(subset, d)
				}
			}
			if IsBisectionPart(dealers, subset) {
				parts++
				for _, d := range subset {
					in[d]++
				}
			}
		}
		assert.Equal(t, 2*n-1, parts, "n=%d", n)
		for d, k := range in {
			assert.LessOrEqual(t, k, bits.Len(uint(n-1))+1, "n=%d: dealer %s in %d parts", n, d, k)
		}
	}
	d := []PartyID{PartyIDOf([]byte{1}), PartyIDOf([]byte{2})}
	assert.False(t, IsBisectionPart(d, nil), "no dealer")
	assert.False(t, IsBisectionPart(d, []PartyID{d[0], d[0]}), "a dealer twice")
	assert.False(t, IsBisectionPart(d, []PartyID{PartyIDOf([]byte{3})}), "another dealer")
}

func TestDealingCheckSharesAreDeterministicAndWeightsBounded(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 2, 2, 2)
	tsks := f.holdings(t)
	set := [][]ShamirPoint{{1, 2}}
	a, err := s.GenDealingCheckShares(tsks[1], set, f.pk, f.seed, f.dealers())
	require.NoError(t, err)
	b, err := s.GenDealingCheckShares(tsks[1], set, f.pk, f.seed, []PartyID{f.dealers()[1], f.dealers()[0]})
	require.NoError(t, err)
	assert.True(t, a[0].shares[0].Value.Equal(&b[0].shares[0].Value), "asked again, a holder must give the same share (its noise must not average down)")
	for _, w := range DealingCheckWeights(f.seed, f.dealers()) {
		assert.True(t, w.Weight >= 1 && w.Weight < 1<<DealingWeightBits, "weight %d", w.Weight)
	}
	_, err = s.dealingProbe(f.crs, []Term{{Dealer: f.dealers()[0], Weight: 1 << 40}})
	assert.ErrorIs(t, err, ErrInvalidWeight)
}

// The same check, with the new holders' shares, catches an inconsistent
// re-dealing before the old shares are erased.
func TestDealingCheckCatchesAnInconsistentResharing(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 3, 3, 2)
	old := f.holdings(t)
	next := []ShamirPoint{1, 2, 3, 4}
	reshare := func(t *testing.T, corrupt bool) map[ShamirPoint]*ThresholdSecretShare {
		inbox := map[ShamirPoint][]*ThresholdShare{}
		for _, dealer := range []ShamirPoint{1, 2} {
			dealt, err := s.GenReshareShares(old[dealer], []ShamirPoint{1, 2}, 2, next)
			require.NoError(t, err)
			if corrupt && dealer == 2 {
				require.NoError(t, s.ShiftThresholdShare(dealt[3], 1))
			}
			for p, ts := range dealt {
				inbox[p] = append(inbox[p], ts)
			}
		}
		out := map[ShamirPoint]*ThresholdSecretShare{}
		for _, p := range next {
			tsk, err := s.AggregateReshareShares(PartyIDOf([]byte{byte(p)}), p, inbox[p])
			require.NoError(t, err)
			out[p] = tsk
		}
		return out
	}
	f.points = next
	sets, err := DecryptionSets(next, 2)
	require.NoError(t, err)
	v, err := f.verdict(t, reshare(t, false), sets, nil)(f.dealers())
	require.NoError(t, err)
	assert.True(t, v.Consistent(), "an honest re-sharing: failed %v", v.Failed)
	bad, partial, err := FindInconsistentDealers(f.dealers(), f.verdict(t, reshare(t, true), sets, nil))
	require.NoError(t, err)
	assert.Empty(t, bad)
	require.Len(t, partial, len(f.sks), "the shifted re-share spoils point 3's share of every key")
	for _, p := range partial {
		assert.Equal(t, []ShamirPoint{3, 4}, p.Suspects, "sets {1,2} and {3,4}: the one holding point 3 fails")
	}
}

// A member that joins after key generation deals its own key to the
// holders (AddDealer) and sends its public-key share for the key's CRS:
// the dealing check covers its key alone or with the parties', and fails
// in every set if it dealt another key.
func TestDealingCheckCoversAJoinersKey(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 3, 3, 2)
	sk := s.GenSecretShareFor(PartyIDOf([]byte("joiner")))
	joinerPK, err := s.GenPublicKeyShare(sk, f.pk.CRS())
	require.NoError(t, err)
	require.NoError(t, s.CheckJoinerKeyShare(f.pk, sk.ID(), viaWire(t, joinerPK, new(PublicKeyShare))))
	before := f.holdings(t)
	holdings := func(t *testing.T, key *SecretShare) map[ShamirPoint]*ThresholdSecretShare {
		dealt, err := s.GenThresholdShares(key, f.threshold, f.points)
		require.NoError(t, err)
		out := map[ShamirPoint]*ThresholdSecretShare{}
		for p, tsk := range before {
			out[p], err = s.AddDealer(tsk, viaWire(t, dealt[p], new(ThresholdShare)))
			require.NoError(t, err)
		}
		return out
	}
	sets, err := DecryptionSets(f.points, f.threshold)
	require.NoError(t, err)
	everyone := append(f.dealers(), sk.ID())
	f.sks, f.pkShares = append(f.sks, sk), append(f.pkShares, joinerPK)

	honest := holdings(t, sk)
	for _, subset := range [][]PartyID{{sk.ID()}, everyone} {
		v, err := f.verdict(t, honest, sets, nil)(subset)
		require.NoError(t, err)
		assert.True(t, v.Consistent(), "%d keys: failed sets %v", len(subset), v.Failed)
	}

	other := s.GenSecretShareFor(sk.ID()) // another key under the joiner's id
	v, err := f.verdict(t, holdings(t, other), sets, nil)([]PartyID{sk.ID()})
	require.NoError(t, err)
	assert.True(t, v.InconsistentEverywhere(), "passed sets %v", v.Passed)
	v, err = f.verdict(t, holdings(t, other), sets, nil)(f.dealers()[:3])
	require.NoError(t, err)
	assert.True(t, v.Consistent(), "the parties' keys pass without the joiner's: failed %v", v.Failed)
}

// A joiner's public-key share is refused unless it is its own, for the
// collective key's CRS, with the scheme's parameters; a party of the key
// is no joiner.
func TestCheckJoinerKeyShareRefusesAForeignShare(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 2, 2, 2)
	id := PartyIDOf([]byte("joiner"))
	sk := s.GenSecretShareFor(id)
	otherCRS, err := s.GenPublicKeyShare(sk, CommonSeed([]byte("another crs")))
	require.NoError(t, err)
	otherID, err := s.GenPublicKeyShare(s.GenSecretShareFor(PartyIDOf([]byte("someone else"))), f.pk.CRS())
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		id    PartyID
		share *PublicKeyShare
		want  error
	}{
		{"no share", id, nil, ErrNilArgument},
		{"another CRS", id, otherCRS, ErrKeyMismatch},
		{"another party's", id, otherID, ErrKeyMismatch},
		{"a party of the key", f.sks[0].ID(), f.pkShares[0], ErrDuplicateShare},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorIs(t, s.CheckJoinerKeyShare(f.pk, tc.id, tc.share), tc.want)
		})
	}
}

// One secret gives one public-key share per CRS, however often it is
// asked: a joiner asked to deal again sends the same share, so a
// coordinator cannot average fresh errors away to read its key.
func TestPublicKeyShareIsTheSameForOneSecretAndCRS(t *testing.T) {
	s := newScheme(t)
	sk, err := s.GenSecretShare()
	require.NoError(t, err)
	crs := CommonSeed([]byte("crs"))
	encode := func(crs [32]byte, sk *SecretShare) []byte {
		pks, err := s.GenPublicKeyShare(sk, crs)
		require.NoError(t, err)
		b, err := pks.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	first := encode(crs, sk)
	assert.Equal(t, first, encode(crs, sk))
	assert.NotEqual(t, first, encode(CommonSeed([]byte("another crs")), sk))
	other, err := s.GenSecretShare()
	require.NoError(t, err)
	assert.NotEqual(t, first, encode(crs, other))
}

// A re-sharing among five holders with threshold 3, re-dealt by three
// of them, one of which shifts the share it re-deals to one new holder:
// the whole check fails in the sets holding that holder, and the
// bisection over the re-sharing's dealers, each part checked against a
// set the whole passed in, names that dealer alone, with the holder. A
// holder lying about every part is suspected in every dealer's part, as
// at key generation; an honest re-sharing passes without bisecting.
func TestFindInconsistentResharersNamesTheDealerAtFault(t *testing.T) {
	s := newScheme(t)
	f := newDealingFixture(t, s, 5, 5, 3)
	old := f.holdings(t)
	resharers := []ShamirPoint{1, 3, 5}
	sets, err := DecryptionSets(f.points, 3)
	require.NoError(t, err)
	reshare := func(t *testing.T, guilty ShamirPoint) map[ShamirPoint][]*ThresholdShare {
		inbox := map[ShamirPoint][]*ThresholdShare{}
		for _, dealer := range resharers {
			dealt, err := s.GenReshareShares(old[dealer], resharers, 3, f.points)
			require.NoError(t, err)
			if dealer == guilty {
				require.NoError(t, s.ShiftThresholdShare(dealt[2], 1))
			}
			for p, ts := range dealt {
				inbox[p] = append(inbox[p], ts)
			}
		}
		return inbox
	}
	dealerIDs := make([]PartyID, len(resharers))
	for i, p := range resharers {
		dealerIDs[i] = old[p].Party()
	}
	// part has every new holder give the check of the part of its
	// pending share the subset's dealers dealt (all: the whole share).
	part := func(t *testing.T, inbox map[ShamirPoint][]*ThresholdShare) func([]PartyID) map[ShamirPoint]*ThresholdSecretShare {
		return func(subset []PartyID) map[ShamirPoint]*ThresholdSecretShare {
			out := map[ShamirPoint]*ThresholdSecretShare{}
			for _, p := range f.points {
				var got []*ThresholdShare
				for _, ts := range inbox[p] {
					if slices.Contains(subset, ts.Dealer()) {
						got = append(got, viaWire(t, ts, new(ThresholdShare)))
					}
				}
				var tsk *ThresholdSecretShare
				var err error
				if len(subset) == len(dealerIDs) {
					tsk, err = s.AggregateReshareShares(PartyIDOf([]byte{byte(p)}), p, got)
				} else {
					tsk, err = s.AggregateResharePart(PartyIDOf([]byte{byte(p)}), p, got)
				}
				require.NoError(t, err)
				out[p] = tsk
			}
			return out
		}
	}
	judge := func(t *testing.T, inbox map[ShamirPoint][]*ThresholdShare, lie func(ShamirPoint, *DecryptionShare)) ([]PartialDealing, bool) {
		parts := part(t, inbox)
		whole, err := f.verdict(t, parts(dealerIDs), sets, lie)(f.dealers())
		require.NoError(t, err)
		check, err := s.NewDealingCheck(f.pk, f.seed, f.pkShares)
		require.NoError(t, err)
		partial, undetermined, err := FindInconsistentResharers(dealerIDs, whole, func(subset []PartyID, ref []ShamirPoint) (DealingVerdict, error) {
			tsks := parts(subset)
			var shares []*DecryptionShare
			for _, p := range f.points {
				got, err := s.GenDealingCheckShares(tsks[p], setsHolding(sets, p), f.pk, f.seed, f.dealers())
				require.NoError(t, err)
				for _, ds := range got {
					ds = viaWire(t, ds, new(DecryptionShare))
					if lie != nil {
						lie(p, ds)
					}
					shares = append(shares, ds)
				}
			}
			return s.CheckResharePartSets(check, shares, ref)
		})
		require.NoError(t, err)
		return partial, undetermined
	}

	partial, undetermined := judge(t, reshare(t, 0), nil)
	assert.Empty(t, partial, "an honest re-sharing")
	assert.False(t, undetermined)

	partial, undetermined = judge(t, reshare(t, 3), nil)
	assert.False(t, undetermined)
	require.Len(t, partial, 1, "only the dealer that shifted a share is named")
	assert.Equal(t, old[3].Party(), partial[0].Dealer)
	// Points 1 and 2 are in the same sets ({3,4,5}, {1,2,5}, {1,2,3}).
	assert.Equal(t, []ShamirPoint{1, 2}, partial[0].Suspects, "with the holder of the shifted share")

	r := s.params.RingQ().AtLevel(s.params.MaxLevel() - 1)
	liar := func(p ShamirPoint, ds *DecryptionShare) {
		if p == 4 {
			v := ds.shares[0].Value
			v.Coeffs[0][3] = (v.Coeffs[0][3] + 1<<50) % r.SubRings[0].Modulus
		}
	}
	partial, undetermined = judge(t, reshare(t, 0), liar)
	assert.False(t, undetermined)
	require.Len(t, partial, len(resharers), "a holder lying about every part is suspected in every dealer's")
	for _, p := range partial {
		assert.Equal(t, []ShamirPoint{4}, p.Suspects)
	}
}

// A re-sharing dealer that re-deals another value to every new holder
// alike (a consistent polynomial of the wrong constant) fails the whole
// check in every set: no set passes to check a dealer's part against,
// and the new holders' shares alone cannot tell which dealer it was.
func TestFindInconsistentResharersCannotTellAWrongConstant(t *testing.T) {
	whole := DealingVerdict{Failed: [][]ShamirPoint{{1, 2}, {2, 3}}}
	partial, undetermined, err := FindInconsistentResharers([]PartyID{{1}, {2}}, whole, func([]PartyID, []ShamirPoint) (DealingVerdict, error) {
		t.Fatal("no part can be checked without a passing set")
		return DealingVerdict{}, nil
	})
	require.NoError(t, err)
	assert.Empty(t, partial)
	assert.True(t, undetermined)

	// Nor without dealers (holders adding joiners' keys only).
	_, undetermined, err = FindInconsistentResharers(nil, DealingVerdict{Failed: [][]ShamirPoint{{1, 2}}, Passed: [][]ShamirPoint{{2, 3}}}, nil)
	require.NoError(t, err)
	assert.True(t, undetermined)
}

// The dealing check's sets cover every holder, each set t sorted points;
// bad input is refused, not looped on.
func TestDealingCheckSetsCoverEveryHolder(t *testing.T) {
	points := func(n int) []ShamirPoint {
		out := make([]ShamirPoint, n)
		for i := range out {
			out[i] = ShamirPoint(3*i + 1)
		}
		return out
	}
	for _, tc := range []struct{ holders, t, sets int }{{2, 2, 1}, {3, 2, 3}, {4, 2, 2}, {10, 6, 3}, {10, 3, 4}, {100, 7, 15}} {
		sets, err := DealingCheckSets(points(tc.holders), tc.t)
		require.NoError(t, err)
		assert.Len(t, sets, tc.sets, "%d holders, threshold %d", tc.holders, tc.t)
		covered := map[ShamirPoint]bool{}
		for _, set := range sets {
			assert.Len(t, set, tc.t)
			assert.IsIncreasing(t, set)
			for _, p := range set {
				covered[p] = true
			}
		}
		assert.Len(t, covered, tc.holders, "every holder's shares are checked")
	}
	for _, bad := range []struct {
		points []ShamirPoint
		t      int
	}{{points(5), 0}, {points(2), 3}, {[]ShamirPoint{1, 2, 3, 4, 5, 5}, 2}} {
		_, err := DealingCheckSets(bad.points, bad.t)
		assert.ErrorIs(t, err, ErrInvalidThreshold, "%v at threshold %d", bad.points, bad.t)
	}
}
