package models

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	G "gorgonia.org/gorgonia"
)

// Optimizers accepted in TrainConfig.Optimizer.
const (
	// OptimizerSGD is plain mini-batch gradient descent (Gorgonia VanillaSolver).
	OptimizerSGD = "sgd"
	// OptimizerAdam is Adam with β₁=0.9, β₂=0.999, ε=1e-8 (Gorgonia AdamSolver).
	OptimizerAdam = "adam"
)

// MaxEpochs is the largest accepted TrainConfig.Epochs.
const MaxEpochs = 100000

// TrainConfig holds the hyper-parameters of one local training run. It is a
// plain value, serialised as JSON into the study's model spec.
type TrainConfig struct {
	// Epochs is the number of passes over the data (≥ 1).
	Epochs int `json:"epochs"`
	// BatchSize is the mini-batch size (≥ 1); it is capped at the number of
	// records.
	BatchSize int `json:"batch_size"`
	// LearningRate is the solver step size (> 0).
	LearningRate float64 `json:"learning_rate"`
	// Optimizer is OptimizerSGD or OptimizerAdam.
	Optimizer string `json:"optimizer"`
	// Seed drives the per-epoch shuffling of the records.
	Seed int64 `json:"seed"`
	// ProximalMu, when > 0, adds the FedProx term (μ/2)·‖θ − θ₀‖² to the
	// loss, θ₀ being the parameters at the start of Train. Zero disables it.
	ProximalMu float64 `json:"proximal_mu,omitempty"`
	// Privacy, when set, trains with DP-SGD (see PrivacyConfig); BatchSize
	// is then unused, batches being drawn by Poisson sampling.
	Privacy *PrivacyConfig `json:"privacy,omitempty"`
}

// DefaultTrainConfig returns settings that train the logistic model well on
// cohorts of a few hundred records: 5 epochs of Adam, batch 32, rate 0.05.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{Epochs: 5, BatchSize: 32, LearningRate: 0.05, Optimizer: OptimizerAdam, Seed: 1}
}

// Validate reports whether c is usable, wrapping ErrInvalidTrainConfig.
func (c TrainConfig) Validate() error {
	switch {
	case c.Epochs < 1 || c.Epochs > MaxEpochs:
		return fmt.Errorf("%w: epochs is %d, want 1..%d", ErrInvalidTrainConfig, c.Epochs, MaxEpochs)
	case c.BatchSize < 1:
		return fmt.Errorf("%w: batch_size is %d, want ≥ 1", ErrInvalidTrainConfig, c.BatchSize)
	case !(c.LearningRate > 0) || math.IsInf(c.LearningRate, 0):
		return fmt.Errorf("%w: learning_rate is %v, want a finite value > 0", ErrInvalidTrainConfig, c.LearningRate)
	case c.Optimizer != OptimizerSGD && c.Optimizer != OptimizerAdam:
		return fmt.Errorf("%w: optimizer is %q, want %q or %q", ErrInvalidTrainConfig, c.Optimizer, OptimizerSGD, OptimizerAdam)
	case !(c.ProximalMu >= 0) || math.IsInf(c.ProximalMu, 0):
		return fmt.Errorf("%w: proximal_mu is %v, want a finite value ≥ 0", ErrInvalidTrainConfig, c.ProximalMu)
	}
	if c.Privacy == nil {
		return nil
	}
	if err := c.Privacy.Validate(); err != nil {
		return err
	}
	if c.Privacy.Distributed() {
		switch {
		case c.Optimizer != OptimizerSGD:
			return fmt.Errorf("%w: optimizer is %q, but the %q privacy mechanism needs %q: each hospital's update must be its noisy clipped gradient sum times the learning rate, so that the weighted sum of the updates is one DP-SGD step of the union (a server optimizer may still adapt the steps)",
				ErrInvalidTrainConfig, c.Optimizer, MechanismDistributed, OptimizerSGD)
		case c.Epochs != 1:
			return fmt.Errorf("%w: epochs is %d, but the %q privacy mechanism takes one DP-SGD step of the union per round (FedSGD): set epochs to 1 and run more rounds",
				ErrInvalidTrainConfig, c.Epochs, MechanismDistributed)
		}
	}
	return nil
}

