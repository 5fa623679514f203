package main

// plot.go draws the figures that --plot writes, with gonum.org/v1/plot: a
// helper per chart kind (lines over a numeric axis, bars with a spread),
// the page that tiles them, and a study's history (study show, demo). Each
// benchmark's figure is beside its table in bench_<name>.go; every figure
// is drawn from the values the command already computed for its tables and
// JSON.

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// Panel size on the page; a figure tiles its panels two to a row, or three
// side by side.
const (
	panelWidth  = 5 * vg.Inch
	panelHeight = 3.2 * vg.Inch
	plotColumns = 2
)

// plotFlagUsage is the help text of every command's --plot flag.
const plotFlagUsage = "also draw the figures to this file: SVG, or PNG if the name ends in .png"

// ErrPlotFormat is returned for a --plot file whose name ends in neither
// .svg nor .png.
var ErrPlotFormat = errors.New("plot: the file name must end in .svg or .png")

// plotFormat returns the image format a --plot path names by its extension.
func plotFormat(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg", ".png":
		return ext[1:], nil
	default:
		return "", fmt.Errorf("%w, not %q", ErrPlotFormat, filepath.Base(path))
	}
}

// checkPlotPath refuses a --plot path that could not be written, before a
// command spends minutes on the figures it would draw: the format must be
// known and the directory must exist.
func checkPlotPath(path string) error {
	if _, err := plotFormat(path); err != nil {
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

// series is one named line of a panel; a point with a NaN y is left out (a
// figure not measured there, such as a detection rate with nothing to
// detect).
type series struct {
	name   string
	points plotter.XYs
	// spread, if set, holds each point's standard deviation, drawn as an
	// error bar.
	spread []float64
	dashed bool
}

// axes names a panel and its axes.
type axes struct {
	title, x, y string
	logX, logY  bool
	// yMin and yMax fix the y range when yMax > yMin (rates in [0, 1]).
	yMin, yMax float64
	// integerX puts a tick on every whole x (rounds); countY starts the y
	// axis at 0 with whole ticks (updates).
	integerX, countY bool
	// legendBottom puts the legend at the bottom right, clear of lines
	// that run near the top (accuracies).
	legendBottom bool
}

// newPanel makes an empty panel with its title, labels and scales.
func newPanel(a axes) *plot.Plot {
	p := plot.New()
	p.Title.Text = a.title
	p.X.Label.Text = a.x
	p.Y.Label.Text = a.y
	p.Add(plotter.NewGrid())
	if a.logX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	if a.logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	if a.yMax > a.yMin {
		p.Y.Min, p.Y.Max = a.yMin, a.yMax
	}
	if a.integerX {
		p.X.Tick.Marker = integerTicks{}
	}
	if a.countY {
		p.Y.Min = 0
		p.Y.Tick.Marker = integerTicks{}
	}
	p.Legend.Top = !a.legendBottom
	return p
}

// linePanel draws series as lines with points over a numeric x axis. Points
// a log axis cannot show (zero or negative) and NaN points are left out.
func linePanel(a axes, ss ...series) (*plot.Plot, error) {
	p := newPanel(a)
	for i, s := range ss {
		var pts plotter.XYs
		var errs plotter.YErrors
		for k, pt := range s.points {
			if math.IsNaN(pt.Y) || math.IsInf(pt.Y, 0) || (a.logX && pt.X <= 0) || (a.logY && pt.Y <= 0) {
				continue
			}
			pts = append(pts, pt)
			if k < len(s.spread) {
				d := finiteOr0(s.spread[k])
				errs = append(errs, struct{ Low, High float64 }{d, d})
			}
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, fmt.Errorf("plot %q, series %q: %w", a.title, s.name, err)
		}
		line.Color = plotutil.Color(i)
		points.Color = plotutil.Color(i)
		points.Shape = plotutil.Shape(i)
		if s.dashed {
			line.Dashes = plotutil.Dashes(1)
		}
		p.Add(line, points)
		p.Legend.Add(s.name, line, points)
		if len(errs) == len(pts) && !a.logY {
			bars, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{pts, errs})
			if err != nil {
				return nil, fmt.Errorf("plot %q, spread of %q: %w", a.title, s.name, err)
			}
			bars.Color = plotutil.Color(i)
			p.Add(bars)
		}
	}
	return p, nil
}

// bar is one bar of a bar panel: a mean and its standard deviation.
type bar struct {
	name     string
	mean, sd float64
}

// barPanel draws one bar per value with its spread as an error bar. The y
// axis starts at a.yMin, so that close values (accuracies near 1) can be
// told apart; its tick labels say where it starts.
func barPanel(a axes, bars ...bar) (*plot.Plot, error) {
	p := newPanel(a)
	values := make(plotter.Values, len(bars))
	pts := make(plotter.XYs, len(bars))
	errs := make(plotter.YErrors, len(bars))
	names := make([]string, len(bars))
	for i, b := range bars {
		values[i], names[i] = b.mean, b.name
		pts[i] = plotter.XY{X: float64(i), Y: b.mean}
		errs[i].Low, errs[i].High = finiteOr0(b.sd), finiteOr0(b.sd)
	}
	chart, err := plotter.NewBarChart(values, panelWidth/vg.Length(2*max(len(bars), 1)+1))
	if err != nil {
		return nil, fmt.Errorf("plot %q: %w", a.title, err)
	}
	chart.Color = plotutil.Color(0)
	chart.LineStyle.Width = 0
	spread, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{pts, errs})
	if err != nil {
		return nil, fmt.Errorf("plot %q: spread: %w", a.title, err)
	}
	p.Add(chart, spread) // widens the y range to the bars' base, 0
	if a.yMax > a.yMin {
		p.Y.Min, p.Y.Max = a.yMin, a.yMax
	}
	p.NominalX(names...)
	return p, nil
}

