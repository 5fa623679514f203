package models

import (
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/cohort-fl/cohort/models/privacy"
)

// PrivacyConfig turns local training into DP-SGD (Abadi et al. 2016): each
// step includes every record independently with probability SamplingRate,
// clips each included record's gradient to L2 norm ClipNorm, sums them, adds
// Gaussian noise of standard deviation NoiseMultiplier·ClipNorm to every
// coordinate and divides by the expected batch size SamplingRate·n. Every
// model a hospital derives from its records is then (ε, δ)-DP at the record
// level, ε following from these three values, the steps taken and δ alone
// (see package privacy and PrivacySpent), whatever the records are.
// Epsilon and Delta are the study's budget: no record is trained on in a
// round after which its ε would exceed Epsilon.
//
// Mechanism says where the noise goes. MechanismLocal (the default) is the
// above at every hospital: each adds the noise a single site needs, so each
// update, and everything derived from it, is DP on its own.
// MechanismDistributed is DP-SGD over the union of the hospitals' records,
// one step per round (FedSGD): each hospital samples, clips and sums as
// above but adds only a share of the noise, standard deviation
// NoiseMultiplier·ClipNorm/√m with m = MinContributors − NoiseColluders
// (NoiseShareSD), and takes one plain SGD step normalised by q·n, its own
// record count. The coordinator's aggregate, weighted by committed sample
// counts n/N, is then exactly one DP-SGD step over all N records,
// θ ← θ − lr·(Σ clipped gradients + Σ shares)/(q·N), whose noise is at
// least σ·C per coordinate whenever at least MinContributors hospitals
// contribute and at most NoiseColluders of them know or skip their share.
// A single update is then NOT DP on its own: the guarantee rests on the
// encryption (only aggregates are ever decrypted) and on the hospitals
// adding their shares.
//
// Sampling and noise come from a generator keyed from crypto/rand on every
// Train call, never from the public Seed: anyone who could replay the noise
// could subtract it.
type PrivacyConfig struct {
	// NoiseMultiplier σ is the noise standard deviation over ClipNorm (> 0).
	NoiseMultiplier float64 `json:"noise_multiplier"`
	// ClipNorm C bounds each record's gradient's L2 norm (> 0).
	ClipNorm float64 `json:"clip_norm"`
	// SamplingRate q is each record's probability of joining a step's batch,
	// in (0, 1]. An epoch is 1/q steps.
	SamplingRate float64 `json:"sampling_rate"`
	// Epsilon is the study's privacy budget ε (> 0) at Delta.
	Epsilon float64 `json:"epsilon"`
	// Delta is the δ of the budget, in (0, 1); take it well below one over
	// the number of records, such as 1e-5.
	Delta float64 `json:"delta"`
	// Mechanism is MechanismLocal (empty means local) or
	// MechanismDistributed.
	Mechanism string `json:"mechanism,omitempty"`
	// MinContributors is, for the distributed mechanism, the fewest
	// hospitals whose updates a published aggregate combines: the study's
	// minimum participants on chain must be at least this (each hospital
	// and the coordinator check).
	MinContributors int `json:"min_contributors,omitempty"`
	// NoiseColluders k is, for the distributed mechanism, how many
	// contributing hospitals may know their own share (colluding with
	// whoever sees the model) or skip it, with the aggregate still carrying
	// noise of standard deviation σ·C: shares are sized for
	// MinContributors − k honest ones. 0 trusts every contributor.
	NoiseColluders int `json:"noise_colluders,omitempty"`
	// ClipDecay γ, if set, is a public schedule of the clip norm: round t
	// (from 1) clips each record's gradient to ClipNorm·γ^(t−1) and adds
	// noise NoiseMultiplier times that (ClipNormAt), so that late rounds,
	// whose gradients are small, carry less noise. The noise multiplier
	// is unchanged, so each round is the same Gaussian mechanism relative
	// to its sensitivity and ε is as without the schedule. In (0, 1]; 0
	// (left out) or 1 keeps ClipNorm every round.
	ClipDecay float64 `json:"clip_decay,omitempty"`
	// NoiseDecay ρ, if set, is a public schedule of the noise multiplier:
	// round t (from 1) adds noise NoiseMultiplier·ρ^(t−1) times its clip
	// norm (NoiseMultiplierAt), more early and less late, where it stays
	// in the published model. Only without sampling (SamplingRate 1): each
	// round is then a Gaussian mechanism and the rounds compose exactly to
	// one of μ² = Σ_t steps/σ_t² (PrivacySpent), whereas the accountant of
	// sampled steps composes equal ones only. In (0, 1]; 0 (left out) or 1
	// keeps NoiseMultiplier every round.
	NoiseDecay float64 `json:"noise_decay,omitempty"`
}

