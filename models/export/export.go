package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// Format names the version of the JSON `cohort model export` writes.
const Format = "cohort-model/v1"

// File is the documented, self-contained JSON form of a study's model
// that `cohort model export` writes and `cohort model predict` reads. Any
// tool can score a record from it alone:
//
//  1. encode the record's columns as the schema says (numeric columns in
//     order, then one 0/1 column per category), giving x;
//  2. with a standardiser, replace x[j] by (x[j] − mean[j]) / scale[j], and a
//     missing value by 0; then, for each whitening block (a study whose
//     recipe preconditions one-hot groups), replace the values z of its
//     columns by inverse_factor·z (z[i] ← Σ_k inverse_factor[i][k]·z[k], all
//     from the values before the block);
//  3. for each layer in order, h ← activation(h·weights + bias), where
//     weights[i][o] connects input i to output o; hidden layers use ReLU
//     and the last one (a single output) the logistic sigmoid, or none
//     ("identity") for a Cox or logistic-hazard model;
//  4. the output is the probability that the label is label_values[1], or
//     a Cox model's log relative hazard.
//
// A logistic-hazard model (intervals set: the ends of its follow-up
// intervals) runs step 3 once per interval k = 0 … len(intervals)−1 on x
// followed by len(intervals)−1 indicators, all 0 for k = 0 and only the
// k-th set to 1 otherwise, giving logits z_k; its output is the log of the
// cumulative hazard, log Σ_k log(1 + e^{z_k}): higher is an earlier
// expected event, as a Cox model's log-risk.
//
// model_hash is keccak256 of the parameters in Cohort's canonical encoding
// (models.EncodeParams of every layer's weights, input-major, then its
// biases): the round's model hash on chain, which anyone can recompute from
// this file. spec is the study's recipe (model under "model"), canonical
// JSON whose keccak256 is the study's on-chain spec hash.
type File struct {
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
	// Whitening spells out the standardiser's whitening of its one-hot
	// groups (records.Standardiser.Whitening), so that a tool need not
	// take Cholesky factors to score a record; checked against the
	// standardiser's groups and means when the file is read.
	Whitening []records.WhiteningBlock `json:"whitening,omitempty"`
	Layers    []Layer                  `json:"layers"`
	// Intervals are a logistic-hazard model's interval ends (see above);
	// empty for other models.
	Intervals []float64 `json:"intervals,omitempty"`
	Output    string    `json:"output"`
}

// Layer is one fully connected layer of an exported model.
type Layer struct {
	Inputs     int         `json:"inputs"`
	Outputs    int         `json:"outputs"`
	Weights    [][]float64 `json:"weights"` // [input][output]
	Bias       []float64   `json:"bias"`
	Activation string      `json:"activation"` // "relu" or "sigmoid"
}

// ErrInvalid reports an exported model that is inconsistent with itself.
var ErrInvalid = errors.New("invalid exported model")

// ErrSpecBesideExported and ErrNeedSpec report a spec or standardiser given
// with an exported model (which carries both), and a raw model given
// without its spec.
var (
	ErrSpecBesideExported = errors.New("--spec and --standardiser go with a model from `cohort model get`; an exported model carries both")
	ErrNeedSpec           = errors.New("--spec is required with a model from `cohort model get` (or export it first with `cohort model export`)")
)

// ErrSiteStandardised refuses the model of a study that standardises per
// hospital: no file can say how to score a record as it trained.
var ErrSiteStandardised = errors.New(`the study standardises per hospital (its recipe's "standardise": "site"): each hospital trained on its features standardised by its own means and spreads, which no hospital keeps and the chain does not record, so no model file can score a record as the study did, nor be checked against the chain (exported without them, the WDBC study's model scored its hospitals' test records at accuracy 0.37 where the chain recorded 0.98); export the model of a study that standardises "pooled" (the default) or "none"`)

