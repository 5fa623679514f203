package studies

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
)

// WriteText prints the report as the text tables of `cohort study show`.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "study %d on contract %s (chain %d): %s\n", r.ID, r.Contract.Hex(), r.ChainID, r.Status)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  owner\t%s\n  coordinator\t%s\n  recipe hash\t%s\n  purpose\t%s\n  reference\t%s\n  public key hash\t%s\n",
		r.Owner.Hex(), r.Coordinator.Hex(), r.RecipeHash.Hex(), r.Purpose.Hex(), r.ReferenceCommitment.Hex(), HashOrDash(r.PublicKeyHash))
	fmt.Fprintf(tw, "  rounds\t%d (run %d)\n  min participants\t%d\n  threshold t\t%d\n  strike limit\t%d\n",
		r.Rounds, r.CurrentRound, r.MinParticipants, r.Threshold, r.StrikeLimit)
	if c := r.Committee; c != nil {
		fmt.Fprintf(tw, "  committee	%d holders, selection %d (after round %d, current %v)\n", c.Size, c.Epoch, c.SelectedRound, c.Current)
		for _, m := range c.Members {
			fmt.Fprintf(tw, "\t%s\n", m.Hex())
		}
	}
	tw.Flush()

	fmt.Fprintf(w, "\nparticipants (%d)\n", len(r.Participants))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\taddress\tname\tstrikes\tsuspended\tlast round")
	for _, p := range r.Participants {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%d\t%v\t%d\n", p.Index, p.Address.Hex(), p.Name, p.Strikes, p.Suspended, p.LastCommittedRound)
	}
	tw.Flush()
	if len(r.Removed) > 0 {
		fmt.Fprintf(w, "\nremoved by vote (%d; each joins again only once reinstated: 'cohort member reinstate')\n", len(r.Removed))
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  address\tname\tblock")
		for _, m := range r.Removed {
			fmt.Fprintf(tw, "  %s\t%s\t%d\n", m.Address.Hex(), m.Name, m.Block)
		}
		tw.Flush()
	}

	fmt.Fprintf(w, "\nrounds (%d)\n", len(r.RoundHistory))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  round\tstatus\tcommits\taggregated\taccuracy\tauc\tloss\tblocks\tmodel hash")
	for _, rr := range r.RoundHistory {
		blocks := strconv.FormatUint(rr.OpenedBlock, 10) + "-"
		if rr.ClosedBlock != 0 {
			blocks += strconv.FormatUint(rr.ClosedBlock, 10)
		}
		metrics := "-\t-\t-"
		if rr.Status == "closed" {
			metrics = fmt.Sprintf("%.4f\t%.4f\t%.4f", rr.Accuracy, rr.AUC, rr.Loss)
		}
		fmt.Fprintf(tw, "  %d\t%s\t%d\t%d\t%s\t%s\t%s\n", rr.Number, rr.Status, rr.Commitments, rr.Aggregated, metrics, blocks, HashOrDash(rr.ModelHash))
	}
	tw.Flush()
	for _, rr := range r.RoundHistory {
		fmt.Fprintf(w, "  round %d: global model %s, commitments root %s, aggregate %s\n",
			rr.Number, rr.GlobalModel.Hex(), rr.CommitmentsRoot.Hex(), HashOrDash(rr.AggregateHash))
	}

	writeSamples(w, r)
	writePrivacy(w, r)

	if len(r.Strikes) > 0 {
		fmt.Fprintf(w, "\nstrikes (%d)\n", len(r.Strikes))
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  member\tround\treason\tstrikes\tevidence")
		for _, k := range r.Strikes {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%d\t%s\n", k.Member.Hex(), k.Round, k.Reason, k.Strikes, k.Evidence.Hex())
		}
		tw.Flush()
	}
}

// HashOrDash prints a hash, or "-" for the zero hash (not recorded yet).
func HashOrDash(h common.Hash) string {
	if h == (common.Hash{}) {
		return "-"
	}
	return h.Hex()
}

// writePrivacy prints the budget and, per round, the study's ε after it,
// what the round added and what is left.
func writePrivacy(w io.Writer, r *Report) {
	p := r.Privacy
	if p == nil {
		return
	}
	fmt.Fprintf(w, "\nprivacy budget ε %g at δ %g: %.6g spent, %.6g left\n", p.Epsilon, p.Delta, p.Spent, p.Epsilon-p.Spent)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  round\tε after\tthis round\tleft")
	prev := 0.0
	for _, rr := range r.RoundHistory {
		fmt.Fprintf(tw, "  %d\t%.6f\t%.6f\t%.6f\n", rr.Number, rr.EpsilonSpent, rr.EpsilonSpent-prev, p.Epsilon-rr.EpsilonSpent)
		prev = rr.EpsilonSpent
	}
	tw.Flush()
}

// writeSamples prints, per hospital, the samples it committed in each
// round ("-": no commitment) and, for a study that binds samples, its
// bound to consent now: the study's participants, then hospitals that
// committed and left.
func writeSamples(w io.Writer, r *Report) {
	if len(r.RoundHistory) == 0 && !r.SamplesBound {
		return
	}
	fmt.Fprint(w, "\nsamples committed per round")
	if r.SamplesBound {
		fmt.Fprint(w, " (a participant's bound to consent now in the last column)")
	}
	fmt.Fprintln(w)
	type row struct {
		address common.Address
		name    string
		bound   string
	}
	var rows []row
	listed := map[common.Address]bool{}
	for _, p := range r.Participants {
		bound := "-"
		if p.SampleBound != nil {
			bound = strconv.FormatUint(*p.SampleBound, 10)
		}
		rows, listed[p.Address] = append(rows, row{p.Address, p.Name, bound}), true
	}
	for _, rr := range r.RoundHistory {
		for _, c := range rr.Samples {
			if !listed[c.Member] {
				rows, listed[c.Member] = append(rows, row{c.Member, c.Name, "-"}), true
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "  name\taddress")
	for _, rr := range r.RoundHistory {
		fmt.Fprintf(tw, "\tround %d", rr.Number)
	}
	if r.SamplesBound {
		fmt.Fprint(tw, "\tbound")
	}
	fmt.Fprintln(tw)
	for _, rw := range rows {
		fmt.Fprintf(tw, "  %s\t%s", rw.name, rw.address.Hex())
		for _, rr := range r.RoundHistory {
			cell := "-"
			for _, c := range rr.Samples {
				if c.Member == rw.address {
					cell = strconv.FormatUint(c.Samples, 10)
				}
			}
			fmt.Fprintf(tw, "\t%s", cell)
		}
		if r.SamplesBound {
			fmt.Fprintf(tw, "\t%s", rw.bound)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}