// Privacy mechanisms accepted in PrivacyConfig.Mechanism.
const (
	// MechanismLocal is DP-SGD at every hospital, each adding the noise a
	// single site needs.
	MechanismLocal = "local"
	// MechanismDistributed is DP-SGD over the union of the hospitals'
	// records, the noise shared among them inside the encrypted sum.
	MechanismDistributed = "distributed"
)

// Distributed reports whether c is the distributed mechanism.
func (c PrivacyConfig) Distributed() bool { return c.Mechanism == MechanismDistributed }

// HonestShares is m, the number of noise shares the distributed
// mechanism's guarantee counts on: MinContributors − NoiseColluders (1 for
// the local mechanism).
func (c PrivacyConfig) HonestShares() int {
	if !c.Distributed() {
		return 1
	}
	return c.MinContributors - c.NoiseColluders
}

// NoiseShareSD is the standard deviation of the Gaussian noise one hospital
// adds to each coordinate of its summed clipped gradients: σ·C locally,
// σ·C/√m with the distributed mechanism, so that any m honest shares sum to
// variance σ²C².
func (c PrivacyConfig) NoiseShareSD() float64 {
	return c.NoiseMultiplier * c.ClipNorm / math.Sqrt(float64(c.HonestShares()))
}

// ClipNormAt is the clip norm of round (from 1): ClipNorm·ClipDecay^(round−1),
// or ClipNorm without a schedule. It depends on public values only, so
// every hospital clips round t alike.
func (c PrivacyConfig) ClipNormAt(round int) float64 {
	if c.ClipDecay == 0 || round <= 1 {
		return c.ClipNorm
	}
	return c.ClipNorm * math.Pow(c.ClipDecay, float64(round-1))
}

// NoiseMultiplierAt is the noise multiplier of round (from 1):
// NoiseMultiplier·NoiseDecay^(round−1), or NoiseMultiplier without a
// schedule. Like ClipNormAt it depends on public values only.
func (c PrivacyConfig) NoiseMultiplierAt(round int) float64 {
	if c.NoiseDecay == 0 || round <= 1 {
		return c.NoiseMultiplier
	}
	return c.NoiseMultiplier * math.Pow(c.NoiseDecay, float64(round-1))
}

// NoiseScheduleFactor is how much round 1's noise multiplier must exceed
// a constant one for rounds rounds to spend the same ε:
// √(Σ_{t=1..rounds} ρ^(−2(t−1)) / rounds), 1 without a noise schedule.
// Rounds whose noise multipliers are σ_t compose (with q = 1) as rounds
// rounds of the constant NoiseMultiplier / NoiseScheduleFactor(rounds).
func (c PrivacyConfig) NoiseScheduleFactor(rounds int) float64 {
	if c.NoiseDecay == 0 || rounds < 1 {
		return 1
	}
	sum := 0.0
	for t := 1; t <= rounds; t++ {
		sum += math.Pow(c.NoiseDecay, -2*float64(t-1))
	}
	return math.Sqrt(sum / float64(rounds))
}

