package aggregation

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tuneinsight/lattigo/v5/mhe"
	"github.com/tuneinsight/lattigo/v5/ring"
)

// TestSeededEncryptionSumsAndDecrypts: each party encrypts under its own key
// share with the public masks of one context; the weighted sum decrypts
// n-of-n (contributors) and t-of-n (any t holders) to the plaintext sum.
func TestSeededEncryptionSumsAndDecrypts(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 4)
	r := rand.New(rand.NewPCG(1, 2))
	length := s.Slots() + 1000 // two ciphertexts, the last one partial
	vals := make([][]float64, 3)
	cts := make([]*EncryptedVector, 3)
	for i := range vals {
		vals[i] = randomVector(r, length, 1)
		var err error
		cts[i], err = s.Encrypt(f.parties[i].sk, f.pk.Hash(), f.ctx, vals[i])
		require.NoError(t, err)
		cts[i] = viaWire(t, cts[i], new(EncryptedVector))
	}
	w := normalisedWeights(r, 3)
	agg, err := s.WeightedSum(cts, w)
	require.NoError(t, err)
	want, err := PlainWeightedSum(vals, w)
	require.NoError(t, err)

	got := f.decryptAll(t, agg)
	assert.Less(t, maxAbsDiff(got, want), 1e-5, "n-of-n decryption by the contributors")

	_, tsks := thresholdSetup(t, f, 3)
	for _, members := range [][]*ThresholdSecretShare{tsks[:3], tsks[1:]} {
		got, err := thresholdDecrypt(t, s, agg, members)
		require.NoError(t, err)
		assert.Less(t, maxAbsDiff(got, want), 1e-5, "t-of-n decryption")
	}
	// Party 3 contributed nothing: it cannot give an n-of-n share, and the
	// contributors' shares alone decrypt.
	_, err = s.GenDecryptionShare(f.parties[3].sk, agg)
	require.ErrorIs(t, err, ErrKeyMismatch)
}

// hostileUpload is one way a malicious hospital can shape the only thing
// the wire format lets it send, c0, around its honest encryption.
type hostileUpload struct {
	name  string
	shape func(s *Scheme, r *rand.Rand, c0 ring.Poly, j int)
}

var hostileUploads = []hostileUpload{
	{"constant 2^65 added", func(s *Scheme, _ *rand.Rand, c0 ring.Poly, _ int) {
		addConstant(s, c0, 0, uint64(1)<<62, 8)
	}},
	{"2^65 on every coefficient", func(s *Scheme, _ *rand.Rand, c0 ring.Poly, _ int) {
		for k := range c0.Coeffs[0] {
			addConstant(s, c0, k, uint64(1)<<62, 8)
		}
	}},
	{"uniform c0", func(s *Scheme, r *rand.Rand, c0 ring.Poly, _ int) {
		for l, row := range c0.Coeffs {
			q := s.params.RingQ().SubRings[l].Modulus
			for k := range row {
				row[k] = r.Uint64N(q)
			}
		}
	}},
	{"zero c0", func(_ *Scheme, _ *rand.Rand, c0 ring.Poly, _ int) {
		for _, row := range c0.Coeffs {
			clear(row)
		}
	}},
}

// addConstant adds hi·mult to coefficient k of every RNS row of p.
func addConstant(s *Scheme, p ring.Poly, k int, hi, mult uint64) {
	for l, row := range p.Coeffs {
		q := s.params.RingQ().SubRings[l].Modulus
		row[k] = (row[k] + (hi%q)*(mult%q)%q) % q
	}
}

