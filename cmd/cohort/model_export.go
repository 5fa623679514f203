package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// maxModelBytes bounds a model file read by export and predict.
const maxModelBytes = 1 << 30

// export writes a round's model as the documented JSON of modelFile, after
// checking the model and the spec against the chain.
func (cmd modelCmd) export(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("model export", "model export --model FILE --spec spec.json --study S [--round R] --eth-rpc URL --contract ADDR [--schema schema.json] [--standardiser FILE] --out model.json", stderr)
	modelPath := fs.String("model", "", "the round's model as `cohort model get` wrote it (required)")
	specPath := fs.String("spec", "", "the study's recipe (or, for older studies, model spec) file, as given to `cohort study create` (required)")
	schemaPath := fs.String("schema", "", "the study's records schema, so that the file says how to encode a CSV record")
	stdPath := fs.String("standardiser", "", "the study's pooled standardiser: a hospital node's data-dir/standardiser.json (or {\"mean\",\"scale\"} JSON); omit if the study used features as they are")
	study := fs.Uint64("study", 0, "study id on chain (required)")
	round := fs.Uint("round", 0, "round the model is from (default: the closed round whose model hash it has)")
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	contract := fs.String("contract", "", "address of the Cohort contract (required)")
	out := fs.String("out", "", "write the exported model here (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *modelPath == "" || *specPath == "" || *study == 0 || *rpcURL == "" || *contract == "" || *out == "" {
		fmt.Fprintln(stderr, "--model, --spec, --study, --eth-rpc, --contract and --out are required")
		fs.Usage()
		return errUsage
	}
	contractAddr, err := contracts.ParseAddress(*contract)
	if err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	blob, err := readLimited(*modelPath, maxModelBytes)
	if err != nil {
		return err
	}
	params, err := models.DecodeParams(blob)
	if err != nil {
		return fmt.Errorf("%s: %w (give the file `cohort model get` wrote)", *modelPath, err)
	}
	spec, canon, err := readSpecFile(*specPath)
	if err != nil {
		return err
	}
	f, err := newModelFile(spec, canon, params)
	if err != nil {
		return fmt.Errorf("the model does not fit spec %s: %w", *specPath, err)
	}
	if err := f.attach(*schemaPath, *stdPath); err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, err := cmd.dial(ctx, *rpcURL)
	if err != nil {
		return err
	}
	if !cmd.borrowed {
		defer chain.Close()
	}
	ledger, err := contracts.Open(chain, contractAddr)
	if err != nil {
		return err
	}
	if f.Round, err = verifyModelOnChain(ctx, ledger, *study, uint32(*round), f.SpecHash, f.ModelHash); err != nil {
		return err
	}
	f.ChainID, f.Contract, f.StudyID = chain.ChainID().Uint64(), contractAddr, *study
	if _, err := f.check(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write exported model: %w", err)
	}
	fmt.Fprintf(stdout, "study %d round %d: model %s and spec %s match the chain; %d parameters exported to %s\n",
		f.StudyID, f.Round, f.ModelHash.Hex(), f.SpecHash.Hex(), len(params), *out)
	return nil
}

// attach adds the schema and the standardiser, if named, to f.
func (f *modelFile) attach(schemaPath, stdPath string) error {
	if schemaPath != "" {
		s, err := records.LoadSchemaFile(schemaPath)
		if err != nil {
			return err
		}
		f.Schema, f.Features = &s, s.FeatureNames()
	}
	if stdPath != "" {
		std, h, err := readStandardiser(stdPath)
		if err != nil {
			return err
		}
		f.Standardiser, f.StandardiserHash = &std, h
	}
	_, err := f.check()
	return err
}

// verifyModelOnChain checks that the study was created with specHash and
// that round (or, if 0, some closed round) recorded modelHash; it returns
// the round.
func verifyModelOnChain(ctx context.Context, ledger *contracts.Ledger, studyID uint64, round uint32, specHash, modelHash common.Hash) (uint32, error) {
	s, err := ledger.Study(ctx, studyID)
	if err != nil {
		return 0, fmt.Errorf("study %d: %w", studyID, err)
	}
	if s.SpecHash != specHash {
		return 0, fmt.Errorf("the spec hashes to %s but study %d was created with %s; give the study's spec file", specHash.Hex(), studyID, s.SpecHash.Hex())
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
			return 0, fmt.Errorf("the model hashes to %s but round %d of study %d recorded %s; fetch it with `cohort model get`", modelHash.Hex(), r, studyID, hashOrDash(rr.Result.ModelHash))
		}
	}
	return 0, fmt.Errorf("no closed round of study %d recorded model %s; fetch the model with `cohort model get`", studyID, modelHash.Hex())
}