// TrainResult summarises a training run.
type TrainResult struct {
	// Loss is the mean binary cross-entropy over the records of the last
	// completed epoch, each mini-batch's loss measured before its update
	// (the FedProx term excluded).
	Loss float64 `json:"loss"`
	// Samples is the number of records trained on.
	Samples int `json:"samples"`
	// Steps is the number of solver steps taken.
	Steps int `json:"steps"`
}

// Train fits the model to X (one row of Spec().Features values per record)
// and labels y (0 or 1; values in between are accepted as soft labels).
//
// Each epoch shuffles the records with a generator seeded by cfg.Seed and
// takes one solver step per mini-batch of cfg.BatchSize records; the last,
// partial batch is padded with zero-weight rows (see the package doc).
// The result is deterministic: equal parameters, data and cfg give
// bit-identical parameters. With cfg.Privacy set, Train runs DP-SGD instead
// (see PrivacyConfig), whose batches and noise are deliberately not
// reproducible.
//
// Train checks ctx before every step. On any error, including cancellation
// (which returns ctx.Err() wrapped) or divergence to non-finite values
// (ErrNonFinite), the model keeps the parameters it had before the call and
// the returned TrainResult reports the progress made.
func (m *Model) Train(ctx context.Context, X [][]float64, y []float64, cfg TrainConfig) (TrainResult, error) {
	if m.spec.IsSurvival() {
		return TrainResult{}, fmt.Errorf("%w: a %q model trains on survival times and events with TrainSurvival", ErrInvalidSpec, m.spec.Kind)
	}
	if cfg.Privacy != nil {
		if err := m.checkTraining(ctx, X, y, cfg); err != nil {
			return TrainResult{}, err
		}
		noise, err := newNoiseSource()
		if err != nil {
			return TrainResult{}, err
		}
		return m.trainPrivate(ctx, X, y, nil, cfg, noise)
	}
	nt, err := m.trainingNet(ctx, X, y, cfg, false)
	if err != nil {
		return TrainResult{}, err
	}
	n, batch := len(X), nt.batch
	f := m.spec.Features
	return m.fit(ctx, nt, n, cfg, func(rows []int) float64 {
		wk := 1 / float64(len(rows))
		for i := range batch {
			row := nt.xBuf[i*f : (i+1)*f]
			if i < len(rows) {
				copy(row, X[rows[i]])
				nt.yBuf[i], nt.wBuf[i] = y[rows[i]], wk
			} else {
				clear(row)
				nt.yBuf[i], nt.wBuf[i] = 0, 0
			}
		}
		return float64(len(rows))
	})
}

// trainingNet checks what Train and TrainSurvival share (the config, the
// features and labels or events, at least one record, ctx) and builds the
// training graph with the FedProx anchor at the current parameters.
func (m *Model) trainingNet(ctx context.Context, X [][]float64, y []float64, cfg TrainConfig, cox bool) (*net, error) {
	if err := m.checkTraining(ctx, X, y, cfg); err != nil {
		return nil, err
	}
	opt := netOptions{train: true, cox: cox}
	if cfg.ProximalMu > 0 {
		opt.anchor, opt.mu = m.params, cfg.ProximalMu
	}
	return buildNet(m.spec, m.params, min(cfg.BatchSize, len(X)), opt)
}

// checkTraining checks the config, the features and labels (or events), that
// there is at least one record and that ctx is live.
func (m *Model) checkTraining(ctx context.Context, X [][]float64, y []float64, cfg TrainConfig) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := m.checkXY(X, y); err != nil {
		return err
	}
	if len(X) == 0 {
		return fmt.Errorf("%w: X is empty; a site needs at least one consented record to train", ErrNoData)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("models: training not started: %w", err)
	}
	return nil
}

