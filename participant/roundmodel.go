package participant

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// RoundModel is a round's global model whose bytes hash to what the chain
// recorded for the round.
type RoundModel struct {
	Round  uint32
	Hash   common.Hash
	Blob   []byte
	Params []float64
}

// ErrNoClosedRound reports a study with no model to fetch yet.
var ErrNoClosedRound = errors.New("the study has no closed round yet; try again after its first round closes")

// FetchRoundModel reads a round's model hash from the chain (round 0: the
// latest closed round), fetches the model from the coordinator and refuses
// it unless its hash matches: what a researcher (`cohort model get`) or a
// consortium member does to take a model out of the study. log gets the
// warnings of reads refused as over the caller's rate (FetchBlob).
func FetchRoundModel(ctx context.Context, ledger *contracts.Ledger, client cohortv1.CoordinatorClient, study uint64, round uint32, log *slog.Logger) (*RoundModel, error) {
	if round == 0 {
		s, err := ledger.Study(ctx, study)
		if err != nil {
			return nil, err
		}
		round = s.CurrentRound
		if s.RoundOpen {
			round--
		}
		if round == 0 {
			return nil, ErrNoClosedRound
		}
	}
	r, err := ledger.Round(ctx, study, round)
	if err != nil {
		return nil, err
	}
	if r.Result.ModelHash == (common.Hash{}) {
		return nil, fmt.Errorf("round %d of study %d has not closed; no model is recorded for it", round, study)
	}
	blob, err := FetchBlob(ctx, client, BlobReader{Study: study}, r.Result.ModelHash, log) // published: any consortium certificate
	if err != nil {
		return nil, fmt.Errorf("round %d model does not match the chain: %w", round, err)
	}
	params, err := models.DecodeParams(blob)
	if err != nil {
		return nil, err
	}
	return &RoundModel{Round: round, Hash: r.Result.ModelHash, Blob: blob, Params: params}, nil
}
