package models

import (
	"fmt"
	"sync"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// rectifyMu serialises G.Rectify: gorgonia v0.9.18 numbers its node groups
// from an unguarded package-level counter (internal/encoding.NewGroup), so
// two goroutines building MLP graphs at once (hospitals in one process)
// race on it. The only package-level state here, and it guards gorgonia's.
var rectifyMu sync.Mutex

// rectify is G.Rectify under rectifyMu.
func rectify(x *G.Node) (*G.Node, error) {
	rectifyMu.Lock()
	defer rectifyMu.Unlock()
	return G.Rectify(x)
}

// net is one Gorgonia expression graph of a model for a fixed batch size.
// Learnable nodes are listed in flat parameter order (see the package doc).
type net struct {
	g     *G.ExprGraph
	batch int
	x     *G.Node   // (batch, features) inputs
	ws    []*G.Node // learnables, flat-parameter order
	logit *G.Node   // (batch) pre-sigmoid outputs
	prob  *G.Node   // (batch) probabilities, forward graphs only

	// Training graphs only.
	y        *G.Node // (batch) labels
	sw       *G.Node // (batch) per-sample loss weights (Cox: event weights)
	dataLoss *G.Node // scalar: Σ sw·BCE, or the Cox negative log partial likelihood
	loss     *G.Node // scalar: dataLoss (+ proximal term); what is differentiated
	xBuf     []float64
	yBuf     []float64
	wBuf     []float64
	// riskBuf backs the (batch, batch) risk-set matrix of a Cox graph
	// (see coxRiskSets).
	riskBuf []float64
}

// netOptions select what buildNet adds on top of the forward pass.
type netOptions struct {
	train bool
	// anchor, when non-nil with mu > 0, adds (mu/2)·‖θ − anchor‖² to the loss
	// (FedProx).
	anchor []float64
	mu     float64
	// cox builds the Cox partial-likelihood loss instead of cross-entropy.
	cox bool
}

// buildMu serialises graph building: gorgonia adds package-level constant
// nodes (onef64 in Grad, and the like) to every graph and caches their hash
// on first use, unlocked, so two hospitals building graphs at once in one
// process race (go test -race caught it in TestRobustSurvival). Building
// takes milliseconds; training runs unlocked.
var buildMu sync.Mutex

// buildNet builds the graph of spec with parameters params (flat order) for
// the given batch size. params is copied.
func buildNet(spec Spec, params []float64, batch int, opt netOptions) (*net, error) {
	buildMu.Lock()
	defer buildMu.Unlock()
	g := G.NewGraph()
	n := &net{g: g, batch: batch}
	n.xBuf = make([]float64, batch*spec.Features)
	n.x = G.NewMatrix(g, tensor.Float64, G.WithShape(batch, spec.Features), G.WithName("x"),
		G.WithValue(tensor.New(tensor.WithShape(batch, spec.Features), tensor.WithBacking(n.xBuf))))

	layers := spec.layers()
	h := n.x
	off := 0
	for li, l := range layers {
		last := li == len(layers)-1
		wVals := append([]float64(nil), params[off:off+l.in*l.out]...)
		off += l.in * l.out
		var w, b *G.Node
		if last {
			// One output unit: a weight vector and a scalar bias, so that
			// x·w is a plain matrix-vector product of shape (batch).
			w = G.NewVector(g, tensor.Float64, G.WithShape(l.in), G.WithName(fmt.Sprintf("w%d", li)),
				G.WithValue(tensor.New(tensor.WithShape(l.in), tensor.WithBacking(wVals))))
			// A scalar initialised with WithInit(Zeroes()) breaks the Adam
			// solver; WithValue does not.
			b = G.NewScalar(g, tensor.Float64, G.WithName(fmt.Sprintf("b%d", li)), G.WithValue(params[off]))
			off++
		} else {
			w = G.NewMatrix(g, tensor.Float64, G.WithShape(l.in, l.out), G.WithName(fmt.Sprintf("w%d", li)),
				G.WithValue(tensor.New(tensor.WithShape(l.in, l.out), tensor.WithBacking(wVals))))
			bVals := append([]float64(nil), params[off:off+l.out]...)
			off += l.out
			b = G.NewVector(g, tensor.Float64, G.WithShape(l.out), G.WithName(fmt.Sprintf("b%d", li)),
				G.WithValue(tensor.New(tensor.WithShape(l.out), tensor.WithBacking(bVals))))
		}
		n.ws = append(n.ws, w, b)

		xw, err := G.Mul(h, w)
		if err != nil {
			return nil, fmt.Errorf("models: building layer %d product: %w", li, err)
		}
		if last {
			if n.logit, err = G.Add(xw, b); err != nil {
				return nil, fmt.Errorf("models: building output bias: %w", err)
			}
			break
		}
		pre, err := G.BroadcastAdd(xw, b, nil, []byte{0})
		if err != nil {
			return nil, fmt.Errorf("models: building layer %d bias: %w", li, err)
		}
		if h, err = rectify(pre); err != nil {
			return nil, fmt.Errorf("models: building layer %d activation: %w", li, err)
		}
	}

	if !opt.train {
		var err error
		if n.prob, err = G.Sigmoid(n.logit); err != nil {
			return nil, fmt.Errorf("models: building output sigmoid: %w", err)
		}
		return n, nil
	}

	n.wBuf = make([]float64, batch)
	n.sw = G.NewVector(g, tensor.Float64, G.WithShape(batch), G.WithName("sample_weight"),
		G.WithValue(tensor.New(tensor.WithShape(batch), tensor.WithBacking(n.wBuf))))
	var err error
	if opt.cox {
		if n.dataLoss, err = n.coxLoss(); err != nil {
			return nil, err
		}
	} else if n.dataLoss, err = n.crossEntropy(); err != nil {
		return nil, err
	}
	n.loss = n.dataLoss

	if opt.mu > 0 && opt.anchor != nil {
		if n.loss, err = addProximal(g, n.loss, n.ws, opt.anchor, opt.mu); err != nil {
			return nil, err
		}
	}

	if _, err = G.Grad(n.loss, n.ws...); err != nil {
		return nil, fmt.Errorf("models: building gradients: %w", err)
	}
	return n, nil
}

// crossEntropy returns Σ sw·BCE(y, σ(logit)), adding the label input.
func (n *net) crossEntropy() (*G.Node, error) {
	g, batch := n.g, n.batch
	n.yBuf = make([]float64, batch)
	n.y = G.NewVector(g, tensor.Float64, G.WithShape(batch), G.WithName("y"),
		G.WithValue(tensor.New(tensor.WithShape(batch), tensor.WithBacking(n.yBuf))))

	// Binary cross-entropy from the logit: softplus(z) − y·z, which is
	// −[y·log σ(z) + (1−y)·log(1−σ(z))] without overflow.
	sp, err := G.Softplus(n.logit)
	if err != nil {
		return nil, fmt.Errorf("models: building loss: %w", err)
	}
	yz, err := G.HadamardProd(n.y, n.logit)
	if err != nil {
		return nil, fmt.Errorf("models: building loss: %w", err)
	}
	per, err := G.Sub(sp, yz)
	if err != nil {
		return nil, fmt.Errorf("models: building loss: %w", err)
	}
	weighted, err := G.HadamardProd(n.sw, per)
	if err != nil {
		return nil, fmt.Errorf("models: building loss: %w", err)
	}
	loss, err := G.Sum(weighted)
	if err != nil {
		return nil, fmt.Errorf("models: building loss: %w", err)
	}
	return loss, nil
}

// addProximal returns loss + (mu/2)·Σ‖w − anchor‖² over all learnables.
func addProximal(g *G.ExprGraph, loss *G.Node, ws []*G.Node, anchor []float64, mu float64) (*G.Node, error) {
	off := 0
	var total *G.Node
	for i, w := range ws {
		size := w.Shape().TotalSize()
		var a *G.Node
		if w.IsScalar() {
			a = G.NewScalar(g, tensor.Float64, G.WithName(fmt.Sprintf("anchor%d", i)), G.WithValue(anchor[off]))
			size = 1
		} else {
			vals := append([]float64(nil), anchor[off:off+size]...)
			a = G.NewTensor(g, tensor.Float64, w.Dims(), G.WithShape(w.Shape()...), G.WithName(fmt.Sprintf("anchor%d", i)),
				G.WithValue(tensor.New(tensor.WithShape(w.Shape()...), tensor.WithBacking(vals))))
		}
		off += size
		d, err := G.Sub(w, a)
		if err != nil {
			return nil, fmt.Errorf("models: building proximal term: %w", err)
		}
		sq, err := G.Square(d)
		if err != nil {
			return nil, fmt.Errorf("models: building proximal term: %w", err)
		}
		s := sq
		if !w.IsScalar() {
			if s, err = G.Sum(sq); err != nil {
				return nil, fmt.Errorf("models: building proximal term: %w", err)
			}
		}
		if total == nil {
			total = s
		} else if total, err = G.Add(total, s); err != nil {
			return nil, fmt.Errorf("models: building proximal term: %w", err)
		}
	}
	scaled, err := G.Mul(total, G.NewConstant(mu/2))
	if err != nil {
		return nil, fmt.Errorf("models: building proximal term: %w", err)
	}
	out, err := G.Add(loss, scaled)
	if err != nil {
		return nil, fmt.Errorf("models: building proximal term: %w", err)
	}
	return out, nil
}

// params reads the current learnable values in flat order into a new slice.
func (n *net) params(size int) ([]float64, error) {
	out := make([]float64, 0, size)
	for _, w := range n.ws {
		switch v := w.Value().Data().(type) {
		case []float64:
			out = append(out, v...)
		case float64:
			out = append(out, v)
		default:
			return nil, fmt.Errorf("models: node %s holds %T, want float64 data", w.Name(), v)
		}
	}
	if len(out) != size {
		return nil, fmt.Errorf("models: graph holds %d parameters, model has %d", len(out), size)
	}
	return out, nil
}

// gradients reads the gradients of the loss in flat order after a run of a
// machine that binds dual values to the learnables.
func (n *net) gradients(size int) ([]float64, error) {
	out := make([]float64, 0, size)
	for _, w := range n.ws {
		v, err := w.Grad()
		if err != nil {
			return nil, fmt.Errorf("models: reading gradient of %s: %w", w.Name(), err)
		}
		switch d := v.Data().(type) {
		case []float64:
			out = append(out, d...)
		case float64:
			out = append(out, d)
		default:
			return nil, fmt.Errorf("models: gradient of %s holds %T, want float64 data", w.Name(), d)
		}
	}
	if len(out) != size {
		return nil, fmt.Errorf("models: graph holds %d gradients, model has %d parameters", len(out), size)
	}
	return out, nil
}

// scalarValue reads a scalar node's value.
func scalarValue(n *G.Node) (float64, error) {
	v := n.Value()
	if v == nil {
		return 0, fmt.Errorf("models: node %s has no value; run the graph first", n.Name())
	}
	f, ok := v.Data().(float64)
	if !ok {
		return 0, fmt.Errorf("models: node %s holds %T, want float64", n.Name(), v.Data())
	}
	return f, nil
}
