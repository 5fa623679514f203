// Package onnxrt scores records with an ONNX graph in onnxruntime-web (its
// WebAssembly CPU backend) under node: how the tests check the graphs
// `cohort model export --onnx` writes, in a runtime that is not Cohort's.
// `make onnxruntime` installs the pinned onnxruntime-web into .tools/onnx.
package onnxrt

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
)

//go:embed score_onnx.cjs
var script []byte

// Runtime is node and the directory whose node_modules holds
// onnxruntime-web.
type Runtime struct {
	Node, Dir string
}

// Find looks for node on PATH and onnxruntime-web in $COHORT_ONNXRUNTIME
// or else in the repository's .tools/onnx (root is the repository's root);
// the error says what is missing and how to install it.
func Find(root string) (Runtime, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return Runtime{}, errors.New("no node on PATH: ONNX graphs are checked by scoring them in onnxruntime-web under node")
	}
	dir := os.Getenv("COHORT_ONNXRUNTIME")
	if dir == "" {
		if dir, err = filepath.Abs(filepath.Join(root, ".tools", "onnx")); err != nil {
			return Runtime{}, err
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "onnxruntime-web", "package.json")); err != nil {
		return Runtime{}, fmt.Errorf("no onnxruntime-web in %s: `make onnxruntime` installs it (npm), or set COHORT_ONNXRUNTIME to a directory holding node_modules/onnxruntime-web", dir)
	}
	return Runtime{Node: node, Dir: dir}, nil
}

// Result is what the runtime computed.
type Result struct {
	// Inputs and Outputs name the graph's inputs and outputs.
	Inputs, Outputs []string
	// Dims is the first output's shape; Scores its values.
	Dims   []int
	Scores []float64
}

// Score runs the graph on rows (a [records, features] double tensor, NaN
// for a missing value) and returns its first output.
func (r Runtime) Score(model []byte, rows [][]float64) (Result, error) {
	work, err := os.MkdirTemp("", "cohort-onnx-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(work)
	js := make([][]any, len(rows))
	for i, row := range rows {
		js[i] = make([]any, len(row))
		for j, v := range row {
			if !math.IsNaN(v) {
				js[i][j] = v
			}
		}
	}
	b, err := json.Marshal(js)
	if err != nil {
		return Result{}, err
	}
	paths := map[string][]byte{"score_onnx.cjs": script, "model.onnx": model, "rows.json": b}
	for name, data := range paths {
		if err := os.WriteFile(filepath.Join(work, name), data, 0o600); err != nil {
			return Result{}, err
		}
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(r.Node, filepath.Join(work, "score_onnx.cjs"), r.Dir, filepath.Join(work, "model.onnx"), filepath.Join(work, "rows.json"))
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return Result{}, fmt.Errorf("onnxruntime-web: %w: %s", err, stderr.String())
	}
	var res Result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return Result{}, fmt.Errorf("onnxruntime-web's output %q: %w", stdout.String(), err)
	}
	return res, nil
}
