// Package chart draws Cohort's figures with gonum.org/v1/plot: a helper per
// chart kind (lines over a numeric axis, bars with a spread), the page that
// tiles panels and writes it as SVG or PNG, and a study's history (study
// show, demo). Every figure is drawn from values a command or a benchmark
// already computed for its tables and JSON.
package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Panel size on the page; a figure tiles its panels two to a row, or three
// side by side.
const (
	PanelWidth  = 5 * vg.Inch
	PanelHeight = 3.2 * vg.Inch
	columns     = 2
)

// ErrFormat is returned for a --plot file whose name ends in neither
// .svg nor .png.
var ErrFormat = errors.New("plot: the file name must end in .svg or .png")

// Format returns the image format a --plot path names by its extension.
func Format(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg", ".png":
		return ext[1:], nil
	default:
		return "", fmt.Errorf("%w, not %q", ErrFormat, filepath.Base(path))
	}
}

// CheckPath refuses a --plot path that could not be written, before a
// command spends minutes on the figures it would draw: the format must be
// known and the directory must exist.
func CheckPath(path string) error {
	if _, err := Format(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("plot: directory %s of %s: %w (create it first)", dir, path, err)
	case !st.IsDir():
		return fmt.Errorf("plot: %s is not a directory, so %s cannot be written", dir, path)
	}
	return nil
}

// Series is one named line of a panel; a point with a NaN y is left out (a
// figure not measured there, such as a detection rate with nothing to
// detect).
type Series struct {
	Name   string
	Points plotter.XYs
	// Spread, if set, holds each point's standard deviation, drawn as an
	// error bar.
	Spread []float64
	Dashed bool
}

// Axes names a panel and its axes.
type Axes struct {
	Title, X, Y string
	LogX, LogY  bool
	// YMin and YMax fix the y range when YMax > YMin (rates in [0, 1]).
	YMin, YMax float64
	// IntegerX puts a tick on every whole x (rounds); CountY starts the y
	// axis at 0 with whole ticks (updates).
	IntegerX, CountY bool
	// LegendBottom puts the legend at the bottom right, clear of lines
	// that run near the top (accuracies).
	LegendBottom bool
}

// NewPanel makes an empty panel with its title, labels and scales.
func NewPanel(a Axes) *plot.Plot {
	p := plot.New()
	p.Title.Text = a.Title
	p.X.Label.Text = a.X
	p.Y.Label.Text = a.Y
	p.Add(plotter.NewGrid())
	if a.LogX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	if a.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	if a.YMax > a.YMin {
		p.Y.Min, p.Y.Max = a.YMin, a.YMax
	}
	if a.IntegerX {
		p.X.Tick.Marker = IntegerTicks{}
	}
	if a.CountY {
		p.Y.Min = 0
		p.Y.Tick.Marker = IntegerTicks{}
	}
	p.Legend.Top = !a.LegendBottom
	return p
}

// Line draws series as lines with points over a numeric x axis. Points
// a log axis cannot show (zero or negative) and NaN points are left out.
func Line(a Axes, ss ...Series) (*plot.Plot, error) {
	p := NewPanel(a)
	for i, s := range ss {
		var pts plotter.XYs
		var errs plotter.YErrors
		for k, pt := range s.Points {
			if math.IsNaN(pt.Y) || math.IsInf(pt.Y, 0) || (a.LogX && pt.X <= 0) || (a.LogY && pt.Y <= 0) {
				continue
			}
			pts = append(pts, pt)
			if k < len(s.Spread) {
				d := FiniteOr0(s.Spread[k])
				errs = append(errs, struct{ Low, High float64 }{d, d})
			}
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, fmt.Errorf("plot %q, Series %q: %w", a.Title, s.Name, err)
		}
		line.Color = plotutil.Color(i)
		points.Color = plotutil.Color(i)
		points.Shape = plotutil.Shape(i)
		if s.Dashed {
			line.Dashes = plotutil.Dashes(1)
		}
		p.Add(line, points)
		p.Legend.Add(s.Name, line, points)
		if len(errs) == len(pts) && !a.LogY {
			bars, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{pts, errs})
			if err != nil {
				return nil, fmt.Errorf("plot %q, spread of %q: %w", a.Title, s.Name, err)
			}
			bars.Color = plotutil.Color(i)
			p.Add(bars)
		}
	}
	return p, nil
}

