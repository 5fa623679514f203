package export

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"google.golang.org/protobuf/encoding/protowire"
)

// ONNX field numbers (onnx.proto3, IR version 7) of the messages written.
const (
	onnxIRVersion = 7
	onnxOpset     = 13 // IsNaN and Where take doubles from opset 13

	modelIRVersion   = 1
	modelProducer    = 2
	modelGraph       = 7
	modelOpsetImport = 8
	modelMetadata    = 14

	opsetVersion = 2

	graphNode        = 1
	graphName        = 2
	graphInitializer = 5
	graphInput       = 11
	graphOutput      = 12

	nodeInput  = 1
	nodeOutput = 2
	nodeName   = 3
	nodeOpType = 4

	tensorDims     = 1
	tensorDataType = 2
	tensorName     = 8
	tensorRawData  = 9
	tensorDouble   = 11 // TensorProto.DataType DOUBLE
	tensorBool     = 9  // TensorProto.DataType BOOL

	valueName      = 1
	valueType      = 2
	typeTensor     = 1
	tensorElemType = 1
	tensorShape    = 2
	shapeDim       = 1
	dimValue       = 1
	dimParam       = 2

	entryKey   = 1
	entryValue = 2
)

// ONNX input and output names of the exported graph.
const (
	ONNXInput  = "features"
	ONNXOutput = "score"
)

// ONNX returns the model as an ONNX graph (IR 7, opset 13, doubles
// throughout), computing what Score computes: input "features" is a
// [records, features] tensor of raw encoded records (NaN for a missing
// value), output "score" a [records, 1] tensor of the model's outputs.
// The graph standardises (Sub, Div), replaces a missing value by 0 (IsNaN,
// Where), whitens the one-hot groups of a preconditioned study (MatMul),
// then per layer MatMul, Add and Relu or Sigmoid (none for a Cox
// model's log-risk). Its metadata carries the file's chain, contract,
// study, round, model_hash and spec_hash, so that the ONNX file names the
// on-chain record its weights come from (model_hash is checked when the
// JSON export it is made from is read; the ONNX file itself is checked by
// scoring, see the package tests).
func (f *File) ONNX() ([]byte, error) {
	if len(f.Layers) == 0 {
		return nil, fmt.Errorf("%w: no layers", ErrInvalid)
	}
	if len(f.Intervals) > 0 {
		return nil, fmt.Errorf("%w: a logistic-hazard model has no ONNX form yet (its risk sums the network over its intervals); use the JSON export, which documents how to score it", ErrInvalid)
	}
	d := f.Layers[0].Inputs
	var g []byte
	g = protowire.AppendTag(g, graphName, protowire.BytesType)
	g = protowire.AppendString(g, "cohort_model")
	node := func(op, name string, out string, in ...string) {
		var n []byte
		for _, i := range in {
			n = appendString(n, nodeInput, i)
		}
		n = appendString(n, nodeOutput, out)
		n = appendString(n, nodeName, name)
		n = appendString(n, nodeOpType, op)
		g = appendMessage(g, graphNode, n)
	}
	init := func(name string, dims []int64, values []float64) {
		g = appendMessage(g, graphInitializer, doubleTensor(name, dims, values))
	}
	init("zero", nil, []float64{0})
	h := ONNXInput
	node("IsNaN", "missing", "missing", h)
	if s := f.Standardiser; s != nil {
		if len(s.Mean) != d || len(s.Scale) != d {
			return nil, fmt.Errorf("%w: a standardiser of %d means and %d scales for %d features", ErrInvalid, len(s.Mean), len(s.Scale), d)
		}
		init("mean", []int64{int64(d)}, s.Mean)
		init("scale", []int64{int64(d)}, s.Scale)
		node("Sub", "centre", "centred", h, "mean")
		node("Div", "standardise", "standardised", "centred", "scale")
		h = "standardised"
	}
	node("Where", "fill_missing", "h0", "missing", "zero", h)
	h = "h0"
	if len(f.Whitening) > 0 {
		// x ← M·x for the block-diagonal M of the whitening blocks (the
		// identity elsewhere): h·Mᵀ on the rows.
		mt := make([]float64, d*d)
		for j := range d {
			mt[j*d+j] = 1
		}
		for _, b := range f.Whitening {
			for i, row := range b.InverseFactor {
				for k, v := range row {
					mt[b.Columns[k]*d+b.Columns[i]] = v
				}
			}
		}
		init("whiten", []int64{int64(d), int64(d)}, mt)
		node("MatMul", "whiten", "h0w", h, "whiten")
		h = "h0w"
	}
	for k, l := range f.Layers {
		if len(l.Weights) != l.Inputs || len(l.Bias) != l.Outputs {
			return nil, fmt.Errorf("%w: layer %d", ErrInvalid, k)
		}
		w := make([]float64, 0, l.Inputs*l.Outputs)
		for _, row := range l.Weights {
			if len(row) != l.Outputs {
				return nil, fmt.Errorf("%w: layer %d", ErrInvalid, k)
			}
			w = append(w, row...) // [input][output], row-major: the MatMul's right operand
		}
		ks := strconv.Itoa(k)
		init("w"+ks, []int64{int64(l.Inputs), int64(l.Outputs)}, w)
		init("b"+ks, []int64{int64(l.Outputs)}, l.Bias)
		node("MatMul", "matmul"+ks, "mm"+ks, h, "w"+ks)
		node("Add", "bias"+ks, "z"+ks, "mm"+ks, "b"+ks)
		h = "z" + ks
		out := "a" + ks
		if k == len(f.Layers)-1 {
			out = ONNXOutput
		}
		switch l.Activation {
		case "relu":
			node("Relu", "relu"+ks, out, h)
		case "sigmoid":
			node("Sigmoid", "sigmoid"+ks, out, h)
		case "identity", "":
			node("Identity", "identity"+ks, out, h)
		default:
			return nil, fmt.Errorf("%w: layer %d's activation %q", ErrInvalid, k, l.Activation)
		}
		h = out
	}
	g = appendMessage(g, graphInput, valueInfo(ONNXInput, int64(d)))
	g = appendMessage(g, graphOutput, valueInfo(ONNXOutput, 1))

	var m []byte
	m = protowire.AppendTag(m, modelIRVersion, protowire.VarintType)
	m = protowire.AppendVarint(m, onnxIRVersion)
	m = appendString(m, modelProducer, "cohort")
	m = appendMessage(m, modelGraph, g)
	var opset []byte
	opset = protowire.AppendTag(opset, opsetVersion, protowire.VarintType)
	opset = protowire.AppendVarint(opset, onnxOpset)
	m = appendMessage(m, modelOpsetImport, opset)
	for _, kv := range [][2]string{
		{"format", f.Format}, {"chain_id", strconv.FormatUint(f.ChainID, 10)}, {"contract", f.Contract.Hex()},
		{"study_id", strconv.FormatUint(f.StudyID, 10)}, {"round", strconv.FormatUint(uint64(f.Round), 10)},
		{"model_hash", f.ModelHash.Hex()}, {"spec_hash", f.SpecHash.Hex()}, {"output", f.Output},
	} {
		var e []byte
		e = appendString(e, entryKey, kv[0])
		e = appendString(e, entryValue, kv[1])
		m = appendMessage(m, modelMetadata, e)
	}
	return m, nil
}

