package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

// privacyReport is a study's differential-privacy budget as the chain
// records it, and the ε its rounds have spent.
type privacyReport struct {
	Epsilon float64 `json:"epsilon_budget"`
	Delta   float64 `json:"delta"`
	Spent   float64 `json:"epsilon_spent"`
}

// privacyBudget is the on-chain budget of a study whose hospitals train
// with tc; zero without differential privacy.
func privacyBudget(tc *models.TrainConfig) contracts.PrivacyBudget {
	if tc == nil || tc.Privacy == nil {
		return contracts.PrivacyBudget{}
	}
	return contracts.PrivacyBudget{Epsilon: tc.Privacy.Epsilon, Delta: tc.Privacy.Delta}
}

// printPrivacy prints the budget and, per round, the study's ε after it,
// what the round added and what is left.
func printPrivacy(w io.Writer, r *studyReport) {
	p := r.Privacy
	if p == nil {
		return
	}
	fmt.Fprintf(w, "\nprivacy budget ε %g at δ %g: %.6g spent, %.6g left\n", p.Epsilon, p.Delta, p.Spent, p.Epsilon-p.Spent)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  round\tε after\tthis round\tleft")
	prev := 0.0
	for _, rr := range r.RoundHistory {
		fmt.Fprintf(tw, "  %d\t%.6f\t%.6f\t%.6f\n", rr.Number, rr.EpsilonSpent, rr.EpsilonSpent-prev, p.Epsilon-rr.EpsilonSpent)
		prev = rr.EpsilonSpent
	}
	tw.Flush()
}

// privacyReport reads a finished local study's budget and ε spent from the
// chain; nil without differential privacy.
func (s *localStudy) privacyReport() (*privacyReport, error) {
	ctx, cancel := context.WithTimeout(context.Background(), chainTimeout)
	defer cancel()
	st, err := s.ledger.Study(ctx, s.studyID)
	if err != nil {
		return nil, err
	}
	if st.Privacy == (contracts.PrivacyBudget{}) {
		return nil, nil
	}
	return &privacyReport{Epsilon: st.Privacy.Epsilon, Delta: st.Privacy.Delta, Spent: st.EpsilonSpent}, nil
}

// privacyPanel draws a study's ε after each round against its budget.
func privacyPanel(r *studyReport) (*plot.Plot, error) {
	p := r.Privacy
	spent := series{name: "ε after the round (on chain)"}
	budget := series{name: fmt.Sprintf("budget ε %g", p.Epsilon), dashed: true}
	for _, rr := range r.RoundHistory {
		x := float64(rr.Number)
		spent.points = append(spent.points, plotter.XY{X: x, Y: rr.EpsilonSpent})
		budget.points = append(budget.points, plotter.XY{X: x, Y: p.Epsilon})
	}
	return linePanel(axes{title: fmt.Sprintf("study %d: privacy spent (δ = %g)", r.ID, p.Delta), x: "round", y: "ε", integerX: true, legendBottom: true}, spent, budget)
}

// studyPlots is what `study show --plot` draws: the history, and the
// privacy spent if the study has a budget.
func studyPlots(r *studyReport) ([]*plot.Plot, error) {
	panels, err := historyPlots(historyFromChain(r))
	if err != nil || r.Privacy == nil || len(r.RoundHistory) == 0 {
		return panels, err
	}
	p, err := privacyPanel(r)
	return append(panels, p), err
}
