package privacy

import (
	"errors"
	"math"
	"testing"
)

// within reports whether got is within rel (relative) of want.
func within(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// TestSampledGaussianRDPMatchesDPAccounting compares per-order RDP, integer
// and fractional orders, with google/differential-privacy
// python/dp_accounting/dp_accounting/rdp/rdp_privacy_accountant_test.py,
// test_compute_rdp_poisson_sampled_gaussian: q = 0.01, σ = 2.5, 50 steps
// (their tolerance is rtol 1e-4; ours too, well inside the 1% target).
func TestSampledGaussianRDPMatchesDPAccounting(t *testing.T) {
	orders := []float64{1.5, 2.5, 5, 50, 100}
	want := []float64{6.70579741e-04, 1.08548710e-03, 2.18075656e-03, 2.38460375e-02, 1.67416308e02}
	acc, err := NewAccountant(orders)
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.ComposeSampledGaussian(0.01, 2.5, 50); err != nil {
		t.Fatal(err)
	}
	_, rdp := acc.RDP()
	for i, a := range orders {
		if !within(rdp[i], want[i], 1e-4) {
			t.Errorf("RDP at order %v = %.8e, dp_accounting gives %.8e", a, rdp[i], want[i])
		}
	}
}

// TestEpsilonMatchesPublishedFigures checks whole DP-SGD runs end to end
// (RDP, composition, conversion) against published figures, to within 1%.
func TestEpsilonMatchesPublishedFigures(t *testing.T) {
	opacusOrders := func() []float64 { // opacus/accountants/rdp.py DEFAULT_ALPHAS
		var o []float64
		for x := 1; x < 100; x++ {
			o = append(o, 1+float64(x)/10)
		}
		for a := 12; a < 64; a++ {
			o = append(o, float64(a))
		}
		return o
	}
	fineOrders := func() []float64 { // 1.001 … 99.999 in steps of 0.001 (theirs start at 1, which the conversion skips)
		o := make([]float64, 0, 99000)
		for i := 1001; i < 100000; i++ {
			o = append(o, 0.001*float64(i))
		}
		return o
	}
	tests := []struct {
		name        string
		orders      []float64
		q, sigma    float64
		steps       int
		delta, want float64
		source      string
	}{
		{
			name: "opacus", orders: opacusOrders(), q: 0.04, sigma: 1.5, steps: int(90 / 0.04), delta: 1e-5, want: 7.32911117143,
			source: "pytorch/opacus opacus/tests/accountants_test.py test_rdp_accountant",
		},
		{
			name: "gaussian", orders: fineOrders(), q: 1, sigma: 4.530877117, steps: 1, delta: 1e-6, want: 1,
			source: "dp_accounting rdp_privacy_accountant_test.py test_compute_epsilon_delta_gaussian (σ chosen for exactly (1, 1e-6)-DP)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc, err := NewAccountant(tc.orders)
			if err != nil {
				t.Fatal(err)
			}
			if err := acc.ComposeSampledGaussian(tc.q, tc.sigma, tc.steps); err != nil {
				t.Fatal(err)
			}
			eps, _, err := acc.Epsilon(tc.delta)
			if err != nil {
				t.Fatal(err)
			}
			if !within(eps, tc.want, 0.01) {
				t.Errorf("ε = %.6f, %s gives %.6f", eps, tc.source, tc.want)
			}
			t.Logf("ε = %.6f (reference %.6f)", eps, tc.want)
		})
	}
}

// TestEpsilonFromRDPPureDP is dp_accounting's test_compute_epsilon_delta_pure_dp:
// a constant RDP of 1.1 at orders 2…32 and δ = 1e-5 give ε = 1.32783806176
// at order 32.
func TestEpsilonFromRDPPureDP(t *testing.T) {
	var orders, rdp []float64
	for a := 2; a <= 32; a++ {
		orders, rdp = append(orders, float64(a)), append(rdp, 1.1)
	}
	eps, order, err := EpsilonFromRDP(orders, rdp, 1e-5)
	if err != nil {
		t.Fatal(err)
	}
	if !within(eps, 1.32783806176, 1e-9) || order != 32 {
		t.Errorf("ε = %v at order %v, want 1.32783806176 at 32", eps, order)
	}
}

