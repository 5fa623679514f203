package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/models/export"
	"github.com/cohort-fl/cohort/records"
	"github.com/google/renameio/v2"
)

// export writes a round's model as the documented JSON of modelFile, after
// checking the model and the spec against the chain.
func (cmd modelCmd) export(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("model export", "model export --model FILE --spec spec.json --study S [--round R] --eth-rpc URL --contract ADDR [--schema schema.json] [--standardiser FILE] --out model.json [--onnx model.onnx]", stderr)
	modelPath := fs.String("model", "", "the round's model as `cohort model get` wrote it (required)")
	specPath := fs.String("spec", "", "the study's recipe (or, for older studies, model spec) file, as given to `cohort study create` (required)")
	schemaPath := fs.String("schema", "", "the study's records schema, so that the file says how to encode a CSV record")
	stdPath := fs.String("standardiser", "", "the study's pooled standardiser: a hospital node's data-dir/standardiser.json (or {\"mean\",\"scale\"} JSON); omit if the study used features as they are")
	study := fs.Uint64("study", 0, "study id on chain (required)")
	round := fs.Uint("round", 0, "round the model is from (default: the closed round whose model hash it has)")
	chainArgs := addChainFlags(fs)
	rpcURL, contract := chainArgs.rpc, chainArgs.contract
	out := fs.String("out", "", "write the exported model here (required)")
	onnxPath := fs.String("onnx", "", "also write the model as an ONNX graph here (doubles, opset 13; input \"features\" [records, features] of raw encoded records, NaN for missing; output \"score\")")
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
	_, params, err := export.ReadParams(*modelPath)
	if err != nil {
		return fmt.Errorf("%w (give the file `cohort model get` wrote)", err)
	}
	spec, canon, err := export.ReadStudySpecFile(*specPath)
	if err != nil {
		return err
	}
	f, err := export.New(spec, canon, params)
	if err != nil {
		return fmt.Errorf("the model does not fit spec %s: %w", *specPath, err)
	}
	if err := f.Attach(*schemaPath, *stdPath); err != nil {
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
	if f.Round, err = export.VerifyOnChain(ctx, ledger, *study, uint32(*round), f.SpecHash, f.ModelHash, f.StandardiserHash); err != nil {
		return err
	}
	f.ChainID, f.Contract, f.StudyID = chain.ChainID().Uint64(), contractAddr, *study
	if _, err := f.Check(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write exported model: %w", err)
	}
	checked := fmt.Sprintf("model %s and spec %s", f.ModelHash.Hex(), f.SpecHash.Hex())
	if f.Standardiser != nil {
		checked = fmt.Sprintf("model %s, spec %s and standardiser %s", f.ModelHash.Hex(), f.SpecHash.Hex(), f.StandardiserHash.Hex())
	}
	fmt.Fprintf(stdout, "study %d round %d: %s match the chain; %d parameters exported to %s\n",
		f.StudyID, f.Round, checked, len(params), *out)
	onChain, err := ledger.Study(ctx, f.StudyID)
	if err != nil {
		return fmt.Errorf("study %d: %w", f.StudyID, err)
	}
	if err := printCrossCheckNote(ctx, ledger, onChain, f.Round, stdout); err != nil {
		return err
	}
	if *onnxPath != "" {
		g, err := f.ONNX()
		if err != nil {
			return err
		}
		if err := renameio.WriteFile(*onnxPath, g, 0o644); err != nil {
			return fmt.Errorf("write the ONNX model: %w", err)
		}
		fmt.Fprintf(stdout, "the same model as an ONNX graph: %s\n", *onnxPath)
	}
	return nil
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
	f, spec, err := export.LoadForPredict(*modelPath, *specPath, *stdPath)
	if errors.Is(err, export.ErrSpecBesideExported) || errors.Is(err, export.ErrNeedSpec) {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	if err != nil {
		return err
	}
	var cut *float64
	if *riskCut != "" {
		c, err := strconv.ParseFloat(*riskCut, 64)
		if err != nil || math.IsNaN(c) || math.IsInf(c, 0) {
			fmt.Fprintf(stderr, "--risk-cut %q: want a finite log-risk\n", *riskCut)
			return errUsage
		}
		cut = &c
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
		return fmt.Errorf("schema encodes %s but the model takes %d; use the study's schema", counted(schema.Features(), "feature"), spec.Features)
	}
	site, _, err := records.LoadFile(*dataPath, *schema, records.LoadOptions{Scoring: true})
	if err != nil {
		return err
	}
	res, err := export.Score(f, spec, site.Test, cut)
	if err != nil {
		return fmt.Errorf("%s: %w", *dataPath, err)
	}
	if *out == "" {
		_, err = stdout.Write(res.CSV)
	} else {
		err = renameio.WriteFile(*out, res.CSV, 0o644)
	}
	what := "scores"
	if spec.Kind == models.KindCox {
		what = "risks"
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	if spec.Kind == models.KindCox {
		fmt.Fprintf(stderr, "scored %s with %s %s: %d high risk (log-risk above %.6g, %s), %d low\n",
			counted(res.Records, "record"), f.From(), f.ModelHash.Hex(), res.High, res.Cut, res.CutHow, res.Records-res.High)
		if res.Known == res.Records && res.Known > 0 {
			fmt.Fprintf(stderr, "on these %s with a known outcome: C-index %.6f\n", counted(res.Known, "record"), res.CIndex)
		}
		return nil
	}
	fmt.Fprintf(stderr, "scored %s with %s %s\n", counted(res.Records, "record"), f.From(), f.ModelHash.Hex())
	if ev := res.Evaluation; ev != nil {
		fmt.Fprintf(stderr, "on these %s: accuracy %.6f  auc %.6f  loss %.6f\n", counted(res.Labelled, "labelled record"), ev.Accuracy(), ev.AUC(), ev.LogLoss())
	}
	return nil
}
