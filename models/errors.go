package models

import "errors"

// Sentinel errors returned (wrapped) by this package. Callers branch on them
// with errors.Is.
var (
	// ErrInvalidSpec reports a Spec that cannot describe a model.
	ErrInvalidSpec = errors.New("models: invalid model spec")
	// ErrParamCount reports a parameter vector whose length does not match
	// the model.
	ErrParamCount = errors.New("models: parameter count mismatch")
	// ErrNonFinite reports a NaN or infinite parameter, feature or label.
	ErrNonFinite = errors.New("models: non-finite value")
	// ErrShape reports input data whose dimensions do not match the model
	// (wrong number of features, or X and y of different lengths).
	ErrShape = errors.New("models: data shape mismatch")
	// ErrNoData reports a training call without any record.
	ErrNoData = errors.New("models: no training records")
	// ErrInvalidTrainConfig reports an unusable TrainConfig.
	ErrInvalidTrainConfig = errors.New("models: invalid training config")
	// ErrEncoding reports bytes that are not a valid EncodeParams encoding.
	ErrEncoding = errors.New("models: invalid parameter encoding")
	// ErrIncompatibleEvaluation reports an attempt to merge evaluations with
	// different histogram resolutions.
	ErrIncompatibleEvaluation = errors.New("models: incompatible evaluations")
)

// ErrRobustDistributedDP reports robust scoring asked of a study with the
// distributed privacy mechanism: its scores are decrypted per update, and a
// single update carries only a share of the noise, so they would leak
// outside the study's ε.
var ErrRobustDistributedDP = errors.New("robust scoring decrypts scores of each update, but with the distributed privacy mechanism an update carries only a share of the noise, so those scores are not covered by the study's ε: use the local mechanism (privacy.mechanism \"local\") with robust aggregation, or turn robust scoring off")
