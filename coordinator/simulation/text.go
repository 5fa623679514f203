package simulation

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
	"github.com/google/renameio/v2"
)

// WriteSummary prints the study's hospitals, its rounds and its final
// model, as `cohort demo` shows them once the study is done.
func (rep *Report) WriteSummary(out io.Writer) {
	fmt.Fprintln(out)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "hospital\taddress\trecords\tconsented (%s, round 1)\ttest\t\n", rep.Consent.Source)
	for _, p := range rep.Participants {
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t\n", p.Name, p.Address.Hex()[:10]+"…", p.Records, p.Consented, p.Test)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "round\taccuracy\tauc\tloss\tsites\tsamples\ttrain s\tencrypt s\taggregate s\tdecrypt s\tchain s\tgas\tmodel hash\t")
	for _, r := range rep.Rounds {
		fmt.Fprintf(w, "%d\t%.3f\t%.3f\t%.3f\t%d\t%d\t%.2f\t%.2f\t%.3f\t%.3f\t%.2f\t%d\t%s\t\n",
			r.Round, r.Accuracy, r.AUC, r.Loss, r.Participants, r.Samples, r.Seconds.Train, r.Seconds.Encrypt,
			r.Seconds.Aggregate, r.Seconds.Decrypt, r.Seconds.Chain, r.GasUsed, r.ModelHash.Hex()[:12]+"…")
	}
	_ = w.Flush()
	switch rep.Standardisation {
	case records.StandardisePooled:
		fmt.Fprintf(out, "\nfeatures standardised with statistics pooled across the %d hospitals under encryption (moments phase), standardiser %s\n",
			len(rep.Participants), rep.StandardiserHash.Hex()[:12]+"…")
	case records.StandardiseSite:
		fmt.Fprintln(out, "\nfeatures standardised with each hospital's own statistics")
	}
	if p := rep.Privacy; p != nil {
		how := "every hospital trained with DP-SGD"
		if p.Mechanism == models.MechanismDistributed {
			how = "one DP-SGD step of the union per round, the noise shared over the encrypted sum"
		}
		fmt.Fprintf(out, "\ndifferential privacy: %s; the study's ε after round %d is %.4g of its budget %g at δ %g (per round: cohort study show)\n",
			how, len(rep.Rounds), p.Spent, p.Epsilon, p.Delta)
	}
	if rep.Final.CIndex > 0 {
		fmt.Fprintf(out, "\nfinal Cox model: C-index %.3f over the pairs of each site's test records (%d sites); study %d on contract %s; %.1fs in all\n",
			rep.Final.CIndex, len(rep.Participants), rep.StudyID, rep.Contract.Hex(), rep.Seconds)
		if last := rep.Rounds[len(rep.Rounds)-1]; len(last.Sites) > 0 {
			fmt.Fprintf(out, "per site (its own test records):")
			for _, site := range last.Sites {
				fmt.Fprintf(out, "  %s %.3f (%d)", site.Name, site.CIndex, site.Records)
			}
			fmt.Fprintln(out)
		}
		return
	}
	fmt.Fprintf(out, "\nfinal model: accuracy %.3f, AUC %.3f on %d sites' test records; study %d on contract %s; %.1fs in all\n",
		rep.Final.Accuracy, rep.Final.AUC, len(rep.Participants), rep.StudyID, rep.Contract.Hex(), rep.Seconds)
	if last := rep.Rounds[len(rep.Rounds)-1]; len(last.Sites) > 0 {
		fmt.Fprintf(out, "per site (its own test records):")
		for _, site := range last.Sites {
			fmt.Fprintf(out, "  %s %.3f acc / %.3f auc (%d)", site.Name, site.Accuracy, site.AUC, site.Records)
		}
		fmt.Fprintln(out)
	}
}

// WritePersonalised prints each hospital's shared and personalised figure.
func WritePersonalised(out io.Writer, ps []PersonalisedSite, metric string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(out, "personalised at each hospital (fine-tuned on its own records; stays there), %s on its own test records:", metric)
	for _, p := range ps {
		fmt.Fprintf(out, "  %s %.3f -> %.3f", p.Name, p.Shared.Headline(metric), p.Personalised.Headline(metric))
	}
	fmt.Fprintln(out)
}

