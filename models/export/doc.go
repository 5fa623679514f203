// Package export is the documented, self-contained JSON form of a study's
// model (File, format "cohort-model/v1") that `cohort model export` writes
// and `cohort model predict` reads: the layers laid out for any tool to
// score a record from the file alone, the study's recipe and standardiser,
// and the hashes that tie them to the chain (model_hash is the round's
// model hash, spec_hash the study's). Read refuses a file whose weights,
// spec or standardiser no longer hash to what it says; VerifyOnChain checks
// the model and the recipe against the study's record. File.ONNX writes the
// same model as an ONNX graph, checked by scoring it in onnxruntime-web.
package export
