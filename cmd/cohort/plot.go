package main

// plot.go holds what the commands share about --plot: the flag's help text
// and check, drawing to the named file, and a study's history as the chain
// and the demo's report give it. The figures themselves are drawn with
// package chart; each benchmark's are beside its harness in package
// evaluation.

import (
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"
	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// plotFlagUsage is the help text of every command's --plot flag.
const plotFlagUsage = "also draw the figures to this file: SVG, or PNG if the name ends in .png"

// historyFromChain is the history of a study as the chain records it.
func historyFromChain(r *studies.Report) chart.History {
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

// historyFromDemo is the history of the demo's study, per site too.
func historyFromDemo(rep *simulation.Report) chart.History {
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