// Bar is one bar of a bar panel: a mean and its standard deviation.
type Bar struct {
	Name     string
	Mean, SD float64
}

// Bars draws one bar per value with its spread as an error bar. The y
// axis starts at a.YMin, so that close values (accuracies near 1) can be
// told apart; its tick labels say where it starts.
func Bars(a Axes, bars ...Bar) (*plot.Plot, error) {
	p := NewPanel(a)
	values := make(plotter.Values, len(bars))
	pts := make(plotter.XYs, len(bars))
	errs := make(plotter.YErrors, len(bars))
	names := make([]string, len(bars))
	for i, b := range bars {
		values[i], names[i] = b.Mean, b.Name
		pts[i] = plotter.XY{X: float64(i), Y: b.Mean}
		errs[i].Low, errs[i].High = FiniteOr0(b.SD), FiniteOr0(b.SD)
	}
	chart, err := plotter.NewBarChart(values, PanelWidth/vg.Length(2*max(len(bars), 1)+1))
	if err != nil {
		return nil, fmt.Errorf("plot %q: %w", a.Title, err)
	}
	chart.Color = plotutil.Color(0)
	chart.LineStyle.Width = 0
	spread, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{pts, errs})
	if err != nil {
		return nil, fmt.Errorf("plot %q: spread: %w", a.Title, err)
	}
	p.Add(chart, spread) // widens the y range to the bars' base, 0
	if a.YMax > a.YMin {
		p.Y.Min, p.Y.Max = a.YMin, a.YMax
	}
	p.NominalX(names...)
	return p, nil
}

