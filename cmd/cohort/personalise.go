package main

import (
	"fmt"
	"io"

	"github.com/cohort-fl/cohort/coordinator/simulation"
)

// printPersonalised prints each hospital's shared and personalised figure.
func printPersonalised(out io.Writer, ps []simulation.PersonalisedSite, metric string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(out, "personalised at each hospital (fine-tuned on its own records; stays there), %s on its own test records:", metric)
	for _, p := range ps {
		fmt.Fprintf(out, "  %s %.3f -> %.3f", p.Name, p.Shared.Headline(metric), p.Personalised.Headline(metric))
	}
	fmt.Fprintln(out)
}
