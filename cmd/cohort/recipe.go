package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// The study's recipe (models.Recipe) is hashed into the study's spec-hash
// slot on chain: the contract has no slot of its own for it yet, and the
// recipe includes the model spec that slot was made for.

// loadRecipe reads and validates a recipe file.
func loadRecipe(path string) (models.Recipe, error) {
	raw, err := readLimited(path, models.MaxRecipeBytes)
	if err != nil {
		return models.Recipe{}, fmt.Errorf("reading the recipe: %w", err)
	}
	r, err := models.ParseRecipe(raw)
	if err != nil {
		return models.Recipe{}, fmt.Errorf("recipe %s: %w", path, err)
	}
	return r, nil
}

// recipeFetchWait is how long a hospital waits for an unreachable
// coordinator (not started yet, restarting) to serve the study's recipe.
const recipeFetchWait = 2 * time.Minute

// fetchStudyRecipe downloads the study's recipe from the coordinator, which
// keeps its canonical bytes in its blob store under the on-chain hash, and
// checks it hashes to that hash. It waits up to recipeFetchWait for a
// coordinator that is not reachable yet.
func fetchStudyRecipe(ctx context.Context, client cohortv1.CoordinatorClient, onChain common.Hash) (*models.Recipe, error) {
	ctx, cancel := context.WithTimeout(ctx, recipeFetchWait)
	defer cancel()
	var b []byte
	var err error
	for {
		if b, err = participant.FetchBlob(ctx, client, onChain); err == nil || status.Code(err) != codes.Unavailable {
			break
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("fetching the study's recipe: the coordinator stayed unreachable for %s: %w", recipeFetchWait, err)
		case <-time.After(time.Second):
		}
	}
	if err != nil {
		return nil, fmt.Errorf("fetching the study's recipe from the coordinator: %w", err)
	}
	r, err := models.ParseRecipe(b)
	if err != nil {
		return nil, fmt.Errorf("the study's recipe from the coordinator: %w", err)
	}
	return &r, nil
}

// studyPieces are what a daemon takes from its recipe (or, in older
// configuration files, from spec_file, train, server_optimizer and
// standardise): the model, local training, server optimizer and
// standardisation, and the hash the chain must record for the study.
type studyPieces struct {
	spec        models.Spec
	train       models.TrainConfig
	server      aggregation.FedOptConfig
	standardise records.Standardisation
	// recipe is set when the pieces came from a recipe.
	recipe *models.Recipe
	hash   common.Hash
	// source names where the pieces came from, for error messages.
	source string
}

// fromRecipe takes a daemon's pieces from a recipe.
func fromRecipe(r models.Recipe, source string) (studyPieces, error) {
	h, err := r.Hash()
	if err != nil {
		return studyPieces{}, err
	}
	return studyPieces{spec: r.Model, train: r.LocalTraining(), server: r.Server, standardise: r.Standardise, recipe: &r, hash: h, source: source}, nil
}

// errRecipeAndPieces is the migration error of a configuration file that
// names a recipe and also one of the pieces it replaces.
var errRecipeAndPieces = errors.New("recipe_file replaces spec_file, train, server_optimizer and standardise: remove those (the study's recipe holds them)")

// check compares the pieces' hash with the chain's; with a recipe it names
// the differing fields when the study's own recipe is at hand.
func (p studyPieces) check(onChain common.Hash, study *models.Recipe) error {
	if p.recipe != nil {
		if err := models.CheckRecipe(onChain, *p.recipe, study); err != nil {
			return fmt.Errorf("%s: %w", p.source, err)
		}
		return nil
	}
	if p.hash != onChain {
		return fmt.Errorf("spec %s hashes to %s but the study was created with %s; use the study's spec file (or its recipe, recipe_file)", p.source, p.hash.Hex(), onChain.Hex())
	}
	return nil
}

// checkWithStudyRecipe checks the pieces against the chain's hash and, if a
// recipe differs, fetches the study's recipe from the coordinator to name
// the differing fields.
func checkWithStudyRecipe(ctx context.Context, pieces studyPieces, onChain common.Hash, client cohortv1.CoordinatorClient) error {
	err := pieces.check(onChain, nil)
	if err == nil || pieces.recipe == nil {
		return err
	}
	study, ferr := fetchStudyRecipe(ctx, client, onChain)
	if ferr != nil {
		return fmt.Errorf("%w (and the study's recipe could not be fetched to name the differing fields: %v)", err, ferr)
	}
	return pieces.check(onChain, study)
}