// modelPredict scores the records of a CSV file with a model.
func modelPredict(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("model predict", "model predict --model model.json --data new.csv [--schema schema.json] [--out scores.csv]", stderr)
	modelPath := fs.String("model", "", "an exported model (`cohort model export`), or a model from `cohort model get` with --spec (required)")
	dataPath := fs.String("data", "", "CSV file of records to score; the label column may be absent (required)")
	schemaPath := fs.String("schema", "", "schema of the CSV file (default: the one in the exported model)")
	specPath := fs.String("spec", "", "with a model from `cohort model get`: the study's recipe (or older spec) file")
	stdPath := fs.String("standardiser", "", "with a model from `cohort model get`: the study's standardiser (a hospital's data-dir/standardiser.json)")
	out := fs.String("out", "", "write id,score[,label] CSV here (default: standard output); for a Cox model id,risk,risk_group[,time,event]")
	riskCut := fs.String("risk-cut", "", "Cox models: the log-risk above which a record is in the high-risk group (default: the median of the scored records)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *modelPath == "" || *dataPath == "" {
		fmt.Fprintln(stderr, "--model and --data are required")
		fs.Usage()
		return errUsage
	}
	f, spec, err := loadModelForPredict(*modelPath, *specPath, *stdPath, stderr)
	if err != nil {
		return err
	}
	schema := f.Schema
	if *schemaPath != "" {
		s, err := records.LoadSchemaFile(*schemaPath)
		if err != nil {
			return err
		}
		schema = &s
	}
	if schema == nil {
		fmt.Fprintln(stderr, "--schema is required: the model file carries no schema")
		return errUsage
	}
	if schema.Features() != spec.Features {
		return fmt.Errorf("schema encodes %d features but the model takes %d; use the study's schema", schema.Features(), spec.Features)
	}
	site, _, err := records.LoadFile(*dataPath, *schema, records.LoadOptions{Scoring: true})
	if err != nil {
		return err
	}
	recs := site.Test
	if f.Standardiser != nil {
		if recs, err = f.Standardiser.Apply(recs); err != nil {
			return err
		}
	}
	m, err := models.New(spec, 0)
	if err != nil {
		return err
	}
	if err := m.SetParams(f.params()); err != nil {
		return err
	}
	X, y := records.Matrix(recs)
	if spec.Kind == models.KindCox {
		return writeRisks(m, recs, *riskCut, *out, f, stdout, stderr)
	}
	probs, err := m.Predict(X)
	if err != nil {
		return fmt.Errorf("%s: %w", *dataPath, err)
	}

	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	labelled := 0
	for _, l := range y {
		if !math.IsNaN(l) {
			labelled++
		}
	}
	header := []string{"id", "score"}
	if labelled > 0 {
		header = append(header, "label")
	}
	_ = w.Write(header)
	for i, r := range recs {
		row := []string{r.ID, strconv.FormatFloat(probs[i], 'g', -1, 64)}
		if labelled > 0 {
			row = append(row, "")
			if !math.IsNaN(y[i]) {
				row[2] = strconv.FormatFloat(y[i], 'g', -1, 64)
			}
		}
		_ = w.Write(row)
	}
	w.Flush()
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return fmt.Errorf("write scores: %w", err)
	}
	fmt.Fprintf(stderr, "scored %d records with %s %s\n", len(recs), f.from(), f.ModelHash.Hex())
	if labelled == len(recs) && labelled > 0 {
		ev := models.Evaluate(probs, y)
		fmt.Fprintf(stderr, "on these %d labelled records: accuracy %.6f  auc %.6f  loss %.6f\n", labelled, ev.Accuracy(), ev.AUC(), ev.LogLoss())
	}
	return nil
}

// from names where a model comes from, for people.
func (f *modelFile) from() string {
	if f.StudyID != 0 {
		return fmt.Sprintf("study %d round %d's model", f.StudyID, f.Round)
	}
	return "the model"
}

