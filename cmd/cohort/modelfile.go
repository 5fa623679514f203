package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// modelFileFormat names the version of the JSON `cohort model export` writes.
const modelFileFormat = "cohort-model/v1"

// modelFile is the documented, self-contained JSON form of a study's model
// that `cohort model export` writes and `cohort model predict` reads. Any
// tool can score a record from it alone:
//
//  1. encode the record's columns as the schema says (numeric columns in
//     order, then one 0/1 column per category), giving x;
//  2. with a standardiser, replace x[j] by (x[j] − mean[j]) / scale[j], and a
//     missing value by 0;
//  3. for each layer in order, h ← activation(h·weights + bias), where
//     weights[i][o] connects input i to output o; hidden layers use ReLU
//     and the last one (a single output) the logistic sigmoid, or none
//     ("identity") for a Cox model;
//  4. the output is the probability that the label is label_values[1], or
//     a Cox model's log relative hazard.
//
// model_hash is keccak256 of the parameters in Cohort's canonical encoding
// (models.EncodeParams of every layer's weights, input-major, then its
// biases): the round's model hash on chain, which anyone can recompute from
// this file. spec is the study's recipe (model under "model"), canonical
// JSON whose keccak256 is the study's on-chain spec hash.
type modelFile struct {
	Format    string         `json:"format"`
	ChainID   uint64         `json:"chain_id,omitempty"`
	Contract  common.Address `json:"contract"`
	StudyID   uint64         `json:"study_id"`
	Round     uint32         `json:"round"`
	ModelHash common.Hash    `json:"model_hash"`
	// Spec is the study's recipe (or, for studies made before recipes, its
	// model spec), canonical JSON; SpecHash is its keccak256.
	Spec     json.RawMessage `json:"spec"`
	SpecHash common.Hash     `json:"spec_hash"`
	// Schema, if known, says how to encode a CSV record; Features names
	// the encoded inputs in order.
	Schema   *records.Schema `json:"schema,omitempty"`
	Features []string        `json:"features,omitempty"`
	// Standardiser is applied to the encoded features first; nil when the
	// study used features as they are. StandardiserHash is keccak256 of its
	// canonical encoding (records.Standardiser.Encode): the hash every
	// hospital signed when it confirmed the pooled standardiser.
	Standardiser     *records.Standardiser `json:"standardiser,omitempty"`
	StandardiserHash common.Hash           `json:"standardiser_hash,omitzero"`
	Layers           []denseLayer          `json:"layers"`
	Output           string                `json:"output"`
}

// denseLayer is one fully connected layer of an exported model.
type denseLayer struct {
	Inputs     int         `json:"inputs"`
	Outputs    int         `json:"outputs"`
	Weights    [][]float64 `json:"weights"` // [input][output]
	Bias       []float64   `json:"bias"`
	Activation string      `json:"activation"` // "relu" or "sigmoid"
}

// errModelFile reports an exported model that is inconsistent with itself.
var errModelFile = errors.New("invalid exported model")

// newModelFile lays out params of spec as layers. The caller fills in where
// the model comes from.
func newModelFile(spec models.Spec, canonSpec []byte, params []float64) (*modelFile, error) {
	m, err := models.New(spec, 0)
	if err != nil {
		return nil, err
	}
	if err := m.SetParams(params); err != nil {
		return nil, err
	}
	f := &modelFile{
		Format: modelFileFormat, Spec: canonSpec, SpecHash: crypto.Keccak256Hash(canonSpec),
		ModelHash: crypto.Keccak256Hash(models.EncodeParams(params)),
		Output:    "probability that the label is the schema's label_values[1] (the positive class)",
	}
	if spec.Kind == models.KindCox {
		f.Output = "log relative hazard (the Cox linear predictor): higher is higher risk"
	}
	in, off := spec.Features, 0
	widths := append(append([]int(nil), spec.Hidden...), 1)
	for li, out := range widths {
		l := denseLayer{Inputs: in, Outputs: out, Weights: make([][]float64, in), Activation: "relu"}
		if li == len(widths)-1 {
			l.Activation = outputActivation(spec)
		}
		for i := range in {
			l.Weights[i] = append([]float64(nil), params[off+i*out:off+(i+1)*out]...)
		}
		off += in * out
		l.Bias = append([]float64(nil), params[off:off+out]...)
		off += out
		f.Layers = append(f.Layers, l)
		in = out
	}
	return f, nil
}

// params flattens the layers back into Cohort's parameter order.
func (f *modelFile) params() []float64 {
	var p []float64
	for _, l := range f.Layers {
		for _, row := range l.Weights {
			p = append(p, row...)
		}
		p = append(p, l.Bias...)
	}
	return p
}