// PrintProgress sets the study's hooks to print, as `cohort demo` does, a
// header, the consent set-up, a line per round and what robust scoring and
// consent revocations changed in it.
func (cfg *Config) PrintProgress(out io.Writer) {
	fmt.Fprintf(out, "Cohort demo: %d hospitals, %d rounds, seed %d, encryption %s\n", cfg.Hospitals, cfg.Rounds, cfg.Seed, EncryptionName(!cfg.Plaintext))
	fmt.Fprintln(out, "starting an embedded chain, a TLS coordinator on 127.0.0.1 and the hospital nodes; key generation first")
	cfg.ConsentReady = func(c ConsentFigures) {
		fmt.Fprintf(out, "consent: %d patients signed grants (EIP-712) that their hospitals relayed on chain in %.1fs, %d gas each on average\n",
			c.Granted, c.GrantSeconds, c.GrantGas/uint64(max(c.Granted, 1)))
	}
	previousSamples := 0
	suspended := make(map[string]bool)
	survival := (cfg.Recipe != nil && cfg.Recipe.Model.IsSurvival()) || (cfg.Spec != nil && cfg.Spec.IsSurvival())
	for i, a := range cfg.Attacks {
		fmt.Fprintf(out, "hospital-%d is an attacker: %s\n", i+1, a)
	}
	cfg.Progress = func(f RoundFigures) {
		if survival {
			fmt.Fprintf(out, "round %d/%d  c-index %.3f  sites %d  samples %d  %.1fs  gas %d\n",
				f.Round, cfg.Rounds, f.CIndex, f.Participants, f.Samples, f.Seconds.Total, f.GasUsed)
		} else {
			fmt.Fprintf(out, "round %d/%d  accuracy %.3f  auc %.3f  loss %.3f  sites %d  samples %d  %.1fs  gas %d\n",
				f.Round, cfg.Rounds, f.Accuracy, f.AUC, f.Loss, f.Participants, f.Samples, f.Seconds.Total, f.GasUsed)
		}
		if f.NewlyRevoked > 0 {
			fmt.Fprintf(out, "round %d: %d patients revoked consent on chain before it opened; their records are no longer used (samples %d -> %d)\n",
				f.Round, f.NewlyRevoked, previousSamples, f.Samples)
		}
		previousSamples = f.Samples
		for _, name := range f.FlaggedNames {
			if slices.Contains(f.StruckNames, name) {
				fmt.Fprintf(out, "round %d: robust scoring flagged %s's update; a strike is recorded on chain\n", f.Round, name)
			} else {
				fmt.Fprintf(out, "round %d: robust scoring flagged %s's update (it weighs nothing); no strike on chain yet: a strike needs the study's threshold of endorsements of scores more than one set of holders decrypted\n", f.Round, name)
			}
		}
		for _, name := range f.SuspendedNames {
			if !suspended[name] {
				fmt.Fprintf(out, "round %d: %s reached the study's strike limit and is suspended: its commits are refused\n", f.Round, name)
				suspended[name] = true
			}
		}
	}
}

// EncryptionName says whether a study's updates are encrypted.
func EncryptionName(b bool) string {
	if b {
		return "on (multiparty CKKS)"
	}
	return "OFF (insecure test mode)"
}

// LastAttackers makes the last k of n hospitals attackers with the attack
// name gives (participant.ParseAttack), colluding: adaptive attackers pool
// their updates.
func LastAttackers(name string, k, n int) (map[int]participant.Attack, error) {
	a, err := participant.ParseAttack(name)
	if err == nil {
		a, err = a.Colluding(k, n)
	}
	if err != nil {
		return nil, err
	}
	attacks := make(map[int]participant.Attack, k)
	for i := n - k; i < n; i++ {
		attacks[i] = a
	}
	return attacks, nil
}

// Save writes the report as indented JSON to path (`cohort demo --report`).
func (rep *Report) Save(path string) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