// fit is the training loop of Train and TrainSurvival over the n records
// of a training graph nt: each epoch shuffles the record indices with
// cfg.Seed and, per mini-batch, load fills the graph's inputs with the
// records of rows and returns the weight of the batch's loss in the epoch's
// mean (its records, or a Cox batch's events); a weight of 0 takes no step.
// The model's parameters change only if every step succeeds and stays
// finite.
func (m *Model) fit(ctx context.Context, nt *net, n int, cfg TrainConfig, load func(rows []int) float64) (TrainResult, error) {
	vm := G.NewTapeMachine(nt.g, G.BindDualValues(nt.ws...))
	defer vm.Close()
	solver := newSolver(cfg)
	learnables := G.NodesToValueGrads(nt.ws)

	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), shuffleStream))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	res := TrainResult{Samples: n}
	for epoch := range cfg.Epochs {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		epochLoss, epochWeight := 0.0, 0.0
		for start := 0; start < n; start += nt.batch {
			if err := ctx.Err(); err != nil {
				return res, fmt.Errorf("models: training stopped in epoch %d after %d steps: %w", epoch+1, res.Steps, err)
			}
			weight := load(order[start:min(start+nt.batch, n)])
			if weight == 0 {
				continue
			}
			if err := vm.RunAll(); err != nil {
				return res, fmt.Errorf("models: running training graph: %w", err)
			}
			loss, err := scalarValue(nt.dataLoss)
			if err != nil {
				return res, err
			}
			if err := solver.Step(learnables); err != nil {
				return res, fmt.Errorf("models: solver step: %w", err)
			}
			vm.Reset()
			res.Steps++
			epochLoss += loss * weight
			epochWeight += weight
		}
		if epochWeight > 0 {
			res.Loss = epochLoss / epochWeight
		}
	}
	params, err := nt.params(len(m.params))
	if err != nil {
		return res, err
	}
	for i, v := range params {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return res, fmt.Errorf("%w: training diverged (parameter %d is %v); lower the learning rate", ErrNonFinite, i, v)
		}
	}
	m.params = params
	return res, nil
}

// newSolver returns the Gorgonia solver cfg names.
func newSolver(cfg TrainConfig) G.Solver {
	if cfg.Optimizer == OptimizerAdam {
		return G.NewAdamSolver(G.WithLearnRate(cfg.LearningRate))
	}
	return G.NewVanillaSolver(G.WithLearnRate(cfg.LearningRate))
}

// checkXY validates features and labels.
func (m *Model) checkXY(X [][]float64, y []float64) error {
	if len(X) != len(y) {
		return fmt.Errorf("%w: %d feature rows but %d labels", ErrShape, len(X), len(y))
	}
	if err := m.checkX(X); err != nil {
		return err
	}
	for i, v := range y {
		if !(v >= 0 && v <= 1) {
			return fmt.Errorf("%w: label %d is %v, want a value in [0, 1]", ErrNonFinite, i, v)
		}
	}
	return nil
}

// lossAndGrad returns the loss of params over all records, as one batch,
// and its gradient in flat parameter order, computed by Gorgonia's
// symbolic differentiation: the mean binary cross-entropy against labels
// y, or for a Cox model the negative log partial likelihood of times and
// events y.
func lossAndGrad(spec Spec, params []float64, X [][]float64, y, times []float64) (float64, []float64, error) {
	n := len(X)
	cox := spec.Kind == KindCox
	nt, err := buildNet(spec, params, n, netOptions{train: true, cox: cox})
	if err != nil {
		return 0, nil, err
	}
	vm := G.NewTapeMachine(nt.g, G.BindDualValues(nt.ws...))
	defer vm.Close()
	f := spec.Features
	for i := range n {
		copy(nt.xBuf[i*f:(i+1)*f], X[i])
		if !cox {
			nt.yBuf[i], nt.wBuf[i] = y[i], 1/float64(n)
		}
	}
	if cox {
		coxRiskSets(nt.riskBuf, nt.wBuf, n, times, y, spec.Ties)
	}
	if err := vm.RunAll(); err != nil {
		return 0, nil, fmt.Errorf("models: running training graph: %w", err)
	}
	loss, err := scalarValue(nt.loss)
	if err != nil {
		return 0, nil, err
	}
	grad, err := nt.gradients(len(params))
	if err != nil {
		return 0, nil, err
	}
	return loss, grad, nil
}
