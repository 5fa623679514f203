package aggregation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/mhe"
)

// thresholdSetup deals t-of-n threshold shares among the fixture's parties
// at points 1..n, each share travelling through the wire encoding.
func thresholdSetup(t *testing.T, f *fixture, threshold int) ([]ShamirPoint, []*ThresholdSecretShare) {
	t.Helper()
	n := len(f.parties)
	points := make([]ShamirPoint, n)
	for i := range points {
		points[i] = ShamirPoint(i + 1)
	}
	dealt := make([]map[ShamirPoint]*ThresholdShare, n)
	for i, p := range f.parties {
		var err error
		dealt[i], err = f.s.GenThresholdShares(p.sk, threshold, points)
		require.NoError(t, err)
	}
	tsks := make([]*ThresholdSecretShare, n)
	for j, p := range f.parties {
		var received []*ThresholdShare
		for i := range f.parties {
			received = append(received, viaWire(t, dealt[i][points[j]], new(ThresholdShare)))
		}
		var err error
		tsks[j], err = f.s.AggregateThresholdShares(f.pk, p.sk.ID(), points[j], received)
		require.NoError(t, err)
	}
	return points, tsks
}

// viaWire marshals v and unmarshals it into out.
func viaWire[T wireValue](t *testing.T, v wireValue, out T) T {
	t.Helper()
	b, err := v.MarshalBinary()
	require.NoError(t, err)
	require.NoError(t, out.UnmarshalBinary(b))
	return out
}

// thresholdDecrypt decrypts agg with the given members' threshold shares.
func thresholdDecrypt(t *testing.T, s *Scheme, agg *EncryptedVector, members []*ThresholdSecretShare) ([]float64, error) {
	t.Helper()
	shares, err := thresholdShares(t, s, agg, members)
	if err != nil {
		return nil, err
	}
	return s.Decrypt(agg, shares)
}

// thresholdShares returns the members' decryption shares of agg (through
// the wire), as anyone who receives them (the attacker included) can
// combine them.
func thresholdShares(t *testing.T, s *Scheme, agg *EncryptedVector, members []*ThresholdSecretShare) ([]*DecryptionShare, error) {
	t.Helper()
	active := make([]ShamirPoint, len(members))
	for i, m := range members {
		active[i] = m.Point()
	}
	var shares []*DecryptionShare
	for _, m := range members {
		ds, err := s.GenThresholdDecryptionShare(m, active, agg)
		if err != nil {
			return nil, err
		}
		shares = append(shares, viaWire(t, ds, new(DecryptionShare)))
	}
	return shares, nil
}

func TestThresholdAnyTDecryptTMinusOneCannot(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	_, tsks := thresholdSetup(t, f, threshold)
	r := rand.New(rand.NewPCG(3, 4))
	want := randomVector(r, 1000, 10)
	v, err := f.encrypt(want)
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{v}, []float64{1})
	require.NoError(t, err)

	// Every t-subset decrypts.
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			for c := b + 1; c < n; c++ {
				got, err := thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{tsks[a], tsks[b], tsks[c]})
				require.NoError(t, err)
				assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5, "members %d,%d,%d", a, b, c)
			}
		}
	}

	// t-1 members cannot: the API refuses an active set below t, and
	// interpolating as if the threshold were t-1 yields noise, not the sum.
	_, err = thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{tsks[0], tsks[1]})
	require.ErrorIs(t, err, ErrInvalidThreshold)

	active := []mhe.ShamirPublicPoint{1, 2}
	var shares []*DecryptionShare
	for _, m := range tsks[:2] {
		cmb := mhe.NewCombiner(*s.params.GetRLWEParameters(), mhe.ShamirPublicPoint(m.point), active, 2)
		additive := rlwe.NewSecretKey(s.params)
		require.NoError(t, cmb.GenAdditiveShare(active, mhe.ShamirPublicPoint(m.point), termShareOf(t, s, m, agg), additive))
		ds, err := s.genDecryptionShare(additive, agg, &DecryptionShare{party: m.party, mode: modeThreshold, point: m.point, active: []ShamirPoint{1, 2}}, nil)
		require.NoError(t, err)
		shares = append(shares, ds)
	}
	_, err = s.Decrypt(agg, shares)
	require.ErrorIs(t, err, ErrInconsistentDecryption, "Decrypt refuses noise as a sum")
	got, err := s.combine(agg, shares)
	require.NoError(t, err, "the shares are well formed; only the maths fails")
	e := maxAbsDiff(got, want)
	t.Logf("t-1 = 2 members: max abs error %.3g", e)
	assert.Greater(t, e, 100.0, "two of three shares must reveal nothing like the sum (inputs are within ±10)")
}