// savePlots tiles panels, plotColumns to a row, on one page and writes it to
// path in the format its extension names.
func savePlots(path string, panels ...*plot.Plot) (err error) {
	format, err := plotFormat(path)
	if err != nil {
		return err
	}
	if len(panels) == 0 {
		return errors.New("plot: nothing to draw")
	}
	cols := min(plotColumns, len(panels))
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
	page, err := draw.NewFormattedCanvas(vg.Length(cols)*panelWidth, vg.Length(rows)*panelHeight, format)
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

// integerTicks marks every whole number of the axis (at most about 10,
// then every second, fifth... one).
type integerTicks struct{}

// Ticks returns the ticks of whole numbers between lo and hi.
func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
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

// historyRound is one round of a study's history as its figure draws it.
type historyRound struct {
	round uint32
	// closed tells whether the round produced a model (and metrics).
	closed              bool
	accuracy, auc, loss float64
	// committed counts the updates committed on chain, aggregated those the
	// round's model averaged, flagged those robust scoring flagged (one
	// strike each).
	committed, aggregated, flagged int
	// sites holds each site's accuracy on its own test records, if known.
	sites map[string]float64
}

// studyHistory is what `study show --plot` and `demo --plot` draw.
type studyHistory struct {
	title  string
	robust bool
	// commits tells whether the rounds' committed counts are known (the
	// chain has them; the demo's report counts only aggregated updates).
	commits bool
	rounds  []historyRound
	// siteNames orders the per-site lines.
	siteNames []string
}

// historyFromChain is the history of a study as the chain records it.
func historyFromChain(r *studyReport) studyHistory {
	h := studyHistory{title: fmt.Sprintf("study %d", r.ID), robust: len(r.Strikes) > 0, commits: true}
	strikes := make(map[uint32]int)
	for _, k := range r.Strikes {
		strikes[k.Round]++
	}
	for _, rr := range r.RoundHistory {
		h.robust = h.robust || rr.ScoresHash != (common.Hash{})
		h.rounds = append(h.rounds, historyRound{
			round: rr.Number, closed: rr.Status == "closed", accuracy: rr.Accuracy, auc: rr.AUC, loss: rr.Loss,
			committed: int(rr.Commitments), aggregated: int(rr.Aggregated), flagged: strikes[rr.Number],
		})
	}
	return h
}

// historyFromDemo is the history of the demo's study, per site too.
func historyFromDemo(rep *simulation.Report) studyHistory {
	h := studyHistory{title: fmt.Sprintf("demo study %d", rep.StudyID)}
	for _, p := range rep.Participants {
		h.siteNames = append(h.siteNames, p.Name)
	}
	for _, f := range rep.Rounds {
		h.robust = h.robust || f.Seconds.Score > 0 || len(f.Flagged) > 0
		hr := historyRound{
			round: f.Round, closed: true, accuracy: f.Accuracy, auc: f.AUC, loss: f.Loss,
			aggregated: f.Participants, flagged: len(f.Flagged),
		}
		if len(f.Contributors) > 0 {
			hr.aggregated = len(f.Contributors)
		}
		if len(f.Sites) > 0 {
			hr.sites = make(map[string]float64, len(f.Sites))
			for _, s := range f.Sites {
				hr.sites[s.Name] = s.Accuracy
			}
		}
		h.rounds = append(h.rounds, hr)
	}
	return h
}

// historyPlots draws a study's history: accuracy and AUC per round (and
// each site's accuracy), loss, contributors, and flagged updates if the
// study is robust.
func historyPlots(h studyHistory) ([]*plot.Plot, error) {
	var acc, auc, loss, committed, aggregated, flagged series
	acc.name, auc.name, loss.name = "accuracy", "AUC", "loss"
	committed.name, aggregated.name, flagged.name = "updates committed", "updates aggregated", "flagged (a strike each)"
	committed.dashed = true
	sites := make([]series, len(h.siteNames))
	for i, name := range h.siteNames {
		sites[i] = series{name: name + " accuracy", dashed: true}
	}
	for _, r := range h.rounds {
		x := float64(r.round)
		committed.points = append(committed.points, plotter.XY{X: x, Y: float64(r.committed)})
		flagged.points = append(flagged.points, plotter.XY{X: x, Y: float64(r.flagged)})
		if !r.closed {
			continue
		}
		aggregated.points = append(aggregated.points, plotter.XY{X: x, Y: float64(r.aggregated)})
		acc.points = append(acc.points, plotter.XY{X: x, Y: r.accuracy})
		auc.points = append(auc.points, plotter.XY{X: x, Y: r.auc})
		loss.points = append(loss.points, plotter.XY{X: x, Y: r.loss})
		for i, name := range h.siteNames {
			if v, ok := r.sites[name]; ok {
				sites[i].points = append(sites[i].points, plotter.XY{X: x, Y: v})
			}
		}
	}
	quality, err := linePanel(axes{title: h.title + ": model quality per round", x: "round", y: "on the sites' test records", integerX: true, yMin: 0, yMax: 1.05, legendBottom: true},
		append([]series{acc, auc}, sites...)...)
	if err != nil {
		return nil, err
	}
	lossPanel, err := linePanel(axes{title: h.title + ": loss per round", x: "round", y: "log loss", integerX: true}, loss)
	if err != nil {
		return nil, err
	}
	counts := []series{aggregated}
	if h.commits {
		counts = append(counts, committed)
	}
	contributors, err := linePanel(axes{title: h.title + ": contributors per round", x: "round", y: "updates", integerX: true, countY: true}, counts...)
	if err != nil {
		return nil, err
	}
	panels := []*plot.Plot{quality, lossPanel, contributors}
	if h.robust {
		flags, err := linePanel(axes{title: h.title + ": robust scoring per round", x: "round", y: "updates flagged", integerX: true, countY: true}, flagged)
		if err != nil {
			return nil, err
		}
		panels = append(panels, flags)
	}
	return panels, nil
}

// checkPlotFlag checks a command's --plot path, if one is given, and
// explains a bad one on stderr as a usage error.
func checkPlotFlag(path string, stderr io.Writer) error {
	if path == "" {
		return nil
	}
	if err := checkPlotPath(path); err != nil {
		fmt.Fprintf(stderr, "--plot: %v\n", err)
		return errUsage
	}
	return nil
}

// writePlots draws the panels that draw returns to path, if one is given,
// and says so on note, after label.
func writePlots(path string, note io.Writer, label string, draw func() ([]*plot.Plot, error)) error {
	if path == "" {
		return nil
	}
	panels, err := draw()
	if err != nil {
		return err
	}
	if err := savePlots(path, panels...); err != nil {
		return err
	}
	fmt.Fprintf(note, "%splot written to %s\n", label, path)
	return nil
}

// hasPoints tells whether any of ss has a point to draw.
func hasPoints(ss []series) bool {
	for _, s := range ss {
		for _, p := range s.points {
			if !math.IsNaN(p.Y) {
				return true
			}
		}
	}
	return false
}

// seriesRange returns the lowest and highest y of ss, spreads included,
// ignoring NaN; lo > hi if there is none.
func seriesRange(ss []series) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for k, p := range s.points {
			if math.IsNaN(p.Y) {
				continue
			}
			d := 0.0
			if k < len(s.spread) {
				d = s.spread[k]
			}
			lo, hi = math.Min(lo, p.Y-d), math.Max(hi, p.Y+d)
		}
	}
	return lo, hi
}

// finiteOr0 is x, or 0 for NaN and infinities: a spread that was not
// measured (one seed) is drawn as none.
func finiteOr0(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}