// ForRound is the training of round (from 1) of a study: cfg with its
// privacy's clip norm and noise multiplier set to that round's
// (PrivacyConfig.ClipNormAt, NoiseMultiplierAt) and no schedule left, so
// that Fit clips and adds noise as the schedules say. Without privacy, or
// without a schedule, it is cfg.
func (c TrainConfig) ForRound(round int) TrainConfig {
	if c.Privacy == nil || c.Privacy.ClipDecay == 0 && c.Privacy.NoiseDecay == 0 {
		return c
	}
	p := *c.Privacy
	p.ClipNorm, p.ClipDecay = p.ClipNormAt(round), 0
	p.NoiseMultiplier, p.NoiseDecay = p.NoiseMultiplierAt(round), 0
	c.Privacy = &p
	return c
}

// Validate reports whether c is usable, wrapping ErrInvalidTrainConfig.
func (c PrivacyConfig) Validate() error {
	switch {
	case !(c.NoiseMultiplier > 0) || math.IsInf(c.NoiseMultiplier, 0):
		return fmt.Errorf("%w: privacy noise_multiplier is %v, want a finite value > 0", ErrInvalidTrainConfig, c.NoiseMultiplier)
	case !(c.ClipNorm > 0) || math.IsInf(c.ClipNorm, 0):
		return fmt.Errorf("%w: privacy clip_norm is %v, want a finite value > 0", ErrInvalidTrainConfig, c.ClipNorm)
	case c.ClipDecay != 0 && !(c.ClipDecay > 0 && c.ClipDecay <= 1):
		return fmt.Errorf("%w: privacy clip_decay is %v, want a value in (0, 1] (round t clips to clip_norm·clip_decay^(t−1)), or leave it out for the same clip norm every round", ErrInvalidTrainConfig, c.ClipDecay)
	case !(c.SamplingRate > 0 && c.SamplingRate <= 1):
		return fmt.Errorf("%w: privacy sampling_rate is %v, want a value in (0, 1]", ErrInvalidTrainConfig, c.SamplingRate)
	case c.NoiseDecay != 0 && !(c.NoiseDecay > 0 && c.NoiseDecay <= 1):
		return fmt.Errorf("%w: privacy noise_decay is %v, want a value in (0, 1] (round t adds noise noise_multiplier·noise_decay^(t−1)), or leave it out for the same noise every round", ErrInvalidTrainConfig, c.NoiseDecay)
	case c.NoiseDecay != 0 && c.NoiseDecay != 1 && c.SamplingRate != 1:
		return fmt.Errorf("%w: privacy noise_decay %v needs sampling_rate 1 (got %v): the accountant of sampled steps composes equal steps only; leave noise_decay out or sample every record", ErrInvalidTrainConfig, c.NoiseDecay, c.SamplingRate)
	case !(c.Epsilon > 0) || math.IsInf(c.Epsilon, 0):
		return fmt.Errorf("%w: privacy epsilon is %v, want the study's budget, a finite value > 0", ErrInvalidTrainConfig, c.Epsilon)
	case !(c.Delta > 0 && c.Delta < 1):
		return fmt.Errorf("%w: privacy delta is %v, want a value in (0, 1) well below one over the number of records, such as 1e-5", ErrInvalidTrainConfig, c.Delta)
	}
	switch c.Mechanism {
	case "", MechanismLocal:
		if c.MinContributors != 0 || c.NoiseColluders != 0 {
			return fmt.Errorf("%w: privacy min_contributors and noise_colluders size the shares of the %q mechanism; the %q one has none (each hospital adds the full noise): drop them or set mechanism %q",
				ErrInvalidTrainConfig, MechanismDistributed, MechanismLocal, MechanismDistributed)
		}
	case MechanismDistributed:
		switch {
		case c.MinContributors < 1:
			return fmt.Errorf("%w: privacy min_contributors is %d: the %q mechanism needs the fewest hospitals a published aggregate combines (at most the study's minimum participants), ≥ 1",
				ErrInvalidTrainConfig, c.MinContributors, MechanismDistributed)
		case c.NoiseColluders < 0 || c.NoiseColluders >= c.MinContributors:
			return fmt.Errorf("%w: privacy noise_colluders is %d, want 0..%d (fewer than min_contributors %d): the shares are sized for min_contributors − noise_colluders honest hospitals",
				ErrInvalidTrainConfig, c.NoiseColluders, c.MinContributors-1, c.MinContributors)
		}
	default:
		return fmt.Errorf("%w: privacy mechanism is %q, want %q (DP-SGD at every hospital, the default) or %q (noise shared over the encrypted sum)",
			ErrInvalidTrainConfig, c.Mechanism, MechanismLocal, MechanismDistributed)
	}
	return nil
}