// writeRisks writes a Cox model's log-risk and risk group for every record:
// high when the log-risk is above cut (by default the median of these
// records' log-risks), low otherwise; with every record's time and event
// known it also prints Harrell's C-index.
func writeRisks(m *models.Model, recs []records.Record, cut, out string, f *modelFile, stdout, stderr io.Writer) error {
	X, events := records.Matrix(recs)
	times := records.Times(recs)
	risk, err := m.RiskScores(X)
	if err != nil {
		return err
	}
	threshold, how := 0.0, "the given cut"
	if cut != "" {
		if threshold, err = strconv.ParseFloat(cut, 64); err != nil || math.IsNaN(threshold) || math.IsInf(threshold, 0) {
			fmt.Fprintf(stderr, "--risk-cut %q: want a finite log-risk\n", cut)
			return errUsage
		}
	} else if len(risk) > 0 {
		sorted := slices.Clone(risk)
		slices.Sort(sorted)
		threshold, how = sorted[(len(sorted)-1)/2], "the median of these records"
	}
	known := 0
	for i := range recs {
		if !math.IsNaN(events[i]) && !math.IsNaN(times[i]) {
			known++
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := []string{"id", "risk", "risk_group"}
	if known > 0 {
		header = append(header, "time", "event")
	}
	_ = w.Write(header)
	high := 0
	for i, r := range recs {
		group := "low"
		if risk[i] > threshold {
			group = "high"
			high++
		}
		row := []string{r.ID, strconv.FormatFloat(risk[i], 'g', -1, 64), group}
		if known > 0 {
			row = append(row, formatKnown(times[i]), formatKnown(events[i]))
		}
		_ = w.Write(row)
	}
	w.Flush()
	if out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return fmt.Errorf("write risks: %w", err)
	}
	fmt.Fprintf(stderr, "scored %d records with %s %s: %d high risk (log-risk above %.6g, %s), %d low\n",
		len(recs), f.from(), f.ModelHash.Hex(), high, threshold, how, len(recs)-high)
	if known == len(recs) && known > 0 {
		fmt.Fprintf(stderr, "on these %d records with a known outcome: C-index %.6f\n", known, models.CIndex(risk, times, events))
	}
	return nil
}

// formatKnown prints a value, or nothing for an unknown (NaN) one.
func formatKnown(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// loadModelForPredict reads an exported model, or a raw model with its spec
// (and standardiser, if any) given beside it.
func loadModelForPredict(modelPath, specPath, stdPath string, stderr io.Writer) (*modelFile, models.Spec, error) {
	head := make([]byte, 4)
	fh, err := os.Open(modelPath)
	if err != nil {
		return nil, models.Spec{}, fmt.Errorf("read model: %w", err)
	}
	_, _ = io.ReadFull(fh, head)
	fh.Close()
	if string(head) != "CPRM" { // not a raw parameter file: an exported model
		if specPath != "" || stdPath != "" {
			fmt.Fprintln(stderr, "--spec and --standardiser go with a model from `cohort model get`; an exported model carries both")
			return nil, models.Spec{}, errUsage
		}
		return readModelFile(modelPath)
	}
	if specPath == "" {
		fmt.Fprintln(stderr, "--spec is required with a model from `cohort model get` (or export it first with `cohort model export`)")
		return nil, models.Spec{}, errUsage
	}
	blob, err := readLimited(modelPath, maxModelBytes)
	if err != nil {
		return nil, models.Spec{}, err
	}
	params, err := models.DecodeParams(blob)
	if err != nil {
		return nil, models.Spec{}, fmt.Errorf("%s: %w", modelPath, err)
	}
	spec, canon, err := readSpecFile(specPath)
	if err != nil {
		return nil, models.Spec{}, err
	}
	f, err := newModelFile(spec, canon, params)
	if err != nil {
		return nil, models.Spec{}, fmt.Errorf("the model does not fit spec %s: %w", specPath, err)
	}
	if crypto.Keccak256Hash(blob) != f.ModelHash {
		return nil, models.Spec{}, fmt.Errorf("%s is not in canonical form", modelPath)
	}
	if err := f.attach("", stdPath); err != nil {
		return nil, models.Spec{}, err
	}
	return f, spec, nil
}

// readSpecFile reads the file whose hash the study recorded: a recipe
// (`cohort study create --recipe`) or, for studies made before recipes, a
// model spec. It returns the model spec and the canonical bytes whose
// keccak256 the chain records.
func readSpecFile(path string) (models.Spec, []byte, error) {
	raw, err := readLimited(path, models.MaxRecipeBytes)
	if err != nil {
		return models.Spec{}, nil, err
	}
	spec, canon, err := studySpec(raw)
	if err != nil {
		return models.Spec{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	return spec, canon, nil
}

// studySpec reads a recipe or a spec: the model spec and the canonical
// bytes the chain hashes.
func studySpec(raw []byte) (models.Spec, []byte, error) {
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
