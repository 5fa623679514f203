package participant

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func honestUpdates(r *rand.Rand, n, d int) [][]float64 {
	truth := make([]float64, d)
	for j := range truth {
		truth[j] = r.NormFloat64()
	}
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, d)
		for j := range out[i] {
			out[i][j] = truth[j] + 0.3*r.NormFloat64()
		}
	}
	return out
}

func TestALIEShift(t *testing.T) {
	// Baruch et al.: n = 10, m = 3 gives s = 3 and z = Φ⁻¹(0.7) ≈ 0.5244;
	// n = 50, m = 12 gives s = 14 and z = Φ⁻¹(0.72) ≈ 0.5828.
	assert.InDelta(t, 0.5244, ALIEShift(10, 3), 1e-4)
	assert.InDelta(t, 0.5828, ALIEShift(50, 12), 1e-4)
	assert.Zero(t, ALIEShift(10, 6), "a malicious majority needs no shift")

	r := rand.New(rand.NewPCG(1, 2))
	h := honestUpdates(r, 3, 20)
	got := ALIE(h, 10, 3)
	mu, sd := meanStd(h)
	for j := range got {
		assert.InDelta(t, mu[j]-ALIEShift(10, 3)*sd[j], got[j], 1e-12)
	}
}

// Min-max and min-sum push as far from the mean as their constraint allows
// and no farther.
func TestMinMaxMinSum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	h := honestUpdates(r, 4, 50)
	maxPair, maxSum := 0.0, 0.0
	for i := range h {
		s := 0.0
		for j := range h {
			s += sqDist(h[i], h[j])
			maxPair = max(maxPair, sqDist(h[i], h[j]))
		}
		maxSum = max(maxSum, s)
	}
	farthest := func(v []float64) (far, sum float64) {
		for _, x := range h {
			far, sum = max(far, sqDist(v, x)), sum+sqDist(v, x)
		}
		return far, sum
	}
	mu, _ := meanStd(h)
	for _, perturb := range []string{PerturbUnit, PerturbStd} {
		mm := MinMax(h, perturb)
		far, _ := farthest(mm)
		assert.LessOrEqual(t, far, maxPair*(1+1e-9), "min-max within the honest diameter (%s)", perturb)
		assert.Greater(t, far, 0.99*maxPair, "min-max uses the room it has (%s)", perturb)
		assert.Greater(t, sqDist(mm, mu), 0.0)

		ms := MinSum(h, perturb)
		_, sum := farthest(ms)
		assert.LessOrEqual(t, sum, maxSum*(1+1e-9), "min-sum within the honest sums (%s)", perturb)
		assert.Greater(t, sum, 0.99*maxSum, "min-sum uses the room it has (%s)", perturb)
	}
	mu1, _ := meanStd(h[:1])
	assert.Equal(t, mu1, MinMax(h[:1], PerturbUnit), "one honest update leaves no room")
	// Against the mean direction: the unit perturbation lowers ⟨v, μ⟩.
	assert.Less(t, dot(MinMax(h, PerturbUnit), mu), dot(mu, mu))
}

// Colluders playing concurrently get one common update from their pooled
// honest updates; a colluder that never comes delays the others by the
// patience only; a cancelled context ends the wait.
func TestCollusion(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	h := honestUpdates(r, 3, 30)
	c, err := NewCollusion(3, 10)
	require.NoError(t, err)
	a, err := ParseAttack("alie")
	require.NoError(t, err)
	a.Collusion = c
	got := make([][]float64, 3)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			got[i], err = a.Play(context.Background(), 1, h[i])
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	want := ALIE(h, 10, 3)
	for i := range got {
		assert.InDeltaSlice(t, want, got[i], 1e-12, "colluder %d plays the common update", i)
	}

	c.patience = 50 * time.Millisecond
	t0 := time.Now()
	one, err := a.Play(context.Background(), 2, h[0])
	require.NoError(t, err)
	assert.Less(t, time.Since(t0), 2*time.Second)
	assert.InDeltaSlice(t, h[0], one, 1e-12, "alone, a colluder has no spread to hide in")

	c.patience = time.Hour
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = a.Play(ctx, 3, h[0])
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	a.Collusion = nil
	_, err = a.Play(context.Background(), 4, h[0])
	assert.ErrorIs(t, err, ErrInvalidAttack)
	assert.ErrorContains(t, err, "Collusion")

	_, err = NewCollusion(3, 3)
	assert.ErrorIs(t, err, ErrInvalidAttack)
	// A non-adaptive attack plays PoisonUpdate.
	flip, err := ParseAttack("sign-flip")
	require.NoError(t, err)
	out, err := flip.Play(context.Background(), 1, []float64{1, -2})
	require.NoError(t, err)
	assert.Equal(t, []float64{-1, 2}, out)
}

func TestParseAdaptiveAttacks(t *testing.T) {
	a, err := ParseAttack("minmax")
	require.NoError(t, err)
	assert.Equal(t, Attack{Kind: AttackMinMax, Perturb: PerturbUnit}, a)
	a, err = ParseAttack("minsum:perturb=std")
	require.NoError(t, err)
	assert.Equal(t, Attack{Kind: AttackMinSum, Perturb: PerturbStd}, a)
	assert.True(t, a.Adaptive())
	_, err = ParseAttack("minsum:perturb=sideways")
	assert.ErrorContains(t, err, "perturbation")
	_, err = ParseAttack("alie:perturb=std")
	assert.ErrorContains(t, err, "perturb applies to")
	assert.False(t, math.IsNaN(ALIEShift(2, 1)))
}