// TestAbadiMomentsAccountant reproduces the example of Abadi et al., "Deep
// Learning with Differential Privacy" (CCS 2016), Sec. 3.1: q = 0.01, σ = 4,
// δ = 1e-5, T = 10000 steps give ε ≈ 1.26 with the moments accountant, which
// is the RDP at integer orders (λ = α−1 ≤ 32) with the classic conversion
// ε = RDP(α) + log(1/δ)/(α−1). The improved conversion must do no worse.
func TestAbadiMomentsAccountant(t *testing.T) {
	var orders []float64
	for a := 2; a <= 33; a++ {
		orders = append(orders, float64(a))
	}
	acc, err := NewAccountant(orders)
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.ComposeSampledGaussian(0.01, 4, 10000); err != nil {
		t.Fatal(err)
	}
	_, rdp := acc.RDP()
	classic := math.Inf(1)
	for i, a := range orders {
		classic = min(classic, rdp[i]+math.Log(1/1e-5)/(a-1))
	}
	if !within(classic, 1.26, 0.01) {
		t.Errorf("classic-conversion ε = %.4f, Abadi et al. give 1.26", classic)
	}
	improved, _, err := acc.Epsilon(1e-5)
	if err != nil {
		t.Fatal(err)
	}
	if improved > classic {
		t.Errorf("improved conversion ε = %.4f exceeds the classic %.4f", improved, classic)
	}
	t.Logf("classic ε = %.4f, improved ε = %.4f", classic, improved)
}

func TestEpsilonMonotone(t *testing.T) {
	prev := math.Inf(1)
	for _, sigma := range []float64{0.6, 0.8, 1, 1.5, 2, 4} {
		eps, err := DPSGDEpsilon(0.05, sigma, 200, 1e-5)
		if err != nil {
			t.Fatal(err)
		}
		if !(eps < prev) {
			t.Errorf("σ=%v: ε = %v, not below %v at smaller noise", sigma, eps, prev)
		}
		prev = eps
	}
	few, _ := DPSGDEpsilon(0.05, 1, 100, 1e-5)
	many, _ := DPSGDEpsilon(0.05, 1, 400, 1e-5)
	if !(few < many) {
		t.Errorf("100 steps cost ε %v, 400 steps %v; more steps must cost more", few, many)
	}
}

func TestNoiseMultiplierReachesTarget(t *testing.T) {
	for _, target := range []float64{1, 3, 8} {
		sigma, err := NoiseMultiplier(target, 1e-5, 0.05, 300)
		if err != nil {
			t.Fatal(err)
		}
		eps, _ := DPSGDEpsilon(0.05, sigma, 300, 1e-5)
		if eps > target {
			t.Errorf("target ε %v: σ=%v gives ε %v, above target", target, sigma, eps)
		}
		looser, _ := DPSGDEpsilon(0.05, sigma*0.99, 300, 1e-5)
		if looser <= target {
			t.Errorf("target ε %v: σ=%v is not the smallest (0.99σ gives %v)", target, sigma, looser)
		}
	}
}

