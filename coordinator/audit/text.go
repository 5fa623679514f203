package audit

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/cohort-fl/cohort/contracts/studies"
)

// WriteText prints one line per round, then each round whose model was
// not cross-checked and each mismatching or incomplete round's problems,
// as `cohort audit` does.
func (rep *Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "study %d: every closed round's aggregate recomputed from the committed updates, its model from the holders' signed decryption shares and its metrics from the members' signed evaluations\n\n", rep.Study)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "round\tverdict\tcommitted\tsummed\tdecrypted by\tcross-checked\tevaluated by\taggregate (on chain)\tmodel (on chain)")
	for _, r := range rep.Rounds {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%s\t%d\t%s\t%s\n", r.Round, r.Verdict, r.Committed, r.Contributors, len(r.Decrypters), crossCheckCell(r), len(r.Evaluators), studies.HashOrDash(r.Aggregate), studies.HashOrDash(r.Model))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	rep.Moments.writeText(w)
	for _, r := range rep.Rounds {
		for _, u := range r.Unevaluated {
			if u.Declined {
				fmt.Fprintf(w, "round %d: the metrics leave out %s, which declined to evaluate the model (signed): %q\n", r.Round, u.Member.Hex(), u.Reason)
			} else {
				fmt.Fprintf(w, "round %d: the metrics leave out %s, whose update weighs in the model: the record keeps neither its evaluation nor a signed decline (it did not answer, or the coordinator left its evaluation out)\n", r.Round, u.Member.Hex())
			}
		}
	}
	for _, r := range rep.Rounds {
		if r.DecryptionSets == 1 {
			fmt.Fprintf(w, "round %d: %s\n", r.Round, NotCrossCheckedText(len(r.Decrypters)))
		}
	}
	for _, r := range rep.Rounds {
		for _, p := range r.Problems {
			fmt.Fprintf(w, "round %d: %s\n", r.Round, p)
		}
	}
	for _, d := range rep.Disputes {
		where := "an aggregate the coordinator sent but never recorded"
		if d.Recorded {
			where = "the aggregate the round closed with"
		}
		fmt.Fprintf(w, "round %d: %s refused %s (%s) as not the weighted sum of the committed updates; its evidence hash %s\n",
			d.Round, d.Reporter.Hex(), where, d.Aggregate.Hex(), d.Evidence.Hex())
	}
	single := ""
	if rep.Moments.NotCrossChecked() {
		single = "; the pooled standardiser was decrypted by a single set of holders and not cross-checked (above)"
	}
	switch {
	case rep.OK && len(rep.NotCrossChecked()) > 0:
		fmt.Fprintf(w, "\nall rounds match the chain; the model of round(s) %v was decrypted by a single set of holders and not cross-checked (above)%s\n", rep.NotCrossChecked(), single)
	case rep.OK:
		fmt.Fprintf(w, "\nall rounds match the chain%s\n", single)
	case slices.ContainsFunc(rep.Rounds, func(r Round) bool { return r.Verdict == Mismatch }) || (rep.Moments != nil && rep.Moments.Verdict == Mismatch):
		fmt.Fprintln(w, "\nMISMATCH: the rounds (or the moments) above do not match what the chain records")
	default:
		fmt.Fprintln(w, "\nINCOMPLETE: the store lacks blobs the rounds above need, so they could not be checked (nothing that was read failed); audit a complete copy of the coordinator's store (its data_dir)")
	}
	return nil
}

// NotCrossCheckedText says what a model decrypted by a single set of
// holders holders means and what to do about it.
func NotCrossCheckedText(holders int) string {
	return fmt.Sprintf("the model is not cross-checked: one decryption set of %d holders decrypted it, so one lying holder among the t could have shifted it "+
		"(a decryption share cannot be checked on its own, and nothing was compared); the study needs a spare holder live: a committee (or membership) of at least threshold + 1", holders)
}

// crossCheckCell is a round's cross-checked column: how many decryption
// sets agreed, or "-" if the model was not recomputed.
func crossCheckCell(r Round) string {
	switch {
	case r.DecryptionSets == 0:
		return "-"
	case r.CrossChecked:
		return fmt.Sprintf("yes (%d sets)", r.DecryptionSets)
	}
	if r.DecryptionSets == 1 {
		return "NO (1 set)"
	}
	return fmt.Sprintf("NO (%d sets, one holder in all)", r.DecryptionSets)
}

// writeText prints the moments phase's lines (none for a nil Moments): its
// verdict, whether its decryption was cross-checked, and its problems.
func (m *Moments) writeText(w io.Writer) {
	if m == nil {
		return
	}
	fmt.Fprintln(w)
	if m.Verdict == NotClosed {
		fmt.Fprintf(w, "moments: %s: the chain pins the moments sum %s, and no standardiser is agreed yet: the moments phase has not ended, or the sum was refused and the study cannot start (the coordinator's error says which)\n", m.Verdict, m.Sum.Hex())
		return
	}
	fmt.Fprintf(w, "moments: %s: the pooled standardiser %s (on chain) from the moments sum %s (pinned)", m.Verdict, studies.HashOrDash(m.Standardiser), studies.HashOrDash(m.Sum))
	if m.Hospitals > 0 {
		fmt.Fprintf(w, " of %d hospitals (%d records)", m.Hospitals, m.Records)
	}
	if m.DecryptionSets > 0 {
		fmt.Fprintf(w, ", decrypted by %d holders", len(m.Decrypters))
	}
	fmt.Fprintln(w)
	switch cross := m.CrossCheckText(); {
	case m.CrossChecked:
		fmt.Fprintf(w, "moments: %s\n", cross)
	case m.DecryptionSets == 1:
		fmt.Fprintf(w, "moments: %s: the pooled standardiser was decrypted by a single set of %d holders, so one lying holder among the t could have shifted the standardiser every hospital trained with (nothing was compared); the study needs a spare holder live before round 1\n", cross, len(m.Decrypters))
	}
	for _, p := range m.Problems {
		fmt.Fprintf(w, "moments: %s\n", p)
	}
}
