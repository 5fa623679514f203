package participant

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/models"
)

// RecipeFetchWait is how long a hospital waits for an unreachable
// coordinator (not started yet, restarting) to serve the study's recipe.
const RecipeFetchWait = 2 * time.Minute

// FetchStudyRecipe downloads the study's recipe from the coordinator, which
// keeps its canonical bytes in its blob store under the on-chain hash, and
// checks it hashes to that hash. It waits up to RecipeFetchWait for a
// coordinator that is not reachable yet. The recipe is published: the
// request is not signed. log gets the warnings of reads refused as over
// the caller's rate (FetchBlob).
func FetchStudyRecipe(ctx context.Context, client cohortv1.CoordinatorClient, study uint64, onChain common.Hash, log *slog.Logger) (*models.Recipe, error) {
	ctx, cancel := context.WithTimeout(ctx, RecipeFetchWait)
	defer cancel()
	var b []byte
	var err error
	for {
		if b, err = FetchBlob(ctx, client, BlobReader{Study: study}, onChain, log); err == nil || status.Code(err) != codes.Unavailable {
			break
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("fetching the study's recipe: the coordinator stayed unreachable for %s: %w", RecipeFetchWait, err)
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

// CheckStudySettings checks a hospital's settings against the chain's hash
// and, if its recipe differs, fetches the study's recipe from the
// coordinator to name the differing fields.
func CheckStudySettings(ctx context.Context, settings models.StudySettings, study uint64, onChain common.Hash, client cohortv1.CoordinatorClient, log *slog.Logger) error {
	err := settings.Check(onChain, nil)
	if err == nil || settings.Recipe == nil {
		return err
	}
	recipe, ferr := FetchStudyRecipe(ctx, client, study, onChain, log)
	if ferr != nil {
		return fmt.Errorf("%w (and the study's recipe could not be fetched to name the differing fields: %v)", err, ferr)
	}
	return settings.Check(onChain, recipe)
}

// ParseConsentSource reads a configured consent source: "chain", "local",
// or "auto" (or empty) for ConsentAuto.
func ParseConsentSource(s string) (ConsentSource, error) {
	switch s {
	case "", "auto":
		return ConsentAuto, nil
	case "chain":
		return ConsentChain, nil
	case "local":
		return ConsentLocal, nil
	}
	return "", fmt.Errorf("consent %q: want \"chain\", \"local\" or \"auto\"", s)
}