func TestMembershipChangeByResharing(t *testing.T) {
	s := newScheme(t)
	const n, threshold = 5, 3
	f := newFixture(t, s, n)
	points, tsks := thresholdSetup(t, f, threshold)
	r := rand.New(rand.NewPCG(5, 6))
	want := randomVector(r, 300, 10)
	v, err := f.encrypt(want)
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{v}, []float64{1})
	require.NoError(t, err)

	// Removal without cryptography: member 5 leaves, the remaining four
	// keep decrypting while at least t of them answer.
	got, err := thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{tsks[1], tsks[2], tsks[3]})
	require.NoError(t, err)
	assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5)

	// Re-sharing between rounds: members 1, 3, 4 deal to the new set
	// {1, 2, 3, 4, 6} (5 removed, a newcomer at point 6) with threshold 2.
	newPoints := []ShamirPoint{1, 2, 3, 4, 6}
	dealers := []ShamirPoint{points[0], points[2], points[3]}
	const newThreshold = 2
	dealt := map[ShamirPoint]map[ShamirPoint]*ThresholdShare{}
	for _, d := range dealers {
		var err error
		dealt[d], err = s.GenReshareShares(tsks[d-1], dealers, newThreshold, newPoints)
		require.NoError(t, err)
	}
	newcomer, err := NewPartyID()
	require.NoError(t, err)
	ids := map[ShamirPoint]PartyID{6: newcomer}
	for i, p := range points[:4] {
		ids[p] = f.parties[i].sk.ID()
	}
	fresh := map[ShamirPoint]*ThresholdSecretShare{}
	for _, p := range newPoints {
		var received []*ThresholdShare
		for _, d := range dealers {
			received = append(received, viaWire(t, dealt[d][p], new(ThresholdShare)))
		}
		tsk, err := s.AggregateReshareShares(ids[p], p, received)
		require.NoError(t, err)
		fresh[p] = viaWire(t, tsk, new(ThresholdSecretShare))
		assert.Equal(t, newThreshold, fresh[p].Threshold())
	}

	// The collective key is unchanged: the old aggregate and a new update
	// under the same public key decrypt with any two new members,
	// including the newcomer.
	v2, err := f.encrypt(want)
	require.NoError(t, err)
	agg2, err := s.WeightedSum([]*EncryptedVector{v, v2}, []float64{0.5, 0.5})
	require.NoError(t, err)
	for _, pair := range [][2]ShamirPoint{{1, 6}, {2, 4}, {3, 6}} {
		t.Run(fmt.Sprintf("members %v", pair), func(t *testing.T) {
			for _, a := range []*EncryptedVector{agg, agg2} {
				got, err := thresholdDecrypt(t, s, a, []*ThresholdSecretShare{fresh[pair[0]], fresh[pair[1]]})
				require.NoError(t, err)
				assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5)
			}
		})
	}

	// The removed member's old share does not combine with new shares.
	mixed := *fresh[2]
	mixed.shares = tsks[4].shares
	mixed.point = 5
	_, err = thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{fresh[1], &mixed})
	require.ErrorIs(t, err, ErrInvalidThreshold, "point 5 is no longer in the member set")

	// The forced path is sound: two new shares decrypt through it.
	got, err = forcedDecrypt(t, s, agg, []*ThresholdSecretShare{fresh[1], fresh[2]}, []ShamirPoint{1, 2})
	require.NoError(t, err)
	assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5)
	// Nor does it by the maths, past every check: interpolating the new
	// share of member 1 and the old share of member 5 (t-1 = 1 new share
	// plus the leaver's) at zero gives noise, not the sum.
	got, err = forcedDecrypt(t, s, agg, []*ThresholdSecretShare{fresh[1], tsks[4]}, []ShamirPoint{1, 5})
	require.NoError(t, err, "the shares are well formed; only the maths fails")
	e := maxAbsDiff(got, want)
	t.Logf("leaver's old share + 1 new share: max abs error %.3g", e)
	assert.Greater(t, e, 100.0, "inputs are within ±10")

	t.Run("refusals", func(t *testing.T) {
		d1 := dealt[dealers[0]][1]
		d3 := dealt[dealers[1]][1]
		d4 := dealt[dealers[2]][1]
		tests := []struct {
			name     string
			own      ShamirPoint
			received []*ThresholdShare
			want     error
		}{
			{"missing dealer", 1, []*ThresholdShare{d1, d3}, ErrMissingShares},
			{"duplicate dealer", 1, []*ThresholdShare{d1, d3, d3}, ErrDuplicateShare},
			{"wrong recipient", 2, []*ThresholdShare{d1, d3, d4}, ErrInvalidThreshold},
			{"initial dealing", 1, []*ThresholdShare{{params: s.paramsHash, keys: d1.keys, shares: d1.shares, recipient: 1}}, ErrInvalidThreshold},
			{"nil share", 1, []*ThresholdShare{nil}, ErrNilArgument},
			{"none", 1, nil, ErrMissingShares},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.AggregateReshareShares(ids[tc.own], tc.own, tc.received)
				require.ErrorIs(t, err, tc.want)
			})
		}
		_, err := s.GenReshareShares(tsks[0], []ShamirPoint{1, 3}, 2, newPoints)
		require.ErrorIs(t, err, ErrInvalidThreshold, "dealer set below the old threshold")
		_, err = s.GenReshareShares(tsks[0], dealers, 6, newPoints)
		require.ErrorIs(t, err, ErrInvalidThreshold, "new threshold above the new member count")
		_, err = s.AggregateThresholdShares(f.pk, ids[1], 1, []*ThresholdShare{d1, d3, d4, d1, d3})
		require.ErrorIs(t, err, ErrInvalidThreshold, "re-sharing shares are not an initial dealing")
	})
}