// TestCraftedUploadLearnsNothingBeyondTheHonestSum is the key-extraction
// regression (issue 11): with a public-key ciphertext a hospital could add
// K to c1 and read w·K·s, the collective secret, out of the decrypted
// model. Now the wire format carries only c0 and the mask is public, so
// whatever c0 the attacker sends, the decryption is the honest weighted sum
// plus w_A·(c0_A + a·s_A)/Δ, a value the attacker computes itself: its view
// is a function of the honest sum alone. The test checks exactly that, and
// runs the old attack's estimator against every honest key share: it
// recovers none of their non-zero coefficients.
func TestCraftedUploadLearnsNothingBeyondTheHonestSum(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	_, tsks := thresholdSetup(t, f, 2)
	r := rand.New(rand.NewPCG(7, 8))
	length := 4096
	for _, attack := range hostileUploads {
		t.Run(attack.name, func(t *testing.T) {
			vals := [][]float64{randomVector(r, length, 0.1), randomVector(r, length, 0.1)}
			var cts []*EncryptedVector
			for i, v := range vals {
				ct, err := s.Encrypt(f.parties[i].sk, f.pk.Hash(), f.ctx, v)
				require.NoError(t, err)
				cts = append(cts, ct)
			}
			attacker := f.parties[2].sk
			evil, err := s.Encrypt(attacker, f.pk.Hash(), f.ctx, make([]float64, length))
			require.NoError(t, err)
			for j, c0 := range evil.c0 {
				attack.shape(s, r, c0, j)
				for _, row := range c0.Coeffs {
					clear(row[evil.used(j):])
				}
			}
			evil = viaWire(t, evil, new(EncryptedVector))
			require.NoError(t, s.CheckUpdate(evil, f.pk.Hash(), f.ctx, attacker.ID(), length), "the crafted upload passes every check")

			w := []float64{0.3, 0.3, 0.4}
			agg, err := s.WeightedSum(append(cts, evil), w)
			require.NoError(t, err)
			// The raw decryption the released shares give (the attacker can
			// combine them itself, whether or not Decrypt's range check then
			// refuses the result as a model).
			shares, err := thresholdShares(t, s, agg, tsks[:2])
			require.NoError(t, err)
			got, err := s.combine(agg, shares)
			require.NoError(t, err)

			// The attacker's own term: c_A·(c0_A + a·s_A), rescaled like
			// the aggregate, from its key and its weight alone.
			own := attackerTerm(t, s, attacker, evil, agg.terms[2].Weight)
			honest, err := PlainWeightedSum(vals, w[:2])
			require.NoError(t, err)
			m := aggregateRange(s)
			residual := make([]float64, length)
			for k := range residual {
				residual[k] = wrap(got[k]-honest[k]-own[k], m)
			}
			assert.Less(t, maxAbs(residual), 1e-4, "decryption = honest sum + what the attacker computes alone")

			// The old estimator, on what the attacker cannot explain itself:
			// s_k ≈ (decrypted_k - honest_k - own_k)·Δ/(w·K).
			for i := 0; i < 2; i++ {
				recovered, nonZero := recoveredFraction(s, f.parties[i].sk, residual, w[2])
				assert.Zero(t, recovered, "party %d: %d non-zero key coefficients, none may be recovered", i, nonZero)
			}
		})
	}
}

// attackerTerm computes, with the attacker's key share and its integer
// weight only, what its upload adds to the decrypted aggregate:
// Rescale(c_A·(c0_A + a·s_A))/Δ.
func attackerTerm(t *testing.T, s *Scheme, sk *SecretShare, v *EncryptedVector, weight uint64) []float64 {
	t.Helper()
	out := make([]float64, v.length)
	top := s.params.MaxLevel()
	r := s.params.RingQ()
	buf := r.NewPoly()
	for j, c0 := range v.c0 {
		h := r.NewPoly()
		require.NoError(t, s.keySwitch(sk.sk.Value.Q, v.context, j, top, v.used(j), buf, h, nil))
		r.Add(h, c0, h)
		scaled := r.NewPoly()
		mulScalarThenAdd(r, h, weight, scaled)
		low := s.params.RingQ().AtLevel(top - 1).NewPoly()
		r.DivRoundByLastModulus(scaled, low)
		s.params.RingQ().AtLevel(top-1).Reduce(low, low)
		s.decode(low, top-1, out[j*s.Slots():min((j+1)*s.Slots(), v.length)])
	}
	return out
}

