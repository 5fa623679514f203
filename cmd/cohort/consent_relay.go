package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/consentfile"
)

// relay runs `cohort consent relay`: a member hospital relays a file of
// patients' signed changes (what `consent grant|revoke --out` writes), in
// batches of contracts.ConsentBatchSize per transaction.
func (cmd consentCmd) relay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("consent relay", "consent relay --eth-rpc URL --contract ADDR --file signed.json --relayer-key FILE [--open-counts] [--json]", stderr)
	var f consentFlags
	f.registerChain(fs)
	file := fs.String("file", "", "signed changes: a JSON array of, or a stream of, the objects `consent grant|revoke --out` writes (required)")
	relayerKey := fs.String("relayer-key", "", "a member hospital's key file: sends the batches and pays their gas (required)")
	asJSON := fs.Bool("json", false, "print one JSON object with every entry's outcome")
	openCounts := fs.Bool("open-counts", false, "first open the relayer's consent counts for every study and purpose in the file, so that the changes count towards its sample bound in studies that bind samples to consent (a transaction for each count not open yet); a study that binds samples has its count opened without it, a purpose's only with it")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(stderr); err != nil {
		return err
	}
	if *file == "" || *relayerKey == "" {
		fmt.Fprintln(stderr, "--file FILE and --relayer-key FILE are required")
		return errUsage
	}
	changes, domains, err := consentfile.ReadAll(*file)
	if err != nil {
		return err
	}
	relayer, err := loadKeyFile(*relayerKey)
	if err != nil {
		return err
	}
	ledger, release, err := cmd.open(ctx, &f)
	if err != nil {
		return err
	}
	defer release()
	// Grants count towards a hospital's sample bound only once its count
	// is open: a study that binds samples has its count opened unasked, or
	// a hospital that forgot --open-counts would find its commitments
	// refused.
	opened := map[contracts.ConsentScope]bool{}
	for _, c := range changes {
		if opened[c.Scope] {
			continue
		}
		opened[c.Scope] = true
		open := *openCounts
		if !open && c.Scope.StudyID != 0 {
			if open, err = ledger.SamplesBound(ctx, c.Scope.StudyID); err != nil {
				return err
			}
		}
		if !open {
			continue
		}
		if _, err := ledger.OpenSampleCount(ctx, relayer, c.Scope); err != nil {
			return err
		}
		if !*openCounts {
			fmt.Fprintf(stderr, "study %d binds sample counts to consent: opened %s's count for it, so these grants bound its commitments\n", c.Scope.StudyID, relayer.Address().Hex())
		}
	}
	out, err := consentfile.Relay(ctx, ledger, relayer, changes, domains, *file)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	fmt.Fprintf(stdout, "%s relayed in %s by %s: %d recorded, %d skipped, %d gas (%d per change)\n",
		counted(out.Changes, "consent change"), counted(len(out.Transactions), "transaction"), relayer.Address().Hex(), out.Recorded, out.Skipped, out.GasUsed, out.GasUsed/uint64(out.Changes))
	for _, e := range out.Entries {
		if e.Outcome == contracts.ConsentRecorded.String() {
			continue
		}
		if e.Detail != "" {
			fmt.Fprintf(stdout, "  skipped change %d (patient %s): %s: %s\n", e.Index, e.Patient.Hex(), e.Outcome, e.Detail)
		} else {
			fmt.Fprintf(stdout, "  skipped change %d (patient %s): %s\n", e.Index, e.Patient.Hex(), e.Outcome)
		}
	}
	return nil
}