func TestPrecisionRelativeToMagnitude(t *testing.T) {
	// The decrypted weighted average is within 1e-4 of the largest input
	// magnitude at the documented smudging noise, for updates from 0.01 to
	// MaxAbsValue (the error is absolute, about 1e-6 at 10 parties, so
	// smaller updates must be scaled up by the caller), and within 1e-5
	// absolute for |values| <= 10.
	s := newScheme(t)
	f := newFixture(t, s, 10)
	for _, bound := range []float64{1e-2, 1, 10, s.MaxAbsValue()} {
		t.Run(fmt.Sprintf("|v|<=%g", bound), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(bound*1000), 9))
			plain := make([][]float64, 10)
			enc := make([]*EncryptedVector, 10)
			for i := range plain {
				plain[i] = randomVector(r, 3000, bound)
				var err error
				enc[i], err = f.encrypt(plain[i])
				require.NoError(t, err)
			}
			w := normalisedWeights(r, 10)
			agg, err := s.WeightedSum(enc, w)
			require.NoError(t, err)
			want, err := PlainWeightedSum(plain, w)
			require.NoError(t, err)
			e := maxAbsDiff(f.decryptAll(t, agg), want)
			t.Logf("bound %g: max abs error %.3g (%.2g of the bound)", bound, e, e/bound)
			assert.LessOrEqual(t, e, 1e-4*bound+1e-12)
			if bound <= 10 {
				assert.LessOrEqual(t, e, 1e-5)
			}
		})
	}
}

func TestNoiseModelMatchesMeasurement(t *testing.T) {
	// The smudging argument rests on the size of the aggregate's own
	// noise. Measure it with the collective secret (which no real party
	// holds) and compare with the model AggregateNoiseStdDev uses.
	s := newScheme(t)
	for _, n := range []int{3, 10} {
		t.Run(fmt.Sprintf("%d parties", n), func(t *testing.T) {
			f := newFixture(t, s, n)
			// A zero update of weight 1: the decrypted integers are then
			// the noise itself, free of encoding and weight rounding.
			v, err := f.encrypt(make([]float64, s.Slots()))
			require.NoError(t, err)
			agg, err := s.WeightedSum([]*EncryptedVector{v}, []float64{1})
			require.NoError(t, err)

			// c0 + a·(c·s_dealer) rescaled, one share without smudging.
			sk := rlwe.NewSecretKey(s.params)
			for _, p := range f.parties {
				if p.sk.ID() == agg.terms[0].Dealer {
					mulScalarThenAdd(s.params.RingQ(), p.sk.sk.Value.Q, agg.terms[0].Weight, sk.Value.Q)
				}
			}
			ds := smudgeOff{}.share(t, s, sk, agg)
			got := make([]float64, agg.length)
			ringL := s.params.RingQ().AtLevel(agg.level)
			acc := ringL.NewPoly()
			ringL.Add(agg.c0[0], ds.shares[0].Value, acc)
			s.decode(acc, agg.level, got)
			sum := 0.0
			for _, x := range got {
				d := x * math.Exp2(float64(s.LogScale()))
				sum += d * d
			}
			n := 1
			measured := math.Sqrt(sum / float64(len(got)))
			model := s.AggregateNoiseStdDev(n)
			t.Logf("%d parties: aggregate noise std measured %.1f, model %.1f", n, measured, model)
			assert.InEpsilon(t, model, measured, 0.35)
		})
	}
}

