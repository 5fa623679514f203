package models

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/records"
)

// The study's recipe is hashed into the study's spec-hash slot on chain: the
// contract has no slot of its own for it yet, and the recipe includes the
// model spec that slot was made for.

// MaxSpecBytes bounds a model spec file: a spec is a few hundred bytes of
// architecture, feature schema and hyper-parameters.
const MaxSpecBytes = 1 << 20

// ErrBadSpec reports a spec file that is not canonicalisable JSON describing
// a valid model.
var ErrBadSpec = errors.New("invalid model spec")

// ErrRecipeAndLegacySettings is the migration error of a daemon
// configuration file that names a recipe and also one of the settings it
// replaces.
var ErrRecipeAndLegacySettings = errors.New("recipe_file replaces spec_file, train, server_optimizer and standardise: remove those (the study's recipe holds them)")

// StudySettings are what a daemon takes from its recipe (or, in older
// configuration files, from spec_file, train, server_optimizer and
// standardise): the model, local training, server optimizer and
// standardisation, and the hash the chain must record for the study.
type StudySettings struct {
	Spec        Spec
	Train       TrainConfig
	Server      aggregation.FedOptConfig
	Standardise records.Standardisation
	// Recipe is set when the settings came from a recipe.
	Recipe *Recipe
	Hash   common.Hash
	// Source names where the settings came from, for error messages.
	Source string
}

// SettingsFromRecipe takes a daemon's settings from a recipe; source names
// where it came from.
func SettingsFromRecipe(r Recipe, source string) (StudySettings, error) {
	h, err := r.Hash()
	if err != nil {
		return StudySettings{}, err
	}
	return StudySettings{Spec: r.Model, Train: r.LocalTraining(), Server: r.Server, Standardise: r.Standardise, Recipe: &r, Hash: h, Source: source}, nil
}

// StandardiserGroups are the one-hot groups the study's pooled
// standardiser whitens (Recipe.StandardiserGroups): none for settings
// made before recipes.
func (s StudySettings) StandardiserGroups(schema *records.Schema) ([][]int, error) {
	if s.Recipe == nil {
		return nil, nil
	}
	return s.Recipe.StandardiserGroups(schema)
}

// LoadStudySettings reads a daemon's settings: from its recipe file, or, in
// a configuration file written before recipes, from its spec file and the
// defaults of the separate train, server optimizer and standardise settings
// (legacy reports whether any of those is set, which a recipe forbids).
func LoadStudySettings(recipeFile, specFile string, legacy bool) (StudySettings, error) {
	switch {
	case recipeFile != "" && (specFile != "" || legacy):
		return StudySettings{}, ErrRecipeAndLegacySettings
	case recipeFile != "":
		r, err := LoadRecipeFile(recipeFile)
		if err != nil {
			return StudySettings{}, err
		}
		return SettingsFromRecipe(r, "recipe "+recipeFile)
	case specFile != "":
		spec, h, err := LoadSpecFile(specFile)
		if err != nil {
			return StudySettings{}, err
		}
		return StudySettings{Spec: spec, Train: DefaultTrainConfig(), Server: aggregation.DefaultFedOptConfig(aggregation.FedAvg),
			Standardise: records.StandardisePooled, Hash: h, Source: specFile}, nil
	}
	return StudySettings{}, errors.New("recipe_file: name the study's recipe (see examples/recipes; older configs name spec_file instead)")
}

// Check compares the settings' hash with the chain's; with a recipe it
// names the differing fields when the study's own recipe is at hand.
func (s StudySettings) Check(onChain common.Hash, study *Recipe) error {
	if s.Recipe != nil {
		if err := CheckRecipe(onChain, *s.Recipe, study); err != nil {
			return fmt.Errorf("%s: %w", s.Source, err)
		}
		return nil
	}
	if s.Hash != onChain {
		return fmt.Errorf("spec %s hashes to %s but the study was created with %s; use the study's spec file (or its recipe, recipe_file)", s.Source, s.Hash.Hex(), onChain.Hex())
	}
	return nil
}

// LoadRecipeFile reads and validates a recipe file.
func LoadRecipeFile(path string) (Recipe, error) {
	raw, err := ReadFileLimited(path, MaxRecipeBytes)
	if err != nil {
		return Recipe{}, fmt.Errorf("reading the recipe: %w", err)
	}
	r, err := ParseRecipe(raw)
	if err != nil {
		return Recipe{}, fmt.Errorf("recipe %s: %w", path, err)
	}
	return r, nil
}

// SpecHash returns the RFC 8785 canonical form of a spec file and its
// keccak256 (what the chain records for a study without a recipe), after
// checking that it describes a valid model.
func SpecHash(raw []byte) ([]byte, common.Hash, error) {
	canon, err := CanonicalJSON(raw)
	if err != nil {
		return nil, common.Hash{}, fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	if !bytes.HasPrefix(canon, []byte("{")) {
		return nil, common.Hash{}, fmt.Errorf("%w: want a JSON object with kind, features and hidden", ErrBadSpec)
	}
	var m Spec
	if err := json.Unmarshal(canon, &m); err != nil {
		return nil, common.Hash{}, fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	if err := m.Validate(); err != nil {
		return nil, common.Hash{}, err
	}
	return canon, crypto.Keccak256Hash(canon), nil
}

// ReadSpecFile reads a spec file and returns its canonical form and hash
// (see SpecHash).
func ReadSpecFile(path string) ([]byte, common.Hash, error) {
	raw, err := ReadFileLimited(path, MaxSpecBytes)
	if err != nil {
		return nil, common.Hash{}, fmt.Errorf("reading the spec: %w", err)
	}
	canon, h, err := SpecHash(raw)
	if err != nil {
		return nil, common.Hash{}, fmt.Errorf("spec %s: %w", path, err)
	}
	return canon, h, nil
}

// LoadSpecFile reads a model spec file and returns the spec with the hash
// the chain must have recorded for the study (see SpecHash).
func LoadSpecFile(path string) (Spec, common.Hash, error) {
	raw, err := ReadFileLimited(path, MaxSpecBytes)
	if err != nil {
		return Spec{}, common.Hash{}, err
	}
	_, h, err := SpecHash(raw)
	if err != nil {
		return Spec{}, common.Hash{}, fmt.Errorf("spec %s: %w", path, err)
	}
	var spec Spec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return Spec{}, common.Hash{}, fmt.Errorf("spec %s: %w", path, err)
	}
	return spec, h, nil
}

// ReadFileLimited reads a file of at most limit bytes: recipe, spec and
// model files are bounded so that a wrong path cannot exhaust memory.
func ReadFileLimited(path string, limit int64) ([]byte, error) {
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