// check verifies that the file is consistent: the layers fit the spec, the
// parameters hash to model_hash, the spec to spec_hash and the
// standardiser to standardiser_hash.
func (f *modelFile) check() (models.Spec, error) {
	if f.Format != modelFileFormat {
		return models.Spec{}, fmt.Errorf("%w: format %q, want %q", errModelFile, f.Format, modelFileFormat)
	}
	spec, canon, err := studySpec(f.Spec)
	if err != nil {
		return models.Spec{}, fmt.Errorf("%w: spec: %w", errModelFile, err)
	}
	if h := crypto.Keccak256Hash(canon); h != f.SpecHash {
		return models.Spec{}, fmt.Errorf("%w: the spec hashes to %s, the file says %s", errModelFile, h.Hex(), f.SpecHash.Hex())
	}
	in := spec.Features
	widths := append(append([]int(nil), spec.Hidden...), 1)
	if len(f.Layers) != len(widths) {
		return models.Spec{}, fmt.Errorf("%w: %d layers, the spec has %d", errModelFile, len(f.Layers), len(widths))
	}
	for li, l := range f.Layers {
		want := "relu"
		if li == len(widths)-1 {
			want = outputActivation(spec)
		}
		if l.Inputs != in || l.Outputs != widths[li] || len(l.Weights) != in || len(l.Bias) != widths[li] || l.Activation != want {
			return models.Spec{}, fmt.Errorf("%w: layer %d is not %d×%d with %s as the spec says", errModelFile, li, in, widths[li], want)
		}
		for _, row := range l.Weights {
			if len(row) != widths[li] {
				return models.Spec{}, fmt.Errorf("%w: layer %d has a weight row of %d values, want %d", errModelFile, li, len(row), widths[li])
			}
		}
		in = widths[li]
	}
	if got := crypto.Keccak256Hash(models.EncodeParams(f.params())); got != f.ModelHash {
		return models.Spec{}, fmt.Errorf("%w: the weights hash to %s, not to model_hash %s: the file was altered", errModelFile, got.Hex(), f.ModelHash.Hex())
	}
	if f.Standardiser != nil {
		enc, err := f.Standardiser.Encode()
		if err != nil {
			return models.Spec{}, fmt.Errorf("%w: %w", errModelFile, err)
		}
		if len(f.Standardiser.Mean) != spec.Features {
			return models.Spec{}, fmt.Errorf("%w: the standardiser has %d features, the model %d", errModelFile, len(f.Standardiser.Mean), spec.Features)
		}
		if got := crypto.Keccak256Hash(enc); got != f.StandardiserHash {
			return models.Spec{}, fmt.Errorf("%w: the standardiser hashes to %s, not to standardiser_hash %s", errModelFile, got.Hex(), f.StandardiserHash.Hex())
		}
	}
	if f.Schema != nil && f.Schema.Features() != spec.Features {
		return models.Spec{}, fmt.Errorf("%w: the schema encodes %d features, the model takes %d", errModelFile, f.Schema.Features(), spec.Features)
	}
	return spec, nil
}

// score computes the model's output for one raw encoded record in plain
// Go, from the file alone, as its documentation says.
func (f *modelFile) score(raw []float64) float64 {
	h := make([]float64, len(raw))
	for j, v := range raw {
		switch {
		case math.IsNaN(v):
			h[j] = 0
		case f.Standardiser != nil:
			h[j] = (v - f.Standardiser.Mean[j]) / f.Standardiser.Scale[j]
		default:
			h[j] = v
		}
	}
	for _, l := range f.Layers {
		next := append([]float64(nil), l.Bias...)
		for i, x := range h {
			for o, w := range l.Weights[i] {
				next[o] += x * w
			}
		}
		for o, z := range next {
			switch l.Activation {
			case "relu":
				next[o] = max(z, 0)
			case "sigmoid":
				next[o] = 1 / (1 + math.Exp(-z))
			}
		}
		h = next
	}
	return h[0]
}

// readModelFile reads and checks an exported model.
func readModelFile(path string) (*modelFile, models.Spec, error) {
	b, err := readLimited(path, 1<<30)
	if err != nil {
		return nil, models.Spec{}, err
	}
	var f modelFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, models.Spec{}, fmt.Errorf("%s: %w: %v", path, errModelFile, err)
	}
	spec, err := f.check()
	if err != nil {
		return nil, models.Spec{}, fmt.Errorf("%s: %w", path, err)
	}
	return &f, spec, nil
}

// readStandardiser reads a standardiser: its canonical JSON ({"mean",
// "scale"}) or the standardiser.json a hospital node keeps in its data
// directory. It returns the standardiser and the hash of its encoding.
func readStandardiser(path string) (records.Standardiser, common.Hash, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return records.Standardiser{}, common.Hash{}, fmt.Errorf("read standardiser: %w", err)
	}
	var kept struct {
		Standardiser []byte `json:"standardiser"`
	}
	if json.Unmarshal(b, &kept) == nil && kept.Standardiser != nil {
		b = kept.Standardiser // a hospital's kept file wraps the encoding
	}
	std, err := records.DecodeStandardiser(b)
	if err != nil {
		return records.Standardiser{}, common.Hash{}, fmt.Errorf("%s: %w", path, err)
	}
	enc, err := std.Encode()
	if err != nil {
		return records.Standardiser{}, common.Hash{}, err
	}
	return std, crypto.Keccak256Hash(enc), nil
}

// outputActivation is the last layer's activation: the logistic sigmoid
// for a classifier, none ("identity") for a Cox model's log-risk.
func outputActivation(spec models.Spec) string {
	if spec.Kind == models.KindCox {
		return "identity"
	}
	return "sigmoid"
}

// readLimited reads a file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return b, nil
}