func appendString(b []byte, field protowire.Number, s string) []byte {
	b = protowire.AppendTag(b, field, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func appendMessage(b []byte, field protowire.Number, msg []byte) []byte {
	b = protowire.AppendTag(b, field, protowire.BytesType)
	return protowire.AppendBytes(b, msg)
}

// doubleTensor is a TensorProto of doubles (raw_data, little-endian).
func doubleTensor(name string, dims []int64, values []float64) []byte {
	var t []byte
	for _, d := range dims {
		t = protowire.AppendTag(t, tensorDims, protowire.VarintType)
		t = protowire.AppendVarint(t, uint64(d))
	}
	t = protowire.AppendTag(t, tensorDataType, protowire.VarintType)
	t = protowire.AppendVarint(t, tensorDouble)
	t = appendString(t, tensorName, name)
	raw := make([]byte, 8*len(values))
	for i, v := range values {
		binary.LittleEndian.PutUint64(raw[8*i:], math.Float64bits(v))
	}
	t = protowire.AppendTag(t, tensorRawData, protowire.BytesType)
	return protowire.AppendBytes(t, raw)
}

// valueInfo is a ValueInfoProto of a [records, width] double tensor.
func valueInfo(name string, width int64) []byte {
	var shape []byte
	var rows, cols []byte
	rows = appendString(rows, dimParam, "records")
	cols = protowire.AppendTag(cols, dimValue, protowire.VarintType)
	cols = protowire.AppendVarint(cols, uint64(width))
	shape = appendMessage(shape, shapeDim, rows)
	shape = appendMessage(shape, shapeDim, cols)
	var tensor []byte
	tensor = protowire.AppendTag(tensor, tensorElemType, protowire.VarintType)
	tensor = protowire.AppendVarint(tensor, tensorDouble)
	tensor = appendMessage(tensor, tensorShape, shape)
	var typ []byte
	typ = appendMessage(typ, typeTensor, tensor)
	var v []byte
	v = appendString(v, valueName, name)
	return appendMessage(v, valueType, typ)
}
