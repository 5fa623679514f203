package aggregation

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Server optimisers accepted in FedOptConfig.Kind: how the coordinator turns
// the decrypted average update into the next global model (Reddi et al.,
// "Adaptive Federated Optimization", ICLR 2021, Algorithm 2).
const (
	// FedAvg steps by the average update scaled by the server learning rate:
	// x ← x + η·Δ. With η = 1 this is McMahan et al.'s FedAvg.
	FedAvg = "fedavg"
	// FedAdagrad accumulates squared updates: v ← v + Δ².
	FedAdagrad = "fedadagrad"
	// FedYogi moves v additively towards Δ²: v ← v − (1−β₂)·Δ²·fedOptSign(v − Δ²).
	FedYogi = "fedyogi"
	// FedAdam keeps an exponential average: v ← β₂·v + (1−β₂)·Δ².
	FedAdam = "fedadam"
)

// ErrInvalidFedOpt reports an unusable FedOptConfig or FedOpt state.
var ErrInvalidFedOpt = errors.New("aggregation: invalid server optimiser")

// FedOptConfig is the raw configuration of a server optimiser. It is a
// plain value, serialised as JSON into the study's model spec.
type FedOptConfig struct {
	// Kind is FedAvg, FedAdagrad, FedYogi or FedAdam.
	Kind string `json:"kind"`
	// LearningRate is the server learning rate η (> 0).
	LearningRate float64 `json:"learning_rate"`
	// Beta1 is the momentum β₁ in [0, 1) of the adaptive kinds.
	Beta1 float64 `json:"beta1,omitempty"`
	// Beta2 is the second-moment decay β₂ in [0, 1) of FedAdam and FedYogi.
	Beta2 float64 `json:"beta2,omitempty"`
	// Tau is the adaptivity τ (> 0) of the adaptive kinds: it is added to
	// √v in the denominator, and v starts at τ².
	Tau float64 `json:"tau,omitempty"`
}

// DefaultFedOptConfig returns plain FedAvg (η = 1) for FedAvg and, for the
// adaptive kinds, the paper's defaults β₁ = 0.9, β₂ = 0.99, τ = 10⁻³ with
// η = 10⁻² (tune η on the task: the paper searches 10^{−3…1}).
func DefaultFedOptConfig(kind string) FedOptConfig {
	if kind == FedAvg {
		return FedOptConfig{Kind: FedAvg, LearningRate: 1}
	}
	return FedOptConfig{Kind: kind, LearningRate: 1e-2, Beta1: 0.9, Beta2: 0.99, Tau: 1e-3}
}

// Validate reports whether c is usable, wrapping ErrInvalidFedOpt.
func (c FedOptConfig) Validate() error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch c.Kind {
	case FedAvg, FedAdagrad, FedYogi, FedAdam:
	default:
		return fmt.Errorf("%w: kind is %q, want %q, %q, %q or %q", ErrInvalidFedOpt, c.Kind, FedAvg, FedAdagrad, FedYogi, FedAdam)
	}
	if !(c.LearningRate > 0) || !finite(c.LearningRate) {
		return fmt.Errorf("%w: learning_rate is %v, want a finite value > 0", ErrInvalidFedOpt, c.LearningRate)
	}
	if c.Kind == FedAvg {
		return nil
	}
	if !(c.Beta1 >= 0 && c.Beta1 < 1) {
		return fmt.Errorf("%w: beta1 is %v, want a value in [0, 1)", ErrInvalidFedOpt, c.Beta1)
	}
	if c.Kind != FedAdagrad && !(c.Beta2 >= 0 && c.Beta2 < 1) {
		return fmt.Errorf("%w: beta2 is %v, want a value in [0, 1)", ErrInvalidFedOpt, c.Beta2)
	}
	if !(c.Tau > 0) || !finite(c.Tau) {
		return fmt.Errorf("%w: tau is %v, want a finite value > 0 (10⁻³ is a good start)", ErrInvalidFedOpt, c.Tau)
	}
	return nil
}

// FedOpt is a server optimiser with its state: the first moment m and second
// moment v, one value per model parameter, and the number of steps taken.
// Step is deterministic: the same configuration, state and inputs give
// bit-identical outputs on every platform (each product is rounded
// explicitly, so no compiler may fuse it into a multiply-add), so any member
// can recompute the coordinator's new global model from the decrypted
// average update.
//
// A FedOpt is NOT safe for concurrent use: Step mutates it.
type FedOpt struct {
	cfg   FedOptConfig
	steps uint64
	m, v  []float64 // nil until the first step of an adaptive kind
}

// NewFedOpt validates cfg and returns an optimiser with no state.
func NewFedOpt(cfg FedOptConfig) (*FedOpt, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &FedOpt{cfg: cfg}, nil
}

// Config returns the optimiser's configuration.
func (o *FedOpt) Config() FedOptConfig { return o.cfg }

// Steps returns the number of steps taken.
func (o *FedOpt) Steps() uint64 { return o.steps }

