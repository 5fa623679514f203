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

// AveragedModel is the mean of the models of rounds First..Last (tail
// averaging), each of whose bytes hashed to what the chain recorded for
// its round.
type AveragedModel struct {
	First, Last uint32
	Hashes      []common.Hash // round First's first
	Params      []float64
}

// FetchAveragedModel fetches the models of the last k rounds up to round
// (0: the latest closed round; fewer rounds if fewer have closed), each
// checked against the chain as FetchRoundModel does, and averages them
// with models.TailAverage: a deterministic function of verified published
// models, so anyone holding the chain gets the same parameters, and one
// model that does not match its round's hash refuses the whole average.
// Averaging costs no privacy: every round's model is already published.
func FetchAveragedModel(ctx context.Context, ledger *contracts.Ledger, client cohortv1.CoordinatorClient, study uint64, round uint32, k int, log *slog.Logger) (*AveragedModel, error) {
	if k < 1 {
		return nil, fmt.Errorf("average the last %d rounds: give at least 1", k)
	}
	last, err := FetchRoundModel(ctx, ledger, client, study, round, log)
	if err != nil {
		return nil, err
	}
	first := uint32(1)
	if int(last.Round) > k {
		first = last.Round - uint32(k) + 1
	}
	avg := &AveragedModel{First: first, Last: last.Round}
	var params [][]float64
	for r := first; r < last.Round; r++ {
		m, err := FetchRoundModel(ctx, ledger, client, study, r, log)
		if err != nil {
			return nil, err
		}
		params, avg.Hashes = append(params, m.Params), append(avg.Hashes, m.Hash)
	}
	params, avg.Hashes = append(params, last.Params), append(avg.Hashes, last.Hash)
	if avg.Params, err = models.TailAverage(params); err != nil {
		return nil, err
	}
	return avg, nil
}