// StepsPerTrain is the number of DP-SGD steps one Train call takes with
// cfg: Epochs/SamplingRate, rounded up, or 1 with the distributed
// mechanism (one step of the union per round). It depends on the public
// configuration only, so every party computes the same privacy cost.
func StepsPerTrain(cfg TrainConfig) int {
	if cfg.Privacy == nil || !(cfg.Privacy.SamplingRate > 0) {
		return 0
	}
	if cfg.Privacy.Distributed() {
		return 1
	}
	return int(math.Ceil(float64(cfg.Epochs)/cfg.Privacy.SamplingRate - 1e-9))
}

// PrivacySpent returns the ε at cfg.Privacy.Delta of a record trained on in
// rounds Train calls with cfg (rounds of a study): RDP composition of
// rounds·StepsPerTrain(cfg) sampled Gaussian steps. A clip norm schedule
// (ClipDecay) changes nothing here: round t's sensitivity and noise are both
// scaled by the same public factor, so its noise multiplier stays σ. A noise
// schedule (NoiseDecay, with q = 1 only) gives round t's steps σ_t: as
// Gaussian mechanisms they compose exactly to μ² = steps·Σ_t 1/σ_t², that
// of as many steps of the constant σ/NoiseScheduleFactor(rounds), whose ε
// (exact, and in RDP alike) is the figure. With the distributed
// mechanism that is centralised DP-SGD over the union with sampling rate q
// and one step per round: Poisson sampling at rate q at every hospital is
// Poisson sampling of the union, and each published aggregate carries noise
// σ·C. Without cfg.Privacy the
// guarantee is none and ε is +Inf.
func PrivacySpent(cfg TrainConfig, rounds int) (float64, error) {
	if cfg.Privacy == nil {
		return math.Inf(1), nil
	}
	if err := cfg.Validate(); err != nil {
		return 0, err
	}
	if rounds == 0 {
		return 0, nil
	}
	p := cfg.Privacy
	if err := p.checkNoiseSchedule(rounds); err != nil {
		return 0, err
	}
	sigma := p.NoiseMultiplier / p.NoiseScheduleFactor(rounds)
	return privacy.DPSGDEpsilon(p.SamplingRate, sigma, rounds*StepsPerTrain(cfg), p.Delta)
}

// checkNoiseSchedule refuses a noise schedule under which a round of the
// first rounds weighs more in the composition than a float64 holds: round
// t's share of the privacy loss is (σ_1/σ_t)² = ρ^(−2(t−1)) times round
// 1's, and once their sum overflows, round 1's σ over the schedule's
// factor is 0 and no ε can be computed.
func (c PrivacyConfig) checkNoiseSchedule(rounds int) error {
	if c.NoiseDecay == 0 || c.NoiseDecay == 1 {
		return nil
	}
	sum := 0.0
	for t := 1; t <= rounds; t++ {
		if sum += math.Pow(c.NoiseDecay, -2*float64(t-1)); !math.IsInf(sum, 0) {
			continue
		}
		// The least ρ whose rounds' shares sum to a float64, with e to spare.
		least := math.Exp(-(math.Log(math.MaxFloat64) - math.Log(float64(rounds)) - 1) / (2 * float64(rounds-1)))
		return fmt.Errorf("%w: privacy.noise_decay %v over %d rounds: round %d adds noise_multiplier·%v^%d, so little noise that its share of the privacy loss, noise_decay^(−2(t−1)) = %v^%d times round 1's, is beyond what a float64 holds and no ε can be computed; use a noise_decay of at least %.2g for %d rounds, leave it out, or run fewer rounds",
			ErrInvalidTrainConfig, c.NoiseDecay, rounds, t, c.NoiseDecay, t-1, c.NoiseDecay, -2*(t-1), roundUp2(least), rounds)
	}
	return nil
}

