package evaluation

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// HistoryFromChain is the history of a study as the chain records it.
func HistoryFromChain(r *studies.Report) chart.History {
	h := chart.History{Title: fmt.Sprintf("study %d", r.ID), Robust: len(r.Strikes) > 0, Commits: true}
	strikes := make(map[uint32]int)
	for _, k := range r.Strikes {
		strikes[k.Round]++
	}
	for _, rr := range r.RoundHistory {
		h.Robust = h.Robust || rr.ScoresHash != (common.Hash{})
		h.Rounds = append(h.Rounds, chart.HistoryRound{
			Round: rr.Number, Closed: rr.Status == "closed", Accuracy: rr.Accuracy, AUC: rr.AUC, Loss: rr.Loss,
			Committed: int(rr.Commitments), Aggregated: int(rr.Aggregated), Flagged: strikes[rr.Number],
		})
	}
	return h
}

// HistoryFromDemo is the history of a simulated study, per site too.
func HistoryFromDemo(rep *simulation.Report) chart.History {
	h := chart.History{Title: fmt.Sprintf("demo study %d", rep.StudyID)}
	for _, p := range rep.Participants {
		h.SiteNames = append(h.SiteNames, p.Name)
	}
	for _, f := range rep.Rounds {
		h.Robust = h.Robust || f.Seconds.Score > 0 || len(f.Flagged) > 0
		hr := chart.HistoryRound{
			Round: f.Round, Closed: true, Accuracy: f.Accuracy, AUC: f.AUC, Loss: f.Loss,
			Aggregated: f.Participants, Flagged: len(f.Flagged),
		}
		if len(f.Contributors) > 0 {
			hr.Aggregated = len(f.Contributors)
		}
		if len(f.Sites) > 0 {
			hr.Sites = make(map[string]float64, len(f.Sites))
			for _, s := range f.Sites {
				hr.Sites[s.Name] = s.Accuracy
			}
		}
		h.Rounds = append(h.Rounds, hr)
	}
	return h
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

// StudyPlots is what `study show --plot` draws: the history, and the
// privacy spent if the study has a budget.
func StudyPlots(r *studies.Report) ([]*plot.Plot, error) {
	panels, err := chart.HistoryPlots(HistoryFromChain(r))
	if err != nil || r.Privacy == nil || len(r.RoundHistory) == 0 {
		return panels, err
	}
	p, err := privacyPanel(r)
	return append(panels, p), err
}
