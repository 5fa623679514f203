package main

// plot.go holds what the commands share about --plot: the flag's help text
// and check, drawing to the named file, and a study's history as the chain
// and the demo's report give it. The figures themselves are drawn with
// package chart; each benchmark's are beside its harness in package
// evaluation.

import (
	"fmt"
	"io"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
)

// plotFlagUsage is the help text of every command's --plot flag.
const plotFlagUsage = "also draw the figures to this file: SVG, or PNG if the name ends in .png"

// checkPlotFlag checks a command's --plot path, if one is given, and
// explains a bad one on stderr as a usage error.
func checkPlotFlag(path string, stderr io.Writer) error {
	if path == "" {
		return nil
	}
	if err := chart.CheckPath(path); err != nil {
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
	if err := chart.Save(path, panels...); err != nil {
		return err
	}
	fmt.Fprintf(note, "%splot written to %s\n", label, path)
	return nil
}