// smudgeOff computes a decryption share without smudging noise, for
// measurements only.
type smudgeOff struct{}

func (smudgeOff) share(t *testing.T, s *Scheme, sk *rlwe.SecretKey, agg *EncryptedVector) *DecryptionShare {
	t.Helper()
	orig := s.sigma
	defer func() { s.sigma = orig }()
	s.sigma = 0
	ds, err := s.genDecryptionShare(sk, agg, &DecryptionShare{mode: modeCollective}, nil)
	require.NoError(t, err)
	return ds
}

// termShareOf is m's Shamir share of the key agg decrypts under.
func termShareOf(t *testing.T, s *Scheme, m *ThresholdSecretShare, agg *EncryptedVector) mhe.ShamirSecretShare {
	t.Helper()
	sh, err := s.termShare(m, agg.terms)
	require.NoError(t, err)
	return sh
}

// forcedDecrypt decrypts agg with the members' shares interpolated over the
// given active points, bypassing the checks that the shares belong to one
// sharing: it shows what a party that ignores them would get.
func forcedDecrypt(t *testing.T, s *Scheme, agg *EncryptedVector, members []*ThresholdSecretShare, points []ShamirPoint) ([]float64, error) {
	t.Helper()
	active := make([]mhe.ShamirPublicPoint, len(points))
	for i, p := range points {
		active[i] = mhe.ShamirPublicPoint(p)
	}
	var shares []*DecryptionShare
	for i, m := range members {
		cmb := mhe.NewCombiner(*s.params.GetRLWEParameters(), active[i], active, len(active))
		additive := rlwe.NewSecretKey(s.params)
		require.NoError(t, cmb.GenAdditiveShare(active, active[i], termShareOf(t, s, m, agg), additive))
		ds, err := s.genDecryptionShare(additive, agg, &DecryptionShare{party: m.party, mode: modeThreshold, point: points[i], active: points}, nil)
		require.NoError(t, err)
		shares = append(shares, ds)
	}
	return s.combine(agg, shares)
}

// reshareTo re-shares the threshold shares from (held at dealers) to the
// points to, each share through the wire; ids names each new holder.
func reshareTo(t *testing.T, s *Scheme, threshold int, from []*ThresholdSecretShare, dealers, to []ShamirPoint, ids map[ShamirPoint]PartyID) map[ShamirPoint]*ThresholdSecretShare {
	t.Helper()
	dealt := map[ShamirPoint]map[ShamirPoint]*ThresholdShare{}
	for i, d := range dealers {
		var err error
		dealt[d], err = s.GenReshareShares(from[i], dealers, threshold, to)
		require.NoError(t, err)
	}
	out := map[ShamirPoint]*ThresholdSecretShare{}
	for _, p := range to {
		var received []*ThresholdShare
		for _, d := range dealers {
			received = append(received, viaWire(t, dealt[d][p], new(ThresholdShare)))
		}
		tsk, err := s.AggregateReshareShares(ids[p], p, received)
		require.NoError(t, err)
		out[p] = tsk
	}
	return out
}

// leaveAndComeBack has the third of three holders (tsks at points) leave
// and join again: the first two re-share to {1, 2}, then to {1, 2, 4}, the
// leaver at point 4. It returns the last shares, by point.
func leaveAndComeBack(t *testing.T, s *Scheme, threshold int, points []ShamirPoint, tsks []*ThresholdSecretShare, ids map[ShamirPoint]PartyID) map[ShamirPoint]*ThresholdSecretShare {
	t.Helper()
	without := reshareTo(t, s, threshold, tsks[:2], points[:2], []ShamirPoint{1, 2}, ids)
	return reshareTo(t, s, threshold, []*ThresholdSecretShare{without[1], without[2]}, []ShamirPoint{1, 2}, []ShamirPoint{1, 2, 4}, ids)
}