// roundUp2 rounds x > 0 up to two significant digits.
func roundUp2(x float64) float64 {
	unit := math.Pow(10, math.Floor(math.Log10(x))-1)
	return math.Ceil(x/unit) * unit
}

// EpsilonUnits is how finely the chain records a study's ε: in millionths
// (contracts.MetricUnit), refusing a round whose recorded ε does not grow.
const EpsilonUnits = 1_000_000

// checkEpsilonRecordable refuses a study whose ε, recorded after each of
// its rounds in EpsilonUnits, would not grow in some round: a noise
// multiplier so large that a round adds less than a unit (about 1e4 with
// sampling, 1e5 without) passes the budget and stops the study at that
// round. Without a noise schedule ε is concave in the rounds (a minimum,
// over the accountant's orders, of lines in the rounds; the exact Gaussian
// figure grows as their square root), so its growth shrinks round after
// round and the first round that adds less than a unit is bisected for;
// with one (q = 1, rounds bounded by checkNoiseSchedule) each round is
// computed.
func checkEpsilonRecordable(cfg TrainConfig, rounds int) error {
	spent := func(r int) (float64, error) {
		if r == 0 {
			return 0, nil
		}
		return PrivacySpent(cfg, r)
	}
	growth := func(r int) (float64, error) {
		before, err := spent(r - 1)
		if err != nil {
			return 0, err
		}
		after, err := spent(r)
		return after - before, err
	}
	records := func(g float64) bool { return g*EpsilonUnits >= 1 }
	refuse := func(r int, g float64) error {
		p := cfg.Privacy
		fix := fmt.Sprintf("a smaller noise_multiplier spends the budget ε %g over the %d rounds", p.Epsilon, rounds)
		if need, err := privacy.NoiseMultiplier(p.Epsilon, p.Delta, p.SamplingRate, rounds*StepsPerTrain(cfg)); err == nil {
			fix = fmt.Sprintf("a noise_multiplier of %.4g spends the budget ε %g over the %d rounds", need*p.NoiseScheduleFactor(rounds), p.Epsilon, rounds)
		}
		return fmt.Errorf("%w: privacy.noise_multiplier %v: from round %d a round adds less than 1e-06 to the study's ε (%.3g in round %d), the least the chain records: it keeps ε in millionths and refuses a round whose recorded ε does not grow, so the study would stop there or a few rounds later; %s",
			ErrInvalidTrainConfig, p.NoiseMultiplier, r, g, r, fix)
	}
	if p := cfg.Privacy; p.NoiseDecay != 0 {
		if err := p.checkNoiseSchedule(rounds); err != nil {
			return err
		}
		// PrivacySpent round after round, its schedule's sum kept running
		// (as NoiseScheduleFactor adds it) rather than summed again.
		steps := StepsPerTrain(cfg)
		before, sum := 0.0, 0.0
		for r := 1; r <= rounds; r++ {
			sum += math.Pow(p.NoiseDecay, -2*float64(r-1))
			after, err := privacy.DPSGDEpsilon(p.SamplingRate, p.NoiseMultiplier/math.Sqrt(sum/float64(r)), r*steps, p.Delta)
			if err != nil {
				return err
			}
			if !records(after - before) {
				return refuse(r, after-before)
			}
			before = after
		}
		return nil
	}
	g, err := growth(rounds)
	if err != nil || records(g) {
		return err
	}
	// Growth shrinks: bisect for the first round that adds less than a unit.
	lo, hi, gHi := 0, rounds, g // round lo records (none before round 1), round hi does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		g, err := growth(mid)
		if err != nil {
			return err
		}
		if records(g) {
			lo = mid
		} else {
			hi, gHi = mid, g
		}
	}
	return refuse(hi, gHi)
}