// aggregateRange is q0···q(L-1)/Δ: decrypted aggregates are defined modulo it.
func aggregateRange(s *Scheme) float64 {
	m := 1.0
	for _, q := range s.params.Q()[:s.params.MaxLevel()] {
		m *= float64(q)
	}
	return m / math.Exp2(float64(s.LogScale()))
}

// wrap reduces x into [-m/2, m/2).
func wrap(x, m float64) float64 { return x - m*math.Floor(x/m+0.5) }

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// recoveredFraction runs the estimator of the original attack (K = 2^65 on
// c1 made the decryption carry w·K·s/Δ) on the residual the attacker
// cannot explain and counts the non-zero coefficients of sk it gets right.
func recoveredFraction(s *Scheme, sk *SecretShare, residual []float64, w float64) (recovered, nonZero int) {
	r := s.params.RingQ()
	key := r.NewPoly()
	r.INTT(sk.sk.Value.Q, key)
	r.IMForm(key, key)
	q0 := r.SubRings[0].Modulus
	step := w * math.Exp2(65) / math.Exp2(float64(s.LogScale()))
	for k := range residual {
		c := key.Coeffs[0][k]
		coeff := 0
		switch c {
		case 1:
			coeff = 1
		case q0 - 1:
			coeff = -1
		}
		if coeff == 0 {
			continue
		}
		nonZero++
		if guess := math.Round(residual[k] / step); int(guess) == coeff {
			recovered++
		}
	}
	return recovered, nonZero
}

// TestUpdateOfAnotherDealerIsRefused: naming another party as dealer would
// make the aggregate decrypt with that party's key; CheckUpdate refuses an
// update whose dealer is not its sender, or that was made for another
// round, and WeightedSum refuses two updates of one dealer.
func TestUpdateOfAnotherDealerIsRefused(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 2)
	v := []float64{0.5, -0.25}
	ct, err := s.Encrypt(f.parties[0].sk, f.pk.Hash(), f.ctx, v)
	require.NoError(t, err)
	require.NoError(t, s.CheckUpdate(ct, f.pk.Hash(), f.ctx, f.parties[0].sk.ID(), 2))
	require.ErrorIs(t, s.CheckUpdate(ct, f.pk.Hash(), f.ctx, f.parties[1].sk.ID(), 2), ErrKeyMismatch)
	other := NewEncryptionContext(42, "train", 2)
	require.ErrorIs(t, s.CheckUpdate(ct, f.pk.Hash(), other, f.parties[0].sk.ID(), 2), ErrKeyMismatch)
	again, err := s.Encrypt(f.parties[0].sk, f.pk.Hash(), f.ctx, v)
	require.NoError(t, err)
	_, err = s.WeightedSum([]*EncryptedVector{ct, again}, []float64{0.5, 0.5})
	require.ErrorIs(t, err, ErrDuplicateShare)
	late, err := s.Encrypt(f.parties[1].sk, f.pk.Hash(), other, v)
	require.NoError(t, err)
	_, err = s.WeightedSum([]*EncryptedVector{ct, late}, []float64{0.5, 0.5})
	require.ErrorIs(t, err, ErrKeyMismatch)
}

// TestMasksAreSeparatedByContextAndCiphertext: the public masks differ
// between studies, phases, rounds and ciphertexts, and are the same on
// every call.
func TestMasksAreSeparatedByContextAndCiphertext(t *testing.T) {
	s := newScheme(t)
	r := s.params.RingQ()
	mask := func(ctx EncryptionContext, j int) ring.Poly {
		p := r.NewPoly()
		require.NoError(t, s.maskNTT(ctx, j, p))
		return p
	}
	base := NewEncryptionContext(1, "train", 1)
	a := mask(base, 0)
	assert.True(t, a.Equal(&[]ring.Poly{mask(base, 0)}[0]), "deterministic")
	for _, other := range []ring.Poly{
		mask(base, 1),
		mask(NewEncryptionContext(2, "train", 1), 0),
		mask(NewEncryptionContext(1, "moments", 1), 0),
		mask(NewEncryptionContext(1, "train", 2), 0),
	} {
		assert.False(t, a.Equal(&other))
	}
}

