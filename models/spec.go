package models

import (
	"fmt"
)

// Model kinds accepted in Spec.Kind.
const (
	// KindLogistic is logistic regression: p = σ(w·x + b).
	KindLogistic = "logistic"
	// KindMLP is a multilayer perceptron with ReLU hidden layers and a
	// sigmoid output unit.
	KindMLP = "mlp"
	// KindCox is a Cox proportional-hazards model: the risk score is the
	// linear predictor w·x (through ReLU hidden layers if any are given),
	// trained on the negative log partial likelihood of the hospital's own
	// records. Its output is a log-risk, not a probability.
	KindCox = "cox"
	// KindLogisticHazard is a discrete-time survival model: follow-up is
	// cut into the intervals Spec.Intervals gives, and the model is a
	// logistic regression (or MLP) of the event in each interval a record
	// is at risk in, on its features and the interval. Each record's loss
	// is its own (the sum over its intervals), so DP-SGD bounds one
	// record's influence, which it cannot for a Cox model. Its output, like
	// a Cox model's, is a risk score (RiskScores).
	KindLogisticHazard = "logistic_hazard"
)

// Ways of handling tied event times in a Cox model's partial likelihood
// (Spec.Ties).
const (
	// TiesBreslow gives every tied event the whole risk set (the default).
	TiesBreslow = "breslow"
	// TiesEfron removes a growing share of the tied events' risk from the
	// risk set, closer to the exact likelihood when ties are many.
	TiesEfron = "efron"
)

// Limits that keep a spec from exhausting memory by accident.
const (
	// MaxFeatures is the largest accepted Spec.Features.
	MaxFeatures = 1 << 16
	// MaxParams is the largest accepted number of parameters of a model.
	MaxParams = 1 << 24
)

// Spec describes a model architecture. It is a plain value, serialised as
// JSON into the study's content-addressed model spec.
type Spec struct {
	// Kind is KindLogistic, KindMLP or KindCox.
	Kind string `json:"kind"`
	// Features is the number of input features.
	Features int `json:"features"`
	// Hidden lists the widths of the hidden layers of an MLP; it must be
	// empty for logistic regression.
	Hidden []int `json:"hidden,omitempty"`
	// Ties is how a Cox model handles tied event times: TiesBreslow
	// (default when empty) or TiesEfron. It must be empty for other kinds.
	Ties string `json:"ties,omitempty"`
	// Intervals are a logistic-hazard model's interval ends, increasing and
	// > 0, in the schema's time unit: interval k is (Intervals[k-1],
	// Intervals[k]], the first starting at 0, and follow-up past the last
	// end counts as censored there. They are public and fixed before
	// training (say, years of follow-up), never read from the records. It
	// must be empty for other kinds.
	Intervals []float64 `json:"intervals,omitempty"`
}

// IsSurvival reports whether the model is trained on follow-up times and
// events and scored by risk (KindCox and KindLogisticHazard).
func (s Spec) IsSurvival() bool { return s.Kind == KindCox || s.Kind == KindLogisticHazard }

// layer is one dense layer: in inputs, out outputs.
type layer struct{ in, out int }

// Validate reports whether s describes a model, wrapping ErrInvalidSpec with
// the reason.
func (s Spec) Validate() error {
	if s.Features < 1 || s.Features > MaxFeatures {
		return fmt.Errorf("%w: features is %d, want 1..%d", ErrInvalidSpec, s.Features, MaxFeatures)
	}
	if s.Ties != "" && (s.Kind != KindCox || (s.Ties != TiesBreslow && s.Ties != TiesEfron)) {
		return fmt.Errorf("%w: ties is %q; only a %q model has ties, %q or %q", ErrInvalidSpec, s.Ties, KindCox, TiesBreslow, TiesEfron)
	}
	if len(s.Intervals) != 0 && s.Kind != KindLogisticHazard {
		return fmt.Errorf("%w: intervals are given; only a %q model has them", ErrInvalidSpec, KindLogisticHazard)
	}
	switch s.Kind {
	case KindLogistic:
		if len(s.Hidden) != 0 {
			return fmt.Errorf("%w: a %q model has no hidden layers, got %v (use kind %q)", ErrInvalidSpec, KindLogistic, s.Hidden, KindMLP)
		}
	case KindMLP, KindCox, KindLogisticHazard:
		if err := s.checkIntervals(); err != nil {
			return err
		}
		if len(s.Hidden) == 0 && s.Kind == KindMLP {
			return fmt.Errorf("%w: an %q model needs at least one hidden layer width in hidden", ErrInvalidSpec, KindMLP)
		}
		for i, h := range s.Hidden {
			if h < 1 || h > MaxFeatures {
				return fmt.Errorf("%w: hidden[%d] is %d, want 1..%d", ErrInvalidSpec, i, h, MaxFeatures)
			}
		}
	default:
		return fmt.Errorf("%w: unknown kind %q, want %q, %q, %q or %q", ErrInvalidSpec, s.Kind, KindLogistic, KindMLP, KindCox, KindLogisticHazard)
	}
	if n := s.numParams(); n > MaxParams {
		return fmt.Errorf("%w: %d parameters exceed the limit of %d; use smaller hidden layers", ErrInvalidSpec, n, MaxParams)
	}
	return nil
}

// layers returns the dense layers of a valid spec, input to output. The last
// layer always has one output.
func (s Spec) layers() []layer {
	ls := make([]layer, 0, len(s.Hidden)+1)
	in := s.inputs()
	for _, h := range s.Hidden {
		ls = append(ls, layer{in, h})
		in = h
	}
	return append(ls, layer{in, 1})
}

// numParams counts the parameters without overflowing on absurd specs.
func (s Spec) numParams() int {
	total := 0
	in := s.inputs()
	for _, out := range append(append([]int(nil), s.Hidden...), 1) {
		total += in*out + out
		if total > MaxParams {
			return MaxParams + 1
		}
		in = out
	}
	return total
}
