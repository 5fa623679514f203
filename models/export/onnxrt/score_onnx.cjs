// Scores records with an ONNX model in onnxruntime-web (its WebAssembly
// CPU backend, under node): node score_onnx.cjs ORT_DIR MODEL.onnx
// RECORDS.json prints {"scores": [...], "metadata": {...}}. RECORDS.json is
// [[x11, x12, ...], ...] with null for a missing value.
"use strict";
const fs = require("fs");
const path = require("path");
const [ortDir, modelPath, recordsPath] = process.argv.slice(2);
const ort = require(path.join(ortDir, "node_modules", "onnxruntime-web"));
ort.env.wasm.numThreads = 1;

(async () => {
  const rows = JSON.parse(fs.readFileSync(recordsPath, "utf8"));
  const width = rows[0].length;
  const data = Float64Array.from(rows.flat().map(v => (v === null ? NaN : v)));
  const session = await ort.InferenceSession.create(fs.readFileSync(modelPath));
  const out = await session.run({ [session.inputNames[0]]: new ort.Tensor("float64", data, [rows.length, width]) });
  const score = out[session.outputNames[0]];
  process.stdout.write(JSON.stringify({ inputs: session.inputNames, outputs: session.outputNames, dims: score.dims, scores: Array.from(score.data) }) + "\n");
})().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
