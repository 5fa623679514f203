package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
)

// printPrivacy prints the budget and, per round, the study's ε after it,
// what the round added and what is left.
func printPrivacy(w io.Writer, r *studies.Report) {
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

// privacyPanel draws a study's ε after each round against its budget.
func privacyPanel(r *studies.Report) (*plot.Plot, error) {
	p := r.Privacy
	spent := chart.Series{Name: "ε after the round (on chain)"}
	budget := chart.Series{Name: fmt.Sprintf("budget ε %g", p.Epsilon), Dashed: true}
	for _, rr := range r.RoundHistory {
		x := float64(rr.Number)
		spent.Points = append(spent.Points, plotter.XY{X: x, Y: rr.EpsilonSpent})
		budget.Points = append(budget.Points, plotter.XY{X: x, Y: p.Epsilon})
	}
	return chart.Line(chart.Axes{Title: fmt.Sprintf("study %d: privacy spent (δ = %g)", r.ID, p.Delta), X: "round", Y: "ε", IntegerX: true, LegendBottom: true}, spent, budget)
}

// studyPlots is what `study show --plot` draws: the history, and the
// privacy spent if the study has a budget.
func studyPlots(r *studies.Report) ([]*plot.Plot, error) {
	panels, err := chart.HistoryPlots(historyFromChain(r))
	if err != nil || r.Privacy == nil || len(r.RoundHistory) == 0 {
		return panels, err
	}
	p, err := privacyPanel(r)
	return append(panels, p), err
}