// newNoiseSource returns a generator keyed with 32 bytes from crypto/rand.
func newNoiseSource() (*rand.Rand, error) {
	var key [32]byte
	if _, err := crand.Read(key[:]); err != nil {
		return nil, fmt.Errorf("models: keying the DP noise generator: %w", err)
	}
	return rand.New(rand.NewChaCha8(key)), nil
}

// gradSlot is a learnable whose gradient the solver reads from a buffer
// filled by DP-SGD, not from the graph: it satisfies G.ValueGrad, and the
// solver updates the graph's own weight value in place.
type gradSlot struct {
	node *G.Node
	grad G.Value
}

func (s gradSlot) Value() G.Value         { return s.node.Value() }
func (s gradSlot) Grad() (G.Value, error) { return s.grad, nil }
func (s gradSlot) set(g []float64, off int) int {
	switch v := s.grad.(type) {
	case *tensor.Dense:
		d := v.Data().([]float64)
		copy(d, g[off:off+len(d)])
		return off + len(d)
	case *G.F64:
		*v = G.F64(g[off])
		return off + 1
	}
	return off
}

// trainPrivate is Train under cfg.Privacy, drawing batches and noise from
// noise. It builds the graph for one record, so that each record's gradient
// is computed, and clipped, on its own. A record is one row of X, or with
// groups the rows groups[i] of record i (its loss the sum over them): a
// logistic-hazard model's person-period rows.
func (m *Model) trainPrivate(ctx context.Context, X [][]float64, y []float64, groups [][]int, cfg TrainConfig, noise *rand.Rand) (TrainResult, error) {
	dp := *cfg.Privacy
	if dp.ClipDecay != 0 {
		// Which clip norm applies depends on the round, which Train does
		// not know: clipping to ClipNorm would silently skip the schedule.
		return TrainResult{}, fmt.Errorf("%w: privacy clip_decay %v schedules the clip norm over rounds; train each round with cfg.ForRound(round)", ErrInvalidTrainConfig, dp.ClipDecay)
	}
	if dp.NoiseDecay != 0 {
		return TrainResult{}, fmt.Errorf("%w: privacy noise_decay %v schedules the noise multiplier over rounds; train each round with cfg.ForRound(round)", ErrInvalidTrainConfig, dp.NoiseDecay)
	}
	if groups == nil {
		groups = make([][]int, len(X))
		for i := range groups {
			groups[i] = []int{i}
		}
	}
	n, size, width := len(groups), len(m.params), 1
	for _, g := range groups {
		width = max(width, len(g))
	}
	nt, err := buildNet(m.spec, m.params, width, netOptions{train: true})
	if err != nil {
		return TrainResult{}, err
	}
	f := m.spec.Features
	vm := G.NewTapeMachine(nt.g, G.BindDualValues(nt.ws...))
	defer vm.Close()
	solver := newSolver(cfg)
	slots := make([]gradSlot, len(nt.ws))
	learnables := make([]G.ValueGrad, len(nt.ws))
	for i, w := range nt.ws {
		var g G.Value
		if w.IsScalar() {
			g = new(G.F64)
		} else {
			g = tensor.New(tensor.WithShape(w.Shape().Clone()...), tensor.Of(tensor.Float64))
		}
		slots[i] = gradSlot{node: w, grad: g}
		learnables[i] = slots[i]
	}

	// The Gaussian noise has its own stream, keyed from the first draws of
	// noise: which records a step samples does not shift it.
	var key [32]byte
	for i := 0; i < len(key); i += 8 {
		binary.LittleEndian.PutUint64(key[i:], noise.Uint64())
	}
	gauss := rand.New(rand.NewChaCha8(key))
	steps := StepsPerTrain(cfg)
	expected := dp.SamplingRate * float64(n)
	sum := make([]float64, size)
	res := TrainResult{Samples: n}
	lossSum, lossCount := 0.0, 0
	for step := range steps {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("models: private training stopped after %d of %d steps: %w", step, steps, err)
		}
		clear(sum)
		for r := range n {
			if noise.Float64() >= dp.SamplingRate || len(groups[r]) == 0 {
				continue
			}
			for i := range width {
				row := nt.xBuf[i*f : (i+1)*f]
				if i < len(groups[r]) {
					copy(row, X[groups[r][i]])
					nt.yBuf[i], nt.wBuf[i] = y[groups[r][i]], 1
				} else {
					clear(row)
					nt.yBuf[i], nt.wBuf[i] = 0, 0
				}
			}
			if err := vm.RunAll(); err != nil {
				return res, fmt.Errorf("models: running training graph: %w", err)
			}
			loss, err := scalarValue(nt.dataLoss)
			if err != nil {
				return res, err
			}
			g, err := nt.gradients(size)
			if err != nil {
				return res, err
			}
			vm.Reset()
			if err := nt.zeroGradients(); err != nil {
				return res, err
			}
			scale := 1.0
			if norm := l2Norm(g); norm > dp.ClipNorm {
				scale = dp.ClipNorm / norm
			}
			for j, v := range g {
				sum[j] += scale * v
			}
			lossSum += loss
			lossCount++
		}
		sd := dp.NoiseShareSD()
		for j := range sum {
			sum[j] = (sum[j] + sd*gauss.NormFloat64()) / expected
		}
		if cfg.ProximalMu > 0 {
			// The FedProx term does not depend on the records: added after
			// the noise, it costs no privacy.
			cur, err := nt.params(size)
			if err != nil {
				return res, err
			}
			for j := range sum {
				sum[j] += cfg.ProximalMu * (cur[j] - m.params[j])
			}
		}
		off := 0
		for _, s := range slots {
			off = s.set(sum, off)
		}
		if err := solver.Step(learnables); err != nil {
			return res, fmt.Errorf("models: solver step: %w", err)
		}
		res.Steps++
	}
	if lossCount > 0 {
		res.Loss = lossSum / float64(lossCount)
	}
	params, err := nt.params(size)
	if err != nil {
		return res, err
	}
	for i, v := range params {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return res, fmt.Errorf("%w: private training diverged (parameter %d is %v); lower the learning rate or the clip norm", ErrNonFinite, i, v)
		}
	}
	m.params = params
	return res, nil
}

