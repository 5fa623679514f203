package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// replaySite is one site's scores in one round of a plaintext replay.
type replaySite struct {
	Site      int     `json:"site"`
	Malicious bool    `json:"malicious"`
	LogNorm   float64 `json:"log_norm"`
	Direction float64 `json:"direction"`
	Cosine    float64 `json:"cosine"`
	NormZ     float64 `json:"norm_z"`
	DirZ      float64 `json:"dir_z"`
	Flagged   bool    `json:"flagged"`
	K         int     `json:"k"`
}

// replayStudy is one plaintext replay of a robust study under today's rule,
// its rounds in order.
type replayStudy struct {
	Data     string         `json:"data"`
	Sites    int            `json:"sites"`
	Seed     int64          `json:"seed"`
	Attack   string         `json:"attack"`
	Fraction float64        `json:"fraction"`
	Accuracy float64        `json:"accuracy"`
	Rounds   [][]replaySite `json:"rounds"`
}

// TestRobustReplay replays `bench robust` studies in plaintext, in seconds
// where the encrypted bench takes minutes, for flag rules to be measured on
// their scores (issue 14; aggregation TestHistoryRulesOnReplays): the same
// seeds, sites, root set, local training and attacks (the first sites
// attack), the coordinator's plaintext scores and today's rule for weights
// and flags. Nobody is suspended, so every site takes part in every round.
// It appends one JSON line per study to COHORT_REPLAY_OUT;
// COHORT_REPLAY="data|schema|sites|seeds|rounds|attacks|fractions" as the
// bench's flags (schema empty for synthetic data). The adaptive attacks,
// which pool the colluders' updates, are not replayed.
func TestRobustReplay(t *testing.T) {
	spec := os.Getenv("COHORT_REPLAY")
	if spec == "" {
		t.Skip("set COHORT_REPLAY to replay studies")
	}
	f := strings.Split(spec, "|")
	if len(f) != 7 {
		t.Fatalf("COHORT_REPLAY has %d fields (data|schema|sites|seeds|rounds|attacks|fractions), want 7", len(f))
	}
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	cfg := DefaultRobustConfig()
	cfg.Data, cfg.Schema = f[0], f[1]
	cfg.Sites, cfg.Seeds, cfg.Rounds = atoi(f[2]), atoi(f[3]), atoi(f[4])
	cfg.Attacks = strings.Split(f[5], ",")
	cfg.Fractions = nil
	for _, s := range strings.Split(f[6], ",") {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Fractions = append(cfg.Fractions, v)
	}
	var err error
	if cfg.Source, err = ParseRobustData(cfg.Data, cfg.Schema); err != nil {
		t.Fatal(err)
	}
	var schema records.Schema
	if cfg.Source.synthetic == "" {
		if schema, err = records.LoadSchemaFile(cfg.Schema); err != nil {
			t.Fatal(err)
		}
		cfg.Spec.Features = schema.Features()
	} else {
		cfg.Spec.Features = robustSyntheticFeatures
	}
	if len(cfg.Source.Files) > 1 {
		cfg.Sites = len(cfg.Source.Files)
	}
	out, err := os.OpenFile(os.Getenv("COHORT_REPLAY_OUT"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	for s := range cfg.Seeds {
		sd, err := RobustSeed(cfg, schema, int64(s+1))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range cfg.Attacks {
			for _, frac := range cfg.Fractions {
				if (name == "none") != (frac == 0) {
					continue // as the bench: no attack only at 0, every attack above it
				}
				st, err := replay(context.Background(), cfg, sd, name, frac)
				if err != nil {
					t.Fatal(err)
				}
				b, err := json.Marshal(st)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := fmt.Fprintln(out, string(b)); err != nil {
					t.Fatal(err)
				}
				t.Logf("seed %d %s %.2f accuracy %.4f", sd.seed, name, frac, st.Accuracy)
			}
		}
	}
}

// replay runs one study in plaintext: per round, every site trains from the
// global model (the first MaliciousSites(frac) playing attack name), the
// coordinator's plaintext scores against the root set's reference update,
// RoundWeights for weights and flags, FedAvg on the weighted sum.
func replay(ctx context.Context, cfg RobustConfig, sd RobustSeedData, name string, frac float64) (replayStudy, error) {
	st := replayStudy{Data: cfg.Data, Sites: cfg.Sites, Seed: sd.seed, Attack: name, Fraction: frac}
	bad := MaliciousSites(frac, cfg.Sites)
	attack, err := participant.ParseAttack(name)
	if err != nil {
		return st, err
	}
	if attack.Kind == participant.AttackALIE || attack.Kind == participant.AttackMinMax || attack.Kind == participant.AttackMinSum {
		return st, fmt.Errorf("%s pools the colluders' updates; the replay plays each site alone: use the encrypted bench", name)
	}
	if attack.Kind == participant.AttackBackdoor {
		attack.TriggerFeature = sd.trig
	}
	policy, err := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
	if err != nil {
		return st, err
	}
	encoder, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		return st, err
	}
	opt, err := aggregation.NewFedOpt(aggregation.DefaultFedOptConfig(aggregation.FedAvg))
	if err != nil {
		return st, err
	}
	init, err := models.New(cfg.Spec, sd.seed)
	if err != nil {
		return st, err
	}
	global := init.Params()
	X, y := records.Matrix(sd.root)
	root := models.Dataset{X: X, Y: y}
	honest := cfg.Sites - MaliciousSites(cfg.Fractions[len(cfg.Fractions)-1], cfg.Sites)
	quorum := max(1, (honest+1)/2)
	for r := uint32(1); r <= uint32(cfg.Rounds); r++ {
		var idx []int
		var updates [][]float64
		var samples []uint64
		for i, site := range sd.sites {
			recs := records.ConsentedOnly(site.Train, site.Consents)
			var a participant.Attack
			if i < bad {
				a = attack
				a.Seed = sd.seed*1000 + int64(i)
				recs = a.PoisonRecords(recs)
			}
			m, err := models.New(cfg.Spec, sd.seed)
			if err != nil {
				return st, err
			}
			if err := m.SetParams(global); err != nil {
				return st, err
			}
			tc := cfg.Local
			tc.Seed = sd.seed + int64(i) + int64(r)
			Xs, ys := records.Matrix(recs)
			if _, err := m.Fit(ctx, Xs, ys, records.Times(recs), tc); err != nil {
				return st, err
			}
			u := m.Params()
			for j := range u {
				u[j] -= global[j]
			}
			if i < bad {
				u = a.PoisonUpdate(u)
			}
			idx, updates, samples = append(idx, i), append(updates, u), append(samples, uint64(len(recs)))
		}
		reference, err := models.ReferenceUpdate(ctx, cfg.Spec, global, root, models.ReferenceTrainConfig(r))
		if err != nil {
			return st, err
		}
		var seed [32]byte
		copy(seed[:], fmt.Sprintf("replay %d %d", sd.seed, r))
		k := aggregation.DefaultProjectionsFor(len(global))
		refs, err := encoder.NewReferences(reference, seed, k)
		if err != nil {
			return st, err
		}
		scores := make([]aggregation.Scores, len(updates))
		for j, u := range updates {
			if scores[j], err = aggregation.PlainScores(u, refs); err != nil {
				return st, err
			}
		}
		trust, weights, err := policy.RoundWeights(scores, refs.ReferenceNorm(), samples, quorum, contracts.MetricUnit)
		if err != nil {
			return st, err
		}
		round := make([]replaySite, len(updates))
		delta := make([]float64, len(global))
		for j, tr := range trust {
			round[j] = replaySite{Site: idx[j], Malicious: idx[j] < bad, LogNorm: math.Log(max(tr.Norm, 1e-300)), Direction: tr.Direction, Cosine: tr.Cosine,
				NormZ: tr.NormZ, DirZ: tr.DirectionZ, Flagged: tr.Flagged(), K: k}
			for g, v := range updates[j] {
				delta[g] += weights[j] * v
			}
		}
		st.Rounds = append(st.Rounds, round)
		if global, err = opt.Step(global, delta); err != nil {
			return st, err
		}
	}
	m, err := models.New(cfg.Spec, sd.seed)
	if err != nil {
		return st, err
	}
	if err := m.SetParams(global); err != nil {
		return st, err
	}
	sc, err := simulation.ScoreRecords(m, sd.test)
	if err != nil {
		return st, err
	}
	st.Accuracy = sc.Accuracy
	return st, nil
}
