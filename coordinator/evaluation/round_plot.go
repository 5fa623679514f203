package evaluation

import (
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
)

// RoundPlots draws the mean round's time by phase and a hospital's bytes
// per round against the number of hospitals.
func RoundPlots(reports []*RoundReport) ([]*plot.Plot, error) {
	times := []chart.Series{{Name: "round"}, {Name: "decrypt", Dashed: true}, {Name: "chain", Dashed: true}, {Name: "aggregate", Dashed: true}}
	traffic := []chart.Series{{Name: "received"}, {Name: "sent"}, {Name: "one update", Dashed: true}}
	robust := slices.ContainsFunc(reports, func(r *RoundReport) bool { return r.Robust })
	if robust {
		times = append(times, chart.Series{Name: "score", Dashed: true})
	}
	for _, r := range reports {
		x := float64(r.Participants)
		phases := []float64{r.Mean.Total, r.Mean.Decrypt, r.Mean.Chain, r.Mean.Aggregate}
		if robust {
			phases = append(phases, r.Mean.Score)
		}
		for i, v := range phases {
			times[i].Points = append(times[i].Points, plotter.XY{X: x, Y: v})
		}
		for i, v := range []float64{r.MeanPerHospital.WireReceived, r.MeanPerHospital.WireSent, float64(r.UpdateBytes)} {
			traffic[i].Points = append(traffic[i].Points, plotter.XY{X: x, Y: v / 1e6})
		}
	}
	title := "a round against the number of hospitals"
	if robust {
		title = "a robust round against the number of hospitals"
	}
	timePanel, err := chart.Line(chart.Axes{Title: title, X: "hospitals", Y: "seconds (mean round)"}, times...)
	if err != nil {
		return nil, err
	}
	bytesPanel, err := chart.Line(chart.Axes{Title: "one hospital's traffic per round", X: "hospitals", Y: "MB on the wire (mean hospital)"}, traffic...)
	if err != nil {
		return nil, err
	}
	return []*plot.Plot{timePanel, bytesPanel}, nil
}