// A member that leaves keeps its key in the holders' set (its earlier
// updates were encrypted under it). When it joins again, a re-sharing
// gives it a share at a new point that carries its own key, so an update it
// encrypts under its kept key decrypts with the new holders; a fresh key
// it deals under the same identity is refused (ErrDuplicateShare), so no
// rejoiner replaces a key that earlier updates were encrypted under.
func TestRejoinerKeepsItsKeyAndCannotReplaceIt(t *testing.T) {
	s := newScheme(t)
	const threshold = 2
	f := newFixture(t, s, 3)
	points, tsks := thresholdSetup(t, f, threshold)
	leaver := f.parties[2].sk

	// Party 3 leaves: parties 1 and 2 re-share to {1, 2}; it joins again
	// at point 4: parties 1 and 2 re-share to {1, 2, 4}.
	ids := map[ShamirPoint]PartyID{1: f.parties[0].sk.ID(), 2: f.parties[1].sk.ID(), 4: leaver.ID()}
	back := leaveAndComeBack(t, s, threshold, points, tsks, ids)

	want := []float64{0.5, -1, 2}
	v, err := s.Encrypt(leaver, f.pk.Hash(), NewEncryptionContext(42, PhaseTrain, 3), want)
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{v}, []float64{1})
	require.NoError(t, err)
	got, err := thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{back[1], back[4]})
	require.NoError(t, err)
	assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5, "the rejoiner's update under its kept key, decrypted with its new share")

	replacement := s.GenSecretShareFor(leaver.ID())
	dealt, err := s.GenThresholdShares(replacement, threshold, []ShamirPoint{1, 2, 4})
	require.NoError(t, err)
	for _, p := range []ShamirPoint{1, 2, 4} {
		_, err := s.AddDealer(back[p], viaWire(t, dealt[p], new(ThresholdShare)))
		require.ErrorIs(t, err, ErrDuplicateShare, "holder at point %d", p)
	}
}

// A member's first key has the dealer id DealerID always had (epoch 0
// changes no existing study or store); each later epoch's id is another,
// of that member and study only.
func TestDealerIDAtEpochZeroIsDealerID(t *testing.T) {
	a, b := []byte{0xaa, 0xbb}, []byte{0xaa, 0xbc}
	assert.Equal(t, "e82ce9ef7ddc9c4dbce7f89dbb9ef72b", DealerID(42, a).String(), "DealerID's bytes are those of existing studies")
	assert.Equal(t, DealerID(42, a), DealerIDAt(42, a, 0))
	seen := map[PartyID]string{}
	for _, study := range []uint64{42, 43} {
		for _, m := range [][]byte{a, b} {
			for e := uint32(0); e < 3; e++ {
				id := DealerIDAt(study, m, e)
				name := fmt.Sprintf("study %d member %x epoch %d", study, m, e)
				require.NotContains(t, seen, id, "%s has the id of %s", name, seen[id])
				seen[id] = name
			}
		}
	}
}

// KeyEpoch reads a member's latest key epoch from the dealer ids a share
// holds, whatever else it holds; NextDealerID is the one id the holders
// take a dealing of the member's own key under.
func TestKeyEpochAndNextDealerID(t *testing.T) {
	const study = 7
	a, b := []byte{1}, []byte{2}
	id := func(m []byte, e uint32) PartyID { return DealerIDAt(study, m, e) }
	for _, tc := range []struct {
		name   string
		held   []PartyID
		epoch  uint32
		ok     bool
		latest PartyID
		next   PartyID
	}{
		{"no key", nil, 0, false, DealerID(study, a), DealerID(study, a)},
		{"another member's keys only", []PartyID{id(b, 0), id(b, 1)}, 0, false, DealerID(study, a), DealerID(study, a)},
		{"its first key", []PartyID{id(b, 0), id(a, 0)}, 0, true, id(a, 0), id(a, 1)},
		{"a fresh key after its first", []PartyID{id(a, 1), id(b, 0), id(a, 0)}, 1, true, id(a, 1), id(a, 2)},
		{"only its own keys", []PartyID{id(a, 0), id(a, 1), id(a, 2)}, 2, true, id(a, 2), id(a, 3)},
		{"an epoch after a gap is not its key", []PartyID{id(a, 0), id(a, 2), id(b, 0)}, 0, true, id(a, 0), id(a, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := KeyEpoch(study, a, tc.held)
			assert.Equal(t, tc.epoch, e)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.latest, LatestDealerID(study, a, tc.held))
			assert.Equal(t, tc.next, NextDealerID(study, a, tc.held))
		})
	}
	for _, e := range []uint32{0, 1, 7} {
		got, ok := DealerEpoch(study, a, id(a, e))
		assert.True(t, ok)
		assert.Equal(t, e, got)
	}
	_, ok := DealerEpoch(study, a, id(b, 0))
	assert.False(t, ok, "another member's key is of no epoch of a's")
}