func TestInvalidParameters(t *testing.T) {
	cases := []struct {
		name string
		err  error
	}{
		{"q>1", func() error { _, err := SampledGaussianRDP(1.5, 1, 2); return err }()},
		{"sigma=0", func() error { _, err := SampledGaussianRDP(0.1, 0, 2); return err }()},
		{"order=1", func() error { _, err := SampledGaussianRDP(0.1, 1, 1); return err }()},
		{"delta=0", func() error { _, _, err := EpsilonFromRDP([]float64{2}, []float64{1}, 0); return err }()},
		{"order<=1", func() error { _, err := NewAccountant([]float64{0.5}); return err }()},
		{"negative steps", func() error { a, _ := NewAccountant(nil); return a.ComposeSampledGaussian(0.1, 1, -1) }()},
		{"eps=0", func() error { _, err := NoiseMultiplier(0, 1e-5, 0.1, 10); return err }()},
	}
	for _, c := range cases {
		if !errors.Is(c.err, ErrInvalidParameter) {
			t.Errorf("%s: err = %v, want ErrInvalidParameter", c.name, c.err)
		}
	}
	if _, err := NoiseMultiplier(1e-6, 1e-5, 1, 100000); !errors.Is(err, ErrNoiseTooSmall) {
		t.Errorf("unreachable ε: err = %v, want ErrNoiseTooSmall", err)
	}
}

func TestLogErfcAsymptotic(t *testing.T) {
	// Where math.Erfc still has a normal float value, the asymptotic branch
	// must agree with it.
	for _, x := range []float64{20, 22.5, 25} {
		direct := math.Log(math.Erfc(x))
		if got := logErfc(x); !within(got, direct, 1e-12) {
			t.Errorf("logErfc(%v) = %v, log(erfc) = %v", x, got, direct)
		}
	}
}

// Without sampling, T Gaussian steps are one Gaussian mechanism of noise
// multiplier σ/√T, whose exact (ε, δ) curve is GaussianDelta. For μ = 1 at
// ε = 1, δ = Φ(−1/2) − e·Φ(−3/2) = 0.308538 − 2.718282 × 0.066807 =
// 0.126936 (standard normal table values), so GaussianEpsilon inverts it;
// and the exact figure is below the RDP one (the conversion from RDP is
// loose), about 8% less noise for the same ε at δ 1e-5.
func TestGaussianEpsilonIsExact(t *testing.T) {
	if d := GaussianDelta(1, 1); math.Abs(d-0.126936) > 2e-6 {
		t.Errorf("δ(ε 1, μ 1) = %v, want 0.126936", d)
	}
	eps, err := GaussianEpsilon(4, 16, 0.126936) // μ = √16/4 = 1
	if err != nil || math.Abs(eps-1) > 1e-4 {
		t.Errorf("GaussianEpsilon(σ 4, 16 steps, δ 0.126936) = %v (%v), want 1", eps, err)
	}
	for _, tt := range []struct {
		sigma float64
		steps int
	}{{18.094, 20}, {6.68, 20}, {2.854, 20}, {1, 1}, {50, 1000}} {
		exact, err := GaussianEpsilon(tt.sigma, tt.steps, 1e-5)
		if err != nil {
			t.Fatal(err)
		}
		if d := GaussianDelta(exact, math.Sqrt(float64(tt.steps))/tt.sigma); math.Abs(d-1e-5) > 1e-8 {
			t.Errorf("σ %v, %d steps: δ at the ε returned is %v, want 1e-5", tt.sigma, tt.steps, d)
		}
		acc, _ := NewAccountant(nil)
		if err := acc.ComposeSampledGaussian(1, tt.sigma, tt.steps); err != nil {
			t.Fatal(err)
		}
		rdp, _, _ := acc.Epsilon(1e-5)
		got, err := DPSGDEpsilon(1, tt.sigma, tt.steps, 1e-5)
		if err != nil || got != min(rdp, exact) || exact > rdp {
			t.Errorf("σ %v, %d steps: DPSGDEpsilon %v (%v), exact %v, RDP %v; want the exact figure, below RDP's", tt.sigma, tt.steps, got, err, exact, rdp)
		}
	}
	// With sampling, the RDP figure as before.
	acc, _ := NewAccountant(nil)
	_ = acc.ComposeSampledGaussian(0.5, 2, 10)
	rdp, _, _ := acc.Epsilon(1e-5)
	if got, _ := DPSGDEpsilon(0.5, 2, 10, 1e-5); got != rdp {
		t.Errorf("q 0.5: %v, want the RDP figure %v", got, rdp)
	}
}