// Save tiles panels, plotColumns to a row, on one page and writes it to
// path in the format its extension names.
func Save(path string, panels ...*plot.Plot) (err error) {
	format, err := Format(path)
	if err != nil {
		return err
	}
	if len(panels) == 0 {
		return errors.New("plot: nothing to draw")
	}
	cols := min(columns, len(panels))
	if len(panels) == 3 {
		cols = 3
	}
	rows := (len(panels) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for c := range grid[r] {
			if i := r*cols + c; i < len(panels) {
				grid[r][c] = panels[i]
			}
		}
	}
	page, err := draw.NewFormattedCanvas(vg.Length(cols)*PanelWidth, vg.Length(rows)*PanelHeight, format)
	if err != nil {
		return err
	}
	dc := draw.New(page)
	if format == "png" { // SVG pages are transparent; a PNG would be black
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	pad := vg.Length(0.15 * vg.Inch)
	canvases := plot.Align(grid, draw.Tiles{Rows: rows, Cols: cols, PadX: pad, PadY: pad, PadTop: pad / 2, PadBottom: pad / 2, PadLeft: pad / 2, PadRight: pad / 2}, dc)
	for r := range grid {
		for c, p := range grid[r] {
			if p != nil {
				p.Draw(canvases[r][c])
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("plot: %w", cerr)
		}
	}()
	if _, err := page.WriteTo(f); err != nil {
		_ = os.Remove(path) // no half-written figure
		return fmt.Errorf("plot: writing %s: %w", path, err)
	}
	return nil
}

// IntegerTicks marks every whole number of the axis (at most about 10,
// then every second, fifth... one).
type IntegerTicks struct{}

// Ticks returns the ticks of whole numbers between lo and hi.
func (IntegerTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	for (hi-lo)/step > 10 {
		switch {
		case step == 1:
			step = 2
		case step == 2:
			step = 5
		default:
			step *= 2
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: fmt.Sprintf("%.0f", v)})
	}
	return ticks
}

// HistoryRound is one round of a study's history as its figure draws it.
type HistoryRound struct {
	Round uint32
	// Closed tells whether the round produced a model (and metrics).
	Closed              bool
	Accuracy, AUC, Loss float64
	// Committed counts the updates committed on chain, Aggregated those the
	// round's model averaged, Flagged those robust scoring flagged (one
	// strike each).
	Committed, Aggregated, Flagged int
	// Sites holds each site's accuracy on its own test records, if known.
	Sites map[string]float64
}

// History is what `study show --plot` and `demo --plot` draw.
type History struct {
	Title  string
	Robust bool
	// Commits tells whether the rounds' committed counts are known (the
	// chain has them; the demo's report counts only aggregated updates).
	Commits bool
	Rounds  []HistoryRound
	// SiteNames orders the per-site lines.
	SiteNames []string
}

// HistoryPlots draws a study's history: accuracy and AUC per round (and
// each site's accuracy), loss, contributors, and flagged updates if the
// study is robust.
func HistoryPlots(h History) ([]*plot.Plot, error) {
	var acc, auc, loss, committed, aggregated, flagged Series
	acc.Name, auc.Name, loss.Name = "accuracy", "AUC", "loss"
	committed.Name, aggregated.Name, flagged.Name = "updates committed", "updates aggregated", "flagged (a strike each)"
	committed.Dashed = true
	sites := make([]Series, len(h.SiteNames))
	for i, name := range h.SiteNames {
		sites[i] = Series{Name: name + " accuracy", Dashed: true}
	}
	for _, r := range h.Rounds {
		x := float64(r.Round)
		committed.Points = append(committed.Points, plotter.XY{X: x, Y: float64(r.Committed)})
		flagged.Points = append(flagged.Points, plotter.XY{X: x, Y: float64(r.Flagged)})
		if !r.Closed {
			continue
		}
		aggregated.Points = append(aggregated.Points, plotter.XY{X: x, Y: float64(r.Aggregated)})
		acc.Points = append(acc.Points, plotter.XY{X: x, Y: r.Accuracy})
		auc.Points = append(auc.Points, plotter.XY{X: x, Y: r.AUC})
		loss.Points = append(loss.Points, plotter.XY{X: x, Y: r.Loss})
		for i, name := range h.SiteNames {
			if v, ok := r.Sites[name]; ok {
				sites[i].Points = append(sites[i].Points, plotter.XY{X: x, Y: v})
			}
		}
	}
	quality, err := Line(Axes{Title: h.Title + ": model quality per round", X: "round", Y: "on the sites' test records", IntegerX: true, YMin: 0, YMax: 1.05, LegendBottom: true},
		append([]Series{acc, auc}, sites...)...)
	if err != nil {
		return nil, err
	}
	lossPanel, err := Line(Axes{Title: h.Title + ": loss per round", X: "round", Y: "log loss", IntegerX: true}, loss)
	if err != nil {
		return nil, err
	}
	counts := []Series{aggregated}
	if h.Commits {
		counts = append(counts, committed)
	}
	contributors, err := Line(Axes{Title: h.Title + ": contributors per round", X: "round", Y: "updates", IntegerX: true, CountY: true}, counts...)
	if err != nil {
		return nil, err
	}
	panels := []*plot.Plot{quality, lossPanel, contributors}
	if h.Robust {
		flags, err := Line(Axes{Title: h.Title + ": robust scoring per round", X: "round", Y: "updates flagged", IntegerX: true, CountY: true}, flagged)
		if err != nil {
			return nil, err
		}
		panels = append(panels, flags)
	}
	return panels, nil
}

// HasPoints tells whether any of ss has a point to draw.
func HasPoints(ss []Series) bool {
	for _, s := range ss {
		for _, p := range s.Points {
			if !math.IsNaN(p.Y) {
				return true
			}
		}
	}
	return false
}

// Range returns the lowest and highest y of ss, spreads included,
// ignoring NaN; lo > hi if there is none.
func Range(ss []Series) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for k, p := range s.Points {
			if math.IsNaN(p.Y) {
				continue
			}
			d := 0.0
			if k < len(s.Spread) {
				d = s.Spread[k]
			}
			lo, hi = math.Min(lo, p.Y-d), math.Max(hi, p.Y+d)
		}
	}
	return lo, hi
}

// FiniteOr0 is x, or 0 for NaN and infinities: a spread that was not
// measured (one seed) is drawn as none.
func FiniteOr0(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}