// Step returns the next global model from the current one, global, and the
// average of the participants' updates (local − global), delta, and
// advances the optimiser's state:
//
//	FedAvg:  x ← x + η·Δ
//	others:  m ← β₁·m + (1−β₁)·Δ;  v ← (per kind, see the constants);
//	         x ← x + η·m / (√v + τ)
//
// with m starting at 0 and v at τ², as in Reddi et al. (no bias
// correction). It fails, leaving the state unchanged, with
// ErrLengthMismatch if the lengths differ from each other or from earlier
// steps, and with ErrInvalidValue if an input or the result is not finite.
func (o *FedOpt) Step(global, delta []float64) ([]float64, error) {
	if len(global) != len(delta) {
		return nil, fmt.Errorf("%w: %d parameters but an update of %d values", ErrLengthMismatch, len(global), len(delta))
	}
	if o.m != nil && len(o.m) != len(global) {
		return nil, fmt.Errorf("%w: %d parameters but the optimiser's state has %d; use a new optimiser for another model", ErrLengthMismatch, len(global), len(o.m))
	}
	for i := range global {
		if !fedOptFinite(global[i]) || !fedOptFinite(delta[i]) {
			return nil, fmt.Errorf("%w: parameter or update %d is not finite (%v, %v)", ErrInvalidValue, i, global[i], delta[i])
		}
	}
	c := o.cfg
	next := make([]float64, len(global))
	if c.Kind == FedAvg {
		for i := range global {
			next[i] = global[i] + float64(c.LearningRate*delta[i])
		}
		o.steps++
		return next, nil
	}

	m, v := o.m, o.v
	if m == nil {
		m, v = make([]float64, len(global)), make([]float64, len(global))
		for i := range v {
			v[i] = c.Tau * c.Tau
		}
	}
	nm, nv := make([]float64, len(global)), make([]float64, len(global))
	for i, d := range delta {
		nm[i] = float64(c.Beta1*m[i]) + float64((1-c.Beta1)*d)
		d2 := float64(d * d)
		switch c.Kind {
		case FedAdagrad:
			nv[i] = v[i] + d2
		case FedYogi:
			nv[i] = v[i] - float64((1-c.Beta2)*d2)*fedOptSign(v[i]-d2)
		default: // FedAdam
			nv[i] = float64(c.Beta2*v[i]) + float64((1-c.Beta2)*d2)
		}
		next[i] = global[i] + float64(c.LearningRate*nm[i])/(math.Sqrt(nv[i])+c.Tau)
		if !fedOptFinite(next[i]) || !fedOptFinite(nv[i]) {
			return nil, fmt.Errorf("%w: step overflowed at parameter %d; lower the server learning rate", ErrInvalidValue, i)
		}
	}
	o.m, o.v = nm, nv
	o.steps++
	return next, nil
}

// fedOptSign is −1, 0 or 1. Yogi's v stays ≥ 0: with v ≥ 0 a decrease happens only
// when v > Δ², by (1−β₂)·Δ² < v.
func fedOptSign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

func fedOptFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// SameNextStep reports whether o and p take the same step from the same
// inputs: the same configuration and moments (the count of steps taken
// does not enter the step). An auditor uses it to check that the state a
// round stepped from is the state the round before left.
func (o *FedOpt) SameNextStep(p *FedOpt) bool {
	return o.cfg == p.cfg && slices.Equal(o.m, p.m) && slices.Equal(o.v, p.v)
}

// fedOptState is the serialised form of a FedOpt.
type fedOptState struct {
	Version int          `json:"version"`
	Config  FedOptConfig `json:"config"`
	Steps   uint64       `json:"steps"`
	M       []float64    `json:"m,omitempty"`
	V       []float64    `json:"v,omitempty"`
}

// fedOptVersion is the serialisation version MarshalBinary writes.
const fedOptVersion = 1

// MarshalBinary encodes the configuration and state as JSON (float64 values
// round-trip exactly), so that a coordinator can persist the optimiser
// between rounds and resume after a restart.
func (o *FedOpt) MarshalBinary() ([]byte, error) {
	return json.Marshal(fedOptState{Version: fedOptVersion, Config: o.cfg, Steps: o.steps, M: o.m, V: o.v})
}

// UnmarshalBinary restores a FedOpt written by MarshalBinary, validating the
// configuration and the state's shape (ErrInvalidFedOpt).
func (o *FedOpt) UnmarshalBinary(b []byte) error {
	var st fedOptState
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidFedOpt, err)
	}
	if st.Version != fedOptVersion {
		return fmt.Errorf("%w: state version %d, this build reads %d", ErrInvalidFedOpt, st.Version, fedOptVersion)
	}
	if err := st.Config.Validate(); err != nil {
		return err
	}
	if len(st.M) != len(st.V) || (st.Config.Kind == FedAvg && len(st.M) != 0) {
		return fmt.Errorf("%w: state has %d first and %d second moments for kind %q", ErrInvalidFedOpt, len(st.M), len(st.V), st.Config.Kind)
	}
	for i := range st.V {
		if !fedOptFinite(st.M[i]) || !fedOptFinite(st.V[i]) || st.V[i] < 0 {
			return fmt.Errorf("%w: moment %d is invalid (m=%v, v=%v)", ErrInvalidFedOpt, i, st.M[i], st.V[i])
		}
	}
	if len(st.M) == 0 {
		st.M, st.V = nil, nil
	}
	*o = FedOpt{cfg: st.Config, steps: st.Steps, m: st.M, v: st.V}
	return nil
}