func l2Norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// zeroGradients clears the gradients bound to the learnables: the machine
// adds each run's gradients to them, and a solver step, which would clear
// them, comes only once per batch here.
func (n *net) zeroGradients() error {
	for _, w := range n.ws {
		v, err := w.Grad()
		if err != nil {
			return fmt.Errorf("models: reading gradient of %s: %w", w.Name(), err)
		}
		switch d := v.(type) {
		case *tensor.Dense:
			clear(d.Data().([]float64))
		case *G.F64:
			*d = 0
		default:
			return fmt.Errorf("models: gradient of %s is a %T, want float64 data", w.Name(), v)
		}
	}
	return nil
}

// checkPrivacyFits reports whether rounds Train calls with cfg stay within
// cfg.Privacy's budget; if not, the error says which noise multiplier would.
func checkPrivacyFits(cfg TrainConfig, rounds int) error {
	spent, err := PrivacySpent(cfg, rounds)
	if err != nil {
		return err
	}
	p := cfg.Privacy
	if spent <= p.Epsilon {
		return nil
	}
	need, err := privacy.NoiseMultiplier(p.Epsilon, p.Delta, p.SamplingRate, rounds*StepsPerTrain(cfg))
	if err != nil {
		return fmt.Errorf("%d rounds spend ε %.4g, above the budget %g, and no noise multiplier reaches it: %w", rounds, spent, p.Epsilon, err)
	}
	if p.NoiseDecay != 0 {
		need *= p.NoiseScheduleFactor(rounds) // round 1's
		return fmt.Errorf("%d rounds spend ε %.4g, above the budget %g; a noise_multiplier of %.4g or more fits with noise_decay %v, or set a noise_decay nearer 1, or run fewer rounds or epochs", rounds, spent, p.Epsilon, need, p.NoiseDecay)
	}
	return fmt.Errorf("%d rounds spend ε %.4g, above the budget %g; a noise_multiplier of %.4g or more fits, or run fewer rounds or epochs", rounds, spent, p.Epsilon, need)
}
