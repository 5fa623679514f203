package models

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Dataset is a small labelled data set in the clear, such as the researcher's
// clean root data set that robust scoring trains its reference update on.
// Its canonical encoding (MarshalBinary) is what the study commits to on
// chain, so every member can fetch it, check it and recompute the reference.
// For a survival model Y holds the event indicators (1 observed, 0
// censored) and T the follow-up times; a classifier's data set has no T
// (and its encoding no "t" field).
type Dataset struct {
	X [][]float64 `json:"x"`
	Y []float64   `json:"y"`
	T []float64   `json:"t,omitempty"`
}

// maxDatasetBytes bounds a decoded root data set.
const maxDatasetBytes = 64 << 20

// MarshalBinary encodes d as compact JSON, which is canonical for a given
// d: Go writes float64 in its shortest round-trip form.
func (d Dataset) MarshalBinary() ([]byte, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	return json.Marshal(d)
}

// UnmarshalBinary decodes and checks a data set.
func (d *Dataset) UnmarshalBinary(b []byte) error {
	if len(b) > maxDatasetBytes {
		return fmt.Errorf("%w: data set of %d bytes exceeds %d", ErrEncoding, len(b), maxDatasetBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var v Dataset
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("%w: data set: %v", ErrEncoding, err)
	}
	if err := v.check(); err != nil {
		return err
	}
	*d = v
	return nil
}

// Hash is the Keccak-256 of the canonical encoding.
func (d Dataset) Hash() (common.Hash, error) {
	b, err := d.MarshalBinary()
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash(b), nil
}

func (d Dataset) check() error {
	if len(d.X) == 0 || len(d.X) != len(d.Y) {
		return fmt.Errorf("%w: data set has %d rows and %d labels", ErrShape, len(d.X), len(d.Y))
	}
	if d.T != nil && len(d.T) != len(d.X) {
		return fmt.Errorf("%w: data set has %d rows and %d times", ErrShape, len(d.X), len(d.T))
	}
	return nil
}

// ReferenceUpdate trains a model of spec from the global parameters on d and
// returns the update (trained minus global). It is deterministic for fixed
// inputs, so anyone holding d recomputes the same reference update. A
// survival model trains on d's events and times (TrainSurvival) and needs
// d.T.
func ReferenceUpdate(ctx context.Context, spec Spec, global []float64, d Dataset, cfg TrainConfig) ([]float64, error) {
	m, err := New(spec, cfg.Seed)
	if err != nil {
		return nil, err
	}
	if err := m.SetParams(global); err != nil {
		return nil, err
	}
	if spec.IsSurvival() && d.T == nil {
		return nil, fmt.Errorf("%w: a %q model's root data set needs follow-up times", ErrShape, spec.Kind)
	}
	if _, err := m.Fit(ctx, d.X, d.Y, d.T, cfg); err != nil {
		return nil, fmt.Errorf("models: reference update: %w", err)
	}
	trained := m.Params()
	update := make([]float64, len(trained))
	for i := range trained {
		update[i] = trained[i] - global[i]
	}
	return update, nil
}

// ReferenceTrainConfig is how the reference update of round r is trained: a
// protocol constant, so every member recomputes the same reference.
func ReferenceTrainConfig(round uint32) TrainConfig {
	c := DefaultTrainConfig()
	c.Seed = int64(round)
	return c
}