// standardisation returns the standardisation a study's recipe (canonical
// JSON) names; empty for a study made before recipes.
func standardisation(canonSpec []byte) records.Standardisation {
	var r struct {
		Standardise records.Standardisation `json:"standardise"`
	}
	_ = json.Unmarshal(canonSpec, &r) // a spec has no such field
	return r.Standardise
}

// MaxModelBytes bounds a model file read by export and predict.
const MaxModelBytes = 1 << 30

// ReadParams reads a model as `cohort model get` wrote it: its canonical
// encoding and the parameters it decodes to.
func ReadParams(path string) ([]byte, []float64, error) {
	blob, err := models.ReadFileLimited(path, MaxModelBytes)
	if err != nil {
		return nil, nil, err
	}
	params, err := models.DecodeParams(blob)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return blob, params, nil
}

// New lays out params of spec as layers. The caller fills in where
// the model comes from.
func New(spec models.Spec, canonSpec []byte, params []float64) (*File, error) {
	if standardisation(canonSpec) == records.StandardiseSite {
		return nil, ErrSiteStandardised
	}
	m, err := models.New(spec, 0)
	if err != nil {
		return nil, err
	}
	if err := m.SetParams(params); err != nil {
		return nil, err
	}
	f := &File{
		Format: Format, Spec: canonSpec, SpecHash: crypto.Keccak256Hash(canonSpec),
		ModelHash: crypto.Keccak256Hash(models.EncodeParams(params)),
		Output:    "probability that the label is the schema's label_values[1] (the positive class)",
	}
	switch spec.Kind {
	case models.KindCox:
		f.Output = "log relative hazard (the Cox linear predictor): higher is higher risk"
	case models.KindLogisticHazard:
		f.Output = "log cumulative hazard over the intervals, log Σ_k log(1 + e^{z_k}): higher is higher risk"
		f.Intervals = append([]float64(nil), spec.Intervals...)
	}
	in, off := networkInputs(spec), 0
	widths := append(append([]int(nil), spec.Hidden...), 1)
	for li, out := range widths {
		l := Layer{Inputs: in, Outputs: out, Weights: make([][]float64, in), Activation: "relu"}
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

// Params flattens the layers back into Cohort's parameter order.
func (f *File) Params() []float64 {
	var p []float64
	for _, l := range f.Layers {
		for _, row := range l.Weights {
			p = append(p, row...)
		}
		p = append(p, l.Bias...)
	}
	return p
}

// Check verifies that the file is consistent: the layers fit the spec, the
// parameters hash to model_hash, the spec to spec_hash and the
// standardiser to standardiser_hash.
func (f *File) Check() (models.Spec, error) {
	if f.Format != Format {
		return models.Spec{}, fmt.Errorf("%w: format %q, want %q", ErrInvalid, f.Format, Format)
	}
	spec, canon, err := StudySpec(f.Spec)
	if err != nil {
		return models.Spec{}, fmt.Errorf("%w: spec: %w", ErrInvalid, err)
	}
	if h := crypto.Keccak256Hash(canon); h != f.SpecHash {
		return models.Spec{}, fmt.Errorf("%w: the spec hashes to %s, the file says %s", ErrInvalid, h.Hex(), f.SpecHash.Hex())
	}
	switch mode := standardisation(canon); {
	case mode == records.StandardiseSite: // exported before 2026-12-07
		return models.Spec{}, ErrSiteStandardised
	case mode == records.StandardiseNone && f.Standardiser != nil:
		return models.Spec{}, errors.New(`the study's recipe standardises nothing ("standardise": "none"), so its model takes the features as they are, and a standardiser would score every record wrong; drop --standardiser`)
	}
	if !slices.Equal(f.Intervals, spec.Intervals) {
		return models.Spec{}, fmt.Errorf("%w: intervals %v, the spec's are %v", ErrInvalid, f.Intervals, spec.Intervals)
	}
	in := networkInputs(spec)
	widths := append(append([]int(nil), spec.Hidden...), 1)
	if len(f.Layers) != len(widths) {
		return models.Spec{}, fmt.Errorf("%w: %d layers, the spec has %d", ErrInvalid, len(f.Layers), len(widths))
	}
	for li, l := range f.Layers {
		want := "relu"
		if li == len(widths)-1 {
			want = outputActivation(spec)
		}
		if l.Inputs != in || l.Outputs != widths[li] || len(l.Weights) != in || len(l.Bias) != widths[li] || l.Activation != want {
			return models.Spec{}, fmt.Errorf("%w: layer %d is not %d×%d with %s as the spec says", ErrInvalid, li, in, widths[li], want)
		}
		for _, row := range l.Weights {
			if len(row) != widths[li] {
				return models.Spec{}, fmt.Errorf("%w: layer %d has a weight row of %d values, want %d", ErrInvalid, li, len(row), widths[li])
			}
		}
		in = widths[li]
	}
	if got := crypto.Keccak256Hash(models.EncodeParams(f.Params())); got != f.ModelHash {
		return models.Spec{}, fmt.Errorf("%w: the weights hash to %s, not to model_hash %s: the file was altered", ErrInvalid, got.Hex(), f.ModelHash.Hex())
	}
	if f.Standardiser != nil {
		enc, err := f.Standardiser.Encode()
		if err != nil {
			return models.Spec{}, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		if len(f.Standardiser.Mean) != spec.Features {
			return models.Spec{}, fmt.Errorf("%w: the standardiser has %d features, the model %d", ErrInvalid, len(f.Standardiser.Mean), spec.Features)
		}
		if got := crypto.Keccak256Hash(enc); got != f.StandardiserHash {
			return models.Spec{}, fmt.Errorf("%w: the standardiser hashes to %s, not to standardiser_hash %s", ErrInvalid, got.Hex(), f.StandardiserHash.Hex())
		}
	}
	if err := f.checkWhitening(); err != nil {
		return models.Spec{}, err
	}
	if f.Schema != nil && f.Schema.Features() != spec.Features {
		return models.Spec{}, fmt.Errorf("%w: the schema encodes %d features, the model takes %d", ErrInvalid, f.Schema.Features(), spec.Features)
	}
	return spec, nil
}

// whiteningTolerance bounds how far a file's whitening may be from the one
// its standardiser gives here: the same arithmetic on another machine may
// round otherwise in the last bits.
const whiteningTolerance = 1e-9

// checkWhitening verifies that the file's whitening blocks are its
// standardiser's (none without one).
func (f *File) checkWhitening() error {
	var want []records.WhiteningBlock
	if f.Standardiser != nil {
		var err error
		if want, err = f.Standardiser.Whitening(); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	same := len(want) == len(f.Whitening)
	for i := 0; same && i < len(want); i++ {
		got := f.Whitening[i]
		same = slices.Equal(want[i].Columns, got.Columns) && len(got.InverseFactor) == len(want[i].InverseFactor)
		for r := 0; same && r < len(got.InverseFactor); r++ {
			same = len(got.InverseFactor[r]) == len(want[i].InverseFactor[r])
			for c := 0; same && c < len(got.InverseFactor[r]); c++ {
				same = math.Abs(got.InverseFactor[r][c]-want[i].InverseFactor[r][c]) <= whiteningTolerance
			}
		}
	}
	if !same {
		return fmt.Errorf("%w: the whitening is not what the standardiser's groups and means give (%d blocks, the file has %d); export the model again", ErrInvalid, len(want), len(f.Whitening))
	}
	return nil
}

// Score computes the model's output for one raw encoded record in plain
// Go, from the file alone, as its documentation says.
func (f *File) Score(raw []float64) float64 {
	x := make([]float64, len(raw), len(raw)+max(len(f.Intervals)-1, 0))
	for j, v := range raw {
		switch {
		case math.IsNaN(v):
			x[j] = 0
		case f.Standardiser != nil:
			x[j] = (v - f.Standardiser.Mean[j]) / f.Standardiser.Scale[j]
		default:
			x[j] = v
		}
	}
	for _, b := range f.Whitening {
		b.Apply(x)
	}
	if len(f.Intervals) == 0 {
		return f.forward(x)
	}
	x = x[:len(raw)+len(f.Intervals)-1]
	cumulative := 0.0
	for k := range f.Intervals {
		clear(x[len(raw):])
		if k > 0 {
			x[len(raw)+k-1] = 1
		}
		z := f.forward(x)
		cumulative += math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) // log(1 + e^z)
	}
	return math.Log(cumulative)
}

// forward runs the layers on the network's input h.
func (f *File) forward(h []float64) float64 {
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

// Read reads and checks an exported model.
func Read(path string) (*File, models.Spec, error) {
	b, err := models.ReadFileLimited(path, MaxModelBytes)
	if err != nil {
		return nil, models.Spec{}, err
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, models.Spec{}, fmt.Errorf("%s: %w: %v", path, ErrInvalid, err)
	}
	spec, err := f.Check()
	if err != nil {
		return nil, models.Spec{}, fmt.Errorf("%s: %w", path, err)
	}
	return &f, spec, nil
}

// ReadStandardiser reads a standardiser: its canonical JSON ({"mean",
// "scale"}) or the standardiser.json a hospital node keeps in its data
// directory. It returns the standardiser and the hash of its encoding.
func ReadStandardiser(path string) (records.Standardiser, common.Hash, error) {
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
// for a classifier, none ("identity") for a Cox model's log-risk and a
// logistic-hazard model's logits.
func outputActivation(spec models.Spec) string {
	if spec.IsSurvival() {
		return "identity"
	}
	return "sigmoid"
}

// networkInputs is the width of the first layer: the features, and for a
// logistic-hazard model an indicator per interval after the first.
func networkInputs(spec models.Spec) int {
	if spec.Kind == models.KindLogisticHazard {
		return spec.Features + len(spec.Intervals) - 1
	}
	return spec.Features
}

// Attach adds the schema and the standardiser, if named, to f.
func (f *File) Attach(schemaPath, stdPath string) error {
	if schemaPath != "" {
		s, err := records.LoadSchemaFile(schemaPath)
		if err != nil {
			return err
		}
		f.Schema, f.Features = &s, s.FeatureNames()
	}
	if stdPath != "" {
		std, h, err := ReadStandardiser(stdPath)
		if err != nil {
			return err
		}
		w, err := std.Whitening()
		if err != nil {
			return err
		}
		f.Standardiser, f.StandardiserHash, f.Whitening = &std, h, w
	}
	_, err := f.Check()
	return err
}

// From names where a model comes from, for people.
func (f *File) From() string {
	if f.StudyID != 0 {
		return fmt.Sprintf("study %d round %d's model", f.StudyID, f.Round)
	}
	return "the model"
}

// LoadForPredict reads an exported model, or a raw model with its spec
// (and standardiser, if any) given beside it.
func LoadForPredict(modelPath, specPath, stdPath string) (*File, models.Spec, error) {
	head := make([]byte, 4)
	fh, err := os.Open(modelPath)
	if err != nil {
		return nil, models.Spec{}, fmt.Errorf("read model: %w", err)
	}
	_, _ = io.ReadFull(fh, head)
	fh.Close()
	if string(head) != "CPRM" { // not a raw parameter file: an exported model
		if specPath != "" || stdPath != "" {
			return nil, models.Spec{}, ErrSpecBesideExported
		}
		return Read(modelPath)
	}
	if specPath == "" {
		return nil, models.Spec{}, ErrNeedSpec
	}
	blob, params, err := ReadParams(modelPath)
	if err != nil {
		return nil, models.Spec{}, err
	}
	spec, canon, err := ReadStudySpecFile(specPath)
	if err != nil {
		return nil, models.Spec{}, err
	}
	f, err := New(spec, canon, params)
	if err != nil {
		return nil, models.Spec{}, fmt.Errorf("the model does not fit spec %s: %w", specPath, err)
	}
	if crypto.Keccak256Hash(blob) != f.ModelHash {
		return nil, models.Spec{}, fmt.Errorf("%s is not in canonical form", modelPath)
	}
	if err := f.Attach("", stdPath); err != nil {
		return nil, models.Spec{}, err
	}
	return f, spec, nil
}

// ReadStudySpecFile reads the file whose hash the study recorded: a recipe
// (`cohort study create --recipe`) or, for studies made before recipes, a
// model spec. It returns the model spec and the canonical bytes whose
// keccak256 the chain records.
func ReadStudySpecFile(path string) (models.Spec, []byte, error) {
	raw, err := models.ReadFileLimited(path, models.MaxRecipeBytes)
	if err != nil {
		return models.Spec{}, nil, err
	}
	spec, canon, err := StudySpec(raw)
	if err != nil {
		return models.Spec{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	return spec, canon, nil
}

// StudySpec reads a recipe or a spec: the model spec and the canonical
// bytes the chain hashes.
func StudySpec(raw []byte) (models.Spec, []byte, error) {
	var probe struct {
		Model json.RawMessage `json:"model"`
	}
	if json.Unmarshal(raw, &probe) == nil && probe.Model != nil {
		r, err := models.ParseRecipe(raw)
		if err != nil {
			return models.Spec{}, nil, err
		}
		canon, err := r.Canonical()
		return r.Model, canon, err
	}
	canon, _, err := models.SpecHash(raw)
	if err != nil {
		return models.Spec{}, nil, err
	}
	var spec models.Spec
	if err := json.Unmarshal(canon, &spec); err != nil {
		return models.Spec{}, nil, err
	}
	return spec, canon, nil
}

// VerifyOnChain checks that the study was created with specHash, that
// round (or, if 0, some closed round) recorded modelHash, and that
// standardiserHash (zero: none given) is the standardiser the study
// recorded, if it recorded one; it returns the round.
func VerifyOnChain(ctx context.Context, ledger *contracts.Ledger, studyID uint64, round uint32, specHash, modelHash, standardiserHash common.Hash) (uint32, error) {
	s, err := ledger.Study(ctx, studyID)
	if err != nil {
		return 0, fmt.Errorf("study %d: %w", studyID, err)
	}
	if s.SpecHash != specHash {
		return 0, fmt.Errorf("the spec hashes to %s but study %d was created with %s; give the study's spec file", specHash.Hex(), studyID, s.SpecHash.Hex())
	}
	// The model takes the features as the hospitals standardised them:
	// exported without that standardiser, or with another, it would score
	// every record wrong, and nothing else would say so.
	switch {
	case s.StandardiserHash == (common.Hash{}):
	case standardiserHash == (common.Hash{}):
		return 0, fmt.Errorf("study %d trained on features standardised by the pooled standardiser %s it recorded on chain, and the model takes them so; give --standardiser (a hospital node's data_dir/standardiser.json)",
			studyID, s.StandardiserHash.Hex())
	case standardiserHash != s.StandardiserHash:
		return 0, fmt.Errorf("the standardiser hashes to %s, not to study %d's recorded standardiser %s; give the study's (a hospital node's data_dir/standardiser.json)",
			standardiserHash.Hex(), studyID, s.StandardiserHash.Hex())
	}
	first, last := uint32(1), s.CurrentRound
	if round != 0 {
		first, last = round, round
	}
	for r := first; r <= last; r++ {
		rr, err := ledger.Round(ctx, studyID, r)
		if err != nil {
			return 0, fmt.Errorf("round %d: %w", r, err)
		}
		if rr.Closed && rr.Result.ModelHash == modelHash {
			return r, nil
		}
		if round != 0 {
			recorded := "-" // no model recorded yet
			if rr.Result.ModelHash != (common.Hash{}) {
				recorded = rr.Result.ModelHash.Hex()
			}
			return 0, fmt.Errorf("the model hashes to %s but round %d of study %d recorded %s; fetch it with `cohort model get`", modelHash.Hex(), r, studyID, recorded)
		}
	}
	return 0, fmt.Errorf("no closed round of study %d recorded model %s; fetch the model with `cohort model get`", studyID, modelHash.Hex())
}