// TestNewDealerJoinsTheKeySet: a member that joins deals its own key to the
// holders (AddDealer); aggregates including its update then decrypt, and
// holders without its share refuse with a clear error.
func TestNewDealerJoinsTheKeySet(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	points, tsks := thresholdSetup(t, f, 2)
	joiner, err := s.GenSecretShare()
	require.NoError(t, err)
	dealt, err := s.GenThresholdShares(joiner, 2, points)
	require.NoError(t, err)

	v0, v1 := []float64{0.5, 1, -2}, []float64{0.25, -1, 4}
	a, err := s.Encrypt(f.parties[0].sk, f.pk.Hash(), f.ctx, v0)
	require.NoError(t, err)
	b, err := s.Encrypt(joiner, f.pk.Hash(), f.ctx, v1)
	require.NoError(t, err)
	agg, err := s.WeightedSum([]*EncryptedVector{a, b}, []float64{0.5, 0.5})
	require.NoError(t, err)

	_, err = thresholdDecrypt(t, s, agg, tsks[:2])
	require.ErrorIs(t, err, ErrKeyMismatch, "holders without the joiner's share cannot decrypt its update")

	for i := range tsks {
		tsks[i], err = s.AddDealer(tsks[i], viaWire(t, dealt[points[i]], new(ThresholdShare)))
		require.NoError(t, err)
	}
	_, err = s.AddDealer(tsks[0], dealt[points[0]])
	require.ErrorIs(t, err, ErrDuplicateShare)
	got, err := thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{tsks[0], tsks[2]})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.375, 0, 1}, got, 1e-6)
}

// A dealer that dealt one holder a share off its polynomial (or a holder
// whose share is wrong) makes every aggregate that includes the dealer's
// update decrypt to noise: Decrypt refuses it rather than return it as a
// model, while holder sets that avoid the bad share still decrypt.
func TestInconsistentDealingFailsCleanly(t *testing.T) {
	s := newScheme(t)
	f := newFixture(t, s, 3)
	_, tsks := thresholdSetup(t, f, 2)
	r := rand.New(rand.NewPCG(5, 6))
	vals := [][]float64{randomVector(r, 31, 1), randomVector(r, 31, 1)}
	var cts []*EncryptedVector
	for i, v := range vals {
		ct, err := s.Encrypt(f.parties[i].sk, f.pk.Hash(), f.ctx, v)
		require.NoError(t, err)
		cts = append(cts, ct)
	}
	agg, err := s.WeightedSum(cts, []float64{0.5, 0.5})
	require.NoError(t, err)

	// Holder 0's share of dealer 1's key is off the dealer's polynomial.
	bad := *tsks[0]
	bad.shares = slices.Clone(tsks[0].shares)
	i, ok := slices.BinarySearchFunc(bad.keys, f.parties[1].sk.ID(), comparePartyIDs)
	require.True(t, ok)
	sh := bad.shares[i].CopyNew()
	s.params.RingQ().AddScalar(sh.Q, 12345, sh.Q)
	bad.shares[i] = mhe.ShamirSecretShare{Poly: *sh}

	_, err = thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{&bad, tsks[1]})
	require.ErrorIs(t, err, ErrInconsistentDecryption)
	got, err := thresholdDecrypt(t, s, agg, []*ThresholdSecretShare{tsks[1], tsks[2]})
	require.NoError(t, err, "holders with consistent shares still decrypt")
	want, err := PlainWeightedSum(vals, []float64{0.5, 0.5})
	require.NoError(t, err)
	assert.Less(t, maxAbsDiff(got, want), 1e-5)
}
