package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// personalisedSite is one hospital's shared and personalised model scored
// on its own test records. The personalised model stays at the hospital:
// nothing of it goes to the coordinator or the chain.
type personalisedSite struct {
	Name         string     `json:"name"`
	Shared       evalScores `json:"shared"`
	Personalised evalScores `json:"personalised"`
}

// personalise fine-tunes the study's final shared model at each hospital
// on its own (consented, as the study standardised them) training records,
// as the recipe's personalise says, and scores both models on the
// hospital's own test records.
func (s *localStudy) personalise(ctx context.Context) ([]personalisedSite, error) {
	r := s.cfg.recipe
	if r == nil || r.Personalise == nil || s.result == nil || s.result.FinalModel == nil {
		return nil, nil
	}
	tc := r.Local
	tc.Epochs, tc.LearningRate, tc.Privacy = r.Personalise.Epochs, r.Personalise.LearningRate, nil
	var out []personalisedSite
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
		m, err := models.New(s.spec, s.cfg.seed)
		if err != nil {
			return nil, err
		}
		if err := m.SetParams(s.result.FinalModel); err != nil {
			return nil, err
		}
		p := personalisedSite{Name: s.participants[i].Name}
		if p.Shared, err = scoreRecords(m, test); err != nil {
			return nil, err
		}
		tc.Seed = s.cfg.seed + int64(i)
		if err := fitRecords(ctx, m, train, tc); err != nil {
			return nil, fmt.Errorf("%s personalising: %w", p.Name, err)
		}
		if p.Personalised, err = scoreRecords(m, test); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// printPersonalised prints each hospital's shared and personalised figure.
func printPersonalised(out io.Writer, ps []personalisedSite, metric string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(out, "personalised at each hospital (fine-tuned on its own records; stays there), %s on its own test records:", metric)
	for _, p := range ps {
		fmt.Fprintf(out, "  %s %.3f -> %.3f", p.Name, p.Shared.headline(metric), p.Personalised.headline(metric))
	}
	fmt.Fprintln(out)
}
