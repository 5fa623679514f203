package evaluation

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
)

// RoundPlots draws the mean round's time by phase and a hospital's bytes
// per round against the number of hospitals.
func RoundPlots(reports []*RoundReport) ([]*plot.Plot, error) {
	times := []chart.Series{{Name: "round"}, {Name: "decrypt", Dashed: true}, {Name: "chain", Dashed: true}, {Name: "aggregate", Dashed: true}}
	traffic := []chart.Series{{Name: "received"}, {Name: "sent"}, {Name: "one update", Dashed: true}}
	for _, r := range reports {
		x := float64(r.Participants)
		for i, v := range []float64{r.Mean.Total, r.Mean.Decrypt, r.Mean.Chain, r.Mean.Aggregate} {
			times[i].Points = append(times[i].Points, plotter.XY{X: x, Y: v})
		}
		for i, v := range []float64{r.MeanPerHospital.WireReceived, r.MeanPerHospital.WireSent, float64(r.UpdateBytes)} {
			traffic[i].Points = append(traffic[i].Points, plotter.XY{X: x, Y: v / 1e6})
		}
	}
	timePanel, err := chart.Line(chart.Axes{Title: "a round against the number of hospitals", X: "hospitals", Y: "seconds (mean round)"}, times...)
	if err != nil {
		return nil, err
	}
	bytesPanel, err := chart.Line(chart.Axes{Title: "one hospital's traffic per round", X: "hospitals", Y: "MB on the wire (mean hospital)"}, traffic...)
	if err != nil {
		return nil, err
	}
	return []*plot.Plot{timePanel, bytesPanel}, nil
}
