package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// svgTexts returns the texts of an SVG figure file (chart.SVGTexts).
func svgTexts(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotEmpty(t, b)
	texts, err := chart.SVGTexts(bytes.NewReader(b))
	require.NoError(t, err, "the SVG must be well-formed XML with an <svg> root")
	return texts
}

// drawSVG saves panels to an SVG file and returns its texts.
func drawSVG(t *testing.T, panels []*plot.Plot, err error) []string {
	t.Helper()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "figure.svg")
	require.NoError(t, chart.Save(path, panels...))
	return svgTexts(t, path)
}

func TestHistoryPlots(t *testing.T) {
	chainReport := &studies.Report{
		ID: 7,
		RoundHistory: []studies.RoundReport{
			{Number: 1, Status: "closed", Commitments: 4, Aggregated: 4, Accuracy: 0.8, AUC: 0.9, Loss: 0.4, ScoresHash: common.HexToHash("0x01")},
			{Number: 2, Status: "closed", Commitments: 4, Aggregated: 3, Accuracy: 0.85, AUC: 0.92, Loss: 0.3, ScoresHash: common.HexToHash("0x02")},
			{Number: 3, Status: "open", Commitments: 2},
		},
		Strikes: []studies.StrikeReport{{Round: 1}, {Round: 2}},
	}
	plain := &studies.Report{ID: 8, RoundHistory: []studies.RoundReport{{Number: 1, Status: "closed", Commitments: 3, Aggregated: 3, Accuracy: 0.7, AUC: 0.8, Loss: 0.5}}}
	demoRep := &simulation.Report{
		StudyID:      1,
		Participants: []simulation.Participant{{Name: "hospital-1"}, {Name: "hospital-2"}},
		Rounds: []simulation.RoundFigures{
			{Round: 1, Accuracy: 0.8, AUC: 0.9, Loss: 0.4, Participants: 2, Sites: []simulation.SiteRoundMetrics{{Name: "hospital-1"}, {Name: "hospital-2"}}},
			{Round: 2, Accuracy: 0.9, AUC: 0.95, Loss: 0.3, Participants: 2, Sites: []simulation.SiteRoundMetrics{{Name: "hospital-1"}, {Name: "hospital-2"}}},
		},
	}
	tests := []struct {
		name          string
		history       chart.History
		want, notWant []string
	}{
		{"robust study from the chain", evaluation.HistoryFromChain(chainReport),
			[]string{"study 7: model quality per round", "accuracy", "AUC", "loss", "round", "updates committed", "updates aggregated", "study 7: robust scoring per round", "flagged (a strike each)"},
			[]string{"hospital-1 accuracy"}},
		{"plain study from the chain", evaluation.HistoryFromChain(plain),
			[]string{"study 8: loss per round", "updates committed"},
			[]string{"flagged (a strike each)"}},
		{"demo with per-site metrics", evaluation.HistoryFromDemo(demoRep),
			[]string{"demo study 1: model quality per round", "hospital-1 accuracy", "hospital-2 accuracy", "updates aggregated"},
			[]string{"updates committed", "flagged (a strike each)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			panels, err := chart.HistoryPlots(tt.history)
			texts := drawSVG(t, panels, err)
			for _, w := range tt.want {
				assert.Contains(t, texts, w)
			}
			for _, w := range tt.notWant {
				assert.NotContains(t, texts, w)
			}
		})
	}
	h := evaluation.HistoryFromChain(chainReport)
	require.Len(t, h.Rounds, 3)
	assert.Equal(t, 1, h.Rounds[1].Flagged, "one strike in round 2")
	assert.False(t, h.Rounds[2].Closed, "the open round has no metrics yet")
}

func TestSavePlotsPNG(t *testing.T) {
	panels, err := evaluation.LearnPlots(&evaluation.LearnReport{Sites: 2, Seeds: 1})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "figure.png")
	require.NoError(t, chart.Save(path, panels...))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err, "a PNG when the name ends in .png")
	assert.Equal(t, 3*480, img.Bounds().Dx(), "three 5-inch panels side by side at 96 dpi")
}

func TestPlotPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	tests := []struct {
		name, path, want string
		is               error
	}{
		{"svg", filepath.Join(dir, "a.svg"), "", nil},
		{"png in upper case", filepath.Join(dir, "a.PNG"), "", nil},
		{"pdf", filepath.Join(dir, "a.pdf"), "must end in .svg or .png", chart.ErrFormat},
		{"no extension", filepath.Join(dir, "plot"), "must end in .svg or .png", chart.ErrFormat},
		{"missing directory", filepath.Join(dir, "nope", "a.svg"), "create it first", nil},
		{"directory is a file", filepath.Join(file, "a.svg"), "is not a directory", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := chart.CheckPath(tt.path)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
		})
	}
	assert.Error(t, chart.Save(filepath.Join(dir, "a.svg")), "nothing to draw")
}

// TestPlotFlags checks that every command with --plot refuses a path it
// could not write before doing any work.
func TestPlotFlags(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "missing", "figure.svg")
	tests := []struct {
		name string
		args []string
	}{
		{"demo", []string{"demo", "--plot", bad}},
		{"study show", []string{"study", "show", "--eth-rpc", "http://127.0.0.1:1", "--contract", "0x0000000000000000000000000000000000000c01", "--study", "1", "--plot", bad}},
		{"bench he", []string{"bench", "he", "--plot", bad}},
		{"bench robust", []string{"bench", "robust", "--data", "x.csv", "--schema", "y.json", "--plot", bad}},
		{"bench learn", []string{"bench", "learn", "--data", "x.csv", "--schema", "y.json", "--plot", bad}},
		{"bench he pdf", []string{"bench", "he", "--plot", "figure.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			assert.Equal(t, 2, run(context.Background(), tt.args, &out, &errOut))
			assert.Contains(t, errOut.String(), "--plot: plot: ")
			assert.NotContains(t, errOut.String(), "key generation", "refused before any work")
		})
	}
}

// TestBenchHEPlot draws the figure of a tiny `cohort bench he` run, and
// keeps the table when the figure cannot be written.
func TestBenchHEPlot(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--parties", "2", "--params", "100,1000", "--distinct", "1"}
	var out, errOut bytes.Buffer
	path := filepath.Join(dir, "he.svg")
	require.NoError(t, runBenchHE(context.Background(), append(args, "--plot", path), &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "B/param up", "the table is printed as before")
	assert.Contains(t, errOut.String(), "plot written to "+path)
	assert.Contains(t, svgTexts(t, path), "encrypted, n = 2")

	// A directory where the file should be passes the early check and
	// fails only when the figure is written: after the table.
	blocked := filepath.Join(dir, "blocked.svg")
	require.NoError(t, os.Mkdir(blocked, 0o755))
	out.Reset()
	errOut.Reset()
	err := runBenchHE(context.Background(), append(args, "--plot", blocked, "--json"), &out, &errOut)
	require.Error(t, err)
	assert.Contains(t, err.Error(), blocked)
	var rep evaluation.HEReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), "the JSON is printed before the plot fails")
	assert.Len(t, rep.Results, 2)
}

// TestPlotsOfUnmeasuredFigures draws panels whose figures were not all
// measured (NaN and infinite values, points a log axis cannot show): they
// are left out, not an error, and the page stays well-formed.
func TestPlotsOfUnmeasuredFigures(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	lines, err := chart.Line(chart.Axes{Title: "gaps", X: "x", Y: "y", LogX: true, LogY: true},
		chart.Series{Name: "some", Points: plotter.XYs{{X: 0, Y: 1}, {X: 10, Y: nan}, {X: 100, Y: -1}, {X: 1000, Y: 2}}, Spread: []float64{nan, inf, 0, 0.1}},
		chart.Series{Name: "none", Points: plotter.XYs{{X: 1, Y: nan}}})
	require.NoError(t, err)
	spread, err := chart.Line(chart.Axes{Title: "spread", X: "x", Y: "y"},
		chart.Series{Name: "unmeasured spread", Points: plotter.XYs{{X: 1, Y: 1}, {X: 2, Y: inf}}, Spread: []float64{nan, nan}})
	require.NoError(t, err)
	bars, err := chart.Bars(chart.Axes{Title: "one seed", Y: "accuracy"}, chart.Bar{Name: "a", Mean: 0.9, SD: nan}, chart.Bar{Name: "b", Mean: 0.8, SD: inf})
	require.NoError(t, err)
	texts := drawSVG(t, []*plot.Plot{lines, spread, bars}, nil)
	assert.Contains(t, texts, "some")
	assert.NotContains(t, texts, "none", "a series with no point has no legend entry")
	assert.Contains(t, texts, "unmeasured spread")
	assert.Contains(t, texts, "one seed")
}
