package simulation

import (
	"context"
	"fmt"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// PersonalisedSite is one hospital's shared and personalised model scored
// on its own test records. The personalised model stays at the hospital:
// nothing of it goes to the coordinator or the chain.
type PersonalisedSite struct {
	Name         string `json:"name"`
	Shared       Scores `json:"shared"`
	Personalised Scores `json:"personalised"`
}

// Personalise fine-tunes the study's final shared model at each hospital
// on its own (consented, as the study standardised them) training records,
// as the recipe's personalise says, and scores both models on the
// hospital's own test records. It returns nil without a recipe that
// personalises.
func (s *Study) Personalise(ctx context.Context) ([]PersonalisedSite, error) {
	r := s.cfg.Recipe
	if r == nil || r.Personalise == nil || s.result == nil || s.result.FinalModel == nil {
		return nil, nil
	}
	tc := r.Local
	tc.Epochs, tc.LearningRate, tc.Privacy = r.Personalise.Epochs, r.Personalise.LearningRate, nil
	var out []PersonalisedSite
	for i, site := range s.sites {
		train := records.ConsentedOnly(site.Train, site.Consents)
		test := records.ConsentedOnly(site.Test, site.Consents)
		if s.standardiser != nil {
			var err error
			if train, err = s.standardiser.Apply(train); err != nil {
				return nil, err
			}
			if test, err = s.standardiser.Apply(test); err != nil {
				return nil, err
			}
		}
		m, err := models.New(s.spec, s.cfg.Seed)
		if err != nil {
			return nil, err
		}
		if err := m.SetParams(s.result.FinalModel); err != nil {
			return nil, err
		}
		p := PersonalisedSite{Name: s.participants[i].Name}
		if p.Shared, err = ScoreRecords(m, test); err != nil {
			return nil, err
		}
		tc.Seed = s.cfg.Seed + int64(i)
		if err := FitRecords(ctx, m, train, tc); err != nil {
			return nil, fmt.Errorf("%s personalising: %w", p.Name, err)
		}
		if p.Personalised, err = ScoreRecords(m, test); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