// A member that left and comes back without its key (a reinstalled node)
// deals a fresh key under the next epoch's dealer id: the holders add it
// beside its old key, so an update under either decrypts with t holders;
// a second fresh key of the same epoch, or one under its old id, is
// refused, and the holders' next id for it is the epoch after.
func TestRejoinerDealsAFreshKeyUnderTheNextEpoch(t *testing.T) {
	s := newScheme(t)
	const study, threshold = 42, 2
	members := [][]byte{{0xa1}, {0xa2}, {0xa3}}
	sks := make([]*SecretShare, len(members))
	for i, m := range members {
		sks[i] = s.GenSecretShareFor(DealerID(study, m))
	}
	f := fixtureOf(t, s, sks)
	points, tsks := thresholdSetup(t, f, threshold)
	old, leaver := sks[2], members[2]
	ids := map[ShamirPoint]PartyID{1: sks[0].ID(), 2: sks[1].ID(), 4: old.ID()}
	back := leaveAndComeBack(t, s, threshold, points, tsks, ids)

	freshID := NextDealerID(study, leaver, back[1].Dealers())
	require.Equal(t, DealerIDAt(study, leaver, 1), freshID)
	fresh := s.GenSecretShareFor(freshID)
	pkShare, err := s.GenPublicKeyShare(fresh, f.pk.CRS())
	require.NoError(t, err)
	require.NoError(t, s.CheckJoinerKeyShare(f.pk, freshID, pkShare), "the fresh key's public-key share is a joiner's")
	dealt, err := s.GenThresholdShares(fresh, threshold, []ShamirPoint{1, 2, 4})
	require.NoError(t, err)
	now := map[ShamirPoint]*ThresholdSecretShare{}
	for _, p := range []ShamirPoint{1, 2, 4} {
		now[p], err = s.AddDealer(back[p], viaWire(t, dealt[p], new(ThresholdShare)))
		require.NoError(t, err, "holder at point %d", p)
		e, ok := KeyEpoch(study, leaver, now[p].Dealers())
		assert.True(t, ok)
		assert.Equal(t, uint32(1), e, "holder at point %d", p)
		assert.Equal(t, DealerIDAt(study, leaver, 2), NextDealerID(study, leaver, now[p].Dealers()))
	}

	for _, k := range []struct {
		name string
		sk   *SecretShare
		ctx  EncryptionContext
	}{{"an earlier update under its old key", old, NewEncryptionContext(study, PhaseTrain, 1)}, {"a later update under its fresh key", fresh, NewEncryptionContext(study, PhaseTrain, 3)}} {
		want := []float64{0.25, -1.5, 3}
		v, err := s.Encrypt(k.sk, f.pk.Hash(), k.ctx, want)
		require.NoError(t, err)
		agg, err := s.WeightedSum([]*EncryptedVector{v}, []float64{1})
		require.NoError(t, err)
		got, err := thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{now[1], now[4]})
		require.NoError(t, err)
		assert.LessOrEqual(t, maxAbsDiff(got, want), 1e-5, k.name)
	}

	for _, again := range []*SecretShare{s.GenSecretShareFor(freshID), s.GenSecretShareFor(old.ID())} {
		dealt, err := s.GenThresholdShares(again, threshold, []ShamirPoint{1, 2, 4})
		require.NoError(t, err)
		_, err = s.AddDealer(now[1], viaWire(t, dealt[1], new(ThresholdShare)))
		require.ErrorIs(t, err, ErrDuplicateShare, "a second key under %s", again.ID())
	}
}
