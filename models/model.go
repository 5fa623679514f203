package models

import (
	"fmt"
	"math"
	"math/rand/v2"

	G "gorgonia.org/gorgonia"
)

// predictBatch is the batch size of prediction graphs; larger inputs are
// processed in chunks, the last one padded.
const predictBatch = 1024

// Model is a model of a given Spec with its current parameters. The
// parameters are held as a flat vector (see the package doc for the order);
// Gorgonia graphs are built from them for each Train and Predict call.
//
// A Model is NOT safe for concurrent use: Train and SetParams mutate it. Use
// one Model per goroutine, or copy parameters into separate Models.
type Model struct {
	spec   Spec
	params []float64
}

// New returns a model of spec with parameters initialised from seed:
// weights are drawn uniformly from ±√(6/(fan_in+fan_out)) (Glorot) and biases
// are zero. The same spec and seed always give the same parameters.
func New(spec Spec, seed int64) (*Model, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	spec.Hidden = append([]int(nil), spec.Hidden...)
	rng := rand.New(rand.NewPCG(uint64(seed), initStream))
	params := make([]float64, 0, spec.numParams())
	for _, l := range spec.layers() {
		limit := math.Sqrt(6 / float64(l.in+l.out))
		for range l.in * l.out {
			params = append(params, (2*rng.Float64()-1)*limit)
		}
		params = append(params, make([]float64, l.out)...)
	}
	return &Model{spec: spec, params: params}, nil
}

// Streams of the PCG generator, so that initialisation and shuffling from
// the same seed are independent.
const (
	initStream    = 0x636f686f72742d69 // "cohort-i"
	shuffleStream = 0x636f686f72742d73 // "cohort-s"
)

// Spec returns the model's specification.
func (m *Model) Spec() Spec {
	s := m.spec
	s.Hidden = append([]int(nil), s.Hidden...)
	return s
}

// NumParams returns the length of the flat parameter vector.
func (m *Model) NumParams() int { return len(m.params) }

// Params returns a copy of the flat parameter vector: layer by layer from
// input to output, each layer's weight matrix row-major (input-major) then its
// biases. For a logistic model this is [w₁ … w_F, b].
func (m *Model) Params() []float64 { return append([]float64(nil), m.params...) }

// SetParams replaces the parameters with a copy of p. It fails with
// ErrParamCount if len(p) != NumParams() and with ErrNonFinite if p holds NaN
// or ±Inf; the model is unchanged on error.
func (m *Model) SetParams(p []float64) error {
	if len(p) != len(m.params) {
		return fmt.Errorf("%w: got %d values, the %s model has %d parameters", ErrParamCount, len(p), m.spec.Kind, len(m.params))
	}
	for i, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: parameter %d is %v", ErrNonFinite, i, v)
		}
	}
	copy(m.params, p)
	return nil
}

// Predict returns, for each row of X, the predicted probability that the
// label is 1. Every row must have Spec().Features finite values. For a Cox
// model use RiskScores.
func (m *Model) Predict(X [][]float64) ([]float64, error) {
	if m.spec.IsSurvival() {
		return nil, fmt.Errorf("%w: a %q model predicts risk scores (RiskScores), not probabilities", ErrInvalidSpec, m.spec.Kind)
	}
	return m.forward(X, false)
}

// RiskScores returns, for each row of X, the model's output before the
// sigmoid: a Cox model's log-risk (linear predictor), or a classifier's
// logit; for a logistic-hazard model, the log of its cumulative hazard over
// every interval. Higher means a higher hazard (or probability).
func (m *Model) RiskScores(X [][]float64) ([]float64, error) {
	if m.spec.Kind == KindLogisticHazard {
		return m.hazardRisk(X)
	}
	return m.forward(X, true)
}

// forward runs the prediction graph over X, returning logits if raw and
// probabilities otherwise.
func (m *Model) forward(X [][]float64, raw bool) ([]float64, error) {
	if err := m.checkX(X); err != nil {
		return nil, err
	}
	if len(X) == 0 {
		return []float64{}, nil
	}
	batch := min(len(X), predictBatch)
	n, err := buildNet(m.spec, m.params, batch, netOptions{})
	if err != nil {
		return nil, err
	}
	vm := G.NewTapeMachine(n.g)
	defer vm.Close()

	out := make([]float64, 0, len(X))
	f := m.spec.Features
	for start := 0; start < len(X); start += batch {
		k := min(batch, len(X)-start)
		for i := range batch {
			row := n.xBuf[i*f : (i+1)*f]
			if i < k {
				copy(row, X[start+i])
			} else {
				clear(row)
			}
		}
		if err := vm.RunAll(); err != nil {
			return nil, fmt.Errorf("models: running prediction graph: %w", err)
		}
		node := n.prob
		if raw {
			node = n.logit
		}
		probs, ok := node.Value().Data().([]float64)
		if !ok {
			return nil, fmt.Errorf("models: prediction graph produced %T, want []float64", node.Value().Data())
		}
		out = append(out, probs[:k]...)
		vm.Reset()
	}
	return out, nil
}

// checkX validates the feature matrix against the spec.
func (m *Model) checkX(X [][]float64) error {
	for i, row := range X {
		if len(row) != m.spec.Features {
			return fmt.Errorf("%w: row %d has %d features, the model expects %d", ErrShape, i, len(row), m.spec.Features)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: feature %d of row %d is %v; impute or drop the record first", ErrNonFinite, j, i, v)
			}
		}
	}
	return nil
}
